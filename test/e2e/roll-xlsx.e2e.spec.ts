/**
 * Issue 20, point 1 on the chair's screen: an Excel roll (written by SheetJS, not by the server's reader) is read
 * first without writing: the column mapping, the first members and every bad row by its row number; only a clean
 * file offers the import. Screenshots: roll-xlsx-preview-1440.png, roll-xlsx-error-390.png.
 */
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { Api, type Meeting } from './support/api.js';
import { launchBrowser, newPage, pageErrors, screenshot } from './support/browser.js';
import { waitForLive, waitForText } from './support/screens.js';
import { startServer, type RunningServer } from './support/server.js';

function workbook(rows: (string | number)[][]): Buffer {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '名册');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('the roll from an Excel workbook, on the chair screen', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let meeting: Meeting;

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    browser = await launchBrowser();
    meeting = await api.createMeeting({ title: '2026年换届选举党员大会', organisation: '第一党支部' });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = async (width: number): Promise<Page> => {
    const { page } = await newPage(browser, { width, height: 900 });
    await page.goto(api.url(meeting.links.chair));
    await waitForLive(page);
    await page.getByRole('tab', { name: '名册' }).click();
    return page;
  };

  it('names a bad row by its row number and offers no import (390)', async () => {
    const chair = await open(390);
    await chair.locator('input[type="file"]').setInputFiles({
      name: '名册.xlsx',
      mimeType: XLSX_TYPE,
      buffer: workbook([
        ['2026年第一党支部党员名册'],
        ['姓名', '党员编号', '状态'],
        ['王伟', 'A001', '正式党员'],
        ['李娜', 'A002', '党员'],
      ]),
    });
    const preview = chair.getByTestId('roll-preview');
    await preview.waitFor();
    const alert = preview.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('第 4 行 · 状态');
    expect(await preview.getByRole('button', { name: /导入/ }).count()).toBe(0);
    await screenshot(chair, 'roll-xlsx-error-390.png');
    expect(pageErrors(chair)).toEqual([]);
    await chair.context().close();
  }, 60_000);

  it('shows the mapping and the first members, then imports them all (1440)', async () => {
    const chair = await open(1440);
    await chair.locator('input[type="file"]').setInputFiles({
      name: '名册.xlsx',
      mimeType: XLSX_TYPE,
      buffer: workbook([
        ['编号', '姓名', '身份'],
        [1001, '王伟', '正式党员'],
        [1002, '李娜', '预备党员'],
        [1003, '张敏', '正式党员'],
      ]),
    });
    const preview = chair.getByTestId('roll-preview');
    await preview.waitFor();
    const text = (await preview.textContent()) ?? '';
    expect(text).toContain('姓名取自“姓名”列，党员编号取自“编号”列，状态取自“身份”列');
    expect(text).toContain('1002');
    expect(text).toContain('预备党员');
    await screenshot(chair, 'roll-xlsx-preview-1440.png');
    await preview.getByRole('button', { name: '导入这 3 人' }).click();
    await chair.getByRole('status').filter({ hasText: '已从 名册.xlsx 导入 3 名人员' }).waitFor();
    await chair.getByTestId('roll-table').waitFor();
    for (const name of ['王伟', '李娜', '张敏']) await waitForText(chair, '[data-testid="roll-table"]', name);
    await screenshot(chair, 'roll-xlsx-imported-1440.png');

    // The roll on paper from the same tab: the sign-in sheet and the kiosk cards (plain reads, printable again).
    const docs = chair.getByTestId('roll-documents');
    const sheetTab = chair.waitForEvent('popup');
    await docs.getByRole('button', { name: '打印签到表' }).click();
    const sheet = await sheetTab;
    await sheet.waitForURL(/^blob:/);
    await sheet.locator('h1').waitFor();
    const sheetText = await sheet.evaluate(() => document.body.innerText);
    expect(sheetText).toContain('签 到 表'.replace(/ /g, ''));
    expect(sheetText.indexOf('王伟')).toBeLessThan(sheetText.indexOf('张敏'));
    await sheet.close();
    const cardsTab = chair.waitForEvent('popup');
    await docs.getByRole('button', { name: '打印签到卡（每页 8 张）' }).click();
    const cards = await cardsTab;
    await cards.waitForURL(/^blob:/);
    await cards.locator('.card').first().waitFor();
    expect(await cards.locator('.card').count()).toBe(3);
    expect(await cards.locator('.card .qr svg').count()).toBe(3);
    await cards.close();
    // The same two as Word files: the sheet's rows and the cards' QR pictures, one a member.
    for (const [testId, file, pictures] of [
      ['word-sign-in-sheet', '签到表.docx', 0],
      ['word-check-in-cards', '签到卡.docx', 3],
    ] as const) {
      const [download] = await Promise.all([chair.waitForEvent('download'), docs.getByTestId(testId).click()]);
      expect(download.suggestedFilename()).toBe(file);
      const zip = await JSZip.loadAsync(await readFile((await download.path())!));
      const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
      for (const name of ['王伟', '李娜', '张敏']) expect(text, `${file}: ${name}`).toContain(name);
      expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/'))).toHaveLength(pictures);
    }
    expect(pageErrors(chair)).toEqual([]);
    await chair.context().close();
  }, 60_000);
});

/**
 * Issue 23, point 2 on the organisation console: the 换届台账 of a county's subtree with its term ends, statuses and
 * reminder badges (six months, one month, overdue), and the import read first without writing. Screenshots:
 * ledger-1440.png, ledger-390.png (the phone: the table scrolls inside its box, the page does not).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { countyAdmin } from '../support/organisation.js';
import { launchBrowser, newPage, pageErrors, screenshot } from './support/browser.js';
import { pageOverflow } from './support/layout.js';
import { startServer, type RunningServer } from './support/server.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Today in Beijing moved by whole years and days on the calendar. */
function shifted(years: number, days: number): string {
  const now = new Date(Date.now() + 8 * 3600_000);
  return new Date(Date.UTC(now.getUTCFullYear() + years, now.getUTCMonth(), now.getUTCDate() + days))
    .toISOString()
    .slice(0, 10);
}
function workbook(rows: (string | number)[][]): Buffer {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '换届台账');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

describe('the 换届台账 on the organisation console', () => {
  let server: RunningServer;
  let browser: Browser;
  let county: { organisationId: string; token: string };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    county = await countyAdmin(server.url);
    const csv = [
      '组织名称,类别,上级组织,本届任期开始,委员职数,书记',
      `城关镇党委,党委,,${shifted(-1, 0)},7,赵明`,
      `第一党支部,党支部,城关镇党委,${shifted(-3, 20)},5,王一`,
      `东村党支部,村,城关镇党委,${shifted(-5, 100)},5,李二`,
      `第二党支部,党支部,城关镇党委,${shifted(-3, -10)},3,张三`,
    ].join('\n');
    const res = await fetch(`${server.url}/api/organisations/${county.organisationId}/ledger`, {
      method: 'POST',
      headers: { authorization: `Bearer ${county.token}`, 'content-type': 'text/csv' },
      body: csv,
    });
    if (res.status !== 200) throw new Error(`import: ${res.status} ${await res.text()}`);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = async (width: number): Promise<Page> => {
    const { page } = await newPage(browser, { width, height: 900 });
    await page.goto(`${server.url}/o/${county.organisationId}#t=${county.token}`);
    await page.getByTestId('ledger-table').waitFor();
    return page;
  };
  const rowText = (page: Page, name: string) =>
    page.getByTestId('ledger-table').locator('tr', { hasText: name }).first().innerText();

  it('shows each term end with its status and the reminder owed (1440)', async () => {
    const page = await open(1440);
    expect(await rowText(page, '第一党支部')).toContain(shifted(0, 20));
    expect(await rowText(page, '第一党支部')).toContain('届满前1个月提醒');
    expect(await rowText(page, '东村党支部')).toContain('届满前6个月提醒');
    expect(await rowText(page, '第二党支部')).toContain('逾期未换届');
    expect(await rowText(page, '城关镇党委')).toContain('任期内');
    expect(await page.getByTestId('ledger-summary').innerText()).toMatch(/2 个应提醒[\s\S]*1 个逾期未换届/);
    await screenshot(page, 'ledger-1440.png');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('previews an Excel ledger with a bad row, names the row and offers no import; the page fits a phone (390)', async () => {
    const page = await open(390);
    await page.getByTestId('ledger-file').setInputFiles({
      name: '台账.xlsx',
      mimeType: XLSX_TYPE,
      buffer: workbook([
        ['组织名称', '类别', '上级组织', '本届任期开始', '任期届满', '委员职数'],
        ['第三党支部', '党支部', '城关镇党委', shifted(-1, 0), '', 3],
        ['第四党支部', '党支部', '城关镇党委', shifted(-2, 0), shifted(4, 0), 3],
      ]),
    });
    const preview = page.getByTestId('ledger-preview');
    const alert = preview.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('第 3 行 · 任期届满');
    expect(await alert.textContent()).toContain('任期最长 5 年');
    expect(await preview.getByRole('button', { name: /导入/ }).count()).toBe(0);
    expect((await pageOverflow(page)).width).toBeLessThanOrEqual(0);
    await screenshot(page, 'ledger-390.png');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('an approved postponement entered on the console takes the branch off the overdue list; more than a year is refused', async () => {
    const page = await open(1440);
    const form = page.getByTestId('ledger-entry');
    await form.getByLabel('组织名称').selectOption({ label: '第二党支部' });
    await form.getByLabel('登记事项').selectOption('RecordTermExtension');
    await form.getByLabel('批准换届期限').fill(shifted(1, 0));
    await form.getByLabel('批复文号').fill('县委组字〔2026〕8号');
    await form.getByLabel('理由').fill('并入统一换届');
    await form.getByRole('button', { name: '登记' }).click();
    await form.getByRole('alert').waitFor();
    // The refusal says the date asked for and the latest one allowed (words.refusal.EXTENSION_TOO_LONG).
    const refused = await form.getByRole('alert').innerText();
    expect(refused).toContain('不超过 1 年');
    expect(refused).toMatch(/延期至\d{4}年\d{1,2}月\d{1,2}日：.*最晚为\d{4}年\d{1,2}月\d{1,2}日/);
    await form.getByLabel('批准换届期限').fill(shifted(0, 30));
    await form.getByRole('button', { name: '登记' }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="ledger-table"] tr[data-status="overdue"]') === null,
    );
    expect(await rowText(page, '第二党支部')).toContain('应换届');
    expect(await rowText(page, '第二党支部')).toContain('县委组字〔2026〕8号');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('rolls the ledger up by kind with the share done, and marks a term entered as a 党员代表大会 (1440, 390)', async () => {
    const page = await open(1440);
    const byKind = page.getByTestId('ledger-by-kind');
    const line = (kind: string) => byKind.locator(`tr[data-kind="${kind}"]`);
    // After the postponement above: both branches are due, none done; the town committee is in its term.
    expect((await line('branch').innerText()).split(/\s+/)).toEqual(['党支部', '2', '2', '0', '0', '0', '0%']);
    expect(await line('committee').getByTestId('ledger-percent-done').innerText()).toBe('—');

    const form = page.getByTestId('ledger-entry');
    await form.getByLabel('组织名称').selectOption({ label: '第一党支部' });
    await form.getByLabel('登记事项').selectOption('RecordRenewalStatus');
    await form.getByLabel('换届状态').selectOption('done');
    await form.getByLabel('日期').fill(shifted(0, 0));
    await form.getByRole('button', { name: '登记' }).click();
    await page.waitForFunction(
      () =>
        document.querySelector(
          '[data-testid="ledger-by-kind"] tr[data-kind="branch"] [data-testid="ledger-percent-done"]',
        )?.textContent === '50%',
    );

    await form.getByLabel('组织名称').selectOption({ label: '城关镇党委' });
    await form.getByLabel('登记事项').selectOption('RecordTerm');
    await form.getByLabel('本届任期开始').fill(shifted(-1, 0));
    await form.getByLabel('委员职数').fill('7');
    await form.getByLabel('书记', { exact: true }).fill('赵明');
    await form.getByTestId('ledger-congress').check();
    await form.getByRole('button', { name: '登记' }).click();
    await page.getByTestId('ledger-congress-mark').waitFor();
    expect(await rowText(page, '城关镇党委')).toContain('党员代表大会');
    await screenshot(page, 'ledger-by-kind-1440.png');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();

    const phone = await open(390);
    await phone.getByTestId('ledger-by-kind').scrollIntoViewIfNeeded();
    expect((await pageOverflow(phone)).width).toBeLessThanOrEqual(0);
    await screenshot(phone, 'ledger-by-kind-390.png');
    await phone.context().close();
  }, 60_000);
});

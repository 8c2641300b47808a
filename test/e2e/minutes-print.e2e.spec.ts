/**
 * Issue 20, point 7 for the paper after the count: the minutes (会议记录) and a 计票统计表 opened by real Chromium with
 * the chair's credential and printed to A4 PDF; poppler's pdftotext reads the text layer back (the decisions, the
 * reasons, the figures, the chain head) and pdftoppm saves each page as PNG to test/artifacts/ (minutes-print-*.png,
 * tally-sheet-print-*.png). The Word files are saved beside them (minutes.docx, report.docx, tally-sheet.docx).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, launchBrowser, newPage, pageErrors, printedTab } from './support/browser.js';
import type { Election } from '../support/election.js';
import { A, B, C, mendedMeeting, REASONS } from '../support/mended-meeting.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { waitForLive } from './support/screens.js';

/** Prints `url` to `<name>.pdf` and `<name>-N.png`; returns the text layer and the page count. */
async function printed(browser: Browser, url: string, token: string, name: string) {
  const { page } = await newPage(browser, { width: 1440, height: 1000 });
  await page.setExtraHTTPHeaders({ Authorization: `Bearer ${token}` });
  const res = await page.goto(url);
  expect(res?.status()).toBe(200);
  expect(pageErrors(page)).toEqual([]);
  mkdirSync(artifactsDir, { recursive: true });
  const pdf = path.join(artifactsDir, `${name}.pdf`);
  writeFileSync(pdf, await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }));
  await page.close();
  for (const f of readdirSync(artifactsDir))
    if (new RegExp(`^${name}-\\d+\\.png$`).test(f)) rmSync(path.join(artifactsDir, f));
  execFileSync('pdftoppm', ['-png', '-r', '80', pdf, path.join(artifactsDir, name)]);
  const pages = readdirSync(artifactsDir).filter((f) => new RegExp(`^${name}-\\d+\\.png$`).test(f)).length;
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
  return { text, flat: text.replace(/\s+/g, ''), pages };
}

describe('the minutes and the tally sheet on paper', () => {
  let server: TestServer;
  let browser: Browser;
  let e: Election;
  let head: { revision: number; hash: string };

  beforeAll(async () => {
    server = await startTestServer();
    e = await mendedMeeting(server.api);
    head = (await (
      await fetch(`${server.url}${e.m.path}/head`, { headers: { authorization: `Bearer ${e.m.chair}` } })
    ).json()) as { revision: number; hash: string };
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('prints the minutes on A4 with every decision, reason and figure in the text layer, and no code', async () => {
    const { text, flat, pages } = await printed(
      browser,
      `${server.url}${e.m.path}/documents/minutes`,
      e.m.chair,
      'minutes-print',
    );
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(3);
    for (const words of [
      '会议记录',
      '第五党支部换届选举党员大会',
      '会议有效',
      '会议表决通过选举办法。',
      `理由：${REASONS.roll}`,
      `${e.nameOf(C)}退出`,
      `理由：${REASONS.withdrawal}`,
      '会议主持人重新开启委员选举第一轮的计票。',
      `理由：${REASONS.reopen}`,
      `理由：${REASONS.correction}`,
      '收回选票10张，有效票10张，废票0张',
      `${e.nameOf(A)}：赞成7票`,
      `${e.nameOf(B)}：赞成3票`,
      `当选：${e.nameOf(A)}。`,
      '会议结束。',
      '记录人：',
      String(head.revision),
    ])
      expect(flat, words).toContain(words.replace(/\s+/g, ''));
    // The hash may wrap: its first 16 characters are on one line.
    expect(flat).toContain(head.hash.slice(0, 16));
    for (const code of ['BallotRecorded', 'RoundReopened', 'undefined', 'NaN', '打印', 'English version'])
      expect(text, code).not.toContain(code);
  });

  it('prints the 计票统计表 on one A4 page with the figures and the signature lines', async () => {
    const { flat, pages } = await printed(
      browser,
      `${server.url}${e.m.path}/documents/tally-sheet?contestId=committee&round=1`,
      e.m.chair,
      'tally-sheet-print',
    );
    expect(pages).toBe(1);
    for (const words of [
      '计票统计表',
      '委员选举',
      '第一轮',
      '实到会有选举权人数10',
      '废票0',
      '（签字）',
      e.nameOf(A),
      e.nameOf(B),
    ])
      expect(flat, words).toContain(words.replace(/\s+/g, ''));
  });

  it('saves the Word files beside the PDFs, for a person to open', async () => {
    for (const [name, q] of [
      ['minutes', 'minutes?format=docx'],
      ['report', 'report?format=docx'],
      ['tally-sheet', 'tally-sheet?format=docx&contestId=committee&round=1'],
    ] as const) {
      const res = await fetch(`${server.url}${e.m.path}/documents/${q}`, {
        headers: { authorization: `Bearer ${e.m.chair}` },
      });
      expect(res.status).toBe(200);
      writeFileSync(path.join(artifactsDir, `${name}.docx`), Buffer.from(await res.arrayBuffer()));
    }
  });

  it("the chair's screen downloads the Word files and opens the minutes (the chair's credential, not a plain link)", async () => {
    const { page } = await newPage(browser, { width: 1440, height: 900 });
    await page.goto(`${server.url}/m/${encodeURIComponent(e.m.meetingId)}/chair#t=${e.m.chair}`);
    await waitForLive(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('word-minutes').click()]);
    expect(download.suggestedFilename()).toBe('会议记录.docx');
    const file = path.join(artifactsDir, 'minutes-from-screen.docx');
    await download.saveAs(file);
    const xml = await (await JSZip.loadAsync(readFileSync(file))).file('word/document.xml')!.async('string');
    expect(xml).toContain(REASONS.correction);
    const tab = await printedTab(page, () => page.getByTestId('open-minutes').click());
    expect(await tab.locator('body').innerText()).toContain('会议记录');
    // The result as a spreadsheet, its 当选名单 naming the elected.
    const [sheet] = await Promise.all([page.waitForEvent('download'), page.getByTestId('excel-results').click()]);
    expect(sheet.suggestedFilename()).toBe('选举结果（电子表格）.xlsx');
    const xlsx = path.join(artifactsDir, 'results-from-screen.xlsx');
    await sheet.saveAs(xlsx);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['当选名单', '计票结果']);
    expect((wb.worksheets[0]!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r[3])).toContain(e.nameOf(A));
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 60_000);
});

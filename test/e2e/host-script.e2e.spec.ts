/**
 * Issue 20, points 4 and 7: the host's script (主持词). On the chair's console it follows the live view (the
 * roll-call sentence changes when the quorum is reached); printed through GET …/documents/host-script, real Chromium
 * renders it to an A4 PDF whose text layer (pdftotext) holds the sentences with the meeting's figures, and the pages
 * are saved as PNG to test/artifacts/ (host-script-print-*.png, host-script-console-*.png).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, launchBrowser, newPage, pageErrors, printedTab, screenshot } from './support/browser.js';
import { waitForLive } from './support/screens.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { ballotsFor, Election, makeRoll, memberId as M } from '../support/election.js';

const flat = (s: string) => s.replace(/\s+/g, '');

describe("the host's script", () => {
  let server: TestServer;
  let browser: Browser;
  let e: Election;

  beforeAll(async () => {
    server = await startTestServer();
    e = await Election.create(server.api, {
      title: '第五党支部换届选举党员大会',
      organisation: '中共某某局第五党支部',
    });
    await e.enrol(makeRoll(10));
    await e.checkIn(Array.from({ length: 8 }, (_, i) => M(i + 1)));
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const panel = (page: Page) => page.locator('[data-testid="host-script"]');

  it("P-05 on the chair's console: the roll-call sentence follows the live view", async () => {
    for (const [width, height] of [
      [1440, 1000],
      [390, 844],
    ] as const) {
      const { page } = await newPage(browser, { width, height });
      await page.goto(`${server.url}/m/${e.m.meetingId}/chair#t=${e.m.chair}`);
      await waitForLive(page);
      await page.getByRole('tab', { name: '议程与选举' }).click();
      await panel(page).waitFor();
      // The 1440 screen opens at 8 present and sees the 9th arrive; the 390 screen opens after.
      expect(flat(await panel(page).innerText())).toContain(
        width === 1440
          ? '应到会党员10名，实到会有选举权的党员8名，未超过应到会人数的五分之四（至少须9名），不能进行选举。'
          : '应到会党员10名，实到会有选举权的党员9名，超过应到会人数的五分之四，符合规定，可以进行选举。',
      );
      if (width === 1440) {
        await e.checkIn([M(9)]);
        await page.waitForFunction(() =>
          document.querySelector('[data-testid="host-script"]')?.textContent?.includes('符合规定，可以进行选举'),
        );
        expect(flat(await panel(page).innerText())).toContain(
          '应到会党员10名，实到会有选举权的党员9名，超过应到会人数的五分之四，符合规定，可以进行选举。',
        );
        expect(await panel(page).locator('[data-part="roll"]').getAttribute('data-done')).toBe('1');
        expect(await panel(page).locator('[data-part="method"]').getAttribute('aria-current')).toBe('step');
      }
      await panel(page).scrollIntoViewIfNeeded();
      await panel(page).screenshot({ path: path.join(artifactsDir, `host-script-console-${width}.png`) });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      expect(overflow, `no sideways scroll at ${width}`).toBe(false);
      expect(pageErrors(page)).toEqual([]);
      await page.close();
    }
  }, 120_000);

  it('prints to A4 with the figures of the meeting, each sentence with its rule', async () => {
    // 9 present: more than half is 5. The committee elects 2 of 3; the first round elects 1 and 2.
    await e.ready({ scrutineers: [M(10)], tellers: 2 });
    await e.contest({ contestId: 'committee', office: 'committee-member', seats: 2, candidates: [M(1), M(2), M(3)] });
    await e.runRound('committee', ballotsFor({ [M(1)]: 8, [M(2)]: 6, [M(3)]: 3 }, { ballots: 9, seats: 2 }));
    const { page } = await newPage(browser, { width: 1440, height: 1000 });
    await page.setExtraHTTPHeaders({ Authorization: `Bearer ${e.m.chair}` });
    const res = await page.goto(`${server.url}${e.m.path}/documents/host-script`);
    expect(res?.status()).toBe(200);
    await screenshot(page, 'host-script-screen-1440.png');
    mkdirSync(artifactsDir, { recursive: true });
    const pdfFile = path.join(artifactsDir, 'host-script-print.pdf');
    writeFileSync(pdfFile, await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }));
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' });
    const all = flat(text);
    const name = (i: number) => e.nameOf(M(i));
    for (const words of [
      '主持词',
      '第五党支部换届选举党员大会',
      '应到会党员10名，实到会有选举权的党员9名，超过应到会人数的五分之四，符合规定，可以进行选举。〔依据P-05〕',
      '表决结果：赞成9票，反对0票，弃权0票。',
      `监票人：${name(10)}。〔依据P-16〕`,
      '本次选举应选委员2名，候选人3名，实行差额选举。',
      '请监票人检查票箱。',
      '本轮实到会有选举权的党员9名，发出选票9张，每人一张。〔依据P-21〕',
      '每张选票所选的人数等于或少于应选名额（2名）的为有效票，多于应选名额的为废票。〔依据P-23〕',
      '收回选票9张，等于或少于发出的选票9张，本轮选举有效。',
      '经计票，有效票9张，废票0张。',
      `${name(1)}8票`,
      `${name(2)}6票`,
      `${name(3)}3票`,
      '即不少于5票，始得当选。〔依据P-24〕',
      `当选委员的是：${name(1)}、${name(2)}。`,
      // P-31: this meeting elects 委员 only, whose result is reported for the record.
      '选举结果报上级党组织备案。',
    ])
      expect(all, words).toContain(flat(words));
    for (const code of ['____', 'undefined', 'null', 'NaN', '打印', 'English version', 'committee'])
      expect(text, code).not.toContain(code);
    const prefix = path.join(artifactsDir, 'host-script-print');
    for (const f of readdirSync(artifactsDir))
      if (/^host-script-print-\d+\.png$/.test(f)) rmSync(path.join(artifactsDir, f));
    execFileSync('pdftoppm', ['-png', '-r', '80', pdfFile, prefix]);
    const pages = readdirSync(artifactsDir).filter((f) => /^host-script-print-\d+\.png$/.test(f));
    expect(pages.length).toBe(2);
    await page.close();
  }, 120_000);

  it("opens the script and the round's ballots from the chair's console, each in a tab to print", async () => {
    const { page } = await newPage(browser, { width: 1440, height: 1000 });
    await page.goto(`${server.url}/m/${e.m.meetingId}/chair#t=${e.m.chair}`);
    await waitForLive(page);
    await page.getByRole('tab', { name: '议程与选举' }).click();
    const open = async (testId: string) => {
      const tab = await printedTab(page, () => page.getByTestId(testId).click());
      const text = flat(await tab.evaluate(() => document.body.innerText));
      await tab.close();
      return text;
    };
    expect(await open('print-host-script')).toContain('当选委员的是：');
    const ballot = await open('print-ballot-committee');
    expect(ballot).toContain('中共某某局第五党支部委员选举选票');
    expect(ballot).toContain('应选委员2名');
    // The declared round's 计票统计表, to print and as a Word file.
    const sheet = await open('print-tally-committee-1');
    expect(sheet).toContain('计票统计表');
    expect(sheet).toContain(e.nameOf(M(1)));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('word-tally-committee-1').click(),
    ]);
    expect(download.suggestedFilename()).toBe('计票统计表-第1轮.docx');
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    // The script and the ballot as Word files, read back: the same words as the printed tabs.
    const word = async (testId: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
      const zip = await JSZip.loadAsync(await readFile((await file.path())!));
      const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
      return { name: file.suggestedFilename(), text };
    };
    const script = await word('word-host-script');
    expect(script.name).toBe('主持词.docx');
    expect(script.text).toContain('当选委员的是：');
    const ballotDoc = await word('word-ballot-committee');
    expect(ballotDoc.name).toMatch(/^选票-委员-第\d+轮\.docx$/);
    expect(ballotDoc.text).toContain('中共某某局第五党支部委员选举选票');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  }, 120_000);
});

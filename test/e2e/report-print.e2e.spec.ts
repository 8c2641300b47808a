/**
 * Issue 18, point 8: the result report printed as a branch would send it
 * upwards. A committee election with a 另行选举 and the new committee's
 * election of the secretary runs through the real server; real Chromium
 * opens the report with the chair's credential, its print button prints
 * (the one inline script the Content Security Policy allows), and the page
 * printed to an A4 PDF is read back with poppler's pdftotext: the Chinese
 * words a party organisation reads are on the paper, and no code is.
 * The printed pages are saved as PNG to test/artifacts/ (report-print-*.png).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, launchBrowser, newPage, pageErrors, screenshot } from './support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { ballotsFor, Election, makeRoll, memberId as M } from '../support/election.js';

/** Today in Beijing, in words, written out here rather than by the code under test. */
function todayInWords(): string {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
    .format(new Date())
    .split('-')
    .map(Number) as [number, number, number];
  const digits = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  const upTo31 = [
    '',
    ...['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'],
    ...['十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'],
    ...['二十一', '二十二', '二十三', '二十四', '二十五', '二十六', '二十七', '二十八', '二十九', '三十', '三十一'],
  ];
  return `${[...String(y)].map((c) => digits[Number(c)]).join('')}年${upTo31[m]}月${upTo31[d]}日`;
}

describe('the result report on paper', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let e: Election;
  let pdfText: string;
  const csp: string[] = [];
  const dayBefore = todayInWords();

  beforeAll(async () => {
    server = await startTestServer();
    e = await Election.create(server.api, {
      title: '第三党支部换届选举党员大会',
      organisation: '中共某某局第三党支部',
    });
    await e.enrol(makeRoll(14));
    await e.checkIn(Array.from({ length: 13 }, (_, i) => M(i + 1)));
    await e.ready({ scrutineers: [M(12), M(13)], tellers: 3 });
    await e.contest({ contestId: 'committee', seats: 3, candidates: [M(1), M(2), M(3), M(4)] });
    // 13 present: 7 votes elect. M1 and M2 in the first round, M3 in the 另行选举.
    await e.runRound(
      'committee',
      ballotsFor({ [M(1)]: 10, [M(2)]: 9, [M(3)]: 5, [M(4)]: 4 }, { ballots: 13, seats: 3 }),
    );
    await e.runRound('committee', ballotsFor({ [M(3)]: 9, [M(4)]: 4 }, { ballots: 13, seats: 1 }));
    // P-29: the new committee elects the secretary among its members.
    await e.contest({
      contestId: 'secretary',
      office: 'secretary',
      seats: 1,
      mode: 'uncontested',
      electorate: { committeeOf: 'committee' },
      candidates: [M(1)],
    });
    await e.runRound('secretary', ballotsFor({ [M(1)]: 3 }, { ballots: 3, seats: 1 }));
    await e.m.command('CloseMeeting', {});

    browser = await launchBrowser();
    ({ page } = await newPage(browser, { width: 1440, height: 1000 }));
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
    });
    await page.setExtraHTTPHeaders({ Authorization: `Bearer ${e.m.chair}` });
    const res = await page.goto(`${server.url}${e.m.path}/report`);
    expect(res?.status()).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('has a print button that prints, under the Content Security Policy the server sends', async () => {
    await screenshot(page, 'report-screen-1440.png');
    const button = page.getByRole('button', { name: '打印' });
    expect(await button.isVisible()).toBe(true);
    await page.evaluate(() => {
      const w = window as Window & { printed?: number };
      w.printed = 0;
      w.print = () => {
        w.printed = (w.printed ?? 0) + 1;
      };
    });
    await button.click();
    expect(await page.evaluate(() => (window as Window & { printed?: number }).printed)).toBe(1);
    expect(csp).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    expect(await button.isVisible()).toBe(false);
    // Back to no emulation: page.pdf() then prints with the print style sheet, as a browser's print does.
    await page.emulateMedia({ media: null });
  });

  it('prints from the blob: tab the dashboard opens, which keeps the policy of the page that made it', async () => {
    // The chair's screen fetches the report with its credential and opens it as a blob: URL (meeting-exports.tsx).
    const { page: tab } = await newPage(browser);
    const violations: string[] = [];
    tab.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await tab.goto(`${server.url}/api/health`);
    const html = await (
      await fetch(`${server.url}${e.m.path}/report`, { headers: { Authorization: `Bearer ${e.m.chair}` } })
    ).text();
    await tab.evaluate((h) => {
      location.href = URL.createObjectURL(new Blob([h], { type: 'text/html;charset=utf-8' }));
    }, html);
    await tab.waitForURL(/^blob:/);
    await tab.waitForLoadState();
    await tab.evaluate(() => {
      const w = window as Window & { printed?: number };
      w.print = () => {
        w.printed = (w.printed ?? 0) + 1;
      };
    });
    await tab.getByRole('button', { name: '打印' }).click();
    expect(await tab.evaluate(() => (window as Window & { printed?: number }).printed)).toBe(1);
    expect(violations).toEqual([]);
    await tab.close();
  });

  it('prints to A4 with the Chinese a party organisation reads, and no code', async () => {
    mkdirSync(artifactsDir, { recursive: true });
    const pdfFile = path.join(artifactsDir, 'report-print.pdf');
    writeFileSync(pdfFile, await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }));
    pdfText = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' });
    const flat = pdfText.replace(/\s+/g, '');
    const name = (i: number) => e.nameOf(M(i));
    for (const words of [
      '选举结果报告单',
      '主送：',
      '有选举权的到会党员须超过应到会人数的五分之四，会议有效',
      '超过应到会人数的五分之四，会议有效。',
      '候选人获得的赞成票须超过实到会有选举权人数的半数，始得当选',
      '（一）委员选举',
      '（二）书记选举',
      '由新当选的委员选举',
      '第一轮',
      '另行选举',
      `${name(1)}10票（第一轮）`,
      `${name(3)}9票（另行选举）`,
      '废票',
      '特此报告。',
      `监票人${name(12)}`,
      `监票人${name(13)}`,
      '计票人计票人1',
      '计票人计票人3',
      '会议主持人',
      '中共某某局第三党支部（盖章）',
      '核验',
      '报上级党组织批准',
    ])
      expect(flat, words).toContain(words.replace(/\s+/g, ''));
    // A signature line for the chair, each of the two scrutineers and each of the three tellers.
    expect(flat.split('（签字）').length - 1).toBe(6);
    // The paper is dated by the day the meeting was held, in words (today, unless midnight passed meanwhile).
    expect(
      [dayBefore, todayInWords()].some((d) => flat.includes(d)),
      dayBefore,
    ).toBe(true);
    for (const code of ['npm run', 'kind:', 'num:', 'den:', 'rule:', '(committee)', '(c1)', '打印', 'English version'])
      expect(pdfText, code).not.toContain(code);
  });

  it('puts the organisation and the date at the lower right, after the signatures', () => {
    const lines = pdfText.split('\n');
    const lastIndex = (test: (l: string) => boolean) => lines.reduce((at, l, i) => (test(l) ? i : at), -1);
    const day = [dayBefore, todayInWords()].find((d) => pdfText.includes(d))!;
    const dated = lastIndex((l) => l.includes(day));
    const closing = lines.findIndex((l) => l.includes('特此报告'));
    const signed = lastIndex((l) => l.includes('签字'));
    expect(closing).toBeGreaterThan(0);
    expect(signed).toBeGreaterThan(closing);
    expect(dated).toBeGreaterThan(signed);
    const width = Math.max(...lines.map((l) => l.trimEnd().length));
    const indent = lines[dated]!.length - lines[dated]!.trimStart().length;
    expect(indent, lines[dated]).toBeGreaterThan(width / 2);
  });

  it('saves each printed page as a picture', () => {
    const prefix = path.join(artifactsDir, 'report-print');
    for (const f of readdirSync(artifactsDir))
      if (/^report-print-\d+\.png$/.test(f)) rmSync(path.join(artifactsDir, f));
    execFileSync('pdftoppm', ['-png', '-r', '80', `${prefix}.pdf`, prefix]);
    const pages = readdirSync(artifactsDir).filter((f) => /^report-print-\d+\.png$/.test(f));
    expect(pages.length).toBeGreaterThan(0);
  });
});

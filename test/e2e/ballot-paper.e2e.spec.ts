/**
 * Issue 20, points 1 and 7: ballot papers on paper. A committee election whose first round leaves a seat for a
 * 另行选举; real Chromium prints the first round's ballot and the supplementary round's to A4 PDF; pdftotext reads
 * back the office, seats, marking rule, candidates and the count to print, and no number of any kind on the ballot;
 * the pages are saved as PNG to test/artifacts/ (ballot-round1-*.png, ballot-round2-*.png).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, launchBrowser, newPage } from './support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { ballotsFor, Election, makeRoll, memberId as M } from '../support/election.js';

const flat = (s: string) => s.replace(/\s+/g, '');

describe('ballot papers on paper', () => {
  let server: TestServer;
  let browser: Browser;
  let e: Election;

  beforeAll(async () => {
    server = await startTestServer();
    e = await Election.create(server.api, {
      title: '第三党支部换届选举党员大会',
      organisation: '中共某某局第三党支部',
    });
    await e.enrol(makeRoll(14));
    await e.checkIn(Array.from({ length: 13 }, (_, i) => M(i + 1)));
    await e.ready({ scrutineers: [M(12), M(13)], tellers: 2 });
    await e.contest({
      contestId: 'committee',
      office: 'committee-member',
      seats: 3,
      candidates: [M(1), M(2), M(3), M(4)],
      ballotColour: 'pink',
    });
    // 13 present: 7 votes elect. M1 and M2 are elected; the third seat goes to a 另行选举 between M3 and M4.
    await e.runRound(
      'committee',
      ballotsFor({ [M(1)]: 10, [M(2)]: 9, [M(3)]: 5, [M(4)]: 4 }, { ballots: 13, seats: 3 }),
    );
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function print(round: number): Promise<{ text: string; ballot: string; pages: number }> {
    const { page } = await newPage(browser, { width: 1440, height: 1000 });
    await page.setExtraHTTPHeaders({ Authorization: `Bearer ${e.m.chair}` });
    const res = await page.goto(`${server.url}${e.m.path}/documents/ballot?contestId=committee&round=${round}`);
    expect(res?.status()).toBe(200);
    mkdirSync(artifactsDir, { recursive: true });
    const prefix = path.join(artifactsDir, `ballot-round${round}`);
    writeFileSync(`${prefix}.pdf`, await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }));
    await page.close();
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', `${prefix}.pdf`, '-'], { encoding: 'utf8' });
    for (const f of readdirSync(artifactsDir))
      if (new RegExp(`^ballot-round${round}-\\d+\\.png$`).test(f)) rmSync(path.join(artifactsDir, f));
    execFileSync('pdftoppm', ['-png', '-r', '80', `${prefix}.pdf`, prefix]);
    const pages = readdirSync(artifactsDir).filter((f) => new RegExp(`^ballot-round${round}-\\d+\\.png$`).test(f));
    // The ballot is the page after the cover (pdftotext separates pages with a form feed).
    const ballot = text.split('\f')[1] ?? '';
    return { text, ballot, pages: pages.length };
  }

  it('P-18 P-22 P-23: the first round: cover with the count, then the ballot with four names and no number', async () => {
    const { text, ballot, pages } = await print(1);
    expect(pages).toBe(2);
    const cover = flat(text.split('\f')[0]!);
    expect(cover).toContain('印制说明（不是选票）');
    expect(cover).toContain('本轮发出选票13张，另印备用一套13张，供重新投票用。');
    expect(cover).toContain('共印26张');
    expect(cover).toContain('用纸颜色：粉红色');
    const b = flat(ballot);
    for (const words of [
      '中共某某局第三党支部委员选举选票',
      '应选委员3名',
      '另选他人',
      '对候选人赞成的，在其姓名下方的空格内画“○”；不赞成的，画“×”；弃权的，不画任何符号。',
      '每张选票所选的人数等于或少于应选名额（3名）的为有效票，多于应选名额的为废票。',
      ...[1, 2, 3, 4].map((i) => e.nameOf(M(i))),
    ])
      expect(b, words).toContain(flat(words));
    // No serial number or mark: the only figures on the ballot are the seats in its title and rules.
    expect(ballot.replace(/应选委员3名|（3名）/g, '')).not.toMatch(/[0-9０-９]/);
    expect(ballot).not.toContain(e.m.meetingId);
  });

  it('P-27: the supplementary round gets its own ballot with only its two candidates', async () => {
    const { text, ballot, pages } = await print(2);
    expect(pages).toBe(2);
    const b = flat(ballot);
    expect(b).toContain('第二轮（另行选举）');
    expect(b).toContain('应选委员1名');
    expect(b).toContain(e.nameOf(M(3)));
    expect(b).toContain(e.nameOf(M(4)));
    expect(b).not.toContain(e.nameOf(M(1)));
    expect(b).not.toContain(e.nameOf(M(2)));
    // P-27: a supplementary round is only among its listed candidates: no write-in column, no write-in rule.
    expect(b).not.toContain('另选他人');
    // Not opened yet: the 13 present now, and a spare set.
    expect(flat(text.split('\f')[0]!)).toContain('共印26张');
    expect(ballot.replace(/第二轮|应选委员1名|（1名）/g, '')).not.toMatch(/[0-9０-９]/);
  });
});

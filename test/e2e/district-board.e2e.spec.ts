import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Meeting } from './support/api.js';
import { Api } from './support/api.js';
import { CJK, launchBrowser, newPage, pageErrors, screenshot } from './support/browser.js';
import { pageOverflow } from './support/layout.js';
import { startServer, type RunningServer } from './support/server.js';
import { waitForLive, waitForText } from './support/screens.js';

/**
 * Issue 23, point 4: the district board in Chromium, at 1920×1080 (a projector) and on a tablet. A county with two
 * committees and three branches, six meetings in every stage up to counting, one of them with more papers keyed
 * than it issued. The board shows each row's figures and codes, filters by stage and anomaly, rolls each
 * committee up, updates live, links to the observer view; the chair's console shows the same A-01.
 */
const OPERATOR = 'district-board-e2e-operator-token';
/** A week from today in Beijing (the meetings' zone), YYYY-MM-DD. */
const WEEK_ON = new Date(Date.now() + 7 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const LATIN = ['Alice Wang', 'Bob Li', 'Carol Zhang', 'David Liu', 'Eve Chen', 'Frank Yang', 'Grace Zhao', 'Henry Wu'];

describe('issue 23 (4): the district board', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let viewer: string;
  let county: string;
  const meetings: Meeting[] = [];

  const post = async <T>(path: string, token: string, body: unknown): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    server = await startServer({ env: { TALLYROOM_DEMO: 'off', TALLYROOM_OPERATOR_TOKEN: OPERATOR } });
    api = new Api(server.url);
    browser = await launchBrowser();
    type Org = { organisationId: string; credentials: Record<string, string> };
    const root = await post<Org>('/api/organisations', OPERATOR, { name: 'Riverside County', kind: 'county' });
    county = root.organisationId;
    const admin = root.credentials['org-admin']!;
    const child = (name: string, kind: string, parentId: string) =>
      post<Org>('/api/organisations', admin, { name, kind, parentId });
    const k1 = await child('Works Committee', 'committee', county);
    const k2 = await child('Schools Committee', 'committee', county);
    const branches = [
      await child('Branch One', 'branch', k1.organisationId),
      await child('Branch Two', 'branch', k1.organisationId),
      await child('Branch Three', 'branch', k2.organisationId),
    ];
    viewer = (await post<{ token: string }>(`/api/organisations/${county}/credentials`, admin, { role: 'org-viewer' }))
      .token;
    // Six meetings: 0 and 1 scheduled, 2 checking in, 3 at its quorum, 4 voting, 5 voting with A-01.
    for (let i = 0; i < 6; i++) {
      const m = await post<Meeting>('/api/meetings', admin, {
        title: `Branch meeting ${i + 1}`,
        organisation: `Branch ${i + 1}`,
        // Meeting 1 starts at 07:00 Beijing time a week on: 23:00 UTC the day before, which its row must not show.
        scheduledFor: i === 0 ? `${WEEK_ON}T07:00:00+08:00` : new Date().toISOString().slice(0, 10),
        organisationId: branches[i % 3]!.organisationId,
        parameters: { doubleEntry: false },
      });
      meetings.push(m);
      const roll = LATIN.map((name, k) => ({ name, memberId: `L${k + 1}` }));
      await api.uploadRoll(m, roll);
      const present = i < 2 ? 0 : i === 2 ? 3 : 8;
      for (const x of roll.slice(0, present)) await api.checkIn(m, x.memberId);
      if (i < 4) continue;
      const chair = m.credentials.chair;
      const cmd = (type: string, data: unknown, token = chair) => api.command(m.meetingId, token, type, data);
      await cmd('AdoptElectionMethod', { vote: { for: 8, against: 0, abstain: 0 } });
      await cmd('AppointOfficers', {
        scrutineers: ['L8'],
        tellers: [{ name: 'Teller A' }],
        vote: { for: 8, against: 0, abstain: 0 },
      });
      const teller = (await api.mint(m, { role: 'teller', officer: 'Teller A' })).token;
      await cmd('CreateContest', {
        contestId: 'sec',
        office: 'secretary',
        seats: 1,
        mode: 'uncontested',
        electorate: 'meeting',
      });
      await cmd('Nominate', { contestId: 'sec', nomineeId: 'L1', route: 'organisation' });
      await cmd('ReviewCandidate', { contestId: 'sec', nomineeId: 'L1', qualified: true, reason: '' });
      const week = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
      await cmd('PublishCandidateList', { contestId: 'sec', candidateIds: ['L1'], noticeDays: 3, publishedOn: week });
      await cmd('ConfirmCandidateList', { contestId: 'sec' });
      await cmd('OpenRound', { contestId: 'sec' });
      const keyed = i === 5 ? 9 : 5; // 8 issued: meeting 6 keys one paper too many
      for (let n = 1; n <= keyed; n++)
        await cmd(
          'RecordBallot',
          { contestId: 'sec', round: 1, ballotNo: n, marks: { L1: 'for' }, writeIns: [] },
          teller,
        );
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('on a 1920×1080 projector: every row, its figures and codes, the roll-ups, filters and live updates', async () => {
    const { context, page } = await newPage(browser, { width: 1920, height: 1080, locale: 'zh-CN' });
    try {
      await page.goto(`${server.url}/o/${county}/board#t=${viewer}`);
      await waitForLive(page);
      const rows = page.locator('[data-testid="board-rows"] tbody tr');
      expect(await rows.count()).toBe(6);
      const row = (i: number) => page.locator(`tr[data-meeting="${meetings[i]!.meetingId}"]`);
      expect(await row(0).getAttribute('data-stage')).toBe('scheduled');
      const [y, mo, d] = WEEK_ON.split('-').map(Number);
      expect(await row(0).locator('.district-day').textContent()).toBe(`${y}年${mo}月${d}日`);
      expect(await row(2).getAttribute('data-stage')).toBe('checking-in');
      expect(await row(3).getAttribute('data-stage')).toBe('quorum');
      expect(await row(4).getAttribute('data-stage')).toBe('voting');
      expect(await row(2).locator('.district-attendance').textContent()).toBe('3 / 8');
      // Open round of meeting 5: 8 issued, 5 keyed, none returned yet.
      expect(await row(4).locator('.district-round strong').textContent()).toBe('8 / 5 / —');
      expect(await row(5).locator('.anomaly').getAttribute('data-code')).toBe('A-01');
      // Nine entered of eight issued, and no returned count yet: the anomaly says entered (录入), as the row's figures do.
      expect(await row(5).locator('.district-round strong').textContent()).toBe('8 / 9 / —');
      expect(await row(5).locator('.anomaly').textContent()).toContain(
        '录入的选票多于发出的选票：已录入 9 张，发出 8 张',
      );
      expect(await row(4).locator('.anomaly').count()).toBe(0);
      // The roll-ups: Works Committee has branches one and two (meetings 1, 2, 4, 5), Schools Committee three.
      const rollup = (name: string) =>
        page.locator('[data-testid="roll-ups"] tbody tr', { hasText: name }).locator('td').first();
      expect(await rollup('Works Committee').textContent()).toBe('4');
      expect(await rollup('Schools Committee').textContent()).toBe('2');
      expect((await pageOverflow(page)).width).toBeLessThanOrEqual(0);
      await screenshot(page, 'district-board-1920x1080.png', false);

      // The filter's A-01 names both of its sentences, with no figures; no code's option has a figure left blank.
      expect(await page.locator('[data-testid="anomaly-filter"] option[value="A-01"]').textContent()).toBe(
        'A-01 · 收回或录入的选票多于发出的选票',
      );
      const options = await page.locator('[data-testid="anomaly-filter"] option[value^="A-"]').allTextContents();
      expect(options).toHaveLength(6);
      for (const o of options) expect(o).not.toMatch(/…|\{\{/);
      expect(options[1]).toBe('A-02 · 日志哈希链校验未通过');
      // A roll-up's figures sit under their own headings: each figure's right edge is its heading's.
      const table = page.locator('[data-testid="roll-ups"]');
      const headings = table.locator('thead th');
      const totals = table.locator('tr.total-row td');
      for (let c = 0; c < 4; c++) {
        const th = (await headings.nth(c + 1).boundingBox())!;
        const td = (await totals.nth(c).boundingBox())!;
        expect(Math.abs(th.x + th.width - (td.x + td.width))).toBeLessThan(2);
        expect(await headings.nth(c + 1).evaluate((e) => getComputedStyle(e).textAlign)).toBe('right');
      }
      await page.selectOption('[data-testid="anomaly-filter"]', 'blocking');
      expect(await rows.count()).toBe(1);
      await page.selectOption('[data-testid="anomaly-filter"]', '');
      await page.click('button[data-stage="voting"]');
      expect(await rows.count()).toBe(2);
      await page.click('button[data-stage="voting"]');
      expect(await rows.count()).toBe(6);

      // Live: two more check-ins at meeting 3 reach the board without a reload.
      await api.checkIn(meetings[2]!, 'L4');
      await api.checkIn(meetings[2]!, 'L5');
      await waitForText(page, `tr[data-meeting="${meetings[2]!.meetingId}"] .district-attendance`, '5 / 8');
      // The drill-down opens the meeting's observer view.
      const href = await row(0).locator('a.district-meeting-title').getAttribute('href');
      expect(href).toMatch(new RegExp(`^/m/${meetings[0]!.meetingId}/observer#t=o\\.`));
      // It opens with the board's own organisation credential: the meeting's observer view, live.
      const drill = await context.newPage();
      await drill.goto(`${server.url}${href!}`);
      await waitForLive(drill);
      expect(drill.url()).not.toContain('#t=');
      await drill.locator('.meeting-header').waitFor();
      expect(await drill.locator('.meeting-header').innerText()).toContain('Branch meeting 1');
      await drill.close();
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('on a tablet in English: cards, no sideways scroll, no Chinese in the interface', async () => {
    const { context, page } = await newPage(browser, { width: 820, height: 1180, locale: 'en' });
    try {
      await page.goto(`${server.url}/o/${county}/board?lang=en#t=${viewer}`);
      await waitForLive(page);
      await page.waitForSelector('[data-testid="board-rows"] tbody tr');
      expect((await pageOverflow(page)).width).toBeLessThanOrEqual(0);
      // The committee with the blocked meeting shows its count without the roll-ups being scrolled sideways.
      const blocked = page
        .locator('[data-testid="roll-ups"] tbody tr', { hasText: 'Schools Committee' })
        .locator('td[data-col="blocking"]');
      expect(await blocked.textContent()).toBe('1');
      const box = (await blocked.boundingBox())!;
      const wrap = (await page.locator('.district-rollups .table-wrap').boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(wrap.x + wrap.width);
      // No card's cell, its label included, runs past its own edge (a label held on one line did).
      const spilling = await page
        .locator('[data-testid="board-rows"] tbody td')
        .evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent));
      expect(spilling).toEqual([]);
      const text = await page.locator('main').innerText();
      expect(text).toContain('More ballots entered than issued: 9 entered, 8 issued');
      expect(CJK.test(text)).toBe(false);
      await screenshot(page, 'district-board-tablet-820x1180.png', false);
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('a meeting without a roll says so instead of a quorum short by one; a phone and a 1280 screen scroll nothing sideways', async () => {
    // A county of its own, so the first test's rows and totals stay as they are.
    type Org = { organisationId: string; credentials: Record<string, string> };
    const root = await post<Org>('/api/organisations', OPERATOR, { name: 'Hillside County', kind: 'county' });
    const admin = root.credentials['org-admin']!;
    const branch = await post<Org>('/api/organisations', admin, {
      name: 'Hill Branch',
      kind: 'branch',
      parentId: root.organisationId,
    });
    await post<Meeting>('/api/meetings', admin, {
      title: 'Hill branch meeting',
      organisation: 'Hill Branch',
      scheduledFor: new Date().toISOString().slice(0, 10),
      organisationId: branch.organisationId,
    });
    for (const [width, height] of [
      [390, 844],
      [1280, 800],
    ] as const) {
      const { context, page } = await newPage(browser, { width, height, locale: 'zh-CN' });
      try {
        await page.goto(`${server.url}/o/${root.organisationId}/board#t=${admin}`);
        await waitForLive(page);
        const row = page.locator('[data-testid="board-rows"] tbody tr');
        await row.first().waitFor();
        expect(await row.locator('.district-attendance').textContent()).toBe('0 / 0');
        const quorum = await row.locator('td').nth(2).textContent();
        expect(quorum).toBe('尚未导入选举人名册');
        expect((await pageOverflow(page)).width).toBeLessThanOrEqual(0);
        // The anomaly choice stays inside the screen.
        const select = (await page.locator('[data-testid="anomaly-filter"]').boundingBox())!;
        expect(select.x + select.width).toBeLessThanOrEqual(width);
        await screenshot(page, `district-board-no-roll-${width}x${height}.png`, false);
        expect(pageErrors(page)).toEqual([]);
      } finally {
        await context.close();
      }
    }
  }, 60_000);

  it("the organisation's console opens the board with the tab's credential", async () => {
    const { context, page } = await newPage(browser, { width: 1440, height: 900, locale: 'zh-CN' });
    try {
      await page.goto(`${server.url}/o/${county}#t=${viewer}`);
      await page.locator('#org-tree-title').waitFor();
      // One way to the board: the header's, for the organisation selected in the tree.
      expect(await page.locator('a[href$="/board"]').count()).toBe(1);
      await page.click('[data-testid="open-board"]');
      await waitForLive(page);
      expect(new URL(page.url()).pathname).toBe(`/o/${county}/board`);
      expect(await page.locator('[data-testid="board-rows"] tbody tr').count()).toBe(6);
    } finally {
      await context.close();
    }
  }, 60_000);

  it("the chair's console shows the meeting's A-01 in both languages", async () => {
    const m = meetings[5]!;
    const { context, page } = await newPage(browser, { width: 1280, height: 900, locale: 'zh-CN' });
    try {
      await page.goto(api.url(m.links.chair));
      await waitForLive(page);
      await waitForText(page, '[data-testid="chair-anomalies"]', 'A-01');
      expect(await page.locator('[data-testid="chair-anomalies"]').innerText()).toContain('录入的选票多于发出的选票');
      await page.click('button[lang="en"]');
      await waitForText(page, '[data-testid="chair-anomalies"]', 'More ballots entered than issued');
    } finally {
      await context.close();
    }
  }, 60_000);
});

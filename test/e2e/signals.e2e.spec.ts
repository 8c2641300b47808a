import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Api, LATIN_ROLL, type Meeting } from './support/api.js';
import { launchBrowser, newPage, pageErrors, screenshot } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { figure, waitForLive, waitForText } from './support/screens.js';

/**
 * Issue 18, point 5: true signals on the chair's screen. The stage bar ticks 清点人数 only at the quorum (P-05),
 * 到会名单 shows 已到 next to 实到 with what each counts, the ballots issued can be entered (fewer than the
 * voters present) and the difference is shown, an unreadable mark has its column so a row adds up to the valid
 * ballots, and closing with unfinished contests asks, naming each; 上级批复 stays unticked after closing (P-31).
 */
describe('true signals on the chair screen', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let meeting: Meeting;
  let chair: Page;
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  const cmd = (type: string, data: unknown, token = meeting.credentials.chair) =>
    api.command(meeting.meetingId, token, type, data);
  const step = (page: Page, id: string) => page.locator(`[data-testid="stage-steps"] [data-step="${id}"]`);

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    browser = await launchBrowser();
    meeting = await api.createMeeting({
      title: 'Signals Assembly 2026',
      organisation: 'North Street Branch',
      parameters: { doubleEntry: false },
    });
    await api.uploadRoll(meeting, [...LATIN_ROLL, { name: 'Kate Sun', memberId: 'P011', status: 'probationary' }]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('P-05: the first check-in does not tick 清点人数; the 9th voter of 10 does', async () => {
    ({ page: chair } = await newPage(browser, { width: 1440, height: 900 }));
    await chair.goto(api.url(meeting.links.chair));
    await waitForLive(chair);
    await api.checkIn(meeting, 'M001');
    await chair.waitForFunction(
      () => document.querySelector('[data-testid="figure-presentVoters"] dd')?.textContent === '1',
    );
    expect(await step(chair, 'roll').getAttribute('data-done')).toBe('false');
    expect(await step(chair, 'roll').getAttribute('aria-current')).toBe('step');
    expect(await step(chair, 'method-and-officers').getAttribute('data-done')).toBe('false');
    await screenshot(chair, 'signals-quorum-not-met-1440.png', false);
    for (const m of LATIN_ROLL.slice(1, 8)) await api.checkIn(meeting, m.memberId);
    await chair.waitForFunction(
      () => document.querySelector('[data-testid="figure-presentVoters"] dd')?.textContent === '8',
    );
    expect(await step(chair, 'roll').getAttribute('data-done'), '8 of 10 is not more than 4/5').toBe('false');
    await api.checkIn(meeting, 'M009');
    await chair.waitForFunction(
      () =>
        document.querySelector('[data-testid="stage-steps"] [data-step="roll"]')?.getAttribute('data-done') === 'true',
    );
    expect(await step(chair, 'roll').getAttribute('aria-current')).toBeNull();
    expect(await step(chair, 'method-and-officers').getAttribute('aria-current')).toBe('step');
  }, 60_000);

  it('P-01: 到会名单 shows 已到 with 实到 and 列席 apart, adding up', async () => {
    await api.checkIn(meeting, 'P011');
    await chair.waitForFunction(
      () => document.querySelector('[data-testid="figure-attendeesWithoutVote"] dd')?.textContent === '1',
    );
    expect(await figure(chair, 'presentVoters')).toBe('9');
    await waitForText(chair, '[data-testid="members-present"] h3', '(10)');
    expect(await chair.textContent('[data-testid="presence-counts"]')).toBe(
      '已到 10 人：有选举权的 9 人（即实到），列席 1 人（不参加表决）。',
    );
  });

  it('P-21, P-23: ballots issued entered and the difference shown; an unreadable mark in a row that adds up', async () => {
    const vote = { for: 9, against: 0, abstain: 0 };
    await cmd('AdoptElectionMethod', { vote });
    await cmd('AppointOfficers', { scrutineers: ['M009'], tellers: [{ name: 'Teller One' }], vote });
    await cmd('CreateContest', { contestId: 'c', office: 'committee-member', seats: 1, mode: 'competitive' });
    for (const id of ['M001', 'M002']) {
      await cmd('Nominate', { contestId: 'c', nomineeId: id, route: 'organisation' });
      await cmd('ReviewCandidate', { contestId: 'c', nomineeId: id, qualified: true, reason: '' });
    }
    await cmd('PublishCandidateList', {
      contestId: 'c',
      candidateIds: ['M001', 'M002'],
      noticeDays: 5,
      publishedOn: daysAgo(7),
    });
    await cmd('ConfirmCandidateList', { contestId: 'c' });
    await cmd('CreateContest', {
      contestId: 's',
      office: 'secretary',
      seats: 1,
      mode: 'uncontested',
      electorate: 'meeting',
    });

    await chair.getByRole('tab', { name: '议程与选举' }).click();
    const contest = chair.locator('[data-testid="contest-c"]');
    await contest.getByLabel('发出选票数').fill('8');
    await waitForText(chair, '[data-testid="contest-c"]', '比实到少 1 张');
    await contest.getByRole('button', { name: '发放选票，开始投票' }).click();
    await waitForText(chair, '[data-testid="contest-c"] [data-testid="round-ballotsIssued"]', '8');
    expect(await contest.locator('[data-testid="issued-difference"]').textContent()).toBe('比实到少 1 张');
    expect(await contest.locator('[data-testid="round-presentVoters"] dd').first().textContent()).toBe('9');

    const teller = await api.mint(meeting, { role: 'teller', officer: 'Teller One' });
    const papers: Record<string, string>[] = [
      { M001: 'for', M002: 'unreadable' },
      ...Array.from({ length: 4 }, () => ({ M001: 'for', M002: 'against' })),
      ...Array.from({ length: 3 }, () => ({ M001: 'against', M002: 'for' })),
    ];
    for (const [i, marks] of papers.entries())
      await cmd('RecordBallot', { contestId: 'c', round: 1, ballotNo: i + 1, marks, writeIns: [] }, teller.token);
    await waitForText(chair, '[data-testid="contest-c"]', '已录入 8 张');
    const row = (id: string, col: string) =>
      contest.locator(`[data-testid="tally-${id}"] [data-col="${col}"]`).textContent();
    // By hand: M002 for 3, against 4, unreadable 1 = 8 valid; M001 for 5, against 3 = 8.
    expect(await row('M002', 'unreadable')).toBe('1');
    expect(await row('M002', 'total')).toBe('8');
    expect(await row('M001', 'unreadable')).toBe('0');
    expect(await row('M001', 'total')).toBe('8');
    const cells = await contest.locator('[data-testid="tally-M002"] td').allTextContents();
    expect(cells.slice(0, 5)).toEqual(['3', '4', '0', '1', '8']);
    await waitForText(chair, '[data-testid="rows-add-up-1"]', '有效票 8 张');
    await contest.getByLabel('收回选票数').fill('8');
    await contest.getByRole('button', { name: '结束投票并核对选票' }).click();
    await waitForText(chair, '[data-testid="contest-c"]', '有效，待宣布');
    await screenshot(chair, 'signals-round-1440.png');
    const { page: phone } = await newPage(browser, { width: 360, height: 780 });
    await phone.goto(api.url(meeting.links.chair).replace(/#.*/, '') + '#t=' + meeting.credentials.chair);
    await waitForLive(phone);
    await phone.getByRole('tab', { name: '议程与选举' }).click();
    await waitForText(phone, '[data-testid="contest-c"]', '有效，待宣布');
    expect(
      await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
    await screenshot(phone, 'signals-round-360.png');
    expect(pageErrors(phone)).toEqual([]);
    await phone.context().close();
  }, 120_000);

  it('P-15: closing with unfinished contests asks, naming each and why; P-31: 上级批复 stays unticked', async () => {
    await chair.getByRole('button', { name: '结束会议' }).click();
    const dialog = chair.getByRole('dialog');
    await dialog.waitFor();
    const items = await chair.locator('[data-testid="close-unfinished"] li').allTextContents();
    expect(items).toEqual(['委员：第 1 轮已清点，结果尚未宣布', '书记：尚未公示候选人名单']);
    await screenshot(chair, 'signals-close-dialog-1440.png', false);
    await dialog.getByRole('button', { name: '取消' }).click();
    expect(await step(chair, 'closed').getAttribute('data-done')).toBe('false');
    await chair.getByRole('button', { name: '结束会议' }).click();
    await dialog.getByRole('button', { name: '仍然结束会议' }).click();
    await chair.waitForFunction(
      () =>
        document.querySelector('[data-testid="stage-steps"] [data-step="closed"]')?.getAttribute('data-done') ===
        'true',
    );
    expect(await step(chair, 'approval').getAttribute('data-done')).toBe('false');
    expect(await step(chair, 'results').getAttribute('data-done')).toBe('false');
    expect((await api.view(meeting)).closed).toBe(true);
  }, 60_000);

  it('fits 360 px at the close, and raised no page errors', async () => {
    const { page } = await newPage(browser, { width: 360, height: 780 });
    await page.goto(api.url(meeting.links.chair).replace(/#.*/, '') + '#t=' + meeting.credentials.chair);
    await waitForLive(page);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
    await screenshot(page, 'signals-closed-360.png');
    expect(pageErrors(page)).toEqual([]);
    expect(pageErrors(chair)).toEqual([]);
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { Api, type Meeting } from './support/api.js';
import { launchBrowser, newPage, pageErrors, screenshot, visibleText } from './support/browser.js';
import { pageOverflow } from './support/layout.js';
import { startServer, type RunningServer } from './support/server.js';
import { waitForLive } from './support/screens.js';

/**
 * Issue 22, part C in Chromium: a village day under 票数相加 with a reserved women's seat. 20 registered, 12 vote
 * (V-06: 24 > 20); the bar is 7 (V-07: 2v > 12). Worked by hand:
 * - 主任 (V01, V02): 5 and 4 elect nobody; the 另行选举 (floor 4: 3v >= 12) gives 3 and 2: still empty after two
 *   ballots, a new election is due within 6 months (V-11b).
 * - 副主任 (V02, V03): own 4 and 5; V02 was not elected 主任 in its first round, so 4 + 4 = 8 >= 7: V02 elected (V-11a).
 * - 妇女委员 (V04, V05, women): 8 and 4: V04 elected (V-12).
 * - V11 wrote for V10 (代写, P-19).
 * The chair's console and the observer's screen are photographed at 390 and 1440 px.
 */
const NAMES = ['王建国', '李明', '张伟', '刘芳', '陈静', '杨勇', '赵磊', '黄敏', '周杰', '吴霞', '徐强', '孙丽'];
const ROLL = Array.from({ length: 20 }, (_, i) => ({
  memberId: `V${String(i + 1).padStart(2, '0')}`,
  name: NAMES[i] ?? `村民${i + 1}`,
  status: 'full',
  sex: ['V04', 'V05', 'V08', 'V10', 'V12'].includes(`V${String(i + 1).padStart(2, '0')}`) ? 'female' : 'male',
}));
const PRESENT = 12;
const WIDTHS = [390, 1440] as const;

/** Today in Beijing (the meeting's zone) plus six months, the day kept (worked without the code under test). */
function sixMonthsOn(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const month = m + 6 > 12 ? m - 6 : m + 6;
  const year = m + 6 > 12 ? y + 1 : y;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

describe('issue 22 part C: offices on one paper, the women’s seat, a new election, 代写', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let meeting: Meeting;

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 120_000);

  it('V-11a, V-11b, V-12, P-19 on the chair’s console and the observer’s screen at 390 and 1440', async () => {
    meeting = await api.createMeeting({
      title: '第十二届村民委员会选举大会',
      organisation: '某某村村民选举委员会',
      ruleset: 'village-committee',
      parameters: { officeVotes: 'summed' },
    });
    const chair = meeting.credentials.chair;
    const cmd = (type: string, data: unknown, token = chair) => api.command(meeting.meetingId, token, type, data);
    await cmd('EnrolMembers', { members: ROLL });
    for (const m of ROLL.slice(0, PRESENT)) await api.checkIn(meeting, m.memberId);
    const vote = { for: PRESENT, against: 0, abstain: 0 };
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await cmd('AdoptElectionMethod', { vote });
    await cmd('AppointOfficers', { scrutineers: ['V12'], tellers: [{ name: '计票人甲' }], vote });
    const teller = await api.mint(meeting, { role: 'teller', officer: '计票人甲' });
    const contests: [string, string, string[], boolean][] = [
      ['director', 'director', ['V01', 'V02'], false],
      ['deputy', 'deputy-director', ['V02', 'V03'], false],
      ['women', 'committee-member', ['V04', 'V05'], true],
    ];
    for (const [contestId, office, list, reserved] of contests) {
      await cmd('CreateContest', { contestId, office, seats: 1, ...(reserved ? { reserved: 'women' } : {}) });
      // V-12: a man is refused on the women's seat.
      if (reserved)
        await expect(cmd('Nominate', { contestId, nomineeId: 'V06', route: 'organisation' })).rejects.toThrow(
          /RESERVED_FOR_WOMEN/,
        );
      for (const id of list) {
        await cmd('Nominate', { contestId, nomineeId: id, route: 'organisation' });
        await cmd('ReviewCandidate', { contestId, nomineeId: id, qualified: true, reason: '' });
      }
      await cmd('PublishCandidateList', { contestId, candidateIds: list, noticeDays: 0, publishedOn: yesterday });
      await cmd('ConfirmCandidateList', { contestId });
    }
    await cmd('RecordAssistedWriting', { voterId: 'V10', writerId: 'V11' });
    /** One round: `totals` "for" votes per candidate on as many papers, the rest of the 12 blank. */
    const round = async (contestId: string, n: number, totals: Record<string, number>) => {
      await cmd('OpenRound', { contestId });
      let ballotNo = 1;
      for (const [id, count] of Object.entries(totals))
        for (let k = 0; k < count; k++)
          await cmd(
            'RecordBallot',
            { contestId, round: n, ballotNo: ballotNo++, marks: { [id]: 'for' }, writeIns: [] },
            teller.token,
          );
      while (ballotNo <= PRESENT)
        await cmd('RecordBallot', { contestId, round: n, ballotNo: ballotNo++, marks: {}, writeIns: [] }, teller.token);
      await cmd('CloseRound', { contestId, round: n, ballotsReturned: PRESENT });
      return cmd('DeclareResult', { contestId, round: n });
    };
    await round('director', 1, { V01: 5, V02: 4 });
    await round('deputy', 1, { V02: 4, V03: 5 });
    await round('women', 1, { V04: 8, V05: 4 });
    const second = await round('director', 2, { V01: 3, V02: 2 });
    expect(second.events.map((e) => e.type)).toEqual(['ResultDeclared', 'NewElectionDue']);

    const view = await api.view(meeting);
    const byId = (id: string) => view.contests.find((c) => c.contestId === id)!;
    expect(byId('director')).toMatchObject({ status: 'new-election-due', newElection: { seats: 1, withinMonths: 6 } });
    expect(byId('director').newElection!.dueBy).toBe(sixMonthsOn());
    expect(byId('deputy').elected).toEqual(['V02']);
    expect(byId('women')).toMatchObject({ reserved: 'women', elected: ['V04'] });
    expect(view.flags).toEqual([]);
    const due = byId('director').newElection!.dueBy;

    for (const width of WIDTHS) {
      const { page } = await newPage(browser, { width, height: width < 1000 ? 844 : 1000 });
      await page.goto(api.url(meeting.links.chair));
      await waitForLive(page);
      await page.getByRole('tab', { name: '议程与选举' }).click();
      await page.locator('[data-testid="new-election-director"]').waitFor();
      expect(await page.locator('[data-testid="new-election-director"]').textContent()).toContain(
        `经两次投票，仍有 1 个名额未选出：应在 6 个月内（${due} 前）再行选举`,
      );
      const summed = (await page.locator('[data-testid="summed-deputy"]').textContent()) ?? '';
      expect(summed).toContain('票数相加');
      expect(summed).toContain('李明：8 = 本职务 4 + 主任 4');
      expect(await page.locator('[data-testid="reserved-women"]').textContent()).toContain('妇女委员');
      const list = (await page.locator('[data-testid="assisted-writing-list"]').textContent()) ?? '';
      expect(list).toContain('徐强 为 吴霞 代写');
      expect((await pageOverflow(page)).width).toBeLessThanOrEqual(0);
      await screenshot(page, `village-offices-chair-${width}.png`);
      await page
        .locator('[data-testid="contest-deputy"]')
        .screenshot({ path: `test/artifacts/village-offices-chair-deputy-${width}.png` });
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();
    }

    for (const width of WIDTHS) {
      const { page } = await newPage(browser, { width, height: width < 1000 ? 844 : 1000 });
      await page.goto(api.url(meeting.links.observer));
      await waitForLive(page);
      await page.locator('[data-testid="new-election-director"]').waitFor();
      const text = await visibleText(page);
      expect(text).toContain(`应在 6 个月内（${due} 前）再行选举`);
      expect(text).toContain('李明：8 = 本职务 4 + 主任 4');
      expect(text).toContain('妇女委员');
      // P-19: the public sees how many, never who.
      expect(await page.locator('[data-testid="assisted-writing-count"]').textContent()).toContain('代写 1 人');
      expect(text).not.toContain('徐强 为 吴霞 代写');
      expect((await pageOverflow(page)).width).toBeLessThanOrEqual(0);
      await screenshot(page, `village-offices-observer-${width}.png`);
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();
    }
  }, 240_000);
});

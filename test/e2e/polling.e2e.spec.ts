import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { Api, type Meeting, type RollMember } from './support/api.js';
import path from 'node:path';
import { accessibleText, artifactsDir, launchBrowser, newPage, pageErrors, screenshot } from './support/browser.js';
import { overlappingText, pageOverflow } from './support/layout.js';
import { startServer, type RunningServer } from './support/server.js';
import { waitForLive, waitForText } from './support/screens.js';

/**
 * Issue 22 part B on the screens: a village of 30 registered voters voting at the central meeting, a polling station
 * and a mobile box (V-11). The clerk at the station issues papers (领票) by name or number; the projector shows the
 * turnout against the registered voters and each box's status; the chair's polls panel and the teller's box selector.
 * Screenshots at 390, 1440 and 1920.
 */
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹';
const ROLL: RollMember[] = [...SURNAMES].map((s, i) => ({
  name: `${s}${'国华秀英建明'[i % 6]}`,
  memberId: `V${String(i + 1).padStart(3, '0')}`,
}));
const WIDTHS = [
  [390, 844],
  [1440, 900],
  [1920, 1080],
] as const;

describe('issue 22 (2): polling stations, boxes and the 领票 desk', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let meeting: Meeting;
  let clerkLink: string;
  let tellerLink: string;
  const cmd = (type: string, data: unknown, token = meeting.credentials.chair) =>
    api.command(meeting.meetingId, token, type, data);
  const officers = (p: string) => [1, 2, 3].map((i) => ({ name: `${p}监票${i}` }));

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    browser = await launchBrowser();
    meeting = await api.createMeeting({
      title: '某某村第十二届村民委员会选举',
      organisation: '某某村村民选举委员会',
      ruleset: 'village-committee',
    });
    await api.uploadVoterList(meeting, ROLL);
    for (const id of ['V028', 'V029', 'V030']) await api.checkIn(meeting, id);
    const vote = { for: 3, against: 0, abstain: 0 };
    await cmd('AdoptElectionMethod', { vote });
    await cmd('AppointOfficers', { scrutineers: ['V030'], tellers: [{ name: '计票人甲' }], vote });
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    for (const [contestId, office, seats, ids] of [
      ['director', 'director', 1, ['V001', 'V002']],
      ['committee', 'committee-member', 2, ['V003', 'V004', 'V005']],
    ] as const) {
      await cmd('CreateContest', { contestId, office, seats, mode: 'competitive' });
      for (const id of ids) {
        await cmd('Nominate', { contestId, nomineeId: id, route: 'organisation' });
        await cmd('ReviewCandidate', { contestId, nomineeId: id, qualified: true, reason: '' });
      }
      await cmd('PublishCandidateList', { contestId, candidateIds: ids, noticeDays: 5, publishedOn: daysAgo(7) });
      await cmd('ConfirmCandidateList', { contestId });
    }
    await cmd('SetUpPollingStation', {
      stationId: 'central',
      kind: 'central',
      name: '选举大会会场',
      officers: officers('会'),
    });
    await cmd('SetUpPollingStation', {
      stationId: 's1',
      kind: 'station',
      name: '第一投票站',
      officers: officers('站'),
    });
    await cmd('SetUpPollingStation', {
      stationId: 'box1',
      kind: 'mobile-box',
      name: '一号流动票箱',
      officers: officers('箱'),
    });
    await cmd('OpenPoll', { pollId: 'poll1', contestIds: ['director', 'committee'] });
    const issue = (stationId: string, ids: string[]) =>
      cmd('IssueBallots', { pollId: 'poll1', stationId, voters: ids.map((memberId) => ({ memberId })) });
    await issue(
      'central',
      ROLL.slice(0, 12).map((m) => m.memberId),
    );
    await issue('box1', ['V013', 'V014', 'V015']);
    // The mobile box is back: sealed, opened at the count, and its three papers keyed by the teller.
    await cmd('SealBallotBox', { pollId: 'poll1', stationId: 'box1' });
    await cmd('OpenBallotBox', { pollId: 'poll1', stationId: 'box1', ballotsReturned: 3 });
    const clerk = await api.mint(meeting, { role: 'clerk', name: '第一投票站发票员' });
    clerkLink = api.url(clerk.link);
    const teller = await api.mint(meeting, { role: 'teller', officer: '计票人甲' });
    tellerLink = api.url(teller.link);
    for (let no = 1; no <= 2; no++)
      await cmd(
        'RecordBallot',
        { contestId: 'director', round: 1, ballotNo: no, marks: { V001: 'for' }, writeIns: [], station: 'box1' },
        teller.token,
      );
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 120_000);

  it('the station clerk finds a voter by name, issues a paper, and is told of a second one', async () => {
    for (const [width, height] of WIDTHS) {
      const { page } = await newPage(browser, { width, height });
      await page.goto(clerkLink);
      await waitForLive(page);
      const desk = page.locator('[data-testid="issue-desk"]');
      await desk.waitFor();
      await desk.locator('[data-testid="desk-station"]').selectOption('s1');
      if (width === 390) {
        // By name: 宋明 (V024).
        await desk.getByRole('searchbox').first().fill('宋');
        const row = desk.locator('[data-member="V024"]');
        await row.getByRole('button', { name: '发票' }).click();
        await waitForText(page, '[data-testid="issue-feedback"]', '已向');
        await waitForText(page, '[data-testid="desk-issued"]', '本站已发出 1 张');
        // One paper per voter: the voter now shows where the paper was issued, with no button.
        await row.locator('[data-testid="already-issued"]').waitFor();
        expect(await row.getByRole('button').count()).toBe(0);
        // A voter who signed at the central meeting shows so.
        await desk.getByRole('searchbox').first().fill('V001');
        await desk.locator('[data-member="V001"] [data-testid="already-issued"]').waitFor();
        expect(await desk.locator('[data-member="V001"]').innerText()).toContain('选举大会会场');
      } else {
        await desk.getByRole('searchbox').first().fill('V02');
      }
      await screenshot(page, `polling-clerk-${width}.png`);
      const overflow = await pageOverflow(page);
      expect(overflow.width).toBeLessThanOrEqual(0);
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();
    }
  }, 180_000);

  it('the projector shows turnout against registered voters and each box’s status, never who voted', async () => {
    for (const [width, height] of WIDTHS) {
      const { page } = await newPage(browser, { width, height });
      await page.goto(api.url(meeting.links.observer).replace('#', '?projector#'));
      await page.locator('[data-testid="projector-board"]').waitFor();
      const board = page.locator('[data-testid="poll-board-poll1"]');
      await board.waitFor();
      // 12 at the hall, 3 in the box, 1 at the station (the clerk's test): 16 of 30, V-06 needs 16.
      await waitForText(page, '[data-testid="poll-turnout"]', '已投票 16 / 登记选民 30');
      expect(await board.locator('[data-station="box1"]').getAttribute('data-status')).toBe('counting');
      expect(await board.locator('[data-station="central"]').getAttribute('data-status')).toBe('open');
      const text = await accessibleText(page);
      // The voters who are no candidates (V006-V015 voted) are named nowhere.
      for (const m of ROLL.slice(5, 15)) expect(text).not.toContain(m.name);
      expect(text).not.toMatch(/[PV]-\d\d/);
      await screenshot(page, `polling-projector-${width}.png`, width < 1000);
      expect((await pageOverflow(page)).width).toBeLessThanOrEqual(0);
      expect(await overlappingText(page, '[data-testid="poll-board-poll1"]')).toEqual([]);
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();
    }
  }, 180_000);

  it('the chair’s polls panel and the teller’s box selector', async () => {
    for (const [width, height] of WIDTHS) {
      const { page } = await newPage(browser, { width, height });
      await page.goto(api.url(meeting.links.chair));
      await waitForLive(page);
      await page.getByRole('tab', { name: '议程与选举' }).click();
      const panel = page.locator('[data-testid="polls-panel"]');
      await panel.waitFor();
      expect(await panel.locator('[data-testid="station-list"] li').count()).toBe(3);
      await panel.scrollIntoViewIfNeeded();
      await screenshot(page, `polling-chair-${width}.png`);
      await panel.screenshot({ path: path.join(artifactsDir, `polling-chair-panel-${width}.png`) });
      expect((await pageOverflow(page)).width).toBeLessThanOrEqual(0);
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();

      const teller = await newPage(browser, { width, height });
      await teller.page.goto(tellerLink);
      await waitForLive(teller.page);
      const box = teller.page.locator('[data-testid="teller-box"]').first();
      await box.waitFor();
      expect(await box.inputValue()).toBe('box1');
      // The director's round: two papers of the box keyed so far.
      expect(await box.locator('option:checked').innerText()).toContain('2 / 3');
      await screenshot(teller.page, `polling-teller-${width}.png`);
      expect((await pageOverflow(teller.page)).width).toBeLessThanOrEqual(0);
      expect(pageErrors(teller.page)).toEqual([]);
      await teller.page.context().close();
    }
  }, 180_000);
});

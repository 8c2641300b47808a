import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { Api, type Meeting } from './support/api.js';
import { launchBrowser, newPage } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { waitForLive } from './support/screens.js';

/**
 * P-22: a write-in (另选他人) counts only in a first round; the printed paper of a 另行选举 has no such column, so the
 * teller's screen offers none either. 8 present, 2 seats, the bar 5: L1 5 is elected; L2 and L3 (3 each) go to the
 * 另行选举 for the seat left.
 */
describe("the teller's screen follows the round's paper", () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let meeting: Meeting;
  let tellerLink: string;
  const names = ['张一', '李二', '王三', '赵四', '钱五', '孙六', '周七', '吴八'];

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    browser = await launchBrowser();
    meeting = await api.createMeeting({
      title: '第三党支部换届选举党员大会',
      organisation: '第三党支部',
      parameters: { doubleEntry: false },
    });
    const roll = names.map((name, k) => ({ name, memberId: `L${k + 1}` }));
    await api.uploadRoll(meeting, roll);
    for (const x of roll) await api.checkIn(meeting, x.memberId);
    const cmd = (type: string, data: unknown) => api.command(meeting.meetingId, meeting.credentials.chair, type, data);
    await cmd('AdoptElectionMethod', { vote: { for: 8, against: 0, abstain: 0 } });
    await cmd('AppointOfficers', {
      scrutineers: ['L8'],
      tellers: [{ name: '计票人甲' }],
      vote: { for: 8, against: 0, abstain: 0 },
    });
    tellerLink = api.url((await api.mint(meeting, { role: 'teller', officer: '计票人甲' })).link);
    await cmd('CreateContest', {
      contestId: 'c',
      office: 'member',
      seats: 2,
      mode: 'competitive',
      electorate: 'meeting',
    });
    for (const id of ['L1', 'L2', 'L3']) {
      await cmd('Nominate', { contestId: 'c', nomineeId: id, route: 'organisation' });
      await cmd('ReviewCandidate', { contestId: 'c', nomineeId: id, qualified: true, reason: '' });
    }
    const week = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
    await cmd('PublishCandidateList', {
      contestId: 'c',
      candidateIds: ['L1', 'L2', 'L3'],
      noticeDays: 3,
      publishedOn: week,
    });
    await cmd('ConfirmCandidateList', { contestId: 'c' });
    await cmd('OpenRound', { contestId: 'c' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const writeInField = () => `input[id$="-w"]`;

  it('offers 另选他人 in the first round, and not in the 另行选举 that follows', async () => {
    const { page } = await newPage(browser, { width: 1440, height: 900 });
    await page.goto(tellerLink);
    await waitForLive(page);
    await page.locator('[data-testid="ballot-row-L1"]').waitFor();
    expect(await page.locator(writeInField()).count()).toBe(1);

    const teller = new URL(tellerLink).hash.slice('#t='.length);
    const cmd = (type: string, data: unknown, token = meeting.credentials.chair) =>
      api.command(meeting.meetingId, token, type, data);
    for (let n = 1; n <= 8; n++)
      await cmd(
        'RecordBallot',
        {
          contestId: 'c',
          round: 1,
          ballotNo: n,
          marks: n <= 5 ? { L1: 'for' } : { L2: 'for', L3: 'for' },
          writeIns: [],
        },
        teller,
      );
    await cmd('CloseRound', { contestId: 'c', round: 1, ballotsReturned: 8 });
    await cmd('DeclareResult', { contestId: 'c', round: 1 });
    const view = await api.view(meeting);
    expect(view.contests[0]!.pending).toMatchObject({ kind: 'supplementary', seats: 1 });
    await cmd('OpenRound', { contestId: 'c' });

    await page.locator('[data-testid="ballot-row-L2"]').waitFor();
    await page.locator('[data-testid="ballot-row-L1"]').waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid^="ballot-row-"]').count()).toBe(2);
    expect(await page.locator(writeInField()).count()).toBe(0);
    await page.close();
  }, 120_000);
});

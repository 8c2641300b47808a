/**
 * Contests and lists made in error, through HTTP: a published list taken down and published again (P-10), a contest
 * withdrawn before its first round (P-15), and the secretary's list published with the committee's a week before,
 * the new committee electing its secretary on the day (P-29). The report, the observer's view and the replay never
 * show the withdrawn contest as unfinished.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayLog, type ChainedEvent } from '@tallyroom/contracts';
import { daysFromToday, request } from '../support/api.js';
import { Election, makeRoll, memberId } from '../support/election.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const [A, B, C, D, E] = [1, 2, 3, 4, 5].map((i) => memberId(i)) as [string, string, string, string, string];
const REASON = '与委员选举重复，误建';

describe('contests and lists made in error', () => {
  it('withdraws and republishes a list, withdraws a contest, and elects the secretary from the committee on the day', async () => {
    const e = await Election.create(server.api, { parameters: { doubleEntry: false } });
    await e.enrol(makeRoll(10));

    // A week before (publications dated then): the committee's list and the secretary's, which names a committee candidate.
    await e.contest({ contestId: 'committee', seats: 3, candidates: [A, B, C, D], confirm: false });
    await e.m.command('CreateContest', { contestId: 'secretary', office: 'secretary', seats: 1, mode: 'uncontested' });
    expect((await e.contestView('secretary')).electorate).toEqual({ committeeOf: 'committee' });
    await e.m.refused(
      'Nominate',
      { contestId: 'secretary', nomineeId: E, route: 'organisation' },
      422,
      'NOT_COMMITTEE_CANDIDATE',
      'P-29',
    );
    await e.m.command('Nominate', { contestId: 'secretary', nomineeId: A, route: 'organisation' });
    await e.m.command('ReviewCandidate', { contestId: 'secretary', nomineeId: A, qualified: true, reason: '' });
    await e.publish('secretary', [A]);

    // A contest created in error, its list published: the list comes down, and can be published again only from today.
    await e.contest({
      contestId: 'extra',
      office: 'deputy-secretary',
      seats: 1,
      mode: 'uncontested',
      electorate: 'meeting',
      candidates: [B],
    });
    const down = await e.m.command('WithdrawCandidateList', { contestId: 'extra', reason: '名单有误' });
    expect(down.events.map((x) => x.type)).toEqual(['CandidateListWithdrawn']);
    expect(await e.contestView('extra')).toMatchObject({
      status: 'nominating',
      list: null,
      listWithdrawals: [expect.objectContaining({ reason: '名单有误', wasConfirmed: true })],
    });
    let before = await e.m.eventsText();
    await e.m.refused(
      'PublishCandidateList',
      { contestId: 'extra', candidateIds: [B], noticeDays: 3, publishedOn: daysFromToday(-1) },
      422,
      'PUBLICATION_BACKDATED',
      'P-10',
    );
    expect(await e.m.eventsText()).toBe(before);
    await e.m.command('PublishCandidateList', { contestId: 'extra', candidateIds: [B], noticeDays: 3 });
    await e.m.refused('ConfirmCandidateList', { contestId: 'extra' }, 422, 'NOTICE_PERIOD_RUNNING', 'P-10');

    // The contest itself was made in error: withdrawn with the reason, then it takes no command.
    const withdrawn = await e.m.command('WithdrawContest', { contestId: 'extra', reason: REASON });
    expect(withdrawn.events.map((x) => x.type)).toEqual(['ContestWithdrawn']);
    before = await e.m.eventsText();
    await e.m.refused(
      'Nominate',
      { contestId: 'extra', nomineeId: C, route: 'organisation' },
      409,
      'CONTEST_WITHDRAWN',
    );
    expect(await e.m.eventsText()).toBe(before);
    expect(await e.contestView('extra', e.observer)).toMatchObject({
      status: 'withdrawn',
      withdrawal: { reason: REASON },
    });

    // The day: everyone present, both lists confirmed (their notice ran out days ago), the committee elected.
    await e.checkIn(makeRoll(10).map((m) => m.memberId));
    await e.ready({ scrutineers: [memberId(10)] });
    await e.m.command('ConfirmCandidateList', { contestId: 'committee' });
    await e.m.command('ConfirmCandidateList', { contestId: 'secretary' });
    const committeeBallots = Array.from({ length: 10 }, () => ({
      marks: { [A]: 'for', [B]: 'for', [C]: 'for', [D]: 'against' } as Record<string, 'for' | 'against'>,
    }));
    const committee = await e.runRound('committee', committeeBallots);
    expect(committee.contest.elected).toEqual(expect.arrayContaining([A, B, C]));

    // The new committee elects its secretary among its members (P-29, quorum P-30: all three present).
    const opened = await e.openRound('secretary');
    expect(opened).toMatchObject({ candidates: [A], presentVoters: 3, ballotsIssued: 3 });
    await e.m.refused(
      'WithdrawContest',
      { contestId: 'secretary', reason: '太晚了' },
      422,
      'CONTEST_WITHDRAWAL_TOO_LATE',
      'P-15',
    );
    await e.enterBallots(
      'secretary',
      1,
      [{ marks: { [A]: 'for' } }, { marks: { [A]: 'for' } }, { marks: { [A]: 'against' } }],
      {
        tellers: e.tellers.slice(0, 1),
      },
    );
    await e.closeRound('secretary', 1, 3);
    const declared = await e.declare('secretary', 1);
    expect(declared.contest).toMatchObject({ status: 'complete', elected: [A] });

    // Nothing unfinished: the stage is the results, the report shows the withdrawal only with its reason.
    expect((await e.view(e.observer)).stage).toBe('results');
    const report = await request(server.url, 'GET', `${e.m.path}/report`, { token: e.observer });
    expect(report.status).toBe(200);
    expect(report.text).not.toContain('<section class="contest" data-contest="extra"');
    expect(report.text).toMatch(/data-kind="list-withdrawn"[\s\S]*名单有误/);
    expect(report.text).toMatch(new RegExp(`data-kind="contest-withdrawn"[\\s\\S]*${REASON}`));
    expect(report.text).toContain('<section class="contest" data-contest="secretary"');

    // The log verifies, and its replay summarises the withdrawn contest as withdrawn.
    const log = (await e.m.eventsText())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ChainedEvent);
    const replay = replayLog(log);
    expect(replay.ok).toBe(true);
    expect(replay.contests.find((c) => c.contestId === 'extra')).toMatchObject({ withdrawal: { reason: REASON } });
  });
});

/**
 * Contests and lists made in error: a contest withdrawn before its first round (P-15), a published list taken down
 * and published again with a new notice (P-10), and the secretary's list published with the committee's days before
 * the meeting, its names checked against the committee's candidates and, on the day, against those elected (P-29).
 */
import { describe, expect, it } from 'vitest';
import { given } from '../testing/spec.js';
import {
  ballot,
  meetingWithCheckIns,
  readyMeeting,
  roll,
  scheduledMeeting,
  times,
  MeetingBuilder,
  type ReadyOptions,
} from '../testing/fixtures.js';
import { replayLog } from '../verify/index.js';
import { meetingView, viewWriteInRules } from '../views/meeting-view.js';
import { decodeState, encodeState } from './state-codec.js';
import { isUnfinished } from './status.js';
import { chainEvents, GENESIS_HASH, type ChainedEvent } from '../chain/chain.js';

/** The log chained again from its first event, after an edit (here: a flag a log of that time did not have). */
const rechainAll = (events: ChainedEvent[]) =>
  chainEvents(
    GENESIS_HASH,
    events.map(({ type, data, metadata }) => {
      const { prevHash: _p, hash: _h, ...meta } = metadata;
      return { type, data, metadata: meta };
    }),
  ) as ChainedEvent[];

/** 10 voters p1..p10 all present, one seat, candidates p1 and p2 (list published 2026-11-17, confirmed), scrutineer p10. */
const ready = (o: ReadyOptions = {}) =>
  readyMeeting({ voters: 10, seats: 1, candidates: 2, parameters: { doubleEntry: false }, ...o });
const withdrawContest = (contestId = 'c1', reason = '误建了一项选举') => ({
  type: 'WithdrawContest',
  data: { contestId, reason },
});
const withdrawList = (contestId = 'c1', reason = '名单漏列一名候选人') => ({
  type: 'WithdrawCandidateList',
  data: { contestId, reason },
});
const openRound = (contestId = 'c1') => ({ type: 'OpenRound', data: { contestId } });
const confirm = (contestId = 'c1') => ({ type: 'ConfirmCandidateList', data: { contestId } });
const publish = (candidateIds: string[], o: Record<string, unknown> = {}, contestId = 'c1') => ({
  type: 'PublishCandidateList',
  data: { contestId, candidateIds, noticeDays: 5, ...o },
});
const nominate = (nomineeId: string, contestId = 'c1') => ({
  type: 'Nominate',
  data: { contestId, nomineeId, route: 'organisation' },
});
const onDay = (day: string) => ({ now: `${day}T02:00:00.000Z` });

describe('WithdrawContest', () => {
  it('P-15: a contest whose list is not yet published is withdrawn with the reason', () => {
    given(meetingWithCheckIns(3, 3).createContest('c1', 1))
      .when(withdrawContest())
      .then([{ type: 'ContestWithdrawn', data: { contestId: 'c1', reason: '误建了一项选举' } }]);
  });

  it('P-15: a contest with a confirmed list is withdrawn while no round has opened', () => {
    given(ready())
      .when(withdrawContest())
      .then([{ type: 'ContestWithdrawn', data: { contestId: 'c1', reason: '误建了一项选举' } }]);
  });

  it('is idempotent: withdrawing a withdrawn contest again is a no-op', () => {
    const b = ready();
    b.run(withdrawContest());
    given(b).when(withdrawContest('c1', '再次撤销')).thenNothingHappened();
  });

  it.each([
    [
      'once its first round has opened (P-15)',
      () => {
        const b = ready();
        b.openRound();
        return b;
      },
      withdrawContest(),
      { code: 'CONTEST_WITHDRAWAL_TOO_LATE', rule: 'P-15', field: 'data.contestId', kind: 'rule' },
    ],
    [
      'for a contest that does not exist',
      () => ready(),
      withdrawContest('nope'),
      { code: 'UNKNOWN_CONTEST', field: 'data.contestId', kind: 'not-found' },
    ],
    [
      'for a committee whose secretary contest still stands (P-29)',
      () =>
        meetingWithCheckIns(10, 10)
          .createContest('committee', 3, { office: 'committee-member' })
          .createContest('sec', 1, {
            office: 'secretary',
            mode: 'uncontested',
            electorate: { committeeOf: 'committee' },
          }),
      withdrawContest('committee'),
      { code: 'CONTEST_IS_ELECTORATE', field: 'data.contestId', kind: 'conflict' },
    ],
    [
      'once the meeting is closed',
      () => {
        const b = ready();
        b.run({ type: 'CloseMeeting', data: { confirmUnfinished: true } });
        return b;
      },
      withdrawContest(),
      { code: 'MEETING_CLOSED', kind: 'conflict' },
    ],
  ] as const)('refuses a withdrawal %s', (_name, history, command, refusal) => {
    given(history()).when(command).thenThrows(refusal);
  });

  it.each([
    ['Nominate', nominate('p3')],
    ['ReviewCandidate', { type: 'ReviewCandidate', data: { contestId: 'c1', nomineeId: 'p1', qualified: true } }],
    ['PublishCandidateList', publish(['p1', 'p2'])],
    ['ConfirmCandidateList', confirm()],
    ['OpenRound', openRound()],
    ['WithdrawCandidate', { type: 'WithdrawCandidate', data: { contestId: 'c1', candidateId: 'p1', reason: '退出' } }],
    ['WithdrawCandidateList', withdrawList()],
    ['RecordApproval', { type: 'RecordApproval', data: { contestId: 'c1', reference: '〔2026〕1号' } }],
    [
      'CreateContest (the same id again)',
      { type: 'CreateContest', data: { contestId: 'c1', office: 'member', seats: 1 } },
    ],
  ] as const)('a withdrawn contest answers %s with CONTEST_WITHDRAWN', (_name, command) => {
    const b = ready();
    b.run(withdrawContest());
    given(b).when(command).thenThrows({ code: 'CONTEST_WITHDRAWN', field: 'data.contestId', kind: 'conflict' });
  });

  it('P-29: a secretary contest cannot name a withdrawn committee as its electorate', () => {
    const b = meetingWithCheckIns(10, 10).createContest('committee', 3, { office: 'committee-member' });
    b.run(withdrawContest('committee'));
    given(b)
      .when({
        type: 'CreateContest',
        data: { contestId: 'sec', office: 'secretary', seats: 1, electorate: { committeeOf: 'committee' } },
      })
      .thenThrows({ code: 'CONTEST_WITHDRAWN', field: 'data.electorate.committeeOf', kind: 'conflict' });
  });

  it('P-29: a secretary contest created without an electorate is elected by the committee that stands, not the withdrawn one', () => {
    const b = meetingWithCheckIns(10, 10).createContest('old', 3, { office: 'committee-member' });
    b.run(withdrawContest('old'));
    b.createContest('committee', 3, { office: 'committee-member' });
    given(b)
      .when({ type: 'CreateContest', data: { contestId: 'sec', office: 'secretary', seats: 1, mode: 'uncontested' } })
      .then(([e]) => expect(e).toMatchObject({ data: { electorate: { committeeOf: 'committee' } } }));
  });

  it('P-16: a candidate of a withdrawn contest no longer stands and may be appointed scrutineer', () => {
    const b = meetingWithCheckIns(10, 10)
      .createContest('c1', 1)
      .nominate('c1', ['p1', 'p2'])
      .publish('c1', ['p1', 'p2']);
    b.run(withdrawContest());
    b.adoptMethod();
    given(b)
      .when({
        type: 'AppointOfficers',
        data: {
          scrutineers: ['p1'],
          tellers: [{ name: '计票人甲' }, { name: '计票人乙' }],
          vote: { for: 10, against: 0, abstain: 0 },
        },
      })
      .then(([e]) => expect(e).toMatchObject({ type: 'OfficersAppointed', data: { scrutineers: ['p1'] } }));
  });

  it('the views show the contest as withdrawn with its reason, and the stage follows the contests that stand', () => {
    const b = ready();
    b.createContest('extra', 1);
    b.run(withdrawContest('extra', '与 c1 重复'));
    b.vote('c1', times(10, ballot(['p1'], { against: ['p2'] })));
    const view = b.view('observer');
    expect(view.contests.find((c) => c.contestId === 'extra')).toMatchObject({
      status: 'withdrawn',
      withdrawal: { reason: '与 c1 重复', on: '2026-11-24' },
    });
    expect(view.contests.find((c) => c.contestId === 'c1')!.status).toBe('complete');
    expect(view.stage).toBe('results');
  });

  it('a withdrawn contest is not unfinished; one still nominating is', () => {
    const b = ready();
    b.createContest('extra', 1);
    expect(isUnfinished(b.contest('extra').status)).toBe(true);
    b.run(withdrawContest('extra'));
    expect(isUnfinished(b.contest('extra').status)).toBe(false);
  });

  it('the verifier re-decides a log with a withdrawn contest and summarises it as withdrawn, with no rounds', () => {
    const b = ready();
    b.createContest('extra', 1);
    b.run(withdrawContest('extra', '与 c1 重复'));
    const r = replayLog(b.log() as unknown as ChainedEvent[]);
    expect(r.ok).toBe(true);
    expect(r.contests.find((c) => c.contestId === 'extra')).toMatchObject({
      withdrawal: { reason: '与 c1 重复' },
      rounds: [],
    });
  });
});

describe('WithdrawCandidateList', () => {
  it('P-10: a published list not yet confirmed is withdrawn with the reason', () => {
    given(ready({ confirm: false }))
      .when(withdrawList())
      .then([{ type: 'CandidateListWithdrawn', data: { contestId: 'c1', reason: '名单漏列一名候选人' } }]);
  });

  it('P-10: a confirmed list is withdrawn too while no round has opened; it is then neither published nor confirmed', () => {
    const b = ready();
    b.run(withdrawList());
    expect(b.contest()).toMatchObject({
      status: 'nominating',
      list: null,
      listWithdrawals: [
        { reason: '名单漏列一名候选人', publishedOn: '2026-11-17', on: '2026-11-24', wasConfirmed: true },
      ],
    });
  });

  it.each([
    [
      'once the first round has opened (P-15)',
      () => {
        const b = ready();
        b.openRound();
        return b;
      },
      { code: 'WITHDRAWAL_TOO_LATE', rule: 'P-15', field: 'data.contestId' },
    ],
    [
      'when no list is published (P-10)',
      () => meetingWithCheckIns(3, 3).createContest('c1', 1),
      { code: 'LIST_NOT_PUBLISHED', rule: 'P-10', field: 'data.contestId' },
    ],
    [
      'a second time, when the list is already down (P-10)',
      () => {
        const b = ready();
        b.run(withdrawList());
        return b;
      },
      { code: 'LIST_NOT_PUBLISHED', rule: 'P-10', field: 'data.contestId' },
    ],
    [
      'once the meeting is closed',
      () => {
        const b = ready();
        b.run({ type: 'CloseMeeting', data: { confirmUnfinished: true } });
        return b;
      },
      { code: 'MEETING_CLOSED', kind: 'conflict' },
    ],
  ] as const)('refuses a withdrawal %s', (_name, history, refusal) => {
    given(history()).when(withdrawList()).thenThrows(refusal);
  });

  it('P-08: nominations reopen after the withdrawal, so the list can be edited', () => {
    const b = ready();
    b.run(withdrawList());
    given(b)
      .when(nominate('p3'))
      .then([
        {
          type: 'NominationReceived',
          data: { contestId: 'c1', nomineeId: 'p3', route: 'organisation', supporters: [] },
        },
      ]);
  });

  it('P-15: no round opens on a withdrawn list', () => {
    const b = ready();
    b.run(withdrawList());
    given(b).when(openRound()).thenThrows({ code: 'LIST_NOT_CONFIRMED', rule: 'P-15' });
  });

  it('P-10: the new publication cannot be dated before the withdrawal', () => {
    const b = ready(); // the list was published on 2026-11-17
    b.run(withdrawList()); // withdrawn on 2026-11-24
    given(b)
      .when(publish(['p1', 'p2'], { publishedOn: '2026-11-23' }))
      .thenThrows({ code: 'PUBLICATION_BACKDATED', rule: 'P-10', field: 'data.publishedOn' });
  });

  it('P-10: the old notice counts for nothing: the list published anew cannot be confirmed before its own notice has run', () => {
    // First published 2026-11-17 with 5 days (ran until 2026-11-22); withdrawn and published again on 2026-11-24.
    const b = ready();
    b.run(withdrawList());
    b.nominate('c1', ['p3']);
    b.run(publish(['p1', 'p2', 'p3']));
    given(b).when(confirm()).thenThrows({ code: 'NOTICE_PERIOD_RUNNING', rule: 'P-10' });
  });

  it('P-10: once the new notice has run, the list is confirmed and the first round opens with the edited list', () => {
    const b = ready();
    b.run(withdrawList());
    b.nominate('c1', ['p3']);
    b.run(publish(['p1', 'p2', 'p3']));
    b.run(confirm(), onDay('2026-11-29'));
    given(b)
      .when(openRound(), onDay('2026-11-29'))
      .then(([e]) =>
        expect(e).toMatchObject({
          type: 'RoundOpened',
          data: { candidates: expect.arrayContaining(['p1', 'p2', 'p3']) },
        }),
      );
  });

  it('the verifier re-decides a log with a list withdrawn and published again', () => {
    const b = ready();
    b.run(withdrawList());
    b.nominate('c1', ['p3']);
    b.run(publish(['p1', 'p2', 'p3']));
    b.run(confirm(), onDay('2026-11-29'));
    expect(replayLog(b.log() as unknown as ChainedEvent[]).ok).toBe(true);
  });
});

/** The instant bothListsAWeekBefore's builder records its commands at. */
const clock = { now: '2026-11-17T02:00:00.000Z' };

/**
 * The day as a branch runs it: both lists published on 2026-11-17, a week before the meeting of 2026-11-24 (5 days'
 * notice); the committee (3 seats, candidates p1..p4) and its secretary (等额, p1), the secretary elected by the new
 * committee among its members.
 */
function bothListsAWeekBefore(
  secretary: string[] = ['p1'],
  mode: 'uncontested' | 'competitive' = 'uncontested',
): MeetingBuilder {
  const week = onDay('2026-11-17');
  // Every command at the clock's instant, so the log runs forward from the week before to the day.
  const b = new MeetingBuilder();
  const run = b.run.bind(b);
  b.run = (command, ctx = {}, commandId) => run(command, { now: clock.now, ...ctx }, commandId);
  clock.now = week.now;
  b.schedule().enrol(roll(10));
  b.run({ type: 'CreateContest', data: { contestId: 'committee', office: 'committee-member', seats: 3 } }, week);
  b.run({ type: 'CreateContest', data: { contestId: 'sec', office: 'secretary', seats: 1, mode } }, week);
  for (const id of ['p1', 'p2', 'p3', 'p4']) {
    b.run(nominate(id, 'committee'), week);
    b.run({ type: 'ReviewCandidate', data: { contestId: 'committee', nomineeId: id, qualified: true } }, week);
  }
  for (const id of secretary) {
    b.run(nominate(id, 'sec'), week);
    b.run({ type: 'ReviewCandidate', data: { contestId: 'sec', nomineeId: id, qualified: true } }, week);
  }
  b.run(publish(['p1', 'p2', 'p3', 'p4'], {}, 'committee'), week);
  b.run(publish(secretary, {}, 'sec'), week);
  return b;
}

/** The meeting day: everyone present, both lists confirmed, method and officers (p10), the committee voted. */
function committeeElected(b: MeetingBuilder, elected: string[]): MeetingBuilder {
  clock.now = '2026-11-24T09:00:00.000Z';
  b.checkIn(...roll(10).map((m) => m.memberId));
  b.confirm('committee').confirm('sec');
  b.adoptMethod().appointOfficers(['p10']);
  const others = ['p1', 'p2', 'p3', 'p4'].filter((id) => !elected.includes(id));
  b.vote('committee', times(10, ballot(elected, { against: others })));
  return b;
}

describe('the secretary list published with the committee list (P-29)', () => {
  it('P-29: the secretary contest is elected by the committee, though created days before the meeting', () => {
    expect(bothListsAWeekBefore().state.contests.get('sec')!.electorate).toEqual({ committeeOf: 'committee' });
  });

  it('P-29: before the committee vote, a secretary nominee who stands for the committee is nominated', () => {
    const b = scheduledMeeting().enrol(roll(10)).createContest('committee', 3, { office: 'committee-member' });
    b.nominate('committee', ['p1']);
    b.createContest('sec', 1, { office: 'secretary', mode: 'uncontested', electorate: { committeeOf: 'committee' } });
    given(b)
      .when(nominate('p1', 'sec'))
      .then([
        {
          type: 'NominationReceived',
          data: { contestId: 'sec', nomineeId: 'p1', route: 'organisation', supporters: [] },
        },
      ]);
  });

  it.each([
    ['nominated to the committee', 'p5', false],
    ['withdrawn from the committee', 'p2', true],
  ] as const)('P-29: before the committee vote, a secretary nominee not %s is refused', (_name, nominee, withdrew) => {
    const b = scheduledMeeting().enrol(roll(10)).createContest('committee', 3, { office: 'committee-member' });
    b.nominate('committee', ['p1', 'p2']);
    if (withdrew)
      b.run({ type: 'WithdrawCandidate', data: { contestId: 'committee', candidateId: 'p2', reason: '本人申请' } });
    b.createContest('sec', 1, { office: 'secretary', mode: 'uncontested', electorate: { committeeOf: 'committee' } });
    given(b)
      .when(nominate(nominee, 'sec'))
      .thenThrows({ code: 'NOT_COMMITTEE_CANDIDATE', rule: 'P-29', field: 'data.nomineeId' });
  });

  it("P-29: once the committee's list is published, a secretary nominee must be on it", () => {
    const b = scheduledMeeting().enrol(roll(10)).createContest('committee', 3, { office: 'committee-member' });
    b.nominate('committee', ['p1', 'p2', 'p3', 'p4', 'p5']).publish('committee', ['p1', 'p2', 'p3', 'p4']);
    b.createContest('sec', 1, { office: 'secretary', mode: 'uncontested', electorate: { committeeOf: 'committee' } });
    given(b)
      .when(nominate('p5', 'sec'))
      .thenThrows({ code: 'NOT_COMMITTEE_CANDIDATE', rule: 'P-29', field: 'data.nomineeId' });
  });

  it("P-29: the secretary's list is checked against the committee's published list when it is published", () => {
    // p5 was nominated for secretary while a committee nominee; the committee's list then left p5 out.
    const b = scheduledMeeting().enrol(roll(10)).createContest('committee', 3, { office: 'committee-member' });
    b.nominate('committee', ['p1', 'p2', 'p3', 'p4', 'p5']);
    b.createContest('sec', 1, { office: 'secretary', mode: 'uncontested', electorate: { committeeOf: 'committee' } });
    b.nominate('sec', ['p5']);
    b.publish('committee', ['p1', 'p2', 'p3', 'p4']);
    given(b)
      .when(publish(['p5'], {}, 'sec'))
      .thenThrows({ code: 'NOT_COMMITTEE_CANDIDATE', rule: 'P-29', field: 'data.candidateIds.0' });
  });

  it("P-29: the chair's view says whom the secretary's contest may take: the committee's candidates, then its elected", () => {
    const b = scheduledMeeting().enrol(roll(10)).createContest('committee', 3, { office: 'committee-member' });
    b.nominate('committee', ['p1', 'p2', 'p3', 'p4', 'p5']);
    b.run({ type: 'WithdrawCandidate', data: { contestId: 'committee', candidateId: 'p5', reason: '本人申请' } });
    b.createContest('sec', 1, { office: 'secretary', mode: 'uncontested', electorate: { committeeOf: 'committee' } });
    const sec = (bb: MeetingBuilder, role: 'chair' | 'observer' = 'chair') =>
      meetingView(bb.state, { role }).contests.find((c) => c.contestId === 'sec')!;
    expect(sec(b).mayStand).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(sec(b, 'observer').mayStand).toBeUndefined();
    const meetingsOwn = meetingView(b.state, { role: 'chair' }).contests.find((c) => c.contestId === 'committee')!;
    expect(meetingsOwn.mayStand).toBeUndefined();
    expect(sec(committeeElected(bothListsAWeekBefore(), ['p2', 'p3', 'p4'])).mayStand).toEqual(['p2', 'p3', 'p4']);
  });

  it('P-10: both lists published a week before are confirmed on the day', () => {
    const b = bothListsAWeekBefore();
    clock.now = '2026-11-24T09:00:00.000Z';
    b.confirm('committee');
    given(b)
      .when(confirm('sec'))
      .then([{ type: 'CandidateListConfirmed', data: { contestId: 'sec', candidateIds: ['p1'] } }]);
  });

  it('P-29: on the day the new committee elects the secretary from among its elected members', () => {
    const b = committeeElected(bothListsAWeekBefore(), ['p1', 'p2', 'p3']);
    given(b)
      .when(openRound('sec'))
      .then([
        {
          type: 'RoundOpened',
          data: {
            contestId: 'sec',
            round: 1,
            kind: 'first',
            seats: 1,
            candidates: ['p1'],
            ballotsIssued: 3,
            presentVoters: 3,
            expected: 3,
            doubleEntry: true,
          },
        },
      ]);
  });

  it("P-29: the secretary's round does not open while a name on its list was not elected to the committee", () => {
    const b = committeeElected(bothListsAWeekBefore(), ['p2', 'p3', 'p4']);
    given(b).when(openRound('sec')).thenThrows({ code: 'NOT_COMMITTEE_MEMBER', rule: 'P-29', field: 'data.contestId' });
  });

  it('P-29: a competitive secretary list opens once the candidate not elected to the committee is withdrawn', () => {
    const b = committeeElected(bothListsAWeekBefore(['p1', 'p2', 'p4'], 'competitive'), ['p1', 'p2', 'p3']);
    b.run({ type: 'WithdrawCandidate', data: { contestId: 'sec', candidateId: 'p4', reason: '未当选委员' } });
    given(b)
      .when(openRound('sec'))
      .then(([e]) =>
        expect(e).toMatchObject({ type: 'RoundOpened', data: { candidates: expect.arrayContaining(['p1', 'p2']) } }),
      );
  });

  it('P-10: a secretary list replaced on the day, after its candidate failed, needs its own notice', () => {
    const b = committeeElected(bothListsAWeekBefore(), ['p2', 'p3', 'p4']);
    b.run(withdrawList('sec', '书记候选人未当选委员'));
    b.nominate('sec', ['p2']);
    b.run(publish(['p2'], { noticeDays: 3 }, 'sec'));
    given(b).when(confirm('sec')).thenThrows({ code: 'NOTICE_PERIOD_RUNNING', rule: 'P-10' });
  });

  it("P-29: in the committee's vote a write-in counts only for a member of the committee", () => {
    // The committee p1 p2 p3 (3 voters, the bar 2). p9 is a full member of the branch but not of the committee.
    const outsider = committeeElected(bothListsAWeekBefore(), ['p1', 'p2', 'p3']);
    outsider.vote('sec', [ballot(['p1']), ...times(2, ballot([], { against: ['p1'], writeIns: ['p9'] }))]);
    const r = outsider.round('sec');
    expect(r.tally.find((t) => t.candidateId === 'p9')).toBeUndefined();
    expect([r.valid, r.invalid]).toEqual([3, 0]); // the write-in voids itself only (P-22)
    expect(outsider.state.contests.get('sec')!.elected).toEqual([]);
    expect([...(r.writeInsAmong ?? [])].sort()).toEqual(['p1', 'p2', 'p3']);
    // The teller's screen judges the paper as the count will (the same rule, read from the view) ...
    const view = meetingView(outsider.state, { role: 'teller' });
    const round = view.contests.find((c) => c.contestId === 'sec')!.rounds[0]!;
    expect([
      viewWriteInRules(view, round).mayBeElected('p9'),
      viewWriteInRules(view, round).mayBeElected('p2'),
    ]).toEqual([false, true]);
    // ... and a snapshot keeps the committee the round opened with.
    const back = decodeState(JSON.parse(JSON.stringify(encodeState(outsider.state))));
    expect(back?.contests.get('sec')!.rounds[0]!.writeInsAmong).toEqual(
      outsider.state.contests.get('sec')!.rounds[0]!.writeInsAmong,
    );

    const member = committeeElected(bothListsAWeekBefore(), ['p1', 'p2', 'p3']);
    member.vote('sec', [ballot(['p1']), ...times(2, ballot([], { against: ['p1'], writeIns: ['p2'] }))]);
    expect(member.round('sec').tally.find((t) => t.candidateId === 'p2')).toMatchObject({ for: 2 });
    expect(member.state.contests.get('sec')!.elected).toEqual(['p2']);
    expect(replayLog(member.log() as unknown as ChainedEvent[]).ok).toBe(true);
  });

  it('P-29: a log written before committeeWriteIns counted the outsider, and replays and verifies as it was held', () => {
    const b = committeeElected(bothListsAWeekBefore(), ['p1', 'p2', 'p3']);
    b.state.committeeWriteIns = false; // as a log scheduled before the flag was pinned
    b.vote('sec', [ballot(['p1']), ...times(2, ballot([], { against: ['p1'], writeIns: ['p9'] }))]);
    expect(b.state.contests.get('sec')!.elected).toEqual(['p9']);
    const older = (b.log() as unknown as ChainedEvent[]).map((e) =>
      e.type === 'MeetingScheduled'
        ? { ...e, data: { ...(e.data as Record<string, unknown>), committeeWriteIns: undefined } }
        : e,
    );
    const replayed = replayLog(rechainAll(JSON.parse(JSON.stringify(older)) as ChainedEvent[]));
    expect(replayed.ok).toBe(true);
    expect(replayed.state.contests.get('sec')!.elected).toEqual(['p9']);
  });

  it('the whole day verifies: lists a week before, the committee, then the secretary by the committee', () => {
    const b = committeeElected(bothListsAWeekBefore(), ['p1', 'p2', 'p3']);
    b.vote('sec', times(3, ballot(['p1'])));
    expect(b.state.contests.get('sec')!.elected).toEqual(['p1']);
    expect(replayLog(b.log() as unknown as ChainedEvent[]).ok).toBe(true);
  });
});

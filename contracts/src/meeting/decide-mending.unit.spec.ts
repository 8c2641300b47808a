/**
 * Mending on the day, always as new events: reopening a round before its result is declared,
 * correcting a member before any round opens, withdrawing a candidate before the contest votes,
 * and the teller count double entry needs.
 */
import { describe, expect, it } from 'vitest';
import { given } from '../testing/spec.js';
import { replayLog } from '../verify/index.js';
import type { ChainedEvent } from '../chain/chain.js';
import { reconcileReturned, seatsOutstanding } from './status.js';
import {
  SCRUTINEER,
  TELLER_1,
  ballot,
  meetingWithCheckIns,
  readyMeeting,
  roll,
  scheduledMeeting,
  times,
  vote,
  type MeetingBuilder,
  type ReadyOptions,
} from '../testing/fixtures.js';

/** 10 voters p1..p10 all present, one seat, candidates p1 and p2, scrutineer p10, single entry. */
const ready = (o: ReadyOptions = {}) =>
  readyMeeting({ voters: 10, seats: 1, candidates: 2, parameters: { doubleEntry: false }, ...o });
const reopen = (round = 1, contestId = 'c1') => ({
  type: 'ReopenRound',
  data: { contestId, round, reason: '回收票数点错，重新清点' },
});
const correctBallot = (ballotNo: number, round = 1) => ({
  type: 'CorrectBallot',
  data: {
    contestId: 'c1',
    round,
    ballotNo,
    marks: { p1: 'against', p2: 'for' },
    writeIns: [],
    reason: '监票人核对原票',
  },
});
const voidEntry = (ballotNo: number, round = 1) => ({
  type: 'VoidBallotEntry',
  data: { contestId: 'c1', round, ballotNo, reason: '误录入' },
});
const recordBallot = (ballotNo: number, round = 1) => ({
  type: 'RecordBallot',
  data: { contestId: 'c1', round, ballotNo, marks: { p1: 'for' }, writeIns: [] },
});
const correctMember = (data: Record<string, unknown>) => ({
  type: 'CorrectMember',
  data: { reason: '名册录入有误', ...data },
});
const withdraw = (candidateId: string, contestId = 'c1') => ({
  type: 'WithdrawCandidate',
  data: { contestId, candidateId, reason: '本人因病申请退出' },
});
const openRound = { type: 'OpenRound', data: { contestId: 'c1' } };
const asScrutineer = { actor: SCRUTINEER };

/** p1 6 for, p2 4 for: ten ballots keyed, the round closed valid with 10 returned. */
function closedValid(): MeetingBuilder {
  const b = ready();
  b.openRound();
  b.enterBallots('c1', 1, [
    ...times(6, ballot(['p1'], { against: ['p2'] })),
    ...times(4, ballot(['p2'], { against: ['p1'] })),
  ]);
  b.closeRound('c1', 1, 10);
  return b;
}

/** The same ten ballots, but 11 papers counted out of the box: void (P-21), a re-run pending. */
function closedVoid(): MeetingBuilder {
  const b = ready();
  b.openRound();
  b.enterBallots('c1', 1, [
    ...times(6, ballot(['p1'], { against: ['p2'] })),
    ...times(4, ballot(['p2'], { against: ['p1'] })),
  ]);
  b.closeRound('c1', 1, 11);
  return b;
}

describe('ReopenRound', () => {
  it('P-21: reopens the latest round closed valid and not declared', () => {
    given(closedValid())
      .when(reopen())
      .then([{ type: 'RoundReopened', data: { contestId: 'c1', round: 1, reason: '回收票数点错，重新清点' } }]);
  });

  it('P-21: reopening a void round withdraws the re-run its close called for, and it may close valid (its history: meeting-view.unit.spec.ts)', () => {
    const b = closedVoid();
    expect(b.state.contests.get('c1')!.pending).toMatchObject({ kind: 'first', rule: 'P-21' });
    b.run(reopen());
    expect(b.state.contests.get('c1')!.pending).toBeNull();
    b.closeRound('c1', 1, 10);
    expect(b.declare()[0]).toMatchObject({ type: 'ResultDeclared', data: { elected: ['p1'] } });
  });

  it('P-21: the returned count given at the new close is the one that stands', () => {
    const b = closedValid();
    b.run(reopen());
    given(b)
      .when({ type: 'CloseRound', data: { contestId: 'c1', round: 1, ballotsReturned: 9 } })
      .thenThrows({ code: 'BALLOTS_UNACCOUNTED', rule: 'P-21', field: 'data.ballotsReturned' });
  });

  it.each([
    [
      'a declared round (P-15)',
      () => {
        const b = closedValid();
        b.declare();
        return b;
      },
      1,
      { code: 'RESULT_DECLARED', rule: 'P-15', field: 'data.round' },
    ],
    [
      'an open round (P-21)',
      () => {
        const b = ready();
        b.openRound();
        return b;
      },
      1,
      { code: 'ROUND_NOT_CLOSED', rule: 'P-21', field: 'data.round' },
    ],
    [
      'an earlier, void round once its re-run has opened (P-21)',
      () => {
        const b = closedVoid();
        b.openRound();
        return b;
      },
      1,
      { code: 'ROUND_SUPERSEDED', rule: 'P-21', field: 'data.round' },
    ],
    ['a round that does not exist', () => closedValid(), 2, { code: 'UNKNOWN_ROUND', kind: 'not-found' }],
  ] as const)('refuses to reopen %s', (_name, history, round, refusal) => {
    given(history()).when(reopen(round)).thenThrows(refusal);
  });

  it('P-28: refuses to reopen a void supplementary round whose seat was then left vacant', () => {
    const b = readyMeeting({ voters: 10, seats: 2, candidates: 3, parameters: { doubleEntry: false } });
    b.vote('c1', [...times(6, ballot(['p1'])), ...times(4, ballot(['p2']))]); // p1 elected, one seat short
    b.openRound();
    b.enterBallots('c1', 2, times(10, ballot(['p2'])));
    b.closeRound('c1', 2, 11); // void: a re-run of the supplementary round is pending
    b.run({ type: 'LeaveSeatsVacant', data: { contestId: 'c1', vote: vote(6, 4) } });
    given(b).when(reopen(2)).thenThrows({ code: 'SEATS_LEFT_VACANT', rule: 'P-28' });
  });

  it('refuses to reopen once the meeting is closed', () => {
    const b = closedValid();
    // Round 1 is closed, not declared: closing over it is confirmed (P-15).
    b.run({ type: 'CloseMeeting', data: { confirmUnfinished: true } });
    given(b).when(reopen()).thenThrows({ code: 'MEETING_CLOSED', kind: 'conflict' });
  });
});

describe('reconcileReturned (P-21)', () => {
  const round = { valid: 9, invalid: 1, ballotsIssued: 10 };
  it('P-21: papers equal to entries and within the ballots issued', () => {
    expect(reconcileReturned(round, 10)).toEqual({ entered: 10, difference: 0, overIssued: 0 });
  });
  it('P-21: one paper more than entered and than issued', () => {
    expect(reconcileReturned(round, 11)).toEqual({ entered: 10, difference: 1, overIssued: 1 });
  });
  it('P-21: one entry more than the papers counted', () => {
    expect(reconcileReturned(round, 9)).toEqual({ entered: 10, difference: -1, overIssued: 0 });
  });
});

describe('seatsOutstanding (P-27, P-28)', () => {
  it('P-28: 3 seats, 1 elected, 1 left vacant: 1 still to elect', () => {
    expect(seatsOutstanding({ seats: 3, elected: ['p1'], vacant: 1 })).toBe(1);
  });
  it('P-28: 2 seats, 1 elected, 1 left vacant: none once all are filled', () => {
    expect(seatsOutstanding({ seats: 2, elected: ['p1'], vacant: 1 })).toBe(0);
  });
});

describe('after the result is declared', () => {
  const declared = () => {
    const b = closedValid();
    b.declare();
    return b;
  };

  it.each([
    ['CorrectBallot', correctBallot(1), asScrutineer],
    ['VoidBallotEntry', voidEntry(1), asScrutineer],
    ['RecordBallot', recordBallot(11), { actor: TELLER_1 }],
  ] as const)('P-15: %s is refused with RESULT_DECLARED, naming the declaration', (_name, command, ctx) => {
    const b = declared();
    given(b)
      .when(command, ctx)
      .thenThrows({ code: 'RESULT_DECLARED', rule: 'P-15', field: 'data.round', kind: 'rule' });
    let message = '';
    try {
      b.run(command, ctx);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('declared at revision');
    expect(message).toContain('elected: p1');
  });

  it('P-21: a closed round not yet declared still answers ROUND_CLOSED, pointing to reopening', () => {
    given(closedValid()).when(correctBallot(1), asScrutineer).thenThrows({ code: 'ROUND_CLOSED', rule: 'P-21' });
  });
});

describe('CorrectMember', () => {
  /** q1 keyed as full by mistake: 11 "full" members, all present. */
  const miskeyed = () =>
    scheduledMeeting()
      .enrol([...roll(10), { memberId: 'q1', name: '冯预备', status: 'full' }])
      .checkIn(...roll(10).map((m) => m.memberId), 'q1');

  it('P-01: a probationary member keyed as full is corrected', () => {
    given(miskeyed())
      .when(correctMember({ memberId: 'q1', status: 'probationary' }))
      .then([{ type: 'MemberCorrected', data: { memberId: 'q1', status: 'probationary', reason: '名册录入有误' } }]);
  });

  it('P-24: the corrected member receives no ballot: the round issues one per voter left', () => {
    const b = miskeyed();
    b.run(correctMember({ memberId: 'q1', status: 'probationary' }));
    b.createContest('c1', 1)
      .nominate('c1', ['p1', 'p2'])
      .publish('c1', ['p1', 'p2'])
      .adoptMethod()
      .appointOfficers(['p10'])
      .confirm('c1');
    given(b)
      .when(openRound)
      .then((events) =>
        expect(events[0]).toMatchObject({ data: { ballotsIssued: 10, presentVoters: 10, expected: 10 } }),
      );
  });

  it('P-18: a corrected name moves its bearer on a published list, which stays in surname stroke order', () => {
    // 王 (4 strokes) comes before 张 (7) and 李 (7); p3 (王五) corrected to 黄五 (黄, 11 strokes) goes last.
    const b = ready({ candidates: 3, confirm: false });
    const before = b.state.contests.get('c1')!.list!.candidateIds;
    expect(before[0]).toBe('p3');
    b.run(correctMember({ memberId: 'p3', name: '黄五' }));
    expect(b.events.at(-1)).toMatchObject({
      type: 'MemberCorrected',
      data: { name: '黄五', lists: [{ contestId: 'c1', candidateIds: [...before.slice(1), 'p3'] }] },
    });
    expect(b.state.contests.get('c1')!.list!.candidateIds.at(-1)).toBe('p3');
    b.confirm('c1');
    given(b)
      .when(openRound)
      .then((events) => expect(events[0]).toMatchObject({ data: { candidates: [...before.slice(1), 'p3'] } }));
  });

  it('P-02: only what changes is recorded', () => {
    given(meetingWithCheckIns(3, 3))
      .when(correctMember({ memberId: 'p1', status: 'full', name: '张三丰' }))
      .then([{ type: 'MemberCorrected', data: { memberId: 'p1', name: '张三丰', reason: '名册录入有误' } }]);
  });

  it.each([
    [
      'once a round has opened (P-02)',
      () => {
        const b = ready();
        b.openRound();
        return b;
      },
      { memberId: 'p3', status: 'probationary' },
      { code: 'ROLL_FROZEN', rule: 'P-02', kind: 'rule' },
    ],
    [
      'when nothing changes',
      () => meetingWithCheckIns(3, 3),
      { memberId: 'p1', status: 'full' },
      { code: 'NOTHING_TO_CORRECT', field: 'data.status', kind: 'validation' },
    ],
    [
      'with neither status nor name',
      () => meetingWithCheckIns(3, 3),
      { memberId: 'p1' },
      { code: 'INVALID_FIELD', kind: 'validation' },
    ],
    [
      'an unknown member',
      () => meetingWithCheckIns(3, 3),
      { memberId: 'nobody', name: '某某' },
      { code: 'UNKNOWN_MEMBER', kind: 'not-found' },
    ],
    [
      'a standing candidate to a status without the right to be elected (P-01)',
      () => ready({ confirm: false }),
      { memberId: 'p1', status: 'probationary' },
      { code: 'MEMBER_IS_CANDIDATE', rule: 'P-01', field: 'data.status' },
    ],
    [
      'a scrutineer to a status without a vote (P-16)',
      () => ready({ confirm: false }),
      { memberId: 'p10', status: 'rights-suspended' },
      { code: 'SCRUTINEER_NOT_VOTER', rule: 'P-16', field: 'data.status' },
    ],
  ] as const)('refuses a correction %s', (_name, history, data, refusal) => {
    given(history()).when(correctMember(data)).thenThrows(refusal);
  });
});

describe('WithdrawCandidate', () => {
  /** One seat, candidates p1 p2 p3, list confirmed. */
  const three = () => ready({ candidates: 3 });

  it('P-12: a list that still meets the rule stands, confirmed, without the candidate', () => {
    given(three())
      .when(withdraw('p3'))
      .then([
        {
          type: 'CandidateWithdrawn',
          data: { contestId: 'c1', candidateId: 'p3', reason: '本人因病申请退出', list: 'stands' },
        },
      ]);
  });

  it('P-12: the round then opens with the remaining candidates (the list the view shows: meeting-view.unit.spec.ts)', () => {
    const b = three();
    b.run(withdraw('p3'));
    given(b)
      .when(openRound)
      .then((events) => expect(events[0]).toMatchObject({ data: { candidates: expect.not.arrayContaining(['p3']) } }));
    given(b)
      .when(openRound)
      .then((events) => expect((events[0]!.data as { candidates: string[] }).candidates).toHaveLength(2));
  });

  it('P-12: a list left short of the rule needs a new publication', () => {
    given(ready())
      .when(withdraw('p2'))
      .then([
        {
          type: 'CandidateWithdrawn',
          data: { contestId: 'c1', candidateId: 'p2', reason: '本人因病申请退出', list: 'republish', rule: 'P-12' },
        },
      ]);
  });

  it.each([
    ['OpenRound', openRound],
    ['ConfirmCandidateList', { type: 'ConfirmCandidateList', data: { contestId: 'c1' } }],
  ] as const)(
    'P-12: after a withdrawal left the list short, %s is refused until it is published anew',
    (_name, command) => {
      const b = ready();
      b.run(withdraw('p2'));
      given(b).when(command).thenThrows({ code: 'LIST_REPUBLICATION_REQUIRED', rule: 'P-12' });
    },
  );

  /** p2 withdrew from a confirmed list of two, p3 was nominated and the list published anew on 2026-11-24. */
  const republished = () => {
    const b = ready({ voters: 10, candidates: 2 });
    b.run(withdraw('p2'));
    b.nominate('c1', ['p3']); // nominations reopen while the list needs a new publication
    b.run({ type: 'PublishCandidateList', data: { contestId: 'c1', candidateIds: ['p1', 'p3'], noticeDays: 5 } });
    return b;
  };

  it('P-10: the new publication is allowed although the list had been confirmed', () => {
    const b = ready({ voters: 10, candidates: 2 });
    b.run(withdraw('p2'));
    b.nominate('c1', ['p3']);
    given(b)
      .when({ type: 'PublishCandidateList', data: { contestId: 'c1', candidateIds: ['p1', 'p3'], noticeDays: 5 } })
      .then((events) =>
        expect(events[0]).toMatchObject({
          type: 'CandidateListPublished',
          data: { candidateIds: expect.arrayContaining(['p1', 'p3']), publishedOn: '2026-11-24' },
        }),
      );
  });

  it('P-10: the new publication restarts the notice: confirming the same day is refused', () => {
    given(republished())
      .when({ type: 'ConfirmCandidateList', data: { contestId: 'c1' } })
      .thenThrows({ code: 'NOTICE_PERIOD_RUNNING', rule: 'P-10' });
  });

  it('P-10: once the new notice has run, the list is confirmed and the round opens with it', () => {
    const b = republished();
    b.run({ type: 'ConfirmCandidateList', data: { contestId: 'c1' } }, { now: '2026-11-29T09:00:00.000Z' });
    given(b)
      .when(openRound)
      .then((events) =>
        expect(events[0]).toMatchObject({ data: { candidates: expect.arrayContaining(['p1', 'p3']) } }),
      );
  });

  it('P-08: a withdrawn candidate cannot be nominated again in that contest', () => {
    const b = ready({ voters: 10, candidates: 2 });
    b.run(withdraw('p2'));
    given(b)
      .when({ type: 'Nominate', data: { contestId: 'c1', nomineeId: 'p2', route: 'organisation' } })
      .thenThrows({ code: 'CANDIDATE_WITHDRAWN', rule: 'P-08', field: 'data.nomineeId' });
  });

  const withdrawnThenNominated = () => {
    const b = ready({ voters: 10, candidates: 2 });
    b.run(withdraw('p2')); // 2026-11-24, local day in Beijing
    b.nominate('c1', ['p3']);
    return b;
  };
  const publishOn = (publishedOn: string) =>
    ({
      type: 'PublishCandidateList',
      data: { contestId: 'c1', candidateIds: ['p1', 'p3'], noticeDays: 5, publishedOn },
    }) as const;

  it('P-10: the new publication cannot be dated before the withdrawal that called for it', () => {
    given(withdrawnThenNominated())
      .when(publishOn('2026-11-23'))
      .thenThrows({ code: 'PUBLICATION_BACKDATED', rule: 'P-10', field: 'data.publishedOn' });
  });

  it('P-10: the new publication may be dated the day of the withdrawal', () => {
    given(withdrawnThenNominated())
      .when(publishOn('2026-11-24'))
      .then((events) => expect(events[0]).toMatchObject({ data: { publishedOn: '2026-11-24' } }));
  });

  it('P-13: an uncontested list losing its candidate needs a new publication under P-13', () => {
    const b = meetingWithCheckIns(10, 10)
      .createContest('sec', 1, { office: 'secretary', mode: 'uncontested' })
      .nominate('sec', ['p1'])
      .publish('sec', ['p1'])
      .confirm('sec');
    given(b)
      .when(withdraw('p1', 'sec'))
      .then((events) => expect(events[0]).toMatchObject({ data: { list: 'republish', rule: 'P-13' } }));
  });

  it('V-05: under the village ruleset the differential rule it names is the one recorded', () => {
    const b = ready({ ruleset: 'village-committee', candidates: 2 });
    given(b)
      .when(withdraw('p2'))
      .then((events) => expect(events[0]).toMatchObject({ data: { list: 'republish', rule: 'V-05' } }));
  });

  it('P-08: a nominee who withdraws before any list is published cannot be listed', () => {
    const fresh = meetingWithCheckIns(10, 10).createContest('c1', 1).nominate('c1', ['p1', 'p2', 'p3']);
    fresh.run(withdraw('p3'));
    expect(fresh.events.at(-1)).toMatchObject({ type: 'CandidateWithdrawn', data: { list: 'none' } });
    given(fresh)
      .when({
        type: 'PublishCandidateList',
        data: { contestId: 'c1', candidateIds: ['p1', 'p2', 'p3'], noticeDays: 5 },
      })
      .thenThrows({ code: 'CANDIDATE_WITHDRAWN', rule: 'P-08', field: 'data.candidateIds.2' });
  });

  it('P-16: a withdrawn nominee no longer counts as a candidate and may be appointed scrutineer', () => {
    const b = meetingWithCheckIns(10, 10).createContest('c1', 1).nominate('c1', ['p1', 'p2', 'p3']);
    b.run(withdraw('p3'));
    b.adoptMethod();
    given(b)
      .when({
        type: 'AppointOfficers',
        data: { scrutineers: ['p3'], tellers: [{ name: '甲' }, { name: '乙' }], vote: vote(10) },
      })
      .then((events) => expect(events[0]!.type).toBe('OfficersAppointed'));
  });

  it('withdrawing twice changes nothing the second time', () => {
    const b = three();
    b.run(withdraw('p3'));
    given(b).when(withdraw('p3')).thenNothingHappened();
  });

  it.each([
    [
      'after the first round has opened (P-15)',
      () => {
        const b = three();
        b.openRound();
        return b;
      },
      'p3',
      { code: 'WITHDRAWAL_TOO_LATE', rule: 'P-15', field: 'data.candidateId' },
    ],
    [
      'of someone neither nominated nor listed',
      () => three(),
      'p9',
      { code: 'NOT_A_CANDIDATE', kind: 'not-found', field: 'data.candidateId' },
    ],
    ['in an unknown contest', () => three(), 'p1', { code: 'UNKNOWN_CONTEST', kind: 'not-found' }],
  ] as const)('refuses a withdrawal %s', (name, history, candidateId, refusal) => {
    given(history())
      .when(withdraw(candidateId, name === 'in an unknown contest' ? 'nope' : 'c1'))
      .thenThrows(refusal);
  });
});

describe('AppointOfficers and double entry', () => {
  const appoint = (tellers: number) => ({
    type: 'AppointOfficers',
    data: {
      scrutineers: ['p10'],
      tellers: Array.from({ length: tellers }, (_, i) => ({ name: `计票人${i + 1}` })),
      vote: vote(10),
    },
  });
  const withMethod = (doubleEntry?: boolean) =>
    meetingWithCheckIns(10, 10, doubleEntry === undefined ? {} : { parameters: { doubleEntry } }).adoptMethod();

  it('P-17: with double entry on, a single teller is refused: every ballot needs two', () => {
    given(withMethod())
      .when(appoint(1))
      .thenThrows({ code: 'TOO_FEW_TELLERS', rule: 'P-17', field: 'data.tellers', kind: 'rule' });
  });

  it('P-17: with double entry on, two tellers are appointed', () => {
    given(withMethod(true))
      .when(appoint(2))
      .then((events) => expect(events[0]!.type).toBe('OfficersAppointed'));
  });

  it('P-17: with double entry off, one teller suffices', () => {
    given(withMethod(false))
      .when(appoint(1))
      .then((events) => expect(events[0]!.type).toBe('OfficersAppointed'));
  });
});

describe('the verifier reads a mended meeting', () => {
  it('P-21: a log with a corrected member, a withdrawn candidate and a reopened round verifies', () => {
    const b = meetingWithCheckIns(11, 11);
    b.run(correctMember({ memberId: 'p11', status: 'probationary' }));
    b.createContest('c1', 1)
      .nominate('c1', ['p1', 'p2', 'p3'])
      .publish('c1', ['p1', 'p2', 'p3'])
      .adoptMethod()
      .appointOfficers(['p10']);
    b.run(withdraw('p3'));
    b.confirm('c1');
    b.openRound();
    b.enterBallots('c1', 1, [
      ...times(6, ballot(['p1'], { against: ['p2'] })),
      ...times(4, ballot(['p2'], { against: ['p1'] })),
    ]);
    b.closeRound('c1', 1, 10);
    b.run(reopen());
    b.run(correctBallot(1), asScrutineer);
    b.closeRound('c1', 1, 10);
    b.declare();
    const r = replayLog(b.log() as unknown as ChainedEvent[]);
    expect(r.firstBadEvent).toBeUndefined();
    expect(r.ok).toBe(true);
  });
});

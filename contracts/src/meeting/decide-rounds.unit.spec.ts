import { describe, expect, it } from 'vitest';
import type { Mark } from './commands.js';
import { given } from '../testing/spec.js';
import {
  SCRUTINEER,
  TELLER_1,
  TELLER_2,
  ballot,
  ballotsWithTotals,
  ids,
  meetingWithCheckIns,
  readyMeeting,
  roll,
  times,
  vote,
  type MeetingBuilder,
  type ReadyOptions,
} from '../testing/fixtures.js';

/** 10 voters p1..p10 all present, one seat, candidates p1 and p2, scrutineer p10, single entry. */
const ready = (o: ReadyOptions = {}) =>
  readyMeeting({ voters: 10, seats: 1, candidates: 2, parameters: { doubleEntry: false }, ...o });
const opened = (o: ReadyOptions = {}) => {
  const b = ready(o);
  b.openRound();
  return b;
};
const openRound = { type: 'OpenRound', data: { contestId: 'c1' } };
const rb = (ballotNo: number, marks: Record<string, Mark>, writeIns: string[] = [], round = 1) => ({
  type: 'RecordBallot',
  data: { contestId: 'c1', round, ballotNo, marks, writeIns },
});
const correct = (ballotNo: number, marks: Record<string, Mark>, writeIns: string[] = []) => ({
  type: 'CorrectBallot',
  data: { contestId: 'c1', round: 1, ballotNo, marks, writeIns, reason: '监票人核对原票' },
});
const voidEntry = (ballotNo: number) => ({
  type: 'VoidBallotEntry',
  data: { contestId: 'c1', round: 1, ballotNo, reason: '误录入' },
});
const closeRound = (ballotsReturned: number, round = 1) => ({
  type: 'CloseRound',
  data: { contestId: 'c1', round, ballotsReturned },
});
const declare = (round = 1, elected?: string[]) => ({
  type: 'DeclareResult',
  data: { contestId: 'c1', round, ...(elected ? { elected } : {}) },
});
const asTeller = { actor: TELLER_1 };

/** p1 6 for, p2 4 for, all 10 ballots entered and the round closed. */
function closed(): MeetingBuilder {
  const b = opened();
  b.enterBallots('c1', 1, [
    ...times(6, ballot(['p1'], { against: ['p2'] })),
    ...times(4, ballot(['p2'], { against: ['p1'] })),
  ]);
  b.closeRound('c1', 1);
  return b;
}

describe('OpenRound', () => {
  it('P-24: opens round 1, snapshotting presentVoters and issuing one ballot per voter present', () => {
    const b = ready();
    given(b)
      .when(openRound)
      .then([
        {
          type: 'RoundOpened',
          data: {
            contestId: 'c1',
            round: 1,
            kind: 'first',
            seats: 1,
            candidates: b.state.contests.get('c1')!.list!.candidateIds,
            ballotsIssued: 10,
            presentVoters: 10,
            expected: 10,
            doubleEntry: false,
          },
        },
      ]);
  });

  it.each([
    ['7 of 10 present', ['p3', 'p4', 'p5']],
    ['8 of 10 present: not more than 4/5', ['p3', 'p4']],
  ])('P-05: refuses to open a round below quorum: %s', (_case, away) => {
    given(ready().depart(...away))
      .when(openRound)
      .thenThrows({ code: 'QUORUM_NOT_MET', rule: 'P-05' });
  });

  it('P-05: opens a round with 9 of 10 present, issuing 9 ballots', () => {
    given(ready().depart('p3'))
      .when(openRound)
      .then((events) => expect(events[0]).toMatchObject({ data: { presentVoters: 9, ballotsIssued: 9 } }));
  });

  const noMethod = () =>
    meetingWithCheckIns(10, 10)
      .createContest('c1', 1)
      .nominate('c1', ['p1', 'p2'])
      .publish('c1', ['p1', 'p2'])
      .confirm('c1');
  it.each([
    ['before the election method is adopted', noMethod, { code: 'METHOD_NOT_ADOPTED', rule: 'P-15' }],
    ['before officers are appointed', () => noMethod().adoptMethod(), { code: 'OFFICERS_NOT_APPOINTED', rule: 'P-15' }],
    ['before the list is confirmed', () => ready({ confirm: false }), { code: 'LIST_NOT_CONFIRMED', rule: 'P-15' }],
  ] as const)('P-15: refuses %s', (_case, meeting, refusal) => {
    given(meeting()).when(openRound).thenThrows(refusal);
  });

  it.each([
    ['a second open round', opened, { code: 'ROUND_OPEN', kind: 'conflict' }],
    ['a new round before the result is declared (P-24)', closed, { code: 'RESULT_NOT_DECLARED', rule: 'P-24' }],
    [
      'a complete contest',
      () => {
        const done = closed();
        done.declare();
        return done;
      },
      { code: 'CONTEST_COMPLETE', kind: 'conflict' },
    ],
  ] as const)('refuses %s', (_case, meeting, refusal) => {
    given(meeting()).when(openRound).thenThrows(refusal);
  });

  it('P-21: issues fewer ballots than voters present when the chair enters so; the snapshot of voters stays', () => {
    given(ready())
      .when({ type: 'OpenRound', data: { contestId: 'c1', ballotsIssued: 9 } })
      .then((events) => expect(events[0]).toMatchObject({ data: { presentVoters: 10, ballotsIssued: 9 } }));
  });

  it('P-21: refuses more ballots issued than voters present', () => {
    given(ready())
      .when({ type: 'OpenRound', data: { contestId: 'c1', ballotsIssued: 11 } })
      .thenThrows({ code: 'BALLOTS_ISSUED_EXCEED_PRESENT', rule: 'P-21', field: 'data.ballotsIssued' });
  });

  it('P-21: with 9 issued, 10 papers back voids the round; 9 back closes it valid', () => {
    const b = ready();
    b.run({ type: 'OpenRound', data: { contestId: 'c1', ballotsIssued: 9 } });
    b.enterBallots('c1', 1, times(9, ballot(['p1'])));
    given(b)
      .when(closeRound(10))
      .then([
        { type: 'RoundClosed', data: { contestId: 'c1', round: 1, ballotsReturned: 10, status: 'void', rule: 'P-21' } },
      ]);
    given(b)
      .when(closeRound(9))
      .then([{ type: 'RoundClosed', data: { contestId: 'c1', round: 1, ballotsReturned: 9, status: 'valid' } }]);
  });

  it('refuses an unknown contest', () => {
    given(ready())
      .when({ type: 'OpenRound', data: { contestId: 'c2' } })
      .thenThrows({ code: 'UNKNOWN_CONTEST', field: 'data.contestId' });
  });
});

describe('RecordBallot', () => {
  it('P-22: records a ballot as keyed in, with the teller and never a voter', () => {
    given(opened())
      .when(rb(1, { p1: 'for', p2: 'against' }, ['p3']), asTeller)
      .then([
        {
          type: 'BallotRecorded',
          data: {
            contestId: 'c1',
            round: 1,
            ballotNo: 1,
            marks: { p1: 'for', p2: 'against' },
            writeIns: ['p3'],
            teller: 'teller-1',
          },
        },
      ]);
  });

  it('P-23: more candidates marked "for" than seats is ACCEPTED (counted as an invalid ballot: meeting-view.unit.spec.ts)', () => {
    const b = opened();
    b.enterBallots('c1', 1, [ballot(['p1'])]);
    given(b)
      .when(rb(2, { p1: 'for', p2: 'for' }), asTeller)
      .then((events) => expect(events[0]?.type).toBe('BallotRecorded'));
  });

  it('P-22: refuses an unknown candidate on a ballot', () => {
    given(opened())
      .when(rb(1, { p9: 'for' }), asTeller)
      .thenThrows({ code: 'UNKNOWN_CANDIDATE', rule: 'P-22', field: 'data.marks.p9' });
  });

  it('refuses a duplicate ballot number in the same round', () => {
    const b = opened();
    b.enterBallots('c1', 1, [ballot(['p1'])]);
    given(b)
      .when(rb(1, { p2: 'for' }), asTeller)
      .thenThrows({ code: 'DUPLICATE_BALLOT_NUMBER', field: 'data.ballotNo' });
  });

  it('P-21: refuses a ballot in a closed round', () => {
    given(closed())
      .when(rb(11, { p1: 'for' }), asTeller)
      .thenThrows({ code: 'ROUND_CLOSED', rule: 'P-21', field: 'data.round' });
  });

  it('P-22, P-23: a write-in of a candidate already on the ballot is recorded as read out (only that write-in is void: meeting-view.unit.spec.ts)', () => {
    const b = opened();
    given(b)
      .when(rb(1, { p1: 'against' }, ['p2']), asTeller)
      .then([
        {
          type: 'BallotRecorded',
          data: {
            contestId: 'c1',
            round: 1,
            ballotNo: 1,
            marks: { p1: 'against' },
            writeIns: ['p2'],
            teller: 'teller-1',
          },
        },
      ]);
  });

  const withWriteIn = () => {
    const b = opened();
    b.run(rb(1, { p1: 'against' }, ['p3']), asTeller);
    return b;
  };

  it('P-22: a correction may carry a write-in that cannot count, too', () => {
    given(withWriteIn())
      .when(correct(1, { p1: 'against' }, ['p1']), { actor: SCRUTINEER })
      .then(([e]) => expect(e).toMatchObject({ type: 'BallotEntryCorrected', data: { writeIns: ['p1'] } }));
  });

  it('P-22: a write-in of a name not on the roll is a keying error (404)', () => {
    given(opened())
      .when(rb(1, { p1: 'against' }, ['stranger']), asTeller)
      .thenThrows({ code: 'UNKNOWN_MEMBER', kind: 'not-found', field: 'data.writeIns.0' });
  });

  it('P-22: a correction with a write-in of a name not on the roll is a keying error (404)', () => {
    given(withWriteIn())
      .when(correct(1, { p1: 'against' }, ['p3', 'stranger']), { actor: SCRUTINEER })
      .thenThrows({ code: 'UNKNOWN_MEMBER', kind: 'not-found', field: 'data.writeIns.1' });
  });

  it.each([
    [
      'an unknown round',
      rb(1, { p1: 'for' }, [], 2),
      { code: 'UNKNOWN_ROUND', kind: 'not-found', field: 'data.round' },
    ],
    ['ballot number 0 (validation)', rb(0, { p1: 'for' }), { code: 'INVALID_FIELD', field: 'data.ballotNo' }],
    ['an unknown mark (validation)', rb(1, { p1: 'maybe' as Mark }), { code: 'INVALID_FIELD', field: 'data.marks.p1' }],
  ] as const)('refuses %s', (_case, command, refusal) => {
    given(opened()).when(command, asTeller).thenThrows(refusal);
  });
});

describe('double entry (two tellers key every ballot)', () => {
  const de = () => {
    const b = readyMeeting({ voters: 10, seats: 1, candidates: 2 });
    b.openRound();
    return b;
  };
  const b1 = rb(1, { p1: 'for', p2: 'against' });

  it('the second entry of a ballot, from another teller, is recorded (that it counts: meeting-view.unit.spec.ts)', () => {
    const b = de();
    b.run(b1, { actor: TELLER_1 });
    given(b)
      .when(b1, { actor: TELLER_2 })
      .then([{ type: 'BallotRecorded', data: { ...b1.data, teller: 'teller-2' } as never }]);
  });

  it('refuses the same teller twice', () => {
    const b = de();
    b.run(b1, { actor: TELLER_1 });
    given(b).when(b1, { actor: TELLER_1 }).thenThrows({ code: 'DUPLICATE_BALLOT_NUMBER', field: 'data.ballotNo' });
  });

  it('refuses a third entry', () => {
    const b = de();
    b.run(b1, { actor: TELLER_1 });
    b.run(b1, { actor: TELLER_2 });
    given(b)
      .when(b1, { actor: { role: 'teller', id: 'teller-3' } })
      .thenThrows({ code: 'DUPLICATE_BALLOT_NUMBER' });
  });

  const disagreeing = () => {
    const b = de();
    b.run(b1, { actor: TELLER_1 });
    b.run(rb(1, { p1: 'against', p2: 'for' }), { actor: TELLER_2 });
    return b;
  };

  it('CloseRound refuses while a ballot is unresolved', () => {
    given(disagreeing()).when(closeRound(1)).thenThrows({ code: 'BALLOTS_UNRESOLVED', field: 'data.round' });
  });

  it('CorrectBallot settles an unresolved ballot (that it then counts: meeting-view.unit.spec.ts)', () => {
    given(disagreeing())
      .when(correct(1, { p1: 'for', p2: 'against' }), { actor: SCRUTINEER })
      .then([
        {
          type: 'BallotEntryCorrected',
          data: {
            contestId: 'c1',
            round: 1,
            ballotNo: 1,
            marks: { p1: 'for', p2: 'against' },
            writeIns: [],
            reason: '监票人核对原票',
            scrutineer: 'scrutineer-1',
          },
        },
      ]);
  });

  it('once the unresolved ballot is corrected, the round closes', () => {
    const b = disagreeing();
    b.run(correct(1, { p1: 'for', p2: 'against' }), { actor: SCRUTINEER });
    given(b)
      .when(closeRound(1))
      .then([{ type: 'RoundClosed', data: { contestId: 'c1', round: 1, ballotsReturned: 1, status: 'valid' } }]);
  });

  it('a corrected ballot takes no further entries', () => {
    const b = de();
    b.run(b1, { actor: TELLER_1 });
    b.run(correct(1, { p1: 'for' }), { actor: SCRUTINEER });
    given(b).when(b1, { actor: TELLER_2 }).thenThrows({ code: 'DUPLICATE_BALLOT_NUMBER' });
  });
});

describe('CorrectBallot', () => {
  const entered = () => {
    const b = opened();
    b.enterBallots('c1', 1, [ballot(['p1'])]);
    return b;
  };
  it.each([
    [
      'a ballot never entered',
      entered,
      correct(2, { p1: 'for' }),
      { code: 'UNKNOWN_BALLOT', kind: 'not-found', field: 'data.ballotNo' },
    ],
    ['a closed round (P-21)', closed, correct(1, { p1: 'for' }), { code: 'ROUND_CLOSED', rule: 'P-21' }],
    [
      'an unknown candidate (P-22)',
      entered,
      correct(1, { p7: 'for' }),
      { code: 'UNKNOWN_CANDIDATE', rule: 'P-22', field: 'data.marks.p7' },
    ],
    [
      'a missing reason',
      entered,
      { type: 'CorrectBallot', data: { contestId: 'c1', round: 1, ballotNo: 1, marks: {} } },
      { code: 'INVALID_FIELD', field: 'data.reason' },
    ],
  ] as const)('refuses %s', (_case, meeting, command, refusal) => {
    given(meeting()).when(command, { actor: SCRUTINEER }).thenThrows(refusal);
  });
});

describe('VoidBallotEntry', () => {
  const entered = () => {
    const b = opened();
    b.enterBallots('c1', 1, [ballot(['p1']), ballot(['p2'])]);
    return b;
  };
  const voided = () => {
    const b = entered();
    b.run(voidEntry(1), { actor: SCRUTINEER });
    return b;
  };
  it('voids an entry', () => {
    given(entered())
      .when(voidEntry(1), { actor: SCRUTINEER })
      .then([
        {
          type: 'BallotEntryVoided',
          data: { contestId: 'c1', round: 1, ballotNo: 1, reason: '误录入', scrutineer: 'scrutineer-1' },
        },
      ]);
  });
  it('the number of a voided entry may be keyed again', () => {
    given(voided())
      .when(rb(1, { p1: 'for' }), asTeller)
      .then((events) => expect(events).toHaveLength(1));
  });
  it.each([
    ['a ballot never entered', entered, 3, { code: 'UNKNOWN_BALLOT', field: 'data.ballotNo' }],
    ['a repeat (the entry is gone)', voided, 1, { code: 'UNKNOWN_BALLOT' }],
    ['a closed round (P-21)', closed, 1, { code: 'ROUND_CLOSED', rule: 'P-21' }],
  ] as const)('refuses %s', (_case, meeting, ballotNo, refusal) => {
    given(meeting()).when(voidEntry(ballotNo), { actor: SCRUTINEER }).thenThrows(refusal);
  });
});

describe('CloseRound', () => {
  const entered = (n: number) => {
    const b = opened();
    b.enterBallots('c1', 1, times(n, ballot(['p1'])));
    return b;
  };
  it('P-21: closes a round as valid when returned ≤ issued and every returned ballot is entered', () => {
    given(entered(8))
      .when(closeRound(8))
      .then([{ type: 'RoundClosed', data: { contestId: 'c1', round: 1, ballotsReturned: 8, status: 'valid' } }]);
  });
  it('P-21: more ballots returned than issued voids the round', () => {
    given(entered(10))
      .when(closeRound(11))
      .then([
        { type: 'RoundClosed', data: { contestId: 'c1', round: 1, ballotsReturned: 11, status: 'void', rule: 'P-21' } },
      ]);
  });
  it('refuses when the ballots entered do not match the ballots returned', () => {
    given(entered(8)).when(closeRound(9)).thenThrows({ code: 'BALLOTS_UNACCOUNTED', field: 'data.ballotsReturned' });
  });
  it('P-21: closing again is refused (the count is fixed)', () => {
    given(closed()).when(closeRound(10)).thenThrows({ code: 'ROUND_CLOSED', rule: 'P-21' });
  });
  it('validation: a negative number of ballots', () => {
    given(entered(1)).when(closeRound(-1)).thenThrows({ code: 'INVALID_FIELD', field: 'data.ballotsReturned' });
  });
});

describe('DeclareResult', () => {
  it('P-24: declares the elected with the figures the rules computed', () => {
    given(closed())
      .when(declare())
      .then(([e, ...rest]) => {
        expect(rest).toEqual([]);
        expect(e).toMatchObject({
          type: 'ResultDeclared',
          data: {
            contestId: 'c1',
            round: 1,
            presentVoters: 10,
            ballotsIssued: 10,
            ballotsReturned: 10,
            valid: 10,
            invalid: 0,
            threshold: 6,
            elected: ['p1'],
          },
        });
        expect(
          e?.type === 'ResultDeclared' && [...e.data.tally].sort((a, b) => a.candidateId.localeCompare(b.candidateId)),
        ).toEqual([
          { candidateId: 'p1', for: 6, against: 4, abstain: 0 },
          { candidateId: 'p2', for: 4, against: 6, abstain: 0 },
        ]);
      });
  });

  it('is idempotent: declaring a declared round again is a no-op', () => {
    const b = closed();
    b.declare();
    given(b).when(declare()).thenNothingHappened();
  });

  const declared = () => {
    const b = closed();
    b.declare();
    return b;
  };

  it('P-24: a second declaration naming the same winners is an idempotent success', () => {
    given(declared())
      .when(declare(1, ['p1']))
      .thenNothingHappened();
  });

  it.each([
    ['others', ['p2'], { code: 'ALREADY_DECLARED', kind: 'conflict', field: 'data.elected' }],
    ['nobody', [], { code: 'ALREADY_DECLARED', kind: 'conflict' }],
    ['more', ['p1', 'p2'], { code: 'ALREADY_DECLARED', kind: 'conflict' }],
  ] as const)('P-24: a second declaration naming %s is refused 409 ALREADY_DECLARED', (_case, elected, refusal) => {
    given(declared())
      .when(declare(1, [...elected]))
      .thenThrows(refusal);
  });

  it('P-24: the ALREADY_DECLARED refusal names who was declared elected', () => {
    const b = declared();
    let message = '';
    try {
      b.run(declare(1, ['p2']));
    } catch (e) {
      message = (e as Error).message;
    }
    // The refusal names who was declared elected.
    expect(message).toContain('p1');
    expect(message).toContain(b.state.members.get('p1')!.name);
  });

  it('P-24: refuses a declaration that contradicts the rules', () => {
    given(closed())
      .when(declare(1, ['p2']))
      .thenThrows({ code: 'DECLARATION_CONTRADICTS_RULES', rule: 'P-24', field: 'data.elected' });
  });

  it('P-24: accepts a declaration naming whom the rules elect', () => {
    given(closed())
      .when(declare(1, ['p1']))
      .then((events) => expect(events[0]).toMatchObject({ data: { elected: ['p1'] } }));
  });

  it.each([
    ['an open round', opened, { code: 'ROUND_NOT_CLOSED', rule: 'P-21', field: 'data.round' }],
    [
      'a void round',
      () => {
        const v = opened();
        v.closeRound('c1', 1, 11);
        return v;
      },
      { code: 'ROUND_VOID', rule: 'P-21' },
    ],
  ] as const)('P-21: refuses %s', (_case, meeting, refusal) => {
    given(meeting()).when(declare()).thenThrows(refusal);
  });
});

describe('LeaveSeatsVacant', () => {
  /** 3 seats, 4 candidates, 10 voters: p1 and p2 elected with 10, p3 and p4 at 5 (exactly half fails): one seat short. */
  const short = (o: { seats?: number; totals?: Record<string, number> } = {}) => {
    const b = readyMeeting({
      voters: 10,
      seats: o.seats ?? 3,
      candidates: o.seats === undefined ? 4 : o.seats + 1,
      parameters: { doubleEntry: false },
    });
    b.vote('c1', ballotsWithTotals(o.totals ?? { p1: 10, p2: 10, p3: 5, p4: 5 }, 10, o.seats ?? 3));
    return b;
  };
  const vacant = (v = vote(5, 5)) => ({ type: 'LeaveSeatsVacant', data: { contestId: 'c1', vote: v } });

  it('P-28: leaves a one-seat shortfall vacant with the consent of half of the voters present (以上, inclusive)', () => {
    const b = short();
    expect(b.state.contests.get('c1')!.pending).toMatchObject({ kind: 'supplementary', seats: 1 });
    given(b)
      .when(vacant())
      .then([{ type: 'SeatsLeftVacant', data: { contestId: 'c1', seats: 1, vote: vote(5, 5) } }]);
  });

  it('P-28: refuses without enough consent', () => {
    given(short())
      .when(vacant(vote(4, 6)))
      .thenThrows({ code: 'CONSENT_NOT_REACHED', rule: 'P-28', field: 'data.vote' });
  });

  it.each([
    [
      'a shortfall of more than one seat',
      () => short({ totals: { p1: 10, p2: 5, p3: 5, p4: 5 } }),
      { code: 'SHORTFALL_TOO_LARGE', rule: 'P-28' },
    ],
    ['a contest with no shortfall', ready, { code: 'NO_SHORTFALL', rule: 'P-28' }],
    [
      'a repeat (no shortfall left)',
      () => {
        const b = short();
        b.run(vacant());
        return b;
      },
      { code: 'NO_SHORTFALL', rule: 'P-28' },
    ],
  ] as const)('P-28: refuses %s', (_case, meeting, refusal) => {
    given(meeting()).when(vacant()).thenThrows(refusal);
  });

  it('validation: more votes than voters present', () => {
    given(short())
      .when(vacant(vote(6, 5)))
      .thenThrows({ code: 'VOTE_EXCEEDS_PRESENT', field: 'data.vote' });
  });

  // 10 were present when the round's ballots were issued; 4 have left since (6 present now: meeting-view.unit.spec.ts).
  // Half of 10 is 5: 4 is not enough, although it would be half of the 6 still here; and 8 votes are not more than the 10 of the round.
  const departed = () => short().depart('p3', 'p4', 'p5', 'p6');
  it('P-28: the consent vote counts against the voters present at the round whose shortfall it is, not who is here now: 4 is not enough', () => {
    given(departed())
      .when(vacant(vote(4, 2)))
      .thenThrows({ code: 'CONSENT_NOT_REACHED', rule: 'P-28', field: 'data.vote' });
  });
  it('P-28: the consent vote counts against the voters present at the round whose shortfall it is, not who is here now: 5 is', () => {
    given(departed())
      .when(vacant(vote(5, 3)))
      .then([{ type: 'SeatsLeftVacant', data: { contestId: 'c1', seats: 1, vote: vote(5, 3) } }]);
  });
  it('P-28: the consent vote counts against the voters present at the round whose shortfall it is, not who is here now: 11 votes exceed them', () => {
    given(departed())
      .when(vacant(vote(5, 6)))
      .thenThrows({ code: 'VOTE_EXCEEDS_PRESENT', field: 'data.vote' });
  });
});

describe('RecordApproval', () => {
  const approve = (reference = '上级党委批复〔2026〕7号') => ({
    type: 'RecordApproval',
    data: { contestId: 'c1', reference },
  });
  const complete = () => {
    const b = closed();
    b.declare();
    return b;
  };

  it("P-31: records the higher organisation's approval of a complete result", () => {
    given(complete())
      .when(approve())
      .then([{ type: 'ApprovalRecorded', data: { contestId: 'c1', reference: '上级党委批复〔2026〕7号' } }]);
  });
  it('is idempotent: the same reference again is a no-op', () => {
    const b = complete();
    b.run(approve());
    given(b).when(approve()).thenNothingHappened();
  });
  it('P-31: refuses a second approval under another reference (409 ALREADY_APPROVED), naming the one of record', () => {
    const b = complete();
    b.run(approve());
    given(b)
      .when(approve('上级党委批复〔2026〕9号'))
      .thenThrows({ code: 'ALREADY_APPROVED', field: 'data.reference', kind: 'conflict' });
  });
  it.each([
    ['a closed round not yet declared', closed],
    ['no round yet', ready],
  ] as const)('P-31: refuses before the contest has a final result: %s', (_case, meeting) => {
    given(meeting()).when(approve()).thenThrows({ code: 'CONTEST_NOT_COMPLETE', rule: 'P-31' });
  });
  it('validation: a reference is required', () => {
    given(complete()).when(approve('')).thenThrows({ code: 'INVALID_FIELD', field: 'data.reference' });
  });
});

describe('the roll helpers themselves', () => {
  it('name members 张三, 李四, 王五, 赵六 …', () => {
    expect(roll(4).map((m) => m.name)).toEqual(['张三', '李四', '王五', '赵六']);
  });
  it('give 1,200 members 1,200 different names', () => {
    expect(new Set(roll(1200).map((m) => m.name)).size).toBe(1200);
  });
  it('number members from a prefix and a start', () => {
    expect(ids(roll(2, { prefix: 'x', start: 5 }))).toEqual(['x5', 'x6']);
  });
});

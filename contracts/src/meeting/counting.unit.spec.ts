/**
 * Worked examples E4–E7 and E9 of election-rules.md §7, run through the decider:
 * open a round, key each ballot, close it, declare.
 */
import { describe, expect, it } from 'vitest';
import { minimumCandidates, PRESETS } from '../rules/ruleset.js';
import { given } from '../testing/spec.js';
import {
  TELLER_1,
  ballot,
  ballotsWithTotals,
  blank,
  ids,
  meetingWithCheckIns,
  readyMeeting,
  roll,
  scheduledMeeting,
  times,
  vote,
  type BallotSpec,
  type MeetingBuilder,
} from '../testing/fixtures.js';

const sorted = (xs: readonly string[]) => [...xs].sort();
const forOf = (b: MeetingBuilder, id: string, contestId = 'c1') =>
  b.round(contestId).tally.find((t) => t.candidateId === id)?.for ?? 0;

describe('E4: how many candidates a competitive contest needs (P-12)', () => {
  const published = (seats: number, candidates: number) =>
    meetingWithCheckIns(12, 12)
      .createContest('c1', seats)
      .nominate('c1', ids(roll(candidates)))
      .publish('c1', ids(roll(candidates)));
  const confirm = { type: 'ConfirmCandidateList', data: { contestId: 'c1' } };

  it.each([
    ['5 seats need 6 candidates: 5 is refused', 5, 5],
    ['7 seats need 9 (7 × 20% = 1.4, rounded up to 2): 8 is refused', 7, 8],
  ])('P-12: %s', (_case, seats, candidates) => {
    given(published(seats, candidates)).when(confirm).thenThrows({ code: 'DIFFERENTIAL_NOT_MET', rule: 'P-12' });
  });

  it.each([
    ['5 seats need 6 candidates: 6 are confirmed', 5, 6],
    ['7 seats need 9: 9 are confirmed', 7, 9],
  ])('P-12: %s', (_case, seats, candidates) => {
    given(published(seats, candidates))
      .when(confirm)
      .then(([e]) => expect(e?.type).toBe('CandidateListConfirmed'));
  });

  it('P-12: the table n → minimum c (1→2, 3→4, 5→6, 7→9, 9→11, 11→14)', () => {
    expect([1, 3, 5, 7, 9, 11].map((n) => minimumCandidates(PRESETS['cpc-branch'], n))).toEqual([2, 4, 6, 9, 11, 14]);
  });

  it('V-05: more candidates than seats, one is enough (5→6, 7→8); G-02 as many as seats (5→5)', () => {
    expect([5, 7].map((n) => minimumCandidates(PRESETS['village-committee'], n))).toEqual([6, 8]);
    expect(minimumCandidates(PRESETS['simple-majority'], 5)).toBe(5);
  });

  it('P-12: the refusal names the minimum the dashboard shows (7 seats need at least 9)', () => {
    let message = '';
    try {
      published(7, 8).run(confirm);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('7 seats need at least 9 candidates');
  });
});

describe('E5: 3 seats, A B C D, 34 present, 34 ballots issued and returned', () => {
  const overVote = ballot(['A', 'B', 'C'], { against: ['D'], writeIns: ['p1'] });
  const firstRound = (): BallotSpec[] => [
    overVote,
    blank(),
    ...ballotsWithTotals({ A: 30, B: 25, C: 17, D: 15 }, 32, 3),
  ];
  const afterFirst = () => {
    const b = readyMeeting({ voters: 34, seats: 3, candidates: ['A', 'B', 'C', 'D'] });
    b.vote('c1', firstRound());
    return b;
  };

  it('P-23: the over-voted ballot (A, B, C and a write-in: 4 > 3) is invalid; the blank one is valid', () => {
    const b = readyMeeting({ voters: 34, seats: 3, candidates: ['A', 'B', 'C', 'D'] });
    b.openRound();
    b.enterBallots('c1', 1, [blank()]);
    expect(b.round()).toMatchObject({ valid: 1, invalid: 0 });
    b.enterBallots('c1', 1, [overVote]);
    expect(b.round()).toMatchObject({ valid: 1, invalid: 1 });
    b.enterBallots('c1', 1, ballotsWithTotals({ A: 30, B: 25, C: 17, D: 15 }, 32, 3));
    expect(b.round()).toMatchObject({ valid: 33, invalid: 1, ballotsEntered: 34, ballotsPending: 0, threshold: 18 });
    expect(['A', 'B', 'C', 'D'].map((id) => forOf(b, id))).toEqual([30, 25, 17, 15]);
    expect(forOf(b, 'p1')).toBe(0);
  });

  it('P-24, P-27: A and B are elected, C (17, exactly half of 34) is not; a supplementary round for 1 seat among C and D', () => {
    const b = readyMeeting({ voters: 34, seats: 3, candidates: ['A', 'B', 'C', 'D'] });
    b.openRound();
    b.enterBallots('c1', 1, firstRound());
    b.closeRound('c1', 1, 34);
    given(b)
      .when({ type: 'DeclareResult', data: { contestId: 'c1', round: 1 } })
      .then(([declared, required, ...rest]) => {
        expect(rest).toEqual([]);
        expect(declared).toMatchObject({
          type: 'ResultDeclared',
          data: { presentVoters: 34, ballotsIssued: 34, ballotsReturned: 34, valid: 33, invalid: 1, threshold: 18 },
        });
        expect(declared?.type === 'ResultDeclared' && sorted(declared.data.elected)).toEqual(['A', 'B']);
        expect(required).toEqual({
          type: 'RoundRequired',
          data: {
            contestId: 'c1',
            afterRound: 1,
            kind: 'supplementary',
            seats: 1,
            candidates: ['C', 'D'],
            rule: 'P-27',
          },
        });
      });
  });

  it('P-27: the supplementary round elects C with 20 (40 > 34), same threshold', () => {
    const b = afterFirst();
    const n = b.openRound();
    expect(b.round()).toMatchObject({
      round: 2,
      kind: 'supplementary',
      seats: 1,
      candidates: ['C', 'D'],
      presentVoters: 34,
      threshold: 18,
    });
    // P-22, P-27: a write-in on a supplementary ballot is recorded as read out; the judgement voids it.
    given(b)
      .when(
        {
          type: 'RecordBallot',
          data: { contestId: 'c1', round: 2, ballotNo: 1, marks: { C: 'against' }, writeIns: ['p1'] },
        },
        { actor: TELLER_1 },
      )
      .then(([e]) => expect(e).toMatchObject({ type: 'BallotRecorded', data: { writeIns: ['p1'] } }));
    b.enterBallots('c1', n, ballotsWithTotals({ C: 20, D: 12 }, 34, 1));
    b.closeRound('c1', n);
    const [declared, ...rest] = b.declare('c1', n);
    expect(rest).toEqual([]);
    expect(declared).toMatchObject({ data: { round: 2, threshold: 18, elected: ['C'] } });
    const contest = b.contest();
    expect(contest.status).toBe('complete');
    expect(sorted(contest.elected)).toEqual(['A', 'B', 'C']);
    expect(Object.fromEntries(contest.candidates.map((c) => [c.memberId, c.status]))).toEqual({
      A: 'elected',
      B: 'elected',
      C: 'elected',
      D: 'not-elected',
    });
  });

  it('P-28: if C again gets 17 the seat stays unfilled', () => {
    const events = afterFirst().vote('c1', ballotsWithTotals({ C: 17, D: 15 }, 34, 1));
    expect(events[0]).toMatchObject({ data: { elected: [] } });
    expect(events[1]).toMatchObject({
      type: 'RoundRequired',
      data: { kind: 'supplementary', seats: 1, candidates: ['C', 'D'] },
    });
  });

  const unfilled = () => {
    const b = afterFirst();
    b.vote('c1', ballotsWithTotals({ C: 17, D: 15 }, 34, 1));
    return b;
  };
  const vacant = (v: number) => ({ type: 'LeaveSeatsVacant', data: { contestId: 'c1', vote: vote(v, 34 - v) } });

  it('P-28: leaving the unfilled seat vacant needs 17 of 34: 16 is refused', () => {
    given(unfilled()).when(vacant(16)).thenThrows({ code: 'CONSENT_NOT_REACHED', rule: 'P-28' });
  });

  it('P-28: leaving the unfilled seat vacant needs 17 of 34 (半数以上, inclusive): 17 leave it vacant', () => {
    given(unfilled())
      .when(vacant(17))
      .then([{ type: 'SeatsLeftVacant', data: { contestId: 'c1', seats: 1, vote: vote(17, 17) } }]);
  });
});

describe('E6: 35 ballots in the box for 34 issued', () => {
  const counted = () => {
    const b = readyMeeting({ voters: 34, seats: 1, candidates: 2, parameters: { doubleEntry: false } });
    b.openRound();
    b.enterBallots('c1', 1, ballotsWithTotals({ p1: 20, p2: 14 }, 34, 1));
    return b;
  };

  it('P-21: the whole round is void', () => {
    given(counted())
      .when({ type: 'CloseRound', data: { contestId: 'c1', round: 1, ballotsReturned: 35 } })
      .then([
        { type: 'RoundClosed', data: { contestId: 'c1', round: 1, ballotsReturned: 35, status: 'void', rule: 'P-21' } },
      ]);
  });

  it('P-21: a void round cannot be declared and is re-run with the same candidates, after a fresh quorum check (P-05)', () => {
    const b = counted();
    b.closeRound('c1', 1, 35);
    given(b)
      .when({ type: 'DeclareResult', data: { contestId: 'c1', round: 1 } })
      .thenThrows({ code: 'ROUND_VOID', rule: 'P-21' });
    expect(b.contest()).toMatchObject({ status: 'round-required', pending: { kind: 'first', seats: 1, rule: 'P-21' } });
    b.depart(...ids(roll(7, { start: 3 })));
    given(b)
      .when({ type: 'OpenRound', data: { contestId: 'c1' } })
      .thenThrows({ code: 'QUORUM_NOT_MET', rule: 'P-05' });
    b.checkIn(...ids(roll(7, { start: 3 })));
    const n = b.openRound();
    expect(b.round()).toMatchObject({
      round: 2,
      kind: 'first',
      ballotsIssued: 34,
      candidates: b.state.contests.get('c1')!.rounds[0]!.candidates,
    });
    b.enterBallots('c1', n, ballotsWithTotals({ p1: 20, p2: 14 }, 34, 1));
    b.closeRound('c1', n, 34);
    expect(b.declare('c1', n)[0]).toMatchObject({ data: { round: 2, elected: ['p1'], threshold: 18 } });
  });
});

describe('E7: A 30, B 26, C 20, D 20 for 3 seats (all ≥ 18)', () => {
  const afterFirst = () => {
    const b = readyMeeting({ voters: 34, seats: 3, candidates: ['A', 'B', 'C', 'D'] });
    const events = b.vote('c1', ballotsWithTotals({ A: 30, B: 26, C: 20, D: 20 }, 34, 3));
    return { b, events };
  };

  it('P-26: A and B are elected; C and D tie at the cut-off: a re-vote among C and D for 1 seat', () => {
    const {
      events: [declared, required],
    } = afterFirst();
    expect(declared?.type === 'ResultDeclared' && sorted(declared.data.elected)).toEqual(['A', 'B']);
    expect(required).toMatchObject({ type: 'RoundRequired', data: { kind: 'tie', seats: 1, rule: 'P-26' } });
    expect(required?.type === 'RoundRequired' && sorted(required.data.candidates)).toEqual(['C', 'D']);
  });

  it('P-26: the tie round is among the tied only, no write-ins, decided by plurality', () => {
    const { b } = afterFirst();
    const n = b.openRound();
    expect(b.round()).toMatchObject({ kind: 'tie', seats: 1, threshold: null });
    expect(sorted(b.round().candidates)).toEqual(['C', 'D']);
    given(b)
      .when(
        { type: 'RecordBallot', data: { contestId: 'c1', round: n, ballotNo: 1, marks: { A: 'for' } } },
        { actor: TELLER_1 },
      )
      .thenThrows({ code: 'UNKNOWN_CANDIDATE', rule: 'P-22' });
    // P-22, P-26: a write-in on a re-vote ballot is recorded as read out; the judgement voids it.
    given(b)
      .when(
        {
          type: 'RecordBallot',
          data: { contestId: 'c1', round: n, ballotNo: 1, marks: { C: 'against' }, writeIns: ['p5'] },
        },
        { actor: TELLER_1 },
      )
      .then(([e]) => expect(e).toMatchObject({ type: 'BallotRecorded', data: { writeIns: ['p5'] } }));
    b.enterBallots('c1', n, ballotsWithTotals({ C: 16, D: 14 }, 34, 1));
    b.closeRound('c1', n);
    const events = b.declare('c1', n);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ data: { threshold: null, elected: ['C'] } });
    expect(sorted(b.contest().elected)).toEqual(['A', 'B', 'C']);
    expect(b.contest().status).toBe('complete');
  });

  it('P-26: a re-vote where nobody marks anyone ties again at 0: another re-vote among the same, never a supplementary round', () => {
    const { b } = afterFirst();
    const [declared, required] = b.vote('c1', times(34, blank));
    expect(declared).toMatchObject({ type: 'ResultDeclared', data: { round: 2, threshold: null, elected: [] } });
    expect(required).toEqual({
      type: 'RoundRequired',
      data: { contestId: 'c1', afterRound: 2, kind: 'tie', seats: 1, candidates: ['C', 'D'], rule: 'P-26' },
    });
  });

  it('P-26: tied again, the re-vote repeats', () => {
    const { b } = afterFirst();
    const [declared, required] = b.vote('c1', ballotsWithTotals({ C: 15, D: 15 }, 34, 1));
    expect(declared).toMatchObject({ data: { elected: [] } });
    expect(required).toMatchObject({ type: 'RoundRequired', data: { afterRound: 2, kind: 'tie', seats: 1 } });
    const [again] = b.vote('c1', ballotsWithTotals({ C: 15, D: 17 }, 34, 1));
    expect(again).toMatchObject({ data: { round: 3, elected: ['D'] } });
  });
});

describe('P-26 with a tied candidate on 0 votes', () => {
  /** 3 seats, A..E, 34 present: A 30 elected, B C D tie on 20 for the last 2 seats. */
  const tied = () => {
    const b = readyMeeting({ voters: 34, seats: 3, candidates: ['A', 'B', 'C', 'D', 'E'] });
    const [, required] = b.vote('c1', ballotsWithTotals({ A: 30, B: 20, C: 20, D: 20, E: 1 }, 34, 3));
    expect(required).toMatchObject({ type: 'RoundRequired', data: { kind: 'tie', seats: 2 } });
    return b;
  };

  it('P-26: the two with most votes win the re-vote for 2 seats, with the third on 0', () => {
    const b = tied();
    const events = b.vote('c1', [...ballotsWithTotals({ B: 5, C: 2 }, 5, 2), ...times(29, blank)]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ data: { elected: ['B', 'C'] } });
    expect(b.contest().status).toBe('complete');
  });

  it('P-26: two tied on 0 below a clear leader: a re-vote among those two for the remaining seat (not a supplementary round)', () => {
    const b = tied();
    // B C D for 2 seats: B 5, C 0, D 0 ⇒ B elected, C and D re-vote for 1 seat.
    const [declared, required] = b.vote('c1', [...ballotsWithTotals({ B: 5 }, 5, 1), ...times(29, blank)]);
    expect(declared).toMatchObject({ data: { elected: ['B'] } });
    expect(required).toMatchObject({ type: 'RoundRequired', data: { kind: 'tie', seats: 1, rule: 'P-26' } });
    expect(required?.type === 'RoundRequired' && sorted(required.data.candidates)).toEqual(['C', 'D']);
  });
});

describe('P-18: a round the rules call for lists its candidates in stroke order, whatever their votes', () => {
  // A 张三, B 李四, C 王五 (王 4 strokes), D 赵六 (赵 9): C before D on every ballot.
  it('P-18, P-27: D (17) and C (15) go to the supplementary round, listed C then D', () => {
    const b = readyMeeting({ voters: 34, seats: 3, candidates: ['A', 'B', 'C', 'D'] });
    const [, required] = b.vote('c1', ballotsWithTotals({ A: 30, B: 25, D: 17, C: 15 }, 34, 3));
    expect(required).toEqual({
      type: 'RoundRequired',
      data: { contestId: 'c1', afterRound: 1, kind: 'supplementary', seats: 1, candidates: ['C', 'D'], rule: 'P-27' },
    });
    b.openRound();
    expect(b.round().candidates).toEqual(['C', 'D']);
  });
});

/** A village of 20 registered, 12 checked in; 2 committee seats, p1 p2 p3 confirmed, p20 the officer. */
function villageOf20() {
  const b = scheduledMeeting({ ruleset: 'village-committee' }).enrol(roll(20));
  b.checkIn(...ids(roll(12)));
  b.createContest('c1', 2, { office: 'committee-member' })
    .nominate('c1', ['p1', 'p2', 'p3'])
    .publish('c1', ['p1', 'p2', 'p3']);
  b.adoptMethod().appointOfficers(['p20']).confirm('c1');
  return b;
}

describe('V-06 applies to the first round only', () => {
  /** 20 registered, 12 vote; 2 seats, p1 p2 p3 each 8 of 12 (above half) ⇒ tied at the cut-off. */
  const tieInVillage = () => {
    const b = villageOf20();
    const [, required] = b.vote('c1', ballotsWithTotals({ p1: 8, p2: 8, p3: 8 }, 12, 2));
    expect(required).toMatchObject({ type: 'RoundRequired', data: { kind: 'tie', seats: 2 } });
    return b;
  };

  it('V-06, P-26: a village tie re-vote with 8 of 20 registered returned (16 <= 20) is valid and decided by plurality', () => {
    const b = tieInVillage();
    const n = b.openRound();
    b.enterBallots('c1', n, [...ballotsWithTotals({ p1: 5, p2: 3 }, 8, 2)]);
    expect(b.closeRound('c1', n, 8)).toEqual([
      { type: 'RoundClosed', data: { contestId: 'c1', round: n, ballotsReturned: 8, status: 'valid' } },
    ]);
    const [declared, ...rest] = b.declare('c1', n);
    expect(rest).toEqual([]);
    expect(declared).toMatchObject({ data: { threshold: null, elected: ['p1', 'p2'] } });
  });

  it('V-06: the first round itself is still void at 10 of 20', () => {
    const b = villageOf20();
    const n = b.openRound();
    given(b)
      .when({ type: 'CloseRound', data: { contestId: 'c1', round: n, ballotsReturned: 10 } })
      .then([
        { type: 'RoundClosed', data: { contestId: 'c1', round: n, ballotsReturned: 10, status: 'void', rule: 'V-06' } },
      ]);
  });
});

describe('V-08: the 另行选举 is among the persons not elected, written-in ones included', () => {
  it('p9, written in on 5 of 12 papers, stands in the supplementary round before the listed p3 (1) and is elected there', () => {
    const b = villageOf20();
    // p1 7 of 12 (bar 7) elected; p9 5 (written in place of an against p2), p2 3, p3 1.
    const [declared, required] = b.vote('c1', [
      ...times(5, ballot(['p1'], { against: ['p2'], writeIns: ['p9'] })),
      ...times(2, ballot(['p1', 'p2'])),
      ballot(['p2', 'p3']),
      ...times(4, blank()),
    ]);
    expect(declared).toMatchObject({ data: { elected: ['p1'] } });
    expect(required).toMatchObject({ type: 'RoundRequired', data: { kind: 'supplementary', seats: 1, rule: 'V-08' } });
    expect(sorted((required!.data as { candidates: string[] }).candidates)).toEqual(['p2', 'p9']);
    const n = b.openRound();
    expect(sorted(b.round('c1', n).candidates)).toEqual(['p2', 'p9']);
    b.enterBallots('c1', n, [...times(8, ballot(['p9'])), ...times(4, ballot(['p2']))]);
    b.closeRound('c1', n, 12);
    // V-08: plurality with 3 × 8 >= 12.
    expect(b.declare('c1', n)[0]).toMatchObject({ data: { elected: ['p9'] } });
  });
});

describe('E9: village committee, 1,200 registered', () => {
  /**
   * 1,200 registered, 650 vote. Director (1 seat): X=p1, Y=p2. Deputy (1 seat):
   * P=p3, Q=p4, R=p5. Both first rounds leave the seat unfilled; 50 then leave,
   * so 600 ballots are cast in each supplementary round.
   */
  const build = () => {
    const b = scheduledMeeting({ ruleset: 'village-committee' }).enrol(roll(1200));
    b.checkIn(...ids(roll(650)));
    b.createContest('director', 1, { office: 'director' })
      .nominate('director', ['p1', 'p2'])
      .publish('director', ['p1', 'p2']);
    b.createContest('deputy', 1, { office: 'deputy-director' })
      .nominate('deputy', ['p3', 'p4', 'p5'])
      .publish('deputy', ['p3', 'p4', 'p5']);
    b.adoptMethod().appointOfficers(['p1200']).confirm('director').confirm('deputy');
    return b;
  };
  let village: MeetingBuilder | undefined;
  /** Built once (it is the slow one); each test forks it. */
  const fresh = () => (village ??= build()).fork();

  it('V-06: 650 of 1,200 voting is a valid election (1300 > 1200); 600 would not be', () => {
    const b = fresh();
    const n = b.openRound('director');
    expect(b.round('director')).toMatchObject({ ballotsIssued: 650, expected: 1200 });
    given(b)
      .when({ type: 'CloseRound', data: { contestId: 'director', round: n, ballotsReturned: 600 } })
      .then([
        {
          type: 'RoundClosed',
          data: { contestId: 'director', round: n, ballotsReturned: 600, status: 'void', rule: 'V-06' },
        },
      ]);
  });

  it('V-07, V-08: X 320 of 650 is not elected (bar 326); with 600 cast X 330 is elected by plurality (990 >= 600)', () => {
    const b = fresh();
    const [first, required] = b.vote('director', ballotsWithTotals({ p1: 320, p2: 300 }, 650, 1));
    expect(first).toMatchObject({ data: { ballotsReturned: 650, threshold: 326, elected: [] } });
    expect(required).toMatchObject({ type: 'RoundRequired', data: { kind: 'supplementary', seats: 1, rule: 'V-08' } });
    expect(required?.type === 'RoundRequired' && sorted(required.data.candidates)).toEqual(['p1', 'p2']);

    b.depart(...ids(roll(50, { start: 601 })));
    const n = b.openRound('director');
    expect(b.round('director')).toMatchObject({ kind: 'supplementary', ballotsIssued: 600 });
    b.enterBallots('director', n, ballotsWithTotals({ p1: 330, p2: 270 }, 600, 1));
    expect(b.closeRound('director', n)).toEqual([
      { type: 'RoundClosed', data: { contestId: 'director', round: n, ballotsReturned: 600, status: 'valid' } },
    ]);
    const [second, ...rest] = b.declare('director', n);
    expect(rest).toEqual([]);
    expect(second).toMatchObject({ data: { ballotsReturned: 600, threshold: 200, elected: ['p1'] } });
  });

  it('V-08, V-11b: a supplementary round with no ballots returned elects nobody (0 votes never meet the floor); the seat still empty goes to a new election, never left vacant', () => {
    const b = fresh();
    b.vote('director', ballotsWithTotals({ p1: 320, p2: 300 }, 650, 1));
    const [declared, due, ...rest] = b.vote('director', [], 0);
    expect(rest).toEqual([]);
    expect(declared).toMatchObject({ type: 'ResultDeclared', data: { ballotsReturned: 0, valid: 0, elected: [] } });
    expect(due).toEqual({
      type: 'NewElectionDue',
      data: { contestId: 'director', seats: 1, withinMonths: 6, dueBy: '2027-05-24', rule: 'V-11' },
    });
    // V-11: no vacancy by consent under the village rules (P-28 stays for party elections).
    given(b)
      .when({ type: 'LeaveSeatsVacant', data: { contestId: 'director', vote: { for: 0, against: 0, abstain: 0 } } })
      .thenThrows({ code: 'VACANCY_NOT_ALLOWED', rule: 'V-11' });
  });

  it('V-08: in a 3-way supplementary the leader with 190 of 600 (570 < 600) is not elected', () => {
    const b = fresh();
    // Q and R tie for second, so all three go to the supplementary round.
    const [, required] = b.vote('deputy', [
      ...ballotsWithTotals({ p3: 300, p4: 150, p5: 150 }, 600, 1),
      ...times(50, blank),
    ]);
    expect(required?.type === 'RoundRequired' && sorted(required.data.candidates)).toEqual(['p3', 'p4', 'p5']);
    b.depart(...ids(roll(50, { start: 601 })));
    const [declared, again] = b.vote('deputy', [
      ...ballotsWithTotals({ p3: 190, p4: 180, p5: 170 }, 540, 1),
      ...times(60, blank),
    ]);
    expect(declared).toMatchObject({ data: { ballotsReturned: 600, threshold: 200, elected: [] } });
    // V-11b: after the second ballot no third is held; a new election is due within six months.
    expect(again).toMatchObject({ type: 'NewElectionDue', data: { seats: 1, withinMonths: 6, rule: 'V-11' } });
  });
});

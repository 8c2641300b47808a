import { describe, expect, it } from 'vitest';
import type { ContestStatus } from '../meeting/status.js';
import { SCRUTINEER, ballot, blank, ids, meetingWithCheckIns, readyMeeting, roll, times } from '../testing/fixtures.js';
import {
  agendaSteps,
  issuedDifference,
  presenceCounts,
  tallyRows,
  unfinishedInView,
  type AgendaInput,
  type AgendaStepId,
} from './signals.js';

// ---------------------------------------------------------------- agendaSteps: a hand-written table

interface Facts {
  quorumMet?: boolean;
  blocking?: boolean;
  adopted?: boolean;
  officers?: boolean;
  closed?: boolean;
  contests?: [ContestStatus, string | null][];
}
function input(f: Facts): AgendaInput {
  return {
    attendance: {
      expected: 10,
      presentVoters: f.quorumMet ? 9 : 1,
      attendeesWithoutVote: 0,
      excluded: 0,
      departedVoters: 0,
      quorum: {
        required: 9,
        met: f.quorumMet ?? false,
        short: f.quorumMet ? 0 : 8,
        rule: 'P-05',
        blocking: f.blocking ?? true,
      },
    },
    method: { adopted: f.adopted ?? false },
    officers: f.officers ? { scrutineerCount: 1, tellerCount: 2 } : null,
    closed: f.closed ?? false,
    contests: (f.contests ?? []).map(([status, approval]) => ({ status, approval })),
  };
}
const ready: Facts = { quorumMet: true, adopted: true, officers: true };

describe('agendaSteps: each step ticked by the fact that completes it', () => {
  it.each<[string, Facts, AgendaStepId[], AgendaStepId | null]>([
    ['P-05: the first check-in, quorum not met: nothing ticked', { quorumMet: false }, [], 'roll'],
    ['P-05: the quorum met ticks 清点人数', { quorumMet: true }, ['roll'], 'method-and-officers'],
    [
      'P-15: the method adopted without officers is not the step',
      { quorumMet: true, adopted: true },
      ['roll'],
      'method-and-officers',
    ],
    ['P-15: method and officers, no contest yet', ready, ['roll', 'method-and-officers'], 'candidates'],
    [
      'P-15: one list confirmed, one contest still nominating',
      {
        ...ready,
        contests: [
          ['confirmed', null],
          ['nominating', null],
        ],
      },
      ['roll', 'method-and-officers'],
      'candidates',
    ],
    [
      'P-15: every list confirmed',
      {
        ...ready,
        contests: [
          ['confirmed', null],
          ['confirmed', null],
        ],
      },
      ['roll', 'method-and-officers', 'candidates'],
      'rounds',
    ],
    [
      'P-21: a round open in one contest',
      {
        ...ready,
        contests: [
          ['round-open', null],
          ['complete', null],
        ],
      },
      ['roll', 'method-and-officers', 'candidates'],
      'rounds',
    ],
    [
      'P-27: a further round called for',
      {
        ...ready,
        contests: [
          ['round-required', null],
          ['complete', null],
        ],
      },
      ['roll', 'method-and-officers', 'candidates'],
      'rounds',
    ],
    [
      'P-24: counted but not declared',
      {
        ...ready,
        contests: [
          ['round-closed', null],
          ['complete', null],
        ],
      },
      ['roll', 'method-and-officers', 'candidates', 'rounds'],
      'results',
    ],
    [
      'P-24: every result declared, the meeting still open',
      {
        ...ready,
        contests: [
          ['complete', null],
          ['approved', 'ref'],
        ],
      },
      ['roll', 'method-and-officers', 'candidates', 'rounds', 'results'],
      'closed',
    ],
    [
      'P-31: closed without an approval recorded: 上级批复 not ticked',
      { ...ready, closed: true, contests: [['complete', null]] },
      ['roll', 'method-and-officers', 'candidates', 'rounds', 'results', 'closed'],
      'approval',
    ],
    [
      'P-31: one approval of two',
      {
        ...ready,
        closed: true,
        contests: [
          ['complete', null],
          ['approved', 'ref'],
        ],
      },
      ['roll', 'method-and-officers', 'candidates', 'rounds', 'results', 'closed'],
      'approval',
    ],
    [
      'P-31: every approval recorded',
      {
        ...ready,
        closed: true,
        contests: [
          ['approved', 'a'],
          ['approved', 'b'],
        ],
      },
      ['roll', 'method-and-officers', 'candidates', 'rounds', 'results', 'closed', 'approval'],
      null,
    ],
    [
      'P-15: closed over an unfinished contest: its steps stay unticked',
      { ...ready, closed: true, contests: [['confirmed', null]] },
      ['roll', 'method-and-officers', 'candidates', 'closed'],
      'approval',
    ],
    [
      'P-05: quorum lost after the method was adopted (departures)',
      { ...ready, quorumMet: false, contests: [['confirmed', null]] },
      ['method-and-officers', 'candidates'],
      'roll',
    ],
    [
      'P-05: once closed, a quorum that held for the meeting stays ticked',
      { ...ready, quorumMet: false, closed: true, contests: [['approved', 'a']] },
      ['roll', 'method-and-officers', 'candidates', 'rounds', 'results', 'closed', 'approval'],
      null,
    ],
    [
      'V-06: a turnout rule that does not block: the meeting went on',
      { quorumMet: false, blocking: false, adopted: true },
      ['roll'],
      'method-and-officers',
    ],
  ])('%s', (_case, facts, done, current) => {
    const { steps, current: at } = agendaSteps(input(facts));
    expect(steps.map((s) => s.id)).toEqual([
      'roll',
      'method-and-officers',
      'candidates',
      'rounds',
      'results',
      'closed',
      'approval',
    ]);
    expect(steps.filter((s) => s.done).map((s) => s.id)).toEqual(done);
    expect(at).toBe(current);
  });

  it('P-05: names the quorum lost, and counts contests per step', () => {
    const { steps } = agendaSteps(
      input({
        ...ready,
        quorumMet: false,
        contests: [
          ['confirmed', null],
          ['nominating', null],
        ],
      }),
    );
    expect(steps[0]).toMatchObject({ id: 'roll', done: false, quorumLost: true, rule: 'P-05' });
    expect(steps[2]).toMatchObject({ id: 'candidates', contests: { done: 1, of: 2 } });
    expect(steps[6]).toMatchObject({ id: 'approval', contests: { done: 0, of: 2 } });
  });

  it('P-05: on a real meeting of 10, 清点人数 is ticked at the 9th voter, not the first', () => {
    const b = meetingWithCheckIns(10, 1);
    expect(agendaSteps(b.view()).steps[0]!.done).toBe(false);
    expect(b.view().stage).toBe('roll');
    b.checkIn(...ids(roll(8)).slice(1));
    expect(b.view().attendance.presentVoters).toBe(8);
    expect(agendaSteps(b.view()).steps[0]!.done).toBe(false);
    b.checkIn('p9');
    expect(agendaSteps(b.view()).steps[0]!.done).toBe(true);
    expect(b.view().stage).toBe('method-and-officers');
  });

  it('P-31: on a real meeting, closing does not tick 上级批复; RecordApproval does', () => {
    const b = readyMeeting({ voters: 10, seats: 1, candidates: 2, parameters: { doubleEntry: false } });
    b.vote('c1', [...times(6, ballot(['p1'])), ...times(4, ballot(['p2']))]);
    b.run({ type: 'CloseMeeting', data: {} });
    const approval = () => agendaSteps(b.view()).steps.find((s) => s.id === 'approval')!;
    expect(approval().done).toBe(false);
    expect(agendaSteps(b.view()).current).toBe('approval');
    b.run({ type: 'RecordApproval', data: { contestId: 'c1', reference: '上级党委〔2026〕3号' } });
    expect(approval().done).toBe(true);
    expect(agendaSteps(b.view()).current).toBeNull();
  });
});

// ---------------------------------------------------------------- what closing leaves unfinished

describe('unfinishedInView (P-15)', () => {
  it('names each unfinished contest with why, in order; finished ones not', () => {
    const b = readyMeeting({ voters: 10, seats: 1, candidates: 2, parameters: { doubleEntry: false } });
    b.createContest('c2', 1, { office: 'secretary' });
    b.openRound('c1');
    b.enterBallots('c1', 1, times(10, ballot(['p1'])));
    b.closeRound('c1', 1);
    expect(unfinishedInView(b.view())).toEqual([
      { contestId: 'c1', office: 'member', reason: 'not-declared', round: 1, next: null },
      { contestId: 'c2', office: 'secretary', reason: 'no-list', round: null, next: null },
    ]);
    b.declare('c1', 1);
    expect(unfinishedInView(b.view()).map((u) => u.contestId)).toEqual(['c2']);
  });

  it('P-27: a supplementary round still called for is named with its seats', () => {
    const b = readyMeeting({ voters: 10, seats: 2, candidates: 3, parameters: { doubleEntry: false } });
    b.vote('c1', [...times(6, ballot(['p1'])), ...times(4, ballot(['p2']))]);
    expect(unfinishedInView(b.view())).toEqual([
      {
        contestId: 'c1',
        office: 'member',
        reason: 'round-required',
        round: 1,
        next: { kind: 'supplementary', seats: 1 },
      },
    ]);
  });

  it('P-15: a round open, and a list published but not confirmed', () => {
    const open = readyMeeting({ voters: 10, seats: 1, candidates: 2 });
    open.openRound('c1');
    expect(unfinishedInView(open.view())).toMatchObject([{ reason: 'round-open', round: 1 }]);
    const unconfirmed = readyMeeting({ voters: 10, seats: 1, candidates: 2, confirm: false });
    expect(unfinishedInView(unconfirmed.view())).toMatchObject([{ reason: 'list-not-confirmed', round: null }]);
    const confirmed = readyMeeting({ voters: 10, seats: 1, candidates: 2 });
    expect(unfinishedInView(confirmed.view())).toMatchObject([{ reason: 'not-started', round: null }]);
  });
});

// ---------------------------------------------------------------- counts that add up

describe('presenceCounts: 已到 = 实到 (voters) + 列席', () => {
  it('P-01, P-02: counts a hand-made roll', () => {
    const members = [
      { status: 'full', present: true, excluded: null },
      { status: 'full', present: true, excluded: null },
      { status: 'probationary', present: true, excluded: null },
      { status: 'rights-suspended', present: true, excluded: null },
      { status: 'full', present: false, excluded: null },
      { status: 'full', present: false, excluded: { reason: 'abroad-6m', approvalRef: 'x' } },
    ];
    expect(presenceCounts(members)).toEqual({ present: 4, voters: 2, withoutVote: 2 });
  });

  it('P-01: a meeting of 34 voters and 1 probationary member present shows 已到 35 = 实到 34 + 列席 1', () => {
    const b = meetingWithCheckIns(37, 34);
    b.enrol(roll(1, { prefix: 'y', status: 'probationary', nameOffset: 40 }));
    b.checkIn('y1');
    const v = b.view();
    expect(presenceCounts(v.members!)).toEqual({ present: 35, voters: 34, withoutVote: 1 });
    expect(v.attendance.presentVoters).toBe(34);
    expect(v.attendance.attendeesWithoutVote).toBe(1);
  });
});

describe('tallyRows: a candidate row adds up to the valid ballots', () => {
  it('P-23: hand-made round: unreadable and unmarked fill the row; a write-in has no total', () => {
    const rows = tallyRows({
      candidates: ['a', 'b'],
      valid: 5,
      tally: [
        { candidateId: 'b', for: 1, against: 1, abstain: 1 },
        { candidateId: 'w', for: 1, against: 0, abstain: 0 },
        { candidateId: 'a', for: 3, against: 1, abstain: 0 },
      ],
      unreadable: { a: 1, b: 0 },
    });
    expect(rows).toEqual([
      { candidateId: 'a', candidate: true, for: 3, against: 1, abstain: 0, unreadable: 1, unmarked: 0, total: 5 },
      { candidateId: 'b', candidate: true, for: 1, against: 1, abstain: 1, unreadable: 0, unmarked: 2, total: 5 },
      { candidateId: 'w', candidate: false, for: 1, against: 0, abstain: 0, unreadable: 0, unmarked: 0, total: null },
    ]);
  });

  it('P-23: unreadable marks on valid ballots are counted per candidate; one on an invalid ballot is not', () => {
    const b = readyMeeting({ voters: 10, seats: 1, candidates: 3, parameters: { doubleEntry: false } });
    b.openRound('c1');
    b.enterBallots('c1', 1, [
      ballot(['p1'], { against: ['p2'], unreadable: ['p3'] }),
      ballot(['p2'], { unreadable: ['p1', 'p3'] }),
      ballot(['p1', 'p2'], { unreadable: ['p3'] }), // two for one seat: invalid (P-23)
      blank(),
    ]);
    const r = b.round('c1', 1);
    expect(r).toMatchObject({ valid: 3, invalid: 1 });
    expect(r.unreadable).toEqual({ p1: 1, p2: 0, p3: 2 });
    // Rows come in ballot order (stroke order, P-18); compared here by candidate id.
    const rows = tallyRows(r).sort((x, y) => x.candidateId.localeCompare(y.candidateId));
    // By hand: p1 for 1, unreadable 1, blank 1; p2 for 1, against 1, unmarked 1; p3 unreadable 2, unmarked 1.
    expect(rows.map((x) => [x.candidateId, x.for, x.against, x.abstain, x.unreadable, x.unmarked, x.total])).toEqual([
      ['p1', 1, 0, 0, 1, 1, 3],
      ['p2', 1, 1, 0, 0, 1, 3],
      ['p3', 0, 0, 0, 2, 1, 3],
    ]);
  });

  it('P-23: a correction that reads an unreadable mark takes it out of the count', () => {
    const b = readyMeeting({ voters: 10, seats: 1, candidates: 2, parameters: { doubleEntry: false } });
    b.openRound('c1');
    b.enterBallots('c1', 1, [ballot([], { unreadable: ['p1'] })]);
    expect(b.round('c1', 1).unreadable).toEqual({ p1: 1, p2: 0 });
    b.run(
      {
        type: 'CorrectBallot',
        data: { contestId: 'c1', round: 1, ballotNo: 1, marks: { p1: 'for' }, writeIns: [], reason: '监票人核对原票' },
      },
      { actor: SCRUTINEER },
    );
    expect(b.round('c1', 1).unreadable).toEqual({ p1: 0, p2: 0 });
    expect(tallyRows(b.round('c1', 1)).find((x) => x.candidateId === 'p1')).toMatchObject({
      for: 1,
      unreadable: 0,
      unmarked: 0,
      total: 1,
    });
  });
});

describe('issuedDifference (P-21)', () => {
  it('is the ballots issued less the voters present', () => {
    expect(issuedDifference({ ballotsIssued: 33, presentVoters: 34 })).toBe(-1);
    expect(issuedDifference({ ballotsIssued: 34, presentVoters: 34 })).toBe(0);
  });
});

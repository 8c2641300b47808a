import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { given } from '../testing/spec.js';
import {
  ballot,
  ids,
  meetingWithCheckIns,
  readyMeeting,
  roll,
  scheduledMeeting,
  times,
  vote,
} from '../testing/fixtures.js';
import { meets, minimumFor } from './fraction.js';
import { computeOutcome } from './outcome.js';
import { quorumStatus } from './quorum.js';
import { PRESETS, resolveRuleset } from './ruleset.js';

const cpc = PRESETS['cpc-branch'];
const inclusive = resolveRuleset('cpc-branch', { quorumInclusive: true, quorumApprovalRef: '县委组织部〔2026〕3号' });
const INCLUSIVE = { quorumInclusive: true, quorumApprovalRef: '县委组织部〔2026〕3号' };
const adopt = { type: 'AdoptElectionMethod', data: { vote: vote(20) } };
const openRound = { type: 'OpenRound', data: { contestId: 'c1' } };

describe('E1: expected 37, present 34 (seed S0)', () => {
  it('P-05: 5*34 = 170 > 148, valid; the attendance view says so', () => {
    expect(meetingWithCheckIns(37, 34).view().attendance).toEqual({
      expected: 37,
      presentVoters: 34,
      attendeesWithoutVote: 0,
      excluded: 0,
      departedVoters: 0,
      quorum: { required: 30, met: true, short: 0, rule: 'P-05', blocking: true },
    });
  });

  it('P-05: 30 is the minimum: 5*30 = 150 > 148 passes, 5*29 = 145 fails and the meeting cannot decide anything', () => {
    expect(meetingWithCheckIns(37, 30).view().attendance.quorum.met).toBe(true);
    expect(meetingWithCheckIns(37, 29).view().attendance.quorum).toMatchObject({ required: 30, met: false, short: 1 });
    expect(meetingWithCheckIns(37, 24).view().attendance.quorum).toMatchObject({ required: 30, met: false, short: 6 });
    given(meetingWithCheckIns(37, 30))
      .when(adopt)
      .then((events) => expect(events[0]?.type).toBe('ElectionMethodAdopted'));
    given(meetingWithCheckIns(37, 29)).when(adopt).thenThrows({ code: 'QUORUM_NOT_MET', rule: 'P-05' });
  });

  it('P-05: the inclusive reading also needs 30 (4/5 × 37 = 29.6)', () => {
    expect(meetingWithCheckIns(37, 29, { parameters: INCLUSIVE }).view().attendance.quorum).toMatchObject({
      required: 30,
      met: false,
    });
  });
});

describe('E2: expected 35, where strict and inclusive differ', () => {
  /** 35 voters, ready to open, then 7 leave: 28 present = exactly 4/5. */
  const at28 = (parameters = {}) =>
    readyMeeting({ voters: 35, seats: 1, candidates: 2, parameters }).depart(...ids(roll(7, { start: 20 })));

  it('P-05 strict: 28 (140 > 140 is false) cannot open a round; 29 can', () => {
    const b = at28();
    expect(b.view().attendance.quorum).toEqual({ required: 29, met: false, short: 1, rule: 'P-05', blocking: true });
    given(b).when(openRound).thenThrows({ code: 'QUORUM_NOT_MET', rule: 'P-05' });
    given(b.checkIn('p20'))
      .when(openRound)
      .then((events) => expect(events[0]).toMatchObject({ data: { presentVoters: 29, expected: 35 } }));
  });

  it('P-05 inclusive (with the approving document): 28 (140 >= 140) opens the round', () => {
    const b = at28(INCLUSIVE);
    expect(b.view().attendance.quorum).toMatchObject({ required: 28, met: true });
    expect(b.view().ruleset.parameters.quorum).toMatchObject({ inclusive: true, approvalRef: '县委组织部〔2026〕3号' });
    given(b)
      .when(openRound)
      .then((events) => expect(events[0]).toMatchObject({ data: { presentVoters: 28, ballotsIssued: 28 } }));
  });
});

describe('E3: building the expected number for a branch of 43', () => {
  // 39 full + 1 under 留党察看 (rights-suspended) = 40 正式; + 3 预备 (probationary) = 43.
  const branch = () => {
    const b = readyMeeting({ voters: 39, present: 35, probationary: 3, suspended: 1, seats: 1, candidates: 2 });
    b.exclude('p36', 'abroad-6m').exclude('p37', 'abroad-6m');
    return b.checkIn('q1', 'q2', 'q3', 's1');
  };

  it('P-01..P-04: expected = 40 − 1 − 2 = 37; probationary and suspended members attend without a vote', () => {
    const b = branch();
    expect(b.state.members.size).toBe(43);
    expect(b.view().attendance).toEqual({
      expected: 37,
      presentVoters: 35,
      attendeesWithoutVote: 4,
      excluded: 2,
      departedVoters: 0,
      quorum: { required: 30, met: true, short: 0, rule: 'P-05', blocking: true },
    });
  });

  it('P-03: the suspended and probationary members cannot be "excluded": they are not expected in the first place', () => {
    given(branch())
      .when({
        type: 'ExcludeFromExpected',
        data: { memberId: 's1', reason: 'abroad-6m', approvalRef: 'x', meetingVote: vote(35) },
      })
      .thenThrows({ code: 'NOT_A_VOTER', rule: 'P-03' });
  });

  it('P-24: the round issues 35 ballots, none to the 4 attendees without a vote', () => {
    given(branch())
      .when(openRound)
      .then((events) =>
        expect(events[0]).toMatchObject({ data: { expected: 37, presentVoters: 35, ballotsIssued: 35 } }),
      );
  });
});

describe('E8: a 5-member committee elects its secretary', () => {
  /** 10 voters elect p1..p5 to the committee (c1), then the committee elects its secretary (sec) from p1. */
  const committee = (parameters = {}) => {
    const b = readyMeeting({ voters: 10, seats: 5, candidates: 6, parameters: { doubleEntry: false, ...parameters } });
    b.vote('c1', times(10, ballot(['p1', 'p2', 'p3', 'p4', 'p5'], { against: ['p6'] })));
    expect(b.state.contests.get('c1')!.elected.sort()).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
    return b
      .createContest('sec', 1, { office: 'secretary', mode: 'uncontested', electorate: { committeeOf: 'c1' } })
      .nominate('sec', ['p1'])
      .publish('sec', ['p1'])
      .confirm('sec');
  };
  const openSec = { type: 'OpenRound', data: { contestId: 'sec' } };

  it('P-30: strict 4/5 needs all 5 present (5*4 = 20 is not > 20)', () => {
    const b = committee();
    expect(b.contest('sec').electorateFigures).toEqual({
      expected: 5,
      presentVoters: 5,
      quorum: { required: 5, met: true, short: 0, rule: 'P-30', blocking: true },
    });
    b.depart('p5');
    expect(b.contest('sec').electorateFigures.quorum).toMatchObject({ met: false, required: 5 });
    given(b).when(openSec).thenThrows({ code: 'QUORUM_NOT_MET', rule: 'P-30' });
  });

  it('P-30: under the approved inclusive reading 4 of 5 open the round, and 3 of those 4 elect the secretary', () => {
    const b = committee(INCLUSIVE).depart('p5');
    expect(b.contest('sec').electorateFigures.quorum).toMatchObject({ required: 4, met: true, rule: 'P-30' });
    const n = b.openRound('sec');
    expect(b.round('sec', n)).toMatchObject({ presentVoters: 4, ballotsIssued: 4, threshold: 3 });
    b.enterBallots('sec', n, [...times(3, ballot(['p1'])), ballot([], { against: ['p1'] })]);
    b.closeRound('sec', n);
    expect(b.declare('sec', n)[0]).toMatchObject({ data: { threshold: 3, elected: ['p1'] } });
  });

  it('P-30: the inclusive reading would accept 4; a 3-member committee needs all 3 either way', () => {
    const inclusiveCommittee = { ...cpc.committeeQuorum, inclusive: true };
    expect(quorumStatus(cpc, 5, 4, inclusiveCommittee)).toMatchObject({ required: 4, met: true });
    expect(quorumStatus(cpc, 3, 2, cpc.committeeQuorum)).toMatchObject({ required: 3, met: false });
    expect(quorumStatus(cpc, 3, 2, inclusiveCommittee)).toMatchObject({ required: 3, met: false });
  });

  it('P-24: the secretary needs 3 of 5 present (2*3 > 5) …', () => {
    const b = committee();
    const n = b.openRound('sec');
    expect(b.round('sec', n)).toMatchObject({ presentVoters: 5, ballotsIssued: 5, expected: 5 });
    b.enterBallots('sec', n, [...times(3, ballot(['p1'])), ...times(2, ballot([], { against: ['p1'] }))]);
    b.closeRound('sec', n);
    given(b)
      .when({ type: 'DeclareResult', data: { contestId: 'sec', round: n } })
      .then(([e]) => expect(e).toMatchObject({ data: { threshold: 3, elected: ['p1'] } }));
  });

  it('P-24: … 2 of 5 does not elect; and 3 of 4 would (threshold of 4 present is 3)', () => {
    const b = committee();
    const n = b.openRound('sec');
    b.enterBallots('sec', n, [...times(2, ballot(['p1'])), ...times(3, ballot([], { abstain: ['p1'] }))]);
    b.closeRound('sec', n);
    const [declared] = b.declare('sec', n);
    expect(declared).toMatchObject({ data: { threshold: 3, elected: [] } });
    const four = computeOutcome(cpc, {
      kind: 'first',
      seats: 1,
      candidates: ['p1'],
      presentVoters: 4,
      expected: 5,
      ballotsReturned: 4,
      tally: [{ candidateId: 'p1', for: 3, against: 1, abstain: 0 }],
    });
    expect(four).toMatchObject({ threshold: 3, elected: ['p1'], required: null });
  });
});

describe('P-05 as arithmetic: quorumStatus for every expected up to 10,000', () => {
  const cases = fc
    .integer({ min: 0, max: 10_000 })
    .chain((expected) => fc.tuple(fc.constant(expected), fc.integer({ min: 0, max: expected })));

  it('strict: met ⇔ 5*present > 4*expected, and required is the least present that meets it', () => {
    fc.assert(
      fc.property(cases, ([expected, present]) => {
        const q = quorumStatus(cpc, expected, present);
        expect(q.met).toBe(5 * present > 4 * expected);
        expect(5 * q.required > 4 * expected).toBe(true);
        expect(q.required === 0 || !(5 * (q.required - 1) > 4 * expected)).toBe(true);
        expect(quorumStatus(cpc, expected, q.required).met).toBe(true);
        expect(q.rule).toBe('P-05');
      }),
      { numRuns: 1000 },
    );
  });

  it('inclusive: met ⇔ someone present and 5*present >= 4*expected; required is the least such present', () => {
    fc.assert(
      fc.property(cases, ([expected, present]) => {
        const q = quorumStatus(inclusive, expected, present);
        expect(q.met).toBe(present >= 1 && 5 * present >= 4 * expected);
        expect(q.required >= 1 && 5 * q.required >= 4 * expected).toBe(true);
        expect(q.required === 1 || !(5 * (q.required - 1) >= 4 * expected)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('the two readings differ only when expected is a multiple of 5', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (expected) => {
        const differ = quorumStatus(cpc, expected, 0).required !== quorumStatus(inclusive, expected, 0).required;
        expect(differ).toBe(expected % 5 === 0);
      }),
      { numRuns: 500 },
    );
  });

  it('meets/minimumFor agree for any share (integer arithmetic only)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.boolean(),
        (base, num, den, inc) => {
          const share = { num, den, inclusive: inc };
          const m = minimumFor(base, share);
          expect(meets(m, base, share)).toBe(true);
          expect(m === 0 || !meets(m - 1, base, share)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('V-06: the village ruleset has no attendance quorum, only a turnout check', () => {
  it('reports the turnout bar as non-blocking', () => {
    const b = scheduledMeeting({ ruleset: 'village-committee' }).enrol(roll(1200));
    expect(b.view().attendance.quorum).toEqual({
      required: 601,
      met: false,
      short: 601,
      rule: 'V-06',
      blocking: false,
    });
  });
});

describe('an empty roll is no quorum', () => {
  it('PG-01 two thirds and G-01 two thirds (inclusive shares) of nobody: one voter still required, not met', () => {
    const twoThirds = resolveRuleset('party-group', { memberQuorum: 'two-thirds' });
    for (const r of [twoThirds, PRESETS['simple-majority']]) {
      expect(quorumStatus(r, 0, 0)).toMatchObject({ required: 1, met: false, short: 1 });
    }
    // One member on the roll, present: 3 × 1 ≥ 2 × 1, met as before.
    expect(quorumStatus(twoThirds, 1, 1)).toMatchObject({ required: 1, met: true, short: 0 });
  });

  it('P-05 on an empty roll was already unmet (5 × 0 > 4 × 0 is false) and stays so', () => {
    expect(quorumStatus(cpc, 0, 0)).toMatchObject({ required: 1, met: false, short: 1 });
  });

  it('a party-group meeting scheduled with no roll is not at quorum on the board', () => {
    const m = scheduledMeeting({ ruleset: 'party-group', parameters: { memberQuorum: 'two-thirds' } });
    expect(m.view('chair').attendance.quorum).toMatchObject({ required: 1, met: false });
  });
});

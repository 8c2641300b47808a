/**
 * The verifier accepts the genuine logs of the edge cases the decider now
 * handles (issue 16): whatever the server wrote at these edges must verify.
 */
import { describe, expect, it } from 'vitest';
import type { ChainedEvent } from '../chain/chain.js';
import {
  ballotsWithTotals,
  blank,
  ids,
  readyMeeting,
  roll,
  scheduledMeeting,
  TELLER_1,
  times,
  type MeetingBuilder,
} from '../testing/fixtures.js';
import { replayLog } from './index.js';

const verdict = (b: MeetingBuilder) => {
  const r = replayLog(b.log() as unknown as ChainedEvent[]);
  return { ok: r.ok, firstBadEvent: r.firstBadEvent };
};

describe('verify agrees with the decider at the edges', () => {
  it('P-26: a re-vote that ties again at 0 and its repeat verify', () => {
    const b = readyMeeting({ voters: 34, seats: 3, candidates: ['A', 'B', 'C', 'D'] });
    b.vote('c1', ballotsWithTotals({ A: 30, B: 26, C: 20, D: 20 }, 34, 3));
    b.vote('c1', times(34, blank));
    b.vote('c1', ballotsWithTotals({ D: 3 }, 34, 1));
    expect(b.contest().elected).toContain('D');
    expect(verdict(b)).toEqual({ ok: true, firstBadEvent: undefined });
  });

  it('P-18, P-27: a supplementary round listed in stroke order (not by votes) verifies', () => {
    const b = readyMeeting({ voters: 34, seats: 3, candidates: ['A', 'B', 'C', 'D'] });
    b.vote('c1', ballotsWithTotals({ A: 30, B: 25, D: 17, C: 15 }, 34, 3));
    expect(b.state.contests.get('c1')!.pending!.candidates).toEqual(['C', 'D']);
    expect(verdict(b).ok).toBe(true);
  });

  it('P-22, P-23: ballots whose write-ins cannot count (a candidate, a probationary member, a repeat) verify', () => {
    const b = readyMeeting({
      voters: 10,
      seats: 1,
      candidates: 2,
      probationary: 1,
      parameters: { doubleEntry: false },
    });
    const n = b.openRound();
    for (const [no, writeIns] of [
      [1, ['p2']],
      [2, ['q1']],
      [3, ['p3', 'p3']],
    ] as const) {
      b.run(
        {
          type: 'RecordBallot',
          data: { contestId: 'c1', round: n, ballotNo: no, marks: { p1: 'against' }, writeIns: [...writeIns] },
        },
        { actor: TELLER_1 },
      );
    }
    b.enterBallots('c1', n, ballotsWithTotals({ p1: 7 }, 7, 1));
    b.closeRound('c1', n);
    b.declare('c1', n);
    expect(b.round().tally.find((t) => t.candidateId === 'p1')).toMatchObject({ for: 7, against: 3 });
    expect(verdict(b).ok).toBe(true);
  });

  it('V-06, V-08: a village tie re-vote below half turnout, and a supplementary round with no ballots, verify', () => {
    const b = scheduledMeeting({ ruleset: 'village-committee' }).enrol(roll(20));
    b.checkIn(...ids(roll(12)));
    b.createContest('c1', 2, { office: 'committee-member' })
      .nominate('c1', ['p1', 'p2', 'p3'])
      .publish('c1', ['p1', 'p2', 'p3']);
    b.createContest('c2', 1, { office: 'director' }).nominate('c2', ['p4', 'p5']).publish('c2', ['p4', 'p5']);
    b.adoptMethod().appointOfficers(['p20']).confirm('c1').confirm('c2');
    b.vote('c1', ballotsWithTotals({ p1: 8, p2: 8, p3: 8 }, 12, 2));
    b.vote('c1', ballotsWithTotals({ p1: 5, p2: 3 }, 8, 2), 8);
    expect(b.contest('c1').elected.length).toBe(2);
    b.vote('c2', ballotsWithTotals({ p4: 6, p5: 5 }, 12, 1));
    b.vote('c2', [], 0);
    // V-11b: still empty after the second ballot, the seat goes to a new election.
    expect(b.state.contests.get('c2')!.newElection).toMatchObject({ seats: 1, withinMonths: 6 });
    expect(verdict(b)).toEqual({ ok: true, firstBadEvent: undefined });
  });

  it("P-28: a vacancy consented by half of the round's voters after some left verifies", () => {
    const b = readyMeeting({ voters: 10, seats: 3, candidates: 4, parameters: { doubleEntry: false } });
    b.vote('c1', ballotsWithTotals({ p1: 10, p2: 10, p3: 5, p4: 5 }, 10, 3));
    b.depart('p3', 'p4', 'p5', 'p6');
    // 5 is half of the round's 10 (the 6 still here would need only 3): the verifier re-decides on the round's snapshot.
    b.run({ type: 'LeaveSeatsVacant', data: { contestId: 'c1', vote: { for: 5, against: 3, abstain: 0 } } });
    expect(verdict(b).ok).toBe(true);
  });
});

/**
 * V-07 / V-08 on the screens: while a village round is open its bar rests on the ballots keyed so far (the returned
 * count comes at the close), and the view says so; a party round's bar (P-24, on the voters present) is fixed from
 * the opening. Figures by hand: 10 voters, 1 seat.
 */
import { describe, expect, it } from 'vitest';
import { ballot, readyMeeting, times } from '../testing/fixtures.js';

const round = (b: ReturnType<typeof readyMeeting>) => b.view('observer').contests[0]!.rounds.at(-1)!;

describe('thresholdProvisional', () => {
  it('a village round: provisional while open (0 keyed: bar 1), fixed at the close (10 returned: bar 6)', () => {
    const b = readyMeeting({ ruleset: 'village-committee', voters: 10, seats: 1, candidates: 2 });
    const n = b.openRound('c1');
    expect(round(b)).toMatchObject({ threshold: 1, thresholdProvisional: true });
    b.enterBallots('c1', n, times(10, ballot(['p1'])));
    b.closeRound('c1', n);
    expect(round(b)).toMatchObject({ threshold: 6, thresholdProvisional: false });
  });

  it('a village supplementary round (V-08): a third of the ballots cast, provisional until they are counted', () => {
    // 10 voters, 2 seats: p1 elected with 7 (V-07), p2 and p3 with 3 each: one seat to 另行选举.
    const b = readyMeeting({ ruleset: 'village-committee', voters: 10, seats: 2, candidates: 3 });
    b.vote('c1', [...times(7, ballot(['p1'])), ...times(3, ballot(['p2', 'p3']))]);
    const n = b.openRound('c1');
    expect(round(b)).toMatchObject({ kind: 'supplementary', threshold: 1, thresholdProvisional: true });
    b.enterBallots('c1', n, [...times(6, ballot(['p2'])), ...times(4, ballot(['p3']))]);
    b.closeRound('c1', n);
    // 10 cast: at least 4 (3 × 4 ≥ 10).
    expect(round(b)).toMatchObject({ threshold: 4, thresholdProvisional: false });
  });

  it('a party round: the bar on the voters present is fixed from the opening (10 present: 6)', () => {
    const b = readyMeeting({ voters: 10, seats: 1, candidates: 2, parameters: { doubleEntry: false } });
    b.openRound('c1');
    expect(round(b)).toMatchObject({ threshold: 6, thresholdProvisional: false });
  });
});

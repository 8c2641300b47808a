import { describe, expect, it } from 'vitest';
import type { TallyLine } from '../meeting/events.js';
import { computeOutcome } from './outcome.js';
import { PRESETS } from './ruleset.js';

const cpc = PRESETS['cpc-branch'];
const village = PRESETS['village-committee'];
const tally = (votes: Record<string, number>): TallyLine[] =>
  Object.entries(votes).map(([candidateId, v]) => ({ candidateId, for: v, against: 0, abstain: 0 }));
const first = (
  votes: Record<string, number>,
  seats: number,
  presentVoters: number,
  kind: 'first' | 'tie' | 'supplementary' = 'first',
) => ({
  kind,
  seats,
  candidates: Object.keys(votes),
  presentVoters,
  expected: presentVoters,
  ballotsReturned: presentVoters,
  tally: tally(votes),
});

describe('computeOutcome (P-24..P-27, V-07, V-08)', () => {
  it('E5 arithmetic: bar 18 of 34; A, B elected; supplementary among C and D', () => {
    expect(computeOutcome(cpc, first({ A: 30, B: 25, C: 17, D: 15 }, 3, 34))).toEqual({
      threshold: 18,
      rule: 'P-24',
      elected: ['A', 'B'],
      required: { kind: 'supplementary', seats: 1, candidates: ['C', 'D'], rule: 'P-27' },
    });
  });

  it('P-25: more qualifiers than seats: the highest win', () => {
    expect(computeOutcome(cpc, first({ A: 30, B: 26, C: 20, D: 19 }, 3, 34))).toMatchObject({
      elected: ['A', 'B', 'C'],
      required: null,
      rule: 'P-25',
    });
  });

  it('E7 arithmetic: C and D tie at the cut-off', () => {
    expect(computeOutcome(cpc, first({ A: 30, B: 26, C: 20, D: 20 }, 3, 34))).toEqual({
      threshold: 18,
      rule: 'P-26',
      elected: ['A', 'B'],
      required: { kind: 'tie', seats: 1, candidates: ['C', 'D'], rule: 'P-26' },
    });
  });

  it('P-27: the supplementary list keeps everyone tied at its boundary', () => {
    expect(computeOutcome(cpc, first({ A: 20, B: 10, C: 10, D: 3 }, 2, 34)).required).toEqual({
      kind: 'supplementary',
      seats: 1,
      candidates: ['B', 'C'],
      rule: 'P-27',
    });
    expect(computeOutcome(cpc, first({ A: 10, B: 9, C: 9 }, 1, 34)).required).toEqual({
      kind: 'supplementary',
      seats: 1,
      candidates: ['A', 'B', 'C'],
      rule: 'P-27',
    });
  });

  it('E9 arithmetic: village bar 2*v > voted; supplementary plurality with 3*v >= cast', () => {
    expect(computeOutcome(village, first({ X: 320, Y: 300 }, 1, 650))).toMatchObject({ threshold: 326, elected: [] });
    expect(computeOutcome(village, first({ X: 330, Y: 270 }, 1, 600, 'supplementary'))).toMatchObject({
      threshold: 200,
      elected: ['X'],
    });
    expect(computeOutcome(village, first({ X: 190, Y: 180, Z: 170 }, 1, 600, 'supplementary'))).toMatchObject({
      threshold: 200,
      elected: [],
    });
  });

  it('P-26: in a re-vote a tied candidate on 0 votes stays in: tied again at the cut-off means another re-vote among those still tied', () => {
    expect(computeOutcome(cpc, first({ B: 5, C: 0, D: 0 }, 2, 34, 'tie'))).toEqual({
      threshold: null,
      rule: 'P-26',
      elected: ['B'],
      required: { kind: 'tie', seats: 1, candidates: ['C', 'D'], rule: 'P-26' },
    });
    expect(computeOutcome(cpc, first({ C: 0, D: 0 }, 1, 34, 'tie'))).toEqual({
      threshold: null,
      rule: 'P-26',
      elected: [],
      required: { kind: 'tie', seats: 1, candidates: ['C', 'D'], rule: 'P-26' },
    });
    // A tied candidate missing from the tally altogether is on 0 all the same.
    expect(computeOutcome(cpc, { ...first({ C: 0 }, 1, 34, 'tie'), candidates: ['C', 'D'] }).required).toEqual({
      kind: 'tie',
      seats: 1,
      candidates: ['C', 'D'],
      rule: 'P-26',
    });
    expect(computeOutcome(cpc, first({ C: 4, D: 0 }, 1, 34, 'tie'))).toMatchObject({ elected: ['C'], required: null });
  });

  it('V-08: with no ballots returned nobody is elected (0 votes never elect) and the shortfall stays a supplementary round', () => {
    expect(computeOutcome(village, first({ X: 0, Y: 0 }, 1, 0, 'supplementary'))).toEqual({
      threshold: 1,
      rule: 'V-08',
      elected: [],
      required: { kind: 'supplementary', seats: 1, candidates: ['X', 'Y'], rule: 'V-08' },
    });
  });

  // 100 returned, 2 seats, listed X Y Z; W written in (in place of an against) by 30. X 60 is elected (bar 51).
  const writtenIn = { ...first({ X: 60, Y: 20, Z: 5 }, 2, 100), tally: tally({ X: 60, W: 30, Y: 20, Z: 5 }) };

  it('V-08: the 另行选举 is among the persons not elected, so the written-in W (30) stands before the listed Z (5)', () => {
    expect(computeOutcome(village, writtenIn).required).toEqual({
      kind: 'supplementary',
      seats: 1,
      candidates: ['W', 'Y'],
      rule: 'V-08',
    });
  });

  it('P-27: a branch chooses among its listed candidates only; the written-in W is not put to the next round', () => {
    expect(computeOutcome(cpc, writtenIn).required).toMatchObject({ kind: 'supplementary', candidates: ['Y', 'Z'] });
  });

  it('V-08 in a village log pinned before `pool` existed: the listed candidates only, as it was decided then', () => {
    const pinned = {
      ...village,
      supplementary: { kind: 'plurality-with-floor', floor: { num: 1, den: 3, inclusive: true }, rule: 'V-08' },
    } as const;
    expect(computeOutcome(pinned, writtenIn).required).toMatchObject({ candidates: ['Y', 'Z'] });
  });
});

import { describe, expect, it } from 'vitest';
import { judgeBallot, sameBallot } from './ballot.js';
import { PRESETS } from './ruleset.js';

const cpc = PRESETS['cpc-branch'];
const plain = PRESETS['simple-majority'];

describe('judgeBallot (P-22, P-23)', () => {
  it('P-23: selections = "for" marks + counted write-ins; more than the seats invalidates the whole ballot', () => {
    expect(judgeBallot({ marks: { A: 'for', B: 'for', C: 'for', D: 'against' }, writeIns: ['X'] }, 3, cpc)).toMatchObject({ valid: false, reason: 'over-vote', marks: [], writeIns: [] });
    expect(judgeBallot({ marks: { A: 'for', B: 'for', C: 'for', D: 'against' }, writeIns: [] }, 3, cpc)).toMatchObject({ valid: true, writeIns: [] });
  });

  it('P-22: a write-in stands only in place of an "against"; surplus write-ins are void marks', () => {
    expect(judgeBallot({ marks: { A: 'for', B: 'against' }, writeIns: ['X', 'Y'] }, 3, cpc)).toEqual({
      valid: true, marks: [['A', 'for'], ['B', 'against']], writeIns: ['X'], voidMarks: 1,
    });
    expect(judgeBallot({ marks: { A: 'abstain' }, writeIns: ['X'] }, 1, cpc)).toMatchObject({ valid: true, writeIns: [], voidMarks: 1 });
    expect(judgeBallot({ marks: { A: 'against' }, writeIns: ['X'] }, 1, plain)).toMatchObject({ valid: true, writeIns: [], voidMarks: 1 });
  });

  it('P-23: a blank ballot is valid; an unreadable mark voids only that mark', () => {
    expect(judgeBallot({ marks: {}, writeIns: [] }, 1, cpc)).toEqual({ valid: true, marks: [], writeIns: [], voidMarks: 0 });
    expect(judgeBallot({ marks: { A: 'unreadable', B: 'for' }, writeIns: [] }, 1, cpc)).toEqual({ valid: true, marks: [['B', 'for']], writeIns: [], voidMarks: 1 });
  });

  it('double entry compares marks and write-ins, not their order', () => {
    expect(sameBallot({ marks: { A: 'for', B: 'against' }, writeIns: ['X', 'Y'] }, { marks: { B: 'against', A: 'for' }, writeIns: ['Y', 'X'] })).toBe(true);
    expect(sameBallot({ marks: { A: 'for' }, writeIns: [] }, { marks: { A: 'for', B: 'abstain' }, writeIns: [] })).toBe(false);
    expect(sameBallot({ marks: { A: 'for' }, writeIns: [] }, { marks: { A: 'against' }, writeIns: [] })).toBe(false);
  });
});

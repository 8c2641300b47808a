import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Mark } from '../meeting/commands.js';
import type { RoundKind } from '../meeting/events.js';
import { countedWriteIns, judgeBallot, sameBallot, type WriteInRules } from './ballot.js';

/** A first round among A..D; X, Y, Z may be elected, P may not (a probationary member). */
const rules = (o: Partial<WriteInRules> = {}): WriteInRules => ({
  policy: 'in-place-of-against',
  kind: 'first',
  candidates: ['A', 'B', 'C', 'D'],
  mayBeElected: (id) => ['A', 'B', 'C', 'D', 'X', 'Y', 'Z'].includes(id),
  ...o,
});
const cpc = rules();
const plain = rules({ policy: 'none' });

describe('judgeBallot (P-22, P-23)', () => {
  it('P-23: selections = "for" marks + counted write-ins; more than the seats invalidates the whole ballot', () => {
    expect(
      judgeBallot({ marks: { A: 'for', B: 'for', C: 'for', D: 'against' }, writeIns: ['X'] }, 3, cpc),
    ).toMatchObject({ valid: false, reason: 'over-vote', marks: [], writeIns: [] });
    expect(judgeBallot({ marks: { A: 'for', B: 'for', C: 'for', D: 'against' }, writeIns: [] }, 3, cpc)).toMatchObject({
      valid: true,
      writeIns: [],
    });
  });

  it('P-22: a write-in stands only in place of an "against"; surplus write-ins are void marks', () => {
    expect(judgeBallot({ marks: { A: 'for', B: 'against' }, writeIns: ['X', 'Y'] }, 3, cpc)).toEqual({
      valid: true,
      marks: [
        ['A', 'for'],
        ['B', 'against'],
      ],
      writeIns: ['X'],
      voidMarks: 1,
    });
    expect(judgeBallot({ marks: { A: 'abstain' }, writeIns: ['X'] }, 1, cpc)).toMatchObject({
      valid: true,
      writeIns: [],
      voidMarks: 1,
    });
    expect(judgeBallot({ marks: { A: 'against' }, writeIns: ['X'] }, 1, plain)).toMatchObject({
      valid: true,
      writeIns: [],
      voidMarks: 1,
    });
  });

  it('P-22: a write-in of a listed candidate, of someone without the right to be elected, or a repeat voids only itself', () => {
    expect(judgeBallot({ marks: { A: 'for', B: 'against' }, writeIns: ['A'] }, 1, cpc)).toEqual({
      valid: true,
      marks: [
        ['A', 'for'],
        ['B', 'against'],
      ],
      writeIns: [],
      voidMarks: 1,
    });
    expect(judgeBallot({ marks: { A: 'against', B: 'against' }, writeIns: ['P', 'X'] }, 2, cpc)).toEqual({
      valid: true,
      marks: [
        ['A', 'against'],
        ['B', 'against'],
      ],
      writeIns: ['X'],
      voidMarks: 1,
    });
    // Two "against" marks, X twice: one X counts, so 1 selection of 1 seat and the ballot is valid.
    expect(judgeBallot({ marks: { A: 'against', B: 'against' }, writeIns: ['X', 'X'] }, 1, cpc)).toEqual({
      valid: true,
      marks: [
        ['A', 'against'],
        ['B', 'against'],
      ],
      writeIns: ['X'],
      voidMarks: 1,
    });
    // A void write-in does not use up an "against": the next allowed one takes its place.
    expect(judgeBallot({ marks: { A: 'against' }, writeIns: ['B', 'Y'] }, 1, cpc)).toMatchObject({
      valid: true,
      writeIns: ['Y'],
      voidMarks: 1,
    });
  });

  it('P-26, P-27: in a tie re-vote or a supplementary round every write-in is void, the marks stand', () => {
    for (const kind of ['tie', 'supplementary'] as const) {
      expect(
        judgeBallot({ marks: { A: 'against', B: 'for' }, writeIns: ['X'] }, 1, rules({ kind, candidates: ['A', 'B'] })),
      ).toEqual({
        valid: true,
        marks: [
          ['A', 'against'],
          ['B', 'for'],
        ],
        writeIns: [],
        voidMarks: 1,
      });
    }
  });

  it('P-23: a blank ballot is valid; an unreadable mark voids only that mark', () => {
    expect(judgeBallot({ marks: {}, writeIns: [] }, 1, cpc)).toEqual({
      valid: true,
      marks: [],
      writeIns: [],
      voidMarks: 0,
    });
    expect(judgeBallot({ marks: { A: 'unreadable', B: 'for' }, writeIns: [] }, 1, cpc)).toEqual({
      valid: true,
      marks: [['B', 'for']],
      writeIns: [],
      voidMarks: 1,
    });
  });

  it("P-22, P-23: the fold's fast count agrees with judgeBallot on every ballot", () => {
    const ids = ['A', 'B', 'C', 'D', 'X', 'Y', 'P'];
    const ballot = fc.record({
      marks: fc.dictionary(
        fc.constantFrom('A', 'B', 'C', 'D'),
        fc.constantFrom<Mark>('for', 'against', 'abstain', 'unreadable'),
      ),
      writeIns: fc.array(fc.constantFrom(...ids), { maxLength: 4 }),
    });
    const context = fc.record({
      policy: fc.constantFrom<WriteInRules['policy']>('in-place-of-against', 'none'),
      kind: fc.constantFrom<RoundKind>('first', 'tie', 'supplementary'),
      candidates: fc.subarray(['A', 'B', 'C', 'D'], { minLength: 1 }),
    });
    fc.assert(
      fc.property(ballot, context, fc.integer({ min: 1, max: 4 }), (b, c, seats) => {
        const r = rules(c);
        const judged = judgeBallot(b, seats, r);
        const visited: string[] = [];
        const n = countedWriteIns(b, seats, r, (id) => visited.push(id));
        expect(n).toBe(judged.valid ? judged.writeIns.length : -1);
        expect(visited).toEqual(judged.valid ? judged.writeIns : []);
        expect(judged.writeIns.every((id) => !r.candidates.includes(id) && r.mayBeElected(id))).toBe(true);
        expect(new Set(judged.writeIns).size).toBe(judged.writeIns.length);
      }),
      { numRuns: 500 },
    );
  });

  it('double entry compares marks and write-ins, not their order', () => {
    expect(
      sameBallot(
        { marks: { A: 'for', B: 'against' }, writeIns: ['X', 'Y'] },
        { marks: { B: 'against', A: 'for' }, writeIns: ['Y', 'X'] },
      ),
    ).toBe(true);
    expect(sameBallot({ marks: { A: 'for' }, writeIns: [] }, { marks: { A: 'for', B: 'abstain' }, writeIns: [] })).toBe(
      false,
    );
    expect(sameBallot({ marks: { A: 'for' }, writeIns: [] }, { marks: { A: 'against' }, writeIns: [] })).toBe(false);
  });
});

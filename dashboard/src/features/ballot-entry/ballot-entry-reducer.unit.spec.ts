import { describe, expect, it } from 'vitest';
import type { WriteInRules } from '@tallyroom/contracts';
import {
  ballotEntryReducer,
  ballotNumber,
  initialBallotEntry,
  judgeEntry,
  writeInNote,
  type BallotEntryAction,
  type BallotEntryState,
} from './ballot-entry-reducer';

/** A first round among A..D; X, Y may be elected, P may not (a probationary member). */
const rules = (o: Partial<WriteInRules> = {}): WriteInRules => ({
  policy: 'in-place-of-against',
  kind: 'first',
  candidates: ['A', 'B', 'C', 'D'],
  mayBeElected: (id) => ['A', 'B', 'C', 'D', 'X', 'Y'].includes(id),
  ...o,
});
const members = ['A', 'B', 'C', 'D', 'X', 'Y', 'P'].map((memberId) => ({ memberId, name: `Name ${memberId}` }));
const candidates = ['A', 'B', 'C', 'D'];

const run = (actions: BallotEntryAction[], from: BallotEntryState = initialBallotEntry) =>
  actions.reduce(ballotEntryReducer, from);
const keyWriteIn = (id: string, r = rules()): BallotEntryAction[] => [
  { type: 'draft', text: id },
  { type: 'addWriteIn', members, rules: r },
];

describe('ballotEntryReducer', () => {
  it('a mark key marks the current row and moves on to the next name; clearing stays', () => {
    const s = run([
      { type: 'markRow', candidates, mark: 'for' },
      { type: 'markRow', candidates, mark: 'against' },
    ]);
    expect(s.marks).toEqual({ A: 'for', B: 'against' });
    expect(s.row).toBe(2);
    const cleared = run(
      [
        { type: 'row', row: 1 },
        { type: 'markRow', candidates, mark: null },
      ],
      s,
    );
    expect(cleared.marks).toEqual({ A: 'for' });
    expect(cleared.row).toBe(1);
  });

  it('the last row stays the current row after a mark', () => {
    const s = run([
      { type: 'row', row: 3 },
      { type: 'markRow', candidates, mark: 'abstain' },
    ]);
    expect(s).toMatchObject({ row: 3, marks: { D: 'abstain' } });
  });

  it("a click sets or clears one candidate's mark", () => {
    const s = run([{ type: 'mark', candidateId: 'C', mark: 'unreadable' }]);
    expect(s.marks).toEqual({ C: 'unreadable' });
    expect(run([{ type: 'mark', candidateId: 'C', mark: null }], s).marks).toEqual({});
  });

  it('a name not on the roll is refused and stays in the field to be corrected', () => {
    const s = run(keyWriteIn(' Q '));
    expect(s.writeIns).toEqual([]);
    expect(s.draft).toBe(' Q ');
    expect(s.draftProblem).toEqual({ key: 'teller.writeInUnknown', values: { id: 'Q' } });
  });

  it('a write-in that can count is entered without a note', () => {
    const s = run(keyWriteIn('X'));
    expect(s).toMatchObject({ writeIns: ['X'], draft: '', draftProblem: null });
  });

  it('typing clears the last note; an empty field adds nothing', () => {
    const s = run([...keyWriteIn('P'), { type: 'draft', text: '' }]);
    expect(s.draftProblem).toBeNull();
    expect(run([{ type: 'addWriteIn', members, rules: rules() }], s)).toBe(s);
  });

  it.each([
    ['no write-ins under the ruleset', 'X', [], rules({ policy: 'none' }), 'teller.writeInNotAllowed'],
    ['a tie re-vote (P-26)', 'X', [], rules({ kind: 'tie' }), 'teller.writeInNotAllowed'],
    ['no right to be elected (P-01)', 'P', [], rules(), 'teller.writeInNotEligible'],
    ['a listed candidate', 'B', [], rules(), 'teller.writeInIsCandidate'],
    ['a repeat', 'X', ['X'], rules(), 'teller.writeInDuplicate'],
  ] as const)('a write-in void for %s is entered as read out, with its reason', (_, id, before, r, key) => {
    const s = run(keyWriteIn(id, r), { ...initialBallotEntry, writeIns: [...before] });
    expect(s.writeIns).toEqual([...before, id]);
    expect(s.draftProblem?.key).toBe(key);
  });

  it('removing a write-in removes it', () => {
    expect(run([...keyWriteIn('X'), ...keyWriteIn('Y'), { type: 'removeWriteIn', memberId: 'X' }]).writeIns).toEqual([
      'Y',
    ]);
  });

  it('clear empties the ballot and goes back to the first row', () => {
    const s = run([{ type: 'markRow', candidates, mark: 'for' }, ...keyWriteIn('X'), { type: 'clear' }]);
    expect(s).toMatchObject({ marks: {}, writeIns: [], row: 0 });
  });

  it('saving resets the ballot, reports the verdict and moves the number on', () => {
    const s = run([
      { type: 'ballotNo', text: '7' },
      { type: 'markRow', candidates, mark: 'for' },
      ...keyWriteIn('X'),
      { type: 'saved', ballotNo: 7, valid: true },
    ]);
    expect(s).toMatchObject({
      marks: {},
      writeIns: [],
      draft: '',
      draftProblem: null,
      row: 0,
      ballotNoText: null,
      lastSaved: 7,
    });
    expect(s.feedback).toEqual({ key: 'teller.saved', values: { n: 7, verdict: 'valid' } });
    expect(ballotNumber(s, [3, 5])).toEqual({ highest: 7, ballotNo: 8 });
  });

  it("the ballot number follows this teller's highest entry unless typed", () => {
    expect(ballotNumber(initialBallotEntry, [])).toEqual({ highest: 0, ballotNo: 1 });
    expect(ballotNumber(initialBallotEntry, [4, 9])).toEqual({ highest: 9, ballotNo: 10 });
    expect(ballotNumber(run([{ type: 'ballotNo', text: '3' }]), [4, 9]).ballotNo).toBe(3);
  });

  it('never mutates the state it is given', () => {
    const before = run([{ type: 'markRow', candidates, mark: 'for' }, ...keyWriteIn('X')]);
    const copy = structuredClone(before);
    run(
      [
        { type: 'markRow', candidates, mark: 'against' },
        ...keyWriteIn('Y'),
        { type: 'removeWriteIn', memberId: 'X' },
        { type: 'clear' },
      ],
      before,
    );
    expect(before).toEqual(copy);
  });
});

describe('writeInNote', () => {
  it('is null exactly when judgeBallot would count the write-in given an "against" for it', () => {
    expect(writeInNote([], { memberId: 'X', name: 'x' }, rules())).toBeNull();
    expect(writeInNote(['X'], { memberId: 'Y', name: 'y' }, rules())).toBeNull();
    expect(writeInNote(['P'], { memberId: 'X', name: 'x' }, rules())).toBeNull();
  });
});

describe('judgeEntry (P-22, P-23)', () => {
  it('counts the selections of an over-vote, which the judgement itself does not', () => {
    const v = judgeEntry({ marks: { A: 'for', B: 'for', C: 'against' }, writeIns: ['X'] }, 2, rules());
    expect(v).toMatchObject({ forCount: 2, selections: 3, judged: { valid: false, reason: 'over-vote' } });
  });

  it('a valid ballot with a write-in in place of an "against"', () => {
    const v = judgeEntry({ marks: { A: 'for', B: 'against' }, writeIns: ['X'] }, 2, rules());
    expect(v).toMatchObject({ forCount: 1, selections: 2, judged: { valid: true, writeIns: ['X'], voidMarks: 0 } });
  });
});

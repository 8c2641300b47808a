/**
 * The tally arithmetic of the fold: a ballot slot is counted into its round's tally as it settles and taken
 * out again before a later entry, correction or voiding replaces it, so no round is ever recounted. Every function here is exported:
 * FOLD_FUNCTIONS takes them from this module for the snapshot fingerprint.
 */
import { countedWriteIns, sameBallot, type BallotContent, type WriteInRules } from '../rules/ballot.js';
import type { Ruleset } from '../rules/ruleset.js';
import type { TallyLine } from './events.js';
import { mayBeWrittenIn, type BallotSlot, type Counted, type MeetingState, type RoundState } from './state.js';
import { isDisputed } from './status.js';

/** What judgeBallot needs to know about write-ins on a ballot of round r (P-22). */
export function writeInRules(
  s: Pick<MeetingState, 'members'>,
  r: Pick<RoundState, 'kind' | 'candidates' | 'reserved' | 'writeInsAmong'>,
  policy: Ruleset['writeIns'],
): WriteInRules {
  return { policy, kind: r.kind, candidates: r.candidates, mayBeElected: (id) => mayBeWrittenIn(s.members.get(id), r) };
}

/** Never consulted: countedWriteIns reads the rules only for a ballot that has write-ins. */
const NO_WRITE_INS: WriteInRules = Object.freeze({
  policy: 'none',
  kind: 'first',
  candidates: [],
  mayBeElected: () => false,
});

/** The content a slot counts with: its correction, its only entry, or two agreeing entries; null if none. */
export function countingContent(slot: BallotSlot, r: RoundState): BallotContent | null {
  if (slot.correction) return slot.correction;
  const a = slot.first;
  if (a === null) return null;
  if (!r.doubleEntry) return a;
  const b = slot.second;
  if (b === null) return null;
  // An agreeing second entry is kept as its teller's id (keptSecond).
  return typeof b === 'string' || sameBallot(a, b) ? a : null;
}

/** The few distinct Counted values, shared by every ballot (keyed by policy, then validity). */
const COUNTED = new Map<string, [invalid: Counted, valid: Counted]>();
export function countedAs(valid: boolean, writeIns: Ruleset['writeIns']): Counted {
  let pair = COUNTED.get(writeIns);
  if (!pair) {
    pair = [Object.freeze({ valid: false, writeIns }), Object.freeze({ valid: true, writeIns })];
    COUNTED.set(writeIns, pair);
  }
  return pair[valid ? 1 : 0];
}

export function line(r: RoundState, candidateId: string): TallyLine {
  let t = r.tally.get(candidateId);
  if (!t) {
    t = { candidateId, for: 0, against: 0, abstain: 0 };
    r.tally.set(candidateId, t);
  }
  return t;
}

/**
 * Adds (sign 1) or takes away (sign -1) one ballot as judgeBallot judges it
 * (P-22, P-23), straight into the tally: marks in their order, then the
 * write-ins that count. Returns whether it is valid. Whether a write-in counts
 * depends on the roll's statuses, which no longer change once voting has begun,
 * so taking a ballot away judges it as it was judged when added.
 */
export function applyBallot(
  s: MeetingState,
  r: RoundState,
  content: BallotContent,
  writeInsPolicy: Ruleset['writeIns'],
  sign: 1 | -1,
): boolean {
  // Most ballots carry no write-in: they need no rules and no visitor, so the fold allocates nothing for them.
  const hasWriteIns = content.writeIns.length > 0;
  const counted = countedWriteIns(
    content,
    r.seats,
    hasWriteIns ? writeInRules(s, r, writeInsPolicy) : NO_WRITE_INS,
    hasWriteIns
      ? (id) => {
          line(r, id).for += sign;
        }
      : undefined,
  );
  if (counted < 0) {
    r.invalid += sign;
    return false;
  }
  r.valid += sign;
  const marks = content.marks;
  // for…in, not Object.keys: no array of keys per ballot (marks are plain records, nothing inherited is enumerable).
  for (const c in marks) {
    const mark = marks[c]!;
    if (mark !== 'unreadable') line(r, c)[mark] += sign;
    else r.unreadable.set(c, (r.unreadable.get(c) ?? 0) + sign);
  }
  return true;
}

/** Takes a slot's contribution out of the tally, before a new slot replaces it (the old one is left as it was). */
export function uncount(s: MeetingState, r: RoundState, slot: BallotSlot | undefined) {
  if (slot === undefined) return;
  if (isDisputed(slot)) r.disputed--;
  if (slot.counted === null) return;
  applyBallot(s, r, countingContent(slot, r)!, slot.counted.writeIns, -1);
}

/** Puts a slot (back) into the round and adds its contribution, if it now counts. */
export function count(s: MeetingState, r: RoundState, ballotNo: number, slot: BallotSlot, ruleset: Ruleset) {
  const content = countingContent(slot, r);
  slot.counted = content ? countedAs(applyBallot(s, r, content, ruleset.writeIns, 1), ruleset.writeIns) : null;
  if (isDisputed(slot)) r.disputed++;
  r.ballots.set(ballotNo, slot);
}

/**
 * The public board moves in steps of at least this many counted ballots while a round is open (RoundState.board).
 * One: the hall watches the count rise with each paper read aloud (唱票), as the board has always shown it. A larger
 * step (ten) would keep anyone outside the hall from reading one ballot's marks off two successive totals; it is kept
 * as a step, not a flag, so it can become a meeting's setting. A function, not a constant, so that changing it
 * changes the snapshot fingerprint (FOLD_FUNCTIONS).
 */
export function boardStep(): number {
  return 1;
}

/**
 * Takes the public board's totals afresh when the ballots counted have moved boardStep() or more from the last
 * totals taken, and at least boardStep() of the papers issued are still to come (so the close, which shows the whole
 * count, does not show the last few ballots alone either); or always (`force`, at a close). Called after every
 * ballot event of an open round.
 */
export function advanceBoard(r: RoundState, force = false) {
  const step = boardStep();
  // With a step of one the public sees the live totals (meeting-view.ts): no copy per ballot on the fold's hot path.
  if (step === 1 && !force) return;
  const ballots = r.valid + r.invalid;
  if (!force && (Math.abs(ballots - r.board.ballots) < step || (step > 1 && ballots + step > r.ballotsIssued))) return;
  r.board = {
    ballots,
    valid: r.valid,
    invalid: r.invalid,
    tally: [...r.tally.values()].map((t) => ({ ...t })),
    unreadable: Object.fromEntries(r.unreadable),
  };
}

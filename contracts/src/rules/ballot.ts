import type { Mark } from '../meeting/commands.js';
import type { RoundKind } from '../meeting/events.js';
import type { ParticipantCategory, Ruleset } from './ruleset.js';

export interface BallotContent {
  marks: Record<string, Mark>;
  writeIns: string[];
  /** P-09d: the paper's category on a recommendation or trust ballot; absent on an election ballot. */
  paper?: ParticipantCategory | undefined;
}

/** What decides whether a write-in on a ballot of this round may count. */
export interface WriteInRules {
  /** P-22: the ruleset's write-in policy. */
  policy: Ruleset['writeIns'];
  /** P-26, P-27: a tie re-vote or a supplementary round is only among its listed candidates. */
  kind: RoundKind;
  /** The round's candidates: writing in one of them is no write-in. */
  candidates: readonly string[];
  /** P-01: the right to be elected (and so to be written in); false for anyone not on the roll. */
  mayBeElected: (memberId: string) => boolean;
}

export interface JudgedBallot {
  valid: boolean;
  /** P-23: more persons elected than seats makes the whole ballot invalid. */
  reason?: 'over-vote';
  /** Counted marks per candidate (only on a valid ballot). */
  marks: [candidateId: string, mark: 'for' | 'against' | 'abstain'][];
  /** Write-ins that count as a vote for that person (P-22). */
  writeIns: string[];
  /**
   * Marks that are void on their own, the rest of the ballot standing: unreadable marks, and write-ins that
   * cannot count (not in place of an "against", of a listed candidate, of someone without the right to be
   * elected, repeated, in a re-vote, or under a ruleset without write-ins) (P-22, P-23).
   */
  voidMarks: number;
}

/** Whether write-ins can count at all in this round. */
export const writeInsPossible = (rules: WriteInRules) => rules.policy !== 'none' && rules.kind === 'first';

/** Whether write-in i names someone a voter may write in here; the "in place of an against" limit comes after. */
export function writeInAllowed(writeIns: readonly string[], i: number, rules: WriteInRules): boolean {
  const id = writeIns[i]!;
  if (rules.candidates.includes(id) || !rules.mayBeElected(id)) return false;
  for (let j = 0; j < i; j++) if (writeIns[j] === id) return false;
  return true;
}

/**
 * P-22, P-23: judge one paper ballot as keyed in. A write-in that cannot count
 * voids only itself; the allowed ones, in the order keyed, stand in place of
 * the "against" marks, and any beyond those are void too.
 */
export function judgeBallot(ballot: BallotContent, seats: number, rules: WriteInRules): JudgedBallot {
  const marks: JudgedBallot['marks'] = [];
  let voidMarks = 0;
  let forCount = 0;
  let againstCount = 0;
  for (const [candidateId, mark] of Object.entries(ballot.marks)) {
    if (mark === 'unreadable') {
      voidMarks++;
      continue;
    }
    if (mark === 'for') forCount++;
    if (mark === 'against') againstCount++;
    marks.push([candidateId, mark]);
  }
  const writeIns: string[] = [];
  // P-09c: on a recommendation ballot a written-in name needs no "against" to stand in place of.
  const room = rules.policy === 'free' ? ballot.writeIns.length : againstCount;
  if (writeInsPossible(rules)) {
    for (let i = 0; i < ballot.writeIns.length && writeIns.length < room; i++) {
      if (writeInAllowed(ballot.writeIns, i, rules)) writeIns.push(ballot.writeIns[i]!);
    }
  }
  voidMarks += ballot.writeIns.length - writeIns.length;
  const selections = forCount + writeIns.length;
  if (selections > seats) return { valid: false, reason: 'over-vote', marks: [], writeIns: [], voidMarks };
  return { valid: true, marks, writeIns, voidMarks };
}

/**
 * The same verdict as judgeBallot without building the judged copy: -1 for an
 * over-vote (P-23), otherwise how many write-ins count (P-22), each handed to
 * `visit` if given. The fold calls this once per ballot, so it allocates
 * nothing it keeps.
 */
export function countedWriteIns(
  ballot: BallotContent,
  seats: number,
  rules: WriteInRules,
  visit?: (memberId: string) => void,
): number {
  let forCount = 0;
  let againstCount = 0;
  const marks = ballot.marks;
  // for…in, not Object.keys: no array of keys per ballot (marks are plain records, nothing inherited is enumerable).
  for (const candidateId in marks) {
    const mark = marks[candidateId];
    if (mark === 'for') forCount++;
    else if (mark === 'against') againstCount++;
  }
  const keyed = ballot.writeIns;
  let counted = 0;
  const room = rules.policy === 'free' ? keyed.length : againstCount;
  if (keyed.length > 0 && room > 0 && writeInsPossible(rules)) {
    for (let i = 0; i < keyed.length && counted < room; i++) if (writeInAllowed(keyed, i, rules)) counted++;
  }
  if (forCount + counted > seats) return -1;
  if (visit && counted > 0) {
    for (let i = 0, left = counted; left > 0; i++)
      if (writeInAllowed(keyed, i, rules)) {
        visit(keyed[i]!);
        left--;
      }
  }
  return counted;
}

/** Whether two entries of one paper ballot agree: the same paper, the same marks, and the same write-ins in any order. */
export function sameBallot(a: BallotContent, b: BallotContent): boolean {
  if (a.paper !== b.paper) return false;
  // The fold stores an agreeing second entry with the first one's marks and write-ins.
  if (a.marks === b.marks && a.writeIns === b.writeIns) return true;
  let na = 0;
  for (const k of Object.keys(a.marks)) {
    const mark = a.marks[k];
    if (mark === undefined) continue;
    if (mark !== b.marks[k]) return false;
    na++;
  }
  let nb = 0;
  for (const k of Object.keys(b.marks)) if (b.marks[k] !== undefined) nb++;
  if (na !== nb) return false;
  const n = a.writeIns.length;
  if (n !== b.writeIns.length) return false;
  if (n === 0) return true;
  if (n === 1) return a.writeIns[0] === b.writeIns[0];
  const wa = [...a.writeIns].sort();
  const wb = [...b.writeIns].sort();
  return wa.every((w, i) => w === wb[i]);
}

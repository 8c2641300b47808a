import type { Mark } from '../meeting/commands.js';
import type { Ruleset } from './ruleset.js';

export interface BallotContent { marks: Record<string, Mark>; writeIns: string[] }

export interface JudgedBallot {
  valid: boolean;
  /** P-23: more persons elected than seats makes the whole ballot invalid. */
  reason?: 'over-vote';
  /** Counted marks per candidate (only on a valid ballot). */
  marks: [candidateId: string, mark: 'for' | 'against' | 'abstain'][];
  /** Write-ins that count as a vote for that person (P-22). */
  writeIns: string[];
  /** Marks that are void on their own: unreadable marks, write-ins not in place of an "against" (P-22, P-23). */
  voidMarks: number;
}

/**
 * P-22, P-23: judge one paper ballot as keyed in. Write-in eligibility (P-01)
 * is checked when the ballot is recorded; here only the ballot's own shape matters.
 */
export function judgeBallot(ballot: BallotContent, seats: number, ruleset: Ruleset): JudgedBallot {
  const marks: JudgedBallot['marks'] = [];
  let voidMarks = 0;
  let forCount = 0;
  let againstCount = 0;
  for (const [candidateId, mark] of Object.entries(ballot.marks)) {
    if (mark === 'unreadable') { voidMarks++; continue; }
    if (mark === 'for') forCount++;
    if (mark === 'against') againstCount++;
    marks.push([candidateId, mark]);
  }
  // A write-in stands only in place of an "against" (P-22); surplus write-ins are void marks.
  const allowed = ruleset.writeIns === 'none' ? 0 : againstCount;
  const writeIns = ballot.writeIns.slice(0, allowed);
  voidMarks += ballot.writeIns.length - writeIns.length;
  const selections = forCount + writeIns.length;
  if (selections > seats) return { valid: false, reason: 'over-vote', marks: [], writeIns: [], voidMarks };
  return { valid: true, marks, writeIns, voidMarks };
}

/**
 * The same verdict as judgeBallot without building the judged copy: -1 for an
 * over-vote (P-23), otherwise how many of the write-ins count (P-22). The fold
 * calls this once per ballot, so it allocates nothing it keeps.
 */
export function countedWriteIns(ballot: BallotContent, seats: number, writeInsPolicy: Ruleset['writeIns']): number {
  let forCount = 0;
  let againstCount = 0;
  const marks = ballot.marks;
  for (const candidateId of Object.keys(marks)) {
    const mark = marks[candidateId];
    if (mark === 'for') forCount++;
    else if (mark === 'against') againstCount++;
  }
  const allowed = writeInsPolicy === 'none' ? 0 : againstCount;
  const writeIns = Math.min(ballot.writeIns.length, allowed);
  return forCount + writeIns > seats ? -1 : writeIns;
}

/** Whether two entries of one paper ballot agree: the same marks, and the same write-ins in any order. */
export function sameBallot(a: BallotContent, b: BallotContent): boolean {
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

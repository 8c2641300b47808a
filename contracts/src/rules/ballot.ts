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

export function sameBallot(a: BallotContent, b: BallotContent): boolean {
  const ka = Object.keys(a.marks).filter((k) => a.marks[k] !== undefined);
  const kb = Object.keys(b.marks).filter((k) => b.marks[k] !== undefined);
  if (ka.length !== kb.length) return false;
  if (ka.some((k) => a.marks[k] !== b.marks[k])) return false;
  const wa = [...a.writeIns].sort();
  const wb = [...b.writeIns].sort();
  return wa.length === wb.length && wa.every((w, i) => w === wb[i]);
}

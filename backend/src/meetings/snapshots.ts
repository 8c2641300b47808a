/**
 * Snapshots of a meeting's folded state, keyed by the revision (and chain
 * hash) they were taken at, so a start-up folds only the events after them
 * instead of the whole log. A snapshot is a cache, never a source of truth:
 *   - it is used only if the event at its revision still carries its hash;
 *   - it is ignored when the fold's code has changed since it was written
 *     (FOLD_FINGERPRINT covers the functions the state is folded with);
 *   - after start-up every meeting loaded from one is folded again from
 *     revision 0 in the background, with its whole chain verified, and the
 *     result must encode to the very same text, or the meeting is quarantined.
 */
import { createHash } from 'node:crypto';
import { countedWriteIns, evolve, initialState, judgeBallot, sameBallot, type MeetingState } from '@tallyroom/contracts';
import { CommandOutcomes, type EncodedOutcomes } from './command-outcomes.js';

/** Bumped when the snapshot layout changes (the fold's code is covered by the functions themselves). */
const FORMAT = 2;

export const FOLD_FINGERPRINT = createHash('sha256')
  .update([String(FORMAT), ...[evolve, initialState, judgeBallot, countedWriteIns, sameBallot].map((f) => f.toString())].join('\n'))
  .digest('hex').slice(0, 16);

/*
 * The body is plain JSON: every Map of the state is written as its [key, value]
 * pairs at a place the layout fixes, and put back in a tight loop after a
 * plain JSON.parse. (A reviver, called for every value of a 10,000-member
 * state, was most of a start-up.)
 */
type Pairs<K, V> = [K, V][];

function plainState(s: MeetingState): unknown {
  return {
    ...s,
    members: [...s.members],
    credentials: [...s.credentials],
    contests: [...s.contests].map(([id, c]) => [id, {
      ...c,
      nominees: [...c.nominees],
      rounds: c.rounds.map((r) => ({ ...r, ballots: [...r.ballots], tally: [...r.tally] })),
    }]),
  };
}

/** Rebuilds the Maps in place; false when the body does not have the layout. */
function restoreMaps(s: Record<string, unknown>): boolean {
  if (!Array.isArray(s.members) || !Array.isArray(s.credentials) || !Array.isArray(s.contests)) return false;
  s.members = new Map(s.members as Pairs<string, unknown>);
  s.credentials = new Map(s.credentials as Pairs<string, unknown>);
  for (const pair of s.contests as Pairs<string, Record<string, unknown>>) {
    const c = pair[1];
    if (!Array.isArray(c.nominees) || !Array.isArray(c.rounds)) return false;
    c.nominees = new Map(c.nominees as Pairs<string, unknown>);
    for (const r of c.rounds as Record<string, unknown>[]) {
      if (!Array.isArray(r.ballots) || !Array.isArray(r.tally)) return false;
      r.ballots = new Map(r.ballots as Pairs<number, unknown>);
      r.tally = new Map(r.tally as Pairs<string, unknown>);
    }
  }
  s.contests = new Map(s.contests as Pairs<string, unknown>);
  return true;
}

/** Deterministic for a given fold: the same events folded the same way give the same text. */
export function encodeSnapshot(state: MeetingState, outcomes: CommandOutcomes): string {
  return JSON.stringify({ fold: FOLD_FINGERPRINT, state: plainState(state), outcomes: outcomes.encode() });
}

/** The state and outcomes, or undefined when the snapshot was written by another version of the fold. */
export function decodeSnapshot(body: string): { state: MeetingState; outcomes: CommandOutcomes } | undefined {
  const parsed = JSON.parse(body) as { fold?: string; state?: Record<string, unknown>; outcomes?: EncodedOutcomes };
  if (parsed.fold !== FOLD_FINGERPRINT || !parsed.state || !parsed.outcomes || !restoreMaps(parsed.state)) return undefined;
  const outcomes = CommandOutcomes.decode(parsed.outcomes);
  if (!outcomes) return undefined;
  return { state: parsed.state as unknown as MeetingState, outcomes };
}

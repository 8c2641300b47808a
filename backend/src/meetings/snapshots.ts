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
import { evolve, initialState, judgeBallot, sameBallot, type MeetingState } from '@tallyroom/contracts';
import type { CommandOutcome } from './meeting-registry.js';

export interface Snapshot { revision: number; hash: string; body: string }

/** Implemented by stores that can keep snapshots beside the log (the SQLite store). */
export interface SnapshotStore {
  readSnapshot(stream: string): Snapshot | undefined;
  writeSnapshot(stream: string, snapshot: Snapshot): void;
}

export const hasSnapshots = (store: unknown): store is SnapshotStore =>
  typeof (store as Partial<SnapshotStore> | null)?.readSnapshot === 'function' && typeof (store as Partial<SnapshotStore>).writeSnapshot === 'function';

export const FOLD_FINGERPRINT = createHash('sha256')
  .update([evolve, initialState, judgeBallot, sameBallot].map((f) => f.toString()).join('\n'))
  .digest('hex').slice(0, 16);

/**
 * Maps are tagged with a key no member id, contest id or other state key can
 * hold (ids refuse control characters), so any plain object survives as is.
 */
const MAP_TAG = '\u0000map';

const replacer = (_key: string, value: unknown) => (value instanceof Map ? { [MAP_TAG]: [...value] } : value);
const reviver = (_key: string, value: unknown) => {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && MAP_TAG in value) {
    return new Map((value as Record<string, [unknown, unknown][]>)[MAP_TAG]);
  }
  return value;
};

/** Deterministic for a given fold: the same events folded the same way give the same text. */
export function encodeSnapshot(state: MeetingState, outcomes: Map<string, CommandOutcome>): string {
  return JSON.stringify({ fold: FOLD_FINGERPRINT, state, outcomes }, replacer);
}

/** The state and outcomes, or undefined when the snapshot was written by another version of the fold. */
export function decodeSnapshot(body: string): { state: MeetingState; outcomes: Map<string, CommandOutcome> } | undefined {
  const parsed = JSON.parse(body, reviver) as { fold?: string; state?: MeetingState; outcomes?: Map<string, CommandOutcome> };
  if (parsed.fold !== FOLD_FINGERPRINT || !parsed.state || !(parsed.outcomes instanceof Map)) return undefined;
  return { state: parsed.state, outcomes: parsed.outcomes };
}

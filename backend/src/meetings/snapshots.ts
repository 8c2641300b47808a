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
import { decodeState, encodeState, FOLD_FUNCTIONS, type MeetingState } from '@tallyroom/contracts';
import { CommandOutcomes, type EncodedOutcomes } from './command-outcomes.js';

/** Bumped when the snapshot layout changes (the fold's code is covered by the functions themselves). */
const FORMAT = 6;

export const FOLD_FINGERPRINT = createHash('sha256')
  .update([String(FORMAT), ...FOLD_FUNCTIONS.map((f) => f.toString())].join('\n'))
  .digest('hex')
  .slice(0, 16);

const NON_ASCII = /[\u0080-\uffff]/g;
const escaped = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
/**
 * V8 keeps the subject of the last successful match alive (RegExp.input, RegExp.lastMatch): after encoding a
 * large meeting that was its whole JSON text, 10 MiB of a 10,000-member meeting's memory until the next match
 * anywhere. Matching the empty string hands it back.
 */
const FORGET_LAST_MATCH = /^/;

/**
 * Deterministic for a given fold: the same events folded the same way give the same text. The text is ASCII, every
 * other character written as its \u escape: a meeting's names make a few characters in a thousand Chinese, and
 * reading a body with any of them from SQLite went through V8's UTF-8 decoder byte by byte into a string of twice
 * the size, where an ASCII body is copied as it stands (on a district's 300 snapshots, about a third of the time
 * to read and parse them).
 */
export function encodeSnapshot(state: MeetingState, outcomes: CommandOutcomes): string {
  const text = JSON.stringify({
    fold: FOLD_FINGERPRINT,
    state: encodeState(state),
    outcomes: outcomes.encode(),
  }).replace(NON_ASCII, escaped);
  FORGET_LAST_MATCH.exec('');
  return text;
}

/** The state and outcomes, or undefined when the snapshot was written by another version of the fold. */
export function decodeSnapshot(body: string): { state: MeetingState; outcomes: CommandOutcomes } | undefined {
  const parsed = JSON.parse(body) as { fold?: string; state?: unknown; outcomes?: EncodedOutcomes };
  if (parsed.fold !== FOLD_FINGERPRINT || !parsed.outcomes) return undefined;
  const state = decodeState(parsed.state);
  if (!state) return undefined;
  const outcomes = CommandOutcomes.decode(parsed.outcomes);
  if (!outcomes) return undefined;
  return { state, outcomes };
}

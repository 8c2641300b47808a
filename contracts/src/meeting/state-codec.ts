/**
 * The state as plain JSON, for snapshots: every Map that state-maps.ts names
 * is written as its [key, value] pairs at its own place, and put back in a
 * tight loop after a plain JSON.parse. (A reviver, called for every value of a
 * 10,000-member state, was most of a start-up.) The layout is the one
 * snapshots have always had, but for an agreeing second entry's marks
 * (written once, SAME_MARKS below); bodies written before that still decode.
 */
import { keptEntry } from './evolve-rounds.js';
import { holdsMaps, MEETING_LEVEL, type AnyLevel } from './state-maps.js';
import type { BallotSlot, Counted, Entry, MeetingState } from './state.js';
import { countedAs } from './tally.js';

type Plain = Record<string, unknown>;
type Pairs = [unknown, unknown][];

const isRecord = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function encodeRecord(value: Plain, level: AnyLevel): Plain {
  const plain: Plain = { ...value };
  for (const key in level.maps) {
    const values = level.maps[key]!;
    const map = value[key] as Map<unknown, Plain>;
    plain[key] =
      values !== 'shared' && holdsMaps(values) ? [...map].map(([k, v]) => [k, encodeRecord(v, values)]) : [...map];
  }
  for (const key in level.arrays) {
    const items = level.arrays[key]!;
    if (items !== 'copied' && holdsMaps(items))
      plain[key] = (value[key] as Plain[]).map((item) => encodeRecord(item, items));
  }
  return plain;
}

/** Rebuilds the Maps in place; false when the record does not have the layout. */
function decodeRecord(plain: unknown, level: AnyLevel): boolean {
  if (!isRecord(plain)) return false;
  for (const key in level.maps) {
    const values = level.maps[key]!;
    const pairs = plain[key];
    if (!Array.isArray(pairs)) return false;
    if (values !== 'shared' && holdsMaps(values)) {
      for (const pair of pairs as unknown[]) if (!Array.isArray(pair) || !decodeRecord(pair[1], values)) return false;
    }
    plain[key] = new Map(pairs as Pairs);
  }
  for (const key in level.arrays) {
    const items = level.arrays[key]!;
    if (items === 'copied' || !holdsMaps(items)) continue;
    const array = plain[key];
    if (!Array.isArray(array)) return false;
    for (const item of array as unknown[]) if (!decodeRecord(item, items)) return false;
  }
  return true;
}

/**
 * A second entry that holds the first's marks (it agreed with it: keptEntry) is written with `"marks":0`, read back
 * as the first's: a double-entry round's papers are then written once, as the fold holds them (on a district's
 * snapshots, an eighth of the text and a marks object per paper fewer to parse).
 */
const SAME_MARKS = 0;

function writtenSlot(slot: BallotSlot): BallotSlot {
  const [first, second] = slot.entries;
  if (first === undefined || second === undefined || second.marks !== first.marks) return slot;
  return { ...slot, entries: slot.entries.map((e, i) => (i === 1 ? { ...e, marks: SAME_MARKS as never } : e)) };
}

/** The state as plain JSON-able data. Deterministic: the same state gives the same JSON.stringify text. */
export function encodeState(state: MeetingState): unknown {
  const plain = encodeRecord(state as unknown as Plain, MEETING_LEVEL as AnyLevel);
  for (const [, contest] of plain.contests as [string, { rounds: { ballots: [number, BallotSlot][] }[] }][])
    for (const round of contest.rounds) for (const pair of round.ballots) pair[1] = writtenSlot(pair[1]);
  return plain;
}

/**
 * Gives every ballot slot what the fold shares instead of what JSON.parse made one of per slot: the agreeing second
 * entry's content, the empty write-ins, the teller's id and the few Counted values (keptEntry, countedAs). A
 * district's snapshots hold half a million slots: decoded apart, they took about half again the fold's memory, and
 * the garbage collector's copying of it was most of a start-up from snapshots.
 */
function shareAsTheFold(s: MeetingState): boolean {
  for (const c of s.contests.values())
    for (const r of c.rounds)
      for (const slot of r.ballots.values() as IterableIterator<BallotSlot | null>) {
        if (!isRecord(slot) || !Array.isArray(slot.entries)) return false;
        const entries = slot.entries as unknown[];
        for (let i = 0; i < entries.length; i++) {
          const e = entries[i] as Entry;
          if (i === 1 && isRecord(e) && (e.marks as unknown) === SAME_MARKS) e.marks = (entries[0] as Entry).marks;
          if (!isRecord(e) || !isRecord(e.marks) || !Array.isArray(e.writeIns) || typeof e.teller !== 'string')
            return false;
          entries[i] = keptEntry(s, i === 1 ? (entries[0] as Entry) : undefined, e, e.teller);
        }
        const counted = slot.counted as unknown;
        if (isRecord(counted))
          slot.counted = countedAs(counted.valid === true, counted.writeIns as Counted['writeIns']);
      }
  return true;
}

/**
 * The state encodeState wrote, read back from its JSON.parse; undefined when
 * it does not have the layout. Takes `plain` over: its Maps are rebuilt in place.
 */
export function decodeState(plain: unknown): MeetingState | undefined {
  if (!decodeRecord(plain, MEETING_LEVEL as AnyLevel)) return undefined;
  return shareAsTheFold(plain as MeetingState) ? (plain as MeetingState) : undefined;
}

/**
 * The state as plain JSON, for snapshots: every Map that state-maps.ts names
 * is written as its [key, value] pairs at its own place, and put back in a
 * tight loop after a plain JSON.parse. (A reviver, called for every value of a
 * 10,000-member state, was most of a start-up.) The layout is the one
 * snapshots have always had, but for ballot slots: an agreeing second entry's
 * marks are written once (SAME_MARKS below), and the usual paper as a compact
 * array (CompactSlot); bodies written before either still decode.
 */
import { keptEntry, keptSecond } from './evolve-rounds.js';
import { holdsMaps, MEETING_LEVEL, type AnyLevel } from './state-maps.js';
import type { Mark } from './commands.js';
import { secondEntry, type BallotSlot, type Counted, type Entry, type MeetingState } from './state.js';
import { isDisputed } from './status.js';
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

/**
 * A paper's marks as letters, two per mark in the marks' own order: the candidate's place in the round's list (one
 * of PLACES) and the mark (MARK_LETTER). Reading them back gives an object with the same keys in the same order.
 */
const PLACES = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const MARK_LETTER: Readonly<Record<Mark, string>> = { for: 'f', against: 'a', abstain: 'b', unreadable: 'u' };
const LETTER_MARK: Readonly<Record<string, Mark>> = { f: 'for', a: 'against', b: 'abstain', u: 'unreadable' };

/** undefined for a paper marking someone off the round's list (or a list longer than PLACES): written in full. */
function markLetters(marks: Readonly<Record<string, Mark>>, candidates: readonly string[]): string | undefined {
  let letters = '';
  for (const id in marks) {
    const place = PLACES[candidates.indexOf(id)];
    const letter = MARK_LETTER[marks[id]!];
    if (place === undefined || letter === undefined) return undefined;
    letters += place + letter;
  }
  return letters;
}

/**
 * The compact slot: a paper keyed in once or twice with no write-ins, no paper category, no correction and no
 * polling station, i.e. nearly every paper of a count, as
 *   [letters, teller, counted]  or  [letters, teller, letters | 0, teller, counted]
 * where 0 stands for the first entry's marks (it agreed) and counted is 0 (not yet counted) or [1 | 0, policy].
 * A district's snapshots were four fifths ballot slots in full (about 300 characters each, this is about 70), and
 * reading, parsing and collecting them was most of a start-up from snapshots.
 */
type CompactSlot =
  [string, string, CompactCounted] | [string, string, string | typeof SAME_MARKS, string, CompactCounted];
type CompactCounted = 0 | [0 | 1, Counted['writeIns']];

function compactSlot(slot: BallotSlot, candidates: readonly string[]): CompactSlot | undefined {
  const { first, second } = slot;
  if (slot.correction !== null || slot.station !== undefined || first === null) return undefined;
  const plain = (e: Entry) => e.writeIns.length === 0 && e.paper === undefined;
  if (!plain(first) || (second !== null && typeof second !== 'string' && !plain(second))) return undefined;
  const letters = markLetters(first.marks, candidates);
  if (letters === undefined) return undefined;
  const counted: CompactCounted = slot.counted === null ? 0 : [slot.counted.valid ? 1 : 0, slot.counted.writeIns];
  if (second === null) return [letters, first.teller, counted];
  if (typeof second === 'string') return [letters, first.teller, SAME_MARKS, second, counted];
  const again = markLetters(second.marks, candidates);
  return again === undefined ? undefined : [letters, first.teller, again, second.teller, counted];
}

/**
 * A slot that is not compact, in the layout snapshots have always had: its entries as an array, an agreeing second
 * entry's marks as SAME_MARKS.
 */
function writtenSlot(slot: BallotSlot, candidates: readonly string[]): Plain | CompactSlot {
  const compact = compactSlot(slot, candidates);
  if (compact) return compact;
  const { first, second, ...rest } = slot;
  const again = secondEntry(slot);
  const entries =
    first === null
      ? []
      : again === undefined
        ? [first]
        : [first, typeof second === 'string' ? { ...again, marks: SAME_MARKS } : again];
  return { entries, ...rest };
}

/** The state as plain JSON-able data. Deterministic: the same state gives the same JSON.stringify text. */
export function encodeState(state: MeetingState): unknown {
  const plain = encodeRecord(state as unknown as Plain, MEETING_LEVEL as AnyLevel);
  for (const [, contest] of plain.contests as [string, { rounds: Plain[] }][])
    for (const round of contest.rounds) {
      const candidates = round.candidates as string[];
      for (const pair of round.ballots as [number, BallotSlot | Plain | CompactSlot][])
        pair[1] = writtenSlot(pair[1] as BallotSlot, candidates);
    }
  return plain;
}

/**
 * The marks a compact slot's letters stand for, one object per distinct paper of the round: nothing writes into
 * marks (keptEntry), so papers marked alike may share theirs, as an agreeing second entry already shares the first's.
 */
function marksOf(letters: unknown, candidates: readonly string[], seen: Map<string, Record<string, Mark>>) {
  if (typeof letters !== 'string' || letters.length % 2 !== 0) return undefined;
  let marks = seen.get(letters);
  if (marks) return marks;
  marks = {};
  for (let i = 0; i < letters.length; i += 2) {
    const id = candidates[PLACES.indexOf(letters[i]!)];
    const mark = LETTER_MARK[letters[i + 1]!];
    if (id === undefined || mark === undefined || Object.hasOwn(marks, id)) return undefined;
    marks[id] = mark;
  }
  seen.set(letters, marks);
  return marks;
}

/**
 * A compact slot read back as the slot the fold holds, its entries and Counted shared as the fold shares them
 * (keptEntry, countedAs); undefined when malformed.
 */
function slotOf(
  s: MeetingState,
  compact: unknown[],
  candidates: readonly string[],
  seen: Map<string, Record<string, Mark>>,
): BallotSlot | undefined {
  const two = compact.length === 5;
  if (!two && compact.length !== 3) return undefined;
  const counted = compact[two ? 4 : 2];
  const marks = marksOf(compact[0], candidates, seen);
  if (marks === undefined || typeof compact[1] !== 'string') return undefined;
  const first = keptEntry(s, { marks, writeIns: [] }, compact[1]);
  let second: Entry | string | null = null;
  if (two) {
    const again = compact[2] === SAME_MARKS ? marks : marksOf(compact[2], candidates, seen);
    if (again === undefined || typeof compact[3] !== 'string') return undefined;
    second = keptSecond(s, first, { marks: again, writeIns: [] }, compact[3]);
  }
  if (counted === 0) return { first, second, correction: null, counted: null };
  if (!Array.isArray(counted) || typeof counted[1] !== 'string') return undefined;
  return { first, second, correction: null, counted: countedAs(counted[0] === 1, counted[1] as Counted['writeIns']) };
}

/**
 * Gives every ballot slot what the fold shares instead of what JSON.parse made one of per slot: the agreeing second
 * entry's content, the empty write-ins, the teller's id and the few Counted values (keptEntry, countedAs). A
 * district's snapshots hold half a million slots: decoded apart, they took about half again the fold's memory, and
 * the garbage collector's copying of it was most of a start-up from snapshots.
 */
function shareAsTheFold(s: MeetingState): boolean {
  for (const c of s.contests.values())
    for (const r of c.rounds) {
      const seen = new Map<string, Record<string, Mark>>();
      const candidates: unknown = r.candidates;
      // Counted again from the slots rather than read from the body, so a body that lacks it or disagrees cannot
      // hide a dispute from A-04 and the scrutineer's list.
      let disputed = 0;
      for (const [ballotNo, written] of r.ballots as Map<number, BallotSlot | unknown[] | null>) {
        if (Array.isArray(written)) {
          const slot = Array.isArray(candidates) ? slotOf(s, written, candidates as string[], seen) : undefined;
          if (!slot) return false;
          r.ballots.set(ballotNo, slot);
          if (isDisputed(slot)) disputed++;
          continue;
        }
        const slot = written;
        if (!isRecord(slot) || !Array.isArray(slot.entries) || slot.entries.length > 2) return false;
        let first: Entry | null = null;
        let second: Entry | string | null = null;
        for (const e of slot.entries as unknown[]) {
          if (!isRecord(e)) return false;
          if (first !== null && (e.marks as unknown) === SAME_MARKS) e.marks = first.marks;
          if (!isRecord(e.marks) || !Array.isArray(e.writeIns) || typeof e.teller !== 'string') return false;
          const entry = e as unknown as Entry;
          if (first === null) first = keptEntry(s, entry, entry.teller);
          else second = keptSecond(s, first, entry, entry.teller);
        }
        const counted = slot.counted as unknown;
        const read: BallotSlot = {
          first,
          second,
          correction: slot.correction as BallotSlot['correction'],
          counted: isRecord(counted)
            ? countedAs(counted.valid === true, counted.writeIns as Counted['writeIns'])
            : null,
        };
        if (typeof slot.station === 'string') read.station = slot.station;
        r.ballots.set(ballotNo, read);
        if (isDisputed(read)) disputed++;
      }
      r.disputed = disputed;
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

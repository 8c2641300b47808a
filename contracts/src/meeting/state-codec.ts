/**
 * The state as plain JSON, for snapshots: every Map that state-maps.ts names
 * is written as its [key, value] pairs at its own place, and put back in a
 * tight loop after a plain JSON.parse. (A reviver, called for every value of a
 * 10,000-member state, was most of a start-up.) The layout is the one
 * snapshots have always had, so existing snapshot bodies stay readable.
 */
import { holdsMaps, MEETING_LEVEL, type AnyLevel } from './state-maps.js';
import type { MeetingState } from './state.js';

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

/** The state as plain JSON-able data. Deterministic: the same state gives the same JSON.stringify text. */
export function encodeState(state: MeetingState): unknown {
  return encodeRecord(state as unknown as Plain, MEETING_LEVEL as AnyLevel);
}

/**
 * The state encodeState wrote, read back from its JSON.parse; undefined when
 * it does not have the layout. Takes `plain` over: its Maps are rebuilt in place.
 */
export function decodeState(plain: unknown): MeetingState | undefined {
  return decodeRecord(plain, MEETING_LEVEL as AnyLevel) ? (plain as MeetingState) : undefined;
}

import { MEETING_LEVEL, type AnyLevel } from './state-maps.js';
import type { MeetingState } from './state.js';

type Plain = Record<string, unknown>;

function cloneRecord(value: Plain, level: AnyLevel): Plain {
  const copy: Plain = { ...value };
  for (const key in level.maps) {
    const values = level.maps[key]!;
    const map = value[key] as Map<unknown, Plain>;
    if (values === 'shared') {
      copy[key] = new Map(map);
      continue;
    }
    const copied = new Map<unknown, Plain>();
    for (const [k, v] of map) copied.set(k, cloneRecord(v, values));
    copy[key] = copied;
  }
  for (const key in level.arrays) {
    const items = level.arrays[key]!;
    const array = value[key] as Plain[];
    copy[key] = items === 'copied' ? [...array] : array.map((item) => cloneRecord(item, items));
  }
  return copy;
}

/**
 * A copy that folding into never changes the original (a command decided
 * ahead of its predecessors' commits folds into one). Everything evolve()
 * changes in place is copied, as state-maps.ts describes it; member records,
 * ballot slots and event data, which it only ever replaces, are shared.
 */
export function cloneState(s: MeetingState): MeetingState {
  return cloneRecord(s as unknown as Plain, MEETING_LEVEL as AnyLevel) as unknown as MeetingState;
}

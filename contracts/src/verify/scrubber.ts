/**
 * The state of a log after any of its events, for a replay screen that moves
 * back and forth: folds on demand and keeps a few snapshots (cloneState), so
 * going backwards on a long log does not fold it from the start. Whether the
 * log is right is replayLog's verdict, not this fold's.
 */
import type { MeetingEvent } from '../meeting/events.js';
import { cloneState } from '../meeting/clone-state.js';
import { evolve } from '../meeting/evolve.js';
import { initialState, type MeetingState } from '../meeting/state.js';

const MIN_SPACING = 200;

export class Scrubber {
  private readonly snapshots = new Map<number, MeetingState>();
  private readonly spacing: number;
  private current: { index: number; state: MeetingState } | null = null;

  readonly events: readonly MeetingEvent[];

  constructor(events: readonly MeetingEvent[]) {
    this.events = events;
    // At most ~20 snapshots, whatever the log's length.
    this.spacing = Math.max(MIN_SPACING, Math.ceil(events.length / 20));
  }

  /** The state after events[0..index]. The returned state is shared: read it, never mutate it. */
  stateAt(index: number): MeetingState {
    if (this.current && this.current.index <= index) {
      for (let i = this.current.index + 1; i <= index; i++) this.step(this.current.state, i);
      this.current.index = index;
      return this.current.state;
    }
    let start = index - (index % this.spacing);
    while (start > 0 && !this.snapshots.has(start)) start -= this.spacing;
    const base = this.snapshots.get(start);
    const state = base ? cloneState(base) : initialState();
    for (let i = base ? start + 1 : 0; i <= index; i++) this.step(state, i);
    this.current = { index, state };
    return state;
  }

  private step(state: MeetingState, i: number) {
    // A malformed event (the verdict names it) leaves the state as it was, so the screen can still scrub past it.
    try {
      evolve(state, this.events[i]!);
    } catch {
      /* reported by replayLog */
    }
    if (i % this.spacing === 0 && !this.snapshots.has(i)) this.snapshots.set(i, cloneState(state));
  }
}

import { streamName } from '@tallyroom/contracts';
import type { EventStore } from '../event-store/event-store.js';
import type { MeetingHandle } from './meeting-handle.js';
import { encodeSnapshot } from './snapshots.js';

export interface SnapshotLimits {
  /** A meeting loaded by folding at least this many events gets a snapshot, so the next start-up skips them. */
  afterLoad: number;
  /**
   * While serving, a meeting is due a new snapshot after this many more events,
   * taken once no meeting of this process has folded a command for quietMs:
   * encoding a large meeting holds every command of every meeting for many
   * milliseconds, which a pause hides and a busy count would feel. One that
   * never pauses gets it anyway at `overdue`.
   */
  whileServing: number;
  overdue: number;
  quietMs: number;
}

export const SNAPSHOT_LIMITS: SnapshotLimits = {
  afterLoad: 1000,
  whileServing: 10_000,
  overdue: 50_000,
  quietMs: 1000,
};

/** A meeting being served: its commit pipeline (busy while appends are pending). */
export interface Served {
  readonly meeting: MeetingHandle;
  readonly busy: boolean;
}

/** Decides when a meeting's folded state is written beside its log (see snapshots.ts for what a snapshot is). */
export class SnapshotScheduler {
  /** Meetings due a snapshot, waiting for a quiet moment. */
  private readonly due = new Set<Served>();
  /** When any meeting last folded a command's events (performance.now()). */
  private lastApplied = 0;
  private readonly sweep: NodeJS.Timeout;

  constructor(
    private readonly store: EventStore,
    private readonly limits: SnapshotLimits = SNAPSHOT_LIMITS,
  ) {
    this.sweep = setInterval(() => this.takeDueSnapshots(performance.now()), limits.quietMs).unref();
  }

  onModuleDestroy() {
    clearInterval(this.sweep);
  }

  /** Called once a meeting is loaded from the log: one that took long to fold is snapshotted now. */
  loaded(h: MeetingHandle): void {
    if (h.sinceSnapshot >= this.limits.afterLoad) this.snapshot(h);
  }

  /** Called after a command's events are folded: snapshots a busy meeting now and then. */
  noteApplied(p: Served): void {
    this.lastApplied = performance.now();
    const h = p.meeting;
    if (h.sinceSnapshot < this.limits.whileServing) return;
    if (h.sinceSnapshot >= this.limits.overdue) {
      this.due.delete(p);
      this.snapshot(h);
    } else this.due.add(p);
  }

  /** Snapshots the meetings due one if no command was folded for quietMs by `now` (run by the sweep). */
  takeDueSnapshots(now: number): void {
    if (now - this.lastApplied < this.limits.quietMs) return;
    for (const p of this.due) {
      if (p.busy) continue;
      this.due.delete(p);
      if (p.meeting.sinceSnapshot >= this.limits.whileServing) this.snapshot(p.meeting);
    }
  }

  /** Writes a snapshot of a meeting that verified; a failure only costs a longer next start-up. */
  snapshot(h: MeetingHandle): void {
    const store = this.store.snapshots;
    if (!store || h.broken || h.deleted || h.state.revision < 0) return;
    try {
      store.writeSnapshot(streamName(h.meetingId), {
        revision: h.state.revision,
        hash: h.state.head,
        body: encodeSnapshot(h.state, h.outcomes),
      });
      h.snapshotTaken();
    } catch {
      // e.g. the disk is full: the log itself is what matters, and it is unaffected.
    }
  }
}

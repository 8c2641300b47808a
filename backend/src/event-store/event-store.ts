/**
 * The event store port (design.md, "Event store port"). Every adapter keeps
 * the same semantics so the shared contract suite (event-store.contract.ts)
 * can run against each of them.
 */

import type { ChainedEvent } from '@tallyroom/contracts';

export type { ChainedEvent, EventActor, EventMetadata } from '@tallyroom/contracts';

export interface StoredEvent extends ChainedEvent {
  /** Global position across all streams: > 0, strictly increasing in commit order. */
  position: number;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  nextRevision: number;
  /** Global position of the last appended event. */
  position: number;
}

export interface Subscription {
  close(): void;
}

export interface SubscribeOptions {
  /**
   * Called when the handler throws. The subscription stops at that event
   * rather than skip it, because a reader that silently missed an event
   * would be wrong ever after. Default: logs to stderr.
   */
  onError?: (error: unknown, event: StoredEvent) => void;
  /**
   * Called for a stored event that cannot be read (CorruptEventError); the subscription then goes on past it. For a
   * reader that must not stall behind one damaged meeting (the district board: the meeting itself refuses commands
   * and shows A-02). Without it, the subscription stays at the damaged event, retrying, as for any failed read. The
   * SQLite store honours it; KurrentDB keeps the JSON its server accepted.
   */
  onCorrupt?: (error: CorruptEventError) => void;
}

export interface Snapshot {
  revision: number;
  hash: string;
  body: string;
}
/** Snapshots kept beside the log; a cache, never a source of truth. */
export interface SnapshotStore {
  readSnapshot(stream: string): Snapshot | undefined;
  writeSnapshot(stream: string, snapshot: Snapshot): void;
  /** Forgets a stream's snapshot (deleteStream calls it). */
  deleteSnapshot(stream: string): void;
}

/** expectedRevision meaning "the stream must not exist yet". */
export const NO_STREAM = -1;

export interface EventStore {
  /**
   * Appends all events or none. `expectedRevision` is the revision of the
   * stream's last event as the caller saw it (NO_STREAM = -1 for a new stream);
   * the events must carry the revisions that follow it. Resolves only once
   * the events are durable. Throws ConcurrencyError on a stale expectation.
   */
  append(stream: string, events: readonly ChainedEvent[], expectedRevision: number): Promise<AppendResult>;
  /** Events of one stream from `fromRevision` (default 0), ascending; [] for a missing stream. */
  readStream(stream: string, fromRevision?: number): Promise<StoredEvent[]>;
  /** Events with position > afterPosition (default 0), ascending, at most `limit`. */
  readAll(afterPosition?: number, limit?: number): Promise<StoredEvent[]>;
  /**
   * The streams that have events, sorted; with `prefix`, only those whose names start with it (a category such as
   * `election-`). On KurrentDB this is a filtered read of $all, O(events) on the server, so the prefix is what keeps
   * a county's worklist from carrying every meeting event to the client.
   */
  listStreams(prefix?: string): Promise<string[]>;
  /**
   * Removes a whole stream and its snapshot: afterwards readStream gives [] and appends start it anew (SQLite) or
   * are refused (KurrentDB). Only a practice meeting is ever deleted (DELETE /api/meetings/:id checks); a real
   * meeting's log is never removed. Positions of other streams are untouched; deleting a missing stream is a no-op.
   * SQLite removes the rows at once (not listed, not in readAll); KurrentDB tombstones the stream, whose events
   * leave $all (readAll, listStreams) at the server's next scavenge.
   */
  deleteStream(stream: string): Promise<void>;
  /** Global position of the last committed event (0 for an empty store): where a follower of new events starts. */
  headPosition(): Promise<number>;
  /**
   * Delivers every event with position > afterPosition exactly once, in
   * position order: first those already stored, then new ones as they are
   * committed, by this process or any other sharing the store.
   */
  subscribe(afterPosition: number, handler: (event: StoredEvent) => void, options?: SubscribeOptions): Subscription;
  /** Present when the store can keep snapshots beside the log (the SQLite store). */
  readonly snapshots?: SnapshotStore;
  /** Flushes pending appends, stops subscriptions, releases the store. Idempotent. */
  close(): Promise<void>;
}

export class ConcurrencyError extends Error {
  readonly stream: string;
  readonly expected: number;
  /** The stream's actual last revision, -1 if it does not exist. */
  readonly actual: number;

  constructor(stream: string, expected: number, actual: number) {
    super(`stream ${stream}: expected revision ${expected}, but it is at ${actual}`);
    this.name = 'ConcurrencyError';
    this.stream = stream;
    this.expected = expected;
    this.actual = actual;
  }
}

/** A write the disk or the file refused; nothing of it was stored, and the same append may simply be tried again. */
export class StoreWriteError extends Error {
  constructor(
    message: string,
    readonly code: string,
    options: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'StoreWriteError';
  }
}

export class CorruptEventError extends Error {
  /** The events of the same read that came before the damaged one and did parse (readStream and readAll fill it in). */
  readable: StoredEvent[] = [];
  /** The damaged event's global position, where the store knows it (SQLite). */
  position: number | undefined;
  constructor(
    readonly stream: string,
    readonly revision: number,
    readonly type: string,
    reason: string,
  ) {
    super(`stored event ${stream}@${revision} (${type}) cannot be read: ${reason}`);
    this.name = 'CorruptEventError';
  }
}

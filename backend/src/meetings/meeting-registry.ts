import { Inject, Injectable } from '@nestjs/common';
import {
  cloneState, createChainVerifier, evolve, initialState, streamName,
  type ChainFailure, type MeetingEvent, type MeetingState,
} from '@tallyroom/contracts';
import type { EventStore, StoredEvent } from '../event-store/event-store.js';
import { CorruptEventError } from '../event-store/event-store.js';
import { EVENT_STORE } from '../event-store/tokens.js';
import { CommitBus } from './commit-bus.js';
import { CONFIG, type Config } from '../config.js';
import { decodeSnapshot, encodeSnapshot, hasSnapshots, type SnapshotStore } from './snapshots.js';
import { CommandOutcomes } from './command-outcomes.js';

/** A meeting loaded by folding at least this many events gets a snapshot, so the next start-up skips them. */
const SNAPSHOT_AFTER_LOAD = 1000;
/**
 * While serving, a meeting is due a new snapshot after this many more events,
 * taken once no meeting of this process has folded a command for QUIET_MS:
 * encoding a large meeting holds every command of every meeting for many
 * milliseconds, which a pause hides and a busy count would feel. One that
 * never pauses gets it anyway at SNAPSHOT_OVERDUE.
 */
const SNAPSHOT_WHILE_SERVING = 10_000;
const SNAPSHOT_OVERDUE = 50_000;
const QUIET_MS = 1000;
/** A meeting's speculative twin is dropped after this long without a pending append. */
const SPEC_IDLE_MS = 3000;

export interface CommandOutcome { revision: number; events: { type: string; revision: number }[]; duplicate?: boolean }

/** One command's events on their way to the store, decided against the state including every append before it. */
export interface PendingAppend {
  readonly events: MeetingEvent[];
  result: 'pending' | 'ok' | 'failed';
  error?: unknown;
  /** Resolves once the events are durable and folded into `state`; rejects with the store's error. */
  readonly done: Promise<void>;
  settle: (error?: unknown) => void;
}

/** One meeting held in memory: its folded state and what its log says about each commandId. */
export class MeetingHandle {
  state: MeetingState = initialState();
  /** commandId → what it produced, rebuilt from the log so retries stay idempotent across restarts. */
  readonly outcomes: CommandOutcomes = new CommandOutcomes();
  /** Set when the log fails verification: the meeting then refuses every command. */
  broken: ChainFailure | null = null;
  /** The revision of the snapshot this handle started from (its prefix is re-verified in the background), or null. */
  readonly fromSnapshot: number | null = null;
  /** Events folded since the last snapshot was written or read. */
  sinceSnapshot = 0;
  /**
   * Appends decided but not yet durable, oldest first (single process). While
   * one commit is in flight the next commands are decided against
   * `speculative`, so one group commit carries many of this meeting's
   * commands. `state` only ever holds durable events: every read, view and
   * live update is made from it.
   */
  readonly pending: PendingAppend[] = [];
  /**
   * durable + pending events: cloned from `state` once, when something is
   * first pending, then kept in step by folding each decided event into it
   * (the same event objects `state` folds later: evolve() never mutates an
   * event, so the two folds may share them). Under a steady stream of
   * commands it is never cloned again; the registry drops it once the meeting
   * has been idle for a while, so a quiet meeting is held once.
   */
  spec: MeetingState | null = null;
  /** When `pending` last became empty (performance.now()), for dropping `spec`. */
  idleSince = 0;
  /** A pending append failed: the next command waits until nothing is pending and re-reads the store first. */
  poisoned = false;
  /** commandId → the outcome of a command decided but not yet durable, so a retry waits for it instead of deciding twice. */
  readonly answering = new Map<string, Promise<CommandOutcome>>();
  /** Folded events not yet published on the commit bus; published together once per group commit. */
  unpublished: MeetingEvent[] = [];
  idleWaiters: (() => void)[] = [];
  private readonly verifier: ReturnType<typeof createChainVerifier>;
  private tail: Promise<unknown> = Promise.resolve();

  /** The state the next command is decided against: `state` plus the appends still pending. */
  get speculative(): MeetingState {
    if (this.pending.length === 0) return this.state;
    if (!this.spec) {
      this.spec = cloneState(this.state);
      for (const p of this.pending) for (const e of p.events) evolve(this.spec, e);
    }
    return this.spec;
  }

  constructor(readonly meetingId: string, restored?: { state: MeetingState; outcomes: CommandOutcomes }) {
    if (restored) {
      this.state = restored.state;
      this.outcomes = restored.outcomes;
      this.fromSnapshot = restored.state.revision;
    }
    this.verifier = createChainVerifier(restored ? { after: { revision: restored.state.revision, hash: restored.state.head } } : {});
  }

  /** Commands on one meeting run one at a time, in arrival order. */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /**
   * Verifies and folds events that follow the current head. Returns false once
   * the chain breaks. `own`: this process has just chained these events itself,
   * so their linkage is checked but their content is not hashed a second time.
   */
  apply(events: readonly MeetingEvent[], own = false): boolean {
    for (const e of events) {
      if (this.broken) return false;
      if (e.metadata.revision <= this.state.revision) continue;
      const failure = own ? this.verifier.pushOwn(e) : this.verifier.push(e);
      if (failure) { this.broken = failure; return false; }
      evolve(this.state, e);
      this.sinceSnapshot++;
      this.outcomes.record(e.metadata.commandId, e.type, e.metadata.revision);
    }
    return true;
  }
}

const strip = (e: StoredEvent): MeetingEvent => ({ type: e.type, data: e.data, metadata: e.metadata } as MeetingEvent);

@Injectable()
export class MeetingRegistry {
  private readonly meetings = new Map<string, Promise<MeetingHandle | undefined>>();

  /** True when other processes write to the same store (REDIS_URL set, or a KurrentDB store). */
  readonly shared: boolean;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly bus: CommitBus, @Inject(CONFIG) config: Config) {
    this.shared = Boolean(config.REDIS_URL) || !config.TALLYROOM_STORE.startsWith('sqlite:');
  }

  /** The meeting, loaded from the log on first use; undefined when no such stream exists. */
  get(meetingId: string): Promise<MeetingHandle | undefined> {
    let p = this.meetings.get(meetingId);
    if (!p) {
      p = this.load(meetingId);
      this.meetings.set(meetingId, p);
      p.then((h) => { if (!h) this.meetings.delete(meetingId); }, () => this.meetings.delete(meetingId));
    }
    return p;
  }

  isLoaded(meetingId: string): boolean { return this.meetings.has(meetingId); }

  /**
   * Tracks a command's events from the moment they are handed to the store.
   * `commit` must be the store's append promise, tracked in the order the
   * appends were issued; the events are folded into `state` strictly in that
   * order, and only once durable.
   */
  track(h: MeetingHandle, events: MeetingEvent[], commit: Promise<unknown>): PendingAppend {
    let resolve!: () => void, reject!: (e: unknown) => void;
    const done = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
    done.catch(() => undefined); // the command awaits it; a waiter that lost interest must not crash the process
    const p: PendingAppend = {
      events, result: 'pending', done,
      settle: (error?: unknown) => { if (error === undefined) resolve(); else reject(error); },
    };
    // A spec kept from an earlier burst is still `state`'s twin only if nothing folded into `state` without it.
    if (h.spec && h.pending.length === 0 && (h.spec.revision !== h.state.revision || h.spec.head !== h.state.head)) h.spec = null;
    h.pending.push(p);
    if (h.spec) for (const e of events) evolve(h.spec, e);
    commit.then(
      () => { p.result = 'ok'; this.drain(h); },
      (error: unknown) => { p.result = 'failed'; p.error = error; this.drain(h); },
    );
    return p;
  }

  /** Folds durable appends from the oldest on; a failed one discards the speculative state. */
  private drain(h: MeetingHandle): void {
    while (h.pending.length > 0 && h.pending[0]!.result !== 'pending') {
      const p = h.pending.shift()!;
      if (p.result === 'failed') {
        // Everything decided after it rested on it: those appends fail too
        // (they expect revisions that now do not exist), and the next command
        // starts again from the store.
        h.poisoned = true;
        h.spec = null;
        p.settle(p.error ?? new Error('append failed'));
        continue;
      }
      if (!h.apply(p.events, true)) { h.poisoned = true; h.spec = null; p.settle(new Error('the events do not follow the meeting\'s durable head')); continue; }
      this.noteApplied(h);
      this.queuePublish(h, p.events);
      p.settle();
    }
    if (h.pending.length === 0) {
      h.idleSince = performance.now();
      if (h.spec) this.specHolders.add(h);
      const waiters = h.idleWaiters;
      h.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  /** Meetings holding a speculative twin; swept so an idle meeting is held in memory once. */
  private readonly specHolders = new Set<MeetingHandle>();
  /** Meetings due a snapshot, waiting for a quiet moment. */
  private readonly snapshotsDue = new Set<MeetingHandle>();
  /** When any meeting last folded a command's events (performance.now()). */
  private lastApplied = 0;
  private readonly sweep = setInterval(() => { const now = performance.now(); this.dropIdleSpecs(now); this.takeDueSnapshots(now); }, QUIET_MS).unref();

  /** Snapshots the meetings due one if no command was folded for QUIET_MS by `now` (run by the sweep). */
  takeDueSnapshots(now: number): void {
    if (now - this.lastApplied < QUIET_MS) return;
    for (const h of this.snapshotsDue) {
      if (h.pending.length > 0) continue;
      this.snapshotsDue.delete(h);
      if (h.sinceSnapshot >= SNAPSHOT_WHILE_SERVING) this.snapshot(h);
    }
  }

  private dropIdleSpecs(now: number): void {
    for (const h of this.specHolders) {
      if (h.pending.length > 0) continue;
      if (h.spec && now - h.idleSince < SPEC_IDLE_MS) continue;
      h.spec = null;
      this.specHolders.delete(h);
    }
  }

  onModuleDestroy() { clearInterval(this.sweep); }

  /** Resolves once nothing of this meeting is waiting for the store. */
  idle(h: MeetingHandle): Promise<void> {
    if (h.pending.length === 0) return Promise.resolve();
    return new Promise((r) => h.idleWaiters.push(r));
  }

  private readonly unpublishedMeetings = new Set<MeetingHandle>();

  /**
   * Queues folded events for the commit bus. All commits folded from one
   * group commit reach listeners as one batch per meeting (one view per
   * audience, one update covering fromRevision..revision). A microtask, not
   * the next turn: a group commit's appends all settle in the same microtask
   * checkpoint, so they still coalesce, and a busy event loop does not hold
   * the updates back behind a whole poll phase of new requests.
   */
  queuePublish(h: MeetingHandle, events: MeetingEvent[]): void {
    if (events.length === 0) return;
    for (const e of events) h.unpublished.push(e);
    if (this.unpublishedMeetings.size === 0) queueMicrotask(() => this.publishAll());
    this.unpublishedMeetings.add(h);
  }

  private publishAll(): void {
    const hs = [...this.unpublishedMeetings];
    this.unpublishedMeetings.clear();
    for (const h of hs) this.publishNow(h);
  }

  /** Publishes what is queued for one meeting now (before a join reads its state, or before newer events). */
  publishNow(h: MeetingHandle): void {
    const events = h.unpublished;
    if (events.length === 0) return;
    h.unpublished = [];
    this.bus.publish({ meetingId: h.meetingId, fromRevision: events[0]!.metadata.revision, revision: h.state.revision, events, state: h.state });
  }

  /** A handle for a meeting about to be created; it joins the registry once its first events are durable. */
  fresh(meetingId: string): MeetingHandle { return new MeetingHandle(meetingId); }
  adopt(h: MeetingHandle) { this.meetings.set(h.meetingId, Promise.resolve(h)); }

  private async load(meetingId: string): Promise<MeetingHandle | undefined> {
    const fromSnapshot = await this.loadFromSnapshot(meetingId).catch(() => undefined);
    if (fromSnapshot) return fromSnapshot;
    let events: StoredEvent[];
    try {
      events = await this.store.readStream(streamName(meetingId));
    } catch (err) {
      if (!(err instanceof CorruptEventError)) throw err;
      // Fold what can be read, then quarantine the meeting at the damaged event.
      const h = new MeetingHandle(meetingId);
      const readable = err.readable.length > 0 ? err.readable.map(strip) : await this.readUpTo(meetingId, err.revision);
      h.apply(readable);
      h.broken ??= { ok: false, revision: err.revision, index: err.revision, type: err.type, problem: err.message };
      return h;
    }
    if (events.length === 0) return undefined;
    const h = new MeetingHandle(meetingId);
    h.apply(events.map(strip));
    if (h.sinceSnapshot >= SNAPSHOT_AFTER_LOAD) this.snapshot(h);
    return h;
  }

  private get snapshots(): SnapshotStore | undefined {
    return hasSnapshots(this.store) ? this.store : undefined;
  }

  /**
   * The meeting from its snapshot plus the events after it, or undefined when
   * there is no usable snapshot (none, another fold version, or the log no
   * longer holds the event it was taken at).
   */
  private async loadFromSnapshot(meetingId: string): Promise<MeetingHandle | undefined> {
    const snap = this.snapshots?.readSnapshot(streamName(meetingId));
    if (!snap) return undefined;
    const restored = decodeSnapshot(snap.body);
    if (!restored || restored.state.revision !== snap.revision || restored.state.head !== snap.hash) return undefined;
    const tail = await this.store.readStream(streamName(meetingId), snap.revision);
    const at = tail[0];
    if (!at || at.metadata.revision !== snap.revision || at.metadata.hash !== snap.hash) return undefined;
    const h = new MeetingHandle(meetingId, restored);
    h.apply(tail.slice(1).map(strip));
    if (h.sinceSnapshot >= SNAPSHOT_AFTER_LOAD) this.snapshot(h);
    return h;
  }

  /** Writes a snapshot of a meeting that verified; a failure only costs a longer next start-up. */
  snapshot(h: MeetingHandle): void {
    const store = this.snapshots;
    if (!store || h.broken || h.state.revision < 0) return;
    try {
      store.writeSnapshot(streamName(h.meetingId), { revision: h.state.revision, hash: h.state.head, body: encodeSnapshot(h.state, h.outcomes) });
      h.sinceSnapshot = 0;
    } catch {
      // e.g. the disk is full: the log itself is what matters, and it is unaffected.
    }
  }

  /** Called after a command's events are folded: snapshots a busy meeting now and then. */
  noteApplied(h: MeetingHandle): void {
    this.lastApplied = performance.now();
    if (h.sinceSnapshot < SNAPSHOT_WHILE_SERVING) return;
    if (h.sinceSnapshot >= SNAPSHOT_OVERDUE) { this.snapshotsDue.delete(h); this.snapshot(h); } else this.snapshotsDue.add(h);
  }

  /**
   * Re-folds a meeting that started from a snapshot from revision 0, verifying
   * its whole chain, and compares the result with the snapshot it started
   * from: a snapshot is trusted for start-up speed only until this confirms it.
   */
  private async confirmSnapshot(h: MeetingHandle): Promise<void> {
    const at = h.fromSnapshot;
    if (at === null || h.broken) return;
    const snap = this.snapshots?.readSnapshot(streamName(h.meetingId));
    const events = (await this.store.readStream(streamName(h.meetingId))).filter((e) => e.metadata.revision <= (snap?.revision ?? at)).map(strip);
    const fresh = new MeetingHandle(h.meetingId);
    fresh.apply(events);
    if (fresh.broken) { h.broken = fresh.broken; return; }
    if (!snap || fresh.state.revision !== snap.revision || encodeSnapshot(fresh.state, fresh.outcomes) !== snap.body) {
      h.broken = { ok: false, revision: snap?.revision ?? at, index: snap?.revision ?? at, type: 'snapshot', problem: 'the stored snapshot does not match a fold of the log from revision 0' };
    }
  }

  private async readUpTo(meetingId: string, badRevision: number): Promise<MeetingEvent[]> {
    const out: MeetingEvent[] = [];
    for (let r = 0; r < badRevision; r++) {
      const [e] = await this.store.readStream(streamName(meetingId), r).catch(() => [] as StoredEvent[]);
      if (!e || e.metadata.revision !== r) break;
      out.push(strip(e));
    }
    return out;
  }

  /**
   * Loads and verifies every meeting after start-up, in the background, so a
   * damaged log is reported at once rather than at its first request.
   */
  async verifyAll(onBroken: (h: MeetingHandle) => void, onLoaded?: (loaded: { meetings: number; fromSnapshot: number }) => void): Promise<number> {
    let n = 0;
    const restored: MeetingHandle[] = [];
    for (const stream of await this.store.listStreams()) {
      if (!stream.startsWith('meeting-')) continue;
      // One meeting per turn: requests (and /api/ready) are answered while the rest load.
      await new Promise((r) => setImmediate(r));
      const h = await this.get(stream.slice('meeting-'.length));
      n++;
      if (h?.broken) onBroken(h);
      else if (h && h.fromSnapshot !== null) restored.push(h);
    }
    onLoaded?.({ meetings: n, fromSnapshot: restored.length });
    // Every meeting serves now; the prefixes its snapshot stood for are verified meanwhile, one meeting per turn.
    for (const h of restored) {
      await new Promise((r) => setImmediate(r));
      await h.serial(() => this.confirmSnapshot(h));
      if (h.broken) onBroken(h);
    }
    return n;
  }

  /** Pulls events another process appended after our head (shared store), then tells local listeners. */
  async catchUp(h: MeetingHandle): Promise<void> {
    const from = h.state.revision + 1;
    const events = (await this.store.readStream(streamName(h.meetingId), from)).map(strip);
    if (events.length === 0) return;
    const before = h.state.revision;
    h.apply(events);
    this.queuePublish(h, events.filter((e) => e.metadata.revision > before && e.metadata.revision <= h.state.revision));
    this.publishNow(h);
  }

  /** Read-your-writes across processes: brings a meeting up to the store's head before a read (no-op alone). */
  async sync(h: MeetingHandle): Promise<void> {
    if (this.shared) await h.serial(() => this.catchUp(h));
  }

  async loadedHandles(): Promise<MeetingHandle[]> {
    const all = await Promise.all(this.meetings.values());
    return all.filter((h): h is MeetingHandle => h !== undefined);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import {
  createChainVerifier, evolve, initialState, streamName,
  type ChainFailure, type MeetingEvent, type MeetingState,
} from '@tallyroom/contracts';
import type { EventStore, StoredEvent } from '../event-store/event-store.js';
import { CorruptEventError } from '../event-store/sqlite-event-store.js';
import { EVENT_STORE } from '../event-store/tokens.js';
import { CommitBus } from './commit-bus.js';
import { CONFIG, type Config } from '../config.js';

export interface CommandOutcome { revision: number; events: { type: string; revision: number }[]; duplicate?: boolean }

/** One meeting held in memory: its folded state and what its log says about each commandId. */
export class MeetingHandle {
  state: MeetingState = initialState();
  /** commandId → what it produced, rebuilt from the log so retries stay idempotent across restarts. */
  readonly outcomes = new Map<string, CommandOutcome>();
  /** Set when the log fails verification: the meeting then refuses every command. */
  broken: ChainFailure | null = null;
  private readonly verifier = createChainVerifier();
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly meetingId: string) {}

  /** Commands on one meeting run one at a time, in arrival order. */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Verifies and folds events that follow the current head. Returns false once the chain breaks. */
  apply(events: readonly MeetingEvent[]): boolean {
    for (const e of events) {
      if (this.broken) return false;
      if (e.metadata.revision <= this.state.revision) continue;
      const failure = this.verifier.push(e);
      if (failure) { this.broken = failure; return false; }
      evolve(this.state, e);
      const { commandId, revision } = e.metadata;
      const o = this.outcomes.get(commandId) ?? { revision, events: [] };
      o.revision = revision;
      o.events.push({ type: e.type, revision });
      this.outcomes.set(commandId, o);
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

  /** A handle for a meeting about to be created; it joins the registry once its first events are durable. */
  fresh(meetingId: string): MeetingHandle { return new MeetingHandle(meetingId); }
  adopt(h: MeetingHandle) { this.meetings.set(h.meetingId, Promise.resolve(h)); }

  private async load(meetingId: string): Promise<MeetingHandle | undefined> {
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
    return h;
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
  async verifyAll(onBroken: (h: MeetingHandle) => void): Promise<number> {
    let n = 0;
    for (const stream of await this.store.listStreams()) {
      if (!stream.startsWith('meeting-')) continue;
      const h = await this.get(stream.slice('meeting-'.length));
      n++;
      if (h?.broken) onBroken(h);
    }
    return n;
  }

  /** Pulls events another process appended after our head (shared store), then tells local listeners. */
  async catchUp(h: MeetingHandle): Promise<void> {
    const from = h.state.revision + 1;
    const events = (await this.store.readStream(streamName(h.meetingId), from)).map(strip);
    if (events.length === 0) return;
    h.apply(events);
    this.bus.publish({ meetingId: h.meetingId, fromRevision: from, revision: h.state.revision, events, state: h.state });
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

import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { streamName, type MeetingEvent } from '@tallyroom/contracts';
import { CONFIG, type Config } from '../config.js';
import { CorruptEventError, type EventStore, type StoredEvent } from '../event-store/event-store.js';
import { EVENT_STORE } from '../event-store/tokens.js';
import { CommitPipeline, type PipelineDeps } from './commit-pipeline.js';
import { LivePublisher } from './live-publisher.js';
import { MeetingHandle } from './meeting-handle.js';
import { SnapshotScheduler } from './snapshot-scheduler.js';
import { decodeSnapshot, encodeSnapshot } from './snapshots.js';

/** How often idle meetings are looked at for a speculative twin to drop. */
const TWIN_SWEEP_MS = 1000;

const strip = (e: StoredEvent): MeetingEvent => ({ type: e.type, data: e.data, metadata: e.metadata }) as MeetingEvent;

/**
 * The meetings this process serves, each loaded from its log (or from a
 * snapshot plus the events after it) on first use, and kept up to date with
 * what other processes append to a shared store.
 */
@Injectable()
export class MeetingCache implements OnModuleDestroy {
  private readonly meetings = new Map<string, Promise<MeetingHandle | undefined>>();
  private readonly pipelines = new WeakMap<MeetingHandle, CommitPipeline>();
  /** Pipelines keeping a speculative twin while idle; swept so an idle meeting is held in memory once. */
  private readonly twinKeepers = new Set<CommitPipeline>();
  private readonly sweep = setInterval(() => this.dropIdleTwins(performance.now()), TWIN_SWEEP_MS).unref();
  private readonly deps: PipelineDeps;

  /** True when other processes write to the same store (REDIS_URL set, or a KurrentDB store). */
  readonly shared: boolean;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly snapshots: SnapshotScheduler,
    private readonly publisher: LivePublisher,
    @Inject(CONFIG) config: Config,
  ) {
    this.shared = Boolean(config.REDIS_URL) || !config.TALLYROOM_STORE.startsWith('sqlite:');
    this.deps = {
      store,
      shared: this.shared,
      catchUp: (h) => this.catchUp(h),
      folded: (p, events) => {
        this.snapshots.noteApplied(p);
        this.publisher.queue(p.meeting, events);
      },
      keepsTwin: (p) => this.twinKeepers.add(p),
    };
  }

  onModuleDestroy() {
    clearInterval(this.sweep);
  }

  /** The meeting, loaded from the log on first use; undefined when no such stream exists. */
  get(meetingId: string): Promise<MeetingHandle | undefined> {
    let p = this.meetings.get(meetingId);
    if (!p) {
      p = this.load(meetingId);
      this.meetings.set(meetingId, p);
      p.then(
        (h) => {
          if (!h) this.meetings.delete(meetingId);
        },
        () => this.meetings.delete(meetingId),
      );
    }
    return p;
  }

  isLoaded(meetingId: string): boolean {
    return this.meetings.has(meetingId);
  }

  /** The one way commands reach a meeting's log. */
  pipeline(h: MeetingHandle): CommitPipeline {
    let p = this.pipelines.get(h);
    if (!p) this.pipelines.set(h, (p = new CommitPipeline(h, this.deps)));
    return p;
  }

  /** A handle for a meeting about to be created; it joins the cache (adopt) once its first events are durable. */
  fresh(meetingId: string): MeetingHandle {
    return new MeetingHandle(meetingId);
  }
  adopt(h: MeetingHandle) {
    this.meetings.set(h.meetingId, Promise.resolve(h));
  }

  /**
   * Deletes a practice meeting: once the commands before it are durable, its stream and snapshot leave the store
   * and the meeting leaves this process; a command still queued behind it is refused as for an unknown meeting.
   * Other processes sharing the store drop it when they next read its (now empty) log; until then they may serve
   * a stale copy, which takes no command (its appends find the stream gone).
   */
  async remove(h: MeetingHandle): Promise<void> {
    const pipeline = this.pipeline(h);
    await h.serial(async () => {
      await pipeline.whenIdle();
      h.markDeleted();
      this.twinKeepers.delete(pipeline);
      await this.store.deleteStream(streamName(h.meetingId));
      this.meetings.delete(h.meetingId);
    });
  }

  private dropIdleTwins(now: number): void {
    for (const p of this.twinKeepers) if (p.dropTwinIfIdle(now)) this.twinKeepers.delete(p);
  }

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
      h.quarantine({ ok: false, revision: err.revision, index: err.revision, type: err.type, problem: err.message });
      return h;
    }
    if (events.length === 0) return undefined;
    const h = new MeetingHandle(meetingId);
    h.apply(events.map(strip));
    this.snapshots.loaded(h);
    return h;
  }

  /**
   * The meeting from its snapshot plus the events after it, or undefined when
   * there is no usable snapshot (none, another fold version, or the log no
   * longer holds the event it was taken at).
   */
  private async loadFromSnapshot(meetingId: string): Promise<MeetingHandle | undefined> {
    const snap = this.store.snapshots?.readSnapshot(streamName(meetingId));
    if (!snap) return undefined;
    const restored = decodeSnapshot(snap.body);
    if (!restored || restored.state.revision !== snap.revision || restored.state.head !== snap.hash) return undefined;
    const tail = await this.store.readStream(streamName(meetingId), snap.revision);
    const at = tail[0];
    if (!at || at.metadata.revision !== snap.revision || at.metadata.hash !== snap.hash) return undefined;
    const h = new MeetingHandle(meetingId, restored);
    h.apply(tail.slice(1).map(strip));
    this.snapshots.loaded(h);
    return h;
  }

  /**
   * Re-folds a meeting that started from a snapshot from revision 0, verifying
   * its whole chain, and compares the result with the snapshot it started
   * from: a snapshot is trusted for start-up speed only until this confirms it.
   */
  private async confirmSnapshot(h: MeetingHandle): Promise<void> {
    const at = h.fromSnapshot;
    if (at === null || h.broken) return;
    const snap = this.store.snapshots?.readSnapshot(streamName(h.meetingId));
    const events = (await this.store.readStream(streamName(h.meetingId)))
      .filter((e) => e.metadata.revision <= (snap?.revision ?? at))
      .map(strip);
    const fresh = new MeetingHandle(h.meetingId);
    fresh.apply(events);
    if (fresh.broken) {
      h.quarantine(fresh.broken);
      return;
    }
    if (!snap || fresh.state.revision !== snap.revision || encodeSnapshot(fresh.state, fresh.outcomes) !== snap.body) {
      h.quarantine({
        ok: false,
        revision: snap?.revision ?? at,
        index: snap?.revision ?? at,
        type: 'snapshot',
        problem: 'the stored snapshot does not match a fold of the log from revision 0',
      });
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
  async verifyAll(
    onBroken: (h: MeetingHandle) => void,
    onLoaded?: (loaded: { meetings: number; fromSnapshot: number }) => void,
  ): Promise<number> {
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
    this.publisher.queue(
      h,
      events.filter((e) => e.metadata.revision > before && e.metadata.revision <= h.state.revision),
    );
    this.publisher.publishNow(h);
  }

  /**
   * An event another process committed, as the shared log delivered it: folded as it stands when it is the
   * meeting's next revision, which spares a read of the stream per event (on KurrentDB a round trip each);
   * otherwise (a gap, or a meeting this process has just written) the stream is read from the store.
   * Call it inside the meeting's serial queue.
   */
  async follow(h: MeetingHandle, e: StoredEvent): Promise<void> {
    if (e.metadata.revision <= h.state.revision) return;
    if (e.metadata.revision !== h.state.revision + 1) return this.catchUp(h);
    const event = strip(e);
    if (!h.apply([event])) return;
    this.publisher.queue(h, [event]);
  }

  /** Read-your-writes across processes: brings a meeting up to the store's head before a read (no-op alone). */
  async sync(h: MeetingHandle): Promise<void> {
    if (this.shared) await h.serial(() => this.catchUp(h));
  }
}

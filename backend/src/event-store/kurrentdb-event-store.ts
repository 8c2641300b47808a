/**
 * The KurrentDB (formerly EventStoreDB) adapter, for a node or a cluster,
 * selected with TALLYROOM_STORE=kurrentdb://host:2113?tls=false (or esdb://…;
 * any connection string @kurrent/kurrentdb-client accepts).
 *
 * Mapping onto the port:
 * - A port stream is the KurrentDB stream of the same name (optionally behind
 *   `streamPrefix`, which lets several stores, e.g. test runs, share a server).
 *   Only `meeting-…` streams are accepted: $all reads and subscriptions filter
 *   on that prefix server-side, so system events ($…) and other applications'
 *   streams on the same server are never seen.
 * - Revisions: KurrentDB stream revisions are 0-based, like the port's. The
 *   port's NO_STREAM (-1) is KurrentDB's NO_STREAM; n is `BigInt(n)`.
 * - Positions: the port's position is the event's `commit` position in $all,
 *   as a JS number. Appends through gRPC never use explicit transactions, so
 *   every event has its own commit position, equal to its prepare position;
 *   a number rebuilds the full Position as { commit: n, prepare: n }. Numbers
 *   are exact up to 2^53 bytes of log (9 PB), far beyond any deployment; a
 *   larger position is refused rather than rounded.
 * - Envelope: `type` is the event type, `data` the JSON data, and our
 *   `metadata` (revision, hash chain, actor…) the event's JSON metadata, so a
 *   read returns exactly what was appended and the hash chain verifies. The
 *   event id is derived from the event's chain hash, so each stored event's id
 *   is stable, and KurrentDB's idempotent-write check recognises a re-sent
 *   append of the very same events.
 *
 * Durability: append() resolves when the server acknowledges the write, which
 * for KurrentDB means written (and, in a cluster, replicated to a quorum).
 */
import {
  FORWARDS,
  BACKWARDS,
  END,
  NO_STREAM as KURRENT_NO_STREAM,
  START,
  KurrentDBClient,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type Position,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { randomUUID } from 'node:crypto';
import {
  ConcurrencyError,
  NO_STREAM,
  type AppendResult,
  type ChainedEvent,
  type EventMetadata,
  type EventStore,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
} from './event-store.js';

/** The only stream category Tallyroom writes; $all reads filter on it. */
export const STREAM_CATEGORY = 'meeting-';

/** Subscription restart back-off after the server drops a subscription. */
const RESUBSCRIBE_MIN_MS = 100;
const RESUBSCRIBE_MAX_MS = 5000;
/** How long storeFromUrl waits for the server to answer before giving up. */
const CONNECT_TIMEOUT_MS = 10_000;

export interface KurrentDBEventStoreOptions {
  /**
   * Prepended to every stream name on the server (default ''). With a prefix,
   * the store sees only streams written through a store with the same prefix.
   * Must not start with '$' (system streams).
   */
  streamPrefix?: string;
}

/** The port's number for a KurrentDB position; refuses what a double cannot hold exactly. */
export function toPortPosition(position: Position | undefined, what: string): number {
  if (!position) throw new Error(`KurrentDB returned no position for ${what}; the adapter needs a server that reports event positions`);
  const n = Number(position.commit);
  if (!Number.isSafeInteger(n) || n < 0 || BigInt(n) !== position.commit) {
    throw new RangeError(`KurrentDB position ${position.commit} of ${what} does not fit the port's number positions (max 2^53)`);
  }
  return n;
}

/** The KurrentDB position of a port position (see the header on commit/prepare). */
export function toKurrentPosition(position: number): Position {
  const p = BigInt(position);
  return { commit: p, prepare: p };
}

/**
 * A stable event id: the first 128 bits of the event's chain hash, shaped as
 * a UUID. Falls back to a random id if the hash is not hex (the chain check
 * will refuse such an event anyway).
 */
export function eventIdFromHash(hash: string): string {
  if (!/^[0-9a-f]{32,}$/i.test(hash)) return randomUUID();
  const h = hash.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The port's ConcurrencyError for the client's WrongExpectedVersionError. */
export function toConcurrencyError(stream: string, expected: number, error: WrongExpectedVersionError): ConcurrencyError {
  const actual = typeof error.actualState === 'bigint' ? Number(error.actualState) : NO_STREAM;
  return new ConcurrencyError(stream, expected, actual);
}

/** Port event from a resolved KurrentDB event; throws on anything that is not one of ours. */
export function toStoredEvent(resolved: ResolvedEvent | AllStreamResolvedEvent, where: string): StoredEvent {
  const event = resolved.event;
  if (!event) throw new Error(`KurrentDB returned a link without its event in ${where}`);
  const what = `event ${event.revision} of ${event.streamId}`;
  if (!event.isJson) throw new TypeError(`${what} is not JSON; it was not written by Tallyroom`);
  const metadata = event.metadata as unknown;
  if (metadata === null || typeof metadata !== 'object' || metadata instanceof Uint8Array || Array.isArray(metadata)) {
    throw new TypeError(`${what} has no Tallyroom metadata`);
  }
  return {
    type: event.type,
    data: event.data as unknown,
    metadata: metadata as EventMetadata,
    position: toPortPosition(event.position, what),
  };
}

interface SubscriptionState {
  /** Position of the last event handed to the handler (or the start point). */
  delivered: number;
  /** Where a restart resumes: `delivered`, or a later checkpoint with nothing pending before it. */
  resumeFrom: number;
  handler: (event: StoredEvent) => void;
  onError: (error: unknown, event: StoredEvent) => void;
  closed: boolean;
  current: AllStreamSubscription | undefined;
  retryTimer: NodeJS.Timeout | undefined;
  backoffMs: number;
}

function defaultOnError(error: unknown, event: StoredEvent): void {
  console.error(`event store subscription stopped at position ${event.position} (${event.type}):`, error);
}

export class KurrentDBEventStore implements EventStore {
  private readonly client: KurrentDBClient;
  private readonly prefix: string;
  private readonly filterPrefix: string;
  private readonly subscriptions = new Set<SubscriptionState>();
  private readonly inflight = new Set<Promise<unknown>>();
  private closing: Promise<void> | undefined;

  /** A store over the server(s) named by a KurrentDB connection string. */
  static fromConnectionString(url: string, options: KurrentDBEventStoreOptions = {}): KurrentDBEventStore {
    return new KurrentDBEventStore(KurrentDBClient.connectionString(url), options);
  }

  constructor(client: KurrentDBClient, options: KurrentDBEventStoreOptions = {}) {
    const prefix = options.streamPrefix ?? '';
    if (prefix.startsWith('$')) throw new RangeError('streamPrefix must not start with "$" (system streams)');
    this.client = client;
    this.prefix = prefix;
    this.filterPrefix = prefix + STREAM_CATEGORY;
  }

  /**
   * Fails if the server does not answer a one-event read within the timeout,
   * so a wrong URL shows at start-up rather than at the first command.
   */
  async ping(timeoutMs = CONNECT_TIMEOUT_MS): Promise<void> {
    this.assertOpen();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`KurrentDB did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    const read = (async () => {
      for await (const _ of this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })) break;
    })();
    try {
      await Promise.race([read, timeout]);
    } finally {
      clearTimeout(timer);
      read.catch(() => undefined);
    }
  }

  append(stream: string, events: readonly ChainedEvent[], expectedRevision: number): Promise<AppendResult> {
    const work = this.appendNow(stream, events, expectedRevision);
    // close() waits for appends already issued: acknowledged or refused, never dropped.
    this.inflight.add(work);
    const forget = () => this.inflight.delete(work);
    work.then(forget, forget);
    return work;
  }

  private async appendNow(stream: string, events: readonly ChainedEvent[], expectedRevision: number): Promise<AppendResult> {
    this.assertOpen();
    this.assertStream(stream);
    if (!Number.isSafeInteger(expectedRevision) || expectedRevision < NO_STREAM) {
      throw new RangeError(`expectedRevision must be an integer >= -1, got ${expectedRevision}`);
    }
    const proposed = events.map((event, i) => {
      const revision = expectedRevision + 1 + i;
      if (event.metadata.revision !== revision) {
        // The stream revision KurrentDB assigns and metadata.revision must
        // agree, or the stream and its hash chain would tell different stories.
        throw new RangeError(
          `stream ${stream}: event ${i} carries revision ${event.metadata.revision}, but appending after ${expectedRevision} makes it ${revision}`,
        );
      }
      if ((JSON.stringify(event.data) as string | undefined) === undefined) {
        throw new TypeError(`stream ${stream}: event ${i} (${event.type}) has no JSON data`);
      }
      return jsonEvent({
        id: eventIdFromHash(event.metadata.hash),
        type: event.type,
        data: event.data as never,
        metadata: event.metadata as never,
      });
    });

    if (proposed.length === 0) return this.checkHead(stream, expectedRevision);

    let result;
    try {
      result = await this.client.appendToStream(this.serverName(stream), proposed, {
        streamState: expectedRevision === NO_STREAM ? KURRENT_NO_STREAM : BigInt(expectedRevision),
      });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) throw toConcurrencyError(stream, expectedRevision, error);
      throw error;
    }
    const nextRevision = Number(result.nextExpectedRevision);
    if (result.position) return { nextRevision, position: toPortPosition(result.position, `the append to ${stream}`) };
    // Servers that report no position on append: the stream's last event has it.
    const [last] = await this.readStreamTail(stream);
    return { nextRevision, position: last?.position ?? 0 };
  }

  /** An empty append writes nothing but still checks the expectation. */
  private async checkHead(stream: string, expectedRevision: number): Promise<AppendResult> {
    const [last] = await this.readStreamTail(stream);
    const actual = last ? last.metadata.revision : NO_STREAM;
    if (actual !== expectedRevision) throw new ConcurrencyError(stream, expectedRevision, actual);
    return { nextRevision: actual, position: last?.position ?? 0 };
  }

  private async readStreamTail(stream: string): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(this.serverName(stream), { fromRevision: END, direction: BACKWARDS, maxCount: 1 })) {
        out.push(toStoredEvent(resolved, stream));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  async readStream(stream: string, fromRevision = 0): Promise<StoredEvent[]> {
    this.assertOpen();
    if (!Number.isSafeInteger(fromRevision) || fromRevision < 0) {
      throw new RangeError(`fromRevision must be an integer >= 0, got ${fromRevision}`);
    }
    const out: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(this.serverName(stream), {
        fromRevision: BigInt(fromRevision),
        direction: FORWARDS,
      })) {
        out.push(toStoredEvent(resolved, stream));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  async readAll(afterPosition = 0, limit?: number): Promise<StoredEvent[]> {
    this.assertOpen();
    if (limit !== undefined && limit <= 0) return [];
    const out: StoredEvent[] = [];
    // Reading $all forwards from a position includes the event at it; the
    // port's afterPosition is exclusive, so read one more and drop it.
    const maxCount = limit === undefined ? undefined : limit + (afterPosition > 0 ? 1 : 0);
    for await (const resolved of this.client.readAll({
      fromPosition: afterPosition > 0 ? toKurrentPosition(afterPosition) : START,
      direction: FORWARDS,
      maxCount,
      filter: this.filter(),
    })) {
      const event = toStoredEvent(resolved, '$all');
      if (event.position <= afterPosition) continue;
      out.push(event);
      if (limit !== undefined && out.length >= limit) break;
    }
    return out;
  }

  /** Position of the store's last event (0 if none): one filtered backwards read of $all. */
  async headPosition(): Promise<number> {
    this.assertOpen();
    for await (const resolved of this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1, filter: this.filter() })) {
      return toStoredEvent(resolved, '$all').position;
    }
    return 0;
  }

  /**
   * Every stream in the store. Cost: one filtered read of the whole $all
   * (O(events), done at start-up only). A server with the $streams system
   * projection could answer from that instead, but it is off by default.
   */
  async listStreams(): Promise<string[]> {
    this.assertOpen();
    const names = new Set<string>();
    for await (const resolved of this.client.readAll({ fromPosition: START, direction: FORWARDS, filter: this.filter() })) {
      const name = resolved.event?.streamId;
      if (name !== undefined) names.add(name.slice(this.prefix.length));
    }
    return [...names].sort();
  }

  subscribe(afterPosition: number, handler: (event: StoredEvent) => void, options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    if (!Number.isSafeInteger(afterPosition) || afterPosition < 0) {
      throw new RangeError(`afterPosition must be an integer >= 0, got ${afterPosition}`);
    }
    const state: SubscriptionState = {
      delivered: afterPosition,
      resumeFrom: afterPosition,
      handler,
      onError: options.onError ?? defaultOnError,
      closed: false,
      current: undefined,
      retryTimer: undefined,
      backoffMs: RESUBSCRIBE_MIN_MS,
    };
    this.subscriptions.add(state);
    // Start on the next turn, so the caller holds the handle before the first event.
    state.retryTimer = setTimeout(() => this.startSubscription(state), 0);
    return { close: () => this.stopSubscription(state) };
  }

  /**
   * One catch-up subscription to $all from state.resumeFrom (exclusive). If
   * the server drops it (restart, leader change), a new one resumes from the
   * last delivered event, so the handler sees every event exactly once.
   */
  private startSubscription(state: SubscriptionState): void {
    state.retryTimer = undefined;
    if (state.closed || this.closing) return;

    const sub: AllStreamSubscription = this.client.subscribeToAll({
      fromPosition: state.resumeFrom > 0 ? toKurrentPosition(state.resumeFrom) : START,
      filter: streamNameFilter({
        prefixes: [this.filterPrefix],
        checkpointInterval: 1,
        // A checkpoint says the server has scanned $all up to `position`.
        // It is a safe resume point only if every event sent before it has
        // reached the handler, i.e. none is still buffered in the stream.
        checkpointReached: (_subscription, position) => {
          if (state.current !== sub || sub.readableLength > 0) return;
          const p = Number(position.commit);
          if (Number.isSafeInteger(p) && p > state.resumeFrom) state.resumeFrom = p;
        },
      }),
    });
    state.current = sub;

    sub.on('data', (resolved: AllStreamResolvedEvent) => {
      if (state.closed || state.current !== sub) return;
      let event: StoredEvent;
      try {
        event = toStoredEvent(resolved, '$all');
      } catch (error) {
        this.failSubscription(state, error, resolved);
        return;
      }
      // A resumed subscription starts strictly after resumeFrom, but a
      // duplicate must never reach a projection, whatever the server does.
      if (event.position <= state.delivered) return;
      try {
        state.handler(event);
      } catch (error) {
        this.stopSubscription(state);
        this.report(state, error, event);
        return;
      }
      state.delivered = event.position;
      if (event.position > state.resumeFrom) state.resumeFrom = event.position;
      state.backoffMs = RESUBSCRIBE_MIN_MS;
    });
    sub.on('caughtUp', () => {
      state.backoffMs = RESUBSCRIBE_MIN_MS;
    });
    const restart = (error?: unknown) => {
      if (state.closed || this.closing || state.current !== sub) return;
      state.current = undefined;
      void sub.unsubscribe().catch(() => undefined);
      console.error(`event store subscription lost at position ${state.delivered}; resubscribing in ${state.backoffMs} ms`, error ?? '');
      state.retryTimer = setTimeout(() => this.startSubscription(state), state.backoffMs);
      state.retryTimer.unref();
      state.backoffMs = Math.min(state.backoffMs * 2, RESUBSCRIBE_MAX_MS);
    };
    sub.on('error', (error: Error) => restart(error));
    // A subscription never ends by itself; if the stream does end, resume.
    sub.on('end', () => restart());
  }

  /** An event that cannot be read stops the subscription there, like a handler error. */
  private failSubscription(state: SubscriptionState, error: unknown, resolved: AllStreamResolvedEvent): void {
    this.stopSubscription(state);
    const e = resolved.event;
    const position = e?.position && Number.isSafeInteger(Number(e.position.commit)) ? Number(e.position.commit) : state.delivered;
    this.report(state, error, {
      type: e?.type ?? '(unreadable)',
      data: undefined,
      metadata: undefined as unknown as EventMetadata,
      position,
    });
  }

  private report(state: SubscriptionState, error: unknown, event: StoredEvent): void {
    try {
      state.onError(error, event);
    } catch (reportError) {
      console.error('event store onError callback threw', reportError, 'while reporting', error);
    }
  }

  private stopSubscription(state: SubscriptionState): void {
    state.closed = true;
    this.subscriptions.delete(state);
    if (state.retryTimer) clearTimeout(state.retryTimer);
    state.retryTimer = undefined;
    const sub = state.current;
    state.current = undefined;
    if (sub) void sub.unsubscribe().catch(() => undefined);
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const state of [...this.subscriptions]) this.stopSubscription(state);
      await Promise.allSettled([...this.inflight]);
      await this.client.dispose();
    })();
    return this.closing;
  }

  private serverName(stream: string): string {
    return this.prefix + stream;
  }

  private filter() {
    return streamNameFilter({ prefixes: [this.filterPrefix] });
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('event store is closed');
  }

  private assertStream(stream: string): void {
    if (!stream.startsWith(STREAM_CATEGORY) || stream.length === STREAM_CATEGORY.length) {
      // $all reads filter on the category, so an event elsewhere would be
      // stored but never read back by readAll/subscribe.
      throw new RangeError(`the KurrentDB store keeps only "${STREAM_CATEGORY}…" streams, not "${stream}"`);
    }
  }
}

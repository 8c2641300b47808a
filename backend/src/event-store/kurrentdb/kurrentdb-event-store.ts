/**
 * The KurrentDB (formerly EventStoreDB) adapter, for a node or a cluster,
 * selected with TALLYROOM_STORE=kurrentdb://host:2113?tls=false (or esdb://…;
 * any connection string @kurrent/kurrentdb-client accepts).
 *
 * Mapping onto the port:
 * - A port stream is the KurrentDB stream of the same name (optionally behind
 *   `streamPrefix`, which lets several stores, e.g. test runs, share a server).
 *   Only `meeting-…`, `election-…` (a 换届's process stream), `organisation-…` and `operator-…` streams are
 *   accepted: $all reads and subscriptions filter on those prefixes server-side, so system events ($…) and other applications'
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
 *
 * The rest of the folder: mapping.ts (positions, ids, errors and the envelope,
 * as pure functions), subscriptions.ts (catch-up subscriptions to $all that
 * resume after the server drops them).
 *
 * Reads go through the client's Rust bridge, whose connection keeps Nagle's
 * algorithm on (KurrentDB-Client-Rust #232): a read often waits 40 ms for the
 * server's delayed ACK. Reading streams over the client's gRPC channel instead
 * was measured and not kept: it cost the event loop 3-7x the bridge's time per
 * read, and a district's day came out slower (docs/performance.md, part 9,
 * "Stream reads over the client's gRPC channel").
 */
import {
  FORWARDS,
  BACKWARDS,
  END,
  NO_STREAM as KURRENT_NO_STREAM,
  START,
  KurrentDBClient,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  streamNameFilter,
} from '@kurrent/kurrentdb-client';
import {
  ConcurrencyError,
  NO_STREAM,
  type AppendResult,
  type ChainedEvent,
  type EventStore,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.js';
import { eventIdFromHash, toConcurrencyError, toKurrentPosition, toPortPosition, toStoredEvent } from './mapping.js';
import { KurrentDBSubscriptions } from './subscriptions.js';

/** The meeting streams' category. */
export const STREAM_CATEGORY = 'meeting-';
/** Every stream category Tallyroom writes (meetings, 换届 process streams, organisations, the operator); $all reads filter on them. */
export const STREAM_CATEGORIES = [STREAM_CATEGORY, 'election-', 'organisation-', 'operator-'] as const;

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

export class KurrentDBEventStore implements EventStore {
  private readonly client: KurrentDBClient;
  private readonly prefix: string;
  private readonly filterPrefixes: string[];
  private readonly subscriptions: KurrentDBSubscriptions;
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
    this.filterPrefixes = STREAM_CATEGORIES.map((c) => prefix + c);
    this.subscriptions = new KurrentDBSubscriptions(client, this.filterPrefixes);
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

  private async appendNow(
    stream: string,
    events: readonly ChainedEvent[],
    expectedRevision: number,
  ): Promise<AppendResult> {
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
      for await (const resolved of this.client.readStream(this.serverName(stream), {
        fromRevision: END,
        direction: BACKWARDS,
        maxCount: 1,
      })) {
        out.push(toStoredEvent(resolved, stream));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError || error instanceof StreamDeletedError) return [];
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
      // A tombstoned stream (deleteStream) reads as missing, as the port says.
      if (error instanceof StreamNotFoundError || error instanceof StreamDeletedError) return [];
      throw error;
    }
    return out;
  }

  /** Tombstones the stream: KurrentDB refuses it for ever after, and the next scavenge reclaims its events. */
  async deleteStream(stream: string): Promise<void> {
    this.assertOpen();
    this.assertStream(stream);
    try {
      await this.client.tombstoneStream(this.serverName(stream));
    } catch (error) {
      if (error instanceof StreamDeletedError || error instanceof StreamNotFoundError) return;
      throw error;
    }
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
    for await (const resolved of this.client.readAll({
      fromPosition: END,
      direction: BACKWARDS,
      maxCount: 1,
      filter: this.filter(),
    })) {
      return toStoredEvent(resolved, '$all').position;
    }
    return 0;
  }

  /**
   * Every stream in the store, or those starting with `prefix`. Cost: one
   * filtered read of the whole $all, filtered on the server, so only the
   * matching streams' events reach us: all of them at start-up, a category's
   * (election-…) for the approver's worklist. A server with the $streams or
   * $by_category system projection could answer from those instead, but they
   * are off by default.
   */
  async listStreams(prefix = ''): Promise<string[]> {
    this.assertOpen();
    const names = new Set<string>();
    // The narrower of the prefix and each category we keep: a prefix outside them all names no stream of ours.
    const narrowed = STREAM_CATEGORIES.flatMap((c) =>
      prefix.startsWith(c) ? [prefix] : c.startsWith(prefix) ? [c] : [],
    );
    if (narrowed.length === 0) return [];
    for await (const resolved of this.client.readAll({
      fromPosition: START,
      direction: FORWARDS,
      filter: streamNameFilter({ prefixes: [...new Set(narrowed)].map((p) => this.prefix + p) }),
    })) {
      const name = resolved.event?.streamId;
      if (name !== undefined) names.add(name.slice(this.prefix.length));
    }
    return [...names].sort();
  }

  subscribe(
    afterPosition: number,
    handler: (event: StoredEvent) => void,
    options: SubscribeOptions = {},
  ): Subscription {
    this.assertOpen();
    return this.subscriptions.subscribe(afterPosition, handler, options);
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.subscriptions.close();
      await Promise.allSettled([...this.inflight]);
      await this.client.dispose();
    })();
    return this.closing;
  }

  private serverName(stream: string): string {
    return this.prefix + stream;
  }

  private filter() {
    return streamNameFilter({ prefixes: this.filterPrefixes });
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('event store is closed');
  }

  private assertStream(stream: string): void {
    if (!STREAM_CATEGORIES.some((c) => stream.startsWith(c) && stream.length > c.length)) {
      // $all reads filter on the categories, so an event elsewhere would be
      // stored but never read back by readAll/subscribe.
      throw new RangeError(
        `the KurrentDB store keeps only ${STREAM_CATEGORIES.map((c) => `"${c}…"`).join(' and ')} streams, not "${stream}"`,
      );
    }
  }
}

/**
 * The tamper-evident hash chain over a meeting's events (design.md,
 * "Tamper evidence and verification"). This module must run unchanged in Node
 * and in the browser (the supervisor page verifies exports client-side), so it
 * uses no node: imports; sha256.ts picks Node's native hash where it runs in
 * Node and pure JS elsewhere.
 *
 * The rule, in full:
 *   hash = lowercase hex SHA-256( UTF-8( prevHash + JCS(event without metadata.hash) ) )
 * where prevHash is the previous event's hash, or GENESIS_HASH at revision 0.
 */
import { canonicalJson, canonicalObject } from './canonical.js';
import { sha256Hex } from './sha256.js';
import { fastLine } from './chain-line.js';

/** prevHash of revision 0: there is no previous event. */
export const GENESIS_HASH = '0'.repeat(64);

export interface EventActor {
  role: string;
  id: string;
}

export interface EventMetadata {
  meetingId: string;
  revision: number;
  recordedAt: string;
  actor: EventActor;
  commandId: string;
  prevHash: string;
  hash: string;
}

/** An event exactly as exported: one NDJSON line. */
export interface ChainedEvent {
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

/** What a decider produces before the event is placed on the chain. */
export interface UnchainedEvent {
  type: string;
  data: unknown;
  metadata: Omit<EventMetadata, 'prevHash' | 'hash'>;
}

/** The hashed content: the event with only metadata.hash taken away. */
export interface HashableEvent {
  type: string;
  data: unknown;
  metadata: Omit<EventMetadata, 'hash'>;
}

export interface ChainHead {
  revision: number;
  hash: string;
}

export interface ChainFailure {
  ok: false;
  /** The revision the offending line claims (the expected one if it claims none). */
  revision: number;
  /** 0-based position of the offending line in the input. */
  index: number;
  type: string;
  problem: string;
}

export type ChainVerdict = { ok: true; head: ChainHead | null } | ChainFailure;

export interface ChainVerifierOptions {
  /** Refuse any event whose metadata.meetingId differs. Without it, the first event's meetingId is expected throughout. */
  expectedMeetingId?: string;
  /**
   * Resume after an already verified head instead of starting at revision 0,
   * e.g. to check only the events appended since a checkpoint.
   */
  after?: ChainHead;
}

/** What pushLine makes of one line of an export. */
export interface LineVerdict {
  /**
   * The event the line holds (deep-equal to JSON.parse(line)), also when it
   * fails the chain; undefined if the line is not JSON, or is not read because
   * an earlier line failed.
   */
  event: unknown;
  failure: ChainFailure | null;
}

export interface ChainVerifier {
  /** Checks the next event; returns the first failure (again on every later call) or null. */
  push(event: ChainedEvent): ChainFailure | null;
  /**
   * Checks the next line of an NDJSON export as text and returns the event it
   * holds. The verdict is always the one push(JSON.parse(line)) would give; a
   * line written by eventLine() (with no escapes in its strings) verifies
   * without canonicalising its content in JS. Text that is not JSON fails as
   * "line is not valid JSON (…)".
   */
  pushLine(line: string): LineVerdict;
  /**
   * Accepts an event this process has just placed on the chain itself
   * (chainEvents computed its hash a moment ago): checks that it follows the
   * head, without hashing its content a second time.
   */
  pushOwn(event: ChainedEvent): ChainFailure | null;
  /** Revision and hash of the last event that verified, or the `after` checkpoint, or null. */
  head(): ChainHead | null;
}

/**
 * JCS (RFC 8785) serialises numbers the way JavaScript does, which other
 * languages reproduce reliably only for integers; payloads are specified as
 * strings, integers, booleans, null, arrays and objects. canonicalJson refuses
 * anything else at hashing time, which keeps a bad value from ever being
 * committed to the chain. `undefined` object properties are tolerated because
 * both JCS and JSON.stringify drop them, so the stored text hashes the same.
 *
 * Only the envelope is hashed: type, data and metadata without metadata.hash.
 * Callers often hold events with extra top-level fields (a store's
 * `position`); those are not part of the exported line, so they must not
 * change the hash. The envelope's keys sort as data, metadata, type.
 */
function canonicalEnvelope(event: HashableEvent, withHash = false): string {
  const metadata = canonicalObject(
    event.metadata as unknown as Record<string, unknown>,
    'event.metadata',
    withHash ? undefined : 'hash',
  );
  const type = event.type === undefined ? '' : `,"type":${canonicalJson(event.type, 'event.type')}`;
  return `{"data":${canonicalJson(event.data, 'event.data')},"metadata":${metadata}${type}}`;
}

/**
 * The hash of an event given its own metadata.prevHash. Throws a TypeError if
 * the event holds anything but strings, safe integers, booleans, null, arrays
 * and plain objects. A metadata.hash present on the argument is ignored.
 */
export function hashEvent(event: HashableEvent): string {
  if (event.data === undefined) throw new TypeError('data: must not be undefined (use null or {})');
  const json = canonicalEnvelope(event);
  return sha256Hex(event.metadata.prevHash + json);
}

/**
 * An event as one line of an export: the canonical JSON (JCS) of its envelope
 * (type, data and metadata including metadata.hash; other top-level fields
 * such as a store's position are left out). Such a line is exactly the hashed
 * content with the member `"hash":"<hex>",` added in its sorted place, which
 * is what lets ChainVerifier.pushLine check it without serialising it again.
 * Throws a TypeError on content hashEvent would refuse.
 */
export function eventLine(event: ChainedEvent): string {
  if (event.data === undefined) throw new TypeError('data: must not be undefined (use null or {})');
  return canonicalEnvelope(event, true);
}

/**
 * Places events on the chain after `prevHash`, in order. The events must
 * already carry consecutive revisions; a gap is a programming error that would
 * otherwise only surface when a supervisor verifies the export.
 */
export function chainEvents(prevHash: string, events: readonly UnchainedEvent[]): ChainedEvent[] {
  const chained: ChainedEvent[] = [];
  let previous: ChainedEvent | undefined;
  for (const event of events) {
    if (previous && event.metadata.revision !== previous.metadata.revision + 1) {
      throw new RangeError(
        `chainEvents: revision ${previous.metadata.revision + 1} expected after ${previous.metadata.revision}, found ${event.metadata.revision}`,
      );
    }
    const metadata = { ...event.metadata, prevHash: previous?.metadata.hash ?? prevHash };
    const hash = hashEvent({ type: event.type, data: event.data, metadata });
    previous = { type: event.type, data: event.data, metadata: { ...metadata, hash } };
    chained.push(previous);
  }
  return chained;
}

const HASH_PATTERN = /^[0-9a-f]{64}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural checks, so that a hand-edited or truncated line gets a clear verdict instead of a crash. */
function shapeProblem(event: unknown, hashIsDigest: boolean): string | null {
  if (!isRecord(event)) return 'line is not a JSON object';
  if (typeof event.type !== 'string') return 'type is missing or not a string';
  if (!('data' in event)) return 'data is missing';
  const m = event.metadata;
  if (!isRecord(m)) return 'metadata is missing or not an object';
  if (!Number.isSafeInteger(m.revision)) return 'metadata.revision is missing or not an integer';
  if (typeof m.meetingId !== 'string') return 'metadata.meetingId is missing or not a string';
  if (typeof m.prevHash !== 'string') return 'metadata.prevHash is missing or not a string';
  if (typeof m.hash !== 'string') return 'metadata.hash is missing or not a string';
  // (A digest fastLine has just computed is hex by construction, and the test costs a good part of a hash.)
  if (!hashIsDigest && !HASH_PATTERN.test(m.hash)) return 'metadata.hash is not 64 lowercase hex digits';
  return null;
}

/**
 * Incremental verifier: holds only the head, so an export of any length can be
 * checked line by line as it streams in.
 */
export function createChainVerifier(opts: ChainVerifierOptions = {}): ChainVerifier {
  let head: ChainHead | null = opts.after ? { ...opts.after } : null;
  let meetingId = opts.expectedMeetingId;
  let index = 0;
  let failure: ChainFailure | null = null;

  /**
   * `own`: the event's hash is known to be right (pushOwn: this process computed it; pushLine's
   * fast path: it is the digest of the very text the event was parsed from), so it is not computed again.
   */
  function check(event: ChainedEvent, at: number, own: false | 'own' | 'digest' = false): ChainFailure | null {
    const expectedRevision = head ? head.revision + 1 : 0;
    const fail = (problem: string, revision = event.metadata.revision): ChainFailure => ({
      ok: false,
      revision,
      index: at,
      type: isRecord(event) && typeof event.type === 'string' ? event.type : '',
      problem,
    });

    const malformed = shapeProblem(event, own === 'digest');
    if (malformed) {
      const claimed: unknown = isRecord(event) && isRecord(event.metadata) ? event.metadata.revision : undefined;
      return fail(malformed, Number.isSafeInteger(claimed) ? (claimed as number) : expectedRevision);
    }
    const m = event.metadata;
    if (m.revision !== expectedRevision) return fail(`revision ${expectedRevision} expected, found ${m.revision}`);
    if (meetingId === undefined) meetingId = m.meetingId;
    else if (m.meetingId !== meetingId) return fail(`meetingId ${meetingId} expected, found ${m.meetingId}`);
    const expectedPrev = head ? head.hash : GENESIS_HASH;
    if (m.prevHash !== expectedPrev) {
      return fail(
        head
          ? `prevHash does not match the hash of revision ${head.revision}`
          : 'prevHash of revision 0 must be 64 zeros',
      );
    }
    if (!own) {
      let actual: string;
      try {
        actual = hashEvent(event);
      } catch (err) {
        return fail(`content cannot be hashed: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (actual !== m.hash) return fail('hash does not match content');
    }
    head = { revision: m.revision, hash: m.hash };
    return null;
  }

  return {
    push(event) {
      if (failure) return failure;
      failure = check(event, index++);
      return failure;
    },
    pushOwn(event) {
      if (failure) return failure;
      failure = check(event, index++, 'own');
      return failure;
    },
    pushLine(line) {
      if (failure) return { event: undefined, failure };
      let fast: ChainedEvent | null;
      try {
        // fastLine has set metadata.hash to the digest it checked: the shape is a ChainedEvent's.
        fast = fastLine(line, head ? head.hash : GENESIS_HASH) as ChainedEvent | null;
      } catch {
        // Nesting or length beyond a regex's or the stack's reach: the slow path gives its verdict.
        fast = null;
      }
      if (fast) {
        // fastLine has checked the hash against this expected prevHash; check() refuses any other prevHash.
        failure = check(fast, index++, 'digest');
        return { event: fast, failure };
      }
      let event: unknown;
      try {
        event = JSON.parse(line);
      } catch (err) {
        const at = index++;
        failure = {
          ok: false,
          revision: head ? head.revision + 1 : 0,
          index: at,
          type: '',
          problem: `line is not valid JSON (${err instanceof Error ? err.message : String(err)})`,
        };
        return { event: undefined, failure };
      }
      failure = check(event as ChainedEvent, index++);
      return { event, failure };
    },
    head: () => (head ? { ...head } : null),
  };
}

/** Verifies a whole log held in memory; see createChainVerifier for long exports. */
export function verifyChain(events: readonly ChainedEvent[], opts: ChainVerifierOptions = {}): ChainVerdict {
  const verifier = createChainVerifier(opts);
  for (const event of events) {
    const failure = verifier.push(event);
    if (failure) return failure;
  }
  return { ok: true, head: verifier.head() };
}

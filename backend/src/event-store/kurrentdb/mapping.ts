/**
 * How port values map onto KurrentDB's (see kurrentdb-event-store.ts,
 * "Mapping onto the port"): positions, event ids, the concurrency error and
 * the event envelope. Pure functions, tested without a server.
 */
import type {
  WrongExpectedVersionError,
  AllStreamResolvedEvent,
  Position,
  ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { randomUUID } from 'node:crypto';
import { ConcurrencyError, NO_STREAM, type EventMetadata, type StoredEvent } from '../event-store.js';

/** The port's number for a KurrentDB position; refuses what a double cannot hold exactly. */
export function toPortPosition(position: Position | undefined, what: string): number {
  if (!position)
    throw new Error(
      `KurrentDB returned no position for ${what}; the adapter needs a server that reports event positions`,
    );
  const n = Number(position.commit);
  if (!Number.isSafeInteger(n) || n < 0 || BigInt(n) !== position.commit) {
    throw new RangeError(
      `KurrentDB position ${position.commit} of ${what} does not fit the port's number positions (max 2^53)`,
    );
  }
  return n;
}

/** The KurrentDB position of a port position (kurrentdb-event-store.ts, "Positions", says why prepare = commit). */
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
export function toConcurrencyError(
  stream: string,
  expected: number,
  error: WrongExpectedVersionError,
): ConcurrencyError {
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

/**
 * The KurrentDB adapter's mapping code, with no server: positions, ids,
 * errors, event conversion, and the checks made before anything is sent.
 */
import { describe, expect, it } from 'vitest';
import { KurrentDBClient, WrongExpectedVersionError, type ResolvedEvent } from '@kurrent/kurrentdb-client';
import { makeEvents } from '../event-store.contract.js';
import { ConcurrencyError, NO_STREAM } from '../event-store.js';
import { KurrentDBEventStore } from './kurrentdb-event-store.js';
import { eventIdFromHash, toConcurrencyError, toKurrentPosition, toPortPosition, toStoredEvent } from './mapping.js';

describe('positions', () => {
  it('uses the commit position as the port number, and back with prepare = commit', () => {
    expect(toPortPosition({ commit: 1283n, prepare: 1283n }, 'x')).toBe(1283);
    expect(toKurrentPosition(1283)).toEqual({ commit: 1283n, prepare: 1283n });
    expect(toPortPosition(toKurrentPosition(Number.MAX_SAFE_INTEGER), 'x')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses positions a JS number cannot hold exactly, or none at all', () => {
    expect(() => toPortPosition({ commit: 2n ** 53n + 1n, prepare: 0n }, 'event 3 of meeting-a')).toThrow(/2\^53/);
    expect(() => toPortPosition({ commit: 2n ** 64n - 1n, prepare: 0n }, 'x')).toThrow(RangeError);
    expect(() => toPortPosition(undefined, 'x')).toThrow(/no position/);
  });
});

describe('event ids', () => {
  it('derives a stable UUID-shaped id from the chain hash', () => {
    const [event] = makeEvents('a', 1);
    const id = eventIdFromHash(event!.metadata.hash);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(id.replace(/-/g, '')).toBe(event!.metadata.hash.slice(0, 32));
    expect(eventIdFromHash(event!.metadata.hash)).toBe(id);
  });

  it('falls back to a random id for a hash that is not hex', () => {
    expect(eventIdFromHash('not-a-hash')).not.toBe(eventIdFromHash('not-a-hash'));
  });
});

describe('errors', () => {
  it("maps the client's WrongExpectedVersionError to the port's ConcurrencyError", () => {
    const existing = new WrongExpectedVersionError(undefined, { streamName: 'meeting-a', current: 2n, expected: 0n });
    expect(toConcurrencyError('meeting-a', 0, existing)).toMatchObject({
      name: 'ConcurrencyError',
      stream: 'meeting-a',
      expected: 0,
      actual: 2,
    });
    const missing = new WrongExpectedVersionError(undefined, {
      streamName: 'meeting-a',
      current: 'no_stream',
      expected: 0n,
    });
    const error = toConcurrencyError('meeting-a', 0, missing);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error.actual).toBe(NO_STREAM);
  });
});

describe('toStoredEvent', () => {
  const [ours] = makeEvents('a', 1);
  const recorded = (over: Record<string, unknown> = {}): ResolvedEvent =>
    ({
      event: {
        streamId: 'meeting-a',
        id: 'x',
        revision: 0n,
        type: ours!.type,
        data: ours!.data,
        metadata: ours!.metadata,
        isJson: true,
        created: new Date(),
        position: { commit: 2048n, prepare: 2048n },
        ...over,
      },
    }) as unknown as ResolvedEvent;

  it('returns exactly the envelope that was appended, with the commit position', () => {
    expect(toStoredEvent(recorded(), 'meeting-a')).toEqual({ ...ours, position: 2048 });
  });

  it('refuses events Tallyroom did not write', () => {
    expect(() => toStoredEvent(recorded({ isJson: false, data: new Uint8Array([1]) }), 's')).toThrow(/not JSON/);
    expect(() => toStoredEvent(recorded({ metadata: undefined }), 's')).toThrow(/no Tallyroom metadata/);
    expect(() => toStoredEvent(recorded({ metadata: new Uint8Array([1, 2]) }), 's')).toThrow(/no Tallyroom metadata/);
    expect(() => toStoredEvent({} as ResolvedEvent, 's')).toThrow(/link without its event/);
  });
});

describe('KurrentDBEventStore checks before sending', () => {
  // Nothing listens on port 1: any request that got out would fail differently.
  const offline = () => new KurrentDBEventStore(KurrentDBClient.connectionString('kurrentdb://127.0.0.1:1?tls=false'));

  it('refuses events whose revisions do not follow the expectation', async () => {
    const store = offline();
    await expect(
      store.append('meeting-a', makeEvents('a', 2, { revision: 4, hash: '0'.repeat(64) }), NO_STREAM),
    ).rejects.toThrow(/carries revision 5, but appending after -1 makes it 0/);
    await expect(store.append('meeting-a', makeEvents('a', 1), -2)).rejects.toThrow(RangeError);
    await expect(store.append('meeting-a', makeEvents('a', 1), 0.5)).rejects.toThrow(RangeError);
    await store.close();
  });

  it('refuses streams outside the meeting- category and system-stream prefixes', async () => {
    const store = offline();
    await expect(store.append('$all', makeEvents('a', 1), NO_STREAM)).rejects.toThrow(/meeting-/);
    await store.close();
    expect(
      () =>
        new KurrentDBEventStore(KurrentDBClient.connectionString('kurrentdb://127.0.0.1:1?tls=false'), {
          streamPrefix: '$x',
        }),
    ).toThrow(/streamPrefix/);
  });

  it('refuses data JSON cannot hold', async () => {
    const store = offline();
    const [event] = makeEvents('a', 1);
    await expect(store.append('meeting-a', [{ ...event!, data: undefined }], NO_STREAM)).rejects.toThrow(
      /no JSON data/,
    );
    await store.close();
  });

  it('refuses work once closed, and closes idempotently', async () => {
    const store = offline();
    await store.close();
    await expect(store.append('meeting-a', makeEvents('a', 1), NO_STREAM)).rejects.toThrow(/closed/);
    await expect(store.readStream('meeting-a')).rejects.toThrow(/closed/);
    await expect(store.readAll()).rejects.toThrow(/closed/);
    await expect(store.headPosition()).rejects.toThrow(/closed/);
    expect(() => store.subscribe(0, () => undefined)).toThrow(/closed/);
    await store.close();
  });
});

describe('the client patch (patches/@kurrent+kurrentdb-client+*.patch)', () => {
  it('opens its gRPC channel with 4 MiB HTTP/2 flow-control windows, not the 64 KiB default', async () => {
    // Without it a district's $all subscriptions fell seconds behind the log (docs/performance.md, part 9).
    const client = KurrentDBClient.connectionString('kurrentdb://127.0.0.1:1?tls=false') as unknown as {
      createChannel(): Promise<{ internalChannel: { options: Record<string, unknown> }; close(): void }>;
    };
    const channel = await client.createChannel();
    try {
      expect(channel.internalChannel.options['grpc-node.flow_control_window']).toBe(4 * 1024 * 1024);
    } finally {
      channel.close();
    }
  });
});

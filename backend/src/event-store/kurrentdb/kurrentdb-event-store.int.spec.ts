/**
 * The KurrentDB adapter against (a) the in-memory protocol double, always, and
 * (b) a real KurrentDB/EventStoreDB when KURRENTDB_URL is set, e.g.
 *   KURRENTDB_URL='kurrentdb://127.0.0.1:2113?tls=false' npx vitest run backend/src/event-store
 * Against a real server each test writes under its own stream prefix, so runs
 * never see each other's events (they are left on the server).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KurrentDBClient, jsonEvent, ANY } from '@kurrent/kurrentdb-client';
import { startKurrentDouble, type KurrentDouble } from '../../../../test/kurrentdb-double/index.js';
import { makeEvents, testEventStore, type EventStoreHarness } from '../event-store.contract.js';
import { ConcurrencyError, NO_STREAM, type StoredEvent } from '../event-store.js';
import { KurrentDBEventStore } from './kurrentdb-event-store.js';
import { eventIdFromHash } from './mapping.js';
import { storeFromUrl } from '../store-from-url.js';

/**
 * The client's Rust read bridge waits `discoveryInterval` (default 500 ms)
 * before its first connection; shortened here only to keep the suite quick.
 */
const quick = (url: string) => `${url}${url.includes('?') ? '&' : '?'}discoveryInterval=20`;

function harnessOn(url: string, streamPrefix: string, after?: () => Promise<void>): EventStoreHarness {
  const opened: KurrentDBEventStore[] = [];
  const open = () => {
    const store = KurrentDBEventStore.fromConnectionString(quick(url), { streamPrefix });
    opened.push(store);
    return store;
  };
  return {
    store: open(),
    reopen: async () => open(),
    second: async () => open(),
    cleanup: async () => {
      for (const store of opened) await store.close();
      await after?.();
    },
  };
}

testEventStore('kurrentdb over the protocol double (BatchAppend, as KurrentDB 21.10+)', async () => {
  const double = await startKurrentDouble();
  return harnessOn(double.url, '', () => double.close());
});

testEventStore('kurrentdb over the protocol double (Append only, as older servers)', async () => {
  const double = await startKurrentDouble({ batchAppend: false });
  return harnessOn(double.url, '', () => double.close());
});

const realUrl = process.env['KURRENTDB_URL'];
describe.skipIf(!realUrl)('against the real server at KURRENTDB_URL', () => {
  testEventStore('kurrentdb server', async () => harnessOn(realUrl!, `tallyroom-test-${randomUUID().slice(0, 8)}-`));
});

async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('KurrentDBEventStore over the protocol double', () => {
  let double: KurrentDouble;
  const stores: KurrentDBEventStore[] = [];
  const open = (streamPrefix = '') => {
    const store = KurrentDBEventStore.fromConnectionString(quick(double.url), { streamPrefix });
    stores.push(store);
    return store;
  };
  beforeEach(async () => {
    double = await startKurrentDouble();
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    await double.close();
  });

  it('stores type, data and our metadata as the KurrentDB event, byte for byte, with a hash-derived id', async () => {
    const store = open();
    const events = makeEvents('a', 3);
    const { position } = await store.append('meeting-a', events, NO_STREAM);

    const onServer = double.records().filter((r) => r.stream === 'meeting-a');
    expect(onServer).toHaveLength(3);
    onServer.forEach((rec, i) => {
      const event = events[i]!;
      expect(rec.revision).toBe(BigInt(i));
      expect(rec.type).toBe(event.type);
      expect(rec.contentType).toBe('application/json');
      expect(Buffer.from(rec.data).toString('utf8')).toBe(JSON.stringify(event.data));
      expect(Buffer.from(rec.metadata).toString('utf8')).toBe(JSON.stringify(event.metadata));
      expect(rec.id).toBe(eventIdFromHash(event.metadata.hash));
    });
    // The port's position is the server's commit position.
    expect(position).toBe(Number(onServer[2]!.position));
    expect((await store.readStream('meeting-a')).map((e) => e.position)).toEqual(
      onServer.map((r) => Number(r.position)),
    );
  });

  it('uses the RPCs a real client would: ServerFeatures, BatchAppend, Read', async () => {
    const store = open();
    await store.append('meeting-a', makeEvents('a', 1), NO_STREAM);
    await store.readStream('meeting-a');
    await store.readAll();
    const sub = store.subscribe(0, () => undefined);
    await waitFor(() => double.openSubscriptions() === 1, 'the subscription to open');
    sub.close();
    expect(double.calls['ServerFeatures/GetSupportedMethods']).toBeGreaterThanOrEqual(1);
    expect(double.calls['Streams/BatchAppend']).toBe(1); // one long-lived call
    expect(double.calls['Streams/Append']).toBeUndefined();
    expect(double.calls['Streams/Read']).toBe(3);
  });

  it('reads a tombstoned stream (answered StreamDeleted, as KurrentDB answers) as empty, and keeps its connections', async () => {
    const store = open();
    await store.append('meeting-gone', makeEvents('gone', 2), NO_STREAM);
    await store.deleteStream('meeting-gone');
    expect(await store.readStream('meeting-gone')).toEqual([]);
    // Both of the client's connections are open now (the bridge asks for the server's features on its first read).
    const features = double.calls['ServerFeatures/GetSupportedMethods'];
    expect(await store.readStream('meeting-gone')).toEqual([]);
    await expect(store.append('meeting-gone', [], 1)).rejects.toMatchObject({ expected: 1, actual: NO_STREAM });
    expect(await store.readStream('meeting-none')).toEqual([]);
    // Neither a refusal nor a missing stream made the client drop a connection and connect again.
    await store.append('meeting-b', makeEvents('b', 1), NO_STREAM);
    expect((await store.readStream('meeting-b')).length).toBe(1);
    expect(double.calls['ServerFeatures/GetSupportedMethods']).toBe(features);
    expect(new Set(double.reads.filter((r) => r.target === 'stream').map((r) => r.peer)).size).toBe(1);
  });

  it('keeps a 换届 process stream (election-…) beside the meetings, in readAll, subscriptions and listStreams', async () => {
    const store = open();
    await store.append('meeting-a', makeEvents('a', 1), NO_STREAM);
    await store.append('election-e', makeEvents('e', 2), NO_STREAM);
    const seen: StoredEvent[] = [];
    store.subscribe(0, (e) => seen.push(e));
    await waitFor(() => seen.length >= 3, 'the subscription');
    expect((await store.readStream('election-e')).length).toBe(2);
    expect((await store.readAll()).length).toBe(3);
    expect(await store.listStreams()).toEqual(['election-e', 'meeting-a']);
    await expect(store.append('other-x', makeEvents('x', 1), NO_STREAM)).rejects.toThrow(
      /"meeting-…" and "election-…"/,
    );
  });

  it('never shows streams outside meeting-… (system events, other applications)', async () => {
    const store = open();
    const raw = KurrentDBClient.connectionString(double.url);
    try {
      await raw.appendToStream('other-app-1', [jsonEvent({ type: 'Foreign', data: { x: 1 } })], { streamState: ANY });
      await store.append('meeting-a', makeEvents('a', 2), NO_STREAM);
      await raw.appendToStream('other-app-1', [jsonEvent({ type: 'Foreign', data: { x: 2 } })], { streamState: ANY });

      const seen: StoredEvent[] = [];
      store.subscribe(0, (e) => seen.push(e));
      await waitFor(() => seen.length >= 2, 'the subscription');
      await new Promise((r) => setTimeout(r, 100));

      const all = await store.readAll();
      expect(all.map((e) => e.type)).toEqual(['Tested', 'Tested']);
      expect(seen).toEqual(all);
      expect(await store.listStreams()).toEqual(['meeting-a']);
      expect(await store.headPosition()).toBe(all[1]!.position);
      // $settings (seeded by the double, as on any node) and other-app-1 are in $all.
      expect(double.records().length).toBe(5);
    } finally {
      await raw.dispose();
    }
  });

  it('refuses streams it could never read back', async () => {
    const store = open();
    await expect(store.append('ballots-a', makeEvents('a', 1), NO_STREAM)).rejects.toThrow(/meeting-/);
    await expect(store.append('meeting-', makeEvents('a', 1), NO_STREAM)).rejects.toThrow(/meeting-/);
    expect(double.records()).toHaveLength(1); // only the seeded $settings event
  });

  it('keeps stores with different stream prefixes apart on one server', async () => {
    const blue = open('blue-');
    const green = open('green-');
    await blue.append('meeting-a', makeEvents('a', 2), NO_STREAM);
    await green.append('meeting-a', makeEvents('a', 1), NO_STREAM);
    expect(await blue.readStream('meeting-a')).toHaveLength(2);
    expect(await green.readStream('meeting-a')).toHaveLength(1);
    expect((await blue.readAll()).map((e) => e.metadata.revision)).toEqual([0, 1]);
    expect(await green.listStreams()).toEqual(['meeting-a']);
    expect(new Set(double.records().map((r) => r.stream))).toEqual(
      new Set(['$settings', 'blue-meeting-a', 'green-meeting-a']),
    );
    await expect(green.append('meeting-a', makeEvents('a', 1), NO_STREAM)).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it('resubscribes after the server drops a subscription, without gaps or duplicates', async () => {
    const store = open();
    const writer = open();
    let head: { revision: number; hash: string } | undefined;
    const appendOne = async () => {
      const events = makeEvents('a', 1, head);
      await writer.append('meeting-a', events, head ? head.revision : NO_STREAM);
      head = { revision: events[0]!.metadata.revision, hash: events[0]!.metadata.hash };
    };
    for (let i = 0; i < 5; i++) await appendOne();

    const seen: StoredEvent[] = [];
    const errors = console.error;
    console.error = () => undefined; // the adapter logs each lost subscription
    try {
      store.subscribe(0, (e) => seen.push(e));
      await waitFor(() => seen.length === 5, 'catch-up');
      for (let round = 0; round < 3; round++) {
        expect(double.dropSubscriptions()).toBe(1);
        for (let i = 0; i < 4; i++) await appendOne(); // committed while no subscription is open
        await waitFor(() => double.openSubscriptions() === 1, 'the adapter to resubscribe');
      }
      await waitFor(() => seen.length >= 17, 'every event');
      await new Promise((r) => setTimeout(r, 150));
    } finally {
      console.error = errors;
    }
    expect(seen).toEqual(await store.readAll());
    expect(seen.map((e) => e.metadata.revision)).toEqual(Array.from({ length: 17 }, (_, i) => i));
  });

  it('shares one server subscription between followers at the same position; a follower catching up joins once level', async () => {
    const store = open();
    const writer = open();
    let head: { revision: number; hash: string } | undefined;
    const append = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const events = makeEvents('a', 1, head);
        await writer.append('meeting-a', events, head ? head.revision : NO_STREAM);
        head = { revision: events[0]!.metadata.revision, hash: events[0]!.metadata.hash };
      }
    };
    await append(5);
    const live: StoredEvent[] = [];
    const liveHandle = store.subscribe(await store.headPosition(), (e) => live.push(e));
    await waitFor(() => double.openSubscriptions() === 1, 'the live follower');
    await append(3);
    await waitFor(() => live.length === 3, 'the live follower’s events');

    // A follower from position 0 (the district board's) reads the log on a subscription of its own, then, level
    // with the live one, is fed by it: the server is left with one subscription.
    const all: StoredEvent[] = [];
    const allHandle = store.subscribe(0, (e) => all.push(e));
    await waitFor(() => all.length === 8, 'the catch-up');
    await waitFor(() => double.openSubscriptions() === 1, 'the two followers to share one subscription');
    await append(4);
    await waitFor(() => all.length === 12 && live.length === 7, 'both followers after the join');
    // The shared subscription dropped by the server (a leader change) resumes for both, without gaps or duplicates.
    const errors = console.error;
    console.error = () => undefined; // the adapter logs the lost subscription
    try {
      expect(double.dropSubscriptions()).toBe(1);
      await append(2);
      await waitFor(() => double.openSubscriptions() === 1, 'the adapter to resubscribe');
      await waitFor(() => all.length === 14 && live.length === 9, 'both followers after the drop');
    } finally {
      console.error = errors;
    }
    await new Promise((r) => setTimeout(r, 100));
    const stored = await store.readAll();
    expect(all).toEqual(stored);
    expect(live).toEqual(stored.slice(5));

    // Either follower may leave; the other keeps the subscription, which ends with the last.
    liveHandle.close();
    await append(1);
    await waitFor(() => all.length === 15, 'the remaining follower');
    expect(live).toHaveLength(9);
    expect(double.openSubscriptions()).toBe(1);
    allHandle.close();
    await waitFor(() => double.openSubscriptions() === 0, 'the subscription to end with its last follower');
  });

  it('hands a follower closed by another follower’s handler no further event, the one being handed out included', async () => {
    const store = open();
    await store.append('meeting-a', makeEvents('a', 2), NO_STREAM);
    const first: number[] = [];
    const second: number[] = [];
    const afterClose: number[] = [];
    let closed = false;
    const handles: { second?: { close(): void } } = {};
    store.subscribe(0, (e) => {
      first.push(e.metadata.revision);
      if (e.metadata.revision === 2) {
        handles.second!.close();
        closed = true;
      }
    });
    handles.second = store.subscribe(0, (e) => (closed ? afterClose : second).push(e.metadata.revision));
    await waitFor(() => first.length === 2 && second.length === 2, 'both followers to catch up');
    await waitFor(() => double.openSubscriptions() === 1, 'one shared subscription');
    const hash = (await store.readAll())[1]!.metadata.hash;
    await store.append('meeting-a', makeEvents('a', 2, { revision: 1, hash }), 1);
    await waitFor(() => first.length === 4, 'the first follower');
    await new Promise((r) => setTimeout(r, 50));
    expect(first).toEqual([0, 1, 2, 3]);
    // The second follower may have had revision 2 before the first closed it (whichever the subscription feeds
    // first), never anything after its close() returned.
    expect(afterClose).toEqual([]);
    expect(second).not.toContain(3);
  });

  it('stops only the follower whose handler throws when followers share a subscription', async () => {
    const store = open();
    await store.append('meeting-a', makeEvents('a', 2), NO_STREAM);
    const errors: number[] = [];
    const calm: StoredEvent[] = [];
    let thrown = 0;
    store.subscribe(0, (e) => calm.push(e));
    store.subscribe(
      0,
      (e) => {
        if (e.metadata.revision === 2) throw new Error('a projection fails');
        thrown++;
      },
      { onError: (_err, e) => errors.push(e.metadata.revision) },
    );
    await waitFor(() => calm.length === 2 && thrown === 2, 'both followers to catch up');
    await waitFor(() => double.openSubscriptions() === 1, 'one shared subscription');
    const last = calm[1]!.metadata;
    await store.append('meeting-a', makeEvents('a', 2, { revision: last.revision, hash: last.hash }), last.revision);
    await waitFor(() => calm.length === 4, 'the calm follower to go on');
    expect(errors).toEqual([2]);
    expect(thrown).toBe(2);
    expect(calm.map((e) => e.metadata.revision)).toEqual([0, 1, 2, 3]);
  });

  it('resumes from a checkpoint past events it filtered out, not from its last event', async () => {
    const store = open();
    const raw = KurrentDBClient.connectionString(double.url);
    const errors = console.error;
    console.error = () => undefined;
    try {
      await store.append('meeting-a', makeEvents('a', 2), NO_STREAM);
      const seen: StoredEvent[] = [];
      store.subscribe(0, (e) => seen.push(e));
      await waitFor(() => seen.length === 2, 'catch-up');
      // 100 foreign events: the server sends checkpoints every 32 scanned events.
      for (let i = 0; i < 100; i++)
        await raw.appendToStream('other-app', [jsonEvent({ type: 'Foreign', data: { i } })], { streamState: ANY });
      await new Promise((r) => setTimeout(r, 100));
      const lastCheckpointable = double.records().at(-5)!.position; // well past meeting-a's events

      expect(double.dropSubscriptions()).toBe(1);
      await waitFor(() => double.openSubscriptions() === 1, 'the adapter to resubscribe');
      const resumed = double.reads.filter((r) => r.target === '$all' && r.subscription).at(-1)!;
      expect(BigInt(resumed.from)).toBeGreaterThan(BigInt(seen[1]!.position));
      expect(BigInt(resumed.from)).toBeGreaterThanOrEqual(lastCheckpointable - 32n * 1000n); // sanity: a real position
      expect(double.records().some((r) => r.position === BigInt(resumed.from))).toBe(true);

      await store.append('meeting-a', makeEvents('a', 1, { revision: 1, hash: seen[1]!.metadata.hash }), 1);
      await waitFor(() => seen.length === 3, 'the next meeting event');
      expect(seen.map((e) => e.metadata.revision)).toEqual([0, 1, 2]);
    } finally {
      console.error = errors;
      await raw.dispose();
    }
  });

  it('reads pages of $all after a position with a limit', async () => {
    const store = open();
    await store.append('meeting-a', makeEvents('a', 5), NO_STREAM);
    await store.append('meeting-b', makeEvents('b', 5), NO_STREAM);
    const all = await store.readAll();
    const pages: StoredEvent[][] = [];
    let after = 0;
    for (;;) {
      const page = await store.readAll(after, 3);
      if (page.length === 0) break;
      pages.push(page);
      after = page.at(-1)!.position;
    }
    expect(pages.map((p) => p.length)).toEqual([3, 3, 3, 1]);
    expect(pages.flat()).toEqual(all);
    expect(await store.readAll(all[0]!.position, 0)).toEqual([]);
  });

  it('reports the head position, 0 when empty', async () => {
    const store = open();
    expect(await store.headPosition()).toBe(0);
    const { position } = await store.append('meeting-a', makeEvents('a', 2), NO_STREAM);
    expect(await store.headPosition()).toBe(position);
  });

  it('checks the expectation of an empty append without writing', async () => {
    const store = open();
    await store.append('meeting-a', makeEvents('a', 2), NO_STREAM);
    const before = double.records().length;
    await expect(store.append('meeting-a', [], 1)).resolves.toMatchObject({ nextRevision: 1 });
    await expect(store.append('meeting-a', [], 0)).rejects.toMatchObject({ name: 'ConcurrencyError', actual: 1 });
    await expect(store.append('meeting-b', [], NO_STREAM)).resolves.toMatchObject({ nextRevision: -1, position: 0 });
    expect(double.records()).toHaveLength(before);
  });
});

describe('storeFromUrl with KurrentDB URLs', () => {
  let double: KurrentDouble;
  beforeEach(async () => {
    double = await startKurrentDouble();
  });
  afterEach(async () => {
    await double.close();
  });

  it('opens the KurrentDB adapter for kurrentdb:// and esdb:// URLs', async () => {
    const warn = console.warn;
    console.warn = () => undefined; // the client calls esdb:// deprecated
    try {
      for (const url of [double.url, double.url.replace(/^kurrentdb:/, 'esdb:')]) {
        const store = await storeFromUrl(url);
        try {
          expect(store).toBeInstanceOf(KurrentDBEventStore);
          await store.append(
            'meeting-u',
            makeEvents('u', 1, await lastOf(store)),
            (await lastOf(store))?.revision ?? NO_STREAM,
          );
        } finally {
          await store.close();
        }
      }
    } finally {
      console.warn = warn;
    }
    expect(double.records().filter((r) => r.stream === 'meeting-u')).toHaveLength(2);
  });

  it('fails at start-up, without echoing credentials, when nothing answers', async () => {
    const port = double.port;
    await double.close();
    const error: unknown = await storeFromUrl(`kurrentdb://admin:s3cret@127.0.0.1:${port}?tls=false`).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toMatch(/did not answer/);
    expect(String(error)).not.toMatch(/s3cret/);
  });
});

async function lastOf(store: { readStream(s: string): Promise<StoredEvent[]> }) {
  const last = (await store.readStream('meeting-u')).at(-1);
  return last ? { revision: last.metadata.revision, hash: last.metadata.hash } : undefined;
}

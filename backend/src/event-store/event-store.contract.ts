/**
 * The behaviour every EventStore adapter must share. An adapter's spec calls
 * testEventStore() with a factory; the suite never looks behind the port.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chainEvents, GENESIS_HASH, verifyChain } from '@tallyroom/contracts';
import { ConcurrencyError, NO_STREAM, type ChainedEvent, type EventStore, type StoredEvent } from './event-store.js';

export interface EventStoreHarness {
  store: EventStore;
  /**
   * Opens a fresh store over the same data. The suite closes `store` first.
   * Omit for adapters without persistence; the durability test is skipped.
   */
  reopen?: () => Promise<EventStore>;
  /**
   * Opens another store over the same data while `store` stays open, as a
   * second client or process would. Omit if the adapter cannot; the
   * multi-client tests then run against `store` alone or are skipped.
   */
  second?: () => Promise<EventStore>;
  /** Closes whatever the factory, reopen or second opened and deletes the data. */
  cleanup: () => Promise<void>;
}

/** A chained batch for `stream`, following `after` (the stream's last event, if any). */
export function makeEvents(
  meetingId: string,
  count: number,
  after?: { revision: number; hash: string },
  type = 'Tested',
): ChainedEvent[] {
  const first = after ? after.revision + 1 : 0;
  return chainEvents(
    after?.hash ?? GENESIS_HASH,
    Array.from({ length: count }, (_, i) => ({
      type,
      data: { n: first + i, note: '签到 ✓', nested: { list: [1, 'two', null, true] } },
      metadata: {
        meetingId,
        revision: first + i,
        recordedAt: new Date(Date.UTC(2025, 4, 1, 9, 0, 0, first + i)).toISOString(),
        actor: { role: 'chair', id: 'cred-chair' },
        commandId: `${meetingId}-cmd-${first + i}`,
      },
    })),
  );
}

const headOf = (events: readonly ChainedEvent[]) => {
  const last = events[events.length - 1];
  return last ? { revision: last.metadata.revision, hash: last.metadata.hash } : undefined;
};

/** Strips what the store adds, to compare with what was appended. */
const envelope = ({ type, data, metadata }: StoredEvent): ChainedEvent => ({ type, data, metadata });

async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function expectStrictlyIncreasing(positions: number[]): void {
  positions.forEach((p, i) => {
    expect(p).toBeGreaterThan(i === 0 ? 0 : positions[i - 1]!);
  });
}

export function testEventStore(name: string, factory: () => Promise<EventStoreHarness>): void {
  describe(`EventStore contract: ${name}`, () => {
    let harness: EventStoreHarness;
    let store: EventStore;

    beforeEach(async () => {
      harness = await factory();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('appends and reads back per stream and globally, revisions from 0', async () => {
      const a1 = makeEvents('a', 3);
      const b1 = makeEvents('b', 2);
      const a2 = makeEvents('a', 1, headOf(a1));

      const r1 = await store.append('meeting-a', a1, NO_STREAM);
      expect(r1.nextRevision).toBe(2);
      const r2 = await store.append('meeting-b', b1, NO_STREAM);
      expect(r2.nextRevision).toBe(1);
      const r3 = await store.append('meeting-a', a2, 2);
      expect(r3.nextRevision).toBe(3);
      expect(r2.position).toBeGreaterThan(r1.position);
      expect(r3.position).toBeGreaterThan(r2.position);

      const streamA = await store.readStream('meeting-a');
      expect(streamA.map((e) => e.metadata.revision)).toEqual([0, 1, 2, 3]);
      expect(streamA.map(envelope)).toEqual([...a1, ...a2]);
      expect(streamA[3]!.position).toBe(r3.position);
      expect((await store.readStream('meeting-a', 2)).map((e) => e.metadata.revision)).toEqual([2, 3]);
      expect(await store.readStream('meeting-none')).toEqual([]);

      const all = await store.readAll();
      expect(all.map(envelope)).toEqual([...a1, ...b1, ...a2]);
      expectStrictlyIncreasing(all.map((e) => e.position));
      expect(all[2]!.position).toBe(r1.position);

      expect(await store.readAll(all[2]!.position)).toEqual(all.slice(3));
      expect(await store.readAll(0, 2)).toEqual(all.slice(0, 2));
      expect(await store.readAll(all[5]!.position)).toEqual([]);

      expect((await store.listStreams()).sort()).toEqual(['meeting-a', 'meeting-b']);
    });

    it('lists the streams of one prefix alone (the approver’s worklist lists the 换届 process streams)', async () => {
      for (const stream of ['meeting-b', 'election-e2', 'meeting-a', 'meeting-ab', 'election-e1', 'organisation-o'])
        await store.append(stream, makeEvents(stream, 2), NO_STREAM);
      expect(await store.listStreams('election-')).toEqual(['election-e1', 'election-e2']);
      expect(await store.listStreams('meeting-a')).toEqual(['meeting-a', 'meeting-ab']);
      expect(await store.listStreams('meeting-')).toEqual(['meeting-a', 'meeting-ab', 'meeting-b']);
      expect(await store.listStreams('operator-')).toEqual([]);
      expect(await store.listStreams('o')).toEqual(['organisation-o']);
      expect(await store.listStreams('e')).toEqual(['election-e1', 'election-e2']);
      expect(await store.listStreams('other-')).toEqual([]);
      expect(await store.listStreams()).toEqual([
        'election-e1',
        'election-e2',
        'meeting-a',
        'meeting-ab',
        'meeting-b',
        'organisation-o',
      ]);
    });

    it('deleteStream removes one stream (a practice meeting): it reads as missing, the others stay as they were', async () => {
      const gone = makeEvents('gone', 3);
      const kept = makeEvents('kept', 2);
      await store.append('meeting-gone', gone, NO_STREAM);
      await store.append('meeting-kept', kept, NO_STREAM);
      const keptBefore = await store.readStream('meeting-kept');

      await store.deleteStream('meeting-gone');
      expect(await store.readStream('meeting-gone')).toEqual([]);
      expect(await store.readStream('meeting-kept')).toEqual(keptBefore);
      await store.deleteStream('meeting-never-written'); // a missing stream: nothing happens
      expect(await store.readStream('meeting-kept')).toEqual(keptBefore);
    });

    it('refuses a stale expected revision and writes nothing', async () => {
      const first = makeEvents('c', 3);
      await store.append('meeting-c', first, NO_STREAM);
      const before = await store.readAll();

      const stale = makeEvents('c', 2, { revision: 0, hash: first[0]!.metadata.hash });
      const error: unknown = await store.append('meeting-c', stale, 0).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ stream: 'meeting-c', expected: 0, actual: 2 });

      expect(await store.readAll()).toEqual(before);
    });

    it('treats -1 as "the stream must not exist", and a missing stream as revision -1', async () => {
      await store.append('meeting-d', makeEvents('d', 1), NO_STREAM);
      const before = await store.readAll();

      await expect(store.append('meeting-d', makeEvents('d', 1), NO_STREAM)).rejects.toMatchObject({
        name: 'ConcurrencyError',
        expected: -1,
        actual: 0,
      });
      await expect(
        store.append('meeting-new', makeEvents('new', 1, { revision: 0, hash: GENESIS_HASH }), 0),
      ).rejects.toMatchObject({
        name: 'ConcurrencyError',
        expected: 0,
        actual: -1,
      });
      expect(await store.readAll()).toEqual(before);
      expect(await store.listStreams()).toEqual(['meeting-d']);
    });

    it('refuses events whose revisions do not follow the expected revision', async () => {
      await expect(
        store.append('meeting-e', makeEvents('e', 2, { revision: 4, hash: GENESIS_HASH }), NO_STREAM),
      ).rejects.toThrow(/revision/);
      expect(await store.readAll()).toEqual([]);
    });

    it('lets exactly one of several concurrent appends with the same expectation win', async () => {
      await store.append('meeting-f', makeEvents('f', 2), NO_STREAM);
      const head = headOf(await store.readStream('meeting-f'))!;
      const contenders = Array.from({ length: 10 }, (_, i) => makeEvents('f', 2, head, `Contender${i}`));

      const settled = await Promise.allSettled(contenders.map((events) => store.append('meeting-f', events, 1)));

      const winners = settled.flatMap((s, i) => (s.status === 'fulfilled' ? [i] : []));
      expect(winners).toHaveLength(1);
      for (const s of settled) {
        if (s.status === 'rejected') expect(s.reason).toBeInstanceOf(ConcurrencyError);
      }
      const stream = await store.readStream('meeting-f');
      expect(stream.map((e) => e.metadata.revision)).toEqual([0, 1, 2, 3]);
      expect(stream.slice(2).map(envelope)).toEqual(contenders[winners[0]!]);
    });

    it('subscribes from a checkpoint with no gaps and no duplicates, then follows new commits', async () => {
      const appendTo = async (
        stream: string,
        meetingId: string,
        count: number,
        after?: { revision: number; hash: string },
      ) => {
        const events = makeEvents(meetingId, count, after);
        await store.append(stream, events, after ? after.revision : NO_STREAM);
        return headOf(events);
      };
      let headA = await appendTo('meeting-g', 'g', 3);
      await appendTo('meeting-h', 'h', 2);
      const existing = await store.readAll();
      const checkpoint = existing[1]!.position;

      const seen: StoredEvent[] = [];
      const sub = store.subscribe(checkpoint, (e) => seen.push(e));

      // New commits while catching up: serial ones and a concurrent group.
      headA = await appendTo('meeting-g', 'g', 2, headA);
      await Promise.all([appendTo('meeting-i', 'i', 4), appendTo('meeting-j', 'j', 1), appendTo('meeting-k', 'k', 3)]);
      headA = await appendTo('meeting-g', 'g', 1, headA);

      const expected = await store.readAll(checkpoint);
      expect(expected).toHaveLength(existing.length - 2 + 2 + 8 + 1);
      await waitFor(() => seen.length >= expected.length, 'the subscription to catch up');
      await sleep(150); // several poll intervals: a duplicate would show up now
      expect(seen).toEqual(expected);
      expectStrictlyIncreasing(seen.map((e) => e.position));

      sub.close();
      await appendTo('meeting-g', 'g', 1, headA);
      await sleep(150);
      expect(seen).toHaveLength(expected.length);
    });

    it('stops a subscription at the event its handler throws on, and reports it', async () => {
      await store.append('meeting-l', makeEvents('l', 5), NO_STREAM);
      const seen: number[] = [];
      const errors: Array<{ error: unknown; position: number }> = [];
      store.subscribe(
        0,
        (e) => {
          if (e.metadata.revision === 2) throw new Error('projection bug');
          seen.push(e.metadata.revision);
        },
        { onError: (error, event) => errors.push({ error, position: event.position }) },
      );
      await waitFor(() => errors.length > 0, 'the handler error to be reported');
      await sleep(150);
      expect(seen).toEqual([0, 1]);
      expect(errors).toHaveLength(1);
      expect(String(errors[0]!.error)).toMatch(/projection bug/);
    });

    it('keeps a 1,000-event chain, appended in batches, verifiable', async () => {
      const appended: ChainedEvent[] = [];
      let batch = 1;
      while (appended.length < 1000) {
        const size = Math.min(batch, 1000 - appended.length);
        const events = makeEvents('chain', size, headOf(appended));
        const result = await store.append('meeting-chain', events, appended.length - 1);
        expect(result.nextRevision).toBe(appended.length + size - 1);
        appended.push(...events);
        batch = (batch % 37) + 1;
      }
      const stream = await store.readStream('meeting-chain');
      expect(stream).toHaveLength(1000);
      expect(verifyChain(stream, { expectedMeetingId: 'chain' })).toEqual({
        ok: true,
        head: { revision: 999, hash: appended[999]!.metadata.hash },
      });
      // The same holds for the serialised export a supervisor would receive.
      const exported = stream.map((e) => JSON.parse(JSON.stringify(envelope(e))) as ChainedEvent);
      expect(verifyChain(exported).ok).toBe(true);
    });

    it('still has everything after close and reopen', async ({ skip }) => {
      if (!harness.reopen) return skip();
      const a = makeEvents('p', 5);
      await store.append('meeting-p', a, NO_STREAM);
      await store.append('meeting-q', makeEvents('q', 2), NO_STREAM);
      const before = await store.readAll();
      // Not awaited before close(): an append still queued must be flushed, not lost.
      const pending = store.append('meeting-p', makeEvents('p', 1, headOf(a)), 4);
      const closing = store.close();
      await pending;
      await closing;

      store = await harness.reopen();
      const all = await store.readAll();
      expect(all).toHaveLength(8);
      expect(all.slice(0, 7)).toEqual(before);
      expect((await store.listStreams()).sort()).toEqual(['meeting-p', 'meeting-q']);
      expect(verifyChain(await store.readStream('meeting-p')).ok).toBe(true);

      // The reopened store continues where the old one stopped.
      const last = headOf(await store.readStream('meeting-p'))!;
      const next = await store.append('meeting-p', makeEvents('p', 1, last), last.revision);
      expect(next.nextRevision).toBe(6);
      expect(next.position).toBeGreaterThan(all[all.length - 1]!.position);
    });

    it('accepts 50 concurrent appends to 50 streams', async () => {
      const batches = Array.from({ length: 50 }, (_, i) => makeEvents(`s${i}`, 1 + (i % 3)));
      const results = await Promise.all(batches.map((events, i) => store.append(`meeting-s${i}`, events, NO_STREAM)));
      results.forEach((r, i) => expect(r.nextRevision).toBe(batches[i]!.length - 1));

      const all = await store.readAll();
      expect(all).toHaveLength(batches.reduce((n, b) => n + b.length, 0));
      expectStrictlyIncreasing(all.map((e) => e.position));
      expect(new Set(results.map((r) => r.position)).size).toBe(50);
      for (const [i, events] of batches.entries()) {
        expect((await store.readStream(`meeting-s${i}`)).map(envelope)).toEqual(events);
      }
    });

    it('refuses work once closed', async () => {
      await store.close();
      await expect(store.append('meeting-z', makeEvents('z', 1), NO_STREAM)).rejects.toThrow(/closed/);
      await store.close(); // idempotent
    });

    it('lets exactly one of two clients win each revision when they race on one stream', async ({ skip }) => {
      if (!harness.second) return skip();
      const other = await harness.second();
      let head: { revision: number; hash: string } | undefined;
      for (let round = 0; round < 10; round++) {
        const expected = head ? head.revision : NO_STREAM;
        const mine = makeEvents('race', 1 + (round % 3), head, `Mine${round}`);
        const theirs = makeEvents('race', 1 + ((round + 1) % 3), head, `Theirs${round}`);
        const settled = await Promise.allSettled([
          store.append('meeting-race', mine, expected),
          other.append('meeting-race', theirs, expected),
        ]);
        const won = settled.filter((s) => s.status === 'fulfilled');
        expect(won, `round ${round}`).toHaveLength(1);
        const lost = settled.find((s) => s.status === 'rejected');
        expect(lost?.reason).toBeInstanceOf(ConcurrencyError);
        const winner = settled[0]!.status === 'fulfilled' ? mine : theirs;
        expect(lost?.reason).toMatchObject({
          stream: 'meeting-race',
          expected,
          actual: winner.at(-1)!.metadata.revision,
        });
        head = headOf(winner);
      }
      // Both clients see the same, unbroken chain.
      const seenByStore = await store.readStream('meeting-race');
      expect(await other.readStream('meeting-race')).toEqual(seenByStore);
      expect(seenByStore.at(-1)!.metadata).toMatchObject(head!);
      expect(verifyChain(seenByStore, { expectedMeetingId: 'race' }).ok).toBe(true);
      expect(await store.readAll()).toEqual(seenByStore);
    });

    it('resumes a subscription from the last delivered position without gaps or duplicates', async () => {
      const heads = new Map<string, { revision: number; hash: string } | undefined>();
      const appendTo = async (meetingId: string, count: number) => {
        const after = heads.get(meetingId);
        const events = makeEvents(meetingId, count, after);
        await store.append(`meeting-${meetingId}`, events, after ? after.revision : NO_STREAM);
        heads.set(meetingId, headOf(events));
      };
      await appendTo('r1', 3);
      await appendTo('r2', 2);

      // Keep appending to several streams for the whole test.
      let writing = true;
      const writer = (async () => {
        for (let i = 0; writing && i < 200; i++) {
          await appendTo(`r${1 + (i % 3)}`, 1 + (i % 2));
          await sleep(2);
        }
      })();

      const first: StoredEvent[] = [];
      const sub1 = store.subscribe(0, (e) => first.push(e));
      await waitFor(() => first.length >= 12, 'the first subscription to see 12 events');
      sub1.close();
      const countAtClose = first.length;
      const checkpoint = first.at(-1)!.position;
      await sleep(50); // commits land while nobody is subscribed

      // The checkpoint is all a consumer keeps; another client may resume from it.
      const resumer = harness.second ? await harness.second() : store;
      const second: StoredEvent[] = [];
      const sub2 = resumer.subscribe(checkpoint, (e) => second.push(e));
      await waitFor(() => second.length >= 10, 'the resumed subscription to see 10 events');
      writing = false;
      await writer;

      const all = await store.readAll();
      await waitFor(() => first.length + second.length >= all.length, 'the resumed subscription to catch up');
      await sleep(150); // a duplicate would show up now
      sub2.close();
      expect(first).toHaveLength(countAtClose); // nothing after close()
      expect([...first, ...second]).toEqual(all);
      expectStrictlyIncreasing([...first, ...second].map((e) => e.position));
      expect(second[0]!.position).toBeGreaterThan(checkpoint);
    });
  });
}

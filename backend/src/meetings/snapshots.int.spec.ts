import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeState, meetingView, streamName, type MeetingEvent } from '@tallyroom/contracts';
import { ballotsWithTotals, readyMeeting } from '../../../contracts/src/testing/fixtures.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import type { Config } from '../config.js';
import { LivePublisher } from './live-publisher.js';
import { MeetingCache } from './meeting-cache.js';
import { MeetingHandle } from './meeting-handle.js';
import { SNAPSHOT_LIMITS, SnapshotScheduler, type SnapshotLimits } from './snapshot-scheduler.js';
import { decodeSnapshot, encodeSnapshot } from './snapshots.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A meeting log grown through the real decider: roll, check-ins, a double-entry round, declared. */
function meetingLog(meetingId: string): MeetingEvent[] {
  const b = readyMeeting({ voters: 40, seats: 2, candidates: 4 });
  b.vote('c1', ballotsWithTotals({ p1: 30, p2: 28, p3: 10, p4: 5 }, 38, 2));
  return b.log().map((e) => ({ ...e, metadata: { ...e.metadata, meetingId } })) as MeetingEvent[];
}

/** The log re-chained after its meeting id was changed, so hashes match their content. */
async function storeWith(events: MeetingEvent[]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tallyroom-snap-'));
  dirs.push(dir);
  const file = path.join(dir, 'store.db');
  const { chainEvents, GENESIS_HASH } = await import('@tallyroom/contracts');
  const chained = chainEvents(
    GENESIS_HASH,
    events.map(({ type, data, metadata: { hash: _h, prevHash: _p, ...m } }) => ({ type, data, metadata: m })),
  ) as MeetingEvent[];
  const store = SqliteEventStore.open(file);
  return { file, store, chained };
}

/** A meeting cache on the store, and the snapshot scheduler it reports to. */
function cacheOn(store: SqliteEventStore, file: string, limits: SnapshotLimits = SNAPSHOT_LIMITS) {
  const scheduler = new SnapshotScheduler(store, limits);
  scheduler.onModuleDestroy(); // the tests run the sweep by hand
  return {
    cache: new MeetingCache(store, scheduler, new LivePublisher(), { TALLYROOM_STORE: `sqlite:${file}` } as Config),
    scheduler,
  };
}

const fromZero = (meetingId: string, events: MeetingEvent[]) => {
  const h = new MeetingHandle(meetingId);
  h.apply(events);
  return h;
};

describe('snapshots of folded state', () => {
  it('a snapshot is ASCII text that decodes to the state it was taken of, names in Chinese included', async () => {
    const meetingId = 'snap-ascii';
    const { file, store, chained } = await storeWith(meetingLog(meetingId));
    await store.append(streamName(meetingId), chained, -1);
    const { cache, scheduler } = cacheOn(store, file);
    const h = (await cache.get(meetingId))!;
    scheduler.snapshot(h);
    const body = store.snapshots.readSnapshot(streamName(meetingId))!.body;
    expect(JSON.stringify(encodeState(h.state))).toMatch(/[\u4e00-\u9fff]/);
    expect(body).toMatch(/^[\u0020-\u007e]*$/);
    const decoded = decodeSnapshot(body)!;
    expect(decoded.state).toEqual(h.state);
    expect(encodeSnapshot(decoded.state, decoded.outcomes)).toBe(body);
    await store.close();
  });

  it('encoding a snapshot leaves no reference to its text in RegExp.input, where V8 would keep it alive', async () => {
    const meetingId = 'snap-regexp';
    const { file, store, chained } = await storeWith(meetingLog(meetingId));
    await store.append(streamName(meetingId), chained, -1);
    const h = (await cacheOn(store, file).cache.get(meetingId))!;
    const body = encodeSnapshot(h.state, h.outcomes);
    // The legacy static that mirrors V8's last-match info: the subject of the last successful match anywhere
    // (read before any assertion, whose own matching would replace it). Escaping the Chinese names matched.
    const lastSubject = (RegExp as unknown as { input: string }).input;
    expect(body).toContain('\\u');
    expect(lastSubject).not.toContain('"fold"');
    expect(lastSubject.length).toBeLessThan(100);
    await store.close();
  });

  it('a meeting loaded from a snapshot plus the events after it equals a replay from revision 0', async () => {
    const meetingId = 'snap1';
    const { file, store, chained } = await storeWith(meetingLog(meetingId));
    const cut = Math.floor(chained.length * 0.6);
    await store.append(streamName(meetingId), chained.slice(0, cut), -1);
    const first = cacheOn(store, file);
    const h1 = (await first.cache.get(meetingId))!;
    expect(h1.fromSnapshot).toBeNull();
    first.scheduler.snapshot(h1);
    expect(store.snapshots.readSnapshot(streamName(meetingId))?.revision).toBe(cut - 1);
    await store.append(streamName(meetingId), chained.slice(cut), cut - 1);
    await store.close();

    const reopened = SqliteEventStore.open(file);
    const { cache: second } = cacheOn(reopened, file);
    const h2 = (await second.get(meetingId))!;
    expect(h2.fromSnapshot).toBe(cut - 1);
    expect(h2.broken).toBeNull();
    const full = fromZero(meetingId, chained);
    expect(h2.state.revision).toBe(chained.length - 1);
    expect(encodeSnapshot(h2.state, h2.outcomes)).toBe(encodeSnapshot(full.state, full.outcomes));
    for (const role of ['chair', 'observer', 'scrutineer'] as const)
      expect(meetingView(h2.state, { role })).toEqual(meetingView(full.state, { role }));
    expect(h2.state.contests.get('c1')!.elected).toEqual(full.state.contests.get('c1')!.elected);

    // The background check folds from 0 again and agrees: nothing is reported broken.
    const broken: string[] = [];
    expect(await second.verifyAll((h) => broken.push(h.meetingId))).toBe(1);
    expect(broken).toEqual([]);
    await reopened.close();
  });

  it('a snapshot that does not match the log is found by the background check and quarantines the meeting', async () => {
    const meetingId = 'snap2';
    const { file, store, chained } = await storeWith(meetingLog(meetingId));
    await store.append(streamName(meetingId), chained, -1);
    const first = cacheOn(store, file);
    first.scheduler.snapshot((await first.cache.get(meetingId))!);
    // Someone edits the cached state: one more "for" vote for p3.
    const snap = store.snapshots.readSnapshot(streamName(meetingId))!;
    const forged = snap.body.replace('"candidateId":"p3","for":10', '"candidateId":"p3","for":11');
    expect(forged).not.toBe(snap.body);
    store.snapshots.writeSnapshot(streamName(meetingId), { ...snap, revision: snap.revision + 1 });
    store.snapshots.writeSnapshot(streamName(meetingId), { revision: snap.revision, hash: snap.hash, body: forged }); // older revision: refused
    expect(store.snapshots.readSnapshot(streamName(meetingId))!.body).toBe(snap.body);
    await store.close();

    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(file);
    raw
      .prepare('UPDATE snapshots SET body = ?, revision = ? WHERE stream = ?')
      .run(forged, snap.revision, streamName(meetingId));
    raw.close();

    const reopened = SqliteEventStore.open(file);
    const { cache: second } = cacheOn(reopened, file);
    const broken: MeetingHandle[] = [];
    await second.verifyAll((h) => broken.push(h));
    expect(broken.map((h) => h.meetingId)).toEqual([meetingId]);
    expect(broken[0]!.broken?.problem).toMatch(/snapshot does not match/);
    await reopened.close();
  });

  it('a snapshot whose event is no longer in the log is ignored, and the meeting is folded from revision 0', async () => {
    const meetingId = 'snap3';
    const { file, store, chained } = await storeWith(meetingLog(meetingId));
    await store.append(streamName(meetingId), chained, -1);
    const { cache: first } = cacheOn(store, file);
    const h = (await first.get(meetingId))!;
    store.snapshots.writeSnapshot(streamName(meetingId), {
      revision: h.state.revision,
      hash: 'f'.repeat(64),
      body: encodeSnapshot(h.state, h.outcomes),
    });
    const { cache: again } = cacheOn(store, file);
    const h2 = (await again.get(meetingId))!;
    expect(h2.fromSnapshot).toBeNull();
    expect(encodeSnapshot(h2.state, h2.outcomes)).toBe(encodeSnapshot(h.state, h.outcomes));
    await store.close();
  });

  it('while serving, a due snapshot waits for a quiet moment, and one long overdue is taken at once', async () => {
    const meetingId = 'snap4';
    const { file, store, chained } = await storeWith(meetingLog(meetingId));
    await store.append(streamName(meetingId), chained, -1);
    // Thresholds scaled down to this log's length (the real ones count tens of thousands of events).
    const limits = { ...SNAPSHOT_LIMITS, afterLoad: Infinity, whileServing: 10 };
    const { cache, scheduler } = cacheOn(store, file, limits);
    const h = (await cache.get(meetingId))!;
    const stream = streamName(meetingId);
    try {
      expect(h.sinceSnapshot).toBeGreaterThanOrEqual(limits.whileServing);
      scheduler.noteApplied(cache.pipeline(h));
      const at = performance.now();
      expect(store.snapshots.readSnapshot(stream)).toBeUndefined();
      const other = cache.pipeline(new MeetingHandle('busy-elsewhere'));
      scheduler.takeDueSnapshots(at + 800);
      scheduler.noteApplied(other); // another meeting is busy: the encode would hold its commands too
      scheduler.takeDueSnapshots(performance.now() + 500);
      expect(store.snapshots.readSnapshot(stream)).toBeUndefined();
      scheduler.takeDueSnapshots(performance.now() + 1500);
      expect(store.snapshots.readSnapshot(stream)?.revision).toBe(h.state.revision);
      expect(h.sinceSnapshot).toBe(0);

      // Past `overdue`: no quiet moment needed, even while the meeting's own appends are pending.
      const overdue = new SnapshotScheduler(store, { ...limits, overdue: 10 });
      overdue.onModuleDestroy();
      const h2 = fromZero(meetingId, chained);
      overdue.noteApplied({ meeting: h2, busy: true });
      expect(h2.sinceSnapshot).toBe(0);
    } finally {
      cache.onModuleDestroy();
      await store.close();
    }
  });
});

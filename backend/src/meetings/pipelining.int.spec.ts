import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DomainError, parseCommand, streamName, verifyChain, type MeetingEvent } from '@tallyroom/contracts';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import type { Config } from '../config.js';
import { VenueKeys } from './venue-keys.js';
import { CommandService, type Actor } from './command.service.js';
import { LivePublisher, type Committed } from './live-publisher.js';
import { MeetingCache } from './meeting-cache.js';
import { MeetingHandle } from './meeting-handle.js';
import { SnapshotScheduler } from './snapshot-scheduler.js';
import { scratch } from './scratch.testing.js';
import { encodeSnapshot } from './snapshots.js';
import type { CommitPipeline } from './commit-pipeline.js';

/**
 * Commands on one meeting are decided while the previous commit is still in
 * flight and committed together. These tests drive the real command service
 * on a real SQLite file and check what the log, the acknowledgements and the
 * live updates say, including when a commit fails.
 */
const tmp = scratch('tallyroom-pipeline-');

const system: Actor = { role: 'system', id: 'test' };
const MEMBERS = 200;
const memberIds = Array.from({ length: MEMBERS }, (_, i) => `m${String(i + 1).padStart(4, '0')}`);

async function setUp() {
  const dir = tmp.dir();
  const file = path.join(dir, 'store.db');
  const store = SqliteEventStore.open(file);
  tmp.onEnd(() => store.close());
  const publisher = new LivePublisher();
  const scheduler = new SnapshotScheduler(store);
  const registry = new MeetingCache(store, scheduler, publisher, { TALLYROOM_STORE: `sqlite:${file}` } as Config);
  tmp.onEnd(() => {
    scheduler.onModuleDestroy();
    registry.onModuleDestroy();
  });
  const service = new CommandService(registry, new VenueKeys({ TALLYROOM_STORE: 'sqlite::memory:' } as Config));
  const updates: Committed[] = [];
  publisher.onCommitted((c) => updates.push({ ...c, events: [...c.events] }));
  const h = await service.create(
    'pipe01',
    [
      parseCommand({
        type: 'ScheduleMeeting',
        data: { title: 'Pipelining', organisation: 'Test branch', scheduledFor: '2026-01-01' }, // a past day: check-in is open (rehearsal.ts)
      }),
    ],
    system,
    'schedule',
  );
  await service.execute(
    h,
    {
      type: 'EnrolMembers',
      data: { members: memberIds.map((memberId) => ({ memberId, name: `Member ${memberId}`, status: 'full' })) },
      commandId: 'enrol',
    },
    system,
  );
  await nextTurn();
  return { file, store, registry, service, h, pipeline: registry.pipeline(h), updates };
}

/** Folded commits reach the live publisher's listeners on the next turn. */
const nextTurn = () => new Promise((r) => setImmediate(r));

const checkIn = (memberId: string, commandId: string) => ({
  type: 'CheckIn',
  data: { memberId, method: 'kiosk' },
  commandId,
});

/** The log as stored, and the same meeting folded from it afresh. */
async function logOf(store: SqliteEventStore, h: MeetingHandle) {
  const events = (await store.readStream(streamName(h.meetingId))).map(
    ({ type, data, metadata }) => ({ type, data, metadata }) as MeetingEvent,
  );
  const fresh = new MeetingHandle(h.meetingId);
  fresh.apply(events);
  return { events, fresh };
}

function expectConsistent(events: MeetingEvent[], h: MeetingHandle, fresh: MeetingHandle, pipeline: CommitPipeline) {
  expect(events.map((e) => e.metadata.revision)).toEqual(events.map((_, i) => i));
  expect(verifyChain(events).ok).toBe(true);
  // Memory holds exactly the durable log: nothing speculative stayed behind. The twin kept for the next
  // burst (folded event by event as commands were decided, never re-cloned) is the durable state again.
  expect(pipeline.busy).toBe(false);
  if (pipeline.twin) expect(encodeSnapshot(pipeline.twin, h.outcomes)).toBe(encodeSnapshot(h.state, h.outcomes));
  expect(h.state.revision).toBe(events.length - 1);
  expect(encodeSnapshot(h.state, h.outcomes)).toBe(encodeSnapshot(fresh.state, fresh.outcomes));
}

describe('pipelined decide within one meeting', () => {
  it('128 concurrent commands, retries and a revision check: every acknowledged event in the log once, gapless, chained, and each ack names its own events', async () => {
    const { store, service, h, pipeline, updates } = await setUp();
    const start = h.state.revision;
    const commits0 = store.stats.transactions;
    updates.length = 0;

    const ids = memberIds.slice(0, 128);
    const sends = ids.map((m) => service.execute(h, checkIn(m, `ci-${m}`), system));
    // The same commandIds again while the first tries are still in flight: answered once, writing nothing.
    const retries = ids.slice(0, 16).map((m) => service.execute(h, checkIn(m, `ci-${m}`), system));
    const acks = await Promise.all(sends);
    const again = await Promise.all(retries);

    const { events, fresh } = await logOf(store, h);
    // 128 commands at once were decided on a speculative twin, which is kept in step for the next burst.
    expect(pipeline.twin).not.toBeNull();
    expectConsistent(events, h, fresh, pipeline);
    const after = events.slice(start + 1);
    expect(after).toHaveLength(128);
    const byRevision = new Map(after.map((e) => [e.metadata.revision, e]));
    for (const [i, ack] of acks.entries()) {
      expect(ack.duplicate).toBeUndefined();
      expect(ack.events).toHaveLength(1);
      expect(ack.revision).toBe(ack.events[0]!.revision);
      const stored = byRevision.get(ack.revision)!;
      expect(stored.metadata.commandId).toBe(`ci-${ids[i]}`);
      expect(stored.data).toMatchObject({ memberId: ids[i] });
    }
    expect(new Set(acks.map((a) => a.revision)).size).toBe(128);
    for (const [i, ack] of again.entries()) expect(ack).toEqual({ ...acks[i], duplicate: true });
    expect(h.state.presentVoters).toBe(128);

    // Many commands shared a commit: fewer transactions than commands.
    expect(store.stats.transactions - commits0).toBeLessThan(128);

    await nextTurn();
    // Live updates: every revision exactly once, in order, fewer updates than commands, each view at its own revision.
    const seen = updates.flatMap((u) =>
      Array.from({ length: u.revision - u.fromRevision + 1 }, (_, k) => u.fromRevision + k),
    );
    expect(seen).toEqual(after.map((e) => e.metadata.revision));
    for (const u of updates)
      expect(u.events.map((e) => e.metadata.revision)).toEqual(
        Array.from({ length: u.revision - u.fromRevision + 1 }, (_, k) => u.fromRevision + k),
      );
    expect(updates.length).toBeLessThan(128);

    // expectedRevision is checked against the durable head, not against pending events.
    const head = h.state.revision;
    const racing = [
      service.execute(h, checkIn(memberIds[150]!, 'ci-150'), system),
      service.execute(h, { ...checkIn(memberIds[151]!, 'ci-151'), expectedRevision: head }, system),
    ] as const;
    const [ok, stale] = await Promise.allSettled(racing);
    expect(ok.status).toBe('fulfilled');
    expect(stale.status).toBe('rejected');
    expect((stale as PromiseRejectedResult).reason).toMatchObject({ kind: 'conflict', code: 'STALE_REVISION' });
    const fine = await service.execute(
      h,
      { ...checkIn(memberIds[151]!, 'ci-151b'), expectedRevision: h.state.revision },
      system,
    );
    expect(fine.revision).toBe(head + 2);
  });

  it('a commit that fails leaks nothing: every command in it gets 503, none is in the log or in memory, and the same commands land once afterwards', async () => {
    const { file, store, service, h, pipeline, updates } = await setUp();
    const before = h.state.revision;
    updates.length = 0;

    // Another connection holds the write lock, so the real commit fails (SQLITE_BUSY after the busy timeout).
    const lock = new Database(file);
    tmp.onEnd(() => lock.close());
    lock.exec('BEGIN IMMEDIATE');
    const ids = memberIds.slice(0, 20);
    const sends = ids.map((m) => service.execute(h, checkIn(m, `ci-${m}`), system));
    // A refusal decided on the pending check-in of m0001 must not stand once that check-in is gone.
    const duplicateCheckIn = service.execute(h, checkIn(ids[0]!, 'ci-dup'), system);
    let released = false;
    const results = await Promise.allSettled(
      sends.map((p) =>
        p.catch((err: unknown) => {
          if (!released) {
            released = true;
            lock.exec('ROLLBACK');
          }
          throw err;
        }),
      ),
    );
    for (const r of results) {
      expect(r.status).toBe('rejected');
      const err = (r as PromiseRejectedResult).reason as DomainError;
      expect(err).toBeInstanceOf(DomainError);
      expect(err.kind).toBe('unavailable');
    }
    // Nothing of the failed batch is durable, folded, published or remembered as done.
    expect((await store.readStream(streamName(h.meetingId))).length).toBe(before + 1);
    expect(h.state.revision).toBe(before);
    expect(h.state.presentVoters).toBe(0);
    expect(updates).toEqual([]);
    for (const m of ids) expect(h.outcomes.has(`ci-${m}`)).toBe(false);
    // The check-in decided after the failed one (a no-op on the pending state) was decided again, on the store: it checks m0001 in.
    const dup = await duplicateCheckIn;
    expect(dup.events).toEqual([{ type: 'MemberCheckedIn', revision: before + 1 }]);

    // The same commands sent again all land, once each.
    const acks = await Promise.all(ids.map((m) => service.execute(h, checkIn(m, `ci-${m}`), system)));
    const { events, fresh } = await logOf(store, h);
    expectConsistent(events, h, fresh, pipeline);
    expect(events).toHaveLength(before + 1 + 20);
    expect(acks.filter((a) => a.events.length === 1)).toHaveLength(19); // m0001 was already in
    expect(h.state.presentVoters).toBe(20);
    await nextTurn();
    const seen = updates.flatMap((u) =>
      Array.from({ length: u.revision - u.fromRevision + 1 }, (_, k) => u.fromRevision + k),
    );
    expect(seen).toEqual(events.slice(before + 1).map((e) => e.metadata.revision));
  }, 30_000);
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainError, parseCommand, streamName, verifyChain, type MeetingEvent } from '@tallyroom/contracts';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import type { Config } from '../config.js';
import { VenueKeys } from './venue-keys.js';
import { CommandService, type Actor } from './command.service.js';
import { LivePublisher } from './live-publisher.js';
import { MeetingCache } from './meeting-cache.js';
import { SnapshotScheduler } from './snapshot-scheduler.js';
import { scratch } from './scratch.testing.js';

/**
 * Two processes' command paths on one SQLite file (REDIS_URL set: the store is shared), each with its own connection
 * and its own copy of the meeting, with no log follower between them: whatever the second copy learns of the first
 * one's commands, it learns from the store while deciding. A command decided on a copy that is behind must still be
 * answered as the log stands, and a command decided on a copy that is current must not read the store at all.
 */
const tmp = scratch('tallyroom-shared-');

const system: Actor = { role: 'system', id: 'test' };
const ids = ['m0001', 'm0002', 'm0003'];

/** One "process": its own store connection, cache and command service on the shared file. */
function processOn(file: string) {
  const store = SqliteEventStore.open(file);
  let reads = 0;
  const readStream = store.readStream.bind(store);
  store.readStream = (...args: Parameters<typeof readStream>) => {
    reads++;
    return readStream(...args);
  };
  const scheduler = new SnapshotScheduler(store);
  const cache = new MeetingCache(store, scheduler, new LivePublisher(), {
    TALLYROOM_STORE: `sqlite:${file}`,
    REDIS_URL: 'redis://127.0.0.1:1',
  } as Config);
  tmp.onEnd(() => {
    scheduler.onModuleDestroy();
    cache.onModuleDestroy();
    return store.close();
  });
  const service = new CommandService(cache, new VenueKeys({ TALLYROOM_STORE: 'sqlite::memory:' } as Config));
  return { store, cache, service, reads: () => reads };
}

async function twoProcesses() {
  const dir = tmp.dir();
  const file = path.join(dir, 'store.db');
  const a = processOn(file);
  const b = processOn(file);
  expect(a.cache.shared && b.cache.shared).toBe(true);
  const created = await a.service.create(
    'shared1',
    [
      parseCommand({
        type: 'ScheduleMeeting',
        data: { title: 'Shared store', organisation: 'Test branch', scheduledFor: '2026-01-01' },
      }),
    ],
    system,
    'schedule',
  );
  const enrol = (members: string[], commandId: string) => ({
    type: 'EnrolMembers',
    data: { members: members.map((memberId) => ({ memberId, name: `Member ${memberId}`, status: 'full' })) },
    commandId,
  });
  await a.service.execute(created, enrol(ids, 'enrol'), system);
  const onA = created;
  const onB = (await b.cache.get('shared1'))!;
  expect(onB.state.revision).toBe(onA.state.revision);
  return { a, b, onA, onB, enrol, store: a.store };
}

const checkIn = (memberId: string, commandId: string) => ({
  type: 'CheckIn',
  data: { memberId, method: 'desk' },
  commandId,
});

async function logOf(store: SqliteEventStore): Promise<MeetingEvent[]> {
  return (await store.readStream(streamName('shared1'))) as unknown as MeetingEvent[];
}

describe('a command path on a shared store', () => {
  it('decides on its copy without reading the store when no other process wrote', async () => {
    const { b, onB, store } = await twoProcesses();
    const before = b.reads();
    const out = await b.service.execute(onB, checkIn('m0001', 'c1'), system);
    expect(out.events.map((e) => e.type)).toEqual(['MemberCheckedIn']);
    expect(b.reads() - before).toBe(0);
    const log = await logOf(store);
    expect(log.filter((e) => e.type === 'MemberCheckedIn')).toHaveLength(1);
    expect(verifyChain(log).ok).toBe(true);
  });

  it('decides again on the log when its append loses the race to another process', async () => {
    const { a, b, onA, onB, store } = await twoProcesses();
    await a.service.execute(onA, checkIn('m0001', 'a1'), system);
    const stale = onB.state.revision;
    // B's copy is one revision behind: its check-in of another member is appended at a revision already taken.
    const out = await b.service.execute(onB, checkIn('m0002', 'b1'), system);
    expect(out.revision).toBe(stale + 2);
    const log = await logOf(store);
    expect(log.map((e) => e.metadata.revision)).toEqual(log.map((_, i) => i));
    expect(
      log.filter((e) => e.type === 'MemberCheckedIn').map((e) => (e.data as { memberId: string }).memberId),
    ).toEqual(['m0001', 'm0002']);
    expect(verifyChain(log).ok).toBe(true);
    expect(onB.state.revision).toBe(log.length - 1);
  });

  it('reads the log before refusing: a member enrolled through another process can check in', async () => {
    const { a, b, onA, onB, enrol, store } = await twoProcesses();
    await a.service.execute(onA, enrol(['m0009'], 'enrol-late'), system);
    // On B's copy m0009 is unknown, which the decider refuses; the log says otherwise.
    const out = await b.service.execute(onB, checkIn('m0009', 'b-late'), system);
    expect(out.events.map((e) => e.type)).toEqual(['MemberCheckedIn']);
    const log = await logOf(store);
    expect(log.at(-1)!.type).toBe('MemberCheckedIn');
    expect(verifyChain(log).ok).toBe(true);
  });

  it('reads the log before answering a revision it has not seen as stale', async () => {
    const { a, b, onA, onB } = await twoProcesses();
    await a.service.execute(onA, checkIn('m0001', 'a1'), system);
    const out = await b.service.execute(
      onB,
      { ...checkIn('m0002', 'b2'), expectedRevision: onA.state.revision },
      system,
    );
    expect(out.revision).toBe(onA.state.revision + 1);
    // A revision that really is stale is still refused, naming the head.
    const refused = await b.service
      .execute(onB, { ...checkIn('m0003', 'b3'), expectedRevision: 1 }, system)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('STALE_REVISION');
  });

  it('answers a retry sent to the other process with the first answer, writing nothing', async () => {
    const { a, b, onA, onB, store } = await twoProcesses();
    const first = await a.service.execute(onA, checkIn('m0001', 'same'), system);
    const again = await b.service.execute(onB, checkIn('m0001', 'same'), system);
    expect(again.duplicate).toBe(true);
    expect(again.revision).toBe(first.revision);
    expect((await logOf(store)).filter((e) => e.type === 'MemberCheckedIn')).toHaveLength(1);
  });
});

/**
 * A process stream written from two backend processes (two SmallStreams caches over one SQLite file) while this
 * process also reads it: a read that lands while this process's own append waits for the disk folds that event (and
 * the other process's next one) into the cache first. The commit must still be folded once, and the live listeners
 * must hear the state just after it, not a later one.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ElectionService, type ElectionCommitted } from '../elections/election.service.js';
import type { EventStore } from './event-store.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';

const chair = { role: 'chair', id: 'chair-1' } as const;
const propose = (nomineeId: string) => ({
  type: 'ProposeNominee',
  data: { nomineeId, name: `Nominee ${nomineeId}`, route: 'organisation' },
});

/** The store, with appends that stay unanswered (though committed) until `release()`, while `hold` is set. */
function heldStore(store: EventStore) {
  let gate: Promise<void> | undefined;
  let open: () => void = () => undefined;
  let committed: () => void = () => undefined;
  const wrapped: EventStore = Object.create(store) as EventStore;
  wrapped.append = async (...args) => {
    const result = await store.append(...args);
    if (gate) {
      committed();
      await gate;
    }
    return result;
  };
  return {
    store: wrapped,
    hold(): Promise<void> {
      gate = new Promise((r) => (open = r));
      return new Promise((r) => (committed = r));
    },
    release() {
      gate = undefined;
      open();
    },
  };
}

describe('SmallStreams (a 换届 process stream) under reads that overtake a commit', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tallyroom-small-stream-'));
    store = SqliteEventStore.open(join(dir, 'tallyroom.db'));
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('folds its own commit once and tells the listeners the state just after it', async () => {
    const held = heldStore(store);
    const a = new ElectionService(held.store);
    const b = new ElectionService(store);
    const heard: ElectionCommitted[] = [];
    a.onCommitted((c) => heard.push(c));
    await a.execute(
      'e1',
      [{ type: 'OpenElection', data: { organisation: '第一党支部', offices: [{ office: '委员', seats: 3 }] } }],
      { role: 'system', id: 'scheduler' },
      'open-e1',
      { create: true },
    );
    const opened = (await a.load('e1')).revision;

    const committed = held.hold();
    const mine = a.execute('e1', [propose('n1')], chair, 'p-n1', { idempotent: true });
    await committed; // n1 is in the store; a has not heard back yet
    await b.execute('e1', [propose('n2')], chair, 'p-n2', { idempotent: true }); // the other process, after it
    const seen = await a.load('e1'); // a read on a (a join, a GET) while its append still waits
    expect(seen.revision).toBe(opened + 2);
    held.release();
    const outcome = await mine;

    expect(outcome.revision).toBe(opened + 1);
    const own = heard.find((c) => c.events.some((e) => e.metadata.commandId === 'p-n1'))!;
    expect(own.state.revision).toBe(opened + 1);
    expect(Object.keys(own.state.nominees)).toEqual(['n1']);
    // The cache stays at the newer state and knows the commit's one event once: a retry gets the same answer.
    expect((await a.load('e1')).revision).toBe(opened + 2);
    const retry = await a.execute('e1', [propose('n1')], chair, 'p-n1', { idempotent: true });
    expect(retry).toEqual({ ...outcome, duplicate: true });
    expect(retry.events).toHaveLength(1);
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_STREAM, StoreWriteError, type AppendResult } from '../event-store.js';
import { GroupCommit } from './group-commit.js';
import { prepareStatements, setUpDatabase } from './schema.js';
import { WalSync } from './wal-sync.js';

/** A sync the test finishes by hand: what the disk would do, in the order the test chooses. */
function heldSyncs() {
  const pending: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  return {
    durable: () => new Promise<void>((resolve, reject) => pending.push({ resolve, reject })),
    pending,
  };
}

const row = (revision: number, text: string) => ({
  revision,
  type: 'Noted',
  data: JSON.stringify({ text }),
  metadata: JSON.stringify({ revision }),
});

describe('GroupCommit: nothing is acknowledged or shown before its WAL sync', () => {
  let dir: string;
  let db: Database.Database;
  let other: Database.Database;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tallyroom-group-commit-'));
    db = new Database(join(dir, 'events.db'));
    setUpDatabase(db);
    other = new Database(join(dir, 'events.db'), { readonly: true });
  });
  afterEach(async () => {
    other.close();
    db.close();
    await rm(dir, { recursive: true, force: true });
  });

  function commits() {
    const syncs = heldSyncs();
    const woken: number[] = [];
    const gc = new GroupCommit(db, prepareStatements(db), syncs.durable, () => woken.push(woken.length + 1));
    const settled: string[] = [];
    const append = (stream: string, expectedRevision: number, texts: string[]) =>
      new Promise<AppendResult>((resolve, reject) =>
        gc.enqueue({
          stream,
          expectedRevision,
          rows: texts.map((t, i) => row(expectedRevision + 1 + i, t)),
          resolve: (r) => (settled.push(`${stream} ok`), resolve(r)),
          reject: (e) => (settled.push(`${stream} failed`), reject(e)),
        }),
      );
    const count = () => (other.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    return { gc, syncs, woken, settled, append, count };
  }

  const turn = () => new Promise((r) => setImmediate(r));

  it('commits the batch at once, then acknowledges and wakes subscribers only once the sync is done', async () => {
    const c = commits();
    const a = c.append('meeting-a', NO_STREAM, ['one', 'two']);
    await turn();
    // Committed (another connection reads it), not yet acknowledged, and held back from subscribers.
    expect(c.count()).toBe(2);
    expect(c.settled).toEqual([]);
    expect(c.woken).toEqual([]);
    expect(c.gc.heldFrom).toBe(1);
    expect(c.syncs.pending).toHaveLength(1);
    c.syncs.pending[0]!.resolve();
    await expect(a).resolves.toEqual({ nextRevision: 1, position: 2 });
    expect(c.woken).toEqual([1]);
    expect(c.gc.heldFrom).toBe(Infinity);
  });

  it('commits the next batch while the first one syncs, holds subscribers below the older one, settles in order', async () => {
    const c = commits();
    const first = c.append('meeting-a', NO_STREAM, ['a1']);
    await turn();
    const second = c.append('meeting-b', NO_STREAM, ['b1', 'b2']);
    await turn();
    expect(c.count()).toBe(3);
    expect(c.syncs.pending).toHaveLength(2);
    expect(c.gc.heldFrom).toBe(1);
    c.syncs.pending[0]!.resolve();
    await first;
    expect(c.settled).toEqual(['meeting-a ok']);
    // The second batch (positions 2 and 3) is still held.
    expect(c.gc.heldFrom).toBe(2);
    c.syncs.pending[1]!.resolve();
    await second;
    expect(c.settled).toEqual(['meeting-a ok', 'meeting-b ok']);
    expect(c.gc.heldFrom).toBe(Infinity);
  });

  it('a refused append in a batch holds nothing and is refused only once the batch is synced', async () => {
    const c = commits();
    await Promise.all([c.append('meeting-a', NO_STREAM, ['a1']), turn().then(() => c.syncs.pending[0]!.resolve())]);
    const stale = c.append('meeting-a', NO_STREAM, ['again']);
    const fresh = c.append('meeting-c', NO_STREAM, ['c1']);
    stale.catch(() => undefined);
    await turn();
    expect(c.gc.heldFrom).toBe(2);
    expect(c.settled).toEqual(['meeting-a ok']);
    c.syncs.pending[1]!.resolve();
    await expect(stale).rejects.toMatchObject({ name: 'ConcurrencyError' });
    await expect(fresh).resolves.toEqual({ nextRevision: 0, position: 2 });
  });

  it('a failed sync refuses every append of its batch with a write error that says so', async () => {
    const c = commits();
    const a = c.append('meeting-a', NO_STREAM, ['one']);
    a.catch(() => undefined);
    await turn();
    c.syncs.pending[0]!.reject(Object.assign(new Error('input/output error'), { code: 'EIO' }));
    const error = await a.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreWriteError);
    expect(error).toMatchObject({ code: 'EIO', message: expect.stringMatching(/could not make a commit durable/) });
    expect(c.woken).toEqual([]);
    expect(c.gc.heldFrom).toBe(Infinity);
  });
});

describe('WalSync', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tallyroom-wal-sync-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('resolves every caller in the order asked, and the ones asking during a sync share the next', async () => {
    const file = join(dir, 'events.db-wal');
    await writeFile(file, 'frames');
    const sync = new WalSync(file);
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((n) => sync.durable().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3, 4]);
    await sync.close();
  });

  it('refuses while the file cannot be opened, and syncs once it can', async () => {
    const file = join(dir, 'events.db-wal');
    const sync = new WalSync(file);
    await expect(sync.durable()).rejects.toMatchObject({ code: 'ENOENT' });
    await writeFile(file, 'frames');
    await expect(sync.durable()).resolves.toBeUndefined();
    await sync.close();
  });

  it('has nothing to do for an in-memory database', async () => {
    const sync = new WalSync(null);
    await expect(sync.durable()).resolves.toBeUndefined();
    await sync.close();
  });
});

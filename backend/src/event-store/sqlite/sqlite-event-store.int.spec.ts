import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeEvents, testEventStore } from '../event-store.contract.js';
import { ConcurrencyError, NO_STREAM, type StoredEvent } from '../event-store.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { storeFromUrl } from '../store-from-url.js';

/** A temp directory whose stores are all closed and deleted afterwards. */
async function tempFile() {
  const dir = await mkdtemp(join(tmpdir(), 'tallyroom-store-'));
  const file = join(dir, 'nested', 'dirs', 'tallyroom.db');
  const opened: SqliteEventStore[] = [];
  const open = () => {
    const store = SqliteEventStore.open(file);
    opened.push(store);
    return store;
  };
  const cleanup = async () => {
    for (const store of opened) await store.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { dir, file, open, cleanup };
}

testEventStore('sqlite file', async () => {
  const tmp = await tempFile();
  return { store: tmp.open(), reopen: async () => tmp.open(), cleanup: tmp.cleanup };
});

testEventStore('sqlite in memory', async () => {
  const store = await storeFromUrl('sqlite::memory:');
  return { store, cleanup: () => store.close() };
});

describe('SqliteEventStore specifics', () => {
  let tmp: Awaited<ReturnType<typeof tempFile>>;
  beforeEach(async () => {
    tmp = await tempFile();
  });
  afterEach(async () => {
    await tmp.cleanup();
  });

  it('creates parent directories and a WAL-mode file', () => {
    tmp.open();
    expect(existsSync(tmp.file)).toBe(true);
    const raw = new Database(tmp.file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
  });

  it('commits appends issued together in one transaction, isolating a conflict', async () => {
    const store = tmp.open();
    const before = store.stats.transactions;
    const results = await Promise.allSettled([
      store.append('meeting-a', makeEvents('a', 2), NO_STREAM),
      store.append('meeting-a', makeEvents('a', 1), NO_STREAM), // loses to the first
      ...Array.from({ length: 48 }, (_, i) => store.append(`meeting-n${i}`, makeEvents(`n${i}`, 1), NO_STREAM)),
    ]);
    expect(store.stats.transactions - before).toBe(1);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(49);
    expect(results[1]).toMatchObject({ status: 'rejected', reason: expect.any(ConcurrencyError) as unknown });
    expect(await store.readStream('meeting-a')).toHaveLength(2);
  });

  it('follows a stream through several appends in one transaction, one-row and many-row alike', async () => {
    const store = tmp.open();
    const first = makeEvents('a', 2);
    const second = makeEvents('a', 1, { revision: 1, hash: first[1]!.metadata.hash });
    const third = makeEvents('a', 3, { revision: 2, hash: second[0]!.metadata.hash });
    const before = store.stats.transactions;
    const results = await Promise.allSettled([
      store.append('meeting-a', first, NO_STREAM),
      store.append('meeting-a', second, 1),
      store.append('meeting-a', makeEvents('a', 1, { revision: 0, hash: first[0]!.metadata.hash }), 0), // stale: the head is 2 by now
      store.append('meeting-a', third, 2),
      store.append('meeting-a', makeEvents('a', 1), NO_STREAM), // stale: the stream exists
    ]);
    expect(store.stats.transactions - before).toBe(1);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect(results[2]).toMatchObject({ reason: { actual: 2 } });
    expect(results[3]).toMatchObject({ value: { nextRevision: 5 } });
    expect((await store.readStream('meeting-a')).map((e) => e.metadata.revision)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('refuses a whole batch, writing nothing of it, when SQLite aborts the transaction midway', async () => {
    const store = tmp.open();
    // A trigger aborts the transaction as a full disk or an I/O error would.
    const raw = new Database(tmp.file);
    raw.exec(
      `CREATE TRIGGER boom BEFORE INSERT ON events WHEN NEW.stream = 'meeting-boom' BEGIN SELECT RAISE(ROLLBACK, 'simulated abort'); END`,
    );
    raw.close();
    const first = makeEvents('b', 1);
    const results = await Promise.allSettled([
      store.append('meeting-b', first, NO_STREAM),
      store.append('meeting-boom', makeEvents('boom', 1), NO_STREAM),
      store.append('meeting-b', makeEvents('b', 1, { revision: 0, hash: first[0]!.metadata.hash }), 0),
      store.append('meeting-c', makeEvents('c', 2), NO_STREAM),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(await store.readAll()).toEqual([]);
    // The connection is usable again: the same appends, without the one that aborts, go through.
    await store.append('meeting-b', first, NO_STREAM);
    expect((await store.readStream('meeting-b')).map((e) => e.metadata.revision)).toEqual([0]);
  });

  it('acknowledges only committed events: another connection sees them at once', async () => {
    const writer = tmp.open();
    const reader = tmp.open();
    const { position } = await writer.append('meeting-a', makeEvents('a', 3), NO_STREAM);
    const seen = await reader.readAll();
    expect(seen.at(-1)?.position).toBe(position);
  });

  it('refuses the loser when two connections race for the same revision', async () => {
    const one = tmp.open();
    const two = tmp.open();
    const settled = await Promise.allSettled([
      one.append('meeting-a', makeEvents('a', 1, undefined, 'One'), NO_STREAM),
      two.append('meeting-a', makeEvents('a', 1, undefined, 'Two'), NO_STREAM),
    ]);
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    expect(await one.readStream('meeting-a')).toHaveLength(1);
  });

  it('delivers to a subscriber commits made through another connection', async () => {
    const subscriber = tmp.open();
    const writer = tmp.open();
    const seen: StoredEvent[] = [];
    subscriber.subscribe(0, (e) => seen.push(e));
    const events = makeEvents('a', 3);
    await writer.append('meeting-a', events.slice(0, 2), NO_STREAM);
    await writer.append('meeting-a', events.slice(2), 1);
    await expect.poll(() => seen.length, { timeout: 2000 }).toBe(3);
    expect(seen.map((e) => e.metadata.revision)).toEqual([0, 1, 2]);
  });

  it('delivers to a subscriber commits made by another process', async () => {
    const store = tmp.open();
    const seen: StoredEvent[] = [];
    store.subscribe(0, (e) => seen.push(e));
    const [event] = makeEvents('x', 1);

    // A separate Node process writing rows in the adapter's table layout,
    // as a second backend sharing the file would.
    const script = `
      const Database = require('better-sqlite3');
      const db = new Database(process.argv[1]);
      db.pragma('busy_timeout = 5000');
      const e = JSON.parse(process.argv[2]);
      db.prepare('INSERT INTO events (stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?)')
        .run('meeting-x', 0, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata));
      db.close();`;
    const child = spawn(process.execPath, ['-e', script, tmp.file, JSON.stringify(event)], {
      cwd: process.cwd(),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);

    await expect.poll(() => seen.length, { timeout: 2000 }).toBe(1);
    expect({ type: seen[0]!.type, data: seen[0]!.data, metadata: seen[0]!.metadata }).toEqual(event);
  });

  it('lets local subscribers see events before append() resolves', async () => {
    const store = tmp.open();
    const seen: number[] = [];
    store.subscribe(0, (e) => seen.push(e.position));
    await new Promise((r) => setImmediate(r)); // let the (empty) catch-up run
    const { position } = await store.append('meeting-a', makeEvents('a', 2), NO_STREAM);
    expect(seen.at(-1)).toBe(position);
  });
});

describe('storeFromUrl', () => {
  it('opens sqlite files (creating directories) and memory stores', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tallyroom-url-'));
    try {
      const file = join(dir, 'a', 'b.db');
      const store = await storeFromUrl(`sqlite:${file}`);
      await store.append('meeting-a', makeEvents('a', 1), NO_STREAM);
      await store.close();
      expect(existsSync(file)).toBe(true);

      const again = await storeFromUrl(`sqlite://${file}`);
      expect(await again.readAll()).toHaveLength(1);
      await again.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('explains what is not available, without echoing credentials', async () => {
    // Nothing listens on port 1: the KurrentDB adapter must say the server did not answer.
    await expect(storeFromUrl('kurrentdb://user:secret@localhost:1?tls=false')).rejects.toThrow(
      /server did not answer/,
    );
    await expect(storeFromUrl('kurrentdb://user:secret@localhost:1?tls=false')).rejects.not.toThrow(/secret/);
    await expect(storeFromUrl('postgres://localhost/db')).rejects.toThrow(/not understood/);
    await expect(storeFromUrl('sqlite:')).rejects.toThrow(/names no file/);
  });
});

describe('a damaged stored event and a subscriber that goes past it (onCorrupt)', () => {
  it('delivers every readable event around it, names it once, and goes on with new commits', async () => {
    const tmp = await tempFile();
    try {
      const store = tmp.open();
      await store.append('meeting-a', makeEvents('a', 3), NO_STREAM);
      await store.append('meeting-b', makeEvents('b', 2), NO_STREAM);
      // One byte of meeting-a's second event changed on disk, as a failing disk or a hand edit would.
      const raw = new Database(tmp.file);
      raw
        .prepare(
          "UPDATE events SET data = substr(data, 1, 5) || '|' || substr(data, 7) WHERE stream = 'meeting-a' AND revision = 1",
        )
        .run();
      const damaged = raw
        .prepare("SELECT position FROM events WHERE stream = 'meeting-a' AND revision = 1")
        .pluck()
        .get() as number;
      raw.close();
      const seen: string[] = [];
      const corrupt: { stream: string; revision: number; position: number | undefined }[] = [];
      const sub = store.subscribe(0, (e) => seen.push(`${e.metadata.meetingId}@${e.metadata.revision}`), {
        onCorrupt: (err) => corrupt.push({ stream: err.stream, revision: err.revision, position: err.position }),
      });
      await new Promise((r) => setTimeout(r, 100));
      expect(seen).toEqual(['a@0', 'a@2', 'b@0', 'b@1']);
      expect(corrupt).toEqual([{ stream: 'meeting-a', revision: 1, position: damaged }]);
      const b = await store.readStream('meeting-b');
      await store.append('meeting-b', makeEvents('b', 1, { revision: 1, hash: b[1]!.metadata.hash }), 1);
      await new Promise((r) => setTimeout(r, 100));
      expect(seen.at(-1)).toBe('b@2');
      expect(corrupt).toHaveLength(1);
      sub.close();
    } finally {
      await tmp.cleanup();
    }
  });
});

/**
 * Baselines measured in the same run on the same machine, so every figure
 * is read as a ratio rather than against numbers from elsewhere.
 *
 * The SQLite baselines use the store's own table and pragmas (WAL,
 * synchronous=FULL) and a row the size of a real BallotRecorded event.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { now, removeDir, tempDir } from './lib.mjs';

const SCHEMA = `CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY AUTOINCREMENT, stream TEXT NOT NULL, revision INTEGER NOT NULL,
  type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE (stream, revision))`;

const DATA = JSON.stringify({
  contestId: 'committee',
  round: 1,
  ballotNo: 123,
  marks: { m00001: 'for', m00002: 'for', m00003: 'against' },
  writeIns: [],
  teller: 'teller-3f9a',
});
const META = JSON.stringify({
  meetingId: '3f9a0c1b2d4e',
  revision: 1234,
  recordedAt: '2026-11-24T09:31:02.123Z',
  actor: { role: 'teller', id: 'teller-3f9a' },
  commandId: 'RecordBallot-12345-678',
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
});

function open(dir) {
  const db = new Database(path.join(dir, 'baseline.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(SCHEMA);
  return db;
}

/**
 * A single-row insert per transaction (autocommit) in a loop: every insert
 * waits for its own fsync. This is the rate a store without group commit
 * could acknowledge. Runs for about `ms` milliseconds.
 */
export function fsyncInsertRate(ms = 2000) {
  const dir = tempDir('tallyroom-baseline-');
  const db = open(dir);
  try {
    const insert = db.prepare('INSERT INTO events (stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?)');
    for (let i = 0; i < 20; i++) insert.run('warm', i, 'BallotRecorded', DATA, META); // warm-up
    let n = 0;
    const t0 = now();
    let t = t0;
    while (t - t0 < ms) {
      insert.run('s', n++, 'BallotRecorded', DATA, META);
      if ((n & 15) === 0) t = now();
    }
    t = now();
    return { rate: n / ((t - t0) / 1000), inserts: n, ms: t - t0 };
  } finally {
    db.close();
    removeDir(dir);
  }
}

/** The same inserts, `n` of them in one transaction: the rate with a single fsync. */
export function transactionInsertRate(n = 100_000) {
  const dir = tempDir('tallyroom-baseline-');
  const db = open(dir);
  try {
    const insert = db.prepare('INSERT INTO events (stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?)');
    const all = db.transaction((k, stream) => {
      for (let i = 0; i < k; i++) insert.run(stream, i, 'BallotRecorded', DATA, META);
    });
    all(1000, 'warm');
    const t0 = now();
    all(n, 's');
    const ms = now() - t0;
    return { rate: n / (ms / 1000), inserts: n, ms };
  } finally {
    db.close();
    removeDir(dir);
  }
}

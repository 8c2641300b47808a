/**
 * The events table, the statements over it, and how a row becomes a port
 * event. Snapshots have their own table (snapshot-table.ts).
 */
import type Database from 'better-sqlite3';
import { CorruptEventError, type StoredEvent } from '../event-store.js';

/** How long a writer waits for another process's transaction before failing. */
const BUSY_TIMEOUT_MS = 5000;

export interface Row {
  position: number;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    stream   TEXT    NOT NULL,
    revision INTEGER NOT NULL,
    type     TEXT    NOT NULL,
    data     TEXT    NOT NULL,
    metadata TEXT    NOT NULL,
    UNIQUE (stream, revision)
  )`;

/**
 * WAL + synchronous=NORMAL: a commit writes its frames without syncing them, and the store syncs the WAL in the
 * thread pool before acknowledging anything (wal-sync.ts; sqlite-event-store.ts, "Durability"). Checkpoints sync
 * as always, so the file stays whole after a power cut.
 */
export function setUpDatabase(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.exec(SCHEMA);
}

export interface Statements {
  lastRevision: Database.Statement<[string], number | null>;
  lastStreamPosition: Database.Statement<[string], number | null>;
  headPosition: Database.Statement<[], number | null>;
  insert: Database.Statement<[string, number, string, string, string]>;
  readStream: Database.Statement<[string, number], Row>;
  /** After a position and before another (subscribers see only what is durable: GroupCommit.heldFrom). */
  readAll: Database.Statement<[number, number, number], Row>;
  /** The streams whose names lie in [from, to). */
  listStreams: Database.Statement<[{ from: string; to: string }], string>;
  deleteStream: Database.Statement<[string]>;
}

export function prepareStatements(db: Database.Database): Statements {
  return {
    lastRevision: db.prepare<[string], number | null>('SELECT MAX(revision) FROM events WHERE stream = ?').pluck(),
    lastStreamPosition: db
      .prepare<[string], number | null>('SELECT MAX(position) FROM events WHERE stream = ?')
      .pluck(),
    headPosition: db.prepare<[], number | null>('SELECT MAX(position) FROM events').pluck(),
    insert: db.prepare<[string, number, string, string, string]>(
      'INSERT INTO events (stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?)',
    ),
    readStream: db.prepare<[string, number], Row>(
      'SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision',
    ),
    readAll: db.prepare<[number, number, number], Row>(
      'SELECT * FROM events WHERE position > ? AND position < ? ORDER BY position LIMIT ?',
    ),
    // One index seek per stream, from each stream to the next, instead of DISTINCT's walk over every event's index
    // entry: at start-up on a district's million events, ~0.1-0.9 s against a few ms. Bounded to [from, to), a
    // prefix's range (the index's BINARY order is UTF-8 byte order, which is code point order).
    listStreams: db
      .prepare<[{ from: string; to: string }], string>(
        `WITH RECURSIVE s(stream) AS (
           SELECT MIN(stream) FROM events WHERE stream >= @from AND stream < @to
           UNION ALL
           SELECT (SELECT MIN(stream) FROM events WHERE stream > s.stream AND stream < @to) FROM s WHERE s.stream IS NOT NULL
         ) SELECT stream FROM s WHERE stream IS NOT NULL`,
      )
      .pluck(),
    deleteStream: db.prepare<[string]>('DELETE FROM events WHERE stream = ?'),
  };
}

/** Rows in order; a damaged one throws its CorruptEventError carrying the events read before it (`readable`). */
export function toStoredRows(rows: readonly Row[]): StoredEvent[] {
  const out: StoredEvent[] = [];
  for (const row of rows) {
    try {
      out.push(toStored(row));
    } catch (err) {
      if (err instanceof CorruptEventError) err.readable = out;
      throw err;
    }
  }
  return out;
}

export function toStored(row: Row): StoredEvent {
  try {
    return {
      type: row.type,
      data: JSON.parse(row.data) as unknown,
      metadata: JSON.parse(row.metadata) as StoredEvent['metadata'],
      position: row.position,
    };
  } catch (err) {
    // A damaged row must name itself, so the meeting can say which event is bad.
    const corrupt = new CorruptEventError(row.stream, row.revision, row.type, (err as Error).message);
    corrupt.position = row.position;
    throw corrupt;
  }
}

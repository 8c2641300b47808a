/**
 * The default adapter: one SQLite file via better-sqlite3.
 *
 * Durability: WAL + synchronous=FULL means a committed transaction has been
 * fsynced, and append() resolves only after its transaction commits, so an
 * acknowledged event survives a power cut.
 *
 * Throughput: an fsync per command would cap us at the disk's sync rate, so
 * appends queued during one event-loop turn are committed together in one
 * transaction (group commit). One stale expectedRevision refuses only that
 * append, not its neighbours: it is checked before anything is written, and an
 * append of several events runs in its own savepoint. An error that makes
 * SQLite abort the whole transaction (disk full, I/O) fails the whole batch.
 *
 * Gap-free reading: SQLite admits one writer at a time and assigns positions
 * inside the write transaction, so a reader can never see position n+1
 * committed while n is still pending. "Everything after my checkpoint" is
 * therefore a complete answer, including for other processes on the file.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import {
  ConcurrencyError,
  CorruptEventError,
  NO_STREAM,
  StoreWriteError,
  type AppendResult,
  type ChainedEvent,
  type EventStore,
  type SnapshotStore,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
} from './event-store.js';

/** How often subscriptions look for commits made by other processes. */
const POLL_INTERVAL_MS = 50;
/** Rows fetched per query while a subscription catches up. */
const PAGE_SIZE = 500;
/** How long a writer waits for another process's transaction before failing. */
const BUSY_TIMEOUT_MS = 5000;

interface Row {
  position: number;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

/** An append waiting for the next group commit, already serialised. */
interface PendingAppend {
  stream: string;
  expectedRevision: number;
  rows: Array<{ revision: number; type: string; data: string; metadata: string }>;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

interface SubscriptionState {
  after: number;
  handler: (event: StoredEvent) => void;
  onError: (error: unknown, event: StoredEvent) => void;
  closed: boolean;
  /** Guards against re-entry if a handler synchronously causes another wake-up. */
  pumping: boolean;
}

export interface SqliteEventStoreStats {
  /** Group-commit transactions that committed. */
  transactions: number;
  /** Appends that were committed (successful ones only). */
  appends: number;
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

/** Snapshots of folded state (meetings/snapshots.ts): a cache beside the log, never part of it. */
const SNAPSHOT_SCHEMA = `
  CREATE TABLE IF NOT EXISTS snapshots (
    stream   TEXT    PRIMARY KEY,
    revision INTEGER NOT NULL,
    hash     TEXT    NOT NULL,
    body     TEXT    NOT NULL
  )`;

function prepareStatements(db: Database.Database) {
  return {
    readSnapshot: db.prepare<[string], { revision: number; hash: string; body: string }>('SELECT revision, hash, body FROM snapshots WHERE stream = ?'),
    writeSnapshot: db.prepare<[string, number, string, string]>(
      'INSERT INTO snapshots (stream, revision, hash, body) VALUES (?, ?, ?, ?) ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision, hash = excluded.hash, body = excluded.body WHERE excluded.revision > snapshots.revision',
    ),
    lastRevision: db.prepare<[string], number | null>('SELECT MAX(revision) FROM events WHERE stream = ?').pluck(),
    lastStreamPosition: db.prepare<[string], number | null>('SELECT MAX(position) FROM events WHERE stream = ?').pluck(),
    headPosition: db.prepare<[], number | null>('SELECT MAX(position) FROM events').pluck(),
    insert: db.prepare<[string, number, string, string, string]>(
      'INSERT INTO events (stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?)',
    ),
    readStream: db.prepare<[string, number], Row>('SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision'),
    readAll: db.prepare<[number, number], Row>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'),
    listStreams: db.prepare<[], string>('SELECT DISTINCT stream FROM events ORDER BY stream').pluck(),
  };
}
type Statements = ReturnType<typeof prepareStatements>;

function isMemoryPath(path: string): boolean {
  return path === ':memory:' || path === '' || path.startsWith('file:');
}

function toStored(row: Row): StoredEvent {
  try {
    return {
      type: row.type,
      data: JSON.parse(row.data) as unknown,
      metadata: JSON.parse(row.metadata) as StoredEvent['metadata'],
      position: row.position,
    };
  } catch (err) {
    // A damaged row must name itself, so the meeting can say which event is bad.
    throw new CorruptEventError(row.stream, row.revision, row.type, (err as Error).message);
  }
}

/** Says in plain words what SQLite's error code means for the people running the meeting. */
function writeFailure(error: unknown): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  const { code } = error;
  const what = code === 'SQLITE_FULL' ? 'the disk holding the event store is full'
    : code.startsWith('SQLITE_READONLY') ? 'the event store\'s file or disk is read-only'
    : code.startsWith('SQLITE_IOERR') ? 'the disk holding the event store failed a write'
    : code.startsWith('SQLITE_BUSY') ? 'another process held the event store\'s write lock too long'
    : code === 'SQLITE_CANTOPEN' ? 'the event store\'s file cannot be opened for writing (a read-only disk, a missing directory or no permission)'
    : undefined;
  return what ? new StoreWriteError(`${what} (${code}: ${error.message})`, code, { cause: error }) : error;
}

function defaultOnError(error: unknown, event: StoredEvent): void {
  console.error(`event store subscription stopped at position ${event.position} (${event.type}):`, error);
}

function reportHandlerError(sub: SubscriptionState, error: unknown, event: StoredEvent): void {
  try {
    sub.onError(error, event);
  } catch (reportError) {
    console.error('event store onError callback threw', reportError, 'while reporting', error);
  }
}

export class SqliteEventStore implements EventStore {
  /** Snapshots live in the same file, beside the log. */
  readonly snapshots: SnapshotStore = this;
  private readonly db: Database.Database;
  private readonly statements: Statements;
  private readonly commitBatch: Database.Transaction<(batch: PendingAppend[]) => Outcome[]>;
  private readonly appendOne: Database.Transaction<(pending: PendingAppend) => AppendResult>;

  private queue: PendingAppend[] = [];
  private flushHandle: NodeJS.Immediate | undefined;
  private readonly subscriptions = new Set<SubscriptionState>();
  private pollTimer: NodeJS.Timeout | undefined;
  private closing: Promise<void> | undefined;
  private readonly counters: SqliteEventStoreStats = { transactions: 0, appends: 0 };

  /** Opens (creating if needed) the store at `path`; ':memory:' for a throwaway store. */
  static open(path: string): SqliteEventStore {
    try {
      if (!isMemoryPath(path)) mkdirSync(dirname(resolve(path)), { recursive: true });
      return new SqliteEventStore(new Database(path));
    } catch (error) {
      // Nothing can be served without the store (SQLite cannot even read a WAL file on a read-only disk):
      // say which file and why, in words, rather than with a stack trace.
      const code = (error as { code?: unknown }).code;
      const why = writeFailure(error);
      const what = why instanceof StoreWriteError ? why.message
        : code === 'EROFS' || code === 'EACCES' ? `its directory cannot be created (${String(code)}: ${(error as Error).message})`
        : undefined;
      if (!what) throw error;
      throw new StoreWriteError(`cannot open the event store at ${resolve(path)}: ${what}`, String(code), { cause: error });
    }
  }

  private constructor(db: Database.Database) {
    this.db = db;
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.exec(SCHEMA);
    db.exec(SNAPSHOT_SCHEMA);

    this.statements = prepareStatements(db);

    // Nested better-sqlite3 transactions become savepoints: a throw inside
    // appendOne rolls back only that append's rows. A one-row append needs
    // none (a failed INSERT leaves nothing behind), and most commands are one event.
    this.appendOne = db.transaction((pending: PendingAppend): AppendResult => this.insertRows(pending));

    this.commitBatch = db.transaction((batch: PendingAppend[]): Outcome[] => {
      // We hold the write lock for the whole batch, so a stream's head, once read, changes only by our own inserts.
      const heads = new Map<string, number>();
      return batch.map((pending): Outcome => {
        try {
          const actual = heads.get(pending.stream) ?? this.statements.lastRevision.get(pending.stream) ?? NO_STREAM;
          if (actual !== pending.expectedRevision) {
            heads.set(pending.stream, actual);
            throw new ConcurrencyError(pending.stream, pending.expectedRevision, actual);
          }
          const result = pending.rows.length === 1 ? this.insertRows(pending) : this.appendOne(pending);
          heads.set(pending.stream, result.nextRevision);
          return { ok: true, result };
        } catch (error) {
          // SQLite rolled the whole transaction back: nothing of the batch is written, and the appends after
          // this one must not run in autocommit. flush() then refuses every append of the batch.
          if (!this.db.inTransaction) throw error;
          if (!(error instanceof ConcurrencyError)) heads.clear();
          return { ok: false, error };
        }
      });
    });
  }

  /** The rows of one append whose expected revision has been checked, inside the batch's transaction. */
  private insertRows(pending: PendingAppend): AppendResult {
    if (pending.rows.length === 0) {
      return { nextRevision: pending.expectedRevision, position: this.statements.lastStreamPosition.get(pending.stream) ?? 0 };
    }
    let position = 0;
    for (const row of pending.rows) {
      const info = this.statements.insert.run(pending.stream, row.revision, row.type, row.data, row.metadata);
      position = Number(info.lastInsertRowid);
    }
    return { nextRevision: pending.expectedRevision + pending.rows.length, position };
  }

  get stats(): Readonly<SqliteEventStoreStats> {
    return { ...this.counters };
  }

  append(stream: string, events: readonly ChainedEvent[], expectedRevision: number): Promise<AppendResult> {
    return new Promise<AppendResult>((resolvePromise, rejectPromise) => {
      if (this.closing) throw new Error('event store is closed');
      if (!Number.isSafeInteger(expectedRevision) || expectedRevision < NO_STREAM) {
        throw new RangeError(`expectedRevision must be an integer >= -1, got ${expectedRevision}`);
      }
      // Serialise now: a value JSON cannot hold fails this append alone, and
      // the commit transaction (which blocks other writers) stays short.
      const rows = events.map((event, i) => {
        const revision = expectedRevision + 1 + i;
        if (event.metadata.revision !== revision) {
          // The revision column and metadata.revision must agree, or the
          // stream and its hash chain would tell different stories.
          throw new RangeError(
            `stream ${stream}: event ${i} carries revision ${event.metadata.revision}, but appending after ${expectedRevision} makes it ${revision}`,
          );
        }
        const data = JSON.stringify(event.data) as string | undefined;
        if (data === undefined) throw new TypeError(`stream ${stream}: event ${i} (${event.type}) has no JSON data`);
        return { revision, type: event.type, data, metadata: JSON.stringify(event.metadata) };
      });

      this.queue.push({ stream, expectedRevision, rows, resolve: resolvePromise, reject: rejectPromise });
      // One turn of delay at most: enough to gather the appends issued
      // alongside this one, too short for anyone to notice.
      this.flushHandle ??= setImmediate(() => this.flush());
    });
  }

  /** Commits everything queued, in one transaction, then acknowledges and wakes subscribers. */
  private flush(): void {
    this.flushHandle = undefined;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;

    let outcomes: Outcome[];
    try {
      outcomes = this.commitBatch.immediate(batch);
    } catch (error) {
      // The transaction as a whole failed (disk full, lock timeout): nothing
      // from this batch was written, so every append in it fails. The
      // connection stays usable: the next batch tries again, so the service
      // recovers by itself once the disk has room.
      const failure = writeFailure(error);
      for (const pending of batch) pending.reject(failure);
      return;
    }
    this.counters.transactions++;
    batch.forEach((pending, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) {
        this.counters.appends++;
        pending.resolve(outcome.result);
      } else {
        pending.reject(outcome ? writeFailure(outcome.error) : new Error('append lost in group commit'));
      }
    });
    // Promise callbacks run after this synchronous pump, so local
    // subscribers (projections) have seen the events before append() returns.
    this.pumpAll();
  }

  /** The latest snapshot of a stream's folded state, if one was kept. */
  readSnapshot(stream: string): { revision: number; hash: string; body: string } | undefined {
    this.assertOpen();
    return this.statements.readSnapshot.get(stream);
  }

  /**
   * Keeps a snapshot (replacing an older one). Written outside group commit:
   * a lost snapshot costs only a longer start-up, so it needs no fsync of its own.
   */
  writeSnapshot(stream: string, snapshot: { revision: number; hash: string; body: string }): void {
    this.assertOpen();
    this.statements.writeSnapshot.run(stream, snapshot.revision, snapshot.hash, snapshot.body);
  }

  async readStream(stream: string, fromRevision = 0): Promise<StoredEvent[]> {
    this.assertOpen();
    const out: StoredEvent[] = [];
    for (const row of this.statements.readStream.all(stream, fromRevision)) {
      try {
        out.push(toStored(row));
      } catch (err) {
        if (err instanceof CorruptEventError) err.readable = out;
        throw err;
      }
    }
    return out;
  }

  async readAll(afterPosition = 0, limit?: number): Promise<StoredEvent[]> {
    this.assertOpen();
    return this.readAllSync(afterPosition, limit ?? -1);
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    const row = this.db.prepare('SELECT coalesce(max(position), 0) AS p FROM events').get() as { p: number };
    return row.p;
  }

  async listStreams(): Promise<string[]> {
    this.assertOpen();
    return this.statements.listStreams.all();
  }

  subscribe(afterPosition: number, handler: (event: StoredEvent) => void, options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const sub: SubscriptionState = {
      after: afterPosition,
      handler,
      onError: options.onError ?? defaultOnError,
      closed: false,
      pumping: false,
    };
    this.subscriptions.add(sub);
    this.pollTimer ??= setInterval(() => this.poll(), POLL_INTERVAL_MS).unref();
    // Catch up on the next turn rather than inside subscribe(), so the caller
    // holds the handle before the first event arrives.
    setImmediate(() => this.pump(sub));
    return { close: () => this.unsubscribe(sub) };
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const sub of [...this.subscriptions]) this.unsubscribe(sub);
      if (this.flushHandle) clearImmediate(this.flushHandle);
      this.flush(); // acknowledged-or-refused, never silently dropped
      this.db.close();
    })();
    return this.closing;
  }

  private readAllSync(afterPosition: number, limit: number): StoredEvent[] {
    return this.statements.readAll.all(afterPosition, limit).map(toStored);
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('event store is closed');
  }

  private unsubscribe(sub: SubscriptionState): void {
    sub.closed = true;
    this.subscriptions.delete(sub);
    if (this.subscriptions.size === 0 && this.pollTimer) {
      clearInterval(this.pollTimer);
      this.pollTimer = undefined;
    }
  }

  /** Picks up commits made through other connections to the same file. */
  private poll(): void {
    if (this.closing) return;
    let head: number;
    try {
      head = this.statements.headPosition.get() ?? 0;
    } catch (error) {
      console.error('event store poll failed; retrying', error);
      return;
    }
    for (const sub of this.subscriptions) if (sub.after < head) this.pump(sub);
  }

  private pumpAll(): void {
    for (const sub of [...this.subscriptions]) this.pump(sub);
  }

  /** Delivers everything after the subscription's checkpoint, page by page, until caught up. */
  private pump(sub: SubscriptionState): void {
    if (sub.closed || sub.pumping || this.closing) return;
    sub.pumping = true;
    try {
      for (;;) {
        const page = this.readAllSync(sub.after, PAGE_SIZE);
        if (page.length === 0) return;
        for (const event of page) {
          if (sub.closed) return;
          try {
            sub.handler(event);
          } catch (error) {
            this.unsubscribe(sub);
            reportHandlerError(sub, error, event);
            return;
          }
          sub.after = event.position;
        }
      }
    } catch (error) {
      // A failed read (e.g. a lock held too long by another process) is
      // transient; the next poll resumes from the same checkpoint.
      console.error('event store subscription read failed; retrying', error);
    } finally {
      sub.pumping = false;
    }
  }
}

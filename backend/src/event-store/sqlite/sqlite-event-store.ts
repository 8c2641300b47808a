/**
 * The default adapter: one SQLite file via better-sqlite3.
 *
 * Durability: append() resolves only after its transaction has committed and
 * the WAL holding it has been fsynced, so an acknowledged event survives a
 * power cut. SQLite commits with synchronous=NORMAL and the store syncs the
 * WAL itself in the thread pool (wal-sync.ts): the same guarantee as FULL,
 * without holding the event loop for the disk. Subscribers read only what is
 * durable (GroupCommit.heldFrom); other readers may see a commit a moment
 * before its sync, which a power cut in that moment would take back unseen by
 * any acknowledgement. Another process's commits are read as soon as they are
 * committed; its own sync follows within the same moment.
 *
 * Throughput: an fsync per command would cap us at the disk's sync rate, so
 * appends queued during one event-loop turn are committed together in one
 * transaction (group commit, group-commit.ts).
 *
 * Gap-free reading: SQLite admits one writer at a time and assigns positions
 * inside the write transaction, so a reader can never see position n+1
 * committed while n is still pending. "Everything after my checkpoint" is
 * therefore a complete answer, including for other processes on the file
 * (subscriptions.ts).
 *
 * The rest of the folder: schema.ts (the events table and its statements),
 * snapshot-table.ts (the port's optional snapshots), write-errors.ts (what a
 * full or read-only disk is called in the error an operator reads).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import {
  NO_STREAM,
  type AppendResult,
  type ChainedEvent,
  type EventStore,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.js';
import { GroupCommit, type SqliteEventStoreStats } from './group-commit.js';
import { prepareStatements, setUpDatabase, toStoredRows, type Statements } from './schema.js';
import { SnapshotTable } from './snapshot-table.js';
import { SqliteSubscriptions } from './subscriptions.js';
import { WalSync } from './wal-sync.js';
import { openFailure } from './write-errors.js';

export type { SqliteEventStoreStats } from './group-commit.js';

function isMemoryPath(path: string): boolean {
  return path === ':memory:' || path === '' || path.startsWith('file:');
}

export class SqliteEventStore implements EventStore {
  readonly snapshots: SnapshotTable;
  private readonly db: Database.Database;
  private readonly statements: Statements;
  private readonly commits: GroupCommit;
  private readonly subscriptions: SqliteSubscriptions;
  private readonly walSync: WalSync;
  private closing: Promise<void> | undefined;

  /** Opens (creating if needed) the store at `path`; ':memory:' for a throwaway store. */
  static open(path: string): SqliteEventStore {
    try {
      if (!isMemoryPath(path)) mkdirSync(dirname(resolve(path)), { recursive: true });
      return new SqliteEventStore(new Database(path));
    } catch (error) {
      throw openFailure(path, error);
    }
  }

  private constructor(db: Database.Database) {
    this.db = db;
    setUpDatabase(db);
    this.snapshots = new SnapshotTable(db, () => this.assertOpen());
    this.statements = prepareStatements(db);
    this.walSync = new WalSync(db.memory ? null : `${db.name}-wal`);
    this.subscriptions = new SqliteSubscriptions(
      (afterPosition, limit) => this.readAllSync(afterPosition, limit, this.commits.heldFrom),
      () => this.statements.headPosition.get() ?? 0,
    );
    this.commits = new GroupCommit(
      db,
      this.statements,
      () => this.walSync.durable(),
      () => this.subscriptions.pumpAll(),
    );
  }

  get stats(): Readonly<SqliteEventStoreStats> {
    return this.commits.stats;
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

      this.commits.enqueue({ stream, expectedRevision, rows, resolve: resolvePromise, reject: rejectPromise });
    });
  }

  async readStream(stream: string, fromRevision = 0): Promise<StoredEvent[]> {
    this.assertOpen();
    return toStoredRows(this.statements.readStream.all(stream, fromRevision));
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

  async listStreams(prefix = ''): Promise<string[]> {
    this.assertOpen();
    // Names starting with the prefix sort between it and the prefix followed by the highest code point; only a name
    // whose next character is U+10FFFF itself would fall outside, and stream names are ours (a category and an id).
    return this.statements.listStreams.all({ from: prefix, to: `${prefix}\u{10FFFF}` });
  }

  async deleteStream(stream: string): Promise<void> {
    this.assertOpen();
    // Appends already queued for the stream are committed first, so none lands after the delete.
    this.commits.flushNow();
    this.db.transaction(() => {
      this.statements.deleteStream.run(stream);
      this.snapshots.deleteSnapshot(stream);
    })();
    await this.walSync.durable();
  }

  subscribe(
    afterPosition: number,
    handler: (event: StoredEvent) => void,
    options: SubscribeOptions = {},
  ): Subscription {
    this.assertOpen();
    return this.subscriptions.subscribe(afterPosition, handler, options);
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.subscriptions.close();
      this.commits.flushNow(); // acknowledged-or-refused, never silently dropped
      await this.walSync.close();
      this.db.close();
    })();
    return this.closing;
  }

  /** Events after a position and before `below` (SQLite binds no Infinity: the largest safe integer stands for it). */
  private readAllSync(afterPosition: number, limit: number, below = Infinity): StoredEvent[] {
    return toStoredRows(this.statements.readAll.all(afterPosition, Math.min(below, Number.MAX_SAFE_INTEGER), limit));
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('event store is closed');
  }
}

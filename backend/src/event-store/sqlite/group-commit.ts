/**
 * Group commit: an fsync per command would cap us at the disk's sync rate, so
 * appends queued during one event-loop turn are committed together in one
 * transaction. One stale expectedRevision refuses only that append, not its
 * neighbours: it is checked before anything is written, and an append of
 * several events runs in its own savepoint. An error that makes SQLite abort
 * the whole transaction (disk full, I/O) fails the whole batch.
 *
 * Performance-critical (docs/performance.md): measure before changing.
 */
import type Database from 'better-sqlite3';
import { ConcurrencyError, NO_STREAM, StoreWriteError, type AppendResult } from '../event-store.js';
import type { Statements } from './schema.js';
import { writeFailure } from './write-errors.js';

/** An append waiting for the next group commit, already serialised. */
export interface PendingAppend {
  stream: string;
  expectedRevision: number;
  rows: Array<{ revision: number; type: string; data: string; metadata: string }>;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

export interface SqliteEventStoreStats {
  /** Group-commit transactions that committed. */
  transactions: number;
  /** Appends that were committed (successful ones only). */
  appends: number;
}

export class GroupCommit {
  private readonly commitBatch: Database.Transaction<(batch: PendingAppend[]) => Outcome[]>;
  private readonly appendOne: Database.Transaction<(pending: PendingAppend) => AppendResult>;

  private queue: PendingAppend[] = [];
  /** Committed batches waiting for their WAL sync, oldest first: the first position each wrote (null: none). */
  private readonly undurable: (number | null)[] = [];
  private flushHandle: NodeJS.Immediate | undefined;
  private readonly counters: SqliteEventStoreStats = { transactions: 0, appends: 0 };

  /**
   * `durable` resolves once what has been committed so far is on disk; `afterCommit` runs once a batch is
   * acknowledged, before any append() caller resumes.
   */
  constructor(
    private readonly db: Database.Database,
    private readonly statements: Statements,
    private readonly durable: () => Promise<void>,
    private readonly afterCommit: () => void,
  ) {
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

  get stats(): Readonly<SqliteEventStoreStats> {
    return { ...this.counters };
  }

  enqueue(pending: PendingAppend): void {
    this.queue.push(pending);
    // One turn of delay at most: enough to gather the appends issued
    // alongside this one, too short for anyone to notice.
    this.flushHandle ??= setImmediate(() => this.flush());
  }

  /** Commits what is queued now rather than on the next turn (on close: acknowledged-or-refused, never silently dropped). */
  flushNow(): void {
    if (this.flushHandle) clearImmediate(this.flushHandle);
    this.flush();
  }

  /** The rows of one append whose expected revision has been checked, inside the batch's transaction. */
  private insertRows(pending: PendingAppend): AppendResult {
    if (pending.rows.length === 0) {
      return {
        nextRevision: pending.expectedRevision,
        position: this.statements.lastStreamPosition.get(pending.stream) ?? 0,
      };
    }
    let position = 0;
    for (const row of pending.rows) {
      const info = this.statements.insert.run(pending.stream, row.revision, row.type, row.data, row.metadata);
      position = Number(info.lastInsertRowid);
    }
    return { nextRevision: pending.expectedRevision + pending.rows.length, position };
  }

  /**
   * The first position a local commit wrote that is not durable yet (Infinity if none): subscribers read only
   * below it, so no observer is shown an event a power cut could still take back.
   */
  get heldFrom(): number {
    for (const held of this.undurable) if (held !== null) return held;
    return Infinity;
  }

  /**
   * Commits everything queued in one transaction, then, once the WAL is synced (wal-sync.ts), acknowledges and
   * wakes subscribers. The next batch may commit while this one syncs: the sync it waits for covers both.
   */
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
    this.undurable.push(firstWritten(batch, outcomes));
    // Syncs settle in the order asked, so the batch settling is always the oldest one held.
    this.durable().then(
      () => {
        this.undurable.shift();
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
        this.afterCommit();
      },
      (error: unknown) => {
        this.undurable.shift();
        const failure = syncFailure(error);
        for (const pending of batch) pending.reject(failure);
      },
    );
  }
}

/** The first position a committed batch wrote, or null if it wrote nothing (every append refused or empty). */
function firstWritten(batch: readonly PendingAppend[], outcomes: readonly Outcome[]): number | null {
  for (const [i, outcome] of outcomes.entries()) {
    const rows = batch[i]!.rows.length;
    if (outcome.ok && rows > 0) return outcome.result.position - rows + 1;
  }
  return null;
}

function syncFailure(error: unknown): StoreWriteError {
  const code = String((error as { code?: unknown }).code ?? 'EIO');
  return new StoreWriteError(
    `the disk holding the event store could not make a commit durable (${code}: ${(error as Error).message})`,
    code,
    { cause: error },
  );
}

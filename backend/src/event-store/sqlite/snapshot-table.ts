/**
 * Snapshots of folded state (meetings/snapshots.ts): a cache beside the log,
 * never part of it, in the same file as the events.
 */
import type Database from 'better-sqlite3';
import type { Snapshot, SnapshotStore } from '../event-store.js';

const SNAPSHOT_SCHEMA = `
  CREATE TABLE IF NOT EXISTS snapshots (
    stream   TEXT    PRIMARY KEY,
    revision INTEGER NOT NULL,
    hash     TEXT    NOT NULL,
    body     TEXT    NOT NULL
  )`;

function prepareStatements(db: Database.Database) {
  return {
    readSnapshot: db.prepare<[string], Snapshot>('SELECT revision, hash, body FROM snapshots WHERE stream = ?'),
    writeSnapshot: db.prepare<[string, number, string, string]>(
      'INSERT INTO snapshots (stream, revision, hash, body) VALUES (?, ?, ?, ?) ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision, hash = excluded.hash, body = excluded.body WHERE excluded.revision > snapshots.revision',
    ),
    deleteSnapshot: db.prepare<[string]>('DELETE FROM snapshots WHERE stream = ?'),
  };
}

export class SnapshotTable implements SnapshotStore {
  private readonly statements: ReturnType<typeof prepareStatements>;

  /** `assertOpen` throws once the store is closed. */
  constructor(
    db: Database.Database,
    private readonly assertOpen: () => void,
  ) {
    db.exec(SNAPSHOT_SCHEMA);
    this.statements = prepareStatements(db);
  }

  /** The latest snapshot of a stream's folded state, if one was kept. */
  readSnapshot(stream: string): Snapshot | undefined {
    this.assertOpen();
    return this.statements.readSnapshot.get(stream);
  }

  /**
   * Keeps a snapshot (replacing an older one). Written outside group commit:
   * a lost snapshot costs only a longer start-up, so it needs no fsync of its own.
   */
  writeSnapshot(stream: string, snapshot: Snapshot): void {
    this.assertOpen();
    this.statements.writeSnapshot.run(stream, snapshot.revision, snapshot.hash, snapshot.body);
  }

  deleteSnapshot(stream: string): void {
    this.assertOpen();
    this.statements.deleteSnapshot.run(stream);
  }
}

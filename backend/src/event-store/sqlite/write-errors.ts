/**
 * The wording of what SQLite refuses (a full or read-only disk, a failed
 * write, a file that cannot be opened), for the people running the meeting.
 */
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { StoreWriteError } from '../event-store.js';

/** Says in plain words what SQLite's error code means for the people running the meeting. */
export function writeFailure(error: unknown): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  const { code } = error;
  const what =
    code === 'SQLITE_FULL'
      ? 'the disk holding the event store is full'
      : code.startsWith('SQLITE_READONLY')
        ? "the event store's file or disk is read-only"
        : code.startsWith('SQLITE_IOERR')
          ? 'the disk holding the event store failed a write'
          : code.startsWith('SQLITE_BUSY')
            ? "another process held the event store's write lock too long"
            : code === 'SQLITE_CANTOPEN'
              ? "the event store's file cannot be opened for writing (a read-only disk, a missing directory or no permission)"
              : undefined;
  return what ? new StoreWriteError(`${what} (${code}: ${error.message})`, code, { cause: error }) : error;
}

/**
 * Nothing can be served without the store (SQLite cannot even read a WAL file on a read-only disk):
 * say which file and why, in words, rather than with a stack trace. Returns the error itself when it
 * is none of those.
 */
export function openFailure(path: string, error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  const why = writeFailure(error);
  const what =
    why instanceof StoreWriteError
      ? why.message
      : code === 'EROFS' || code === 'EACCES'
        ? `its directory cannot be created (${String(code)}: ${(error as Error).message})`
        : undefined;
  if (!what) return error;
  return new StoreWriteError(`cannot open the event store at ${resolve(path)}: ${what}`, String(code), {
    cause: error,
  });
}

/**
 * Makes committed WAL frames durable off the event loop.
 *
 * With synchronous=FULL, SQLite fsyncs the WAL inside every commit, and better-sqlite3 runs the commit on the main
 * thread: for the ~0.15 ms of a quiet disk (and tens of ms of a busy one) no request is parsed, no command decided.
 * synchronous=NORMAL is FULL without that one sync (SQLite's docs: "With synchronous=FULL in WAL mode, an additional
 * sync operation of the WAL file happens after each transaction commit"; checkpoints sync as before), so syncing
 * the WAL ourselves in libuv's thread pool after each commit, and acknowledging only once it is done, keeps FULL's
 * guarantee while the main thread goes on deciding the next batch. fsync acts on the file, not the descriptor, so our
 * own descriptor flushes the frames SQLite wrote through its one.
 */
import { close, fdatasync, open } from 'node:fs';
import { promisify } from 'node:util';

const openAsync = promisify(open);
const syncAsync = promisify(fdatasync);
const closeAsync = promisify(close);

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class WalSync {
  private fd: Promise<number> | undefined;
  /** Callers that need a sync started after they asked (their frames may postdate the one running). */
  private waiting: Waiter[] = [];
  private running: Promise<void> | undefined;

  /** `walPath` is the database's `-wal` file; null for an in-memory database, which has nothing to make durable. */
  constructor(private readonly walPath: string | null) {}

  /**
   * Resolves once everything written to the WAL before this call is on disk. Calls made while a sync runs share the
   * next one, so a busy store syncs back to back rather than once per commit; they resolve in the order made.
   */
  durable(): Promise<void> {
    if (this.walPath === null) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.running ??= this.run();
    });
  }

  /** Waits for the syncs asked for so far, then closes the descriptor. */
  async close(): Promise<void> {
    while (this.running) await this.running;
    const fd = this.fd;
    this.fd = undefined;
    if (fd) await closeAsync(await fd).catch(() => undefined);
  }

  private async run(): Promise<void> {
    // Starts on the next tick, so `running` is set before anything here can clear it.
    await Promise.resolve();
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      try {
        await syncAsync(await this.descriptor());
        for (const w of batch) w.resolve();
      } catch (error) {
        // After a failed fsync the kernel may have dropped the dirty pages: nothing waiting is known to be durable.
        for (const w of batch) w.reject(error);
      }
    }
    this.running = undefined;
  }

  /** The WAL exists once a write has committed, so it is opened on the first sync rather than at start-up. */
  private async descriptor(): Promise<number> {
    this.fd ??= openAsync(this.walPath!, 'r+');
    try {
      return await this.fd;
    } catch (error) {
      this.fd = undefined;
      throw error;
    }
  }
}

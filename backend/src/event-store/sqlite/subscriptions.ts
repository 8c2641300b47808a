/**
 * Subscriptions over the SQLite file: woken right after each local group
 * commit, and by polling for commits that other processes make to the same
 * file. Each one reads "everything after my checkpoint", which is a complete
 * answer because SQLite assigns positions inside the write transaction (see
 * sqlite-event-store.ts, "Gap-free reading").
 */
import { CorruptEventError, type StoredEvent, type SubscribeOptions, type Subscription } from '../event-store.js';

/**
 * How often subscriptions look for commits made by other processes while such commits are coming. A look is one
 * indexed `max(position)` query (microseconds), and with two processes sharing a file half of every meeting's
 * observers wait for it: at 50 ms the wait alone was a quarter of part 9's 100 ms live target. The district board is
 * stricter still: a commit seen after a board was cut waits a second for the next, so each millisecond of this wait
 * is a tenth of a percent of the other process's commits shown later than a second (part 9: 1.9 % of them at 10 ms,
 * 1.2 % of the board's own process's).
 */
const POLL_BUSY_MS = 2;
/**
 * How often once no other process has committed for IDLE_AFTER_MS: a laptop's single process (which no other
 * process writes beside) wakes 50 times a second for this, not 500, and the first commit after a quiet spell is
 * seen within this.
 */
const POLL_IDLE_MS = 20;
const IDLE_AFTER_MS = 1000;
/** Rows fetched per query while a subscription catches up. */
const PAGE_SIZE = 500;

interface SubscriptionState {
  after: number;
  handler: (event: StoredEvent) => void;
  onError: (error: unknown, event: StoredEvent) => void;
  onCorrupt: ((error: CorruptEventError) => void) | undefined;
  closed: boolean;
  /** Guards against re-entry if a handler synchronously causes another wake-up. */
  pumping: boolean;
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

export class SqliteSubscriptions {
  private readonly subscriptions = new Set<SubscriptionState>();
  private pollTimer: NodeJS.Timeout | undefined;
  /** When a look last found commits this process had not delivered (performance.now()). */
  private lastFound = -Infinity;
  private closed = false;
  /**
   * Pages read in this round of wake-ups, by the position they start after: a process's subscribers (the log
   * follower, the board follower) usually stand at the same checkpoint, and each would otherwise read and parse
   * the same rows. Events are immutable, so a page read a moment ago is still true; a subscriber that finds it
   * short reads on from where it ends.
   */
  private pages: Map<number, StoredEvent[]> | undefined;

  /** `readAll` reads a page of events after a position; `headPosition` is the last committed position (0 if none). */
  constructor(
    private readonly readAll: (afterPosition: number, limit: number) => StoredEvent[],
    private readonly headPosition: () => number,
  ) {}

  subscribe(
    afterPosition: number,
    handler: (event: StoredEvent) => void,
    options: SubscribeOptions = {},
  ): Subscription {
    const sub: SubscriptionState = {
      after: afterPosition,
      handler,
      onError: options.onError ?? defaultOnError,
      onCorrupt: options.onCorrupt,
      closed: false,
      pumping: false,
    };
    this.subscriptions.add(sub);
    this.schedulePoll();
    // Catch up on the next turn rather than inside subscribe(), so the caller
    // holds the handle before the first event arrives.
    setImmediate(() => this.pump(sub));
    return { close: () => this.unsubscribe(sub) };
  }

  /** Delivers what was just committed to every subscriber. */
  pumpAll(): void {
    this.inOneRound(() => {
      for (const sub of [...this.subscriptions]) this.pump(sub);
    });
  }

  /** Stops every subscription; no event is delivered after this. */
  close(): void {
    this.closed = true;
    for (const sub of [...this.subscriptions]) this.unsubscribe(sub);
  }

  private unsubscribe(sub: SubscriptionState): void {
    sub.closed = true;
    this.subscriptions.delete(sub);
    if (this.subscriptions.size === 0 && this.pollTimer) {
      clearTimeout(this.pollTimer);
      this.pollTimer = undefined;
    }
  }

  private schedulePoll(): void {
    if (this.pollTimer || this.closed || this.subscriptions.size === 0) return;
    const wait = performance.now() - this.lastFound < IDLE_AFTER_MS ? POLL_BUSY_MS : POLL_IDLE_MS;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = undefined;
      try {
        this.poll();
      } finally {
        this.schedulePoll();
      }
    }, wait).unref();
  }

  /** Picks up commits made through other connections to the same file. */
  private poll(): void {
    if (this.closed) return;
    let head: number;
    try {
      head = this.headPosition();
    } catch (error) {
      console.error('event store poll failed; retrying', error);
      return;
    }
    this.inOneRound(() => {
      for (const sub of [...this.subscriptions])
        if (sub.after < head) {
          // Behind the head: another process's commits, or this one's own not yet durable (held back, not read).
          const was = sub.after;
          this.pump(sub);
          if (sub.after !== was) this.lastFound = performance.now();
        }
    });
  }

  private inOneRound(wake: () => void): void {
    this.pages = new Map();
    try {
      wake();
    } finally {
      this.pages = undefined;
    }
  }

  private page(after: number): StoredEvent[] {
    if (!this.pages) return this.readAll(after, PAGE_SIZE);
    let page = this.pages.get(after);
    if (!page) this.pages.set(after, (page = this.readAll(after, PAGE_SIZE)));
    return page;
  }

  /** Delivers everything after the subscription's checkpoint, page by page, until caught up. */
  private pump(sub: SubscriptionState): void {
    if (sub.closed || sub.pumping || this.closed) return;
    sub.pumping = true;
    const deliver = (page: readonly StoredEvent[]): boolean => {
      for (const event of page) {
        if (sub.closed) return false;
        try {
          sub.handler(event);
        } catch (error) {
          this.unsubscribe(sub);
          reportHandlerError(sub, error, event);
          return false;
        }
        sub.after = event.position;
      }
      return true;
    };
    try {
      for (;;) {
        let page: StoredEvent[];
        try {
          page = this.page(sub.after);
        } catch (error) {
          // A damaged event, for a subscriber that asked to go past it: what came before it, then past it.
          if (!(error instanceof CorruptEventError) || !sub.onCorrupt || error.position === undefined) throw error;
          if (!deliver(error.readable)) return;
          sub.after = error.position;
          sub.onCorrupt(error);
          continue;
        }
        if (page.length === 0) return;
        if (!deliver(page)) return;
        // A subscriber far behind (the board's follower reading a district's log from position 0 at start-up) goes
        // on in the next turn: read in one go, a million events held the event loop for seconds, and with it every
        // request and the loading of the meetings themselves.
        if (page.length === PAGE_SIZE) {
          setImmediate(() => this.pump(sub));
          return;
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

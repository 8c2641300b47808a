/**
 * How often the SQLite subscriptions look for other processes' commits: every 2 ms while such commits come, every
 * 20 ms once none came for a second, so that a laptop's lone process is not woken 500 times a second for nothing.
 * The clock is vitest's: the test counts looks, it never waits for them.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredEvent } from '../event-store.js';
import { SqliteSubscriptions } from './subscriptions.js';

function event(position: number): StoredEvent {
  return {
    position,
    stream: 'meeting-a',
    revision: position - 1,
    type: 'Noted',
    data: {},
    metadata: { revision: position - 1 },
  } as unknown as StoredEvent;
}

/** A file's rows: `committed` is the head; rows at or past `heldFrom` are this process's own, not yet durable. */
function file() {
  const f = { committed: 0, heldFrom: Infinity, looks: 0 };
  const subs = new SqliteSubscriptions(
    (after, limit) => {
      const out: StoredEvent[] = [];
      for (let p = after + 1; p <= f.committed && p < f.heldFrom && out.length < limit; p++) out.push(event(p));
      return out;
    },
    () => {
      f.looks++;
      return f.committed;
    },
  );
  return { f, subs };
}

describe('the SQLite subscriptions look for other processes’ commits', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'setInterval', 'performance'] });
  });
  afterEach(() => vi.useRealTimers());

  it('every 20 ms while nothing comes, every 2 ms while another process commits, and back after a quiet second', async () => {
    const { f, subs } = file();
    const seen: number[] = [];
    subs.subscribe(0, (e) => seen.push(e.position));

    await vi.advanceTimersByTimeAsync(1000);
    expect(f.looks).toBeGreaterThanOrEqual(48);
    expect(f.looks).toBeLessThanOrEqual(51);

    // Another process commits one event every 10 ms for a second.
    f.looks = 0;
    for (let i = 0; i < 100; i++) {
      f.committed++;
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(seen).toHaveLength(100);
    // The first commit after the quiet spell waits for one slow look (at most 20 ms), every later look is 2 ms apart.
    expect(f.looks).toBeGreaterThanOrEqual(480);
    expect(f.looks).toBeLessThanOrEqual(501);

    // A commit is seen within 2 ms while commits come.
    f.committed++;
    await vi.advanceTimersByTimeAsync(2);
    expect(seen.at(-1)).toBe(f.committed);

    // A second and a bit of quiet, then the slow looks again.
    await vi.advanceTimersByTimeAsync(1100);
    f.looks = 0;
    await vi.advanceTimersByTimeAsync(1000);
    expect(f.looks).toBeGreaterThanOrEqual(48);
    expect(f.looks).toBeLessThanOrEqual(51);
    subs.close();
  });

  it('stays slow while the head moves only by its own process’s commits, held back until durable', async () => {
    const { f, subs } = file();
    subs.subscribe(0, () => {});
    await vi.advanceTimersByTimeAsync(100);
    f.heldFrom = 1;
    f.looks = 0;
    for (let i = 0; i < 100; i++) {
      f.committed++;
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(f.looks).toBeLessThanOrEqual(51);
    subs.close();
  });

  it('stops looking when the last subscription closes, looks again for the next one, and stops for good on close', async () => {
    const { f, subs } = file();
    const sub = subs.subscribe(0, () => {});
    await vi.advanceTimersByTimeAsync(100);
    sub.close();
    f.looks = 0;
    await vi.advanceTimersByTimeAsync(1000);
    expect(f.looks).toBe(0);

    const seen: number[] = [];
    subs.subscribe(0, (e) => seen.push(e.position));
    f.committed = 3;
    await vi.advanceTimersByTimeAsync(25);
    expect(seen).toEqual([1, 2, 3]);

    subs.close();
    f.looks = 0;
    f.committed = 4;
    await vi.advanceTimersByTimeAsync(1000);
    expect(f.looks).toBe(0);
    expect(seen).toEqual([1, 2, 3]);
  });
});

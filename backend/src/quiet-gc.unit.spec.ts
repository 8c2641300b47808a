import { describe, expect, it } from 'vitest';
import { QuietCollector, exposeGc } from './quiet-gc.js';

const MiB = 1024 * 1024;

describe('QuietCollector', () => {
  it('collects once a second after the last request of a burst that grew the heap, and not again until the next one', () => {
    let now = 0;
    let collections = 0;
    let heap = 50 * MiB;
    const q = new QuietCollector(
      () => {
        collections++;
        heap = 60 * MiB;
      },
      () => now,
      () => heap,
    );
    try {
      expect(q.tick()).toBe(false); // nothing happened yet
      q.activity();
      heap = 120 * MiB;
      now = 600;
      q.activity();
      now = 1500; // 900 ms after the last request
      expect(q.tick()).toBe(false);
      now = 1600;
      expect(q.tick()).toBe(true);
      now = 5000;
      expect(q.tick()).toBe(false);
      expect(collections).toBe(1);
      q.activity(); // a probe: the heap barely grew
      heap = 62 * MiB;
      now = 6000;
      expect(q.tick()).toBe(false);
      q.activity(); // the next burst
      heap = 90 * MiB;
      now = 8000;
      expect(q.tick()).toBe(true);
      expect(collections).toBe(2);
    } finally {
      q.close();
    }
  });

  it('does not collect while work it was handed runs (the start-up loading meetings), only a second after it ends', async () => {
    let now = 0;
    let collections = 0;
    let heap = 50 * MiB;
    const q = new QuietCollector(
      () => collections++,
      () => now,
      () => heap,
    );
    try {
      q.activity(); // the ready probe
      let finish!: () => void;
      const loading = q.during(new Promise<void>((r) => (finish = r)));
      heap = 300 * MiB;
      now = 5000; // seconds without a request while meetings load
      expect(q.tick()).toBe(false);
      finish();
      await loading;
      now = 5900;
      expect(q.tick()).toBe(false);
      now = 6100;
      expect(q.tick()).toBe(true);
      expect(collections).toBe(1);
    } finally {
      q.close();
    }
  });

  it("reaches V8's collector without --expose-gc on the command line", () => {
    const gc = exposeGc();
    let garbage: unknown[] | undefined = Array.from({ length: 300_000 }, (_, i) => ({ i, s: `x${i}` }));
    gc();
    const held = process.memoryUsage().heapUsed;
    expect(garbage.length).toBe(300_000);
    garbage = undefined;
    gc();
    expect(process.memoryUsage().heapUsed).toBeLessThan(held - 10 * 1024 * 1024);
  });
});

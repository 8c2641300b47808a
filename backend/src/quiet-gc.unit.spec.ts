import { describe, expect, it } from 'vitest';
import { QuietCollector, exposeGc } from './quiet-gc.js';

describe('QuietCollector', () => {
  it('collects once a second after the last command of a burst, and not again until the next burst', () => {
    let now = 0;
    let collections = 0;
    const q = new QuietCollector(() => { collections++; }, () => now);
    try {
      expect(q.tick()).toBe(false); // nothing happened yet
      q.activity();
      now = 600;
      q.activity();
      now = 1500; // 900 ms after the last command
      expect(q.tick()).toBe(false);
      now = 1600;
      expect(q.tick()).toBe(true);
      now = 5000;
      expect(q.tick()).toBe(false);
      expect(collections).toBe(1);
      q.activity();
      now = 6000;
      expect(q.tick()).toBe(true);
      expect(collections).toBe(2);
    } finally {
      q.close();
    }
  });

  it('reaches V8\'s collector without --expose-gc on the command line', () => {
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

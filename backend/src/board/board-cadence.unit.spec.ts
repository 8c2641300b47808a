import { describe, expect, it } from 'vitest';
import { BOARD_UPDATE_INTERVAL_MS, BoardCadence } from './board-cadence.js';

/**
 * A busy board's updates as the gateway cuts them: each when its timer fires, `late` milliseconds after the instant
 * the cadence said it was due (a busy event loop); the first at `start`, after a quiet spell.
 */
function cuts(start: number, lateness: number[]): number[] {
  const cadence = new BoardCadence();
  const out: number[] = [];
  for (const late of lateness) {
    const cut = Math.max(cadence.due(), start) + late;
    out.push(cut);
    cadence.cut(cut);
  }
  return out;
}

describe('the district board’s cadence', () => {
  it('never cuts two updates of a board less than a second apart, however late each timer fires', () => {
    const at = cuts(50_000, [0, 19, 0, 150, 3, 0, 20, 21, 0, 400, 0, 0]);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    expect(Math.min(...gaps)).toBe(BOARD_UPDATE_INTERVAL_MS);
    // A late update pushes the next one back by as much: the second counts from its cut.
    expect(at[4]! - at[3]!).toBe(1000 + 3);
    // n updates take at least n − 1 seconds, from any one of them.
    for (let i = 0; i < at.length; i++)
      for (let j = i + 1; j < at.length; j++) expect(at[j]! - at[i]!).toBeGreaterThanOrEqual((j - i) * 1000);
  });

  it('lets the first update go at once, and the first after a quiet spell', () => {
    const cadence = new BoardCadence();
    expect(cadence.due()).toBeLessThan(0);
    cadence.cut(60_000);
    expect(cadence.due()).toBe(61_000);
    cadence.cut(120_000);
    expect(cadence.due()).toBe(121_000);
  });
});

import { describe, expect, it } from 'vitest';
import { BOARD_UPDATE_INTERVAL_MS, BoardCadence, SLOT_SLACK_MS } from './board-cadence.js';

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
  it('keeps a busy board to slots a second apart however late each timer fires within the slack', () => {
    // Ten updates, each 7 ms late. The first (after a quiet spell) is its own slot; each later one is due a whole
    // number of seconds after it and cut 7 ms after that. Counted from each firing, the tenth would come 9 × 1,007.
    const at = cuts(50_000, Array(10).fill(7));
    expect(at[0]).toBe(50_007);
    expect(at[9]! - at[0]!).toBe(9 * 1000 + 7);
    // Counted from an update that started its slots, n updates take at least n − 1 seconds.
    for (let n = 2; n <= at.length; n++) expect(at[n - 1]! - at[0]!).toBeGreaterThanOrEqual((n - 1) * 1000);
  });

  it('never cuts two updates closer than a second less the slack, however the lateness varies', () => {
    const lateness = [0, 19, 0, 150, 3, 0, 20, 21, 0, 400, 0, 0];
    const at = cuts(50_000, lateness);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(BOARD_UPDATE_INTERVAL_MS - SLOT_SLACK_MS);
    // One 19 ms late is made up by the next: that one is cut 981 ms after it, on its slot.
    expect(at[2]! - at[1]!).toBe(981);
    // One 150 ms late starts the slots afresh: the next is due a whole second after it, not 850 ms.
    expect(at[4]! - at[3]!).toBe(1000 + 3);
    // 21 ms late is past the slack too: a second after it.
    expect(at[8]! - at[7]!).toBe(1000);
    // n updates take at least n − 1 seconds less the slack.
    for (let i = 0; i < at.length; i++)
      for (let j = i + 1; j < at.length; j++)
        expect(at[j]! - at[i]!).toBeGreaterThanOrEqual((j - i) * 1000 - SLOT_SLACK_MS);
  });

  it('lets the first update go at once, and counts the next second from it', () => {
    const cadence = new BoardCadence();
    expect(cadence.due()).toBeLessThan(0);
    cadence.cut(60_000);
    expect(cadence.due()).toBe(61_000);
    // Quiet for a minute: the next change goes out at once and is its own slot.
    cadence.cut(120_000);
    expect(cadence.due()).toBe(121_000);
  });
});

import { describe, expect, it } from 'vitest';
import { BOARD_UPDATE_INTERVAL_MS, nextDue, SLOT_SLACK_MS, slotOf } from './board-cadence.js';

/**
 * A busy board's sends as the gateway makes them: each one cut when its timer fires, `late` milliseconds after the
 * instant it was due (a busy event loop), the next one due a slot later.
 */
function cuts(start: number, lateness: number[]): number[] {
  const out: number[] = [];
  let slot = 0;
  let due = start;
  for (const late of lateness) {
    const cut = due + late;
    out.push(cut);
    slot = slotOf(slot, cut);
    due = nextDue(slot);
  }
  return out;
}

describe('the district board’s cadence', () => {
  it('keeps a busy board to slots a second apart however late each timer fires within the slack', () => {
    // Ten sends, each 7 ms late. The first (after a quiet spell) is its own slot; each later one is due a whole
    // number of seconds after it and cut 7 ms after that. Counted from each firing, the tenth would come 9 × 1,007.
    const at = cuts(50_000, Array(10).fill(7));
    expect(at[0]).toBe(50_007);
    expect(at[9]! - at[0]!).toBe(9 * 1000 + 7);
    // n updates of a busy board take at least n − 1 seconds: never more than one a second.
    for (let n = 2; n <= at.length; n++) expect(at[n - 1]! - at[0]!).toBeGreaterThanOrEqual((n - 1) * 1000);
  });

  it('never cuts two updates closer than a second less the slack, however the lateness varies', () => {
    const lateness = [0, 19, 0, 150, 3, 0, 20, 21, 0, 400, 0, 0];
    const at = cuts(0, lateness);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(BOARD_UPDATE_INTERVAL_MS - SLOT_SLACK_MS);
    // One 19 ms late is made up by the next: that one is cut 981 ms after it, on its slot.
    expect(at[2]! - at[1]!).toBe(981);
    // One 150 ms late starts the slots afresh: the next is due a whole second after it, not 850 ms.
    expect(at[4]! - at[3]!).toBe(1000 + 3);
    // 21 ms late is past the slack too: a second after it.
    expect(at[8]! - at[7]!).toBe(1000);
    for (let n = 2; n <= at.length; n++) expect(at[n - 1]! - at[0]!).toBeGreaterThanOrEqual((n - 1) * 1000);
  });

  it('sends the first change after a quiet spell at once, and counts the next second from it', () => {
    expect(slotOf(10_000, 60_000)).toBe(60_000);
    expect(nextDue(slotOf(10_000, 60_000))).toBe(61_000);
  });
});

/**
 * When a district board's updates go out (issue 23, point 5): at most one a second per board however many of its
 * meetings commit. The second is counted from the moment the last update was cut, so no two updates of a board are
 * ever cut less than a second apart.
 *
 * Measured and not kept (docs/performance.md, part 9, "Slots a second apart"): counting each second from the slot the
 * last update was due in, which a timer fired late by a busy event loop no longer pushes back. It took ~0.3 % of
 * commits off the share shown later than a second, but let an update follow a late one by 980 ms, and the busiest
 * board's rate over a day came out above one a second (1.0000082).
 */

/** At most one board:update per board per this many milliseconds. */
export const BOARD_UPDATE_INTERVAL_MS = 1000;

/** One board's updates on one process. */
export class BoardCadence {
  private lastCut: number | undefined;

  /** The first instant the next update may be cut: at once before the first. */
  due(): number {
    return this.lastCut === undefined ? -Infinity : this.lastCut + BOARD_UPDATE_INTERVAL_MS;
  }

  /** Records an update cut at `at` (never before `due()`): the next one waits a full second from it. */
  cut(at: number): void {
    this.lastCut = at;
  }
}

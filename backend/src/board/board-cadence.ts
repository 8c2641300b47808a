/**
 * When a district board's updates go out (issue 23, point 5): about one a second per board however many of its
 * meetings commit, and a commit shown within a second of being acknowledged (p99).
 *
 * A busy board keeps to slots a second apart. The slot of an update is the second after the previous slot, not after
 * the moment the previous update's timer fired: a timer on a busy event loop fires a few milliseconds late, and
 * counted from the firing every cycle lasted a second plus that lateness, which a commit made just after a cut waits
 * too (each millisecond is a tenth of a percent of commits shown later than a second; docs/performance.md, part 9).
 * An update cut more than SLOT_SLACK_MS after its slot (the board was quiet, or the process stalled) starts the slots
 * afresh from itself. Hence two updates of a board are never cut closer than a second less that slack, and n updates
 * take at least n − 1 seconds less that slack (exactly n − 1 seconds counted from an update that started its slots).
 */

/** The length of a slot: one board:update per board per slot at most. */
export const BOARD_UPDATE_INTERVAL_MS = 1000;
/** How late for its slot an update may be cut and still keep to the slots. */
export const SLOT_SLACK_MS = 20;

/** One board's slots on one process. */
export class BoardCadence {
  private lastSlot: number | undefined;

  /** The first instant the next update may be cut: at once before the first. */
  due(): number {
    return this.lastSlot === undefined ? -Infinity : this.lastSlot + BOARD_UPDATE_INTERVAL_MS;
  }

  /** Records an update cut at `at` (never before `due()`): the next one counts from its slot. */
  cut(at: number): void {
    const due = this.due();
    this.lastSlot = at - due <= SLOT_SLACK_MS ? due : at;
  }
}

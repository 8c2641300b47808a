/**
 * When a district board's updates go out (issue 23, point 5): at most one a second per board, however many of its
 * meetings commit, and a commit shown within a second of being acknowledged (p99).
 *
 * A busy board keeps to slots a second apart. The slot of a send is the second after the previous slot, not after
 * the moment the previous send's timer fired: a timer on a busy event loop fires a few milliseconds late, and counted
 * from the firing every cycle lasted a second plus that lateness, which a commit made just after a cut waits too
 * (each millisecond is a tenth of a percent of commits shown later than a second; docs/performance.md, part 9).
 * A send later than its slot by more than SLOT_SLACK_MS (the board was quiet, or the process stalled) starts the
 * slots afresh from itself. Hence two updates of a board are never cut closer than a second less that slack, and
 * n updates of a board take at least n − 1 seconds (the first after a quiet spell is its own slot).
 */

/** The length of a slot: at most one board:update per board per this many milliseconds. */
export const BOARD_UPDATE_INTERVAL_MS = 1000;
/** How late for its slot a send may be cut and still keep to the slots. */
export const SLOT_SLACK_MS = 20;

/** The first instant the board's next update may be cut, given the slot of its last one (0 before any). */
export function nextDue(lastSlot: number): number {
  return lastSlot + BOARD_UPDATE_INTERVAL_MS;
}

/** The slot an update cut at `cut` (never before `nextDue(lastSlot)`) stands for: what the next one counts from. */
export function slotOf(lastSlot: number, cut: number): number {
  const due = nextDue(lastSlot);
  return cut - due <= SLOT_SLACK_MS ? due : cut;
}

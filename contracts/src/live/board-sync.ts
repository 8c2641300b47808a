import { applyBoardPatch } from '../board/board-patch.js';
import type { DistrictBoard } from '../board/district-board.js';
import type { BoardUpdate } from './protocol.js';

/** Updates held while a join is unanswered (a second each). */
const EARLY_KEPT = 10;

/** What an update did: moved the board on, changed nothing (older than the board held), or needs a new join. */
export type BoardSyncStep = 'shown' | 'ignored' | 'rejoin';

/**
 * The rules by which a screen keeps a district board in step with the server under protocol 3 (`patches: true`),
 * without any socket library, so that the dashboard and the tests drive the same rules:
 * - a whole board is kept unless it is older than the one held;
 * - a patch applies only to the board of the `seq` right before it; after a gap the client joins again;
 * - an update that arrives before the join's acknowledgement waits for it (the server may send one between putting
 *   the socket in its room and answering).
 * A new join (a reconnection, perhaps to another process) starts a new count of `seq`: joined() takes it from the
 * acknowledgement.
 */
export class BoardSync {
  board: DistrictBoard | null = null;
  seq = -1;
  private early: BoardUpdate[] = [];

  /** The join's acknowledgement; returns the board to show (with any update that arrived before it applied). */
  joined(board: DistrictBoard, seq: number): BoardSyncStep {
    this.board = board;
    this.seq = seq;
    const early = this.early;
    this.early = [];
    for (const u of early) if (this.update(u) === 'rejoin') return 'rejoin';
    return 'shown';
  }

  update(u: BoardUpdate): BoardSyncStep {
    if (this.board === null) {
      // Held for the acknowledgement; a join that is never answered keeps only the latest few (a gap then shows).
      if (this.early.push(u) > EARLY_KEPT) this.early.shift();
      return 'ignored';
    }
    if (u.patch === undefined) {
      if (u.board.at < this.board.at) return 'ignored';
      this.board = u.board;
      this.seq = u.seq;
      return 'shown';
    }
    if (u.seq <= this.seq) return 'ignored';
    if (u.seq !== this.seq + 1) return 'rejoin';
    this.board = applyBoardPatch(this.board, u.patch);
    this.seq = u.seq;
    return 'shown';
  }
}

/**
 * A district board's update as what changed since the board last sent (protocol 3, `BoardJoinRequest.patches`).
 * On a busy day every meeting keys a ballot or checks someone in every second, so nearly every row changes between
 * two updates, but only in a few figures: a row's change carries its id, its revision and the fields that differ,
 * each field whole. A whole row is ~480 bytes; its change on a day of ballots ~200 (part 9: 59 KiB for 300 rows).
 *
 * Fields are whole values, never deltas, and a row that is new to the client comes whole: applying the change to
 * the board it was computed against gives the next board exactly (the unit tests hold it to that).
 */
import equal from 'fast-deep-equal';
import type { BoardRow } from './board-row.js';
import type { BoardRollUp, DistrictBoard } from './district-board.js';

/** A row's change: always its id and revision; every other field only when it differs (a new row: every field). */
export type BoardRowChange = Partial<BoardRow> & Pick<BoardRow, 'meetingId' | 'revision'>;

export interface BoardPatch {
  /** When the next board was assembled. */
  at: string;
  rows: BoardRowChange[];
  /** Meetings no longer on the board (a meeting deleted, or moved out of the subtree). */
  removed: string[];
  /**
   * Every row's meetingId in the board's order, when the order changed (a row added, removed or renamed): the server's
   * collation decides it, never the screen's, whose ICU may order Chinese names differently.
   */
  order?: string[];
  /** Present only when they changed. */
  name?: string;
  rollUps?: BoardRollUp[];
  totals?: DistrictBoard['totals'];
}

/**
 * Field by field, structurally: the board's rows are plain JSON values. Comparing their JSON texts cost ~1.7 ms a
 * board of 300 changed rows, on the path between a board's cut and its send; this ~0.35 ms.
 */
const same = (a: unknown, b: unknown) => equal(a, b);

function rowChange(prev: BoardRow | undefined, next: BoardRow): BoardRowChange | null {
  if (!prev) return next;
  if (prev === next) return null;
  const change: Record<string, unknown> = { meetingId: next.meetingId, revision: next.revision };
  let changed = next.revision !== prev.revision;
  for (const key of Object.keys(next) as (keyof BoardRow)[]) {
    if (key === 'meetingId' || key === 'revision' || same(prev[key], next[key])) continue;
    change[key] = next[key];
    changed = true;
  }
  return changed ? (change as BoardRowChange) : null;
}

/**
 * Row changes computed by an earlier call against the same base row, for a caller that diffs the same two boards
 * more than once (the server diffs a board shortly before its send, so that the send only diffs the rows changed
 * since). Rows are immutable values, so a change found for (base, row) stays true.
 */
export type BoardRowChangeMemo = WeakMap<BoardRow, { base: BoardRow; change: BoardRowChange | null }>;

function memoisedChange(base: BoardRow | undefined, row: BoardRow, memo: BoardRowChangeMemo | undefined) {
  if (!base || !memo) return rowChange(base, row);
  const known = memo.get(row);
  if (known?.base === base) return known.change;
  const change = rowChange(base, row);
  memo.set(row, { base, change });
  return change;
}

/** What turns `prev` (the board the client holds) into `next`. */
export function boardPatch(prev: DistrictBoard, next: DistrictBoard, memo?: BoardRowChangeMemo): BoardPatch {
  const before = new Map(prev.rows.map((r) => [r.meetingId, r]));
  const reordered =
    prev.rows.length !== next.rows.length || next.rows.some((r, i) => r.meetingId !== prev.rows[i]!.meetingId);
  const rows: BoardRowChange[] = [];
  for (const r of next.rows) {
    const c = memoisedChange(before.get(r.meetingId), r, memo);
    if (c) rows.push(c);
    before.delete(r.meetingId);
  }
  return {
    at: next.at,
    rows,
    removed: [...before.keys()],
    ...(reordered ? { order: next.rows.map((r) => r.meetingId) } : {}),
    ...(prev.name !== next.name ? { name: next.name } : {}),
    ...(same(prev.rollUps, next.rollUps) ? {} : { rollUps: next.rollUps }),
    ...(same(prev.totals, next.totals) ? {} : { totals: next.totals }),
  };
}

/** The next board: `patch` applied to a copy of `board` (the board a screen holds is never changed in place). */
export function applyBoardPatch(board: DistrictBoard, patch: BoardPatch): DistrictBoard {
  const rows = new Map(board.rows.map((r) => [r.meetingId, r]));
  for (const id of patch.removed) rows.delete(id);
  // Every field of a row is always present (none is optional), so a change only ever sets fields.
  for (const c of patch.rows) rows.set(c.meetingId, { ...rows.get(c.meetingId), ...c } as BoardRow);
  const order = patch.order ?? board.rows.map((r) => r.meetingId).filter((id) => rows.has(id));
  return {
    organisationId: board.organisationId,
    name: patch.name ?? board.name,
    at: patch.at,
    rows: order.map((id) => rows.get(id)!),
    rollUps: patch.rollUps ?? board.rollUps,
    totals: patch.totals ?? board.totals,
  };
}

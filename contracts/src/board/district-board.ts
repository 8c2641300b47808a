/**
 * The district board as a whole: the rows of every meeting under an organisation, their roll-ups per child
 * organisation (a committee's branches summed) and the filters the screen offers. Pure: the backend assembles the
 * rows and the tree, this says what they add up to.
 */
import type { AnomalyCode } from './anomalies.js';
import type { BoardRow } from './board-row.js';
import { MEETING_STAGES, type MeetingStage } from './stage.js';

export interface BoardRollUp {
  /** The child organisation (or the board's own organisation, for meetings held directly under it). */
  organisationId: string;
  name: string;
  meetings: number;
  byStage: Record<MeetingStage, number>;
  expected: number;
  presentVoters: number;
  /** Meetings with a blocking anomaly, and with a warning only. */
  blocking: number;
  warning: number;
}

export interface DistrictBoard {
  organisationId: string;
  name: string;
  /** When the board was assembled (the clock A-05 was judged against). */
  at: string;
  rows: BoardRow[];
  rollUps: BoardRollUp[];
  totals: Omit<BoardRollUp, 'organisationId' | 'name'>;
}

export interface BoardFilter {
  stages?: readonly MeetingStage[];
  /** Rows with any of these codes; 'blocking' / 'warning': rows with any anomaly of that severity. */
  anomalies?: readonly (AnomalyCode | 'blocking' | 'warning')[];
}

const noStages = () => Object.fromEntries(MEETING_STAGES.map((s) => [s, 0])) as Record<MeetingStage, number>;

function sum(rows: readonly BoardRow[]): Omit<BoardRollUp, 'organisationId' | 'name'> {
  const t = { meetings: 0, byStage: noStages(), expected: 0, presentVoters: 0, blocking: 0, warning: 0 };
  for (const r of rows) {
    t.meetings++;
    t.byStage[r.stage]++;
    t.expected += r.attendance.expected;
    t.presentVoters += r.attendance.presentVoters;
    if (r.anomalies.some((a) => a.severity === 'blocking')) t.blocking++;
    else if (r.anomalies.length > 0) t.warning++;
  }
  return t;
}

/**
 * Sums per group: `groups` lists the board's children (and the board's own organisation) in display order,
 * `groupOf` says which of them a row falls under (null: none, left out of the roll-ups but not of the totals).
 */
export function rollUps(
  rows: readonly BoardRow[],
  groups: readonly { organisationId: string; name: string }[],
  groupOf: (row: BoardRow) => string | null,
): { rollUps: BoardRollUp[]; totals: Omit<BoardRollUp, 'organisationId' | 'name'> } {
  const by = new Map<string, BoardRow[]>(groups.map((g) => [g.organisationId, []]));
  for (const r of rows) {
    const g = groupOf(r);
    if (g !== null) by.get(g)?.push(r);
  }
  return {
    rollUps: groups.map((g) => ({ organisationId: g.organisationId, name: g.name, ...sum(by.get(g.organisationId)!) })),
    totals: sum(rows),
  };
}

/** One collator for every comparison: `localeCompare(b, 'zh-CN')` sets one up on each call. */
const zh = new Intl.Collator('zh-CN');

/** The board's order, as the server sorts it: organisation (zh-CN collation), then date, then title, then id. */
export function compareBoardRows(a: BoardRow, b: BoardRow): number {
  return (
    zh.compare(a.organisation, b.organisation) ||
    a.scheduledFor.localeCompare(b.scheduledFor) ||
    zh.compare(a.title, b.title) ||
    a.meetingId.localeCompare(b.meetingId)
  );
}

export function filterRows(rows: readonly BoardRow[], f: BoardFilter): BoardRow[] {
  return rows.filter((r) => {
    if (f.stages && f.stages.length > 0 && !f.stages.includes(r.stage)) return false;
    if (f.anomalies && f.anomalies.length > 0)
      return r.anomalies.some((a) => f.anomalies!.includes(a.code) || f.anomalies!.includes(a.severity));
    return true;
  });
}

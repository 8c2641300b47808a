/**
 * BoardSync: the rules a board screen follows under protocol 3, on hand-made boards whose figures are written out
 * here (a row's presentVoters, the board's `at`), never computed by the code under test.
 */
import { describe, expect, it } from 'vitest';
import type { BoardRow } from '../board/board-row.js';
import type { DistrictBoard } from '../board/district-board.js';
import type { BoardUpdate } from './protocol.js';
import { BoardSync } from './board-sync.js';

const row = (meetingId: string, presentVoters: number, revision: number): BoardRow => ({
  meetingId,
  title: `${meetingId} 换届选举党员大会`,
  organisation: meetingId,
  organisationId: 'county',
  scheduledFor: '2026-12-06',
  timeZone: 'Asia/Shanghai',
  ruleset: 'party-branch',
  stage: 'checking-in',
  plan: null,
  closed: false,
  attendance: {
    expected: 30,
    presentVoters,
    quorum: { required: 25, met: false, short: 25 - presentVoters, rule: 'P-05', blocking: true },
  },
  rounds: [],
  revision,
  lastEventAt: null,
  anomalies: [],
});
const totals = {
  meetings: 1,
  byStage: {} as DistrictBoard['totals']['byStage'],
  expected: 30,
  presentVoters: 0,
  blocking: 0,
  warning: 0,
};
const board = (at: string, rows: BoardRow[]): DistrictBoard => ({
  organisationId: 'county',
  name: '县委组织部',
  at,
  rows,
  rollUps: [],
  totals,
});
const patch = (seq: number, at: string, meetingId: string, presentVoters: number, revision: number): BoardUpdate => ({
  organisationId: 'county',
  seq,
  patch: {
    at,
    rows: [{ meetingId, revision, attendance: row(meetingId, presentVoters, revision).attendance }],
    removed: [],
  },
});
const present = (s: BoardSync, meetingId: string) =>
  s.board?.rows.find((r) => r.meetingId === meetingId)?.attendance.presentVoters;

describe('BoardSync', () => {
  it('applies the patch that follows the acknowledged seq, and ignores one it already has', () => {
    const s = new BoardSync();
    expect(s.joined(board('2026-12-06T01:00:00.000Z', [row('a', 3, 10)]), 7)).toBe('shown');
    expect(s.update(patch(8, '2026-12-06T01:00:01.000Z', 'a', 4, 11))).toBe('shown');
    expect(present(s, 'a')).toBe(4);
    expect(s.seq).toBe(8);
    expect(s.update(patch(8, '2026-12-06T01:00:01.000Z', 'a', 4, 11))).toBe('ignored');
    expect(s.board?.at).toBe('2026-12-06T01:00:01.000Z');
  });

  it('asks for a new join after a gap, without applying the patch that does not follow', () => {
    const s = new BoardSync();
    s.joined(board('2026-12-06T01:00:00.000Z', [row('a', 3, 10)]), 7);
    expect(s.update(patch(9, '2026-12-06T01:00:02.000Z', 'a', 5, 12))).toBe('rejoin');
    expect(present(s, 'a')).toBe(3);
    expect(s.seq).toBe(7);
  });

  it('holds an update that arrives before the acknowledgement and applies it to the acknowledged board', () => {
    const s = new BoardSync();
    expect(s.update(patch(5, '2026-12-06T01:00:01.000Z', 'a', 9, 21))).toBe('ignored');
    expect(s.board).toBeNull();
    expect(s.joined(board('2026-12-06T01:00:00.000Z', [row('a', 8, 20)]), 4)).toBe('shown');
    expect(present(s, 'a')).toBe(9);
    expect(s.seq).toBe(5);
    // One that the acknowledged board already includes is dropped; one past a gap asks for a new join.
    const t = new BoardSync();
    t.update(patch(3, '2026-12-06T01:00:00.000Z', 'a', 7, 19));
    expect(t.joined(board('2026-12-06T01:00:00.500Z', [row('a', 8, 20)]), 4)).toBe('shown');
    expect(present(t, 'a')).toBe(8);
    const u = new BoardSync();
    u.update(patch(6, '2026-12-06T01:00:02.000Z', 'a', 9, 21));
    expect(u.joined(board('2026-12-06T01:00:00.000Z', [row('a', 8, 20)]), 4)).toBe('rejoin');
  });

  it('takes a whole board unless it is older than the one held', () => {
    const s = new BoardSync();
    s.joined(board('2026-12-06T01:00:01.000Z', [row('a', 3, 10)]), 2);
    expect(
      s.update({ organisationId: 'county', seq: 3, board: board('2026-12-06T01:00:00.000Z', [row('a', 1, 8)]) }),
    ).toBe('ignored');
    expect(present(s, 'a')).toBe(3);
    expect(
      s.update({ organisationId: 'county', seq: 3, board: board('2026-12-06T01:00:02.000Z', [row('a', 6, 13)]) }),
    ).toBe('shown');
    expect(present(s, 'a')).toBe(6);
    expect(s.update(patch(4, '2026-12-06T01:00:03.000Z', 'a', 7, 14))).toBe('shown');
    expect(present(s, 'a')).toBe(7);
  });
});

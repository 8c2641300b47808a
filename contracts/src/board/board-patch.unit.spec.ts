/**
 * Board patches (protocol 3): the oracle is the whole board. For every step of a few meetings' day, the board a
 * client holds (as JSON, the way it travelled) with the patch applied must be exactly the next whole board, as JSON;
 * and a patch carries only the rows and the fields that changed.
 */
import { describe, expect, it } from 'vitest';
import { ballotsWithTotals, readyMeeting } from '../testing/fixtures.js';
import { boardRow, type BoardRow } from './board-row.js';
import { rollUps, type DistrictBoard } from './district-board.js';
import { applyBoardPatch, boardPatch, type BoardRowChangeMemo } from './board-patch.js';

const asSent = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** A board of `rows`, given in the board's order (worked out by hand in each test). */
function boardOf(rows: BoardRow[], at: string): DistrictBoard {
  const groups = [{ organisationId: 'county', name: '县委组织部' }];
  return { organisationId: 'county', name: '县委组织部', at, rows, ...rollUps(rows, groups, () => 'county') };
}

/** A meeting's row; the fixtures' meetings all have the id m1, so each row takes its organisation's name as id. */
const rowOf = (b: ReturnType<typeof readyMeeting>, organisation: string): BoardRow => ({
  ...boardRow(b.state, {
    organisationId: 'county',
    lastEventAt: `2026-12-06T01:00:${String(b.state.revision % 60).padStart(2, '0')}Z`,
  }),
  meetingId: organisation,
  organisation,
});

describe('boardPatch / applyBoardPatch', () => {
  it('turns the board a client holds into the next one at every step of three meetings keyed in turn', () => {
    const names = ['A 党支部', 'B 党支部', 'C 党支部'];
    const meetings = names.map(() => readyMeeting({ voters: 9, seats: 1, candidates: 2 }));
    const rounds = meetings.map((m) => m.openRound());
    const ballots = ballotsWithTotals({ p1: 6, p2: 3 }, 9, 1);
    let held = asSent(
      boardOf(
        meetings.map((m, i) => rowOf(m, names[i]!)),
        '2026-12-06T01:00:00.000Z',
      ),
    );
    let steps = 0;
    for (let k = 0; k < ballots.length; k++)
      for (let i = 0; i < meetings.length; i++) {
        if (k % (i + 1) !== 0) continue; // the meetings key at different paces: some rows change, some do not
        meetings[i]!.enterBallots('c1', rounds[i]!, [ballots[k]!]);
        const next = boardOf(
          meetings.map((m, j) => rowOf(m, names[j]!)),
          `2026-12-06T01:00:${String(++steps).padStart(2, '0')}.000Z`,
        );
        const patch = asSent(boardPatch(held, next));
        // Only the meeting that keyed a ballot: its id, revision, what changed (rounds, the last event's time).
        expect(patch.rows.map((r) => r.meetingId)).toEqual([names[i]]);
        expect(Object.keys(patch.rows[0]!).sort()).toEqual(['lastEventAt', 'meetingId', 'revision', 'rounds']);
        expect(patch.removed).toEqual([]);
        held = applyBoardPatch(held, patch);
        expect(held).toEqual(asSent(next));
      }
    expect(steps).toBeGreaterThan(12);
  });

  it('adds a new row whole in its place, drops a removed one, and sends roll-ups only when they changed', () => {
    const a = readyMeeting({ voters: 5 });
    const b = readyMeeting({ voters: 7 });
    const c = readyMeeting({ voters: 3 });
    // By pinyin (zh-CN): 丙 bing < 甲 jia < 乙 yi, though by code point 乙 comes before 甲.
    const first = asSent(boardOf([rowOf(c, '丙支部'), rowOf(a, '乙支部')], '2026-12-06T01:00:00.000Z'));
    const second = boardOf([rowOf(b, '甲支部'), rowOf(a, '乙支部')], '2026-12-06T01:00:01.000Z');
    const patch = asSent(boardPatch(first, second));
    expect(patch.removed).toEqual(['丙支部']);
    expect(patch.rows).toEqual([asSent(rowOf(b, '甲支部'))]);
    // 5 + 3 expected before, 5 + 7 after: the totals changed and travel.
    expect(patch.totals?.expected).toBe(12);
    const applied = applyBoardPatch(first, patch);
    expect(applied).toEqual(asSent(second));
    expect(applied.rows.map((r) => r.organisation)).toEqual(['甲支部', '乙支部']);
    expect(patch.order).toEqual(['甲支部', '乙支部']);

    // Nothing changed but the clock: no rows, no roll-ups, no totals, only `at`.
    const same = boardOf([rowOf(b, '甲支部'), rowOf(a, '乙支部')], '2026-12-06T01:00:02.000Z');
    expect(asSent(boardPatch(asSent(second), same))).toEqual({ at: same.at, rows: [], removed: [] });
  });

  it('orders rows as the server did, never by the client’s own collation, and says the order only when it changed', () => {
    const a = readyMeeting({ voters: 5 });
    const b = readyMeeting({ voters: 7 });
    // An order no collation gives (乙 yi before 甲 jia): the client must keep it as sent.
    const first = asSent(boardOf([rowOf(a, '乙支部')], '2026-12-06T01:00:00.000Z'));
    const second = boardOf([rowOf(a, '乙支部'), rowOf(b, '甲支部')], '2026-12-06T01:00:01.000Z');
    const p1 = asSent(boardPatch(first, second));
    expect(p1.order).toEqual(['乙支部', '甲支部']);
    const held = applyBoardPatch(first, p1);
    expect(held.rows.map((r) => r.meetingId)).toEqual(['乙支部', '甲支部']);
    b.checkIn('p1');
    const third = boardOf([rowOf(a, '乙支部'), rowOf(b, '甲支部')], '2026-12-06T01:00:02.000Z');
    const p2 = asSent(boardPatch(held, third));
    expect(p2.order).toBeUndefined();
    expect(applyBoardPatch(held, p2).rows.map((r) => r.meetingId)).toEqual(['乙支部', '甲支部']);
  });

  it('sends a figure that went back to an earlier value (a member who left and returned)', () => {
    const m = readyMeeting({ voters: 6 });
    const before = asSent(boardOf([rowOf(m, '甲支部')], '2026-12-06T01:00:00.000Z'));
    m.depart('p6');
    const away = boardOf([rowOf(m, '甲支部')], '2026-12-06T01:00:01.000Z');
    const p1 = asSent(boardPatch(before, away));
    expect(p1.rows[0]?.attendance?.presentVoters).toBe(5);
    const held = applyBoardPatch(before, p1);
    m.checkIn('p6');
    const back = boardOf([rowOf(m, '甲支部')], '2026-12-06T01:00:02.000Z');
    const p2 = asSent(boardPatch(held, back));
    expect(p2.rows[0]?.attendance?.presentVoters).toBe(6);
    expect(applyBoardPatch(held, p2)).toEqual(asSent(back));
  });

  it('is much smaller than the board when every row changed by one ballot', () => {
    const meetings = Array.from({ length: 40 }, () => readyMeeting({ voters: 9, seats: 1, candidates: 2 }));
    const rounds = meetings.map((m) => m.openRound());
    const names = meetings.map((_, i) => `党支部 ${String(i + 10)}`);
    const before = asSent(
      boardOf(
        meetings.map((m, i) => rowOf(m, names[i]!)),
        '2026-12-06T01:00:00.000Z',
      ),
    );
    const [ballot] = ballotsWithTotals({ p1: 1 }, 1, 1);
    meetings.forEach((m, i) => m.enterBallots('c1', rounds[i]!, [ballot!]));
    const after = boardOf(
      meetings.map((m, i) => rowOf(m, names[i]!)),
      '2026-12-06T01:00:01.000Z',
    );
    const patch = boardPatch(before, after);
    expect(patch.rows).toHaveLength(40);
    expect(JSON.stringify(patch).length).toBeLessThan(JSON.stringify(after).length / 2);
    expect(applyBoardPatch(before, asSent(patch))).toEqual(asSent(after));
  });

  it('with a memo, gives what a fresh diff gives: a row change is reused only against the same base row', () => {
    const names = ['A 党支部', 'B 党支部'];
    const meetings = names.map(() => readyMeeting({ voters: 9, seats: 1, candidates: 2 }));
    const rounds = meetings.map((m) => m.openRound());
    const ballots = ballotsWithTotals({ p1: 6, p2: 3 }, 9, 1);
    const rows = () => meetings.map((m, i) => rowOf(m, names[i]!));
    const base = boardOf(rows(), '2026-12-06T01:00:00.000Z');
    meetings.forEach((m, i) => m.enterBallots('c1', rounds[i]!, [ballots[0]!]));
    const [a1, b1] = rows();
    const first = boardOf([a1!, b1!], '2026-12-06T01:00:01.000Z');
    const memo: BoardRowChangeMemo = new WeakMap();
    expect(boardPatch(base, first, memo)).toEqual(boardPatch(base, first));
    // What the memo holds for (base row, row) is what the patch carries: it is read, not worked out again.
    const marker = { meetingId: 'B 党支部', revision: -1 };
    memo.set(b1!, { base: base.rows[1]!, change: marker });
    expect(boardPatch(base, first, memo).rows[1]).toBe(marker);
    memo.set(b1!, { base: base.rows[1]!, change: boardPatch(base, first).rows[1]! });

    // A keys again (a new row); B's row is the same object as in `first`, its change against `base` found before.
    meetings[0]!.enterBallots('c1', rounds[0]!, [ballots[1]!]);
    const second = boardOf([rows()[0]!, b1!], '2026-12-06T01:00:02.000Z');
    const againstBase = boardPatch(base, second, memo);
    expect(againstBase).toEqual(boardPatch(base, second));
    expect(againstBase.rows.map((r) => r.meetingId)).toEqual(names);

    // Against the board as the first update left it, B has not changed: its change against `base` is not reused.
    const sent = asSent(first);
    const againstSent = boardPatch(sent, second, memo);
    expect(againstSent).toEqual(boardPatch(sent, second));
    expect(againstSent.rows.map((r) => r.meetingId)).toEqual(['A 党支部']);
  });
});

/**
 * When the gateway sends a board's update, on a clock the test holds (vitest's fake timers): the figures of part 9
 * (docs/performance.md) come from a loaded machine, this says what the gateway does at each instant. The service is
 * a stand-in that hands out an empty board stamped with the instant asked for; the socket.io namespace one that keeps
 * what was emitted to a room.
 */
import type { DistrictBoard } from '@tallyroom/contracts';
import type { Logger } from 'pino';
import type { Namespace, Socket } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RateLimits } from '../http/rate-limits.js';
import { BOARD_UPDATE_INTERVAL_MS } from './board-cadence.js';
import { BoardLiveGateway } from './board-live.gateway.js';
import type { BoardService } from './board.service.js';

const COUNTY = 'org-county';
const T0 = Date.parse('2026-12-07T02:00:00.000Z');

interface Emitted {
  room: string;
  at: number;
  board: DistrictBoard;
}

function harness() {
  let changed: (meetingId: string) => void = () => undefined;
  const service = {
    onChanged(l: (meetingId: string) => void) {
      changed = l;
      return () => undefined;
    },
    shows: async () => true,
    authoriseRead: async () => undefined,
    board: async (organisationId: string, at = new Date().toISOString()): Promise<DistrictBoard> =>
      ({ organisationId, name: '某县委组织部', at, rows: [], rollUps: [], totals: {} }) as unknown as DistrictBoard,
  } as unknown as BoardService;
  const limits = { beforeJoin: async () => undefined, joinFailed: async () => undefined } as unknown as RateLimits;
  const log = { error: vi.fn(), warn: vi.fn() } as unknown as Logger;

  const rooms = new Map<string, Set<string>>();
  const emitted: Emitted[] = [];
  const nsp = {
    adapter: { rooms, on: () => undefined },
    local: {
      to: (room: string) => ({
        emit: (_event: string, u: { board: DistrictBoard }) => emitted.push({ room, at: Date.now(), board: u.board }),
      }),
    },
  } as unknown as Namespace;
  const gateway = new BoardLiveGateway(service, limits, log);
  (gateway as unknown as { nsp: Namespace }).nsp = nsp;
  gateway.afterInit(nsp);
  gateway.onModuleInit();

  const socket = {
    id: 'tablet-1',
    connected: true,
    handshake: { address: '127.0.0.1', auth: {} },
    rooms: new Set<string>(['tablet-1']),
    async join(room: string) {
      this.rooms.add(room);
      rooms.set(room, (rooms.get(room) ?? new Set()).add(this.id));
    },
    async leave(room: string) {
      this.rooms.delete(room);
      rooms.get(room)?.delete(this.id);
    },
  };
  return {
    gateway,
    emitted,
    change: (meetingId: string) => changed(meetingId),
    join: () => gateway.join(socket as unknown as Socket, { organisationId: COUNTY, token: 'viewer' }),
  };
}

/** Lets the gateway's promises settle without moving the fake clock (setImmediate is left real for this). */
const settle = () => new Promise((r) => setImmediate(r));

describe('the district board gateway’s sends', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('sends an update that is overdue when a commit is handled then, not when its late timer fires', async () => {
    const h = harness();
    expect((await h.join()).ok).toBe(true);

    // The first change after a quiet spell goes out at once.
    h.change('m1');
    await vi.advanceTimersByTimeAsync(0);
    expect(h.emitted.map((e) => e.at)).toEqual([T0]);

    // A change 100 ms later waits for the second to be up.
    await vi.advanceTimersByTimeAsync(100);
    h.change('m1');
    await settle();
    expect(h.emitted).toHaveLength(1);

    // The event loop is busy past the second: the wall clock moves 15 ms beyond it, the send's timer has not fired
    // (setSystemTime moves the clock without running timers). A commit handled now sends the board at once, stamped
    // with this instant, and carries that commit: no timer is left for it.
    vi.setSystemTime(T0 + BOARD_UPDATE_INTERVAL_MS + 15);
    h.change('m2');
    await settle();
    expect(h.emitted.map((e) => e.at)).toEqual([T0, T0 + 1015]);
    expect(Date.parse(h.emitted[1]!.board.at)).toBe(T0 + 1015);
    expect(vi.getTimerCount()).toBe(0);

    // Nothing more changed: no update follows.
    await vi.advanceTimersByTimeAsync(3000);
    expect(h.emitted).toHaveLength(2);
  });

  it('never sends early: a change heard before the second is up leaves the update to its timer', async () => {
    const h = harness();
    expect((await h.join()).ok).toBe(true);
    h.change('m1');
    await vi.advanceTimersByTimeAsync(0);

    await vi.advanceTimersByTimeAsync(400);
    h.change('m1');
    await settle();
    // 999 ms after the last cut, its timer not yet fired: one change more is still within the second.
    await vi.advanceTimersByTimeAsync(599);
    h.change('m2');
    await settle();
    expect(h.emitted.map((e) => e.at)).toEqual([T0]);

    await vi.advanceTimersByTimeAsync(1);
    expect(h.emitted.map((e) => e.at)).toEqual([T0, T0 + BOARD_UPDATE_INTERVAL_MS]);
  });
});

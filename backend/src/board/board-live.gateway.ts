import { Inject, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayInit,
} from '@nestjs/websockets';
import {
  boardPatch,
  DomainError,
  LIVE_NAMESPACE,
  PROTOCOL_VERSION,
  type BoardJoinAck,
  type BoardJoinRequest,
  type BoardPatchUpdate,
  type BoardRowChangeMemo,
  type BoardWholeUpdate,
  type DistrictBoard,
} from '@tallyroom/contracts';
import type { Namespace, Socket } from 'socket.io';
import type { Logger } from 'pino';
import { LOGGER } from '../logger.js';
import { errorBody, joinFailure } from '../http/domain-error.filter.js';
import { RateLimits } from '../http/rate-limits.js';
import { BoardCadence } from './board-cadence.js';
import { BoardService } from './board.service.js';

/**
 * A board's rooms: clients of whole boards, and clients of patches (protocol 3). No '|': not a meeting's audience
 * (live.gateway.ts keys those by '|').
 */
const ROOM_PREFIX = 'board:';
const PATCH_ROOM_PREFIX = 'board-patch:';
const roomOf = (organisationId: string) => `${ROOM_PREFIX}${organisationId}`;
const patchRoomOf = (organisationId: string) => `${PATCH_ROOM_PREFIX}${organisationId}`;
const organisationOfRoom = (room: string) =>
  room.startsWith(ROOM_PREFIX)
    ? room.slice(ROOM_PREFIX.length)
    : room.startsWith(PATCH_ROOM_PREFIX)
      ? room.slice(PATCH_ROOM_PREFIX.length)
      : undefined;

/**
 * A patch board is assembled and diffed this long before its send, so that the send itself, between the cut and the
 * write, only redoes the rows that changed since (a few, against 300): a commit made just after its row was read
 * waits a second plus that stretch, and every millisecond of it is a tenth of a percent of commits shown later than
 * a second (docs/performance.md, part 9).
 */
const PREPARE_LEAD_MS = 25;

interface Schedule {
  timer: NodeJS.Timeout | undefined;
  /** When its updates may go out (board-cadence.ts). */
  cadence: BoardCadence;
  seq: number;
  /** The board as update `seq` carried it (or as the first patch client joined it): what the next patch is against. */
  sent: Promise<DistrictBoard> | undefined;
  /** The timer that assembles and diffs the board ahead of the pending send (PREPARE_LEAD_MS). */
  preparing: NodeJS.Timeout | undefined;
  /** Row changes against `sent`, found ahead of the send. */
  memo: BoardRowChangeMemo;
}

/**
 * The district board live on /live. Every backend process follows the shared log itself (BoardService), so each
 * one pushes its own sockets' boards (`local`): with Redis a board watched on two processes is computed on both
 * and no update crosses the adapter twice. Updates are coalesced per board: the first change after a quiet second
 * goes out at once, later ones wait for the second to pass and go out together.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class BoardLiveGateway implements OnModuleInit, OnModuleDestroy, OnGatewayInit {
  @WebSocketServer() private nsp!: Namespace;
  /** Boards with at least one socket on this process. */
  private readonly boards = new Map<string, Schedule>();
  private off: (() => void) | undefined;

  constructor(
    private readonly service: BoardService,
    private readonly limits: RateLimits,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onModuleInit() {
    this.off = this.service.onChanged((meetingId) => void this.changed(meetingId));
  }

  afterInit(nsp: Namespace) {
    nsp.adapter.on('delete-room', (room: string) => {
      const organisationId = organisationOfRoom(room);
      if (organisationId === undefined) return;
      if (this.watchers(roomOf(organisationId)) + this.watchers(patchRoomOf(organisationId)) > 0) return;
      const s = this.boards.get(organisationId);
      if (s?.timer) clearTimeout(s.timer);
      if (s?.preparing) clearTimeout(s.preparing);
      this.boards.delete(organisationId);
    });
  }

  onModuleDestroy() {
    this.off?.();
    for (const s of this.boards.values()) {
      if (s.timer) clearTimeout(s.timer);
      if (s.preparing) clearTimeout(s.preparing);
    }
    // A change or send still in flight finds its schedule gone and sets no timer.
    this.boards.clear();
  }

  @SubscribeMessage('board:join')
  async join(@ConnectedSocket() socket: Socket, @MessageBody() req: BoardJoinRequest): Promise<BoardJoinAck> {
    const address = socket.handshake.address;
    /** The room this join entered, if it got that far. */
    let entered: string | undefined;
    try {
      await this.limits.beforeJoin(address);
      if (typeof req?.organisationId !== 'string' || req.organisationId === '')
        throw new DomainError('validation', 'INVALID_FIELD', 'organisationId must be a non-empty string', {
          field: 'organisationId',
        });
      const token = typeof req.token === 'string' ? req.token : (socket.handshake.auth as { token?: unknown })?.token;
      await this.service.authoriseRead(typeof token === 'string' ? token : undefined, req.organisationId);
      if (!socket.connected) return joinFailure('DISCONNECTED');
      // One board per socket: a join that succeeds replaces the board this socket watched (a refused one, below,
      // leaves it watching what it watched).
      for (const room of socket.rooms) if (organisationOfRoom(room) !== undefined) await socket.leave(room);
      let s = this.boards.get(req.organisationId);
      if (!s)
        this.boards.set(
          req.organisationId,
          (s = {
            timer: undefined,
            cadence: new BoardCadence(),
            seq: 0,
            sent: undefined,
            preparing: undefined,
            memo: new WeakMap(),
          }),
        );
      if (req.patches === true) {
        // The board the next patch is computed against, with its seq: a board assembled now could show a figure
        // that changes back before the next update, which that patch would then not carry. It is at most a second
        // old (a change since it was sent has an update scheduled), and the first patch brings it up to date.
        await socket.join((entered = patchRoomOf(req.organisationId)));
        const seq = s.seq;
        if (!s.sent) {
          const first = this.service.board(req.organisationId);
          s.sent = first;
          // A board that failed to assemble is not kept as the base: the next join or send assembles it again.
          first.catch(() => s.sent === first && (s.sent = undefined));
        }
        const board = await s.sent;
        return { ok: true, protocolVersion: PROTOCOL_VERSION, board, seq };
      }
      await socket.join((entered = roomOf(req.organisationId)));
      // Assembled after joining: a change meanwhile is in this board or schedules an update.
      const board = await this.service.board(req.organisationId);
      return { ok: true, protocolVersion: PROTOCOL_VERSION, board, seq: s.seq };
    } catch (err) {
      // A join that failed after entering its board's room leaves that room: the client was told it is not watching
      // it. A board the socket watched before this join is left alone: a refused join changes nothing.
      if (entered !== undefined) void socket.leave(entered);
      if (err instanceof DomainError) {
        if (err.kind !== 'rate-limited') await this.limits.joinFailed(address);
        return { ok: false, error: errorBody(err) };
      }
      this.log.error({ err }, 'board join failed');
      return joinFailure('INTERNAL');
    }
  }

  private watchers(room: string): number {
    return this.nsp.adapter.rooms.get(room)?.size ?? 0;
  }

  private async changed(meetingId: string) {
    // A change heard while a board's update is overdue sends it now (a commit, ours or folded from the log). Under
    // load the loop reads many sockets' callbacks in one turn before it looks at its timers, and every millisecond the
    // send's timer fires late is waited by each commit made just after the last cut (docs/performance.md, part 9).
    const now = Date.now();
    const flushed = new Set<Schedule>();
    for (const [organisationId, s] of this.boards)
      if (s.timer && now >= s.cadence.due()) {
        clearTimeout(s.timer);
        flushed.add(s);
        void this.send(organisationId, s);
      }
    for (const [organisationId, s] of this.boards) {
      // The update just sent carries this change: it was marked before this was called.
      if (flushed.has(s)) continue;
      if (s.timer || !(await this.service.shows(organisationId, meetingId).catch(() => false))) continue;
      // Scheduled by a change that arrived while we asked, or no longer watched here.
      if (s.timer || this.boards.get(organisationId) !== s) continue;
      const wait = Math.max(0, s.cadence.due() - Date.now());
      s.timer = setTimeout(() => void this.send(organisationId, s), wait);
      // Set in the same turn as the send's timer, so that preparing never makes the send itself later.
      if (wait > PREPARE_LEAD_MS)
        s.preparing = setTimeout(() => void this.prepare(organisationId, s), wait - PREPARE_LEAD_MS);
    }
  }

  /** What the send will compute, done ahead: the rows changed since the last send, and their changes in `s.memo`. */
  private async prepare(organisationId: string, s: Schedule) {
    s.preparing = undefined;
    try {
      const board = await this.service.board(organisationId);
      const prev = this.watchers(patchRoomOf(organisationId)) > 0 ? await s.sent : undefined;
      if (prev) boardPatch(prev, board, s.memo);
    } catch (err) {
      // The send assembles the board again, and fails or succeeds on its own.
      this.log.warn({ err, organisationId }, 'board could not be prepared ahead of its update');
    }
  }

  private async send(organisationId: string, s: Schedule) {
    // A timer counts from the event loop's time, taken when its turn began, so it can fire before the wall clock's
    // second is up; it then waits out the rest rather than sending two updates within a second.
    const early = s.cadence.due() - Date.now();
    if (early > 0) {
      s.timer = setTimeout(() => void this.send(organisationId, s), early);
      return;
    }
    if (s.preparing) clearTimeout(s.preparing);
    s.preparing = undefined;
    const cut = Date.now();
    // The second is counted from when this send began, not from when the board was assembled: otherwise every
    // cycle lasts a second plus an assembly, and a commit just missed waits that much longer for the next.
    s.cadence.cut(cut);
    // A change from now on schedules the next update: it may have come too late for this board.
    s.timer = undefined;
    try {
      const next = this.service.board(organisationId, new Date(cut).toISOString());
      const board = await next;
      const prev = s.sent && (await s.sent.catch(() => undefined));
      // Its last socket left while the board was assembled: a later join has a schedule (and a seq) of its own.
      if (this.boards.get(organisationId) !== s) return;
      s.sent = next;
      const seq = ++s.seq;
      if (this.watchers(roomOf(organisationId)) > 0) {
        const whole: BoardWholeUpdate = { organisationId, seq, board };
        this.nsp.local.to(roomOf(organisationId)).emit('board:update', whole);
      }
      if (this.watchers(patchRoomOf(organisationId)) > 0) {
        const patched: BoardPatchUpdate | BoardWholeUpdate = prev
          ? { organisationId, seq, patch: boardPatch(prev, board, s.memo) }
          : { organisationId, seq, board };
        this.nsp.local.to(patchRoomOf(organisationId)).emit('board:update', patched);
      }
    } catch (err) {
      this.log.error({ err, organisationId }, 'board update failed');
    }
  }
}

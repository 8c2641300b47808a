import { Inject, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  WebSocketGateway,
  WebSocketServer,
  SubscribeMessage,
  ConnectedSocket,
  MessageBody,
  type OnGatewayInit,
} from '@nestjs/websockets';
import {
  DomainError,
  LIVE_NAMESPACE,
  PROTOCOL_VERSION,
  meetingView,
  type JoinAck,
  type JoinRequest,
  type MeetingUpdate,
  type MeetingActorRole,
  type MeetingView,
  type Role,
  type Viewer,
  viewingRole,
  viewPatch,
} from '@tallyroom/contracts';
import rfdc from 'rfdc';
import type { Namespace, Socket } from 'socket.io';
import type { Logger } from 'pino';
import { LOGGER } from '../logger.js';
import { MeetingAccess, stillReads } from '../meetings/meeting-access.js';
import { errorBody, joinFailure } from '../http/domain-error.filter.js';
import { RateLimits } from '../http/rate-limits.js';
import { LivePublisher, type Committed } from '../meetings/live-publisher.js';
import { RECOVERY_WINDOW_MS } from './io-adapter.js';
import { MeetingCache } from '../meetings/meeting-cache.js';

/** What a socket joined with, kept in socket.data so it survives connection state recovery. */
interface Watching {
  meetingId: string;
  credentialId: string;
  /** The actor's own role: an org role is watched as an observer (viewingRole) but kept as itself. */
  role: MeetingActorRole;
}
const watching = (socket: Socket): Watching | undefined =>
  (socket.data as { watching?: Watching } | undefined)?.watching;

/** A socket's audience: roles that share one view share a view; tellers and members each get their own. */
function audience(meetingId: string, v: Viewer): string {
  if (v.role === 'teller') return `${meetingId}|teller|${v.id}`;
  if (v.role === 'member') return `${meetingId}|member|${v.memberId}`;
  return `${meetingId}|${v.role}`;
}

/**
 * An audience has up to two rooms: sockets that take whole views (protocol 1)
 * and sockets that take patches, whose room name ends in this.
 */
const PATCH_ROOM = '|+patches';
const roomOf = (audienceKey: string, patches: boolean) => (patches ? audienceKey + PATCH_ROOM : audienceKey);
const audienceOfRoom = (room: string) => (room.endsWith(PATCH_ROOM) ? room.slice(0, -PATCH_ROOM.length) : room);

/**
 * A room sockets share: a meeting's audience (`<meeting>|<role>…`), a board's (`board:…`) or a 换届's
 * (`election:…`); not a socket's own room, whose id has neither separator.
 */
const isSharedRoom = (room: string) => room.includes('|') || room.includes(':');

/** The meeting of an audience room; undefined for a socket's own room. */
function meetingOfRoom(room: string): string | undefined {
  const bar = room.indexOf('|');
  return bar > 0 ? room.slice(0, bar) : undefined;
}

function viewerOf(audienceKey: string): Viewer {
  const [, role, who] = audienceKey.split('|');
  if (role === 'teller') return { role, id: who };
  if (role === 'member') return { role, memberId: who };
  return { role: role as Role };
}

/**
 * What one audience's patch room was last sent: the view every socket in it holds. A copy, not the view itself: a
 * view shares lists with the meeting's state, which the next event extends in place.
 */
interface Sent {
  revision: number;
  view: MeetingView;
}
/**
 * A view is plain JSON data (no dates, maps or cycles), so a structural copy is what JSON would make, but for keys
 * held as undefined, which JSON leaves out: a patch against the copy then says `replace` where one against the JSON
 * says `add`, and applyViewPatch sets the key either way. ~4× cheaper than a JSON round trip (a 3 KB observer view:
 * 7 µs against 26), on every commit for every audience: 3 % of a backend's time on a district day (part 9's profile).
 */
const copyView = rfdc({ proto: false, circles: false });
const asSent = (view: MeetingView): Sent['view'] => copyView(view);

@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnModuleInit, OnModuleDestroy, OnGatewayInit {
  @WebSocketServer() private nsp!: Namespace;
  private off: (() => void) | undefined;
  /**
   * meetingId → its audience rooms on this process, kept from the adapter's
   * own room events: a commit looks up its few rooms instead of scanning every
   * room of every socket (thousands on a district day).
   */
  private readonly audiences = new Map<string, Set<string>>();
  /** audience → the view its patch room holds; kept while the room exists. */
  private readonly sent = new Map<string, Sent>();
  /**
   * When each audience room last emptied (Date.now()), kept for the recovery window. A room with no socket is not
   * broadcast to, so a session that was in it when the room emptied missed updates that no replay holds: it must
   * re-join rather than be recovered (restorable() below).
   */
  private readonly emptied = new Map<string, number>();

  constructor(
    private readonly meetings: MeetingCache,
    private readonly publisher: LivePublisher,
    private readonly access: MeetingAccess,
    private readonly limits: RateLimits,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onModuleInit() {
    this.off = this.publisher.onCommitted((c) => this.broadcast(c));
  }

  afterInit(nsp: Namespace) {
    nsp.adapter.on('create-room', (room: string) => {
      const meetingId = meetingOfRoom(room);
      if (meetingId === undefined) return;
      let rooms = this.audiences.get(meetingId);
      if (!rooms) this.audiences.set(meetingId, (rooms = new Set()));
      rooms.add(room);
    });
    nsp.adapter.on('delete-room', (room: string) => {
      if (isSharedRoom(room)) this.noteEmptied(room);
      const meetingId = meetingOfRoom(room);
      if (meetingId === undefined) return;
      const rooms = this.audiences.get(meetingId);
      if (!rooms) return;
      rooms.delete(room);
      if (rooms.size === 0) this.audiences.delete(meetingId);
      if (room.endsWith(PATCH_ROOM)) this.sent.delete(audienceOfRoom(room));
    });
    const adapter = nsp.adapter as Namespace['adapter'];
    const restore = adapter.restoreSession.bind(adapter);
    // socket.io declares Promise<Session>, but treats a null session as "not recovered", as its own adapter returns.
    adapter.restoreSession = (async (pid: string, offset: string) => {
      const session = await restore(pid, offset);
      return session && (await this.restorable(session)) ? session : null;
    }) as typeof adapter.restoreSession;
  }
  onModuleDestroy() {
    this.off?.();
  }

  private noteEmptied(room: string) {
    const now = Date.now();
    // Kept in the order rooms emptied (a re-emptied room moves to the end), so the entries older than the window,
    // which can no longer refuse a session, are the first ones: dropped from the front as rooms empty.
    this.emptied.delete(room);
    this.emptied.set(room, now);
    for (const [r, at] of this.emptied) {
      if (at >= now - RECOVERY_WINDOW_MS) break;
      this.emptied.delete(r);
    }
  }

  /**
   * Whether a dropped socket may be recovered (replayed what it missed) rather than re-join: none of its audience
   * rooms emptied while it was away, and its credential still reads the meeting. A session refused here is a plain
   * connect: the live client re-joins and gets the whole view, or is refused if its credential was revoked.
   */
  private async restorable(session: {
    rooms: readonly string[];
    data: unknown;
    disconnectedAt?: number;
  }): Promise<boolean> {
    const shared = session.rooms.filter(isSharedRoom);
    // An adapter that does not say when the session left (Redis streams) cannot show it missed nothing: meeting and
    // board updates are sent to this process's sockets only, never through the stream.
    if (session.disconnectedAt === undefined) return shared.length === 0;
    for (const room of shared) {
      const at = this.emptied.get(room);
      if (at !== undefined && at >= session.disconnectedAt) return false;
    }
    const w = (session.data as { watching?: Watching } | undefined)?.watching;
    if (!w) return true;
    const h = await this.meetings.get(w.meetingId);
    return !!h && this.stillWatches(h.state, w);
  }

  private stillWatches(
    state: { closed: boolean; credentials: Map<string, { revoked: boolean }> },
    w: Watching,
  ): boolean {
    return stillReads(state, w.credentialId, w.role);
  }

  @SubscribeMessage('meeting:join')
  async join(@ConnectedSocket() socket: Socket, @MessageBody() req: JoinRequest): Promise<JoinAck> {
    const address = socket.handshake.address;
    try {
      await this.limits.beforeJoin(address);
      if (typeof req?.meetingId !== 'string')
        throw new DomainError('validation', 'INVALID_FIELD', 'meetingId is required', { field: 'meetingId' });
      const token = typeof req.token === 'string' ? req.token : (socket.handshake.auth as { token?: unknown })?.token;
      const { meeting: h, actor } = await this.access.admitLive(
        req.meetingId,
        typeof token === 'string' ? token : undefined,
        address,
      );
      const viewer: Viewer = { role: viewingRole(actor.role), id: actor.id, memberId: actor.memberId };
      // A join that finishes after its connection died must not touch rooms: a session restored by connection
      // state recovery has the same socket id, and leaving rooms here would take it out of its meeting for good.
      if (!socket.connected) return joinFailure('DISCONNECTED');
      // A socket watches one meeting with one credential at a time.
      for (const room of socket.rooms) if (room !== socket.id) await socket.leave(room);
      // Updates are published once per group commit (in its microtask checkpoint): send what is folded but not yet
      // published to the room first, so the view below is where this socket's
      // updates start (and again after joining, for anything folded meanwhile).
      const key = audience(h.meetingId, viewer);
      const patches = req.patches === true;
      this.publisher.publishNow(h);
      await socket.join(roomOf(key, patches));
      this.publisher.publishNow(h);
      (socket.data as { watching?: Watching }).watching = {
        meetingId: h.meetingId,
        credentialId: actor.credentialId,
        role: actor.role,
      };
      const view = meetingView(h.state, viewer);
      // The room's next patch starts from the view this socket is given; every socket already in it holds the same
      // view at the same revision (each commit reached the room before the join read the state).
      if (patches && this.sent.get(key)?.revision !== h.state.revision)
        this.sent.set(key, { revision: h.state.revision, view: asSent(view) });
      return { ok: true, protocolVersion: PROTOCOL_VERSION, revision: h.state.revision, view };
    } catch (err) {
      if (err instanceof DomainError) {
        // Only failed joins count against the address (issue 19: a hall of phones behind one address joins at once).
        if (err.kind !== 'rate-limited') await this.limits.joinFailed(address);
        return { ok: false, error: errorBody(err) };
      }
      this.log.error({ err }, 'join failed');
      return joinFailure('INTERNAL');
    }
  }

  /**
   * Runs synchronously when the live publisher publishes a meeting's folded
   * commits (once per group commit, all of them together), so updates leave in
   * revision order. Each audience's view is computed once per batch, and each
   * room's update is serialised once for all its sockets.
   */
  private broadcast(c: Committed) {
    if (!this.nsp) return;
    const rooms = this.audiences.get(c.meetingId);
    if (!rooms) return;
    const views = new Map<string, MeetingView>();
    for (const room of rooms) {
      const key = audienceOfRoom(room);
      let view = views.get(key);
      if (!view) views.set(key, (view = meetingView(c.state, viewerOf(key))));
      const head = { meetingId: c.meetingId, fromRevision: c.fromRevision, revision: c.revision };
      let update: MeetingUpdate = { ...head, view };
      if (room !== key) {
        const sent = this.sent.get(key);
        // A room whose view this process did not see (it cannot happen while commits arrive in order) gets a whole
        // view; its sockets take it as they would after a re-join.
        if (sent && sent.revision === c.fromRevision - 1) update = { ...head, patch: viewPatch(sent.view, view) };
        this.sent.set(key, { revision: c.revision, view: asSent(view) });
      }
      this.nsp.local.to(room).emit('meeting:update', update);
    }
    // A revoked credential, or a closed meeting for roles that lose their reads, ends the watch at once:
    // the last update above still shows why, and a re-join is refused.
    if (c.events.some((e) => e.type === 'CredentialRevoked' || e.type === 'MeetingClosed')) {
      for (const socket of this.nsp.sockets.values()) {
        const w = watching(socket);
        if (w?.meetingId === c.meetingId && !this.stillWatches(c.state, w)) socket.disconnect(true);
      }
    }
  }

  /** Graceful shutdown: tell clients why, so they reconnect to a sibling or retry. */
  async closeAll(reason: string) {
    if (!this.nsp) return;
    // `local`: with the Redis adapter a plain emit would reach (and disconnect) every process's clients,
    // and would go out only after a round trip to Redis, by which time our sockets are already closed.
    this.nsp.local.emit('server:closing', { reason });
    this.nsp.local.disconnectSockets(true);
  }
}

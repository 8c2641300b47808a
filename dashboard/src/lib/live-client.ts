import { useCallback, useSyncExternalStore } from 'react';
import { io, type Socket } from 'socket.io-client';
import {
  LIVE_NAMESPACE,
  type ClientToServerEvents, type DomainErrorBody, type JoinAck, type MeetingUpdate, type MeetingView, type ServerToClientEvents,
} from '@tallyroom/contracts';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'refused';

export interface LiveSnapshot {
  /** Revision of the view we hold; -1 before the first view arrives. */
  revision: number;
  view: MeetingView | null;
  status: LiveStatus;
  /** Why the server refused to let us join (unknown meeting, revoked link…). */
  error: DomainErrorBody | null;
}

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The one live connection of a screen: joins the meeting, then keeps the
 * role's latest view. Every update carries the full view, so the store only
 * has to make sure it never goes backwards and never skips a batch unnoticed.
 */
class LiveClient {
  private snapshot: LiveSnapshot = { revision: -1, view: null, status: 'connecting', error: null };
  private readonly listeners = new Set<() => void>();
  private socket: LiveSocket | null = null;
  private everConnected = false;
  private users = 0;
  private stopTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly meetingId: string;
  private readonly token: string;

  constructor(meetingId: string, token: string) {
    this.meetingId = meetingId;
    this.token = token;
  }

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  };

  readonly getSnapshot = () => this.snapshot;

  private set(patch: Partial<LiveSnapshot>) {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const l of this.listeners) l();
  }

  /** Reference-counted so that several components (and React's strict-mode double mount) share one socket. */
  retain() {
    this.users++;
    clearTimeout(this.stopTimer);
    if (!this.socket) this.start();
  }

  release() {
    this.users--;
    if (this.users > 0) return;
    // A short grace period: a remount right after an unmount keeps the connection.
    this.stopTimer = setTimeout(() => {
      if (this.users > 0) return;
      this.socket?.disconnect();
      this.socket = null;
      clients.delete(cacheKey(this.meetingId, this.token));
    }, 1000);
  }

  private start() {
    const socket: LiveSocket = io(LIVE_NAMESPACE, { auth: { token: this.token }, transports: ['websocket', 'polling'] });
    this.socket = socket;
    socket.on('connect', () => {
      // With connection state recovery the server replayed what we missed and kept our room.
      if (this.everConnected && socket.recovered) { this.set({ status: 'live' }); return; }
      this.everConnected = true;
      this.join();
    });
    socket.on('disconnect', (reason) => {
      if (this.snapshot.status !== 'refused') this.set({ status: this.everConnected ? 'reconnecting' : 'connecting' });
      // The server closing us (e.g. a restart) does not trigger socket.io's own reconnection.
      if (reason === 'io server disconnect') setTimeout(() => { if (this.socket === socket) socket.connect(); }, 1000);
    });
    socket.on('connect_error', () => {
      if (this.snapshot.status !== 'refused') this.set({ status: this.everConnected ? 'reconnecting' : 'connecting' });
    });
    socket.on('meeting:update', (u) => this.onUpdate(u));
  }

  private join() {
    const socket = this.socket;
    if (!socket) return;
    const since = this.snapshot.revision >= 0 ? this.snapshot.revision : undefined;
    socket.emit('meeting:join', { meetingId: this.meetingId, token: this.token, ...(since === undefined ? {} : { since }) }, (ack: JoinAck) => {
      if (this.socket !== socket) return;
      if (!ack.ok) { this.set({ status: 'refused', error: ack.error }); return; }
      if (ack.revision >= this.snapshot.revision) this.set({ revision: ack.revision, view: ack.view, status: 'live', error: null });
      else this.set({ status: 'live', error: null });
    });
  }

  private onUpdate(u: MeetingUpdate) {
    if (u.meetingId !== this.meetingId || u.revision <= this.snapshot.revision) return;
    // A batch we did not see came before this one: ask for the current view instead of trusting a jump.
    if (u.fromRevision !== this.snapshot.revision + 1) { this.join(); return; }
    this.set({ revision: u.revision, view: u.view, status: 'live' });
  }
}

const clients = new Map<string, LiveClient>();
const cacheKey = (meetingId: string, token: string) => `${meetingId}\u0000${token}`;

export function liveClientFor(meetingId: string, token: string): LiveClient {
  const k = cacheKey(meetingId, token);
  let c = clients.get(k);
  if (!c) { c = new LiveClient(meetingId, token); clients.set(k, c); }
  return c;
}

export function useLiveMeeting(meetingId: string, token: string): LiveSnapshot {
  const client = liveClientFor(meetingId, token);
  const subscribe = useCallback((listener: () => void) => {
    const off = client.subscribe(listener);
    client.retain();
    return () => { off(); client.release(); };
  }, [client]);
  return useSyncExternalStore(subscribe, client.getSnapshot);
}

import { useCallback, useSyncExternalStore } from 'react';
import { io, type Socket } from 'socket.io-client';
import {
  JOIN_ACK_TIMEOUT_MS,
  LIVE_NAMESPACE,
  LiveSync,
  type ClientToServerEvents,
  type DomainErrorBody,
  type JoinAck,
  type LiveStatus,
  type MeetingView,
  type ServerToClientEvents,
} from '@tallyroom/contracts';

export type { LiveStatus };

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
 * The one live connection of a screen. The rules (when to join, when an
 * update may be shown) are the contracts' LiveSync, shared with the
 * reliability tests; this class wires them to socket.io and React.
 */
class LiveClient {
  private readonly sync: LiveSync;
  private snapshot: LiveSnapshot = { revision: -1, view: null, status: 'connecting', error: null };
  private readonly listeners = new Set<() => void>();
  private socket: LiveSocket | null = null;
  private users = 0;
  private stopTimer: ReturnType<typeof setTimeout> | undefined;
  private publishPending = false;

  private readonly meetingId: string;
  private readonly token: string;

  constructor(meetingId: string, token: string) {
    this.meetingId = meetingId;
    this.token = token;
    this.sync = new LiveSync(meetingId, token);
  }

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getSnapshot = () => this.snapshot;

  /** Publishes the sync state to React, as a new object only when something changed. */
  private publish() {
    this.publishPending = false;
    const { revision, view, status, error } = this.sync;
    const s = this.snapshot;
    if (s.revision === revision && s.view === view && s.status === status && s.error === error) return;
    this.snapshot = { revision, view, status, error };
    for (const l of this.listeners) l();
  }

  /**
   * Publishes at the next frame. A busy count sends a projector hundreds of updates a second, and rendering each
   * one kept the browser busier than the server that sent them; a screen shows one view a frame anyway. Every
   * update is still applied to the sync state on arrival (order and gaps are judged there). A hidden page gets no
   * frames, hence the timer.
   */
  private publishSoon() {
    if (this.publishPending) return;
    this.publishPending = true;
    const flush = () => {
      if (this.publishPending) this.publish();
    };
    requestAnimationFrame(flush);
    setTimeout(flush, 250);
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
    const socket: LiveSocket = io(LIVE_NAMESPACE, {
      auth: { token: this.token },
      transports: ['websocket', 'polling'],
    });
    this.socket = socket;
    socket.on('connect', () => {
      if (this.sync.connected(socket.recovered)) this.join();
      this.publish();
    });
    socket.on('disconnect', (reason) => {
      this.sync.disconnected();
      this.publish();
      // The server closing us (e.g. a restart) does not trigger socket.io's own reconnection.
      if (reason === 'io server disconnect')
        setTimeout(() => {
          if (this.socket === socket) socket.connect();
        }, 1000);
    });
    socket.on('connect_error', () => {
      this.sync.disconnected();
      this.publish();
    });
    socket.on('meeting:update', (u) => {
      if (this.sync.update(u) === 'rejoin') this.join();
      this.publishSoon();
    });
  }

  private join() {
    const socket = this.socket;
    if (!socket) return;
    socket
      .timeout(JOIN_ACK_TIMEOUT_MS)
      .emit('meeting:join', this.sync.joinRequest(), (err: Error | null, ack: JoinAck) => {
        if (this.socket !== socket) return;
        const next = this.sync.joinAnswered(err ? 'timeout' : ack);
        if (next === 'rejoin' && socket.connected) this.join();
        if (next === 'rejoin-later')
          setTimeout(() => {
            if (this.socket === socket && socket.connected) this.join();
          }, this.sync.rejoinDelayMs());
        this.publish();
      });
  }
}

const clients = new Map<string, LiveClient>();
const cacheKey = (meetingId: string, token: string) => `${meetingId}\u0000${token}`;

export function liveClientFor(meetingId: string, token: string): LiveClient {
  const k = cacheKey(meetingId, token);
  let c = clients.get(k);
  if (!c) {
    c = new LiveClient(meetingId, token);
    clients.set(k, c);
  }
  return c;
}

export function useLiveMeeting(meetingId: string, token: string): LiveSnapshot {
  const client = liveClientFor(meetingId, token);
  const subscribe = useCallback(
    (listener: () => void) => {
      const off = client.subscribe(listener);
      client.retain();
      return () => {
        off();
        client.release();
      };
    },
    [client],
  );
  return useSyncExternalStore(subscribe, client.getSnapshot);
}

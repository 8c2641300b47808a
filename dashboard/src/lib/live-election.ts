import { useCallback, useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import {
  JOIN_ACK_TIMEOUT_MS,
  LIVE_NAMESPACE,
  type ClientToServerEvents,
  type DomainErrorBody,
  type ElectionView,
  type ServerToClientEvents,
} from '@tallyroom/contracts';
import type { LiveStatus } from './live-client';

export interface LiveElection {
  view: ElectionView | null;
  status: LiveStatus;
  error: DomainErrorBody | null;
}

/**
 * A 换届's process screen kept live: joins `election:join` on every (re)connection, then takes each
 * `election:update`. A view is replaced only by one of a higher revision, or by a fresh read of the same
 * revision (`reload`, after the chair's own command or when the local day turns), so an update that arrives
 * late never rolls the screen back.
 */
export function useLiveElection(
  electionId: string,
  token: string | null,
): LiveElection & { reload: (v: ElectionView) => void } {
  const [state, setState] = useState<LiveElection>({ view: null, status: 'connecting', error: null });
  useEffect(() => {
    if (!token) return;
    const take = (v: ElectionView) =>
      setState((s) => (s.view && s.view.revision > v.revision ? s : { ...s, view: v, error: null }));
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(LIVE_NAMESPACE, {
      auth: { token },
      transports: ['websocket', 'polling'],
    });
    const join = () =>
      socket.timeout(JOIN_ACK_TIMEOUT_MS).emit('election:join', { electionId, token }, (err, ack) => {
        if (err) {
          if (socket.connected) join();
          return;
        }
        if (ack.ok) {
          take(ack.view);
          setState((s) => ({ ...s, status: 'live' }));
        } else setState((s) => ({ ...s, status: 'refused', error: ack.error }));
      });
    socket.on('connect', join);
    socket.on('disconnect', (reason) => {
      setState((s) => ({ ...s, status: s.status === 'refused' ? s.status : 'reconnecting' }));
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1000);
    });
    socket.on('connect_error', () => setState((s) => ({ ...s, status: s.view ? 'reconnecting' : 'connecting' })));
    socket.on('election:update', (u) => {
      if (u.electionId === electionId) take(u.view);
    });
    return () => {
      socket.disconnect();
    };
  }, [electionId, token]);
  // Stable, so a screen may list it among an effect's dependencies.
  const reload = useCallback(
    (v: ElectionView) => setState((s) => (s.view && s.view.revision > v.revision ? s : { ...s, view: v, error: null })),
    [],
  );
  return { ...state, reload };
}

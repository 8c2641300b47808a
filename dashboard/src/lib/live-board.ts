import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import {
  JOIN_ACK_TIMEOUT_MS,
  LIVE_NAMESPACE,
  type ClientToServerEvents,
  type DistrictBoard,
  type DomainErrorBody,
  type ServerToClientEvents,
} from '@tallyroom/contracts';
import type { LiveStatus } from './live-client';

export interface LiveBoard {
  board: DistrictBoard | null;
  status: LiveStatus;
  error: DomainErrorBody | null;
}

/**
 * A district board kept live: `board:join` on every (re)connection (the ack carries the whole board), then each
 * `board:update` (at most one a second, the whole board again). A board older than the one shown is ignored.
 */
export function useLiveBoard(organisationId: string, token: string | null): LiveBoard {
  const [state, setState] = useState<LiveBoard>({ board: null, status: 'connecting', error: null });
  useEffect(() => {
    if (!token) return;
    const take = (b: DistrictBoard) =>
      setState((s) => (s.board && s.board.at > b.at ? s : { ...s, board: b, error: null }));
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(LIVE_NAMESPACE, {
      auth: { token },
      transports: ['websocket', 'polling'],
    });
    const join = () =>
      socket.timeout(JOIN_ACK_TIMEOUT_MS).emit('board:join', { organisationId, token }, (err, ack) => {
        if (err) {
          if (socket.connected) join();
          return;
        }
        if (ack.ok) {
          take(ack.board);
          setState((s) => ({ ...s, status: 'live' }));
        } else setState((s) => ({ ...s, status: 'refused', error: ack.error }));
      });
    socket.on('connect', join);
    socket.on('disconnect', (reason) => {
      setState((s) => ({ ...s, status: s.status === 'refused' ? s.status : 'reconnecting' }));
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1000);
    });
    socket.on('connect_error', () => setState((s) => ({ ...s, status: s.board ? 'reconnecting' : 'connecting' })));
    socket.on('board:update', (u) => {
      if (u.organisationId === organisationId) take(u.board);
    });
    return () => {
      socket.disconnect();
    };
  }, [organisationId, token]);
  return state;
}

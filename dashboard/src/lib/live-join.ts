import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import {
  LIVE_NAMESPACE,
  type ClientToServerEvents,
  type DomainErrorBody,
  type ServerToClientEvents,
} from '@tallyroom/contracts';
import type { LiveStatus } from './live-client';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type JoinAnswer<T> = { ok: true; value: T } | { ok: false; error: DomainErrorBody };

export interface Live<T> {
  value: T | null;
  status: LiveStatus;
  error: DomainErrorBody | null;
}

export interface LiveJoin<T> {
  /** Sends the join; `answer` with the acknowledgement (the whole value) or the transport's error. */
  join(socket: LiveSocket, answer: (err: Error | null, a?: JoinAnswer<T>) => void): void;
  /** Subscribes to the updates of this value; `rejoin` sends the join again (after an update it cannot follow). */
  listen(socket: LiveSocket, take: (v: T) => void, rejoin: () => void): void;
  /** Whether `next` is older than what is shown (a late update never rolls the screen back). */
  older(next: T, shown: T): boolean;
}

/**
 * One value kept live over /live (a 换届's view, a district board): joined on every (re)connection, the join's
 * acknowledgement carrying the whole value, then replaced by each update unless it is older than the one shown.
 * `take` also accepts a fresh read from elsewhere (after the screen's own command), under the same rule.
 */
export function useLiveJoin<T>(token: string | null, key: string, how: LiveJoin<T>): [Live<T>, (v: T) => void] {
  const [state, setState] = useState<Live<T>>({ value: null, status: 'connecting', error: null });
  // The callbacks change with every render; the connection changes only with the token and the key.
  const ref = useRef(how);
  useLayoutEffect(() => {
    ref.current = how;
  });
  const take = useCallback(
    (v: T) =>
      setState((s) => (s.value !== null && ref.current.older(v, s.value) ? s : { ...s, value: v, error: null })),
    [],
  );
  useEffect(() => {
    if (!token) return;
    const socket: LiveSocket = io(LIVE_NAMESPACE, { auth: { token }, transports: ['websocket', 'polling'] });
    const join = () =>
      ref.current.join(socket, (err, a) => {
        if (err || !a) {
          if (socket.connected) join();
          return;
        }
        if (a.ok) {
          take(a.value);
          setState((s) => ({ ...s, status: 'live' }));
        } else setState((s) => ({ ...s, status: 'refused', error: a.error }));
      });
    socket.on('connect', join);
    socket.on('disconnect', (reason) => {
      setState((s) => ({ ...s, status: s.status === 'refused' ? s.status : 'reconnecting' }));
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1000);
    });
    socket.on('connect_error', () =>
      setState((s) => ({ ...s, status: s.value !== null ? 'reconnecting' : 'connecting' })),
    );
    ref.current.listen(socket, take, join);
    return () => {
      socket.disconnect();
    };
  }, [token, key, take]);
  return [state, take];
}

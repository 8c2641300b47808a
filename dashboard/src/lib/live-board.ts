import { JOIN_ACK_TIMEOUT_MS, type DistrictBoard, type DomainErrorBody } from '@tallyroom/contracts';
import type { LiveStatus } from './live-client';
import { useLiveJoin } from './live-join';

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
  const [live] = useLiveJoin<DistrictBoard>(token, organisationId, {
    join: (socket, answer) =>
      socket
        .timeout(JOIN_ACK_TIMEOUT_MS)
        .emit('board:join', { organisationId, token: token ?? '' }, (err, ack) =>
          answer(err, ack && (ack.ok ? { ok: true, value: ack.board } : { ok: false, error: ack.error })),
        ),
    listen: (socket, take) =>
      socket.on('board:update', (u) => {
        if (u.organisationId === organisationId) take(u.board);
      }),
    older: (next, shown) => shown.at > next.at,
  });
  return { board: live.value, status: live.status, error: live.error };
}

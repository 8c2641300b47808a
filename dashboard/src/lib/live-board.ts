import { useRef } from 'react';
import { BoardSync, JOIN_ACK_TIMEOUT_MS, type DistrictBoard, type DomainErrorBody } from '@tallyroom/contracts';
import type { LiveStatus } from './live-client';
import { useLiveJoin } from './live-join';

export interface LiveBoard {
  board: DistrictBoard | null;
  status: LiveStatus;
  error: DomainErrorBody | null;
}

/**
 * A district board kept live: `board:join` with `patches: true` on every (re)connection (the ack carries the whole
 * board), then each `board:update` (at most one a second: what changed since the last one), applied by the rules of
 * BoardSync in contracts; after a gap it joins again.
 */
export function useLiveBoard(organisationId: string, token: string | null): LiveBoard {
  const sync = useRef(new BoardSync());
  const [live] = useLiveJoin<DistrictBoard>(token, organisationId, {
    join: (socket, answer) => {
      const s = (sync.current = new BoardSync());
      socket
        .timeout(JOIN_ACK_TIMEOUT_MS)
        .emit('board:join', { organisationId, token: token ?? '', patches: true }, (err, ack) => {
          if (err || !ack) return answer(err);
          if (!ack.ok) return answer(null, { ok: false, error: ack.error });
          // An update sent while the join was answered did not follow the acknowledged board: join again.
          if (s.joined(ack.board, ack.seq) === 'rejoin') return answer(new Error('the board moved on during the join'));
          answer(null, { ok: true, value: s.board! });
        });
    },
    listen: (socket, take, rejoin) =>
      socket.on('board:update', (u) => {
        if (u.organisationId !== organisationId) return;
        const step = sync.current.update(u);
        if (step === 'shown') take(sync.current.board!);
        else if (step === 'rejoin') rejoin();
      }),
    older: (next, shown) => shown.at > next.at,
  });
  return { board: live.value, status: live.status, error: live.error };
}

import { JOIN_ACK_TIMEOUT_MS, type DomainErrorBody, type ElectionView } from '@tallyroom/contracts';
import type { LiveStatus } from './live-client';
import { useLiveJoin } from './live-join';

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
  const [live, reload] = useLiveJoin<ElectionView>(token, electionId, {
    join: (socket, answer) =>
      socket
        .timeout(JOIN_ACK_TIMEOUT_MS)
        .emit('election:join', { electionId, token: token ?? '' }, (err, ack) =>
          answer(err, ack && (ack.ok ? { ok: true, value: ack.view } : { ok: false, error: ack.error })),
        ),
    listen: (socket, take) =>
      socket.on('election:update', (u) => {
        if (u.electionId === electionId) take(u.view);
      }),
    older: (next, shown) => shown.revision > next.revision,
  });
  return { view: live.value, status: live.status, error: live.error, reload };
}

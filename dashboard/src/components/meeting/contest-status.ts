import type { ContestView } from '@tallyroom/contracts';

/**
 * A contest's status in the screen's language. A round still required names its kind, so a hall reads 须另行选举
 * (P-27, V-08) or 须重新投票 (P-26) with the seats it is for, not a bare "vote again".
 */
export function contestStatusLabel(
  t: (k: string, o?: Record<string, unknown>) => string,
  contest: Pick<ContestView, 'status' | 'pending'>,
): string {
  const p = contest.pending;
  if (contest.status === 'round-required' && p)
    return t('contest.status.round-required-kind', { kind: t(`round.kind.${p.kind}`), count: p.seats });
  return t(`contest.status.${contest.status}`);
}

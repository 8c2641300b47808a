/** What the state means for the rules and the views: a contest's status, seats outstanding, reopening, reconciliation. */
import type { ContestState, MeetingState, RoundState } from './state.js';

/** P-28: a consent vote on leaving seats vacant counts against the voters present at the round whose shortfall it is. */
export const vacancyConsentBase = (c: ContestState) => c.rounds[c.rounds.length - 1]?.presentVoters ?? 0;

export type ContestStatus =
  | 'nominating'
  | 'published'
  | 'confirmed'
  | 'round-open'
  | 'round-closed'
  | 'round-required'
  | 'complete'
  | 'approved'
  | 'withdrawn';

/** A contest withdrawn before its first round (P-15): neither finished nor unfinished, never counted as either. */
export const isWithdrawn = (c: Pick<ContestState, 'withdrawal'>) => c.withdrawal !== null;

/**
 * Whether a contest still has something to do before its result can go upwards: anything but complete, approved or
 * withdrawn. Every screen and document that warns of or lists unfinished contests asks this, never the status alone.
 */
export const isUnfinished = (status: ContestStatus) =>
  status !== 'complete' && status !== 'approved' && status !== 'withdrawn';

/** Seats of a contest neither filled nor left vacant (P-27, P-28): the report names them, the status reads them. */
export function seatsOutstanding(c: Pick<ContestState, 'seats' | 'elected' | 'vacant'>): number {
  return c.seats - c.elected.length - c.vacant;
}

/**
 * P-21: the papers counted out of the box (`returned`) against the ballots entered and the ballots issued.
 * `difference` > 0: more papers than entries; < 0: more entries than papers; the round closes valid only at 0.
 * `overIssued` > 0: more papers back than were issued, which voids the round. CloseRound decides by these
 * figures and the console shows them while the count is typed.
 */
export function reconcileReturned(
  r: Pick<RoundState, 'valid' | 'invalid' | 'ballotsIssued'>,
  returned: number,
): { entered: number; difference: number; overIssued: number } {
  const entered = r.valid + r.invalid;
  return { entered, difference: returned - entered, overIssued: Math.max(0, returned - r.ballotsIssued) };
}

/** Why the chair may not reopen round r of contest c now; see reopenBar. */
export type ReopenBar = 'meeting-closed' | 'declared' | 'open' | 'superseded' | 'left-vacant';

/**
 * P-21: a count is mended before its result is announced: only the latest round of a contest, closed valid or
 * void, and if void only while its re-run is still pending (P-28: seats left vacant settle it). null: it may be
 * reopened. ReopenRound chooses its refusal by this, and the meeting view shows the reopen action by it.
 */
export function reopenBar(
  s: Pick<MeetingState, 'closed'>,
  c: Pick<ContestState, 'rounds' | 'pending'>,
  r: Pick<RoundState, 'round' | 'status'>,
): ReopenBar | null {
  if (s.closed) return 'meeting-closed';
  if (r.status === 'declared') return 'declared';
  if (r.status === 'open') return 'open';
  // An earlier round was re-run after it (P-21 void) or led to the next (P-26, P-27): reopening it would undo those.
  if (r.round !== c.rounds.length) return 'superseded';
  if (r.status === 'void' && !c.pending) return 'left-vacant';
  return null;
}

export function contestStatus(c: ContestState): ContestStatus {
  if (c.withdrawal) return 'withdrawn';
  const last = c.rounds[c.rounds.length - 1];
  if (last?.status === 'open') return 'round-open';
  if (last?.status === 'valid') return 'round-closed';
  if (c.pending && c.rounds.length > 0) return 'round-required';
  if (c.approval) return 'approved';
  if (c.rounds.length > 0 && seatsOutstanding(c) <= 0) return 'complete';
  if (c.confirmed) return 'confirmed';
  if (c.list) return 'published';
  return 'nominating';
}

/** What the state means for the rules and the views: a contest's status, seats outstanding, reopening, reconciliation. */
import type { BallotSlot, ContestState, MeetingState, RoundState } from './state.js';

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
  | 'new-election-due'
  | 'withdrawn';

/** A contest withdrawn before its first round (P-15): neither finished nor unfinished, never counted as either. */
export const isWithdrawn = (c: Pick<ContestState, 'withdrawal'>) => c.withdrawal !== null;

/**
 * Whether a contest still has something to do before its result can go upwards: anything but complete, approved or
 * withdrawn. Every screen and document that warns of or lists unfinished contests asks this, never the status alone.
 */
export const isUnfinished = (status: ContestStatus) => UNFINISHED_BY_STATUS[status] !== null;

/**
 * P-23: a ballot whose two entries disagree (double entry), waiting for a scrutineer: what the scrutineer's list
 * shows and what the board warns of.
 */
export const isDisputed = (slot: Pick<BallotSlot, 'counted' | 'second'>) =>
  slot.counted === null && slot.second !== null;

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
  // V-11b: seats still empty after the second ballot; the contest is final and a new election is due.
  if (c.newElection) return 'new-election-due';
  if (c.approval) return 'approved';
  if (c.rounds.length > 0 && seatsOutstanding(c) <= 0) return 'complete';
  // P-09: a recommendation or trust contest elects nobody; its declared result is its end.
  if ((c.ballot === 'recommendation' || c.ballot === 'trust') && last?.status === 'declared') return 'complete';
  // PG-03: a vote per name is settled by its declared round; a name that failed is not put to another round.
  if (last?.status === 'declared' && !c.pending) return 'complete';
  if (c.confirmed) return 'confirmed';
  if (c.list) return 'published';
  return 'nominating';
}

/** Why a contest is not finished when the meeting closes (P-15): what it still waits for. */
export type UnfinishedReason =
  'no-list' | 'list-not-confirmed' | 'not-started' | 'round-open' | 'not-declared' | 'round-required';

/**
 * P-15: each contest status, and what it still waits for (null: finished, its seats filled or left vacant).
 * A new status does not compile until it is placed here, so closing a meeting never misses one.
 */
export const UNFINISHED_BY_STATUS: Readonly<Record<ContestStatus, UnfinishedReason | null>> = {
  nominating: 'no-list',
  published: 'list-not-confirmed',
  confirmed: 'not-started',
  'round-open': 'round-open',
  'round-closed': 'not-declared',
  'round-required': 'round-required',
  complete: null,
  approved: null,
  // V-11b: final; the seats still empty go to a new election within months, outside this meeting.
  'new-election-due': null,
  // Withdrawn before its first round (P-15): never run, so nothing is left to finish.
  withdrawn: null,
};

export interface UnfinishedContest {
  contestId: string;
  office: string;
  reason: UnfinishedReason;
  /** The latest round (null before the first), which the reason is about. */
  round: number | null;
  /** For `round-required`: the round the rules call for next (P-26 tie, P-27 supplementary) and its seats. */
  next: { kind: 'first' | 'tie' | 'supplementary'; seats: number } | null;
}

/**
 * P-15: the contests a meeting would leave unfinished if it closed now, in the order given, each with why.
 * Takes a contest's state (with its status) or its view alike, so CloseMeeting refuses and the chair's
 * confirmation names the same contests.
 */
export function unfinishedContests(
  contests: Iterable<{
    contestId: string;
    office: string;
    status: ContestStatus;
    rounds: readonly unknown[];
    pending: { kind: 'first' | 'tie' | 'supplementary'; seats: number } | null;
  }>,
): UnfinishedContest[] {
  const out: UnfinishedContest[] = [];
  for (const c of contests) {
    const reason = UNFINISHED_BY_STATUS[c.status];
    if (reason === null) continue;
    out.push({
      contestId: c.contestId,
      office: c.office,
      reason,
      round: c.rounds.length > 0 ? c.rounds.length : null,
      next: reason === 'round-required' && c.pending ? { kind: c.pending.kind, seats: c.pending.seats } : null,
    });
  }
  return out;
}

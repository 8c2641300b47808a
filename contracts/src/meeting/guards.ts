import { refuse } from '../errors.js';
import { localDate } from './local-date.js';
import type { ContestState, MeetingState, MemberState, RoundState } from './state.js';

export { addDays } from './local-date.js';

export function member(s: MeetingState, memberId: string, field: string): MemberState {
  const m = s.members.get(memberId);
  if (!m) throw refuse.notFound(field, 'UNKNOWN_MEMBER', `no member ${memberId} on the roll`, { memberId });
  return m;
}

/** A contest that may still be acted on: known, and not withdrawn (WithdrawContest is final). */
export function contest(s: MeetingState, contestId: string): ContestState {
  const c = anyContest(s, contestId);
  if (c.withdrawal) throw contestWithdrawn(c);
  return c;
}

/** A contest as recorded, withdrawn or not. */
export function anyContest(s: MeetingState, contestId: string, field = 'data.contestId'): ContestState {
  const c = s.contests.get(contestId);
  if (!c) throw refuse.notFound(field, 'UNKNOWN_CONTEST', `no contest ${contestId}`, { contestId });
  return c;
}

export function contestWithdrawn(c: ContestState, field = 'data.contestId') {
  return refuse.conflict(
    'CONTEST_WITHDRAWN',
    `contest ${c.contestId} was withdrawn (${c.withdrawal?.reason ?? ''}); it takes no further commands`,
    field,
    { contestId: c.contestId },
  );
}

export function round(c: ContestState, n: number): RoundState {
  const r = c.rounds[n - 1];
  if (!r)
    throw refuse.notFound('data.round', 'UNKNOWN_ROUND', `contest ${c.contestId} has no round ${n}`, {
      contestId: c.contestId,
      round: n,
    });
  return r;
}

export function notClosed(s: MeetingState) {
  if (s.closed) throw refuse.conflict('MEETING_CLOSED', 'the meeting is closed');
}

/** Anyone still standing for election anywhere in the meeting (P-16, P-17). */
export function isCandidate(s: MeetingState, memberId: string): boolean {
  for (const c of s.contests.values()) {
    if (c.withdrawal) continue;
    if (c.list?.candidateIds.includes(memberId)) return true;
    const n = c.nominees.get(memberId);
    if (n && n.review?.qualified !== false && !c.withdrawn.some((w) => w.candidateId === memberId)) return true;
  }
  return false;
}

export function votingHasBegun(s: MeetingState): boolean {
  for (const c of s.contests.values()) if (c.rounds.length > 0) return true;
  return false;
}

/** The meeting's local day of an instant: the day every date rule compares (P-10). */
export const meetingDay = (s: MeetingState, instant: string) => localDate(instant, s.timeZone);

/**
 * Where a meeting stands as the upper organisation's board sees it: one word, from the meeting's own state and
 * the facts its 换届 process stream holds about it (process-facts.ts).
 */
import { electorateOf } from '../meeting/electorate.js';
import type { ContestState, MeetingState } from '../meeting/state.js';
import { contestStatus, isWithdrawn } from '../meeting/status.js';
import type { MeetingProcessFacts } from './process-facts.js';
import { answered } from '../rules/approval-scope.js';

/** In the order a meeting passes through them; a meeting is at the furthest one whose fact holds. */
export const MEETING_STAGES = [
  'scheduled',
  'checking-in',
  'quorum',
  'voting',
  'declared',
  'reported',
  'approved',
] as const;
export type MeetingStage = (typeof MEETING_STAGES)[number];

/** The meeting's own electorate (not a committee's, P-29): its expected number, those present and the quorum rule. */
export const meetingElectorate = (s: MeetingState) => electorateOf(s, { electorate: 'meeting' } as ContestState);

const standing = (s: MeetingState) => [...s.contests.values()].filter((c) => !isWithdrawn(c));

/** A contest with its final result: seats filled or left vacant, a new election due, or a recommendation declared. */
const FINAL = new Set(['complete', 'approved', 'new-election-due']);

/** Whether the meeting's results are all final (a meeting with no contest, such as a 动员大会, once it is closed). */
export function resultsDeclared(s: MeetingState): boolean {
  const contests = standing(s);
  if (contests.length === 0) return s.closed;
  return contests.every((c) => FINAL.has(contestStatus(c)));
}

/**
 * P-31: the upper organisation has answered the meeting's results (ApprovalRecorded): every standing contest that
 * awaits its approval (a branch's 书记 and 副书记; the 委员 elected beside them are reported for the record), or,
 * where none does, every result it filed (awaitedAnswers).
 */
export function meetingApproved(s: MeetingState): boolean {
  // Every result final first: a 书记's approval does not answer a 委员 contest still being voted on.
  return resultsDeclared(s) && answered(s.ruleset, standing(s));
}

/** Anyone checked in so far (a departure still counts: check-in began), or a paper issued in a poll (V-11). */
const checkInBegun = (s: MeetingState) =>
  s.attendance.length > 0 ||
  s.presentVoters + s.attendeesWithoutVote > 0 ||
  [...s.polls.values()].some((p) => p.issued.size > 0);

const votingBegun = (s: MeetingState) => [...s.contests.values()].some((c) => c.rounds.length > 0);

/**
 * The furthest stage whose fact holds: approved (the process's result approval, or the ApprovalRecorded of every
 * result it waits for, P-31), reported (the process's result report names the meeting), declared (every result
 * final), voting (a round opened), quorum (the meeting's quorum met now, or the method adopted on it), checking-in
 * (someone checked in), scheduled.
 */
export function meetingStage(s: MeetingState, process: MeetingProcessFacts | null = null): MeetingStage {
  if (process?.resultApproved || meetingApproved(s)) return 'approved';
  if (process?.reported) return 'reported';
  if (resultsDeclared(s)) return 'declared';
  if (votingBegun(s)) return 'voting';
  if (s.ruleset && (meetingElectorate(s).quorum.met || s.method !== null)) return 'quorum';
  if (checkInBegun(s)) return 'checking-in';
  return 'scheduled';
}

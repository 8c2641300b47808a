/**
 * P-08b: what a 直选大会 adopts of the candidate list its 换届 fixed. The backend fills AdoptCandidateList from it,
 * and the verifier, given the process log and the meeting's, folds the process to the pinned revision and compares:
 * one implementation for both.
 */
import { refuse } from '../errors.js';
import type { CommandData } from '../meeting/commands.js';
import type { AdoptedCandidate } from '../meeting/events.js';
import { contest } from '../meeting/guards.js';
import type { MeetingState } from '../meeting/state.js';
import type { ElectionState } from './state.js';

/**
 * The fixed list's nominees who stand for `office`, in the list's order, each with its name and provenance. A nominee
 * proposed for an office stands for that office only. A nominee proposed without one stands for the election's only
 * office when it has exactly one; where it has several, nobody decided which, so the nominee is offered to no contest
 * (the 直选大会 cannot guess, and putting one name on every list would be a choice nobody made).
 */
export function adoptableCandidates(s: ElectionState, office: string): AdoptedCandidate[] {
  const list = s.candidateList;
  if (!list) return [];
  const only = s.offices.length === 1 ? s.offices[0]!.office : null;
  return list.nomineeIds.flatMap((id) => {
    const n = s.nominees[id];
    const stands = n?.office ?? only;
    if (!n || stands !== office) return [];
    const steps = list.provenance.find((p) => p.nomineeId === id)?.steps ?? [];
    return [{ candidateId: id, name: n.name, provenance: steps.map((x) => ({ ...x })) }];
  });
}

/**
 * The whole AdoptCandidateList for a contest of meeting `meetingId`, filled from the process stream as it stands: the
 * revision and chain head of the CandidateListFixed event (the fact adopted, which no later event of the process can
 * change), and the candidates for the contest's office. Refuses what only the process stream can tell; the meeting's
 * decider then judges the candidates against the roll (adoptCandidateList).
 */
export function adoptionCommand(
  s: ElectionState,
  meeting: MeetingState,
  meetingId: string,
  d: { contestId: string; electionId: string },
): CommandData<'AdoptCandidateList'> {
  if (!s.opened)
    throw refuse.notFound('data.electionId', 'UNKNOWN_ELECTION', `no election ${d.electionId}`, {
      electionId: d.electionId,
    });
  if (!s.meetings.some((m) => m.meetingId === meetingId && m.kind === 'election'))
    throw refuse.rule(
      'P-08b',
      'MEETING_NOT_LINKED_AS_ELECTION',
      `meeting ${meetingId} is not linked to election ${d.electionId} as its election meeting (直选大会)`,
      'data.electionId',
      { electionId: d.electionId },
    );
  if (!s.candidateList || !s.candidateListAt)
    throw refuse.rule(
      'P-08',
      'LIST_NOT_FIXED',
      `election ${d.electionId} has not fixed its candidate list (FixCandidateList)`,
      'data.electionId',
      { electionId: d.electionId },
    );
  const c = contest(meeting, d.contestId);
  const candidates = adoptableCandidates(s, c.office);
  if (candidates.length === 0)
    throw refuse.rule(
      'P-08b',
      'NO_CANDIDATES_FOR_OFFICE',
      `the list election ${d.electionId} fixed names nobody for ${c.office}`,
      'data.contestId',
      { contestId: c.contestId },
    );
  return {
    contestId: c.contestId,
    electionId: d.electionId,
    revision: s.candidateListAt.revision,
    head: s.candidateListAt.head,
    candidates,
  };
}

/**
 * P-08b: the contests of a 直选大会 whose candidates did not come from this 换届's fixed list: a contest that stands
 * (not withdrawn), is elected by the meeting and has nominees, but adopted none, or adopted another election's list. The process cites a
 * 直选大会's result only when there are none (the server refuses the citation; the verifier, given the meeting's log,
 * names such a contest): the result counts for the 换届 only if the names voted on passed its steps.
 */
export function unadoptedContests(meeting: MeetingState, electionId: string): string[] {
  return [...meeting.contests.values()]
    .filter(
      (c) =>
        c.withdrawal === null &&
        // A contest the new committee elects (P-29) stands among members the meeting elected from the list.
        c.electorate === 'meeting' &&
        c.nominees.size > 0 &&
        c.adoption?.electionId !== electionId,
    )
    .map((c) => c.contestId);
}

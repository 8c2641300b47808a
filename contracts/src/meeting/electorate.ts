import { quorumStatus, type QuorumStatus } from '../rules/quorum.js';
import type { ContestState, MeetingState } from './state.js';
import { expectedOf, isVoter } from './state.js';

export interface ElectorateFigures {
  expected: number;
  presentVoters: number;
  quorum: QuorumStatus;
}

/**
 * Who votes in a contest: the meeting's voters, or (P-29, P-30) the members of a
 * committee the meeting elected, counted among those present.
 */
export function electorateOf(s: MeetingState, c: ContestState): ElectorateFigures {
  const ruleset = s.ruleset!;
  if (c.electorate === 'meeting') {
    const expected = expectedOf(s);
    return { expected, presentVoters: s.presentVoters, quorum: quorumStatus(ruleset, expected, s.presentVoters) };
  }
  const committee = s.contests.get(c.electorate.committeeOf)?.elected ?? [];
  const present = committee.filter((id) => {
    const m = s.members.get(id);
    return m?.present && isVoter(m);
  }).length;
  return {
    expected: committee.length,
    presentVoters: present,
    quorum: quorumStatus(ruleset, committee.length, present, ruleset.committeeQuorum),
  };
}

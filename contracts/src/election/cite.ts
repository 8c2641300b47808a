/**
 * What the process stream cites of a meeting: the declared figures per person. The backend fills
 * CiteMeetingResult from it, and the verifier, given the meeting's log, folds it to the cited revision and
 * compares: one implementation for both.
 */
import type { MeetingState } from '../meeting/state.js';
import type { CitedFigures } from './events.js';

/**
 * Per person named in a declared result of the meeting (latest declaration of each contest): passed = elected or
 * declared as passing; figures = the tally line (for / against / abstain) and the round's valid ballots and returns.
 * A person in several contests: the contest declared last counts.
 */
export function meetingResultFigures(s: MeetingState): CitedFigures[] {
  const byPerson = new Map<string, CitedFigures>();
  const declared = [...s.contests.values()]
    .flatMap((c) => c.rounds.map((r) => r.declared).filter((d) => d !== null))
    .sort((a, b) => a.round - b.round);
  const latest = new Map(declared.map((d) => [d.contestId, d]));
  for (const d of latest.values()) {
    for (const t of d.tally) {
      byPerson.set(t.candidateId, {
        nomineeId: t.candidateId,
        passed: d.elected.includes(t.candidateId),
        figures: {
          for: t.for,
          against: t.against,
          abstain: t.abstain,
          valid: d.valid,
          ballotsReturned: d.ballotsReturned,
          presentVoters: d.presentVoters,
        },
      });
    }
  }
  return [...byPerson.values()];
}

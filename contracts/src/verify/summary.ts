/**
 * Per contest and round, the figures a verifier prints: what the ballots in the
 * log add up to under the pinned ruleset, next to what the chair declared.
 * Shared by replayLog (CLI, supervisor page) and the checks that compare a
 * ResultDeclared with the replay, so both always compute the same numbers.
 */
import type { EventDataMap, RoundKind, TallyLine } from '../meeting/events.js';
import type { ContestState, MeetingState, RoundState } from '../meeting/state.js';
import { computeOutcome, type Outcome } from '../rules/outcome.js';
import type { Ruleset } from '../rules/ruleset.js';
import { summedTally, type HigherRound, type SummedLine } from '../rules/office-votes.js';
import { recommendationRoundResult, type RecommendationFigures } from '../rules/recommendation.js';

export type DeclaredResult = EventDataMap['ResultDeclared'];

/** The figures a ResultDeclared carries, as the replay computes them. */
export interface ReplayedFigures {
  presentVoters: number;
  ballotsIssued: number;
  ballotsReturned: number;
  valid: number;
  invalid: number;
  threshold: number | null;
  tally: TallyLine[];
  elected: string[];
}

/**
 * Exactly the inputs declareResult() hands to computeOutcome: every tally line
 * in insertion order (candidates first, then write-ins as they appeared), so
 * ties are broken the same way here as they were on the day.
 */
export function replayRound(
  ruleset: Ruleset,
  r: RoundState,
  higher: readonly HigherRound[] | null = null,
): { figures: ReplayedFigures; outcome: Outcome } {
  const own = [...r.tally.values()].map((t) => ({ ...t }));
  // V-11a: a summed round adds the higher offices' votes as the decider did (summedTally).
  const tally = higher ? summedTally(own, r.candidates, higher) : own;
  // While a round is open nothing is returned yet; the entered ballots give the provisional picture.
  const ballotsReturned = r.ballotsReturned ?? r.valid + r.invalid;
  const outcome = computeOutcome(ruleset, {
    kind: r.kind,
    seats: r.seats,
    candidates: r.candidates,
    presentVoters: r.presentVoters,
    expected: r.expected,
    ballotsReturned,
    tally,
  });
  return {
    outcome,
    figures: {
      presentVoters: r.presentVoters,
      ballotsIssued: r.ballotsIssued,
      ballotsReturned: r.ballotsReturned ?? 0,
      valid: r.valid,
      invalid: r.invalid,
      threshold: outcome.threshold,
      tally,
      // P-21: a void round elects nobody, whatever its ballots say.
      elected: r.status === 'void' ? [] : outcome.elected,
    },
  };
}

export interface RoundSummary {
  contestId: string;
  round: number;
  kind: RoundKind;
  status: RoundState['status'];
  seats: number;
  candidates: string[];
  presentVoters: number;
  ballotsIssued: number;
  /** null while the round is open. */
  ballotsReturned: number | null;
  ballotsEntered: number;
  valid: number;
  invalid: number;
  /** Per candidate, the unreadable marks on valid ballots (P-23), so each candidate's row adds up (tallyRows). */
  unreadable: Record<string, number>;
  threshold: number | null;
  /** Candidates in ballot order, then write-ins; under 票数相加 (V-11a) each line summed, with its parts. */
  tally: SummedLine[];
  /** Recomputed by the rules from the replayed figures (provisional while the round is open). */
  elected: string[];
  declared: DeclaredResult | null;
  /** False when an event of this round contradicts the replay (a declaration, an opening or a close). */
  matches: boolean;
  mismatch?: string;
  /** Corrections stay visible: each scrutineer's correction or void, in log order. */
  corrections: RoundState['corrections'];
  /** Each reopening by the chair (ReopenRound), with the close it undid and the reason. */
  reopenings: RoundState['reopenings'];
  /** A recommendation or trust round (P-09): the per-category figures, replayed. */
  recommendation?: RecommendationFigures;
}

export interface ContestSummary {
  contestId: string;
  office: string;
  seats: number;
  mode: ContestState['mode'];
  /** An election, or a recommendation or trust contest (P-09c). */
  ballot: ContestState['ballot'];
  /** Everyone declared elected in this contest, over all its rounds. */
  elected: string[];
  vacant: number;
  approval: string | null;
  pending: ContestState['pending'];
  /** Set when the contest was withdrawn before its first round (P-15): it is not unfinished, and has no rounds. */
  withdrawal: ContestState['withdrawal'];
  /**
   * P-08b: the list adopted from a 换届, pinned to its process stream's revision and head (only when adopted). The
   * meeting's log alone cannot show the list is the one the 换届 fixed: `tallyroom verify <process-log> --meeting`
   * checks that.
   */
  adoption?: { electionId: string; revision: number; head: string; candidateIds: string[] };
  rounds: RoundSummary[];
}

export const roundKey = (contestId: string, round: number) => `${contestId}#${round}`;

/**
 * V-11a: the higher offices' declared first rounds a summed declaration names (summedFrom), as summedTally reads
 * them; null when the round was not summed. Whether it should have been is the decider's, re-decided by the verifier.
 */
function summedRounds(s: MeetingState, r: RoundState): HigherRound[] | null {
  const from = r.declared?.summedFrom;
  if (!from) return null;
  return from.map(({ contestId, round }) => {
    const h = s.contests.get(contestId)?.rounds[round - 1]?.declared;
    return { contestId, round, tally: h?.tally ?? [], elected: h?.elected ?? [] };
  });
}

function roundSummary(
  s: MeetingState,
  ruleset: Ruleset,
  c: ContestState,
  r: RoundState,
  mismatch: string | undefined,
): RoundSummary {
  const higher = summedRounds(s, r);
  const { figures } = replayRound(ruleset, r, higher);
  // P-09: a recommendation or trust round elects nobody; its threshold is the recommendation's.
  const recommendation = recommendationRoundResult(s, c, r);
  if (recommendation) Object.assign(figures, { threshold: recommendation.required, elected: [] });
  const zero = (candidateId: string): TallyLine => ({ candidateId, for: 0, against: 0, abstain: 0 });
  const own = [
    ...r.candidates.map((id) => ({ ...(r.tally.get(id) ?? zero(id)) })),
    ...[...r.tally.values()].filter((t) => !r.candidates.includes(t.candidateId)).map((t) => ({ ...t })),
  ];
  const lines = higher ? summedTally(own, r.candidates, higher) : own;
  const summary: RoundSummary = {
    contestId: c.contestId,
    round: r.round,
    kind: r.kind,
    status: r.status,
    seats: r.seats,
    candidates: [...r.candidates],
    presentVoters: r.presentVoters,
    ballotsIssued: r.ballotsIssued,
    ballotsReturned: r.ballotsReturned,
    ballotsEntered: r.valid + r.invalid,
    valid: r.valid,
    invalid: r.invalid,
    unreadable: Object.fromEntries(r.unreadable),
    threshold: figures.threshold,
    tally: lines,
    elected: figures.elected,
    declared: r.declared,
    matches: mismatch === undefined,
    corrections: r.corrections.map((x) => ({ ...x })),
    reopenings: r.reopenings.map((x) => ({ ...x, undid: { ...x.undid } })),
  };
  if (mismatch !== undefined) summary.mismatch = mismatch;
  if (recommendation) summary.recommendation = recommendation;
  return summary;
}

/** Every contest of a folded state; `mismatches` maps roundKey() to the first problem found in that round. */
export function summarizeContests(
  s: MeetingState,
  mismatches: ReadonlyMap<string, string> = new Map(),
): ContestSummary[] {
  const ruleset = s.ruleset;
  if (!ruleset) return [];
  return [...s.contests.values()].map((c) => ({
    contestId: c.contestId,
    office: c.office,
    seats: c.seats,
    mode: c.mode,
    ballot: c.ballot,
    elected: [...c.elected],
    vacant: c.vacant,
    approval: c.approval,
    pending: c.pending,
    withdrawal: c.withdrawal,
    ...(c.adoption
      ? {
          adoption: {
            electionId: c.adoption.electionId,
            revision: c.adoption.revision,
            head: c.adoption.head,
            candidateIds: c.adoption.candidates.map((x) => x.candidateId),
          },
        }
      : {}),
    rounds: c.rounds.map((r) => roundSummary(s, ruleset, c, r, mismatches.get(roundKey(c.contestId, r.round)))),
  }));
}

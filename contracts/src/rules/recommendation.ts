/**
 * The recommendation meeting's result (公推大会, ruleset `recommendation`): per name, the recommendation votes
 * (推荐票) or trust ratings (信任票) by the category of the paper, and whether the name met the threshold (P-09).
 * One implementation: DeclareResult pins it in ResultDeclared, the views show it live, the verifier re-decides it.
 *
 * It judges each settled ballot of the contest's latest round again with judgeBallot (P-09a over-votes, P-09c
 * write-ins), so it never depends on the fold's running tally; the tests check it against their own count.
 */
import { ballotOrder } from '../meeting/collation.js';
import type { ContestState, MeetingState, RoundState } from '../meeting/state.js';
import { countingContent, writeInRules } from '../meeting/tally.js';
import { judgeBallot } from './ballot.js';
import { meets, minimumFor } from './fraction.js';
import type { PaperCounts, RecommendationFigures, RecommendationLine } from './recommendation-figures.js';
import {
  PARTICIPANT_CATEGORIES,
  type BallotKind,
  type ParticipantCategory,
  type RecommendationRules,
} from './ruleset.js';

export type { PaperCounts, RecommendationFigures, RecommendationLine } from './recommendation-figures.js';

export const zeroCounts = (): PaperCounts => ({ member: 0, masses: 0, deputy: 0, all: 0 });

function add(c: PaperCounts, paper: ParticipantCategory) {
  c[paper]++;
  c.all++;
}

/** The rules of a recommendation meeting, or null under any other ruleset (and in older logs). */
export const recommendationRules = (s: Pick<MeetingState, 'ruleset'>): RecommendationRules | null =>
  s.ruleset?.recommendation ?? null;

/**
 * What a round's ballot may carry (RoundOpened.seats): the seats of an election (P-23); on a recommendation ballot
 * the names it may carry (P-09a: the ruleset's N, or the contest's seats); on a trust ballot every listed name (each
 * is rated, never over-voted). OpenRound records it; the host's script reads it for a round not yet opened.
 */
export function ballotCap(
  ballot: BallotKind | null | undefined,
  rules: Pick<RecommendationRules, 'maxNames'> | null | undefined,
  contestSeats: number,
  seats: number,
  candidates: readonly string[],
): number {
  if (ballot === 'trust') return candidates.length;
  if (ballot === 'recommendation') return rules?.maxNames ?? contestSeats;
  return seats;
}

/**
 * P-09, P-09a–d: the result of a recommendation or trust contest, from the settled ballots of its latest round
 * (so far, while the round is open). null: no such contest, not a recommendation or trust contest, or no round yet.
 */
export function recommendationResult(s: MeetingState, contestId: string): RecommendationFigures | null {
  const c = s.contests.get(contestId);
  const rules = recommendationRules(s);
  if (!c || !rules || (c.ballot !== 'recommendation' && c.ballot !== 'trust')) return null;
  const r = c.rounds[c.rounds.length - 1];
  if (!r) return null;
  return recommendationRoundResult(s, c, r);
}

/** recommendationResult for one round of the contest (the verifier's summary prints every round); null if not one. */
export function recommendationRoundResult(
  s: MeetingState,
  c: Pick<ContestState, 'ballot'>,
  r: RoundState,
): RecommendationFigures | null {
  const rules = recommendationRules(s);
  const kind = c.ballot;
  if (!rules || (kind !== 'recommendation' && kind !== 'trust')) return null;
  const ballots = zeroCounts();
  const valid = zeroCounts();
  const invalid = zeroCounts();
  const lines = new Map<string, RecommendationLine>();
  const lineOf = (id: string, writeIn: boolean) => {
    let l = lines.get(id);
    if (!l) {
      l = { candidateId: id, writeIn, votes: zeroCounts(), counted: 0, passed: null };
      if (kind === 'trust') Object.assign(l, { basic: zeroCounts(), distrust: zeroCounts() });
      lines.set(id, l);
    }
    return l;
  };
  for (const id of r.candidates) lineOf(id, false);
  const counted = new Set<ParticipantCategory>(rules.countedPapers);
  const wr = writeInRules(s, r, kind === 'recommendation' ? 'free' : 'none');
  for (const slot of r.ballots.values()) {
    if (!slot.counted) continue;
    const content = countingContent(slot, r)!;
    // A paper keyed without a category cannot be in a recommendation round (P-09d); counted as a member's if so.
    const paper = content.paper ?? 'member';
    add(ballots, paper);
    const judged = judgeBallot(content, r.seats, wr);
    if (!judged.valid) {
      add(invalid, paper);
      continue;
    }
    add(valid, paper);
    for (const [id, mark] of judged.marks) {
      const l = lineOf(id, false);
      if (mark === 'for') add(l.votes, paper);
      else if (mark === 'abstain' && l.basic) add(l.basic, paper);
      else if (mark === 'against' && l.distrust) add(l.distrust, paper);
    }
    for (const id of judged.writeIns) add(lineOf(id, true).votes, paper);
  }
  let base = 0;
  for (const p of counted) base += ballots[p];
  const required = kind === 'recommendation' ? minimumFor(base, rules.pass) : null;
  const writtenIn = ballotOrder(
    s,
    [...lines.values()].filter((l) => l.writeIn).map((l) => l.candidateId),
  );
  const ordered = [...r.candidates, ...writtenIn].map((id) => lines.get(id)!);
  for (const l of ordered) {
    for (const p of counted) l.counted += l.votes[p];
    // P-09: flagged, never chosen: the committee or upper organisation selects among those who pass.
    if (kind === 'recommendation') l.passed = base > 0 && meets(l.counted, base, rules.pass);
  }
  return {
    kind,
    round: r.round,
    maxNames: r.seats,
    ballots,
    valid,
    invalid,
    countedPapers: PARTICIPANT_CATEGORIES.filter((p) => counted.has(p)),
    base,
    required,
    pass: { num: rules.pass.num, den: rules.pass.den, inclusive: rules.pass.inclusive },
    rule: rules.pass.rule,
    lines: ordered,
  };
}

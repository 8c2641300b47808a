/**
 * What the process stream cites of a meeting: the declared figures per person. The backend fills
 * CiteMeetingResult from it, and the verifier, given the meeting's log, folds it to the cited revision and
 * compares: one implementation for both.
 */
import type { EventDataMap } from '../meeting/events.js';
import type { MeetingState } from '../meeting/state.js';
import { PARTICIPANT_CATEGORIES } from '../rules/ruleset.js';
import type { PaperCounts, RecommendationFigures, RecommendationLine } from '../rules/recommendation-figures.js';
import type { CitedFigures } from './events.js';

/** `prefix.member`, `prefix.masses`, `prefix.deputy` and `prefix.all`: a figure per paper category (P-09b). */
function byPaper(prefix: string, counts: PaperCounts): Record<string, number> {
  return Object.fromEntries([...PARTICIPANT_CATEGORIES, 'all' as const].map((p) => [`${prefix}.${p}`, counts[p]]));
}

/**
 * P-09: a recommendation line's figures. Recommendation ballots: the names recommended (推荐) per paper, the votes on
 * the counted papers, the threshold's base and the fewest votes that pass. Trust ballots: 信任 / 基本信任 / 不信任
 * per paper. `writeIn` 1 marks an eligible member written in (P-09c).
 */
function recommendationFigures(rec: RecommendationFigures, l: RecommendationLine): Record<string, number> {
  const f: Record<string, number> =
    rec.kind === 'trust'
      ? {
          ...byPaper('trust', l.votes),
          ...(l.basic ? byPaper('basicTrust', l.basic) : {}),
          ...(l.distrust ? byPaper('distrust', l.distrust) : {}),
        }
      : { ...byPaper('recommended', l.votes), counted: l.counted, base: rec.base };
  if (rec.kind === 'recommendation' && rec.required !== null) f.required = rec.required;
  if (l.writeIn) f.writeIn = 1;
  return f;
}

/**
 * Per person named in a declared result of the meeting, in the order the contests were declared (by round): with
 * `rounds` `every`, everyone in each declared round of an election, so the members elected in a first round stand
 * beside those of the 另行选举 or re-vote that followed (a person in two rounds of a contest: the later round); with
 * `latest` (citations recorded before `every` existed), the last declaration of each contest only:
 * - an election, and a party-group vote per name (PG-02, PG-03): passed = elected, or passed by the body;
 *   figures = the tally line (for 同意 / against 不同意 / abstain 弃权) and the round's valid ballots and returns.
 *   A person in several contests: the contest declared last counts.
 * - a recommendation meeting (ruleset `recommendation`, P-09): passed = the person met the recommendation threshold
 *   (ResultDeclared.recommendation); figures = the votes by paper category, and the trust ratings by category where
 *   the person was also rated on a trust ballot. A trust ballot has no threshold, so it passes nobody by itself.
 */
export function meetingResultFigures(s: MeetingState, rounds: 'every' | 'latest'): CitedFigures[] {
  const byPerson = new Map<string, CitedFigures>();
  const declared = [...s.contests.values()]
    .flatMap((c) => c.rounds.map((r) => r.declared).filter((d) => d !== null))
    .sort((a, b) => a.round - b.round);
  const latest = new Map(declared.map((d) => [d.contestId, d]));
  // A recommendation is declared once and read whole (P-09); an election's rounds each elect some of its seats.
  const cited =
    rounds === 'every' ? declared.filter((d) => !d.recommendation || latest.get(d.contestId) === d) : latest.values();
  for (const d of cited) {
    if (d.recommendation) {
      citeRecommendation(byPerson, d.recommendation);
      continue;
    }
    citeTally(byPerson, d);
  }
  return [...byPerson.values()];
}

function citeTally(byPerson: Map<string, CitedFigures>, d: EventDataMap['ResultDeclared']) {
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

function citeRecommendation(byPerson: Map<string, CitedFigures>, rec: RecommendationFigures) {
  for (const l of rec.lines) {
    const earlier = byPerson.get(l.candidateId);
    const figures = recommendationFigures(rec, l);
    byPerson.set(l.candidateId, {
      nomineeId: l.candidateId,
      // A recommendation ballot decides whether the name passed; a trust ballot leaves an earlier finding standing.
      passed: rec.kind === 'recommendation' ? l.passed === true : (earlier?.passed ?? false),
      figures: { ...(earlier?.figures ?? {}), ...figures },
    });
  }
}

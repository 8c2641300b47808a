/**
 * The shape of a recommendation or trust contest's result (recommendation.ts computes it; ResultDeclared pins it).
 * Types only, importing nothing of the meeting, so the events can name it without an import cycle.
 */
import type { ParticipantCategory } from './ruleset.js';

/** A figure per paper category and over all papers. */
export type PaperCounts = Record<ParticipantCategory | 'all', number>;

export interface RecommendationLine {
  candidateId: string;
  /** Not on the list: an eligible member written in (P-09c). */
  writeIn: boolean;
  /** Recommendation ballots: the names recommended (推荐). Trust ballots: the 信任 ratings. */
  votes: PaperCounts;
  /** Trust ballots only: 基本信任 and 不信任 ratings (the tally's abstain and against columns). */
  basic?: PaperCounts;
  distrust?: PaperCounts;
  /** The votes on the papers that count toward the threshold (P-09b). */
  counted: number;
  /** Recommendation ballots: whether `counted` meets the threshold (P-09); null on trust ballots (no threshold). */
  passed: boolean | null;
}

export interface RecommendationFigures {
  kind: 'recommendation' | 'trust';
  round: number;
  /** The most names a ballot may carry (P-09a): the round's cap; on a trust ballot, every listed name. */
  maxNames: number;
  /** Settled ballots, valid and invalid, by paper. */
  ballots: PaperCounts;
  valid: PaperCounts;
  invalid: PaperCounts;
  /** Whose papers count toward the threshold (P-09b). */
  countedPapers: ParticipantCategory[];
  /** The ballots cast on the counted papers: the base of the threshold. */
  base: number;
  /** The fewest votes that pass (P-09); null on trust ballots. */
  required: number | null;
  /** The share the threshold applies, and its rule. */
  pass: { num: number; den: number; inclusive: boolean };
  rule: string;
  lines: RecommendationLine[];
}

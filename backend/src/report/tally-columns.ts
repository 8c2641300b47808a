import { tallyRows, type RoundSummary } from '@tallyroom/contracts';

export type ExtraColumn = 'unreadable' | 'unmarked';

/**
 * P-23: a round's tally on paper adds up, as on the screens: each candidate's 赞成, 不赞成 and 弃权 with its
 * unreadable marks (无法辨认) and the valid ballots that left it unmarked (未划符号) come to the valid ballots. The two
 * extra columns are printed only when the round has any; the figures are tallyRows' (contracts). A summed round
 * (V-11a) prints none: its lines carry other offices' votes.
 */
export function tallyColumns(r: Pick<RoundSummary, 'candidates' | 'tally' | 'unreadable' | 'valid'>): {
  keys: ExtraColumn[];
  /** The extra cells of a line (null: a written-in name or the write-ins' total, which add up to nothing). */
  cells: (candidateId: string | null) => (number | null)[];
} {
  if (r.tally.some((t) => t.parts)) return { keys: [], cells: () => [] };
  const rows = new Map(tallyRows(r).map((t) => [t.candidateId, t]));
  const keys = (['unreadable', 'unmarked'] as const).filter((k) => [...rows.values()].some((t) => t[k] > 0));
  return {
    keys,
    cells: (id) => {
      const line = id === null ? undefined : rows.get(id);
      return keys.map((k) => (line?.candidate ? line[k] : null));
    },
  };
}

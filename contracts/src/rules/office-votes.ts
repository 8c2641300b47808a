/**
 * V-11a [D] "票数相加": 主任, 副主任 and 委员 stand on one paper. Under `summed`, a lower office's first round counts,
 * for each person on it, the "for" votes they got in each higher office's first round in which they were not elected
 * (a provincial rule: "委员候选人的得票数，将其获得的主任、副主任、委员的票数相加"). One implementation: the decider pins the
 * sums in ResultDeclared, the verifier re-decides them, the report and the screens print the parts it pinned.
 */
import type { SummedLine, TallyLine, VotePart } from '../meeting/events.js';

export type { SummedLine, VotePart };

/** The offices of a villagers' or residents' committee, highest first (CW2018 §6: 主任、副主任和委员). */
export const OFFICE_RANK = ['director', 'deputy-director', 'committee-member'] as const;
export type RankedOffice = (typeof OFFICE_RANK)[number];

/** The offices above `office`, highest first; none for an office outside the ranking. */
export function higherOffices(office: string): RankedOffice[] {
  const i = (OFFICE_RANK as readonly string[]).indexOf(office);
  return i <= 0 ? [] : OFFICE_RANK.slice(0, i);
}

/** A higher office's declared first round: its tally and whom it elected. */
export interface HigherRound {
  contestId: string;
  round: number;
  tally: readonly TallyLine[];
  elected: readonly string[];
}

/**
 * The lower office's first-round tally with each person's higher-office votes added. A person counts here if they
 * stand on this round or have a line in its tally (a write-in); their "for" adds each higher round's "for" in which
 * they were not elected, and `parts` lists those addends (the line's own votes are `for` less their sum). Against
 * and abstain are this office's own. Persons with no part keep their line unchanged (no `parts`).
 */
export function summedTally(
  own: readonly TallyLine[],
  candidates: readonly string[],
  higher: readonly HigherRound[],
): SummedLine[] {
  const ids = [...own.map((t) => t.candidateId), ...candidates.filter((c) => !own.some((t) => t.candidateId === c))];
  return ids.map((candidateId) => {
    const line = own.find((t) => t.candidateId === candidateId) ?? { candidateId, for: 0, against: 0, abstain: 0 };
    const parts: VotePart[] = [];
    for (const h of higher) {
      if (h.elected.includes(candidateId)) continue;
      const votes = h.tally.find((t) => t.candidateId === candidateId)?.for ?? 0;
      if (votes > 0) parts.push({ contestId: h.contestId, round: h.round, for: votes });
    }
    if (parts.length === 0) return { ...line };
    return { ...line, for: line.for + parts.reduce((n, p) => n + p.for, 0), parts };
  });
}

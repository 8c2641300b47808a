import type { RoundKind, TallyLine } from '../meeting/events.js';
import { meets, minimumFor } from './fraction.js';
import type { Ruleset } from './ruleset.js';

export interface RoundFigures {
  kind: RoundKind;
  seats: number;
  candidates: string[];
  presentVoters: number;
  /** The round's expected voters (RoundOpened.expected): the base of PG-02. */
  expected: number;
  ballotsReturned: number;
  tally: TallyLine[];
}

export interface Outcome {
  /** Smallest "for" count that elects; null in a plurality tie re-vote. */
  threshold: number | null;
  elected: string[];
  required: { kind: 'tie' | 'supplementary'; seats: number; candidates: string[]; rule: string } | null;
  /** The rule that decided the threshold. */
  rule: string;
}

/**
 * Who qualifies in this round, by integer comparison only. A comparison never
 * elects on 0 votes (V-08: with no ballots returned, 3*0 >= 0 would elect
 * everyone), except in a tie re-vote: there plurality decides among the tied
 * and a candidate with 0 votes stays in, so all at 0 is simply a tie again (P-26).
 */
function qualifying(
  ruleset: Ruleset,
  r: Pick<RoundFigures, 'kind' | 'presentVoters' | 'ballotsReturned' | 'expected'>,
): { threshold: number | null; rule: string; ok: (v: number) => boolean } {
  if (r.kind === 'tie') return { threshold: null, rule: 'P-26', ok: () => true };
  const sup = ruleset.supplementary;
  if (r.kind === 'supplementary' && sup.kind === 'plurality-with-floor') {
    return {
      threshold: Math.max(1, minimumFor(r.ballotsReturned, sup.floor)),
      rule: sup.rule,
      ok: (v) => v > 0 && meets(v, r.ballotsReturned, sup.floor),
    };
  }
  const base = winBaseOf(ruleset, r);
  return {
    threshold: Math.max(1, minimumFor(base, ruleset.win)),
    rule: ruleset.win.rule,
    ok: (v) => v > 0 && meets(v, base, ruleset.win),
  };
}

/**
 * P-24 / V-07 / PG-02: the count a round's "for" votes are measured against: the voters present when its ballots
 * were issued, the ballots returned, or every voter expected (应到会, present or not), as the round pinned them.
 */
export function winBaseOf(
  ruleset: Ruleset,
  r: Pick<RoundFigures, 'presentVoters' | 'ballotsReturned' | 'expected'>,
): number {
  const base = ruleset.win.base;
  return base === 'presentVoters' ? r.presentVoters : base === 'expectedVoters' ? r.expected : r.ballotsReturned;
}

/** The smallest "for" count that elects in a round with these figures; null in a tie re-vote (plurality). */
export function roundThreshold(
  ruleset: Ruleset,
  r: Pick<RoundFigures, 'kind' | 'presentVoters' | 'ballotsReturned' | 'expected'>,
): number | null {
  return qualifying(ruleset, r).threshold;
}

/**
 * Whether a round's bar is measured on the ballots returned, a count known only at the close (V-07: more than half
 * of those who voted; V-08: a third of the ballots cast), following the same branches as qualifying().
 */
export function thresholdRestsOnReturned(ruleset: Ruleset, kind: RoundFigures['kind']): boolean {
  if (kind === 'tie') return false;
  if (kind === 'supplementary' && ruleset.supplementary.kind === 'plurality-with-floor') return true;
  return ruleset.win.base === 'ballotsReturned';
}

function byVotes(tally: TallyLine[], order: string[]): TallyLine[] {
  const pos = (id: string) => {
    const i = order.indexOf(id);
    return i < 0 ? order.length : i;
  };
  return [...tally].sort((a, b) => b.for - a.for || pos(a.candidateId) - pos(b.candidateId));
}

function withEveryCandidate(tally: TallyLine[], candidates: string[]): TallyLine[] {
  const missing = candidates.filter((c) => !tally.some((t) => t.candidateId === c));
  return missing.length === 0
    ? tally
    : [...tally, ...missing.map((candidateId) => ({ candidateId, for: 0, against: 0, abstain: 0 }))];
}

/**
 * P-24..P-27 (V-07, V-08): the elected of a valid round, and the round the
 * rules require next when seats remain: a re-vote among those tied at the
 * cut-off (P-26) or a supplementary round for the shortfall (P-27).
 */
export function computeOutcome(ruleset: Ruleset, r: RoundFigures): Outcome {
  const q = qualifying(ruleset, r);
  // Every tied candidate stands in a re-vote, even one nobody voted for.
  const lines = r.kind === 'tie' ? withEveryCandidate(r.tally, r.candidates) : r.tally;
  const qualifiers = byVotes(
    lines.filter((t) => q.ok(t.for)),
    r.candidates,
  );
  const seats = r.seats;
  if (qualifiers.length > seats && qualifiers[seats - 1]!.for === qualifiers[seats]!.for) {
    const cut = qualifiers[seats - 1]!.for;
    const elected = qualifiers.filter((t) => t.for > cut).map((t) => t.candidateId);
    const tied = qualifiers.filter((t) => t.for === cut).map((t) => t.candidateId);
    return {
      threshold: q.threshold,
      rule: 'P-26',
      elected,
      required: { kind: 'tie', seats: seats - elected.length, candidates: tied, rule: 'P-26' },
    };
  }
  const elected = qualifiers.slice(0, seats).map((t) => t.candidateId);
  // PG-03: a vote per name; a name that failed is not put to another round.
  if (ruleset.perName) return { threshold: q.threshold, rule: q.rule, elected, required: null };
  // In a tie re-vote the plurality among the tied decides (P-26), however many stood.
  const rule = r.kind === 'tie' ? q.rule : qualifiers.length > seats ? 'P-25' : q.rule;
  if (elected.length === seats) return { threshold: q.threshold, rule, elected, required: null };

  // Shortfall: the not-elected of this round in order of votes, at least shortfall+1 (P-27 [D]), keeping everyone
  // tied at the boundary. P-27 chooses among the listed candidates; V-08 (pool `persons`) among every person not
  // elected ("第一次投票未当选的人员得票多的为候选人"), so a written-in villager with more votes stands first.
  const shortfall = seats - elected.length;
  const persons = ruleset.supplementary.kind === 'plurality-with-floor' && ruleset.supplementary.pool === 'persons';
  const rest = byVotes(
    r.tally.filter(
      (t) => !elected.includes(t.candidateId) && (r.candidates.includes(t.candidateId) || (persons && t.for > 0)),
    ),
    r.candidates,
  );
  for (const c of r.candidates)
    if (!rest.some((t) => t.candidateId === c) && !elected.includes(c))
      rest.push({ candidateId: c, for: 0, against: 0, abstain: 0 });
  const want = Math.min(rest.length, shortfall + 1);
  let take = want;
  while (take > 0 && take < rest.length && rest[take]!.for === rest[take - 1]!.for) take++;
  const candidates = rest.slice(0, take).map((t) => t.candidateId);
  return {
    threshold: q.threshold,
    rule,
    elected,
    required: { kind: 'supplementary', seats: shortfall, candidates, rule: ruleset.supplementary.rule },
  };
}

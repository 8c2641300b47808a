import { meets, minimumFor, type Share } from './fraction.js';
import type { RoundKind } from '../meeting/events.js';
import type { Ruleset } from './ruleset.js';

export interface QuorumStatus {
  /** The smallest presentVoters that satisfies the rule. */
  required: number;
  met: boolean;
  /** How many more present voters the rule needs (0 once met): what the screens name below quorum. */
  short: number;
  rule: string;
  /** Whether the rule stops a vote from starting (P-05) or is checked on the ballots returned (V-06). */
  blocking: boolean;
}

export function quorumStatus(
  ruleset: Ruleset,
  expected: number,
  present: number,
  committee?: Share & { rule: string },
): QuorumStatus {
  const share = committee ?? ruleset.quorum;
  const figures = (s: Share) => {
    // An inclusive share of nobody is nobody (3 × 0 ≥ 2 × 0): an empty roll is no quorum, so one voter at least.
    const required = Math.max(1, minimumFor(expected, s));
    return {
      required,
      met: present >= required && meets(present, expected, s),
      short: Math.max(0, required - present),
    };
  };
  if (share) return { ...figures(share), rule: share.rule, blocking: true };
  const t = ruleset.turnout!;
  return { ...figures(t), rule: t.rule, blocking: false };
}

/**
 * V-06: the turnout rule a round is closed against, or null. It decides whether
 * the election (the contest's first round, and its re-runs after that round was
 * void) is valid at all; a tie re-vote (P-26) or a supplementary round (V-08) is
 * decided on the ballots cast in it (election-rules.md E9: 600 cast of 1,200
 * registered elects X with 330). The decider and the verifier both ask here.
 */
export function turnoutRuleFor(ruleset: Ruleset, kind: RoundKind): (Share & { rule: string }) | null {
  return kind === 'first' ? ruleset.turnout : null;
}

import { meets, minimumFor, type Share } from './fraction.js';
import type { Ruleset } from './ruleset.js';

export interface QuorumStatus {
  /** The smallest presentVoters that satisfies the rule. */
  required: number;
  met: boolean;
  rule: string;
  /** Whether the rule stops a vote from starting (P-05) or is checked on the ballots returned (V-06). */
  blocking: boolean;
}

export function quorumStatus(ruleset: Ruleset, expected: number, present: number, committee?: Share & { rule: string }): QuorumStatus {
  const share = committee ?? ruleset.quorum;
  if (share) return { required: minimumFor(expected, share), met: meets(present, expected, share), rule: share.rule, blocking: true };
  const t = ruleset.turnout!;
  return { required: minimumFor(expected, t), met: meets(present, expected, t), rule: t.rule, blocking: false };
}

/**
 * V-12 (CW2018 §6): a villagers' or residents' committee "应当有妇女成员". Once every election of the meeting has its
 * final result, a committee with no woman elected is flagged (NO_WOMAN_ELECTED): a signal on the chair's screen, the
 * projector and the result report, not a refusal (the law sets no remedy in the meeting; the reserved seat is how a
 * village secures it). One implementation: the meeting view and the report call it.
 */
import type { Sex } from '../meeting/state.js';
import type { ContestStatus } from '../meeting/status.js';
import { isVillageRuleset } from './ruleset.js';

export const MEETING_FLAG_CODES = ['NO_WOMAN_ELECTED'] as const;
export interface MeetingFlag {
  code: (typeof MEETING_FLAG_CODES)[number];
  rule: string;
}

/** Final for V-12: the seats filled, or the rest sent to a new election (V-11b). */
const FINAL: readonly ContestStatus[] = ['complete', 'approved', 'new-election-due'];

export function compositionFlags(
  ruleset: { name: string } | null,
  contests: readonly { status: ContestStatus; ballot: string; elected: readonly string[] }[],
  sexOf: (memberId: string) => Sex | undefined,
): MeetingFlag[] {
  if (!isVillageRuleset(ruleset)) return [];
  const elections = contests.filter((c) => c.status !== 'withdrawn' && c.ballot === 'election');
  if (elections.length === 0 || !elections.every((c) => FINAL.includes(c.status))) return [];
  const woman = elections.some((c) => c.elected.some((id) => sexOf(id) === 'female'));
  return woman ? [] : [{ code: 'NO_WOMAN_ELECTED', rule: 'V-12' }];
}

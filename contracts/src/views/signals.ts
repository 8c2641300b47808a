/**
 * What the chair's screen signals, computed from the meeting view so every screen and test reads one answer:
 * which agenda steps are complete (each by the fact that completes it), what closing would leave unfinished,
 * and the counts a screen shows side by side, so that they add up.
 */
import { votesIn } from '../meeting/state.js';
import type { Ruleset } from '../rules/ruleset.js';
import { awaitedAnswers } from '../rules/approval-scope.js';
import { unfinishedContests, type ContestStatus, type UnfinishedContest } from '../meeting/status.js';
import type { ContestView, MeetingView, RoundView } from './meeting-view.js';

/** The agenda of P-15 in the order a branch works through it; the approval (P-31) comes after the meeting. */
export const AGENDA_STEPS = [
  'roll',
  'method-and-officers',
  'candidates',
  'rounds',
  'results',
  'closed',
  'approval',
] as const;
export type AgendaStepId = (typeof AGENDA_STEPS)[number];

export interface AgendaStep {
  id: AgendaStepId;
  /** Ticked only by the fact that completes the step (see agendaSteps). */
  done: boolean;
  /** The rule whose fact ticks it. */
  rule: string;
  /** Steps over contests: how many contests have the fact, of how many. */
  contests?: { done: number; of: number };
  /** The roll only: the quorum was met once (the method was adopted) and is not met now (departures, P-05). */
  quorumLost?: boolean;
}

const LIST_SETTLED: readonly ContestStatus[] = [
  'confirmed',
  'round-open',
  'round-closed',
  'round-required',
  'complete',
  'approved',
  'new-election-due',
];
const COUNT_SETTLED: readonly ContestStatus[] = ['round-closed', 'complete', 'approved', 'new-election-due'];
/** V-11b: a contest whose seats still empty after the second ballot went to a new election has its final result. */
const RESULT_SETTLED: readonly ContestStatus[] = ['complete', 'approved', 'new-election-due'];

/**
 * V-12: the meeting's signals (MeetingView.flags), computed once by compositionFlags from the state: NO_WOMAN_ELECTED
 * once every election has its final result and no woman was elected. Screens read the view's flags, never recompute.
 */
export { compositionFlags, type MeetingFlag } from '../rules/composition.js';

export type AgendaInput = Pick<MeetingView, 'attendance' | 'method' | 'officers' | 'closed'> & {
  /** `office`, with `ruleset`, says which results await an approval (P-31); without them every result does. */
  contests: readonly (Pick<ContestView, 'status' | 'approval'> & { office?: string })[];
  /** When given, a party-group vote (PG-03) names its own majority (PG-02) on the results step. */
  ruleset?: Pick<MeetingView['ruleset'], 'parameters'>;
};

/**
 * Each step of the chair's stage bar and whether the fact that completes it holds:
 * - 清点人数 (roll): the meeting's quorum is met now (P-05); once the meeting is closed, or under a turnout
 *   rule that does not block (V-06), it stays ticked if the meeting went on to adopt its method;
 * - 选举办法与监计票人: the method adopted and the officers appointed (P-15, P-16);
 * - 候选人: every contest has its candidate list confirmed (P-15);
 * - 投票计票: every contest's latest round is counted and no further round is called for (P-21);
 * - 宣布结果: every contest has its final result, seats filled or left vacant (P-24, P-28), or, in a party-group
 *   vote, its one round declared, each name passed or failed (PG-02, PG-03);
 * - 会议结束: the meeting is closed (P-15);
 * - 上级批复: the upper organisation's answer is recorded for every result that awaits its approval (P-31: a
 *   branch's 书记 and 副书记; the 委员 beside them are reported for the record), or, where none does, for every
 *   result it filed (awaitedAnswers).
 * `current` is the first step not done before closing, then the approval; null when all are done.
 */
export function agendaSteps(view: AgendaInput): { steps: AgendaStep[]; current: AgendaStepId | null } {
  const q = view.attendance.quorum;
  // A withdrawn contest was never run: the agenda follows the contests that stand.
  const contests = view.contests.filter((c) => c.status !== 'withdrawn');
  const over = (settled: readonly ContestStatus[]) => {
    const done = contests.filter((c) => settled.includes(c.status)).length;
    return { done: contests.length > 0 && done === contests.length, contests: { done, of: contests.length } };
  };
  const awaiting = awaitedAnswers(view.ruleset?.parameters, contests);
  const approved = awaiting.filter((c) => c.approval !== null).length;
  const steps: AgendaStep[] = [
    {
      id: 'roll',
      done: q.met || (view.method.adopted && (view.closed || !q.blocking)),
      rule: q.rule,
      ...(q.blocking && !q.met && view.method.adopted && !view.closed ? { quorumLost: true } : {}),
    },
    { id: 'method-and-officers', done: view.method.adopted && view.officers !== null, rule: 'P-15' },
    { id: 'candidates', rule: 'P-15', ...over(LIST_SETTLED) },
    { id: 'rounds', rule: 'P-21', ...over(COUNT_SETTLED) },
    {
      id: 'results',
      rule: view.ruleset?.parameters.perName ? view.ruleset.parameters.win.rule : 'P-24',
      ...over(RESULT_SETTLED),
    },
    { id: 'closed', done: view.closed, rule: 'P-15' },
    {
      id: 'approval',
      done: awaiting.length > 0 && approved === awaiting.length,
      rule: 'P-31',
      contests: { done: approved, of: awaiting.length },
    },
  ];
  const current = view.closed
    ? steps.find((s) => s.id === 'approval' && !s.done)
    : steps.find((s) => !s.done && s.id !== 'approval');
  return { steps, current: current?.id ?? null };
}

/** P-15: what closing the meeting now would leave unfinished, as CloseMeeting judges it. */
export const unfinishedInView = (view: Pick<MeetingView, 'contests'>): UnfinishedContest[] =>
  unfinishedContests(view.contests);

/**
 * Who is present, split as the attendance figures count them: voters (实到, P-01) and attendees without a
 * vote (列席: probationary members, members whose rights are suspended, P-02, P-03). `present` = both.
 */
export function presenceCounts(
  members: readonly { status: string; category?: string; present?: boolean; excluded?: unknown }[],
  /** The meeting's ruleset: at a recommendation meeting every participant votes (P-06a). */
  ruleset: Pick<Ruleset, 'recommendation'> | null = null,
): {
  present: number;
  voters: number;
  withoutVote: number;
} {
  let voters = 0;
  let withoutVote = 0;
  for (const m of members) {
    if (!m.present) continue;
    if (votesIn(ruleset, m)) voters++;
    else withoutVote++;
  }
  return { present: voters + withoutVote, voters, withoutVote };
}

/** One row of a round's table. `total` is what the row adds up to: the valid ballots for a candidate. */
export interface TallyRow {
  candidateId: string;
  /** false for a person written in (另选他人): only votes for, no row total. */
  candidate: boolean;
  for: number;
  against: number;
  abstain: number;
  /** Unreadable marks (无法辨认), void on their own (P-23). */
  unreadable: number;
  /** Valid ballots with no mark for this candidate (a blank ballot is valid, P-23). */
  unmarked: number;
  /** for + against + abstain + unreadable + unmarked: the round's valid ballots, for a candidate. */
  total: number | null;
}

/** A round's table in ballot order, then write-ins: each candidate's row adds up to the valid ballots. */
export function tallyRows(round: Pick<RoundView, 'candidates' | 'tally' | 'unreadable' | 'valid'>): TallyRow[] {
  const order = (id: string) => {
    const i = round.candidates.indexOf(id);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...round.tally]
    .sort((a, b) => order(a.candidateId) - order(b.candidateId))
    .map((t) => {
      const candidate = round.candidates.includes(t.candidateId);
      if (!candidate) return { ...t, candidate, unreadable: 0, unmarked: 0, total: null } satisfies TallyRow;
      const unreadable = round.unreadable[t.candidateId] ?? 0;
      const unmarked = round.valid - t.for - t.against - t.abstain - unreadable;
      return { ...t, candidate, unreadable, unmarked, total: round.valid } satisfies TallyRow;
    });
}

/** P-21: ballots issued against the voters present when they were issued; negative when fewer were handed out. */
export const issuedDifference = (round: Pick<RoundView, 'ballotsIssued' | 'presentVoters'>) =>
  round.ballotsIssued - round.presentVoters;

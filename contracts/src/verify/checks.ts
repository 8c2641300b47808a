/**
 * Rule checks a replay applies to each event before folding it. The hash chain
 * only proves the log was not changed after it was written; these checks prove
 * that what was written agrees with the pinned ruleset, so a log re-hashed end
 * to end with a forged declaration (or a forged attendance snapshot behind it)
 * still fails. Each check mirrors what the decider would have refused.
 */
import { electorateOf } from '../meeting/electorate.js';
import type { EventType, MeetingEvent } from '../meeting/events.js';
import { vacancyConsentBase, type MeetingState, type RoundState } from '../meeting/state.js';
import { ballotOrder } from '../meeting/collation.js';
import { turnoutRuleFor } from '../rules/quorum.js';
import { meets } from '../rules/fraction.js';
import { RULESET_NAMES } from '../rules/ruleset.js';
import { replayRound, type DeclaredResult, type ReplayedFigures } from './summary.js';

export interface RuleProblem {
  problem: string;
  /** The round the problem belongs to, so the summary can flag it. */
  round?: { contestId: string; round: number };
}

/** A Record over EventType, so adding an event type without listing it here fails to compile. */
const KNOWN: Record<EventType, true> = {
  MeetingScheduled: true, MemberEnrolled: true, MemberExcluded: true, MemberCheckedIn: true, CheckInWithdrawn: true,
  MemberDeparted: true, ElectionMethodAdopted: true, OfficersAppointed: true, ContestCreated: true, NominationReceived: true,
  RecommendationsRecorded: true, CandidateReviewed: true, CandidateListPublished: true, CandidateListConfirmed: true,
  RoundOpened: true, BallotRecorded: true, BallotEntryCorrected: true, BallotEntryVoided: true, RoundClosed: true,
  ResultDeclared: true, RoundRequired: true, SeatsLeftVacant: true, ApprovalRecorded: true, MeetingClosed: true,
  CredentialIssued: true, CredentialRevoked: true,
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isShare = (v: unknown) => isRecord(v) && Number.isSafeInteger(v.num) && Number.isSafeInteger(v.den) && (v.den as number) > 0 && typeof v.inclusive === 'boolean';

/** The parts of a pinned ruleset the fold and the outcome actually read; anything less cannot be replayed. */
function rulesetProblem(r: unknown): string | null {
  if (!isRecord(r)) return 'MeetingScheduled does not pin a ruleset';
  if (!(RULESET_NAMES as readonly unknown[]).includes(r.name)) return `pinned ruleset has an unknown name ${JSON.stringify(r.name)}`;
  if (!isShare(r.win) || !isRecord(r.win) || (r.win.base !== 'presentVoters' && r.win.base !== 'ballotsReturned')) return 'pinned ruleset has no valid win threshold';
  const sup = r.supplementary;
  if (!isRecord(sup) || (sup.kind !== 'same-threshold' && !(sup.kind === 'plurality-with-floor' && isShare(sup.floor)))) return 'pinned ruleset has no valid supplementary rule';
  if (r.quorum !== null && !isShare(r.quorum)) return 'pinned ruleset has an invalid quorum';
  if (r.turnout !== null && !isShare(r.turnout)) return 'pinned ruleset has an invalid turnout rule';
  if (r.quorum === null && r.turnout === null) return 'pinned ruleset has neither quorum nor turnout';
  if (!isShare(r.committeeQuorum)) return 'pinned ruleset has an invalid committee quorum';
  if (r.writeIns !== 'in-place-of-against' && r.writeIns !== 'none') return 'pinned ruleset has an invalid write-in rule';
  if (typeof r.doubleEntry !== 'boolean') return 'pinned ruleset does not say whether ballots are double-entered';
  return null;
}

const list = (ids: readonly string[]) => `[${ids.join(', ')}]`;
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && new Set(a).size === a.length && a.every((x) => b.includes(x));

/** Every field of a declaration against the replay; '' when they agree. */
export function compareDeclaration(declared: DeclaredResult, replayed: ReplayedFigures): string {
  const diffs: string[] = [];
  for (const k of ['presentVoters', 'ballotsIssued', 'ballotsReturned', 'valid', 'invalid', 'threshold'] as const) {
    if (declared[k] !== replayed[k]) diffs.push(`${k}: declared ${String(declared[k])}, replayed ${String(replayed[k])}`);
  }
  const lines = Array.isArray(declared.tally) ? declared.tally : [];
  if (!Array.isArray(declared.tally)) diffs.push('tally: declared none');
  const ids = [...new Set([...replayed.tally.map((t) => t.candidateId), ...lines.map((t) => (isRecord(t) ? String(t.candidateId) : '?'))])];
  for (const id of ids) {
    const d = lines.find((t) => isRecord(t) && t.candidateId === id);
    const r = replayed.tally.find((t) => t.candidateId === id);
    for (const mark of ['for', 'against', 'abstain'] as const) {
      const dv = d?.[mark] ?? 0;
      const rv = r?.[mark] ?? 0;
      if (dv !== rv) diffs.push(`tally ${id}.${mark}: declared ${String(dv)}, replayed ${rv}`);
    }
  }
  const elected = Array.isArray(declared.elected) ? declared.elected : [];
  if (!sameSet(elected, replayed.elected)) diffs.push(`elected: declared ${list(elected)}, replayed ${list(replayed.elected)}`);
  return diffs.join('; ');
}

function roundOfEvent(s: MeetingState, contestId: string, round: number): RoundState | string {
  const c = s.contests.get(contestId);
  if (!c) return `no contest ${contestId}`;
  return c.rounds[round - 1] ?? `contest ${contestId} has no round ${round}`;
}

/**
 * P-22: marks only for the round's candidates; write-ins name members on the
 * roll. A write-in that cannot count is recorded as read out and voided by
 * the judgement of the ballot, so it is no problem here.
 */
function ballotProblem(s: MeetingState, r: RoundState, marks: unknown, writeIns: unknown): string | null {
  if (!isRecord(marks) || !Array.isArray(writeIns)) return 'ballot has no marks or write-ins list';
  const stray = Object.keys(marks).find((id) => !r.candidates.includes(id));
  if (stray !== undefined) return `mark for ${stray}, who is not a candidate in this round`;
  const wi = writeIns.find((id) => typeof id !== 'string' || !s.members.has(id));
  if (wi !== undefined) return `write-in ${String(wi)} is not on the roll`;
  return null;
}

/**
 * What is wrong with `e` given the state just before it, or null. The
 * RoundRequired that must follow a declaration with a shortfall or tie is
 * checked by the caller, which sees consecutive events.
 */
export function ruleProblem(s: MeetingState, e: MeetingEvent): RuleProblem | null {
  if (!Object.hasOwn(KNOWN, e.type)) return { problem: `unknown event type ${JSON.stringify(e.type)}` };
  if (e.type === 'MeetingScheduled') {
    if (e.metadata.revision !== 0 || s.ruleset) return { problem: 'MeetingScheduled may only be the first event' };
    if (!isRecord(e.data)) return { problem: 'MeetingScheduled has no data' };
    if (e.data.meetingId !== e.metadata.meetingId) return { problem: `MeetingScheduled names meeting ${String(e.data.meetingId)} but the log is meeting ${e.metadata.meetingId}` };
    const bad = rulesetProblem(e.data.ruleset);
    return bad ? { problem: bad } : null;
  }
  if (!s.ruleset) return { problem: 'the log must begin with MeetingScheduled, which pins the ruleset' };
  if (!isRecord(e.data)) return { problem: `${e.type} has no data` };
  switch (e.type) {
    case 'RoundOpened': {
      const d = e.data;
      const at = { contestId: d.contestId, round: d.round };
      const c = s.contests.get(d.contestId);
      if (!c) return { problem: `no contest ${d.contestId}`, round: at };
      if (d.round !== c.rounds.length + 1) return { problem: `round ${d.round} opened but round ${c.rounds.length + 1} is next`, round: at };
      if (!c.pending) return { problem: `contest ${c.contestId} has no round to open`, round: at };
      const p = c.pending;
      if (d.kind !== p.kind || d.seats !== p.seats || JSON.stringify(d.candidates) !== JSON.stringify(p.candidates)) {
        return { problem: `round opened as ${d.kind} for ${d.seats} seats among ${list(d.candidates ?? [])}, the rules call for ${p.kind} for ${p.seats} among ${list(p.candidates)}`, round: at };
      }
      // P-24: the threshold rests on this snapshot, so it must match the check-ins before it.
      const el = electorateOf(s, c);
      const diffs = (['presentVoters', 'ballotsIssued', 'expected'] as const)
        .map((k) => [k, d[k], k === 'expected' ? el.expected : el.presentVoters] as const)
        .filter(([, got, want]) => got !== want)
        .map(([k, got, want]) => `${k}: recorded ${got}, replayed ${want}`);
      return diffs.length ? { problem: diffs.join('; '), round: at } : null;
    }
    case 'BallotRecorded':
    case 'BallotEntryCorrected':
    case 'BallotEntryVoided': {
      const d = e.data;
      const at = { contestId: d.contestId, round: d.round };
      const r = roundOfEvent(s, d.contestId, d.round);
      if (typeof r === 'string') return { problem: r, round: at };
      if (r.status !== 'open') return { problem: `ballot ${d.ballotNo} entered in round ${d.round} of ${d.contestId}, which is ${r.status}`, round: at };
      if (e.type === 'BallotEntryVoided') return r.ballots.has(d.ballotNo) ? null : { problem: `ballot ${d.ballotNo} was never entered`, round: at };
      const bad = ballotProblem(s, r, e.data.marks, e.data.writeIns);
      return bad ? { problem: `ballot ${d.ballotNo}: ${bad}`, round: at } : null;
    }
    case 'RoundClosed': {
      const d = e.data;
      const at = { contestId: d.contestId, round: d.round };
      const r = roundOfEvent(s, d.contestId, d.round);
      if (typeof r === 'string') return { problem: r, round: at };
      if (r.status !== 'open') return { problem: `round ${d.round} of ${d.contestId} is already ${r.status}`, round: at };
      const turnout = turnoutRuleFor(s.ruleset, r.kind);
      // P-21 / V-06: the same tests closeRound() applies, in the same order.
      let want: 'valid' | 'void' = 'valid';
      if (d.ballotsReturned > r.ballotsIssued || (turnout && !meets(d.ballotsReturned, r.expected, turnout))) want = 'void';
      if (d.status !== want) return { problem: `round closed as ${d.status} with ${d.ballotsReturned} returned of ${r.ballotsIssued} issued; the rules make it ${want}`, round: at };
      if (want === 'valid' && r.valid + r.invalid !== d.ballotsReturned) {
        return { problem: `${r.valid + r.invalid} ballots counted but ${d.ballotsReturned} recorded as returned`, round: at };
      }
      if (want === 'valid' && [...r.ballots.values()].some((b) => b.counted === null)) return { problem: 'round closed with ballots not settled', round: at };
      return null;
    }
    case 'ResultDeclared': {
      const d = e.data;
      const at = { contestId: d.contestId, round: d.round };
      const r = roundOfEvent(s, d.contestId, d.round);
      if (typeof r === 'string') return { problem: r, round: at };
      if (r.status !== 'valid') return { problem: `round ${d.round} of ${d.contestId} is ${r.status}; only a valid closed round is declared`, round: at };
      const diff = compareDeclaration(d, replayRound(s.ruleset, r).figures);
      return diff ? { problem: diff, round: at } : null;
    }
    case 'SeatsLeftVacant': {
      const d = e.data;
      const c = s.contests.get(d.contestId);
      const vacancy = s.ruleset.vacancy;
      if (!c) return { problem: `no contest ${d.contestId}` };
      if (!vacancy || c.pending?.kind !== 'supplementary' || c.pending.seats !== d.seats || d.seats > vacancy.maxShortfall) {
        return { problem: `${d.seats} seats left vacant, but the rules allow that only for a pending shortfall of at most ${vacancy?.maxShortfall ?? 0}` };
      }
      const present = vacancyConsentBase(c);
      if (vacancy.consent && !(isRecord(d.vote) && meets(d.vote.for, present, vacancy.consent))) return { problem: `consent vote does not reach the share of ${present} voters present at the last round (${vacancy.rule})` };
      return null;
    }
    default:
      return null;
  }
}

/** What RoundRequired, if any, must directly follow this declaration (state already folded through it). */
export function requiredAfter(s: MeetingState, d: DeclaredResult): { contestId: string; afterRound: number; kind: string; seats: number; candidates: string[]; rule: string } | null {
  const r = s.contests.get(d.contestId)?.rounds[d.round - 1];
  if (!r || !s.ruleset) return null;
  const req = replayRound(s.ruleset, r).outcome.required;
  return req ? { contestId: d.contestId, afterRound: d.round, ...req, candidates: ballotOrder(s, req.candidates) } : null;
}

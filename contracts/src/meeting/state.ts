import { GENESIS_HASH } from '../chain/chain.js';
import { countedWriteIns, sameBallot, type BallotContent, type WriteInRules } from '../rules/ballot.js';
import type { Ruleset } from '../rules/ruleset.js';
import type { MemberStatus, Role, Vote } from './commands.js';
import { DEFAULT_TIME_ZONE, localDate } from './local-date.js';
import type { Electorate, EventDataMap, MeetingEvent, RoundKind, TallyLine, Teller } from './events.js';

export interface MemberState {
  memberId: string;
  name: string;
  status: MemberStatus;
  excluded: { reason: string; approvalRef: string } | null;
  present: boolean;
}

export interface Nominee {
  memberId: string;
  routes: { route: string; supporters: string[] }[];
  review: { qualified: boolean; reason: string } | null;
}

export interface Entry extends BallotContent { teller: string }
/**
 * How a settled ballot was judged. Its marks are not copied: they are read
 * again from the entry or correction that counts (countingContent), with the
 * write-in policy it was judged under, so a 10,000-ballot round holds each
 * ballot's marks once.
 */
export interface Counted { readonly valid: boolean; readonly writeIns: Ruleset['writeIns'] }
export interface BallotSlot {
  entries: Entry[];
  correction: (BallotContent & { reason: string; scrutineer: string }) | null;
  /** Set once the ballot counts; null while double entry is pending or disagrees. */
  counted: Counted | null;
}

export interface RoundState {
  round: number;
  kind: RoundKind;
  seats: number;
  candidates: string[];
  ballotsIssued: number;
  presentVoters: number;
  expected: number;
  doubleEntry: boolean;
  status: 'open' | 'valid' | 'void' | 'declared';
  ballotsReturned: number | null;
  ballots: Map<number, BallotSlot>;
  tally: Map<string, TallyLine>;
  valid: number;
  invalid: number;
  corrections: { ballotNo: number; kind: 'corrected' | 'voided'; reason: string; scrutineer: string; revision: number }[];
  declared: EventDataMap['ResultDeclared'] | null;
  /** The revision of the ResultDeclared event, cited when a late correction is refused. */
  declaredRevision: number | null;
  /** Each time the round was reopened: the close it undid and why. */
  reopenings: { revision: number; reason: string; undid: { status: 'valid' | 'void'; ballotsReturned: number } }[];
}

export interface ContestState {
  contestId: string;
  office: string;
  seats: number;
  mode: 'competitive' | 'uncontested';
  electorate: Electorate;
  nominees: Map<string, Nominee>;
  recommendations: { ballotsCast: number; votes: Record<string, number> } | null;
  list: { candidateIds: string[]; noticeDays: number; publishedOn: string } | null;
  confirmed: boolean;
  /**
   * Set when a withdrawal left the list short of the rule it names (P-12, P-13): the list is then
   * neither confirmed nor usable, and only a new PublishCandidateList (a new notice, P-10) clears it.
   */
  /** Set by a withdrawal that left the list short; `since` is the meeting's local day of it, before which no new notice may start (P-10). */
  republishRequired: { rule: string; candidateId: string; since: string } | null;
  withdrawn: { candidateId: string; reason: string; revision: number }[];
  rounds: RoundState[];
  /** The round the rules call for next (first, re-run of a void round, tie re-vote, supplementary). */
  pending: { kind: RoundKind; seats: number; candidates: string[]; rule?: string } | null;
  elected: string[];
  vacant: number;
  approval: string | null;
}

export interface CredentialState { credentialId: string; role: Role; name?: string | undefined; memberId?: string | undefined; tokenHash: string; revoked: boolean }

export interface MeetingState {
  meetingId: string;
  title: string;
  organisation: string;
  scheduledFor: string;
  /** IANA zone whose calendar every date rule reads (P-10). */
  timeZone: string;
  ruleset: Ruleset | null;
  members: Map<string, MemberState>;
  /** Counters kept as events arrive so a 10,000-member meeting needs no scans. */
  fullMembers: number;
  excluded: number;
  presentVoters: number;
  attendeesWithoutVote: number;
  attendance: { revision: number; at: string; presentVoters: number }[];
  /** Every correction of the roll, with the record it replaced. */
  memberCorrections: { memberId: string; reason: string; revision: number; before: { name: string; status: MemberStatus }; after: { name: string; status: MemberStatus } }[];
  method: Vote | null;
  officers: { scrutineers: string[]; tellers: Teller[]; vote: Vote } | null;
  contests: Map<string, ContestState>;
  closed: boolean;
  credentials: Map<string, CredentialState>;
  revision: number;
  head: string;
}

export function initialState(): MeetingState {
  return {
    meetingId: '', title: '', organisation: '', scheduledFor: '', timeZone: DEFAULT_TIME_ZONE, ruleset: null,
    members: new Map(), fullMembers: 0, excluded: 0, presentVoters: 0, attendeesWithoutVote: 0, attendance: [], memberCorrections: [],
    method: null, officers: null, contests: new Map(), closed: false, credentials: new Map(),
    revision: -1, head: GENESIS_HASH,
  };
}

export const isVoter = (m: MemberState) => m.status === 'full' && m.excluded === null;
/** `excluded` counts only excluded members who are full members, so this stays right when a status is corrected. */
export const expectedOf = (s: MeetingState) => s.fullMembers - s.excluded;

/** P-01: the right to be elected (and to be written in). */
export const statusMayBeElected = (status: string) => status === 'full';
export const mayBeElected = (m: MemberState | undefined) => m !== undefined && statusMayBeElected(m.status);

/** What judgeBallot needs to know about write-ins on a ballot of round r (P-22). */
export function writeInRules(s: Pick<MeetingState, 'members'>, r: Pick<RoundState, 'kind' | 'candidates'>, policy: Ruleset['writeIns']): WriteInRules {
  return { policy, kind: r.kind, candidates: r.candidates, mayBeElected: (id) => mayBeElected(s.members.get(id)) };
}

/** Never consulted: countedWriteIns reads the rules only for a ballot that has write-ins. */
const NO_WRITE_INS: WriteInRules = Object.freeze({ policy: 'none', kind: 'first', candidates: [], mayBeElected: () => false });

/** P-28: a consent vote on leaving seats vacant counts against the voters present at the round whose shortfall it is. */
export const vacancyConsentBase = (c: ContestState) => c.rounds[c.rounds.length - 1]?.presentVoters ?? 0;

/** The content a slot counts with: its correction, its only entry, or two agreeing entries; null if none. */
function countingContent(slot: BallotSlot, r: RoundState): BallotContent | null {
  if (slot.correction) return slot.correction;
  const a = slot.entries[0];
  if (!a) return null;
  if (!r.doubleEntry) return a;
  const b = slot.entries[1];
  return b && sameBallot(a, b) ? a : null;
}

/** The few distinct Counted values, shared by every ballot (keyed by policy, then validity). */
const COUNTED = new Map<string, [invalid: Counted, valid: Counted]>();
function countedAs(valid: boolean, writeIns: Ruleset['writeIns']): Counted {
  let pair = COUNTED.get(writeIns);
  if (!pair) { pair = [Object.freeze({ valid: false, writeIns }), Object.freeze({ valid: true, writeIns })]; COUNTED.set(writeIns, pair); }
  return pair[valid ? 1 : 0];
}

function line(r: RoundState, candidateId: string): TallyLine {
  let t = r.tally.get(candidateId);
  if (!t) { t = { candidateId, for: 0, against: 0, abstain: 0 }; r.tally.set(candidateId, t); }
  return t;
}

/**
 * Adds (sign 1) or takes away (sign -1) one ballot as judgeBallot judges it
 * (P-22, P-23), straight into the tally: marks in their order, then the
 * write-ins that count. Returns whether it is valid. Whether a write-in counts
 * depends on the roll's statuses, which no longer change once voting has begun,
 * so taking a ballot away judges it as it was judged when added.
 */
function applyBallot(s: MeetingState, r: RoundState, content: BallotContent, writeInsPolicy: Ruleset['writeIns'], sign: 1 | -1): boolean {
  // Most ballots carry no write-in: they need no rules and no visitor, so the fold allocates nothing for them.
  const hasWriteIns = content.writeIns.length > 0;
  const counted = countedWriteIns(content, r.seats, hasWriteIns ? writeInRules(s, r, writeInsPolicy) : NO_WRITE_INS,
    hasWriteIns ? (id) => { line(r, id).for += sign; } : undefined);
  if (counted < 0) { r.invalid += sign; return false; }
  r.valid += sign;
  const marks = content.marks;
  for (const c of Object.keys(marks)) {
    const mark = marks[c]!;
    if (mark !== 'unreadable') line(r, c)[mark] += sign;
  }
  return true;
}

/** Takes a slot's contribution out of the tally, before a new slot replaces it (the old one is left as it was). */
function uncount(s: MeetingState, r: RoundState, slot: BallotSlot | undefined) {
  if (!slot?.counted) return;
  applyBallot(s, r, countingContent(slot, r)!, slot.counted.writeIns, -1);
}

/** Puts a slot (back) into the round and adds its contribution, if it now counts. */
function count(s: MeetingState, r: RoundState, ballotNo: number, slot: BallotSlot, ruleset: Ruleset) {
  const content = countingContent(slot, r);
  slot.counted = content ? countedAs(applyBallot(s, r, content, ruleset.writeIns, 1), ruleset.writeIns) : null;
  r.ballots.set(ballotNo, slot);
}

export function roundOf(s: MeetingState, contestId: string, round: number): RoundState | undefined {
  return s.contests.get(contestId)?.rounds[round - 1];
}

/**
 * Folds one event into the state. It mutates and returns the state it is given:
 * the caller owns it, and this keeps a 100,000-event replay linear. decide()
 * never mutates; only this fold does, after the event is durable.
 *
 * A member record and a ballot slot are replaced, never changed in place, so
 * a copy of the state (cloneState) may share them: a 10,000-member meeting is
 * copied without copying 10,000 members.
 */
export function evolve(s: MeetingState, e: MeetingEvent): MeetingState {
  s.revision = e.metadata.revision;
  s.head = e.metadata.hash;
  switch (e.type) {
    case 'MeetingScheduled': {
      const d = e.data;
      Object.assign(s, { meetingId: d.meetingId, title: d.title, organisation: d.organisation, scheduledFor: d.scheduledFor, timeZone: d.timeZone ?? DEFAULT_TIME_ZONE, ruleset: d.ruleset });
      break;
    }
    case 'MemberEnrolled': {
      const d = e.data;
      s.members.set(d.memberId, { memberId: d.memberId, name: d.name, status: d.status, excluded: null, present: false });
      if (d.status === 'full') s.fullMembers++;
      break;
    }
    case 'MemberExcluded': {
      const m = s.members.get(e.data.memberId);
      if (m && !m.excluded) {
        s.members.set(m.memberId, { ...m, excluded: { reason: e.data.reason, approvalRef: e.data.approvalRef } });
        if (m.status === 'full') s.excluded++;
      }
      break;
    }
    case 'MemberCorrected': {
      const d = e.data;
      const m = s.members.get(d.memberId);
      if (!m) break;
      const next: MemberState = { ...m, name: d.name ?? m.name, status: d.status ?? m.status };
      s.members.set(m.memberId, next);
      s.memberCorrections.push({ memberId: m.memberId, reason: d.reason, revision: e.metadata.revision, before: { name: m.name, status: m.status }, after: { name: next.name, status: next.status } });
      for (const l of d.lists ?? []) {
        const c = s.contests.get(l.contestId);
        if (!c?.list) continue;
        c.list = { ...c.list, candidateIds: l.candidateIds };
        if (c.pending && c.rounds.length === 0) c.pending = { ...c.pending, candidates: l.candidateIds };
      }
      const wasFull = m.status === 'full';
      const isFull = next.status === 'full';
      if (wasFull !== isFull) {
        const delta = isFull ? 1 : -1;
        s.fullMembers += delta;
        // An approved exclusion stays on the member's record but only takes a full member off the expected
        // number (P-03, P-04): a member corrected to probationary is off it anyway, and back again if corrected back.
        if (m.excluded) s.excluded += delta;
      }
      if (m.present && isVoter(m) !== isVoter(next)) {
        const delta = isVoter(next) ? 1 : -1;
        s.presentVoters += delta;
        s.attendeesWithoutVote -= delta;
        s.attendance.push({ revision: e.metadata.revision, at: e.metadata.recordedAt, presentVoters: s.presentVoters });
      }
      break;
    }
    case 'MemberCheckedIn':
    case 'CheckInWithdrawn':
    case 'MemberDeparted': {
      const m = s.members.get(e.data.memberId);
      const present = e.type === 'MemberCheckedIn';
      if (!m || m.present === present) break;
      s.members.set(m.memberId, { ...m, present });
      const delta = present ? 1 : -1;
      if (isVoter(m)) s.presentVoters += delta; else s.attendeesWithoutVote += delta;
      s.attendance.push({ revision: e.metadata.revision, at: e.metadata.recordedAt, presentVoters: s.presentVoters });
      break;
    }
    case 'ElectionMethodAdopted': s.method = e.data.vote; break;
    case 'OfficersAppointed': s.officers = { scrutineers: e.data.scrutineers, tellers: e.data.tellers, vote: e.data.vote }; break;
    case 'ContestCreated': {
      const d = e.data;
      s.contests.set(d.contestId, {
        contestId: d.contestId, office: d.office, seats: d.seats, mode: d.mode, electorate: d.electorate,
        nominees: new Map(), recommendations: null, list: null, confirmed: false, republishRequired: null, withdrawn: [], rounds: [], pending: null,
        elected: [], vacant: 0, approval: null,
      });
      break;
    }
    case 'NominationReceived': {
      const c = s.contests.get(e.data.contestId);
      if (!c) break;
      const n = c.nominees.get(e.data.nomineeId) ?? { memberId: e.data.nomineeId, routes: [], review: null };
      n.routes.push({ route: e.data.route, supporters: e.data.supporters });
      c.nominees.set(n.memberId, n);
      break;
    }
    case 'RecommendationsRecorded': {
      const c = s.contests.get(e.data.contestId);
      if (c) c.recommendations = { ballotsCast: e.data.ballotsCast, votes: e.data.votes };
      break;
    }
    case 'CandidateReviewed': {
      const n = s.contests.get(e.data.contestId)?.nominees.get(e.data.nomineeId);
      if (n) n.review = { qualified: e.data.qualified, reason: e.data.reason };
      break;
    }
    case 'CandidateListPublished': {
      const c = s.contests.get(e.data.contestId);
      if (c) { c.list = { candidateIds: e.data.candidateIds, noticeDays: e.data.noticeDays, publishedOn: e.data.publishedOn }; c.republishRequired = null; }
      break;
    }
    case 'CandidateWithdrawn': {
      const d = e.data;
      const c = s.contests.get(d.contestId);
      if (!c) break;
      c.withdrawn.push({ candidateId: d.candidateId, reason: d.reason, revision: e.metadata.revision });
      // Replaced, not changed in place: a copy of the state (cloneState) shares the list.
      if (c.list) c.list = { ...c.list, candidateIds: c.list.candidateIds.filter((id) => id !== d.candidateId) };
      if (d.list === 'republish') {
        c.confirmed = false;
        c.pending = null;
        c.republishRequired = { rule: d.rule ?? 'P-12', candidateId: d.candidateId, since: localDate(e.metadata.recordedAt, s.timeZone) };
      } else if (c.pending && c.rounds.length === 0) {
        c.pending = { ...c.pending, candidates: c.pending.candidates.filter((id) => id !== d.candidateId) };
      }
      break;
    }
    case 'CandidateListConfirmed': {
      const c = s.contests.get(e.data.contestId);
      if (c) { c.confirmed = true; c.pending = { kind: 'first', seats: c.seats, candidates: e.data.candidateIds }; }
      break;
    }
    case 'RoundOpened': {
      const d = e.data;
      const c = s.contests.get(d.contestId);
      if (!c) break;
      c.pending = null;
      c.rounds.push({
        round: d.round, kind: d.kind, seats: d.seats, candidates: d.candidates, ballotsIssued: d.ballotsIssued,
        presentVoters: d.presentVoters, expected: d.expected, doubleEntry: d.doubleEntry, status: 'open',
        ballotsReturned: null, ballots: new Map(), tally: new Map(d.candidates.map((id) => [id, { candidateId: id, for: 0, against: 0, abstain: 0 }])),
        valid: 0, invalid: 0, corrections: [], declared: null, declaredRevision: null, reopenings: [],
      });
      break;
    }
    case 'BallotRecorded': {
      const d = e.data;
      const r = roundOf(s, d.contestId, d.round);
      if (!r || !s.ruleset) break;
      const entry: Entry = { marks: d.marks, writeIns: d.writeIns, teller: d.teller };
      const prev = r.ballots.get(d.ballotNo);
      uncount(s, r, prev);
      count(s, r, d.ballotNo, { entries: prev ? [...prev.entries, entry] : [entry], correction: prev?.correction ?? null, counted: null }, s.ruleset);
      break;
    }
    case 'BallotEntryCorrected': {
      const d = e.data;
      const r = roundOf(s, d.contestId, d.round);
      if (!r || !s.ruleset) break;
      const prev = r.ballots.get(d.ballotNo);
      uncount(s, r, prev);
      count(s, r, d.ballotNo, { entries: prev?.entries ?? [], correction: { marks: d.marks, writeIns: d.writeIns, reason: d.reason, scrutineer: d.scrutineer }, counted: null }, s.ruleset);
      r.corrections.push({ ballotNo: d.ballotNo, kind: 'corrected', reason: d.reason, scrutineer: d.scrutineer, revision: e.metadata.revision });
      break;
    }
    case 'BallotEntryVoided': {
      const d = e.data;
      const r = roundOf(s, d.contestId, d.round);
      if (!r || !s.ruleset) break;
      uncount(s, r, r.ballots.get(d.ballotNo));
      r.ballots.delete(d.ballotNo);
      r.corrections.push({ ballotNo: d.ballotNo, kind: 'voided', reason: d.reason, scrutineer: d.scrutineer, revision: e.metadata.revision });
      break;
    }
    case 'RoundClosed': {
      const d = e.data;
      const c = s.contests.get(d.contestId);
      const r = c?.rounds[d.round - 1];
      if (!c || !r) break;
      r.status = d.status;
      r.ballotsReturned = d.ballotsReturned;
      // P-21: a void round is re-run with the same candidates after a fresh quorum check.
      if (d.status === 'void') c.pending = { kind: r.kind, seats: r.seats, candidates: r.candidates, rule: d.rule ?? 'P-21' };
      break;
    }
    case 'RoundReopened': {
      const d = e.data;
      const c = s.contests.get(d.contestId);
      const r = c?.rounds[d.round - 1];
      if (!c || !r || (r.status !== 'valid' && r.status !== 'void')) break;
      r.reopenings.push({ revision: e.metadata.revision, reason: d.reason, undid: { status: r.status, ballotsReturned: r.ballotsReturned ?? 0 } });
      // The re-run a void close called for is withdrawn: the round it would have replaced is open again.
      if (r.status === 'void') c.pending = null;
      r.status = 'open';
      r.ballotsReturned = null;
      break;
    }
    case 'ResultDeclared': {
      const c = s.contests.get(e.data.contestId);
      const r = c?.rounds[e.data.round - 1];
      if (!c || !r) break;
      r.status = 'declared';
      r.declared = e.data;
      r.declaredRevision = e.metadata.revision;
      c.elected.push(...e.data.elected);
      break;
    }
    case 'RoundRequired': {
      const c = s.contests.get(e.data.contestId);
      if (c) c.pending = { kind: e.data.kind, seats: e.data.seats, candidates: e.data.candidates, rule: e.data.rule };
      break;
    }
    case 'SeatsLeftVacant': {
      const c = s.contests.get(e.data.contestId);
      if (c) { c.vacant += e.data.seats; c.pending = null; }
      break;
    }
    case 'ApprovalRecorded': {
      const c = s.contests.get(e.data.contestId);
      if (c) c.approval = e.data.reference;
      break;
    }
    case 'MeetingClosed': s.closed = true; break;
    case 'CredentialIssued': s.credentials.set(e.data.credentialId, { ...e.data, revoked: false }); break;
    case 'CredentialRevoked': {
      const cr = s.credentials.get(e.data.credentialId);
      if (cr) cr.revoked = true;
      break;
    }
    default: {
      const _exhaustive: never = e;
      void _exhaustive;
    }
  }
  return s;
}

/**
 * A copy that folding into never changes the original (a command decided
 * ahead of its predecessors' commits folds into one). Everything evolve()
 * changes in place is copied; member records, ballot slots and event data,
 * which it only ever replaces, are shared.
 */
export function cloneState(s: MeetingState): MeetingState {
  const contests = new Map<string, ContestState>();
  for (const [id, c] of s.contests) {
    contests.set(id, {
      ...c,
      nominees: new Map([...c.nominees].map(([k, n]) => [k, { ...n, routes: [...n.routes] }])),
      rounds: c.rounds.map((r) => ({
        ...r,
        ballots: new Map(r.ballots),
        tally: new Map([...r.tally].map(([k, t]) => [k, { ...t }])),
        corrections: [...r.corrections],
        reopenings: [...r.reopenings],
      })),
      withdrawn: [...c.withdrawn],
      elected: [...c.elected],
    });
  }
  return {
    ...s,
    members: new Map(s.members),
    attendance: [...s.attendance],
    memberCorrections: [...s.memberCorrections],
    contests,
    credentials: new Map([...s.credentials].map(([k, c]) => [k, { ...c }])),
  };
}

export function fold(events: Iterable<MeetingEvent>, state: MeetingState = initialState()): MeetingState {
  for (const e of events) evolve(state, e);
  return state;
}

export type ContestStatus = 'nominating' | 'published' | 'confirmed' | 'round-open' | 'round-closed' | 'round-required' | 'complete' | 'approved';

/** Seats of a contest neither filled nor left vacant (P-27, P-28): the report names them, the status reads them. */
export function seatsOutstanding(c: Pick<ContestState, 'seats' | 'elected' | 'vacant'>): number {
  return c.seats - c.elected.length - c.vacant;
}

/**
 * P-21: the papers counted out of the box (`returned`) against the ballots entered and the ballots issued.
 * `difference` > 0: more papers than entries; < 0: more entries than papers; the round closes valid only at 0.
 * `overIssued` > 0: more papers back than were issued, which voids the round. CloseRound decides by these
 * figures and the console shows them while the count is typed.
 */
export function reconcileReturned(r: Pick<RoundState, 'valid' | 'invalid' | 'ballotsIssued'>, returned: number): { entered: number; difference: number; overIssued: number } {
  const entered = r.valid + r.invalid;
  return { entered, difference: returned - entered, overIssued: Math.max(0, returned - r.ballotsIssued) };
}

/** Why the chair may not reopen round r of contest c now; see reopenBar. */
export type ReopenBar = 'meeting-closed' | 'declared' | 'open' | 'superseded' | 'left-vacant';

/**
 * P-21: a count is mended before its result is announced: only the latest round of a contest, closed valid or
 * void, and if void only while its re-run is still pending (P-28: seats left vacant settle it). null: it may be
 * reopened. ReopenRound chooses its refusal by this, and the meeting view shows the reopen action by it.
 */
export function reopenBar(s: Pick<MeetingState, 'closed'>, c: Pick<ContestState, 'rounds' | 'pending'>, r: Pick<RoundState, 'round' | 'status'>): ReopenBar | null {
  if (s.closed) return 'meeting-closed';
  if (r.status === 'declared') return 'declared';
  if (r.status === 'open') return 'open';
  // An earlier round was re-run after it (P-21 void) or led to the next (P-26, P-27): reopening it would undo those.
  if (r.round !== c.rounds.length) return 'superseded';
  if (r.status === 'void' && !c.pending) return 'left-vacant';
  return null;
}

export function contestStatus(c: ContestState): ContestStatus {
  const last = c.rounds[c.rounds.length - 1];
  if (last?.status === 'open') return 'round-open';
  if (last?.status === 'valid') return 'round-closed';
  if (c.pending && c.rounds.length > 0) return 'round-required';
  if (c.approval) return 'approved';
  if (c.rounds.length > 0 && seatsOutstanding(c) <= 0) return 'complete';
  if (c.confirmed) return 'confirmed';
  if (c.list) return 'published';
  return 'nominating';
}

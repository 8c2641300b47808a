/**
 * Verification by re-deciding: every recorded event must be what the decider
 * gives for the command that produced it, decided on the state the log had
 * built just before, at the recorded time and by the recorded actor. The
 * decider is then the only implementation of every rule; the verifier merely
 * reconstructs each command from its events and asks it again.
 *
 * Pure and browser-safe: the CLI and the supervisor's replay screen run it.
 */
import { canonicalJson } from '../chain/canonical.js';
import type { EventActor } from '../chain/chain.js';
import { COMMAND_ROLES, isOrgRole, type MeetingActorRole } from '../access.js';
import { DomainError } from '../errors.js';
import type { CommandType } from '../meeting/commands.js';
import type { DecideContext } from '../meeting/context.js';
import { ROLES } from '../meeting/commands.js';
import { decide } from '../meeting/decide.js';
import type { EventDataMap, EventType, MeetingEvent, NewEvent } from '../meeting/events.js';
import { parseCommand } from '../meeting/parse-command.js';
import type { MeetingState } from '../meeting/state.js';
import { rulesetProblem } from './checks.js';
import { isTimeZone } from '../meeting/local-date.js';
import { replayRound } from './summary.js';
import { higherOffices } from '../rules/office-votes.js';

/** Verdict codes for what is wrong with a log and has no decider refusal behind it (texts under errors.<CODE>). */
export const VERIFY_CODES = {
  /** The acting credential's role may not send the command, or the system acted after the meeting was created. */
  actor: 'ACTOR_NOT_PERMITTED',
  /** The acting credential was never issued in this log, was revoked, or has another role. */
  credential: 'ACTOR_NOT_CREDENTIALED',
  /** An event no command produces on its own (a RoundRequired without its declaration), or an unknown type. */
  orphan: 'EVENT_WITHOUT_COMMAND',
  /** MeetingScheduled out of place or pinning an unusable ruleset. */
  ruleset: 'RULESET_INVALID',
  /** The events differ from the decider's and no rule governs the difference. */
  differs: 'EVENT_DIFFERS',
  /** An event recorded earlier than the one before it (beyond the allowed skew between backends' clocks). */
  time: 'TIME_RUNS_BACKWARDS',
  /** The hash chain fails. */
  chain: 'CHAIN_BROKEN',
} as const;

export interface CommandProblem {
  /** Index into the slice of the event to blame. */
  at: number;
  rule: string;
  problem: string;
}

type Data<T extends EventType> = EventDataMap[T];

/**
 * How a recorded event leads back to its command. `join`: a run of these in
 * one command group is one command (EnrolMembers enrols many); `follows`: the
 * event is the second one of the named event's command (DeclareResult's
 * RoundRequired); `pinned`: ScheduleMeeting, which cannot be decided again
 * (it resolves a ruleset by name, and the log pins the resolved copy).
 */
type Inverse<T extends EventType> =
  | {
      command: CommandType;
      data: (d: Data<T>) => Record<string, unknown>;
      join?: (into: Record<string, unknown>, d: Data<T>) => void;
      /** What the edge proved for the command, as the event records it (a check-in's venue window or card). */
      presence?: (d: Data<T>) => DecideContext['presence'];
      /** Events of this type recorded right after it, under the same command, are its own (AppointOfficers' revocations). */
      then?: EventType;
    }
  | { follows: EventType }
  | { pinned: true };

/**
 * The inverse of the decider, one entry per event type: a new event type does
 * not compile until it is mapped here (one line, e.g.
 * `RoundReopened: { command: 'ReopenRound', data: (d) => ({ contestId: d.contestId, round: d.round, reason: d.reason }) },`)
 * and given a rule in GOVERNED_BY below.
 */
const INVERSE: { [T in EventType]: Inverse<T> } = {
  MeetingScheduled: { pinned: true },
  MemberEnrolled: {
    command: 'EnrolMembers',
    data: (d) => ({ members: [d] }),
    join: (into, d) => {
      (into.members as unknown[]).push(d);
    },
  },
  // One RegisterVoters registers many; the reason (补登) is the command's, copied to each voter.
  VoterRegistered: {
    command: 'RegisterVoters',
    data: ({ reason, ...v }) => ({ voters: [v], ...(reason !== undefined ? { reason } : {}) }),
    join: (into, { reason: _r, ...v }) => {
      (into.voters as unknown[]).push(v);
    },
  },
  VoterRemoved: { command: 'RemoveVoter', data: (d) => ({ ...d }) },
  // The recorded day stands for the one keyed in; the decider refuses a future one and one too late (V-03).
  VoterListPublished: { command: 'PublishVoterList', data: (d) => ({ publishedOn: d.publishedOn }) },
  // The day of receipt and of the decision (and whether it was late) are the decider's, read from the recorded time.
  VoterObjectionReceived: { command: 'ReceiveVoterObjection', data: ({ receivedOn: _r, ...d }) => d },
  VoterObjectionDecided: {
    command: 'DecideVoterObjection',
    data: (d) => ({ objectionId: d.objectionId, upheld: d.upheld, reason: d.reason }),
  },
  MemberExcluded: { command: 'ExcludeFromExpected', data: (d) => ({ ...d }) },
  // The venue key is not in the log: the verifier takes the recorded window's code as matched, and the decider
  // checks that window against the event's time (P-05); a kiosk's check-in is taken as from the member's card.
  MemberCheckedIn: {
    command: 'CheckIn',
    data: (d) => ({
      memberId: d.memberId,
      method: d.method,
      ...(d.venueWindow !== undefined ? { venueCode: RECORDED_VENUE_CODE } : {}),
    }),
    presence: (d) => ({
      ...(typeof d.venueWindow === 'number'
        ? { venueCodes: [{ window: d.venueWindow, code: RECORDED_VENUE_CODE }] }
        : {}),
      ...(d.method === 'kiosk' ? { card: d.memberId } : {}),
    }),
  },
  // Both days are the decider's, read from the recorded time and the pinned schedule.
  EarlyCheckInConfirmed: { command: 'ConfirmEarlyCheckIn', data: () => ({}) },
  CheckInWithdrawn: { command: 'WithdrawCheckIn', data: (d) => ({ ...d }) },
  MemberDeparted: { command: 'RecordDeparture', data: (d) => ({ ...d }) },
  ElectionMethodAdopted: { command: 'AdoptElectionMethod', data: (d) => ({ ...d }) },
  // The credentials of officers no longer appointed are revoked by the same command (P-16/P-17).
  OfficersAppointed: { command: 'AppointOfficers', data: (d) => ({ ...d }), then: 'CredentialRevoked' },
  ContestCreated: { command: 'CreateContest', data: (d) => ({ ...d }) },
  NominationReceived: { command: 'Nominate', data: (d) => ({ ...d }) },
  RecommendationsRecorded: { command: 'RecordRecommendations', data: (d) => ({ ...d }) },
  CandidateReviewed: { command: 'ReviewCandidate', data: (d) => ({ ...d }) },
  // The recorded date stands for the one keyed in; the decider still refuses a future one (P-10).
  CandidateListPublished: { command: 'PublishCandidateList', data: (d) => ({ ...d }) },
  CandidateListConfirmed: { command: 'ConfirmCandidateList', data: (d) => ({ contestId: d.contestId }) },
  // The server filled the pinned revision, head and candidates from the process stream: they are the command's.
  CandidateListAdopted: { command: 'AdoptCandidateList', data: (d) => ({ ...d }) },
  // The papers handed out as recorded; the decider refuses more than the voters present (P-21).
  RoundOpened: { command: 'OpenRound', data: (d) => ({ contestId: d.contestId, ballotsIssued: d.ballotsIssued }) },
  // The teller is who acted: the decider writes the actor's credential there.
  BallotRecorded: { command: 'RecordBallot', data: ({ teller: _t, ...d }) => d },
  BallotEntryCorrected: { command: 'CorrectBallot', data: ({ scrutineer: _s, ...d }) => d },
  BallotEntryVoided: { command: 'VoidBallotEntry', data: ({ scrutineer: _s, ...d }) => d },
  RoundClosed: {
    command: 'CloseRound',
    data: (d) => ({ contestId: d.contestId, round: d.round, ballotsReturned: d.ballotsReturned }),
  },
  // The declared elected go in, so a contradiction is the decider's own DECLARATION_CONTRADICTS_RULES.
  ResultDeclared: {
    command: 'DeclareResult',
    data: (d) => ({ contestId: d.contestId, round: d.round, elected: d.elected }),
  },
  RoundRequired: { follows: 'ResultDeclared' },
  // V-11b: the declaration's own second event; its day and months are the decider's, from the recorded time.
  NewElectionDue: { follows: 'ResultDeclared' },
  AssistedWritingRecorded: { command: 'RecordAssistedWriting', data: (d) => ({ ...d }) },
  SeatsLeftVacant: { command: 'LeaveSeatsVacant', data: (d) => ({ contestId: d.contestId, vote: d.vote }) },
  ApprovalRecorded: { command: 'RecordApproval', data: (d) => ({ ...d }) },
  // Whether the chair confirmed closing over unfinished contests is not recorded (logs before P-15's confirmation
  // have none): the verifier re-decides the closing as confirmed, and the state shows what was left unfinished.
  MeetingClosed: { command: 'CloseMeeting', data: () => ({ confirmUnfinished: true }) },
  // An officer's credential takes its name and member from the appointment: the decider's, not the chair's.
  CredentialIssued: {
    command: 'IssueCredential',
    data: ({ name, memberId, ...d }) =>
      d.officer !== undefined
        ? d
        : { ...d, ...(name !== undefined ? { name } : {}), ...(memberId ? { memberId } : {}) },
  },
  // A revocation with a reason is AppointOfficers'; on its own, the chair's RevokeCredential gives none.
  CredentialRevoked: { command: 'RevokeCredential', data: (d) => ({ credentialId: d.credentialId }) },
  RecoveryCodeSet: { command: 'SetRecoveryCode', data: (d) => ({ ...d }) },
  RoundReopened: { command: 'ReopenRound', data: (d) => ({ ...d }) },
  // The re-sorted lists are the decider's (P-18), not the chair's.
  MemberCorrected: { command: 'CorrectMember', data: ({ lists: _l, ...d }) => d },
  // Whether the list still stands is the decider's judgement (P-12/P-13).
  CandidateWithdrawn: {
    command: 'WithdrawCandidate',
    data: (d) => ({ contestId: d.contestId, candidateId: d.candidateId, reason: d.reason }),
  },
  ContestWithdrawn: { command: 'WithdrawContest', data: (d) => ({ ...d }) },
  CandidateListWithdrawn: { command: 'WithdrawCandidateList', data: (d) => ({ ...d }) },
  ProxyAuthorised: { command: 'AuthoriseProxy', data: (d) => ({ ...d }) },
  // The proxy a revocation names is the decider's reading of the state, not the chair's.
  ProxyRevoked: { command: 'RevokeProxy', data: (d) => ({ principalId: d.principalId, reason: d.reason }) },
  // The principals listed are the decider's: every authorisation in force, in stroke order.
  ProxyListPublished: { command: 'PublishProxyList', data: (d) => ({ publishedOn: d.publishedOn }) },
  PollingStationSetUp: { command: 'SetUpPollingStation', data: (d) => ({ ...d }) },
  // The rounds a poll opens follow it under the same command; the decider numbers them and fills their figures.
  PollOpened: {
    command: 'OpenPoll',
    data: (d) => ({ pollId: d.pollId, contestIds: d.rounds.map((r) => r.contestId), stationIds: d.stations }),
    then: 'RoundOpened',
  },
  BallotIssued: {
    command: 'IssueBallots',
    data: ({ pollId, stationId, ...v }) => ({ pollId, stationId, voters: [v] }),
    join: (into, { pollId: _p, stationId: _s, ...v }) => {
      (into.voters as unknown[]).push(v);
    },
  },
  // The count issued at sealing is the decider's, from the papers issued there.
  BallotBoxSealed: { command: 'SealBallotBox', data: (d) => ({ pollId: d.pollId, stationId: d.stationId }) },
  BallotBoxOpened: { command: 'OpenBallotBox', data: (d) => ({ ...d }) },
};

type Governs = (s: MeetingState, e: NewEvent) => string;

/** A recommendation or trust contest (P-09c). */
const isPaperBallot = (kind: string | undefined) => kind === 'recommendation' || kind === 'trust';

/** Officers hold the pen: a scrutineer's credential answers to P-16, a teller's to P-17. */
const officerRule = (role: string | undefined) =>
  role === 'scrutineer' ? 'P-16' : role === 'teller' ? 'P-17' : VERIFY_CODES.differs;

const roundOfEvent = (s: MeetingState, d: { contestId: string; round: number }) =>
  s.contests.get(d.contestId)?.rounds[d.round - 1];

/**
 * Which rule an event's derived fields rest on, for naming the rule when the
 * recorded event differs from the decider's (the state is the one before it).
 * One entry per event type, like INVERSE.
 */
const GOVERNED_BY: { [T in EventType]: Governs } = {
  MeetingScheduled: () => VERIFY_CODES.ruleset,
  MemberEnrolled: () => 'P-02',
  VoterRegistered: (s) => ((s.ruleset?.registration?.electorate ?? 'residents') === 'residents' ? 'V-02' : 'R-01'),
  VoterRemoved: () => 'V-03',
  VoterListPublished: () => 'V-03',
  VoterObjectionReceived: () => 'V-03',
  VoterObjectionDecided: () => 'V-03',
  MemberExcluded: () => 'P-04',
  MemberCheckedIn: () => 'P-05',
  EarlyCheckInConfirmed: () => VERIFY_CODES.differs,
  CheckInWithdrawn: () => 'P-05',
  MemberDeparted: () => 'P-05',
  ElectionMethodAdopted: () => 'P-15',
  OfficersAppointed: () => 'P-16',
  ContestCreated: (s) => s.ruleset?.secondStage?.rule ?? 'P-29',
  NominationReceived: () => 'P-07',
  RecommendationsRecorded: () => 'P-09',
  CandidateReviewed: () => 'P-08',
  CandidateListPublished: () => 'P-18',
  CandidateListAdopted: () => 'P-08b',
  // What a confirmation copies is the published list, held to the candidate margin.
  CandidateListConfirmed: (s) => s.ruleset?.differential.rule ?? 'P-12',
  // The attendance snapshot is the base of the threshold (P-24), or of the quorum where turnout decides.
  RoundOpened: (s) =>
    !s.ruleset || s.ruleset.win.base !== 'ballotsReturned'
      ? (s.ruleset?.win.rule ?? 'P-24')
      : ((s.ruleset.quorum ?? s.ruleset.turnout)?.rule ?? 'P-24'),
  // P-09d: a recommendation or trust paper's category is what its per-category count rests on.
  BallotRecorded: (s, e) =>
    e.type === 'BallotRecorded' && isPaperBallot(s.contests.get(e.data.contestId)?.ballot) ? 'P-09d' : 'P-22',
  BallotEntryCorrected: () => 'P-23',
  BallotEntryVoided: () => 'P-23',
  RoundClosed: (_s, e) => (e.type === 'RoundClosed' && e.data.rule) || 'P-21',
  ResultDeclared: (s, e) => {
    // P-09: a recommendation or trust result's figures rest on the recommendation threshold.
    const c = e.type === 'ResultDeclared' ? s.contests.get(e.data.contestId) : undefined;
    if (c && isPaperBallot(c.ballot) && s.ruleset?.recommendation) return s.ruleset.recommendation.pass.rule;
    const r = e.type === 'ResultDeclared' ? roundOfEvent(s, e.data) : undefined;
    // V-11a: a lower office's first round under 票数相加 rests on the sums of the higher offices' votes.
    if (
      c &&
      r?.kind === 'first' &&
      s.ruleset?.officeVotes === 'summed' &&
      higherOffices(c.office).some((o) => [...s.contests.values()].some((h) => h.office === o))
    )
      return 'V-11a';
    return r && s.ruleset ? replayRound(s.ruleset, r).outcome.rule : 'P-24';
  },
  RoundRequired: (_s, e) => (e.type === 'RoundRequired' ? e.data.rule : 'P-27'),
  SeatsLeftVacant: (s) => s.ruleset?.vacancy?.rule ?? s.ruleset?.newElection?.rule ?? 'P-28',
  NewElectionDue: (_s, e) => (e.type === 'NewElectionDue' ? e.data.rule : 'V-11'),
  AssistedWritingRecorded: () => 'P-19',
  ApprovalRecorded: () => 'P-31',
  MeetingClosed: () => 'P-15',
  CredentialIssued: (_s, e) => (e.type === 'CredentialIssued' ? officerRule(e.data.role) : VERIFY_CODES.differs),
  CredentialRevoked: (s, e) =>
    e.type === 'CredentialRevoked' && e.data.reason
      ? officerRule(s.credentials.get(e.data.credentialId)?.role)
      : VERIFY_CODES.differs,
  RecoveryCodeSet: () => VERIFY_CODES.differs,
  RoundReopened: () => 'P-21',
  MemberCorrected: () => 'P-18',
  CandidateWithdrawn: (s, e) =>
    (e.type === 'CandidateWithdrawn' && e.data.rule) || s.ruleset?.differential.rule || 'P-12',
  // Withdrawn after its first round opened: the contest was the meeting's by then (P-15).
  ContestWithdrawn: () => 'P-15',
  // A list taken down ends its notice; what stands in its place needs a new one (P-10).
  CandidateListWithdrawn: () => 'P-10',
  // Written proxies exist only where the ruleset has them (V-10); elsewhere P-19 forbids them.
  ProxyAuthorised: (s) => s.ruleset?.proxies?.rule ?? 'P-19',
  ProxyRevoked: (s) => s.ruleset?.proxies?.rule ?? 'P-19',
  ProxyListPublished: (s) => s.ruleset?.proxies?.rule ?? 'P-19',
  PollingStationSetUp: (s) => s.ruleset?.polling?.rule ?? 'P-20',
  PollOpened: (s) => s.ruleset?.polling?.rule ?? 'P-20',
  // One paper per voter, to a registered voter, in person or through the written proxy (V-10).
  BallotIssued: (_s, e) => (e.type === 'BallotIssued' && e.data.proxyFor !== undefined ? 'V-10' : 'V-11c'),
  // The papers issued at the box are what P-21 holds its returns to.
  BallotBoxSealed: () => 'P-21',
  BallotBoxOpened: () => 'V-09',
};

/** Stands in for the venue code a member sent, which the log does not keep. */
const RECORDED_VENUE_CODE = 'recorded';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const known = (type: string): type is EventType => Object.hasOwn(INVERSE, type);

/** One command's share of a command group: the events it produced and the command rebuilt from them. */
export interface CommandSlice {
  events: MeetingEvent[];
  /** null for MeetingScheduled (pinned) or when no command could be rebuilt (then `problem`). */
  command: { type: CommandType; data: Record<string, unknown>; presence?: DecideContext['presence'] } | null;
  problem?: CommandProblem;
}

/** Splits the events of one commandId into the commands that produced them. */
export function sliceCommands(group: readonly MeetingEvent[]): CommandSlice[] {
  const out: CommandSlice[] = [];
  for (let i = 0; i < group.length;) {
    const e = group[i]!;
    if (!known(e.type)) {
      out.push({
        events: [e],
        command: null,
        problem: { at: 0, rule: VERIFY_CODES.orphan, problem: `unknown event type ${JSON.stringify(e.type)}` },
      });
      i++;
      continue;
    }
    const inv = INVERSE[e.type] as Inverse<EventType>;
    if ('pinned' in inv) {
      out.push({ events: [e], command: null });
      i++;
      continue;
    }
    if ('follows' in inv) {
      out.push({
        events: [e],
        command: null,
        problem: {
          at: 0,
          rule: VERIFY_CODES.orphan,
          problem: `${e.type} is recorded only together with the ${inv.follows} it follows, under the same command`,
        },
      });
      i++;
      continue;
    }
    let data: Record<string, unknown>;
    try {
      data = inv.data(e.data as never);
    } catch (err) {
      out.push({
        events: [e],
        command: null,
        problem: {
          at: 0,
          rule: VERIFY_CODES.differs,
          problem: `${e.type} has no usable data: ${err instanceof Error ? err.message : String(err)}`,
        },
      });
      i++;
      continue;
    }
    const events = [e];
    for (i++; i < group.length; i++) {
      const next = group[i]!;
      if (!known(next.type)) break;
      const ni = INVERSE[next.type] as Inverse<EventType>;
      if (next.type === e.type && 'join' in ni && ni.join && isRecord(next.data)) {
        ni.join(data, next.data as never);
        events.push(next);
        continue;
      }
      if ('then' in inv && inv.then === next.type) {
        events.push(next);
        continue;
      }
      if ('follows' in ni && ni.follows === e.type && events.length === 1) {
        events.push(next);
        i++;
      }
      break;
    }
    const presence = inv.presence?.(e.data as never);
    out.push({ events, command: presence ? { type: inv.command, data, presence } : { type: inv.command, data } });
  }
  return out;
}

const sameActor = (a: EventActor, b: EventActor) => isRecord(a) && isRecord(b) && a.role === b.role && a.id === b.id;

/**
 * The actor of a chair credential minted with the meeting's printed recovery
 * code (POST /api/meetings/:id/recover): no credential stands behind it, so it
 * is the system's, and only ever issues a chair credential while the log holds
 * a recovery code (credentialProblem checks both).
 */
export const RECOVERY_ACTOR = { role: 'system', id: 'recovery' } as const;

/**
 * Who acted: the one role table (COMMAND_ROLES, as mayCommand reads it), a
 * credential issued in this very log for every actor but the system, the
 * system while the meeting is being created (the first command group), and the
 * recovery actor issuing a chair credential later.
 */
export function actorProblem(
  type: CommandType | 'ScheduleMeeting',
  actor: EventActor,
  firstGroup: boolean,
): string | null {
  if (!isRecord(actor) || typeof actor.role !== 'string' || typeof actor.id !== 'string')
    return 'the event names no actor';
  if (actor.role === 'system') {
    // A recovery mints one chair credential, after creation; what it may issue is checked with the state.
    if (actor.id === RECOVERY_ACTOR.id && !firstGroup)
      return type === 'IssueCredential' ? null : `a recovery only issues a chair credential, not ${type}`;
    // The system writes only the meeting's creation: ScheduleMeeting, the first credentials and the recovery code,
    // in one command group. Anything else under it (a ballot, a check-in) would carry no credential whose role could be checked.
    if (!firstGroup) return `the system acts only when the meeting is created; ${type} must come from a credential`;
    return type === 'ScheduleMeeting' || type === 'IssueCredential' || type === 'SetRecoveryCode'
      ? null
      : `the system only creates the meeting, its first credentials and its recovery code; ${type} must come from a credential`;
  }
  if (type === 'ScheduleMeeting') return `a meeting is created by the system, not by a ${actor.role} credential`;
  if (!(ROLES as readonly string[]).includes(actor.role) && !isOrgRole(actor.role))
    return `unknown role ${JSON.stringify(actor.role)}`;
  if (!COMMAND_ROLES[type].includes(actor.role as MeetingActorRole)) return `role ${actor.role} may not send ${type}`;
  return null;
}

/** The credential behind a non-system actor, as issued in the log before this command. */
export function credentialProblem(
  s: MeetingState,
  type: CommandType,
  actor: EventActor,
  data: Record<string, unknown>,
): string | null {
  if (actor.role === 'system') {
    if (actor.id !== RECOVERY_ACTOR.id || type !== 'IssueCredential') return null;
    if (!s.recoveryCodeHash) return 'a recovery needs a recovery code set earlier in the log, and there is none';
    if (data.role !== 'chair') return `a recovery issues a chair credential, not a ${String(data.role)} credential`;
    return null;
  }
  // An organisation credential (approver, org-admin) lives in its organisation-<id> stream, not in this log; an
  // org-admin mints chair links only.
  if (isOrgRole(actor.role))
    return type === 'IssueCredential' && data.role !== 'chair'
      ? `an ${actor.role} credential issues a chair credential, not a ${String(data.role)} credential`
      : null;
  const c = s.credentials.get(actor.id);
  if (!c) return `credential ${actor.id} was never issued in this meeting`;
  if (c.revoked) return `credential ${actor.id} was revoked before it acted`;
  if (c.role !== actor.role) return `credential ${actor.id} was issued to a ${c.role}, not a ${actor.role}`;
  if (c.role === 'member' && type === 'CheckIn' && data.memberId !== c.memberId)
    return `member credential ${actor.id} checks in only member ${c.memberId ?? '?'}, not ${String(data.memberId)}`;
  return null;
}

const show = (v: unknown) => {
  const text = v === undefined ? 'nothing' : JSON.stringify(v);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
};

/** Field by field, what the log says against what the decider gives. */
function describeDifference(recorded: MeetingEvent | undefined, produced: NewEvent | undefined): string {
  if (!recorded) return `the rules also record ${produced!.type} ${show(produced!.data)} here, and the log does not`;
  if (!produced)
    return `the rules record no ${recorded.type} here (the command changes nothing or produces fewer events)`;
  if (recorded.type !== produced.type) return `recorded ${recorded.type}, the rules give ${produced.type}`;
  const diffs: string[] = [];
  diffAt('', recorded.data, produced.data, diffs);
  return diffs.slice(0, 4).join('; ') + (diffs.length > 4 ? `; and ${diffs.length - 4} more` : '');
}

/** Where two values part, as `path: recorded X, the rules give Y`, down to the first differing array item. */
function diffAt(path: string, a: unknown, b: unknown, out: string[]): void {
  if (canon(a) === canon(b)) return;
  if (isRecord(a) && isRecord(b)) {
    for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) diffAt(path ? `${path}.${k}` : k, a[k], b[k], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    const i = a.findIndex((x, j) => canon(x) !== canon(b[j]));
    diffAt(`${path}[${i}]`, a[i], b[i], out);
    return;
  }
  out.push(`${path || 'data'}: recorded ${show(a)}, the rules give ${show(b)}`);
}

function canon(v: unknown): string {
  try {
    return v === undefined ? '' : canonicalJson(v, 'data');
  } catch {
    return `!${String(v)}`;
  }
}

/** In a joined command (EnrolMembers), a refusal naming `data.members.3…` is about the fourth event. */
function joinedAt(slice: CommandSlice, field: string | undefined): number {
  const head = slice.events[0]!;
  if (slice.events.length < 2 || !field || !known(head.type) || !('join' in INVERSE[head.type])) return 0;
  const m = /^data\.[A-Za-z]+\.(\d+)(\.|$)/.exec(field);
  const i = m ? Number(m[1]) : 0;
  return i < slice.events.length ? i : 0;
}

/**
 * Equal as canonical JSON (members whose value is undefined are absent), without
 * serialising: every command of a replay is compared, and the chain has already
 * checked the recorded side is portable.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    if (!Object.hasOwn(x, k) || x[k] === undefined) continue;
    if (!Object.hasOwn(y, k) || !sameJson(x[k], y[k])) return false;
    n++;
  }
  for (const k in y) if (Object.hasOwn(y, k) && y[k] !== undefined) n--;
  return n === 0;
}

/**
 * Decides a rebuilt command again on `s` (the state before its events) and
 * compares. The state is not changed. null: the events are what the rules give.
 * `cutShort`: the log stops (its chain breaks) right after this slice.
 */
export function redecide(
  s: MeetingState,
  slice: CommandSlice,
  meetingId: string,
  firstGroup: boolean,
  cutShort = false,
): CommandProblem | null {
  if (slice.problem) return slice.problem;
  const head = slice.events[0]!;
  const { actor, recordedAt } = head.metadata;
  const stranger = slice.events.findIndex(
    (e) => !sameActor(e.metadata.actor, actor) || e.metadata.recordedAt !== recordedAt,
  );
  if (stranger > 0)
    return { at: stranger, rule: VERIFY_CODES.actor, problem: 'one command recorded under two actors or two times' };
  if (!slice.command) {
    // MeetingScheduled: the pinned ruleset is checked for what replaying needs.
    const who = actorProblem('ScheduleMeeting', actor, firstGroup);
    if (who) return { at: 0, rule: VERIFY_CODES.actor, problem: who };
    if (head.metadata.revision !== 0 || s.ruleset)
      return { at: 0, rule: VERIFY_CODES.ruleset, problem: 'MeetingScheduled may only be the first event' };
    const d: unknown = head.data;
    if (!isRecord(d)) return { at: 0, rule: VERIFY_CODES.ruleset, problem: 'MeetingScheduled has no data' };
    if (d.meetingId !== head.metadata.meetingId)
      return {
        at: 0,
        rule: VERIFY_CODES.ruleset,
        problem: `MeetingScheduled names meeting ${String(d.meetingId)} but the log is meeting ${head.metadata.meetingId}`,
      };
    const bad = rulesetProblem(d.ruleset);
    if (bad) return { at: 0, rule: VERIFY_CODES.ruleset, problem: bad };
    // Absent in logs written before zones were pinned: those meetings were held in Beijing time.
    if (d.timeZone !== undefined && (typeof d.timeZone !== 'string' || !isTimeZone(d.timeZone))) {
      return {
        at: 0,
        rule: VERIFY_CODES.ruleset,
        problem: `MeetingScheduled pins an unknown time zone ${JSON.stringify(d.timeZone)}`,
      };
    }
    // Absent in logs written before rehearsals existed: those are real meetings.
    if (d.practice !== undefined && typeof d.practice !== 'boolean')
      return {
        at: 0,
        rule: VERIFY_CODES.ruleset,
        problem: `MeetingScheduled says practice ${JSON.stringify(d.practice)}, not true or false`,
      };
    // Absent in logs written before officers were bound to their credentials: there any name could be minted.
    if (d.officerCredentials !== undefined && d.officerCredentials !== true)
      return {
        at: 0,
        rule: VERIFY_CODES.ruleset,
        problem: `MeetingScheduled says officerCredentials ${JSON.stringify(d.officerCredentials)}, not true`,
      };
    // Absent in logs written before the venue code: there a member's own link checked in without one.
    if (d.venueCodes !== undefined && d.venueCodes !== true)
      return {
        at: 0,
        rule: VERIFY_CODES.ruleset,
        problem: `MeetingScheduled says venueCodes ${JSON.stringify(d.venueCodes)}, not true`,
      };
    // Absent in logs written before December 2026's P-19 and P-29 readings: those logs keep the rules they were held under.
    for (const flag of ['presentForWriting', 'committeeWriteIns'] as const)
      if (d[flag] !== undefined && d[flag] !== true)
        return {
          at: 0,
          rule: VERIFY_CODES.ruleset,
          problem: `MeetingScheduled says ${flag} ${JSON.stringify(d[flag])}, not true`,
        };
    return null;
  }
  const { type, data, presence } = slice.command;
  if (!s.ruleset)
    return {
      at: 0,
      rule: VERIFY_CODES.ruleset,
      problem: 'the log must begin with MeetingScheduled, which pins the ruleset',
    };
  const who = actorProblem(type, actor, firstGroup);
  if (who) return { at: 0, rule: VERIFY_CODES.actor, problem: who };
  const cred = credentialProblem(s, type, actor, data);
  if (cred) return { at: 0, rule: VERIFY_CODES.credential, problem: cred };
  let produced: NewEvent[];
  try {
    produced = decide(parseCommand({ type, data }), s, {
      meetingId,
      now: recordedAt,
      actor: actor as never,
      ...(presence ? { presence } : {}),
    });
  } catch (err) {
    if (err instanceof DomainError)
      return {
        at: joinedAt(slice, err.field),
        rule: err.rule ?? err.code,
        problem: `the rules refuse ${type}: ${err.message}`,
      };
    return {
      at: 0,
      rule: VERIFY_CODES.differs,
      problem: `${type} cannot be decided again: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  const n = Math.max(produced.length, slice.events.length);
  for (let i = 0; i < n; i++) {
    const rec = slice.events[i];
    const got = produced[i];
    if (rec && got && rec.type === got.type && sameJson(rec.data, got.data)) continue;
    // Where the chain broke inside a command, its later events are the chain's problem, not missing.
    if (!rec && cutShort) return null;
    const governing = got ?? rec!;
    const rule = known(governing.type) ? GOVERNED_BY[governing.type](s, governing as NewEvent) : VERIFY_CODES.differs;
    // A missing event is blamed on the last one recorded for the command: the place it should have followed.
    return { at: rec ? i : slice.events.length - 1, rule, problem: describeDifference(rec, got) };
  }
  return null;
}

/**
 * Several backends on one store stamp events with their own clocks, so a log's
 * times may step back by a little; more than this means an event was re-timed,
 * and every date rule (P-10) is decided at the recorded time, so it must be trusted.
 */
export const CLOCK_SKEW_MS = 60_000;

/** Why `recordedAt` cannot follow an event recorded at `previousMs` (epoch ms; NaN before the first), or null. */
export function timeProblem(previousMs: number, recordedAt: unknown): string | null {
  const ms =
    typeof recordedAt === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(recordedAt) ? Date.parse(recordedAt) : Number.NaN;
  if (Number.isNaN(ms)) return `recordedAt ${JSON.stringify(recordedAt)} is not an instant`;
  if (ms < previousMs - CLOCK_SKEW_MS)
    return `recorded at ${recordedAt}, ${Math.round((previousMs - ms) / 1000)} s before an earlier event: the log's time runs backwards`;
  return null;
}

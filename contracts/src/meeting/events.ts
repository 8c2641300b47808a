import type { EventMetadata } from '../chain/chain.js';
import type { BallotKind, ParticipantCategory, RecordedCategory, Ruleset } from '../rules/ruleset.js';
import type {
  BallotColour,
  Mark,
  MemberStatus,
  Role,
  Sex,
  StationKind,
  Vote,
  VoterObjectionClaim,
} from './commands.js';
import type { ElectionStep } from '../election/steps.js';
import type { RecommendationFigures } from '../rules/recommendation-figures.js';

/** A line of an adopted candidate's provenance (the process stream's ProvenanceLine). */
export interface AdoptedProvenanceLine {
  step: ElectionStep;
  on: string;
  reference: string;
}
export interface AdoptedCandidate {
  candidateId: string;
  name: string;
  provenance: AdoptedProvenanceLine[];
}

export type Electorate = 'meeting' | { committeeOf: string };
export type RoundKind = 'first' | 'tie' | 'supplementary';
export interface TallyLine {
  candidateId: string;
  for: number;
  against: number;
  abstain: number;
}
/** V-11a: one addend of a summed line: the "for" votes a person got in a higher office's first round. */
export interface VotePart {
  contestId: string;
  round: number;
  for: number;
}
/** V-11a: a declared line; under 票数相加 its `for` includes its `parts` (summedTally, rules/office-votes.ts). */
export type SummedLine = TallyLine & { parts?: VotePart[] };

export interface Teller {
  name: string;
  memberId?: string | undefined;
}

/**
 * Raw facts only: whether a ballot is valid and what it adds to a candidate is
 * derived by the ruleset at projection time. Ballot events carry the teller who
 * keyed them in and never a voter: nothing links a ballot to a member.
 */
export interface EventDataMap {
  /**
   * `scheduledFor` is a YYYY-MM-DD day or a UTC instant; `timeZone` is absent from logs written before zones were pinned
   * (read as Asia/Shanghai). `practice` is absent from logs written before rehearsals existed: such a meeting is a real
   * one whose check-ins were not held to its scheduled day.
   */
  MeetingScheduled: {
    meetingId: string;
    title: string;
    organisation: string;
    /** Filled by the server from the scheduling credential; absent in logs written before organisations. */
    organisationId?: string;
    ruleset: Ruleset;
    scheduledFor: string;
    timeZone?: string;
    practice?: boolean;
    /**
     * true: teller and scrutineer credentials are minted only for appointed officers (P-16/P-17). Absent in logs
     * written before: there the chair minted them for any name, and those logs still verify.
     */
    officerCredentials?: true;
    /**
     * true: a member's own link checks in only with the venue code the hall shows (P-05). Absent in logs written
     * before: there a member's link checked in without one, and those logs still verify.
     */
    venueCodes?: true;
    /**
     * true: a 代写 is recorded only for a voter who came to the meeting where no proxy may vote (P-19). Absent in logs
     * written before: there one could be recorded for any voter, and those logs still verify.
     */
    presentForWriting?: true;
    /**
     * true: in a round the committee elects, a write-in counts only for a member of that committee (P-29,
     * RoundState.writeInsAmong). Absent in logs written before: there any eligible member could be written in.
     */
    committeeWriteIns?: true;
  };
  /** `category`: absent for a party member; a masses' representative or an invited deputy (P-06); a person voted on (PG-04). */
  /** `sex` where the roll records it (V-12); absent otherwise and in logs written before it existed. */
  MemberEnrolled: {
    memberId: string;
    name: string;
    status: MemberStatus;
    category?: RecordedCategory;
    sex?: Sex;
  };
  /**
   * V-02 (选民登记): a voter on the list, a member with status full and this registration; `reason` for an addition
   * after publication (补登) or a removed voter registered again.
   */
  VoterRegistered: {
    memberId: string;
    name: string;
    basis: 'resident' | 'away' | 'admitted';
    sex?: 'female' | 'male';
    household?: string;
    group?: string;
    admission?: string;
    reason?: string;
  };
  /** V-03: a voter taken off the list, with the reason; stays on the roll shown as removed. */
  VoterRemoved: { memberId: string; reason: string };
  /** V-03: the list published on `publishedOn`, `registered` voters on it, for the election day `electionDay`. */
  VoterListPublished: { publishedOn: string; electionDay: string; registered: number };
  /** V-03: an objection received on `receivedOn` (the meeting's local day), within the days after publication. */
  VoterObjectionReceived: {
    objectionId: string;
    objector: string;
    memberId?: string;
    name?: string;
    claim: VoterObjectionClaim;
    detail: string;
    receivedOn: string;
  };
  /** V-03: the committee's decision on an objection; `late` when given after the days the rule allows. */
  VoterObjectionDecided: { objectionId: string; upheld: boolean; reason: string; decidedOn: string; late: boolean };
  MemberExcluded: { memberId: string; reason: string; approvalRef: string; meetingVote: Vote };
  /**
   * `venueWindow`: for a member's own check-in ('self'), the 30 s window whose venue code matched (venue-code.ts);
   * the verifier checks it against the event's time. Absent for the desk and the kiosk.
   */
  MemberCheckedIn: { memberId: string; method: 'kiosk' | 'self' | 'desk'; venueWindow?: number };
  /** The chair opened check-in on `confirmedOn`, before the meeting's scheduled local day `scheduledDate`. */
  EarlyCheckInConfirmed: { scheduledDate: string; confirmedOn: string };
  CheckInWithdrawn: { memberId: string; reason: string };
  MemberDeparted: { memberId: string };
  ElectionMethodAdopted: { vote: Vote };
  OfficersAppointed: { scrutineers: string[]; tellers: Teller[]; vote: Vote };
  ContestCreated: {
    contestId: string;
    office: string;
    seats: number;
    mode: 'competitive' | 'uncontested';
    electorate: Electorate;
    /** P-09c: a recommendation (推荐票) or trust (信任票) ballot; absent for an election. */
    ballot?: Exclude<BallotKind, 'election'>;
    /** Absent in logs written before it existed, and when the chair chose none. */
    ballotColour?: BallotColour;
    /** V-12: a seat reserved for a woman (妇女委员); absent for any other contest. */
    reserved?: 'women';
  };
  NominationReceived: {
    contestId: string;
    nomineeId: string;
    route: 'self' | 'members' | 'masses' | 'organisation';
    supporters: string[];
  };
  RecommendationsRecorded: { contestId: string; ballotsCast: number; votes: Record<string, number> };
  CandidateReviewed: { contestId: string; nomineeId: string; qualified: boolean; reason: string };
  CandidateListPublished: { contestId: string; candidateIds: string[]; noticeDays: number; publishedOn: string };
  CandidateListConfirmed: { contestId: string; candidateIds: string[] };
  /**
   * P-08b: the contest's candidates adopted from the list the 换届 fixed, pinned to the process stream's revision and
   * chain head at the CandidateListFixed event; each candidate with its provenance (the steps it passed there). Folded,
   * each is nominated and found qualified in the contest.
   */
  CandidateListAdopted: {
    contestId: string;
    electionId: string;
    revision: number;
    head: string;
    candidates: AdoptedCandidate[];
  };
  RoundOpened: {
    contestId: string;
    round: number;
    kind: RoundKind;
    seats: number;
    candidates: string[];
    ballotsIssued: number;
    presentVoters: number;
    expected: number;
    doubleEntry: boolean;
    /** The poll whose paper carries this round (OpenPoll); absent for a round opened on its own (OpenRound). */
    poll?: string;
  };
  BallotRecorded: {
    contestId: string;
    round: number;
    ballotNo: number;
    marks: Record<string, Mark>;
    writeIns: string[];
    /** P-09d: the paper's category, on recommendation and trust ballots only. */
    paper?: ParticipantCategory;
    /** A poll's round only: the ballot box the paper came from. */
    station?: string;
    teller: string;
  };
  BallotEntryCorrected: {
    contestId: string;
    round: number;
    ballotNo: number;
    marks: Record<string, Mark>;
    writeIns: string[];
    paper?: ParticipantCategory;
    station?: string;
    reason: string;
    scrutineer: string;
  };
  BallotEntryVoided: {
    contestId: string;
    round: number;
    ballotNo: number;
    reason: string;
    station?: string;
    scrutineer: string;
  };
  /** `station`: a poll's round voided by P-21 because that box returned more papers than it issued. */
  RoundClosed: {
    contestId: string;
    round: number;
    ballotsReturned: number;
    status: 'valid' | 'void';
    rule?: string;
    station?: string;
  };
  /** The latest round, closed and not declared, is open again: returned count cleared, a pending re-run withdrawn. */
  RoundReopened: { contestId: string; round: number; reason: string };
  ResultDeclared: {
    contestId: string;
    round: number;
    presentVoters: number;
    ballotsIssued: number;
    ballotsReturned: number;
    valid: number;
    invalid: number;
    threshold: number | null;
    /**
     * Under 票数相加 (V-11a) a lower office's first round pins the summed figures: a line's `for` is its own votes
     * plus its `parts` (the higher offices' first-round votes, summedTally), so a replay and the report show the sum.
     */
    tally: SummedLine[];
    elected: string[];
    /** V-11a: the higher offices' first rounds added into this tally; absent when nothing was summed. */
    summedFrom?: { contestId: string; round: number }[];
    /**
     * A recommendation or trust contest's result (recommendationResult, P-09): per name and per paper category, and
     * whether the threshold was met. Pinned here so a later step (the 换届's process stream) can cite it by revision.
     */
    recommendation?: RecommendationFigures;
  };
  RoundRequired: {
    contestId: string;
    afterRound: number;
    kind: 'tie' | 'supplementary';
    seats: number;
    candidates: string[];
    rule: string;
  };
  SeatsLeftVacant: { contestId: string; seats: number; vote: Vote };
  /**
   * V-11b: seats still empty after the second ballot (另行选举): a new election is due within `withinMonths`, by
   * `dueBy` (the meeting's local day of the declaration plus the months). Written with the ResultDeclared; the
   * contest is then final.
   */
  NewElectionDue: { contestId: string; seats: number; withinMonths: number; dueBy: string; rule: string };
  /** P-19: who wrote for a voter (代写); no ballot number, round, contest or station: never linked to a paper. */
  AssistedWritingRecorded: { voterId: string; writerId: string };
  ApprovalRecorded: { contestId: string; reference: string };
  /**
   * Only the fields that change are present; the roll is frozen once any round opens (P-02). A corrected name
   * can move its bearer on a published list (P-18): `lists` then holds each such list in its new order.
   */
  MemberCorrected: {
    memberId: string;
    status?: MemberStatus;
    name?: string;
    reason: string;
    lists?: { contestId: string; candidateIds: string[] }[];
  };
  /**
   * `list` is what the withdrawal left, judged by the decider against P-12 / P-13:
   * `none` (no list published yet), `stands` (still meets the rule, stays published or confirmed),
   * `republish` (no longer meets `rule`: a new publication, with a new notice, must come before any round).
   */
  CandidateWithdrawn: {
    contestId: string;
    candidateId: string;
    reason: string;
    list: 'none' | 'stands' | 'republish';
    rule?: string;
  };
  /** The contest is withdrawn before any round opened (P-15): no command reaches it any more. */
  ContestWithdrawn: { contestId: string; reason: string };
  /** The published list is taken down: not published, not confirmed, nominations open again (P-10). */
  CandidateListWithdrawn: { contestId: string; reason: string };
  /** V-10: a written proxy (委托投票); `relation` a PROXY_RELATIONS code where the ruleset takes near relatives only. */
  ProxyAuthorised: { principalId: string; proxyId: string; relation: string; reference: string };
  /** V-10: the authorisation is withdrawn; `proxyId` is the proxy it named. */
  ProxyRevoked: { principalId: string; proxyId: string; reason: string };
  /** V-10: the list of principals and proxies published, dated in the meeting's time zone; the principals it lists. */
  ProxyListPublished: { publishedOn: string; principals: string[] };
  MeetingClosed: Record<string, never>;
  CredentialIssued: {
    credentialId: string;
    role: Role;
    name?: string | undefined;
    memberId?: string | undefined;
    /** The appointed officer the credential is bound to (P-16/P-17); absent for other roles and in older logs. */
    officer?: string | undefined;
    tokenHash: string;
  };
  /**
   * `reason: 'officers-replaced'`: revoked by the AppointOfficers that no longer names the credential's officer,
   * in the same command; absent when the chair revoked it by hand.
   */
  CredentialRevoked: { credentialId: string; reason?: 'officers-replaced' };
  /** V-11: a place ballots are cast (the central meeting, a polling station, a mobile box) and its officers. */
  PollingStationSetUp: { stationId: string; kind: StationKind; name: string; officers: Teller[] };
  /** One paper for the listed rounds (each opened by a RoundOpened that follows), cast at the listed stations. */
  PollOpened: { pollId: string; rounds: { contestId: string; round: number }[]; stations: string[] };
  /**
   * 领票: a voter signed for a paper at a station, in person or as the written proxy of `proxyFor` (V-10). Names no
   * ballot: nothing links it to a paper.
   */
  BallotIssued: { pollId: string; stationId: string; memberId: string; proxyFor?: string };
  BallotBoxSealed: { pollId: string; stationId: string; issued: number };
  /** The box opened at the public count (公开计票, V-09): the papers taken out of it. */
  BallotBoxOpened: { pollId: string; stationId: string; ballotsReturned: number };
  /** A new recovery code for the chair; the one before it stops working. */
  RecoveryCodeSet: { codeHash: string };
}

export type EventType = keyof EventDataMap;
export type NewEvent = { [T in EventType]: { type: T; data: EventDataMap[T] } }[EventType];

export type MeetingEvent = NewEvent & { metadata: EventMetadata };
/** The event of one type, as evolve() receives it. */
export type EventOf<T extends EventType> = Extract<MeetingEvent, { type: T }>;

export const streamName = (meetingId: string) => `meeting-${meetingId}`;

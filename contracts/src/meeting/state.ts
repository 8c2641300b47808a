/**
 * The meeting's folded state: what evolve() builds from the events and decide() reads. The fold is in
 * evolve.ts (one evolver per stage), the tally arithmetic in tally.ts, copying in clone-state.ts, the
 * snapshot codec in state-codec.ts (both follow state-maps.ts), and what the state means in status.ts.
 */
import { GENESIS_HASH } from '../chain/chain.js';
import type { BallotContent } from '../rules/ballot.js';
import type { BallotKind, RecordedCategory, Ruleset } from '../rules/ruleset.js';
import type {
  BallotColour,
  CheckInMethod,
  MemberStatus,
  Role,
  StationKind,
  Vote,
  VoterObjectionClaim,
} from './commands.js';
import { DEFAULT_TIME_ZONE } from './local-date.js';
import type { Electorate, EventDataMap, RoundKind, TallyLine, Teller } from './events.js';

// V-12: SEXES and Sex live with the commands that carry them (EnrolMembers `sex`), so commands.ts imports no state.
export { SEXES, type Sex } from './commands.js';
import type { Sex } from './commands.js';

/**
 * V-02 (CW2018 §13): the three ways onto a village's voter list. `resident`: registered here and living here (一);
 * `away`: registered here, living elsewhere, asked to vote (二); `admitted`: living here a year or more, registered
 * elsewhere, admitted by the villagers' assembly or representatives' meeting (三).
 */
export const REGISTRATION_BASES = ['resident', 'away', 'admitted'] as const;
export type RegistrationBasis = (typeof REGISTRATION_BASES)[number];
/** A registered voter's entry on the list (选民登记), under the rulesets village-committee and residents-committee. */
export interface Registration {
  basis: RegistrationBasis;
  /** the household (户) the voter represents, when the electorate is one representative per household. */
  household?: string;
  /** the villagers' or residents' group (村民小组 / 居民小组). */
  group?: string;
  /** V-02 (三): the reference of the assembly's decision admitting the voter. */
  admission?: string;
}

/**
 * V-10: a written authorisation (委托投票): the principal, away on the day, lets `proxyId` cast their ballot. Keyed
 * by the principal (one proxy each); replaced, never changed in place.
 */
export interface ProxyState {
  principalId: string;
  proxyId: string;
  /** The near relation of the proxy to the principal, as written on the authorisation. */
  relation: string;
  /** The written authorisation's reference (委托书编号). */
  reference: string;
  /** The revision of the event that authorised it. */
  revision: number;
}

/** V-02: registered voters on the list per basis, and those removed from it. */
export type VoterCounts = Readonly<Record<RegistrationBasis, number> & { removed: number }>;

/** V-03: an objection to the voter list and, once decided, the decision (`late`: after the 3 days). */
export interface VoterObjectionState {
  objectionId: string;
  objector: string;
  memberId?: string;
  name?: string;
  claim: VoterObjectionClaim;
  detail: string;
  receivedOn: string;
  revision: number;
  decision: { upheld: boolean; reason: string; decidedOn: string; late: boolean; revision: number } | null;
}

export interface MemberState {
  memberId: string;
  name: string;
  status: MemberStatus;
  /** Absent where the roll did not record it. */
  sex?: Sex;
  /** V-02: how a voter got onto a village's or residents' list; absent on other rolls. */
  registration?: Registration;
  /** P-06: a masses' representative or an invited deputy; PG-04: a person voted on; absent for a party member. */
  category?: RecordedCategory;
  /**
   * V-02 / V-03: a registered voter taken off the list (VoterRemoved): off the expected number, never checked in or
   * issued a ballot, still shown as removed with the reason. Absent while on the list.
   */
  removal?: { reason: string; revision: number };
  excluded: { reason: string; approvalRef: string } | null;
  present: boolean;
  /** How and when a present member checked in (absent when not present, and in snapshots written before it). */
  arrival?: { method: CheckInMethod; at: string };
  /**
   * Checked in earlier and no longer present: departed, or the check-in withdrawn (a mistaken one: the desk shows only
   * a departure as 已离场). Another desk's departure or withdrawal for them is then a no-op, where one for a member
   * who never checked in is refused (NOT_CHECKED_IN). Absent before a first check-in, while present, and on a voter
   * registered afresh after a removal (a new record).
   */
  left?: 'departed' | 'withdrawn';
}

export interface Nominee {
  memberId: string;
  routes: { route: string; supporters: string[] }[];
  review: { qualified: boolean; reason: string } | null;
}

export interface Entry extends BallotContent {
  teller: string;
}
/**
 * How a settled ballot was judged. Its marks are not copied: they are read
 * again from the entry or correction that counts (countingContent), with the
 * write-in policy it was judged under, so a 10,000-ballot round holds each
 * ballot's marks once.
 */
export interface Counted {
  readonly valid: boolean;
  readonly writeIns: Ruleset['writeIns'];
}
export interface BallotSlot {
  /** The paper's first entry; null only when a scrutineer corrected a paper nobody had keyed (P-23). */
  first: Entry | null;
  /**
   * Its second entry under double entry (P-23), null until it is keyed. An entry that agreed with the first is kept
   * as its teller's id alone, the paper's content being the first's: a settled paper is then three objects (the
   * slot, the first entry, its marks) where it was five, and keeping a district day's half a million papers was
   * most of what its replay spent beyond parsing (docs/performance.md). slotEntries gives both entries back.
   */
  second: Entry | string | null;
  correction: (BallotContent & { reason: string; scrutineer: string }) | null;
  /** Set once the ballot counts; null while double entry is pending or disagrees. */
  counted: Counted | null;
  /** A poll's round: the box the paper came out of (its first entry's, or its correction's). */
  station?: string;
}

/** The second entry as the teller keyed it, whether it agreed with the first (kept as its teller's id) or not. */
export function secondEntry(slot: Pick<BallotSlot, 'first' | 'second'>): Entry | undefined {
  const { first, second } = slot;
  if (second === null) return undefined;
  if (typeof second !== 'string') return second;
  // The fold keeps an agreeing id only beside the first entry it agreed with.
  const entry: Entry = { marks: first!.marks, writeIns: first!.writeIns, teller: second };
  if (first!.paper !== undefined) entry.paper = first!.paper;
  return entry;
}

/** A paper's entries in the order they were keyed: what the scrutineer's and the teller's lists show. */
export function slotEntries(slot: Pick<BallotSlot, 'first' | 'second'>): Entry[] {
  if (slot.first === null) return [];
  const second = secondEntry(slot);
  return second === undefined ? [slot.first] : [slot.first, second];
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
  /** V-12: the round of a reserved women's seat: a write-in counts only for a woman. Absent otherwise. */
  reserved?: 'women';
  /**
   * P-29: a round of a contest the committee elects (书记, 副书记): a write-in counts only for a member of that
   * committee, as elected when the round opened. Absent for a round the meeting elects.
   */
  writeInsAmong?: readonly string[];
  status: 'open' | 'valid' | 'void' | 'declared';
  ballotsReturned: number | null;
  ballots: Map<number, BallotSlot>;
  tally: Map<string, TallyLine>;
  /** Per candidate, the unreadable marks on valid ballots (P-23 voids the mark alone), so a tally row adds up. */
  unreadable: Map<string, number>;
  valid: number;
  invalid: number;
  /**
   * Papers whose two entries disagree, waiting for a scrutineer (P-23, isDisputed), counted as the fold goes: the
   * board's A-04 and the scrutineer's list then need not read every paper of a round to find the few.
   */
  disputed: number;
  corrections: {
    ballotNo: number;
    kind: 'corrected' | 'voided';
    reason: string;
    scrutineer: string;
    revision: number;
  }[];
  declared: EventDataMap['ResultDeclared'] | null;
  /** The revision of the ResultDeclared event, cited when a late correction is refused. */
  declaredRevision: number | null;
  /** When the result was declared (the event's recordedAt): the report dates itself by the days things happened. */
  declaredAt: string | null;
  /** Each time the round was reopened: the close it undid and why. */
  reopenings: { revision: number; reason: string; undid: { status: 'valid' | 'void'; ballotsReturned: number } }[];
  /**
   * The running totals the public (observers, the projector, members' and kiosk links) sees while the round is open:
   * taken afresh only once the ballots counted have moved boardStep() (tally.ts) or more from it while as many papers
   * are still to come, and at every close, so no two public totals differ by a single ballot's marks (a vote-buyer
   * cannot check a voter's agreed pattern).
   * Replaced, never changed in place.
   */
  board: BoardTotals;
  /** The poll whose paper carries this round (V-11); null for a round opened on its own. */
  poll: string | null;
  /** A poll's round: per ballot box, the papers entered from it (ballot slots, settled or not). */
  boxes: Map<string, number>;
}

/** A round's totals as the public board shows them (RoundState.board). */
export interface BoardTotals {
  readonly ballots: number;
  readonly valid: number;
  readonly invalid: number;
  readonly tally: readonly TallyLine[];
  /** Per candidate, the unreadable marks among these ballots (RoundState.unreadable at the time). */
  readonly unreadable: Readonly<Record<string, number>>;
}

export interface ContestState {
  contestId: string;
  office: string;
  seats: number;
  mode: 'competitive' | 'uncontested';
  electorate: Electorate;
  /** P-09c: an election, or a recommendation (推荐票) or trust (信任票) contest of the ruleset recommendation. */
  ballot: BallotKind;
  /** The paper its ballots are printed on; null when none was chosen. */
  ballotColour: BallotColour | null;
  nominees: Map<string, Nominee>;
  recommendations: { ballotsCast: number; votes: Record<string, number> } | null;
  /**
   * P-08b: the candidates adopted from the list the 换届 fixed (CandidateListAdopted), pinned to the process stream's
   * revision and head, each with its provenance; `at` is the meeting's revision of the adoption. null: none adopted.
   */
  adoption: (Omit<EventDataMap['CandidateListAdopted'], 'contestId'> & { at: number }) | null;
  list: { candidateIds: string[]; noticeDays: number; publishedOn: string } | null;
  confirmed: boolean;
  /**
   * Set when a withdrawal left the list short of the rule it names (P-12, P-13): the list is then
   * neither confirmed nor usable, and only a new PublishCandidateList (a new notice, P-10) clears it.
   */
  /** Set by a withdrawal that left the list short; `since` is the meeting's local day of it, before which no new notice may start (P-10). */
  republishRequired: { rule: string; candidateId: string; since: string } | null;
  withdrawn: { candidateId: string; reason: string; revision: number }[];
  /** Set when the contest was withdrawn (WithdrawContest, before any round, P-15); `on` is the meeting's local day. */
  withdrawal: { reason: string; revision: number; on: string } | null;
  /**
   * Each published list taken down (WithdrawCandidateList), oldest first, with what it showed: a new publication
   * is dated no earlier than the last `on` (P-10), and starts a new notice.
   */
  listWithdrawals: {
    reason: string;
    revision: number;
    on: string;
    publishedOn: string;
    candidateIds: string[];
    wasConfirmed: boolean;
  }[];
  rounds: RoundState[];
  /** The round the rules call for next (first, re-run of a void round, tie re-vote, supplementary). */
  pending: { kind: RoundKind; seats: number; candidates: string[]; rule?: string } | null;
  elected: string[];
  vacant: number;
  approval: string | null;
  /** V-12: a seat reserved for a woman (妇女委员); absent for any other contest and in older snapshots. */
  reserved?: 'women';
  /**
   * V-11b: seats still empty after the second ballot: a new election is due by `dueBy` (NewElectionDue); the
   * contest is then final. Absent until then and in older snapshots.
   */
  newElection?: { seats: number; withinMonths: number; dueBy: string; revision: number };
}

/** P-19: one 代写 record: who wrote for whom; never a ballot number, round, contest or station. */
export interface AssistedWriting {
  voterId: string;
  writerId: string;
  revision: number;
}

/** V-11: a place ballots are cast: the central meeting (选举大会), a polling station or a mobile box. */
export interface PollingStationState {
  stationId: string;
  kind: StationKind;
  name: string;
  officers: Teller[];
  revision: number;
}

/** A station's box in one poll: papers issued there, sealed, then opened at the central count. Replaced, never changed. */
export interface BallotBoxState {
  stationId: string;
  issued: number;
  sealed: boolean;
  /** The papers taken out of the box when it was opened in public (V-09); null until it is. */
  returned: number | null;
}

/**
 * One paper issued in a poll (领票), keyed by the voter whose vote it is: the voter in person, or the principal
 * whose written proxy collected it (`proxy`, V-10). Never names a ballot.
 */
export interface IssueRecord {
  stationId: string;
  proxy?: string;
  revision: number;
}

/** One paper carrying a round of each of several contests, cast at several stations and boxes. */
export interface PollState {
  pollId: string;
  rounds: { contestId: string; round: number }[];
  /** By station, in the order the poll listed them. */
  boxes: Map<string, BallotBoxState>;
  /** By the voter whose paper it is (IssueRecord). */
  issued: Map<string, IssueRecord>;
  revision: number;
}

export interface CredentialState {
  credentialId: string;
  role: Role;
  name?: string | undefined;
  memberId?: string | undefined;
  /** The appointed officer it is bound to (CredentialIssued.officer). */
  officer?: string | undefined;
  tokenHash: string;
  revoked: boolean;
}

export interface MeetingState {
  meetingId: string;
  title: string;
  organisation: string;
  /** The organisation (organisation-<id> stream) the meeting was scheduled under; null in logs written before. */
  organisationId: string | null;
  scheduledFor: string;
  /** IANA zone whose calendar every date rule reads (P-10). */
  timeZone: string;
  /**
   * A rehearsal (rehearsal.ts): true or false as MeetingScheduled pinned it; null for a log written before
   * rehearsals existed, a real meeting whose check-ins were not held to its scheduled day.
   */
  practice: boolean | null;
  /** Teller and scrutineer credentials only for appointed officers (MeetingScheduled.officerCredentials); false in older logs. */
  officerCredentials: boolean;
  /** A member's own check-in needs the hall's venue code (MeetingScheduled.venueCodes); false in older logs. */
  venueCodes: boolean;
  /** A 代写 only for a voter who came (MeetingScheduled.presentForWriting, P-19); false in older logs. */
  presentForWriting: boolean;
  /** A committee's write-ins only for its members (MeetingScheduled.committeeWriteIns, P-29); false in older logs. */
  committeeWriteIns: boolean;
  /** The local day the chair opened check-in before the scheduled day (ConfirmEarlyCheckIn), or null. */
  earlyCheckIn: string | null;
  ruleset: Ruleset | null;
  members: Map<string, MemberState>;
  /**
   * Counters kept as events arrive so a 10,000-member meeting needs no scans. `fullMembers`: those on the expected
   * base (onExpectedBase): full members, or under the ruleset recommendation every participant (P-06a).
   */
  fullMembers: number;
  excluded: number;
  presentVoters: number;
  attendeesWithoutVote: number;
  attendance: { revision: number; at: string; presentVoters: number }[];
  /** Every correction of the roll, with the record it replaced. */
  memberCorrections: {
    memberId: string;
    reason: string;
    revision: number;
    before: { name: string; status: MemberStatus };
    after: { name: string; status: MemberStatus };
  }[];
  method: Vote | null;
  officers: { scrutineers: string[]; tellers: Teller[]; vote: Vote } | null;
  contests: Map<string, ContestState>;
  closed: boolean;
  credentials: Map<string, CredentialState>;
  /** V-10: written proxies by principal (委托投票), village and residents' rulesets only. */
  proxies: Map<string, ProxyState>;
  /**
   * V-10: when the election committee published the list of principals and proxies; null until it has, and null
   * again once an authorisation or revocation changed the list after it (the list in force is then unpublished
   * until PublishProxyList puts it up again: a proxy's standing rests on a list the village has seen).
   */
  proxyList: { publishedOn: string; revision: number } | null;
  /** V-10: the latest publication of the proxy list, in force or not (proxyList is null after a change since). */
  proxyListLast: { publishedOn: string; revision: number } | null;
  /** V-10: the meeting day of the last authorisation or revocation; a publication cannot be dated before it. */
  proxiesChangedOn: string | null;
  /**
   * V-03: the voter list as the election committee published it (VoterListPublished): the day it went up, the
   * election day it counted to and the voters registered then; null until published.
   */
  voterList: { publishedOn: string; electionDay: string; registered: number; revision: number } | null;
  /** V-02: the voters on the list by basis, and those removed, kept as events arrive (no scans). Replaced, never changed in place. */
  voterCounts: VoterCounts;
  /** V-03: objections to the published list, in the order received. Replaced, never changed in place. */
  voterObjections: readonly VoterObjectionState[];
  /** V-11: the central meeting, polling stations and mobile boxes, by id, in the order they were set up. */
  stations: Map<string, PollingStationState>;
  /** V-11: each poll (one paper for several contests' rounds), by id. */
  polls: Map<string, PollState>;
  /** P-19: the 代写 records in the order made; apart from every ballot. */
  assistedWriting: AssistedWriting[];
  /** SHA-256 of the chair's printed recovery code (RecoveryCodeSet); null when none was ever set. */
  recoveryCodeHash: string | null;
  revision: number;
  head: string;
}

const NO_VOTERS: VoterCounts = { resident: 0, away: 0, admitted: 0, removed: 0 };

export function initialState(): MeetingState {
  return {
    meetingId: '',
    title: '',
    organisation: '',
    organisationId: null,
    scheduledFor: '',
    timeZone: DEFAULT_TIME_ZONE,
    practice: null,
    officerCredentials: false,
    venueCodes: false,
    presentForWriting: false,
    committeeWriteIns: false,
    earlyCheckIn: null,
    ruleset: null,
    members: new Map(),
    fullMembers: 0,
    excluded: 0,
    presentVoters: 0,
    attendeesWithoutVote: 0,
    attendance: [],
    memberCorrections: [],
    method: null,
    officers: null,
    contests: new Map(),
    closed: false,
    credentials: new Map(),
    proxies: new Map(),
    proxyList: null,
    proxyListLast: null,
    proxiesChangedOn: null,
    voterList: null,
    voterCounts: NO_VOTERS,
    voterObjections: [],
    stations: new Map(),
    polls: new Map(),
    assistedWriting: [],
    recoveryCodeHash: null,
    revision: -1,
    head: GENESIS_HASH,
  };
}

type RollEntry = { status: string; category?: string | undefined; excluded?: unknown; removal?: unknown };

/**
 * Whether a person on the roll counts in the expected number (应到) before any exclusion. P-01, P-03: a full party
 * member. P-06a [D], under the ruleset recommendation: every participant, party members full or probationary,
 * masses' representatives and invited deputies; a member whose rights are suspended does not take part.
 */
export function onExpectedBase(ruleset: Pick<Ruleset, 'recommendation'> | null, m: RollEntry): boolean {
  // PG-04: a person voted on (预备人选) is on the roll but no member of the body.
  if (m.category === 'candidate') return false;
  // V-03: a voter removed from the list is on no base.
  if (m.removal) return false;
  if (ruleset?.recommendation) return m.category !== undefined || m.status !== 'rights-suspended';
  return m.category === undefined && m.status === 'full';
}
/** Who votes in this meeting: on the expected base and not excluded (P-04); takes a member's state or its view. */
export const votesIn = (ruleset: Pick<Ruleset, 'recommendation'> | null, m: RollEntry) =>
  onExpectedBase(ruleset, m) && !m.excluded;
/** P-01, P-03, P-04: a full party member not excluded from the expected number (an electing meeting's voter). */
export const isVoter = (m: RollEntry) => votesIn(null, m);
/** `excluded` counts only excluded members on the expected base, so this stays right when a status is corrected. */
export const expectedOf = (s: MeetingState) => s.fullMembers - s.excluded;
/** Voters who checked in and left before the meeting closed (中途离场): the drop from 实到 to those in the room. */
export function departedVoters(s: Pick<MeetingState, 'members' | 'ruleset'>): number {
  let n = 0;
  for (const m of s.members.values()) if (m.left === 'departed' && votesIn(s.ruleset, m)) n++;
  return n;
}

/**
 * P-01: the right to be elected (and to be written in): a full party member. PG-04: under party-group, a person
 * voted on (category `candidate`, enrolled only there) may be put to the vote whatever their party status.
 */
export const statusMayBeElected = (status: string, category?: string) =>
  category === 'candidate' || (category === undefined && status === 'full');
export const mayBeElected = (m: MemberState | undefined) => m !== undefined && statusMayBeElected(m.status, m.category);
/** V-12: whether a person may stand for (or be written in for) a seat, reserved for women or not. */
export const mayTakeSeat = (reserved: 'women' | undefined, sex: Sex | undefined) =>
  reserved !== 'women' || sex === 'female';
/**
 * P-01, V-12, P-29: whether a write-in of this person can count in this round: the right to be elected, a woman on a
 * reserved seat, a member of the committee in a round it elects. One rule for the fold (tally.ts) and the screens
 * (viewWriteInRules), each handing its own record of the person (a state's member or a view's row).
 */
export const mayBeWrittenIn = (
  m:
    | { memberId: string; status: string; category?: string | undefined; sex?: Sex | undefined; removal?: unknown }
    | undefined,
  r: { reserved?: 'women' | undefined; writeInsAmong?: readonly string[] | undefined },
) =>
  m !== undefined &&
  // V-03: a voter removed from the list (dead, deprived of political rights, registered elsewhere) stands for nothing.
  !m.removal &&
  statusMayBeElected(m.status, m.category) &&
  mayTakeSeat(r.reserved, m.sex) &&
  (r.writeInsAmong?.includes(m.memberId) ?? true);

export function roundOf(s: MeetingState, contestId: string, round: number): RoundState | undefined {
  return s.contests.get(contestId)?.rounds[round - 1];
}

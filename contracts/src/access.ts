import type { CommandType, Role } from './meeting/commands.js';
import { ORG_ROLES, type OrgRole } from './organisation/commands.js';

/**
 * Who may act on a meeting: a credential of the meeting itself (Role), or an organisation credential of the
 * meeting's organisation or one above it (OrgRole). Org roles are never minted on a meeting (ROLES stays the
 * meeting's own list); they are honest actors of their own, not observers in disguise.
 */
export type MeetingActorRole = Role | OrgRole;
export const MEETING_ACTOR_ROLES: readonly MeetingActorRole[] = [
  ...(['chair', 'teller', 'scrutineer', 'supervisor', 'observer', 'kiosk', 'member', 'clerk'] as const),
  ...ORG_ROLES,
];
export const isOrgRole = (role: string): role is OrgRole => (ORG_ROLES as readonly string[]).includes(role);

/**
 * The one authorisation table: which role may send which command and make
 * which query. The backend enforces it for HTTP and socket joins; the
 * dashboard reads it to show only the actions a role has.
 */
export const COMMAND_ROLES: Record<Exclude<CommandType, 'ScheduleMeeting'>, readonly MeetingActorRole[]> = {
  EnrolMembers: ['chair'],
  // V-02 / V-03: the election committee (村民选举委员会 / 居民选举委员会) acts through the chair's credential.
  RegisterVoters: ['chair'],
  RemoveVoter: ['chair'],
  PublishVoterList: ['chair'],
  ReceiveVoterObjection: ['chair'],
  DecideVoterObjection: ['chair'],
  ExcludeFromExpected: ['chair'],
  CheckIn: ['chair', 'clerk', 'kiosk', 'member'],
  ConfirmEarlyCheckIn: ['chair'],
  WithdrawCheckIn: ['chair', 'clerk'],
  RecordDeparture: ['chair', 'clerk', 'kiosk'],
  AdoptElectionMethod: ['chair'],
  AppointOfficers: ['chair'],
  CreateContest: ['chair'],
  Nominate: ['chair'],
  RecordRecommendations: ['chair'],
  ReviewCandidate: ['chair'],
  PublishCandidateList: ['chair'],
  ConfirmCandidateList: ['chair'],
  AdoptCandidateList: ['chair'],
  OpenRound: ['chair'],
  RecordBallot: ['teller'],
  CorrectBallot: ['scrutineer'],
  VoidBallotEntry: ['scrutineer'],
  CloseRound: ['chair'],
  ReopenRound: ['chair'],
  SetUpPollingStation: ['chair'],
  OpenPoll: ['chair'],
  // The 领票 desk at a station or box: the clerk (who checks voters in at the hall) or the chair.
  IssueBallots: ['chair', 'clerk'],
  SealBallotBox: ['chair'],
  OpenBallotBox: ['chair'],
  DeclareResult: ['chair'],
  LeaveSeatsVacant: ['chair'],
  // P-19: the election committee (chair) or its clerk at the desk records who wrote for whom.
  RecordAssistedWriting: ['chair', 'clerk'],
  // P-31: the upper organisation's 批复 is its approver's to record, never the branch chair's.
  RecordApproval: ['approver'],
  CorrectMember: ['chair'],
  WithdrawCandidate: ['chair'],
  WithdrawContest: ['chair'],
  WithdrawCandidateList: ['chair'],
  AuthoriseProxy: ['chair'],
  RevokeProxy: ['chair'],
  PublishProxyList: ['chair'],
  CloseMeeting: ['chair'],
  // The org-admin above the meeting mints its chair links (POST /credentials narrows it to role chair).
  IssueCredential: ['chair', 'org-admin'],
  RevokeCredential: ['chair'],
  SetRecoveryCode: ['chair'],
};

export const QUERIES = ['view', 'events', 'report', 'head', 'live', 'venue-code', 'documents'] as const;
export type Query = (typeof QUERIES)[number];

const ORG_READERS: readonly OrgRole[] = ['org-admin', 'org-viewer', 'approver'];

export const QUERY_ROLES: Record<Query, readonly MeetingActorRole[]> = {
  // The organisations above read a meeting as its observer does (the district board's drill-down).
  view: ['chair', 'teller', 'scrutineer', 'supervisor', 'observer', 'kiosk', 'member', 'clerk', ...ORG_READERS],
  live: ['chair', 'teller', 'scrutineer', 'supervisor', 'observer', 'kiosk', 'member', 'clerk', ...ORG_READERS],
  events: ['chair', 'supervisor'],
  report: ['chair', 'supervisor', 'observer', ...ORG_READERS],
  head: ['chair', 'supervisor', 'observer', 'scrutineer'],
  // GET /api/meetings/:id/venue-code: the kiosk (at the door, and as the hall's wall screen) and the chair. Never
  // members (the code is what proves they are in the room) nor observers at large (P-05).
  'venue-code': ['chair', 'kiosk'],
  // GET /api/meetings/:id/documents/:kind: each kind narrows this further (backend/src/documents/document-kinds.ts).
  documents: ['chair', 'clerk', 'supervisor', 'observer', ...ORG_READERS],
};

/** After MeetingClosed only these reads stay open (issue: credentials useless after close). */
export const READS_AFTER_CLOSE: readonly MeetingActorRole[] = ['supervisor', 'observer', 'chair', ...ORG_READERS];

/**
 * P-31: after MeetingClosed a meeting takes one command, the upper organisation's approval of a result, and only
 * from its approver (the approval comes when the meeting is long over).
 */
export const COMMANDS_AFTER_CLOSE: Partial<Record<CommandType, readonly MeetingActorRole[]>> = {
  RecordApproval: ['approver'],
};
export const mayCommandAfterClose = (role: MeetingActorRole, type: unknown) =>
  typeof type === 'string' &&
  Object.hasOwn(COMMANDS_AFTER_CLOSE, type) &&
  COMMANDS_AFTER_CLOSE[type as CommandType]!.includes(role);

/**
 * The one place an org role is read as a meeting role: the projection a view is cut for. The organisations above see
 * what an observer sees (no ballots, no member links), whatever they may send.
 */
export const viewingRole = (role: MeetingActorRole): Role => (isOrgRole(role) ? 'observer' : role);

export const mayCommand = (role: MeetingActorRole, type: CommandType) =>
  type !== 'ScheduleMeeting' && COMMAND_ROLES[type].includes(role);
export const mayQuery = (role: MeetingActorRole, q: Query) => QUERY_ROLES[q].includes(role);

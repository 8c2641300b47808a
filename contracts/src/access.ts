import type { CommandType, Role } from './meeting/commands.js';

/**
 * The one authorisation table: which role may send which command and make
 * which query. The backend enforces it for HTTP and socket joins; the
 * dashboard reads it to show only the actions a role has.
 */
export const COMMAND_ROLES: Record<Exclude<CommandType, 'ScheduleMeeting'>, readonly Role[]> = {
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
  RecordApproval: ['chair'],
  CorrectMember: ['chair'],
  WithdrawCandidate: ['chair'],
  WithdrawContest: ['chair'],
  WithdrawCandidateList: ['chair'],
  AuthoriseProxy: ['chair'],
  RevokeProxy: ['chair'],
  PublishProxyList: ['chair'],
  CloseMeeting: ['chair'],
  IssueCredential: ['chair'],
  RevokeCredential: ['chair'],
  SetRecoveryCode: ['chair'],
};

export const QUERIES = ['view', 'events', 'report', 'head', 'live', 'venue-code', 'documents'] as const;
export type Query = (typeof QUERIES)[number];

export const QUERY_ROLES: Record<Query, readonly Role[]> = {
  view: ['chair', 'teller', 'scrutineer', 'supervisor', 'observer', 'kiosk', 'member', 'clerk'],
  live: ['chair', 'teller', 'scrutineer', 'supervisor', 'observer', 'kiosk', 'member', 'clerk'],
  events: ['chair', 'supervisor'],
  report: ['chair', 'supervisor', 'observer'],
  head: ['chair', 'supervisor', 'observer', 'scrutineer'],
  // GET /api/meetings/:id/venue-code: the kiosk (at the door, and as the hall's wall screen) and the chair. Never
  // members (the code is what proves they are in the room) nor observers at large (P-05).
  'venue-code': ['chair', 'kiosk'],
  // GET /api/meetings/:id/documents/:kind: each kind narrows this further (backend/src/documents/document-kinds.ts).
  documents: ['chair', 'clerk', 'supervisor', 'observer'],
};

/** After MeetingClosed only these reads stay open (issue: credentials useless after close). */
export const READS_AFTER_CLOSE: readonly Role[] = ['supervisor', 'observer', 'chair'];

export const mayCommand = (role: Role, type: CommandType) =>
  type !== 'ScheduleMeeting' && COMMAND_ROLES[type].includes(role);
export const mayQuery = (role: Role, q: Query) => QUERY_ROLES[q].includes(role);

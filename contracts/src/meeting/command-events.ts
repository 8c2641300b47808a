import type { CommandType } from './commands.js';
import type { EventType } from './events.js';

/**
 * Which events each command may produce. A retried commandId is answered with
 * the events it produced the first time; a client that reuses a commandId for
 * a different command must hear so, not a false "done" (the table is checked
 * against every decision in the decider tests).
 */
export const COMMAND_EVENTS: Readonly<Record<CommandType, readonly EventType[]>> = {
  ScheduleMeeting: ['MeetingScheduled', 'CredentialIssued', 'RecoveryCodeSet'],
  EnrolMembers: ['MemberEnrolled'],
  RegisterVoters: ['VoterRegistered'],
  RemoveVoter: ['VoterRemoved'],
  PublishVoterList: ['VoterListPublished'],
  ReceiveVoterObjection: ['VoterObjectionReceived'],
  DecideVoterObjection: ['VoterObjectionDecided'],
  ExcludeFromExpected: ['MemberExcluded'],
  CheckIn: ['MemberCheckedIn'],
  ConfirmEarlyCheckIn: ['EarlyCheckInConfirmed'],
  WithdrawCheckIn: ['CheckInWithdrawn'],
  RecordDeparture: ['MemberDeparted'],
  AdoptElectionMethod: ['ElectionMethodAdopted'],
  AppointOfficers: ['OfficersAppointed', 'CredentialRevoked'],
  CreateContest: ['ContestCreated'],
  Nominate: ['NominationReceived'],
  RecordRecommendations: ['RecommendationsRecorded'],
  ReviewCandidate: ['CandidateReviewed'],
  PublishCandidateList: ['CandidateListPublished'],
  ConfirmCandidateList: ['CandidateListConfirmed'],
  AdoptCandidateList: ['CandidateListAdopted'],
  OpenRound: ['RoundOpened'],
  RecordBallot: ['BallotRecorded'],
  CorrectBallot: ['BallotEntryCorrected'],
  VoidBallotEntry: ['BallotEntryVoided'],
  CloseRound: ['RoundClosed'],
  ReopenRound: ['RoundReopened'],
  SetUpPollingStation: ['PollingStationSetUp'],
  OpenPoll: ['PollOpened', 'RoundOpened'],
  IssueBallots: ['BallotIssued'],
  SealBallotBox: ['BallotBoxSealed'],
  OpenBallotBox: ['BallotBoxOpened'],
  DeclareResult: ['ResultDeclared', 'RoundRequired', 'NewElectionDue'],
  LeaveSeatsVacant: ['SeatsLeftVacant'],
  RecordAssistedWriting: ['AssistedWritingRecorded'],
  RecordApproval: ['ApprovalRecorded'],
  CorrectMember: ['MemberCorrected'],
  WithdrawCandidate: ['CandidateWithdrawn'],
  AuthoriseProxy: ['ProxyAuthorised'],
  RevokeProxy: ['ProxyRevoked'],
  PublishProxyList: ['ProxyListPublished'],
  WithdrawContest: ['ContestWithdrawn'],
  WithdrawCandidateList: ['CandidateListWithdrawn'],
  CloseMeeting: ['MeetingClosed'],
  IssueCredential: ['CredentialIssued'],
  RevokeCredential: ['CredentialRevoked'],
  SetRecoveryCode: ['RecoveryCodeSet'],
};

/** Whether events of these types could be the outcome of a command of this type. */
export const couldHaveProduced = (type: CommandType, eventTypes: readonly string[]): boolean =>
  eventTypes.every((t) => (COMMAND_EVENTS[type] as readonly string[]).includes(t));

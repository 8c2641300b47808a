import { refuse } from '../errors.js';
import type { Command } from './commands.js';
import type { DecideContext } from './context.js';
import * as candidates from './decide-candidates.js';
import * as proxies from './decide-proxies.js';
import * as registration from './decide-registration.js';
import * as polls from './decide-polls.js';
import * as roll from './decide-roll.js';
import * as rounds from './decide-rounds.js';
import type { NewEvent } from './events.js';
import type { MeetingState } from './state.js';

/**
 * The meeting's decider: a command and the current state in, the events it
 * causes out, or a DomainError. An empty array is a no-op (the command was
 * already satisfied). It never reads a clock or mutates the state.
 */
export function decide(cmd: Command, s: MeetingState, ctx: DecideContext): NewEvent[] {
  if (cmd.type === 'ScheduleMeeting') return roll.scheduleMeeting(s, cmd.data, ctx);
  if (!s.ruleset) throw refuse.notFound('meetingId', 'UNKNOWN_MEETING', `no meeting ${ctx.meetingId}`);
  switch (cmd.type) {
    case 'EnrolMembers':
      return roll.enrolMembers(s, cmd.data);
    case 'RegisterVoters':
      return registration.registerVoters(s, cmd.data);
    case 'RemoveVoter':
      return registration.removeVoter(s, cmd.data);
    case 'PublishVoterList':
      return registration.publishVoterList(s, cmd.data, ctx);
    case 'ReceiveVoterObjection':
      return registration.receiveVoterObjection(s, cmd.data, ctx);
    case 'DecideVoterObjection':
      return registration.decideVoterObjection(s, cmd.data, ctx);
    case 'ExcludeFromExpected':
      return roll.excludeFromExpected(s, cmd.data);
    case 'CheckIn':
      return roll.checkIn(s, cmd.data, ctx);
    case 'ConfirmEarlyCheckIn':
      return roll.confirmEarlyCheckIn(s, ctx);
    case 'WithdrawCheckIn':
      return roll.withdrawCheckIn(s, cmd.data);
    case 'RecordDeparture':
      return roll.recordDeparture(s, cmd.data);
    case 'AdoptElectionMethod':
      return roll.adoptElectionMethod(s, cmd.data);
    case 'AppointOfficers':
      return roll.appointOfficers(s, cmd.data);
    case 'CloseMeeting':
      return roll.closeMeeting(s, cmd.data);
    case 'IssueCredential':
      return roll.issueCredential(s, cmd.data, ctx);
    case 'RevokeCredential':
      return roll.revokeCredential(s, cmd.data);
    case 'SetRecoveryCode':
      return roll.setRecoveryCode(s, cmd.data);
    case 'CreateContest':
      return candidates.createContest(s, cmd.data);
    case 'Nominate':
      return candidates.nominate(s, cmd.data);
    case 'RecordRecommendations':
      return candidates.recordRecommendations(s, cmd.data);
    case 'ReviewCandidate':
      return candidates.reviewCandidate(s, cmd.data);
    case 'PublishCandidateList':
      return candidates.publishCandidateList(s, cmd.data, ctx);
    case 'AdoptCandidateList':
      return candidates.adoptCandidateList(s, cmd.data);
    case 'ConfirmCandidateList':
      return candidates.confirmCandidateList(s, cmd.data, ctx);
    case 'OpenRound':
      return rounds.openRound(s, cmd.data);
    case 'RecordBallot':
      return rounds.recordBallot(s, cmd.data, ctx);
    case 'CorrectBallot':
      return rounds.correctBallot(s, cmd.data, ctx);
    case 'VoidBallotEntry':
      return rounds.voidBallotEntry(s, cmd.data, ctx);
    case 'CloseRound':
      return rounds.closeRound(s, cmd.data);
    case 'ReopenRound':
      return rounds.reopenRound(s, cmd.data);
    case 'DeclareResult':
      return rounds.declareResult(s, cmd.data, ctx);
    case 'SetUpPollingStation':
      return polls.setUpPollingStation(s, cmd.data);
    case 'OpenPoll':
      return polls.openPoll(s, cmd.data);
    case 'IssueBallots':
      return polls.issueBallots(s, cmd.data);
    case 'SealBallotBox':
      return polls.sealBallotBox(s, cmd.data);
    case 'OpenBallotBox':
      return polls.openBallotBox(s, cmd.data);
    case 'LeaveSeatsVacant':
      return rounds.leaveSeatsVacant(s, cmd.data);
    case 'RecordApproval':
      return rounds.recordApproval(s, cmd.data);
    case 'RecordAssistedWriting':
      return candidates.recordAssistedWriting(s, cmd.data);
    case 'CorrectMember':
      return roll.correctMember(s, cmd.data);
    case 'WithdrawCandidate':
      return candidates.withdrawCandidate(s, cmd.data);
    case 'WithdrawContest':
      return candidates.withdrawContest(s, cmd.data);
    case 'WithdrawCandidateList':
      return candidates.withdrawCandidateList(s, cmd.data);
    case 'AuthoriseProxy':
      return proxies.authoriseProxy(s, cmd.data);
    case 'RevokeProxy':
      return proxies.revokeProxy(s, cmd.data);
    case 'PublishProxyList':
      return proxies.publishProxyList(s, cmd.data, ctx);
    default: {
      const _exhaustive: never = cmd;
      return _exhaustive;
    }
  }
}

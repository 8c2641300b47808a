import * as ballotRules from '../rules/ballot.js';
import * as candidates from './evolve-candidates.js';
import * as proxies from './evolve-proxies.js';
import * as registration from './evolve-registration.js';
import * as polls from './evolve-polls.js';
import * as roll from './evolve-roll.js';
import * as rounds from './evolve-rounds.js';
import type { MeetingEvent } from './events.js';
import * as localDates from './local-date.js';
import * as meetingState from './state.js';
import * as status from './status.js';
import type { MeetingState } from './state.js';
import * as tally from './tally.js';

/**
 * Folds one event into the state. It mutates and returns the state it is given:
 * the caller owns it, and this keeps a 100,000-event replay linear. decide()
 * never mutates; only this fold does, after the event is durable.
 *
 * A member record and a ballot slot are replaced, never changed in place, so
 * a copy of the state (cloneState) may share them: a 10,000-member meeting is
 * copied without copying 10,000 members.
 *
 * Each stage folds its own events, as decide() hands each command to its stage;
 * a new event type does not compile until it is folded here.
 */
export function evolve(s: MeetingState, e: MeetingEvent): MeetingState {
  s.revision = e.metadata.revision;
  s.head = e.metadata.hash;
  switch (e.type) {
    case 'MeetingScheduled':
      roll.meetingScheduled(s, e);
      break;
    case 'MemberEnrolled':
      roll.memberEnrolled(s, e);
      break;
    case 'VoterRegistered':
      registration.voterRegistered(s, e);
      break;
    case 'VoterRemoved':
      registration.voterRemoved(s, e);
      break;
    case 'VoterListPublished':
      registration.voterListPublished(s, e);
      break;
    case 'VoterObjectionReceived':
      registration.voterObjectionReceived(s, e);
      break;
    case 'VoterObjectionDecided':
      registration.voterObjectionDecided(s, e);
      break;
    case 'MemberExcluded':
      roll.memberExcluded(s, e);
      break;
    case 'MemberCorrected':
      roll.memberCorrected(s, e);
      break;
    case 'MemberCheckedIn':
    case 'CheckInWithdrawn':
    case 'MemberDeparted':
      roll.presenceChanged(s, e);
      break;
    case 'EarlyCheckInConfirmed':
      roll.earlyCheckInConfirmed(s, e);
      break;
    case 'ElectionMethodAdopted':
      roll.electionMethodAdopted(s, e);
      break;
    case 'OfficersAppointed':
      roll.officersAppointed(s, e);
      break;
    case 'MeetingClosed':
      roll.meetingClosed(s);
      break;
    case 'CredentialIssued':
      roll.credentialIssued(s, e);
      break;
    case 'CredentialRevoked':
      roll.credentialRevoked(s, e);
      break;
    case 'RecoveryCodeSet':
      roll.recoveryCodeSet(s, e);
      break;
    case 'ContestCreated':
      candidates.contestCreated(s, e);
      break;
    case 'NominationReceived':
      candidates.nominationReceived(s, e);
      break;
    case 'RecommendationsRecorded':
      candidates.recommendationsRecorded(s, e);
      break;
    case 'CandidateReviewed':
      candidates.candidateReviewed(s, e);
      break;
    case 'CandidateListAdopted':
      candidates.candidateListAdopted(s, e);
      break;
    case 'CandidateListPublished':
      candidates.candidateListPublished(s, e);
      break;
    case 'CandidateWithdrawn':
      candidates.candidateWithdrawn(s, e);
      break;
    case 'CandidateListConfirmed':
      candidates.candidateListConfirmed(s, e);
      break;
    case 'ContestWithdrawn':
      candidates.contestWithdrawn(s, e);
      break;
    case 'CandidateListWithdrawn':
      candidates.candidateListWithdrawn(s, e);
      break;
    case 'RoundOpened':
      rounds.roundOpened(s, e);
      break;
    case 'BallotRecorded':
      rounds.ballotRecorded(s, e);
      break;
    case 'BallotEntryCorrected':
      rounds.ballotEntryCorrected(s, e);
      break;
    case 'BallotEntryVoided':
      rounds.ballotEntryVoided(s, e);
      break;
    case 'RoundClosed':
      rounds.roundClosed(s, e);
      break;
    case 'RoundReopened':
      rounds.roundReopened(s, e);
      break;
    case 'ResultDeclared':
      rounds.resultDeclared(s, e);
      break;
    case 'RoundRequired':
      rounds.roundRequired(s, e);
      break;
    case 'SeatsLeftVacant':
      rounds.seatsLeftVacant(s, e);
      break;
    case 'ApprovalRecorded':
      rounds.approvalRecorded(s, e);
      break;
    case 'ProxyAuthorised':
      proxies.proxyAuthorised(s, e);
      break;
    case 'ProxyRevoked':
      proxies.proxyRevoked(s, e);
      break;
    case 'ProxyListPublished':
      proxies.proxyListPublished(s, e);
      break;
    case 'PollingStationSetUp':
      polls.pollingStationSetUp(s, e);
      break;
    case 'PollOpened':
      polls.pollOpened(s, e);
      break;
    case 'BallotIssued':
      polls.ballotIssued(s, e);
      break;
    case 'BallotBoxSealed':
      polls.ballotBoxSealed(s, e);
      break;
    case 'BallotBoxOpened':
      polls.ballotBoxOpened(s, e);
      break;
    case 'NewElectionDue':
      rounds.newElectionDue(s, e);
      break;
    case 'AssistedWritingRecorded':
      rounds.assistedWritingRecorded(s, e);
      break;
    default: {
      const _exhaustive: never = e;
      void _exhaustive;
    }
  }
  return s;
}

export function fold(events: Iterable<MeetingEvent>, state: MeetingState = meetingState.initialState()): MeetingState {
  for (const e of events) evolve(state, e);
  return state;
}

const functionsOf = (module: object) =>
  Object.values(module).filter((v): v is (...args: never[]) => unknown => typeof v === 'function');

/**
 * Every function the fold runs, for the snapshot fingerprint: a snapshot is
 * ignored once any of them changes. Whole modules are taken, so a new evolver
 * or tally helper is covered without being listed (over-covering only costs a
 * snapshot). Module namespaces list their exports in a fixed (sorted) order.
 */
export const FOLD_FUNCTIONS: readonly ((...args: never[]) => unknown)[] = [
  evolve,
  fold,
  ...functionsOf(roll),
  ...functionsOf(registration),
  ...functionsOf(candidates),
  ...functionsOf(rounds),
  ...functionsOf(proxies),
  ...functionsOf(polls),
  ...functionsOf(meetingState),
  ...functionsOf(tally),
  // isDisputed: the fold counts disputed papers by it.
  ...functionsOf(status),
  ...functionsOf(ballotRules),
  ...functionsOf(localDates),
];

/**
 * A whole meeting holding every event type (the compiler insists on EVERY_TYPE): cloneState's and the state
 * codec's specs fold it, so an event that starts changing some part of the state in place is caught there.
 * Test-only.
 */
import { PRESETS } from '../rules/ruleset.js';
import type { EventType, NewEvent } from '../meeting/events.js';

export const EVERY_TYPE: Record<EventType, true> = {
  MeetingScheduled: true,
  MemberEnrolled: true,
  VoterRegistered: true,
  VoterRemoved: true,
  VoterListPublished: true,
  VoterObjectionReceived: true,
  VoterObjectionDecided: true,
  MemberExcluded: true,
  MemberCheckedIn: true,
  EarlyCheckInConfirmed: true,
  CheckInWithdrawn: true,
  MemberDeparted: true,
  ElectionMethodAdopted: true,
  OfficersAppointed: true,
  ContestCreated: true,
  NominationReceived: true,
  RecommendationsRecorded: true,
  CandidateReviewed: true,
  CandidateListPublished: true,
  CandidateListConfirmed: true,
  CandidateListAdopted: true,
  RoundOpened: true,
  BallotRecorded: true,
  BallotEntryCorrected: true,
  BallotEntryVoided: true,
  RoundClosed: true,
  ResultDeclared: true,
  RoundRequired: true,
  SeatsLeftVacant: true,
  ApprovalRecorded: true,
  MeetingClosed: true,
  CredentialIssued: true,
  CredentialRevoked: true,
  RecoveryCodeSet: true,
  RoundReopened: true,
  MemberCorrected: true,
  CandidateWithdrawn: true,
  ContestWithdrawn: true,
  CandidateListWithdrawn: true,
  ProxyAuthorised: true,
  ProxyRevoked: true,
  ProxyListPublished: true,
  PollingStationSetUp: true,
  PollOpened: true,
  BallotIssued: true,
  BallotBoxSealed: true,
  BallotBoxOpened: true,
  NewElectionDue: true,
  AssistedWritingRecorded: true,
};

const vote = { for: 5, against: 0, abstain: 0 };
const c = 'c1';
const round = (n: number, kind: 'first' | 'tie' | 'supplementary', candidates: string[]): NewEvent => ({
  type: 'RoundOpened',
  data: {
    contestId: c,
    round: n,
    kind,
    seats: 2,
    candidates,
    ballotsIssued: 6,
    presentVoters: 6,
    expected: 7,
    doubleEntry: n === 1,
  },
});
const ballot = (
  n: number,
  ballotNo: number,
  marks: Record<string, 'for' | 'against' | 'abstain' | 'unreadable'>,
  teller = 't1',
): NewEvent => ({
  type: 'BallotRecorded',
  data: { contestId: c, round: n, ballotNo, marks, writeIns: [], teller },
});

/** A whole meeting, in an order where each event changes something; every Map of its state ends non-empty. */
export const EVERY_EVENT_LOG: NewEvent[] = [
  {
    type: 'MeetingScheduled',
    data: {
      meetingId: 'm1',
      title: '换届选举',
      organisation: '第一党支部',
      ruleset: PRESETS['cpc-branch'],
      scheduledFor: '2026-11-24',
      practice: false,
    },
  },
  { type: 'EarlyCheckInConfirmed', data: { scheduledDate: '2026-11-24', confirmedOn: '2026-11-23' } },
  ...['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'].map((memberId): NewEvent => ({
    type: 'MemberEnrolled',
    data: { memberId, name: memberId, status: 'full' },
  })),
  { type: 'MemberEnrolled', data: { memberId: 'q1', name: 'q1', status: 'probationary' } },
  {
    type: 'VoterRegistered',
    data: { memberId: 'v1', name: '村民甲', basis: 'resident', sex: 'female', household: 'H1' },
  },
  {
    type: 'VoterRegistered',
    data: { memberId: 'v2', name: '村民乙', basis: 'admitted', admission: '村民会议〔2026〕1号' },
  },
  { type: 'VoterListPublished', data: { publishedOn: '2026-11-01', electionDay: '2026-11-24', registered: 9 } },
  {
    type: 'VoterObjectionReceived',
    data: {
      objectionId: 'o1',
      objector: '村民丙',
      memberId: 'v2',
      claim: 'wrongly-listed',
      detail: '已迁出',
      receivedOn: '2026-11-03',
    },
  },
  {
    type: 'VoterObjectionDecided',
    data: { objectionId: 'o1', upheld: true, reason: '户籍已迁出', decidedOn: '2026-11-07', late: true },
  },
  { type: 'VoterRemoved', data: { memberId: 'v2', reason: '户籍已迁出（异议o1）' } },
  { type: 'CredentialIssued', data: { credentialId: 'k1', role: 'teller', name: '计票人', tokenHash: 'a'.repeat(64) } },
  {
    type: 'MemberExcluded',
    data: { memberId: 'p7', reason: 'abroad-6m', approvalRef: '〔2026〕12号', meetingVote: vote },
  },
  ...['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'q1'].map((memberId): NewEvent => ({
    type: 'MemberCheckedIn',
    data: { memberId, method: 'desk' },
  })),
  { type: 'CheckInWithdrawn', data: { memberId: 'p6', reason: 'mistake' } },
  { type: 'MemberCheckedIn', data: { memberId: 'p6', method: 'kiosk' } },
  { type: 'MemberDeparted', data: { memberId: 'q1' } },
  { type: 'MemberCorrected', data: { memberId: 'p7', status: 'probationary', reason: '录入有误' } }, // excluded: leaves both counters
  { type: 'MemberCorrected', data: { memberId: 'p6', status: 'probationary', reason: '录入有误' } }, // present: attendee now
  { type: 'MemberCorrected', data: { memberId: 'p6', status: 'full', name: 'p6-正', reason: '复核' } },
  // V-10: folded whatever the ruleset (the decider refuses them under cpc-branch, P-19; the fold does not judge).
  { type: 'ProxyAuthorised', data: { principalId: 'p4', proxyId: 'p3', relation: 'spouse', reference: '委字第1号' } },
  { type: 'ProxyAuthorised', data: { principalId: 'p2', proxyId: 'p3', relation: 'sibling', reference: '委字第2号' } },
  { type: 'ProxyListPublished', data: { publishedOn: '2026-11-20', principals: ['p2', 'p4'] } },
  { type: 'ProxyRevoked', data: { principalId: 'p2', proxyId: 'p3', reason: '本人返村' } },
  { type: 'ElectionMethodAdopted', data: { vote } },
  { type: 'OfficersAppointed', data: { scrutineers: ['p5'], tellers: [{ name: 't1' }, { name: 't2' }], vote } },
  {
    type: 'ContestCreated',
    data: {
      contestId: c,
      office: '支部委员',
      seats: 2,
      mode: 'competitive',
      electorate: 'meeting',
      ballotColour: 'pink',
    },
  },
  { type: 'NominationReceived', data: { contestId: c, nomineeId: 'p1', route: 'members', supporters: ['p2', 'p3'] } },
  { type: 'NominationReceived', data: { contestId: c, nomineeId: 'p1', route: 'organisation', supporters: [] } },
  { type: 'NominationReceived', data: { contestId: c, nomineeId: 'p2', route: 'self', supporters: [] } },
  { type: 'NominationReceived', data: { contestId: c, nomineeId: 'p3', route: 'masses', supporters: ['p4'] } },
  { type: 'RecommendationsRecorded', data: { contestId: c, ballotsCast: 6, votes: { p1: 5, p2: 4, p3: 4 } } },
  { type: 'CandidateReviewed', data: { contestId: c, nomineeId: 'p1', qualified: true, reason: '' } },
  { type: 'CandidateReviewed', data: { contestId: c, nomineeId: 'p2', qualified: true, reason: '' } },
  { type: 'CandidateReviewed', data: { contestId: c, nomineeId: 'p3', qualified: true, reason: '' } },
  { type: 'NominationReceived', data: { contestId: c, nomineeId: 'p4', route: 'self', supporters: [] } },
  { type: 'CandidateReviewed', data: { contestId: c, nomineeId: 'p4', qualified: true, reason: '' } },
  {
    type: 'CandidateListPublished',
    data: { contestId: c, candidateIds: ['p1', 'p2', 'p3'], noticeDays: 0, publishedOn: '2026-11-24' },
  },
  { type: 'CandidateListWithdrawn', data: { contestId: c, reason: '漏列一名候选人' } },
  {
    type: 'CandidateListPublished',
    data: { contestId: c, candidateIds: ['p1', 'p2', 'p3', 'p4'], noticeDays: 0, publishedOn: '2026-11-24' },
  },
  {
    type: 'ContestCreated',
    data: { contestId: 'c9', office: '支部委员', seats: 1, mode: 'competitive', electorate: 'meeting' },
  },
  { type: 'NominationReceived', data: { contestId: 'c9', nomineeId: 'p2', route: 'self', supporters: [] } },
  { type: 'ContestWithdrawn', data: { contestId: 'c9', reason: '重复创建' } },
  {
    type: 'ContestCreated',
    data: { contestId: 'c8', office: '书记', seats: 1, mode: 'uncontested', electorate: 'meeting' },
  },
  {
    type: 'CandidateListAdopted',
    data: {
      contestId: 'c8',
      electionId: 'e1',
      revision: 30,
      head: 'c'.repeat(64),
      candidates: [
        {
          candidateId: 'p2',
          name: 'p2',
          provenance: [{ step: 'nomination', on: '2026-11-02', reference: 'organisation' }],
        },
      ],
    },
  },
  { type: 'CandidateListConfirmed', data: { contestId: c, candidateIds: ['p1', 'p2', 'p3', 'p4'] } },
  { type: 'CandidateWithdrawn', data: { contestId: c, candidateId: 'p4', reason: '本人申请', list: 'stands' } },
  round(1, 'first', ['p1', 'p2', 'p3']),
  ballot(1, 1, { p1: 'for', p2: 'for', p3: 'unreadable' }),
  ballot(1, 1, { p1: 'for', p2: 'for', p3: 'unreadable' }, 't2'), // double entry: the second agrees
  ballot(1, 2, { p1: 'for', p2: 'against', p3: 'for' }),
  ballot(1, 2, { p1: 'for', p2: 'abstain', p3: 'for' }, 't2'), // disagrees
  {
    type: 'BallotEntryCorrected',
    data: {
      contestId: c,
      round: 1,
      ballotNo: 2,
      marks: { p1: 'for', p2: 'against', p3: 'for' },
      writeIns: [],
      reason: '核对原票',
      scrutineer: 'p5',
    },
  },
  ballot(1, 3, { p1: 'for' }),
  { type: 'BallotEntryVoided', data: { contestId: c, round: 1, ballotNo: 3, reason: '重复录入', scrutineer: 'p5' } },
  { type: 'RoundClosed', data: { contestId: c, round: 1, ballotsReturned: 7, status: 'void', rule: 'P-21' } },
  { type: 'RoundReopened', data: { contestId: c, round: 1, reason: '回收票数点错' } },
  { type: 'RoundClosed', data: { contestId: c, round: 1, ballotsReturned: 6, status: 'void', rule: 'P-21' } },
  round(2, 'first', ['p1', 'p2', 'p3']),
  ballot(2, 1, { p1: 'for', p2: 'for', p3: 'unreadable' }), // an unreadable mark voids itself alone (P-23)
  ballot(2, 2, { p1: 'for', p3: 'for' }),
  { type: 'RoundClosed', data: { contestId: c, round: 2, ballotsReturned: 6, status: 'valid' } },
  {
    type: 'ResultDeclared',
    data: {
      contestId: c,
      round: 2,
      presentVoters: 6,
      ballotsIssued: 6,
      ballotsReturned: 6,
      valid: 2,
      invalid: 0,
      threshold: 4,
      tally: [],
      elected: ['p1'],
    },
  },
  {
    type: 'RoundRequired',
    data: { contestId: c, afterRound: 2, kind: 'supplementary', seats: 1, candidates: ['p2', 'p3'], rule: 'P-27' },
  },
  { type: 'SeatsLeftVacant', data: { contestId: c, seats: 1, vote } },
  { type: 'NewElectionDue', data: { contestId: c, seats: 1, withinMonths: 6, dueBy: '2027-06-01', rule: 'V-11' } },
  { type: 'AssistedWritingRecorded', data: { voterId: 'p1', writerId: 'p2' } },
  { type: 'ApprovalRecorded', data: { contestId: c, reference: '〔2026〕30号' } },
  // V-11: a poll at a station (the fold reads no ruleset, so the cpc-branch meeting can hold one here).
  {
    type: 'PollingStationSetUp',
    data: {
      stationId: 's1',
      kind: 'station',
      name: '第一投票站',
      officers: [{ name: '甲' }, { name: '乙' }, { name: '丙' }],
    },
  },
  { type: 'PollOpened', data: { pollId: 'v1', rounds: [{ contestId: c, round: 3 }], stations: ['s1'] } },
  {
    type: 'RoundOpened',
    data: {
      contestId: c,
      round: 3,
      kind: 'supplementary',
      seats: 1,
      candidates: ['p2', 'p3'],
      ballotsIssued: 0,
      presentVoters: 0,
      expected: 7,
      doubleEntry: false,
      poll: 'v1',
    },
  },
  { type: 'BallotIssued', data: { pollId: 'v1', stationId: 's1', memberId: 'p5' } },
  { type: 'BallotIssued', data: { pollId: 'v1', stationId: 's1', memberId: 'p6', proxyFor: 'p7' } },
  { type: 'BallotBoxSealed', data: { pollId: 'v1', stationId: 's1', issued: 2 } },
  { type: 'BallotBoxOpened', data: { pollId: 'v1', stationId: 's1', ballotsReturned: 2 } },
  {
    type: 'BallotRecorded',
    data: { contestId: c, round: 3, ballotNo: 1, marks: { p2: 'for' }, writeIns: [], station: 's1', teller: 't1' },
  },
  { type: 'CredentialRevoked', data: { credentialId: 'k1' } },
  { type: 'RecoveryCodeSet', data: { codeHash: 'b'.repeat(64) } },
  { type: 'MeetingClosed', data: {} },
];

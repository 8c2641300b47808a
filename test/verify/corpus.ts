/**
 * A corpus of meeting logs for the verifiers: genuine logs of every path,
 * grown through the real parser, decider and hash chain (the contracts'
 * MeetingBuilder), and forged logs, each made by changing ONE rule-relevant
 * fact of a genuine log and re-hashing the chain from there to the end, as a
 * forger with write access to the store would. Every forgery names the
 * revision a verifier must stop at and the rule id it must give; both are
 * written here by hand from election-rules.md, never computed by the verifier.
 */
import { chainEvents, GENESIS_HASH, RECOVERY_ACTOR, type ChainedEvent } from '@tallyroom/contracts';
import {
  ballot,
  ballotsWithTotals,
  blank,
  CHAIR,
  KIOSK,
  ids,
  MeetingBuilder,
  readyMeeting,
  roll,
  SCRUTINEER,
  SYSTEM,
  TELLER_1,
  times,
  vote,
} from '../../contracts/src/testing/fixtures.js';
import { adoptionCommand } from '../../contracts/src/election/adopt.js';
import { fixedProcess } from '../../contracts/src/testing/election-log.js';
import { close, counted, key } from '../../contracts/src/testing/poll-fixtures.js';

/** The county's approver: an organisation credential, so the meeting's log never issued it (P-31). */
const APPROVER = { role: 'approver', id: 'approver-c1' } as const;

export interface CorpusLog {
  name: string;
  events: ChainedEvent[];
  /** Absent for a genuine log. */
  forged?: { revision: number; rule: string; what: string };
}

const plain = (b: MeetingBuilder): ChainedEvent[] => JSON.parse(JSON.stringify(b.log())) as ChainedEvent[];

// ---------------------------------------------------------------- genuine logs

/** cpc-branch, 10 voters, 2 seats among p1..p3: p1 8, p2 6 elected in one round. */
function plainElection() {
  const b = readyMeeting({ voters: 10, seats: 2, candidates: 3 });
  b.vote('c1', ballotsWithTotals({ p1: 8, p2: 6, p3: 3 }, 10, 2));
  return b;
}

/** A tie at the cut-off (P-26): p1 8 elected, p2 and p3 tie on 6 for the last seat; the re-vote(s) decide. */
function tieElection(revotes: Record<string, number>[]) {
  const b = readyMeeting({ voters: 10, seats: 2, candidates: 4 });
  b.vote('c1', ballotsWithTotals({ p1: 8, p2: 6, p3: 6 }, 10, 2));
  for (const t of revotes) b.vote('c1', ballotsWithTotals(t, 10, 1));
  return b;
}

/** A shortfall (P-27): p1 8 elected, p2 4 and p3 3 short; the supplementary round elects p2. */
function supplementaryElection() {
  const b = readyMeeting({ voters: 10, seats: 2, candidates: 3 });
  b.vote('c1', ballotsWithTotals({ p1: 8, p2: 4, p3: 3 }, 10, 2));
  b.vote('c1', ballotsWithTotals({ p2: 7, p3: 3 }, 10, 1));
  return b;
}

/** P-28: the supplementary seat is left vacant with the consent of half of the 10 present. */
function vacancyElection() {
  const b = readyMeeting({ voters: 10, seats: 2, candidates: 3 });
  b.vote('c1', ballotsWithTotals({ p1: 8, p2: 4, p3: 3 }, 10, 2));
  b.run({ type: 'LeaveSeatsVacant', data: { contestId: 'c1', vote: vote(6, 3, 1) } });
  return b;
}

/** P-21 / E6: 11 ballots found for 10 issued voids round 1; the re-run elects p1. */
function voidRoundElection() {
  const b = readyMeeting({ voters: 10, seats: 1, candidates: 2 });
  const n = b.openRound('c1');
  b.enterBallots('c1', n, ballotsWithTotals({ p1: 6, p2: 4 }, 10, 1));
  b.closeRound('c1', n, 11);
  b.vote('c1', ballotsWithTotals({ p1: 7, p2: 3 }, 10, 1));
  return b;
}

/** P-21: 10 present but 9 ballots issued (one voter took none); 9 returned; p1 6 of 10 present is elected. */
function fewerIssuedElection() {
  const b = readyMeeting({ voters: 10, seats: 1, candidates: 2 });
  b.run({ type: 'OpenRound', data: { contestId: 'c1', ballotsIssued: 9 } });
  b.enterBallots('c1', 1, ballotsWithTotals({ p1: 6, p2: 3 }, 9, 1));
  b.closeRound('c1', 1, 9);
  b.declare('c1', 1);
  return b;
}

/** P-15: the meeting closes over a contest whose list is confirmed but never voted on, on the chair's confirmation. */
function closedUnfinished() {
  const b = plainElection();
  b.createContest('c2', 1, { office: 'secretary', mode: 'uncontested' })
    .nominate('c2', ['p1'])
    .publish('c2', ['p1'])
    .confirm('c2');
  b.run({ type: 'CloseMeeting', data: { confirmUnfinished: true } });
  return b;
}

/** P-05: all 10 present for the method and officers; p9 leaves before the round opens (9 of 10, 45 > 40). */
function departureElection() {
  const b = readyMeeting({ voters: 10, seats: 1, candidates: 2 });
  b.depart('p9');
  b.vote('c1', ballotsWithTotals({ p1: 6, p2: 3 }, 9, 1));
  return b;
}

/** P-04: p10 is abroad; the meeting excludes them from the expected number (9 of 9), then votes. */
function exclusionElection() {
  const b = readyMeeting({ voters: 10, present: 9, seats: 1, candidates: 2 });
  b.exclude('p10', 'abroad-6m', vote(9));
  b.vote('c1', ballotsWithTotals({ p1: 6, p2: 3 }, 9, 1));
  return b;
}

/**
 * P-29: the meeting elects a committee of 3 from 4, then the committee elects
 * the secretary among its members (committee quorum P-30: all 3 present).
 * A member checks in with their own member link, a kiosk checks in another.
 */
function twoStageElection() {
  const b = new MeetingBuilder().schedule();
  const members = Array.from({ length: 10 }, (_, i) => ({
    memberId: `p${i + 1}`,
    name: ['张三', '李四', '王五', '赵六', '钱七', '孙八', '周九', '吴十', '郑一', '冯二'][i]!,
    status: 'full' as const,
  }));
  b.enrol(members);
  const own = b.memberCredential('p5');
  b.checkIn('p1', 'p2', 'p3', 'p4');
  // With the hall's venue code (P-05): the builder decides at DEFAULT_CTX.now, 30 s window 59850360.
  b.run(
    { type: 'CheckIn', data: { memberId: 'p5', method: 'self', venueCode: '246810' } },
    { actor: own, presence: { venueCodes: [{ window: 59850360, code: '246810' }] } },
  );
  b.run({ type: 'CheckIn', data: { memberId: 'p6', method: 'kiosk' } }, { actor: KIOSK, presence: { card: 'p6' } });
  b.checkIn('p7', 'p8', 'p9', 'p10');
  b.createContest('committee', 3, { office: 'committee-member' })
    .nominate('committee', ['p1', 'p2', 'p3', 'p4'])
    .publish('committee', ['p1', 'p2', 'p3', 'p4']);
  b.adoptMethod().appointOfficers(['p10']).confirm('committee');
  b.vote('committee', ballotsWithTotals({ p1: 9, p2: 8, p3: 7, p4: 3 }, 10, 3));
  b.run({
    type: 'CreateContest',
    data: { contestId: 'secretary', office: 'secretary', seats: 1, mode: 'uncontested' },
  });
  b.nominate('secretary', ['p1']).publish('secretary', ['p1']).confirm('secretary');
  b.vote('secretary', [ballot(['p1']), ballot(['p1']), ballot([], { against: ['p1'] })]);
  b.run(
    { type: 'RecordApproval', data: { contestId: 'secretary', reference: '上级党委批复〔2026〕3号' } },
    { actor: APPROVER },
  );
  b.run({ type: 'CloseMeeting', data: {} });
  return b;
}

/**
 * P-18 (BZ2020 §24): the deputy secretaries stand in the order the upper organisation approved (李四, 张三, 王五), not
 * by strokes (王五 would lead). The committee of three elects two: 李四 3 of 3, 张三 and 王五 1 each, so one seat is
 * short (P-27) and the supplementary round lists 张三 before 王五, as approved.
 */
function approvedOrderElection() {
  const b = new MeetingBuilder().schedule();
  b.enrol(roll(10));
  b.checkIn(...roll(10).map((m) => m.memberId));
  b.createContest('committee', 3, { office: 'committee-member' })
    .nominate('committee', ['p1', 'p2', 'p3', 'p4'])
    .publish('committee', ['p1', 'p2', 'p3', 'p4']);
  b.adoptMethod().appointOfficers(['p10']).confirm('committee');
  b.vote('committee', ballotsWithTotals({ p1: 9, p2: 8, p3: 7, p4: 3 }, 10, 3));
  b.run({ type: 'CreateContest', data: { contestId: 'deputy', office: 'deputy-secretary', seats: 2 } });
  b.nominate('deputy', ['p2', 'p1', 'p3']).publish('deputy', ['p2', 'p1', 'p3']).confirm('deputy');
  b.vote('deputy', [ballot(['p2', 'p1']), ballot(['p2', 'p3']), ballot(['p2'])]);
  b.vote('deputy', [ballot(['p1']), ballot(['p1']), ballot(['p3'])]);
  return b;
}

/**
 * V-08: a village, 20 registered, 12 vote, 2 seats among p1 p2 p3. p1 7 of 12 is elected; p9, written in on 5 papers
 * (in place of an "against" p2), has more votes than p2 (3) and p3 (1), so the 另行选举 stands between p9 and p2.
 */
function villageWriteInShortfall() {
  const b = readyMeeting({ ruleset: 'village-committee', voters: 20, present: 12, seats: 2, candidates: 3 });
  b.vote('c1', [
    ...times(5, ballot(['p1'], { against: ['p2'], writeIns: ['p9'] })),
    ...times(2, ballot(['p1', 'p2'])),
    ballot(['p2', 'p3']),
    ...times(4, blank),
  ]);
  return b;
}

/**
 * P-29: the twoStage meeting's committee (p1 p2 p3) elects its secretary, and two of its three papers write in p9,
 * a member of the branch but not of the committee. `oldReading`: the log as a server before committeeWriteIns would
 * have decided it (p9's write-ins counted, p9 declared), under a MeetingScheduled that pins the flag.
 */
function committeeWriteIn(oldReading: boolean) {
  const b = new MeetingBuilder().schedule();
  if (oldReading) b.state.committeeWriteIns = false;
  b.enrol(roll(10));
  b.checkIn(...roll(10).map((m) => m.memberId));
  b.createContest('committee', 3, { office: 'committee-member' })
    .nominate('committee', ['p1', 'p2', 'p3', 'p4'])
    .publish('committee', ['p1', 'p2', 'p3', 'p4']);
  b.adoptMethod().appointOfficers(['p10']).confirm('committee');
  b.vote('committee', ballotsWithTotals({ p1: 9, p2: 8, p3: 7, p4: 3 }, 10, 3));
  b.run({
    type: 'CreateContest',
    data: { contestId: 'secretary', office: 'secretary', seats: 1, mode: 'uncontested' },
  });
  b.nominate('secretary', ['p1']).publish('secretary', ['p1']).confirm('secretary');
  b.vote('secretary', [ballot(['p1']), ...times(2, ballot([], { against: ['p1'], writeIns: ['p9'] }))]);
  return b;
}

/**
 * E9 (village-committee): 1,200 registered, 650 vote; 主任 X 320, Y 300 ⇒ nobody reaches 326 (V-07);
 * the supplementary round (另行选举, V-08) among X and Y: 600 cast, X 330 ⇒ elected (990 >= 600); Y's 190
 * stays under the third (570 < 600), so X is the only one to pass the floor.
 * The supplementary round is valid although 600 is not more than half of 1,200: V-06 is not applied to it.
 */
function e9Village() {
  const b = readyMeeting({
    ruleset: 'village-committee',
    voters: 1200,
    present: 650,
    seats: 1,
    candidates: 2,
    office: 'director',
  });
  b.vote('c1', [...times(320, ballot(['p1'])), ...times(300, ballot(['p2'])), ...times(30, blank)]);
  b.vote('c1', [...times(330, ballot(['p1'])), ...times(190, ballot(['p2'])), ...times(80, blank)], 600);
  return b;
}

/**
 * V-10: a village election with written proxies: p8 and p9 away authorise p4, p9 comes home and revokes, the list is
 * published, then the contest votes (10 registered, 7 present: 1 elected with 5 of 7).
 */
function villageProxies() {
  const b = readyMeeting({ ruleset: 'village-committee', voters: 10, present: 7, seats: 1, candidates: 2 });
  b.run({ type: 'AuthoriseProxy', data: { principalId: 'p8', proxyId: 'p4', relation: 'spouse', reference: '委001' } });
  b.run({ type: 'AuthoriseProxy', data: { principalId: 'p9', proxyId: 'p4', relation: 'parent', reference: '委002' } });
  b.run({ type: 'RevokeProxy', data: { principalId: 'p9', reason: '本人回村' } });
  b.run({ type: 'PublishProxyList', data: {} });
  b.vote('c1', ballotsWithTotals({ p1: 5, p2: 2 }, 7, 1));
  return b;
}

/**
 * E10-style numbers (2,000 registered, 1,100 vote, bar > 550) under village-committee: nobody passes 550
 * among three; the supplementary round among the two leading (V-08) is won with the most votes and at
 * least a third of the ballots cast.
 */
function e10Style() {
  const b = readyMeeting({
    ruleset: 'village-committee',
    voters: 2000,
    present: 1100,
    seats: 1,
    candidates: 3,
    office: 'director',
  });
  b.vote('c1', [...times(500, ballot(['p1'])), ...times(400, ballot(['p2'])), ...times(200, ballot(['p3']))]);
  b.vote('c1', [...times(560, ballot(['p1'])), ...times(500, ballot(['p2']))], 1060);
  return b;
}

/**
 * Issue 22 part C (village-committee, officeVotes summed): 20 registered (p1..p10 women), 12 vote, bar 7 (V-07).
 * 主任 p11, p12: 5 and 4, then the 另行选举 (floor 4) 3 and 2: a new election is due (V-11b). 副主任 p12, p13: own 4
 * and 5; p12 not elected 主任, so 4 + 4 = 8: elected (V-11a). 妇女委员 p1, p2 (reserved, V-12): 8 and 4. p19 wrote
 * for p18 (代写, P-19).
 */
function villageOffices() {
  const b = new MeetingBuilder().schedule({ ruleset: 'village-committee', parameters: { officeVotes: 'summed' } });
  b.run({
    type: 'EnrolMembers',
    data: { members: roll(20).map((m, i) => ({ ...m, sex: i < 10 ? 'female' : 'male' })) },
  });
  b.checkIn(...ids(roll(12)));
  b.createContest('director', 1, { office: 'director' }).nominate('director', ['p11', 'p12']);
  b.publish('director', ['p11', 'p12']);
  b.createContest('deputy', 1, { office: 'deputy-director' }).nominate('deputy', ['p12', 'p13']);
  b.publish('deputy', ['p12', 'p13']);
  b.run({
    type: 'CreateContest',
    data: { contestId: 'women', office: 'committee-member', seats: 1, electorate: 'meeting', reserved: 'women' },
  });
  b.nominate('women', ['p1', 'p2']).publish('women', ['p1', 'p2']);
  b.adoptMethod().appointOfficers(['p20']).confirm('director').confirm('deputy').confirm('women');
  b.run({ type: 'RecordAssistedWriting', data: { voterId: 'p18', writerId: 'p19' } });
  b.vote('director', [...ballotsWithTotals({ p11: 5, p12: 4 }, 9, 1), ...times(3, blank)]);
  b.vote('deputy', [...ballotsWithTotals({ p12: 4, p13: 5 }, 9, 1), ...times(3, blank)]);
  b.vote('women', ballotsWithTotals({ p1: 8, p2: 4 }, 12, 1));
  b.vote('director', [...ballotsWithTotals({ p11: 3, p12: 2 }, 5, 1), ...times(7, blank)]);
  return b;
}

/** simple-majority (G-01, G-02): 9 members, 7 present, 2 seats, write-ins not allowed. */
function simpleMajority() {
  const b = readyMeeting({ ruleset: 'simple-majority', voters: 9, present: 7, seats: 2, candidates: 3 });
  b.vote('c1', ballotsWithTotals({ p1: 6, p2: 5, p3: 2 }, 7, 2));
  return b;
}

/**
 * party-group (党组票决会): 9 members, 7 present, a vote on 5 names p1..p5 (PG-03). Agreeing votes p1 7, p2 6, p3 5,
 * p4 4, p5 3: p1..p3 pass with more than half of the 9 members (5 needed, PG-02); p4's 4 is more than half of the 7
 * present but not of the 9, so p4 fails, as does p5.
 */
function partyGroup() {
  const b = readyMeeting({ ruleset: 'party-group', voters: 9, present: 7, seats: 5, candidates: 5 });
  b.vote('c1', ballotsWithTotals({ p1: 7, p2: 6, p3: 5, p4: 4, p5: 3 }, 7, 5));
  return b;
}

/**
 * party-group with the persons voted on on the roll (PG-04): the body's 9 members p1..p9, 7 present, vote on 5 names
 * x1..x5 from outside it, enrolled as `candidate`, never expected nor present. Agreeing votes x1 7, x2 6, x3 5, x4 4,
 * x5 3: x1..x3 pass with more than half of the 9 members (5), not of the 14 on the roll (8).
 */
function partyGroupCandidates() {
  const X = ['x1', 'x2', 'x3', 'x4', 'x5'];
  const names = ['周一', '吴二', '郑三', '冯四', '陈五'];
  const b = new MeetingBuilder()
    .schedule({ ruleset: 'party-group', title: '党组票决会' })
    .enrol([
      ...roll(9),
      ...X.map((memberId, i) => ({
        memberId,
        name: names[i]!,
        status: 'full' as const,
        category: 'candidate' as const,
      })),
    ])
    .checkIn(...ids(roll(7)));
  b.createContest('c1', 5).nominate('c1', X).publish('c1', X).adoptMethod().appointOfficers(['p7']).confirm('c1');
  b.vote('c1', ballotsWithTotals({ x1: 7, x2: 6, x3: 5, x4: 4, x5: 3 }, 7, 5));
  return b;
}

/**
 * Every command from now on at `clock.now` (the recorded instant a verifier decides on again);
 * the fixtures otherwise record everything at 2026-11-24T09:00Z.
 */
function clocked(b: MeetingBuilder): { now: string } {
  const clock = { now: '2026-11-24T09:00:00.000Z' };
  const run = b.run.bind(b);
  b.run = (command, ctx = {}, commandId) => run(command, { now: clock.now, ...ctx }, commandId);
  return clock;
}

const REOPEN_REASON = '回收票数点错，重新清点';

/**
 * P-21 / P-23 mended before the announcement: p1 7, p2 3 keyed (double entry); the chair reopens the closed
 * round, a scrutineer corrects ballot 1 (p1 → p2) against the paper, the round closes anew with the 10 papers
 * counted from the box, and p1 is declared with 6 of 10.
 */
function reopenedElection() {
  const b = readyMeeting({ voters: 10, seats: 1, candidates: 2 });
  const n = b.openRound('c1');
  b.enterBallots('c1', n, ballotsWithTotals({ p1: 7, p2: 3 }, 10, 1));
  b.closeRound('c1', n, 10);
  b.run({ type: 'ReopenRound', data: { contestId: 'c1', round: n, reason: REOPEN_REASON } });
  b.run(
    {
      type: 'CorrectBallot',
      data: { contestId: 'c1', round: n, ballotNo: 1, marks: { p2: 'for' }, writeIns: [], reason: '监票人核对原票' },
    },
    { actor: SCRUTINEER },
  );
  b.closeRound('c1', n, 10);
  b.declare('c1', n);
  return b;
}

/** P-12: one seat, p1..p3 confirmed; p3 withdraws before the round, 2 for 1 seat still meets 5*(c-n) >= n: the list stands. */
function withdrawalStands() {
  const b = readyMeeting({ voters: 10, seats: 1, candidates: 3 });
  b.run({ type: 'WithdrawCandidate', data: { contestId: 'c1', candidateId: 'p3', reason: '本人因病申请退出' } });
  b.vote('c1', ballotsWithTotals({ p1: 6, p2: 4 }, 10, 1));
  return b;
}

/**
 * P-12 then P-10 (Asia/Shanghai): one seat, p1 and p2 confirmed; p2 withdraws, leaving 1 for 1. p3 is
 * nominated and the new list is published at 07:30 Beijing time on 11-25 (23:30 UTC on 11-24), dated that
 * local day; its 5-day notice ends on 11-30 and the list is confirmed at 00:30 Beijing time (16:30 UTC on
 * 11-29); the election follows.
 */
function withdrawalRepublished() {
  const b = readyMeeting({ voters: 10, seats: 1, candidates: 2 });
  const clock = clocked(b);
  clock.now = '2026-11-24T10:00:00.000Z';
  b.run({ type: 'WithdrawCandidate', data: { contestId: 'c1', candidateId: 'p2', reason: '本人因病申请退出' } });
  b.nominate('c1', ['p3']);
  clock.now = '2026-11-24T23:30:00.000Z';
  b.run({ type: 'PublishCandidateList', data: { contestId: 'c1', candidateIds: ['p1', 'p3'], noticeDays: 5 } });
  clock.now = '2026-11-29T16:30:00.000Z';
  b.confirm('c1');
  clock.now = '2026-11-30T01:00:00.000Z';
  b.vote('c1', ballotsWithTotals({ p1: 3, p3: 7 }, 10, 1));
  return b;
}

/**
 * P-01 / P-03: q1 (冯预备), a probationary member keyed as full, checked in and counted in the votes on the
 * method and the officers (11 present); corrected before the first round, which issues 10 ballots.
 */
function memberCorrected() {
  const b = new MeetingBuilder().schedule();
  b.enrol([...roll(10), { memberId: 'q1', name: '冯预备', status: 'full' }]);
  b.checkIn(...roll(10).map((m) => m.memberId), 'q1');
  b.createContest('c1', 1).nominate('c1', ['p1', 'p2']).publish('c1', ['p1', 'p2']);
  b.adoptMethod().appointOfficers(['p10']).confirm('c1');
  b.run({ type: 'CorrectMember', data: { memberId: 'q1', status: 'probationary', reason: '名册录入有误' } });
  b.vote('c1', ballotsWithTotals({ p1: 6, p2: 4 }, 10, 1));
  return b;
}

/**
 * P-10 in America/New_York: the list is published at 22:30 local on 11-17 (03:30 UTC on 11-18), dated by the
 * decider with the local day 11-17; 5 days of notice end on 11-22, and it is confirmed at 20:30 local on 11-22
 * (01:30 UTC on 11-23). The vote is held at 18:30 local on 11-24 (23:30 UTC).
 */
function newYorkMeeting() {
  const b = new MeetingBuilder();
  const clock = clocked(b);
  clock.now = '2026-11-17T23:00:00.000Z';
  b.schedule({ timeZone: 'America/New_York', scheduledFor: '2026-11-24T18:00:00-05:00' });
  b.enrol(roll(10));
  b.createContest('c1', 1).nominate('c1', ['p1', 'p2']);
  clock.now = '2026-11-18T03:30:00.000Z';
  b.run({ type: 'PublishCandidateList', data: { contestId: 'c1', candidateIds: ['p1', 'p2'], noticeDays: 5 } });
  clock.now = '2026-11-23T01:30:00.000Z';
  b.confirm('c1');
  clock.now = '2026-11-24T23:00:00.000Z';
  b.checkIn(...roll(10).map((m) => m.memberId));
  b.adoptMethod().appointOfficers(['p10']);
  clock.now = '2026-11-24T23:30:00.000Z';
  b.vote('c1', ballotsWithTotals({ p1: 6, p2: 4 }, 10, 1));
  return b;
}

/**
 * Rehearsal (contracts' rehearsal.ts): a meeting scheduled for 11-30 (Beijing) and held on 11-24. A real one checks in
 * only after its chair confirmed holding it early (ConfirmEarlyCheckIn); a practice one needs no confirmation.
 */
function heldEarly(practice: boolean) {
  const b = new MeetingBuilder().schedule({ scheduledFor: '2026-11-30', practice });
  b.enrol(roll(10));
  if (!practice) b.run({ type: 'ConfirmEarlyCheckIn', data: {} });
  b.checkIn(...roll(10).map((m) => m.memberId));
  b.createContest('c1', 1).nominate('c1', ['p1', 'p2']).publish('c1', ['p1', 'p2']);
  b.adoptMethod().appointOfficers(['p10']).confirm('c1');
  b.vote('c1', ballotsWithTotals({ p1: 7, p2: 3 }, 10, 1));
  return b;
}

/**
 * P-29 and P-10 as a branch runs them: on 11-17, a week before the meeting, the committee (3 of p1..p4) and its
 * secretary (等额, p1, elected by the committee) get their lists published together with 5 days' notice; a deputy
 * secretary contest created in error is withdrawn (P-15). On 11-24 both lists are confirmed, the meeting elects the
 * committee, and the new committee elects p1 among its members.
 */
function listsAWeekBefore() {
  const b = new MeetingBuilder();
  const clock = clocked(b);
  clock.now = '2026-11-17T02:00:00.000Z';
  b.schedule();
  b.enrol(roll(10));
  b.createContest('committee', 3, { office: 'committee-member' }).nominate('committee', ['p1', 'p2', 'p3', 'p4']);
  b.run({
    type: 'CreateContest',
    data: { contestId: 'secretary', office: 'secretary', seats: 1, mode: 'uncontested' },
  });
  b.run({
    type: 'CreateContest',
    data: { contestId: 'deputy', office: 'deputy-secretary', seats: 1, mode: 'uncontested' },
  });
  b.run({ type: 'WithdrawContest', data: { contestId: 'deputy', reason: '本届不设副书记，误建' } });
  b.nominate('secretary', ['p1']);
  b.run({
    type: 'PublishCandidateList',
    data: { contestId: 'committee', candidateIds: ['p1', 'p2', 'p3', 'p4'], noticeDays: 5 },
  });
  b.run({ type: 'PublishCandidateList', data: { contestId: 'secretary', candidateIds: ['p1'], noticeDays: 5 } });
  clock.now = '2026-11-24T01:00:00.000Z';
  b.checkIn(...roll(10).map((m) => m.memberId));
  b.confirm('committee').confirm('secretary');
  b.adoptMethod().appointOfficers(['p10']);
  b.vote('committee', ballotsWithTotals({ p1: 9, p2: 8, p3: 7, p4: 3 }, 10, 3));
  b.vote('secretary', [ballot(['p1']), ballot(['p1']), ballot([], { against: ['p1'] })]);
  b.run({ type: 'CloseMeeting', data: {} });
  return b;
}

/**
 * Issue 18: the chair lost the link after the count. The chair draws a recovery code, the code mints chair-2
 * (actor: the recovery, not a credential), and chair-2 revokes the lost credential.
 */
function chairRecovered() {
  const b = plainElection();
  b.run({ type: 'SetRecoveryCode', data: { codeHash: 'c'.repeat(64) } });
  b.run(
    { type: 'IssueCredential', data: { credentialId: 'chair-2', role: 'chair', tokenHash: 'd'.repeat(64) } },
    { actor: RECOVERY_ACTOR },
  );
  b.run({ type: 'RevokeCredential', data: { credentialId: CHAIR.id } }, { actor: { role: 'chair', id: 'chair-2' } });
  return b;
}

/**
 * Issue 19, officers hold the pen (P-16/P-17): the chair mints the scrutineer's and 计票人乙's credentials for the
 * appointed officers; the meeting then appoints 计票人丁 in 计票人乙's place, which revokes 计票人乙's credential in
 * the same command; the count follows.
 */
function officersReplaced() {
  const b = readyMeeting({ voters: 10, seats: 2, candidates: 3 });
  b.run({
    type: 'IssueCredential',
    data: { credentialId: 's-p10', role: 'scrutineer', officer: 'p10', tokenHash: 'e'.repeat(64) },
  });
  b.run({
    type: 'IssueCredential',
    data: { credentialId: 't-yi', role: 'teller', officer: '计票人乙', tokenHash: 'f'.repeat(64) },
  });
  b.appointOfficers(['p10'], [{ name: '计票人甲' }, { name: '计票人丁' }]);
  b.vote('c1', ballotsWithTotals({ p1: 8, p2: 6, p3: 3 }, 10, 2));
  return b;
}

/**
 * P-10: the list of p1 and p2 is published on 11-17 and withdrawn on 11-18 (p3 had been left off); p3 is
 * nominated and the list published again that day, its new 5-day notice ending on 11-23; confirmed on the 24th.
 */
function listWithdrawnRepublished() {
  const b = new MeetingBuilder();
  const clock = clocked(b);
  clock.now = '2026-11-17T02:00:00.000Z';
  b.schedule();
  b.enrol(roll(10));
  b.createContest('c1', 2).nominate('c1', ['p1', 'p2']);
  b.run({ type: 'PublishCandidateList', data: { contestId: 'c1', candidateIds: ['p1', 'p2'], noticeDays: 5 } });
  clock.now = '2026-11-18T02:00:00.000Z';
  b.run({ type: 'WithdrawCandidateList', data: { contestId: 'c1', reason: '漏列候选人王五' } });
  b.nominate('c1', ['p3']);
  b.run({ type: 'PublishCandidateList', data: { contestId: 'c1', candidateIds: ['p1', 'p2', 'p3'], noticeDays: 5 } });
  clock.now = '2026-11-24T01:00:00.000Z';
  b.checkIn(...roll(10).map((m) => m.memberId));
  b.confirm('c1');
  b.adoptMethod().appointOfficers(['p10']);
  b.vote('c1', ballotsWithTotals({ p1: 8, p2: 6, p3: 3 }, 10, 2));
  return b;
}

/**
 * P-08b: the 直选大会 m1 adopts for c1 (2 seats) the list its 换届 fixed (p1, p2, p3 for the office `member`), then
 * publishes, confirms and elects p1 and p2 as any meeting does.
 */
function adoptedList() {
  const process = fixedProcess(
    roll(3).map((m) => ({ nomineeId: m.memberId, name: m.name, office: 'member' })),
    { offices: [{ office: 'member', seats: 2 }] },
  );
  const b = new MeetingBuilder();
  b.schedule();
  b.enrol(roll(10));
  b.checkIn(...roll(10).map((m) => m.memberId));
  b.createContest('c1', 2);
  b.run({
    type: 'AdoptCandidateList',
    data: adoptionCommand(process.s, b.state, b.meetingId, { contestId: 'c1', electionId: 'e1' }),
  });
  b.publish('c1', ['p1', 'p2', 'p3']);
  b.adoptMethod().appointOfficers(['p10']);
  b.confirm('c1');
  b.vote('c1', ballotsWithTotals({ p1: 8, p2: 6, p3: 3 }, 10, 2));
  return b;
}

/**
 * A 公推大会 (ruleset recommendation, P-06, P-09): 60 on the roll (34 full members, 2 probationary, 20 masses'
 * representatives, 4 invited deputies), 56 present; a recommendation ballot of up to 5 names among 8 preliminary
 * candidates, papers by category (34 members', 18 masses', 4 deputies'), one over-vote, one blank, one write-in;
 * then a trust ballot on the 3 members of the outgoing committee. m2 has exactly 28 of 56: not passing (P-09).
 */
/**
 * A village's voter list (V-02, V-03): four voters registered weeks ahead (one admitted by the assembly's decision),
 * the list published 23 days before the day, an objection received and decided a day late, the voter removed; then
 * the 主任's contest created and v3 nominated.
 */
export function voterListVillage() {
  const b = new MeetingBuilder().schedule({ ruleset: 'village-committee', at: '2026-10-01T02:00:00.000Z' });
  const at = (day: string) => ({ now: `${day}T02:00:00.000Z` });
  b.run(
    {
      type: 'RegisterVoters',
      data: {
        voters: [
          { memberId: 'v1', name: '王秀英', basis: 'resident', sex: 'female', household: '0001' },
          { memberId: 'v2', name: '李建国', basis: 'away', sex: 'male', household: '0001' },
          { memberId: 'v3', name: '张桂兰', basis: 'admitted', admission: '村民代表会议〔2026〕3号' },
          { memberId: 'v4', name: '赵强', basis: 'resident' },
        ],
      },
    },
    at('2026-10-20'),
  );
  b.run({ type: 'PublishVoterList', data: {} }, at('2026-11-01'));
  b.run(
    {
      type: 'ReceiveVoterObjection',
      data: { objectionId: 'o1', objector: '赵六', memberId: 'v2', claim: 'wrongly-listed', detail: '已迁往外省' },
    },
    at('2026-11-02'),
  );
  b.run(
    { type: 'DecideVoterObjection', data: { objectionId: 'o1', upheld: true, reason: '核实已迁出' } },
    at('2026-11-06'),
  );
  b.run({ type: 'RemoveVoter', data: { memberId: 'v2', reason: '异议o1成立：已迁出' } }, at('2026-11-06'));
  b.run({ type: 'CreateContest', data: { contestId: 'director', office: 'director', seats: 1 } }, at('2026-11-07'));
  b.run(
    { type: 'Nominate', data: { contestId: 'director', nomineeId: 'v3', route: 'organisation' } },
    at('2026-11-07'),
  );
  return b;
}

/**
 * R-01: a residents' committee elected by 2–3 representatives per group: A (r1 r2) and B (r3 r4 r5) registered, the
 * list published, then r5 (group B's third) removed, leaving B its two.
 */
function groupRepresentatives() {
  const b = new MeetingBuilder().schedule({
    ruleset: 'residents-committee',
    parameters: { residentsElectorate: 'group-representatives' },
    at: '2026-10-01T02:00:00.000Z',
  });
  const at = (day: string) => ({ now: `${day}T02:00:00.000Z` });
  const rep = (memberId: string, group: string) => ({ memberId, name: `居民${memberId}`, basis: 'resident', group });
  b.run(
    {
      type: 'RegisterVoters',
      data: { voters: [rep('r1', 'A'), rep('r2', 'A'), rep('r3', 'B'), rep('r4', 'B'), rep('r5', 'B')] },
    },
    at('2026-10-20'),
  );
  b.run({ type: 'PublishVoterList', data: {} }, at('2026-11-01'));
  b.run({ type: 'RemoveVoter', data: { memberId: 'r5', reason: '迁出本社区' } }, at('2026-11-06'));
  return b;
}

export function recommendationMeeting() {
  const b = new MeetingBuilder();
  b.schedule({ ruleset: 'recommendation', title: '第一党支部换届公推大会', parameters: { recommendationMaxNames: 5 } });
  const people = [
    ...roll(34, { prefix: 'm' }),
    ...roll(2, { prefix: 'q', status: 'probationary', nameOffset: 40 }),
    ...roll(20, { prefix: 'a', nameOffset: 50 }).map((m) => ({ ...m, category: 'masses' as const })),
    ...roll(4, { prefix: 'd', nameOffset: 80 }).map((m) => ({ ...m, category: 'deputy' as const })),
  ];
  b.enrol(people);
  const absent = new Set(['m33', 'm34', 'a19', 'a20']);
  b.checkIn(...people.map((m) => m.memberId).filter((id) => !absent.has(id)));
  b.adoptMethod().appointOfficers(['a18']);
  const preliminary = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8'];
  b.run({ type: 'CreateContest', data: { contestId: 'rec', office: '支部委员', seats: 5, ballot: 'recommendation' } });
  b.nominate('rec', preliminary).publish('rec', preliminary, { noticeDays: 0 }).confirm('rec');
  b.run({ type: 'CreateContest', data: { contestId: 'trust', office: '支部委员', seats: 3, ballot: 'trust' } });
  b.nominate('trust', ['m9', 'm10', 'm11']).publish('trust', ['m9', 'm10', 'm11'], { noticeDays: 0 }).confirm('trust');
  const paper = (i: number) => (i < 34 ? 'member' : i < 52 ? 'masses' : 'deputy');
  b.openRound('rec');
  for (let i = 0; i < 56; i++) {
    const names = [
      ...(i % 4 !== 0 ? ['m1'] : []),
      ...(i % 2 === 0 ? ['m2'] : []),
      ...(i % 3 === 0 ? ['m3'] : []),
      ...(i % 7 === 0 ? ['m4'] : []),
      ...(i < 10 ? ['m5'] : []),
    ];
    const marks = Object.fromEntries((i === 55 ? preliminary : i === 53 ? [] : names).map((id) => [id, 'for']));
    const writeIns = i === 51 ? ['m20'] : [];
    b.run(
      { type: 'RecordBallot', data: { contestId: 'rec', round: 1, ballotNo: i + 1, marks, writeIns, paper: paper(i) } },
      { actor: TELLER_1 },
    );
  }
  b.closeRound('rec');
  b.declare('rec');
  b.openRound('trust');
  const rating = ['for', 'for', 'abstain', 'against'] as const;
  for (let i = 0; i < 56; i++) {
    const marks = { m9: rating[i % 4]!, m10: rating[(i + 1) % 4]!, m11: 'for' as const };
    b.run(
      { type: 'RecordBallot', data: { contestId: 'trust', round: 1, ballotNo: i + 1, marks, paper: paper(i) } },
      { actor: TELLER_1 },
    );
  }
  b.closeRound('trust');
  b.declare('trust');
  return b;
}

// ---------------------------------------------------------------- forging

/** Re-hashes every event from `from` on, revisions renumbered, as a forger rewriting the store would. */
export function rechain(events: ChainedEvent[], from: number): ChainedEvent[] {
  const prev = from === 0 ? GENESIS_HASH : events[from - 1]!.metadata.hash;
  const tail = chainEvents(
    prev,
    events.slice(from).map((e, i) => {
      const { prevHash: _p, hash: _h, ...metadata } = e.metadata;
      return { type: e.type, data: e.data, metadata: { ...metadata, revision: from + i } };
    }),
  );
  return [...events.slice(0, from), ...tail];
}

type Pick = (e: ChainedEvent) => boolean;
const is = (type: string, where: (d: Record<string, unknown>) => boolean = () => true, nth = 0): Pick => {
  let seen = 0;
  return (e) => e.type === type && where(e.data as Record<string, unknown>) && seen++ === nth;
};

function indexOf(events: ChainedEvent[], pick: Pick, name: string): number {
  const k = events.findIndex(pick);
  if (k < 0) throw new Error(`corpus ${name}: no event to forge`);
  return k;
}

/** One event changed in place; the verifier must stop at it (or at `blame`, counted from it) with `rule`. */
function forge(
  name: string,
  genuine: ChainedEvent[],
  pick: Pick,
  change: (e: ChainedEvent) => void,
  rule: string,
  what: string,
  blame: Pick | null = null,
): CorpusLog {
  const events = JSON.parse(JSON.stringify(genuine)) as ChainedEvent[];
  const k = indexOf(events, pick, name);
  change(events[k]!);
  const forged = rechain(events, k);
  const revision = blame ? indexOf(forged.slice(k), blame, name) + k : k;
  return { name, events: forged, forged: { revision, rule, what } };
}

/**
 * Several events changed together, as a forger keeping the log consistent with itself would (both entries of a
 * double-entered ballot and the declaration that counts it); the verifier must stop at `blame`.
 */
function forgeAll(
  name: string,
  genuine: ChainedEvent[],
  changes: [Pick, (e: ChainedEvent) => void][],
  rule: string,
  what: string,
  blame: Pick,
): CorpusLog {
  const events = JSON.parse(JSON.stringify(genuine)) as ChainedEvent[];
  const ks = changes.map(([pick, change]) => {
    const k = indexOf(events, pick, name);
    change(events[k]!);
    return k;
  });
  const forged = rechain(events, Math.min(...ks));
  return { name, events: forged, forged: { revision: indexOf(forged, blame, name), rule, what } };
}

/** One event inserted after the picked one. */
function insert(
  name: string,
  genuine: ChainedEvent[],
  after: Pick,
  make: (e: ChainedEvent) => ChainedEvent,
  rule: string,
  what: string,
): CorpusLog {
  const events = JSON.parse(JSON.stringify(genuine)) as ChainedEvent[];
  const k = indexOf(events, after, name);
  const extra = make(JSON.parse(JSON.stringify(events[k])) as ChainedEvent);
  extra.metadata.commandId = `forged-${k + 1}`;
  events.splice(k + 1, 0, extra);
  return { name, events: rechain(events, k + 1), forged: { revision: k + 1, rule, what } };
}

const data = (e: ChainedEvent) => e.data as Record<string, unknown>;
const round = (n: number) => (d: Record<string, unknown>) => d.round === n;

/**
 * V-11: a village poll: 20 registered, 主任 and 委员 on one paper, 9 papers at the central meeting and 3 in a mobile
 * box, every paper keyed from its box, both rounds closed on the boxes together and the director's declared.
 */
function villagePoll() {
  const b = counted();
  key(b, 'central', 1, 9);
  key(b, 'box1', 100, 3);
  b.run(close('director', 12));
  b.run(close('committee', 12));
  b.run({ type: 'DeclareResult', data: { contestId: 'director', round: 1 } });
  return b;
}

export function buildCorpus(): CorpusLog[] {
  const g = {
    plain: plain(plainElection()),
    tie: plain(tieElection([{ p2: 7, p3: 3 }])),
    tieAgain: plain(
      tieElection([
        { p2: 5, p3: 5 },
        { p2: 6, p3: 4 },
      ]),
    ),
    tieZero: plain(tieElection([{ p2: 10, p3: 0 }])),
    supplementary: plain(supplementaryElection()),
    vacancy: plain(vacancyElection()),
    voidRound: plain(voidRoundElection()),
    exclusion: plain(exclusionElection()),
    departure: plain(departureElection()),
    twoStage: plain(twoStageElection()),
    e9: plain(e9Village()),
    e10: plain(e10Style()),
    simple: plain(simpleMajority()),
    partyGroup: plain(partyGroup()),
    partyGroupCandidates: plain(partyGroupCandidates()),
    reopened: plain(reopenedElection()),
    withdrawalStands: plain(withdrawalStands()),
    withdrawalRepublished: plain(withdrawalRepublished()),
    memberCorrected: plain(memberCorrected()),
    newYork: plain(newYorkMeeting()),
    fewerIssued: plain(fewerIssuedElection()),
    closedUnfinished: plain(closedUnfinished()),
    heldEarly: plain(heldEarly(false)),
    practiceEarly: plain(heldEarly(true)),
    chairRecovered: plain(chairRecovered()),
    listsAWeekBefore: plain(listsAWeekBefore()),
    listWithdrawnRepublished: plain(listWithdrawnRepublished()),
    officersReplaced: plain(officersReplaced()),
    recommendation: plain(recommendationMeeting()),
    adoptedList: plain(adoptedList()),
    approvedOrder: plain(approvedOrderElection()),
    villageProxies: plain(villageProxies()),
    voterList: plain(voterListVillage()),
    groupRepresentatives: plain(groupRepresentatives()),
    villageOffices: plain(villageOffices()),
    villagePoll: plain(villagePoll()),
    villageWriteIn: plain(villageWriteInShortfall()),
    committeeWriteIn: plain(committeeWriteIn(false)),
  };
  const genuine: CorpusLog[] = Object.entries(g).map(([name, events]) => ({ name, events }));

  const forged: CorpusLog[] = [
    forge(
      'a published proxy list that still names a revoked principal',
      g.villageProxies,
      is('ProxyListPublished'),
      (e) => {
        data(e).principals = ['p8', 'p9'];
      },
      'V-10',
      'the list published is the authorisations in force',
    ),
    insert(
      'a written proxy recorded in a party meeting',
      g.plain,
      is('MemberEnrolled', () => true, 9),
      (e) => ({
        ...e,
        type: 'ProxyAuthorised',
        data: { principalId: 'p1', proxyId: 'p2', relation: 'spouse', reference: '委001' },
      }),
      'P-19',
      'an absent party member cannot authorise another to vote',
    ),
    forge(
      'a voter admitted (V-02 三) with the assembly decision struck out',
      g.voterList,
      is('VoterRegistered', (d) => d.basis === 'admitted'),
      (e) => {
        delete data(e).admission;
      },
      'V-02',
      'a voter registered on the third ground needs the assembly decision admitting them',
    ),
    forge(
      'an objection decided four days after receipt recorded as in time',
      g.voterList,
      is('VoterObjectionDecided'),
      (e) => {
        data(e).late = false;
      },
      'V-03',
      'a decision later than 3 days after receipt is recorded as late',
    ),
    forge(
      '票数相加 left out: the 副主任 declared on its own votes (p12 4, nobody elected)',
      g.villageOffices,
      is('ResultDeclared', (d) => d.contestId === 'deputy'),
      (e) => {
        const d = data(e);
        d.tally = (d.tally as { candidateId: string; for: number; parts?: unknown }[]).map(({ parts: _p, ...t }) =>
          t.candidateId === 'p12' ? { ...t, for: 4 } : t,
        );
        d.elected = [];
        delete d.summedFrom;
      },
      'V-11a',
      'p12 was not elected 主任 in its first round: its 4 votes there add to the 副主任 4, 8 of a bar of 7',
    ),
    forge(
      'a new election due in a year instead of six months',
      g.villageOffices,
      is('NewElectionDue'),
      (e) => {
        const d = data(e);
        d.withinMonths = 12;
      },
      'V-11',
      'the ruleset pins 6 months (半年内)',
    ),
    forge(
      'a 代写 writer who is a candidate',
      g.villageOffices,
      is('AssistedWritingRecorded'),
      (e) => {
        data(e).writerId = 'p13';
      },
      'P-19',
      'p13 stands for 副主任; a writer may not be a candidate',
    ),
    forge(
      'a village voter given a second paper in the same poll, at the mobile box',
      g.villagePoll,
      is('BallotIssued', (d) => d.memberId === 'p10'),
      (e) => {
        data(e).memberId = 'p1';
      },
      'V-11c',
      'one paper per voter per poll (p1 signed at the central meeting)',
    ),
    forge(
      'a village paper handed to a proxy when no list of principals and proxies was published',
      g.villagePoll,
      is('BallotIssued', (d) => d.memberId === 'p11'),
      (e) => {
        data(e).proxyFor = 'p20';
      },
      'V-10',
      'a proxy collects a paper only once the list is published, and only as the authorised proxy',
    ),
    forge(
      'a sealed mobile box recorded with more papers issued than it issued',
      g.villagePoll,
      is('BallotBoxSealed', (d) => d.stationId === 'box1'),
      (e) => {
        data(e).issued = 5;
      },
      'P-21',
      'the papers issued at a box are what its return is held to',
    ),
    forge(
      'an adopted candidate renamed: the adoption names someone the roll does not hold under that name',
      g.adoptedList,
      is('CandidateListAdopted'),
      (e) => {
        (data(e).candidates as { name: string }[])[2]!.name = '王五五';
      },
      'P-08b',
      "the 换届's nominee ids are the roll's member ids, under the roll's names",
    ),
    forge(
      'a preliminary candidate flagged as passing with half the recommendation ballots',
      g.recommendation,
      is('ResultDeclared', (d) => d.contestId === 'rec'),
      (e) => {
        const r = data(e).recommendation as { lines: { candidateId: string; passed: boolean }[] };
        r.lines.find((l) => l.candidateId === 'm2')!.passed = true;
      },
      'P-09',
      'm2 has 28 of 56 recommendation ballots, exactly half: strictly more than half is needed',
    ),
    forge(
      "a masses' paper keyed as a member's: the per-category figures declared no longer add up",
      g.recommendation,
      is('BallotRecorded', (d) => d.contestId === 'rec' && d.ballotNo === 40),
      (e) => {
        data(e).paper = 'member';
      },
      'P-09',
      "ballot 40 is a masses' paper; the declaration counts it among the masses'",
      is('ResultDeclared', (d) => d.contestId === 'rec'),
    ),
    forge(
      'a trust ballot with a rating moved from 不信任 to 信任 after the count',
      g.recommendation,
      is('ResultDeclared', (d) => d.contestId === 'trust'),
      (e) => {
        const r = data(e).recommendation as {
          lines: { candidateId: string; votes: { member: number; all: number } }[];
        };
        const m9 = r.lines.find((l) => l.candidateId === 'm9')!;
        m9.votes.member++;
        m9.votes.all++;
      },
      'P-09',
      'the trust ratings declared for m9 are not what the papers say',
    ),
    forge(
      'a rehearsal passed off as the real meeting',
      g.practiceEarly,
      is('MeetingScheduled'),
      (e) => {
        data(e).practice = false;
      },
      'CHECK_IN_BEFORE_MEETING_DAY',
      'practice true → false: a real meeting dated 11-30 checked in on 11-24 without its chair confirming it early',
      is('MemberCheckedIn'),
    ),
    forge(
      'the recovery code minting a teller',
      g.chairRecovered,
      is('CredentialIssued', (d) => d.credentialId === 'chair-2'),
      (e) => {
        data(e).role = 'teller';
      },
      'ACTOR_NOT_CREDENTIALED',
      'a recovery issues a chair credential only',
    ),
    forge(
      "a teller's credential under a name the meeting did not appoint",
      g.officersReplaced,
      is('CredentialIssued', (d) => d.credentialId === 't-yi'),
      (e) => {
        data(e).name = '王五';
      },
      'P-17',
      'the credential of 计票人乙 carries the name as appointed, not 王五',
    ),
    forge(
      'a new appointment that keeps the replaced teller yet revokes his pen',
      g.officersReplaced,
      is('OfficersAppointed', () => true, 1),
      (e) => {
        data(e).tellers = [{ name: '计票人甲' }, { name: '计票人乙' }];
      },
      'P-17',
      '计票人乙 is still appointed: his credential stands',
      is('CredentialRevoked'),
    ),
    forge(
      'attendance snapshot lowered in RoundOpened',
      g.plain,
      is('RoundOpened'),
      (e) => Object.assign(data(e), { presentVoters: 9, ballotsIssued: 9 }),
      'P-24',
      'presentVoters 10 → 9: the threshold would drop',
    ),
    forge(
      'more ballots issued than voters present',
      g.fewerIssued,
      is('RoundOpened'),
      (e) => {
        data(e).ballotsIssued = 11;
      },
      'P-21',
      '11 ballots issued to 10 voters present',
    ),
    forge(
      'exclusion without a majority of those present',
      g.exclusion,
      is('MemberExcluded'),
      (e) => {
        data(e).meetingVote = { for: 4, against: 5, abstain: 0 };
      },
      'P-04',
      '4 of 9 for',
    ),
    forge(
      'exclusion for a reason no approval covers',
      g.exclusion,
      is('MemberExcluded'),
      (e) => {
        data(e).reason = 'on-holiday';
      },
      'P-04',
      'reason outside the approved list',
    ),
    forge(
      'ballot keyed by a chair credential',
      g.plain,
      is('BallotRecorded'),
      (e) => {
        e.metadata.actor = { role: 'chair', id: 'chair-1' };
        data(e).teller = 'chair-1';
      },
      'ACTOR_NOT_PERMITTED',
      'the chair may not key ballots',
    ),
    forge(
      'ballot keyed by a kiosk credential claiming to be a teller',
      g.plain,
      is('BallotRecorded'),
      (e) => {
        e.metadata.actor = { role: 'teller', id: 'kiosk-1' };
        data(e).teller = 'kiosk-1';
      },
      'ACTOR_NOT_CREDENTIALED',
      'kiosk-1 was issued to a kiosk',
    ),
    forge(
      'ballot keyed by a teller credential never issued',
      g.plain,
      is('BallotRecorded'),
      (e) => {
        e.metadata.actor = { role: 'teller', id: 'teller-9' };
        data(e).teller = 'teller-9';
      },
      'ACTOR_NOT_CREDENTIALED',
      'no such credential',
    ),
    // A write-in of a listed candidate is recorded as read out and void on its own (P-22): keying it is no forgery,
    // counting it is. The verifier stops where the count says so.
    forgeAll(
      'write-in of a listed candidate counted',
      g.plain,
      [
        [
          is('BallotRecorded', (d) => d.ballotNo === 1, 0),
          (e) => {
            data(e).writeIns = ['p3'];
          },
        ],
        [
          is('BallotRecorded', (d) => d.ballotNo === 1, 1),
          (e) => {
            data(e).writeIns = ['p3'];
          },
        ],
        [
          is('ResultDeclared'),
          (e) => {
            (data(e).tally as { candidateId: string; for: number }[]).find((t) => t.candidateId === 'p3')!.for += 1;
          },
        ],
      ],
      'P-24',
      'p3 is on the ballot: the write-in is void, yet the declaration counts it',
      is('ResultDeclared'),
    ),
    forge(
      'declaration that contradicts the tally',
      g.plain,
      is('ResultDeclared'),
      (e) => {
        data(e).elected = ['p1', 'p3'];
      },
      'P-24',
      'p3 elected with 3 of 10',
    ),
    forge(
      'a party-group name declared passed with a majority of those present, not of the members',
      g.partyGroup,
      is('ResultDeclared'),
      (e) => {
        Object.assign(data(e), { threshold: 4, elected: [...(data(e).elected as string[]), 'p4'] });
      },
      'PG-02',
      'p4 passed with 4 of the 7 present; the rule asks more than half of the 9 members (5)',
    ),
    forge(
      'a party-group round opened as if only those present were the members',
      g.partyGroup,
      is('RoundOpened'),
      (e) => {
        data(e).expected = 7;
      },
      'PG-02',
      'expected 9 → 7: the majority of members would drop from 5 to 4',
    ),
    forge(
      'a person voted on by a party group checked in as if a member of the body',
      g.partyGroupCandidates,
      is('MemberCheckedIn', (d) => d.memberId === 'p6'),
      (e) => {
        data(e).memberId = 'x1';
      },
      'PG-04',
      'p6 → x1: a name voted on is no member of the body and never checks in',
    ),
    forge(
      'a party-group round opened counting the persons voted on among the members',
      g.partyGroupCandidates,
      is('RoundOpened'),
      (e) => {
        data(e).expected = 14;
      },
      'PG-02',
      'expected 9 → 14: the majority of members would rise from 5 to 8',
    ),
    forge(
      'declared tally changed, elected kept',
      g.plain,
      is('ResultDeclared'),
      (e) => {
        (data(e).tally as { for: number }[])[2]!.for += 1;
      },
      'P-24',
      'one more vote for the third line',
    ),
    forge(
      'list confirmed against P-12',
      g.plain,
      is('CandidateListPublished'),
      (e) => {
        data(e).candidateIds = (data(e).candidateIds as string[]).filter((id) => id !== 'p3');
      },
      'P-12',
      '2 candidates for 2 seats',
      is('CandidateListConfirmed'),
    ),
    ((): CorpusLog => {
      // P-05 under the preset's own 4/5: p9 left (9 of 10, 45 > 40); a second departure, p8, leaves 8 (40 > 40 is
      // false) before the round opens, and the opening stands in the log as if the quorum held.
      const name = 'round opened without quorum';
      const events = JSON.parse(JSON.stringify(g.departure)) as ChainedEvent[];
      const k = indexOf(
        events,
        is('MemberDeparted', (d) => d.memberId === 'p9'),
        name,
      );
      const second = JSON.parse(JSON.stringify(events[k])) as ChainedEvent;
      second.data = { memberId: 'p8' };
      second.metadata.commandId = `forged-${k + 1}`;
      events.splice(k + 1, 0, second);
      const forged = rechain(events, k + 1);
      return {
        name,
        events: forged,
        forged: {
          revision: indexOf(forged, is('RoundOpened'), name),
          rule: 'P-05',
          what: 'the round opens with 8 of 10 present, where 4/5 needs more than 8',
        },
      };
    })(),
    forge(
      // The rules themselves edited (P-05): a quorum no parameter gives is refused where it is pinned.
      'a pinned quorum of 9/10 in place of 4/5',
      g.departure,
      is('MeetingScheduled'),
      (e) => {
        Object.assign((data(e).ruleset as Record<string, unknown>).quorum as object, {
          num: 9,
          den: 10,
          inclusive: false,
        });
      },
      'RULESET_INVALID',
      'MeetingScheduled pins a cpc-branch ruleset whose quorum is not the preset’s',
    ),
    insert(
      'ballot added after the round closed',
      g.plain,
      is('RoundClosed'),
      () => ({
        type: 'BallotRecorded',
        data: { contestId: 'c1', round: 1, ballotNo: 11, marks: { p3: 'for' }, writeIns: [], teller: 'teller-1' },
        metadata: { ...g.plain.find((e) => e.type === 'BallotRecorded')!.metadata },
      }),
      'P-21',
      'ballot 11 after RoundClosed',
    ),
    insert(
      'a second 批复 of the secretary under another reference',
      g.twoStage,
      is('ApprovalRecorded'),
      (e) => {
        data(e).reference = '上级党委批复〔2026〕4号';
        return e;
      },
      'ALREADY_APPROVED',
      'the secretary’s result approved again under 〔2026〕4号 after 〔2026〕3号',
    ),
    forge(
      // R-01: once the list is published, no removal leaves a residents' group short of its two representatives.
      'a residents’ group left with one representative after the list was published',
      g.groupRepresentatives,
      is('VoterRemoved'),
      (e) => {
        data(e).memberId = 'r1';
      },
      'R-01',
      'r1 removed, leaving group A with r2 alone',
    ),
    forge(
      // V-03: a voter removed from the list stands for nothing (dead, deprived of political rights, moved away).
      'a village voter removed from the list, nominated for 主任',
      g.voterList,
      is('NominationReceived', (d) => d.nomineeId === 'v3'),
      (e) => {
        data(e).nomineeId = 'v2';
      },
      'V-03',
      'v2, removed after the upheld objection, nominated for 主任',
    ),
    insert(
      // P-19: no proxy voting at a party meeting; a ballot is written (代写) only for a voter who came.
      'a 代写 recorded for a member who had not checked in',
      g.plain,
      is('MemberCheckedIn', (d) => d.memberId === 'p1'),
      (e) => {
        e.type = 'AssistedWritingRecorded';
        e.data = { voterId: 'p2', writerId: 'p1' };
        return e;
      },
      'P-19',
      'p1 writes the ballot of p2, who is not at the meeting',
    ),
    insert(
      'a departure recorded for a member who had not checked in',
      g.plain,
      is('MemberCheckedIn', (d) => d.memberId === 'p1'),
      (e) => {
        e.type = 'MemberDeparted';
        e.data = { memberId: 'p2' };
        return e;
      },
      'NOT_CHECKED_IN',
      'p2 leaves before checking in',
    ),
    forge(
      'check-in with another member\u2019s member credential',
      g.twoStage,
      is('MemberCheckedIn', (d) => d.memberId === 'p5'),
      (e) => {
        data(e).memberId = 'p7';
      },
      'ACTOR_NOT_CREDENTIALED',
      'p5\u2019s link checks in p7',
    ),
    forge(
      'a phone check-in with a venue window an hour before its time',
      g.twoStage,
      is('MemberCheckedIn', (d) => d.memberId === 'p5'),
      (e) => {
        data(e).venueWindow = 59850360 - 120;
      },
      'P-05',
      'venueWindow 59850360 → 59850240: the code shown an hour before cannot prove presence now',
    ),
    forge(
      'a phone check-in with its venue window taken out',
      g.twoStage,
      is('MemberCheckedIn', (d) => d.memberId === 'p5'),
      (e) => {
        delete data(e).venueWindow;
      },
      'P-05',
      "a member's own check-in without a venue code",
    ),
    forge(
      'RoundRequired with the wrong candidates (supplementary)',
      g.supplementary,
      is('RoundRequired'),
      (e) => {
        data(e).candidates = ['p3'];
      },
      'P-27',
      'p2 left out',
    ),
    forge(
      // V-08: "第一次投票未当选的人员得票多的为候选人": the written-in p9 (5) stands before the listed p3 (1).
      'a village 另行选举 among the listed candidates only, leaving out the written-in p9',
      g.villageWriteIn,
      is('RoundRequired'),
      (e) => {
        data(e).candidates = ['p2', 'p3'];
      },
      'V-08',
      'p3 (1 vote) in place of p9 (5 votes, written in)',
    ),
    ((): CorpusLog => {
      // P-29: the committee's secretary is one of its members; write-ins of p9, outside it, were counted and p9 declared.
      const name = 'a secretary declared on write-ins of a member outside the committee';
      const events = plain(committeeWriteIn(true));
      return {
        name,
        events,
        forged: {
          revision: indexOf(
            events,
            is('ResultDeclared', (d) => d.contestId === 'secretary'),
            name,
          ),
          // The write-ins void (P-29, P-22), the decider's declaration elects nobody: refused under P-24.
          rule: 'P-24',
          what: 'p9 elected by the committee on 2 write-ins, though not a member of it',
        },
      };
    })(),
    forge(
      'RoundRequired with the wrong candidates (tie)',
      g.tie,
      is('RoundRequired'),
      (e) => {
        data(e).candidates = ['p2', 'p4'];
      },
      'P-26',
      'p4 instead of p3',
    ),
    forge(
      'vacancy without consent',
      g.vacancy,
      is('SeatsLeftVacant'),
      (e) => {
        data(e).vote = { for: 4, against: 5, abstain: 1 };
      },
      'P-28',
      '4 of 10 consent',
    ),
    forge(
      'publication dated in the future',
      g.plain,
      is('CandidateListPublished'),
      (e) => {
        data(e).publishedOn = '2026-12-01';
      },
      'P-10',
      'published a week after it was recorded',
    ),
    forge(
      "the deputy secretaries' supplementary round put back into stroke order",
      g.approvedOrder,
      is('RoundRequired', (d) => d.contestId === 'deputy'),
      (e) => {
        data(e).candidates = ['p3', 'p1'];
      },
      'P-27',
      'p3 (王五) before p1 (张三): the supplementary round keeps the approved order of the list (P-18)',
    ),
    forge(
      'candidate list not in stroke order',
      g.plain,
      is('CandidateListPublished'),
      (e) => {
        (data(e).candidateIds as string[]).reverse();
      },
      'P-18',
      'order reversed',
    ),
    forge(
      'void round recorded as valid',
      g.voidRound,
      is('RoundClosed'),
      (e) => {
        data(e).status = 'valid';
        delete data(e).rule;
      },
      'P-21',
      '11 returned of 10 issued',
    ),
    forge(
      'the same teller keys a ballot twice',
      g.plain,
      is('BallotRecorded', (d) => d.teller === 'teller-2'),
      (e) => {
        e.metadata.actor = TELLER_1;
        data(e).teller = TELLER_1.id;
      },
      'P-21',
      'double entry by one teller',
    ),
    forgeAll(
      'write-in in a tie re-vote counted',
      g.tie,
      [
        [
          is('BallotRecorded', (d) => d.round === 2 && d.ballotNo === 1, 0),
          (e) => {
            data(e).writeIns = ['p5'];
          },
        ],
        [
          is('BallotRecorded', (d) => d.round === 2 && d.ballotNo === 1, 1),
          (e) => {
            data(e).writeIns = ['p5'];
          },
        ],
        [
          is('ResultDeclared', round(2)),
          (e) => {
            (data(e).tally as unknown[]).push({ candidateId: 'p5', for: 1, against: 0, abstain: 0 });
          },
        ],
      ],
      'P-26',
      'a re-vote is among the tied only: the write-in is void, yet the declaration counts it',
      is('ResultDeclared', round(2)),
    ),
    ((): CorpusLog => {
      // PG-01 on an empty roll: two thirds of nobody (3 × 0 ≥ 2 × 0) is no quorum, so the method the genuine party
      // group adopted cannot be adopted by a body with no member present.
      const empty = plain(
        new MeetingBuilder().schedule({ ruleset: 'party-group', parameters: { memberQuorum: 'two-thirds' } }),
      );
      const adopted = g.partyGroup.find((e) => e.type === 'ElectionMethodAdopted')!;
      return insert(
        'a method adopted by a party group with no member on its roll',
        empty,
        (e) => e.metadata.revision === empty.length - 1,
        (e) => ({
          type: adopted.type,
          data: { ...data(adopted), vote: { for: 0, against: 0, abstain: 0 } },
          metadata: { ...e.metadata, actor: adopted.metadata.actor },
        }),
        'PG-01',
        'ElectionMethodAdopted with nobody on the roll',
      );
    })(),
    ((): CorpusLog => {
      // Everything recorded under the system's name and the creation's commandId: the system only creates the meeting.
      const events = JSON.parse(JSON.stringify(g.plain)) as ChainedEvent[];
      const first = events[0]!.metadata.commandId;
      for (const e of events) {
        e.metadata.commandId = first;
        e.metadata.actor = SYSTEM;
      }
      const revision = events.findIndex((e) => e.type !== 'MeetingScheduled' && e.type !== 'CredentialIssued');
      return {
        name: 'the whole meeting recorded as the system creating it',
        events: rechain(events, 0),
        forged: { revision, rule: 'ACTOR_NOT_PERMITTED', what: `${events[revision]!.type} under the system` },
      };
    })(),
    ((): CorpusLog => {
      // The confirmation re-timed past the notice (P-10 is decided at the recorded time): the next event then
      // runs backwards, so the re-timing shows.
      const events = JSON.parse(JSON.stringify(g.plain)) as ChainedEvent[];
      const k = events.findIndex((e) => e.type === 'CandidateListConfirmed');
      events[k]!.metadata.recordedAt = '2026-11-26T09:00:00.000Z';
      return {
        name: 'confirmation re-timed two days later',
        events: rechain(events, k),
        forged: {
          revision: k + 1,
          rule: 'TIME_RUNS_BACKWARDS',
          what: 'the event after it is recorded two days earlier',
        },
      };
    })(),
    forge(
      'secretary nominee outside the elected committee',
      g.twoStage,
      is('NominationReceived', (d) => d.contestId === 'secretary'),
      (e) => {
        data(e).nomineeId = 'p4';
      },
      'P-29',
      'p4 was not elected to the committee',
    ),
    forge(
      'scrutineer who is a candidate',
      g.plain,
      is('OfficersAppointed'),
      (e) => {
        data(e).scrutineers = ['p1'];
      },
      'P-16',
      'p1 stands in c1',
    ),
    forge(
      'the system acting after the meeting was created',
      g.plain,
      is('RoundOpened'),
      (e) => {
        e.metadata.actor = SYSTEM;
      },
      'ACTOR_NOT_PERMITTED',
      'no credential behind OpenRound',
    ),
    forge(
      'E9 supplementary winner declared not elected',
      g.e9,
      is('ResultDeclared', round(2)),
      (e) => {
        data(e).elected = [];
      },
      'V-08',
      '330 of 600 elects X',
    ),
    forge(
      'E9 first round declared valid against the turnout',
      g.e9,
      is('RoundClosed', round(1)),
      (e) => {
        data(e).ballotsReturned = 590;
      },
      'V-06',
      '590 of 1,200 registered',
    ),
    forge(
      'tie re-vote declared for a candidate with 0 votes',
      g.tieZero,
      is('ResultDeclared', round(2)),
      (e) => {
        data(e).elected = ['p3'];
      },
      'P-26',
      'p3 had 0 votes',
    ),
    forge(
      'member enrolled twice in one roll',
      g.plain,
      is('MemberEnrolled', (d) => d.memberId === 'p2'),
      (e) => {
        data(e).memberId = 'p1';
      },
      'DUPLICATE_MEMBER',
      'p1 twice',
    ),

    // Mending (ReopenRound, CorrectMember, WithdrawCandidate) and its limits.
    insert(
      'ballot corrected after the result was declared',
      g.reopened,
      is('ResultDeclared'),
      (e) => ({
        type: 'BallotEntryCorrected',
        data: {
          contestId: 'c1',
          round: 1,
          ballotNo: 2,
          marks: { p2: 'for' },
          writeIns: [],
          reason: '监票人核对原票',
          scrutineer: SCRUTINEER.id,
        },
        metadata: { ...e.metadata, actor: SCRUTINEER },
      }),
      'P-15',
      'the result was announced (P-15 step 10): its count is fixed',
    ),
    insert(
      'round reopened after its result was declared',
      g.reopened,
      is('ResultDeclared'),
      (e) => ({
        type: 'RoundReopened',
        data: { contestId: 'c1', round: 1, reason: REOPEN_REASON },
        metadata: e.metadata,
      }),
      'P-15',
      'nothing reopens an announced result',
    ),
    insert(
      'an earlier round reopened after its re-run closed',
      g.voidRound,
      is('RoundClosed', round(2)),
      (e) => ({
        type: 'RoundReopened',
        data: { contestId: 'c1', round: 1, reason: REOPEN_REASON },
        metadata: e.metadata,
      }),
      'P-21',
      'round 1 was void and re-run as round 2',
    ),
    insert(
      'member corrected after the first round opened',
      g.plain,
      is('RoundOpened'),
      (e) => ({
        type: 'MemberCorrected',
        data: { memberId: 'p9', status: 'probationary', reason: '名册录入有误' },
        metadata: e.metadata,
      }),
      'P-02',
      'the round\u2019s snapshot has fixed the roll',
    ),
    insert(
      'candidate withdrawn after the round opened',
      g.plain,
      is('RoundOpened'),
      (e) => ({
        type: 'CandidateWithdrawn',
        data: { contestId: 'c1', candidateId: 'p3', reason: '本人因病申请退出', list: 'stands' },
        metadata: e.metadata,
      }),
      'P-15',
      'the ballots with p3 on them are issued',
    ),
    forge(
      'withdrawal recorded as leaving a list that stands',
      g.withdrawalRepublished,
      is('CandidateWithdrawn'),
      (e) => {
        data(e).list = 'stands';
        delete data(e).rule;
      },
      'P-12',
      'p1 alone for 1 seat',
    ),
    forge(
      'one teller appointed under double entry',
      g.plain,
      is('OfficersAppointed'),
      (e) => {
        data(e).tellers = [{ name: '计票人甲' }];
      },
      'P-17',
      'every ballot needs two tellers',
    ),
    forge(
      'corrected member still given a ballot',
      g.memberCorrected,
      is('RoundOpened'),
      // The papers issued stay 10: 11 of them would be refused first as more than the voters present (P-21).
      (e) => Object.assign(data(e), { presentVoters: 11, expected: 11 }),
      'P-24',
      'q1 is probationary: 10 present voters, not 11',
    ),
    forge(
      'member correction recorded by a teller credential',
      g.memberCorrected,
      is('MemberCorrected'),
      (e) => {
        e.metadata.actor = TELLER_1;
      },
      'ACTOR_NOT_PERMITTED',
      'only the chair corrects the roll',
    ),
    // Contests and lists made in error (WithdrawContest, WithdrawCandidateList) and the secretary's list (P-29).
    insert(
      'contest withdrawn after its first round opened',
      g.plain,
      is('RoundOpened'),
      (e) => ({ type: 'ContestWithdrawn', data: { contestId: 'c1', reason: '误建' }, metadata: e.metadata }),
      'P-15',
      'the ballots are issued: the count finishes the contest',
    ),
    insert(
      'list withdrawn after its first round opened',
      g.plain,
      is('RoundOpened'),
      (e) => ({ type: 'CandidateListWithdrawn', data: { contestId: 'c1', reason: '名单有误' }, metadata: e.metadata }),
      'P-15',
      'the list is printed on the issued ballots',
    ),
    forge(
      'list published again dated before its withdrawal',
      g.listWithdrawnRepublished,
      is('CandidateListPublished', () => true, 1),
      (e) => {
        data(e).publishedOn = '2026-11-17';
      },
      'P-10',
      'the withdrawn notice cannot count toward the new one',
    ),
    forge(
      'secretary nominee who does not stand for the committee',
      g.listsAWeekBefore,
      is('NominationReceived', (d) => d.contestId === 'secretary'),
      (e) => {
        data(e).nomineeId = 'p9';
      },
      'P-29',
      'the committee elects its secretary among its members',
    ),
    // Local days (P-10) in the meeting's pinned zone.
    forge(
      'publication dated the UTC day, a day ahead of New York',
      g.newYork,
      is('CandidateListPublished'),
      (e) => {
        data(e).publishedOn = '2026-11-18';
      },
      'P-10',
      '03:30 UTC on 11-18 is 22:30 on 11-17 in New York',
    ),
    forge(
      'list confirmed on the UTC day the notice ends, a day early in New York',
      g.newYork,
      is('CandidateListConfirmed'),
      (e) => {
        e.metadata.recordedAt = '2026-11-22T02:00:00.000Z';
      },
      'P-10',
      'the notice runs to 11-22 New York time; 02:00 UTC on 11-22 is still 11-21 there',
    ),
    forge(
      'meeting pinning an unknown time zone',
      g.newYork,
      is('MeetingScheduled'),
      (e) => {
        data(e).timeZone = 'America/Gotham';
      },
      'RULESET_INVALID',
      'no such IANA zone: no local day can be read',
    ),
  ];
  return [...genuine, ...forged];
}

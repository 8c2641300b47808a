/**
 * What meetingView shows of the folded state, role by role. The deciders' specs check the events a command
 * causes; the checks of what the views then show live here, beside the views.
 */
import { describe, expect, it } from 'vitest';
import { ROLES, type Mark } from '../meeting/commands.js';
import { given } from '../testing/spec.js';
import { meetingView } from './meeting-view.js';
import { meetingAnomalies } from '../board/anomalies.js';
import {
  KIOSK,
  SCRUTINEER,
  ballot,
  ballotsWithTotals,
  blank,
  meetingWithCheckIns,
  meetingWithRoll,
  readyMeeting,
  roll,
  scheduledMeeting,
  TELLER_1,
  TELLER_2,
  times,
  vote,
  type MeetingBuilder,
  type ReadyOptions,
} from '../testing/fixtures.js';

/** 10 voters p1..p10 all present, one seat, candidates p1 and p2, scrutineer p10, single entry. */
const ready = (o: ReadyOptions = {}) =>
  readyMeeting({ voters: 10, seats: 1, candidates: 2, parameters: { doubleEntry: false }, ...o });
/** The same with round 1 open. */
const openedRound = (o: ReadyOptions = {}) => {
  const b = ready(o);
  b.openRound();
  return b;
};
/** The same with double entry (two tellers key every ballot). */
const doubleEntry = () => {
  const b = readyMeeting({ voters: 10, seats: 1, candidates: 2 });
  b.openRound();
  return b;
};
const rb = (ballotNo: number, marks: Record<string, Mark>, writeIns: string[] = []) => ({
  type: 'RecordBallot',
  data: { contestId: 'c1', round: 1, ballotNo, marks, writeIns },
});
const correct = (ballotNo: number, marks: Record<string, Mark>, writeIns: string[] = []) => ({
  type: 'CorrectBallot',
  data: { contestId: 'c1', round: 1, ballotNo, marks, writeIns, reason: '监票人核对原票' },
});
const voidEntry = (ballotNo: number) => ({
  type: 'VoidBallotEntry',
  data: { contestId: 'c1', round: 1, ballotNo, reason: '误录入' },
});
const asTeller = { actor: TELLER_1 };
const b1 = rb(1, { p1: 'for', p2: 'against' });
const withdraw = (candidateId: string, contestId = 'c1') => ({
  type: 'WithdrawCandidate',
  data: { contestId, candidateId, reason: '本人因病申请退出' },
});
const reopen = (round = 1, contestId = 'c1') => ({
  type: 'ReopenRound',
  data: { contestId, round, reason: '回收票数点错，重新清点' },
});

/** p1 6 for, p2 4 for: ten ballots keyed, the round closed valid with 10 returned. */
function closedValid(): MeetingBuilder {
  const b = openedRound();
  b.enterBallots('c1', 1, [
    ...times(6, ballot(['p1'], { against: ['p2'] })),
    ...times(4, ballot(['p2'], { against: ['p1'] })),
  ]);
  b.closeRound('c1', 1, 10);
  return b;
}

/** The same ten ballots, but 11 papers counted out of the box: void (P-21), a re-run pending. */
function closedVoid(): MeetingBuilder {
  const b = openedRound();
  b.enterBallots('c1', 1, [
    ...times(6, ballot(['p1'], { against: ['p2'] })),
    ...times(4, ballot(['p2'], { against: ['p1'] })),
  ]);
  b.closeRound('c1', 1, 11);
  return b;
}

describe('attendance', () => {
  it('P-02: a probationary member who checks in is an attendee without a vote', () => {
    const b = meetingWithRoll(3)
      .enrol([{ memberId: 'q1', name: '陈预备', status: 'probationary' }])
      .checkIn('q1', 'p1');
    expect(b.view().attendance).toMatchObject({ expected: 3, presentVoters: 1, attendeesWithoutVote: 1 });
  });

  it('P-05: a departure lowers presentVoters for the next quorum check', () => {
    expect(meetingWithCheckIns(5, 5).depart('p2').view().attendance.presentVoters).toBe(4);
  });
});

describe('attendance after CorrectMember', () => {
  const correctMember = (data: Record<string, unknown>) => ({
    type: 'CorrectMember',
    data: { reason: '名册录入有误', ...data },
  });
  /** q1 keyed as full by mistake: 11 "full" members, all present. */
  const miskeyed = () =>
    scheduledMeeting()
      .enrol([...roll(10), { memberId: 'q1', name: '冯预备', status: 'full' }])
      .checkIn(...roll(10).map((m) => m.memberId), 'q1');

  it('P-03: once corrected, a checked-in probationary member moves from present voters to attendees without a vote', () => {
    const b = miskeyed();
    expect(b.view().attendance).toMatchObject({ expected: 11, presentVoters: 11, attendeesWithoutVote: 0 });
    b.run(correctMember({ memberId: 'q1', status: 'probationary' }));
    expect(b.view().attendance).toMatchObject({ expected: 10, presentVoters: 10, attendeesWithoutVote: 1 });
    expect(b.state.attendance.at(-1)).toMatchObject({ presentVoters: 10 });
    expect(b.view().memberCorrections).toEqual([
      expect.objectContaining({
        memberId: 'q1',
        before: { name: '冯预备', status: 'full' },
        after: { name: '冯预备', status: 'probationary' },
      }),
    ]);
  });

  it('P-03: a member corrected from probationary to full and present becomes a present voter', () => {
    const b = scheduledMeeting()
      .enrol([...roll(4), { memberId: 'q1', name: '冯预备', status: 'probationary' }])
      .checkIn('p1', 'q1');
    expect(b.view().attendance).toMatchObject({ expected: 4, presentVoters: 1, attendeesWithoutVote: 1 });
    b.run(correctMember({ memberId: 'q1', status: 'full' }));
    expect(b.view().attendance).toMatchObject({ expected: 5, presentVoters: 2, attendeesWithoutVote: 0 });
  });

  it('P-04: an excluded member corrected to probationary leaves the expected number where it was; the exclusion stays on record', () => {
    const b = meetingWithCheckIns(10, 9).exclude('p10');
    expect(b.view().attendance).toMatchObject({ expected: 9, excluded: 1 });
    b.run(correctMember({ memberId: 'p10', status: 'probationary' }));
    expect(b.view().attendance).toMatchObject({ expected: 9, excluded: 0 });
    b.run(correctMember({ memberId: 'p10', status: 'full' }));
    expect(b.view().attendance).toMatchObject({ expected: 9, excluded: 1 });
    expect(b.state.members.get('p10')!.excluded).not.toBeNull();
  });

  it('P-02: a name is corrected without touching any count', () => {
    const b = meetingWithCheckIns(10, 10);
    b.run(correctMember({ memberId: 'p3', name: '王五一' }));
    expect(b.state.members.get('p3')).toMatchObject({ name: '王五一', status: 'full', present: true });
    expect(b.view().attendance).toMatchObject({ expected: 10, presentVoters: 10, attendeesWithoutVote: 0 });
  });
});

describe('officers', () => {
  it('a second appointment replaces the first', () => {
    const b = meetingWithCheckIns(10, 10).createContest('c1', 1).nominate('c1', ['p1']).appointOfficers(['p9']);
    b.run({
      type: 'AppointOfficers',
      data: { scrutineers: ['p8'], tellers: [{ name: '计票人甲' }, { name: '计票人乙' }], vote: vote(10) },
    });
    expect(b.view().officers).toMatchObject({ scrutineerCount: 1, scrutineers: [{ memberId: 'p8' }] });
  });
});

describe('recommendations (P-09)', () => {
  const recs = (votes: Record<string, number>, ballotsCast = 10) => ({
    type: 'RecordRecommendations',
    data: { contestId: 'c1', ballotsCast, votes },
  });
  const nominated = () =>
    meetingWithCheckIns(10, 10)
      .enrol([{ memberId: 'q1', name: '陈预备', status: 'probationary' }])
      .createContest('c1', 1)
      .nominate('c1', ['p1', 'p2']);

  it("P-09: the chair's view flags who passes more than half of the recommendation ballots", () => {
    const b = nominated();
    b.run(recs({ p1: 6, p2: 5 }));
    expect(b.contest().nominees?.map((n) => [n.memberId, n.recommendationVotes, n.recommendationPasses])).toEqual([
      ['p1', 6, true],
      ['p2', 5, false],
    ]);
  });

  it('P-09: with the inclusive reading pinned (recommendationPassInclusive), exactly half of the ballots passes', () => {
    const b = meetingWithCheckIns(10, 10, {
      ruleset: 'recommendation',
      parameters: { recommendationPassInclusive: true },
    })
      .createContest('c1', 1)
      .nominate('c1', ['p1', 'p2']);
    b.run(recs({ p1: 5, p2: 4 }));
    // 2 × 5 >= 10 passes; 2 × 4 < 10 does not.
    expect(b.contest().nominees?.map((n) => [n.memberId, n.recommendationPasses])).toEqual([
      ['p1', true],
      ['p2', false],
    ]);
  });

  it('P-09: a second record replaces the first (a recount of the recommendation ballots)', () => {
    const b = nominated();
    b.run(recs({ p1: 6, p2: 5 }));
    b.run(recs({ p1: 4, p2: 7 }));
    expect(b.contest().nominees?.map((n) => n.recommendationVotes)).toEqual([4, 7]);
  });
});

describe('the candidate list after a withdrawal', () => {
  it('P-12: a list that still meets the rule after a withdrawal stays confirmed, the candidate shown withdrawn', () => {
    const b = ready({ candidates: 3 });
    b.run(withdraw('p3'));
    expect(b.contest()).toMatchObject({ status: 'confirmed', list: { confirmed: true, republishRequired: null } });
    expect(b.contest().candidates.find((c) => c.memberId === 'p3')!.status).toBe('withdrawn');
  });

  it('P-10: a withdrawal that leaves the list short shows it published, awaiting a new publication; the new one clears that', () => {
    const b = ready({ voters: 10, candidates: 2 });
    b.run(withdraw('p2'));
    expect(b.contest()).toMatchObject({
      status: 'published',
      list: { confirmed: false, republishRequired: { rule: 'P-12', candidateId: 'p2' } },
    });
    b.nominate('c1', ['p3']);
    b.run({ type: 'PublishCandidateList', data: { contestId: 'c1', candidateIds: ['p1', 'p3'], noticeDays: 5 } });
    expect(b.contest().list).toMatchObject({ publishedOn: '2026-11-24', republishRequired: null, confirmed: false });
  });
});

describe('rounds', () => {
  it('P-24: the snapshot of a round stands when members leave after the ballots were issued; attendance drops', () => {
    const b = openedRound().depart('p3');
    expect(b.round()).toMatchObject({ presentVoters: 10, ballotsIssued: 10 });
    expect(b.view().attendance.presentVoters).toBe(9);
  });

  it("disagreeing entries are listed in the scrutineer's discrepancies (not the observer's); each teller sees their own", () => {
    const b = doubleEntry();
    b.run(b1, { actor: TELLER_1 });
    b.run(rb(1, { p1: 'against', p2: 'for' }), { actor: TELLER_2 });
    const sv = b.view('scrutineer').contests[0]!.rounds[0]!;
    expect(sv.discrepancies).toEqual([
      {
        ballotNo: 1,
        entries: [
          { teller: 'teller-1', marks: { p1: 'for', p2: 'against' }, writeIns: [] },
          { teller: 'teller-2', marks: { p1: 'against', p2: 'for' }, writeIns: [] },
        ],
      },
    ]);
    expect(b.view('observer').contests[0]!.rounds[0]!.discrepancies).toBeUndefined();
    expect(b.view('teller', 'teller-2').contests[0]!.rounds[0]!.myEntries).toEqual([
      { ballotNo: 1, marks: { p1: 'against', p2: 'for' }, writeIns: [], settled: false },
    ]);
  });

  it('P-23: the discrepancies and A-04 follow disputes as they arise and are settled, wherever they are in the round', () => {
    const b = doubleEntry();
    const other = { p1: 'against', p2: 'for' } as const;
    const key = (ballotNo: number, second: Record<string, Mark>) => {
      b.run(rb(ballotNo, { p1: 'for', p2: 'against' }), { actor: TELLER_1 });
      b.run(rb(ballotNo, second), { actor: TELLER_2 });
    };
    // Papers 1, 4, 6 and 9 disagree, the rest agree; 4 is then corrected and 6 voided.
    for (const ballotNo of [1, 2, 3, 4, 5, 6, 7, 8, 9])
      key(ballotNo, [1, 4, 6, 9].includes(ballotNo) ? other : { p1: 'for', p2: 'against' });
    const listed = () => b.view('scrutineer').contests[0]!.rounds[0]!.discrepancies!.map((d) => d.ballotNo);
    const warned = () => meetingAnomalies(b.state).find((a) => a.code === 'A-04')?.params;
    expect(listed()).toEqual([1, 4, 6, 9]);
    expect(warned()).toEqual({ ballots: 4 });
    b.run(correct(4, { p1: 'for', p2: 'against' }), { actor: SCRUTINEER });
    b.run(voidEntry(6), { actor: SCRUTINEER });
    expect(listed()).toEqual([1, 9]);
    expect(warned()).toEqual({ ballots: 2 });
    expect(b.round()).toMatchObject({ valid: 6, ballotsPending: 2 });
    // The second teller's own list shows an agreeing paper with the marks both keyed.
    const mine = b.view('teller', 'teller-2').contests[0]!.rounds[0]!.myEntries!;
    expect(mine.map((e) => e.ballotNo)).toEqual([1, 2, 3, 4, 5, 7, 8, 9]);
    expect(mine.find((e) => e.ballotNo === 2)).toEqual({
      ballotNo: 2,
      marks: { p1: 'for', p2: 'against' },
      writeIns: [],
      settled: true,
    });
    b.run(correct(1, { p1: 'for', p2: 'against' }), { actor: SCRUTINEER });
    b.run(correct(9, other), { actor: SCRUTINEER });
    expect(listed()).toEqual([]);
    expect(warned()).toBeUndefined();
  });

  it("P-17: names each entry's teller for the scrutineer by the officer the credential is bound to", () => {
    const b = doubleEntry();
    // The fixture's own teller credentials (minted at creation) carry no name; this one is bound to 计票人乙.
    b.run({
      type: 'IssueCredential',
      data: { credentialId: 'teller-3', role: 'teller', officer: '计票人乙', tokenHash: 'a'.repeat(64) },
    });
    b.run(b1, { actor: { role: 'teller', id: 'teller-3' } });
    b.run(rb(1, { p1: 'against', p2: 'for' }), { actor: TELLER_2 });
    const entries = b.view('scrutineer').contests[0]!.rounds[0]!.discrepancies![0]!.entries;
    expect(entries.map((e) => [e.teller, e.tellerName])).toEqual([
      ['teller-3', '计票人乙'],
      ['teller-2', undefined],
    ]);
    // The teller's own screen says whose pen it is; a credential bound to no officer names nobody.
    expect(b.view('teller', 'teller-3').viewer).toEqual({ role: 'teller', officer: '计票人乙' });
    expect(b.view('teller', 'teller-2').viewer).toEqual({ role: 'teller' });
  });

  it("P-16: names each correction's scrutineer by the appointed officer, to the roles that see officers named", () => {
    const b = doubleEntry();
    const scrutineer = b.view('chair').officers!.scrutineers![0]!;
    b.run({
      type: 'IssueCredential',
      data: {
        credentialId: 'scrutineer-2',
        role: 'scrutineer',
        officer: scrutineer.memberId,
        tokenHash: 'a'.repeat(64),
      },
    });
    b.run(b1, asTeller);
    b.run(rb(1, { p1: 'against', p2: 'for' }), { actor: TELLER_2 });
    b.run(
      {
        type: 'VoidBallotEntry',
        data: { contestId: 'c1', round: 1, ballotNo: 1, reason: '两次录入不一致' },
      },
      { actor: { role: 'scrutineer', id: 'scrutineer-2' } },
    );
    expect(b.view('chair').contests[0]!.rounds[0]!.corrections.map((c) => c.scrutineerName)).toEqual([scrutineer.name]);
    expect(b.view('observer').contests[0]!.rounds[0]!.corrections[0]).not.toHaveProperty('scrutineerName');
  });

  it('P-28: four members leave after a round: attendance shows the six still here', () => {
    const b = readyMeeting({ voters: 10, seats: 3, candidates: 4, parameters: { doubleEntry: false } });
    b.vote('c1', ballotsWithTotals({ p1: 10, p2: 10, p3: 5, p4: 5 }, 10, 3));
    expect(b.depart('p3', 'p4', 'p5', 'p6').view().attendance.presentVoters).toBe(6);
  });
});

describe("the round's tally", () => {
  const line = (b: MeetingBuilder, id: string) => b.round().tally.find((t) => t.candidateId === id);

  it('P-23: more candidates marked "for" than seats is counted as an invalid ballot (invalid +1)', () => {
    const b = openedRound();
    b.enterBallots('c1', 1, [ballot(['p1'])]);
    b.run(rb(2, { p1: 'for', p2: 'for' }), asTeller);
    expect(b.round()).toMatchObject({ valid: 1, invalid: 1, ballotsEntered: 2 });
    expect(b.round().tally.find((t) => t.candidateId === 'p1')).toEqual({
      candidateId: 'p1',
      for: 1,
      against: 0,
      abstain: 0,
    });
  });

  it('P-23: a blank ballot is valid and adds nothing; an unreadable mark voids only that mark', () => {
    const b = openedRound();
    b.enterBallots('c1', 1, [blank(), ballot(['p1'], { unreadable: ['p2'] })]);
    expect(b.round()).toMatchObject({ valid: 2, invalid: 0 });
    expect(b.round().tally).toEqual(
      expect.arrayContaining([
        { candidateId: 'p1', for: 1, against: 0, abstain: 0 },
        { candidateId: 'p2', for: 0, against: 0, abstain: 0 },
      ]),
    );
  });

  it('P-22, P-23: a write-in of a candidate already on the ballot is void; only that write-in', () => {
    const b = openedRound();
    b.run(rb(1, { p1: 'against' }, ['p2']), asTeller);
    expect(b.round()).toMatchObject({ valid: 1, invalid: 0, writeInTotal: 0 });
    expect(line(b, 'p1')).toEqual({ candidateId: 'p1', for: 0, against: 1, abstain: 0 });
    expect(line(b, 'p2')).toEqual({ candidateId: 'p2', for: 0, against: 0, abstain: 0 });
  });

  it('P-01, P-22: a write-in of a member without the right to be elected is recorded; it is void, the ballot stands', () => {
    const b = openedRound({ probationary: 1 });
    b.run(rb(1, { p1: 'for', p2: 'against' }, ['q1']), asTeller);
    expect(b.round()).toMatchObject({ valid: 1, invalid: 0 });
    expect(line(b, 'q1')).toBeUndefined();
    expect(line(b, 'p1')?.for).toBe(1);
  });

  it('P-22, P-23: the same person written in twice counts once; the repeat is void and does not make an over-vote', () => {
    const b = openedRound();
    b.run(rb(1, { p1: 'against', p2: 'against' }, ['p3', 'p3']), asTeller);
    expect(b.round()).toMatchObject({ valid: 1, invalid: 0 });
    expect(line(b, 'p3')?.for).toBe(1);
  });

  it('P-22: under a ruleset without write-ins a write-in is recorded and void', () => {
    const b = openedRound({ ruleset: 'simple-majority' });
    b.run(rb(1, { p1: 'against' }, ['p3']), asTeller);
    expect(b.round()).toMatchObject({ valid: 1, invalid: 0, writeInTotal: 0 });
    expect(line(b, 'p3')).toBeUndefined();
  });

  it('P-22: a write-in counts only in place of an "against"', () => {
    const b = openedRound();
    b.enterBallots('c1', 1, [ballot([], { against: ['p1'], writeIns: ['p3'] }), ballot(['p1'], { writeIns: ['p4'] })]);
    const round = b.round();
    expect(round.tally.find((t) => t.candidateId === 'p3')?.for).toBe(1);
    expect(round.tally.find((t) => t.candidateId === 'p4')).toBeUndefined();
    expect(round).toMatchObject({ valid: 2, invalid: 0, writeInTotal: 1 });
  });

  it('double entry: one entry alone is pending; the second, from another teller, agreeing, makes it count', () => {
    const b = doubleEntry();
    b.run(b1, { actor: TELLER_1 });
    expect(b.round()).toMatchObject({ valid: 0, ballotsPending: 1 });
    b.run(b1, { actor: TELLER_2 });
    expect(b.round()).toMatchObject({ valid: 1, ballotsPending: 0, discrepancies: [] });
    expect(b.round().tally.find((t) => t.candidateId === 'p1')?.for).toBe(1);
  });

  it('double entry: disagreeing entries do not count', () => {
    const b = doubleEntry();
    b.run(b1, { actor: TELLER_1 });
    b.run(rb(1, { p1: 'against', p2: 'for' }), { actor: TELLER_2 });
    expect(b.round()).toMatchObject({ valid: 0, invalid: 0, ballotsPending: 1 });
  });

  it('double entry: a correction settles an unresolved ballot: it counts, and is listed among the corrections', () => {
    const b = doubleEntry();
    b.run(b1, { actor: TELLER_1 });
    b.run(rb(1, { p1: 'against', p2: 'for' }), { actor: TELLER_2 });
    b.run(correct(1, { p1: 'for', p2: 'against' }), { actor: SCRUTINEER });
    expect(b.round()).toMatchObject({
      valid: 1,
      ballotsPending: 0,
      discrepancies: [],
      corrections: [expect.objectContaining({ ballotNo: 1, kind: 'corrected' })],
    });
  });

  it('a correction replaces what a ballot counts as', () => {
    const b = openedRound();
    b.enterBallots('c1', 1, [ballot(['p1'])]);
    b.run(correct(1, { p2: 'for' }), { actor: SCRUTINEER });
    expect(
      b
        .round()
        .tally.map((t) => [t.candidateId, t.for])
        .sort(),
    ).toEqual([
      ['p1', 0],
      ['p2', 1],
    ]);
  });

  it('a voided entry no longer counts and is listed among the corrections', () => {
    const b = openedRound();
    b.enterBallots('c1', 1, [ballot(['p1']), ballot(['p2'])]);
    b.run(voidEntry(1), { actor: SCRUTINEER });
    expect(b.round()).toMatchObject({
      valid: 1,
      ballotsEntered: 1,
      corrections: [expect.objectContaining({ ballotNo: 1, kind: 'voided' })],
    });
  });
});

describe('the reopen action the view offers (RoundView.reopenable)', () => {
  const vacantAfterVoidSupplementary = () => {
    const b = readyMeeting({ voters: 10, seats: 2, candidates: 3, parameters: { doubleEntry: false } });
    b.vote('c1', [...times(6, ballot(['p1'])), ...times(4, ballot(['p2']))]);
    b.openRound();
    b.enterBallots('c1', 2, times(10, ballot(['p2'])));
    b.closeRound('c1', 2, 11);
    b.run({ type: 'LeaveSeatsVacant', data: { contestId: 'c1', vote: vote(6, 4) } });
    return b;
  };
  it.each([
    ['the latest round closed valid (P-21)', true, closedValid, 1],
    ['the latest round closed void, its re-run pending (P-21)', true, closedVoid, 1],
    [
      'a declared round (P-15)',
      false,
      () => {
        const b = closedValid();
        b.declare();
        return b;
      },
      1,
    ],
    [
      'an open round',
      false,
      () => {
        const b = ready();
        b.openRound();
        return b;
      },
      1,
    ],
    [
      'a void round whose re-run has opened (P-21)',
      false,
      () => {
        const b = closedVoid();
        b.openRound();
        return b;
      },
      1,
    ],
    ['a void round whose seat was left vacant (P-28)', false, vacantAfterVoidSupplementary, 2],
    [
      'any round once the meeting is closed',
      false,
      () => {
        const b = closedValid();
        // Round 1 is closed, not declared: closing over it is confirmed (P-15).
        b.run({ type: 'CloseMeeting', data: { confirmUnfinished: true } });
        return b;
      },
      1,
    ],
  ] as const)('P-21: %s: reopenable %s, as ReopenRound decides', (_name, offered, history, round) => {
    const b = history();
    expect(b.round('c1', round).reopenable).toBe(offered);
    if (offered)
      given(b)
        .when(reopen(round))
        .then(([e]) => expect(e?.type).toBe('RoundReopened'));
    else expect(() => b.fork().run(reopen(round))).toThrow();
  });
});

describe('a reopened round (P-21)', () => {
  const asScrutineer = { actor: SCRUTINEER };
  const correctBallot = (ballotNo: number, round = 1) => ({
    type: 'CorrectBallot',
    data: {
      contestId: 'c1',
      round,
      ballotNo,
      marks: { p1: 'against', p2: 'for' },
      writeIns: [],
      reason: '监票人核对原票',
    },
  });

  it('P-21: the reopened round is open, its returned count cleared, the close it undid kept in its history', () => {
    const b = closedValid();
    b.run(reopen());
    expect(b.round()).toMatchObject({ status: 'open', ballotsReturned: null, ballotsEntered: 10 });
    expect(b.round().reopenings).toEqual([
      expect.objectContaining({ reason: '回收票数点错，重新清点', undid: { status: 'valid', ballotsReturned: 10 } }),
    ]);
    expect(b.contest().status).toBe('round-open');
  });

  it('P-23: after reopening, a scrutineer corrects an entry and the round closes anew with the new tally', () => {
    const b = closedValid();
    b.run(reopen());
    b.run(correctBallot(1), asScrutineer);
    b.closeRound('c1', 1, 10);
    b.declare();
    const t = Object.fromEntries(b.round().tally.map((l) => [l.candidateId, l.for]));
    expect(t).toEqual({ p1: 5, p2: 5 });
  });

  it('P-21: a reopened void round keeps the void close it undid in its history', () => {
    const b = closedVoid();
    b.run(reopen());
    expect(b.round().reopenings[0]!.undid).toEqual({ status: 'void', ballotsReturned: 11 });
  });
});

describe('contest status', () => {
  it('P-28: a one-seat shortfall left vacant completes the contest', () => {
    const b = readyMeeting({ voters: 10, seats: 3, candidates: 4, parameters: { doubleEntry: false } });
    b.vote('c1', ballotsWithTotals({ p1: 10, p2: 10, p3: 5, p4: 5 }, 10, 3));
    b.run({ type: 'LeaveSeatsVacant', data: { contestId: 'c1', vote: vote(5, 5) } });
    expect(b.contest().status).toBe('complete');
  });

  it('P-31: an approved result shows the contest approved', () => {
    const b = closedValid();
    b.declare();
    b.run({ type: 'RecordApproval', data: { contestId: 'c1', reference: '上级党委批复〔2026〕7号' } });
    expect(b.contest().status).toBe('approved');
  });
});

describe('how the members present arrived (P-05, issue 19)', () => {
  /** p1 at the desk, p2 by card at the kiosk, p3 and p4 by phone with the venue code, p4 then leaves. */
  const arrivals = () => {
    const b = meetingWithRoll(5);
    b.checkIn('p1');
    b.run({ type: 'CheckIn', data: { memberId: 'p2' } }, { actor: KIOSK, presence: { card: 'p2' } });
    for (const [id, at] of [
      ['p4', '2026-11-24T09:00:05.000Z'],
      ['p3', '2026-11-24T09:00:10.000Z'],
    ] as const)
      b.run(
        { type: 'CheckIn', data: { memberId: id, venueCode: '246810' } },
        { actor: b.memberCredential(id), now: at, presence: { venueCodes: [{ window: 59850360, code: '246810' }] } },
      );
    return b;
  };

  it('counts desk, card and phone check-ins, and lists the phones for the chair and the clerk, earliest first', () => {
    const b = arrivals();
    for (const role of ['chair', 'clerk'] as const)
      expect(b.view(role).arrivals).toEqual({
        byMethod: { desk: 1, kiosk: 1, self: 2 },
        phone: [
          { memberId: 'p4', name: roll(5)[3]!.name, at: '2026-11-24T09:00:05.000Z' },
          { memberId: 'p3', name: roll(5)[2]!.name, at: '2026-11-24T09:00:10.000Z' },
        ],
      });
  });

  it('counts only who is still present; the supervisor and scrutineer see the counts without names; no one else sees them', () => {
    const b = arrivals().depart('p4');
    expect(b.view('chair').arrivals).toEqual({
      byMethod: { desk: 1, kiosk: 1, self: 1 },
      phone: [{ memberId: 'p3', name: roll(5)[2]!.name, at: '2026-11-24T09:00:10.000Z' }],
    });
    for (const role of ['supervisor', 'scrutineer'] as const)
      expect(b.view(role).arrivals).toEqual({ byMethod: { desk: 1, kiosk: 1, self: 1 } });
    for (const role of ['observer', 'kiosk', 'teller', 'member'] as const)
      expect(b.view(role).arrivals).toBeUndefined();
  });

  it('the desk sees who has left apart from who never came (or whose check-in was withdrawn); a return clears it', () => {
    const b = arrivals().depart('p4');
    b.run({ type: 'WithdrawCheckIn', data: { memberId: 'p1', reason: '误签' } });
    const row = (id: string) => b.view('clerk').members?.find((m) => m.memberId === id);
    expect(row('p4')).toMatchObject({ present: false, left: true });
    expect(row('p5')).toMatchObject({ present: false });
    expect(row('p5')).not.toHaveProperty('left');
    expect(row('p2')).not.toHaveProperty('left');
    expect(row('p1')).toMatchObject({ present: false });
    expect(row('p1')).not.toHaveProperty('left');
    for (const role of ['chair', 'supervisor', 'scrutineer'] as const)
      expect(b.view(role).members?.find((m) => m.memberId === 'p4')).toMatchObject({ left: true });
    // Roles that see the roll without presence learn nothing of it.
    const teller = b.view('teller').members!;
    expect(teller).toHaveLength(5);
    for (const m of teller) expect(m).not.toHaveProperty('left');
    b.checkIn('p4');
    expect(row('p4')).toMatchObject({ present: true });
    expect(row('p4')).not.toHaveProperty('left');
  });

  it('the clerk sees the roll and who is present, and nothing of credentials or ballots', () => {
    const v = arrivals().view('clerk');
    expect(v.members?.find((m) => m.memberId === 'p2')).toMatchObject({ present: true });
    expect(v.credentials).toBeUndefined();
    expect(v.attendanceTimeline?.length).toBe(4);
  });
});

/**
 * Issue 19, point 3: the public (observer and projector links, the kiosk, a member's own link) learns nothing the room
 * would not say aloud — no member id but published candidates, the round's candidates, the elected and the
 * appointed scrutineers, and no single ballot's marks from two views in a row.
 */
describe('what the public sees (issue 19)', () => {
  const PUBLIC_ROLES = ['observer', 'kiosk', 'member'] as const;
  const publicView = (b: MeetingBuilder, role: (typeof PUBLIC_ROLES)[number]) =>
    role === 'member'
      ? meetingView(b.state, { role, id: 'member-p7', memberId: 'p7' })
      : meetingView(b.state, { role, id: `${role}-1` });
  const observerRound = (b: MeetingBuilder) => publicView(b, 'observer').contests[0]!.rounds[0]!;

  /** Every string in a JSON value that is a member id of the roll, as a key or a value. */
  function memberIdsIn(value: unknown, roll: ReadonlySet<string>, found = new Set<string>()): Set<string> {
    if (typeof value === 'string') {
      if (roll.has(value)) found.add(value);
    } else if (Array.isArray(value)) {
      for (const v of value) memberIdsIn(v, roll, found);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (roll.has(k)) found.add(k);
        memberIdsIn(v, roll, found);
      }
    }
    return found;
  }

  it("the public sees each ballot's running totals per candidate as the chair does, never a ballot's marks", () => {
    const b = readyMeeting({ voters: 30, seats: 2, candidates: 3, parameters: { doubleEntry: false } });
    b.openRound();
    // Ballot k: p1 for; p2 for when k is odd, else against with p9 written in; ballot 5 marks all three: void (P-23).
    const ballotK = (k: number) =>
      k === 5
        ? ballot(['p1', 'p2', 'p3'])
        : k % 2 === 1
          ? ballot(['p1', 'p2'], { against: ['p3'] })
          : ballot(['p1'], { against: ['p2', 'p3'], writeIns: ['p9'] });
    const publicEntered: number[] = [];
    const chairEntered: number[] = [];
    for (let k = 1; k <= 25; k++) {
      b.enterBallots('c1', 1, [ballotK(k)]);
      publicEntered.push(observerRound(b).ballotsEntered);
      chairEntered.push(b.round().ballotsEntered);
    }
    expect(chairEntered).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(publicEntered).toEqual(chairEntered);
    // By hand, after 25 ballots: 24 valid; p1 for on all 24; p2 for on the 12 odd valid ones (1..25 odd, not 5),
    // against on the 12 even ones; p9 written in 12 times.
    const at25 = observerRound(b);
    expect(at25).toMatchObject({ valid: 24, invalid: 1, writeInTotal: 12 });
    expect(at25.totalsEvery).toBeUndefined();
    expect(at25.tally.find((t) => t.candidateId === 'p1')).toEqual({
      candidateId: 'p1',
      for: 24,
      against: 0,
      abstain: 0,
    });
    expect(at25.tally.find((t) => t.candidateId === 'p2')).toEqual({
      candidateId: 'p2',
      for: 12,
      against: 12,
      abstain: 0,
    });
    for (const role of PUBLIC_ROLES) {
      const round = publicView(b, role).contests[0]!.rounds[0]!;
      expect(round).toMatchObject({ ballotsEntered: 25, valid: 24 });
      expect(round.discrepancies, role).toBeUndefined();
      expect(round.myEntries, role).toBeUndefined();
      expect(JSON.stringify(round), role).not.toMatch(/"marks"/);
    }
    for (const role of ['chair', 'scrutineer', 'supervisor', 'teller'] as const)
      expect(b.view(role, `${role}-1`).contests[0]!.rounds[0]).toMatchObject({ ballotsEntered: 25, valid: 24 });
    b.closeRound('c1', 1, 25);
    const closed = observerRound(b);
    expect(closed).toMatchObject({ ballotsEntered: 25, valid: 24, invalid: 1 });
    expect(closed.totalsEvery).toBeUndefined();
    expect(closed.tally.find((t) => t.candidateId === 'p1')).toEqual({
      candidateId: 'p1',
      for: 24,
      against: 0,
      abstain: 0,
    });
  });

  it('every role, a role added later included, sees the running totals of every ballot; only those who count see entries', () => {
    const b = readyMeeting({ voters: 30, seats: 1, candidates: 2, parameters: { doubleEntry: true } });
    b.openRound();
    b.enterBallots('c1', 1, times(13, ballot(['p1'], { against: ['p2'] })));
    const rounds = Object.fromEntries(
      ROLES.map((role) => [
        role,
        meetingView(b.state, { role, id: `${role}-1`, memberId: role === 'member' ? 'p7' : undefined }).contests[0]!
          .rounds[0]!,
      ]),
    );
    for (const role of ROLES) {
      expect(rounds[role]!.ballotsEntered, role).toBe(13);
      expect(rounds[role]!.tally.find((t) => t.candidateId === 'p1')!.for, role).toBe(13);
    }
    // Ballots themselves (discrepancies between two entries) only for those who check them.
    const seeEntries = ROLES.filter((role) => rounds[role]!.discrepancies !== undefined).sort();
    expect(seeEntries).toEqual(['chair', 'scrutineer', 'supervisor'].sort());
  });

  it('a write-in above the bar is a count, not an id, until elected (另行提名 is heard by name only when declared)', () => {
    const b = readyMeeting({ voters: 10, seats: 2, candidates: 3, parameters: { doubleEntry: false } });
    b.openRound();
    b.enterBallots('c1', 1, [
      ...times(6, ballot(['p1'], { against: ['p2', 'p3'], writeIns: ['p5'] })),
      ...times(4, ballot(['p1', 'p2'], { against: ['p3'] })),
    ]);
    b.closeRound('c1', 1, 10);
    expect(b.round().aboveThreshold).toEqual(expect.arrayContaining(['p1', 'p5']));
    for (const role of PUBLIC_ROLES) {
      const round = publicView(b, role).contests[0]!.rounds[0]!;
      expect(round.aboveThreshold).toEqual(['p1']);
      expect(round.writeInsAboveThreshold).toBe(1);
      expect(round.writeInTotal).toBe(6);
      expect(JSON.stringify(publicView(b, role))).not.toContain('"p5"');
    }
    b.declare();
    const declared = observerRound(b);
    expect(declared.elected).toEqual(expect.arrayContaining(['p1', 'p5']));
    expect(declared.aboveThreshold).toEqual(expect.arrayContaining(['p1', 'p5']));
    expect(declared.writeInsAboveThreshold).toBe(0);
  });

  it('no public view carries a member id but published candidates, round candidates, the elected, scrutineers and the own member', () => {
    // Everything that names a member: nominees never published, a withdrawn candidate, write-ins, an exclusion,
    // a departure, a corrected name, double-entry discrepancies, roll corrections.
    const b = readyMeeting({ voters: 20, seats: 2, candidates: 4, probationary: 1 });
    b.run(withdraw('p4'));
    b.run({ type: 'CorrectMember', data: { memberId: 'p12', name: '王改名', reason: '名册录入有误' } });
    b.depart('p13');
    b.createContest('c2', 1).nominate('c2', ['p11', 'p14']);
    b.openRound();
    b.enterBallots('c1', 1, times(12, ballot(['p1'], { against: ['p2', 'p3'], writeIns: ['p15'] })));
    b.enterBallots('c1', 1, times(3, ballot(['p2'], { against: ['p1', 'p3'], writeIns: ['p16'] })));
    b.run({ ...rb(16, { p1: 'for' }) }, { actor: TELLER_1 });
    b.run({ ...rb(16, { p2: 'for' }) }, { actor: TELLER_2 });
    const allowed = new Set(['p1', 'p2', 'p3', 'p4', 'p20']);
    const roll = new Set([...b.state.members.keys()]);
    const check = () => {
      for (const role of PUBLIC_ROLES) {
        const own = role === 'member' ? ['p7'] : [];
        const extra = [...memberIdsIn(publicView(b, role), roll)].filter((id) => !allowed.has(id) && !own.includes(id));
        expect(extra, role).toEqual([]);
      }
    };
    // The walk finds ids where they are: the chair's view names p11, p15 and p16.
    expect([...memberIdsIn(b.view('chair'), roll)]).toEqual(expect.arrayContaining(['p11', 'p13', 'p15', 'p16']));
    check();
    b.run(correct(16, { p1: 'for' }), { actor: SCRUTINEER });
    b.closeRound('c1', 1, 16);
    check();
    b.declare();
    allowed.add('p15'); // elected by write-in: declared aloud
    expect(b.round().elected).toContain('p15');
    check();
  });
});

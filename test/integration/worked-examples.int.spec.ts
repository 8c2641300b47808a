/**
 * The worked examples E1–E10 of election-rules.md section 7, each driven
 * through the HTTP command API and checked against the example's own figures:
 * quorum minimums, the differential, counting with invalid and blank ballots,
 * void rounds, ties, the committee's first plenary, and the village turnout
 * and one-third floor.
 */
import type { ContestView } from '@tallyroom/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, type ScheduleInput } from '../support/api.js';
import {
  Election,
  ballotsFor,
  blankBallot,
  forTally,
  makeRoll,
  memberId,
  rollCsv,
  type Ballot,
} from '../support/election.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const INCLUSIVE = { quorumInclusive: true, quorumApprovalRef: '县委组织部〔2026〕12号批复' };
const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => memberId(from + k));

/** A meeting of `roll` full members with the first `present` checked in. */
async function attendance(roll: number, present: number, input: ScheduleInput = {}): Promise<Election> {
  const e = await Election.create(server.api, input);
  await e.enrol(makeRoll(roll));
  await e.checkIn(ids(1, present), 8);
  return e;
}

const quorumOf = async (e: Election) => (await e.view()).attendance;

describe('E1 — quorum, seed S0: 应到 37, 实到 34', () => {
  it('is quorate (170 > 148); 30 is the minimum attendance (150 > 148, 145 fails)', async () => {
    const e = await attendance(37, 29);
    expect(await quorumOf(e)).toMatchObject({
      expected: 37,
      presentVoters: 29,
      quorum: { required: 30, met: false, rule: 'P-05' },
    });
    await e.m.refused(
      'AdoptElectionMethod',
      { vote: { for: 29, against: 0, abstain: 0 } },
      422,
      'QUORUM_NOT_MET',
      'P-05',
    );

    await e.checkIn(['m0030']);
    expect((await quorumOf(e)).quorum).toMatchObject({ required: 30, met: true });
    await e.checkIn(ids(31, 34));
    expect(await quorumOf(e)).toMatchObject({
      expected: 37,
      presentVoters: 34,
      quorum: { required: 30, met: true, rule: 'P-05' },
    });
  });

  it('needs 30 under the inclusive reading too (4/5 × 37 = 29.6)', async () => {
    const e = await attendance(37, 29, { parameters: INCLUSIVE });
    expect((await quorumOf(e)).quorum).toMatchObject({ required: 30, met: false });
  });
});

describe('E2 — strict and inclusive differ when 应到 is a multiple of 5: 应到 35', () => {
  it('strict needs 29 (145 > 140): 28 present cannot vote', async () => {
    const e = await attendance(35, 28);
    expect(await quorumOf(e)).toMatchObject({
      expected: 35,
      presentVoters: 28,
      quorum: { required: 29, met: false, rule: 'P-05' },
    });
    await e.m.refused(
      'AdoptElectionMethod',
      { vote: { for: 28, against: 0, abstain: 0 } },
      422,
      'QUORUM_NOT_MET',
      'P-05',
    );
    await e.checkIn(['m0029']);
    expect((await quorumOf(e)).quorum).toMatchObject({ required: 29, met: true });
  });

  it('inclusive accepts 28 (140 >= 140), and only with the approving document recorded', async () => {
    const refused = await server.api.scheduleRaw({
      title: 't',
      organisation: 'o',
      scheduledFor: '2026-12-01',
      parameters: { quorumInclusive: true },
    });
    expect(expectError(refused, 422, 'APPROVAL_REQUIRED', 'P-05').field).toBe('data.parameters.quorumApprovalRef');

    const e = await attendance(35, 28, { parameters: INCLUSIVE });
    const v = await e.view();
    expect(v.attendance).toMatchObject({
      expected: 35,
      presentVoters: 28,
      quorum: { required: 28, met: true, rule: 'P-05' },
    });
    expect(v.ruleset.parameters.quorum).toMatchObject({
      num: 4,
      den: 5,
      inclusive: true,
      approvalRef: INCLUSIVE.quorumApprovalRef,
    });
    await e.adoptMethod();
  });
});

describe('E3 — building 应到: 40 正式 (one under 留党察看) + 3 预备, two approved exclusions', () => {
  it('gives 应到 37; the 预备党员 attend without a vote and are not in 实到', async () => {
    const e = await Election.create(server.api);
    // The roll as uploaded: members 1–39 full, 40 under 留党察看 (rights suspended, P-03), 41–43 预备 (P-01).
    const roll = makeRoll(43, { status: (i) => (i <= 39 ? 'full' : i === 40 ? 'rights-suspended' : 'probationary') });
    e.members.push(...roll);
    const csv = rollCsv(roll)
      .replaceAll(',full', ',正式党员')
      .replaceAll(',rights-suspended', ',留党察看')
      .replaceAll(',probationary', ',预备党员');
    const upload = await e.m.uploadRoll(csv);
    expect(upload.status, upload.text).toBe(200);
    expect((await quorumOf(e)).expected).toBe(39);

    // The meeting convenes: 34 full members and the three 预备党员 check in.
    await e.checkIn([...ids(1, 34), ...ids(41, 43)], 8);
    expect(await quorumOf(e)).toMatchObject({ expected: 39, presentVoters: 34, attendeesWithoutVote: 3, excluded: 0 });

    // Two members abroad at their own expense for over six months: upper-level consent and the meeting's vote (P-04).
    for (const id of ['m0038', 'm0039']) {
      await e.m.command('ExcludeFromExpected', {
        memberId: id,
        reason: 'abroad-6m',
        approvalRef: '机关党委〔2026〕7号',
        meetingVote: { for: 30, against: 2, abstain: 2 },
      });
    }
    const a = await quorumOf(e);
    expect(a).toMatchObject({
      expected: 37,
      presentVoters: 34,
      attendeesWithoutVote: 3,
      excluded: 2,
      quorum: { required: 30, met: true },
    });

    // Neither a 预备党员 nor a member without rights is excluded: they were never expected (P-03).
    await e.m.refused(
      'ExcludeFromExpected',
      { memberId: 'm0041', reason: 'abroad-6m', approvalRef: 'x', meetingVote: { for: 30, against: 0, abstain: 0 } },
      422,
      'NOT_A_VOTER',
      'P-03',
    );
    // An excluded member who turns up after all is refused at the desk, the count stays.
    await e.m.refused('CheckIn', { memberId: 'm0038', method: 'desk' }, 422, 'MEMBER_EXCLUDED', 'P-04');
    // The member under 留党察看 may attend, without a vote.
    await e.checkIn(['m0040']);
    expect(await quorumOf(e)).toMatchObject({ expected: 37, presentVoters: 34, attendeesWithoutVote: 4 });
  });
});

describe('E4 — candidate count (P-12)', () => {
  it('5 seats need at least 6 candidates; 7 seats at least 9', async () => {
    const e = await attendance(20, 20);
    await e.ready({ scrutineers: ['m0020'] });
    for (const { contestId, seats, nominees, short } of [
      { contestId: 'five', seats: 5, nominees: ids(1, 6), short: 5 },
      { contestId: 'seven', seats: 7, nominees: ids(7, 15), short: 8 },
    ]) {
      // Given a list one short of the differential, when the chair confirms it, then P-12 refuses and nothing is written;
      await e.contest({ contestId, seats, candidates: nominees, publish: nominees.slice(0, short), confirm: false });
      const log = await e.m.eventsText();
      const err = await e.m.refused('ConfirmCandidateList', { contestId }, 422, 'DIFFERENTIAL_NOT_MET', 'P-12');
      expect(err.message).toContain(`${seats} seats need at least ${nominees.length} candidates`);
      expect(await e.m.eventsText()).toBe(log);
      // republished with one more it is confirmed.
      await e.publish(contestId, nominees);
      await e.m.command('ConfirmCandidateList', { contestId });
      const c = await e.contestView(contestId);
      expect(c.status).toBe('confirmed');
      expect(c.candidates.map((x) => x.memberId).sort()).toEqual(nominees);
      expect(c.pending).toMatchObject({ kind: 'first', seats });
    }
  });
});

// E5–E7: 3 seats, candidates A B C D, 34 voters present of 40 expected, one teller.
const [A, B, C, D, X] = ids(1, 5);

async function branchOf34(): Promise<Election> {
  const e = await attendance(40, 34, { parameters: { doubleEntry: false } });
  await e.ready({ scrutineers: ['m0034'] });
  await e.contest({ contestId: 'committee', seats: 3, candidates: [A!, B!, C!, D!] });
  return e;
}

/** A 30, B 25, C 17, D 15 on 32 ballots, one over-voted ballot (A B C and write-in X) and one blank ballot. */
function e5FirstRound(): Ballot[] {
  const overVoted: Ballot = { marks: { [A!]: 'for', [B!]: 'for', [C!]: 'for', [D!]: 'against' }, writeIns: [X!] };
  return [
    ...ballotsFor({ [A!]: 30, [B!]: 25, [C!]: 17, [D!]: 15 }, { ballots: 32, seats: 3 }),
    overVoted,
    blankBallot(),
  ];
}

describe('E5 — counting: 3 seats, 34 present, 34 issued, 34 returned', () => {
  async function afterFirstRound() {
    const e = await branchOf34();
    const first = await e.runRound('committee', e5FirstRound());
    return { e, first };
  }

  it('elects A and B, not C at exactly half, and calls a supplementary round between C and D', async () => {
    const { e, first } = await afterFirstRound();
    expect(first.opened).toMatchObject({ round: 1, kind: 'first', presentVoters: 34, ballotsIssued: 34 });
    expect(first.reply.events.map((x) => x.type)).toEqual(['ResultDeclared', 'RoundRequired']);
    expect(first.round).toMatchObject({
      status: 'declared',
      presentVoters: 34,
      ballotsIssued: 34,
      ballotsEntered: 34,
      ballotsReturned: 34,
      valid: 33,
      invalid: 1,
      threshold: 18,
      elected: [A, B],
    });
    expect(forTally(first.round)).toEqual({ [A!]: 30, [B!]: 25, [C!]: 17, [D!]: 15 });
    expect(first.contest.pending).toEqual({ kind: 'supplementary', seats: 1, candidates: [C, D], rule: 'P-27' });
    expect(first.contest.status).toBe('round-required');

    // 另行选举 for one seat among C and D: a write-in on a re-vote is keyed as read out and is void by itself
    // (P-22, P-27), the rest of that ballot stands; C gets 20 (40 > 34) and is elected.
    const supp = await e.openRound('committee');
    expect(supp).toMatchObject({
      round: 2,
      kind: 'supplementary',
      seats: 1,
      candidates: [C, D],
      presentVoters: 34,
      ballotsIssued: 34,
    });
    await e.enterBallots('committee', 2, [{ marks: { [D!]: 'against' }, writeIns: [X!] }]);
    const ballots = [...ballotsFor({ [C!]: 20, [D!]: 12 }, { ballots: 32, seats: 1 }), blankBallot()];
    await e.enterBallots('committee', 2, ballots, { firstBallotNo: 2 });
    await e.closeRound('committee', 2, 34);
    const { contest, round } = await e.declare('committee', 2);
    expect(round).toMatchObject({ kind: 'supplementary', threshold: 18, valid: 34, invalid: 0, elected: [C] });
    expect(forTally(round)).toEqual({ [C!]: 20, [D!]: 12 });
    expect(contest).toMatchObject({ status: 'complete', elected: [A, B, C], pending: null, vacant: 0 });
    expect(statuses(contest)).toEqual({ [A!]: 'elected', [B!]: 'elected', [C!]: 'elected', [D!]: 'not-elected' });
  });

  it('leaves the seat vacant after C again gets 17 only with the consent of half of the 34 (17, P-28)', async () => {
    const { e } = await afterFirstRound();
    const supp = await e.runRound('committee', [...ballotsFor({ [C!]: 17, [D!]: 16 }, { ballots: 34, seats: 1 })]);
    expect(supp.round).toMatchObject({ threshold: 18, elected: [] });
    expect(supp.contest.pending).toMatchObject({ kind: 'supplementary', seats: 1 });

    await e.m.refused(
      'LeaveSeatsVacant',
      { contestId: 'committee', vote: { for: 16, against: 18, abstain: 0 } },
      422,
      'CONSENT_NOT_REACHED',
      'P-28',
    );
    await e.m.command('LeaveSeatsVacant', { contestId: 'committee', vote: { for: 17, against: 15, abstain: 2 } });
    expect(await e.contestView('committee')).toMatchObject({
      status: 'complete',
      elected: [A, B],
      vacant: 1,
      pending: null,
    });
  });
});

describe('E6 — void round: 34 issued, 35 found in the box', () => {
  it('voids the whole round (P-21) and re-runs it after a fresh quorum check', async () => {
    const e = await branchOf34();
    const opened = await e.openRound('committee');
    expect(opened.ballotsIssued).toBe(34);
    const closed = await e.closeRound('committee', 1, 35);
    expect(closed.events.map((x) => x.type)).toEqual(['RoundClosed']);
    const c = await e.contestView('committee');
    expect(c.rounds[0]).toMatchObject({ status: 'void', ballotsIssued: 34, ballotsReturned: 35, elected: [] });
    expect(c.pending).toEqual({ kind: 'first', seats: 3, candidates: c.rounds[0]!.candidates, rule: 'P-21' });
    await e.m.refused('DeclareResult', { contestId: 'committee', round: 1 }, 422, 'ROUND_VOID', 'P-21');

    // Two members left meanwhile: 32 of 40 is not > 4/5, so the re-run waits for them (P-05 re-checked per round).
    await e.depart(['m0001', 'm0002']);
    await e.m.refused('OpenRound', { contestId: 'committee' }, 422, 'QUORUM_NOT_MET', 'P-05');
    await e.checkIn(['m0001', 'm0002']);

    const rerun = await e.runRound(
      'committee',
      ballotsFor({ [A!]: 30, [B!]: 25, [C!]: 20, [D!]: 10 }, { ballots: 34, seats: 3 }),
    );
    expect(rerun.opened).toMatchObject({ round: 2, kind: 'first', ballotsIssued: 34, presentVoters: 34 });
    expect(rerun.round).toMatchObject({ status: 'declared', threshold: 18, elected: [A, B, C] });
    expect(rerun.contest.status).toBe('complete');
  });
});

describe('E7 — tie at the cut-off: A 30, B 26, C 20, D 20', () => {
  it('elects A and B, then re-votes between C and D only, repeating while they stay tied', async () => {
    const e = await branchOf34();
    const first = await e.runRound(
      'committee',
      ballotsFor({ [A!]: 30, [B!]: 26, [C!]: 20, [D!]: 20 }, { ballots: 34, seats: 3 }),
    );
    expect(first.round).toMatchObject({ threshold: 18, elected: [A, B] });
    expect(first.round.aboveThreshold.sort()).toEqual([A, B, C, D]);
    expect(first.contest.pending).toMatchObject({ kind: 'tie', seats: 1, rule: 'P-26' });
    expect(first.contest.pending!.candidates.sort()).toEqual([C, D]);

    // Tied again at 17 each: another re-vote.
    const again = await e.runRound('committee', ballotsFor({ [C!]: 17, [D!]: 17 }, { ballots: 34, seats: 1 }));
    expect(again.opened).toMatchObject({ kind: 'tie', seats: 1 });
    expect(again.opened.candidates.sort()).toEqual([C, D]);
    expect(again.round).toMatchObject({ threshold: null, elected: [] });
    expect(again.contest.pending).toMatchObject({ kind: 'tie', seats: 1 });

    // More votes wins a re-vote among the tied (plurality).
    const decided = await e.runRound('committee', [...ballotsFor({ [C!]: 18, [D!]: 16 }, { ballots: 34, seats: 1 })]);
    expect(decided.round).toMatchObject({ kind: 'tie', threshold: null, elected: [C] });
    expect(decided.contest).toMatchObject({ status: 'complete', elected: [A, B, C] });
  });
});

describe("E8 — the committee's first plenary elects the secretary", () => {
  /** Ten members elect a 5-member committee (m1–m5) and a 3-member one (m6–m8); then a secretary contest on each. */
  async function committees(parameters: ScheduleInput['parameters'] = {}) {
    const e = await attendance(10, 10, { parameters: { doubleEntry: false, ...parameters } });
    await e.ready({ scrutineers: ['m0010'] });
    await e.contest({ contestId: 'committee', seats: 5, candidates: ids(1, 6) });
    await e.runRound(
      'committee',
      ballotsFor(Object.fromEntries(ids(1, 5).map((id) => [id, 10])), { ballots: 10, seats: 5 }),
    );
    await e.contest({ contestId: 'small', seats: 3, candidates: ids(6, 9) });
    await e.runRound(
      'small',
      ballotsFor(Object.fromEntries(ids(6, 8).map((id) => [id, 10])), { ballots: 10, seats: 3 }),
    );
    await e.contest({
      contestId: 'secretary',
      office: 'secretary',
      seats: 1,
      mode: 'uncontested',
      electorate: { committeeOf: 'committee' },
      candidates: ['m0001'],
    });
    await e.contest({
      contestId: 'small-secretary',
      office: 'secretary',
      seats: 1,
      mode: 'uncontested',
      electorate: { committeeOf: 'small' },
      candidates: ['m0006'],
    });
    return e;
  }

  it('strict 4/5 needs all 5 present (20 is not > 20): with 4 OpenRound is refused (P-30); with 5 the secretary needs 3', async () => {
    const e = await committees();
    expect([...(await e.contestView('committee')).elected].sort()).toEqual(ids(1, 5));
    expect((await e.contestView('secretary')).electorateFigures).toEqual({
      expected: 5,
      presentVoters: 5,
      quorum: { required: 5, met: true, short: 0, rule: 'P-30', blocking: true },
    });
    // Only a committee member may stand (P-29).
    await e.m.command('CreateContest', {
      contestId: 'deputy',
      office: 'deputy-secretary',
      seats: 1,
      mode: 'uncontested',
      electorate: { committeeOf: 'committee' },
    });
    await e.m.refused(
      'Nominate',
      { contestId: 'deputy', nomineeId: 'm0009', route: 'organisation' },
      422,
      'NOT_COMMITTEE_MEMBER',
      'P-29',
    );

    await e.depart(['m0005']);
    expect((await e.contestView('secretary')).electorateFigures.quorum).toMatchObject({ required: 5, met: false });
    await e.m.refused('OpenRound', { contestId: 'secretary' }, 422, 'QUORUM_NOT_MET', 'P-30');
    await e.checkIn(['m0005']);

    const sec = await e.runRound('secretary', [
      ...ballotsFor({ m0001: 3 }, { ballots: 5, seats: 1, otherwise: 'against' }),
    ]);
    expect(sec.opened).toMatchObject({ presentVoters: 5, ballotsIssued: 5, expected: 5 });
    expect(sec.round).toMatchObject({ threshold: 3, elected: ['m0001'] });
    expect(sec.round.tally).toEqual([{ candidateId: 'm0001', for: 3, against: 2, abstain: 0 }]);
    expect(sec.contest.status).toBe('complete');

    // A 3-member committee needs all 3 (4/5 × 3 = 2.4 → 3).
    expect((await e.contestView('small-secretary')).electorateFigures.quorum).toMatchObject({
      required: 3,
      rule: 'P-30',
    });
  });

  it('the approved inclusive reading accepts 4 of 5, where the secretary needs 3 of 4; a 3-member committee still needs 3', async () => {
    const e = await committees(INCLUSIVE);
    await e.depart(['m0005']);
    expect((await e.contestView('secretary')).electorateFigures.quorum).toEqual({
      required: 4,
      met: true,
      short: 0,
      rule: 'P-30',
      blocking: true,
    });
    const sec = await e.runRound('secretary', [
      ...ballotsFor({ m0001: 3 }, { ballots: 4, seats: 1, otherwise: 'against' }),
    ]);
    expect(sec.opened).toMatchObject({ presentVoters: 4, ballotsIssued: 4, expected: 5 });
    expect(sec.round).toMatchObject({ threshold: 3, elected: ['m0001'] });
    expect((await e.contestView('small-secretary')).electorateFigures.quorum).toMatchObject({
      required: 3,
      rule: 'P-30',
    });
  });
});

// ---------------------------------------------------------------- village committee and the 人大 analogue

/** A village meeting: `registered` voters, `voted` of them present and voting; candidates are the first members. */
async function village(registered: number, voted: number): Promise<Election> {
  const e = await attendance(registered, voted, {
    ruleset: 'village-committee',
    title: '村民委员会换届选举大会',
    organisation: '某村村民选举委员会',
  });
  await e.ready({ scrutineers: [memberId(voted)] });
  return e;
}

/** `ballots` ballots of which the first carry the spec's votes (one seat: one mark each) and the rest are blank. */
const oneSeat = (spec: Record<string, number>, ballots: number) => ballotsFor(spec, { ballots, seats: 1 });
const FAST = { concurrency: 8 };

describe('E9 — village: registered 1,200, 650 vote', () => {
  it('is valid (1300 > 1200) with the bar at 326: X 320, Y 300 elect nobody; the 另行选举 with 600 cast elects X with 330 (990 >= 600)', async () => {
    const e = await village(1200, 650);
    expect((await quorumOf(e)).quorum).toEqual({ required: 601, met: true, short: 0, rule: 'V-06', blocking: false });
    const [x, y] = ids(1, 2) as [string, string];
    await e.contest({ contestId: 'director', office: '主任', seats: 1, candidates: [x, y] });

    const first = await e.runRound('director', oneSeat({ [x]: 320, [y]: 300 }, 650), FAST);
    expect(first.round).toMatchObject({
      status: 'declared',
      ballotsIssued: 650,
      ballotsReturned: 650,
      valid: 650,
      threshold: 326,
      elected: [],
    });
    expect(forTally(first.round)).toEqual({ [x]: 320, [y]: 300 });
    expect(first.contest.pending).toMatchObject({ kind: 'supplementary', seats: 1, rule: 'V-08' });
    expect(first.contest.pending!.candidates.sort()).toEqual([x, y]);

    // 另行选举: 600 ballots cast (of 650 issued). The round stands on the ballots cast in it (V-08), and X's
    // 330 is the most votes and at least a third of them.
    const supp = await e.runRound('director', oneSeat({ [x]: 330, [y]: 270 }, 600), FAST);
    expect(supp.opened).toMatchObject({ kind: 'supplementary', seats: 1, ballotsIssued: 650 });
    expect(supp.round).toMatchObject({
      kind: 'supplementary',
      status: 'declared',
      ballotsReturned: 600,
      valid: 600,
      threshold: 200,
      elected: [x],
    });
    expect(supp.contest).toMatchObject({ status: 'complete', elected: [x], pending: null });
  });

  it('a 3-way 另行选举 whose leader has 190 of 600 elects nobody (570 < 600)', async () => {
    const e = await village(1200, 650);
    const [p, q, r] = ids(1, 3) as [string, string, string];
    await e.contest({ contestId: 'member', office: '委员', seats: 1, candidates: [p, q, r] });

    // P 325 of 650 is exactly half and fails (V-07); Q and R tie behind, so all three go to the 另行选举.
    const first = await e.runRound('member', oneSeat({ [p]: 325, [q]: 150, [r]: 150 }, 650), FAST);
    expect(first.round).toMatchObject({ threshold: 326, elected: [] });
    expect(first.contest.pending!.candidates.sort()).toEqual([p, q, r]);

    const supp = await e.runRound('member', oneSeat({ [p]: 190, [q]: 180, [r]: 170 }, 600), FAST);
    expect(supp.round).toMatchObject({ kind: 'supplementary', ballotsReturned: 600, threshold: 200, elected: [] });
    expect(forTally(supp.round)).toEqual({ [p]: 190, [q]: 180, [r]: 170 });
    // V-11b: still empty after the second ballot, the seat goes to a new election within six months, not a third
    // ballot nor a vacancy by consent.
    expect(supp.contest.pending).toBeNull();
    expect(supp.contest).toMatchObject({ status: 'new-election-due', newElection: { seats: 1, withinMonths: 6 } });
  });

  it('voids a round whose turnout is not over half of the registered (V-06), whatever its count', async () => {
    const e = await village(100, 60);
    await e.contest({ contestId: 'director', office: '主任', seats: 1, candidates: ids(1, 2) });
    const opened = await e.openRound('director');
    expect(opened.ballotsIssued).toBe(60);
    // 50 of 100 returned: exactly half is not enough.
    await e.enterBallots('director', 1, oneSeat({ m0001: 40, m0002: 10 }, 50), { tellers: e.tellers.slice(0, 1) });
    await e.closeRound('director', 1, 50);
    const c = await e.contestView('director');
    expect(c.rounds[0]).toMatchObject({ status: 'void', ballotsReturned: 50 });
    expect(c.pending).toMatchObject({ kind: 'first', rule: 'V-06' });
    // The re-run with 51 returned is valid: 102 > 100, and 2*40 > 51 elects.
    const rerun = await e.runRound('director', oneSeat({ m0001: 40, m0002: 11 }, 51));
    expect(rerun.round).toMatchObject({ status: 'declared', ballotsReturned: 51, threshold: 26, elected: ['m0001'] });
  });
});

describe('E10 — 人大 direct election (comparison), through its village analogue', () => {
  // XJF §45 uses the same three rules as the village-committee ruleset (turnout > ½ of registered,
  // elected with > ½ of those voting, 另行选举 by plurality with at least ⅓ of the ballots), so the
  // example maps onto that ruleset; there is no separate 人大 ruleset.
  it('2,000 registered, 1,100 vote: valid, bar 551 (> 550); the 另行选举 needs most votes and >= 1/3', async () => {
    const e = await village(2000, 1100);
    expect((await quorumOf(e)).quorum).toMatchObject({ required: 1001, met: true, rule: 'V-06' });
    const [a, b, c] = ids(1, 3) as [string, string, string];
    await e.contest({ contestId: 'deputies', office: '代表', seats: 2, candidates: [a, b, c] });
    const first = await e.runRound(
      'deputies',
      ballotsFor({ [a]: 551, [b]: 550, [c]: 400 }, { ballots: 1100, seats: 2 }),
      FAST,
    );
    expect(first.round).toMatchObject({ ballotsReturned: 1100, threshold: 551, elected: [a] });
    expect(first.contest.pending).toMatchObject({ kind: 'supplementary', seats: 1 });
    expect(first.contest.pending!.candidates.sort()).toEqual([b, c]);
    const supp = await e.runRound('deputies', oneSeat({ [b]: 600, [c]: 400 }, 1100), FAST);
    expect(supp.round).toMatchObject({ kind: 'supplementary', threshold: 367, elected: [b] });
    expect(supp.contest).toMatchObject({ status: 'complete', elected: [a, b] });
  });
});

function statuses(c: ContestView): Record<string, string> {
  return Object.fromEntries(c.candidates.map((x) => [x.memberId, x.status]));
}

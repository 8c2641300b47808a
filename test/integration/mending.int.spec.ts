/**
 * Mending on the day through HTTP, always as new events: a member keyed with
 * the wrong status, a candidate who withdraws, a round reopened to correct an
 * entry, and the teller count double entry needs. Each command once on its
 * happy path and once refused, nothing written by the refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, request } from '../support/api.js';
import { Election, makeRoll, memberId } from '../support/election.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const [A, B, C] = [memberId(1), memberId(2), memberId(3)];
const PROBATIONARY_KEYED_AS_FULL = memberId(11);

describe('mending the roll, the list and the count', () => {
  it('corrects a member, withdraws a candidate, reopens a round, and refuses each once it is too late', async () => {
    const e = await Election.create(server.api, { parameters: { doubleEntry: false } });
    await e.enrol(makeRoll(11));
    await e.checkIn(makeRoll(11).map((m) => m.memberId));
    expect((await e.view()).attendance).toMatchObject({ expected: 11, presentVoters: 11, attendeesWithoutVote: 0 });

    // CorrectMember: a probationary member keyed as full, already checked in, leaves the voters present (P-03).
    const corrected = await e.m.command('CorrectMember', {
      memberId: PROBATIONARY_KEYED_AS_FULL,
      status: 'probationary',
      reason: '名册录入有误，实为预备党员',
    });
    expect(corrected.events.map((x) => x.type)).toEqual(['MemberCorrected']);
    const afterCorrection = await e.view();
    expect(afterCorrection.attendance).toMatchObject({ expected: 10, presentVoters: 10, attendeesWithoutVote: 1 });
    expect(afterCorrection.memberCorrections).toEqual([
      expect.objectContaining({
        memberId: PROBATIONARY_KEYED_AS_FULL,
        after: expect.objectContaining({ status: 'probationary' }),
      }),
    ]);

    // WithdrawCandidate: one seat, A B C confirmed; C withdraws and the list of two still meets P-12.
    await e.ready({ scrutineers: [memberId(10)] });
    await e.contest({ contestId: 'c', seats: 1, candidates: [A, B, C] });
    const withdrawn = await e.m.command('WithdrawCandidate', {
      contestId: 'c',
      candidateId: C,
      reason: '本人申请退出',
    });
    expect(withdrawn.events.map((x) => x.type)).toEqual(['CandidateWithdrawn']);
    const afterWithdrawal = await e.contestView('c');
    expect(afterWithdrawal.list).toMatchObject({ confirmed: true, republishRequired: null });
    expect(afterWithdrawal.withdrawn).toEqual([expect.objectContaining({ memberId: C, reason: '本人申请退出' })]);

    // The round issues one ballot per voter: the corrected member gets none.
    const opened = await e.openRound('c');
    expect(opened).toMatchObject({ ballotsIssued: 10, candidates: expect.not.arrayContaining([C]) });

    // Too late for the roll (P-02) and for the list (P-15) once the round has opened.
    let before = await e.m.eventsText();
    await e.m.refused(
      'CorrectMember',
      { memberId: memberId(5), name: '改名', reason: '迟到的更正' },
      422,
      'ROLL_FROZEN',
      'P-02',
    );
    await e.m.refused(
      'WithdrawCandidate',
      { contestId: 'c', candidateId: B, reason: '迟到的退出' },
      422,
      'WITHDRAWAL_TOO_LATE',
      'P-15',
    );
    expect(await e.m.eventsText()).toBe(before);

    // ReopenRound: ten ballots keyed (A 6, B 4) and closed; ballot 1 was misread, so the chair reopens.
    const ballots = Array.from({ length: 10 }, (_, i) => ({
      marks: i < 6 ? { [A]: 'for' as const } : { [B]: 'for' as const },
    }));
    await e.enterBallots('c', 1, ballots);
    await e.closeRound('c', 1, 10);
    const reopened = await e.m.command('ReopenRound', { contestId: 'c', round: 1, reason: '监票人发现1号票录入有误' });
    expect(reopened.events.map((x) => x.type)).toEqual(['RoundReopened']);
    expect(await e.roundView('c', 1)).toMatchObject({
      status: 'open',
      ballotsReturned: null,
      reopenings: [expect.objectContaining({ reason: '监票人发现1号票录入有误' })],
    });
    await e.m.command(
      'CorrectBallot',
      { contestId: 'c', round: 1, ballotNo: 1, marks: { [B]: 'for' }, writeIns: [], reason: '核对原票' },
      { as: e.scrutineer },
    );
    await e.closeRound('c', 1, 10);
    const { round } = await e.declare('c', 1);
    expect(round.tally.find((t) => t.candidateId === A)?.for).toBe(5);
    expect(round.elected).toEqual([]);

    // After the declaration: no reopening, no correction, each refusal naming the declaration.
    before = await e.m.eventsText();
    await e.m.refused('ReopenRound', { contestId: 'c', round: 1, reason: '再改一次' }, 422, 'RESULT_DECLARED', 'P-15');
    const late = await e.m.refused(
      'CorrectBallot',
      { contestId: 'c', round: 1, ballotNo: 2, marks: { [B]: 'for' }, writeIns: [], reason: '再改一次' },
      422,
      'RESULT_DECLARED',
      'P-15',
      { as: e.scrutineer },
    );
    expect(late.message).toContain('declared');
    expect(await e.m.eventsText()).toBe(before);

    // The result report lists the reopening with the ballot corrections, in log order.
    const report = await request(server.url, 'GET', `${e.m.path}/report`, { token: e.supervisor });
    expect(report.status).toBe(200);
    expect(report.text).toMatch(/data-kind="reopened"[\s\S]*监票人发现1号票录入有误[\s\S]*data-kind="corrected"/);
  });

  it('P-12: a withdrawal that leaves the list short needs a new publication before a round opens', async () => {
    // No minimum notice, so the new list's notice can run out today: it may not start before the withdrawal (P-10).
    const e = await Election.create(server.api, { parameters: { doubleEntry: false, noticeDaysMin: 0 } });
    await e.enrol(makeRoll(10));
    await e.checkIn(makeRoll(10).map((m) => m.memberId));
    await e.ready({ scrutineers: [memberId(10)] });
    await e.contest({ contestId: 'c', seats: 1, candidates: [A, B] });
    const withdrawn = await e.m.command('WithdrawCandidate', {
      contestId: 'c',
      candidateId: B,
      reason: '本人申请退出',
    });
    expect(withdrawn.events.map((x) => x.type)).toEqual(['CandidateWithdrawn']);
    expect((await e.contestView('c')).list).toMatchObject({
      confirmed: false,
      republishRequired: { rule: 'P-12', candidateId: B },
    });
    await e.m.refused('OpenRound', { contestId: 'c' }, 422, 'LIST_REPUBLICATION_REQUIRED', 'P-12');
    await e.m.command('Nominate', { contestId: 'c', nomineeId: C, route: 'organisation' });
    await e.m.command('ReviewCandidate', { contestId: 'c', nomineeId: C, qualified: true, reason: '' });
    // The old list's date would make its notice look served already.
    await e.m.refused(
      'PublishCandidateList',
      { contestId: 'c', candidateIds: [A, C], noticeDays: 3, publishedOn: daysFromToday(-7) },
      422,
      'PUBLICATION_BACKDATED',
      'P-10',
    );
    await e.m.command('PublishCandidateList', {
      contestId: 'c',
      candidateIds: [A, C],
      noticeDays: 0,
      publishedOn: daysFromToday(0),
    });
    await e.m.command('ConfirmCandidateList', { contestId: 'c' });
    expect((await e.openRound('c')).candidates).toEqual(expect.arrayContaining([A, C]));
  });

  it('P-17: with double entry on, one teller is refused and two are appointed', async () => {
    const e = await Election.create(server.api);
    await e.enrol(makeRoll(10));
    await e.checkIn(makeRoll(10).map((m) => m.memberId));
    await e.adoptMethod();
    const vote = { for: 10, against: 0, abstain: 0 };
    const refusal = await e.m.refused(
      'AppointOfficers',
      { scrutineers: [memberId(10)], tellers: [{ name: '计票人1' }], vote },
      422,
      'TOO_FEW_TELLERS',
      'P-17',
    );
    expect(refusal.field).toBe('data.tellers');
    await e.m.command('AppointOfficers', {
      scrutineers: [memberId(10)],
      tellers: [{ name: '计票人1' }, { name: '计票人2' }],
      vote,
    });
    expect((await e.view()).officers).toMatchObject({ tellerCount: 2 });
  });
});

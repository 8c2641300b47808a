/**
 * A whole branch election through HTTP, the day design.md describes: a roll
 * of 40 uploaded as CSV, 38 check in, method and officers, a competitive
 * committee of 5 from 7 candidates (first round, a supplementary round and a
 * tie re-vote), every ballot keyed twice by two tellers with one disagreement
 * settled by a scrutineer, then the new committee's uncontested secretary,
 * the meeting closed and the higher organisation's approval recorded.
 * Finally the exported log, folded again with the contracts' own code, must
 * give back exactly the views the server serves, on a hash chain that verifies.
 */
import {
  evolve,
  initialState,
  meetingView,
  verifyChain,
  type ChainedEvent,
  type MeetingEvent,
  type MeetingView,
  type Role,
} from '@tallyroom/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk } from '../support/api.js';
import { Election, ballotsFor, forTally, makeRoll, memberId, rollCsv, type Ballot } from '../support/election.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { countyApprover } from '../support/organisation.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const [C1, C2, C3, C4, C5, C6, C7] = Array.from({ length: 7 }, (_, i) => memberId(i + 1)) as [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
];
const PRESENT = 38;

/** Both tellers key every ballot; teller 2 keys `slips` (ballot number → what teller 2 typed) instead. */
async function doubleEntry(
  e: Election,
  contestId: string,
  round: number,
  ballots: Ballot[],
  slips: Record<number, Ballot> = {},
) {
  const [t1, t2] = e.tellers as [string, string];
  await e.enterBallots(contestId, round, ballots, { tellers: [t1] });
  await e.enterBallots(
    contestId,
    round,
    ballots.map((b, i) => slips[i + 1] ?? b),
    { tellers: [t2] },
  );
}

/** JSON-normalised, as a view is after crossing the wire. */
const wire = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('a 40-member branch elects its committee and secretary', () => {
  it('runs from the roll to the approved secretary, and the exported log reproduces every view', async () => {
    const e = await Election.create(server.api, { title: '第三党支部换届选举党员大会', organisation: '第三党支部' });
    const head0 = await e.m.head();

    // ---- Roll and attendance: the CSV upload imports all 40; 38 check in (5*38 = 190 > 160).
    const roll = makeRoll(40);
    e.members.push(...roll);
    expectOk(await e.m.uploadRoll(rollCsv(roll)));
    await e.checkIn(
      roll.slice(0, PRESENT).map((x) => x.memberId),
      4,
    );
    expect((await e.view()).attendance).toEqual({
      expected: 40,
      presentVoters: PRESENT,
      attendeesWithoutVote: 0,
      excluded: 0,
      departedVoters: 0,
      quorum: { required: 33, met: true, short: 0, rule: 'P-05', blocking: true },
    });

    // ---- Method, officers (two scrutineers who are not candidates, two tellers), the candidate list.
    await e.ready({ scrutineers: [memberId(38), memberId(37)], tellers: 2 });
    expect((await e.view()).officers).toMatchObject({ scrutineerCount: 2, tellerCount: 2 });
    const listed = await e.contest({
      contestId: 'committee',
      office: 'committee-member',
      seats: 5,
      candidates: [C1, C2, C3, C4, C5, C6, C7],
    });
    expect(listed).toMatchObject({ status: 'confirmed', list: { noticeDays: 3, confirmed: true } });

    // ---- Round 1: threshold 20 of 38. C1 30, C2 27, C3 24 elected; C4 19, C5 17, C6 16, C7 9 fall short.
    const r1 = await e.openRound('committee');
    expect(r1).toMatchObject({
      round: 1,
      kind: 'first',
      seats: 5,
      presentVoters: PRESENT,
      ballotsIssued: PRESENT,
      doubleEntry: true,
    });
    const ballots1 = ballotsFor(
      { [C1]: 30, [C2]: 27, [C3]: 24, [C4]: 19, [C5]: 17, [C6]: 16, [C7]: 9 },
      { ballots: PRESENT, seats: 5 },
    );
    // Teller 2 mis-keys ballot 7: C7 "for" where the paper says "against".
    const paper7 = ballots1[6]!;
    const misKeyed: Ballot = { marks: { ...paper7.marks, [C7]: paper7.marks[C7] === 'for' ? 'against' : 'for' } };
    await doubleEntry(e, 'committee', 1, ballots1, { 7: misKeyed });

    // The disagreement holds the ballot out of the count and blocks the close.
    const held = await e.roundView('committee', 1);
    expect(held).toMatchObject({ ballotsEntered: PRESENT - 1, ballotsPending: 1 });
    expect(held.discrepancies).toEqual([
      {
        ballotNo: 7,
        entries: [expect.objectContaining({ marks: paper7.marks }), expect.objectContaining({ marks: misKeyed.marks })],
      },
    ]);
    expect((await e.roundView('committee', 1, e.observer)).discrepancies).toBeUndefined();
    await e.m.refused(
      'RecordBallot',
      { contestId: 'committee', round: 1, ballotNo: 7, marks: paper7.marks, writeIns: [] },
      422,
      'DUPLICATE_BALLOT_NUMBER',
      undefined,
      { as: e.tellers[0] },
    );
    await e.m.refused(
      'CloseRound',
      { contestId: 'committee', round: 1, ballotsReturned: PRESENT },
      422,
      'BALLOTS_UNRESOLVED',
    );
    await e.m.refused(
      'CorrectBallot',
      { contestId: 'committee', round: 1, ballotNo: 7, marks: paper7.marks, writeIns: [], reason: '核对原始选票' },
      403,
      'FORBIDDEN',
      undefined,
      { as: e.tellers[0] },
    );

    // The scrutineer looks at paper ballot 7 and records what it says.
    await e.m.command(
      'CorrectBallot',
      {
        contestId: 'committee',
        round: 1,
        ballotNo: 7,
        marks: paper7.marks,
        writeIns: [],
        reason: '监票人核对原始选票，以第一次录入为准',
      },
      { as: e.scrutineer },
    );
    await e.closeRound('committee', 1, PRESENT);
    const d1 = await e.declare('committee', 1);
    expect(d1.reply.events.map((x) => x.type)).toEqual(['ResultDeclared', 'RoundRequired']);
    expect(d1.round).toMatchObject({
      ballotsEntered: PRESENT,
      ballotsPending: 0,
      valid: PRESENT,
      invalid: 0,
      threshold: 20,
      elected: [C1, C2, C3],
    });
    expect(d1.round.corrections).toEqual([expect.objectContaining({ ballotNo: 7, kind: 'corrected' })]);
    expect(forTally(d1.round)).toEqual({ [C1]: 30, [C2]: 27, [C3]: 24, [C4]: 19, [C5]: 17, [C6]: 16, [C7]: 9 });
    // P-27: two seats short; the next three by votes stand again, listed in stroke order (P-18):
    // C5 杨 (7 strokes, 横 first), C4 陈 (7, 折 first), C6 黄 (11).
    expect(d1.contest.pending).toEqual({ kind: 'supplementary', seats: 2, candidates: [C5, C4, C6], rule: 'P-27' });

    // ---- Round 2, supplementary for 2 seats: C4 25 elected; C5 and C6 tie at 22 on the cut-off.
    const r2 = await e.openRound('committee');
    expect(r2).toMatchObject({ round: 2, kind: 'supplementary', seats: 2, ballotsIssued: PRESENT });
    await doubleEntry(e, 'committee', 2, ballotsFor({ [C4]: 25, [C5]: 22, [C6]: 22 }, { ballots: PRESENT, seats: 2 }));
    await e.closeRound('committee', 2, PRESENT);
    const d2 = await e.declare('committee', 2);
    expect(d2.round).toMatchObject({ threshold: 20, elected: [C4] });
    expect(d2.contest.pending).toMatchObject({ kind: 'tie', seats: 1, rule: 'P-26' });
    expect(d2.contest.pending!.candidates.sort()).toEqual([C5, C6]);

    // ---- Round 3, tie re-vote between C5 and C6 only: C5 21, C6 17.
    const r3 = await e.openRound('committee');
    expect(r3).toMatchObject({ round: 3, kind: 'tie', seats: 1 });
    await doubleEntry(e, 'committee', 3, ballotsFor({ [C5]: 21, [C6]: 17 }, { ballots: PRESENT, seats: 1 }));
    await e.closeRound('committee', 3, PRESENT);
    const d3 = await e.declare('committee', 3);
    expect(d3.round).toMatchObject({ threshold: null, elected: [C5] });
    expect(d3.contest).toMatchObject({ status: 'complete', pending: null });
    expect([...d3.contest.elected].sort()).toEqual([C1, C2, C3, C4, C5]);

    // ---- Second stage: the new committee (all five present) elects its secretary, uncontested (P-13, P-29, P-30).
    await e.contest({
      contestId: 'secretary',
      office: 'secretary',
      seats: 1,
      mode: 'uncontested',
      electorate: { committeeOf: 'committee' },
      candidates: [C1],
    });
    const rs = await e.openRound('secretary');
    expect(rs).toMatchObject({ round: 1, kind: 'first', presentVoters: 5, ballotsIssued: 5, expected: 5 });
    await doubleEntry(e, 'secretary', 1, ballotsFor({ [C1]: 4 }, { ballots: 5, seats: 1, otherwise: 'against' }));
    await e.closeRound('secretary', 1, 5);
    const ds = await e.declare('secretary', 1);
    expect(ds.round).toMatchObject({ threshold: 3, valid: 5, elected: [C1] });
    expect(ds.round.tally).toEqual([{ candidateId: C1, for: 4, against: 1, abstain: 0 }]);

    // ---- The meeting closes; a week later the higher organisation approves the secretary (P-31).
    await e.m.command('CloseMeeting', {});
    await e.m.refused('CheckIn', { memberId: memberId(39), method: 'kiosk' }, 403, 'MEETING_CLOSED', undefined, {
      as: e.kiosk,
    });
    // P-31: the approval is the county approver's to record, with its organisation credential; the chair may not.
    await e.m.refused('RecordApproval', { contestId: 'secretary', reference: '自批' }, 403, 'FORBIDDEN');
    const approver = (await countyApprover(server.url)).token;
    await e.m.command(
      'RecordApproval',
      { contestId: 'secretary', reference: '机关党委〔2026〕45号批复' },
      { as: approver },
    );
    // One 批复 per result: another reference is refused, naming the one of record, and writes nothing.
    const head = (await e.view()).revision;
    const again = await e.m.refused(
      'RecordApproval',
      { contestId: 'secretary', reference: '机关党委〔2026〕46号批复' },
      409,
      'ALREADY_APPROVED',
      undefined,
      { as: approver },
    );
    expect(again.params).toEqual({ contestId: 'secretary', reference: '机关党委〔2026〕45号批复' });
    expect(again.text?.['zh-CN']).toContain('机关党委〔2026〕45号批复');
    expect((await e.view()).revision).toBe(head);

    // ---- The final view.
    const final = await e.view();
    expect(final).toMatchObject({ closed: true, stage: 'closed', ruleset: { name: 'cpc-branch' } });
    const [committee, secretary] = final.contests;
    expect(committee).toMatchObject({
      contestId: 'committee',
      status: 'complete',
      seats: 5,
      vacant: 0,
      approval: null,
    });
    expect([...committee!.elected].sort()).toEqual([C1, C2, C3, C4, C5]);
    expect(
      committee!.rounds.map((r) => [
        r.round,
        r.kind,
        r.status,
        r.presentVoters,
        r.ballotsIssued,
        r.ballotsReturned,
        r.valid,
        r.invalid,
        r.threshold,
        r.elected,
      ]),
    ).toEqual([
      [1, 'first', 'declared', 38, 38, 38, 38, 0, 20, [C1, C2, C3]],
      [2, 'supplementary', 'declared', 38, 38, 38, 38, 0, 20, [C4]],
      [3, 'tie', 'declared', 38, 38, 38, 38, 0, null, [C5]],
    ]);
    expect(Object.fromEntries(committee!.candidates.map((c) => [c.memberId, c.status]))).toEqual({
      [C1]: 'elected',
      [C2]: 'elected',
      [C3]: 'elected',
      [C4]: 'elected',
      [C5]: 'elected',
      [C6]: 'not-elected',
      [C7]: 'not-elected',
    });
    expect(secretary).toMatchObject({
      contestId: 'secretary',
      office: 'secretary',
      mode: 'uncontested',
      electorate: { committeeOf: 'committee' },
      status: 'approved',
      elected: [C1],
      approval: '机关党委〔2026〕45号批复',
    });
    expect(secretary!.rounds).toHaveLength(1);

    // ---- The export: the chain verifies from genesis to the head the view shows ...
    const text = await e.m.eventsText(e.supervisor);
    expect(text.endsWith('\n')).toBe(true);
    const events = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as MeetingEvent);
    expect(events.map((x) => x.metadata.revision)).toEqual(events.map((_, i) => i));
    expect(events[0]!.type).toBe('MeetingScheduled');
    expect(events.slice(0, head0.revision + 1).every((x) => x.metadata.actor.role === 'system')).toBe(true);
    const verdict = verifyChain(events as unknown as ChainedEvent[]);
    expect(verdict).toEqual({ ok: true, head: { revision: final.revision, hash: final.chainHead } });
    // ... no ballot event names a voter: only the teller or scrutineer who keyed it ...
    for (const ev of events.filter((x) => x.type === 'BallotRecorded'))
      expect(Object.keys(ev.data).sort()).toEqual(['ballotNo', 'contestId', 'marks', 'round', 'teller', 'writeIns']);
    // ... and folding it again gives every role's view exactly as the server serves it.
    const state = events.reduce(evolve, initialState());
    for (const [role, token] of [
      ['chair', e.m.chair],
      ['supervisor', e.supervisor],
      ['observer', e.observer],
    ] as [Role, string][]) {
      const served: MeetingView = await e.view(token);
      expect(wire(meetingView(state, { role })), `${role} view replayed from the export`).toEqual(served);
    }
  });
});

/**
 * Issue 3, "Bad input": each refusal the election can meet in the room,
 * through the HTTP command API. Every one names its field or its rule, and
 * leaves the exported log byte-for-byte as it was. An over-marked ballot is the
 * exception: it is a fact to record, accepted and counted as invalid.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, type DataOf } from '../support/api.js';
import { Election, makeRoll, memberId } from '../support/election.js';
import { startTestServer, type TestServer } from '../support/server.js';
import type { CommandType } from '@tallyroom/contracts';

let server: TestServer;
let e: Election;
const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => memberId(from + k));

beforeAll(async () => {
  server = await startTestServer();
  // 10 full members (m0001–m0010) and two probationary ones (m0011, m0012): 应到 10, quorum 9 (45 > 40).
  e = await Election.create(server.api, { parameters: { doubleEntry: false } });
  await e.enrol(makeRoll(12, { status: (i) => (i > 10 ? 'probationary' : 'full') }));
  await e.checkIn(ids(1, 10));
  await e.ready({ scrutineers: ['m0010'], tellers: 1 });
  await e.contest({ contestId: 'c', seats: 2, candidates: ['m0001', 'm0002', 'm0003'] });
});
afterAll(async () => {
  await server?.close();
});

/**
 * Sends a command that must be refused with this status, code and rule or
 * field, and checks that the log did not move by a single byte.
 */
async function refusedAndNothingWritten<T extends CommandType>(
  type: T,
  data: DataOf<T>,
  want: { status: number; code: string; rule?: string; field?: string },
  as?: string,
) {
  const before = await e.m.eventsText();
  const error = await e.m.refused(type, data, want.status, want.code, want.rule, { as });
  if (want.field !== undefined) expect(error.field).toBe(want.field);
  expect(error.rule !== undefined || error.field !== undefined, 'a refusal names its rule or its field').toBe(true);
  // Its code's text for a reader, Chinese first, beside the English `message`.
  expect(error.text?.['zh-CN'], want.code).toMatch(/[\u3400-\u9fff]/);
  expect(error.text?.en, want.code).toMatch(/[A-Za-z]/);
  expect(error.text?.en, want.code).not.toMatch(/[\u3400-\u9fff]/);
  expect(await e.m.eventsText()).toBe(before);
  return error;
}

describe('refusals before the round', () => {
  it('refuses a contest with fewer than one seat, naming data.seats', async () => {
    await refusedAndNothingWritten(
      'CreateContest',
      { contestId: 'zero', office: 'committee-member', seats: 0, mode: 'competitive' },
      { status: 400, code: 'INVALID_FIELD', field: 'data.seats' },
    );
  });

  it('refuses a scrutineer who is a candidate (P-16) and a teller who is one (P-17)', async () => {
    const vote = { for: 10, against: 0, abstain: 0 };
    await refusedAndNothingWritten(
      'AppointOfficers',
      { scrutineers: ['m0001'], tellers: [{ name: '计票人1' }], vote },
      { status: 422, code: 'SCRUTINEER_IS_CANDIDATE', rule: 'P-16', field: 'data.scrutineers.0' },
    );
    await refusedAndNothingWritten(
      'AppointOfficers',
      { scrutineers: ['m0010'], tellers: [{ name: '李计票', memberId: 'm0002' }], vote },
      { status: 422, code: 'TELLER_IS_CANDIDATE', rule: 'P-17', field: 'data.tellers.0.memberId' },
    );
  });

  it('refuses to open a round below quorum (P-05), re-checked at the round', async () => {
    await e.depart(['m0009', 'm0008']); // 8 of 10: 40 is not more than 40
    const refused = await refusedAndNothingWritten(
      'OpenRound',
      { contestId: 'c' },
      { status: 422, code: 'QUORUM_NOT_MET', rule: 'P-05' },
    );
    expect(refused.text).toEqual({
      'zh-CN': '有选举权的到会人数未达到规定，会议无效，不能表决或选举',
      en: 'Too few voting members present: the meeting is not valid for a vote or an election',
    });
    await e.checkIn(['m0009', 'm0008']);
    const round = await e.openRound('c');
    expect(round).toMatchObject({ round: 1, presentVoters: 10 });
  });
});

describe('refusals while ballots are keyed in', () => {
  const ballot = (ballotNo: number, extra: DataOf<'RecordBallot'> = {}): DataOf<'RecordBallot'> => ({
    contestId: 'c',
    round: 1,
    ballotNo,
    marks: { m0001: 'for' },
    writeIns: [],
    ...extra,
  });

  it('refuses an unknown candidate on a ballot (P-22), naming the mark', async () => {
    await refusedAndNothingWritten(
      'RecordBallot',
      ballot(1, { marks: { m0007: 'for' } }),
      { status: 422, code: 'UNKNOWN_CANDIDATE', rule: 'P-22', field: 'data.marks.m0007' },
      e.tellers[0],
    );
  });

  // A write-in of a probationary member is a fact on the paper: it is recorded and void (P-01, P-22; unit tests).
  // A name that is not on the roll at all is a keying error.
  it('refuses a write-in of someone not on the roll (404), naming the write-in', async () => {
    await refusedAndNothingWritten(
      'RecordBallot',
      ballot(1, { marks: { m0001: 'against' }, writeIns: ['m0099'] }),
      { status: 404, code: 'UNKNOWN_MEMBER', field: 'data.writeIns.0' },
      e.tellers[0],
    );
  });

  it('refuses a duplicate ballot number in the round', async () => {
    expectOk(await e.m.send('RecordBallot', ballot(1), { as: e.tellers[0] }));
    await refusedAndNothingWritten(
      'RecordBallot',
      ballot(1, { marks: { m0002: 'for' } }),
      { status: 422, code: 'DUPLICATE_BALLOT_NUMBER', rule: 'P-21', field: 'data.ballotNo' },
      e.tellers[0],
    );
  });

  it('accepts a ballot marking more candidates than seats, as an invalid ballot: a fact to record', async () => {
    const before = (await e.roundView('c', 1)).invalid;
    const reply = expectOk(
      await e.m.send('RecordBallot', ballot(2, { marks: { m0001: 'for', m0002: 'for', m0003: 'for' } }), {
        as: e.tellers[0],
      }),
    );
    expect(reply.events.map((x) => x.type)).toEqual(['BallotRecorded']);
    const round = await e.roundView('c', 1);
    expect(round.invalid).toBe(before + 1);
    expect(round.ballotsEntered).toBe(2);
    // The over-marked ballot adds to nobody's count.
    expect(round.tally.find((t) => t.candidateId === 'm0002')?.for).toBe(0);
  });

  it('refuses a ballot in a closed round (P-21)', async () => {
    await e.closeRound('c', 1, 2);
    await refusedAndNothingWritten(
      'RecordBallot',
      ballot(3),
      { status: 422, code: 'ROUND_CLOSED', rule: 'P-21', field: 'data.round' },
      e.tellers[0],
    );
  });
});

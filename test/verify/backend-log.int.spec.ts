/**
 * A log WRITTEN BY THE BACKEND verifies. The corpus (corpus.ts) is built in
 * process with the decider, so it cannot show that what the server records
 * (actor, credential ids, recorded time, metadata) is what re-deciding
 * expects. Here a real server is driven over HTTP through every write path a
 * real meeting uses, the log is exported as a supervisor would, and both the
 * replayer and the built `tallyroom verify` must accept it.
 *
 * The meeting (cpc-branch, double entry): 14 rows uploaded as CSV; m0013 was
 * keyed as full but is probationary (CorrectMember); m0014 is abroad and
 * excluded (P-04). m0001 and m0002 check in with their own links and the hall's
 * venue code, m0003..m0005 with their cards at the kiosk, the rest at the desk; m0012 leaves. Voters present at the round: m0001..m0011 = 11.
 * Committee of 2 seats from m0001..m0004; m0004 withdraws after confirmation
 * (3 for 2 still meets P-12: 5*(3-2) >= 2, 3 >= 2+1).
 *
 * Ballots as they finally stand (threshold: more than half of 11 = 6):
 *   1-5  m0001 m0002        6-8  m0001 m0003        9-10 m0002 m0003     11 blank
 *   m0001 8, m0002 7, m0003 5: m0001 and m0002 elected.
 * Ballot 3 is mis-keyed by teller 2 and settled by the scrutineer before the
 * first close; ballot 10 was read out wrong to both tellers (m0001 m0003),
 * found after the close, so the chair reopens and the scrutineer corrects it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { replayLog, type ChainedEvent } from '@tallyroom/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, expectOk, request } from '../support/api.js';
import { Election, forTally, makeRoll, memberId, rollCsv, type Ballot } from '../support/election.js';
import { buildBackend, startTestServer, type TestServer } from '../support/server.js';
import { countyApprover } from '../support/organisation.js';
import { report, runCli } from './cli.js';
import { reportFigures } from './report-html.js';

const M = (i: number) => memberId(i);
const f = (...ids: string[]): Ballot => ({ marks: Object.fromEntries(ids.map((id) => [id, 'for' as const])) });
const FINAL: Ballot[] = [
  ...Array.from({ length: 5 }, () => f(M(1), M(2))),
  ...Array.from({ length: 3 }, () => f(M(1), M(3))),
  f(M(2), M(3)),
  f(M(2), M(3)),
  { marks: {} },
];
/** What both tellers keyed for ballot 10 before the recount. */
const MISREAD_10 = f(M(1), M(3));

let server: TestServer;
let dir: string;
let e: Election;
let exported: string;
let events: ChainedEvent[];

beforeAll(async () => {
  buildBackend();
  dir = await mkdtemp(path.join(tmpdir(), 'tallyroom-backend-log-'));
  server = await startTestServer();
  e = await Election.create(server.api, { title: '第七党支部换届选举党员大会', organisation: '第七党支部' });
  const m = e.m;

  // The roll as a CSV upload; m0013 keyed as full by mistake.
  const roll = makeRoll(14);
  e.members = roll;
  expectOk(await m.uploadRoll(rollCsv(roll)));

  // Members' own links for m0001 and m0002, used to check themselves in.
  const own1 = await m.mint('member', { memberId: M(1) });
  const own2 = await m.mint('member', { memberId: M(2) });
  await m.command('CheckIn', { memberId: M(1), venueCode: await m.venueCode() }, { as: own1.token });
  await m.command('CheckIn', { memberId: M(2), venueCode: await m.venueCode() }, { as: own2.token });
  for (const i of [3, 4, 5]) {
    const card = await m.mint('member', { memberId: M(i) });
    const r = await request(server.url, 'POST', `${m.path}/check-in`, { token: e.kiosk, json: { card: card.link } });
    expect(r.status, r.text).toBe(200);
  }
  await e.checkIn(Array.from({ length: 8 }, (_, i) => M(i + 6)));
  await e.depart([M(12)]);
  // 12 present of 14 expected; m0014 abroad, excluded by the meeting.
  await m.command('ExcludeFromExpected', {
    memberId: M(14),
    reason: 'abroad-6m',
    approvalRef: '上级党委组织部批复〔2026〕7号',
    meetingVote: { for: 12, against: 0, abstain: 0 },
  });
  await m.command('CorrectMember', {
    memberId: M(13),
    status: 'probationary',
    reason: '录入时误作正式党员，按党员档案更正为预备党员',
  });

  await e.ready({ scrutineers: [M(11)], tellers: 2 });
  expect(e.tellers).toHaveLength(2);
  await m.command('CreateContest', {
    contestId: 'committee',
    office: 'committee-member',
    seats: 2,
    mode: 'competitive',
    electorate: 'meeting',
  });
  for (let i = 1; i <= 4; i++)
    await m.command('Nominate', { contestId: 'committee', nomineeId: M(i), route: 'organisation' });
  for (let i = 1; i <= 4; i++)
    await m.command('ReviewCandidate', { contestId: 'committee', nomineeId: M(i), qualified: true, reason: '' });
  await m.command('PublishCandidateList', {
    contestId: 'committee',
    candidateIds: [M(1), M(2), M(3), M(4)],
    noticeDays: 3,
    publishedOn: daysFromToday(-7),
  });
  await m.command('ConfirmCandidateList', { contestId: 'committee' });
  const withdrawn = await m.command('WithdrawCandidate', {
    contestId: 'committee',
    candidateId: M(4),
    reason: '本人因工作调动申请退出',
  });
  expect(withdrawn.events.map((x) => x.type)).toEqual(['CandidateWithdrawn']);

  const opened = await e.openRound('committee');
  expect(opened).toMatchObject({ round: 1, presentVoters: 11, ballotsIssued: 11, doubleEntry: true });
  expect(opened.candidates).toEqual(expect.arrayContaining([M(1), M(2), M(3)]));
  expect(opened.candidates).toHaveLength(3);
  const [t1, t2] = e.tellers as [string, string];
  const keyed = FINAL.map((b, i) => (i === 9 ? MISREAD_10 : b));
  const record = (teller: string, ballotNo: number, b: Ballot) =>
    m.command(
      'RecordBallot',
      { contestId: 'committee', round: 1, ballotNo, marks: b.marks, writeIns: [] },
      { as: teller },
    );
  for (const [i, b] of keyed.entries()) {
    await record(t1, i + 1, b);
    await record(t2, i + 1, i === 2 ? f(M(3)) : b);
  }
  await m.command(
    'CorrectBallot',
    {
      contestId: 'committee',
      round: 1,
      ballotNo: 3,
      marks: FINAL[2]!.marks,
      writeIns: [],
      reason: '两名计票人录入不一致，监票人核对原始选票',
    },
    { as: e.scrutineer },
  );
  await e.closeRound('committee', 1, 11);
  await m.command('ReopenRound', { contestId: 'committee', round: 1, reason: '监票人复核发现第10号选票唱票有误' });
  await m.command(
    'CorrectBallot',
    {
      contestId: 'committee',
      round: 1,
      ballotNo: 10,
      marks: FINAL[9]!.marks,
      writeIns: [],
      reason: '复核原始选票更正',
    },
    { as: e.scrutineer },
  );
  await e.closeRound('committee', 1, 11);
  await e.declare('committee', 1);

  // Teller 2's credential is revoked once the count is done.
  const tellerCred = (await m.view()).credentials?.find((c) => c.role === 'teller' && c.name === '计票人2');
  expect(tellerCred, 'teller 2 credential in the chair view').toBeDefined();
  const revoked = await request(
    server.url,
    'DELETE',
    `${m.path}/credentials/${encodeURIComponent(tellerCred!.credentialId)}`,
    { token: m.chair },
  );
  expect(revoked.status, revoked.text).toBe(200);

  await m.command('CloseMeeting', {});
  await m.command(
    'RecordApproval',
    { contestId: 'committee', reference: '上级党委备案〔2026〕12号' },
    { as: (await countyApprover(server.url)).token },
  );

  exported = await m.eventsText(e.supervisor);
  events = exported
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as ChainedEvent);
}, 120_000);
afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a log written by the backend', () => {
  it('records every write path of the meeting', () => {
    const types = new Set(events.map((x) => x.type));
    for (const t of [
      'MeetingScheduled',
      'MemberEnrolled',
      'CredentialIssued',
      'MemberCheckedIn',
      'MemberDeparted',
      'MemberExcluded',
      'MemberCorrected',
      'ElectionMethodAdopted',
      'OfficersAppointed',
      'ContestCreated',
      'NominationReceived',
      'CandidateReviewed',
      'CandidateListPublished',
      'CandidateListConfirmed',
      'CandidateWithdrawn',
      'RoundOpened',
      'BallotRecorded',
      'BallotEntryCorrected',
      'RoundClosed',
      'RoundReopened',
      'ResultDeclared',
      'CredentialRevoked',
      'MeetingClosed',
      'ApprovalRecorded',
    ])
      expect(types, t).toContain(t);
    const checkIns = events
      .filter((x) => x.type === 'MemberCheckedIn')
      .map((x) => x.data as { memberId: string; method: string });
    expect(checkIns.filter((c) => c.method === 'self').map((c) => c.memberId)).toEqual([M(1), M(2)]);
    expect(
      checkIns
        .filter((c) => c.method === 'self')
        .every((c) => typeof (c as { venueWindow?: unknown }).venueWindow === 'number'),
    ).toBe(true);
    expect(checkIns.filter((c) => c.method === 'kiosk').map((c) => c.memberId)).toEqual([M(3), M(4), M(5)]);
    expect(checkIns.filter((c) => c.method === 'desk')).toHaveLength(8);
  });

  it('replays: the chain holds and every command is what the rules give', () => {
    const r = replayLog(events);
    expect(r.firstBadEvent, JSON.stringify(r.firstBadEvent)).toBeUndefined();
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.events).toBe(events.length);
    const c = r.contests.find((x) => x.contestId === 'committee')!;
    expect(c.elected).toEqual([M(1), M(2)]);
    const [r1] = c.rounds;
    expect(r1).toMatchObject({
      presentVoters: 11,
      ballotsIssued: 11,
      ballotsReturned: 11,
      valid: 11,
      invalid: 0,
      threshold: 6,
      elected: [M(1), M(2)],
      matches: true,
    });
    expect(Object.fromEntries(r1!.tally.map((t) => [t.candidateId, t.for]))).toEqual({
      [M(1)]: 8,
      [M(2)]: 7,
      [M(3)]: 5,
    });
    expect(c.approval).toBe('上级党委备案〔2026〕12号');
  });

  it('the server shows the same figures it computed live', async () => {
    const round = await e.roundView('committee', 1, e.supervisor);
    expect(forTally(round)).toEqual({ [M(1)]: 8, [M(2)]: 7, [M(3)]: 5 });
    expect(round.elected).toEqual([M(1), M(2)]);
  });

  it('the printed report lists the roll correction, the withdrawal, the ballot corrections and the reopening at their revisions', async () => {
    const r = await request(server.url, 'GET', `${e.m.path}/report`, { token: e.observer });
    expect(r.status, r.text).toBe(200);
    const revOf = (type: string, nth = 0) => events.filter((x) => x.type === type)[nth]!.metadata.revision;
    expect(reportFigures(r.text).corrections).toEqual([
      [revOf('MemberCorrected'), 'roll'],
      [revOf('CandidateWithdrawn'), 'withdrawn'],
      [revOf('BallotEntryCorrected', 0), 'corrected'],
      [revOf('RoundReopened'), 'reopened'],
      [revOf('BallotEntryCorrected', 1), 'corrected'],
    ]);
    // m0013 is no candidate or officer: observers read the paper, so the roll correction names the id, not the member.
    expect(r.text).toContain(`党员（编号 ${M(13)}）`);
    expect(r.text).not.toContain(e.nameOf(M(13)));
    expect(r.text).toContain(`候选人${e.nameOf(M(4))}退出`);
  });

  it('tallyroom verify exits 0 on the export', async () => {
    const file = path.join(dir, 'meeting.ndjson');
    await writeFile(file, exported);
    const cli = await runCli([file, '--json']);
    expect(cli.code, `${cli.stdout}\n${cli.stderr}`).toBe(0);
    const v = report(cli);
    expect(v).toMatchObject({ ok: true, events: events.length, firstBadEvent: null });
    expect(v.contests[0]!.elected).toEqual([M(1), M(2)]);
  });
});

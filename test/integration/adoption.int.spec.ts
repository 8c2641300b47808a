/**
 * P-08b over HTTP with the real server: a 换届 fixes its list, links a cpc-branch meeting as its 直选大会, and the
 * meeting adopts the list (the server fills the pinned revision, head and candidates with their provenance), publishes
 * it, runs a round and declares. Both logs are exported and verified together by the contracts' replay and by the
 * CLI: the genuine pair passes, a forged adoption (a name not on the list, a wrong head) fails and is named.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chainEvents,
  replayElection,
  type ChainedEvent,
  type CommandOutcome,
  type ElectionView,
  type OpenedElection,
} from '@tallyroom/contracts';
import { daysFromToday, expectError, expectOk, request, type Reply } from '../support/api.js';
import { ballotsFor, Election, makeRoll, memberId, personName } from '../support/election.js';
import { fixedElection } from '../support/process.js';
import { buildBackend, startTestServer, type TestServer } from '../support/server.js';
import { runCli } from '../verify/cli.js';
import { adminToken, countyApprover } from '../support/organisation.js';

let server: TestServer;
beforeAll(async () => {
  buildBackend();
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const NOMINEES = [1, 2, 3, 4].map((i) => ({ id: memberId(i), name: personName(i) }));
const [A, B, C, D] = NOMINEES.map((n) => n.id) as [string, string, string, string];

class Process {
  constructor(readonly opened: OpenedElection) {}
  get path() {
    return `/api/elections/${this.opened.electionId}`;
  }
  send(type: string, data: unknown, token = this.opened.credentials.chair) {
    return request<CommandOutcome>(server.url, 'POST', `${this.path}/commands`, {
      token,
      json: { type, data },
    });
  }
  async ok(type: string, data: unknown, token?: string) {
    return expectOk(await this.send(type, data, token));
  }
  async view(): Promise<ElectionView> {
    const r = await request<ElectionView>(server.url, 'GET', this.path, { token: this.opened.credentials.chair });
    expect(r.status, r.text).toBe(200);
    return r.body;
  }
  async exportText(): Promise<string> {
    const r = await request(server.url, 'GET', `${this.path}/export`, { token: this.opened.credentials.chair });
    expect(r.status, r.text).toBe(200);
    return r.text;
  }
}

const parseLog = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as ChainedEvent);
const ndjson = (events: readonly ChainedEvent[]) => events.map((e) => JSON.stringify(e)).join('\n') + '\n';

/** Alter one event's data and hash the chain again from there: a forgery the chain alone does not reveal. */
function forge(log: readonly ChainedEvent[], revision: number, change: (data: Record<string, unknown>) => void) {
  const copy = structuredClone(log) as ChainedEvent[];
  change(copy[revision]!.data as Record<string, unknown>);
  const unchained = copy.slice(revision).map(({ type, data, metadata }) => {
    const { prevHash: _p, hash: _h, ...meta } = metadata;
    return { type, data, metadata: meta };
  });
  return [...copy.slice(0, revision), ...chainEvents(copy[revision - 1]!.metadata.hash, unchained)];
}

describe('the 直选大会 adopts the list its 换届 fixed (P-08b)', () => {
  it('adopts, publishes, elects; both logs verify together, and a forged adoption is named', async () => {
    // The 直选大会: 12 members present, contest c elects 3 委员.
    const m = await Election.create(server.api, { parameters: { doubleEntry: false } });
    const roll = makeRoll(12);
    await m.enrol(roll);
    await m.checkIn(roll.map((x) => x.memberId));
    await m.ready({ scrutineers: [memberId(12)] });
    await m.m.command('CreateContest', { contestId: 'c', office: '委员', seats: 3 });

    // The 换届: four nominees for 委员 pass review, examination, a five-day notice and the 二报 approval.
    const r = (await request(server.url, 'POST', '/api/elections', {
      token: await adminToken(server.url),
      json: { organisation: '某局机关第一党支部', offices: [{ office: '委员', seats: 3 }] },
    })) as Reply<OpenedElection>;
    expect(r.status, r.text).toBe(201);
    const p = new Process(r.body);
    const electionId = p.opened.electionId;
    for (const n of NOMINEES)
      await p.ok('ProposeNominee', {
        nomineeId: n.id,
        name: n.name,
        office: '委员',
        route: 'organisation',
        supporters: ['支部委员会'],
        proposedOn: daysFromToday(-20),
      });
    for (const n of NOMINEES) {
      await p.ok('ReviewNominee', {
        nomineeId: n.id,
        qualified: true,
        reviewedBy: '资格审查小组',
        reviewedOn: daysFromToday(-18),
      });
      await p.ok('RecordExamination', {
        nomineeId: n.id,
        examiners: ['王考察', '李考察'],
        outcome: 'positive',
        notes: '群众评价好',
        examinedOn: daysFromToday(-15),
      });
    }
    await p.ok('OpenNotice', { nomineeIds: [A, B, C, D], from: daysFromToday(-12), days: 5 });
    await p.ok('SubmitReport', { kind: 'candidates', submittedOn: daysFromToday(-4) });
    await p.ok(
      'RecordUpperApproval',
      { kind: 'candidates', reference: '机党批〔2026〕12号', approvedOn: daysFromToday(-3), nomineeIds: [A, B, C, D] },
      (await countyApprover(server.url)).token,
    );

    const adopt = (data: Record<string, unknown>) => m.m.send('AdoptCandidateList', data as never);
    expectError(await adopt({ contestId: 'c', electionId: 'no-such' }), 404, 'UNKNOWN_ELECTION');
    expectError(await adopt({ contestId: 'c', electionId }), 422, 'MEETING_NOT_LINKED_AS_ELECTION', 'P-08b');
    await p.ok('LinkMeeting', { kind: 'election', meetingId: m.m.meetingId });
    expectError(await adopt({ contestId: 'c', electionId }), 422, 'LIST_NOT_FIXED', 'P-08');
    await p.ok('FixCandidateList', { nomineeIds: [A, B, C, D] });
    expectError(await adopt({ contestId: 'c', electionId, head: 'f'.repeat(64) }), 400, 'INVALID_FIELD');
    expectError(await adopt({ contestId: 'nope', electionId }), 404, 'UNKNOWN_CONTEST');
    await m.m.command('CreateContest', { contestId: 's', office: '书记', seats: 1 });
    expectError(await adopt({ contestId: 's', electionId }), 422, 'NO_CANDIDATES_FOR_OFFICE', 'P-08b');
    await m.m.command('WithdrawContest', { contestId: 's', reason: '书记由委员会选举' });
    const before = (await m.m.view()).revision;
    expectError(await adopt({ contestId: 'c', electionId, candidates: [] }), 400, 'INVALID_FIELD');
    expect((await m.m.view()).revision).toBe(before);

    // The server pins the CandidateListFixed event and fills the candidates with their provenance.
    const processEvents = parseLog(await p.exportText());
    const fixed = processEvents.find((e) => e.type === 'CandidateListFixed')!;
    expectOk(await adopt({ contestId: 'c', electionId }));
    const contest = (await m.m.view()).contests.find((c) => c.contestId === 'c')!;
    expect(contest.adoption).toMatchObject({
      electionId,
      revision: fixed.metadata.revision,
      head: fixed.metadata.hash,
    });
    expect(contest.adoption!.candidates.map((c) => [c.candidateId, c.name])).toEqual(
      NOMINEES.map((n) => [n.id, n.name]),
    );
    expect(contest.adoption!.candidates[0]!.provenance.map((l) => l.step)).toEqual([
      'nomination',
      'review',
      'examination',
      'notice',
      'list-approval',
    ]);
    expect(contest.nominees!.map((n) => [n.memberId, n.review?.qualified])).toEqual(NOMINEES.map((n) => [n.id, true]));
    expectError(
      await m.m.send('Nominate', { contestId: 'c', nomineeId: memberId(5), route: 'self' }),
      422,
      'CANDIDATES_ADOPTED',
      'P-08b',
    );

    // Then as today: publish, confirm, one round, declare.
    await m.publish('c', [A, B, C, D]);
    await m.m.command('ConfirmCandidateList', { contestId: 'c' });
    expectError(await adopt({ contestId: 'c', electionId: 'other' }), 404, 'UNKNOWN_ELECTION');
    const round = await m.runRound(
      'c',
      ballotsFor(
        { [A]: 10, [B]: 9, [C]: 8, [D]: 3 },
        { ballots: 12, seats: 3, otherwise: 'against', candidates: [A, B, C, D] },
      ),
    );
    expect(round.contest.elected.sort()).toEqual([A, B, C].sort());

    // Both logs verify together.
    const meetingText = await m.m.eventsText();
    const meetingEvents = parseLog(meetingText);
    const processText = await p.exportText();
    const genuine = replayElection(parseLog(processText), { meetings: { [m.m.meetingId]: meetingEvents } });
    expect(genuine.problems).toEqual([]);
    expect(genuine.adoptions).toMatchObject([{ meetingId: m.m.meetingId, contestId: 'c', status: 'matches' }]);

    // A forged adoption: 王五's place taken by a member the 换届 never listed, the meeting's chain hashed again.
    const at = meetingEvents.findIndex((e) => e.type === 'CandidateListAdopted');
    const stranger = { candidateId: memberId(5), name: personName(5), provenance: [] };
    const forgedName = forge(meetingEvents, at, (d) => {
      (d.candidates as unknown[])[2] = stranger;
    });
    const named = replayElection(parseLog(processText), { meetings: { [m.m.meetingId]: forgedName } });
    expect(named.ok).toBe(false);
    expect(named.adoptions[0]).toMatchObject({ status: 'differs', rule: 'ADOPTED_CANDIDATES_DIFFER' });
    const forgedHead = forge(meetingEvents, at, (d) => (d.head = 'f'.repeat(64)));

    const dir = await mkdtemp(path.join(tmpdir(), 'tallyroom-adoption-'));
    try {
      const files = {
        process: path.join(dir, 'election.ndjson'),
        meeting: path.join(dir, 'meeting.ndjson'),
        name: path.join(dir, 'meeting-forged-name.ndjson'),
        head: path.join(dir, 'meeting-forged-head.ndjson'),
      };
      await writeFile(files.process, processText);
      await writeFile(files.meeting, meetingText);
      await writeFile(files.name, ndjson(forgedName));
      await writeFile(files.head, ndjson(forgedHead));
      const good = await runCli([files.process, '--meeting', files.meeting]);
      expect(good.code, good.stderr + good.stdout).toBe(0);
      expect(good.stdout).toContain(
        `adoption   meeting ${m.m.meetingId} revision ${meetingEvents[at]!.metadata.revision}: contest c (委员) adopts the list @${fixed.metadata.revision} ${fixed.metadata.hash} — MATCHES`,
      );
      expect(good.stdout).toContain(`${personName(1)} (${A}): nomination`);
      const badName = await runCli([files.process, '--meeting', files.name]);
      expect(badName.code).toBe(1);
      expect(badName.stdout).toContain('ADOPTED_CANDIDATES_DIFFER');
      expect(badName.stdout).toContain(
        `${personName(5)} (${memberId(5)}) is not on the list the process fixed for 委员`,
      );
      const badHead = await runCli([files.process, '--meeting', files.head]);
      expect(badHead.code).toBe(1);
      expect(badHead.stdout).toContain('ADOPTED_HEAD_DIFFERS');
      // The meeting's own verifier cannot see the link: the forged head passes it alone.
      const alone = await runCli([files.head]);
      expect(alone.code, alone.stdout).toBe(0);
      expect(alone.stdout).toContain(`candidates adopted from election ${electionId} @${fixed.metadata.revision}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to cite a 直选大会 whose list was nominated by hand, not adopted: nothing is written (P-08b)', async () => {
    const m = await Election.create(server.api, { parameters: { doubleEntry: false } });
    const roll = makeRoll(12);
    await m.enrol(roll);
    await m.checkIn(roll.map((x) => x.memberId));
    await m.ready({ scrutineers: [memberId(12)] });
    await m.contest({ contestId: 'c', seats: 3, candidates: [A, B, C, D] });
    await m.runRound(
      'c',
      ballotsFor(
        { [A]: 10, [B]: 9, [C]: 8, [D]: 3 },
        { ballots: 12, seats: 3, otherwise: 'against', candidates: [A, B, C, D] },
      ),
    );
    const opened = await fixedElection(
      server.url,
      m.m.meetingId,
      NOMINEES.map((n) => ({ id: n.id, name: n.name, office: '委员' })),
      [{ office: '委员', seats: 3 }],
    );
    const p = new Process(opened);
    const before = await p.exportText();
    expectError(await p.send('CiteMeetingResult', { meetingId: m.m.meetingId }), 422, 'LIST_NOT_ADOPTED', 'P-08b');
    expect(await p.exportText()).toBe(before);
  });
});

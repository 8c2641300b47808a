/**
 * The 换届 process stream (election-<id>) over HTTP with the real server: opened with its credentials, driven from
 * 请示 to the fixed candidate list, a meeting's result cited by the server (revision, chain head, figures), the
 * P-08 gates refusing with nominee, step and rule, the export verified with the cited meeting's log by the
 * contracts' replay and by the CLI, and the store read back after a restart.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ELECTION_COMMAND_TYPES,
  replayElection,
  type ChainedEvent,
  type CommandOutcome,
  type ElectionView,
  type HeadReply,
  type OpenedElection,
} from '@tallyroom/contracts';
import { daysFromToday, expectError, expectOk, request, today, type Reply } from '../support/api.js';
import { ballotsFor, Election, makeRoll, memberId } from '../support/election.js';
import { buildBackend, spawnBuiltServer, startTestServer, stopProcess, type TestServer } from '../support/server.js';
import { runCli } from '../verify/cli.js';

let server: TestServer;
beforeAll(async () => {
  buildBackend();
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const [A, B, C] = [memberId(1), memberId(2), memberId(3)];

class Process {
  constructor(
    readonly base: string,
    readonly opened: OpenedElection,
  ) {}
  get path() {
    return `/api/elections/${this.opened.electionId}`;
  }
  send(type: string, data: unknown, o: { as?: string; commandId?: string } = {}) {
    return request<CommandOutcome>(this.base, 'POST', `${this.path}/commands`, {
      token: o.as ?? this.opened.credentials.chair,
      json: { type, data, ...(o.commandId ? { commandId: o.commandId } : {}) },
    });
  }
  async ok(type: string, data: unknown, o: { as?: string; commandId?: string } = {}) {
    return expectOk(await this.send(type, data, o));
  }
  async view(token = this.opened.credentials.chair): Promise<ElectionView> {
    const r = await request<ElectionView>(this.base, 'GET', this.path, { token });
    expect(r.status, r.text).toBe(200);
    return r.body;
  }
  async exportText(): Promise<string> {
    const r = await request(this.base, 'GET', `${this.path}/export`, { token: this.opened.credentials.chair });
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/x-ndjson');
    return r.text;
  }
}

async function openElection(
  base: string,
  body: unknown = { organisation: '某局机关第一党支部', offices: [{ office: '委员', seats: 1 }] },
) {
  const r = (await request(base, 'POST', '/api/elections', { json: body })) as Reply<OpenedElection>;
  expect(r.status, r.text).toBe(201);
  return new Process(base, r.body);
}

/**
 * A meeting whose declared result passes A and not B, standing in for the 公推大会 until its own ruleset
 * (recommendation, part B of issue 21) lands: 9 voters, one seat, A 6 votes, B 3.
 */
async function decidedMeeting() {
  const m = await Election.create(server.api, { parameters: { doubleEntry: false } });
  const roll = makeRoll(9);
  await m.enrol(roll);
  await m.checkIn(roll.map((x) => x.memberId));
  await m.ready({ scrutineers: [memberId(9)] });
  await m.contest({ contestId: 'c', seats: 1, candidates: [A, B] });
  await m.runRound(
    'c',
    ballotsFor({ [A]: 6, [B]: 3 }, { ballots: 9, seats: 1, otherwise: 'against', candidates: [A, B] }),
  );
  return m;
}

describe('the 换届 process stream over HTTP', () => {
  it('opens with chair and observer credentials; refuses a bad body, no credential, the observer, an unknown id', async () => {
    expectError(
      await request(server.url, 'POST', '/api/elections', { json: { organisation: 'x', offices: [] } }),
      400,
      'INVALID_FIELD',
    );
    const p = await openElection(server.url);
    expect(p.opened.links.chair).toMatch(new RegExp(`/e/${p.opened.electionId}/chair#t=tr_`));
    expect(p.opened.credentials.observer).toMatch(/^tr_/);
    expectError(await request(server.url, 'GET', p.path), 401, 'UNAUTHENTICATED');
    expectError(
      await p.send(
        'PlanStep',
        { step: 'request', plannedOn: today(), responsible: '王书记' },
        { as: p.opened.credentials.observer },
      ),
      403,
      'FORBIDDEN',
    );
    expectError(
      await p.send('OpenElection', { organisation: 'x', offices: [{ office: '委员', seats: 1 }] }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await request(server.url, 'GET', '/api/elections/nope', { token: p.opened.credentials.chair }),
      404,
      'UNKNOWN_ELECTION',
    );
    expectError(await p.send('Bogus', {}), 400, 'UNKNOWN_COMMAND');
    expectError(
      await p.send('PlanStep', { step: 'request', plannedOn: '2026-02-30', responsible: '王书记' }),
      400,
      'INVALID_FIELD',
    );
    const v = await p.view(p.opened.credentials.observer);
    expect(v).toMatchObject({
      organisation: '某局机关第一党支部',
      ruleset: 'cpc-branch',
      timeZone: 'Asia/Shanghai',
      viewer: { role: 'observer' },
    });
    expect(JSON.stringify(v)).not.toContain('tokenHash');
  });

  it('answers malformed process commands of every type with a refusal envelope, never a 500, and writes nothing', async () => {
    const p = await openElection(server.url);
    const before = (await p.view()).revision;
    const junk: unknown[] = [
      undefined,
      null,
      'x',
      [],
      { nomineeId: 7 },
      { step: 'nope' },
      { meetingId: '' },
      { extra: 1 },
    ];
    for (const type of ELECTION_COMMAND_TYPES)
      for (const data of junk) {
        const r = await p.send(type, data);
        expect([400, 403, 404, 409, 422], `${type} ${JSON.stringify(data)}: ${r.text}`).toContain(r.status);
        expect(Object.keys(r.body as object)).toEqual(['error']);
      }
    expect((await p.view()).revision).toBe(before);
  });

  it('runs from 请示 to the fixed list: the server cites the meeting, P-08 gates name nominee, step and rule', async () => {
    const meeting = await decidedMeeting();
    const p = await openElection(server.url);
    await p.ok('PlanStep', { step: 'request', plannedOn: daysFromToday(-20), responsible: '王书记' });
    await p.ok('CompleteStep', { step: 'request', completedOn: daysFromToday(-19), reference: '机党请〔2026〕3号' });
    await p.ok('RecordUpperApproval', {
      kind: 'request',
      reference: '机党批〔2026〕5号',
      approvedOn: daysFromToday(-18),
    });
    await p.ok('PlanStep', { step: 'mobilisation', plannedOn: daysFromToday(-2), responsible: '李委员' });
    for (const [id, name] of [
      [A, '张三'],
      [B, '李四'],
      [C, '王五'],
    ] as const)
      await p.ok('ProposeNominee', { nomineeId: id, name, route: 'self', proposedOn: daysFromToday(-16) });
    expectError(
      await p.send('ProposeNominee', { nomineeId: 'x', name: '赵六', route: 'members', supporters: ['一人'] }),
      422,
      'TOO_FEW_SUPPORTERS',
      'P-07',
    );
    for (const id of [A, B])
      await p.ok('ReviewNominee', {
        nomineeId: id,
        qualified: true,
        reviewedBy: '资格审查小组',
        reviewedOn: daysFromToday(-15),
      });
    await p.ok('ReviewNominee', { nomineeId: C, qualified: false, reason: '党龄不满一年', reviewedBy: '资格审查小组' });
    expectError(
      await p.send('RecordExamination', { nomineeId: C, examiners: ['王考察'], outcome: 'positive', notes: '好' }),
      422,
      'NOT_QUALIFIED',
      'P-08',
    );

    // Linking names a meeting that exists; citing is the server's: revision, head and figures from the meeting.
    expectError(
      await p.send('LinkMeeting', { kind: 'recommendation', meetingId: 'no-such-meeting' }),
      404,
      'UNKNOWN_MEETING',
    );
    const rehearsal = await server.api.createMeeting({ practice: true });
    expectError(
      await p.send('LinkMeeting', { kind: 'election', meetingId: rehearsal.meetingId }),
      409,
      'PRACTICE_MEETING_NOT_LINKED',
    );
    await p.ok('LinkMeeting', { kind: 'recommendation', meetingId: meeting.m.meetingId });
    expectError(
      await p.send('CiteMeetingResult', { meetingId: meeting.m.meetingId, revision: 1 }),
      400,
      'INVALID_FIELD',
    );
    const head = (
      await request<HeadReply>(server.url, 'GET', `/api/meetings/${meeting.m.meetingId}/head`, {
        token: meeting.m.chair,
      })
    ).body;
    await p.ok('CiteMeetingResult', { meetingId: meeting.m.meetingId });
    const cited = (await p.view()).citations[0]!;
    expect(cited).toMatchObject({
      meetingId: meeting.m.meetingId,
      kind: 'recommendation',
      revision: head.revision,
      head: head.hash,
    });
    expect(cited.results.find((r) => r.nomineeId === A)).toMatchObject({
      passed: true,
      figures: { for: 6, against: 3 },
    });
    expect(cited.results.find((r) => r.nomineeId === B)).toMatchObject({
      passed: false,
      figures: { for: 3, against: 6 },
    });

    for (const id of [A, B])
      await p.ok('RecordExamination', {
        nomineeId: id,
        examiners: ['王考察', '李考察'],
        outcome: 'positive',
        notes: '群众公认',
        examinedOn: daysFromToday(-12),
      });
    expectError(
      await p.send('OpenNotice', { nomineeIds: [A, B], from: daysFromToday(-10), days: 5 }),
      422,
      'NOMINEE_STEP_MISSING',
      'P-09',
    );
    expectError(
      await p.send('OpenNotice', { nomineeIds: [A], from: daysFromToday(-10), days: 2 }),
      422,
      'NOTICE_TOO_SHORT',
      'P-10',
    );
    await p.ok('OpenNotice', { nomineeIds: [A], from: daysFromToday(-10), days: 5 });
    await p.ok('ReceiveObjection', {
      objectionId: 'o1',
      nomineeId: A,
      summary: '反映其长期不参加组织生活',
      receivedOn: daysFromToday(-8),
    });
    const pending = expectError(
      await p.send('FixCandidateList', { nomineeIds: [A] }),
      422,
      'OBJECTION_PENDING',
      'P-10',
    );
    expect(pending).toMatchObject({ field: 'data.nomineeIds.0', params: { candidateId: A, step: 'notice' } });
    await p.ok('ResolveObjection', {
      objectionId: 'o1',
      investigation: '经支部核实',
      outcome: 'rejected',
      reason: '与事实不符',
      decidedBy: '机关纪委',
      resolvedOn: daysFromToday(-7),
    });
    const noApproval = expectError(
      await p.send('FixCandidateList', { nomineeIds: [A] }),
      422,
      'NOMINEE_STEP_MISSING',
      'P-08',
    );
    expect(noApproval.params).toEqual({ candidateId: A, step: 'list-approval' });
    expect(noApproval.message).toContain(`张三 (${A})`);
    await p.ok('RecordUpperApproval', {
      kind: 'candidates',
      reference: '机党批〔2026〕12号',
      approvedOn: daysFromToday(-3),
      nomineeIds: [A],
    });

    // A retried command is answered from the log, once.
    const first = await p.ok('FixCandidateList', { nomineeIds: [A] }, { commandId: 'fix-1' });
    const again = await p.ok('FixCandidateList', { nomineeIds: [A] }, { commandId: 'fix-1' });
    expect(again).toEqual({ ...first, duplicate: true });
    expectError(
      await p.send('PlanStep', { step: 'election', plannedOn: today(), responsible: '王书记' }, { commandId: 'fix-1' }),
      409,
      'COMMAND_ID_REUSED',
    );
    expectError(await p.send('FixCandidateList', { nomineeIds: [A] }), 409, 'CANDIDATE_LIST_FIXED');

    const v = await p.view();
    expect(v.candidateList!.nomineeIds).toEqual([A]);
    expect(v.candidateList!.provenance[0]!.steps.map((s) => s.step)).toEqual([
      'nomination',
      'review',
      'recommendation',
      'examination',
      'notice',
      'list-approval',
    ]);
    const card = v.card.steps;
    expect(card.find((s) => s.step === 'request')).toMatchObject({
      status: 'done',
      actualOn: daysFromToday(-19),
      responsible: '王书记',
      references: ['机党请〔2026〕3号'],
    });
    expect(card.find((s) => s.step === 'mobilisation')).toMatchObject({ status: 'overdue', daysLate: 2 });
    expect(card.find((s) => s.step === 'recommendation')).toMatchObject({ status: 'done', actualOn: today() });
    expect(card.find((s) => s.step === 'notice')).toMatchObject({ status: 'done', actualOn: daysFromToday(-5) });
    expect(v.card.notice).toMatchObject({ state: 'ended', daysLeft: 0 });
    expect(v.nominees.find((n) => n.nomineeId === B)!.gaps.map((g) => g.step)).toEqual([
      'recommendation',
      'notice',
      'list-approval',
    ]);

    // The export verifies, with the cited meeting's log: by the contracts' replay and by the CLI.
    const exported = await p.exportText();
    const lines = exported
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as ChainedEvent);
    const meetingLog = await meeting.m.eventsText();
    const meetingEvents = meetingLog
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as ChainedEvent);
    const r = replayElection(lines, { meetings: { [meeting.m.meetingId]: meetingEvents } });
    expect(r.problems).toEqual([]);
    expect(r.citations.map((c) => c.status)).toEqual(['matches']);

    const dir = await mkdtemp(path.join(tmpdir(), 'tallyroom-election-'));
    try {
      const processFile = path.join(dir, 'election.ndjson');
      const meetingFile = path.join(dir, 'meeting.ndjson');
      const shortFile = path.join(dir, 'meeting-short.ndjson');
      await writeFile(processFile, exported);
      await writeFile(meetingFile, meetingLog);
      await writeFile(shortFile, meetingLog.split('\n').slice(0, 5).join('\n') + '\n');
      const good = await runCli([processFile, '--meeting', meetingFile]);
      expect(good.code, good.stderr + good.stdout).toBe(0);
      expect(good.stdout).toContain(
        `recommendation meeting ${meeting.m.meetingId} @${head.revision} ${head.hash} — MATCHES`,
      );
      expect(good.stdout).toContain('list-approval');
      expect(good.stdout).toMatch(/OK: .* 1 of 1 citations were checked/);
      const short = await runCli([processFile, '--meeting', shortFile]);
      expect(short.code).toBe(1);
      expect(short.stdout).toContain('CITED_REVISION_MISSING');
      const unchecked = await runCli([processFile]);
      expect(unchecked.code).toBe(0);
      expect(unchecked.stdout).toContain('not checked (give its log with --meeting)');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps elections and meetings apart in the store across a restart (start-up loading, snapshots)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tallyroom-election-restart-'));
    const file = path.join(dir, 't.db');
    try {
      let s = await spawnBuiltServer(file);
      const p = await openElection(s.url);
      await p.ok('ProposeNominee', { nomineeId: A, name: '张三', route: 'organisation' });
      const m = await s.api.createMeeting();
      await stopProcess(s, 'SIGTERM');
      s = await spawnBuiltServer(file);
      try {
        const again = new Process(s.url, p.opened);
        expect((await again.view()).nominees.map((n) => n.name)).toEqual(['张三']);
        const mv = await request(s.url, 'GET', `/api/meetings/${m.meetingId}`, { token: m.chair });
        expect(mv.status, mv.text).toBe(200);
        // An election id is no meeting.
        expectError(
          await request(s.url, 'GET', `/api/meetings/${p.opened.electionId}`, { token: p.opened.credentials.chair }),
          404,
          'UNKNOWN_MEETING',
        );
        expect(s.logs.filter((l) => l.level !== undefined && Number(l.level) >= 50)).toEqual([]);
      } finally {
        await stopProcess(s, 'SIGTERM');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

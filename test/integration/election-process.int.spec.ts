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
import { Election, memberId, personName } from '../support/election.js';
import { buildBackend, spawnBuiltServer, startTestServer, stopProcess, type TestServer } from '../support/server.js';
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
  const r = (await request(base, 'POST', '/api/elections', {
    json: body,
    token: await adminToken(base),
  })) as Reply<OpenedElection>;
  expect(r.status, r.text).toBe(201);
  return new Process(base, r.body);
}

/**
 * The 公推大会 (ruleset recommendation) whose declared result passes A and not B. Roll: seven party members
 * (m0001..m0007), three masses' representatives (q0001..q0003), two invited deputies (y0001, y0002), all present.
 * Only members' and masses' papers count toward the threshold (recommendationCountedPapers, P-09b); one name per
 * paper (one seat). Recommendation papers: members' 4 A, 3 B; masses' 2 A, 1 B; deputies' 2 B. Trust papers on A:
 * members' 7 信任; masses' 2 信任, 1 基本信任; deputies' 1 基本信任, 1 不信任.
 */
const REC = {
  members: 7,
  masses: 3,
  deputies: 2,
  papers: [
    ...Array.from({ length: 4 }, () => ['member', A] as const),
    ...Array.from({ length: 3 }, () => ['member', B] as const),
    ...Array.from({ length: 2 }, () => ['masses', A] as const),
    ['masses', B] as const,
    ['deputy', B] as const,
    ['deputy', B] as const,
  ],
  trust: [
    ...Array.from({ length: 7 }, () => ['member', 'for'] as const),
    ['masses', 'for'] as const,
    ['masses', 'for'] as const,
    ['masses', 'abstain'] as const,
    ['deputy', 'abstain'] as const,
    ['deputy', 'against'] as const,
  ],
};
/** The figures as the scrutineers' tally sheet has them, by hand from the papers above (no code under test). */
const COUNTED_BASE = 7 + 3; // members' and masses' papers
const REQUIRED = 6; // strictly more than half of 10
const EXPECTED_FIGURES = {
  [A]: {
    'recommended.member': 4,
    'recommended.masses': 2,
    'recommended.deputy': 0,
    'recommended.all': 6,
    counted: 6,
    base: COUNTED_BASE,
    required: REQUIRED,
    'trust.member': 7,
    'trust.masses': 2,
    'trust.deputy': 0,
    'trust.all': 9,
    'basicTrust.member': 0,
    'basicTrust.masses': 1,
    'basicTrust.deputy': 1,
    'basicTrust.all': 2,
    'distrust.member': 0,
    'distrust.masses': 0,
    'distrust.deputy': 1,
    'distrust.all': 1,
  },
  // As many names in all as A, but two of them on deputies' papers, which do not count: 4 of 10 counted.
  [B]: {
    'recommended.member': 3,
    'recommended.masses': 1,
    'recommended.deputy': 2,
    'recommended.all': 6,
    counted: 4,
    base: COUNTED_BASE,
    required: REQUIRED,
  },
};

async function decidedMeeting() {
  const m = await Election.create(server.api, {
    ruleset: 'recommendation',
    title: '第一党支部换届公推大会',
    parameters: { recommendationCountedPapers: ['member', 'masses'] },
  });
  const csv = [
    '姓名,编号,身份,类别',
    ...Array.from({ length: REC.members }, (_, i) => `${personName(i + 1)},${memberId(i + 1)},正式党员,党员`),
    ...Array.from({ length: REC.masses }, (_, i) => `${personName(i + 40)},${memberId(i + 1, 'q')},,村(居)民代表`),
    ...Array.from({ length: REC.deputies }, (_, i) => `${personName(i + 60)},${memberId(i + 1, 'y')},,特邀代表`),
  ].join('\n');
  const upload = await m.m.uploadRoll(csv);
  expect(upload.status, upload.text).toBe(200);
  await m.checkIn((await m.view()).members!.map((x) => x.memberId));
  await m.ready({ scrutineers: [memberId(3, 'q')] });
  await m.contest({ contestId: 'rec', seats: 1, candidates: [A, B], ballot: 'recommendation' });
  await m.contest({ contestId: 'trust', seats: 1, candidates: [A], ballot: 'trust' });
  type Paper = 'member' | 'masses' | 'deputy';
  type Marks = Record<string, 'for' | 'against' | 'abstain'>;
  const key = async (contestId: string, papers: readonly (readonly [Paper, Marks])[]) => {
    await m.openRound(contestId);
    for (const [i, [paper, marks]] of papers.entries())
      await m.m.command(
        'RecordBallot',
        { contestId, round: 1, ballotNo: i + 1, paper, marks, writeIns: [] },
        { as: m.tellers[0] },
      );
    await m.closeRound(contestId, 1, papers.length);
    await m.declare(contestId, 1);
  };
  await key(
    'rec',
    REC.papers.map(([paper, id]) => [paper, { [id]: 'for' as const }] as const),
  );
  await key(
    'trust',
    REC.trust.map(([paper, mark]) => [paper, { [A]: mark }] as const),
  );
  return m;
}

describe('the 换届 process stream over HTTP', () => {
  it('opens with chair and observer credentials; refuses a bad body, no credential, the observer, an unknown id', async () => {
    expectError(
      await request(server.url, 'POST', '/api/elections', {
        json: { organisation: 'x', offices: [] },
        token: await adminToken(server.url),
      }),
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

  it('P-08m: links a meeting only as the kind its ruleset holds; a mismatch is refused and writes nothing', async () => {
    const p = await openElection(server.url);
    const branch = await server.api.createMeeting();
    const rec = await server.api.createMeeting({ ruleset: 'recommendation', title: '第一党支部换届公推大会' });
    const before = await p.exportText();
    for (const [kind, meetingId, ruleset, required] of [
      ['recommendation', branch.meetingId, 'cpc-branch', 'recommendation'],
      ['party-group', branch.meetingId, 'cpc-branch', 'party-group'],
      ['election', rec.meetingId, 'recommendation', 'cpc-branch'],
      ['party-group', rec.meetingId, 'recommendation', 'party-group'],
    ] as const) {
      const e = expectError(await p.send('LinkMeeting', { kind, meetingId }), 422, 'MEETING_RULESET_MISMATCH', 'P-08m');
      expect(e).toMatchObject({ field: 'data.meetingId', params: { kind, ruleset, required } });
    }
    // The ruleset is the server's to fill, from the meeting: a client claiming one is refused.
    expectError(
      await p.send('LinkMeeting', { kind: 'recommendation', meetingId: branch.meetingId, ruleset: 'recommendation' }),
      400,
      'INVALID_FIELD',
    );
    expectError(
      await p.send('LinkMeeting', { kind: 'mobilisation', meetingId: branch.meetingId, title: '别的会' }),
      400,
      'INVALID_FIELD',
    );
    expect(await p.exportText()).toBe(before);

    // A 动员大会 may be held under any ruleset; the 公推大会 under recommendation. The events keep the ruleset.
    await p.ok('LinkMeeting', { kind: 'mobilisation', meetingId: branch.meetingId });
    await p.ok('LinkMeeting', { kind: 'recommendation', meetingId: rec.meetingId });
    const lines = (await p.exportText())
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as ChainedEvent);
    // …and the meeting's title and day as linked, which the 换届's readers see instead of its id.
    const day = expect.stringMatching(/^\d{4}-\d{2}-\d{2}/) as unknown;
    expect(lines.filter((e) => e.type === 'MeetingLinked').map((e) => e.data)).toEqual([
      {
        kind: 'mobilisation',
        meetingId: branch.meetingId,
        ruleset: 'cpc-branch',
        title: expect.any(String),
        scheduledFor: day,
      },
      {
        kind: 'recommendation',
        meetingId: rec.meetingId,
        ruleset: 'recommendation',
        title: '第一党支部换届公推大会',
        scheduledFor: day,
      },
    ]);
    expect((await p.view()).card.steps.find((s) => s.step === 'recommendation')?.references).toEqual([
      '第一党支部换届公推大会',
    ]);
    expect(replayElection(lines).problems).toEqual([]);
  });

  it('runs from 请示 to the fixed list: the server cites the meeting, P-08 gates name nominee, step and rule', async () => {
    const meeting = await decidedMeeting();
    const p = await openElection(server.url);
    await p.ok('PlanStep', { step: 'request', plannedOn: daysFromToday(-20), responsible: '王书记' });
    await p.ok('SubmitReport', { kind: 'request', submittedOn: daysFromToday(-19), reference: '机党请〔2026〕3号' });
    await p.ok(
      'RecordUpperApproval',
      { kind: 'request', reference: '机党批〔2026〕5号', approvedOn: daysFromToday(-18) },
      { as: (await countyApprover(server.url)).token },
    );
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
    const cite = await p.ok('CiteMeetingResult', { meetingId: meeting.m.meetingId }, { commandId: 'cite-1' });
    const cited = (await p.view()).citations[0]!;
    // The meeting moves on (a credential minted); the citation's retry, the same body, is still a retry: the
    // figures the server filled in have moved, what the client sent has not.
    await meeting.m.mint('observer');
    expect(await p.ok('CiteMeetingResult', { meetingId: meeting.m.meetingId }, { commandId: 'cite-1' })).toEqual({
      ...cite,
      duplicate: true,
    });
    expect((await p.view()).citations).toHaveLength(1);
    expect(cited).toMatchObject({
      meetingId: meeting.m.meetingId,
      kind: 'recommendation',
      revision: head.revision,
      head: head.hash,
      // Filled by the server: the figures take every declared round of a contest (docs/api.md).
      rounds: 'every',
    });
    expectError(
      await p.send('CiteMeetingResult', { meetingId: meeting.m.meetingId, rounds: 'every' }),
      400,
      'INVALID_FIELD',
    );
    // The 公推大会's figures by paper category (P-09b), the threshold (P-09) and the trust ratings.
    expect(cited.results.find((r) => r.nomineeId === A)).toEqual({
      nomineeId: A,
      passed: true,
      figures: EXPECTED_FIGURES[A],
    });
    expect(cited.results.find((r) => r.nomineeId === B)).toEqual({
      nomineeId: B,
      passed: false,
      figures: EXPECTED_FIGURES[B],
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
    await p.ok('SubmitReport', { kind: 'candidates', submittedOn: daysFromToday(-4) });
    await p.ok(
      'RecordUpperApproval',
      { kind: 'candidates', reference: '机党批〔2026〕12号', approvedOn: daysFromToday(-3), nomineeIds: [A] },
      { as: (await countyApprover(server.url)).token },
    );

    // A retried command is answered from the log, once.
    const first = await p.ok('FixCandidateList', { nomineeIds: [A] }, { commandId: 'fix-1' });
    const again = await p.ok('FixCandidateList', { nomineeIds: [A] }, { commandId: 'fix-1' });
    expect(again).toEqual({ ...first, duplicate: true });
    expectError(
      await p.send('PlanStep', { step: 'election', plannedOn: today(), responsible: '王书记' }, { commandId: 'fix-1' }),
      409,
      'COMMAND_ID_REUSED',
    );
    // The same command type with other data under the same id is not a retry.
    expectError(
      await p.send('FixCandidateList', { nomineeIds: [A, A] }, { commandId: 'fix-1' }),
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
    // Planned two days ago and never recorded, with later steps done: flagged as never entered, not late by a count
    // that would grow for ever.
    expect(card.find((s) => s.step === 'mobilisation')).toMatchObject({ status: 'unrecorded', daysLate: null });
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

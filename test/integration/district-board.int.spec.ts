/**
 * Issue 23, point 4: the district board against the real server. An organisation tree (county → two committees →
 * three branches), meetings created by the county's org-admin for the branches, a board watched over real socket.io
 * clients: it sees each meeting's stage move, its anomalies appear, only its own subtree, and its updates coalesced
 * to at most one a second however many commits land.
 */
import {
  BoardSync,
  type BoardJoinAck,
  type BoardRow,
  type BoardUpdate,
  type DistrictBoard,
  type OpenedElection,
  type ScheduledMeeting,
} from '@tallyroom/contracts';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOARD_UPDATE_INTERVAL_MS } from '../../backend/src/board/board-cadence.js';
import { daysFromToday, expectError, MeetingClient, request, today } from '../support/api.js';
import { makeRoll } from '../support/election.js';
import { fixedElection } from '../support/process.js';
import { adminToken, TEST_OPERATOR_TOKEN } from '../support/organisation.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
const post = <T>(path: string, token: string, json: unknown) => request<T>(server.url, 'POST', path, { token, json });

interface Created {
  organisationId: string;
  credentials: Record<string, string>;
}
async function organisation(token: string, body: Record<string, unknown>): Promise<Created> {
  const r = await post<Created>('/api/organisations', token, body);
  expect(r.status, r.text).toBe(201);
  return r.body;
}
async function credential(orgId: string, admin: string, role: string): Promise<string> {
  const r = await post<{ token: string }>(`/api/organisations/${orgId}/credentials`, admin, { role });
  expect(r.status, r.text).toBe(201);
  return r.body.token;
}
async function meeting(admin: string, organisationId: string, title: string, practice = false): Promise<MeetingClient> {
  const r = await post<ScheduledMeeting>('/api/meetings', admin, {
    title,
    organisation: title.slice(0, 6),
    scheduledFor: today(),
    organisationId,
    parameters: { doubleEntry: false },
    ...(practice ? { practice: true } : {}),
  });
  expect(r.status, r.text).toBe(201);
  return new MeetingClient(server.api, r.body.meetingId, r.body.credentials);
}

/** A board watcher: every board:update kept, and a wait for the first board that satisfies a condition. */
class BoardClient {
  readonly socket: Socket;
  readonly updates: BoardUpdate[] = [];
  private waiters: { test: (b: DistrictBoard) => boolean; resolve: (b: DistrictBoard) => void }[] = [];
  constructor(token?: string) {
    this.socket = io(`${server.url}/live`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      ...(token ? { auth: { token } } : {}),
    });
    this.socket.on('board:update', (u: BoardUpdate) => {
      this.updates.push(u);
      // Joined without `patches`: every update is a whole board.
      const board = u.board!;
      this.waiters = this.waiters.filter((w) => (w.test(board) ? (w.resolve(board), false) : true));
    });
  }
  join(organisationId: string, token?: string): Promise<BoardJoinAck> {
    return this.socket.timeout(5000).emitWithAck('board:join', { organisationId, ...(token ? { token } : {}) });
  }
  until(test: (b: DistrictBoard) => boolean, what: string, timeoutMs = 8000): Promise<DistrictBoard> {
    const last = this.updates.at(-1)?.board;
    if (last && test(last)) return Promise.resolve(last);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no board update with ${what} in ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        test,
        resolve: (b) => {
          clearTimeout(timer);
          resolve(b);
        },
      });
    });
  }
  close() {
    this.socket.close();
  }
}

const rowOf = (b: DistrictBoard, meetingId: string): BoardRow | undefined =>
  b.rows.find((r) => r.meetingId === meetingId);

let county: Created;
let k1: Created;
let k2: Created;
let b1: Created;
let b2: Created;
let b3: Created;
let viewer: string;
let a: MeetingClient;
let b: MeetingClient;
let c: MeetingClient;
let practice: MeetingClient;

beforeAll(async () => {
  server = await startTestServer();
  county = await organisation(TEST_OPERATOR_TOKEN, { name: '某县委组织部', kind: 'county' });
  const admin = county.credentials['org-admin']!;
  k1 = await organisation(admin, { name: '机关一工委', kind: 'committee', parentId: county.organisationId });
  k2 = await organisation(admin, { name: '机关二工委', kind: 'committee', parentId: county.organisationId });
  b1 = await organisation(admin, { name: '第一党支部', kind: 'branch', parentId: k1.organisationId });
  b2 = await organisation(admin, { name: '第二党支部', kind: 'branch', parentId: k1.organisationId });
  b3 = await organisation(admin, { name: '第三党支部', kind: 'branch', parentId: k2.organisationId });
  viewer = await credential(county.organisationId, admin, 'org-viewer');
  a = await meeting(admin, b1.organisationId, '第一党支部换届选举党员大会');
  b = await meeting(admin, b2.organisationId, '第二党支部换届选举党员大会');
  c = await meeting(admin, b3.organisationId, '第三党支部换届选举党员大会');
  practice = await meeting(admin, b1.organisationId, '第一党支部演练', true);
}, 60_000);
afterAll(async () => {
  await server?.close();
});

describe('GET /api/organisations/:id/board', () => {
  it('lists every real meeting of the subtree, scheduled, with each committee rolled up', async () => {
    const r = await request<DistrictBoard>(server.url, 'GET', `/api/organisations/${county.organisationId}/board`, {
      token: viewer,
    });
    expect(r.status, r.text).toBe(200);
    expect(r.body.rows.map((x) => x.meetingId).sort()).toEqual([a, b, c].map((m) => m.meetingId).sort());
    expect(r.body.rows.map((x) => x.meetingId)).not.toContain(practice.meetingId);
    expect(r.body.rows.every((x) => x.stage === 'scheduled' && x.anomalies.length === 0)).toBe(true);
    expect(rowOf(r.body, a.meetingId)?.organisationId).toBe(b1.organisationId);
    const meetings = Object.fromEntries(r.body.rollUps.map((u) => [u.organisationId, u.meetings]));
    expect(meetings).toEqual({ [k1.organisationId]: 2, [k2.organisationId]: 1, [county.organisationId]: 0 });
    expect(r.body.totals.meetings).toBe(3);
  });

  it('a committee reads its own subtree only, and not its parent’s board', async () => {
    const k2viewer = await credential(k2.organisationId, k2.credentials['org-admin']!, 'org-viewer');
    const own = await request<DistrictBoard>(server.url, 'GET', `/api/organisations/${k2.organisationId}/board`, {
      token: k2viewer,
    });
    expect(own.status, own.text).toBe(200);
    expect(own.body.rows.map((x) => x.meetingId)).toEqual([c.meetingId]);
    expectError(
      await request(server.url, 'GET', `/api/organisations/${county.organisationId}/board`, { token: k2viewer }),
      403,
      'OUTSIDE_ORGANISATION',
    );
    // A meeting's own credential is no organisation credential.
    expectError(
      await request(server.url, 'GET', `/api/organisations/${k2.organisationId}/board`, {
        token: c.credentials.observer,
      }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(
      await request(server.url, 'GET', `/api/organisations/${county.organisationId}/board`),
      401,
      'UNAUTHENTICATED',
    );
  });
});

describe('board:join', () => {
  it('refuses a join without a credential or with another subtree’s, and the ack of a good one carries the board', async () => {
    const w = new BoardClient();
    try {
      const none = await w.join(county.organisationId);
      expect(none).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      const k2viewer = await credential(k2.organisationId, k2.credentials['org-admin']!, 'org-viewer');
      expect(await w.join(county.organisationId, k2viewer)).toMatchObject({
        ok: false,
        error: { code: 'OUTSIDE_ORGANISATION' },
      });
      const ok = await w.join(county.organisationId, viewer);
      expect(ok.ok).toBe(true);
      if (ok.ok) expect(ok.board.rows).toHaveLength(3);
    } finally {
      w.close();
    }
  });

  it('a refused second join leaves the socket watching the board it joined before', async () => {
    const w = new BoardClient();
    try {
      const ok = await w.join(county.organisationId, viewer);
      if (!ok.ok) throw new Error(JSON.stringify(ok.error));
      const expected = rowOf(ok.board, c.meetingId)!.attendance.expected;
      expect(await w.join('no-such-organisation', viewer)).toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_ORGANISATION' },
      });
      expect(await w.join(county.organisationId)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      expect(await w.join(42 as unknown as string, viewer)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_FIELD', message: 'organisationId must be a non-empty string' },
      });
      // Still on the county's board: the next change to one of its meetings reaches it.
      await c.command('EnrolMembers', { members: makeRoll(1, { prefix: 'rj' }) });
      const after = await w.until(
        (x) => rowOf(x, c.meetingId)?.attendance.expected === expected + 1,
        'the county board with one more member expected at the third branch',
      );
      expect(rowOf(after, c.meetingId)!.attendance.expected).toBe(expected + 1);
    } finally {
      w.close();
    }
  });

  it('follows a meeting through check-in, quorum and voting, with A-01 when 10 papers are keyed of 9 issued', async () => {
    const w = new BoardClient(viewer);
    try {
      expect((await w.join(county.organisationId)).ok).toBe(true);
      // Meeting a: 10 full members; 1 checked in → checking-in; 9 → quorum (P-05: more than 4/5 of 10).
      const roll = makeRoll(10);
      await a.command('EnrolMembers', { members: roll });
      await a.command('CheckIn', { memberId: roll[0]!.memberId, method: 'desk' });
      await w.until((x) => rowOf(x, a.meetingId)?.stage === 'checking-in', 'a checking in');
      for (const m of roll.slice(1, 9)) await a.command('CheckIn', { memberId: m.memberId, method: 'desk' });
      const q = await w.until((x) => rowOf(x, a.meetingId)?.stage === 'quorum', 'a at quorum');
      expect(rowOf(q, a.meetingId)!.attendance).toMatchObject({
        expected: 10,
        presentVoters: 9,
        quorum: { met: true, rule: 'P-05' },
      });
      // Method, officers, a one-seat contest with two candidates, a round: 9 papers issued (those present).
      await a.command('AdoptElectionMethod', { vote: { for: 9, against: 0, abstain: 0 } });
      await a.command('AppointOfficers', {
        scrutineers: [roll[8]!.memberId],
        tellers: [{ name: '计票人甲' }],
        vote: { for: 9, against: 0, abstain: 0 },
      });
      const teller = (await a.mint('teller', { officer: '计票人甲' })).token;
      const p1 = roll[0]!.memberId;
      await a.command('CreateContest', {
        contestId: 'sec',
        office: 'secretary',
        seats: 1,
        mode: 'uncontested',
        electorate: 'meeting',
      });
      await a.command('Nominate', { contestId: 'sec', nomineeId: p1, route: 'organisation' });
      await a.command('ReviewCandidate', { contestId: 'sec', nomineeId: p1, qualified: true, reason: '' });
      await a.command('PublishCandidateList', {
        contestId: 'sec',
        candidateIds: [p1],
        noticeDays: 3,
        publishedOn: daysFromToday(-7),
      });
      await a.command('ConfirmCandidateList', { contestId: 'sec' });
      await a.command('OpenRound', { contestId: 'sec' });
      const voting = await w.until((x) => rowOf(x, a.meetingId)?.stage === 'voting', 'a voting');
      expect(rowOf(voting, a.meetingId)!.rounds).toEqual([
        { contestId: 'sec', office: 'secretary', round: 1, issued: 9, entered: 0, returned: null },
      ]);
      for (let n = 1; n <= 10; n++)
        await a.command(
          'RecordBallot',
          { contestId: 'sec', round: 1, ballotNo: n, marks: { [p1]: 'for' }, writeIns: [] },
          { as: teller },
        );
      const over = await w.until((x) => (rowOf(x, a.meetingId)?.anomalies.length ?? 0) > 0, 'an anomaly on a');
      expect(rowOf(over, a.meetingId)!.anomalies).toEqual([
        {
          code: 'A-01',
          severity: 'blocking',
          rule: 'P-21',
          contestId: 'sec',
          office: 'secretary',
          round: 1,
          params: { issued: 9, entered: 10 },
        },
      ]);
      expect(over.totals.blocking).toBe(1);
      const k1line = over.rollUps.find((u) => u.organisationId === k1.organisationId)!;
      expect(k1line).toMatchObject({ meetings: 2, blocking: 1, byStage: { voting: 1, scheduled: 1 } });
      // The chair sees the same code on the console's view.
      expect((await a.view()).anomalies?.map((x) => x.code)).toEqual(['A-01']);
    } finally {
      w.close();
    }
  });

  it('coalesces: 40 commits to two meetings within a burst reach a board as at most one update a second', async () => {
    const roll = makeRoll(40, { prefix: 'z' });
    await b.command('EnrolMembers', { members: roll });
    await c.command('EnrolMembers', { members: roll });
    const w = new BoardClient(viewer);
    try {
      expect((await w.join(county.organisationId)).ok).toBe(true);
      // A quiet second first, so the burst's first change goes out at once and the count starts clean.
      await new Promise((r) => setTimeout(r, 1100));
      const before = w.updates.length;
      const started = Date.now();
      await Promise.all(
        roll.flatMap((m) => [
          b.command('CheckIn', { memberId: m.memberId, method: 'desk' }),
          c.command('CheckIn', { memberId: m.memberId, method: 'desk' }),
        ]),
      );
      const last = await w.until(
        (x) =>
          rowOf(x, b.meetingId)?.attendance.presentVoters === 40 &&
          rowOf(x, c.meetingId)?.attendance.presentVoters === 40,
        'both meetings with 40 present',
      );
      const elapsed = Date.now() - started;
      const sent = w.updates.length - before;
      // 80 commits; one update per started second at most (the first at once), so no more than this many:
      expect(sent).toBeGreaterThanOrEqual(1);
      expect(sent).toBeLessThanOrEqual(Math.floor(elapsed / 1000) + 1);
      expect(sent).toBeLessThan(80);
      // A second apart at least on the server's clock (each board's `at`, to the millisecond it was stamped): a timer
      // that fires before the wall clock's second is up waits out the rest.
      const assembled = w.updates.slice(before).map((u) => Date.parse(u.board!.at));
      for (let i = 1; i < assembled.length; i++)
        expect(assembled[i]! - assembled[i - 1]!).toBeGreaterThanOrEqual(BOARD_UPDATE_INTERVAL_MS);
      expect(rowOf(last, b.meetingId)!.stage).toBe('quorum');
      // Updates are numbered one after another for this socket's process.
      const seqs = w.updates.map((u) => u.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    } finally {
      w.close();
    }
  });
});

describe('board:join with patches (protocol 3)', () => {
  it('sends what changed each second; applied by BoardSync it is, update by update, the board a whole-board client gets', async () => {
    // A meeting of its own, still checking in (the others are voting by now).
    const d = await meeting(county.credentials['org-admin']!, b3.organisationId, '第三党支部补选党员大会');
    const roll = makeRoll(12, { prefix: 'pq' });
    await d.command('EnrolMembers', { members: roll });
    const whole = new BoardClient(viewer);
    const patched = io(`${server.url}/live`, { transports: ['websocket'], forceNew: true, reconnection: false });
    const sync = new BoardSync();
    const shown = new Map<number, DistrictBoard>();
    const patches: BoardUpdate[] = [];
    const steps: string[] = [];
    patched.on('board:update', (u: BoardUpdate) => {
      patches.push(u);
      steps.push(sync.update(u));
      shown.set(u.seq, sync.board!);
    });
    try {
      const joined = await whole.join(county.organisationId);
      if (!joined.ok) throw new Error(JSON.stringify(joined.error));
      const present = rowOf(joined.board, d.meetingId)!.attendance.presentVoters;
      // Three check-ins go out in an update; right after it arrives, a member leaves, the patch client joins and the
      // member comes back, all within the second before the next update. The join must be answered with the board
      // as last sent (the member still present): a board assembled at the join would show the member away, and the
      // next patch, against the board as sent, would not say the figure came back.
      for (const m of roll.slice(1, 4)) await d.command('CheckIn', { memberId: m.memberId, method: 'desk' });
      await d.command('CheckIn', { memberId: roll[0]!.memberId, method: 'desk' });
      await whole.until((x) => rowOf(x, d.meetingId)?.attendance.presentVoters === present + 4, '4 present');
      await d.command('RecordDeparture', { memberId: roll[0]!.memberId });
      const ack: BoardJoinAck = await patched
        .timeout(5000)
        .emitWithAck('board:join', { organisationId: county.organisationId, token: viewer, patches: true });
      if (!ack.ok) throw new Error(JSON.stringify(ack.error));
      expect(ack.protocolVersion).toBe(3);
      expect(ack.seq).toBe(whole.updates.at(-1)!.seq);
      expect(rowOf(ack.board, d.meetingId)!.attendance.presentVoters).toBe(present + 4);
      expect(sync.joined(ack.board, ack.seq)).toBe('shown');
      await d.command('CheckIn', { memberId: roll[0]!.memberId, method: 'desk' });
      // More check-ins, spread over several seconds so that several updates go out.
      for (const [i, m] of roll.slice(4).entries()) {
        await d.command('CheckIn', { memberId: m.memberId, method: 'desk' });
        if (i % 2 === 1) await new Promise((r) => setTimeout(r, 1100));
      }
      await whole.until((x) => rowOf(x, d.meetingId)?.attendance.presentVoters === present + 12, 'all 12 present');
      await expect.poll(() => rowOf(sync.board!, d.meetingId)?.attendance.presentVoters).toBe(present + 12);
      // Each update followed the one before it (none arrived before the acknowledgement, none after a gap).
      expect(steps.length).toBeGreaterThanOrEqual(3);
      expect(new Set(steps)).toEqual(new Set(['shown']));
      // Every update both received (same process, same seq): the patched board equals the whole one, as JSON.
      const common = whole.updates.filter((u) => shown.has(u.seq));
      expect(common.length).toBeGreaterThanOrEqual(3);
      for (const u of common) expect(shown.get(u.seq)).toEqual(u.board);
      // Only meeting d changed: the last patch carries its row alone, of the board's three or more.
      const patch = patches.at(-1)!.patch!;
      expect(patch.rows.map((r) => r.meetingId)).toEqual([d.meetingId]);
      expect(patch.removed).toEqual([]);
      expect(whole.updates.find((u) => u.seq === patches.at(-1)!.seq)!.board!.rows.length).toBeGreaterThanOrEqual(3);
    } finally {
      whole.close();
      patched.close();
    }
  });
});

describe('the 换届 process stream on the board', () => {
  it('shows the plan pending, then approved once the branch submits the 请示 and the county approver answers it (P-31a)', async () => {
    const d = await meeting(county.credentials['org-admin']!, b3.organisationId, '第三党支部直选大会');
    const w = new BoardClient(viewer);
    try {
      expect((await w.join(county.organisationId)).ok).toBe(true);
      // The 换届 is the branch's, opened by the county's admin; the county's approver answers it (P-31).
      const admin = county.credentials['org-admin']!;
      const approver = await credential(county.organisationId, admin, 'approver');
      const e = await fixedElection(
        server.url,
        d.meetingId,
        [{ id: 'n1', name: '张三', office: 'secretary' }],
        [{ office: 'secretary', seats: 1 }],
        { adminToken: admin, organisationId: b3.organisationId, approverToken: approver },
      );
      const linked = await w.until((x) => rowOf(x, d.meetingId)?.plan === 'pending', 'd linked, its plan pending');
      expect(rowOf(linked, d.meetingId)!.stage).toBe('scheduled');
      const send = async (token: string, type: string, data: unknown) => {
        const r = await request(server.url, 'POST', `/api/elections/${e.electionId}/commands`, {
          token,
          json: { type, data },
        });
        expect(r.status, r.text).toBe(200);
      };
      await send(e.credentials.chair, 'SubmitReport', { kind: 'request', submittedOn: daysFromToday(-31) });
      // The branch's chair may not answer its own 请示: the county's approver does.
      await send(approver, 'RecordUpperApproval', {
        kind: 'request',
        reference: '机党批〔2026〕3号',
        approvedOn: daysFromToday(-30),
      });
      const approved = await w.until((x) => rowOf(x, d.meetingId)?.plan === 'approved', 'd with its plan approved');
      expect(rowOf(approved, d.meetingId)!.stage).toBe('scheduled');
    } finally {
      w.close();
    }
  });

  it("refuses to link or cite a meeting of another organisation's tree (403 OUTSIDE_ORGANISATION), writing nothing", async () => {
    // A 换届 of the server's test county: another tree than this file's county, whose meeting c is.
    const opened = await request<OpenedElection>(server.url, 'POST', '/api/elections', {
      token: await adminToken(server.url),
      json: { organisation: '另一县的支部', offices: [{ office: 'committee-member', seats: 3 }] },
    });
    expect(opened.status, opened.text).toBe(201);
    const { electionId, credentials } = opened.body;
    const send = (type: string, data: unknown) =>
      request(server.url, 'POST', `/api/elections/${electionId}/commands`, {
        token: credentials.chair,
        json: { type, data },
      });
    const before = await request<{ revision: number }>(server.url, 'GET', `/api/elections/${electionId}`, {
      token: credentials.chair,
    });
    const link = expectError(
      await send('LinkMeeting', { kind: 'election', meetingId: c.meetingId }),
      403,
      'OUTSIDE_ORGANISATION',
    );
    expect(link.field).toBe('data.meetingId');
    expectError(await send('CiteMeetingResult', { meetingId: c.meetingId }), 403, 'OUTSIDE_ORGANISATION');
    const after = await request<{ revision: number }>(server.url, 'GET', `/api/elections/${electionId}`, {
      token: credentials.chair,
    });
    expect(after.body.revision).toBe(before.body.revision);
  });
});

/**
 * A board screen alone on its board that drops for a moment: its room empties, and with it the board's schedule, so
 * nothing is sent there while it is away. socket.io must not then "recover" it (a client trusting that would show a
 * board that never moves again): either it is replayed the change, or it connects plainly and joins again.
 */
describe('a lone board screen dropped for a moment', () => {
  it('is either sent the change made while it was away, or not recovered', async () => {
    const d = await meeting(county.credentials['org-admin']!, b2.organisationId, '第二党支部补选党员大会');
    const roll = makeRoll(6, { prefix: 'rc' });
    await d.command('EnrolMembers', { members: roll });
    const socket = io(`${server.url}/live`, {
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 300,
      reconnectionDelayMax: 300,
    });
    const boards: DistrictBoard[] = [];
    socket.on('board:update', (u: BoardUpdate) => boards.push(u.board!));
    try {
      await new Promise<void>((r) => socket.once('connect', () => r()));
      const ack = (await socket.timeout(5000).emitWithAck('board:join', {
        organisationId: county.organisationId,
        token: viewer,
      })) as BoardJoinAck;
      if (!ack.ok) throw new Error(JSON.stringify(ack.error));
      // One update received (socket.io recovers a session from the last broadcast it got).
      await d.command('CheckIn', { memberId: roll[0]!.memberId, method: 'desk' });
      await expect.poll(() => boards.some((b) => rowOf(b, d.meetingId)?.attendance.presentVoters === 1)).toBe(true);
      const back = new Promise<boolean>((r) => socket.once('connect', () => r(socket.recovered)));
      const gone = new Promise<void>((r) => socket.io.engine.once('close', () => r()));
      socket.io.engine.close();
      await gone;
      await new Promise((r) => setTimeout(r, 100));
      await d.command('CheckIn', { memberId: roll[1]!.memberId, method: 'desk' });
      if (await back) {
        await expect
          .poll(() => boards.some((b) => rowOf(b, d.meetingId)?.attendance.presentVoters === 2), {
            timeout: BOARD_UPDATE_INTERVAL_MS * 4,
          })
          .toBe(true);
      } else {
        const again = (await socket.timeout(5000).emitWithAck('board:join', {
          organisationId: county.organisationId,
          token: viewer,
        })) as BoardJoinAck;
        if (!again.ok) throw new Error(JSON.stringify(again.error));
        expect(rowOf(again.board, d.meetingId)?.attendance.presentVoters).toBe(2);
      }
    } finally {
      socket.close();
    }
  });
});

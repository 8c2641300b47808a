import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { BoardJoinAck, BoardUpdate, DistrictBoard } from '@tallyroom/contracts';
import { startKurrentDouble } from '../kurrentdb-double/index.js';
import { startBackend, startRedis, tempDir, waitFor, type Proc } from '../support/processes.js';

/**
 * Issue 23, point 4 across processes: two backends on one store with Redis. The board is watched through the
 * second process while every command goes through the first; the second follows the shared log itself and its
 * board sees the meeting check in, reach its quorum and then the A-01 of a round with more papers than it issued.
 */
const OPERATOR = 'board-multi-process-operator-token';

async function post<T>(url: string, path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${path} ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const stores: [string, () => Promise<{ url: string; close: () => Promise<void> }>][] = [
  ['one SQLite file', async () => ({ url: `sqlite:${tempDir()}/shared.db`, close: async () => undefined })],
  [
    'KurrentDB (protocol double)',
    async () => {
      const double = await startKurrentDouble();
      return {
        url: `${double.url}${double.url.includes('?') ? '&' : '?'}discoveryInterval=20`,
        close: () => double.close(),
      };
    },
  ],
];

describe.each(stores)('the district board on two backends sharing %s', (_name, openStore) => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let store: { url: string; close: () => Promise<void> };
  const backends: (Proc & { url: string })[] = [];
  let socket: Socket | undefined;

  beforeAll(async () => {
    redis = await startRedis();
    store = await openStore();
    const env = {
      TALLYROOM_STORE: store.url,
      REDIS_URL: redis.url,
      TALLYROOM_OPERATOR_TOKEN: OPERATOR,
      TALLYROOM_RATE_CHECKIN: '100000/1',
      LOG_LEVEL: 'warn',
    };
    backends.push(await startBackend(env));
    backends.push(await startBackend(env));
  }, 60_000);

  afterAll(async () => {
    socket?.close();
    for (const b of backends) await b.stop();
    await redis?.stop();
    await store?.close();
  });

  it('a board on the second process follows commands sent to the first', async () => {
    const [one, two] = [backends[0]!.url, backends[1]!.url];
    const county = await post<{ organisationId: string; credentials: Record<string, string> }>(
      one,
      '/api/organisations',
      { name: '某县委组织部', kind: 'county' },
      OPERATOR,
    );
    const admin = county.credentials['org-admin']!;
    const branch = await post<{ organisationId: string }>(
      one,
      '/api/organisations',
      { name: '第一党支部', kind: 'branch', parentId: county.organisationId },
      admin,
    );
    const viewer = (
      await post<{ token: string }>(
        one,
        `/api/organisations/${county.organisationId}/credentials`,
        { role: 'org-viewer' },
        admin,
      )
    ).token;
    const m = await post<{ meetingId: string; credentials: { chair: string } }>(
      one,
      '/api/meetings',
      {
        title: '第一党支部换届选举党员大会',
        organisation: '第一党支部',
        organisationId: branch.organisationId,
        scheduledFor: new Date().toISOString().slice(0, 10),
        parameters: { doubleEntry: false },
      },
      admin,
    );
    const chair = m.credentials.chair;
    const command = (type: string, data: unknown, token = chair) =>
      post(one, `/api/meetings/${m.meetingId}/commands`, { type, data }, token);

    socket = io(`${two}/live`, { auth: { token: viewer }, transports: ['websocket'] });
    let last: DistrictBoard | null = null;
    socket.on('board:update', (u: BoardUpdate) => {
      last = u.board ?? last; // joined without patches: always a whole board
    });
    const ack = (await socket
      .timeout(5000)
      .emitWithAck('board:join', { organisationId: county.organisationId })) as BoardJoinAck;
    expect(ack.ok).toBe(true);
    const row = () => (last as DistrictBoard | null)?.rows.find((r) => r.meetingId === m.meetingId);

    const members = Array.from({ length: 5 }, (_, i) => ({
      memberId: `m${i + 1}`,
      name: `党员${i + 1}`,
      status: 'full',
    }));
    await command('EnrolMembers', { members });
    for (const x of members) await command('CheckIn', { memberId: x.memberId, method: 'desk' });
    await waitFor(
      () => row()?.stage === 'quorum',
      10_000,
      () => `board on the second process: ${JSON.stringify(row())}`,
    );
    expect(row()!.attendance).toMatchObject({ expected: 5, presentVoters: 5 });

    await command('AdoptElectionMethod', { vote: { for: 5, against: 0, abstain: 0 } });
    await command('AppointOfficers', {
      scrutineers: ['m5'],
      tellers: [{ name: '计票人甲' }],
      vote: { for: 5, against: 0, abstain: 0 },
    });
    const teller = (
      await post<{ token: string }>(
        one,
        `/api/meetings/${m.meetingId}/credentials`,
        { role: 'teller', officer: '计票人甲' },
        chair,
      )
    ).token;
    await command('CreateContest', {
      contestId: 'sec',
      office: 'secretary',
      seats: 1,
      mode: 'uncontested',
      electorate: 'meeting',
    });
    await command('Nominate', { contestId: 'sec', nomineeId: 'm1', route: 'organisation' });
    await command('ReviewCandidate', { contestId: 'sec', nomineeId: 'm1', qualified: true, reason: '' });
    const week = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
    await command('PublishCandidateList', { contestId: 'sec', candidateIds: ['m1'], noticeDays: 3, publishedOn: week });
    await command('ConfirmCandidateList', { contestId: 'sec' });
    await command('OpenRound', { contestId: 'sec' });
    for (let n = 1; n <= 6; n++)
      await command(
        'RecordBallot',
        { contestId: 'sec', round: 1, ballotNo: n, marks: { m1: 'for' }, writeIns: [] },
        teller,
      );
    await waitFor(
      () => row()?.anomalies.some((a) => a.code === 'A-01') === true,
      10_000,
      () => `no A-01 on the second process's board: ${JSON.stringify(row())}`,
    );
    expect(row()!.rounds).toEqual([
      { contestId: 'sec', office: 'secretary', round: 1, issued: 5, entered: 6, returned: null },
    ]);
  }, 60_000);
});

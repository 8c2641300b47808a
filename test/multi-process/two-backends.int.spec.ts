import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { io, type Socket } from 'socket.io-client';
import type {
  ElectionJoinAck,
  ElectionUpdate,
  ElectionView,
  JoinAck,
  MeetingViewUpdate,
  MeetingView,
} from '@tallyroom/contracts';
import { startKurrentDouble } from '../kurrentdb-double/index.js';
import { startBackend, startRedis, tempDir, waitFor, type Proc } from '../support/processes.js';
import { adminToken } from '../support/organisation.js';

/**
 * Issue 7: two backend processes on one store with a real redis-server: a
 * shared SQLite file (each process follows the log), and KurrentDB (each
 * process follows the $all subscription) — here the gRPC protocol double,
 * reached over loopback exactly as a server would be.
 * Commands alternate between them; every socket client, whichever process it
 * is connected to, must see every revision exactly once and in order.
 */
interface Watcher {
  socket: Socket;
  revisions: number[];
  last: MeetingView | null;
  joinedAt: number;
}

async function post(url: string, path: string, body: unknown, token?: string) {
  const res = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${path} ${res.status} ${JSON.stringify(json)}`);
  return json;
}

function watch(url: string, meetingId: string, token: string): Promise<Watcher> {
  const socket = io(`${url}/live`, { auth: { token }, transports: ['websocket'] });
  const w: Watcher = { socket, revisions: [], last: null, joinedAt: -1 };
  socket.on('meeting:update', (u: MeetingViewUpdate) => {
    for (let r = u.fromRevision; r <= u.revision; r++) w.revisions.push(r);
    w.last = u.view;
  });
  return new Promise((resolve, reject) => {
    socket.emit('meeting:join', { meetingId, token }, (ack: JoinAck) => {
      if (!ack.ok) {
        reject(new Error(ack.error.message));
        return;
      }
      w.joinedAt = ack.revision;
      w.last = ack.view;
      resolve(w);
    });
  });
}

interface ElectionWatcher {
  socket: Socket;
  revisions: number[];
  /** The view of the highest revision heard. */
  last: ElectionView | null;
  /** Connects and disconnects after the join, with the revisions heard by then. */
  connection: string[];
}

function watchElection(url: string, electionId: string, token: string): Promise<ElectionWatcher> {
  const socket = io(`${url}/live`, { auth: { token }, transports: ['websocket'] });
  const w: ElectionWatcher = { socket, revisions: [], last: null, connection: [] };
  socket.on('disconnect', (reason) => w.connection.push(`disconnect (${reason}) after ${w.revisions.length}`));
  socket.on('connect', () => w.connection.push(`connect (recovered ${socket.recovered}) after ${w.revisions.length}`));
  socket.on('election:update', (u: ElectionUpdate) => {
    w.revisions.push(u.revision);
    if (!w.last || u.revision > w.last.revision) w.last = u.view;
  });
  return new Promise((resolve, reject) => {
    socket.emit('election:join', { electionId, token }, (ack: ElectionJoinAck) => {
      if (!ack.ok) reject(new Error(ack.error.message));
      else resolve(w);
    });
  });
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Sends the jobs with a few in flight at once, alternating between the two processes. */
async function alternate<T>(items: T[], send: (item: T, i: number) => Promise<unknown>, inFlight = 6) {
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < items.length) {
        const i = next++;
        await send(items[i]!, i);
      }
    }),
  );
}

/** `count(meetingId)`: events of that meeting as the store itself holds them, not as a backend reports them. */
interface StoreUnderTest {
  url: string;
  count: (meetingId: string) => Promise<number>;
  close: () => Promise<void>;
}
const stores: [string, () => Promise<StoreUnderTest>][] = [
  [
    'one SQLite file',
    async () => {
      const file = `${tempDir()}/shared.db`;
      const count = async (meetingId: string) => {
        const db = new Database(file, { readonly: true });
        try {
          return (
            db.prepare('SELECT count(*) AS n FROM events WHERE stream = ?').get(`meeting-${meetingId}`) as { n: number }
          ).n;
        } finally {
          db.close();
        }
      };
      return { url: `sqlite:${file}`, count, close: async () => undefined };
    },
  ],
  [
    'KurrentDB (protocol double)',
    async () => {
      const double = await startKurrentDouble();
      const count = async (meetingId: string) =>
        double.records().filter((r) => r.stream === `meeting-${meetingId}`).length;
      return {
        url: `${double.url}${double.url.includes('?') ? '&' : '?'}discoveryInterval=20`,
        count,
        close: () => double.close(),
      };
    },
  ],
];

describe.each(stores)('two backend processes sharing %s, Redis fan-out', (_name, openStore) => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let store: StoreUnderTest;
  const backends: (Proc & { url: string })[] = [];
  const watchers: Watcher[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    store = await openStore();
    const env = {
      TALLYROOM_STORE: store.url,
      REDIS_URL: redis.url,
      TALLYROOM_RATE_CHECKIN: '100000/1',
      LOG_LEVEL: 'warn',
    };
    backends.push(await startBackend(env), await startBackend(env));
  }, 60_000);

  afterAll(async () => {
    for (const w of watchers) w.socket.close();
    for (const b of backends) await b.stop();
    await redis?.stop();
    await store?.close();
  });

  it('keeps a 换届 process stream (election-<id>) whole when both processes write to it at once', async () => {
    const [a, b] = backends as [Proc & { url: string }, Proc & { url: string }];
    const opened = await post(
      a.url,
      '/api/elections',
      { organisation: 'Branch', offices: [{ office: '委员', seats: 3 }] },
      await adminToken(a.url),
    );
    const id = opened.electionId as string;
    const { chair, observer } = opened.credentials as Record<string, string>;
    // An observer's screen on each process: every commit, whichever process made it, reaches both through Redis.
    const screens = await Promise.all([a.url, b.url].map((url) => watchElection(url, id, observer!)));
    const nominees = Array.from({ length: 12 }, (_, i) => `n${i + 1}`);
    // Which process made each commit: a screen that misses one says whether it came from its own process or Redis.
    const committedBy = new Map<number, string>();
    await alternate(nominees, async (nomineeId, i) => {
      const url = i % 2 ? b.url : a.url;
      const outcome = await post(
        url,
        `/api/elections/${id}/commands`,
        {
          type: 'ProposeNominee',
          data: { nomineeId, name: `Nominee ${nomineeId}`, route: 'organisation' },
          commandId: `p-${nomineeId}`,
        },
        chair,
      );
      committedBy.set(outcome.revision as number, url === a.url ? 'a' : 'b');
    });
    for (const url of [a.url, b.url]) {
      const res = await fetch(`${url}/api/elections/${id}`, { headers: { authorization: `Bearer ${chair}` } });
      const view = (await res.json()) as { revision: number; nominees: { nomineeId: string }[] };
      expect(view.revision).toBe(2 + nominees.length);
      expect(view.nominees.map((n) => n.nomineeId).sort()).toEqual([...nominees].sort());
    }
    const last = 2 + nominees.length;
    // Every revision, not only the last: updates of one stream may cross between processes. b's commit of n is
    // sent once its fsync is done, while a may already have read n from the file, committed n + 1 and sent it
    // through Redis; a screen keeps the view of the highest revision (as lib/live-election.ts does), so a late
    // update changes nothing shown, but waiting for the last one alone closed the screens before n arrived.
    await waitFor(
      () => screens.every((w) => range(3, last).every((r) => w.revisions.includes(r))),
      10_000,
      () => `screens heard ${screens.map((w) => w.revisions.join(',')).join(' / ')}`,
    );
    for (const [i, w] of screens.entries()) {
      w.socket.close();
      const heard = [...new Set(w.revisions)].sort((x, y) => x - y);
      const missed = range(3, last).filter((r) => !heard.includes(r));
      expect(
        heard,
        `screen on ${i ? 'b' : 'a'} heard ${w.revisions.join(',')}; missed ${missed.map((r) => `${r} (by ${committedBy.get(r)})`).join(', ')}; ${w.connection.join(', ') || 'no reconnect'}`,
      ).toEqual(range(3, last));
      expect(w.last?.nominees.map((n) => n.nomineeId).sort()).toEqual([...nominees].sort());
    }
  });

  it('keeps every client on both processes in step, revision by revision', async () => {
    const [a, b] = backends as [Proc & { url: string }, Proc & { url: string }];
    const created = await post(
      a.url,
      '/api/meetings',
      {
        title: 'Two processes',
        organisation: 'Branch',
        scheduledFor: '2026-11-24',
        parameters: { doubleEntry: false },
      },
      await adminToken(a.url),
    );
    const id = created.meetingId as string;
    const { chair, observer } = created.credentials as Record<string, string>;
    const members = Array.from({ length: 210 }, (_, i) => ({
      memberId: `M${i + 1}`,
      name: `Member ${i + 1}`,
      status: 'full',
    }));
    await post(b.url, `/api/meetings/${id}/commands`, { type: 'EnrolMembers', data: { members } }, chair);

    for (const url of [a.url, b.url])
      for (const token of [chair!, observer!]) watchers.push(await watch(url, id, token));

    const cmd = (url: string, type: string, data: unknown, token = chair!) =>
      post(url, `/api/meetings/${id}/commands`, { type, data, commandId: crypto.randomUUID() }, token);
    const urls = [a.url, b.url];

    // 200 check-ins, alternately to A and B.
    await alternate(members.slice(0, 200), (m, i) => cmd(urls[i % 2]!, 'CheckIn', { memberId: m.memberId }));

    // Method, officers, a contest with its list confirmed, a round.
    const vote = { for: 200, against: 0, abstain: 0 };
    await cmd(a.url, 'AdoptElectionMethod', { vote });
    await cmd(b.url, 'AppointOfficers', { scrutineers: ['M201'], tellers: [{ name: 'Teller' }], vote });
    await cmd(a.url, 'CreateContest', { contestId: 'c', office: 'committee-member', seats: 1, mode: 'competitive' });
    for (const n of ['M1', 'M2']) {
      await cmd(b.url, 'Nominate', { contestId: 'c', nomineeId: n, route: 'organisation', supporters: [] });
      await cmd(a.url, 'ReviewCandidate', { contestId: 'c', nomineeId: n, qualified: true, reason: '' });
    }
    await cmd(b.url, 'PublishCandidateList', {
      contestId: 'c',
      candidateIds: ['M1', 'M2'],
      noticeDays: 3,
      publishedOn: '2026-11-01',
    });
    await cmd(a.url, 'ConfirmCandidateList', { contestId: 'c' });
    await cmd(b.url, 'OpenRound', { contestId: 'c' });
    const teller = await post(a.url, `/api/meetings/${id}/credentials`, { role: 'teller', officer: 'Teller' }, chair);

    // 200 ballots, alternately to A and B: 130 for M1, 70 for M2.
    const ballots = Array.from({ length: 200 }, (_, i) => ({
      ballotNo: i + 1,
      marks: { [i < 130 ? 'M1' : 'M2']: 'for' },
    }));
    await alternate(ballots, (bal, i) =>
      cmd(urls[i % 2]!, 'RecordBallot', { contestId: 'c', round: 1, ...bal, writeIns: [] }, teller.token as string),
    );

    const head = (await (
      await fetch(`${a.url}/api/meetings/${id}/head`, { headers: { authorization: `Bearer ${chair}` } })
    ).json()) as { revision: number };
    await waitFor(
      () => watchers.every((w) => w.last?.revision === head.revision),
      15_000,
      () => `clients stuck at ${watchers.map((w) => w.last?.revision).join(',')} of ${head.revision}`,
    );

    for (const w of watchers) {
      const expected = Array.from({ length: head.revision - w.joinedAt }, (_, i) => w.joinedAt + 1 + i);
      expect(w.revisions).toEqual(expected); // every revision once, in order, none skipped
    }
    const chairs = watchers.filter((_, i) => i % 2 === 0).map((w) => w.last);
    const observers = watchers.filter((_, i) => i % 2 === 1).map((w) => w.last);
    expect(chairs[0]).toEqual(chairs[1]);
    expect(observers[0]).toEqual(observers[1]);
    const round = observers[0]!.contests[0]!.rounds[0]!;
    expect(round.ballotsEntered).toBe(200);
    expect(round.tally.map((t) => [t.candidateId, t.for])).toEqual([
      ['M1', 130],
      ['M2', 70],
    ]);
    expect(observers[0]!.attendance.presentVoters).toBe(200);
    expect(await store.count(id)).toBe(head.revision + 1); // revisions are 0-based
  }, 120_000);
});

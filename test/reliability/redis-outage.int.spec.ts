/**
 * Issue 9, test 4 — Redis outage in multi-process mode.
 *
 * Two backend processes share one SQLite file and a real redis-server
 * (socket.io Redis Streams adapter, shared rate limits). During a round, with
 * a teller keying in on each process and live screens connected to each,
 * redis-server is killed, left down for a few seconds, and started again on
 * the same port (empty: no persistence, as after a crash). Throughout, both
 * processes keep accepting commands, every one within a bounded time; a screen
 * whose connection drops gets back without Redis; process B, restarted during
 * the outage, stops cleanly and starts without Redis. Once
 * Redis is back, the screens on both processes end identical to each other
 * and to a fresh client, every revision shown once, and the log holds every
 * acknowledged ballot once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DashboardClient,
  Restartable,
  RestartableRedis,
  ackedVersusLog,
  ballotBurst,
  ensureBuilt,
  expectedTally,
  exportLog,
  freshView,
  headOf,
  postCommand,
  roundInProgress,
  seedFrom,
  sleep,
  until,
  verifyChain,
} from './support.js';

const SEED = seedFrom(0x4ed150);
const OUTAGE_MS = 4000;

let dir: string;
let redis: RestartableRedis | undefined;
const backends: Restartable[] = [];
const clients: DashboardClient[] = [];
let dropped: DashboardClient | undefined;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'tallyroom-redis-outage-'));
}, 120_000);
afterAll(async () => {
  for (const c of clients) c.close();
  dropped?.close();
  for (const b of backends) await b.stop('SIGKILL');
  await redis?.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('two backends on one store while redis-server goes down and comes back', () => {
  it(`keep accepting commands, and every screen ends identical and complete (seed ${SEED})`, async () => {
    redis = await RestartableRedis.create();
    await redis.start();
    const env = { TALLYROOM_STORE: `sqlite:${path.join(dir, 'shared.db')}`, REDIS_URL: redis.url };
    for (let i = 0; i < 2; i++) {
      const b = await Restartable.create(env);
      await b.start();
      backends.push(b);
    }
    const [a, b] = backends as [Restartable, Restartable];

    const r = await roundInProgress(a.api, { members: 40, present: 36, tellers: 2, candidates: 3 });
    const { e, meetingId } = r;
    const screens = [
      { on: a, role: 'chair', token: e.m.chair },
      { on: a, role: 'observer', token: e.observer },
      { on: b, role: 'chair', token: e.m.chair },
      { on: b, role: 'observer', token: e.observer },
    ] as const;
    for (const s of screens) clients.push(new DashboardClient(s.on.url, meetingId, s.token));
    // One more observer on B whose connection drops during the outage: it must get back without Redis.
    const blip = new DashboardClient(b.url, meetingId, e.observer);
    dropped = blip; // closed in afterAll even when the test fails
    clients.push(blip);
    await until(
      () => clients.every((c) => c.status === 'live'),
      10_000,
      () => 'clients did not join',
    );
    clients.pop();

    // Teller 0 keys in on process A, teller 1 on process B.
    const burst = ballotBurst(r, { url: (k: number) => backends[k]!.url, seed: SEED, pauseMs: [10, 40] });
    const perTeller = () =>
      [0, 1].map((k) => burst.acked.filter((x) => x.body.commandId.startsWith(`burst-t${k}-`)).length);
    await sleep(1500);

    // ---- Redis goes down
    await redis.stop('SIGKILL');
    const before = perTeller();
    // Each process answers a fresh command during the outage, promptly (a hang would hit the 5 s timeout).
    for (const [i, p] of [a, b].entries()) {
      const reply = await postCommand(
        p.url,
        meetingId,
        e.m.chair,
        { type: 'CheckIn', commandId: `outage-checkin-${i}`, data: { memberId: r.absent[i]!, method: 'desk' } },
        5000,
      );
      expect(reply.status, `process ${i} during the outage: ${JSON.stringify(reply.body)}`).toBe(200);
    }
    await sleep(OUTAGE_MS / 2);
    const connects = blip.stats.connects;
    blip.socket.io.engine.close(); // the transport drops, as a network blip would: a recoverable disconnect
    await until(
      () => blip.stats.connects > connects && blip.status === 'live',
      OUTAGE_MS,
      () => `a screen that reconnected during the outage is stuck: ${blip.indicator}`,
    );
    expect(redis.proc, 'Redis is still down').toBeUndefined();
    await sleep(OUTAGE_MS / 2);

    // Process B is restarted while Redis is still down: it shuts down cleanly and comes back up without Redis.
    const stopped = await b.stop('SIGTERM');
    expect(stopped.code, 'a clean exit, not the shutdown deadline').toBe(0);
    const bConnects = [clients[2]!, clients[3]!, blip].map((c) => c.stats.connects);
    await b.start();
    expect(b.logLines().some((l) => /Redis is not reachable/.test(String(l.msg)))).toBe(true);
    await until(
      () => [clients[2]!, clients[3]!, blip].every((c, i) => c.stats.connects > bConnects[i]! && c.status === 'live'),
      15_000,
      () => `B's screens did not come back: ${[clients[2]!, clients[3]!, blip].map((c) => c.indicator).join(', ')}`,
    );
    const reply = await postCommand(
      b.url,
      meetingId,
      e.m.chair,
      { type: 'CheckIn', commandId: 'outage-checkin-restarted-b', data: { memberId: r.absent[2]!, method: 'desk' } },
      5000,
    );
    expect(reply.status, `restarted B during the outage: ${JSON.stringify(reply.body)}`).toBe(200);
    expect(redis.proc, 'Redis is still down').toBeUndefined();
    await sleep(1000);
    const during = perTeller();
    // Both tellers kept getting acknowledgements while Redis was down.
    expect(during[0]!).toBeGreaterThan(before[0]! + 5);
    expect(during[1]!).toBeGreaterThan(before[1]! + 5);

    // ---- Redis comes back (empty), same port
    await redis.start();
    await sleep(2500);
    await burst.stop();
    expect(burst.failures, burst.failures.join('\n')).toEqual([]);

    const head = await headOf(a.url, meetingId, e.m.chair);
    expect(await headOf(b.url, meetingId, e.m.chair)).toBe(head);
    await until(
      () => clients.every((c) => c.revision === head && c.status === 'live'),
      20_000,
      () =>
        `screens stuck: ${clients.map((c, i) => `${screens[i]!.role}@${i < 2 ? 'A' : 'B'} ${c.indicator} (${c.revision}/${head})`).join(', ')}`,
    );

    await until(
      () => blip.revision === head,
      20_000,
      () => `the screen that dropped is stuck at ${blip.revision}/${head}`,
    );
    expect(blip.sequenceProblems()).toEqual([]);
    expect(blip.view).toEqual(clients[3]!.view);

    const { events } = await exportLog(a.url, meetingId, e.m.chair);
    expect(verifyChain(events)).toMatchObject({ ok: true });
    expect(ackedVersusLog(events, burst.acked)).toEqual([]);

    for (const [i, c] of clients.entries()) {
      const s = screens[i]!;
      expect(c.sequenceProblems(), `${s.role} on ${i < 2 ? 'A' : 'B'}`).toEqual([]);
      expect(c.view).toEqual((await freshView(s.on.url, meetingId, s.token)).view);
    }
    expect(clients[0]!.view).toEqual(clients[2]!.view); // chair on A = chair on B
    expect(clients[1]!.view).toEqual(clients[3]!.view); // observer on A = observer on B
    // The chair's count (the observer's board moves in steps of ten ballots while a round is open, issue 19).
    const round = clients[0]!.view!.contests[0]!.rounds[0]!;
    expect(round.ballotsEntered).toBe(burst.acked.length);
    expect(
      Object.fromEntries(
        round.tally.map((t) => [t.candidateId, { for: t.for, against: t.against, abstain: t.abstain }]),
      ),
    ).toEqual(expectedTally(burst.acked, r.candidates));

    console.info(
      `[redis-outage] seed ${SEED}: ${burst.acked.length} ballots (${during[0]! - before[0]!} on A and ${during[1]! - before[1]!} on B while Redis was down), head ${head}; ` +
        clients
          .map(
            (c, i) =>
              `${screens[i]!.role}@${i < 2 ? 'A' : 'B'} disconnects ${c.stats.disconnects}, joins ${c.stats.joins}, gaps ${c.stats.gaps}`,
          )
          .join('; '),
    );
  }, 60_000);
});

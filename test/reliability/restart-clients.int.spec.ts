/**
 * Issue 9, test 2 — clients through a restart.
 *
 * Four live clients (chair, observer, supervisor, a teller) are connected
 * before the backend is stopped and started again several times during a
 * round — mostly SIGKILL, once SIGTERM (the graceful path: the server says
 * `server:closing` and drops the sockets itself). Nobody tells the clients
 * anything: they reconnect on their own, following the dashboard's live
 * client rules. Afterwards each shows exactly what a client that joins fresh
 * shows, every view it showed was the log's view at that revision, and no
 * revision was skipped or shown twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DashboardClient,
  Restartable,
  ackedVersusLog,
  ballotBurst,
  between,
  ensureBuilt,
  exportLog,
  freshView,
  headOf,
  mulberry32,
  roundInProgress,
  seedFrom,
  sleep,
  until,
  verifyChain,
  viewsMatchLog,
} from './support.js';

const SEED = seedFrom(0x2e57a27);
/** The restarts, in order; the graceful one sits in the middle. */
const SIGNALS: NodeJS.Signals[] = ['SIGKILL', 'SIGKILL', 'SIGTERM', 'SIGKILL', 'SIGKILL'];

let dir: string;
let server: Restartable | undefined;
const clients: DashboardClient[] = [];

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'tallyroom-restart-clients-'));
}, 120_000);
afterAll(async () => {
  for (const c of clients) c.close();
  await server?.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('live clients through kills and restarts of the backend', () => {
  it(`reconnect by themselves and end on the fresh view, every revision once (seed ${SEED})`, async () => {
    const rnd = mulberry32(SEED);
    server = await Restartable.create({ TALLYROOM_STORE: `sqlite:${path.join(dir, 'tallyroom.db')}` });
    await server.start();
    const r = await roundInProgress(server.api, { members: 40, present: 36, tellers: 2, candidates: 3 });
    const { e, meetingId } = r;
    const tokens = { chair: e.m.chair, observer: e.observer, supervisor: e.supervisor, teller: r.tellers[0]! };
    for (const token of Object.values(tokens)) clients.push(new DashboardClient(server.url, meetingId, token));
    await until(
      () => clients.every((c) => c.status === 'live'),
      10_000,
      () => 'clients did not join',
    );

    const burst = ballotBurst(r, { url: () => server!.url, seed: SEED, pauseMs: [5, 25] });
    const exits: { signal: NodeJS.Signals; code: number | null; killed: NodeJS.Signals | null }[] = [];
    for (const signal of SIGNALS) {
      await sleep(between(rnd, 300, 900));
      const exit = await server.stop(signal);
      exits.push({ signal, code: exit.code, killed: exit.signal });
      await sleep(between(rnd, 100, 600)); // clients notice and start retrying against a dead port
      const connectsBefore = clients.map((c) => c.stats.connects);
      await server.start();
      // Each incarnation gets its clients back before the next blow (socket.io's backoff would otherwise skip some).
      await until(
        () => clients.every((c, i) => c.stats.connects > connectsBefore[i]! && c.status === 'live'),
        15_000,
        () => `clients did not come back after ${signal}: ${clients.map((c) => c.indicator).join(', ')}`,
      );
    }
    await sleep(500);
    await burst.stop();
    expect(burst.failures, burst.failures.join('\n')).toEqual([]);

    // A SIGTERM is a clean exit (code 0) after the in-flight commands; a SIGKILL is a kill.
    for (const x of exits) {
      if (x.signal === 'SIGTERM') expect(x.code).toBe(0);
      else expect(x.killed).toBe('SIGKILL');
    }

    const head = await headOf(server.url, meetingId, e.m.chair);
    await until(
      () => clients.every((c) => c.revision === head && c.status === 'live'),
      20_000,
      () => `clients stuck: ${clients.map((c) => `${c.indicator} (${c.revision}/${head})`).join(', ')}`,
    );

    const { events } = await exportLog(server.url, meetingId, e.m.chair);
    expect(verifyChain(events)).toMatchObject({ ok: true });
    expect(ackedVersusLog(events, burst.acked)).toEqual([]);

    const names = Object.keys(tokens) as (keyof typeof tokens)[];
    for (const [i, c] of clients.entries()) {
      const who = names[i]!;
      // Reconnected by itself after every restart; told why on the graceful one.
      expect(c.stats.connects, `${who} connects`).toBeGreaterThanOrEqual(SIGNALS.length + 1);
      expect(c.stats.serverClosing, `${who} told of the graceful shutdown`).toBeGreaterThanOrEqual(1);
      expect(c.sequenceProblems(), `${who} revisions`).toEqual([]);
      expect(c.shown.at(-1)!.revision).toBe(head);
      const fresh = await freshView(server.url, meetingId, tokens[who]);
      expect(fresh.revision).toBe(head);
      expect(c.view, `${who} view equals a fresh client's`).toEqual(fresh.view);
    }
    for (const [i, role] of (['chair', 'observer', 'supervisor'] as const).entries()) {
      expect(viewsMatchLog(events, clients[i]!.shown, { role }), `${role}: every view shown is the log's`).toEqual([]);
    }
    // The teller's screen moved through the round, not just its ending.
    expect(clients[3]!.shown.length).toBeGreaterThan(SIGNALS.length);

    console.info(
      `[restart-clients] seed ${SEED}: ${SIGNALS.length} restarts, ${burst.acked.length} ballots acknowledged, head ${head}; ` +
        clients
          .map(
            (c, i) =>
              `${names[i]} connects ${c.stats.connects}, joins ${c.stats.joins}, gaps ${c.stats.gaps}, shown ${c.shown.length}`,
          )
          .join('; '),
    );
  }, 90_000);
});

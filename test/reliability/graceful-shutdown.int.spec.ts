/**
 * Graceful shutdown (issue 9, "behaviour to build"): on SIGTERM the backend
 * stops taking new work, lets every request it has already received run to
 * its end — its commit durable, its reply sent — then tells live clients why
 * it is closing their sockets, and exits 0.
 *
 * To hold a command "in flight" deterministically, the test sends its headers
 * and half its body, sends SIGTERM, and only then the rest of the body.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DashboardClient,
  Restartable,
  RestartableRedis,
  ensureBuilt,
  exportLog,
  postCommand,
  roundInProgress,
  sleep,
  until,
} from './support.js';
import { ROOT, freePort } from '../support/processes.js';

let dir: string;
let server: Restartable | undefined;
let redis: RestartableRedis | undefined;
const others: Restartable[] = [];
const clients: DashboardClient[] = [];

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'tallyroom-graceful-'));
}, 120_000);
afterAll(async () => {
  for (const c of clients) c.close();
  await server?.stop('SIGKILL');
  for (const o of others) await o.stop('SIGKILL');
  await redis?.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** A POST whose body is written in two parts; `finish()` sends the rest and resolves with the reply. */
function slowPost(port: number, pathname: string, token: string, body: unknown) {
  const text = JSON.stringify(body);
  const half = Math.floor(text.length / 2);
  const req = http.request({
    host: '127.0.0.1',
    port,
    path: pathname,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      authorization: `Bearer ${token}`,
    },
  });
  const reply = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let b = '';
      res.on('data', (c: Buffer) => {
        b += c.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b }));
    });
    req.on('error', reject);
  });
  req.write(text.slice(0, half));
  return {
    finish() {
      req.end(text.slice(half));
      return reply;
    },
  };
}

describe('SIGTERM while commands are in flight', () => {
  it('answers and commits the commands it had received, tells sockets why, refuses new work, exits 0', async () => {
    server = await Restartable.create({
      TALLYROOM_STORE: `sqlite:${path.join(dir, 'tallyroom.db')}`,
      LOG_LEVEL: 'info',
    });
    await server.start();
    const r = await roundInProgress(server.api, { members: 12, present: 11, tellers: 1, candidates: 2 });
    const { meetingId, e } = r;

    const socket = io(`${server.url}/live`, {
      auth: { token: e.observer },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    const seen: unknown[] = [];
    socket.on('server:closing', (m: unknown) => seen.push(m));
    socket.on('disconnect', () => seen.push('disconnected'));
    await socket.timeout(5000).emitWithAck('meeting:join', { meetingId, token: e.observer });

    const slow = [1, 2, 3].map((n) =>
      slowPost(server!.port, `/api/meetings/${meetingId}/commands`, r.tellers[0]!, {
        type: 'RecordBallot',
        commandId: `in-flight-${n}`,
        data: {
          contestId: r.contestId,
          round: r.round,
          ballotNo: n,
          marks: { [r.candidates[0]!]: 'for' },
          writeIns: [],
        },
      }),
    );
    await sleep(300); // the server has the headers and half of each body
    const child = server.proc!.child;
    child.kill('SIGTERM');
    await until(
      () => /shutting down/.test(server!.proc!.output()),
      5000,
      () => 'no shutdown log',
    );

    // New work is not taken: the listener is closed (connection refused) or, at most, the readiness probe says draining.
    const fresh = await fetch(`${server.url}/api/ready`).then(
      (res) => res.status,
      () => 'refused',
    );
    expect(['refused', 503]).toContain(fresh);
    expect(child.exitCode, 'still finishing the commands in flight').toBeNull();

    const replies = await Promise.all(slow.map((s) => s.finish()));
    for (const reply of replies) expect(reply.status, reply.body).toBe(200);
    const exit = await server.stop('SIGTERM');
    expect(exit.code).toBe(0);
    // The reason arrives first, then the socket closes.
    expect(seen).toEqual([{ reason: 'server shutting down' }, 'disconnected']);
    socket.close();
    expect(server.logLines().some((l) => l.msg === 'in-flight requests finished' && l.requests === 3)).toBe(true);

    // Back up: the three commands are in the log, once each, at the revisions their replies named.
    await server.start();
    const { events } = await exportLog(server.url, meetingId, e.m.chair);
    for (const [i, reply] of replies.entries()) {
      const said = JSON.parse(reply.body) as { events: { type: string; revision: number }[] };
      const inLog = events
        .filter((x) => x.metadata.commandId === `in-flight-${i + 1}`)
        .map((x) => ({ type: x.type, revision: x.metadata.revision }));
      expect(inLog).toEqual(said.events);
    }
  }, 60_000);
});

describe('SIGTERM to one of two processes sharing a store and Redis', () => {
  it('closes only its own sockets; clients of the other process stay connected and keep getting updates', async () => {
    redis = await RestartableRedis.create();
    await redis.start();
    const env = { TALLYROOM_STORE: `sqlite:${path.join(dir, 'shared.db')}`, REDIS_URL: redis.url };
    const a = await Restartable.create(env);
    await a.start();
    others.push(a);
    const b = await Restartable.create(env);
    await b.start();
    others.push(b);
    const r = await roundInProgress(a.api, { members: 12, present: 11, tellers: 1, candidates: 2 });
    const onA = new DashboardClient(a.url, r.meetingId, r.e.observer);
    const onB = new DashboardClient(b.url, r.meetingId, r.e.observer);
    clients.push(onA, onB);
    await until(
      () => onA.status === 'live' && onB.status === 'live',
      10_000,
      () => 'clients did not join',
    );

    expect((await a.stop('SIGTERM')).code).toBe(0);
    await until(
      () => onA.stats.serverClosing === 1 && onA.stats.disconnects === 1,
      5000,
      () => `A's client was not told: ${JSON.stringify(onA.stats)}`,
    );
    await sleep(500); // anything wrongly relayed through Redis would have reached B's client by now
    expect(onB.stats.serverClosing, "B's client told of A's shutdown").toBe(0);
    expect(onB.stats.disconnects, "B's client disconnected by A's shutdown").toBe(0);

    // B's client keeps following the meeting.
    const reply = await postCommand(b.url, r.meetingId, r.tellers[0]!, {
      type: 'RecordBallot',
      commandId: 'after-a-left',
      data: { contestId: r.contestId, round: r.round, ballotNo: 1, marks: { [r.candidates[0]!]: 'for' }, writeIns: [] },
    });
    expect(reply.status).toBe(200);
    const revision = (reply.body as { revision: number }).revision;
    await until(
      () => onB.revision === revision,
      5000,
      () => `B's client stuck at ${onB.revision}/${revision}`,
    );
    expect(onB.sequenceProblems()).toEqual([]);
  }, 60_000);
});

describe('SIGTERM as soon as the server says it is ready', () => {
  // /api/ready answers once the server listens, while its start-up goes on (the operator credential, the demo
  // meeting): a supervisor may stop it from then on, and the process must not die of the signal half started.
  it('lets the start-up finish, closes gracefully and exits 0', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(ROOT, 'backend/dist/main.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        TALLYROOM_DEMO: 'on',
        TALLYROOM_OPERATOR_TOKEN: '',
        TALLYROOM_STORE: `sqlite:${path.join(dir, 'early-stop.db')}`,
      },
      stdio: 'pipe',
    });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
      child.once('exit', (code, signal) => r({ code, signal })),
    );
    const ready = () =>
      fetch(`http://127.0.0.1:${port}/api/ready`).then(
        (r) => r.ok,
        () => false,
      );
    await until(
      async () => (await ready()) || child.exitCode !== null,
      30_000,
      () => `never ready:\n${output}`,
      2,
    );
    child.kill('SIGTERM');
    const exit = await exited;
    expect(exit, output).toEqual({ code: 0, signal: null });
    expect(output).toContain('shutting down: finishing in-flight commits');
    // The start-up it let finish: the demo meeting was created before the close, not cut off half way.
    expect(output).toContain('Demo meeting ready');
  }, 60_000);
});

/**
 * Shared pieces of the reliability suite (issue 9): a seeded PRNG, the built
 * backend as a restartable process on a fixed port and file, a command sender
 * that retries with the same commandId until the server answers, a meeting
 * brought to an open round, and a socket client that follows the dashboard's
 * live-client rules exactly while recording what it showed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  JOIN_ACK_TIMEOUT_MS,
  LiveSync,
  evolve,
  initialState,
  meetingView,
  verifyChain,
  type ChainedEvent,
  type JoinAck,
  type MeetingEvent,
  type MeetingState,
  type MeetingUpdate,
  type MeetingView,
  type Viewer,
} from '@tallyroom/contracts';
import { io, type Socket } from 'socket.io-client';
import { Api } from '../support/api.js';
import { Election, makeRoll } from '../support/election.js';
import { ROOT, freePort, startBackend, type Proc } from '../support/processes.js';

// ------------------------------------------------------------------ randomness and time

/** mulberry32: a tiny seeded PRNG, so a failing run can be replayed with its seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [lo, hi]. */
export const between = (rnd: () => number, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

/** The seed of a run: RELIABILITY_SEED overrides the file's default, to replay a failure. */
export const seedFrom = (fallback: number) => Number(process.env.RELIABILITY_SEED ?? fallback) >>> 0;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function until(
  cond: () => boolean | Promise<boolean>,
  timeoutMs: number,
  message: () => string,
  stepMs = 25,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(message());
    await sleep(stepMs);
  }
}

// ------------------------------------------------------------------ the built backend

/**
 * `tsc -b contracts backend`. Other engineers edit the backend in parallel; if
 * their half-finished file fails to type-check, tsc still emits, so the suite
 * runs against the freshly emitted code and says so rather than failing here.
 */
export function ensureBuilt() {
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'contracts', 'backend'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (r.status === 0) return;
  if (!existsSync(path.join(ROOT, 'backend/dist/main.js')))
    throw new Error(`tsc -b contracts backend failed:\n${r.stdout}\n${r.stderr}`);
  console.warn(
    `tsc -b reported errors (running against the emitted code):\n${r.stdout.split('\n').slice(0, 5).join('\n')}`,
  );
}

/** Settings every reliability backend shares: quiet, no demo, rate limits out of the way. */
export const BASE_ENV: Record<string, string> = {
  TALLYROOM_DEMO: 'off',
  LOG_LEVEL: 'warn',
  TALLYROOM_RATE_CHECKIN: '1000000/1',
  TALLYROOM_RATE_JOIN: '1000000/1',
  TALLYROOM_RATE_AUTH_FAILURES: '1000000/1',
};

/**
 * One backend that is killed and started again on the same port and store,
 * as a supervisor (systemd, a container runtime) would restart it. Keeps the
 * output of every incarnation for the post-mortem.
 */
export class Restartable {
  proc: (Proc & { url: string }) | undefined;
  readonly outputs: string[] = [];
  starts = 0;

  private constructor(
    readonly port: number,
    readonly env: Record<string, string>,
  ) {}

  static async create(env: Record<string, string>, port?: number): Promise<Restartable> {
    return new Restartable(port ?? (await freePort()), { ...BASE_ENV, ...env });
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }
  get api() {
    return new Api(this.url);
  }

  async start(): Promise<void> {
    // The port may still be held for a moment by the process that just died.
    for (let attempt = 1; ; attempt++) {
      try {
        this.proc = await startBackend({ ...this.env, PORT: String(this.port) });
        this.starts++;
        return;
      } catch (err) {
        if (attempt >= 3 || !/EADDRINUSE/.test(String(err))) throw err;
        await sleep(200);
      }
    }
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const p = this.proc;
    if (!p) return { code: null, signal: null };
    await p.stop(signal);
    this.outputs.push(p.output());
    this.proc = undefined;
    return { code: p.child.exitCode, signal: p.child.signalCode };
  }

  /** Every log line of every incarnation so far (and the running one). */
  logLines(): Record<string, unknown>[] {
    const all = [...this.outputs, this.proc?.output() ?? ''].join('\n');
    return all.split('\n').flatMap((l) => {
      try {
        return [JSON.parse(l) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  }

  /** Output lines that are neither JSON log lines nor blank (stack traces, unhandled rejections). */
  strayOutput(): string[] {
    const all = [...this.outputs, this.proc?.output() ?? ''].join('\n');
    return all.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('{'));
  }
}

// ------------------------------------------------------------------ commands that survive crashes

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}
export interface CommandBody {
  type: string;
  data: unknown;
  commandId: string;
}

/** One POST of a command; throws when the connection fails (refused, reset, timed out). */
export async function postCommand(
  url: string,
  meetingId: string,
  token: string,
  body: CommandBody,
  timeoutMs = 10_000,
): Promise<Answer> {
  const res = await fetch(`${url}/api/meetings/${meetingId}/commands`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { raw: text };
  }
  return { status: res.status, body: parsed };
}

export interface Retried extends Answer {
  attempts: number;
  connectionErrors: number;
  unavailable: number;
}

/**
 * What a well-behaved client does (design.md: "commandId makes a retry
 * idempotent"): sends the command, and after a connection error or a 503
 * sends it again with the SAME commandId, until the server gives any other
 * answer. Bounded by `deadlineMs` so a test can never hang here.
 */
export async function sendUntilAnswered(
  url: string | (() => string),
  meetingId: string,
  token: string,
  body: CommandBody,
  o: {
    pauseMs?: () => number;
    deadlineMs?: number;
    onFailedAttempt?: (kind: 'connection' | 'unavailable') => void;
  } = {},
): Promise<Retried> {
  const deadline = Date.now() + (o.deadlineMs ?? 45_000);
  let attempts = 0;
  let connectionErrors = 0;
  let unavailable = 0;
  for (;;) {
    attempts++;
    try {
      const a = await postCommand(typeof url === 'function' ? url() : url, meetingId, token, body);
      if (a.status !== 503) return { ...a, attempts, connectionErrors, unavailable };
      unavailable++;
      o.onFailedAttempt?.('unavailable');
    } catch {
      connectionErrors++;
      o.onFailedAttempt?.('connection');
    }
    if (Date.now() > deadline)
      throw new Error(
        `command ${body.commandId} got no answer within ${o.deadlineMs ?? 45_000} ms (${attempts} attempts)`,
      );
    await sleep(o.pauseMs?.() ?? 20);
  }
}

// ------------------------------------------------------------------ a meeting in the middle of a round

export interface RoundInProgress {
  e: Election;
  meetingId: string;
  contestId: string;
  round: number;
  candidates: string[];
  tellers: string[];
  /** Members not checked in yet (for check-in load during the round). */
  absent: string[];
}

/**
 * A meeting of `members` members, `present` of them checked in, the method
 * adopted, officers appointed with `tellers` tellers, a competitive contest
 * whose list is confirmed, and its first round open. Single entry.
 */
export async function roundInProgress(
  api: Api,
  o: { members: number; present: number; tellers: number; candidates?: number; seats?: number },
): Promise<RoundInProgress> {
  const e = await Election.create(api, { parameters: { doubleEntry: false } });
  const roll = makeRoll(o.members);
  await e.enrol(roll);
  await e.checkIn(
    roll.slice(0, o.present).map((m) => m.memberId),
    8,
  );
  await e.ready({ scrutineers: [roll[o.present - 1]!.memberId], tellers: o.tellers });
  const candidates = roll.slice(0, o.candidates ?? 3).map((m) => m.memberId);
  await e.contest({ contestId: 'committee', seats: o.seats ?? 1, candidates });
  const opened = await e.openRound('committee');
  return {
    e,
    meetingId: e.m.meetingId,
    contestId: 'committee',
    round: opened.round,
    candidates,
    tellers: e.tellers,
    absent: roll.slice(o.present).map((m) => m.memberId),
  };
}

// ------------------------------------------------------------------ the log

/** The NDJSON export, parsed line by line; a line that does not parse is reported, not thrown. */
export async function exportLog(
  url: string,
  meetingId: string,
  token: string,
): Promise<{ events: ChainedEvent[]; unparsable: string[]; text: string }> {
  const res = await fetch(`${url}/api/meetings/${meetingId}/events`, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`export ${res.status}: ${text}`);
  const events: ChainedEvent[] = [];
  const unparsable: string[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    try {
      events.push(JSON.parse(line) as ChainedEvent);
    } catch {
      unparsable.push(line);
    }
  }
  return { events, unparsable, text };
}

/** Folds a log the way a verifier would. */
export function fold(events: readonly ChainedEvent[], upTo = Number.POSITIVE_INFINITY): MeetingState {
  const s = initialState();
  for (const e of events) {
    if (e.metadata.revision > upTo) break;
    evolve(s, e as MeetingEvent);
  }
  return s;
}

export { meetingView, verifyChain };

/**
 * Every view a client showed must be exactly the view of the log at that
 * revision, for that client's role. Folds once, in revision order.
 */
export function viewsMatchLog(
  events: readonly ChainedEvent[],
  shown: readonly { revision: number; view: MeetingView }[],
  viewer: Viewer,
): string[] {
  const problems: string[] = [];
  const sorted = [...shown].sort((a, b) => a.revision - b.revision);
  const s = initialState();
  let i = 0;
  for (const item of sorted) {
    while (i < events.length && events[i]!.metadata.revision <= item.revision) evolve(s, events[i++] as MeetingEvent);
    const expected = meetingView(s, viewer);
    // Equal as JSON values: the export writes each event's data with its keys sorted (canonical lines),
    // so a view folded from it may list an object's keys in another order than the live one did.
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(expected)), item.view))
      problems.push(`view shown at revision ${item.revision} differs from the log's`);
  }
  return problems;
}

// ------------------------------------------------------------------ a socket client that behaves like the dashboard

export interface Shown {
  via: 'ack' | 'update';
  from: number;
  revision: number;
  view: MeetingView;
}

/**
 * A socket client that keeps its view by the contracts' LiveSync, the same
 * rules the dashboard's live client (dashboard/src/lib/live-client.ts) runs,
 * wired the same way: a join unanswered after JOIN_ACK_TIMEOUT_MS is sent
 * again; after the server closes the connection itself (a graceful restart),
 * reconnect after 1 s. Records every view it shows and every raw update.
 */
export class DashboardClient {
  readonly socket: Socket;
  private readonly sync: LiveSync;
  /** Each time the held revision moved forward, and how. */
  readonly shown: Shown[] = [];
  readonly raw: MeetingUpdate[] = [];
  readonly stats = {
    connects: 0,
    recovered: 0,
    joins: 0,
    gaps: 0,
    staleUpdates: 0,
    serverClosing: 0,
    disconnects: 0,
    unansweredJoins: 0,
  };
  private closed = false;
  private reconnectTimers = new Set<NodeJS.Timeout>();

  constructor(
    url: string,
    readonly meetingId: string,
    readonly token: string,
    o: { transports?: string[] } = {},
  ) {
    this.sync = new LiveSync(meetingId, token);
    // Default reconnection, as in the browser; forceNew so each test client has its own connection.
    this.socket = io(`${url}/live`, {
      auth: { token },
      transports: o.transports ?? ['websocket', 'polling'],
      forceNew: true,
    });
    this.socket.on('connect', () => {
      this.stats.connects++;
      if (this.sync.connected(this.socket.recovered)) this.join();
      else this.stats.recovered++;
    });
    this.socket.on('disconnect', (reason) => {
      this.stats.disconnects++;
      this.sync.disconnected();
      if (reason === 'io server disconnect' && !this.closed) {
        const t = setTimeout(() => {
          this.reconnectTimers.delete(t);
          if (!this.closed) this.socket.connect();
        }, 1000);
        this.reconnectTimers.add(t);
      }
    });
    this.socket.on('connect_error', () => this.sync.disconnected());
    this.socket.on('server:closing', () => {
      this.stats.serverClosing++;
    });
    this.socket.on('meeting:update', (u: MeetingUpdate) => this.onUpdate(u));
  }

  get revision() {
    return this.sync.revision;
  }
  get view() {
    return this.sync.view;
  }
  get status() {
    return this.sync.status;
  }
  get error() {
    return this.sync.error;
  }

  private join() {
    this.stats.joins++;
    this.socket
      .timeout(JOIN_ACK_TIMEOUT_MS)
      .emit('meeting:join', this.sync.joinRequest(), (err: Error | null, ack: JoinAck) => {
        if (err) this.stats.unansweredJoins++;
        const held = this.sync.revision;
        const next = this.sync.joinAnswered(err ? 'timeout' : ack);
        if (!err && ack.ok && ack.revision > held && this.sync.revision === ack.revision) {
          this.shown.push({ via: 'ack', from: held + 1, revision: ack.revision, view: ack.view });
        }
        if (next === 'rejoin' && this.socket.connected && !this.closed) this.join();
        if (next === 'rejoin-later')
          setTimeout(() => {
            if (this.socket.connected && !this.closed) this.join();
          }, this.sync.rejoinDelayMs());
      });
  }

  private onUpdate(u: MeetingUpdate) {
    this.raw.push(u);
    const outcome = this.sync.update(u);
    if (outcome === 'stale') {
      this.stats.staleUpdates++;
      return;
    }
    if (outcome === 'rejoin') {
      this.stats.gaps++;
      this.join();
      return;
    }
    this.shown.push({ via: 'update', from: u.fromRevision, revision: u.revision, view: this.sync.view! });
  }

  /** "reconnecting" / "up to date at revision N", as the screens show it. */
  get indicator() {
    return this.status === 'live' ? `up to date at revision ${this.revision}` : this.status;
  }

  /**
   * The shown revisions must tile (first, last] without a hole or an overlap:
   * an update covers fromRevision..revision, an ack everything up to its revision.
   */
  sequenceProblems(): string[] {
    const out: string[] = [];
    let held = -1;
    for (const s of this.shown) {
      if (s.revision <= held) out.push(`revision ${s.revision} shown again (held ${held})`);
      if (s.via === 'update' && s.from !== held + 1)
        out.push(`update ${s.from}..${s.revision} applied on top of ${held}`);
      if (s.view.revision !== s.revision)
        out.push(`${s.via} at ${s.revision} carried a view of revision ${s.view.revision}`);
      held = Math.max(held, s.revision);
    }
    return out;
  }

  close() {
    this.closed = true;
    for (const t of this.reconnectTimers) clearTimeout(t);
    this.socket.close();
  }
}

/** Joins once and returns the ack: what a client that arrives fresh sees. */
export async function freshView(
  url: string,
  meetingId: string,
  token: string,
): Promise<{ revision: number; view: MeetingView }> {
  const socket = io(`${url}/live`, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
  try {
    const ack = (await socket.timeout(5000).emitWithAck('meeting:join', { meetingId, token })) as JoinAck;
    if (!ack.ok) throw new Error(`fresh join refused: ${JSON.stringify(ack.error)}`);
    return { revision: ack.revision, view: ack.view };
  } finally {
    socket.close();
  }
}

export async function headOf(url: string, meetingId: string, token: string): Promise<number> {
  const res = await fetch(`${url}/api/meetings/${meetingId}/head`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`head ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { revision: number }).revision;
}

// ------------------------------------------------------------------ a steady stream of ballots

export interface AckedCommand {
  body: CommandBody;
  reply: { revision: number; events: { type: string; revision: number }[]; duplicate?: boolean };
  attempts: number;
}

export interface Burst {
  readonly acked: AckedCommand[];
  readonly failures: string[];
  readonly stats: { connectionErrors: number; unavailable: number };
  /** Lets every teller finish the command in hand, then resolves. */
  stop(): Promise<void>;
}

/**
 * Every teller of the round keys in ballots one after another, each retried
 * with its SAME commandId until answered. `url` is read at every attempt, so
 * it can point at whichever process is up (or at a proxy).
 */
export function ballotBurst(
  r: RoundInProgress,
  o: {
    url: string | (() => string) | ((teller: number) => string);
    seed: number;
    pauseMs?: [number, number];
    tellers?: number;
  },
): Burst {
  const acked: AckedCommand[] = [];
  const failures: string[] = [];
  const stats = { connectionErrors: 0, unavailable: 0 };
  let stopped = false;
  const [lo, hi] = o.pauseMs ?? [0, 10];
  const runs = r.tellers.slice(0, o.tellers ?? r.tellers.length).map(async (token, k) => {
    const own = mulberry32(o.seed + 7919 * (k + 1));
    const urlOf = () => (typeof o.url === 'string' ? o.url : (o.url as (t: number) => string)(k));
    for (let i = 0; !stopped; i++) {
      const body: CommandBody = {
        type: 'RecordBallot',
        commandId: `burst-t${k}-${i}`,
        data: {
          contestId: r.contestId,
          round: r.round,
          ballotNo: (k + 1) * 100_000 + i,
          marks: validMarks(r.candidates, own),
          writeIns: [],
        },
      };
      // Counted as they happen, so a test can watch a failure while it is going on.
      const a = await sendUntilAnswered(urlOf, r.meetingId, token, body, {
        pauseMs: () => between(own, 10, 40),
        onFailedAttempt: (kind) => {
          if (kind === 'connection') stats.connectionErrors++;
          else stats.unavailable++;
        },
      });
      if (a.status !== 200) {
        failures.push(`${body.commandId}: ${a.status} ${JSON.stringify(a.body)}`);
        return;
      }
      acked.push({ body, reply: a.body as AckedCommand['reply'], attempts: a.attempts });
      if (hi > 0) await sleep(between(own, lo, hi));
    }
  });
  return {
    acked,
    failures,
    stats,
    async stop() {
      stopped = true;
      await Promise.all(runs);
    },
  };
}

/**
 * Marks that are valid for a one-seat contest (P-22: no more "for" than
 * seats): one candidate "for" (or nobody, now and then), the others
 * "against" or "abstain". Every such ballot counts, so the tally of the
 * acknowledged ballots is known exactly.
 */
export function validMarks(
  candidates: readonly string[],
  rnd: () => number,
): Record<string, 'for' | 'against' | 'abstain'> {
  const chosen = rnd() < 0.1 ? -1 : between(rnd, 0, candidates.length - 1);
  return Object.fromEntries(candidates.map((c, i) => [c, i === chosen ? 'for' : rnd() < 0.5 ? 'against' : 'abstain']));
}

/** For/against/abstain per candidate in the acknowledged ballots: the exact tally a screen must end with. */
export function expectedTally(
  acked: readonly AckedCommand[],
  candidates: readonly string[],
): Record<string, { for: number; against: number; abstain: number }> {
  const out = Object.fromEntries(candidates.map((c) => [c, { for: 0, against: 0, abstain: 0 }]));
  for (const a of acked) {
    const m = (a.body.data as { marks: Record<string, 'for' | 'against' | 'abstain'> }).marks;
    for (const c of candidates) out[c]![m[c]!]++;
  }
  return out;
}

/** What a client heard back for a command it sent: its id and the events the reply named. */
export interface Acknowledgement {
  commandId: string;
  events: readonly { type: string; revision: number }[];
}

/**
 * Problems with the log against what was acknowledged: each acknowledged
 * command once, at its replied revisions; nothing else from the workload
 * (commandIds starting with `prefix`, or matching it when a RegExp).
 */
export function ackedVersusLog(
  events: readonly ChainedEvent[],
  acked: readonly (AckedCommand | Acknowledgement)[],
  prefix: string | RegExp = 'burst-',
): string[] {
  const byCommand = new Map<string, { type: string; revision: number }[]>();
  for (const ev of events) {
    const list = byCommand.get(ev.metadata.commandId) ?? [];
    list.push({ type: ev.type, revision: ev.metadata.revision });
    byCommand.set(ev.metadata.commandId, list);
  }
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const a of acked) {
    const { commandId, events: replied } = 'reply' in a ? { commandId: a.body.commandId, events: a.reply.events } : a;
    ids.add(commandId);
    const inLog = byCommand.get(commandId) ?? [];
    if (JSON.stringify(inLog) !== JSON.stringify(replied))
      problems.push(`${commandId}: log has ${JSON.stringify(inLog)}, reply said ${JSON.stringify(replied)}`);
  }
  const workload = (id: string) => (typeof prefix === 'string' ? id.startsWith(prefix) : prefix.test(id));
  for (const id of byCommand.keys())
    if (workload(id) && !ids.has(id)) problems.push(`${id} is in the log but was never acknowledged`);
  return problems;
}

// ------------------------------------------------------------------ a redis-server that can be stopped and started again

/** A real redis-server on a fixed loopback port, no persistence: stop() it and start() it again on the same port. */
export class RestartableRedis {
  proc: Proc | undefined;
  private constructor(readonly port: number) {}
  static async create(): Promise<RestartableRedis> {
    return new RestartableRedis(await freePort());
  }
  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start() {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'pipe' },
    );
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => {
      out += b.toString();
    });
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    this.proc = {
      child,
      output: () => out,
      async stop(signal = 'SIGTERM') {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        await exited;
      },
    };
    await until(
      () => /Ready to accept connections/.test(out) || child.exitCode !== null,
      10_000,
      () => `redis did not start:\n${out}`,
    );
    if (child.exitCode !== null) throw new Error(`redis exited:\n${out}`);
  }

  async stop(signal: NodeJS.Signals = 'SIGKILL') {
    await this.proc?.stop(signal);
    this.proc = undefined;
  }
}

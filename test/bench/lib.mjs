/**
 * Shared helpers for the benchmark suite (issue 8): scale, processes, a lean
 * HTTP client, percentiles, /proc memory figures, the result records every
 * part returns, and the summary table.
 *
 * Everything here is plain ESM that imports only built code and installed
 * packages, so `node test/bench/<part>.mjs` runs without a TypeScript runner.
 * The process helpers mirror test/support/processes.ts (which is TypeScript).
 */
import { fork, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';
import { Pool } from 'undici';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BENCH_DIR = path.join(ROOT, 'test/bench');
export const ARTIFACTS = path.join(ROOT, 'test/artifacts');

// ------------------------------------------------------------------ scale

/** Named scales: `small` is a quick run (about half a minute), `full` the issue's sizes. */
const NAMED_SCALES = { full: 1, medium: 0.2, small: 0.03 };

/** 1 for the full run; `--quick`, BENCH_SCALE=small or BENCH_SCALE=0.1 scales every count down. */
export function benchScale(argv = process.argv, env = process.env) {
  if (argv.includes('--quick')) return NAMED_SCALES[env.BENCH_SCALE] ?? (Number(env.BENCH_SCALE ?? 0.1) || 0.1);
  const s = NAMED_SCALES[env.BENCH_SCALE] ?? Number(env.BENCH_SCALE ?? 1);
  if (!(s > 0 && s <= 1)) throw new Error(`BENCH_SCALE must be in (0, 1], got ${env.BENCH_SCALE}`);
  return s;
}

/** n scaled, never below `min`. */
export const scaled = (n, scale, min = 1) => Math.max(min, Math.round(n * scale));

/** True when this module is the script node was started with. */
export const isMain = (metaUrl) =>
  process.argv[1] !== undefined && metaUrl === pathToFileURL(path.resolve(process.argv[1])).href;

// ------------------------------------------------------------------ time

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes on one machine. */
export const now = () => performance.timeOrigin + performance.now();
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------ processes

export const tempDir = (prefix = 'tallyroom-bench-') => mkdtempSync(path.join(os.tmpdir(), prefix));

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Environment that lifts the rate limits a benchmark would otherwise trip over. */
export const BENCH_ENV = {
  LOG_LEVEL: 'warn',
  TALLYROOM_DEMO: 'off',
  HOST: '127.0.0.1',
  TALLYROOM_RATE_CHECKIN: '1000000/1',
  TALLYROOM_RATE_JOIN: '1000000/1',
  TALLYROOM_RATE_AUTH_FAILURES: '1000000/1',
  TALLYROOM_OPERATOR_TOKEN: 'tallyroom-bench-operator-0123456789',
};

/**
 * The built backend as its own process. Resolves when GET /api/ready answers
 * 200, with `startedAt` (just before spawn) and `readyAt` (that answer).
 * `nodeArgs` e.g. ['--cpu-prof', '--cpu-prof-dir=…'].
 */
export async function startBackend(env = {}, o = {}) {
  const port = env.PORT ?? String(await freePort());
  const startedAt = now();
  // BENCH_BACKEND_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles every backend a benchmark starts.
  const extra = (process.env.BENCH_BACKEND_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, ...(o.nodeArgs ?? []), path.join(ROOT, 'backend/dist/main.js')], {
    cwd: ROOT,
    env: { ...process.env, ...BENCH_ENV, ...env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b) => {
    out += b.toString();
    if (out.length > 4_000_000) out = out.slice(-2_000_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (signal = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  let readyAt;
  const until = Date.now() + (o.timeoutMs ?? 60_000);
  while (readyAt === undefined && child.exitCode === null && Date.now() < until) {
    const ok = await probe(`${url}/api/ready`);
    if (ok) readyAt = now();
    else await sleep(o.pollMs ?? 10);
  }
  if (readyAt === undefined) {
    await stop('SIGKILL');
    throw new Error(`backend did not start:\n${out.slice(-4000)}`);
  }
  return { child, pid: child.pid, url, port, startedAt, readyAt, output: () => out, stop, exited };
}

/**
 * The Node flags a county's deployment starts each backend with: the `backend` service's command in
 * infra/compose.yaml, between `node` and the script, so that a benchmark of a county's day runs the backends as the
 * county does and the flags have one home.
 */
export function countyNodeArgs() {
  const compose = load(readFileSync(path.join(ROOT, 'infra/compose.yaml'), 'utf8'), {
    schema: CORE_SCHEMA.withTags(mergeTag),
  });
  const command = compose.services.backend.command;
  const script = command.indexOf('backend/dist/main.js');
  if (command[0] !== 'node' || script < 1) throw new Error(`infra/compose.yaml: unexpected backend command ${command}`);
  return command.slice(1, script);
}

/**
 * A throw-away redis-server (Debian's package) on a free loopback port, no persistence, as the multi-process tests
 * start it (test/support/processes.ts). Resolves once it answers; `stop()` ends it.
 */
export async function startRedis() {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (b) => (out += b));
  child.stderr.on('data', (b) => (out += b));
  const exited = new Promise((r) => child.once('exit', r));
  child.once('error', (err) => (out += `\n${err.message}`));
  const until = Date.now() + 10_000;
  while (!/Ready to accept connections/.test(out) && child.exitCode === null && Date.now() < until) await sleep(20);
  if (!/Ready to accept connections/.test(out)) {
    child.kill('SIGKILL');
    throw new Error(`redis-server did not start (apt-get install -y redis-server):\n${out.slice(-2000)}`);
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function probe(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(false);
    });
  });
}

// ------------------------------------------------------------------ HTTP

/**
 * A lean JSON client over node:http keep-alive connections (fetch costs the
 * load generator several times more CPU, which it would take from the server
 * on a 2-core machine). Never throws on a status; `t` is the round-trip in ms
 * and `at` the moment the reply was complete.
 */
export function httpClient(base, o = {}) {
  // undici rather than node:http: the load generator shares the machine's two
  // cores with the backend, and node:http's client spent about 60 % of a core
  // driving 7,000 requests/s, CPU the backend under test then lacked.
  const pool = new Pool(base, { connections: o.maxSockets ?? 256, pipelining: 1 });
  let closed;
  async function request(method, p, body, token) {
    const headers = {};
    let payload;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    if (token) headers.authorization = `Bearer ${token}`;
    const t0 = now();
    const res = await pool.request({ method, path: p, headers, body: payload });
    const text = await res.body.text();
    const at = now();
    let json;
    if (String(res.headers['content-type'] ?? '').includes('json')) {
      try {
        json = JSON.parse(text);
      } catch {
        /* leave undefined */
      }
    }
    return { status: res.statusCode, body: json, text, t: at - t0, at };
  }
  let admin;
  return {
    base,
    request,
    /**
     * The org-admin token meetings are scheduled with (POST /api/meetings needs one): one county per backend, created
     * through the public API on first use.
     */
    admin: () =>
      (admin ??= request(
        'POST',
        '/api/organisations',
        { name: '基准测试县委组织部', kind: 'county' },
        BENCH_ENV.TALLYROOM_OPERATOR_TOKEN,
      ).then((r) => ok(r, 'POST /api/organisations').credentials['org-admin'])),
    get: (p, token) => request('GET', p, undefined, token),
    post: (p, body, token) => request('POST', p, body, token),
    /** Opens n of the pool's connections now (n requests at once), so that none is opened during a measured run. */
    openConnections: async (n = o.maxSockets ?? 256) => {
      const replies = await Promise.all(Array.from({ length: n }, () => request('GET', '/api/health')));
      for (const r of replies) ok(r, 'GET /api/health');
      return pool.stats.connected;
    },
    // Idempotent, as the `finally` blocks may close a client already closed.
    close: () => (closed ??= pool.destroy().catch(() => undefined)),
  };
}

/** A reply that must be 2xx; throws with the body otherwise. */
export function ok(reply, what = '') {
  if (reply.status < 200 || reply.status >= 300)
    throw new Error(`${what} → ${reply.status}: ${reply.text.slice(0, 500)}`);
  return reply.body;
}

let seq = 0;
export const commandId = (prefix = 'b') => `${prefix}-${process.pid}-${++seq}`;

/** Runs `fn` over items with at most `limit` in flight; results in item order. */
export async function inBatches(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

// ------------------------------------------------------------------ meetings through the API

export const memberId = (i, prefix = 'm') => `${prefix}${String(i).padStart(5, '0')}`;
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万严武戴莫孔汤',
];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅燕建国文斌志鹏飞宇晨浩欣怡涵萱轩远琪博'];
export function personName(i) {
  return (
    SURNAMES[i % SURNAMES.length] +
    GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length] +
    GIVEN[(i + Math.floor(i / (SURNAMES.length * GIVEN.length))) % GIVEN.length]
  );
}
export const daysFromToday = (n) => {
  // Days as the server's date rules see them for a meeting in the default zone (Beijing time): from 16:00 UTC on,
  // UTC's date is the day before, and a list "published today" would fall after a meeting held today.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/**
 * Drives one meeting through the public API until a round is open for
 * ballots: `voters` full members (all checked in), `guests` probationary
 * members left to check in during the load, one teller (single entry), a
 * competitive contest of `seats` seats and `candidates` candidates.
 * Returns the ids and tokens the load needs.
 */
export async function openMeeting(api, o = {}) {
  const voters = o.voters ?? 10;
  const guests = o.guests ?? 0;
  const seats = o.seats ?? 2;
  const candidates = o.candidates ?? seats + 1;
  const checkInConcurrency = o.checkInConcurrency ?? 4;
  const created = ok(
    await api.post(
      '/api/meetings',
      {
        title: o.title ?? '基准测试党员大会',
        organisation: o.organisation ?? '第一党支部',
        scheduledFor: daysFromToday(0),
        parameters: { doubleEntry: false },
      },
      await api.admin(),
    ),
    'POST /api/meetings',
  );
  const { meetingId, credentials } = created;
  const p = `/api/meetings/${meetingId}`;
  const cmd = async (type, data, token = credentials.chair) =>
    ok(await api.post(`${p}/commands`, { type, data, commandId: commandId(type) }, token), type);
  const members = [
    ...Array.from({ length: voters }, (_, k) => ({
      memberId: memberId(k + 1),
      name: personName(k + 1),
      status: 'full',
    })),
    ...Array.from({ length: guests }, (_, k) => ({
      memberId: memberId(k + 1, 'g'),
      name: personName(voters + k + 1),
      status: 'probationary',
    })),
  ];
  for (let i = 0; i < members.length; i += 20_000) await cmd('EnrolMembers', { members: members.slice(i, i + 20_000) });
  const voterIds = members.slice(0, voters).map((m) => m.memberId);
  await inBatches(voterIds, checkInConcurrency, (id) =>
    cmd('CheckIn', { memberId: id, method: 'desk' }, credentials.chair),
  );
  const vote = { for: voters, against: 0, abstain: 0 };
  await cmd('AdoptElectionMethod', { vote });
  const scrutineer = voterIds[voterIds.length - 1];
  await cmd('AppointOfficers', { scrutineers: [scrutineer], tellers: [{ name: '计票人1' }], vote });
  const teller = ok(
    await api.post(`${p}/credentials`, { role: 'teller', officer: '计票人1' }, credentials.chair),
    'mint teller',
  ).token;
  const contestId = 'committee';
  await cmd('CreateContest', { contestId, office: 'committee-member', seats, mode: 'competitive' });
  const candidateIds = voterIds.slice(0, candidates);
  for (const nomineeId of candidateIds) await cmd('Nominate', { contestId, nomineeId, route: 'organisation' });
  for (const nomineeId of candidateIds)
    await cmd('ReviewCandidate', { contestId, nomineeId, qualified: true, reason: '' });
  await cmd('PublishCandidateList', { contestId, candidateIds, noticeDays: 3, publishedOn: daysFromToday(-7) });
  await cmd('ConfirmCandidateList', { contestId });
  const opened = await cmd('OpenRound', { contestId });
  return {
    meetingId,
    path: p,
    credentials,
    teller,
    contestId,
    round: 1,
    candidateIds,
    voterIds,
    guestIds: members.slice(voters).map((m) => m.memberId),
    revision: opened.revision,
  };
}

/** Marks for ballot n: "for" `seats` of the candidates, "against" the rest, varied by n. */
/**
 * Part 1's command mix, one request: a check-in at the desk (a kiosk takes only a member's card, P-05) or a teller's
 * ballot. `guest` is the guest to check in, or null for the ballot numbered `ballotNo`.
 */
export function mixCommand(m, guest, ballotNo) {
  if (guest !== null)
    return {
      body: { type: 'CheckIn', data: { memberId: guest, method: 'desk' }, commandId: commandId('ci') },
      token: m.credentials.chair,
    };
  return {
    body: {
      type: 'RecordBallot',
      data: {
        contestId: m.contestId,
        round: m.round,
        ballotNo,
        marks: marksFor(ballotNo, m.candidateIds, 2),
        writeIns: [],
      },
      commandId: commandId('rb'),
    },
    token: m.teller,
  };
}

export function marksFor(n, candidateIds, seats) {
  const marks = {};
  const k = candidateIds.length;
  for (let j = 0; j < k; j++) marks[candidateIds[j]] = (j + n) % k < seats ? 'for' : 'against';
  return marks;
}

// ------------------------------------------------------------------ statistics

export function percentiles(values) {
  const a = Float64Array.from(values).sort();
  const q = (p) => (a.length === 0 ? NaN : a[Math.min(a.length - 1, Math.max(0, Math.ceil(p * a.length) - 1))]);
  return {
    n: a.length,
    p50: q(0.5),
    p90: q(0.9),
    p99: q(0.99),
    max: a.length ? a[a.length - 1] : NaN,
    min: a.length ? a[0] : NaN,
    q,
  };
}

/** VmRSS (current) and VmHWM (peak) of a process, in MiB, from /proc. */
export function memoryOf(pid = process.pid) {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { rssMiB: kb('VmRSS') / 1024, peakMiB: kb('VmHWM') / 1024 };
}

/** CPU time (user + system, every thread) a process has used so far, in ms; Linux clock ticks are 10 ms. */
export function cpuTimeOf(pid = process.pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export const fmt = (x, digits = 1) => {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (typeof x !== 'number') return String(x);
  if (Math.abs(x) >= 10_000) return Math.round(x).toLocaleString('en-US');
  return x.toFixed(digits);
};

// ------------------------------------------------------------------ results

/**
 * One row of the summary: a figure, the same-run baseline it is compared
 * with, their ratio (value / baseline), and the target when the issue sets one.
 * `holds` is true/false against the target, or null when there is none.
 */
/**
 * A numeric target: `goal('<', 50, 'ms')` holds the figure's value under 50 ms, `goal('≥', 1.5, '×', { on: 'ratio',
 * of: 'fsync insert loop' })` holds its ratio to the baseline at 1.5 or more. A figure judged by a goal gets its
 * `holds` and its `margin` (how far inside the target it is, negative when outside) from it.
 */
export function goal(op, limit, unit, { on = 'value', of, text } = {}) {
  if (!['<', '≤', '≥', '>'].includes(op)) throw new Error(`goal: unknown comparison ${op}`);
  const shown = unit === '×' ? `${limit}×${of ? ` ${of}` : ''}` : `${limit}${unit ? ` ${unit}` : ''}`;
  return { op, limit, unit, on, text: text ?? `${op} ${shown}` };
}

function judged(g, value, ratio) {
  const x = g.on === 'ratio' ? ratio : value;
  if (x === null || !Number.isFinite(x)) return { text: g.text, holds: false, margin: null, marginUnit: g.unit };
  const margin = g.op === '<' || g.op === '≤' ? g.limit - x : x - g.limit;
  const holds = g.op === '<' || g.op === '>' ? margin > 0 : margin >= 0;
  return { text: g.text, holds, margin, marginUnit: g.unit };
}

/**
 * One printed figure. `target` is a goal() (judged here, with its margin) or, for a count that must be exact, a
 * string with `holds` given; `raised` is a second, stricter goal the figure is also measured against (issue 24's
 * raised targets), reported beside the first without replacing it.
 */
export function figure({
  part,
  name,
  value,
  unit,
  baseline = null,
  baselineName = null,
  target = null,
  holds = null,
  raised = null,
  note,
}) {
  const ratio =
    baseline !== null && baseline !== undefined && Number.isFinite(baseline) && baseline !== 0
      ? value / baseline
      : null;
  const t = target && typeof target === 'object' ? judged(target, value, ratio) : null;
  const r = raised ? judged(raised, value, ratio) : null;
  return {
    part,
    figure: name,
    value,
    unit,
    baseline: baseline ?? null,
    baselineName,
    ratio,
    target: t ? t.text : target,
    holds: t ? t.holds : holds,
    margin: t ? t.margin : null,
    marginUnit: t ? t.marginUnit : null,
    raised: r ? r.text : null,
    raisedHolds: r ? r.holds : null,
    raisedMargin: r ? r.margin : null,
    raisedMarginUnit: r ? r.marginUnit : null,
    ...(note ? { note } : {}),
  };
}

const signed = (m, unit) =>
  m === null || m === undefined
    ? '—'
    : `${m >= 0 ? '+' : '−'}${fmt(Math.abs(m), unit === '×' ? 2 : 1)}${unit === '×' ? '×' : unit ? ` ${unit}` : ''}`;

/** Prints a part's figures as they come, each with its ratio against its baseline. */
export function report(rows) {
  for (const r of rows) {
    const base =
      r.baseline === null ? '' : `   baseline ${r.baselineName}: ${fmt(r.baseline)} → ratio ${fmt(r.ratio, 2)}×`;
    const tgt = r.target
      ? `   target ${r.target}: ${r.holds === null ? '—' : r.holds ? 'holds' : 'DOES NOT HOLD'}${r.margin === null || r.margin === undefined ? '' : ` (margin ${signed(r.margin, r.marginUnit)})`}`
      : '';
    const up = r.raised
      ? `   raised target ${r.raised}: ${r.raisedHolds ? 'holds' : 'DOES NOT HOLD'} (margin ${signed(r.raisedMargin, r.raisedMarginUnit)})`
      : '';
    console.log(`  ${r.figure}: ${fmt(r.value)} ${r.unit}${base}${tgt}${up}`);
  }
  return rows;
}

export function summaryTable(rows) {
  const header = [
    'part',
    'figure',
    'value',
    'baseline',
    'ratio',
    'target',
    'holds?',
    'margin',
    'raised target',
    'holds?',
    'margin',
  ];
  const yes = (h) => (h === null || h === undefined ? '—' : h ? 'yes' : 'NO');
  const body = rows.map((r) => [
    r.part,
    r.figure,
    `${fmt(r.value)} ${r.unit}`,
    r.baseline === null ? '—' : `${fmt(r.baseline)} (${r.baselineName})`,
    r.ratio === null ? '—' : `${fmt(r.ratio, 2)}×`,
    r.target ?? '—',
    yes(r.holds),
    signed(r.margin, r.marginUnit),
    r.raised ?? '—',
    yes(r.raisedHolds),
    r.raised ? signed(r.raisedMargin, r.raisedMarginUnit) : '—',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => String(b[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

export function machine() {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? '?',
    memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
  };
}

export function writeJson(file, data) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
}

/** Runs a part on its own: prints its figures and, with --json <file>, writes them. */
export async function runAlone(name, run) {
  const scale = benchScale();
  console.log(`== ${name} (scale ${scale}) on ${machine().cpus} cores, ${process.version}`);
  const rows = await run({ scale });
  console.log('\n' + summaryTable(rows));
  const i = process.argv.indexOf('--json');
  if (i > 0 && process.argv[i + 1]) writeJson(process.argv[i + 1], { scale, machine: machine(), results: rows });
  return rows;
}

export const removeDir = (dir) => {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    /* best effort */
  }
};

// ------------------------------------------------------------------ child processes (IPC)

/** Forks a helper script and returns an RPC function: rpc({ cmd, … }) → its reply. */
export function forkHelper(script, o = {}) {
  const child = fork(path.join(BENCH_DIR, script), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...(o.env ?? {}) },
    execArgv: o.execArgv ?? [],
  });
  let id = 0;
  const waiting = new Map();
  let readyResolve;
  const ready = new Promise((r) => {
    readyResolve = r;
  });
  child.on('message', (m) => {
    if (m.ready) return readyResolve(m);
    const w = waiting.get(m.id);
    if (w) {
      waiting.delete(m.id);
      w(m);
    }
  });
  const exited = new Promise((r) => child.once('exit', r));
  child.once('exit', () => {
    for (const w of waiting.values()) w({ ok: false, error: 'helper exited' });
    waiting.clear();
  });
  const rpc = (msg) =>
    new Promise((resolve) => {
      const i = ++id;
      waiting.set(i, resolve);
      child.send({ ...msg, id: i });
    });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return { child, rpc, ready, stop, pid: child.pid };
}

/** Reads the arrivals file written by live-clients.mjs. */
export function readArrivals(file) {
  const buf = readFileSync(file);
  const n = buf.readInt32LE(0);
  const copy = (off, bytes) => buf.buffer.slice(buf.byteOffset + off, buf.byteOffset + off + bytes);
  return {
    n,
    meeting: new Int32Array(copy(4, n * 4)),
    revision: new Int32Array(copy(4 + n * 4, n * 4)),
    time: new Float64Array(copy(4 + n * 8, n * 8)),
  };
}

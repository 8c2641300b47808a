/**
 * Issue 9, point 7 — the long meeting: a soak at a modest steady rate, not in CI.
 *
 *   node test/bench/soak.mjs                      # 30 minutes, 5 commands/s, memory sampled every minute
 *   SOAK_MINUTES=3 SOAK_SAMPLE_SECONDS=20 node test/bench/soak.mjs
 *
 * Settings (environment): SOAK_MINUTES (30), SOAK_RATE commands per second (5), SOAK_SAMPLE_SECONDS (60),
 * SOAK_CLIENTS live observers (30), SOAK_GROWTH_MIB allowed growth of the backend's heap after a full GC
 * from the first sample under load to the last (20; the meeting's own state takes about 1.2 MiB per 1000 events),
 * SOAK_SEED (1).
 *
 * One backend on a fresh SQLite file holds one meeting with an open round. A teller keys in ballots at the
 * steady rate (each retried with its commandId until answered); the chair and an observer read the view twice
 * a second; live observers stay connected, and every 10 s one of them drops its transport (reconnects by
 * itself) and another is replaced by a new client (join, leave). Every interval the backend's heap after a
 * full GC (through its inspector) and its RSS (VmRSS from /proc) are sampled and printed with the events so
 * far. At the end: the live clients all show the fresh view, the log verifies, and the heap's growth after
 * warm-up stays within the bound (it is also given per 1000 events and as a trend); exits 1 otherwise.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { commandId, httpClient, memoryOf, ok, openMeeting, removeDir, sleep, startBackend, tempDir } from './lib.mjs';

// The heap probe speaks the inspector protocol over Node's own WebSocket, which Node 20 keeps behind a flag.
if (typeof WebSocket === 'undefined') {
  const r = spawnSync(
    process.execPath,
    ['--experimental-websocket', '--no-warnings', fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  process.exit(r.status ?? 1);
}

const num = (name, fallback) => {
  const v = Number(process.env[name] ?? fallback);
  if (!(v > 0)) throw new Error(`${name} must be a positive number`);
  return v;
};
const MINUTES = num('SOAK_MINUTES', 30);
const RATE = num('SOAK_RATE', 5);
const SAMPLE_S = num('SOAK_SAMPLE_SECONDS', 60);
const CLIENTS = num('SOAK_CLIENTS', 30);
const GROWTH_MIB = num('SOAK_GROWTH_MIB', 20);
const SEED = num('SOAK_SEED', 1);

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(SEED);

/**
 * The backend's heap after a full garbage collection, read through its
 * inspector (the backend runs with --inspect on a random loopback port and
 * --expose-gc): RSS alone moves with the collector's mood, this does not.
 */
async function heapProbe(output) {
  let url;
  for (let i = 0; i < 100 && !url; i++) {
    url = /Debugger listening on (ws:\/\/\S+)/.exec(output())?.[1];
    if (!url) await sleep(50);
  }
  if (!url) throw new Error('the backend did not print its inspector address');
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error('inspector connection failed'));
  });
  let id = 0;
  const pending = new Map();
  ws.onmessage = (m) => {
    const msg = JSON.parse(m.data);
    pending.get(msg.id)?.(msg);
    pending.delete(msg.id);
  };
  const evaluate = (expression) =>
    new Promise((resolve) => {
      const n = ++id;
      pending.set(n, resolve);
      ws.send(JSON.stringify({ id: n, method: 'Runtime.evaluate', params: { expression, returnByValue: true } }));
    });
  return {
    async heapAfterGc() {
      const r = await evaluate('(globalThis.gc?.(), globalThis.gc?.(), JSON.stringify(process.memoryUsage()))');
      const m = JSON.parse(r.result.result.value);
      return { heapUsedMiB: m.heapUsed / 1048576, externalMiB: m.external / 1048576 };
    },
    close: () => ws.close(),
  };
}

/** Least-squares slope of y over x. */
function slope(points) {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const num = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

/** A live observer following the dashboard's rules: join, re-join with `since` when not recovered or on a gap. */
function liveClient(url, meetingId, token) {
  const c = { revision: -1, view: null, gaps: 0, connects: 0, closed: false };
  const socket = io(`${url}/live`, { auth: { token }, transports: ['websocket'], forceNew: true });
  const join = () =>
    socket.emit('meeting:join', { meetingId, token, ...(c.revision >= 0 ? { since: c.revision } : {}) }, (ack) => {
      if (ack?.ok && ack.revision >= c.revision) {
        c.revision = ack.revision;
        c.view = ack.view;
      }
    });
  socket.on('connect', () => {
    c.connects++;
    if (!(c.connects > 1 && socket.recovered)) join();
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect' && !c.closed) setTimeout(() => socket.connect(), 1000);
  });
  socket.on('meeting:update', (u) => {
    if (u.revision <= c.revision) return;
    if (u.fromRevision !== c.revision + 1) {
      c.gaps++;
      join();
      return;
    }
    c.revision = u.revision;
    c.view = u.view;
  });
  c.socket = socket;
  c.close = () => {
    c.closed = true;
    socket.close();
  };
  return c;
}

async function main() {
  const { verifyChain } = await import('../../contracts/dist/index.js');
  const dir = tempDir('tallyroom-soak-');
  const backend = await startBackend(
    { TALLYROOM_STORE: `sqlite:${dir}/soak.db` },
    { nodeArgs: ['--expose-gc', '--inspect=127.0.0.1:0'] },
  );
  const probe = await heapProbe(backend.output);
  const api = httpClient(backend.url, { maxSockets: 16 });
  const clients = [];
  let failed = false;
  try {
    const m = await openMeeting(api, { voters: 200, seats: 3, candidates: 6, checkInConcurrency: 8 });
    console.log(
      `[soak] ${MINUTES} min at ${RATE} commands/s, ${CLIENTS} live observers, RSS sampled every ${SAMPLE_S} s; backend pid ${backend.pid}, store ${dir}/soak.db`,
    );
    for (let i = 0; i < CLIENTS; i++) clients.push(liveClient(backend.url, m.meetingId, m.credentials.observer));

    const stats = { acked: 0, retries: 0, reads: 0, refused: 0, churned: 0, dropped: 0 };
    const end = Date.now() + MINUTES * 60_000;
    let ballotNo = 0;

    // Ballots at the steady rate, each retried with its commandId until answered.
    const writer = (async () => {
      const interval = 1000 / RATE;
      let next = Date.now();
      while (Date.now() < end) {
        const n = ++ballotNo;
        const marks = Object.fromEntries(
          m.candidateIds.map((c) => [c, rnd() < 0.4 ? 'for' : rnd() < 0.5 ? 'against' : 'abstain']),
        );
        const body = {
          type: 'RecordBallot',
          commandId: commandId('soak'),
          data: { contestId: m.contestId, round: m.round, ballotNo: n, marks, writeIns: [] },
        };
        for (let attempt = 0; ; attempt++) {
          const reply = await api.post(`${m.path}/commands`, body, m.teller).catch(() => ({ status: 0 }));
          if (reply.status === 200) {
            stats.acked++;
            break;
          }
          if (reply.status !== 0 && reply.status !== 503) {
            stats.refused++;
            console.error(`[soak] ballot ${n} refused: ${reply.status} ${reply.text}`);
            break;
          }
          stats.retries++;
          await sleep(100);
        }
        next += interval;
        await sleep(Math.max(0, next - Date.now()));
      }
    })();

    // Reads: the chair's and an observer's view, twice a second.
    const reader = (async () => {
      while (Date.now() < end) {
        ok(await api.get(m.path, m.credentials.chair), 'chair view');
        ok(await api.get(m.path, m.credentials.observer), 'observer view');
        stats.reads += 2;
        await sleep(500);
      }
    })();

    // Churn: every 10 s one observer drops its transport, another is replaced by a fresh client.
    const churn = (async () => {
      while (Date.now() < end) {
        await sleep(10_000);
        if (Date.now() >= end) break;
        const k = Math.floor(rnd() * clients.length);
        clients[k].socket.io.engine?.close();
        stats.dropped++;
        const j = Math.floor(rnd() * clients.length);
        clients[j].close();
        clients[j] = liveClient(backend.url, m.meetingId, m.credentials.observer);
        stats.churned++;
      }
    })();

    // Memory samples.
    const samples = [];
    const t0 = Date.now();
    const sample = async () => {
      const head = ok(await api.get(`${m.path}/head`, m.credentials.chair), 'head');
      const heap = await probe.heapAfterGc();
      const mem = memoryOf(backend.pid);
      samples.push({
        minute: (Date.now() - t0) / 60_000,
        events: head.revision + 1,
        rssMiB: mem.rssMiB,
        peakMiB: mem.peakMiB,
        ...heap,
      });
      const s = samples[samples.length - 1];
      console.log(
        `  t=${s.minute.toFixed(1).padStart(5)} min  events ${String(s.events).padStart(7)}  heap after GC ${s.heapUsedMiB.toFixed(1).padStart(6)} MiB  RSS ${s.rssMiB.toFixed(1).padStart(6)} MiB  peak ${s.peakMiB.toFixed(1).padStart(6)} MiB  ` +
          `acked ${stats.acked}, retries ${stats.retries}, reads ${stats.reads}, drops ${stats.dropped}, churned ${stats.churned}`,
      );
    };
    await sample();
    while (Date.now() < end) {
      await sleep(Math.min(SAMPLE_S * 1000, Math.max(0, end - Date.now())));
      await sample();
    }
    await Promise.all([writer, reader, churn]);

    // ---- verdict
    const head = ok(await api.get(`${m.path}/head`, m.credentials.chair), 'head');
    const deadline = Date.now() + 15_000;
    while (clients.some((c) => c.revision !== head.revision) && Date.now() < deadline) await sleep(100);
    const fresh = ok(await api.get(m.path, m.credentials.observer), 'observer view');
    const behind = clients.filter((c) => c.revision !== head.revision).length;
    const differ = clients.filter((c) => JSON.stringify(c.view) !== JSON.stringify(fresh)).length;
    const exported = await api.get(`${m.path}/events`, m.credentials.chair);
    const events = exported.text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const chain = verifyChain(events);
    const entered = fresh.contests[0].rounds[0].ballotsEntered;

    // Growth after warm-up, from the second sample (the first is taken before any load) to the last, of the
    // heap after a full GC: the meeting's state grows with its events by design, the rest must not.
    const base = samples[Math.min(1, samples.length - 1)];
    const last = samples[samples.length - 1];
    const growth = last.heapUsedMiB - base.heapUsedMiB;
    const perThousand = last.events > base.events ? (growth / (last.events - base.events)) * 1000 : 0;
    const trend = slope(samples.slice(1).map((x) => ({ x: x.minute, y: x.heapUsedMiB })));
    console.log('\n[soak] figures');
    console.log(
      `  duration ${MINUTES} min, ${stats.acked} ballots acknowledged (${entered} in the view), ${stats.retries} retries, ${stats.refused} refused, ${stats.reads} reads`,
    );
    console.log(
      `  heap after GC ${base.heapUsedMiB.toFixed(1)} MiB at t=${base.minute.toFixed(1)} min → ${last.heapUsedMiB.toFixed(1)} MiB at the end: growth ${growth.toFixed(1)} MiB ` +
        `(${perThousand.toFixed(2)} MiB per 1000 events, trend ${trend.toFixed(2)} MiB/min; bound ${GROWTH_MIB} MiB)`,
    );
    console.log(`  RSS ${base.rssMiB.toFixed(1)} → ${last.rssMiB.toFixed(1)} MiB, peak ${last.peakMiB.toFixed(1)} MiB`);
    console.log(
      `  live clients: ${clients.length}, behind the head ${behind}, view differs from a fresh read ${differ}; drops ${stats.dropped}, replaced ${stats.churned}`,
    );
    console.log(
      `  log: ${events.length} events, chain ${chain.ok ? 'verifies' : `BROKEN at ${chain.revision}: ${chain.problem}`}`,
    );

    const problems = [];
    if (growth > GROWTH_MIB) problems.push(`heap grew ${growth.toFixed(1)} MiB > ${GROWTH_MIB} MiB`);
    if (behind || differ) problems.push(`${behind} clients behind, ${differ} with a different view`);
    if (!chain.ok) problems.push('chain does not verify');
    if (entered !== stats.acked) problems.push(`view has ${entered} ballots, ${stats.acked} were acknowledged`);
    if (stats.refused) problems.push(`${stats.refused} ballots refused`);
    if (problems.length) {
      failed = true;
      console.log(`[soak] FAILED: ${problems.join('; ')}`);
    } else console.log('[soak] OK');
  } finally {
    for (const c of clients) c.close();
    probe.close();
    api.close();
    const exit = await backend.stop('SIGTERM');
    if (exit.code !== 0) {
      failed = true;
      console.log(`[soak] backend exit ${JSON.stringify(exit)}:\n${backend.output().slice(-2000)}`);
    }
    removeDir(dir);
  }
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/**
 * Part 2 — Live latency. 1,000 socket.io observer clients in a separate
 * process watch one meeting; check-ins are sent one at a time at a steady
 * pace, and each update's latency is its arrival at a client minus the
 * moment the command's HTTP acknowledgement arrived (both clocks are this
 * machine's, performance.timeOrigin + now()). Figures: p50 / p99 / max over
 * every delivery, and deliveries missed.
 *
 * Baseline, same run: a bare socket.io server (bare-server.mjs) broadcasting
 * a payload of the same size to the same number of clients, measured from
 * just before its emit.
 */
import path from 'node:path';
import {
  commandId,
  figure,
  forkHelper,
  freePort,
  goal,
  httpClient,
  isMain,
  now,
  ok,
  openMeeting,
  percentiles,
  readArrivals,
  removeDir,
  report,
  runAlone,
  scaled,
  sleep,
  startBackend,
  tempDir,
} from './lib.mjs';

const PART = '2 live latency';

/** The last acknowledged revision of each meeting, from keys `meeting:revision`: what every observer must reach. */
export function headsOf(sentAt) {
  const heads = {};
  for (const key of sentAt.keys()) {
    const [meeting, revision] = key.split(':').map(Number);
    if (!(heads[meeting] >= revision)) heads[meeting] = revision;
  }
  return heads;
}

/** Latency of each arrival against the acknowledgement (or emit) time of its revision; counts what never arrived. */
export function latencies(arrivals, sentAt, expectedPerRevision) {
  const out = [];
  const seen = new Map();
  for (let i = 0; i < arrivals.n; i++) {
    const key = `${arrivals.meeting[i]}:${arrivals.revision[i]}`;
    const t0 = sentAt.get(key);
    if (t0 === undefined) continue; // join-time or warm-up updates
    out.push(arrivals.time[i] - t0);
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  let missing = 0;
  for (const key of sentAt.keys()) missing += Math.max(0, expectedPerRevision(key) - (seen.get(key) ?? 0));
  return { ...percentiles(out), missing };
}

export async function run({ scale = 1 } = {}) {
  const clients = scaled(1000, scale, 50);
  const updates = scaled(200, scale, 40);
  const perSecond = 10;
  console.log(`\n[${PART}] ${clients} observer clients, ${updates} updates at ${perSecond}/s`);
  const dir = tempDir();
  const work = tempDir('tallyroom-bench-live-');
  const rows = [];
  const helper = forkHelper('live-clients.mjs');
  let backend, bare;
  try {
    // ---- the backend
    backend = await startBackend({ TALLYROOM_STORE: `sqlite:${dir}/store.db` });
    const api = httpClient(backend.url);
    const m = await openMeeting(api, { voters: 10, guests: updates + 10 });
    const joins = Array.from({ length: clients }, () => ({
      meeting: 0,
      meetingId: m.meetingId,
      token: m.credentials.observer,
    }));
    const c = await helper.rpc({ cmd: 'connect', url: backend.url, joins, concurrency: 50 });
    if (!c.ok) throw new Error(`observers did not join: ${c.failed} failed, ${c.firstError}`);
    console.log(`  ${c.connected} observers joined the backend in ${c.ms.toFixed(0)} ms`);
    const sendAt = new Map();
    const start = now();
    for (let i = 0; i < updates; i++) {
      const wait = start + (i * 1000) / perSecond - now();
      if (wait > 0) await sleep(wait);
      const r = ok(
        await api.post(
          `${m.path}/commands`,
          { type: 'CheckIn', data: { memberId: m.guestIds[i], method: 'desk' }, commandId: commandId('live') },
          m.credentials.chair,
        ),
        'CheckIn',
      );
      sendAt.set(`0:${r.revision}`, now());
    }
    // Every observer has the last update before arrivals are counted (a fixed grace would count a slow machine's late ones as missed).
    await helper.rpc({ cmd: 'settle', heads: headsOf(sendAt) });
    const sample = (await helper.rpc({ cmd: 'sample' })).update;
    const file = path.join(work, 'backend.bin');
    await helper.rpc({ cmd: 'collect', file });
    const live = latencies(readArrivals(file), sendAt, () => clients);
    await helper.rpc({ cmd: 'close' });
    api.close();
    await backend.stop();
    backend = undefined;
    // What the observers were sent: a patch since protocol 2 (the dashboard's join), the whole view with BENCH_LIVE_WHOLE_VIEWS=1.
    const payload = sample?.patch ?? sample?.view ?? {};
    const payloadBytes = Buffer.byteLength(JSON.stringify(payload));

    // ---- the bare socket.io baseline, same clients, same payload size, same pace
    const port = await freePort();
    bare = forkHelper('bare-server.mjs', { env: { PORT: String(port) } });
    await bare.ready;
    const bareUrl = `http://127.0.0.1:${port}`;
    const b = await helper.rpc({
      cmd: 'connect',
      url: bareUrl,
      joins: joins.map((j) => ({ ...j, meetingId: 'bare' })),
      concurrency: 50,
    });
    if (!b.ok) throw new Error(`bare clients did not join: ${b.firstError}`);
    const sent = await bare.rpc({
      cmd: 'broadcast',
      payload,
      count: updates,
      perSecond,
      meetingId: 'bare',
    });
    await helper.rpc({ cmd: 'settle', heads: { 0: updates } });
    const bareFile = path.join(work, 'bare.bin');
    await helper.rpc({ cmd: 'collect', file: bareFile });
    const bareSent = new Map(sent.sent.map((t, i) => [`0:${i + 1}`, t]));
    const base = latencies(readArrivals(bareFile), bareSent, () => clients);
    await helper.rpc({ cmd: 'close' });

    console.log(
      `  backend: p50 ${live.p50.toFixed(1)} ms, p99 ${live.p99.toFixed(1)} ms, max ${live.max.toFixed(1)} ms over ${live.n} deliveries (${live.missing} missing), payload ${payloadBytes} bytes`,
    );
    console.log(
      `  bare socket.io: p50 ${base.p50.toFixed(1)} ms, p99 ${base.p99.toFixed(1)} ms, max ${base.max.toFixed(1)} ms over ${base.n} deliveries (${base.missing} missing)`,
    );
    rows.push(
      ...report([
        figure({
          part: PART,
          name: `${clients} observers: p50 ack→arrival`,
          value: live.p50,
          unit: 'ms',
          baseline: base.p50,
          baselineName: 'bare socket.io p50',
        }),
        figure({
          part: PART,
          name: `${clients} observers: p99 ack→arrival`,
          value: live.p99,
          unit: 'ms',
          baseline: base.p99,
          baselineName: 'bare socket.io p99',
          target: goal('≤', 2, '×', { on: 'ratio', of: 'bare p99' }),
        }),
        figure({
          part: PART,
          name: `${clients} observers: max ack→arrival`,
          value: live.max,
          unit: 'ms',
          baseline: base.max,
          baselineName: 'bare socket.io max',
        }),
        figure({
          part: PART,
          name: 'updates missed by a client',
          value: live.missing,
          unit: '',
          target: '0',
          holds: live.missing === 0,
        }),
        figure({
          part: PART,
          name: `update payload (observer ${sample?.patch ? 'patch' : 'view'})`,
          value: payloadBytes,
          unit: 'bytes',
        }),
      ]),
    );
  } finally {
    await backend?.stop();
    await bare?.stop();
    await helper.stop();
    removeDir(dir);
    removeDir(work);
  }
  return rows;
}

if (isMain(import.meta.url)) await runAlone('Part 2: live latency', run);

/**
 * Observer clients for the live benchmarks, run as a separate process
 * (child_process.fork) so their work is not counted in the sender's event
 * loop. Commands arrive over IPC:
 *
 *   { cmd: 'connect', url, joins: [{ meeting, meetingId, token }], concurrency }
 *       → { ok, connected, failed, ms, firstError }
 *     one socket.io client per entry on `${url}/live` (websocket transport),
 *     each joined to its meeting; `meeting` is a small integer the parent uses
 *     to match arrivals with acknowledgements.
 *   { cmd: 'collect', file }  → { ok, deliveries, file }
 *     writes every arrival as binary: Int32 meeting, Int32 revision,
 *     Float64 time (ms, performance.timeOrigin + performance.now()).
 *   { cmd: 'settle', heads: { [meeting]: revision }, timeoutMs }
 *       → { ok, behind, ms }   waits until every client has seen its meeting's
 *     head revision (or the timeout passes; `behind` counts the clients short of it),
 *     so what is collected next is complete however busy the machine is.
 *   { cmd: 'sample' } → { ok, update }   the last update one client received (payload size, shape).
 *   { cmd: 'close' } → { ok }           disconnects everything.
 *
 * Arrival time is taken first thing in the handler, before anything else runs.
 */
import { writeFileSync } from 'node:fs';
import { io } from 'socket.io-client';

const now = () => performance.timeOrigin + performance.now();
let sockets = [];
let meetings = new Int32Array(1 << 16);
let revisions = new Int32Array(1 << 16);
let times = new Float64Array(1 << 16);
let n = 0;
let sample;
/** The highest revision each client has seen, to report clients that missed updates. */
let last = [];
/** Each client's meeting (the parent's small integer). */
let meetingOf = [];

function record(meeting, revision, t) {
  if (n === times.length) {
    const grow = (a, C) => {
      const b = new C(a.length * 2);
      b.set(a);
      return b;
    };
    meetings = grow(meetings, Int32Array);
    revisions = grow(revisions, Int32Array);
    times = grow(times, Float64Array);
  }
  meetings[n] = meeting;
  revisions[n] = revision;
  times[n] = t;
  n++;
}

function connectOne(url, j, idx) {
  return new Promise((resolve) => {
    const s = io(`${url}/live`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      auth: { token: j.token },
      timeout: 60_000,
    });
    sockets[idx] = s;
    last[idx] = -1;
    meetingOf[idx] = j.meeting;
    s.on('meeting:update', (u) => {
      const t = now();
      // One update may cover several revisions (commits coalesced in one turn): each arrives now.
      for (let r = Math.max(u.fromRevision ?? u.revision, last[idx] + 1); r <= u.revision; r++) record(j.meeting, r, t);
      if (u.revision > last[idx]) last[idx] = u.revision;
      if (idx === 0) sample = u;
    });
    s.once('connect_error', (err) => resolve({ ok: false, error: `connect: ${err.message}` }));
    s.once('connect', () => {
      // As the dashboard joins (protocol 2: patches against the last view); BENCH_LIVE_WHOLE_VIEWS=1 measures protocol 1.
      const join = { meetingId: j.meetingId, token: j.token, patches: process.env.BENCH_LIVE_WHOLE_VIEWS !== '1' };
      s.timeout(60_000).emit('meeting:join', join, (err, ack) => {
        if (err) return resolve({ ok: false, error: `join: ${err.message}` });
        if (!ack?.ok) return resolve({ ok: false, error: `join refused: ${JSON.stringify(ack?.error)}` });
        if (typeof ack.revision === 'number') last[idx] = Math.max(last[idx], ack.revision);
        resolve({ ok: true });
      });
    });
  });
}

async function connect({ url, joins, concurrency = 50 }) {
  const t0 = now();
  const base = sockets.length;
  let next = 0,
    connected = 0,
    failed = 0,
    firstError;
  const worker = async () => {
    while (next < joins.length) {
      const i = next++;
      const r = await connectOne(url, joins[i], base + i);
      if (r.ok) connected++;
      else {
        failed++;
        firstError ??= r.error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, joins.length) }, worker));
  return { ok: failed === 0, connected, failed, firstError, ms: now() - t0 };
}

function collect({ file }) {
  const header = Buffer.alloc(4);
  header.writeInt32LE(n);
  writeFileSync(
    file,
    Buffer.concat([
      header,
      Buffer.from(meetings.buffer, 0, n * 4),
      Buffer.from(revisions.buffer, 0, n * 4),
      Buffer.from(times.buffer, 0, n * 8),
    ]),
  );
  return { ok: true, deliveries: n, file, lastSeen: last };
}

async function settle({ heads, timeoutMs = 30_000 }) {
  const t0 = now();
  const behind = () => last.reduce((k, seen, idx) => k + (seen < (heads[meetingOf[idx]] ?? -1) ? 1 : 0), 0);
  while (behind() > 0 && now() - t0 < timeoutMs) await new Promise((r) => setTimeout(r, 20));
  return { ok: true, behind: behind(), ms: now() - t0 };
}

function close() {
  for (const s of sockets) s?.close();
  sockets = [];
  last = [];
  meetingOf = [];
  n = 0;
  sample = undefined;
  return { ok: true };
}

process.on('message', async (m) => {
  let reply;
  try {
    if (m.cmd === 'connect') reply = await connect(m);
    else if (m.cmd === 'collect') reply = collect(m);
    else if (m.cmd === 'settle') reply = await settle(m);
    else if (m.cmd === 'sample') reply = { ok: true, update: sample };
    else if (m.cmd === 'reset') {
      n = 0;
      reply = { ok: true };
    } else if (m.cmd === 'close') reply = close();
    else if (m.cmd === 'exit') {
      close();
      process.exit(0);
    } else reply = { ok: false, error: `unknown command ${m.cmd}` };
  } catch (err) {
    reply = { ok: false, error: String(err?.stack ?? err) };
  }
  process.send({ id: m.id, ...reply });
});
process.on('disconnect', () => process.exit(0));

/**
 * District board clients for the scale benchmark (part 9), a process of their own like live-clients.mjs. A board
 * joins an organisation on /live with `board:join {organisationId, token}` and receives `board:update`, coalesced by
 * the server to at most one a second per board.
 *
 * The update's shape is the board's business, so this reads it loosely: every object in it with a string
 * `meetingId` and a number `revision` says that the board now shows that meeting at that revision. For each board
 * and meeting, the first arrival of each higher revision is kept; latency is then measured against the moment each
 * command was acknowledged (its events durable) by the process that took it.
 *
 *   { cmd: 'connect', url, joins: [{ board, organisationId, token, on }], patches, timeoutMs }  (`patches`: join with
 *       `patches: true`, as the dashboard does, and receive what changed each second rather than the whole board)
 *       → { ok, connected, failed, firstError, unsupported }  (`unsupported`: no ack at all, as a server without
 *         the board gateway gives; the benchmark then leaves the board figures out)
 *   { cmd: 'settle', heads: { [meetingId]: revision }, timeoutMs } → { ok, behind, ms }
 *   { cmd: 'measure', acks: [[meetingId, revision, ackTime, backend], …], lateMs } → { ok, lat: [ms, …], missing,
 *         updates, boards, minGapMs, perSecond, sizes: [bytes, …], cutToArrival: [ms, …], cutToCut: [ms, …],
 *         late: { same, sameOf, other, otherOf } }  (latencies, sizes and cut-to-arrival times raw, for the benchmark
 *         to merge with its other board processes'; `late`: how many (commit, board) pairs took over `lateMs`, of how
 *         many, for commits on the board's own backend and on the other)
 *   { cmd: 'close' } → { ok }
 */
import { io } from 'socket.io-client';

const now = () => performance.timeOrigin + performance.now();
/**
 * One per board: { socket, seen: Map<meetingId, [[revision, time], …]>, top: Map<meetingId, revision>, times: [arrival],
 * assembled: [board.at as ms] }
 */
let boards = [];

function revisionsIn(value, out) {
  if (Array.isArray(value)) for (const v of value) revisionsIn(v, out);
  else if (value && typeof value === 'object') {
    if (typeof value.meetingId === 'string' && typeof value.revision === 'number')
      out.push([value.meetingId, value.revision]);
    for (const v of Object.values(value)) if (v && typeof v === 'object') revisionsIn(v, out);
  }
  return out;
}

function take(b, payload, t) {
  for (const [meetingId, revision] of revisionsIn(payload, [])) {
    const top = b.top.get(meetingId) ?? -1;
    if (revision <= top) continue;
    b.top.set(meetingId, revision);
    let list = b.seen.get(meetingId);
    if (!list) b.seen.set(meetingId, (list = []));
    list.push([revision, t]);
  }
}

let pending = [];
/** The size of every 20th update as JSON (what crossed the wire, near enough), read after the latency was taken. */
const sizes = [];
let received = 0;
function takePending() {
  const batch = pending;
  pending = [];
  for (const [b, u, t] of batch) {
    take(b, u, t);
    if (received++ % 20 === 0) sizes.push(JSON.stringify(u).length);
  }
}

function connectOne(url, j, patches, timeoutMs) {
  return new Promise((resolve) => {
    const s = io(`${url}/live`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      auth: { token: j.token },
    });
    const b = { socket: s, on: j.on, seen: new Map(), top: new Map(), times: [], assembled: [] };
    s.on('board:update', (u) => {
      const t = now();
      b.times.push(t);
      b.assembled.push(Date.parse((u.board ?? u.patch).at));
      // Read once this second's updates have all arrived: the other boards of this process receive the same update
      // within a few milliseconds, and their arrival is not to wait for this one's reading (a real board is a tablet
      // of its own; reading in the next turn still put a reading between two arrivals).
      pending.push([b, u, t]);
      if (pending.length === 1) setTimeout(takePending, 50);
    });
    s.once('connect_error', (err) => resolve({ ok: false, error: `connect: ${err.message}` }));
    s.once('connect', () => {
      s.timeout(timeoutMs).emit(
        'board:join',
        { organisationId: j.organisationId, token: j.token, patches },
        (err, ack) => {
          if (err)
            return resolve({
              ok: false,
              unsupported: true,
              error: `board:join was not answered within ${timeoutMs / 1000} s`,
            });
          if (!ack?.ok)
            return resolve({ ok: false, error: `board:join refused: ${JSON.stringify(ack?.error ?? ack)}` });
          take(b, ack, now()); // what the board shows on joining; no latency is measured against it
          b.joinedTop = new Map(b.top);
          boards.push(b);
          resolve({ ok: true });
        },
      );
    });
  });
}

async function connect({ url, joins, patches = false, timeoutMs = 120_000 }) {
  let connected = 0;
  let failed = 0;
  let unsupported = false;
  let firstError;
  for (const j of joins) {
    const r = await connectOne(url, j, patches, timeoutMs);
    if (r.ok) connected++;
    else {
      failed++;
      unsupported ||= !!r.unsupported;
      firstError ??= r.error;
      if (r.unsupported) break; // one silent server is enough to know
    }
  }
  return { ok: failed === 0, connected, failed, firstError, unsupported };
}

const behindOf = (heads) =>
  boards.reduce((k, b) => k + Object.entries(heads).filter(([m, r]) => (b.top.get(m) ?? -1) < r).length, 0);

async function settle({ heads, timeoutMs = 30_000 }) {
  const t0 = now();
  while (behindOf(heads) > 0 && now() - t0 < timeoutMs) await new Promise((r) => setTimeout(r, 50));
  return { ok: true, behind: behindOf(heads), ms: now() - t0 };
}

function measure({ acks, lateMs }) {
  const lat = [];
  const counts = { same: 0, sameOf: 0, other: 0, otherOf: 0 };
  let missing = 0;
  for (const b of boards) {
    for (const [meetingId, revision, at, via] of acks) {
      if ((b.joinedTop.get(meetingId) ?? -1) >= revision) continue;
      const first = b.seen.get(meetingId)?.find(([r]) => r >= revision);
      if (!first) {
        missing++;
        continue;
      }
      const ms = first[1] - at;
      lat.push(ms);
      const late = ms > lateMs ? 1 : 0;
      if (via === b.on) {
        counts.sameOf++;
        counts.same += late;
      } else {
        counts.otherOf++;
        counts.other += late;
      }
    }
  }
  // Coalescing: updates a second over each board's day (the server waits a full second after each send), and the
  // shortest gap between two arrivals (below a second only by delivery jitter).
  let minGapMs = Infinity;
  let perSecond = 0;
  let updates = 0;
  // From the cut (the board's `at`, when the server assembled it) to its arrival here, on the same machine's clock.
  const cutToArrival = [];
  // From one cut to the next while the board was busy (the next update was due at once): a second plus how late the
  // server's send came; every millisecond over the second is a tenth of a percent of commits shown later than it.
  const cutToCut = [];
  for (const b of boards) {
    updates += b.times.length;
    for (let i = 0; i < b.times.length; i++) cutToArrival.push(b.times[i] - b.assembled[i]);
    for (let i = 1; i < b.assembled.length; i++) {
      const gap = b.assembled[i] - b.assembled[i - 1];
      if (gap < 1500) cutToCut.push(gap);
    }
    for (let i = 1; i < b.times.length; i++) minGapMs = Math.min(minGapMs, b.times[i] - b.times[i - 1]);
    // The rate on the server's clock (each update's `board.at`, when it was assembled): the coalescing is the
    // server's, and arrivals add the network's jitter to either end of a short day.
    const at = b.assembled;
    const span = at.length > 1 ? at[at.length - 1] - at[0] : 0;
    if (span > 0) perSecond = Math.max(perSecond, (at.length - 1) / (span / 1000));
  }
  return {
    ok: true,
    lat,
    missing,
    updates,
    boards: boards.length,
    minGapMs: Number.isFinite(minGapMs) ? minGapMs : null,
    perSecond,
    sizes,
    late: counts,
    cutToArrival,
    cutToCut,
  };
}

function close() {
  for (const b of boards) b.socket.close();
  boards = [];
  return { ok: true };
}

process.on('message', async (m) => {
  let reply;
  try {
    if (m.cmd === 'connect') reply = await connect(m);
    else if (m.cmd === 'settle') reply = await settle(m);
    else if (m.cmd === 'measure') reply = measure(m);
    else if (m.cmd === 'close') reply = close();
    else reply = { ok: false, error: `unknown command ${m.cmd}` };
  } catch (err) {
    reply = { ok: false, error: String(err?.stack ?? err) };
  }
  process.send({ id: m.id, ...reply });
});
process.on('disconnect', () => process.exit(0));

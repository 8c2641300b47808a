/**
 * Part 9 — District scale (issue 23, point 5). A county's day on a county's deployment: 300 branch meetings × 50
 * members, 3,000 observer sockets (10 per meeting) and 20 district boards, across TWO backend processes sharing one
 * store and a real redis-server, run twice: on one SQLite file, and on the KurrentDB adapter against the protocol
 * double (test/kurrentdb-double/, in a process of its own, reached over loopback gRPC). The day is keyed at a stated
 * pace (RATE commands a second over the county, each device on its own slots) rather than as fast as replies come
 * back, and the part checks that the deployment kept that pace.
 *
 * Who talks to which process, as nginx's ip_hash would spread a county's devices: meeting k's chair uses process
 * k mod 2 and its teller the other one (so every meeting is written by both and each process follows the other's
 * commits from the store); its observers alternate between the two; so do the boards.
 *
 * The organisation tree (a county, its committees, one branch per meeting) is created through POST /api/organisations
 * with the operator token when the server has it; meetings are then created by the county's org-admin for their
 * branch. The district boards (`board:join {organisationId, token}` → `board:update`, coalesced to at most one a
 * second per board; board-clients.mjs) watch the county with org-viewer credentials. A server without organisations
 * or without the board gateway runs the rest of the day and says the board figures were not measured.
 *
 * Figures per store, each with its target and margin: board update p99 from the command's acknowledgement (< 1 s),
 * observers' live p99 (< 100 ms), nothing lost (events stored = events acknowledged, updates missed by observers and
 * boards = 0), each backend's peak RSS (< 1 GiB), the pace kept (commands/s ≥ 0.95× the rate offered). Baselines
 * measured in the same run: commands/s against the fsync-bound insert loop (as part 5) and against the rate offered;
 * every KurrentDB-double figure against the SQLite run's same figure.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { fsyncInsertRate } from './baselines.mjs';
import { headsOf, latencies } from './live.mjs';
import {
  commandId,
  countyNodeArgs,
  daysFromToday,
  figure,
  forkHelper,
  goal,
  httpClient,
  inBatches,
  isMain,
  marksFor,
  memberId,
  memoryOf,
  now,
  ok,
  percentiles,
  personName,
  readArrivals,
  removeDir,
  report,
  runAlone,
  scaled,
  sleep,
  startBackend,
  startRedis,
  tempDir,
} from './lib.mjs';

const PART = '9 district scale';
/** The deployment's operator credential (TALLYROOM_OPERATOR_TOKEN), as infra/tallyroom.env sets it. */
const OPERATOR = 'bench-operator-token-district-scale';
const SECRET = 'bench-deployment-secret-shared-by-both-processes';
const TARGET = { boardMs: 1000, liveMs: 100, rssMiB: 1024 };
/**
 * A branch meeting's members: a 党支部 has as a rule at most 50 members (《中国共产党支部工作条例（试行）》第五条), so
 * a county's day of 300 branch meetings is 300 meetings of up to 50. Part 5 keeps its 200-member meetings on one
 * process, where they measure capacity. BENCH_DISTRICT_MEMBERS changes it.
 */
const MEMBERS = 50;
/**
 * The commands a second offered to the county, spread evenly over its meetings: at 300 meetings each meeting keys one
 * a second (each of its two check-in desks one every two seconds, its teller a paper a second). Tellers keying papers
 * by hand as they are read out manage about one every five seconds, 60 a second for the county, so this is 5× a real
 * day. Latency is measured at a stated load, as a county's day offers it, not by a closed loop that sends the next
 * command the moment the last is answered (that measures how saturated two cores are: part 5 and
 * BENCH_DISTRICT_RATE=0 give the capacity). At 400 a second the protocol double itself, a Node process on the same two
 * cores, fell behind in spells (devices up to 0.75 s late for their slots); 300 keeps it inside its pace.
 */
const RATE = 300; // scaled down with the meetings for a quick run (at least 100 a second)
/**
 * The boards join as the dashboard does, with `patches: true` (each second, what changed); BENCH_DISTRICT_BOARD_WHOLE=1
 * has them take the whole board each time instead (protocol 1 and 2 clients).
 */
const BOARD_PATCHES = process.env.BENCH_DISTRICT_BOARD_WHOLE !== '1';
/** Processes the district boards' sockets are spread over. */
const BOARD_PROCESSES = 10;

/** The two stores the day runs on. `count()`: meeting events as the store itself holds them. */
const STORES = [
  {
    name: 'SQLite',
    async open() {
      const dir = tempDir();
      const file = path.join(dir, 'store.db');
      return {
        url: `sqlite:${file}`,
        count: async () => {
          const db = new Database(file, { readonly: true });
          try {
            return db.prepare("SELECT COUNT(*) AS n FROM events WHERE stream LIKE 'meeting-%'").get().n;
          } finally {
            db.close();
          }
        },
        close: async () => removeDir(dir),
      };
    },
  },
  {
    name: 'KurrentDB double',
    async open() {
      // BENCH_DOUBLE_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the double as BENCH_BACKEND_NODE_ARGS does a backend.
      const execArgv = (process.env.BENCH_DOUBLE_NODE_ARGS ?? '').split(' ').filter(Boolean);
      const host = forkHelper('kurrent-double-host.mjs', { execArgv });
      const { url } = await host.ready;
      return {
        // A short discovery interval, as test/multi-process/two-backends.int.spec.ts uses with the double.
        url: `${url}${url.includes('?') ? '&' : '?'}discoveryInterval=20`,
        pid: host.pid,
        count: async () => {
          const r = await host.rpc({ cmd: 'count', prefix: 'meeting-' });
          if (!r.ok) throw new Error(r.error);
          return r.events;
        },
        close: () => host.stop(),
      };
    },
  },
];

/** POST /api/organisations as the operator; null when the server has no organisations (404). */
async function organisations(api, { committees, meetings, boards }) {
  const post = (p, body, token) => api.post(p, body, token);
  const county = await post(
    '/api/organisations',
    { name: '某某县委组织部', kind: 'county', timeZone: 'Asia/Shanghai' },
    OPERATOR,
  );
  if (county.status === 404) return null;
  const { organisationId: countyId, credentials } = ok(county, 'POST /api/organisations (county)');
  const admin = credentials['org-admin'];
  const committeeIds = await inBatches(
    Array.from({ length: committees }, (_, i) => i),
    8,
    async (i) =>
      ok(
        await post('/api/organisations', { name: `第${i + 1}工委`, kind: 'committee', parentId: countyId }, admin),
        'POST /api/organisations (committee)',
      ).organisationId,
  );
  const branchIds = await inBatches(
    Array.from({ length: meetings }, (_, k) => k),
    8,
    async (k) =>
      ok(
        await post(
          '/api/organisations',
          { name: `第${k + 1}党支部`, kind: 'branch', parentId: committeeIds[k % committees] },
          admin,
        ),
        'POST /api/organisations (branch)',
      ).organisationId,
  );
  const viewers = await inBatches(
    Array.from({ length: boards }, (_, i) => i),
    8,
    async (i) =>
      ok(
        await post(
          `/api/organisations/${countyId}/credentials`,
          { role: 'org-viewer', label: `区县看板 ${i + 1}` },
          admin,
        ),
        'POST /api/organisations/:id/credentials (org-viewer)',
      ).token,
  );
  return { countyId, admin, branchIds, viewers };
}

/** One district day on one store, two backends, one Redis. Returns the raw measurements. */
async function districtDay(storeDef, sizes) {
  const { meetings: meetingsCount, members, observersPer, boards: boardsCount, committees } = sizes;
  const seats = 5;
  const candidates = 7;
  const store = await storeDef.open();
  const redis = await startRedis();
  const work = tempDir('tallyroom-bench-scale-');
  const observers = forkHelper('live-clients.mjs');
  // The boards are tablets of their own: at full size two to a process, one on each backend (whose updates leave
  // at different moments), so that boards receiving the same second's update are not read one after another by one
  // event loop. With five to a process, each board waited ~2.5 ms more than the one read before it.
  const boardClients = Array.from({ length: Math.min(BOARD_PROCESSES, sizes.boards) }, () =>
    forkHelper('board-clients.mjs'),
  );
  const backends = [];
  const apis = [];
  try {
    const env = {
      TALLYROOM_STORE: store.url,
      REDIS_URL: redis.url,
      TALLYROOM_SECRET: SECRET,
      TALLYROOM_OPERATOR_TOKEN: OPERATOR,
    };
    // Started as infra/compose.yaml starts a county's backends (its young generation: see there).
    for (let i = 0; i < 2; i++) backends.push(await startBackend(env, { nodeArgs: sizes.nodeArgs }));
    for (const b of backends) apis.push(httpClient(b.url, { maxSockets: 256 }));
    const org = await organisations(apis[0], { committees, meetings: meetingsCount, boards: boardsCount });

    // ---- before the day: meetings exist with their rolls, observers and boards are watching
    const meetings = await inBatches(
      Array.from({ length: meetingsCount }, (_, k) => k),
      16,
      async (k) => {
        const api = apis[k % 2];
        const created = ok(
          await api.post(
            '/api/meetings',
            {
              title: `第${k + 1}党支部党员大会`,
              organisation: `第${k + 1}党支部`,
              scheduledFor: daysFromToday(0),
              parameters: { doubleEntry: false },
              ...(org ? { organisationId: org.branchIds[k] } : {}),
            },
            org?.admin,
          ),
          'POST /api/meetings',
        );
        const p = `/api/meetings/${created.meetingId}`;
        const ids = Array.from({ length: members }, (_, i) => memberId(i + 1));
        ok(
          await api.post(
            `${p}/commands`,
            {
              type: 'EnrolMembers',
              data: {
                members: ids.map((id, i) => ({ memberId: id, name: personName(k * members + i), status: 'full' })),
              },
              commandId: commandId('enrol'),
            },
            created.credentials.chair,
          ),
          'EnrolMembers',
        );
        // Whatever creating a meeting writes (it grows with the organisation work), the store's head says.
        const head = ok(await api.get(`${p}/head`, created.credentials.chair), 'GET head');
        return {
          k,
          meetingId: created.meetingId,
          path: p,
          credentials: created.credentials,
          ids,
          acked: head.revision + 1,
        };
      },
    );
    // ---- a quiet moment first: one chair reading meetings, one request at a time, before anyone joins. On a shared
    // store a request reads its meeting's stream from the store before it is answered (read-your-writes), so this is
    // that round trip (performance.md, part 9, "Stream reads over the client's gRPC channel").
    const quiet = [];
    for (let i = 0; i < sizes.quietReads; i++) {
      const m = meetings[i % meetings.length];
      const r = await apis[i % 2].get(`${m.path}/head`, m.credentials.chair);
      ok(r, 'GET head');
      quiet.push(r.t);
    }
    const joins = meetings.flatMap((m) =>
      Array.from({ length: observersPer }, (_, i) => ({
        meeting: m.k,
        meetingId: m.meetingId,
        token: m.credentials.observer,
        on: (m.k + i) % 2,
      })),
    );
    let connected = 0;
    for (let b = 0; b < 2; b++) {
      const c = await observers.rpc({
        cmd: 'connect',
        url: backends[b].url,
        joins: joins.filter((j) => j.on === b),
        concurrency: 100,
      });
      if (!c.ok) throw new Error(`observers did not join: ${c.failed} failed, ${c.firstError}`);
      connected += c.connected;
    }
    let boardsNote = org ? null : 'the server has no organisations (POST /api/organisations answered 404)';
    let boardsJoined = 0;
    if (org) {
      // Board i watches on backend i mod 2; each client process holds consecutive boards, one on each backend.
      for (let c = 0; c < boardClients.length && !boardsNote; c++) {
        for (let b = 0; b < 2 && !boardsNote; b++) {
          const mine = org.viewers
            .map((token, i) => ({ board: i, organisationId: org.countyId, token, on: b }))
            .filter((j) => j.board % 2 === b && Math.floor((j.board * boardClients.length) / org.viewers.length) === c);
          if (mine.length === 0) continue;
          const r = await boardClients[c].rpc({
            cmd: 'connect',
            url: backends[b].url,
            joins: mine,
            patches: BOARD_PATCHES,
            timeoutMs: 120_000,
          });
          // A board joins once its process has read the log (BoardService catches up from position 0 first).
          if (r.unsupported) boardsNote = `the server has no board gateway (${r.firstError})`;
          else if (!r.ok) throw new Error(`boards did not join: ${r.failed} failed, ${r.firstError}`);
          boardsJoined += r.connected;
        }
      }
    }
    console.log(
      `  [${storeDef.name}] ${meetingsCount} meetings created and enrolled over 2 processes; ${connected} observers, ${boardsNote ? `no boards (${boardsNote})` : `${boardsJoined} boards`} watching`,
    );
    await observers.rpc({ cmd: 'reset' });

    // ---- the day
    const sentAt = new Map();
    const acks = [];
    const lat = [];
    let commands = 0;
    let failures = 0;
    let firstError;
    const send = async (m, via, type, data, token) => {
      const r = await apis[via].post(`${m.path}/commands`, { type, data, commandId: commandId(type) }, token);
      commands++;
      lat.push(r.t);
      if (r.status !== 200) {
        failures++;
        firstError ??= `${type} ${r.status} ${r.text.slice(0, 200)}`;
        return undefined;
      }
      m.acked += r.body.events.length;
      if (r.body.events.length > 0) {
        sentAt.set(`${m.k}:${r.body.revision}`, r.at);
        acks.push([m.meetingId, r.body.revision, r.at, via]);
      }
      return r.body;
    };
    // Each device keys at the day's pace: meeting k's share of the offered rate, its slots offset from the other
    // meetings' (300 halls do not press Enter in step). A slot missed because the last reply came late is taken at
    // once, and how late it was is the figure that says whether the deployment kept up.
    const lags = [];
    const interval = sizes.rate > 0 ? (1000 * meetingsCount) / sizes.rate : 0;
    const pacer = (m, every, offset = 0) => {
      let slot = now() + (((m.k * 0.6180339887) % 1) + offset) * interval;
      return async () => {
        if (interval === 0) return;
        const late = now() - slot;
        if (late < 0) await sleep(-late);
        lags.push(Math.max(0, now() - slot));
        slot += every * interval;
      };
    };
    const day = async (m) => {
      const { chair } = m.credentials;
      const desk = m.k % 2;
      const tellerSide = 1 - desk;
      // Two desks check members in, each at half the meeting's pace.
      await Promise.all(
        [0, 1].map(async (d) => {
          const tick = pacer(m, 2, d);
          for (let i = d; i < m.ids.length; i += 2) {
            await tick();
            await send(m, desk, 'CheckIn', { memberId: m.ids[i], method: 'desk' }, chair);
          }
        }),
      );
      let chairTick = pacer(m, 1);
      const chairSends = (type, data) => chairTick().then(() => send(m, desk, type, data, chair));
      const vote = { for: members, against: 0, abstain: 0 };
      await chairSends('AdoptElectionMethod', { vote });
      await chairSends('AppointOfficers', { scrutineers: [m.ids[members - 1]], tellers: [{ name: '计票人1' }], vote });
      const minted = ok(
        await apis[desk].post(`${m.path}/credentials`, { role: 'teller', officer: '计票人1' }, chair),
        'mint teller',
      );
      m.acked += 1; // the acknowledged CredentialIssued event
      const contestId = 'committee';
      const candidateIds = m.ids.slice(0, candidates);
      await chairSends('CreateContest', { contestId, office: 'committee-member', seats, mode: 'competitive' });
      for (const nomineeId of candidateIds)
        await chairSends('Nominate', { contestId, nomineeId, route: 'organisation' });
      for (const nomineeId of candidateIds)
        await chairSends('ReviewCandidate', { contestId, nomineeId, qualified: true, reason: '' });
      await chairSends('PublishCandidateList', {
        contestId,
        candidateIds,
        noticeDays: 3,
        publishedOn: daysFromToday(-7),
      });
      await chairSends('ConfirmCandidateList', { contestId });
      await chairSends('OpenRound', { contestId });
      // The teller's device reaches the other process: it must see the round the chair opened through the store.
      const tellerTick = pacer(m, 1);
      for (let ballotNo = 1; ballotNo <= members; ballotNo++) {
        await tellerTick();
        await send(
          m,
          tellerSide,
          'RecordBallot',
          { contestId, round: 1, ballotNo, marks: marksFor(ballotNo, candidateIds, seats), writeIns: [] },
          minted.token,
        );
      }
      chairTick = pacer(m, 1); // the chair's pace starts again when the count ends
      await chairSends('CloseRound', { contestId, round: 1, ballotsReturned: members });
      await chairSends('DeclareResult', { contestId, round: 1 });
    };
    const t0 = now();
    await Promise.all(meetings.map(day));
    const wall = now() - t0;

    await observers.rpc({ cmd: 'settle', heads: headsOf(sentAt) });
    const file = path.join(work, 'arrivals.bin');
    await observers.rpc({ cmd: 'collect', file });
    const live = latencies(readArrivals(file), sentAt, () => observersPer);
    let board = null;
    if (!boardsNote) {
      const heads = {};
      for (const [meetingId, revision] of acks) heads[meetingId] = Math.max(heads[meetingId] ?? -1, revision);
      await Promise.all(boardClients.map((c) => c.rpc({ cmd: 'settle', heads, timeoutMs: 30_000 })));
      const parts = await Promise.all(boardClients.map((c) => c.rpc({ cmd: 'measure', acks, lateMs: TARGET.boardMs })));
      const failed = parts.find((p) => !p.ok);
      if (failed) throw new Error(`board measure: ${failed.error}`);
      const all = parts.flatMap((p) => p.lat);
      const lat = percentiles(all);
      const gaps = parts.map((p) => p.minGapMs).filter((g) => g !== null);
      const cycles = parts.flatMap((p) => p.cutToCut);
      board = {
        n: lat.n,
        p50: lat.p50,
        p99: lat.p99,
        max: lat.max,
        overSecond: all.filter((ms) => ms > TARGET.boardMs).length / lat.n,
        missing: parts.reduce((n, p) => n + p.missing, 0),
        updates: parts.reduce((n, p) => n + p.updates, 0),
        minGapMs: gaps.length ? Math.min(...gaps) : null,
        perSecond: Math.max(...parts.map((p) => p.perSecond)),
        kib: percentiles(parts.flatMap((p) => p.sizes)).p50 / 1024,
        cut: percentiles(parts.flatMap((p) => p.cutToArrival)),
        cycle: cycles.reduce((a, b) => a + b, 0) / Math.max(1, cycles.length),
        cycles: percentiles(cycles),
        shortestCycle: cycles.length ? Math.min(...cycles) : NaN,
        lateSame:
          parts.reduce((n, p) => n + p.late.same, 0) /
          Math.max(
            1,
            parts.reduce((n, p) => n + p.late.sameOf, 0),
          ),
        lateOther:
          parts.reduce((n, p) => n + p.late.other, 0) /
          Math.max(
            1,
            parts.reduce((n, p) => n + p.late.otherOf, 0),
          ),
      };
    }
    // ---- after the day: the county's approver opens the worklist of reports awaiting its answer, which lists the 换届
    // process streams of the whole log (on KurrentDB a read of $all; performance.md, part 9, "The approver's worklist").
    const worklist = [];
    for (let i = 0; org && i < sizes.worklistReads; i++) {
      const r = await apis[i % 2].get(`/api/organisations/${org.countyId}/reports`, org.admin);
      ok(r, 'GET /api/organisations/:id/reports');
      worklist.push(r.t);
    }
    const peaks = backends.map((b) => memoryOf(b.pid).peakMiB);
    const storePeak = store.pid ? memoryOf(store.pid).peakMiB : null;
    await observers.rpc({ cmd: 'close' });
    for (const c of boardClients) await c.rpc({ cmd: 'close' });
    for (const b of backends) await b.stop();
    const acknowledged = meetings.reduce((n, m) => n + m.acked, 0);
    const stored = await store.count();
    const rate = commands / (wall / 1000);
    const lag = percentiles(lags.length ? lags : [0]);
    console.log(
      `  [${storeDef.name}] ${commands} commands in ${(wall / 1000).toFixed(1)} s → ${rate.toFixed(0)}/s (behind the pace p99 ${lag.p99.toFixed(0)} ms)${failures ? `, ${failures} FAILED (${firstError})` : ''}; live p99 ${live.p99.toFixed(1)} ms (${live.missing} missing); boards ${board ? `p99 ${board.p99.toFixed(0)} ms over ${board.n} (${board.missing} missing, ${board.updates} updates, ≤ ${board.perSecond.toFixed(2)}/s per board)` : 'not measured'}; peak RSS ${peaks.map((p) => p.toFixed(0)).join(' / ')} MiB; events stored ${stored}, acknowledged ${acknowledged}`,
    );
    return {
      wall,
      rate,
      lag,
      offered: sizes.rate,
      commandP99: percentiles(lat).p99,
      quiet: percentiles(quiet),
      worklist: worklist.length ? percentiles(worklist) : null,
      live,
      observers: connected,
      board,
      boardPatches: BOARD_PATCHES,
      boardsNote,
      boards: boardsJoined,
      peaks,
      storePeak,
      stored,
      acknowledged,
      failures,
      firstError,
    };
  } finally {
    for (const api of apis) await api.close();
    for (const b of backends) await b.stop();
    await observers.stop();
    for (const c of boardClients) await c.stop();
    await redis.stop();
    await store.close();
    removeDir(work);
  }
}

/** The rows of one store's day. `base`: the SQLite day's measurements, the baseline of the KurrentDB-double rows. */
function rowsOf(name, d, { fsync, base }) {
  const f = (o) => figure({ part: PART, ...o, name: `${name}: ${o.name}` });
  const against = (pick, what) => (base ? { baseline: pick(base), baselineName: `SQLite ${what}` } : {});
  const rows = [
    f({ name: 'wall time of the day', value: d.wall / 1000, unit: 's', ...against((b) => b.wall / 1000, 'wall time') }),
    f({
      name: 'commands/s',
      value: d.rate,
      unit: '/s',
      ...(base ? against((b) => b.rate, 'commands/s') : { baseline: fsync, baselineName: 'fsync insert loop' }),
    }),
    ...(d.offered > 0
      ? [
          // The day kept its pace: otherwise the latencies below were measured on a deployment falling behind.
          f({
            name: 'commands/s against the pace offered',
            value: d.rate,
            unit: '/s',
            baseline: d.offered,
            baselineName: 'offered rate',
            target: goal('≥', 0.95, '×', { on: 'ratio', of: 'offered rate' }),
          }),
          f({ name: 'behind the pace, p99 (a device sending later than its slot)', value: d.lag.p99, unit: 'ms' }),
        ]
      : []),
    f({ name: 'command p99 latency', value: d.commandP99, unit: 'ms', ...against((b) => b.commandP99, 'command p99') }),
    // Before the day, one request at a time: the store's round trip a request on a shared store waits for.
    ...['p50', 'p90', 'p99'].map((q) =>
      f({
        name: `a chair's read before the day (GET /head, one at a time, ${d.quiet.n}), ${q}`,
        value: d.quiet[q],
        unit: 'ms',
        ...against((b) => b.quiet[q], `read ${q}`),
      }),
    ),
    ...(d.worklist
      ? ['p50', 'max'].map((q) =>
          f({
            name: `the approver's worklist after the day (GET /api/organisations/:id/reports, ${d.worklist.n}), ${q}`,
            value: d.worklist[q],
            unit: 'ms',
            ...against((b) => b.worklist?.[q] ?? NaN, `worklist ${q}`),
          }),
        )
      : []),
    f({
      name: `observers' live p99 ack→arrival (${d.observers} observers, 2 processes)`,
      value: d.live.p99,
      unit: 'ms',
      target: goal('<', TARGET.liveMs, 'ms'),
      ...against((b) => b.live.p99, 'live p99'),
    }),
    f({
      name: 'updates missed by observers',
      value: d.live.missing,
      unit: '',
      target: '0',
      holds: d.live.missing === 0,
    }),
  ];
  if (d.board) {
    rows.push(
      f({
        name: `board update p99 from the acknowledgement (${d.boards} boards)`,
        value: d.board.p99,
        unit: 'ms',
        target: goal('<', TARGET.boardMs, 'ms'),
        ...(base?.board ? against((b) => b.board.p99, 'board p99') : {}),
      }),
      f({ name: 'board update p50 from the acknowledgement', value: d.board.p50, unit: 'ms' }),
      f({
        name: `board update's size, median (${d.boardPatches ? 'patches: what changed since the last' : 'the whole board each time'})`,
        value: d.board.kib,
        unit: 'KiB',
      }),
      // The coalescing's price: a commit just after a send waits a second for the next one (performance.md, part 9).
      f({
        name: 'board: share of (commit, board) pairs shown later than 1 s',
        value: d.board.overSecond * 100,
        unit: '%',
      }),
      // What a commit made just after a board was cut waits beyond the second: the next board's way to the screen.
      f({ name: 'board: from the cut (`at`) to arrival, p50', value: d.board.cut.p50, unit: 'ms' }),
      f({ name: 'board: from the cut (`at`) to arrival, p90', value: d.board.cut.p90, unit: 'ms' }),
      // The cycle of a busy board: a second plus the send timer's lateness, which every commit just missed also waits.
      f({ name: 'board: from one cut to the next while busy, mean', value: d.board.cycle, unit: 'ms' }),
      // Whether the mean is every send a little late or a few stalls (a collection, a store that fell behind).
      f({ name: 'board: from one cut to the next while busy, p50', value: d.board.cycles.p50, unit: 'ms' }),
      f({ name: 'board: from one cut to the next while busy, p90', value: d.board.cycles.p90, unit: 'ms' }),
      f({
        name: 'board: from one cut to the next, shortest (the server’s clock)',
        value: d.board.shortestCycle,
        unit: 'ms',
      }),
      // Where the late ones come from: a commit on the board's own process is seen at once, one on the other process
      // once that process's follower reads it from the store.
      f({ name: 'board: late share, commits on the board’s own process', value: d.board.lateSame * 100, unit: '%' }),
      f({ name: 'board: late share, commits on the other process', value: d.board.lateOther * 100, unit: '%' }),
      f({ name: 'board updates missed', value: d.board.missing, unit: '', target: '0', holds: d.board.missing === 0 }),
      // Coalescing: at most one update a second per board, however busy the meetings are.
      f({
        name: 'board updates a second, busiest board over the day',
        value: d.board.perSecond,
        unit: '/s',
        target: goal('≤', 1, '/s'),
      }),
      f({ name: 'shortest gap between two updates of a board (arrival)', value: d.board.minGapMs ?? NaN, unit: 'ms' }),
    );
  } else {
    rows.push(f({ name: 'district boards measured', value: 0, unit: '', note: d.boardsNote }));
  }
  d.peaks.forEach((peak, i) =>
    rows.push(
      f({
        name: `peak RSS of backend ${i + 1}`,
        value: peak,
        unit: 'MiB',
        target: goal('<', TARGET.rssMiB, 'MiB', { text: '< 1 GiB' }),
        ...against((b) => b.peaks[i], `backend ${i + 1} RSS`),
      }),
    ),
  );
  if (d.storePeak !== null)
    rows.push(f({ name: 'peak RSS of the protocol double (not a KurrentDB)', value: d.storePeak, unit: 'MiB' }));
  rows.push(
    f({
      name: 'events stored − events acknowledged',
      value: d.stored - d.acknowledged,
      unit: 'events',
      target: '0',
      holds: d.stored === d.acknowledged && d.failures === 0,
    }),
    f({
      name: 'failed commands',
      value: d.failures,
      unit: '',
      target: '0',
      holds: d.failures === 0,
      ...(d.firstError ? { note: d.firstError } : {}),
    }),
  );
  return rows;
}

export async function run({ scale = 1 } = {}) {
  const sizes = {
    meetings: scaled(300, scale, 10),
    members: Number(process.env.BENCH_DISTRICT_MEMBERS ?? 0) || scaled(MEMBERS, scale, 20),
    observersPer: 10,
    boards: scaled(20, scale, 2),
    committees: scaled(20, scale, 2),
    rate: Number(process.env.BENCH_DISTRICT_RATE ?? scaled(RATE, scale, 100)),
    quietReads: scaled(300, scale, 60),
    worklistReads: 5,
    nodeArgs: countyNodeArgs(),
  };
  console.log(
    `\n[${PART}] ${sizes.meetings} meetings × ${sizes.members} members, ${sizes.meetings * sizes.observersPer} observers, ${sizes.boards} boards, 2 backend processes + Redis, ${sizes.rate > 0 ? `keyed at ${sizes.rate} commands/s` : 'keyed as fast as replies come (closed loop)'}; SQLite, then the KurrentDB protocol double; backends started with \`node ${sizes.nodeArgs.join(' ')}\` as infra/compose.yaml starts them`,
  );
  const fsync = fsyncInsertRate(1000).rate;
  // BENCH_DISTRICT_STORES=sqlite (or kurrent) runs one store's day alone (while working on it); a full run has both.
  const only = process.env.BENCH_DISTRICT_STORES;
  const sqlite = only === 'kurrent' ? null : await districtDay(STORES[0], sizes);
  const kurrent = only === 'sqlite' ? null : await districtDay(STORES[1], sizes);
  return report([
    ...(sqlite ? rowsOf('SQLite', sqlite, { fsync }) : []),
    ...(kurrent ? rowsOf('KurrentDB double', kurrent, { fsync, base: sqlite ?? undefined }) : []),
  ]);
}

if (isMain(import.meta.url)) await runAlone('Part 9: district scale', run);

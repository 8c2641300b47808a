/**
 * Part 7 — A hall's phones reconnecting during a busy count (issue 19). PHONES socket.io clients (300 at full
 * size; observer links, in a separate process, from 127.0.0.1 like a hall behind one address) watch a meeting while
 * 128 HTTP clients keep the command load of part 1 running (check-ins and ballots). Every phone's connection drops
 * at once and all reconnect at once, as after a Wi-Fi blip: the figure is the time from the first new connection to
 * the last phone live again (joined, its view in hand). Target: under 3 s. Baseline, same run: the same burst against
 * the same backend with no load.
 *
 * The backend runs with the shipped join limit (only failed joins count, so the burst is never refused). A busy
 * Node 20 process accepts one connection per event-loop turn (test/bench/accept-per-turn.mjs), so this measures
 * how long a turn is under the count's load as much as the gateway's join.
 */
import { connectClients } from './commands.mjs';
import {
  figure,
  forkHelper,
  goal,
  httpClient,
  isMain,
  mixCommand,
  now,
  openMeeting,
  removeDir,
  report,
  runAlone,
  scaled,
  sleep,
  startBackend,
  tempDir,
} from './lib.mjs';

const PART = '7 reconnect burst';
const CLIENTS = 128;
const TARGET_MS = 3000;

/**
 * Part 1's command mix from `clients` keep-alive connections, until stop() is called: each client in turn sends a
 * check-in (while guests remain) or a ballot. Resolves with what was sent.
 */
function commandLoad(connected, m) {
  let stopped = false;
  let nextGuest = 0;
  let nextBallot = 0;
  let k = 0;
  let sent = 0;
  let failures = 0;
  let firstError;
  const worker = async (api) => {
    while (!stopped) {
      const checkIn = k++ % 2 === 0 && nextGuest < m.guestIds.length;
      const { body, token } = checkIn ? mixCommand(m, m.guestIds[nextGuest++], 0) : mixCommand(m, null, ++nextBallot);
      const r = await api.post(`${m.path}/commands`, body, token);
      sent++;
      if (r.status !== 200) {
        failures++;
        firstError ??= `${r.status} ${r.text.slice(0, 300)}`;
      }
    }
  };
  const t0 = now();
  const done = Promise.all(connected.map(worker)).then(() => ({
    sent,
    failures,
    firstError,
    wall: now() - t0,
  }));
  return {
    get sent() {
      return sent;
    },
    stop() {
      stopped = true;
      return done;
    },
  };
}

/** Drops every phone's connection, then reconnects them all at once; resolves when all are joined again. */
async function burst(helper, url, joins) {
  await helper.rpc({ cmd: 'close' });
  const r = await helper.rpc({ cmd: 'connect', url, joins, concurrency: joins.length });
  if (!r.ok) throw new Error(`phones did not come back: ${r.failed} failed, ${r.firstError}`);
  return r;
}

export async function run({ scale = 1 } = {}) {
  const phones = scaled(300, scale, 30);
  const warmMs = scale < 1 ? 500 : 2000;
  console.log(`\n[${PART}] ${phones} phones reconnecting at once during a ${CLIENTS}-client command load`);
  const dir = tempDir();
  // The shipped join limit: a burst of successful joins from one address must not be refused.
  const backend = await startBackend({ TALLYROOM_STORE: `sqlite:${dir}/store.db`, TALLYROOM_RATE_JOIN: '60/10' });
  const api = httpClient(backend.url, { maxSockets: 16 });
  const helper = forkHelper('live-clients.mjs');
  const rows = [];
  try {
    // Guests to check in during the burst, within a roll's limit of 20,000 members (ROLL_TOO_LARGE); once they
    // are all in, the load keys ballots instead.
    const m = await openMeeting(api, { voters: 10, guests: Math.min(19_000, scaled(60_000, scale, 2000)) });
    const joins = Array.from({ length: phones }, () => ({
      meeting: 0,
      meetingId: m.meetingId,
      token: m.credentials.observer,
    }));
    const first = await helper.rpc({ cmd: 'connect', url: backend.url, joins, concurrency: 50 });
    if (!first.ok) throw new Error(`phones did not join: ${first.failed} failed, ${first.firstError}`);

    // Baseline: the same burst against the idle backend.
    const idle = await burst(helper, backend.url, joins);
    console.log(`  idle backend: ${phones} phones live again after ${idle.ms.toFixed(0)} ms`);

    // The count: the load runs, the phones drop and come back in the middle of it.
    const connected = await connectClients(backend.url, CLIENTS);
    let load;
    try {
      load = commandLoad(connected, m);
      await sleep(warmMs);
      const before = load.sent;
      const busy = await burst(helper, backend.url, joins);
      const during = load.sent - before;
      const res = await load.stop();
      load = undefined;
      const rate = during / (busy.ms / 1000);
      const margin = TARGET_MS - busy.ms;
      console.log(
        `  during the load: ${phones} phones live again after ${busy.ms.toFixed(0)} ms (target < ${TARGET_MS} ms: margin ${margin.toFixed(0)} ms, ${((margin / TARGET_MS) * 100).toFixed(0)} %); ${during} commands meanwhile (${rate.toFixed(0)}/s), ${res.sent} in all${res.failures ? `, ${res.failures} FAILED (${res.firstError})` : ''}`,
      );
      rows.push(
        ...report([
          figure({
            part: PART,
            name: `${phones} phones reconnecting during ${CLIENTS}-client load: all live after`,
            value: busy.ms,
            unit: 'ms',
            baseline: idle.ms,
            baselineName: 'same burst, idle backend',
            target: goal('<', TARGET_MS, 'ms'),
          }),
          figure({ part: PART, name: 'phones live again', value: busy.connected, unit: '', target: String(phones) }),
          figure({ part: PART, name: 'commands/s during the burst', value: rate, unit: '/s' }),
          figure({
            part: PART,
            name: 'failed commands',
            value: res.failures,
            unit: '',
            target: '0',
            holds: res.failures === 0,
            ...(res.firstError ? { note: res.firstError } : {}),
          }),
        ]),
      );
    } finally {
      await load?.stop();
      await Promise.all(connected.map((c) => c.close()));
    }
  } finally {
    await helper.rpc({ cmd: 'close' }).catch(() => undefined);
    await helper.stop();
    api.close();
    await backend.stop();
    removeDir(dir);
  }
  return rows;
}

if (isMain(import.meta.url)) await runAlone('Part 7: reconnect burst', run);

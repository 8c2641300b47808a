/**
 * Part 3 — Replay. A generated district election day (300 meetings × 200
 * members, 1,000,000 events: check-ins, nominations, rounds, double-entry
 * ballots, corrections) is read as NDJSON and folded into every meeting's
 * state, then every meeting's views are computed; once without and once with
 * hash-chain verification (line by line, as `tallyroom verify` checks an
 * export). Baseline: JSON.parse of the same lines.
 *
 * The lines are in memory before any timing starts, so disk reads are not
 * measured; each measured pass parses the lines itself.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { districtLog } from './district-log.mjs';
import { figure, goal, isMain, now, report, ROOT, runAlone, scaled } from './lib.mjs';

const PART = '3 replay';
const { createChainVerifier, evolve, initialState, meetingView } = await import(
  path.join(ROOT, 'contracts/dist/index.js')
);

/** The district day's sizes at a given scale (shared with start-up). */
export function districtSizes(scale) {
  return { meetings: scaled(300, scale, 3), members: 200, events: scaled(1_000_000, scale, 3000) };
}

function parseOnly(lines) {
  let n = 0;
  for (const line of lines) if (JSON.parse(line).metadata.revision >= 0) n++;
  return n;
}

const VIEWERS = [{ role: 'chair' }, { role: 'observer' }, { role: 'scrutineer' }];

/**
 * The meeting a line belongs to, from its text, so that a verified line is
 * parsed once, by the verifier: in a line written by eventLine the last
 * "meetingId" member is metadata's (only prevHash, recordedAt, revision and
 * type follow it). This only routes the line; the meeting's verifier still
 * checks every event's meetingId against its first one.
 */
function meetingKey(line) {
  const at = line.lastIndexOf('"meetingId":"') + 13;
  return line.slice(at, line.indexOf('"', at));
}

/**
 * Parses and folds every line into its meeting; with `verify`, each meeting's
 * chain is checked on the way through ChainVerifier.pushLine, the path
 * `tallyroom verify` takes (createReplayer().pushLine), which also parses the line.
 */
export function replay(lines, { verify }) {
  const meetings = new Map();
  if (!verify) {
    for (const line of lines) {
      const e = JSON.parse(line);
      let m = meetings.get(e.metadata.meetingId);
      if (!m) {
        m = { state: initialState() };
        meetings.set(e.metadata.meetingId, m);
      }
      evolve(m.state, e);
    }
  } else {
    for (const line of lines) {
      const key = meetingKey(line);
      let m = meetings.get(key);
      if (!m) {
        m = { state: initialState(), verifier: createChainVerifier() };
        meetings.set(key, m);
      }
      const { event, failure } = m.verifier.pushLine(line);
      if (failure) throw new Error(`chain fails at ${key}@${failure.revision}: ${failure.problem}`);
      evolve(m.state, event);
    }
  }
  // "Into all views": what each audience would be sent once the replay is done.
  let bytes = 0;
  for (const { state } of meetings.values())
    for (const v of VIEWERS) bytes += JSON.stringify(meetingView(state, v)).length;
  return { meetings: meetings.size, viewBytes: bytes };
}

export async function run({ scale = 1 } = {}) {
  const sizes = districtSizes(scale);
  console.log(
    `\n[${PART}] ${sizes.meetings} meetings × ${sizes.members} members, ~${sizes.events.toLocaleString('en-US')} events`,
  );
  const log = await districtLog(sizes);
  const text = readFileSync(log.ndjson, 'utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const mib = Buffer.byteLength(text) / 2 ** 20;
  console.log(
    `  ${lines.length.toLocaleString('en-US')} lines, ${mib.toFixed(0)} MiB${log.cached ? ' (cached log)' : ''}`,
  );

  const time = (fn) => {
    const t0 = now();
    const r = fn();
    return { ms: now() - t0, r };
  };
  // Warm-up on a slice so the JIT has seen every path before anything is timed.
  const warm = lines.slice(0, Math.min(lines.length, 50_000));
  parseOnly(warm);
  replay(warm, { verify: false });
  replay(warm, { verify: true });

  // Three rounds, each a JSON.parse pass, the plain replay, the verified one and another JSON.parse pass. A round's
  // ratio is its replay against the mean of its own two parse passes, and each figure is the round with the median
  // ratio (each of the two figures its own round, with that round's baseline). On this machine one pass can run at
  // two thirds of the speed of the next a minute later (the same tree's single-pass ratio gave 0.30x and 0.50x in
  // two full runs): a median round is what one disturbed pass does not move. Figures are never mixed across rounds.
  const count = Number(process.env.BENCH_REPLAY_ROUNDS ?? 3);
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`BENCH_REPLAY_ROUNDS must be a whole number of at least 1, got ${process.env.BENCH_REPLAY_ROUNDS}`);
  const rate = (t) => lines.length / (t.ms / 1000);
  const rounds = [];
  let views;
  for (let i = 0; i < count; i++) {
    const before = rate(time(() => parseOnly(lines)));
    const plain = time(() => replay(lines, { verify: false }));
    const verified = time(() => replay(lines, { verify: true }));
    const after = rate(time(() => parseOnly(lines)));
    if (verified.r.viewBytes !== plain.r.viewBytes)
      throw new Error(`verified replay folded different views (${verified.r.viewBytes} vs ${plain.r.viewBytes} bytes)`);
    views = plain.r;
    const round = { n: i + 1, parse: (before + after) / 2, plain: rate(plain), verified: rate(verified) };
    rounds.push(round);
    console.log(
      `  round ${round.n}: JSON.parse ${before.toFixed(0)} and ${after.toFixed(0)} lines/s; replay ${round.plain.toFixed(0)} events/s (${(round.plain / round.parse).toFixed(2)}×); with verification ${round.verified.toFixed(0)} events/s (${(round.verified / round.parse).toFixed(2)}×)`,
    );
  }
  /** The round whose ratio for `key` is the median (the lower middle of an even count). */
  const medianRound = (key) =>
    [...rounds].sort((a, b) => a[key] / a.parse - b[key] / b.parse)[(rounds.length - 1) >> 1];
  const plain = medianRound('plain');
  const verified = medianRound('verified');
  console.log(
    `  median rounds: replay round ${plain.n}, with verification round ${verified.n} (${views.meetings} meetings)`,
  );
  return report([
    figure({
      part: PART,
      name: 'replay into all views, no verification',
      value: plain.plain,
      unit: 'events/s',
      baseline: plain.parse,
      baselineName: 'JSON.parse',
      target: goal('≥', 0.5, '×', { on: 'ratio', of: 'JSON.parse' }),
      raised: goal('≥', 0.7, '×', { on: 'ratio', of: 'JSON.parse' }),
    }),
    figure({
      part: PART,
      name: 'replay with hash-chain verification',
      value: verified.verified,
      unit: 'events/s',
      baseline: verified.parse,
      baselineName: 'JSON.parse',
      target: goal('≥', 0.2, '×', { on: 'ratio', of: 'JSON.parse' }),
      raised: goal('≥', 0.4, '×', { on: 'ratio', of: 'JSON.parse' }),
    }),
    figure({
      part: PART,
      name: 'baseline: JSON.parse of the NDJSON lines',
      value: plain.parse,
      unit: 'lines/s',
      note: `the plain replay's median round`,
    }),
    figure({
      part: PART,
      name: 'baseline: JSON.parse around the verified replay',
      value: verified.parse,
      unit: 'lines/s',
      note: `the verified replay's median round`,
    }),
    figure({ part: PART, name: 'events in the log', value: lines.length, unit: 'events' }),
  ]);
}

if (isMain(import.meta.url)) await runAlone('Part 3: replay', run);

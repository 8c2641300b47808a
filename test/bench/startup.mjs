/**
 * Part 4 — Start-up. The backend is started on a copy of the district day's
 * store (1,000,000 events at full scale) and timed from spawn to:
 *   - ready: GET /api/ready answers 200 (the HTTP server accepts requests);
 *   - serving: every meeting is loaded and can answer commands and views
 *     (its log line "all meetings loaded");
 *   - verified: every meeting's whole hash chain has been checked.
 * It starts twice: first on the bare store, then again on the same store, which
 * then holds the snapshots the first start wrote.
 *
 * Baseline, same run: this process reading every row of the same store
 * through better-sqlite3 and JSON.parse-ing its data and metadata.
 */
import Database from 'better-sqlite3';
import { copyStore, districtLog } from './district-log.mjs';
import { districtSizes } from './replay.mjs';
import { figure, goal, isMain, now, removeDir, report, runAlone, sleep, startBackend, tempDir } from './lib.mjs';

const PART = '4 start-up';

/** Reads every event row and parses it: the least any start-up from the log must do. */
function readStoreRate(file) {
  const db = new Database(file, { readonly: true });
  try {
    const t0 = now();
    let n = 0;
    for (const row of db.prepare('SELECT data, metadata FROM events ORDER BY position').iterate()) {
      if (JSON.parse(row.metadata).revision >= 0 && JSON.parse(row.data) !== undefined) n++;
    }
    return { ms: now() - t0, n };
  } finally {
    db.close();
  }
}

/** Start the backend and wait for the log lines that mark "serving" and "verified". */
async function timedStart(store) {
  const b = await startBackend({ TALLYROOM_STORE: `sqlite:${store}`, LOG_LEVEL: 'info' }, { timeoutMs: 300_000 });
  const seen = (msg) =>
    b
      .output()
      .split('\n')
      .find((l) => l.includes(`"msg":"${msg}"`));
  const at = (line) => (line ? JSON.parse(line).time : undefined);
  const until = Date.now() + 600_000;
  while (!(seen('all meetings loaded') && seen('all meeting logs loaded and verified')) && Date.now() < until) {
    if (b.child.exitCode !== null) throw new Error(`backend exited:\n${b.output().slice(-3000)}`);
    await sleep(20);
  }
  const loadedLine = seen('all meetings loaded');
  const verifiedLine = seen('all meeting logs loaded and verified');
  const broken = b
    .output()
    .split('\n')
    .filter((l) => l.includes('fails verification')).length;
  await b.stop();
  // pino stamps `time` in ms since the epoch; startedAt is in the same clock (performance.timeOrigin + now()).
  return {
    ready: b.readyAt - b.startedAt,
    serving: loadedLine ? at(loadedLine) - b.startedAt : NaN,
    verified: verifiedLine ? at(verifiedLine) - b.startedAt : NaN,
    meetings: verifiedLine ? JSON.parse(verifiedLine).meetings : undefined,
    snapshots: loadedLine ? JSON.parse(loadedLine).fromSnapshot : undefined,
    broken,
  };
}

export async function run({ scale = 1 } = {}) {
  const sizes = districtSizes(scale);
  console.log(`\n[${PART}] a store of ~${sizes.events.toLocaleString('en-US')} events (${sizes.meetings} meetings)`);
  const log = await districtLog(sizes);
  const dir = tempDir();
  try {
    const store = await copyStore(log.db, dir);
    const base = readStoreRate(store);
    console.log(`  baseline: read and JSON.parse ${base.n.toLocaleString('en-US')} rows in ${base.ms.toFixed(0)} ms`);
    const cold = await timedStart(store);
    console.log(
      `  first start (no snapshots): ready ${cold.ready.toFixed(0)} ms, serving all meetings ${cold.serving.toFixed(0)} ms, chains verified ${cold.verified.toFixed(0)} ms (${cold.meetings} meetings, ${cold.broken} broken)`,
    );
    const warm = await timedStart(store);
    console.log(
      `  second start (${warm.snapshots ?? 0} meetings from snapshots): ready ${warm.ready.toFixed(0)} ms, serving all meetings ${warm.serving.toFixed(0)} ms, chains verified ${warm.verified.toFixed(0)} ms`,
    );
    const label = `${log.events.toLocaleString('en-US')} events`;
    return report([
      figure({
        part: PART,
        name: `${label}: start → serving every meeting (snapshots)`,
        value: warm.serving,
        unit: 'ms',
        baseline: base.ms,
        baselineName: 'read+parse store',
        target: goal('<', 5000, 'ms'),
        raised: goal('<', 3000, 'ms'),
      }),
      figure({
        part: PART,
        name: `${label}: start → ready (snapshots)`,
        value: warm.ready,
        unit: 'ms',
        baseline: base.ms,
        baselineName: 'read+parse store',
      }),
      figure({
        part: PART,
        name: `${label}: start → whole chain verified (background)`,
        value: warm.verified,
        unit: 'ms',
        baseline: base.ms,
        baselineName: 'read+parse store',
      }),
      figure({
        part: PART,
        name: `${label}: first start → serving (no snapshots yet)`,
        value: cold.serving,
        unit: 'ms',
        baseline: base.ms,
        baselineName: 'read+parse store',
      }),
      figure({
        part: PART,
        name: 'meetings failing verification',
        value: cold.broken + warm.broken,
        unit: '',
        target: '0',
        holds: cold.broken + warm.broken === 0,
      }),
    ]);
  } finally {
    removeDir(dir);
  }
}

if (isMain(import.meta.url)) await runAlone('Part 4: start-up', run);

/**
 * `npm run bench` — the whole suite, or the parts named on the command line:
 *   node test/bench/run.mjs [commands|live|replay|startup|district|memory|reconnect|village|district-scale …] [--quick]
 * BENCH_SCALE=small (or medium, or a number in (0, 1]) shrinks every size; the
 * default is the sizes. Each part runs in its own Node process (so one
 * part's heap does not weigh on the next), prints its figures with their ratio
 * against a baseline measured in the same run, and the summary table of every
 * figure ends the run and is written to test/artifacts/bench.json (or to BENCH_JSON).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, BENCH_DIR, benchScale, machine, removeDir, summaryTable, tempDir, writeJson } from './lib.mjs';

const PARTS = {
  commands: 'commands.mjs',
  live: 'live.mjs',
  replay: 'replay.mjs',
  startup: 'startup.mjs',
  district: 'district.mjs',
  memory: 'memory.mjs',
  reconnect: 'reconnect.mjs',
  village: 'village.mjs',
  'district-scale': 'district-scale.mjs',
};

const asked = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const unknown = asked.filter((a) => !(a in PARTS));
if (unknown.length) {
  console.error(`unknown part(s): ${unknown.join(', ')}; choose from ${Object.keys(PARTS).join(', ')}`);
  process.exit(2);
}
const parts = asked.length ? asked : Object.keys(PARTS);
const scale = benchScale();
const m = machine();
console.log(`Tallyroom benchmarks at scale ${scale} on ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}`);

const work = tempDir('tallyroom-bench-run-');
const results = [];
const failed = [];
const started = new Date().toISOString();
for (const part of parts) {
  const out = path.join(work, `${part}.json`);
  const code = await new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(BENCH_DIR, PARTS[part]), '--json', out, ...process.argv.slice(2).filter((a) => a.startsWith('--'))],
      { stdio: 'inherit' },
    );
    child.on('exit', (c, signal) => resolve(c ?? signal));
  });
  if (code !== 0) {
    failed.push(`${part} (exit ${code})`);
    continue;
  }
  results.push(...JSON.parse(readFileSync(out, 'utf8')).results);
}
removeDir(work);

console.log(`\n== Summary (scale ${scale}; ${m.cpus} cores, ${m.cpuModel}, Node ${m.node})\n`);
console.log(summaryTable(results));
// BENCH_JSON elsewhere keeps a quick run (the suite's own test) from replacing a full run's figures.
const file = process.env.BENCH_JSON ?? path.join(ARTIFACTS, 'bench.json');
writeJson(file, { started, finished: new Date().toISOString(), scale, machine: m, parts, failed, results });
console.log(`\nwritten to ${path.relative(process.cwd(), file) || file}`);
const missed = results.filter((r) => r.holds === false).map((r) => `${r.part}: ${r.figure}`);
if (missed.length) console.log(`targets not met:\n  ${missed.join('\n  ')}`);
const short = results.filter((r) => r.raisedHolds === false).map((r) => `${r.part}: ${r.figure} (${r.raised})`);
if (short.length) console.log(`raised targets not met yet (issue 24):\n  ${short.join('\n  ')}`);
if (failed.length) {
  console.error(`parts that failed: ${failed.join(', ')}`);
  process.exit(1);
}

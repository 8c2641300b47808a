/**
 * `npm run bench` at a small scale, end to end: every part runs against a real
 * backend, prints its figures and writes the summary. Timings are not asserted
 * (they belong to the benchmark's own run, on a quiet machine); what is asserted
 * is that the suite measures what it says: every figure has a same-run baseline
 * where the issue asks for one, and the counts that prove nothing was lost
 * (commands, live updates, ballots, events) come out whole.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Row { part: string; figure: string; value: number; unit: string; baseline: number | null; baselineName: string | null; ratio: number | null; target: string | null; holds: boolean | null }
interface Summary { scale: number; parts: string[]; failed: string[]; results: Row[] }

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'tallyroom-bench-test-'));
let summary: Summary;
let output = '';

beforeAll(async () => {
  const file = path.join(dir, 'bench.json');
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'test/bench/run.mjs')], {
      cwd: ROOT, env: { ...process.env, BENCH_SCALE: 'small', BENCH_JSON: file }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (b: Buffer) => { output += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { output += b.toString(); });
    child.on('exit', (c) => resolve(c));
  });
  if (code !== 0) throw new Error(`npm run bench exited with ${code}:\n${output.slice(-3000)}`);
  summary = JSON.parse(readFileSync(file, 'utf8')) as Summary;
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const row = (part: string, figure: string | RegExp): Row => {
  const found = summary.results.filter((r) => r.part === part && (typeof figure === 'string' ? r.figure === figure : figure.test(r.figure)));
  expect(found, `${part}: ${String(figure)}`).toHaveLength(1);
  return found[0]!;
};

describe('the benchmark suite (npm run bench, small scale)', () => {
  it('runs all six parts and fails none', () => {
    expect(summary.failed).toEqual([]);
    expect(summary.parts).toEqual(['commands', 'live', 'replay', 'startup', 'district', 'memory']);
    expect(new Set(summary.results.map((r) => r.part))).toEqual(new Set(['1 commands', '2 live latency', '3 replay', '4 start-up', '5 district day', '6 memory']));
    // The summary table is printed as well as written.
    expect(output).toContain('== Summary');
  });

  it('gives every ratio against a baseline measured in the same run', () => {
    const withBaseline = summary.results.filter((r) => r.baseline !== null);
    expect(withBaseline.length).toBeGreaterThan(10);
    for (const r of withBaseline) {
      expect(r.baseline, r.figure).toBeGreaterThan(0);
      expect(r.ratio, r.figure).toBeCloseTo(r.value / r.baseline!, 9);
    }
    // The baselines, each present with a rate of its own.
    expect(row('1 commands', 'baseline: fsync-bound single-row inserts').value).toBeGreaterThan(0);
    expect(row('1 commands', 'baseline: inserts in one transaction').value).toBeGreaterThan(0);
    expect(row('3 replay', 'baseline: JSON.parse of the NDJSON lines').value).toBeGreaterThan(0);
    expect(row('2 live latency', /p99 ack→arrival/).baselineName).toMatch(/bare socket\.io/);
  });

  it('drives every commands scenario without a failed command, against the fsync baseline', () => {
    expect(summary.results.filter((r) => /failed commands/.test(r.figure))).toEqual([]);
    for (const meetings of ['1 meeting', '100 meetings']) {
      for (const clients of ['1 client', '16 clients', '128 clients']) {
        const rate = row('1 commands', `${meetings}, ${clients}: commands/s`);
        expect(rate.value).toBeGreaterThan(0);
        expect(rate.baselineName).toBe('fsync insert loop');
        const p50 = row('1 commands', `${meetings}, ${clients}: p50 latency`).value;
        expect(row('1 commands', `${meetings}, ${clients}: p99 latency`).value).toBeGreaterThanOrEqual(p50);
      }
    }
    // The targets are judged, not assumed: a boolean either way.
    expect(typeof row('1 commands', '1 meeting, 128 clients: p99 latency').holds).toBe('boolean');
  });

  it('loses nothing: live updates, stored events, ballots and verification come out whole', () => {
    expect(row('2 live latency', 'updates missed by a client').value).toBe(0);
    expect(row('5 district day', 'updates missed by observers').value).toBe(0);
    const lost = row('5 district day', 'events stored − events acknowledged');
    expect(lost.value).toBe(0);
    expect(lost.holds).toBe(true);
    expect(row('4 start-up', 'meetings failing verification').value).toBe(0);
    const ballots = row('6 memory', 'ballots entered (from the chair view)');
    expect(ballots.value).toBe(Number(ballots.target));
    expect(ballots.value).toBeGreaterThan(0);
  });

  it('replays a generated district log both ways, with and without the hash chain', () => {
    const events = row('3 replay', 'events in the log').value;
    expect(events).toBeGreaterThan(1000);
    expect(row('3 replay', 'replay into all views, no verification').value).toBeGreaterThan(0);
    expect(row('3 replay', 'replay with hash-chain verification').value).toBeGreaterThan(0);
    expect(row('4 start-up', /start → serving every meeting \(snapshots\)/).figure).toContain(events.toLocaleString('en-US'));
  });
});

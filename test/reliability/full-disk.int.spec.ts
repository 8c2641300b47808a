/**
 * Issue 9, test 5 — full disk.
 *
 * The store's file lives on its own small tmpfs (`mount -t tmpfs -o size=…`,
 * a real filesystem with a real size limit; this needs root, which CI has —
 * without it the test says so and fails rather than pretend). During a round
 * a teller keeps keying in ballots while the test fills the filesystem with a
 * filler file until the kernel answers ENOSPC. Then:
 *  - commands are refused with 503 STORE_UNAVAILABLE and a message that says the disk is full;
 *  - reads keep working;
 *  - nothing is half-written: the log verifies, holds every acknowledged command once and nothing else;
 *  - when the filler is deleted, the same backend process (no restart) accepts commands again by itself,
 *    and the teller's retried commands (same commandId) land exactly once.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Restartable, ackedVersusLog, ballotBurst, ensureBuilt, exportLog, postCommand, roundInProgress, seedFrom, until, verifyChain,
} from './support.js';

const SEED = seedFrom(0xd15cf11);
const SIZE = '6m';

let dir: string;
let mounted = false;
let server: Restartable | undefined;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'tallyroom-fulldisk-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${SIZE},mode=0755`, 'tallyroom-test', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`this test mounts a small tmpfs and needs root (CAP_SYS_ADMIN): mount said ${r.stderr || r.error}`);
  mounted = true;
}, 120_000);

afterAll(async () => {
  await server?.stop('SIGKILL');
  if (mounted) spawnSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
});

/** Writes zeros until the filesystem refuses (ENOSPC); returns the bytes written. */
function fill(file: string): number {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  let written = 0;
  try {
    for (;;) {
      try { written += writeSync(fd, chunk); } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOSPC') break;
        throw err;
      }
    }
    // Squeeze out the last partial chunk too.
    for (let size = chunk.length / 2; size >= 512; size /= 2) {
      try { for (;;) written += writeSync(fd, chunk, 0, size); } catch (err) { if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err; }
    }
  } finally { closeSync(fd); }
  return written;
}

describe(`the store on a ${SIZE} tmpfs that fills up during a round`, () => {
  it('refuses commands with 503 while full, writes nothing half, and recovers by itself when space returns', async () => {
    const storeDir = path.join(dir, 'data');
    mkdirSync(storeDir);
    server = await Restartable.create({ TALLYROOM_STORE: `sqlite:${path.join(storeDir, 'tallyroom.db')}` });
    await server.start();
    const r = await roundInProgress(server.api, { members: 30, present: 28, tellers: 1, candidates: 3 });
    const { meetingId, e } = r;

    const burst = ballotBurst(r, { url: server.url, seed: SEED, pauseMs: [2, 10] });
    await until(() => burst.acked.length >= 20, 20_000, () => 'the burst did not start');

    // ---- the disk fills up
    const filler = path.join(dir, 'filler');
    const filled = fill(filler);
    expect(filled).toBeGreaterThan(0);
    // The WAL still has room for a few commits; soon a commit needs a page the disk no longer has.
    await until(() => burst.stats.unavailable > 0, 30_000, () => `no 503 while the disk is full (${burst.acked.length} acked, ${JSON.stringify(burst.stats)}, output:\n${server?.proc?.output().slice(-3000)}`);

    const probe = await postCommand(server.url, meetingId, r.tellers[0]!, {
      type: 'RecordBallot', commandId: 'probe-while-full',
      data: { contestId: r.contestId, round: r.round, ballotNo: 1, marks: { [r.candidates[0]!]: 'for' }, writeIns: [] },
    });
    expect(probe.status).toBe(503);
    const err = (probe.body as { error: { code: string; message: string } }).error;
    expect(err.code).toBe('STORE_UNAVAILABLE');
    expect(err.message).toContain('the disk holding the event store is full');
    expect(err.message).toContain('send it again with the same commandId');
    // Reads are served from memory and keep working.
    console.info(`[full-disk] refusal: ${err.message}`);
    const viewWhileFull = await e.view(e.observer);
    // It stays refused while the disk stays full (the teller keeps retrying the same command).
    await until(() => burst.stats.unavailable >= 10, 30_000, () => `refusals stopped while full: ${JSON.stringify(burst.stats)}`);
    const unavailableWhileFull = burst.stats.unavailable;

    const ackedWhileFull = burst.acked.length;
    // ---- space returns; nobody restarts anything
    rmSync(filler);
    await until(() => burst.acked.length >= ackedWhileFull + 30, 30_000, () => `no recovery after space returned (${burst.acked.length} acked)`);
    await burst.stop();
    expect(burst.failures, burst.failures.join('\n')).toEqual([]);
    const retriedThrough503 = burst.acked.filter((a) => a.attempts > 1).length;
    expect(retriedThrough503).toBeGreaterThan(0);

    const { events, unparsable } = await exportLog(server.url, meetingId, e.m.chair);
    expect(unparsable).toEqual([]);
    expect(verifyChain(events)).toMatchObject({ ok: true });
    expect(ackedVersusLog(events, burst.acked)).toEqual([]);
    // The command refused while full was never written; sent again now, it is applied once.
    expect(events.some((x) => x.metadata.commandId === 'probe-while-full')).toBe(false);
    const view = await e.view(e.observer);
    expect(view.contests[0]!.rounds[0]!.ballotsEntered).toBe(burst.acked.length);
    expect(view.revision).toBeGreaterThan(viewWhileFull.revision);

    // The file itself, after a clean stop: intact, one row per event.
    expect((await server.stop('SIGTERM')).code).toBe(0);
    const db = new Database(path.join(storeDir, 'tallyroom.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect((db.prepare('SELECT count(*) AS n FROM events WHERE stream = ?').get(`meeting-${meetingId}`) as { n: number }).n).toBe(events.length);
    } finally { db.close(); }
    console.info(`[full-disk] seed ${SEED}: filler ${filled} bytes; ${ackedWhileFull} ballots acknowledged before recovery, `
      + `${unavailableWhileFull} × 503 while full, ${burst.acked.length} in all, ${retriedThrough503} needed retries`);
  }, 90_000);
});

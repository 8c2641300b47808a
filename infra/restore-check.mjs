#!/usr/bin/env node
/**
 * Checks a restored event store: a backend starts on it, and every meeting's log verifies with `tallyroom verify`,
 * reaching the head the backup's manifest recorded.
 *
 *   npm run build   # once: the script runs the built backend and verifier
 *   node infra/restore-check.mjs --store sqlite:/restore/tallyroom.db [--manifest backup.manifest.json] [--links links.txt]
 *   node infra/restore-check.mjs --store 'kurrentdb://restored-node:2113?tls=false' --manifest …
 *
 * 1. A SQLite store is copied first (the backend writes snapshots; the restored file stays as it was). A backend
 *    (backend/dist/main.js) starts on the store, on a free loopback port, with the demo off; it must answer
 *    GET /api/ready, and its start-up log must hold no error (a meeting whose chain fails verification is logged
 *    as an error at start-up).
 * 2. Every meeting stream is read from the store and written as its export (the canonical lines of
 *    GET /api/meetings/:id/events, contracts' eventLine), then checked by `tallyroom verify <file> --json`, with
 *    `--head <revision>:<hash>` from the manifest when the meeting is in it. A stream of the manifest that the
 *    restored store lacks fails the check; a stream the manifest lacks is reported (written after the backup).
 *    Every other stream of the manifest (organisations, 换届 processes, the operator credential) must hold the
 *    recorded hash at the recorded revision, and each 换届 process log (election-…) must verify as well.
 * 3. With --links (a file of supervisor or chair links, one per line, as printed when the meetings were created),
 *    each meeting is also verified through the restored backend's own HTTP export: `tallyroom verify <link>` with
 *    the link's origin replaced by the check's backend.
 *
 * Set TALLYROOM_SECRET as the deployment has it, so the backend derives the same venue keys (not needed for the
 * check itself). Exit status 0 when everything holds, 1 otherwise (each failure named), 2 for bad arguments.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'backend/dist/cli/tallyroom.js');

function args(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (['--store', '--manifest', '--links'].includes(a)) out[a.slice(2)] = argv[++i];
    else throw new Error(`unknown argument ${a}`);
  }
  if (!out.store) throw new Error('--store <url> is required (sqlite:<file> or kurrentdb://…)');
  return out;
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

async function startBackend(storeUrl) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'backend/dist/main.js')], {
    cwd: ROOT,
    env: { ...process.env, TALLYROOM_STORE: storeUrl, PORT: String(port), HOST: '127.0.0.1', TALLYROOM_DEMO: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (b) => (log += b));
  child.stderr.on('data', (b) => (log += b));
  const exited = new Promise((r) => child.once('exit', r));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 120_000;
  let ready = false;
  while (!ready && child.exitCode === null && Date.now() < until) {
    ready = await fetch(`${url}/api/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (!ready) await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return { url, ready, log: () => log, stop };
}

/** pino's JSON lines at level error (50) or fatal (60). */
const errorLines = (log) =>
  log.split('\n').filter((l) => {
    try {
      return JSON.parse(l).level >= 50;
    } catch {
      return false;
    }
  });

function verify(source, head) {
  const r = spawnSync(
    process.execPath,
    [CLI, 'verify', source, '--json', ...(head ? ['--head', `${head.revision}:${head.hash}`] : [])],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    /* the reason is on stderr */
  }
  return { ok: r.status === 0, status: r.status, report, stderr: r.stderr.trim() };
}

export async function restoreCheck({ store, manifest, links }, log = console.log) {
  for (const built of [CLI, path.join(ROOT, 'contracts/dist/index.js')])
    if (!existsSync(built)) throw new Error(`${path.relative(ROOT, built)} is missing: run npm run build first`);
  const { storeFromUrl } = await import(pathToFileURL(path.join(ROOT, 'backend/dist/event-store/store-from-url.js')));
  const { eventLine } = await import(pathToFileURL(path.join(ROOT, 'contracts/dist/index.js')));
  const work = mkdtempSync(path.join(os.tmpdir(), 'tallyroom-restore-check-'));
  const failures = [];
  let backend;
  let opened;
  try {
    let storeUrl = store;
    if (store.startsWith('sqlite:')) {
      const file = store.slice('sqlite:'.length).replace(/^\/\//, '');
      if (!existsSync(file)) throw new Error(`no such store file: ${file}`);
      const copy = path.join(work, 'store.db');
      copyFileSync(file, copy);
      for (const side of ['-wal', '.secret']) if (existsSync(file + side)) copyFileSync(file + side, copy + side);
      storeUrl = `sqlite:${copy}`;
    }
    const heads = new Map(
      (manifest ? JSON.parse(readFileSync(manifest, 'utf8')).streams : []).map((h) => [h.stream, h]),
    );

    backend = await startBackend(storeUrl);
    if (!backend.ready)
      failures.push(`the backend did not become ready on the restored store:\n${backend.log().slice(-2000)}`);
    else log(`backend ready on the restored store (${backend.url})`);
    for (const line of errorLines(backend.log()))
      failures.push(`backend start-up logged an error: ${line.slice(0, 500)}`);

    opened = await storeFromUrl(storeUrl);
    const streams = (await opened.listStreams()).filter((s) => s.startsWith('meeting-'));
    log(
      `${streams.length} meetings in the restored store${heads.size ? `, ${heads.size} streams in the manifest` : ''}`,
    );
    for (const [stream] of heads)
      if (stream.startsWith('meeting-') && !streams.includes(stream))
        failures.push(`${stream}: in the manifest, missing from the restored store`);
    // Every stream the manifest names (organisations, 换届 processes, the operator's …): the event at the recorded
    // revision must be there with the recorded hash, so the restored tree and credentials are the backed-up ones.
    const all = new Set(await opened.listStreams());
    for (const [stream, head] of heads) {
      if (stream.startsWith('meeting-')) continue; // verified in full below
      const at = all.has(stream) ? (await opened.readStream(stream, head.revision))[0] : undefined;
      if (at?.metadata.hash !== head.hash)
        failures.push(
          `${stream}: the restored store has ${at ? `another event at revision ${head.revision}` : `no revision ${head.revision}`}`,
        );
    }
    // 换届 process logs verify on their own too (their citations of meetings are checked when a meeting is given).
    for (const stream of [...all].filter((s) => s.startsWith('election-'))) {
      const events = await opened.readStream(stream);
      const file = path.join(work, `${stream}.ndjson`);
      writeFileSync(file, events.map((e) => eventLine(e)).join('\n') + (events.length ? '\n' : ''));
      const v = verify(file);
      if (!v.ok)
        failures.push(`${stream}: tallyroom verify exit ${v.status}: ${v.stderr || 'the log does not verify'}`);
    }
    let verified = 0;
    for (const stream of streams) {
      const events = await opened.readStream(stream);
      const file = path.join(work, `${stream}.ndjson`);
      writeFileSync(file, events.map((e) => eventLine(e)).join('\n') + (events.length ? '\n' : ''));
      const head = heads.get(stream);
      const v = verify(file, head);
      if (v.ok) verified++;
      else
        failures.push(
          `${stream}: tallyroom verify exit ${v.status}: ${v.report?.firstBadEvent ? JSON.stringify(v.report.firstBadEvent) : v.stderr || 'the log does not verify'}`,
        );
      if (!head && heads.size) log(`  ${stream}: not in the manifest (written after the backup?), verified on its own`);
    }
    log(`${verified} of ${streams.length} meeting exports verify${heads.size ? ' and reach the manifest heads' : ''}`);

    if (links && backend.ready) {
      const list = readFileSync(links, 'utf8')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
      let viaHttp = 0;
      for (const link of list) {
        const u = new URL(link);
        const local = new URL(u.pathname + u.search + u.hash, backend.url).href;
        const id = /\/m\/([^/]+)/.exec(u.pathname)?.[1];
        const v = verify(local, id ? heads.get(`meeting-${id}`) : undefined);
        if (v.ok) viaHttp++;
        else failures.push(`${u.pathname}: tallyroom verify through the backend, exit ${v.status}: ${v.stderr}`);
      }
      log(`${viaHttp} of ${list.length} links verify through the restored backend's export`);
    }
  } finally {
    await opened?.close();
    await backend?.stop();
    rmSync(work, { recursive: true, force: true });
  }
  return failures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let o;
  try {
    o = args(process.argv.slice(2));
  } catch (e) {
    console.error(
      `${e.message}\nusage: node infra/restore-check.mjs --store <url> [--manifest <file>] [--links <file>]`,
    );
    process.exit(2);
  }
  try {
    const failures = await restoreCheck(o);
    if (failures.length) {
      console.error(`RESTORE CHECK FAILED (${failures.length}):\n  ${failures.join('\n  ')}`);
      process.exit(1);
    }
    console.log('restore check passed');
  } catch (e) {
    console.error(`restore check could not run: ${e.message}`);
    process.exit(1);
  }
}

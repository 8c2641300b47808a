#!/usr/bin/env node
/**
 * A consistent copy of a running SQLite event store, and the manifest a restore is checked against.
 *
 *   node infra/backup-sqlite.mjs <store.db> <backup-dir>
 *
 * Uses SQLite's online backup (what `sqlite3 store.db ".backup copy.db"` does, here through better-sqlite3, which
 * the backend already ships, so no sqlite3 binary is needed on the server): the copy is one consistent moment of
 * the log, taken while the backends keep writing, WAL included. Then, on the copy: `PRAGMA integrity_check`, and
 * `manifest.json` with every stream's head (last revision and its hash) as the copy holds it. The heads are what
 * infra/restore-check.mjs compares a restored store with, and what a result report printed before the backup can be
 * compared with.
 *
 * Writes <backup-dir>/tallyroom-<UTC time>.db and <backup-dir>/tallyroom-<UTC time>.manifest.json, mode 0600 (the
 * store holds credential hashes, never tokens, but the roll holds members' names). Exit status 0, or 1 with the
 * reason. Snapshots (a cache of folded state) are copied along; a restore rebuilds them if they disagree.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';

/** Every stream's head in a store file: [{stream, revision, hash, events}], sorted by stream. */
export function streamHeads(file) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT e.stream, e.revision, json_extract(e.metadata, '$.hash') AS hash, c.n AS events
           FROM events e JOIN (SELECT stream, MAX(revision) AS top, COUNT(*) AS n FROM events GROUP BY stream) c
             ON c.stream = e.stream AND c.top = e.revision
          ORDER BY e.stream`,
      )
      .all();
  } finally {
    db.close();
  }
}

export async function backupSqlite(source, dir, { at = new Date() } = {}) {
  mkdirSync(dir, { recursive: true });
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  const copy = path.join(dir, `tallyroom-${stamp}.db`);
  const live = new Database(source, { fileMustExist: true });
  try {
    // Pages are copied in steps; a write by a backend meanwhile restarts the copy, so it is one moment of the log.
    await live.backup(copy);
  } finally {
    live.close();
  }
  chmodSync(copy, 0o600);
  const check = new Database(copy, { readonly: true });
  let integrity;
  try {
    integrity = check.pragma('integrity_check', { simple: true });
  } finally {
    check.close();
  }
  if (integrity !== 'ok') throw new Error(`the copy ${copy} fails PRAGMA integrity_check: ${integrity}`);
  const heads = streamHeads(copy);
  const manifest = {
    takenAt: at.toISOString(),
    source: path.resolve(source),
    file: path.basename(copy),
    events: heads.reduce((n, h) => n + h.events, 0),
    streams: heads,
  };
  const manifestFile = path.join(dir, `tallyroom-${stamp}.manifest.json`);
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });
  return { copy, manifestFile, manifest };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [source, dir] = process.argv.slice(2);
  if (!source || !dir) {
    console.error('usage: node infra/backup-sqlite.mjs <store.db> <backup-dir>');
    process.exit(2);
  }
  try {
    const { copy, manifestFile, manifest } = await backupSqlite(source, dir);
    console.log(`${copy}: ${manifest.events} events in ${manifest.streams.length} streams, integrity ok`);
    console.log(`${manifestFile}`);
  } catch (e) {
    console.error(`backup failed: ${e.message}`);
    process.exit(1);
  }
}

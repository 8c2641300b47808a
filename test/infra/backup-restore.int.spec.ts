/**
 * Issue 23, point 6: the SQLite backup (infra/backup-sqlite.mjs) taken while a backend serves, and the restore check
 * (infra/restore-check.mjs), which starts the built backend on the restored copy and runs `tallyroom verify` on
 * every meeting's export against the heads the backup recorded. The check must also fail when it should: a
 * changed byte in a restored event, and a restored store older than the manifest.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import type { MeetingClient } from '../support/api.js';
// @ts-expect-error -- plain ESM scripts without declarations; what they return is checked below
import { backupSqlite, streamHeads } from '../../infra/backup-sqlite.mjs';
// @ts-expect-error -- as above
import { restoreCheck } from '../../infra/restore-check.mjs';

interface Head {
  stream: string;
  revision: number;
  hash: string;
  events: number;
}
interface Backup {
  copy: string;
  manifestFile: string;
  manifest: { events: number; streams: Head[] };
}
const backup = backupSqlite as (source: string, dir: string) => Promise<Backup>;
const heads = streamHeads as (file: string) => Head[];
const check = restoreCheck as (o: { store: string; manifest?: string }, log?: (s: string) => void) => Promise<string[]>;

let server: TestServer;
let dir: string;
const meetings: MeetingClient[] = [];
let taken: Backup;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tallyroom-backup-'));
  server = await startTestServer();
  for (const name of ['第一党支部', '第二党支部']) {
    const m = await server.api.createMeeting({ organisation: name });
    await m.command('EnrolMembers', {
      members: Array.from({ length: 12 }, (_, i) => ({
        memberId: `m${i + 1}`,
        name: `党员${i + 1}`,
        status: 'full' as const,
      })),
    });
    for (let i = 1; i <= 6; i++) await m.command('CheckIn', { memberId: `m${i}`, method: 'desk' });
    meetings.push(m);
  }
  // Online: the backend is still serving (and holds the file open) while the copy is taken.
  taken = await backup(path.join(server.dir, 't.db'), dir);
}, 60_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup of a serving SQLite store', () => {
  it("records every meeting's head as the backend reports it", async () => {
    for (const m of meetings) {
      const head = await m.head();
      const recorded = taken.manifest.streams.find((s) => s.stream === `meeting-${m.meetingId}`);
      expect(recorded).toMatchObject({ revision: head.revision, hash: head.hash, events: head.revision + 1 });
    }
    expect(heads(taken.copy)).toEqual(taken.manifest.streams);
    // The organisation the meetings were created under is backed up with them.
    expect(taken.manifest.streams.some((s) => s.stream.startsWith('organisation-'))).toBe(true);
  });
});

describe('the restore check', () => {
  it('passes on the copy: the backend starts on it and every meeting export verifies to the recorded head', async () => {
    const lines: string[] = [];
    const failures = await check({ store: `sqlite:${taken.copy}`, manifest: taken.manifestFile }, (s) => lines.push(s));
    expect(failures).toEqual([]);
    expect(lines.join('\n')).toContain(`${meetings.length} of ${meetings.length} meeting exports verify`);
  }, 120_000);

  it('fails, naming the meeting, when one byte of a restored event changed', async () => {
    const bad = path.join(dir, 'tampered.db');
    copyFileSync(taken.copy, bad);
    const db = new Database(bad);
    const stream = `meeting-${meetings[1]!.meetingId}`;
    // One member's name in the roll: the hash chain covers it.
    const changed = db
      .prepare(
        "UPDATE events SET data = replace(data, '党员3', '党员8') WHERE stream = ? AND type = 'MemberEnrolled' AND instr(data, '党员3') > 0",
      )
      .run(stream);
    db.close();
    expect(changed.changes).toBe(1);
    const failures = await check({ store: `sqlite:${bad}`, manifest: taken.manifestFile }, () => undefined);
    expect(failures.some((f) => f.startsWith(`${stream}: tallyroom verify exit 1`))).toBe(true);
    expect(failures.some((f) => f.startsWith(`meeting-${meetings[0]!.meetingId}:`))).toBe(false);
  }, 120_000);

  it("fails when an organisation's stream was not restored as it was backed up", async () => {
    const bad = path.join(dir, 'no-organisation.db');
    copyFileSync(taken.copy, bad);
    const organisation = taken.manifest.streams.find((s) => s.stream.startsWith('organisation-'))!;
    const db = new Database(bad);
    db.prepare('DELETE FROM events WHERE stream = ? AND revision = ?').run(organisation.stream, organisation.revision);
    db.close();
    const failures = await check({ store: `sqlite:${bad}`, manifest: taken.manifestFile }, () => undefined);
    expect(failures).toContain(`${organisation.stream}: the restored store has no revision ${organisation.revision}`);
  }, 120_000);

  it('fails when the restored store is older than the backup it is checked against', async () => {
    const old = path.join(dir, 'older.db');
    copyFileSync(taken.copy, old);
    const db = new Database(old);
    const stream = `meeting-${meetings[0]!.meetingId}`;
    const top = taken.manifest.streams.find((s) => s.stream === stream)!.revision;
    db.prepare('DELETE FROM events WHERE stream = ? AND revision = ?').run(stream, top);
    db.prepare('DELETE FROM snapshots').run();
    db.close();
    const failures = await check({ store: `sqlite:${old}`, manifest: taken.manifestFile }, () => undefined);
    expect(failures.filter((f) => f.startsWith(`${stream}:`))).toHaveLength(1);
  }, 120_000);
});

/**
 * Issue 9, test 6 — corrupt store.
 *
 * Two meetings share one SQLite file. With the backend stopped, ONE byte of
 * the file is changed inside one stored event of meeting A (found by its
 * `"hash":"…"` text, which occurs once in the file):
 *  - a hex digit of its hash: the row still reads, but the hash chain fails there;
 *  - the quote that opens the hash: the row no longer parses as JSON.
 * On the next start the damage is reported before anyone asks for meeting A
 * (the background verification logs it, naming the meeting and the revision);
 * meeting A then refuses every command with an error that names the bad event;
 * meeting B keeps accepting commands, and its log still verifies.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Restartable,
  ensureBuilt,
  exportLog,
  headOf,
  postCommand,
  roundInProgress,
  until,
  verifyChain,
} from './support.js';

let dir: string;
const servers: Restartable[] = [];

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'tallyroom-corrupt-'));
}, 120_000);
afterAll(async () => {
  for (const s of servers) await s.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Changes one byte of the file at the event's `"hash":"<hex>"`; returns the offset. */
function damage(file: string, hash: string, how: 'hex digit' | 'json quote'): number {
  const bytes = readFileSync(file);
  const needle = Buffer.from(`"hash":"${hash}"`);
  const at = bytes.indexOf(needle);
  expect(at, 'the event is in the main file').toBeGreaterThanOrEqual(0);
  expect(bytes.indexOf(needle, at + 1), 'and only once').toBe(-1);
  const offset = how === 'hex digit' ? at + 8 + 10 : at + 7; // the 11th hex digit, or the quote that opens the value
  const old = bytes[offset]!;
  bytes[offset] = how === 'hex digit' ? (old === 0x30 ? 0x31 : 0x30) : 0x7c; // '0'↔'1' or '"' → '|'
  writeFileSync(file, bytes);
  return offset;
}

describe.each(['hex digit', 'json quote'] as const)('one byte of a stored event changed (%s)', (how) => {
  it('is found at start-up; that meeting refuses commands naming the bad event; the other meeting works', async () => {
    const file = path.join(dir, `${how.replace(' ', '-')}.db`);
    const server = await Restartable.create({ TALLYROOM_STORE: `sqlite:${file}` });
    servers.push(server);
    await server.start();
    const a = await roundInProgress(server.api, { members: 12, present: 11, tellers: 1, candidates: 2 });
    const b = await roundInProgress(server.api, { members: 12, present: 11, tellers: 1, candidates: 2 });
    const ballot = (r: typeof a, n: number) => ({
      type: 'RecordBallot',
      commandId: `${r.meetingId}-ballot-${n}`,
      data: {
        contestId: r.contestId,
        round: r.round,
        ballotNo: n,
        marks: { [r.candidates[n % 2]!]: 'for' },
        writeIns: [],
      },
    });
    for (let n = 1; n <= 6; n++)
      for (const r of [a, b])
        expect((await postCommand(server.url, r.meetingId, r.tellers[0]!, ballot(r, n))).status).toBe(200);

    const logA = await exportLog(server.url, a.meetingId, a.e.m.chair);
    const victim = logA.events[logA.events.length - 4]!; // a ballot a few events before the head
    expect(victim.type).toBe('BallotRecorded');
    const bHeadBefore = await headOf(server.url, b.meetingId, b.e.m.chair);

    // A clean stop folds the WAL into the main file and removes it: the file alone is the store.
    expect((await server.stop('SIGTERM')).code).toBe(0);
    expect(existsSync(`${file}-wal`)).toBe(false);
    damage(file, victim.metadata.hash, how);

    await server.start();
    // Reported at start-up, before any request touches meeting A.
    await until(
      () => server.logLines().some((l) => l.msg === 'meeting log fails verification; it accepts no commands'),
      15_000,
      () => 'no start-up report of the damage',
    );
    const report = server.logLines().filter((l) => l.msg === 'meeting log fails verification; it accepts no commands');
    expect(report).toHaveLength(1);
    expect(report[0]).toMatchObject({
      meetingId: a.meetingId,
      revision: victim.metadata.revision,
      type: 'BallotRecorded',
    });

    // Meeting A refuses new commands, and says which event is bad.
    for (const [token, body] of [
      [a.tellers[0]!, ballot(a, 7)],
      [
        a.e.m.chair,
        {
          type: 'CloseRound',
          commandId: 'close-a',
          data: { contestId: a.contestId, round: a.round, ballotsReturned: 6 },
        },
      ],
    ] as const) {
      const refused = await postCommand(server.url, a.meetingId, token, body);
      expect(refused.status).toBe(409);
      const err = (refused.body as { error: { code: string; message: string } }).error;
      expect(err.code).toBe('CHAIN_BROKEN');
      expect(err.message).toContain(`revision ${victim.metadata.revision} (BallotRecorded)`);
    }
    // Nothing was written to meeting A.
    const db = new Database(file, { readonly: true });
    try {
      const rows = db.prepare('SELECT count(*) AS n FROM events WHERE stream = ?').get(`meeting-${a.meetingId}`) as {
        n: number;
      };
      expect(rows.n).toBe(logA.events.length);
    } finally {
      db.close();
    }

    // Meeting B works: it takes commands and its log verifies end to end.
    for (let n = 7; n <= 9; n++)
      expect((await postCommand(server.url, b.meetingId, b.tellers[0]!, ballot(b, n))).status).toBe(200);
    const logB = await exportLog(server.url, b.meetingId, b.e.m.chair);
    expect(verifyChain(logB.events)).toMatchObject({ ok: true });
    expect(logB.events.length).toBe(bHeadBefore + 1 + 3);
    // (The chair's count: the public board moves in steps of ten ballots while a round is open, issue 19.)
    expect((await b.e.view()).contests[0]!.rounds[0]!.ballotsEntered).toBe(9);

    // A verifier reading meeting A's export names the same event.
    if (how === 'hex digit') {
      const exported = await exportLog(server.url, a.meetingId, a.e.m.chair);
      expect(verifyChain(exported.events)).toMatchObject({ ok: false, revision: victim.metadata.revision });
    }
    expect(server.strayOutput()).toEqual([]);
  }, 60_000);
});

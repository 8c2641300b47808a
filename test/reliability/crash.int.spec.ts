/**
 * Issue 9, test 1 — crash during counting.
 *
 * Three tellers key in ballots and two kiosks check members in and out, all at
 * once, while the backend is killed with SIGKILL at seeded random moments (at
 * least 20 times) and started again on the same port and SQLite file. Every
 * client retries a command with the SAME commandId after a connection error
 * or a 503 until the server answers. Right after every restart, every command
 * acknowledged before the kill is in the log exactly once and the chain
 * verifies; at the end, every acknowledged command's
 * events are in the log exactly once, nothing half-written is there, the
 * chain verifies, the fold of the export is the served view, and re-sending
 * an acknowledged command writes nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Restartable,
  ackedVersusLog,
  between,
  ensureBuilt,
  exportLog,
  fold,
  headOf,
  meetingView,
  mulberry32,
  roundInProgress,
  seedFrom,
  sendUntilAnswered,
  sleep,
  verifyChain,
  type CommandBody,
  type RoundInProgress,
} from './support.js';

const SEED = seedFrom(0x9c0ffee);
const KILLS = 20;

interface Acked {
  client: string;
  body: CommandBody;
  token: string;
  revision: number;
  events: { type: string; revision: number }[];
  duplicate: boolean;
  attempts: number;
}

let dir: string;
let server: Restartable;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'tallyroom-crash-'));
}, 120_000);
afterAll(async () => {
  await server?.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('SIGKILL at random moments during a burst of ballot entries and check-ins', () => {
  it(`loses no acknowledged command, applies none twice, and leaves a verifiable log (seed ${SEED}, ${KILLS} kills)`, async () => {
    const rnd = mulberry32(SEED);
    const file = path.join(dir, 'tallyroom.db');
    server = await Restartable.create({ TALLYROOM_STORE: `sqlite:${file}` });
    await server.start();
    const r: RoundInProgress = await roundInProgress(server.api, {
      members: 60,
      present: 50,
      tellers: 3,
      candidates: 3,
    });
    const { meetingId, e } = r;
    const chair = e.m.chair;

    // ---- the clients: each has its own seeded stream of commands and retries with the same commandId.
    const acked: Acked[] = [];
    const failures: string[] = [];
    let stop = false;
    let connectionErrors = 0;
    let unavailable = 0;

    async function runClient(
      name: string,
      token: string,
      next: (i: number, rnd: () => number) => { type: string; data: unknown },
    ) {
      const own = mulberry32(SEED ^ [...name].reduce((h, c) => Math.imul(h, 31) + c.charCodeAt(0), 7));
      for (let i = 0; !stop; i++) {
        const body: CommandBody = { ...next(i, own), commandId: `${name}-${i}` };
        const a = await sendUntilAnswered(server.url, meetingId, token, body, { pauseMs: () => between(own, 5, 30) });
        connectionErrors += a.connectionErrors;
        unavailable += a.unavailable;
        if (a.status !== 200) {
          failures.push(`${body.commandId} ${body.type}: ${a.status} ${JSON.stringify(a.body)}`);
          return;
        }
        const reply = a.body as { revision: number; events: { type: string; revision: number }[]; duplicate?: boolean };
        acked.push({
          client: name,
          body,
          token,
          revision: reply.revision,
          events: reply.events,
          duplicate: reply.duplicate === true,
          attempts: a.attempts,
        });
        await sleep(between(own, 0, 8));
      }
    }

    const marks = ['for', 'against', 'abstain'] as const;
    const tellerClient = (k: number) => (i: number, own: () => number) => ({
      type: 'RecordBallot',
      data: {
        contestId: r.contestId,
        round: r.round,
        ballotNo: (k + 1) * 100_000 + i,
        marks: Object.fromEntries(r.candidates.map((c) => [c, marks[between(own, 0, 2)]!])),
        writeIns: [],
      },
    });
    // Each kiosk owns five of the absent members and walks them in and out: only it touches them,
    // so every one of its commands produces exactly one event.
    const kioskClient = (k: number) => {
      const mine = r.absent.slice(k * 5, k * 5 + 5);
      return (i: number) => ({
        type: Math.floor(i / mine.length) % 2 === 0 ? 'CheckIn' : 'RecordDeparture',
        data:
          Math.floor(i / mine.length) % 2 === 0
            ? { memberId: mine[i % mine.length]!, method: 'desk' }
            : { memberId: mine[i % mine.length]! },
      });
    };
    const clients = [
      runClient('teller1', r.tellers[0]!, tellerClient(0)),
      runClient('teller2', r.tellers[1]!, tellerClient(1)),
      runClient('teller3', r.tellers[2]!, tellerClient(2)),
      // The door's check-ins by member id are the desk's (issue 19: the kiosk checks in only from cards).
      runClient('kiosk1', e.m.chair, kioskClient(0)),
      runClient('kiosk2', e.m.chair, kioskClient(1)),
    ];

    // ---- the killer: seeded delays after each start, some during start-up verification, some mid-burst.
    const delays = Array.from({ length: KILLS }, () => between(rnd, 0, 450));
    const ackedAtKill: number[] = [];
    const restartProblems: string[] = [];
    for (const delay of delays) {
      await sleep(delay);
      ackedAtKill.push(acked.length);
      const exit = await server.stop('SIGKILL');
      expect(exit.signal).toBe('SIGKILL');
      await sleep(between(rnd, 0, 100));
      await server.start();
      // Right after this restart: everything acknowledged before the kill is in the log, exactly once, and the chain verifies.
      const before = acked.slice(0, ackedAtKill.at(-1));
      const { events: now, unparsable: bad } = await exportLog(server.url, meetingId, chair);
      const verdict = verifyChain(now);
      if (bad.length || !verdict.ok)
        restartProblems.push(
          `restart ${server.starts - 1}: ${bad.length} unparsable lines, chain ${JSON.stringify(verdict)}`,
        );
      const count = new Map<string, number>();
      for (const ev of now) count.set(ev.metadata.commandId, (count.get(ev.metadata.commandId) ?? 0) + 1);
      for (const a of before)
        if (count.get(a.body.commandId) !== 1)
          restartProblems.push(
            `restart ${server.starts - 1}: ${a.body.commandId} is in the log ${count.get(a.body.commandId) ?? 0} times`,
          );
    }
    expect(restartProblems, restartProblems.slice(0, 10).join('\n')).toEqual([]);
    // The burst goes on a little on the last incarnation, then every client finishes its command in hand.
    await sleep(400);
    stop = true;
    await Promise.all(clients);
    expect(failures, failures.join('\n')).toEqual([]);

    // Kills really landed during the burst: acknowledgements kept arriving between them.
    const progressed = ackedAtKill.filter((n, i) => i > 0 && n > ackedAtKill[i - 1]!).length;
    expect(progressed).toBeGreaterThanOrEqual(KILLS / 2);
    expect(server.starts).toBe(KILLS + 1);

    // ---- the log as a supervisor exports it
    const { events, unparsable } = await exportLog(server.url, meetingId, chair);
    expect(unparsable, 'no unparsable line in the export').toEqual([]);
    expect(verifyChain(events)).toMatchObject({ ok: true });
    expect(events.map((x) => x.metadata.revision)).toEqual(events.map((_, i) => i));

    // Every acknowledged command's events are there exactly once, at the revisions the reply named,
    // and nothing in the log came from a workload command that was never acknowledged.
    const problems = acked
      .filter((a) => a.events.length !== 1)
      .map((a) => `${a.body.commandId} acknowledged with ${a.events.length} events`);
    problems.push(
      ...ackedVersusLog(
        events,
        acked.map((a) => ({ commandId: a.body.commandId, events: a.events })),
        /^(teller|kiosk)\d-/,
      ),
    );
    expect(problems, problems.slice(0, 20).join('\n')).toEqual([]);
    expect(new Set(acked.map((a) => a.body.commandId)).size).toBe(acked.length);

    // The fold of the export is what the server serves.
    const state = fold(events);
    expect(await e.view()).toEqual(meetingView(state, { role: 'chair' }));
    expect(await e.view(e.observer)).toEqual(meetingView(state, { role: 'observer' }));
    const ballots = acked.filter((a) => a.body.type === 'RecordBallot').length;
    // (The chair's count: the public board moves in steps of ten ballots while a round is open, issue 19.)
    expect((await e.view()).contests[0]!.rounds[0]!.ballotsEntered).toBe(ballots);

    // Re-sending acknowledged commands (same commandId, same body) is answered from the log and writes nothing.
    const head = await headOf(server.url, meetingId, chair);
    const retryRnd = mulberry32(SEED + 1);
    const sample = Array.from({ length: 20 }, () => acked[between(retryRnd, 0, acked.length - 1)]!);
    for (const a of sample) {
      const again = await sendUntilAnswered(server.url, meetingId, a.token, a.body);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ duplicate: true, events: a.events });
    }
    expect(await headOf(server.url, meetingId, chair)).toBe(head);

    // ---- the file itself, after a clean stop: intact, every row readable, no gap in the stream.
    const exit = await server.stop('SIGTERM');
    expect(exit.code).toBe(0);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = db
        .prepare('SELECT revision, type, data, metadata FROM events WHERE stream = ? ORDER BY revision')
        .all(`meeting-${meetingId}`) as { revision: number; type: string; data: string; metadata: string }[];
      expect(rows.length).toBe(events.length);
      rows.forEach((row, i) => {
        expect(row.revision).toBe(i);
        const meta = JSON.parse(row.metadata) as { revision: number };
        expect(meta.revision).toBe(row.revision);
        expect(() => JSON.parse(row.data)).not.toThrow();
      });
    } finally {
      db.close();
    }

    // Nothing went wrong inside the server beyond being killed.
    const errors = server.logLines().filter((l) => Number(l.level) >= 50);
    expect(errors.map((l) => l.msg)).toEqual([]);
    expect(server.strayOutput()).toEqual([]);

    const duplicates = acked.filter((a) => a.duplicate).length;
    console.info(
      `[crash] seed ${SEED}: ${KILLS} kills, ${acked.length} commands acknowledged (${ballots} ballots), ` +
        `${acked.filter((a) => a.attempts > 1).length} needed retries, ${duplicates} answered as duplicates of a commit whose reply was lost, ` +
        `${connectionErrors} connection errors, ${unavailable} × 503; log ${events.length} events, head ${head}`,
    );
  }, 90_000);
});

/**
 * A stored event changed behind the server's back (one hex digit of its hash
 * in the SQLite file, with the backend stopped). After the restart the
 * meeting is quarantined; its report still prints, says plainly that the log
 * fails verification and where, and carries the head of the part that does
 * verify. The export still serves the damaged log as stored, and the
 * verifier names the damaged event.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../support/api.js';
import { buildBackend, spawnBuiltServer, stopProcess, type ServerProcess } from '../support/server.js';
import { report, runCli } from './cli.js';
import { runDisputedElection } from './disputed-election.js';
import { reportFigures } from './report-html.js';

let dir: string;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  buildBackend();
  dir = await mkdtemp(path.join(tmpdir(), 'tallyroom-quarantine-'));
}, 120_000);
afterAll(async () => {
  for (const s of servers) await stopProcess(s, 'SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the report of a meeting whose stored log is damaged', () => {
  it('warns that the log fails verification at the damaged event, and the verifier names the same event', async () => {
    const file = path.join(dir, 't.db');
    const first = await spawnBuiltServer(file);
    servers.push(first);
    const { e } = await runDisputedElection(first.api);
    const events = (await e.m.eventsText(e.supervisor))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; metadata: { revision: number; hash: string } });
    const victim = events.filter((x) => x.type === 'BallotRecorded')[20]!;
    expect((await stopProcess(first, 'SIGTERM')).code).toBe(0);
    expect(existsSync(`${file}-wal`)).toBe(false);

    const bytes = readFileSync(file);
    const at = bytes.indexOf(Buffer.from(`"hash":"${victim.metadata.hash}"`));
    expect(at).toBeGreaterThan(0);
    bytes[at + 20] = bytes[at + 20] === 0x30 ? 0x31 : 0x30;
    writeFileSync(file, bytes);

    const second = await spawnBuiltServer(file);
    servers.push(second);
    const r = await request(second.url, 'GET', `/api/meetings/${e.m.meetingId}/report`, { token: e.supervisor });
    expect(r.status).toBe(200);
    const rev = victim.metadata.revision;
    expect(r.text).toMatch(
      new RegExp(
        `<p class="warning" role="alert">⚠ 存储的记录在第 ${rev} 号事件处核验失败（hash does not match content）`,
      ),
    );
    const paper = reportFigures(r.text);
    expect(paper.head).toEqual({ revision: rev - 1, hash: events[rev - 1]!.metadata.hash });
    // Only the events before the damage are on the paper: round 1 is still open there.
    expect(paper.rounds.map((x) => x.elected)).toEqual([null]);

    const exported = path.join(dir, 'damaged.ndjson');
    await writeFile(exported, await e.via(second.api).m.eventsText(e.supervisor));
    const cli = await runCli([exported, '--json', '--head', `${paper.head.revision}:${paper.head.hash}`]);
    expect(cli.code).toBe(1);
    expect(report(cli).firstBadEvent).toMatchObject({
      revision: rev,
      type: 'BallotRecorded',
      problem: 'hash does not match content',
    });
    await stopProcess(second, 'SIGTERM');
  });
});

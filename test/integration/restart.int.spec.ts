/**
 * The built server as a real process on a temporary SQLite file: stopped
 * gracefully (SIGTERM) or killed outright (SIGKILL), then started again on
 * the same file, it serves the identical meeting — same view, same log, same
 * answers to retried commands — and the election simply carries on.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { verifyChain, type ChainedEvent } from '@tallyroom/contracts';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Election, ballotsFor, makeRoll } from '../support/election.js';
import { buildBackend, spawnBuiltServer, stopProcess, type ServerProcess } from '../support/server.js';

const running: ServerProcess[] = [];
const dirs: string[] = [];

async function storeFile(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tallyroom-restart-'));
  dirs.push(dir);
  return path.join(dir, 'tallyroom.db');
}

async function start(file: string): Promise<ServerProcess> {
  const p = await spawnBuiltServer(file);
  running.push(p);
  return p;
}

beforeAll(() => buildBackend(), 120_000);
afterEach(async () => {
  for (const p of running.splice(0)) await stopProcess(p, 'SIGKILL');
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

/** A meeting half-way through a round: roll, quorum, method, officers, a confirmed list, 5 of 10 ballots entered. */
async function halfWayThrough(e: Election) {
  await e.enrol(makeRoll(12));
  const present = makeRoll(10).map((x) => x.memberId);
  await e.m.command('CheckIn', { memberId: present[0]!, method: 'desk' }, { commandId: 'door-m0001' });
  await e.checkIn(present.slice(1));
  await e.ready({ scrutineers: ['m0010'], tellers: 1 });
  await e.contest({ contestId: 'committee', seats: 3, candidates: ['m0001', 'm0002', 'm0003', 'm0004'] });
  const round = await e.openRound('committee');
  const ballots = ballotsFor({ m0001: 8, m0002: 7, m0003: 6, m0004: 4 }, { ballots: 10, seats: 3 });
  await e.enterBallots('committee', round.round, ballots.slice(0, 5));
  return { round: round.round, ballots };
}

describe.each(['SIGTERM', 'SIGKILL'] as const)('after %s and a restart on the same file', (signal) => {
  it('serves the identical meeting, still knows every commandId, and the election carries on', async () => {
    const file = await storeFile();
    const first = await start(file);
    const e = await Election.create(first.api, { parameters: { doubleEntry: false } });
    const { round, ballots } = await halfWayThrough(e);

    const before = {
      chair: await e.view(),
      observer: await e.view(e.observer),
      supervisor: await e.view(e.supervisor),
      log: await e.m.eventsText(),
      head: await e.m.head(),
    };
    const retried = await e.m.send('CheckIn', { memberId: 'm0001', method: 'desk' }, { commandId: 'door-m0001' });
    expect(retried.status).toBe(200);

    // When the process stops (gracefully, or killed without a chance to flush anything),
    const exit = await stopProcess(first, signal);
    if (signal === 'SIGTERM') expect(exit).toEqual({ code: 0, signal: null });
    else expect(exit.signal).toBe('SIGKILL');
    if (signal === 'SIGTERM')
      expect(first.logs.some((l) => l.msg === 'shutting down: finishing in-flight commits')).toBe(true);

    // then a new process on the same file serves exactly the same meeting,
    const second = await start(file);
    const again = e.via(second.api);
    expect(await again.view()).toEqual(before.chair);
    expect(await again.view(e.observer)).toEqual(before.observer);
    expect(await again.view(e.supervisor)).toEqual(before.supervisor);
    expect(await again.m.eventsText()).toBe(before.log);
    expect(await again.m.head()).toEqual(before.head);

    // a retried command is still recognised as a duplicate and writes nothing,
    const retry = await again.m.send('CheckIn', { memberId: 'm0001', method: 'desk' }, { commandId: 'door-m0001' });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(retried.body);
    expect(retry.body).toMatchObject({ duplicate: true });
    expect(await again.m.eventsText()).toBe(before.log);

    // and the round goes on with the credentials minted before the restart.
    await again.enterBallots('committee', round, ballots.slice(5), { firstBallotNo: 6 });
    await again.closeRound('committee', round, 10);
    const { round: declared } = await again.declare('committee', round);
    expect(declared.elected).toEqual(['m0001', 'm0002', 'm0003']);
    expect(declared.threshold).toBe(6);
  });
});

describe('SIGKILL in the middle of a burst of commands', () => {
  it('loses no acknowledged event and leaves a log whose chain verifies', async () => {
    const file = await storeFile();
    const first = await start(file);
    const e = await Election.create(first.api, { parameters: { doubleEntry: false } });
    await e.enrol(makeRoll(60));

    // Sixty check-ins at once; the process dies as soon as twenty are acknowledged.
    const acked: { memberId: string; revision: number }[] = [];
    let killed: Promise<unknown> | undefined;
    const attempts = makeRoll(60).map(async ({ memberId }) => {
      try {
        const reply = await e.m.send('CheckIn', { memberId, method: 'desk' });
        if (reply.status === 200) {
          acked.push({ memberId, revision: (reply.body as { revision: number }).revision });
          if (acked.length === 20) killed = stopProcess(first, 'SIGKILL');
        }
      } catch {
        /* the connection died with the process: not acknowledged */
      }
    });
    await Promise.all(attempts);
    await killed;
    expect(acked.length).toBeGreaterThanOrEqual(20);

    const second = await start(file);
    const again = e.via(second.api);
    const text = await again.m.eventsText();
    const events = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ChainedEvent & { data: { memberId?: string } });
    expect(verifyChain(events)).toMatchObject({ ok: true });
    for (const a of acked) {
      const ev = events.find((x) => x.metadata.revision === a.revision);
      expect(ev, `acknowledged revision ${a.revision}`).toMatchObject({
        type: 'MemberCheckedIn',
        data: { memberId: a.memberId },
      });
    }
    const view = await again.view();
    expect(view.revision).toBe(events.at(-1)!.metadata.revision);
    expect(view.attendance.presentVoters).toBe(events.filter((x) => x.type === 'MemberCheckedIn').length);
    expect(view.attendance.presentVoters).toBeGreaterThanOrEqual(acked.length);
  });
});

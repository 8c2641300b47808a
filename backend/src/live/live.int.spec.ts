/**
 * The live protocol over real sockets on loopback (design.md, "Queries and
 * live updates"): `meeting:join` answers the view at a revision, every commit
 * reaches every joined client as `meeting:update` in revision order, a client
 * that missed updates catches up by re-joining with `since`, and what an
 * observer receives never names a member beyond the published candidates.
 */
import type { JoinAck, MeetingView } from '@tallyroom/contracts';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Election, makeRoll } from '../../../test/support/election.js';
import { request } from '../../../test/support/api.js';
import { LiveClient, PatchingLiveClient } from '../../../test/support/live.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

let server: TestServer;
const clients: (LiveClient | PatchingLiveClient)[] = [];

function client(token: string): LiveClient {
  const c = new LiveClient(server.url, token);
  clients.push(c);
  return c;
}

function joined(ack: JoinAck): Extract<JoinAck, { ok: true }> {
  expect(ack, JSON.stringify(ack)).toMatchObject({ ok: true });
  return ack as Extract<JoinAck, { ok: true }>;
}

async function meeting(n = 12): Promise<Election> {
  const e = await Election.create(server.api, { parameters: { doubleEntry: false } });
  await e.enrol(makeRoll(n));
  return e;
}

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});
afterAll(async () => {
  await server?.close();
});

describe('meeting:update', () => {
  it('brings a check-in made over HTTP to every joined client, with its revision and presentVoters', async () => {
    const e = await meeting();
    const chair = client(e.m.chair);
    const observer = client(e.observer);
    const head = await e.m.head();

    // Given both clients joined at the current head,
    for (const c of [chair, observer]) {
      const ack = joined(await c.join({ meetingId: e.m.meetingId }));
      expect(ack.revision).toBe(head.revision);
      expect(ack.view.revision).toBe(head.revision);
      expect(ack.view.attendance.presentVoters).toBe(0);
    }

    // when the kiosk checks a member in over HTTP,
    const { revision } = await e.m.command('CheckIn', { memberId: 'm0003', method: 'desk' });
    expect(revision).toBe(head.revision + 1);

    // then both sockets hear of it, each with its own role's view.
    for (const c of [chair, observer]) {
      const u = await c.until(revision);
      expect(u).toMatchObject({ meetingId: e.m.meetingId, fromRevision: revision, revision });
      expect(u.view.revision).toBe(revision);
      expect(u.view.attendance).toMatchObject({ expected: 12, presentVoters: 1 });
    }
    expect(chair.updates[0]!.view.members?.find((x) => x.memberId === 'm0003')?.present).toBe(true);
    expect(observer.updates[0]!.view.members).toBeUndefined();
  });

  it('delivers a burst of commits in revision order without gaps', async () => {
    const e = await meeting();
    const observer = client(e.observer);
    const ack = joined(await observer.join({ meetingId: e.m.meetingId }));
    const ids = makeRoll(10).map((x) => x.memberId);
    await Promise.all(ids.map((memberId) => e.m.command('CheckIn', { memberId, method: 'desk' })));
    const last = (await e.m.head()).revision;
    await observer.until(last);
    let expectedFrom = ack.revision + 1;
    for (const u of observer.updates) {
      expect(u.fromRevision).toBe(expectedFrom);
      expectedFrom = u.revision + 1;
    }
    expect(observer.updates.at(-1)!.view.attendance.presentVoters).toBe(10);
  });

  it('refuses a join without a valid credential and sends that socket nothing', async () => {
    const e = await meeting();
    const stranger = client('tr_guessed-token');
    const ack = await stranger.join({ meetingId: e.m.meetingId });
    expect(ack).toEqual({
      ok: false,
      error: {
        code: 'UNAUTHENTICATED',
        message: expect.any(String),
        text: {
          'zh-CN': '未附凭证，或链接无效、已被撤销',
          en: 'No credential was sent, or the link is invalid or revoked',
        },
      },
    });
    const unknown = await client(e.observer).join({ meetingId: 'no-such-meeting' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_MEETING' } });
    const { revision } = await e.m.command('CheckIn', { memberId: 'm0001', method: 'desk' });
    // A joined witness proves the update went out before we look at the stranger's inbox.
    const witness = client(e.observer);
    joined(await witness.join({ meetingId: e.m.meetingId }));
    await e.m.command('CheckIn', { memberId: 'm0002', method: 'desk' });
    await witness.until(revision + 1);
    expect(stranger.updates).toEqual([]);
  });
});

describe('re-joining with since', () => {
  it('gives a client that missed three check-ins the same view as one that never left', async () => {
    const e = await meeting();
    const steady = client(e.observer);
    const leaver = client(e.observer);
    joined(await steady.join({ meetingId: e.m.meetingId }));
    joined(await leaver.join({ meetingId: e.m.meetingId }));

    // Given both saw the first check-in,
    const first = await e.m.command('CheckIn', { memberId: 'm0001', method: 'desk' });
    await steady.until(first.revision);
    await leaver.until(first.revision);
    const since = leaver.revision;

    // when one of them closes its connection and three more members check in,
    const gone = new Promise<void>((resolve) => leaver.socket.once('disconnect', () => resolve()));
    leaver.close();
    await gone;
    for (const memberId of ['m0002', 'm0003', 'm0004']) await e.m.command('CheckIn', { memberId, method: 'desk' });
    const head = await e.m.head();
    await steady.until(head.revision);
    expect(leaver.revision).toBe(since);

    // then re-joining with `since` brings it to the same view as the client that stayed.
    const back = client(e.observer);
    const ack = joined(await back.join({ meetingId: e.m.meetingId, since }));
    expect(ack.revision).toBe(head.revision);
    const steadyView: MeetingView = steady.updates.at(-1)!.view;
    expect(ack.view).toEqual(steadyView);
    expect(ack.view.attendance.presentVoters).toBe(4);

    // And from there on both follow the same updates.
    const next = await e.m.command('CheckIn', { memberId: 'm0005', method: 'desk' });
    const [a, b] = await Promise.all([steady.until(next.revision), back.until(next.revision)]);
    expect(b).toEqual(a);
    expect(b.fromRevision).toBe(ack.revision + 1);
  });
});

describe('what an observer receives', () => {
  it('names no member except the published candidates, in the ack or any update', async () => {
    const e = await meeting(12);
    const observer = client(e.observer);
    const kiosk = client(e.kiosk);
    const chair = client(e.m.chair);
    for (const c of [observer, kiosk, chair]) joined(await c.join({ meetingId: e.m.meetingId }));

    // Members arrive; the chair prepares a contest and nominates three (not yet public).
    await e.checkIn(makeRoll(11).map((x) => x.memberId));
    const candidates = ['m0001', 'm0002', 'm0003', 'm0004'];
    await e.contest({ contestId: 'committee', seats: 3, candidates, confirm: false });
    // A member departs after the list is out.
    const last = await e.m.command('RecordDeparture', { memberId: 'm0011' }, { as: e.kiosk });
    for (const c of [observer, kiosk, chair]) await c.until(last.revision);

    const names = new Map(e.members.map((x) => [x.memberId, x.name]));
    const publicNames = candidates.map((id) => names.get(id)!);
    const privateNames = [...names].filter(([id]) => !candidates.includes(id)).map(([, n]) => n);
    for (const c of [observer, kiosk]) {
      const all = c.raw.join('\n');
      for (const n of privateNames)
        expect(all, `a ${c === observer ? 'observer' : 'kiosk'} payload names ${n}`).not.toContain(n);
      // Candidates are public once the list is published (P-10), and only then.
      const beforePublication = c.raw.filter((r) => !r.includes('"list":{')).join('\n');
      for (const n of publicNames) expect(beforePublication).not.toContain(n);
      expect(c.raw.at(-1)).toContain(publicNames[0]!);
      expect(c.raw.some((r) => r.includes('"present"'))).toBe(false);
    }
    // The same check run on the chair's stream does see names, so it would catch a leak.
    expect(chair.raw.join('\n')).toContain(privateNames[0]!);
  });
});

describe('ballots as they are entered', () => {
  it('pushes every ballot to the observer at once: entered +1, the tally rising with it', async () => {
    const e = await meeting(12);
    await e.checkIn(makeRoll(12).map((x) => x.memberId));
    await e.ready({ scrutineers: ['m0012'], tellers: 1 });
    await e.contest({ contestId: 'c', seats: 1, candidates: ['m0001', 'm0002'] });
    await e.openRound('c');
    const observer = client(e.observer);
    joined(await observer.join({ meetingId: e.m.meetingId }));

    const marks = ['m0001', 'm0002', 'm0001', 'm0001', 'm0002'];
    const seen: { entered: number; m0001: number; m0002: number }[] = [];
    for (const [i, candidate] of marks.entries()) {
      const { revision } = await e.m.command(
        'RecordBallot',
        { contestId: 'c', round: 1, ballotNo: i + 1, marks: { [candidate]: 'for' }, writeIns: [] },
        { as: e.tellers[0] },
      );
      // Each ballot's own update, not a later one that happens to include it.
      const u = await observer.until(revision);
      expect(u.revision).toBe(revision);
      const round = u.view.contests[0]!.rounds[0]!;
      const forOf = (id: string) => round.tally.find((t) => t.candidateId === id)!.for;
      seen.push({ entered: round.ballotsEntered, m0001: forOf('m0001'), m0002: forOf('m0002') });
    }
    expect(seen).toEqual([
      { entered: 1, m0001: 1, m0002: 0 },
      { entered: 2, m0001: 1, m0002: 1 },
      { entered: 3, m0001: 2, m0002: 1 },
      { entered: 4, m0001: 3, m0002: 1 },
      { entered: 5, m0001: 3, m0002: 2 },
    ]);
    // A ballot names its teller, never a voter; the observer does not even see the teller.
    expect(observer.raw.join('\n')).not.toMatch(/"memberId":"m0003"/);
    // Issue 19: running totals per candidate, never a ballot's marks.
    expect(observer.raw.join('\n')).not.toMatch(/"marks"|"myEntries"|"discrepancies"/);
  });
});

describe('protocol 2: updates as patches against the last view', () => {
  function patching(meetingId: string, token: string): PatchingLiveClient {
    const c = new PatchingLiveClient(server.url, meetingId, token);
    clients.push(c);
    return c;
  }

  it('keeps every audience’s view equal, revision by revision, to the whole view a protocol-1 client receives', async () => {
    const e = await meeting(20);
    const id = e.m.meetingId;
    const tokens = { chair: e.m.chair, observer: e.observer };
    const whole = Object.fromEntries(Object.entries(tokens).map(([r, t]) => [r, client(t)]));
    const early = Object.fromEntries(Object.entries(tokens).map(([r, t]) => [r, patching(id, t)]));
    for (const c of Object.values(whole)) joined(await c.join({ meetingId: id }));
    for (const c of Object.values(early)) joined(await c.join());

    // Check-ins at once (several commits in one update), officers and a contest, a round opened, ballots keyed in, ...
    await e.checkIn(
      makeRoll(18).map((m) => m.memberId),
      6,
    );
    await e.ready({ scrutineers: ['m0020'], tellers: 1 });
    await e.contest({ contestId: 'c', seats: 2, candidates: ['m0001', 'm0002', 'm0003'] });
    const opened = await e.openRound('c');
    const marks = ['m0001', 'm0002', 'm0001', 'm0003', 'm0001', 'm0002'];
    const ballots = marks.map((m) => ({ marks: { [m]: 'for' as const }, writeIns: [] }));
    await e.enterBallots('c', opened.round, ballots.slice(0, 3), { tellers: [e.tellers[0]!] });
    // ... a second observer joining the same audience part-way, which the patches from then on must also fit, ...
    const late = patching(id, e.observer);
    joined(await late.join());
    await e.enterBallots('c', opened.round, ballots.slice(3), { tellers: [e.tellers[0]!], firstBallotNo: 4 });
    const closed = await e.closeRound('c', opened.round, ballots.length);

    for (const c of [...Object.values(whole), ...Object.values(early), late]) await c.until(closed.revision);
    for (const role of Object.keys(tokens)) {
      const wholeUpdates = whole[role]!.updates;
      const held = new Map(early[role]!.views.map((v) => [v.revision, v.view]));
      // ... then at every revision a whole view was sent for, the patched view is that view.
      for (const u of wholeUpdates) expect(held.get(u.revision), `${role} at ${u.revision}`).toEqual(u.view);
      const patches = early[role]!.raw;
      expect(patches.length).toBe(wholeUpdates.length);
      expect(patches.every((u) => u.patch !== undefined && u.view === undefined)).toBe(true);
      expect(early[role]!.rejoins).toBe(0);
      // ... and what travelled is a fraction of the whole views.
      const bytes = (xs: unknown[]) => xs.reduce<number>((n, x) => n + JSON.stringify(x).length, 0);
      expect(bytes(patches) * 3).toBeLessThan(bytes(wholeUpdates));
    }
    expect(late.views.at(-1)!.view).toEqual(whole.observer!.updates.at(-1)!.view);
    expect(late.rejoins).toBe(0);
    expect(late.raw.length).toBeGreaterThan(3);
    // The secret ballot holds for patches as for views: no marks, and the observer never sees who is present.
    expect(JSON.stringify(early.observer!.raw)).not.toMatch(/"marks"|"present"/);
  });

  it('falls back to a whole view on a gap: a patch client that misses an update re-joins and is whole again', async () => {
    const e = await meeting();
    const id = e.m.meetingId;
    const c = patching(id, e.observer);
    joined(await c.join());
    // Drop one update on the floor, as a lossy link would, and let the next one show the gap.
    const dropped = await e.m.command('CheckIn', { memberId: 'm0001', method: 'desk' });
    await c.until(dropped.revision);
    c.sync.revision = dropped.revision - 1;
    const next = await e.m.command('CheckIn', { memberId: 'm0002', method: 'desk' });
    const view = await c.until(next.revision);
    expect(c.rejoins).toBe(1);
    expect(view.attendance.presentVoters).toBe(2);
    expect(view).toEqual(await e.view(e.observer));
  });
});

/**
 * A socket that drops for a moment may be recovered by socket.io (connection state recovery), and the live client
 * then takes the replay as its catch-up (LiveSync trusts a recovered session). So a recovered session must have been
 * replayed everything it missed: a room left empty is not broadcast to, and a session that was alone in its audience
 * (a chair's screen, a teller's, a lone projector) is not recovered but re-joins. Nor is one whose credential was
 * revoked while it was away.
 */
describe('connection state recovery', () => {
  const sockets: ClientSocket[] = [];
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });

  async function connected(token: string) {
    const updates: { revision: number; view?: MeetingView; patch?: unknown }[] = [];
    const socket = connect(`${server.url}/live`, {
      auth: { token },
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 300,
      reconnectionDelayMax: 300,
    });
    sockets.push(socket);
    socket.on('meeting:update', (u: { revision: number }) => updates.push(u));
    await new Promise<void>((r) => socket.once('connect', () => r()));
    return { socket, updates };
  }

  async function dropped(socket: ClientSocket, meanwhile: () => Promise<unknown>): Promise<boolean> {
    const back = new Promise<boolean>((r) => socket.once('connect', () => r(socket.recovered)));
    const gone = new Promise<void>((r) => socket.io.engine.once('close', () => r()));
    socket.io.engine.close();
    await gone;
    await new Promise((r) => setTimeout(r, 100));
    await meanwhile();
    return back;
  }

  for (const patches of [false, true]) {
    it(`a lone screen is either replayed the check-in made while it was away, or re-joins (${patches ? 'patches' : 'whole views'})`, async () => {
      const e = await meeting();
      const { socket, updates } = await connected(e.m.chair);
      joined((await socket.emitWithAck('meeting:join', { meetingId: e.m.meetingId, patches })) as JoinAck);
      // Socket.io recovers a session from the last broadcast it received: one, before the drop.
      const seen = (await e.m.command('CheckIn', { memberId: 'm0001', method: 'desk' })).revision;
      await expect.poll(() => updates.map((u) => u.revision)).toEqual([seen]);

      let made = 0;
      const recovered = await dropped(socket, async () => {
        made = (await e.m.command('CheckIn', { memberId: 'm0002', method: 'desk' })).revision;
      });
      if (recovered) {
        // Only if the room was still there when the check-in was made (the server had not noticed the drop yet).
        await expect.poll(() => updates.map((u) => u.revision)).toEqual([seen, made]);
      } else {
        // As the dashboard does on a plain connect: join again, and the view is whole.
        const ack = joined(
          (await socket.emitWithAck('meeting:join', { meetingId: e.m.meetingId, patches })) as JoinAck,
        );
        expect(ack.revision).toBe(made);
        expect(ack.view.attendance.presentVoters).toBe(2);
      }
    });
  }

  it('a session whose credential was revoked while it was away is not recovered, though its room went on', async () => {
    const e = await meeting();
    const minted = await e.m.mint('observer', { name: '旁听一' });
    const stays = await connected(e.observer);
    const leaves = await connected(minted.token);
    for (const c of [stays, leaves])
      joined((await c.socket.emitWithAck('meeting:join', { meetingId: e.m.meetingId })) as JoinAck);
    const seen = (await e.m.command('CheckIn', { memberId: 'm0001', method: 'desk' })).revision;
    await expect.poll(() => leaves.updates.map((u) => u.revision)).toEqual([seen]);
    const recovered = await dropped(leaves.socket, async () => {
      const r = await request(server.url, 'DELETE', `${e.m.path}/credentials/${minted.credentialId}`, {
        token: e.m.chair,
      });
      expect(r.status, r.text).toBe(200);
      await e.m.command('CheckIn', { memberId: 'm0002', method: 'desk' });
    });
    expect(recovered).toBe(false);
    await new Promise((r) => setTimeout(r, 200));
    expect(leaves.updates.map((u) => u.revision)).toEqual([seen]);
  });
});

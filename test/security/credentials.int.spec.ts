/**
 * Issue 6, credentials: tokens are random (≥128 bits), shown once, stored only
 * as SHA-256 hashes (never in the event log, never in the process log in
 * clear), revocable by the chair, and useless after the meeting closes except
 * for supervisor and observer reads. A revoked or closed-out socket is shown
 * the door at once, not at its next join.
 */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, expectError, expectOk, request } from '../support/api.js';
import { Election, makeRoll, memberId } from '../support/election.js';
import { LiveClient } from '../support/live.js';
import { startBackend, tempDir } from '../support/processes.js';
import { buildBackend, startTestServer, type TestServer } from '../support/server.js';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const TOKEN = /^tr_([A-Za-z0-9_-]+)$/;

/** Resolves when the socket is disconnected by the server. */
const disconnected = (live: LiveClient) =>
  new Promise<string>((resolve) => {
    if (!live.socket.connected) resolve('already');
    live.socket.once('disconnect', (reason) => resolve(reason));
  });

/**
 * A meeting of n members, all present, method adopted and officers appointed (the last member scrutineer, one
 * teller 计票人1, single entry): teller and scrutineer credentials are minted only for appointed officers (P-16/P-17).
 */
async function officersAppointed(n: number, api: Api = server.api): Promise<Election> {
  const e = await Election.create(api, { parameters: { doubleEntry: false } });
  const roll = makeRoll(n);
  await e.enrol(roll);
  await e.checkIn(roll.map((m) => m.memberId));
  await e.ready({ scrutineers: [memberId(n)], tellers: 1 });
  return e;
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('tokens', () => {
  it('carry at least 128 random bits, are never repeated, and are stored only as their SHA-256', async () => {
    const e = await officersAppointed(3);
    const created = Object.entries(e.m.credentials);
    expect(created.map(([r]) => r).sort()).toEqual(['chair', 'kiosk', 'observer', 'supervisor']);
    const minted = [];
    for (let i = 0; i < 20; i++)
      minted.push(
        await e.m.mint(
          i % 2 ? 'teller' : 'member',
          i % 2 ? { officer: '计票人1' } : { memberId: memberId(1 + (i % 3)) },
        ),
      );
    const all = [...created.map(([, t]) => t), ...e.tellers, e.scrutineer, ...minted.map((c) => c.token)];
    for (const token of all) {
      const body = TOKEN.exec(token)?.[1];
      expect(body, token).toBeDefined();
      expect(Buffer.from(body!, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    }
    expect(new Set(all).size).toBe(all.length);
    // The link carries the token in the fragment, which browsers never send to a server.
    for (const c of minted) expect(c.link).toMatch(new RegExp(`#t=${c.token}$`));

    // Shown once: no later answer, to any role, contains a token; the log holds exactly their hashes.
    const exported = await e.m.eventsText();
    const answers = [
      exported,
      await e.m.eventsText(e.supervisor),
      JSON.stringify(await e.view()),
      JSON.stringify(await e.view(e.supervisor)),
    ];
    for (const token of all) {
      for (const text of answers) expect(text).not.toContain(TOKEN.exec(token)![1]);
    }
    const hashes = exported
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; data: { tokenHash?: string } })
      .filter((x) => x.type === 'CredentialIssued')
      .map((x) => x.data.tokenHash);
    expect(hashes.sort()).toEqual(all.map(sha256).sort());
  });

  it('belong to one meeting: a chair token of one meeting opens nothing in another', async () => {
    const a = await server.api.createMeeting();
    const b = await server.api.createMeeting();
    expectError(await request(server.url, 'GET', b.path, { token: a.chair }), 401, 'UNAUTHENTICATED');
    expectError(await b.send('CloseMeeting', {}, { as: a.chair }), 401, 'UNAUTHENTICATED');
  });
});

describe('revocation', () => {
  it('refuses a revoked teller over HTTP and on the socket, and ends its live watch at once', async () => {
    const e = await officersAppointed(5);
    const teller = await e.m.mint('teller', { officer: '计票人1' });
    const live = new LiveClient(server.url, teller.token);
    const watcher = new LiveClient(server.url, e.supervisor);
    try {
      expect(await live.join({ meetingId: e.m.meetingId })).toMatchObject({
        ok: true,
        view: { viewer: { role: 'teller' } },
      });
      expect(await watcher.join({ meetingId: e.m.meetingId })).toMatchObject({ ok: true });
      const gone = disconnected(live);
      const revoked = expectOk(
        await request(server.url, 'DELETE', `${e.m.path}/credentials/${teller.credentialId}`, { token: e.m.chair }),
      );
      expect(await gone).toBe('io server disconnect');
      await watcher.until(revoked.revision);
      expect(watcher.socket.connected).toBe(true);
      expect((await e.view()).credentials?.find((c) => c.credentialId === teller.credentialId)).toMatchObject({
        revoked: true,
      });

      const before = await e.m.eventsText();
      expectError(await request(server.url, 'GET', e.m.path, { token: teller.token }), 401, 'UNAUTHENTICATED');
      expectError(
        await e.m.send(
          'RecordBallot',
          { contestId: 'x', round: 1, ballotNo: 1, marks: {}, writeIns: [] },
          { as: teller.token },
        ),
        401,
        'UNAUTHENTICATED',
      );
      expect(await e.m.eventsText()).toBe(before);
      const again = new LiveClient(server.url, teller.token);
      try {
        expect(await again.join({ meetingId: e.m.meetingId })).toMatchObject({
          ok: false,
          error: { code: 'UNAUTHENTICATED' },
        });
      } finally {
        again.close();
      }
    } finally {
      live.close();
      watcher.close();
    }
  });
});

describe('a closed meeting', () => {
  it("ends the teller's, the kiosk's and the member's live watch and keeps the supervisor's and the observer's", async () => {
    const e = await officersAppointed(5);
    const tokens = {
      teller: (await e.m.mint('teller', { officer: '计票人1' })).token,
      member: (await e.m.mint('member', { memberId: memberId(2) })).token,
      kiosk: e.kiosk,
      observer: e.observer,
      supervisor: e.supervisor,
      chair: e.m.chair,
    };
    const clients = Object.fromEntries(
      Object.entries(tokens).map(([r, t]) => [r, new LiveClient(server.url, t)]),
    ) as Record<keyof typeof tokens, LiveClient>;
    try {
      for (const c of Object.values(clients))
        expect(await c.join({ meetingId: e.m.meetingId })).toMatchObject({ ok: true });
      const ends = (['teller', 'member', 'kiosk'] as const).map((r) => disconnected(clients[r]));
      const closed = await e.m.command('CloseMeeting', {});
      expect(await Promise.all(ends)).toEqual(['io server disconnect', 'io server disconnect', 'io server disconnect']);
      for (const r of ['observer', 'supervisor', 'chair'] as const) {
        expect((await clients[r].until(closed.revision)).view.closed).toBe(true);
        expect(clients[r].socket.connected).toBe(true);
      }
      expectError(await request(server.url, 'GET', e.m.path, { token: tokens.teller }), 403, 'MEETING_CLOSED');
      expectError(
        await e.m.send('CheckIn', { memberId: memberId(2), method: 'self' }, { as: tokens.member }),
        403,
        'MEETING_CLOSED',
      );
      expect((await e.view(tokens.observer)).closed).toBe(true);
      expect((await e.m.eventsText(tokens.supervisor)).length).toBeGreaterThan(0);
    } finally {
      for (const c of Object.values(clients)) c.close();
    }
  });
});

describe('the process log', () => {
  it('never prints a token in clear, whatever the requests', async () => {
    buildBackend();
    const dir = tempDir();
    const backend = await startBackend({ TALLYROOM_STORE: `sqlite:${dir}/t.db`, LOG_LEVEL: 'trace' });
    try {
      const api = await officersAppointed(3, new Api(backend.url));
      const teller = await api.m.mint('teller', { officer: '计票人1' });
      const member = await api.m.mint('member', { memberId: memberId(1) });
      const tokens = [...Object.values(api.m.credentials), teller.token, member.token];
      // Successes, refusals, a bad body, a socket join, a revocation, and a token sent to the wrong meeting.
      await api.m.command(
        'CheckIn',
        { memberId: memberId(1), method: 'self', venueCode: await api.m.venueCode() },
        { as: member.token },
      );
      await api.m.send(
        'RecordBallot',
        { contestId: 'x', round: 1, ballotNo: 1, marks: {}, writeIns: [] },
        { as: teller.token },
      );
      await request(backend.url, 'POST', `${api.m.path}/commands`, { token: teller.token, raw: '{"type":' });
      const live = new LiveClient(backend.url, teller.token);
      try {
        await live.join({ meetingId: api.m.meetingId, token: teller.token });
      } finally {
        live.close();
      }
      await request(backend.url, 'DELETE', `${api.m.path}/credentials/${teller.credentialId}`, { token: api.m.chair });
      await api.m.send('CloseMeeting', {}, { as: teller.token });
      await request(backend.url, 'GET', '/api/meetings/nope', { token: api.m.chair });
      await request(backend.url, 'GET', `${api.m.path}?token=${member.token}`, { token: member.token });
      await backend.stop();
      const out = backend.output();
      expect(out).toContain('tallyroom serving');
      for (const token of tokens) expect(out).not.toContain(TOKEN.exec(token)![1]);
    } finally {
      await backend.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Issue 18, "links that work in the hall" and "getting back in", over HTTP:
 * every link the server builds starts with its public address
 * (TALLYROOM_PUBLIC_URL, else the address it detects, GET /api/server), and
 * the printed recovery code mints a new chair credential: a wrong code writes
 * nothing and counts against the address like a wrong credential, the right
 * one (typed back from paper) gives a working chair token, and the log with
 * the recovery in it still verifies.
 */
import {
  replayLog,
  type ChainedEvent,
  type MintedCredential,
  type ScheduledMeeting,
  type ServerInfo,
} from '@tallyroom/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk, today } from '../support/api.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { adminToken } from '../support/organisation.js';

const HALL = 'http://hall.example:8080';

const schedule = async (server: TestServer) =>
  server.api.request<ScheduledMeeting>('POST', '/api/meetings', {
    token: await adminToken(server.url),
    json: { title: '第一党支部换届选举党员大会', organisation: '第一党支部', scheduledFor: today() },
  });

describe('links on TALLYROOM_PUBLIC_URL', () => {
  let server: TestServer;
  beforeAll(async () => {
    // A trailing slash, as an operator may well write it.
    server = await startTestServer({ TALLYROOM_PUBLIC_URL: `${HALL}/` });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("builds a scheduled meeting's links, and minted ones, on the public address", async () => {
    const reply = await schedule(server);
    expect(reply.status, reply.text).toBe(201);
    const m = reply.body;
    for (const role of ['chair', 'observer', 'supervisor', 'kiosk'] as const)
      expect(m.links[role]).toBe(`${HALL}/m/${m.meetingId}/${role}#t=${m.credentials[role]}`);
    const minted = await server.api.request<MintedCredential>('POST', `/api/meetings/${m.meetingId}/credentials`, {
      token: m.credentials.chair,
      json: { role: 'supervisor', name: '上级党委' },
    });
    expect(minted.status, minted.text).toBe(201);
    expect(minted.body.link).toBe(`${HALL}/m/${m.meetingId}/supervisor#t=${minted.body.token}`);
  });

  it('says where the address comes from on GET /api/server', async () => {
    const reply = await server.api.request<ServerInfo>('GET', '/api/server');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ publicUrl: HALL, source: 'setting', reachable: true });
  });
});

describe('links of a server that listens on loopback only', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(); // HOST=127.0.0.1
  });
  afterAll(async () => {
    await server?.close();
  });

  it('uses the one address it listens on, and says phones cannot reach it', async () => {
    const info = (await server.api.request<ServerInfo>('GET', '/api/server')).body;
    expect(info).toEqual({ publicUrl: server.url, source: 'loopback', addresses: [], reachable: false });
    const m = (await schedule(server)).body;
    expect(m.links.observer).toBe(`${server.url}/m/${m.meetingId}/observer#t=${m.credentials.observer}`);
  });
});

describe('the recovery code', () => {
  let server: TestServer;
  let m: ScheduledMeeting;
  const recover = (code: unknown, meetingId = m.meetingId) =>
    server.api.request<MintedCredential>('POST', `/api/meetings/${meetingId}/recover`, { json: { code } });
  const eventsText = async () =>
    (await server.api.request('GET', `/api/meetings/${m.meetingId}/events`, { token: m.credentials.supervisor })).text;

  beforeAll(async () => {
    server = await startTestServer({ TALLYROOM_RATE_AUTH_FAILURES: '5/60' });
    m = (await schedule(server)).body;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('is given once at creation, in groups of four, and only its hash is in the log', async () => {
    expect(m.recoveryCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    const log = await eventsText();
    expect(log).toContain('"type":"RecoveryCodeSet"');
    expect(log).not.toContain(m.recoveryCode);
    expect(log).not.toContain(m.recoveryCode.replaceAll('-', ''));
  });

  it('refuses a wrong code with 401 RECOVERY_CODE_WRONG and writes nothing', async () => {
    const before = await eventsText();
    const wrong = m.recoveryCode.startsWith('A') ? `B${m.recoveryCode.slice(1)}` : `A${m.recoveryCode.slice(1)}`;
    expectError(await recover(wrong), 401, 'RECOVERY_CODE_WRONG');
    expectError(await recover('not a code'), 401, 'RECOVERY_CODE_WRONG');
    expectError(await recover(''), 400, 'INVALID_FIELD');
    expectError(await recover(42), 400, 'INVALID_FIELD');
    expectError(await recover(m.recoveryCode, 'no-such-meeting'), 404, 'UNKNOWN_MEETING');
    expect(await eventsText()).toBe(before);
  });

  it('gives a working chair token for the code as typed back from paper; the old chair token still works', async () => {
    const typed = `  ${m.recoveryCode.toLowerCase().replaceAll('-', ' ')} `;
    const reply = await recover(typed);
    expect(reply.status, reply.text).toBe(201);
    const { token, link, credentialId } = reply.body;
    expect(credentialId).toMatch(/^chair-/);
    expect(link).toBe(`${server.url}/m/${m.meetingId}/chair#t=${token}`);
    const view = await server.api.request<{ viewer: { role: string } }>('GET', `/api/meetings/${m.meetingId}`, {
      token,
    });
    expect(view.body.viewer.role).toBe('chair');
    const chairAs = (t: string) =>
      server.api.request('POST', `/api/meetings/${m.meetingId}/commands`, {
        token: t,
        json: {
          type: 'EnrolMembers',
          data: { members: [{ memberId: `m${t.slice(-4)}`, name: '王伟', status: 'full' }] },
        },
      });
    expectOk(await chairAs(token));
    expectOk(await chairAs(m.credentials.chair));
  });

  it('stops working when the chair draws a new one, and the new one works', async () => {
    const drawn = await server.api.request<{ recoveryCode: string }>(
      'POST',
      `/api/meetings/${m.meetingId}/recovery-code`,
      { token: m.credentials.chair, json: {} },
    );
    expect(drawn.status, drawn.text).toBe(201);
    expect(drawn.body.recoveryCode).not.toBe(m.recoveryCode);
    expectError(await recover(m.recoveryCode), 401, 'RECOVERY_CODE_WRONG');
    expect((await recover(drawn.body.recoveryCode)).status).toBe(201);
  });

  it('leaves a log that verifies, the recovered credentials issued by the recovery actor', async () => {
    const events = (await eventsText())
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ChainedEvent);
    const r = replayLog(events);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    const recovered = events.filter((e) => e.type === 'CredentialIssued' && e.metadata.actor.id === 'recovery');
    expect(recovered).toHaveLength(2);
    for (const e of recovered) {
      expect(e.metadata.actor).toEqual({ role: 'system', id: 'recovery' });
      expect((e.data as { role: string }).role).toBe('chair');
    }
  });

  it('is rate-limited like credential guessing: 429 once the address has failed too often, the right code still passes', async () => {
    // Three failures above (a wrong code, "not a code", the replaced code); five are allowed per minute.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await recover('0000-0000-0000-0000-0000')).status);
    expect(statuses).toEqual([401, 401, 429, 429]);
    // As with credentials: a whole hall shares one address, and the secretary with the right code must get in.
    const drawn = await server.api.request<{ recoveryCode: string }>(
      'POST',
      `/api/meetings/${m.meetingId}/recovery-code`,
      { token: m.credentials.chair, json: {} },
    );
    expect((await recover(drawn.body.recoveryCode)).status).toBe(201);
  });
});

/**
 * The 换届's process stream live over real sockets on loopback: `election:join` with the chair's or an observer's
 * credential answers the view at its revision, every commit made over HTTP reaches the joined screens as
 * `election:update`, and a token the election never issued, or an election that does not exist, is refused.
 */
import type { ElectionJoinAck, ElectionUpdate, OpenedElection } from '@tallyroom/contracts';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { adminToken, countyAdmin, mintOrgCredential } from '../../../test/support/organisation.js';

let server: TestServer;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});
afterAll(async () => {
  await server?.close();
});

class Watcher {
  readonly updates: ElectionUpdate[] = [];
  readonly socket: Socket;
  constructor(token: string) {
    this.socket = io(`${server.url}/live`, {
      auth: { token },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    sockets.push(this.socket);
    this.socket.on('election:update', (u: ElectionUpdate) => this.updates.push(u));
  }
  join(electionId: unknown, token?: string): Promise<ElectionJoinAck> {
    return this.socket.timeout(5000).emitWithAck('election:join', { electionId, token }) as Promise<ElectionJoinAck>;
  }
  async until(revision: number): Promise<ElectionUpdate> {
    for (let i = 0; i < 100; i++) {
      const u = this.updates.find((x) => x.revision >= revision);
      if (u) return u;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no update reaching revision ${revision} (got ${this.updates.map((u) => u.revision).join(',')})`);
  }
}

async function open(): Promise<OpenedElection> {
  const r = await fetch(`${server.url}/api/elections`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await adminToken(server.url)}` },
    body: JSON.stringify({ organisation: '某局机关第一党支部', offices: [{ office: '委员', seats: 3 }] }),
  });
  expect(r.status).toBe(201);
  return (await r.json()) as OpenedElection;
}

async function command(o: OpenedElection, type: string, data: unknown) {
  const r = await fetch(`${server.url}/api/elections/${o.electionId}/commands`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${o.credentials.chair}` },
    body: JSON.stringify({ type, data }),
  });
  expect(r.status, await r.clone().text()).toBe(200);
  return (await r.json()) as { revision: number };
}

describe('election:join and election:update', () => {
  it("lets the county's org-viewer watch a 换届 of its branch live, in its own role", async () => {
    const o = await open();
    const county = await countyAdmin(server.url);
    const viewer = await mintOrgCredential(server.url, county.organisationId, county.token, 'org-viewer');
    const watcher = new Watcher(viewer.token);
    const ack = await watcher.join(o.electionId);
    expect(ack).toMatchObject({ ok: true, view: { electionId: o.electionId, viewer: { role: 'org-viewer' } } });
    const done = await command(o, 'ProposeNominee', { nomineeId: 'm1', name: '张三', route: 'self' });
    const update = await watcher.until(done.revision);
    expect(update.view.nominees.map((n) => n.name)).toEqual(['张三']);
    expect(update.view.viewer).toEqual({ role: 'org-viewer' });
  });

  it("brings the chair's commands to the observer's and the chair's screens, each view in its reader's role", async () => {
    const o = await open();
    const observer = new Watcher(o.credentials.observer);
    const chair = new Watcher(o.credentials.chair);
    const ack = await observer.join(o.electionId);
    expect(ack).toMatchObject({
      ok: true,
      revision: 2,
      view: { electionId: o.electionId, viewer: { role: 'observer' } },
    });
    expect(await chair.join(o.electionId)).toMatchObject({ ok: true, view: { viewer: { role: 'chair' } } });

    const { revision } = await command(o, 'ProposeNominee', { nomineeId: 'm1', name: '张三', route: 'self' });
    expect(revision).toBe(3);
    const seen = await observer.until(3);
    expect(seen.electionId).toBe(o.electionId);
    expect(seen.view.nominees.map((n) => n.name)).toEqual(['张三']);
    expect(seen.view.viewer).toEqual({ role: 'observer' });
    expect((await chair.until(3)).view.viewer).toEqual({ role: 'chair' });
    // Nothing secret travels: the credentials' hashes stay in the log.
    expect(JSON.stringify(observer.updates)).not.toContain('tokenHash');

    await command(o, 'PlanStep', { step: 'request', plannedOn: '2026-12-01', responsible: '王书记' });
    const planned = await observer.until(4);
    expect(planned.view.card.steps.find((s) => s.step === 'request')).toMatchObject({
      plannedOn: '2026-12-01',
      responsible: '王书记',
    });
  });

  it('refuses a token the election never issued, another election, and a missing id, and sends such a socket nothing', async () => {
    const o = await open();
    const other = await open();
    const stranger = new Watcher(other.credentials.chair);
    const refused = await stranger.join(o.electionId);
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await stranger.join('no-such-election')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ELECTION' } });
    expect(await stranger.join(undefined)).toMatchObject({ ok: false, error: { code: 'INVALID_FIELD' } });
    const observer = new Watcher(o.credentials.observer);
    expect(await observer.join(o.electionId)).toMatchObject({ ok: true });
    await command(o, 'ProposeNominee', { nomineeId: 'm1', name: '张三', route: 'self' });
    await observer.until(3);
    expect(stranger.updates).toEqual([]);
  });
});

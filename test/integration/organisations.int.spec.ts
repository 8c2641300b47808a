/**
 * Issue 23, point 1: organisations and accounts over HTTP. The operator creates a root; an org-admin creates the
 * organisations below it, mints their credentials, schedules meetings and opens 换届 only in its own subtree; a
 * viewer or an approver cannot; without a credential nothing is created and nothing is written.
 */
import {
  ORG_ACTIONS,
  ORG_ROLES,
  type CreatedOrganisation,
  type OpenedElection,
  type OrganisationReply,
} from '@tallyroom/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../backend/src/config.js';
import { storeFromUrl } from '../../backend/src/event-store/store-from-url.js';
import { OperatorCredential } from '../../backend/src/organisations/operator-credential.js';
import { expectError, request, today, type Reply } from '../support/api.js';
import { TEST_OPERATOR_TOKEN } from '../support/organisation.js';
import { startTestServer, testEnv, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const post = (path: string, json: unknown, token?: string) => request(server.url, 'POST', path, { json, token });
const meetingBody = (extra: Record<string, unknown> = {}) => ({
  title: '第一党支部换届选举党员大会',
  organisation: '第一党支部',
  scheduledFor: today(),
  ...extra,
});
async function created(reply: Reply): Promise<CreatedOrganisation> {
  expect(reply.status, reply.text).toBe(201);
  return reply.body as CreatedOrganisation;
}
const ndjson = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { type: string; data: Record<string, unknown> });

describe('organisations and accounts', () => {
  let county: CreatedOrganisation;
  let committee: CreatedOrganisation;
  let branch: CreatedOrganisation;
  let otherCounty: CreatedOrganisation;
  const admin = (o: CreatedOrganisation) => o.credentials['org-admin'];

  beforeAll(async () => {
    county = await created(
      await post('/api/organisations', { name: '某县委组织部', kind: 'county' }, TEST_OPERATOR_TOKEN),
    );
    committee = await created(
      await post(
        '/api/organisations',
        { name: '某镇党委', kind: 'committee', parentId: county.organisationId },
        admin(county),
      ),
    );
    branch = await created(
      await post(
        '/api/organisations',
        { name: '某村党支部', kind: 'branch', parentId: committee.organisationId },
        admin(committee),
      ),
    );
    otherCounty = await created(
      await post('/api/organisations', { name: '邻县委组织部', kind: 'county' }, TEST_OPERATOR_TOKEN),
    );
  });

  it('answers the tree from any organisation down, to a credential of it or above', async () => {
    const tree = await request<{
      organisation: { name: string; children: { name: string; children: { name: string }[] }[] };
    }>(server.url, 'GET', `/api/organisations/${county.organisationId}`, { token: admin(county) });
    expect(tree.status, tree.text).toBe(200);
    expect(tree.body.organisation.name).toBe('某县委组织部');
    expect(tree.body.organisation.children.map((c) => c.name)).toEqual(['某镇党委']);
    expect(tree.body.organisation.children[0]!.children.map((c) => c.name)).toEqual(['某村党支部']);
    // The county reads the branch; the branch does not read the county; the neighbour reads neither.
    expect(
      (await request(server.url, 'GET', `/api/organisations/${branch.organisationId}`, { token: admin(county) }))
        .status,
    ).toBe(200);
    expectError(
      await request(server.url, 'GET', `/api/organisations/${county.organisationId}`, { token: admin(branch) }),
      403,
      'OUTSIDE_ORGANISATION',
    );
    expectError(
      await request(server.url, 'GET', `/api/organisations/${branch.organisationId}`, { token: admin(otherCounty) }),
      403,
      'OUTSIDE_ORGANISATION',
    );
    expectError(
      await request(server.url, 'GET', `/api/organisations/${branch.organisationId}`),
      401,
      'UNAUTHENTICATED',
    );
    expectError(
      await request(server.url, 'GET', '/api/organisations/nope', { token: TEST_OPERATOR_TOKEN }),
      404,
      'UNKNOWN_ORGANISATION',
    );
  });

  it('creates a root only with the operator credential, a child only under its own subtree', async () => {
    expectError(await post('/api/organisations', { name: '假组织', kind: 'county' }), 401, 'UNAUTHENTICATED');
    const e = expectError(
      await post('/api/organisations', { name: '假组织', kind: 'county' }, admin(county)),
      403,
      'FORBIDDEN',
    );
    expect(e.field).toBe('parentId');
    expectError(
      await post(
        '/api/organisations',
        { name: '越级', kind: 'branch', parentId: county.organisationId },
        admin(branch),
      ),
      403,
      'OUTSIDE_ORGANISATION',
    );
    const bad = expectError(
      await post('/api/organisations', { name: '', kind: 'planet' }, TEST_OPERATOR_TOKEN),
      400,
      'INVALID_FIELD',
    );
    expect(['name', 'kind']).toContain(bad.field);
    expectError(
      await post('/api/organisations', { name: '孤儿', kind: 'branch', parentId: 'missing' }, TEST_OPERATOR_TOKEN),
      404,
      'UNKNOWN_ORGANISATION',
    );
  });

  it('refuses a second child of the same name under one parent (409, nothing written); another parent may use it', async () => {
    const before = await request<{ children?: { name: string }[] }>(
      server.url,
      'GET',
      `/api/organisations/${committee.organisationId}`,
      { token: admin(committee) },
    );
    const e = expectError(
      await post(
        '/api/organisations',
        { name: ' 某村党支部 ', kind: 'branch', parentId: committee.organisationId },
        admin(committee),
      ),
      409,
      'ORGANISATION_NAME_TAKEN',
    );
    expect(e.field).toBe('name');
    expect(e.params).toEqual({ name: '某村党支部', parent: '某镇党委' });
    const after = await request(server.url, 'GET', `/api/organisations/${committee.organisationId}`, {
      token: admin(committee),
    });
    expect(after.body).toEqual(before.body);
    // The same name under another committee is another organisation.
    const elsewhere = await post(
      '/api/organisations',
      { name: '某村党支部', kind: 'branch', parentId: otherCounty.organisationId },
      admin(otherCounty),
    );
    expect(elsewhere.status).toBe(201);
  });

  it('POST /api/meetings needs an org-admin credential of the organisation or above, and pins the organisation', async () => {
    const none = expectError(await post('/api/meetings', meetingBody()), 401, 'UNAUTHENTICATED');
    expect(none.message).toMatch(/credential/);
    const viewer = await post(
      `/api/organisations/${branch.organisationId}/credentials`,
      { role: 'org-viewer' },
      admin(county),
    );
    expect(viewer.status, viewer.text).toBe(201);
    const approver = await post(
      `/api/organisations/${branch.organisationId}/credentials`,
      { role: 'approver' },
      admin(branch),
    );
    expect(approver.status, approver.text).toBe(201);
    for (const token of [(viewer.body as { token: string }).token, (approver.body as { token: string }).token])
      expectError(await post('/api/meetings', meetingBody(), token), 403, 'FORBIDDEN');
    expectError(
      await post('/api/meetings', meetingBody({ organisationId: county.organisationId }), admin(branch)),
      403,
      'OUTSIDE_ORGANISATION',
    );
    expectError(await post('/api/meetings', meetingBody(), TEST_OPERATOR_TOKEN), 400, 'ORGANISATION_REQUIRED');

    const r = await post('/api/meetings', meetingBody({ organisationId: branch.organisationId }), admin(county));
    expect(r.status, r.text).toBe(201);
    const { meetingId, credentials } = r.body as { meetingId: string; credentials: { chair: string } };
    const log = await request(server.url, 'GET', `/api/meetings/${meetingId}/events`, { token: credentials.chair });
    const [scheduled] = ndjson(log.text);
    expect(scheduled!.type).toBe('MeetingScheduled');
    expect(scheduled!.data.organisationId).toBe(branch.organisationId);
    // A meeting's own chair token is no organisation credential, and the refusal says which kind it is.
    const chair = expectError(await post('/api/meetings', meetingBody(), credentials.chair), 401, 'UNAUTHENTICATED');
    expect(chair.message).toMatch(/meeting's .*credential is not an organisation's/);
    expect(none.message).not.toMatch(/meeting's/);
    // The branch's own admin schedules under its own organisation by default.
    const own = await post('/api/meetings', meetingBody(), admin(branch));
    expect(own.status, own.text).toBe(201);
  });

  it('POST /api/elections (a 换届) needs the same, and pins the organisation in ElectionOpened', async () => {
    const body = { organisation: '某村党支部', offices: [{ office: '委员', seats: 3 }] };
    expectError(await post('/api/elections', body), 401, 'UNAUTHENTICATED');
    expectError(
      await post('/api/elections', { ...body, organisationId: branch.organisationId }, admin(otherCounty)),
      403,
      'OUTSIDE_ORGANISATION',
    );
    const r = await post('/api/elections', { ...body, organisationId: branch.organisationId }, admin(committee));
    expect(r.status, r.text).toBe(201);
    const opened = r.body as OpenedElection;
    const log = await request(server.url, 'GET', `/api/elections/${opened.electionId}/export`, {
      token: opened.credentials.chair,
    });
    expect(log.status, log.text).toBe(200);
    const [first] = ndjson(log.text);
    expect(first!.type).toBe('ElectionOpened');
    expect(first!.data.organisationId).toBe(branch.organisationId);
  });

  it('mints credentials of each role only as an org-admin, and a revoked one stops working', async () => {
    expect([...ORG_ROLES]).toEqual(['org-admin', 'org-viewer', 'approver']);
    expect(ORG_ACTIONS.length).toBeGreaterThan(0);
    const minted = await post(
      `/api/organisations/${committee.organisationId}/credentials`,
      { role: 'org-admin', label: '张干事' },
      admin(county),
    );
    expect(minted.status, minted.text).toBe(201);
    const { token, credentialId } = minted.body as { token: string; credentialId: string };
    expect(token.startsWith(`o.${committee.organisationId}.`)).toBe(true);
    expectError(
      await post(`/api/organisations/${committee.organisationId}/credentials`, { role: 'god' }, admin(county)),
      400,
      'INVALID_FIELD',
    );
    const viewer = (
      await post(`/api/organisations/${committee.organisationId}/credentials`, { role: 'org-viewer' }, admin(county))
    ).body as { token: string };
    expectError(
      await post(`/api/organisations/${committee.organisationId}/credentials`, { role: 'org-viewer' }, viewer.token),
      403,
      'FORBIDDEN',
    );
    expect((await post('/api/meetings', meetingBody(), token)).status).toBe(201);
    // The organisation's admin sees its credentials (never a token or hash) and which one it is reading with; an
    // admin above reads the same list and is none of them.
    const read = (t: string) =>
      request(server.url, 'GET', `/api/organisations/${committee.organisationId}`, { token: t });
    const own = (await read(token)).body as OrganisationReply;
    expect(own.callerCredentialId).toBe(credentialId);
    expect(own.credentials.find((c) => c.credentialId === credentialId)).toEqual({
      credentialId,
      role: 'org-admin',
      label: '张干事',
      revoked: false,
    });
    expect(JSON.stringify(own.credentials)).not.toMatch(/token|hash/i);
    const above = (await read(admin(county))).body as OrganisationReply;
    expect(above.callerCredentialId).toBeUndefined();
    expect(above.credentials.map((c) => c.credentialId)).toEqual(own.credentials.map((c) => c.credentialId));
    const revoke = await post(
      `/api/organisations/${committee.organisationId}/commands`,
      { type: 'RevokeOrganisationCredential', data: { credentialId, reason: '调离' } },
      admin(county),
    );
    expect(revoke.status, revoke.text).toBe(200);
    expectError(await post('/api/meetings', meetingBody(), token), 401, 'UNAUTHENTICATED');
    // The server writes credentials itself: a client cannot send a token hash of its choosing.
    expectError(
      await post(
        `/api/organisations/${committee.organisationId}/commands`,
        {
          type: 'IssueOrganisationCredential',
          data: { credentialId: 'x', role: 'org-admin', tokenHash: 'a'.repeat(64) },
        },
        admin(county),
      ),
      403,
      'FORBIDDEN',
    );
  });
});

describe('the operator credential', () => {
  it('is drawn once per store when not set, kept only as a hash, and set by TALLYROOM_OPERATOR_TOKEN otherwise', async () => {
    const file = `${server.dir}/operator.db`;
    const config = loadConfig({
      ...testEnv({ TALLYROOM_STORE: `sqlite:${file}` }),
      TALLYROOM_OPERATOR_TOKEN: undefined,
    });
    const store = await storeFromUrl(config.TALLYROOM_STORE);
    try {
      const first = new OperatorCredential(config, store);
      const token = await first.ensure();
      expect(token).toMatch(/^tr_[A-Za-z0-9_-]{32}$/);
      // A second backend on the same store (or a restart) draws nothing and accepts the first one's token.
      const second = new OperatorCredential(config, store);
      expect(await second.ensure()).toBeNull();
      expect(await second.matches(token!)).toBe(true);
      expect(await second.matches(`${token!}x`)).toBe(false);
      const [stored] = await store.readStream('operator-credential');
      expect(JSON.stringify(stored)).not.toContain(token!);
      // Set by the environment, the stored one is not the operator's.
      const set = new OperatorCredential(loadConfig(testEnv({ TALLYROOM_STORE: `sqlite:${file}` })), store);
      expect(await set.ensure()).toBeNull();
      expect(await set.matches(TEST_OPERATOR_TOKEN)).toBe(true);
      expect(await set.matches(token!)).toBe(false);
    } finally {
      await store.close();
    }
  });
});

/**
 * Issue 23 point 3, "reports up, approvals down", over HTTP with the real server: the branch's chair submits its
 * reports (SubmitReport) and may no longer record an approval; the approver of the county above records the 批复 in
 * the branch's process stream with its organisation credential, which the event's actor names; an approver of
 * another county is refused; an org-viewer reads a meeting as its observer does, over HTTP and live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  replayElection,
  type ChainedEvent,
  type CommandOutcome,
  type ElectionView,
  type MeetingView,
  type OpenedElection,
  type OrganisationReportsReply,
} from '@tallyroom/contracts';
import { daysFromToday, expectError, expectOk, request, type Reply } from '../support/api.js';
import { LiveClient } from '../support/live.js';
import { countyAdmin, mintOrgCredential, TEST_OPERATOR_TOKEN } from '../support/organisation.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let county: { organisationId: string; token: string };
let approver: { credentialId: string; token: string };
let viewer: { credentialId: string; token: string };
/** The approver of a county beside ours: it approves nothing of our branches. */
let strangerApprover: string;

beforeAll(async () => {
  server = await startTestServer();
  county = await countyAdmin(server.url);
  approver = await mintOrgCredential(server.url, county.organisationId, county.token, 'approver');
  viewer = await mintOrgCredential(server.url, county.organisationId, county.token, 'org-viewer');
  const other = await request<{ organisationId: string; credentials: { 'org-admin': string } }>(
    server.url,
    'POST',
    '/api/organisations',
    { token: TEST_OPERATOR_TOKEN, json: { name: '邻县委组织部', kind: 'county' } },
  );
  expect(other.status, other.text).toBe(201);
  strangerApprover = (
    await mintOrgCredential(server.url, other.body.organisationId, other.body.credentials['org-admin'], 'approver')
  ).token;
});
afterAll(async () => {
  await server?.close();
});

async function openElection(): Promise<OpenedElection> {
  const r = (await request(server.url, 'POST', '/api/elections', {
    token: county.token,
    json: { organisation: '某局机关第一党支部', offices: [{ office: '委员', seats: 3 }] },
  })) as Reply<OpenedElection>;
  expect(r.status, r.text).toBe(201);
  return r.body;
}
const send = (e: OpenedElection, token: string, type: string, data: unknown) =>
  request<CommandOutcome>(server.url, 'POST', `/api/elections/${e.electionId}/commands`, {
    token,
    json: { type, data },
  });
const exportOf = async (e: OpenedElection) => {
  const r = await request(server.url, 'GET', `/api/elections/${e.electionId}/export`, { token: approver.token });
  expect(r.status, r.text).toBe(200);
  return r.text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as ChainedEvent);
};

describe('the 换届: reports up, approvals down (P-31, P-31a)', () => {
  it('the chair submits, the county approver approves in the branch stream, nobody else does', async () => {
    const e = await openElection();
    const approval = { kind: 'request', reference: '县委组批〔2026〕5号', approvedOn: daysFromToday(-1) };
    expectError(await send(e, e.credentials.chair, 'RecordUpperApproval', approval), 403, 'FORBIDDEN');
    expectError(await send(e, approver.token, 'RecordUpperApproval', approval), 422, 'REPORT_NOT_SUBMITTED', 'P-31a');
    expectError(await send(e, approver.token, 'SubmitReport', { kind: 'request' }), 403, 'FORBIDDEN');
    expectOk(
      await send(e, e.credentials.chair, 'SubmitReport', {
        kind: 'request',
        submittedOn: daysFromToday(-2),
        reference: '机一支〔2026〕1号',
      }),
    );
    expectError(await send(e, strangerApprover, 'RecordUpperApproval', approval), 403, 'OUTSIDE_ORGANISATION');
    expectError(await send(e, viewer.token, 'RecordUpperApproval', approval), 403, 'FORBIDDEN');
    expectError(await send(e, county.token, 'RecordUpperApproval', approval), 403, 'FORBIDDEN');
    expectError(await send(e, 'o.nowhere.secret', 'RecordUpperApproval', approval), 401, 'UNAUTHENTICATED');
    // The operator acts as an org-admin anywhere (docs/api.md), never as an approver: a 批复 is an approver's.
    expectError(await send(e, TEST_OPERATOR_TOKEN, 'RecordUpperApproval', approval), 401, 'UNAUTHENTICATED');
    const done = await send(e, approver.token, 'RecordUpperApproval', approval);
    expect(done.status, done.text).toBe(200);

    const log = await exportOf(e);
    const recorded = log.filter((x) => x.type === 'UpperApprovalRecorded');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.data).toEqual({
      kind: 'request',
      reference: '县委组批〔2026〕5号',
      approvedOn: daysFromToday(-1),
    });
    expect(recorded[0]!.metadata.actor).toEqual({ role: 'approver', id: approver.credentialId });
    expect(log.find((x) => x.type === 'ReportSubmitted')!.metadata.actor.role).toBe('chair');
    // The verifier re-decides the approver's event from the log alone (its credential is the county's).
    expect(replayElection(log).problems).toEqual([]);

    const view = await request<ElectionView>(server.url, 'GET', `/api/elections/${e.electionId}`, {
      token: viewer.token,
    });
    expect(view.status, view.text).toBe(200);
    expect(view.body.viewer).toEqual({ role: 'org-viewer' });
    expect(view.body.card.reports.request).toMatchObject({
      state: 'approved',
      submittedOn: daysFromToday(-2),
      answer: { decision: 'approved', reference: '县委组批〔2026〕5号', by: approver.credentialId },
    });
    expect(view.body.card.steps.find((s) => s.step === 'request-approval')?.status).toBe('done');
    const stranger = await request(server.url, 'GET', `/api/elections/${e.electionId}`, { token: strangerApprover });
    expectError(stranger, 403, 'OUTSIDE_ORGANISATION');
  });

  it('a report returned for amendment is submitted again before it is approved', async () => {
    const e = await openElection();
    expectOk(await send(e, e.credentials.chair, 'SubmitReport', { kind: 'request', submittedOn: daysFromToday(-5) }));
    const back = {
      kind: 'request',
      decision: 'returned',
      reference: '县委组退〔2026〕1号',
      approvedOn: daysFromToday(-4),
    };
    expectOk(await send(e, approver.token, 'RecordUpperApproval', back));
    const again = { kind: 'request', reference: '县委组批〔2026〕6号', approvedOn: daysFromToday(-1) };
    expectError(await send(e, approver.token, 'RecordUpperApproval', again), 422, 'REPORT_NOT_SUBMITTED', 'P-31a');
    expectOk(await send(e, e.credentials.chair, 'SubmitReport', { kind: 'request', submittedOn: daysFromToday(-2) }));
    expectOk(await send(e, approver.token, 'RecordUpperApproval', again));
    const view = await request<ElectionView>(server.url, 'GET', `/api/elections/${e.electionId}`, {
      token: e.credentials.chair,
    });
    expect(view.body.reports.map((r) => [r.submittedOn, r.answer?.decision])).toEqual([
      [daysFromToday(-5), 'returned'],
      [daysFromToday(-2), 'approved'],
    ]);
    expect(view.body.approvals.map((a) => a.reference)).toEqual(['县委组批〔2026〕6号']);
  });
});

describe("the approver's worklist: GET /api/organisations/:id/reports", () => {
  it('lists what awaits an answer in the county and below, and nothing once answered', async () => {
    const e = await openElection();
    const worklist = async (token: string, organisationId = county.organisationId) =>
      request<OrganisationReportsReply>(server.url, 'GET', `/api/organisations/${organisationId}/reports`, { token });
    const mine = async () => (await worklist(approver.token)).body.pending.filter((p) => p.electionId === e.electionId);
    expect(await mine()).toEqual([]);
    expectOk(
      await send(e, e.credentials.chair, 'SubmitReport', {
        kind: 'request',
        submittedOn: daysFromToday(-2),
        reference: '机一支〔2026〕9号',
      }),
    );
    expect(await mine()).toMatchObject([
      {
        electionId: e.electionId,
        kind: 'request',
        state: 'submitted',
        submittedOn: daysFromToday(-2),
        reference: '机一支〔2026〕9号',
        document: 'election-request',
        organisationId: county.organisationId,
        // The county is the top organisation here: its approver answers its own 换届's reports (P-31).
        answerable: true,
      },
    ]);
    // The org-viewer reads it too, and may not answer it; another county's approver does not see ours.
    const asViewer = await worklist(viewer.token);
    expect(asViewer.status).toBe(200);
    expect(asViewer.body.pending.find((p) => p.electionId === e.electionId)?.answerable).toBe(false);
    const other = await request<OrganisationReportsReply>(
      server.url,
      'GET',
      `/api/organisations/${county.organisationId}/reports`,
      { token: strangerApprover },
    );
    expectError(other, 403, 'OUTSIDE_ORGANISATION');
    expectOk(
      await send(e, approver.token, 'RecordUpperApproval', {
        kind: 'request',
        reference: '县委组批〔2026〕9号',
        approvedOn: daysFromToday(-1),
      }),
    );
    expect(await mine()).toEqual([]);
  });
});

describe('a meeting and the organisations above it', () => {
  it('an org-viewer reads the observer view and joins live; another county may not', async () => {
    const m = await server.api.createMeeting();
    const view = await request<MeetingView>(server.url, 'GET', m.path, { token: viewer.token });
    expect(view.status, view.text).toBe(200);
    expect(view.body.viewer.role).toBe('observer');
    const asObserver = await request<MeetingView>(server.url, 'GET', m.path, { token: m.credentials.observer });
    expect(Object.keys(view.body).sort()).toEqual(Object.keys(asObserver.body).sort());
    expect((await request(server.url, 'GET', `${m.path}/report`, { token: approver.token })).status).toBe(200);
    expectError(await request(server.url, 'GET', `${m.path}/events`, { token: viewer.token }), 403, 'FORBIDDEN');
    expectError(await request(server.url, 'GET', m.path, { token: strangerApprover }), 403, 'OUTSIDE_ORGANISATION');

    const live = new LiveClient(server.url, viewer.token);
    try {
      const ack = await live.join({ meetingId: m.meetingId });
      expect(ack).toMatchObject({ ok: true, view: { viewer: { role: 'observer' } } });
    } finally {
      live.close();
    }
    const stranger = new LiveClient(server.url, strangerApprover);
    try {
      expect(await stranger.join({ meetingId: m.meetingId })).toMatchObject({
        ok: false,
        error: { code: 'OUTSIDE_ORGANISATION' },
      });
    } finally {
      stranger.close();
    }
  });

  it('RecordApproval: the chair and another county are refused before anything is written', async () => {
    const m = await server.api.createMeeting();
    const approval = { type: 'RecordApproval', data: { contestId: 'c1', reference: '批复〔2026〕1号' } };
    const post = (token: string) => request(server.url, 'POST', `${m.path}/commands`, { token, json: approval });
    expectError(await post(m.chair), 403, 'FORBIDDEN');
    expectError(await post(strangerApprover), 403, 'OUTSIDE_ORGANISATION');
    expectError(await post(viewer.token), 403, 'FORBIDDEN');
    expectError(await post(TEST_OPERATOR_TOKEN), 401, 'UNAUTHENTICATED');
    // The county's approver passes the door; the decider then finds no such contest.
    expectError(await post(approver.token), 404, 'UNKNOWN_CONTEST');
    // The org-admin mints the branch's chair link, and only that.
    const chair = await request(server.url, 'POST', `${m.path}/credentials`, {
      token: county.token,
      json: { role: 'chair' },
    });
    expect(chair.status, chair.text).toBe(201);
    expectError(
      await request(server.url, 'POST', `${m.path}/credentials`, { token: county.token, json: { role: 'observer' } }),
      403,
      'CHAIR_LINKS_ONLY',
    );
  });
});

describe('P-31: a 批复 is the upper organisation’s, never the organisation’s own', () => {
  it('a branch that mints an approver of its own may not approve its meeting, its 换届 or its term extension', async () => {
    const made = await request<{ organisationId: string }>(server.url, 'POST', '/api/organisations', {
      token: county.token,
      json: { name: '自批党支部', kind: 'branch', parentId: county.organisationId },
    });
    expect(made.status, made.text).toBe(201);
    const branch = made.body.organisationId;
    const branchAdmin = (await mintOrgCredential(server.url, branch, county.token, 'org-admin')).token;
    const own = (await mintOrgCredential(server.url, branch, branchAdmin, 'approver')).token;
    // Nor may it make an organisation below itself to put its meeting there, for its approver to be "above" it.
    const below = expectError(
      await request(server.url, 'POST', '/api/organisations', {
        token: branchAdmin,
        json: { name: '自批党支部下设组织', kind: 'branch', parentId: branch },
      }),
      422,
      'NO_ORGANISATIONS_BELOW',
      'P-31',
    );
    expect(below.field).toBe('parentId');
    const tree = await request<{ organisation: { children: unknown[] } }>(
      server.url,
      'GET',
      `/api/organisations/${branch}`,
      { token: branchAdmin },
    );
    expect(tree.body.organisation.children).toEqual([]);

    const scheduled = await request<{ meetingId: string }>(server.url, 'POST', '/api/meetings', {
      token: branchAdmin,
      json: {
        title: '自批党支部党员大会',
        organisation: '自批党支部',
        scheduledFor: daysFromToday(1),
        organisationId: branch,
      },
    });
    expect(scheduled.status, scheduled.text).toBe(201);
    const path = `/api/meetings/${scheduled.body.meetingId}`;
    const approval = { type: 'RecordApproval', data: { contestId: 'c1', reference: '自批〔2026〕1号' } };
    const before = await request(server.url, 'GET', `${path}/events`, { token: county.token });
    const refused = expectError(
      await request(server.url, 'POST', `${path}/commands`, { token: own, json: approval }),
      403,
      'NOT_UPPER_ORGANISATION',
      'P-31',
    );
    expect(refused.params).toEqual({ organisationId: branch });
    // The county's approver passes the door (the decider then finds no such contest); nothing was written before.
    expectError(
      await request(server.url, 'POST', `${path}/commands`, { token: approver.token, json: approval }),
      404,
      'UNKNOWN_CONTEST',
    );
    expect((await request(server.url, 'GET', `${path}/events`, { token: county.token })).text).toBe(before.text);

    const opened = (await request(server.url, 'POST', '/api/elections', {
      token: branchAdmin,
      json: { organisation: '自批党支部', offices: [{ office: 'committee-member', seats: 3 }], organisationId: branch },
    })) as Reply<OpenedElection>;
    expect(opened.status, opened.text).toBe(201);
    const e = opened.body;
    expectOk(await send(e, e.credentials.chair, 'SubmitReport', { kind: 'request', submittedOn: daysFromToday(-2) }));
    // The worklists say whose answer it awaits: the branch's own approver reads it but may not answer it, the
    // county's approver may, the branch's admin reads it only.
    const answerable = async (token: string, organisationId: string) =>
      (
        await request<OrganisationReportsReply>(server.url, 'GET', `/api/organisations/${organisationId}/reports`, {
          token,
        })
      ).body.pending
        .filter((p) => p.electionId === e.electionId)
        .map((p) => [p.kind, p.answerable]);
    expect(await answerable(own, branch)).toEqual([['request', false]]);
    expect(await answerable(branchAdmin, branch)).toEqual([['request', false]]);
    expect(await answerable(approver.token, county.organisationId)).toEqual([['request', true]]);
    expect(await answerable(approver.token, branch)).toEqual([['request', true]]);
    // The operator reads every worklist, and answers nothing: a 换届 takes organisation credentials only.
    expect(await answerable(TEST_OPERATOR_TOKEN, branch)).toEqual([['request', false]]);
    const answer = { kind: 'request', reference: '自批〔2026〕2号', approvedOn: daysFromToday(-1) };
    expectError(await send(e, own, 'RecordUpperApproval', answer), 403, 'NOT_UPPER_ORGANISATION', 'P-31');
    expectOk(await send(e, approver.token, 'RecordUpperApproval', answer));

    const ledger = (token: string, type: string, data: unknown) =>
      request(server.url, 'POST', `/api/organisations/${branch}/commands`, { token, json: { type, data } });
    expectOk(await ledger(branchAdmin, 'RecordTerm', { termStart: '2023-12-20', seats: 5 }));
    const extension = { approvedTo: '2027-03-31', reference: '县委组批〔2026〕30号', reason: '村社换届统筹' };
    expectError(await ledger(branchAdmin, 'RecordTermExtension', extension), 403, 'NOT_UPPER_ORGANISATION', 'P-33');
    // Nor by entering its term again with an end of its own: a branch's term is three years (P-33).
    const longer = { termStart: '2023-12-20', termEnd: '2028-12-20', seats: 5 };
    expectError(await ledger(branchAdmin, 'RecordTerm', longer), 403, 'NOT_UPPER_ORGANISATION', 'P-33');
    // Nor through a 换届台账 file. Its dry run lists the row the import would refuse, so that a dry run without
    // errors is an import that goes through; the import refuses it and records nothing.
    const file = ['组织名称,本届任期开始,任期届满,委员职数', '自批党支部,2023-12-20,2027-06-20,5'].join('\n');
    const importLedger = (token: string, dry: boolean) =>
      request<{ errors: { line: number; code?: string }[] }>(
        server.url,
        'POST',
        `/api/organisations/${branch}/ledger${dry ? '?dryRun=1' : ''}`,
        { token, raw: file, contentType: 'text/csv' },
      );
    const dry = await importLedger(branchAdmin, true);
    expect(dry.status, dry.text).toBe(200);
    expect(dry.body.errors.map((e) => [e.line, e.code])).toEqual([[2, 'NOT_UPPER_ORGANISATION']]);
    const rows = async () =>
      (
        (await request(server.url, 'GET', `/api/organisations/${branch}/ledger`, { token: county.token })) as Reply<{
          rows: unknown[];
        }>
      ).body.rows;
    const rowsBefore = await rows();
    expectError(await importLedger(branchAdmin, false), 403, 'NOT_UPPER_ORGANISATION', 'P-33');
    expect(await rows()).toEqual(rowsBefore);
    expect(JSON.stringify(rowsBefore)).toContain('"termEnd":"2026-12-20"');
    // The county's own credential may: its dry run lists nothing.
    expect((await importLedger(county.token, true)).body.errors).toEqual([]);
    expectOk(await ledger(county.token, 'RecordTermExtension', extension));
  });
});

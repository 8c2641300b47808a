/**
 * The OpenAPI document describes every command body the server accepts, from
 * the same zod schemas that validate them, and the error envelope.
 */
import { COMMAND_TYPES } from '@tallyroom/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../../../test/support/api.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

interface Doc {
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: { content: Record<string, { schema: { oneOf: { $ref: string }[] } }> };
        parameters?: { name: string; in: string }[];
        responses: Record<string, unknown>;
        security?: unknown[];
      }
    >
  >;
  components: {
    schemas: Record<
      string,
      { properties?: Record<string, { enum?: string[]; properties?: Record<string, unknown>; required?: string[] }> }
    >;
    securitySchemes: Record<string, { scheme?: string }>;
  };
}

describe('GET /api/docs-json', () => {
  it('gives every command its body schema, referenced by the commands route', async () => {
    const r = await request<Doc>(server.url, 'GET', '/api/docs-json');
    expect(r.status).toBe(200);
    const doc = r.body;
    const commandsPath = '/api/meetings/{id}/commands';
    const refs = doc.paths[commandsPath]!['post']!.requestBody!.content['application/json']!.schema.oneOf.map(
      (x) => x.$ref,
    );
    // Scheduling, minting a credential and drawing a recovery code have routes of their own (USE_POST_*).
    const ownRoute = ['ScheduleMeeting', 'IssueCredential', 'SetRecoveryCode'];
    expect(refs).toHaveLength(COMMAND_TYPES.length - ownRoute.length);
    for (const type of COMMAND_TYPES) {
      if (ownRoute.includes(type)) expect(refs).not.toContain(`#/components/schemas/${type}Command`);
      else expect(refs).toContain(`#/components/schemas/${type}Command`);
      expect(doc.components.schemas[`${type}Command`]!.properties!['type']!.enum).toEqual([type]);
    }
    // Spot-check that the data schema is the real one, not a placeholder.
    const createContest = doc.components.schemas['CreateContestCommand']!.properties!['data']!;
    expect(Object.keys(createContest.properties!)).toEqual(
      expect.arrayContaining(['contestId', 'office', 'seats', 'mode', 'electorate']),
    );
    expect(createContest.required).toEqual(expect.arrayContaining(['contestId', 'office', 'seats']));
    expect(createContest.required).not.toContain('electorate');
    const seats = createContest.properties!['seats'] as { minimum?: number };
    expect(seats.minimum).toBe(1);
  });

  it('gives every 换届 process command its body schema on /api/elections/{id}/commands, and the opening body', async () => {
    const doc = (await request<Doc>(server.url, 'GET', '/api/docs-json')).body;
    const refs = doc.paths['/api/elections/{id}/commands']!['post']!.requestBody!.content[
      'application/json'
    ]!.schema.oneOf.map((x) => x.$ref);
    expect(refs).toContain('#/components/schemas/FixCandidateListProcessCommand');
    expect(refs).not.toContain('#/components/schemas/OpenElectionProcessCommand');
    const propose = doc.components.schemas['ProposeNomineeProcessCommand']!.properties!['data']!;
    expect(Object.keys(propose.properties!)).toEqual(
      expect.arrayContaining(['nomineeId', 'name', 'route', 'supporters']),
    );
    const view = doc.paths['/api/elections/{id}']!['get']!;
    expect(view.security).toEqual([{ bearer: [] }]);
    expect(view.responses['404']).toBeDefined();
  });

  it('gives the organisation routes their bodies: creation, credentials and each command a client sends', async () => {
    const doc = (await request<Doc>(server.url, 'GET', '/api/docs-json')).body;
    const body = (path: string) => doc.paths[path]!['post']!.requestBody!.content['application/json']!.schema;
    const refs = body('/api/organisations/{id}/commands').oneOf.map((x) => x.$ref);
    expect(refs.sort()).toEqual(
      [
        'RecordRenewalStatusOrganisationCommand',
        'RecordTermExtensionOrganisationCommand',
        'RecordTermOrganisationCommand',
        'RevokeOrganisationCredentialOrganisationCommand',
      ].map((n) => `#/components/schemas/${n}`),
    );
    const term = doc.components.schemas['RecordTermOrganisationCommand']!.properties!['data']!;
    expect(Object.keys(term.properties!)).toEqual(expect.arrayContaining(['termStart', 'seats']));
    const create = body('/api/organisations') as unknown as { properties: Record<string, unknown> };
    expect(Object.keys(create.properties)).toEqual(expect.arrayContaining(['name', 'kind', 'parentId']));
    const credential = body('/api/organisations/{id}/credentials') as unknown as {
      properties: { role: { enum: string[] } };
    };
    expect(credential.properties.role.enum).toEqual(['org-admin', 'org-viewer', 'approver']);
  });

  it('declares the bearer credential and the error envelope on meeting routes', async () => {
    const doc = (await request<Doc>(server.url, 'GET', '/api/docs-json')).body;
    expect(doc.components.securitySchemes['bearer']?.scheme).toBe('bearer');
    const view = Object.entries(doc.paths).find(([p]) => /^\/api\/meetings\/\{[^}]+\}$/.test(p))![1]['get']!;
    expect(view.security).toEqual([{ bearer: [] }]);
    expect(view.responses['404']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    });
    // The codes a client may meet, the December additions' among them.
    const error = doc.components.schemas['Error']!.properties!['error'] as {
      properties: Record<string, { enum?: string[]; description?: string }>;
    };
    // Listed in the description, not a closed enum: a generated client must take a code added later.
    expect(error.properties['code']!.enum).toBeUndefined();
    expect(error.properties['code']!.description!.split(/[:,]\s*/)).toEqual(
      expect.arrayContaining(['ALREADY_DECLARED', 'VENUE_CODE_REQUIRED', 'VENUE_CODE_WRONG', 'QUORUM_NOT_MET']),
    );
  });

  it("lists a document's query parameters, the contest and round of a ballot and a tally sheet among them", async () => {
    const doc = (await request<Doc>(server.url, 'GET', '/api/docs-json')).body;
    const route = Object.entries(doc.paths).find(([p]) => p.endsWith('/documents/{kind}'))![1]['get']!;
    const query = (route.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    expect(query.sort()).toEqual(['contestId', 'format', 'lang', 'memberIds', 'round']);
  });
});

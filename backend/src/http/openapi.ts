import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import {
  COMMAND_TYPES,
  ELECTION_COMMAND_TYPES,
  ERROR_TEXTS_EN,
  ORG_ROLES,
  ORGANISATION_COMMAND_ACTION,
  commandSchemas,
  electionCommandSchemas,
  organisationCommandSchemas,
  type OrganisationCommandType,
} from '@tallyroom/contracts';
import { z } from 'zod';
import { OWN_ROUTE_COMMANDS } from '../meetings/meeting-access.js';

/** The `commandId` every command body may carry. */
const COMMAND_ID = {
  type: 'string',
  minLength: 1,
  maxLength: 100,
  description: 'makes a retry idempotent: the same commandId gets the original answer',
};

/** A zod schema as the JSON Schema a client sends ('input': fields with defaults are optional to the client). */
function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json['$schema'];
  return json;
}

/** A command's body: its type, its data, the optional commandId and whatever else the route takes. */
const commandBody = (type: string, data: unknown, more: Record<string, unknown> = {}) => ({
  type: 'object',
  required: ['type', 'data'],
  additionalProperties: false,
  properties: { type: { type: 'string', enum: [type] }, data, commandId: COMMAND_ID, ...more },
});

/** A required JSON request body of this schema. */
const jsonBody = (schema: unknown) => ({
  required: true,
  content: { 'application/json': { schema: schema as never } },
});

/**
 * The OpenAPI document at /api/docs: Nest supplies the paths, the contracts'
 * zod schemas supply the command bodies, so the document cannot drift from
 * what the server actually accepts.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Tallyroom API')
      .setDescription(
        'Commands, queries and the live protocol of an election meeting (see design.md). Every meeting route takes `authorization: Bearer <token>`.',
      )
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        description: 'a meeting credential token (from POST /api/meetings or /credentials)',
      })
      .build(),
  );
  const schemas: Record<string, unknown> = ((doc.components ??= {}).schemas ??= {});
  schemas['Error'] = {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message', 'text'],
        properties: {
          code: {
            type: 'string',
            // Listed, not an enum: a client generated from this must take a code added later as well. Every code the
            // server sends has its texts in the table (test/docs/error-texts), so the table lists them all.
            description: `the refusal's code; its texts for a reader are in \`text\`. The codes: ${Object.keys(
              ERROR_TEXTS_EN,
            )
              .filter((code) => code !== 'generic')
              .sort()
              .join(', ')}`,
          },
          text: {
            type: 'object',
            description: "the code's plain text for a reader, in both languages (the dashboard's errors.<CODE>)",
            required: ['zh-CN', 'en'],
            properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } },
          },
          message: { type: 'string' },
          rule: { type: 'string', description: 'rule id of election-rules.md, e.g. P-05' },
          field: { type: 'string', description: 'the offending field, e.g. data.seats' },
          params: {
            type: 'object',
            description:
              'what the refusal is about, as data for a translated text: ids (memberId, candidateId, contestId…), counts and days; never a name',
            additionalProperties: true,
          },
        },
      },
    },
  };
  for (const type of COMMAND_TYPES) {
    // io 'input': fields with defaults are optional to the client; text transforms become plain strings.
    const data = jsonSchemaOf(commandSchemas[type]);
    schemas[`${type}Command`] = commandBody(type, data, {
      expectedRevision: { type: 'integer', description: 'refused with 409 when the meeting has moved on' },
    });
  }
  // P-08b: the chair sends AdoptCandidateList's contestId and electionId only; the server fills revision, head and
  // candidates from the election's process stream (and refuses them from the client).
  const adopt = jsonSchemaOf(commandSchemas.AdoptCandidateList.pick({ contestId: true, electionId: true }));
  (schemas['AdoptCandidateListCommand'] as { properties: { data: unknown } }).properties.data = {
    ...adopt,
    description:
      "the contest and the 换届 whose fixed list it adopts; the server pins the CandidateListFixed event's revision and chain head and fills the candidates for the contest's office with their provenance (CandidateListAdopted)",
  };
  // The 换届 process stream's commands (POST /api/elections/:id/commands), named <type>ProcessCommand.
  for (const type of ELECTION_COMMAND_TYPES) {
    const data = jsonSchemaOf(electionCommandSchemas[type]);
    // What the server fills from the linked meeting is no field a client sends (P-08m: LinkMeeting's ruleset).
    if (type === 'LinkMeeting') {
      for (const filled of ['ruleset', 'title', 'scheduledFor'])
        delete (data.properties as Record<string, unknown>)[filled];
      data.description =
        "the server adds the meeting's ruleset (checked against the kind, P-08m), its title and its scheduled day";
    }
    schemas[`${type}ProcessCommand`] = commandBody(type, data);
  }
  const processCommands = doc.paths['/api/elections/{id}/commands']?.post;
  if (processCommands)
    processCommands.requestBody = jsonBody({
      oneOf: ELECTION_COMMAND_TYPES.filter((t) => t !== 'OpenElection' && t !== 'IssueElectionCredential').map((t) => ({
        $ref: `#/components/schemas/${t}ProcessCommand`,
      })),
      discriminator: { propertyName: 'type' },
    });
  // The organisation's commands a client sends (POST /api/organisations/:id/commands), named <type>OrganisationCommand;
  // creation and credentials have routes of their own.
  const sent = (Object.keys(ORGANISATION_COMMAND_ACTION) as OrganisationCommandType[]).filter(
    (t) => ORGANISATION_COMMAND_ACTION[t] !== 'system',
  );
  const organisationData = (t: OrganisationCommandType) => jsonSchemaOf(organisationCommandSchemas[t]);
  for (const type of sent) schemas[`${type}OrganisationCommand`] = commandBody(type, organisationData(type));
  const organisationCommands = doc.paths['/api/organisations/{id}/commands']?.post;
  if (organisationCommands)
    organisationCommands.requestBody = jsonBody({
      oneOf: sent.map((t) => ({ $ref: `#/components/schemas/${t}OrganisationCommand` })),
      discriminator: { propertyName: 'type' },
    });
  const createOrganisation = doc.paths['/api/organisations']?.post;
  if (createOrganisation) createOrganisation.requestBody = jsonBody(organisationData('CreateOrganisation'));
  const organisationCredential = doc.paths['/api/organisations/{id}/credentials']?.post;
  if (organisationCredential)
    organisationCredential.requestBody = jsonBody({
      type: 'object',
      required: ['role'],
      properties: {
        role: { type: 'string', enum: [...ORG_ROLES] },
        label: { type: 'string', description: 'who holds it, for the list of credentials' },
      },
    });
  const openElection = doc.paths['/api/elections']?.post;
  if (openElection)
    openElection.requestBody = jsonBody(
      (schemas['OpenElectionProcessCommand'] as { properties: { data: unknown } }).properties.data,
    );
  const commands = doc.paths['/api/meetings/{id}/commands']?.post;
  if (commands) {
    commands.requestBody = jsonBody({
      // Each of these has a route of its own, which draws what the command stores (USE_POST_*).
      oneOf: COMMAND_TYPES.filter((t) => !(OWN_ROUTE_COMMANDS as readonly string[]).includes(t)).map((t) => ({
        $ref: `#/components/schemas/${t}Command`,
      })),
      discriminator: { propertyName: 'type' },
    });
  }
  // POST /api/meetings takes the ScheduleMeeting data itself as its body.
  const schedule = doc.paths['/api/meetings']?.post;
  if (schedule)
    schedule.requestBody = jsonBody(
      (schemas['ScheduleMeetingCommand'] as { properties: { data: unknown } }).properties.data,
    );
  // The recovery code is the credential of POST /recover: no bearer there.
  const recover = Object.entries(doc.paths).find(([path]) => path.endsWith('/recover'))?.[1]?.post;
  if (recover)
    recover.requestBody = jsonBody({
      type: 'object',
      required: ['code'],
      additionalProperties: false,
      properties: {
        code: {
          type: 'string',
          maxLength: 100,
          description: 'the recovery code as printed (case, spaces and hyphens ignored)',
          example: '7KQM-3XWP-9TRD-VH2C-M4NB',
        },
      },
    });
  const error = {
    description: 'refused; nothing was written',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const op of [item.get, item.post, item.delete]) {
      if (!op) continue;
      if (!['/api/meetings', '/api/elections', '/api/organisations'].some((p) => path.startsWith(p))) continue;
      if (['/api/meetings/{', '/api/elections/{', '/api/organisations/{'].some((p) => path.startsWith(p)))
        op.security = path.endsWith('/recover') ? [] : [{ bearer: [] }];
      for (const status of ['400', '401', '403', '404', '409', '422', '429', '503']) op.responses[status] ??= error;
    }
  }
  return doc;
}

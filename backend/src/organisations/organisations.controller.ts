import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  assertChildNameFree,
  assertMayHaveChildren,
  isStatutoryTerm,
  DomainError,
  ORGANISATION_COMMAND_ACTION,
  ORG_ROLES,
  organisationCommandSchemas,
  schemaRefusal,
  type CommandOutcome,
  type CreatedOrganisation,
  type MintedOrganisationCredential,
  type OrganisationCommandType,
  type OrganisationNode,
  type OrganisationReply,
  type OrgRole,
} from '@tallyroom/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PublicAddress } from '../http/public-address.js';
import { hashToken, newId } from '../meetings/credentials.js';
import { bearer } from '../meetings/meeting-access.js';
import { orgToken, OrganisationAccess, type OrgCaller } from './organisation-access.js';
import { OrganisationLedgers } from './ledger-import.js';
import { OrganisationService } from './organisation.service.js';
import { randomBytes } from 'node:crypto';

/** The dashboard route of an organisation credential; the token travels in the fragment, never in logs. */
export const organisationLink = (organisationId: string, token: string, base = '') =>
  `${base}/o/${encodeURIComponent(organisationId)}#t=${token}`;

const mintRequest = z.strictObject({
  role: z.enum(ORG_ROLES),
  label: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters').optional(),
});

const actorOf = (caller: OrgCaller) =>
  caller.kind === 'operator' ? { role: 'operator', id: 'operator' } : { role: caller.role, id: caller.credentialId };

@ApiTags('organisations')
@Controller('api/organisations')
export class OrganisationsController {
  constructor(
    private readonly organisations: OrganisationService,
    private readonly access: OrganisationAccess,
    private readonly address: PublicAddress,
    private readonly ledgers: OrganisationLedgers,
  ) {}

  @Post()
  @ApiOperation({
    summary:
      "CreateOrganisation: a root (the operator's credential) or a child of parentId (an org-admin of parentId or above). Body { name, kind: county|committee|branch|village|community, parentId?, timeZone? }. Returns the new organisation's org-admin credential and link (shown once)",
  })
  async create(@Body() body: unknown, @Req() req: FastifyRequest): Promise<CreatedOrganisation> {
    const token = bearer(req.headers.authorization);
    const caller = await this.access.caller(token, req.ip);
    const parsed = organisationCommandSchemas.CreateOrganisation.safeParse(body ?? {});
    if (!parsed.success) throw schemaRefusal(parsed.error.issues);
    const { parentId } = parsed.data;
    if (parentId === undefined) {
      if (caller.kind !== 'operator')
        throw new DomainError(
          'forbidden',
          'FORBIDDEN',
          'only the operator creates a root organisation; name parentId',
          {
            field: 'parentId',
          },
        );
    } else {
      await this.access.authorise(token, parentId, 'create-organisation', req.ip, 'parentId');
      const parent = await this.organisations.load(parentId, 'parentId');
      // Checked before the child's stream is written: the parent's decider would refuse the announcement after it.
      assertMayHaveChildren(parent);
      assertChildNameFree(parent, parsed.data.name);
    }
    const organisationId = newId(6);
    const secret = randomBytes(24).toString('base64url');
    const adminToken = orgToken(organisationId, secret);
    const actor = actorOf(caller);
    const commandId = `create-${organisationId}`;
    await this.organisations.execute(
      organisationId,
      [
        { type: 'CreateOrganisation', data: parsed.data },
        {
          type: 'IssueOrganisationCredential',
          data: { credentialId: `org-admin-${newId(4)}`, role: 'org-admin', tokenHash: hashToken(adminToken) },
        },
      ],
      actor,
      commandId,
      { create: true },
    );
    // The parent learns of its child after the child exists: a child without the announcement is found by nobody,
    // and the announcement is written again (idempotently) by the next creation under the same parent.
    if (parentId !== undefined)
      await this.organisations.execute(
        parentId,
        [{ type: 'AddChildOrganisation', data: { organisationId, name: parsed.data.name, kind: parsed.data.kind } }],
        actor,
        commandId,
      );
    return {
      organisationId,
      credentials: { 'org-admin': adminToken },
      links: { 'org-admin': organisationLink(organisationId, adminToken, this.address.base()) },
    };
  }

  @Get(':id')
  @ApiOperation({
    summary: 'The organisation and the tree below it, with the caller’s role (any credential of it or above)',
  })
  async read(@Param('id') organisationId: string, @Req() req: FastifyRequest): Promise<OrganisationReply> {
    const caller = await this.access.authorise(bearer(req.headers.authorization), organisationId, 'read', req.ip);
    const s = await this.organisations.load(organisationId);
    const admin = caller.kind === 'operator' || caller.role === 'org-admin';
    return {
      organisation: await this.node(organisationId),
      role: caller.kind === 'operator' ? 'operator' : caller.role,
      credentials: admin
        ? Object.values(s.credentials).map((c) => ({
            credentialId: c.credentialId,
            role: c.role,
            ...(c.label ? { label: c.label } : {}),
            revoked: c.revoked,
          }))
        : [],
      ...(caller.kind === 'organisation' && caller.organisationId === organisationId
        ? { callerCredentialId: caller.credentialId }
        : {}),
      ledger: (await this.ledgers.reply(organisationId)).rows,
    };
  }

  @Post(':id/credentials')
  @ApiOperation({
    summary:
      'Mints a credential of the organisation: { role: org-admin|org-viewer|approver, label? } (an org-admin of it or above); the token is shown once',
  })
  async mint(
    @Param('id') organisationId: string,
    @Body() body: unknown,
    @Req() req: FastifyRequest,
  ): Promise<MintedOrganisationCredential> {
    const caller = await this.access.authorise(
      bearer(req.headers.authorization),
      organisationId,
      'mint-credential',
      req.ip,
    );
    const parsed = mintRequest.safeParse(body ?? {});
    if (!parsed.success) throw schemaRefusal(parsed.error.issues);
    const token = orgToken(organisationId, randomBytes(24).toString('base64url'));
    const role: OrgRole = parsed.data.role;
    const credentialId = `${role}-${newId(4)}`;
    await this.organisations.execute(
      organisationId,
      [
        {
          type: 'IssueOrganisationCredential',
          data: {
            credentialId,
            role,
            tokenHash: hashToken(token),
            ...(parsed.data.label ? { label: parsed.data.label } : {}),
          },
        },
      ],
      actorOf(caller),
      `mint-${credentialId}`,
    );
    return { credentialId, role, token, link: organisationLink(organisationId, token, this.address.base()) };
  }

  @Post(':id/commands')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'An organisation command: { type, data, commandId? }. RevokeOrganisationCredential { credentialId, reason } (org-admin); the 换届 ledger (org-admin, manage-ledger): RecordTerm { termStart, termEnd?, seats, secretary?, note? }, RecordTermExtension { approvedTo, reference, reason }, RecordRenewalStatus { status: under-way|done, on, note? }',
  })
  async command(@Param('id') organisationId: string, @Req() req: FastifyRequest): Promise<CommandOutcome> {
    const token = bearer(req.headers.authorization);
    const body = (req.body ?? {}) as { type?: unknown; data?: unknown; commandId?: unknown };
    if (typeof body !== 'object' || Array.isArray(body))
      throw new DomainError('validation', 'INVALID_BODY', 'the request body must be a JSON object', { field: 'body' });
    const type = body.type;
    if (typeof type !== 'string' || !Object.hasOwn(ORGANISATION_COMMAND_ACTION, type))
      throw new DomainError(
        'validation',
        'UNKNOWN_COMMAND',
        `unknown organisation command type ${JSON.stringify(type)}`,
        {
          field: 'type',
        },
      );
    const action = ORGANISATION_COMMAND_ACTION[type as OrganisationCommandType];
    const caller = await this.access.caller(token, req.ip);
    if (action === 'system')
      throw new DomainError('forbidden', 'FORBIDDEN', `${type} is written by the server, not sent`);
    await this.access.authorise(token, organisationId, action, req.ip);
    // P-33: a term is extended on the upper organisation's 批复, recorded by it, not by the organisation itself.
    if (type === 'RecordTermExtension')
      await this.access.refuseUnlessUpper(
        caller,
        organisationId,
        'the extension of a term (RecordTermExtension)',
        'P-33',
      );
    // A term entered with an end of its own is postponed or advanced just the same: the organisation enters its
    // statutory term (no termEnd), the upper organisation any other.
    if (type === 'RecordTerm') {
      const d = (body.data ?? {}) as { termStart?: unknown; termEnd?: unknown };
      const target = await this.organisations.load(organisationId);
      if (
        typeof d.termStart === 'string' &&
        typeof d.termEnd === 'string' &&
        !isStatutoryTerm(target.kind, d.termStart.trim(), d.termEnd.trim())
      )
        await this.access.refuseUnlessUpper(
          caller,
          organisationId,
          'a term with an end other than its statutory one',
          'P-33',
        );
    }
    const commandId = body.commandId;
    if (commandId !== undefined && (typeof commandId !== 'string' || commandId.length < 1 || commandId.length > 100))
      throw new DomainError('validation', 'INVALID_FIELD', 'commandId must be a string of 1 to 100 characters', {
        field: 'commandId',
      });
    // A client's commandId makes a retry idempotent, as on meetings and elections: the same id gets the first answer
    // (`duplicate: true`), the same id for another command 409 COMMAND_ID_REUSED.
    return this.organisations.execute(
      organisationId,
      [{ type, data: body.data }],
      actorOf(caller),
      commandId ?? `srv-${newId(8)}`,
      { idempotent: commandId !== undefined },
    );
  }

  private async node(organisationId: string): Promise<OrganisationNode> {
    const s = await this.organisations.load(organisationId);
    return {
      organisationId: s.organisationId,
      name: s.name,
      kind: s.kind,
      parentId: s.parentId,
      children: await Promise.all(s.children.map((c) => this.node(c.organisationId))),
    };
  }
}

import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  DomainError, ROLES, commandSchemas, eventLine, meetingView, streamName,
  type Command, type Role,
} from '@tallyroom/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Inject } from '@nestjs/common';
import type { EventStore } from '../event-store/event-store.js';
import { EVENT_STORE } from '../event-store/tokens.js';
import { parseRollCsv } from '../roll/roll-csv.js';
import { authorizeCommand, authorizeQuery, bearer } from './access.js';
import { AuthService } from './auth.service.js';
import { RateLimits } from '../http/rate-limits.js';
import { CommandService, type CommandRequest } from './command.service.js';
import { hashToken, linkFor, newId, newToken } from './credentials.js';
import { MeetingCache } from './meeting-cache.js';
import type { MeetingHandle } from './meeting-handle.js';

const CREATED_ROLES = ['chair', 'observer', 'supervisor', 'kiosk'] as const;

@ApiTags('meetings')
@Controller('api/meetings')
export class MeetingsController {
  constructor(
    private readonly registry: MeetingCache,
    private readonly commands: CommandService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly auth: AuthService,
    private readonly limits: RateLimits,
  ) {}

  private async meeting(id: string): Promise<MeetingHandle> {
    const h = await this.registry.get(id);
    if (!h) throw new DomainError('not-found', 'UNKNOWN_MEETING', `no meeting ${id}`, { field: 'meetingId' });
    await this.registry.sync(h);
    return h;
  }

  @Post()
  @ApiOperation({ summary: 'ScheduleMeeting: creates a meeting and returns the chair, observer, supervisor and kiosk credentials (shown once)' })
  async schedule(@Body() body: unknown) {
    const data = commandSchemas.ScheduleMeeting.safeParse(body ?? {});
    if (!data.success) {
      const issue = data.error.issues[0]!;
      const field = issue.path.map(String).join('.') || 'body';
      throw new DomainError('validation', 'INVALID_FIELD', `${field}: ${issue.message}`, { field });
    }
    const meetingId = newId(6);
    const tokens = Object.fromEntries(CREATED_ROLES.map((r) => [r, newToken()])) as Record<(typeof CREATED_ROLES)[number], string>;
    const cmds: Command[] = [
      { type: 'ScheduleMeeting', data: data.data },
      ...CREATED_ROLES.map((role): Command => ({ type: 'IssueCredential', data: { credentialId: `${role}-${newId(4)}`, role, tokenHash: hashToken(tokens[role]) } })),
    ];
    await this.commands.create(meetingId, cmds, { role: 'system', id: 'scheduler' }, `schedule-${meetingId}`);
    return {
      meetingId,
      credentials: tokens,
      links: Object.fromEntries(CREATED_ROLES.map((r) => [r, linkFor(meetingId, r, tokens[r])])),
    };
  }

  @Post(':id/commands')
  @HttpCode(200)
  @ApiOperation({ summary: 'Any meeting command: { type, data, commandId?, expectedRevision? }' })
  @ApiHeader({ name: 'authorization', required: true })
  @ApiParam({ name: 'id', type: String })
  // The busiest route takes the request whole: Nest resolves each decorated parameter through its own
  // promises and pipe arrays, which on this route was about a twentieth of all allocation per command.
  async command(@Req() req: FastifyRequest) {
    const id = (req.params as { id: string }).id;
    const body = req.body as CommandRequest; // may be null or absent at run time, as with @Body()
    const h = await this.meeting(id);
    const actor = await this.auth.resolve(h, bearer(req.headers.authorization), req.ip);
    authorizeCommand(h, actor, body?.type);
    if (body?.type === 'CheckIn') await this.limits.checkIn(actor.id);
    return this.commands.execute(h, body ?? {}, actor);
  }

  @Post(':id/roll')
  @HttpCode(200)
  @ApiOperation({ summary: 'Upload the roll as CSV (UTF-8 or GBK; Chinese or English headers); imports all rows or none' })
  async roll(@Param('id') id: string, @Req() req: FastifyRequest, @Headers('authorization') auth?: string) {
    const h = await this.meeting(id);
    const actor = await this.auth.resolve(h, bearer(auth), req.ip);
    authorizeCommand(h, actor, 'EnrolMembers', 'roll');
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const parsed = parseRollCsv(new Uint8Array(bytes));
    if (!parsed.ok) {
      const first = parsed.errors[0]!;
      throw Object.assign(new DomainError('validation', 'INVALID_ROLL', `line ${first.line}: ${first.message}${parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more)` : ''}`, { field: `roll.line.${first.line}` }), { details: parsed.errors });
    }
    const commandId = typeof req.headers['x-command-id'] === 'string' ? req.headers['x-command-id'] : undefined;
    return this.commands.execute(h, { type: 'EnrolMembers', data: { members: parsed.members }, commandId }, actor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The meeting view for the caller\'s role (stable read contract)' })
  async view(@Param('id') id: string, @Req() req: FastifyRequest, @Headers('authorization') auth?: string) {
    const h = await this.meeting(id);
    const actor = await this.auth.resolve(h, bearer(auth), req.ip);
    authorizeQuery(h, actor, 'view');
    return meetingView(h.state, { role: actor.role as Role, id: actor.id, memberId: actor.memberId });
  }

  @Get(':id/head')
  @ApiOperation({ summary: 'The chain head: revision and hash of the last event' })
  async head(@Param('id') id: string, @Req() req: FastifyRequest, @Headers('authorization') auth?: string) {
    const h = await this.meeting(id);
    authorizeQuery(h, await this.auth.resolve(h, bearer(auth), req.ip), 'head');
    return { meetingId: id, revision: h.state.revision, hash: h.state.head };
  }

  @Get(':id/events')
  @ApiOperation({ summary: 'NDJSON export of the meeting stream, one event per line with its metadata' })
  async events(@Param('id') id: string, @Req() req: FastifyRequest, @Res() res: FastifyReply, @Headers('authorization') auth?: string) {
    const h = await this.meeting(id);
    authorizeQuery(h, await this.auth.resolve(h, bearer(auth), req.ip), 'events');
    const events = await this.store.readStream(streamName(id));
    void res.status(200).type('application/x-ndjson')
      .header('Content-Disposition', `attachment; filename="meeting-${id}.ndjson"`)
      // Canonical lines (RFC 8785, as hashed plus metadata.hash): a verifier checks them without re-serialising.
      .send(events.map((e) => eventLine(e)).join('\n') + (events.length ? '\n' : ''));
  }

  @Post(':id/credentials')
  @ApiOperation({ summary: 'The chair mints a credential (teller, scrutineer, member, …); the token is shown once' })
  async issue(@Param('id') id: string, @Body() body: { role?: unknown; name?: unknown; memberId?: unknown }, @Req() req: FastifyRequest, @Headers('authorization') auth?: string) {
    const h = await this.meeting(id);
    const actor = await this.auth.resolve(h, bearer(auth), req.ip);
    authorizeCommand(h, actor, 'IssueCredential', 'credentials');
    const role = body?.role;
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
      throw new DomainError('validation', 'INVALID_FIELD', `role must be one of ${ROLES.join(', ')}`, { field: 'role' });
    }
    const token = newToken();
    const credentialId = `${role}-${newId(4)}`;
    const data: Record<string, unknown> = { credentialId, role, tokenHash: hashToken(token) };
    if (body.name !== undefined) data.name = body.name;
    if (body.memberId !== undefined) data.memberId = body.memberId;
    await this.commands.execute(h, { type: 'IssueCredential', data }, actor);
    return { credentialId, token, link: linkFor(id, role as Role, token) };
  }

  @Delete(':id/credentials/:credentialId')
  @ApiOperation({ summary: 'The chair revokes a credential' })
  async revoke(@Param('id') id: string, @Param('credentialId') credentialId: string, @Req() req: FastifyRequest, @Headers('authorization') auth?: string) {
    const h = await this.meeting(id);
    const actor = await this.auth.resolve(h, bearer(auth), req.ip);
    authorizeCommand(h, actor, 'RevokeCredential', 'credentials');
    return this.commands.execute(h, { type: 'RevokeCredential', data: { credentialId } }, actor);
  }
}

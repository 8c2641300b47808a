import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  DomainError,
  RECOVERY_ACTOR,
  ROLES,
  matchMember,
  refuse,
  schemaRefusal,
  SCHEDULED_ROLES,
  commandSchemas,
  eventLine,
  meetingView,
  streamName,
  type Command,
  type CheckInReply,
  type CheckInRequest,
  type CommandOutcome,
  type HeadReply,
  type MintedCredential,
  type RecoveryCodeReply,
  type RollPreview,
  type VoterListPreview,
  type Role,
  viewingRole,
  type ScheduledMeeting,
  type VenueCodeReply,
  kioskNeedsCard,
} from '@tallyroom/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Inject } from '@nestjs/common';
import type { EventStore } from '../event-store/event-store.js';
import { EVENT_STORE } from '../event-store/tokens.js';
import { PublicAddress } from '../http/public-address.js';
import { DEFAULT_MAX_ROWS, parseRollCsv, readCsvRecords, type RollRecordsResult } from '../roll/roll-csv.js';
import { looksLikeXlsx, parseRollXlsx, readXlsxRecords } from '../roll/roll-xlsx.js';
import { isVoterListHeader, voterListFromRecords, type VoterListResult } from '../roll/voter-list.js';
import { ElectionService } from '../elections/election.service.js';
import { fillAdoption } from '../elections/adopt-candidate-list.js';
import { CommandService, type CommandRequest } from './command.service.js';
import { cardToken, findCredential, hashToken, linkFor, newId, newToken } from './credentials.js';
import { VenueKeys } from './venue-keys.js';
import { bearer, MeetingAccess, type Grant } from './meeting-access.js';
import { OrganisationAccess } from '../organisations/organisation-access.js';
import { Access, Granted, grantOf } from './meeting-access.guard.js';
import { newRecoveryCode, normaliseRecoveryCode, recoveryCodeHash } from './recovery-code.js';

@ApiTags('meetings')
@Controller('api/meetings')
export class MeetingsController {
  constructor(
    private readonly commands: CommandService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: MeetingAccess,
    private readonly address: PublicAddress,
    private readonly venue: VenueKeys,
    private readonly elections: ElectionService,
    private readonly organisations: OrganisationAccess,
  ) {}

  @Post()
  @ApiOperation({
    summary:
      "ScheduleMeeting: creates a meeting and returns the chair, observer, supervisor and kiosk credentials, their links on the public address, and the chair's recovery code (all shown once)",
  })
  async schedule(@Body() body: unknown, @Req() req: FastifyRequest): Promise<ScheduledMeeting> {
    const token = bearer(req.headers.authorization);
    const caller = await this.organisations.caller(token, req.ip);
    this.organisations.may(caller, 'create-meeting');
    const data = commandSchemas.ScheduleMeeting.safeParse(body ?? {});
    if (!data.success) throw schemaRefusal(data.error.issues);
    data.data.organisationId = await this.organisations.placeUnder(caller, data.data.organisationId, 'create-meeting');
    const meetingId = newId(6);
    const tokens = Object.fromEntries(SCHEDULED_ROLES.map((r) => [r, newToken()])) as ScheduledMeeting['credentials'];
    const recoveryCode = newRecoveryCode();
    const cmds: Command[] = [
      { type: 'ScheduleMeeting', data: data.data },
      ...SCHEDULED_ROLES.map((role): Command => ({
        type: 'IssueCredential',
        data: { credentialId: `${role}-${newId(4)}`, role, tokenHash: hashToken(tokens[role]) },
      })),
      { type: 'SetRecoveryCode', data: { codeHash: recoveryCodeHash(meetingId, recoveryCode) } },
    ];
    await this.commands.create(meetingId, cmds, { role: 'system', id: 'scheduler' }, `schedule-${meetingId}`);
    const base = this.address.base();
    return {
      meetingId,
      credentials: tokens,
      links: Object.fromEntries(
        SCHEDULED_ROLES.map((r) => [r, linkFor(meetingId, r, tokens[r], base)]),
      ) as ScheduledMeeting['links'],
      recoveryCode,
    };
  }

  @Post(':id/commands')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Any meeting command: { type, data, commandId?, expectedRevision? }. AdoptCandidateList takes only { contestId, electionId }: the server pins the election's CandidateListFixed revision and chain head and fills the fixed list's candidates for the contest's office, with their provenance",
  })
  @Access({ command: 'named-in-body' })
  // The busiest route takes the request whole: Nest resolves each decorated parameter through its own
  // promises and pipe arrays, which on this route was about a twentieth of all allocation per command.
  // The guard leaves the meeting and caller on the request for the same reason.
  async command(@Req() req: FastifyRequest): Promise<CommandOutcome> {
    const sent = (req.body ?? {}) as CommandRequest; // may be null or absent at run time, as with @Body()
    let body = sent;
    const { meeting, actor } = grantOf(req);
    // P-08b: the adopted list is read from the election's process stream, never taken from the client.
    if (body.type === 'AdoptCandidateList')
      body = { ...body, data: await fillAdoption(this.elections, meeting.meetingId, meeting.state, body.data) };
    try {
      return await this.commands.execute(meeting, body, actor, {}, sent);
    } catch (err) {
      if (actor.role === 'member' && err instanceof DomainError && err.code === 'VENUE_CODE_WRONG')
        await this.access.venueCodeWrong(actor.id);
      throw err;
    }
  }

  @Post(':id/roll')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Upload the roll as CSV (UTF-8 or GBK) or as an .xlsx workbook (its first sheet; content-type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet), Chinese or English headers; imports all rows or none, every bad row named by its line or row number. ?dryRun=1 answers the mapping, the members read and the errors (RollPreview) and writes nothing',
  })
  @ApiQuery({ name: 'dryRun', required: false, enum: ['1'] })
  @ApiQuery({
    name: 'reason',
    required: false,
    description:
      'village-committee and residents-committee: the reason for voters added after the list was published (补登, V-03)',
  })
  @Access({ command: 'EnrolMembers', via: 'roll' })
  async roll(
    @Granted() { meeting: h, actor }: Grant,
    @Req() req: FastifyRequest,
    @Query('dryRun') dryRun?: string,
    @Query('reason') reason?: string,
  ): Promise<CommandOutcome | RollPreview | VoterListPreview> {
    const bytes = new Uint8Array(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
    const xlsx = looksLikeXlsx(bytes, req.headers['content-type']);
    // V-02: a village's or residents' committee keeps a voter list; its file becomes RegisterVoters.
    if (h.state.ruleset?.registration) return this.voterList(h, actor, req, bytes, xlsx, dryRun, reason);
    let parsed: RollRecordsResult | ReturnType<typeof parseRollCsv>;
    if (xlsx) parsed = await parseRollXlsx(bytes);
    else parsed = parseRollCsv(bytes);
    if (dryRun === '1' || dryRun === 'true') {
      return {
        dryRun: true,
        format: xlsx ? 'xlsx' : 'csv',
        ...('columns' in parsed && parsed.columns ? { columns: parsed.columns } : {}),
        members: parsed.ok ? parsed.members : 'members' in parsed ? (parsed.members ?? []) : [],
        errors: parsed.ok ? [] : parsed.errors,
      };
    }
    if (!parsed.ok) {
      throw invalidRoll(parsed.errors, xlsx);
    }
    const commandId = typeof req.headers['x-command-id'] === 'string' ? req.headers['x-command-id'] : undefined;
    return this.commands.execute(h, { type: 'EnrolMembers', data: { members: parsed.members }, commandId }, actor);
  }

  private async voterList(
    h: Grant['meeting'],
    actor: Grant['actor'],
    req: FastifyRequest,
    bytes: Uint8Array,
    xlsx: boolean,
    dryRun: string | undefined,
    reason: string | undefined,
  ): Promise<CommandOutcome | VoterListPreview> {
    const read = xlsx
      ? await readXlsxRecords(bytes, DEFAULT_MAX_ROWS, isVoterListHeader)
      : readCsvRecords(bytes, isVoterListHeader);
    const parsed: VoterListResult =
      'error' in read ? { ok: false, errors: [read.error] } : voterListFromRecords(read.entries);
    if (dryRun === '1' || dryRun === 'true')
      return {
        dryRun: true,
        format: xlsx ? 'xlsx' : 'csv',
        voterList: true,
        ...(parsed.columns ? { columns: parsed.columns } : {}),
        voters: parsed.ok ? parsed.voters : (parsed.voters ?? []),
        errors: parsed.ok ? [] : parsed.errors,
      };
    if (!parsed.ok) {
      throw invalidRoll(parsed.errors, xlsx);
    }
    const commandId = typeof req.headers['x-command-id'] === 'string' ? req.headers['x-command-id'] : undefined;
    const why = reason?.trim();
    return this.commands.execute(
      h,
      { type: 'RegisterVoters', data: { voters: parsed.voters, ...(why ? { reason: why } : {}) }, commandId },
      actor,
    );
  }

  @Post(':id/check-in')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "CheckIn at the door. The desk (chair, clerk) sends what it typed: { entry, commandId? }, a member number (case and spaces ignored) or a name only one member has. The kiosk sends the member's card as read: { card, commandId? } (the card's QR, the member's link, or its token); a typed entry at the kiosk is 422 KIOSK_NEEDS_CARD (P-05). Answers the member checked in, the same whether or not they were already present",
  })
  @Access({ command: 'CheckIn', via: 'check-in' })
  async checkIn(
    @Granted() { meeting: h, actor }: Grant,
    @Body() body: Partial<Record<keyof CheckInRequest, unknown>> | null,
  ): Promise<CheckInReply> {
    if (actor.role === 'kiosk') return this.checkInByCard(h, actor, body);
    const entry = typeof body?.entry === 'string' ? body.entry.trim() : '';
    if (entry === '' || entry.length > 100)
      throw new DomainError('validation', 'INVALID_FIELD', 'entry: a member number or name of 1 to 100 characters', {
        field: 'entry',
      });
    const found = matchMember(h.state.members.values(), entry);
    if (found.kind === 'none') throw refuse.notFound('entry', 'UNKNOWN_MEMBER', 'no member has this number or name');
    if (found.kind === 'several')
      throw refuse.conflict(
        'AMBIGUOUS_MEMBER',
        found.by === 'name'
          ? `${found.members.length} members have this name: type the member number`
          : 'this number matches more than one member: check in at the desk',
        'entry',
      );
    const { memberId, name } = found.member;
    // Method, as ever, is the credential's (the decider's): the desk's check-ins are 'desk'.
    await this.commands.execute(
      h,
      { type: 'CheckIn', data: { memberId, method: 'desk' }, commandId: body?.commandId },
      actor,
    );
    return { memberId, name };
  }

  /**
   * The kiosk reads a member's personal card (the QR the chair printed: the member's own link). The card names
   * the member; nothing typed does (P-05). An unknown or revoked card and a typed entry get their own codes, and
   * a card read twice gets the same answer as the first time.
   */
  private async checkInByCard(
    h: Grant['meeting'],
    actor: Grant['actor'],
    body: Partial<Record<keyof CheckInRequest, unknown>> | null,
  ): Promise<CheckInReply> {
    const card = typeof body?.card === 'string' ? body.card.trim() : '';
    if (card === '') throw kioskNeedsCard(body?.entry !== undefined ? 'entry' : 'card');
    // The printed card (TR-CARD…), or a member's own link or token (a card minted as a credential, or a phone).
    const printed = this.venue.cardMember(h.meetingId, card);
    const token = printed === null ? cardToken(card) : null;
    const c = token ? findCredential(h.state, token) : undefined;
    const memberId = printed ?? (c?.role === 'member' ? c.memberId : undefined);
    const m = memberId ? h.state.members.get(memberId) : undefined;
    if (!m)
      throw refuse.notFound('card', 'UNKNOWN_CARD', 'this card is not a member card of this meeting, or was replaced');
    await this.commands.execute(
      h,
      { type: 'CheckIn', data: { memberId: m.memberId, method: 'kiosk' }, commandId: body?.commandId },
      actor,
      { card: m.memberId },
    );
    return { memberId: m.memberId, name: m.name };
  }

  @Get(':id/venue-code')
  @ApiOperation({
    summary:
      "The hall's venue code now (chair, kiosk): six digits that change every 30 s, which a member's own check-in must carry (P-05), and the address for the wall's QR code (the member page with ?venue=<code>)",
  })
  @Access({ query: 'venue-code' })
  venueCode(@Granted() { meeting: h }: Grant): VenueCodeReply {
    const now = this.venue.current(h.meetingId);
    const link = `${this.address.base()}/m/${encodeURIComponent(h.meetingId)}/member?venue=${now.code}`;
    return { ...now, link };
  }

  @Get(':id')
  @ApiOperation({ summary: "The meeting view for the caller's role (stable read contract)" })
  @Access({ query: 'view' })
  view(@Granted() { meeting: h, actor }: Grant) {
    return meetingView(h.state, { role: viewingRole(actor.role), id: actor.id, memberId: actor.memberId });
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'The chair deletes a practice meeting (ScheduleMeeting practice: true): its log and snapshot leave the store, and it answers 404 from then on. A real meeting: 409 NOT_A_PRACTICE_MEETING, nothing changes',
  })
  @Access({ remove: 'meeting' })
  async remove(@Granted() { meeting: h }: Grant): Promise<void> {
    await this.commands.deletePractice(h);
  }

  @Get(':id/head')
  @ApiOperation({ summary: 'The chain head: revision and hash of the last event' })
  @Access({ query: 'head' })
  head(@Granted() { meeting: h }: Grant): HeadReply {
    return { meetingId: h.meetingId, revision: h.state.revision, hash: h.state.head };
  }

  @Get(':id/events')
  @ApiOperation({ summary: 'NDJSON export of the meeting stream, one event per line with its metadata' })
  @Access({ query: 'events' })
  async events(@Granted() { meeting: { meetingId: id } }: Grant, @Res() res: FastifyReply) {
    const events = await this.store.readStream(streamName(id));
    void res
      .status(200)
      .type('application/x-ndjson')
      .header('Content-Disposition', `attachment; filename="meeting-${id}.ndjson"`)
      // Canonical lines (RFC 8785, as hashed plus metadata.hash): a verifier checks them without re-serialising.
      .send(events.map((e) => eventLine(e)).join('\n') + (events.length ? '\n' : ''));
  }

  @Post(':id/credentials')
  @ApiOperation({
    summary:
      "The chair mints a credential; the token is shown once. An org-admin of the meeting's organisation or above mints chair credentials only (`{role: 'chair'}`, 403 CHAIR_LINKS_ONLY otherwise). `{role, officer}` for a teller or scrutineer: `officer` is the appointed scrutineer's member id or the teller's name as appointed (422 OFFICER_REQUIRED / NOT_AN_OFFICER / OFFICER_IS_CANDIDATE, P-16/P-17); `{role: 'member', memberId}` for a member's own link; `name` for other roles. No chair credential (403 CHAIR_NOT_MINTABLE)",
  })
  @Access({ command: 'IssueCredential', via: 'credentials' })
  async issue(
    @Granted() { meeting: h, actor }: Grant,
    @Body() body: { role?: unknown; name?: unknown; memberId?: unknown; officer?: unknown },
  ): Promise<MintedCredential> {
    const role = body?.role;
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
      throw new DomainError('validation', 'INVALID_FIELD', `role must be one of ${ROLES.join(', ')}`, {
        field: 'role',
      });
    }
    const token = newToken();
    const credentialId = `${role}-${newId(4)}`;
    const data: Record<string, unknown> = { credentialId, role, tokenHash: hashToken(token) };
    if (body.name !== undefined) data.name = body.name;
    if (body.memberId !== undefined) data.memberId = body.memberId;
    if (body.officer !== undefined) data.officer = body.officer;
    try {
      await this.commands.execute(h, { type: 'IssueCredential', data }, actor);
    } catch (e) {
      // The decider names IssueCredential's fields (data.officer); this route's body has them at the top level.
      if (e instanceof DomainError && e.field?.startsWith('data.')) throw e.withField(e.field.slice('data.'.length));
      throw e;
    }
    return { credentialId, token, link: linkFor(h.meetingId, role as Role, token, this.address.base()) };
  }

  @Post(':id/recover')
  @ApiOperation({
    summary:
      "The chair's printed recovery code mints a new chair credential (shown once); no bearer credential. A wrong code is 401 RECOVERY_CODE_WRONG, rate-limited per address like a wrong credential; the chair's other credentials stay valid",
  })
  async recover(
    @Param('id') meetingId: string,
    @Body() body: { code?: unknown } | undefined,
    @Req() req: FastifyRequest,
  ): Promise<MintedCredential> {
    const h = await this.access.find(meetingId);
    const typed = body?.code;
    if (typeof typed !== 'string' || typed.trim() === '' || typed.length > 100)
      throw new DomainError('validation', 'INVALID_FIELD', 'code: the recovery code as printed', { field: 'code' });
    const code = normaliseRecoveryCode(typed);
    // Comparing SHA-256 hashes of 100-bit codes leaks nothing a timing attacker could use (see credentials.ts).
    if (
      code === null ||
      !h.state.recoveryCodeHash ||
      recoveryCodeHash(h.meetingId, code) !== h.state.recoveryCodeHash
    ) {
      await this.access.recoveryFailed(req.ip);
      throw new DomainError('unauthenticated', 'RECOVERY_CODE_WRONG', "the recovery code is not this meeting's", {
        field: 'code',
      });
    }
    const token = newToken();
    const credentialId = `chair-${newId(4)}`;
    await this.commands.execute(
      h,
      { type: 'IssueCredential', data: { credentialId, role: 'chair', tokenHash: hashToken(token) } },
      RECOVERY_ACTOR,
    );
    return { credentialId, token, link: linkFor(h.meetingId, 'chair', token, this.address.base()) };
  }

  @Post(':id/recovery-code')
  @ApiOperation({ summary: 'The chair draws a new recovery code (shown once); the one before stops working' })
  @Access({ command: 'SetRecoveryCode', via: 'recovery-code' })
  async replaceRecoveryCode(@Granted() { meeting: h, actor }: Grant): Promise<RecoveryCodeReply> {
    const recoveryCode = newRecoveryCode();
    await this.commands.execute(
      h,
      { type: 'SetRecoveryCode', data: { codeHash: recoveryCodeHash(h.meetingId, recoveryCode) } },
      actor,
    );
    return { recoveryCode };
  }

  @Delete(':id/credentials/:credentialId')
  @ApiOperation({ summary: 'The chair revokes a credential' })
  @Access({ command: 'RevokeCredential', via: 'credentials' })
  async revoke(
    @Granted() { meeting: h, actor }: Grant,
    @Param('credentialId') credentialId: string,
  ): Promise<CommandOutcome> {
    return this.commands.execute(h, { type: 'RevokeCredential', data: { credentialId } }, actor);
  }
}

/** A roll or voter list that does not parse: the first bad line named, every one in `details` (one shape for both). */
function invalidRoll(errors: readonly { line: number; message: string }[], xlsx: boolean): DomainError {
  const first = errors[0]!;
  const where = xlsx ? 'row' : 'line';
  return Object.assign(
    new DomainError(
      'validation',
      'INVALID_ROLL',
      `${where} ${first.line}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`,
      { field: `roll.line.${first.line}` },
    ),
    { details: errors },
  );
}

import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  DomainError,
  ELECTION_COMMAND_ROLES,
  ELECTION_ROLES,
  electionCommandSchemas,
  electionView,
  eventLine,
  meetingResultFigures,
  refuse,
  refuseServerFilled,
  schemaRefusal,
  unadoptedContests,
  type CommandOutcome,
  type ElectionCommandType,
  type ElectionRole,
  type ElectionState,
  type ElectionView,
  type OpenedElection,
} from '@tallyroom/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimits } from '../http/rate-limits.js';
import { PublicAddress } from '../http/public-address.js';
import { hashToken, newId, newToken } from '../meetings/credentials.js';
import { bearer, MeetingAccess } from '../meetings/meeting-access.js';
import { isOrgToken, OrganisationAccess } from '../organisations/organisation-access.js';
import { electionCallerOf, type ElectionCaller } from './election-credentials.js';
import { ElectionService } from './election.service.js';

/** The dashboard route of an election credential; the token travels in the fragment, never in logs. */
export const electionLink = (electionId: string, role: ElectionRole, token: string, base = '') =>
  `${base}/e/${encodeURIComponent(electionId)}/${role}#t=${token}`;

@ApiTags('elections')
@Controller('api/elections')
export class ElectionsController {
  constructor(
    private readonly elections: ElectionService,
    private readonly meetings: MeetingAccess,
    private readonly limits: RateLimits,
    private readonly address: PublicAddress,
    private readonly organisations: OrganisationAccess,
  ) {}

  @Post()
  @ApiOperation({
    summary:
      'OpenElection: opens a 换届 process stream (election-<id>) and returns the chair and observer credentials and their links (shown once). Body: { organisation, title?, ruleset? (cpc-branch), timeZone? (Asia/Shanghai), offices: [{office, seats}], parameters? }',
  })
  async open(@Body() body: unknown, @Req() req: FastifyRequest): Promise<OpenedElection> {
    const caller = await this.organisations.caller(bearer(req.headers.authorization), req.ip);
    this.organisations.may(caller, 'create-election');
    const parsed = electionCommandSchemas.OpenElection.safeParse(body ?? {});
    if (!parsed.success) throw schemaRefusal(parsed.error.issues);
    const organisationId = await this.organisations.placeUnder(caller, parsed.data.organisationId, 'create-election');
    const electionId = newId(6);
    const tokens = { chair: newToken(), observer: newToken() };
    await this.elections.execute(
      electionId,
      [
        { type: 'OpenElection', data: { ...(body as object), organisationId } },
        ...ELECTION_ROLES.map((role) => ({
          type: 'IssueElectionCredential',
          data: { credentialId: `${role}-${newId(4)}`, role, tokenHash: hashToken(tokens[role]) },
        })),
      ],
      { role: 'system', id: 'scheduler' },
      `open-${electionId}`,
      { create: true },
    );
    const base = this.address.base();
    return {
      electionId,
      credentials: tokens,
      links: {
        chair: electionLink(electionId, 'chair', tokens.chair, base),
        observer: electionLink(electionId, 'observer', tokens.observer, base),
      },
    };
  }

  @Post(':id/commands')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Any process command: { type, data, commandId? }. The chair sends them, SubmitReport included; RecordUpperApproval {kind, decision?, reference, approvedOn?, nomineeIds?} is the approver's (an organisation credential of the election's organisation or above, 403 otherwise; P-31a: a submitted report of that kind awaits it). CiteMeetingResult takes only { meetingId }: the server pins the linked meeting's current revision, chain head and declared figures",
  })
  async command(@Param('id') electionId: string, @Req() req: FastifyRequest): Promise<CommandOutcome> {
    const state = await this.elections.load(electionId);
    const actor = await this.authenticate(state, req);
    const body = (req.body ?? {}) as { type?: unknown; data?: unknown; commandId?: unknown };
    if (typeof body !== 'object' || Array.isArray(body))
      throw new DomainError('validation', 'INVALID_BODY', 'the request body must be a JSON object', { field: 'body' });
    const type = body.type;
    if (typeof type === 'string' && Object.hasOwn(ELECTION_COMMAND_ROLES, type)) {
      const roles = ELECTION_COMMAND_ROLES[type as ElectionCommandType] as readonly string[];
      if (!roles.includes(actor.role))
        throw new DomainError('forbidden', 'FORBIDDEN', `role ${actor.role} may not send ${type}`);
    }
    const commandId = body.commandId;
    if (commandId !== undefined && (typeof commandId !== 'string' || commandId.length < 1 || commandId.length > 100))
      throw new DomainError('validation', 'INVALID_FIELD', 'commandId must be a string of 1 to 100 characters', {
        field: 'commandId',
      });
    const token = bearer(req.headers.authorization);
    if (type === 'RecordUpperApproval' && isOrgToken(token) && state.organisationId !== null)
      await this.organisations.refuseUnlessUpper(
        await this.organisations.caller(token, req.ip),
        state.organisationId,
        "the upper organisation's answer to a report (RecordUpperApproval)",
      );
    let data = body.data;
    if (type === 'LinkMeeting' || type === 'CiteMeetingResult') data = await this.withMeeting(type, data, state);
    return this.elections.execute(
      electionId,
      [{ type, data }],
      actor,
      commandId ?? `srv-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
      // A retry is judged by what the client sent, not by what the server filled in from the meeting as it stands.
      { idempotent: commandId !== undefined, sent: [{ type, data: body.data }] },
    );
  }

  /**
   * LinkMeeting names a meeting that exists and is filled with its ruleset; CiteMeetingResult is filled from the
   * linked meeting as it stands.
   */
  private async withMeeting(
    type: 'LinkMeeting' | 'CiteMeetingResult',
    data: unknown,
    election: ElectionState,
  ): Promise<unknown> {
    const d = (typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {}) as Record<
      string,
      unknown
    >;
    if (typeof d.meetingId !== 'string')
      throw new DomainError('validation', 'INVALID_FIELD', 'data.meetingId: a meeting id', { field: 'data.meetingId' });
    if (type === 'LinkMeeting')
      refuseServerFilled(d, ['ruleset', 'title', 'scheduledFor'], 'meeting', 'kind and meetingId');
    else refuseServerFilled(d, ['revision', 'head', 'results', 'rounds'], 'meeting', 'only meetingId');
    const h = await this.meetings.find(d.meetingId.trim());
    // A 换届 links and cites its own organisation's meetings (or those below it), never another tree's: a link
    // pins that meeting's figures into this stream and moves its row on the other tree's board. A 换届 opened
    // before organisations existed has none, and links as it always did.
    if (
      election.organisationId !== null &&
      (h.state.organisationId === null ||
        !(await this.organisations.contains(election.organisationId, h.state.organisationId)))
    )
      throw new DomainError(
        'forbidden',
        'OUTSIDE_ORGANISATION',
        `meeting ${h.meetingId} is not under the organisation of election ${election.electionId}`,
        { field: 'data.meetingId' },
      );
    // A rehearsal's figures are never counted above the meeting: it is no step of a 换届.
    if (h.state.practice === true)
      throw new DomainError('conflict', 'PRACTICE_MEETING_NOT_LINKED', `meeting ${h.meetingId} is a practice meeting`, {
        field: 'data.meetingId',
      });
    // P-08m: the decider checks the meeting's ruleset against the kind it is linked as; the event keeps it.
    // The title and day as linked, so the 换届's readers (the approver above all) see which meeting it is.
    if (type === 'LinkMeeting')
      return {
        ...d,
        ...(h.state.ruleset ? { ruleset: h.state.ruleset.name } : {}),
        ...(h.state.title ? { title: h.state.title } : {}),
        ...(h.state.scheduledFor ? { scheduledFor: h.state.scheduledFor } : {}),
      };
    // P-08b: a 直选大会's result counts for the 换届 only where its names came from the list the 换届 fixed.
    const linkedAs = election.meetings.find((m) => m.meetingId === h.meetingId)?.kind;
    const unadopted = linkedAs === 'election' ? unadoptedContests(h.state, election.electionId) : [];
    if (unadopted.length)
      throw refuse.rule(
        'P-08b',
        'LIST_NOT_ADOPTED',
        `contest ${unadopted.join(', ')} of meeting ${h.meetingId} did not adopt the candidate list of this election (AdoptCandidateList)`,
        'data.meetingId',
        { contestId: unadopted[0]! },
      );
    return {
      ...d,
      revision: h.state.revision,
      head: h.state.head,
      results: meetingResultFigures(h.state, 'every'),
      rounds: 'every' as const,
    };
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'The 换届 as its chair and observers read it: the process card, nominees with their gaps and provenance, meetings, citations, notice, objections, the candidate list',
  })
  async view(@Param('id') electionId: string, @Req() req: FastifyRequest): Promise<ElectionView> {
    const state = await this.elections.load(electionId);
    const actor = await this.authenticate(state, req);
    return electionView(state, new Date().toISOString(), { role: actor.role });
  }

  @Get(':id/export')
  @ApiOperation({
    summary:
      'NDJSON export of the process stream election-<id>, one canonical event per line (what `tallyroom verify` reads)',
  })
  async export(@Param('id') electionId: string, @Req() req: FastifyRequest, @Res() res: FastifyReply) {
    const state = await this.elections.load(electionId);
    await this.authenticate(state, req);
    const events = await this.elections.events(electionId);
    void res
      .status(200)
      .type('application/x-ndjson')
      .header('Content-Disposition', `attachment; filename="election-${electionId}.ndjson"`)
      .send(events.map((e) => eventLine(e)).join('\n') + (events.length ? '\n' : ''));
  }

  private async authenticate(s: ElectionState, req: FastifyRequest): Promise<ElectionCaller> {
    const token = bearer(req.headers.authorization);
    if (!token)
      throw new DomainError(
        'unauthenticated',
        'UNAUTHENTICATED',
        'a credential is required: Authorization: Bearer <token>',
      );
    const c = await electionCallerOf(s, token, this.organisations, req.ip);
    if (!c) {
      await this.limits.beforeAuth(req.ip);
      await this.limits.authFailed(req.ip);
      throw new DomainError('unauthenticated', 'UNAUTHENTICATED', 'the credential is unknown');
    }
    return c;
  }
}

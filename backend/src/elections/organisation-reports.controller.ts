import { Controller, Get, Inject, Param, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ELECTION_STREAM_PREFIX,
  pendingReports,
  type OrganisationReportsReply,
  type WorklistReport,
} from '@tallyroom/contracts';
import type { FastifyRequest } from 'fastify';
import type { EventStore } from '../event-store/event-store.js';
import { EVENT_STORE } from '../event-store/tokens.js';
import { bearer } from '../meetings/meeting-access.js';
import { OrganisationAccess } from '../organisations/organisation-access.js';
import { OrganisationService } from '../organisations/organisation.service.js';
import { ElectionService } from './election.service.js';

/**
 * The approver's worklist (P-31a): every report a 换届 of the organisation or one below it submitted and that awaits
 * its answer, each marked with whether this credential may answer it (P-31: the organisation's own reports are the
 * one above's to answer). The 换届 are found by their streams, listed by their prefix alone (on KurrentDB a filtered
 * read that carries no meeting's events); each is folded by the election service's cache.
 */
@ApiTags('organisations')
@Controller('api/organisations')
export class OrganisationReportsController {
  constructor(
    private readonly access: OrganisationAccess,
    private readonly organisations: OrganisationService,
    private readonly elections: ElectionService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get(':id/reports')
  @ApiOperation({
    summary:
      'The reports (请示, 二报, result report) awaiting the upper organisation’s answer in the 换届 of this organisation and those below it (read: org-admin, org-viewer, approver of it or above)',
  })
  async pending(@Param('id') organisationId: string, @Req() req: FastifyRequest): Promise<OrganisationReportsReply> {
    const caller = await this.access.authorise(bearer(req.headers.authorization), organisationId, 'read', req.ip);
    const below = new Set(await this.organisations.subtree(organisationId));
    const pending: WorklistReport[] = [];
    // Read side by side: each is a read of the store, on KurrentDB a round trip (OrganisationService.subtree says why).
    const elections = await Promise.all(
      (await this.store.listStreams(ELECTION_STREAM_PREFIX)).map((stream) =>
        this.elections.load(stream.slice(ELECTION_STREAM_PREFIX.length)),
      ),
    );
    for (const s of elections) {
      if (s.organisationId === null || !below.has(s.organisationId)) continue;
      const awaiting = pendingReports(s);
      if (awaiting.length === 0) continue;
      const answerable = await this.access.answers(caller, s.organisationId);
      for (const r of awaiting) pending.push({ ...r, answerable });
    }
    pending.sort((a, b) => a.submittedOn.localeCompare(b.submittedOn) || a.electionId.localeCompare(b.electionId));
    return { organisationId, pending };
  }
}

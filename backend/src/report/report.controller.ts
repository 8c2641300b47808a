import { Controller, Get, Headers, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@tallyroom/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authorizeQuery, bearer } from '../meetings/access.js';
import { AuthService } from '../meetings/auth.service.js';
import { MeetingCache } from '../meetings/meeting-cache.js';
import { renderReport } from './render-report.js';
import { reportLang } from './report-text.js';

/** GET /api/meetings/:id/report — authenticates like every other read (QUERY_ROLES.report), then renders the folded state. */
@ApiTags('meetings')
@Controller('api/meetings')
export class ReportController {
  constructor(private readonly registry: MeetingCache, private readonly auth: AuthService) {}

  @Get(':id/report')
  @ApiOperation({ summary: 'The printable result report (选举结果报告单, P-31) as HTML, zh-CN (or English with ?lang=en); its footer carries the chain head as text and QR code' })
  @ApiQuery({ name: 'lang', required: false, enum: ['zh-CN', 'en'] })
  async report(@Param('id') id: string, @Req() req: FastifyRequest, @Res() res: FastifyReply, @Query('lang') lang?: string, @Headers('authorization') auth?: string) {
    const h = await this.registry.get(id);
    if (!h) throw new DomainError('not-found', 'UNKNOWN_MEETING', `no meeting ${id}`, { field: 'meetingId' });
    await this.registry.sync(h);
    authorizeQuery(h, await this.auth.resolve(h, bearer(auth), req.ip), 'report');
    // State and head are read together, before any await, so the printed head is the state's own.
    const state = h.state;
    const head = { revision: state.revision, hash: state.head };
    const broken = h.broken ? { revision: h.broken.revision, problem: h.broken.problem } : undefined;
    const page = await renderReport(state, head, { lang: reportLang(lang), ...(broken ? { broken } : {}) });
    // A result sheet must not be served stale from a cache after another ballot or declaration.
    void res.status(200).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').header('Content-Language', reportLang(lang)).send(page);
  }
}

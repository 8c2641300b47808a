import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Grant } from '../meetings/meeting-access.js';
import { Access, Granted } from '../meetings/meeting-access.guard.js';
import { electionResultsOnly } from '../documents/upper-reports.js';
import { renderReport } from './render-report.js';
import { reportLang } from './report-text.js';

/** GET /api/meetings/:id/report — authenticates like every other read (QUERY_ROLES.report), then renders the folded state. */
@ApiTags('meetings')
@Controller('api/meetings')
export class ReportController {
  @Get(':id/report')
  @ApiOperation({
    summary:
      'The printable result report (选举结果报告单, P-31) as HTML, zh-CN (or English with ?lang=en); its footer carries the chain head as text and QR code',
  })
  @ApiQuery({ name: 'lang', required: false, enum: ['zh-CN', 'en'] })
  @Access({ query: 'report' })
  async report(@Granted() { meeting: h }: Grant, @Res() res: FastifyReply, @Query('lang') lang?: string) {
    // State and head are read together, before any await, so the printed head is the state's own.
    const state = h.state;
    electionResultsOnly({ state });
    const head = { revision: state.revision, hash: state.head };
    const broken = h.broken ? { revision: h.broken.revision, problem: h.broken.problem } : undefined;
    const page = await renderReport(state, head, { lang: reportLang(lang), ...(broken ? { broken } : {}) });
    // A result sheet must not be served stale from a cache after another ballot or declaration.
    void res
      .status(200)
      .type('text/html; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .header('Content-Language', reportLang(lang))
      .send(page);
  }
}

import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError, refuse, streamName } from '@tallyroom/contracts';
import type { FastifyReply } from 'fastify';
import type { EventStore } from '../event-store/event-store.js';
import { EVENT_STORE } from '../event-store/tokens.js';
import type { Grant } from '../meetings/meeting-access.js';
import { Access, Granted } from '../meetings/meeting-access.guard.js';
import { VenueKeys } from '../meetings/venue-keys.js';
import { reportLang } from '../report/report-text.js';
import { XLSX_TYPE } from '../roll/roll-xlsx.js';
import {
  DOCUMENT_FORMATS,
  DOCUMENT_KINDS,
  DOCUMENTS,
  type DocumentFormat,
  type DocumentInput,
  type DocumentKindName,
} from './document-kinds.js';

const TYPES: Record<DocumentFormat, string> = {
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: XLSX_TYPE,
};

/** GET /api/meetings/:id/documents/:kind — the printable pack (issue 20), each kind from document-kinds.ts. */
@ApiTags('meetings')
@Controller('api/meetings')
export class DocumentsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly venue: VenueKeys,
  ) {}

  @Get(':id/documents/:kind')
  @ApiOperation({
    summary:
      'A printable document of the meeting: ballot (contestId, round), sign-in-sheet, check-in-cards, host-script, minutes, report, tally-sheet (contestId, round), proxy-list (委托投票公示名单, village and residents rulesets), election-request and candidates-report (the 请示 and the prospective candidates report to the upper organisation: Chinese, docx only); ?format=html (default), docx, or xlsx (the report only: the 当选名单 and every counted round’s figures); ?lang=zh-CN (default) or en',
  })
  @ApiParam({ name: 'kind', enum: DOCUMENT_KINDS })
  @ApiQuery({ name: 'format', required: false, enum: DOCUMENT_FORMATS })
  @ApiQuery({ name: 'lang', required: false, enum: ['zh-CN', 'en'] })
  @ApiQuery({ name: 'contestId', required: false, description: 'ballot and tally-sheet: the contest' })
  @ApiQuery({
    name: 'round',
    required: false,
    description: 'ballot and tally-sheet: the round, from 1 (default: the round to come, else the last one held)',
  })
  @ApiQuery({
    name: 'memberIds',
    required: false,
    description: 'check-in-cards: the members to print, comma-separated (default: the whole roll)',
  })
  @Access({ query: 'documents' })
  async document(
    @Granted() grant: Grant,
    @Param('kind') kind: string,
    @Query() query: Record<string, string | undefined>,
    @Res() res: FastifyReply,
  ) {
    if (!(DOCUMENT_KINDS as readonly string[]).includes(kind))
      throw refuse.notFound(
        'kind',
        'UNKNOWN_DOCUMENT',
        `no document kind ${kind}; one of ${DOCUMENT_KINDS.join(', ')}`,
        {
          kind,
        },
      );
    const doc = DOCUMENTS[kind as DocumentKindName];
    if (!doc)
      throw refuse.notFound('kind', 'DOCUMENT_NOT_AVAILABLE', `the ${kind} document is not available yet`, { kind });
    if (!(doc.roles as readonly string[]).includes(grant.actor.role))
      throw new DomainError(
        'forbidden',
        'DOCUMENT_FORBIDDEN',
        `the ${grant.actor.role} role may not have the ${kind} document`,
        {
          field: 'kind',
          params: { kind },
        },
      );
    const format = (query.format ?? 'html') as DocumentFormat;
    if (!(DOCUMENT_FORMATS as readonly string[]).includes(format))
      throw refuse.invalid('format', 'UNKNOWN_FORMAT', `format must be one of ${DOCUMENT_FORMATS.join(', ')}`);
    const render = doc[format];
    if (!render)
      throw refuse.invalid('format', 'FORMAT_NOT_AVAILABLE', `the ${kind} document has no ${format} format`, {
        kind,
        format,
      });
    const { meeting: h } = grant;
    // State and head are read together, before any await, so a printed head is the state's own.
    const state = h.state;
    const input: DocumentInput = {
      state,
      head: { revision: state.revision, hash: state.head },
      lang: doc.chineseOnly ? 'zh-CN' : reportLang(query.lang),
      query,
      events: () => this.store.readStream(streamName(h.meetingId)),
      checkInCard: (memberId) => this.venue.card(h.meetingId, memberId),
      ...(h.broken ? { broken: { revision: h.broken.revision, problem: h.broken.problem } } : {}),
    };
    doc.params?.(input);
    const body = await render(input);
    const name = encodeURIComponent(`${doc.fileName(input)}.${format}`);
    void res
      .status(200)
      .type(TYPES[format])
      .header('Cache-Control', 'no-store')
      .header('Content-Language', input.lang)
      .header('Content-Disposition', `${format === 'html' ? 'inline' : 'attachment'}; filename*=UTF-8''${name}`)
      .send(format === 'html' ? body : Buffer.from(body as Uint8Array));
  }
}

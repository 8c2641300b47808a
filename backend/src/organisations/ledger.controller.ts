import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  DomainError,
  isStatutoryTerm,
  type LedgerImported,
  type LedgerImportPreview,
  type LedgerReply,
  type LedgerStatus,
} from '@tallyroom/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { newId } from '../meetings/credentials.js';
import { bearer } from '../meetings/meeting-access.js';
import { readCsvRecords } from '../roll/roll-csv.js';
import { looksLikeXlsx, newWorkbook, readXlsxRecords, XLSX_TYPE } from '../roll/roll-xlsx.js';
import {
  congressLabel,
  isLedgerHeader,
  kindLabel,
  LEDGER_FIELDS,
  LEDGER_HEADERS,
  ledgerFromRecords,
  type LedgerRowError,
} from './ledger-file.js';
import { OrganisationLedgers } from './ledger-import.js';
import { OrganisationAccess, type OrgCaller } from './organisation-access.js';

const STATUS_ZH: Record<LedgerStatus, string> = {
  unrecorded: '未录入',
  'in-term': '任期内',
  due: '应换届',
  'under-way': '换届中',
  done: '已换届',
  overdue: '逾期未换届',
};
const REMINDER_ZH = { 'six-months': '届满前6个月', 'four-months': '届满前4个月', 'one-month': '届满前1个月' } as const;

const actorOf = (caller: OrgCaller) =>
  caller.kind === 'operator' ? { role: 'operator', id: 'operator' } : { role: caller.role, id: caller.credentialId };

/** The 换届 ledger of an organisation's subtree: read and exported by any credential of it, imported by an org-admin. */
@ApiTags('organisations')
@Controller('api/organisations')
export class LedgerController {
  constructor(
    private readonly ledgers: OrganisationLedgers,
    private readonly access: OrganisationAccess,
  ) {}

  @Get(':id/ledger')
  @ApiOperation({
    summary:
      'The 换届 ledger of the organisation and every one below it: term, status (unrecorded, in-term, due, under-way, done, overdue), reminder days and the reminder owed today (six months, four months where a 党员代表大会 is due, one month), the reminders, the overdue list and the roll-up by kind (byKind). ?format=csv or xlsx: the same rows as a file with the import columns',
  })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv', 'xlsx'] })
  async read(
    @Param('id') organisationId: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
    @Query('format') format?: string,
  ): Promise<LedgerReply | Buffer | string> {
    await this.access.authorise(bearer(req.headers.authorization), organisationId, 'read', req.ip);
    const reply = await this.ledgers.reply(organisationId);
    if (format === undefined || format === 'json') return reply;
    if (format !== 'csv' && format !== 'xlsx')
      throw new DomainError('validation', 'INVALID_FIELD', 'format: json, csv or xlsx', { field: 'format' });
    const names = new Map(reply.rows.map((r) => [r.organisationId, r.name]));
    const header = [
      ...LEDGER_FIELDS.map((f) => LEDGER_HEADERS[f].zh),
      '延期（提前）至',
      '批复文号',
      '换届状态',
      '提醒',
    ];
    const lines = reply.rows.map((r, i) => [
      r.name,
      kindLabel(r.kind),
      // The first row is the organisation itself: its parent is outside this ledger, and an import leaves it blank.
      i === 0 ? '' : (names.get(r.parentId ?? '') ?? ''),
      r.term?.termStart ?? '',
      r.term?.termEnd ?? '',
      r.term ? String(r.term.seats) : '',
      r.term?.secretary ?? '',
      r.term?.note ?? '',
      r.term ? congressLabel(r.term.congress === true) : '',
      r.extension?.approvedTo ?? '',
      r.extension?.reference ?? '',
      STATUS_ZH[r.status],
      r.reminder ? REMINDER_ZH[r.reminder] : '',
    ]);
    const file = `ledger-${organisationId}.${format}`;
    void res.header('Content-Disposition', `attachment; filename="${file}"`);
    if (format === 'csv') {
      void res.type('text/csv; charset=utf-8');
      const quote = (c: string) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
      // The BOM makes Excel read the file as UTF-8.
      return '\uFEFF' + [header, ...lines].map((l) => l.map(quote).join(',')).join('\r\n') + '\r\n';
    }
    const workbook = await newWorkbook();
    const sheet = workbook.addWorksheet('换届台账');
    sheet.addRow(header);
    for (const l of lines) sheet.addRow(l.map((c, i) => (i === 5 && c !== '' ? Number(c) : c)));
    void res.type(XLSX_TYPE);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  @Post(':id/ledger')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Imports a 换届台账 as CSV (UTF-8 or GBK) or .xlsx (first sheet): columns 组织名称, 本届任期开始, 委员职数 and optionally 类别, 上级组织, 任期届满, 书记, 备注, 换届方式 (党员代表大会 or 党员大会). An organisation not yet in the tree is created under its 上级组织 (default: this one); each row records the term (RecordTerm). All rows or none, every bad row named by its line or row number. ?dryRun=1 answers what would be created and recorded (LedgerImportPreview) and writes nothing',
  })
  @ApiQuery({ name: 'dryRun', required: false, enum: ['1'] })
  async import(
    @Param('id') organisationId: string,
    @Req() req: FastifyRequest,
    @Query('dryRun') dryRun?: string,
  ): Promise<LedgerImported | LedgerImportPreview> {
    const caller = await this.access.authorise(
      bearer(req.headers.authorization),
      organisationId,
      'manage-ledger',
      req.ip,
    );
    const bytes = new Uint8Array(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
    const xlsx = looksLikeXlsx(bytes, req.headers['content-type']);
    const read = xlsx ? await readXlsxRecords(bytes, 5000, isLedgerHeader) : readCsvRecords(bytes, isLedgerHeader);
    const file = 'error' in read ? { rows: [], errors: [read.error] } : ledgerFromRecords(read.entries);
    const plan = await this.ledgers.plan(organisationId, file.rows);
    const errors = [...file.errors, ...plan.errors].sort((a, b) => a.line - b.line);
    // Asked of the whole file, for a dry run as for the import (today the role that imports is the role that creates).
    if (plan.steps.some((s) => s.create)) this.access.may(caller, 'create-organisation');
    const refused = await this.refusals(caller, plan);
    if (dryRun === '1' || dryRun === 'true')
      return {
        dryRun: true,
        format: xlsx ? 'xlsx' : 'csv',
        ...('columns' in file && file.columns ? { columns: file.columns } : {}),
        rows: plan.steps.map((s) => s.row),
        // What the import would refuse this caller is listed with the file's own errors, so that a dry run that
        // lists none is an import that goes through.
        errors: [
          ...errors,
          ...refused.map(({ line, error }) => ({
            line,
            message: error.message,
            code: error.code,
            ...(error.rule ? { rule: error.rule } : {}),
          })),
        ].sort((a, b) => a.line - b.line),
      };
    if (errors.length > 0) throw invalidLedger(errors, xlsx);
    if (refused.length > 0) throw refused[0]!.error;
    return this.ledgers.apply(plan, actorOf(caller), `ledger-${newId(6)}`);
  }

  /** The rows of a plan this caller may not write (403s), each with the line it came from. */
  private async refusals(
    caller: OrgCaller,
    plan: Awaited<ReturnType<OrganisationLedgers['plan']>>,
  ): Promise<{ line: number; error: DomainError }[]> {
    const out: { line: number; error: DomainError }[] = [];
    const refusal = async (line: number, check: () => Promise<void>) => {
      try {
        await check();
      } catch (err) {
        // Only a door's refusal is the row's; anything else (an organisation gone meanwhile) is the request's.
        if (!(err instanceof DomainError) || err.kind !== 'forbidden') throw err;
        out.push({ line, error: err });
      }
    };
    // P-33, as for RecordTerm: an organisation's own term with an end other than the statutory one is the upper's.
    for (const s of plan.steps)
      if (!s.create && s.term && !isStatutoryTerm(s.row.kind, s.term.termStart, s.term.termEnd))
        await refusal(s.row.line, () =>
          this.access.refuseUnlessUpper(
            caller,
            s.organisationId,
            `line ${s.row.line}: a term with an end of its own`,
            'P-33',
          ),
        );
    return out;
  }
}

/** A ledger file with bad rows: the first named, every one in `details`, nothing written. */
function invalidLedger(errors: readonly LedgerRowError[], xlsx: boolean): DomainError {
  const first = errors[0]!;
  return Object.assign(
    new DomainError(
      'validation',
      'INVALID_LEDGER',
      `${xlsx ? 'row' : 'line'} ${first.line}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`,
      { field: `ledger.line.${first.line}` },
    ),
    { details: errors },
  );
}

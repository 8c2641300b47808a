/**
 * Issue 23, point 2: the 换届 ledger over HTTP. A county imports its 换届台账 from a CSV or an Excel workbook (written
 * by SheetJS, not by the exceljs the server reads with): the organisations not yet in the tree are created under their
 * 上级组织 and their terms recorded, all rows or none, a bad row named by its line; the ledger then shows each term's
 * end, status and the reminder owed (P-33: six months and one month ahead), and the overdue organisations. The terms
 * are dated relative to today, so each expected day is written out here from the calendar, not from the code.
 */
import type {
  CreatedOrganisation,
  LedgerImported,
  LedgerImportPreview,
  LedgerReply,
  OrganisationReply,
} from '@tallyroom/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { expectError, request, today } from '../support/api.js';
import { TEST_OPERATOR_TOKEN } from '../support/organisation.js';
import { startTestServer, type TestServer } from '../support/server.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(() => server?.close());

/** Today (Beijing) moved by whole years and days on the calendar; today is never 29 February in these runs' window. */
function shifted(years: number, days: number): string {
  const [y, m, d] = today().split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d + days)).toISOString().slice(0, 10);
}

const call = <T>(
  method: string,
  path: string,
  token: string,
  o: { json?: unknown; raw?: string | Uint8Array; contentType?: string } = {},
) => request<T>(server.url, method, path, { token, ...o });

function workbook(rows: (string | number)[][]): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '换届台账');
  return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST: true }) as Buffer);
}

describe('the 换届 ledger', () => {
  let county: CreatedOrganisation;
  let admin: string;
  let viewer: string;
  const path = () => `/api/organisations/${county.organisationId}`;
  const ledger = async (token = admin) => {
    const r = await call<LedgerReply>('GET', `${path()}/ledger`, token);
    expect(r.status, r.text).toBe(200);
    return r.body;
  };
  const row = (l: LedgerReply, name: string) => l.rows.find((r) => r.name === name)!;

  beforeAll(async () => {
    const r = await request<CreatedOrganisation>(server.url, 'POST', '/api/organisations', {
      token: TEST_OPERATOR_TOKEN,
      json: { name: '某县委组织部', kind: 'county' },
    });
    expect(r.status, r.text).toBe(201);
    county = r.body;
    admin = county.credentials['org-admin'];
    const v = await call<{ token: string }>('POST', `${path()}/credentials`, admin, { json: { role: 'org-viewer' } });
    viewer = v.body.token;
  });

  // A town committee and four organisations: due in 20 days, due in 100 days (a village, 5 years), overdue by 10 days, in term.
  const rows = () => [
    ['2026年换届台账'],
    ['组织名称', '类别', '上级组织', '本届任期开始', '任期届满', '委员职数', '书记', '备注'],
    ['某镇党委', '党委', '', shifted(-1, 0), '', 7, '赵书记', ''],
    ['第一党支部', '党支部', '某镇党委', shifted(-3, 20), '', 5, '王一', ''],
    ['某村党支部', '村', '某镇党委', shifted(-5, 100), '', 5, '李二', '与村委会同步'],
    ['第二党支部', '党支部', '某镇党委', shifted(-3, -10), '', 3, '', ''],
  ];

  it('a CSV with bad rows names each by its line, and nothing is written', async () => {
    const csv = [
      '组织名称,类别,上级组织,本届任期开始,任期届满,委员职数,书记',
      `第三党支部,党支部,,${shifted(-1, 0)},,3,张三`,
      `第四党支部,党支部,,2024-02-30,,3,`,
      // Six years: longer than any term (P-33), a postponement needs approval.
      `第五党支部,党支部,,${shifted(-2, 0)},${shifted(4, 0)},3,`,
      `第六党支部,党支部,不存在的党委,${shifted(-1, 0)},,3,`,
      // Below a branch (the row above creates it): a branch has no organisations under it.
      `第七党支部,党支部,第三党支部,${shifted(-1, 0)},,3,`,
    ].join('\n');
    const dry = await call<LedgerImportPreview>('POST', `${path()}/ledger?dryRun=1`, admin, {
      raw: csv,
      contentType: 'text/csv',
    });
    expect(dry.status, dry.text).toBe(200);
    expect(dry.body.rows.map((r) => [r.line, r.name])).toEqual([[2, '第三党支部']]);
    expect(dry.body.errors.map((e) => [e.line, e.field, e.code ?? null])).toEqual([
      [3, 'termStart', null],
      [4, 'termEnd', 'TERM_TOO_LONG'],
      [5, 'parent', null],
      [6, 'parent', 'NO_ORGANISATIONS_BELOW'],
    ]);
    const refused = await call<{ error: { code: string; field: string; rows: unknown[] } }>(
      'POST',
      `${path()}/ledger`,
      admin,
      { raw: csv, contentType: 'text/csv' },
    );
    expect(refused.status, refused.text).toBe(400);
    expect([refused.body.error.code, refused.body.error.field, refused.body.error.rows.length]).toEqual([
      'INVALID_LEDGER',
      'ledger.line.3',
      4,
    ]);
    // Not even the good row's organisation was created.
    expect((await ledger()).rows.map((r) => r.name)).toEqual(['某县委组织部']);
  });

  it('an .xlsx workbook creates the organisations under their 上级组织 and records their terms', async () => {
    const file = workbook(rows());
    const dry = await call<LedgerImportPreview>('POST', `${path()}/ledger?dryRun=1`, admin, {
      raw: file,
      contentType: XLSX_TYPE,
    });
    expect(dry.status, dry.text).toBe(200);
    expect(dry.body.errors).toEqual([]);
    expect(dry.body.rows.map((r) => [r.line, r.name, r.kind, r.parent, r.termEnd])).toEqual([
      [3, '某镇党委', 'committee', '某县委组织部', shifted(2, 0)],
      [4, '第一党支部', 'branch', '某镇党委', shifted(0, 20)],
      [5, '某村党支部', 'village', '某镇党委', shifted(0, 100)],
      [6, '第二党支部', 'branch', '某镇党委', shifted(0, -10)],
    ]);
    expect((await ledger()).rows).toHaveLength(1);

    const done = await call<LedgerImported>('POST', `${path()}/ledger`, admin, { raw: file, contentType: XLSX_TYPE });
    expect(done.status, done.text).toBe(200);
    expect(done.body.created.map((c) => c.name)).toEqual(['某镇党委', '第一党支部', '某村党支部', '第二党支部']);

    const tree = await call<OrganisationReply>('GET', path(), admin);
    const town = tree.body.organisation.children.find((c) => c.name === '某镇党委')!;
    expect(town.children.map((c) => [c.name, c.kind])).toEqual([
      ['第一党支部', 'branch'],
      ['某村党支部', 'village'],
      ['第二党支部', 'branch'],
    ]);
    expect(tree.body.ledger.map((r) => r.name)).toEqual([
      '某县委组织部',
      '某镇党委',
      '第一党支部',
      '某村党支部',
      '第二党支部',
    ]);

    // The same file again changes nothing.
    const again = await call<LedgerImported>('POST', `${path()}/ledger`, admin, { raw: file, contentType: XLSX_TYPE });
    expect([again.body.created.length, again.body.recorded, again.body.unchanged]).toEqual([0, 0, 4]);
  });

  it('shows each term end, status and reminder; the overdue list names the late branch', async () => {
    const l = await ledger(viewer);
    expect(row(l, '某县委组织部')).toMatchObject({ status: 'unrecorded', termEnd: null, reminder: null });
    expect(row(l, '某镇党委')).toMatchObject({ status: 'in-term', termEnd: shifted(2, 0), reminder: null });
    expect(row(l, '第一党支部')).toMatchObject({ status: 'due', termEnd: shifted(0, 20), reminder: 'one-month' });
    expect(row(l, '某村党支部')).toMatchObject({ status: 'due', termEnd: shifted(0, 100), reminder: 'six-months' });
    expect(row(l, '某村党支部').term).toMatchObject({ seats: 5, secretary: '李二', note: '与村委会同步' });
    expect(row(l, '第二党支部')).toMatchObject({ status: 'overdue', termEnd: shifted(0, -10), reminder: null });
    expect(l.reminders.map((r) => [r.name, r.kind])).toEqual([
      ['第一党支部', 'one-month'],
      ['某村党支部', 'six-months'],
    ]);
    expect(l.overdue.map((o) => [o.name, o.termEnd])).toEqual([['第二党支部', shifted(0, -10)]]);
  });

  it('an approved postponement (P-33, at most a year) takes the branch off the overdue list; a viewer may not record one', async () => {
    const late = row(await ledger(), '第二党支部');
    const cmd = (approvedTo: string, token = admin) =>
      call('POST', `/api/organisations/${late.organisationId}/commands`, token, {
        json: {
          type: 'RecordTermExtension',
          data: { approvedTo, reference: '县委组字〔2026〕8号', reason: '并入统一换届' },
        },
      });
    expectError(await cmd(shifted(1, -9)), 422, 'EXTENSION_TOO_LONG', 'P-33');
    expectError(await cmd(shifted(0, 30), viewer), 403, 'FORBIDDEN');
    expect((await cmd(shifted(0, 30))).status).toBe(200);
    const l = await ledger();
    expect(row(l, '第二党支部')).toMatchObject({ status: 'due', termEnd: shifted(0, 30), reminder: 'one-month' });
    expect(l.overdue).toEqual([]);
  });

  it('a 换届 under way, then done: no reminder is owed for it', async () => {
    const first = row(await ledger(), '第一党支部');
    const status = (s: string) =>
      call('POST', `/api/organisations/${first.organisationId}/commands`, admin, {
        json: { type: 'RecordRenewalStatus', data: { status: s, on: today() } },
      });
    expect((await status('under-way')).status).toBe(200);
    expect(row(await ledger(), '第一党支部')).toMatchObject({ status: 'under-way', reminder: null });
    expect((await status('done')).status).toBe(200);
    const l = await ledger();
    expect(row(l, '第一党支部').status).toBe('done');
    expect(l.reminders.map((r) => r.name)).toEqual(['第二党支部', '某村党支部']);
  });

  it('a viewer reads the ledger but imports nothing', async () => {
    const r = await call('POST', `${path()}/ledger`, viewer, { raw: workbook(rows()), contentType: XLSX_TYPE });
    expectError(r, 403, 'FORBIDDEN');
    expectError(await call('GET', `${path()}/ledger`, ''), 401, 'UNAUTHENTICATED');
  });

  it('exports the ledger as CSV and .xlsx with the import columns; the export reads back without a change', async () => {
    const csv = await call('GET', `${path()}/ledger?format=csv`, viewer);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      '组织名称,类别,上级组织,本届任期开始,任期届满,委员职数,书记,备注,换届方式,延期（提前）至,批复文号,换届状态,提醒',
    );
    expect(lines).toContain(
      `第二党支部,党支部,某镇党委,${shifted(-3, -10)},${shifted(0, -10)},3,,,党员大会,${shifted(0, 30)},县委组字〔2026〕8号,应换届,届满前1个月`,
    );

    const xlsx = await fetch(`${server.url}${path()}/ledger?format=xlsx`, {
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect(xlsx.headers.get('content-type')).toContain(XLSX_TYPE);
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as never);
    const village = wb.worksheets[0]!.getRows(1, 6)!.find((r) => r.getCell(1).value === '某村党支部')!;
    expect([
      village.getCell(2).value,
      village.getCell(5).value,
      village.getCell(6).value,
      village.getCell(9).value,
      village.getCell(12).value,
    ]).toEqual(['村党支部', shifted(0, 100), 5, '党员大会', '应换届']);

    const back = await call<LedgerImported>('POST', `${path()}/ledger`, admin, { raw: bytes, contentType: XLSX_TYPE });
    expect(back.status, back.text).toBe(200);
    expect([back.body.created, back.body.recorded, back.body.unchanged]).toEqual([[], 0, 5]);
  });

  it('a commandId makes an organisation command idempotent: a retry gets the first answer, another command 409', async () => {
    const second = row(await ledger(), '第二党支部');
    const send = (type: string, data: unknown, commandId: string) =>
      call<{ revision: number; events: { type: string }[]; duplicate?: boolean }>(
        'POST',
        `/api/organisations/${second.organisationId}/commands`,
        admin,
        { json: { type, data, commandId } },
      );
    const first = await send('RecordRenewalStatus', { status: 'under-way', on: today() }, 'ledger-retry-1');
    expect(first.status).toBe(200);
    expect(first.body.events.map((e) => e.type)).toEqual(['RenewalStatusRecorded']);
    const again = await send('RecordRenewalStatus', { status: 'under-way', on: today() }, 'ledger-retry-1');
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, duplicate: true });
    // The same id for another command is refused, and writes nothing.
    const note = { termStart: shifted(-1, 0), seats: 11 };
    expectError(await send('RecordTerm', note, 'ledger-retry-1'), 409, 'COMMAND_ID_REUSED');
    // The same kind of command with other data under the same id: not a retry either.
    expectError(
      await send('RecordRenewalStatus', { status: 'done', on: today() }, 'ledger-retry-1'),
      409,
      'COMMAND_ID_REUSED',
    );
    expect(row(await ledger(), '第二党支部')).toMatchObject({ term: second.term, status: 'under-way' });
  });
});

/**
 * Field notes (换届台账): where a 党员代表大会 elects the committee, the upper organisation reminds four months ahead as
 * well, and a city reads its 换届's progress as % complete per kind of organisation.
 */
describe('the ledger: a 代表大会 and the roll-up by kind', () => {
  let county: CreatedOrganisation;
  let admin: string;
  const path = () => `/api/organisations/${county.organisationId}`;
  const ledger = async () => {
    const r = await call<LedgerReply>('GET', `${path()}/ledger`, admin);
    expect(r.status, r.text).toBe(200);
    return r.body;
  };
  const csv = (lines: string[]) =>
    call<LedgerImported>('POST', `${path()}/ledger`, admin, { raw: lines.join('\n'), contentType: 'text/csv' });

  beforeAll(async () => {
    const r = await request<CreatedOrganisation>(server.url, 'POST', '/api/organisations', {
      token: TEST_OPERATOR_TOKEN,
      json: { name: '另一县委组织部', kind: 'county' },
    });
    expect(r.status, r.text).toBe(201);
    county = r.body;
    admin = county.credentials['org-admin'];
  });

  it('reads 换届方式 from the file: the four-month reminder is owed only where a 代表大会 is due', async () => {
    // Both committees' terms (three years) end in 100 days: four months before is 20 days ago or so, one month before
    // is in 70 days. The one holding a 代表大会 is owed the four-month reminder, the other the six-month one.
    const header = '组织名称,类别,本届任期开始,委员职数,换届方式';
    const r = await csv([
      header,
      `甲乡党委,党委,${shifted(-3, 100)},7,党员代表大会`,
      `乙乡党委,党委,${shifted(-3, 100)},7,党员大会`,
      `丙村党支部,村,${shifted(-5, 300)},5,`,
    ]);
    expect(r.status, r.text).toBe(200);
    const l = await ledger();
    const row = (name: string) => l.rows.find((x) => x.name === name)!;
    expect(row('甲乡党委').term?.congress).toBe(true);
    expect(row('甲乡党委').reminder).toBe('four-months');
    expect(row('甲乡党委').reminderDays?.['four-months']).toBeDefined();
    expect(row('乙乡党委').term).not.toHaveProperty('congress');
    expect(row('乙乡党委').reminder).toBe('six-months');
    expect(row('乙乡党委').reminderDays).not.toHaveProperty('four-months');
    // The same term end: the list's order between them is by id, so it is read here by name.
    expect(l.reminders.map((x) => [x.name, x.kind]).sort()).toEqual([
      ['乙乡党委', 'six-months'],
      ['甲乡党委', 'four-months'],
    ]);

    // A file silent on 换届方式 leaves the 代表大会 entered (its preview says so too); 党员大会 written out takes it off.
    const silent = await call<LedgerImportPreview>('POST', `${path()}/ledger?dryRun=1`, admin, {
      raw: ['组织名称,本届任期开始,委员职数', `甲乡党委,${shifted(-3, 100)},7`].join('\n'),
      contentType: 'text/csv',
    });
    expect(silent.status, silent.text).toBe(200);
    expect(silent.body.rows[0]?.congress).toBe(true);
    expect((await csv(['组织名称,本届任期开始,委员职数', `甲乡党委,${shifted(-3, 100)},7`])).status).toBe(200);
    expect((await ledger()).rows.find((x) => x.name === '甲乡党委')?.term?.congress).toBe(true);
    expect((await csv([header, `甲乡党委,党委,${shifted(-3, 100)},7,党员大会`])).status).toBe(200);
    expect((await ledger()).rows.find((x) => x.name === '甲乡党委')?.reminder).toBe('six-months');

    // A word the column does not know refuses the file, naming the row and the column.
    const bad = await csv([header, `丁乡党委,党委,${shifted(-1, 0)},7,代表会`]);
    expect(bad.status, bad.text).toBe(400);
    const body = bad.body as unknown as { error: { field: string } };
    expect(body.error.field).toBe('ledger.line.2');
    expect(bad.text).toContain('congress');
  });

  it('rolls the ledger up by kind: the organisations renewing now and the share of them done', async () => {
    const l = await ledger();
    // The county (no term), two committees (both due), one village (in term, 300 days to go).
    expect(l.byKind.map((k) => [k.kind, k.organisations, k.renewing, k.statuses.done, k.percentDone])).toEqual([
      ['county', 1, 0, 0, null],
      ['committee', 2, 2, 0, 0],
      ['village', 1, 0, 0, null],
    ]);
    const jia = l.rows.find((x) => x.name === '甲乡党委')!;
    const done = await call('POST', `/api/organisations/${jia.organisationId}/commands`, admin, {
      json: { type: 'RecordRenewalStatus', data: { status: 'done', on: today() } },
    });
    expect(done.status, done.text).toBe(200);
    expect((await ledger()).byKind.find((k) => k.kind === 'committee')).toMatchObject({
      renewing: 2,
      statuses: { done: 1, due: 1 },
      percentDone: 50,
    });
  });
});

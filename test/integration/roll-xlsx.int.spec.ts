/**
 * Issue 20, point 1: the roll from an Excel workbook. The workbooks here are written by SheetJS (`xlsx`), a different
 * program from the one the server reads them with (exceljs), as a secretary's Excel or WPS is. All or nothing; every
 * bad row named by its row number; ?dryRun=1 previews the mapping and writes nothing.
 */
import type { ErrorReply, RollPreview } from '@tallyroom/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { MeetingClient } from '../support/api.js';
import { startTestServer, type TestServer } from '../support/server.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook of one or more sheets, each an array of rows, as SheetJS writes it (a real .xlsx zip). */
function workbook(...sheets: (string | number)[][][]): Uint8Array {
  return workbookWith({}, ...sheets);
}

/** `bookSST`: strings in the shared-strings part, as Excel and WPS save them (SheetJS writes them inline by default). */
function workbookWith(o: { bookSST?: boolean }, ...sheets: (string | number)[][][]): Uint8Array {
  const wb = XLSX.utils.book_new();
  sheets.forEach((rows, i) => XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), `Sheet${i + 1}`));
  return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', ...o }) as Buffer);
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const upload = (m: MeetingClient, body: Uint8Array, query = '', contentType = XLSX_TYPE) =>
  server.api.request(`POST`, `${m.path}/roll${query}`, {
    token: m.chair,
    raw: body,
    contentType,
    headers: { 'x-command-id': crypto.randomUUID() },
  });
const members = async (m: MeetingClient) => (await m.view()).members ?? [];

describe('POST /api/meetings/:id/roll with an .xlsx body', () => {
  it('enrols every member of a workbook with English headers; the member number written as a number reads as written', async () => {
    const m = await server.api.createMeeting();
    const reply = await upload(
      m,
      workbook([
        ['name', 'memberId', 'status'],
        ['王伟', 1001, 'full'],
        ['李娜', 'm02', 'probationary'],
        ['张敏', 'm03', 'rights-suspended'],
      ]),
    );
    expect(reply.status, reply.text).toBe(200);
    const roll = await members(m);
    expect(roll.map((x) => [x.memberId, x.name, x.status]).sort()).toEqual([
      ['1001', '王伟', 'full'],
      ['m02', '李娜', 'probationary'],
      ['m03', '张敏', 'rights-suspended'],
    ]);
  });

  it('reads Chinese headers, a title row above them and Chinese statuses, from the first sheet only', async () => {
    const m = await server.api.createMeeting();
    const reply = await upload(
      m,
      workbook(
        [
          ['2026年第一党支部党员名册'],
          ['姓名', '党员编号', '状态'],
          ['王伟', 'A001', '正式党员'],
          ['赵磊', 'A002', '预备党员'],
          ['孙丽', 'A003', '中止党员权利'],
        ],
        [
          ['name', 'memberId', 'status'],
          ['不该导入', 'X9', 'full'],
        ],
      ),
    );
    expect(reply.status, reply.text).toBe(200);
    const roll = await members(m);
    expect(roll.map((x) => [x.memberId, x.name, x.status]).sort()).toEqual([
      ['A001', '王伟', 'full'],
      ['A002', '赵磊', 'probationary'],
      ['A003', '孙丽', 'rights-suspended'],
    ]);
  });

  it('names every bad row by its row number and enrols nothing (400 INVALID_ROLL)', async () => {
    const m = await server.api.createMeeting();
    const before = await m.head();
    const reply = await upload(
      m,
      workbook([
        ['姓名', '党员编号', '状态'],
        ['王伟', 'A001', '正式党员'],
        ['', 'A002', '正式党员'],
        ['李娜', 'A003', '党员'],
        ['张敏', 'a 001', '正式党员'],
      ]),
    );
    expect(reply.status, reply.text).toBe(400);
    const body = reply.body as ErrorReply & { error: { rows?: { line: number; field?: string }[] } };
    expect(body.error.code).toBe('INVALID_ROLL');
    expect(body.error.message).toMatch(/^row 3:/);
    expect(body.error.rows?.map((d) => [d.line, d.field])).toEqual([
      [3, 'name'],
      [4, 'status'],
      [5, 'memberId'],
    ]);
    expect(await members(m)).toEqual([]);
    expect((await m.head()).revision).toBe(before.revision);
  });

  it('previews the mapping with ?dryRun=1, naming bad rows, and writes nothing', async () => {
    const m = await server.api.createMeeting();
    const before = await m.head();
    const good = await upload(
      m,
      workbook([
        ['编号', '姓名', '身份'],
        ['A001', '王伟', '正式'],
        ['A002', '赵磊', '预备'],
      ]),
      '?dryRun=1',
    );
    expect(good.status, good.text).toBe(200);
    expect(good.body).toEqual({
      dryRun: true,
      format: 'xlsx',
      columns: { headerLine: 1, name: '姓名', memberId: '编号', status: '身份' },
      members: [
        { memberId: 'A001', name: '王伟', status: 'full' },
        { memberId: 'A002', name: '赵磊', status: 'probationary' },
      ],
      errors: [],
    } satisfies RollPreview);
    const bad = await upload(
      m,
      workbook([
        ['编号', '姓名', '身份'],
        ['A001', '王伟', '正式'],
        ['A002', '赵磊', '未知'],
      ]),
      '?dryRun=1',
    );
    expect(bad.status, bad.text).toBe(200);
    const preview = bad.body as RollPreview;
    expect(preview.members.map((x) => x.memberId)).toEqual(['A001']);
    expect(preview.errors.map((e) => [e.line, e.field])).toEqual([[3, 'status']]);
    expect(await members(m)).toEqual([]);
    expect((await m.head()).revision).toBe(before.revision);
  });

  it('reads a workbook whose strings are shared, as Excel and WPS save them', async () => {
    const m = await server.api.createMeeting();
    const rows = [
      ['党员编号', '姓名', '状态'],
      ['A001', '王伟', '正式党员'],
      ['A002', '王伟', '预备党员'],
      ['A003', '李娜', '正式党员'],
    ];
    const bytes = workbookWith({ bookSST: true }, rows);
    // The file really holds a shared-strings part: the test would prove nothing if SheetJS had written them inline.
    expect(Buffer.from(bytes).includes(Buffer.from('xl/sharedStrings.xml'))).toBe(true);
    const reply = await upload(m, bytes);
    expect(reply.status, reply.text).toBe(200);
    expect((await members(m)).map((x) => [x.memberId, x.name, x.status]).sort()).toEqual([
      ['A001', '王伟', 'full'],
      ['A002', '王伟', 'probationary'],
      ['A003', '李娜', 'full'],
    ]);
  });

  it('previews a CSV the same way: the mapping and the rows that read well, beside the bad ones', async () => {
    const m = await server.api.createMeeting();
    const before = await m.head();
    const csv = new TextEncoder().encode('编号,姓名,身份\nA001,王伟,正式\nA002,赵磊,未知\n');
    const bad = await upload(m, csv, '?dryRun=1', 'text/csv');
    expect(bad.status, bad.text).toBe(200);
    expect(bad.body).toEqual({
      dryRun: true,
      format: 'csv',
      columns: { headerLine: 1, name: '姓名', memberId: '编号', status: '身份' },
      members: [{ memberId: 'A001', name: '王伟', status: 'full' }],
      errors: [expect.objectContaining({ line: 3, field: 'status' })],
    });
    expect((await m.head()).revision).toBe(before.revision);
  });

  it('knows a workbook by its bytes whatever content type the client names, and still takes a CSV', async () => {
    const m = await server.api.createMeeting();
    const xlsx = await upload(
      m,
      workbook([
        ['name', 'memberId', 'status'],
        ['王伟', 'm01', 'full'],
      ]),
      '',
      'application/octet-stream',
    );
    expect(xlsx.status, xlsx.text).toBe(200);
    const csv = await m.uploadRoll('name,memberId,status\n李娜,m02,full\n');
    expect(csv.status, csv.text).toBe(200);
    expect((await members(m)).map((x) => x.memberId).sort()).toEqual(['m01', 'm02']);
  });

  it('refuses a file that claims to be a workbook but is not one, naming row 1', async () => {
    const m = await server.api.createMeeting();
    const reply = await upload(m, new TextEncoder().encode('PK\u0003\u0004 not a zip'));
    expect(reply.status, reply.text).toBe(400);
    expect((reply.body as ErrorReply).error).toMatchObject({ code: 'INVALID_ROLL', field: 'roll.line.1' });
  });
});

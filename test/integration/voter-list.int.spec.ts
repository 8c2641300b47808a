/**
 * Issue 22, point 1: the voter list (选民登记, V-02, V-03) over HTTP, and its import through the roll upload from a
 * real CSV file and a real .xlsx workbook (written by SheetJS, read by the server with exceljs) under the rulesets
 * village-committee and residents-committee. Refusals write nothing.
 */
import type { ErrorReply, VoterListPreview } from '@tallyroom/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { daysFromToday, expectError, type MeetingClient } from '../support/api.js';
import { startTestServer, type TestServer } from '../support/server.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
function workbook(rows: (string | number)[][]): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Sheet1');
  return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST: true }) as Buffer);
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const upload = (m: MeetingClient, body: Uint8Array | string, query = '', contentType = 'text/csv') =>
  server.api.request(`POST`, `${m.path}/roll${query}`, {
    token: m.chair,
    raw: body,
    contentType,
    headers: { 'x-command-id': crypto.randomUUID() },
  });
const village = (days = 30) =>
  server.api.createMeeting({
    ruleset: 'village-committee',
    title: '第三届村民委员会选举',
    organisation: '李庄村',
    scheduledFor: daysFromToday(days),
  });

const CSV = [
  '2026年李庄村选民名单',
  '姓名,编号,登记类别,性别,户号,村民小组,批准文号',
  '王秀英,V0001,户籍在本村并居住,女,0001,第一村民小组,',
  '李建国,V0002,户籍在本村不在本村居住,男,0001,第一村民小组,',
  '张桂兰,V0003,居住一年以上经同意,女,0002,第二村民小组,李庄村村民代表会议〔2026〕3号',
  '赵强,V0004,（一）,男,0003,第二村民小组,',
].join('\r\n');

describe('POST /api/meetings/:id/roll under village-committee: the voter list', () => {
  it('V-02: registers every voter of a Chinese CSV with its ground, sex, household and group; the registered count is the expected number', async () => {
    const m = await village();
    const reply = await upload(m, CSV);
    expect(reply.status, reply.text).toBe(200);
    const view = await m.view();
    expect(view.attendance.expected).toBe(4);
    expect(view.registration).toMatchObject({
      registered: 4,
      byBasis: { resident: 2, away: 1, admitted: 1 },
      removed: 0,
    });
    expect(view.members?.find((x) => x.memberId === 'V0003')).toMatchObject({
      name: '张桂兰',
      status: 'full',
      sex: 'female',
      registration: {
        basis: 'admitted',
        household: '0002',
        group: '第二村民小组',
        admission: '李庄村村民代表会议〔2026〕3号',
      },
    });
    // Observers see the counts, never the names.
    const observer = await m.view(m.credentials.observer);
    expect(observer.registration?.registered).toBe(4);
    expect(observer.members).toBeUndefined();
  });

  it('V-02: reads an .xlsx workbook with English headers; ?dryRun=1 previews and writes nothing', async () => {
    const m = await village();
    const book = workbook([
      ['name', 'id', 'basis', 'sex', 'group'],
      ['Wang Fang', 1001, 'resident', 'female', 'G1'],
      ['Li Lei', 1002, 'away', '男', 'G1'],
    ]);
    const preview = await upload(m, book, '?dryRun=1', XLSX_TYPE);
    expect(preview.status, preview.text).toBe(200);
    const body = preview.body as VoterListPreview;
    expect(body).toMatchObject({ dryRun: true, format: 'xlsx', voterList: true, errors: [] });
    expect(body.voters).toEqual([
      { memberId: '1001', name: 'Wang Fang', basis: 'resident', sex: 'female', group: 'G1' },
      { memberId: '1002', name: 'Li Lei', basis: 'away', sex: 'male', group: 'G1' },
    ]);
    expect((await m.view()).registration?.registered).toBe(0);
    expect((await upload(m, book, '', XLSX_TYPE)).status).toBe(200);
    expect((await m.view()).registration?.registered).toBe(2);
  });

  it('names every bad row by its line, and registers nothing', async () => {
    const m = await village();
    const bad = [
      '姓名,编号,登记类别,性别',
      '王一,A1,户籍在本村并居住,女',
      '王二,A2,外地人,女',
      '王三,A3,居住一年以上经同意,未知',
    ].join('\n');
    const reply = await upload(m, bad);
    expect(reply.status).toBe(400);
    const details = (reply.body as ErrorReply & { error: { details?: { line: number; field: string }[] } }).error;
    expect(details.code).toBe('INVALID_ROLL');
    expect(details.message).toMatch(/^line 3:/);
    expect((await m.view()).registration?.registered).toBe(0);
  });

  it('V-02 (三): a voter admitted without the decision is refused by the rule, naming the row, and nothing is registered', async () => {
    const m = await village();
    const reply = await upload(
      m,
      ['姓名,编号,登记类别', '王一,A1,户籍在本村并居住', '王二,A2,居住一年以上经同意'].join('\n'),
    );
    const e = expectError(reply, 422, 'ADMISSION_REQUIRED', 'V-02');
    expect(e.field).toBe('data.voters.1.admission');
    expect((await m.view()).registration?.registered).toBe(0);
  });

  it('V-03: publishes the list 20 days ahead and refuses it 19 days ahead, writing nothing', async () => {
    const late = await village(19);
    await late.command('RegisterVoters', { voters: [{ memberId: 'v1', name: '王一', basis: 'resident' }] });
    const before = (await late.view()).revision;
    expectError(await late.send('PublishVoterList', {}), 422, 'VOTER_LIST_TOO_LATE', 'V-03');
    expect((await late.view()).revision).toBe(before);

    const m = await village(20);
    await m.command('RegisterVoters', { voters: [{ memberId: 'v1', name: '王一', basis: 'resident' }] });
    await m.command('PublishVoterList', {});
    const r = (await m.view()).registration!;
    expect(r.published).toMatchObject({ on: daysFromToday(0), electionDay: daysFromToday(20), registered: 1 });
    expect(r.deadline).toBe(daysFromToday(0));
    // An objection, decided; an addition after publication needs its reason (补登), given with ?reason=.
    await m.command('ReceiveVoterObjection', {
      objectionId: 'o1',
      objector: '赵六',
      name: '赵七',
      claim: 'omitted',
      detail: '户籍在本村',
    });
    await m.command('DecideVoterObjection', { objectionId: 'o1', upheld: true, reason: '核实户籍在本村' });
    expectError(await upload(m, '姓名,编号,登记类别\n赵七,v2,户籍在本村并居住'), 422, 'ADDITION_NEEDS_REASON', 'V-03');
    expect(
      (
        await upload(
          m,
          '姓名,编号,登记类别\n赵七,v2,户籍在本村并居住',
          `?reason=${encodeURIComponent('异议o1成立，补登')}`,
        )
      ).status,
    ).toBe(200);
    expect((await m.view()).registration).toMatchObject({
      registered: 2,
      objections: [{ objectionId: 'o1', upheld: true, late: false }],
    });
  });

  it('RegisterVoters and the rest are refused under another ruleset (V-02), and the roll upload there stays a roll', async () => {
    const m = await server.api.createMeeting();
    expectError(
      await m.send('RegisterVoters', { voters: [{ memberId: 'v1', name: '王一', basis: 'resident' }] }),
      422,
      'REGISTRATION_NOT_IN_RULESET',
      'V-02',
    );
    expect((await upload(m, '姓名,党员编号,状态\n王一,1,正式党员')).status).toBe(200);
  });
});

describe('residents-committee (R-01)', () => {
  it('R-01: one representative per household, from an .xlsx list; a second for the same household is refused', async () => {
    const m = await server.api.createMeeting({
      ruleset: 'residents-committee',
      parameters: { residentsElectorate: 'households' },
      scheduledFor: daysFromToday(30),
    });
    const ok = await upload(
      m,
      workbook([
        ['姓名', '编号', '登记类别', '户号'],
        ['王一', 'R1', '户籍在本社区并居住', '1-101'],
        ['王二', 'R2', '户籍在本社区并居住', '1-102'],
      ]),
      '',
      XLSX_TYPE,
    );
    expect(ok.status, ok.text).toBe(200);
    const e = expectError(
      await upload(
        m,
        workbook([
          ['姓名', '编号', '登记类别', '户号'],
          ['王三', 'R3', '户籍在本社区并居住', '1-101'],
        ]),
        '',
        XLSX_TYPE,
      ),
      422,
      'HOUSEHOLD_ALREADY_REPRESENTED',
      'R-01',
    );
    expect(e.field).toBe('data.voters.0.household');
    expect((await m.view()).registration).toMatchObject({ registered: 2, electorate: 'households' });
  });
});

describe('a village of 3,000 voters (the village day)', () => {
  it('V-02, V-03: registers 3,000 voters in one command and publishes the list; the expected number is 3,000', async () => {
    const m = await village(25);
    const bases = ['resident', 'away', 'admitted'] as const;
    const voters = Array.from({ length: 3000 }, (_, i) => {
      const basis = bases[i % 10 === 9 ? 2 : i % 10 === 8 ? 1 : 0]!;
      return {
        memberId: `V${String(i + 1).padStart(4, '0')}`,
        name: `村民${i + 1}`,
        basis,
        sex: i % 2 === 0 ? ('female' as const) : ('male' as const),
        household: `H${String(Math.floor(i / 3) + 1).padStart(4, '0')}`,
        group: `第${(i % 12) + 1}村民小组`,
        ...(basis === 'admitted' ? { admission: '村民代表会议〔2026〕3号' } : {}),
      };
    });
    const started = Date.now();
    const reply = await m.send('RegisterVoters', { voters });
    expect(reply.status, reply.text.slice(0, 300)).toBe(200);
    await m.command('PublishVoterList', {});
    const view = await m.view();
    expect(view.attendance.expected).toBe(3000);
    expect(view.registration).toMatchObject({
      registered: 3000,
      byBasis: { resident: 2400, away: 300, admitted: 300 },
      published: { registered: 3000, electionDay: daysFromToday(25) },
    });
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);
});

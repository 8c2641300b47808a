/**
 * Issue 18, "check-in that asks when it is unsure", over HTTP against the real
 * backend: a roll file with a title line or a wrong header, a member added
 * late, and the door's check-in by a typed number or name, which answers with
 * the member's name and the same answer for a first and a repeated check-in.
 */
import type { CheckInReply, ErrorReply } from '@tallyroom/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, nextCommandId, request, type MeetingClient, type Reply } from '../support/api.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const HALL = [
  '姓名,党员编号,状态',
  '张伟,A001,正式党员',
  '张伟,A002,正式党员',
  '张伟伟,A003,正式党员',
  '李红,B010,正式党员',
  '王红,B011,预备党员',
].join('\n');

/** The desk's clerk (签到员) for each meeting: the desk checks in by what it types; the kiosk only by card (presence.int.spec.ts). */
const clerks = new Map<MeetingClient, string>();
function checkIn(m: MeetingClient, entry: unknown, token = clerks.get(m)!, commandId = nextCommandId('door')) {
  return request<CheckInReply | ErrorReply>(m.api.baseUrl, 'POST', `${m.path}/check-in`, {
    token,
    json: { entry, commandId },
  });
}
const ok = (r: Reply<CheckInReply | ErrorReply>) => {
  expect(r.status, r.text).toBe(200);
  return r.body;
};

describe('the roll file', () => {
  it('refuses a file whose header lacks columns, naming them and the header names accepted, in both languages', async () => {
    const m = await server.api.createMeeting();
    const reply = await m.uploadRoll('序号,名字,编号,备注\n1,张三,M001,\n');
    expect(reply.status, reply.text).toBe(400);
    const { error } = reply.body as ErrorReply;
    expect(error.code).toBe('INVALID_ROLL');
    expect(error.field).toBe('roll.line.1');
    const [en, zh] = [
      error.message.slice(0, error.message.lastIndexOf(' / ')),
      error.message.slice(error.message.lastIndexOf(' / ') + 3),
    ];
    expect(en).toContain('missing required columns: name (姓名), status (状态)');
    expect(en).toContain(
      'accepted header names: 姓名 or name; 党员编号, 编号, 选民编号, memberId or id; 状态, 身份 or status',
    );
    expect(zh).toBe(
      '缺少必需的列：姓名、状态。表头一行为「序号,名字,编号,备注」；可用的列名：姓名 或 name；党员编号、编号、选民编号、memberId 或 id；状态、身份 或 status。',
    );
    expect(error.rows).toEqual([{ line: 1, message: expect.stringContaining('缺少必需的列：姓名、状态') }]);
    expect((await m.view()).members).toEqual([]);
  });

  it('imports a file whose first line is a title above the header', async () => {
    const m = await server.api.createMeeting();
    const reply = await m.uploadRoll(`2026年第一党支部党员名册,,\n${HALL}\n`);
    expect(reply.status, reply.text).toBe(200);
    expect((await m.view()).members?.map((x) => x.memberId).sort()).toEqual(['A001', 'A002', 'A003', 'B010', 'B011']);
  });

  it('adds a member late, and refuses a number that differs from an enrolled one only in case or spaces', async () => {
    const m = await server.api.createMeeting();
    expect((await m.uploadRoll(HALL)).status).toBe(200);
    await m.command('EnrolMembers', { members: [{ memberId: 'C020', name: '欧阳晚', status: 'full' }] });
    expect((await m.view()).attendance.expected).toBe(5);
    const refused = await m.refused(
      'EnrolMembers',
      { members: [{ memberId: 'a 001', name: '张伟', status: 'full' }] },
      409,
      'MEMBER_EXISTS',
    );
    expect(refused.message).toContain('A001');
  });
});

describe('the desk: POST /check-in', () => {
  let m: MeetingClient;
  beforeAll(async () => {
    m = await server.api.createMeeting();
    expect((await m.uploadRoll(HALL)).status).toBe(200);
    clerks.set(m, (await m.mint('clerk', { name: '签到员' })).token);
  });

  it('answers with the name, the same for a first and a repeated check-in, the number typed in any case and spacing', async () => {
    const first = ok(await checkIn(m, 'a 001'));
    expect(first).toEqual({ memberId: 'A001', name: '张伟' });
    const again = await checkIn(m, 'A001');
    expect(again.text).toBe(JSON.stringify(first));
    const view = await m.view();
    expect(view.attendance.presentVoters).toBe(1);
    expect(view.members?.find((x) => x.memberId === 'A001')?.present).toBe(true);
  });

  it('takes a name only one member has', async () => {
    expect(ok(await checkIn(m, '张伟伟'))).toEqual({ memberId: 'A003', name: '张伟伟' });
    expect(ok(await checkIn(m, ' 李 红 '))).toEqual({ memberId: 'B010', name: '李红' });
  });

  it('asks for the number when several members have the name, and checks in nobody for a part of a name', async () => {
    const before = await m.eventsText();
    const several = expectError(await checkIn(m, '张伟'), 409, 'AMBIGUOUS_MEMBER');
    expect(several.field).toBe('entry');
    expect(several.message).not.toContain('A00'); // the door is not told the numbers
    expectError(await checkIn(m, '红'), 404, 'UNKNOWN_MEMBER');
    expectError(await checkIn(m, 'A00'), 404, 'UNKNOWN_MEMBER');
    expectError(await checkIn(m, '  '), 400, 'INVALID_FIELD');
    expectError(await checkIn(m, 7), 400, 'INVALID_FIELD');
    expect(await m.eventsText()).toBe(before);
  });

  it("records the clerk's check-ins and the chair's as the desk's", async () => {
    ok(await checkIn(m, 'b011', m.chair));
    const lines = (await m.eventsText())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; data: { memberId?: string; method?: string } })
      .filter((e) => e.type === 'MemberCheckedIn');
    expect(lines.map((e) => [e.data.memberId, e.data.method])).toEqual([
      ['A001', 'desk'],
      ['A003', 'desk'],
      ['B010', 'desk'],
      ['B011', 'desk'],
    ]);
  });

  it("refuses a member's own link, which checks in only itself through /commands", async () => {
    const member = await m.mint('member', { memberId: 'A002' });
    expectError(await checkIn(m, 'A002', member.token), 403, 'FORBIDDEN');
    expectError(await checkIn(m, 'A002', m.credentials.observer), 403, 'FORBIDDEN');
  });
});

/**
 * Issue 6, the roll as real users have it: CSV from Excel in China, GBK with
 * Chinese headers (with or without a UTF-8 BOM glued on by some tools) or
 * UTF-8 with English headers, uploaded over HTTP. One bad row imports nothing
 * and the answer names the row by its line; every bad row is listed.
 */
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, type Reply } from '../support/api.js';
import { Election } from '../support/election.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const GBK_ROLL =
  '党员编号,姓名,状态\r\nD001,王建国,正式党员\r\nD002,李秀英,预备党员\r\nD003,欧阳明,正式党员\r\nD004,䶮 龚,正式党员\r\n';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

interface RollError {
  error: { code: string; message: string; field?: string; rows?: { line: number; field?: string; message: string }[] };
}

describe('roll import over HTTP', () => {
  it('imports a GBK file with Chinese headers, with and without a BOM in front', async () => {
    for (const bytes of [iconv.encode(GBK_ROLL, 'gbk'), Buffer.concat([BOM, iconv.encode(GBK_ROLL, 'gbk')])]) {
      const e = await Election.create(server.api);
      // The bytes are really not UTF-8, so this is the GBK path.
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
      const result = expectOk(await e.m.uploadRoll(new Uint8Array(bytes)));
      expect(result.events.map((x) => x.type)).toEqual([
        'MemberEnrolled',
        'MemberEnrolled',
        'MemberEnrolled',
        'MemberEnrolled',
      ]);
      const v = await e.view();
      expect(v.members?.map((x) => [x.memberId, x.name, x.status])).toEqual([
        ['D001', '王建国', 'full'],
        ['D002', '李秀英', 'probationary'],
        ['D003', '欧阳明', 'full'],
        ['D004', '䶮 龚', 'full'],
      ]);
      expect(v.attendance.expected).toBe(3);
    }
  });

  it('imports UTF-8 with a BOM and English headers in another column order', async () => {
    const e = await Election.create(server.api);
    const csv = Buffer.concat([
      BOM,
      Buffer.from('Name,Status,Member ID\nAlice Wang,full,M1\n"Li, Bo",probationary,M2\n', 'utf8'),
    ]);
    expectOk(await e.m.uploadRoll(new Uint8Array(csv)));
    expect((await e.view()).members?.map((x) => [x.memberId, x.name])).toEqual([
      ['M1', 'Alice Wang'],
      ['M2', 'Li, Bo'],
    ]);
  });

  it('imports nothing from a file with one bad row, and names that row by its line', async () => {
    const e = await Election.create(server.api);
    const before = await e.m.eventsText();
    const bad =
      '党员编号,姓名,状态\nD001,王建国,正式党员\nD002,李秀英,预备党员\nD003,欧阳明,党外人士\nD004,龚䶮,正式党员\n';
    const reply = (await e.m.uploadRoll(new Uint8Array(iconv.encode(bad, 'gbk')))) as Reply<RollError>;
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({
      code: 'INVALID_ROLL',
      field: 'roll.line.4',
      message: expect.stringMatching(/^line 4: /),
    });
    expect(reply.body.error.rows).toEqual([{ line: 4, field: 'status', message: expect.stringContaining('党外人士') }]);
    expect(await e.m.eventsText()).toBe(before);
    expect((await e.view()).members ?? []).toEqual([]);
  });

  it('lists every bad row, each with its line', async () => {
    const e = await Election.create(server.api);
    const csv = 'memberId,name,status\nM1,Alice,full\nM1,Alice again,full\n,Nobody,full\nM4,Dan\nM5,Eve,full\n';
    const reply = (await e.m.uploadRoll(csv)) as Reply<RollError>;
    expect(reply.status).toBe(400);
    expect(reply.body.error.rows?.map((r) => r.line)).toEqual([3, 4, 5]);
    expect(reply.body.error.message).toMatch(/^line 3: .*\(and 2 more\)$/);
    expect((await e.view()).members ?? []).toEqual([]);
  });

  it('refuses a roll above the row limit, an oversized body and a non-chair uploader, writing nothing', async () => {
    const e = await Election.create(server.api);
    const before = await e.m.eventsText();
    const rows = Array.from({ length: 20_001 }, (_, i) => `M${i},成员${i},full`);
    const tooMany = (await e.m.uploadRoll(['memberId,name,status', ...rows].join('\n'))) as Reply<RollError>;
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain('20000');
    const huge = (await e.m.uploadRoll(
      'memberId,name,status\n' + `M1,${'王'.repeat(1_200_000)},full\n`,
    )) as Reply<RollError>;
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('BODY_TOO_LARGE');
    const kiosk = (await e.m.uploadRoll('memberId,name,status\nM1,A,full\n', e.kiosk)) as Reply<RollError>;
    expect(kiosk.status).toBe(403);
    expect(await e.m.eventsText()).toBe(before);
  });
});

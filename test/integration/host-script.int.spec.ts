/**
 * Issue 20 point 4: the host's script (主持词) through GET /api/meetings/:id/documents/host-script — the chair's and
 * the supervisor's, with the figures of the meeting as they stand and blanks where they are not known yet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { Election, makeRoll, memberId as M } from '../support/election.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const text = (html: string) => html.replace(/<[^>]+>/g, '');

describe('GET /api/meetings/:id/documents/host-script', () => {
  it('P-05: the chair gets the roll-call sentence with the figures as they stand, and blanks for what is to come', async () => {
    const e = await Election.create(server.api, { title: '第一党支部换届选举党员大会' });
    await e.enrol(makeRoll(10));
    const get = (token: string, q = '') =>
      fetch(`${server.url}${e.m.path}/documents/host-script${q}`, { headers: { authorization: `Bearer ${token}` } });
    const before = await get(e.m.chair);
    expect(before.status).toBe(200);
    expect(before.headers.get('content-type')).toContain('text/html');
    const blank = await before.text();
    expect(text(blank)).toContain('应到会党员10名，实到会有选举权的党员名，超过应到会人数的五分之四方可进行选举。');
    expect(blank).toContain('data-blank');
    await e.checkIn(Array.from({ length: 9 }, (_, i) => M(i + 1)));
    const after = text(await (await get(e.m.chair)).text());
    expect(after).toContain(
      '应到会党员10名，实到会有选举权的党员9名，超过应到会人数的五分之四，符合规定，可以进行选举。',
    );
    expect(after).toContain('〔依据 P-05〕');
    const en = text(await (await get(e.m.chair, '?lang=en')).text());
    expect(en).toContain('10 party members are expected; 9 party members with the right to vote are present');
  });

  it("is the chair's and the supervisor's: the observer is refused (403 DOCUMENT_FORBIDDEN)", async () => {
    const e = await Election.create(server.api, {});
    await e.enrol(makeRoll(3));
    const get = (token: string) =>
      fetch(`${server.url}${e.m.path}/documents/host-script`, { headers: { authorization: `Bearer ${token}` } });
    expect((await get(e.supervisor)).status).toBe(200);
    const refused = await get(e.observer);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: unknown }).error).toMatchObject({
      code: 'DOCUMENT_FORBIDDEN',
      field: 'kind',
    });
  });

  it('has no spreadsheet format (400 FORMAT_NOT_AVAILABLE); its Word file is read back in print-docx.int', async () => {
    const m = await server.api.createMeeting();
    const res = await fetch(`${server.url}${m.path}/documents/host-script?format=xlsx`, {
      headers: { authorization: `Bearer ${m.chair}` },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: unknown }).error).toMatchObject({
      code: 'FORMAT_NOT_AVAILABLE',
      field: 'format',
    });
  });
});

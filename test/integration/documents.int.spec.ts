/**
 * Issue 20: the documents endpoint. Every kind of the public contract is known; a kind or format not produced yet is
 * refused in words, never served as a stub; the result report comes the same through both paths.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

describe('GET /api/meetings/:id/documents/:kind', () => {
  it('serves the result report as the report route does', async () => {
    const m = await server.api.createMeeting();
    const get = (p: string) => fetch(`${server.url}${m.path}${p}`, { headers: { authorization: `Bearer ${m.chair}` } });
    const [a, b] = await Promise.all([get('/documents/report'), get('/report')]);
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toContain('text/html');
    const strip = (s: string) => s.replace(/nonce-[^'"]+|nonce="[^"]+"/g, '');
    expect(strip(await a.text())).toBe(strip(await b.text()));
  });

  it('refuses an unknown kind (404 UNKNOWN_DOCUMENT) and an unknown format (400 UNKNOWN_FORMAT), naming the field', async () => {
    const m = await server.api.createMeeting();
    const get = (p: string) => fetch(`${server.url}${m.path}${p}`, { headers: { authorization: `Bearer ${m.chair}` } });
    const unknown = await get('/documents/agenda');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: unknown }).error).toMatchObject({
      code: 'UNKNOWN_DOCUMENT',
      field: 'kind',
    });
    const format = await get('/documents/report?format=pdf');
    expect(format.status).toBe(400);
    expect(((await format.json()) as { error: unknown }).error).toMatchObject({
      code: 'UNKNOWN_FORMAT',
      field: 'format',
    });
  });

  it("refuses the kiosk (403): the documents are the chair's, the supervisor's and the observers'", async () => {
    const m = await server.api.createMeeting();
    const res = await fetch(`${server.url}${m.path}/documents/report`, {
      headers: { authorization: `Bearer ${m.credentials.kiosk}` },
    });
    expect(res.status).toBe(403);
  });
});

/**
 * Issue 6, hygiene at the HTTP edge: security headers, CORS off by default
 * (for the API and the socket.io handshake), and no stack trace, file path or
 * framework internals in any answer, however the request goes wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../support/api.js';
import { Election, makeRoll } from '../support/election.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let e: Election;
beforeAll(async () => {
  server = await startTestServer();
  e = await Election.create(server.api);
  await e.enrol(makeRoll(3));
});
afterAll(async () => {
  await server?.close();
});

const EVIL = 'https://evil.example';
const STACK = /\bat [\w.<>]+ \(|node_modules|\/work\/|\.ts:\d+|\.js:\d+|Error: |SyntaxError|TypeError/;

describe('CORS', () => {
  it('is off: no Access-Control-Allow-* header for a foreign origin, on preflight, reads, writes or the socket handshake', async () => {
    const replies = [
      await fetch(`${server.url}${e.m.path}/commands`, {
        method: 'OPTIONS',
        headers: {
          Origin: EVIL,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization,content-type',
        },
      }),
      await fetch(`${server.url}${e.m.path}`, { headers: { Origin: EVIL, Authorization: `Bearer ${e.m.chair}` } }),
      await fetch(`${server.url}/api/meetings`, {
        method: 'POST',
        headers: { Origin: EVIL, 'content-type': 'application/json' },
        body: '{}',
      }),
      await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { Origin: EVIL } }),
      await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, {
        method: 'OPTIONS',
        headers: { Origin: EVIL, 'Access-Control-Request-Method': 'GET' },
      }),
    ];
    for (const r of replies) {
      for (const [name] of r.headers) expect(name, `${r.url} ${r.status}`).not.toMatch(/^access-control-allow/);
    }
    // The read above reached the API: the absence of the header is not because nothing answered.
    expect(replies[1]!.status).toBe(200);
  });
});

describe('security headers', () => {
  it("sends helmet's headers on API answers and errors, and no x-powered-by", async () => {
    // An answer, a refusal, a URL the router cannot even decode, and a static file; a command's answer and its
    // refusal (that route sets no header itself, so Node writes the reply's headers in one go), and the log export.
    const replies = [
      await request(server.url, 'GET', e.m.path, { token: e.m.chair }),
      await request(server.url, 'GET', e.m.path),
      await request(server.url, 'GET', '/api/health'),
      await request(server.url, 'GET', '/api/meetings/%E0%A4%A'),
      await request(server.url, 'GET', '/'),
      await request(server.url, 'POST', `${e.m.path}/commands`, {
        token: e.m.chair,
        json: { type: 'EnrolMembers', data: { members: [{ memberId: 'hdr-1', name: '头部', status: 'full' }] } },
      }),
      await request(server.url, 'POST', `${e.m.path}/commands`, {
        token: e.m.chair,
        json: { type: 'CheckIn', data: {} },
      }),
      await request(server.url, 'GET', `${e.m.path}/events`, { token: e.m.chair }),
    ];
    expect(replies.slice(5).map((r) => r.status)).toEqual([200, 400, 200]);
    for (const r of replies) {
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(r.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      expect(r.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'/);
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      expect(r.headers.get('x-powered-by')).toBeNull();
    }
  });

  it("lets phones and a projector load the dashboard over plain HTTP on the hall's network: no upgrade to https, no HSTS", async () => {
    // With upgrade-insecure-requests, Chromium fetched http://<lan-ip>/assets/… as https:// and showed a blank page.
    for (const path of ['/', `/m/${e.m.meetingId}/observer`, '/api/health']) {
      const r = await request(server.url, 'GET', path);
      expect(r.status, path).toBe(200);
      expect(r.headers.get('content-security-policy'), path).not.toMatch(/upgrade-insecure-requests/);
      expect(r.headers.get('strict-transport-security'), path).toBeNull();
    }
  });
});

describe('what clients send that Express used to accept', () => {
  it('takes an empty body with a JSON content-type as no body, and JSON after a byte-order mark', async () => {
    const minted = await request(server.url, 'POST', `${e.m.path}/credentials`, {
      token: e.m.chair,
      json: { role: 'observer', name: '旁听' },
    });
    expect(minted.status, minted.text).toBe(201);
    const { credentialId } = minted.body as { credentialId: string };
    const revoked = await request(server.url, 'DELETE', `${e.m.path}/credentials/${credentialId}`, {
      token: e.m.chair,
      raw: '',
      contentType: 'application/json',
    });
    expect(revoked.status, revoked.text).toBe(200);
    const bom = await request(server.url, 'POST', `${e.m.path}/credentials`, {
      token: e.m.chair,
      raw: '\uFEFF' + JSON.stringify({ role: 'observer', name: '旁听二' }),
      contentType: 'application/json',
    });
    expect(bom.status, bom.text).toBe(201);
  });

  it("keeps the API and socket paths out of the dashboard's fallback, query string or not", async () => {
    for (const path of ['/api?x=1', '/api/nothing?x=1', '/socket.io']) {
      const r = await request(server.url, 'GET', path);
      expect(r.status, path).toBe(404);
      expect((JSON.parse(r.text) as { error: { code: string } }).error.code, path).toBe('NOT_FOUND');
    }
    expect((await request(server.url, 'GET', '/m/x/observer?lang=en')).headers.get('content-type')).toMatch(
      /text\/html/,
    );
  });
});

describe('no stack traces', () => {
  it('answers every kind of broken request with the error envelope only', async () => {
    const cases: [string, string, Parameters<typeof request>[3]?][] = [
      ['POST', `${e.m.path}/commands`, { token: e.m.chair, raw: '{"type": "CheckIn", "data": {' }],
      ['POST', `${e.m.path}/commands`, { token: e.m.chair, raw: '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}' }],
      [
        'POST',
        `${e.m.path}/commands`,
        { token: e.m.chair, raw: JSON.stringify({ type: 'EnrolMembers', data: { members: 'x'.repeat(3_000_000) } }) },
      ],
      ['POST', `${e.m.path}/commands`, { token: e.m.chair, raw: '\u0000\u0001', contentType: 'application/json' }],
      [
        'POST',
        `${e.m.path}/commands`,
        { token: e.m.chair, raw: '{"type":"CheckIn"}', contentType: 'application/json; charset=utf-7' },
      ],
      [
        'POST',
        `${e.m.path}/commands`,
        { token: e.m.chair, json: { type: 'CheckIn', data: { memberId: { $gt: '' } } } },
      ],
      ['POST', `${e.m.path}/commands`, { token: e.m.chair, json: { type: 'toString', data: {} } }],
      [
        'POST',
        `${e.m.path}/commands`,
        { token: e.m.chair, json: { type: 'CheckIn', data: { __proto__: { memberId: 'm0001' } } } },
      ],
      ['GET', '/api/meetings/%E0%A4%A', { token: e.m.chair }],
      ['GET', '/api/meetings/..%2F..%2Fetc%2Fpasswd', { token: e.m.chair }],
      ['GET', `${e.m.path}/nothing-here`, { token: e.m.chair }],
      ['PUT', e.m.path, { token: e.m.chair, json: {} }],
      ['GET', e.m.path, { headers: { authorization: 'Bearer ' + 'x'.repeat(10_000) } }],
      ['GET', e.m.path, { headers: { authorization: 'Basic dXNlcjpwYXNz' } }],
      ['DELETE', `${e.m.path}/credentials/${'%FF'.repeat(3)}`, { token: e.m.chair }],
    ];
    for (const [method, path, o] of cases) {
      const r = await request(server.url, method, path, o);
      expect(r.status, `${method} ${path.slice(0, 60)}: ${r.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(r.status, `${method} ${path.slice(0, 60)}: ${r.text.slice(0, 200)}`).toBeLessThan(500);
      expect(r.text, `${method} ${path.slice(0, 60)}`).not.toMatch(STACK);
      const body = JSON.parse(r.text) as { error: Record<string, unknown> };
      expect(Object.keys(body)).toEqual(['error']);
      for (const k of Object.keys(body.error))
        expect(['code', 'message', 'rule', 'field', 'params', 'text']).toContain(k);
      expect(Object.keys(body.error.text as object)).toEqual(['zh-CN', 'en']);
    }
    expect((await e.view()).attendance.presentVoters).toBe(0);
  });
});

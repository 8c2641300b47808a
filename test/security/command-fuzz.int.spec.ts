/**
 * Issue 6, bad input: the command endpoint fed arbitrary JSON (and arbitrary
 * text that is not JSON) by every kind of caller. Whatever arrives, the answer
 * is never a 5xx, always the error envelope or a command result, never a stack
 * trace; a refused command writes no event; and the server still answers
 * afterwards, a real command included.
 */
import { COMMAND_TYPES, ROLES } from '@tallyroom/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, request } from '../support/api.js';
import { Election, makeRoll, memberId } from '../support/election.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let e: Election;
const tokens: (string | undefined)[] = [undefined, 'tr_not-a-real-token', ''];

beforeAll(async () => {
  server = await startTestServer();
  e = await Election.create(server.api);
  await e.enrol(makeRoll(12));
  // Ten of twelve present (P-05), so officers can be appointed: a teller's credential is an appointed teller's (P-17).
  await e.checkIn(Array.from({ length: 10 }, (_, i) => memberId(i + 1)));
  await e.ready({ scrutineers: [memberId(10)] });
  tokens.push(e.m.chair, e.kiosk, e.observer, e.supervisor);
  tokens.push(e.tellers[0]!, (await e.m.mint('member', { memberId: memberId(3) })).token);
});
afterAll(async () => {
  await server?.close();
});

const DANGEROUS_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'type',
  'data',
  'memberId',
];
const key = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...DANGEROUS_KEYS));
const leaf = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1e308,
    -0,
    2 ** 53,
    '',
    ' ',
    '<img src=x onerror=alert(1)>',
    'm0001',
    'm0003',
    'committee',
    'kiosk',
    'NaN',
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(key, tie('node'), { maxKeys: 4 }),
  ),
})).node;

/** A body shaped like a command often enough to get past the first checks, or anything at all. */
const body = fc.oneof(
  fc
    .record(
      {
        type: fc.oneof(
          fc.constantFrom(...COMMAND_TYPES),
          fc.constantFrom('__proto__', 'constructor', 'toString', ''),
          fc.string({ maxLength: 20 }),
          value,
        ),
        data: value,
        commandId: fc.option(fc.oneof(fc.string({ maxLength: 120 }), value), { nil: undefined }),
        expectedRevision: fc.option(value, { nil: undefined }),
      },
      { requiredKeys: ['type'] },
    )
    .map((b) => JSON.stringify(b)),
  fc
    .record({
      type: fc.constant('CheckIn'),
      data: fc.record({
        memberId: fc.oneof(fc.constantFrom(memberId(4), memberId(5), memberId(3), 'nobody'), fc.string()),
        method: fc.constantFrom('kiosk', 'self', 'desk', 'x'),
      }),
    })
    .map((b) => JSON.stringify(b)),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
);

const STACK = /\bat [\w.<>]+ \(|node_modules|\/work\/|\.ts:\d+|\.js:\d+|Error: /;

describe('the command endpoint under arbitrary input', () => {
  it('never answers 5xx, writes nothing when it refuses, and keeps answering', async () => {
    const seen = new Map<number, number>();
    // Anything from anyone, or (one case in five) a well-formed check-in from a
    // role allowed to send it, so that acceptances are part of every run rather
    // than a matter of luck.
    const anything = fc.tuple(
      body,
      fc.constantFrom(...tokens),
      fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8'),
    );
    const allowed = fc.tuple(
      fc
        .record({
          type: fc.constant('CheckIn'),
          data: fc.record({
            memberId: fc.integer({ min: 3, max: 11 }).map(memberId),
            method: fc.constantFrom('kiosk', 'desk'),
          }),
        })
        .map((b) => JSON.stringify(b)),
      fc.constantFrom(e.m.chair, e.kiosk),
      fc.constant('application/json'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ arbitrary: anything, weight: 4 }, { arbitrary: allowed, weight: 1 }),
        async ([raw, token, contentType]) => {
          const before = await e.m.head();
          const reply = await request(server.url, 'POST', `${e.m.path}/commands`, { token, raw, contentType });
          seen.set(reply.status, (seen.get(reply.status) ?? 0) + 1);
          expect(reply.status, reply.text).toBeLessThan(500);
          expect(reply.text).not.toMatch(STACK);
          const parsed = JSON.parse(reply.text) as {
            error?: { code: string; message: string };
            revision?: number;
            events?: unknown[];
          };
          const after = await e.m.head();
          if (reply.status === 200) {
            expect(parsed.revision).toBe(after.revision);
          } else {
            expect(Object.keys(parsed)).toEqual(['error']);
            expect(parsed.error).toEqual(
              expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
            );
            expect(after, `refused ${reply.status} ${parsed.error?.code} but the log moved`).toEqual(before);
          }
        },
      ),
      { numRuns: 400 },
    );
    // The run exercised refusals of every class and some acceptances, not one path 400 times.
    for (const status of [200, 400, 401, 403])
      expect(seen.get(status) ?? 0, `status ${status} in ${JSON.stringify([...seen])}`).toBeGreaterThan(0);

    const health = await request(server.url, 'GET', '/api/health');
    expect(health.status).toBe(200);
    expectOk(await e.m.send('CheckIn', { memberId: memberId(12), method: 'desk' }));
    expect((await e.view()).members?.find((x) => x.memberId === memberId(12))?.present).toBe(true);
    // The roles the fuzz used all still read their views: nothing poisoned the state.
    for (const role of ROLES.filter((r) => ['chair', 'observer', 'kiosk', 'supervisor'].includes(r))) {
      expect((await request(server.url, 'GET', e.m.path, { token: e.m.credentials[role as 'chair'] })).status).toBe(
        200,
      );
    }
  });

  it('never answers 5xx on the other write doors either: scheduling, minting, revoking, the roll', async () => {
    const door = fc.constantFrom(
      { method: 'POST', path: '/api/meetings' },
      { method: 'POST', path: `${e.m.path}/credentials` },
      { method: 'DELETE', path: `${e.m.path}/credentials/%2E%2E%2Fx` },
      { method: 'POST', path: `${e.m.path}/roll` },
      { method: 'POST', path: '/api/meetings/%00/commands' },
    );
    await fc.assert(
      fc.asyncProperty(
        door,
        body,
        fc.constantFrom(e.m.chair, e.kiosk, undefined),
        async ({ method, path }, raw, token) => {
          const before = await e.m.head();
          const reply = await request(server.url, method, path, {
            token,
            raw,
            contentType: path.endsWith('/roll') ? 'text/csv' : 'application/json',
          });
          expect(reply.status, `${method} ${path}: ${reply.text}`).toBeLessThan(500);
          expect(reply.text).not.toMatch(STACK);
          if (reply.status >= 400) expect(await e.m.head()).toEqual(before);
        },
      ),
      { numRuns: 150 },
    );
    expect((await request(server.url, 'GET', '/api/health')).status).toBe(200);
  });
});

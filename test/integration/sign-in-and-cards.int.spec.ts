/**
 * Issue 20, point 3: the sign-in sheet (签到表) and the members' check-in cards, through the documents endpoint.
 * The sheet: the roll by category, each in surname stroke order, for the chair, the clerk and the supervisor.
 * The cards: the kiosk cards by a GET (check-in only, no credential, the same on every print), the personal cards
 * by a POST (each a member credential shown once); the kiosk reads both.
 */
import type { CheckInReply, ErrorReply } from '@tallyroom/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, request, type MeetingClient } from '../support/api.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

/** Surnames of 2, 3, 4, 6, 7 and 9 strokes (丁 马 王 孙 李 赵), enrolled out of order. */
const ROLL =
  'name,memberId,status\n赵磊,m06,full\n王伟,m03,full\n丁一,m01,full\n李娜,m05,probationary\n孙丽,m04,rights-suspended\n马力,m02,probationary\n';

async function meetingWithRoll(): Promise<MeetingClient> {
  const m = await server.api.createMeeting();
  const r = await m.uploadRoll(ROLL);
  expect(r.status, r.text).toBe(200);
  return m;
}

describe('GET …/documents/sign-in-sheet', () => {
  it('lists each category apart, each in stroke order, with a box to sign for each member (P-18 order)', async () => {
    const m = await meetingWithRoll();
    const reply = await request(server.url, 'GET', `${m.path}/documents/sign-in-sheet`, { token: m.chair });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get('content-type')).toContain('text/html');
    const sections = [...reply.text.matchAll(/data-category="([^"]+)"/g)].map((x) => x[1]);
    expect(sections).toEqual(['full', 'probationary', 'rights-suspended']);
    const rows = [...reply.text.matchAll(/data-member="([^"]+)"/g)].map((x) => x[1]);
    expect(rows).toEqual(['m01', 'm03', 'm06', 'm02', 'm05', 'm04']);
    expect(reply.text).toContain('正式党员（3名）');
    expect(reply.text).toContain('预备党员（2名）');
    expect(reply.text).toContain('中止党员权利（1名）');
    expect(reply.text.match(/<td class="sign"><\/td>/g)).toHaveLength(6);
    const en = await request(server.url, 'GET', `${m.path}/documents/sign-in-sheet?lang=en`, { token: m.chair });
    expect(en.text).toContain('Probationary members (2)');
  });

  it('is for the chair, the clerk and the supervisor; the observer and the kiosk are refused', async () => {
    const m = await meetingWithRoll();
    const clerk = (await m.mint('clerk', { name: '签到员' })).token;
    for (const token of [m.chair, clerk, m.credentials.supervisor]) {
      const r = await request(server.url, 'GET', `${m.path}/documents/sign-in-sheet`, { token });
      expect(r.status, r.text).toBe(200);
    }
    expectError(
      await request(server.url, 'GET', `${m.path}/documents/sign-in-sheet`, { token: m.credentials.observer }),
      403,
      'DOCUMENT_FORBIDDEN',
    );
    expectError(
      await request(server.url, 'GET', `${m.path}/documents/sign-in-sheet`, { token: m.credentials.kiosk }),
      403,
      'FORBIDDEN',
    );
    // The clerk reads the sheet, not the result report.
    expectError(
      await request(server.url, 'GET', `${m.path}/documents/report`, { token: clerk }),
      403,
      'DOCUMENT_FORBIDDEN',
    );
  });
});

describe('POST …/documents/check-in-cards', () => {
  it('mints one member card each, in the sheet order, and the kiosk checks in the member a card names', async () => {
    const m = await meetingWithRoll();
    const before = (await m.head()).revision;
    const reply = await request(server.url, 'POST', `${m.path}/documents/check-in-cards`, { token: m.chair, json: {} });
    expect(reply.status, reply.text).toBe(201);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    const cards = [...reply.text.matchAll(/data-member="([^"]+)"/g)].map((x) => x[1]);
    expect(cards).toEqual(['m01', 'm03', 'm06', 'm02', 'm05', 'm04']);
    expect(reply.text.match(/<div class="sheet">/g)).toHaveLength(1);
    expect((await m.head()).revision).toBe(before + 6);
    const events = await m.eventsText();
    const issued = events.split('\n').filter((l) => l.includes('"CredentialIssued"') && l.includes('"role":"member"'));
    expect(issued).toHaveLength(6);
    // A card works at the kiosk: the chair re-mints one card for 丁一 and the kiosk reads its link.
    const one = await request(server.url, 'POST', `${m.path}/documents/check-in-cards`, {
      token: m.chair,
      json: { memberIds: ['m01'] },
    });
    expect(one.status, one.text).toBe(201);
    const link = /data-link="([^"]+)"/.exec(one.text)?.[1];
    expect(link, 'the card names its link for the kiosk test').toBeDefined();
    const kiosk = await request<CheckInReply | ErrorReply>(server.url, 'POST', `${m.path}/check-in`, {
      token: m.credentials.kiosk,
      json: { card: link!.replace(/&amp;/g, '&'), commandId: 'kiosk-1' },
    });
    expect(kiosk.status, kiosk.text).toBe(200);
    expect(kiosk.body).toEqual({ memberId: 'm01', name: '丁一' });
  });

  it('is refused to everyone but the chair, and to an unknown member, writing nothing', async () => {
    const m = await meetingWithRoll();
    const before = await m.eventsText();
    expectError(
      await request(server.url, 'POST', `${m.path}/documents/check-in-cards`, {
        token: m.credentials.supervisor,
        json: {},
      }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await request(server.url, 'POST', `${m.path}/documents/check-in-cards`, {
        token: m.chair,
        json: { memberIds: ['nobody'] },
      }),
      404,
      'UNKNOWN_MEMBER',
    );
    expect(await m.eventsText()).toBe(before);
  });
});

describe('GET …/documents/check-in-cards (the kiosk cards)', () => {
  it('prints a card per member in the sheet order, writes nothing, and the kiosk checks in the member a card names', async () => {
    const m = await meetingWithRoll();
    const before = await m.eventsText();
    const sheet = await request(server.url, 'GET', `${m.path}/documents/check-in-cards`, { token: m.chair });
    expect(sheet.status, sheet.text).toBe(200);
    expect([...sheet.text.matchAll(/data-member="([^"]+)"/g)].map((x) => x[1])).toEqual([
      'm01',
      'm03',
      'm06',
      'm02',
      'm05',
      'm04',
    ]);
    expect(await m.eventsText()).toBe(before);
    const card = (member: string) => new RegExp(`data-member="${member}" data-link="([^"]+)"`).exec(sheet.text)?.[1];
    const kiosk = (read: string, commandId: string) =>
      request<CheckInReply | ErrorReply>(server.url, 'POST', `${m.path}/check-in`, {
        token: m.credentials.kiosk,
        json: { card: read, commandId },
      });
    const first = await kiosk(card('m01')!, 'k-1');
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({ memberId: 'm01', name: '丁一' });
    // Read twice: the same answer (P-05, issue 19: the kiosk says nothing the room would not).
    expect((await kiosk(card('m01')!, 'k-2')).body).toEqual({ memberId: 'm01', name: '丁一' });
    // Altered to name another member, or from another meeting: no card of this meeting.
    expectError(await kiosk(card('m01')!.replace(':m01:', ':m02:'), 'k-3'), 404, 'UNKNOWN_CARD');
    const other = await meetingWithRoll();
    const foreign = await request(server.url, 'GET', `${other.path}/documents/check-in-cards`, { token: other.chair });
    const foreignCard = /data-member="m02" data-link="([^"]+)"/.exec(foreign.text)![1]!;
    expectError(await kiosk(foreignCard, 'k-4'), 404, 'UNKNOWN_CARD');
  });

  it('prints only the members asked for; names an unknown one; the clerk may print, the observer may not', async () => {
    const m = await meetingWithRoll();
    const two = await request(server.url, 'GET', `${m.path}/documents/check-in-cards?memberIds=m04,m01`, {
      token: m.chair,
    });
    expect([...two.text.matchAll(/data-member="([^"]+)"/g)].map((x) => x[1])).toEqual(['m01', 'm04']);
    expectError(
      await request(server.url, 'GET', `${m.path}/documents/check-in-cards?memberIds=m01,nobody`, { token: m.chair }),
      404,
      'UNKNOWN_MEMBER',
    );
    const clerk = (await m.mint('clerk', { name: '签到员' })).token;
    expect((await request(server.url, 'GET', `${m.path}/documents/check-in-cards`, { token: clerk })).status).toBe(200);
    expectError(
      await request(server.url, 'GET', `${m.path}/documents/check-in-cards`, { token: m.credentials.observer }),
      403,
      'DOCUMENT_FORBIDDEN',
    );
  });
});

/**
 * Issue 19, "presence proven in the room" (P-05), over HTTP against the real backend: a member's own link checks
 * in only with the venue code the hall shows (the current or the previous 30 s window), the kiosk only from a
 * member's card, and the clerk's desk does the desk's work and nothing else. Every refusal writes nothing.
 *
 * The codes are computed here with node:crypto from TALLYROOM_SECRET, independently of contracts' venue-code.ts:
 * the meeting's key is HMAC-SHA256(secret, meetingId), a code HOTP (RFC 4226 truncation) over the 30 s window.
 */
import { createHmac } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { CheckInReply, ErrorReply, VenueCodeReply } from '@tallyroom/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk, nextCommandId, request, type MeetingClient } from '../support/api.js';
import { startTestServer, type TestServer } from '../support/server.js';

const SECRET = 'a deployment secret for the presence tests';
let server: TestServer;
let m: MeetingClient;
let clerk: string;

function code(meetingId: string, window: number): string {
  const key = createHmac('sha256', SECRET).update(meetingId).digest();
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(window));
  const mac = createHmac('sha256', key).update(counter).digest();
  const o = mac[mac.length - 1]! & 0x0f;
  return String((mac.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
/** The window now, after waiting out the last two seconds of one, so a request lands in the window it names. */
async function windowNow(): Promise<number> {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < 2500) await new Promise((r) => setTimeout(r, left + 100));
  return Math.floor(Date.now() / 30_000);
}
const checkedIn = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string; data: Record<string, unknown> })
    .filter((e) => e.type === 'MemberCheckedIn')
    .map((e) => e.data);

beforeAll(async () => {
  server = await startTestServer({ TALLYROOM_SECRET: SECRET });
  m = await server.api.createMeeting();
  const roll = ['姓名,党员编号,状态', ...Array.from({ length: 8 }, (_, i) => `党员${i + 1},M0${i + 1},正式党员`)];
  expect((await m.uploadRoll(roll.join('\n'))).status).toBe(200);
  clerk = (await m.mint('clerk', { name: '签到员' })).token;
});
afterAll(async () => {
  await server?.close();
});

describe("P-05: a member's own link checks in with the hall's venue code", () => {
  it('shows the chair and the kiosk the code derived from the secret, and no one else', async () => {
    const w = await windowNow();
    for (const token of [m.chair, m.credentials.kiosk]) {
      const r = await request<VenueCodeReply>(server.url, 'GET', `${m.path}/venue-code`, { token });
      expect(r.status, r.text).toBe(200);
      expect(r.body.code).toBe(code(m.meetingId, w));
      expect(r.body.window).toBe(w);
      expect(r.body.changesAt).toBe(new Date((w + 1) * 30_000).toISOString());
      expect(r.body.link).toMatch(new RegExp(`/m/${m.meetingId}/member\\?venue=${r.body.code}$`));
    }
    const member = await m.mint('member', { memberId: 'M08' });
    for (const token of [m.credentials.observer, m.credentials.supervisor, clerk, member.token])
      expectError(await request(server.url, 'GET', `${m.path}/venue-code`, { token }), 403, 'FORBIDDEN');
  });

  it('refuses no code (VENUE_CODE_REQUIRED) and a wrong or stale one (VENUE_CODE_WRONG), writing nothing', async () => {
    const own = (await m.mint('member', { memberId: 'M01' })).token;
    const before = await m.eventsText();
    await m.refused('CheckIn', { memberId: 'M01', method: 'self' }, 422, 'VENUE_CODE_REQUIRED', 'P-05', { as: own });
    const w = await windowNow();
    const wrong = String((Number(code(m.meetingId, w)) + 1) % 1_000_000).padStart(6, '0');
    for (const venueCode of [wrong, code(m.meetingId, w - 2), code(m.meetingId, w + 1), '12345'])
      if (venueCode !== code(m.meetingId, w) && venueCode !== code(m.meetingId, w - 1))
        await m.refused('CheckIn', { memberId: 'M01', venueCode }, 422, 'VENUE_CODE_WRONG', 'P-05', { as: own });
    expect(await m.eventsText()).toBe(before);
  });

  it("takes the current window's code, and records the window", async () => {
    const own = (await m.mint('member', { memberId: 'M02' })).token;
    const w = await windowNow();
    expectOk(await m.send('CheckIn', { memberId: 'M02', venueCode: code(m.meetingId, w) }, { as: own }));
    expect(checkedIn(await m.eventsText()).at(-1)).toEqual({ memberId: 'M02', method: 'self', venueWindow: w });
  });

  it("takes the previous window's code", async () => {
    const own = (await m.mint('member', { memberId: 'M03' })).token;
    const w = await windowNow();
    expectOk(await m.send('CheckIn', { memberId: 'M03', venueCode: code(m.meetingId, w - 1) }, { as: own }));
    expect(checkedIn(await m.eventsText()).at(-1)).toEqual({ memberId: 'M03', method: 'self', venueWindow: w - 1 });
  });
});

describe('P-05: the kiosk checks in from a card only', () => {
  const kioskCheckIn = (json: Record<string, unknown>) =>
    request<CheckInReply | ErrorReply>(server.url, 'POST', `${m.path}/check-in`, {
      token: m.credentials.kiosk,
      json: { ...json, commandId: nextCommandId('kiosk') },
    });

  it('refuses a typed number at the kiosk (KIOSK_NEEDS_CARD) and an unknown card, on either route, writing nothing', async () => {
    const before = await m.eventsText();
    expectError(await kioskCheckIn({ entry: 'M04' }), 422, 'KIOSK_NEEDS_CARD', 'P-05');
    expectError(await kioskCheckIn({ entry: 'nobody' }), 422, 'KIOSK_NEEDS_CARD', 'P-05');
    await m.refused('CheckIn', { memberId: 'M04', method: 'kiosk' }, 422, 'KIOSK_NEEDS_CARD', 'P-05', {
      as: m.credentials.kiosk,
    });
    expectError(await kioskCheckIn({ card: 'tr_not-a-card-at-all-1234' }), 404, 'UNKNOWN_CARD');
    // A credential that is not a member's card (the observer's link) names nobody either.
    expectError(
      await kioskCheckIn({ card: `${server.url}/m/${m.meetingId}/observer#t=${m.credentials.observer}` }),
      404,
      'UNKNOWN_CARD',
    );
    expect(await m.eventsText()).toBe(before);
  });

  it("checks in the card's member, read as the card's link or its bare token, with the same words a second time", async () => {
    const card = await m.mint('member', { memberId: 'M04' });
    const first = await kioskCheckIn({ card: card.link });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({ memberId: 'M04', name: '党员4' });
    const again = await kioskCheckIn({ card: card.token });
    expect(again.text).toBe(first.text);
    expect(checkedIn(await m.eventsText()).filter((d) => d.memberId === 'M04')).toEqual([
      { memberId: 'M04', method: 'kiosk' },
    ]);
  });

  it('refuses a replaced card', async () => {
    const card = await m.mint('member', { memberId: 'M05' });
    expectOk(await request(server.url, 'DELETE', `${m.path}/credentials/${card.credentialId}`, { token: m.chair }));
    expectError(await kioskCheckIn({ card: card.token }), 404, 'UNKNOWN_CARD');
  });
});

describe('the clerk (签到员) at the desk', () => {
  it('checks in by what it types, withdraws, records a departure, sees the roll and how members arrived', async () => {
    const typed = await request<CheckInReply>(server.url, 'POST', `${m.path}/check-in`, {
      token: clerk,
      json: { entry: 'm06' },
    });
    expect(typed.status, typed.text).toBe(200);
    expectOk(await m.send('CheckIn', { memberId: 'M07' }, { as: clerk }));
    expectOk(await m.send('WithdrawCheckIn', { memberId: 'M07', reason: '代签到，撤销' }, { as: clerk }));
    expectOk(await m.send('RecordDeparture', { memberId: 'M06' }, { as: clerk }));
    const view = await m.view(clerk);
    expect(view.members?.find((x) => x.memberId === 'M02')).toMatchObject({ name: '党员2', present: true });
    // M02 and M03 by phone, M04 by card; M06 left and M07 was withdrawn.
    expect(view.arrivals?.byMethod).toEqual({ desk: 0, kiosk: 1, self: 2 });
    expect(view.arrivals?.phone?.map((p) => p.memberId)).toEqual(['M02', 'M03']);
    expect(view.credentials).toBeUndefined();
  });

  it('NOT_CHECKED_IN: withdraws or departs no one who never checked in (409, nothing written); for one who left it is a no-op', async () => {
    const before = await m.eventsText();
    expect(checkedIn(before).map((d) => d.memberId)).not.toContain('M08');
    const withdrawal = expectError(
      await m.send('WithdrawCheckIn', { memberId: 'M08', reason: '误签' }, { as: clerk }),
      409,
      'NOT_CHECKED_IN',
    );
    expect(withdrawal.field).toBe('data.memberId');
    expect(withdrawal.params).toEqual({ memberId: 'M08' });
    expectError(await m.send('RecordDeparture', { memberId: 'M08' }, { as: clerk }), 409, 'NOT_CHECKED_IN');
    expect(await m.eventsText()).toBe(before);
    // M06 left and M07's check-in was withdrawn (above): another desk saying so again is answered ok, with no event.
    expectOk(await m.send('RecordDeparture', { memberId: 'M06' }, { as: clerk }));
    expectOk(await m.send('WithdrawCheckIn', { memberId: 'M07', reason: '另一台签到机也撤销' }, { as: clerk }));
    expect(await m.eventsText()).toBe(before);
  });

  it('is refused every other command, and writes nothing', async () => {
    const before = await m.eventsText();
    const vote = { for: 3, against: 0, abstain: 0 };
    expectError(await m.send('AdoptElectionMethod', { vote }, { as: clerk }), 403, 'FORBIDDEN');
    expectError(await m.send('ConfirmEarlyCheckIn', {}, { as: clerk }), 403, 'FORBIDDEN');
    expectError(
      await m.send('CorrectMember', { memberId: 'M01', name: '改名', reason: '录入有误' }, { as: clerk }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await request(server.url, 'POST', `${m.path}/credentials`, { token: clerk, json: { role: 'kiosk' } }),
      403,
      'FORBIDDEN',
    );
    for (const q of ['events', 'report', 'head'])
      expectError(await request(server.url, 'GET', `${m.path}/${q}`, { token: clerk }), 403, 'FORBIDDEN');
    expect(await m.eventsText()).toBe(before);
  });

  it('shows observers no arrivals, and the supervisor the counts without the phone list', async () => {
    expect((await m.view(m.credentials.observer)).arrivals).toBeUndefined();
    const sup = await m.view(m.credentials.supervisor);
    expect(sup.arrivals?.byMethod).toEqual({ desk: 0, kiosk: 1, self: 2 });
    expect(sup.arrivals?.phone).toBeUndefined();
  });
});

describe('the deployment secret', () => {
  it('is drawn once and kept beside the SQLite file, readable by its owner only', async () => {
    const other = await startTestServer();
    try {
      const file = path.join(other.dir, 't.db.secret');
      expect(statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      await other.close();
    }
  });
});

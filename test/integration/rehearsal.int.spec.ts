/**
 * Rehearsal over HTTP (contracts/src/meeting/rehearsal.ts): a practice meeting is deleted by its chair, log and all,
 * while a real one is refused and keeps every event; a real meeting dated next week checks nobody in until its chair
 * confirms holding it early.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, expectError, today } from '../support/api.js';
import { Election, makeRoll } from '../support/election.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** Rows of a stream in the server's SQLite file, read beside the running server (WAL lets a reader in). */
function storedRows(meetingId: string): { events: number; snapshots: number } {
  const db = new Database(`${server.dir}/t.db`, { readonly: true });
  try {
    const count = (table: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE stream = ?`).get(`meeting-${meetingId}`) as { n: number })
        .n;
    return { events: count('events'), snapshots: count('snapshots') };
  } finally {
    db.close();
  }
}

const remove = (e: Election, token: string) => server.api.request('DELETE', e.m.path, { token });

describe('DELETE /api/meetings/:id', () => {
  it('a practice meeting is deleted by its chair: its events leave the store and it answers 404', async () => {
    const e = await Election.create(server.api, { practice: true });
    await e.enrol(makeRoll(5));
    await e.checkIn(makeRoll(5).map((m) => m.memberId));
    expect((await e.view()).practice).toBe(true);
    expect((await e.m.view(e.m.credentials.observer)).practice).toBe(true);
    expect(storedRows(e.m.meetingId).events).toBeGreaterThan(5);

    // Only the chair: the observer and the kiosk are refused and nothing changes.
    expectError(await remove(e, e.m.credentials.observer), 403, 'FORBIDDEN');
    expectError(await remove(e, e.kiosk), 403, 'FORBIDDEN');
    expect((await e.view()).attendance.presentVoters).toBe(5);

    const reply = await remove(e, e.m.chair);
    expect(reply.status, reply.text).toBe(204);
    expect(storedRows(e.m.meetingId)).toEqual({ events: 0, snapshots: 0 });
    expectError(await server.api.request('GET', e.m.path, { token: e.m.chair }), 404, 'UNKNOWN_MEETING');
    expectError(await server.api.request('GET', `${e.m.path}/events`, { token: e.m.chair }), 404, 'UNKNOWN_MEETING');
    expectError(
      await e.m.send('CheckIn', { memberId: makeRoll(1)[0]!.memberId }, { as: e.kiosk }),
      404,
      'UNKNOWN_MEETING',
    );
    expectError(await remove(e, e.m.chair), 404, 'UNKNOWN_MEETING');
  });

  it('a real meeting is refused with 409 NOT_A_PRACTICE_MEETING, and not one event changes', async () => {
    const e = await Election.create(server.api);
    await e.enrol(makeRoll(5));
    await e.checkIn(makeRoll(3).map((m) => m.memberId));
    const before = await e.m.eventsText();
    const view = await e.view();
    expect(view.practice).toBe(false);

    expectError(await remove(e, e.m.chair), 409, 'NOT_A_PRACTICE_MEETING');
    expect(await e.m.eventsText()).toBe(before);
    expect((await e.view()).revision).toBe(view.revision);
    // And the meeting goes on.
    await e.checkIn([makeRoll(5)[4]!.memberId]);
    expect((await e.view()).attendance.presentVoters).toBe(4);
  });
});

describe('a real meeting dated later than today', () => {
  it('refuses the first check-in until the chair confirms holding it early; the confirmation is in the log', async () => {
    const e = await Election.create(server.api, { scheduledFor: daysFromToday(7) });
    await e.enrol(makeRoll(3));
    const [p1, p2] = makeRoll(2).map((m) => m.memberId);
    const early = expectError(
      await e.m.send('CheckIn', { memberId: p1!, method: 'desk' }),
      409,
      'CHECK_IN_BEFORE_MEETING_DAY',
    );
    expect(early.message).toContain(daysFromToday(7));
    await e.m.refused('CheckIn', { memberId: p1!, method: 'desk' }, 409, 'CHECK_IN_BEFORE_MEETING_DAY');
    expect((await e.view()).meetingDay).toMatchObject({
      scheduledDate: daysFromToday(7),
      guarded: true,
      confirmedOn: null,
    });

    // The kiosk cannot open check-in early; the chair can.
    await e.m.refused('ConfirmEarlyCheckIn', {}, 403, 'FORBIDDEN', undefined, { as: e.kiosk });
    const confirmed = await e.m.command('ConfirmEarlyCheckIn', {});
    expect(confirmed.events.map((x) => x.type)).toEqual(['EarlyCheckInConfirmed']);
    expect((await e.view()).meetingDay.confirmedOn).toBe(today());

    await e.checkIn([p1!, p2!]);
    expect((await e.view()).attendance.presentVoters).toBe(2);
    expect(await e.m.eventsText()).toContain(`"confirmedOn":"${today()}"`);
  });

  it('a practice meeting dated next week checks in at once', async () => {
    const e = await Election.create(server.api, { scheduledFor: daysFromToday(7), practice: true });
    await e.enrol(makeRoll(2));
    await e.checkIn(makeRoll(2).map((m) => m.memberId));
    expect((await e.view()).attendance.presentVoters).toBe(2);
  });
});

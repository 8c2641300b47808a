/**
 * Local dates at the HTTP edge: POST /api/meetings takes `scheduledFor` as a
 * day or an RFC 3339 date-time and an IANA `timeZone`, pins the zone in the
 * first event, and every reader shows the start on the meeting's clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, request } from '../../../test/support/api.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const base = { title: '第一党支部换届选举党员大会', organisation: '第一党支部' };

describe('POST /api/meetings: scheduledFor and timeZone', () => {
  it('P-10: takes an RFC 3339 start, keeps it as a UTC instant, pins Asia/Shanghai by default and shows the start in Beijing time', async () => {
    const m = await server.api.createMeeting({ ...base, scheduledFor: '2026-12-04T09:00:00+08:00' });
    const view = await m.view();
    expect(view.scheduledFor).toBe('2026-12-04T01:00:00.000Z');
    expect(view.timeZone).toBe('Asia/Shanghai');
    expect(view.schedule).toEqual({ date: '2026-12-04', startTime: '09:00', startsAt: '2026-12-04T01:00:00.000Z' });
    const first = JSON.parse((await m.eventsText()).split('\n')[0]!) as {
      type: string;
      data: { timeZone: string; scheduledFor: string };
    };
    expect(first).toMatchObject({
      type: 'MeetingScheduled',
      data: { timeZone: 'Asia/Shanghai', scheduledFor: '2026-12-04T01:00:00.000Z' },
    });
    const report = await request(server.url, 'GET', `${m.path}/report`, { token: m.chair });
    // No event has happened yet, so the report is dated by the schedule (in words on the paper).
    expect(report.text).toContain('<span data-meta="date" data-value="2026-12-04">二〇二六年十二月四日</span>');
    expect(report.text).toContain(
      '<span data-meta="startTime" data-value="09:00" data-zone="Asia/Shanghai">09:00（北京时间）</span>',
    );
  });

  it('P-10: reads the start on the clock of the zone given: 21:00 UTC on 12-04 is 03:00 on 12-05 in Urumqi', async () => {
    const m = await server.api.createMeeting({
      ...base,
      scheduledFor: '2026-12-04T21:00:00Z',
      timeZone: 'Asia/Urumqi',
    });
    const view = await m.view(m.credentials.observer);
    expect(view.timeZone).toBe('Asia/Urumqi');
    expect(view.schedule).toEqual({ date: '2026-12-05', startTime: '03:00', startsAt: '2026-12-04T21:00:00.000Z' });
  });

  it('a day alone has no start time', async () => {
    const m = await server.api.createMeeting({ ...base, scheduledFor: '2026-12-04', timeZone: 'America/New_York' });
    expect((await m.view()).schedule).toEqual({ date: '2026-12-04', startTime: null, startsAt: null });
  });

  it('validation: refuses a day that does not exist, a date-time without offset, and an unknown zone, naming the field', async () => {
    for (const scheduledFor of ['2026-02-30', '2026-12-04T09:00:00', '2026-12-04T24:00:00+08:00', '2026-12-04T09:00']) {
      const reply = await server.api.scheduleRaw({ ...base, scheduledFor });
      expect(expectError(reply, 400, 'INVALID_FIELD').field, scheduledFor).toBe('scheduledFor');
    }
    for (const timeZone of ['Mars/Olympus_Mons', '+08:00', 'Beijing']) {
      const reply = await server.api.scheduleRaw({ ...base, scheduledFor: '2026-12-04', timeZone });
      expect(expectError(reply, 400, 'INVALID_FIELD').field, timeZone).toBe('timeZone');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { resolveRuleset } from '../rules/ruleset.js';
import { MeetingBuilder, roll } from '../testing/fixtures.js';
import { envelope, given, stateOf } from '../testing/spec.js';
import { meetingView } from '../views/meeting-view.js';
import { localDate, localTime, normaliseScheduledFor, scheduleOf, zonedInstant } from './local-date.js';

// Expected days and times below are read off a calendar by hand, never computed by the code under test.
// Asia/Shanghai is UTC+8 all year; Asia/Urumqi UTC+6; America/New_York UTC-5 in December.

describe('localDate and localTime', () => {
  it("cut the day in the meeting's zone, not in UTC", () => {
    expect(localDate('2026-12-03T23:30:00.000Z', 'Asia/Shanghai')).toBe('2026-12-04');
    expect(localTime('2026-12-03T23:30:00.000Z', 'Asia/Shanghai')).toBe('07:30');
    expect(localDate('2026-12-04T16:30:00.000Z', 'Asia/Shanghai')).toBe('2026-12-05');
    expect(localTime('2026-12-04T16:30:00.000Z', 'Asia/Shanghai')).toBe('00:30');
    expect(localDate('2026-12-06T15:59:59.999Z', 'Asia/Shanghai')).toBe('2026-12-06');
    expect(localDate('2026-12-06T16:00:00.000Z', 'Asia/Shanghai')).toBe('2026-12-07');
    expect(localTime('2026-12-06T16:00:00.000Z', 'Asia/Shanghai')).toBe('00:00');
    expect(localDate('2026-12-04T03:30:00.000Z', 'America/New_York')).toBe('2026-12-03');
    expect(localTime('2026-12-04T03:30:00.000Z', 'America/New_York')).toBe('22:30');
    expect(localDate('2026-12-03T17:30:00.000Z', 'Asia/Urumqi')).toBe('2026-12-03');
    expect(localDate('2026-12-31T16:00:00.000Z', 'Asia/Shanghai')).toBe('2027-01-01');
  });

  it('answer each zone for itself when asked in turn within one minute (the day is kept per zone and minute)', () => {
    // 15:59:30 UTC is 23:59 in Beijing and 21:59 in Urumqi; 16:00:10 UTC is past Beijing's midnight only.
    expect(localDate('2026-12-04T15:59:30.000Z', 'Asia/Shanghai')).toBe('2026-12-04');
    expect(localDate('2026-12-04T15:59:40.000Z', 'Asia/Urumqi')).toBe('2026-12-04');
    expect(localTime('2026-12-04T15:59:50.000Z', 'Asia/Shanghai')).toBe('23:59');
    expect(localDate('2026-12-04T16:00:10.000Z', 'Asia/Shanghai')).toBe('2026-12-05');
    expect(localTime('2026-12-04T16:00:10.000Z', 'Asia/Urumqi')).toBe('22:00');
    expect(localDate('2026-12-04T15:59:59.000Z', 'Asia/Shanghai')).toBe('2026-12-04');
  });

  it("cut the day at the zone's own midnight even where its offset was not whole minutes (Shanghai's LMT, +08:05:43)", () => {
    // Both instants fall in the same UTC minute: 15:54:10 + 8:05:43 = 23:59:53 on 1 January, 15:54:20 is 00:00:03.
    expect(localDate('1900-01-01T15:54:10.000Z', 'Asia/Shanghai')).toBe('1900-01-01');
    expect(localDate('1900-01-01T15:54:20.000Z', 'Asia/Shanghai')).toBe('1900-01-02');
  });
});

describe('zonedInstant', () => {
  it("turns a meeting's local day and start into the UTC instant", () => {
    expect(zonedInstant('2026-12-04', '09:00', 'Asia/Shanghai')).toBe('2026-12-04T01:00:00.000Z');
    expect(zonedInstant('2026-12-04', '07:30', 'Asia/Shanghai')).toBe('2026-12-03T23:30:00.000Z');
    expect(zonedInstant('2026-12-04', '09:00', 'Asia/Urumqi')).toBe('2026-12-04T03:00:00.000Z');
    expect(zonedInstant('2026-12-04', '21:00', 'America/New_York')).toBe('2026-12-05T02:00:00.000Z');
    expect(zonedInstant('2026-07-04', '09:00', 'America/New_York')).toBe('2026-07-04T13:00:00.000Z');
  });
});

const schedule = (data: Record<string, unknown> = {}) => ({
  type: 'ScheduleMeeting',
  data: { title: '第一党支部换届选举党员大会', organisation: '第一党支部', scheduledFor: '2026-12-04', ...data },
});
const scheduled = (events: { type: string; data: unknown }[]) =>
  events[0] as { type: 'MeetingScheduled'; data: { scheduledFor: string; timeZone?: string } };

describe('ScheduleMeeting: time zone and start', () => {
  it('P-10: pins Asia/Shanghai when no zone is given, and the given IANA zone otherwise', () => {
    given([])
      .when(schedule())
      .then((e) => expect(scheduled(e).data.timeZone).toBe('Asia/Shanghai'));
    given([])
      .when(schedule({ timeZone: 'America/New_York' }))
      .then((e) => expect(scheduled(e).data.timeZone).toBe('America/New_York'));
  });

  it('validation: refuses an unknown zone and an offset in place of a zone, naming data.timeZone', () => {
    for (const timeZone of ['Mars/Olympus_Mons', '+08:00', 'Beijing', '', 8]) {
      given([])
        .when(schedule({ timeZone }))
        .thenThrows({ code: 'INVALID_FIELD', field: 'data.timeZone', kind: 'validation' });
    }
  });

  it('scheduledFor: a day is kept as given; an RFC 3339 date-time is kept as the UTC instant it names', () => {
    const cases: [string, string][] = [
      ['2026-12-04', '2026-12-04'],
      ['2026-12-04T09:00:00+08:00', '2026-12-04T01:00:00.000Z'],
      ['2026-12-04T01:00:00Z', '2026-12-04T01:00:00.000Z'],
      ['2026-12-04t01:00:00.5z', '2026-12-04T01:00:00.500Z'],
      ['2026-12-03T19:30:00-05:00', '2026-12-04T00:30:00.000Z'],
      ['2028-02-29', '2028-02-29'],
    ];
    for (const [given_, stored] of cases) {
      given([])
        .when(schedule({ scheduledFor: given_ }))
        .then((e) => expect(scheduled(e).data.scheduledFor).toBe(stored));
    }
  });

  it('validation: scheduledFor refuses days and times that do not exist, and a date-time without an offset', () => {
    for (const scheduledFor of [
      '2026-02-30',
      '2026-02-29',
      '2026-13-01',
      '2026-12-00',
      '2026-12-04T24:00:00Z',
      '2026-12-04T09:60:00Z',
      '2026-12-04T09:00:00',
      '2026-12-04T09:00+08:00',
      '2026-12-04T09:00:00+24:00',
      '2026-02-30T09:00:00+08:00',
      '2026-12-04 09:00:00Z',
      'next Tuesday',
    ]) {
      given([])
        .when(schedule({ scheduledFor }))
        .thenThrows({ code: 'INVALID_FIELD', field: 'data.scheduledFor', kind: 'validation' });
    }
  });

  it("the view gives the meeting's local day and start time; a day alone has no start time", () => {
    const at = (scheduledFor: string, timeZone?: string) =>
      new MeetingBuilder().schedule({ scheduledFor, ...(timeZone ? { timeZone } : {}) }).view('observer');
    expect(at('2026-12-04T09:00:00+08:00')).toMatchObject({
      timeZone: 'Asia/Shanghai',
      schedule: { date: '2026-12-04', startTime: '09:00', startsAt: '2026-12-04T01:00:00.000Z' },
    });
    // 17:00 UTC on the 3rd is 01:00 on the 4th in Beijing: the meeting's day is the 4th.
    expect(at('2026-12-03T17:00:00Z').schedule).toEqual({
      date: '2026-12-04',
      startTime: '01:00',
      startsAt: '2026-12-03T17:00:00.000Z',
    });
    expect(at('2026-12-03T17:00:00Z', 'America/New_York').schedule).toEqual({
      date: '2026-12-03',
      startTime: '12:00',
      startsAt: '2026-12-03T17:00:00.000Z',
    });
    expect(at('2026-12-04').schedule).toEqual({ date: '2026-12-04', startTime: null, startsAt: null });
  });

  it('a log written before zones were pinned replays as Asia/Shanghai', () => {
    const old = envelope([
      {
        type: 'MeetingScheduled',
        data: {
          meetingId: 'm1',
          title: 't',
          organisation: 'o',
          ruleset: resolveRuleset('cpc-branch'),
          scheduledFor: '2026-11-24',
        },
      },
    ]);
    const s = stateOf(old);
    expect(s.timeZone).toBe('Asia/Shanghai');
    expect(meetingView(s, { role: 'observer' }).schedule).toEqual({
      date: '2026-11-24',
      startTime: null,
      startsAt: null,
    });
  });

  it('normaliseScheduledFor refuses what is neither form', () => {
    expect(normaliseScheduledFor('2026-12-04T09:00:00+08:00')).toBe('2026-12-04T01:00:00.000Z');
    expect(normaliseScheduledFor('20261204')).toBeNull();
    expect(scheduleOf('not a date', 'Asia/Shanghai')).toEqual({ date: 'not a date', startTime: null, startsAt: null });
  });

  it('a forged log pinning an unknown zone: the view shows the start as recorded instead of failing', () => {
    expect(scheduleOf('2026-11-24T23:00:00.000Z', 'America/Gotham')).toEqual({
      date: '2026-11-24T23:00:00.000Z',
      startsAt: '2026-11-24T23:00:00.000Z',
      startTime: null,
    });
  });
});

/** Roll p1..p4, contest c1 with 1 seat, p1 and p2 nominated and qualified; cpc-branch needs 3 days' notice. */
const nominated = (timeZone?: string) =>
  new MeetingBuilder()
    .schedule(timeZone ? { timeZone } : {})
    .enrol(roll(4))
    .createContest('c1', 1)
    .nominate('c1', ['p1', 'p2']);
const publish = (o: Record<string, unknown> = {}) => ({
  type: 'PublishCandidateList',
  data: { contestId: 'c1', candidateIds: ['p1', 'p2'], noticeDays: 3, ...o },
});
const confirm = { type: 'ConfirmCandidateList', data: { contestId: 'c1' } };
const publishedOn = (e: { type: string; data: unknown }[]) => (e[0]!.data as { publishedOn: string }).publishedOn;

describe("P-10 on the meeting's local calendar (Asia/Shanghai)", () => {
  it('P-10: at 23:30 UTC on 12-03 (07:30 on 12-04 in Beijing) a list dated 12-04 is today, not in the future', () => {
    const now = '2026-12-03T23:30:00.000Z';
    given(nominated())
      .when(publish({ publishedOn: '2026-12-04' }), { now })
      .then((e) => expect(publishedOn(e)).toBe('2026-12-04'));
    given(nominated())
      .when(publish(), { now })
      .then((e) => expect(publishedOn(e)).toBe('2026-12-04'));
    given(nominated())
      .when(publish({ publishedOn: '2026-12-05' }), { now })
      .thenThrows({ code: 'PUBLICATION_IN_FUTURE', rule: 'P-10', field: 'data.publishedOn' });
  });

  it('P-10: at 16:30 UTC on 12-04 (00:30 on 12-05 in Beijing) today is already the 5th', () => {
    const now = '2026-12-04T16:30:00.000Z';
    given(nominated())
      .when(publish(), { now })
      .then((e) => expect(publishedOn(e)).toBe('2026-12-05'));
    given(nominated())
      .when(publish({ publishedOn: '2026-12-05' }), { now })
      .then((e) => expect(publishedOn(e)).toBe('2026-12-05'));
    given(nominated())
      .when(publish({ publishedOn: '2026-12-06' }), { now })
      .thenThrows({ code: 'PUBLICATION_IN_FUTURE', rule: 'P-10' });
  });

  it('P-10: a re-publication keyed at 23:30 UTC cannot be dated before the local day of the last one', () => {
    const b = nominated();
    b.run(publish(), { now: '2026-12-03T23:30:00.000Z' });
    given(b)
      .when(publish({ publishedOn: '2026-12-03' }), { now: '2026-12-04T01:00:00.000Z' })
      .thenThrows({ code: 'PUBLICATION_BACKDATED', rule: 'P-10', field: 'data.publishedOn' });
  });

  it("P-10: 3 days' notice published on local 12-04 ends at local midnight starting 12-07", () => {
    const b = nominated();
    b.run(publish(), { now: '2026-12-03T23:30:00.000Z' });
    // 15:59 UTC on 12-06 is 23:59 on 12-06 in Beijing: the notice still runs.
    given(b)
      .when(confirm, { now: '2026-12-06T15:59:00.000Z' })
      .thenThrows({ code: 'NOTICE_PERIOD_RUNNING', rule: 'P-10' });
    // 16:00 UTC on 12-06 is 00:00 on 12-07 in Beijing: the third day is over.
    given(b)
      .when(confirm, { now: '2026-12-06T16:00:00.000Z' })
      .then((e) => expect(e.map((x) => x.type)).toEqual(['CandidateListConfirmed']));
    given(b)
      .when(confirm, { now: '2026-12-06T16:30:00.000Z' })
      .then((e) => expect(e).toHaveLength(1));
    given(b)
      .when(confirm, { now: '2026-12-06T23:30:00.000Z' })
      .then((e) => expect(e).toHaveLength(1));
  });
});

describe('P-10 in another zone: the pinned zone is the one used', () => {
  it('P-10: at 17:30 UTC on 12-03 it is already 12-04 in Beijing but still 12-03 in Urumqi', () => {
    const now = '2026-12-03T17:30:00.000Z';
    given(nominated())
      .when(publish({ publishedOn: '2026-12-04' }), { now })
      .then((e) => expect(publishedOn(e)).toBe('2026-12-04'));
    given(nominated('Asia/Urumqi'))
      .when(publish({ publishedOn: '2026-12-04' }), { now })
      .thenThrows({ code: 'PUBLICATION_IN_FUTURE', rule: 'P-10' });
    given(nominated('Asia/Urumqi'))
      .when(publish(), { now })
      .then((e) => expect(publishedOn(e)).toBe('2026-12-03'));
  });

  it('P-10: in New York a list published at 03:30 UTC on 12-04 (22:30 on 12-03) is dated 12-03, and its notice ends at local midnight', () => {
    const b = nominated('America/New_York');
    given(b)
      .when(publish({ publishedOn: '2026-12-04' }), { now: '2026-12-04T03:30:00.000Z' })
      .thenThrows({ code: 'PUBLICATION_IN_FUTURE', rule: 'P-10' });
    b.run(publish(), { now: '2026-12-04T03:30:00.000Z' });
    expect(b.state.contests.get('c1')!.list!.publishedOn).toBe('2026-12-03');
    // 04:59 UTC on 12-06 is 23:59 on 12-05 in New York; 05:00 UTC is midnight starting 12-06.
    given(b)
      .when(confirm, { now: '2026-12-06T04:59:00.000Z' })
      .thenThrows({ code: 'NOTICE_PERIOD_RUNNING', rule: 'P-10' });
    given(b)
      .when(confirm, { now: '2026-12-06T05:00:00.000Z' })
      .then((e) => expect(e).toHaveLength(1));
  });
});

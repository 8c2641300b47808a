/**
 * Rehearsal (rehearsal.ts): practice meetings, a real meeting dated later than today, and the report's date.
 * The fixtures decide at 2026-11-24T09:00Z, 17:00 on 11-24 in Beijing.
 */
import { describe, expect, it } from 'vitest';
import { chainEvents, GENESIS_HASH } from '../chain/chain.js';
import { replayLog } from '../verify/replay.js';
import { resolveRuleset } from '../rules/ruleset.js';
import { given } from '../testing/spec.js';
import { KIOSK, MeetingBuilder, roll } from '../testing/fixtures.js';
import type { MeetingEvent } from './events.js';
import { earlyDay, heldOn } from './rehearsal.js';

const NEXT_WEEK = '2026-12-01';
const meeting = (o: { scheduledFor?: string; practice?: boolean; timeZone?: string } = {}) =>
  new MeetingBuilder().schedule({ scheduledFor: NEXT_WEEK, ...o }).enrol(roll(3));
const checkIn = (memberId = 'p1') => ({ type: 'CheckIn', data: { memberId, method: 'desk' } });
const confirm = { type: 'ConfirmEarlyCheckIn', data: {} };

describe('ScheduleMeeting: practice', () => {
  it('pins practice: true in MeetingScheduled', () => {
    given([])
      .when({
        type: 'ScheduleMeeting',
        data: { title: '演练', organisation: '第一党支部', scheduledFor: '2026-11-24', practice: true },
      })
      .then([
        {
          type: 'MeetingScheduled',
          data: {
            meetingId: 'm1',
            title: '演练',
            organisation: '第一党支部',
            ruleset: resolveRuleset('cpc-branch'),
            scheduledFor: '2026-11-24',
            timeZone: 'Asia/Shanghai',
            practice: true,
            officerCredentials: true,
            venueCodes: true,
            presentForWriting: true,
            committeeWriteIns: true,
          },
        },
      ]);
  });

  it('a meeting is real unless it says otherwise: practice: false is pinned', () => {
    given([])
      .when({
        type: 'ScheduleMeeting',
        data: { title: '大会', organisation: '第一党支部', scheduledFor: '2026-11-24' },
      })
      .then(([e]) => expect(e?.type === 'MeetingScheduled' && e.data.practice).toBe(false));
  });

  it('refuses a practice flag that is not true or false', () => {
    given([])
      .when({
        type: 'ScheduleMeeting',
        data: { title: '大会', organisation: '第一党支部', scheduledFor: '2026-11-24', practice: 'yes' },
      })
      .thenThrows({ code: 'INVALID_FIELD', field: 'data.practice', kind: 'validation' });
  });

  it('the view says practice: true to every role, so what is above the meeting can leave it out', () => {
    const b = meeting({ practice: true });
    for (const role of ['chair', 'observer', 'kiosk', 'member', 'teller'] as const)
      expect(b.view(role).practice, role).toBe(true);
    expect(meeting().view('observer').practice).toBe(false);
  });
});

describe('CheckIn before the meeting day', () => {
  it('a real meeting dated next week refuses the first check-in until the chair confirms holding it early', () => {
    given(meeting()).when(checkIn()).thenThrows({ code: 'CHECK_IN_BEFORE_MEETING_DAY', kind: 'conflict' });
  });

  it('the kiosk is refused alike (only the chair may send ConfirmEarlyCheckIn, access.ts)', () => {
    given(meeting()).when(checkIn(), { actor: KIOSK }).thenThrows({ code: 'CHECK_IN_BEFORE_MEETING_DAY' });
  });

  it('ConfirmEarlyCheckIn records both days on the meeting calendar; check-in then opens', () => {
    const b = meeting();
    given(b)
      .when(confirm)
      .then([{ type: 'EarlyCheckInConfirmed', data: { scheduledDate: NEXT_WEEK, confirmedOn: '2026-11-24' } }]);
    b.run(confirm);
    expect(b.view().meetingDay).toEqual({
      scheduledDate: NEXT_WEEK,
      timeZone: 'Asia/Shanghai',
      guarded: true,
      confirmedOn: '2026-11-24',
    });
    given(b)
      .when(checkIn())
      .then([{ type: 'MemberCheckedIn', data: { memberId: 'p1', method: 'desk' } }]);
    given(b).when(confirm).thenNothingHappened();
  });

  it('the day is the meeting calendar day: 23:30 the evening before in Beijing is still early, 00:30 is the day', () => {
    given(meeting())
      .when(checkIn(), { now: '2026-11-30T15:30:00.000Z' })
      .thenThrows({ code: 'CHECK_IN_BEFORE_MEETING_DAY' });
    given(meeting())
      .when(checkIn(), { now: '2026-11-30T16:30:00.000Z' })
      .then([{ type: 'MemberCheckedIn', data: { memberId: 'p1', method: 'desk' } }]);
  });

  it('on the day, or after it, nothing needs confirming', () => {
    given(meeting({ scheduledFor: '2026-11-24' }))
      .when(checkIn())
      .then([{ type: 'MemberCheckedIn', data: { memberId: 'p1', method: 'desk' } }]);
    given(meeting({ scheduledFor: '2026-11-20' }))
      .when(confirm)
      .thenNothingHappened();
  });

  it('a start given as a date-time is read on the meeting calendar (New York: 11-24 evening is still 11-24)', () => {
    const ny = meeting({ scheduledFor: '2026-11-24T18:00:00-05:00', timeZone: 'America/New_York' });
    // 09:00Z on 11-24 is 04:00 on 11-24 in New York: the day has come.
    given(ny)
      .when(checkIn())
      .then([{ type: 'MemberCheckedIn', data: { memberId: 'p1', method: 'desk' } }]);
    given(ny).when(checkIn(), { now: '2026-11-24T04:00:00.000Z' }).thenThrows({ code: 'CHECK_IN_BEFORE_MEETING_DAY' });
  });

  it('a practice meeting checks in on any day: a rehearsal is held before the real day', () => {
    given(meeting({ practice: true }))
      .when(checkIn())
      .then([{ type: 'MemberCheckedIn', data: { memberId: 'p1', method: 'desk' } }]);
    given(meeting({ practice: true }))
      .when(confirm)
      .thenNothingHappened();
  });

  it('a log written before rehearsals existed (no practice in MeetingScheduled) keeps its early check-ins', () => {
    const old = meeting();
    const log = old.log().map((e) => {
      if (e.type !== 'MeetingScheduled') return e;
      const { practice: _p, ...data } = e.data;
      return { ...e, data } as MeetingEvent;
    });
    const reChained = chainEvents(
      GENESIS_HASH,
      log.map(({ type, data, metadata: { hash: _h, prevHash: _ph, ...metadata } }) => ({ type, data, metadata })),
    );
    given({ log: () => reChained as MeetingEvent[] })
      .when(checkIn())
      .then([{ type: 'MemberCheckedIn', data: { memberId: 'p1', method: 'desk' } }]);
  });

  it('earlyDay: dated later than today, whether confirmed or not; null from the day on', () => {
    const facts = { scheduledDate: NEXT_WEEK, timeZone: 'Asia/Shanghai', guarded: true, confirmedOn: null };
    expect(earlyDay(facts, '2026-11-24T09:00:00.000Z')).toEqual({
      scheduledDate: NEXT_WEEK,
      today: '2026-11-24',
      awaitsConfirmation: true,
    });
    expect(earlyDay({ ...facts, confirmedOn: '2026-11-24' }, '2026-11-24T09:00:00.000Z')?.awaitsConfirmation).toBe(
      false,
    );
    expect(earlyDay({ ...facts, guarded: false }, '2026-11-24T09:00:00.000Z')?.awaitsConfirmation).toBe(false);
    expect(earlyDay(facts, '2026-12-01T09:00:00.000Z')).toBeNull();
  });
});

describe('the verifier and an early check-in', () => {
  it('a check-in before the day without the chair’s confirmation is refused on replay; with it the log verifies', () => {
    const b = meeting();
    b.run(confirm);
    b.run(checkIn());
    expect(replayLog(b.log()).ok).toBe(true);
    // Forged: the confirmation taken out, the chain re-hashed.
    const without = b.log().filter((e) => e.type !== 'EarlyCheckInConfirmed');
    const forged = chainEvents(
      GENESIS_HASH,
      without.map(({ type, data, metadata: { hash: _h, prevHash: _ph, ...metadata } }, revision) => ({
        type,
        data,
        metadata: { ...metadata, revision },
      })),
    );
    const r = replayLog(forged);
    expect(r.chain.ok).toBe(true);
    expect(r.firstBadEvent).toMatchObject({ type: 'MemberCheckedIn', rule: 'CHECK_IN_BEFORE_MEETING_DAY' });
  });
});

describe('heldOn: the days the events happened', () => {
  it('is the meeting calendar day of the first check-in, not the day it was scheduled for', () => {
    const b = meeting();
    b.run(confirm);
    b.run(checkIn(), { now: '2026-11-24T16:30:00.000Z' }); // 00:30 on 11-25 in Beijing
    expect(heldOn(b.state)).toEqual({ first: '2026-11-25', last: '2026-11-25' });
  });

  it('is null while nobody has checked in (the report falls back to the scheduled day)', () => {
    expect(heldOn(meeting().state)).toBeNull();
    expect(heldOn(meeting({ scheduledFor: '2026-12-01T01:00:00Z', practice: true }).state)).toBeNull();
  });
});

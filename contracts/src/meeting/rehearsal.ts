/**
 * Rehearsal and the meeting's day: the one implementation the decider, the views, the result report and the
 * dashboard share.
 *
 * - A practice meeting (ScheduleMeeting `practice: true`, pinned in MeetingScheduled) is a rehearsal: every screen and
 *   document carries a watermark, its chair may delete it, and nothing above the meeting counts it (the view says
 *   `practice: true` so a district board can skip it).
 * - A real meeting dated later than today opens check-in only once its chair confirms holding it early
 *   (ConfirmEarlyCheckIn → EarlyCheckInConfirmed): a rehearsal run on the real meeting's log a week before would
 *   otherwise stay in it for ever.
 * - The result report is dated by the day its events happened, not by the day the meeting was scheduled for.
 */
import { isTimeZone, localDate, scheduleOf } from './local-date.js';
import type { MeetingState } from './state.js';

/** What deciding about the meeting's day needs; both the state (meetingDayFacts) and the view (MeetingView.meetingDay) hold it. */
export interface MeetingDayFacts {
  /** The meeting's scheduled local day, YYYY-MM-DD. */
  scheduledDate: string;
  timeZone: string;
  /** Whether check-in waits for the scheduled day: a real meeting scheduled since rehearsals exist. */
  guarded: boolean;
  /** The local day the chair confirmed holding the meeting early, or null. */
  confirmedOn: string | null;
}

export function meetingDayFacts(
  s: Pick<MeetingState, 'scheduledFor' | 'timeZone' | 'practice' | 'earlyCheckIn'>,
): MeetingDayFacts {
  return {
    scheduledDate: scheduleOf(s.scheduledFor, s.timeZone).date,
    timeZone: s.timeZone,
    guarded: s.practice === false,
    confirmedOn: s.earlyCheckIn,
  };
}

export interface EarlyDay {
  scheduledDate: string;
  /** Today on the meeting's calendar. */
  today: string;
  /** True while a check-in is refused: a guarded meeting whose chair has not confirmed holding it early. */
  awaitsConfirmation: boolean;
}

/** The meeting is dated later than `now` (on its own calendar), or null when its day has come (or cannot be read). */
export function earlyDay(f: MeetingDayFacts, now: string): EarlyDay | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.scheduledDate) || !isTimeZone(f.timeZone)) return null;
  const today = localDate(now, f.timeZone);
  if (today >= f.scheduledDate) return null;
  return { scheduledDate: f.scheduledDate, today, awaitsConfirmation: f.guarded && f.confirmedOn === null };
}

/**
 * The date of the result report: the meeting's local day of its first check-in, the day it was held (a roll call
 * opens every election meeting, P-05), or the scheduled day while nobody has checked in.
 */
export function reportDate(s: Pick<MeetingState, 'attendance' | 'scheduledFor' | 'timeZone'>): string {
  const first = s.attendance[0];
  if (first && isTimeZone(s.timeZone) && !Number.isNaN(Date.parse(first.at))) return localDate(first.at, s.timeZone);
  return scheduleOf(s.scheduledFor, s.timeZone).date;
}

/**
 * Meetings happen on a local calendar (Beijing time unless the meeting says
 * otherwise), while the log keeps UTC instants. Every day a rule compares is
 * derived here, from an instant and the meeting's pinned time zone, so that
 * the decider, the verifier, the server and the dashboard cut days alike.
 */

/** The zone a meeting is held in when its first event names none (every log written before time zones were pinned). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * A meeting's time zone as its readers name it: 北京时间 (Beijing time) for Asia/Shanghai, which every meeting in China
 * keeps; any other zone by its IANA name, which is what its deployment configured.
 */
export function zoneLabel(timeZone: string, lang: 'zh-CN' | 'en'): string {
  if (timeZone === DEFAULT_TIME_ZONE) return lang === 'zh-CN' ? '北京时间' : 'Beijing time';
  return timeZone;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** An IANA zone name the platform knows ("Asia/Shanghai", "UTC"); offsets such as "+08:00" are not zones. */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name) || name.length > 64) return false;
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

type Parts = Readonly<Record<'year' | 'month' | 'day' | 'hour' | 'minute', string>>;

/**
 * The last minute read in each zone. Every command of a meeting asks for the day of its own instant, and within one
 * minute the answer cannot change: formatToParts was ~1.5 % of the command path's CPU. Since 1973 every zone's offset
 * is a whole number of minutes, so a UTC minute is a local one; earlier instants (seconds-long LMT offsets) are not
 * cached.
 */
const lastMinute = new Map<string, { minute: number; parts: Parts }>();
const WHOLE_MINUTE_OFFSETS_FROM = Date.UTC(1973, 0, 1);

function parts(instant: string, timeZone: string): Parts {
  const d = new Date(instant);
  const t = d.getTime();
  if (Number.isNaN(t)) throw new RangeError(`not an instant: ${instant}`);
  const minute = Math.floor(t / 60_000);
  const last = lastMinute.get(timeZone);
  if (last?.minute === minute && t >= WHOLE_MINUTE_OFFSETS_FROM) return last.parts;
  const out: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(d)) out[p.type] = p.value;
  if (t >= WHOLE_MINUTE_OFFSETS_FROM) lastMinute.set(timeZone, { minute, parts: out as Parts });
  return out as Parts;
}

/** The calendar day (YYYY-MM-DD) an instant falls on in a zone. */
export function localDate(instant: string, timeZone: string): string {
  const p = parts(instant, timeZone);
  return `${p.year.padStart(4, '0')}-${p.month}-${p.day}`;
}

/** The wall-clock time (HH:MM, 24-hour) an instant shows in a zone. */
export function localTime(instant: string, timeZone: string): string {
  const p = parts(instant, timeZone);
  return `${p.hour}:${p.minute}`;
}

/**
 * The UTC instant at which a zone's wall clock shows `date` `time` (HH:MM), for
 * a form that asks for the local day and start. Where the clock jumps (DST),
 * the reading before the jump is used.
 */
export function zonedInstant(date: string, time: string, timeZone: string): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const offsetAt = (t: number) => {
    const p = parts(new Date(t).toISOString(), timeZone);
    return (
      Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) -
      Math.floor(t / 60_000) * 60_000
    );
  };
  let t = wall - offsetAt(wall);
  t = wall - offsetAt(t);
  return new Date(t).toISOString();
}

/** The day `days` calendar days after `day` (both YYYY-MM-DD); calendar arithmetic, no zone involved. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The day `months` calendar months after `day` (YYYY-MM-DD), the day of the month kept, or the month's last day where
 * it has fewer (2026-08-31 plus 6 months is 2027-02-28). V-11: the day by which a new election is due.
 */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const date = Math.min(d, daysIn(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

/** P-10: the first local day on which a list published on `publishedOn` with `noticeDays` of notice may be confirmed. */
export const noticeEnds = (publishedOn: string, noticeDays: number) => addDays(publishedOn, noticeDays);

const daysIn = (y: number, m: number) =>
  m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

/** A YYYY-MM-DD that names a day on the calendar (2026-02-30 does not). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo);
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;

/**
 * `scheduledFor` as stored: a calendar day as given, or an RFC 3339 date-time
 * turned into the UTC instant it names (the form every instant in the log
 * takes). Null when the value is neither, or names no real day or time.
 */
export function normaliseScheduledFor(value: string): string | null {
  if (isCalendarDate(value)) return value;
  const m = DATE_TIME.exec(value);
  if (!m || !isCalendarDate(m[1]!)) return null;
  const [h, min, sec] = [Number(m[2]), Number(m[3]), Number(m[4])];
  if (h > 23 || min > 59 || sec > 59) return null;
  if (m[7] !== undefined && (Number(m[7]) > 23 || Number(m[8]) > 59)) return null;
  const d = new Date(value.toUpperCase());
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** When a meeting is held, read in its own zone: a date-only schedule has no start time. */
export interface MeetingSchedule {
  /** The meeting's local day, YYYY-MM-DD. */
  date: string;
  /** The start as a UTC instant, or null when only the day was given. */
  startsAt: string | null;
  /** The start on the meeting's wall clock (HH:MM), or null. */
  startTime: string | null;
}

export function scheduleOf(scheduledFor: string, timeZone: string): MeetingSchedule {
  // Anything but an instant (a day, or whatever an old log holds) is shown as written rather than failing the view.
  if (!scheduledFor.includes('T') || Number.isNaN(new Date(scheduledFor).getTime()))
    return { date: scheduledFor, startsAt: null, startTime: null };
  // A forged log may pin a zone that does not exist: the verifier names it, and the views that show it must not fail.
  if (!isTimeZone(timeZone)) return { date: scheduledFor, startsAt: scheduledFor, startTime: null };
  return {
    date: localDate(scheduledFor, timeZone),
    startsAt: scheduledFor,
    startTime: localTime(scheduledFor, timeZone),
  };
}

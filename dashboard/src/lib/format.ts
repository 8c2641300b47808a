import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isTimeZone, localDate, zoneLabel } from '@tallyroom/contracts';

/** Numbers and dates in the reader's language, through Intl only. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return useMemo(() => {
    const num = new Intl.NumberFormat(lang);
    // A meeting's date is a calendar day, not an instant: format it in UTC so no time zone shifts it.
    const day = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
    // Instants are shown on the meeting's clock when a zone is given (a laptop abroad still shows Beijing time).
    const zoned = new Map<string, Intl.DateTimeFormat>();
    const inZone = (kind: 'time' | 'dateTime' | 'clock', timeZone: string | undefined) => {
      const key = `${kind} ${timeZone ?? ''}`;
      let fmt = zoned.get(key);
      if (!fmt) {
        const style: Intl.DateTimeFormatOptions =
          kind === 'time'
            ? { timeStyle: 'medium' }
            : kind === 'clock'
              ? { timeStyle: 'short' }
              : { dateStyle: 'medium', timeStyle: 'medium' };
        // A forged log may pin a zone that does not exist: show the reader's clock rather than fail the screen.
        fmt = new Intl.DateTimeFormat(lang, timeZone && isTimeZone(timeZone) ? { ...style, timeZone } : style);
        zoned.set(key, fmt);
      }
      return fmt;
    };
    const instant = (kind: 'time' | 'dateTime' | 'clock') => (iso: string, timeZone?: string) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : inZone(kind, timeZone).format(d);
    };
    return {
      lang,
      number: (n: number) => num.format(n),
      list: (items: readonly string[]) => joinNames(items, lang),
      /** A share as a branch writes it: 五分之四 in Chinese, 4/5 otherwise. */
      fraction: (n: number, d: number) => fraction(n, d, lang),
      day: (isoDay: string) => {
        const d = new Date(`${isoDay}T00:00:00Z`);
        return Number.isNaN(d.getTime()) ? isoDay : day.format(d);
      },
      time: instant('time'),
      dateTime: instant('dateTime'),
      /** Hours and minutes, e.g. a meeting's start. */
      clock: instant('clock'),
      /** A meeting's zone as its readers name it (北京时间 for Asia/Shanghai). */
      zone: (timeZone: string) => zoneLabel(timeZone, lang === 'en' ? 'en' : 'zh-CN'),
    };
  }, [lang]);
}

/** Today as YYYY-MM-DD on the calendar of a meeting's zone (the day P-10 compares), not the browser's. */
export function todayIn(timeZone: string): string {
  return localDate(new Date().toISOString(), timeZone);
}

/**
 * Server messages for CSV rows come as "english / 中文"; show the half in the
 * reader's language, or the whole text when it has no such split.
 */
export function pickBilingual(message: string, lang: string): string {
  const i = message.lastIndexOf(' / ');
  if (i < 0) return message;
  return lang.startsWith('zh') ? message.slice(i + 3) : message.slice(0, i);
}

const listFormats = new Map<string, Intl.ListFormat>();

/**
 * Names in a row. Chinese documents separate names with 、 throughout (张伟、李红、王芳), which
 * Intl.ListFormat does not do (it ends with 和); other languages get their usual "A, B and C".
 */
export function joinNames(items: readonly string[], lang: string): string {
  if (lang.startsWith('zh')) return items.join('、');
  let fmt = listFormats.get(lang);
  if (!fmt) {
    fmt = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' });
    listFormats.set(lang, fmt);
  }
  return fmt.format(items);
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cnSmall = (n: number) => (Number.isInteger(n) && n >= 0 && n <= 10 ? CN_DIGITS[n]! : String(n));

/** 4/5 as 五分之四 (the words of the rules), in other languages as 4/5. */
export function fraction(num: number, den: number, lang: string): string {
  return lang.startsWith('zh') ? `${cnSmall(den)}分之${cnSmall(num)}` : `${num}/${den}`;
}

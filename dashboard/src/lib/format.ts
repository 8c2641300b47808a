import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Numbers and dates in the reader's language, through Intl only. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return useMemo(() => {
    const num = new Intl.NumberFormat(lang);
    // A meeting's date is a calendar day, not an instant: format it in UTC so no time zone shifts it.
    const day = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
    const time = new Intl.DateTimeFormat(lang, { timeStyle: 'medium' });
    const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' });
    const list = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' });
    return {
      lang,
      number: (n: number) => num.format(n),
      list: (items: string[]) => list.format(items),
      day: (isoDay: string) => {
        const d = new Date(`${isoDay}T00:00:00Z`);
        return Number.isNaN(d.getTime()) ? isoDay : day.format(d);
      },
      time: (iso: string) => {
        const d = new Date(iso);
        return Number.isNaN(d.getTime()) ? iso : time.format(d);
      },
      dateTime: (iso: string) => {
        const d = new Date(iso);
        return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
      },
    };
  }, [lang]);
}

/** Today as YYYY-MM-DD in the local calendar. */
export function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
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

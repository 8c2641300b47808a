import { createContext } from 'react';
import type { DomainErrorBody, MeetingView } from '@tallyroom/contracts';
import { joinNames } from '../../lib/format';
import { memberNames } from '../../lib/members';
import { officeLabel } from '../meeting/office-label';

type Params = NonNullable<DomainErrorBody['params']>;
type T = (key: string, options?: Record<string, unknown>) => string;

/** The meeting a screen shows, so a refusal can name people and contests from it (null off a meeting's screens). */
export const RefusalView = createContext<MeetingView | null>(null);

/**
 * Names by id for a screen that shows no meeting (the 换届's process screen: its nominees), so a refusal there names
 * the person too.
 */
export const RefusalPeople = createContext<ReadonlyMap<string, string> | null>(null);

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

/** The placeholders a template uses, e.g. `{{name}}是监票人` → ['name']. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/**
 * A refusal's params as the words of a sentence: a member or candidate id becomes the person's name as the view
 * has it (the id when the view does not know it: a kiosk, an id not on the roll), a list of ids the names joined
 * with 、, a contest id the office it elects, a 换届 step its label (process.steps), a report to the upper
 * organisation what it is (process.approvals.kinds), a day a date, a number a number
 * in the reader's language. `people` names the ids a screen without a meeting knows (the process screen's nominees).
 */
export function refusalValues(
  params: Params,
  view: MeetingView | null,
  t: T,
  lang: string,
  people: ReadonlyMap<string, string> | null = null,
): Record<string, string> {
  const names = view ? memberNames(view) : new Map<string, string>();
  const person = (id: string) => names.get(id) ?? people?.get(id) ?? id;
  const contest = (id: string) => {
    const c = view?.contests.find((x) => x.contestId === id);
    return c ? officeLabel(t, c.office) : id;
  };
  const num = new Intl.NumberFormat(lang);
  const day = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
  const date = (iso: string) => {
    const d = new Date(`${iso}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? iso : day.format(d);
  };
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (key === 'memberId' || key === 'candidateId') {
      out['id'] = String(value);
      out['name'] = person(String(value));
    } else if (key === 'memberIds') {
      const ids = (value as readonly string[]).map(String);
      out['names'] = ids.length ? joinNames(ids.map(person), lang) : t('words.nobody');
    } else if (key === 'contestId') {
      out['contest'] = contest(String(value));
    } else if (key === 'committeeId') {
      out['committee'] = contest(String(value));
    } else if (key === 'ballotNos') {
      out['ballots'] = joinNames(
        (value as readonly number[]).map((n) => num.format(n)),
        lang,
      );
    } else if (key === 'step') {
      out['step'] = t(`process.steps.${String(value)}`, { defaultValue: String(value) });
    } else if (key === 'report') {
      out['report'] = t(`process.approvals.kinds.${String(value)}`, { defaultValue: String(value) });
    } else if (key === 'date' || key === 'until') {
      out[key] = date(String(value));
    } else if (typeof value === 'number') {
      out[key] = num.format(value);
    } else if (typeof value === 'string') {
      out[key] = value;
    }
  }
  return out;
}

/**
 * The input a field path points at, in words: `data.members.3.memberId` → 党员编号 (its last named step, looked up
 * under `words.field`). Nothing when there is no such word: a path is never shown.
 */
function fieldLabel(field: string | undefined, template: (key: string) => unknown): { field?: string } {
  const step = field
    ?.split('.')
    .filter((s) => s && !/^\d+$/.test(s))
    .pop();
  const label = step ? template(`words.field.${step}`) : undefined;
  return typeof label === 'string' ? { field: label } : {};
}

/**
 * What a refusal says to its reader: the sentence of `words.refusal.<CODE>` with the names and figures filled in
 * when the refusal carries them all, else the plain `errors.<CODE>`, else the generic text. Never the server's
 * English message, never a field path.
 */
export function refusalText(
  error: { code: string; params?: DomainErrorBody['params'] | undefined; field?: string | undefined },
  view: MeetingView | null,
  t: T,
  lang: string,
  template: (key: string) => unknown,
  people: ReadonlyMap<string, string> | null = null,
): { text: string; known: boolean } {
  const values = {
    ...(error.params ? refusalValues(error.params, view, t, lang, people) : {}),
    ...fieldLabel(error.field, template),
  };
  const key = `words.refusal.${error.code}`;
  const raw = template(key);
  if (typeof raw === 'string') {
    const wanted = placeholders(raw);
    if (wanted.length > 0 && wanted.every((p) => p in values)) return { text: t(key, values), known: true };
  }
  const plain = template(`errors.${error.code}`);
  if (typeof plain === 'string') return { text: t(`errors.${error.code}`), known: true };
  return { text: t('errors.generic'), known: false };
}

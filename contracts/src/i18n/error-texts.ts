import { ERROR_TEXTS_EN } from './error-texts-en.js';
import { ERROR_TEXTS_ZH } from './error-texts-zh-CN.js';

export { ERROR_TEXTS_EN, ERROR_TEXTS_ZH };

/** A refusal code's plain text for a reader, Chinese first: what an error body carries beside its code. */
export interface ErrorTexts {
  'zh-CN': string;
  en: string;
}

/** A refusal's params (errors.ts `RefusalParams`, not imported: errors.ts imports this module). */
type Params = Readonly<Record<string, unknown>>;

/** `{{name}}` filled from the refusal's params; undefined when one is missing (the caller falls back). */
function filled(text: string | undefined, params: Params | undefined): string | undefined {
  if (text === undefined) return undefined;
  let complete = true;
  const out = text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || Array.isArray(value)) complete = false;
    return String(value);
  });
  return complete ? out : undefined;
}

/**
 * The plain text of a refusal code in both languages: the table the dashboard's `errors.*` keys are loaded from, so
 * that a client reading the API alone (a script, curl) gets a reader's text too. A screen may say more where it can
 * name the person or the contest (`words.refusal.*`). An unknown code gets the generic text.
 */
export function errorTexts(code: string, params?: Params): ErrorTexts {
  const own = (table: Readonly<Record<string, string>>) => (Object.hasOwn(table, code) ? table[code] : undefined);
  return {
    'zh-CN': filled(own(ERROR_TEXTS_ZH), params) ?? ERROR_TEXTS_ZH.generic!,
    en: filled(own(ERROR_TEXTS_EN), params) ?? ERROR_TEXTS_EN.generic!,
  };
}

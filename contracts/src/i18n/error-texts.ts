import { ERROR_TEXTS_EN } from './error-texts-en.js';
import { ERROR_TEXTS_ZH } from './error-texts-zh-CN.js';

export { ERROR_TEXTS_EN, ERROR_TEXTS_ZH };

/** A refusal's text for its reader, Chinese first: what an error body carries beside its code. */
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
 * The text of a refusal code in both languages: the same table the dashboard says refusals with (its `errors.*`
 * keys), so that a client reading the API alone, a script or curl, reads what a screen shows. An unknown code gets
 * the generic text.
 */
export function errorTexts(code: string, params?: Params): ErrorTexts {
  return {
    'zh-CN': filled(ERROR_TEXTS_ZH[code], params) ?? ERROR_TEXTS_ZH.generic!,
    en: filled(ERROR_TEXTS_EN[code], params) ?? ERROR_TEXTS_EN.generic!,
  };
}

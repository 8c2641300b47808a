import i18next, { type BackendModule, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'tallyroom:lang';

/**
 * Each language is its own chunk: the main bundle carries no strings, a screen loads only the language it shows. The
 * refusal texts (`errors.*`) come from contracts, which the server's error bodies read as well.
 */
const withErrors = async (
  texts: Promise<{ default: Record<string, unknown> }>,
  errors: Promise<{ default: Readonly<Record<string, string>> }>,
): Promise<{ default: ResourceKey }> => {
  const [t, e] = await Promise.all([texts, errors]);
  return { default: { ...t.default, errors: e.default } };
};
const loaders: Record<Language, () => Promise<{ default: ResourceKey }>> = {
  'zh-CN': () => withErrors(import('../locales/zh-CN.json'), import('../locales/errors-zh-CN.js')),
  en: () => withErrors(import('../locales/en.json'), import('../locales/errors-en.js')),
};

const chunkBackend: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, _namespace, callback) {
    const load = loaders[language as Language];
    if (!load) {
      callback(null, {});
      return;
    }
    load().then(
      (m) => callback(null, m.default),
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), null),
    );
  },
};

/** `?lang=en` wins (handy for a projector link), then the last choice on this device, then Chinese. */
function initialLanguage(): Language {
  const fromQuery = new URLSearchParams(window.location.search).get('lang');
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(STORAGE_KEY);
  } catch {
    /* storage refused */
  }
  const wanted = fromQuery ?? stored;
  return (LANGUAGES as readonly string[]).includes(wanted ?? '') ? (wanted as Language) : 'zh-CN';
}

void i18next
  .use(chunkBackend)
  .use(initReactI18next)
  .init({
    lng: initialLanguage(),
    supportedLngs: [...LANGUAGES],
    fallbackLng: 'zh-CN',
    load: 'currentOnly',
    // React already escapes what it renders.
    interpolation: { escapeValue: false },
    returnNull: false,
    react: { useSuspense: true },
  });

document.documentElement.lang = i18next.language;
i18next.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    /* storage refused */
  }
});

export default i18next;

/**
 * The offices' names on paper and on the chair's script, one table for every document (the screens' own are in the
 * locales). An office typed in by the chair (CreateContest `office`) is printed as typed.
 */
const ZH: Record<string, string> = {
  'committee-member': '委员',
  member: '委员',
  secretary: '书记',
  'deputy-secretary': '副书记',
  director: '主任',
  'deputy-director': '副主任',
};
const EN: Record<string, string> = {
  'committee-member': 'Committee member',
  member: 'Member',
  secretary: 'Secretary',
  'deputy-secretary': 'Deputy secretary',
  director: 'Director',
  'deputy-director': 'Deputy director',
};

export const OFFICE_NAMES: Record<'zh-CN' | 'en', Readonly<Record<string, string>>> = { 'zh-CN': ZH, en: EN };

/** An office's name in a language: the table's, else the office as the chair typed it. */
export function officeName(office: string, lang: 'zh-CN' | 'en'): string {
  return OFFICE_NAMES[lang][office] ?? office;
}

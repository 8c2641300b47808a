/**
 * Issue 18, "words a branch uses": the screens speak the terms of the rules document (election-rules.md, BZ2020 §5,
 * the 4/5 seeds) and not words a party-affairs clerk would correct, every refusal that names a person or a contest
 * has a sentence for it in both languages, and the two locale files stay in step.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ERROR_TEXTS_EN, ERROR_TEXTS_ZH } from '@tallyroom/contracts';
import { describe, expect, it } from 'vitest';
import { ROOT, scanSources } from './source-scan.js';

type Tree = { [key: string]: string | Tree };
/** A language as the dashboard loads it: its locale file and, under `errors`, the refusal texts from contracts. */
const locale = (name: 'zh-CN' | 'en') =>
  ({
    ...(JSON.parse(readFileSync(path.join(ROOT, 'dashboard/src/locales', `${name}.json`), 'utf8')) as Tree),
    errors: { ...(name === 'zh-CN' ? ERROR_TEXTS_ZH : ERROR_TEXTS_EN) },
  }) as Tree;
const zh = locale('zh-CN');
const en = locale('en');

/** Every string of a locale with its dotted key. */
function strings(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : strings(v, `${prefix}${k}.`),
  );
}
const get = (tree: Tree, key: string) =>
  key.split('.').reduce<string | Tree | undefined>((t, k) => (typeof t === 'object' ? t[k] : undefined), tree);
/** i18next plural forms (quorumShort_one / quorumShort_other) count as their base key. */
const baseKey = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!).sort();

const zhStrings = strings(zh);
const enStrings = strings(en);

describe('the glossary of the rules document in every Chinese string', () => {
  // Each: a word that must not appear, and the term the rules document uses instead.
  const banned: [RegExp, string][] = [
    [/停止党籍权利/, '中止党员权利 (BZ2020 §5: 中止其表决权、选举权和被选举权等党员权利)'],
    [/权利中止/, '中止党员权利'],
    [/法定人数/, '会议有效 ("有选举权的到会党员超过应到会人数的五分之四，会议有效")'],
    [/可以开会/, '会议有效'],
    [/无效票/, '废票 (the screens and the report say the same)'],
    [/NDJSON/, '电子记录（供核验）'],
    [/现行解释/, '按现行规定'],
  ];
  it.each(banned)('no zh-CN string says %s (say %s)', (word) => {
    expect(zhStrings.filter(([, v]) => word.test(v)).map(([k, v]) => `${k}: ${v}`)).toEqual([]);
  });

  it('the ballot paper and the host script say 废票 too (their sentences live outside the locale files)', () => {
    for (const file of ['backend/src/documents/ballot-paper.ts', 'contracts/src/views/host-script.ts'])
      expect(readFileSync(path.join(ROOT, file), 'utf8'), file).not.toMatch(/无效票|法定人数|停止党籍权利/);
  });

  it('a member whose rights are suspended is shown as 中止党员权利', () => {
    expect(get(zh, 'memberStatus.rights-suspended')).toBe('中止党员权利');
    expect(get(zh, 'roll.formatHelp')).toContain('中止党员权利');
  });

  it('the meeting is 会议有效 in the words of the seeds, the 4/5 share written out', () => {
    expect(get(zh, 'words.quorum.metStrict')).toBe('有选举权的到会党员超过应到会人数的{{fraction}}，会议有效');
    expect(get(zh, 'attendance.quorumMet')).toContain('会议有效');
  });

  it('the machine log is offered as what it is: 电子记录（供核验）', () => {
    expect(get(zh, 'exports.log')).toBe('电子记录（供核验）');
  });

  it('the status line every member sees shows no revision number (第 N 版)', () => {
    for (const [k, v] of strings(zh.status as Tree, 'status.')) expect(v, k).not.toMatch(/版|revision/);
    for (const [k, v] of strings(en.status as Tree, 'status.')) expect(v, k).not.toMatch(/revision/i);
  });

  it('no screen counts 第 N 版: a log line or the replay names the record (第 N 条记录) of the electronic record', () => {
    expect(zhStrings.filter(([, v]) => /第\s*\{\{\s*\w+\s*\}\}\s*版/.test(v)).map(([k]) => k)).toEqual([]);
    expect(get(zh, 'replay.cursor')).toMatch(/条记录/);
  });

  it('no ruleset name shows its code (cpc-branch) to a reader', () => {
    for (const [k, v] of zhStrings.filter(([k]) => /^rulesets\.[^.]+\.name$/.test(k)))
      expect(v, k).not.toMatch(/[a-z]-[a-z]/);
  });
});

describe('refusals that name people, contests and figures', () => {
  const codes = new Set(scanSources(['contracts/src', 'backend/src']).codes.map((c) => c.code));
  const zhRefusals = strings(get(zh, 'words.refusal') as Tree);
  const enRefusals = strings(get(en, 'words.refusal') as Tree);
  // What the dashboard makes of a refusal's params (components/ui/refusal-text.ts) and the numbers it passes through.
  const values = new Set([
    'name',
    'id',
    'names',
    'contest',
    'committee',
    'ballots',
    'step',
    'report',
    'date',
    'until',
    'field',
    // A string param passes through as sent: a 批复's 文号.
    'reference',
  ]);
  const numbers = new Set([
    'present',
    'required',
    'expected',
    'seats',
    'min',
    'count',
    'entered',
    'returned',
    'days',
    'round',
    'ballotNo',
  ]);

  it('has a sentence for codes the server sends, and each code a plain text too', () => {
    expect(zhRefusals.length).toBeGreaterThanOrEqual(40);
    for (const [code] of zhRefusals) {
      expect(codes.has(code), `${code} is thrown somewhere`).toBe(true);
      expect(get(zh, `errors.${code}`), code).toEqual(expect.any(String));
    }
  });

  it('every sentence exists in both languages with the same placeholders, all of them ones a refusal can fill', () => {
    expect(enRefusals.map(([k]) => k)).toEqual(zhRefusals.map(([k]) => k));
    for (const [code, text] of zhRefusals) {
      const ps = placeholders(text);
      expect(ps.length, `${code} names something`).toBeGreaterThan(0);
      expect(placeholders(get(en, `words.refusal.${code}`) as string), code).toEqual(ps);
      for (const p of ps) expect(values.has(p) || numbers.has(p), `${code}: {{${p}}}`).toBe(true);
    }
  });

  it('no sentence shows a field path or an English word in Chinese', () => {
    for (const [code, text] of zhRefusals) {
      const bare = text.replace(/\{\{[^}]+\}\}/g, '');
      expect(bare, code).not.toMatch(/data\.|[A-Za-z]{2,}/);
    }
  });
});

describe('en.json in step with zh-CN.json', () => {
  it('has the same keys (plural forms count as their base key)', () => {
    const zhKeys = new Set(zhStrings.map(([k]) => baseKey(k)));
    const enKeys = new Set(enStrings.map(([k]) => baseKey(k)));
    expect(
      [...zhKeys].filter((k) => !enKeys.has(k)),
      'missing in en.json',
    ).toEqual([]);
    expect(
      [...enKeys].filter((k) => !zhKeys.has(k)),
      'missing in zh-CN.json',
    ).toEqual([]);
  });

  it('every text uses the same placeholders in both languages', () => {
    const enByKey = new Map<string, Set<string>>();
    for (const [k, v] of enStrings) {
      const set = enByKey.get(baseKey(k)) ?? new Set<string>();
      for (const p of placeholders(v)) set.add(p);
      enByKey.set(baseKey(k), set);
    }
    const differ: string[] = [];
    for (const [k, v] of zhStrings) {
      const enPs = enByKey.get(baseKey(k));
      // A Chinese text may leave out the count that only picks the English plural form.
      const zhPs = placeholders(v).filter((p) => p !== 'count' || enPs?.has('count'));
      if (enPs && zhPs.some((p) => !enPs.has(p))) differ.push(`${k}: ${zhPs.join(',')} vs ${[...enPs].join(',')}`);
    }
    expect(differ).toEqual([]);
  });
});

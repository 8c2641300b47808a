/**
 * docs/rules.md cannot fall behind the code: every rule id the code cites is
 * explained there, in its section (not in the list of ids not enforced yet).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, ruleIdsAnywhere, scanSources } from './source-scan';

const doc = readFileSync(path.join(ROOT, 'docs/rules.md'), 'utf8');
const NOT_YET = '## Not enforced by the code yet';
const rowIds = (text: string) => new Set([...text.matchAll(/^\| ([PVRNG]-\d\d) \| \S/gm)].map((m) => m[1]!));
const explained = rowIds(doc.slice(0, doc.indexOf(NOT_YET)));
const notYet = rowIds(doc.slice(doc.indexOf(NOT_YET)));

describe('docs/rules.md', () => {
  it('has the sections this check reads', () => {
    expect(doc.indexOf(NOT_YET)).toBeGreaterThan(0);
    expect(explained.size).toBeGreaterThanOrEqual(30);
  });

  it('explains every rule id a refusal, a void round or a ruleset in contracts/src cites', () => {
    const cited = scanSources(['contracts/src']).ruleIds;
    expect(cited.map((c) => c.code)).toEqual(expect.arrayContaining(['P-05', 'P-24', 'V-06']));
    const missing = [...new Set(cited.filter((c) => !explained.has(c.code)).map((c) => `${c.code} (${c.file}:${c.line})`))];
    expect(missing).toEqual([]);
  });

  it('explains every rule id written anywhere in the code, comments and tests included', () => {
    const used = ruleIdsAnywhere(['contracts', 'backend', 'dashboard', 'test']);
    const missing = [...used].filter(([id]) => !explained.has(id)).map(([id, file]) => `${id} (${file})`);
    expect(missing).toEqual([]);
  });

  it('lists an id once: either explained or not enforced yet', () => {
    expect([...explained].filter((id) => notYet.has(id))).toEqual([]);
  });
});

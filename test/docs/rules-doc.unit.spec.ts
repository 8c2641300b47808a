/**
 * docs/rules.md cannot fall behind the code: every rule id the code cites is
 * explained there, in its section (not in the list of ids not enforced yet).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, ruleIdsAnywhere, scanSources, sourceFiles } from './source-scan.js';

const doc = readFileSync(path.join(ROOT, 'docs/rules.md'), 'utf8');
const NOT_YET = '## Not enforced by the code yet';
const rowIds = (text: string) =>
  new Set([...text.matchAll(/^\| ((?:PG|[PVRNGA])-\d\d[a-z]?) \| \S/gm)].map((m) => m[1]!));
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
    const missing = [
      ...new Set(cited.filter((c) => !explained.has(c.code)).map((c) => `${c.code} (${c.file}:${c.line})`)),
    ];
    expect(missing).toEqual([]);
  });

  it('explains every rule id written anywhere in the code, comments and tests included', () => {
    const used = ruleIdsAnywhere(['contracts', 'backend', 'dashboard', 'test']);
    const missing = [...used].filter(([id]) => !explained.has(id)).map(([id, file]) => `${id} (${file})`);
    expect(missing).toEqual([]);
  });

  it('names every code a rule refusal in contracts/src throws, so a refusal can be looked up', () => {
    // refuse.rule(rule, 'CODE', …) and new DomainError('rule', 'CODE', …): the refusals that cite a rule.
    const thrown = new Set<string>();
    for (const file of sourceFiles(['contracts/src']).filter(
      (f) => !f.includes('.spec.') && !f.includes('/testing/'),
    )) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/refuse\.rule\(\s*[^,]+,\s*'([A-Z_]+)'/g)) thrown.add(m[1]!);
      for (const m of text.matchAll(/new DomainError\(\s*'rule',\s*'([A-Z_]+)'/g)) thrown.add(m[1]!);
    }
    expect([...thrown]).toEqual(expect.arrayContaining(['QUORUM_NOT_MET', 'TOO_FEW_TELLERS', 'BALLOTS_UNRESOLVED']));
    expect([...thrown].filter((code) => !doc.includes(`\`${code}\``)).sort()).toEqual([]);
  });

  it('lists an id once: either explained or not enforced yet', () => {
    expect([...explained].filter((id) => notYet.has(id))).toEqual([]);
  });
});

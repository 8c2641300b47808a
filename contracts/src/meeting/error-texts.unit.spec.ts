/**
 * Every refusal the decider can give reaches the screen as a text in both
 * languages: each code written in the decider's sources has an entry under
 * `errors.<CODE>` in both dashboard locales.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const locales = path.resolve(here, '../../../dashboard/src/locales');

/** Codes as the decider writes them: refuse.rule('P-xx', 'CODE' …), refuse.invalid(field, 'CODE' …), new DomainError(kind, 'CODE' …). */
function deciderCodes(): string[] {
  const codes = new Set<string>();
  for (const file of readdirSync(here).filter((f) => f.endsWith('.ts') && !f.includes('.spec.'))) {
    const src = readFileSync(path.join(here, file), 'utf8');
    for (const m of src.matchAll(/(?:refuse\.(?:rule|invalid|notFound)\([^,]+,\s*|refuse\.conflict\(\s*|new DomainError\([^,]+,\s*)'([A-Z][A-Z0-9_]+)'/g)) codes.add(m[1]!);
  }
  return [...codes].sort();
}

describe('error texts', () => {
  const codes = deciderCodes();

  it('finds the decider\'s codes (the scan itself works)', () => {
    expect(codes).toEqual(expect.arrayContaining(['QUORUM_NOT_MET', 'RESULT_DECLARED', 'TOO_FEW_TELLERS', 'ROLL_FROZEN', 'BALLOTS_UNACCOUNTED']));
  });

  it.each(['zh-CN', 'en'])('every decider code has a text in %s', (locale) => {
    const texts = (JSON.parse(readFileSync(path.join(locales, `${locale}.json`), 'utf8')) as { errors: Record<string, string> }).errors;
    expect(codes.filter((c) => typeof texts[c] !== 'string' || texts[c]!.length === 0)).toEqual([]);
  });
});

/**
 * Every refusal the decider or the server can send reaches a reader as a text
 * in their language (issue 16: "Every refusal has a code and text in both
 * locales"). The codes are read from the sources, so a new code without texts
 * fails here.
 */
import { ERROR_TEXTS_EN, ERROR_TEXTS_ZH } from '@tallyroom/contracts';
import { describe, expect, it } from 'vitest';
import { scanSources } from './source-scan.js';

const scan = scanSources(['contracts/src', 'backend/src']);
const codes = [...new Set(scan.codes.map((c) => c.code))].sort();
const where = (code: string) => scan.codes.filter((c) => c.code === code).map((c) => `${c.file}:${c.line}`)[0];

// The refusal texts: one table in contracts, read by the server's error bodies and loaded by the dashboard.
const zh: Readonly<Record<string, unknown>> = ERROR_TEXTS_ZH;
const en: Readonly<Record<string, unknown>> = ERROR_TEXTS_EN;
const CJK = /[\u3400-\u9fff]/;

describe('error texts in both locales', () => {
  it('the collector finds the refusals (it cannot silently find nothing)', () => {
    expect(codes).toEqual(
      expect.arrayContaining([
        'QUORUM_NOT_MET',
        'DIFFERENTIAL_NOT_MET',
        'ROLL_FROZEN',
        'ALREADY_DECLARED',
        'UNKNOWN_MEETING',
        'STALE_REVISION',
        'INVALID_URL',
      ]),
    );
    expect(codes.length).toBeGreaterThanOrEqual(60);
  });

  it('every refusal code is a literal where it is thrown, so this check sees it', () => {
    expect(scan.nonLiteral).toEqual([]);
  });

  it('every code has a zh-CN text with Chinese characters', () => {
    const missing = codes
      .filter((c) => typeof zh[c] !== 'string' || !CJK.test(zh[c] as string))
      .map((c) => `${c} (${where(c)})`);
    expect(missing).toEqual([]);
  });

  it('every code has a non-empty en text', () => {
    const missing = codes
      .filter((c) => typeof en[c] !== 'string' || !(en[c] as string).trim())
      .map((c) => `${c} (${where(c)})`);
    expect(missing).toEqual([]);
  });

  it("the dashboard's own codes and the fallback have texts too", () => {
    for (const c of ['NETWORK', 'UNKNOWN', 'HTTP_ERROR', 'generic']) {
      expect(zh[c], c).toMatch(CJK);
      expect(en[c], c).toMatch(/\S/);
    }
  });
});

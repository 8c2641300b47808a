import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical.js';
import { GENESIS_HASH, hashEvent } from './chain.js';
import { nativeSha256Hex, nobleSha256Hex, sha256Hex } from './sha256.js';

// The reference implementation the chain used before; the fast path must agree with it byte for byte.
const canonicalize = createRequire(import.meta.url)('canonicalize') as (input: unknown) => string | undefined;

/** JSON values as events may carry them: safe integers only, any strings (lone surrogates and all). */
const portable = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'grapheme' }),
    fc.maxSafeInteger(),
    fc.integer({ min: -1000, max: 1000 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.string({ unit: 'binary' }), tie('value'), { maxKeys: 6 }),
    // More keys than the in-place insertion sort takes (16) and fewer, with shared prefixes.
    fc.dictionary(
      fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'é', '\u{1F600}', '\uD800'), maxLength: 3 }),
      tie('value'),
      { minKeys: 10, maxKeys: 24 },
    ),
  ),
})).value;

describe('canonical JSON', () => {
  it('is byte-identical to the canonicalize package on portable values', () => {
    fc.assert(
      fc.property(portable, (v) => {
        expect(canonicalJson(v, 'v')).toBe(canonicalize(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('drops undefined members as JCS does, and sorts keys by UTF-16 code units', () => {
    const v = { b: 1, a: undefined, é: 'x', Z: [true, null], '\u{1F600}': 2, ｆ: 3 };
    expect(canonicalJson(v, 'v')).toBe(canonicalize(v));
    expect(canonicalJson(-0, 'v')).toBe('0');
  });

  it('names the path of what it refuses', () => {
    expect(() => canonicalJson({ a: [1, { b: 0.5 }] }, 'event.data')).toThrow(
      'event.data.a[1].b: 0.5 is not a safe integer',
    );
    expect(() => canonicalJson({ m: new Map() }, 'x')).toThrow('x.m: only plain objects are allowed, found Map');
    expect(() => canonicalJson(Object.create(null) as object, 'x')).not.toThrow();
    expect(() => canonicalJson({ list: [[1], [2, undefined]] }, 'event.data')).toThrow(
      'event.data.list[1][1]: undefined is not allowed in an array',
    );
    expect(() => canonicalJson([{ f: () => 1 }], 'v')).toThrow('v[0].f: a function cannot be stored in an event');
    expect(() => canonicalJson(2.5, 'event.data')).toThrow('event.data: 2.5 is not a safe integer');
  });
});

describe('SHA-256 implementations', () => {
  it("Node's native hash and the pure-JS one agree, and the chain uses the native one under Node", () => {
    const native = nativeSha256Hex();
    expect(native).toBeDefined();
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(native!(s)).toBe(nobleSha256Hex(s));
      }),
      { numRuns: 500 },
    );
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashEvent equals the reference rule: SHA-256(prevHash + canonicalize(envelope without hash))', () => {
    fc.assert(
      fc.property(portable, fc.string(), (data, type) => {
        const metadata = {
          meetingId: 'm1',
          revision: 0,
          recordedAt: '2026-11-24T09:00:00.000Z',
          actor: { role: 'chair', id: 'c' },
          commandId: 'x',
          prevHash: GENESIS_HASH,
        };
        const expected = nobleSha256Hex(GENESIS_HASH + canonicalize({ type, data, metadata })!);
        expect(hashEvent({ type, data, metadata: { ...metadata, hash: 'ignored' } as typeof metadata })).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

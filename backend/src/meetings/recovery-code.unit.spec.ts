import { describe, expect, it } from 'vitest';
import { newRecoveryCode, normaliseRecoveryCode, recoveryCodeHash } from './recovery-code.js';

describe('recovery codes', () => {
  it('are 20 characters of Crockford base32 in groups of four, different each time', () => {
    const a = newRecoveryCode();
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    expect(newRecoveryCode()).not.toBe(a);
  });

  it('are read back from paper whatever the case, spaces and hyphens, O as 0 and I or L as 1', () => {
    expect(normaliseRecoveryCode(' 7kqm 3xwp－9trd-vh2c-m4nb ')).toBe('7KQM3XWP9TRDVH2CM4NB');
    expect(normaliseRecoveryCode('O1IL-0000-0000-0000-0000')).toBe('01110000000000000000');
  });

  it('refuse what cannot be a code', () => {
    expect(normaliseRecoveryCode('7KQM-3XWP-9TRD-VH2C')).toBeNull();
    expect(normaliseRecoveryCode('7KQM-3XWP-9TRD-VH2C-M4NU')).toBeNull();
    expect(normaliseRecoveryCode('')).toBeNull();
  });

  it('are kept as a hash salted with the meeting: the same code hashes alike typed any way, differently elsewhere', () => {
    const h = recoveryCodeHash('m1', '7KQM-3XWP-9TRD-VH2C-M4NB');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(recoveryCodeHash('m1', '7kqm3xwp9trdvh2cm4nb')).toBe(h);
    expect(recoveryCodeHash('m2', '7KQM-3XWP-9TRD-VH2C-M4NB')).not.toBe(h);
  });
});

import { describe, expect, it } from 'vitest';
import { acceptedVenueWindows, meetingVenueKey, venueCode, venueWindowAt } from './venue-code.js';

describe('venueCode (P-05)', () => {
  // RFC 6238 appendix B, HMAC-SHA256 (8 digits there; the last six are the same truncation mod 10^6).
  const key = '12345678901234567890123456789012';
  it.each([
    [59, '119246'],
    [1111111109, '084774'],
    [1111111111, '062674'],
    [1234567890, '819424'],
    [2000000000, '698825'],
    [20000000000, '737706'],
  ])('at Unix time %i gives RFC 6238 SHA-256 digits %s', (seconds, digits) => {
    expect(venueCode(key, venueWindowAt(seconds * 1000))).toBe(digits);
  });

  it('has windows of 30 s, and accepts the current one and the one before', () => {
    expect(venueWindowAt('2026-11-24T09:00:00.000Z')).toBe(59850360);
    expect(venueWindowAt('2026-11-24T09:00:29.999Z')).toBe(59850360);
    expect(venueWindowAt('2026-11-24T09:00:30.000Z')).toBe(59850361);
    expect(acceptedVenueWindows('2026-11-24T09:00:30.000Z')).toEqual([59850361, 59850360]);
  });

  it('derives a different key per meeting from one secret, and six digits always', () => {
    const a = meetingVenueKey('deployment secret', 'm1');
    const b = meetingVenueKey('deployment secret', 'm2');
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(a.length).toBe(32);
    for (let w = 0; w < 200; w++) expect(venueCode(a, w)).toMatch(/^\d{6}$/);
  });
});

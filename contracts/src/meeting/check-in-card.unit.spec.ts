import { describe, expect, it } from 'vitest';
import { checkInCardCode, checkInCardMember } from './check-in-card.js';
import { meetingVenueKey } from './venue-code.js';

const key = meetingVenueKey('deployment secret', 'meeting-a');
const other = meetingVenueKey('deployment secret', 'meeting-b');

describe("P-05: a member's check-in card names the member, and only this meeting's server could print it", () => {
  it('reads back the member it was printed for, Chinese and odd ids included', () => {
    for (const memberId of ['m01', '党员-007', 'a:b c'])
      expect(checkInCardMember(key, checkInCardCode(key, memberId))).toBe(memberId);
  });

  it('carries the prefix, the member and a 16-hex-digit mac, and is the same every time it is printed', () => {
    expect(checkInCardCode(key, 'm01')).toMatch(/^TR-CARD:m01:[0-9a-f]{16}$/);
    expect(checkInCardCode(key, 'm01')).toBe(checkInCardCode(key, 'm01'));
  });

  it("refuses another meeting's card, an altered member, an altered mac and anything else", () => {
    const card = checkInCardCode(key, 'm01');
    const mac = card.slice(-16);
    const flipped = `${mac.slice(0, 15)}${mac[15] === '0' ? '1' : '0'}`;
    expect(checkInCardMember(other, card)).toBeNull();
    expect(checkInCardMember(key, card.replace(':m01:', ':m02:'))).toBeNull();
    expect(checkInCardMember(key, card.replace(mac, flipped))).toBeNull();
    expect(checkInCardMember(key, 'm01')).toBeNull();
    expect(checkInCardMember(key, `${card}x`)).toBeNull();
  });

  it('accepts what a scanner typed with spaces around it', () => {
    expect(checkInCardMember(key, `  ${checkInCardCode(key, 'm01')}\n`)).toBe('m01');
  });
});

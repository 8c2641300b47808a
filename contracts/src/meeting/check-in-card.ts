/**
 * A member's check-in card (签到卡, issue 20 point 3) for the kiosk: `TR-CARD:<memberId>:<mac>`, the mac an
 * HMAC-SHA256 under the meeting's venue key (meetingVenueKey), cut to 16 hex digits. The card names the member and
 * proves that the meeting's server printed it, and nothing more: it is no credential (it opens no screen and casts
 * nothing), so the sheet can be printed again at will and needs no event. The kiosk accepts it (P-05: presence
 * shown in the room), the desk checks in against the paper register.
 *
 * Pure and browser-safe (@noble/hashes, as the venue code).
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export const CHECK_IN_CARD_PREFIX = 'TR-CARD';
const MAC_HEX = 16;
const CARD = new RegExp(`^${CHECK_IN_CARD_PREFIX}:([^:\\s]{1,200}):([0-9a-f]{${MAC_HEX}})$`);

function cardMac(venueKey: Uint8Array, memberId: string): string {
  // Domain-separated from the venue code, which MACs an 8-byte counter under the same key.
  return bytesToHex(hmac(sha256, venueKey, utf8ToBytes(`check-in-card\u0000${memberId}`))).slice(0, MAC_HEX);
}

/** What a member's card carries (its QR). */
export function checkInCardCode(venueKey: Uint8Array, memberId: string): string {
  return `${CHECK_IN_CARD_PREFIX}:${encodeURIComponent(memberId)}:${cardMac(venueKey, memberId)}`;
}

/** The member a card read at the kiosk names, or null when it is no card of this meeting (or was altered). */
export function checkInCardMember(venueKey: Uint8Array, read: string): string | null {
  const m = CARD.exec(read.trim());
  if (!m) return null;
  let memberId: string;
  try {
    memberId = decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
  const expected = cardMac(venueKey, memberId);
  // Compared in full whatever the first difference, so timing does not reveal how much of a guess was right.
  let diff = 0;
  for (let i = 0; i < MAC_HEX; i++) diff |= expected.charCodeAt(i) ^ m[2]!.charCodeAt(i);
  return diff === 0 ? memberId : null;
}

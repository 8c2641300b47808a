/**
 * The venue code: six digits the projector and the kiosk show in the hall, new
 * every 30 s, that a member's own phone must send to check in (P-05: presence
 * is proven in the room). HOTP (RFC 4226) with HMAC-SHA256 over the window
 * index: a window is 30 s of Unix time, and the current and the previous window
 * are accepted, so a code read at the last second still works.
 *
 * The key is the meeting's, derived by the backend from its deployment secret
 * (meetingVenueKey) and never written to the log: exports are public. The log
 * records only which window matched (MemberCheckedIn.venueWindow), which the
 * verifier checks against the event's time without the key.
 *
 * Pure and browser-safe (@noble/hashes, as the chain): no node:crypto.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

export const VENUE_WINDOW_MS = 30_000;
export const VENUE_CODE_DIGITS = 6;
/** Six digits, nothing else: what a member types or the wall's QR carries. */
export const VENUE_CODE_PATTERN = /^\d{6}$/;

/** The window an instant (ISO string or epoch ms) falls in. */
export function venueWindowAt(now: string | number): number {
  const ms = typeof now === 'number' ? now : Date.parse(now);
  return Math.floor(ms / VENUE_WINDOW_MS);
}

/** The windows whose codes are accepted at `now`: the current one, then the previous one. */
export function acceptedVenueWindows(now: string | number): [number, number] {
  const w = venueWindowAt(now);
  return [w, w - 1];
}

/** The counter as 8 bytes, big-endian (RFC 4226 §5.2). */
function counterBytes(windowIndex: number): Uint8Array {
  const out = new Uint8Array(8);
  let n = windowIndex;
  for (let i = 7; i >= 0; i--) {
    out[i] = n % 256;
    n = Math.floor(n / 256);
  }
  return out;
}

/** The six digits of `key`'s window `windowIndex`: HMAC-SHA256, dynamic truncation (RFC 4226 §5.3). */
export function venueCode(key: Uint8Array | string, windowIndex: number): string {
  if (!Number.isSafeInteger(windowIndex) || windowIndex < 0) throw new RangeError(`bad window ${windowIndex}`);
  const k = typeof key === 'string' ? utf8ToBytes(key) : key;
  const mac = hmac(sha256, k, counterBytes(windowIndex));
  const offset = mac[mac.length - 1]! & 0x0f;
  const bin = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(bin % 10 ** VENUE_CODE_DIGITS).padStart(VENUE_CODE_DIGITS, '0');
}

/** A meeting's venue key: HMAC-SHA256(deployment secret, meetingId). The backend holds the secret. */
export function meetingVenueKey(secret: Uint8Array | string, meetingId: string): Uint8Array {
  return hmac(sha256, typeof secret === 'string' ? utf8ToBytes(secret) : secret, utf8ToBytes(meetingId));
}

/** A code the backend accepts now, with its window, as it passes them to decide(). */
export interface VenueCodeOfWindow {
  window: number;
  code: string;
}

/** The codes accepted at `now`, current window first. */
export function acceptedVenueCodes(key: Uint8Array, now: string | number): VenueCodeOfWindow[] {
  return acceptedVenueWindows(now).map((window) => ({ window, code: venueCode(key, window) }));
}

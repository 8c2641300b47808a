import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CredentialState, MeetingState, Role } from '@tallyroom/contracts';

/** 192 random bits; only the SHA-256 of a token is ever stored, in the meeting's log. */
export function newToken(): string {
  return `tr_${randomBytes(24).toString('base64url')}`;
}

export const newId = (bytes = 8) => randomBytes(bytes).toString('hex');

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** Each credential's stored hash as bytes, decoded once rather than on every request it could match. */
const hashBytes = new WeakMap<CredentialState, Buffer>();
function bytesOf(c: CredentialState): Buffer {
  let b = hashBytes.get(c);
  if (!b) { b = Buffer.from(c.tokenHash, 'hex'); hashBytes.set(c, b); }
  return b;
}

export function findCredential(s: MeetingState, token: string): CredentialState | undefined {
  const wanted = createHash('sha256').update(token, 'utf8').digest();
  for (const c of s.credentials.values()) {
    if (!c.revoked && timingSafeEqual(bytesOf(c), wanted)) return c;
  }
  return undefined;
}

/** The dashboard route for a role; the token travels in the fragment so it never reaches server logs or Referer headers. */
export function linkFor(meetingId: string, role: Role, token: string, base = ''): string {
  return `${base}/m/${encodeURIComponent(meetingId)}/${role}#t=${token}`;
}

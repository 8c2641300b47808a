import { hash, randomBytes } from 'node:crypto';
import type { CredentialState, MeetingState, Role } from '@tallyroom/contracts';

/** How every meeting and 换届 token begins (an organisation's begins `o.`, organisation-access.ts). */
export const MEETING_TOKEN_PREFIX = 'tr_';

/** 192 random bits; only the SHA-256 of a token is ever stored, in the meeting's log. */
export function newToken(): string {
  return `${MEETING_TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
}

export const newId = (bytes = 8) => randomBytes(bytes).toString('hex');

/** One-shot hashing (Node ≥ 20.12): no Hash object per request. */
export const hashToken = (token: string): string => hash('sha256', token, 'hex');

/**
 * Each credentials map indexed by token hash, rebuilt when a credential is
 * issued. Looking a SHA-256 of a 192-bit random token up in a Map leaks
 * nothing a timing attacker could use: finding a hash that collides on a
 * prefix does not bring them nearer to a token.
 */
const indexes = new WeakMap<Map<string, CredentialState>, { size: number; byHash: Map<string, CredentialState> }>();

export function findCredential(s: MeetingState, token: string): CredentialState | undefined {
  let index = indexes.get(s.credentials);
  if (!index || index.size !== s.credentials.size) {
    index = { size: s.credentials.size, byHash: new Map([...s.credentials.values()].map((c) => [c.tokenHash, c])) };
    indexes.set(s.credentials, index);
  }
  const c = index.byHash.get(hashToken(token));
  // Revocation flips the flag on the same object; a credential replaced under its id is the map's, not the index's.
  return c && !c.revoked && s.credentials.get(c.credentialId) === c ? c : undefined;
}

/** The dashboard route for a role; the token travels in the fragment so it never reaches server logs or Referer headers. */
export function linkFor(meetingId: string, role: Role, token: string, base = ''): string {
  return `${base}/m/${encodeURIComponent(meetingId)}/${role}#t=${token}`;
}

/**
 * The token a member's printed card carries, from what the kiosk read: the card's QR is the member's link
 * (…/member#t=<token>), and a USB scanner types it as it is; a bare token is taken too. null: nothing token-shaped.
 */
export function cardToken(read: string): string | null {
  const text = read.trim();
  const inLink = /[#&?]t=([A-Za-z0-9_-]{8,200})(?:[&\s]|$)/.exec(text);
  if (inLink) return inLink[1]!;
  return /^tr_[A-Za-z0-9_-]{8,200}$/.test(text) ? text : null;
}

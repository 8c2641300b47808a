import { COMMAND_ROLES, DomainError, READS_AFTER_CLOSE, mayQuery, type Query, type Role } from '@tallyroom/contracts';
import type { Actor } from './command.service.js';
import { findCredential } from './credentials.js';
import type { MeetingHandle } from './meeting-handle.js';

export function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m?.[1];
}

/** 401 without a valid credential of this meeting; the credential's role and member otherwise. */
export function authenticate(h: MeetingHandle, token: string | undefined): Actor & { credentialId: string } {
  if (!token) throw new DomainError('unauthenticated', 'UNAUTHENTICATED', 'a credential is required: Authorization: Bearer <token>');
  const c = findCredential(h.state, token);
  if (!c) throw new DomainError('unauthenticated', 'UNAUTHENTICATED', 'the credential is unknown or revoked');
  return { role: c.role, id: c.credentialId, credentialId: c.credentialId, memberId: c.memberId };
}

export function authorizeQuery(h: MeetingHandle, actor: Actor, q: Query) {
  if (actor.role === 'system') return;
  if (!mayQuery(actor.role, q)) throw new DomainError('forbidden', 'FORBIDDEN', `role ${actor.role} may not read ${q}`);
  if (h.state.closed && !READS_AFTER_CLOSE.includes(actor.role)) throw new DomainError('forbidden', 'MEETING_CLOSED', 'the meeting is closed; this credential no longer reads it');
}

/** Closed meetings accept only the chair's record of the higher organisation's approval (P-31). */
export function authorizeAfterClose(h: MeetingHandle, actor: Actor, type: unknown) {
  if (h.state.closed && !(actor.role === 'chair' && type === 'RecordApproval')) {
    throw new DomainError('forbidden', 'MEETING_CLOSED', 'the meeting is closed; this credential can no longer send commands');
  }
}

const isTableCommand = (type: unknown): type is keyof typeof COMMAND_ROLES =>
  typeof type === 'string' && Object.hasOwn(COMMAND_ROLES, type);

/**
 * The door of every write, before the body is looked at: a role outside the
 * table gets 403 whether or not its command would have parsed, so a refusal
 * tells nothing about the command's validity. `via` is the route: a credential
 * is minted only by POST /credentials, where the server draws the token, never
 * from a tokenHash the caller chose.
 */
export function authorizeCommand(h: MeetingHandle, actor: Actor, type: unknown, via: 'commands' | 'credentials' | 'roll' = 'commands') {
  if (actor.role !== 'system' && isTableCommand(type) && !COMMAND_ROLES[type].includes(actor.role as Role)) {
    throw new DomainError('forbidden', 'FORBIDDEN', `role ${actor.role} may not send ${type}`);
  }
  authorizeAfterClose(h, actor, type);
  if (via === 'commands' && type === 'IssueCredential') {
    throw new DomainError('validation', 'USE_POST_CREDENTIALS', 'credentials are minted with POST /api/meetings/:id/credentials, which draws the token', { field: 'type' });
  }
}

import { DomainError, type ElectionActorRole, type ElectionState } from '@tallyroom/contracts';
import { hashToken } from '../meetings/credentials.js';
import { isOrgToken, type OrganisationAccess } from '../organisations/organisation-access.js';

export interface ElectionCaller {
  role: ElectionActorRole;
  id: string;
}

/** Whose token this is in the election (the log keeps only hashes); null for a token it never issued. */
export function electionCaller(s: ElectionState, token: string): ElectionCaller | null {
  const hash = hashToken(token);
  const c = Object.values(s.credentials).find((x) => x.tokenHash === hash);
  return c ? { role: c.role, id: c.credentialId } : null;
}

/**
 * Who a token is on this 换届: one of its own credentials, or an organisation credential (`o.<id>.<secret>`) of the
 * election's organisation or one above it, acting in its org role (the approver's id is its credential id, which the
 * event's actor records). 401 for an unknown token, 403 OUTSIDE_ORGANISATION for another organisation's 换届.
 */
export async function electionCallerOf(
  s: ElectionState,
  token: string,
  organisations: OrganisationAccess,
  address: string,
): Promise<ElectionCaller | null> {
  if (!isOrgToken(token)) return electionCaller(s, token);
  const caller = await organisations.caller(token, address);
  if (caller.kind !== 'organisation') return null;
  if (s.organisationId === null || !(await organisations.covers(caller, s.organisationId)))
    throw new DomainError(
      'forbidden',
      'OUTSIDE_ORGANISATION',
      `election ${s.electionId} is not under this credential's organisation`,
    );
  return { role: caller.role, id: caller.credentialId };
}

/**
 * Officers hold the pen (P-16, P-17): a teller or scrutineer credential is bound to one officer of the current
 * AppointOfficers, the scrutineer by member id and the teller by the name as appointed. The decider mints and
 * revokes by these; the views and the report name an entry's or a correction's officer by them.
 */
import type { Role } from './commands.js';
import type { Teller } from './events.js';
import type { CredentialState, MeetingState } from './state.js';

export type OfficerRole = 'teller' | 'scrutineer';
export const isOfficerRole = (role: Role): role is OfficerRole => role === 'teller' || role === 'scrutineer';

/** The appointed officer `officer` names for `role` (a scrutineer's member id, a teller's name), or undefined. */
export function appointedOfficer(
  s: Pick<MeetingState, 'officers' | 'members'>,
  role: OfficerRole,
  officer: string,
): { name: string; memberId?: string } | undefined {
  if (!s.officers) return undefined;
  if (role === 'scrutineer') {
    if (!s.officers.scrutineers.includes(officer)) return undefined;
    return { name: s.members.get(officer)?.name ?? officer, memberId: officer };
  }
  const t = s.officers.tellers.find((x) => x.name === officer);
  return t ? { name: t.name, ...(t.memberId ? { memberId: t.memberId } : {}) } : undefined;
}

/**
 * Whether a bound credential's officer is still among `officers`: the scrutineer still listed, the teller listed
 * under the same name and member. Credentials minted before officers were bound (no `officer`) are not judged.
 */
export function stillAppointed(
  officers: { scrutineers: readonly string[]; tellers: readonly Teller[] },
  c: Pick<CredentialState, 'role' | 'officer' | 'memberId'>,
): boolean {
  if (c.officer === undefined || !isOfficerRole(c.role)) return true;
  if (c.role === 'scrutineer') return officers.scrutineers.includes(c.officer);
  return officers.tellers.some((t) => t.name === c.officer && (t.memberId ?? undefined) === (c.memberId ?? undefined));
}

/**
 * Who acted under a credential, by name, for a ballot entry or a correction: the member's name where the
 * credential names a member (the roll's spelling, corrected or not), else the name it was issued to
 * (a teller's name as appointed); undefined for a credential this meeting never issued.
 */
export function credentialHolderName(s: Pick<MeetingState, 'credentials' | 'members'>, credentialId: string) {
  const c = s.credentials.get(credentialId);
  if (!c) return undefined;
  return (c.memberId ? s.members.get(c.memberId)?.name : undefined) ?? c.name;
}

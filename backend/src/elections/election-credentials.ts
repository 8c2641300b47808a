import type { ElectionRole, ElectionState } from '@tallyroom/contracts';
import { hashToken } from '../meetings/credentials.js';

export interface ElectionCaller {
  role: ElectionRole;
  id: string;
}

/** Whose token this is in the election (the log keeps only hashes); null for a token it never issued. */
export function electionCaller(s: ElectionState, token: string): ElectionCaller | null {
  const hash = hashToken(token);
  const c = Object.values(s.credentials).find((x) => x.tokenHash === hash);
  return c ? { role: c.role, id: c.credentialId } : null;
}

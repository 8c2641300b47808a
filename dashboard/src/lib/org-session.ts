/**
 * The organisation credential this tab acts with (an org-admin link `/o/<id>#t=<token>`): scheduling a meeting and
 * opening a 换届 need it (POST /api/meetings, POST /api/elections). Kept like a meeting's token (session.ts), per tab.
 */
import { readToken, takeTokenFromLocation } from './session';

const CURRENT = 'tallyroom:organisation:current';

export interface OrganisationSession {
  organisationId: string;
  token: string;
}

/** Takes the token out of an organisation link and makes it this tab's current organisation. */
export function takeOrganisationToken(organisationId: string): string | null {
  const token = takeTokenFromLocation(organisationId, 'organisation');
  if (token) {
    try {
      window.sessionStorage.setItem(CURRENT, organisationId);
    } catch {
      // Private modes may refuse storage; the console still works while the page is open.
    }
  }
  return token;
}

/** The organisation this tab last opened with a credential, or null. */
export function currentOrganisation(): OrganisationSession | null {
  let organisationId: string | null = null;
  try {
    organisationId = window.sessionStorage.getItem(CURRENT);
  } catch {
    return null;
  }
  if (!organisationId) return null;
  const token = readToken(organisationId, 'organisation');
  return token ? { organisationId, token } : null;
}

/**
 * Organisations for tests: every test server runs with a known operator credential (testEnv), and scheduling a
 * meeting or opening a 换届 needs an org-admin credential, so each server gets one county organisation, created on
 * first use through the public API like any deployment's bootstrap.
 */
import { expect } from 'vitest';

export const TEST_OPERATOR_TOKEN = 'tallyroom-test-operator-0123456789';

/**
 * The server files share their workers' modules (vitest.config.ts), so these caches outlive a file: a later file's
 * server can get a port an earlier file's server had, with none of its organisations. Keyed by file and address.
 */
const serverKey = (baseUrl: string) => `${expect.getState().testPath ?? ''} ${baseUrl}`;

const admins = new Map<string, Promise<{ organisationId: string; token: string }>>();

async function createCounty(baseUrl: string): Promise<{ organisationId: string; token: string }> {
  const res = await fetch(`${baseUrl}/api/organisations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_OPERATOR_TOKEN}` },
    body: JSON.stringify({ name: '测试县委组织部', kind: 'county' }),
  });
  const body = (await res.json()) as { organisationId: string; credentials: { 'org-admin': string } };
  if (res.status !== 201) throw new Error(`creating the test organisation: ${res.status} ${JSON.stringify(body)}`);
  return { organisationId: body.organisationId, token: body.credentials['org-admin'] };
}

/** The org-admin of this server's test county (created once per server address). */
export function countyAdmin(baseUrl: string): Promise<{ organisationId: string; token: string }> {
  const key = serverKey(baseUrl);
  let p = admins.get(key);
  if (!p) {
    p = createCounty(baseUrl);
    // A failed attempt (server not up yet) is not remembered.
    p.catch(() => admins.delete(key));
    admins.set(key, p);
  }
  return p;
}

/** The org-admin token scheduling meetings and opening 换届 on this server. */
export const adminToken = async (baseUrl: string) => (await countyAdmin(baseUrl)).token;

/** Mints a credential of `role` on organisation `organisationId` with its org-admin's token (the public route). */
export async function mintOrgCredential(
  baseUrl: string,
  organisationId: string,
  adminTok: string,
  role: 'org-admin' | 'org-viewer' | 'approver',
): Promise<{ credentialId: string; token: string; link: string }> {
  const res = await fetch(`${baseUrl}/api/organisations/${encodeURIComponent(organisationId)}/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminTok}` },
    body: JSON.stringify({ role }),
  });
  const body = (await res.json()) as { credentialId: string; token: string; link: string };
  if (res.status !== 201) throw new Error(`minting a ${role}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

const approvers = new Map<string, Promise<{ credentialId: string; token: string; link: string }>>();

/** The approver of this server's test county (minted once per server address): it records the 批复 (P-31). */
export function countyApprover(baseUrl: string): Promise<{ credentialId: string; token: string; link: string }> {
  const key = serverKey(baseUrl);
  let p = approvers.get(key);
  if (!p) {
    p = countyAdmin(baseUrl).then((a) => mintOrgCredential(baseUrl, a.organisationId, a.token, 'approver'));
    p.catch(() => approvers.delete(key));
    approvers.set(key, p);
  }
  return p;
}

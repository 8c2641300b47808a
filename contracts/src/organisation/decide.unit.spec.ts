import { describe, expect, it } from 'vitest';
import { chainEvents, GENESIS_HASH } from '../chain/chain.js';
import { DomainError } from '../errors.js';
import { ORG_ACTIONS, ORG_ACTION_ROLES, ORG_ROLES, mayOrg, type OrganisationCommand } from './commands.js';
import { decideOrganisation } from './decide.js';
import type { OrganisationEvent } from './events.js';
import { parseOrganisationCommand } from './parse-command.js';
import { evolveOrganisation, initialOrganisationState, type OrganisationState } from './state.js';

const ctx = { organisationId: 'c1', now: '2026-12-05T01:00:00.000Z' };

function run(commands: unknown[], s: OrganisationState = initialOrganisationState('c1')): OrganisationState {
  for (const raw of commands) {
    const produced = decideOrganisation(parseOrganisationCommand(raw), s, ctx);
    const chained = chainEvents(
      s.head,
      produced.map((e, i) => ({
        ...e,
        metadata: {
          meetingId: 'c1',
          revision: s.revision + 1 + i,
          recordedAt: ctx.now,
          actor: { role: 'system', id: 't' },
          commandId: 'x',
        },
      })),
    ) as OrganisationEvent[];
    for (const e of chained) s = evolveOrganisation(s, e);
  }
  return s;
}
const refusal = (f: () => unknown): DomainError => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('not refused');
};
const hash = 'ab'.repeat(32);

describe('an organisation stream', () => {
  it('opens once, with its parent; announces children once; revokes a credential', () => {
    const s = run([
      { type: 'CreateOrganisation', data: { name: '某县委组织部', kind: 'county', parentId: 'root' } },
      { type: 'AddChildOrganisation', data: { organisationId: 'b1', name: '一支部', kind: 'branch' } },
      { type: 'AddChildOrganisation', data: { organisationId: 'b1', name: '一支部', kind: 'branch' } },
      { type: 'IssueOrganisationCredential', data: { credentialId: 'a1', role: 'approver', tokenHash: hash } },
      { type: 'RevokeOrganisationCredential', data: { credentialId: 'a1', reason: '调离' } },
    ]);
    expect(s).toMatchObject({
      opened: true,
      name: '某县委组织部',
      kind: 'county',
      parentId: 'root',
      timeZone: 'Asia/Shanghai',
    });
    expect(s.children.map((c) => c.organisationId)).toEqual(['b1']);
    expect(s.credentials.a1).toMatchObject({ role: 'approver', revoked: true });
    expect(s.revision).toBe(3);
    expect(s.head).not.toBe(GENESIS_HASH);
  });

  it('refuses a second creation, commands before creation, unknown and duplicate credentials, bad input', () => {
    const s = run([{ type: 'CreateOrganisation', data: { name: '某县委组织部', kind: 'county' } }]);
    const create: OrganisationCommand = {
      type: 'CreateOrganisation',
      data: { name: 'x', kind: 'county', timeZone: 'Asia/Shanghai' },
    };
    expect(refusal(() => decideOrganisation(create, s, ctx)).code).toBe('ORGANISATION_EXISTS');
    const issue = parseOrganisationCommand({
      type: 'IssueOrganisationCredential',
      data: { credentialId: 'a1', role: 'org-admin', tokenHash: hash },
    });
    expect(refusal(() => decideOrganisation(issue, initialOrganisationState('c1'), ctx)).code).toBe(
      'UNKNOWN_ORGANISATION',
    );
    const twice = run([issue], s);
    expect(refusal(() => decideOrganisation(issue, twice, ctx)).code).toBe('CREDENTIAL_EXISTS');
    const revoke = parseOrganisationCommand({
      type: 'RevokeOrganisationCredential',
      data: { credentialId: 'zz', reason: 'r' },
    });
    expect(refusal(() => decideOrganisation(revoke, s, ctx))).toMatchObject({
      code: 'UNKNOWN_CREDENTIAL',
      field: 'data.credentialId',
    });
    expect(
      refusal(() => parseOrganisationCommand({ type: 'CreateOrganisation', data: { name: 'x', kind: 'planet' } })),
    ).toMatchObject({
      field: 'data.kind',
    });
    expect(
      refusal(() =>
        parseOrganisationCommand({
          type: 'CreateOrganisation',
          data: { name: 'x', kind: 'county', timeZone: 'Mars/Base' },
        }),
      ),
    ).toMatchObject({ field: 'data.timeZone' });
  });
});

describe('the role × action table above the meeting', () => {
  // Written out by hand from the issue: org-admin manages, org-viewer reads, approver reads and approves.
  const expected: Record<string, string[]> = {
    'org-admin': [
      'create-organisation',
      'create-meeting',
      'create-election',
      'mint-credential',
      'read',
      'manage-ledger',
    ],
    'org-viewer': ['read'],
    approver: ['read', 'approve'],
  };
  it.each(ORG_ROLES.flatMap((r) => ORG_ACTIONS.map((a) => [r, a] as const)))(
    '%s may %s: as the issue says',
    (role, action) => {
      expect(mayOrg(role, action)).toBe(expected[role]!.includes(action));
      expect(ORG_ACTION_ROLES[action].includes(role)).toBe(expected[role]!.includes(action));
    },
  );
});

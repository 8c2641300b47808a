import { refuse } from '../errors.js';
import type { OrganisationCommand, OrganisationKind } from './commands.js';
import { decideLedger } from './decide-ledger.js';
import type { NewOrganisationEvent } from './events.js';
import type { OrganisationState } from './state.js';

export interface OrganisationDecideContext {
  organisationId: string;
  now: string;
}

/**
 * Two children of one organisation may not share a name: the 换届台账 names an organisation by its name under its
 * 上级组织, and its import could no longer tell them apart. Checked against the parent before a child is created.
 */
export function assertChildNameFree(parent: OrganisationState, name: string): void {
  const wanted = name.trim();
  if (parent.children.some((c) => c.name.trim() === wanted))
    throw refuse.conflict(
      'ORGANISATION_NAME_TAKEN',
      `${parent.name} already has an organisation named ${wanted}`,
      'name',
      { name: wanted, parent: parent.name },
    );
}

/**
 * The kinds that have organisations below them: a county's organisation department and a 党委 or 工委. A branch, a
 * village or a community holds meetings and is answered by the organisation above it (P-31): were it to create one
 * below itself, its own approver would be that one's "upper organisation", and could approve its own meetings put
 * there.
 */
export const PARENT_KINDS: readonly OrganisationKind[] = ['county', 'committee'];

/** Refuses a child under an organisation of a kind that has none (PARENT_KINDS), naming the field. */
export function assertMayHaveChildren(parent: Pick<OrganisationState, 'kind' | 'name'>, field = 'parentId'): void {
  if (!PARENT_KINDS.includes(parent.kind))
    throw refuse.rule(
      'P-31',
      'NO_ORGANISATIONS_BELOW',
      `${parent.name} is a ${parent.kind}: organisations are created below a county or a committee, not below it`,
      field,
      { kind: parent.kind, parent: parent.name },
    );
}

/** The decider of an organisation's stream: events, or a refusal naming the field. */
export function decideOrganisation(
  cmd: OrganisationCommand,
  s: OrganisationState,
  ctx: OrganisationDecideContext,
): NewOrganisationEvent[] {
  if (cmd.type === 'CreateOrganisation') {
    if (s.opened) throw refuse.conflict('ORGANISATION_EXISTS', `organisation ${ctx.organisationId} exists`);
    const { parentId, ...rest } = cmd.data;
    return [
      {
        type: 'OrganisationCreated',
        data: { organisationId: ctx.organisationId, ...rest, ...(parentId ? { parentId } : {}) },
      },
    ];
  }
  if (!s.opened)
    throw refuse.notFound('organisationId', 'UNKNOWN_ORGANISATION', `no organisation ${ctx.organisationId}`);
  switch (cmd.type) {
    case 'AddChildOrganisation':
      if (s.children.some((c) => c.organisationId === cmd.data.organisationId)) return [];
      assertMayHaveChildren(s, 'type');
      return [{ type: 'ChildOrganisationAdded', data: cmd.data }];
    case 'IssueOrganisationCredential':
      if (s.credentials[cmd.data.credentialId])
        throw refuse.conflict('CREDENTIAL_EXISTS', `credential ${cmd.data.credentialId} exists`, 'data.credentialId');
      return [{ type: 'OrganisationCredentialIssued', data: cmd.data }];
    case 'RevokeOrganisationCredential': {
      const c = s.credentials[cmd.data.credentialId];
      if (!c)
        throw refuse.notFound(
          'data.credentialId',
          'UNKNOWN_CREDENTIAL',
          `no credential ${cmd.data.credentialId} in this organisation`,
        );
      if (c.revoked) return [];
      return [{ type: 'OrganisationCredentialRevoked', data: cmd.data }];
    }
    case 'RecordTerm':
    case 'RecordTermExtension':
    case 'RecordRenewalStatus':
      return decideLedger(cmd, s, ctx.now);
  }
}

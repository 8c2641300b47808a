import { GENESIS_HASH } from '../chain/chain.js';
import type { OrganisationKind, OrgRole } from './commands.js';
import type { OrganisationEvent } from './events.js';

export interface OrganisationCredentialState {
  credentialId: string;
  role: OrgRole;
  tokenHash: string;
  label?: string;
  revoked: boolean;
}

/** The folded stream of one organisation. evolve() returns a new state; records are never written into. */
export interface OrganisationState {
  organisationId: string;
  opened: boolean;
  name: string;
  kind: OrganisationKind;
  parentId: string | null;
  timeZone: string;
  /** In the order created. */
  children: { organisationId: string; name: string; kind: OrganisationKind }[];
  credentials: Record<string, OrganisationCredentialState>;
  revision: number;
  head: string;
}

export function initialOrganisationState(organisationId = ''): OrganisationState {
  return {
    organisationId,
    opened: false,
    name: '',
    kind: 'branch',
    parentId: null,
    timeZone: 'Asia/Shanghai',
    children: [],
    credentials: {},
    revision: -1,
    head: GENESIS_HASH,
  };
}

export function evolveOrganisation(s: OrganisationState, e: OrganisationEvent): OrganisationState {
  const next = { ...s, revision: e.metadata.revision, head: e.metadata.hash };
  switch (e.type) {
    case 'OrganisationCreated':
      return {
        ...next,
        opened: true,
        organisationId: e.data.organisationId,
        name: e.data.name,
        kind: e.data.kind,
        parentId: e.data.parentId ?? null,
        timeZone: e.data.timeZone,
      };
    case 'ChildOrganisationAdded':
      return { ...next, children: [...s.children, { ...e.data }] };
    case 'OrganisationCredentialIssued':
      return { ...next, credentials: { ...s.credentials, [e.data.credentialId]: { ...e.data, revoked: false } } };
    case 'OrganisationCredentialRevoked': {
      const c = s.credentials[e.data.credentialId];
      return c ? { ...next, credentials: { ...s.credentials, [c.credentialId]: { ...c, revoked: true } } } : next;
    }
    default:
      // Event types added later (the ledger) fold in their own module; an unknown one only moves the head.
      return next;
  }
}

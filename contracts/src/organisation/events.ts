import type { EventMetadata } from '../chain/chain.js';
import type { OrganisationKind, OrgRole } from './commands.js';

export interface OrganisationEventDataMap {
  OrganisationCreated: {
    organisationId: string;
    name: string;
    kind: OrganisationKind;
    parentId?: string;
    timeZone: string;
  };
  ChildOrganisationAdded: { organisationId: string; name: string; kind: OrganisationKind };
  OrganisationCredentialIssued: { credentialId: string; role: OrgRole; tokenHash: string; label?: string };
  OrganisationCredentialRevoked: { credentialId: string; reason: string };
}

export type OrganisationEventType = keyof OrganisationEventDataMap;
export type NewOrganisationEvent = {
  [T in OrganisationEventType]: { type: T; data: OrganisationEventDataMap[T] };
}[OrganisationEventType];
export type OrganisationEvent = NewOrganisationEvent & { metadata: EventMetadata };

export const ORGANISATION_STREAM_PREFIX = 'organisation-';
export const organisationStreamName = (organisationId: string) => `${ORGANISATION_STREAM_PREFIX}${organisationId}`;

/** Every event type of the organisation streams (and the operator's), for a log follower to tell them from a meeting's. */
export const ORGANISATION_EVENT_TYPES: Record<OrganisationEventType | 'OperatorCredentialIssued', true> = {
  OrganisationCreated: true,
  ChildOrganisationAdded: true,
  OrganisationCredentialIssued: true,
  OrganisationCredentialRevoked: true,
  OperatorCredentialIssued: true,
};
export const isOrganisationEventType = (type: string): boolean => Object.hasOwn(ORGANISATION_EVENT_TYPES, type);

/** The stream that keeps the operator credential's hash when it was drawn at first start (not set by environment). */
export const OPERATOR_STREAM = 'operator-credential';

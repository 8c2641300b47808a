import { z } from 'zod';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../meeting/local-date.js';
import { ledgerCommandSchemas } from './ledger-commands.js';

/**
 * The organisations above the meetings: a county's organisation department (县委组织部) or a 机关工委 at the root, its
 * committees (党委, 党总支) and their branches, villages and communities. Each organisation is its own stream
 * `organisation-<id>` with its own hash chain; a child is created in its own stream and announced in its parent's.
 */
export const ORGANISATION_KINDS = ['county', 'committee', 'branch', 'village', 'community'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/**
 * org-admin manages its subtree: organisations, meetings and 换届 of its branches, their chair links, the ledger.
 * org-viewer reads the board, the ledger and the reports. approver records the upper organisation's 批复 (P-31).
 */
export const ORG_ROLES = ['org-admin', 'org-viewer', 'approver'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export const ORG_ACTIONS = [
  'create-organisation',
  'create-meeting',
  'create-election',
  'mint-credential',
  'read',
  'approve',
  'manage-ledger',
] as const;
export type OrgAction = (typeof ORG_ACTIONS)[number];

/** The one role × action table above the meeting; the backend enforces it, the console reads it to show actions. */
export const ORG_ACTION_ROLES: Record<OrgAction, readonly OrgRole[]> = {
  'create-organisation': ['org-admin'],
  'create-meeting': ['org-admin'],
  'create-election': ['org-admin'],
  'mint-credential': ['org-admin'],
  read: ['org-admin', 'org-viewer', 'approver'],
  approve: ['approver'],
  'manage-ledger': ['org-admin'],
};

export const mayOrg = (role: OrgRole, action: OrgAction) => ORG_ACTION_ROLES[action].includes(role);

const id = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'at most 64 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'only letters, digits, - and _');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const hash = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');

export const organisationCommandSchemas = {
  /** Opens the stream; `parentId` is checked by the server against the parent's stream (it must exist). */
  CreateOrganisation: z.strictObject({
    name: text(100),
    kind: z.enum(ORGANISATION_KINDS),
    parentId: id.optional(),
    timeZone: z
      .string()
      .trim()
      .refine(isTimeZone, 'must be an IANA time zone name such as Asia/Shanghai')
      .default(DEFAULT_TIME_ZONE),
  }),
  /** Written to the parent's stream when a child is created, so the tree is read from the top down. */
  AddChildOrganisation: z.strictObject({ organisationId: id, name: text(100), kind: z.enum(ORGANISATION_KINDS) }),
  /** The backend draws the token and keeps only its hash (as for meeting credentials). */
  IssueOrganisationCredential: z.strictObject({
    credentialId: id,
    role: z.enum(ORG_ROLES),
    tokenHash: hash,
    label: text(100).optional(),
  }),
  RevokeOrganisationCredential: z.strictObject({ credentialId: id, reason: text(200) }),
  ...ledgerCommandSchemas,
};

export type OrganisationCommandType = keyof typeof organisationCommandSchemas;
export type OrganisationCommandData<T extends OrganisationCommandType> = z.output<
  (typeof organisationCommandSchemas)[T]
>;
export type OrganisationCommand = {
  [T in OrganisationCommandType]: { type: T; data: OrganisationCommandData<T> };
}[OrganisationCommandType];
/** The one event each organisation command writes (when it writes one): how a retry is told from another command. */
export const ORGANISATION_EVENT_OF: Readonly<Record<OrganisationCommandType, string>> = {
  CreateOrganisation: 'OrganisationCreated',
  AddChildOrganisation: 'ChildOrganisationAdded',
  IssueOrganisationCredential: 'OrganisationCredentialIssued',
  RevokeOrganisationCredential: 'OrganisationCredentialRevoked',
  RecordTerm: 'TermRecorded',
  RecordTermExtension: 'TermExtensionRecorded',
  RecordRenewalStatus: 'RenewalStatusRecorded',
};
/** Who may send each command over HTTP; `system` is the server acting on a checked request. */
export const ORGANISATION_COMMAND_ACTION: Record<OrganisationCommandType, OrgAction | 'system'> = {
  CreateOrganisation: 'system',
  AddChildOrganisation: 'system',
  IssueOrganisationCredential: 'system',
  RevokeOrganisationCredential: 'mint-credential',
  RecordTerm: 'manage-ledger',
  RecordTermExtension: 'manage-ledger',
  RecordRenewalStatus: 'manage-ledger',
};

/**
 * What the HTTP API answers, in one place for every client: the dashboard, the
 * tests and the backend's controllers (design.md, "Commands" and "Stable read
 * contract"). The meeting view itself is `MeetingView` (views/meeting-view.ts).
 */
import type { ChainHead } from '../chain/index.js';
import type { DomainErrorBody } from '../errors.js';
import type { Role } from '../meeting/commands.js';

/**
 * An accepted command (POST /api/meetings/:id/commands, POST …/roll, DELETE
 * …/credentials/:credentialId): the events it appended and the revision of the
 * last. `duplicate` marks a retry answered from the first outcome.
 */
export interface CommandOutcome {
  revision: number;
  events: { type: string; revision: number }[];
  duplicate?: boolean;
}

/** The credentials a new meeting is created with, one each. */
export const SCHEDULED_ROLES = ['chair', 'observer', 'supervisor', 'kiosk'] as const satisfies readonly Role[];
export type ScheduledRole = (typeof SCHEDULED_ROLES)[number];

/**
 * POST /api/meetings: the tokens are shown this once; the server keeps only their hashes. `links` are absolute,
 * on the server's public address (GET /api/server). `recoveryCode` (printed and kept by the secretary) mints a new
 * chair credential through POST /api/meetings/:id/recover; the server keeps only its hash too.
 */
export interface ScheduledMeeting {
  meetingId: string;
  credentials: Record<ScheduledRole, string>;
  links: Record<ScheduledRole, string>;
  recoveryCode: string;
}

/** POST /api/meetings/:id/recovery-code: a new recovery code, shown this once; the one before stops working. */
export interface RecoveryCodeReply {
  recoveryCode: string;
}

/**
 * GET /api/server: the base of every link the server builds (`publicUrl`), where it comes from
 * (`setting`: TALLYROOM_PUBLIC_URL; `detected`: the first LAN address with the listening port; `bound`: the one
 * address it listens on; `loopback`: only this computer can reach it), the LAN addresses a chair may choose from
 * instead, and whether other devices can reach the server at all.
 */
export interface ServerInfo {
  publicUrl: string;
  source: 'setting' | 'detected' | 'bound' | 'loopback';
  addresses: string[];
  reachable: boolean;
}

/** POST /api/meetings/:id/credentials: the token is shown this once. */
export interface MintedCredential {
  credentialId: string;
  token: string;
  link: string;
}

/**
 * POST /api/meetings/:id/roll?dryRun=1: the roll as it would be read, nothing written. `columns` names the header
 * cell each field was read from (absent when no header was found); `errors` names every bad row by its line (CSV) or
 * row (worksheet) number; `members` are the rows that read well. The same file without `dryRun` enrols all or none.
 */
export interface RollPreview {
  dryRun: true;
  format: 'csv' | 'xlsx';
  columns?: { headerLine: number; name: string; memberId: string; status: string };
  members: { memberId: string; name: string; status: 'full' | 'probationary' | 'rights-suspended' }[];
  errors: { line: number; field?: string; message: string }[];
}

/**
 * POST /api/meetings/:id/roll?dryRun=1 under village-committee or residents-committee: the voter list as read (V-02),
 * the columns it was read from and every bad row; nothing is registered.
 */
export interface VoterListPreview {
  dryRun: true;
  format: 'csv' | 'xlsx';
  voterList: true;
  columns?: {
    headerLine: number;
    name?: string;
    memberId?: string;
    basis?: string;
    sex?: string;
    household?: string;
    group?: string;
    admission?: string;
  };
  voters: {
    memberId: string;
    name: string;
    basis: 'resident' | 'away' | 'admitted';
    sex?: 'female' | 'male';
    household?: string;
    group?: string;
    admission?: string;
  }[];
  errors: { line: number; field?: string; message: string }[];
}

/**
 * POST /api/meetings/:id/check-in: the member a typed number or name named, who is now checked in. The same
 * answer whether or not they had checked in before, so a kiosk never tells who was already here.
 */
export interface CheckInReply {
  memberId: string;
  name: string;
}

/**
 * GET /api/meetings/:id/venue-code (chair, kiosk): the six digits the hall shows now (P-05), the window they belong
 * to, when the next code replaces them, and the address the wall's QR carries (the member page with `?venue=`).
 */
export interface VenueCodeReply {
  code: string;
  window: number;
  changesAt: string;
  link: string;
}

/** GET /api/meetings/:id/head: the revision and hash of the last event. */
export interface HeadReply extends ChainHead {
  meetingId: string;
}

/** One bad row of an uploaded roll CSV; `line` is the file's physical line (header = 1). */
export interface RollRowProblem {
  line: number;
  field?: 'name' | 'memberId' | 'status';
  message: string;
}

/** Every refusal: `{ error }` and nothing else; a refused roll upload lists its bad rows too. */
export interface ErrorReply {
  error: DomainErrorBody & { rows?: RollRowProblem[] };
}

/** POST /api/organisations: the new organisation and its first org-admin credential (the token shown this once). */
export interface CreatedOrganisation {
  organisationId: string;
  credentials: { 'org-admin': string };
  links: { 'org-admin': string };
}

/** POST /api/organisations/:id/credentials: one new credential of the organisation (the token shown this once). */
export interface MintedOrganisationCredential {
  credentialId: string;
  role: import('../organisation/commands.js').OrgRole;
  token: string;
  link: string;
}

/** A node of GET /api/organisations/:id: the organisation and the tree below it. */
export interface OrganisationNode {
  organisationId: string;
  name: string;
  kind: import('../organisation/commands.js').OrganisationKind;
  parentId: string | null;
  children: OrganisationNode[];
}

/** GET /api/organisations/:id: who asks (role), the tree from this organisation down; the ledger where kept. */
export interface OrganisationReply {
  organisation: OrganisationNode;
  /** The caller's role here (org-admin, org-viewer, approver) or operator. */
  role: string;
  /** Credentials of this organisation, without their hashes (org-admin only; otherwise empty). */
  credentials: { credentialId: string; role: string; label?: string; revoked: boolean }[];
  /** The caller's own credential when it is one of this organisation's: a console does not offer to revoke it. */
  callerCredentialId?: string;
  /** The 换届 ledger of every organisation in the tree, this one first (ledgerRows). */
  ledger: import('../organisation/ledger.js').LedgerRow[];
}

/** GET /api/organisations/:id/ledger: the subtree's ledger rows, the reminders owed and the overdue organisations. */
export interface LedgerReply {
  organisationId: string;
  /** The instant the statuses were read at (each organisation's local day is in its row). */
  at: string;
  rows: import('../organisation/ledger.js').LedgerRow[];
  reminders: import('../organisation/ledger.js').LedgerReminder[];
  overdue: { organisationId: string; name: string; termEnd: string }[];
  /** The rows counted by organisation kind, with the share of 换届 done among those on the table (ledgerByKind). */
  byKind: import('../organisation/ledger.js').LedgerKindRollUp[];
}

/** One row of a ledger file as read: the organisation it names (existing or to be created) and its term. */
export interface LedgerImportRow {
  line: number;
  name: string;
  kind: import('../organisation/commands.js').OrganisationKind;
  /** The parent's name as the file gives it, or the importing organisation's. */
  parent: string;
  /** The existing organisation the row names, absent when the import creates it. */
  organisationId?: string;
  /** Absent on a row that names an organisation without a term (created, or left as it is). */
  termStart?: string;
  termEnd?: string;
  seats?: number;
  secretary?: string;
  note?: string;
  /** The 换届 is by a 党员代表大会. */
  congress?: true;
}

/** POST /api/organisations/:id/ledger?dryRun=1: what the file would create and record, and every bad row. */
export interface LedgerImportPreview {
  dryRun: true;
  format: 'csv' | 'xlsx';
  /** The header cell each field was read from. */
  columns?: { headerLine: number; fields: Record<string, string> };
  rows: LedgerImportRow[];
  /**
   * `code`: the decider's refusal of the row (TERM_TOO_LONG…), or the 403 the import would answer this caller for it
   * (NOT_UPPER_ORGANISATION, with its `rule`), where it was one.
   */
  errors: { line: number; field?: string; message: string; code?: string; rule?: string }[];
}

/** POST /api/organisations/:id/ledger: the organisations created and the terms recorded (unchanged rows write none). */
export interface LedgerImported {
  created: { organisationId: string; name: string }[];
  recorded: number;
  unchanged: number;
}

import { z } from 'zod';
import { NOMINATION_ROUTES } from '../meeting/commands.js';
import { DEFAULT_TIME_ZONE, isCalendarDate, isTimeZone } from '../meeting/local-date.js';
import { ELECTION_STEPS, type ElectionStep } from './steps.js';
import { RULESET_NAMES, type RulesetName } from '../rules/ruleset.js';
import { ORG_ROLES, type OrgRole } from '../organisation/commands.js';

/**
 * The commands of a 换届 (`Election`): the process stream `election-<id>` that links the meetings of one
 * 换届 (动员大会, 公推大会, 党组票决会, 直选大会) and records what happens between them. Dates are local days
 * (YYYY-MM-DD) in the election's time zone; an omitted actual date is today there.
 */
const id = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'at most 64 characters')
  // eslint-disable-next-line no-control-regex -- control characters are exactly what an id must not contain
  .regex(/^[^\u0000-\u001f<>]+$/, 'must not contain control characters or angle brackets');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(isCalendarDate, 'must be a real calendar date');
const hash = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');

export const ELECTION_RULESETS = ['cpc-branch'] as const;
export type ElectionRulesetName = (typeof ELECTION_RULESETS)[number];

/** The steps of a 公推直选 换届 in the prescribed order (steps.ts). */
export { ELECTION_STEPS, type ElectionStep };

/** Steps whose completion is another command's fact: an upper approval, or the notice period running out. */
export const DERIVED_STEPS: Readonly<Partial<Record<ElectionStep, string>>> = {
  'request-approval': 'RecordUpperApproval',
  notice: 'OpenNotice',
  'list-approval': 'RecordUpperApproval',
  'result-approval': 'RecordUpperApproval',
};

/** What an upper-organisation approval answers: the 请示 (一报), the prospective list (二报), the result (三报/四报). */
export const APPROVAL_KINDS = ['request', 'candidates', 'result'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];
export const APPROVAL_STEP: Record<ApprovalKind, ElectionStep> = {
  request: 'request-approval',
  candidates: 'list-approval',
  result: 'result-approval',
};

/** The meetings of one 换届. */
export const MEETING_KINDS = ['mobilisation', 'recommendation', 'party-group', 'election'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
/** The process step a meeting of each kind is. */
export const MEETING_STEP: Record<MeetingKind, ElectionStep> = {
  mobilisation: 'mobilisation',
  recommendation: 'recommendation',
  'party-group': 'party-group',
  election: 'election',
};
/**
 * P-08m [D]: the ruleset a meeting of each kind is held under. A 公推大会 counts recommendation and trust ballots
 * (`recommendation`), a 党组票决会 votes per name (`party-group`), the 直选大会 elects under the 换届's own ruleset
 * (today always `cpc-branch`, written here as 'election'); a 动员大会 votes on nothing that the process reads, so any
 * ruleset will do (null).
 */
export const MEETING_KIND_RULESET: Record<MeetingKind, RulesetName | 'election' | null> = {
  mobilisation: null,
  recommendation: 'recommendation',
  'party-group': 'party-group',
  election: 'election',
};

export const EXAMINATION_OUTCOMES = ['positive', 'negative'] as const;
export const OBJECTION_OUTCOMES = ['upheld', 'rejected'] as const;
export const ELECTION_ROLES = ['chair', 'observer'] as const;
export type ElectionRole = (typeof ELECTION_ROLES)[number];
/**
 * Who may act on a 换届: its own credentials (ElectionRole), or an organisation credential of the election's
 * organisation or one above it (OrgRole): the approver records the 批复, the others read.
 */
export type ElectionActorRole = ElectionRole | OrgRole;
export const ELECTION_ACTOR_ROLES: readonly ElectionActorRole[] = [...ELECTION_ROLES, ...ORG_ROLES];
/** Who may read the process (GET /api/elections/:id, its export, its live feed). */
export const ELECTION_READ_ROLES: readonly ElectionActorRole[] = ['chair', 'observer', ...ORG_ROLES];
export const mayReadElection = (role: ElectionActorRole) => ELECTION_READ_ROLES.includes(role);

/** What the upper organisation answers a report with: approval, or a return for amendment (退回修改). */
export const APPROVAL_DECISIONS = ['approved', 'returned'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

/**
 * The document a report is (the branch submits what the documents route renders, the approver reads it there):
 * GET /api/meetings/<meetingId>/documents/<kind>. The result report is the meeting's report.
 */
export const REPORT_DOCUMENT: Record<ApprovalKind, string> = {
  request: 'election-request',
  candidates: 'candidates-report',
  result: 'report',
};

const figure = z.number().int('must be a whole number').min(-1_000_000_000).max(1_000_000_000);

export const electionCommandSchemas = {
  OpenElection: z.strictObject({
    organisation: text(200),
    /** The organisation whose 换届 this is: the opening credential's own by default, or one below it. */
    organisationId: id.optional(),
    title: text(200).optional(),
    ruleset: z.enum(ELECTION_RULESETS).default('cpc-branch'),
    timeZone: z
      .string()
      .trim()
      .refine(isTimeZone, 'must be an IANA time zone name such as Asia/Shanghai')
      .default(DEFAULT_TIME_ZONE),
    offices: z
      .array(z.strictObject({ office: text(60), seats: z.number().int().min(1, 'at least 1 seat').max(99) }))
      .min(1, 'at least one office')
      .max(10),
    parameters: z
      .strictObject({
        noticeDaysMin: z.number().int().min(0).max(60).optional(),
        jointNominationMinSupporters: z.number().int().min(1).max(100).optional(),
      })
      .default({}),
  }),
  /** The backend mints the credentials of an election (system only); only the token's hash is stored. */
  IssueElectionCredential: z.strictObject({ credentialId: id, role: z.enum(ELECTION_ROLES), tokenHash: hash }),
  PlanStep: z.strictObject({ step: z.enum(ELECTION_STEPS), plannedOn: day, responsible: text(100) }),
  CompleteStep: z.strictObject({
    step: z.enum(ELECTION_STEPS),
    completedOn: day.optional(),
    reference: text(200).optional(),
    note: z.string().trim().max(500).optional(),
  }),
  /**
   * P-31a: the branch submits a report up (请示, 二报, 三报); `meetingId` names the meeting whose documents render it
   * (REPORT_DOCUMENT): for `result`, the 直选大会 whose result the process cited (default: the latest cited).
   */
  SubmitReport: z.strictObject({
    kind: z.enum(APPROVAL_KINDS),
    submittedOn: day.optional(),
    reference: text(200).optional(),
    meetingId: id.optional(),
    note: z.string().trim().max(500).optional(),
  }),
  RecordUpperApproval: z.strictObject({
    kind: z.enum(APPROVAL_KINDS),
    /** `returned`: sent back for amendment (退回); the branch submits again. */
    decision: z.enum(APPROVAL_DECISIONS).default('approved'),
    reference: text(200),
    approvedOn: day.optional(),
    /** For `candidates` (二报): the prospective candidates the upper organisation approved. */
    nomineeIds: z.array(id).max(200).optional(),
  }),
  ProposeNominee: z.strictObject({
    nomineeId: id,
    name: text(100),
    office: text(60).optional(),
    route: z.enum(NOMINATION_ROUTES),
    /** The names of those who signed a joint nomination (联名推荐) or the nominating body. */
    supporters: z.array(text(100)).max(1000).default([]),
    proposedOn: day.optional(),
  }),
  ReviewNominee: z.strictObject({
    nomineeId: id,
    qualified: z.boolean(),
    reason: z.string().trim().max(500).default(''),
    reviewedBy: text(100),
    reviewedOn: day.optional(),
  }),
  RecordExamination: z.strictObject({
    nomineeId: id,
    examiners: z.array(text(100)).min(1, 'at least one examiner').max(20),
    outcome: z.enum(EXAMINATION_OUTCOMES),
    notes: text(2000),
    examinedOn: day.optional(),
  }),
  /**
   * Over HTTP the server fills `ruleset` from the linked meeting (a client may not send it), so that the decider and
   * the verifier, re-deciding from the event, check it against the kind (P-08m). Absent in logs written before it.
   */
  LinkMeeting: z.strictObject({
    kind: z.enum(MEETING_KINDS),
    meetingId: id,
    ruleset: z.enum(RULESET_NAMES).optional(),
    /** Filled over HTTP from the meeting as linked, so the 换届's readers see its name and day, not its id. */
    title: z.string().trim().min(1).max(200).optional(),
    scheduledFor: z.string().trim().min(1).max(40).optional(),
  }),
  /**
   * A meeting's declared figures, pinned to its revision and chain head. Over HTTP the server fills revision, head
   * and results from the linked meeting's current state; the client sends only meetingId.
   */
  CiteMeetingResult: z.strictObject({
    meetingId: id,
    revision: z.number().int().min(0),
    head: hash,
    results: z
      .array(z.strictObject({ nomineeId: id, passed: z.boolean(), figures: z.record(z.string().max(40), figure) }))
      .max(500),
    /** Filled over HTTP: the results take every declared round of a contest (meetingResultFigures). */
    rounds: z.literal('every').optional(),
  }),
  OpenNotice: z.strictObject({
    nomineeIds: z.array(id).min(1, 'at least one name').max(200),
    from: day,
    days: z.number().int().min(1, 'at least 1 day').max(60),
  }),
  ReceiveObjection: z.strictObject({
    objectionId: id,
    nomineeId: id,
    summary: text(2000),
    receivedOn: day.optional(),
  }),
  ResolveObjection: z.strictObject({
    objectionId: id,
    investigation: text(2000),
    outcome: z.enum(OBJECTION_OUTCOMES),
    reason: text(1000),
    decidedBy: text(100),
    resolvedOn: day.optional(),
  }),
  FixCandidateList: z.strictObject({
    nomineeIds: z.array(id).min(1, 'at least one name').max(200),
  }),
} as const;

export type ElectionCommandType = keyof typeof electionCommandSchemas;
export const ELECTION_COMMAND_TYPES = Object.keys(electionCommandSchemas) as ElectionCommandType[];
export type ElectionCommandData<T extends ElectionCommandType> = z.output<(typeof electionCommandSchemas)[T]>;
export type ElectionCommand = {
  [T in ElectionCommandType]: { type: T; data: ElectionCommandData<T> };
}[ElectionCommandType];

/**
 * Who may send each command: the chair of the 换届 (the 换届工作领导小组's clerk); the system opens and mints; the upper
 * organisation's approver records its 批复 (P-31), never the branch itself.
 */
export const ELECTION_COMMAND_ROLES: Record<ElectionCommandType, readonly (ElectionActorRole | 'system')[]> = {
  OpenElection: ['system'],
  IssueElectionCredential: ['system'],
  PlanStep: ['chair'],
  CompleteStep: ['chair'],
  SubmitReport: ['chair'],
  RecordUpperApproval: ['approver'],
  ProposeNominee: ['chair'],
  ReviewNominee: ['chair'],
  RecordExamination: ['chair'],
  LinkMeeting: ['chair'],
  CiteMeetingResult: ['chair'],
  OpenNotice: ['chair'],
  ReceiveObjection: ['chair'],
  ResolveObjection: ['chair'],
  FixCandidateList: ['chair'],
};
/** What a client sends: fields with defaults may be left out. */
export type ElectionCommandInput<T extends ElectionCommandType> = z.input<(typeof electionCommandSchemas)[T]>;

import type { EventMetadata } from '../chain/chain.js';
import type { RulesetName } from '../rules/ruleset.js';
import type {
  ApprovalKind,
  ElectionCommandType,
  ElectionRole,
  ElectionRulesetName,
  ElectionStep,
  MeetingKind,
} from './commands.js';

export type NominationRoute = 'self' | 'members' | 'masses' | 'organisation';

/** One nominee's figures in a cited meeting result. */
export interface CitedFigures {
  nomineeId: string;
  passed: boolean;
  figures: Record<string, number>;
}

/** A line of a nominee's provenance: a step passed, its local date and its reference (a document, meeting, or who). */
export interface ProvenanceLine {
  step: ElectionStep;
  on: string;
  reference: string;
}

/**
 * The events of the process stream `election-<id>`. Every date is a local day in the election's time zone, resolved
 * by the decider (an omitted date is the day the command arrived), so a replay decides them again identically.
 */
export interface ElectionEventDataMap {
  ElectionOpened: {
    electionId: string;
    organisation: string;
    /** Filled by the server from the opening credential; absent in logs written before organisations. */
    organisationId?: string;
    title: string;
    ruleset: ElectionRulesetName;
    timeZone: string;
    offices: { office: string; seats: number }[];
    /** Pinned: P-10 notice days and the P-07 joint-nomination minimum. */
    parameters: { noticeDaysMin: number; jointNominationMinSupporters: number };
  };
  ElectionCredentialIssued: { credentialId: string; role: ElectionRole; tokenHash: string };
  StepPlanned: { step: ElectionStep; plannedOn: string; responsible: string };
  StepCompleted: { step: ElectionStep; completedOn: string; reference?: string; note?: string };
  /** P-31a: a report sent up; `meetingId` names the meeting whose documents render it (REPORT_DOCUMENT). */
  ReportSubmitted: { kind: ApprovalKind; submittedOn: string; reference?: string; meetingId?: string; note?: string };
  /**
   * The upper organisation's answer, recorded by its approver (the event's actor is the approver's organisation
   * credential). `decision` is written only for a return (退回); absent means approved, as in logs before it.
   */
  UpperApprovalRecorded: {
    kind: ApprovalKind;
    reference: string;
    approvedOn: string;
    nomineeIds?: string[];
    decision?: 'returned';
  };
  NomineeProposed: {
    nomineeId: string;
    name: string;
    office?: string;
    route: NominationRoute;
    supporters: string[];
    proposedOn: string;
  };
  NomineeReviewed: { nomineeId: string; qualified: boolean; reason: string; reviewedBy: string; reviewedOn: string };
  ExaminationRecorded: {
    nomineeId: string;
    examiners: string[];
    outcome: 'positive' | 'negative';
    notes: string;
    examinedOn: string;
  };
  /** `ruleset`: the linked meeting's, filled by the server (P-08m); absent in logs written before it. */
  MeetingLinked: { kind: MeetingKind; meetingId: string; ruleset?: RulesetName; title?: string; scheduledFor?: string };
  /** Pins the cited meeting's revision and chain head (design.md: an event that cites another stream). */
  MeetingResultCited: {
    meetingId: string;
    kind: MeetingKind;
    revision: number;
    head: string;
    results: CitedFigures[];
    /**
     * `every`: the results name everyone in every declared round of a contest (those elected in a first round with
     * those of its 另行选举). Absent in citations recorded before it: the last declared round of each contest only.
     */
    rounds?: 'every';
    citedOn: string;
  };
  NoticeOpened: { nomineeIds: string[]; from: string; days: number; endsOn: string };
  ObjectionReceived: { objectionId: string; nomineeId: string; summary: string; receivedOn: string };
  ObjectionResolved: {
    objectionId: string;
    investigation: string;
    outcome: 'upheld' | 'rejected';
    reason: string;
    decidedBy: string;
    resolvedOn: string;
  };
  /** The names that may go to the 直选大会, each with the steps that put it there. */
  CandidateListFixed: {
    nomineeIds: string[];
    fixedOn: string;
    provenance: { nomineeId: string; steps: ProvenanceLine[] }[];
  };
}

export type ElectionEventType = keyof ElectionEventDataMap;
export type NewElectionEvent = {
  [T in ElectionEventType]: { type: T; data: ElectionEventDataMap[T] };
}[ElectionEventType];
export type ElectionEvent = NewElectionEvent & { metadata: EventMetadata };

/** Every event type of the process stream, e.g. for a log follower to tell them from a meeting's. */
export const ELECTION_EVENT_TYPES: Record<ElectionEventType, true> = {
  ElectionOpened: true,
  ElectionCredentialIssued: true,
  StepPlanned: true,
  StepCompleted: true,
  ReportSubmitted: true,
  UpperApprovalRecorded: true,
  NomineeProposed: true,
  NomineeReviewed: true,
  ExaminationRecorded: true,
  MeetingLinked: true,
  MeetingResultCited: true,
  NoticeOpened: true,
  ObjectionReceived: true,
  ObjectionResolved: true,
  CandidateListFixed: true,
};
export const isElectionEventType = (type: string): type is ElectionEventType =>
  Object.prototype.hasOwnProperty.call(ELECTION_EVENT_TYPES, type);

/** The process stream of election `id`: its own hash chain, beside the meetings' `meeting-<id>` streams. */
export const ELECTION_STREAM_PREFIX = 'election-';
export const electionStreamName = (electionId: string) => `${ELECTION_STREAM_PREFIX}${electionId}`;

/** The one event each process command writes (when it writes one). */
export const ELECTION_EVENT_OF = {
  OpenElection: 'ElectionOpened',
  IssueElectionCredential: 'ElectionCredentialIssued',
  PlanStep: 'StepPlanned',
  CompleteStep: 'StepCompleted',
  SubmitReport: 'ReportSubmitted',
  RecordUpperApproval: 'UpperApprovalRecorded',
  ProposeNominee: 'NomineeProposed',
  ReviewNominee: 'NomineeReviewed',
  RecordExamination: 'ExaminationRecorded',
  LinkMeeting: 'MeetingLinked',
  CiteMeetingResult: 'MeetingResultCited',
  OpenNotice: 'NoticeOpened',
  ReceiveObjection: 'ObjectionReceived',
  ResolveObjection: 'ObjectionResolved',
  FixCandidateList: 'CandidateListFixed',
} as const satisfies Record<ElectionCommandType, ElectionEventType>;

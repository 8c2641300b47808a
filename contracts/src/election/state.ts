import { GENESIS_HASH } from '../chain/chain.js';
import type { RulesetName } from '../rules/ruleset.js';
import type {
  ApprovalDecision,
  ApprovalKind,
  ElectionRole,
  ElectionRulesetName,
  ElectionStep,
  MeetingKind,
} from './commands.js';
import type { CitedFigures, ElectionEvent, ElectionEventDataMap, NominationRoute } from './events.js';

export interface StepState {
  plannedOn: string | null;
  responsible: string | null;
  /** The local day the step was completed by CompleteStep (derived steps: see processCard). */
  completedOn: string | null;
  references: string[];
  note: string | null;
}

export interface NomineeState {
  nomineeId: string;
  name: string;
  office: string | null;
  routes: { route: NominationRoute; supporters: string[]; proposedOn: string }[];
  /** The latest 资格审查. */
  review: { qualified: boolean; reason: string; reviewedBy: string; reviewedOn: string } | null;
  /** The latest 考察. */
  examination: { examiners: string[]; outcome: 'positive' | 'negative'; notes: string; examinedOn: string } | null;
}

export interface CitationState extends Omit<ElectionEventDataMap['MeetingResultCited'], 'results'> {
  results: CitedFigures[];
  /** The revision of the process stream's own event that cited it. */
  citedAt: number;
}

export interface ObjectionState {
  objectionId: string;
  nomineeId: string;
  summary: string;
  receivedOn: string;
  resolution: Omit<ElectionEventDataMap['ObjectionResolved'], 'objectionId'> | null;
}

/** The upper organisation's answer to a report: who (the approver's credential), what, when, under which reference. */
export interface ReportAnswer {
  decision: ApprovalDecision;
  reference: string;
  on: string;
  by: string;
  revision: number;
}

/** A report sent up (P-31a) and, once answered, the answer. */
export interface ReportState {
  kind: ApprovalKind;
  submittedOn: string;
  reference: string | null;
  meetingId: string | null;
  note: string | null;
  submittedBy: string;
  revision: number;
  answer: ReportAnswer | null;
}

/** The folded process stream. evolve() returns a new state; records are never written into. */
export interface ElectionState {
  electionId: string;
  opened: boolean;
  organisation: string;
  organisationId: string | null;
  title: string;
  ruleset: ElectionRulesetName;
  timeZone: string;
  offices: { office: string; seats: number }[];
  parameters: { noticeDaysMin: number; jointNominationMinSupporters: number };
  credentials: Record<string, { credentialId: string; role: ElectionRole; tokenHash: string }>;
  steps: Record<ElectionStep, StepState>;
  /** The approvals granted (returns are on the report they answer); `approvedBy`: the approver's credential. */
  approvals: {
    kind: ApprovalKind;
    reference: string;
    approvedOn: string;
    nomineeIds?: string[];
    revision: number;
    approvedBy: string;
  }[];
  /** Every report sent up, in order, with its answer. */
  reports: ReportState[];
  nominees: Record<string, NomineeState>;
  /** In the order nominated. */
  nomineeOrder: string[];
  /** `title` and `scheduledFor`: the meeting's as linked (absent in links recorded before they were kept). */
  meetings: { kind: MeetingKind; meetingId: string; ruleset?: RulesetName; title?: string; scheduledFor?: string }[];
  /** Every citation, in order; the latest of a meeting is the one that counts. */
  citations: CitationState[];
  /** The latest 公示 (a new one replaces it). */
  notice: ElectionEventDataMap['NoticeOpened'] | null;
  objections: Record<string, ObjectionState>;
  objectionOrder: string[];
  candidateList: ElectionEventDataMap['CandidateListFixed'] | null;
  /** The revision and chain head of the CandidateListFixed event: what a 直选大会 adopting the list pins (P-08b). */
  candidateListAt: { revision: number; head: string } | null;
  revision: number;
  head: string;
}

const emptyStep = (): StepState => ({
  plannedOn: null,
  responsible: null,
  completedOn: null,
  references: [],
  note: null,
});

export function initialElectionState(electionId = ''): ElectionState {
  return {
    electionId,
    opened: false,
    organisation: '',
    organisationId: null,
    title: '',
    ruleset: 'cpc-branch',
    timeZone: 'Asia/Shanghai',
    offices: [],
    parameters: { noticeDaysMin: 0, jointNominationMinSupporters: 1 },
    credentials: {},
    steps: {
      request: emptyStep(),
      'request-approval': emptyStep(),
      mobilisation: emptyStep(),
      nomination: emptyStep(),
      review: emptyStep(),
      recommendation: emptyStep(),
      examination: emptyStep(),
      'party-group': emptyStep(),
      notice: emptyStep(),
      'list-approval': emptyStep(),
      election: emptyStep(),
      'result-report': emptyStep(),
      'result-approval': emptyStep(),
    },
    approvals: [],
    reports: [],
    nominees: {},
    nomineeOrder: [],
    meetings: [],
    citations: [],
    notice: null,
    objections: {},
    objectionOrder: [],
    candidateList: null,
    candidateListAt: null,
    revision: -1,
    head: GENESIS_HASH,
  };
}

/** The index of the report of a kind that awaits the upper organisation's answer, or -1. */
export function pendingReportIndex(s: ElectionState, kind: ApprovalKind): number {
  for (let i = s.reports.length - 1; i >= 0; i--) {
    const r = s.reports[i]!;
    if (r.kind === kind) return r.answer ? -1 : i;
  }
  return -1;
}

/** The latest citation of each linked meeting of a kind, in the order linked. */
export function latestCitations(s: ElectionState, kind: MeetingKind): CitationState[] {
  const out: CitationState[] = [];
  for (const m of s.meetings) {
    if (m.kind !== kind) continue;
    const c = s.citations.filter((x) => x.meetingId === m.meetingId).at(-1);
    if (c) out.push(c);
  }
  return out;
}

export function evolveElection(s: ElectionState, e: ElectionEvent): ElectionState {
  const next = applyElectionEvent(s, e);
  return { ...next, revision: e.metadata.revision, head: e.metadata.hash };
}

function applyElectionEvent(s: ElectionState, e: ElectionEvent): ElectionState {
  switch (e.type) {
    case 'ElectionOpened': {
      const d = e.data;
      return {
        ...s,
        electionId: d.electionId,
        opened: true,
        organisation: d.organisation,
        organisationId: d.organisationId ?? null,
        title: d.title,
        ruleset: d.ruleset,
        timeZone: d.timeZone,
        offices: d.offices.map((o) => ({ ...o })),
        parameters: { ...d.parameters },
      };
    }
    case 'ElectionCredentialIssued':
      return { ...s, credentials: { ...s.credentials, [e.data.credentialId]: { ...e.data } } };
    case 'StepPlanned': {
      const st = s.steps[e.data.step];
      return {
        ...s,
        steps: { ...s.steps, [e.data.step]: { ...st, plannedOn: e.data.plannedOn, responsible: e.data.responsible } },
      };
    }
    case 'StepCompleted': {
      const st = s.steps[e.data.step];
      return {
        ...s,
        steps: {
          ...s.steps,
          [e.data.step]: {
            ...st,
            completedOn: e.data.completedOn,
            references: e.data.reference ? [...st.references, e.data.reference] : st.references,
            note: e.data.note ?? st.note,
          },
        },
      };
    }
    case 'ReportSubmitted': {
      const d = e.data;
      const report: ReportState = {
        kind: d.kind,
        submittedOn: d.submittedOn,
        reference: d.reference ?? null,
        meetingId: d.meetingId ?? null,
        note: d.note ?? null,
        submittedBy: e.metadata.actor.id,
        revision: e.metadata.revision,
        answer: null,
      };
      return { ...s, reports: [...s.reports, report] };
    }
    case 'UpperApprovalRecorded': {
      const { decision: returned, ...d } = e.data;
      const decision: ApprovalDecision = returned ?? 'approved';
      const answer: ReportAnswer = {
        decision,
        reference: d.reference,
        on: d.approvedOn,
        by: e.metadata.actor.id,
        revision: e.metadata.revision,
      };
      // The answer goes to the kind's report awaiting one (logs before P-31a have none to answer).
      const at = pendingReportIndex(s, d.kind);
      const reports = at < 0 ? s.reports : s.reports.map((r, i) => (i === at ? { ...r, answer } : r));
      if (decision === 'returned') return { ...s, reports };
      const a: ElectionState['approvals'][number] = {
        ...d,
        revision: e.metadata.revision,
        approvedBy: e.metadata.actor.id,
      };
      if (d.nomineeIds) a.nomineeIds = [...d.nomineeIds];
      return { ...s, approvals: [...s.approvals, a], reports };
    }
    case 'NomineeProposed': {
      const d = e.data;
      const old = s.nominees[d.nomineeId];
      const route = { route: d.route, supporters: [...d.supporters], proposedOn: d.proposedOn };
      const n: NomineeState = old
        ? { ...old, routes: [...old.routes, route], office: old.office ?? d.office ?? null }
        : {
            nomineeId: d.nomineeId,
            name: d.name,
            office: d.office ?? null,
            routes: [route],
            review: null,
            examination: null,
          };
      return {
        ...s,
        nominees: { ...s.nominees, [d.nomineeId]: n },
        nomineeOrder: old ? s.nomineeOrder : [...s.nomineeOrder, d.nomineeId],
      };
    }
    case 'NomineeReviewed': {
      const { nomineeId, ...review } = e.data;
      const n = s.nominees[nomineeId]!;
      return { ...s, nominees: { ...s.nominees, [nomineeId]: { ...n, review } } };
    }
    case 'ExaminationRecorded': {
      const { nomineeId, ...x } = e.data;
      const n = s.nominees[nomineeId]!;
      return {
        ...s,
        nominees: { ...s.nominees, [nomineeId]: { ...n, examination: { ...x, examiners: [...x.examiners] } } },
      };
    }
    case 'MeetingLinked':
      return { ...s, meetings: [...s.meetings, { ...e.data }] };
    case 'MeetingResultCited':
      return {
        ...s,
        citations: [
          ...s.citations,
          {
            ...e.data,
            results: e.data.results.map((r) => ({ ...r, figures: { ...r.figures } })),
            citedAt: e.metadata.revision,
          },
        ],
      };
    case 'NoticeOpened':
      return { ...s, notice: { ...e.data, nomineeIds: [...e.data.nomineeIds] } };
    case 'ObjectionReceived':
      return {
        ...s,
        objections: { ...s.objections, [e.data.objectionId]: { ...e.data, resolution: null } },
        objectionOrder: [...s.objectionOrder, e.data.objectionId],
      };
    case 'ObjectionResolved': {
      const { objectionId, ...resolution } = e.data;
      const o = s.objections[objectionId]!;
      return { ...s, objections: { ...s.objections, [objectionId]: { ...o, resolution } } };
    }
    case 'CandidateListFixed':
      return {
        ...s,
        candidateList: JSON.parse(JSON.stringify(e.data)) as ElectionEventDataMap['CandidateListFixed'],
        candidateListAt: { revision: e.metadata.revision, head: e.metadata.hash },
      };
    default: {
      const _exhaustive: never = e;
      return _exhaustive;
    }
  }
}

export function foldElection(events: readonly ElectionEvent[], electionId = ''): ElectionState {
  let s = initialElectionState(electionId);
  for (const e of events) s = evolveElection(s, e);
  return s;
}

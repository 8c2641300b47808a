/**
 * The process card: the steps of the 换届 in the prescribed order, each with its planned and actual local day, who is
 * responsible, the references recorded, and whether it is done, next, overdue or pending; and the 公示 counting down.
 * One implementation: the backend's view and the dashboard both call it. Days are the election's time zone's.
 */
import { localDate } from '../meeting/local-date.js';
import {
  APPROVAL_STEP,
  ELECTION_STEPS,
  MEETING_STEP,
  REPORT_DOCUMENT,
  type ApprovalKind,
  type ElectionStep,
} from './commands.js';
import type { ElectionState, ReportAnswer } from './state.js';

/**
 * in-progress: the step has begun (nominees proposed, reviewed or examined; a meeting linked) and is not complete.
 * unrecorded: nothing is recorded of it although a later step is done (a 请示 never entered): not what comes next.
 */
export type StepStatus = 'done' | 'in-progress' | 'next' | 'overdue' | 'pending' | 'unrecorded';

/**
 * What the records say of a step that gathers facts one by one: how many nominees it has dealt with (`count`) of how
 * many it is due to (`of`: every nominee for 资格审查, those found qualified for 考察), the names on the 公示, or how
 * many meetings of its kind are linked and how many of them cited.
 */
export interface StepProgress {
  count: number;
  of: number | null;
  /** The earliest day a fact of the step was recorded. */
  since: string | null;
}

/**
 * Where a report up stands (P-31a): submitted and awaiting the answer, returned for amendment, or approved. Shown on
 * the step that submits it (请示, 三报) and on the approval step that answers it.
 */
export interface ReportStatus {
  kind: ApprovalKind;
  state: 'submitted' | 'returned' | 'approved';
  submittedOn: string;
  reference: string | null;
  meetingId: string | null;
  /** The documents route that renders it: GET /api/meetings/<meetingId>/documents/<document>. */
  document: string;
  answer: ReportAnswer | null;
}

/** The step a report is submitted at, where the process has one (二报 has none of its own: it is 公示's sequel). */
const REPORT_STEP: Partial<Record<ElectionStep, ApprovalKind>> = { request: 'request', 'result-report': 'result' };

/** The latest report of each kind and where it stands; what the chair's 上报 and the approver's 批复 read. */
export function reportStatus(s: ElectionState, kind: ApprovalKind): ReportStatus | null {
  const r = s.reports.filter((x) => x.kind === kind).at(-1);
  if (!r) return null;
  return {
    kind,
    state: r.answer?.decision ?? 'submitted',
    submittedOn: r.submittedOn,
    reference: r.reference,
    meetingId: r.meetingId,
    document: REPORT_DOCUMENT[kind],
    answer: r.answer,
  };
}

export interface ProcessCardStep {
  step: ElectionStep;
  plannedOn: string | null;
  actualOn: string | null;
  responsible: string | null;
  status: StepStatus;
  /** Whole days past the planned day, for an overdue step. */
  daysLate: number | null;
  references: string[];
  note: string | null;
  progress: StepProgress | null;
  /** The report this step submits or answers, if one was submitted. */
  report: ReportStatus | null;
}

export interface NoticeCountdown {
  from: string;
  days: number;
  /** The first local day after the notice (noticeEnds). */
  endsOn: string;
  /** Whole days until endsOn (0 once it has ended); before `from`, the notice has not begun. */
  daysLeft: number;
  state: 'not-begun' | 'running' | 'ended';
  nomineeIds: string[];
}

export interface ProcessCard {
  today: string;
  timeZone: string;
  steps: ProcessCardStep[];
  notice: NoticeCountdown | null;
  /** Each kind's latest report, in APPROVAL_KINDS order (null: none submitted). */
  reports: Record<ApprovalKind, ReportStatus | null>;
}

/** Calendar days from `a` to `b` (YYYY-MM-DD); negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

const earliest = (days: (string | null | undefined)[]) =>
  days.filter((d): d is string => typeof d === 'string').sort()[0] ?? null;

/** The progress the records show for a step, or null for a step that has no facts of its own before it is done. */
function progressOf(s: ElectionState, step: ElectionStep): StepProgress | null {
  const nominees = s.nomineeOrder.map((id) => s.nominees[id]!);
  const days = (xs: (string | undefined)[]) => earliest(xs);
  switch (step) {
    case 'nomination':
      return nominees.length
        ? { count: nominees.length, of: null, since: days(nominees.flatMap((n) => n.routes.map((r) => r.proposedOn))) }
        : null;
    case 'review': {
      const reviewed = nominees.filter((n) => n.review);
      return reviewed.length
        ? { count: reviewed.length, of: nominees.length, since: days(reviewed.map((n) => n.review!.reviewedOn)) }
        : null;
    }
    case 'examination': {
      const examined = nominees.filter((n) => n.examination);
      return examined.length
        ? {
            count: examined.length,
            of: nominees.filter((n) => n.review?.qualified).length,
            since: days(examined.map((n) => n.examination!.examinedOn)),
          }
        : null;
    }
    case 'notice':
      return s.notice ? { count: s.notice.nomineeIds.length, of: null, since: s.notice.from } : null;
    default: {
      const kind = (Object.entries(MEETING_STEP) as [string, ElectionStep][]).find(([, x]) => x === step)?.[0];
      if (!kind) return null;
      const linked = s.meetings.filter((m) => m.kind === kind);
      if (!linked.length) return null;
      const cited = linked.filter((m) => s.citations.some((c) => c.meetingId === m.meetingId));
      return { count: cited.length, of: linked.length, since: null };
    }
  }
}

export function processCard(s: ElectionState, now: string): ProcessCard {
  const today = localDate(now, s.timeZone);
  const n = s.notice;
  const notice: NoticeCountdown | null = n
    ? {
        from: n.from,
        days: n.days,
        endsOn: n.endsOn,
        daysLeft: Math.max(0, daysBetween(today, n.endsOn)),
        state: today < n.from ? 'not-begun' : today < n.endsOn ? 'running' : 'ended',
        nomineeIds: [...n.nomineeIds],
      }
    : null;
  const meetingStep = Object.entries(MEETING_STEP) as [keyof typeof MEETING_STEP, ElectionStep][];
  const approvalStep = Object.entries(APPROVAL_STEP) as [keyof typeof APPROVAL_STEP, ElectionStep][];
  const rows = ELECTION_STEPS.map((step) => {
    const st = s.steps[step];
    const references = [...st.references];
    let actualOn = st.completedOn;
    const approvalKind = approvalStep.find(([, x]) => x === step)?.[0];
    const reportKind = approvalKind ?? REPORT_STEP[step];
    const report = reportKind ? reportStatus(s, reportKind) : null;
    // Submitting the 请示 or the result report is that step done (CompleteStep still records it in older logs).
    if (report && !approvalKind) {
      const first = s.reports.find((r) => r.kind === reportKind)!;
      actualOn = earliest([actualOn, first.submittedOn]);
      for (const r of s.reports) if (r.kind === reportKind && r.reference) references.push(r.reference);
    }
    if (approvalKind) {
      const approvals = s.approvals.filter((a) => a.kind === approvalKind);
      actualOn = earliest([actualOn, ...approvals.map((a) => a.approvedOn)]);
      references.push(...approvals.map((a) => a.reference));
    }
    const meetingKind = meetingStep.find(([, x]) => x === step)?.[0];
    if (meetingKind) {
      // A meeting by its title where the link kept it; its id for links recorded before.
      const named = (meetingId: string) => s.meetings.find((m) => m.meetingId === meetingId)?.title ?? meetingId;
      for (const m of s.meetings) if (m.kind === meetingKind) references.push(named(m.meetingId));
      const cited = s.citations.filter((c) => c.kind === meetingKind);
      actualOn = earliest([actualOn, ...cited.map((c) => c.citedOn)]);
      for (const c of cited) references.push(`${named(c.meetingId)}@${c.revision} ${c.head.slice(0, 12)}`);
    }
    if (step === 'notice' && notice) {
      references.push(`${notice.from} +${notice.days} → ${notice.endsOn}`);
      if (notice.state === 'ended') actualOn = notice.endsOn;
    }
    return { step, st, actualOn, references, report };
  });
  let nextGiven = false;
  // Next is what follows the furthest step done; a step left behind it is flagged, not offered as next.
  const furthestDone = rows.reduce((at, r, i) => (r.actualOn ? i : at), -1);
  const steps = rows.map(({ step, st, actualOn, references, report }, i): ProcessCardStep => {
    let status: StepStatus;
    let daysLate: number | null = null;
    const progress = progressOf(s, step);
    if (actualOn) status = 'done';
    // Left behind a later step done, a step is flagged as never entered rather than counted late for ever.
    else if (i < furthestDone && !progress) status = 'unrecorded';
    else if (st.plannedOn && st.plannedOn < today) {
      status = 'overdue';
      daysLate = daysBetween(st.plannedOn, today);
    } else if (progress) status = 'in-progress';
    else if (!nextGiven) {
      status = 'next';
      nextGiven = true;
    } else status = 'pending';
    return {
      step,
      plannedOn: st.plannedOn,
      actualOn,
      responsible: st.responsible,
      status,
      daysLate,
      references,
      note: st.note,
      progress,
      report,
    };
  });
  const reports = {
    request: reportStatus(s, 'request'),
    candidates: reportStatus(s, 'candidates'),
    result: reportStatus(s, 'result'),
  };
  return { today, timeZone: s.timeZone, steps, notice, reports };
}

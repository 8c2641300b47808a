/**
 * The process card: the steps of the 换届 in the prescribed order, each with its planned and actual local day, who is
 * responsible, the references recorded, and whether it is done, next, overdue or pending; and the 公示 counting down.
 * One implementation: the backend's view and the dashboard both call it. Days are the election's time zone's.
 */
import { localDate } from '../meeting/local-date.js';
import { APPROVAL_STEP, ELECTION_STEPS, MEETING_STEP, type ElectionStep } from './commands.js';
import type { ElectionState } from './state.js';

export type StepStatus = 'done' | 'next' | 'overdue' | 'pending';

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
}

/** Calendar days from `a` to `b` (YYYY-MM-DD); negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

const earliest = (days: (string | null | undefined)[]) =>
  days.filter((d): d is string => typeof d === 'string').sort()[0] ?? null;

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
    if (approvalKind) {
      const approvals = s.approvals.filter((a) => a.kind === approvalKind);
      actualOn = earliest([actualOn, ...approvals.map((a) => a.approvedOn)]);
      references.push(...approvals.map((a) => a.reference));
    }
    const meetingKind = meetingStep.find(([, x]) => x === step)?.[0];
    if (meetingKind) {
      for (const m of s.meetings) if (m.kind === meetingKind) references.push(m.meetingId);
      const cited = s.citations.filter((c) => c.kind === meetingKind);
      actualOn = earliest([actualOn, ...cited.map((c) => c.citedOn)]);
      for (const c of cited) references.push(`${c.meetingId}@${c.revision} ${c.head.slice(0, 12)}`);
    }
    if (step === 'notice' && notice) {
      references.push(`${notice.from} +${notice.days} → ${notice.endsOn}`);
      if (notice.state === 'ended') actualOn = notice.endsOn;
    }
    return { step, st, actualOn, references };
  });
  let nextGiven = false;
  const steps = rows.map(({ step, st, actualOn, references }): ProcessCardStep => {
    let status: StepStatus;
    let daysLate: number | null = null;
    if (actualOn) status = 'done';
    else if (st.plannedOn && st.plannedOn < today) {
      status = 'overdue';
      daysLate = daysBetween(st.plannedOn, today);
    } else if (!nextGiven) {
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
    };
  });
  return { today, timeZone: s.timeZone, steps, notice };
}

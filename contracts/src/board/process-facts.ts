/**
 * What a 换届's process stream (`election-<id>`) says about the meetings it linked (MeetingLinked): whether the
 * plan (请示) is approved, whether the result report went up (ReportSubmitted) and whether the upper organisation
 * approved the result (UpperApprovalRecorded). Folded from the process events as they pass on the global log, so the
 * board never re-reads a process stream.
 */
import type { MeetingKind } from '../election/commands.js';

export interface MeetingProcessFacts {
  electionId: string;
  kind: MeetingKind;
  /** The 请示 (UpperApprovalRecorded kind 'request'): the scheduled meeting's plan is approved (方案已批). */
  planApproved: boolean;
  /** A result report (ReportSubmitted kind 'result') covers the meeting. */
  reported: boolean;
  /** The upper organisation approved the result (UpperApprovalRecorded kind 'result'). */
  resultApproved: boolean;
}

interface ProcessRecord {
  meetings: Map<string, MeetingKind>;
  planApproved: boolean;
  /** Meetings a report named; `all` once a report named none (it covers the process's 直选大会). */
  reported: Set<string>;
  reportedAll: boolean;
  approved: Set<string>;
  approvedAll: boolean;
}

/** Events of a process stream by type and data only; ReportSubmitted is read by its documented fields. */
export interface ProcessEventLike {
  type: string;
  data: unknown;
}

/** The meetings a process-wide report or approval (one naming no meeting) covers: the process's 直选大会. */
const COVERED_BY_PROCESS: readonly MeetingKind[] = ['election'];

export class ProcessFactsIndex {
  private readonly processes = new Map<string, ProcessRecord>();
  /** meetingId → the process that linked it (the latest link wins). */
  private readonly linkOf = new Map<string, string>();

  /** Folds one event of process `electionId`; returns the meetings whose facts it changed. */
  apply(electionId: string, e: ProcessEventLike): string[] {
    const p = this.record(electionId);
    const d = (e.data ?? {}) as { kind?: string; meetingId?: string };
    switch (e.type) {
      case 'MeetingLinked':
        if (typeof d.meetingId !== 'string') return [];
        p.meetings.set(d.meetingId, d.kind as MeetingKind);
        this.linkOf.set(d.meetingId, electionId);
        return [d.meetingId];
      case 'ReportSubmitted':
        if (d.kind !== 'result') return [];
        return this.mark(p, d.meetingId, 'reported');
      case 'UpperApprovalRecorded':
        // P-31a: a report returned for amendment (退回) is no approval; the board waits for the next answer.
        if ((e.data as { decision?: string } | undefined)?.decision === 'returned') return [];
        if (d.kind === 'request') {
          p.planApproved = true;
          return [...p.meetings.keys()];
        }
        if (d.kind !== 'result') return [];
        return this.mark(p, d.meetingId, 'approved');
      default:
        return [];
    }
  }

  /** The process facts of a meeting, or null when no process linked it. */
  factsOf(meetingId: string): MeetingProcessFacts | null {
    const electionId = this.linkOf.get(meetingId);
    const p = electionId === undefined ? undefined : this.processes.get(electionId);
    const kind = p?.meetings.get(meetingId);
    if (!p || !kind) return null;
    const byProcess = COVERED_BY_PROCESS.includes(kind);
    return {
      electionId: electionId!,
      kind,
      planApproved: p.planApproved,
      reported: p.reported.has(meetingId) || (p.reportedAll && byProcess),
      resultApproved: p.approved.has(meetingId) || (p.approvedAll && byProcess),
    };
  }

  private mark(p: ProcessRecord, meetingId: string | undefined, what: 'reported' | 'approved'): string[] {
    if (typeof meetingId === 'string') {
      p[what].add(meetingId);
      return [meetingId];
    }
    if (what === 'reported') p.reportedAll = true;
    else p.approvedAll = true;
    return [...p.meetings.keys()];
  }

  private record(electionId: string): ProcessRecord {
    let p = this.processes.get(electionId);
    if (!p)
      this.processes.set(
        electionId,
        (p = {
          meetings: new Map(),
          planApproved: false,
          reported: new Set(),
          reportedAll: false,
          approved: new Set(),
          approvedAll: false,
        }),
      );
    return p;
  }
}

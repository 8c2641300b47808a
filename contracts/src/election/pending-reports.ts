import { APPROVAL_KINDS } from './commands.js';
import { reportStatus, type ReportStatus } from './process-card.js';
import type { ElectionState } from './state.js';

/** A report awaiting the upper organisation's answer, with the 换届 it belongs to (the approver's worklist). */
export interface PendingReport extends ReportStatus {
  electionId: string;
  title: string;
  organisation: string;
  organisationId: string | null;
}

/** GET /api/organisations/:id/reports: what awaits an answer in the 换届 of the organisation and those below it. */
export interface OrganisationReportsReply {
  organisationId: string;
  pending: PendingReport[];
}

/** The reports of one 换届 that await an answer (P-31a), in APPROVAL_KINDS order. */
export function pendingReports(s: ElectionState): PendingReport[] {
  return APPROVAL_KINDS.map((kind) => reportStatus(s, kind))
    .filter((r): r is ReportStatus => r?.state === 'submitted')
    .map((r) => ({
      ...r,
      electionId: s.electionId,
      title: s.title,
      organisation: s.organisation,
      organisationId: s.organisationId,
    }));
}

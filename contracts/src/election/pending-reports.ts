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

/** A worklist's report, with whether the credential that read the worklist may record its answer. */
export interface WorklistReport extends PendingReport {
  /**
   * P-31: true for an approver of an organisation above the report's (or of the top organisation, for its own);
   * false for an org-admin or org-viewer, and for an approver's own organisation's reports, which the one above answers.
   */
  answerable: boolean;
}

/** GET /api/organisations/:id/reports: what awaits an answer in the 换届 of the organisation and those below it. */
export interface OrganisationReportsReply {
  organisationId: string;
  pending: WorklistReport[];
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

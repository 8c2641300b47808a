import type { ProvenanceLine } from './events.js';
import { electionToday } from './decide.js';
import { pipelineGaps, provenanceOf, type PipelineGap } from './pipeline.js';
import { processCard, type ProcessCard } from './process-card.js';
import type { CitationState, ElectionState, NomineeState, ObjectionState } from './state.js';

export interface ElectionNomineeView extends NomineeState {
  /** What still stands between the nominee and the candidate list today (P-08); empty: may be listed. */
  gaps: PipelineGap[];
  provenance: ProvenanceLine[];
}

/** GET /api/elections/:id: the process as its chair and observers read it. Token hashes are never shown. */
export interface ElectionView {
  electionId: string;
  organisation: string;
  /** The organisation the 换届 belongs to (its approvers answer its reports); null in logs before organisations. */
  organisationId: string | null;
  title: string;
  ruleset: ElectionState['ruleset'];
  timeZone: string;
  offices: ElectionState['offices'];
  parameters: ElectionState['parameters'];
  revision: number;
  head: string;
  card: ProcessCard;
  approvals: ElectionState['approvals'];
  /** Every report sent up, with the upper organisation's answer. */
  reports: ElectionState['reports'];
  nominees: ElectionNomineeView[];
  meetings: ElectionState['meetings'];
  citations: CitationState[];
  notice: ElectionState['notice'];
  objections: ObjectionState[];
  candidateList: ElectionState['candidateList'];
  viewer: { role: string };
}

export function electionView(s: ElectionState, now: string, viewer: { role: string }): ElectionView {
  const today = electionToday(s, now);
  return {
    electionId: s.electionId,
    organisation: s.organisation,
    organisationId: s.organisationId,
    title: s.title,
    ruleset: s.ruleset,
    timeZone: s.timeZone,
    offices: s.offices,
    parameters: s.parameters,
    revision: s.revision,
    head: s.head,
    card: processCard(s, now),
    approvals: s.approvals,
    reports: s.reports,
    nominees: s.nomineeOrder.map((id) => ({
      ...s.nominees[id]!,
      gaps: pipelineGaps(s, id, today),
      provenance: provenanceOf(s, id),
    })),
    meetings: s.meetings,
    citations: s.citations,
    notice: s.notice,
    objections: s.objectionOrder.map((id) => s.objections[id]!),
    candidateList: s.candidateList,
    viewer,
  };
}

/** POST /api/elections: the chair's and an observer's tokens, shown this once (the log keeps only their hashes). */
export interface OpenedElection {
  electionId: string;
  credentials: { chair: string; observer: string };
  links: { chair: string; observer: string };
}

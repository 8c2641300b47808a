/**
 * P-08, the candidate pipeline, in one place: which steps a nominee still lacks before the 直选大会 may list them,
 * and the provenance of those they passed. The decider refuses with the first gap; the view and the dashboard show
 * every gap and every line of provenance from the same functions.
 */
import type { ElectionStep } from './commands.js';
import type { ProvenanceLine } from './events.js';
import { latestCitations, type CitationState, type ElectionState } from './state.js';

export interface PipelineGap {
  step: ElectionStep;
  /** The refusal code FixCandidateList throws for it. */
  code: 'NOMINEE_STEP_MISSING' | 'NOTICE_NOT_ENDED' | 'OBJECTION_PENDING' | 'OBJECTION_UPHELD';
  rule: 'P-07' | 'P-08' | 'P-09' | 'P-10';
  /** In English, for the refusal message; screens say it from code and step. */
  detail: string;
  objectionId?: string;
}

const short = (h: string) => h.slice(0, 12);
/** How a provenance line names the citation it rests on: `<meeting>@<revision> <head, 12 digits>`. */
export const citationRef = (c: Pick<CitationState, 'meetingId' | 'revision' | 'head'>) =>
  `${c.meetingId}@${c.revision} ${short(c.head)}`;

/** The meeting steps (公推大会, 党组票决会) a nominee must pass where such a meeting is linked. */
function meetingGap(s: ElectionState, nomineeId: string, step: 'recommendation' | 'party-group'): PipelineGap | null {
  const linked = s.meetings.filter((m) => m.kind === step);
  if (linked.length === 0) return null;
  const rule = step === 'recommendation' ? 'P-09' : 'P-08';
  const cited = latestCitations(s, step);
  if (cited.length === 0)
    return { step, code: 'NOMINEE_STEP_MISSING', rule, detail: `no result of the linked ${step} meeting is cited` };
  if (!cited.some((c) => c.results.some((r) => r.nomineeId === nomineeId && r.passed)))
    return { step, code: 'NOMINEE_STEP_MISSING', rule, detail: `did not pass the cited ${step} meeting` };
  return null;
}

/** Every gap between a nominee and the candidate list, in the order of the steps, judged on the local day `today`. */
export function pipelineGaps(s: ElectionState, nomineeId: string, today: string): PipelineGap[] {
  const n = s.nominees[nomineeId];
  if (!n) return [{ step: 'nomination', code: 'NOMINEE_STEP_MISSING', rule: 'P-07', detail: 'not nominated' }];
  const gaps: PipelineGap[] = [];
  if (!n.review) gaps.push({ step: 'review', code: 'NOMINEE_STEP_MISSING', rule: 'P-08', detail: 'not reviewed' });
  else if (!n.review.qualified)
    gaps.push({ step: 'review', code: 'NOMINEE_STEP_MISSING', rule: 'P-08', detail: 'found not qualified' });
  const rec = meetingGap(s, nomineeId, 'recommendation');
  if (rec) gaps.push(rec);
  if (!n.examination)
    gaps.push({ step: 'examination', code: 'NOMINEE_STEP_MISSING', rule: 'P-08', detail: 'not examined' });
  else if (n.examination.outcome !== 'positive')
    gaps.push({
      step: 'examination',
      code: 'NOMINEE_STEP_MISSING',
      rule: 'P-08',
      detail: 'the examination was negative',
    });
  const pg = meetingGap(s, nomineeId, 'party-group');
  if (pg) gaps.push(pg);
  if (!s.notice || !s.notice.nomineeIds.includes(nomineeId))
    gaps.push({ step: 'notice', code: 'NOMINEE_STEP_MISSING', rule: 'P-10', detail: 'not on a public notice' });
  else if (today < s.notice.endsOn)
    gaps.push({
      step: 'notice',
      code: 'NOTICE_NOT_ENDED',
      rule: 'P-10',
      detail: `the notice runs until ${s.notice.endsOn}`,
    });
  for (const id of s.objectionOrder) {
    const o = s.objections[id]!;
    if (o.nomineeId !== nomineeId) continue;
    if (!o.resolution)
      gaps.push({
        step: 'notice',
        code: 'OBJECTION_PENDING',
        rule: 'P-10',
        detail: `objection ${id} is open`,
        objectionId: id,
      });
    else if (o.resolution.outcome === 'upheld')
      gaps.push({
        step: 'notice',
        code: 'OBJECTION_UPHELD',
        rule: 'P-10',
        detail: `objection ${id} was upheld`,
        objectionId: id,
      });
  }
  if (!s.approvals.some((a) => a.kind === 'candidates' && a.nomineeIds?.includes(nomineeId)))
    gaps.push({
      step: 'list-approval',
      code: 'NOMINEE_STEP_MISSING',
      rule: 'P-08',
      detail: 'the upper organisation has not approved this prospective candidate (二报)',
    });
  return gaps;
}

/** The steps a nominee passed, each with its local date and reference: why the name may be on the list. */
export function provenanceOf(s: ElectionState, nomineeId: string): ProvenanceLine[] {
  const n = s.nominees[nomineeId];
  if (!n) return [];
  const out: ProvenanceLine[] = n.routes.map((r) => ({
    step: 'nomination',
    on: r.proposedOn,
    reference: r.supporters.length ? `${r.route}: ${r.supporters.join(', ')}` : r.route,
  }));
  if (n.review?.qualified) out.push({ step: 'review', on: n.review.reviewedOn, reference: n.review.reviewedBy });
  for (const step of ['recommendation', 'party-group'] as const) {
    for (const c of latestCitations(s, step)) {
      const r = c.results.find((x) => x.nomineeId === nomineeId && x.passed);
      if (!r) continue;
      // Sorted by name: a figure's place in the object must not change the provenance (a stored event's keys are sorted).
      const figures = Object.entries(r.figures)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      out.push({ step, on: c.citedOn, reference: `${citationRef(c)}${figures ? `: ${figures}` : ''}` });
    }
    if (step === 'recommendation' && n.examination?.outcome === 'positive')
      out.push({ step: 'examination', on: n.examination.examinedOn, reference: n.examination.examiners.join(', ') });
  }
  if (s.notice?.nomineeIds.includes(nomineeId))
    out.push({
      step: 'notice',
      on: s.notice.from,
      reference: `${s.notice.from} +${s.notice.days} → ${s.notice.endsOn}`,
    });
  for (const a of s.approvals)
    if (a.kind === 'candidates' && a.nomineeIds?.includes(nomineeId))
      out.push({ step: 'list-approval', on: a.approvedOn, reference: a.reference });
  return out;
}

import { DomainError, refuse } from '../errors.js';
import { resolveRuleset } from '../rules/ruleset.js';
import { localDate, noticeEnds } from '../meeting/local-date.js';
import {
  DERIVED_STEPS,
  ELECTION_COMMAND_ROLES,
  MEETING_KIND_RULESET,
  type ElectionCommand,
  type ElectionActorRole,
  type ElectionCommandData,
} from './commands.js';
import type { NewElectionEvent } from './events.js';
import { pipelineGaps, provenanceOf, type PipelineGap } from './pipeline.js';
import { latestCitations, pendingReportIndex, type ElectionState, type NomineeState } from './state.js';

/** What the process decider needs from the world: the clock and who acts. */
export interface ElectionDecideContext {
  electionId: string;
  now: string;
  actor: { role: ElectionActorRole | 'system'; id: string };
}

/** Today on the election's calendar. */
export const electionToday = (s: ElectionState, now: string) => localDate(now, s.timeZone);

function actualDay(s: ElectionState, ctx: ElectionDecideContext, given: string | undefined, field: string): string {
  const today = electionToday(s, ctx.now);
  if (given === undefined) return today;
  // [D] P-08a: a fact of the process happened on a day that has come; a future date is a plan (PlanStep).
  if (given > today)
    throw refuse.rule('P-08a', 'DATE_IN_FUTURE', `${given} is after today (${today}) in ${s.timeZone}`, field, {
      date: given,
      until: today,
    });
  return given;
}

function nominee(s: ElectionState, nomineeId: string, field = 'data.nomineeId'): NomineeState {
  const n = s.nominees[nomineeId];
  if (!n) throw refuse.notFound(field, 'UNKNOWN_NOMINEE', `no nominee ${nomineeId}`, { candidateId: nomineeId });
  return n;
}

/** Once the list for the 直选大会 is fixed, the pipeline behind it is closed: what it rests on may not change. */
function listNotFixed(s: ElectionState) {
  if (s.candidateList)
    throw refuse.conflict('CANDIDATE_LIST_FIXED', 'the candidate list is fixed; the pipeline behind it is closed');
}

/**
 * P-08m [D]: a meeting is linked as the kind its ruleset holds: the 公推大会 under `recommendation`, the 党组票决会
 * under `party-group`, the 直选大会 under the 换届's own ruleset; a 动员大会 under any. A link without the meeting's
 * ruleset (a log written before the server filled it) is not checked.
 */
function meetingRulesetFits(s: ElectionState, d: ElectionCommandData<'LinkMeeting'>) {
  if (d.ruleset === undefined) return;
  const wanted = MEETING_KIND_RULESET[d.kind];
  const required = wanted === 'election' ? s.ruleset : wanted;
  if (required === null || d.ruleset === required) return;
  throw refuse.rule(
    'P-08m',
    'MEETING_RULESET_MISMATCH',
    `a ${d.kind} meeting is held under the ruleset ${required}; meeting ${d.meetingId} is under ${d.ruleset}`,
    'data.meetingId',
    { kind: d.kind, ruleset: d.ruleset, required },
  );
}

/**
 * The process stream's decider: a command and the current state in, the events out, or a DomainError. An empty
 * array is a no-op (already so). Pure: never reads a clock.
 */
export function decideElection(cmd: ElectionCommand, s: ElectionState, ctx: ElectionDecideContext): NewElectionEvent[] {
  if (!(ELECTION_COMMAND_ROLES[cmd.type] as readonly string[]).includes(ctx.actor.role))
    throw new DomainError('forbidden', 'FORBIDDEN', `role ${ctx.actor.role} may not send ${cmd.type}`);
  if (cmd.type === 'OpenElection') {
    if (s.opened) throw refuse.conflict('ELECTION_EXISTS', `election ${ctx.electionId} is already open`);
    const d = cmd.data;
    const preset = resolveRuleset(d.ruleset, d.parameters);
    return [
      {
        type: 'ElectionOpened',
        data: {
          electionId: ctx.electionId,
          organisation: d.organisation,
          ...(d.organisationId ? { organisationId: d.organisationId } : {}),
          title: d.title ?? `${d.organisation}换届`,
          ruleset: d.ruleset,
          timeZone: d.timeZone,
          offices: d.offices,
          parameters: {
            noticeDaysMin: preset.noticeDaysMin,
            jointNominationMinSupporters: preset.jointNominationMinSupporters,
          },
        },
      },
    ];
  }
  if (!s.opened) throw refuse.notFound('electionId', 'UNKNOWN_ELECTION', `no election ${ctx.electionId}`);
  switch (cmd.type) {
    case 'IssueElectionCredential':
      if (s.credentials[cmd.data.credentialId])
        throw refuse.conflict('CREDENTIAL_EXISTS', `credential ${cmd.data.credentialId} exists`, 'data.credentialId');
      return [{ type: 'ElectionCredentialIssued', data: cmd.data }];
    case 'PlanStep': {
      const st = s.steps[cmd.data.step];
      if (st.plannedOn === cmd.data.plannedOn && st.responsible === cmd.data.responsible) return [];
      return [{ type: 'StepPlanned', data: cmd.data }];
    }
    case 'CompleteStep':
      return completeStep(s, cmd.data, ctx);
    case 'SubmitReport':
      return submitReport(s, cmd.data, ctx);
    case 'RecordUpperApproval':
      return recordUpperApproval(s, cmd.data, ctx);
    case 'ProposeNominee':
      return proposeNominee(s, cmd.data, ctx);
    case 'ReviewNominee': {
      listNotFixed(s);
      nominee(s, cmd.data.nomineeId);
      if (!cmd.data.qualified && cmd.data.reason === '')
        throw refuse.rule('P-08', 'REASON_REQUIRED', 'say why the nominee is not qualified', 'data.reason');
      const reviewedOn = actualDay(s, ctx, cmd.data.reviewedOn, 'data.reviewedOn');
      return [{ type: 'NomineeReviewed', data: { ...cmd.data, reviewedOn } }];
    }
    case 'RecordExamination': {
      listNotFixed(s);
      const n = nominee(s, cmd.data.nomineeId);
      // P-08: 考察对象 come from the 初步人选, those found qualified.
      if (!n.review?.qualified)
        throw refuse.rule('P-08', 'NOT_QUALIFIED', `${n.name} has not been found qualified`, 'data.nomineeId', {
          candidateId: n.nomineeId,
        });
      const examinedOn = actualDay(s, ctx, cmd.data.examinedOn, 'data.examinedOn');
      return [{ type: 'ExaminationRecorded', data: { ...cmd.data, examinedOn } }];
    }
    case 'LinkMeeting': {
      const same = s.meetings.find((m) => m.meetingId === cmd.data.meetingId);
      if (same?.kind === cmd.data.kind) return [];
      if (same)
        throw refuse.conflict(
          'MEETING_LINKED_OTHERWISE',
          `meeting ${cmd.data.meetingId} is linked as the ${same.kind} meeting`,
          'data.meetingId',
        );
      meetingRulesetFits(s, cmd.data);
      return [{ type: 'MeetingLinked', data: cmd.data }];
    }
    case 'CiteMeetingResult':
      return citeMeetingResult(s, cmd.data, ctx);
    case 'OpenNotice':
      return openNotice(s, cmd.data);
    case 'ReceiveObjection': {
      listNotFixed(s);
      nominee(s, cmd.data.nomineeId);
      if (!s.notice?.nomineeIds.includes(cmd.data.nomineeId))
        throw refuse.rule(
          'P-10',
          'NOT_ON_NOTICE',
          'objections are received against names on the public notice',
          'data.nomineeId',
          {
            candidateId: cmd.data.nomineeId,
          },
        );
      if (s.objections[cmd.data.objectionId])
        throw refuse.conflict('OBJECTION_EXISTS', `objection ${cmd.data.objectionId} exists`, 'data.objectionId');
      const receivedOn = actualDay(s, ctx, cmd.data.receivedOn, 'data.receivedOn');
      return [{ type: 'ObjectionReceived', data: { ...cmd.data, receivedOn } }];
    }
    case 'ResolveObjection': {
      listNotFixed(s);
      const o = s.objections[cmd.data.objectionId];
      if (!o) throw refuse.notFound('data.objectionId', 'UNKNOWN_OBJECTION', `no objection ${cmd.data.objectionId}`);
      if (o.resolution)
        throw refuse.conflict(
          'OBJECTION_RESOLVED',
          `objection ${o.objectionId} is already resolved`,
          'data.objectionId',
        );
      const resolvedOn = actualDay(s, ctx, cmd.data.resolvedOn, 'data.resolvedOn');
      if (resolvedOn < o.receivedOn)
        throw refuse.invalid(
          'data.resolvedOn',
          'DATE_BEFORE_RECEIVED',
          `resolved before it was received (${o.receivedOn})`,
        );
      return [{ type: 'ObjectionResolved', data: { ...cmd.data, resolvedOn } }];
    }
    case 'FixCandidateList':
      return fixCandidateList(s, cmd.data, ctx);
    default: {
      const _exhaustive: never = cmd;
      return _exhaustive;
    }
  }
}

function completeStep(
  s: ElectionState,
  d: ElectionCommandData<'CompleteStep'>,
  ctx: ElectionDecideContext,
): NewElectionEvent[] {
  const own = DERIVED_STEPS[d.step];
  if (own)
    throw refuse.invalid('data.step', 'STEP_HAS_ITS_OWN_COMMAND', `${d.step} is recorded by ${own}`, {
      step: d.step,
    });
  const completedOn = actualDay(s, ctx, d.completedOn, 'data.completedOn');
  const data: NewElectionEvent & { type: 'StepCompleted' } = {
    type: 'StepCompleted',
    data: { step: d.step, completedOn },
  };
  if (d.reference) data.data.reference = d.reference;
  if (d.note) data.data.note = d.note;
  return [data];
}

/**
 * P-31a [D]: a report goes up before the upper organisation answers it. The result report names the 直选大会 whose
 * result the process cited (by default the latest cited), so the approver reads the figures the branch reported.
 */
function submitReport(
  s: ElectionState,
  d: ElectionCommandData<'SubmitReport'>,
  ctx: ElectionDecideContext,
): NewElectionEvent[] {
  if (s.approvals.some((a) => a.kind === d.kind))
    throw refuse.conflict('REPORT_APPROVED', `the ${d.kind} report is already approved`, 'data.kind', {
      report: d.kind,
    });
  let meetingId = d.meetingId;
  if (d.kind === 'result') {
    const cited = latestCitations(s, 'election');
    if (!cited.length)
      throw refuse.rule(
        'P-31a',
        'NO_RESULT_CITED',
        'the result report follows a 直选大会 whose result the process cited (CiteMeetingResult)',
        'data.kind',
      );
    if (meetingId === undefined) meetingId = cited.at(-1)!.meetingId;
    else if (!cited.some((c) => c.meetingId === meetingId))
      throw refuse.notFound(
        'data.meetingId',
        'MEETING_NOT_CITED',
        `no result of meeting ${meetingId} is cited as this election's 直选大会`,
      );
  } else if (meetingId !== undefined && !s.meetings.some((m) => m.meetingId === meetingId))
    throw refuse.notFound(
      'data.meetingId',
      'MEETING_NOT_LINKED',
      `meeting ${meetingId} is not linked to this election`,
    );
  const submittedOn = actualDay(s, ctx, d.submittedOn, 'data.submittedOn');
  const pending = s.reports[pendingReportIndex(s, d.kind)];
  if (
    pending &&
    pending.submittedOn === submittedOn &&
    pending.reference === (d.reference ?? null) &&
    pending.meetingId === (meetingId ?? null)
  )
    return [];
  const data: NewElectionEvent & { type: 'ReportSubmitted' } = {
    type: 'ReportSubmitted',
    data: { kind: d.kind, submittedOn },
  };
  if (d.reference) data.data.reference = d.reference;
  if (meetingId !== undefined) data.data.meetingId = meetingId;
  if (d.note) data.data.note = d.note;
  return [data];
}

function recordUpperApproval(
  s: ElectionState,
  d: ElectionCommandData<'RecordUpperApproval'>,
  ctx: ElectionDecideContext,
): NewElectionEvent[] {
  const approving = d.decision === 'approved';
  if (d.kind === 'candidates' && approving) {
    if (!d.nomineeIds?.length)
      throw refuse.rule(
        'P-08',
        'NOMINEES_REQUIRED',
        'name the prospective candidates the approval covers',
        'data.nomineeIds',
      );
    d.nomineeIds.forEach((id, i) => nominee(s, id, `data.nomineeIds.${i}`));
  } else if (d.nomineeIds !== undefined)
    throw refuse.invalid(
      'data.nomineeIds',
      'INVALID_FIELD',
      approving
        ? 'only the approval of the prospective candidates names nominees'
        : 'a report returned for amendment names no nominees',
    );
  // P-31: the result is approved once there is a list that was elected from.
  if (d.kind === 'result' && !s.candidateList)
    throw refuse.rule(
      'P-31',
      'NO_CANDIDATE_LIST',
      'the result is approved after the candidate list was fixed',
      'data.kind',
    );
  const approvedOn = actualDay(s, ctx, d.approvedOn, 'data.approvedOn');
  if (approving && s.approvals.some((a) => a.kind === d.kind && a.reference === d.reference)) return [];
  const last = s.reports.filter((r) => r.kind === d.kind).at(-1);
  if (!approving && last?.answer?.decision === 'returned' && last.answer.reference === d.reference) return [];
  // P-31a: the upper organisation answers a report the branch submitted, one answer each.
  if (!last || last.answer)
    throw refuse.rule(
      'P-31a',
      'REPORT_NOT_SUBMITTED',
      `no ${d.kind} report awaits an answer: the branch submits it first (SubmitReport)`,
      'data.kind',
      { report: d.kind },
    );
  if (approvedOn < last.submittedOn)
    throw refuse.invalid(
      'data.approvedOn',
      'DATE_BEFORE_SUBMITTED',
      `answered before the report was submitted (${last.submittedOn})`,
    );
  const data: NewElectionEvent & { type: 'UpperApprovalRecorded' } = {
    type: 'UpperApprovalRecorded',
    data: { kind: d.kind, reference: d.reference, approvedOn },
  };
  if (d.nomineeIds) data.data.nomineeIds = d.nomineeIds;
  if (!approving) data.data.decision = 'returned';
  return [data];
}

function proposeNominee(
  s: ElectionState,
  d: ElectionCommandData<'ProposeNominee'>,
  ctx: ElectionDecideContext,
): NewElectionEvent[] {
  listNotFixed(s);
  const old = s.nominees[d.nomineeId];
  if (old && old.name !== d.name)
    throw refuse.conflict('NOMINEE_NAME_DIFFERS', `${d.nomineeId} is nominated as ${old.name}`, 'data.name');
  if (d.office !== undefined && !s.offices.some((o) => o.office === d.office))
    throw refuse.notFound('data.office', 'UNKNOWN_OFFICE', `no office ${d.office} in this election`);
  const min = s.parameters.jointNominationMinSupporters;
  if (d.route === 'members' && d.supporters.length < min)
    throw refuse.rule(
      'P-07',
      'TOO_FEW_SUPPORTERS',
      `a joint nomination needs at least ${min} supporters`,
      'data.supporters',
      {
        min,
        count: d.supporters.length,
      },
    );
  if (old?.routes.some((r) => r.route === d.route)) return [];
  const proposedOn = actualDay(s, ctx, d.proposedOn, 'data.proposedOn');
  const data: NewElectionEvent & { type: 'NomineeProposed' } = {
    type: 'NomineeProposed',
    data: { nomineeId: d.nomineeId, name: d.name, route: d.route, supporters: d.supporters, proposedOn },
  };
  if (d.office !== undefined) data.data.office = d.office;
  return [data];
}

function citeMeetingResult(
  s: ElectionState,
  d: ElectionCommandData<'CiteMeetingResult'>,
  ctx: ElectionDecideContext,
): NewElectionEvent[] {
  const linked = s.meetings.find((m) => m.meetingId === d.meetingId);
  if (!linked)
    throw refuse.notFound(
      'data.meetingId',
      'MEETING_NOT_LINKED',
      `meeting ${d.meetingId} is not linked to this election`,
    );
  if (linked.kind === 'recommendation' || linked.kind === 'party-group') listNotFixed(s);
  const last = s.citations.filter((c) => c.meetingId === d.meetingId).at(-1);
  if (last && d.revision < last.revision)
    throw refuse.conflict(
      'CITATION_STALE',
      `revision ${d.revision} of meeting ${d.meetingId} is older than the one cited (${last.revision})`,
      'data.revision',
    );
  // The same revision cited the same way adds nothing; cited again with every round (a citation of before), it is new.
  if (last && last.revision === d.revision && last.head === d.head && last.rounds === d.rounds) return [];
  const seen = new Set<string>();
  d.results.forEach((r, i) => {
    if (seen.has(r.nomineeId))
      throw refuse.invalid(`data.results.${i}.nomineeId`, 'DUPLICATE_NOMINEE', `${r.nomineeId} is cited twice`);
    seen.add(r.nomineeId);
  });
  return [
    {
      type: 'MeetingResultCited',
      data: {
        meetingId: d.meetingId,
        kind: linked.kind,
        revision: d.revision,
        head: d.head,
        results: d.results,
        ...(d.rounds ? { rounds: d.rounds } : {}),
        citedOn: electionToday(s, ctx.now),
      },
    },
  ];
}

function openNotice(s: ElectionState, d: ElectionCommandData<'OpenNotice'>): NewElectionEvent[] {
  listNotFixed(s);
  const min = s.parameters.noticeDaysMin;
  if (d.days < min)
    throw refuse.rule('P-10', 'NOTICE_TOO_SHORT', `the notice lasts at least ${min} days`, 'data.days', {
      min,
      days: d.days,
    });
  const seen = new Set<string>();
  d.nomineeIds.forEach((id, i) => {
    const field = `data.nomineeIds.${i}`;
    const n = nominee(s, id, field);
    if (seen.has(id)) throw refuse.invalid(field, 'DUPLICATE_NOMINEE', `${id} is named twice`);
    seen.add(id);
    // P-08: the notice shows the prospective candidates (预备人选): every step before it passed.
    const gap = pipelineGaps(s, id, d.from).find((g) => STEP_BEFORE_NOTICE.has(g.step));
    if (gap) throw gapRefusal(gap, `${n.name} (${id})`, id, field);
  });
  return [
    {
      type: 'NoticeOpened',
      data: { nomineeIds: d.nomineeIds, from: d.from, days: d.days, endsOn: noticeEnds(d.from, d.days) },
    },
  ];
}

/** The refusal for a pipeline gap, naming the nominee, the missing step and the rule (codes written out for the checks). */
function gapRefusal(gap: PipelineGap, who: string, id: string, field: string) {
  const message = `${who}: ${gap.step}: ${gap.detail}`;
  const params = { candidateId: id, step: gap.step };
  switch (gap.code) {
    case 'NOMINEE_STEP_MISSING':
      return refuse.rule(gap.rule, 'NOMINEE_STEP_MISSING', message, field, params);
    case 'NOTICE_NOT_ENDED':
      return refuse.rule(gap.rule, 'NOTICE_NOT_ENDED', message, field, params);
    case 'OBJECTION_PENDING':
      return refuse.rule(gap.rule, 'OBJECTION_PENDING', message, field, params);
    case 'OBJECTION_UPHELD':
      return refuse.rule(gap.rule, 'OBJECTION_UPHELD', message, field, params);
  }
}

const STEP_BEFORE_NOTICE = new Set(['nomination', 'review', 'recommendation', 'examination', 'party-group']);

function fixCandidateList(
  s: ElectionState,
  d: ElectionCommandData<'FixCandidateList'>,
  ctx: ElectionDecideContext,
): NewElectionEvent[] {
  listNotFixed(s);
  const today = electionToday(s, ctx.now);
  const seen = new Set<string>();
  d.nomineeIds.forEach((id, i) => {
    const field = `data.nomineeIds.${i}`;
    const n = nominee(s, id, field);
    if (seen.has(id)) throw refuse.invalid(field, 'DUPLICATE_NOMINEE', `${id} is named twice`);
    seen.add(id);
    const gap = pipelineGaps(s, id, today)[0];
    if (gap) throw gapRefusal(gap, `${n.name} (${id})`, id, field);
  });
  return [
    {
      type: 'CandidateListFixed',
      data: {
        nomineeIds: d.nomineeIds,
        fixedOn: today,
        provenance: d.nomineeIds.map((nomineeId) => ({ nomineeId, steps: provenanceOf(s, nomineeId) })),
      },
    },
  ];
}

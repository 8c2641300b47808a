/**
 * Replays the process stream of a 换届 (`election-<id>`) as replay.ts does a meeting's: the hash chain, then every
 * event decided again (rebuilt into its command, decided on the state before it, by an actor the log credentialed)
 * and folded. Given the logs of the meetings it cites, it also checks each citation: the meeting's log verifies, it
 * reaches the cited revision, its chain head there is the cited one, and the figures folded to that revision are the
 * ones cited. Pure and browser-safe.
 */
import { canonicalJson } from '../chain/canonical.js';
import { isOrgRole } from '../access.js';

import { createChainVerifier, type ChainedEvent, type ChainHead, type ChainVerdict } from '../chain/chain.js';
import { DomainError } from '../errors.js';
import { adoptableCandidates } from '../election/adopt.js';
import { unadoptedContests } from '../election/adopt.js';
import { meetingResultFigures } from '../election/cite.js';
import { ELECTION_COMMAND_ROLES, type ElectionCommand } from '../election/commands.js';
import { decideElection } from '../election/decide.js';
import type { ElectionEvent, ElectionEventType } from '../election/events.js';
import { ELECTION_EVENT_OF, isElectionEventType } from '../election/events.js';
import { parseElectionCommand } from '../election/parse-command.js';
import { evolveElection, initialElectionState, type ElectionState } from '../election/state.js';
import type { AdoptedCandidate, EventDataMap } from '../meeting/events.js';
import { createReplayer, type BadEvent } from './replay.js';
import { timeProblem, VERIFY_CODES } from './redecide.js';

const jcs = (v: unknown): string => canonicalJson(v, 'value');

/** The codes a citation check fails with. */
export const CITATION_CODES = {
  /** The cited meeting's own log fails verification. */
  meetingLog: 'CITED_LOG_INVALID',
  /** The meeting's log ends before the cited revision. */
  short: 'CITED_REVISION_MISSING',
  /** The meeting's chain head at the cited revision is not the cited one. */
  head: 'CITED_HEAD_DIFFERS',
  /** The figures at the cited revision are not the cited ones. */
  figures: 'CITED_FIGURES_DIFFER',
  /** A cited 直选大会 voted on names that did not come from this 换届's fixed list (P-08b). */
  notAdopted: 'CITED_LIST_NOT_ADOPTED',
  /** A link records another ruleset than the linked meeting's own log pins (P-08m). */
  linkedRuleset: 'LINKED_RULESET_DIFFERS',
  /** A link records another title or scheduled day than the linked meeting's MeetingScheduled. */
  linkedMeeting: 'LINKED_MEETING_DIFFERS',
} as const;

/** The codes an adoption check (a 直选大会's CandidateListAdopted against this process stream, P-08b) fails with. */
export const ADOPTION_CODES = {
  /** The adopting meeting's own log fails verification. */
  meetingLog: 'ADOPTING_LOG_INVALID',
  /** The process stream does not link the adopting meeting as its election meeting (直选大会). */
  notLinked: 'ADOPTING_MEETING_NOT_LINKED',
  /** The process stream ends before the pinned revision. */
  short: 'ADOPTED_REVISION_MISSING',
  /** The process stream's chain head at the pinned revision is not the pinned one. */
  head: 'ADOPTED_HEAD_DIFFERS',
  /** No CandidateListFixed at or before the pinned revision. */
  noList: 'ADOPTED_LIST_MISSING',
  /** The candidates (names, provenance) are not the fixed list's for the contest's office. */
  candidates: 'ADOPTED_CANDIDATES_DIFFER',
} as const;

/** How each event is the command that produced it (one command, one event, in the process stream). */
const INVERSE: { [T in ElectionEventType]: (d: Extract<ElectionEvent, { type: T }>['data']) => unknown } = {
  ElectionOpened: (d) => ({
    organisation: d.organisation,
    ...(d.organisationId !== undefined ? { organisationId: d.organisationId } : {}),
    title: d.title,
    ruleset: d.ruleset,
    timeZone: d.timeZone,
    offices: d.offices,
    parameters: d.parameters,
  }),
  ElectionCredentialIssued: (d) => d,
  StepPlanned: (d) => d,
  StepCompleted: (d) => d,
  ReportSubmitted: (d) => d,
  UpperApprovalRecorded: ({ decision, ...d }) => ({ ...d, decision: decision ?? 'approved' }),
  NomineeProposed: (d) => d,
  NomineeReviewed: (d) => d,
  ExaminationRecorded: (d) => d,
  MeetingLinked: (d) => d,
  MeetingResultCited: (d) => ({
    meetingId: d.meetingId,
    revision: d.revision,
    head: d.head,
    results: d.results,
    ...(d.rounds ? { rounds: d.rounds } : {}),
  }),
  NoticeOpened: (d) => ({ nomineeIds: d.nomineeIds, from: d.from, days: d.days }),
  ObjectionReceived: (d) => d,
  ObjectionResolved: (d) => d,
  CandidateListFixed: (d) => ({ nomineeIds: d.nomineeIds }),
};
const COMMAND_OF = Object.fromEntries(Object.entries(ELECTION_EVENT_OF).map(([c, e]) => [e, c])) as Record<
  ElectionEventType,
  ElectionCommand['type']
>;

export interface CitationCheck {
  /** The process stream's revision of the MeetingResultCited. */
  revision: number;
  meetingId: string;
  kind: string;
  citedRevision: number;
  citedHead: string;
  /** 'unchecked': no log of that meeting was given. */
  status: 'matches' | 'differs' | 'unchecked';
  problem?: string;
  rule?: string;
  results: { nomineeId: string; passed: boolean; figures: Record<string, number> }[];
}

/** A 直选大会's adoption of the fixed list (P-08b), checked against the process stream. */
export interface AdoptionCheck {
  meetingId: string;
  /** The meeting's revision of the CandidateListAdopted; null for a linked election meeting whose log was not given. */
  meetingRevision: number | null;
  contestId: string | null;
  office: string | null;
  /** The process stream's revision and chain head the adoption pins. */
  pinnedRevision: number | null;
  pinnedHead: string | null;
  /** 'unchecked': the process links an election meeting whose log was not given. */
  status: 'matches' | 'differs' | 'unchecked';
  problem?: string;
  rule?: string;
  candidates: AdoptedCandidate[];
}

export interface ElectionReplayResult {
  ok: boolean;
  chain: ChainVerdict;
  head: ChainHead | null;
  events: number;
  firstBadEvent?: BadEvent;
  problems: BadEvent[];
  state: ElectionState;
  citations: CitationCheck[];
  /** Each CandidateListAdopted naming this election in the meeting logs given, and each linked election meeting not given. */
  adoptions: AdoptionCheck[];
}

/** Does this export hold a process stream (its first event opens an election)? */
export const isElectionLog = (first: unknown): boolean =>
  typeof first === 'object' && first !== null && (first as { type?: unknown }).type === 'ElectionOpened';

function redecideOne(
  s: ElectionState,
  e: ElectionEvent,
  first: boolean,
  openedBy: string | undefined,
): { rule: string; problem: string } | null {
  if (!isElectionEventType(e.type))
    return { rule: VERIFY_CODES.orphan, problem: `${e.type} is no event of a process stream` };
  if (first !== (e.type === 'ElectionOpened'))
    return {
      rule: VERIFY_CODES.orphan,
      problem: first ? 'the log does not begin with ElectionOpened' : 'ElectionOpened out of place',
    };
  const actor = e.metadata.actor;
  const type = COMMAND_OF[e.type];
  if (!(ELECTION_COMMAND_ROLES[type] as readonly string[]).includes(actor.role))
    return { rule: VERIFY_CODES.actor, problem: `${actor.role} may not send ${type}` };
  // The system acts once, when the election is opened (its credentials in the same command); never later.
  if (actor.role === 'system' && !first && e.metadata.commandId !== openedBy)
    return { rule: VERIFY_CODES.actor, problem: `the system acted after the election was opened (${type})` };
  // An organisation credential (the approver's) lives in its organisation-<id> stream, not in this log: the role is
  // checked against the table above, the credential only by a verifier given that stream.
  if (actor.role !== 'system' && !isOrgRole(actor.role) && s.credentials[actor.id]?.role !== actor.role)
    return {
      rule: VERIFY_CODES.credential,
      problem: `credential ${actor.id} (${actor.role}) was never issued in this log`,
    };
  let expected: unknown;
  try {
    const cmd = parseElectionCommand({ type, data: (INVERSE[e.type] as (d: unknown) => unknown)(e.data) });
    const electionId = first ? (e.data as { electionId: string }).electionId : s.electionId;
    expected = decideElection(cmd, s, { electionId, now: e.metadata.recordedAt, actor: actor as never });
  } catch (err) {
    if (err instanceof DomainError)
      return { rule: err.rule ?? err.code, problem: `the decider refuses it: ${err.message}` };
    throw err;
  }
  if (first && (e.data as { electionId?: unknown }).electionId !== e.metadata.meetingId)
    return { rule: VERIFY_CODES.differs, problem: 'the election id differs from the stream id in the metadata' };
  const recorded = jcs([{ type: e.type, data: e.data }]);
  if (jcs(expected) !== recorded)
    return {
      rule: VERIFY_CODES.differs,
      problem: `the decider gives ${jcs(expected)}, the log records ${recorded}`,
    };
  return null;
}

/** Why a cited or adopting meeting's log does not verify, naming its first bad event. */
function logFails(meetingId: string, r: { firstBadEvent?: BadEvent | undefined }): string {
  const b = r.firstBadEvent;
  return `the log of meeting ${meetingId} fails verification${b ? ` at revision ${b.revision} (${b.type}): ${b.problem}` : ''}`;
}

/** Checks one citation against the cited meeting's log. */
function checkCitation(
  e: Extract<ElectionEvent, { type: 'MeetingResultCited' }>,
  log: readonly ChainedEvent[] | undefined,
  electionId: string,
): CitationCheck {
  const d = e.data;
  const base: CitationCheck = {
    revision: e.metadata.revision,
    meetingId: d.meetingId,
    kind: d.kind,
    citedRevision: d.revision,
    citedHead: d.head,
    status: 'unchecked',
    results: d.results,
  };
  if (!log) return base;
  const replayer = createReplayer({ at: d.revision });
  for (const x of log) replayer.push(x);
  const r = replayer.finish();
  if (!r.ok) {
    return { ...base, status: 'differs', rule: CITATION_CODES.meetingLog, problem: logFails(d.meetingId, r) };
  }
  if ((r.head?.revision ?? -1) < d.revision)
    return {
      ...base,
      status: 'differs',
      rule: CITATION_CODES.short,
      problem: `the log of meeting ${d.meetingId} ends at revision ${r.head?.revision ?? -1}, before the cited revision ${d.revision}`,
    };
  if (r.state.head !== d.head)
    return {
      ...base,
      status: 'differs',
      rule: CITATION_CODES.head,
      problem: `meeting ${d.meetingId} at revision ${d.revision} has chain head ${r.state.head}, the citation pins ${d.head}`,
    };
  const actual = jcs(meetingResultFigures(r.state, d.rounds ?? 'latest'));
  if (actual !== jcs(d.results))
    return {
      ...base,
      status: 'differs',
      rule: CITATION_CODES.figures,
      problem: `meeting ${d.meetingId} at revision ${d.revision} declares ${actual}, the citation carries ${jcs(d.results)}`,
    };
  const unadopted = d.kind === 'election' ? unadoptedContests(r.state, electionId) : [];
  if (unadopted.length)
    return {
      ...base,
      status: 'differs',
      rule: CITATION_CODES.notAdopted,
      problem: `contest ${unadopted.join(', ')} of meeting ${d.meetingId} did not adopt the candidate list of election ${electionId} (P-08b)`,
    };
  return { ...base, status: 'matches' };
}

const who = (c: AdoptedCandidate) => `${c.name} (${c.candidateId})`;

/** What differs between the adopted candidates and those the fixed list gives the office, person by person. */
function candidateDifference(adopted: AdoptedCandidate[], fixed: AdoptedCandidate[], office: string): string {
  const out: string[] = [];
  for (const a of adopted) {
    const f = fixed.find((x) => x.candidateId === a.candidateId);
    if (!f) out.push(`${who(a)} is not on the list the process fixed for ${office}`);
    else if (f.name !== a.name) out.push(`${who(a)} is on the fixed list as ${f.name}`);
    else if (jcs(f.provenance) !== jcs(a.provenance))
      out.push(`${who(a)}: the provenance differs from the fixed list's`);
  }
  for (const f of fixed)
    if (!adopted.some((a) => a.candidateId === f.candidateId)) out.push(`${who(f)} of the fixed list is left out`);
  return out.length ? out.join('; ') : 'the order differs from the fixed list';
}

/**
 * Checks one CandidateListAdopted (at `index` of its meeting's `log`) against the process stream: the meeting is
 * linked as the election meeting, the stream reaches the pinned revision with the pinned head there, a list was fixed
 * by then, and it gives the contest's office exactly the adopted candidates with their provenance; then the meeting's
 * own log verifies up to the adoption.
 */
function checkAdoption(
  meetingId: string,
  log: readonly ChainedEvent[],
  index: number,
  byRevision: readonly ElectionState[],
  last: ElectionState,
): AdoptionCheck {
  const e = log[index]!;
  const d = e.data as EventDataMap['CandidateListAdopted'];
  const created = log.find(
    (x) => x.type === 'ContestCreated' && (x.data as { contestId?: unknown }).contestId === d.contestId,
  );
  const office = created ? (created.data as EventDataMap['ContestCreated']).office : null;
  const base: AdoptionCheck = {
    meetingId,
    meetingRevision: e.metadata.revision,
    contestId: d.contestId,
    office,
    pinnedRevision: d.revision,
    pinnedHead: d.head,
    status: 'matches',
    candidates: d.candidates,
  };
  const differs = (rule: string, problem: string): AdoptionCheck => ({ ...base, status: 'differs', rule, problem });
  if (!last.meetings.some((m) => m.meetingId === meetingId && m.kind === 'election'))
    return differs(
      ADOPTION_CODES.notLinked,
      `meeting ${meetingId} adopts the list of election ${d.electionId}, which does not link it as its election meeting`,
    );
  const at = byRevision[d.revision];
  if (!at)
    return differs(
      ADOPTION_CODES.short,
      `the process stream ends at revision ${last.revision}, before the revision meeting ${meetingId} pins (${d.revision})`,
    );
  if (at.head !== d.head)
    return differs(
      ADOPTION_CODES.head,
      `the process stream at revision ${d.revision} has chain head ${at.head}, meeting ${meetingId} pins ${d.head}`,
    );
  if (!at.candidateList)
    return differs(
      ADOPTION_CODES.noList,
      `no candidate list was fixed by revision ${d.revision} of the process stream`,
    );
  const fixed = adoptableCandidates(at, office ?? '');
  if (jcs(fixed) !== jcs(d.candidates))
    return differs(
      ADOPTION_CODES.candidates,
      `contest ${d.contestId} of meeting ${meetingId}: ${candidateDifference(d.candidates, fixed, office ?? d.contestId)}`,
    );
  const replayer = createReplayer({ at: e.metadata.revision });
  for (const x of log) replayer.push(x);
  const r = replayer.finish();
  if (!r.ok) {
    return differs(ADOPTION_CODES.meetingLog, logFails(meetingId, r));
  }
  return base;
}

/** Every adoption of this election's list in the meeting logs given, and the linked election meetings not given. */
function checkAdoptions(
  meetings: Readonly<Record<string, readonly ChainedEvent[]>>,
  byRevision: readonly ElectionState[],
  last: ElectionState,
): AdoptionCheck[] {
  const out: AdoptionCheck[] = [];
  for (const [meetingId, log] of Object.entries(meetings))
    log.forEach((x, i) => {
      if (x.type !== 'CandidateListAdopted') return;
      if ((x.data as { electionId?: unknown }).electionId !== last.electionId) return;
      out.push(checkAdoption(meetingId, log, i, byRevision, last));
    });
  for (const m of last.meetings)
    if (m.kind === 'election' && !meetings[m.meetingId])
      out.push({
        meetingId: m.meetingId,
        meetingRevision: null,
        contestId: null,
        office: null,
        pinnedRevision: null,
        pinnedHead: null,
        status: 'unchecked',
        candidates: [],
      });
  return out;
}

/**
 * Replays a process log. `meetings`: the logs of cited meetings by meeting id; each citation of a meeting given is
 * checked, the others are listed as unchecked.
 */
export function replayElection(
  events: readonly ChainedEvent[],
  opts: { meetings?: Readonly<Record<string, readonly ChainedEvent[]>> } = {},
): ElectionReplayResult {
  const verifier = createChainVerifier();
  let s = initialElectionState();
  const problems: BadEvent[] = [];
  const citations: CitationCheck[] = [];
  /** The state after each revision, for the adoptions pinned to one. */
  const byRevision: ElectionState[] = [];
  let chain: ChainVerdict = { ok: true, head: null };
  let latest = Number.NaN;
  let count = 0;
  for (const [i, raw] of events.entries()) {
    const failure = verifier.push(raw);
    if (failure) {
      chain = failure;
      problems.push({
        revision: failure.revision,
        index: i,
        type: failure.type,
        problem: failure.problem,
        rule: VERIFY_CODES.chain,
      });
      break;
    }
    count++;
    const e = raw as ElectionEvent;
    const late = timeProblem(latest, e.metadata.recordedAt);
    if (late)
      problems.push({ revision: e.metadata.revision, index: i, type: e.type, problem: late, rule: VERIFY_CODES.time });
    else
      latest = Number.isNaN(latest)
        ? Date.parse(e.metadata.recordedAt)
        : Math.max(latest, Date.parse(e.metadata.recordedAt));
    const bad = redecideOne(s, e, i === 0, (events[0] as ElectionEvent | undefined)?.metadata.commandId);
    if (bad) {
      problems.push({ revision: e.metadata.revision, index: i, type: e.type, ...bad });
      if (i === 0) break; // nothing after a bad opening can be judged
    }
    if (isElectionEventType(e.type)) {
      s = evolveElection(s, e);
      byRevision[e.metadata.revision] = s;
    }
    if (e.type === 'MeetingLinked' && e.data.ruleset) {
      // P-08m: the ruleset the server filled in is the one the meeting's own log pins.
      const first = opts.meetings?.[e.data.meetingId]?.[0];
      const pinned =
        first?.type === 'MeetingScheduled' ? (first.data as { ruleset?: { name?: unknown } }).ruleset?.name : undefined;
      if (first && pinned !== e.data.ruleset)
        problems.push({
          revision: e.metadata.revision,
          index: i,
          type: e.type,
          rule: CITATION_CODES.linkedRuleset,
          problem: `meeting ${e.data.meetingId} is linked as under ${e.data.ruleset}; its log pins ${String(pinned)}`,
        });
    }
    if (e.type === 'MeetingLinked' && (e.data.title !== undefined || e.data.scheduledFor !== undefined)) {
      // What the server filled in to name the meeting (its title and day) is the meeting's own, as scheduled.
      const first = opts.meetings?.[e.data.meetingId]?.[0];
      const own =
        first?.type === 'MeetingScheduled' ? (first.data as { title?: unknown; scheduledFor?: unknown }) : null;
      const differs = (['title', 'scheduledFor'] as const).filter(
        (k) => own !== null && e.data[k] !== undefined && e.data[k] !== own[k],
      );
      if (differs.length)
        problems.push({
          revision: e.metadata.revision,
          index: i,
          type: e.type,
          rule: CITATION_CODES.linkedMeeting,
          problem: `meeting ${e.data.meetingId} is linked with ${differs.map((k) => `${k} ${JSON.stringify(e.data[k])}`).join(', ')}; its log schedules ${differs.map((k) => JSON.stringify(own![k])).join(', ')}`,
        });
    }
    if (e.type === 'MeetingResultCited') {
      const c = checkCitation(e, opts.meetings?.[e.data.meetingId], s.electionId);
      citations.push(c);
      if (c.status === 'differs')
        problems.push({ revision: e.metadata.revision, index: i, type: e.type, problem: c.problem!, rule: c.rule! });
    }
  }
  if (chain.ok) chain = { ok: true, head: verifier.head() };
  const adoptions = s.opened ? checkAdoptions(opts.meetings ?? {}, byRevision, s) : [];
  for (const a of adoptions)
    if (a.status === 'differs')
      problems.push({
        revision: a.pinnedRevision ?? -1,
        type: 'CandidateListAdopted',
        problem: `meeting ${a.meetingId} revision ${a.meetingRevision}: ${a.problem!}`,
        rule: a.rule!,
      });
  const out: ElectionReplayResult = {
    ok: problems.length === 0,
    chain,
    head: verifier.head(),
    events: count,
    problems,
    state: s,
    citations,
    adoptions,
  };
  if (problems[0]) out.firstBadEvent = problems[0];
  return out;
}

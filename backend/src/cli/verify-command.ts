/**
 * `tallyroom verify`: the supervisor's independent check of a disputed
 * result. Everything it concludes comes from the log itself and the contracts'
 * replay (chain, pinned ruleset, every command decided again by the decider); the server
 * that wrote the log is not asked anything except, for a URL, the log.
 */
import {
  ANOMALY_TEXT,
  blockingOnly,
  createReplayer,
  meetingAnomalies,
  type Anomaly,
  isElectionLog,
  expectedOf,
  scheduleOf,
  seatsOutstanding,
  type BadEvent,
  type ContestSummary,
  type MeetingState,
  type ReplayResult,
  type RoundSummary,
  type PaperCounts,
  type RecommendationFigures,
} from '@tallyroom/contracts';
import { tallyColumns } from '../report/tally-columns.js';
import { logLines, SourceError } from './read-log.js';
import { parseVerifyArgs, UsageError, VERIFY_USAGE, type VerifyArgs } from './verify-args.js';
import { formatElectionText, verifyElectionLog, type ElectionVerifyReport } from './verify-election.js';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** How ChainVerifier.pushLine names a line that is not JSON; the report adds its line number. */
const NOT_JSON = 'line is not valid JSON (';

export interface VerifyReport {
  ok: boolean;
  source: string;
  events: number;
  chain: ReplayResult['chain'];
  head: ReplayResult['head'];
  /** The revision the figures below are folded to (--at, else the last event). */
  at: number;
  expectedHead: VerifyArgs['head'] | null;
  firstBadEvent: BadEvent | null;
  problems: BadEvent[];
  meeting: {
    meetingId: string;
    title: string;
    organisation: string;
    scheduledFor: string;
    timeZone: string;
    closed: boolean;
    /** A rehearsal (演练): its figures are no election result. */
    practice: boolean;
    ruleset: MeetingState['ruleset'];
  };
  attendance: { expected: number; presentVoters: number; attendeesWithoutVote: number; excluded: number };
  declarations: { total: number; matching: number };
  contests: ContestSummary[];
  /** memberId (or a scrutineer's credentialId) → name, for everyone named in a contest. */
  names: Record<string, string>;
  /** The blocking anomalies the log shows (A-01, A-02, A-03: the board's and the chair's codes), as at `at`. */
  anomalies: Anomaly[];
}

/** Whether the first line of a log opens a 换届 process stream rather than a meeting. */
function opensElection(text: string): boolean {
  try {
    return isElectionLog(JSON.parse(text));
  } catch {
    return false; // the meeting replay names a line that is not JSON
  }
}

/**
 * Reads the source once: a process log (its first line opens an election) is verified as one, with the meeting logs
 * given by --meeting; anything else as a meeting log, streamed.
 */
export async function verifySource(args: VerifyArgs): Promise<VerifyReport | ElectionVerifyReport> {
  const lines = logLines(args.source, args.token);
  const first = await lines.next();
  if (!first.done && opensElection(first.value.text)) {
    const all = [first.value];
    for await (const l of lines) all.push(l);
    return verifyElectionLog(args, all);
  }
  if (args.meetings.length)
    throw new UsageError('--meeting goes with a 换届 process log (GET /api/elections/:id/export)');
  async function* again() {
    if (!first.done) yield first.value;
    yield* lines;
  }
  return verifyLog(args, again());
}

/** Reads and replays the log; throws SourceError when it cannot be read. */
export async function verifyLog(
  args: VerifyArgs,
  source: AsyncIterable<{ text: string; lineNo: number }> = logLines(args.source, args.token),
): Promise<VerifyReport> {
  const opts: Parameters<typeof createReplayer>[0] = {};
  if (args.at !== undefined) opts.at = args.at;
  if (args.head) opts.head = args.head;
  const replayer = createReplayer(opts);
  // Blank lines are skipped, so a line's index among the pushed lines and its line number part
  // wherever one was: remember those places (few in any real export) to name a line that is not JSON.
  const shifts: { index: number; skipped: number }[] = [];
  let skipped = 0;
  let index = 0;
  for await (const { text, lineNo } of source) {
    if (lineNo - index - 1 !== skipped) {
      skipped = lineNo - index - 1;
      shifts.push({ index, skipped });
    }
    // After a chain failure the replayer ignores further lines; they are still read, which costs little.
    replayer.pushLine(text);
    index++;
  }
  const r = replayer.finish();
  const lineNoOf = (i: number) => {
    let before = 0;
    for (const x of shifts) if (x.index <= i) before = x.skipped;
    return i + 1 + before;
  };
  const fix = (b: BadEvent): BadEvent =>
    b.index !== undefined && b.problem.startsWith(NOT_JSON)
      ? { ...b, problem: `line ${lineNoOf(b.index)} ${b.problem.slice('line '.length)}` }
      : b;
  const problems = r.problems.map(fix);
  const s = r.state;
  const names: Record<string, string> = {};
  for (const c of r.contests) {
    for (const round of c.rounds) {
      for (const t of round.tally) names[t.candidateId] = s.members.get(t.candidateId)?.name ?? t.candidateId;
      for (const x of round.corrections) names[x.scrutineer] = s.credentials.get(x.scrutineer)?.name ?? x.scrutineer;
    }
  }
  const declared = r.contests.flatMap((c) => c.rounds).filter((x) => x.declared);
  return {
    ok: r.ok,
    source: args.source,
    events: r.events,
    chain: r.chain.ok ? r.chain : (fix(r.chain as BadEvent) as ReplayResult['chain']),
    head: r.head,
    at: r.at,
    expectedHead: args.head ?? null,
    firstBadEvent: problems[0] ?? null,
    problems,
    meeting: {
      meetingId: s.meetingId,
      title: s.title,
      organisation: s.organisation,
      scheduledFor: s.scheduledFor,
      timeZone: s.timeZone,
      closed: s.closed,
      practice: s.practice === true,
      ruleset: s.ruleset,
    },
    attendance: {
      expected: expectedOf(s),
      presentVoters: s.presentVoters,
      attendeesWithoutVote: s.attendeesWithoutVote,
      excluded: s.excluded,
    },
    declarations: { total: declared.length, matching: declared.filter((x) => x.matches).length },
    contests: r.contests,
    names,
    anomalies: blockingOnly(meetingAnomalies(s, { chain: r.chain.ok ? null : r.chain })),
  };
}

/** One anomaly as a line: its code, what it means and where. */
function anomalyText(a: Anomaly): string {
  const where = [
    a.contestId !== undefined ? `contest ${a.contestId}` : '',
    a.round !== undefined ? `round ${a.round}` : '',
    a.stationId !== undefined ? `box ${a.stationId}` : '',
  ].filter(Boolean);
  const figures = Object.entries(a.params ?? {}).map(([k, v]) => `${k} ${v}`);
  return `anomaly    ${a.code} blocking: ${ANOMALY_TEXT[a.code]}${where.length ? ` · ${where.join(' ')}` : ''}${figures.length ? ` (${figures.join(', ')})` : ''}`;
}

// ---------------------------------------------------------------- text output

const pad = (s: string | number, n: number) => String(s).padStart(n);
/** Width on a terminal: CJK characters take two columns. */
const width = (s: string) =>
  [...s].reduce(
    (n, c) =>
      n +
      (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1),
    0,
  );
const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

function roundText(r: RoundSummary, names: Record<string, string>): string[] {
  const who = (id: string) => `${names[id] ?? id} (${id})`;
  const out = [
    `  Round ${r.round} · ${r.kind} · ${r.seats} seat${r.seats === 1 ? '' : 's'} · ${r.status}`,
    `    presentVoters ${r.presentVoters}   ballots issued ${r.ballotsIssued}   returned ${r.ballotsReturned ?? '— (open)'}   valid ${r.valid}   invalid ${r.invalid}` +
      `   threshold ${r.threshold === null ? 'none (most votes)' : r.threshold}`,
  ];
  const col = Math.max(24, ...r.tally.map((t) => width(who(t.candidateId)) + 2));
  // P-23: unreadable marks and unmarked valid ballots, as the report prints them, so that a row adds up to `valid`.
  const extra = tallyColumns(r);
  out.push(
    `    ${padEnd('candidate', col)}${pad('for', 6)}${pad('against', 9)}${pad('abstain', 9)}${extra.keys.map((k) => pad(k, 12)).join('')}`,
  );
  for (const t of r.tally) {
    const tag = r.elected.includes(t.candidateId)
      ? '  elected'
      : r.candidates.includes(t.candidateId)
        ? ''
        : '  (write-in)';
    const cells = extra.cells(t.candidateId).map((v) => pad(v ?? '', 12));
    out.push(
      `    ${padEnd(who(t.candidateId), col)}${pad(t.for, 6)}${pad(t.against, 9)}${pad(t.abstain, 9)}${cells.join('')}${tag}`,
    );
  }
  out.push(
    `    elected by the replay: ${r.elected.map(who).join(', ') || 'nobody'}${r.status === 'open' ? ' (provisional: the round is open)' : ''}`,
  );
  if (r.recommendation) out.push(...recommendationText(r.recommendation, who, col));
  if (r.declared) {
    out.push(
      r.matches
        ? `    declared: ${r.declared.elected.map(who).join(', ') || 'nobody'} — MATCHES the replay`
        : `    declared: ${r.declared.elected.map(who).join(', ') || 'nobody'} — DIFFERS: ${r.mismatch ?? ''}`,
    );
  } else if (!r.matches) {
    out.push(`    DIFFERS: ${r.mismatch ?? ''}`);
  } else {
    out.push('    declared: not yet');
  }
  for (const x of r.corrections) {
    out.push(
      `    correction: ballot ${x.ballotNo} ${x.kind} at revision ${x.revision} by ${names[x.scrutineer] ?? x.scrutineer} (${x.scrutineer}): ${x.reason}`,
    );
  }
  return out;
}

/** P-09: a recommendation or trust round's figures by paper category, as recommendationResult replays them. */
function recommendationText(f: RecommendationFigures, who: (id: string) => string, col: number): string[] {
  const c = (x: PaperCounts | undefined) => (x ? `${x.member}/${x.masses}/${x.deputy}/${x.all}` : '');
  const out = [
    `    ${f.kind} ballots by paper (member/masses/deputy/all): cast ${c(f.ballots)}   invalid ${c(f.invalid)}` +
      (f.required === null
        ? ''
        : `   counted papers ${f.countedPapers.join(', ')}: base ${f.base}, passing needs ${f.required} (${f.rule})`),
  ];
  for (const l of f.lines) {
    const tag = l.passed === null ? '' : l.passed ? '  over half' : '  not over half';
    const writeIn = l.writeIn ? '  (write-in)' : '';
    out.push(
      f.kind === 'trust'
        ? `    ${padEnd(who(l.candidateId), col)}trust ${c(l.votes)}   basic ${c(l.basic)}   no trust ${c(l.distrust)}`
        : `    ${padEnd(who(l.candidateId), col)}${c(l.votes)}${tag}${writeIn}`,
    );
  }
  return out;
}

export function formatText(v: VerifyReport): string {
  const lines: string[] = [];
  const m = v.meeting;
  lines.push(`tallyroom verify ${v.source}`);
  if (m.meetingId) {
    const when = scheduleOf(m.scheduledFor, m.timeZone);
    const day = when.startTime ? `${when.date} ${when.startTime}` : when.date;
    lines.push(
      `meeting    ${m.title} · ${m.organisation} · ${day} (${m.timeZone}) · id ${m.meetingId}${m.closed ? ' · closed' : ''}`,
    );
    if (m.practice) lines.push('practice   PRACTICE (演练): a rehearsal, no election result');
  }
  if (m.ruleset) lines.push(`ruleset    ${m.ruleset.name} (pinned in revision 0)`);
  if (v.chain.ok)
    lines.push(`chain      holds: ${v.events} events, head revision ${v.head?.revision ?? '—'} ${v.head?.hash ?? ''}`);
  else
    lines.push(
      `chain      BROKEN at revision ${v.chain.revision} (${v.chain.type || 'unreadable'}): ${v.chain.problem}`,
    );
  if (v.expectedHead) lines.push(`report     head ${v.expectedHead.revision}:${v.expectedHead.hash}`);
  if (v.at !== v.head?.revision) lines.push(`state      as at revision ${v.at}`);
  const a = v.attendance;
  lines.push(
    `attendance expected ${a.expected} · presentVoters ${a.presentVoters} · attendees without vote ${a.attendeesWithoutVote} · excluded ${a.excluded}`,
  );
  for (const c of v.contests) {
    lines.push('', `contest ${c.contestId} · ${c.office} · ${c.seats} seat${c.seats === 1 ? '' : 's'} · ${c.mode}`);
    // A contest withdrawn before its first round (P-15) was never run: neither elected nor unfinished.
    if (c.withdrawal) {
      lines.push(`  withdrawn at revision ${c.withdrawal.revision} (${c.withdrawal.on}): ${c.withdrawal.reason}`);
      continue;
    }
    if (c.adoption)
      lines.push(
        `  candidates adopted from election ${c.adoption.electionId} @${c.adoption.revision} ${c.adoption.head}: ${c.adoption.candidateIds.join(', ')} (P-08b; check the link: tallyroom verify <process-log> --meeting <this log>)`,
      );
    for (const r of c.rounds) lines.push(...roundText(r, v.names));
    // PG-03: a vote per name passes or fails each name; a name that failed leaves nothing to elect.
    if (m.ruleset?.perName) {
      const who = (ids: string[]) => ids.map((id) => `${v.names[id] ?? id} (${id})`).join(', ') || 'nobody';
      const stood = [...new Set(c.rounds.flatMap((r) => r.candidates))];
      const declared = c.rounds.some((r) => r.declared);
      lines.push(
        declared
          ? `  passed (${m.ruleset.win.rule}): ${who(c.elected)} · not passed: ${who(stood.filter((id) => !c.elected.includes(id)))}${c.approval ? ` · approval ${c.approval}` : ''}`
          : '  unfinished: no result declared yet',
      );
      continue;
    }
    const outstanding = seatsOutstanding(c);
    lines.push(
      `  elected in this contest: ${c.elected.map((id) => `${v.names[id] ?? id} (${id})`).join(', ') || 'nobody'}` +
        `${c.vacant ? ` · ${c.vacant} left vacant` : ''}${c.approval ? ` · approval ${c.approval}` : ''}` +
        `${outstanding > 0 ? ` · unfinished: ${outstanding} seat${outstanding === 1 ? '' : 's'} still to elect` : ''}`,
    );
  }
  if (v.anomalies.length) lines.push('', ...v.anomalies.map(anomalyText));
  lines.push('');
  if (v.ok) {
    lines.push(
      `OK: the chain holds and ${v.declarations.matching} of ${v.declarations.total} declared results match the replay${v.expectedHead ? "; the log reaches the report's head" : ''}.`,
    );
  } else {
    const b = v.firstBadEvent!;
    lines.push(
      `FAILED: first bad event at revision ${b.revision}${b.type ? ` (${b.type})` : ''}${b.index !== undefined ? `, line ${b.index + 1}` : ''}${b.rule ? `, rule ${b.rule}` : ''}: ${b.problem}`,
    );
    if (v.problems.length > 1)
      lines.push(
        `        and ${v.problems.length - 1} more problem${v.problems.length > 2 ? 's' : ''}:`,
        ...v.problems
          .slice(1, 10)
          .map((p) => `        revision ${p.revision} (${p.type})${p.rule ? ` rule ${p.rule}` : ''}: ${p.problem}`),
      );
  }
  return lines.join('\n') + '\n';
}

/** The whole command; returns the exit status. */
export async function runVerify(
  argv: readonly string[],
  io: { out: (s: string) => void; err: (s: string) => void },
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let args: VerifyArgs;
  try {
    args = parseVerifyArgs(argv, env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    if (err.message) io.err(`tallyroom verify: ${err.message}\n\n`);
    io.err(VERIFY_USAGE + '\n');
    return err.message ? EXIT.usage : EXIT.ok;
  }
  let v: VerifyReport | ElectionVerifyReport;
  try {
    v = await verifySource(args);
  } catch (err) {
    if (err instanceof SourceError || err instanceof UsageError) {
      io.err(`tallyroom verify: ${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  }
  io.out(args.json ? JSON.stringify(v, null, 2) + '\n' : 'kind' in v ? formatElectionText(v) : formatText(v));
  return v.ok ? EXIT.ok : EXIT.failed;
}

/**
 * `tallyroom verify` for a 换届 process log (election-<id>): replayElection (contracts) re-decides every event, and
 * each log given with --meeting is replayed to the revision the process stream cites and compared with the citation.
 */
import {
  processCard,
  replayElection,
  type BadEvent,
  type ChainedEvent,
  type AdoptionCheck,
  type CitationCheck,
  type ElectionReplayResult,
  type ProcessCard,
} from '@tallyroom/contracts';
import { logLines, SourceError } from './read-log.js';
import type { VerifyArgs } from './verify-args.js';

export interface ElectionVerifyReport {
  kind: 'election';
  ok: boolean;
  source: string;
  events: number;
  chain: ElectionReplayResult['chain'];
  head: ElectionReplayResult['head'];
  firstBadEvent: BadEvent | null;
  problems: BadEvent[];
  election: { electionId: string; organisation: string; title: string; ruleset: string; timeZone: string };
  /** The process card as at the last event (the verifier reads no clock). */
  card: ProcessCard | null;
  candidateList: ElectionReplayResult['state']['candidateList'];
  names: Record<string, string>;
  citations: CitationCheck[];
  /** Each 直选大会's adoption of the fixed list (P-08b), and each linked election meeting whose log was not given. */
  adoptions: AdoptionCheck[];
  /** The meeting logs given with --meeting, by meeting id. */
  meetingLogs: Record<string, string>;
}

const parse = (text: string, where: string): ChainedEvent => {
  try {
    return JSON.parse(text) as ChainedEvent;
  } catch (err) {
    throw new SourceError(`${where} is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
};

async function readAll(source: string, token: string | undefined): Promise<ChainedEvent[]> {
  const out: ChainedEvent[] = [];
  for await (const { text, lineNo } of logLines(source, token)) out.push(parse(text, `${source} line ${lineNo}`));
  return out;
}

/** `first`: the first line of the source, already read; `rest`: the lines after it. */
export async function verifyElectionLog(
  args: VerifyArgs,
  lines: { text: string; lineNo: number }[],
): Promise<ElectionVerifyReport> {
  const events = lines.map((l) => parse(l.text, `line ${l.lineNo}`));
  const meetings: Record<string, ChainedEvent[]> = {};
  const meetingLogs: Record<string, string> = {};
  for (const source of args.meetings) {
    const log = await readAll(source, args.token);
    const id = log[0]?.metadata.meetingId;
    if (!id) throw new SourceError(`${source} holds no meeting log`);
    meetings[id] = log;
    meetingLogs[id] = source;
  }
  const r = replayElection(events, { meetings });
  const s = r.state;
  const last = events[r.events - 1];
  const names: Record<string, string> = {};
  for (const id of s.nomineeOrder) names[id] = s.nominees[id]!.name;
  return {
    kind: 'election',
    ok: r.ok,
    source: args.source,
    events: r.events,
    chain: r.chain,
    head: r.head,
    firstBadEvent: r.firstBadEvent ?? null,
    problems: r.problems,
    election: {
      electionId: s.electionId,
      organisation: s.organisation,
      title: s.title,
      ruleset: s.ruleset,
      timeZone: s.timeZone,
    },
    card: s.opened && last ? processCard(s, last.metadata.recordedAt) : null,
    candidateList: s.candidateList,
    names,
    citations: r.citations,
    adoptions: r.adoptions,
    meetingLogs,
  };
}

export function formatElectionText(v: ElectionVerifyReport): string {
  const lines: string[] = [`tallyroom verify ${v.source}`];
  const e = v.election;
  const who = (id: string) => `${v.names[id] ?? id} (${id})`;
  if (e.electionId)
    lines.push(`election   ${e.title} · ${e.organisation} · ${e.timeZone} · id ${e.electionId} · ruleset ${e.ruleset}`);
  if (v.chain.ok)
    lines.push(`chain      holds: ${v.events} events, head revision ${v.head?.revision ?? '—'} ${v.head?.hash ?? ''}`);
  else
    lines.push(
      `chain      BROKEN at revision ${v.chain.revision} (${v.chain.type || 'unreadable'}): ${v.chain.problem}`,
    );
  if (v.card) {
    lines.push('', `steps (as at ${v.card.today})`);
    for (const st of v.card.steps)
      lines.push(
        `  ${st.step.padEnd(16)} planned ${st.plannedOn ?? '—'.padEnd(10)}  actual ${st.actualOn ?? '—'.padEnd(10)}  ${st.status}` +
          (st.progress
            ? ` (${st.progress.count}${st.progress.of !== null ? `/${st.progress.of}` : ''}${st.progress.since ? ` since ${st.progress.since}` : ''})`
            : '') +
          `${st.responsible ? ` · ${st.responsible}` : ''}${st.references.length ? ` · ${st.references.join('; ')}` : ''}`,
      );
  }
  for (const c of v.citations) {
    lines.push(
      '',
      `citation   revision ${c.revision}: ${c.kind} meeting ${c.meetingId} @${c.citedRevision} ${c.citedHead} — ` +
        (c.status === 'matches'
          ? `MATCHES ${v.meetingLogs[c.meetingId] ?? 'its log'}`
          : c.status === 'differs'
            ? `DIFFERS: ${c.problem ?? ''}`
            : 'not checked (give its log with --meeting)'),
    );
    for (const r of c.results)
      lines.push(
        `  ${who(r.nomineeId)}: ${r.passed ? 'passed' : 'did not pass'} · ${Object.entries(r.figures)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}`,
      );
  }
  for (const a of v.adoptions) {
    if (a.status === 'unchecked') {
      lines.push('', `adoption   election meeting ${a.meetingId} — not checked (give its log with --meeting)`);
      continue;
    }
    lines.push(
      '',
      `adoption   meeting ${a.meetingId} revision ${a.meetingRevision}: contest ${a.contestId} (${a.office ?? '?'}) adopts the list @${a.pinnedRevision} ${a.pinnedHead} — ` +
        (a.status === 'matches'
          ? `MATCHES the list fixed in this log (${v.meetingLogs[a.meetingId] ?? 'its log'})`
          : `DIFFERS (${a.rule ?? ''}): ${a.problem ?? ''}`),
    );
    for (const c of a.candidates)
      lines.push(`  ${c.name} (${c.candidateId}): ${c.provenance.map((x) => `${x.step} ${x.on}`).join(' · ')}`);
  }
  if (v.candidateList) {
    lines.push('', `candidate list fixed ${v.candidateList.fixedOn}:`);
    for (const p of v.candidateList.provenance) {
      lines.push(`  ${who(p.nomineeId)}`);
      for (const x of p.steps) lines.push(`    ${x.step.padEnd(16)} ${x.on}  ${x.reference}`);
    }
  }
  lines.push('');
  if (v.ok) {
    const checked = v.citations.filter((c) => c.status === 'matches').length;
    lines.push(
      `OK: the chain holds, every event is what the rules decide, and ${checked} of ${v.citations.length} citations were checked against their meeting's log.`,
    );
    const adopted = v.adoptions.filter((x) => x.status === 'matches').length;
    if (v.adoptions.length)
      lines.push(
        `    ${adopted} adoption${adopted === 1 ? '' : 's'} of the candidate list by the election meeting match the list fixed here${v.adoptions.some((x) => x.status === 'unchecked') ? '; an election meeting was not checked' : ''}.`,
      );
  } else {
    const b = v.firstBadEvent!;
    lines.push(
      `FAILED: first bad event at revision ${b.revision}${b.type ? ` (${b.type})` : ''}${b.rule ? `, rule ${b.rule}` : ''}: ${b.problem}`,
    );
    for (const p of v.problems.slice(1, 10))
      lines.push(`        revision ${p.revision} (${p.type})${p.rule ? ` rule ${p.rule}` : ''}: ${p.problem}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * The printable 选举结果报告单 (result report, P-31): everything the higher
 * organisation is sent, laid out as a branch files it (title, 主送, body,
 * sections numbered 一、二、…, 特此报告, a signature line for the chair and for
 * each appointed scrutineer and teller, the organisation and the date in
 * Chinese numerals at the lower right with room for the seal), plus the chain
 * head that lets anyone holding the exported log check that this paper and the
 * log agree. Pure apart from the QR encoder: the controller, the CLI and tests
 * all call it with a folded state. Every figure and outcome comes from the
 * contracts (summarizeContests, quorumStatus); this file only lays them out,
 * and report-text.ts words them.
 *
 * Observers may read the report, so it carries what the result needs and
 * nothing of the roll: counts of who was present, never their names; write-ins
 * by name only when elected (as in the observer view); a roll correction names
 * only a candidate or officer, anyone else by member id.
 */
import {
  compareDeclaration,
  compositionFlags,
  contestStatus,
  credentialHolderName,
  isVillageRuleset,
  departedVoters,
  expectedOf,
  heldOn,
  publishedTally,
  quorumStatus,
  scheduleOf,
  seatsOutstanding,
  summarizeContests,
  type ChainHead,
  type ContestSummary,
  type MeetingState,
  type RoundSummary,
  type Ruleset,
  type SummedLine,
  approvalOffices,
  awaitsApproval,
} from '@tallyroom/contracts';
import QRCode from 'qrcode';
import { html, trusted, type Html } from './html.js';
import { tallyColumns } from './tally-columns.js';
import { practiceWatermark } from './practice-watermark.js';
import { PRINT_SCRIPT } from './print-script.js';
import { FIXED_RULES, reportWords, type ReportLang, type ReportWords, type RuleKey } from './report-text.js';

export interface ReportOptions {
  lang?: ReportLang;
  /** The stored log failed verification here: shown as a warning banner. */
  broken?: { revision: number; problem: string };
}

/** The QR payload: short, and enough to find the log and check its head. */
export const headPayload = (meetingId: string, head: ChainHead) =>
  `tallyroom-head:${meetingId}:${head.revision}:${head.hash}`;
export const verifyCommand = (head: ChainHead) =>
  `npm run verify -- meeting.ndjson --head ${head.revision}:${head.hash}`;

const label = (map: Record<string, string>, key: string) => map[key] ?? key;

export interface Ctx {
  s: MeetingState;
  w: ReportWords;
  nameOf: (id: string) => string;
  /** "委员选举", by office; told apart only when one office has several contests. */
  contestName: (contestId: string) => string;
  /** 第一轮 / 重新投票 / 另行选举, per round of each contest. */
  roundLabel: (contestId: string, round: number) => string;
}

/** A first round after the first is the re-run of a void one (P-21). */
export const roundKind = (r: RoundSummary) => (r.kind === 'first' && r.round > 1 ? 'rerun' : r.kind);

export function contestNames(contests: ContestSummary[], w: ReportWords): Map<string, string> {
  const names = new Map<string, string>();
  for (const c of contests) {
    const same = contests.filter((x) => x.office === c.office);
    names.set(c.contestId, w.contestName(c.office, same.length > 1 ? same.indexOf(c) + 1 : null));
  }
  return names;
}

/**
 * Each round by what it was: the first round, a re-vote after a void round (P-21) or among the tied (P-26),
 * a supplementary election (P-27); the second of a kind in one contest says so.
 */
export function roundLabels(contests: ContestSummary[], w: ReportWords): Map<string, string> {
  const labels = new Map<string, string>();
  for (const c of contests) {
    const seen = new Map<string, number>();
    for (const r of c.rounds) {
      const kind = roundKind(r);
      // Counted by the name the round is given: a void round's re-run and a tie re-vote are both 重新投票.
      const name = w.roundLabel(kind, 1);
      const nth = (seen.get(name) ?? 0) + 1;
      seen.set(name, nth);
      labels.set(`${c.contestId}#${r.round}`, w.roundLabel(kind, nth));
    }
  }
  return labels;
}

export function thresholdText(r: RoundSummary, ruleset: Ruleset, w: ReportWords): string {
  if (r.threshold === null) return w.thresholdPlurality;
  if (r.kind === 'supplementary' && ruleset.supplementary.kind === 'plurality-with-floor')
    return w.thresholdFloor(r.threshold, ruleset.supplementary.floor);
  return w.thresholdShare(r.threshold, ruleset.win, ruleset.win.base);
}

function figureRow(key: string, title: string, value: unknown): Html {
  return html`<tr data-figure="${key}" data-value="${value ?? ''}"><th>${title}</th><td class="n">${value ?? '—'}</td></tr>`;
}

function tallyTableRows(
  r: RoundSummary,
  extra: ReturnType<typeof tallyColumns>,
  { w, nameOf, s }: Ctx,
): (Html | null)[] {
  const elected = r.declared?.elected ?? null;
  const result = (id: string) => (elected === null ? w.pending : elected.includes(id) ? w.elected : w.notElected);
  // V-11a: a summed line shows its addition, each higher office by name, as the declaration pinned it.
  const parts = (t: SummedLine) =>
    t.parts
      ? html`<span class="parts" data-parts="${t.parts.map((p) => `${p.contestId}#${p.round}:${p.for}`).join(' ')}">${w.summedParts(
          t.for - t.parts.reduce((n, p) => n + p.for, 0),
          t.parts.map((p) => ({
            office: w.contestName(s.contests.get(p.contestId)?.office ?? p.contestId, null),
            votes: p.for,
          })),
        )}</span>`
      : null;
  const more = (id: string | null) =>
    extra.cells(id).map((v, i) => html`<td class="n" data-mark="${extra.keys[i]}">${v ?? '—'}</td>`);
  const row = (t: SummedLine, who: string) =>
    html`<tr data-candidate="${t.candidateId}"><td>${who}</td><td class="n" data-mark="for">${t.for}${parts(t)}</td><td class="n" data-mark="against">${t.against}</td><td class="n" data-mark="abstain">${t.abstain}</td>${more(t.candidateId)}<td>${result(t.candidateId)}</td></tr>`;
  // Observers read the report: a written-in name is published only if elected (as in the observer view).
  const { candidates, writeInsElected: shown, otherWriteInsFor: hiddenFor } = publishedTally(r, elected);
  return [
    ...candidates.map((t) => row(t, nameOf(t.candidateId))),
    ...shown.map((t) => row(t, `${nameOf(t.candidateId)}${w.parens[0]}${w.writeIn}${w.parens[1]}`)),
    hiddenFor > 0
      ? html`<tr data-candidate="write-ins"><td>${w.writeInsTotal}</td><td class="n" data-mark="for">${hiddenFor}</td><td class="n">—</td><td class="n">—</td>${more(null)}<td>${w.notElected}</td></tr>`
      : null,
  ];
}

/** The declaration as stored, against the figures recounted from the ballots in the log. */
function matchNote(r: RoundSummary, w: ReportWords): Html | null {
  if (!r.declared) return null;
  const diff = compareDeclaration(r.declared, { ...r, ballotsReturned: r.ballotsReturned ?? 0 });
  return diff
    ? html`<p class="mismatch" data-match="false">✗ ${w.declaredDiffers}: ${diff}</p>`
    : html`<p class="match" data-match="true">✓ ${w.declaredMatches}</p>`;
}

function roundSection(r: RoundSummary, ctx: Ctx): Html {
  const { w, nameOf, s } = ctx;
  const elected = r.declared?.elected;
  const notElected = elected ? r.candidates.filter((id) => !elected.includes(id)) : null;
  const name = ctx.roundLabel(r.contestId, r.round);
  const why = w.roundWhy[roundKind(r)];
  const extra = tallyColumns(r);
  return html`<div class="round" data-contest="${r.contestId}" data-round="${r.round}" data-kind="${r.kind}" data-status="${r.status}">
<h4><span data-round-label>${name}</span>${why ? html`<span class="why">${w.parens[0]}${why}${w.parens[1]}</span>` : null} · ${w.seats(r.seats)} · ${label(w.statuses, r.status)} <span class="ref">${w.roundNumber(r.round)}</span></h4>
<div class="cols"><table class="figures">
${figureRow('presentVoters', w.presentVoters, r.presentVoters)}
${figureRow('ballotsIssued', w.ballotsIssued, r.ballotsIssued)}
${figureRow('ballotsReturned', w.ballotsReturned, r.ballotsReturned)}
${figureRow('valid', w.valid, r.valid)}
${figureRow('invalid', w.invalid, r.invalid)}
<tr data-figure="threshold" data-value="${r.threshold ?? ''}"><th>${w.threshold}</th><td>${thresholdText(r, s.ruleset!, w)}</td></tr>
</table>
<table class="tally"><caption>${name}</caption><thead><tr><th>${w.candidate}</th><th>${w.for}</th><th>${w.against}</th><th>${w.abstain}</th>${extra.keys.map((k) => html`<th>${w[k]}</th>`)}<th>${w.result}</th></tr></thead>
<tbody>${tallyTableRows(r, extra, ctx)}</tbody></table></div>
${r.declared?.summedFrom ? html`<p class="note" data-summed="${r.declared.summedFrom.map((x) => `${x.contestId}#${x.round}`).join(' ')}">${w.summedNote}<span class="ref">${w.ruleRef('V-11a')}</span></p>` : null}
${
  elected
    ? html`<p data-round-elected="${elected.join(' ')}"><b>${w.roundElected(name)}</b>${elected.map(nameOf).join(w.sep) || w.none}${'\u3000'}<b>${w.roundNotElected}</b>${notElected!.map(nameOf).join(w.sep) || w.none}</p>`
    : html`<p>${w.notDeclared}</p>`
}
${matchNote(r, w)}
</div>`;
}

/** P-31: secretaries need the higher organisation's approval; committee members are reported for the record. */
export function approval(s: MeetingState, c: ContestSummary, w: ReportWords): { label: Html; value: string } {
  const ref = html`<span class="ref">${w.ruleRef('P-31')}</span>`;
  if (!approvalOffices(s.ruleset)) return { label: html`${w.approval}`, value: c.approval ?? w.approvalPending };
  return awaitsApproval(s.ruleset, c.office)
    ? { label: html`${w.approvalRequired}${ref}`, value: c.approval ?? w.approvalPending }
    : { label: html`${w.forTheRecord}${ref}`, value: c.approval ?? w.recordPending };
}

/**
 * A person's votes in the round that decided them (the round that elected them, else the last they stood in),
 * with that round named: first-round and 另行选举 votes are never shown as one figure.
 */
export function votesOf(c: ContestSummary, id: string, ctx: Ctx): string {
  const rounds = c.rounds.filter((r) => r.tally.some((t) => t.candidateId === id));
  const deciding = rounds.find((r) => r.declared?.elected.includes(id)) ?? rounds.at(-1);
  const votes = deciding?.tally.find((t) => t.candidateId === id)?.for ?? 0;
  return ctx.w.votesIn(ctx.nameOf(id), votes, deciding ? ctx.roundLabel(c.contestId, deciding.round) : '—');
}

function contestSection(c: ContestSummary, n: number, ctx: Ctx): Html {
  const { s, w } = ctx;
  const stood = [...new Set(c.rounds.flatMap((r) => r.candidates))];
  const notElected = stood.filter((id) => !c.elected.includes(id));
  const outstanding = seatsOutstanding(c);
  const withVotes = (ids: string[]) => ids.map((id) => votesOf(c, id, ctx)).join(w.sep) || w.none;
  const electorate = s.contests.get(c.contestId)?.electorate;
  const committee = electorate && electorate !== 'meeting' ? s.contests.get(electorate.committeeOf)?.office : undefined;
  const { label: approvalLabel, value: approvalValue } = approval(s, c, w);
  const due = s.contests.get(c.contestId)?.newElection;
  return html`<section class="contest" data-contest="${c.contestId}" data-office="${c.office}">
<h3>${w.subsection(n, ctx.contestName(c.contestId))} · ${w.seats(c.seats)} · ${label(w.modes, c.mode)}${committee ? html` · ${w.byCommittee(committee)}` : null}</h3>
${c.rounds.map((r) => roundSection(r, ctx))}
<table class="summary">
<tr><th>${w.electedVotes}</th><td data-summary="elected" data-ids="${c.elected.join(' ')}">${withVotes(c.elected)}</td></tr>
<tr><th>${w.notElectedVotes}</th><td data-summary="not-elected" data-ids="${notElected.join(' ')}">${withVotes(notElected)}</td></tr>
${
  due
    ? html`<tr><th>${w.newElection}<span class="ref">${w.ruleRef('V-11b')}</span></th><td data-summary="new-election" data-seats="${due.seats}" data-due="${due.dueBy}">${w.newElectionDue(due.seats, due.withinMonths, due.dueBy)}</td></tr>`
    : html`<tr><th>${w.vacancies}</th><td data-summary="vacant">${c.vacant}${outstanding > 0 ? w.stillToElect(outstanding) : ''}</td></tr>`
}
<tr><th>${approvalLabel}</th><td data-summary="approval">${approvalValue}</td></tr>
</table>
</section>`;
}

/**
 * Who the paper may name: officers and candidates are public anyway (the
 * observer view shows them); anyone else on the roll is not, so a correction
 * of theirs shows the member's id and never a name.
 */
export function publicMembers(s: MeetingState): Set<string> {
  const ids = new Set(s.officers?.scrutineers ?? []);
  for (const c of s.contests.values()) {
    for (const id of [...(c.list?.candidateIds ?? []), ...c.rounds.flatMap((r) => r.candidates), ...c.elected])
      ids.add(id);
    // A list was published: those who withdrew from it were on it in public.
    if (c.list) for (const x of c.withdrawn) ids.add(x.candidateId);
    // A list taken down had been on the notice board too.
    for (const x of c.listWithdrawals) for (const id of x.candidateIds) ids.add(id);
  }
  return ids;
}

/** One line of the corrections table: its cells in column order (`n`: a number, right-aligned). */
export interface CorrectionRow {
  revision: number;
  kind: string;
  cells: { text: string | number; n?: boolean }[];
}

/**
 * Ballot corrections, the chair's reopenings, roll corrections and withdrawals, in log order: each changes a count
 * or a list once set. The html report and the Word report lay out these same rows.
 */
export function correctionRows(contests: ContestSummary[], ctx: Ctx): CorrectionRow[] {
  const { s, w, nameOf } = ctx;
  const named = publicMembers(s);
  const who = (id: string) => (named.has(id) ? nameOf(id) : w.memberById(id));
  const status = (x: string) => label(w.memberStatuses, x);
  // The scrutineer as the credential's binding names them (contracts' credentialHolderName, as the screens do).
  const scrutineerName = (credentialId: string) => credentialHolderName(s, credentialId) ?? credentialId;
  const rollChange = (x: MeetingState['memberCorrections'][number]) => {
    const changes: string[] = [];
    if (x.before.name !== x.after.name)
      changes.push(named.has(x.memberId) ? w.nameChange(x.before.name, x.after.name) : w.nameCorrected);
    if (x.before.status !== x.after.status)
      changes.push(w.statusChange(status(x.before.status), status(x.after.status)));
    return w.rollCorrected(who(x.memberId), changes);
  };
  const dash = { text: '—', n: true };
  const row = (
    revision: number,
    kind: string,
    where: string,
    round: string | typeof dash,
    ballot: number | typeof dash,
    action: string,
    reason: string,
    by: string,
  ): CorrectionRow => ({
    revision,
    kind,
    cells: [
      { text: where },
      typeof round === 'string' ? { text: round } : round,
      typeof ballot === 'number' ? { text: ballot, n: true } : ballot,
      { text: action },
      { text: reason },
      { text: by },
      { text: revision, n: true },
    ],
  });
  return [
    ...contests.flatMap((c) =>
      c.rounds.flatMap((r) => {
        const contest = ctx.contestName(c.contestId);
        const round = ctx.roundLabel(c.contestId, r.round);
        return [
          ...r.corrections.map((x) =>
            row(
              x.revision,
              x.kind,
              contest,
              round,
              x.ballotNo,
              x.kind === 'corrected' ? w.corrected : w.voided,
              x.reason,
              `${w.scrutineer} ${scrutineerName(x.scrutineer)}`,
            ),
          ),
          ...r.reopenings.map((x) =>
            row(
              x.revision,
              'reopened',
              contest,
              round,
              dash,
              w.reopened(x.undid.status, x.undid.ballotsReturned),
              x.reason,
              w.chair,
            ),
          ),
        ];
      }),
    ),
    ...contests.flatMap((c) =>
      (s.contests.get(c.contestId)?.withdrawn ?? []).map((x) =>
        row(
          x.revision,
          'withdrawn',
          ctx.contestName(c.contestId),
          '—',
          dash,
          w.withdrew(who(x.candidateId)),
          x.reason,
          w.chair,
        ),
      ),
    ),
    // A withdrawn contest and a withdrawn list are decisions of the chair, not results: they appear here, with the reason.
    ...contests.flatMap((c) =>
      (s.contests.get(c.contestId)?.listWithdrawals ?? []).map((x) =>
        row(
          x.revision,
          'list-withdrawn',
          `${label(w.offices, c.office)} (${c.contestId})`,
          dash,
          dash,
          w.listWithdrawn(x.publishedOn),
          x.reason,
          w.chair,
        ),
      ),
    ),
    ...contests.flatMap((c) =>
      c.withdrawal
        ? [
            row(
              c.withdrawal.revision,
              'contest-withdrawn',
              `${label(w.offices, c.office)} (${c.contestId})`,
              dash,
              dash,
              w.contestWithdrawn,
              c.withdrawal.reason,
              w.chair,
            ),
          ]
        : [],
    ),
    ...s.memberCorrections.map((x) => row(x.revision, 'roll', w.roll, '—', dash, rollChange(x), x.reason, w.chair)),
  ].sort((a, b) => a.revision - b.revision);
}

/** The corrections table's column titles, shared by the html and the Word report. */
export const correctionColumns = (w: ReportWords) => [
  w.contest,
  w.roundCol,
  w.ballotNo,
  w.action,
  w.reason,
  w.handledBy,
  w.revision,
];

function correctionsSection(n: number, contests: ContestSummary[], ctx: Ctx): Html {
  const { w } = ctx;
  const rows = correctionRows(contests, ctx).map(
    (x) =>
      html`<tr data-correction="${x.revision}" data-kind="${x.kind}">${x.cells.map((c) => (c.n ? html`<td class="n">${c.text}</td>` : html`<td>${c.text}</td>`))}</tr>`,
  );
  return html`<section class="corrections"><h2>${w.section(n, w.corrections)}</h2>
${rows.length ? html`<table><thead><tr>${correctionColumns(w).map((t) => html`<th>${t}</th>`)}</tr></thead><tbody>${rows}</tbody></table>` : html`<p>${w.none}</p>`}
</section>`;
}

/** The rule id a parameter carries, shown as a small reference. */
function ruleOf(v: unknown): string | null {
  return v !== null && typeof v === 'object' && 'rule' in v && typeof v.rule === 'string' ? v.rule : null;
}

/** One parameter in words: the label, the rule as a branch says it, and its id as a small reference. */
function ruleRow<K extends RuleKey>(k: K, r: Ruleset, w: ReportWords): Html {
  const t = w.rules[k];
  const rule = ruleOf(r[k]);
  return html`<tr data-param="${k}"><th>${t.label}</th><td>${t.text(r[k], r)}${rule ? html`<span class="ref">${w.ruleRef(rule)}</span>` : null}</td></tr>`;
}

function rulesetSection(n: number, r: Ruleset, w: ReportWords): Html {
  const params = (Object.keys(w.rules) as RuleKey[]).filter((k) => k in r).map((k) => ruleRow(k, r, w));
  const fixed = FIXED_RULES.map(
    (k) => html`<tr data-rule="${k}"><th>${w.fixedRules[k].label}</th><td>${w.fixedRules[k].text}</td></tr>`,
  );
  return html`<section class="ruleset"><h2>${w.section(n, w.ruleset)}${w.parens[0]}<span data-ruleset="${r.name}">${w.rulesetNames[r.name] ?? r.name}</span>${w.parens[1]}</h2><table>${params}${fixed}</table></section>`;
}

/** The body's attendance: as it stood when the meeting's first ballots were issued, else as it stands. */
export function meetingAttendance(s: MeetingState): { expected: number; present: number } {
  for (const c of s.contests.values()) {
    const first = c.electorate === 'meeting' ? c.rounds[0] : undefined;
    if (first) return { expected: first.expected, present: first.presentVoters };
  }
  return { expected: expectedOf(s), present: s.presentVoters };
}

function signatureLine(kind: string, role: string, name: string, w: ReportWords): Html {
  return html`<div class="sign" data-sign="${kind}" data-name="${name}"><span class="role">${role}</span><span class="name">${name}</span><span class="line"></span><span class="cap">${w.sign}</span></div>`;
}

function signatures(s: MeetingState, w: ReportWords, nameOf: (id: string) => string): Html {
  const o = s.officers;
  const lines = [
    signatureLine('chair', w.chair, '', w),
    ...(o
      ? o.scrutineers.map((id) => signatureLine('scrutineer', w.scrutineer, nameOf(id), w))
      : [signatureLine('scrutineer', w.scrutineer, '', w)]),
    ...(o
      ? o.tellers.map((t) => signatureLine('teller', w.teller, t.name, w))
      : [signatureLine('teller', w.teller, '', w)]),
  ];
  return html`<div class="signatures" aria-label="${w.signatures}">${lines}</div>`;
}

/** Names of people, contests and rounds as the report words them (the Word report uses the same). */
export function reportContext(s: MeetingState, contests: ContestSummary[], w: ReportWords): Ctx {
  const names = contestNames(contests, w);
  const labels = roundLabels(contests, w);
  return {
    s,
    w,
    nameOf: (id: string) => s.members.get(id)?.name ?? id,
    contestName: (id) => names.get(id) ?? id,
    roundLabel: (id, n) => labels.get(`${id}#${n}`) ?? w.roundNumber(n),
  };
}

/**
 * The whole page. `head` must be the head of `s` itself (read together, before
 * any await), so the paper never mixes two revisions.
 */
export async function renderReport(s: MeetingState, head: ChainHead, opts: ReportOptions = {}): Promise<string> {
  if (!s.ruleset) throw new Error('renderReport: the meeting has not been scheduled');
  const lang = opts.lang ?? 'zh-CN';
  const w = reportWords(lang, s.ruleset);
  const contests = summarizeContests(s);
  // A withdrawn contest was never run: it has no section of results, only its line among the corrections.
  const standing = contests.filter((c) => !c.withdrawal);
  const departed = departedVoters(s);
  const ctx = reportContext(s, contests, w);
  const { nameOf } = ctx;
  // The day on the meeting's own clock: the days its events happened, else the day it is scheduled for.
  const schedule = scheduleOf(s.scheduledFor, s.timeZone);
  const held = heldOn(s) ?? { first: schedule.date, last: schedule.date };
  const dateHtml = html`<span data-meta="date" data-value="${held.first}"${held.last !== held.first ? html` data-last="${held.last}"` : null}>${held.first === held.last ? w.day(held.first) : w.days(held.first, held.last)}</span>${held.first !== schedule.date && /^\d{4}-\d{2}-\d{2}$/.test(schedule.date) ? html`<span class="note" data-meta="scheduled" data-value="${schedule.date}">${w.scheduledOtherDay(schedule.date)}</span>` : null}`;
  const startTime =
    schedule.startTime && held.first === schedule.date
      ? html` · ${w.startTime} <span data-meta="startTime" data-value="${schedule.startTime}" data-zone="${s.timeZone}">${w.timeIn(schedule.startTime, s.timeZone)}</span>`
      : null;
  const officers = s.officers;
  const attendance = meetingAttendance(s);
  // V-12: one implementation with the meeting view (compositionFlags).
  const flags = compositionFlags(
    s.ruleset,
    [...s.contests.values()].map((c) => ({ status: contestStatus(c), ballot: c.ballot, elected: c.elected })),
    (id) => s.members.get(id)?.sex,
  );
  const people = w.people[s.ruleset.name] ?? '';
  const body = w.body({
    organisation: s.organisation,
    title: s.title,
    date: dateHtml,
    people,
    expected: attendance.expected,
    present: attendance.present,
    quorum: s.ruleset.quorum
      ? {
          met: quorumStatus(s.ruleset, attendance.expected, attendance.present).met,
          share: s.ruleset.quorum,
        }
      : null,
    method: s.method !== null,
    scrutineers: officers?.scrutineers.map(nameOf) ?? [],
    tellers: officers?.tellers.map((t) => t.name) ?? [],
    contests: contests.map((c) => ctx.contestName(c.contestId)),
  });
  const other = lang === 'en' ? '?lang=zh-CN' : '?lang=en';
  let section = 0;
  const page = html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${w.title} — ${s.title}</title>
<style>${trusted(CSS)}</style></head>
<body>
${practiceWatermark(s, lang)}
<nav class="no-print"><button type="button" id="print">${w.print}</button><a href="${other}" hreflang="${lang === 'en' ? 'zh-CN' : 'en'}">${w.otherLanguage}</a></nav>
${opts.broken ? html`<p class="warning" role="alert">⚠ ${w.warning(opts.broken.revision, opts.broken.problem)}</p>` : null}
<header><h1>${w.title}</h1>${w.subtitle ? html`<p class="sub center">${w.subtitle}</p>` : null}
<p class="doc-title center" data-meta="title">${s.title}</p></header>
${s.closed ? null : html`<p class="notice" data-meta="open">${w.stillOpen}</p>`}
<p class="addressee">${w.addressee}<span class="fill"><span class="cap">${w.addresseeCaption}</span></span></p>
<p class="body">${body}</p>
<section class="attendance"><h2>${w.section(++section, w.attendance)}</h2><table>
${figureRow('expected', w.expected, expectedOf(s))}
${departed > 0 ? figureRow('departedVoters', w.departedVoters, departed) : null}
${figureRow('presentVoters', departed > 0 ? w.presentAfterDepartures : w.presentNow, s.presentVoters)}
${figureRow('attendeesWithoutVote', w.attendeesWithoutVote, s.attendeesWithoutVote)}
${figureRow('excluded', w.excluded, s.excluded)}
${s.assistedWriting.length > 0 || isVillageRuleset(s.ruleset) ? figureRow('assistedWriting', w.assistedWriting, s.assistedWriting.length) : null}
</table><p class="note">${w.presentNote}</p></section>
<section class="officers"><h2>${w.section(++section, w.officers)}</h2><table>
<tr><th>${w.scrutineers}</th><td data-officers="scrutineers">${officers ? officers.scrutineers.map(nameOf).join(w.sep) : w.notAppointed}</td></tr>
<tr><th>${w.tellers}</th><td data-officers="tellers">${officers ? officers.tellers.map((t) => t.name).join(w.sep) : w.notAppointed}</td></tr>
</table></section>
${standing.length ? html`<section class="results"><h2>${w.section(++section, w.results)}</h2>${standing.map((c, i) => contestSection(c, i + 1, ctx))}${flags.map((f) => html`<p class="notice" data-flag="${f.code}">${w.noWomanElected}<span class="ref">${w.ruleRef(f.rule)}</span></p>`)}</section>` : null}
${correctionsSection(++section, contests, ctx)}
${rulesetSection(++section, s.ruleset, w)}
<section class="closing">
${w.closing ? html`<p class="closing-line">${w.closing}</p>` : null}
${signatures(s, w, nameOf)}
<div class="issuer" data-date="${held.last}"><p class="org"><span data-meta="organisation">${s.organisation}</span><span class="seal">${w.seal}</span></p><p class="date" data-meta="issued" data-value="${held.last}">${w.day(held.last)}</p></div>
</section>
<footer class="verify" data-head-revision="${head.revision}" data-head-hash="${head.hash}">
<div class="qr">${trusted(QR_SLOT)}</div>
<div class="how"><h2>${w.verification}</h2>
<p>${w.howToVerify(head.revision)}</p>
<p>${w.chainHead} <b data-head="revision">${head.revision}</b>${'\u3000'}${w.hash} <code class="hash" data-head="hash">${head.hash}</code></p>
${w.command ? html`<p class="note">${w.command}:</p><pre>${verifyCommand(head)}</pre>` : null}
<p class="note annex">${w.meetingId} <span data-meta="meetingId">${s.meetingId}</span>${startTime} · ${w.qr}: <code class="hash">${headPayload(s.meetingId, head)}</code></p></div>
</footer>
<script>${trusted(PRINT_SCRIPT)}</script>
</body></html>
`;
  const qr = await QRCode.toString(headPayload(s.meetingId, head), {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 1,
  });
  return page.value.replace(QR_SLOT, qr);
}

const QR_SLOT = '<!--qr-->';

const CSS = `
@page { size: A4; margin: 20mm 18mm 18mm; @bottom-center { content: "— " counter(page) " —"; font-size: 9pt } }
* { box-sizing: border-box }
body { font-family: FangSong, STFangsong, "FangSong_GB2312", "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, "Noto Sans CJK SC", serif; font-size: 11pt; color: #000; background: #fff; max-width: 174mm; margin: 0 auto; line-height: 1.55 }
h1 { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", SimHei, "Noto Serif CJK SC", "Noto Sans CJK SC", serif; text-align: center; font-size: 22pt; letter-spacing: .3em; margin: 4mm 0 2pt; font-weight: bold }
h2 { font-size: 12pt; margin: 10pt 0 4pt; font-family: SimHei, "Noto Sans CJK SC", sans-serif; font-weight: bold }
h3 { font-size: 11pt; margin: 8pt 0 3pt; font-family: KaiTi, STKaiti, "Noto Sans CJK SC", serif; font-weight: bold }
h4 { font-size: 10.5pt; margin: 6pt 0 3pt; font-weight: bold }
.center { text-align: center }
.doc-title { font-size: 13pt; margin: 0 0 6mm }
.note, .sub, .ref { color: #333; font-size: 8.5pt; margin: 2pt 0 }
.ref { margin: 0 0 0 .5em; white-space: nowrap; font-weight: normal }
.notice { border: 1pt solid #000; padding: 2pt 4pt; font-weight: bold }
.addressee { margin: 0 0 2pt }
.fill { display: inline-block; min-width: 60mm; border-bottom: .75pt solid #000; height: 1.3em; position: relative; vertical-align: bottom }
.fill .cap { position: absolute; left: 0; right: 0; top: 100%; text-align: center; font-size: 7.5pt; color: #555 }
p.body { text-indent: 2em; margin: 8pt 0 }
.match { margin: 2pt 0 } .mismatch { color: #b00; font-weight: bold }
nav.no-print { display: flex; justify-content: flex-end; gap: 1em; align-items: center; font-size: 10pt; margin: 2mm 0 }
nav.no-print button { font: inherit; font-size: 11pt; padding: 3pt 14pt; cursor: pointer }
table { border-collapse: collapse; width: 100%; margin: 2pt 0 }
caption { caption-side: top; text-align: left; font-size: 8.5pt; color: #333 }
th, td { border: .5pt solid #000; padding: 2pt 4pt; text-align: left; vertical-align: top }
th { font-weight: normal; background: #f2f2f2 }
table.tally th { white-space: nowrap }
.ruleset th { width: 26mm }
td.n { text-align: right; font-variant-numeric: tabular-nums }
.cols { display: grid; grid-template-columns: 2fr 3fr; gap: 4mm; align-items: start }
.round, .verify, .closing, .contest .summary, .ruleset tr, .corrections tr { break-inside: avoid }
.closing { margin-top: 6mm }
.closing-line { text-indent: 2em; margin: 0 0 6mm }
.signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 7mm 10mm; margin: 0 0 4mm }
.sign { display: flex; align-items: flex-end; gap: 2mm; position: relative; padding-bottom: 8pt }
.sign .role { white-space: nowrap }
.sign .name { white-space: nowrap; min-width: 4em }
.sign .line { flex: 1; border-bottom: .75pt solid #000; height: 8mm }
.sign .cap { position: absolute; right: 0; bottom: -2pt; font-size: 7.5pt; color: #555 }
.issuer { margin: 10mm 0 0 auto; width: 68mm; min-height: 34mm; padding-top: 8mm; text-align: center }
.issuer p { margin: 0 0 3pt; font-size: 12pt }
.seal { font-size: 8.5pt; color: #555; margin-left: .3em }
.verify { display: flex; gap: 6mm; align-items: flex-start; margin-top: 8pt; border-top: .75pt solid #000; padding-top: 4pt; font-size: 9pt }
.verify h2 { font-size: 10pt; margin: 0 0 2pt }
.qr svg { width: 32mm; height: 32mm; display: block }
code.hash, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 8pt; word-break: break-all; white-space: pre-wrap }
.warning { border: 2pt solid #b00; color: #b00; padding: 4pt; font-weight: bold }
@media screen { html { background: #e8e8e8 } body { padding: 12mm 16mm 16mm; margin: 6mm auto; max-width: 210mm; box-shadow: 0 1px 6px rgba(0,0,0,.25) } }
@media print { .no-print { display: none !important } th { -webkit-print-color-adjust: exact; print-color-adjust: exact } }
`;

/**
 * The printable 选举结果报告单 (result report, P-31): everything the higher
 * organisation is sent, plus the chain head that lets anyone holding the
 * exported log check that this paper and the log agree. Pure apart from the
 * QR encoder: the controller, the CLI and tests all call it with a folded state.
 *
 * Observers may read the report, so it carries what the result needs and
 * nothing of the roll: counts of who was present, never their names; write-ins
 * by name only when elected (as in the observer view); a roll correction names
 * only a candidate or officer, anyone else by member id.
 */
import {
  compareDeclaration,
  expectedOf,
  reportDate,
  scheduleOf,
  seatsOutstanding,
  summarizeContests,
  type ChainHead,
  type ContestSummary,
  type MeetingState,
  type RoundSummary,
  type Ruleset,
  type TallyLine,
} from '@tallyroom/contracts';
import QRCode from 'qrcode';
import { html, trusted, type Html } from './html.js';
import { practiceWatermark } from './practice-watermark.js';
import { WORDS, type ReportLang, type ReportWords } from './report-text.js';

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

interface Ctx {
  s: MeetingState;
  w: ReportWords;
  nameOf: (id: string) => string;
}

function thresholdText(r: RoundSummary, ruleset: Ruleset, w: ReportWords): string {
  if (r.threshold === null) return w.thresholdPlurality;
  if (r.kind === 'supplementary' && ruleset.supplementary.kind === 'plurality-with-floor')
    return w.thresholdFloor(r.threshold, ruleset.supplementary.rule);
  const { win } = ruleset;
  return w.thresholdShare(r.threshold, !win.inclusive, label(w.bases, win.base), win.num, win.den, win.rule);
}

function figureRow(key: string, title: string, value: unknown): Html {
  return html`<tr data-figure="${key}" data-value="${value ?? ''}"><th>${title}</th><td class="n">${value ?? '—'}</td></tr>`;
}

function tallyRows(r: RoundSummary, { w, nameOf }: Ctx): (Html | null)[] {
  const elected = r.declared?.elected ?? null;
  const result = (id: string) => (elected === null ? w.pending : elected.includes(id) ? w.elected : w.notElected);
  const row = (t: TallyLine, who: string) =>
    html`<tr data-candidate="${t.candidateId}"><td>${who}</td><td class="n" data-mark="for">${t.for}</td><td class="n" data-mark="against">${t.against}</td><td class="n" data-mark="abstain">${t.abstain}</td><td>${result(t.candidateId)}</td></tr>`;
  const candidates = r.tally.filter((t) => r.candidates.includes(t.candidateId));
  const writeIns = r.tally.filter((t) => !r.candidates.includes(t.candidateId));
  // Observers read the report: a written-in name is published only if elected (as in the observer view).
  const shown = writeIns.filter((t) => elected?.includes(t.candidateId));
  const hiddenFor = writeIns.filter((t) => !shown.includes(t)).reduce((n, t) => n + t.for, 0);
  return [
    ...candidates.map((t) => row(t, nameOf(t.candidateId))),
    ...shown.map((t) => row(t, `${nameOf(t.candidateId)}（${w.writeIn}）`)),
    hiddenFor > 0
      ? html`<tr data-candidate="write-ins"><td>${w.writeInsTotal}</td><td class="n" data-mark="for">${hiddenFor}</td><td class="n">—</td><td class="n">—</td><td>${w.notElected}</td></tr>`
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
  return html`<div class="round" data-contest="${r.contestId}" data-round="${r.round}" data-status="${r.status}">
<h3>${w.round(r.round)} · ${label(w.kinds, r.kind)} · ${w.seats} ${r.seats} · ${label(w.statuses, r.status)}</h3>
<div class="cols"><table class="figures">
${figureRow('presentVoters', w.presentVoters, r.presentVoters)}
${figureRow('ballotsIssued', w.ballotsIssued, r.ballotsIssued)}
${figureRow('ballotsReturned', w.ballotsReturned, r.ballotsReturned)}
${figureRow('valid', w.valid, r.valid)}
${figureRow('invalid', w.invalid, r.invalid)}
<tr data-figure="threshold" data-value="${r.threshold ?? ''}"><th>${w.threshold}</th><td>${thresholdText(r, s.ruleset!, w)}</td></tr>
</table>
<table class="tally"><thead><tr><th>${w.candidate}</th><th>${w.for}</th><th>${w.against}</th><th>${w.abstain}</th><th>${w.result}</th></tr></thead>
<tbody>${tallyRows(r, ctx)}</tbody></table></div>
${
  elected
    ? html`<p data-round-elected="${elected.join(' ')}"><b>${w.elected}:</b> ${elected.map(nameOf).join(w.sep) || w.none}${'\u3000'}<b>${w.notElected}:</b> ${notElected!.map(nameOf).join(w.sep) || w.none}</p>`
    : html`<p>${w.notDeclared}</p>`
}
${matchNote(r, w)}
</div>`;
}

/** P-31: secretaries need the higher organisation's approval; committee members are reported for the record. */
function approvalLabel(s: MeetingState, c: ContestSummary, w: ReportWords): string {
  if (s.ruleset?.name !== 'cpc-branch') return w.approval;
  return c.office === 'secretary' || c.office === 'deputy-secretary' ? w.approvalRequired : w.forTheRecord;
}

/** Votes of a person in the round that decided them: the round that elected them, else the last they stood in. */
function votesOf(c: ContestSummary, id: string): number {
  const rounds = c.rounds.filter((r) => r.tally.some((t) => t.candidateId === id));
  const deciding = rounds.find((r) => r.declared?.elected.includes(id)) ?? rounds.at(-1);
  return deciding?.tally.find((t) => t.candidateId === id)?.for ?? 0;
}

function contestSection(c: ContestSummary, ctx: Ctx): Html {
  const { s, w, nameOf } = ctx;
  const stood = [...new Set(c.rounds.flatMap((r) => r.candidates))];
  const notElected = stood.filter((id) => !c.elected.includes(id));
  const outstanding = seatsOutstanding(c);
  const withVotes = (ids: string[]) => ids.map((id) => `${nameOf(id)}（${votesOf(c, id)}）`).join(w.sep) || w.none;
  return html`<section class="contest" data-contest="${c.contestId}">
<h2>${label(w.offices, c.office)} · ${w.seats} ${c.seats} · ${label(w.modes, c.mode)}</h2>
${c.rounds.map((r) => roundSection(r, ctx))}
<table class="summary">
<tr><th>${w.electedVotes}</th><td data-summary="elected" data-ids="${c.elected.join(' ')}">${withVotes(c.elected)}</td></tr>
<tr><th>${w.notElectedVotes}</th><td data-summary="not-elected" data-ids="${notElected.join(' ')}">${withVotes(notElected)}</td></tr>
<tr><th>${w.vacancies}</th><td data-summary="vacant">${c.vacant}${outstanding > 0 ? w.stillToElect(outstanding) : ''}</td></tr>
<tr><th>${approvalLabel(s, c, w)}</th><td data-summary="approval">${c.approval ?? w.approvalPending}</td></tr>
</table>
</section>`;
}

/**
 * Who the paper may name: officers and candidates are public anyway (the
 * observer view shows them); anyone else on the roll is not, so a correction
 * of theirs shows the member's id and never a name.
 */
function publicMembers(s: MeetingState): Set<string> {
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

function correctionsSection(contests: ContestSummary[], { s, w, nameOf }: Ctx): Html {
  const named = publicMembers(s);
  const who = (id: string) => (named.has(id) ? nameOf(id) : w.memberById(id));
  const status = (x: string) => label(w.memberStatuses, x);
  const rollChange = (x: MeetingState['memberCorrections'][number]) => {
    const changes: string[] = [];
    if (x.before.name !== x.after.name)
      changes.push(named.has(x.memberId) ? w.nameChange(x.before.name, x.after.name) : w.nameCorrected);
    if (x.before.status !== x.after.status)
      changes.push(w.statusChange(status(x.before.status), status(x.after.status)));
    return w.rollCorrected(who(x.memberId), changes);
  };
  // Ballot corrections, the chair's reopenings, roll corrections and withdrawals, in log order: each changes a count or a list once set.
  const rows = [
    ...contests.flatMap((c) =>
      c.rounds.flatMap((r) => [
        ...r.corrections.map((x) => ({
          revision: x.revision,
          row: html`<tr data-correction="${x.revision}" data-kind="${x.kind}"><td>${label(w.offices, c.office)} (${c.contestId})</td><td class="n">${r.round}</td><td class="n">${x.ballotNo}</td><td>${x.kind === 'corrected' ? w.corrected : w.voided}</td><td>${x.reason}</td><td>${s.credentials.get(x.scrutineer)?.name ?? x.scrutineer}</td><td class="n">${x.revision}</td></tr>`,
        })),
        ...r.reopenings.map((x) => ({
          revision: x.revision,
          row: html`<tr data-correction="${x.revision}" data-kind="reopened"><td>${label(w.offices, c.office)} (${c.contestId})</td><td class="n">${r.round}</td><td class="n">—</td><td>${w.reopened(x.undid.status, x.undid.ballotsReturned)}</td><td>${x.reason}</td><td>${w.chair}</td><td class="n">${x.revision}</td></tr>`,
        })),
      ]),
    ),
    ...contests.flatMap((c) =>
      (s.contests.get(c.contestId)?.withdrawn ?? []).map((x) => ({
        revision: x.revision,
        row: html`<tr data-correction="${x.revision}" data-kind="withdrawn"><td>${label(w.offices, c.office)} (${c.contestId})</td><td class="n">—</td><td class="n">—</td><td>${w.withdrew(who(x.candidateId))}</td><td>${x.reason}</td><td>${w.chair}</td><td class="n">${x.revision}</td></tr>`,
      })),
    ),
    // A withdrawn contest and a withdrawn list are decisions of the chair, not results: they appear here, with the reason.
    ...contests.flatMap((c) =>
      (s.contests.get(c.contestId)?.listWithdrawals ?? []).map((x) => ({
        revision: x.revision,
        row: html`<tr data-correction="${x.revision}" data-kind="list-withdrawn"><td>${label(w.offices, c.office)} (${c.contestId})</td><td class="n">—</td><td class="n">—</td><td>${w.listWithdrawn(x.publishedOn)}</td><td>${x.reason}</td><td>${w.chair}</td><td class="n">${x.revision}</td></tr>`,
      })),
    ),
    ...contests.flatMap((c) =>
      c.withdrawal
        ? [
            {
              revision: c.withdrawal.revision,
              row: html`<tr data-correction="${c.withdrawal.revision}" data-kind="contest-withdrawn"><td>${label(w.offices, c.office)} (${c.contestId})</td><td class="n">—</td><td class="n">—</td><td>${w.contestWithdrawn}</td><td>${c.withdrawal.reason}</td><td>${w.chair}</td><td class="n">${c.withdrawal.revision}</td></tr>`,
            },
          ]
        : [],
    ),
    ...s.memberCorrections.map((x) => ({
      revision: x.revision,
      row: html`<tr data-correction="${x.revision}" data-kind="roll"><td>${w.roll}</td><td class="n">—</td><td class="n">—</td><td>${rollChange(x)}</td><td>${x.reason}</td><td>${w.chair}</td><td class="n">${x.revision}</td></tr>`,
    })),
  ]
    .sort((a, b) => a.revision - b.revision)
    .map((x) => x.row);
  return html`<section class="corrections"><h2>${w.corrections}</h2>
${rows.length ? html`<table><thead><tr><th>${w.contest}</th><th>${w.roundCol}</th><th>${w.ballotNo}</th><th>${w.action}</th><th>${w.reason}</th><th>${w.scrutineer}</th><th>${w.revision}</th></tr></thead><tbody>${rows}</tbody></table>` : html`<p>${w.none}</p>`}
</section>`;
}

/** Shares read as the rule says them ("> 1/2"); everything else as plain values. */
function paramText(v: unknown, w: ReportWords): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? w.yes : w.no;
  if (Array.isArray(v)) return v.map((x) => paramText(x, w)).join(', ');
  if (typeof v === 'object') {
    const o = { ...(v as Record<string, unknown>) };
    const parts: string[] = [];
    if (typeof o.num === 'number' && typeof o.den === 'number' && typeof o.inclusive === 'boolean') {
      parts.push(`${o.inclusive ? '≥' : '>'} ${o.num}/${o.den}`);
      delete o.num;
      delete o.den;
      delete o.inclusive;
    }
    for (const [k, x] of Object.entries(o)) parts.push(`${k}: ${paramText(x, w)}`);
    return parts.join(', ');
  }
  return String(v);
}

function rulesetSection(r: Ruleset, w: ReportWords): Html {
  const rows = Object.entries(r)
    .filter(([k]) => k !== 'name')
    .map(([k, v]) => html`<tr data-param="${k}"><th>${label(w.params, k)}</th><td>${paramText(v, w)}</td></tr>`);
  return html`<section class="ruleset"><h2>${w.ruleset}: <span data-ruleset>${r.name}</span></h2><table>${rows}</table></section>`;
}

/**
 * The whole page. `head` must be the head of `s` itself (read together, before
 * any await), so the paper never mixes two revisions.
 */
export async function renderReport(s: MeetingState, head: ChainHead, opts: ReportOptions = {}): Promise<string> {
  if (!s.ruleset) throw new Error('renderReport: the meeting has not been scheduled');
  const lang = opts.lang ?? 'zh-CN';
  const w = WORDS[lang];
  const ctx: Ctx = { s, w, nameOf: (id) => s.members.get(id)?.name ?? id };
  const contests = summarizeContests(s);
  // The day and start on the meeting's own clock, whatever zone the server runs in.
  const when = scheduleOf(s.scheduledFor, s.timeZone);
  const officers = s.officers;
  const other = lang === 'en' ? '?lang=zh-CN' : '?lang=en';
  const page = html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${w.title} — ${s.title}</title>
<style>${trusted(CSS)}</style></head>
<body>
${practiceWatermark(s, lang)}
<nav class="no-print"><a href="${other}" hreflang="${lang === 'en' ? 'zh-CN' : 'en'}">${w.otherLanguage}</a></nav>
${opts.broken ? html`<p class="warning" role="alert">⚠ ${w.warning(opts.broken.revision, opts.broken.problem)}</p>` : null}
<header><h1>${w.title}</h1>${w.subtitle ? html`<p class="sub center">${w.subtitle}</p>` : null}
<table class="meta">
<tr><th>${w.meeting}</th><td data-meta="title">${s.title}</td></tr>
<tr><th>${w.organisation}</th><td data-meta="organisation">${s.organisation}</td></tr>
<tr><th>${w.date}</th><td data-meta="date">${reportDate(s)}</td></tr>
${when.startTime ? html`<tr><th>${w.startTime}</th><td data-meta="startTime">${when.startTime} (${s.timeZone})</td></tr>` : null}
<tr><th>${w.meetingId}</th><td data-meta="meetingId">${s.meetingId}${s.closed ? '' : w.stillOpen}</td></tr>
</table></header>
<section class="attendance"><h2>${w.attendance}</h2><table>
${figureRow('expected', w.expected, expectedOf(s))}
${figureRow('presentVoters', w.presentNow, s.presentVoters)}
${figureRow('attendeesWithoutVote', w.attendeesWithoutVote, s.attendeesWithoutVote)}
${figureRow('excluded', w.excluded, s.excluded)}
</table><p class="note">${w.presentNote}</p></section>
<section class="officers"><h2>${w.officers}</h2><table>
<tr><th>${w.scrutineers}</th><td data-officers="scrutineers">${officers ? officers.scrutineers.map(ctx.nameOf).join(w.sep) : w.notAppointed}</td></tr>
<tr><th>${w.tellers}</th><td data-officers="tellers">${officers ? officers.tellers.map((t) => t.name).join(w.sep) : w.notAppointed}</td></tr>
</table></section>
${contests.filter((c) => !c.withdrawal).map((c) => contestSection(c, ctx))}
${correctionsSection(contests, ctx)}
${rulesetSection(s.ruleset, w)}
<section class="signatures"><h2>${w.signatures}</h2><table><tr>
<th>${w.chair}</th><td></td><th>${w.scrutineers}</th><td></td><th>${w.tellers}</th><td></td></tr></table></section>
<footer class="verify" data-head-revision="${head.revision}" data-head-hash="${head.hash}">
<div class="qr">${trusted(QR_SLOT)}</div>
<div><h2>${w.verification}</h2>
<p>${w.chainHead}: ${w.revision} <b data-head="revision">${head.revision}</b><br>${w.hash} <code class="hash" data-head="hash">${head.hash}</code></p>
<p>${w.checkWith(s.meetingId)}</p>
<pre>${verifyCommand(head)}</pre>
<p class="note">${w.qr}: <code class="hash">${headPayload(s.meetingId, head)}</code></p></div>
</footer>
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
@page { size: A4; margin: 15mm }
* { box-sizing: border-box }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif; font-size: 10.5pt; color: #000; background: #fff; max-width: 180mm; margin: 0 auto; line-height: 1.4 }
h1 { text-align: center; font-size: 20pt; letter-spacing: .4em; margin: 0 0 2pt }
h2 { font-size: 12pt; margin: 10pt 0 4pt; border-bottom: 1px solid #000 }
h3 { font-size: 10.5pt; margin: 6pt 0 3pt }
.center { text-align: center }
.note, .sub { color: #333; font-size: 8.5pt; margin: 2pt 0 }
.match { margin: 2pt 0 } .mismatch { color: #b00; font-weight: bold }
nav.no-print { text-align: right; font-size: 9pt }
table { border-collapse: collapse; width: 100%; margin: 2pt 0 }
th, td { border: .5pt solid #000; padding: 2pt 4pt; text-align: left; vertical-align: top }
th { font-weight: normal; background: #f2f2f2 }
table.tally th { white-space: nowrap }
td.n { text-align: right; font-variant-numeric: tabular-nums }
.cols { display: grid; grid-template-columns: 2fr 3fr; gap: 4mm }
.round, .verify, .signatures, .contest .summary { break-inside: avoid }
.signatures td { height: 14mm; width: 20% }
.verify { display: flex; gap: 6mm; align-items: flex-start; margin-top: 8pt; border-top: 1px solid #000; padding-top: 4pt }
.qr svg { width: 38mm; height: 38mm; display: block }
code.hash, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 8pt; word-break: break-all; white-space: pre-wrap }
.warning { border: 2pt solid #b00; color: #b00; padding: 4pt; font-weight: bold }
@media print { .no-print { display: none } th { -webkit-print-color-adjust: exact; print-color-adjust: exact } }
`;

/**
 * 计票统计表 (issue 20 point 6): one contest's round as the tellers and scrutineers sign it: the round's figures
 * (present, issued, returned, valid, 废票, the threshold) and each candidate's 赞成 / 不赞成 / 弃权, all from the
 * contracts' summarizeContests, worded with the report's vocabulary; signature lines for every appointed teller and
 * scrutineer, the organisation and the date in Chinese. html and docx.
 */
import {
  heldOn,
  refuse,
  scheduleOf,
  summarizeContests,
  type ContestSummary,
  type MeetingState,
  type RoundSummary,
} from '@tallyroom/contracts';
import { html, trusted } from '../report/html.js';
import { practiceWatermark } from '../report/practice-watermark.js';
import { PRINT_SCRIPT } from '../report/print-script.js';
import { contestNames, roundLabels, thresholdText } from '../report/render-report.js';
import { WORDS, type ReportLang } from '../report/report-text.js';
import { tallyColumns } from '../report/tally-columns.js';
import { roundParam, type DocumentInput } from './document-input.js';
import { figures, issuer, loadDocx, packDocument, para, table, title } from './docx-common.js';

const TITLE: Record<ReportLang, string> = { 'zh-CN': '计票统计表', en: 'Tally sheet' };
const SIGN: Record<ReportLang, string> = { 'zh-CN': '（签字）', en: '(signature)' };

interface Sheet {
  c: ContestSummary;
  r: RoundSummary;
  contestName: string;
  roundName: string;
}

/** The contest and round the query names, or a refusal naming the field (UNKNOWN_CONTEST / UNKNOWN_ROUND). */
export function contestRoundOf(s: MeetingState, query: DocumentInput['query']): Sheet {
  const w = WORDS['zh-CN'];
  const contests = summarizeContests(s);
  const contestId = query.contestId;
  const c = contests.find((x) => x.contestId === contestId);
  // As the ballot answers: no contest named is 400, a contest of no such id 404, each naming the field.
  if (!contestId) throw refuse.invalid('contestId', 'CONTEST_REQUIRED', 'the tally sheet needs ?contestId=');
  if (!c) throw refuse.notFound('contestId', 'UNKNOWN_CONTEST', `no contest ${contestId}`, { contestId });
  // As the ballot answers: a round missing or not a whole number is the request's fault (400), a round the contest
  // has not held is not there (404).
  const n = roundParam(query.round);
  if (n === null)
    throw refuse.invalid('round', 'UNKNOWN_ROUND', 'the tally sheet needs ?round=, a whole number from 1', {
      round: query.round ?? '',
    });
  const r = c.rounds.find((x) => x.round === n);
  if (!r)
    throw refuse.notFound(
      'round',
      'UNKNOWN_ROUND',
      `contest ${c.contestId} has no round ${query.round ?? '(none given)'}`,
      {
        contestId: c.contestId,
        round: query.round ?? '',
      },
    );
  return {
    c,
    r,
    contestName: contestNames(contests, w).get(c.contestId) ?? c.contestId,
    roundName: roundLabels(contests, w).get(`${c.contestId}#${r.round}`) ?? w.roundNumber(r.round),
  };
}

/** The sheet in the reader's language: names of contest and round re-worded in it. */
function sheetIn(s: MeetingState, query: DocumentInput['query'], lang: ReportLang): Sheet {
  const base = contestRoundOf(s, query);
  const w = WORDS[lang];
  const contests = summarizeContests(s);
  return {
    ...base,
    contestName: contestNames(contests, w).get(base.c.contestId) ?? base.c.contestId,
    roundName: roundLabels(contests, w).get(`${base.c.contestId}#${base.r.round}`) ?? w.roundNumber(base.r.round),
  };
}

function content(s: MeetingState, sheet: Sheet, lang: ReportLang) {
  const w = WORDS[lang];
  const { r } = sheet;
  const nameOf = (id: string) => s.members.get(id)?.name ?? id;
  const elected = r.declared?.elected ?? null;
  const result = (id: string) => (elected === null ? w.pending : elected.includes(id) ? w.elected : w.notElected);
  const figs: [string, string | number | null][] = [
    [w.contest, `${sheet.contestName} · ${w.seats(r.seats)}`],
    [w.roundCol, sheet.roundName],
    [w.presentVoters, r.presentVoters],
    [w.ballotsIssued, r.ballotsIssued],
    [w.ballotsReturned, r.ballotsReturned],
    [w.valid, r.valid],
    [w.invalid, r.invalid],
    [w.threshold, thresholdText(r, s.ruleset!, w)],
  ];
  const extra = tallyColumns(r);
  const columns = [w.candidate, w.for, w.against, w.abstain, ...extra.keys.map((k) => w[k]), w.result];
  const rows = r.tally.map((t) => [
    r.candidates.includes(t.candidateId)
      ? nameOf(t.candidateId)
      : `${nameOf(t.candidateId)}${w.parens[0]}${w.writeIn}${w.parens[1]}`,
    t.for,
    t.against,
    t.abstain,
    ...extra.cells(t.candidateId).map((v) => v ?? '—'),
    result(t.candidateId),
  ]);
  const signers = [
    ...(s.officers?.tellers.map((t) => `${w.teller} ${t.name}`) ?? [w.teller]),
    ...(s.officers?.scrutineers.map((id) => `${w.scrutineer} ${nameOf(id)}`) ?? [w.scrutineer]),
  ];
  const schedule = scheduleOf(s.scheduledFor, s.timeZone);
  const day = (heldOn(s) ?? { last: schedule.date }).last;
  return { w, figs, columns, rows, signers, day };
}

export async function renderTallySheetHtml({ state: s, lang, query, head }: DocumentInput): Promise<string> {
  const sheet = sheetIn(s, query, lang);
  const { w, figs, columns, rows, signers, day } = content(s, sheet, lang);
  const page = html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${TITLE[lang]} — ${s.title}</title><style>${trusted(CSS)}</style></head>
<body>
${practiceWatermark(s, lang)}
<nav class="no-print"><button type="button" id="print">${w.print}</button></nav>
<h1>${TITLE[lang]}</h1>
<p class="center" data-meta="title">${s.title}</p>
<table class="figures">${figs.map(([k, v]) => html`<tr><th>${k}</th><td>${v ?? '—'}</td></tr>`)}</table>
<table class="tally" data-contest="${sheet.c.contestId}" data-round="${sheet.r.round}"><thead><tr>${columns.map((h) => html`<th>${h}</th>`)}</tr></thead>
<tbody>${rows.map((r) => html`<tr>${r.map((v, i) => html`<td${i > 0 && i < r.length - 1 ? trusted(' class="n"') : null}>${v}</td>`)}</tr>`)}</tbody></table>
<div class="signs">${signers.map((x) => html`<p>${x}<span class="line"></span>${SIGN[lang]}</p>`)}</div>
<p class="issuer">${s.organisation}<br>${w.day(day)}</p>
<p class="note">${w.chainHead} ${head.revision} · ${w.hash} <code>${head.hash}</code></p>
<script>${trusted(PRINT_SCRIPT)}</script>
</body></html>
`;
  return page.value;
}

export async function renderTallySheetDocx({ state: s, lang, query, head }: DocumentInput): Promise<Uint8Array> {
  await loadDocx();
  const sheet = sheetIn(s, query, lang);
  const { w, figs, columns, rows, signers, day } = content(s, sheet, lang);
  return packDocument(`${TITLE[lang]} ${s.title}`, [
    title(TITLE[lang]),
    para(s.title, { center: true }),
    figures(figs),
    para(''),
    table([columns, ...rows]),
    para(''),
    ...signers.map((x) => para(`${x}\u3000\u3000\u3000\u3000\u3000\u3000${SIGN[lang]}`, { indent: false })),
    ...issuer(s.organisation, w.day(day)),
    para(`${w.chainHead} ${head.revision}\u3000${w.hash} ${head.hash}`, { indent: false }),
  ]);
}

export const tallySheetFileName = ({ state, query }: DocumentInput) => {
  const { contestName, roundName } = contestRoundOf(state, query);
  return `计票统计表-${contestName}-${roundName}`;
};

const CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm }
body { font-family: FangSong, STFangsong, "FangSong_GB2312", "Noto Serif CJK SC", SimSun, serif; font-size: 12pt; max-width: 156mm; margin: 0 auto; line-height: 1.6; color: #000; background: #fff }
h1 { font-family: "方正小标宋简体", SimSun, "Noto Serif CJK SC", serif; text-align: center; font-size: 22pt; letter-spacing: .3em; margin: 0 0 4mm }
.center { text-align: center }
table { border-collapse: collapse; width: 100%; margin: 0 0 6mm }
th, td { border: .5pt solid #000; padding: 2pt 4pt; text-align: left }
th { font-weight: normal; background: #f2f2f2 }
td.n { text-align: right }
.signs { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm 10mm }
.signs p { display: flex; align-items: flex-end; margin: 0 }
.signs .line { flex: 1; border-bottom: .75pt solid #000; height: 8mm; margin: 0 2mm }
.issuer { text-align: right; margin-top: 10mm; line-height: 1.9 }
.note { font-size: 8.5pt } code { font-size: 8pt; word-break: break-all }
nav.no-print { text-align: right }
@media print { .no-print { display: none !important } }
`;

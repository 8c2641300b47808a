/**
 * The sign-in sheet (签到表, issue 20 point 3): the roll on A4, one category after another (正式党员, 预备党员,
 * 中止党员权利), each in surname stroke order (contracts' sortByStroke, the order of P-18), with a box for each
 * member to sign. Printed before the meeting, so it shows who is on the roll, never who has checked in.
 */
import { scheduleOf, sortByStroke, type MeetingState, type MemberState, type MemberStatus } from '@tallyroom/contracts';
import { html, trusted } from '../report/html.js';
import { practiceText, practiceWatermark } from '../report/practice-watermark.js';
import { PRINT_SCRIPT } from '../report/print-script.js';
import { WORDS as REPORT_WORDS, type ReportLang } from '../report/report-text.js';
import type { FileChild } from 'docx';
import { centred, heading, layoutTable, loadDocx, note, packDocument, para, run, title } from './docx-common.js';

/** The order the categories stand in: those who vote first, as a branch's sheet lists them. */
const CATEGORIES: readonly MemberStatus[] = ['full', 'probationary', 'rights-suspended'];

const WORDS = {
  'zh-CN': {
    title: '签到表',
    print: '打印',
    otherLanguage: 'English',
    date: '会议日期',
    organisation: '单位',
    category: { full: '正式党员', probationary: '预备党员', 'rights-suspended': '中止党员权利' },
    count: (n: number) => `（${n}名）`,
    total: (parts: string) => `名册共计：${parts}。`,
    no: '序号',
    name: '姓名',
    memberId: '党员编号',
    sign: '本人签名',
    remark: '备注',
    excluded: '不计入应到会人数',
    order: '以姓氏笔画为序。',
    votes: {
      full: '有表决权、选举权和被选举权。',
      probationary: '没有表决权、选举权和被选举权，可列席会议。',
      'rights-suspended': '中止党员权利期间不参加选举。',
    },
    empty: '名册中还没有人员。',
    sep: '、',
  },
  en: {
    title: 'Sign-in sheet',
    print: 'Print',
    otherLanguage: '中文',
    date: 'Date',
    organisation: 'Organisation',
    category: { full: 'Full members', probationary: 'Probationary members', 'rights-suspended': 'Rights suspended' },
    count: (n: number) => ` (${n})`,
    total: (parts: string) => `On the roll: ${parts}.`,
    no: 'No.',
    name: 'Name',
    memberId: 'Member no.',
    sign: 'Signature',
    remark: 'Remarks',
    excluded: 'not counted as expected',
    order: 'In surname stroke order.',
    votes: {
      full: 'May vote and stand for election.',
      probationary: 'May attend; no vote, may not stand.',
      'rights-suspended': 'Take no part in the election while their rights are suspended.',
    },
    empty: 'Nobody is on the roll yet.',
    sep: ', ',
  },
} as const;

type SheetWords = (typeof WORDS)[ReportLang];
type Overrides = { full: string; memberId: string; votes: string };

/**
 * Who signs, as each ruleset's meeting calls them: a village's 选民, an assembly's 成员, a party group's 成员; a party
 * branch (and any ruleset not named here) keeps the party's words above.
 */
const BY_RULESET: Record<ReportLang, Partial<Record<string, Overrides>>> = {
  'zh-CN': {
    'village-committee': { full: '选民', memberId: '选民编号', votes: '有选举权和被选举权。' },
    'residents-committee': { full: '选民', memberId: '选民编号', votes: '有选举权和被选举权。' },
    'simple-majority': { full: '有表决权的成员', memberId: '编号', votes: '有表决权和选举权。' },
    'party-group': { full: '成员', memberId: '编号', votes: '参加表决。' },
  },
  en: {
    'village-committee': {
      full: 'Registered voters',
      memberId: 'Voter no.',
      votes: 'May vote and stand for election.',
    },
    'residents-committee': {
      full: 'Registered voters',
      memberId: 'Voter no.',
      votes: 'May vote and stand for election.',
    },
    'simple-majority': { full: 'Voting members', memberId: 'No.', votes: 'May vote and stand for election.' },
    'party-group': { full: 'Members', memberId: 'No.', votes: 'Vote on each name.' },
  },
};

function sheetWords(lang: ReportLang, ruleset: string | undefined): SheetWords {
  const w = WORDS[lang];
  const o = ruleset ? BY_RULESET[lang][ruleset] : undefined;
  if (!o) return w;
  return {
    ...w,
    memberId: o.memberId,
    category: { ...w.category, full: o.full },
    votes: { ...w.votes, full: o.votes },
  } as unknown as SheetWords;
}

/**
 * The roll in the sheet's order: by category, each in stroke order (ties by member number). A person voted on
 * (PG-04) is no member of the body and never signs in: not on the sheet, no check-in card.
 */
export function signInOrder(s: Pick<MeetingState, 'members'>): { status: MemberStatus; members: MemberState[] }[] {
  const all = [...s.members.values()].filter((m) => m.category !== 'candidate');
  return CATEGORIES.map((status) => ({
    status,
    members: sortByStroke(
      all.filter((m) => m.status === status),
      (m) => m.name,
      (m) => m.memberId,
    ),
  })).filter((c) => c.members.length > 0);
}

export function renderSignInSheet(s: MeetingState, lang: ReportLang): string {
  const w = sheetWords(lang, s.ruleset?.name);
  const day = REPORT_WORDS[lang].day(scheduleOf(s.scheduledFor, s.timeZone).date);
  const groups = signInOrder(s);
  const other: ReportLang = lang === 'en' ? 'zh-CN' : 'en';
  const totals = groups.map((g) => `${w.category[g.status]}${w.count(g.members.length)}`).join(w.sep);
  let n = 0;
  return html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${w.title} — ${s.title}</title>
<style>${trusted(CSS)}</style></head>
<body>
${practiceWatermark(s, lang, 'paper')}
<nav class="no-print"><button type="button" id="print">${w.print}</button><a href="?lang=${other}" hreflang="${other}">${w.otherLanguage}</a></nav>
<header><h1>${w.title}</h1><p class="doc-title" data-meta="title">${s.title}</p>
<p class="meta"><span>${w.organisation}：<span data-meta="organisation">${s.organisation}</span></span><span>${w.date}：<span data-meta="date">${day}</span></span></p>
${groups.length ? html`<p class="meta" data-meta="totals">${w.total(totals)}${lang === 'en' ? ' ' : ''}${w.order}</p>` : html`<p class="notice">${w.empty}</p>`}</header>
${groups.map(
  (g) => html`<section class="category" data-category="${g.status}">
<h2>${w.category[g.status]}${w.count(g.members.length)}<span class="note">${w.votes[g.status]}</span></h2>
<table><colgroup><col class="c-no"><col class="c-name"><col class="c-id"><col class="c-sign"><col class="c-remark"></colgroup>
<thead><tr><th>${w.no}</th><th>${w.name}</th><th>${w.memberId}</th><th>${w.sign}</th><th>${w.remark}</th></tr></thead>
<tbody>${g.members.map(
    (m) =>
      html`<tr data-member="${m.memberId}"><td class="n">${++n}</td><td class="name">${m.name}</td><td class="id">${m.memberId}</td><td class="sign"></td><td class="remark">${m.excluded ? w.excluded : ''}</td></tr>`,
  )}</tbody></table></section>`,
)}
<script>${trusted(PRINT_SCRIPT)}</script>
</body></html>
`.value;
}

/** Narrower than an official document's: the sheet is a form, its table as wide as the page allows. */
const SHEET_MARGINS_MM = { top: 15, bottom: 15, left: 15, right: 15 } as const;

/** The same sheet as a Word document: a table per category, a row of at least 10 mm for each signature. */
export async function renderSignInSheetDocx(s: MeetingState, lang: ReportLang): Promise<Uint8Array> {
  await loadDocx();
  const w = sheetWords(lang, s.ruleset?.name);
  const day = REPORT_WORDS[lang].day(scheduleOf(s.scheduledFor, s.timeZone).date);
  const groups = signInOrder(s);
  const totals = groups.map((g) => `${w.category[g.status]}${w.count(g.members.length)}`).join(w.sep);
  const practice = practiceText(s, lang, 'paper');
  const out: FileChild[] = [
    title(w.title),
    para(s.title, { center: true }),
    para(`${w.organisation}：${s.organisation}\u3000\u3000${w.date}：${day}`, { indent: false }),
    groups.length ? note(`${w.total(totals)}${lang === 'en' ? ' ' : ''}${w.order}`) : para(w.empty),
  ];
  const cell = (text: string, size: 'table' | 'small' = 'table') => [centred([run(text, { size })])];
  let n = 0;
  for (const g of groups) {
    out.push(heading(`${w.category[g.status]}${w.count(g.members.length)}`), note(w.votes[g.status]));
    out.push(
      layoutTable(
        [
          [w.no, w.name, w.memberId, w.sign, w.remark].map((h) => cell(h)),
          ...g.members.map((m) => [
            cell(String(++n)),
            cell(m.name, 'small'),
            cell(m.memberId),
            [],
            cell(m.excluded ? w.excluded : ''),
          ]),
        ],
        { widthsMm: [12, 30, 34, 70, 34], heightsMm: [7, ...g.members.map(() => 10)], headerRow: true },
      ),
    );
  }
  return packDocument(w.title, out, SHEET_MARGINS_MM, practice);
}

const CSS = `
@page { size: A4; margin: 15mm 15mm 15mm; @bottom-center { content: "— " counter(page) " —"; font-size: 9pt } }
* { box-sizing: border-box }
body { font-family: FangSong, STFangsong, "FangSong_GB2312", "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, "Noto Sans CJK SC", serif; font-size: 11pt; color: #000; background: #fff; max-width: 180mm; margin: 0 auto; line-height: 1.4 }
h1 { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", SimHei, "Noto Serif CJK SC", "Noto Sans CJK SC", serif; text-align: center; font-size: 22pt; letter-spacing: .3em; margin: 2mm 0 2pt; font-weight: bold }
h2 { font-size: 12pt; margin: 8pt 0 3pt; font-family: SimHei, "Noto Sans CJK SC", sans-serif; font-weight: bold; break-after: avoid }
h2 .note { font-family: inherit; font-weight: normal; font-size: 8.5pt; color: #333; margin-left: 1em }
html[lang=en] h1 { letter-spacing: 0 }
.doc-title { text-align: center; font-size: 13pt; margin: 0 0 3mm }
.meta { display: flex; justify-content: space-between; gap: 1em; font-size: 10pt; margin: 0 0 2pt }
.notice { border: 1pt solid #000; padding: 2pt 4pt; font-weight: bold }
nav.no-print { display: flex; justify-content: flex-end; gap: 1em; align-items: center; font-size: 10pt; margin: 2mm 0 }
nav.no-print button { font: inherit; font-size: 11pt; padding: 3pt 14pt; cursor: pointer }
table { border-collapse: collapse; width: 100%; table-layout: fixed }
th, td { border: .5pt solid #000; padding: 0 4pt; text-align: left; vertical-align: middle; height: 10mm }
thead th { height: 7mm; font-weight: normal; background: #f2f2f2; font-family: SimHei, "Noto Sans CJK SC", sans-serif; font-size: 10pt }
tr { break-inside: avoid }
col.c-no { width: 12mm } col.c-name { width: 30mm } col.c-id { width: 30mm } col.c-remark { width: 34mm }
td.n { text-align: center; font-variant-numeric: tabular-nums }
td.name { font-size: 12pt; white-space: nowrap; overflow: hidden }
td.id { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 9pt; word-break: break-all }
td.remark { font-size: 8.5pt }
@media screen { html { background: #e8e8e8 } body { padding: 12mm 14mm 16mm; margin: 6mm auto; max-width: 210mm; box-shadow: 0 1px 6px rgba(0,0,0,.25) } }
@media print { .no-print { display: none !important } thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact } }
`;

/**
 * The list of principals and proxies (委托投票公示名单, V-10): the village election committee posts it before the
 * election (CW2018 §15 ¶4). A4, the committee's name and the publication date at the foot as an official notice is
 * signed, principals in surname stroke order (contracts' proxiesView, the order of the published list). Until the
 * list is published, or after it changed since, the paper says so across its head: a draft is not the notice.
 * It lists who may vote for whom, never who voted.
 */
import {
  PROXY_RELATION_NAMES,
  isProxyRelation,
  proxiesView,
  refuse,
  type MeetingState,
  type ProxiesView,
} from '@tallyroom/contracts';
import type { FileChild } from 'docx';
import { html, trusted } from '../report/html.js';
import { practiceWatermark } from '../report/practice-watermark.js';
import { PRINT_SCRIPT } from '../report/print-script.js';
import { WORDS as REPORT_WORDS, type ReportLang } from '../report/report-text.js';
import type { DocumentInput } from './document-input.js';
import { issuer, loadDocx, note, packDocument, para, table, title } from './docx-common.js';

const RELATIONS_EN: Record<string, string> = {
  spouse: 'spouse',
  parent: 'parent',
  child: 'child',
  sibling: 'sibling',
  'paternal-grandparent': 'grandparent (paternal)',
  'maternal-grandparent': 'grandparent (maternal)',
  'paternal-grandchild': 'grandchild (son’s child)',
  'maternal-grandchild': 'grandchild (daughter’s child)',
};

const WORDS = {
  'zh-CN': {
    title: '委托投票公示名单',
    print: '打印',
    otherLanguage: 'English',
    intro: (org: string) =>
      `根据《中华人民共和国村民委员会组织法》第十五条的规定，选举期间外出不能参加投票的选民，可以书面委托本村有选举权的近亲属代为投票。经${org}审核登记，现将委托人和受委托人名单公布如下：`,
    introAny: (org: string) =>
      `选举期间外出不能参加投票的选民，可以书面委托本村其他选民代为投票。经${org}审核登记，现将委托人和受委托人名单公布如下：`,
    no: '序号',
    principal: '委托人',
    proxy: '受委托人',
    relation: '与委托人关系',
    reference: '委托书编号',
    totals: (v: ProxiesView) =>
      `委托人共 ${v.counts.principals} 名，受委托人共 ${v.counts.proxies} 名；每一选民接受委托投票不得超过 ${v.cap} 人。`,
    objections: '对名单有异议的，请于选举日前向村民选举委员会提出。',
    draft: '（本名单尚未公布）',
    changed: (on: string) => `（本名单于${on}公布后有变动，须重新公布）`,
    empty: '尚无委托投票。',
    relationName: (r: string) => (isProxyRelation(r) ? PROXY_RELATION_NAMES[r] : r),
  },
  en: {
    title: 'List of principals and proxies (written proxies)',
    print: 'Print',
    otherLanguage: '中文',
    intro: (org: string) =>
      `Under §15 of the Organic Law of Villagers' Committees, a voter away during the election may authorise, in writing, a near relative with the vote in this village to vote for them. Recorded by ${org}, the principals and their proxies are:`,
    introAny: (org: string) =>
      `A voter away during the election may authorise another voter of this village in writing to vote for them. Recorded by ${org}, the principals and their proxies are:`,
    no: 'No.',
    principal: 'Principal',
    proxy: 'Proxy',
    relation: 'Relation',
    reference: 'Authorisation no.',
    totals: (v: ProxiesView) =>
      `${v.counts.principals} principals, ${v.counts.proxies} proxies; one proxy holds at most ${v.cap}.`,
    objections: 'Objections to this list go to the village election committee before election day.',
    draft: '(This list has not been published)',
    changed: (on: string) => `(Changed since it was published on ${on}: to be published again)`,
    empty: 'No written proxy is recorded.',
    relationName: (r: string) => RELATIONS_EN[r] ?? r,
  },
} as const;

/** Only a ruleset with written proxies (V-10) has the list; elsewhere P-19 forbids proxy voting. */
export function proxiesOnly({ state: s }: Pick<DocumentInput, 'state'>): void {
  if (!s.ruleset?.proxies)
    throw refuse.invalid(
      'kind',
      'DOCUMENT_NOT_FOR_RULESET',
      `a ${s.ruleset?.name ?? 'unscheduled'} meeting has no written proxies (P-19): there is no proxy list`,
      { ruleset: s.ruleset?.name ?? '' },
    );
}

interface ListFacts {
  view: ProxiesView;
  rows: { principal: string; proxy: string; relation: string; reference: string }[];
  /** The line across the head while the paper is not the notice in force; null when it is. */
  status: string | null;
  dated: string;
}

function facts(s: MeetingState, lang: ReportLang): ListFacts {
  const w = WORDS[lang];
  const day = REPORT_WORDS[lang].day;
  const view = proxiesView(s, 'chair')!;
  return {
    view,
    rows: (view.entries ?? []).map((e) => ({
      principal: e.principalName,
      proxy: e.proxyName,
      relation: w.relationName(e.relation),
      reference: e.reference,
    })),
    status: view.published ? null : view.lastPublishedOn ? w.changed(day(view.lastPublishedOn)) : w.draft,
    dated: view.published ? day(view.published.publishedOn) : '',
  };
}

export function renderProxyListHtml({ state: s, lang }: DocumentInput): string {
  const w = WORDS[lang];
  const f = facts(s, lang);
  const other: ReportLang = lang === 'en' ? 'zh-CN' : 'en';
  return html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${w.title} — ${s.title}</title>
<style>${trusted(CSS)}</style></head>
<body>
${practiceWatermark(s, lang, 'paper')}
<nav class="no-print"><button type="button" id="print">${w.print}</button><a href="?format=html&lang=${other}" hreflang="${other}">${w.otherLanguage}</a></nav>
<header><h1>${w.title}</h1><p class="doc-title" data-meta="title">${s.title}</p>
${f.status ? html`<p class="notice" data-status="${f.view.lastPublishedOn ? 'changed' : 'draft'}">${f.status}</p>` : null}</header>
<p class="intro">${(f.view.relativesOnly ? w.intro : w.introAny)(s.organisation)}</p>
${
  f.rows.length
    ? html`<table><colgroup><col class="c-no"><col><col><col class="c-rel"><col class="c-ref"></colgroup>
<thead><tr><th>${w.no}</th><th>${w.principal}</th><th>${w.proxy}</th><th>${w.relation}</th><th>${w.reference}</th></tr></thead>
<tbody>${f.rows.map(
        (r, i) =>
          html`<tr data-principal="${f.view.entries![i]!.principalId}"><td class="n">${i + 1}</td><td class="name">${r.principal}</td><td class="name">${r.proxy}</td><td>${r.relation}</td><td class="ref">${r.reference}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="notice">${w.empty}</p>`
}
<p class="meta" data-meta="totals">${w.totals(f.view)}</p>
<p class="meta">${w.objections}</p>
<footer><p data-meta="issuer">${s.organisation}</p><p data-meta="date">${f.dated}</p></footer>
<script>${trusted(PRINT_SCRIPT)}</script>
</body></html>
`.value;
}

export async function renderProxyListDocx({ state: s, lang }: DocumentInput): Promise<Uint8Array> {
  await loadDocx();
  const w = WORDS[lang];
  const f = facts(s, lang);
  const out: FileChild[] = [title(w.title), para(s.title, { center: true })];
  if (f.status) out.push(para(f.status, { center: true }));
  out.push(para((f.view.relativesOnly ? w.intro : w.introAny)(s.organisation)));
  out.push(
    f.rows.length
      ? table(
          [
            [w.no, w.principal, w.proxy, w.relation, w.reference],
            ...f.rows.map((r, i) => [String(i + 1), r.principal, r.proxy, r.relation, r.reference]),
          ],
          [14, 34, 34, 36, 38],
        )
      : para(w.empty),
  );
  out.push(note(w.totals(f.view)), note(w.objections));
  // The meeting's organisation is the village election committee that posts the notice (it seals above the date).
  out.push(...issuer(s.organisation, f.dated || '\u3000'));
  return packDocument(w.title, out);
}

export const proxyListFileName = ({ lang }: { lang: ReportLang }) =>
  lang === 'en' ? 'proxy-list' : '委托投票公示名单';

const CSS = `
@page { size: A4; margin: 20mm 20mm 20mm; @bottom-center { content: "— " counter(page) " —"; font-size: 9pt } }
* { box-sizing: border-box }
body { font-family: FangSong, STFangsong, "FangSong_GB2312", "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, "Noto Sans CJK SC", serif; font-size: 12pt; color: #000; background: #fff; max-width: 170mm; margin: 0 auto; line-height: 1.6 }
h1 { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", SimHei, "Noto Serif CJK SC", "Noto Sans CJK SC", serif; text-align: center; font-size: 22pt; letter-spacing: .2em; margin: 2mm 0 2pt; font-weight: bold }
html[lang=en] h1 { letter-spacing: 0; font-size: 18pt }
.doc-title { text-align: center; font-size: 13pt; margin: 0 0 3mm }
.intro { text-indent: 2em; margin: 3mm 0 }
.meta { font-size: 10.5pt; margin: 2pt 0 }
.notice { border: 1pt solid #000; padding: 2pt 4pt; font-weight: bold; text-align: center }
nav.no-print { display: flex; justify-content: flex-end; gap: 1em; align-items: center; font-size: 10pt; margin: 2mm 0 }
nav.no-print button { font: inherit; font-size: 11pt; padding: 3pt 14pt; cursor: pointer }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 2mm 0 }
th, td { border: .5pt solid #000; padding: 0 4pt; text-align: left; vertical-align: middle; height: 9mm }
thead th { height: 8mm; font-weight: normal; background: #f2f2f2; font-family: SimHei, "Noto Sans CJK SC", sans-serif; font-size: 10.5pt }
tr { break-inside: avoid }
col.c-no { width: 12mm } col.c-rel { width: 30mm } col.c-ref { width: 36mm }
td.n { text-align: center; font-variant-numeric: tabular-nums }
td.name { font-size: 12.5pt; white-space: nowrap; overflow: hidden }
td.ref { font-size: 10pt; word-break: break-all }
footer { margin-top: 12mm; text-align: right } footer p { margin: 0 0 2pt }
@media screen { html { background: #e8e8e8 } body { padding: 14mm 16mm 18mm; margin: 6mm auto; max-width: 210mm; box-shadow: 0 1px 6px rgba(0,0,0,.25) } }
@media print { .no-print { display: none !important } thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact } }
`;

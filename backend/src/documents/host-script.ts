/**
 * The host's script (主持词, issue 20 point 4) as a printable A4 page: the sentences of hostScript (contracts), built
 * from the chair's view of the meeting, so the page and the chair's console read the same words and figures. A
 * figure not known yet prints as a blank line to fill in by hand; each sentence carries the rule it rests on.
 */
import { BLANK, hostScript, meetingView, type MeetingState, type ScriptLine } from '@tallyroom/contracts';
import type { FileChild } from 'docx';
import { heading, loadDocx, note, packDocument, PAGE_MM, para, run, title } from './docx-common.js';
import { html, trusted, type Html } from '../report/html.js';
import { practiceText, practiceWatermark } from '../report/practice-watermark.js';
import { PRINT_SCRIPT } from '../report/print-script.js';
import type { ReportLang } from '../report/report-text.js';

const WORDS: Record<
  ReportLang,
  {
    title: string;
    print: string;
    other: string;
    rule: string;
    warning: (rev: number, problem: string) => string;
    asOf: (rev: number) => string;
  }
> = {
  'zh-CN': {
    title: '主持词',
    print: '打印',
    other: 'English version',
    rule: '依据',
    warning: (rev, problem) => `存储的记录在第 ${rev} 号事件处核验失败（${problem}），本主持词只反映此前的事件。`,
    asOf: (rev) => `按第 ${rev} 号事件时的会议情况生成；空白处待会上填写。`,
  },
  en: {
    title: "Host's script",
    print: 'Print',
    other: '中文版',
    rule: 'Rule',
    warning: (rev, problem) =>
      `The stored record fails verification at event ${rev} (${problem}); this script shows only the events before it.`,
    asOf: (rev) => `Generated from the meeting as of event ${rev}; blanks are filled in at the meeting.`,
  },
};

/** A sentence with each blank drawn as a line to write on. */
function sentence(l: ScriptLine, lang: ReportLang): Html {
  const pieces = l.text.split(BLANK);
  const body = pieces.map((p, i) => (i === 0 ? html`${p}` : html`<span class="blank" data-blank="1"></span>${p}`));
  return html`<p class="line${l.blank ? ' open' : ''}">${body}${l.rule ? html`<span class="ref" data-rule="${l.rule}">〔${WORDS[lang].rule} ${l.rule}〕</span>` : null}</p>`;
}

/** What either printing of the script reads: the state, the reader's language, and where the log broke, if it did. */
interface ScriptInput {
  state: MeetingState;
  lang: ReportLang;
  broken?: { revision: number; problem: string };
}

export function renderHostScript({ state, lang, broken }: ScriptInput): string {
  const w = WORDS[lang];
  const parts = hostScript(meetingView(state, { role: 'chair' }), lang);
  const other = lang === 'en' ? '?lang=zh-CN' : '?lang=en';
  return html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${w.title} — ${state.title}</title>
<style>${trusted(CSS)}</style></head>
<body>
${practiceWatermark(state, lang)}
<nav class="no-print"><button type="button" id="print">${w.print}</button><a href="${other}" hreflang="${lang === 'en' ? 'zh-CN' : 'en'}">${w.other}</a></nav>
${broken ? html`<p class="warning" role="alert">⚠ ${w.warning(broken.revision, broken.problem)}</p>` : null}
<header><h1>${w.title}</h1><p class="center doc-title" data-meta="title">${state.title}</p><p class="center note" data-meta="organisation">${state.organisation}</p></header>
${parts.map(
  (p) =>
    html`<section class="part" data-part="${p.id}" data-done="${p.done ? '1' : '0'}"><h2>${p.heading}</h2>${p.lines.map((l) => sentence(l, lang))}</section>`,
)}
<p class="note asof" data-revision="${state.revision}">${w.asOf(state.revision)}</p>
<script>${trusted(PRINT_SCRIPT)}</script>
</body></html>
`.value;
}

/** A blank to fill in by hand, as the printed page draws it: a line the width of a few characters. */
const WRITE_IN = '＿＿＿＿＿＿';

/** The same script as a Word document, for a host who edits it before the meeting (the words and blanks of the page). */
export async function renderHostScriptDocx({ state, lang, broken }: ScriptInput): Promise<Uint8Array> {
  await loadDocx();
  const w = WORDS[lang];
  const practice = practiceText(state, lang, 'paper');
  const out: FileChild[] = [
    title(w.title),
    para(state.title, { center: true }),
    para(state.organisation, { center: true }),
  ];
  if (broken) out.push(para(`⚠ ${w.warning(broken.revision, broken.problem)}`, { indent: false }));
  for (const part of hostScript(meetingView(state, { role: 'chair' }), lang)) {
    out.push(heading(part.heading));
    for (const l of part.lines)
      out.push(
        para([
          run(l.text.split(BLANK).join(WRITE_IN)),
          ...(l.rule ? [run(`〔${w.rule} ${l.rule}〕`, { size: 'table' })] : []),
        ]),
      );
  }
  out.push(note(w.asOf(state.revision)));
  return packDocument(w.title, out, PAGE_MM, practice);
}

const CSS = `
@page { size: A4; margin: 20mm 18mm 18mm; @bottom-center { content: "— " counter(page) " —"; font-size: 9pt } }
* { box-sizing: border-box }
body { font-family: FangSong, STFangsong, "FangSong_GB2312", "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, "Noto Sans CJK SC", serif; font-size: 14pt; color: #000; background: #fff; max-width: 174mm; margin: 0 auto; line-height: 1.7 }
h1 { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", SimHei, "Noto Serif CJK SC", "Noto Sans CJK SC", serif; text-align: center; font-size: 22pt; letter-spacing: .3em; margin: 4mm 0 2pt; font-weight: bold }
h2 { font-size: 14pt; margin: 12pt 0 4pt; font-family: SimHei, "Noto Sans CJK SC", sans-serif; font-weight: bold }
.center { text-align: center }
.doc-title { font-size: 15pt; margin: 0 }
.note { color: #333; font-size: 9pt; margin: 2pt 0 }
p.line { text-indent: 2em; margin: 3pt 0 }
.blank { display: inline-block; min-width: 3em; border-bottom: .75pt solid #000; height: 1.1em; vertical-align: baseline; margin: 0 .15em }
.ref { font-size: 8.5pt; color: #555; margin-left: .4em; white-space: nowrap; font-family: "Noto Sans CJK SC", sans-serif }
.part { break-inside: auto } h2 { break-after: avoid }
.asof { margin-top: 8mm }
nav.no-print { display: flex; justify-content: flex-end; gap: 1em; align-items: center; font-size: 10pt; margin: 2mm 0 }
nav.no-print button { font: inherit; font-size: 11pt; padding: 3pt 14pt; cursor: pointer }
.warning { border: 2pt solid #b00; color: #b00; padding: 4pt; font-weight: bold }
@media screen { html { background: #e8e8e8 } body { padding: 12mm 16mm 16mm; margin: 6mm auto; max-width: 210mm; box-shadow: 0 1px 6px rgba(0,0,0,.25) } }
@media print { .no-print { display: none !important } }
`;

/**
 * The watermark of a practice meeting's result report (rehearsal.ts in contracts): 演练 across every printed page
 * and a note at the top that the paper is no election result. A separate piece with its own style, placed by one
 * line where the page is assembled (render-report.ts), so the report's body can change around it.
 */
import type { MeetingState } from '@tallyroom/contracts';
import { html, trusted, type Html } from './html.js';
import type { ReportLang } from './report-text.js';

const WORDS: Record<ReportLang, { mark: string; note: string; paper: string }> = {
  'zh-CN': {
    mark: '演练',
    note: '本报告单出自演练会议，不是正式选举结果，不得上报。',
    paper: '本文件出自演练会议，不得用于正式选举。',
  },
  en: {
    mark: 'PRACTICE',
    note: 'This report comes from a practice meeting: it is no election result and is not to be filed.',
    paper: 'This paper comes from a practice meeting and is not for a real election.',
  },
};

/** position: fixed repeats the mark on every printed page; it never takes a click or hides a figure from print. */
const CSS = `
.practice-watermark { position: fixed; inset: 0; display: flex; align-items: center; justify-content: center; pointer-events: none; z-index: 10; overflow: hidden }
.practice-watermark span { transform: rotate(-30deg); font-size: 110pt; font-weight: bold; letter-spacing: .2em; color: rgba(176, 0, 0, .13); white-space: nowrap; -webkit-print-color-adjust: exact; print-color-adjust: exact }
.practice-note { border: 1.5pt dashed #b00; color: #b00; text-align: center; font-weight: bold; padding: 3pt; margin: 0 0 6pt }
`;

/**
 * The watermark and note for a practice meeting, nothing for a real one. `paper`: a document other than the result
 * report (sign-in sheet, cards), whose note does not speak of a report.
 */
export function practiceWatermark(
  s: Pick<MeetingState, 'practice'>,
  lang: ReportLang,
  what: 'report' | 'paper' = 'report',
): Html | null {
  if (s.practice !== true) return null;
  const w = WORDS[lang];
  return html`<style>${trusted(CSS)}</style><div class="practice-watermark" data-practice="watermark" aria-hidden="true"><span>${w.mark}</span></div>
<p class="practice-note" role="note" data-practice="note">${w.mark} · ${what === 'paper' ? w.paper : w.note}</p>`;
}

/** The same note as a line of text for a Word document (which has no watermark layer here): null for a real meeting. */
export function practiceText(
  s: Pick<MeetingState, 'practice'>,
  lang: ReportLang,
  what: 'report' | 'paper' = 'report',
): string | null {
  if (s.practice !== true) return null;
  const w = WORDS[lang];
  return `${w.mark} · ${what === 'report' ? w.note : w.paper}`;
}

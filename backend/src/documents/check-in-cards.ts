/**
 * Members' check-in cards (签到卡, issue 20 point 3): one card per member, eight to an A4 page (two across, four
 * down), each with the member's name, number and a QR the kiosk reads (POST …/check-in {card}). Two sheets share
 * this page: GET …/documents/check-in-cards prints the kiosk cards (`TR-CARD…`, check-in only, the same on every
 * print: contracts' check-in-card.ts); POST …/documents/check-in-cards mints personal cards that carry the member's
 * own link (a credential, revocable, shown once). Pure apart from the QR encoder.
 */
import { scheduleOf, type MeetingState } from '@tallyroom/contracts';
import QRCode from 'qrcode';
import { html, trusted } from '../report/html.js';
import { practiceText, practiceWatermark } from '../report/practice-watermark.js';
import { PRINT_SCRIPT } from '../report/print-script.js';
import { WORDS as REPORT_WORDS, type ReportLang } from '../report/report-text.js';
import type { FileChild } from 'docx';
import { centred, layoutTable, loadDocx, packDocument, qrRun, run } from './docx-common.js';

export const CARDS_PER_PAGE = 8;

export interface CheckInCard {
  memberId: string;
  name: string;
  /** What the QR carries: the kiosk card (TR-CARD:…) or the member's own link (…/m/<meeting>/member#t=<token>). */
  link: string;
}

/** `kiosk`: printed at will, check-in only; `personal`: a minted credential, shown once. */
export type CardSheet = 'kiosk' | 'personal';

const WORDS = {
  'zh-CN': {
    title: '签到卡',
    print: '打印',
    hint: '到会时在签到机前出示本卡，扫码签到',
    keep: { personal: '本卡即本人凭证，请妥善保管，不得转借', kiosk: '本卡仅供本人签到，不得转借' },
    once: (n: number) =>
      `本页只显示这一次：共 ${n} 张签到卡，每页 8 张。关闭前请打印；遗失的卡可在“链接与凭证”中作废后重新制发。`,
    again: (n: number) =>
      `共 ${n} 张签到卡，每页 8 张。本卡只用于签到机签到，不能登录或投票；可随时重新打印，遗失的由签到处凭签到表人工签到。`,
  },
  en: {
    title: 'Check-in card',
    print: 'Print',
    hint: 'Show this card at the kiosk to check in',
    keep: {
      personal: 'This card is your credential: keep it, do not lend it',
      kiosk: 'For your own check-in only: do not lend it',
    },
    once: (n: number) =>
      `This page is shown once: ${n} check-in cards, 8 to a page. Print it before closing; a lost card is revoked and re-issued under “Links”.`,
    again: (n: number) =>
      `${n} check-in cards, 8 to a page. A card only checks its member in at the kiosk; it opens no screen and casts no vote. Print again at any time; a member without a card checks in at the desk.`,
  },
} as const;

export async function renderCheckInCards(
  s: MeetingState,
  cards: readonly CheckInCard[],
  lang: ReportLang,
  sheet: CardSheet,
): Promise<string> {
  const w = WORDS[lang];
  const day = REPORT_WORDS[lang].day(scheduleOf(s.scheduledFor, s.timeZone).date);
  const qrs = await Promise.all(
    cards.map((c) => QRCode.toString(c.link, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })),
  );
  const pages: number[][] = [];
  for (let i = 0; i < cards.length; i += CARDS_PER_PAGE)
    pages.push(cards.slice(i, i + CARDS_PER_PAGE).map((_, j) => i + j));
  return html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${w.title} — ${s.title}</title>
<style>${trusted(CSS)}</style></head>
<body>
${practiceWatermark(s, lang, 'paper')}
<nav class="no-print"><p>${sheet === 'kiosk' ? w.again(cards.length) : w.once(cards.length)}</p><button type="button" id="print">${w.print}</button></nav>
${pages.map(
  (page) =>
    html`<div class="sheet">${page.map((i) => {
      const c = cards[i]!;
      return html`<div class="card" data-member="${c.memberId}" data-link="${c.link}">
<p class="meeting">${s.title}</p>
<div class="qr">${trusted(qrs[i]!)}</div>
<div class="who"><p class="name">${c.name}</p><p class="id">${c.memberId}</p><p class="org">${s.organisation}</p><p class="day">${day}</p></div>
<p class="hint">${w.hint}<br>${w.keep[sheet]}</p>
</div>`;
    })}</div>`,
)}
<script>${trusted(PRINT_SCRIPT)}</script>
</body></html>
`.value;
}

/**
 * The same cards as a Word document: two across, each cell 95 × 68 mm with the QR (30 mm) above the name, the
 * dashed rules to cut along. Only the kiosk cards: personal cards carry a credential and are shown once, as a page.
 */
export async function renderCheckInCardsDocx(
  s: MeetingState,
  cards: readonly CheckInCard[],
  lang: ReportLang,
): Promise<Uint8Array> {
  await loadDocx();
  const w = WORDS[lang];
  const day = REPORT_WORDS[lang].day(scheduleOf(s.scheduledFor, s.timeZone).date);
  const cells = await Promise.all(
    cards.map(async (c) => [
      centred([run(s.title, { size: 'table' })], 60),
      centred([await qrRun(c.link, 30)], 40),
      centred([run(c.name, { bold: true })]),
      centred([run(c.memberId, { size: 'table' })]),
      centred([run(`${s.organisation} · ${day}`, { size: 'table' })]),
      centred([run(`${w.hint}${lang === 'en' ? '. ' : '；'}${w.keep.kiosk}`, { size: 'table' })]),
    ]),
  );
  const rows = [];
  for (let i = 0; i < cells.length; i += 2) rows.push([cells[i]!, cells[i + 1] ?? []]);
  const practice = practiceText(s, lang, 'paper');
  const out: FileChild[] = [layoutTable(rows, { widthsMm: [95, 95], heightsMm: rows.map(() => 68), dashed: true })];
  return packDocument(w.title, out, { top: 10, bottom: 10, left: 10, right: 10 }, practice);
}

/** 8 cards of 95 × 68 mm on the 190 × 277 mm inside a 10 mm A4 margin; one .sheet per printed page. */
const CSS = `
@page { size: A4; margin: 10mm }
* { box-sizing: border-box }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", SimHei, sans-serif; color: #000; background: #fff; margin: 0 auto; width: 190mm }
nav.no-print { display: flex; gap: 1em; align-items: center; justify-content: space-between; font-size: 10pt; margin: 2mm 0 }
nav.no-print p { margin: 0; border: 1pt solid #b00; color: #b00; padding: 2pt 4pt }
nav.no-print button { font: inherit; font-size: 11pt; padding: 3pt 14pt; cursor: pointer }
.sheet { display: grid; grid-template-columns: 95mm 95mm; grid-auto-rows: 68mm; width: 190mm; height: 275mm; align-content: start; break-after: page; overflow: hidden }
.sheet:last-of-type { break-after: auto }
.card { border: .5pt dashed #777; padding: 4mm; display: grid; grid-template-columns: 36mm 1fr; grid-template-rows: auto 1fr auto; column-gap: 4mm; overflow: hidden }
.card .meeting { grid-column: 1 / 3; margin: 0 0 2mm; font-size: 8.5pt; text-align: center; white-space: nowrap; overflow: hidden; text-overflow: ellipsis }
.card .qr svg { width: 36mm; height: 36mm; display: block }
.card .who { align-self: center; min-width: 0 }
.card .who p { margin: 0 0 1.5mm }
.card .name { font-size: 20pt; font-weight: bold; letter-spacing: .1em; word-break: break-all }
.card .id { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 11pt }
.card .org, .card .day { font-size: 8.5pt; color: #333 }
.card .hint { grid-column: 1 / 3; margin: 2mm 0 0; font-size: 8pt; text-align: center; color: #333 }
@media screen { html { background: #e8e8e8 } body { padding: 4mm; background: #fff } .sheet { border-bottom: 1px solid #ccc; margin-bottom: 4mm } }
@media print { .no-print { display: none !important } }
`;

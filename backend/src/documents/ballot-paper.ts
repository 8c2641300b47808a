/**
 * Ballot papers (选票, issue 20 point 1) for one round of one contest, printable on A4: a cover for whoever prints
 * them (how many to print: the ballots issued, or the voters present before the round opens, plus a spare set for a
 * re-vote), then the ballot itself — the office, the seats, the marking rule (P-22: 赞成 ○, 不赞成 ×, 弃权 no mark, the
 * convention of /work/shared/field-notes.md), the candidates in the order the round stores them (P-18: surname strokes, or for the secretaries the approved order, ballotOrderFor),
 * a write-in column (另选他人) where the ruleset allows write-ins, and how an over-vote is treated (P-23). The ballot
 * carries no number, hash or mark of any kind (a numbered ballot is void, P-23).
 */
import {
  electorateOf,
  officeName,
  type BallotColour,
  refuse,
  writeInsPossible,
  type ContestState,
  type MeetingState,
  type RoundKind,
} from '@tallyroom/contracts';
import { html, trusted, type Html } from '../report/html.js';
import { practiceText, practiceWatermark } from '../report/practice-watermark.js';
import { PRINT_SCRIPT } from '../report/print-script.js';
import { chineseNumber, type ReportLang } from '../report/report-text.js';
import type { FileChild } from 'docx';
import { roundParam } from './document-input.js';
import {
  centred,
  heading,
  layoutTable,
  loadDocx,
  note,
  packDocument,
  pageBreak,
  para,
  run,
  title,
} from './docx-common.js';

interface BallotInput {
  state: MeetingState;
  lang: ReportLang;
  query: Record<string, string | undefined>;
}

/** The round a ballot is for: one held or opened, or the one the rules call for next. */
export interface BallotRound {
  contest: ContestState;
  round: number;
  kind: RoundKind;
  seats: number;
  candidates: string[];
  /** How many to print for the hall: the ballots issued once the round opened, else the voters present now. */
  issued: number;
  opened: boolean;
}

/** Reads ?contestId and ?round (default: the round to come, else the last one held); refuses naming the field. */
export function ballotRound({ state, query }: Pick<BallotInput, 'state' | 'query'>): BallotRound {
  const contestId = query.contestId;
  if (!contestId) throw refuse.invalid('contestId', 'CONTEST_REQUIRED', 'the ballot needs ?contestId=');
  const c = state.contests.get(contestId);
  if (!c || c.withdrawal)
    throw refuse.notFound('contestId', 'UNKNOWN_CONTEST', `no contest ${contestId}`, { contestId });
  const next = c.rounds.length + 1;
  const raw = query.round;
  const n = raw === undefined ? (c.pending ? next : Math.max(1, c.rounds.length)) : roundParam(raw);
  if (n === null)
    throw refuse.invalid('round', 'UNKNOWN_ROUND', 'round must be a whole number from 1', { round: raw ?? '' });
  const held = c.rounds[n - 1];
  if (held)
    return {
      contest: c,
      round: n,
      kind: held.kind,
      seats: held.seats,
      candidates: held.candidates,
      issued: held.ballotsIssued,
      opened: true,
    };
  const present = electorateOf(state, c).presentVoters;
  if (n === next && c.pending)
    return { contest: c, round: n, ...c.pending, candidates: c.pending.candidates, issued: present, opened: false };
  // Before the list is confirmed the first ballot can be proofed from the published list.
  if (n === 1 && c.list)
    return {
      contest: c,
      round: 1,
      kind: 'first',
      seats: c.seats,
      candidates: c.list.candidateIds,
      issued: present,
      opened: false,
    };
  throw refuse.notFound('round', 'UNKNOWN_ROUND', `contest ${contestId} has no round ${n} to print`, {
    contest: contestId,
    round: n,
  });
}

interface Words {
  office: (o: string) => string;
  title: (office: string, organisation: string) => string;
  round: (n: number, kind: RoundKind) => string;
  seats: (office: string, n: number) => string;
  name: string;
  mark: string;
  writeIn: string;
  rules: (a: { office: string; seats: number; writeIns: boolean }) => string[];
  cover: string;
  coverNote: string;
  toPrint: (a: { issued: number; opened: boolean }) => string;
  total: (n: number) => string;
  colour: (c: BallotColour | null) => string;
  print: string;
  other: string;
}

const ZH: Words = {
  office: (o) => officeName(o, 'zh-CN'),
  title: (office, org) => `${org}${office}选举选票`,
  round: (n, kind) =>
    n === 1 && kind === 'first'
      ? ''
      : `第${chineseNumber(n)}轮${kind === 'tie' ? '（得票相等重新投票）' : kind === 'supplementary' ? '（另行选举）' : ''}`,
  seats: (office, n) => `应选${office}${n}名`,
  name: '候选人姓名',
  mark: '符号',
  writeIn: '另选他人',
  rules: ({ seats, writeIns }) => [
    '对候选人赞成的，在其姓名下方的空格内画“○”；不赞成的，画“×”；弃权的，不画任何符号。',
    ...(writeIns
      ? ['不赞成的，可以在“另选他人”栏内写上另选人的姓名，并在其下方空格内画“○”；弃权的，不能另选他人。']
      : []),
    `每张选票所选的人数等于或少于应选名额（${seats}名）的为有效票，多于应选名额的为废票。`,
    '选票上除规定的符号外，不得作任何记号，否则视为废票。',
  ],
  cover: '印制说明（不是选票）',
  coverNote: '本页供印制选票用，不得与选票一同发出。选票不得编号或作任何记号。',
  toPrint: ({ issued, opened }) =>
    opened
      ? `本轮发出选票${issued}张，另印备用一套${issued}张，供重新投票用。`
      : `现实到会有选举权的人数${issued}名，按此印制${issued}张，另印备用一套${issued}张，供重新投票用。`,
  total: (n) => `共印${n}张`,
  colour: (c) =>
    c
      ? `用纸颜色：${ZH_COLOURS[c]}（本项选举专用，与其他选举的选票颜色不同）`
      : '用纸颜色：未选定（每项选举宜用不同颜色的纸，可在创建选举时选定）',
  print: '打印',
  other: 'English version',
};

const EN: Words = {
  office: (o) => officeName(o, 'en'),
  title: (office, org) => `${org}: ballot for ${office}`,
  round: (n, kind) =>
    n === 1 && kind === 'first'
      ? ''
      : `Round ${n}${kind === 'tie' ? ' (re-vote on a tie)' : kind === 'supplementary' ? ' (supplementary election)' : ''}`,
  seats: (office, n) => `${n} to elect (${office})`,
  name: 'Candidate',
  mark: 'Mark',
  writeIn: 'Another person',
  rules: ({ seats, writeIns }) => [
    'For a candidate you support, draw “○” in the box below the name; against, draw “×”; to abstain, leave the box empty.',
    ...(writeIns
      ? [
          'Voting against, you may write another person’s name under “Another person” and draw “○” below it; abstaining, you may not.',
        ]
      : []),
    `A ballot electing ${seats} or fewer persons is valid; a ballot electing more is invalid.`,
    'Make no mark on the ballot other than these symbols, or the ballot is void.',
  ],
  cover: 'Printing instructions (not a ballot)',
  coverNote:
    'This page is for printing the ballots and is never handed out with them. Ballots carry no number or mark.',
  toPrint: ({ issued, opened }) =>
    opened
      ? `${issued} ballots issued in this round; print a spare set of ${issued} for a re-vote.`
      : `${issued} voters present now: print ${issued}, and a spare set of ${issued} for a re-vote.`,
  total: (n) => `${n} in all`,
  colour: (c) =>
    c
      ? `Paper: ${c} (this election's own colour, unlike the other elections' ballots)`
      : 'Paper: no colour chosen (each election should have its own colour; choose it when creating the election)',
  print: 'Print',
  other: '中文版',
};

const WORDS: Record<ReportLang, Words> = { 'zh-CN': ZH, en: EN };

const ZH_COLOURS: Record<BallotColour, string> = {
  white: '白色',
  red: '红色',
  pink: '粉红色',
  yellow: '黄色',
  blue: '蓝色',
  green: '绿色',
};
/** How the ballot looks on screen before it is printed on the coloured paper (the printer prints black on it). */
const SCREEN_TINTS: Record<BallotColour, string> = {
  white: '#fff',
  red: '#f8d7d7',
  pink: '#fbe3ee',
  yellow: '#fdf5c9',
  blue: '#dceaf8',
  green: '#ddf1dd',
};

/** What both printings of a ballot show: the round, its office, the names in their order, and the write-in column. */
function ballotFacts(input: BallotInput) {
  const { state, lang } = input;
  const b = ballotRound(input);
  const office = WORDS[lang].office(b.contest.office);
  const nameOf = (id: string) => state.members.get(id)?.name ?? id;
  // P-22, P-26, P-27: write-ins count only in a first round under a ruleset that has them (contracts' rule).
  const writeIns = writeInsPossible({
    policy: state.ruleset!.writeIns,
    kind: b.kind,
    candidates: b.candidates,
    mayBeElected: () => true,
  });
  return { b, office, names: b.candidates.map(nameOf), writeIns };
}

export function renderBallot(input: BallotInput): string {
  const { state, lang } = input;
  const w = WORDS[lang];
  const { b, office, names, writeIns } = ballotFacts(input);
  const other = lang === 'en' ? 'zh-CN' : 'en';
  const roundLabel = w.round(b.round, b.kind);
  const cells = (xs: (string | Html)[], cls: string) => xs.map((x) => html`<td class="${cls}">${x}</td>`);
  const row = (label: string, xs: (string | Html)[], cls: string) => html`<tr><th>${label}</th>${cells(xs, cls)}</tr>`;
  return html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${w.title(office, state.organisation)}</title>
<style>${trusted(CSS)}</style></head>
<body>
${practiceWatermark(state, lang)}
<nav class="no-print"><button type="button" id="print">${w.print}</button><a href="?contestId=${encodeURIComponent(b.contest.contestId)}&amp;round=${b.round}&amp;lang=${other}" hreflang="${other}">${w.other}</a></nav>
<section class="cover" data-part="cover">
<h2>${w.cover}</h2>
<p>${state.title}</p>
<p>${w.title(office, state.organisation)}${roundLabel ? html` · ${roundLabel}` : null} · ${w.seats(office, b.seats)}</p>
<p data-count="issued" data-value="${b.issued}">${w.toPrint({ issued: b.issued, opened: b.opened })}</p>
<p class="total" data-count="total" data-value="${b.issued * 2}">${w.total(b.issued * 2)}</p>
<p data-part="colour" data-colour="${b.contest.ballotColour ?? ''}">${w.colour(b.contest.ballotColour)}</p>
<p class="note">${w.coverNote}</p>
</section>
<section class="ballot" data-part="ballot" data-round="${b.round}" data-kind="${b.kind}"${b.contest.ballotColour ? html` style="--paper: ${SCREEN_TINTS[b.contest.ballotColour]}"` : null}>
<h1>${w.title(office, state.organisation)}</h1>
${roundLabel ? html`<p class="center round">${roundLabel}</p>` : null}
<p class="center seats" data-seats="${b.seats}">${w.seats(office, b.seats)}</p>
${chunks(names, PER_ROW).map(
  (part) =>
    html`<table class="names${names.length > PER_ROW ? ' long' : ''}" data-candidates="${part.length}">${row(w.name, part, 'name')}${row(
      w.mark,
      part.map(() => ''),
      'box',
    )}</table>`,
)}
${
  writeIns
    ? html`<table class="names write-in"><caption>${w.writeIn}</caption>${row(
        w.name,
        Array.from({ length: b.seats }, () => ''),
        'name blank',
      )}${row(
        w.mark,
        Array.from({ length: b.seats }, () => ''),
        'box',
      )}</table>`
    : null
}
<ol class="rules">${w.rules({ office, seats: b.seats, writeIns }).map((r) => html`<li>${r}</li>`)}</ol>
</section>
<script>${trusted(PRINT_SCRIPT)}</script>
</body></html>
`.value;
}

/** The ballot as a Word document, for a print shop that sets it: the printing instructions, then on a page of its own the ballot. */
export async function renderBallotDocx(input: BallotInput): Promise<Uint8Array> {
  await loadDocx();
  const { state, lang } = input;
  const w = WORDS[lang];
  const { b, office, names, writeIns } = ballotFacts(input);
  const roundLabel = w.round(b.round, b.kind);
  const heading1 = `${w.title(office, state.organisation)}${roundLabel ? ` · ${roundLabel}` : ''} · ${w.seats(office, b.seats)}`;
  const practice = practiceText(state, lang, 'paper');
  // The names share the width beside the label column (178 mm less 24), as the page spreads them; a row of six or
  // seven takes a smaller size so that a name of four characters stays on one line.
  const table = (labels: string[]) => {
    const width = Math.max(21, Math.floor(154 / Math.max(labels.length, 1)));
    const size = labels.length > 5 ? 'small' : 'body';
    return layoutTable(
      [
        [[centred([run(w.name, { size: 'table' })])], ...labels.map((n) => [centred([run(n, { size })])])],
        [[centred([run(w.mark, { size: 'table' })])], ...labels.map(() => [])],
      ],
      { widthsMm: [24, ...labels.map(() => width)], heightsMm: [14, 16] },
    );
  };
  const out: FileChild[] = [
    heading(w.cover),
    para(state.title, { indent: false }),
    para(heading1, { indent: false }),
    para(w.toPrint({ issued: b.issued, opened: b.opened }), { indent: false }),
    para([run(w.total(b.issued * 2), { bold: true })], { indent: false }),
    para(w.colour(b.contest.ballotColour), { indent: false }),
    note(w.coverNote),
    pageBreak(),
    title(w.title(office, state.organisation)),
    ...(roundLabel ? [para(roundLabel, { center: true })] : []),
    para(w.seats(office, b.seats), { center: true }),
  ];
  for (const part of chunks(names, PER_ROW)) out.push(table(part), para(''));
  if (writeIns) {
    out.push(para([run(w.writeIn, { bold: true })], { indent: false }));
    for (const part of chunks(
      Array.from({ length: b.seats }, () => ''),
      PER_ROW,
    ))
      out.push(table(part), para(''));
  }
  w.rules({ office, seats: b.seats, writeIns }).forEach((r, i) =>
    out.push(para(`${lang === 'en' ? `${i + 1}.` : `${chineseNumber(i + 1)}、`}${r}`, { indent: false })),
  );
  return packDocument(w.title(office, state.organisation), out, { top: 18, bottom: 18, left: 16, right: 16 }, practice);
}

/** Names per row: a long list continues in a further table of the same column width, each name with its box below. */
const PER_ROW = 7;
const chunks = <T>(xs: readonly T[], n: number): T[][] =>
  Array.from({ length: Math.max(1, Math.ceil(xs.length / n)) }, (_, i) => xs.slice(i * n, i * n + n));
export const ballotFileName = (input: BallotInput) => {
  const b = ballotRound(input);
  return `选票-${b.contest.contestId}-${b.round}`;
};

const CSS = `
@page { size: A4; margin: 18mm 16mm }
* { box-sizing: border-box }
body { font-family: FangSong, STFangsong, "FangSong_GB2312", "Noto Serif CJK SC", "Source Han Serif SC", SimSun, "Noto Sans CJK SC", serif; font-size: 13pt; color: #000; background: #fff; max-width: 178mm; margin: 0 auto; line-height: 1.6 }
h1 { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", SimHei, "Noto Serif CJK SC", "Noto Sans CJK SC", serif; text-align: center; font-size: 22pt; letter-spacing: .2em; margin: 0 0 4pt; font-weight: bold }
h2 { font-size: 14pt; font-family: SimHei, "Noto Sans CJK SC", sans-serif }
.center { text-align: center } .seats { font-size: 14pt; margin: 0 0 6mm } .round { margin: 0 }
.cover { border: 1pt dashed #555; padding: 4mm 6mm; break-after: page }
.cover .total { font-size: 16pt; font-weight: bold }
.note { font-size: 9pt; color: #333 }
table.names { border-collapse: collapse; width: 100%; margin: 0 0 6mm; table-layout: fixed }
table.names caption { caption-side: top; text-align: left; font-weight: bold; margin-bottom: 2pt }
table.names th, table.names td { border: 1pt solid #000; text-align: center; padding: 2mm 1mm }
table.names th { width: 24mm; font-weight: normal; font-size: 11pt }
td.name { font-size: 14pt; letter-spacing: .1em; height: 14mm; writing-mode: horizontal-tb }
td.box { height: 16mm }
table.names.long { width: auto } table.names.long td { width: 21mm }
ol.rules { font-size: 11pt; padding-left: 2.5em; margin: 0 }
html:lang(zh-CN) ol.rules { list-style-type: cjk-ideographic }
nav.no-print { display: flex; justify-content: flex-end; gap: 1em; align-items: center; font-size: 10pt; margin: 2mm 0 }
nav.no-print button { font: inherit; font-size: 11pt; padding: 3pt 14pt; cursor: pointer }
@media screen { html { background: #e8e8e8 } body { padding: 12mm 16mm; margin: 6mm auto; max-width: 210mm; box-shadow: 0 1px 6px rgba(0,0,0,.25) } }
@media screen { .ballot { background: var(--paper, #fff); outline: 4mm solid var(--paper, #fff) } }
@media print { .no-print { display: none !important } }
`;

/**
 * What every Word document of the pack shares (issue 20, point 6): A4 with the margins of GB/T 9704 (top 37 mm,
 * bottom 35 mm, left 28 mm, right 26 mm), 仿宋_GB2312 (falling back to 仿宋) for the body and 方正小标宋简体 (falling
 * back to 宋体) for the title, the 主送 line, the organisation and the date in Chinese at the lower right, and the
 * chain head with its QR. Built with the `docx` library; this file only lays paragraphs and tables out.
 */
import type { ChainHead } from '@tallyroom/contracts';
import type * as Docx from 'docx';
import type { FileChild, ImageRun, Paragraph, Table, TextRun } from 'docx';
import QRCode from 'qrcode';
import { headPayload } from '../report/render-report.js';

/**
 * The docx library is loaded by the first Word document, not at start-up: it is ~4 MiB of a process's resident
 * memory, which a laptop counting a meeting or a backend of a district's day never needs. Every render function of
 * a Word document awaits loadDocx() before it lays anything out; the helpers below then find it loaded.
 */
let loaded: typeof Docx | undefined;
export async function loadDocx(): Promise<void> {
  loaded ??= await import('docx');
}
function docx(): typeof Docx {
  if (!loaded) throw new Error('docx-common: await loadDocx() before laying a document out');
  return loaded;
}

/** The fonts of a Chinese official document; `eastAsia` is what Word uses for the Chinese characters. */
export const BODY_FONT = '仿宋_GB2312';
export const BODY_FONT_FALLBACK = '仿宋';
export const TITLE_FONT = '方正小标宋简体';
export const TITLE_FONT_FALLBACK = '宋体';
export const HEADING_FONT = '黑体';

/** GB/T 9704 page: A4 (210 × 297 mm) and its margins in millimetres. */
export const PAGE_MM = { width: 210, height: 297, top: 37, bottom: 35, left: 28, right: 26 } as const;

const font = (name: string, fallback?: string) => ({
  ascii: fallback ?? name,
  hAnsi: fallback ?? name,
  eastAsia: name,
});
/** 三号 is 16 pt (32 half-points), 二号 22 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt. */
const SIZE = { title: 44, body: 32, small: 24, table: 21 } as const;

export interface RunStyle {
  bold?: boolean;
  size?: keyof typeof SIZE;
  heading?: boolean;
}

export const run = (text: string, style: RunStyle = {}): TextRun =>
  new (docx().TextRun)({
    text,
    bold: style.bold ?? false,
    size: SIZE[style.size ?? 'body'],
    font: style.heading ? font(HEADING_FONT) : font(BODY_FONT, BODY_FONT_FALLBACK),
  });

/** The title, centred, in 方正小标宋 (宋体 where it is not installed). */
export const title = (text: string) => {
  const { AlignmentType, Paragraph, TextRun } = docx();
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 240 },
    children: [new TextRun({ text, size: SIZE.title, font: font(TITLE_FONT, TITLE_FONT_FALLBACK) })],
  });
};

/** A body paragraph, its first line indented two characters. */
export const para = (text: string | TextRun[], opts: { indent?: boolean; right?: boolean; center?: boolean } = {}) => {
  const { AlignmentType, LineRuleType, Paragraph } = docx();
  return new Paragraph({
    alignment: opts.right ? AlignmentType.RIGHT : opts.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    indent: opts.indent === false || opts.right || opts.center ? undefined : { firstLine: 640 },
    spacing: { line: 560, lineRule: LineRuleType.EXACT },
    children: typeof text === 'string' ? [run(text)] : text,
  });
};

/** A level-one heading (一、…) in 黑体, as GB/T 9704 sets it. */
export const heading = (text: string) =>
  new (docx().Paragraph)({
    indent: { firstLine: 640 },
    spacing: { before: 120 },
    children: [run(text, { heading: true })],
  });

/** A small note (the rule a line rests on, the verification line). */
export const note = (text: string) =>
  new (docx().Paragraph)({ spacing: { after: 60 }, children: [run(text, { size: 'table' })] });

/** BorderStyle.SINGLE, spelt out so that the table's borders need no library at load. */
const border = { style: 'single', size: 4, color: '000000' } as const;
const borders = { top: border, bottom: border, left: border, right: border };

/** A ruled table: the first row is the header row; a null cell prints as —. */
export function table(rows: (string | number | null)[][], widthsMm?: number[]): Table {
  const { AlignmentType, Paragraph, Table, TableCell, TableRow, WidthType, convertMillimetersToTwip } = docx();
  const text = (v: string | number | null) => (v === null ? '—' : String(v));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    ...(widthsMm ? { columnWidths: widthsMm.map(convertMillimetersToTwip) } : {}),
    rows: rows.map(
      (cells, i) =>
        new TableRow({
          tableHeader: i === 0,
          children: cells.map(
            (v) =>
              new TableCell({
                borders,
                // A cell of several lines (a minute with its vote and reason) is several paragraphs.
                children: text(v)
                  .split('\n')
                  .map(
                    (line) =>
                      new Paragraph({
                        alignment: typeof v === 'number' ? AlignmentType.RIGHT : AlignmentType.LEFT,
                        children: [run(line, { size: 'table', bold: i === 0 })],
                      }),
                  ),
              }),
          ),
        }),
    ),
  });
}

/** A table of label / value rows, no header. */
export const figures = (rows: [string, string | number | null][]) => {
  const { AlignmentType, Paragraph, Table, TableCell, TableRow, WidthType } = docx();
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      ([k, v]) =>
        new TableRow({
          children: [k, v].map(
            (x, i) =>
              new TableCell({
                borders,
                children: [
                  new Paragraph({
                    alignment: i === 1 && typeof x === 'number' ? AlignmentType.RIGHT : AlignmentType.LEFT,
                    children: [run(x === null ? '—' : String(x), { size: 'table' })],
                  }),
                ],
              }),
          ),
        }),
    ),
  });
};

/** The 主送 line: the upper organisation, left blank for the branch to write in. */
export const addressee = (label: string) => para([run(label), run('\u3000'.repeat(12))], { indent: false });

/** The organisation (with room for the seal) and the date, right-aligned at the foot. */
export const issuer = (organisation: string, date: string) => {
  const { AlignmentType, Paragraph } = docx();
  return [
    new Paragraph({ spacing: { before: 480 }, alignment: AlignmentType.RIGHT, children: [run(organisation)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(date)] }),
  ];
};

/** The chain head in words and its QR as a PNG (the payload the html report encodes). */
export async function headBlock(meetingId: string, head: ChainHead, words: string[]): Promise<FileChild[]> {
  const { ImageRun, Paragraph } = docx();
  const png = await QRCode.toBuffer(headPayload(meetingId, head), {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 1,
    width: 240,
  });
  return [
    new Paragraph({
      spacing: { before: 360 },
      children: [new ImageRun({ type: 'png', data: png, transformation: { width: 110, height: 110 } })],
    }),
    ...words.map(note),
  ];
}

/** A paragraph that starts a new page (the ballot after its printing instructions). */
export const pageBreak = () => new (docx().Paragraph)({ children: [new (docx().PageBreak)()] });

/** A centred paragraph of runs (a name on a ballot, a line of a card). */
export const centred = (runs: TextRun[] | ImageRun[], after = 0) =>
  new (docx().Paragraph)({ alignment: docx().AlignmentType.CENTER, spacing: { after }, children: runs });

/**
 * A ruled table of paragraphs: each cell its own paragraphs, centred vertically, each row at least `heightMm` high.
 * `widthsMm` fixes the columns (a ballot's label column, a card's width); `dashed` rules it for cutting (cards).
 */
export function layoutTable(
  rows: Paragraph[][][],
  o: { heightsMm?: number[]; widthsMm?: number[]; dashed?: boolean; headerRow?: boolean } = {},
): Table {
  const {
    HeightRule,
    Table,
    TableCell,
    TableLayoutType,
    TableRow,
    VerticalAlign,
    WidthType,
    convertMillimetersToTwip,
  } = docx();
  const line = o.dashed ? ({ style: 'dashed', size: 4, color: '777777' } as const) : border;
  const ruled = { top: line, bottom: line, left: line, right: line };
  return new Table({
    width: o.widthsMm
      ? { size: convertMillimetersToTwip(o.widthsMm.reduce((a, b) => a + b, 0)), type: WidthType.DXA }
      : { size: 100, type: WidthType.PERCENTAGE },
    ...(o.widthsMm ? { columnWidths: o.widthsMm.map(convertMillimetersToTwip), layout: TableLayoutType.FIXED } : {}),
    rows: rows.map(
      (cells, i) =>
        new TableRow({
          ...(o.heightsMm?.[i] !== undefined
            ? { height: { value: convertMillimetersToTwip(o.heightsMm[i]), rule: HeightRule.ATLEAST } }
            : {}),
          cantSplit: true,
          // A long table's first row repeats at the head of every page it runs onto (the sign-in sheet's columns).
          tableHeader: o.headerRow === true && i === 0,
          children: cells.map(
            (children, j) =>
              new TableCell({
                borders: ruled,
                verticalAlign: VerticalAlign.CENTER,
                ...(o.widthsMm?.[j] !== undefined
                  ? { width: { size: convertMillimetersToTwip(o.widthsMm[j]), type: WidthType.DXA } }
                  : {}),
                children: children.length ? children : [new (docx().Paragraph)({})],
              }),
          ),
        }),
    ),
  });
}

/** A QR code as an image run of `mm` millimetres (96 px to the inch, as Word reads an image's pixel size). */
export async function qrRun(payload: string, mm: number): Promise<ImageRun> {
  const png = await QRCode.toBuffer(payload, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 300 });
  const px = Math.round((mm / 25.4) * 96);
  return new (docx().ImageRun)({ type: 'png', data: png, transformation: { width: px, height: px } });
}

/** Page margins in millimetres: GB/T 9704's for an official document, narrower for a sheet of cards or a ballot. */
export type MarginsMm = Record<'top' | 'bottom' | 'left' | 'right', number>;

/** An A4 document (GB/T 9704 margins unless others are given), packed to bytes. */
export async function packDocument(
  docTitle: string,
  children: FileChild[],
  marginsMm: MarginsMm = PAGE_MM,
  /** A line at the head of every page: a practice meeting's mark, so no page of its papers passes for a real one. */
  everyPage?: string | null,
): Promise<Uint8Array> {
  const { Document, Header, Packer, convertMillimetersToTwip } = docx();
  const doc = new Document({
    title: docTitle,
    creator: 'Tallyroom',
    styles: { default: { document: { run: { font: font(BODY_FONT, BODY_FONT_FALLBACK), size: SIZE.body } } } },
    sections: [
      {
        properties: {
          page: {
            size: {
              width: convertMillimetersToTwip(PAGE_MM.width),
              height: convertMillimetersToTwip(PAGE_MM.height),
            },
            margin: {
              // The header (a practice mark) sits inside the top margin, so it never pushes a page's content down.
              header: convertMillimetersToTwip(Math.min(12.5, marginsMm.top / 2)),
              top: convertMillimetersToTwip(marginsMm.top),
              bottom: convertMillimetersToTwip(marginsMm.bottom),
              left: convertMillimetersToTwip(marginsMm.left),
              right: convertMillimetersToTwip(marginsMm.right),
            },
          },
        },
        ...(everyPage
          ? {
              headers: {
                default: new Header({ children: [centred([run(everyPage, { bold: true, size: 'table' })])] }),
              },
            }
          : {}),
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

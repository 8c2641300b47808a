import type * as ExcelJS from 'exceljs';
import {
  DEFAULT_MAX_ROWS,
  isRollHeader,
  MAX_TITLE_LINES,
  rollFromRecords,
  type RollRecord,
  type RollRecordsResult,
  type RollRowError,
} from './roll-csv.js';

/** The media type Excel and WPS save a workbook under. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook is a zip file: it opens with "PK\x03\x04", which no CSV roll does. */
export function looksLikeXlsx(bytes: Uint8Array, contentType: string | undefined): boolean {
  if ((contentType ?? '').split(';')[0]!.trim().toLowerCase() === XLSX_TYPE) return true;
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * A roll from an .xlsx workbook (as Excel and WPS save it): the first sheet, read by exceljs, each row's cells as
 * text, then the same header mapping and row checks as a CSV (rollFromRecords). Line numbers are the sheet's row
 * numbers, as the secretary sees them in Excel.
 */
export async function parseRollXlsx(bytes: Uint8Array, opts: { maxRows?: number } = {}): Promise<RollRecordsResult> {
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  const read = await readXlsxRecords(bytes, maxRows, isRollHeader);
  return 'error' in read ? { ok: false, errors: [read.error] } : rollFromRecords(read.entries, maxRows);
}

/**
 * The first sheet's rows as records (cells as text, the sheet's row numbers), title rows above the header (told by
 * `isHeader`) dropped: what a roll (rollFromRecords) or a voter list (voter-list.ts) then reads.
 */
/**
 * A new workbook. exceljs is loaded on first use, not when the backend starts: it alone is about 27 MiB of a
 * backend's resident memory, for an upload or a ledger export that most processes never see.
 */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const excel = await import('exceljs');
  return new excel.default.Workbook();
}

export async function readXlsxRecords(
  bytes: Uint8Array,
  maxRows: number,
  isHeader: (fields: readonly string[]) => boolean,
): Promise<{ entries: RollRecord[] } | { error: RollRowError }> {
  const workbook = await newWorkbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (e) {
    const why = e instanceof Error ? e.message.slice(0, 120) : String(e);
    return {
      error: {
        line: 1,
        message: `not a readable .xlsx workbook (${why}); save it from Excel or WPS as "Excel 工作簿 (*.xlsx)" / 无法读取的 .xlsx 工作簿，请在 Excel 或 WPS 中另存为 .xlsx`,
      },
    };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { error: { line: 1, message: 'the workbook has no sheet / 工作簿中没有工作表' } };

  const records: RollRecord[] = [];
  // Rows beyond the limit are not read: the first one over it is enough to refuse.
  let overflowed = false;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (overflowed) return;
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value).trim());
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    // A formatted but empty row is no row, as in the CSV.
    if (cells.length === 0) return;
    records.push({ line: rowNumber, fields: cells });
    if (records.length > maxRows + 1 + MAX_TITLE_LINES) overflowed = true;
  });
  return { entries: dropTitleRows(records, isHeader) };
}

/** Title rows of one cell each above the header (at most MAX_TITLE_LINES) are skipped, as in the CSV. */
function dropTitleRows(records: RollRecord[], isHeader: (fields: readonly string[]) => boolean): RollRecord[] {
  for (let i = 0; i <= MAX_TITLE_LINES && i < records.length; i++) {
    const r = records[i]!;
    if (!('fields' in r)) return records;
    if (isHeader(r.fields)) return records.slice(i);
    if (r.fields.filter((f) => f !== '').length > 1) return records;
  }
  return records;
}

/** A cell's value as the reader sees it: numbers as written (1001, not 1001.0), rich text joined, a formula's result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    return result === undefined || result === null || typeof result === 'object'
      ? ''
      : cellText(result as ExcelJS.CellValue);
  }
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('error' in value) return String(value.error);
  return '';
}

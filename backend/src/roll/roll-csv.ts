import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { memberNumberKey } from '@tallyroom/contracts';

/** A voter list's columns (V-02, voter-list.ts). */
export type VoterListField = 'name' | 'memberId' | 'basis' | 'sex' | 'household' | 'group' | 'admission';

export type RollStatus = 'full' | 'probationary' | 'rights-suspended';
type Field = 'name' | 'memberId' | 'status';
/** P-06: a column a roll may have; a row without it, or blank in it, is a party member. */
type OptionalField = 'category';

export interface RollRow {
  memberId: string;
  name: string;
  status: RollStatus;
  /** P-06: a masses' representative (群众代表 / 村(居)民代表) or an invited deputy (特邀代表); PG-04: a person voted on (预备人选); absent for a party member. */
  category?: RollCategory;
}
export type RollCategory = 'masses' | 'deputy' | 'candidate';

export interface RollRowError {
  /** 1-based physical line in the file (header = line 1); a multi-line record reports its first line. */
  line: number;
  /** The column at fault: a roll's (name, memberId, status, category) or a voter list's (voter-list.ts). */
  field?: Field | OptionalField | VoterListField;
  message: string;
}

/** As rollFromRecords reads it (the mapping and, on errors, the rows that read well, for a preview), with the encoding. */
export type RollParseResult = RollRecordsResult & { encoding: 'utf-8' | 'gbk' | 'unknown' };

export const DEFAULT_MAX_ROWS = 20000;
const MAX_MEMBER_ID_LENGTH = 64;
const MAX_NAME_LENGTH = 100;

/**
 * The header names each column may have, as a reader writes them (the Chinese first). Headers are compared
 * after trimming, lower-casing and dropping spaces/underscores/hyphens, so "Member ID", "member_id" and
 * "memberId" all match.
 */
const HEADER_NAMES: Record<Field, { zh: string; en: string; accepted: readonly string[] }> = {
  name: { zh: '姓名', en: 'name', accepted: ['姓名', 'name'] },
  memberId: { zh: '党员编号', en: 'memberId', accepted: ['党员编号', '编号', '选民编号', 'memberId', 'id'] },
  status: { zh: '状态', en: 'status', accepted: ['状态', '身份', 'status'] },
};
const FIELDS = Object.keys(HEADER_NAMES) as Field[];
/** P-06: the participant's category (the recommendation meeting's roll), an optional column. */
const CATEGORY_HEADER = { zh: '类别', en: 'category', accepted: ['类别', '人员类别', '参会类别', 'category'] };
const headerKey = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');
const HEADER_ALIASES: Record<Field, readonly string[]> = {
  name: HEADER_NAMES.name.accepted.map(headerKey),
  memberId: HEADER_NAMES.memberId.accepted.map(headerKey),
  status: HEADER_NAMES.status.accepted.map(headerKey),
};
const FIELD_LABELS = (f: Field) => `${HEADER_NAMES[f].en} / ${HEADER_NAMES[f].zh}`;
/** "党员编号、编号、选民编号、memberId 或 id" */
const orList = (names: readonly string[], sep: string, or: string) =>
  names.length > 1 ? `${names.slice(0, -1).join(sep)}${or}${names[names.length - 1]}` : (names[0] ?? '');
const ACCEPTED_HEADERS_EN = FIELDS.map((f) => orList(HEADER_NAMES[f].accepted, ', ', ' or ')).join('; ');
const ACCEPTED_HEADERS_ZH = FIELDS.map((f) => orList(HEADER_NAMES[f].accepted, '、', ' 或 ')).join('；');
/** A file may open with a few title lines ("2026年第一党支部党员名册", a date) of one cell each, above its header. */
const MAX_TITLE_LINES = 3;

// Keys are matched after trimming and lower-casing.
const STATUS_VALUES: Readonly<Record<string, RollStatus>> = {
  full: 'full',
  probationary: 'probationary',
  'rights-suspended': 'rights-suspended',
  suspended: 'rights-suspended',
  正式党员: 'full',
  正式: 'full',
  选民: 'full',
  预备党员: 'probationary',
  预备: 'probationary',
  // 中止党员权利 is the term of the regulations (BZ2020 §5); the others are what older rolls say.
  中止党员权利: 'rights-suspended',
  停止党籍权利: 'rights-suspended',
  留党察看: 'rights-suspended',
  中止权利: 'rights-suspended',
  权利中止: 'rights-suspended',
  暂停: 'rights-suspended',
};
const ACCEPTED_STATUSES = Object.keys(STATUS_VALUES).join(', ');
/**
 * P-06: the categories of a recommendation meeting's roll, in the category column or in place of a status (a
 * non-member has no party status): 'member' for a party member, the status column then giving the status.
 */
const CATEGORY_VALUES: Readonly<Record<string, RollCategory | 'member'>> = {
  member: 'member',
  党员: 'member',
  masses: 'masses',
  群众代表: 'masses',
  群众: 'masses',
  村民代表: 'masses',
  居民代表: 'masses',
  '村(居)民代表': 'masses',
  '村（居）民代表': 'masses',
  deputy: 'deputy',
  特邀代表: 'deputy',
  特邀: 'deputy',
  列席代表: 'deputy',
  // PG-04: a party group's vote enrols the persons voted on, who are no members of the body.
  candidate: 'candidate',
  表决对象: 'candidate',
  预备人选: 'candidate',
};
const ACCEPTED_CATEGORIES = Object.keys(CATEGORY_VALUES).join(', ');

const CONTROL_CHARS = /\p{Cc}/u;
// Ids are compared for duplicates, so invisible format characters (zero-width space, BOM) are rejected too.
const ID_FORBIDDEN_CHARS = /[\p{Cc}\p{Cf}]/u;

export function parseRollCsv(bytes: Uint8Array, opts: { maxRows?: number } = {}): RollParseResult {
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  const read = readCsvRecords(bytes, isRollHeader);
  if ('error' in read) return fail('unknown', [read.error]);
  return { ...rollFromRecords(read.entries, maxRows), encoding: read.encoding };
}

/**
 * A CSV file's records (UTF-8 or GBK), title lines above the header (told by `isHeader`) blanked, each with its
 * line: what a roll (rollFromRecords) or a voter list (voter-list.ts) then reads.
 */
export function readCsvRecords(
  bytes: Uint8Array,
  isHeader: (fields: readonly string[]) => boolean,
): { encoding: 'utf-8' | 'gbk'; entries: RollRecord[] } | { error: RollRowError } {
  const decoded = decode(bytes);
  if (!decoded)
    return {
      error: { line: 1, message: 'file is neither valid UTF-8 nor GBK / 文件编码无法识别（应为 UTF-8 或 GBK）' },
    };
  // Excel on Windows writes CRLF, old Mac Excel writes bare CR. Normalising first keeps csv-parse's
  // line counter exact: it counts a CRLF inside a quoted field as two lines.
  const text = blankTitleLines(decoded.text.replace(/\r\n?/g, '\n'), isHeader);
  return { encoding: decoded.encoding, entries: readRecords(text) };
}

/** One record of a roll file, with its 1-based line (CSV) or row (worksheet) number, or the reason it could not be read. */
export type RollRecord = { line: number; fields: string[] } | { line: number; error: RollRowError };

/** Which header cell each field was read from: the mapping a preview shows. */
export interface RollColumns {
  headerLine: number;
  name: string;
  memberId: string;
  status: string;
  /** The category column (P-06), when the roll has one. */
  category?: string;
}

export type RollRecordsResult =
  | { ok: true; members: RollRow[]; columns: RollColumns }
  /** `members`: the rows that read well, for a preview; nothing is enrolled from a roll with errors. */
  | { ok: false; errors: RollRowError[]; columns?: RollColumns; members?: RollRow[] };

/**
 * The one reading of a roll, whatever file it came in (CSV here, .xlsx in roll-xlsx.ts): the first record is the
 * header, mapped by its Chinese or English names; every other record is validated, and every bad one is named.
 */
export function rollFromRecords(entries: readonly RollRecord[], maxRows = DEFAULT_MAX_ROWS): RollRecordsResult {
  const header = entries[0];
  if (!header) {
    return { ok: false, errors: [{ line: 1, message: 'file is empty: missing header row / 文件为空，缺少表头' }] };
  }
  if ('error' in header) return { ok: false, errors: [header.error] };

  const index = mapHeader(header.fields);
  if ('error' in index) return { ok: false, errors: [{ ...index.error, line: header.line }] };
  const columns: RollColumns = {
    headerLine: header.line,
    name: header.fields[index.name]!.trim(),
    memberId: header.fields[index.memberId]!.trim(),
    status: header.fields[index.status]!.trim(),
    ...(index.category !== undefined ? { category: header.fields[index.category]!.trim() } : {}),
  };

  const rows = entries.slice(1);
  const overflow = rows[maxRows];
  if (overflow) {
    return {
      ok: false,
      columns,
      errors: [
        { line: overflow.line, message: `too many rows: the limit is ${maxRows} members / 超过 ${maxRows} 行上限` },
      ],
    };
  }
  if (rows.length === 0) {
    return {
      ok: false,
      columns,
      errors: [{ line: header.line, message: 'the roll has no member rows / 名册中没有成员' }],
    };
  }

  const errors: RollRowError[] = [];
  const members: RollRow[] = [];
  const firstLineById = new Map<string, { line: number; memberId: string }>();
  for (const row of rows) {
    if ('error' in row) {
      errors.push(row.error);
      continue;
    }
    const result = validateRow(row.fields, row.line, index, firstLineById);
    if ('errors' in result) errors.push(...result.errors);
    else members.push(result);
  }
  return errors.length > 0 ? { ok: false, errors, columns, members } : { ok: true, members, columns };
}

/** Whether these cells are a roll's header (every field found once), so title rows above it can be told apart. */
export function isRollHeader(fields: readonly string[]): boolean {
  return !('error' in mapHeader(fields));
}

/** At most this many one-cell title lines ("2026年第一党支部党员名册", a date) stand above a header. */
export { MAX_TITLE_LINES };

function decode(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gbk' } | null {
  try {
    // fatal: reject invalid UTF-8 instead of substituting U+FFFD; the BOM is stripped by default.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Some tools prepend a UTF-8 BOM to GBK content; decoded as GBK it would become "锘" + garbage.
    const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    // GB18030 decodes every GBK byte sequence identically and additionally covers the rare
    // characters (4-byte sequences) that occur in personal names.
    const text = iconv.decode(body, 'gb18030');
    // iconv-lite substitutes U+FFFD for invalid sequences and GB18030 has no U+FFFD of its own.
    return text.includes('\uFFFD') ? null : { text, encoding: 'gbk' };
  }
}

type Entry = RollRecord;

/** Records and per-record syntax errors in file order, with the record's first physical line. Blank lines are dropped. */
function readRecords(text: string): Entry[] {
  const entries: Entry[] = [];
  let lastEndLine = 0;
  // csv-parse reports the line a record ends on; a record starts one line earlier per embedded newline.
  const firstLine = (endLine: number, fields: readonly string[]) =>
    endLine - fields.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
  const isBlank = (fields: readonly string[]) => fields.every((f) => f.trim() === '');
  try {
    parse(text, {
      trim: true,
      skip_empty_lines: true,
      relax_column_count: false,
      skip_records_with_error: true,
      on_record: (record: string[], ctx) => {
        lastEndLine = ctx.lines;
        // Excel exports formatted-but-empty rows as ",,".
        if (!isBlank(record)) entries.push({ line: firstLine(ctx.lines, record), fields: record });
        return null;
      },
      on_skip: (err) => {
        if (!err) return undefined;
        const endLine = typeof err.lines === 'number' ? err.lines : 1;
        const previousEndLine = lastEndLine;
        lastEndLine = endLine;
        const record = Array.isArray(err.record) ? (err.record as string[]) : undefined;
        if (record && isBlank(record)) return undefined;
        let line = record ? firstLine(endLine, record) : endLine;
        let message = `malformed CSV: ${err.message} / CSV 格式错误`;
        if (err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && record) {
          // With relax_column_count off, csv-parse takes the expected count from the first (header) record.
          const expected = entries[0] && 'fields' in entries[0] ? entries[0].fields.length : '?';
          message = `expected ${expected} columns like the header, found ${record.length} / 列数与表头不一致（应为 ${expected}，实际 ${record.length}）`;
        } else if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
          // The unterminated record runs to end of file; point at its first (non-blank) line, not at EOF.
          const physical = text.split('\n');
          line = previousEndLine + 1;
          while (line < endLine && physical[line - 1]?.trim() === '') line++;
          line = Math.min(line, endLine);
          message = `unclosed quote / 引号未闭合`;
        }
        entries.push({ line, error: { line, message } });
        return undefined;
      },
    });
  } catch (e) {
    // Errors that cannot be skipped per record (e.g. a field over max_record_size) abort the parse.
    const lines = (e as { lines?: unknown } | null)?.lines;
    const line = typeof lines === 'number' ? lines : 1;
    const message = `malformed CSV: ${e instanceof Error ? e.message : String(e)} / CSV 格式错误`;
    entries.push({ line, error: { line, message } });
  }
  return entries;
}

type ColumnIndex = Record<Field, number> & { category?: number };

function mapHeader(headers: readonly string[]): ColumnIndex | { error: RollRowError } {
  const normalized = headers.map(headerKey);
  const index: Partial<ColumnIndex> = {};
  const missing: Field[] = [];
  for (const field of FIELDS) {
    const matches = normalized.flatMap((h, i) => (HEADER_ALIASES[field].includes(h) ? [i] : []));
    if (matches.length > 1) {
      return { error: { line: 1, field, message: `column ${FIELD_LABELS(field)} appears more than once / 列重复` } };
    }
    if (matches[0] === undefined) missing.push(field);
    else index[field] = matches[0];
  }
  if (missing.length > 0) {
    // The reader's own first line, quoted back, so a title row or a misspelt header can be seen for what it is.
    const found = headers.join(',').replace(/ \/ /g, '/').slice(0, 80);
    const en = missing.map((f) => `${HEADER_NAMES[f].en} (${HEADER_NAMES[f].zh})`).join(', ');
    const zh = missing.map((f) => HEADER_NAMES[f].zh).join('、');
    return {
      error: {
        line: 1,
        ...(missing.length === 1 ? { field: missing[0] } : {}),
        message:
          `missing required column${missing.length > 1 ? 's' : ''}: ${en}; the header line reads "${found}"; ` +
          `accepted header names: ${ACCEPTED_HEADERS_EN} / ` +
          `缺少必需的列：${zh}。表头一行为「${found}」；可用的列名：${ACCEPTED_HEADERS_ZH}。`,
      },
    };
  }
  const category = normalized.flatMap((h, i) => (CATEGORY_HEADER.accepted.map(headerKey).includes(h) ? [i] : []));
  if (category.length > 1)
    return {
      error: {
        line: 1,
        field: 'category',
        message: `column ${CATEGORY_HEADER.en} / ${CATEGORY_HEADER.zh} appears more than once / 列重复`,
      },
    };
  if (category[0] !== undefined) index.category = category[0];
  return index as ColumnIndex;
}

/**
 * Title lines above the header (one non-empty cell each, at most MAX_TITLE_LINES) are blanked, so the header
 * is the first record and line numbers stay those of the file. Anything else is left as it is: a first line
 * of several cells that is not a header is refused, naming the columns it lacks.
 */
function blankTitleLines(text: string, isHeader: (fields: readonly string[]) => boolean): string {
  const lines = text.split('\n');
  const titles: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const fields = oneLine(lines[i]!);
    if (!fields) return text;
    if (isHeader(fields)) {
      for (const t of titles) lines[t] = '';
      return titles.length > 0 ? lines.join('\n') : text;
    }
    if (fields.filter((f) => f.trim() !== '').length > 1 || titles.length === MAX_TITLE_LINES) return text;
    titles.push(i);
  }
  return text;
}

/** One physical line's cells, or null if it is not a whole CSV record by itself. */
function oneLine(line: string): string[] | null {
  try {
    const records = parse(line, { trim: true, relax_column_count: true }) as string[][];
    return records.length === 1 ? records[0]! : null;
  } catch {
    return null;
  }
}

function validateRow(
  fields: readonly string[],
  line: number,
  columns: ColumnIndex,
  firstLineById: Map<string, { line: number; memberId: string }>,
): RollRow | { errors: RollRowError[] } {
  const errors: RollRowError[] = [];
  const err = (field: Field | OptionalField, message: string) => errors.push({ line, field, message });
  // Quoted fields are not trimmed by csv-parse.
  const name = (fields[columns.name] ?? '').trim();
  const memberId = (fields[columns.memberId] ?? '').trim();
  const rawStatus = (fields[columns.status] ?? '').trim();

  if (name === '') err('name', 'name is empty / 姓名为空');
  else if ([...name].length > MAX_NAME_LENGTH)
    err('name', `name is longer than ${MAX_NAME_LENGTH} characters / 姓名超过 ${MAX_NAME_LENGTH} 个字符`);
  else if (CONTROL_CHARS.test(name))
    err('name', 'name contains line breaks or control characters / 姓名包含换行或控制字符');

  if (memberId === '') err('memberId', 'member id is empty / 党员编号为空');
  else if ([...memberId].length > MAX_MEMBER_ID_LENGTH)
    err(
      'memberId',
      `member id is longer than ${MAX_MEMBER_ID_LENGTH} characters / 党员编号超过 ${MAX_MEMBER_ID_LENGTH} 个字符`,
    );
  else if (ID_FORBIDDEN_CHARS.test(memberId))
    err('memberId', 'member id contains control or invisible characters / 党员编号包含控制字符或不可见字符');
  else {
    // Numbers are one number whatever their case and spacing, as EnrolMembers and the kiosk compare them.
    const key = memberNumberKey(memberId);
    const first = firstLineById.get(key);
    if (first === undefined) firstLineById.set(key, { line, memberId });
    else {
      const as = first.memberId === memberId ? '' : ` as ${first.memberId}`;
      const zhAs = first.memberId === memberId ? '' : `，写作 ${first.memberId}`;
      err(
        'memberId',
        `duplicate member id ${memberId} (first on line ${first.line}${as}) / 党员编号重复（首次出现在第 ${first.line} 行${zhAs}）`,
      );
    }
  }

  // P-06: the category column, or a category written where a party member's status would be (身份: 群众代表).
  const rawCategory = columns.category !== undefined ? (fields[columns.category] ?? '').trim() : '';
  let category = rawCategory === '' ? undefined : CATEGORY_VALUES[rawCategory.toLowerCase()];
  if (rawCategory !== '' && !category)
    err(
      'category',
      `unknown category ${JSON.stringify(rawCategory.slice(0, 32))}; accepted: ${ACCEPTED_CATEGORIES} / 类别无法识别`,
    );
  const asCategory = CATEGORY_VALUES[rawStatus.toLowerCase()];
  if (asCategory && asCategory !== 'member' && (category === undefined || category === asCategory))
    category = asCategory;
  const nonMember = category === 'masses' || category === 'deputy' || category === 'candidate';
  // A non-member has no party status: it is recorded as 'full' and never read (P-06a).
  const status: RollStatus | undefined = nonMember
    ? (STATUS_VALUES[rawStatus.toLowerCase()] ?? (rawStatus === '' || asCategory ? 'full' : undefined))
    : STATUS_VALUES[rawStatus.toLowerCase()];
  if (!status) {
    const shown = rawStatus === '' ? 'status is empty' : `unknown status ${JSON.stringify(rawStatus.slice(0, 32))}`;
    err('status', `${shown}; accepted: ${ACCEPTED_STATUSES}, ${ACCEPTED_CATEGORIES} / 状态无法识别`);
  }

  if (errors.length > 0 || !status) return { errors };
  return nonMember && category !== undefined && category !== 'member'
    ? { memberId, name, status, category }
    : { memberId, name, status };
}

function fail(encoding: 'utf-8' | 'gbk' | 'unknown', errors: RollRowError[]): RollParseResult {
  return { ok: false, errors, encoding };
}

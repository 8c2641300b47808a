import { isCalendarDate, ORGANISATION_KINDS, type OrganisationKind } from '@tallyroom/contracts';
import type { RollRecord } from '../roll/roll-csv.js';

export interface LedgerRowError {
  line: number;
  field?: string;
  message: string;
  /** A refusal of the decider (TERM_TOO_LONG…), for a screen to say in its reader's language. */
  code?: string;
}

/** The columns of a 换届台账 file, as a county's spreadsheet names them (the Chinese first). */
export const LEDGER_FIELDS = [
  'name',
  'kind',
  'parent',
  'termStart',
  'termEnd',
  'seats',
  'secretary',
  'note',
  'congress',
] as const;
export type LedgerField = (typeof LEDGER_FIELDS)[number];
/** A file without these columns is no ledger; a row may leave the term blank (an organisation without a term yet). */
const REQUIRED: readonly LedgerField[] = ['name', 'termStart', 'seats'];

export const LEDGER_HEADERS: Record<LedgerField, { zh: string; accepted: readonly string[] }> = {
  name: { zh: '组织名称', accepted: ['组织名称', '党组织名称', '名称', '单位', 'name', 'organisation'] },
  kind: { zh: '类别', accepted: ['类别', '组织类别', '类型', 'kind'] },
  parent: { zh: '上级组织', accepted: ['上级组织', '上级党组织', '所属党组织', 'parent'] },
  termStart: {
    zh: '本届任期开始',
    accepted: ['本届任期开始', '任期开始', '本届换届时间', '换届时间', '选举时间', 'termStart'],
  },
  termEnd: { zh: '任期届满', accepted: ['任期届满', '届满时间', '任期届满时间', 'termEnd'] },
  seats: { zh: '委员职数', accepted: ['委员职数', '委员数', '职数', 'seats'] },
  secretary: { zh: '书记', accepted: ['书记', '书记姓名', 'secretary'] },
  note: { zh: '备注', accepted: ['备注', 'note'] },
  congress: { zh: '换届方式', accepted: ['换届方式', '召开代表大会', '代表大会', 'congress'] },
};

/** The 换届方式 column's words: a 党员代表大会 (true) or a 党员大会 (false), the export's first. */
const CONGRESS_WORDS: Record<'true' | 'false', readonly string[]> = {
  true: ['党员代表大会', '代表大会', '是', 'yes', 'true', 'congress'],
  false: ['党员大会', '否', 'no', 'false', 'assembly'],
};
export const congressLabel = (congress: boolean) => CONGRESS_WORDS[String(congress) as 'true' | 'false'][0]!;
const congressOf = (word: string): boolean | undefined =>
  CONGRESS_WORDS.true.some((w) => w.toLowerCase() === word.toLowerCase())
    ? true
    : CONGRESS_WORDS.false.some((w) => w.toLowerCase() === word.toLowerCase())
      ? false
      : undefined;

/** The kind column's words, the export's first (kindLabel). */
const KIND_WORDS: Record<OrganisationKind, readonly string[]> = {
  county: ['县委组织部', '机关工委', '组织部', 'county'],
  committee: ['党委', '党总支', '总支', '党总支部', 'committee'],
  branch: ['党支部', '支部', 'branch'],
  village: ['村党支部', '村党组织', '村', 'village'],
  community: ['社区党支部', '社区党组织', '社区', 'community'],
};
export const kindLabel = (kind: OrganisationKind) => KIND_WORDS[kind][0]!;
const kindOf = (word: string): OrganisationKind | undefined =>
  ORGANISATION_KINDS.find((k) => KIND_WORDS[k].some((w) => w.toLowerCase() === word.toLowerCase()));

const key = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s_\-（）()]/g, '');

type Columns = Partial<Record<LedgerField, number>>;

function mapHeader(fields: readonly string[]): Columns | { missing: LedgerField[] } | { twice: LedgerField } {
  const keys = fields.map(key);
  const out: Columns = {};
  for (const f of LEDGER_FIELDS) {
    const hits = keys.flatMap((k, i) => (LEDGER_HEADERS[f].accepted.map(key).includes(k) ? [i] : []));
    if (hits.length > 1) return { twice: f };
    if (hits[0] !== undefined) out[f] = hits[0];
  }
  const missing = REQUIRED.filter((f) => out[f] === undefined);
  return missing.length ? { missing } : out;
}

export const isLedgerHeader = (fields: readonly string[]) => {
  const m = mapHeader(fields);
  return !('missing' in m) && !('twice' in m);
};

/** A row of the file, its cells read and checked on their own (the tree is consulted by ledger-import.ts). */
export interface LedgerFileRow {
  line: number;
  name: string;
  kind?: OrganisationKind;
  parent?: string;
  /** Absent (with the seats) on a row that only names an organisation, as the export writes one with no term yet. */
  /** `congress` only where the file says 党员代表大会 (true) or 党员大会 (false). */
  term?: { termStart: string; termEnd?: string; seats: number; congress?: boolean };
  secretary?: string;
  note?: string;
}

export type LedgerFileResult = {
  columns?: { headerLine: number; fields: Record<string, string> };
  rows: LedgerFileRow[];
  errors: LedgerRowError[];
};

/** "2022-06-30", "2022/6/30", "2022.6.30", "2022年6月30日" (and what Excel's date cells read as) → YYYY-MM-DD. */
export function ledgerDay(cell: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(cell.trim());
  if (!m) return null;
  const day = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isCalendarDate(day) ? day : null;
}

const MAX_ROWS = 5000;

/** The one reading of a ledger file, CSV or .xlsx: the header mapped, each row checked, every bad one named. */
export function ledgerFromRecords(entries: readonly RollRecord[]): LedgerFileResult {
  const header = entries[0];
  if (!header)
    return { rows: [], errors: [{ line: 1, message: 'file is empty: missing header row / 文件为空，缺少表头' }] };
  if ('error' in header) return { rows: [], errors: [header.error] };
  const mapped = mapHeader(header.fields);
  if ('twice' in mapped)
    return {
      rows: [],
      errors: [
        { line: header.line, message: `column ${LEDGER_HEADERS[mapped.twice].zh} appears more than once / 列重复` },
      ],
    };
  if ('missing' in mapped) {
    const zh = mapped.missing.map((f) => LEDGER_HEADERS[f].zh).join('、');
    return {
      rows: [],
      errors: [
        {
          line: header.line,
          message: `missing required columns: ${mapped.missing.join(', ')}; the header line reads "${header.fields.join(',').slice(0, 80)}" / 缺少必需的列：${zh}`,
        },
      ],
    };
  }
  const columns = {
    headerLine: header.line,
    fields: Object.fromEntries(
      LEDGER_FIELDS.flatMap((f) => (mapped[f] === undefined ? [] : [[f, header.fields[mapped[f]]!.trim()]])),
    ),
  };
  const body = entries.slice(1);
  if (body.length === 0)
    return { columns, rows: [], errors: [{ line: header.line, message: 'the file has no rows / 台账中没有组织' }] };
  if (body.length > MAX_ROWS)
    return {
      columns,
      rows: [],
      errors: [
        { line: body[MAX_ROWS]!.line, message: `too many rows: the limit is ${MAX_ROWS} / 超过 ${MAX_ROWS} 行上限` },
      ],
    };
  const rows: LedgerFileRow[] = [];
  const errors: LedgerRowError[] = [];
  for (const r of body) {
    if ('error' in r) {
      errors.push(r.error);
      continue;
    }
    const cell = (f: LedgerField) => (mapped[f] === undefined ? '' : (r.fields[mapped[f]] ?? '').trim());
    const before = errors.length;
    const err = (field: LedgerField, message: string) => errors.push({ line: r.line, field, message });
    const name = cell('name');
    if (!name) err('name', 'the organisation name is empty / 组织名称为空');
    else if ([...name].length > 100) err('name', 'the name is longer than 100 characters / 组织名称超过 100 个字符');
    const kindCell = cell('kind');
    const kind = kindCell ? kindOf(kindCell) : undefined;
    if (kindCell && !kind)
      err(
        'kind',
        `unknown kind ${JSON.stringify(kindCell.slice(0, 20))}; accepted: ${Object.values(KIND_WORDS).flat().join(', ')} / 类别无法识别`,
      );
    const termless = !cell('termStart') && !cell('termEnd') && !cell('seats');
    const termStart = ledgerDay(cell('termStart'));
    if (!termless && !termStart)
      err('termStart', 'the term start is not a day such as 2022-06-30 / 本届任期开始不是有效日期');
    const endCell = cell('termEnd');
    const termEnd = endCell ? ledgerDay(endCell) : undefined;
    if (!termless && termEnd === null)
      err('termEnd', 'the term end is not a day such as 2027-06-30 / 任期届满不是有效日期');
    const seatsCell = cell('seats');
    const seats = /^\d{1,2}$/.test(seatsCell) ? Number(seatsCell) : NaN;
    if (!termless && !(seats >= 1))
      err('seats', 'the seats are not a whole number from 1 to 99 / 委员职数应为 1 到 99 的整数');
    const congressCell = cell('congress');
    // A blank cell (or no column) says nothing: an existing term keeps what the ledger has (ledger-import.ts).
    const congress = congressCell ? congressOf(congressCell) : null;
    if (congress === undefined)
      err(
        'congress',
        `unknown 换届方式 ${JSON.stringify(congressCell.slice(0, 20))}; accepted: ${[...CONGRESS_WORDS.true, ...CONGRESS_WORDS.false].join(', ')} / 换届方式无法识别（党员代表大会或党员大会）`,
      );
    else if (congress && termless)
      err('congress', 'a 换届方式 needs the term it belongs to / 填写换届方式须同时填写本届任期');
    if (errors.length > before) continue;
    const opt = (f: 'parent' | 'secretary' | 'note') => (cell(f) ? { [f]: cell(f) } : {});
    rows.push({
      line: r.line,
      name,
      ...(kind ? { kind } : {}),
      ...(termless
        ? {}
        : {
            term: {
              termStart: termStart!,
              ...(termEnd ? { termEnd } : {}),
              seats,
              ...(congress !== null ? { congress } : {}),
            },
          }),
      ...opt('parent'),
      ...opt('secretary'),
      ...opt('note'),
    });
  }
  return { columns, rows, errors };
}

/**
 * A village's or residents' voter list (选民登记, V-02) from the same files as a roll (CSV in UTF-8 or GBK, or the first
 * sheet of an .xlsx workbook), read into RegisterVoters: name, number and the ground of registration, and where the
 * list records them sex, household, group and the assembly's decision admitting a voter. Every bad row is named by
 * its line or row number; nothing is registered from a list with errors. The rules themselves (one registration,
 * an admission reference, R-01's households and groups) are the decider's, which names the row by its index.
 */
import { memberNumberKey } from '@tallyroom/contracts';
import { DEFAULT_MAX_ROWS, type RollRecord, type RollRowError, type VoterListField } from './roll-csv.js';

export interface VoterRow {
  memberId: string;
  name: string;
  basis: 'resident' | 'away' | 'admitted';
  sex?: 'female' | 'male';
  household?: string;
  group?: string;
  admission?: string;
}

/** Which header cell each field was read from. */
export type VoterListColumns = { headerLine: number } & Partial<Record<VoterListField, string>>;

export type VoterListResult =
  | { ok: true; voters: VoterRow[]; columns: VoterListColumns }
  | { ok: false; errors: RollRowError[]; columns?: VoterListColumns; voters?: VoterRow[] };

const headerKey = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');
const COLUMNS: Record<VoterListField, { zh: string; en: string; accepted: readonly string[]; required: boolean }> = {
  name: { zh: '姓名', en: 'name', accepted: ['姓名', 'name'], required: true },
  memberId: { zh: '编号', en: 'id', accepted: ['编号', '选民编号', '身份证号', 'memberId', 'id'], required: true },
  basis: { zh: '登记类别', en: 'basis', accepted: ['登记类别', '登记类型', '类别', 'basis'], required: true },
  sex: { zh: '性别', en: 'sex', accepted: ['性别', 'sex'], required: false },
  household: { zh: '户号', en: 'household', accepted: ['户号', '户编号', 'household'], required: false },
  group: { zh: '村民小组', en: 'group', accepted: ['村民小组', '居民小组', '小组', 'group'], required: false },
  admission: { zh: '批准文号', en: 'admission', accepted: ['批准文号', '同意文号', 'admission'], required: false },
};
const FIELDS = Object.keys(COLUMNS) as VoterListField[];

/** V-02's three grounds as a list writes them; compared without spaces and brackets. */
const BASIS_VALUES: Readonly<Record<string, VoterRow['basis']>> = {
  resident: 'resident',
  away: 'away',
  admitted: 'admitted',
  一: 'resident',
  二: 'away',
  三: 'admitted',
  户籍在本村并居住: 'resident',
  户籍在本村并且在本村居住: 'resident',
  户籍在本村不在本村居住: 'away',
  户籍在本村不在本村居住本人表示参加选举: 'away',
  居住一年以上经同意: 'admitted',
  户籍不在本村在本村居住一年以上经同意: 'admitted',
  // A residents' list writes 社区 where a village's writes 村.
  户籍在本社区并居住: 'resident',
  户籍在本社区不在本社区居住: 'away',
};
const basisKey = (v: string) => v.replace(/[\s()（）、，,]/g, '').toLowerCase();
const SEX_VALUES: Readonly<Record<string, VoterRow['sex']>> = {
  男: 'male',
  女: 'female',
  male: 'male',
  female: 'female',
  m: 'male',
  f: 'female',
};
const CONTROL = /[\p{Cc}\p{Cf}]/u;

function mapHeader(fields: readonly string[]): Partial<Record<VoterListField, number>> | { missing: VoterListField[] } {
  const keys = fields.map(headerKey);
  const index: Partial<Record<VoterListField, number>> = {};
  const missing: VoterListField[] = [];
  for (const f of FIELDS) {
    const i = keys.findIndex((k) => COLUMNS[f].accepted.map(headerKey).includes(k));
    if (i >= 0) index[f] = i;
    else if (COLUMNS[f].required) missing.push(f);
  }
  return missing.length > 0 ? { missing } : index;
}

/** Whether these cells are a voter list's header (name, number and ground of registration found). */
export const isVoterListHeader = (fields: readonly string[]) => !('missing' in mapHeader(fields));

export function voterListFromRecords(entries: readonly RollRecord[], maxRows = DEFAULT_MAX_ROWS): VoterListResult {
  const header = entries[0];
  if (!header)
    return { ok: false, errors: [{ line: 1, message: 'file is empty: missing header row / 文件为空，缺少表头' }] };
  if ('error' in header) return { ok: false, errors: [header.error] };
  const index = mapHeader(header.fields);
  if ('missing' in index) {
    const en = index.missing.map((f) => `${COLUMNS[f].en} (${COLUMNS[f].zh})`).join(', ');
    const zh = index.missing.map((f) => COLUMNS[f].zh).join('、');
    return {
      ok: false,
      errors: [
        {
          line: header.line,
          ...(index.missing.length === 1 ? { field: index.missing[0] } : {}),
          message: `missing required column: ${en} / 缺少必需的列：${zh}（姓名、编号、登记类别；可选：性别、户号、村民小组、批准文号）`,
        },
      ],
    };
  }
  const columns: VoterListColumns = { headerLine: header.line };
  for (const f of FIELDS) if (index[f] !== undefined) columns[f] = header.fields[index[f]]!.trim();
  const rows = entries.slice(1);
  if (rows.length > maxRows)
    return {
      ok: false,
      columns,
      errors: [
        { line: rows[maxRows]!.line, message: `too many rows: the limit is ${maxRows} / 超过 ${maxRows} 行上限` },
      ],
    };
  if (rows.length === 0)
    return { ok: false, columns, errors: [{ line: header.line, message: 'the list has no voters / 名单中没有选民' }] };
  const errors: RollRowError[] = [];
  const voters: VoterRow[] = [];
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    if ('error' in row) {
      errors.push(row.error);
      continue;
    }
    const line = row.line;
    const cell = (f: VoterListField) => (index[f] === undefined ? '' : (row.fields[index[f]] ?? '').trim());
    const bad: RollRowError[] = [];
    const err = (field: VoterListField, message: string) => bad.push({ line, field, message });
    const name = cell('name');
    const memberId = cell('memberId');
    if (name === '') err('name', 'name is empty / 姓名为空');
    else if ([...name].length > 100 || CONTROL.test(name))
      err('name', 'name is too long or holds control characters / 姓名过长或包含控制字符');
    if (memberId === '') err('memberId', 'id is empty / 编号为空');
    else if ([...memberId].length > 64 || CONTROL.test(memberId))
      err('memberId', 'id is too long or holds control characters / 编号过长或包含控制字符');
    else {
      const key = memberNumberKey(memberId);
      const first = firstLine.get(key);
      if (first !== undefined)
        err('memberId', `duplicate id ${memberId} (first on line ${first}) / 编号重复（首次出现在第 ${first} 行）`);
      else firstLine.set(key, line);
    }
    const rawBasis = cell('basis');
    const basis = BASIS_VALUES[basisKey(rawBasis)];
    if (!basis)
      err(
        'basis',
        `${rawBasis === '' ? 'ground of registration is empty' : `unknown ground ${JSON.stringify(rawBasis.slice(0, 40))}`}; accepted: 户籍在本村并居住, 户籍在本村不在本村居住, 居住一年以上经同意 (resident, away, admitted) / 登记类别无法识别`,
      );
    const rawSex = cell('sex');
    const sex = rawSex === '' ? undefined : SEX_VALUES[rawSex.toLowerCase()];
    if (rawSex !== '' && !sex)
      err('sex', `unknown sex ${JSON.stringify(rawSex.slice(0, 10))}; accepted: 男, 女 / 性别只能填写“男”或“女”`);
    const optional: Partial<Pick<VoterRow, 'household' | 'group' | 'admission'>> = {};
    for (const f of ['household', 'group', 'admission'] as const) {
      const v = cell(f);
      if (v === '') continue;
      if ([...v].length > (f === 'admission' ? 200 : 64) || CONTROL.test(v))
        err(f, `${COLUMNS[f].en} is too long / ${COLUMNS[f].zh}过长`);
      else optional[f] = v;
    }
    if (bad.length > 0 || !basis) {
      errors.push(...bad);
      continue;
    }
    voters.push({ memberId, name, basis, ...(sex ? { sex } : {}), ...optional });
  }
  return errors.length > 0 ? { ok: false, errors, columns, voters } : { ok: true, voters, columns };
}

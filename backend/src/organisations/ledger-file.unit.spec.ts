import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readCsvRecords } from '../roll/roll-csv.js';
import { isLedgerHeader, ledgerDay, ledgerFromRecords } from './ledger-file.js';

const read = (text: string | Uint8Array) => {
  const r = readCsvRecords(typeof text === 'string' ? new TextEncoder().encode(text) : text, isLedgerHeader);
  if ('error' in r) throw new Error(r.error.message);
  return ledgerFromRecords(r.entries);
};

describe('the 换届台账 file', () => {
  it('reads the days a county writes', () => {
    expect(['2022-06-30', '2022/6/30', '2022.6.30', '2022年6月30日', ' 2022-6-3 '].map(ledgerDay)).toEqual([
      '2022-06-30',
      '2022-06-30',
      '2022-06-30',
      '2022-06-30',
      '2022-06-03',
    ]);
    expect(['2022-02-29', '2022-13-01', '22-06-30', '六月', ''].map(ledgerDay)).toEqual([null, null, null, null, null]);
  });

  it('maps Chinese or English headers in any order, skips a title line, and reads kinds by their Chinese words', () => {
    const r = read(
      [
        '某县2026年换届台账',
        '委员职数,组织名称,任期开始,类别,书记',
        '5,东村党支部,2022/6/30,村,李二',
        '3,机关党总支,2024-01-15,党总支,',
      ].join('\n'),
    );
    expect(r.errors).toEqual([]);
    expect(r.columns?.headerLine).toBe(2);
    expect(r.rows).toEqual([
      { line: 3, name: '东村党支部', kind: 'village', term: { termStart: '2022-06-30', seats: 5 }, secretary: '李二' },
      { line: 4, name: '机关党总支', kind: 'committee', term: { termStart: '2024-01-15', seats: 3 } },
    ]);
    expect(read('name,termStart,seats,kind\nBranch One,2024-01-15,3,branch\n').rows[0]?.kind).toBe('branch');
  });

  it('a GBK file (as Excel on Windows saves CSV) reads the same', () => {
    const r = read(iconv.encode('组织名称,本届任期开始,委员职数\r\n第一党支部,2024-01-15,5\r\n', 'gbk'));
    expect(r.rows.map((x) => x.name)).toEqual(['第一党支部']);
  });

  it('names every bad cell by its line and column; a row with the term left blank only names an organisation', () => {
    const r = read(
      [
        '组织名称,类别,本届任期开始,任期届满,委员职数',
        ',党支部,2024-01-15,,3',
        '第二党支部,党小组,2024-01-15,,3',
        '第三党支部,,2024-01-32,明年,0',
        '第四党支部,,,,',
      ].join('\n'),
    );
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([
      [2, 'name'],
      [3, 'kind'],
      [4, 'termStart'],
      [4, 'termEnd'],
      [4, 'seats'],
    ]);
    expect(r.rows).toEqual([{ line: 5, name: '第四党支部' }]);
  });

  it('refuses a file without the required columns, naming them', () => {
    const r = read('组织名称,书记\n第一党支部,王一\n');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.message).toContain('本届任期开始、委员职数');
  });

  it('reads 换届方式: 党员代表大会 or 党员大会 (also 是/否), blank saying nothing; an unknown word is named', () => {
    const r = read(
      [
        '组织名称,本届任期开始,委员职数,换届方式',
        '甲乡党委,2024-06-30,7,党员代表大会',
        '乙乡党委,2024-06-30,7,党员大会',
        '丙乡党委,2024-06-30,7,是',
        '丁乡党委,2024-06-30,7,',
        '戊乡党委,2024-06-30,7,代表会',
        '己乡党委,,,党员代表大会',
      ].join('\n'),
    );
    expect(r.rows.map((x) => [x.name, x.term?.congress])).toEqual([
      ['甲乡党委', true],
      ['乙乡党委', false],
      ['丙乡党委', true],
      ['丁乡党委', undefined],
    ]);
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([
      [6, 'congress'],
      [7, 'congress'],
    ]);
  });
});

/**
 * The result as a spreadsheet, read back with exceljs: the 当选名单 across rounds, and each round's rows adding up
 * to its valid ballots (P-23). Figures counted by hand from the ballots below.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ballot, readyMeeting, times } from '../../../contracts/src/testing/fixtures.js';
import { renderResultsXlsx } from './results-xlsx.js';
import { documentInput } from './document-input.testing.js';

/** 10 present, 2 seats, p1 p2 p3. Round 1: p1 6 for and 1 unreadable (elected, bar 6), p2 3; round 2 (另行选举): p2 7, p3 3. */
function meeting() {
  const b = readyMeeting({ voters: 10, seats: 2, candidates: 3, parameters: { doubleEntry: false } });
  b.vote('c1', [...times(6, ballot(['p1'])), ...times(3, ballot(['p2'])), ballot([], { unreadable: ['p1'] })]);
  b.vote('c1', [...times(7, ballot(['p2'])), ...times(3, ballot(['p3']))]);
  return b;
}

async function sheets(lang: 'zh-CN' | 'en') {
  const b = meeting();
  const bytes = await renderResultsXlsx(documentInput(b, lang));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const rows = (i: number) =>
    (wb.worksheets[i]!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
  return { b, names: wb.worksheets.map((w) => w.name), elected: rows(0), rounds: rows(1) };
}

describe('the result as a spreadsheet (?format=xlsx)', () => {
  it('当选名单: p1 from the first round and p2 from the 另行选举, with their votes', async () => {
    const { b, names, elected } = await sheets('zh-CN');
    const name = (id: string) => b.state.members.get(id)!.name;
    expect(names).toEqual(['当选名单', '计票结果']);
    expect(elected[0]).toEqual(['选举', '轮次', '姓名', '赞成票', '有效票']);
    expect(elected.slice(1).map((r) => [r[2], r[3], r[4]])).toEqual([
      [name('p1'), 6, 10],
      [name('p2'), 7, 10],
    ]);
  });

  it('计票结果: every candidate of every counted round, each row coming to the valid ballots', async () => {
    const { b, rounds } = await sheets('zh-CN');
    const name = (id: string) => b.state.members.get(id)!.name;
    expect(rounds[0]!.slice(2, 10)).toEqual([
      '候选人',
      '赞成',
      '不赞成',
      '弃权',
      '无法辨认',
      '未划符号',
      '有效票',
      '废票',
    ]);
    // Each round's rows in ballot order (surname strokes, P-18): compared per round, sorted.
    const figures = rounds.slice(1).map((r) => JSON.stringify([r[1], r[2], ...r.slice(3, 9), r[11]]));
    const first = rounds[1]![1];
    const row = (round: unknown, xs: unknown[]) => JSON.stringify([round, ...xs]);
    expect(figures.sort()).toEqual(
      [
        // Round 1: p1 6 for, 1 unreadable, 3 unmarked; p2 3 for, 7 unmarked; p3 none, 10 unmarked.
        [name('p1'), 6, 0, 0, 1, 3, 10, '当选'],
        [name('p2'), 3, 0, 0, 0, 7, 10, '未当选'],
        [name('p3'), 0, 0, 0, 0, 10, 10, '未当选'],
        // Round 2, between p2 and p3.
        [name('p2'), 7, 0, 0, 0, 3, 10, '当选'],
        [name('p3'), 3, 0, 0, 0, 7, 10, '未当选'],
      ]
        .map((xs, i) => row(i < 3 ? first : rounds.at(-1)![1], xs))
        .sort(),
    );
    expect(rounds.at(-1)![1]).not.toBe(first);
  });

  it('names a written-in person only once elected; the others are one total (secret ballot, as the report)', async () => {
    // 10 present, 1 seat, p1 p2: p1 6 for (elected); 2 papers against p2 writing in p9, 1 against p2 writing in p10.
    const b = readyMeeting({ voters: 10, seats: 1, candidates: 2, parameters: { doubleEntry: false } });
    b.vote('c1', [
      ...times(6, ballot(['p1'])),
      ...times(2, ballot([], { against: ['p2'], writeIns: ['p9'] })),
      ballot([], { against: ['p2'], writeIns: ['p10'] }),
      ballot([]),
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await renderResultsXlsx(documentInput(b))) as unknown as ArrayBuffer);
    const rows = (wb.worksheets[1]!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    const names = rows.slice(1).map((r) => r[2]);
    for (const id of ['p9', 'p10']) expect(names).not.toContain(b.state.members.get(id)!.name);
    expect(rows.find((r) => r[2] === '另选他人（合计，未当选者不列姓名）')![3]).toBe(3);
  });

  it('in English the sheets and headings are English', async () => {
    const { names, rounds } = await sheets('en');
    expect(names).toEqual(['Elected', 'Tally']);
    expect(rounds[0]!.slice(0, 4)).toEqual(['Contest', 'Round', 'Candidate', 'For']);
  });
});

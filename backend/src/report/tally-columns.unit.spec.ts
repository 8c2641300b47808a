/**
 * P-23 on paper: each candidate's row of a round's table adds up to the valid ballots, in the result report and the
 * 计票统计表 alike. The figures below are counted by hand from the ballots keyed, never read from the code.
 */
import { describe, expect, it } from 'vitest';
import { ballot, readyMeeting, times } from '../../../contracts/src/testing/fixtures.js';
import { renderTallySheetHtml } from '../documents/tally-sheet.js';
import { renderReport } from './render-report.js';

/** 10 valid ballots for 1 seat: 6 mark p1 for and leave p2 blank; 3 mark p2 for, p1 blank; 1 marks p1 unreadable, p2 against. */
function meeting() {
  const b = readyMeeting({ voters: 10, seats: 1, candidates: 2, parameters: { doubleEntry: false } });
  b.vote('c1', [
    ...times(6, ballot(['p1'])),
    ...times(3, ballot(['p2'])),
    ballot([], { unreadable: ['p1'], against: ['p2'] }),
  ]);
  return b;
}

/** The first tally table of a page: its header cells, then each row's cells as text. */
function firstTally(page: string): { head: string[]; rows: string[][] } {
  const table = /<table class="tally"[\s\S]*?<\/table>/.exec(page)![0];
  const cells = (tr: string, tag: string) =>
    [...tr.matchAll(new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
  const trs = [...table.matchAll(/<tr[^>]*>[\s\S]*?<\/tr>/g)].map((m) => m[0]);
  return { head: cells(trs[0]!, 'th'), rows: trs.slice(1).map((tr) => cells(tr, 'td')) };
}

/** Each row's figures (the columns after the name, before the result), in ballot order's stead sorted: P-18 orders names by strokes. */
const figures = (rows: string[][], end: number) => rows.map((r) => r.slice(1, end).join(',')).sort();

describe('a round table adds up on paper (P-23)', () => {
  it('the result report prints 无法辨认 and 未划符号 columns, and each row comes to the 10 valid ballots', async () => {
    const b = meeting();
    const page = await renderReport(b.state, { revision: b.state.revision, hash: b.state.head }, { lang: 'zh-CN' });
    const { head, rows } = firstTally(page);
    expect(head).toEqual(['候选人', '赞成', '不赞成', '弃权', '无法辨认', '未划符号', '结果']);
    // p1: 6 for, 1 unreadable, 3 blank; p2: 3 for, 1 against, 6 blank.
    expect(figures(rows, 6)).toEqual(['3,1,0,0,6', '6,0,0,1,3']);
  });

  it('the 计票统计表 prints the same columns and figures', async () => {
    const b = meeting();
    const page = await renderTallySheetHtml({
      state: b.state,
      head: { revision: b.state.revision, hash: b.state.head },
      lang: 'zh-CN',
      query: { contestId: 'c1', round: '1' },
      events: () => Promise.resolve(b.log()),
      checkInCard: () => '',
    });
    const { head, rows } = firstTally(page);
    expect(head).toEqual(['候选人', '赞成', '不赞成', '弃权', '无法辨认', '未划符号', '结果']);
    expect(figures(rows, 6)).toEqual(['3,1,0,0,6', '6,0,0,1,3']);
  });

  it('a round where every ballot marks every name prints the three columns only', async () => {
    const b = readyMeeting({ voters: 10, seats: 1, candidates: 2, parameters: { doubleEntry: false } });
    b.vote('c1', [...times(7, ballot(['p1'], { against: ['p2'] })), ...times(3, ballot(['p2'], { abstain: ['p1'] }))]);
    const page = await renderReport(b.state, { revision: b.state.revision, hash: b.state.head }, { lang: 'en' });
    const { head, rows } = firstTally(page);
    expect(head).toEqual(['Candidate', 'For', 'Against', 'Abstain', 'Result']);
    expect(figures(rows, 4)).toEqual(['3,7,0', '7,0,3']);
  });
});

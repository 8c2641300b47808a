/**
 * P-23 on paper: each candidate's row of a round's table adds up to the valid ballots, in the result report and the
 * 计票统计表 alike. The figures below are counted by hand from the ballots keyed, never read from the code.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventLine } from '@tallyroom/contracts';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ballot, readyMeeting, times } from '../../../contracts/src/testing/fixtures.js';
import { runVerify } from '../cli/verify-command.js';
import { buildMinutes } from '../documents/minutes.js';
import { renderReportDocx } from '../documents/report-docx.js';
import { renderTallySheetHtml } from '../documents/tally-sheet.js';
import { renderReport } from './render-report.js';
import { documentInput } from '../documents/document-input.testing.js';

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
    const page = await renderTallySheetHtml(documentInput(b, 'zh-CN', { contestId: 'c1', round: '1' }));
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

  it("the report's Word version has the same columns and figures", async () => {
    const b = meeting();
    const bytes = await renderReportDocx(documentInput(b, 'zh-CN'));
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) =>
      [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) =>
        [...tc[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
      ),
    );
    const head = rows.findIndex((r) => r.includes('无法辨认'));
    expect(rows[head]).toEqual(['候选人', '赞成', '不赞成', '弃权', '无法辨认', '未划符号', '结果']);
    expect(figures(rows.slice(head + 1, head + 3), 6)).toEqual(['3,1,0,0,6', '6,0,0,1,3']);
  });

  it('the minutes word each line with the unreadable and unmarked figures, in both languages', () => {
    const b = meeting();
    const head = { revision: b.state.revision, hash: b.state.head };
    const [p1, p2] = ['p1', 'p2'].map((id) => b.state.members.get(id)!.name);
    const zh = buildMinutes(b.state, head, b.log(), 'zh-CN').entries.find((e) => e.type === 'ResultDeclared')!;
    expect(zh.figures).toContain(`${p1}：赞成 6 票，不赞成 0 票，弃权 0 票，无法辨认 1 票，未划符号 3 票`);
    expect(zh.figures).toContain(`${p2}：赞成 3 票，不赞成 1 票，弃权 0 票，无法辨认 0 票，未划符号 6 票`);
    const en = buildMinutes(b.state, head, b.log(), 'en').entries.find((e) => e.type === 'ResultDeclared')!;
    expect(en.figures).toContain(`${p1}: 6 for, 0 against, 0 abstaining, 1 unreadable, 3 unmarked`);
  });

  it("tallyroom verify's round table prints the two columns, each row coming to the 10 valid ballots", async () => {
    const b = meeting();
    const dir = await mkdtemp(path.join(tmpdir(), 'tallyroom-p23-'));
    try {
      const file = path.join(dir, 'log.ndjson');
      await writeFile(file, b.log().map(eventLine).join('\n') + '\n');
      let out = '';
      expect(await runVerify([file], { out: (x) => (out += x), err: () => undefined }, {})).toBe(0);
      const lines = out.split('\n');
      const header = lines.find((l) => l.trim().startsWith('candidate'))!;
      expect(header.trim().split(/\s+/)).toEqual(['candidate', 'for', 'against', 'abstain', 'unreadable', 'unmarked']);
      const row = (id: string) => lines.find((l) => l.includes(`(${id})`) && /\d\s*$|elected$/.test(l))!;
      const nums = (l: string) =>
        l
          .replace(/^.*\)/, '')
          .trim()
          .split(/\s+/)
          .filter((x) => /^\d+$/.test(x));
      expect(nums(row('p1'))).toEqual(['6', '0', '0', '1', '3']);
      expect(nums(row('p2'))).toEqual(['3', '1', '0', '0', '6']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

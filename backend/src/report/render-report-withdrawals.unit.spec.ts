import { readyMeeting } from '../../../contracts/src/testing/fixtures.js';
import { ballot, times } from '../../../contracts/src/testing/fixtures.js';
import { describe, expect, it } from 'vitest';
import { renderReport } from './render-report.js';

/**
 * A contest withdrawn before its first round (P-15) is a decision of the chair, not a result: the report gives it no
 * section (nothing to elect, nothing unfinished) and lists it with its reason among the corrections, as it lists a
 * published list taken down (P-10).
 */
describe('the result report: contests and lists withdrawn', () => {
  const meeting = () => {
    const b = readyMeeting({ voters: 10, seats: 1, candidates: 2, parameters: { doubleEntry: false } });
    b.createContest('extra', 1, { office: 'deputy-secretary' }).nominate('extra', ['p3']).publish('extra', ['p3']);
    b.run({ type: 'WithdrawCandidateList', data: { contestId: 'extra', reason: '名单有误' } });
    const listAt = b.state.revision;
    b.run({ type: 'WithdrawContest', data: { contestId: 'extra', reason: '本届不设副书记，误建' } });
    const contestAt = b.state.revision;
    b.vote('c1', times(10, ballot(['p1'], { against: ['p2'] })));
    return { b, listAt, contestAt };
  };
  const rowsOf = (html: string) =>
    [...html.matchAll(/<tr data-correction="(\d+)" data-kind="([\w-]+)">(.*?)<\/tr>/g)].map(([, rev, kind, cells]) => ({
      rev: Number(rev),
      kind,
      cells: cells!,
    }));

  it('P-15: a withdrawn contest has no section of its own; the contest that stands has one', async () => {
    const { b } = meeting();
    const html = await renderReport(b.state, { revision: b.state.revision, hash: b.state.head });
    expect(html).not.toContain('data-contest="extra"');
    expect(html).toContain('<section class="contest" data-contest="c1"');
    expect(html).not.toContain('尚有');
  });

  it('P-15 / P-10: the list taken down and the contest withdrawn are listed with their reasons, in log order (zh-CN)', async () => {
    const { b, listAt, contestAt } = meeting();
    const rows = rowsOf(await renderReport(b.state, { revision: b.state.revision, hash: b.state.head }));
    expect(rows.map((r) => [r.rev, r.kind])).toEqual([
      [listAt, 'list-withdrawn'],
      [contestAt, 'contest-withdrawn'],
    ]);
    expect(rows[0]!.cells).toContain('<td>撤回2026-11-17公示的候选人名单</td><td>名单有误</td><td>会议主持人</td>');
    expect(rows[1]!.cells).toContain(
      '<td>撤销本项选举（未进行投票）</td><td>本届不设副书记，误建</td><td>会议主持人</td>',
    );
  });

  it('P-15 / P-10: the same rows in English', async () => {
    const { b } = meeting();
    const rows = rowsOf(
      await renderReport(b.state, { revision: b.state.revision, hash: b.state.head }, { lang: 'en' }),
    );
    expect(rows[0]!.cells).toContain('<td>candidate list published on 2026-11-17 withdrawn</td><td>名单有误</td>');
    expect(rows[1]!.cells).toContain('<td>contest withdrawn (no vote was held)</td><td>本届不设副书记，误建</td>');
  });
});

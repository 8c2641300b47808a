import { chineseName, MeetingBuilder, readyMeeting } from '../../../contracts/src/testing/fixtures.js';
import { describe, expect, it } from 'vitest';
import { renderReport } from './render-report.js';

const report = async (o: { scheduledFor: string; timeZone?: string }, lang: 'zh-CN' | 'en' = 'zh-CN') => {
  const b = new MeetingBuilder().schedule(o);
  return renderReport(b.state, { revision: b.state.revision, hash: b.state.head }, { lang });
};
const meta = (html: string, key: string) => new RegExp(`data-meta="${key}">([^<]*)<`).exec(html)?.[1];

describe('the result report: when the meeting was held', () => {
  it("P-10: shows the meeting's local day and start time in its own zone", async () => {
    // 17:00 UTC on 12-03 is 01:00 on 12-04 in Beijing and 12:00 on 12-03 in New York.
    const beijing = await report({ scheduledFor: '2026-12-03T17:00:00Z' });
    expect(meta(beijing, 'date')).toBe('2026-12-04');
    expect(meta(beijing, 'startTime')).toBe('01:00 (Asia/Shanghai)');
    expect(beijing).toContain('<th>开始时间</th>');
    const ny = await report({ scheduledFor: '2026-12-03T17:00:00Z', timeZone: 'America/New_York' }, 'en');
    expect(meta(ny, 'date')).toBe('2026-12-03');
    expect(meta(ny, 'startTime')).toBe('12:00 (America/New_York)');
    expect(ny).toContain('<th>Start time</th>');
  });

  it('a meeting scheduled by day alone has no start time row', async () => {
    const html = await report({ scheduledFor: '2026-12-04' });
    expect(meta(html, 'date')).toBe('2026-12-04');
    expect(meta(html, 'startTime')).toBeUndefined();
  });
});

describe('the result report: corrections to the roll and the list', () => {
  // p1..p4 stand for 2 seats; p10 is the scrutineer; p5 is neither, so the paper must not name p5.
  const corrected = () => {
    const b = readyMeeting({ voters: 10, seats: 2, candidates: 4 });
    b.run({ type: 'WithdrawCandidate', data: { contestId: 'c1', candidateId: 'p4', reason: '本人申请退出' } });
    const withdrawnAt = b.state.revision;
    b.run({
      type: 'CorrectMember',
      data: { memberId: 'p5', status: 'probationary', name: '欧阳更名', reason: '按档案更正' },
    });
    const p5At = b.state.revision;
    b.run({ type: 'CorrectMember', data: { memberId: 'p1', name: '司马正名', reason: '姓名录入错误' } });
    const p1At = b.state.revision;
    return { b, withdrawnAt, p5At, p1At };
  };
  const rowsOf = (html: string) =>
    [...html.matchAll(/<tr data-correction="(\d+)" data-kind="(\w+)">(.*?)<\/tr>/g)].map(([, rev, kind, cells]) => ({
      rev: Number(rev),
      kind,
      cells: cells!,
    }));

  it('P-12 / P-02: lists the withdrawal and both roll corrections, in log order, with reason and revision (zh-CN)', async () => {
    const { b, withdrawnAt, p5At, p1At } = corrected();
    const html = await renderReport(b.state, { revision: b.state.revision, hash: b.state.head });
    const rows = rowsOf(html);
    expect(rows.map((r) => [r.rev, r.kind])).toEqual([
      [withdrawnAt, 'withdrawn'],
      [p5At, 'roll'],
      [p1At, 'roll'],
    ]);
    expect(rows[0]!.cells).toContain(
      `<td>候选人${chineseName(3)}退出</td><td>本人申请退出</td><td>会议主持人</td><td class="n">${withdrawnAt}</td>`,
    );
    expect(rows[1]!.cells).toContain(`<td>党员名册</td>`);
    expect(rows[1]!.cells).toContain(
      `<td>更正名册：党员（编号 p5），姓名已更正；身份由正式党员改为预备党员</td><td>按档案更正</td>`,
    );
    expect(rows[2]!.cells).toContain(
      `<td>更正名册：司马正名，姓名由${chineseName(0)}改为司马正名</td><td>姓名录入错误</td>`,
    );
    // p5 is no candidate or officer: neither name appears anywhere on the paper.
    expect(html).not.toContain(chineseName(4));
    expect(html).not.toContain('欧阳更名');
  });

  it('P-12 / P-02: the same rows in English', async () => {
    const { b, withdrawnAt } = corrected();
    const rows = rowsOf(
      await renderReport(b.state, { revision: b.state.revision, hash: b.state.head }, { lang: 'en' }),
    );
    expect(rows.map((r) => r.kind)).toEqual(['withdrawn', 'roll', 'roll']);
    expect(rows[0]!.cells).toContain(
      `<td>candidate ${chineseName(3)} withdrew</td><td>本人申请退出</td><td>Chair</td><td class="n">${withdrawnAt}</td>`,
    );
    expect(rows[1]!.cells).toContain(
      '<td>roll corrected: member p5, name corrected; status full member → probationary member</td>',
    );
    expect(rows[2]!.cells).toContain(`<td>roll corrected: 司马正名, name ${chineseName(0)} → 司马正名</td>`);
  });
});

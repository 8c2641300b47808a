/**
 * 中途退场 (GB 50799's 中途离场统计): voters who leave after the first ballot. The report's paragraph keeps the 实到
 * of the ballot; its table says how many left and how many are still in the room, so two figures under one label
 * no longer disagree; the minutes name each departure; the screens show the count. Figures counted by hand.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { meetingView } from '@tallyroom/contracts';
import { ballot, readyMeeting, times } from '../../../contracts/src/testing/fixtures.js';
import { buildMinutes } from '../documents/minutes.js';
import { renderReportDocx } from '../documents/report-docx.js';
import { renderReport } from './render-report.js';
import { documentInput } from '../documents/document-input.testing.js';

/** 10 present vote (p1 elected 7 of 10), then p9 and p10 leave: 8 in the room. */
function meeting() {
  const b = readyMeeting({ voters: 10, seats: 1, candidates: 2, parameters: { doubleEntry: false } });
  b.vote('c1', [...times(7, ballot(['p1'])), ...times(3, ballot(['p2']))]);
  for (const memberId of ['p9', 'p10']) b.run({ type: 'RecordDeparture', data: { memberId } });
  return b;
}

/** The attendance table's rows: [data-figure, data-value, label]. */
const rows = (page: string) =>
  [
    .../<section class="attendance">[\s\S]*?<\/section>/
      .exec(page)![0]
      .matchAll(/<tr data-figure="(\w+)" data-value="([^"]*)"><th>([^<]*)<\/th>/g),
  ].map(([, k, v, label]) => [k, v, label]);

describe('voters who leave during the meeting', () => {
  it('the report: 实到 10 in the paragraph; 中途离场 2 and 现在场 8 in the table', async () => {
    const b = meeting();
    const page = await renderReport(b.state, { revision: b.state.revision, hash: b.state.head }, { lang: 'zh-CN' });
    expect(page).toContain('实到会有选举权的党员 10 人');
    const table = rows(page);
    expect(table).toContainEqual(['departedVoters', '2', '中途离场人数']);
    expect(table).toContainEqual(['presentVoters', '8', '现在场有选举权人数']);
    expect(table.some(([, , label]) => label === '实到会有选举权人数')).toBe(false);
  });

  it('a meeting nobody left prints 实到 as before, and no departure row', async () => {
    const b = readyMeeting({ voters: 10, seats: 1, candidates: 2, parameters: { doubleEntry: false } });
    const page = await renderReport(b.state, { revision: b.state.revision, hash: b.state.head }, { lang: 'zh-CN' });
    expect(rows(page)).toContainEqual(['presentVoters', '10', '实到会有选举权人数']);
    expect(rows(page).some(([k]) => k === 'departedVoters')).toBe(false);
  });

  it('the Word report carries the same two rows', async () => {
    const b = meeting();
    const bytes = await renderReportDocx(documentInput(b, 'zh-CN'));
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('中途离场人数2');
    expect(text).toContain('现在场有选举权人数8');
  });

  it('the minutes name each departure with the voters still in the room', () => {
    const b = meeting();
    const names = ['p9', 'p10'].map((id) => b.state.members.get(id)!.name);
    const m = buildMinutes(b.state, { revision: b.state.revision, hash: b.state.head }, b.log(), 'zh-CN');
    expect(m.entries.filter((e) => e.type === 'MemberDeparted').map((e) => e.text)).toEqual([
      `${names[0]}中途离场，现在场有选举权 9 人。`,
      `${names[1]}中途离场，现在场有选举权 8 人。`,
    ]);
  });

  it("the screens' attendance counts them (MeetingView.attendance.departedVoters)", () => {
    expect(meetingView(meeting().state, { role: 'observer' }).attendance).toMatchObject({
      presentVoters: 8,
      departedVoters: 2,
    });
  });
});

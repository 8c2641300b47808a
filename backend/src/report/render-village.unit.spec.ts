/**
 * Issue 22, part C on the result report: the 票数相加 additions (V-11a), the new election due (V-11b), the
 * NO_WOMAN_ELECTED flag (V-12) and the number of 代写 records (P-19). Figures worked by hand.
 */
import {
  ballotsWithTotals,
  blank,
  ids,
  MeetingBuilder,
  roll,
  scheduledMeeting,
  times,
  type MemberSpec,
} from '../../../contracts/src/testing/fixtures.js';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { renderReportDocx } from '../documents/report-docx.js';
import { renderReport } from './render-report.js';
import { documentInput } from '../documents/document-input.testing.js';

const paper = (b: MeetingBuilder, lang: 'zh-CN' | 'en' = 'zh-CN') =>
  renderReport(b.state, { revision: b.state.revision, hash: b.state.head }, { lang });
const text = (fragment: string) => fragment.replace(/<[^>]+>/g, '');
/** The Word report of the same state, unzipped and read back as text. */
async function word(b: MeetingBuilder, lang: 'zh-CN' | 'en' = 'zh-CN') {
  const bytes = await renderReportDocx(documentInput(b, lang));
  return text(await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string'));
}

/**
 * 20 villagers (p1..p10 women, p11..p20 men), all present. 主任 p11, p12: p11 12, p12 8. 副主任 p12, p13: own p12 4,
 * p13 9; summed p12 4 + 8 = 12 (bar 11 of 20) elected. p19 wrote for p18.
 */
function summedVillage(): MeetingBuilder {
  const b = scheduledMeeting({ ruleset: 'village-committee', parameters: { officeVotes: 'summed' } });
  const members = roll(20).map((m, i): MemberSpec => ({ ...m, sex: i < 10 ? 'female' : 'male' }));
  b.run({ type: 'EnrolMembers', data: { members } });
  b.checkIn(...ids(roll(20)));
  b.createContest('director', 1, { office: 'director' })
    .nominate('director', ['p11', 'p12'])
    .publish('director', ['p11', 'p12']);
  b.createContest('deputy', 1, { office: 'deputy-director' })
    .nominate('deputy', ['p12', 'p13'])
    .publish('deputy', ['p12', 'p13']);
  b.adoptMethod().appointOfficers(['p20']).confirm('director').confirm('deputy');
  b.run({ type: 'RecordAssistedWriting', data: { voterId: 'p18', writerId: 'p19' } });
  b.vote('director', ballotsWithTotals({ p11: 12, p12: 8 }, 20, 1));
  b.vote('deputy', ballotsWithTotals({ p12: 4, p13: 9 }, 20, 1));
  return b;
}

describe('the result report of a village day', () => {
  it('V-11a: a summed line shows 12 with its parts (本职务 4 + 主任 8), and the declaration matches the recount', async () => {
    const html = await paper(summedVillage());
    const deputy = html.slice(html.indexOf('data-contest="deputy" data-round="1"'));
    const row = /<tr data-candidate="p12">.*?<\/tr>/.exec(deputy)![0];
    expect(text(row)).toContain('12（本职务 4 + 主任选举 8）');
    expect(row).toContain('data-parts="director#1:8"');
    expect(deputy).toContain('data-summed="director#1"');
    const block = deputy.slice(0, deputy.indexOf('class="summary"'));
    expect(block).toContain('data-match="true"');
    expect(block).not.toContain('data-match="false"');
    const en = await paper(summedVillage(), 'en');
    expect(
      text(/<tr data-candidate="p12">.*?<\/tr>/.exec(en.slice(en.indexOf('data-contest="deputy" data-round="1"')))![0]),
    ).toContain('12 (this office 4');
  });

  it('V-12: only men elected: the committee is flagged; P-19: the number of 代写 records, no names', async () => {
    const b = summedVillage();
    const html = await paper(b);
    expect(html).toContain('data-flag="NO_WOMAN_ELECTED"');
    expect(html).toContain('本届委员会没有女性成员当选');
    expect(html).toMatch(/data-figure="assistedWriting" data-value="1"/);
    expect(html).not.toContain(b.state.members.get('p19')!.name);
  });

  it('V-11b: a contest still short after the second ballot says a new election is due, in both languages', async () => {
    const b = scheduledMeeting({ ruleset: 'village-committee' }).enrol(roll(20));
    b.checkIn(...ids(roll(12)));
    b.createContest('director', 1, { office: 'director' })
      .nominate('director', ['p1', 'p2'])
      .publish('director', ['p1', 'p2']);
    b.adoptMethod().appointOfficers(['p20']).confirm('director');
    b.vote('director', [...ballotsWithTotals({ p1: 5, p2: 4 }, 9, 1), ...times(3, blank)]);
    b.vote('director', [...ballotsWithTotals({ p1: 3, p2: 2 }, 5, 1), ...times(7, blank)]);
    const zh = await paper(b);
    expect(zh).toContain('data-summary="new-election" data-seats="1" data-due="2027-05-24"');
    expect(zh).toContain('经两次投票，仍有 1 个名额未选出，应在 6 个月内（2027-05-24 前）再行选举');
    const en = await paper(b, 'en');
    expect(en).toContain(
      'after two ballots 1 seat is still empty: a new election is due within 6 months (by 2027-05-24)',
    );
  });
  it('V-11a, V-12, V-11b: the Word report says what the html report says (the sum with its parts, the flag, the new election)', async () => {
    const doc = await word(summedVillage());
    expect(doc).toContain('12（本职务 4 + 主任选举 8）');
    expect(doc).toContain('本届委员会没有女性成员当选');
    const b = scheduledMeeting({ ruleset: 'village-committee' }).enrol(roll(20));
    b.checkIn(...ids(roll(12)));
    b.createContest('director', 1, { office: 'director' })
      .nominate('director', ['p1', 'p2'])
      .publish('director', ['p1', 'p2']);
    b.adoptMethod().appointOfficers(['p20']).confirm('director');
    b.vote('director', [...ballotsWithTotals({ p1: 5, p2: 4 }, 9, 1), ...times(3, blank)]);
    b.vote('director', [...ballotsWithTotals({ p1: 3, p2: 2 }, 5, 1), ...times(7, blank)]);
    expect(await word(b)).toContain('经两次投票，仍有 1 个名额未选出，应在 6 个月内（2027-05-24 前）再行选举');
    expect(await word(b, 'en')).toContain('a new election is due within 6 months (by 2027-05-24)');
  });
});

import {
  ballotsWithTotals,
  chineseName,
  ids,
  MeetingBuilder,
  readyMeeting,
  roll,
  scheduledMeeting,
} from '../../../contracts/src/testing/fixtures.js';
import { PRESETS, RULESET_NAMES, type RulesetName, type RulesetParameters } from '@tallyroom/contracts';
import { describe, expect, it } from 'vitest';
import { renderReport } from './render-report.js';
import { chineseDate } from './report-text.js';

const report = async (o: { scheduledFor: string; timeZone?: string }, lang: 'zh-CN' | 'en' = 'zh-CN') => {
  const b = new MeetingBuilder().schedule(o);
  return renderReport(b.state, { revision: b.state.revision, hash: b.state.head }, { lang });
};
const paper = (b: MeetingBuilder, lang: 'zh-CN' | 'en' = 'zh-CN') =>
  renderReport(b.state, { revision: b.state.revision, hash: b.state.head }, { lang });
/** The value a `data-meta` element carries for machines, and the words it shows. */
const meta = (html: string, key: string) => {
  const m = new RegExp(`data-meta="${key}" data-value="([^"]*)"[^>]*>([^<]*)<`).exec(html);
  return m ? { value: m[1], text: m[2] } : undefined;
};
/** What a reader sees of a fragment: its text without markup. */
const text = (fragment: string) =>
  fragment
    .replace(/<[^>]+>/g, '')
    .replace(/&gt;/g, '>')
    .replace(/&lt;/g, '<');

describe('the result report: when the meeting was held', () => {
  it("P-10: shows the meeting's local day and start time in its own zone", async () => {
    // 17:00 UTC on 12-03 is 01:00 on 12-04 in Beijing and 12:00 on 12-03 in New York.
    const beijing = await report({ scheduledFor: '2026-12-03T17:00:00Z' });
    expect(meta(beijing, 'date')).toEqual({ value: '2026-12-04', text: '二〇二六年十二月四日' });
    expect(meta(beijing, 'startTime')).toEqual({ value: '01:00', text: '01:00（北京时间）' });
    expect(beijing).toContain('预定开始时间');
    const ny = await report({ scheduledFor: '2026-12-03T17:00:00Z', timeZone: 'America/New_York' }, 'en');
    expect(meta(ny, 'date')).toEqual({ value: '2026-12-03', text: '3 December 2026' });
    expect(meta(ny, 'startTime')).toEqual({ value: '12:00', text: '12:00 (America/New_York)' });
    expect(ny).toContain('Scheduled start');
    // The English paper names China's zone as its readers do, not by its IANA id.
    const beijingEn = await report({ scheduledFor: '2026-12-03T17:00:00Z' }, 'en');
    expect(meta(beijingEn, 'startTime')).toEqual({ value: '01:00', text: '01:00 (Beijing time)' });
  });

  it('a meeting scheduled by day alone has no start time', async () => {
    const html = await report({ scheduledFor: '2026-12-04' });
    expect(meta(html, 'date')?.value).toBe('2026-12-04');
    expect(meta(html, 'startTime')).toBeUndefined();
  });

  it('writes dates in Chinese numerals, the year digit by digit', () => {
    expect(chineseDate('2026-12-04')).toBe('二〇二六年十二月四日');
    expect(chineseDate('2030-10-20')).toBe('二〇三〇年十月二十日');
    expect(chineseDate('2027-01-31')).toBe('二〇二七年一月三十一日');
    expect(chineseDate('2029-11-10')).toBe('二〇二九年十一月十日');
  });

  /** 10 voters, one seat between p1 and p2, ready for its first round; every event at the fixture's 11-24. */
  const ready = (scheduledFor: string) => {
    const b = new MeetingBuilder().schedule({ scheduledFor }).enrol(roll(10));
    // A meeting held before its date: the chair confirms holding it early before the first check-in.
    if (scheduledFor > '2026-11-24') b.run({ type: 'ConfirmEarlyCheckIn', data: {} });
    b.checkIn(...ids(roll(10)));
    b.createContest('c1', 1).nominate('c1', ['p1', 'p2']).publish('c1', ['p1', 'p2']);
    return b.adoptMethod().appointOfficers(['p10']).confirm('c1');
  };

  it('issue 18: dated by the day the events happened, not by a schedule a week later, at the lower right', async () => {
    // Scheduled for 12-01, but every check-in, ballot and declaration is recorded on 11-24 (fixture clock).
    const b = ready('2026-12-01');
    b.vote('c1', ballotsWithTotals({ p1: 8, p2: 2 }, 10, 1));
    const html = await paper(b);
    expect(meta(html, 'date')).toEqual({ value: '2026-11-24', text: '二〇二六年十一月二十四日' });
    expect(meta(html, 'scheduled')?.value).toBe('2026-12-01');
    expect(html).toContain('会议原定于二〇二六年十二月一日召开');
    // The 落款: the organisation with room for the seal, then the date in words, after the signatures.
    const closing = /<section class="closing">[\s\S]*?<\/section>/.exec(html)![0];
    expect(text(closing).trim()).toMatch(
      /特此报告。[\s\S]*会议主持人[\s\S]*第一党支部（盖章）二〇二六年十一月二十四日$/,
    );
    expect(meta(closing, 'issued')).toEqual({ value: '2026-11-24', text: '二〇二六年十一月二十四日' });
    // No start time from the schedule: it was not the day the meeting was held.
    expect(meta(html, 'startTime')).toBeUndefined();
  });

  it('issue 18: a result declared the next day (Beijing time) dates the paper by that day', async () => {
    const b = ready('2026-11-24');
    const n = b.openRound('c1');
    b.enterBallots('c1', n, ballotsWithTotals({ p1: 8, p2: 2 }, 10, 1));
    b.closeRound('c1', n);
    // 16:30 UTC on 11-24 is 00:30 on 11-25 in Beijing.
    b.run({ type: 'DeclareResult', data: { contestId: 'c1', round: n } }, { now: '2026-11-24T16:30:00.000Z' });
    const html = await paper(b);
    expect(meta(html, 'date')).toEqual({ value: '2026-11-24', text: '二〇二六年十一月二十四日至十一月二十五日' });
    expect(meta(html, 'issued')).toEqual({ value: '2026-11-25', text: '二〇二六年十一月二十五日' });
  });
});

describe('the result report: the rules in words', () => {
  const rulesOf = async (ruleset: RulesetName, parameters: RulesetParameters = {}) => {
    const html = await paper(scheduledMeeting({ ruleset, parameters }));
    const section = /<section class="ruleset">[\s\S]*?<\/section>/.exec(html)![0];
    const rows = [
      ...section.matchAll(/<tr data-(?:param|rule)="([^"]+)"><th>([^<]*)<\/th><td>([\s\S]*?)<\/td><\/tr>/g),
    ];
    return { section, rows: rows.map(([, key, th, td]) => ({ key: key!, label: th!, text: text(td!) })) };
  };

  it.each(RULESET_NAMES)('issue 18: every parameter of %s is a sentence, with no code in it', async (name) => {
    const { section, rows } = await rulesOf(name);
    // One row per parameter of the ruleset (a new parameter must be told on the paper), then the fixed rules.
    const params = rows.filter((r) => !['ballotValidity', 'roundValidity', 'moreThanSeats', 'tie'].includes(r.key));
    expect(params.map((r) => r.key).sort()).toEqual(
      Object.keys(PRESETS[name])
        .filter((k) => k !== 'name')
        .sort(),
    );
    for (const r of rows) {
      expect(r.label, r.key).toMatch(/^[\u4e00-\u9fff、，]+$/);
      expect(r.text, r.key).toMatch(/[\u4e00-\u9fff]{4}/);
    }
    expect(text(section)).not.toMatch(
      /kind:|num:|den:|rule:|inclusive|true|false|null|undefined|object|same-threshold|plurality|presentVoters|ballotsReturned|in-place-of-against|committee-member|[<>]=?\s*\d\/\d/,
    );
  });

  it('issue 18: P-05 reads as a branch says it; the rule id is only a small reference', async () => {
    const { rows } = await rulesOf('cpc-branch');
    const row = (key: string) => rows.find((r) => r.key === key)!.text;
    expect(row('quorum')).toBe('有选举权的到会党员须超过应到会人数的五分之四，会议有效规则 P-05');
    expect(row('win')).toBe('候选人获得的赞成票须超过实到会有选举权人数的半数，始得当选规则 P-24');
    expect(row('supplementary')).toBe(
      '当选人数少于应选名额时，对不足的名额另行选举，当选所需票数与第一轮相同规则 P-27',
    );
    expect(row('vacancy')).toBe(
      '另行选举后当选人数仍不足应选名额、缺额只有 1 名时，经实到会有选举权人数半数以上同意，可以不再选举，空缺该名额规则 P-28',
    );
    expect(row('secondStage')).toBe('书记、副书记由新当选的委员召开委员会会议选举产生规则 P-29');
    expect(row('approval')).toBe('书记、副书记的选举结果报上级党组织批准，其他选举结果报上级党组织备案规则 P-31');
    const inclusive = await rulesOf('cpc-branch', {
      quorumInclusive: true,
      quorumApprovalRef: '区委组织部〔2026〕8号',
    });
    expect(inclusive.rows.find((r) => r.key === 'quorum')!.text).toBe(
      '有选举权的到会党员须不少于应到会人数的五分之四，会议有效（依据区委组织部〔2026〕8号）规则 P-05',
    );
    const village = await rulesOf('village-committee');
    expect(village.rows.find((r) => r.key === 'supplementary')!.text).toBe(
      '当选人数少于应选名额时，对不足的名额另行选举，以得票多的当选，但所得票数不得少于收回选票数的三分之一规则 V-08',
    );
  });
});

describe('the result report: contests, rounds and signatures', () => {
  // 12 voters, 3 seats, 4 candidates; two scrutineers and three tellers (one of them a member).
  const election = () => {
    const b = scheduledMeeting().enrol(roll(12));
    b.checkIn(...ids(roll(12)));
    const list = ['p1', 'p2', 'p3', 'p4'];
    b.createContest('c1', 3, { office: 'committee-member' }).nominate('c1', list).publish('c1', list);
    b.adoptMethod().appointOfficers(
      ['p11', 'p12'],
      [{ name: '计票人甲' }, { name: '计票人乙' }, { name: chineseName(9), memberId: 'p10' }],
    );
    b.confirm('c1');
    // Round 1 (7 needed of 12): p1 10 and p2 9 elected, p3 5 and p4 4 not: one seat to a 另行选举.
    b.vote('c1', ballotsWithTotals({ p1: 10, p2: 9, p3: 5, p4: 4 }, 12, 3));
    b.vote('c1', ballotsWithTotals({ p3: 8, p4: 4 }, 12, 1));
    return b;
  };

  it('issue 18: a signature line for the chair and for each appointed scrutineer and teller, by name', async () => {
    const html = await paper(election());
    const lines = [...html.matchAll(/<div class="sign" data-sign="(\w+)" data-name="([^"]*)">([\s\S]*?)<\/div>/g)];
    expect(lines.map(([, kind, name]) => [kind, name])).toEqual([
      ['chair', ''],
      ['scrutineer', chineseName(10)],
      ['scrutineer', chineseName(11)],
      ['teller', '计票人甲'],
      ['teller', '计票人乙'],
      ['teller', chineseName(9)],
    ]);
    expect(text(lines[0]![3]!)).toBe('会议主持人（签字）');
    expect(text(lines[2]![3]!)).toBe(`监票人${chineseName(11)}（签字）`);
    expect(text(lines[5]![3]!)).toBe(`计票人${chineseName(9)}（签字）`);
  });

  it('issue 18: contests by office, rounds labelled, and each vote count says which round it is from', async () => {
    const html = await paper(election());
    expect(html).not.toMatch(/\(c1\)|（c1）|>c1</);
    expect(text(/<section class="contest"[\s\S]*?<\/h3>/.exec(html)![0]).trim()).toBe(
      '（一）委员选举 · 应选 3 名 · 差额选举',
    );
    expect([...html.matchAll(/<span data-round-label>([^<]*)</g)].map((m) => m[1])).toEqual(['第一轮', '另行选举']);
    expect(html).toContain(`<b>第一轮当选：</b>${chineseName(0)}、${chineseName(1)}`);
    expect(html).toContain(`<b>另行选举当选：</b>${chineseName(2)}`);
    expect(text(/data-summary="elected"[^>]*>([^<]*)</.exec(html)![1]!)).toBe(
      `${chineseName(0)} 10 票（第一轮）、${chineseName(1)} 9 票（第一轮）、${chineseName(2)} 8 票（另行选举）`,
    );
    expect(/data-summary="not-elected"[^>]*>([^<]*)</.exec(html)![1]).toBe(`${chineseName(3)} 4 票（另行选举）`);
    // The body says what was held, in a branch's words, and that the meeting was valid.
    expect(text(/<p class="body">[\s\S]*?<\/p>/.exec(html)![0])).toBe(
      `第一党支部于二〇二六年十一月二十四日召开第一党支部换届选举党员大会。应到会党员 12 人，实到会有选举权的党员 12 人，超过应到会人数的五分之四，会议有效。会议通过了选举办法，表决通过${chineseName(10)}、${chineseName(11)}为监票人，确定计票人甲、计票人乙、${chineseName(9)}为计票人。会议进行了委员选举。现将选举结果报告如下：`,
    );
    // The glossary's 废票, as on every screen.
    expect(html).toContain('<th>废票</th>');
    expect(html).not.toContain('无效票');
  });

  it('issue 18 / P-26: a tie re-vote is labelled as a re-vote among the tied', async () => {
    // 2 seats: p1 8 elected; p2 and p3 tie at 6 (both over half of 10) for the last seat.
    const b = readyMeeting({ voters: 10, seats: 2, candidates: 3 });
    b.vote('c1', ballotsWithTotals({ p1: 8, p2: 6, p3: 6 }, 10, 2));
    b.vote('c1', ballotsWithTotals({ p2: 6, p3: 4 }, 10, 1));
    const html = await paper(b);
    expect([...html.matchAll(/<span data-round-label>([^<]*)</g)].map((m) => m[1])).toEqual(['第一轮', '重新投票']);
    expect(html).toContain('<span data-round-label>重新投票</span><span class="why">（就得票相等的人）</span>');
    expect(/data-summary="elected"[^>]*>([^<]*)</.exec(html)![1]).toBe(
      `${chineseName(0)} 8 票（第一轮）、${chineseName(1)} 6 票（重新投票）`,
    );
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

/**
 * The host's script (主持词, issue 20 point 4): the sentences the chair reads out, with the figures the view knows.
 * Every expected sentence is written out by hand from the rules (P-05, P-15, P-16, P-17, P-18, P-21 … P-24).
 */
import { describe, expect, it } from 'vitest';
import type { Mark } from '../meeting/commands.js';
import {
  TELLER_1,
  ballot,
  ids,
  meetingWithCheckIns,
  meetingWithRoll,
  readyMeeting,
  roll,
  scheduledMeeting,
  times,
  type MemberSpec,
} from '../testing/fixtures.js';
import { BLANK, hostScript, type ScriptPart } from './host-script.js';

const part = (parts: ScriptPart[], id: string) => parts.find((p) => p.id === id)!;
const texts = (parts: ScriptPart[], id: string) => part(parts, id).lines.map((l) => l.text);

describe('host script: the roll call (P-05)', () => {
  it('P-05 quorum met: the sentence the branch reads, with the figures of the view', () => {
    const parts = hostScript(meetingWithCheckIns(10, 9).view('chair'), 'zh-CN');
    expect(part(parts, 'roll').lines).toEqual([
      {
        text: '应到会党员10名，实到会有选举权的党员9名，超过应到会人数的五分之四，符合规定，可以进行选举。',
        rule: 'P-05',
        blank: false,
      },
    ]);
    expect(part(parts, 'roll').done).toBe(true);
  });

  it('P-05 exactly four fifths is not more than four fifths: no election, and how many are needed', () => {
    const parts = hostScript(meetingWithCheckIns(10, 8).view('chair'), 'zh-CN');
    expect(texts(parts, 'roll')).toEqual([
      '应到会党员10名，实到会有选举权的党员8名，未超过应到会人数的五分之四（至少须9名），不能进行选举。',
    ]);
    expect(part(parts, 'roll').done).toBe(false);
  });

  it('P-05 before anyone checked in: a blank to fill in by hand', () => {
    const parts = hostScript(meetingWithRoll(10).view('chair'), 'zh-CN');
    expect(texts(parts, 'roll')).toEqual([
      `应到会党员10名，实到会有选举权的党员${BLANK}名，超过应到会人数的五分之四方可进行选举。`,
    ]);
    expect(part(parts, 'roll').lines[0]!.blank).toBe(true);
  });

  it('P-04 members excluded with approval are named before the figures', () => {
    const b = meetingWithRoll(10).checkIn(...ids(roll(8)));
    b.exclude('p10');
    const parts = hostScript(b.view('chair'), 'zh-CN');
    expect(texts(parts, 'roll')).toEqual([
      '经批准不计入应到会人数的党员1名。',
      '应到会党员9名，实到会有选举权的党员8名，超过应到会人数的五分之四，符合规定，可以进行选举。',
    ]);
  });

  it('P-05 in English', () => {
    const parts = hostScript(meetingWithCheckIns(10, 9).view('chair'), 'en');
    expect(texts(parts, 'roll')).toEqual([
      '10 party members are expected; 9 party members with the right to vote are present, more than four fifths of those expected: the meeting is valid and the election may proceed.',
    ]);
  });
});

describe('host script: the agenda after the roll (P-15)', () => {
  it('P-15 before the method and officers: blanks for the vote and the names', () => {
    const parts = hostScript(meetingWithCheckIns(10, 9).view('chair'), 'zh-CN');
    expect(parts.map((p) => p.id)).toEqual(['roll', 'method', 'officers', 'close']);
    expect(texts(parts, 'method')).toEqual([
      '下面，请大家表决《选举办法（草案）》。',
      `表决结果：赞成${BLANK}票，反对${BLANK}票，弃权${BLANK}票。`,
      `《选举办法》${BLANK}。`,
    ]);
    expect(texts(parts, 'officers')).toEqual([
      '下面，请大家表决监票人名单。监票人从不是候选人的有选举权的人员中推选。',
      `表决结果：赞成${BLANK}票，反对${BLANK}票，弃权${BLANK}票。`,
      `监票人：${BLANK}。`,
      `计票人：${BLANK}，在监票人监督下进行工作。`,
    ]);
  });

  it('P-15 P-16 P-17 P-18: the method, the officers and the candidates in stroke order once recorded', () => {
    const b = readyMeeting({ voters: 10, seats: 1, candidates: 2, parameters: { doubleEntry: false } });
    const parts = hostScript(b.view('chair'), 'zh-CN');
    expect(parts.map((p) => p.id)).toEqual(['roll', 'method', 'officers', 'contest:c1', 'close']);
    expect(parts.map((p) => p.heading)).toEqual([
      '一、清点到会人数',
      '二、通过选举办法',
      '三、通过监票人、确定计票人',
      '四、选举委员（应选1名）',
      '五、宣布闭会',
    ]);
    expect(texts(parts, 'method').slice(1)).toEqual(['表决结果：赞成10票，反对0票，弃权0票。', '《选举办法》通过。']);
    expect(part(parts, 'officers').lines.map((l) => [l.text, l.rule])).toEqual([
      ['下面，请大家表决监票人名单。监票人从不是候选人的有选举权的人员中推选。', 'P-16'],
      ['表决结果：赞成10票，反对0票，弃权0票。', 'P-16'],
      ['监票人：李伟。', 'P-16'],
      ['计票人：计票人甲、计票人乙，在监票人监督下进行工作。', 'P-17'],
    ]);
    // 李 (7 strokes, first 横) before 张 (7, first 折): P-18.
    expect(part(parts, 'contest:c1').lines.map((l) => [l.text, l.rule])).toEqual([
      ['本次选举应选委员1名，候选人2名，实行差额选举。候选人按姓氏笔画为序排列：李四、张三。', 'P-18'],
      ['第一轮（待进行）', null],
      ['请监票人检查票箱。', 'P-16'],
      [`本轮实到会有选举权的党员10名，发出选票${BLANK}张，每人一张。`, 'P-21'],
      ['对候选人可以投赞成票或者不赞成票，也可以弃权。投不赞成票的，可以另选他人；投弃权票的，不能另选他人。', 'P-22'],
      ['每张选票所选的人数等于或少于应选名额（1名）的为有效票，多于应选名额的为废票。', 'P-23'],
      [`收回选票${BLANK}张，发出选票${BLANK}张；收回的选票等于或少于发出的选票，选举有效。`, 'P-21'],
      [`经计票，有效票${BLANK}张，废票${BLANK}张。`, 'P-23'],
      [`被选举人获得的赞成票超过实到会有选举权的党员人数的半数，即不少于${BLANK}票，始得当选。`, 'P-24'],
      [`当选委员的是：${BLANK}。`, 'P-24'],
    ]);
  });

  it('P-21 P-23 P-24: the figures of a counted and declared round fill the blanks', () => {
    const b = readyMeeting({ voters: 10, seats: 1, candidates: 2, parameters: { doubleEntry: false } });
    b.vote('c1', [
      ...times(6, ballot(['p1'], { against: ['p2'] })),
      ...times(3, ballot(['p2'], { against: ['p1'] })),
      ballot(['p1', 'p2']),
    ]);
    const parts = hostScript(b.view('chair'), 'zh-CN');
    expect(texts(parts, 'contest:c1').slice(1)).toEqual([
      '第一轮',
      '请监票人检查票箱。',
      '本轮实到会有选举权的党员10名，发出选票10张，每人一张。',
      '对候选人可以投赞成票或者不赞成票，也可以弃权。投不赞成票的，可以另选他人；投弃权票的，不能另选他人。',
      '每张选票所选的人数等于或少于应选名额（1名）的为有效票，多于应选名额的为废票。',
      '收回选票10张，等于或少于发出的选票10张，本轮选举有效。',
      '经计票，有效票9张，废票1张。',
      '各被选举人得赞成票：李四3票，张三6票。',
      '被选举人获得的赞成票超过实到会有选举权的党员人数的半数，即不少于6票，始得当选。',
      '当选委员的是：张三。',
    ]);
    expect(part(parts, 'contest:c1').done).toBe(true);
    expect(part(parts, 'contest:c1').lines.some((l) => l.blank)).toBe(false);
  });

  it('P-21 a round with more ballots returned than issued is void and held again', () => {
    const b = readyMeeting({ voters: 10, seats: 1, candidates: 2, parameters: { doubleEntry: false } });
    const n = b.openRound('c1');
    b.enterBallots('c1', n, times(6, ballot(['p1'])));
    b.closeRound('c1', n, 11);
    const lines = texts(hostScript(b.view('chair'), 'zh-CN'), 'contest:c1');
    expect(lines).toContain('收回选票11张，多于发出的选票10张，本轮选举无效，应重新进行选举。');
    expect(lines).toContain('第二轮（待进行）');
  });

  it('P-27: a supplementary round is only among its candidates: the marking sentence offers no write-in', () => {
    // 10 present, 2 seats, 3 candidates: p1 elected with 7, p2 and p3 short of 6; one seat goes to 另行选举.
    const b = readyMeeting({ voters: 10, seats: 2, candidates: 3, parameters: { doubleEntry: false } });
    b.vote('c1', [...times(7, ballot(['p1'])), ...times(3, ballot(['p2', 'p3']))]);
    const lines = texts(hostScript(b.view('chair'), 'zh-CN'), 'contest:c1');
    expect(lines).toContain('第二轮（另行选举）（待进行）');
    expect(lines.filter((l) => l.startsWith('对候选人可以投赞成票'))).toEqual([
      '对候选人可以投赞成票或者不赞成票，也可以弃权。投不赞成票的，可以另选他人；投弃权票的，不能另选他人。',
      '对候选人可以投赞成票或者不赞成票，也可以弃权。',
    ]);
  });
});

describe('host script in English: an office for more than one person is plural', () => {
  it('two seats, three candidates: members, candidates; one elected: member', () => {
    const b = readyMeeting({ voters: 10, seats: 2, candidates: 3, parameters: { doubleEntry: false } });
    const before = hostScript(b.view('chair'), 'en');
    expect(part(before, 'contest:c1').heading).toBe('4. Electing members (2 to elect)');
    expect(
      texts(before, 'contest:c1').some((l) => l.startsWith('We elect 2 members from 3 candidates (contested).')),
    ).toBe(true);
    // p1 elected with 7 of 10; p2 and p3 short of 6.
    b.vote('c1', [...times(7, ballot(['p1'])), ...times(3, ballot(['p2', 'p3']))]);
    const elected = texts(hostScript(b.view('chair'), 'en'), 'contest:c1').filter((l) => l.startsWith('Elected '));
    // Round 1 elects one; round 2 (to come) has its blank.
    expect(elected[0]).toMatch(/^Elected member: [^,]+\.$/);
  });
});

describe('host script: the figures of a round before it opens (P-21)', () => {
  it('P-21 before the first round opens: the voters present now, ballots still a blank', () => {
    const b = readyMeeting({ voters: 10, present: 9, seats: 1, candidates: 2, parameters: { doubleEntry: false } });
    const zh = texts(hostScript(b.view('chair'), 'zh-CN'), 'contest:c1');
    expect(zh).toContain(`本轮实到会有选举权的党员9名，发出选票${BLANK}张，每人一张。`);
    const en = texts(hostScript(b.view('chair'), 'en'), 'contest:c1');
    expect(en).toContain(
      `9 party members with the right to vote are present in this round; ${BLANK} ballots are issued, one each.`,
    );
  });

  it("P-29 P-21 a contest the committee elects: its members present now, not the meeting's voters", () => {
    // 10 present elect a committee of 3 (p1, p2, p3 with 10 votes each); the committee then elects its secretary.
    const b = readyMeeting({ voters: 10, seats: 3, candidates: 4, parameters: { doubleEntry: false } });
    b.vote('c1', times(10, ballot(['p1', 'p2', 'p3'])));
    b.createContest('sec', 1, { office: 'secretary', mode: 'uncontested', electorate: { committeeOf: 'c1' } });
    const zh = texts(hostScript(b.view('chair'), 'zh-CN'), 'contest:sec');
    expect(zh).toContain(`本轮实到会有选举权的党员3名，发出选票${BLANK}张，每人一张。`);
  });

  it("P-21 once the round has opened: the round's snapshot, not a later check-in", () => {
    const b = readyMeeting({ voters: 10, present: 9, seats: 1, candidates: 2, parameters: { doubleEntry: false } });
    b.openRound('c1');
    b.checkIn('p10');
    const zh = texts(hostScript(b.view('chair'), 'zh-CN'), 'contest:c1');
    expect(zh).toContain('本轮实到会有选举权的党员9名，发出选票9张，每人一张。');
  });
});

describe('host script: a village supplementary election (V-08)', () => {
  // 10 voters, 2 seats, 3 candidates: p1 elected with 7 of 10 ballots (V-07), p2 and p3 with 3 each: one seat to 另行选举.
  const village = () => {
    const b = readyMeeting({ ruleset: 'village-committee', voters: 10, seats: 2, candidates: 3 });
    b.vote('c1', [...times(7, ballot(['p1'])), ...times(3, ballot(['p2', 'p3']))]);
    return b;
  };

  it('V-08 before the supplementary round: plurality with a floor of one third of the ballots cast, figure blank', () => {
    const p = part(hostScript(village().view('chair'), 'zh-CN'), 'contest:c1');
    const bars = p.lines.filter((l) => l.rule === 'V-08' && l.text.includes('不少于'));
    expect(bars.map((l) => l.text)).toEqual([
      `另行选举，候选人以得票多的当选，但所得票数不得少于已投选票总数的三分之一，即不少于${BLANK}票。`,
    ]);
  });

  it('V-08 once counted: 10 ballots cast, no fewer than 4 votes (3*4 >= 10, 3*3 < 10)', () => {
    const b = village();
    b.vote('c1', [...times(6, ballot(['p2'])), ...times(4, ballot(['p3']))]);
    const zh = texts(hostScript(b.view('chair'), 'zh-CN'), 'contest:c1');
    expect(zh).toContain('另行选举，候选人以得票多的当选，但所得票数不得少于已投选票总数的三分之一，即不少于4票。');
    expect(zh.filter((l) => l.includes('半数，即不少于'))).toEqual([
      '被选举人获得的赞成票超过收回选票数的半数，即不少于6票，始得当选。',
    ]);
    const en = texts(hostScript(b.view('chair'), 'en'), 'contest:c1');
    expect(en).toContain(
      'In the supplementary election the candidates with the most votes are elected, but with no fewer than one third of the ballots cast, that is at least 4.',
    );
  });
});

describe('host script: what is done with the result, by ruleset (P-31, V-09, P-08, P-09)', () => {
  const close = (ruleset: 'cpc-branch' | 'village-committee' | 'simple-majority' | 'party-group' | 'recommendation') =>
    part(hostScript(meetingWithCheckIns(10, 9, { ruleset }).view('chair'), 'zh-CN'), 'close').lines.map((l) => [
      l.text,
      l.rule,
    ]);

  it('P-31 a party branch reports its election to the higher organisation', () => {
    expect(close('cpc-branch')).toEqual([['选举结果报上级党组织审批。现在宣布大会闭会。', 'P-31']]);
  });

  it('P-31 names the route by office: 书记 for approval (批准), 委员 for the record (备案)', () => {
    const closing = (offices: string[], lang: 'zh-CN' | 'en' = 'zh-CN') => {
      const b = meetingWithCheckIns(10, 9);
      offices.forEach((office, i) => b.createContest(`c${i + 1}`, 1, { office }));
      return part(hostScript(b.view('chair'), lang), 'close').lines.map((l) => l.text);
    };
    expect(closing(['member'])).toEqual(['选举结果报上级党组织备案。现在宣布大会闭会。']);
    expect(closing(['secretary'])).toEqual(['选举结果报上级党组织批准。现在宣布大会闭会。']);
    expect(closing(['secretary', 'deputy-secretary', 'member'])).toEqual([
      '书记、副书记的选举结果报上级党组织批准，委员的选举结果报上级党组织备案。现在宣布大会闭会。',
    ]);
    expect(closing(['member'], 'en')).toEqual([
      'The result is reported to the higher organisation for the record. I now declare the meeting closed.',
    ]);
  });

  it('V-09 a village committee announces its result on the spot; no party approval', () => {
    expect(close('village-committee')).toEqual([
      ['选举结果当场公布。', 'V-09'],
      ['现在宣布大会闭会。', null],
    ]);
  });

  it('simple-majority: a generic assembly reads no approval line at all', () => {
    expect(close('simple-majority')).toEqual([['现在宣布大会闭会。', null]]);
  });

  it('P-08 a party group reports the names its vote passed', () => {
    expect(close('party-group')).toEqual([['票决通过的预备人选报上级党组织审批。现在宣布会议结束。', 'P-08']]);
  });

  it('P-09 a 公推大会 announces the recommendation on the spot; the names go on to review and examination', () => {
    expect(close('recommendation')).toEqual([
      ['推荐结果当场公布。', 'P-09'],
      ['推荐结果作为确定初步人选的依据，按换届程序进行资格审查和考察。', 'P-08'],
      ['现在宣布会议结束。', null],
    ]);
    const en = hostScript(meetingWithCheckIns(10, 9, { ruleset: 'recommendation' }).view('chair'), 'en');
    expect(texts(en, 'close')).toEqual([
      'The result of the recommendation is announced on the spot.',
      'It is the basis on which the preliminary names are settled; they go on to the qualification review and the examination of the election process.',
      'I now declare the meeting closed.',
    ]);
  });
});

describe('host script: a 公推大会 reads recommendation and trust ballots, never an election (P-09, P-09a, P-09c)', () => {
  // 10 participants present: m1..m6 party members, a1..a3 masses' representatives, d1 a deputy. N = 2 (P-09a).
  const names: Record<string, string> = { m1: '甲一', m2: '乙二', m3: '丙三', m4: '丁四', m5: '戊五', m6: '己六' };
  const people: MemberSpec[] = [
    ...Object.entries(names).map(([memberId, name]) => ({ memberId, name, status: 'full' as const })),
    ...['a1', 'a2', 'a3'].map((memberId, i) => ({
      memberId,
      name: `群众${i + 1}`,
      status: 'full' as const,
      category: 'masses' as const,
    })),
    { memberId: 'd1', name: '代表一', status: 'full', category: 'deputy' },
  ];
  const gongtui = () => {
    const b = scheduledMeeting({ ruleset: 'recommendation', parameters: { recommendationMaxNames: 2 } });
    b.enrol(people).checkIn(...ids(people));
    b.adoptMethod().appointOfficers(['a3']);
    for (const [contestId, ballot, list] of [
      ['rec', 'recommendation', ['m1', 'm2', 'm3']],
      ['trust', 'trust', ['m1', 'm2']],
    ] as const) {
      const seats = list.length;
      b.run({ type: 'CreateContest', data: { contestId, office: 'committee-member', seats, ballot } });
      b.nominate(contestId, [...list])
        .publish(contestId, [...list], { noticeDays: 0 })
        .confirm(contestId);
    }
    return b;
  };
  const paper = (
    contestId: string,
    ballotNo: number,
    paper: 'member' | 'masses' | 'deputy',
    marks: Record<string, Mark>,
    writeIns: string[] = [],
  ) => ({ type: 'RecordBallot', data: { contestId, round: 1, ballotNo, marks, writeIns, paper } });
  const recommend = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 'for' as const]));

  it('P-06 the roll of a 公推大会: its participants present, more than half, and a recommendation, not an election', () => {
    const b = scheduledMeeting({ ruleset: 'recommendation' }).enrol(people).checkIn('m1', 'm2', 'm3', 'm4', 'a1', 'd1');
    expect(texts(hostScript(b.view('chair'), 'zh-CN'), 'roll')).toEqual([
      '应到会参会人员10名，实到会参会人员6名，超过应到会人数的半数，符合规定，可以进行推荐。',
    ]);
    expect(texts(hostScript(b.view('chair'), 'en'), 'roll')).toEqual([
      '10 participants are expected; 6 participants are present, more than half of those expected: the meeting is valid and the recommendation may proceed.',
    ]);
  });

  it('P-15 P-16 a 公推大会 adopts its method of recommendation; scrutineers are participants not put forward', () => {
    const parts = hostScript(gongtui().view('chair'), 'zh-CN');
    expect(parts.map((p) => p.heading).slice(0, 3)).toEqual([
      '一、清点到会人数',
      '二、通过推荐办法',
      '三、通过监票人、确定计票人',
    ]);
    expect(texts(parts, 'method')).toEqual([
      '下面，请大家表决《候选人推荐办法（草案）》。',
      '表决结果：赞成10票，反对0票，弃权0票。',
      '《候选人推荐办法》通过。',
    ]);
    expect(texts(parts, 'officers')[0]).toBe('下面，请大家表决监票人名单。监票人从不是推荐人选的参会人员中推选。');
  });

  it('P-09a P-09c before the round: the recommendation ballot, its cap of N, blanks for the figures', () => {
    const zh = texts(hostScript(gongtui().view('chair'), 'zh-CN'), 'contest:rec');
    expect(zh).toEqual([
      // 乙 1 stroke; 丙 and 甲 5 strokes each, 丙's first stroke 横 before 甲's 竖 (P-18).
      '本次民主推荐委员人选，名单按姓氏笔画为序：乙二、丙三、甲一。',
      '第一轮（待进行）',
      '请监票人检查票箱。',
      `本轮实到会参会人员10名，发出推荐票${BLANK}张（党员票${BLANK}张、群众代表票${BLANK}张、特邀代表票${BLANK}张），每人一张。`,
      '对名单中的人选，同意推荐的予以标记，不同意推荐的不标记；也可以另行填写名单以外具有被选举权的党员，填写其他人员的，该名无效。',
      '每张推荐票推荐的人数（含另行填写的）不得超过2名，多于2名的为废票；空白票为有效票。',
      `收回推荐票${BLANK}张，发出${BLANK}张；收回的等于或少于发出的，本轮推荐有效。`,
      `经计票，共${BLANK}张推荐票，有效票${BLANK}张，废票${BLANK}张。`,
      `人选所得推荐票超过所投推荐票${BLANK}张的半数，即不少于${BLANK}票的，达到规定的推荐票数。`,
      `得票达到规定推荐票数的人选：${BLANK}。`,
    ]);
    expect(zh.join('')).not.toMatch(/当选|赞成|选举有效/);
  });

  it('P-09 the count per paper category and the names above the threshold, no one elected', () => {
    const b = gongtui();
    b.openRound('rec');
    // Members' papers: 4 × m1 m2, 1 naming 3 (over N: invalid), 1 blank (valid). Masses': 2 × m1, 1 × m3 + m4
    // written in. Deputy's: m2. Cast 10; m1 6 (4+2), m2 5 (4+1), m3 1, m4 1. More than half of 10 is 6.
    const papers = [
      ...Array.from({ length: 4 }, () => paper('rec', 0, 'member', recommend(['m1', 'm2']))),
      paper('rec', 0, 'member', recommend(['m1', 'm2', 'm3'])),
      paper('rec', 0, 'member', {}),
      ...Array.from({ length: 2 }, () => paper('rec', 0, 'masses', recommend(['m1']))),
      paper('rec', 0, 'masses', recommend(['m3']), ['m4']),
      paper('rec', 0, 'deputy', recommend(['m2'])),
    ];
    papers.forEach((p, i) => b.run({ ...p, data: { ...p.data, ballotNo: i + 1 } }, { actor: TELLER_1 }));
    b.closeRound('rec');
    b.declare('rec');
    const zh = texts(hostScript(b.view('chair'), 'zh-CN'), 'contest:rec');
    expect(zh.slice(3)).toEqual([
      // P-21, P-09d: one paper each, of the holder's category: 6 party members, 3 masses' representatives, 1 deputy.
      '本轮实到会参会人员10名，发出推荐票10张（党员票6张、群众代表票3张、特邀代表票1张），每人一张。',
      '对名单中的人选，同意推荐的予以标记，不同意推荐的不标记；也可以另行填写名单以外具有被选举权的党员，填写其他人员的，该名无效。',
      '每张推荐票推荐的人数（含另行填写的）不得超过2名，多于2名的为废票；空白票为有效票。',
      '收回推荐票10张，等于或少于发出的10张，本轮推荐有效。',
      '经计票，共10张推荐票（党员票6张、群众代表票3张、特邀代表票1张），有效票9张，废票1张。',
      // In the ballot's order (P-18), write-ins after the list.
      '各人选得推荐票：乙二5票（党员票4票、群众代表票0票、特邀代表票1票）；丙三1票（党员票0票、群众代表票1票、特邀代表票0票）；甲一6票（党员票4票、群众代表票2票、特邀代表票0票）；丁四（另行填写）1票（党员票0票、群众代表票1票、特邀代表票0票）。',
      '人选所得推荐票超过所投推荐票10张的半数，即不少于6票的，达到规定的推荐票数。',
      '得票达到规定推荐票数的人选：甲一。',
    ]);
    const en = texts(hostScript(b.view('chair'), 'en'), 'contest:rec');
    expect(en.slice(-2)).toEqual([
      'A name meets the required number with recommendations from more than half of the 10 recommendation ballots cast, that is at least 6.',
      'Names that met the required number of recommendations: 甲一.',
    ]);
  });

  it('P-21 P-09d the papers handed out by category, in English too; blanks once the count no longer adds up', () => {
    const b = gongtui();
    b.openRound('rec');
    expect(texts(hostScript(b.view('chair'), 'en'), 'contest:rec')[3]).toBe(
      "10 participants are present in this round; 10 recommendation ballots are issued, one each (members' papers 6, masses' papers 3, deputies' papers 1).",
    );
    // A masses' representative leaves after the papers were issued: the figures by category no longer add up to 10.
    b.depart('a2');
    expect(texts(hostScript(b.view('chair'), 'zh-CN'), 'contest:rec')[3]).toBe(
      `本轮实到会参会人员10名，发出推荐票10张（党员票${BLANK}张、群众代表票${BLANK}张、特邀代表票${BLANK}张），每人一张。`,
    );
  });

  it('P-21 a 公推大会 of party members only names no paper categories', () => {
    const b = scheduledMeeting({ ruleset: 'recommendation', parameters: { recommendationMaxNames: 2 } });
    const members = people.filter((p) => !('category' in p));
    b.enrol(members).checkIn(...ids(members));
    b.adoptMethod().appointOfficers(['m6']);
    b.run({
      type: 'CreateContest',
      data: { contestId: 'rec', office: 'committee-member', seats: 2, ballot: 'recommendation' },
    });
    b.nominate('rec', ['m1', 'm2']).publish('rec', ['m1', 'm2'], { noticeDays: 0 }).confirm('rec');
    b.openRound('rec');
    expect(texts(hostScript(b.view('chair'), 'zh-CN'), 'contest:rec')[3]).toBe(
      '本轮实到会参会人员6名，发出推荐票6张，每人一张。',
    );
  });

  it('P-09c the trust ballot: 信任 / 基本信任 / 不信任, counted per paper, no pass mark and no cap', () => {
    const b = gongtui();
    b.openRound('trust');
    const rate = (m1: Mark, m2: Mark) => ({ m1, m2 });
    const papers = [
      ...Array.from({ length: 5 }, () => paper('trust', 0, 'member', rate('for', 'for'))),
      paper('trust', 0, 'member', rate('abstain', 'against')),
      ...Array.from({ length: 3 }, () => paper('trust', 0, 'masses', rate('for', 'abstain'))),
      paper('trust', 0, 'deputy', rate('against', 'for')),
    ];
    papers.forEach((p, i) => b.run({ ...p, data: { ...p.data, ballotNo: i + 1 } }, { actor: TELLER_1 }));
    b.closeRound('trust');
    b.declare('trust');
    const zh = texts(hostScript(b.view('chair'), 'zh-CN'), 'contest:trust');
    expect(zh).toEqual([
      '对以下委员人选进行信任投票，名单按姓氏笔画为序：乙二、甲一。',
      '第一轮',
      '请监票人检查票箱。',
      '本轮实到会参会人员10名，发出信任票10张（党员票6张、群众代表票3张、特邀代表票1张），每人一张。',
      '对每名人选分别表示信任、基本信任或者不信任，不能另选他人。',
      '收回信任票10张，等于或少于发出的10张，本轮投票有效。',
      '经计票，共10张信任票（党员票6张、群众代表票3张、特邀代表票1张），有效票10张，废票0张。',
      '各人选信任投票结果：乙二信任6票（党员票5票、群众代表票0票、特邀代表票1票）、基本信任3票（党员票0票、群众代表票3票、特邀代表票0票）、不信任1票（党员票1票、群众代表票0票、特邀代表票0票）；甲一信任8票（党员票5票、群众代表票3票、特邀代表票0票）、基本信任1票（党员票1票、群众代表票0票、特邀代表票0票）、不信任1票（党员票0票、群众代表票0票、特邀代表票1票）。',
      '信任投票不设通过票数，各人选的信任、基本信任、不信任票数如实公布。',
    ]);
    expect(part(hostScript(b.view('chair'), 'zh-CN'), 'contest:trust').heading).toBe('五、委员人选信任投票');
  });
});

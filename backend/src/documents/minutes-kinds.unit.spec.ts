/**
 * Issue 21 (B): the minutes of a 公推大会 (ruleset recommendation, P-09) and of a 党组票决会 (ruleset party-group,
 * PG-02, PG-03) in their own words, read back from the rendered HTML and from the .docx (unzipped with jszip, not
 * the library that wrote it): 推荐票, 得推荐票, 推荐结果 and 信任票, the figures by paper category, never 选举 or 当选.
 * Every expected figure is counted by hand from the papers below.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import {
  ballot,
  ids,
  readyMeeting,
  scheduledMeeting,
  TELLER_1,
  times,
} from '../../../contracts/src/testing/fixtures.js';
import type { MeetingState } from '@tallyroom/contracts';
import { buildMinutes, renderMinutesDocx, renderMinutesHtml } from './minutes.js';
import { DOCUMENTS } from './document-kinds.js';

const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<title>[\s\S]*?<\/title>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
const docxText = async (bytes: Uint8Array) =>
  (await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
/** The fixture's meeting title says 换届选举党员大会; the words checked are the minutes' own. */
const withoutTitle = (s: MeetingState, t: string) => t.split(s.title).join('');

async function rendered(s: MeetingState, log: Parameters<typeof buildMinutes>[2], lang: 'zh-CN' | 'en') {
  const head = { revision: s.revision, hash: s.head };
  const m = buildMinutes(s, head, log, lang);
  return {
    html: withoutTitle(s, text(await renderMinutesHtml(s, m))),
    docx: withoutTitle(s, await docxText(await renderMinutesDocx(m))),
  };
}

describe('the minutes of a 公推大会 (P-09) and of a 党组票决会 (PG-03) in their own words', () => {
  // 10 present: 党员1..6 party members, 群众1..3 masses' representatives, 代表一 a deputy.
  const gongtui = () => {
    const people = [
      ...['m1', 'm2', 'm3', 'm4', 'm5', 'm6'].map((memberId, i) => ({
        memberId,
        name: `党员${i + 1}`,
        status: 'full' as const,
      })),
      ...['a1', 'a2', 'a3'].map((memberId, i) => ({
        memberId,
        name: `群众${i + 1}`,
        status: 'full' as const,
        category: 'masses' as const,
      })),
      { memberId: 'd1', name: '代表一', status: 'full' as const, category: 'deputy' as const },
    ];
    const b = scheduledMeeting({ ruleset: 'recommendation', parameters: { recommendationMaxNames: 2 } });
    b.enrol(people).checkIn(...ids(people));
    b.adoptMethod().appointOfficers(['a3']);
    for (const [contestId, kind, list] of [
      ['rec', 'recommendation', ['m1', 'm2', 'm3']],
      ['trust', 'trust', ['m1', 'm2']],
    ] as const) {
      b.run({
        type: 'CreateContest',
        data: { contestId, office: 'committee-member', seats: list.length, ballot: kind },
      });
      b.nominate(contestId, [...list])
        .publish(contestId, [...list], { noticeDays: 0 })
        .confirm(contestId);
    }
    // Papers 1-6 members', 7-9 masses', 10 the deputy's.
    const paperOf = (n: number) => (n <= 6 ? 'member' : n <= 9 ? 'masses' : 'deputy');
    b.openRound('rec');
    // 党员1 on papers 1-7 (members' 6, masses' 1); 党员2 on papers 8-10 (masses' 2, deputy's 1).
    for (let n = 1; n <= 10; n++)
      b.run(
        {
          type: 'RecordBallot',
          data: {
            contestId: 'rec',
            round: 1,
            ballotNo: n,
            marks: n <= 7 ? { m1: 'for' } : { m2: 'for' },
            writeIns: [],
            paper: paperOf(n),
          },
        },
        { actor: TELLER_1 },
      );
    b.closeRound('rec');
    b.declare('rec');
    b.openRound('trust');
    // 党员1 信任 on all 10; 党员2 基本信任 on papers 1-5, 不信任 on 6-10 (members' 1, masses' 3, deputy's 1).
    for (let n = 1; n <= 10; n++)
      b.run(
        {
          type: 'RecordBallot',
          data: {
            contestId: 'trust',
            round: 1,
            ballotNo: n,
            marks: { m1: 'for', m2: n <= 5 ? 'abstain' : 'against' },
            writeIns: [],
            paper: paperOf(n),
          },
        },
        { actor: TELLER_1 },
      );
    b.closeRound('trust');
    b.declare('trust');
    return b;
  };

  it('P-09: a 公推大会 is minuted as a recommendation: 推荐票 by category, 推荐结果, 信任票; no 选举, no 当选', async () => {
    const b = gongtui();
    const { html, docx } = await rendered(b.state, b.log(), 'zh-CN');
    for (const t of [html, docx]) {
      expect(t).toContain('应到会参会人员 10 人，实到会参会人员 10 人，超过应到会人数的半数，推荐有效。');
      expect(t).toContain('会议表决通过候选人推荐办法。');
      expect(t).toContain('确定委员人选民主推荐，推荐名额 3 名。');
      expect(t).toContain('确定委员人选信任投票，人选 2 名。');
      expect(t).toContain('委员人选民主推荐第一轮开始推荐：实到会参会人员 10 人，发出推荐票 10 张。');
      expect(t).toContain('收回推荐票 10 张，本轮推荐有效。');
      expect(t).toContain('宣布委员人选民主推荐第一轮推荐结果。');
      expect(t).toContain(
        '收回推荐票 10 张（党员票 6 张、群众代表票 3 张、特邀代表票 1 张），有效票 10 张，废票 0 张；得推荐票超过所投推荐票 10 张的半数，即不少于 6 票的，方可确定为人选。',
      );
      expect(t).toContain('党员1：得推荐票 7 票（党员票 6 票、群众代表票 1 票、特邀代表票 0 票）');
      expect(t).toContain('党员2：得推荐票 3 票（党员票 0 票、群众代表票 2 票、特邀代表票 1 票）');
      expect(t).toContain('推荐结果：得票达到规定推荐票数的人选：党员1；未达到的：党员2、党员3。');
      expect(t).toContain('发出信任票 10 张');
      expect(t).toContain('宣布委员人选信任投票第一轮信任投票结果。');
      expect(t).toContain(
        '党员2：信任 0 票（党员票 0 票、群众代表票 0 票、特邀代表票 0 票），基本信任 5 票（党员票 5 票、群众代表票 0 票、特邀代表票 0 票），不信任 5 票（党员票 1 票、群众代表票 3 票、特邀代表票 1 票）',
      );
      // 赞成 stays where the meeting votes on its method and officers (表决结果); 人选票决 is no 选票.
      for (const word of [/选举/, /当选/, /(?<!人)选票/, /候选人名单/, /赞成 \d+ 票，不赞成/])
        expect(t).not.toMatch(word);
    }
    const en = await rendered(b.state, b.log(), 'en');
    expect(en.html).toContain('Recommendation result: names with the required number: 党员1; without: 党员2, 党员3.');
    expect(en.html).toContain('党员1: 7 recommendations (member 6, masses 1, deputy 0)');
    for (const word of ['election', 'Elected', 'elected']) expect(en.html).not.toContain(word);
  });

  it('P-09: a 公推大会 has no 选举结果报告单; the report kinds refuse it', () => {
    const b = gongtui();
    for (const kind of ['report', 'election-request', 'candidates-report'] as const)
      expect(() => DOCUMENTS[kind]!.params!({ state: b.state } as never)).toThrow(
        expect.objectContaining({ code: 'DOCUMENT_NOT_FOR_RULESET', field: 'kind' }),
      );
  });

  it('PG-02 PG-03: a 党组票决会 is minuted as a vote per name: 表决票, 同意, 通过; no 选举, no 当选', async () => {
    const p = readyMeeting({ ruleset: 'party-group', voters: 9, present: 7, seats: 2, candidates: ['p1', 'p2'] });
    p.openRound();
    p.enterBallots('c1', 1, [
      ...times(5, ballot(['p1'], { against: ['p2'] })),
      ...times(2, ballot(['p2'], { against: ['p1'] })),
    ]);
    p.closeRound('c1', 1);
    p.declare('c1', 1);
    const [n1, n2] = ['p1', 'p2'].map((id) => p.state.members.get(id)!.name);
    const { html, docx } = await rendered(p.state, p.log(), 'zh-CN');
    for (const t of [html, docx]) {
      expect(t).toContain('应到会成员 9 人，实到会有表决权的成员 7 人，超过应到会人数的半数，会议有效。');
      expect(t).toContain('会议表决通过票决办法。');
      expect(t).toContain('开始表决：实到会有表决权的成员 7 人，发出表决票 7 张。');
      expect(t).toContain('表决结束，收回表决票 7 张，本轮表决有效。');
      expect(t).toContain(
        '收回表决票 7 张，有效票 7 张，废票 0 张；通过须得同意票 5 票（须超过应到会成员人数的半数）。',
      );
      expect(t).toContain(`${n1}：同意 5 票，不同意 2 票，弃权 0 票`);
      expect(t).toContain(`${n2}：同意 2 票，不同意 5 票，弃权 0 票`);
      expect(t).toContain(`通过：${n1}；未通过：${n2}。`);
      for (const word of [/选举/, /当选/, /(?<!人)选票/, /赞成 \d+ 票，不赞成/]) expect(t).not.toMatch(word);
    }
  });
});

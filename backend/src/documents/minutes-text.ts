/**
 * The minutes' own words (会议记录), in both languages. Shared vocabulary (offices, round names, thresholds, dates in
 * Chinese) is the report's (report-text.ts); only what a minute-taker writes and a report does not lives here.
 */
import {
  DEFAULT_TIME_ZONE,
  PARTICIPANT_CATEGORIES,
  zoneLabel,
  type PaperCounts,
  type ParticipantCategory,
  type RecommendationFigures,
  type RecommendationLine,
  type Ruleset,
  type Vote,
} from '@tallyroom/contracts';
import type { ReportLang } from '../report/report-text.js';
import type { ExtraColumn } from '../report/tally-columns.js';

/** P-23: a candidate's unreadable marks and unmarked valid ballots, when the round has any (tallyColumns). */
export type ExtraVotes = [ExtraColumn, number][];

export interface MinutesWords {
  title: string;
  meeting: string;
  organisation: string;
  date: string;
  timeZone: (zone: string) => string;
  attendance: (expected: number, present: number, quorum: string | null) => string;
  quorumMet: (share: string) => string;
  quorumNotMet: (share: string) => string;
  proceedings: string;
  time: string;
  item: string;
  reasonLabel: string;
  vote: (v: Vote) => string;
  excluded: (who: string, approvalRef: string) => string;
  checkInWithdrawn: (who: string) => string;
  /** 中途离场: who left, and the voters still in the room after it (the attendance timeline at that revision). */
  departed: (who: string, presentVoters: number | null) => string;
  methodAdopted: string;
  officersAppointed: (scrutineers: string, tellers: string) => string;
  contestCreated: (contest: string, seats: string, mode: string) => string;
  recommendations: (contest: string, cast: number, votes: string) => string;
  notQualified: (contest: string, who: string) => string;
  /** P-08b: the contest's candidates taken from the list the 换届 fixed. */
  listAdopted: (contest: string, names: string, electionId: string, revision: number) => string;
  listPublished: (contest: string, names: string, days: number) => string;
  listConfirmed: (contest: string, names: string) => string;
  roundOpened: (contest: string, round: string, present: number, issued: number, candidates: string) => string;
  roundClosed: (contest: string, round: string, returned: number, valid: boolean) => string;
  roundReopened: (contest: string, round: string) => string;
  ballotCorrected: (contest: string, round: string, ballotNo: number, scrutineer: string) => string;
  ballotVoided: (contest: string, round: string, ballotNo: number, scrutineer: string) => string;
  declared: (contest: string, round: string) => string;
  declaredFigures: (returned: number, valid: number, invalid: number, threshold: string) => string;
  votesLine: (name: string, f: number, a: number, ab: number, extra: ExtraVotes) => string;
  electedLine: (names: string) => string;
  /** PG-02, PG-03: a vote per name: each name's agreeing, disagreeing and abstaining votes, who passed and who did not. */
  perNameVotesLine: (name: string, f: number, a: number, ab: number, extra: ExtraVotes) => string;
  passedLine: (passed: string, failed: string) => string;
  roundRequired: (contest: string, kind: string, seats: number, candidates: string) => string;
  seatsVacant: (contest: string, seats: number) => string;
  approval: (contest: string, reference: string) => string;
  memberCorrected: (who: string, changes: string) => string;
  candidateWithdrawn: (contest: string, who: string) => string;
  contestWithdrawn: (contest: string) => string;
  listWithdrawn: (contest: string) => string;
  closed: string;
  notClosed: string;
  recorder: string;
  chairSign: string;
  nothing: string;
  /** How to check the minutes against the log (the report's sentence, said of the minutes). */
  howToVerify: (revision: number) => string;
}

const pct = (s: string) => s;

const ZH_EXTRA: Record<ExtraColumn, string> = { unreadable: '无法辨认', unmarked: '未划符号' };
const zhExtra = (x: ExtraVotes) => x.map(([k, n]) => `，${ZH_EXTRA[k]} ${n} 票`).join('');
const enExtra = (x: ExtraVotes) => x.map(([k, n]) => `, ${n} ${k}`).join('');

const ZH: MinutesWords = {
  title: '会议记录',
  meeting: '会议名称',
  organisation: '召开单位',
  date: '会议日期',
  timeZone: (z) => (z === DEFAULT_TIME_ZONE ? `时间均为${zoneLabel(z, 'zh-CN')}` : `时间均为 ${z} 时间`),
  attendance: (e, p, q) => `应到会 ${e} 人，实到会有选举权的 ${p} 人${q ? `，${q}` : ''}。`,
  quorumMet: (s) => `超过应到会人数的${pct(s)}，会议有效`,
  quorumNotMet: (s) => `未超过应到会人数的${pct(s)}`,
  proceedings: '会议议程及决定事项',
  time: '时间',
  item: '事项',
  reasonLabel: '理由：',
  vote: (v) => `表决结果：赞成 ${v.for} 票，反对 ${v.against} 票，弃权 ${v.abstain} 票。`,
  excluded: (who, ref) => `经批准（${ref}），${who}不计入应到会人数。`,
  checkInWithdrawn: (who) => `撤销${who}的签到。`,
  departed: (who, n) => `${who}中途离场${n === null ? '' : `，现在场有选举权 ${n} 人`}。`,
  methodAdopted: '会议表决通过选举办法。',
  officersAppointed: (s, t) => `会议表决通过监票人：${s}；计票人：${t}。`,
  contestCreated: (c, seats, mode) => `确定${c}，${seats}，${mode}。`,
  recommendations: (c, n, v) => `${c}推荐票：参加推荐 ${n} 人；${v}。`,
  notQualified: (c, who) => `${who}经审查不符合${c}候选人条件。`,
  listAdopted: (c, names, e, r) => `${c}采用换届 ${e} 确定的候选人名单（流程记录号 ${r}）：${names}。`,
  listPublished: (c, names, d) => `公示${c}候选人名单：${names}（公示 ${d} 天）。`,
  listConfirmed: (c, names) => `确认${c}候选人名单：${names}。`,
  roundOpened: (c, r, p, i, cand) => `${c}${r}开始投票：实到会有选举权 ${p} 人，发出选票 ${i} 张。候选人：${cand}。`,
  roundClosed: (c, r, n, v) => `${c}${r}投票结束，收回选票 ${n} 张，${v ? '本轮选举有效' : '本轮选举无效'}。`,
  roundReopened: (c, r) => `会议主持人重新开启${c}${r}的计票。`,
  ballotCorrected: (c, r, n, s) => `监票人${s}更正${c}${r}第 ${n} 号选票的录入。`,
  ballotVoided: (c, r, n, s) => `监票人${s}作废${c}${r}第 ${n} 号选票的录入。`,
  declared: (c, r) => `宣布${c}${r}结果。`,
  declaredFigures: (n, v, i, t) => `收回选票 ${n} 张，有效票 ${v} 张，废票 ${i} 张；当选所需赞成票：${t}。`,
  votesLine: (name, f, a, ab, x) => `${name}：赞成 ${f} 票，不赞成 ${a} 票，弃权 ${ab} 票${zhExtra(x)}`,
  electedLine: (names) => `当选：${names}。`,
  perNameVotesLine: (name, f, a, ab, x) => `${name}：同意 ${f} 票，不同意 ${a} 票，弃权 ${ab} 票${zhExtra(x)}`,
  passedLine: (passed, failed) => `通过：${passed}；未通过：${failed}。`,
  roundRequired: (c, k, s, cand) => `${c}须进行${k}，应选 ${s} 名，候选人：${cand}。`,
  seatsVacant: (c, s) => `会议决定${c}空缺 ${s} 名。`,
  approval: (c, ref) => `${c}结果经上级党组织批复（${ref}）。`,
  memberCorrected: (who, ch) => `更正党员名册：${who}，${ch}。`,
  candidateWithdrawn: (c, who) => `${c}候选人${who}退出。`,
  contestWithdrawn: (c) => `撤销${c}（未进行投票）。`,
  listWithdrawn: (c) => `撤回${c}已公示的候选人名单。`,
  closed: '会议结束。',
  notClosed: '本记录生成时会议尚未结束。',
  recorder: '记录人：',
  chairSign: '会议主持人：',
  nothing: '无',
  howToVerify: (rev) =>
    `持有本次会议电子记录（供核验）的单位或个人，可在监督界面的“核验”页载入该记录：显示记录末条编号为 ${rev}、校验码与下列校验码（即二维码内容）相同且核验结果为“一致”的，即证明本会议记录与会议全过程的记录相符、记录未被改动。`,
};

const EN: MinutesWords = {
  title: 'Minutes',
  meeting: 'Meeting',
  organisation: 'Organisation',
  date: 'Date',
  timeZone: (z) => `All times are ${zoneLabel(z, 'en')}`,
  attendance: (e, p, q) => `Expected ${e}, present with the right to vote ${p}${q ? `; ${q}` : ''}.`,
  quorumMet: (s) => `more than ${s} of those expected: the meeting is valid`,
  quorumNotMet: (s) => `not more than ${s} of those expected`,
  proceedings: 'Proceedings and decisions',
  time: 'Time',
  item: 'Item',
  reasonLabel: 'Reason: ',
  vote: (v) => `Vote: ${v.for} for, ${v.against} against, ${v.abstain} abstaining.`,
  excluded: (who, ref) => `With approval (${ref}), ${who} is not counted among those expected.`,
  checkInWithdrawn: (who) => `Check-in of ${who} withdrawn.`,
  departed: (who, n) => `${who} left the meeting${n === null ? '' : `; ${n} voters still in the room`}.`,
  methodAdopted: 'The meeting adopted the election method.',
  officersAppointed: (s, t) => `The meeting approved the scrutineers: ${s}; tellers: ${t}.`,
  contestCreated: (c, seats, mode) => `${c} set up: ${seats}, ${mode}.`,
  recommendations: (c, n, v) => `Recommendations for ${c}: ${n} took part; ${v}.`,
  notQualified: (c, who) => `${who} found not qualified as a candidate (${c}).`,
  listAdopted: (c, names, e, r) =>
    `Candidates for ${c} adopted from the list fixed by election ${e} (process revision ${r}): ${names}.`,
  listPublished: (c, names, d) => `Candidate list for ${c} published: ${names} (notice of ${d} days).`,
  listConfirmed: (c, names) => `Candidate list for ${c} confirmed: ${names}.`,
  roundOpened: (c, r, p, i, cand) =>
    `${c}, ${r}: voting opened; ${p} present with the right to vote, ${i} ballots issued. Candidates: ${cand}.`,
  roundClosed: (c, r, n, v) =>
    `${c}, ${r}: voting closed, ${n} ballots returned; the round is ${v ? 'valid' : 'void'}.`,
  roundReopened: (c, r) => `The chair reopened the count of ${c}, ${r}.`,
  ballotCorrected: (c, r, n, s) => `Scrutineer ${s} corrected the entry of ballot ${n} (${c}, ${r}).`,
  ballotVoided: (c, r, n, s) => `Scrutineer ${s} voided the entry of ballot ${n} (${c}, ${r}).`,
  declared: (c, r) => `Result of ${c}, ${r} declared.`,
  declaredFigures: (n, v, i, t) => `${n} ballots returned, ${v} valid, ${i} invalid; votes for needed: ${t}.`,
  votesLine: (name, f, a, ab, x) => `${name}: ${f} for, ${a} against, ${ab} abstaining${enExtra(x)}`,
  electedLine: (names) => `Elected: ${names}.`,
  perNameVotesLine: (name, f, a, ab, x) => `${name}: ${f} agree, ${a} disagree, ${ab} abstaining${enExtra(x)}`,
  passedLine: (passed, failed) => `Passed: ${passed}; not passed: ${failed}.`,
  roundRequired: (c, k, s, cand) => `${c} requires a ${k} for ${s} seat(s); candidates: ${cand}.`,
  seatsVacant: (c, s) => `The meeting left ${s} seat(s) of ${c} vacant.`,
  approval: (c, ref) => `The upper organisation approved ${c} (${ref}).`,
  memberCorrected: (who, ch) => `Roll corrected: ${who}, ${ch}.`,
  candidateWithdrawn: (c, who) => `${who} withdrew as a candidate (${c}).`,
  contestWithdrawn: (c) => `${c} withdrawn (no vote was held).`,
  listWithdrawn: (c) => `The published candidate list for ${c} withdrawn.`,
  closed: 'The meeting closed.',
  notClosed: 'The meeting had not closed when these minutes were produced.',
  recorder: 'Minutes taken by:',
  chairSign: 'Chair:',
  nothing: 'none',
  howToVerify: (rev) =>
    `Anyone holding the meeting's electronic record can load it on the supervisor's verification page: if it ends at revision ${rev} with the hash below (the QR code's content) and reports MATCH, these minutes agree with the whole record and the record is unaltered.`,
};

export const MINUTES_WORDS: Record<ReportLang, MinutesWords> = { 'zh-CN': ZH, en: EN };

/**
 * A 公推大会's minutes (ruleset recommendation, P-09): the same record in the words of a recommendation, 推荐票 and
 * 信任票, 得票 and 推荐结果, never 选举 or 当选. Only the sentences that differ; the rest are the minutes' own.
 */
export interface RecommendationMinutesWords {
  contestName: (office: string, ballot: RecKind, nth: number | null) => string;
  contestCreated: (contest: string, ballot: RecKind, seats: number) => string;
  roundOpened: (c: string, r: string, ballot: RecKind, present: number, issued: number, names: string) => string;
  roundClosed: (c: string, r: string, ballot: RecKind, returned: number, valid: boolean) => string;
  declared: (c: string, r: string, ballot: RecKind) => string;
  /** The papers cast by category, valid and invalid, and (推荐票) the threshold. */
  figures: (f: RecommendationFigures) => string;
  /** One name: its 推荐票 by category, or its 信任 / 基本信任 / 不信任 by category. */
  line: (name: string, l: RecommendationLine, f: RecommendationFigures) => string;
  result: (passed: string, notPassed: string) => string;
}
type RecKind = 'recommendation' | 'trust';

const ZH_PAPER: Record<ParticipantCategory, string> = { member: '党员票', masses: '群众代表票', deputy: '特邀代表票' };
const ZH_CAT: Record<ParticipantCategory, string> = { member: '党员', masses: '群众代表', deputy: '特邀代表' };
const ZH_BALLOT: Record<RecKind, string> = { recommendation: '推荐票', trust: '信任票' };
const ZH_NTH = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** The categories whose papers were cast (a roll of one category names none). */
const cast = (f: RecommendationFigures) => PARTICIPANT_CATEGORIES.filter((p) => f.ballots[p] > 0);
const zhBy = (c: PaperCounts, papers: ParticipantCategory[], unit: string) =>
  papers.length > 1 ? `（${papers.map((p) => `${ZH_PAPER[p]} ${c[p]} ${unit}`).join('、')}）` : '';
const zhShare = (s: { num: number; den: number }) => (s.num * 2 === s.den ? '半数' : `${s.den}分之${s.num}`);

export const RECOMMENDATION_MINUTES: Record<ReportLang, RecommendationMinutesWords> = {
  'zh-CN': {
    contestName: (office, ballot, nth) =>
      `${office}人选${ballot === 'trust' ? '信任投票' : '民主推荐'}${nth ? `（${ZH_NTH[nth] ?? nth}）` : ''}`,
    contestCreated: (c, ballot, seats) =>
      ballot === 'trust' ? `确定${c}，人选 ${seats} 名。` : `确定${c}，推荐名额 ${seats} 名。`,
    roundOpened: (c, r, ballot, p, i, names) =>
      `${c}${r}开始${ballot === 'trust' ? '投票' : '推荐'}：实到会参会人员 ${p} 人，发出${ZH_BALLOT[ballot]} ${i} 张。人选：${names}。`,
    roundClosed: (c, r, ballot, n, v) =>
      `${c}${r}${ballot === 'trust' ? '投票' : '推荐'}结束，收回${ZH_BALLOT[ballot]} ${n} 张，本轮${ballot === 'trust' ? '投票' : '推荐'}${v ? '有效' : '无效'}。`,
    declared: (c, r, ballot) => `宣布${c}${r}${ballot === 'trust' ? '信任投票结果' : '推荐结果'}。`,
    figures: (f) =>
      `收回${ZH_BALLOT[f.kind]} ${f.ballots.all} 张${zhBy(f.ballots, cast(f), '张')}，有效票 ${f.valid.all} 张，废票 ${f.invalid.all} 张；${
        f.kind === 'trust' || f.required === null
          ? '信任投票不设通过票数'
          : `得推荐票${f.pass.inclusive ? '达到' : '超过'}${
              f.countedPapers.length < PARTICIPANT_CATEGORIES.length
                ? f.countedPapers.map((p) => ZH_CAT[p]).join('、')
                : ''
            }所投推荐票 ${f.base} 张的${zhShare(f.pass)}，即不少于 ${f.required} 票的，方可确定为人选`
      }。`,
    line: (name, l, f) =>
      f.kind === 'trust'
        ? `${name}：信任 ${l.votes.all} 票${zhBy(l.votes, cast(f), '票')}，基本信任 ${l.basic?.all ?? 0} 票${l.basic ? zhBy(l.basic, cast(f), '票') : ''}，不信任 ${l.distrust?.all ?? 0} 票${l.distrust ? zhBy(l.distrust, cast(f), '票') : ''}`
        : `${name}${l.writeIn ? '（另行填写）' : ''}：得推荐票 ${l.votes.all} 票${zhBy(l.votes, cast(f), '票')}`,
    result: (passed, notPassed) => `推荐结果：得票达到规定推荐票数的人选：${passed}；未达到的：${notPassed}。`,
  },
  en: {
    contestName: (office, ballot, nth) =>
      `${ballot === 'trust' ? 'Trust vote on the names for' : 'Recommending names for'} ${office}${nth ? ` (${nth})` : ''}`,
    contestCreated: (c, ballot, seats) =>
      ballot === 'trust' ? `${c} set up: ${seats} name(s).` : `${c} set up: up to ${seats} name(s) to recommend.`,
    roundOpened: (c, r, ballot, p, i, names) =>
      `${c}, ${r}: ${ballot === 'trust' ? 'voting' : 'recommending'} opened; ${p} participants present, ${i} ${ballot} ballots issued. Names: ${names}.`,
    roundClosed: (c, r, ballot, n, v) =>
      `${c}, ${r}: ${ballot === 'trust' ? 'voting' : 'recommending'} closed, ${n} ${ballot} ballots returned; the round is ${v ? 'valid' : 'void'}.`,
    declared: (c, r, ballot) =>
      `${ballot === 'trust' ? 'Trust ratings' : 'Recommendation result'} of ${c}, ${r} announced.`,
    figures: (f) => {
      const by = (c: PaperCounts) =>
        cast(f).length > 1
          ? ` (${cast(f)
              .map((p) => `${p} papers ${c[p]}`)
              .join(', ')})`
          : '';
      return `${f.ballots.all} ${f.kind} ballots returned${by(f.ballots)}, ${f.valid.all} valid, ${f.invalid.all} invalid; ${
        f.kind === 'trust' || f.required === null
          ? 'a trust vote has no pass mark'
          : `a name needs ${f.pass.inclusive ? 'at least' : 'more than'} ${f.pass.num * 2 === f.pass.den ? 'half' : `${f.pass.num}/${f.pass.den}`} of the ${f.base} recommendation ballots cast${
              f.countedPapers.length < PARTICIPANT_CATEGORIES.length
                ? ` on ${f.countedPapers.join(' and ')} papers`
                : ''
            }, that is at least ${f.required}`
      }.`;
    },
    line: (name, l, f) => {
      const by = (c: PaperCounts) =>
        cast(f).length > 1
          ? ` (${cast(f)
              .map((p) => `${p} ${c[p]}`)
              .join(', ')})`
          : '';
      return f.kind === 'trust'
        ? `${name}: trust ${l.votes.all}${by(l.votes)}, basic trust ${l.basic?.all ?? 0}${l.basic ? by(l.basic) : ''}, no trust ${l.distrust?.all ?? 0}${l.distrust ? by(l.distrust) : ''}`
        : `${name}${l.writeIn ? ' (written in)' : ''}: ${l.votes.all} recommendations${by(l.votes)}`;
    },
    result: (passed, notPassed) =>
      `Recommendation result: names with the required number: ${passed}; without: ${notPassed}.`,
  },
};

/**
 * The sentences a 公推大会's and a 党组票决会's minutes say in their own words: participants (or the body's members)
 * rather than voters, the recommendation or voting method rather than the election method, a vote (表决) rather than an
 * election. The figures of a round are worded by RECOMMENDATION_MINUTES (recommendation) or perNameVotesLine (PG-03).
 */
export const RULESET_MINUTES: Record<'recommendation' | 'party-group', Record<ReportLang, Partial<MinutesWords>>> = {
  recommendation: {
    'zh-CN': {
      attendance: (e, p, q) => `应到会参会人员 ${e} 人，实到会参会人员 ${p} 人${q ? `，${q}` : ''}。`,
      quorumMet: (s) => `超过应到会人数的${pct(s)}，推荐有效`,
      methodAdopted: '会议表决通过候选人推荐办法。',
      notQualified: (c, who) => `${who}经审查不符合${c}人选条件。`,
      listPublished: (c, names, d) => `公布${c}人选名单：${names}${d > 0 ? `（公示 ${d} 天）` : ''}。`,
      listConfirmed: (c, names) => `确认${c}人选名单：${names}。`,
      candidateWithdrawn: (c, who) => `${c}人选${who}退出。`,
      listWithdrawn: (c) => `撤回${c}已公布的人选名单。`,
    },
    en: {
      attendance: (e, p, q) => `Expected participants ${e}, present ${p}${q ? `; ${q}` : ''}.`,
      quorumMet: (s) => `more than ${s} of those expected: the recommendation is valid`,
      methodAdopted: 'The meeting adopted the method of recommending candidates.',
      notQualified: (c, who) => `${who} found not qualified as a name (${c}).`,
      listPublished: (c, names, d) => `Names for ${c} published: ${names}${d > 0 ? ` (notice of ${d} days)` : ''}.`,
      listConfirmed: (c, names) => `Names for ${c} confirmed: ${names}.`,
      candidateWithdrawn: (c, who) => `${who} withdrew as a name (${c}).`,
      listWithdrawn: (c) => `The published names for ${c} withdrawn.`,
    },
  },
  'party-group': {
    'zh-CN': {
      attendance: (e, p, q) => `应到会成员 ${e} 人，实到会有表决权的成员 ${p} 人${q ? `，${q}` : ''}。`,
      methodAdopted: '会议表决通过票决办法。',
      notQualified: (c, who) => `${who}经审查不符合${c}人选条件。`,
      listPublished: (c, names) => `确定${c}人选名单：${names}。`,
      listConfirmed: (c, names) => `确认${c}人选名单：${names}。`,
      roundOpened: (c, r, p, i, cand) =>
        `${c}${r}开始表决：实到会有表决权的成员 ${p} 人，发出表决票 ${i} 张。人选：${cand}。`,
      roundClosed: (c, r, n, v) => `${c}${r}表决结束，收回表决票 ${n} 张，${v ? '本轮表决有效' : '本轮表决无效'}。`,
      declared: (c, r) => `宣布${c}${r}表决结果。`,
      declaredFigures: (n, v, i, t) => `收回表决票 ${n} 张，有效票 ${v} 张，废票 ${i} 张；通过须得同意票 ${t}。`,
      candidateWithdrawn: (c, who) => `${c}人选${who}退出。`,
      listWithdrawn: (c) => `撤回${c}的人选名单。`,
    },
    en: {
      attendance: (e, p, q) => `Members expected ${e}, present with a vote ${p}${q ? `; ${q}` : ''}.`,
      methodAdopted: 'The meeting adopted the method of the vote.',
      notQualified: (c, who) => `${who} found not qualified as a name (${c}).`,
      listPublished: (c, names) => `Names for ${c} set: ${names}.`,
      listConfirmed: (c, names) => `Names for ${c} confirmed: ${names}.`,
      roundOpened: (c, r, p, i, cand) =>
        `${c}, ${r}: the vote opened; ${p} members present with a vote, ${i} voting papers issued. Names: ${cand}.`,
      roundClosed: (c, r, n, v) =>
        `${c}, ${r}: the vote closed, ${n} voting papers returned; the round is ${v ? 'valid' : 'void'}.`,
      declared: (c, r) => `Result of the vote on ${c}, ${r} announced.`,
      declaredFigures: (n, v, i, t) =>
        `${n} voting papers returned, ${v} valid, ${i} invalid; a name passes with ${t}.`,
      candidateWithdrawn: (c, who) => `${who} withdrew as a name (${c}).`,
      listWithdrawn: (c) => `The names for ${c} withdrawn.`,
    },
  },
};

/** The minutes' words for a meeting under this ruleset. */
export function minutesWords(
  lang: ReportLang,
  ruleset: Pick<Ruleset, 'recommendation' | 'perName'> | null | undefined,
): MinutesWords {
  if (ruleset?.recommendation) return { ...MINUTES_WORDS[lang], ...RULESET_MINUTES.recommendation[lang] };
  if (ruleset?.perName) return { ...MINUTES_WORDS[lang], ...RULESET_MINUTES['party-group'][lang] };
  return MINUTES_WORDS[lang];
}

/**
 * The report's words in its two languages. zh-CN is what is filed with the
 * higher organisation, worded as a branch writes it (有选举权的到会党员超过应到会
 * 人数的五分之四，会议有效); English (?lang=en) is for readers who need it. Every
 * label and every sentence lives here so the two versions cannot drift apart
 * in structure. Rules are told in words from the ruleset's own values: the
 * figures a rule produces (thresholds, outcomes) come from the contracts.
 */
import {
  approvalOffices,
  OFFICE_NAMES,
  zoneLabel,
  officeName,
  type RoundKind,
  type Ruleset,
  type RulesetName,
  type Share,
  type WinBase,
} from '@tallyroom/contracts';
import { html, type Html } from './html.js';

/** What a threshold is a share of (P-24, V-07, PG-02). */
const ZH_WIN_BASE: Record<WinBase, string> = {
  presentVoters: '实到会有选举权人数',
  ballotsReturned: '收回选票数',
  expectedVoters: '应到会成员人数',
};
const EN_WIN_BASE: Record<WinBase, string> = {
  presentVoters: 'voters present',
  ballotsReturned: 'ballots returned',
  expectedVoters: 'all members entitled to vote, present or not',
};

export const REPORT_LANGS = ['zh-CN', 'en'] as const;
export type ReportLang = (typeof REPORT_LANGS)[number];

export const reportLang = (q: unknown): ReportLang => (q === 'en' ? 'en' : 'zh-CN');

/** Every parameter of a ruleset; each must be told on the paper (the compiler checks). */
export type RuleKey = Exclude<keyof Ruleset, 'name'>;
type RuleTexts = { [K in RuleKey]: { label: string; text: (v: Ruleset[K], r: Ruleset) => string } };

/** The rules every ruleset applies the same way (not parameters): told once, after the parameters. */
export const FIXED_RULES = ['ballotValidity', 'roundValidity', 'moreThanSeats', 'tie'] as const;
export type FixedRule = (typeof FIXED_RULES)[number];

/** What the opening paragraph says: the meeting, attendance, officers and contests. */
export interface BodyParts {
  organisation: string;
  title: string;
  /** The day(s) it was held, already marked up. */
  date: Html;
  people: string;
  expected: number;
  present: number;
  /** The quorum rule in words and whether it was met; null where the ruleset has none (V-06 checks turnout). */
  quorum: { met: boolean; share: Share } | null;
  method: boolean;
  scrutineers: string[];
  tellers: string[];
  contests: string[];
}

interface Words {
  title: string;
  subtitle: string;
  /** The 主送 line: the higher organisation, written in by hand. */
  addressee: string;
  /** Brackets around an aside: full-width in Chinese. */
  parens: readonly [string, string];
  /** Before the names elected in a round, and those not. */
  roundElected: (round: string) => string;
  roundNotElected: string;
  addresseeCaption: string;
  stillOpen: string;
  body: (p: BodyParts) => Html;
  /** The day in words: 二〇二六年十二月四日. */
  day: (iso: string) => string;
  days: (first: string, last: string) => string;
  scheduledOtherDay: (scheduled: string) => string;
  /** A start time on the meeting's clock, with its zone. */
  timeIn: (time: string, zone: string) => string;
  section: (n: number, title: string) => string;
  subsection: (n: number, title: string) => string;
  attendance: string;
  expected: string;
  presentNow: string;
  /** The row of those still in the room, once someone has left (the figure at each ballot is in the paragraph). */
  presentAfterDepartures: string;
  departedVoters: string;
  attendeesWithoutVote: string;
  excluded: string;
  presentNote: string;
  officers: string;
  scrutineers: string;
  tellers: string;
  scrutineer: string;
  teller: string;
  notAppointed: string;
  results: string;
  offices: Record<string, string>;
  /** "委员选举"; the n-th contest for the same office is told apart. */
  contestName: (office: string, nth: number | null) => string;
  byCommittee: (committee: string) => string;
  modes: Record<string, string>;
  statuses: Record<string, string>;
  seats: (n: number) => string;
  /** 第一轮 / 重新投票 / 另行选举, and which of several with the same name. */
  roundLabel: (kind: RoundKind | 'rerun', nth: number) => string;
  /** Why a re-vote was held. */
  roundWhy: Partial<Record<RoundKind | 'rerun', string>>;
  roundNumber: (n: number) => string;
  roundCol: string;
  presentVoters: string;
  ballotsIssued: string;
  ballotsReturned: string;
  valid: string;
  invalid: string;
  threshold: string;
  thresholdPlurality: string;
  thresholdShare: (threshold: number, share: Share, base: WinBase) => string;
  thresholdFloor: (threshold: number, floor: Share) => string;
  candidate: string;
  for: string;
  against: string;
  abstain: string;
  /** P-23: columns shown only when a round has any, so that each candidate's row adds up to the valid ballots. */
  unreadable: string;
  unmarked: string;
  result: string;
  elected: string;
  notElected: string;
  pending: string;
  writeIn: string;
  writeInsTotal: string;
  notDeclared: string;
  electedVotes: string;
  notElectedVotes: string;
  /** A person's votes and the round they are from: 张三 9 票（第一轮）. */
  votesIn: (name: string, votes: number, round: string) => string;
  none: string;
  vacancies: string;
  stillToElect: (n: number) => string;
  /** V-11a: a summed line's addition: this office's own votes plus each higher office's. */
  summedParts: (own: number, parts: { office: string; votes: number }[]) => string;
  /** V-11a: under the tally of a summed round. */
  summedNote: string;
  /** V-11b: seats still empty after the second ballot. */
  newElection: string;
  newElectionDue: (seats: number, months: number, dueBy: string) => string;
  /** V-12: the committee flag. */
  noWomanElected: string;
  /** P-19: the number of 代写 records (who wrote for whom is not on the paper). */
  assistedWriting: string;
  approval: string;
  approvalRequired: string;
  forTheRecord: string;
  approvalPending: string;
  recordPending: string;
  declaredMatches: string;
  declaredDiffers: string;
  corrections: string;
  contest: string;
  ballotNo: string;
  action: string;
  corrected: string;
  voided: string;
  reopened: (status: string, returned: number) => string;
  /** Roll corrections (CorrectMember) and candidate withdrawals share the corrections table. */
  roll: string;
  memberStatuses: Record<string, string>;
  /** A member named nowhere else on the paper (not a candidate or officer): by id only. */
  memberById: (id: string) => string;
  rollCorrected: (who: string, changes: string[]) => string;
  statusChange: (before: string, after: string) => string;
  nameChange: (before: string, after: string) => string;
  nameCorrected: string;
  withdrew: (who: string) => string;
  /** A contest withdrawn before its first round (WithdrawContest): it has no section of its own. */
  contestWithdrawn: string;
  /** A published list taken down (WithdrawCandidateList), with the day it had been published. */
  listWithdrawn: (publishedOn: string) => string;
  reason: string;
  handledBy: string;
  revision: string;
  ruleset: string;
  rulesetNames: Record<RulesetName, string>;
  /** The person counted, as the ruleset's meetings say it (党员, 选民). */
  people: Record<RulesetName, string>;
  rules: RuleTexts;
  fixedRules: Record<FixedRule, { label: string; text: string }>;
  ruleRef: (rule: string) => string;
  closing: string;
  signatures: string;
  chair: string;
  sign: string;
  seal: string;
  verification: string;
  /** One plain sentence: how anyone holding the log checks this paper. */
  howToVerify: (revision: number) => string;
  chainHead: string;
  hash: string;
  meetingId: string;
  startTime: string;
  /** The command, for readers who run it (English version only). */
  command: string | null;
  qr: string;
  print: string;
  otherLanguage: string;
  warning: (revision: number, problem: string) => string;
  sep: string;
}

// ---------------------------------------------------------------- Chinese numerals

const DIGITS = '〇一二三四五六七八九';

/** 0..99 as words: 四, 十, 十二, 二十, 三十一. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]!}十${ones === 0 ? '' : DIGITS[ones]!}`;
}

/** 2026-12-04 → 二〇二六年十二月四日 (the year digit by digit, as official documents write it). */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const year = [...m[1]!].map((d) => DIGITS[Number(d)]!).join('');
  return `${year}年${chineseNumber(Number(m[2]))}月${chineseNumber(Number(m[3]))}日`;
}

/** A share in words: 半数, 五分之四, 三分之二. */
export function fraction(s: Pick<Share, 'num' | 'den'>): string {
  if (s.num * 2 === s.den) return '半数';
  return `${chineseNumber(s.den)}分之${chineseNumber(s.num)}`;
}
/** "超过…的五分之四" or "不少于…的五分之四". */
const zhCompare = (s: Share) => (s.inclusive ? '不少于' : '超过');
/** A share of those present that must agree: 过半数, 半数以上, 超过三分之二, 三分之二以上. */
const zhAgree = (s: Share) =>
  s.num * 2 === s.den
    ? s.inclusive
      ? '半数以上'
      : '过半数'
    : s.inclusive
      ? `${fraction(s)}以上`
      : `超过${fraction(s)}`;

const zhOffice = (o: string) => officeName(o, 'zh-CN');

const ZH_EXCLUSIONS: Record<string, string> = {
  'mental-incapacity': '患病不能表达本人意志的',
  'abroad-6m': '自费出国半年以上的',
  'serving-sentence': '正在服刑的',
  bedridden: '年老体弱卧床不起或长期生病生活不能自理的',
  'away-6m-relationship-not-moved': '外出半年以上且组织关系未转走的',
  'retired-living-elsewhere': '离退休回原籍长期居住、组织关系未转出的',
  'epidemic-consent': '因疫情无法返回参选并经本人同意的',
};

const ZH: Words = {
  title: '选举结果报告单',
  subtitle: '',
  addressee: '主送：',
  parens: ['（', '）'],
  roundElected: (round) => `${round}当选：`,
  roundNotElected: '未当选：',
  addresseeCaption: '（上级党组织）',
  stillOpen: '本报告生成时会议尚未结束，所载结果可能还会变化。',
  body: (p) => {
    const who = p.people;
    const clauses = [html`${p.organisation}于${p.date}召开${p.title}`];
    const attendance = [`应到会${who} ${p.expected} 人`, `实到会有选举权的${who} ${p.present} 人`];
    if (p.quorum) {
      const rule = `应到会人数的${fraction(p.quorum.share)}`;
      attendance.push(
        p.quorum.met
          ? `${zhCompare(p.quorum.share)}${rule}，会议有效`
          : `${p.quorum.share.inclusive ? '未达到' : '未超过'}${rule}`,
      );
    }
    const proceedings: string[] = [];
    if (p.method) proceedings.push('会议通过了选举办法');
    if (p.scrutineers.length) proceedings.push(`表决通过${p.scrutineers.join('、')}为监票人`);
    if (p.tellers.length) proceedings.push(`确定${p.tellers.join('、')}为计票人`);
    const sentences = [html`${clauses}。`, `${attendance.join('，')}。`];
    if (proceedings.length) sentences.push(`${proceedings.join('，')}。`);
    sentences.push(
      p.contests.length ? `会议进行了${p.contests.join('、')}。现将选举结果报告如下：` : '现将会议情况报告如下：',
    );
    return html`${sentences}`;
  },
  day: chineseDate,
  days: (first, last) =>
    first.slice(0, 4) === last.slice(0, 4)
      ? `${chineseDate(first)}至${chineseDate(last).slice(5)}`
      : `${chineseDate(first)}至${chineseDate(last)}`,
  scheduledOtherDay: (d) => `（会议原定于${chineseDate(d)}召开，以上为实际召开日期）`,
  timeIn: (t, z) => `${t}（${zoneLabel(z, 'zh-CN')}）`,
  section: (n, t) => `${chineseNumber(n)}、${t}`,
  subsection: (n, t) => `（${chineseNumber(n)}）${t}`,
  attendance: '到会情况',
  expected: '应到会人数',
  presentNow: '实到会有选举权人数',
  presentAfterDepartures: '现在场有选举权人数',
  departedVoters: '中途离场人数',
  attendeesWithoutVote: '列席人数',
  excluded: '经批准不计入应到会人数',
  presentNote: '各轮投票的实到会有选举权人数，以发出选票时的人数为准。',
  officers: '监票人、计票人',
  scrutineers: '监票人',
  tellers: '计票人',
  scrutineer: '监票人',
  teller: '计票人',
  notAppointed: '未经大会通过',
  results: '选举结果',
  offices: OFFICE_NAMES['zh-CN'],
  contestName: (o, nth) => `${zhOffice(o)}选举${nth === null ? '' : `（${chineseNumber(nth)}）`}`,
  byCommittee: (c) => `由新当选的${zhOffice(c)}选举`,
  modes: { competitive: '差额选举', uncontested: '等额选举' },
  statuses: { open: '投票、计票中', valid: '选举有效，待宣布', void: '选举无效', declared: '已宣布' },
  seats: (n) => `应选 ${n} 名`,
  roundLabel: (kind, nth) => {
    const base = { first: '第一轮', rerun: '重新投票', tie: '重新投票', supplementary: '另行选举' }[kind];
    return nth > 1 ? `第${chineseNumber(nth)}次${base}` : base;
  },
  roundWhy: { rerun: '上一轮选举无效', tie: '就得票相等的人' },
  roundNumber: (n) => `第 ${n} 次投票`,
  roundCol: '轮次',
  presentVoters: '实到会有选举权人数',
  ballotsIssued: '发出选票',
  ballotsReturned: '收回选票',
  valid: '有效票',
  invalid: '废票',
  threshold: '当选所需赞成票',
  thresholdPlurality: '得票多的当选（在得票相等者中重新投票）',
  thresholdShare: (t, s, base) => `${t} 票（须${zhCompare(s)}${ZH_WIN_BASE[base]}的${fraction(s)}）`,
  thresholdFloor: (t, floor) => `得票多的当选，且不少于 ${t} 票（收回选票数的${fraction(floor)}）`,
  candidate: '候选人',
  for: '赞成',
  against: '不赞成',
  abstain: '弃权',
  unreadable: '无法辨认',
  unmarked: '未划符号',
  result: '结果',
  elected: '当选',
  notElected: '未当选',
  pending: '待宣布',
  writeIn: '另选他人',
  writeInsTotal: '另选他人（合计，未当选者不列姓名）',
  notDeclared: '本轮结果尚未宣布。',
  electedVotes: '当选人及得票数',
  notElectedVotes: '未当选人及得票数',
  votesIn: (name, votes, round) => `${name} ${votes} 票（${round}）`,
  none: '无',
  vacancies: '空缺名额',
  stillToElect: (n) => `（尚有 ${n} 名待选出）`,
  summedParts: (own, parts) => `（本职务 ${own}${parts.map((p) => ` + ${p.office} ${p.votes}`).join('')}）`,
  summedNote:
    '票数相加：副主任、委员第一次投票的得票数，加上本人在更高职务第一次投票中未当选时所得的赞成票；括号内为各部分',
  newElection: '再行选举',
  newElectionDue: (seats, months, dueBy) =>
    `经两次投票，仍有 ${seats} 个名额未选出，应在 ${months} 个月内（${dueBy} 前）再行选举`,
  noWomanElected: '本届委员会没有女性成员当选；村（居）民委员会成员中应当有妇女成员',
  assistedWriting: '代写人数（代写人与被代写人的登记另行保存，不与任何选票关联）',
  approval: '上级批复',
  approvalRequired: '报上级党组织批准',
  forTheRecord: '报上级党组织备案',
  approvalPending: '待上级党组织批准',
  recordPending: '随本报告报送备案',
  declaredMatches: '宣布的结果与按选票重新计算的结果一致',
  declaredDiffers: '宣布的结果与按选票重新计算的结果不一致',
  corrections: '更正记录',
  contest: '选举',
  ballotNo: '票号',
  action: '处理',
  corrected: '更正',
  voided: '作废',
  reopened: (status, returned) => `重新开启本轮计票（原判${status === 'void' ? '无效' : '有效'}，收回 ${returned} 张）`,
  roll: '党员名册',
  memberStatuses: { full: '正式党员', probationary: '预备党员', 'rights-suspended': '中止党员权利' },
  memberById: (id) => `党员（编号 ${id}）`,
  rollCorrected: (who, changes) => `更正名册：${who}，${changes.join('；')}`,
  statusChange: (before, after) => `身份由${before}改为${after}`,
  nameChange: (before, after) => `姓名由${before}改为${after}`,
  nameCorrected: '姓名已更正',
  withdrew: (who) => `候选人${who}退出`,
  contestWithdrawn: '撤销本项选举（未进行投票）',
  listWithdrawn: (on) => `撤回${on}公示的候选人名单`,
  reason: '理由',
  handledBy: '经办人',
  revision: '记录编号',
  ruleset: '本次选举适用的规则',
  rulesetNames: {
    'cpc-branch': '党的基层组织选举',
    'village-committee': '村民委员会选举',
    'residents-committee': '居民委员会选举',
    'simple-majority': '一般表决',
    'party-group': '党组（支委会）票决',
    recommendation: '民主推荐（公推大会）',
  },
  people: {
    'cpc-branch': '党员',
    'village-committee': '选民',
    'residents-committee': '选民',
    'simple-majority': '人员',
    'party-group': '成员',
    recommendation: '参会人员',
  },
  rules: {
    quorum: {
      label: '会议有效',
      text: (q, r) =>
        q
          ? `有选举权的到会${ZH.people[r.name]}须${zhCompare(q)}应到会人数的${fraction(q)}，会议有效${q.approvalRef ? `（依据${q.approvalRef}）` : ''}`
          : '不设到会人数要求，以投票人数判断选举是否有效',
    },
    turnout: {
      label: '选举有效',
      text: (t) =>
        t
          ? `收回的选票须${zhCompare(t)}应到人数的${fraction(t)}，选举有效`
          : '不另设投票人数要求，以到会人数判断会议是否有效',
    },
    win: {
      label: '当选',
      text: (w, r) =>
        `${r.perName ? '每名人选获得的同意票' : '候选人获得的赞成票'}须${zhCompare(w)}${ZH_WIN_BASE[w.base]}的${fraction(w)}，始得${r.perName ? '通过' : '当选'}`,
    },
    supplementary: {
      label: '另行选举',
      text: (s, r) =>
        r.perName
          ? '逐人表决，未获通过的人选不再另行表决'
          : s.kind === 'same-threshold'
            ? '当选人数少于应选名额时，对不足的名额另行选举，当选所需票数与第一轮相同'
            : `当选人数少于应选名额时，对不足的名额另行选举，以得票多的当选，但所得票数不得少于收回选票数的${fraction(s.floor)}`,
    },
    differential: {
      label: '差额',
      text: (d) =>
        d.num === 0 && d.minExtra === 0
          ? '不要求差额，候选人数可以等于应选人数'
          : d.num === 0
            ? `差额选举的候选人数须多于应选人数，至少多 ${d.minExtra} 名`
            : `差额选举的候选人数须多于应选人数，差额不少于应选人数的${fraction(d)}，至少多 ${d.minExtra} 名`,
    },
    approval: {
      label: '报批与备案',
      // Printed only where the ruleset pins the parameter (render-report reads the keys present).
      text: (_, r) =>
        `${(approvalOffices(r) ?? []).map(zhOffice).join('、')}的选举结果报上级党组织批准，其他选举结果报上级党组织备案`,
    },
    approvedOrder: {
      label: '候选人排列',
      text: (o) =>
        o && o.offices.length > 0
          ? `选票上的候选人按姓氏笔画为序排列；${o.offices.map(zhOffice).join('、')}候选人按上级党组织批准的顺序排列`
          : '选票上的候选人按姓氏笔画为序排列',
    },
    uncontestedOffices: {
      label: '等额选举',
      text: (u) =>
        u === 'any'
          ? '各职位均可实行等额选举'
          : u.length === 0
            ? '各职位均实行差额选举'
            : `${u.map(zhOffice).join('、')}可以实行等额选举，其余职位实行差额选举`,
    },
    writeIns: {
      label: '另选他人',
      text: (w) =>
        w === 'in-place-of-against'
          ? '对候选人投不赞成票的，可以另选他人；投弃权票的，不能另选他人'
          : w === 'free'
            ? '推荐票可以另外推荐有被选举权的党员，与所推荐的人选合计不得超过规定人数'
            : '不设另选他人',
    },
    scrutineersMayBeCandidates: {
      label: '监票人',
      text: (v, r) => (v ? '候选人可以担任监票人' : `监票人从不是候选人的${ZH.people[r.name]}中推选，经大会表决通过`),
    },
    tellersMayBeCandidates: {
      label: '计票人',
      text: (v) => (v ? '候选人可以担任计票人' : '候选人不得担任计票人；计票人在监票人监督下工作'),
    },
    doubleEntry: {
      label: '计票方式',
      text: (v) =>
        v
          ? '每张选票由两名计票人分别录入，两次录入一致方予计入；不一致时由监票人核对原始选票后认定'
          : '每张选票由一名计票人录入，在监票人监督下进行',
    },
    exclusionReasons: {
      label: '不计入应到会人数',
      text: (list, r) =>
        list.length
          ? `经${r.name === 'cpc-branch' ? '上级党组织同意' : '批准'}并经会议表决通过，下列人员可不计入应到会人数：${list.map((x) => ZH_EXCLUSIONS[x] ?? x).join('；')}`
          : '不设不计入应到会人数的情形',
    },
    noticeDaysMin: {
      label: '公示',
      text: (n) => (n > 0 ? `候选人名单须公示，公示期不少于 ${n} 天` : '不要求公示候选人名单'),
    },
    jointNominationMinSupporters: {
      label: '联名推荐',
      text: (n, r) => `联名推荐候选人，须有 ${n} 名以上${ZH.people[r.name]}联名`,
    },
    recommendationPass: {
      label: '推荐票',
      text: (s) => `获得的推荐票${zhCompare(s)}参加推荐人数的${fraction(s)}的，视为推荐通过`,
    },
    vacancy: {
      label: '空缺名额',
      text: (v, r) =>
        r.perName
          ? '未获通过的人选不确定为预备人选，不另行补足'
          : v === null
            ? r.newElection
              ? '不以表决空缺名额；经两次投票仍不足应选名额的，另行组织选举'
              : '不得空缺名额，须选足应选名额'
            : `另行选举后当选人数仍不足应选名额、缺额${v.maxShortfall === 1 ? '只有 1 名' : `不超过 ${v.maxShortfall} 名`}时，${v.consent ? `经实到会有选举权人数${zhAgree(v.consent)}同意，` : ''}可以不再选举，空缺该名额`,
    },
    committeeQuorum: {
      label: '委员会会议',
      text: (q) => `委员会选举时，到会委员须${zhCompare(q)}委员人数的${fraction(q)}`,
    },
    secondStage: {
      label: '委员会选举的职位',
      text: (s) =>
        s
          ? `${s.offices.map(zhOffice).join('、')}由新当选的${zhOffice(s.committeeOffice)}召开委员会会议选举产生`
          : '各职位均由本次会议直接选举产生',
    },
    exclusionVote: {
      label: '不计入名单的表决',
      text: (s) => `不计入应到会人数的名单，须经实到会有选举权人数${zhAgree(s)}同意`,
    },
    perName: {
      label: '逐人表决',
      text: (p) =>
        p
          ? '对名单上的人选逐人表决，每人分别表示同意、不同意或者弃权；名单人数等于名额，每名人选均可通过'
          : '按应选名额选举',
    },
    polling: {
      label: '投票站和流动票箱',
      text: (p) =>
        p
          ? `可以设立投票站和流动票箱，每个投票站或者流动票箱须有${p.officersMin}名以上监票人员负责，候选人不得担任；各票箱公开计票，收回选票多于发出选票的选举无效`
          : '',
    },
    officeVotes: {
      label: '票数相加',
      text: (o) =>
        o === 'summed'
          ? '主任、副主任、委员在同一张选票上：副主任、委员第一次投票的得票数，加上该人在更高职务第一次投票中未当选时所得的赞成票'
          : '主任、副主任、委员分别计票，得票不相加',
    },
    newElection: {
      label: '再行选举',
      text: (n) =>
        n ? `经两次投票，当选人数仍不足应选名额的，在 ${n.withinMonths} 个月内再行选举` : '按以上规定另行选举',
    },
    meetingVote: {
      label: '大会表决',
      text: (s) => `选举办法和监票人名单，须经实到会有选举权人数${zhAgree(s)}同意通过`,
    },
    registration: {
      label: '选民登记',
      text: (g) =>
        g
          ? `选民名单于选举日${g.publishDaysMin}日前公布；对名单有不同意见的，自公布之日起${g.objectionDays}日内提出，选举委员会自收到之日起${g.decisionDays}日内作出处理决定${{ residents: '', households: '；每户派一名代表参加选举', 'group-representatives': `；每个居民小组推选${g.groupRepresentatives.min}至${g.groupRepresentatives.max}名代表参加选举` }[g.electorate]}`
          : '',
    },
    recommendation: {
      label: '推荐结果',
      text: (r) =>
        r
          ? `推荐票得票数须${zhCompare(r.pass)}${r.countedPapers.map((p) => ({ member: '党员', masses: '群众代表', deputy: '特邀代表' })[p]).join('、')}所投推荐票数的${fraction(r.pass)}；每张推荐票所推荐人数不得超过${r.maxNames ?? '应推荐名额'}${r.maxNames ? '名' : ''}，多推荐的为废票`
          : '',
    },
    proxies: {
      label: '委托投票',
      text: (p) =>
        p
          ? `外出选民可以书面委托${p.relativesOnly ? '本村有选举权的近亲属' : '本村其他选民'}代为投票，每一选民接受委托不得超过${p.cap}人，委托人和受委托人名单在选举日前公布`
          : '不得委托他人代为投票',
    },
  },
  fixedRules: {
    ballotValidity: {
      label: '选票有效',
      text: '每张选票所选人数等于或少于应选名额的为有效票，多于应选名额的为废票；无法辨认的单项作废，其余有效',
    },
    roundValidity: {
      label: '投票有效',
      text: '收回的选票等于或少于发出的选票，选举有效；多于发出的选票，选举无效，应重新投票',
    },
    moreThanSeats: { label: '超过名额', text: '得票达到当选票数的人多于应选名额时，以得票多的当选' },
    tie: { label: '票数相等', text: '如遇票数相等不能确定当选人时，就票数相等的人重新投票，得票多的当选' },
  },
  ruleRef: (rule) => `规则 ${rule}`,
  closing: '特此报告。',
  signatures: '签字',
  chair: '会议主持人',
  sign: '（签字）',
  seal: '（盖章）',
  verification: '核验',
  howToVerify: (rev) =>
    `持有本次会议电子记录（供核验）的单位或个人，可在监督界面的“核验”页载入该记录：显示记录末条编号为 ${rev}、校验码与下列校验码（即二维码内容）相同且核验结果为“一致”的，即证明本报告与会议全过程的记录相符、记录未被改动。`,
  chainHead: '记录末条',
  hash: '校验码',
  meetingId: '会议编号',
  startTime: '预定开始时间',
  command: null,
  qr: '二维码内容',
  print: '打印',
  otherLanguage: 'English version',
  warning: (rev, problem) => `存储的记录在第 ${rev} 号事件处核验失败（${problem}），本报告只反映此前的事件。`,
  sep: '、',
};

// ---------------------------------------------------------------- English

const enOffice = (o: string) => officeName(o, 'en');
const enShare = (s: Pick<Share, 'num' | 'den'>) => (s.num * 2 === s.den ? 'half' : `${s.num}/${s.den}`);
const enCompare = (s: Share) => (s.inclusive ? 'at least' : 'more than');
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const enDate = (iso: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : iso;
};
const ordinal = (n: number) => (n === 2 ? 'second' : n === 3 ? 'third' : `${n}th`);

const EN: Words = {
  title: 'Election result report',
  subtitle: '选举结果报告单',
  addressee: 'To: ',
  parens: [' (', ')'],
  roundElected: (round) => `Elected in the ${round.toLowerCase()}: `,
  roundNotElected: 'Not elected: ',
  addresseeCaption: '(the higher organisation)',
  stillOpen: 'The meeting was still open when this report was printed; its results may still change.',
  body: (p) => {
    const who = p.people;
    const parts: (string | Html)[] = [html`${p.organisation} held ${p.title} on ${p.date}. `];
    let attendance = `Expected ${who}: ${p.expected}; ${who} present with a vote: ${p.present}`;
    if (p.quorum) {
      const rule = `${enShare(p.quorum.share)} of those expected`;
      attendance += p.quorum.met
        ? `, ${enCompare(p.quorum.share)} ${rule}: the meeting was quorate`
        : `, not ${enCompare(p.quorum.share)} ${rule}`;
    }
    parts.push(`${attendance}. `);
    if (p.method) parts.push('The meeting adopted the election method. ');
    if (p.scrutineers.length) parts.push(`It approved ${p.scrutineers.join(', ')} as scrutineers. `);
    if (p.tellers.length) parts.push(`Tellers: ${p.tellers.join(', ')}. `);
    parts.push(
      p.contests.length
        ? `It held the ${p.contests.join(', ')}. The results are reported below.`
        : 'The meeting is reported below.',
    );
    return html`${parts}`;
  },
  day: enDate,
  days: (first, last) => `${enDate(first)} to ${enDate(last)}`,
  scheduledOtherDay: (d) => ` (scheduled for ${enDate(d)}; the date above is when it was held)`,
  timeIn: (t, z) => `${t} (${zoneLabel(z, 'en')})`,
  section: (n, t) => `${n}. ${t}`,
  subsection: (n, t) => `(${n}) ${t}`,
  attendance: 'Attendance',
  expected: 'Expected voters',
  presentNow: 'Voters present',
  presentAfterDepartures: 'Voters still in the room',
  departedVoters: 'Voters who left during the meeting',
  attendeesWithoutVote: 'Attendees without a vote',
  excluded: 'Approved exclusions from expected',
  presentNote: "Each round's voters present is the number when its ballots were issued.",
  officers: 'Scrutineers and tellers',
  scrutineers: 'Scrutineers',
  tellers: 'Tellers',
  scrutineer: 'Scrutineer',
  teller: 'Teller',
  notAppointed: 'not appointed',
  results: 'Results',
  offices: OFFICE_NAMES.en,
  contestName: (o, nth) => `${enOffice(o)} election${nth === null ? '' : ` (${ordinal(nth)})`}`,
  byCommittee: (c) => `elected by the new ${enOffice(c).toLowerCase()}s`,
  modes: { competitive: 'competitive', uncontested: 'uncontested' },
  statuses: { open: 'voting and counting', valid: 'valid, to declare', void: 'void', declared: 'declared' },
  seats: (n) => `${n} seat${n === 1 ? '' : 's'}`,
  roundLabel: (kind, nth) => {
    const base = { first: 'First round', rerun: 'Re-vote', tie: 'Re-vote', supplementary: 'Supplementary election' }[
      kind
    ];
    return nth > 1 ? `${base} (${ordinal(nth)})` : base;
  },
  roundWhy: { rerun: 'the previous round was void', tie: 'among the tied' },
  roundNumber: (n) => `ballot ${n}`,
  roundCol: 'Round',
  presentVoters: 'Voters present at issue',
  ballotsIssued: 'Ballots issued',
  ballotsReturned: 'Ballots returned',
  valid: 'Valid ballots',
  invalid: 'Invalid ballots',
  threshold: 'Votes for needed',
  thresholdPlurality: 'most votes wins (re-vote among the tied)',
  thresholdShare: (t, s, base) => `${t} (${enCompare(s)} ${enShare(s)} of ${EN_WIN_BASE[base]})`,
  thresholdFloor: (t, floor) => `most votes, and at least ${t} (${enShare(floor)} of ballots returned)`,
  candidate: 'Candidate',
  for: 'For',
  against: 'Against',
  abstain: 'Abstain',
  unreadable: 'Unreadable',
  unmarked: 'No mark',
  result: 'Result',
  elected: 'elected',
  notElected: 'not elected',
  pending: 'pending',
  writeIn: 'write-in',
  writeInsTotal: 'Write-ins in all (names only if elected)',
  notDeclared: 'The result of this round has not been declared.',
  electedVotes: 'Elected (votes)',
  notElectedVotes: 'Not elected (votes)',
  votesIn: (name, votes, round) => `${name} ${votes} (${round})`,
  none: 'none',
  vacancies: 'Seats left vacant',
  summedParts: (own, parts) => ` (this office ${own}${parts.map((p) => ` + ${p.office} ${p.votes}`).join('')})`,
  summedNote:
    "Votes summed across offices: a deputy director's or member's first-round votes add the votes the person got for each higher office's first round in which they were not elected; the parts are in brackets",
  newElection: 'New election',
  newElectionDue: (seats, months, dueBy) =>
    `after two ballots ${seats} seat${seats === 1 ? ' is' : 's are'} still empty: a new election is due within ${months} months (by ${dueBy})`,
  noWomanElected: 'No woman was elected to the committee; a villagers’ or residents’ committee must include a woman',
  assistedWriting: 'Voters who had someone write for them (kept apart, linked to no ballot)',
  stillToElect: (n) => ` (${n} still to elect)`,
  approval: 'Approval',
  approvalRequired: "Needs the higher organisation's approval",
  forTheRecord: 'Reported to the higher organisation for the record',
  approvalPending: 'pending approval',
  recordPending: 'reported with this report',
  declaredMatches: 'declared result matches the recount from the ballots',
  declaredDiffers: 'declared result differs from the recount from the ballots',
  corrections: 'Corrections',
  contest: 'Contest',
  ballotNo: 'Ballot no.',
  action: 'Action',
  corrected: 'corrected',
  voided: 'voided',
  reopened: (status, returned) => `round reopened (was ${status}, ${returned} returned)`,
  roll: 'Roll',
  memberStatuses: { full: 'full member', probationary: 'probationary member', 'rights-suspended': 'rights suspended' },
  memberById: (id) => `member ${id}`,
  rollCorrected: (who, changes) => `roll corrected: ${who}, ${changes.join('; ')}`,
  statusChange: (before, after) => `status ${before} → ${after}`,
  nameChange: (before, after) => `name ${before} → ${after}`,
  nameCorrected: 'name corrected',
  withdrew: (who) => `candidate ${who} withdrew`,
  contestWithdrawn: 'contest withdrawn (no vote was held)',
  listWithdrawn: (on) => `candidate list published on ${on} withdrawn`,
  reason: 'Reason',
  handledBy: 'By',
  revision: 'Revision',
  ruleset: 'Rules in force',
  rulesetNames: {
    'cpc-branch': 'party grass-roots election',
    'village-committee': 'village committee election',
    'residents-committee': "residents' committee election",
    'simple-majority': 'general assembly vote',
    'party-group': "party group's (or branch committee's) vote per name",
    recommendation: 'democratic recommendation (recommendation meeting)',
  },
  people: {
    'cpc-branch': 'members',
    'village-committee': 'voters',
    'residents-committee': 'voters',
    'simple-majority': 'members',
    'party-group': 'members of the body',
    recommendation: 'participants',
  },
  rules: {
    quorum: {
      label: 'Quorum',
      text: (q) =>
        q
          ? `voters present must be ${enCompare(q)} ${enShare(q)} of those expected${q.approvalRef ? ` (approved by ${q.approvalRef})` : ''}`
          : 'no attendance quorum; the turnout decides whether the election is valid',
    },
    turnout: {
      label: 'Turnout',
      text: (t) => (t ? `ballots returned must be ${enCompare(t)} ${enShare(t)} of those expected` : 'no turnout rule'),
    },
    win: {
      label: 'Winning',
      text: (w, r) =>
        `${r.perName ? 'agreeing votes for a name' : 'votes for'} must be ${enCompare(w)} ${enShare(w)} of ${EN_WIN_BASE[w.base]}`,
    },
    supplementary: {
      label: 'Supplementary election',
      text: (s, r) =>
        r.perName
          ? 'each name is voted on once; a name that fails is not voted on again'
          : s.kind === 'same-threshold'
            ? 'seats left unfilled are elected in a supplementary election with the same threshold'
            : `seats left unfilled are elected in a supplementary election by most votes, with at least ${enShare(s.floor)} of ballots returned`,
    },
    differential: {
      label: 'Differential',
      text: (d) =>
        d.num === 0 && d.minExtra === 0
          ? 'as many candidates as seats is allowed'
          : `a competitive contest needs more candidates than seats${d.num === 0 ? '' : `, at least ${enShare(d)} more`}, and at least ${d.minExtra} more`,
    },
    approval: {
      label: 'Approval and record',
      text: (_, r) =>
        `the results for ${(approvalOffices(r) ?? []).map(enOffice).join(', ')} take effect on the upper organisation's approval; every other result is reported to it for the record`,
    },
    approvedOrder: {
      label: 'Order of names',
      text: (o) =>
        o && o.offices.length > 0
          ? `candidates stand on the ballot in surname stroke order; ${o.offices.map(enOffice).join(', ')} candidates in the order the upper organisation approved`
          : 'candidates stand on the ballot in surname stroke order',
    },
    uncontestedOffices: {
      label: 'Uncontested offices',
      text: (u) =>
        u === 'any'
          ? 'any office may be uncontested'
          : u.length === 0
            ? 'every office is contested'
            : `${u.map(enOffice).join(', ')} may be uncontested; other offices are contested`,
    },
    writeIns: {
      label: 'Write-ins',
      text: (w) =>
        w === 'in-place-of-against'
          ? 'a write-in may replace a vote against, not an abstention'
          : w === 'free'
            ? 'a recommendation ballot may write in eligible members, within the most names it may carry'
            : 'none',
    },
    scrutineersMayBeCandidates: {
      label: 'Scrutineers',
      text: (v) => (v ? 'candidates may be scrutineers' : 'scrutineers are not candidates and are approved by vote'),
    },
    tellersMayBeCandidates: {
      label: 'Tellers',
      text: (v) => (v ? 'candidates may be tellers' : 'candidates may not be tellers'),
    },
    doubleEntry: {
      label: 'Counting',
      text: (v) =>
        v
          ? 'two tellers key every ballot; it counts once both agree, or a scrutineer decides'
          : 'one teller keys every ballot',
    },
    exclusionReasons: {
      label: 'Exclusions from expected',
      text: (list) => (list.length ? `allowed, with approval and a meeting vote: ${list.join(', ')}` : 'none'),
    },
    noticeDaysMin: {
      label: 'Public notice',
      text: (n) => (n > 0 ? `candidate lists are posted at least ${n} days` : 'no notice period'),
    },
    jointNominationMinSupporters: {
      label: 'Joint nomination',
      text: (n) => `at least ${n} supporters`,
    },
    recommendationPass: {
      label: 'Recommendation ballot',
      text: (s) => `passes with ${enCompare(s)} ${enShare(s)} of recommendation ballots`,
    },
    vacancy: {
      label: 'Vacancies',
      text: (v, r) =>
        r.perName
          ? 'a name that fails is not a prospective candidate; nothing is filled in its place'
          : v === null
            ? r.newElection
              ? 'no seat is left vacant by a vote; seats still empty after two ballots go to a new election'
              : 'no seat may be left vacant'
            : `up to ${v.maxShortfall} seat${v.maxShortfall === 1 ? '' : 's'} may be left vacant after a supplementary election${v.consent ? `, with the consent of ${enCompare(v.consent)} ${enShare(v.consent)} of voters present` : ''}`,
    },
    committeeQuorum: {
      label: 'Committee quorum',
      text: (q) => `members present must be ${enCompare(q)} ${enShare(q)} of the committee`,
    },
    secondStage: {
      label: 'Secretaries',
      text: (s) =>
        s
          ? `${s.offices.map(enOffice).join(', ')} are elected by the new ${enOffice(s.committeeOffice).toLowerCase()}s`
          : 'every office is elected by the meeting',
    },
    exclusionVote: {
      label: 'Exclusion vote',
      text: (s) => `passes with ${enCompare(s)} ${enShare(s)} of voters present`,
    },
    perName: {
      label: 'Vote per name',
      text: (p) =>
        p
          ? 'each name on the list is voted on by itself (agree, disagree or abstain); the list has as many names as seats and every name may pass'
          : 'seats are elected as a contest',
    },
    polling: {
      label: 'Polling stations and mobile boxes',
      text: (p) =>
        p
          ? `polling stations and mobile ballot boxes may be set up, each run by at least ${p.officersMin} officers none of whom is a candidate; every box is opened and counted in public, and an election with more papers returned than issued is void`
          : '',
    },
    officeVotes: {
      label: 'Votes summed across offices',
      text: (o) =>
        o === 'summed'
          ? "director, deputy director and members on one paper: a deputy director's or member's first-round votes add the votes a person got for each higher office's first round in which they were not elected (票数相加)"
          : 'each office is counted by itself; votes are not added across offices',
    },
    newElection: {
      label: 'New election',
      text: (n) =>
        n
          ? `seats still empty after two ballots go to a new election within ${n.withinMonths} months`
          : 'shortfalls are settled by the supplementary election above',
    },
    meetingVote: {
      label: 'Meeting votes',
      text: (s) => `method and officers pass with ${enCompare(s)} ${enShare(s)} of voters present`,
    },
    registration: {
      label: 'Voter list',
      text: (g) =>
        g
          ? `the voter list is published at least ${g.publishDaysMin} days before the election day; objections within ${g.objectionDays} days of publication, decided within ${g.decisionDays} days of receipt${{ residents: '', households: '; one representative per household', 'group-representatives': `; ${g.groupRepresentatives.min}–${g.groupRepresentatives.max} representatives per residents' group` }[g.electorate]}`
          : '',
    },
    recommendation: {
      label: 'Recommendation',
      text: (r) =>
        r
          ? `a name passes with ${enCompare(r.pass)} ${enShare(r.pass)} of the recommendation ballots cast on ${r.countedPapers.join(', ')} papers; a ballot naming more than ${r.maxNames ?? 'the seats'} is invalid`
          : '',
    },
    proxies: {
      label: 'Written proxies',
      text: (p) =>
        p
          ? `a voter away on the day may authorise ${p.relativesOnly ? 'a near relative with the vote' : 'another voter'} in writing to vote for them; one proxy holds at most ${p.cap}; the list of principals and proxies is published before election day`
          : 'no voter may authorise another to vote',
    },
  },
  fixedRules: {
    ballotValidity: {
      label: 'Valid ballot',
      text: 'a ballot electing more persons than seats is invalid; an unreadable mark voids only itself',
    },
    roundValidity: {
      label: 'Valid round',
      text: 'more ballots returned than issued voids the round, which is voted again',
    },
    moreThanSeats: {
      label: 'More than seats',
      text: 'if more reach the threshold than there are seats, most votes win',
    },
    tie: { label: 'Ties', text: 'a tie at the last seat is voted again among the tied; most votes win' },
  },
  ruleRef: (rule) => rule,
  closing: '',
  signatures: 'Signatures',
  chair: 'Chair',
  sign: '(signature)',
  seal: '(seal)',
  verification: 'Verification',
  howToVerify: (rev) =>
    `Anyone holding the meeting's electronic record can load it on the supervisor's verification page (or run the command below): if it ends at revision ${rev} with the hash below (the QR code's content) and reports MATCH, this report agrees with the whole record and the record is unaltered.`,
  chainHead: 'Chain head',
  hash: 'hash',
  meetingId: 'Meeting ID',
  startTime: 'Scheduled start',
  command: 'Command',
  qr: 'QR code content',
  print: 'Print',
  otherLanguage: '中文版',
  warning: (rev, problem) =>
    `The stored log fails verification at revision ${rev} (${problem}); this report shows only the events before it.`,
  sep: ', ',
};

export const WORDS: Record<ReportLang, Words> = { 'zh-CN': ZH, en: EN };
export type ReportWords = Words;

/** PG-02, PG-03: a vote per name passes or fails names (通过 / 未通过); it elects nobody and leaves no seat to fill. */
const PER_NAME: Record<ReportLang, Partial<Words>> = {
  'zh-CN': {
    title: '票决结果报告单',
    results: '票决结果',
    modes: { competitive: '逐人表决', uncontested: '逐人表决' },
    seats: (n) => `人选 ${n} 名`,
    contestName: (o, nth) => `${zhOffice(o)}候选人预备人选票决${nth === null ? '' : `（${chineseNumber(nth)}）`}`,
    roundElected: (round) => `${round}通过：`,
    roundNotElected: '未通过：',
    threshold: '通过所需同意票',
    for: '同意',
    against: '不同意',
    elected: '通过',
    notElected: '未通过',
    electedVotes: '通过的人选及同意票数',
    notElectedVotes: '未通过的人选及同意票数',
    stillToElect: () => '（未通过的人选不再表决）',
  },
  en: {
    title: 'Result of the vote per name',
    results: 'Result of the vote',
    modes: { competitive: 'vote per name', uncontested: 'vote per name' },
    seats: (n) => `${n} name${n === 1 ? '' : 's'}`,
    contestName: (o, nth) => `Vote on prospective ${enOffice(o)}${nth === null ? '' : ` (${ordinal(nth)})`}`,
    roundElected: (round) => `Passed in the ${round.toLowerCase()}: `,
    roundNotElected: 'Not passed: ',
    threshold: 'Agreement needed',
    for: 'Agree',
    against: 'Disagree',
    elected: 'passed',
    notElected: 'not passed',
    electedVotes: 'Passed (agreeing votes)',
    notElectedVotes: 'Not passed (agreeing votes)',
    stillToElect: () => ' (a name that failed is not voted on again)',
  },
};

/** The report's words for this meeting's ruleset: a party group's vote per name (PG-03) speaks of passing, not electing. */
export function reportWords(lang: ReportLang, ruleset: Pick<Ruleset, 'perName'> | null | undefined): Words {
  return ruleset?.perName ? { ...WORDS[lang], ...PER_NAME[lang] } : WORDS[lang];
}

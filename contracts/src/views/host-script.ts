/**
 * The host's script (主持词, issue 20): what the chair reads out, step by step in the agenda order of P-15, built from
 * the meeting view so the chair's screen and the printed script read the same sentences. Every figure is one the
 * view already carries (attendance and quorum from electorateOf/quorumStatus, a round's figures and threshold from
 * roundView); nothing is counted again here. A figure not yet known is printed as a blank line (BLANK) to fill by hand.
 */
import type { Share } from '../rules/fraction.js';
import { officeName } from './office-names.js';
import type { Vote } from '../meeting/commands.js';
import { awaitsApproval } from '../rules/approval-scope.js';
import { writeInsPossible } from '../rules/ballot.js';
import { ballotCap } from '../rules/recommendation.js';
import type { PaperCounts, RecommendationFigures } from '../rules/recommendation-figures.js';
import { PARTICIPANT_CATEGORIES, type ParticipantCategory, type RecordedCategory } from '../rules/ruleset.js';
import { votesIn } from '../meeting/state.js';
import type { WinBase } from '../rules/ruleset.js';
import type { ContestView, MeetingView, RoundView } from './meeting-view.js';

export const HOST_SCRIPT_LANGS = ['zh-CN', 'en'] as const;
export type HostScriptLang = (typeof HOST_SCRIPT_LANGS)[number];

/** A figure not known yet, to be filled in by hand. */
export const BLANK = '____';

export interface ScriptLine {
  text: string;
  /** The rule the sentence rests on (election-rules.md), or null for a plain transition. */
  rule: string | null;
  /** The sentence still holds a blank (BLANK) for a figure not known yet. */
  blank: boolean;
}
export interface ScriptPart {
  id: string;
  heading: string;
  /** The fact that completes the step is recorded. */
  done: boolean;
  lines: ScriptLine[];
}

/** What the script reads: the chair's (or supervisor's) view; `members` names a write-in who was elected. */
export type HostScriptInput = Pick<
  MeetingView,
  'ruleset' | 'attendance' | 'method' | 'officers' | 'contests' | 'closed' | 'members'
>;

type Fig = number | null | undefined;
const fig = (n: Fig) => (n === null || n === undefined ? BLANK : String(n));

const ZH_DIGITS = '〇一二三四五六七八九';
const zhNumber = (n: number) =>
  n < 10
    ? ZH_DIGITS[n]!
    : n < 100
      ? `${n < 20 ? '' : ZH_DIGITS[Math.floor(n / 10)]!}十${n % 10 ? ZH_DIGITS[n % 10]! : ''}`
      : String(n);
const zhShare = (s: Pick<Share, 'num' | 'den'>) =>
  s.num * 2 === s.den ? '半数' : `${zhNumber(s.den)}分之${zhNumber(s.num)}`;
const EN_NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const enShare = (s: Pick<Share, 'num' | 'den'>) =>
  s.num * 2 === s.den ? 'half' : `${EN_NUMBERS[s.num] ?? s.num} ${ordinalEn(s.den)}${s.num === 1 ? '' : 's'}`;
const ordinalEn = (d: number) => ({ 3: 'third', 4: 'quarter', 5: 'fifth' })[d] ?? `${d}th`;

/** Who votes, by ruleset: 党员 in a party branch, 选民 in a village, 成员 in a generic assembly. */
const ZH_PEOPLE: Record<string, string> = {
  'cpc-branch': '党员',
  'village-committee': '选民',
  'residents-committee': '选民',
  'simple-majority': '成员',
  'party-group': '成员',
  recommendation: '参会人员',
};
const EN_PEOPLE: Record<string, string> = {
  'cpc-branch': 'party members',
  'village-committee': 'voters',
  'residents-committee': 'voters',
  'simple-majority': 'members',
  'party-group': 'members of the body',
  recommendation: 'participants',
};

const line = (text: string, rule: string | null = null): ScriptLine => ({ text, rule, blank: text.includes(BLANK) });

interface Words {
  sep: string;
  /** The agenda item's number before its heading: 一、 or 1. */
  item: (n: number) => string;
  office: (o: string) => string;
  heading: Record<'roll' | 'method' | 'officers' | 'close', string>;
  contestHeading: (office: string, seats: number, perName: boolean) => string;
  roundHeading: (n: number, kind: RoundView['kind'], pending: boolean) => string;
  roll: (a: {
    people: string;
    expected: number;
    present: Fig;
    q: MeetingView['attendance']['quorum'];
    share: Share | null;
    /** P-06, P-06a: a 公推大会's participants are not all voters with the right to elect, and it recommends. */
    recommendation: boolean;
  }) => string;
  excluded: (people: string, n: number) => string;
  method: string;
  vote: (v: Vote | undefined) => string;
  methodAdopted: (adopted: boolean) => string;
  /** PG-03: a party group adopts the method of its vote (票决办法), not an election method. */
  perNameMethod: { heading: string; ask: string; adopted: (adopted: boolean) => string };
  /** A 公推大会 adopts the method of its recommendation (候选人推荐办法, seed 004), not an election method. */
  recMethod: { heading: string; ask: string; adopted: (adopted: boolean) => string; officersIntro: string };
  officersIntro: string;
  scrutineers: (names: string[] | null) => string;
  tellers: (names: string[] | null) => string;
  candidates: (a: {
    office: string;
    seats: number;
    names: string[] | null;
    uncontested: boolean;
    approvedOrder: boolean;
    perName: boolean;
  }) => string;
  box: string;
  issue: (a: { people: string; present: Fig; issued: Fig }) => string;
  marking: (writeIns: boolean, perName: boolean) => string;
  overVote: (seats: number) => string;
  returned: (a: { returned: Fig; issued: Fig; valid: boolean | null }) => string;
  counted: (valid: Fig, invalid: Fig) => string;
  tally: (names: { name: string; for: number }[], perName: boolean) => string;
  bar: (a: {
    kind: RoundView['kind'];
    people: string;
    threshold: Fig;
    base: WinBase;
    share: Share;
    perName: boolean;
    /** V-08: a supplementary round decided by plurality, with no fewer votes than this share of the ballots cast. */
    floor: Share | null;
  }) => string;
  elected: (office: string, names: string[] | null, perName: boolean) => string;
  /** V-11a: the figures read out add the higher offices' first-round votes (票数相加). */
  summed: (offices: string[]) => string;
  /** V-11b: seats still empty after the second ballot. */
  newElectionDue: (office: string, seats: number, months: number, dueBy: string) => string;
  none: string;
  /** A 公推大会's recommendation (推荐票) and trust (信任票) contests (P-09, P-09a, P-09c): never an election. */
  rec: RecWords;
  /** What is done with the result, by ruleset (P-31, V-09, P-08, P-09), then the closing sentence. */
  /** `route`: P-31, the offices elected here whose results go up for approval (批准) and those for the record (备案). */
  close: (closed: boolean, ruleset: string, route: ApprovalRoute) => { text: string; rule: string | null }[];
}

type RecKind = 'recommendation' | 'trust';
/** One name's figures as announced: the total and, per paper category that was cast, its share. */
interface RecLineText {
  name: string;
  writeIn: boolean;
  votes: PaperCounts;
  basic?: PaperCounts | undefined;
  distrust?: PaperCounts | undefined;
}
interface RecWords {
  heading: (office: string, kind: RecKind) => string;
  list: (office: string, kind: RecKind, names: string[] | null) => string;
  /** P-21, P-09d: the papers handed out, and of each category on the roll (when it has more than one). */
  issue: (a: { kind: RecKind; people: string; present: Fig; issued: Fig; byPaper: IssuedByPaper }) => string;
  /** P-09c: how a paper is marked; P-09a: the cap (recommendation papers only). */
  marking: (kind: RecKind) => string;
  cap: (n: number) => string;
  returned: (a: { kind: RecKind; returned: Fig; issued: Fig; valid: boolean | null }) => string;
  /** Ballots cast, by paper category (only the categories cast), then valid and invalid. */
  counted: (a: { kind: RecKind; f: RecommendationFigures | null; papers: ParticipantCategory[] }) => string;
  tally: (kind: RecKind, lines: RecLineText[], papers: ParticipantCategory[]) => string;
  /** P-09: recommendation papers pass a name with more than the share of the ballots cast on the counted papers. */
  bar: (a: {
    kind: RecKind;
    share: Pick<Share, 'num' | 'den' | 'inclusive'>;
    base: Fig;
    required: Fig;
    counted: readonly ParticipantCategory[] | null;
  }) => string;
  passed: (names: string[] | null) => string;
}

const ZH_PAPER: Record<ParticipantCategory, string> = { member: '党员票', masses: '群众代表票', deputy: '特邀代表票' };
const ZH_REC_PAPER: Record<RecKind, string> = { recommendation: '推荐票', trust: '信任票' };
const zhByPaper = (c: PaperCounts, papers: ParticipantCategory[], unit: string) =>
  papers.length > 1 ? `（${papers.map((p) => `${ZH_PAPER[p]}${c[p]}${unit}`).join('、')}）` : '';

const ZH_REC: RecWords = {
  heading: (office, kind) => (kind === 'trust' ? `${office}人选信任投票` : `民主推荐${office}人选`),
  list: (office, kind, names) =>
    `${kind === 'trust' ? `对以下${office}人选进行信任投票` : `本次民主推荐${office}人选`}，名单按姓氏笔画为序：${names ? names.join('、') : BLANK}。`,
  issue: ({ kind, people, present, issued, byPaper }) =>
    `本轮实到会${people}${fig(present)}名，发出${ZH_REC_PAPER[kind]}${fig(issued)}张${
      byPaper.papers.length > 1
        ? `（${byPaper.papers.map((p) => `${ZH_PAPER[p]}${fig(byPaper.counts?.[p])}张`).join('、')}）`
        : ''
    }，每人一张。`,
  marking: (kind) =>
    kind === 'trust'
      ? '对每名人选分别表示信任、基本信任或者不信任，不能另选他人。'
      : '对名单中的人选，同意推荐的予以标记，不同意推荐的不标记；也可以另行填写名单以外具有被选举权的党员，填写其他人员的，该名无效。',
  cap: (n) => `每张推荐票推荐的人数（含另行填写的）不得超过${n}名，多于${n}名的为废票；空白票为有效票。`,
  returned: ({ kind, returned, issued, valid }) =>
    valid === null
      ? `收回${ZH_REC_PAPER[kind]}${fig(returned)}张，发出${fig(issued)}张；收回的等于或少于发出的，本轮${kind === 'trust' ? '投票' : '推荐'}有效。`
      : `收回${ZH_REC_PAPER[kind]}${fig(returned)}张，${valid ? '等于或少于' : '多于'}发出的${fig(issued)}张，本轮${kind === 'trust' ? '投票' : '推荐'}${valid ? '有效' : '无效，应重新进行'}。`,
  counted: ({ kind, f, papers }) =>
    f
      ? `经计票，共${f.ballots.all}张${ZH_REC_PAPER[kind]}${zhByPaper(f.ballots, papers, '张')}，有效票${f.valid.all}张，废票${f.invalid.all}张。`
      : `经计票，共${BLANK}张${ZH_REC_PAPER[kind]}，有效票${BLANK}张，废票${BLANK}张。`,
  tally: (kind, lines, papers) =>
    `${kind === 'trust' ? '各人选信任投票结果' : '各人选得推荐票'}：${lines
      .map((l) =>
        kind === 'trust'
          ? `${l.name}信任${l.votes.all}票${zhByPaper(l.votes, papers, '票')}、基本信任${l.basic!.all}票${zhByPaper(l.basic!, papers, '票')}、不信任${l.distrust!.all}票${zhByPaper(l.distrust!, papers, '票')}`
          : `${l.name}${l.writeIn ? '（另行填写）' : ''}${l.votes.all}票${zhByPaper(l.votes, papers, '票')}`,
      )
      .join('；')}。`,
  bar: ({ kind, share, base, required, counted }) =>
    kind === 'trust'
      ? '信任投票不设通过票数，各人选的信任、基本信任、不信任票数如实公布。'
      : `人选所得推荐票${share.inclusive ? '达到' : '超过'}${counted ? counted.map((p) => ZH_PAPER[p]).join('、') : ''}所投推荐票${fig(base)}张的${zhShare(share)}，即不少于${fig(required)}票的，达到规定的推荐票数。`,
  passed: (names) => `得票达到规定推荐票数的人选：${names === null ? BLANK : names.length ? names.join('、') : '无'}。`,
};

const EN_PAPER: Record<ParticipantCategory, string> = {
  member: "members' papers",
  masses: "masses' papers",
  deputy: "deputies' papers",
};
const EN_REC_PAPER: Record<RecKind, string> = { recommendation: 'recommendation ballots', trust: 'trust ballots' };
const enByPaper = (c: PaperCounts, papers: ParticipantCategory[]) =>
  papers.length > 1 ? ` (${papers.map((p) => `${EN_PAPER[p]} ${c[p]}`).join(', ')})` : '';

const EN_REC: RecWords = {
  heading: (office, kind) =>
    kind === 'trust' ? `Trust vote on the names for ${office}` : `Recommending names for ${office}`,
  list: (office, kind, names) =>
    `${kind === 'trust' ? `The trust vote is on these names for ${office}` : `We recommend names for ${office}`}, in surname stroke order: ${names ? names.join(', ') : BLANK}.`,
  issue: ({ kind, people, present, issued, byPaper }) =>
    `${fig(present)} ${people} are present in this round; ${fig(issued)} ${EN_REC_PAPER[kind]} are issued, one each${
      byPaper.papers.length > 1
        ? ` (${byPaper.papers.map((p) => `${EN_PAPER[p]} ${fig(byPaper.counts?.[p])}`).join(', ')})`
        : ''
    }.`,
  marking: (kind) =>
    kind === 'trust'
      ? 'Rate each name: trust, basic trust or no trust; no other person may be written in.'
      : 'Mark the listed names you recommend and leave the others unmarked; you may also write in party members not listed who have the right to be elected; a write-in of anyone else is void.',
  cap: (n) =>
    `A recommendation ballot may name at most ${n} persons, write-ins included; one naming more is invalid; a blank ballot is valid.`,
  returned: ({ kind, returned, issued, valid }) =>
    valid === null
      ? `${fig(returned)} ${EN_REC_PAPER[kind]} returned of ${fig(issued)} issued; the round is valid if no more are returned than issued.`
      : `${fig(returned)} ${EN_REC_PAPER[kind]} returned, ${valid ? 'no more than' : 'more than'} the ${fig(issued)} issued: the round is ${valid ? 'valid' : 'void and is held again'}.`,
  counted: ({ kind, f, papers }) =>
    f
      ? `Counted: ${f.ballots.all} ${EN_REC_PAPER[kind]}${enByPaper(f.ballots, papers)}, ${f.valid.all} valid, ${f.invalid.all} invalid.`
      : `Counted: ${BLANK} ${EN_REC_PAPER[kind]}, ${BLANK} valid, ${BLANK} invalid.`,
  tally: (kind, lines, papers) =>
    `${kind === 'trust' ? 'Trust ratings' : 'Recommendations'}: ${lines
      .map((l) =>
        kind === 'trust'
          ? `${l.name} trust ${l.votes.all}${enByPaper(l.votes, papers)}, basic trust ${l.basic!.all}${enByPaper(l.basic!, papers)}, no trust ${l.distrust!.all}${enByPaper(l.distrust!, papers)}`
          : `${l.name}${l.writeIn ? ' (written in)' : ''} ${l.votes.all}${enByPaper(l.votes, papers)}`,
      )
      .join('; ')}.`,
  bar: ({ kind, share, base, required, counted }) =>
    kind === 'trust'
      ? 'A trust vote has no pass mark; the trust, basic trust and no trust ratings of each name are announced as they are.'
      : `A name meets the required number with recommendations from ${share.inclusive ? 'at least' : 'more than'} ${enShare(share)} of the ${fig(base)} recommendation ballots cast${counted ? ` on the ${counted.map((p) => EN_PAPER[p]).join(' and ')}` : ''}, that is at least ${fig(required)}.`,
  passed: (names) =>
    `Names that met the required number of recommendations: ${names === null ? BLANK : names.length ? names.join(', ') : 'none'}.`,
};

const ZH: Words = {
  sep: '、',
  item: (n) => `${zhNumber(n)}、`,
  office: (o) => officeName(o, 'zh-CN'),
  heading: {
    roll: '清点到会人数',
    method: '通过选举办法',
    officers: '通过监票人、确定计票人',
    close: '宣布闭会',
  },
  contestHeading: (office, seats, perName) =>
    perName ? `票决${office}候选人预备人选（${seats}名）` : `选举${office}（应选${seats}名）`,
  roundHeading: (n, kind, pending) =>
    `第${zhNumber(n)}轮${kind === 'tie' ? '（得票相等重新投票）' : kind === 'supplementary' ? '（另行选举）' : ''}${pending ? '（待进行）' : ''}`,
  roll: ({ people, expected, present, q, share, recommendation }) => {
    const head = `应到会${people}${expected}名，实到会${recommendation ? '' : '有选举权的'}${people}${fig(present)}名`;
    if (!share) return `${head}。`;
    const act = recommendation ? '推荐' : '选举';
    const cmp = share.inclusive ? '不少于' : '超过';
    const of = `应到会人数的${zhShare(share)}`;
    if (present === null || present === undefined) return `${head}，${cmp}${of}方可进行${act}。`;
    if (q.met) return `${head}，${cmp}${of}，符合规定，可以进行${act}。`;
    return `${head}，${share.inclusive ? '少于' : '未超过'}${of}（至少须${q.required}名），不能进行${act}。`;
  },
  excluded: (people, n) => `经批准不计入应到会人数的${people}${n}名。`,
  method: '下面，请大家表决《选举办法（草案）》。',
  vote: (v) =>
    v
      ? `表决结果：赞成${v.for}票，反对${v.against}票，弃权${v.abstain}票。`
      : `表决结果：赞成${BLANK}票，反对${BLANK}票，弃权${BLANK}票。`,
  methodAdopted: (adopted) => (adopted ? '《选举办法》通过。' : `《选举办法》${BLANK}。`),
  perNameMethod: {
    heading: '通过票决办法',
    ask: '下面，请大家表决《票决办法（草案）》。',
    adopted: (adopted) => (adopted ? '《票决办法》通过。' : `《票决办法》${BLANK}。`),
  },
  recMethod: {
    heading: '通过推荐办法',
    ask: '下面，请大家表决《候选人推荐办法（草案）》。',
    adopted: (adopted) => (adopted ? '《候选人推荐办法》通过。' : `《候选人推荐办法》${BLANK}。`),
    officersIntro: '下面，请大家表决监票人名单。监票人从不是推荐人选的参会人员中推选。',
  },
  officersIntro: '下面，请大家表决监票人名单。监票人从不是候选人的有选举权的人员中推选。',
  scrutineers: (names) => `监票人：${names ? names.join('、') : BLANK}。`,
  tellers: (names) => `计票人：${names ? names.join('、') : BLANK}，在监票人监督下进行工作。`,
  candidates: ({ office, seats, names, uncontested, approvedOrder, perName }) =>
    perName
      ? `本次票决${office}候选人预备人选${seats}名，逐人表决，按姓氏笔画为序：${names ? names.join('、') : BLANK}。`
      : `本次选举应选${office}${seats}名，候选人${names ? names.length : BLANK}名，实行${uncontested ? '等额' : '差额'}选举。` +
        `候选人${approvedOrder ? '按上级党组织批准的顺序' : '按姓氏笔画为序'}排列：${names ? names.join('、') : BLANK}。`,
  box: '请监票人检查票箱。',
  issue: ({ people, present, issued }) =>
    `本轮实到会有选举权的${people}${fig(present)}名，发出选票${fig(issued)}张，每人一张。`,
  marking: (writeIns, perName) =>
    perName
      ? '对每名人选分别表示同意、不同意或者弃权，不能另选他人。'
      : `对候选人可以投赞成票或者不赞成票，也可以弃权。${writeIns ? '投不赞成票的，可以另选他人；投弃权票的，不能另选他人。' : ''}`,
  overVote: (seats) => `每张选票所选的人数等于或少于应选名额（${seats}名）的为有效票，多于应选名额的为废票。`,
  returned: ({ returned, issued, valid }) =>
    valid === null
      ? `收回选票${fig(returned)}张，发出选票${fig(issued)}张；收回的选票等于或少于发出的选票，选举有效。`
      : `收回选票${fig(returned)}张，${valid ? '等于或少于' : '多于'}发出的选票${fig(issued)}张，本轮选举${valid ? '有效' : '无效，应重新进行选举'}。`,
  counted: (valid, invalid) => `经计票，有效票${fig(valid)}张，废票${fig(invalid)}张。`,
  tally: (names, perName) =>
    `${perName ? '各人选得同意票' : '各被选举人得赞成票'}：${names.map((n) => `${n.name}${n.for}票`).join('，')}。`,
  bar: ({ kind, people, threshold, base, share, perName, floor }) =>
    kind === 'tie'
      ? '就票数相等的被选举人重新投票，得票多的当选。'
      : floor
        ? `另行选举，候选人以得票多的当选，但所得票数不得少于已投选票总数的${zhShare(floor)}，即不少于${fig(threshold)}票。`
        : perName
          ? `每名人选获得的同意票超过${base === 'expectedVoters' ? `应到会${people}` : `实到会${people}`}的${zhShare(share)}，即不少于${fig(threshold)}票，始得通过；不足的不能确定为预备人选。`
          : `被选举人获得的赞成票超过${base === 'presentVoters' ? `实到会有选举权的${people}人数` : base === 'expectedVoters' ? `应到会${people}人数` : '收回选票数'}的${zhShare(share)}，即不少于${fig(threshold)}票，始得当选。`,
  elected: (office, names, perName) =>
    perName
      ? `票决通过的${office}候选人预备人选：${names === null ? BLANK : names.length ? names.join('、') : '无'}。`
      : `当选${office}的是：${names === null ? BLANK : names.length ? names.join('、') : '无'}。`,
  summed: (offices) =>
    `按票数相加的规定，以下得票数已加上本人在${offices.join('、')}第一次投票中未当选时所得的赞成票。`,
  newElectionDue: (office, seats, months, dueBy) =>
    `经两次投票，${office}仍有 ${seats} 个名额未选出。按规定，不再投票，应在 ${months} 个月内（${dueBy} 前）再行选举。`,
  none: '无',
  rec: ZH_REC,
  close: (closed, ruleset, route) => {
    const meeting = closed ? '会议结束。' : '现在宣布会议结束。';
    const assembly = closed ? '大会闭会。' : '现在宣布大会闭会。';
    switch (ruleset) {
      case 'cpc-branch':
        return [{ text: `${zhRoute(route)}${assembly}`, rule: 'P-31' }];
      case 'village-committee':
      case 'residents-committee':
        return [
          { text: '选举结果当场公布。', rule: 'V-09' },
          { text: assembly, rule: null },
        ];
      case 'party-group':
        // The party group's vote settles the prospective candidates (预备人选); the upper organisation approves them.
        return [{ text: `票决通过的预备人选报上级党组织审批。${meeting}`, rule: 'P-08' }];
      case 'recommendation':
        return [
          { text: '推荐结果当场公布。', rule: 'P-09' },
          { text: '推荐结果作为确定初步人选的依据，按换届程序进行资格审查和考察。', rule: 'P-08' },
          { text: meeting, rule: null },
        ];
      default:
        return [{ text: assembly, rule: null }];
    }
  },
};

/** An English office name for more than one person (committee members, deputy secretaries); a typed name as typed. */
const enPlural = (office: string, n: number): string =>
  n === 1 || !/^[a-z][a-z -]*$/i.test(office)
    ? office
    : /[^aeiou]y$/i.test(office)
      ? `${office.slice(0, -1)}ies`
      : `${office}s`;

const EN: Words = {
  sep: ', ',
  item: (n) => `${n}. `,
  office: (o) => officeName(o, 'en').toLowerCase(),
  heading: {
    roll: 'Counting those present',
    method: 'Adopting the election method',
    officers: 'Approving the scrutineers, designating the tellers',
    close: 'Closing the meeting',
  },
  contestHeading: (office, seats, perName) =>
    perName
      ? `Vote on the prospective ${enPlural(office, seats)} (${seats} names)`
      : `Electing ${enPlural(office, seats)} (${seats} to elect)`,
  roundHeading: (n, kind, pending) =>
    `Round ${n}${kind === 'tie' ? ' (re-vote on a tie)' : kind === 'supplementary' ? ' (supplementary election)' : ''}${pending ? ' (to come)' : ''}`,
  roll: ({ people, expected, present, q, share, recommendation }) => {
    const head = `${expected} ${people} are expected; ${fig(present)} ${people}${recommendation ? '' : ' with the right to vote'} are present`;
    if (!share) return `${head}.`;
    const act = recommendation ? 'the recommendation' : 'the election';
    const cmp = share.inclusive ? 'at least' : 'more than';
    const of = `${enShare(share)} of those expected`;
    if (present === null || present === undefined) return `${head}; ${act} may proceed only with ${cmp} ${of}.`;
    if (q.met) return `${head}, ${cmp} ${of}: the meeting is valid and ${act} may proceed.`;
    return `${head}, not ${cmp} ${of} (${q.required} are needed): ${act} may not proceed.`;
  },
  excluded: (people, n) => `${n} ${people} are, with approval, not counted among those expected.`,
  method: 'We now vote on the draft election method.',
  vote: (v) =>
    v
      ? `Result: ${v.for} for, ${v.against} against, ${v.abstain} abstaining.`
      : `Result: ${BLANK} for, ${BLANK} against, ${BLANK} abstaining.`,
  methodAdopted: (adopted) => (adopted ? 'The election method is adopted.' : `The election method is ${BLANK}.`),
  perNameMethod: {
    heading: 'Adopting the method of the vote',
    ask: 'We now vote on the draft method of the vote per name.',
    adopted: (adopted) => (adopted ? 'The method of the vote is adopted.' : `The method of the vote is ${BLANK}.`),
  },
  recMethod: {
    heading: 'Adopting the method of the recommendation',
    ask: 'We now vote on the draft method of recommending candidates.',
    adopted: (adopted) =>
      adopted ? 'The method of the recommendation is adopted.' : `The method of the recommendation is ${BLANK}.`,
    officersIntro: 'We now vote on the scrutineers, chosen among participants who are not names put forward.',
  },
  officersIntro: 'We now vote on the scrutineers, chosen among voters who are not candidates.',
  scrutineers: (names) => `Scrutineers: ${names ? names.join(', ') : BLANK}.`,
  tellers: (names) => `Tellers: ${names ? names.join(', ') : BLANK}, working under the scrutineers' supervision.`,
  candidates: ({ office, seats, names, uncontested, approvedOrder, perName }) =>
    perName
      ? `We vote on ${seats} prospective ${enPlural(office, seats)}, one name at a time, in surname stroke order: ${names ? names.join(', ') : BLANK}.`
      : `We elect ${seats} ${enPlural(office, seats)} from ${names ? names.length : BLANK} candidate${names?.length === 1 ? '' : 's'} (${uncontested ? 'uncontested' : 'contested'}). ` +
        `The candidates, ${approvedOrder ? 'in the order the higher organisation approved' : 'in surname stroke order'}: ${names ? names.join(', ') : BLANK}.`,
  box: 'The scrutineers will now inspect the ballot box.',
  issue: ({ people, present, issued }) =>
    `${fig(present)} ${people} with the right to vote are present in this round; ${fig(issued)} ballots are issued, one each.`,
  marking: (writeIns, perName) =>
    perName
      ? 'For each name you agree, disagree or abstain; no other person may be written in.'
      : `For each candidate you may vote for or against, or abstain.${writeIns ? ' Voting against, you may write in another person; abstaining, you may not.' : ''}`,
  overVote: (seats) =>
    `A ballot electing ${seats} or fewer persons is valid; a ballot electing more than ${seats} is invalid.`,
  returned: ({ returned, issued, valid }) =>
    valid === null
      ? `${fig(returned)} ballots returned of ${fig(issued)} issued; the round is valid if no more are returned than issued.`
      : `${fig(returned)} ballots returned, ${valid ? 'no more than' : 'more than'} the ${fig(issued)} issued: the round is ${valid ? 'valid' : 'void and is held again'}.`,
  counted: (valid, invalid) => `Counted: ${fig(valid)} valid ballots, ${fig(invalid)} invalid.`,
  tally: (names, perName) =>
    `${perName ? 'Agreeing votes' : 'Votes for'}: ${names.map((n) => `${n.name} ${n.for}`).join('; ')}.`,
  bar: ({ kind, people, threshold, base, share, perName, floor }) =>
    kind === 'tie'
      ? 'The tied persons are voted on again; the one with more votes is elected.'
      : floor
        ? `In the supplementary election the candidates with the most votes are elected, but with no fewer than ${enShare(floor)} of the ballots cast, that is at least ${fig(threshold)}.`
        : perName
          ? `A name passes with agreement from more than ${enShare(share)} of ${base === 'expectedVoters' ? `all the ${people} entitled to vote, present or not` : `the ${people} present`}, that is at least ${fig(threshold)}; a name short of it is not a prospective candidate.`
          : `A person is elected with votes for more than ${enShare(share)} of ${base === 'presentVoters' ? `the ${people} with the right to vote present` : base === 'expectedVoters' ? `the ${people} expected` : 'the ballots returned'}, that is at least ${fig(threshold)}.`,
  elected: (office, names, perName) =>
    perName
      ? `Passed as prospective ${enPlural(office, names?.length ?? 2)}: ${names === null ? BLANK : names.length ? names.join(', ') : 'none'}.`
      : `Elected ${enPlural(office, names?.length ?? 2)}: ${names === null ? BLANK : names.length ? names.join(', ') : 'none'}.`,
  summed: (offices) =>
    `Votes are summed across offices: the figures below add the votes each person got in the first round for ${offices.join(', ')} where they were not elected.`,
  newElectionDue: (office, seats, months, dueBy) =>
    `After two ballots ${seats} ${office} seat${seats === 1 ? ' is' : 's are'} still empty. No further ballot is held: a new election is due within ${months} months (by ${dueBy}).`,
  none: 'none',
  rec: EN_REC,
  close: (closed, ruleset, route) => {
    const end = closed ? 'The meeting is closed.' : 'I now declare the meeting closed.';
    switch (ruleset) {
      case 'cpc-branch':
        return [{ text: `${enRoute(route)} ${end}`, rule: 'P-31' }];
      case 'village-committee':
      case 'residents-committee':
        return [
          { text: 'The result is announced on the spot.', rule: 'V-09' },
          { text: end, rule: null },
        ];
      case 'party-group':
        return [
          { text: `The names passed are reported to the higher organisation for approval. ${end}`, rule: 'P-08' },
        ];
      case 'recommendation':
        return [
          { text: 'The result of the recommendation is announced on the spot.', rule: 'P-09' },
          {
            text: 'It is the basis on which the preliminary names are settled; they go on to the qualification review and the examination of the election process.',
            rule: 'P-08',
          },
          { text: end, rule: null },
        ];
      default:
        return [{ text: end, rule: null }];
    }
  },
};

const WORDS: Record<HostScriptLang, Words> = { 'zh-CN': ZH, en: EN };

/** Names by member id: the roll the chair sees, else the contest's candidates; a write-in elected is on the roll. */
function namer(view: HostScriptInput): (id: string) => string {
  const names = new Map<string, string>();
  for (const c of view.contests) for (const x of c.candidates) names.set(x.memberId, x.name);
  for (const m of view.members ?? []) names.set(m.memberId, m.name);
  return (id) => names.get(id) ?? id;
}

const ON_LIST: readonly string[] = ['candidate', 'elected', 'not-elected'];

/** P-18: the list as stored is already in the order the ballot prints (stroke order, or the approved order). */
function listedCandidates(c: ContestView): string[] | null {
  const first = c.rounds[0];
  if (first) return first.candidates;
  return c.list ? c.candidates.filter((x) => ON_LIST.includes(x.status)).map((x) => x.memberId) : null;
}

function contestPart(
  view: HostScriptInput,
  c: ContestView,
  w: Words,
  people: string,
  nameOf: (id: string) => string,
): ScriptPart {
  const r = view.ruleset.parameters;
  const perName = !!r.perName;
  const office = w.office(c.office);
  const listed = listedCandidates(c);
  const lines: ScriptLine[] = [
    line(
      w.candidates({
        office,
        seats: c.seats,
        names: listed && listed.length ? listed.map(nameOf) : null,
        uncontested: c.mode === 'uncontested',
        approvedOrder: r.approvedOrder?.offices.includes(c.office) ?? false,
        perName,
      }),
      'P-18',
    ),
  ];
  const rounds: {
    n: number;
    kind: RoundView['kind'];
    seats: number;
    candidates: string[];
    round?: RoundView;
    rule?: string;
  }[] = c.rounds.map((x) => ({ n: x.round, kind: x.kind, seats: x.seats, candidates: x.candidates, round: x }));
  if (c.pending)
    rounds.push({
      n: c.rounds.length + 1,
      kind: c.pending.kind,
      seats: c.pending.seats,
      candidates: c.pending.candidates,
      ...(c.pending.rule ? { rule: c.pending.rule } : {}),
    });
  if (rounds.length === 0) rounds.push({ n: 1, kind: 'first', seats: c.seats, candidates: listed ?? [] });
  for (const x of rounds) {
    const rv = x.round;
    lines.push(line(w.roundHeading(x.n, x.kind, !rv), x.rule ?? null));
    if (x.n > 1 && x.candidates.length)
      lines.push(
        line(
          w.candidates({
            office,
            seats: x.seats,
            names: x.candidates.map(nameOf),
            uncontested: x.candidates.length === x.seats,
            approvedOrder: r.approvedOrder?.offices.includes(c.office) ?? false,
            perName,
          }),
          x.kind === 'tie' ? 'P-26' : r.supplementary.rule,
        ),
      );
    lines.push(line(w.box, 'P-16'));
    // Before a round opens, the present figure is the contest's electorate now (the meeting's voters present, or the
    // committee's members present for a contest the committee elects: electorateOf), what the chair reads out before
    // issuing ballots; once the round has opened, its snapshot. Nobody checked in yet: a blank to fill in by hand.
    const presentNow = c.electorateFigures.presentVoters > 0 ? c.electorateFigures.presentVoters : null;
    lines.push(
      line(w.issue({ people, present: rv ? rv.presentVoters : presentNow, issued: rv?.ballotsIssued }), 'P-21'),
    );
    lines.push(
      line(
        w.marking(
          writeInsPossible({ policy: r.writeIns, kind: x.kind, candidates: x.candidates, mayBeElected: () => true }),
          perName,
        ),
        perName ? r.perName!.rule : 'P-22',
      ),
    );
    // PG-03: a ballot with as many names as seats cannot elect too many; the over-vote sentence says nothing there.
    if (!perName) lines.push(line(w.overVote(x.seats), 'P-23'));
    const closed = rv && rv.status !== 'open';
    lines.push(
      line(
        w.returned({
          returned: closed ? rv.ballotsReturned : null,
          issued: rv?.ballotsIssued,
          valid: closed ? rv.status !== 'void' : null,
        }),
        'P-21',
      ),
    );
    if (rv?.status === 'void') continue;
    lines.push(line(w.counted(closed ? rv.valid : null, closed ? rv.invalid : null), 'P-23'));
    if (closed && rv.summed && rv.status === 'declared') {
      const offices = rv.summed.from.map((f) =>
        w.office(view.contests.find((h) => h.contestId === f.contestId)?.office ?? f.contestId),
      );
      lines.push(line(w.summed(offices), 'V-11a'));
    }
    if (closed) {
      // V-11a: once declared, a summed round is read out with the sums the declaration pinned.
      const lines_ = rv.status === 'declared' && rv.summed ? rv.summed.tally : rv.tally;
      const tally = lines_.filter((t) => t.for > 0 || rv.candidates.includes(t.candidateId));
      lines.push(
        line(
          w.tally(
            tally.map((t) => ({ name: nameOf(t.candidateId), for: t.for })),
            perName,
          ),
          'P-23',
        ),
      );
    }
    const rule = x.kind === 'tie' ? 'P-26' : x.kind === 'supplementary' ? r.supplementary.rule : r.win.rule;
    lines.push(
      line(
        w.bar({
          kind: x.kind,
          people,
          threshold: rv?.threshold,
          base: r.win.base,
          share: r.win,
          perName,
          // V-08: a supplementary round by plurality with a floor; its figure is roundThreshold's (the floor).
          floor:
            x.kind === 'supplementary' && r.supplementary.kind === 'plurality-with-floor'
              ? r.supplementary.floor
              : null,
        }),
        rule,
      ),
    );
    lines.push(line(w.elected(office, rv?.status === 'declared' ? rv.elected.map(nameOf) : null, perName), rule));
  }
  if (c.newElection)
    lines.push(
      line(w.newElectionDue(office, c.newElection.seats, c.newElection.withinMonths, c.newElection.dueBy), 'V-11b'),
    );
  const done = c.status === 'complete' || c.status === 'approved' || c.status === 'new-election-due';
  return { id: `contest:${c.contestId}`, heading: w.contestHeading(office, c.seats, perName), done, lines };
}

/** The papers of a 公推大会 round by category: the categories on the roll, and how many of each are handed out. */
interface IssuedByPaper {
  papers: ParticipantCategory[];
  /** null: not known (the roll is not in the view, or the count has changed since the round's papers were issued). */
  counts: Record<ParticipantCategory, number> | null;
}

/**
 * P-21, P-09d: each participant present who votes is handed one paper of their category (党员票, 群众代表票,
 * 特邀代表票), so the papers of each category are the participants of it present. Counted from the roll as it
 * stands once the round has issued its papers, and only while they still add up to the papers it issued: before
 * that, or when someone came or left since, the figures are blanks, never a figure not issued.
 */
function issuedByPaper(view: HostScriptInput, issued: number | null | undefined): IssuedByPaper {
  const voters = (view.members ?? []).filter((m) => votesIn(view.ruleset.parameters, m));
  const category = (m: { category?: RecordedCategory | undefined }) => m.category ?? 'member';
  const papers = PARTICIPANT_CATEGORIES.filter((p) => voters.some((m) => category(m) === p));
  const counts = Object.fromEntries(
    PARTICIPANT_CATEGORIES.map((p) => [p, voters.filter((m) => m.present && category(m) === p).length]),
  ) as Record<ParticipantCategory, number>;
  const total = PARTICIPANT_CATEGORIES.reduce((n, p) => n + counts[p], 0);
  return { papers, counts: typeof issued === 'number' && total === issued ? counts : null };
}

/**
 * A 公推大会's recommendation or trust contest (P-09, P-09a, P-09c): its own ballot, the count per paper category and
 * the names that met the threshold, all from RoundView.recommendation (recommendationRoundResult); nobody is elected.
 */
function recommendationPart(
  view: HostScriptInput,
  c: ContestView,
  kind: RecKind,
  w: Words,
  people: string,
  nameOf: (id: string) => string,
): ScriptPart {
  const r = view.ruleset.parameters;
  const rw = w.rec;
  const office = w.office(c.office);
  const listed = listedCandidates(c);
  const lines: ScriptLine[] = [
    line(rw.list(office, kind, listed && listed.length ? listed.map(nameOf) : null), 'P-18'),
  ];
  const rounds: { n: number; kind: RoundView['kind']; seats: number; candidates: string[]; round?: RoundView }[] =
    c.rounds.map((x) => ({ n: x.round, kind: x.kind, seats: x.seats, candidates: x.candidates, round: x }));
  if (c.pending)
    rounds.push({
      n: c.rounds.length + 1,
      kind: c.pending.kind,
      seats: ballotCap(kind, r.recommendation, c.seats, c.pending.seats, c.pending.candidates),
      candidates: c.pending.candidates,
    });
  if (rounds.length === 0)
    rounds.push({
      n: 1,
      kind: 'first',
      seats: ballotCap(kind, r.recommendation, c.seats, c.seats, listed ?? []),
      candidates: listed ?? [],
    });
  const presentNow = c.electorateFigures.presentVoters > 0 ? c.electorateFigures.presentVoters : null;
  // P-09b: name the counted papers only when some category's papers do not count.
  const countedOf = (cats: readonly ParticipantCategory[]) =>
    cats.length < PARTICIPANT_CATEGORIES.length ? cats : null;
  for (const x of rounds) {
    const rv = x.round;
    const f = rv?.recommendation ?? null;
    lines.push(line(w.roundHeading(x.n, x.kind, !rv), null));
    lines.push(line(w.box, 'P-16'));
    lines.push(
      line(
        rw.issue({
          kind,
          people,
          present: rv ? rv.presentVoters : presentNow,
          issued: rv?.ballotsIssued,
          byPaper: issuedByPaper(view, rv?.ballotsIssued),
        }),
        'P-21',
      ),
    );
    lines.push(line(rw.marking(kind), 'P-09c'));
    // P-09a: the cap of an opened round is its RoundOpened.seats (the figures carry it); before, ballotCap's.
    if (kind === 'recommendation') lines.push(line(rw.cap(f ? f.maxNames : x.seats), 'P-09a'));
    const closed = rv && rv.status !== 'open';
    lines.push(
      line(
        rw.returned({
          kind,
          returned: closed ? rv.ballotsReturned : null,
          issued: rv?.ballotsIssued,
          valid: closed ? rv.status !== 'void' : null,
        }),
        'P-21',
      ),
    );
    if (rv?.status === 'void') continue;
    // The papers announced: the categories cast in this round.
    const papers = f ? PARTICIPANT_CATEGORIES.filter((p) => f.ballots[p] > 0) : [];
    lines.push(line(rw.counted({ kind, f: closed ? f : null, papers }), 'P-09'));
    if (closed && f)
      lines.push(
        line(
          rw.tally(
            kind,
            f.lines.map((l) => ({
              name: nameOf(l.candidateId),
              writeIn: l.writeIn,
              votes: l.votes,
              basic: l.basic,
              distrust: l.distrust,
            })),
            papers,
          ),
          'P-09',
        ),
      );
    const rules = r.recommendation;
    lines.push(
      line(
        rw.bar({
          kind,
          share: f ? f.pass : (rules?.pass ?? r.recommendationPass),
          base: closed && f ? f.base : null,
          required: closed && f ? f.required : null,
          counted: countedOf(f ? f.countedPapers : (rules?.countedPapers ?? PARTICIPANT_CATEGORIES)),
        }),
        f ? f.rule : (rules?.pass.rule ?? 'P-09'),
      ),
    );
    if (kind === 'recommendation')
      lines.push(
        line(
          rw.passed(
            rv?.status === 'declared' && f
              ? f.lines.filter((l) => l.passed === true).map((l) => nameOf(l.candidateId))
              : null,
          ),
          f ? f.rule : 'P-09',
        ),
      );
  }
  const done = c.status === 'complete' || c.status === 'approved';
  return { id: `contest:${c.contestId}`, heading: rw.heading(office, kind), done, lines };
}

/** P-31: the offices this meeting elects, split by what the upper organisation does with their results. */
export interface ApprovalRoute {
  approve: string[];
  file: string[];
}

function approvalRoute(view: HostScriptInput, w: Words): ApprovalRoute {
  const elections = view.contests.filter((c) => c.status !== 'withdrawn' && c.ballot === 'election');
  const offices = (approve: boolean) => [
    ...new Set(
      elections
        .filter((c) => awaitsApproval(view.ruleset.parameters, c.office) === approve)
        .map((c) => w.office(c.office)),
    ),
  ];
  return { approve: offices(true), file: offices(false) };
}

/** 书记、副书记 take office on approval (批准); the 委员 elected beside them are reported for the record (备案). */
function zhRoute({ approve, file }: ApprovalRoute): string {
  if (approve.length > 0 && file.length > 0)
    return `${approve.join('、')}的选举结果报上级党组织批准，${file.join('、')}的选举结果报上级党组织备案。`;
  if (file.length > 0) return '选举结果报上级党组织备案。';
  if (approve.length > 0) return '选举结果报上级党组织批准。';
  return '选举结果报上级党组织审批。';
}

function enRoute({ approve, file }: ApprovalRoute): string {
  if (approve.length > 0 && file.length > 0)
    return `The result for ${approve.join(', ')} is reported to the higher organisation for approval; the result for ${file.join(', ')} is reported for the record.`;
  if (file.length > 0) return 'The result is reported to the higher organisation for the record.';
  return 'The result is reported to the higher organisation for approval.';
}

/** The script, part by part in the agenda order of P-15, with every figure the view knows filled in. */
export function hostScript(view: HostScriptInput, lang: HostScriptLang): ScriptPart[] {
  const w = WORDS[lang];
  const r = view.ruleset.parameters;
  const people = (lang === 'en' ? EN_PEOPLE : ZH_PEOPLE)[r.name] ?? '';
  const a = view.attendance;
  const nameOf = namer(view);
  // Before anyone checked in, the present figure is left to fill in by hand.
  const present = a.presentVoters > 0 ? a.presentVoters : null;
  const roll: ScriptLine[] = [];
  if (a.excluded > 0) roll.push(line(w.excluded(people, a.excluded), 'P-04'));
  roll.push(
    line(
      w.roll({
        people,
        expected: a.expected,
        present,
        q: a.quorum,
        share: r.quorum,
        recommendation: r.name === 'recommendation',
      }),
      a.quorum.rule,
    ),
  );
  const o = view.officers;
  const m = r.perName
    ? w.perNameMethod
    : r.name === 'recommendation'
      ? w.recMethod
      : { heading: w.heading.method, ask: w.method, adopted: w.methodAdopted };
  const parts: ScriptPart[] = [
    { id: 'roll', heading: w.heading.roll, done: present !== null && a.quorum.met, lines: roll },
    {
      id: 'method',
      heading: m.heading,
      done: view.method.adopted,
      lines: [
        line(m.ask, 'P-15'),
        line(w.vote(view.method.vote), 'P-15'),
        line(m.adopted(view.method.adopted), 'P-15'),
      ],
    },
    {
      id: 'officers',
      heading: w.heading.officers,
      done: o !== null,
      lines: [
        line(r.name === 'recommendation' ? w.recMethod.officersIntro : w.officersIntro, 'P-16'),
        line(w.vote(o?.vote), 'P-16'),
        line(w.scrutineers(o?.scrutineers ? o.scrutineers.map((s) => s.name) : null), 'P-16'),
        line(w.tellers(o?.tellers ? o.tellers.map((t) => t.name) : null), 'P-17'),
      ],
    },
    ...view.contests
      .filter((c) => c.status !== 'withdrawn')
      .map((c) =>
        c.ballot === 'recommendation' || c.ballot === 'trust'
          ? recommendationPart(view, c, c.ballot, w, people, nameOf)
          : contestPart(view, c, w, people, nameOf),
      ),
    {
      id: 'close',
      heading: w.heading.close,
      done: view.closed,
      lines: w.close(view.closed, r.name, approvalRoute(view, w)).map((l) => line(l.text, l.rule)),
    },
  ];
  return parts.map((p, i) => ({ ...p, heading: `${w.item(i + 1)}${p.heading}` }));
}

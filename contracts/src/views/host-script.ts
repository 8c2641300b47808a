/**
 * The host's script (主持词, issue 20): what the chair reads out, step by step in the agenda order of P-15, built from
 * the meeting view so the chair's screen and the printed script read the same sentences. Every figure is one the
 * view already carries (attendance and quorum from electorateOf/quorumStatus, a round's figures and threshold from
 * roundView); nothing is counted again here. A figure not yet known is printed as a blank line (BLANK) to fill by hand.
 */
import type { Share } from '../rules/fraction.js';
import { officeName } from './office-names.js';
import type { Vote } from '../meeting/commands.js';
import { writeInsPossible } from '../rules/ballot.js';
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
  'simple-majority': '成员',
  'party-group': '成员',
  recommendation: '参会人员',
};
const EN_PEOPLE: Record<string, string> = {
  'cpc-branch': 'party members',
  'village-committee': 'voters',
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
  }) => string;
  excluded: (people: string, n: number) => string;
  method: string;
  vote: (v: Vote | undefined) => string;
  methodAdopted: (adopted: boolean) => string;
  /** PG-03: a party group adopts the method of its vote (票决办法), not an election method. */
  perNameMethod: { heading: string; ask: string; adopted: (adopted: boolean) => string };
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
  none: string;
  /** What is done with the result, by ruleset (P-31, V-09, P-08, P-09), then the closing sentence. */
  close: (closed: boolean, ruleset: string) => { text: string; rule: string | null }[];
}

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
  roll: ({ people, expected, present, q, share }) => {
    const head = `应到会${people}${expected}名，实到会有选举权的${people}${fig(present)}名`;
    if (!share) return `${head}。`;
    const cmp = share.inclusive ? '不少于' : '超过';
    const of = `应到会人数的${zhShare(share)}`;
    if (present === null || present === undefined) return `${head}，${cmp}${of}方可进行选举。`;
    if (q.met) return `${head}，${cmp}${of}，符合规定，可以进行选举。`;
    return `${head}，${share.inclusive ? '少于' : '未超过'}${of}（至少须${q.required}名），不能进行选举。`;
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
  none: '无',
  close: (closed, ruleset) => {
    const meeting = closed ? '会议结束。' : '现在宣布会议结束。';
    const assembly = closed ? '大会闭会。' : '现在宣布大会闭会。';
    switch (ruleset) {
      case 'cpc-branch':
        return [{ text: `选举结果报上级党组织审批。${assembly}`, rule: 'P-31' }];
      case 'village-committee':
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
    perName ? `Vote on the prospective ${office} (${seats} names)` : `Electing ${office} (${seats} to elect)`,
  roundHeading: (n, kind, pending) =>
    `Round ${n}${kind === 'tie' ? ' (re-vote on a tie)' : kind === 'supplementary' ? ' (supplementary election)' : ''}${pending ? ' (to come)' : ''}`,
  roll: ({ people, expected, present, q, share }) => {
    const head = `${expected} ${people} are expected; ${fig(present)} ${people} with the right to vote are present`;
    if (!share) return `${head}.`;
    const cmp = share.inclusive ? 'at least' : 'more than';
    const of = `${enShare(share)} of those expected`;
    if (present === null || present === undefined) return `${head}; the election may proceed only with ${cmp} ${of}.`;
    if (q.met) return `${head}, ${cmp} ${of}: the meeting is valid and the election may proceed.`;
    return `${head}, not ${cmp} ${of} (${q.required} are needed): the election may not proceed.`;
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
  officersIntro: 'We now vote on the scrutineers, chosen among voters who are not candidates.',
  scrutineers: (names) => `Scrutineers: ${names ? names.join(', ') : BLANK}.`,
  tellers: (names) => `Tellers: ${names ? names.join(', ') : BLANK}, working under the scrutineers' supervision.`,
  candidates: ({ office, seats, names, uncontested, approvedOrder, perName }) =>
    perName
      ? `We vote on ${seats} prospective ${office}, one name at a time, in surname stroke order: ${names ? names.join(', ') : BLANK}.`
      : `We elect ${seats} ${office} from ${names ? names.length : BLANK} candidates (${uncontested ? 'uncontested' : 'contested'}). ` +
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
      ? `Passed as prospective ${office}: ${names === null ? BLANK : names.length ? names.join(', ') : 'none'}.`
      : `Elected ${office}: ${names === null ? BLANK : names.length ? names.join(', ') : 'none'}.`,
  none: 'none',
  close: (closed, ruleset) => {
    const end = closed ? 'The meeting is closed.' : 'I now declare the meeting closed.';
    switch (ruleset) {
      case 'cpc-branch':
        return [{ text: `The result is reported to the higher organisation for approval. ${end}`, rule: 'P-31' }];
      case 'village-committee':
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
  const first = c.rounds[0];
  // P-18: the list as stored is already in the order the ballot prints (stroke order, or the approved order).
  const listed = first
    ? first.candidates
    : c.list
      ? c.candidates.filter((x) => ON_LIST.includes(x.status)).map((x) => x.memberId)
      : null;
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
    if (closed) {
      const tally = rv.tally.filter((t) => t.for > 0 || rv.candidates.includes(t.candidateId));
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
  const done = c.status === 'complete' || c.status === 'approved';
  return { id: `contest:${c.contestId}`, heading: w.contestHeading(office, c.seats, perName), done, lines };
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
  roll.push(line(w.roll({ people, expected: a.expected, present, q: a.quorum, share: r.quorum }), a.quorum.rule));
  const o = view.officers;
  const parts: ScriptPart[] = [
    { id: 'roll', heading: w.heading.roll, done: present !== null && a.quorum.met, lines: roll },
    {
      id: 'method',
      heading: r.perName ? w.perNameMethod.heading : w.heading.method,
      done: view.method.adopted,
      lines: [
        line(r.perName ? w.perNameMethod.ask : w.method, 'P-15'),
        line(w.vote(view.method.vote), 'P-15'),
        line(r.perName ? w.perNameMethod.adopted(view.method.adopted) : w.methodAdopted(view.method.adopted), 'P-15'),
      ],
    },
    {
      id: 'officers',
      heading: w.heading.officers,
      done: o !== null,
      lines: [
        line(w.officersIntro, 'P-16'),
        line(w.vote(o?.vote), 'P-16'),
        line(w.scrutineers(o?.scrutineers ? o.scrutineers.map((s) => s.name) : null), 'P-16'),
        line(w.tellers(o?.tellers ? o.tellers.map((t) => t.name) : null), 'P-17'),
      ],
    },
    ...view.contests.filter((c) => c.status !== 'withdrawn').map((c) => contestPart(view, c, w, people, nameOf)),
    {
      id: 'close',
      heading: w.heading.close,
      done: view.closed,
      lines: w.close(view.closed, r.name).map((l) => line(l.text, l.rule)),
    },
  ];
  return parts.map((p, i) => ({ ...p, heading: `${w.item(i + 1)}${p.heading}` }));
}

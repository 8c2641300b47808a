/**
 * The reports to the upper organisation that come before the count (issue 20 point 6), Chinese only, Word only:
 * the 请示 for holding the election (关于召开党员大会进行换届选举的请示) and the report of the prospective candidates
 * (关于委员会委员候选人预备人选的报告). Each is filled from the meeting's state: the roll's figures (contracts'
 * expectedOf), each contest's office, seats and mode, and the candidates in the order the contracts give (the
 * published list, else the qualified nominees in ballot order, P-18). What Tallyroom does not hold (the term, the
 * upper organisation's name) is a line to write in, as the 主送 line of the result report is.
 */
import {
  sendsPartyReports,
  ballotOrderFor,
  expectedOf,
  localDate,
  refuse,
  scheduleOf,
  summarizeContests,
  type MeetingState,
} from '@tallyroom/contracts';
import { contestNames } from '../report/render-report.js';
import { chineseNumber, WORDS } from '../report/report-text.js';
import type { FileChild } from 'docx';
import type { DocumentInput } from './document-input.js';
import { addressee, figures, heading, issuer, loadDocx, packDocument, para, table, title } from './docx-common.js';

const w = WORDS['zh-CN'];
const BLANK = '\u3000'.repeat(8);
const PEOPLE = (s: MeetingState) => w.people[s.ruleset!.name] || '党员';

function rollFigures(s: MeetingState) {
  // PG-04: the persons a party group votes on are on its roll but are no members of it.
  const members = [...s.members.values()].filter((m) => m.category !== 'candidate');
  const count = (status: string) => members.filter((m) => m.status === status).length;
  return {
    total: members.length,
    full: count('full'),
    suspended: count('rights-suspended'),
    probationary: count('probationary'),
    expected: expectedOf(s),
  };
}

/** The candidates of a contest as they stand: the published list, else the qualified nominees in ballot order. */
function candidatesOf(s: MeetingState, contestId: string): string[] {
  const c = s.contests.get(contestId)!;
  if (c.list) return c.list.candidateIds;
  const qualified = [...c.nominees.values()].filter((n) => n.review?.qualified).map((n) => n.memberId);
  return ballotOrderFor(s, c.office, qualified);
}

const standing = (s: MeetingState) => summarizeContests(s).filter((c) => !c.withdrawal);

/** The day the paper is dated: today on the meeting's clock. */
const today = (s: MeetingState) => localDate(new Date().toISOString(), s.timeZone);

/** Both reports are a party branch's to its upper party organisation (BZ2020 §14): other rulesets have no such paper. */
export function partyReportsOnly({ state: s }: Pick<DocumentInput, 'state'>): void {
  if (!sendsPartyReports(s.ruleset))
    throw refuse.invalid(
      'kind',
      'DOCUMENT_NOT_FOR_RULESET',
      `this report goes from a party branch to its upper party organisation; a ${s.ruleset?.name ?? 'unscheduled'} meeting has none`,
      { ruleset: s.ruleset?.name ?? '' },
    );
}

/**
 * P-09: a 公推大会 (ruleset recommendation) elects nobody, so it has no 选举结果报告单: its recommendation result
 * (推荐票 by category, 信任票, who met the threshold) is in its minutes, and the 换届's process stream cites it.
 */
export function electionResultsOnly({ state: s }: Pick<DocumentInput, 'state'>): void {
  if (s.ruleset?.recommendation)
    throw refuse.invalid(
      'kind',
      'DOCUMENT_NOT_FOR_RULESET',
      'a recommendation meeting elects nobody: it has no election result report; its recommendation result is in the minutes',
      { ruleset: s.ruleset.name },
    );
}

export async function renderElectionRequestDocx({ state: s }: DocumentInput): Promise<Uint8Array> {
  await loadDocx();
  const r = rollFigures(s);
  const schedule = scheduleOf(s.scheduledFor, s.timeZone);
  const contests = standing(s);
  const names = contestNames(summarizeContests(s), w);
  const people = PEOPLE(s);
  const docTitle = '关于召开党员大会进行换届选举的请示';
  return packDocument(docTitle, [
    title(docTitle),
    addressee(w.addressee),
    para(
      `${s.organisation}${BLANK}届委员会任期将于${BLANK}届满。根据《中国共产党基层组织选举工作条例》有关规定，经研究，拟于${w.day(schedule.date)}召开${s.title}，进行换届选举。现将有关事项请示如下：`,
    ),
    heading(`一、${people}基本情况`),
    para(
      // 中止党员权利 members are full members without a vote (P-01, P-03): counted among them, and said apart.
      `现有${people} ${r.total} 名，其中正式${people} ${r.full + r.suspended} 名${r.suspended ? `（含被中止党员权利的 ${r.suspended} 名）` : ''}、预备${people} ${r.probationary} 名；应到会有选举权的${people} ${r.expected} 名。`,
    ),
    heading('二、选举的职位和名额'),
    contests.length
      ? table([
          ['职位', '应选名额', '选举方式', '候选人数'],
          ...contests.map((c) => [
            names.get(c.contestId) ?? c.contestId,
            c.seats,
            w.modes[c.mode] ?? c.mode,
            candidatesOf(s, c.contestId).length || null,
          ]),
        ])
      : para('（尚未设立选举职位）'),
    heading('三、选举办法'),
    para(
      `采用无记名投票方式。${w.rules.quorum.text(s.ruleset!.quorum, s.ruleset!)}；${w.rules.win.text(s.ruleset!.win, s.ruleset!)}。`,
    ),
    para('妥否，请批示。'),
    ...issuer(`${s.organisation}${w.seal}`, w.day(today(s))),
  ]);
}

export async function renderCandidatesReportDocx({ state: s }: DocumentInput): Promise<Uint8Array> {
  await loadDocx();
  const contests = standing(s);
  const names = contestNames(summarizeContests(s), w);
  const nameOf = (id: string) => s.members.get(id)?.name ?? id;
  const docTitle = `关于${s.organisation}委员会候选人预备人选的报告`;
  const out: FileChild[] = [
    title(docTitle),
    addressee(w.addressee),
    para(
      `根据《中国共产党基层组织选举工作条例》有关规定，${s.organisation}经${PEOPLE(s)}推荐、组织考察，提出下一届委员会候选人预备人选。现将有关情况报告如下：`,
    ),
  ];
  contests.forEach((c, i) => {
    const ids = candidatesOf(s, c.contestId);
    out.push(
      heading(`${chineseNumber(i + 1)}、${names.get(c.contestId) ?? c.contestId}`),
      para(
        `应选 ${c.seats} 名，${w.modes[c.mode] ?? c.mode}，候选人预备人选 ${ids.length} 名（${s.ruleset!.approvedOrder?.offices.includes(c.office) ? '按上级党组织批准的顺序' : '按姓氏笔画为序'}）：${ids.map(nameOf).join(w.sep) || w.none}。`,
      ),
    );
    if (ids.length) out.push(figures(ids.map((id, k): [string, string] => [String(k + 1), nameOf(id)])));
  });
  out.push(para('妥否，请批复。'), ...issuer(`${s.organisation}${w.seal}`, w.day(today(s))));
  return packDocument(docTitle, out);
}

/**
 * The report's words in its two languages. zh-CN is what is filed with the
 * higher organisation; English (?lang=en) is for readers who need it. Every
 * label lives here so the two versions cannot drift apart in structure.
 */
export const REPORT_LANGS = ['zh-CN', 'en'] as const;
export type ReportLang = (typeof REPORT_LANGS)[number];

export const reportLang = (q: unknown): ReportLang => (q === 'en' ? 'en' : 'zh-CN');

interface Words {
  title: string;
  subtitle: string;
  meeting: string;
  organisation: string;
  date: string;
  startTime: string;
  meetingId: string;
  stillOpen: string;
  attendance: string;
  expected: string;
  presentNow: string;
  attendeesWithoutVote: string;
  excluded: string;
  presentNote: string;
  officers: string;
  scrutineers: string;
  tellers: string;
  notAppointed: string;
  offices: Record<string, string>;
  modes: Record<string, string>;
  kinds: Record<string, string>;
  statuses: Record<string, string>;
  seats: string;
  round: (n: number) => string;
  roundCol: string;
  presentVoters: string;
  ballotsIssued: string;
  ballotsReturned: string;
  valid: string;
  invalid: string;
  threshold: string;
  thresholdPlurality: string;
  thresholdShare: (threshold: number, strict: boolean, base: string, num: number, den: number, rule: string) => string;
  thresholdFloor: (threshold: number, rule: string) => string;
  bases: Record<string, string>;
  candidate: string;
  for: string;
  against: string;
  abstain: string;
  result: string;
  elected: string;
  notElected: string;
  pending: string;
  writeIn: string;
  writeInsTotal: string;
  notDeclared: string;
  electedVotes: string;
  notElectedVotes: string;
  none: string;
  vacancies: string;
  stillToElect: (n: number) => string;
  approval: string;
  approvalRequired: string;
  forTheRecord: string;
  approvalPending: string;
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
  scrutineer: string;
  revision: string;
  ruleset: string;
  params: Record<string, string>;
  yes: string;
  no: string;
  signatures: string;
  chair: string;
  verification: string;
  chainHead: string;
  hash: string;
  checkWith: (meetingId: string) => string;
  qr: string;
  otherLanguage: string;
  warning: (revision: number, problem: string) => string;
  sep: string;
}

const ZH: Words = {
  title: '选举结果报告单',
  subtitle: '',
  meeting: '会议',
  organisation: '组织',
  date: '日期',
  startTime: '开始时间',
  meetingId: '会议编号',
  stillOpen: '（会议进行中）',
  attendance: '到会情况',
  expected: '应到会人数',
  presentNow: '实到会有选举权人数',
  attendeesWithoutVote: '列席人数',
  excluded: '经批准不计入应到会人数',
  presentNote: '各轮次的实到会有选举权人数为发出选票时的人数（P-24）。',
  officers: '监票人、计票人',
  scrutineers: '监票人',
  tellers: '计票人',
  notAppointed: '未任命',
  offices: {
    'committee-member': '委员',
    member: '委员',
    secretary: '书记',
    'deputy-secretary': '副书记',
    director: '主任',
    'deputy-director': '副主任',
  },
  modes: { competitive: '差额选举', uncontested: '等额选举' },
  kinds: { first: '正式选举', tie: '重新投票', supplementary: '另行选举' },
  statuses: { open: '投票计票中', valid: '有效，待宣布', void: '无效', declared: '已宣布' },
  seats: '应选',
  round: (n) => `第 ${n} 轮`,
  roundCol: '轮次',
  presentVoters: '实到会有选举权人数',
  ballotsIssued: '发出选票',
  ballotsReturned: '收回选票',
  valid: '有效票',
  invalid: '无效票',
  threshold: '当选所需票数',
  thresholdPlurality: '得票多者当选（P-26）',
  thresholdShare: (t, strict, base, num, den, rule) =>
    `不少于 ${t} 票（赞成票${strict ? '超过' : '达到'}${base}的 ${num}/${den}，${rule}）`,
  thresholdFloor: (t, rule) => `得票多者当选，且不少于 ${t} 票（${rule}）`,
  bases: { presentVoters: '实到会有选举权人数', ballotsReturned: '收回选票数' },
  candidate: '候选人',
  for: '赞成',
  against: '不赞成',
  abstain: '弃权',
  result: '结果',
  elected: '当选',
  notElected: '未当选',
  pending: '待宣布',
  writeIn: '另选他人',
  writeInsTotal: '另选他人（合计，未当选者不列姓名）',
  notDeclared: '本轮结果尚未宣布。',
  electedVotes: '当选人及得票数',
  notElectedVotes: '未当选人及得票数',
  none: '无',
  vacancies: '空缺名额',
  stillToElect: (n) => `（尚有 ${n} 名待选出）`,
  approval: '上级批复',
  approvalRequired: '报上级党组织批准（P-31）',
  forTheRecord: '报上级党组织备案（P-31）',
  approvalPending: '待批复',
  declaredMatches: '宣布结果与计票复核一致',
  declaredDiffers: '宣布结果与计票复核不一致',
  corrections: '更正记录',
  contest: '选举',
  ballotNo: '票号',
  action: '处理',
  corrected: '更正',
  voided: '作废',
  reopened: (status, returned) => `重新开启本轮（原${status === 'void' ? '无效' : '有效'}，收回 ${returned} 张）`,
  roll: '党员名册',
  memberStatuses: { full: '正式党员', probationary: '预备党员', 'rights-suspended': '权利中止' },
  memberById: (id) => `党员（编号 ${id}）`,
  rollCorrected: (who, changes) => `更正名册：${who}，${changes.join('；')}`,
  statusChange: (before, after) => `身份由${before}改为${after}`,
  nameChange: (before, after) => `姓名由${before}改为${after}`,
  nameCorrected: '姓名已更正',
  withdrew: (who) => `候选人${who}退出`,
  contestWithdrawn: '撤销本项选举（未进行投票）',
  listWithdrawn: (on) => `撤回${on}公示的候选人名单`,
  reason: '理由',
  scrutineer: '监票人',
  revision: '事件序号',
  ruleset: '适用规则及参数',
  params: {
    quorum: '法定人数',
    turnout: '投票率',
    win: '当选票数',
    supplementary: '另行选举',
    differential: '差额比例',
    uncontestedOffices: '可等额选举的职位',
    writeIns: '另选他人',
    scrutineersMayBeCandidates: '监票人可为候选人',
    tellersMayBeCandidates: '计票人可为候选人',
    doubleEntry: '双人录入选票',
    exclusionReasons: '不计入应到会人数的事由',
    noticeDaysMin: '公示最少天数',
    jointNominationMinSupporters: '联名推荐最少人数',
    recommendationPass: '推荐票通过比例',
    vacancy: '缺额处理',
    committeeQuorum: '委员会会议法定人数',
    exclusionVote: '不计入应到会人数的表决',
    meetingVote: '会议表决',
    secondStage: '由新委员会选举的职位（P-29）',
  },
  yes: '是',
  no: '否',
  signatures: '签字',
  chair: '会议主持人',
  verification: '核验',
  chainHead: '日志链头',
  hash: '哈希',
  checkWith: (id) => `持有导出日志（GET /api/meetings/${id}/events）者可用以下命令核验本报告：`,
  qr: '二维码内容',
  otherLanguage: 'English version',
  warning: (rev, problem) => `存储的日志在第 ${rev} 号事件处核验失败（${problem}），本报告只反映此前的事件。`,
  sep: '、',
};

const EN: Words = {
  title: 'Election result report',
  subtitle: '选举结果报告单',
  meeting: 'Meeting',
  organisation: 'Organisation',
  date: 'Date',
  startTime: 'Start time',
  meetingId: 'Meeting ID',
  stillOpen: ' (meeting still open)',
  attendance: 'Attendance',
  expected: 'Expected voters',
  presentNow: 'Voters present',
  attendeesWithoutVote: 'Attendees without a vote',
  excluded: 'Approved exclusions from expected',
  presentNote: "Each round's voters present is the number when its ballots were issued (P-24).",
  officers: 'Scrutineers and tellers',
  scrutineers: 'Scrutineers',
  tellers: 'Tellers',
  notAppointed: 'not appointed',
  offices: {
    'committee-member': 'Committee member',
    member: 'Member',
    secretary: 'Secretary',
    'deputy-secretary': 'Deputy secretary',
    director: 'Director',
    'deputy-director': 'Deputy director',
  },
  modes: { competitive: 'competitive', uncontested: 'uncontested' },
  kinds: { first: 'election', tie: 'tie re-vote', supplementary: 'supplementary election' },
  statuses: { open: 'voting and counting', valid: 'valid, to declare', void: 'void', declared: 'declared' },
  seats: 'seats',
  round: (n) => `Round ${n}`,
  roundCol: 'Round',
  presentVoters: 'Voters present at issue',
  ballotsIssued: 'Ballots issued',
  ballotsReturned: 'Ballots returned',
  valid: 'Valid ballots',
  invalid: 'Invalid ballots',
  threshold: 'Votes needed',
  thresholdPlurality: 'most votes wins (P-26)',
  thresholdShare: (t, strict, base, num, den, rule) =>
    `at least ${t} (votes for ${strict ? 'more than' : 'at least'} ${num}/${den} of ${base}, ${rule})`,
  thresholdFloor: (t, rule) => `most votes, and at least ${t} (${rule})`,
  bases: { presentVoters: 'voters present', ballotsReturned: 'ballots returned' },
  candidate: 'Candidate',
  for: 'For',
  against: 'Against',
  abstain: 'Abstain',
  result: 'Result',
  elected: 'elected',
  notElected: 'not elected',
  pending: 'pending',
  writeIn: 'write-in',
  writeInsTotal: 'Write-ins in all (names only if elected)',
  notDeclared: 'The result of this round has not been declared.',
  electedVotes: 'Elected (votes)',
  notElectedVotes: 'Not elected (votes)',
  none: 'none',
  vacancies: 'Seats left vacant',
  stillToElect: (n) => ` (${n} still to elect)`,
  approval: 'Approval',
  approvalRequired: "Needs the higher organisation's approval (P-31)",
  forTheRecord: 'Reported to the higher organisation for the record (P-31)',
  approvalPending: 'pending',
  declaredMatches: 'declared result matches the recount',
  declaredDiffers: 'declared result differs from the recount',
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
  scrutineer: 'Scrutineer',
  revision: 'Revision',
  ruleset: 'Ruleset and parameters in force',
  params: {
    quorum: 'Quorum',
    turnout: 'Turnout',
    win: 'Winning threshold',
    supplementary: 'Supplementary round',
    differential: 'Differential',
    uncontestedOffices: 'Offices that may be uncontested',
    writeIns: 'Write-ins',
    scrutineersMayBeCandidates: 'Scrutineers may stand',
    tellersMayBeCandidates: 'Tellers may stand',
    doubleEntry: 'Double entry of ballots',
    exclusionReasons: 'Exclusion reasons',
    noticeDaysMin: 'Minimum notice days',
    jointNominationMinSupporters: 'Joint nomination supporters (min)',
    recommendationPass: 'Recommendation pass share',
    vacancy: 'Vacancies',
    committeeQuorum: 'Committee quorum',
    exclusionVote: 'Exclusion vote',
    meetingVote: 'Meeting vote',
    secondStage: 'Offices the new committee elects (P-29)',
  },
  yes: 'yes',
  no: 'no',
  signatures: 'Signatures',
  chair: 'Chair',
  verification: 'Verification',
  chainHead: 'Chain head',
  hash: 'hash',
  checkWith: (id) => `Anyone holding the exported log (GET /api/meetings/${id}/events) can check this report with:`,
  qr: 'QR code content',
  otherLanguage: '中文版',
  warning: (rev, problem) =>
    `The stored log fails verification at revision ${rev} (${problem}); this report shows only the events before it.`,
  sep: ', ',
};

export const WORDS: Record<ReportLang, Words> = { 'zh-CN': ZH, en: EN };
export type ReportWords = Words;

import type { Share } from './fraction.js';

export const RULESET_NAMES = [
  'cpc-branch',
  'village-committee',
  'simple-majority',
  'party-group',
  'recommendation',
  'residents-committee',
] as const;
export type RulesetName = (typeof RULESET_NAMES)[number];

/**
 * Who a person on the roll is (P-06): a party member (党员), a masses' representative (群众代表 / 村(居)民代表) or
 * an invited deputy (特邀代表). A recommendation ballot's paper carries one of these too: members' and masses' papers
 * differ in colour, a property of the paper and never of a person (the ballot stays secret).
 */
export const PARTICIPANT_CATEGORIES = ['member', 'masses', 'deputy'] as const;
export type ParticipantCategory = (typeof PARTICIPANT_CATEGORIES)[number];

/**
 * What a roll entry may be: a participant category (P-06), or under the ruleset `party-group` a person voted on
 * (`candidate`, 预备人选 / 表决对象, PG-04) who is no member of the body: never a voter, never counted in 应到, 实到 or
 * the quorum, never checked in, and may be nominated. Never a paper's category.
 */
export const ROLL_CATEGORIES = [...PARTICIPANT_CATEGORIES, 'candidate'] as const;
export type RollCategory = (typeof ROLL_CATEGORIES)[number];
/** A roll entry's recorded category: absent for a party member (P-06), else one of these. */
export type RecordedCategory = Exclude<RollCategory, 'member'>;

/** What a contest's ballot is: an election ballot, a recommendation ballot (推荐票) or a trust ballot (信任票). */
export const BALLOT_KINDS = ['election', 'recommendation', 'trust'] as const;
export type BallotKind = (typeof BALLOT_KINDS)[number];

/** The recommendation meeting's own parameters (公推大会, ruleset `recommendation`). */
export interface RecommendationRules {
  /** P-09a [D]: the most names a recommendation ballot may carry (N); null: the contest's seats. More is an over-vote. */
  maxNames: number | null;
  /** P-09: the share of the recommendation ballots cast (in `countedPapers`) a name's votes must reach. */
  pass: Share & { rule: string };
  /** P-09b [D]: whose papers count toward the threshold, ballots and votes alike. */
  countedPapers: readonly ParticipantCategory[];
}

export const EXCLUSION_REASONS = [
  'mental-incapacity',
  'abroad-6m',
  'serving-sentence',
  'bedridden',
  'away-6m-relationship-not-moved',
  'retired-living-elsewhere',
  'epidemic-consent',
] as const;

/**
 * Every parameter a meeting's procedure depends on. A meeting pins a full copy
 * in MeetingScheduled, so a replay years later applies the same rules even if
 * the presets here change.
 */
export interface Ruleset {
  name: RulesetName;
  /** P-05 / G-01: present voters against expected, checked before any vote and before each round. null: no attendance quorum (V-06 checks turnout at close instead). */
  quorum: (Share & { rule: string; approvalRef?: string }) | null;
  /** V-06: a round is valid only if ballots returned meet this share of expected. */
  turnout: (Share & { rule: string }) | null;
  /**
   * P-24 / V-07 / PG-02: votes "for" needed, as a share of presentVoters, of ballots returned, or of the expected
   * voters (应到会成员: every member of the body entitled to vote, present or not, the round's `expected` snapshot).
   */
  win: Share & { base: WinBase; rule: string };
  /** P-27 / V-08: how a supplementary round (另行选举) is decided. */
  supplementary:
    | { kind: 'same-threshold'; rule: string }
    | {
        kind: 'plurality-with-floor';
        floor: Share;
        rule: string;
        /**
         * V-08: who stands in it. `persons`: everyone not elected, by votes, written-in persons included
         * ("第一次投票未当选的人员得票多的为候选人"). Absent or `candidates`: the listed candidates only, as a log
         * pinned before this parameter existed was decided.
         */
        pool?: 'candidates' | 'persons';
      };
  /** P-12 / V-05: competitive contests need den*(c-n) >= num*n and c >= n + minExtra. */
  differential: { num: number; den: number; minExtra: number; rule: string };
  /**
   * P-18: offices whose candidates stand on the ballot in the order the upper organisation approved (the order of the
   * published list) rather than by surname strokes. Optional: a log pinned before it existed orders every office by
   * strokes, as it did then.
   */
  approvedOrder?: { offices: readonly string[]; rule: string };
  /**
   * P-31: offices whose result takes effect on the upper organisation's approval (批准); every other contest's result
   * is reported for the record (备案). Optional: without it every result awaits an approval, except in a `cpc-branch`
   * log pinned before it existed, which keeps P-31's split (approval-scope.ts).
   */
  approval?: { offices: readonly string[]; rule: string };
  /** P-13: offices that may be elected uncontested (等额); 'any' for generic assemblies. */
  uncontestedOffices: readonly string[] | 'any';
  /**
   * P-22: write-ins allowed only in place of an "against" mark, or not at all; 'free' (P-09c [D], a recommendation
   * ballot): any eligible member written in counts as a name recommended, within the ballot's cap.
   */
  writeIns: 'in-place-of-against' | 'none' | 'free';
  /** P-16 / P-17 */
  scrutineersMayBeCandidates: boolean;
  tellersMayBeCandidates: boolean;
  /** Two tellers key every ballot independently; a ballot counts once both agree or a scrutineer decides. */
  doubleEntry: boolean;
  /** P-04 */
  exclusionReasons: readonly string[];
  /** P-10 */
  noticeDaysMin: number;
  /** P-07: no central minimum exists; a parameter. */
  jointNominationMinSupporters: number;
  /** P-09: recommendation-ballot share a nominee needs to be flagged as passing. */
  recommendationPass: Share;
  /** P-28: seats may be left vacant only when the shortfall is at most maxShortfall and consent (of presentVoters) is recorded; null consent = no vote needed. */
  vacancy: { maxShortfall: number; consent: Share | null; rule: string } | null;
  /** P-30: quorum of a committee electing its own secretary. */
  committeeQuorum: Share & { rule: string };
  /**
   * P-29: offices that the new committee elects among its members at its first plenary (two stages), when a
   * contest for `committeeOffice` exists and CreateContest names no electorate; null: the meeting elects them.
   */
  secondStage: { offices: readonly string[]; committeeOffice: string; rule: string } | null;
  /** Exclusions (P-04) pass on a majority of the voters present [D]. */
  exclusionVote: Share;
  /** Method and officers pass on a majority of present voters [D]. */
  meetingVote: Share;
  /**
   * The recommendation meeting (公推大会): present only under the ruleset `recommendation`, whose roll takes part as
   * a whole (P-06a) and whose contests are recommendation and trust ballots (P-09c). Absent in every other ruleset
   * and in logs written before it existed.
   */
  recommendation?: RecommendationRules;
  /** V-02 / V-03 / R-01: the voter list; absent outside the village and residents' rulesets. */
  registration?: RegistrationRules | null;
  /**
   * PG-03: each name on a list is voted on by itself (票决): a list carries exactly as many names as the contest
   * has seats, every name may pass, a name that fails is not put to a further round, and the contest is settled
   * by its one declared round. Absent (or null) in the other rulesets and in logs written before it existed.
   */
  perName?: { rule: string } | null;
  /**
   * V-11a [D]: 主任, 副主任 and 委员 on one paper, each office's first round counted by itself (`separate`) or with the
   * provincial "票数相加" (`summed`): a lower office's first-round votes add, for each person, the "for" votes of
   * each higher office's first round in which they were not elected (officeVotes.ts). Village and residents'
   * committees only; absent elsewhere and in logs written before it existed (separate).
   */
  officeVotes?: OfficeVotes;
  /**
   * V-11b [D]: seats still empty after the 另行选举 (V-08) are not left vacant: the result records that a new election
   * is due within these months ("经两次投票，当选名额仍不足应选名额时，应当在半年内再行选举"). Village and residents'
   * committees only; absent elsewhere (P-28's consent vote) and in logs written before it existed.
   */
  newElection?: { withinMonths: number; rule: string } | null;
  /**
   * V-11: votes cast at polling stations (投票站) and in mobile ballot boxes (流动票箱) besides the central meeting
   * (选举大会), each with at least `officersMin` officers none of whom is a candidate. Present under village-committee
   * (and residents-committee); absent elsewhere, where stations and boxes are refused (P-20), and in logs written
   * before it existed.
   */
  polling?: { officersMin: number; rule: string } | null;
  /**
   * V-10: written proxies (委托投票) and their parameters, under the village and residents' rulesets only; absent (or
   * null) elsewhere, where P-19 forbids proxy voting, and in logs written before it existed.
   */
  proxies?: ProxyRules | null;
}

/** V-10: the written proxies' parameters. */
export interface ProxyRules {
  /** The most principals one proxy may stand for (most provincial rules, and the people's congress law §42: three). */
  cap: number;
  /** The proxy must be a near relative of the principal (CW §15: 近亲属), one of PROXY_RELATIONS. */
  relativesOnly: boolean;
  rule: string;
}

/**
 * V-10: the near relatives (近亲属) who may hold a written proxy when the ruleset requires one, by a stable code;
 * the Chinese term is the code's label (配偶, 父母, 子女, 兄弟姐妹, 祖父母, 外祖父母, 孙子女, 外孙子女).
 */
export const PROXY_RELATIONS = [
  'spouse',
  'parent',
  'child',
  'sibling',
  'paternal-grandparent',
  'maternal-grandparent',
  'paternal-grandchild',
  'maternal-grandchild',
] as const;
export type ProxyRelation = (typeof PROXY_RELATIONS)[number];
export const PROXY_RELATION_NAMES: Record<ProxyRelation, string> = {
  spouse: '配偶',
  parent: '父母',
  child: '子女',
  sibling: '兄弟姐妹',
  'paternal-grandparent': '祖父母',
  'maternal-grandparent': '外祖父母',
  'paternal-grandchild': '孙子女',
  'maternal-grandchild': '外孙子女',
};
export const isProxyRelation = (r: string): r is ProxyRelation => (PROXY_RELATIONS as readonly string[]).includes(r);

/** R-01: who elects a residents' committee: all residents with the vote, one per household, or 2–3 per group. */
export const RESIDENTS_ELECTORATES = ['residents', 'households', 'group-representatives'] as const;
export type ResidentsElectorate = (typeof RESIDENTS_ELECTORATES)[number];

/**
 * V-02 / V-03 (村民委员会) and R-01 (居民委员会): the voter list (选民登记) the election committee keeps and publishes.
 * Present under the rulesets village-committee and residents-committee only; absent in the others and in logs
 * written before registration existed (there RegisterVoters and the rest are refused).
 */
export interface RegistrationRules {
  /** V-03: the list is published at least this many days before the election day. */
  publishDaysMin: number;
  /** V-03: objections are received within this many days of publication. */
  objectionDays: number;
  /** V-03: an objection is decided within this many days of its receipt (a later decision is recorded as late). */
  decisionDays: number;
  /** who is registered; always `residents` under village-committee. */
  electorate: ResidentsElectorate;
  /** R-01 group-representatives: 2–3 representatives per residents' group. */
  groupRepresentatives: { min: number; max: number };
  rule: string;
}

export const OFFICE_VOTES = ['separate', 'summed'] as const;
export type OfficeVotes = (typeof OFFICE_VOTES)[number];

/**
 * The rulesets of a villagers' or residents' committee election (CW2018 §15; the residents' rules modelled on the village's): the only ones that take
 * officeVotes and reElectionWithinMonths, reserve a women's seat (V-12) and call a new election for seats still empty
 * after the second ballot (V-11).
 */
export const VILLAGE_RULESETS: readonly string[] = ['village-committee', 'residents-committee'];
export const isVillageRuleset = (r: { name: string } | null | undefined): boolean =>
  r != null && VILLAGE_RULESETS.includes(r.name);
/** V-11: "应当在半年内再行选举". */
export const DEFAULT_RE_ELECTION_MONTHS = 6;
/** The parameters only the village and residents' committee rulesets read (ScheduleMeeting refuses them elsewhere). */
export const VILLAGE_PARAMETERS = ['officeVotes', 'reElectionWithinMonths'] as const;

export const WIN_BASES = ['presentVoters', 'ballotsReturned', 'expectedVoters'] as const;
export type WinBase = (typeof WIN_BASES)[number];

/** PG-01: the body's quorum choices (the share of its members entitled to vote that must be present). */
export const PARTY_GROUP_QUORUMS = ['more-than-half', 'two-thirds'] as const;
export type PartyGroupQuorum = (typeof PARTY_GROUP_QUORUMS)[number];
/** PG-02: whom a name's "for" votes are counted against: all the body's members entitled to vote, or those present. */
export const PARTY_GROUP_PASS_BASES = ['members', 'present'] as const;
export type PartyGroupPassBase = (typeof PARTY_GROUP_PASS_BASES)[number];
/** The parameters only the party-group ruleset reads. */
export const PARTY_GROUP_PARAMETERS = ['memberQuorum', 'passBase'] as const;

const half: Share = { num: 1, den: 2, inclusive: false };

/** V-03: the list 20 days before the day, objections within 5 days, decided within 3; R-01: every resident. */
const VOTER_LIST: RegistrationRules = {
  publishDaysMin: 20,
  objectionDays: 5,
  decisionDays: 3,
  electorate: 'residents',
  groupRepresentatives: { min: 2, max: 3 },
  rule: 'V-03',
};

/** 村民委员会 (CW2018): no attendance quorum; V-06 turnout at close, V-07 majority of those voting, V-08 floor. */
const VILLAGE_COMMITTEE: Ruleset = {
  name: 'village-committee',
  quorum: null,
  turnout: { num: 1, den: 2, inclusive: false, rule: 'V-06' },
  win: { ...half, base: 'ballotsReturned', rule: 'V-07' },
  supplementary: {
    kind: 'plurality-with-floor',
    floor: { num: 1, den: 3, inclusive: true },
    rule: 'V-08',
    pool: 'persons',
  },
  differential: { num: 0, den: 1, minExtra: 1, rule: 'V-05' },
  uncontestedOffices: [],
  writeIns: 'in-place-of-against',
  scrutineersMayBeCandidates: false,
  tellersMayBeCandidates: false,
  doubleEntry: false,
  exclusionReasons: EXCLUSION_REASONS,
  noticeDaysMin: 0,
  jointNominationMinSupporters: 1,
  recommendationPass: { ...half },
  // V-11: no seat is left vacant by consent; seats still empty after the second ballot go to a new election.
  vacancy: null,
  committeeQuorum: { num: 1, den: 2, inclusive: false, rule: 'V-06' },
  secondStage: null,
  exclusionVote: { ...half },
  meetingVote: { ...half },
  registration: VOTER_LIST,
  proxies: { cap: 3, relativesOnly: true, rule: 'V-10' },
  // V-11: "每个投票站或者流动票箱必须有三名以上监票人员负责"; "村民委员会候选人不得担任监、计票人".
  polling: { officersMin: 3, rule: 'V-11' },
  officeVotes: 'separate',
  newElection: { withinMonths: DEFAULT_RE_ELECTION_MONTHS, rule: 'V-11' },
};

/** P-31: 委员 are reported for the record (备案); 书记 and 副书记 take office on the upper organisation's approval (批准). */
export const CPC_BRANCH_APPROVAL: NonNullable<Ruleset['approval']> = {
  offices: ['secretary', 'deputy-secretary'],
  rule: 'P-31',
};

export const PRESETS: Record<RulesetName, Ruleset> = {
  'cpc-branch': {
    name: 'cpc-branch',
    quorum: { num: 4, den: 5, inclusive: false, rule: 'P-05' },
    turnout: null,
    win: { ...half, base: 'presentVoters', rule: 'P-24' },
    supplementary: { kind: 'same-threshold', rule: 'P-27' },
    differential: { num: 1, den: 5, minExtra: 1, rule: 'P-12' },
    approvedOrder: { offices: ['secretary', 'deputy-secretary'], rule: 'P-18' },
    approval: CPC_BRANCH_APPROVAL,
    uncontestedOffices: ['secretary', 'deputy-secretary'],
    writeIns: 'in-place-of-against',
    scrutineersMayBeCandidates: false,
    tellersMayBeCandidates: false,
    doubleEntry: true,
    exclusionReasons: EXCLUSION_REASONS.slice(0, 5),
    noticeDaysMin: 3,
    jointNominationMinSupporters: 2,
    recommendationPass: { ...half },
    vacancy: { maxShortfall: 1, consent: { num: 1, den: 2, inclusive: true }, rule: 'P-28' },
    committeeQuorum: { num: 4, den: 5, inclusive: false, rule: 'P-30' },
    secondStage: { offices: ['secretary', 'deputy-secretary'], committeeOffice: 'committee-member', rule: 'P-29' },
    exclusionVote: { ...half },
    meetingVote: { ...half },
  },
  'village-committee': VILLAGE_COMMITTEE,
  /**
   * 居民委员会: R-04, the 2018 law sets no threshold for the election itself, so the village's (V-06, V-07, V-08)
   * are the defaults; R-05, the 2025 revision of the law must be checked by the deployment. R-01: the electorate.
   */
  'residents-committee': { ...VILLAGE_COMMITTEE, name: 'residents-committee' },
  'simple-majority': {
    name: 'simple-majority',
    quorum: { num: 2, den: 3, inclusive: true, rule: 'G-01' },
    turnout: null,
    win: { ...half, base: 'presentVoters', rule: 'G-01' },
    supplementary: { kind: 'same-threshold', rule: 'G-02' },
    differential: { num: 0, den: 1, minExtra: 0, rule: 'G-02' },
    uncontestedOffices: 'any',
    writeIns: 'none',
    scrutineersMayBeCandidates: false,
    tellersMayBeCandidates: true,
    doubleEntry: false,
    exclusionReasons: EXCLUSION_REASONS,
    noticeDaysMin: 0,
    jointNominationMinSupporters: 1,
    recommendationPass: { ...half },
    vacancy: { maxShortfall: 1, consent: { num: 1, den: 2, inclusive: false }, rule: 'G-02' },
    committeeQuorum: { num: 1, den: 2, inclusive: false, rule: 'G-01' },
    secondStage: null,
    exclusionVote: { ...half },
    meetingVote: { ...half },
  },
  recommendation: {
    name: 'recommendation',
    // P-06: "参加推荐会的党员和村(居)民代表人数超过应到人数一半以上，推荐有效" (seed 004), read strictly.
    quorum: { num: 1, den: 2, inclusive: false, rule: 'P-06' },
    turnout: null,
    win: { ...half, base: 'ballotsReturned', rule: 'P-09' },
    supplementary: { kind: 'same-threshold', rule: 'P-09' },
    // A recommendation list is the preliminary names (初步人选), however many; no 差额 margin applies to it.
    differential: { num: 0, den: 1, minExtra: 0, rule: 'P-09' },
    uncontestedOffices: 'any',
    writeIns: 'free',
    scrutineersMayBeCandidates: false,
    tellersMayBeCandidates: false,
    doubleEntry: false,
    exclusionReasons: EXCLUSION_REASONS,
    noticeDaysMin: 0,
    jointNominationMinSupporters: 1,
    recommendationPass: { ...half },
    vacancy: null,
    committeeQuorum: { num: 1, den: 2, inclusive: false, rule: 'P-06' },
    secondStage: null,
    exclusionVote: { ...half },
    meetingVote: { ...half },
    recommendation: {
      maxNames: null,
      // P-09: "在得票数超过推荐票一半以上的党员中" (seed 004, S4-9): strictly more than half of the ballots cast.
      pass: { ...half, rule: 'P-09' },
      countedPapers: PARTICIPANT_CATEGORIES,
    },
  },
  /**
   * 党组票决会 (or the branch committee voting on 预备人选): the roll is the body's members; PG-01 more than half
   * of them present; PG-02 a name passes with "for" votes from more than half of all the members entitled to vote
   * (应到会成员), not merely of those present; PG-03 one vote per name, every name may pass, no write-ins.
   */
  'party-group': {
    name: 'party-group',
    quorum: { ...half, rule: 'PG-01' },
    turnout: null,
    win: { ...half, base: 'expectedVoters', rule: 'PG-02' },
    supplementary: { kind: 'same-threshold', rule: 'PG-03' },
    differential: { num: 0, den: 1, minExtra: 0, rule: 'PG-03' },
    uncontestedOffices: 'any',
    writeIns: 'none',
    scrutineersMayBeCandidates: false,
    tellersMayBeCandidates: false,
    doubleEntry: false,
    exclusionReasons: EXCLUSION_REASONS,
    noticeDaysMin: 0,
    jointNominationMinSupporters: 1,
    recommendationPass: { ...half },
    vacancy: null,
    committeeQuorum: { ...half, rule: 'PG-01' },
    secondStage: null,
    exclusionVote: { ...half },
    meetingVote: { ...half },
    perName: { rule: 'PG-03' },
  },
};

/** The overridable parameters, validated by the ScheduleMeeting schema. */
export interface RulesetParameters {
  quorumInclusive?: boolean;
  quorumApprovalRef?: string;
  doubleEntry?: boolean;
  noticeDaysMin?: number;
  tellersMayBeCandidates?: boolean;
  jointNominationMinSupporters?: number;
  /** P-06 (ruleset `recommendation`): the quorum as a share of the expected participants. */
  recommendationQuorum?: Share;
  /** P-09: true for the inclusive reading (S4-2, "未达到实际投票人数一半的…不能": half passes). */
  recommendationPassInclusive?: boolean;
  /** P-09b: whose papers count toward the threshold. */
  recommendationCountedPapers?: ParticipantCategory[];
  /** P-09a: the most names a recommendation ballot may carry. */
  recommendationMaxNames?: number;
  /** party-group only (PG-01): more than half (default) or at least two thirds of the members present. */
  memberQuorum?: PartyGroupQuorum;
  /** party-group only (PG-02): "for" votes counted against all members entitled to vote (default) or those present. */
  passBase?: PartyGroupPassBase;
  /** V-10 (village and residents' rulesets only): the most principals per proxy; default 3. */
  proxyCap?: number;
  /** V-10 (village and residents' rulesets only): a proxy must be a near relative of the principal; default true. */
  proxyRelativesOnly?: boolean;
  /** residents-committee only: who is registered to elect the committee. */
  residentsElectorate?: ResidentsElectorate;
  /** village and residents' committees only (V-11a): offices counted separately (default) or with 票数相加. */
  officeVotes?: OfficeVotes;
  /** village and residents' committees only (V-11b): the months within which a new election is due (default 6). */
  reElectionWithinMonths?: number;
}

/** The parameters only a ruleset with written proxies reads (ScheduleMeeting refuses them elsewhere, P-19). */
export const PROXY_PARAMETERS = [
  'proxyCap',
  'proxyRelativesOnly',
] as const satisfies readonly (keyof RulesetParameters)[];

/** The parameters only the ruleset `recommendation` reads (ScheduleMeeting refuses them elsewhere, P-09). */
export const RECOMMENDATION_PARAMETERS = [
  'recommendationQuorum',
  'recommendationPassInclusive',
  'recommendationCountedPapers',
  'recommendationMaxNames',
] as const satisfies readonly (keyof RulesetParameters)[];

export function resolveRuleset(name: RulesetName, p: RulesetParameters = {}): Ruleset {
  const base: Ruleset = JSON.parse(JSON.stringify(PRESETS[name]));
  if (p.quorumInclusive !== undefined && base.quorum) {
    base.quorum.inclusive = p.quorumInclusive;
    if (p.quorumApprovalRef) base.quorum.approvalRef = p.quorumApprovalRef;
    // Ambiguity 1 / E8: the approved reading of "4/5" holds for the committee's own 4/5 quorum (P-30) too.
    const cq = base.committeeQuorum;
    if (cq.num === base.quorum.num && cq.den === base.quorum.den) cq.inclusive = p.quorumInclusive;
  }
  if (p.doubleEntry !== undefined) base.doubleEntry = p.doubleEntry;
  if (p.noticeDaysMin !== undefined) base.noticeDaysMin = p.noticeDaysMin;
  if (p.tellersMayBeCandidates !== undefined) base.tellersMayBeCandidates = p.tellersMayBeCandidates;
  if (p.jointNominationMinSupporters !== undefined) base.jointNominationMinSupporters = p.jointNominationMinSupporters;
  const rec = base.recommendation;
  if (rec) {
    if (p.recommendationQuorum && base.quorum) {
      base.quorum = { ...base.quorum, ...p.recommendationQuorum };
      base.committeeQuorum = { ...base.committeeQuorum, ...p.recommendationQuorum };
    }
    if (p.recommendationPassInclusive !== undefined) {
      rec.pass.inclusive = p.recommendationPassInclusive;
      base.recommendationPass.inclusive = p.recommendationPassInclusive;
    }
    if (p.recommendationCountedPapers)
      // Kept in the one order of PARTICIPANT_CATEGORIES, so two meetings with the same choice pin the same ruleset.
      rec.countedPapers = PARTICIPANT_CATEGORIES.filter((c) => p.recommendationCountedPapers!.includes(c));
    if (p.recommendationMaxNames !== undefined) rec.maxNames = p.recommendationMaxNames;
  }
  if (base.proxies) {
    if (p.proxyCap !== undefined) base.proxies.cap = p.proxyCap;
    if (p.proxyRelativesOnly !== undefined) base.proxies.relativesOnly = p.proxyRelativesOnly;
  }
  if (name === 'party-group') {
    // PG-01: 三分之二以上 reads inclusively (at least two thirds), like G-01's; it holds for the body's whole quorum.
    if (p.memberQuorum === 'two-thirds') base.quorum = { num: 2, den: 3, inclusive: true, rule: 'PG-01' };
    if (p.passBase === 'present') base.win.base = 'presentVoters';
  }
  if (name === 'residents-committee' && p.residentsElectorate && base.registration)
    base.registration.electorate = p.residentsElectorate;
  if (VILLAGE_RULESETS.includes(name)) {
    // A residents' preset modelled on the village's carries these too; filled here if it does not.
    base.officeVotes = p.officeVotes ?? base.officeVotes ?? 'separate';
    base.newElection = {
      withinMonths: p.reElectionWithinMonths ?? base.newElection?.withinMonths ?? DEFAULT_RE_ELECTION_MONTHS,
      rule: 'V-11',
    };
    // V-11: seats still empty after the second ballot call for a new election; none is left vacant by consent.
    base.vacancy = null;
  }
  return base;
}

/** V-02 / R-01: the voter list rules of a meeting's ruleset, or null where the ruleset keeps no voter list. */
export const registrationOf = (r: Pick<Ruleset, 'registration'> | null | undefined): RegistrationRules | null =>
  r?.registration ?? null;

export function allowsUncontested(ruleset: Ruleset, office: string): boolean {
  return ruleset.uncontestedOffices === 'any' || ruleset.uncontestedOffices.includes(office);
}

/** P-12: enough candidates for a competitive contest? */
export function differentialHolds(ruleset: Ruleset, seats: number, candidates: number): boolean {
  const d = ruleset.differential;
  return d.den * (candidates - seats) >= d.num * seats && candidates >= seats + d.minExtra;
}

/**
 * P-12 (or the ruleset's own differential rule): the fewest candidates a competitive list for `seats` may have,
 * the smallest count differentialHolds accepts, so the refusal and the screen name the same figure.
 */
export function minimumCandidates(ruleset: Ruleset, seats: number): number {
  let min = seats;
  // Ends by seats + max(minExtra, num * seats) for any den >= 1.
  while (!differentialHolds(ruleset, seats, min)) min++;
  return min;
}

/**
 * The request to hold the election and the report on the prospective candidates go from a party branch to its upper
 * party organisation (BZ2020 §14): only a meeting under `cpc-branch` has them. The server refuses them elsewhere and
 * the screens offer them only there.
 */
export const sendsPartyReports = (r: { name: string } | null | undefined): boolean => r?.name === 'cpc-branch';

import { z } from 'zod';
import {
  BALLOT_KINDS,
  PARTICIPANT_CATEGORIES,
  ROLL_CATEGORIES,
  PARTY_GROUP_PASS_BASES,
  PARTY_GROUP_QUORUMS,
  RESIDENTS_ELECTORATES,
  OFFICE_VOTES,
  RULESET_NAMES,
  VILLAGE_PARAMETERS,
  VILLAGE_RULESETS,
} from '../rules/ruleset.js';
import { ELECTION_STEPS } from '../election/steps.js';
import { DEFAULT_TIME_ZONE, isCalendarDate, isTimeZone, normaliseScheduledFor } from './local-date.js';

const id = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'at most 64 characters')
  // eslint-disable-next-line no-control-regex -- control characters are exactly what an id must not contain
  .regex(/^[^\u0000-\u001f<>]+$/, 'must not contain control characters or angle brackets');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const count = z.number().int('must be a whole number').min(0, 'must not be negative').max(1_000_000);
const vote = z.strictObject({ for: count, against: count, abstain: count });
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(isCalendarDate, 'must be a real calendar date');
/** A day, or the start as an RFC 3339 date-time with offset or Z; stored normalised (see normaliseScheduledFor). */
const scheduledFor = z
  .string()
  .trim()
  .max(40)
  .transform((v, ctx) => {
    const n = normaliseScheduledFor(v);
    if (n === null) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a real date YYYY-MM-DD or an RFC 3339 date-time such as 2026-12-04T09:00:00+08:00',
      });
      return z.NEVER;
    }
    return n;
  })
  .describe(
    'the meeting day YYYY-MM-DD, or its start as an RFC 3339 date-time with offset or Z (2026-12-04T09:00:00+08:00); a date-time is stored as the UTC instant it names',
  );
const timeZone = z
  .string()
  .trim()
  .refine(isTimeZone, 'must be an IANA time zone name such as Asia/Shanghai')
  .describe('IANA time zone of the meeting (default Asia/Shanghai): every date rule (P-10) reads days on its calendar');
const contestId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _ only, at most 40');
const round = z.number().int().min(1, 'rounds count from 1');
const ballotNo = z.number().int('must be a whole number').min(1, 'ballot numbers count from 1').max(10_000_000);

export const MEMBER_STATUSES = ['full', 'probationary', 'rights-suspended'] as const;
/** V-02: the three ways onto a village's or residents' voter list (state.ts REGISTRATION_BASES, the same list). */
const REGISTRATION_BASIS = ['resident', 'away', 'admitted'] as const;
/** V-03: what an objection to the published voter list says is wrong with it. */
export const VOTER_OBJECTION_CLAIMS = ['omitted', 'wrongly-listed', 'wrong-details'] as const;

/** V-12: a village committee must include a woman; a reserved women's seat takes women only. */
export const SEXES = ['female', 'male'] as const;
export type Sex = (typeof SEXES)[number];
export const CHECK_IN_METHODS = ['kiosk', 'self', 'desk'] as const;
export type CheckInMethod = (typeof CHECK_IN_METHODS)[number];
export const NOMINATION_ROUTES = ['self', 'members', 'masses', 'organisation'] as const;
export const CONTEST_MODES = ['competitive', 'uncontested'] as const;
/** The paper a contest's ballots are printed on: a different colour per election (field notes, 旗帜网). */
export const BALLOT_COLOURS = ['white', 'red', 'pink', 'yellow', 'blue', 'green'] as const;
export type BallotColour = (typeof BALLOT_COLOURS)[number];
/** V-11: the central meeting (选举大会), a polling station (投票站) or a mobile ballot box (流动票箱). */
export const STATION_KINDS = ['central', 'station', 'mobile-box'] as const;
export type StationKind = (typeof STATION_KINDS)[number];
export const MARKS = ['for', 'against', 'abstain', 'unreadable'] as const;
export const ROLES = ['chair', 'teller', 'scrutineer', 'supervisor', 'observer', 'kiosk', 'member', 'clerk'] as const;
export type Role = (typeof ROLES)[number];

const marks = z.record(id, z.enum(MARKS));
/** P-09d: the category of a recommendation or trust ballot's paper (its colour); never on an election ballot. */
const paper = z
  .enum(PARTICIPANT_CATEGORIES)
  .optional()
  .describe(
    "recommendation and trust ballots only: whose paper it is (member / masses / deputy), by the paper's colour, never the voter",
  );
/** The box a paper came out of (a poll's round only): the central meeting's box, a station's or a mobile box. */
const station = id
  .optional()
  .describe("a poll's round only: the ballot box (station or mobile box) the paper was taken out of");
const ballotContent = { marks, writeIns: z.array(id).max(100).default([]), paper, station };
const share = z
  .strictObject({
    num: z.number().int().min(1).max(99),
    den: z.number().int().min(1).max(100),
    inclusive: z.boolean(),
  })
  .refine((v) => v.num <= v.den, { message: 'a share is at most the whole', path: ['num'] });
export const MAX_ROLL = 20_000;

export const commandSchemas = {
  ScheduleMeeting: z
    .strictObject({
      title: text(200),
      organisation: text(200),
      /** The organisation it is held under: the scheduling credential's own by default, or one below it. */
      organisationId: id.optional(),
      ruleset: z.enum(RULESET_NAMES).default('cpc-branch'),
      parameters: z
        .strictObject({
          quorumInclusive: z.boolean().optional(),
          quorumApprovalRef: text(200).optional(),
          doubleEntry: z.boolean().optional(),
          noticeDaysMin: z.number().int().min(0).max(60).optional(),
          tellersMayBeCandidates: z.boolean().optional(),
          jointNominationMinSupporters: z.number().int().min(1).max(100).optional(),
          recommendationQuorum: share
            .optional()
            .describe('ruleset recommendation (P-06): quorum as a share of expected participants; default 1/2, strict'),
          recommendationPassInclusive: z
            .boolean()
            .optional()
            .describe(
              'ruleset recommendation (P-09): true for "at least half" of the ballots cast (S4-2); default strict',
            ),
          recommendationCountedPapers: z
            .array(z.enum(PARTICIPANT_CATEGORIES))
            .min(1, 'at least one category')
            .max(3)
            .optional()
            .describe('ruleset recommendation (P-09b): whose papers count toward the threshold; default all'),
          recommendationMaxNames: z
            .number()
            .int()
            .min(1)
            .max(99)
            .optional()
            .describe(
              'ruleset recommendation (P-09a): the most names a recommendation ballot may carry (N); default the seats',
            ),
          memberQuorum: z
            .enum(PARTY_GROUP_QUORUMS)
            .optional()
            .describe(
              'party-group only (PG-01): more-than-half (default) or two-thirds of the members entitled to vote present',
            ),
          residentsElectorate: z
            .enum(RESIDENTS_ELECTORATES)
            .optional()
            .describe(
              "residents-committee only (R-01): all residents with the vote (residents, default), one representative per household (households) or 2–3 per residents' group (group-representatives)",
            ),
          passBase: z
            .enum(PARTY_GROUP_PASS_BASES)
            .optional()
            .describe(
              'party-group only (PG-02): a name passes with "for" from more than half of all members entitled to vote (members, default) or of those present (present)',
            ),
          proxyCap: z
            .number()
            .int()
            .min(1)
            .max(10)
            .optional()
            .describe(
              'village-committee and residents-committee only (V-10): the most principals per proxy; default 3',
            ),
          proxyRelativesOnly: z
            .boolean()
            .optional()
            .describe(
              'village-committee and residents-committee only (V-10): a proxy must be a near relative (PROXY_RELATIONS); default true',
            ),
          officeVotes: z
            .enum(OFFICE_VOTES)
            .optional()
            .describe(
              'village and residents committees only (V-11a): 主任/副主任/委员 counted separately (default) or with 票数相加 (summed)',
            ),
          reElectionWithinMonths: z
            .number()
            .int()
            .min(1)
            .max(24)
            .optional()
            .describe(
              'village and residents committees only (V-11b): seats still empty after the 另行选举 call a new election within these months (default 6)',
            ),
        })
        .default({}),
      scheduledFor,
      /** Every date rule reads days in this zone; pinned in MeetingScheduled. */
      timeZone: timeZone.default(DEFAULT_TIME_ZONE),
      /** A rehearsal: watermarked on every screen and document, deletable by its chair, never counted above the meeting. */
      practice: z
        .boolean()
        .default(false)
        .describe('a practice meeting (演练): watermarked, deletable by its chair, never counted above the meeting'),
    })
    .superRefine((d, ctx) => {
      // PG-01, PG-02: the body's own parameters belong to party-group; its quorum is chosen by memberQuorum.
      const pg = d.ruleset === 'party-group';
      for (const key of ['memberQuorum', 'passBase'] as const)
        if (!pg && d.parameters[key] !== undefined)
          ctx.addIssue({
            code: 'custom',
            message: 'only the party-group ruleset takes this parameter',
            path: ['parameters', key],
          });
      // V-11a, V-11b: the village and residents' committees' own parameters.
      for (const key of VILLAGE_PARAMETERS)
        if (!VILLAGE_RULESETS.includes(d.ruleset) && d.parameters[key] !== undefined)
          ctx.addIssue({
            code: 'custom',
            message: 'only the village-committee and residents-committee rulesets take this parameter (V-11)',
            path: ['parameters', key],
          });
      for (const key of ['quorumInclusive', 'quorumApprovalRef'] as const)
        if (pg && d.parameters[key] !== undefined)
          ctx.addIssue({
            code: 'custom',
            message: 'a party-group vote chooses its quorum with memberQuorum (PG-01)',
            path: ['parameters', key],
          });
    }),
  EnrolMembers: z.strictObject({
    members: z
      .array(
        z.strictObject({
          memberId: id,
          name: text(100),
          status: z.enum(MEMBER_STATUSES),
          /** P-06: a party member (default), a masses' representative or an invited deputy. */
          category: z
            .enum(ROLL_CATEGORIES)
            .optional()
            .describe(
              "member (default), masses (群众代表 / 村(居)民代表), deputy (特邀代表) or, under party-group only, candidate (预备人选 / 表决对象: a person voted on who is no member of the body, PG-04); a non-member's status is not read",
            ),
          /** V-12: a reserved women's seat takes women only; recorded where the roll gives it. */
          sex: z.enum(SEXES).optional().describe('female or male, where the roll records it (V-12)'),
        }),
      )
      .min(1, 'at least one member')
      .max(MAX_ROLL, `at most ${MAX_ROLL} members`),
  }),
  ExcludeFromExpected: z.strictObject({ memberId: id, reason: text(60), approvalRef: text(200), meetingVote: vote }),
  CheckIn: z.strictObject({
    memberId: id,
    method: z.enum(CHECK_IN_METHODS).default('desk'),
    /** The six digits shown in the hall (venue-code.ts): a member's own check-in needs them (P-05). */
    venueCode: z.string().trim().max(20).optional(),
  }),
  /** The chair holds the meeting before the day it is scheduled for: check-in opens (a real meeting refuses it until then). */
  ConfirmEarlyCheckIn: z.strictObject({}),
  WithdrawCheckIn: z.strictObject({ memberId: id, reason: text(500) }),
  RecordDeparture: z.strictObject({ memberId: id }),
  AdoptElectionMethod: z.strictObject({ vote }),
  AppointOfficers: z.strictObject({
    scrutineers: z.array(id).min(1, 'at least one scrutineer').max(20),
    tellers: z
      .array(z.strictObject({ name: text(100), memberId: id.optional() }))
      .min(1, 'at least one teller')
      .max(20),
    vote,
  }),
  CreateContest: z.strictObject({
    contestId,
    office: text(60),
    seats: z.number().int('must be a whole number').min(1, 'at least 1 seat').max(99),
    mode: z.enum(CONTEST_MODES).default('competitive'),
    /** Omitted: the ruleset decides (P-29: under cpc-branch the new committee elects the secretary). */
    electorate: z.union([z.literal('meeting'), z.strictObject({ committeeOf: contestId })]).optional(),
    /** P-09c: under the ruleset recommendation a recommendation (default) or trust ballot; elsewhere an election. */
    ballot: z
      .enum(BALLOT_KINDS)
      .optional()
      .describe(
        'election (default), or under the ruleset recommendation: recommendation (推荐票, default) or trust (信任票)',
      ),
    ballotColour: z
      .enum(BALLOT_COLOURS)
      .optional()
      .describe("the colour of this contest's ballot paper, different for each election of the meeting"),
    /** V-12: a seat reserved for a woman (妇女委员): its candidates and counted write-ins are women only. */
    reserved: z
      .literal('women')
      .optional()
      .describe('village and residents committees only (V-12): a reserved women’s seat (妇女委员)'),
  }),
  Nominate: z.strictObject({
    contestId,
    nomineeId: id,
    route: z.enum(NOMINATION_ROUTES),
    supporters: z.array(id).max(1000).default([]),
  }),
  /**
   * V-02 (选民登记), rulesets village-committee and residents-committee: each voter on the list with the ground of
   * registration; `admission` is the assembly's decision admitting a voter of basis `admitted` (三). After the list
   * is published an addition (补登) needs `reason`.
   */
  RegisterVoters: z.strictObject({
    voters: z
      .array(
        z.strictObject({
          memberId: id,
          name: text(100),
          basis: z.enum(REGISTRATION_BASIS),
          sex: z.enum(['female', 'male']).optional(),
          household: text(64).optional().describe('户号: the household (R-01 households mode needs one)'),
          group: text(64).optional().describe('村民小组 / 居民小组 (R-01 group-representatives mode needs one)'),
          admission: text(200)
            .optional()
            .describe("V-02 (三): the reference of the villagers' assembly's decision admitting the voter"),
        }),
      )
      .min(1, 'at least one voter')
      .max(MAX_ROLL),
    reason: text(500).optional().describe('why, for an addition after publication (补登) or a restored voter'),
  }),
  /** V-02 / V-03: a voter taken off the list (died, moved, registered elsewhere, deprived of political rights). */
  RemoveVoter: z.strictObject({ memberId: id, reason: text(500) }),
  /** V-03: the election committee publishes the voter list, at least 20 days before the election day. */
  PublishVoterList: z.strictObject({
    publishedOn: isoDate.optional().describe("the day the list went up (default today in the meeting's zone)"),
  }),
  /** V-03: an objection to the published list, within 5 days of its publication. */
  ReceiveVoterObjection: z.strictObject({
    objectionId: id,
    objector: text(100),
    memberId: id.optional(),
    name: text(100).optional(),
    claim: z.enum(VOTER_OBJECTION_CLAIMS),
    detail: text(1000),
  }),
  /** V-03: the committee's decision on an objection, due within 3 days of receipt; an upheld one is carried out by RegisterVoters, RemoveVoter or CorrectMember. */
  DecideVoterObjection: z.strictObject({ objectionId: id, upheld: z.boolean(), reason: text(500) }),
  RecordRecommendations: z.strictObject({ contestId, ballotsCast: count, votes: z.record(id, count) }),
  ReviewCandidate: z.strictObject({
    contestId,
    nomineeId: id,
    qualified: z.boolean(),
    reason: z.string().trim().max(500).default(''),
  }),
  PublishCandidateList: z.strictObject({
    contestId,
    candidateIds: z.array(id).min(1).max(200),
    noticeDays: z.number().int().min(0).max(60),
    publishedOn: isoDate.optional(),
  }),
  ConfirmCandidateList: z.strictObject({ contestId }),
  /**
   * P-08b: the 直选大会 takes a contest's candidates from the list its 换届 fixed (CandidateListFixed), each with the
   * steps that put it there. Over HTTP the chair sends { contestId, electionId } and the server fills the rest from
   * the process stream `election-<electionId>`: the revision and chain head of the CandidateListFixed event, and the
   * fixed list's nominees for this contest's office (a nominee's id is a member id of this meeting's roll).
   */
  AdoptCandidateList: z.strictObject({
    contestId,
    electionId: id,
    revision: z.number().int().min(0),
    head: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
    candidates: z
      .array(
        z.strictObject({
          candidateId: id,
          name: text(100),
          provenance: z
            .array(z.strictObject({ step: z.enum(ELECTION_STEPS), on: isoDate, reference: z.string().max(4000) }))
            .max(100),
        }),
      )
      .min(1, 'at least one candidate')
      .max(200),
  }),
  /**
   * V-10: a registered voter away on the day authorises another in writing (委托书) to cast their ballot. `relation`
   * is one of PROXY_RELATIONS where the ruleset takes near relatives only, else the relation as written.
   */
  AuthoriseProxy: z.strictObject({
    principalId: id,
    proxyId: id,
    relation: text(40).describe(
      "the proxy's relation to the principal: spouse, parent, child, sibling, paternal-grandparent, maternal-grandparent, paternal-grandchild, maternal-grandchild (near relatives only, the default), else as written",
    ),
    reference: text(100).describe("the written authorisation's number (委托书编号)"),
  }),
  RevokeProxy: z.strictObject({ principalId: id, reason: text(500) }),
  /** V-10: the election committee publishes the list of principals and proxies before the election day. */
  PublishProxyList: z.strictObject({ publishedOn: isoDate.optional() }),
  /** ballotsIssued: the papers handed out, when it differs from the voters present (omitted: one per voter present, P-21). */
  OpenRound: z.strictObject({
    contestId,
    ballotsIssued: count
      .optional()
      .describe('ballots handed out (发出选票) when not one per voter present; at most the voters present (P-21)'),
  }),
  RecordBallot: z.strictObject({ contestId, round, ballotNo, ...ballotContent }),
  CorrectBallot: z.strictObject({ contestId, round, ballotNo, ...ballotContent, reason: text(500) }),
  VoidBallotEntry: z.strictObject({ contestId, round, ballotNo, reason: text(500), station }),
  /** ballotsReturned is the number of papers counted out of the box, never the number entered (P-21). */
  CloseRound: z.strictObject({ contestId, round, ballotsReturned: count }),
  ReopenRound: z.strictObject({ contestId, round, reason: text(500) }),
  /**
   * V-11: the central meeting (选举大会), a polling station (投票站) or a mobile ballot box (流动票箱), with its
   * officers (at least three under village-committee, none a candidate).
   */
  SetUpPollingStation: z.strictObject({
    stationId: id,
    kind: z.enum(STATION_KINDS),
    name: text(100),
    officers: z
      .array(z.strictObject({ name: text(100), memberId: id.optional() }))
      .min(1, 'at least one officer')
      .max(20),
  }),
  /**
   * One paper carrying a round of each listed contest (主任, 副主任, 委员 … counted separately), cast at the listed
   * stations and boxes (omitted: every station set up). A supplementary round (另行选举) is a new poll.
   */
  OpenPoll: z.strictObject({
    pollId: id,
    contestIds: z.array(contestId).min(1, 'at least one contest').max(20),
    stationIds: z.array(id).min(1, 'at least one station').max(100).optional(),
  }),
  /**
   * The 领票 record: each voter signs for one paper of the poll at a station, in person or as the written proxy of
   * `proxyFor` (V-10). It never names a ballot number.
   */
  IssueBallots: z.strictObject({
    pollId: id,
    stationId: id,
    voters: z
      .array(z.strictObject({ memberId: id, proxyFor: id.optional() }))
      .min(1, 'at least one voter')
      .max(500, 'at most 500 voters per command'),
  }),
  /** The station's or box's voting is over: no more papers are issued there. */
  SealBallotBox: z.strictObject({ pollId: id, stationId: id }),
  /** The box opened in public at the central count (公开计票, V-09) and its papers counted out. */
  OpenBallotBox: z.strictObject({ pollId: id, stationId: id, ballotsReturned: count }),
  DeclareResult: z.strictObject({ contestId, round, elected: z.array(id).max(200).optional() }),
  LeaveSeatsVacant: z.strictObject({ contestId, vote }),
  /** P-19: who wrote a ballot for a voter who could not (代写); never linked to a paper. */
  RecordAssistedWriting: z.strictObject({ voterId: id, writerId: id }),
  RecordApproval: z.strictObject({ contestId, reference: text(200) }),
  CorrectMember: z
    .strictObject({
      memberId: id,
      status: z.enum(MEMBER_STATUSES).optional(),
      name: text(100).optional(),
      reason: text(500),
    })
    .refine((d) => d.status !== undefined || d.name !== undefined, {
      message: 'give the corrected status or name',
      path: ['status'],
    }),
  WithdrawCandidate: z.strictObject({ contestId, candidateId: id, reason: text(500) }),
  /** A contest created in error, withdrawn before its first round (P-15); it stays in the log, shown as withdrawn. */
  WithdrawContest: z.strictObject({ contestId, reason: text(500) }),
  /** A published list taken down before its first round; nominations reopen and a new publication starts a new notice (P-10). */
  WithdrawCandidateList: z.strictObject({ contestId, reason: text(500) }),
  /** P-15: with a contest still unfinished, closing needs `confirmUnfinished: true` (the chair has seen which). */
  CloseMeeting: z.strictObject({
    confirmUnfinished: z
      .boolean()
      .optional()
      .describe('true to close although a contest has no final result (the refusal CONTESTS_UNFINISHED names them)'),
  }),
  IssueCredential: z.strictObject({
    credentialId: id,
    role: z.enum(ROLES),
    name: text(100).optional(),
    memberId: id.optional(),
    /**
     * Teller and scrutineer credentials: the appointed officer who holds the pen (P-16/P-17), the scrutineer's
     * member id or the teller's name as appointed; the credential takes its name and member from the appointment.
     */
    officer: text(100).optional(),
    tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  RevokeCredential: z.strictObject({ credentialId: id }),
  /** The hash of the chair's printed recovery code (backend: recoveryCodeHash); the code itself is never stored. */
  SetRecoveryCode: z.strictObject({ codeHash: z.string().regex(/^[0-9a-f]{64}$/) }),
} as const;

export type CommandType = keyof typeof commandSchemas;
export const COMMAND_TYPES = Object.keys(commandSchemas) as CommandType[];
export type CommandData<T extends CommandType> = z.output<(typeof commandSchemas)[T]>;
export type Command = { [T in CommandType]: { type: T; data: CommandData<T> } }[CommandType];
export type Vote = z.output<typeof vote>;
export type Mark = (typeof MARKS)[number];
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export type VoterObjectionClaim = (typeof VOTER_OBJECTION_CLAIMS)[number];

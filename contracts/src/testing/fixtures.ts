/**
 * Fixture builders for tests: a meeting grown command by command through the
 * real parser and decider, so every "given" history is one the domain could
 * actually have produced. Test-only.
 */
import type { DecideContext } from '../meeting/context.js';
import type { Mark, MemberStatus, Role } from '../meeting/commands.js';
import { decide } from '../meeting/decide.js';
import { couldHaveProduced } from '../meeting/command-events.js';
import type { MeetingEvent, NewEvent } from '../meeting/events.js';
import { parseCommand } from '../meeting/parse-command.js';
import { evolve, fold } from '../meeting/evolve.js';
import { initialState, roundOf, type MeetingState, type Sex } from '../meeting/state.js';
import type { RecordedCategory, RulesetName, RulesetParameters } from '../rules/ruleset.js';
import { meetingView } from '../views/meeting-view.js';
import { DEFAULT_CTX, envelope, type RawCommand } from './spec.js';

export const CHAIR: DecideContext['actor'] = DEFAULT_CTX.actor;
export const TELLER_1: DecideContext['actor'] = { role: 'teller', id: 'teller-1' };
export const TELLER_2: DecideContext['actor'] = { role: 'teller', id: 'teller-2' };
export const SCRUTINEER: DecideContext['actor'] = { role: 'scrutineer', id: 'scrutineer-1' };
export const KIOSK: DecideContext['actor'] = { role: 'kiosk', id: 'kiosk-1' };
/** Who creates a meeting and its first credentials (the backend's scheduler). */
export const SYSTEM: DecideContext['actor'] = { role: 'system', id: 'scheduler' };
/** The credentials a fixture meeting issues as it is created, so every actor above acts with one (a verifier checks). */
export const FIXTURE_CREDENTIALS: readonly DecideContext['actor'][] = [
  CHAIR,
  TELLER_1,
  TELLER_2,
  SCRUTINEER,
  KIOSK,
  { role: 'supervisor', id: 'supervisor-1' },
  { role: 'observer', id: 'observer-1' },
];
const tokenHashOf = (i: number) => (i + 1).toString(16).padStart(64, '0');

// ---------------------------------------------------------------- names and rolls

const CLASSIC = ['张三', '李四', '王五', '赵六', '钱七', '孙八', '周九', '吴十'];
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万严武戴莫孔汤',
];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅燕建国文斌志鹏飞宇晨浩欣怡涵萱轩远琪博'];

/** 张三, 李四, 王五, 赵六 … then surname + one or two given-name characters. Deterministic. */
export function chineseName(i: number): string {
  if (i < CLASSIC.length) return CLASSIC[i]!;
  const j = i - CLASSIC.length;
  const s = SURNAMES[j % SURNAMES.length]!;
  const a = GIVEN[Math.floor(j / SURNAMES.length) % GIVEN.length]!;
  const b =
    j >= SURNAMES.length * GIVEN.length ? GIVEN[Math.floor(j / (SURNAMES.length * GIVEN.length)) % GIVEN.length]! : '';
  return s + a + b;
}

export interface MemberSpec {
  memberId: string;
  name: string;
  status: MemberStatus;
  /** P-06: a masses' representative or an invited deputy (absent: a party member). */
  category?: RecordedCategory;
  /** V-12: where the roll records it. */
  sex?: Sex;
}

/** n members p1..pn (or prefix1..), named 张三, 李四, … */
export function roll(
  n: number,
  o: { prefix?: string; start?: number; status?: MemberStatus; nameOffset?: number } = {},
): MemberSpec[] {
  const start = o.start ?? 1;
  return Array.from({ length: n }, (_, i) => ({
    memberId: `${o.prefix ?? 'p'}${start + i}`,
    name: chineseName((o.nameOffset ?? 0) + start + i - 1),
    status: o.status ?? 'full',
  }));
}

export const ids = (members: readonly { memberId: string }[]) => members.map((m) => m.memberId);
export const vote = (forVotes: number, against = 0, abstain = 0) => ({ for: forVotes, against, abstain });

// ---------------------------------------------------------------- ballots

export interface BallotSpec {
  marks: Record<string, Mark>;
  writeIns?: string[];
}

/** One ballot: "for" each id in `fors`, optionally against/abstain/write-ins. */
export function ballot(
  fors: readonly string[],
  o: {
    against?: readonly string[];
    abstain?: readonly string[];
    unreadable?: readonly string[];
    writeIns?: string[];
  } = {},
): BallotSpec {
  const marks: Record<string, Mark> = {};
  for (const id of fors) marks[id] = 'for';
  for (const id of o.against ?? []) marks[id] = 'against';
  for (const id of o.abstain ?? []) marks[id] = 'abstain';
  for (const id of o.unreadable ?? []) marks[id] = 'unreadable';
  return { marks, writeIns: o.writeIns ?? [] };
}

export const blank = (): BallotSpec => ({ marks: {}, writeIns: [] });
export const times = (n: number, b: BallotSpec | (() => BallotSpec)): BallotSpec[] =>
  Array.from({ length: n }, () => {
    const x = typeof b === 'function' ? b() : b;
    return { marks: { ...x.marks }, writeIns: [...(x.writeIns ?? [])] };
  });

/**
 * `count` valid ballots giving each candidate exactly totals[id] "for" marks,
 * never more than `seats` per ballot: marks are dealt cyclically, so a ballot
 * carries at most ceil(sum/count) of them and no candidate twice.
 */
export function ballotsWithTotals(totals: Record<string, number>, count: number, seats: number): BallotSpec[] {
  const sum = Object.values(totals).reduce((a, b) => a + b, 0);
  if (Object.values(totals).some((t) => t > count) || Math.ceil(sum / Math.max(count, 1)) > seats) {
    throw new Error(
      `ballotsWithTotals: ${JSON.stringify(totals)} cannot be spread over ${count} ballots of ${seats} seats`,
    );
  }
  const out = Array.from({ length: count }, blank);
  let p = 0;
  for (const [id, t] of Object.entries(totals)) {
    for (let k = 0; k < t; k++) out[(p + k) % count]!.marks[id] = 'for';
    p = (p + t) % Math.max(count, 1);
  }
  return out;
}

// ---------------------------------------------------------------- the builder

export interface ReadyOptions {
  ruleset?: RulesetName;
  parameters?: RulesetParameters;
  /** Full members on the roll (candidates included). */
  voters?: number;
  /** How many of them check in (default all). */
  present?: number;
  probationary?: number;
  suspended?: number;
  contestId?: string;
  office?: string;
  seats?: number;
  /** Candidate member ids (enrolled first), or how many of p1.. stand. */
  candidates?: number | string[];
  /** Stop before ConfirmCandidateList. */
  confirm?: boolean;
}

/** A meeting grown through parseCommand + decide + evolve; every refusal throws. */
export class MeetingBuilder {
  readonly events: NewEvent[] = [];
  private readonly chained: MeetingEvent[] = [];
  private s: MeetingState = initialState();

  readonly meetingId: string;

  constructor(meetingId = DEFAULT_CTX.meetingId) {
    this.meetingId = meetingId;
  }

  get state(): MeetingState {
    return this.s;
  }
  log(): readonly MeetingEvent[] {
    return this.chained;
  }
  view(role: Role = 'chair', id?: string) {
    return meetingView(this.s, { role, id });
  }
  /** The chair's view of a contest's round. */
  round(contestId = 'c1', n?: number) {
    const c = this.view().contests.find((x) => x.contestId === contestId)!;
    return c.rounds[(n ?? c.rounds.length) - 1]!;
  }
  contest(contestId = 'c1') {
    return this.view().contests.find((x) => x.contestId === contestId)!;
  }

  /** An independent copy: same history, fresh state folded from the log. */
  fork(): MeetingBuilder {
    const b = new MeetingBuilder(this.meetingId);
    b.events.push(...this.events);
    b.chained.push(...this.chained);
    b.s = fold(this.chained);
    return b;
  }

  /** One command, its events under one commandId (`commandId` joins several commands into one group, as scheduling does). */
  run(command: RawCommand, ctx: Partial<DecideContext> = {}, commandId?: string): NewEvent[] {
    const c: DecideContext = { ...DEFAULT_CTX, ...ctx, meetingId: this.meetingId };
    const parsed = parseCommand(command);
    const produced = decide(parsed, this.s, c);
    if (
      !couldHaveProduced(
        parsed.type,
        produced.map((e) => e.type),
      )
    )
      throw new Error(`${parsed.type} produced ${produced.map((e) => e.type).join(', ')}, outside COMMAND_EVENTS`);
    // Recorded at the instant it was decided: a verifier decides it again at that instant (P-10 reads its day).
    this.append(produced, c.actor, commandId, c.now);
    return produced;
  }

  append(
    events: readonly NewEvent[],
    actor: DecideContext['actor'] = CHAIR,
    commandId = `cmd-${this.s.revision + 1}`,
    at = DEFAULT_CTX.now,
  ): this {
    const chained = envelope(events, {
      meetingId: this.meetingId,
      from: this.s.revision + 1,
      prevHash: this.s.head,
      actor,
      commandId,
      at,
    });
    for (const e of chained) {
      evolve(this.s, e);
      this.chained.push(e);
    }
    this.events.push(...events);
    return this;
  }

  /** Created as the backend creates a meeting: by the system, with the fixture credentials, under one commandId. */
  schedule(
    o: {
      ruleset?: RulesetName;
      parameters?: RulesetParameters;
      title?: string;
      timeZone?: string;
      scheduledFor?: string;
      practice?: boolean;
      /** When the meeting was created (default DEFAULT_CTX.now): a log that registers voters weeks ahead starts earlier. */
      at?: string;
    } = {},
  ): this {
    const id = `schedule-${this.meetingId}`;
    const when = o.at ? { now: o.at } : {};
    this.run(
      {
        type: 'ScheduleMeeting',
        data: {
          title: o.title ?? '第一党支部换届选举党员大会',
          organisation: '第一党支部',
          ruleset: o.ruleset ?? 'cpc-branch',
          parameters: o.parameters ?? {},
          scheduledFor: o.scheduledFor ?? '2026-11-24',
          ...(o.timeZone ? { timeZone: o.timeZone } : {}),
          ...(o.practice !== undefined ? { practice: o.practice } : {}),
        },
      },
      { actor: SYSTEM, ...when },
      id,
    );
    FIXTURE_CREDENTIALS.forEach((a, i) => {
      this.run(
        { type: 'IssueCredential', data: { credentialId: a.id, role: a.role, tokenHash: tokenHashOf(i) } },
        { actor: SYSTEM, ...when },
        id,
      );
    });
    return this;
  }
  /** A member's own check-in link: issued by the chair, then used to check that member in. */
  memberCredential(memberId: string, credentialId = `member-${memberId}`): DecideContext['actor'] {
    this.run({
      type: 'IssueCredential',
      data: { credentialId, role: 'member', memberId, tokenHash: tokenHashOf(1000 + this.s.credentials.size) },
    });
    return { role: 'member', id: credentialId };
  }
  enrol(members: readonly MemberSpec[]): this {
    this.run({ type: 'EnrolMembers', data: { members } });
    return this;
  }
  checkIn(...memberIds: string[]): this {
    for (const memberId of memberIds) this.run({ type: 'CheckIn', data: { memberId, method: 'desk' } });
    return this;
  }
  depart(...memberIds: string[]): this {
    for (const memberId of memberIds) this.run({ type: 'RecordDeparture', data: { memberId } });
    return this;
  }
  exclude(memberId: string, reason = 'abroad-6m', meetingVote = vote(this.s.presentVoters)): this {
    this.run({
      type: 'ExcludeFromExpected',
      data: { memberId, reason, approvalRef: '上级党委组织部〔2026〕12号', meetingVote },
    });
    return this;
  }
  adoptMethod(): this {
    this.run({ type: 'AdoptElectionMethod', data: { vote: vote(this.s.presentVoters) } });
    return this;
  }
  appointOfficers(
    scrutineers: string[],
    tellers: { name: string; memberId?: string }[] = [{ name: '计票人甲' }, { name: '计票人乙' }],
  ): this {
    this.run({ type: 'AppointOfficers', data: { scrutineers, tellers, vote: vote(this.s.presentVoters) } });
    return this;
  }
  createContest(
    contestId: string,
    seats: number,
    o: { office?: string; mode?: 'competitive' | 'uncontested'; electorate?: unknown } = {},
  ): this {
    this.run({
      type: 'CreateContest',
      data: {
        contestId,
        office: o.office ?? 'member',
        seats,
        mode: o.mode ?? 'competitive',
        electorate: o.electorate ?? 'meeting',
      },
    });
    return this;
  }
  /** Nominated by the organisation and found qualified. */
  nominate(contestId: string, nomineeIds: readonly string[]): this {
    for (const nomineeId of nomineeIds) {
      this.run({ type: 'Nominate', data: { contestId, nomineeId, route: 'organisation' } });
      this.run({ type: 'ReviewCandidate', data: { contestId, nomineeId, qualified: true } });
    }
    return this;
  }
  publish(
    contestId: string,
    candidateIds: readonly string[],
    o: { noticeDays?: number; publishedOn?: string } = {},
  ): this {
    this.run({
      type: 'PublishCandidateList',
      data: { contestId, candidateIds, noticeDays: o.noticeDays ?? 5, publishedOn: o.publishedOn ?? '2026-11-17' },
    });
    return this;
  }
  confirm(contestId: string): this {
    this.run({ type: 'ConfirmCandidateList', data: { contestId } });
    return this;
  }
  openRound(contestId = 'c1'): number {
    const [e] = this.run({ type: 'OpenRound', data: { contestId } });
    if (e?.type !== 'RoundOpened') throw new Error('OpenRound produced no round');
    return e.data.round;
  }

  /** Keys ballots numbered from `from` (default: after the last one); with double entry both tellers key each. */
  enterBallots(
    contestId: string,
    round: number,
    ballots: readonly BallotSpec[],
    o: { from?: number; tellers?: DecideContext['actor'][] } = {},
  ): this {
    const r = roundOf(this.s, contestId, round);
    if (!r) throw new Error(`no round ${round} in ${contestId}`);
    const tellers = o.tellers ?? (r.doubleEntry ? [TELLER_1, TELLER_2] : [TELLER_1]);
    let ballotNo = o.from ?? Math.max(0, ...r.ballots.keys()) + 1;
    for (const b of ballots) {
      for (const actor of tellers)
        this.run(
          { type: 'RecordBallot', data: { contestId, round, ballotNo, marks: b.marks, writeIns: b.writeIns ?? [] } },
          { actor },
        );
      ballotNo++;
    }
    return this;
  }
  /** Closes with ballotsReturned = ballots counted so far unless told otherwise. */
  closeRound(contestId = 'c1', round?: number, ballotsReturned?: number): NewEvent[] {
    const c = this.s.contests.get(contestId)!;
    const n = round ?? c.rounds.length;
    const r = c.rounds[n - 1]!;
    return this.run({
      type: 'CloseRound',
      data: { contestId, round: n, ballotsReturned: ballotsReturned ?? r.valid + r.invalid },
    });
  }
  declare(contestId = 'c1', round?: number): NewEvent[] {
    const n = round ?? this.s.contests.get(contestId)!.rounds.length;
    return this.run({ type: 'DeclareResult', data: { contestId, round: n } });
  }
  /** Open, key, close and declare one round; returns the declaration's events. */
  vote(contestId: string, ballots: readonly BallotSpec[], ballotsReturned?: number): NewEvent[] {
    const n = this.openRound(contestId);
    this.enterBallots(contestId, n, ballots);
    this.closeRound(contestId, n, ballotsReturned);
    return this.declare(contestId, n);
  }
}

// ---------------------------------------------------------------- ready-made meetings

/** A scheduled cpc-branch meeting (or another ruleset), nothing else. */
export const scheduledMeeting = (o: { ruleset?: RulesetName; parameters?: RulesetParameters } = {}) =>
  new MeetingBuilder().schedule(o);

/** Scheduled, with a roll of n full members p1..pn (张三, 李四, …). */
export const meetingWithRoll = (n: number, o: { ruleset?: RulesetName; parameters?: RulesetParameters } = {}) =>
  scheduledMeeting(o).enrol(roll(n));

/** Scheduled, roll of n, the first `present` of them checked in. */
export function meetingWithCheckIns(
  n: number,
  present: number,
  o: { ruleset?: RulesetName; parameters?: RulesetParameters } = {},
) {
  const b = meetingWithRoll(n, o);
  return b.checkIn(...ids(roll(present)));
}

/**
 * A meeting ready to open the first round of contest c1: roll enrolled
 * (candidates first), members checked in, candidates nominated, reviewed,
 * published (2026-11-17, 5 days) and confirmed, method adopted, the last
 * voter appointed scrutineer and two non-member tellers appointed.
 */
export function readyMeeting(o: ReadyOptions = {}): MeetingBuilder {
  const voters = o.voters ?? 10;
  const seats = o.seats ?? 1;
  const candidateIds = typeof o.candidates === 'object' ? o.candidates : ids(roll(o.candidates ?? seats + 1));
  const members: MemberSpec[] = candidateIds.map((memberId, i) => ({ memberId, name: chineseName(i), status: 'full' }));
  const known = new Set(candidateIds);
  for (let i = 1; members.length < voters; i++)
    if (!known.has(`p${i}`)) members.push({ memberId: `p${i}`, name: chineseName(members.length), status: 'full' });
  members.push(...roll(o.probationary ?? 0, { prefix: 'q', status: 'probationary', nameOffset: voters }));
  members.push(...roll(o.suspended ?? 0, { prefix: 's', status: 'rights-suspended', nameOffset: voters + 50 }));
  const contestId = o.contestId ?? 'c1';
  const b = scheduledMeeting({ ruleset: o.ruleset ?? 'cpc-branch', parameters: o.parameters ?? {} }).enrol(members);
  b.checkIn(...members.slice(0, o.present ?? voters).map((m) => m.memberId));
  b.createContest(contestId, seats, { office: o.office ?? 'member' })
    .nominate(contestId, candidateIds)
    .publish(contestId, candidateIds);
  b.adoptMethod().appointOfficers([members[voters - 1]!.memberId]);
  if (o.confirm !== false) b.confirm(contestId);
  return b;
}

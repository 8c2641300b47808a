/**
 * Building blocks for driving a whole election through the HTTP command API:
 * a roll, check-ins, method and officers, a contest with its confirmed list,
 * and rounds whose ballots come from a compact spec such as {A: 30, B: 25}.
 * Every step goes through the public API, so a helper that passes here is a
 * procedure a real chair could follow.
 */
import type {
  BallotColour,
  CommandOutcome,
  ContestView,
  Mark,
  MeetingView,
  MemberStatus,
  RoundView,
} from '@tallyroom/contracts';
import { expect } from 'vitest';
import { daysFromToday, type Api, type MeetingClient, type ScheduleInput } from './api.js';

export interface Member {
  memberId: string;
  name: string;
  status: MemberStatus;
}
export interface Ballot {
  marks: Record<string, Mark>;
  writeIns?: string[];
}

// ---------------------------------------------------------------- rolls

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万严武戴莫孔汤',
];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅燕建国文斌志鹏飞宇晨浩欣怡涵萱轩远琪博'];

/** A distinct, deterministic three-character name for every i (surname + two given characters). */
export function personName(i: number): string {
  const s = SURNAMES[i % SURNAMES.length]!;
  const a = GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]!;
  const b = GIVEN[(i + Math.floor(i / (SURNAMES.length * GIVEN.length))) % GIVEN.length]!;
  return s + a + b;
}

/** Member ids m001, m002, … (zero-padded so they sort). */
export const memberId = (i: number, prefix = 'm') => `${prefix}${String(i).padStart(4, '0')}`;

/**
 * A roll of n members, all full members unless `status` says otherwise for
 * member i (1-based).
 */
export function makeRoll(
  n: number,
  o: { prefix?: string; status?: (i: number) => MemberStatus; from?: number } = {},
): Member[] {
  const from = o.from ?? 1;
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return { memberId: memberId(i, o.prefix), name: personName(i), status: o.status?.(i) ?? 'full' };
  });
}

/** The roll as the CSV a branch secretary would upload (English headers). */
export function rollCsv(members: readonly Member[]): string {
  return ['memberId,name,status', ...members.map((m) => `${m.memberId},${m.name},${m.status}`)].join('\n') + '\n';
}

// ---------------------------------------------------------------- ballots

/**
 * Concrete paper ballots for a tally spec: `spec[c]` ballots mark candidate c
 * "for", no ballot marks more than `seats` candidates "for", and the
 * remaining ballots (up to `ballots`) are blank. Marks are laid out candidate
 * by candidate, ballot after ballot, wrapping round: a candidate never gets
 * two marks on one ballot because no count exceeds the number of ballots.
 * `otherwise` marks every candidate a ballot does not vote for.
 */
export function ballotsFor(
  spec: Record<string, number>,
  o: { ballots: number; seats: number; otherwise?: 'against' | 'abstain'; candidates?: string[] },
): Ballot[] {
  const { ballots: n, seats } = o;
  const total = Object.values(spec).reduce((a, b) => a + b, 0);
  for (const [c, v] of Object.entries(spec))
    if (v > n) throw new Error(`candidate ${c} has ${v} votes but there are only ${n} ballots`);
  if (total > seats * n) throw new Error(`${total} "for" marks do not fit on ${n} ballots of at most ${seats}`);
  const out: Ballot[] = Array.from({ length: n }, () => ({ marks: {} }));
  let k = 0;
  for (const [c, v] of Object.entries(spec)) {
    for (let j = 0; j < v; j++, k++) out[k % n]!.marks[c] = 'for';
  }
  if (o.otherwise) {
    const all = o.candidates ?? Object.keys(spec);
    for (const b of out) for (const c of all) b.marks[c] ??= o.otherwise;
  }
  return out;
}

export const blankBallot = (): Ballot => ({ marks: {} });

/** The "for" count each candidate gets from a set of ballots, if each was valid. */
export function forCounts(ballots: readonly Ballot[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const b of ballots) for (const [c, m] of Object.entries(b.marks)) if (m === 'for') out[c] = (out[c] ?? 0) + 1;
  return out;
}

// ---------------------------------------------------------------- the election

export interface ContestSpec {
  contestId: string;
  office?: string;
  seats: number;
  mode?: 'competitive' | 'uncontested';
  electorate?: 'meeting' | { committeeOf: string };
  ballotColour?: BallotColour;
  /** Nominated, reviewed as qualified, published a week ago and confirmed, in this order. */
  candidates: string[];
  /** Publish only these (default: all candidates). */
  publish?: string[];
  /** Stop before ConfirmCandidateList (to test its refusals). */
  confirm?: boolean;
  /** Under the ruleset recommendation: a recommendation or trust contest (P-09c). */
  ballot?: 'recommendation' | 'trust';
}

/** Runs `fn` over items with at most `limit` in flight; results in item order. */
export async function inBatches<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * One meeting driven by its chair through HTTP, with the officers' credentials
 * it minted along the way: `tellers` (one token per teller) and `scrutineer`.
 */
export class Election {
  members: Member[] = [];
  tellers: string[] = [];
  scrutineer = '';

  constructor(readonly m: MeetingClient) {}

  static async create(api: Api, input: ScheduleInput = {}): Promise<Election> {
    return new Election(await api.createMeeting(input));
  }

  /** The same meeting, officers' tokens and roll through another server (after a restart). */
  via(api: Api): Election {
    const e = new Election(this.m.via(api));
    e.members = [...this.members];
    e.tellers = [...this.tellers];
    e.scrutineer = this.scrutineer;
    return e;
  }

  get kiosk() {
    return this.m.credentials.kiosk;
  }
  get observer() {
    return this.m.credentials.observer;
  }
  get supervisor() {
    return this.m.credentials.supervisor;
  }

  nameOf(id: string): string {
    return this.members.find((x) => x.memberId === id)?.name ?? id;
  }

  async enrol(members: Member[]): Promise<CommandOutcome> {
    this.members.push(...members);
    return this.m.command('EnrolMembers', { members });
  }

  /** Checks members in at the desk (the chair), `concurrency` at a time (order does not matter to the count). */
  async checkIn(ids: readonly string[], concurrency = 1): Promise<void> {
    await inBatches(ids, concurrency, (memberId) => this.m.command('CheckIn', { memberId, method: 'desk' }));
  }

  async depart(ids: readonly string[]): Promise<void> {
    for (const memberId of ids) await this.m.command('RecordDeparture', { memberId }, { as: this.kiosk });
  }

  /** The election method, adopted unanimously by the voters present (P-15). */
  async adoptMethod(): Promise<CommandOutcome> {
    const present = (await this.m.view()).attendance.presentVoters;
    return this.m.command('AdoptElectionMethod', { vote: { for: present, against: 0, abstain: 0 } });
  }

  /**
   * Appoints scrutineers (members, P-16) and `tellers` tellers (by name, P-17; two by default under double entry),
   * unanimously, and mints one teller credential each and a credential for the
   * first scrutineer.
   */
  async appointOfficers(o: { scrutineers: string[]; tellers?: number }): Promise<void> {
    const view = await this.m.view();
    const present = view.attendance.presentVoters;
    // P-17: double entry needs two tellers, so that is the default when it is on.
    const tellerNames = Array.from(
      { length: o.tellers ?? (view.ruleset.parameters.doubleEntry ? 2 : 1) },
      (_, i) => `计票人${i + 1}`,
    );
    await this.m.command('AppointOfficers', {
      scrutineers: o.scrutineers,
      tellers: tellerNames.map((name) => ({ name })),
      vote: { for: present, against: 0, abstain: 0 },
    });
    this.tellers = [];
    // Officers hold the pen (P-16/P-17): each credential names its appointed officer.
    for (const name of tellerNames) this.tellers.push((await this.m.mint('teller', { officer: name })).token);
    this.scrutineer = (await this.m.mint('scrutineer', { officer: o.scrutineers[0]! })).token;
  }

  /** Method and officers in one go: the meeting is then ready for its contests. */
  async ready(o: { scrutineers: string[]; tellers?: number }): Promise<void> {
    await this.adoptMethod();
    await this.appointOfficers(o);
  }

  /** Creates a contest and takes its list through nomination, review, a week of public notice and confirmation. */
  async contest(spec: ContestSpec): Promise<ContestView> {
    const { contestId } = spec;
    await this.m.command('CreateContest', {
      contestId,
      office: spec.office ?? 'committee-member',
      seats: spec.seats,
      mode: spec.mode ?? 'competitive',
      electorate: spec.electorate ?? 'meeting',
      ...(spec.ballot ? { ballot: spec.ballot } : {}),
      ...(spec.ballotColour ? { ballotColour: spec.ballotColour } : {}),
    });
    for (const nomineeId of spec.candidates)
      await this.m.command('Nominate', { contestId, nomineeId, route: 'organisation' });
    for (const nomineeId of spec.candidates)
      await this.m.command('ReviewCandidate', { contestId, nomineeId, qualified: true, reason: '' });
    await this.publish(contestId, spec.publish ?? spec.candidates);
    if (spec.confirm !== false) await this.m.command('ConfirmCandidateList', { contestId });
    return this.contestView(contestId);
  }

  /** P-10: published a week ago with three days' notice, so the notice period is over today. */
  publish(contestId: string, candidateIds: string[]): Promise<CommandOutcome> {
    return this.m.command('PublishCandidateList', {
      contestId,
      candidateIds,
      noticeDays: 3,
      publishedOn: daysFromToday(-7),
    });
  }

  async contestView(contestId: string, token?: string): Promise<ContestView> {
    const v = await this.m.view(token);
    const c = v.contests.find((x) => x.contestId === contestId);
    expect(c, `contest ${contestId} in the view`).toBeDefined();
    return c!;
  }

  async roundView(contestId: string, round: number, token?: string): Promise<RoundView> {
    const c = await this.contestView(contestId, token);
    const r = c.rounds.find((x) => x.round === round);
    expect(r, `round ${round} of ${contestId}`).toBeDefined();
    return r!;
  }

  /** Opens the round the rules call for next and returns it as the view shows it. */
  async openRound(contestId: string): Promise<RoundView> {
    await this.m.command('OpenRound', { contestId });
    const c = await this.contestView(contestId);
    return c.rounds[c.rounds.length - 1]!;
  }

  /**
   * Keys in paper ballots numbered from `firstBallotNo`. Every teller given
   * (default: all the meeting's tellers) enters every ballot, which is what
   * double entry needs; with double entry off pass one teller.
   */
  async enterBallots(
    contestId: string,
    round: number,
    ballots: readonly Ballot[],
    o: { tellers?: string[]; firstBallotNo?: number; concurrency?: number } = {},
  ): Promise<void> {
    const tellers = o.tellers ?? this.tellers;
    const first = o.firstBallotNo ?? 1;
    for (const teller of tellers) {
      await inBatches(ballots, o.concurrency ?? 1, (b, i) =>
        this.m.command(
          'RecordBallot',
          {
            contestId,
            round,
            ballotNo: first + i,
            marks: b.marks,
            writeIns: b.writeIns ?? [],
          },
          { as: teller },
        ),
      );
    }
  }

  closeRound(contestId: string, round: number, ballotsReturned: number): Promise<CommandOutcome> {
    return this.m.command('CloseRound', { contestId, round, ballotsReturned });
  }

  /** Declares the round's result and returns the command's reply and the contest afterwards. */
  async declare(
    contestId: string,
    round: number,
  ): Promise<{ reply: CommandOutcome; contest: ContestView; round: RoundView }> {
    const reply = await this.m.command('DeclareResult', { contestId, round });
    const contest = await this.contestView(contestId);
    return { reply, contest, round: contest.rounds.find((r) => r.round === round)! };
  }

  /** Open, enter (one teller unless double entry), close with every ballot returned, declare. */
  async runRound(contestId: string, ballots: readonly Ballot[], o: { tellers?: string[]; concurrency?: number } = {}) {
    const opened = await this.openRound(contestId);
    const tellers = o.tellers ?? (opened.doubleEntry ? this.tellers.slice(0, 2) : this.tellers.slice(0, 1));
    await this.enterBallots(contestId, opened.round, ballots, { tellers, concurrency: o.concurrency ?? 1 });
    await this.closeRound(contestId, opened.round, ballots.length);
    return { opened, ...(await this.declare(contestId, opened.round)) };
  }

  view(token?: string): Promise<MeetingView> {
    return this.m.view(token);
  }
}

/** The ids of the tally lines, "for" counts only, as a plain object (handy in toEqual). */
export function forTally(r: RoundView): Record<string, number> {
  return Object.fromEntries(r.tally.map((t) => [t.candidateId, t.for]));
}

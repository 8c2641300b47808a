import { meets } from '../rules/fraction.js';
import { roundThreshold, thresholdRestsOnReturned } from '../rules/outcome.js';
import { answered } from '../rules/approval-scope.js';
import type { BallotKind, RecordedCategory, Ruleset } from '../rules/ruleset.js';
import { recommendationRoundResult, type RecommendationFigures } from '../rules/recommendation.js';
import type { MemberStatus, Role, Vote } from '../meeting/commands.js';
import { outsideCommittee } from '../meeting/decide-candidates.js';
import { electorateOf } from '../meeting/electorate.js';
import { votingHasBegun } from '../meeting/guards.js';
import { credentialHolderName } from '../meeting/officers.js';
import { scheduleOf, type MeetingSchedule } from '../meeting/local-date.js';
import { meetingDayFacts, type MeetingDayFacts } from '../meeting/rehearsal.js';
import type { Electorate, RoundKind, TallyLine } from '../meeting/events.js';
import { boardStep } from '../meeting/tally.js';
import {
  departedVoters,
  expectedOf,
  mayBeWrittenIn,
  votesIn,
  type BoardTotals,
  type ContestState,
  type MeetingState,
  type MemberState,
  type Registration,
  slotEntries,
  type RoundState,
  type Sex,
} from '../meeting/state.js';
import { compositionFlags, type MeetingFlag } from '../rules/composition.js';
import type { SummedLine } from '../rules/office-votes.js';
import { contestStatus, isDisputed, isWithdrawn, reopenBar, type ContestStatus } from '../meeting/status.js';
import type { QuorumStatus } from '../rules/quorum.js';
import { arrivalsOf, DESK_ROLES, type ArrivalsView } from './arrivals.js';
import { registrationView, type RegistrationView } from './registration-view.js';
import type { WriteInRules } from '../rules/ballot.js';
import { proxiesView, type ProxiesView } from './proxies-view.js';
import { pollsView, stationsView, type PollView, type StationView } from './polls-view.js';
import { meetingAnomalies, type Anomaly } from '../board/anomalies.js';

export interface Viewer {
  role: Role;
  id?: string | undefined;
  memberId?: string | undefined;
}

/** Roles that may see who is on the roll and who is present (design.md, "Roles and access"). */
export const SEES_ROLL: readonly Role[] = ['chair', 'supervisor', 'scrutineer', 'teller'];
const SEES_PRESENCE: readonly Role[] = ['chair', 'supervisor', 'scrutineer'];
/**
 * Roles that see a round's totals move with every ballot (issue 19): those who count, check and supervise the count.
 * Every other role (observer and projector, kiosk, member, and any role added later) sees the board's running totals.
 */
const SEES_EVERY_BALLOT: readonly Role[] = ['chair', 'supervisor', 'scrutineer', 'teller'];

export interface CandidateView {
  memberId: string;
  name: string;
  status: 'nominated' | 'qualified' | 'not-qualified' | 'candidate' | 'withdrawn' | 'elected' | 'not-elected';
}
export interface RoundView {
  round: number;
  kind: RoundKind;
  status: RoundState['status'];
  seats: number;
  candidates: string[];
  /** P-29: a committee's round (书记, 副书记): write-ins count only for these, its members. Absent otherwise. */
  writeInsAmong?: string[];
  /** V-12: the round of a reserved women's seat, where a write-in counts only for a woman. Absent otherwise. */
  reserved?: 'women';
  presentVoters: number;
  expected: number;
  ballotsIssued: number;
  ballotsEntered: number;
  ballotsPending: number;
  ballotsReturned: number | null;
  valid: number;
  invalid: number;
  threshold: number | null;
  /**
   * The threshold rests on the ballots keyed so far, the ballots returned being counted only at the close (V-07:
   * more than half of those who voted; V-08's floor of a third): a screen says so, or a hall reads 当选线 1 on an
   * empty round as the bar to clear. False once the round is closed, or where the bar does not depend on it (P-24).
   */
  thresholdProvisional: boolean;
  tally: TallyLine[];
  /**
   * Per candidate of the round, the unreadable marks (无法辨认) on valid ballots: each voids itself alone (P-23),
   * so a candidate's for, against, abstain, unreadable and unmarked add up to `valid` (see tallyRows).
   */
  unreadable: Record<string, number>;
  writeInTotal: number;
  /** Who reached the bar; for the public (observer, kiosk, member) only candidates and the elected. */
  aboveThreshold: string[];
  /** Write-ins (另行提名) who reached the bar and are not named in aboveThreshold (0 for the roles that see the roll). */
  writeInsAboveThreshold: number;
  /**
   * For the public while the round is open: the totals shown move in steps of this many ballots (RoundState.board),
   * so the board never shows one ballot's marks. Absent when the totals are the whole count.
   */
  totalsEvery?: number;
  elected: string[];
  doubleEntry: boolean;
  /** The poll whose paper carries this round (V-11): its ballots are keyed per box (`station`). */
  poll?: string;
  /** A poll's round: the papers entered from each box in this round. */
  boxes?: Record<string, number>;
  /** `scrutineerName` (roles that see the roll): the appointed officer who made it, by the credential's binding (officers.ts). */
  corrections: (RoundState['corrections'][number] & { scrutineerName?: string })[];
  /** Each reopening of the round, with the close it undid and the chair's reason. */
  reopenings: RoundState['reopenings'];
  /** Whether the chair may reopen the round now (P-21), as ReopenRound decides it. */
  reopenable: boolean;
  /** Ballot numbers whose two entries disagree (scrutineer, chair, supervisor only). */
  /** `teller` is the credential id; `tellerName` the appointed officer's name it is bound to, so the scrutineer can say whose entry it is. */
  discrepancies?: {
    ballotNo: number;
    entries: { teller: string; tellerName?: string; marks: Record<string, string>; writeIns: string[] }[];
  }[];
  /** The viewing teller's own entries, so double entry stays independent until compared. */
  myEntries?: {
    ballotNo: number;
    marks: Record<string, string>;
    writeIns: string[];
    paper?: string;
    settled: boolean;
  }[];
  /**
   * A recommendation or trust round (P-09): recommendationResult per name and paper category, live while the round
   * is open. For the public, present only while the board's totals are the whole count (RoundState.board), and a
   * write-in appears by name only once it passes.
   */
  recommendation?: RecommendationFigures;
  /**
   * V-11a 票数相加: a declared first round of a lower office whose figures add the higher offices' votes: the rounds
   * added, and per line the sum and its parts as the declaration pinned them (the public sees the lines it sees in
   * `tally`). Absent when nothing was summed.
   */
  summed?: { from: { contestId: string; round: number }[]; tally: SummedLine[] };
}
export interface ContestView {
  contestId: string;
  office: string;
  seats: number;
  mode: string;
  electorate: Electorate;
  /** An election, or a recommendation (推荐票) or trust (信任票) contest (P-09c). */
  ballot: BallotKind;
  /** The colour of its ballot paper (CreateContest ballotColour); null when none was chosen. */
  ballotColour: ContestState['ballotColour'];
  status: ContestStatus;
  candidates: CandidateView[];
  nominees?: {
    memberId: string;
    name: string;
    routes: { route: string; supporters: number }[];
    review: { qualified: boolean; reason: string } | null;
    recommendationVotes: number | null;
    recommendationPasses: boolean | null;
  }[];
  list: {
    noticeDays: number;
    publishedOn: string;
    confirmed: boolean;
    republishRequired: ContestState['republishRequired'];
  } | null;
  /**
   * P-08b: the candidates adopted from the list the 换届 fixed, each with the steps it passed (its provenance), and
   * the process stream's revision and head the adoption pins; null when the contest adopted none. Roles that see
   * nominees see it at once; everyone once the list is published (the names went through the 换届's public notice).
   */
  adoption: ContestState['adoption'];
  /** Set when the contest was withdrawn before its first round (WithdrawContest), with the chair's reason. */
  withdrawal: ContestState['withdrawal'];
  /** Lists published and then taken down (WithdrawCandidateList), oldest first, with the reason. */
  listWithdrawals: { reason: string; revision: number; on: string; publishedOn: string; wasConfirmed: boolean }[];
  /**
   * A contest the committee elects among its members (P-29): who may be nominated now, by member id (the committee's
   * candidates, or the members it elected once it has voted). Roles that see nominees only; absent for a contest the
   * meeting elects.
   */
  mayStand?: string[];
  /** Candidates and nominees who withdrew, with the reason (roles that see nominees only). */
  withdrawn?: { memberId: string; name: string; reason: string; revision: number }[];
  pending: ContestState['pending'];
  elected: string[];
  vacant: number;
  approval: string | null;
  electorateFigures: { expected: number; presentVoters: number; quorum: QuorumStatus };
  rounds: RoundView[];
  /** V-12: a seat reserved for a woman (妇女委员); absent for any other contest. */
  reserved?: 'women';
  /** V-11b: seats still empty after the second ballot: a new election is due by `dueBy`. */
  newElection?: NonNullable<ContestState['newElection']>;
}
export interface MeetingView {
  meetingId: string;
  title: string;
  organisation: string;
  scheduledFor: string;
  closed: boolean;
  /** The meeting's IANA zone, and when it is held read in that zone (`startTime` null for a date-only schedule). */
  timeZone: string;
  schedule: MeetingSchedule;
  /**
   * A rehearsal (演练): every screen and document shows a watermark, its chair may delete it, and anything above the
   * meeting (a district board, statistics) must not count it. False for a real meeting.
   */
  practice: boolean;
  /** Whether check-in waits for the scheduled day, and whether the chair opened it early: earlyDay(meetingDay, now). */
  meetingDay: MeetingDayFacts;
  revision: number;
  chainHead: string;
  ruleset: { name: string; parameters: Ruleset };
  /** `officer`: a teller's own appointed name, from the officer its credential is bound to (P-17). */
  viewer: { role: Role; memberId?: string; officer?: string };
  attendance: {
    expected: number;
    presentVoters: number;
    attendeesWithoutVote: number;
    excluded: number;
    /** Voters who checked in and have left since (中途离场); presentVoters no longer counts them. */
    departedVoters: number;
    quorum: QuorumStatus;
  };
  attendanceTimeline?: MeetingState['attendance'];
  /** The roll is fixed: a round of some contest has opened, so no member is added or corrected (P-02). */
  rollFrozen: boolean;
  stage: 'roll' | 'method-and-officers' | 'candidates' | 'rounds' | 'results' | 'approval' | 'closed';
  /** `vote`: the show of hands that adopted the method (ElectionMethodAdopted), read out in the host's script. */
  method: { adopted: boolean; vote?: Vote };
  officers: {
    /** The show of hands that approved the officers (OfficersAppointed). */
    vote?: Vote;
    scrutineerCount: number;
    tellerCount: number;
    scrutineers?: { memberId: string; name: string }[];
    tellers?: { name: string }[];
  } | null;
  members?: {
    memberId: string;
    name: string;
    status: MemberStatus;
    /** P-06: a masses' representative or an invited deputy; absent for a party member. */
    category?: RecordedCategory;
    /** V-02: a registered voter's ground, household and group, and sex where recorded. */
    registration?: Registration;
    sex?: Sex;
    /** V-03: taken off the voter list, and why. */
    removal?: { reason: string };
    present?: boolean;
    /** Checked in earlier and recorded as having left since; absent otherwise (a withdrawn check-in is no departure). */
    left?: true;
    excluded?: { reason: string; approvalRef: string } | null;
  }[];
  /** Corrections of the roll (CorrectMember), oldest first, for the roles that see the roll. */
  memberCorrections?: MeetingState['memberCorrections'];
  me?: { memberId: string; name: string; status: string; present: boolean; excluded: boolean };
  contests: ContestView[];
  credentials?: {
    credentialId: string;
    role: Role;
    name?: string | undefined;
    memberId?: string | undefined;
    /** The appointed officer a teller's or scrutineer's credential is bound to. */
    officer?: string | undefined;
    revoked: boolean;
  }[];
  /** Chair only: whether a printed recovery code can mint a new chair credential (SetRecoveryCode). */
  recoveryCodeSet?: boolean;
  /** Presence (issue 19): how the present members checked in, for the roles that see presence and the clerk. */
  arrivals?: ArrivalsView;
  /** V-10: written proxies, under the village and residents' rulesets only (proxies-view.ts says who sees what). */
  proxies?: ProxiesView;
  /** V-02 / V-03: the voter list, under the village and residents' rulesets only (registration-view.ts). */
  registration?: RegistrationView;
  /** V-11: the central meeting, polling stations and mobile boxes set up (none outside village and residents' rulesets). */
  stations: StationView[];
  /** V-11: the polls, each a paper for several contests' rounds, with each box's counts and the turnout (V-06). */
  polls: PollView[];
  /** V-12 and other signals on the whole meeting (compositionFlags); empty when there is nothing to flag. */
  flags: MeetingFlag[];
  /**
   * The meeting's anomalies as the district board numbers them (A-01 …, board/anomalies.ts), for the chair and the
   * supervisor: those the state shows (A-02 and A-05 need the chain verdict and the clock, which the board adds).
   */
  anomalies?: Anomaly[];
  /** P-19: how many 代写 records the meeting holds (every role: a number, never who). */
  assistedWritingCount: number;
  /** P-19: who wrote for whom, in the order recorded (chair and supervisor only); never linked to a ballot. */
  assistedWriting?: { voterId: string; voterName: string; writerId: string; writerName: string; revision: number }[];
}

/**
 * What judgeBallot needs for a ballot of this round, from a view that shows the
 * roll (teller, scrutineer, chair), so a screen judges a ballot as the count will.
 */
export function viewWriteInRules(
  view: Pick<MeetingView, 'ruleset' | 'members'>,
  round: Pick<RoundView, 'kind' | 'candidates' | 'writeInsAmong' | 'reserved'>,
): WriteInRules {
  const eligible = new Set((view.members ?? []).filter((m) => mayBeWrittenIn(m, round)).map((m) => m.memberId));
  return {
    policy: view.ruleset.parameters.writeIns,
    kind: round.kind,
    candidates: round.candidates,
    mayBeElected: (id) => eligible.has(id),
  };
}

/**
 * P-19: whom the 代写 form offers, from a view that shows the roll, as recordAssistedWriting will take them: voters
 * who came to the meeting where no proxy may vote (anyone on the roll where one may, V-10), and writers who stand in
 * no contest that is not withdrawn.
 */
export function viewAssistedWriting(view: Pick<MeetingView, 'ruleset' | 'members' | 'contests'>): {
  voters: string[];
  writers: string[];
} {
  const members = view.members ?? [];
  const proxies = !!view.ruleset.parameters.proxies;
  const standing = new Set(
    view.contests
      .filter((c) => !c.withdrawal)
      .flatMap((c) => c.candidates.filter((x) => x.status !== 'withdrawn').map((x) => x.memberId)),
  );
  return {
    voters: members
      .filter((m) => votesIn(view.ruleset.parameters, m) && (proxies || m.present || m.left))
      .map((m) => m.memberId),
    writers: members.filter((m) => !standing.has(m.memberId)).map((m) => m.memberId),
  };
}

const nameOf = (s: MeetingState, id: string) => s.members.get(id)?.name ?? id;

function roundView(s: MeetingState, c: ContestState, r: RoundState, viewer: Viewer): RoundView {
  const ruleset = s.ruleset!;
  const public_ = !SEES_ROLL.includes(viewer.role);
  // Privacy (issue 19): while the round is open the public sees the board's running totals, which move in steps of
  // several ballots (RoundState.board), so no two public views differ by one ballot's marks.
  const onlyBoard = boardStep() > 1 && !SEES_EVERY_BALLOT.includes(viewer.role) && r.status === 'open';
  const totals: BoardTotals = onlyBoard
    ? r.board
    : {
        ballots: r.valid + r.invalid,
        valid: r.valid,
        invalid: r.invalid,
        tally: [...r.tally.values()],
        unreadable: Object.fromEntries(r.unreadable),
      };
  const entered = totals.ballots;
  const threshold = roundThreshold(ruleset, {
    kind: r.kind,
    presentVoters: r.presentVoters,
    expected: r.expected,
    ballotsReturned: r.ballotsReturned ?? entered,
  });
  const thresholdProvisional =
    r.ballotsReturned === null && threshold !== null && thresholdRestsOnReturned(ruleset, r.kind);
  const lines = new Map(totals.tally.map((t) => [t.candidateId, t]));
  const candidateLines = r.candidates.map((id) => lines.get(id) ?? { candidateId: id, for: 0, against: 0, abstain: 0 });
  const writeInLines = totals.tally.filter((t) => !r.candidates.includes(t.candidateId));
  const elected = r.declared?.elected ?? [];
  // The public hears a write-in (另行提名) by name only once elected: otherwise as a total, and as a count above the bar.
  const named = (id: string) => !public_ || r.candidates.includes(id) || elected.includes(id);
  const above = threshold === null ? [] : totals.tally.filter((t) => t.for >= threshold).map((t) => t.candidateId);
  const view: RoundView = {
    round: r.round,
    kind: r.kind,
    status: r.status,
    seats: r.seats,
    candidates: r.candidates,
    ...(r.writeInsAmong ? { writeInsAmong: [...r.writeInsAmong] } : {}),
    ...(r.reserved ? { reserved: r.reserved } : {}),
    presentVoters: r.presentVoters,
    expected: r.expected,
    ballotsIssued: r.ballotsIssued,
    ballotsEntered: entered,
    ballotsPending: r.ballots.size - (r.valid + r.invalid),
    ballotsReturned: r.ballotsReturned,
    valid: totals.valid,
    invalid: totals.invalid,
    threshold,
    thresholdProvisional,
    tally: [...candidateLines, ...writeInLines].filter((t) => named(t.candidateId)).map((t) => ({ ...t })),
    unreadable: Object.fromEntries(r.candidates.map((id) => [id, totals.unreadable[id] ?? 0])),
    writeInTotal: writeInLines.reduce((n, t) => n + t.for, 0),
    aboveThreshold: above.filter(named),
    writeInsAboveThreshold: above.filter((id) => !named(id)).length,
    elected,
    doubleEntry: r.doubleEntry,
    // Officers are named to the roles that see them named (officers below), as their entries are.
    corrections: public_
      ? r.corrections
      : r.corrections.map((x) => {
          const scrutineerName = credentialHolderName(s, x.scrutineer);
          return scrutineerName ? { ...x, scrutineerName } : x;
        }),
    reopenings: r.reopenings,
    reopenable: reopenBar(s, c, r) === null,
  };
  if (r.poll !== null) {
    view.poll = r.poll;
    view.boxes = Object.fromEntries(r.boxes);
  }
  if (onlyBoard) view.totalsEvery = boardStep();
  const from = r.declared?.summedFrom;
  if (from && r.declared)
    view.summed = {
      from,
      tally: r.declared.tally.filter((t) => named(t.candidateId)).map((t) => ({ ...t })),
    };
  const rec = !onlyBoard || r.board.ballots === r.valid + r.invalid ? recommendationRoundResult(s, c, r) : null;
  if (rec) {
    const shown = public_ ? { ...rec, lines: rec.lines.filter((l) => !l.writeIn || l.passed === true) } : rec;
    view.recommendation = shown;
    // P-09: the bar is the recommendation's, and nobody is elected.
    view.threshold = rec.required;
    view.thresholdProvisional = false;
    view.aboveThreshold = shown.lines.filter((l) => l.passed === true).map((l) => l.candidateId);
    view.writeInsAboveThreshold = 0;
  } else if (c.ballot === 'recommendation' || c.ballot === 'trust') {
    view.threshold = null;
    view.thresholdProvisional = false;
    view.aboveThreshold = [];
  }
  // The round's papers are read only until the disputed ones the fold counted are found (none, usually).
  if (SEES_PRESENCE.includes(viewer.role) && r.doubleEntry) {
    const discrepancies: NonNullable<RoundView['discrepancies']> = [];
    for (const [ballotNo, b] of r.ballots) {
      if (discrepancies.length === r.disputed) break;
      if (!isDisputed(b)) continue;
      const entries = slotEntries(b).map((e) => {
        const tellerName = credentialHolderName(s, e.teller);
        return { teller: e.teller, ...(tellerName ? { tellerName } : {}), marks: e.marks, writeIns: e.writeIns };
      });
      discrepancies.push({ ballotNo, entries });
    }
    view.discrepancies = discrepancies;
  }
  if (viewer.role === 'teller' && viewer.id) {
    const mine: NonNullable<RoundView['myEntries']> = [];
    for (const [ballotNo, b] of r.ballots)
      for (const e of slotEntries(b))
        if (e.teller === viewer.id)
          mine.push({
            ballotNo,
            marks: e.marks,
            writeIns: e.writeIns,
            ...(e.paper !== undefined ? { paper: e.paper } : {}),
            settled: b.counted !== null,
          });
    view.myEntries = mine;
  }
  return view;
}

function candidateStatus(c: ContestState, id: string): CandidateView['status'] {
  if (c.elected.includes(id)) return 'elected';
  if (c.withdrawn.some((w) => w.candidateId === id)) return 'withdrawn';
  const last = c.rounds[c.rounds.length - 1];
  // Out of the running once a declared round left them out of whatever round comes next.
  const decided = last?.status === 'declared' && !c.pending?.candidates.includes(id);
  if (decided) return 'not-elected';
  if (c.list?.candidateIds.includes(id)) return 'candidate';
  const review = c.nominees.get(id)?.review;
  return review ? (review.qualified ? 'qualified' : 'not-qualified') : 'nominated';
}

function contestView(s: MeetingState, c: ContestState, viewer: Viewer): ContestView {
  const privileged = SEES_PRESENCE.includes(viewer.role);
  // Before the list is published, nominees are internal to the organisation.
  const publicIds = c.list?.candidateIds ?? [];
  const ids = privileged ? [...new Set([...publicIds, ...c.nominees.keys()])] : publicIds;
  const recs = c.recommendations;
  const view: ContestView = {
    contestId: c.contestId,
    office: c.office,
    seats: c.seats,
    mode: c.mode,
    electorate: c.electorate,
    ballot: c.ballot ?? 'election',
    ballotColour: c.ballotColour,
    status: contestStatus(c),
    candidates: ids.map((id) => ({ memberId: id, name: nameOf(s, id), status: candidateStatus(c, id) })),
    list: c.list
      ? {
          noticeDays: c.list.noticeDays,
          publishedOn: c.list.publishedOn,
          confirmed: c.confirmed,
          republishRequired: c.republishRequired,
        }
      : null,
    adoption: c.adoption && (privileged || c.list) ? c.adoption : null,
    withdrawal: c.withdrawal,
    listWithdrawals: c.listWithdrawals.map((w) => ({
      reason: w.reason,
      revision: w.revision,
      on: w.on,
      publishedOn: w.publishedOn,
      wasConfirmed: w.wasConfirmed,
    })),
    pending: c.pending,
    elected: c.elected,
    vacant: c.vacant,
    approval: c.approval,
    electorateFigures: electorateOf(s, c),
    rounds: c.rounds.map((r) => roundView(s, c, r, viewer)),
    ...(c.reserved ? { reserved: c.reserved } : {}),
    ...(c.newElection ? { newElection: { ...c.newElection } } : {}),
  };
  if (privileged) {
    if (c.electorate !== 'meeting')
      view.mayStand = [...s.members.values()]
        .filter((m) => outsideCommittee(s, c, m.memberId, m.name, '') === null)
        .map((m) => m.memberId);
    view.withdrawn = c.withdrawn.map((w) => ({
      memberId: w.candidateId,
      name: nameOf(s, w.candidateId),
      reason: w.reason,
      revision: w.revision,
    }));
    view.nominees = [...c.nominees.values()].map((n) => {
      const votes = recs ? (recs.votes[n.memberId] ?? 0) : null;
      return {
        memberId: n.memberId,
        name: nameOf(s, n.memberId),
        routes: n.routes.map((r) => ({ route: r.route, supporters: r.supporters.length })),
        review: n.review,
        recommendationVotes: votes,
        recommendationPasses:
          recs && votes !== null ? meets(votes, recs.ballotsCast, s.ruleset!.recommendationPass) : null,
      };
    });
  }
  return view;
}

/** Where the agenda stands, in one word; which steps are complete is agendaSteps (signals.ts). */
function stageOf(s: MeetingState): MeetingView['stage'] {
  if (s.closed) return 'closed';
  // A withdrawn contest is neither to be run nor finished: the stage follows the contests that stand.
  const contests = [...s.contests.values()].filter((c) => !isWithdrawn(c));
  // P-05: the roll is counted until the quorum is met, not at the first check-in.
  const quorumMet = electorateOf(s, { electorate: 'meeting' } as ContestState).quorum.met;
  if (!s.method || !s.officers) return quorumMet || s.method ? 'method-and-officers' : 'roll';
  if (contests.length === 0 || contests.every((c) => c.rounds.length === 0 && !c.confirmed)) return 'candidates';
  const final = contests.every((c) => ['complete', 'approved', 'new-election-due'].includes(contestStatus(c)));
  if (!final) return 'rounds';
  // P-31: the results that await the upper organisation's answer, as the board and the agenda ask.
  return answered(s.ruleset, contests) ? 'approval' : 'results';
}

/** The meeting as one role may see it. Observers, kiosks and members never get the roll or who is present. */
/**
 * The appointed teller a teller's own credential is bound to, by name (each teller watches its own live room, so
 * every update carries it); nothing for other viewers.
 */
function officerOf(s: MeetingState, viewer: Viewer): { officer?: string } {
  if (viewer.role !== 'teller' || !viewer.id) return {};
  const bound = s.credentials.get(viewer.id)?.officer !== undefined;
  const name = bound ? credentialHolderName(s, viewer.id) : undefined;
  return name ? { officer: name } : {};
}

/** V-02 / V-03: a roll entry's registration, sex and removal, where recorded. */
function registrationOfMember(m: MemberState) {
  return {
    ...(m.registration ? { registration: m.registration } : {}),
    ...(m.sex ? { sex: m.sex } : {}),
    ...(m.removal ? { removal: { reason: m.removal.reason } } : {}),
  };
}

export function meetingView(s: MeetingState, viewer: Viewer): MeetingView {
  const ruleset = s.ruleset!;
  const expected = expectedOf(s);
  const meetingElectorate = { expected, presentVoters: s.presentVoters };
  const view: MeetingView = {
    meetingId: s.meetingId,
    title: s.title,
    organisation: s.organisation,
    scheduledFor: s.scheduledFor,
    closed: s.closed,
    timeZone: s.timeZone,
    schedule: scheduleOf(s.scheduledFor, s.timeZone),
    practice: s.practice === true,
    meetingDay: meetingDayFacts(s),
    revision: s.revision,
    chainHead: s.head,
    ruleset: { name: ruleset.name, parameters: ruleset },
    viewer: {
      role: viewer.role,
      ...(viewer.memberId ? { memberId: viewer.memberId } : {}),
      ...officerOf(s, viewer),
    },
    attendance: {
      ...meetingElectorate,
      attendeesWithoutVote: s.attendeesWithoutVote,
      excluded: s.excluded,
      departedVoters: departedVoters(s),
      quorum: electorateOf(s, { electorate: 'meeting' } as ContestState).quorum,
    },
    rollFrozen: votingHasBegun(s),
    stage: stageOf(s),
    method: s.method ? { adopted: true, vote: { ...s.method } } : { adopted: false },
    officers: null,
    contests: [...s.contests.values()].map((c) => contestView(s, c, viewer)),
    stations: stationsView(s),
    polls: pollsView(s, viewer.role),
    flags: [],
    assistedWritingCount: s.assistedWriting.length,
  };
  view.flags = compositionFlags(ruleset, view.contests, (id) => s.members.get(id)?.sex);
  if (viewer.role === 'chair' || viewer.role === 'supervisor') view.anomalies = meetingAnomalies(s);
  if (viewer.role === 'chair' || viewer.role === 'supervisor')
    view.assistedWriting = s.assistedWriting.map((a) => ({
      voterId: a.voterId,
      voterName: nameOf(s, a.voterId),
      writerId: a.writerId,
      writerName: nameOf(s, a.writerId),
      revision: a.revision,
    }));
  // Presence (issue 19): the clerk's desk sees the roll and who is present, as the chair's does; nothing else.
  const desk = DESK_ROLES.includes(viewer.role);
  const seesRoll = SEES_ROLL.includes(viewer.role) || desk;
  const seesPresence = SEES_PRESENCE.includes(viewer.role) || desk;
  if (s.officers) {
    view.officers = {
      vote: { ...s.officers.vote },
      scrutineerCount: s.officers.scrutineers.length,
      tellerCount: s.officers.tellers.length,
    };
    if (seesRoll) {
      view.officers.scrutineers = s.officers.scrutineers.map((id) => ({ memberId: id, name: nameOf(s, id) }));
      view.officers.tellers = s.officers.tellers.map((t) => ({ name: t.name }));
    }
  }
  if (seesRoll) {
    view.members = [...s.members.values()].map((m) =>
      seesPresence
        ? {
            memberId: m.memberId,
            name: m.name,
            status: m.status,
            ...(m.category ? { category: m.category } : {}),
            ...registrationOfMember(m),
            present: m.present,
            ...(m.left === 'departed' ? { left: true as const } : {}),
            excluded: m.excluded,
          }
        : {
            memberId: m.memberId,
            name: m.name,
            status: m.status,
            ...(m.category ? { category: m.category } : {}),
            ...registrationOfMember(m),
          },
    );
  }
  const registration = registrationView(s, viewer.role);
  if (registration) view.registration = registration;
  if (seesPresence) view.attendanceTimeline = s.attendance;
  if (seesPresence) view.arrivals = arrivalsOf(s, viewer.role);
  if (seesRoll) view.memberCorrections = s.memberCorrections;
  if (viewer.role === 'chair') {
    view.credentials = [...s.credentials.values()].map((c) => ({
      credentialId: c.credentialId,
      role: c.role,
      name: c.name,
      memberId: c.memberId,
      ...(c.officer !== undefined ? { officer: c.officer } : {}),
      revoked: c.revoked,
    }));
    view.recoveryCodeSet = !!s.recoveryCodeHash;
  }
  const proxies = proxiesView(s, viewer.role);
  if (proxies) view.proxies = proxies;
  if (viewer.role === 'member' && viewer.memberId) {
    const m = s.members.get(viewer.memberId);
    if (m)
      view.me = {
        memberId: m.memberId,
        name: m.name,
        status: m.status,
        present: m.present,
        excluded: m.excluded !== null,
      };
  }
  return view;
}

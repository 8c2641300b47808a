import { DomainError, refuse } from '../errors.js';
import { meets } from '../rules/fraction.js';
import { computeOutcome } from '../rules/outcome.js';
import { higherOffices, summedTally, type HigherRound } from '../rules/office-votes.js';
import { turnoutRuleFor } from '../rules/quorum.js';
import { ballotCap, recommendationResult } from '../rules/recommendation.js';
import { ballotOrderFor } from './collation.js';
import type { CommandData } from './commands.js';
import type { DecideContext } from './context.js';
import { electorateOf } from './electorate.js';
import type { EventDataMap, NewEvent } from './events.js';
import { republicationRequired } from './decide-candidates.js';
import { noUndecidedObjections } from './decide-registration.js';
import { contest, meetingDay, member, notClosed, round } from './guards.js';
import { checkBallotBox, pollBoxesCounted, stationName } from './polling.js';
import { addMonths } from './local-date.js';
import type { ContestState, MeetingState, RoundState } from './state.js';
import { contestStatus, reconcileReturned, reopenBar, vacancyConsentBase } from './status.js';

export function openRound(s: MeetingState, d: CommandData<'OpenRound'>): NewEvent[] {
  notClosed(s);
  const c = contest(s, d.contestId);
  const e = roundMayOpen(s, c);
  // P-21: one paper per voter present at most; fewer when a voter took none (the difference stays on the record).
  const ballotsIssued = d.ballotsIssued ?? e.presentVoters;
  if (ballotsIssued > e.presentVoters)
    throw refuse.rule(
      'P-21',
      'BALLOTS_ISSUED_EXCEED_PRESENT',
      `${ballotsIssued} ballots issued but only ${e.presentVoters} voters present`,
      'data.ballotsIssued',
    );
  return [
    {
      type: 'RoundOpened',
      data: roundOpenedData(s, c, { ballotsIssued, presentVoters: e.presentVoters, expected: e.expected }),
    },
  ];
}

/** The round a contest's pending round opens as, with the figures it starts from (a poll's start from none issued). */
export function roundOpenedData(
  s: MeetingState,
  c: ContestState,
  figures: { ballotsIssued: number; presentVoters: number; expected: number },
  poll?: string,
): EventDataMap['RoundOpened'] {
  const pending = c.pending!;
  return {
    contestId: c.contestId,
    round: c.rounds.length + 1,
    kind: pending.kind,
    seats: roundSeats(s, c, pending.seats, pending.candidates),
    candidates: pending.candidates,
    ...figures,
    doubleEntry: s.ruleset!.doubleEntry,
    ...(poll !== undefined ? { poll } : {}),
  };
}

/**
 * P-15, P-29, P-05/P-30: whether contest c's pending round may open now (OpenRound, and each contest of an OpenPoll);
 * the electorate's figures it opens with.
 */
export function roundMayOpen(s: MeetingState, c: ContestState): ReturnType<typeof electorateOf> {
  noUndecidedObjections(s);
  if (!s.method) throw refuse.rule('P-15', 'METHOD_NOT_ADOPTED', 'the meeting has not adopted the election method');
  if (!s.officers)
    throw refuse.rule('P-15', 'OFFICERS_NOT_APPOINTED', 'scrutineers and tellers have not been appointed');
  const status = contestStatus(c);
  if (status === 'round-open')
    throw refuse.conflict('ROUND_OPEN', `contest ${c.contestId} already has an open round`, undefined, {
      contestId: c.contestId,
    });
  if (c.republishRequired) throw republicationRequired(c);
  if (!c.pending) {
    if (status === 'nominating' || status === 'published')
      throw refuse.rule(
        'P-15',
        'LIST_NOT_CONFIRMED',
        `the candidate list of ${c.contestId} is not confirmed`,
        undefined,
        {
          contestId: c.contestId,
        },
      );
    if (status === 'round-closed')
      throw refuse.rule('P-24', 'RESULT_NOT_DECLARED', 'declare the result of the last round first');
    if (c.newElection)
      throw refuse.rule(
        'V-11b',
        'NEW_ELECTION_DUE',
        `${c.newElection.seats} seat(s) of ${c.contestId} stayed empty after the second ballot; a new election is due by ${c.newElection.dueBy}, not another round`,
        'data.contestId',
        { contestId: c.contestId, seats: c.newElection.seats, date: c.newElection.dueBy },
      );
    throw refuse.conflict('CONTEST_COMPLETE', `contest ${c.contestId} has no seats left to fill`, undefined, {
      contestId: c.contestId,
    });
  }
  if (c.electorate !== 'meeting') {
    const source = s.contests.get(c.electorate.committeeOf)!;
    const st = contestStatus(source);
    if (st !== 'complete' && st !== 'approved')
      throw refuse.rule(
        'P-29',
        'COMMITTEE_NOT_ELECTED',
        `the committee (${source.contestId}) is not fully elected yet`,
        undefined,
        { committeeId: source.contestId },
      );
    // A list published before the meeting named committee candidates (P-29); the ballot may carry only the elected.
    const outside = c.pending.candidates.filter((id) => !source.elected.includes(id));
    if (outside.length > 0)
      throw refuse.rule(
        'P-29',
        'NOT_COMMITTEE_MEMBER',
        `${outside.map((id) => s.members.get(id)?.name ?? id).join(', ')} on the list of ${c.contestId} ${outside.length > 1 ? 'were' : 'was'} not elected to the committee; withdraw them (WithdrawCandidate) or the list (WithdrawCandidateList)`,
        'data.contestId',
      );
  }
  // P-05 / P-30: the quorum is re-checked when each round's ballots are issued.
  const e = electorateOf(s, c);
  if (e.quorum.blocking && !e.quorum.met) {
    throw refuse.rule(
      e.quorum.rule,
      'QUORUM_NOT_MET',
      `present voters ${e.presentVoters}, at least ${e.quorum.required} needed of ${e.expected} expected`,
      undefined,
      { present: e.presentVoters, required: e.quorum.required, expected: e.expected },
    );
  }
  return e;
}

/** What a ballot's cap is (P-23, P-09a): ballotCap, one implementation with the host's script. */
function roundSeats(s: MeetingState, c: ContestState, seats: number, candidates: readonly string[]): number {
  return ballotCap(c.ballot, s.ruleset!.recommendation, c.seats, seats, candidates);
}

/**
 * The round a ballot entry or a close is for, if it is open. After the result was announced (P-15 step 10)
 * nothing reopens it, so that refusal names the declaration; a closed round the chair may still reopen.
 */
function openRoundOf(s: MeetingState, contestId: string, n: number): RoundState {
  const c = contest(s, contestId);
  const r = round(c, n);
  if (r.status === 'declared') throw resultDeclared(contestId, r);
  if (r.status !== 'open') {
    const mend = reopenBar(s, c, r) === null ? '; the chair may reopen it to mend the count' : '';
    throw refuse.rule(
      'P-21',
      'ROUND_CLOSED',
      `round ${n} of ${contestId} is closed; its count is fixed${mend}`,
      'data.round',
      { contestId, round: n },
    );
  }
  return r;
}

function resultDeclared(contestId: string, r: RoundState): DomainError {
  const elected = r.declared?.elected ?? [];
  return refuse.rule(
    'P-15',
    'RESULT_DECLARED',
    `the result of round ${r.round} of ${contestId} was declared at revision ${r.declaredRevision ?? '?'} (elected: ${elected.length ? elected.join(', ') : 'nobody'}); its count can no longer change`,
    'data.round',
    { contestId, round: r.round, memberIds: elected },
  );
}

/**
 * Mends a count before its result is announced: the latest round of a contest, closed valid or void, opens again
 * so entries can be corrected or voided and the round closed anew with a fresh count of returned papers (P-21).
 */
export function reopenRound(s: MeetingState, d: CommandData<'ReopenRound'>): NewEvent[] {
  notClosed(s);
  const c = contest(s, d.contestId);
  const r = round(c, d.round);
  // 'meeting-closed' was refused by notClosed above, before the contest and round were looked up.
  const bar = reopenBar(s, c, r);
  if (bar === 'declared') throw resultDeclared(c.contestId, r);
  if (bar === 'open')
    throw refuse.rule(
      'P-21',
      'ROUND_NOT_CLOSED',
      `round ${d.round} of ${c.contestId} is open; there is nothing to reopen`,
      'data.round',
      { contestId: c.contestId, round: d.round },
    );
  if (bar === 'superseded')
    throw refuse.rule(
      'P-21',
      'ROUND_SUPERSEDED',
      `round ${d.round} of ${c.contestId} was followed by round ${c.rounds.length}`,
      'data.round',
      { contestId: c.contestId, round: d.round },
    );
  if (bar === 'left-vacant')
    throw refuse.rule(
      'P-28',
      'SEATS_LEFT_VACANT',
      `after round ${d.round} of ${c.contestId} the seats were left vacant`,
      'data.round',
      { contestId: c.contestId, round: d.round },
    );
  return [{ type: 'RoundReopened', data: { contestId: c.contestId, round: r.round, reason: d.reason } }];
}

/**
 * P-22: what a teller or scrutineer may key in for a ballot of this round.
 * Marks are only for the round's candidates. A write-in is keyed as read out
 * even when it cannot count (a listed candidate, someone without the right to
 * be elected, a re-vote, a repeat): the paper exists, and judgeBallot voids
 * that write-in alone (P-22, P-23). Only a name not on the roll is a keying error.
 */
function checkBallotContent(
  s: MeetingState,
  c: ContestState,
  r: RoundState,
  d: { marks: Record<string, string>; writeIns: string[]; paper?: string | undefined },
) {
  const { marks, writeIns } = d;
  for (const id of Object.keys(marks)) {
    if (!r.candidates.includes(id))
      throw refuse.rule('P-22', 'UNKNOWN_CANDIDATE', `${id} is not a candidate on this ballot`, `data.marks.${id}`, {
        candidateId: id,
      });
  }
  checkPaper(c, d);
  writeIns.forEach((id, i) => member(s, id, `data.writeIns.${i}`));
}

/**
 * P-09c, P-09d [D]: what a recommendation or trust paper can carry. Each carries its category (its colour), an
 * election ballot none. A recommendation paper marks names recommended (推荐) and nothing else, with write-ins; a
 * trust paper rates each name 信任 / 基本信任 / 不信任 (for / abstain / against) and has no write-in line.
 */
function checkPaper(
  c: ContestState,
  d: { marks: Record<string, string>; writeIns: string[]; paper?: string | undefined },
) {
  if (c.ballot === 'election') {
    if (d.paper !== undefined)
      throw refuse.invalid('data.paper', 'PAPER_NOT_ON_BALLOT', 'an election ballot has no paper category', {
        contestId: c.contestId,
      });
    return;
  }
  if (d.paper === undefined)
    throw refuse.rule(
      'P-09d',
      'PAPER_REQUIRED',
      `a ${c.ballot} ballot is counted by its paper's category (member, masses or deputy)`,
      'data.paper',
      { contestId: c.contestId },
    );
  for (const [id, mark] of Object.entries(d.marks)) {
    if (c.ballot === 'recommendation' && (mark === 'against' || mark === 'abstain'))
      throw refuse.rule(
        'P-09c',
        'MARK_NOT_ON_PAPER',
        `a recommendation ballot marks a name recommended or leaves it blank, not ${mark}`,
        `data.marks.${id}`,
        { candidateId: id, mark },
      );
  }
  if (c.ballot === 'trust' && d.writeIns.length > 0)
    throw refuse.rule('P-09c', 'WRITE_IN_NOT_ON_PAPER', 'a trust ballot rates the listed names only', 'data.writeIns', {
      contestId: c.contestId,
    });
}

export function recordBallot(s: MeetingState, d: CommandData<'RecordBallot'>, ctx: DecideContext): NewEvent[] {
  notClosed(s);
  const r = openRoundOf(s, d.contestId, d.round);
  checkBallotContent(s, contest(s, d.contestId), r, d);
  const slot = r.ballots.get(d.ballotNo);
  checkBallotBox(s, r, d, slot, 'entry');
  const duplicate = () =>
    new DomainError(
      'rule',
      'DUPLICATE_BALLOT_NUMBER',
      `ballot ${d.ballotNo} is already entered in this round; each returned ballot counts once (P-21)`,
      { rule: 'P-21', field: 'data.ballotNo', params: { ballotNo: d.ballotNo } },
    );
  if (slot) {
    if (slot.correction) throw duplicate();
    if (!r.doubleEntry || slot.second !== null || slot.first?.teller === ctx.actor.id) throw duplicate();
  }
  return [
    {
      type: 'BallotRecorded',
      data: {
        contestId: d.contestId,
        round: d.round,
        ballotNo: d.ballotNo,
        marks: d.marks,
        writeIns: d.writeIns,
        ...(d.paper !== undefined ? { paper: d.paper } : {}),
        ...(d.station !== undefined ? { station: d.station } : {}),
        teller: ctx.actor.id,
      },
    },
  ];
}

export function correctBallot(s: MeetingState, d: CommandData<'CorrectBallot'>, ctx: DecideContext): NewEvent[] {
  notClosed(s);
  const r = openRoundOf(s, d.contestId, d.round);
  if (!r.ballots.has(d.ballotNo))
    throw refuse.notFound('data.ballotNo', 'UNKNOWN_BALLOT', `ballot ${d.ballotNo} has not been entered`, {
      ballotNo: d.ballotNo,
    });
  checkBallotContent(s, contest(s, d.contestId), r, d);
  checkBallotBox(s, r, d, r.ballots.get(d.ballotNo), 'correction');
  const { paper, station, ...rest } = d;
  return [
    {
      type: 'BallotEntryCorrected',
      data: {
        ...rest,
        ...(paper !== undefined ? { paper } : {}),
        ...(station !== undefined ? { station } : {}),
        scrutineer: ctx.actor.id,
      },
    },
  ];
}

export function voidBallotEntry(s: MeetingState, d: CommandData<'VoidBallotEntry'>, ctx: DecideContext): NewEvent[] {
  notClosed(s);
  const r = openRoundOf(s, d.contestId, d.round);
  if (!r.ballots.has(d.ballotNo))
    throw refuse.notFound('data.ballotNo', 'UNKNOWN_BALLOT', `ballot ${d.ballotNo} has not been entered`, {
      ballotNo: d.ballotNo,
    });
  checkBallotBox(s, r, d, r.ballots.get(d.ballotNo), 'voiding');
  const { station, ...rest } = d;
  return [
    {
      type: 'BallotEntryVoided',
      data: { ...rest, ...(station !== undefined ? { station } : {}), scrutineer: ctx.actor.id },
    },
  ];
}

export function closeRound(s: MeetingState, d: CommandData<'CloseRound'>): NewEvent[] {
  notClosed(s);
  const r = openRoundOf(s, d.contestId, d.round);
  const base = { contestId: d.contestId, round: d.round, ballotsReturned: d.ballotsReturned };
  const poll = r.poll === null ? null : pollBoxesCounted(s, r.poll, d.ballotsReturned);
  // P-21 per box: one box giving more papers than were issued there voids the poll's rounds, naming the box.
  const overfull = poll?.find((b) => b.returned! > b.issued);
  if (overfull)
    return [{ type: 'RoundClosed', data: { ...base, status: 'void', rule: 'P-21', station: overfull.stationId } }];
  const papers = reconcileReturned(r, d.ballotsReturned);
  // P-21: more ballots back than were issued voids the whole round.
  if (papers.overIssued > 0) return [{ type: 'RoundClosed', data: { ...base, status: 'void', rule: 'P-21' } }];
  const turnout = turnoutRuleFor(s.ruleset!, r.kind);
  if (turnout && !meets(d.ballotsReturned, r.expected, turnout))
    return [{ type: 'RoundClosed', data: { ...base, status: 'void', rule: turnout.rule } }];
  const pending = [...r.ballots]
    .filter(([, slot]) => slot.counted === null)
    .map(([no]) => no)
    .sort((a, b) => a - b);
  if (pending.length > 0) {
    throw new DomainError(
      'rule',
      'BALLOTS_UNRESOLVED',
      `ballots ${pending.slice(0, 20).join(', ')} are not settled: double entry missing or in disagreement; a scrutineer decides disputed ballots (P-23)`,
      { rule: 'P-23', field: 'data.round', params: { ballotNos: pending.slice(0, 20), count: pending.length } },
    );
  }
  if (papers.difference !== 0) {
    throw new DomainError(
      'rule',
      'BALLOTS_UNACCOUNTED',
      `${papers.entered} ballots entered but ${d.ballotsReturned} returned (P-21)`,
      {
        rule: 'P-21',
        field: 'data.ballotsReturned',
        params: { entered: papers.entered, returned: d.ballotsReturned },
      },
    );
  }
  // P-21 per box: each box's papers are all entered, and only its papers.
  for (const b of poll ?? []) {
    const entered = r.boxes.get(b.stationId) ?? 0;
    if (entered !== b.returned)
      throw new DomainError(
        'rule',
        'BALLOTS_UNACCOUNTED',
        `${entered} ballots entered from ${stationName(s, b.stationId)} but ${b.returned} came out of it (P-21)`,
        {
          rule: 'P-21',
          field: 'data.ballotsReturned',
          params: { entered, returned: b.returned!, stationId: b.stationId },
        },
      );
  }
  return [{ type: 'RoundClosed', data: { ...base, status: 'valid' } }];
}

const sameMembers = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && new Set(a).size === a.length && a.every((id) => b.includes(id));

/**
 * V-11a [D] 票数相加: under officeVotes `summed`, the first round of a lower office (副主任, 委员) adds each person's
 * votes in each higher office's first round in which they were not elected (summedTally). Those rounds must be
 * declared first; the refusal names the contests still waiting. null: nothing to add (separate counting, an office
 * outside the ranking, a later round, or no higher office in this meeting).
 */
function summedFirstRound(s: MeetingState, c: ContestState, r: RoundState): HigherRound[] | null {
  if (s.ruleset!.officeVotes !== 'summed' || r.kind !== 'first' || c.electorate !== 'meeting') return null;
  const ranks = higherOffices(c.office);
  if (ranks.length === 0) return null;
  const higher = [...s.contests.values()].filter(
    (h) => h.ballot === 'election' && !h.withdrawal && h.electorate === 'meeting' && ranks.includes(h.office as never),
  );
  const rounds: HigherRound[] = [];
  const waiting: string[] = [];
  for (const office of ranks)
    for (const h of higher.filter((x) => x.office === office)) {
      const first = h.rounds.find((x) => x.kind === 'first' && x.status === 'declared');
      if (!first?.declared) waiting.push(h.contestId);
      else
        rounds.push({
          contestId: h.contestId,
          round: first.round,
          tally: first.declared.tally,
          elected: first.declared.elected,
        });
    }
  if (waiting.length > 0)
    throw refuse.rule(
      'V-11a',
      'HIGHER_OFFICE_NOT_DECLARED',
      `votes are summed (票数相加): declare the first round of ${waiting.join(', ')} before ${c.contestId}`,
      'data.contestId',
      { contestId: waiting[0]!, contestIds: waiting },
    );
  return rounds.length > 0 ? rounds : null;
}

/**
 * V-11b [D]: under a village or residents' committee, a shortfall that remains after a supplementary round (另行选举)
 * is not put to a third ballot: a new election is due within the ruleset's months, by the meeting's local day of
 * the declaration plus those months. A tie at the cut-off still re-votes (P-26). null: the rules go on as before.
 */
function newElectionDue(
  s: MeetingState,
  c: ContestState,
  r: RoundState,
  required: { kind: 'tie' | 'supplementary'; seats: number } | null,
  ctx: DecideContext,
): EventDataMap['NewElectionDue'] | null {
  const rule = s.ruleset!.newElection;
  if (!rule || !required || required.kind !== 'supplementary') return null;
  const hadSecondBallot = r.kind === 'supplementary' || c.rounds.some((x) => x.kind === 'supplementary');
  if (!hadSecondBallot) return null;
  return {
    contestId: c.contestId,
    seats: required.seats,
    withinMonths: rule.withinMonths,
    dueBy: addMonths(meetingDay(s, ctx.now), rule.withinMonths),
    rule: rule.rule,
  };
}

export function declareResult(s: MeetingState, d: CommandData<'DeclareResult'>, ctx: DecideContext): NewEvent[] {
  notClosed(s);
  const c = contest(s, d.contestId);
  const r = round(c, d.round);
  if (r.status === 'declared') {
    // A repeated declaration is idempotent; one naming other winners contradicts the record.
    const declared = r.declared?.elected ?? [];
    if (!d.elected || sameMembers(d.elected, declared)) return [];
    const names = declared.map((id) => `${s.members.get(id)?.name ?? id} (${id})`).join(', ') || 'nobody';
    throw refuse.conflict(
      'ALREADY_DECLARED',
      `round ${d.round} of ${c.contestId} was already declared, electing ${names}`,
      'data.elected',
      { contestId: c.contestId, round: d.round, memberIds: declared },
    );
  }
  if (r.status === 'open')
    throw refuse.rule('P-21', 'ROUND_NOT_CLOSED', `round ${d.round} is still open`, 'data.round', {
      contestId: c.contestId,
      round: d.round,
    });
  if (r.status === 'void')
    throw refuse.rule('P-21', 'ROUND_VOID', `round ${d.round} is void and must be re-run`, 'data.round', {
      contestId: c.contestId,
      round: d.round,
    });
  const own = [...r.tally.values()].map((t) => ({ ...t }));
  if (c.ballot === 'recommendation' || c.ballot === 'trust') return declareRecommendation(s, c, r, d, own);
  const summed = summedFirstRound(s, c, r);
  const tally = summed ? summedTally(own, r.candidates, summed) : own;
  const outcome = computeOutcome(s.ruleset!, {
    kind: r.kind,
    seats: r.seats,
    candidates: r.candidates,
    presentVoters: r.presentVoters,
    expected: r.expected,
    ballotsReturned: r.ballotsReturned ?? 0,
    tally,
  });
  if (d.elected) {
    if (!sameMembers(d.elected, outcome.elected))
      throw refuse.rule(
        // V-11a: under 票数相加 the elected follow from the sums.
        summed ? 'V-11a' : outcome.rule,
        'DECLARATION_CONTRADICTS_RULES',
        `the rules elect [${outcome.elected.join(', ')}]`,
        'data.elected',
        { memberIds: outcome.elected },
      );
  }
  const events: NewEvent[] = [
    {
      type: 'ResultDeclared',
      data: {
        ...roundFigures(c, r),
        threshold: outcome.threshold,
        tally,
        elected: outcome.elected,
        ...(summed ? { summedFrom: summed.map((h) => ({ contestId: h.contestId, round: h.round })) } : {}),
      },
    },
  ];
  const due = newElectionDue(s, c, r, outcome.required, ctx);
  if (due) events.push({ type: 'NewElectionDue', data: due });
  // P-18: chosen by votes, printed on the ballot in stroke order (or the approved order of the secretaries).
  else if (outcome.required)
    events.push({
      type: 'RoundRequired',
      data: {
        contestId: c.contestId,
        afterRound: r.round,
        ...outcome.required,
        candidates: ballotOrderFor(s, c.office, outcome.required.candidates, c.list?.candidateIds),
      },
    });
  return events;
}

/** The figures of a counted round that every declaration repeats (P-21: issued and returned as counted). */
function roundFigures(c: ContestState, r: RoundState) {
  return {
    contestId: c.contestId,
    round: r.round,
    presentVoters: r.presentVoters,
    ballotsIssued: r.ballotsIssued,
    ballotsReturned: r.ballotsReturned ?? 0,
    valid: r.valid,
    invalid: r.invalid,
  };
}

/**
 * P-09: a recommendation or trust contest's result elects nobody; it flags the names that met the threshold and
 * pins the per-category figures (recommendationResult) in the declaration.
 */
function declareRecommendation(
  s: MeetingState,
  c: ContestState,
  r: RoundState,
  d: CommandData<'DeclareResult'>,
  tally: ResultTally,
): NewEvent[] {
  const figures = recommendationResult(s, c.contestId)!;
  if (d.elected && d.elected.length > 0)
    throw refuse.rule(
      figures.rule,
      'DECLARATION_CONTRADICTS_RULES',
      'a recommendation meeting elects nobody; its result flags the names that passed (P-09)',
      'data.elected',
      { memberIds: [] },
    );
  return [
    {
      type: 'ResultDeclared',
      data: {
        ...roundFigures(c, r),
        threshold: figures.required,
        tally,
        elected: [],
        recommendation: figures,
      },
    },
  ];
}
type ResultTally = EventDataMap['ResultDeclared']['tally'];

export function leaveSeatsVacant(s: MeetingState, d: CommandData<'LeaveSeatsVacant'>): NewEvent[] {
  notClosed(s);
  const c = contest(s, d.contestId);
  const vacancy = s.ruleset!.vacancy;
  const newElection = s.ruleset!.newElection;
  if (!vacancy && newElection)
    throw refuse.rule(
      newElection.rule,
      'VACANCY_NOT_ALLOWED',
      `no seat is left vacant by consent here: a shortfall goes to a second ballot (另行选举), and seats still empty after it to a new election within ${newElection.withinMonths} months`,
      'data.contestId',
      { contestId: c.contestId, count: newElection.withinMonths },
    );
  if (!vacancy)
    throw refuse.rule(
      // PG-03: a vote per name has no seats to fill; a name that failed is simply not a prospective candidate.
      s.ruleset!.perName?.rule ?? 'P-28',
      'VACANCY_NOT_ALLOWED',
      s.ruleset!.perName
        ? 'a vote per name leaves no seat to fill or leave vacant'
        : 'this ruleset never leaves seats vacant',
    );
  if (!c.pending || c.pending.kind !== 'supplementary' || c.rounds.length === 0)
    throw refuse.rule(
      vacancy.rule,
      'NO_SHORTFALL',
      `contest ${c.contestId} has no shortfall to leave vacant`,
      undefined,
      {
        contestId: c.contestId,
      },
    );
  if (c.pending.seats > vacancy.maxShortfall)
    throw refuse.rule(
      vacancy.rule,
      'SHORTFALL_TOO_LARGE',
      `${c.pending.seats} seats short; at most ${vacancy.maxShortfall} may be left vacant`,
      undefined,
      { seats: c.pending.seats, count: vacancy.maxShortfall },
    );
  const present = vacancyConsentBase(c);
  const total = d.vote.for + d.vote.against + d.vote.abstain;
  if (total > present)
    throw refuse.invalid(
      'data.vote',
      'VOTE_EXCEEDS_PRESENT',
      `${total} votes but only ${present} voters were present at the last round`,
      { count: total, present },
    );
  if (vacancy.consent && !meets(d.vote.for, present, vacancy.consent)) {
    throw refuse.rule(
      vacancy.rule,
      'CONSENT_NOT_REACHED',
      `leaving a seat vacant needs the consent of half of the ${present} voters present at the last round`,
      'data.vote',
    );
  }
  return [{ type: 'SeatsLeftVacant', data: { contestId: c.contestId, seats: c.pending.seats, vote: d.vote } }];
}

export function recordApproval(s: MeetingState, d: CommandData<'RecordApproval'>): NewEvent[] {
  const c = contest(s, d.contestId);
  if (c.approval === d.reference) return [];
  // One answer per result: a second reference would replace the approval of record without a word on why.
  if (c.approval !== null)
    throw refuse.conflict(
      'ALREADY_APPROVED',
      `the result of ${c.contestId} was approved under ${c.approval}; an approval is recorded once`,
      'data.reference',
      { contestId: c.contestId, reference: c.approval },
    );
  if (contestStatus(c) !== 'complete')
    throw refuse.rule(
      'P-31',
      'CONTEST_NOT_COMPLETE',
      `contest ${c.contestId} has no final result to approve`,
      undefined,
      {
        contestId: c.contestId,
      },
    );
  return [{ type: 'ApprovalRecorded', data: d }];
}

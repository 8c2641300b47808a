import { DomainError, refuse } from '../errors.js';
import { allowsUncontested, differentialHolds, isVillageRuleset, minimumCandidates } from '../rules/ruleset.js';
import { ballotOrderFor } from './collation.js';
import type { CommandData } from './commands.js';
import type { DecideContext } from './context.js';
import type { Electorate, NewEvent } from './events.js';
import { anyContest, contest, contestWithdrawn, meetingDay, member, notClosed } from './guards.js';
import { noticeEnds } from './local-date.js';
import { mayBeElected, votesIn, type ContestState, type MeetingState, type MemberState } from './state.js';
import { contestStatus } from './status.js';

/**
 * P-29: the committee elects its secretary among its own members. Before the committee is voted on, the
 * secretary's list may be prepared and published with the committee's (both lists go up together, days before the
 * meeting), so a secretary candidate must then stand for the committee: nominated and not withdrawn or found not
 * qualified, and on its list once that is published. From the committee's first round on, only those the meeting
 * elected may stand. null: this member may be on the secretary's list.
 */
export function outsideCommittee(
  s: MeetingState,
  c: ContestState,
  memberId: string,
  name: string,
  field: string,
): DomainError | null {
  if (c.electorate === 'meeting') return null;
  const committee = s.contests.get(c.electorate.committeeOf)!;
  if (committee.rounds.length > 0) {
    return committee.elected.includes(memberId)
      ? null
      : refuse.rule('P-29', 'NOT_COMMITTEE_MEMBER', `${name} is not a member of the elected committee`, field, {
          memberId,
          committeeId: committee.contestId,
        });
  }
  const standing = committee.list
    ? committee.list.candidateIds.includes(memberId)
    : committee.nominees.has(memberId) &&
      committee.nominees.get(memberId)!.review?.qualified !== false &&
      !committee.withdrawn.some((w) => w.candidateId === memberId);
  return standing
    ? null
    : refuse.rule(
        'P-29',
        'NOT_COMMITTEE_CANDIDATE',
        `${name} does not stand for the committee (${committee.contestId}), which elects the ${c.office} among its members`,
        field,
        { memberId, committeeId: committee.contestId },
      );
}

/** Nominations close with the list's publication, and reopen when a withdrawal leaves it short of the rule. */
/**
 * V-12: a reserved women's seat (妇女委员) takes women only: a candidate whose roll entry is not recorded female is
 * refused (a roll that records no sex cannot stand anyone for it). null: the person may stand.
 */
export function reservedForWomen(
  c: Pick<ContestState, 'contestId' | 'reserved'>,
  m: Pick<MemberState, 'memberId' | 'name' | 'sex'> | undefined,
  field: string,
): DomainError | null {
  if (c.reserved !== 'women' || m?.sex === 'female') return null;
  const who = m ? `${m.name} (${m.memberId})` : 'this person';
  return refuse.rule(
    'V-12',
    'RESERVED_FOR_WOMEN',
    `${c.contestId} is a seat reserved for a woman (妇女委员); ${who} is ${m?.sex === 'male' ? 'a man' : 'not recorded as a woman on the roll'}`,
    field,
    { contestId: c.contestId, memberId: m?.memberId ?? '' },
  );
}

/**
 * P-19: a 代写 record: who wrote a ballot for a voter who could not. Both are on the roll, the voter a voter of
 * this meeting (and, where proxies are not allowed, one who checked in), the writer someone else who is no candidate in any contest (on a list or nominated and not
 * withdrawn). Recorded apart from any ballot: no ballot number, round, contest or station. A repeated record of the
 * same pair adds nothing.
 */
export function recordAssistedWriting(s: MeetingState, d: CommandData<'RecordAssistedWriting'>): NewEvent[] {
  notClosed(s);
  const voter = member(s, d.voterId, 'data.voterId');
  if (!votesIn(s.ruleset, voter))
    throw refuse.rule(
      'P-19',
      'NOT_A_VOTER',
      `${voter.name} (${voter.memberId}) does not vote in this meeting`,
      'data.voterId',
      {
        memberId: voter.memberId,
      },
    );
  // "因故未出席会议的党员…不能委托他人代为投票": where no proxy may vote (every ruleset but the village's and the
  // residents', V-10), a ballot is written only for a voter who came to the meeting (checked in, perhaps gone since).
  if (s.presentForWriting && !s.ruleset?.proxies && !voter.present && voter.left !== 'departed')
    throw refuse.rule(
      'P-19',
      'VOTER_NOT_PRESENT',
      `${voter.name} (${voter.memberId}) has not checked in at this meeting; an absent member's ballot may not be written by another`,
      'data.voterId',
      { memberId: voter.memberId },
    );
  const writer = member(s, d.writerId, 'data.writerId');
  if (writer.memberId === voter.memberId)
    throw refuse.invalid(
      'data.writerId',
      'WRITER_IS_VOTER',
      'a voter who writes their own ballot needs no 代写 record',
      {
        memberId: writer.memberId,
      },
    );
  const stands = [...s.contests.values()].filter((c) => !c.withdrawal && standsIn(c, writer.memberId));
  if (stands.length > 0)
    throw refuse.rule(
      'P-19',
      'WRITER_IS_CANDIDATE',
      `${writer.name} (${writer.memberId}) is a candidate in ${stands.map((c) => c.contestId).join(', ')}; a 代写 writer may not be a candidate`,
      'data.writerId',
      { memberId: writer.memberId, contestId: stands[0]!.contestId },
    );
  if (s.assistedWriting.some((a) => a.voterId === voter.memberId && a.writerId === writer.memberId)) return [];
  return [{ type: 'AssistedWritingRecorded', data: { voterId: voter.memberId, writerId: writer.memberId } }];
}

/** P-19: whether a person stands in a contest: nominated (not withdrawn), on its list, or on a round's ballot. */
function standsIn(c: ContestState, memberId: string): boolean {
  if (c.withdrawn.some((w) => w.candidateId === memberId)) return false;
  return (
    c.nominees.has(memberId) ||
    (c.list?.candidateIds.includes(memberId) ?? false) ||
    (c.adoption?.candidates.some((a) => a.candidateId === memberId) ?? false) ||
    c.rounds.some((r) => r.candidates.includes(memberId))
  );
}

function stillNominating(c: ContestState) {
  if (c.list && !c.republishRequired)
    throw refuse.rule(
      'P-08',
      'LIST_PUBLISHED',
      `the candidate list of ${c.contestId} is already published`,
      undefined,
      {
        contestId: c.contestId,
      },
    );
}

/**
 * P-29: two stages by default under cpc-branch. The secretary is elected by the committee the meeting elects,
 * so a secretary contest names that committee as its electorate unless the chair says otherwise (a branch
 * without a committee, or a 公推直选 variant where the meeting elects the secretary directly).
 */
function defaultElectorate(s: MeetingState, office: string): Electorate {
  const stage = s.ruleset?.secondStage;
  if (!stage || !stage.offices.includes(office)) return 'meeting';
  const committee = [...s.contests.values()].find(
    (c) => c.office === stage.committeeOffice && c.electorate === 'meeting' && !c.withdrawal,
  );
  return committee ? { committeeOf: committee.contestId } : 'meeting';
}

/**
 * P-09c [D]: a recommendation meeting holds recommendation (推荐票, the default) and trust (信任票) contests only,
 * elected by the whole meeting; any other meeting holds elections only.
 */
function ballotKind(s: MeetingState, input: CommandData<'CreateContest'>): 'recommendation' | 'trust' | undefined {
  const recommending = s.ruleset?.recommendation !== undefined;
  const kind = input.ballot ?? (recommending ? 'recommendation' : 'election');
  if (recommending && kind === 'election')
    throw refuse.rule(
      'P-09c',
      'BALLOT_KIND_NOT_IN_RULESET',
      'a recommendation meeting (公推大会) holds recommendation and trust ballots, not elections',
      'data.ballot',
      { ballot: kind },
    );
  if (!recommending && kind !== 'election')
    throw refuse.rule(
      'P-09c',
      'BALLOT_KIND_NOT_IN_RULESET',
      `${kind} ballots belong to a recommendation meeting (ruleset recommendation)`,
      'data.ballot',
      { ballot: kind },
    );
  if (kind !== 'election' && input.electorate !== undefined && input.electorate !== 'meeting')
    throw refuse.rule(
      'P-09c',
      'BALLOT_KIND_NOT_IN_RULESET',
      'recommendation and trust ballots are cast by the whole meeting',
      'data.electorate',
      { ballot: kind },
    );
  return kind === 'election' ? undefined : kind;
}

export function createContest(s: MeetingState, input: CommandData<'CreateContest'>): NewEvent[] {
  notClosed(s);
  const kind = ballotKind(s, input);
  const { ballot: _b, ...rest } = input;
  const d = {
    ...rest,
    electorate: input.electorate ?? defaultElectorate(s, input.office),
    ...(kind ? { ballot: kind } : {}),
  };
  const existing = s.contests.get(d.contestId);
  // A withdrawn contest keeps its id in the log: a new contest takes a new id.
  if (existing?.withdrawal) throw contestWithdrawn(existing);
  if (existing) {
    const same =
      existing.office === d.office &&
      existing.seats === d.seats &&
      existing.mode === d.mode &&
      existing.ballot === (kind ?? 'election') &&
      JSON.stringify(existing.electorate) === JSON.stringify(d.electorate) &&
      existing.ballotColour === (d.ballotColour ?? null) &&
      existing.reserved === d.reserved;
    if (same) return [];
    throw refuse.conflict('CONTEST_EXISTS', `contest ${d.contestId} already exists`, 'data.contestId');
  }
  if (d.reserved && !isVillageRuleset(s.ruleset))
    throw refuse.rule(
      'V-12',
      'RESERVED_SEAT_NOT_IN_RULESET',
      `a reserved women's seat (妇女委员) belongs to a villagers' or residents' committee election, not to ${s.ruleset?.name ?? 'an unscheduled meeting'}`,
      'data.reserved',
    );
  if (d.reserved && kind)
    throw refuse.rule('V-12', 'RESERVED_SEAT_NOT_IN_RULESET', 'a reserved seat is an election', 'data.reserved');
  if (d.mode === 'uncontested' && !allowsUncontested(s.ruleset!, d.office)) {
    throw refuse.rule(
      'P-13',
      'UNCONTESTED_NOT_ALLOWED',
      `office ${d.office} must be elected competitively (差额)`,
      'data.mode',
    );
  }
  if (d.electorate !== 'meeting') {
    if (d.electorate.committeeOf === d.contestId)
      throw refuse.invalid('data.electorate.committeeOf', 'SELF_ELECTORATE', 'a contest cannot be its own electorate');
    const committee = anyContest(s, d.electorate.committeeOf, 'data.electorate.committeeOf');
    if (committee.withdrawal) throw contestWithdrawn(committee, 'data.electorate.committeeOf');
  }
  return [{ type: 'ContestCreated', data: d }];
}

export function nominate(s: MeetingState, d: CommandData<'Nominate'>): NewEvent[] {
  notClosed(s);
  const c = contest(s, d.contestId);
  stillNominating(c);
  if (c.adoption)
    throw refuse.rule(
      'P-08b',
      'CANDIDATES_ADOPTED',
      `the candidates of ${c.contestId} were adopted from the list of election ${c.adoption.electionId}; none is nominated in the meeting`,
      'data.contestId',
      { contestId: c.contestId },
    );
  const ruleset = s.ruleset!;
  const m = member(s, d.nomineeId, 'data.nomineeId');
  // A withdrawal is final for this contest: a fresh nomination would only be refused at publication, too late to tell.
  if (c.withdrawn.some((w) => w.candidateId === d.nomineeId))
    throw refuse.rule('P-08', 'CANDIDATE_WITHDRAWN', `${m.name} has withdrawn from ${c.contestId}`, 'data.nomineeId', {
      candidateId: d.nomineeId,
      contestId: c.contestId,
    });
  if (m.removal)
    throw refuse.rule('V-03', 'VOTER_REMOVED', `${m.name} was removed from the voter list`, 'data.nomineeId', {
      memberId: d.nomineeId,
    });
  if (!mayBeElected(m))
    throw refuse.rule('P-01', 'NOT_ELIGIBLE', `${m.name} has no right to be elected`, 'data.nomineeId', {
      memberId: d.nomineeId,
    });
  const outside = outsideCommittee(s, c, d.nomineeId, m.name, 'data.nomineeId');
  if (outside) throw outside;
  const notWoman = reservedForWomen(c, m, 'data.nomineeId');
  if (notWoman) throw notWoman;
  officerMayNotStand(s, d.nomineeId, m.name);
  if (d.route === 'members' && d.supporters.length < ruleset.jointNominationMinSupporters) {
    throw refuse.rule(
      'P-07',
      'TOO_FEW_SUPPORTERS',
      `a joint nomination needs at least ${ruleset.jointNominationMinSupporters} supporters`,
      'data.supporters',
      { min: ruleset.jointNominationMinSupporters, count: d.supporters.length },
    );
  }
  d.supporters.forEach((id, i) => {
    const sm = member(s, id, `data.supporters.${i}`);
    if (d.route === 'members' && (sm.category !== undefined || sm.status !== 'full'))
      throw refuse.rule(
        'P-07',
        'SUPPORTER_NOT_FULL_MEMBER',
        `${sm.name} is not a full member`,
        `data.supporters.${i}`,
        {
          memberId: id,
        },
      );
  });
  if (c.nominees.get(d.nomineeId)?.routes.some((r) => r.route === d.route)) return [];
  return [{ type: 'NominationReceived', data: d }];
}

export function recordRecommendations(s: MeetingState, d: CommandData<'RecordRecommendations'>): NewEvent[] {
  notClosed(s);
  const c = contest(s, d.contestId);
  stillNominating(c);
  for (const [id, n] of Object.entries(d.votes)) {
    if (!c.nominees.has(id))
      throw refuse.notFound(`data.votes.${id}`, 'NOT_NOMINATED', `${id} is not nominated in ${c.contestId}`, {
        candidateId: id,
        contestId: c.contestId,
      });
    if (n > d.ballotsCast)
      throw refuse.invalid(
        `data.votes.${id}`,
        'MORE_VOTES_THAN_BALLOTS',
        `${n} votes but ${d.ballotsCast} recommendation ballots`,
        { candidateId: id, count: n, returned: d.ballotsCast },
      );
  }
  return [{ type: 'RecommendationsRecorded', data: d }];
}

/**
 * P-16 / P-17: an appointed scrutineer or teller (who may hold the pen) does not stand, whether nominated now or
 * found qualified again after an earlier review found them not qualified.
 */
function officerMayNotStand(s: MeetingState, memberId: string, name: string, field = 'data.nomineeId') {
  const ruleset = s.ruleset!;
  if (s.officers?.scrutineers.includes(memberId) && !ruleset.scrutineersMayBeCandidates) {
    throw refuse.rule('P-16', 'NOMINEE_IS_SCRUTINEER', `${name} is a scrutineer and cannot stand`, field, {
      memberId,
    });
  }
  if (!ruleset.tellersMayBeCandidates && s.officers?.tellers.some((t) => t.memberId === memberId)) {
    throw refuse.rule('P-17', 'NOMINEE_IS_TELLER', `${name} is a teller and cannot stand`, field, {
      memberId,
    });
  }
}

export function reviewCandidate(s: MeetingState, d: CommandData<'ReviewCandidate'>): NewEvent[] {
  notClosed(s);
  const c = contest(s, d.contestId);
  stillNominating(c);
  const n = c.nominees.get(d.nomineeId);
  if (!n)
    throw refuse.notFound('data.nomineeId', 'NOT_NOMINATED', `${d.nomineeId} is not nominated in ${c.contestId}`, {
      candidateId: d.nomineeId,
      contestId: c.contestId,
    });
  if (!d.qualified && !d.reason)
    throw refuse.invalid('data.reason', 'REASON_REQUIRED', 'a nominee found not qualified needs a reason');
  if (d.qualified) officerMayNotStand(s, d.nomineeId, s.members.get(d.nomineeId)?.name ?? d.nomineeId);
  if (n.review && n.review.qualified === d.qualified && n.review.reason === d.reason) return [];
  return [{ type: 'CandidateReviewed', data: d }];
}

const sameAdoption = (a: NonNullable<ContestState['adoption']>, d: CommandData<'AdoptCandidateList'>) =>
  a.electionId === d.electionId &&
  a.revision === d.revision &&
  a.head === d.head &&
  JSON.stringify(a.candidates) === JSON.stringify(d.candidates);

/**
 * P-08b: a contest of the 直选大会 takes its candidates from the list its 换届 fixed (CandidateListFixed). The server
 * filled the command from the process stream (adoptionCommand); here each candidate is judged against this meeting
 * alone, so the verifier decides it again from the event: on the roll under the same name, with the right to be
 * elected (P-01), not an officer (P-16, P-17), standing for the committee where the committee elects (P-29).
 */
export function adoptCandidateList(s: MeetingState, d: CommandData<'AdoptCandidateList'>): NewEvent[] {
  notClosed(s);
  const c = contest(s, d.contestId);
  if (c.ballot !== 'election')
    throw refuse.rule(
      'P-08b',
      'NOT_AN_ELECTION_CONTEST',
      `${c.contestId} is a ${c.ballot} contest; only an election adopts the 换届's candidate list`,
      'data.contestId',
      { contestId: c.contestId },
    );
  if (c.adoption) {
    if (sameAdoption(c.adoption, d)) return [];
    throw refuse.conflict(
      'LIST_ALREADY_ADOPTED',
      `${c.contestId} already adopted the list of election ${c.adoption.electionId} at revision ${c.adoption.revision}`,
      'data.contestId',
      { contestId: c.contestId },
    );
  }
  if (c.list)
    throw refuse.conflict(
      'LIST_PUBLISHED',
      `the candidate list of ${c.contestId} is already published`,
      'data.contestId',
      { contestId: c.contestId },
    );
  if (c.nominees.size > 0)
    throw refuse.conflict(
      'CONTEST_HAS_NOMINEES',
      `${c.contestId} already has nominations made in the meeting; an adopted list is the contest's whole list`,
      'data.contestId',
      { contestId: c.contestId },
    );
  const seen = new Set<string>();
  d.candidates.forEach((a, i) => {
    const field = `data.candidates.${i}.candidateId`;
    const who = `${a.name} (${a.candidateId})`;
    if (seen.has(a.candidateId))
      throw refuse.invalid(field, 'DUPLICATE_CANDIDATE', `${who} is listed twice`, { candidateId: a.candidateId });
    seen.add(a.candidateId);
    const m = s.members.get(a.candidateId);
    if (!m)
      throw refuse.rule('P-08b', 'NOMINEE_NOT_ON_ROLL', `${who} is not on this meeting's roll`, field, {
        candidateId: a.candidateId,
      });
    if (m.name !== a.name)
      throw refuse.rule(
        'P-08b',
        'ROLL_NAME_DIFFERS',
        `${who} is on the roll as ${m.name}: the 换届's nominee ids are the member ids of this meeting's roll`,
        field,
        { candidateId: a.candidateId },
      );
    if (!mayBeElected(m))
      throw refuse.rule('P-01', 'NOT_ELIGIBLE', `${who} has no right to be elected`, field, {
        memberId: a.candidateId,
      });
    const outside = outsideCommittee(s, c, a.candidateId, m.name, field);
    if (outside) throw outside;
    officerMayNotStand(s, a.candidateId, m.name, field);
  });
  return [{ type: 'CandidateListAdopted', data: d }];
}

export function publishCandidateList(
  s: MeetingState,
  d: CommandData<'PublishCandidateList'>,
  ctx: DecideContext,
): NewEvent[] {
  notClosed(s);
  const c = contest(s, d.contestId);
  // A withdrawal that left the list short of P-12 / P-13 un-confirms it (CandidateWithdrawn), so this allows the new publication.
  if (c.confirmed)
    throw refuse.rule(
      'P-08',
      'LIST_CONFIRMED',
      `the candidate list of ${c.contestId} is already confirmed`,
      undefined,
      {
        contestId: c.contestId,
      },
    );
  if (new Set(d.candidateIds).size !== d.candidateIds.length)
    throw refuse.invalid('data.candidateIds', 'DUPLICATE_CANDIDATE', 'a candidate is listed twice');
  d.candidateIds.forEach((id, i) => {
    const n = c.nominees.get(id);
    if (!n)
      throw refuse.notFound(`data.candidateIds.${i}`, 'NOT_NOMINATED', `${id} is not nominated in ${c.contestId}`, {
        candidateId: id,
        contestId: c.contestId,
      });
    if (c.withdrawn.some((w) => w.candidateId === id))
      throw refuse.rule(
        'P-08',
        'CANDIDATE_WITHDRAWN',
        `${id} has withdrawn from ${c.contestId}`,
        `data.candidateIds.${i}`,
        { candidateId: id, contestId: c.contestId },
      );
    if (n.review?.qualified !== true)
      throw refuse.rule(
        'P-08',
        'NOT_QUALIFIED',
        `${id} has not passed the qualification review`,
        `data.candidateIds.${i}`,
        { candidateId: id },
      );
    const outside = outsideCommittee(s, c, id, s.members.get(id)?.name ?? id, `data.candidateIds.${i}`);
    if (outside) throw outside;
    const notWoman = reservedForWomen(c, s.members.get(id), `data.candidateIds.${i}`);
    if (notWoman) throw notWoman;
  });
  if (d.noticeDays < s.ruleset!.noticeDaysMin)
    throw refuse.rule(
      'P-10',
      'NOTICE_TOO_SHORT',
      `public notice must run at least ${s.ruleset!.noticeDaysMin} days`,
      'data.noticeDays',
      { days: s.ruleset!.noticeDaysMin },
    );
  const ordered = ballotOrderFor(s, c.office, d.candidateIds);
  const today = meetingDay(s, ctx.now);
  const publishedOn = d.publishedOn ?? today;
  // A list posted on the notice board before it was keyed in may carry its real date, but never a future one,
  // and a re-publication restarts the notice: dating it before the last one would shorten the notice (P-10).
  if (publishedOn > today)
    throw refuse.rule(
      'P-10',
      'PUBLICATION_IN_FUTURE',
      `the list cannot be published on ${publishedOn}, after today (${today} in ${s.timeZone})`,
      'data.publishedOn',
      { date: publishedOn, until: today },
    );
  // After a withdrawal left the list short, the new list's notice starts no earlier than that day: the old notice
  // showed a list that no longer stands.
  const since = c.republishRequired?.since;
  if (since && publishedOn < since) {
    throw refuse.rule(
      'P-10',
      'PUBLICATION_BACKDATED',
      `the list fell short on ${since}; a new publication cannot be dated earlier`,
      'data.publishedOn',
      { date: since },
    );
  }
  // A withdrawn list ended its notice: the new one starts no earlier than the day it came down.
  const takenDown = c.listWithdrawals.at(-1)?.on;
  if (takenDown && publishedOn < takenDown) {
    throw refuse.rule(
      'P-10',
      'PUBLICATION_BACKDATED',
      `the last list was withdrawn on ${takenDown}; a new publication cannot be dated earlier`,
      'data.publishedOn',
    );
  }
  if (c.list && publishedOn < c.list.publishedOn) {
    throw refuse.rule(
      'P-10',
      'PUBLICATION_BACKDATED',
      `the list was last published on ${c.list.publishedOn}; a new publication cannot be dated earlier`,
      'data.publishedOn',
      { date: c.list.publishedOn },
    );
  }
  return [
    {
      type: 'CandidateListPublished',
      data: { contestId: d.contestId, candidateIds: ordered, noticeDays: d.noticeDays, publishedOn },
    },
  ];
}

export function confirmCandidateList(
  s: MeetingState,
  d: CommandData<'ConfirmCandidateList'>,
  ctx: DecideContext,
): NewEvent[] {
  notClosed(s);
  const c = contest(s, d.contestId);
  if (c.confirmed) return [];
  if (!c.list)
    throw refuse.rule(
      'P-10',
      'LIST_NOT_PUBLISHED',
      `the candidate list of ${c.contestId} has not been published`,
      undefined,
      { contestId: c.contestId },
    );
  if (c.republishRequired) throw republicationRequired(c);
  const ends = noticeEnds(c.list.publishedOn, c.list.noticeDays);
  if (meetingDay(s, ctx.now) < ends)
    throw refuse.rule(
      'P-10',
      'NOTICE_PERIOD_RUNNING',
      `the public notice runs until ${ends} (${s.timeZone}); the list can be confirmed from that day on`,
      undefined,
      { until: ends },
    );
  const short = listShortOfRule(s, c, c.list.candidateIds.length);
  if (short) throw short;
  if (contestStatus(c) !== 'published') return [];
  return [{ type: 'CandidateListConfirmed', data: { contestId: c.contestId, candidateIds: c.list.candidateIds } }];
}

/**
 * P-12 (差额, or the ruleset's own differential rule) and P-13 (等额): whether a list of `count` candidates may
 * stand for this contest; the refusal when it may not. Confirmation and withdrawal both ask it.
 */
export function listShortOfRule(s: MeetingState, c: ContestState, count: number): DomainError | null {
  const n = c.seats;
  // PG-03: a vote per name takes as many names as seats, every one of which may pass.
  const perName = s.ruleset!.perName;
  if (perName && count !== n)
    return refuse.rule(
      perName.rule,
      'PER_NAME_COUNT',
      `a vote per name (票决) takes exactly ${n} names, one per seat, not ${count}`,
      undefined,
      { seats: n, count },
    );
  if (c.mode === 'uncontested') {
    return count === n
      ? null
      : refuse.rule(
          'P-13',
          'UNCONTESTED_COUNT',
          `an uncontested (等额) list has exactly ${n} candidates, not ${count}`,
          undefined,
          { seats: n, count },
        );
  }
  if (differentialHolds(s.ruleset!, n, count)) return null;
  return refuse.rule(
    s.ruleset!.differential.rule,
    'DIFFERENTIAL_NOT_MET',
    `${n} seats need at least ${minimumCandidates(s.ruleset!, n)} candidates (差额), the list has ${count}`,
    undefined,
    { seats: n, min: minimumCandidates(s.ruleset!, n), count },
  );
}

export function republicationRequired(c: ContestState): DomainError {
  const r = c.republishRequired!;
  return refuse.rule(
    r.rule,
    'LIST_REPUBLICATION_REQUIRED',
    `after ${r.candidateId} withdrew, the list of ${c.contestId} no longer meets the rule; publish a new list (a new notice, P-10)`,
    undefined,
    { candidateId: r.candidateId, contestId: c.contestId },
  );
}

export function withdrawCandidate(s: MeetingState, d: CommandData<'WithdrawCandidate'>): NewEvent[] {
  notClosed(s);
  const c = contest(s, d.contestId);
  // Once ballots are issued the list is printed on them (P-15 step 6): a candidate who stops standing then
  // is a matter for the count, not for the list.
  if (c.rounds.length > 0)
    throw refuse.rule(
      'P-15',
      'WITHDRAWAL_TOO_LATE',
      `the first round of ${c.contestId} has opened; its list can no longer change`,
      'data.candidateId',
      { contestId: c.contestId },
    );
  if (c.withdrawn.some((w) => w.candidateId === d.candidateId)) return [];
  const listed = c.list?.candidateIds.includes(d.candidateId) ?? false;
  if (!listed && !c.nominees.has(d.candidateId))
    throw refuse.notFound(
      'data.candidateId',
      'NOT_A_CANDIDATE',
      `${d.candidateId} is neither nominated nor listed in ${c.contestId}`,
      { candidateId: d.candidateId, contestId: c.contestId },
    );
  const base = { contestId: c.contestId, candidateId: d.candidateId, reason: d.reason };
  if (!c.list) return [{ type: 'CandidateWithdrawn', data: { ...base, list: 'none' } }];
  const short = listed ? listShortOfRule(s, c, c.list.candidateIds.length - 1) : null;
  if (!short) return [{ type: 'CandidateWithdrawn', data: { ...base, list: 'stands' } }];
  return [{ type: 'CandidateWithdrawn', data: { ...base, list: 'republish', rule: short.rule! } }];
}

/**
 * A contest created in error is withdrawn before its first round: once ballots are issued it is in the
 * meeting's hands (P-15) and is finished by the count. A committee whose secretary contest still stands is
 * withdrawn only after that contest.
 */
export function withdrawContest(s: MeetingState, d: CommandData<'WithdrawContest'>): NewEvent[] {
  notClosed(s);
  const c = anyContest(s, d.contestId);
  if (c.withdrawal) return [];
  if (c.rounds.length > 0)
    throw refuse.rule(
      'P-15',
      'CONTEST_WITHDRAWAL_TOO_LATE',
      `the first round of ${c.contestId} has opened; the contest is finished by its count, not withdrawn`,
      'data.contestId',
    );
  const dependent = [...s.contests.values()].find(
    (x) => !x.withdrawal && x.electorate !== 'meeting' && x.electorate.committeeOf === c.contestId,
  );
  if (dependent)
    throw refuse.conflict(
      'CONTEST_IS_ELECTORATE',
      `contest ${dependent.contestId} is elected by the committee of ${c.contestId}; withdraw it first`,
      'data.contestId',
    );
  return [{ type: 'ContestWithdrawn', data: { contestId: c.contestId, reason: d.reason } }];
}

/**
 * A published list made in error comes down before the first round (P-15): it is neither published nor
 * confirmed, nominations and reviews reopen, and PublishCandidateList starts a new notice from its own date (P-10).
 */
export function withdrawCandidateList(s: MeetingState, d: CommandData<'WithdrawCandidateList'>): NewEvent[] {
  notClosed(s);
  const c = contest(s, d.contestId);
  if (c.rounds.length > 0)
    throw refuse.rule(
      'P-15',
      'WITHDRAWAL_TOO_LATE',
      `the first round of ${c.contestId} has opened; its list is printed on the ballots and can no longer change`,
      'data.contestId',
    );
  if (!c.list)
    throw refuse.rule(
      'P-10',
      'LIST_NOT_PUBLISHED',
      `the candidate list of ${c.contestId} is not published; there is nothing to withdraw`,
      'data.contestId',
    );
  return [{ type: 'CandidateListWithdrawn', data: { contestId: c.contestId, reason: d.reason } }];
}

import { DomainError, refuse } from '../errors.js';
import { meets } from '../rules/fraction.js';
import {
  PRESETS,
  PROXY_PARAMETERS,
  RECOMMENDATION_PARAMETERS,
  resolveRuleset,
  type RollCategory,
} from '../rules/ruleset.js';
import { quorumStatus } from '../rules/quorum.js';
import { MAX_ROLL, type CommandData, type Vote } from './commands.js';
import type { DecideContext } from './context.js';
import type { EventDataMap, NewEvent } from './events.js';
import { appointedOfficer, isOfficerRole, stillAppointed } from './officers.js';
import { memberNumberKey, sortByStroke } from './collation.js';
import { isCandidate, member, notClosed, votingHasBegun } from './guards.js';
import { earlyDay, meetingDayFacts } from './rehearsal.js';
import { acceptedVenueWindows } from './venue-code.js';
import { expectedOf, onExpectedBase, votesIn, type MeetingState, type MemberState } from './state.js';
import { contestStatus, unfinishedContests } from './status.js';

const total = (v: Vote) => v.for + v.against + v.abstain;

export function scheduleMeeting(s: MeetingState, d: CommandData<'ScheduleMeeting'>, ctx: DecideContext): NewEvent[] {
  if (s.ruleset) throw refuse.conflict('MEETING_EXISTS', `meeting ${ctx.meetingId} is already scheduled`);
  // P-05: reading a strict quorum inclusively needs the approving document; a quorum that is inclusive already (G-01's
  // 2/3) changes nothing, and each ruleset's refusal names its own quorum rule.
  const quorum = PRESETS[d.ruleset].quorum;
  if (d.parameters.quorumInclusive && quorum && !quorum.inclusive && !d.parameters.quorumApprovalRef) {
    throw refuse.rule(
      quorum.rule,
      'APPROVAL_REQUIRED',
      `the inclusive reading of the ${quorum.num}/${quorum.den} quorum needs the approving document's reference`,
      'data.parameters.quorumApprovalRef',
    );
  }
  if (d.ruleset !== 'recommendation') {
    const misplaced = RECOMMENDATION_PARAMETERS.find((k) => d.parameters[k] !== undefined);
    if (misplaced)
      throw refuse.rule(
        'P-09',
        'PARAMETER_NOT_IN_RULESET',
        `${misplaced} is a parameter of the recommendation meeting (ruleset recommendation), not of ${d.ruleset}`,
        `data.parameters.${misplaced}`,
      );
  }
  if (!PRESETS[d.ruleset].proxies) {
    const misplaced = PROXY_PARAMETERS.find((k) => d.parameters[k] !== undefined);
    if (misplaced)
      throw refuse.rule(
        'P-19',
        'PROXY_NOT_IN_RULESET',
        `${misplaced} is a parameter of written proxies (V-10), which ${d.ruleset} forbids`,
        `data.parameters.${misplaced}`,
      );
  }
  // R-01: the electorate modes are the residents' committee's.
  if (d.ruleset !== 'residents-committee' && d.parameters.residentsElectorate !== undefined)
    throw refuse.rule(
      'R-01',
      'PARAMETER_NOT_IN_RULESET',
      `residentsElectorate is a parameter of the residents' committee election (ruleset residents-committee), not of ${d.ruleset}`,
      'data.parameters.residentsElectorate',
    );
  const ruleset = resolveRuleset(d.ruleset, d.parameters);
  return [
    {
      type: 'MeetingScheduled',
      data: {
        meetingId: ctx.meetingId,
        title: d.title,
        organisation: d.organisation,
        ...(d.organisationId ? { organisationId: d.organisationId } : {}),
        ruleset,
        scheduledFor: d.scheduledFor,
        timeZone: d.timeZone,
        practice: d.practice,
        officerCredentials: true,
        venueCodes: true,
        presentForWriting: true,
        committeeWriteIns: true,
      },
    },
  ];
}

export function enrolMembers(s: MeetingState, d: CommandData<'EnrolMembers'>): NewEvent[] {
  notClosed(s);
  if (votingHasBegun(s)) throw refuse.rule('P-02', 'ROLL_FROZEN', 'the roll cannot change once voting has begun');
  // Member numbers are one number whatever their case and spacing (memberNumberKey): the desk and the kiosk find
  // members by it, so the roll never holds two numbers that differ only so.
  const seen = new Map<string, string>();
  let enrolled: Map<string, string> | undefined;
  const events: NewEvent[] = [];
  d.members.forEach((m, i) => {
    const field = `data.members.${i}.memberId`;
    const key = memberNumberKey(m.memberId);
    const twin = seen.get(key);
    if (twin !== undefined)
      throw refuse.invalid(
        field,
        'DUPLICATE_MEMBER',
        twin === m.memberId
          ? `member ${m.memberId} appears twice`
          : `member ${m.memberId} appears twice, also as ${twin} (numbers are compared ignoring case and spaces)`,
        { memberId: m.memberId },
      );
    seen.set(key, m.memberId);
    // PG-04: only a party group's vote puts persons from outside its body to the vote; elsewhere a nominee is a member.
    if (m.category === 'candidate' && s.ruleset?.name !== 'party-group')
      throw refuse.rule(
        'PG-04',
        'CATEGORY_NOT_IN_RULESET',
        `a person voted on (category candidate) is enrolled only in a party group's vote (ruleset party-group), not in ${s.ruleset?.name ?? 'an unscheduled meeting'}`,
        `data.members.${i}.category`,
        { memberId: m.memberId },
      );
    const existing = s.members.get(m.memberId);
    if (existing) {
      if (
        existing.name !== m.name ||
        existing.status !== m.status ||
        existing.category !== category(m) ||
        existing.sex !== m.sex
      ) {
        throw refuse.conflict(
          'MEMBER_EXISTS',
          `member ${m.memberId} is already enrolled with different details`,
          field,
          { memberId: m.memberId },
        );
      }
      return;
    }
    enrolled ??= numberKeys(s);
    const other = enrolled.get(key);
    if (other !== undefined)
      throw refuse.conflict(
        'MEMBER_EXISTS',
        `member ${m.memberId} is already enrolled as ${other} (numbers are compared ignoring case and spaces)`,
        field,
      );
    const { category: _c, ...data } = m;
    const c = category(m);
    events.push({ type: 'MemberEnrolled', data: c ? { ...data, category: c } : data });
  });
  if (s.members.size + events.length > MAX_ROLL)
    throw refuse.invalid('data.members', 'ROLL_TOO_LARGE', `a roll holds at most ${MAX_ROLL} members`, {
      count: MAX_ROLL,
    });
  return events;
}

/** P-06: a party member's record carries no category; a masses' representative's, deputy's or (PG-04) candidate's does. */
const category = (m: { category?: RollCategory | undefined }) => (m.category === 'member' ? undefined : m.category);

/** Each enrolled number's key, to the number as enrolled. */
function numberKeys(s: MeetingState): Map<string, string> {
  const keys = new Map<string, string>();
  for (const id of s.members.keys()) {
    const key = memberNumberKey(id);
    if (!keys.has(key)) keys.set(key, id);
  }
  return keys;
}

export function excludeFromExpected(s: MeetingState, d: CommandData<'ExcludeFromExpected'>): NewEvent[] {
  notClosed(s);
  const m = member(s, d.memberId, 'data.memberId');
  if (m.excluded) return [];
  const ruleset = s.ruleset!;
  if (!onExpectedBase(ruleset, m))
    throw refuse.rule(
      'P-03',
      'NOT_A_VOTER',
      `${m.name} has no voting right and is not counted in the expected number anyway`,
      'data.memberId',
      { memberId: m.memberId },
    );
  if (votingHasBegun(s))
    throw refuse.rule('P-04', 'EXCLUSION_TOO_LATE', 'exclusions are decided before the quorum count of the vote');
  if (m.present)
    throw refuse.rule('P-04', 'MEMBER_PRESENT', `${m.name} is present and cannot be excluded`, 'data.memberId', {
      memberId: m.memberId,
    });
  if (!ruleset.exclusionReasons.includes(d.reason)) {
    throw refuse.rule(
      'P-04',
      'INVALID_EXCLUSION_REASON',
      `reason must be one of ${ruleset.exclusionReasons.join(', ')}`,
      'data.reason',
    );
  }
  // P-04 [D]: the meeting's vote passes on more than half of the voters present (election-rules.md §2.1).
  if (total(d.meetingVote) > s.presentVoters) {
    throw refuse.invalid(
      'data.meetingVote',
      'VOTE_EXCEEDS_PRESENT',
      `${total(d.meetingVote)} votes but only ${s.presentVoters} voters present; the meeting votes on an exclusion (P-04) once its members have checked in`,
      { count: total(d.meetingVote), present: s.presentVoters },
    );
  }
  if (!meets(d.meetingVote.for, s.presentVoters, ruleset.exclusionVote)) {
    throw refuse.rule('P-04', 'VOTE_FAILED', 'the meeting did not approve the exclusion', 'data.meetingVote');
  }
  return [{ type: 'MemberExcluded', data: d }];
}

export function checkIn(s: MeetingState, d: CommandData<'CheckIn'>, ctx: DecideContext): NewEvent[] {
  notClosed(s);
  // First: before the day nobody is checked in, whoever the typed id names.
  requireMeetingDay(s, ctx);
  // P-05: the door checks in only a member whose own card it read, so a typed number raises nobody's presence.
  if (ctx.actor.role === 'kiosk' && ctx.presence?.card !== d.memberId) throw kioskNeedsCard('data.memberId');
  const m = member(s, d.memberId, 'data.memberId');
  // How a member arrived is a fact of the credential used, not a claim of the client.
  const method = ctx.actor.role === 'member' ? 'self' : ctx.actor.role === 'kiosk' ? 'kiosk' : 'desk';
  // P-05: a member's own phone proves it is in the hall with the code the hall shows now.
  // Logs from before the venue code (no MeetingScheduled.venueCodes) keep a member's link checking in without one.
  const venueWindow = method === 'self' && s.venueCodes ? matchVenueCode(d.venueCode, ctx) : undefined;
  if (m.present) return [];
  // By id, not name: kiosks and member links send check-ins and must not learn names from refusals.
  if (m.category === 'candidate') throw notOfTheBody(m.memberId, 'data.memberId');
  if (m.removal)
    throw refuse.rule('V-03', 'VOTER_REMOVED', `voter ${m.memberId} was removed from the voter list`, 'data.memberId', {
      memberId: m.memberId,
    });
  if (m.excluded)
    throw refuse.rule(
      'P-04',
      'MEMBER_EXCLUDED',
      `member ${m.memberId} was excluded from the expected number`,
      'data.memberId',
      { memberId: m.memberId },
    );
  return [
    {
      type: 'MemberCheckedIn',
      data:
        venueWindow === undefined ? { memberId: d.memberId, method } : { memberId: d.memberId, method, venueWindow },
    },
  ];
}

/** PG-04: a person voted on is no member of the body: never checked in, never given a member's link. */
function notOfTheBody(memberId: string, field: string) {
  return refuse.rule(
    'PG-04',
    'NOT_A_MEMBER_OF_THE_BODY',
    `${memberId} is a person voted on (预备人选), not a member of the body: only the body's members check in and vote`,
    field,
    { memberId },
  );
}

/** P-05: the kiosk checks in from a member's card, never from what is typed at it (the desk does that). */
export function kioskNeedsCard(field: string) {
  return refuse.rule(
    'P-05',
    'KIOSK_NEEDS_CARD',
    "the kiosk checks a member in from the member's own card; a typed number or name is checked at the desk",
    field,
  );
}

/** The window of the venue code a member sent, if the hall shows it now (the current or the previous window). */
function matchVenueCode(code: string | undefined, ctx: DecideContext): number {
  if (!code)
    throw refuse.rule(
      'P-05',
      'VENUE_CODE_REQUIRED',
      "a member's own check-in needs the six-digit venue code shown in the hall",
      'data.venueCode',
    );
  const accepted = acceptedVenueWindows(ctx.now);
  const match = ctx.presence?.venueCodes?.find((v) => accepted.includes(v.window) && v.code === code);
  if (!match)
    throw refuse.rule(
      'P-05',
      'VENUE_CODE_WRONG',
      'the venue code is wrong or no longer shown: read the one in the hall now',
      'data.venueCode',
    );
  return match.window;
}

/** A real meeting dated later than today checks nobody in until its chair confirms holding it early (rehearsal.ts). */
function requireMeetingDay(s: MeetingState, ctx: DecideContext) {
  const early = earlyDay(meetingDayFacts(s), ctx.now);
  if (early?.awaitsConfirmation)
    throw refuse.conflict(
      'CHECK_IN_BEFORE_MEETING_DAY',
      `the meeting is scheduled for ${early.scheduledDate} and today is ${early.today} (${s.timeZone}); the chair confirms holding it early before the first check-in`,
    );
}

/** The chair holds a meeting dated later than today: check-in opens. Nothing to record on or after the day, or for a rehearsal. */
export function confirmEarlyCheckIn(s: MeetingState, ctx: DecideContext): NewEvent[] {
  notClosed(s);
  const early = earlyDay(meetingDayFacts(s), ctx.now);
  if (!early?.awaitsConfirmation) return [];
  return [{ type: 'EarlyCheckInConfirmed', data: { scheduledDate: early.scheduledDate, confirmedOn: early.today } }];
}

/**
 * A withdrawal or departure for a member who is not present: nothing to record when they left already (two desks saw
 * them go), refused when they never checked in, so that a clerk who picked the wrong name hears it rather than "ok".
 */
function requireCheckedIn(m: MemberState, what: 'withdrawal' | 'departure'): void {
  if (m.present || m.left) return;
  throw refuse.conflict(
    'NOT_CHECKED_IN',
    `${m.memberId} has not checked in at this meeting: there is no ${what === 'withdrawal' ? 'check-in to withdraw' : 'departure to record'}`,
    'data.memberId',
    { memberId: m.memberId },
  );
}

export function withdrawCheckIn(s: MeetingState, d: CommandData<'WithdrawCheckIn'>): NewEvent[] {
  notClosed(s);
  const m = member(s, d.memberId, 'data.memberId');
  requireCheckedIn(m, 'withdrawal');
  return m.present ? [{ type: 'CheckInWithdrawn', data: d }] : [];
}

export function recordDeparture(s: MeetingState, d: CommandData<'RecordDeparture'>): NewEvent[] {
  notClosed(s);
  const m = member(s, d.memberId, 'data.memberId');
  requireCheckedIn(m, 'departure');
  return m.present ? [{ type: 'MemberDeparted', data: d }] : [];
}

/** P-05: the meeting decides nothing below quorum. */
function requireMeetingQuorum(s: MeetingState) {
  const q = quorumStatus(s.ruleset!, expectedOf(s), s.presentVoters);
  if (q.blocking && !q.met) {
    throw refuse.rule(
      q.rule,
      'QUORUM_NOT_MET',
      `present voters ${s.presentVoters}, at least ${q.required} needed of ${expectedOf(s)} expected`,
      undefined,
      { present: s.presentVoters, required: q.required, expected: expectedOf(s) },
    );
  }
}

function requireVoteCarries(s: MeetingState, vote: Vote, rule: string) {
  if (total(vote) > s.presentVoters)
    throw refuse.invalid(
      'data.vote',
      'VOTE_EXCEEDS_PRESENT',
      `${total(vote)} votes but only ${s.presentVoters} voters present`,
      { count: total(vote), present: s.presentVoters },
    );
  if (!meets(vote.for, s.presentVoters, s.ruleset!.meetingVote))
    throw refuse.rule(rule, 'VOTE_FAILED', 'the motion did not win a majority of the voters present', 'data.vote');
}

export function adoptElectionMethod(s: MeetingState, d: CommandData<'AdoptElectionMethod'>): NewEvent[] {
  notClosed(s);
  if (s.method) return [];
  requireMeetingQuorum(s);
  requireVoteCarries(s, d.vote, 'P-15');
  return [{ type: 'ElectionMethodAdopted', data: d }];
}

export function appointOfficers(s: MeetingState, d: CommandData<'AppointOfficers'>): NewEvent[] {
  notClosed(s);
  requireMeetingQuorum(s);
  const ruleset = s.ruleset!;
  d.scrutineers.forEach((id, i) => {
    const field = `data.scrutineers.${i}`;
    const m = member(s, id, field);
    if (!votesIn(ruleset, m))
      throw refuse.rule('P-16', 'SCRUTINEER_NOT_VOTER', `${m.name} has no vote and cannot be a scrutineer`, field, {
        memberId: id,
      });
    if (!ruleset.scrutineersMayBeCandidates && isCandidate(s, id))
      throw refuse.rule(
        'P-16',
        'SCRUTINEER_IS_CANDIDATE',
        `${m.name} is a candidate and cannot be a scrutineer`,
        field,
        { memberId: id },
      );
  });
  if (new Set(d.scrutineers).size !== d.scrutineers.length)
    throw refuse.invalid('data.scrutineers', 'DUPLICATE_OFFICER', 'a scrutineer is listed twice');
  d.tellers.forEach((t, i) => {
    if (!t.memberId) return;
    const field = `data.tellers.${i}.memberId`;
    const m = member(s, t.memberId, field);
    if (!ruleset.tellersMayBeCandidates && isCandidate(s, t.memberId))
      throw refuse.rule('P-17', 'TELLER_IS_CANDIDATE', `${m.name} is a candidate and cannot be a teller`, field, {
        memberId: t.memberId,
      });
  });
  // P-17: tellers count under the scrutineers' eye. With double entry every ballot is keyed by two different
  // tellers and a ballot keyed once never settles, so one teller would leave every round unable to close.
  if (ruleset.doubleEntry && d.tellers.length < 2) {
    throw refuse.rule(
      'P-17',
      'TOO_FEW_TELLERS',
      'double entry needs at least two tellers: each ballot is keyed by two of them',
      'data.tellers',
    );
  }
  requireVoteCarries(s, d.vote, 'P-16');
  // The officers replaced lose the pen in the same decision: their credentials are revoked (and their sockets cut).
  const revoked: NewEvent[] = [];
  for (const c of s.credentials.values())
    if (!c.revoked && !stillAppointed(d, c))
      revoked.push({ type: 'CredentialRevoked', data: { credentialId: c.credentialId, reason: 'officers-replaced' } });
  return [{ type: 'OfficersAppointed', data: d }, ...revoked];
}

/**
 * Mends a roll keyed wrongly (a name, or a probationary member keyed as full) while nothing has been
 * decided by ballot on it; once any round has opened its snapshot fixes the roll (P-02).
 */
export function correctMember(s: MeetingState, d: CommandData<'CorrectMember'>): NewEvent[] {
  notClosed(s);
  const m = member(s, d.memberId, 'data.memberId');
  if (votingHasBegun(s))
    throw refuse.rule('P-02', 'ROLL_FROZEN', 'the roll cannot change once voting has begun', 'data.memberId');
  const status = d.status !== undefined && d.status !== m.status ? d.status : undefined;
  const name = d.name !== undefined && d.name !== m.name ? d.name : undefined;
  if (status === undefined && name === undefined)
    throw refuse.invalid(
      d.status !== undefined ? 'data.status' : 'data.name',
      'NOTHING_TO_CORRECT',
      `member ${m.memberId} already has this status and name`,
      { memberId: m.memberId },
    );
  if (status !== undefined && status !== 'full') {
    // P-01: only a full member may be elected or scrutinise; the chair first withdraws the candidate or appoints other officers.
    if (isCandidate(s, m.memberId))
      throw refuse.rule(
        'P-01',
        'MEMBER_IS_CANDIDATE',
        `member ${m.memberId} stands as a candidate; withdraw the candidacy before correcting the status`,
        'data.status',
        { memberId: m.memberId },
      );
    if (s.officers?.scrutineers.includes(m.memberId))
      throw refuse.rule(
        'P-16',
        'SCRUTINEER_NOT_VOTER',
        `member ${m.memberId} is a scrutineer, who must have a vote; appoint the officers again first`,
        'data.status',
        { memberId: m.memberId },
      );
  }
  // P-18: a published list is in surname stroke order, so a corrected name may move its bearer on it.
  const lists: { contestId: string; candidateIds: string[] }[] = [];
  if (name !== undefined) {
    for (const c of s.contests.values()) {
      if (!c.list?.candidateIds.includes(m.memberId)) continue;
      // The secretaries' list keeps the upper organisation's order, whatever the names.
      if (s.ruleset?.approvedOrder?.offices.includes(c.office)) continue;
      const nameOf = (id: string) => (id === m.memberId ? name : (s.members.get(id)?.name ?? id));
      const reordered = sortByStroke(c.list.candidateIds, nameOf, (id) => id);
      if (reordered.some((id, i) => id !== c.list!.candidateIds[i]))
        lists.push({ contestId: c.contestId, candidateIds: reordered });
    }
  }
  return [
    {
      type: 'MemberCorrected',
      data: {
        memberId: m.memberId,
        ...(status !== undefined ? { status } : {}),
        ...(name !== undefined ? { name } : {}),
        reason: d.reason,
        ...(lists.length > 0 ? { lists } : {}),
      },
    },
  ];
}

export function closeMeeting(s: MeetingState, d: CommandData<'CloseMeeting'>): NewEvent[] {
  if (s.closed) return [];
  for (const c of s.contests.values()) {
    if (c.rounds.some((r) => r.status === 'open'))
      throw refuse.rule('P-15', 'ROUND_OPEN', `contest ${c.contestId} still has an open round`, undefined, {
        contestId: c.contestId,
      });
  }
  // P-15: a contest left without its result is closed only on the chair's explicit word, naming what it leaves.
  const unfinished = unfinishedContests([...s.contests.values()].map((c) => ({ ...c, status: contestStatus(c) })));
  if (unfinished.length > 0 && d.confirmUnfinished !== true)
    throw refuse.rule(
      'P-15',
      'CONTESTS_UNFINISHED',
      `contests ${unfinished.map((u) => `${u.contestId} (${u.reason})`).join(', ')} have no final result; send confirmUnfinished: true to close the meeting anyway`,
      'data.confirmUnfinished',
    );
  return [{ type: 'MeetingClosed', data: {} }];
}

export function issueCredential(s: MeetingState, d: CommandData<'IssueCredential'>, ctx: DecideContext): NewEvent[] {
  if (s.credentials.has(d.credentialId))
    throw refuse.conflict('CREDENTIAL_EXISTS', `credential ${d.credentialId} exists`, 'data.credentialId');
  if (d.role === 'member') {
    if (!d.memberId) throw refuse.invalid('data.memberId', 'MEMBER_REQUIRED', 'a member credential names its member');
    if (member(s, d.memberId, 'data.memberId').category === 'candidate')
      throw notOfTheBody(d.memberId, 'data.memberId');
  }
  // Logs written before officers were bound (no MeetingScheduled.officerCredentials) keep the old free minting, and
  // the system's first credentials (meeting creation, the recovery code) are not the chair's to choose.
  // The org-admin above the meeting mints the branch's chair links, and only those (issue 23).
  if (ctx.actor.role === 'org-admin') {
    if (d.role !== 'chair')
      throw new DomainError('forbidden', 'CHAIR_LINKS_ONLY', `an org-admin mints chair credentials, not ${d.role}`, {
        field: 'data.role',
      });
    return [{ type: 'CredentialIssued', data: d }];
  }
  const bound = s.officerCredentials && ctx.actor.role !== 'system';
  if (bound && d.role === 'chair')
    throw new DomainError(
      'forbidden',
      'CHAIR_NOT_MINTABLE',
      'a chair credential comes only with the meeting or its recovery code',
      {
        field: 'data.role',
      },
    );
  if (!isOfficerRole(d.role)) {
    if (d.officer !== undefined)
      throw refuse.invalid('data.officer', 'OFFICER_ROLE_ONLY', `a ${d.role} credential is bound to no officer`);
    return [{ type: 'CredentialIssued', data: d }];
  }
  if (d.officer === undefined && !bound) return [{ type: 'CredentialIssued', data: d }];
  return [{ type: 'CredentialIssued', data: officerCredential(s, d, d.role) }];
}

/**
 * P-16 / P-17: a teller's or scrutineer's credential goes to an officer of the current AppointOfficers who is no
 * candidate, and carries the officer's name and member as appointed, never a name typed at minting.
 */
function officerCredential(
  s: MeetingState,
  d: CommandData<'IssueCredential'>,
  role: 'teller' | 'scrutineer',
): EventDataMap['CredentialIssued'] {
  const rule = role === 'scrutineer' ? 'P-16' : 'P-17';
  if (d.officer === undefined)
    throw refuse.rule(rule, 'OFFICER_REQUIRED', `a ${role} credential names the appointed ${role}`, 'data.officer', {
      role,
    });
  if (d.name !== undefined || d.memberId !== undefined)
    throw refuse.invalid(
      d.name !== undefined ? 'data.name' : 'data.memberId',
      'OFFICER_NAME_FIXED',
      `a ${role} credential takes the name and member of the appointment`,
    );
  const o = appointedOfficer(s, role, d.officer);
  if (!o)
    throw refuse.rule(
      rule,
      'NOT_AN_OFFICER',
      `${d.officer} is not an appointed ${role}`,
      'data.officer',
      // A scrutineer is named by member id, which the screens turn into the name on the roll.
      role === 'scrutineer' ? { role, memberId: d.officer } : { role, name: d.officer },
    );
  const ruleset = s.ruleset!;
  const barred = role === 'scrutineer' ? !ruleset.scrutineersMayBeCandidates : !ruleset.tellersMayBeCandidates;
  if (barred && o.memberId !== undefined && isCandidate(s, o.memberId))
    throw refuse.rule(
      rule,
      'OFFICER_IS_CANDIDATE',
      `${o.name} is a candidate and cannot hold a ${role}'s pen`,
      'data.officer',
      {
        role,
        name: o.name,
      },
    );
  return {
    credentialId: d.credentialId,
    role,
    name: o.name,
    ...(o.memberId !== undefined ? { memberId: o.memberId } : {}),
    officer: d.officer,
    tokenHash: d.tokenHash,
  };
}

export function revokeCredential(s: MeetingState, d: CommandData<'RevokeCredential'>): NewEvent[] {
  const c = s.credentials.get(d.credentialId);
  if (!c)
    throw new DomainError('not-found', 'UNKNOWN_CREDENTIAL', `no credential ${d.credentialId}`, {
      field: 'data.credentialId',
    });
  return c.revoked ? [] : [{ type: 'CredentialRevoked', data: d }];
}

/** The same hash again changes nothing; a new one replaces the code before it. */
export function setRecoveryCode(s: MeetingState, d: CommandData<'SetRecoveryCode'>): NewEvent[] {
  return s.recoveryCodeHash === d.codeHash ? [] : [{ type: 'RecoveryCodeSet', data: d }];
}

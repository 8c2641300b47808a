/**
 * The voter list (选民登记) of a village or residents' committee election: V-02 who is registered and on what
 * ground, V-03 the list published at least 20 days before the election day and objections to it (received within 5
 * days of publication, decided within 3 of receipt), R-01 a residents' committee's electorate. The election committee
 * (村民选举委员会) acts through the chair's credential. Folded in evolve-registration.ts.
 */
import { refuse } from '../errors.js';
import { registrationOf, type RegistrationRules } from '../rules/ruleset.js';
import { MAX_ROLL, type CommandData } from './commands.js';
import type { DecideContext } from './context.js';
import type { EventDataMap, NewEvent } from './events.js';
import { isCandidate, meetingDay, member, notClosed, votingHasBegun } from './guards.js';
import { addDays, scheduleOf } from './local-date.js';
import { memberNumberKey } from './collation.js';
import type { MeetingState, MemberState } from './state.js';

/** V-02: the voter list belongs to the village and residents' rulesets; elsewhere its commands are refused. */
function voterListRules(s: MeetingState): RegistrationRules {
  const rules = registrationOf(s.ruleset);
  if (!rules)
    throw refuse.rule(
      'V-02',
      'REGISTRATION_NOT_IN_RULESET',
      `a voter list (选民登记) is kept only under the rulesets village-committee and residents-committee, not ${s.ruleset?.name ?? 'an unscheduled meeting'}`,
    );
  return rules;
}

/** V-03: once a round is open the list is frozen, as the roll is (P-02). */
function notFrozen(s: MeetingState) {
  if (votingHasBegun(s))
    throw refuse.rule('V-03', 'VOTER_LIST_FROZEN', 'the voter list cannot change once voting has begun');
}

/** On the list now: registered and not removed. */
export const onVoterList = (m: MemberState | undefined): m is MemberState => !!m?.registration && !m.removal;

/** V-03: the election day, the meeting's local day of its schedule. */
export const electionDayOf = (s: Pick<MeetingState, 'scheduledFor' | 'timeZone'>) =>
  scheduleOf(s.scheduledFor, s.timeZone).date;

/** V-03: the last day the list may be published (the election day less the days the rule requires). */
export const voterListDeadline = (s: Pick<MeetingState, 'scheduledFor' | 'timeZone'>, rules: RegistrationRules) =>
  addDays(electionDayOf(s), -rules.publishDaysMin);

/**
 * V-03: no poll or round opens while an objection to the voter list is undecided (the committee must decide each).
 * Called by OpenRound, and by whatever opens a poll.
 */
export function noUndecidedObjections(s: MeetingState) {
  const open = s.voterObjections.filter((o) => !o.decision).map((o) => o.objectionId);
  if (open.length > 0)
    throw refuse.rule(
      'V-03',
      'VOTER_OBJECTIONS_UNDECIDED',
      `the election committee has not decided the objections ${open.join(', ')} to the voter list`,
      undefined,
      { count: open.length },
    );
}

export function registerVoters(s: MeetingState, d: CommandData<'RegisterVoters'>): NewEvent[] {
  notClosed(s);
  const rules = voterListRules(s);
  notFrozen(s);
  // V-03: after publication an addition (补登) is made only with its reason.
  if (s.voterList && !d.reason)
    throw refuse.rule(
      'V-03',
      'ADDITION_NEEDS_REASON',
      `the voter list was published on ${s.voterList.publishedOn}; an addition needs its reason (补登)`,
      'data.reason',
      { date: s.voterList.publishedOn },
    );
  const numbers = new Map<string, string>();
  for (const id of s.members.keys()) {
    const key = memberNumberKey(id);
    if (!numbers.has(key)) numbers.set(key, id);
  }
  // who already represents each household or group, on the list now.
  const households = new Map<string, string>();
  const groups = new Map<string, number>();
  if (rules.electorate !== 'residents')
    for (const m of s.members.values()) {
      if (!onVoterList(m)) continue;
      if (m.registration?.household) households.set(m.registration.household, m.memberId);
      if (m.registration?.group) groups.set(m.registration.group, (groups.get(m.registration.group) ?? 0) + 1);
    }
  const seen = new Map<string, string>();
  const events: NewEvent[] = [];
  d.voters.forEach((v, i) => {
    const at = `data.voters.${i}`;
    const key = memberNumberKey(v.memberId);
    const twin = seen.get(key);
    if (twin !== undefined)
      throw refuse.rule(
        'V-02',
        'VOTER_ALREADY_REGISTERED',
        `${v.memberId} appears twice (one registration only)`,
        `${at}.memberId`,
        {
          memberId: v.memberId,
        },
      );
    seen.set(key, v.memberId);
    // V-02 ¶3: one registration only. A removed voter may be registered again, with the reason (an upheld objection).
    const existing = s.members.get(v.memberId) ?? s.members.get(numbers.get(key) ?? '');
    if (existing && !(existing.removal && existing.memberId === v.memberId))
      throw refuse.rule(
        'V-02',
        'VOTER_ALREADY_REGISTERED',
        existing.registration
          ? `${v.memberId} is already on the voter list (one registration only)`
          : `${v.memberId} is already on the roll as ${existing.memberId}`,
        `${at}.memberId`,
        { memberId: v.memberId },
      );
    if (existing && !d.reason)
      throw refuse.rule(
        'V-03',
        'ADDITION_NEEDS_REASON',
        `${v.memberId} was removed from the list (${existing.removal!.reason}); registering again needs its reason`,
        'data.reason',
        { memberId: v.memberId },
      );
    // V-02 (三): living here a year or more, registered elsewhere: only with the assembly's decision.
    if (v.basis === 'admitted' && !v.admission)
      throw refuse.rule(
        'V-02',
        'ADMISSION_REQUIRED',
        `${v.memberId} is registered by admission (三): give the reference of the assembly's decision`,
        `${at}.admission`,
        { memberId: v.memberId },
      );
    if (rules.electorate === 'households') {
      if (!v.household)
        throw refuse.rule(
          'R-01',
          'HOUSEHOLD_REQUIRED',
          `${v.memberId}: one representative per household needs the household (户号)`,
          `${at}.household`,
          {
            memberId: v.memberId,
          },
        );
      const other = households.get(v.household);
      if (other !== undefined)
        throw refuse.rule(
          'R-01',
          'HOUSEHOLD_ALREADY_REPRESENTED',
          `household ${v.household} is already represented by ${other} (one representative per household)`,
          `${at}.household`,
          { memberId: other },
        );
      households.set(v.household, v.memberId);
    }
    if (rules.electorate === 'group-representatives') {
      if (!v.group)
        throw refuse.rule(
          'R-01',
          'GROUP_REQUIRED',
          `${v.memberId}: group representatives need the residents' group`,
          `${at}.group`,
          {
            memberId: v.memberId,
          },
        );
      const n = (groups.get(v.group) ?? 0) + 1;
      if (n > rules.groupRepresentatives.max)
        throw refuse.rule(
          'R-01',
          'GROUP_FULL',
          `group ${v.group} already has ${rules.groupRepresentatives.max} representatives (2–3 per group)`,
          `${at}.group`,
          { max: rules.groupRepresentatives.max },
        );
      groups.set(v.group, n);
    }
    const data: EventDataMap['VoterRegistered'] = { memberId: v.memberId, name: v.name, basis: v.basis };
    if (v.sex) data.sex = v.sex;
    if (v.household) data.household = v.household;
    if (v.group) data.group = v.group;
    if (v.admission) data.admission = v.admission;
    if (d.reason) data.reason = d.reason;
    events.push({ type: 'VoterRegistered', data });
  });
  const added = events.filter((e) => !s.members.has((e.data as { memberId: string }).memberId)).length;
  if (s.members.size + added > MAX_ROLL)
    throw refuse.invalid('data.voters', 'ROLL_TOO_LARGE', `a roll holds at most ${MAX_ROLL} members`, {
      count: MAX_ROLL,
    });
  return events;
}

export function removeVoter(s: MeetingState, d: CommandData<'RemoveVoter'>): NewEvent[] {
  notClosed(s);
  const rules = voterListRules(s);
  const m = member(s, d.memberId, 'data.memberId');
  if (!m.registration)
    throw refuse.notFound('data.memberId', 'NOT_ON_VOTER_LIST', `${d.memberId} is not on the voter list`, {
      memberId: d.memberId,
    });
  if (m.removal) return [];
  notFrozen(s);
  if (m.present)
    throw refuse.conflict(
      'MEMBER_PRESENT',
      `${d.memberId} is checked in; withdraw the check-in first`,
      'data.memberId',
      {
        memberId: d.memberId,
      },
    );
  if (isCandidate(s, d.memberId))
    throw refuse.conflict(
      'VOTER_IS_CANDIDATE',
      `${d.memberId} stands for election; withdraw the candidacy before removing the voter`,
      'data.memberId',
      { memberId: d.memberId },
    );
  // the list as published gave every group its representatives; a removal may not leave one short of them
  // (its new representative is registered first, with the reason, then the one leaving is removed).
  const group = m.registration.group;
  if (s.voterList && rules.electorate === 'group-representatives' && group !== undefined) {
    const min = rules.groupRepresentatives.min;
    let left = 0;
    for (const x of s.members.values()) if (x !== m && onVoterList(x) && x.registration?.group === group) left++;
    // Only a removal that takes the group below the minimum: one already short (a group mistyped on registration)
    // is no worse for losing a member, and must stay mendable.
    if (left < min && left + 1 >= min)
      throw refuse.rule(
        'R-01',
        'GROUP_TOO_FEW_REPRESENTATIVES',
        `removing ${d.memberId} would leave group ${group} with ${left} representatives, fewer than ${min}; register its new representative first`,
        'data.memberId',
        { min, count: 1 },
      );
  }
  return [{ type: 'VoterRemoved', data: { memberId: d.memberId, reason: d.reason } }];
}

export function publishVoterList(s: MeetingState, d: CommandData<'PublishVoterList'>, ctx: DecideContext): NewEvent[] {
  notClosed(s);
  const rules = voterListRules(s);
  if (s.voterList)
    throw refuse.conflict(
      'VOTER_LIST_PUBLISHED',
      `the voter list was published on ${s.voterList.publishedOn}`,
      undefined,
      {
        date: s.voterList.publishedOn,
      },
    );
  notFrozen(s);
  const today = meetingDay(s, ctx.now);
  const publishedOn = d.publishedOn ?? today;
  if (publishedOn > today)
    throw refuse.rule(
      'V-03',
      'PUBLICATION_IN_FUTURE',
      `the list cannot be published on ${publishedOn}, after today (${today} in ${s.timeZone})`,
      'data.publishedOn',
      { date: publishedOn, until: today },
    );
  const electionDay = electionDayOf(s);
  const deadline = voterListDeadline(s, rules);
  if (publishedOn > deadline)
    throw refuse.rule(
      'V-03',
      'VOTER_LIST_TOO_LATE',
      `the voter list must be published at least ${rules.publishDaysMin} days before the election day ${electionDay}, by ${deadline}`,
      'data.publishedOn',
      { days: rules.publishDaysMin, date: deadline },
    );
  let registered = 0;
  const groups = new Map<string, number>();
  for (const m of s.members.values()) {
    if (!onVoterList(m)) continue;
    registered++;
    if (m.registration?.group) groups.set(m.registration.group, (groups.get(m.registration.group) ?? 0) + 1);
  }
  if (registered === 0) throw refuse.invalid('data', 'NO_VOTERS_REGISTERED', 'nobody is on the voter list yet');
  if (rules.electorate === 'group-representatives') {
    const min = rules.groupRepresentatives.min;
    const short = [...groups].filter(([, n]) => n < min).map(([g]) => g);
    if (short.length > 0)
      throw refuse.rule(
        'R-01',
        'GROUP_TOO_FEW_REPRESENTATIVES',
        `each residents' group elects ${min}–${rules.groupRepresentatives.max} representatives; too few in ${short.join(', ')}`,
        undefined,
        { min, count: short.length },
      );
  }
  return [{ type: 'VoterListPublished', data: { publishedOn, electionDay, registered } }];
}

export function receiveVoterObjection(
  s: MeetingState,
  d: CommandData<'ReceiveVoterObjection'>,
  ctx: DecideContext,
): NewEvent[] {
  notClosed(s);
  const rules = voterListRules(s);
  if (!s.voterList)
    throw refuse.rule('V-03', 'VOTER_LIST_NOT_PUBLISHED', 'objections are received once the voter list is published');
  notFrozen(s);
  if (s.voterObjections.some((o) => o.objectionId === d.objectionId))
    throw refuse.conflict('OBJECTION_EXISTS', `objection ${d.objectionId} is already recorded`, 'data.objectionId');
  const receivedOn = meetingDay(s, ctx.now);
  const last = addDays(s.voterList.publishedOn, rules.objectionDays);
  if (receivedOn > last)
    throw refuse.rule(
      'V-03',
      'OBJECTION_TOO_LATE',
      `objections are received within ${rules.objectionDays} days of the list's publication on ${s.voterList.publishedOn}, by ${last}`,
      undefined,
      { days: rules.objectionDays, date: last },
    );
  if (d.claim === 'omitted') {
    if (!d.name && !d.memberId)
      throw refuse.invalid('data.name', 'OBJECTION_NAMES_NOBODY', 'an objection that someone was left off names them');
    if (d.memberId && onVoterList(s.members.get(d.memberId)))
      throw refuse.invalid('data.memberId', 'VOTER_ALREADY_REGISTERED', `${d.memberId} is on the voter list`, {
        memberId: d.memberId,
      });
  } else {
    if (!d.memberId)
      throw refuse.invalid('data.memberId', 'OBJECTION_NAMES_NOBODY', 'an objection to an entry names the voter');
    if (!s.members.get(d.memberId)?.registration)
      throw refuse.notFound('data.memberId', 'NOT_ON_VOTER_LIST', `${d.memberId} is not on the voter list`, {
        memberId: d.memberId,
      });
  }
  const data: EventDataMap['VoterObjectionReceived'] = {
    objectionId: d.objectionId,
    objector: d.objector,
    claim: d.claim,
    detail: d.detail,
    receivedOn,
  };
  if (d.memberId) data.memberId = d.memberId;
  if (d.name) data.name = d.name;
  return [{ type: 'VoterObjectionReceived', data }];
}

export function decideVoterObjection(
  s: MeetingState,
  d: CommandData<'DecideVoterObjection'>,
  ctx: DecideContext,
): NewEvent[] {
  notClosed(s);
  const rules = voterListRules(s);
  const o = s.voterObjections.find((x) => x.objectionId === d.objectionId);
  if (!o)
    throw refuse.notFound('data.objectionId', 'UNKNOWN_OBJECTION', `no objection ${d.objectionId}`, {
      objectionId: d.objectionId,
    });
  if (o.decision)
    throw refuse.conflict(
      'OBJECTION_DECIDED',
      `objection ${d.objectionId} was decided on ${o.decision.decidedOn}`,
      'data.objectionId',
      {
        date: o.decision.decidedOn,
      },
    );
  const decidedOn = meetingDay(s, ctx.now);
  // V-03: due within 3 days of receipt; a later decision is still the committee's duty, and is recorded as late.
  const late = decidedOn > objectionDue(o.receivedOn, rules);
  return [
    {
      type: 'VoterObjectionDecided',
      data: { objectionId: d.objectionId, upheld: d.upheld, reason: d.reason, decidedOn, late },
    },
  ];
}

/** V-03: the last day an objection received on `receivedOn` is decided in time. */
export const objectionDue = (receivedOn: string, rules: Pick<RegistrationRules, 'decisionDays'>) =>
  addDays(receivedOn, rules.decisionDays);

/** V-03: the last day objections are received for a list published on `publishedOn`. */
export const objectionsClose = (publishedOn: string, rules: Pick<RegistrationRules, 'objectionDays'>) =>
  addDays(publishedOn, rules.objectionDays);

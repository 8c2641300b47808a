/**
 * How the voter list folds (the events of decide-registration.ts). A registered voter is a member with status full
 * and `registration` set, so the voters on the list are the expected number (V-06's base); a removed one keeps the
 * record, with `removal`, off every base. Every function here is exported: FOLD_FUNCTIONS takes them for the
 * snapshot fingerprint.
 */
import type { EventOf } from './events.js';
import { onExpectedBase, votesIn, type MeetingState, type MemberState, type Registration } from './state.js';

export function voterRegistered(s: MeetingState, e: EventOf<'VoterRegistered'>): void {
  const d = e.data;
  const before = s.members.get(d.memberId);
  const registration: Registration = { basis: d.basis };
  if (d.household) registration.household = d.household;
  if (d.group) registration.group = d.group;
  if (d.admission) registration.admission = d.admission;
  const m: MemberState = {
    memberId: d.memberId,
    name: d.name,
    status: 'full',
    excluded: null,
    present: false,
    registration,
  };
  if (d.sex) m.sex = d.sex;
  // A removed voter registered again (an upheld objection): the old record is replaced, its counts undone.
  if (before) {
    if (onExpectedBase(s.ruleset, before)) s.fullMembers--;
    if (before.removal) s.voterCounts = { ...s.voterCounts, removed: s.voterCounts.removed - 1 };
  }
  s.members.set(d.memberId, m);
  if (onExpectedBase(s.ruleset, m)) s.fullMembers++;
  s.voterCounts = { ...s.voterCounts, [d.basis]: s.voterCounts[d.basis] + 1 };
}

export function voterRemoved(s: MeetingState, e: EventOf<'VoterRemoved'>): void {
  const m = s.members.get(e.data.memberId);
  if (!m?.registration || m.removal) return;
  const next: MemberState = { ...m, removal: { reason: e.data.reason, revision: e.metadata.revision } };
  if (onExpectedBase(s.ruleset, m)) {
    s.fullMembers--;
    // An approved exclusion counted in `excluded` only while the member was on the base.
    if (m.excluded) s.excluded--;
  }
  // The decider refuses a present voter's removal; a forged log still keeps the counters whole.
  if (m.present && votesIn(s.ruleset, m)) {
    s.presentVoters--;
    s.attendeesWithoutVote++;
  }
  s.members.set(m.memberId, next);
  const basis = m.registration.basis;
  s.voterCounts = { ...s.voterCounts, [basis]: s.voterCounts[basis] - 1, removed: s.voterCounts.removed + 1 };
}

export function voterListPublished(s: MeetingState, e: EventOf<'VoterListPublished'>): void {
  s.voterList = { ...e.data, revision: e.metadata.revision };
}

export function voterObjectionReceived(s: MeetingState, e: EventOf<'VoterObjectionReceived'>): void {
  s.voterObjections = [...s.voterObjections, { ...e.data, revision: e.metadata.revision, decision: null }];
}

export function voterObjectionDecided(s: MeetingState, e: EventOf<'VoterObjectionDecided'>): void {
  const { objectionId, ...decision } = e.data;
  s.voterObjections = s.voterObjections.map((o) =>
    o.objectionId === objectionId ? { ...o, decision: { ...decision, revision: e.metadata.revision } } : o,
  );
}

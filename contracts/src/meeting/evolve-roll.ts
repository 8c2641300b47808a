/**
 * How the roll, attendance, officers and credentials fold (the events of decide-roll.ts). Every function
 * here is exported: FOLD_FUNCTIONS takes them from this module for the snapshot fingerprint.
 */
import type { EventOf } from './events.js';
import { DEFAULT_TIME_ZONE } from './local-date.js';
import { onExpectedBase, votesIn, type MeetingState, type MemberState } from './state.js';

export function meetingScheduled(s: MeetingState, e: EventOf<'MeetingScheduled'>): void {
  const d = e.data;
  Object.assign(s, {
    meetingId: d.meetingId,
    title: d.title,
    organisation: d.organisation,
    organisationId: d.organisationId ?? null,
    scheduledFor: d.scheduledFor,
    timeZone: d.timeZone ?? DEFAULT_TIME_ZONE,
    ruleset: d.ruleset,
    practice: typeof d.practice === 'boolean' ? d.practice : null,
    officerCredentials: d.officerCredentials === true,
    venueCodes: d.venueCodes === true,
    presentForWriting: d.presentForWriting === true,
    committeeWriteIns: d.committeeWriteIns === true,
  });
}

export function earlyCheckInConfirmed(s: MeetingState, e: EventOf<'EarlyCheckInConfirmed'>): void {
  s.earlyCheckIn = e.data.confirmedOn;
}

export function memberEnrolled(s: MeetingState, e: EventOf<'MemberEnrolled'>): void {
  const d = e.data;
  const m: MemberState = { memberId: d.memberId, name: d.name, status: d.status, excluded: null, present: false };
  if (d.category) m.category = d.category;
  if (d.sex) m.sex = d.sex;
  s.members.set(d.memberId, m);
  if (onExpectedBase(s.ruleset, m)) s.fullMembers++;
}

export function memberExcluded(s: MeetingState, e: EventOf<'MemberExcluded'>): void {
  const m = s.members.get(e.data.memberId);
  if (m && !m.excluded) {
    s.members.set(m.memberId, { ...m, excluded: { reason: e.data.reason, approvalRef: e.data.approvalRef } });
    if (onExpectedBase(s.ruleset, m)) s.excluded++;
  }
}

export function memberCorrected(s: MeetingState, e: EventOf<'MemberCorrected'>): void {
  const d = e.data;
  const m = s.members.get(d.memberId);
  if (!m) return;
  const next: MemberState = { ...m, name: d.name ?? m.name, status: d.status ?? m.status };
  s.members.set(m.memberId, next);
  s.memberCorrections.push({
    memberId: m.memberId,
    reason: d.reason,
    revision: e.metadata.revision,
    before: { name: m.name, status: m.status },
    after: { name: next.name, status: next.status },
  });
  for (const l of d.lists ?? []) {
    const c = s.contests.get(l.contestId);
    if (!c?.list) continue;
    c.list = { ...c.list, candidateIds: l.candidateIds };
    if (c.pending && c.rounds.length === 0) c.pending = { ...c.pending, candidates: l.candidateIds };
  }
  const wasFull = onExpectedBase(s.ruleset, m);
  const isFull = onExpectedBase(s.ruleset, next);
  if (wasFull !== isFull) {
    const delta = isFull ? 1 : -1;
    s.fullMembers += delta;
    // An approved exclusion stays on the member's record but only takes a full member off the expected
    // number (P-03, P-04): a member corrected to probationary is off it anyway, and back again if corrected back.
    if (m.excluded) s.excluded += delta;
  }
  if (m.present && votesIn(s.ruleset, m) !== votesIn(s.ruleset, next)) {
    const delta = votesIn(s.ruleset, next) ? 1 : -1;
    s.presentVoters += delta;
    s.attendeesWithoutVote -= delta;
    s.attendance.push({ revision: e.metadata.revision, at: e.metadata.recordedAt, presentVoters: s.presentVoters });
  }
}

/** MemberCheckedIn, CheckInWithdrawn and MemberDeparted: a member arrives or leaves. */
export function presenceChanged(
  s: MeetingState,
  e: EventOf<'MemberCheckedIn' | 'CheckInWithdrawn' | 'MemberDeparted'>,
): void {
  const m = s.members.get(e.data.memberId);
  const present = e.type === 'MemberCheckedIn';
  if (!m || m.present === present) return;
  // Object.assign, not a spread followed by members: V8 gave every record built that way a hidden class of its own
  // (a map and a descriptor array per member, ~290 bytes each), and the arrivals views slower to read.
  if (e.type === 'MemberCheckedIn') {
    const arrival = { method: e.data.method, at: e.metadata.recordedAt };
    if (m.left) {
      const { left: _back, ...rest } = m;
      s.members.set(m.memberId, Object.assign(rest, { present, arrival }));
    } else s.members.set(m.memberId, Object.assign({}, m, { present, arrival }));
  } else {
    const { arrival: _gone, ...rest } = m;
    s.members.set(m.memberId, { ...rest, present, left: e.type === 'MemberDeparted' ? 'departed' : 'withdrawn' });
  }
  const delta = present ? 1 : -1;
  if (votesIn(s.ruleset, m)) s.presentVoters += delta;
  else s.attendeesWithoutVote += delta;
  s.attendance.push({ revision: e.metadata.revision, at: e.metadata.recordedAt, presentVoters: s.presentVoters });
}

export function electionMethodAdopted(s: MeetingState, e: EventOf<'ElectionMethodAdopted'>): void {
  s.method = e.data.vote;
}

export function officersAppointed(s: MeetingState, e: EventOf<'OfficersAppointed'>): void {
  s.officers = { scrutineers: e.data.scrutineers, tellers: e.data.tellers, vote: e.data.vote };
}

export function meetingClosed(s: MeetingState): void {
  s.closed = true;
}

export function credentialIssued(s: MeetingState, e: EventOf<'CredentialIssued'>): void {
  s.credentials.set(e.data.credentialId, { ...e.data, revoked: false });
}

export function recoveryCodeSet(s: MeetingState, e: EventOf<'RecoveryCodeSet'>): void {
  s.recoveryCodeHash = e.data.codeHash;
}

export function credentialRevoked(s: MeetingState, e: EventOf<'CredentialRevoked'>): void {
  const cr = s.credentials.get(e.data.credentialId);
  if (cr) cr.revoked = true;
}

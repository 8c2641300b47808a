/**
 * How contests, nominations and the candidate list fold (the events of decide-candidates.ts). Every function
 * here is exported: FOLD_FUNCTIONS takes them from this module for the snapshot fingerprint.
 */
import type { EventOf } from './events.js';
import { localDate } from './local-date.js';
import type { MeetingState } from './state.js';

export function contestCreated(s: MeetingState, e: EventOf<'ContestCreated'>): void {
  const d = e.data;
  s.contests.set(d.contestId, {
    contestId: d.contestId,
    office: d.office,
    seats: d.seats,
    mode: d.mode,
    electorate: d.electorate,
    ballot: d.ballot ?? 'election',
    ballotColour: d.ballotColour ?? null,
    nominees: new Map(),
    recommendations: null,
    adoption: null,
    list: null,
    confirmed: false,
    republishRequired: null,
    withdrawn: [],
    withdrawal: null,
    listWithdrawals: [],
    rounds: [],
    pending: null,
    elected: [],
    vacant: 0,
    approval: null,
    ...(d.reserved ? { reserved: d.reserved } : {}),
  });
}

export function nominationReceived(s: MeetingState, e: EventOf<'NominationReceived'>): void {
  const c = s.contests.get(e.data.contestId);
  if (!c) return;
  const n = c.nominees.get(e.data.nomineeId) ?? { memberId: e.data.nomineeId, routes: [], review: null };
  n.routes.push({ route: e.data.route, supporters: e.data.supporters });
  c.nominees.set(n.memberId, n);
}

export function recommendationsRecorded(s: MeetingState, e: EventOf<'RecommendationsRecorded'>): void {
  const c = s.contests.get(e.data.contestId);
  if (c) c.recommendations = { ballotsCast: e.data.ballotsCast, votes: e.data.votes };
}

/**
 * P-08b: each adopted candidate is nominated and found qualified (the 换届 reviewed, examined, noticed and had them
 * approved); its nomination routes are in its provenance, so it has none in the meeting.
 */
export function candidateListAdopted(s: MeetingState, e: EventOf<'CandidateListAdopted'>): void {
  const c = s.contests.get(e.data.contestId);
  if (!c) return;
  const { contestId: _c, ...adoption } = e.data;
  c.adoption = { ...adoption, at: e.metadata.revision };
  for (const a of e.data.candidates)
    c.nominees.set(a.candidateId, { memberId: a.candidateId, routes: [], review: { qualified: true, reason: '' } });
}

export function candidateReviewed(s: MeetingState, e: EventOf<'CandidateReviewed'>): void {
  const n = s.contests.get(e.data.contestId)?.nominees.get(e.data.nomineeId);
  if (n) n.review = { qualified: e.data.qualified, reason: e.data.reason };
}

export function candidateListPublished(s: MeetingState, e: EventOf<'CandidateListPublished'>): void {
  const c = s.contests.get(e.data.contestId);
  if (c) {
    c.list = { candidateIds: e.data.candidateIds, noticeDays: e.data.noticeDays, publishedOn: e.data.publishedOn };
    c.republishRequired = null;
  }
}

export function candidateWithdrawn(s: MeetingState, e: EventOf<'CandidateWithdrawn'>): void {
  const d = e.data;
  const c = s.contests.get(d.contestId);
  if (!c) return;
  c.withdrawn.push({ candidateId: d.candidateId, reason: d.reason, revision: e.metadata.revision });
  // Replaced, not changed in place: a copy of the state (cloneState) shares the list.
  if (c.list) c.list = { ...c.list, candidateIds: c.list.candidateIds.filter((id) => id !== d.candidateId) };
  if (d.list === 'republish') {
    c.confirmed = false;
    c.pending = null;
    c.republishRequired = {
      rule: d.rule ?? 'P-12',
      candidateId: d.candidateId,
      since: localDate(e.metadata.recordedAt, s.timeZone),
    };
  } else if (c.pending && c.rounds.length === 0) {
    c.pending = { ...c.pending, candidates: c.pending.candidates.filter((id) => id !== d.candidateId) };
  }
}

export function candidateListConfirmed(s: MeetingState, e: EventOf<'CandidateListConfirmed'>): void {
  const c = s.contests.get(e.data.contestId);
  if (c) {
    c.confirmed = true;
    c.pending = { kind: 'first', seats: c.seats, candidates: e.data.candidateIds };
  }
}

export function contestWithdrawn(s: MeetingState, e: EventOf<'ContestWithdrawn'>): void {
  const c = s.contests.get(e.data.contestId);
  if (!c) return;
  c.withdrawal = {
    reason: e.data.reason,
    revision: e.metadata.revision,
    on: localDate(e.metadata.recordedAt, s.timeZone),
  };
  c.pending = null;
}

/** The list comes down: nominations reopen, and the next publication starts a new notice (P-10). */
export function candidateListWithdrawn(s: MeetingState, e: EventOf<'CandidateListWithdrawn'>): void {
  const c = s.contests.get(e.data.contestId);
  if (!c?.list) return;
  c.listWithdrawals.push({
    reason: e.data.reason,
    revision: e.metadata.revision,
    on: localDate(e.metadata.recordedAt, s.timeZone),
    publishedOn: c.list.publishedOn,
    candidateIds: c.list.candidateIds,
    wasConfirmed: c.confirmed,
  });
  c.list = null;
  c.confirmed = false;
  c.pending = null;
  c.republishRequired = null;
}

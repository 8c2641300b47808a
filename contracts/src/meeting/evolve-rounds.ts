/**
 * How rounds, ballots, results and the contest's end fold (the events of decide-rounds.ts). Every function
 * here is exported: FOLD_FUNCTIONS takes them from this module for the snapshot fingerprint.
 */
import type { EventOf } from './events.js';
import { sameBallot, type BallotContent } from '../rules/ballot.js';
import { roundOf, type BallotSlot, type Entry, type MeetingState, type RoundState } from './state.js';
import { advanceBoard, count, uncount } from './tally.js';

export function roundOpened(s: MeetingState, e: EventOf<'RoundOpened'>): void {
  const d = e.data;
  const c = s.contests.get(d.contestId);
  if (!c) return;
  c.pending = null;
  c.rounds.push({
    round: d.round,
    kind: d.kind,
    seats: d.seats,
    candidates: d.candidates,
    ballotsIssued: d.ballotsIssued,
    presentVoters: d.presentVoters,
    expected: d.expected,
    doubleEntry: d.doubleEntry,
    ...(c.reserved ? { reserved: c.reserved } : {}),
    ...(s.committeeWriteIns && c.electorate !== 'meeting'
      ? { writeInsAmong: [...(s.contests.get(c.electorate.committeeOf)?.elected ?? [])] }
      : {}),
    status: 'open',
    ballotsReturned: null,
    ballots: new Map(),
    tally: new Map(d.candidates.map((id) => [id, { candidateId: id, for: 0, against: 0, abstain: 0 }])),
    unreadable: new Map(),
    valid: 0,
    invalid: 0,
    disputed: 0,
    corrections: [],
    declared: null,
    declaredRevision: null,
    declaredAt: null,
    reopenings: [],
    board: {
      ballots: 0,
      valid: 0,
      invalid: 0,
      tally: d.candidates.map((id) => ({ candidateId: id, for: 0, against: 0, abstain: 0 })),
      unreadable: {},
    },
    poll: d.poll ?? null,
    boxes: new Map(),
  });
}

/** A poll's round: the papers entered per box move with a slot's box (none for a round without a poll). */
function moveBox(r: RoundState, from: string | undefined, to: string | undefined): void {
  if (from === to) return;
  if (from !== undefined) r.boxes.set(from, (r.boxes.get(from) ?? 0) - 1);
  if (to !== undefined) r.boxes.set(to, (r.boxes.get(to) ?? 0) + 1);
}
/**
 * The write-ins of every entry that has none: one frozen array instead of one per entry kept for the rest of the
 * meeting (nothing writes into an entry; the freeze makes sure of it).
 */
const NO_WRITE_INS: string[] = Object.freeze([]) as unknown as string[];

/**
 * An entry as the fold keeps it: no write-ins is the one frozen array; the teller is the credential's own copy of its
 * id, not one string per entry. Also how decodeState restores a snapshot's entries, so a meeting started from a
 * snapshot holds what a meeting folded from its log holds.
 */
export function keptEntry(s: MeetingState, d: BallotContent, teller: string): Entry {
  const entry: Entry = {
    marks: d.marks,
    writeIns: d.writeIns.length === 0 ? NO_WRITE_INS : d.writeIns,
    teller: keptTeller(s, teller),
  };
  if (d.paper !== undefined) entry.paper = d.paper;
  return entry;
}

/**
 * A second entry as the fold keeps it: its teller's id alone when it agrees with the first (the paper's content is
 * then held once and the agreement check is an identity check), the entry itself when it does not (P-23).
 */
export function keptSecond(s: MeetingState, first: Entry, d: BallotContent, teller: string): Entry | string {
  return sameBallot(first, d) ? keptTeller(s, teller) : keptEntry(s, d, teller);
}

/** The credential's own copy of a teller's id, so that every entry of one teller shares one string. */
export function keptTeller(s: MeetingState, teller: string): string {
  return s.credentials.get(teller)?.credentialId ?? teller;
}

export function ballotRecorded(s: MeetingState, e: EventOf<'BallotRecorded'>): void {
  const d = e.data;
  const r = roundOf(s, d.contestId, d.round);
  if (!r || !s.ruleset) return;
  const prev = r.ballots.get(d.ballotNo);
  // The decider keys at most two entries onto a paper, and the count only ever read two: a third is not kept.
  if (prev !== undefined && prev.second !== null) return;
  uncount(s, r, prev);
  const station = prev ? prev.station : d.station;
  if (!prev) moveBox(r, undefined, station);
  const first = prev ? prev.first : null;
  const slot: BallotSlot =
    first === null
      ? { first: keptEntry(s, d, d.teller), second: null, correction: prev ? prev.correction : null, counted: null }
      : { first, second: keptSecond(s, first, d, d.teller), correction: prev!.correction, counted: null };
  // Set after the literal rather than spread into it: the spread took a runtime call for every ballot.
  if (station !== undefined) slot.station = station;
  count(s, r, d.ballotNo, slot, s.ruleset);
  advanceBoard(r);
}

export function ballotEntryCorrected(s: MeetingState, e: EventOf<'BallotEntryCorrected'>): void {
  const d = e.data;
  const r = roundOf(s, d.contestId, d.round);
  if (!r || !s.ruleset) return;
  const prev = r.ballots.get(d.ballotNo);
  uncount(s, r, prev);
  const station = d.station ?? prev?.station;
  moveBox(r, prev ? prev.station : undefined, station);
  const slot: BallotSlot = {
    first: prev ? prev.first : null,
    second: prev ? prev.second : null,
    correction: {
      marks: d.marks,
      writeIns: d.writeIns,
      ...(d.paper !== undefined ? { paper: d.paper } : {}),
      reason: d.reason,
      scrutineer: d.scrutineer,
    },
    counted: null,
  };
  if (station !== undefined) slot.station = station;
  count(s, r, d.ballotNo, slot, s.ruleset);
  r.corrections.push({
    ballotNo: d.ballotNo,
    kind: 'corrected',
    reason: d.reason,
    scrutineer: d.scrutineer,
    revision: e.metadata.revision,
  });
  advanceBoard(r);
}

export function ballotEntryVoided(s: MeetingState, e: EventOf<'BallotEntryVoided'>): void {
  const d = e.data;
  const r = roundOf(s, d.contestId, d.round);
  if (!r || !s.ruleset) return;
  const prev = r.ballots.get(d.ballotNo);
  uncount(s, r, prev);
  if (prev) moveBox(r, prev.station, undefined);
  r.ballots.delete(d.ballotNo);
  r.corrections.push({
    ballotNo: d.ballotNo,
    kind: 'voided',
    reason: d.reason,
    scrutineer: d.scrutineer,
    revision: e.metadata.revision,
  });
  advanceBoard(r);
}

export function roundClosed(s: MeetingState, e: EventOf<'RoundClosed'>): void {
  const d = e.data;
  const c = s.contests.get(d.contestId);
  const r = c?.rounds[d.round - 1];
  if (!c || !r) return;
  r.status = d.status;
  r.ballotsReturned = d.ballotsReturned;
  // Everyone sees the whole count once the round is closed: the board starts from it if the round is reopened.
  advanceBoard(r, true);
  // P-21: a void round is re-run with the same candidates after a fresh quorum check.
  if (d.status === 'void')
    c.pending = { kind: r.kind, seats: r.seats, candidates: r.candidates, rule: d.rule ?? 'P-21' };
}

export function roundReopened(s: MeetingState, e: EventOf<'RoundReopened'>): void {
  const d = e.data;
  const c = s.contests.get(d.contestId);
  const r = c?.rounds[d.round - 1];
  if (!c || !r || (r.status !== 'valid' && r.status !== 'void')) return;
  r.reopenings.push({
    revision: e.metadata.revision,
    reason: d.reason,
    undid: { status: r.status, ballotsReturned: r.ballotsReturned ?? 0 },
  });
  // The re-run a void close called for is withdrawn: the round it would have replaced is open again.
  if (r.status === 'void') c.pending = null;
  r.status = 'open';
  r.ballotsReturned = null;
}

export function resultDeclared(s: MeetingState, e: EventOf<'ResultDeclared'>): void {
  const c = s.contests.get(e.data.contestId);
  const r = c?.rounds[e.data.round - 1];
  if (!c || !r) return;
  r.status = 'declared';
  r.declared = e.data;
  r.declaredRevision = e.metadata.revision;
  r.declaredAt = e.metadata.recordedAt;
  c.elected.push(...e.data.elected);
}

export function roundRequired(s: MeetingState, e: EventOf<'RoundRequired'>): void {
  const c = s.contests.get(e.data.contestId);
  if (c) c.pending = { kind: e.data.kind, seats: e.data.seats, candidates: e.data.candidates, rule: e.data.rule };
}

export function seatsLeftVacant(s: MeetingState, e: EventOf<'SeatsLeftVacant'>): void {
  const c = s.contests.get(e.data.contestId);
  if (c) {
    c.vacant += e.data.seats;
    c.pending = null;
  }
}

export function newElectionDue(s: MeetingState, e: EventOf<'NewElectionDue'>): void {
  const c = s.contests.get(e.data.contestId);
  if (!c) return;
  const { seats, withinMonths, dueBy } = e.data;
  c.newElection = { seats, withinMonths, dueBy, revision: e.metadata.revision };
  c.pending = null;
}

/** P-19: a 代写 record, kept in the order made and apart from every ballot. */
export function assistedWritingRecorded(s: MeetingState, e: EventOf<'AssistedWritingRecorded'>): void {
  s.assistedWriting.push({ voterId: e.data.voterId, writerId: e.data.writerId, revision: e.metadata.revision });
}

export function approvalRecorded(s: MeetingState, e: EventOf<'ApprovalRecorded'>): void {
  const c = s.contests.get(e.data.contestId);
  if (c) c.approval = e.data.reference;
}

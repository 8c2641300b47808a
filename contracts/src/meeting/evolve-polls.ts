/**
 * How stations, polls, papers issued and boxes fold (the events of decide-polls.ts). Every function here is exported:
 * FOLD_FUNCTIONS takes them from this module for the snapshot fingerprint. Boxes are replaced, never changed in place.
 */
import type { EventOf } from './events.js';
import { roundOf, type MeetingState, type PollState } from './state.js';

export function pollingStationSetUp(s: MeetingState, e: EventOf<'PollingStationSetUp'>): void {
  const d = e.data;
  s.stations.set(d.stationId, {
    stationId: d.stationId,
    kind: d.kind,
    name: d.name,
    officers: d.officers,
    revision: e.metadata.revision,
  });
}

export function pollOpened(s: MeetingState, e: EventOf<'PollOpened'>): void {
  const d = e.data;
  s.polls.set(d.pollId, {
    pollId: d.pollId,
    rounds: d.rounds,
    boxes: new Map(d.stations.map((stationId) => [stationId, { stationId, issued: 0, sealed: false, returned: null }])),
    issued: new Map(),
    revision: e.metadata.revision,
  });
}

function replaceBox(poll: PollState, stationId: string, change: (b: { issued: number }) => object): void {
  const box = poll.boxes.get(stationId);
  if (box) poll.boxes.set(stationId, { ...box, ...change(box) });
}

/** One paper more at the station, and in every round of the poll one more issued and one more voter (V-06). */
export function ballotIssued(s: MeetingState, e: EventOf<'BallotIssued'>): void {
  const d = e.data;
  const poll = s.polls.get(d.pollId);
  if (!poll) return;
  poll.issued.set(d.proxyFor ?? d.memberId, {
    stationId: d.stationId,
    ...(d.proxyFor !== undefined ? { proxy: d.memberId } : {}),
    revision: e.metadata.revision,
  });
  replaceBox(poll, d.stationId, (b) => ({ issued: b.issued + 1 }));
  for (const pr of poll.rounds) {
    const r = roundOf(s, pr.contestId, pr.round);
    if (!r) continue;
    r.ballotsIssued += 1;
    r.presentVoters += 1;
  }
}

export function ballotBoxSealed(s: MeetingState, e: EventOf<'BallotBoxSealed'>): void {
  const poll = s.polls.get(e.data.pollId);
  if (poll) replaceBox(poll, e.data.stationId, () => ({ sealed: true }));
}

export function ballotBoxOpened(s: MeetingState, e: EventOf<'BallotBoxOpened'>): void {
  const poll = s.polls.get(e.data.pollId);
  if (poll) replaceBox(poll, e.data.stationId, () => ({ returned: e.data.ballotsReturned }));
}

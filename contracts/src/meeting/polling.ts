/**
 * V-11: polling stations (投票站), mobile ballot boxes (流动票箱) and the central meeting (选举大会) as places ballots
 * are cast, and the checks the round commands make on a poll's boxes (which box a paper came from, whether every box
 * was sealed and opened at the count). The poll commands themselves are in decide-polls.ts.
 */
import { refuse } from '../errors.js';
import type { Ruleset } from '../rules/ruleset.js';
import type { Teller } from './events.js';
import { isCandidate, member } from './guards.js';
import type { BallotBoxState, BallotSlot, MeetingState, PollState, RoundState } from './state.js';

/** V-11: the polling rules of the meeting's ruleset; refused (P-20) where a ruleset casts no votes outside the hall. */
export function pollingRules(s: MeetingState): NonNullable<Ruleset['polling']> {
  const p = s.ruleset?.polling;
  if (!p)
    throw refuse.rule(
      'P-20',
      'POLLING_NOT_IN_RULESET',
      `the ruleset ${s.ruleset?.name ?? '?'} casts every vote at the meeting: no polling stations or mobile ballot boxes`,
      undefined,
      { ruleset: s.ruleset?.name ?? '' },
    );
  return p;
}

/** A station's name as the chair set it up, for refusals. */
export const stationName = (s: MeetingState, stationId: string) => s.stations.get(stationId)?.name ?? stationId;

/**
 * V-11: at least `officersMin` officers (监票人员) for a station or box, none a candidate of any contest. Checked when
 * it is set up and again when a poll opens there (an officer may have been nominated since).
 */
export function checkStationOfficers(
  s: MeetingState,
  p: NonNullable<Ruleset['polling']>,
  station: { stationId: string; name: string; officers: readonly Teller[] },
  field: string,
  each: (i: number) => string,
): void {
  if (station.officers.length < p.officersMin)
    throw refuse.rule(
      p.rule,
      'TOO_FEW_STATION_OFFICERS',
      `${station.name} has ${station.officers.length} officers; a station or box needs at least ${p.officersMin}`,
      field,
      { stationId: station.stationId, count: station.officers.length, required: p.officersMin },
    );
  const names = new Set<string>();
  station.officers.forEach((o, i) => {
    if (names.has(o.name))
      throw refuse.invalid(each(i), 'DUPLICATE_OFFICER', `${o.name} is listed twice among the officers`, {
        stationId: station.stationId,
      });
    names.add(o.name);
    if (o.memberId === undefined) return;
    const m = member(s, o.memberId, `${each(i)}.memberId`);
    if (isCandidate(s, o.memberId))
      throw refuse.rule(
        p.rule,
        'STATION_OFFICER_IS_CANDIDATE',
        `${m.name} is a candidate and cannot be an officer of ${station.name}`,
        each(i),
        { stationId: station.stationId, memberId: o.memberId },
      );
  });
}

export function pollOf(s: MeetingState, pollId: string, field = 'data.pollId'): PollState {
  const poll = s.polls.get(pollId);
  if (!poll) throw refuse.notFound(field, 'UNKNOWN_POLL', `no poll ${pollId}`, { pollId });
  return poll;
}

export function boxOf(s: MeetingState, poll: PollState, stationId: string, field = 'data.stationId'): BallotBoxState {
  const box = poll.boxes.get(stationId);
  if (!box)
    throw refuse.notFound(
      field,
      'STATION_NOT_IN_POLL',
      `${stationName(s, stationId)} is not a station or box of poll ${poll.pollId}`,
      { pollId: poll.pollId, stationId },
    );
  return box;
}

/**
 * A poll's round is closed only once every box was sealed and opened at the count (V-09), and with the papers that
 * came out of the boxes together (P-21). Returns the boxes.
 */
export function pollBoxesCounted(s: MeetingState, pollId: string, ballotsReturned: number): BallotBoxState[] {
  const boxes = [...pollOf(s, pollId).boxes.values()];
  for (const b of boxes) {
    if (!b.sealed || b.returned === null)
      throw refuse.rule(
        'V-09',
        'BALLOT_BOX_NOT_COUNTED',
        `${stationName(s, b.stationId)} is ${b.sealed ? 'sealed but not yet opened at the count' : 'not sealed yet'}`,
        'data.round',
        { pollId, stationId: b.stationId },
      );
  }
  const total = boxes.reduce((n, b) => n + b.returned!, 0);
  if (total !== ballotsReturned)
    throw refuse.rule(
      'P-21',
      'RETURNED_DIFFERS_FROM_BOXES',
      `${ballotsReturned} papers returned, but the boxes of poll ${pollId} gave ${total}`,
      'data.ballotsReturned',
      { returned: ballotsReturned, count: total },
    );
  return boxes;
}

/**
 * The box a paper of this round was keyed from: required in a poll's round and refused elsewhere; the box opened at
 * the count (V-09); not more papers entered from it than came out of it (P-21); under double entry both entries,
 * and a scrutineer's voiding, name the same box.
 */
export function checkBallotBox(
  s: MeetingState,
  r: RoundState,
  d: { ballotNo: number; station?: string | undefined },
  slot: BallotSlot | undefined,
  act: 'entry' | 'correction' | 'voiding',
): void {
  if (r.poll === null) {
    if (d.station !== undefined)
      throw refuse.invalid(
        'data.station',
        'STATION_NOT_ON_ROUND',
        'this round was not opened in a poll: it has no boxes',
      );
    return;
  }
  if (d.station === undefined)
    throw refuse.invalid('data.station', 'STATION_REQUIRED', `name the box ballot ${d.ballotNo} came out of`, {
      pollId: r.poll,
    });
  const box = boxOf(s, pollOf(s, r.poll), d.station, 'data.station');
  if (box.returned === null)
    throw refuse.rule(
      'V-09',
      'BALLOT_BOX_NOT_OPENED',
      `${stationName(s, d.station)} has not been opened at the count`,
      'data.station',
      { stationId: d.station },
    );
  if (slot?.station !== undefined && slot.station !== d.station && act !== 'correction')
    throw refuse.conflict(
      'BALLOT_STATION_DIFFERS',
      `ballot ${d.ballotNo} was entered from ${stationName(s, slot.station)}, not ${stationName(s, d.station)}; a scrutineer corrects it`,
      'data.station',
      { ballotNo: d.ballotNo, stationId: slot.station },
    );
  const moving = slot === undefined || slot.station !== d.station;
  const entered = r.boxes.get(d.station) ?? 0;
  if (act !== 'voiding' && moving && entered >= box.returned)
    throw refuse.rule(
      'P-21',
      'BOX_FULLY_ENTERED',
      `${box.returned} papers came out of ${stationName(s, d.station)} and ${entered} are entered already`,
      'data.station',
      { stationId: d.station, returned: box.returned, entered },
    );
}

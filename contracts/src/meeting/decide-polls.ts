/**
 * V-11: where ballots are cast. Stations and boxes are set up with their officers, a poll opens one paper for the
 * rounds of several contests, papers are issued to named voters at a station (领票, V-10 through a written proxy),
 * boxes are sealed and then opened at the public count (公开计票, V-09). Counting and closing stay in decide-rounds.ts.
 */
import { refuse } from '../errors.js';
import type { CommandData } from './commands.js';
import { roundMayOpen, roundOpenedData } from './decide-rounds.js';
import type { NewEvent } from './events.js';
import { contest, member, notClosed } from './guards.js';
import { boxOf, checkStationOfficers, pollingRules, pollOf, stationName } from './polling.js';
import { votesIn, type MeetingState } from './state.js';

export function setUpPollingStation(s: MeetingState, d: CommandData<'SetUpPollingStation'>): NewEvent[] {
  notClosed(s);
  const p = pollingRules(s);
  if (s.stations.has(d.stationId))
    throw refuse.conflict('STATION_EXISTS', `${stationName(s, d.stationId)} is set up already`, 'data.stationId', {
      stationId: d.stationId,
    });
  if (d.kind === 'central') {
    const central = [...s.stations.values()].find((st) => st.kind === 'central');
    if (central)
      throw refuse.conflict('CENTRAL_STATION_EXISTS', `the central meeting is ${central.name} already`, 'data.kind', {
        stationId: central.stationId,
      });
  }
  checkStationOfficers(s, p, d, 'data.officers', (i) => `data.officers.${i}`);
  return [
    {
      type: 'PollingStationSetUp',
      data: {
        stationId: d.stationId,
        kind: d.kind,
        name: d.name,
        officers: d.officers.map((o) =>
          o.memberId !== undefined ? { name: o.name, memberId: o.memberId } : { name: o.name },
        ),
      },
    },
  ];
}

export function openPoll(s: MeetingState, d: CommandData<'OpenPoll'>): NewEvent[] {
  notClosed(s);
  const p = pollingRules(s);
  if (s.polls.has(d.pollId))
    throw refuse.conflict('POLL_EXISTS', `poll ${d.pollId} was opened already`, 'data.pollId', { pollId: d.pollId });
  if (new Set(d.contestIds).size !== d.contestIds.length)
    throw refuse.invalid('data.contestIds', 'DUPLICATE_CONTEST', 'a contest is listed twice on the paper');
  const stations = d.stationIds ?? [...s.stations.keys()];
  if (stations.length === 0)
    throw refuse.rule(
      p.rule,
      'NO_POLLING_STATION',
      'set up the central meeting or a polling station first',
      'data.stationIds',
    );
  if (new Set(stations).size !== stations.length)
    throw refuse.invalid('data.stationIds', 'DUPLICATE_STATION', 'a station is listed twice');
  stations.forEach((id, i) => {
    const st = s.stations.get(id);
    if (!st)
      throw refuse.notFound(`data.stationIds.${i}`, 'UNKNOWN_STATION', `no polling station or box ${id}`, {
        stationId: id,
      });
    // V-11: an officer nominated since the station was set up may no longer serve there.
    checkStationOfficers(s, p, st, `data.stationIds.${i}`, () => `data.stationIds.${i}`);
  });
  const contests = d.contestIds.map((id) => contest(s, id));
  const opened = contests.map((c) => {
    const e = roundMayOpen(s, c);
    return roundOpenedData(s, c, { ballotsIssued: 0, presentVoters: 0, expected: e.expected }, d.pollId);
  });
  return [
    {
      type: 'PollOpened',
      data: { pollId: d.pollId, rounds: opened.map((r) => ({ contestId: r.contestId, round: r.round })), stations },
    },
    ...opened.map((data): NewEvent => ({ type: 'RoundOpened', data })),
  ];
}

export function issueBallots(s: MeetingState, d: CommandData<'IssueBallots'>): NewEvent[] {
  notClosed(s);
  const poll = pollOf(s, d.pollId);
  const box = boxOf(s, poll, d.stationId);
  if (box.sealed)
    throw refuse.rule(
      'V-11c',
      'BALLOT_BOX_SEALED',
      `${stationName(s, d.stationId)} is sealed: no more papers are issued there`,
      'data.stationId',
      { stationId: d.stationId },
    );
  const ruleset = s.ruleset!;
  /** Papers issued by this very command, by the voter whose vote each is. */
  const now = new Map<string, { stationId: string; proxy?: string }>();
  const events: NewEvent[] = [];
  d.voters.forEach((v, i) => {
    const field = `data.voters.${i}`;
    const m = member(s, v.memberId, `${field}.memberId`);
    if (!votesIn(ruleset, m))
      throw refuse.rule('V-11c', 'NOT_A_REGISTERED_VOTER', `${m.name} is not a registered voter`, `${field}.memberId`, {
        memberId: m.memberId,
      });
    let voter = m;
    if (v.proxyFor !== undefined) {
      const principal = member(s, v.proxyFor, `${field}.proxyFor`);
      if (!votesIn(ruleset, principal))
        throw refuse.rule(
          'V-11c',
          'NOT_A_REGISTERED_VOTER',
          `${principal.name} is not a registered voter`,
          `${field}.proxyFor`,
          { memberId: principal.memberId },
        );
      if (!s.proxyList)
        throw refuse.rule(
          'V-10',
          'PROXY_LIST_NOT_PUBLISHED',
          'the list of principals and proxies has not been published: no paper is handed to a proxy',
          `${field}.proxyFor`,
        );
      if (s.proxies.get(principal.memberId)?.proxyId !== m.memberId)
        throw refuse.rule(
          'V-10',
          'NOT_THE_PROXY',
          `${m.name} holds no written proxy of ${principal.name}`,
          `${field}.proxyFor`,
          { memberId: m.memberId, principalId: principal.memberId },
        );
      voter = principal;
    }
    const first = poll.issued.get(voter.memberId) ?? now.get(voter.memberId);
    if (first) {
      const through = first.proxy !== undefined ? ` through ${s.members.get(first.proxy)?.name ?? first.proxy}` : '';
      throw refuse.rule(
        'V-11c',
        'BALLOT_ALREADY_ISSUED',
        `${voter.name} already received a paper of poll ${poll.pollId} at ${stationName(s, first.stationId)}${through}`,
        v.proxyFor !== undefined ? `${field}.proxyFor` : `${field}.memberId`,
        { memberId: voter.memberId, stationId: first.stationId },
      );
    }
    now.set(voter.memberId, {
      stationId: d.stationId,
      ...(v.proxyFor !== undefined ? { proxy: m.memberId } : {}),
    });
    events.push({
      type: 'BallotIssued',
      data: {
        pollId: poll.pollId,
        stationId: d.stationId,
        memberId: m.memberId,
        ...(v.proxyFor !== undefined ? { proxyFor: v.proxyFor } : {}),
      },
    });
  });
  return events;
}

export function sealBallotBox(s: MeetingState, d: CommandData<'SealBallotBox'>): NewEvent[] {
  notClosed(s);
  const poll = pollOf(s, d.pollId);
  const box = boxOf(s, poll, d.stationId);
  // A retried seal changes nothing.
  if (box.sealed) return [];
  return [{ type: 'BallotBoxSealed', data: { pollId: poll.pollId, stationId: box.stationId, issued: box.issued } }];
}

export function openBallotBox(s: MeetingState, d: CommandData<'OpenBallotBox'>): NewEvent[] {
  notClosed(s);
  const poll = pollOf(s, d.pollId);
  const box = boxOf(s, poll, d.stationId);
  if (!box.sealed)
    throw refuse.rule(
      'V-11c',
      'BALLOT_BOX_NOT_SEALED',
      `${stationName(s, d.stationId)} is still issuing papers: seal it before it is opened`,
      'data.stationId',
      { stationId: d.stationId },
    );
  if (box.returned !== null) {
    if (box.returned === d.ballotsReturned) return [];
    throw refuse.conflict(
      'BALLOT_BOX_OPENED',
      `${stationName(s, d.stationId)} was opened already and gave ${box.returned} papers`,
      'data.ballotsReturned',
      { stationId: d.stationId, returned: box.returned },
    );
  }
  return [
    {
      type: 'BallotBoxOpened',
      data: { pollId: poll.pollId, stationId: box.stationId, ballotsReturned: d.ballotsReturned },
    },
  ];
}

/**
 * Issue 22 part B through the real server: a small village poll. 30 registered voters; 主任 (director, 1 seat) and
 * 委员 (committee, 2 seats) on one paper; the central meeting (选举大会), a polling station and a mobile box, each
 * with three officers (V-11). Papers are issued to named voters (the 领票 desk: the chair at the hall, the clerk at
 * the station and the box), boxes sealed, opened at the count and keyed per box; both rounds closed on all boxes
 * together. Figures by hand: 20 voters of 30 (V-06: more than 15 needed, 16), director p1 12 of 20 (V-07: more than
 * 10) elected; committee p3 14, p4 11 elected, p5 5.
 */
import { replayLog, type ChainedEvent } from '@tallyroom/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Election, makeRoll, memberId } from '../support/election.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const M = (i: number) => memberId(i);
const officers = (prefix: string) => [1, 2, 3].map((i) => ({ name: `${prefix}监票员${i}` }));

describe('a village poll at the central meeting, a polling station and a mobile box (V-11, P-21, V-06)', () => {
  it('issues, seals, opens, keys per box and closes on all boxes together; the log verifies', async () => {
    const e = await Election.create(server.api, {
      title: '某某村第十二届村民委员会选举',
      organisation: '某某村村民选举委员会',
      ruleset: 'village-committee',
    });
    const m = e.m;
    await e.enrol(makeRoll(30));
    // The election committee at the hall adopts the method and appoints the officers of the count.
    await e.checkIn([M(28), M(29), M(30)]);
    await e.ready({ scrutineers: [M(30)] });
    await e.contest({ contestId: 'director', office: 'director', seats: 1, candidates: [M(1), M(2)] });
    await e.contest({ contestId: 'committee', seats: 2, candidates: [M(3), M(4), M(5)] });
    const clerk = (await m.mint('clerk', { name: '发票员' })).token;

    // V-11: fewer than three officers, or a candidate among them, is refused and writes nothing.
    const before = await m.eventsText();
    await m.refused(
      'SetUpPollingStation',
      { stationId: 's1', kind: 'station', name: '第一投票站', officers: officers('一').slice(0, 2) },
      422,
      'TOO_FEW_STATION_OFFICERS',
      'V-11',
    );
    await m.refused(
      'SetUpPollingStation',
      {
        stationId: 's1',
        kind: 'station',
        name: '第一投票站',
        officers: [...officers('一').slice(0, 2), { name: e.nameOf(M(3)), memberId: M(3) }],
      },
      422,
      'STATION_OFFICER_IS_CANDIDATE',
      'V-11',
    );
    expect(await m.eventsText()).toBe(before);

    await m.command('SetUpPollingStation', {
      stationId: 'central',
      kind: 'central',
      name: '选举大会会场',
      officers: officers('会'),
    });
    await m.command('SetUpPollingStation', {
      stationId: 's1',
      kind: 'station',
      name: '第一投票站',
      officers: officers('站'),
    });
    await m.command('SetUpPollingStation', {
      stationId: 'box1',
      kind: 'mobile-box',
      name: '一号流动票箱',
      officers: officers('箱'),
    });
    const opened = await m.command('OpenPoll', { pollId: 'poll1', contestIds: ['director', 'committee'] });
    expect(opened.events.map((x) => x.type)).toEqual(['PollOpened', 'RoundOpened', 'RoundOpened']);

    // 领票: 12 at the hall (chair), 5 at the station and 3 at the box (clerk).
    const voters = (from: number, n: number) => Array.from({ length: n }, (_, k) => ({ memberId: M(from + k) }));
    await m.command('IssueBallots', { pollId: 'poll1', stationId: 'central', voters: voters(1, 12) });
    await m.command('IssueBallots', { pollId: 'poll1', stationId: 's1', voters: voters(13, 5) }, { as: clerk });
    await m.command('IssueBallots', { pollId: 'poll1', stationId: 'box1', voters: voters(18, 3) }, { as: clerk });
    // One paper per voter: M(13) signed at the station already.
    await m.refused(
      'IssueBallots',
      { pollId: 'poll1', stationId: 'box1', voters: [{ memberId: M(13) }] },
      422,
      'BALLOT_ALREADY_ISSUED',
      'V-11c',
      { as: clerk },
    );
    // The observer sees the counts, never who voted.
    const board = (await m.view(e.observer)).polls[0]!;
    expect(board.voters).toBeUndefined();
    // 20 of 30 have a paper, 16 needed; the boxes are not opened yet, so the verdict rests on the papers issued.
    expect(board.turnout).toEqual({ registered: 30, voted: 20, returned: null, required: 16, met: true, rule: 'V-06' });
    expect((await m.view(clerk)).polls[0]!.voters).toHaveLength(20);

    for (const [stationId, returned] of [
      ['central', 12],
      ['s1', 5],
      ['box1', 3],
    ] as const) {
      await m.command('SealBallotBox', { pollId: 'poll1', stationId });
      const voter = { memberId: M(25) };
      await m.refused(
        'IssueBallots',
        { pollId: 'poll1', stationId, voters: [voter] },
        422,
        'BALLOT_BOX_SEALED',
        'V-11c',
      );
      await m.command('OpenBallotBox', { pollId: 'poll1', stationId, ballotsReturned: returned });
    }

    // Keyed per box (single entry under village-committee): papers 1-12 central, 13-17 station, 18-20 box.
    const boxOf = (no: number) => (no <= 12 ? 'central' : no <= 17 ? 's1' : 'box1');
    const teller = e.tellers[0]!;
    for (let no = 1; no <= 20; no++) {
      const station = boxOf(no);
      await m.command(
        'RecordBallot',
        {
          contestId: 'director',
          round: 1,
          ballotNo: no,
          writeIns: [],
          station,
          marks: no <= 12 ? { [M(1)]: 'for' } : { [M(2)]: 'for' },
        },
        { as: teller },
      );
      const committee: Record<string, 'for'> = {};
      if (no <= 14) committee[M(3)] = 'for';
      if (no >= 10) committee[M(4)] = 'for';
      if (no <= 5) committee[M(5)] = 'for';
      // 1-5: p3 p5; 6-9: p3; 10-14: p3 p4; 15-20: p4. p3 14, p4 11, p5 5, every paper valid.
      await m.command(
        'RecordBallot',
        { contestId: 'committee', round: 1, ballotNo: no, writeIns: [], station, marks: committee },
        { as: teller },
      );
    }
    const wrong = { contestId: 'director', round: 1, ballotsReturned: 21 };
    await m.refused('CloseRound', wrong, 422, 'RETURNED_DIFFERS_FROM_BOXES', 'P-21');
    await m.command('CloseRound', { contestId: 'director', round: 1, ballotsReturned: 20 });
    await m.command('CloseRound', { contestId: 'committee', round: 1, ballotsReturned: 20 });
    await m.command('DeclareResult', { contestId: 'director', round: 1 });
    await m.command('DeclareResult', { contestId: 'committee', round: 1 });
    // V-07: more than half of the 20 returned, 11.
    expect((await e.contestView('director')).rounds[0]).toMatchObject({
      status: 'declared',
      ballotsIssued: 20,
      presentVoters: 20,
      ballotsReturned: 20,
      threshold: 11,
      elected: [M(1)],
    });
    const committee = (await e.contestView('committee')).rounds[0]!;
    expect(committee).toMatchObject({ valid: 20, invalid: 0, threshold: 11 });
    expect([...committee.elected].sort()).toEqual([M(3), M(4)]);

    const stations = (await m.view(e.observer)).polls[0]!.stations;
    expect(stations.map((x) => [x.stationId, x.status, x.issued, x.returned, x.entered])).toEqual([
      ['central', 'counted', 12, 12, 12],
      ['s1', 'counted', 5, 5, 5],
      ['box1', 'counted', 3, 3, 3],
    ]);

    // The exported log verifies with the contracts' own re-decider.
    const log = (await m.eventsText())
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ChainedEvent);
    const verdict = replayLog(log);
    expect(verdict.problems).toEqual([]);
    expect(verdict.ok).toBe(true);
  });
});

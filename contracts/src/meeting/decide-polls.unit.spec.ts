import { describe, expect, it } from 'vitest';
import type { MeetingEvent, NewEvent } from './events.js';
import { given, snapshot } from '../testing/spec.js';
import { TELLER_1, ids, readyMeeting, roll, scheduledMeeting, type MeetingBuilder } from '../testing/fixtures.js';
import {
  BOX_OFFICERS,
  CENTRAL_OFFICERS,
  close,
  counted,
  issue,
  key,
  openBox,
  polling,
  rb,
  seal,
  setUp,
  village,
} from '../testing/poll-fixtures.js';
import { fold } from './evolve.js';

describe('V-11: polling stations and mobile boxes', () => {
  it('V-11: a station is set up with its officers', () => {
    given(village())
      .when(setUp('box1', 'mobile-box', BOX_OFFICERS, '一号流动票箱'))
      .then([
        {
          type: 'PollingStationSetUp',
          data: { stationId: 'box1', kind: 'mobile-box', name: '一号流动票箱', officers: BOX_OFFICERS },
        },
      ]);
  });

  it('V-11: a box needs at least three officers', () => {
    given(village())
      .when(setUp('box1', 'mobile-box', BOX_OFFICERS.slice(0, 2)))
      .thenThrows({ code: 'TOO_FEW_STATION_OFFICERS', rule: 'V-11', field: 'data.officers' });
  });

  it('V-11: a candidate may not be an officer of a station', () => {
    given(village())
      .when(setUp('s1', 'station', [...BOX_OFFICERS.slice(0, 2), { name: '候选人', memberId: 'p3' }]))
      .thenThrows({ code: 'STATION_OFFICER_IS_CANDIDATE', rule: 'V-11', field: 'data.officers.2' });
  });

  it('V-11: an officer nominated after the station was set up stops the poll from opening there', () => {
    const b = village();
    b.run(setUp('central', 'central', CENTRAL_OFFICERS));
    b.createContest('deputy', 1, { office: 'deputy-director' }).nominate('deputy', ['p15', 'p6']);
    given(b)
      .when({ type: 'OpenPoll', data: { pollId: 'poll1', contestIds: ['director'] } })
      .thenThrows({ code: 'STATION_OFFICER_IS_CANDIDATE', rule: 'V-11', field: 'data.stationIds.0' });
  });

  it('V-11: one central meeting only, and a station id once', () => {
    const b = village();
    b.run(setUp('central', 'central', CENTRAL_OFFICERS));
    given(b).when(setUp('hall2', 'central')).thenThrows({ code: 'CENTRAL_STATION_EXISTS', kind: 'conflict' });
    given(b).when(setUp('central', 'station')).thenThrows({ code: 'STATION_EXISTS', kind: 'conflict' });
  });

  it('P-20: a party election has no polling stations, boxes or polls', () => {
    const b = readyMeeting();
    given(b).when(setUp('box1', 'mobile-box')).thenThrows({ code: 'POLLING_NOT_IN_RULESET', rule: 'P-20' });
    given(b)
      .when({ type: 'OpenPoll', data: { pollId: 'poll1', contestIds: ['c1'] } })
      .thenThrows({ code: 'POLLING_NOT_IN_RULESET', rule: 'P-20' });
  });
});

describe('OpenPoll: one paper for several contests', () => {
  it('opens a round of each contest, none issued yet, expected the registered voters', () => {
    const b = village();
    b.run(setUp('central', 'central', CENTRAL_OFFICERS));
    b.run(setUp('box1', 'mobile-box'));
    const round = (contestId: string, seats: number): Omit<NewEvent, 'data'> & { data: object } => ({
      type: 'RoundOpened',
      data: {
        contestId,
        round: 1,
        kind: 'first',
        seats,
        ballotsIssued: 0,
        presentVoters: 0,
        expected: 20,
        doubleEntry: false,
        poll: 'poll1',
      },
    });
    given(b)
      .when({ type: 'OpenPoll', data: { pollId: 'poll1', contestIds: ['director', 'committee'] } })
      .then((events) => {
        expect(events[0]).toEqual({
          type: 'PollOpened',
          data: {
            pollId: 'poll1',
            rounds: [
              { contestId: 'director', round: 1 },
              { contestId: 'committee', round: 1 },
            ],
            stations: ['central', 'box1'],
          },
        });
        expect(events.slice(1).map((e) => e.type)).toEqual(['RoundOpened', 'RoundOpened']);
        expect(events[1]).toMatchObject(round('director', 1));
        expect(events[2]).toMatchObject(round('committee', 2));
      });
  });

  it('P-15: the same gates as OpenRound (a list not confirmed)', () => {
    const b = scheduledMeeting({ ruleset: 'village-committee' }).enrol(roll(20));
    b.checkIn('p18', 'p19', 'p20');
    b.createContest('director', 1).nominate('director', ['p1', 'p2']).publish('director', ['p1', 'p2']);
    b.adoptMethod().appointOfficers(['p20']);
    b.run(setUp('central', 'central', CENTRAL_OFFICERS));
    given(b)
      .when({ type: 'OpenPoll', data: { pollId: 'poll1', contestIds: ['director'] } })
      .thenThrows({ code: 'LIST_NOT_CONFIRMED', rule: 'P-15' });
  });

  it('V-11: a poll needs a station, and names only stations set up', () => {
    const b = village();
    given(b)
      .when({ type: 'OpenPoll', data: { pollId: 'poll1', contestIds: ['director'] } })
      .thenThrows({ code: 'NO_POLLING_STATION', rule: 'V-11' });
    b.run(setUp('central', 'central', CENTRAL_OFFICERS));
    given(b)
      .when({ type: 'OpenPoll', data: { pollId: 'poll1', contestIds: ['director'], stationIds: ['box9'] } })
      .thenThrows({ code: 'UNKNOWN_STATION', field: 'data.stationIds.0' });
  });

  it('P-15: a contest already in an open poll is not opened again', () => {
    given(polling())
      .when({ type: 'OpenPoll', data: { pollId: 'poll2', contestIds: ['director'], stationIds: ['central'] } })
      .thenThrows({ code: 'ROUND_OPEN' });
  });
});

describe('IssueBallots: the 领票 record, one paper per voter per poll', () => {
  it('V-11c: each voter signs for a paper; every round of the poll counts one more issued and one more voter', () => {
    const b = polling();
    const events = b.run(issue('box1', [{ memberId: 'p7' }, { memberId: 'p8' }]));
    expect(events).toEqual([
      { type: 'BallotIssued', data: { pollId: 'poll1', stationId: 'box1', memberId: 'p7' } },
      { type: 'BallotIssued', data: { pollId: 'poll1', stationId: 'box1', memberId: 'p8' } },
    ]);
    for (const contestId of ['director', 'committee'])
      expect(b.round(contestId)).toMatchObject({ ballotsIssued: 2, presentVoters: 2, expected: 20 });
    const poll = b.view('observer').polls[0]!;
    expect(poll.stations.find((x) => x.stationId === 'box1')).toMatchObject({ issued: 2, status: 'open' });
    // V-06: 20 registered, more than half is 11.
    expect(poll.turnout).toEqual({ registered: 20, voted: 2, returned: null, required: 11, met: false, rule: 'V-06' });
  });

  it('V-11c: a second paper to the same voter is refused, naming where the first was issued', () => {
    const b = polling();
    b.run(issue('box1', [{ memberId: 'p7' }]));
    given(b)
      .when(issue('central', [{ memberId: 'p6' }, { memberId: 'p7' }]))
      .thenThrows({ code: 'BALLOT_ALREADY_ISSUED', rule: 'V-11c', field: 'data.voters.1.memberId', kind: 'rule' });
    given(b)
      .when(issue('central', [{ memberId: 'p6' }, { memberId: 'p6' }]))
      .thenThrows({ code: 'BALLOT_ALREADY_ISSUED', rule: 'V-11c', field: 'data.voters.1.memberId' });
  });

  it('V-11c: only a registered voter receives a paper', () => {
    const b = village();
    b.enrol([{ memberId: 'x1', name: '外村人', status: 'probationary' }]);
    b.run(setUp('central', 'central', CENTRAL_OFFICERS));
    b.run({ type: 'OpenPoll', data: { pollId: 'poll1', contestIds: ['director'] } });
    given(b)
      .when(issue('central', [{ memberId: 'x1' }]))
      .thenThrows({ code: 'NOT_A_REGISTERED_VOTER', rule: 'V-11c', field: 'data.voters.0.memberId' });
    given(b)
      .when(issue('central', [{ memberId: 'nobody' }]))
      .thenThrows({ code: 'UNKNOWN_MEMBER' });
  });

  it('V-11c: no paper is issued after the box is sealed', () => {
    const b = polling();
    b.run(seal('box1'));
    given(b)
      .when(issue('box1', [{ memberId: 'p7' }]))
      .thenThrows({ code: 'BALLOT_BOX_SEALED', rule: 'V-11c', field: 'data.stationId' });
  });

  it('a refusal writes nothing: the valid voters before the refused one get no paper either', () => {
    const b = polling();
    const before = snapshot(b.state);
    given(b)
      .when(issue('box1', [{ memberId: 'p7' }, { memberId: 'x9' }]))
      .thenThrows({ code: 'UNKNOWN_MEMBER' });
    expect(snapshot(b.state)).toBe(before);
  });
});

describe('V-10: a proxy collects the principal’s paper', () => {
  /** p9 holds the written proxy of p8 (ProxyState as Part D writes it), the list published or not. */
  const withProxy = (published: boolean): MeetingBuilder => {
    const b = polling();
    b.state.proxies.set('p8', {
      principalId: 'p8',
      proxyId: 'p9',
      relation: '配偶',
      reference: '委托书001',
      revision: 1,
    });
    if (published) b.state.proxyList = { publishedOn: '2026-11-20', revision: 1 };
    return b;
  };
  /** given() folds the log afresh, so the proxy state is carried into a log-free check by deciding on the state. */
  const decideOn = (b: MeetingBuilder, cmd: { type: string; data: unknown }) => b.run(cmd);

  it('V-10: the proxy receives the principal’s paper; it counts once, as the principal voting', () => {
    const b = withProxy(true);
    expect(decideOn(b, issue('central', [{ memberId: 'p9' }, { memberId: 'p9', proxyFor: 'p8' }]))).toEqual([
      { type: 'BallotIssued', data: { pollId: 'poll1', stationId: 'central', memberId: 'p9' } },
      { type: 'BallotIssued', data: { pollId: 'poll1', stationId: 'central', memberId: 'p9', proxyFor: 'p8' } },
    ]);
    expect(b.round('director')).toMatchObject({ ballotsIssued: 2, presentVoters: 2 });
    expect(b.view('chair').polls[0]!.voters).toEqual([
      { memberId: 'p9', stationId: 'central' },
      { memberId: 'p8', stationId: 'central', proxy: 'p9' },
    ]);
  });

  it('V-10: the principal then cannot vote in person', () => {
    const b = withProxy(true);
    decideOn(b, issue('central', [{ memberId: 'p9', proxyFor: 'p8' }]));
    expect(() => decideOn(b, issue('box1', [{ memberId: 'p8' }]))).toThrow(/already received a paper .* through/);
  });

  it('V-10: only the authorised proxy, and only once the list is published', () => {
    const b = withProxy(false);
    expect(() => decideOn(b, issue('central', [{ memberId: 'p9', proxyFor: 'p8' }]))).toThrow(
      expect.objectContaining({ code: 'PROXY_LIST_NOT_PUBLISHED', rule: 'V-10', field: 'data.voters.0.proxyFor' }),
    );
    b.state.proxyList = { publishedOn: '2026-11-20', revision: 1 };
    expect(() => decideOn(b, issue('central', [{ memberId: 'p7', proxyFor: 'p8' }]))).toThrow(
      expect.objectContaining({ code: 'NOT_THE_PROXY', rule: 'V-10', field: 'data.voters.0.proxyFor' }),
    );
    expect(b.round('director').ballotsIssued).toBe(0);
  });

  it('observers see the counts, never who voted', () => {
    const b = withProxy(true);
    decideOn(b, issue('central', [{ memberId: 'p9', proxyFor: 'p8' }]));
    for (const role of ['observer', 'teller', 'scrutineer', 'kiosk', 'member'] as const) {
      const poll = b.view(role).polls[0]!;
      expect(poll.voters, role).toBeUndefined();
      expect(poll.turnout.voted).toBe(1);
    }
    expect(b.view('clerk').polls[0]!.voters).toHaveLength(1);
  });
});

describe('boxes sealed, opened at the count, and keyed per box', () => {
  it('V-11c: a box is sealed with what it issued, and opened only once sealed', () => {
    const b = polling();
    b.run(issue('box1', [{ memberId: 'p7' }]));
    given(b).when(openBox('box1', 1)).thenThrows({ code: 'BALLOT_BOX_NOT_SEALED', rule: 'V-11c' });
    given(b)
      .when(seal('box1'))
      .then([{ type: 'BallotBoxSealed', data: { pollId: 'poll1', stationId: 'box1', issued: 1 } }]);
  });

  it('V-09: a paper is keyed from an opened box of the poll, named on every entry', () => {
    const b = polling();
    b.run(issue('box1', [{ memberId: 'p7' }]));
    b.run(seal('box1'));
    given(b)
      .when(rb('director', 1, undefined, { p1: 'for' }), { actor: TELLER_1 })
      .thenThrows({
        code: 'STATION_REQUIRED',
        field: 'data.station',
      });
    given(b)
      .when(rb('director', 1, 'box1', { p1: 'for' }), { actor: TELLER_1 })
      .thenThrows({ code: 'BALLOT_BOX_NOT_OPENED', rule: 'V-09', field: 'data.station' });
    b.run(openBox('box1', 1));
    given(b)
      .when(rb('director', 1, 'box1', { p1: 'for' }), { actor: TELLER_1 })
      .then([
        {
          type: 'BallotRecorded',
          data: {
            contestId: 'director',
            round: 1,
            ballotNo: 1,
            marks: { p1: 'for' },
            writeIns: [],
            station: 'box1',
            teller: TELLER_1.id,
          },
        },
      ]);
  });

  it('P-21: no more papers are keyed from a box than came out of it', () => {
    const b = counted();
    key(b, 'box1', 100, 3);
    given(b)
      .when(rb('director', 200, 'box1', { p1: 'for' }), { actor: TELLER_1 })
      .thenThrows({ code: 'BOX_FULLY_ENTERED', rule: 'P-21' });
  });

  it('a round without a poll takes no box', () => {
    const b = readyMeeting();
    b.openRound();
    given(b)
      .when(
        { type: 'RecordBallot', data: { contestId: 'c1', round: 1, ballotNo: 1, marks: {}, station: 'box1' } },
        {
          actor: TELLER_1,
        },
      )
      .thenThrows({ code: 'STATION_NOT_ON_ROUND', field: 'data.station' });
  });

  it('the projector sees each box’s status and counts', () => {
    const b = counted();
    key(b, 'box1', 100, 3);
    key(b, 'central', 1, 4);
    expect(b.view('observer').polls[0]!.stations).toEqual([
      {
        stationId: 'central',
        kind: 'central',
        name: '选举大会会场',
        status: 'counting',
        issued: 9,
        returned: 9,
        entered: 4,
      },
      {
        stationId: 'box1',
        kind: 'mobile-box',
        name: '一号流动票箱',
        status: 'counted',
        issued: 3,
        returned: 3,
        entered: 3,
      },
    ]);
  });
});

describe('CloseRound of a poll’s round: P-21 per box and in total', () => {
  it('P-21, V-06: every box counted, entered as returned: valid', () => {
    const b = counted();
    key(b, 'central', 1, 9);
    key(b, 'box1', 100, 3);
    given(b)
      .when(close('director', 12))
      .then([{ type: 'RoundClosed', data: { contestId: 'director', round: 1, ballotsReturned: 12, status: 'valid' } }]);
  });

  it('V-09: a box not yet sealed or opened stops the close', () => {
    const b = polling();
    b.run(
      issue(
        'central',
        ids(roll(12)).map((memberId) => ({ memberId })),
      ),
    );
    b.run(seal('central'));
    b.run(openBox('central', 12));
    given(b).when(close('director', 12)).thenThrows({ code: 'BALLOT_BOX_NOT_COUNTED', rule: 'V-09' });
    b.run(seal('box1'));
    given(b).when(close('director', 12)).thenThrows({ code: 'BALLOT_BOX_NOT_COUNTED', rule: 'V-09' });
  });

  it('P-21: the papers returned are the boxes’ together', () => {
    given(counted())
      .when(close('director', 13))
      .thenThrows({ code: 'RETURNED_DIFFERS_FROM_BOXES', rule: 'P-21', field: 'data.ballotsReturned' });
  });

  it('P-21 per box: one more paper out of the box than it issued voids the round, naming the box', () => {
    // The central meeting issued 9 and gave 8 back; the box issued 3 and gave 4: 12 in total, but box1 is over.
    const b = counted({ central: 8, box: 4 });
    given(b)
      .when(close('director', 12))
      .then([
        {
          type: 'RoundClosed',
          data: { contestId: 'director', round: 1, ballotsReturned: 12, status: 'void', rule: 'P-21', station: 'box1' },
        },
      ]);
  });

  it('P-21 per box: each box’s entered papers must equal what came out of it', () => {
    const b = counted();
    key(b, 'central', 1, 8);
    key(b, 'box1', 100, 3);
    // One central paper missing: 11 entered against 12 returned (the total check names the count).
    given(b).when(close('director', 12)).thenThrows({ code: 'BALLOTS_UNACCOUNTED', rule: 'P-21' });
  });

  it('P-21 per box: a scrutineer moves a paper to the box it came from, never into a box already full', () => {
    const b = counted();
    key(b, 'central', 1, 9);
    key(b, 'box1', 100, 2);
    const move = (ballotNo: number, station: string) => ({
      type: 'CorrectBallot',
      data: {
        contestId: 'director',
        round: 1,
        ballotNo,
        marks: { p1: 'for' },
        writeIns: [],
        station,
        reason: '原票出自另一票箱',
      },
    });
    const scrutineer = { actor: { role: 'scrutineer' as const, id: 'scrutineer-1' } };
    b.run(move(1, 'box1'), scrutineer);
    expect([...b.state.contests.get('director')!.rounds[0]!.boxes]).toEqual([
      ['central', 8],
      ['box1', 3],
    ]);
    given(b).when(move(2, 'box1'), scrutineer).thenThrows({ code: 'BOX_FULLY_ENTERED', rule: 'P-21' });
    given(b)
      .when(
        {
          type: 'VoidBallotEntry',
          data: { contestId: 'director', round: 1, ballotNo: 1, reason: '误录', station: 'central' },
        },
        scrutineer,
      )
      .thenThrows({ code: 'BALLOT_STATION_DIFFERS', kind: 'conflict' });
  });

  it('V-06: turnout is on all boxes together', () => {
    // 10 of 20 registered voted: not more than half.
    const b = polling();
    b.run(
      issue(
        'central',
        ids(roll(7)).map((memberId) => ({ memberId })),
      ),
    );
    b.run(
      issue(
        'box1',
        ['p8', 'p9', 'p10'].map((memberId) => ({ memberId })),
      ),
    );
    b.run(seal('central'));
    b.run(seal('box1'));
    b.run(openBox('central', 7));
    b.run(openBox('box1', 3));
    key(b, 'central', 1, 7);
    key(b, 'box1', 100, 3);
    given(b)
      .when(close('director', 10))
      .then([
        {
          type: 'RoundClosed',
          data: { contestId: 'director', round: 1, ballotsReturned: 10, status: 'void', rule: 'V-06' },
        },
      ]);
  });

  it('V-06: the poll board gives the verdict CloseRound gives, on the papers returned once the boxes are open', () => {
    // 20 registered, 11 needed. 12 took a paper (9 at the hall, 3 at the box), but only 7 came out of the hall's box.
    const b = polling();
    b.run(
      issue(
        'central',
        ids(roll(9)).map((memberId) => ({ memberId })),
      ),
    );
    b.run(
      issue(
        'box1',
        ['p10', 'p11', 'p12'].map((memberId) => ({ memberId })),
      ),
    );
    expect(b.view('observer').polls[0]!.turnout).toMatchObject({ voted: 12, returned: null, required: 11, met: true });
    b.run(seal('central'));
    b.run(seal('box1'));
    b.run(openBox('central', 7));
    expect(b.view('observer').polls[0]!.turnout).toMatchObject({ returned: null, met: true });
    b.run(openBox('box1', 3));
    // 10 returned: not more than half of 20. The board says so before the round is closed…
    expect(b.view('observer').polls[0]!.turnout).toMatchObject({ voted: 12, returned: 10, required: 11, met: false });
    key(b, 'central', 1, 7);
    key(b, 'box1', 100, 3);
    // …and the close agrees: void under V-06.
    given(b)
      .when(close('director', 10))
      .then([
        {
          type: 'RoundClosed',
          data: { contestId: 'director', round: 1, ballotsReturned: 10, status: 'void', rule: 'V-06' },
        },
      ]);
  });

  it('a supplementary round (另行选举) is a new poll at the central meeting', () => {
    const b = counted();
    // director: p1 5, p2 4 of 12 → nobody over half (V-07), a supplementary round.
    for (let i = 1; i <= 9; i++)
      b.run(rb('director', i, 'central', i <= 5 ? { p1: 'for' } : i <= 9 ? { p2: 'for' } : {}), { actor: TELLER_1 });
    for (let i = 100; i < 103; i++) b.run(rb('director', i, 'box1', {}), { actor: TELLER_1 });
    b.run(close('director', 12));
    const [, required] = b.run({ type: 'DeclareResult', data: { contestId: 'director', round: 1 } });
    expect(required).toMatchObject({ type: 'RoundRequired', data: { kind: 'supplementary' } });
    const events = b.run({
      type: 'OpenPoll',
      data: { pollId: 'poll2', contestIds: ['director'], stationIds: ['central'] },
    });
    expect(events[1]).toMatchObject({ type: 'RoundOpened', data: { round: 2, kind: 'supplementary', poll: 'poll2' } });
    // The supplementary round is decided on its own ballots (V-08): no turnout bar.
    expect(b.view('observer').polls[1]!.turnout).toMatchObject({ voted: 0, required: null });
    // A voter of the first poll votes again in the second.
    b.run(issue('central', [{ memberId: 'p1' }], 'poll2'));
  });
});

describe('the fold', () => {
  it('a whole poll folds the same from the log', () => {
    const b = counted();
    key(b, 'central', 1, 9);
    key(b, 'box1', 100, 3);
    const again = fold(b.log() as MeetingEvent[]);
    expect(snapshot(again)).toBe(snapshot(b.state));
  });
});

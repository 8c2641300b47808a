import { describe, expect, it } from 'vitest';
import { chainEvents, GENESIS_HASH, type ChainedEvent } from '../chain/chain.js';
import { replayLog } from '../verify/replay.js';
import { MeetingBuilder, readyMeeting, scheduledMeeting } from '../testing/fixtures.js';
import { mayBeWrittenIn } from './state.js';
import { given } from '../testing/spec.js';
import { registrationClock } from '../views/registration-view.js';
import { expectedOf } from './state.js';

// The meeting is scheduled for 2026-11-24 (Asia/Shanghai): V-03's deadline for the list is 2026-11-04.
const at = (day: string) => ({ now: `${day}T02:00:00.000Z` });
const voter = (memberId: string, o: Record<string, unknown> = {}) => ({
  memberId,
  name: `村民${memberId}`,
  basis: 'resident',
  ...o,
});
const register = (voters: unknown[], reason?: string) => ({
  type: 'RegisterVoters',
  data: reason ? { voters, reason } : { voters },
});
const village = () => new MeetingBuilder().schedule({ ruleset: 'village-committee', at: '2026-10-01T02:00:00.000Z' });
/** A village with v1..v4 registered (v4 admitted) and the list published on 2026-11-01. */
function published() {
  const b = village();
  b.run(
    register([
      voter('v1'),
      voter('v2', { basis: 'away' }),
      voter('v3'),
      voter('v4', { basis: 'admitted', admission: '村民代表会议〔2026〕2号' }),
    ]),
    at('2026-10-20'),
  );
  b.run({ type: 'PublishVoterList', data: {} }, at('2026-11-01'));
  return b;
}
const objection = (o: Record<string, unknown> = {}) => ({
  type: 'ReceiveVoterObjection',
  data: { objectionId: 'o1', objector: '王五', memberId: 'v2', claim: 'wrongly-listed', detail: '已迁往外省', ...o },
});

describe('V-02: RegisterVoters', () => {
  it('V-02: registers each voter as a full member with the ground of registration; the registered count is the expected number', () => {
    const b = village();
    const events = b.run(
      register([
        voter('v1', { sex: 'female', household: '0012', group: '第三村民小组' }),
        voter('v2', { basis: 'away' }),
        voter('v3', { basis: 'admitted', admission: '村民会议〔2026〕1号' }),
      ]),
      at('2026-10-20'),
    );
    expect(events).toEqual([
      {
        type: 'VoterRegistered',
        data: {
          memberId: 'v1',
          name: '村民v1',
          basis: 'resident',
          sex: 'female',
          household: '0012',
          group: '第三村民小组',
        },
      },
      { type: 'VoterRegistered', data: { memberId: 'v2', name: '村民v2', basis: 'away' } },
      {
        type: 'VoterRegistered',
        data: { memberId: 'v3', name: '村民v3', basis: 'admitted', admission: '村民会议〔2026〕1号' },
      },
    ]);
    expect(b.state.members.get('v1')).toMatchObject({
      status: 'full',
      sex: 'female',
      registration: { basis: 'resident', household: '0012', group: '第三村民小组' },
    });
    expect(expectedOf(b.state)).toBe(3);
    expect(b.view('observer').registration).toMatchObject({
      registered: 3,
      byBasis: { resident: 1, away: 1, admitted: 1 },
      removed: 0,
      published: null,
      electionDay: '2026-11-24',
      deadline: '2026-11-04',
    });
  });

  it('V-02 (三): refuses a voter admitted without the reference of the assembly decision', () => {
    given(village())
      .when(register([voter('v1'), voter('v2', { basis: 'admitted' })]))
      .thenThrows({
        code: 'ADMISSION_REQUIRED',
        rule: 'V-02',
        field: 'data.voters.1.admission',
        kind: 'rule',
      });
  });

  it.each([
    ['twice in one list', [voter('v7'), voter('V7 ')], 'data.voters.1.memberId'],
    ['already on the list', [voter('v9'), voter('v1')], 'data.voters.1.memberId'],
  ])('V-02: one registration only: refuses a voter %s, writing nothing', (_c, voters, field) => {
    const b = village();
    b.run(register([voter('v1')]), at('2026-10-20'));
    given(b)
      .when(register(voters), at('2026-10-21'))
      .thenThrows({ code: 'VOTER_ALREADY_REGISTERED', rule: 'V-02', field });
  });

  it('V-02: refused outside the village and residents rulesets', () => {
    given(scheduledMeeting())
      .when(register([voter('v1')]))
      .thenThrows({
        code: 'REGISTRATION_NOT_IN_RULESET',
        rule: 'V-02',
        kind: 'rule',
      });
  });

  it('V-03: an addition after publication (补登) needs its reason, and is recorded with it', () => {
    const b = published();
    given(b)
      .when(register([voter('v5')]), at('2026-11-02'))
      .thenThrows({ code: 'ADDITION_NEEDS_REASON', rule: 'V-03', field: 'data.reason' });
    given(b)
      .when(register([voter('v5')], '异议o1成立，补登'), at('2026-11-02'))
      .then([
        {
          type: 'VoterRegistered',
          data: { memberId: 'v5', name: '村民v5', basis: 'resident', reason: '异议o1成立，补登' },
        },
      ]);
  });

  it('V-03: the list is frozen once a round is open', () => {
    const b = readyMeeting({ ruleset: 'village-committee' });
    b.openRound('c1');
    given(b)
      .when(register([voter('v99')]))
      .thenThrows({ code: 'VOTER_LIST_FROZEN', rule: 'V-03' });
    given(b)
      .when({ type: 'RemoveVoter', data: { memberId: 'p1', reason: 'x' } })
      .thenThrows({ code: 'NOT_ON_VOTER_LIST' });
  });
});

describe('V-03: RemoveVoter', () => {
  it('V-03: a removed voter leaves the expected number, keeps the record with the reason, and cannot check in', () => {
    const b = published();
    expect(expectedOf(b.state)).toBe(4);
    b.run({ type: 'RemoveVoter', data: { memberId: 'v2', reason: '已死亡' } }, at('2026-11-03'));
    expect(expectedOf(b.state)).toBe(3);
    expect(b.state.fullMembers).toBe(3);
    expect(b.state.members.get('v2')?.removal?.reason).toBe('已死亡');
    expect(b.view('chair').members?.find((m) => m.memberId === 'v2')?.removal).toEqual({ reason: '已死亡' });
    expect(b.view('observer').registration).toMatchObject({ registered: 3, byBasis: { away: 0 }, removed: 1 });
    given(b)
      .when({ type: 'CheckIn', data: { memberId: 'v2' } }, { now: '2026-11-24T01:00:00.000Z' })
      .thenThrows({ code: 'VOTER_REMOVED', rule: 'V-03', field: 'data.memberId' });
    // Nor may they stand: not nominated, and a write-in of them counts for nobody (V-03).
    b.run({ type: 'CreateContest', data: { contestId: 'director', office: 'director', seats: 1 } }, at('2026-11-03'));
    given(b)
      .when(
        {
          type: 'Nominate',
          data: { contestId: 'director', nomineeId: 'v2', route: 'members', supporters: ['v1', 'v3', 'v4'] },
        },
        at('2026-11-03'),
      )
      .thenThrows({ code: 'VOTER_REMOVED', rule: 'V-03', field: 'data.nomineeId' });
    expect(mayBeWrittenIn(b.state.members.get('v2'), {})).toBe(false);
    expect(mayBeWrittenIn(b.state.members.get('v3'), {})).toBe(true);
    // Removing again changes nothing; registering again needs a reason and restores the counts.
    given(b)
      .when({ type: 'RemoveVoter', data: { memberId: 'v2', reason: '已死亡' } }, at('2026-11-03'))
      .thenNothingHappened();
    b.run(register([voter('v2', { basis: 'away' })], '误删，恢复登记'), at('2026-11-04'));
    expect(expectedOf(b.state)).toBe(4);
    expect(b.view('observer').registration).toMatchObject({ registered: 4, removed: 0 });
  });

  it('V-03: refuses to remove someone not on the list', () => {
    given(published())
      .when({ type: 'RemoveVoter', data: { memberId: 'x1', reason: '迁出' } })
      .thenThrows({ code: 'UNKNOWN_MEMBER' });
  });
});

describe('V-03: PublishVoterList', () => {
  it('V-03: publishes at least 20 days before the election day, with the count registered', () => {
    given(published().fork().events.slice(0, -1))
      .when({ type: 'PublishVoterList', data: {} }, at('2026-11-04'))
      .then([
        { type: 'VoterListPublished', data: { publishedOn: '2026-11-04', electionDay: '2026-11-24', registered: 4 } },
      ]);
  });

  it('V-03: refuses a list published 19 days before the election day, writing nothing', () => {
    const b = village();
    b.run(register([voter('v1')]), at('2026-10-20'));
    given(b)
      .when({ type: 'PublishVoterList', data: {} }, at('2026-11-05'))
      .thenThrows({ code: 'VOTER_LIST_TOO_LATE', rule: 'V-03', field: 'data.publishedOn', kind: 'rule' });
    given(b)
      .when({ type: 'PublishVoterList', data: { publishedOn: '2026-11-06' } }, at('2026-11-05'))
      .thenThrows({ code: 'PUBLICATION_IN_FUTURE', rule: 'V-03' });
    // A list posted on the board on the 4th and keyed in later carries its day.
    given(b)
      .when({ type: 'PublishVoterList', data: { publishedOn: '2026-11-04' } }, at('2026-11-05'))
      .then((events) => expect(events[0]?.data).toMatchObject({ publishedOn: '2026-11-04' }));
  });

  it('V-03: the election day is read in the meeting time zone', () => {
    // 2026-11-23T20:00Z is 2026-11-24 04:00 in Shanghai: the deadline is 2026-11-04.
    const b = new MeetingBuilder().schedule({ ruleset: 'village-committee', scheduledFor: '2026-11-23T20:00:00Z' });
    b.run(register([voter('v1')]), at('2026-10-20'));
    given(b)
      .when({ type: 'PublishVoterList', data: {} }, { now: '2026-11-04T15:00:00.000Z' }) // 23:00 on the 4th in Shanghai
      .then((events) =>
        expect(events[0]?.data).toMatchObject({ publishedOn: '2026-11-04', electionDay: '2026-11-24' }),
      );
    given(b)
      .when({ type: 'PublishVoterList', data: {} }, { now: '2026-11-04T16:00:00.000Z' }) // midnight: the 5th
      .thenThrows({ code: 'VOTER_LIST_TOO_LATE', rule: 'V-03' });
  });

  it('V-03: a published list is published once', () => {
    given(published())
      .when({ type: 'PublishVoterList', data: {} }, at('2026-11-02'))
      .thenThrows({ code: 'VOTER_LIST_PUBLISHED' });
  });
});

describe('V-03: objections', () => {
  it('V-03: receives an objection within 5 days of publication and refuses one on the 6th day', () => {
    given(published())
      .when(objection(), at('2026-11-06'))
      .then([
        {
          type: 'VoterObjectionReceived',
          data: {
            objectionId: 'o1',
            objector: '王五',
            memberId: 'v2',
            claim: 'wrongly-listed',
            detail: '已迁往外省',
            receivedOn: '2026-11-06',
          },
        },
      ]);
    given(published())
      .when(objection(), at('2026-11-07'))
      .thenThrows({ code: 'OBJECTION_TOO_LATE', rule: 'V-03', kind: 'rule' });
  });

  it('V-03: refuses an objection before the list is published', () => {
    const b = village();
    b.run(register([voter('v1')]), at('2026-10-20'));
    given(b)
      .when(objection({ memberId: 'v1' }), at('2026-10-21'))
      .thenThrows({ code: 'VOTER_LIST_NOT_PUBLISHED', rule: 'V-03' });
  });

  it('V-03: a decision within 3 days is in time; a later one is accepted and recorded as late', () => {
    const b = published();
    b.run(objection(), at('2026-11-02'));
    b.run(
      objection({ objectionId: 'o2', memberId: undefined, name: '赵六', claim: 'omitted', detail: '户籍在本村' }),
      at('2026-11-02'),
    );
    b.run(
      { type: 'DecideVoterObjection', data: { objectionId: 'o1', upheld: true, reason: '核实已迁出' } },
      at('2026-11-05'),
    );
    const late = b.run(
      { type: 'DecideVoterObjection', data: { objectionId: 'o2', upheld: false, reason: '户籍不在本村' } },
      at('2026-11-06'),
    );
    expect(late).toEqual([
      {
        type: 'VoterObjectionDecided',
        data: { objectionId: 'o2', upheld: false, reason: '户籍不在本村', decidedOn: '2026-11-06', late: true },
      },
    ]);
    const r = b.view('observer').registration!;
    expect(r.objections).toEqual([
      {
        objectionId: 'o1',
        claim: 'wrongly-listed',
        receivedOn: '2026-11-02',
        due: '2026-11-05',
        decidedOn: '2026-11-05',
        upheld: true,
        late: false,
      },
      {
        objectionId: 'o2',
        claim: 'omitted',
        receivedOn: '2026-11-02',
        due: '2026-11-05',
        decidedOn: '2026-11-06',
        upheld: false,
        late: true,
      },
    ]);
    // Names are for the election committee and the supervisor only.
    expect(b.view('chair').registration!.objections[0]).toMatchObject({
      objector: '王五',
      memberId: 'v2',
      reason: '核实已迁出',
    });
    given(b)
      .when({ type: 'DecideVoterObjection', data: { objectionId: 'o1', upheld: false, reason: 'x' } }, at('2026-11-06'))
      .thenThrows({ code: 'OBJECTION_DECIDED' });
  });

  it('V-03: no round opens while an objection is undecided', () => {
    const b = readyMeeting({ ruleset: 'village-committee' });
    b.run(register([voter('v1')]), { now: '2026-10-01T02:00:00.000Z' });
    b.run({ type: 'PublishVoterList', data: {} }, { now: '2026-10-01T02:00:00.000Z' });
    b.run(objection({ memberId: 'v1' }), { now: '2026-10-02T02:00:00.000Z' });
    given(b)
      .when({ type: 'OpenRound', data: { contestId: 'c1' } })
      .thenThrows({ code: 'VOTER_OBJECTIONS_UNDECIDED', rule: 'V-03' });
    b.run({ type: 'DecideVoterObjection', data: { objectionId: 'o1', upheld: false, reason: '不成立' } });
    given(b)
      .when({ type: 'OpenRound', data: { contestId: 'c1' } })
      .then((events) => expect(events[0]?.type).toBe('RoundOpened'));
  });

  it('V-03: the clocks a screen shows are counted from its today to the dates of the view', () => {
    const b = published();
    b.run(objection(), at('2026-11-02'));
    const clock = registrationClock(b.view('chair').registration!, '2026-11-04');
    expect(clock).toMatchObject({
      daysToElection: 20,
      daysToDeadline: 0,
      objectionDaysLeft: 2,
      decisionDaysLeft: { o1: 1 },
    });
  });
});

describe('R-01: the residents committee electorate', () => {
  const residents = (residentsElectorate: 'households' | 'group-representatives') =>
    scheduledMeeting({ ruleset: 'residents-committee', parameters: { residentsElectorate } });

  it('R-01: the ruleset keeps the village thresholds and takes the electorate as a parameter', () => {
    const r = residents('households').state.ruleset!;
    expect(r.name).toBe('residents-committee');
    expect(r.turnout).toEqual({ num: 1, den: 2, inclusive: false, rule: 'V-06' });
    expect(r.win).toEqual({ num: 1, den: 2, inclusive: false, base: 'ballotsReturned', rule: 'V-07' });
    expect(r.registration?.electorate).toBe('households');
    expect(scheduledMeeting({ ruleset: 'residents-committee' }).state.ruleset!.registration?.electorate).toBe(
      'residents',
    );
  });

  it('R-01: refuses residentsElectorate under another ruleset', () => {
    given([])
      .when({
        type: 'ScheduleMeeting',
        data: {
          title: 't',
          organisation: 'o',
          scheduledFor: '2026-11-24',
          ruleset: 'village-committee',
          parameters: { residentsElectorate: 'households' },
        },
      })
      .thenThrows({ code: 'PARAMETER_NOT_IN_RULESET', rule: 'R-01', field: 'data.parameters.residentsElectorate' });
  });

  it('R-01: one representative per household: each needs a household, a second one is refused', () => {
    const b = residents('households');
    given(b)
      .when(register([voter('r1')]))
      .thenThrows({ code: 'HOUSEHOLD_REQUIRED', rule: 'R-01', field: 'data.voters.0.household' });
    given(b)
      .when(register([voter('r1', { household: '1-101' }), voter('r2', { household: '1-101' })]))
      .thenThrows({ code: 'HOUSEHOLD_ALREADY_REPRESENTED', rule: 'R-01', field: 'data.voters.1.household' });
    b.run(register([voter('r1', { household: '1-101' })]), at('2026-10-20'));
    given(b)
      .when(register([voter('r2', { household: '1-101' })]), at('2026-10-20'))
      .thenThrows({ code: 'HOUSEHOLD_ALREADY_REPRESENTED', rule: 'R-01' });
    // Once the representative is removed, the household may name another.
    b.run({ type: 'RemoveVoter', data: { memberId: 'r1', reason: '迁出' } }, at('2026-10-21'));
    given(b)
      .when(register([voter('r2', { household: '1-101' })]), at('2026-10-21'))
      .then((events) => expect(events).toHaveLength(1));
  });

  it('R-01: 2–3 representatives per group: a fourth is refused, and the list is not published with a group of one', () => {
    const b = residents('group-representatives');
    given(b)
      .when(register([voter('r1')]))
      .thenThrows({ code: 'GROUP_REQUIRED', rule: 'R-01' });
    const g = (id: string, group: string) => voter(id, { group });
    given(b)
      .when(register([g('r1', 'A'), g('r2', 'A'), g('r3', 'A'), g('r4', 'A')]))
      .thenThrows({ code: 'GROUP_FULL', rule: 'R-01', field: 'data.voters.3.group' });
    b.run(register([g('r1', 'A'), g('r2', 'A'), g('r3', 'B')]), at('2026-10-20'));
    given(b)
      .when({ type: 'PublishVoterList', data: {} }, at('2026-10-21'))
      .thenThrows({ code: 'GROUP_TOO_FEW_REPRESENTATIVES', rule: 'R-01' });
    b.run(register([g('r4', 'B')]), at('2026-10-21'));
    given(b)
      .when({ type: 'PublishVoterList', data: {} }, at('2026-10-21'))
      .then((events) => expect(events[0]?.data).toMatchObject({ registered: 4 }));
    // Once published, a removal may not leave group B with one representative; after a new one is registered it may.
    b.run({ type: 'PublishVoterList', data: {} }, at('2026-10-21'));
    given(b)
      .when({ type: 'RemoveVoter', data: { memberId: 'r4', reason: '迁出' } }, at('2026-10-22'))
      .thenThrows({ code: 'GROUP_TOO_FEW_REPRESENTATIVES', rule: 'R-01', field: 'data.memberId' });
    b.run(register([g('r5', 'B')], '小组补选代表'), at('2026-10-22'));
    given(b)
      .when({ type: 'RemoveVoter', data: { memberId: 'r4', reason: '迁出' } }, at('2026-10-22'))
      .then([{ type: 'VoterRemoved', data: { memberId: 'r4', reason: '迁出' } }]);
    // A voter registered alone into a mistyped group is short already: removing them takes nothing below the minimum.
    b.run(register([g('r9', 'b')], '补登'), at('2026-10-22'));
    given(b)
      .when({ type: 'RemoveVoter', data: { memberId: 'r9', reason: '小组名称写错' } }, at('2026-10-22'))
      .then([{ type: 'VoterRemoved', data: { memberId: 'r9', reason: '小组名称写错' } }]);
  });
});

function rechain(events: ChainedEvent[], from: number): ChainedEvent[] {
  const prev = from === 0 ? GENESIS_HASH : events[from - 1]!.metadata.hash;
  const tail = chainEvents(
    prev,
    events.slice(from).map((e, i) => {
      const { prevHash: _p, hash: _h, ...metadata } = e.metadata;
      return { type: e.type, data: e.data, metadata: { ...metadata, revision: from + i } };
    }),
  );
  return [...events.slice(0, from), ...tail];
}

describe('the verifier re-decides the voter list', () => {
  function decided() {
    const b = published();
    b.run(objection(), at('2026-11-02'));
    b.run(
      { type: 'DecideVoterObjection', data: { objectionId: 'o1', upheld: true, reason: '核实已迁出' } },
      at('2026-11-07'),
    );
    b.run({ type: 'RemoveVoter', data: { memberId: 'v2', reason: '异议o1成立：已迁出' } }, at('2026-11-07'));
    return JSON.parse(JSON.stringify(b.log())) as ChainedEvent[];
  }
  const forge = (
    type: string,
    change: (d: Record<string, unknown>) => void,
    which = (_d: Record<string, unknown>) => true,
  ) => {
    const log = decided();
    const k = log.findIndex((e) => e.type === type && which(e.data as Record<string, unknown>));
    change(log[k]!.data as Record<string, unknown>);
    return { k, r: replayLog(rechain(log, k)) };
  };

  it('V-03: a genuine log of registration, publication, objection, late decision and removal verifies', () => {
    expect(replayLog(decided()).problems).toEqual([]);
  });

  it('V-03: a publication recorded after the deadline (re-dated and re-timed) is caught under V-03', () => {
    const log = JSON.parse(JSON.stringify(published().log())) as ChainedEvent[];
    const k = log.findIndex((e) => e.type === 'VoterListPublished');
    expect(k).toBe(log.length - 1);
    (log[k]!.data as Record<string, unknown>).publishedOn = '2026-11-05';
    log[k]!.metadata.recordedAt = '2026-11-05T02:00:00.000Z';
    const r = replayLog(rechain(log, k));
    expect(r.chain.ok).toBe(true);
    expect(r.firstBadEvent).toMatchObject({ revision: k, type: 'VoterListPublished', rule: 'V-03' });
    expect(r.problems[0]?.problem).toContain('at least 20 days before the election day');
  });

  it('V-03: a late decision recorded as in time is caught under V-03', () => {
    const { k, r } = forge('VoterObjectionDecided', (d) => {
      d.late = false;
    });
    expect(r.firstBadEvent).toMatchObject({ revision: k, type: 'VoterObjectionDecided', rule: 'V-03' });
  });

  it('V-02: a voter admitted with the assembly decision struck out is caught under V-02', () => {
    const { k, r } = forge(
      'VoterRegistered',
      (d) => {
        delete d.admission;
      },
      (d) => d.basis === 'admitted',
    );
    expect(r.firstBadEvent).toMatchObject({ revision: k, type: 'VoterRegistered', rule: 'V-02' });
  });
});

/**
 * A village poll for tests: 20 registered voters, 主任 and 委员 on one paper, the central meeting and a mobile box.
 * Test-only.
 */
import { TELLER_1, ids, roll, scheduledMeeting, type MeetingBuilder } from './fixtures.js';

/**
 * A village of 20 registered voters p1..p20: 主任 (director, p1 p2) and 委员 (committee, 2 seats, p3 p4 p5) on one
 * paper. The election committee (p18 p19 p20) checked in at the hall to adopt the method and appoint officers.
 */
export const CENTRAL_OFFICERS = [
  { name: '赵监票', memberId: 'p15' },
  { name: '钱监票', memberId: 'p16' },
  { name: '孙监票', memberId: 'p17' },
];
export const BOX_OFFICERS = [{ name: '周一' }, { name: '吴二' }, { name: '郑三' }];

export function village(): MeetingBuilder {
  const b = scheduledMeeting({ ruleset: 'village-committee' }).enrol(roll(20));
  b.checkIn('p18', 'p19', 'p20');
  b.createContest('director', 1, { office: 'director' })
    .nominate('director', ['p1', 'p2'])
    .publish('director', ['p1', 'p2']);
  b.createContest('committee', 2, { office: 'committee-member' })
    .nominate('committee', ['p3', 'p4', 'p5'])
    .publish('committee', ['p3', 'p4', 'p5']);
  b.adoptMethod().appointOfficers(['p20']).confirm('director').confirm('committee');
  return b;
}

export const setUp = (stationId: string, kind: string, officers: unknown[] = BOX_OFFICERS, name = stationId) => ({
  type: 'SetUpPollingStation',
  data: { stationId, kind, name, officers },
});
export const issue = (stationId: string, voters: { memberId: string; proxyFor?: string }[], pollId = 'poll1') => ({
  type: 'IssueBallots',
  data: { pollId, stationId, voters },
});
export const seal = (stationId: string, pollId = 'poll1') => ({ type: 'SealBallotBox', data: { pollId, stationId } });
export const openBox = (stationId: string, ballotsReturned: number, pollId = 'poll1') => ({
  type: 'OpenBallotBox',
  data: { pollId, stationId, ballotsReturned },
});
export const rb = (
  contestId: string,
  ballotNo: number,
  station: string | undefined,
  marks: Record<string, string>,
) => ({
  type: 'RecordBallot',
  data: { contestId, round: 1, ballotNo, marks, writeIns: [], ...(station !== undefined ? { station } : {}) },
});
export const close = (contestId: string, ballotsReturned: number) => ({
  type: 'CloseRound',
  data: { contestId, round: 1, ballotsReturned },
});

/** The central meeting and a mobile box set up, poll1 opened for both contests at both. */
export function polling(): MeetingBuilder {
  const b = village();
  b.run(setUp('central', 'central', CENTRAL_OFFICERS, '选举大会会场'));
  b.run(setUp('box1', 'mobile-box', BOX_OFFICERS, '一号流动票箱'));
  b.run({ type: 'OpenPoll', data: { pollId: 'poll1', contestIds: ['director', 'committee'] } });
  return b;
}

/** 12 voters: p1..p9 at the central meeting, p10..p12 at the box; both boxes sealed and opened with what they issued. */
export function counted(o: { central?: number; box?: number } = {}): MeetingBuilder {
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
  b.run(seal('central'));
  b.run(seal('box1'));
  b.run(openBox('central', o.central ?? 9));
  b.run(openBox('box1', o.box ?? 3));
  return b;
}

/** Keys n papers of each contest from a box, numbered from `from`: director p1, committee p3 and p4. */
export function key(b: MeetingBuilder, station: string, from: number, n: number): void {
  for (let i = 0; i < n; i++) {
    b.run(rb('director', from + i, station, { p1: 'for' }), { actor: TELLER_1 });
    b.run(rb('committee', from + i, station, { p3: 'for', p4: 'for' }), { actor: TELLER_1 });
  }
}

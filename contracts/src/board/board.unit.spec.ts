/**
 * The district board's figures, each checked against what the scenario was built to contain (counted by hand
 * here, never read back from the function under test): the stage after each step of a meeting, the anomalies a
 * scenario provokes and nothing else, the row's figures, the roll-ups and the filters.
 */
import { describe, expect, it } from 'vitest';
import { readyMeeting, meetingWithRoll, ids, roll, TELLER_1, TELLER_2 } from '../testing/fixtures.js';
import { issue, openBox, polling, seal } from '../testing/poll-fixtures.js';
import { meetingStage } from './stage.js';
import { meetingAnomalies, QUIET_MINUTES, type Anomaly } from './anomalies.js';
import { boardRow, type BoardRow } from './board-row.js';
import { filterRows, rollUps } from './district-board.js';
import { ProcessFactsIndex } from './process-facts.js';

const forP1 = { marks: { p1: 'for' as const } };
const overVoted = { marks: { p1: 'for' as const, p2: 'for' as const } };

describe('meetingStage', () => {
  it('walks scheduled → checking-in → quorum → voting → declared → approved as the facts arrive', () => {
    // 10 full members; P-05 asks for more than 4/5 present: 8 is not enough, 9 is.
    const b = meetingWithRoll(10);
    expect(meetingStage(b.state)).toBe('scheduled');
    b.checkIn('p1');
    expect(meetingStage(b.state)).toBe('checking-in');
    b.checkIn('p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8');
    expect(meetingStage(b.state)).toBe('checking-in');
    b.checkIn('p9');
    expect(meetingStage(b.state)).toBe('quorum');

    const m = readyMeeting({ voters: 10 });
    expect(meetingStage(m.state)).toBe('quorum');
    const n = m.openRound('c1');
    expect(meetingStage(m.state)).toBe('voting');
    m.enterBallots(
      'c1',
      n,
      Array.from({ length: 10 }, () => forP1),
    );
    m.closeRound('c1', n);
    expect(meetingStage(m.state)).toBe('voting');
    m.declare('c1', n);
    expect(meetingStage(m.state)).toBe('declared');
    m.run({ type: 'RecordApproval', data: { contestId: 'c1', reference: '区委组织部〔2026〕8号' } });
    expect(meetingStage(m.state)).toBe('approved');
  });

  it('stays at quorum once the method is adopted on it, though members leave (P-05 is judged when it was adopted)', () => {
    const m = readyMeeting({ voters: 10 });
    m.depart('p1', 'p2', 'p3');
    expect(meetingStage(m.state)).toBe('quorum');
  });

  it('reads reported and approved from the process stream: a report naming the meeting, or one naming none for the 直选大会', () => {
    const m = readyMeeting({ voters: 10 });
    m.vote(
      'c1',
      Array.from({ length: 10 }, () => forP1),
    );
    const idx = new ProcessFactsIndex();
    idx.apply('e1', { type: 'MeetingLinked', data: { kind: 'election', meetingId: m.meetingId } });
    idx.apply('e1', { type: 'MeetingLinked', data: { kind: 'recommendation', meetingId: 'rec' } });
    expect(idx.factsOf(m.meetingId)).toMatchObject({ planApproved: false, reported: false });
    expect(idx.factsOf('unlinked')).toBeNull();
    idx.apply('e1', {
      type: 'UpperApprovalRecorded',
      data: { kind: 'request', reference: 'x', approvedOn: '2026-11-01' },
    });
    expect(idx.factsOf(m.meetingId)?.planApproved).toBe(true);
    // A report for another kind of paper moves nothing.
    expect(idx.apply('e1', { type: 'ReportSubmitted', data: { kind: 'request', submittedOn: '2026-11-02' } })).toEqual(
      [],
    );
    idx.apply('e1', { type: 'ReportSubmitted', data: { kind: 'result', submittedOn: '2026-11-25' } });
    expect(meetingStage(m.state, idx.factsOf(m.meetingId))).toBe('reported');
    // The recommendation meeting is not the result the report is about.
    expect(idx.factsOf('rec')?.reported).toBe(false);
    // Returned for amendment (P-31a): still reported, not approved.
    idx.apply('e1', {
      type: 'UpperApprovalRecorded',
      data: { kind: 'result', reference: 'y0', approvedOn: '2026-11-28', decision: 'returned' },
    });
    expect(meetingStage(m.state, idx.factsOf(m.meetingId))).toBe('reported');
    idx.apply('e1', {
      type: 'UpperApprovalRecorded',
      data: { kind: 'result', reference: 'y', approvedOn: '2026-11-30' },
    });
    expect(meetingStage(m.state, idx.factsOf(m.meetingId))).toBe('approved');
  });

  it('a report naming one meeting covers that meeting only', () => {
    const idx = new ProcessFactsIndex();
    idx.apply('e1', { type: 'MeetingLinked', data: { kind: 'election', meetingId: 'a' } });
    idx.apply('e1', { type: 'MeetingLinked', data: { kind: 'election', meetingId: 'b' } });
    expect(
      idx.apply('e1', { type: 'ReportSubmitted', data: { kind: 'result', meetingId: 'a', submittedOn: 'x' } }),
    ).toEqual(['a']);
    expect([idx.factsOf('a')?.reported, idx.factsOf('b')?.reported]).toEqual([true, false]);
  });

  it('a meeting with no contest (a 动员大会) is declared once closed', () => {
    const b = meetingWithRoll(5);
    b.checkIn('p1');
    b.run({ type: 'CloseMeeting', data: {} });
    expect(meetingStage(b.state)).toBe('declared');
  });
});

describe('meetingAnomalies', () => {
  it('finds nothing in a clean meeting, open or declared', () => {
    const m = readyMeeting({ voters: 10 });
    const n = m.openRound('c1');
    m.enterBallots(
      'c1',
      n,
      Array.from({ length: 5 }, () => forP1),
    );
    expect(
      meetingAnomalies(m.state, { now: '2026-11-24T09:01:00.000Z', lastEventAt: '2026-11-24T09:00:00.000Z' }),
    ).toEqual([]);
    m.enterBallots(
      'c1',
      n,
      Array.from({ length: 5 }, () => forP1),
    );
    m.closeRound('c1', n);
    m.declare('c1', n);
    expect(meetingAnomalies(m.state)).toEqual([]);
  });

  it('A-01: more papers keyed in an open round than were issued (10 issued, 11 keyed), blocking, P-21', () => {
    const m = readyMeeting({ voters: 10 });
    const n = m.openRound('c1');
    m.enterBallots(
      'c1',
      n,
      Array.from({ length: 11 }, () => forP1),
    );
    const a = meetingAnomalies(m.state);
    expect(a).toEqual([
      {
        code: 'A-01',
        severity: 'blocking',
        rule: 'P-21',
        contestId: 'c1',
        office: 'member',
        round: 1,
        params: { issued: 10, entered: 11 },
      },
    ]);
    // No returned count exists yet, and the row says so beside the anomaly's keyed figure.
    expect(boardRow(m.state).rounds[0]).toMatchObject({ issued: 10, entered: 11, returned: null });
  });

  it('A-01: a round voided for 12 returned of 10 issued, until it is re-run', () => {
    const m = readyMeeting({ voters: 10 });
    const n = m.openRound('c1');
    m.enterBallots(
      'c1',
      n,
      Array.from({ length: 10 }, () => forP1),
    );
    m.closeRound('c1', n, 12);
    expect(m.state.contests.get('c1')!.rounds[0]!.status).toBe('void');
    expect(meetingAnomalies(m.state)).toMatchObject([{ code: 'A-01', round: 1, params: { issued: 10, returned: 12 } }]);
    m.openRound('c1');
    expect(meetingAnomalies(m.state)).toEqual([]);
  });

  it('A-01 per box: a mobile box that gave 4 papers having issued 3 (V-11)', () => {
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
    b.run(openBox('central', 9));
    b.run(openBox('box1', 4));
    const a = meetingAnomalies(b.state);
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({
      code: 'A-01',
      severity: 'blocking',
      stationId: 'box1',
      params: { issued: 3, returned: 4 },
    });
  });

  it('A-02: the chain failure the reader found', () => {
    const m = readyMeeting({ voters: 10 });
    const chain = { ok: false as const, revision: 7, index: 7, type: 'MemberCheckedIn', problem: 'hash differs' };
    expect(meetingAnomalies(m.state, { chain })).toEqual([
      { code: 'A-02', severity: 'blocking', params: { revision: 7 } },
    ]);
  });

  it('A-03: a counted round the decider refuses to declare (the meeting was closed before its declaration)', () => {
    const m = readyMeeting({ voters: 10 });
    const n = m.openRound('c1');
    m.enterBallots(
      'c1',
      n,
      Array.from({ length: 10 }, () => forP1),
    );
    m.closeRound('c1', n);
    expect(meetingAnomalies(m.state)).toEqual([]);
    m.run({ type: 'CloseMeeting', data: { confirmUnfinished: true } });
    expect(meetingAnomalies(m.state)).toMatchObject([
      { code: 'A-03', severity: 'blocking', contestId: 'c1', round: 1, params: { code: 'MEETING_CLOSED' } },
    ]);
  });

  it('A-04: two ballots whose double entries disagree, a warning while the round is open', () => {
    const m = readyMeeting({ voters: 10, parameters: { doubleEntry: true } });
    const n = m.openRound('c1');
    m.enterBallots('c1', n, [forP1, forP1, forP1]);
    for (const ballotNo of [4, 5]) {
      m.run(
        { type: 'RecordBallot', data: { contestId: 'c1', round: n, ballotNo, marks: { p1: 'for' }, writeIns: [] } },
        { actor: TELLER_1 },
      );
      m.run(
        { type: 'RecordBallot', data: { contestId: 'c1', round: n, ballotNo, marks: { p2: 'for' }, writeIns: [] } },
        { actor: TELLER_2 },
      );
    }
    expect(meetingAnomalies(m.state)).toEqual([
      { code: 'A-04', severity: 'warning', contestId: 'c1', office: 'member', round: 1, params: { ballots: 2 } },
    ]);
  });

  it('A-05: 15 minutes without an event while voting, judged only against the clock given', () => {
    const m = readyMeeting({ voters: 10 });
    m.openRound('c1');
    const last = '2026-11-24T09:00:00.000Z';
    const at = (min: number, sec = 0) => new Date(Date.parse(last) + min * 60_000 + sec * 1000).toISOString();
    expect(meetingAnomalies(m.state, { now: at(QUIET_MINUTES - 1, 59), lastEventAt: last })).toEqual([]);
    expect(meetingAnomalies(m.state, { now: at(15), lastEventAt: last })).toEqual([
      { code: 'A-05', severity: 'warning', params: { minutes: 15 } },
    ]);
    expect(meetingAnomalies(m.state, { now: at(42), lastEventAt: last })[0]?.params).toEqual({ minutes: 42 });
    // Before voting, silence is no anomaly.
    const quiet = readyMeeting({ voters: 10 });
    expect(meetingAnomalies(quiet.state, { now: at(60), lastEventAt: last })).toEqual([]);
  });

  it('A-06: invalid ballots at 3 % or more of those counted (1 of 34 is not, 1 of 33 is)', () => {
    const m = readyMeeting({ voters: 40 });
    const n = m.openRound('c1');
    m.enterBallots('c1', n, [overVoted, ...Array.from({ length: 33 }, () => forP1)]);
    const r = m.state.contests.get('c1')!.rounds[0]!;
    expect([r.invalid, r.valid]).toEqual([1, 33]); // the scenario: one over-voted paper (P-22), 33 good ones
    expect(meetingAnomalies(m.state)).toEqual([]); // 100 × 1 < 3 × 34
    const fewer = readyMeeting({ voters: 40 });
    const k = fewer.openRound('c1');
    fewer.enterBallots('c1', k, [overVoted, ...Array.from({ length: 32 }, () => forP1)]);
    expect(meetingAnomalies(fewer.state)).toEqual([
      {
        code: 'A-06',
        severity: 'warning',
        contestId: 'c1',
        office: 'member',
        round: 1,
        params: { invalid: 1, ballots: 33 },
      },
    ]);
  });
});

describe('boardRow', () => {
  it('shows 实到/应到 with the quorum rule and each open round as issued / entered / returned', () => {
    const m = readyMeeting({ voters: 12, present: 11 });
    m.depart('p3');
    const n = m.openRound('c1');
    m.enterBallots(
      'c1',
      n,
      Array.from({ length: 7 }, () => forP1),
    );
    const row = boardRow(m.state, { organisationId: 'o-1', lastEventAt: '2026-11-24T09:30:00.000Z' });
    expect(row).toMatchObject({
      organisationId: 'o-1',
      stage: 'voting',
      plan: null,
      ruleset: 'cpc-branch',
      lastEventAt: '2026-11-24T09:30:00.000Z',
      anomalies: [],
    });
    // 12 expected, 11 checked in, one left: 10 present; P-05 strict 4/5 of 12 needs 10.
    expect(row.attendance).toMatchObject({
      expected: 12,
      presentVoters: 10,
      quorum: { required: 10, met: true, rule: 'P-05' },
    });
    expect(row.rounds).toEqual([
      { contestId: 'c1', office: 'member', round: 1, issued: 10, entered: 7, returned: null },
    ]);
  });

  it('a poll round shows each box, and returned as the sum of the boxes opened', () => {
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
        ['p10', 'p11'].map((memberId) => ({ memberId })),
      ),
    );
    b.run(seal('central'));
    b.run(openBox('central', 9));
    const row = boardRow(b.state);
    const director = row.rounds.find((r) => r.contestId === 'director')!;
    expect(director).toMatchObject({ issued: 11, entered: 0, returned: 9 });
    expect(director.boxes).toEqual([
      { stationId: 'central', name: '选举大会会场', issued: 9, returned: 9, entered: 0 },
      { stationId: 'box1', name: '一号流动票箱', issued: 2, returned: null, entered: 0 },
    ]);
  });
});

describe('roll-ups and filters', () => {
  const row = (over: Partial<BoardRow>): BoardRow => ({
    meetingId: 'm',
    title: '',
    organisation: '',
    organisationId: null,
    scheduledFor: '',
    timeZone: 'Asia/Shanghai',
    ruleset: 'cpc-branch',
    stage: 'scheduled',
    plan: null,
    closed: false,
    attendance: {
      expected: 0,
      presentVoters: 0,
      quorum: { required: 0, met: false, short: 0, rule: 'P-05', blocking: true },
    },
    rounds: [],
    revision: 0,
    lastEventAt: null,
    anomalies: [],
    ...over,
  });
  const att = (expected: number, presentVoters: number) => ({
    expected,
    presentVoters,
    quorum: { required: 0, met: false, short: 0, rule: 'P-05', blocking: true },
  });
  const block: Anomaly = { code: 'A-01', severity: 'blocking' };
  const warn: Anomaly = { code: 'A-06', severity: 'warning' };
  const rows = [
    row({ meetingId: 'a', organisationId: 'b1', stage: 'voting', attendance: att(30, 25), anomalies: [block, warn] }),
    row({ meetingId: 'b', organisationId: 'b2', stage: 'voting', attendance: att(20, 18), anomalies: [warn] }),
    row({ meetingId: 'c', organisationId: 'b3', stage: 'declared', attendance: att(10, 10) }),
    row({ meetingId: 'd', organisationId: 'x', stage: 'scheduled', attendance: att(7, 0) }),
  ];
  // b1 and b2 under committee k1, b3 under k2; x directly under the board's own organisation.
  const parent: Record<string, string> = { b1: 'k1', b2: 'k1', b3: 'k2', x: 'root' };

  it('sums each committee’s branches, and everything in the totals', () => {
    const r = rollUps(
      rows,
      [
        { organisationId: 'k1', name: '机关一' },
        { organisationId: 'k2', name: '机关二' },
        { organisationId: 'root', name: '县' },
      ],
      (x) => parent[x.organisationId!] ?? null,
    );
    expect(
      r.rollUps.map((u) => [u.organisationId, u.meetings, u.expected, u.presentVoters, u.blocking, u.warning]),
    ).toEqual([
      ['k1', 2, 50, 43, 1, 1],
      ['k2', 1, 10, 10, 0, 0],
      ['root', 1, 7, 0, 0, 0],
    ]);
    expect(r.rollUps[0]!.byStage).toMatchObject({ voting: 2, declared: 0 });
    expect(r.totals).toMatchObject({ meetings: 4, expected: 67, presentVoters: 53, blocking: 1, warning: 1 });
    expect(r.totals.byStage).toEqual({
      scheduled: 1,
      'checking-in': 0,
      quorum: 0,
      voting: 2,
      declared: 1,
      reported: 0,
      approved: 0,
    });
  });

  it('filters by stage, by code and by severity', () => {
    const m = (f: Parameters<typeof filterRows>[1]) => filterRows(rows, f).map((r) => r.meetingId);
    expect(m({})).toEqual(['a', 'b', 'c', 'd']);
    expect(m({ stages: ['voting'] })).toEqual(['a', 'b']);
    expect(m({ anomalies: ['A-06'] })).toEqual(['a', 'b']);
    expect(m({ anomalies: ['blocking'] })).toEqual(['a']);
    expect(m({ stages: ['declared', 'scheduled'], anomalies: ['warning'] })).toEqual([]);
  });
});

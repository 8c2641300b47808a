import { describe, expect, it } from 'vitest';
import { given } from '../testing/spec.js';
import {
  ids,
  meetingWithCheckIns,
  readyMeeting,
  roll,
  scheduledMeeting,
  type MemberSpec,
} from '../testing/fixtures.js';

const contest = (data: Record<string, unknown> = {}) => ({
  type: 'CreateContest',
  data: { contestId: 'c1', office: 'member', seats: 5, ...data },
});
const nominate = (nomineeId: string, o: Record<string, unknown> = {}) => ({
  type: 'Nominate',
  data: { contestId: 'c1', nomineeId, route: 'organisation', ...o },
});
const publish = (candidateIds: string[], o: Record<string, unknown> = {}) => ({
  type: 'PublishCandidateList',
  data: { contestId: 'c1', candidateIds, noticeDays: 5, publishedOn: '2026-11-17', ...o },
});
const confirm = { type: 'ConfirmCandidateList', data: { contestId: 'c1' } };

/** 10 present voters p1..p10, plus q1 probationary; contest c1 with `seats` seats. */
const withContest = (seats = 5) =>
  meetingWithCheckIns(10, 10)
    .enrol([{ memberId: 'q1', name: '陈预备', status: 'probationary' }])
    .createContest('c1', seats);

describe('CreateContest', () => {
  it("P-12: creates a competitive (差额) contest for the meeting's electorate by default", () => {
    given(meetingWithCheckIns(3, 3))
      .when(contest())
      .then([
        {
          type: 'ContestCreated',
          data: { contestId: 'c1', office: 'member', seats: 5, mode: 'competitive', electorate: 'meeting' },
        },
      ]);
  });

  it('is idempotent: the same contest again is a no-op', () => {
    given(meetingWithCheckIns(3, 3).createContest('c1', 5)).when(contest()).thenNothingHappened();
  });

  it("records the colour of the contest's ballot paper", () => {
    given(meetingWithCheckIns(3, 3))
      .when(contest({ ballotColour: 'pink' }))
      .then(([e]) => expect(e!.data).toMatchObject({ ballotColour: 'pink' }));
    const b = meetingWithCheckIns(3, 3);
    b.run(contest({ ballotColour: 'pink' }));
    expect(b.state.contests.get('c1')!.ballotColour).toBe('pink');
  });

  it('the same contest on another colour of paper is a conflict, not a silent change', () => {
    given(meetingWithCheckIns(3, 3).createContest('c1', 5))
      .when(contest({ ballotColour: 'red' }))
      .thenThrows({ code: 'CONTEST_EXISTS', kind: 'conflict', field: 'data.contestId' });
  });

  it('refuses a colour that is not a paper colour, naming the field', () => {
    given(meetingWithCheckIns(3, 3))
      .when(contest({ ballotColour: 'ultraviolet' }))
      .thenThrows({ code: 'INVALID_FIELD', kind: 'validation', field: 'data.ballotColour' });
  });

  it('a different contest under the same id is a conflict', () => {
    given(meetingWithCheckIns(3, 3).createContest('c1', 5))
      .when(contest({ seats: 7 }))
      .thenThrows({ code: 'CONTEST_EXISTS', kind: 'conflict', field: 'data.contestId' });
  });

  it('P-13: refuses an uncontested (等额) election of committee members', () => {
    given(meetingWithCheckIns(3, 3))
      .when(contest({ mode: 'uncontested' }))
      .thenThrows({ code: 'UNCONTESTED_NOT_ALLOWED', rule: 'P-13', field: 'data.mode' });
  });

  it('P-13: allows an uncontested election of the secretary', () => {
    given(meetingWithCheckIns(3, 3))
      .when(contest({ contestId: 'sec', office: 'secretary', seats: 1, mode: 'uncontested' }))
      .then((events) =>
        expect(events[0]).toMatchObject({ type: 'ContestCreated', data: { mode: 'uncontested', office: 'secretary' } }),
      );
  });

  const withCommittee = () => meetingWithCheckIns(3, 3).createContest('committee', 5, { office: 'committee-member' });
  it('P-29: under cpc-branch a secretary contest is elected by the committee contest', () => {
    given(withCommittee())
      .when(contest({ contestId: 'sec', office: 'secretary', seats: 1, mode: 'uncontested' }))
      .then(([e]) => expect(e).toMatchObject({ data: { electorate: { committeeOf: 'committee' } } }));
  });

  it('P-29: under cpc-branch a secretary contest is elected by the meeting when the chair names the meeting', () => {
    given(withCommittee())
      .when(contest({ contestId: 'sec', office: 'secretary', seats: 1, mode: 'uncontested', electorate: 'meeting' }))
      .then(([e]) => expect(e).toMatchObject({ data: { electorate: 'meeting' } }));
  });

  it('P-29: a branch without a committee elects its secretary at the meeting (second bullet)', () => {
    given(meetingWithCheckIns(3, 3))
      .when(contest({ contestId: 'sec', office: 'secretary', seats: 1, mode: 'uncontested' }))
      .then(([e]) => expect(e).toMatchObject({ data: { electorate: 'meeting' } }));
  });

  it('P-29: rulesets without a second stage leave the secretary to the meeting', () => {
    given(
      scheduledMeeting({ ruleset: 'village-committee' })
        .enrol(roll(3))
        .createContest('committee', 3, { office: 'committee-member' }),
    )
      .when(contest({ contestId: 'sec', office: 'secretary', seats: 1 }))
      .then(([e]) => expect(e).toMatchObject({ data: { electorate: 'meeting' } }));
  });

  it.each([
    ['seats < 1', { seats: 0 }, { code: 'INVALID_FIELD', kind: 'validation', field: 'data.seats' }],
    ['a fractional number of seats', { seats: 2.5 }, { code: 'INVALID_FIELD', field: 'data.seats' }],
    [
      'a contest id with spaces and slashes',
      { contestId: 'c 1/x' },
      { code: 'INVALID_FIELD', field: 'data.contestId' },
    ],
  ] as const)('validation: refuses %s', (_case, data, refusal) => {
    given(meetingWithCheckIns(3, 3)).when(contest(data)).thenThrows(refusal);
  });

  it('P-29: a committee electorate must name an existing contest', () => {
    const committee = (committeeOf: string) =>
      contest({ contestId: 'sec', office: 'secretary', seats: 1, mode: 'uncontested', electorate: { committeeOf } });
    given(meetingWithCheckIns(3, 3))
      .when(committee('c9'))
      .thenThrows({ code: 'UNKNOWN_CONTEST', kind: 'not-found', field: 'data.electorate.committeeOf' });
  });

  it('P-29: a committee electorate must not name the contest itself', () => {
    const committee = (committeeOf: string) =>
      contest({ contestId: 'sec', office: 'secretary', seats: 1, mode: 'uncontested', electorate: { committeeOf } });
    given(meetingWithCheckIns(3, 3))
      .when(committee('sec'))
      .thenThrows({ code: 'SELF_ELECTORATE', field: 'data.electorate.committeeOf' });
  });
});

describe('Nominate', () => {
  it('P-07: records a nomination with its route', () => {
    given(withContest())
      .when(nominate('p1', { route: 'members', supporters: ['p2', 'p3'] }))
      .then([
        {
          type: 'NominationReceived',
          data: { contestId: 'c1', nomineeId: 'p1', route: 'members', supporters: ['p2', 'p3'] },
        },
      ]);
  });

  it('is idempotent per route: the same route again is a no-op', () => {
    given(withContest().nominate('c1', ['p1']))
      .when(nominate('p1'))
      .thenNothingHappened();
  });

  it('another route for the same nominee is recorded', () => {
    given(withContest().nominate('c1', ['p1']))
      .when(nominate('p1', { route: 'self' }))
      .then((events) => expect(events).toHaveLength(1));
  });

  it('P-01: refuses a probationary member (no right to be elected)', () => {
    given(withContest())
      .when(nominate('q1'))
      .thenThrows({ code: 'NOT_ELIGIBLE', rule: 'P-01', field: 'data.nomineeId' });
  });

  it.each([
    ['a scrutineer', 'p9', { code: 'NOMINEE_IS_SCRUTINEER', rule: 'P-16', field: 'data.nomineeId' }],
    ['a teller', 'p8', { code: 'NOMINEE_IS_TELLER', rule: 'P-17', field: 'data.nomineeId' }],
  ] as const)('P-16 / P-17: refuses %s as a candidate', (_case, nomineeId, refusal) => {
    const b = withContest()
      .adoptMethod()
      .appointOfficers(['p9'], [{ name: '计票人甲', memberId: 'p8' }, { name: '计票人乙' }]);
    given(b).when(nominate(nomineeId)).thenThrows(refusal);
  });

  it.each([
    ['too few supporters', ['p2'], { code: 'TOO_FEW_SUPPORTERS', rule: 'P-07', field: 'data.supporters' }],
    [
      'a supporter who is not a full member',
      ['p2', 'q1'],
      { code: 'SUPPORTER_NOT_FULL_MEMBER', rule: 'P-07', field: 'data.supporters.1' },
    ],
  ] as const)(
    'P-07: a joint nomination needs enough full-member supporters: refuses %s',
    (_case, supporters, refusal) => {
      given(withContest())
        .when(nominate('p1', { route: 'members', supporters: [...supporters] }))
        .thenThrows(refusal);
    },
  );

  it('P-08: refuses nominations once the list is published', () => {
    const b = withContest()
      .nominate('c1', ids(roll(6)))
      .publish('c1', ids(roll(6)));
    given(b).when(nominate('p7')).thenThrows({ code: 'LIST_PUBLISHED', rule: 'P-08' });
  });

  it.each([
    [
      'an unknown contest',
      nominate('p1', { contestId: 'c9' }),
      { code: 'UNKNOWN_CONTEST', kind: 'not-found', field: 'data.contestId' },
    ],
    ['an unknown member', nominate('nobody'), { code: 'UNKNOWN_MEMBER', field: 'data.nomineeId' }],
    ['an unknown route', nominate('p1', { route: 'lottery' }), { code: 'INVALID_FIELD', field: 'data.route' }],
  ] as const)('refuses %s', (_case, command, refusal) => {
    given(withContest()).when(command).thenThrows(refusal);
  });
});

describe('RecordRecommendations', () => {
  const recs = (votes: Record<string, number>, ballotsCast = 10) => ({
    type: 'RecordRecommendations',
    data: { contestId: 'c1', ballotsCast, votes },
  });
  const nominated = () => withContest(1).nominate('c1', ['p1', 'p2']);

  it('P-09: records the recommendation ballots (who passes: meeting-view.unit.spec.ts)', () => {
    given(nominated())
      .when(recs({ p1: 6, p2: 5 }))
      .then([{ type: 'RecommendationsRecorded', data: { contestId: 'c1', ballotsCast: 10, votes: { p1: 6, p2: 5 } } }]);
  });

  it('P-09: a second record (a recount of the recommendation ballots) is recorded too', () => {
    const b = nominated();
    b.run(recs({ p1: 6, p2: 5 }));
    given(b)
      .when(recs({ p1: 4, p2: 7 }))
      .then([{ type: 'RecommendationsRecorded', data: { contestId: 'c1', ballotsCast: 10, votes: { p1: 4, p2: 7 } } }]);
  });

  it.each([
    [
      'votes for someone not nominated',
      { p3: 1 },
      { code: 'NOT_NOMINATED', kind: 'not-found', field: 'data.votes.p3' },
    ],
    [
      'more votes than ballots',
      { p1: 11 },
      { code: 'MORE_VOTES_THAN_BALLOTS', kind: 'validation', field: 'data.votes.p1' },
    ],
    ['a negative number of votes', { p1: -1 }, { code: 'INVALID_FIELD', field: 'data.votes.p1' }],
  ] as const)('refuses %s', (_case, votes, refusal) => {
    given(nominated()).when(recs(votes)).thenThrows(refusal);
  });

  it('P-08: refuses once the list is published', () => {
    given(nominated().publish('c1', ['p1', 'p2']))
      .when(recs({ p1: 6 }))
      .thenThrows({ code: 'LIST_PUBLISHED', rule: 'P-08' });
  });
});

describe('ReviewCandidate', () => {
  const review = (nomineeId: string, qualified: boolean, reason?: string) => ({
    type: 'ReviewCandidate',
    data: { contestId: 'c1', nomineeId, qualified, ...(reason === undefined ? {} : { reason }) },
  });
  it('P-08: records the qualification review', () => {
    const b = withContest(1);
    b.run(nominate('p1'));
    given(b)
      .when(review('p1', false, '党龄不足1年'))
      .then([
        {
          type: 'CandidateReviewed',
          data: { contestId: 'c1', nomineeId: 'p1', qualified: false, reason: '党龄不足1年' },
        },
      ]);
  });

  it('is idempotent: the same verdict again is a no-op', () => {
    given(withContest(1).nominate('c1', ['p1']))
      .when(review('p1', true))
      .thenNothingHappened();
  });

  it('validation: a nominee found not qualified needs a reason', () => {
    const b = withContest(1);
    b.run(nominate('p1'));
    given(b)
      .when(review('p1', false))
      .thenThrows({ code: 'REASON_REQUIRED', kind: 'validation', field: 'data.reason' });
  });

  it('refuses to review someone not nominated', () => {
    given(withContest(1)).when(review('p1', true)).thenThrows({ code: 'NOT_NOMINATED', field: 'data.nomineeId' });
  });

  it('P-08: refuses to review after publication', () => {
    given(withContest(1).nominate('c1', ['p1', 'p2']).publish('c1', ['p1', 'p2']))
      .when(review('p1', false, 'x'))
      .thenThrows({ code: 'LIST_PUBLISHED', rule: 'P-08' });
  });
});

describe('PublishCandidateList', () => {
  const strokeRoll: MemberSpec[] = [
    { memberId: 'zhao', name: '赵六', status: 'full' },
    { memberId: 'zhang', name: '张三', status: 'full' },
    { memberId: 'liu', name: '刘备', status: 'full' },
    { memberId: 'wang', name: '王五', status: 'full' },
  ];

  it('P-18: stores the candidates in surname stroke order: 王(4) 刘(6) 张(7) 赵(9)', () => {
    const b = scheduledMeeting().enrol(strokeRoll).createContest('c1', 3).nominate('c1', ids(strokeRoll));
    given(b)
      .when(publish(['zhao', 'zhang', 'liu', 'wang']))
      .then([
        {
          type: 'CandidateListPublished',
          data: {
            contestId: 'c1',
            candidateIds: ['wang', 'liu', 'zhang', 'zhao'],
            noticeDays: 5,
            publishedOn: '2026-11-17',
          },
        },
      ]);
  });

  it("P-18: equal stroke counts are ordered by the first stroke (mainland 姓氏笔画, not ICU's stroke collation)", () => {
    // 陈 7 (折 竖 …), 张 7 (折 横 …), 李 7 (横 …), 周 8, 林 8: by hand, 李 张 陈 林 周.
    const m: MemberSpec[] = [
      { memberId: 'zhou', name: '周一', status: 'full' },
      { memberId: 'chen', name: '陈二', status: 'full' },
      { memberId: 'lin', name: '林三', status: 'full' },
      { memberId: 'zhang', name: '张四', status: 'full' },
      { memberId: 'li', name: '李五', status: 'full' },
    ];
    const b = scheduledMeeting().enrol(m).createContest('c1', 3).nominate('c1', ids(m));
    given(b)
      .when(publish(ids(m)))
      .then(([e]) => expect(e).toMatchObject({ data: { candidateIds: ['li', 'zhang', 'chen', 'lin', 'zhou'] } }));
  });

  it('P-10: the publication date defaults to today (ctx.now)', () => {
    given(withContest(1).nominate('c1', ['p1', 'p2']))
      .when(publish(['p1', 'p2'], { publishedOn: undefined }))
      .then(([e]) => expect(e).toMatchObject({ data: { publishedOn: '2026-11-24' } }));
  });

  it('P-08: refuses a nominee who has not passed the review', () => {
    const b = withContest(1).nominate('c1', ['p1']);
    b.run(nominate('p2'));
    given(b)
      .when(publish(['p1', 'p2']))
      .thenThrows({ code: 'NOT_QUALIFIED', rule: 'P-08', field: 'data.candidateIds.1' });
  });

  it("P-10: refuses a public notice shorter than the ruleset's minimum", () => {
    given(withContest(1).nominate('c1', ['p1', 'p2']))
      .when(publish(['p1', 'p2'], { noticeDays: 2 }))
      .thenThrows({ code: 'NOTICE_TOO_SHORT', rule: 'P-10', field: 'data.noticeDays' });
  });

  it.each([
    ['a duplicate candidate', ['p1', 'p1'], { code: 'DUPLICATE_CANDIDATE', field: 'data.candidateIds' }],
    ['an un-nominated candidate', ['p1', 'p3'], { code: 'NOT_NOMINATED', field: 'data.candidateIds.1' }],
  ] as const)('refuses %s', (_case, candidateIds, refusal) => {
    given(withContest(1).nominate('c1', ['p1', 'p2']))
      .when(publish([...candidateIds]))
      .thenThrows(refusal);
  });

  it('P-08: until it is confirmed, publishing again replaces the list', () => {
    const b = withContest(1).nominate('c1', ['p1', 'p2', 'p3']).publish('c1', ['p1', 'p2']);
    b.publish('c1', ['p1', 'p2', 'p3']);
    expect([...b.state.contests.get('c1')!.list!.candidateIds].sort()).toEqual(['p1', 'p2', 'p3']);
  });

  it('P-10: refuses a publication dated after today', () => {
    given(withContest(1).nominate('c1', ['p1', 'p2']))
      .when(publish(['p1', 'p2'], { publishedOn: '2026-11-25' }))
      .thenThrows({ code: 'PUBLICATION_IN_FUTURE', rule: 'P-10', field: 'data.publishedOn' });
  });

  const publishedOn20th = () =>
    withContest(1).nominate('c1', ['p1', 'p2']).publish('c1', ['p1', 'p2'], { publishedOn: '2026-11-20' });
  it('P-10: a re-publication cannot be dated before the last publication', () => {
    given(publishedOn20th())
      .when(publish(['p1', 'p2'], { publishedOn: '2026-11-10' }))
      .thenThrows({ code: 'PUBLICATION_BACKDATED', rule: 'P-10', field: 'data.publishedOn' });
  });

  it('P-10: a re-publication dated the day of the last one restarts the notice', () => {
    given(publishedOn20th())
      .when(publish(['p1', 'p2'], { publishedOn: '2026-11-20' }))
      .then(([e]) => expect(e).toMatchObject({ data: { publishedOn: '2026-11-20' } }));
  });

  it('P-08: refuses to change a confirmed list', () => {
    given(readyMeeting())
      .when(publish(['p1', 'p2']))
      .thenThrows({ code: 'LIST_CONFIRMED', rule: 'P-08' });
  });
});

describe('ConfirmCandidateList', () => {
  const published = (seats: number, candidates: number, o: { publishedOn?: string } = {}) =>
    meetingWithCheckIns(12, 12)
      .createContest('c1', seats)
      .nominate('c1', ids(roll(candidates)))
      .publish('c1', ids(roll(candidates)), o);

  it('P-12: confirms a competitive list (5 seats, 6 candidates) and sets up the first round', () => {
    const b = published(5, 6);
    const ballotOrder = b.state.contests.get('c1')!.list!.candidateIds;
    expect([...ballotOrder].sort()).toEqual(ids(roll(6)).sort());
    given(b)
      .when(confirm)
      .then([{ type: 'CandidateListConfirmed', data: { contestId: 'c1', candidateIds: ballotOrder } }]);
    expect(b.confirm('c1').state.contests.get('c1')!.pending).toEqual({
      kind: 'first',
      seats: 5,
      candidates: ballotOrder,
    });
  });

  it('is idempotent: confirming a confirmed list is a no-op', () => {
    given(published(5, 6).confirm('c1')).when(confirm).thenNothingHappened();
  });

  it.each([
    [5, 5],
    [7, 8],
  ])('P-12 (E4): refuses %i seats with %i candidates', (seats, candidates) => {
    given(published(seats, candidates)).when(confirm).thenThrows({ code: 'DIFFERENTIAL_NOT_MET', rule: 'P-12' });
  });

  it.each([
    [
      'before the list is published',
      () => meetingWithCheckIns(5, 5).createContest('c1', 1),
      { code: 'LIST_NOT_PUBLISHED', rule: 'P-10' },
    ],
    [
      'while the public notice runs',
      () => published(1, 2, { publishedOn: '2026-11-20' }),
      { code: 'NOTICE_PERIOD_RUNNING', rule: 'P-10' },
    ],
  ] as const)('P-10: refuses %s', (_case, meeting, refusal) => {
    given(meeting()).when(confirm).thenThrows(refusal);
  });

  it('P-10: confirms once the public notice has run', () => {
    given(published(1, 2, { publishedOn: '2026-11-19' }))
      .when(confirm)
      .then((events) => expect(events).toHaveLength(1));
  });

  it('P-13: an uncontested list has exactly as many candidates as seats', () => {
    const b = meetingWithCheckIns(5, 5)
      .createContest('sec', 1, { office: 'secretary', mode: 'uncontested' })
      .nominate('sec', ['p1', 'p2'])
      .publish('sec', ['p1', 'p2']);
    given(b)
      .when({ type: 'ConfirmCandidateList', data: { contestId: 'sec' } })
      .thenThrows({ code: 'UNCONTESTED_COUNT', rule: 'P-13' });
  });
});

describe('P-18: the order of names on the ballot (BZ2020 §24)', () => {
  // 黄 11 strokes, 王 4, 李 7: by strokes 王 李 黄. Written out by hand, not by the collation under test.
  const members: MemberSpec[] = [
    { memberId: 'h', name: '黄一', status: 'full' },
    { memberId: 'w', name: '王二', status: 'full' },
    { memberId: 'l', name: '李三', status: 'full' },
  ];
  const hall = (o: { ruleset?: 'cpc-branch' | 'simple-majority'; office: string }) =>
    scheduledMeeting({ ruleset: o.ruleset ?? 'cpc-branch' })
      .enrol(members)
      .checkIn('h', 'w', 'l')
      .createContest('c1', 2, { office: o.office, electorate: 'meeting' })
      .nominate('c1', ['h', 'w', 'l']);
  const listOf = (events: readonly { data: unknown }[]) => (events[0]!.data as { candidateIds: string[] }).candidateIds;

  it('P-18: committee members stand in surname stroke order, whatever order the list was sent in', () => {
    given(hall({ office: 'member' }))
      .when(publish(['h', 'w', 'l']))
      .then((events) => expect(listOf(events)).toEqual(['w', 'l', 'h']));
  });

  it.each(['secretary', 'deputy-secretary'])(
    'P-18: %s candidates stand in the order the upper organisation approved (the order of the list)',
    (office) => {
      given(hall({ office }))
        .when(publish(['h', 'l', 'w']))
        .then((events) => expect(listOf(events)).toEqual(['h', 'l', 'w']));
    },
  );

  it('P-18: a generic assembly orders every office by strokes', () => {
    given(hall({ ruleset: 'simple-majority', office: 'secretary' }))
      .when(publish(['h', 'l', 'w']))
      .then((events) => expect(listOf(events)).toEqual(['w', 'l', 'h']));
  });

  it("P-18: correcting a secretary candidate's name keeps the approved order", () => {
    const b = hall({ office: 'deputy-secretary' }).publish('c1', ['h', 'l', 'w']);
    given(b)
      .when({ type: 'CorrectMember', data: { memberId: 'h', name: '丁一', reason: '录入错误' } })
      .then(([e]) => expect(e!.data).not.toHaveProperty('lists'));
  });
});

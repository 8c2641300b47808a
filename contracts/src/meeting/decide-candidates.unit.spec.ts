import { describe, expect, it } from 'vitest';
import { given } from '../testing/spec.js';
import { ids, meetingWithCheckIns, readyMeeting, roll, scheduledMeeting, type MemberSpec } from '../testing/fixtures.js';

const contest = (data: Record<string, unknown> = {}) => ({ type: 'CreateContest', data: { contestId: 'c1', office: 'member', seats: 5, ...data } });
const nominate = (nomineeId: string, o: Record<string, unknown> = {}) => ({ type: 'Nominate', data: { contestId: 'c1', nomineeId, route: 'organisation', ...o } });
const publish = (candidateIds: string[], o: Record<string, unknown> = {}) =>
  ({ type: 'PublishCandidateList', data: { contestId: 'c1', candidateIds, noticeDays: 5, publishedOn: '2026-11-17', ...o } });
const confirm = { type: 'ConfirmCandidateList', data: { contestId: 'c1' } };

/** 10 present voters p1..p10, plus q1 probationary; contest c1 with `seats` seats. */
const withContest = (seats = 5) => meetingWithCheckIns(10, 10)
  .enrol([{ memberId: 'q1', name: '陈预备', status: 'probationary' }])
  .createContest('c1', seats);

describe('CreateContest', () => {
  it('P-12: creates a competitive (差额) contest for the meeting\'s electorate by default', () => {
    given(meetingWithCheckIns(3, 3)).when(contest()).then([{
      type: 'ContestCreated', data: { contestId: 'c1', office: 'member', seats: 5, mode: 'competitive', electorate: 'meeting' },
    }]);
  });

  it('is idempotent: the same contest again is a no-op; a different one under the same id is a conflict', () => {
    const b = meetingWithCheckIns(3, 3).createContest('c1', 5);
    given(b).when(contest()).thenNothingHappened();
    given(b).when(contest({ seats: 7 })).thenThrows({ code: 'CONTEST_EXISTS', kind: 'conflict', field: 'data.contestId' });
  });

  it('P-13: refuses an uncontested (等额) election of committee members; allows it for the secretary', () => {
    given(meetingWithCheckIns(3, 3)).when(contest({ mode: 'uncontested' })).thenThrows({ code: 'UNCONTESTED_NOT_ALLOWED', rule: 'P-13', field: 'data.mode' });
    given(meetingWithCheckIns(3, 3)).when(contest({ contestId: 'sec', office: 'secretary', seats: 1, mode: 'uncontested' }))
      .then((events) => expect(events[0]).toMatchObject({ type: 'ContestCreated', data: { mode: 'uncontested', office: 'secretary' } }));
  });

  it('P-29: under cpc-branch a secretary contest is elected by the committee contest unless the chair names the meeting', () => {
    const b = meetingWithCheckIns(3, 3).createContest('committee', 5, { office: 'committee-member' });
    given(b).when(contest({ contestId: 'sec', office: 'secretary', seats: 1, mode: 'uncontested' }))
      .then(([e]) => expect(e).toMatchObject({ data: { electorate: { committeeOf: 'committee' } } }));
    given(b).when(contest({ contestId: 'sec', office: 'secretary', seats: 1, mode: 'uncontested', electorate: 'meeting' }))
      .then(([e]) => expect(e).toMatchObject({ data: { electorate: 'meeting' } }));
    // A branch without a committee elects its secretary at the meeting (P-29, second bullet).
    given(meetingWithCheckIns(3, 3)).when(contest({ contestId: 'sec', office: 'secretary', seats: 1, mode: 'uncontested' }))
      .then(([e]) => expect(e).toMatchObject({ data: { electorate: 'meeting' } }));
    // Rulesets without a second stage leave it to the meeting.
    given(scheduledMeeting({ ruleset: 'village-committee' }).enrol(roll(3)).createContest('committee', 3, { office: 'committee-member' }))
      .when(contest({ contestId: 'sec', office: 'secretary', seats: 1 }))
      .then(([e]) => expect(e).toMatchObject({ data: { electorate: 'meeting' } }));
  });

  it('validation: seats < 1 is refused on field data.seats', () => {
    given(meetingWithCheckIns(3, 3)).when(contest({ seats: 0 })).thenThrows({ code: 'INVALID_FIELD', kind: 'validation', field: 'data.seats' });
    given(meetingWithCheckIns(3, 3)).when(contest({ seats: 2.5 })).thenThrows({ code: 'INVALID_FIELD', field: 'data.seats' });
    given(meetingWithCheckIns(3, 3)).when(contest({ contestId: 'c 1/x' })).thenThrows({ code: 'INVALID_FIELD', field: 'data.contestId' });
  });

  it('P-29: a committee electorate must name an existing contest, not itself', () => {
    const committee = (committeeOf: string) => contest({ contestId: 'sec', office: 'secretary', seats: 1, mode: 'uncontested', electorate: { committeeOf } });
    given(meetingWithCheckIns(3, 3)).when(committee('c9')).thenThrows({ code: 'UNKNOWN_CONTEST', kind: 'not-found', field: 'data.electorate.committeeOf' });
    given(meetingWithCheckIns(3, 3)).when(committee('sec')).thenThrows({ code: 'SELF_ELECTORATE', field: 'data.electorate.committeeOf' });
  });
});

describe('Nominate', () => {
  it('P-07: records a nomination with its route', () => {
    given(withContest()).when(nominate('p1', { route: 'members', supporters: ['p2', 'p3'] }))
      .then([{ type: 'NominationReceived', data: { contestId: 'c1', nomineeId: 'p1', route: 'members', supporters: ['p2', 'p3'] } }]);
  });

  it('is idempotent per route: the same route again is a no-op, another route is recorded', () => {
    const b = withContest().nominate('c1', ['p1']);
    given(b).when(nominate('p1')).thenNothingHappened();
    given(b).when(nominate('p1', { route: 'self' })).then((events) => expect(events).toHaveLength(1));
  });

  it('P-01: refuses a probationary member (no right to be elected)', () => {
    given(withContest()).when(nominate('q1')).thenThrows({ code: 'NOT_ELIGIBLE', rule: 'P-01', field: 'data.nomineeId' });
  });

  it('P-16 / P-17: refuses a scrutineer or a teller as a candidate', () => {
    const b = withContest().adoptMethod().appointOfficers(['p9'], [{ name: '计票人甲', memberId: 'p8' }, { name: '计票人乙' }]);
    given(b).when(nominate('p9')).thenThrows({ code: 'NOMINEE_IS_SCRUTINEER', rule: 'P-16', field: 'data.nomineeId' });
    given(b).when(nominate('p8')).thenThrows({ code: 'NOMINEE_IS_TELLER', rule: 'P-17', field: 'data.nomineeId' });
  });

  it('P-07: a joint nomination needs enough full-member supporters', () => {
    given(withContest()).when(nominate('p1', { route: 'members', supporters: ['p2'] })).thenThrows({ code: 'TOO_FEW_SUPPORTERS', rule: 'P-07', field: 'data.supporters' });
    given(withContest()).when(nominate('p1', { route: 'members', supporters: ['p2', 'q1'] })).thenThrows({ code: 'SUPPORTER_NOT_FULL_MEMBER', rule: 'P-07', field: 'data.supporters.1' });
  });

  it('P-08: refuses nominations once the list is published', () => {
    const b = withContest().nominate('c1', ids(roll(6))).publish('c1', ids(roll(6)));
    given(b).when(nominate('p7')).thenThrows({ code: 'LIST_PUBLISHED', rule: 'P-08' });
  });

  it('refuses an unknown contest and an unknown member', () => {
    given(withContest()).when(nominate('p1', { contestId: 'c9' })).thenThrows({ code: 'UNKNOWN_CONTEST', kind: 'not-found', field: 'data.contestId' });
    given(withContest()).when(nominate('nobody')).thenThrows({ code: 'UNKNOWN_MEMBER', field: 'data.nomineeId' });
    given(withContest()).when(nominate('p1', { route: 'lottery' })).thenThrows({ code: 'INVALID_FIELD', field: 'data.route' });
  });
});

describe('RecordRecommendations', () => {
  const recs = (votes: Record<string, number>, ballotsCast = 10) => ({ type: 'RecordRecommendations', data: { contestId: 'c1', ballotsCast, votes } });
  const nominated = () => withContest(1).nominate('c1', ['p1', 'p2']);

  it('P-09: records the recommendation ballots; the chair\'s view flags who passes more than half', () => {
    given(nominated()).when(recs({ p1: 6, p2: 5 })).then([{ type: 'RecommendationsRecorded', data: { contestId: 'c1', ballotsCast: 10, votes: { p1: 6, p2: 5 } } }]);
    const b = nominated();
    b.run(recs({ p1: 6, p2: 5 }));
    expect(b.contest().nominees?.map((n) => [n.memberId, n.recommendationVotes, n.recommendationPasses])).toEqual([['p1', 6, true], ['p2', 5, false]]);
  });

  it('P-09: a second record replaces the first (a recount of the recommendation ballots)', () => {
    const b = nominated();
    b.run(recs({ p1: 6, p2: 5 }));
    b.run(recs({ p1: 4, p2: 7 }));
    expect(b.contest().nominees?.map((n) => n.recommendationVotes)).toEqual([4, 7]);
  });

  it('refuses votes for someone not nominated, and more votes than ballots', () => {
    given(nominated()).when(recs({ p3: 1 })).thenThrows({ code: 'NOT_NOMINATED', kind: 'not-found', field: 'data.votes.p3' });
    given(nominated()).when(recs({ p1: 11 })).thenThrows({ code: 'MORE_VOTES_THAN_BALLOTS', kind: 'validation', field: 'data.votes.p1' });
    given(nominated()).when(recs({ p1: -1 })).thenThrows({ code: 'INVALID_FIELD', field: 'data.votes.p1' });
  });

  it('P-08: refuses once the list is published', () => {
    given(nominated().publish('c1', ['p1', 'p2'])).when(recs({ p1: 6 })).thenThrows({ code: 'LIST_PUBLISHED', rule: 'P-08' });
  });
});

describe('ReviewCandidate', () => {
  const review = (nomineeId: string, qualified: boolean, reason?: string) =>
    ({ type: 'ReviewCandidate', data: { contestId: 'c1', nomineeId, qualified, ...(reason === undefined ? {} : { reason }) } });
  it('P-08: records the qualification review', () => {
    const b = withContest(1);
    b.run(nominate('p1'));
    given(b).when(review('p1', false, '党龄不足1年')).then([{ type: 'CandidateReviewed', data: { contestId: 'c1', nomineeId: 'p1', qualified: false, reason: '党龄不足1年' } }]);
  });

  it('is idempotent: the same verdict again is a no-op', () => {
    given(withContest(1).nominate('c1', ['p1'])).when(review('p1', true)).thenNothingHappened();
  });

  it('validation: a nominee found not qualified needs a reason', () => {
    const b = withContest(1);
    b.run(nominate('p1'));
    given(b).when(review('p1', false)).thenThrows({ code: 'REASON_REQUIRED', kind: 'validation', field: 'data.reason' });
  });

  it('refuses to review someone not nominated, and after publication (P-08)', () => {
    given(withContest(1)).when(review('p1', true)).thenThrows({ code: 'NOT_NOMINATED', field: 'data.nomineeId' });
    given(withContest(1).nominate('c1', ['p1', 'p2']).publish('c1', ['p1', 'p2'])).when(review('p1', false, 'x')).thenThrows({ code: 'LIST_PUBLISHED', rule: 'P-08' });
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
    given(b).when(publish(['zhao', 'zhang', 'liu', 'wang'])).then([{
      type: 'CandidateListPublished', data: { contestId: 'c1', candidateIds: ['wang', 'liu', 'zhang', 'zhao'], noticeDays: 5, publishedOn: '2026-11-17' },
    }]);
  });

  it('P-18: equal stroke counts are ordered by the first stroke (mainland 姓氏笔画, not ICU\'s stroke collation)', () => {
    // 陈 7 (折 竖 …), 张 7 (折 横 …), 李 7 (横 …), 周 8, 林 8: by hand, 李 张 陈 林 周.
    const m: MemberSpec[] = [
      { memberId: 'zhou', name: '周一', status: 'full' }, { memberId: 'chen', name: '陈二', status: 'full' },
      { memberId: 'lin', name: '林三', status: 'full' }, { memberId: 'zhang', name: '张四', status: 'full' },
      { memberId: 'li', name: '李五', status: 'full' },
    ];
    const b = scheduledMeeting().enrol(m).createContest('c1', 3).nominate('c1', ids(m));
    given(b).when(publish(ids(m))).then(([e]) => expect(e).toMatchObject({ data: { candidateIds: ['li', 'zhang', 'chen', 'lin', 'zhou'] } }));
  });

  it('P-10: the publication date defaults to today (ctx.now)', () => {
    given(withContest(1).nominate('c1', ['p1', 'p2'])).when(publish(['p1', 'p2'], { publishedOn: undefined }))
      .then(([e]) => expect(e).toMatchObject({ data: { publishedOn: '2026-11-24' } }));
  });

  it('P-08: refuses a nominee who has not passed the review', () => {
    const b = withContest(1).nominate('c1', ['p1']);
    b.run(nominate('p2'));
    given(b).when(publish(['p1', 'p2'])).thenThrows({ code: 'NOT_QUALIFIED', rule: 'P-08', field: 'data.candidateIds.1' });
  });

  it('P-10: refuses a public notice shorter than the ruleset\'s minimum', () => {
    given(withContest(1).nominate('c1', ['p1', 'p2'])).when(publish(['p1', 'p2'], { noticeDays: 2 })).thenThrows({ code: 'NOTICE_TOO_SHORT', rule: 'P-10', field: 'data.noticeDays' });
  });

  it('refuses a duplicate or an un-nominated candidate', () => {
    given(withContest(1).nominate('c1', ['p1', 'p2'])).when(publish(['p1', 'p1'])).thenThrows({ code: 'DUPLICATE_CANDIDATE', field: 'data.candidateIds' });
    given(withContest(1).nominate('c1', ['p1', 'p2'])).when(publish(['p1', 'p3'])).thenThrows({ code: 'NOT_NOMINATED', field: 'data.candidateIds.1' });
  });

  it('P-08: until it is confirmed, publishing again replaces the list', () => {
    const b = withContest(1).nominate('c1', ['p1', 'p2', 'p3']).publish('c1', ['p1', 'p2']);
    b.publish('c1', ['p1', 'p2', 'p3']);
    expect([...b.state.contests.get('c1')!.list!.candidateIds].sort()).toEqual(['p1', 'p2', 'p3']);
  });

  it('P-10: refuses a publication dated after today', () => {
    given(withContest(1).nominate('c1', ['p1', 'p2'])).when(publish(['p1', 'p2'], { publishedOn: '2026-11-25' }))
      .thenThrows({ code: 'PUBLICATION_IN_FUTURE', rule: 'P-10', field: 'data.publishedOn' });
  });

  it('P-10: a re-publication restarts the notice; it cannot be dated before the last publication', () => {
    const b = withContest(1).nominate('c1', ['p1', 'p2']).publish('c1', ['p1', 'p2'], { publishedOn: '2026-11-20' });
    given(b).when(publish(['p1', 'p2'], { publishedOn: '2026-11-10' }))
      .thenThrows({ code: 'PUBLICATION_BACKDATED', rule: 'P-10', field: 'data.publishedOn' });
    given(b).when(publish(['p1', 'p2'], { publishedOn: '2026-11-20' }))
      .then(([e]) => expect(e).toMatchObject({ data: { publishedOn: '2026-11-20' } }));
  });

  it('P-08: refuses to change a confirmed list', () => {
    given(readyMeeting()).when(publish(['p1', 'p2'])).thenThrows({ code: 'LIST_CONFIRMED', rule: 'P-08' });
  });
});

describe('ConfirmCandidateList', () => {
  const published = (seats: number, candidates: number, o: { publishedOn?: string } = {}) =>
    meetingWithCheckIns(12, 12).createContest('c1', seats).nominate('c1', ids(roll(candidates))).publish('c1', ids(roll(candidates)), o);

  it('P-12: confirms a competitive list (5 seats, 6 candidates) and sets up the first round', () => {
    const b = published(5, 6);
    const ballotOrder = b.state.contests.get('c1')!.list!.candidateIds;
    expect([...ballotOrder].sort()).toEqual(ids(roll(6)).sort());
    given(b).when(confirm).then([{ type: 'CandidateListConfirmed', data: { contestId: 'c1', candidateIds: ballotOrder } }]);
    expect(b.confirm('c1').state.contests.get('c1')!.pending).toEqual({ kind: 'first', seats: 5, candidates: ballotOrder });
  });

  it('is idempotent: confirming a confirmed list is a no-op', () => {
    given(published(5, 6).confirm('c1')).when(confirm).thenNothingHappened();
  });

  it('P-12 (E4): refuses 5 candidates for 5 seats and 8 for 7 seats', () => {
    given(published(5, 5)).when(confirm).thenThrows({ code: 'DIFFERENTIAL_NOT_MET', rule: 'P-12' });
    given(published(7, 8)).when(confirm).thenThrows({ code: 'DIFFERENTIAL_NOT_MET', rule: 'P-12' });
  });

  it('P-10: refuses before the list is published, and while the public notice runs', () => {
    given(meetingWithCheckIns(5, 5).createContest('c1', 1)).when(confirm).thenThrows({ code: 'LIST_NOT_PUBLISHED', rule: 'P-10' });
    given(published(1, 2, { publishedOn: '2026-11-20' })).when(confirm).thenThrows({ code: 'NOTICE_PERIOD_RUNNING', rule: 'P-10' });
    given(published(1, 2, { publishedOn: '2026-11-19' })).when(confirm).then((events) => expect(events).toHaveLength(1));
  });

  it('P-13: an uncontested list has exactly as many candidates as seats', () => {
    const b = meetingWithCheckIns(5, 5).createContest('sec', 1, { office: 'secretary', mode: 'uncontested' }).nominate('sec', ['p1', 'p2']).publish('sec', ['p1', 'p2']);
    given(b).when({ type: 'ConfirmCandidateList', data: { contestId: 'sec' } }).thenThrows({ code: 'UNCONTESTED_COUNT', rule: 'P-13' });
  });
});

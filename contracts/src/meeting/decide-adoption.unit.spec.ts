/**
 * P-08b: the 直选大会 adopts the candidate list its 换届 fixed. Each process here is a real one, grown through the
 * process decider (fixedProcess); the command is filled from it as the server fills it (adoptionCommand).
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { adoptionCommand } from '../election/adopt.js';
import { initialElectionState } from '../election/state.js';
import { fixedProcess, type ElectionLog } from '../testing/election-log.js';
import { meetingWithCheckIns, roll, scheduledMeeting, type MeetingBuilder } from '../testing/fixtures.js';
import { given } from '../testing/spec.js';

const [p1, p2, p3, p4, p5] = roll(5); // 张三 李四 王五 赵六 …
const COMMITTEE = [p1!, p2!, p3!].map((m) => ({ nomineeId: m.memberId, name: m.name, office: '委员' }));
const SECRETARY = { nomineeId: p4!.memberId, name: p4!.name, office: '书记' };

/** The 直选大会 m1: 10 members present, q1 probationary; contest c1 elects 3 委员, c2 the 书记. */
function meeting(): MeetingBuilder {
  return meetingWithCheckIns(10, 10)
    .enrol([{ memberId: 'q1', name: '陈预备', status: 'probationary' }])
    .createContest('c1', 3, { office: '委员' })
    .createContest('c2', 1, { office: '书记' });
}

const fill = (process: ElectionLog, m: MeetingBuilder, contestId = 'c1') =>
  adoptionCommand(process.s, m.state, 'm1', { contestId, electionId: 'e1' });

/** The refusal `run` throws. */
function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('AdoptCandidateList (P-08b)', () => {
  const process = fixedProcess([...COMMITTEE, SECRETARY]);
  const fixedAt = process.events.at(-1)!; // the CandidateListFixed event

  it('pins the revision and chain head of the CandidateListFixed event and takes the nominees for the office, each with its provenance', () => {
    expect(fixedAt.type).toBe('CandidateListFixed');
    const m = meeting();
    const data = fill(process, m);
    expect(data).toMatchObject({
      contestId: 'c1',
      electionId: 'e1',
      revision: fixedAt.metadata.revision,
      head: fixedAt.metadata.hash,
    });
    expect(data.candidates.map((c) => [c.candidateId, c.name])).toEqual([
      ['p1', '张三'],
      ['p2', '李四'],
      ['p3', '王五'],
    ]);
    expect(data.candidates[0]!.provenance.map((l) => l.step)).toEqual([
      'nomination',
      'review',
      'examination',
      'notice',
      'list-approval',
    ]);
    expect(data.candidates[0]!.provenance.at(-1)).toEqual({
      step: 'list-approval',
      on: '2026-11-10',
      reference: '机党批〔2026〕12号',
    });
    given(m)
      .when({ type: 'AdoptCandidateList', data })
      .then([{ type: 'CandidateListAdopted', data }]);
  });

  it('folded, the adopted candidates are nominated and qualified: the list is published as today, and nobody else is nominated', () => {
    const m = meeting();
    const data = fill(process, m);
    m.run({ type: 'AdoptCandidateList', data });
    const c = m.state.contests.get('c1')!;
    expect([...c.nominees.values()].map((n) => [n.memberId, n.review?.qualified])).toEqual([
      ['p1', true],
      ['p2', true],
      ['p3', true],
    ]);
    expect(c.adoption).toMatchObject({ electionId: 'e1', revision: fixedAt.metadata.revision });
    expect(m.contest('c1').adoption?.candidates[2]!.name).toBe('王五');
    given(m)
      .when({ type: 'Nominate', data: { contestId: 'c1', nomineeId: 'p5', route: 'self' } })
      .thenThrows({ code: 'CANDIDATES_ADOPTED', rule: 'P-08b', field: 'data.contestId', kind: 'rule' });
    given(m)
      .when({
        type: 'PublishCandidateList',
        data: { contestId: 'c1', candidateIds: ['p1', 'p2', 'p3'], noticeDays: 3 },
      })
      .then(([e]) => expect(e).toMatchObject({ type: 'CandidateListPublished' }));
    given(m).when({ type: 'AdoptCandidateList', data }).thenNothingHappened();
  });

  it('the 书记 contest takes only the nominee proposed for 书记', () => {
    const m = meeting();
    expect(fill(process, m, 'c2').candidates.map((c) => c.candidateId)).toEqual(['p4']);
  });

  it('a nominee proposed without an office stands for the only office of an election that has one', () => {
    const single = fixedProcess(
      [p1!, p2!, p3!, p4!].map((x) => ({ nomineeId: x.memberId, name: x.name })),
      { offices: [{ office: '委员', seats: 3 }] },
    );
    expect(fill(single, meeting()).candidates.map((c) => c.candidateId)).toEqual(['p1', 'p2', 'p3', 'p4']);
  });

  it('a nominee proposed without an office, in an election of several offices, goes to no contest', () => {
    const loose = fixedProcess([{ nomineeId: 'p1', name: '张三' }, ...COMMITTEE.slice(1)]);
    expect(fill(loose, meeting()).candidates.map((c) => c.candidateId)).toEqual(['p2', 'p3']);
    expect(refusal(() => fill(loose, meeting(), 'c2'))).toMatchObject({
      code: 'NO_CANDIDATES_FOR_OFFICE',
      rule: 'P-08b',
      field: 'data.contestId',
      kind: 'rule',
    });
  });

  it('refuses an election that does not exist (404)', () => {
    expect(
      refusal(() =>
        adoptionCommand(initialElectionState('zz'), meeting().state, 'm1', { contestId: 'c1', electionId: 'zz' }),
      ),
    ).toMatchObject({ code: 'UNKNOWN_ELECTION', field: 'data.electionId', kind: 'not-found' });
  });

  it('P-08: refuses an election that has not fixed its list', () => {
    expect(refusal(() => fill(fixedProcess(COMMITTEE, { fix: false }), meeting()))).toMatchObject({
      code: 'NO_CANDIDATE_LIST',
      rule: 'P-08',
      field: 'data.electionId',
      kind: 'rule',
    });
  });

  it('P-08b: refuses a meeting the election does not link as its election meeting', () => {
    expect(refusal(() => fill(fixedProcess(COMMITTEE, { meetingId: 'other' }), meeting()))).toMatchObject({
      code: 'MEETING_NOT_LINKED_AS_ELECTION',
      rule: 'P-08b',
      field: 'data.electionId',
      kind: 'rule',
    });
  });

  it('refuses an unknown contest (404)', () => {
    expect(refusal(() => fill(process, meeting(), 'c9'))).toMatchObject({ code: 'UNKNOWN_CONTEST', kind: 'not-found' });
  });

  it('P-08b: refuses a nominee who is not on the roll, naming the nominee', () => {
    const stranger = fixedProcess([...COMMITTEE, { nomineeId: 'x9', name: '钱外人', office: '委员' }]);
    given(meeting())
      .when({ type: 'AdoptCandidateList', data: fill(stranger, meeting()) })
      .thenThrows({ code: 'NOMINEE_NOT_ON_ROLL', rule: 'P-08b', field: 'data.candidates.3.candidateId', kind: 'rule' });
    expect(
      refusal(() => meeting().run({ type: 'AdoptCandidateList', data: fill(stranger, meeting()) })).message,
    ).toContain('钱外人 (x9)');
  });

  it('P-08b: refuses a nominee whose name differs from the roll (nominee ids are member ids of the roll)', () => {
    const other = fixedProcess([{ nomineeId: 'p1', name: '张叁', office: '委员' }, ...COMMITTEE.slice(1)]);
    given(meeting())
      .when({ type: 'AdoptCandidateList', data: fill(other, meeting()) })
      .thenThrows({ code: 'NOMINEE_NAME_DIFFERS', rule: 'P-08b', field: 'data.candidates.0.candidateId' });
  });

  it('P-01: refuses a nominee without the right to be elected (a probationary member)', () => {
    const probationary = fixedProcess([...COMMITTEE, { nomineeId: 'q1', name: '陈预备', office: '委员' }]);
    given(meeting())
      .when({ type: 'AdoptCandidateList', data: fill(probationary, meeting()) })
      .thenThrows({ code: 'NOT_ELIGIBLE', rule: 'P-01', field: 'data.candidates.3.candidateId' });
  });

  it('P-16: refuses a nominee who is an appointed scrutineer', () => {
    const m = meeting().adoptMethod().appointOfficers(['p3']);
    given(m)
      .when({ type: 'AdoptCandidateList', data: fill(process, m) })
      .thenThrows({ code: 'NOMINEE_IS_SCRUTINEER', rule: 'P-16', field: 'data.candidates.2.candidateId' });
  });

  it('refuses a contest whose list is already published (409)', () => {
    const m = meeting().nominate('c1', ['p5', 'p6', 'p7', 'p8']).publish('c1', ['p5', 'p6', 'p7', 'p8']);
    given(m)
      .when({ type: 'AdoptCandidateList', data: fill(process, m) })
      .thenThrows({ code: 'LIST_PUBLISHED', field: 'data.contestId', kind: 'conflict' });
  });

  it('refuses a contest that already has nominations made in the meeting (409)', () => {
    const m = meeting().nominate('c1', [p5!.memberId]);
    given(m)
      .when({ type: 'AdoptCandidateList', data: fill(process, m) })
      .thenThrows({ code: 'CONTEST_HAS_NOMINEES', field: 'data.contestId', kind: 'conflict' });
  });

  it('refuses a second, different adoption (409)', () => {
    const m = meeting();
    const data = fill(process, m);
    m.run({ type: 'AdoptCandidateList', data });
    given(m)
      .when({ type: 'AdoptCandidateList', data: { ...data, candidates: data.candidates.slice(0, 2) } })
      .thenThrows({ code: 'LIST_ALREADY_ADOPTED', field: 'data.contestId', kind: 'conflict' });
  });

  it('P-08b: a recommendation contest (公推大会) adopts nothing', () => {
    const rec = scheduledMeeting({ ruleset: 'recommendation' })
      .enrol(roll(10))
      .createContest('c1', 3, { office: '委员' });
    given(rec)
      .when({ type: 'AdoptCandidateList', data: fill(process, meeting()) })
      .thenThrows({ code: 'NOT_AN_ELECTION_CONTEST', rule: 'P-08b', field: 'data.contestId' });
  });

  it('refuses a candidate listed twice', () => {
    const m = meeting();
    const data = fill(process, m);
    given(m)
      .when({ type: 'AdoptCandidateList', data: { ...data, candidates: [...data.candidates, data.candidates[0]] } })
      .thenThrows({ code: 'DUPLICATE_CANDIDATE', field: 'data.candidates.3.candidateId', kind: 'validation' });
  });
});

/**
 * The party group's vote on the prospective candidates (党组票决会), ruleset `party-group`: PG-01 the body's quorum,
 * PG-02 a name passes with "for" from more than half of ALL the body's members entitled to vote (应到会成员), PG-03 a
 * vote per name. Every expected figure below is worked out by hand in the comment beside it, or by the oracle at the
 * end, which counts the keyed marks itself and never calls the rules engine.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Mark } from './commands.js';
import { contestStatus } from './status.js';
import { given } from '../testing/spec.js';
import {
  ballot,
  ids,
  readyMeeting,
  roll,
  scheduledMeeting,
  times,
  type BallotSpec,
  type MemberSpec,
  type ReadyOptions,
} from '../testing/fixtures.js';
import { parseCommand } from './parse-command.js';
import { PRESETS, resolveRuleset } from '../rules/ruleset.js';

const NAMES = ['p1', 'p2', 'p3', 'p4', 'p5'];

/** A body of `voters` members, `present` of them checked in, voting on five names (p1..p5), single entry. */
const body = (o: ReadyOptions = {}) =>
  readyMeeting({ ruleset: 'party-group', voters: 9, present: 7, seats: 5, candidates: NAMES, ...o });

/** One ballot agreeing (同意) with `fors`, disagreeing (不同意) with `against`, abstaining (弃权) on the rest. */
const paper = (fors: string[], against: string[] = []): BallotSpec =>
  ballot(fors, { against, abstain: NAMES.filter((n) => !fors.includes(n) && !against.includes(n)) });

/** The declaration's threshold and who passed, in id order (the engine lists them by votes). */
const resultOf = (events: { type: string; data: unknown }[]) => {
  const d = events.find((e) => e.type === 'ResultDeclared')!.data as { threshold: number; elected: string[] };
  return { ...d, elected: [...d.elected].sort() };
};

describe('party-group ruleset', () => {
  it('PG-01 PG-02 PG-03: the preset pins its own quorum, majority of members, a vote per name and no write-ins', () => {
    const r = PRESETS['party-group'];
    expect(r.quorum).toEqual({ num: 1, den: 2, inclusive: false, rule: 'PG-01' });
    expect(r.win).toEqual({ num: 1, den: 2, inclusive: false, base: 'expectedVoters', rule: 'PG-02' });
    expect(r.perName).toEqual({ rule: 'PG-03' });
    expect(r.writeIns).toBe('none');
    expect(r.vacancy).toBeNull();
  });

  it('PG-01: memberQuorum two-thirds reads 三分之二以上 inclusively; PG-02: passBase present counts those present', () => {
    const r = resolveRuleset('party-group', { memberQuorum: 'two-thirds', passBase: 'present' });
    expect(r.quorum).toEqual({ num: 2, den: 3, inclusive: true, rule: 'PG-01' });
    expect(r.win.base).toBe('presentVoters');
    expect(r.win.rule).toBe('PG-02');
  });

  it('PG-01: the body parameters belong to party-group, and party-group takes no 4/5 reading', () => {
    const schedule = (ruleset: string, parameters: object) => () =>
      parseCommand({
        type: 'ScheduleMeeting',
        data: { title: '票决', organisation: '党组', ruleset, parameters, scheduledFor: '2026-11-24' },
      });
    expect(schedule('cpc-branch', { memberQuorum: 'two-thirds' })).toThrow(/parameters\.memberQuorum/);
    expect(schedule('simple-majority', { passBase: 'present' })).toThrow(/parameters\.passBase/);
    expect(schedule('party-group', { quorumInclusive: true, quorumApprovalRef: 'x' })).toThrow(
      /parameters\.quorumInclusive/,
    );
    expect(schedule('party-group', { memberQuorum: 'three-quarters' })).toThrow(/parameters\.memberQuorum/);
    expect(schedule('party-group', { memberQuorum: 'two-thirds', passBase: 'members' })).not.toThrow();
  });
});

describe('PG-01 quorum of the body', () => {
  const openRound = { type: 'OpenRound', data: { contestId: 'c1' } };

  it('PG-01: 4 of 9 members present is not more than half: no vote (2*4 = 8 is not above 9)', () => {
    // The quorum held when the method was adopted; one member left before the ballots were issued.
    const b = body({ present: 5 }).depart('p5');
    given(b).when(openRound).thenThrows({ code: 'QUORUM_NOT_MET', rule: 'PG-01' });
  });

  it('PG-01: 4 of 9 present cannot even adopt the method of the vote', () => {
    expect(() => body({ present: 4 })).toThrow(/PG-01/);
  });

  it('PG-01: 5 of 9 present is more than half: the vote opens with 9 expected and 5 present', () => {
    given(body({ present: 5 }))
      .when(openRound)
      .then((events) => {
        expect(events[0]).toMatchObject({ type: 'RoundOpened', data: { expected: 9, presentVoters: 5, seats: 5 } });
      });
  });

  it('PG-01: exactly half of 8 present (4) is not more than half', () => {
    const b = body({ voters: 8, present: 5 }).depart('p5');
    given(b).when(openRound).thenThrows({ code: 'QUORUM_NOT_MET', rule: 'PG-01' });
  });

  it('PG-01: under two-thirds, 5 of 9 is short (3*5 = 15 < 18) and 6 of 9 is enough (18 >= 18)', () => {
    const p = { memberQuorum: 'two-thirds' as const };
    given(body({ present: 6, parameters: p }).depart('p6'))
      .when(openRound)
      .thenThrows({ code: 'QUORUM_NOT_MET', rule: 'PG-01' });
    given(body({ present: 6, parameters: p }))
      .when(openRound)
      .then((events) => expect(events[0]!.type).toBe('RoundOpened'));
  });
});

describe('PG-02 a majority of all the members, per name', () => {
  it('PG-02: 9 members, 7 present: 5 agreeing passes, 4 agreeing fails though 4 is more than half of the 7 present', () => {
    const b = body();
    b.openRound();
    // p1: 7 for; p2: 5 for; p3: 5 for; p4: 4 for (a majority of the 7 present, not of the 9); p5: 3 for.
    b.enterBallots('c1', 1, [
      paper(['p1', 'p2', 'p3', 'p4', 'p5']),
      paper(['p1', 'p2', 'p3', 'p4', 'p5']),
      paper(['p1', 'p2', 'p3', 'p4', 'p5']),
      paper(['p1', 'p2', 'p3', 'p4'], ['p5']),
      paper(['p1', 'p2', 'p3'], ['p4', 'p5']),
      paper(['p1'], ['p2', 'p3', 'p4']),
      paper(['p1']),
    ]);
    b.closeRound('c1', 1);
    const declared = b.declare('c1', 1);
    // Smallest count above half of 9: 5.
    expect(resultOf(declared)).toMatchObject({ threshold: 5, elected: ['p1', 'p2', 'p3'] });
    // PG-03: no further round for the two names that failed; the contest is settled.
    expect(declared.map((e) => e.type)).toEqual(['ResultDeclared']);
    expect(contestStatus(b.state.contests.get('c1')!)).toBe('complete');
  });

  it('PG-02: passBase present: the same 4 of 7 present passes (2*4 = 8 > 7), 3 of 7 fails', () => {
    const b = body({ parameters: { passBase: 'present' } });
    b.openRound();
    b.enterBallots('c1', 1, [
      ...times(3, paper(['p1', 'p2', 'p3', 'p4', 'p5'])),
      paper(['p1', 'p2', 'p3', 'p4'], ['p5']),
      ...times(3, paper([], ['p1', 'p2', 'p3', 'p4', 'p5'])),
    ]);
    b.closeRound('c1', 1);
    // Smallest count above half of 7 present: 4.
    expect(resultOf(b.declare('c1', 1))).toMatchObject({ threshold: 4, elected: ['p1', 'p2', 'p3', 'p4'] });
  });

  it('PG-02: exactly half of the members fails: 8 members all present, 4 agreeing does not pass, 5 does', () => {
    const b = body({ voters: 8, present: 8 });
    b.openRound();
    b.enterBallots('c1', 1, [
      ...times(4, paper(['p1', 'p2', 'p3', 'p4', 'p5'])),
      paper(['p1'], ['p2', 'p3', 'p4', 'p5']),
      ...times(3, paper([], ['p1', 'p2', 'p3', 'p4', 'p5'])),
    ]);
    b.closeRound('c1', 1);
    expect(resultOf(b.declare('c1', 1))).toMatchObject({ threshold: 5, elected: ['p1'] });
  });

  it('PG-02: abstentions and disagreement count alike against a name; a blank ballot is valid', () => {
    const b = body({ present: 6 });
    b.openRound();
    b.enterBallots('c1', 1, [...times(5, paper(['p1'])), { marks: {}, writeIns: [] }]);
    b.closeRound('c1', 1);
    expect(resultOf(b.declare('c1', 1))).toMatchObject({ threshold: 5, elected: ['p1'] });
    expect(b.round().valid).toBe(6);
  });

  it('PG-02: a declaration naming a name short of the members majority contradicts the rules', () => {
    const b = body();
    b.openRound();
    b.enterBallots('c1', 1, times(4, paper(['p1', 'p2', 'p3', 'p4', 'p5'])));
    b.enterBallots('c1', 1, times(3, paper([], NAMES)));
    b.closeRound('c1', 1);
    given(b)
      .when({ type: 'DeclareResult', data: { contestId: 'c1', round: 1, elected: ['p1'] } })
      .thenThrows({ code: 'DECLARATION_CONTRADICTS_RULES', rule: 'PG-02', field: 'data.elected' });
  });
});

describe('PG-03 a vote per name', () => {
  it('PG-03: a list of the body carries exactly as many names as seats', () => {
    const b = readyMeeting({
      ruleset: 'party-group',
      voters: 9,
      seats: 4,
      candidates: NAMES,
      confirm: false,
      parameters: {},
    });
    given(b)
      .when({ type: 'ConfirmCandidateList', data: { contestId: 'c1' } })
      .thenThrows({ code: 'PER_NAME_COUNT', rule: 'PG-03' });
  });

  it('PG-03: a name that failed leaves no seat to leave vacant', () => {
    const b = body();
    b.openRound();
    b.enterBallots('c1', 1, times(7, paper(['p1'], ['p2', 'p3', 'p4', 'p5'])));
    b.closeRound('c1', 1);
    b.declare('c1', 1);
    given(b)
      .when({ type: 'LeaveSeatsVacant', data: { contestId: 'c1', vote: { for: 7, against: 0, abstain: 0 } } })
      .thenThrows({ code: 'VACANCY_NOT_ALLOWED', rule: 'PG-03' });
  });

  it('PG-03: no write-ins: a name written in is void on its own, the ballot stands', () => {
    const b = body();
    b.openRound();
    b.enterBallots('c1', 1, [ballot(['p1'], { against: ['p2'], writeIns: ['p6'] })]);
    expect(b.round().valid).toBe(1);
    expect(b.round().tally.find((t) => t.candidateId === 'p6')).toBeUndefined();
  });
});

/**
 * The oracle: counts the "for" marks of each name straight from the papers and compares twice that count with the
 * base (members entitled to vote, or those present), as 《党组工作条例》's "超过应到会成员半数同意" reads.
 */
function oracle(papers: Record<string, Mark>[], members: number, present: number, base: 'members' | 'present') {
  const passed: string[] = [];
  for (const name of NAMES) {
    let agree = 0;
    for (const p of papers) if (p[name] === 'for') agree++;
    if (agree + agree > (base === 'members' ? members : present)) passed.push(name);
  }
  return passed;
}

describe('PG-02 PG-03 against an independent oracle', () => {
  it('PG-02: whatever the papers say, the names declared passed are those the oracle counts', () => {
    const markArb = fc.constantFrom<Mark>('for', 'for', 'against', 'abstain', 'unreadable');
    fc.assert(
      fc.property(
        fc.integer({ min: 6, max: 11 }),
        fc.integer({ min: 0, max: 100 }),
        fc.constantFrom<'members' | 'present'>('members', 'present'),
        fc.array(fc.array(markArb, { minLength: 5, maxLength: 5 }), { minLength: 11, maxLength: 11 }),
        (members, presentSeed, base, rows) => {
          // More than half present, at most all (PG-01).
          const least = Math.floor(members / 2) + 1;
          const present = least + (presentSeed % (members - least + 1));
          const papers = rows.slice(0, present).map((row) => Object.fromEntries(NAMES.map((n, i) => [n, row[i]!])));
          const b = body({ voters: members, present, parameters: { passBase: base } });
          b.openRound();
          b.enterBallots(
            'c1',
            1,
            papers.map((marks) => ({ marks, writeIns: [] })),
          );
          b.closeRound('c1', 1);
          const declared = resultOf(b.declare('c1', 1));
          expect([...declared.elected].sort()).toEqual(oracle(papers, members, present, base));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('PG-04 the persons voted on are on the roll but not in the body', () => {
  // The 党组 of 9 (p1..p9) votes on 5 预备人选 from outside it (x1..x5), enrolled as `candidate`. The status of a
  // person voted on is not read: x5 is a probationary member, x4 keyed as suspended, and both may be put to the vote.
  const X = ['x1', 'x2', 'x3', 'x4', 'x5'];
  const persons: MemberSpec[] = [
    { memberId: 'x1', name: '周一', status: 'full', category: 'candidate' },
    { memberId: 'x2', name: '吴二', status: 'full', category: 'candidate' },
    { memberId: 'x3', name: '郑三', status: 'full', category: 'candidate' },
    { memberId: 'x4', name: '冯四', status: 'rights-suspended', category: 'candidate' },
    { memberId: 'x5', name: '陈五', status: 'probationary', category: 'candidate' },
  ];
  /** The body's roll and the five names, `present` members checked in, up to the confirmed list. */
  const enrolled = (present: number, parameters = {}) =>
    scheduledMeeting({ ruleset: 'party-group', parameters })
      .enrol([...roll(9), ...persons])
      .checkIn(...ids(roll(present)));
  const ready = (present = 7, parameters = {}) =>
    enrolled(present, parameters)
      .createContest('c1', 5)
      .nominate('c1', X)
      .publish('c1', X)
      .adoptMethod()
      .appointOfficers(['p9'])
      .confirm('c1');
  const xPaper = (fors: string[], against: string[] = []) =>
    ballot(fors, { against, abstain: X.filter((n) => !fors.includes(n) && !against.includes(n)) });

  it('PG-04: 9 members and 5 persons voted on: 应到 9, 实到 7, no attendee without a vote', () => {
    const v = enrolled(7).view();
    expect(v.attendance).toMatchObject({ expected: 9, presentVoters: 7, attendeesWithoutVote: 0, excluded: 0 });
    expect(v.members!.filter((m) => m.category === 'candidate').map((m) => m.memberId)).toEqual(X);
  });

  it('PG-01 PG-04: 5 of the 9 members present is a quorum (2*5 = 10 > 9), the round opens on 9 expected', () => {
    given(ready(5))
      .when({ type: 'OpenRound', data: { contestId: 'c1' } })
      .then((events) =>
        expect(events[0]).toMatchObject({
          type: 'RoundOpened',
          data: { expected: 9, presentVoters: 5, seats: 5, candidates: expect.arrayContaining(X) as unknown },
        }),
      );
  });

  it('PG-01 PG-04: 4 of the 9 present is no quorum, counted on 9 (2*4 = 8 is not above 9)', () => {
    given(ready(5).depart('p5'))
      .when({ type: 'OpenRound', data: { contestId: 'c1' } })
      .thenThrows({ code: 'QUORUM_NOT_MET', rule: 'PG-01' });
  });

  it('PG-02 PG-04: a name passes with 5 of the 9 members agreeing (2*5 = 10 > 9), 4 fails', () => {
    const b = ready(7);
    b.openRound();
    // x1: 7 for; x2: 5 for; x3: 4 for; x4: 5 for; x5: 5 for.
    b.enterBallots('c1', 1, [
      xPaper(X),
      xPaper(X),
      xPaper(X),
      xPaper(X),
      xPaper(['x1', 'x2', 'x4', 'x5'], ['x3']),
      xPaper(['x1'], ['x2', 'x3']),
      xPaper(['x1']),
    ]);
    b.closeRound('c1', 1);
    // Smallest count above half of 9 members: 5 (were the 5 names counted as members, 14: 8).
    expect(resultOf(b.declare('c1', 1))).toMatchObject({ threshold: 5, elected: ['x1', 'x2', 'x4', 'x5'] });
  });

  it('PG-04: a person voted on is not checked in and gets no member check-in link', () => {
    const b = ready(7);
    given(b)
      .when({ type: 'CheckIn', data: { memberId: 'x1', method: 'desk' } })
      .thenThrows({ code: 'NOT_A_MEMBER_OF_THE_BODY', rule: 'PG-04', field: 'data.memberId' });
    given(b)
      .when({
        type: 'IssueCredential',
        data: { credentialId: 'm-x1', role: 'member', memberId: 'x1', tokenHash: 'a'.repeat(64) },
      })
      .thenThrows({ code: 'NOT_A_MEMBER_OF_THE_BODY', rule: 'PG-04', field: 'data.memberId' });
  });

  it('PG-04: a person voted on is no voter: not excluded from 应到, not a scrutineer', () => {
    const b = enrolled(7);
    given(b)
      .when({
        type: 'ExcludeFromExpected',
        data: {
          memberId: 'x1',
          reason: 'abroad-6m',
          approvalRef: '〔2026〕1号',
          meetingVote: { for: 7, against: 0, abstain: 0 },
        },
      })
      .thenThrows({ code: 'NOT_A_VOTER', rule: 'P-03' });
    given(b.adoptMethod())
      .when({
        type: 'AppointOfficers',
        data: {
          scrutineers: ['x1'],
          tellers: [{ name: '甲' }, { name: '乙' }],
          vote: { for: 7, against: 0, abstain: 0 },
        },
      })
      .thenThrows({ code: 'SCRUTINEER_NOT_VOTER', rule: 'P-16' });
  });

  it('PG-04: only a party group enrols a person voted on', () => {
    for (const ruleset of ['cpc-branch', 'recommendation', 'village-committee'] as const)
      given(scheduledMeeting({ ruleset }))
        .when({
          type: 'EnrolMembers',
          data: { members: [{ memberId: 'x1', name: '周一', status: 'full', category: 'candidate' }] },
        })
        .thenThrows({ code: 'CATEGORY_NOT_IN_RULESET', rule: 'PG-04', field: 'data.members.0.category' });
  });
});

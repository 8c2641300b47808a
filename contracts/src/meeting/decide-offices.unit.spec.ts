/**
 * Issue 22, part C: offices on one paper (V-11a 票数相加), the reserved women's seat (V-12), a new election for seats
 * still empty after the second ballot (V-11b), and the 代写 record (P-19). Expected figures are worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { summedTally } from '../rules/office-votes.js';
import { resolveRuleset } from '../rules/ruleset.js';
import { given } from '../testing/spec.js';
import {
  CHAIR,
  ballot,
  ballotsWithTotals,
  blank,
  ids,
  roll,
  scheduledMeeting,
  times,
  type MemberSpec,
} from '../testing/fixtures.js';
import { addMonths } from './local-date.js';
import { contestStatus } from './status.js';
import { meetingView, viewAssistedWriting, viewWriteInRules } from '../views/meeting-view.js';
import type { NewEvent } from './events.js';

/**
 * 20 registered villagers p1..p20, all present. 主任 (director, 1 seat): p1, p2. 副主任 (deputy, 1 seat): p2, p3.
 * 委员 (member, 2 seats): p3, p4, p5. p20 scrutineer.
 */
function officesOnOnePaper(officeVotes?: 'separate' | 'summed') {
  const b = scheduledMeeting({
    ruleset: 'village-committee',
    parameters: officeVotes ? { officeVotes } : {},
  }).enrol(roll(20));
  b.checkIn(...ids(roll(20)));
  b.createContest('director', 1, { office: 'director' })
    .nominate('director', ['p1', 'p2'])
    .publish('director', ['p1', 'p2']);
  b.createContest('deputy', 1, { office: 'deputy-director' })
    .nominate('deputy', ['p2', 'p3'])
    .publish('deputy', ['p2', 'p3']);
  b.createContest('member', 2, { office: 'committee-member' })
    .nominate('member', ['p3', 'p4', 'p5'])
    .publish('member', ['p3', 'p4', 'p5']);
  b.adoptMethod().appointOfficers(['p20']).confirm('director').confirm('deputy').confirm('member');
  return b;
}
/** One round of each contest counted and closed, none declared: director p1 12 p2 8; deputy p2 4 p3 9; member p3 5 p4 11 p5 7. */
function counted(officeVotes?: 'separate' | 'summed') {
  const b = officesOnOnePaper(officeVotes);
  const papers: [string, Record<string, number>, number][] = [
    ['director', { p1: 12, p2: 8 }, 1],
    ['deputy', { p2: 4, p3: 9 }, 1],
    ['member', { p3: 5, p4: 11, p5: 7 }, 2],
  ];
  for (const [contestId, totals, seats] of papers) {
    const n = b.openRound(contestId);
    b.enterBallots(contestId, n, ballotsWithTotals(totals, 20, seats));
    b.closeRound(contestId, n);
  }
  return b;
}
const declare = (contestId: string, round = 1) => ({ type: 'DeclareResult', data: { contestId, round } });

describe('V-11a 票数相加 (officeVotes summed)', () => {
  it('V-11a: the worked example: 20 returned, bar 11 (2v > 20); 副主任 p2 4 + 8 (主任, not elected) = 12 elected; 委员 p3 5 + 9 (副主任) = 14 and p4 11 elected', () => {
    const b = counted('summed');
    const [director] = b.declare('director');
    expect(director).toMatchObject({ data: { threshold: 11, elected: ['p1'] } });
    expect(director?.type === 'ResultDeclared' && director.data.summedFrom).toBeUndefined();

    const [deputy, ...afterDeputy] = b.declare('deputy');
    expect(afterDeputy).toEqual([]);
    expect(deputy).toMatchObject({
      type: 'ResultDeclared',
      data: {
        threshold: 11,
        elected: ['p2'],
        summedFrom: [{ contestId: 'director', round: 1 }],
      },
    });

    const deputyLines = deputy?.type === 'ResultDeclared' ? deputy.data.tally : [];
    expect(deputyLines.find((t) => t.candidateId === 'p2')).toEqual({
      candidateId: 'p2',
      for: 12,
      against: 0,
      abstain: 0,
      parts: [{ contestId: 'director', round: 1, for: 8 }],
    });
    expect(deputyLines.find((t) => t.candidateId === 'p3')).toEqual({
      candidateId: 'p3',
      for: 9,
      against: 0,
      abstain: 0,
    });

    const [member, ...afterMember] = b.declare('member');
    expect(afterMember).toEqual([]);
    expect(member).toMatchObject({
      type: 'ResultDeclared',
      data: {
        threshold: 11,
        elected: ['p3', 'p4'],
        summedFrom: [
          { contestId: 'director', round: 1 },
          { contestId: 'deputy', round: 1 },
        ],
      },
    });
    const lines = member?.type === 'ResultDeclared' ? member.data.tally : [];
    expect(lines.find((t) => t.candidateId === 'p3')).toEqual({
      candidateId: 'p3',
      for: 14,
      against: 0,
      abstain: 0,
      parts: [{ contestId: 'deputy', round: 1, for: 9 }],
    });
    expect(lines.find((t) => t.candidateId === 'p4')).toEqual({ candidateId: 'p4', for: 11, against: 0, abstain: 0 });
    expect(lines.find((t) => t.candidateId === 'p5')).toEqual({ candidateId: 'p5', for: 7, against: 0, abstain: 0 });
  });

  it('V-11a: counted separately (the default) the same papers elect nobody to 副主任 and only p4 to 委员', () => {
    const b = counted();
    b.declare('director');
    const [deputy, required] = b.declare('deputy');
    expect(deputy).toMatchObject({ data: { elected: [] } });
    expect(deputy?.type === 'ResultDeclared' && deputy.data.summedFrom).toBeUndefined();
    expect(required).toMatchObject({ type: 'RoundRequired', data: { kind: 'supplementary', rule: 'V-08' } });
    const [member] = b.declare('member');
    expect(member).toMatchObject({ data: { elected: ['p4'] } });
  });

  it('V-11a: a lower office is refused before the higher offices are declared, naming them, and nothing is written', () => {
    const b = counted('summed');
    given(b)
      .when(declare('member'))
      .thenThrows({ code: 'HIGHER_OFFICE_NOT_DECLARED', rule: 'V-11a', field: 'data.contestId' });
    expect(() => b.run(declare('member'))).toThrow(/declare the first round of director, deputy before member/);
    b.declare('director');
    given(b).when(declare('member')).thenThrows({ code: 'HIGHER_OFFICE_NOT_DECLARED', rule: 'V-11a' });
    expect(b.state.contests.get('member')!.rounds[0]!.status).toBe('valid');
  });

  it('V-11a: summedTally adds only the rounds in which the person was not elected', () => {
    const own = [{ candidateId: 'a', for: 3, against: 1, abstain: 0 }];
    expect(
      summedTally(
        own,
        ['a', 'b'],
        [
          { contestId: 'x', round: 1, tally: [{ candidateId: 'a', for: 5, against: 0, abstain: 0 }], elected: ['a'] },
          {
            contestId: 'y',
            round: 2,
            tally: [
              { candidateId: 'a', for: 4, against: 0, abstain: 0 },
              { candidateId: 'b', for: 2, against: 0, abstain: 0 },
            ],
            elected: [],
          },
        ],
      ),
    ).toEqual([
      { candidateId: 'a', for: 7, against: 1, abstain: 0, parts: [{ contestId: 'y', round: 2, for: 4 }] },
      { candidateId: 'b', for: 2, against: 0, abstain: 0, parts: [{ contestId: 'y', round: 2, for: 2 }] },
    ]);
  });

  it.each([['cpc-branch'], ['simple-majority'], ['party-group'], ['recommendation']])(
    'V-11: %s refuses officeVotes and reElectionWithinMonths',
    (ruleset) => {
      for (const parameters of [{ officeVotes: 'summed' }, { reElectionWithinMonths: 6 }])
        given([])
          .when({
            type: 'ScheduleMeeting',
            data: { title: 't', organisation: 'o', ruleset, parameters, scheduledFor: '2026-11-24' },
          })
          .thenThrows({ code: 'INVALID_FIELD', field: `data.parameters.${Object.keys(parameters)[0]}` });
    },
  );
});

/** 20 registered p1..p20, 12 present; 主任 (1 seat) p1, p2; p20 scrutineer; the first round leaves the seat empty. */
function directorShort(parameters: { reElectionWithinMonths?: number } = {}) {
  const b = scheduledMeeting({ ruleset: 'village-committee', parameters }).enrol(roll(20));
  b.checkIn(...ids(roll(12)));
  b.createContest('director', 1, { office: 'director' })
    .nominate('director', ['p1', 'p2'])
    .publish('director', ['p1', 'p2']);
  b.adoptMethod().appointOfficers(['p20']).confirm('director');
  // 12 returned (24 > 20, V-06 met); bar 7 (2v > 12): p1 5, p2 4 elect nobody.
  const [, required] = b.vote('director', [...ballotsWithTotals({ p1: 5, p2: 4 }, 9, 1), ...times(3, blank)]);
  expect(required).toMatchObject({ type: 'RoundRequired', data: { kind: 'supplementary', seats: 1, rule: 'V-08' } });
  return b;
}

describe('V-11b: seats still empty after the 另行选举', () => {
  it('V-08 then V-11b: the second ballot (floor 4 of 12, 3v >= 12) with p1 3, p2 2 leaves the seat empty: a new election is due by 2027-05-24', () => {
    const b = directorShort();
    const n = b.openRound('director');
    b.enterBallots('director', n, [...ballotsWithTotals({ p1: 3, p2: 2 }, 5, 1), ...times(7, blank)]);
    b.closeRound('director', n);
    given(b)
      .when(declare('director', n))
      .then(([declared, due, ...rest]) => {
        expect(rest).toEqual([]);
        expect(declared).toMatchObject({ type: 'ResultDeclared', data: { threshold: 4, elected: [] } });
        // DEFAULT_CTX.now 2026-11-24T09:00Z is 17:00 on 2026-11-24 in Asia/Shanghai; plus 6 months.
        expect(due).toEqual({
          type: 'NewElectionDue',
          data: { contestId: 'director', seats: 1, withinMonths: 6, dueBy: '2027-05-24', rule: 'V-11' },
        });
      });
    b.declare('director', n);
    const c = b.state.contests.get('director')!;
    expect(contestStatus(c)).toBe('new-election-due');
    expect(c.pending).toBeNull();
    given(b)
      .when({ type: 'OpenRound', data: { contestId: 'director' } })
      .thenThrows({ code: 'NEW_ELECTION_DUE', rule: 'V-11b' });
    given(b)
      .when({ type: 'LeaveSeatsVacant', data: { contestId: 'director', vote: { for: 12, against: 0, abstain: 0 } } })
      .thenThrows({ code: 'VACANCY_NOT_ALLOWED', rule: 'V-11' });
  });

  it('V-11b: reElectionWithinMonths 3 puts the day at 2027-02-24', () => {
    const b = directorShort({ reElectionWithinMonths: 3 });
    const [, due] = b.vote('director', [...ballotsWithTotals({ p1: 3, p2: 2 }, 5, 1), ...times(7, blank)]);
    expect(due).toMatchObject({ type: 'NewElectionDue', data: { withinMonths: 3, dueBy: '2027-02-24' } });
  });

  it('V-11, P-28: after the first round the shortfall may not be left vacant by consent; the second ballot is due', () => {
    const b = directorShort();
    given(b)
      .when({ type: 'LeaveSeatsVacant', data: { contestId: 'director', vote: { for: 12, against: 0, abstain: 0 } } })
      .thenThrows({ code: 'VACANCY_NOT_ALLOWED', rule: 'V-11' });
  });

  it('P-26: a tie at the cut-off of the second ballot still re-votes (p1 4, p2 4 both meet the floor of 4)', () => {
    const b = directorShort();
    const [, required, ...rest] = b.vote('director', [
      ...ballotsWithTotals({ p1: 4, p2: 4 }, 8, 1),
      ...times(4, blank),
    ]);
    expect(rest).toEqual([]);
    expect(required).toMatchObject({ type: 'RoundRequired', data: { kind: 'tie', seats: 1, rule: 'P-26' } });
    const [declared, ...none] = b.vote('director', [...ballotsWithTotals({ p1: 5, p2: 3 }, 8, 1), ...times(4, blank)]);
    expect(none).toEqual([]);
    expect(declared).toMatchObject({ data: { elected: ['p1'] } });
  });

  it('P-28: a party branch still leaves a seat vacant by consent, and never gets a NewElectionDue', () => {
    expect(resolveRuleset('cpc-branch').newElection).toBeUndefined();
    expect(resolveRuleset('village-committee').newElection).toEqual({ withinMonths: 6, rule: 'V-11' });
    expect(resolveRuleset('village-committee').vacancy).toBeNull();
  });

  it('V-11b: addMonths keeps the day, or the month’s last day', () => {
    expect(addMonths('2026-11-24', 6)).toBe('2027-05-24');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
  });
});

/** 12 registered: p1..p6 women, p7..p12 men; all present; p12 scrutineer. */
const mixedRoll = (): MemberSpec[] => roll(12).map((m, i): MemberSpec => ({ ...m, sex: i < 6 ? 'female' : 'male' }));

function villageWithWomen(reserved = true) {
  const b = scheduledMeeting({ ruleset: 'village-committee' });
  b.run({ type: 'EnrolMembers', data: { members: mixedRoll() } });
  b.checkIn(...ids(roll(12)));
  b.run({
    type: 'CreateContest',
    data: {
      contestId: 'women',
      office: 'committee-member',
      seats: 1,
      electorate: 'meeting',
      ...(reserved ? { reserved: 'women' } : {}),
    },
  });
  return b;
}

describe('V-12: the reserved women’s seat', () => {
  it('V-12: EnrolMembers records a member’s sex', () => {
    const b = villageWithWomen();
    expect(b.state.members.get('p1')!.sex).toBe('female');
    expect(b.state.members.get('p7')!.sex).toBe('male');
    expect(b.state.contests.get('women')!.reserved).toBe('women');
  });

  it('V-12: a man is refused as a candidate for the reserved seat; nothing is written', () => {
    given(villageWithWomen())
      .when({ type: 'Nominate', data: { contestId: 'women', nomineeId: 'p7', route: 'organisation' } })
      .thenThrows({ code: 'RESERVED_FOR_WOMEN', rule: 'V-12', field: 'data.nomineeId' });
  });

  it('V-12: a woman is nominated; an unreserved seat takes a man', () => {
    given(villageWithWomen())
      .when({ type: 'Nominate', data: { contestId: 'women', nomineeId: 'p1', route: 'organisation' } })
      .then([
        {
          type: 'NominationReceived',
          data: { contestId: 'women', nomineeId: 'p1', route: 'organisation', supporters: [] },
        },
      ]);
    given(villageWithWomen(false))
      .when({ type: 'Nominate', data: { contestId: 'women', nomineeId: 'p7', route: 'organisation' } })
      .then(([e]) => expect(e).toMatchObject({ type: 'NominationReceived' }));
  });

  it('V-12: a roll without a recorded sex cannot stand anyone for the reserved seat', () => {
    const b = scheduledMeeting({ ruleset: 'village-committee' }).enrol(roll(5));
    b.run({
      type: 'CreateContest',
      data: { contestId: 'women', office: 'committee-member', seats: 1, electorate: 'meeting', reserved: 'women' },
    });
    given(b)
      .when({ type: 'Nominate', data: { contestId: 'women', nomineeId: 'p1', route: 'organisation' } })
      .thenThrows({ code: 'RESERVED_FOR_WOMEN', rule: 'V-12' });
  });

  it('V-12: a reserved seat is refused outside the village and residents’ rulesets', () => {
    given(scheduledMeeting({ ruleset: 'cpc-branch' }).enrol(roll(5)))
      .when({
        type: 'CreateContest',
        data: { contestId: 'w', office: 'committee-member', seats: 1, electorate: 'meeting', reserved: 'women' },
      })
      .thenThrows({ code: 'RESERVED_SEAT_NOT_IN_RULESET', rule: 'V-12', field: 'data.reserved' });
  });

  it('V-12, P-22: on the reserved seat’s ballot a written-in woman counts, a written-in man does not', () => {
    const b = villageWithWomen();
    b.nominate('women', ['p1', 'p2']).publish('women', ['p1', 'p2']);
    b.adoptMethod().appointOfficers(['p12']).confirm('women');
    const n = b.openRound('women');
    // Write-ins in place of an "against" mark (P-22): against p1, write in p3 (a woman) or p8 (a man).
    b.enterBallots('women', n, [
      ballot([], { against: ['p1'], writeIns: ['p3'] }),
      ballot([], { against: ['p1'], writeIns: ['p8'] }),
    ]);
    const r = b.state.contests.get('women')!.rounds[0]!;
    expect(r.tally.get('p3')?.for).toBe(1);
    expect(r.tally.get('p8')?.for ?? 0).toBe(0);
    // The teller's screen judges them alike, from the view.
    const view = meetingView(b.state, { role: 'teller' });
    const round = view.contests.find((c) => c.contestId === 'women')!.rounds[0]!;
    expect(['p3', 'p8'].map((id) => viewWriteInRules(view, round).mayBeElected(id))).toEqual([true, false]);
  });
});

describe('P-19: the 代写 record', () => {
  const villageWithCandidates = () => {
    const b = villageWithWomen();
    b.nominate('women', ['p1', 'p2']);
    return b;
  };
  const record = (voterId: string, writerId: string) => ({
    type: 'RecordAssistedWriting',
    data: { voterId, writerId },
  });

  it('P-19: who wrote for whom is recorded with no ballot, round, contest or station', () => {
    given(villageWithCandidates())
      .when(record('p9', 'p10'))
      .then([{ type: 'AssistedWritingRecorded', data: { voterId: 'p9', writerId: 'p10' } }]);
  });

  it('P-19: the clerk may record it; the same pair again adds nothing', () => {
    const b = villageWithCandidates();
    b.run(record('p9', 'p10'), { actor: CHAIR });
    expect(b.state.assistedWriting).toEqual([{ voterId: 'p9', writerId: 'p10', revision: expect.any(Number) }]);
    given(b)
      .when(record('p9', 'p10'), { actor: { role: 'clerk', id: 'clerk-1' } })
      .then([]);
  });

  it.each([
    ['a candidate as writer', 'p9', 'p1', 'WRITER_IS_CANDIDATE', 'P-19', 'data.writerId'],
    ['a voter not on the roll', 'x99', 'p10', 'UNKNOWN_MEMBER', undefined, 'data.voterId'],
    ['a writer not on the roll', 'p9', 'x99', 'UNKNOWN_MEMBER', undefined, 'data.writerId'],
    ['the voter as writer', 'p9', 'p9', 'WRITER_IS_VOTER', undefined, 'data.writerId'],
  ])('P-19: refuses %s, writing nothing', (_what, voterId, writerId, code, rule, field) => {
    given(villageWithCandidates())
      .when(record(voterId, writerId))
      .thenThrows({ code, ...(rule ? { rule } : {}), field });
  });

  it('P-19: recorded under a party branch too (BZ2020 §24), for a voter who checked in, even one gone since', () => {
    given(scheduledMeeting({ ruleset: 'cpc-branch' }).enrol(roll(5)).checkIn('p1'))
      .when(record('p1', 'p2'))
      .then([{ type: 'AssistedWritingRecorded', data: { voterId: 'p1', writerId: 'p2' } }]);
    const gone = scheduledMeeting({ ruleset: 'cpc-branch' }).enrol(roll(5)).checkIn('p1');
    gone.run({ type: 'RecordDeparture', data: { memberId: 'p1' } });
    given(gone)
      .when(record('p1', 'p2'))
      .then([{ type: 'AssistedWritingRecorded', data: { voterId: 'p1', writerId: 'p2' } }]);
  });

  it('P-19: the form offers whom the decider takes: at a branch, voters who came; never a candidate as writer', () => {
    const b = scheduledMeeting({ ruleset: 'cpc-branch' })
      .enrol([...roll(5), { memberId: 'q1', name: '陈预备', status: 'probationary' }])
      .checkIn('p1', 'p2', 'p3', 'q1');
    b.run({ type: 'RecordDeparture', data: { memberId: 'p3' } });
    b.createContest('c1', 1).nominate('c1', ['p2']);
    const offered = viewAssistedWriting(meetingView(b.state, { role: 'chair' }));
    // q1, a probationary member present, has no vote (P-01): no 代写 is recorded for them.
    expect(offered.voters).toEqual(['p1', 'p2', 'p3']);
    expect(offered.writers).toEqual(['p1', 'p3', 'p4', 'p5', 'q1']);
    // The village allows written proxies (V-10): every voter on the list may have a ballot written for them.
    expect(viewAssistedWriting(meetingView(villageWithCandidates().state, { role: 'chair' })).voters).toContain('p9');
  });

  it('P-19: a log written before presentForWriting keeps taking a 代写 for any voter, as it was held', () => {
    const b = scheduledMeeting({ ruleset: 'cpc-branch' }).enrol(roll(5)).checkIn('p2');
    const older = b.log().map((e) => ({
      type: e.type,
      data: e.type === 'MeetingScheduled' ? { ...e.data, presentForWriting: undefined } : e.data,
    }));
    given(older as NewEvent[])
      .when(record('p1', 'p2'))
      .then([{ type: 'AssistedWritingRecorded', data: { voterId: 'p1', writerId: 'p2' } }]);
  });

  it('P-19: a party branch refuses a 代写 for a member who never came (no proxy voting), writing nothing', () => {
    given(scheduledMeeting({ ruleset: 'cpc-branch' }).enrol(roll(5)).checkIn('p2'))
      .when(record('p1', 'p2'))
      .thenThrows({ code: 'VOTER_NOT_PRESENT', rule: 'P-19', field: 'data.voterId' });
  });
});

describe('V-12 and P-19 in the meeting view', () => {
  /** The unreserved seat (1) among p1 (a woman) and p7 (a man); 12 present, bar 7 (2v > 12). */
  const elect = (winner: 'p1' | 'p7') => {
    const b = villageWithWomen(false);
    b.nominate('women', ['p1', 'p7']).publish('women', ['p1', 'p7']);
    b.adoptMethod().appointOfficers(['p12']).confirm('women');
    b.run({ type: 'RecordAssistedWriting', data: { voterId: 'p9', writerId: 'p10' } });
    const loser = winner === 'p1' ? 'p7' : 'p1';
    b.vote('women', ballotsWithTotals({ [winner]: 8, [loser]: 4 }, 12, 1));
    return b;
  };

  it('V-12: NO_WOMAN_ELECTED once every election has its final result and only a man was elected', () => {
    const b = elect('p7');
    expect(b.view('chair').flags).toEqual([{ code: 'NO_WOMAN_ELECTED', rule: 'V-12' }]);
    expect(b.view('observer').flags).toEqual([{ code: 'NO_WOMAN_ELECTED', rule: 'V-12' }]);
  });

  it('V-12: no flag when a woman is elected, nor before the results are final', () => {
    expect(elect('p1').view('chair').flags).toEqual([]);
    const b = villageWithWomen(false);
    b.nominate('women', ['p1', 'p7']).publish('women', ['p1', 'p7']);
    expect(b.view('chair').flags).toEqual([]);
  });

  it('P-19: the chair and the supervisor see who wrote for whom; an observer and a member see only how many', () => {
    const b = elect('p1');
    const list = [{ voterId: 'p9', voterName: b.state.members.get('p9')!.name, writerId: 'p10' }];
    expect(b.view('chair').assistedWriting).toMatchObject(list);
    expect(b.view('supervisor').assistedWriting).toMatchObject(list);
    for (const role of ['observer', 'member', 'teller', 'kiosk'] as const) {
      const v = b.view(role);
      expect(v.assistedWritingCount).toBe(1);
      expect(v.assistedWriting).toBeUndefined();
    }
  });
});

/**
 * What a 换届 cites of a 公推大会 (ruleset `recommendation`) and of a 党组票决会 (ruleset `party-group`). Every
 * expected figure is counted by hand from the papers written out below, never by the rules engine.
 */
import { describe, expect, it } from 'vitest';
import type { Mark } from '../meeting/commands.js';
import type { ParticipantCategory } from '../rules/ruleset.js';
import { TELLER_1, ballot, chineseName, readyMeeting, roll, scheduledMeeting, times } from '../testing/fixtures.js';
import { meetingResultFigures } from './cite.js';

const byId = <T extends { nomineeId: string }>(xs: T[]) =>
  [...xs].sort((a, b) => a.nomineeId.localeCompare(b.nomineeId));

describe('meetingResultFigures of a recommendation meeting', () => {
  /**
   * 8 participants, all present: m1..m5 party members, a1 a2 masses' representatives, d1 an invited deputy.
   * Contest `rec` (推荐票, 2 seats, so N = 2) lists m1 m2 m3; contest `trust` (信任票) lists m1 m2.
   */
  function meeting() {
    const b = scheduledMeeting({ ruleset: 'recommendation' });
    b.enrol([
      ...roll(5, { prefix: 'm' }),
      { memberId: 'a1', name: chineseName(20), status: 'full', category: 'masses' },
      { memberId: 'a2', name: chineseName(21), status: 'full', category: 'masses' },
      { memberId: 'd1', name: chineseName(22), status: 'full', category: 'deputy' },
    ]);
    b.checkIn('m1', 'm2', 'm3', 'm4', 'm5', 'a1', 'a2', 'd1');
    b.adoptMethod().appointOfficers(['a2']);
    for (const [contestId, kind, list] of [
      ['rec', 'recommendation', ['m1', 'm2', 'm3']],
      ['trust', 'trust', ['m1', 'm2']],
    ] as const) {
      b.run({ type: 'CreateContest', data: { contestId, office: '支部委员', seats: 2, ballot: kind } });
      b.nominate(contestId, list).publish(contestId, list, { noticeDays: 0 }).confirm(contestId);
    }
    const count = (contestId: string, papers: [ParticipantCategory, Record<string, Mark>, string[]?][]) => {
      const round = b.openRound(contestId);
      papers.forEach(([paper, marks, writeIns], i) =>
        b.run(
          {
            type: 'RecordBallot',
            data: { contestId, round, ballotNo: i + 1, marks, writeIns: writeIns ?? [], paper },
          },
          { actor: TELLER_1 },
        ),
      );
      b.closeRound(contestId);
      b.declare(contestId);
    };
    count('rec', [
      ['member', { m1: 'for', m2: 'for' }],
      ['member', { m1: 'for', m3: 'for' }],
      ['member', { m1: 'for', m2: 'for' }],
      ['member', { m2: 'for' }, ['m4']],
      ['member', { m1: 'for' }],
      ['masses', { m1: 'for', m2: 'for' }],
      ['masses', { m3: 'for' }],
      // Three names where N = 2: spoilt, counts for nobody (P-09a).
      ['deputy', { m1: 'for', m2: 'for', m3: 'for' }],
    ]);
    count('trust', [
      ['member', { m1: 'for', m2: 'abstain' }],
      ['member', { m1: 'for', m2: 'against' }],
      ['masses', { m1: 'abstain', m2: 'for' }],
      ['deputy', { m1: 'for', m2: 'for' }],
    ]);
    return b;
  }

  it('P-09: carries the votes by paper, the threshold met, and the trust ratings by paper', () => {
    // 8 recommendation papers cast (5 members', 2 masses', 1 deputy's), every paper counted: base 8; strictly more
    // than half of 8 needs 5. m1: members' papers 1 2 3 5 and masses' 6 = 5, passes; m2: 1 3 4 and 6 = 4, fails;
    // m3: 2 and 7 = 2; m4, written in on paper 4: 1. The deputy's paper names three and counts for nobody.
    // Trust (信任 = for, 基本信任 = abstain, 不信任 = against): m1 信任 on papers 1 2 (members') and 4 (deputy's),
    // 基本信任 on 3 (masses'); m2 信任 on 3 and 4, 基本信任 on 1, 不信任 on 2.
    const zero = { member: 0, masses: 0, deputy: 0, all: 0 };
    const paperFigures = (prefix: string, c: typeof zero) =>
      Object.fromEntries(Object.entries(c).map(([k, v]) => [`${prefix}.${k}`, v]));
    expect(byId(meetingResultFigures(meeting().state, 'every'))).toEqual([
      {
        nomineeId: 'm1',
        passed: true,
        figures: {
          ...paperFigures('recommended', { member: 4, masses: 1, deputy: 0, all: 5 }),
          counted: 5,
          base: 8,
          required: 5,
          ...paperFigures('trust', { member: 2, masses: 0, deputy: 1, all: 3 }),
          ...paperFigures('basicTrust', { member: 0, masses: 1, deputy: 0, all: 1 }),
          ...paperFigures('distrust', zero),
        },
      },
      {
        nomineeId: 'm2',
        passed: false,
        figures: {
          ...paperFigures('recommended', { member: 3, masses: 1, deputy: 0, all: 4 }),
          counted: 4,
          base: 8,
          required: 5,
          ...paperFigures('trust', { member: 0, masses: 1, deputy: 1, all: 2 }),
          ...paperFigures('basicTrust', { member: 1, masses: 0, deputy: 0, all: 1 }),
          ...paperFigures('distrust', { member: 1, masses: 0, deputy: 0, all: 1 }),
        },
      },
      {
        nomineeId: 'm3',
        passed: false,
        figures: {
          ...paperFigures('recommended', { member: 1, masses: 1, deputy: 0, all: 2 }),
          counted: 2,
          base: 8,
          required: 5,
        },
      },
      {
        nomineeId: 'm4',
        passed: false,
        figures: {
          ...paperFigures('recommended', { member: 1, masses: 0, deputy: 0, all: 1 }),
          counted: 1,
          base: 8,
          required: 5,
          writeIn: 1,
        },
      },
    ]);
  });
});

describe('meetingResultFigures of a party-group vote', () => {
  it('PG-02 PG-03: carries each name’s 同意 / 不同意 / 弃权 and whether the body passed it', () => {
    // 9 members entitled to vote, 7 present; a name passes with 同意 from more than half of 9, so 5.
    const names = ['p1', 'p2', 'p3', 'p4', 'p5'];
    const b = readyMeeting({ ruleset: 'party-group', voters: 9, present: 7, seats: 5, candidates: names });
    b.vote('c1', [
      // 5 papers: 同意 p1 p2 p3, 不同意 p4, 弃权 p5.
      ...times(5, ballot(['p1', 'p2', 'p3'], { against: ['p4'], abstain: ['p5'] })),
      // 2 papers: 同意 p1 p4, 不同意 p2, 弃权 p3 p5.
      ...times(2, ballot(['p1', 'p4'], { against: ['p2'], abstain: ['p3', 'p5'] })),
    ]);
    const round = { valid: 7, ballotsReturned: 7, presentVoters: 7 };
    expect(byId(meetingResultFigures(b.state, 'every'))).toEqual([
      { nomineeId: 'p1', passed: true, figures: { for: 7, against: 0, abstain: 0, ...round } },
      { nomineeId: 'p2', passed: true, figures: { for: 5, against: 2, abstain: 0, ...round } },
      { nomineeId: 'p3', passed: true, figures: { for: 5, against: 0, abstain: 2, ...round } },
      { nomineeId: 'p4', passed: false, figures: { for: 2, against: 5, abstain: 0, ...round } },
      { nomineeId: 'p5', passed: false, figures: { for: 0, against: 0, abstain: 7, ...round } },
    ]);
  });
});

/**
 * The recommendation meeting (公推大会, ruleset `recommendation`): its roll of participants (P-06a), its quorum
 * (P-06), recommendation and trust ballots with their paper's category (P-09a–d) and the per-category result with
 * the P-09 threshold. The per-category counts are checked against an oracle written here, not against the fold.
 */
import { describe, expect, it } from 'vitest';
import type { ParticipantCategory, RulesetParameters } from '../rules/ruleset.js';
import { recommendationResult, type PaperCounts } from '../rules/recommendation.js';
import { given } from '../testing/spec.js';
import {
  MeetingBuilder,
  TELLER_1,
  TELLER_2,
  chineseName,
  ids,
  roll,
  scheduledMeeting,
  vote,
  type MemberSpec,
} from '../testing/fixtures.js';
import type { Mark } from './commands.js';
import { expectedOf } from './state.js';
import { contestStatus } from './status.js';

/** 30 participants: m1..m16 full members, q1 probationary, s1 suspended, a1..a10 masses, d1..d3 deputies. */
function participants(): MemberSpec[] {
  const n = (i: number) => chineseName(i);
  return [
    ...roll(16, { prefix: 'm' }),
    { memberId: 'q1', name: n(40), status: 'probationary' },
    { memberId: 's1', name: n(41), status: 'rights-suspended' },
    ...Array.from({ length: 10 }, (_, i) => ({
      memberId: `a${i + 1}`,
      name: n(50 + i),
      status: 'full' as const,
      category: 'masses' as const,
    })),
    ...Array.from({ length: 3 }, (_, i) => ({
      memberId: `d${i + 1}`,
      name: n(70 + i),
      status: 'full' as const,
      category: 'deputy' as const,
    })),
  ];
}
const PRELIMINARY = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'];

/** Everyone but s1 present (30 of 30 expected), method and officers adopted, contests `rec` (N = 3) and `trust`. */
function ready(o: { parameters?: RulesetParameters; present?: string[] } = {}): MeetingBuilder {
  const all = participants();
  const b = scheduledMeeting({ ruleset: 'recommendation', parameters: { recommendationMaxNames: 3, ...o.parameters } });
  b.enrol(all);
  b.checkIn(...(o.present ?? ids(all).filter((id) => id !== 's1')));
  b.adoptMethod().appointOfficers(['a10']);
  for (const [contestId, kind] of [
    ['rec', 'recommendation'],
    ['trust', 'trust'],
  ] as const) {
    b.run({ type: 'CreateContest', data: { contestId, office: '支部委员', seats: 5, ballot: kind } });
    b.nominate(contestId, PRELIMINARY).publish(contestId, PRELIMINARY, { noticeDays: 0 }).confirm(contestId);
  }
  return b;
}

interface Paper {
  paper: ParticipantCategory;
  marks: Record<string, Mark>;
  writeIns?: string[];
}
const rec = (paper: ParticipantCategory, names: string[], writeIns: string[] = []): Paper => ({
  paper,
  marks: Object.fromEntries(names.map((id) => [id, 'for' as const])),
  writeIns,
});
const recordBallot = (contestId: string, ballotNo: number, p: Paper) => ({
  type: 'RecordBallot',
  data: { contestId, round: 1, ballotNo, marks: p.marks, writeIns: p.writeIns ?? [], paper: p.paper },
});
function key(b: MeetingBuilder, contestId: string, papers: readonly Paper[], tellers = [TELLER_1]) {
  papers.forEach((p, i) => {
    for (const actor of tellers) b.run(recordBallot(contestId, i + 1, p), { actor });
  });
}
function counted(b: MeetingBuilder, contestId: string, papers: readonly Paper[]) {
  b.openRound(contestId);
  key(b, contestId, papers);
  b.closeRound(contestId);
  return b.declare(contestId);
}

// ---------------------------------------------------------------- the oracle

const ELIGIBLE = new Set([...ids(roll(16, { prefix: 'm' }))]);
/**
 * The count as a teller's tally sheet keeps it, written independently of the contracts: a paper naming more than N
 * persons (listed names plus the eligible, distinct, unlisted members written in) is spoilt; others add one vote
 * per name to its paper's column and to the total.
 */
function oracle(papers: readonly Paper[], n: number, listed: readonly string[]) {
  const votes = new Map<string, Record<string, number>>();
  const ballots: Record<string, number> = { member: 0, masses: 0, deputy: 0, all: 0 };
  const invalid: Record<string, number> = { member: 0, masses: 0, deputy: 0, all: 0 };
  for (const p of papers) {
    ballots[p.paper]!++;
    ballots.all!++;
    const named = Object.keys(p.marks).filter((id) => p.marks[id] === 'for');
    const written: string[] = [];
    for (const w of p.writeIns ?? [])
      if (ELIGIBLE.has(w) && !listed.includes(w) && !written.includes(w)) written.push(w);
    if (named.length + written.length > n) {
      invalid[p.paper]!++;
      invalid.all!++;
      continue;
    }
    for (const id of [...named, ...written]) {
      const v = votes.get(id) ?? { member: 0, masses: 0, deputy: 0, all: 0 };
      v[p.paper]!++;
      v.all!++;
      votes.set(id, v);
    }
  }
  return { votes, ballots, invalid };
}

/** A deterministic stream of pseudo-random numbers (no library: the oracle must not share code with the subject). */
function lcg(seed: number) {
  let x = seed >>> 0;
  return (k: number) => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x % k;
  };
}

describe('P-06a: the roll of a recommendation meeting', () => {
  it('P-06a: members (full and probationary), masses and deputies are expected; a suspended member is not', () => {
    const b = ready();
    expect(expectedOf(b.state)).toBe(30);
    expect(b.state.presentVoters).toBe(30);
    expect(b.state.members.get('a1')?.category).toBe('masses');
    expect(b.state.members.get('m1')?.category).toBeUndefined();
  });

  it('P-06a: under cpc-branch a masses representative attends without a vote (列席)', () => {
    const b = scheduledMeeting().enrol(participants());
    b.checkIn('m1', 'a1', 'd1');
    expect(expectedOf(b.state)).toBe(16);
    expect(b.state.presentVoters).toBe(1);
    expect(b.state.attendeesWithoutVote).toBe(2);
  });

  it('P-06a: enrolling a party member with category "member" records no category', () => {
    given(scheduledMeeting({ ruleset: 'recommendation' }))
      .when({
        type: 'EnrolMembers',
        data: { members: [{ memberId: 'x1', name: '王五', status: 'full', category: 'member' }] },
      })
      .then([{ type: 'MemberEnrolled', data: { memberId: 'x1', name: '王五', status: 'full' } }]);
  });
});

describe('P-06: the quorum of a recommendation meeting', () => {
  const enrolled = () => scheduledMeeting({ ruleset: 'recommendation' }).enrol(participants());
  it('P-06: exactly half of the expected present is no quorum (超过…一半, strict)', () => {
    const b = enrolled();
    // 30 expected; 15 present (the strict half needs 16).
    b.checkIn('m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'q1', 'a1', 'a2', 'a3', 'a4', 'a5', 'd1', 'd2');
    given(b)
      .when({ type: 'AdoptElectionMethod', data: { vote: vote(15) } })
      .thenThrows({ code: 'QUORUM_NOT_MET', rule: 'P-06' });
  });
  it('P-06: one more than half is a quorum', () => {
    const b = enrolled();
    b.checkIn('m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'q1', 'a1', 'a2', 'a3', 'a4', 'a5', 'd1', 'd2');
    given(b)
      .when({ type: 'AdoptElectionMethod', data: { vote: vote(16) } })
      .then([{ type: 'ElectionMethodAdopted', data: { vote: vote(16) } }]);
  });
  it('P-06: the quorum is a parameter (2/3, inclusive)', () => {
    const b = scheduledMeeting({
      ruleset: 'recommendation',
      parameters: { recommendationQuorum: { num: 2, den: 3, inclusive: true } },
    }).enrol(participants());
    b.checkIn(...ids(participants()).slice(0, 20)); // 19 of 30 expected present (s1, 18th on the roll, is not expected)
    given(b)
      .when({ type: 'AdoptElectionMethod', data: { vote: vote(19) } })
      .thenThrows({ code: 'QUORUM_NOT_MET', rule: 'P-06' });
  });
});

describe('P-09: parameters and contests of the recommendation meeting', () => {
  it('P-09: a recommendation parameter is refused under another ruleset', () => {
    given([])
      .when({
        type: 'ScheduleMeeting',
        data: { title: 't', organisation: 'o', scheduledFor: '2026-11-24', parameters: { recommendationMaxNames: 3 } },
      })
      .thenThrows({ code: 'PARAMETER_NOT_IN_RULESET', rule: 'P-09', field: 'data.parameters.recommendationMaxNames' });
  });

  it('P-09c: a recommendation meeting holds no election', () => {
    given(ready())
      .when({ type: 'CreateContest', data: { contestId: 'x', office: '支部委员', seats: 5, ballot: 'election' } })
      .thenThrows({ code: 'BALLOT_KIND_NOT_IN_RULESET', rule: 'P-09c', field: 'data.ballot' });
  });

  it('P-09c: an electing meeting holds no recommendation ballot', () => {
    given(scheduledMeeting())
      .when({ type: 'CreateContest', data: { contestId: 'x', office: '支部委员', seats: 5, ballot: 'recommendation' } })
      .thenThrows({ code: 'BALLOT_KIND_NOT_IN_RULESET', rule: 'P-09c', field: 'data.ballot' });
  });

  it('P-09c: a contest of a recommendation meeting is a recommendation ballot unless it says trust', () => {
    given(ready())
      .when({ type: 'CreateContest', data: { contestId: 'x', office: '支部委员', seats: 5 } })
      .then([
        {
          type: 'ContestCreated',
          data: {
            contestId: 'x',
            office: '支部委员',
            seats: 5,
            mode: 'competitive',
            electorate: 'meeting',
            ballot: 'recommendation',
          },
        },
      ]);
  });

  it('P-09a: the round carries the cap N of the ruleset; a trust round every listed name', () => {
    const b = ready();
    b.openRound('rec');
    b.openRound('trust');
    expect(b.round('rec', 1).seats).toBe(3);
    expect(b.round('trust', 1).seats).toBe(6);
  });
});

describe('P-09c, P-09d: what a recommendation or trust paper carries', () => {
  const opened = () => {
    const b = ready();
    b.openRound('rec');
    b.openRound('trust');
    return b;
  };
  it('P-09d: a recommendation ballot without its paper category is refused', () => {
    given(opened())
      .when(
        { type: 'RecordBallot', data: { contestId: 'rec', round: 1, ballotNo: 1, marks: { m1: 'for' } } },
        {
          actor: TELLER_1,
        },
      )
      .thenThrows({ code: 'PAPER_REQUIRED', rule: 'P-09d', field: 'data.paper' });
  });
  it('P-09d: the paper category is recorded with the ballot, and no voter', () => {
    given(opened())
      .when(recordBallot('rec', 1, rec('masses', ['m1'])), { actor: TELLER_1 })
      .then([
        {
          type: 'BallotRecorded',
          data: {
            contestId: 'rec',
            round: 1,
            ballotNo: 1,
            marks: { m1: 'for' },
            writeIns: [],
            paper: 'masses',
            teller: 'teller-1',
          },
        },
      ]);
  });
  it('P-09c: a recommendation ballot has no "against"', () => {
    given(opened())
      .when(recordBallot('rec', 1, { paper: 'member', marks: { m1: 'against' } }), { actor: TELLER_1 })
      .thenThrows({ code: 'MARK_NOT_ON_PAPER', rule: 'P-09c', field: 'data.marks.m1' });
  });
  it('P-09c: a trust ballot has no write-in', () => {
    given(opened())
      .when(recordBallot('trust', 1, { paper: 'member', marks: { m1: 'for' }, writeIns: ['m9'] }), { actor: TELLER_1 })
      .thenThrows({ code: 'WRITE_IN_NOT_ON_PAPER', rule: 'P-09c', field: 'data.writeIns' });
  });
  it('P-09d: an election ballot carries no paper category', () => {
    const b = scheduledMeeting().enrol(roll(6));
    b.checkIn(...ids(roll(6)));
    b.adoptMethod().appointOfficers(['p6']).createContest('c1', 1).nominate('c1', ['p1', 'p2']);
    b.publish('c1', ['p1', 'p2']).confirm('c1');
    b.openRound('c1');
    given(b)
      .when(
        {
          type: 'RecordBallot',
          data: { contestId: 'c1', round: 1, ballotNo: 1, marks: { p1: 'for' }, paper: 'member' },
        },
        {
          actor: TELLER_1,
        },
      )
      .thenThrows({ code: 'PAPER_NOT_ON_BALLOT', field: 'data.paper' });
  });
  it('P-09d: under double entry two tellers who read different paper colours leave the ballot unsettled (P-23)', () => {
    const b = ready({ parameters: { doubleEntry: true } });
    b.openRound('rec');
    b.run(recordBallot('rec', 1, rec('member', ['m1'])), { actor: TELLER_1 });
    b.run(recordBallot('rec', 1, rec('masses', ['m1'])), { actor: TELLER_2 });
    given(b)
      .when({ type: 'CloseRound', data: { contestId: 'rec', round: 1, ballotsReturned: 1 } })
      .thenThrows({ code: 'BALLOTS_UNRESOLVED', rule: 'P-23' });
  });
});

describe('P-09a, P-09c: over-votes, blanks and write-ins', () => {
  const figures = (papers: Paper[]) => {
    const b = ready();
    b.openRound('rec');
    key(b, 'rec', papers);
    return recommendationResult(b.state, 'rec')!;
  };
  const line = (f: ReturnType<typeof figures>, id: string) => f.lines.find((l) => l.candidateId === id);

  it('P-09a: a ballot naming N (3) is valid; N + 1 is invalid and counts for nobody', () => {
    const f = figures([rec('member', ['m1', 'm2', 'm3']), rec('member', ['m1', 'm2', 'm3', 'm4'])]);
    expect(f.valid.member).toBe(1);
    expect(f.invalid.member).toBe(1);
    expect(line(f, 'm1')?.votes.member).toBe(1);
    expect(line(f, 'm4')?.votes.all).toBe(0);
  });
  it('P-09a: a blank recommendation ballot is valid', () => {
    const f = figures([rec('deputy', [])]);
    expect(f.valid).toEqual({ member: 0, masses: 0, deputy: 1, all: 1 });
  });
  it('P-09c: an eligible member written in counts toward N and gets the vote', () => {
    const f = figures([rec('masses', ['m1', 'm2'], ['m9']), rec('masses', ['m1', 'm2', 'm3'], ['m9'])]);
    expect(line(f, 'm9')).toMatchObject({ writeIn: true, votes: { masses: 1, all: 1 } });
    expect(f.invalid.masses).toBe(1);
  });
  it('P-09c: a write-in of a non-member, a probationary member or a listed name is void alone', () => {
    const f = figures([rec('member', ['m1'], ['a1', 'q1', 'm2', 'm10'])]);
    expect(f.valid.member).toBe(1);
    expect(line(f, 'a1')).toBeUndefined();
    expect(line(f, 'q1')).toBeUndefined();
    expect(line(f, 'm2')?.votes.all).toBe(0);
    expect(line(f, 'm10')?.votes.all).toBe(1);
  });
});

describe('P-09: the result per category and the threshold', () => {
  /** 10 ballots: 6 member papers, 3 masses, 1 deputy. */
  const papers = (): Paper[] => [
    ...Array.from({ length: 6 }, (_, i) => rec('member', i < 5 ? ['m1', 'm2'] : ['m1'])),
    rec('masses', ['m1', 'm2']),
    rec('masses', ['m3']),
    rec('masses', ['m3']),
    rec('deputy', ['m3']),
  ];
  it('P-09: strictly more than half of the ballots cast passes; exactly half does not', () => {
    const events = counted(ready(), 'rec', papers());
    expect(events).toHaveLength(1);
    const d = events[0]!.type === 'ResultDeclared' ? events[0]!.data : null;
    expect(d?.elected).toEqual([]);
    const f = d!.recommendation!;
    expect(f.base).toBe(10);
    expect(f.required).toBe(6);
    expect(d!.threshold).toBe(6);
    const byId = Object.fromEntries(f.lines.map((l) => [l.candidateId, l]));
    expect(byId.m1).toMatchObject({ votes: { member: 6, masses: 1, deputy: 0, all: 7 }, passed: true });
    expect(byId.m2).toMatchObject({ votes: { member: 5, masses: 1, deputy: 0, all: 6 }, passed: true });
    expect(byId.m3).toMatchObject({ votes: { member: 0, masses: 2, deputy: 1, all: 3 }, passed: false });
    expect(f.rule).toBe('P-09');
  });
  it('P-09: five votes of ten fail strictly and pass under the inclusive reading (S4-2)', () => {
    const five = [...papers().slice(0, 5), ...Array.from({ length: 5 }, () => rec('masses', ['m4']))];
    const strict = counted(ready(), 'rec', five)[0]!;
    const inclusive = counted(ready({ parameters: { recommendationPassInclusive: true } }), 'rec', five)[0]!;
    const m4 = (e: typeof strict) =>
      e.type === 'ResultDeclared' ? e.data.recommendation!.lines.find((l) => l.candidateId === 'm4') : undefined;
    expect(m4(strict)).toMatchObject({ counted: 5, passed: false });
    expect(m4(inclusive)).toMatchObject({ counted: 5, passed: true });
  });
  it("P-09b: with only members' papers counted, the base and the votes are the members'", () => {
    const e = counted(ready({ parameters: { recommendationCountedPapers: ['member'] } }), 'rec', papers())[0]!;
    const f = e.type === 'ResultDeclared' ? e.data.recommendation! : null;
    expect(f?.base).toBe(6);
    expect(f?.required).toBe(4);
    expect(f?.lines.find((l) => l.candidateId === 'm3')).toMatchObject({ counted: 0, passed: false });
    expect(f?.lines.find((l) => l.candidateId === 'm2')).toMatchObject({ counted: 5, passed: true });
  });
  it('P-09: a declaration naming anyone elected is refused; the contest is complete once declared', () => {
    const b = ready();
    b.openRound('rec');
    key(b, 'rec', papers());
    b.closeRound('rec');
    given(b)
      .when({ type: 'DeclareResult', data: { contestId: 'rec', round: 1, elected: ['m1'] } })
      .thenThrows({ code: 'DECLARATION_CONTRADICTS_RULES', rule: 'P-09', field: 'data.elected' });
    b.declare('rec');
    expect(contestStatus(b.state.contests.get('rec')!)).toBe('complete');
    given(b)
      .when({ type: 'OpenRound', data: { contestId: 'rec' } })
      .thenThrows({ code: 'CONTEST_COMPLETE' });
  });
  it('P-09: trust ratings are kept per category (信任 / 基本信任 / 不信任), with no threshold', () => {
    const t = (paper: ParticipantCategory, m1: Mark, m2: Mark): Paper => ({ paper, marks: { m1, m2 } });
    const e = counted(ready(), 'trust', [
      t('member', 'for', 'against'),
      t('member', 'for', 'abstain'),
      t('masses', 'abstain', 'for'),
      t('deputy', 'against', 'for'),
    ])[0]!;
    const f = e.type === 'ResultDeclared' ? e.data.recommendation! : null;
    expect(f?.required).toBeNull();
    expect(f?.lines.find((l) => l.candidateId === 'm1')).toMatchObject({
      votes: { member: 2, masses: 0, deputy: 0, all: 2 },
      basic: { member: 0, masses: 1, deputy: 0, all: 1 },
      distrust: { member: 0, masses: 0, deputy: 1, all: 1 },
      passed: null,
    });
    expect(f?.lines.find((l) => l.candidateId === 'm2')?.distrust).toEqual({ member: 1, masses: 0, deputy: 0, all: 1 });
  });
});

describe('P-09: the per-category count against an independent oracle', () => {
  it.each([1, 2, 3, 4, 5])('P-09: 60 random papers, seed %i, agree with the tally sheet', (seed) => {
    const rnd = lcg(seed * 7919);
    const cats: ParticipantCategory[] = ['member', 'member', 'masses', 'deputy'];
    const pool = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'];
    const writeInPool = ['m9', 'm10', 'a1', 'q1', 'm1', 'm9'];
    const papers: Paper[] = Array.from({ length: 60 }, () => {
      const names = pool.filter(() => rnd(3) === 0);
      const writeIns = rnd(4) === 0 ? [writeInPool[rnd(writeInPool.length)]!] : [];
      return rec(cats[rnd(cats.length)]!, names, writeIns);
    });
    const b = ready();
    b.openRound('rec');
    key(b, 'rec', papers);
    const f = recommendationResult(b.state, 'rec')!;
    const o = oracle(papers, 3, PRELIMINARY);
    expect(f.ballots).toEqual(o.ballots);
    expect(f.invalid).toEqual(o.invalid);
    for (const l of f.lines) {
      const want: PaperCounts = (o.votes.get(l.candidateId) as PaperCounts | undefined) ?? {
        member: 0,
        masses: 0,
        deputy: 0,
        all: 0,
      };
      expect(l.votes, l.candidateId).toEqual(want);
      // P-09: strictly more than half of all ballots cast (2 * votes > ballots), by the oracle's own arithmetic.
      expect(l.passed, l.candidateId).toBe(2 * want.all > o.ballots.all!);
    }
    // Every name the oracle counted is on the result.
    for (const id of o.votes.keys()) expect(f.lines.some((l) => l.candidateId === id)).toBe(true);
    // And the fold's own tally (what DeclareResult records as `tally`) agrees on the totals.
    const fold = b.state.contests.get('rec')!.rounds[0]!.tally;
    for (const l of f.lines) expect(fold.get(l.candidateId)?.for ?? 0).toBe(l.votes.all);
  });
});

/**
 * Random elections driven command by command through the real decider
 * (parseCommand + decide + evolve, via the contracts' test fixtures), held
 * against the independent counting in ./counting.ts, and the chained log each
 * one leaves replayed by the contracts verifier.
 *
 * At every round: the quorum the decider enforces when a round opens, the
 * 应到/实到 snapshot it takes, whether it closes the round valid or void, and
 * at the declaration every figure (valid/invalid ballots, tally, threshold,
 * elected) and the next round it requires (tie re-vote, supplementary, none).
 * A ballot the oracle says stands must be accepted as keyed.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Mark, MemberStatus, NewEvent } from '@tallyroom/contracts';
import { DomainError, replayLog } from '@tallyroom/contracts';
import { MeetingBuilder, TELLER_1, TELLER_2 } from '../../contracts/src/testing/fixtures.js';
import {
  countRound,
  expectedVoters,
  judge,
  oracleRules,
  presentVoters,
  quorumMet,
  type Attendance,
  type OracleRules,
  type OracleRulesetName,
  type PaperBallot,
  type RollMember,
  type RoundVerdict,
} from './counting.js';

type Gen = fc.GeneratorValue;

const MAX_ROUNDS = 7;

/** Branches every run of a property must have reached, counted over all its cases. */
export type Reached = Map<string, number>;
const hit = (reached: Reached, what: string) => reached.set(what, (reached.get(what) ?? 0) + 1);

export interface Options {
  rulesets: readonly OracleRulesetName[];
  /** Write-ins of every kind (candidates, members without the right to be elected, duplicates, surplus, later rounds); otherwise only ones that can count. */
  anyWriteIns: boolean;
}

interface Member extends RollMember {
  name: string;
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾'];
const nameOf = (i: number) =>
  `${SURNAMES[i % SURNAMES.length]}${'甲乙丙丁戊己庚辛'[Math.floor(i / SURNAMES.length) % 8]}`;

// The builder itself (not a fresh closure) goes to g, so fast-check can replay and shrink the run.
const pick = <T>(g: Gen, xs: readonly T[]): T => g(fc.constantFrom as (...v: T[]) => fc.Arbitrary<T>, ...xs);
const int = (g: Gen, min: number, max: number) => g(fc.integer, { min, max });

/** The smallest attendance that meets the quorum, by the document's arithmetic (for aiming at the edge). */
function quorumEdge(rules: OracleRules, expected: number): number {
  for (let p = 0; p <= expected; p++) if (quorumMet(rules, expected, p)) return p;
  return expected;
}

/**
 * `count` ballots for the candidates: a popularity per candidate (often equal
 * to another's, or at half the ballots, so ties and exact halves are common),
 * dealt over the ballots, then noise on every cell (against, abstain,
 * unreadable, a stray "for" that makes over-votes), blank ballots and
 * write-ins.
 */
function genBallots(
  g: Gen,
  o: {
    candidates: readonly string[];
    seats: number;
    count: number;
    writeInPool: readonly string[];
    duplicates: boolean;
    tieBias: boolean;
  },
): PaperBallot[] {
  const { candidates, count } = o;
  const half = Math.floor(count / 2);
  const totals: number[] = [];
  // Everyone on one level (just over half of the ballots, say) is the surest way to a tie at the cut-off.
  const level = int(g, 0, 3) === 0 ? Math.min(count, pick(g, [half, half + 1, half + 1, int(g, 0, count)])) : null;
  for (let i = 0; i < candidates.length; i++) {
    if (level !== null) {
      totals.push(level);
      continue;
    }
    // In a tie re-vote, equal totals again are what makes the repeat (P-26) reachable.
    const t = o.tieBias
      ? pick(g, ['same', 'same', 'same', 'zero', 'any'] as const)
      : pick(g, ['zero', 'half', 'half+1', 'all', 'same', 'same', 'any'] as const);
    totals.push(
      Math.min(
        count,
        {
          zero: 0,
          half,
          'half+1': half + 1,
          all: count,
          same: totals[i - 1] ?? half,
          any: int(g, 0, count),
        }[t],
      ),
    );
  }
  const ballots: { marks: Record<string, Mark>; writeIns: string[] }[] = Array.from({ length: count }, () => ({
    marks: {},
    writeIns: [],
  }));
  let offset = int(g, 0, Math.max(0, count - 1));
  candidates.forEach((c, i) => {
    for (let k = 0; k < totals[i]!; k++) ballots[(offset + k) % count]!.marks[c] = 'for';
    offset = (offset + totals[i]!) % Math.max(1, count);
  });
  const noisy = !o.tieBias && level === null && g(fc.boolean);
  for (const b of ballots) {
    if (noisy) {
      for (const c of candidates) {
        if (b.marks[c]) continue;
        const m = pick(g, [null, null, null, 'against', 'against', 'abstain', 'unreadable', 'for'] as const);
        if (m) b.marks[c] = m;
      }
    }
    if (o.writeInPool.length > 0 && int(g, 0, 5) === 0) {
      const n = int(g, 1, 3);
      for (let k = 0; k < n; k++) {
        const who = pick(g, o.writeInPool);
        if (o.duplicates || !b.writeIns.includes(who)) b.writeIns.push(who);
      }
      // A write-in stands in place of an "against": give some of them one.
      if (g(fc.boolean) && candidates.length > 0) b.marks[pick(g, candidates)] = 'against';
    }
    if (int(g, 0, 12) === 0) {
      b.marks = {};
      b.writeIns = [];
    }
  }
  return ballots;
}

const sortIds = (ids: readonly string[]) => [...ids].sort();

/** The decider's tally as the oracle states it: listed candidates, plus written-in persons who received a vote. */
function normalTally(
  tally: readonly { candidateId: string; for: number; against: number; abstain: number }[],
  candidates: readonly string[],
) {
  return tally
    .filter((t) => candidates.includes(t.candidateId) || t.for + t.against + t.abstain > 0)
    .map((t) => ({ candidateId: t.candidateId, for: t.for, against: t.against, abstain: t.abstain }))
    .sort((a, b) => a.candidateId.localeCompare(b.candidateId));
}

/** One random election, start to finish; throws (with the trace) at the first disagreement. */
export function runElection(g: Gen, opts: Options, reached: Reached): void {
  const trace: string[] = [];
  const say = (s: string) => trace.push(s);
  const fail = (what: string): never => {
    throw new Error(`${what}\n--- election ---\n${trace.join('\n')}`);
  };
  const agree = <T>(actual: T, expected: T, what: string) => {
    try {
      expect(actual).toEqual(expected);
    } catch {
      fail(`${what}: decider ${JSON.stringify(actual)}, oracle ${JSON.stringify(expected)}`);
    }
  };

  // ---- the meeting and its roll
  const ruleset = pick(g, opts.rulesets);
  const quorumInclusive = ruleset === 'cpc-branch' && int(g, 0, 3) === 0;
  const doubleEntry = int(g, 0, 3) === 0;
  const rules = oracleRules(ruleset, { quorumInclusive });
  const seats = int(g, 1, 3);
  // P-12 needs 5*(c-n) >= n (one extra for up to 5 seats); V-05 one more than seats; G-02 none.
  const candidateCount = seats + int(g, ruleset === 'simple-majority' ? 0 : 1, 2);
  const nExcluded = pick(g, [0, 0, 1, 2]);
  const expectedTarget = g(fc.boolean) ? pick(g, [5, 10, 15, 20]) : int(g, 3, 22);
  // Candidates p1.., one voter more as scrutineer, the excluded last.
  const nFull = Math.max(expectedTarget + nExcluded, candidateCount + 1 + nExcluded);
  const members: Member[] = [];
  for (let i = 1; i <= nFull; i++) members.push({ memberId: `p${i}`, name: nameOf(i), status: 'full' });
  const nProb = pick(g, [0, 1, 2]);
  const nSusp = pick(g, [0, 1, 2]);
  for (let i = 1; i <= nProb; i++)
    members.push({ memberId: `q${i}`, name: nameOf(40 + i), status: 'probationary' as MemberStatus });
  for (let i = 1; i <= nSusp; i++)
    members.push({ memberId: `s${i}`, name: nameOf(50 + i), status: 'rights-suspended' as MemberStatus });
  const candidates = members.slice(0, candidateCount).map((m) => m.memberId);
  const excludedIds = members.slice(nFull - nExcluded, nFull).map((m) => m.memberId);
  const voters = members.filter((m) => m.status === 'full' && !excludedIds.includes(m.memberId)).map((m) => m.memberId);
  const scrutineer = voters[voters.length - 1]!;
  const attendeesWithoutVote = members.filter((m) => m.status !== 'full').map((m) => m.memberId);

  const att: { roll: Member[]; excluded: Set<string>; present: Set<string> } = {
    roll: members,
    excluded: new Set(),
    present: new Set(),
  };
  const attendance = (): Attendance => att;
  say(
    `${ruleset}${quorumInclusive ? ' (inclusive quorum)' : ''}${doubleEntry ? ' double entry' : ''}: ${nFull} full (${nExcluded} to exclude), ${nProb} probationary, ${nSusp} suspended; ${seats} seats, candidates ${candidates.join(' ')}`,
  );

  const b = new MeetingBuilder();
  b.schedule({
    ruleset,
    parameters: {
      doubleEntry,
      ...(quorumInclusive ? { quorumInclusive: true, quorumApprovalRef: '上级党委〔2026〕7号' } : {}),
    },
  });
  b.enrol(members.map((m) => ({ memberId: m.memberId, name: m.name, status: m.status })));
  const checkIn = (id: string) => {
    b.checkIn(id);
    att.present.add(id);
  };
  const depart = (id: string) => {
    b.depart(id);
    att.present.delete(id);
  };
  for (const id of voters) checkIn(id);
  for (const id of attendeesWithoutVote) if (g(fc.boolean)) checkIn(id);
  for (const id of excludedIds) {
    b.exclude(id);
    att.excluded.add(id);
  }
  const expected = expectedVoters(attendance());
  if (expected % 5 === 0) hit(reached, 'expected a multiple of 5');
  if (nProb + nSusp > 0) hit(reached, 'probationary or suspended on the roll');
  if (nExcluded > 0) hit(reached, 'exclusions');
  say(`应到 ${expected}`);
  b.adoptMethod().appointOfficers([scrutineer]);
  b.createContest('c1', seats).nominate('c1', candidates).publish('c1', candidates).confirm('c1');

  // Write-ins: full members who may count, and (when asked) everyone else too.
  const eligiblePool = voters.filter((id) => !candidates.includes(id)).slice(0, 3);
  const writeInPool =
    rules.writeIns || opts.anyWriteIns
      ? opts.anyWriteIns
        ? [...eligiblePool, ...excludedIds, ...candidates.slice(0, 2), ...attendeesWithoutVote]
        : eligiblePool
      : [];

  // ---- rounds
  let kind: 'first' | 'tie' | 'supplementary' = 'first';
  let roundSeats = seats;
  let roundCandidates = candidates;
  let elected: string[] = [];
  let hadSecondBallot = false;
  for (let n = 1; n <= MAX_ROUNDS; n++) {
    // Attendance when the ballots are issued: at the quorum edge, one below it, everyone, or anything.
    const edge = quorumEdge(rules, expected);
    const target = Math.max(
      0,
      Math.min(
        voters.length,
        {
          edge,
          below: edge - 1,
          all: voters.length,
          any: int(g, 0, voters.length),
        }[pick(g, ['edge', 'edge', 'below', 'all', 'any'] as const)],
      ),
    );
    voters.forEach((id, i) => {
      if (i < target && !att.present.has(id)) checkIn(id);
      if (i >= target && att.present.has(id)) depart(id);
    });
    const present = presentVoters(attendance());
    const q = quorumMet(rules, expected, present);
    say(
      `round ${n} (${kind}, ${roundSeats} seats among ${roundCandidates.join(' ')}): 实到 ${present}, quorum ${q === null ? 'n/a' : q ? 'met' : 'not met'}`,
    );
    let opened: NewEvent[] = [];
    try {
      opened = b.run({ type: 'OpenRound', data: { contestId: 'c1' } });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (q !== false)
        fail(
          `OpenRound refused (${err.code}, ${err.rule}) though the oracle finds the quorum ${q === null ? 'not applicable' : 'met'}: ${err.message}`,
        );
      agree(err.code, 'QUORUM_NOT_MET', 'refusal below quorum');
      hit(reached, 'round refused below quorum');
      for (const id of voters) if (!att.present.has(id)) checkIn(id);
      say(`  refused below quorum; everyone checks in (实到 ${presentVoters(attendance())})`);
      opened = b.run({ type: 'OpenRound', data: { contestId: 'c1' } });
    }
    if (q === false && opened.length > 0 && presentVoters(attendance()) === present)
      fail(`OpenRound accepted with 实到 ${present} of 应到 ${expected}, below the quorum`);
    if (q === true && present === edge && edge > 0) hit(reached, 'opened exactly at the quorum edge');
    const o = opened[0];
    if (o?.type !== 'RoundOpened') return fail('OpenRound produced no RoundOpened');
    const snapshot = presentVoters(attendance());
    agree(
      {
        kind: o.data.kind,
        seats: o.data.seats,
        candidates: sortIds(o.data.candidates),
        presentVoters: o.data.presentVoters,
        expected: o.data.expected,
        ballotsIssued: o.data.ballotsIssued,
      },
      {
        kind,
        seats: roundSeats,
        candidates: sortIds(roundCandidates),
        presentVoters: snapshot,
        expected,
        ballotsIssued: snapshot,
      },
      `round ${n} as opened`,
    );
    const issued = o.data.ballotsIssued;

    // Ballots returned: as issued, fewer, one too many, or around half of 应到 (V-06).
    const returned = Math.max(
      0,
      {
        issued,
        fewer: int(g, 0, issued),
        over: issued + int(g, 1, 2),
        none: 0,
        halfExpected: Math.floor(expected / 2) + int(g, 0, 1),
      }[pick(g, ['issued', 'issued', 'issued', 'fewer', 'over', 'none', 'halfExpected'] as const)],
    );
    const keyed = returned > issued ? int(g, 0, issued) : returned;
    const ballots = genBallots(g, {
      candidates: roundCandidates,
      seats: roundSeats,
      count: keyed,
      writeInPool: kind === 'first' || opts.anyWriteIns ? writeInPool : [],
      duplicates: opts.anyWriteIns,
      tieBias: kind === 'tie' || int(g, 0, 2) === 0,
    });
    say(`  issued ${issued}, returned ${returned}, keyed ${keyed}:`);
    const verdict: RoundVerdict = countRound(rules, members, {
      kind,
      seats: roundSeats,
      candidates: roundCandidates,
      presentVoters: snapshot,
      expected,
      ballotsIssued: issued,
      ballotsReturned: returned,
      ballots,
    });
    // What this round exercises, by the oracle's verdict, so the counts do not depend on the code under test.
    if (verdict.status === 'void') hit(reached, `void round (${verdict.rule})`);
    else {
      if (kind !== 'first' && rules.turnoutRule && 2 * returned <= expected)
        hit(reached, `${kind} round valid below V-06 turnout`);
      if (verdict.invalid > 0) hit(reached, 'over-voted ballot');
      if (ballots.some((x) => Object.keys(x.marks).length === 0 && x.writeIns.length === 0))
        hit(reached, 'blank ballot');
      if (ballots.some((x) => Object.values(x.marks).includes('unreadable'))) hit(reached, 'unreadable mark');
      if (verdict.tally.some((t) => !roundCandidates.includes(t.candidateId))) hit(reached, 'write-in counted');
      if (
        ballots.some(
          (x) => judge(rules, { kind, seats: roundSeats, candidates: roundCandidates }, members, x).voidWriteIns > 0,
        )
      )
        hit(reached, 'write-in void on its own');
      if (kind === 'tie') {
        hit(reached, 'tie re-vote');
        if (verdict.tally.some((t) => t.for === 0)) hit(reached, 'tie re-vote with a 0-vote candidate');
        if (verdict.next?.kind === 'tie') hit(reached, 'tie re-vote tied again');
      }
      if (kind === 'supplementary') {
        hit(reached, 'supplementary round');
        if (returned === 0) hit(reached, 'supplementary round without ballots');
      }
      if (verdict.next?.kind === 'tie') hit(reached, 'tie at the cut-off');
      if (verdict.next?.kind === 'supplementary') hit(reached, 'shortfall');
      if (verdict.next === null) hit(reached, 'contest filled');
    }
    for (const [i, bal] of ballots.entries()) {
      say(
        `    #${i + 1} ${JSON.stringify(bal.marks)}${bal.writeIns.length ? ` write-ins ${bal.writeIns.join(',')}` : ''}`,
      );
      for (const actor of doubleEntry ? [TELLER_1, TELLER_2] : [TELLER_1]) {
        try {
          b.run(
            {
              type: 'RecordBallot',
              data: { contestId: 'c1', round: n, ballotNo: i + 1, marks: bal.marks, writeIns: bal.writeIns },
            },
            { actor },
          );
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          fail(
            `ballot #${i + 1} refused (${err.code}, ${err.rule ?? ''}, ${err.field ?? ''}) though the paper exists and the oracle lets the ballot stand: ${err.message}`,
          );
        }
      }
    }

    let closed: NewEvent[];
    try {
      closed = b.run({ type: 'CloseRound', data: { contestId: 'c1', round: n, ballotsReturned: returned } });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return fail(`CloseRound refused (${err.code}, ${err.rule}): ${err.message}; oracle: ${verdict.status}`);
    }
    const c = closed[0];
    if (c?.type !== 'RoundClosed') return fail('CloseRound produced no RoundClosed');
    agree<{ status: string; rule?: string | undefined }>(
      { status: c.data.status, rule: c.data.rule },
      verdict.status === 'void' ? { status: 'void', rule: verdict.rule } : { status: 'valid', rule: undefined },
      `round ${n} closed`,
    );
    if (verdict.status === 'void') {
      say(`  void (${verdict.rule}); re-run`);
      continue;
    }

    const declared = b.run({ type: 'DeclareResult', data: { contestId: 'c1', round: n } });
    const result = declared.find((e) => e.type === 'ResultDeclared');
    const required = declared.find((e) => e.type === 'RoundRequired');
    if (result?.type !== 'ResultDeclared') return fail('DeclareResult produced no ResultDeclared');
    say(
      `  oracle: valid ${verdict.valid} invalid ${verdict.invalid}, threshold ${verdict.threshold}, tally ${verdict.tally.map((t) => `${t.candidateId}:${t.for}/${t.against}/${t.abstain}`).join(' ')}; elected [${verdict.elected.join(' ')}], next ${verdict.next ? `${verdict.next.kind} ${verdict.next.seats} among ${verdict.next.candidates.join(' ')}` : 'none'}`,
    );
    agree(
      { valid: result.data.valid, invalid: result.data.invalid },
      { valid: verdict.valid, invalid: verdict.invalid },
      `round ${n} valid/invalid ballots`,
    );
    agree(
      normalTally(result.data.tally, roundCandidates),
      normalTally(verdict.tally, roundCandidates),
      `round ${n} tally`,
    );
    agree(sortIds(result.data.elected), sortIds(verdict.elected), `round ${n} elected`);
    // V-11 ("经两次投票，当选名额仍不足应选名额时，应当在半年内再行选举"): under the village rules a shortfall left
    // after a second ballot (另行选举) is not put to a third: a new election is due instead.
    if (kind === 'supplementary') hadSecondBallot = true;
    const newElection = rules.name === 'village-committee' && verdict.next?.kind === 'supplementary' && hadSecondBallot;
    const due = declared.find((e) => e.type === 'NewElectionDue');
    agree(
      required?.type === 'RoundRequired'
        ? { kind: required.data.kind, seats: required.data.seats, candidates: sortIds(required.data.candidates) }
        : null,
      verdict.next && !newElection ? { ...verdict.next, candidates: sortIds(verdict.next.candidates) } : null,
      `round ${n} next round`,
    );
    agree(
      due?.type === 'NewElectionDue' ? due.data.seats : null,
      newElection ? verdict.next!.seats : null,
      `round ${n} new election due (V-11)`,
    );
    agree(result.data.threshold, verdict.threshold, `round ${n} threshold`);

    elected = [...elected, ...verdict.elected];
    if (newElection) {
      hit(reached, 'new election due after the second ballot');
      break;
    }
    if (!verdict.next) break;
    ({ kind, seats: roundSeats, candidates: roundCandidates } = verdict.next);
  }
  say(`elected in all: ${elected.join(' ')}`);

  // The verifier replays the chained log the decider wrote and must find nothing wrong with it.
  const replay = replayLog(b.log());
  if (!replay.ok) fail(`the verifier rejects the decider's log: ${JSON.stringify(replay.firstBadEvent)}`);
}

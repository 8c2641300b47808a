/**
 * Properties over random ballots, checked against an independent recount of
 * the raw ballots (P-22, P-23) and the winning rules (P-24..P-27).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Mark } from './commands.js';
import type { NewEvent, TallyLine } from './events.js';
import { fold } from './evolve.js';
import { meetingView } from '../views/meeting-view.js';
import {
  ballotsWithTotals,
  ids,
  readyMeeting,
  roll,
  scheduledMeeting,
  type BallotSpec,
  type MeetingBuilder,
} from '../testing/fixtures.js';

const VOTERS = 12;
/**
 * Write-ins as tellers read them out: full members who are not candidates (candidates are p1..p6 at most; p12 is
 * the scrutineer), p1 who is always a candidate, and q1, a probationary member without the right to be elected.
 */
const WRITE_IN_POOL = ['p9', 'p10', 'p11', 'p1', 'q1'];
const NOT_ELIGIBLE = new Set(['q1']);

const bases = new Map<string, MeetingBuilder>();
/** 12 present voters, single entry, `candidates` candidates p1.. for `seats` seats; built once per shape, forked per run. */
function base(seats: number, candidates: number): MeetingBuilder {
  const key = `${seats}/${candidates}`;
  let b = bases.get(key);
  if (!b) {
    b = readyMeeting({ voters: VOTERS, seats, candidates, probationary: 1, parameters: { doubleEntry: false } });
    bases.set(key, b);
  }
  return b.fork();
}

/** Marks on the cells a ballot does not already vote "for": mostly blank, against or abstain; a stray "for" now and then makes over-votes. */
const noiseArb: fc.Arbitrary<Mark | null> = fc.oneof(
  { arbitrary: fc.constant(null), weight: 12 },
  { arbitrary: fc.constant('against' as const), weight: 8 },
  { arbitrary: fc.constant('abstain' as const), weight: 4 },
  { arbitrary: fc.constant('unreadable' as const), weight: 1 },
  { arbitrary: fc.constant('for' as const), weight: 1 },
);

/**
 * Up to VOTERS ballots for `candidates`. Random popularity per candidate (its
 * "for" marks are dealt cyclically over the ballots, as a real electorate
 * concentrates its votes) plus random noise per cell, so rounds elect, tie and
 * fall short often enough to matter.
 */
function ballotsArb(candidates: readonly string[], writeIns: boolean): fc.Arbitrary<BallotSpec[]> {
  const n = candidates.length;
  const counts = fc.oneof(
    { arbitrary: fc.constant(VOTERS), weight: 2 },
    { arbitrary: fc.integer({ min: 0, max: VOTERS }), weight: 1 },
  );
  // A few popularity levels around the bar (so equal totals, i.e. ties, are common) or anything.
  const total = (count: number) =>
    fc.oneof(
      fc.constantFrom(0, Math.floor(count / 2), Math.floor(count / 2) + 1, count - 2, count).map((t) => Math.max(0, t)),
      fc.integer({ min: 0, max: count }),
    );
  // Independent levels; or everyone equal; or one leader and the rest equal (ties at the cut-off).
  const totals = (count: number) =>
    fc.oneof(
      fc.array(total(count), { minLength: n, maxLength: n }),
      total(count).map((l) => Array.from({ length: n }, () => l)),
      fc.tuple(total(count), total(count)).map(([h, l]) => Array.from({ length: n }, (_, i) => (i === 0 ? h : l))),
    );
  return counts
    .chain((count) =>
      fc.record({
        totals: totals(count),
        noise: fc.array(fc.array(noiseArb, { minLength: n, maxLength: n }), { minLength: count, maxLength: count }),
        // Repeats of one name, too: a teller keys what the paper says.
        writeIns: fc.array(
          writeIns ? fc.array(fc.constantFrom(...WRITE_IN_POOL), { maxLength: 3 }) : fc.constant<string[]>([]),
          { minLength: count, maxLength: count },
        ),
      }),
    )
    .map(({ totals, noise, writeIns: w }) => {
      let offset = 0;
      const dealt = totals.map((t) => {
        const o = offset;
        offset += t;
        return o;
      });
      return noise.map((row, j) => {
        const marks: Record<string, Mark> = {};
        candidates.forEach((id, i) => {
          const count = noise.length;
          const isFor = (((j - dealt[i]!) % count) + count) % count < totals[i]!;
          const mark = isFor ? 'for' : row[i];
          if (mark) marks[id] = mark;
        });
        return { marks, writeIns: w[j]! };
      });
    });
}

/** Counts the raw ballots of a first round by the letter of P-22/P-23, without the domain's code. */
function recount(ballots: readonly BallotSpec[], seats: number, candidates: readonly string[]) {
  const tally = new Map<string, TallyLine>();
  const line = (id: string) =>
    tally.get(id) ?? tally.set(id, { candidateId: id, for: 0, against: 0, abstain: 0 }).get(id)!;
  let valid = 0;
  let invalid = 0;
  for (const b of ballots) {
    const marks = Object.entries(b.marks);
    const fors = marks.filter(([, m]) => m === 'for').length;
    const againsts = marks.filter(([, m]) => m === 'against').length;
    // A write-in of a candidate, of someone who may not be elected, or of someone already written in is void by
    // itself; the rest stand in place of the "against" marks, in the order keyed.
    const writeIns = (b.writeIns ?? [])
      .filter((id, k, all) => !candidates.includes(id) && !NOT_ELIGIBLE.has(id) && all.indexOf(id) === k)
      .slice(0, againsts);
    if (fors + writeIns.length > seats) {
      invalid++;
      continue;
    }
    valid++;
    for (const [id, m] of marks) if (m !== 'unreadable') line(id)[m]++;
    for (const id of writeIns) line(id).for++;
  }
  return { valid, invalid, tally: normalise([...tally.values()]) };
}

const normalise = (lines: readonly TallyLine[]) =>
  lines
    .filter((t) => t.for + t.against + t.abstain > 0)
    .map((t) => ({ ...t }))
    .sort((a, b) => a.candidateId.localeCompare(b.candidateId));

const shape = fc.record({ seats: fc.integer({ min: 1, max: 3 }), extra: fc.integer({ min: 1, max: 3 }) });
const firstRound = shape.chain(({ seats, extra }) => {
  const candidates = ids(roll(seats + extra));
  return fc.record({
    seats: fc.constant(seats),
    candidates: fc.constant(candidates),
    ballots: ballotsArb(candidates, true),
  });
});

describe('properties of the count', () => {
  it("(a) the view's tally equals an independent recount of the raw ballots", () => {
    fc.assert(
      fc.property(firstRound, ({ seats, candidates, ballots }) => {
        const b = base(seats, candidates.length);
        const n = b.openRound();
        b.enterBallots('c1', n, ballots);
        const round = b.round();
        const expected = recount(ballots, seats, candidates);
        expect({ valid: round.valid, invalid: round.invalid, tally: normalise(round.tally) }).toEqual(expected);
        expect(round.writeInTotal).toBe(
          expected.tally.filter((t) => !candidates.includes(t.candidateId)).reduce((s, t) => s + t.for, 0),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('(b, c) nobody is elected with 2*for <= presentVoters outside a tie round, never more than the seats, across every round the rules call for', () => {
    /** Ballots for up to three later rounds, over at most 4 candidates (a re-vote never has more here). */
    const later = fc.array(ballotsArb(['x1', 'x2', 'x3', 'x4', 'x5', 'x6'], false), { minLength: 3, maxLength: 3 });
    const seen = { rounds: 0, first: 0, tie: 0, supplementary: 0, invalid: 0 };
    fc.assert(
      fc.property(firstRound, later, ({ seats, candidates, ballots }, laterRounds) => {
        const b = base(seats, candidates.length);
        let events: NewEvent[] = b.vote('c1', ballots);
        seen.rounds++;
        for (let i = 0; ; i++) {
          const declared = events.find((e) => e.type === 'ResultDeclared');
          if (declared?.type !== 'ResultDeclared') throw new Error('no declaration');
          const r = b.state.contests.get('c1')!.rounds[declared.data.round - 1]!;
          if (declared.data.elected.length > 0) seen[r.kind]++;
          if (declared.data.invalid > 0) seen.invalid++;
          expect(declared.data.elected.length).toBeLessThanOrEqual(r.seats);
          if (r.kind !== 'tie') {
            for (const id of declared.data.elected) {
              const votes = declared.data.tally.find((t) => t.candidateId === id)!.for;
              expect(2 * votes).toBeGreaterThan(declared.data.presentVoters);
            }
          }
          const contest = b.state.contests.get('c1')!;
          expect(contest.elected.length).toBeLessThanOrEqual(seats);
          expect(new Set(contest.elected).size).toBe(contest.elected.length);
          const required = events.find((e) => e.type === 'RoundRequired');
          if (!required || i >= laterRounds.length) break;
          // Next round: random marks over that round's candidates only, no write-ins.
          const next = contest.pending!.candidates;
          expect(required.type === 'RoundRequired' && required.data.seats).toBe(seats - contest.elected.length);
          const rename = new Map(next.map((id, k) => [`x${k + 1}`, id]));
          const nextBallots = laterRounds[i]!.map((x) => ({
            marks: Object.fromEntries(
              Object.entries(x.marks)
                .filter(([k]) => rename.has(k))
                .map(([k, m]) => [rename.get(k)!, m]),
            ),
            writeIns: [],
          }));
          events = b.vote('c1', nextBallots);
        }
      }),
      {
        numRuns: 100,
        // Always run at least one tie at the cut-off (p1..p3 all on 8 for 2 seats), then a decisive re-vote.
        examples: [
          [
            { seats: 2, candidates: ids(roll(3)), ballots: ballotsWithTotals({ p1: 8, p2: 8, p3: 8 }, 12, 2) },
            [ballotsWithTotals({ x1: 9, x2: 2 }, 12, 1), [], []],
          ],
        ],
      },
    );
    // The generator must reach every kind of round, or the property proves little.
    expect(seen.first * seen.tie * seen.supplementary * seen.invalid, JSON.stringify(seen)).toBeGreaterThan(0);
  });

  it('(d) folding the same events twice gives deep-equal views, equal to the incrementally built one', () => {
    fc.assert(
      fc.property(firstRound, ({ seats, candidates, ballots }) => {
        const b = base(seats, candidates.length);
        b.vote('c1', ballots);
        for (const role of ['chair', 'observer', 'scrutineer'] as const) {
          const once = meetingView(fold(b.log()), { role });
          const twice = meetingView(fold(b.log()), { role });
          expect(twice).toEqual(once);
          expect(once).toEqual(b.view(role));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('(e) the order of independent check-ins does not change the attendance view', () => {
    const members = [
      ...roll(10),
      ...roll(3, { prefix: 'q', status: 'probationary', nameOffset: 10 }),
      ...roll(2, { prefix: 's', status: 'rights-suspended', nameOffset: 13 }),
    ];
    const enrolled = scheduledMeeting().enrol(members);
    const orders = fc
      .shuffledSubarray(ids(members))
      .chain((subset) => fc.tuple(fc.constant(subset), fc.shuffledSubarray(subset, { minLength: subset.length })));
    fc.assert(
      fc.property(orders, ([one, other]) => {
        const a = enrolled.fork().checkIn(...one);
        const b = enrolled.fork().checkIn(...other, ...other.slice(0, 2));
        expect(b.view().attendance).toEqual(a.view().attendance);
        expect(b.view().members).toEqual(a.view().members);
        expect(a.view().attendance.presentVoters + a.view().attendance.attendeesWithoutVote).toBe(one.length);
      }),
      { numRuns: 100 },
    );
  });
});

/**
 * Properties over random ballots, checked against an independent recount of
 * the raw ballots (P-22, P-23) and the winning rules (P-24..P-27).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Mark } from './commands.js';
import type { NewEvent, TallyLine } from './events.js';
import { fold } from './state.js';
import { meetingView } from '../views/meeting-view.js';
import { ids, readyMeeting, roll, scheduledMeeting, type BallotSpec, type MeetingBuilder } from '../testing/fixtures.js';

const VOTERS = 12;
/** Full members who are not candidates (candidates are p1..p6 at most; p12 is the scrutineer). */
const WRITE_IN_POOL = ['p9', 'p10', 'p11'];

const bases = new Map<string, MeetingBuilder>();
/** 12 present voters, single entry, `candidates` candidates p1.. for `seats` seats; built once per shape, forked per run. */
function base(seats: number, candidates: number): MeetingBuilder {
  const key = `${seats}/${candidates}`;
  let b = bases.get(key);
  if (!b) {
    b = readyMeeting({ voters: VOTERS, seats, candidates, parameters: { doubleEntry: false } });
    bases.set(key, b);
  }
  return b.fork();
}

const markArb: fc.Arbitrary<Mark | null> = fc.oneof(
  { arbitrary: fc.constant(null), weight: 3 },
  { arbitrary: fc.constant('for' as const), weight: 3 },
  { arbitrary: fc.constant('against' as const), weight: 2 },
  { arbitrary: fc.constant('abstain' as const), weight: 1 },
  { arbitrary: fc.constant('unreadable' as const), weight: 1 },
);

function ballotArb(candidates: readonly string[], writeIns: boolean): fc.Arbitrary<BallotSpec> {
  return fc.record({
    marks: fc.array(markArb, { minLength: candidates.length, maxLength: candidates.length }),
    writeIns: writeIns ? fc.subarray(WRITE_IN_POOL, { maxLength: 2 }) : fc.constant([]),
  }).map(({ marks, writeIns: w }) => {
    const m: Record<string, Mark> = {};
    marks.forEach((mark, i) => { if (mark) m[candidates[i]!] = mark; });
    return { marks: m, writeIns: w };
  });
}

/** Counts the raw ballots by the letter of P-22/P-23, without the domain's code. */
function recount(ballots: readonly BallotSpec[], seats: number) {
  const tally = new Map<string, TallyLine>();
  const line = (id: string) => tally.get(id) ?? tally.set(id, { candidateId: id, for: 0, against: 0, abstain: 0 }).get(id)!;
  let valid = 0;
  let invalid = 0;
  for (const b of ballots) {
    const marks = Object.entries(b.marks);
    const fors = marks.filter(([, m]) => m === 'for').length;
    const againsts = marks.filter(([, m]) => m === 'against').length;
    const writeIns = (b.writeIns ?? []).slice(0, againsts);
    if (fors + writeIns.length > seats) { invalid++; continue; }
    valid++;
    for (const [id, m] of marks) if (m !== 'unreadable') line(id)[m]++;
    for (const id of writeIns) line(id).for++;
  }
  return { valid, invalid, tally: normalise([...tally.values()]) };
}

const normalise = (lines: readonly TallyLine[]) => lines
  .filter((t) => t.for + t.against + t.abstain > 0)
  .map((t) => ({ ...t }))
  .sort((a, b) => a.candidateId.localeCompare(b.candidateId));

const shape = fc.record({ seats: fc.integer({ min: 1, max: 3 }), extra: fc.integer({ min: 1, max: 3 }) });
const firstRound = shape.chain(({ seats, extra }) => {
  const candidates = ids(roll(seats + extra));
  return fc.record({ seats: fc.constant(seats), candidates: fc.constant(candidates), ballots: fc.array(ballotArb(candidates, true), { maxLength: VOTERS }) });
});

describe('properties of the count', () => {
  it('(a) the view\'s tally equals an independent recount of the raw ballots', () => {
    fc.assert(fc.property(firstRound, ({ seats, candidates, ballots }) => {
      const b = base(seats, candidates.length);
      const n = b.openRound();
      b.enterBallots('c1', n, ballots);
      const round = b.round();
      const expected = recount(ballots, seats);
      expect({ valid: round.valid, invalid: round.invalid, tally: normalise(round.tally) }).toEqual(expected);
      expect(round.writeInTotal).toBe(expected.tally.filter((t) => !candidates.includes(t.candidateId)).reduce((s, t) => s + t.for, 0));
    }), { numRuns: 100 });
  });

  it('(b, c) nobody is elected with 2*for <= presentVoters outside a tie round, never more than the seats, across every round the rules call for', () => {
    const later = fc.array(fc.array(fc.array(markArb, { minLength: 6, maxLength: 6 }), { maxLength: VOTERS }), { minLength: 3, maxLength: 3 });
    fc.assert(fc.property(firstRound, later, ({ seats, candidates, ballots }, laterRounds) => {
      const b = base(seats, candidates.length);
      let events: NewEvent[] = b.vote('c1', ballots);
      for (let i = 0; ; i++) {
        const declared = events.find((e) => e.type === 'ResultDeclared');
        if (declared?.type !== 'ResultDeclared') throw new Error('no declaration');
        const r = b.state.contests.get('c1')!.rounds[declared.data.round - 1]!;
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
        const nextBallots = laterRounds[i]!.map((marks) => {
          const m: Record<string, Mark> = {};
          next.forEach((id, k) => { const mark = marks[k]; if (mark) m[id] = mark; });
          return { marks: m, writeIns: [] };
        });
        events = b.vote('c1', nextBallots);
      }
    }), { numRuns: 100 });
  });

  it('(d) folding the same events twice gives deep-equal views, equal to the incrementally built one', () => {
    fc.assert(fc.property(firstRound, ({ seats, candidates, ballots }) => {
      const b = base(seats, candidates.length);
      b.vote('c1', ballots);
      for (const role of ['chair', 'observer', 'scrutineer'] as const) {
        const once = meetingView(fold(b.log()), { role });
        const twice = meetingView(fold(b.log()), { role });
        expect(twice).toEqual(once);
        expect(once).toEqual(b.view(role));
      }
    }), { numRuns: 100 });
  });

  it('(e) the order of independent check-ins does not change the attendance view', () => {
    const members = [...roll(10), ...roll(3, { prefix: 'q', status: 'probationary', nameOffset: 10 }), ...roll(2, { prefix: 's', status: 'rights-suspended', nameOffset: 13 })];
    const enrolled = scheduledMeeting().enrol(members);
    const orders = fc.shuffledSubarray(ids(members)).chain((subset) => fc.tuple(fc.constant(subset), fc.shuffledSubarray(subset, { minLength: subset.length })));
    fc.assert(fc.property(orders, ([one, other]) => {
      const a = enrolled.fork().checkIn(...one);
      const b = enrolled.fork().checkIn(...other, ...other.slice(0, 2));
      expect(b.view().attendance).toEqual(a.view().attendance);
      expect(b.view().members).toEqual(a.view().members);
      expect(a.view().attendance.presentVoters + a.view().attendance.attendeesWithoutVote).toBe(one.length);
    }), { numRuns: 100 });
  });
});

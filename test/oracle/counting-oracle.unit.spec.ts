/**
 * Issue 16, deliverable 5: an independent check of the counting. Random
 * elections (./drive.ts) go command by command through the real decider and
 * are held against ./counting.ts, a second reading of election-rules.md; the
 * chained log each leaves must verify. Each ruleset area is its own property,
 * so a failure names the rules it concerns; fast-check prints the seed and a
 * shrunk run, and the message carries a readable trace of the election.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runElection, type Options, type Reached } from './drive.js';

function property(opts: Options, numRuns: number, seed: number, mustReach: readonly string[]) {
  const reached: Reached = new Map();
  fc.assert(
    fc.property(fc.gen(), (g) => {
      runElection(g, opts, reached);
    }),
    { numRuns, seed, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true },
  );
  if (process.env.ORACLE_COUNTS) console.log(JSON.stringify([...reached]));
  for (const what of mustReach)
    expect(reached.get(what) ?? 0, `"${what}" never reached: ${JSON.stringify([...reached])}`).toBeGreaterThan(0);
}

const COMMON = [
  'expected a multiple of 5',
  'probationary or suspended on the roll',
  'exclusions',
  'void round (P-21)',
  'over-voted ballot',
  'blank ballot',
  'unreadable mark',
  'tie at the cut-off',
  'tie re-vote',
  'tie re-vote tied again',
  'shortfall',
  'supplementary round',
  'contest filled',
];

// Hundreds of generated elections each: seconds alone, more on two busy cores; a count, not a timing, is asserted.
const GENERATED = 120_000;

describe('the counting, held against an independent reading of election-rules.md', () => {
  it(
    'P-05, P-21, P-24..P-27, G-01: cpc-branch and simple-majority elections agree with the oracle and verify',
    () => {
      property({ rulesets: ['cpc-branch', 'simple-majority'], anyWriteIns: false }, 700, 16_05_01, [
        ...COMMON,
        'round refused below quorum',
        'opened exactly at the quorum edge',
        'write-in counted',
        'tie re-vote with a 0-vote candidate',
      ]);
    },
    GENERATED,
  );

  it(
    'V-06..V-08, V-11: village-committee elections agree with the oracle and verify',
    () => {
      property({ rulesets: ['village-committee'], anyWriteIns: false }, 500, 16_05_02, [
        ...COMMON,
        'void round (V-06)',
        'write-in counted',
        'supplementary round without ballots',
        'supplementary round valid below V-06 turnout',
        'tie round valid below V-06 turnout',
        'new election due after the second ballot',
      ]);
    },
    GENERATED,
  );

  it(
    'P-22, P-23: a write-in that cannot count is void on its own and the ballot stands, in every ruleset',
    () => {
      property({ rulesets: ['cpc-branch', 'village-committee', 'simple-majority'], anyWriteIns: true }, 400, 16_05_03, [
        'write-in counted',
        'write-in void on its own',
        'over-voted ballot',
        'tie re-vote',
        'supplementary round',
      ]);
    },
    GENERATED,
  );
});

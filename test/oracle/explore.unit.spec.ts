import fc from 'fast-check';
import { it } from 'vitest';
import { runElection, type Options, type Reached } from './drive.js';

function category(msg: string): string {
  const first = msg.split('\n')[0]!;
  return first
    .replace(/#\d+/g, '#')
    .replace(/round \d+/g, 'round N')
    .replace(/\{.*$/, '')
    .replace(/\d+/g, 'n')
    .slice(0, 110);
}

/**
 * Not a test: ORACLE_EXPLORE=1 npx vitest run test/oracle/explore lists every
 * kind of disagreement between the decider and the oracle, with the shortest
 * election showing each (the properties stop at the first one).
 */
it.skipIf(!process.env.ORACLE_EXPLORE)(
  'lists the disagreements between the decider and the oracle',
  () => {
    const found = new Map<string, { n: number; shortest: string }>();
    const reached: Reached = new Map();
    for (const [name, opts] of [
      ['cpc/sm', { rulesets: ['cpc-branch', 'simple-majority'], anyWriteIns: false }],
      ['village', { rulesets: ['village-committee'], anyWriteIns: false }],
      ['writeins', { rulesets: ['cpc-branch', 'village-committee', 'simple-majority'], anyWriteIns: true }],
    ] as [string, Options][]) {
      fc.assert(
        fc.property(fc.gen(), (g) => {
          try {
            runElection(g, opts, reached);
          } catch (e) {
            const msg = (e as Error).message;
            const k = `${name}: ${category(msg)}`;
            const f = found.get(k);
            if (!f) found.set(k, { n: 1, shortest: msg });
            else {
              f.n++;
              if (msg.length < f.shortest.length) f.shortest = msg;
            }
          }
        }),
        { numRuns: Number(process.env.RUNS ?? 2000), seed: 7 },
      );
    }
    for (const [k, v] of found) console.log(`\n===== ${k} (${v.n})\n${v.shortest}`);
    console.log(JSON.stringify([...reached]));
  },
  600_000,
);

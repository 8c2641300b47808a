/**
 * The 党组票决会 logs of the corpus through the contracts' verifier in-process (the CLI runs the whole corpus in
 * corpus.int.spec.ts): the genuine logs verify, the persons voted on (PG-04) included; each forgery stops at its
 * revision with its rule.
 */
import { replayLog } from '@tallyroom/contracts';
import { describe, expect, it } from 'vitest';
import { buildCorpus } from './corpus.js';

const corpus = buildCorpus();
const partyGroup = corpus.filter((l) =>
  l.events.some((e) => e.type === 'MeetingScheduled' && JSON.stringify(e.data).includes('"party-group"')),
);

describe('the party group vote in the corpus', () => {
  it('PG-04: the genuine log with the persons voted on verifies: 9 expected, 5 names, x1..x3 passed', () => {
    const log = corpus.find((l) => l.name === 'partyGroupCandidates')!;
    const r = replayLog(log.events);
    expect(r.firstBadEvent ?? null).toBeNull();
    expect(r.ok).toBe(true);
    expect(log.events.filter((e) => e.type === 'MemberEnrolled')).toHaveLength(14);
    const opened = log.events.find((e) => e.type === 'RoundOpened')!.data as {
      expected: number;
      presentVoters: number;
    };
    expect(opened).toMatchObject({ expected: 9, presentVoters: 7 });
    const declared = log.events.find((e) => e.type === 'ResultDeclared')!.data as {
      threshold: number;
      elected: string[];
    };
    // More than half of the 9 members: 5; x1 7, x2 6, x3 5 pass, x4 4 and x5 3 fail.
    expect({ threshold: declared.threshold, elected: [...declared.elected].sort() }).toEqual({
      threshold: 5,
      elected: ['x1', 'x2', 'x3'],
    });
  });

  it.each(partyGroup.filter((l) => !l.forged).map((l) => [l.name, l] as const))('genuine (%s) verifies', (_n, log) => {
    expect(replayLog(log.events).ok).toBe(true);
  });

  it.each(partyGroup.filter((l) => l.forged).map((l) => [l.name, l] as const))(
    'forged (%s) stops at its revision with its rule',
    (_name, log) => {
      const r = replayLog(log.events);
      expect(r.ok).toBe(false);
      expect({ revision: r.firstBadEvent?.revision, rule: r.firstBadEvent?.rule }, r.firstBadEvent?.problem).toEqual({
        revision: log.forged!.revision,
        rule: log.forged!.rule,
      });
    },
  );
});

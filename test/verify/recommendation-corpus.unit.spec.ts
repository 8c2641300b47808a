/**
 * The 公推大会 logs of the corpus through the contracts' verifier in-process (the CLI runs the whole corpus in
 * corpus.int.spec.ts): the genuine one verifies and prints the per-category figures; each forgery stops at its
 * revision with P-09.
 */
import { replayLog, summarizeContests } from '@tallyroom/contracts';
import { describe, expect, it } from 'vitest';
import { buildCorpus, recommendationMeeting } from './corpus.js';

const corpus = buildCorpus();

describe('the recommendation meeting in the corpus', () => {
  it('P-09: the genuine 公推大会 log verifies, and its summary carries the figures per category', () => {
    const log = corpus.find((l) => l.name === 'recommendation')!;
    const r = replayLog(log.events);
    expect(r.firstBadEvent ?? null).toBeNull();
    expect(r.ok).toBe(true);
    const rec = summarizeContests(recommendationMeeting().state).find((c) => c.contestId === 'rec')!;
    const f = rec.rounds[0]!.recommendation!;
    // Figures worked out by hand from the ballot pattern in corpus.ts: 56 papers, 34 members', 18 masses', 4 deputies'.
    expect(f.ballots).toEqual({ member: 34, masses: 18, deputy: 4, all: 56 });
    expect(f.invalid).toEqual({ member: 0, masses: 0, deputy: 1, all: 1 });
    expect(f.required).toBe(29);
    const m2 = f.lines.find((l) => l.candidateId === 'm2')!;
    expect(m2).toMatchObject({ votes: { member: 17, masses: 9, deputy: 2, all: 28 }, passed: false });
    expect(f.lines.find((l) => l.candidateId === 'm20')).toMatchObject({ writeIn: true, votes: { masses: 1, all: 1 } });
    expect(rec.rounds[0]!.matches).toBe(true);
  });

  it.each(
    corpus
      .filter(
        (l) =>
          l.forged &&
          l.events.some((e) => e.type === 'MeetingScheduled' && JSON.stringify(e.data).includes('"recommendation"')),
      )
      .map((l) => [l.name, l] as const),
  )('P-09: forged (%s) stops at its revision with its rule', (_name, log) => {
    const r = replayLog(log.events);
    expect(r.ok).toBe(false);
    expect({ revision: r.firstBadEvent?.revision, rule: r.firstBadEvent?.rule }, r.firstBadEvent?.problem).toEqual({
      revision: log.forged!.revision,
      rule: log.forged!.rule,
    });
  });
});

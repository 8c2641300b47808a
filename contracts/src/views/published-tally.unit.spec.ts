import { describe, expect, it } from 'vitest';
import { publishedTally } from './published-tally.js';

const line = (candidateId: string, f: number) => ({ candidateId, for: f, against: 0, abstain: 0 });

describe('the tally a public paper prints (issue 19: written-in names only if elected)', () => {
  const round = {
    candidates: ['a', 'b'],
    tally: [line('a', 9), line('w1', 6), line('b', 4), line('w2', 2), line('w3', 1)],
  };

  it('keeps the candidates, publishes an elected write-in, and adds up the others', () => {
    expect(publishedTally(round, ['a', 'w1'])).toEqual({
      candidates: [line('a', 9), line('b', 4)],
      writeInsElected: [line('w1', 6)],
      otherWriteInsFor: 3,
    });
  });

  it('before a declaration publishes no written-in name at all', () => {
    expect(publishedTally(round, null)).toMatchObject({ writeInsElected: [], otherWriteInsFor: 9 });
  });
});

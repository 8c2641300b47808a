import { describe, expect, it } from 'vitest';
import { commandFingerprint, RecentFingerprints } from './command-fingerprints.js';

describe('command fingerprints', () => {
  it('are the same for the same command whatever the order of its keys, and differ for other data', () => {
    const a = commandFingerprint([{ type: 'CheckIn', data: { memberId: 'm1', method: 'desk' } }]);
    expect(commandFingerprint([{ data: { method: 'desk', memberId: 'm1' }, type: 'CheckIn' }])).toBe(a);
    expect(commandFingerprint([{ type: 'CheckIn', data: { memberId: 'm2', method: 'desk' } }])).not.toBe(a);
    expect(Number.isInteger(a) && a >= 0 && a < 2 ** 31).toBe(true);
  });

  it('remember the most recent commandIds only: an id forgotten is no longer judged by its data', () => {
    const recent = new RecentFingerprints(2);
    recent.note('a', 1);
    recent.note('b', 2);
    expect(recent.differs('a', 9)).toBe(true);
    expect(recent.differs('a', 1)).toBe(false);
    recent.note('c', 3);
    expect(recent.differs('a', 9)).toBe(false);
    expect(recent.differs('b', 9)).toBe(true);
    expect(recent.differs('unknown', 9)).toBe(false);
  });
});

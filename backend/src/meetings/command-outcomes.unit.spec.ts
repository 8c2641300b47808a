import { describe, expect, it } from 'vitest';
import { CommandOutcomes, type CommandOutcome } from './command-outcomes.js';

/** The outcome store as it was: one object per commandId, grown event by event. */
function reference(events: [commandId: string, type: string][]): Map<string, CommandOutcome> {
  const m = new Map<string, CommandOutcome>();
  events.forEach(([id, type], revision) => {
    const o = m.get(id) ?? { revision, events: [] };
    o.revision = revision;
    o.events.push({ type, revision });
    m.set(id, o);
  });
  return m;
}

describe('CommandOutcomes', () => {
  // c1 gets three events at once, c3 comes back later (its events are not consecutive).
  const log: [string, string][] = [
    ['c1', 'MeetingScheduled'],
    ['c1', 'MemberEnrolled'],
    ['c1', 'CredentialIssued'],
    ['c2', 'MemberCheckedIn'],
    ['c3', 'BallotRecorded'],
    ['c4', 'BallotRecorded'],
    ['c3', 'BallotEntryCorrected'],
    ['c3', 'RoundClosed'],
  ];

  it('answers every commandId exactly as the per-command record did, also after a snapshot round trip', () => {
    const o = new CommandOutcomes();
    log.forEach(([id, type], revision) => o.record(id, type, revision));
    const decoded = CommandOutcomes.decode(JSON.parse(JSON.stringify(o.encode())))!;
    for (const [id, want] of reference(log)) {
      expect(o.get(id)).toEqual(want);
      expect(decoded.get(id)).toEqual(want);
    }
    expect(o.get('unknown')).toBeUndefined();
    expect(decoded.size).toBe(4);
    expect(JSON.stringify(decoded.encode())).toBe(JSON.stringify(o.encode()));
  });

  it('writes each command as its first revision, and a count only for a command of more than one event', () => {
    const o = new CommandOutcomes();
    log.forEach(([id, type], revision) => o.record(id, type, revision));
    const { ranges, counts, irregular } = o.encode();
    // c3's events are not consecutive (4, 6, 7): it is kept in full.
    expect(ranges).toEqual(['c1', 0, 'c2', 3, 'c4', 5]);
    expect(counts).toEqual(['c1', 3]);
    expect(irregular.map(([id]) => id)).toEqual(['c3']);
  });

  it('hands out copies: changing an answer does not change the record', () => {
    const o = new CommandOutcomes();
    o.record('c3', 'BallotRecorded', 0);
    o.record('c4', 'BallotRecorded', 1);
    o.record('c3', 'RoundClosed', 2);
    o.get('c3')!.events.push({ type: 'X', revision: 9 });
    expect(o.get('c3')!.events).toHaveLength(2);
  });

  it('refuses a body without its layout', () => {
    expect(CommandOutcomes.decode({} as never)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { ContestView, RoundView } from '@tallyroom/contracts';
import { followedContest, trackChanges, type ChangeTrack } from './follow-contest';

type Status = RoundView['status'];
/** A contest with rounds of the given statuses; only what the choice reads is filled in. */
const contest = (contestId: string, statuses: Status[], entered = 0, status = 'round-open'): ContestView =>
  ({
    contestId,
    status,
    elected: [],
    rounds: statuses.map((s, i) => ({ round: i + 1, status: s, ballotsEntered: entered, elected: [] })),
  }) as unknown as ContestView;

const fresh = (contests: ContestView[]): ChangeTrack => trackChanges(null, contests, 100);
const ids = (c: ContestView | null) => c?.contestId ?? null;

describe('the projector follows the contest in progress', () => {
  it('shows nothing to follow before any round is opened', () => {
    const cs = [contest('committee', []), contest('secretary', [])];
    expect(followedContest(cs, fresh(cs))).toBeNull();
  });

  it('follows an open round even when it comes after the agenda order and another contest changed later', () => {
    const before = [contest('committee', ['declared']), contest('secretary', ['open'], 3)];
    let track = trackChanges(null, before, 10);
    // The committee's result is read out (a change at revision 12), the secretary round is still open.
    const after = [contest('committee', ['declared', 'declared']), contest('secretary', ['open'], 3)];
    track = trackChanges(track, after, 12);
    expect(ids(followedContest(after, track))).toBe('secretary');
  });

  it('keeps the contest whose round just closed on the screen rather than going back up the agenda', () => {
    let cs = [contest('committee', ['open'], 5), contest('secretary', ['declared'])];
    let track = fresh(cs);
    expect(ids(followedContest(cs, track))).toBe('committee');
    cs = [contest('committee', ['valid'], 5), contest('secretary', ['declared'])];
    track = trackChanges(track, cs, 101);
    expect(ids(followedContest(cs, track))).toBe('committee');
    cs = [contest('committee', ['declared'], 5), contest('secretary', ['declared'])];
    track = trackChanges(track, cs, 102);
    expect(ids(followedContest(cs, track))).toBe('committee');
  });

  it('when just opened (no change seen), prefers a round not yet declared, then the later contest', () => {
    const a = [contest('committee', ['valid']), contest('secretary', ['declared'])];
    expect(ids(followedContest(a, fresh(a)))).toBe('committee');
    const b = [contest('committee', ['declared']), contest('secretary', ['declared'])];
    expect(ids(followedContest(b, fresh(b)))).toBe('secretary');
  });

  it('never follows a withdrawn contest, whatever its last round says', () => {
    const cs = [contest('committee', ['declared']), contest('secretary', ['open'], 0, 'withdrawn')];
    expect(ids(followedContest(cs, fresh(cs)))).toBe('committee');
  });

  it('stamps a contest with the revision at which it last changed, and only then', () => {
    const cs = [contest('committee', ['open'], 1)];
    const t1 = trackChanges(null, cs, 7);
    expect(t1.get('committee')?.changedAt).toBe(0);
    const t2 = trackChanges(t1, [contest('committee', ['open'], 2)], 8);
    expect(t2.get('committee')?.changedAt).toBe(8);
    const t3 = trackChanges(t2, [contest('committee', ['open'], 2)], 9);
    expect(t3.get('committee')?.changedAt).toBe(8);
  });
});

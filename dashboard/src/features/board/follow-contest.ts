import type { ContestView } from '@tallyroom/contracts';

/**
 * Which contest the projector shows: the one in progress. The view carries no time per round, so the screen
 * remembers, for each contest, what its rounds looked like and the revision at which that last changed.
 */
export type ChangeTrack = ReadonlyMap<string, { fingerprint: string; changedAt: number }>;

/** What the hall sees change in a contest: a round opened, a ballot entered, a round closed or declared. */
function fingerprint(c: ContestView): string {
  const r = c.rounds[c.rounds.length - 1];
  return JSON.stringify([
    c.status,
    c.rounds.length,
    r?.status,
    r?.ballotsEntered,
    r?.ballotsReturned,
    r?.valid,
    r?.elected,
    c.elected,
  ]);
}

/**
 * The track after a new view. A contest seen for the first time counts as unchanged (revision 0: the screen
 * cannot know when it last changed); after that, any change stamps it with the view's revision.
 */
export function trackChanges(previous: ChangeTrack | null, contests: readonly ContestView[], revision: number) {
  const next = new Map<string, { fingerprint: string; changedAt: number }>();
  for (const c of contests) {
    const fp = fingerprint(c);
    const before = previous?.get(c.contestId);
    next.set(c.contestId, {
      fingerprint: fp,
      changedAt: !before ? 0 : before.fingerprint === fp ? before.changedAt : revision,
    });
  }
  return next as ChangeTrack;
}

/** A contest taken off the agenda (withdrawn) is never "in progress", whatever its last round says. */
const withdrawn = (c: ContestView) => String(c.status) === 'withdrawn';

/**
 * The contest in progress, or null before any round has been opened:
 *  1. a contest whose last round is open (ballots are being counted);
 *  2. otherwise the contest whose round changed most recently (a round just closed or declared stays up);
 *  3. where nothing is known to have changed (the screen was just opened), a contest whose last round is not
 *     yet declared, then the later contest in the order of the agenda.
 */
export function followedContest(contests: readonly ContestView[], track: ChangeTrack): ContestView | null {
  let best: { contest: ContestView; key: number[] } | null = null;
  for (const [index, contest] of contests.entries()) {
    const last = contest.rounds[contest.rounds.length - 1];
    if (!last || withdrawn(contest)) continue;
    const key = [
      last.status === 'open' ? 1 : 0,
      track.get(contest.contestId)?.changedAt ?? 0,
      last.status === 'declared' ? 0 : 1,
      index,
    ];
    if (!best || compare(key, best.key) > 0) best = { contest, key };
  }
  return best?.contest ?? null;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

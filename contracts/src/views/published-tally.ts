/**
 * A round's tally as a public paper prints it (the result report, html and Word): the candidates' lines, the
 * written-in names that were elected, and the votes for every other written-in name as one figure, since a name
 * written in is published only if elected (as the observer's view does, issue 19).
 */
import type { TallyLine } from '../meeting/events.js';

export interface PublishedTally {
  candidates: TallyLine[];
  /** Written-in names that were elected: published with their figures. */
  writeInsElected: TallyLine[];
  /** The votes "for" of every other written-in name, together. */
  otherWriteInsFor: number;
}

export function publishedTally(
  r: { tally: readonly TallyLine[]; candidates: readonly string[] },
  elected: readonly string[] | null,
): PublishedTally {
  const onBallot = new Set(r.candidates);
  const writeIns = r.tally.filter((t) => !onBallot.has(t.candidateId));
  const writeInsElected = writeIns.filter((t) => elected?.includes(t.candidateId) ?? false);
  return {
    candidates: r.tally.filter((t) => onBallot.has(t.candidateId)),
    writeInsElected,
    otherWriteInsFor: writeIns.filter((t) => !writeInsElected.includes(t)).reduce((n, t) => n + t.for, 0),
  };
}

import { createReplayer, Scrubber, type BadEvent, type MeetingEvent, type ReplayResult } from '@tallyroom/contracts';

/**
 * The supervisor's check, in the browser: the contracts' replayer, fed line
 * by line exactly as `tallyroom verify` feeds it (blank lines skipped), so
 * the screen and the CLI give one verdict: the chain, every command decided
 * again by the decider, who acted. The scrubber folds the same events for
 * moving back and forth; it judges nothing.
 */
export interface LoadedLog {
  /** The events that could be read, in order (the scrubber's). */
  events: MeetingEvent[];
  /** Lines that are not an event, 1-based among the file's lines. */
  problems: { line: number; message: string }[];
  result: ReplayResult;
  scrubber: Scrubber;
  /** Per ResultDeclared: its index in `events`, with the round it declares. */
  declarations: { index: number; revision: number; contestId: string; round: number }[];
}

export function loadLog(text: string): LoadedLog {
  const replayer = createReplayer();
  const events: MeetingEvent[] = [];
  const problems: LoadedLog['problems'] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    replayer.pushLine(raw);
    try {
      const value: unknown = JSON.parse(raw);
      if (typeof value !== 'object' || value === null || !('type' in value) || !('metadata' in value)) {
        problems.push({ line: i + 1, message: 'not an event: { type, data, metadata } expected' });
        return;
      }
      events.push(value as MeetingEvent);
    } catch (err) {
      problems.push({ line: i + 1, message: err instanceof Error ? err.message : String(err) });
    }
  });
  const declarations = events.flatMap((e, index) =>
    e.type === 'ResultDeclared'
      ? [{ index, revision: e.metadata.revision, contestId: e.data.contestId, round: e.data.round }]
      : [],
  );
  return { events, problems, result: replayer.finish(), scrubber: new Scrubber(events), declarations };
}

/** The verdict as the DOM exposes it (data-verdict, data-first-bad-revision, data-rule), the same fields the CLI prints. */
export function verdictOf(r: ReplayResult): { ok: true } | { ok: false; bad: BadEvent } {
  return r.ok || !r.firstBadEvent ? { ok: true } : { ok: false, bad: r.firstBadEvent };
}

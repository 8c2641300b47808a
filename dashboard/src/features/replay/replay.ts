import {
  computeOutcome, evolve, initialState, verifyChain,
  type ChainVerdict, type ChainedEvent, type MeetingEvent, type MeetingState, type TallyLine,
} from '@tallyroom/contracts';

/**
 * The supervisor's check, in the browser and with the contracts' own code:
 * parse an NDJSON export, verify its hash chain, fold it event by event, and
 * recompute every declared result from the state just before its declaration.
 * (A shared `replay` helper may later move into contracts; this is the small
 * local version.)
 */

export interface ParsedLog { events: MeetingEvent[]; problems: { line: number; message: string }[] }

export function parseNdjson(text: string): ParsedLog {
  const events: MeetingEvent[] = [];
  const problems: ParsedLog['problems'] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value !== 'object' || value === null || !('type' in value) || !('metadata' in value)) {
        problems.push({ line: i + 1, message: 'not an event: { type, data, metadata } expected' });
        return;
      }
      events.push(value as MeetingEvent);
    } catch (err) {
      problems.push({ line: i + 1, message: err instanceof Error ? err.message : String(err) });
    }
  });
  return { events, problems };
}

export const verifyLog = (events: readonly MeetingEvent[]): ChainVerdict => verifyChain(events as unknown as ChainedEvent[]);

export interface Difference { field: string; declared: string; recomputed: string }
export interface DeclarationCheck { index: number; revision: number; contestId: string; round: number; differences: Difference[] }

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
const sorted = (ids: readonly string[]) => [...ids].sort();
const tallyKey = (lines: readonly TallyLine[]) => JSON.stringify([...lines].map((l) => [l.candidateId, l.for, l.against, l.abstain]).sort());

/**
 * Compares one ResultDeclared with what the rules give for the round as the
 * log itself built it (P-21..P-27). `next` is the event after the declaration,
 * which must be the RoundRequired the outcome calls for, if any.
 */
function checkDeclaration(s: MeetingState, e: Extract<MeetingEvent, { type: 'ResultDeclared' }>, index: number, next: MeetingEvent | undefined): DeclarationCheck {
  const d = e.data;
  const check: DeclarationCheck = { index, revision: e.metadata.revision, contestId: d.contestId, round: d.round, differences: [] };
  const diff = (field: string, declared: unknown, recomputed: unknown) => {
    if (show(declared) !== show(recomputed)) check.differences.push({ field, declared: show(declared), recomputed: show(recomputed) });
  };
  const r = s.contests.get(d.contestId)?.rounds[d.round - 1];
  if (!s.ruleset || !r) {
    check.differences.push({ field: 'round', declared: `${d.contestId}#${d.round}`, recomputed: 'missing' });
    return check;
  }
  const tally = [...r.tally.values()];
  const outcome = computeOutcome(s.ruleset, {
    kind: r.kind, seats: r.seats, candidates: r.candidates, presentVoters: r.presentVoters, ballotsReturned: r.ballotsReturned ?? 0, tally,
  });
  diff('presentVoters', d.presentVoters, r.presentVoters);
  diff('ballotsIssued', d.ballotsIssued, r.ballotsIssued);
  diff('ballotsReturned', d.ballotsReturned, r.ballotsReturned ?? 0);
  diff('valid', d.valid, r.valid);
  diff('invalid', d.invalid, r.invalid);
  if (tallyKey(d.tally) !== tallyKey(tally)) {
    check.differences.push({ field: 'tally', declared: tallyKey(d.tally), recomputed: tallyKey(tally) });
  }
  diff('threshold', d.threshold, outcome.threshold);
  diff('elected', sorted(d.elected), sorted(outcome.elected));
  const required = next?.type === 'RoundRequired' && next.data.contestId === d.contestId
    ? { kind: next.data.kind, seats: next.data.seats, candidates: sorted(next.data.candidates) } : null;
  const expected = outcome.required ? { kind: outcome.required.kind, seats: outcome.required.seats, candidates: sorted(outcome.required.candidates) } : null;
  diff('roundRequired', required, expected);
  return check;
}

const DEFAULT_SPACING = 200;

/** Folds a verified log on demand; keeps a few snapshots so scrubbing backwards stays fast on long logs. */
export class Replay {
  readonly checks: DeclarationCheck[] = [];
  private readonly snapshots = new Map<number, MeetingState>();
  private readonly spacing: number;
  private current: { index: number; state: MeetingState } | null = null;

  readonly events: readonly MeetingEvent[];

  constructor(events: readonly MeetingEvent[]) {
    this.events = events;
    // At most ~20 snapshots, whatever the log's length.
    this.spacing = Math.max(DEFAULT_SPACING, Math.ceil(events.length / 20));
    const s = initialState();
    events.forEach((e, i) => {
      if (e.type === 'ResultDeclared') this.checks.push(checkDeclaration(s, e, i, events[i + 1]));
      evolve(s, e);
      if (i % this.spacing === 0) this.snapshots.set(i, structuredClone(s));
    });
    this.current = events.length > 0 ? { index: events.length - 1, state: s } : null;
  }

  /** The first declaration whose figures the log does not reproduce, or null: MATCH. */
  get firstDivergence(): DeclarationCheck | null {
    return this.checks.find((c) => c.differences.length > 0) ?? null;
  }

  /** The state after events[0..index]. The returned state is shared: read it, never mutate it. */
  stateAt(index: number): MeetingState {
    if (this.current && this.current.index <= index) {
      for (let i = this.current.index + 1; i <= index; i++) evolve(this.current.state, this.events[i]!);
      this.current.index = index;
      return this.current.state;
    }
    let start = index - (index % this.spacing);
    while (start > 0 && !this.snapshots.has(start)) start -= this.spacing;
    const base = this.snapshots.get(start);
    const state = base ? structuredClone(base) : initialState();
    for (let i = base ? start + 1 : 0; i <= index; i++) evolve(state, this.events[i]!);
    this.current = { index, state };
    return state;
  }
}

/**
 * Replays an exported meeting log the way a supervisor checks a disputed
 * result (design.md, "Tamper evidence and verification"): verify the hash
 * chain, then rebuild each command from its events and decide it again on the
 * state folded so far (redecide.ts): the events must be exactly what the
 * decider gives, by an actor the role table and the log's credentials allow.
 * The first event where anything diverges is named, with the rule it breaks.
 *
 * Pure and browser-safe (no node: imports): the dashboard's supervisor page
 * runs the same code. createReplayer() takes one event at a time so a CLI can
 * stream an export of any length; only the folded state is kept.
 */
import {
  createChainVerifier,
  type ChainedEvent,
  type ChainFailure,
  type ChainHead,
  type ChainVerdict,
} from '../chain/chain.js';
import type { MeetingEvent } from '../meeting/events.js';
import { evolve } from '../meeting/evolve.js';
import { initialState, type MeetingState } from '../meeting/state.js';
import { redecide, sliceCommands, timeProblem, VERIFY_CODES } from './redecide.js';
import { roundKey, summarizeContests, type ContestSummary } from './summary.js';

export interface ReplayOptions {
  /** Fold only up to and including this revision (the chain and the rules are still checked to the end). */
  at?: number;
  /** The head printed on a result report: the log must reach it and agree with its hash. */
  head?: ChainHead;
}

export interface BadEvent {
  revision: number;
  /** 0-based line in the input, when the problem is on a line that exists. */
  index?: number;
  type: string;
  problem: string;
  /** The rule the event breaks (an id of election-rules.md), or the verdict code where no rule is the reason. */
  rule?: string;
}

export interface ReplayResult {
  /** The chain holds, every event agrees with the rules, and the head (if given) matches. */
  ok: boolean;
  chain: ChainVerdict;
  /** The last event that verified. */
  head: ChainHead | null;
  /** How many events verified. */
  events: number;
  firstBadEvent?: BadEvent;
  /** Every rule problem found (the chain stops at its first failure), capped at MAX_PROBLEMS. */
  problems: BadEvent[];
  /** The revision the state and contests are folded to. */
  at: number;
  state: MeetingState;
  contests: ContestSummary[];
}

export interface Replayer {
  /** Takes the next event of the log; returns the first bad event so far, or null. */
  push(event: ChainedEvent): BadEvent | null;
  /**
   * Takes the next line of the log as text (what a CLI or an upload reads):
   * the same verdicts as push(JSON.parse(line)), checked through
   * ChainVerifier.pushLine, which need not serialise canonical lines again.
   */
  pushLine(line: string): BadEvent | null;
  finish(): ReplayResult;
}

const MAX_PROBLEMS = 100;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The round an event belongs to, so the summary can flag it. */
function roundOf(e: MeetingEvent): { contestId: string; round: number } | undefined {
  const d: unknown = e.data;
  if (!isRecord(d) || typeof d.contestId !== 'string') return undefined;
  const round = typeof d.round === 'number' ? d.round : typeof d.afterRound === 'number' ? d.afterRound : undefined;
  return round === undefined ? undefined : { contestId: d.contestId, round };
}

export function createReplayer(opts: ReplayOptions = {}): Replayer {
  const verifier = createChainVerifier();
  const state = initialState();
  // With `at`, a second fold stops there while the main one carries on checking the rest.
  const atState = opts.at === undefined ? null : initialState();
  const mismatches = new Map<string, string>();
  const problems: BadEvent[] = [];
  let chainFailure: ChainFailure | null = null;
  let halted = false;
  let index = 0;
  let count = 0;
  let atHead: { hash: string; type: string } | null = null;
  let group: { event: MeetingEvent; at: number }[] = [];
  let groups = 0;
  /** The latest recordedAt so far (epoch ms), against which a re-timed event shows (CLOCK_SKEW_MS). */
  let latest = Number.NaN;
  let finished: ReplayResult | null = null;

  const note = (bad: BadEvent, round?: { contestId: string; round: number }) => {
    if (problems.length < MAX_PROBLEMS) problems.push(bad);
    if (round) {
      const k = roundKey(round.contestId, round.round);
      if (!mismatches.has(k)) mismatches.set(k, `revision ${bad.revision} (${bad.type}): ${bad.problem}`);
    }
  };

  /**
   * A gap or swap would otherwise be reported under the revision the line
   * claims; naming the revision that should have come next points at the
   * missing (or displaced) event itself.
   */
  function revisionProblem(event: unknown, at: number): ChainFailure | null {
    if (!isRecord(event) || !isRecord(event.metadata) || !Number.isSafeInteger(event.metadata.revision)) return null;
    const expected = (verifier.head()?.revision ?? -1) + 1;
    const claimed = event.metadata.revision as number;
    if (claimed === expected) return null;
    return {
      ok: false,
      revision: expected,
      index: at,
      type: typeof event.type === 'string' ? event.type : '',
      problem: `revision ${expected} expected, line ${at + 1} is revision ${claimed}: an event is missing, duplicated or out of order`,
    };
  }

  function push(event: ChainedEvent): BadEvent | null {
    if (chainFailure || halted) return firstBad();
    const at = index++;
    const failure = revisionProblem(event, at) ?? verifier.push(event);
    return failure ? chainBroken(failure) : fold(event, at);
  }

  function pushLine(line: string): BadEvent | null {
    if (chainFailure || halted) return firstBad();
    const at = index++;
    // The verifier checks the claimed revision too, and fails without moving its head, so asking
    // revisionProblem after a failure gives what asking it first (as push does) gives.
    const { event, failure } = verifier.pushLine(line);
    return failure ? chainBroken(revisionProblem(event, at) ?? failure) : fold(event as ChainedEvent, at);
  }

  function chainBroken(failure: ChainFailure): BadEvent | null {
    // The group before the break verified link by link: its problems come first.
    flush(true);
    chainFailure = failure;
    note({
      revision: failure.revision,
      index: failure.index,
      type: failure.type,
      problem: failure.problem,
      rule: VERIFY_CODES.chain,
    });
    return firstBad();
  }

  /**
   * Takes an event whose chain link has verified. Events are checked a whole
   * command at a time (the decider answers a command with all its events), so
   * one command group (consecutive events of one commandId) waits here until
   * the next group begins or the log ends.
   */
  function fold(event: ChainedEvent, at: number): BadEvent | null {
    count++;
    const e = event as MeetingEvent;
    if (opts.head && e.metadata.revision === opts.head.revision) atHead = { hash: e.metadata.hash, type: e.type };
    if (group.length > 0 && group[0]!.event.metadata.commandId !== e.metadata.commandId) flush();
    if (!halted) group.push({ event: e, at });
    return firstBad();
  }

  /** Re-decides each command of the buffered group on the state before it, then folds the recorded events. */
  function flush(cutShort = false): void {
    const items = group;
    group = [];
    if (halted || items.length === 0) return;
    const firstGroup = groups++ === 0;
    const indexOf = new Map(items.map((x) => [x.event, x.at]));
    const slices = sliceCommands(items.map((x) => x.event));
    for (const [k, slice] of slices.entries()) {
      const head = slice.events[0]!;
      const late = timeProblem(latest, head.metadata.recordedAt);
      if (late)
        note(
          {
            revision: head.metadata.revision,
            index: indexOf.get(head)!,
            type: head.type,
            problem: late,
            rule: VERIFY_CODES.time,
          },
          roundOf(head),
        );
      else
        latest = Number.isNaN(latest)
          ? Date.parse(head.metadata.recordedAt)
          : Math.max(latest, Date.parse(head.metadata.recordedAt));
      const found = redecide(state, slice, head.metadata.meetingId, firstGroup, cutShort && k === slices.length - 1);
      if (found) {
        const e = slice.events[found.at]!;
        note(
          {
            revision: e.metadata.revision,
            index: indexOf.get(e)!,
            type: e.type,
            problem: found.problem,
            rule: found.rule,
          },
          roundOf(e),
        );
      }
      for (const e of slice.events) {
        try {
          evolve(state, e);
          if (atState && e.metadata.revision <= opts.at!) evolve(atState, e);
        } catch (err) {
          // A hashed but malformed payload: the state can no longer be trusted, so stop folding.
          note({
            revision: e.metadata.revision,
            index: indexOf.get(e)!,
            type: e.type,
            problem: `cannot be applied: ${err instanceof Error ? err.message : String(err)}`,
            rule: found?.rule ?? VERIFY_CODES.differs,
          });
          halted = true;
          return;
        }
      }
    }
  }

  const firstBad = (): BadEvent | null => problems[0] ?? null;

  function finish(): ReplayResult {
    if (finished) return finished;
    const last = verifier.head();
    // A chain failure stops the log there: the group before it is still checked, as it verified.
    flush();
    if (!chainFailure && !halted && count === 0)
      note({ revision: 0, type: '', problem: 'the log is empty', rule: VERIFY_CODES.orphan });
    if (opts.head && !chainFailure) {
      const h = opts.head;
      if (!last || last.revision < h.revision) {
        note({
          revision: (last?.revision ?? -1) + 1,
          type: '(missing)',
          problem: `log ends at revision ${last?.revision ?? -1} but the report's head is ${h.revision}`,
          rule: VERIFY_CODES.chain,
        });
      } else if (atHead?.hash !== h.hash) {
        note({
          revision: h.revision,
          type: atHead?.type ?? '',
          problem: `hash at revision ${h.revision} differs from the report`,
          rule: VERIFY_CODES.chain,
        });
      }
    }
    const folded = atState ?? state;
    const chain: ChainVerdict = chainFailure ?? { ok: true, head: last };
    const first = firstBad();
    finished = {
      ok: first === null,
      chain,
      head: last,
      events: count,
      problems: [...problems],
      at: folded.revision,
      state: folded,
      contests: summarizeContests(folded, mismatches),
    };
    if (first) finished.firstBadEvent = first;
    return finished;
  }

  return { push, pushLine, finish };
}

/** Replays a whole log held in memory. */
export function replayLog(events: readonly ChainedEvent[], opts: ReplayOptions = {}): ReplayResult {
  const r = createReplayer(opts);
  for (const e of events) r.push(e);
  return r.finish();
}

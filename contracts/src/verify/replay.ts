/**
 * Replays an exported meeting log the way a supervisor checks a disputed
 * result (design.md, "Tamper evidence and verification"): verify the hash
 * chain, fold every event with the ruleset pinned in MeetingScheduled, and at
 * every ResultDeclared recompute the outcome from the ballots and compare each
 * declared figure. The first event where anything diverges is named.
 *
 * Pure and browser-safe (no node: imports): the dashboard's supervisor page
 * runs the same code. createReplayer() takes one event at a time so a CLI can
 * stream an export of any length; only the folded state is kept.
 */
import { createChainVerifier, type ChainedEvent, type ChainFailure, type ChainHead, type ChainVerdict } from '../chain/chain.js';
import type { MeetingEvent } from '../meeting/events.js';
import { evolve, initialState, type MeetingState } from '../meeting/state.js';
import { requiredAfter, ruleProblem } from './checks.js';
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
  let mustFollow: ReturnType<typeof requiredAfter> = null;
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
      ok: false, revision: expected, index: at, type: typeof event.type === 'string' ? event.type : '',
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
    chainFailure = failure;
    note({ revision: failure.revision, index: failure.index, type: failure.type, problem: failure.problem });
    return firstBad();
  }

  /** Folds an event whose chain link has verified and checks it against the rules. */
  function fold(event: ChainedEvent, at: number): BadEvent | null {
    count++;
    const e = event as MeetingEvent;
    const { revision } = e.metadata;
    if (opts.head && revision === opts.head.revision) atHead = { hash: e.metadata.hash, type: e.type };
    const bad = (problem: string, round?: { contestId: string; round: number }) => note({ revision, index: at, type: e.type, problem }, round);

    if (mustFollow) {
      const want = mustFollow;
      mustFollow = null;
      const d: unknown = e.data;
      const same = e.type === 'RoundRequired' && isRecord(d) && d.contestId === want.contestId && d.afterRound === want.afterRound
        && d.kind === want.kind && d.seats === want.seats && JSON.stringify(d.candidates) === JSON.stringify(want.candidates);
      if (!same) {
        bad(`the rules require a ${want.kind} round for ${want.seats} seats among [${want.candidates.join(', ')}] after round ${want.afterRound} of ${want.contestId}`,
          { contestId: want.contestId, round: want.afterRound });
      }
    } else if (e.type === 'RoundRequired') {
      bad(`no further round is required by the rules here`, { contestId: e.data.contestId, round: e.data.afterRound });
    }

    const rule = ruleProblem(state, e);
    if (rule) bad(rule.problem, rule.round);
    try {
      evolve(state, e);
      if (atState && revision <= opts.at!) evolve(atState, e);
    } catch (err) {
      // A hashed but malformed payload: the state can no longer be trusted, so stop folding.
      bad(`cannot be applied: ${err instanceof Error ? err.message : String(err)}`);
      halted = true;
      return firstBad();
    }
    if (e.type === 'ResultDeclared' && !rule) mustFollow = requiredAfter(state, e.data);
    return firstBad();
  }

  const firstBad = (): BadEvent | null => problems[0] ?? null;

  function finish(): ReplayResult {
    if (finished) return finished;
    const last = verifier.head();
    if (!chainFailure && !halted) {
      if (count === 0) note({ revision: 0, type: '', problem: 'the log is empty' });
      if (mustFollow) note({ revision: (last?.revision ?? -1) + 1, type: '(missing)', problem: `the log ends where a RoundRequired must follow round ${mustFollow.afterRound} of ${mustFollow.contestId}` });
    }
    if (opts.head && !chainFailure) {
      const h = opts.head;
      if (!last || last.revision < h.revision) {
        note({ revision: (last?.revision ?? -1) + 1, type: '(missing)', problem: `log ends at revision ${last?.revision ?? -1} but the report's head is ${h.revision}` });
      } else if (atHead?.hash !== h.hash) {
        note({ revision: h.revision, type: atHead?.type ?? '', problem: `hash at revision ${h.revision} differs from the report` });
      }
    }
    const folded = atState ?? state;
    const chain: ChainVerdict = chainFailure ?? { ok: true, head: last };
    const first = firstBad();
    finished = {
      ok: first === null, chain, head: last, events: count, problems: [...problems],
      at: folded.revision, state: folded, contests: summarizeContests(folded, mismatches),
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

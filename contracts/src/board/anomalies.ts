/**
 * The numbered anomalies of a meeting (A-01 … A-06, docs/rules.md): one function read by the district board, the
 * chair's console and the verifier, so all three flag the same thing with the same code.
 * Blocking: the meeting cannot go on as recorded until someone acts. Warning: someone should look.
 */
import type { ChainFailure } from '../chain/chain.js';
import { DomainError } from '../errors.js';
import { decide } from '../meeting/decide.js';
import type { ContestState, MeetingState, RoundState } from '../meeting/state.js';
import { isWithdrawn } from '../meeting/status.js';
import { meetingStage, type MeetingStage } from './stage.js';

export const ANOMALY_CODES = ['A-01', 'A-02', 'A-03', 'A-04', 'A-05', 'A-06'] as const;
export type AnomalyCode = (typeof ANOMALY_CODES)[number];
export type AnomalySeverity = 'blocking' | 'warning';

export const ANOMALY_SEVERITY: Readonly<Record<AnomalyCode, AnomalySeverity>> = {
  'A-01': 'blocking',
  'A-02': 'blocking',
  'A-03': 'blocking',
  'A-04': 'warning',
  'A-05': 'warning',
  'A-06': 'warning',
};

/** What each code means, in English for the verifier's text output (the screens have both languages). */
export const ANOMALY_TEXT: Readonly<Record<AnomalyCode, string>> = {
  'A-01': 'more ballots returned (or keyed) than were issued (P-21)',
  'A-02': 'the hash chain fails verification',
  'A-03': 'the result of a counted round cannot be declared',
  'A-04': 'ballots whose two entries disagree wait for a scrutineer',
  'A-05': 'no event for 15 minutes while voting',
  'A-06': 'invalid ballots are 3 % or more of those counted',
};

/** how long a meeting in the voting stage may be silent. */
export const QUIET_MINUTES = 15;
/** the share of invalid ballots (of those counted) that is worth a look, compared in integers. */
export const INVALID_SHARE = { num: 3, den: 100 } as const;

export interface Anomaly {
  code: AnomalyCode;
  severity: AnomalySeverity;
  /** The procedural rule behind it, where there is one (A-01: P-21; A-03: the refusal's rule). */
  rule?: string;
  contestId?: string;
  /** The contest's office, so a screen names it without the meeting's view (the board has only the row). */
  office?: string;
  round?: number;
  /** A-01 per box (V-11): the station whose box gave more papers than it was issued. */
  stationId?: string;
  /**
   * Figures for the screens' sentences: issued, returned, entered, ballots, invalid, minutes, code. A-01 in an open
   * round carries `entered`, not `returned`: papers keyed above papers issued say as much before the round's own
   * returned count (CloseRound) exists, and the screens should not call a count of keyed papers a count returned.
   */
  params?: Readonly<Record<string, string | number>>;
}

export interface AnomalyContext {
  /** The time to judge silence against; without it A-05 is not judged. */
  now?: string;
  /** When the meeting's last event was recorded; without it A-05 is not judged. */
  lastEventAt?: string | null;
  /** The chain's failure, when the reader verified the chain and it failed. */
  chain?: ChainFailure | null;
  /** The stage, when the caller knows more than the state (process facts); else meetingStage(state). */
  stage?: MeetingStage;
}

const anomaly = (code: AnomalyCode, fields: Omit<Anomaly, 'code' | 'severity'> = {}): Anomaly => ({
  code,
  severity: ANOMALY_SEVERITY[code],
  ...fields,
});

/** The contests that stand, each with its latest round: what the meeting is doing now (earlier rounds are settled). */
function latestRounds(s: MeetingState): { c: ContestState; r: RoundState }[] {
  const out: { c: ContestState; r: RoundState }[] = [];
  for (const c of s.contests.values()) {
    const r = c.rounds[c.rounds.length - 1];
    if (r && !isWithdrawn(c)) out.push({ c, r });
  }
  return out;
}

/** papers back above papers issued, per round and per box of a poll (V-11), while it is not yet re-run. */
function overIssued(s: MeetingState, latest: { c: ContestState; r: RoundState }[]): Anomaly[] {
  const out: Anomaly[] = [];
  const polls = new Set<string>();
  for (const { c, r } of latest) {
    const where = { rule: 'P-21', contestId: c.contestId, office: c.office, round: r.round };
    if (r.status === 'open' && r.ballots.size > r.ballotsIssued)
      out.push(anomaly('A-01', { ...where, params: { issued: r.ballotsIssued, entered: r.ballots.size } }));
    else if (r.status === 'void' && r.ballotsReturned !== null && r.ballotsReturned > r.ballotsIssued)
      out.push(anomaly('A-01', { ...where, params: { issued: r.ballotsIssued, returned: r.ballotsReturned } }));
    if (r.poll !== null && r.status !== 'declared') polls.add(r.poll);
  }
  for (const pollId of polls) {
    const poll = s.polls.get(pollId);
    if (!poll) continue;
    for (const box of poll.boxes.values()) {
      // Papers keyed from the box count as papers out of it even before the box's count is recorded.
      const entered = Math.max(
        0,
        ...poll.rounds.map((pr) => s.contests.get(pr.contestId)?.rounds[pr.round - 1]?.boxes.get(box.stationId) ?? 0),
      );
      const returned = Math.max(box.returned ?? 0, entered);
      if (returned > box.issued)
        out.push(
          anomaly('A-01', { rule: 'P-21', stationId: box.stationId, params: { issued: box.issued, returned, pollId } }),
        );
    }
  }
  return out;
}

/**
 * a counted round (closed valid, not declared) that the decider would refuse to declare now. The decider's own
 * DeclareResult is asked, so the board and the chair see exactly the refusal the chair's command would get.
 * A V-11a refusal only asks for a higher office to be declared first: an order of work, not an anomaly.
 */
function declarationRefused(s: MeetingState, latest: { c: ContestState; r: RoundState }[], now: string): Anomaly[] {
  const out: Anomaly[] = [];
  for (const { c, r } of latest) {
    if (r.status !== 'valid') continue;
    try {
      decide({ type: 'DeclareResult', data: { contestId: c.contestId, round: r.round } }, s, {
        meetingId: s.meetingId,
        now,
        actor: { role: 'chair', id: 'board' },
      });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (err.code === 'HIGHER_OFFICE_NOT_DECLARED') continue;
      out.push(
        anomaly('A-03', {
          ...(err.rule ? { rule: err.rule } : {}),
          contestId: c.contestId,
          office: c.office,
          round: r.round,
          params: { code: err.code },
        }),
      );
    }
  }
  return out;
}

/** an open round with ballots whose two entries disagree (P-23: a scrutineer decides them). */
function disputes(latest: { c: ContestState; r: RoundState }[]): Anomaly[] {
  const out: Anomaly[] = [];
  for (const { c, r } of latest) {
    if (r.status !== 'open' || !r.doubleEntry) continue;
    if (r.disputed > 0)
      out.push(
        anomaly('A-04', { contestId: c.contestId, office: c.office, round: r.round, params: { ballots: r.disputed } }),
      );
  }
  return out;
}

/** invalid ballots at INVALID_SHARE or more of the ballots counted in a round that is not void. */
function invalidShare(latest: { c: ContestState; r: RoundState }[]): Anomaly[] {
  const out: Anomaly[] = [];
  for (const { c, r } of latest) {
    const counted = r.valid + r.invalid;
    if (r.status === 'void' || r.invalid === 0) continue;
    if (INVALID_SHARE.den * r.invalid >= INVALID_SHARE.num * counted)
      out.push(
        anomaly('A-06', {
          contestId: c.contestId,
          office: c.office,
          round: r.round,
          params: { invalid: r.invalid, ballots: counted },
        }),
      );
  }
  return out;
}

/** the whole minutes since the last event, when the meeting is voting and they reach QUIET_MINUTES. */
export function quietMinutes(stage: MeetingStage, lastEventAt: string | null | undefined, now: string): number | null {
  if (stage !== 'voting' || !lastEventAt) return null;
  const minutes = Math.floor((Date.parse(now) - Date.parse(lastEventAt)) / 60_000);
  return minutes >= QUIET_MINUTES ? minutes : null;
}

/**
 * The meeting's anomalies in code order. need what the state cannot say (the chain verdict, the time
 * of the last event and the clock): without them in `ctx` they are not judged.
 */
export function meetingAnomalies(s: MeetingState, ctx: AnomalyContext = {}): Anomaly[] {
  const out: Anomaly[] = [];
  const latest = latestRounds(s);
  out.push(...overIssued(s, latest));
  if (ctx.chain) out.push(anomaly('A-02', { params: { revision: ctx.chain.revision } }));
  if (s.ruleset) out.push(...declarationRefused(s, latest, ctx.now ?? new Date(0).toISOString()));
  out.push(...disputes(latest));
  if (ctx.now) {
    const minutes = quietMinutes(ctx.stage ?? meetingStage(s), ctx.lastEventAt, ctx.now);
    if (minutes !== null) out.push(anomaly('A-05', { params: { minutes } }));
  }
  out.push(...invalidShare(latest));
  return out;
}

export const blockingOnly = (anomalies: readonly Anomaly[]) => anomalies.filter((a) => a.severity === 'blocking');

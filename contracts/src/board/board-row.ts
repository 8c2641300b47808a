/**
 * One meeting's row on the district board: its stage, who is present against the quorum rule, each open round's
 * papers, the time of its last event and its anomalies. Computed from the meeting's folded state, so the board,
 * a test oracle and any other reader get the same figures.
 */
import type { ChainFailure } from '../chain/chain.js';
import type { MeetingState } from '../meeting/state.js';
import { isWithdrawn } from '../meeting/status.js';
import type { QuorumStatus } from '../rules/quorum.js';
import { meetingAnomalies, type Anomaly } from './anomalies.js';
import type { MeetingProcessFacts } from './process-facts.js';
import { meetingElectorate, meetingStage, type MeetingStage } from './stage.js';

/** A box of a poll's open round (V-11): papers issued there, taken out of it (null until opened) and keyed from it. */
export interface BoardBox {
  stationId: string;
  name: string;
  issued: number;
  returned: number | null;
  entered: number;
}

/** An open round's papers: issued, keyed (entered, settled or not) and returned (a poll's opened boxes; else null). */
export interface BoardRound {
  contestId: string;
  office: string;
  round: number;
  issued: number;
  entered: number;
  returned: number | null;
  boxes?: BoardBox[];
}

export interface BoardRow {
  meetingId: string;
  title: string;
  /** The organisation's name as the meeting was scheduled. */
  organisation: string;
  /** The organisation the meeting belongs to (MeetingScheduled.organisationId); null in logs written before it. */
  organisationId: string | null;
  scheduledFor: string;
  timeZone: string;
  ruleset: string;
  stage: MeetingStage;
  /** The 换届's plan (请示): approved or pending; null when no process linked the meeting. */
  plan: 'approved' | 'pending' | null;
  closed: boolean;
  /** 应到 / 实到 and the quorum rule (P-05, V-06, …) as the meeting's own screens show them. */
  attendance: { expected: number; presentVoters: number; quorum: QuorumStatus };
  rounds: BoardRound[];
  revision: number;
  lastEventAt: string | null;
  anomalies: Anomaly[];
}

export interface BoardRowContext {
  organisationId?: string | null;
  process?: MeetingProcessFacts | null;
  lastEventAt?: string | null;
  now?: string;
  chain?: ChainFailure | null;
}

function openRounds(s: MeetingState): BoardRound[] {
  const out: BoardRound[] = [];
  for (const c of s.contests.values()) {
    if (isWithdrawn(c)) continue;
    for (const r of c.rounds) {
      if (r.status !== 'open') continue;
      const poll = r.poll === null ? undefined : s.polls.get(r.poll);
      const boxes = poll
        ? [...poll.boxes.values()].map((b) => ({
            stationId: b.stationId,
            name: s.stations.get(b.stationId)?.name ?? b.stationId,
            issued: b.issued,
            returned: b.returned,
            entered: r.boxes.get(b.stationId) ?? 0,
          }))
        : undefined;
      const opened = boxes?.filter((b) => b.returned !== null) ?? [];
      out.push({
        contestId: c.contestId,
        office: c.office,
        round: r.round,
        issued: r.ballotsIssued,
        entered: r.ballots.size,
        returned: opened.length > 0 ? opened.reduce((n, b) => n + b.returned!, 0) : null,
        ...(boxes ? { boxes } : {}),
      });
    }
  }
  return out;
}

export function boardRow(s: MeetingState, ctx: BoardRowContext = {}): BoardRow {
  const stage = meetingStage(s, ctx.process ?? null);
  const e = meetingElectorate(s);
  return {
    meetingId: s.meetingId,
    title: s.title,
    organisation: s.organisation,
    organisationId: ctx.organisationId ?? null,
    scheduledFor: s.scheduledFor,
    timeZone: s.timeZone,
    ruleset: s.ruleset?.name ?? '',
    stage,
    plan: ctx.process ? (ctx.process.planApproved ? 'approved' : 'pending') : null,
    closed: s.closed,
    attendance: { expected: e.expected, presentVoters: e.presentVoters, quorum: e.quorum },
    rounds: openRounds(s),
    revision: s.revision,
    lastEventAt: ctx.lastEventAt ?? null,
    anomalies: meetingAnomalies(s, {
      stage,
      ...(ctx.now ? { now: ctx.now } : {}),
      lastEventAt: ctx.lastEventAt ?? null,
      chain: ctx.chain ?? null,
    }),
  };
}

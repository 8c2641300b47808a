/**
 * V-11: the stations, boxes and polls as one role may see them. Everyone sees the counts (papers issued, returned and
 * entered per box, turnout against the registered voters); only the chair, the 领票 desk (clerk) and the supervisor
 * see who received a paper, and nobody sees anything that links a voter to a ballot.
 */
import type { Role, StationKind } from '../meeting/commands.js';
import type { Teller } from '../meeting/events.js';
import { roundOf, type BallotBoxState, type MeetingState, type PollState } from '../meeting/state.js';
import { meets, minimumFor } from '../rules/fraction.js';
import { turnoutRuleFor } from '../rules/quorum.js';

/** The roles that see who signed for a paper (the 领票 register), as they see the roll and who is present. */
export const SEES_ISSUES: readonly Role[] = ['chair', 'clerk', 'supervisor'];

export interface StationView {
  stationId: string;
  kind: StationKind;
  name: string;
  officers: Teller[];
}

/**
 * A box in a poll: `open` while papers are issued, `sealed` once voting there is over, `counting` once opened at the
 * count (V-09), `counted` once every round of the poll has as many papers entered from it as came out of it.
 */
export type BoxStatus = 'open' | 'sealed' | 'counting' | 'counted';
export interface PollStationView {
  stationId: string;
  kind: StationKind;
  name: string;
  status: BoxStatus;
  issued: number;
  returned: number | null;
  /** The papers entered from this box, in the poll's round that has the fewest. */
  entered: number;
}
export interface PollView {
  pollId: string;
  rounds: { contestId: string; round: number }[];
  stations: PollStationView[];
  /**
   * V-06: registered voters, persons who received a paper (in person or by proxy), the papers taken out of the boxes
   * once every box is opened (`returned`, null until then), and the fewest that make the election valid (`required`,
   * null where no turnout rule applies, as in a supplementary round). `met` is the verdict CloseRound gives: on the
   * papers returned once they are known (the decider's reading), on the papers issued until then; null without a rule.
   */
  turnout: {
    registered: number;
    voted: number;
    returned: number | null;
    required: number | null;
    met: boolean | null;
    rule: string | null;
  };
  /** Chair, clerk and supervisor only: who received a paper, where, and through which proxy. */
  voters?: { memberId: string; stationId: string; proxy?: string }[];
}

export function stationsView(s: MeetingState): StationView[] {
  return [...s.stations.values()].map((st) => ({
    stationId: st.stationId,
    kind: st.kind,
    name: st.name,
    officers: st.officers.map((o) => ({ ...o })),
  }));
}

function boxView(s: MeetingState, poll: PollState, b: BallotBoxState): PollStationView {
  const st = s.stations.get(b.stationId);
  const entered = Math.min(...poll.rounds.map((pr) => roundOf(s, pr.contestId, pr.round)?.boxes.get(b.stationId) ?? 0));
  const status: BoxStatus = !b.sealed
    ? 'open'
    : b.returned === null
      ? 'sealed'
      : entered === b.returned
        ? 'counted'
        : 'counting';
  return {
    stationId: b.stationId,
    kind: st?.kind ?? 'station',
    name: st?.name ?? b.stationId,
    status,
    issued: b.issued,
    returned: b.returned,
    entered,
  };
}

export function pollsView(s: MeetingState, role: Role): PollView[] {
  return [...s.polls.values()].map((poll) => {
    const first = poll.rounds[0] && roundOf(s, poll.rounds[0].contestId, poll.rounds[0].round);
    const registered = first?.expected ?? 0;
    const rule = first && s.ruleset ? turnoutRuleFor(s.ruleset, first.kind) : null;
    const boxes = [...poll.boxes.values()];
    const returned =
      boxes.length > 0 && boxes.every((b) => b.returned !== null)
        ? boxes.reduce((n, b) => n + (b.returned ?? 0), 0)
        : null;
    const view: PollView = {
      pollId: poll.pollId,
      rounds: poll.rounds.map((r) => ({ ...r })),
      stations: [...poll.boxes.values()].map((b) => boxView(s, poll, b)),
      turnout: {
        registered,
        voted: poll.issued.size,
        returned,
        required: rule ? minimumFor(registered, rule) : null,
        met: rule ? meets(returned ?? poll.issued.size, registered, rule) : null,
        rule: rule?.rule ?? null,
      },
    };
    if (SEES_ISSUES.includes(role))
      view.voters = [...poll.issued].map(([memberId, x]) => ({
        memberId,
        stationId: x.stationId,
        ...(x.proxy !== undefined ? { proxy: x.proxy } : {}),
      }));
    return view;
  });
}

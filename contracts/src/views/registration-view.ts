/**
 * The voter list (选民登记, V-02 / V-03 / R-01) as a meeting's view shows it: counts for everyone, and the
 * objections with their dates; who objected, whom it concerns and why only for the roles that see the roll's names
 * (the election committee acting as chair, the supervisor). The view holds no clock: registrationClock() reads the
 * days left against a screen's today, with the same dates the decider uses.
 */
import type { Role } from '../meeting/commands.js';
import { electionDayOf, objectionDue, objectionsClose, voterListDeadline } from '../meeting/decide-registration.js';
import { addDays } from '../meeting/local-date.js';
import type { MeetingState, RegistrationBasis } from '../meeting/state.js';
import type { ResidentsElectorate } from '../rules/ruleset.js';

/** Who sees objectors' and voters' names in the registration view. */
const SEES_OBJECTORS: readonly Role[] = ['chair', 'supervisor'];

export interface VoterObjectionView {
  objectionId: string;
  claim: 'omitted' | 'wrongly-listed' | 'wrong-details';
  receivedOn: string;
  /** V-03: the last day the decision is in time. */
  due: string;
  decidedOn: string | null;
  upheld: boolean | null;
  /** V-03: decided after `due` (the committee must still decide). */
  late: boolean;
  /** Chair and supervisor only. */
  objector?: string;
  memberId?: string;
  name?: string;
  detail?: string;
  reason?: string;
}

export interface RegistrationView {
  /** On the list now (the expected number, V-06's base, when every voter was registered). */
  registered: number;
  byBasis: Record<RegistrationBasis, number>;
  removed: number;
  /** who is registered (always `residents` in a village). */
  electorate: ResidentsElectorate;
  published: { on: string; electionDay: string; registered: number } | null;
  /** V-03: the meeting's local election day and the last day the list may be published. */
  electionDay: string;
  deadline: string;
  publishDaysMin: number;
  /** V-03: the last day objections are received (null before publication). */
  objectionsClose: string | null;
  objectionDays: number;
  decisionDays: number;
  objections: VoterObjectionView[];
}

export function registrationView(s: MeetingState, role: Role): RegistrationView | undefined {
  const rules = s.ruleset?.registration;
  if (!rules) return undefined;
  const names = SEES_OBJECTORS.includes(role);
  const c = s.voterCounts;
  return {
    registered: c.resident + c.away + c.admitted,
    byBasis: { resident: c.resident, away: c.away, admitted: c.admitted },
    removed: c.removed,
    electorate: rules.electorate,
    published: s.voterList
      ? { on: s.voterList.publishedOn, electionDay: s.voterList.electionDay, registered: s.voterList.registered }
      : null,
    electionDay: electionDayOf(s),
    deadline: voterListDeadline(s, rules),
    publishDaysMin: rules.publishDaysMin,
    objectionsClose: s.voterList ? objectionsClose(s.voterList.publishedOn, rules) : null,
    objectionDays: rules.objectionDays,
    decisionDays: rules.decisionDays,
    objections: s.voterObjections.map((o) => {
      const v: VoterObjectionView = {
        objectionId: o.objectionId,
        claim: o.claim,
        receivedOn: o.receivedOn,
        due: objectionDue(o.receivedOn, rules),
        decidedOn: o.decision?.decidedOn ?? null,
        upheld: o.decision?.upheld ?? null,
        late: o.decision?.late ?? false,
      };
      if (names) {
        v.objector = o.objector;
        if (o.memberId) v.memberId = o.memberId;
        if (o.name) v.name = o.name;
        v.detail = o.detail;
        if (o.decision) v.reason = o.decision.reason;
      }
      return v;
    }),
  };
}

/** Whole days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * V-03's clocks against `today` (the meeting's local day, from the screen's clock): days to the election day, to the
 * publication deadline, to the close of objections, and for each undecided objection the days left to decide it
 * (negative: overdue, still to be decided).
 */
export function registrationClock(r: RegistrationView, today: string) {
  return {
    daysToElection: daysBetween(today, r.electionDay),
    daysToDeadline: daysBetween(today, r.deadline),
    objectionDaysLeft: r.objectionsClose === null ? null : daysBetween(today, r.objectionsClose),
    decisionDaysLeft: Object.fromEntries(
      r.objections.filter((o) => o.decidedOn === null).map((o) => [o.objectionId, daysBetween(today, o.due)]),
    ) as Record<string, number>,
    /** The day the list would be published today counts to: today + the days the rule requires. */
    earliestElectionIfPublishedToday: addDays(today, r.publishDaysMin),
  };
}

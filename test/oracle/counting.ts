/**
 * A second reading of the counting rules, written from election-rules.md and
 * the engine decisions at its top, and from nothing in contracts/src/rules or
 * the decider: the property test holds the decider to what this file says. It
 * imports types only. Every threshold is an integer comparison (the
 * "arithmetic convention"); nothing here is shared with the code it checks, so
 * a slip in one is not repeated in the other.
 */
import type { Mark, MemberStatus } from '@tallyroom/contracts';

// ---------------------------------------------------------------- rulesets, as the document states them

export type OracleRulesetName = 'cpc-branch' | 'village-committee' | 'simple-majority';

export interface OracleRules {
  name: OracleRulesetName;
  /** Attendance quorum checked before each round opens (P-05, G-01); null when turnout is judged at close instead (V-06). */
  quorum: { num: number; den: number; inclusive: boolean } | null;
  /** V-06: a first round is valid only if 2*returned > expected (registered). */
  turnoutRule: boolean;
  /** P-24 / G-01: 2*for > presentVoters; V-07: 2*for > ballots returned. */
  winBase: 'presentVoters' | 'ballotsReturned';
  /** V-08: a supplementary round is decided by plurality with 3*for >= returned; otherwise by the same threshold (P-27). */
  supplementaryFloor: boolean;
  /** P-22: a write-in may stand in place of an "against" mark. */
  writeIns: boolean;
}

/**
 * The parameters, from the document (cpc-branch, village-committee) and, for
 * simple-majority (a generic assembly, G-01/G-02), read off the preset in
 * contracts/src/rules/ruleset.ts as data: quorum 2/3 inclusive of expected,
 * win 2*for > present, same-threshold supplementary, no write-ins.
 */
export function oracleRules(name: OracleRulesetName, o: { quorumInclusive?: boolean } = {}): OracleRules {
  switch (name) {
    case 'cpc-branch':
      return {
        name,
        quorum: { num: 4, den: 5, inclusive: o.quorumInclusive === true },
        turnoutRule: false,
        winBase: 'presentVoters',
        supplementaryFloor: false,
        writeIns: true,
      };
    case 'village-committee':
      return {
        name,
        quorum: null,
        turnoutRule: true,
        winBase: 'ballotsReturned',
        supplementaryFloor: true,
        writeIns: true,
      };
    case 'simple-majority':
      return {
        name,
        quorum: { num: 2, den: 3, inclusive: true },
        turnoutRule: false,
        winBase: 'presentVoters',
        supplementaryFloor: false,
        writeIns: false,
      };
  }
}

// ---------------------------------------------------------------- the roll (P-01..P-05)

export interface RollMember {
  memberId: string;
  status: MemberStatus;
}

export interface Attendance {
  roll: readonly RollMember[];
  /** P-04: approved exclusions (full members only). */
  excluded: ReadonlySet<string>;
  present: ReadonlySet<string>;
}

const hasVote = (a: Attendance, m: RollMember) => m.status === 'full' && !a.excluded.has(m.memberId);

/** 应到 (P-01..P-04): full members minus approved exclusions; probationary and suspended members never count. */
export function expectedVoters(a: Attendance): number {
  return a.roll.filter((m) => hasVote(a, m)).length;
}

/** 实到 with the right to vote: present members who are also expected. Attendees without a vote do not count. */
export function presentVoters(a: Attendance): number {
  return a.roll.filter((m) => hasVote(a, m) && a.present.has(m.memberId)).length;
}

/** P-05 (strict 5*present > 4*expected, or the approved inclusive reading), G-01 (3*present >= 2*expected). null: no attendance quorum (village). */
export function quorumMet(rules: OracleRules, expected: number, present: number): boolean | null {
  const q = rules.quorum;
  if (!q) return null;
  return q.inclusive ? q.den * present >= q.num * expected : q.den * present > q.num * expected;
}

// ---------------------------------------------------------------- one paper ballot (P-22, P-23)

export type RoundKindO = 'first' | 'tie' | 'supplementary';

export interface PaperBallot {
  marks: Readonly<Record<string, Mark>>;
  writeIns: readonly string[];
}

export interface BallotVerdict {
  valid: boolean;
  /** Marks that count, per listed candidate (unreadable marks are void on their own). */
  marks: Record<string, 'for' | 'against' | 'abstain'>;
  /** Persons a write-in counts "for". */
  writeIns: string[];
  /** Write-ins void on their own: not allowed here, not eligible, a candidate, a duplicate, or more than the "against" marks. */
  voidWriteIns: number;
  unreadable: number;
}

export interface RoundSetting {
  kind: RoundKindO;
  seats: number;
  candidates: readonly string[];
}

export function judge(
  rules: OracleRules,
  round: RoundSetting,
  roll: readonly RollMember[],
  b: PaperBallot,
): BallotVerdict {
  const marks: BallotVerdict['marks'] = {};
  let fors = 0;
  let againsts = 0;
  let unreadable = 0;
  for (const [who, mark] of Object.entries(b.marks)) {
    if (mark === 'unreadable') {
      unreadable++;
      continue;
    }
    marks[who] = mark;
    if (mark === 'for') fors++;
    if (mark === 'against') againsts++;
  }
  // P-22: only a first round of a ruleset with write-ins, only a full member who is not on this ballot,
  // each person once, and at most one per "against" mark; the rest are void without touching the ballot.
  const counted: string[] = [];
  const writeInsHere = rules.writeIns && round.kind === 'first';
  for (const who of b.writeIns) {
    if (!writeInsHere) continue;
    if (counted.length >= againsts) continue;
    if (counted.includes(who)) continue;
    if (round.candidates.includes(who)) continue;
    const m = roll.find((x) => x.memberId === who);
    if (!m || m.status !== 'full') continue;
    counted.push(who);
  }
  const voidWriteIns = b.writeIns.length - counted.length;
  // P-23: more persons chosen than seats spoils the whole ballot; a blank one is valid and chooses nobody.
  if (fors + counted.length > round.seats) return { valid: false, marks: {}, writeIns: [], voidWriteIns, unreadable };
  return { valid: true, marks, writeIns: counted, voidWriteIns, unreadable };
}

// ---------------------------------------------------------------- one round (P-21, P-24..P-27, V-06..V-08)

export interface RoundInput extends RoundSetting {
  /** Snapshot when the ballots were issued. */
  presentVoters: number;
  expected: number;
  ballotsIssued: number;
  ballotsReturned: number;
  ballots: readonly PaperBallot[];
}

export interface Line {
  candidateId: string;
  for: number;
  against: number;
  abstain: number;
}

export type NextRound = { kind: 'tie' | 'supplementary'; seats: number; candidates: string[] } | null;

export type RoundVerdict =
  | { status: 'void'; rule: 'P-21' | 'V-06' }
  | {
      status: 'valid';
      valid: number;
      invalid: number;
      /** Listed candidates always; written-in persons when a write-in of theirs counts. */
      tally: Line[];
      /** The smallest "for" count that can elect; null in a tie re-vote (plurality). */
      threshold: number | null;
      elected: string[];
      next: NextRound;
    };

/** P-21, then V-06 for a first round only (tie re-votes and supplementary rounds are not turnout-tested). */
export function roundStatus(
  rules: OracleRules,
  r: Pick<RoundInput, 'kind' | 'expected' | 'ballotsIssued' | 'ballotsReturned'>,
): { status: 'valid' } | { status: 'void'; rule: 'P-21' | 'V-06' } {
  if (r.ballotsReturned > r.ballotsIssued) return { status: 'void', rule: 'P-21' };
  if (rules.turnoutRule && r.kind === 'first' && !(2 * r.ballotsReturned > r.expected))
    return { status: 'void', rule: 'V-06' };
  return { status: 'valid' };
}

export function countRound(rules: OracleRules, roll: readonly RollMember[], r: RoundInput): RoundVerdict {
  const st = roundStatus(rules, r);
  if (st.status === 'void') return st;

  const lines = new Map<string, Line>();
  const lineOf = (id: string) => {
    let l = lines.get(id);
    if (!l) {
      l = { candidateId: id, for: 0, against: 0, abstain: 0 };
      lines.set(id, l);
    }
    return l;
  };
  for (const c of r.candidates) lineOf(c);
  let valid = 0;
  let invalid = 0;
  for (const b of r.ballots) {
    const v = judge(rules, r, roll, b);
    if (!v.valid) {
      invalid++;
      continue;
    }
    valid++;
    for (const [who, mark] of Object.entries(v.marks)) lineOf(who)[mark]++;
    for (const who of v.writeIns) lineOf(who).for++;
  }
  const tally = [...lines.values()];
  const votes = (id: string) => lines.get(id)?.for ?? 0;

  // Who may take a seat in this round, and the bar they clear.
  let threshold: number | null;
  let qualifies: (v: number) => boolean;
  if (r.kind === 'tie') {
    // P-26: plurality among the tied, no bar; a candidate with no votes stays in the race.
    threshold = null;
    qualifies = () => true;
  } else if (r.kind === 'supplementary' && rules.supplementaryFloor) {
    // V-08: most votes, but 3*for >= returned; nobody is elected on no votes.
    const n = r.ballotsReturned;
    threshold = Math.max(1, Math.ceil(n / 3));
    qualifies = (v) => v > 0 && 3 * v >= n;
  } else {
    // P-24 / G-01 (snapshot of present voters) or V-07 (ballots returned): strictly more than half.
    const base = rules.winBase === 'presentVoters' ? r.presentVoters : r.ballotsReturned;
    threshold = Math.floor(base / 2) + 1;
    qualifies = (v) => 2 * v > base;
  }
  // A tie re-vote is among its listed candidates only; otherwise a write-in person may qualify too.
  const field = r.kind === 'tie' ? [...r.candidates] : [...lines.keys()];
  const qualified = field.filter((id) => qualifies(votes(id))).sort((a, b) => votes(b) - votes(a));

  if (qualified.length > r.seats) {
    // P-25: the top `seats`; P-26: a tie across the cut-off goes to a re-vote among the tied for what is left.
    const cut = votes(qualified[r.seats - 1]!);
    if (votes(qualified[r.seats]!) === cut) {
      const elected = qualified.filter((id) => votes(id) > cut);
      const tied = qualified.filter((id) => votes(id) === cut);
      return {
        status: 'valid',
        valid,
        invalid,
        tally,
        threshold,
        elected,
        next: { kind: 'tie', seats: r.seats - elected.length, candidates: tied },
      };
    }
    return { status: 'valid', valid, invalid, tally, threshold, elected: qualified.slice(0, r.seats), next: null };
  }
  const elected = qualified;
  if (elected.length === r.seats) return { status: 'valid', valid, invalid, tally, threshold, elected, next: null };

  // P-27: a supplementary round for the shortfall among the listed candidates not elected, by votes, at least
  // shortfall+1 of them, and nobody tied with the last one taken is left out. V-08 (村委会): among the persons
  // not elected, 得票多的: a written-in person with votes is one of them.
  const shortfall = r.seats - elected.length;
  const writtenIn = rules.supplementaryFloor
    ? [...lines.keys()].filter((id) => !r.candidates.includes(id) && votes(id) > 0)
    : [];
  const rest = [...r.candidates, ...writtenIn]
    .filter((id) => !elected.includes(id))
    .sort((a, b) => votes(b) - votes(a));
  let take = Math.min(rest.length, shortfall + 1);
  while (take > 0 && take < rest.length && votes(rest[take]!) === votes(rest[take - 1]!)) take++;
  return {
    status: 'valid',
    valid,
    invalid,
    tally,
    threshold,
    elected,
    next: { kind: 'supplementary', seats: shortfall, candidates: rest.slice(0, take) },
  };
}

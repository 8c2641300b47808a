import { judgeBallot, type BallotKind, type JudgedBallot, type Mark, type WriteInRules } from '@tallyroom/contracts';
import { msg, type Message } from '../../lib/message';

/** One paper ballot as the teller keys it, and where the keyboard is. No React here, so Node tests it. */
export interface BallotEntryState {
  marks: Record<string, Mark>;
  writeIns: string[];
  /** The write-in being typed. */
  draft: string;
  /** Why the last write-in was refused or is void; cleared as the teller types. */
  draftProblem: Message | null;
  /** The candidate row the keys mark. */
  row: number;
  /** The ballot number as typed; null follows the highest saved + 1. */
  ballotNoText: string | null;
  lastSaved: number;
  feedback: Message | null;
}

export const initialBallotEntry: BallotEntryState = {
  marks: {},
  writeIns: [],
  draft: '',
  draftProblem: null,
  row: 0,
  ballotNoText: null,
  lastSaved: 0,
  feedback: null,
};

export interface RollEntry {
  memberId: string;
  name: string;
}

export type BallotEntryAction =
  | { type: 'mark'; candidateId: string; mark: Mark | null }
  /** A mark key on the current row. */
  | { type: 'markRow'; candidates: readonly string[]; mark: Mark | null }
  | { type: 'row'; row: number }
  | { type: 'ballotNo'; text: string }
  | { type: 'draft'; text: string }
  | { type: 'addWriteIn'; members: readonly RollEntry[]; rules: WriteInRules }
  | { type: 'removeWriteIn'; memberId: string }
  | { type: 'clear' }
  | { type: 'saved'; ballotNo: number; valid: boolean };

/** The grid's keys: 1/2/3/4 or f/a/x/u mark, 0 and the delete keys clear. */
export const MARK_KEYS: Readonly<Record<string, Mark | null>> = {
  '1': 'for',
  f: 'for',
  '2': 'against',
  a: 'against',
  '3': 'abstain',
  x: 'abstain',
  '4': 'unreadable',
  u: 'unreadable',
  '0': null,
  Backspace: null,
  Delete: null,
};
export const MARK_ORDER: readonly Mark[] = ['for', 'against', 'abstain', 'unreadable'];
export const SHORTCUT: Readonly<Record<Mark, string>> = { for: '1', against: '2', abstain: '3', unreadable: '4' };

/**
 * The marks a paper of this kind carries (P-09c): an election ballot all four; a recommendation ballot 推荐 (for)
 * or an unreadable mark; a trust ballot 信任 / 基本信任 / 不信任 (for / abstain / against) or an unreadable mark.
 */
export function marksOf(ballot: BallotKind): readonly Mark[] {
  if (ballot === 'recommendation') return ['for', 'unreadable'];
  if (ballot === 'trust') return ['for', 'abstain', 'against', 'unreadable'];
  return MARK_ORDER;
}

/** The locale key of a mark's label on a paper of this kind. */
export function markLabelKey(ballot: BallotKind, mark: Mark): string {
  if (ballot === 'recommendation' && mark === 'for') return 'recommendation.recommend';
  if (ballot === 'trust' && mark !== 'unreadable') return `recommendation.trustMarks.${mark}`;
  return `marks.${mark}`;
}

export const clampRow = (row: number, rowCount: number) => Math.max(0, Math.min(rowCount - 1, row));
/** Marks are read out in ballot order: a mark moves on to the next name, a cleared one stays. */
export const rowAfterMark = (row: number, rowCount: number, mark: Mark | null) =>
  mark && row < rowCount - 1 ? row + 1 : row;

function withMark(marks: Record<string, Mark>, candidateId: string, mark: Mark | null): Record<string, Mark> {
  const next = { ...marks };
  if (mark) next[candidateId] = mark;
  else delete next[candidateId];
  return next;
}

/** One "against" per write-in, so the judgement below weighs only whether each write-in may count. */
const againstFor = (writeIns: readonly string[]): Record<string, Mark> =>
  Object.fromEntries(writeIns.map((_, i) => [`\u0000against-${i}`, 'against' as const]));

const countable = (writeIns: string[], rules: WriteInRules) =>
  judgeBallot({ marks: againstFor(writeIns), writeIns }, Number.MAX_SAFE_INTEGER, rules).writeIns.length;

/**
 * P-22, P-23: why a write-in keyed after `keyed` is void, or null when it can count. The verdict is the
 * contracts' judgeBallot; the rules it was judged by only pick which reason the teller reads.
 */
export function writeInNote(keyed: string[], member: RollEntry, rules: WriteInRules): Message | null {
  const id = member.memberId;
  if (countable([...keyed, id], rules) > countable(keyed, rules)) return null;
  if (rules.policy === 'none' || rules.kind !== 'first') return msg('teller.writeInNotAllowed');
  if (!rules.mayBeElected(id)) return msg('teller.writeInNotEligible', { name: member.name });
  if (rules.candidates.includes(id)) return msg('teller.writeInIsCandidate', { name: member.name });
  return msg('teller.writeInDuplicate', { name: member.name });
}

/**
 * A write-in is keyed as read out. Only a name not on the roll is refused (a keying error); one that
 * cannot count is entered and said to be void, and the judgement voids it alone.
 */
function addWriteIn(s: BallotEntryState, members: readonly RollEntry[], rules: WriteInRules): BallotEntryState {
  const id = s.draft.trim();
  if (!id) return s;
  const member = members.find((m) => m.memberId === id);
  if (!member) return { ...s, draftProblem: msg('teller.writeInUnknown', { id }) };
  return { ...s, draftProblem: writeInNote(s.writeIns, member, rules), writeIns: [...s.writeIns, id], draft: '' };
}

export function ballotEntryReducer(s: BallotEntryState, a: BallotEntryAction): BallotEntryState {
  switch (a.type) {
    case 'mark':
      return { ...s, marks: withMark(s.marks, a.candidateId, a.mark) };
    case 'markRow': {
      const candidateId = a.candidates[s.row];
      if (!candidateId) return s;
      return {
        ...s,
        marks: withMark(s.marks, candidateId, a.mark),
        row: rowAfterMark(s.row, a.candidates.length, a.mark),
      };
    }
    case 'row':
      return { ...s, row: a.row };
    case 'ballotNo':
      return { ...s, ballotNoText: a.text };
    case 'draft':
      return { ...s, draft: a.text, draftProblem: null };
    case 'addWriteIn':
      return addWriteIn(s, a.members, a.rules);
    case 'removeWriteIn':
      return { ...s, writeIns: s.writeIns.filter((w) => w !== a.memberId) };
    case 'clear':
      return { ...s, marks: {}, writeIns: [], row: 0 };
    case 'saved':
      return {
        ...s,
        feedback: msg('teller.saved', { n: a.ballotNo, verdict: a.valid ? 'valid' : 'invalid' }),
        lastSaved: Math.max(s.lastSaved, a.ballotNo),
        ballotNoText: null,
        marks: {},
        writeIns: [],
        draft: '',
        draftProblem: null,
        row: 0,
      };
  }
}

/** The number the next save uses: as typed, or one past the highest this teller has saved. */
export function ballotNumber(
  s: BallotEntryState,
  myBallotNos: readonly number[],
): { highest: number; ballotNo: number } {
  const highest = Math.max(s.lastSaved, ...myBallotNos, 0);
  return { highest, ballotNo: s.ballotNoText === null ? highest + 1 : Number(s.ballotNoText) };
}

export interface BallotVerdict {
  judged: JudgedBallot;
  forCount: number;
  /** How many persons the ballot elects, even when too many (the judgement of an over-vote counts none). */
  selections: number;
}

/** P-22, P-23: the ballot judged as keyed so far, by the contracts' own rule. */
export function judgeEntry(
  s: Pick<BallotEntryState, 'marks' | 'writeIns'>,
  seats: number,
  rules: WriteInRules,
): BallotVerdict {
  const ballot = { marks: s.marks, writeIns: s.writeIns };
  const forCount = Object.values(s.marks).filter((m) => m === 'for').length;
  const judged = judgeBallot(ballot, seats, rules);
  const selections = forCount + judgeBallot(ballot, Number.MAX_SAFE_INTEGER, rules).writeIns.length;
  return { judged, forCount, selections };
}

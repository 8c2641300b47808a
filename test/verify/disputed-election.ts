/**
 * The election behind the verifier tests, driven through HTTP like a real
 * chair, tellers and scrutineer would: 12 full members and one probationary
 * attendee, 11 voters check in, a committee of 3 from 4 candidates.
 *
 * Round 1 (threshold 6 of 11): m1 9, m2 7 elected, m3 4, m4 2; a write-in
 * for m5, one invalid ballot (four "for" on three seats), one blank ballot,
 * a double-entry disagreement a scrutineer settles, and a stray ballot number
 * voided. One seat short, so a supplementary round among m3 and m4 follows
 * (round 2: m3 8 elected, m4 3). The meeting then closes.
 *
 * The papers leave the box in a different order from the voters who dropped
 * them in: `voterBallots[i]` is what the i-th voter to check in marked, and
 * `boxOrder` is the order tellers read them out (ballot numbers 1, 2, … in
 * that order). A secrecy test compares the two.
 */
import type { RoundView } from '@tallyroom/contracts';
import type { Api } from '../support/api.js';
import { Election, makeRoll, memberId, type Ballot } from '../support/election.js';

export const M = (i: number) => memberId(i);
export const CANDIDATES = [M(1), M(2), M(3), M(4)];
export const VOTERS = Array.from({ length: 11 }, (_, i) => M(i + 1));
const f = (...ids: string[]) => Object.fromEntries(ids.map((id) => [id, 'for' as const]));

/** In check-in order: voter i marked voterBallots[i]. */
export const voterBallots: Ballot[] = [
  { marks: f(M(1), M(2), M(3)) },
  { marks: f(M(1), M(2), M(3)) },
  { marks: f(M(1), M(2), M(3)) },
  { marks: f(M(1), M(2), M(4)) },
  { marks: f(M(1), M(2), M(4)) },
  { marks: { ...f(M(1), M(2)), [M(3)]: 'against' } },
  { marks: { ...f(M(1), M(2)), [M(4)]: 'abstain' } },
  { marks: { ...f(M(1), M(3)), [M(2)]: 'against' } },
  { marks: { [M(1)]: 'for', [M(4)]: 'against' }, writeIns: [M(5)] },
  { marks: f(M(1), M(2), M(3), M(4)) },
  { marks: {} },
];
/** The order the papers come out of the box (indices into voterBallots). */
export const boxOrder = [6, 2, 10, 0, 8, 4, 9, 1, 7, 3, 5];

export const ROUND1 = {
  presentVoters: 11,
  ballotsIssued: 11,
  ballotsReturned: 11,
  valid: 10,
  invalid: 1,
  threshold: 6,
  for: { [M(1)]: 9, [M(2)]: 7, [M(3)]: 4, [M(4)]: 2, [M(5)]: 1 },
  elected: [M(1), M(2)],
};
export const ROUND2 = { valid: 11, invalid: 0, threshold: 6, for: { [M(3)]: 8, [M(4)]: 3 }, elected: [M(3)] };

export interface DisputedElection {
  e: Election;
  /** Revision of the 6th BallotRecorded of round 1: the middle of the count. */
  midRound1: number;
  /** The round as the server showed it at midRound1. */
  midView: RoundView;
}

export async function runDisputedElection(api: Api): Promise<DisputedElection> {
  const e = await Election.create(api, { title: '第五党支部换届选举党员大会', organisation: '第五党支部' });
  const roll = [...makeRoll(12), { memberId: 'q0001', name: '预备党员甲', status: 'probationary' as const }];
  await e.enrol(roll);
  await e.checkIn([...VOTERS, 'q0001']);
  await e.ready({ scrutineers: [M(11)], tellers: 2 });
  await e.contest({ contestId: 'committee', office: 'committee-member', seats: 3, candidates: CANDIDATES });
  const [t1, t2] = e.tellers as [string, string];

  await e.openRound('committee');
  const box = boxOrder.map((i) => voterBallots[i]!);
  const record = (teller: string, ballotNo: number, b: Ballot) =>
    e.m.command(
      'RecordBallot',
      { contestId: 'committee', round: 1, ballotNo, marks: b.marks, writeIns: b.writeIns ?? [] },
      { as: teller },
    );
  // Ballots 1-6 by both tellers, ballot 4 mis-keyed by teller 2 and settled by the scrutineer.
  for (let n = 1; n <= 6; n++) {
    await record(t1, n, box[n - 1]!);
    await record(t2, n, n === 4 ? { marks: f(M(4)) } : box[n - 1]!);
  }
  const midRound1 = (await e.m.head()).revision;
  const midView = await e.roundView('committee', 1);
  await e.m.command(
    'CorrectBallot',
    {
      contestId: 'committee',
      round: 1,
      ballotNo: 4,
      marks: box[3]!.marks,
      writeIns: box[3]!.writeIns ?? [],
      reason: '两名计票人录入不一致，监票人核对原始选票',
    },
    { as: e.scrutineer },
  );
  for (let n = 7; n <= 11; n++) {
    await record(t1, n, box[n - 1]!);
    await record(t2, n, box[n - 1]!);
  }
  // A ballot number no paper carries, keyed by mistake and voided.
  await record(t1, 99, { marks: f(M(4)) });
  await e.m.command(
    'VoidBallotEntry',
    { contestId: 'committee', round: 1, ballotNo: 99, reason: '误录票号' },
    { as: e.scrutineer },
  );
  await e.closeRound('committee', 1, 11);
  await e.declare('committee', 1);

  const round2: Ballot[] = Array.from({ length: 11 }, (_, i) => ({ marks: i < 8 ? f(M(3)) : f(M(4)) }));
  await e.runRound('committee', round2);
  await e.m.command('CloseMeeting', {});
  return { e, midRound1, midView };
}

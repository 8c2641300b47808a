/**
 * A meeting with something to minute (issue 20, points 5–7): a roll correction, a candidate's withdrawal, a round
 * closed, reopened by the chair and corrected by the scrutineer, each with its reason, then declared and the meeting
 * closed. Ten voters (one member corrected to probationary), one seat, A 7 votes and B 3 after the correction.
 */
import type { Api } from './api.js';
import { Election, makeRoll, memberId } from './election.js';

export const [A, B, C] = [memberId(1), memberId(2), memberId(3)];
export const REASONS = {
  roll: '名册录入有误，实为预备党员',
  withdrawal: '本人申请退出',
  reopen: '监票人发现1号票录入有误',
  correction: '核对原票，1号票实为赞成',
} as const;

export async function mendedMeeting(api: Api): Promise<Election> {
  const e = await Election.create(api, {
    title: '第五党支部换届选举党员大会',
    organisation: '中共某某局第五党支部',
    parameters: { doubleEntry: false },
  });
  await e.enrol(makeRoll(11));
  await e.checkIn(makeRoll(11).map((m) => m.memberId));
  await e.m.command('CorrectMember', { memberId: memberId(11), status: 'probationary', reason: REASONS.roll });
  await e.ready({ scrutineers: [memberId(10)] });
  await e.contest({ contestId: 'committee', seats: 1, candidates: [A, B, C] });
  await e.m.command('WithdrawCandidate', { contestId: 'committee', candidateId: C, reason: REASONS.withdrawal });
  await e.openRound('committee');
  // Ballot 1 is keyed as B by mistake: A 6, B 4 until the scrutineer corrects it to A 7, B 3.
  const ballots = Array.from({ length: 10 }, (_, i) => ({
    marks: i >= 1 && i <= 6 ? { [A]: 'for' as const } : { [B]: 'for' as const },
  }));
  await e.enterBallots('committee', 1, ballots, { tellers: e.tellers.slice(0, 1) });
  await e.closeRound('committee', 1, 10);
  await e.m.command('ReopenRound', { contestId: 'committee', round: 1, reason: REASONS.reopen });
  await e.m.command(
    'CorrectBallot',
    { contestId: 'committee', round: 1, ballotNo: 1, marks: { [A]: 'for' }, writeIns: [], reason: REASONS.correction },
    { as: e.scrutineer },
  );
  await e.closeRound('committee', 1, 10);
  await e.declare('committee', 1);
  await e.m.command('CloseMeeting', {});
  return e;
}

/**
 * meetingStage against an oracle of its own: the stage read straight off the event log by counting (check-ins
 * minus departures, the method, rounds opened, declarations electing the seats, approvals), after every event of
 * a whole meeting. The oracle shares no code with the fold or the stage function.
 */
import { describe, expect, it } from 'vitest';
import { readyMeeting } from '../testing/fixtures.js';
import type { MeetingEvent } from '../meeting/events.js';
import { fold } from '../meeting/evolve.js';
import { meetingStage } from './stage.js';

/** 10 full members on the roll, one contest of `seats` seats: the stage as a reader of the log would tell it. */
function oracle(log: readonly MeetingEvent[], members: number, seats: number): string {
  let present = 0;
  let checkedIn = false;
  let method = false;
  let opened = false;
  let elected = 0;
  let approved = false;
  for (const e of log) {
    const d = e.data as { elected?: string[] };
    if (e.type === 'MemberCheckedIn') {
      present++;
      checkedIn = true;
    }
    if (e.type === 'MemberDeparted' || e.type === 'CheckInWithdrawn') present--;
    if (e.type === 'ElectionMethodAdopted') method = true;
    if (e.type === 'RoundOpened') opened = true;
    if (e.type === 'ResultDeclared') elected += d.elected?.length ?? 0;
    if (e.type === 'ApprovalRecorded') approved = true;
  }
  if (approved) return 'approved';
  if (opened && elected >= seats) return 'declared';
  if (opened) return 'voting';
  if (method || 5 * present > 4 * members) return 'quorum'; // P-05: more than four fifths
  return checkedIn ? 'checking-in' : 'scheduled';
}

describe('meetingStage after every event of a meeting', () => {
  it('agrees with the oracle from the first event to the approval', () => {
    const m = readyMeeting({ voters: 10, seats: 2, candidates: 3 });
    const n = m.openRound('c1');
    // 10 papers: p1 and p2 for on each, so both pass P-24 in the first round.
    m.enterBallots(
      'c1',
      n,
      Array.from({ length: 10 }, () => ({ marks: { p1: 'for' as const, p2: 'for' as const } })),
    );
    m.closeRound('c1', n);
    m.declare('c1', n);
    m.run({ type: 'RecordApproval', data: { contestId: 'c1', reference: '区委组织部〔2026〕9号' } });
    const log = m.log();
    const seen = new Set<string>();
    for (let i = 1; i <= log.length; i++) {
      const prefix = log.slice(0, i);
      const expected = oracle(prefix, 10, 2);
      expect(meetingStage(fold(prefix)), `after revision ${i - 1} (${log[i - 1]!.type})`).toBe(expected);
      seen.add(expected);
    }
    // The walk passed through every stage the meeting's own log can reach.
    expect([...seen]).toEqual(['scheduled', 'checking-in', 'quorum', 'voting', 'declared', 'approved']);
  });
});

/**
 * What meetingView shows of the folded state, role by role. The deciders' specs check the events a command
 * causes; the checks of what the views then show live here, beside the views.
 */
import { describe, expect, it } from 'vitest';
import type { Mark } from '../meeting/commands.js';
import { ballotsWithTotals, meetingWithCheckIns, meetingWithRoll, readyMeeting, TELLER_1, TELLER_2, vote } from '../testing/fixtures.js';

/** 10 voters p1..p10 all present, one seat, candidates p1 and p2, round 1 open, single entry. */
const openedRound = () => { const b = readyMeeting({ voters: 10, seats: 1, candidates: 2, parameters: { doubleEntry: false } }); b.openRound(); return b; };
/** The same with double entry (two tellers key every ballot). */
const doubleEntry = () => { const b = readyMeeting({ voters: 10, seats: 1, candidates: 2 }); b.openRound(); return b; };
const rb = (ballotNo: number, marks: Record<string, Mark>) => ({ type: 'RecordBallot', data: { contestId: 'c1', round: 1, ballotNo, marks, writeIns: [] } });
const b1 = rb(1, { p1: 'for', p2: 'against' });

describe('attendance', () => {
  it('P-02: a probationary member who checks in is an attendee without a vote', () => {
    const b = meetingWithRoll(3).enrol([{ memberId: 'q1', name: '陈预备', status: 'probationary' }]).checkIn('q1', 'p1');
    expect(b.view().attendance).toMatchObject({ expected: 3, presentVoters: 1, attendeesWithoutVote: 1 });
  });

  it('P-05: a departure lowers presentVoters for the next quorum check', () => {
    expect(meetingWithCheckIns(5, 5).depart('p2').view().attendance.presentVoters).toBe(4);
  });
});

describe('officers', () => {
  it('a second appointment replaces the first', () => {
    const b = meetingWithCheckIns(10, 10).createContest('c1', 1).nominate('c1', ['p1']).appointOfficers(['p9']);
    b.run({ type: 'AppointOfficers', data: { scrutineers: ['p8'], tellers: [{ name: '计票人甲' }, { name: '计票人乙' }], vote: vote(10) } });
    expect(b.view().officers).toMatchObject({ scrutineerCount: 1, scrutineers: [{ memberId: 'p8' }] });
  });
});

describe('rounds', () => {
  it('P-24: the snapshot of a round stands when members leave after the ballots were issued; attendance drops', () => {
    const b = openedRound().depart('p3');
    expect(b.round()).toMatchObject({ presentVoters: 10, ballotsIssued: 10 });
    expect(b.view().attendance.presentVoters).toBe(9);
  });

  it('disagreeing entries are listed in the scrutineer\'s discrepancies (not the observer\'s); each teller sees their own', () => {
    const b = doubleEntry();
    b.run(b1, { actor: TELLER_1 });
    b.run(rb(1, { p1: 'against', p2: 'for' }), { actor: TELLER_2 });
    const sv = b.view('scrutineer').contests[0]!.rounds[0]!;
    expect(sv.discrepancies).toEqual([{ ballotNo: 1, entries: [
      { teller: 'teller-1', marks: { p1: 'for', p2: 'against' }, writeIns: [] },
      { teller: 'teller-2', marks: { p1: 'against', p2: 'for' }, writeIns: [] },
    ] }]);
    expect(b.view('observer').contests[0]!.rounds[0]!.discrepancies).toBeUndefined();
    expect(b.view('teller', 'teller-2').contests[0]!.rounds[0]!.myEntries).toEqual([{ ballotNo: 1, marks: { p1: 'against', p2: 'for' }, writeIns: [], settled: false }]);
  });

  it('names each entry\'s teller for the scrutineer, from the credential the chair issued', () => {
    const b = doubleEntry();
    // The fixture's own teller credentials carry no name; this one does.
    b.run({ type: 'IssueCredential', data: { credentialId: 'teller-3', role: 'teller', name: '王计票', tokenHash: 'a'.repeat(64) } });
    b.run(b1, { actor: { role: 'teller', id: 'teller-3' } });
    b.run(rb(1, { p1: 'against', p2: 'for' }), { actor: TELLER_2 });
    const entries = b.view('scrutineer').contests[0]!.rounds[0]!.discrepancies![0]!.entries;
    expect(entries.map((e) => [e.teller, e.tellerName])).toEqual([['teller-3', '王计票'], ['teller-2', undefined]]);
  });

  it('P-28: four members leave after a round: attendance shows the six still here', () => {
    const b = readyMeeting({ voters: 10, seats: 3, candidates: 4, parameters: { doubleEntry: false } });
    b.vote('c1', ballotsWithTotals({ p1: 10, p2: 10, p3: 5, p4: 5 }, 10, 3));
    expect(b.depart('p3', 'p4', 'p5', 'p6').view().attendance.presentVoters).toBe(6);
  });
});

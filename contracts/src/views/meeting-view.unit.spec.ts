/**
 * What meetingView shows of the folded state, role by role. The deciders' specs check the events a command
 * causes; the checks of what the views then show live here, beside the views.
 */
import { describe, expect, it } from 'vitest';
import { meetingWithCheckIns, meetingWithRoll, vote } from '../testing/fixtures.js';

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

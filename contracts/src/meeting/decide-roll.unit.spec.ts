import { describe, expect, it } from 'vitest';
import { resolveRuleset } from '../rules/ruleset.js';
import { given } from '../testing/spec.js';
import {
  KIOSK,
  ballot,
  ids,
  meetingWithCheckIns,
  meetingWithRoll,
  readyMeeting,
  roll,
  scheduledMeeting,
  vote,
} from '../testing/fixtures.js';

const hash = 'a'.repeat(64);
const schedule = (data: Record<string, unknown> = {}) => ({
  type: 'ScheduleMeeting',
  data: { title: '第一党支部换届选举党员大会', organisation: '第一党支部', scheduledFor: '2026-11-24', ...data },
});
const ref = '上级党委组织部〔2026〕12号';
const exclusion = (memberId: string, o: Record<string, unknown> = {}) => ({
  type: 'ExcludeFromExpected',
  data: { memberId, reason: 'abroad-6m', approvalRef: ref, meetingVote: vote(8), ...o },
});

describe('ScheduleMeeting', () => {
  it('schedules a meeting and pins the full cpc-branch ruleset in its first event', () => {
    given([])
      .when(schedule())
      .then([
        {
          type: 'MeetingScheduled',
          data: {
            meetingId: 'm1',
            title: '第一党支部换届选举党员大会',
            organisation: '第一党支部',
            ruleset: resolveRuleset('cpc-branch'),
            scheduledFor: '2026-11-24',
            timeZone: 'Asia/Shanghai',
            practice: false,
            officerCredentials: true,
            venueCodes: true,
            presentForWriting: true,
            committeeWriteIns: true,
          },
        },
      ]);
  });

  it('P-05: the inclusive 4/5 reading records the approving document', () => {
    given([])
      .when(schedule({ parameters: { quorumInclusive: true, quorumApprovalRef: '县委组织部〔2026〕3号' } }))
      .then(([e]) => {
        expect(e?.type === 'MeetingScheduled' && e.data.ruleset.quorum).toEqual({
          num: 4,
          den: 5,
          inclusive: true,
          rule: 'P-05',
          approvalRef: '县委组织部〔2026〕3号',
        });
      });
  });

  it('P-05: refuses the inclusive reading without a reference to the approving document', () => {
    given([])
      .when(schedule({ parameters: { quorumInclusive: true } }))
      .thenThrows({ code: 'APPROVAL_REQUIRED', rule: 'P-05', field: 'data.parameters.quorumApprovalRef' });
  });

  it('G-01: a generic assembly whose 2/3 is inclusive already needs no reference; a 公推大会 is refused under P-06', () => {
    given([])
      .when(schedule({ ruleset: 'simple-majority', parameters: { quorumInclusive: true } }))
      .then(([e]) => expect(e).toMatchObject({ data: { ruleset: { quorum: { inclusive: true, rule: 'G-01' } } } }));
    given([])
      .when(schedule({ ruleset: 'recommendation', parameters: { quorumInclusive: true } }))
      .thenThrows({ code: 'APPROVAL_REQUIRED', rule: 'P-06', field: 'data.parameters.quorumApprovalRef' });
  });

  it.each([
    [
      'a date that is not YYYY-MM-DD',
      { scheduledFor: '24/11/2026' },
      { code: 'INVALID_FIELD', field: 'data.scheduledFor', kind: 'validation' },
    ],
    ['an unknown ruleset', { ruleset: 'anarchy' }, { code: 'INVALID_FIELD', field: 'data.ruleset' }],
    ['unknown parameters', { parameters: { quorum: 'whatever' } }, { code: 'INVALID_FIELD', field: 'data.parameters' }],
  ] as const)('validation: refuses %s', (_case, data, refusal) => {
    given([]).when(schedule(data)).thenThrows(refusal);
  });

  it('a second schedule of the same meeting is a conflict (the id is taken)', () => {
    given(scheduledMeeting()).when(schedule()).thenThrows({ code: 'MEETING_EXISTS', kind: 'conflict' });
  });

  it('every other command needs a scheduled meeting', () => {
    given([])
      .when({ type: 'CheckIn', data: { memberId: 'p1' } })
      .thenThrows({ code: 'UNKNOWN_MEETING', kind: 'not-found' });
  });

  it('validation: an unknown command type names the field "type"', () => {
    given(scheduledMeeting())
      .when({ type: 'RigElection', data: {} })
      .thenThrows({ code: 'UNKNOWN_COMMAND', field: 'type' });
  });
});

describe('EnrolMembers', () => {
  const members = roll(3);
  it('P-01..P-03: enrols full, probationary and rights-suspended members, one event each', () => {
    const mixed = [
      ...members,
      { memberId: 'q1', name: '陈预备', status: 'probationary' },
      { memberId: 's1', name: '周察看', status: 'rights-suspended' },
    ];
    given(scheduledMeeting())
      .when({ type: 'EnrolMembers', data: { members: mixed } })
      .then(mixed.map((m) => ({ type: 'MemberEnrolled', data: m })) as never);
  });

  it('is idempotent: enrolling the same members again is a no-op', () => {
    given(scheduledMeeting().enrol(members)).when({ type: 'EnrolMembers', data: { members } }).thenNothingHappened();
  });

  it('enrolling a list with members already on the roll adds only the new ones', () => {
    const more = roll(4);
    given(scheduledMeeting().enrol(members))
      .when({ type: 'EnrolMembers', data: { members: more } })
      .then([{ type: 'MemberEnrolled', data: more[3]! }]);
  });

  it('refuses a number that differs from an enrolled one only in case or spaces (the kiosk could not tell them apart)', () => {
    given(scheduledMeeting().enrol([{ memberId: 'A001', name: '张伟', status: 'full' }]))
      .when({ type: 'EnrolMembers', data: { members: [{ memberId: 'a 001', name: '张伟', status: 'full' }] } })
      .thenThrows({ code: 'MEMBER_EXISTS', kind: 'conflict', field: 'data.members.0.memberId' });
  });

  it('refuses one list holding a number twice in different case', () => {
    given(scheduledMeeting())
      .when({
        type: 'EnrolMembers',
        data: {
          members: [
            { memberId: 'B7', name: '李红', status: 'full' },
            { memberId: 'b7', name: '王红', status: 'full' },
          ],
        },
      })
      .thenThrows({ code: 'DUPLICATE_MEMBER', kind: 'validation', field: 'data.members.1.memberId' });
  });

  it('adds a member late, after the list has been published, while no round has opened', () => {
    const late = { memberId: 'late1', name: '欧阳晚', status: 'full' } as const;
    given(readyMeeting())
      .when({ type: 'EnrolMembers', data: { members: [late] } })
      .then([{ type: 'MemberEnrolled', data: late }]);
  });

  it("refuses to change an enrolled member's details silently", () => {
    given(scheduledMeeting().enrol(members))
      .when({ type: 'EnrolMembers', data: { members: [{ ...members[0]!, status: 'probationary' }] } })
      .thenThrows({ code: 'MEMBER_EXISTS', kind: 'conflict', field: 'data.members.0.memberId' });
  });

  it.each([
    ['a member listed twice', [members[0], members[0]], { code: 'DUPLICATE_MEMBER', field: 'data.members.1.memberId' }],
    ['an empty list', [], { code: 'INVALID_FIELD', field: 'data.members' }],
    [
      'an unknown status',
      [{ ...members[0], status: 'honorary' }],
      { code: 'INVALID_FIELD', field: 'data.members.0.status' },
    ],
  ] as const)('validation: refuses %s', (_case, list, refusal) => {
    given(scheduledMeeting())
      .when({ type: 'EnrolMembers', data: { members: list } })
      .thenThrows(refusal);
  });

  it('P-02: refuses to change the roll once voting has begun', () => {
    const b = readyMeeting();
    b.openRound();
    given(b)
      .when({ type: 'EnrolMembers', data: { members: roll(1, { start: 99 }) } })
      .thenThrows({ code: 'ROLL_FROZEN', rule: 'P-02' });
  });
});

describe('ExcludeFromExpected', () => {
  // 10 on the roll, 8 present: p9 and p10 are away.
  const away = () => meetingWithCheckIns(10, 8);

  it("P-04: excludes an absent full member on an allowed reason, with the approval and the meeting's vote", () => {
    given(away())
      .when(exclusion('p9'))
      .then([
        {
          type: 'MemberExcluded',
          data: { memberId: 'p9', reason: 'abroad-6m', approvalRef: ref, meetingVote: vote(8) },
        },
      ]);
  });

  it('is idempotent: excluding an excluded member again is a no-op', () => {
    given(away().exclude('p9')).when(exclusion('p9')).thenNothingHappened();
  });

  it.each([
    ['probationary', 'q1'],
    ['rights-suspended', 's1'],
  ])('P-03: refuses a %s member: they are never expected anyway', (_status, memberId) => {
    const b = away().enrol([
      { memberId: 'q1', name: '陈预备', status: 'probationary' },
      { memberId: 's1', name: '周察看', status: 'rights-suspended' },
    ]);
    given(b).when(exclusion(memberId)).thenThrows({ code: 'NOT_A_VOTER', rule: 'P-03', field: 'data.memberId' });
  });

  it('P-04: refuses a reason outside the list (being under investigation is not a ground)', () => {
    given(away())
      .when(exclusion('p9', { reason: 'under-investigation' }))
      .thenThrows({ code: 'INVALID_EXCLUSION_REASON', rule: 'P-04', field: 'data.reason' });
  });

  it('P-04: refuses to exclude a member who is present', () => {
    given(away()).when(exclusion('p1')).thenThrows({ code: 'MEMBER_PRESENT', rule: 'P-04', field: 'data.memberId' });
  });

  it('P-04: refuses when the meeting voted it down', () => {
    given(away())
      .when(exclusion('p9', { meetingVote: vote(3, 5) }))
      .thenThrows({ code: 'VOTE_FAILED', rule: 'P-04', field: 'data.meetingVote' });
  });

  it.each([
    ['2 of 8 present, all the votes cast', 2],
    ['4 of 8 present: exactly half', 4],
  ])(
    "P-04: the meeting's vote needs more than half of the voters present, not just of the votes cast: %s fails",
    (_case, votes) => {
      given(away())
        .when(exclusion('p9', { meetingVote: vote(votes) }))
        .thenThrows({ code: 'VOTE_FAILED', rule: 'P-04' });
    },
  );

  it('P-04: 5 votes of 8 voters present carry the exclusion', () => {
    given(away())
      .when(exclusion('p9', { meetingVote: vote(5) }))
      .then((events) => expect(events).toHaveLength(1));
  });

  it('P-04: refuses once voting has begun (exclusions precede the quorum count)', () => {
    const b = readyMeeting({ voters: 10, present: 9 });
    b.openRound();
    given(b)
      .when(exclusion('p10', { meetingVote: vote(9) }))
      .thenThrows({ code: 'EXCLUSION_TOO_LATE', rule: 'P-04' });
  });

  it('refuses an unknown member (not found, field data.memberId)', () => {
    given(away())
      .when(exclusion('nobody'))
      .thenThrows({ code: 'UNKNOWN_MEMBER', kind: 'not-found', field: 'data.memberId' });
  });
});

describe('CheckIn', () => {
  it('checks a member in at the desk by default', () => {
    given(meetingWithRoll(3))
      .when({ type: 'CheckIn', data: { memberId: 'p1' } })
      .then([{ type: 'MemberCheckedIn', data: { memberId: 'p1', method: 'desk' } }]);
  });

  // DEFAULT_CTX.now is 2026-11-24T09:00:00Z = 1795510800 s, the first second of 30 s window 59850360.
  const W = 59850360;
  const OWN = { role: 'member', id: 'member-p1' } as const;
  const shown = {
    venueCodes: [
      { window: W, code: '246810' },
      { window: W - 1, code: '135790' },
    ],
  };

  it('P-05: checks a member in at the kiosk from the card the kiosk read', () => {
    given(meetingWithRoll(3))
      .when({ type: 'CheckIn', data: { memberId: 'p1', method: 'kiosk' } }, { actor: KIOSK, presence: { card: 'p1' } })
      .then([{ type: 'MemberCheckedIn', data: { memberId: 'p1', method: 'kiosk' } }]);
  });

  it.each([
    ['no card read (a typed number)', undefined],
    ["another member's card", { card: 'p2' }],
  ])('P-05: the kiosk is refused with %s, unknown ids included', (_case, presence) => {
    for (const memberId of ['p1', 'stranger'])
      given(meetingWithRoll(3))
        .when(
          { type: 'CheckIn', data: { memberId, method: 'kiosk' } },
          { actor: KIOSK, ...(presence ? { presence } : {}) },
        )
        .thenThrows({ code: 'KIOSK_NEEDS_CARD', rule: 'P-05', field: 'data.memberId' });
  });

  it('records how the member arrived from the credential, not from what the client claims: the kiosk', () => {
    given(meetingWithRoll(3))
      .when({ type: 'CheckIn', data: { memberId: 'p1', method: 'self' } }, { actor: KIOSK, presence: { card: 'p1' } })
      .then([{ type: 'MemberCheckedIn', data: { memberId: 'p1', method: 'kiosk' } }]);
  });

  it('records how the member arrived from the credential, not from what the client claims: the desk', () => {
    given(meetingWithRoll(3))
      .when({ type: 'CheckIn', data: { memberId: 'p1', method: 'self' } })
      .then([{ type: 'MemberCheckedIn', data: { memberId: 'p1', method: 'desk' } }]);
    given(meetingWithRoll(3))
      .when({ type: 'CheckIn', data: { memberId: 'p1', method: 'kiosk' } }, { actor: { role: 'clerk', id: 'c1' } })
      .then([{ type: 'MemberCheckedIn', data: { memberId: 'p1', method: 'desk' } }]);
  });

  it("P-05: a member's own check-in with the code shown now records the window it matched", () => {
    given(meetingWithRoll(3))
      .when(
        { type: 'CheckIn', data: { memberId: 'p1', method: 'desk', venueCode: '246810' } },
        { actor: OWN, presence: shown },
      )
      .then([{ type: 'MemberCheckedIn', data: { memberId: 'p1', method: 'self', venueWindow: W } }]);
  });

  it("P-05: a member's own check-in with the previous window's code is still taken", () => {
    given(meetingWithRoll(3))
      .when({ type: 'CheckIn', data: { memberId: 'p1', venueCode: '135790' } }, { actor: OWN, presence: shown })
      .then([{ type: 'MemberCheckedIn', data: { memberId: 'p1', method: 'self', venueWindow: W - 1 } }]);
  });

  it.each([
    ['no code', {}, shown, 'VENUE_CODE_REQUIRED'],
    ['an empty code', { venueCode: ' ' }, shown, 'VENUE_CODE_REQUIRED'],
    ['a wrong code', { venueCode: '246811' }, shown, 'VENUE_CODE_WRONG'],
    ['five digits', { venueCode: '24681' }, shown, 'VENUE_CODE_WRONG'],
    // The edge offered a code two windows old: the decider takes only the current and the previous window.
    [
      'a code two windows old',
      { venueCode: '112233' },
      { venueCodes: [{ window: W - 2, code: '112233' }] },
      'VENUE_CODE_WRONG',
    ],
    [
      'a code from a window not yet begun',
      { venueCode: '112233' },
      { venueCodes: [{ window: W + 1, code: '112233' }] },
      'VENUE_CODE_WRONG',
    ],
    ['a code when the edge proved none', { venueCode: '246810' }, undefined, 'VENUE_CODE_WRONG'],
  ] as const)("P-05: a member's own check-in is refused with %s", (_case, extra, presence, code) => {
    given(meetingWithRoll(3))
      .when({ type: 'CheckIn', data: { memberId: 'p1', ...extra } }, { actor: OWN, ...(presence ? { presence } : {}) })
      .thenThrows({ code, rule: 'P-05', field: 'data.venueCode' });
  });

  it("P-05: a log written before the venue code (MeetingScheduled without venueCodes) keeps a member's own check-in", () => {
    const log = meetingWithRoll(3)
      .log()
      .map((e) => (e.type === 'MeetingScheduled' ? { ...e, data: { ...e.data, venueCodes: undefined } } : e));
    given(log as never)
      .when({ type: 'CheckIn', data: { memberId: 'p1' } }, { actor: OWN })
      .then([{ type: 'MemberCheckedIn', data: { memberId: 'p1', method: 'self' } }]);
  });

  it('P-05: a member already present still needs the code, and with it nothing happens', () => {
    given(meetingWithCheckIns(3, 1))
      .when({ type: 'CheckIn', data: { memberId: 'p1' } }, { actor: OWN, presence: shown })
      .thenThrows({ code: 'VENUE_CODE_REQUIRED', rule: 'P-05' });
    given(meetingWithCheckIns(3, 1))
      .when({ type: 'CheckIn', data: { memberId: 'p1', venueCode: '246810' } }, { actor: OWN, presence: shown })
      .thenNothingHappened();
  });

  it('is idempotent: a second scan of the same member is a no-op', () => {
    given(meetingWithCheckIns(3, 1))
      .when({ type: 'CheckIn', data: { memberId: 'p1', method: 'self' } })
      .thenNothingHappened();
  });

  it('P-02: a probationary member may check in (as an attendee without a vote: meeting-view.unit.spec.ts)', () => {
    const b = meetingWithRoll(3).enrol([{ memberId: 'q1', name: '陈预备', status: 'probationary' }]);
    given(b)
      .when({ type: 'CheckIn', data: { memberId: 'q1' } })
      .then([{ type: 'MemberCheckedIn', data: { memberId: 'q1', method: 'desk' } }]);
  });

  it('P-04: refuses a member excluded from the expected number', () => {
    given(meetingWithCheckIns(10, 8).exclude('p9'))
      .when({ type: 'CheckIn', data: { memberId: 'p9' } })
      .thenThrows({ code: 'MEMBER_EXCLUDED', rule: 'P-04', field: 'data.memberId' });
  });

  it.each([
    [
      'someone not on the roll',
      { memberId: 'stranger' },
      { code: 'UNKNOWN_MEMBER', kind: 'not-found', field: 'data.memberId' },
    ],
    ['an unknown method', { memberId: 'p1', method: 'telepathy' }, { code: 'INVALID_FIELD', field: 'data.method' }],
  ] as const)('refuses %s', (_case, data, refusal) => {
    given(meetingWithRoll(3)).when({ type: 'CheckIn', data }).thenThrows(refusal);
  });
});

describe('WithdrawCheckIn', () => {
  const wrong = { type: 'WithdrawCheckIn', data: { memberId: 'p1', reason: 'scanned the wrong card' } };
  it('withdraws a mistaken check-in with its reason', () => {
    given(meetingWithCheckIns(3, 1))
      .when(wrong)
      .then([{ type: 'CheckInWithdrawn', data: wrong.data }]);
  });
  it('is idempotent: withdrawing a check-in already withdrawn, or of a member who has left, is a no-op', () => {
    const withdrawn = meetingWithCheckIns(3, 1);
    withdrawn.run(wrong);
    given(withdrawn).when(wrong).thenNothingHappened();
    given(meetingWithCheckIns(3, 1).depart('p1')).when(wrong).thenNothingHappened();
  });
  it('refuses to withdraw the check-in of a member who never checked in, naming them', () => {
    given(meetingWithRoll(3))
      .when(wrong)
      .thenThrows({ code: 'NOT_CHECKED_IN', kind: 'conflict', field: 'data.memberId' });
    expect(() => meetingWithRoll(3).run(wrong)).toThrow(expect.objectContaining({ params: { memberId: 'p1' } }));
  });
  it('validation: a withdrawal needs a reason', () => {
    given(meetingWithCheckIns(3, 1))
      .when({ type: 'WithdrawCheckIn', data: { memberId: 'p1', reason: '  ' } })
      .thenThrows({ code: 'INVALID_FIELD', field: 'data.reason' });
  });
  it('refuses someone not on the roll', () => {
    given(meetingWithCheckIns(3, 1))
      .when({ type: 'WithdrawCheckIn', data: { memberId: 'x', reason: 'r' } })
      .thenThrows({ code: 'UNKNOWN_MEMBER', field: 'data.memberId' });
  });
});

describe('RecordDeparture', () => {
  it('P-05: records a departure (which lowers presentVoters for the next quorum check: meeting-view.unit.spec.ts)', () => {
    given(meetingWithCheckIns(5, 5))
      .when({ type: 'RecordDeparture', data: { memberId: 'p2' } })
      .then([{ type: 'MemberDeparted', data: { memberId: 'p2' } }]);
  });
  it('is idempotent: a member who is not present cannot leave again', () => {
    given(meetingWithCheckIns(5, 5).depart('p2'))
      .when({ type: 'RecordDeparture', data: { memberId: 'p2' } })
      .thenNothingHappened();
  });
  it('refuses the departure of a member who never checked in, and records the next one after a return', () => {
    given(meetingWithCheckIns(5, 2))
      .when({ type: 'RecordDeparture', data: { memberId: 'p4' } })
      .thenThrows({ code: 'NOT_CHECKED_IN', kind: 'conflict', field: 'data.memberId' });
    expect(() => meetingWithCheckIns(5, 2).run({ type: 'RecordDeparture', data: { memberId: 'p4' } })).toThrow(
      expect.objectContaining({ code: 'NOT_CHECKED_IN', params: { memberId: 'p4' } }),
    );
    const back = meetingWithCheckIns(5, 5).depart('p2');
    expect(back.state.members.get('p2')).toMatchObject({ present: false, left: 'departed' });
    back.checkIn('p2');
    expect(back.state.members.get('p2')).toMatchObject({ present: true });
    expect(back.state.members.get('p2')).not.toHaveProperty('left');
    given(back)
      .when({ type: 'RecordDeparture', data: { memberId: 'p2' } })
      .then([{ type: 'MemberDeparted', data: { memberId: 'p2' } }]);
  });
  it('refuses someone not on the roll', () => {
    given(meetingWithRoll(5))
      .when({ type: 'RecordDeparture', data: { memberId: 'x' } })
      .thenThrows({ code: 'UNKNOWN_MEMBER', field: 'data.memberId' });
  });
  it('refuses anything but a member id (validation)', () => {
    given(meetingWithRoll(5))
      .when({ type: 'RecordDeparture', data: { memberId: '' } })
      .thenThrows({ code: 'INVALID_FIELD', field: 'data.memberId' });
  });
});

describe('AdoptElectionMethod', () => {
  const adopt = (v = vote(9, 1)) => ({ type: 'AdoptElectionMethod', data: { vote: v } });
  it('P-15: adopts the election method on a majority of the voters present', () => {
    given(meetingWithCheckIns(10, 10))
      .when(adopt())
      .then([{ type: 'ElectionMethodAdopted', data: { vote: vote(9, 1) } }]);
  });
  it('is idempotent: once adopted, adopting again is a no-op', () => {
    given(meetingWithCheckIns(10, 10).adoptMethod()).when(adopt()).thenNothingHappened();
  });
  it('P-05: refuses to adopt anything below quorum (8 of 10 is not more than 4/5)', () => {
    given(meetingWithCheckIns(10, 8))
      .when(adopt(vote(8)))
      .thenThrows({ code: 'QUORUM_NOT_MET', rule: 'P-05' });
  });
  it('P-15: refuses when the vote does not carry (exactly half fails)', () => {
    given(meetingWithCheckIns(10, 10))
      .when(adopt(vote(5, 5)))
      .thenThrows({ code: 'VOTE_FAILED', rule: 'P-15', field: 'data.vote' });
  });
  it.each([
    [
      'more votes than voters present',
      vote(9, 1),
      { code: 'VOTE_EXCEEDS_PRESENT', kind: 'validation', field: 'data.vote' },
    ],
    ['a vote count that is not a whole number', vote(9.5 as number), { code: 'INVALID_FIELD', field: 'data.vote.for' }],
  ] as const)('validation: refuses %s', (_case, v, refusal) => {
    given(meetingWithCheckIns(10, 9)).when(adopt(v)).thenThrows(refusal);
  });
});

describe('AppointOfficers', () => {
  const appoint = (
    scrutineers: string[],
    tellers: { name: string; memberId?: string }[] = [{ name: '计票人甲' }, { name: '计票人乙' }],
    v = vote(10),
  ) => ({ type: 'AppointOfficers', data: { scrutineers, tellers, vote: v } });
  const withNominee = () => meetingWithCheckIns(10, 10).createContest('c1', 1).nominate('c1', ['p1']);

  it('P-16, P-17: appoints non-candidate scrutineers and tellers by vote', () => {
    given(withNominee())
      .when(appoint(['p9'], [{ name: '计票人甲', memberId: 'p8' }, { name: '外来计票人' }]))
      .then([
        {
          type: 'OfficersAppointed',
          data: {
            scrutineers: ['p9'],
            tellers: [{ name: '计票人甲', memberId: 'p8' }, { name: '外来计票人' }],
            vote: vote(10),
          },
        },
      ]);
  });

  it('P-16: refuses a scrutineer who is a candidate', () => {
    given(withNominee())
      .when(appoint(['p9', 'p1']))
      .thenThrows({ code: 'SCRUTINEER_IS_CANDIDATE', rule: 'P-16', field: 'data.scrutineers.1' });
  });

  it('P-16: refuses a scrutineer without a vote (probationary)', () => {
    const b = withNominee().enrol([{ memberId: 'q1', name: '陈预备', status: 'probationary' }]);
    given(b)
      .when(appoint(['q1']))
      .thenThrows({ code: 'SCRUTINEER_NOT_VOTER', rule: 'P-16', field: 'data.scrutineers.0' });
  });

  it('P-17: refuses a teller who is a candidate', () => {
    given(withNominee())
      .when(appoint(['p9'], [{ name: '张三', memberId: 'p1' }]))
      .thenThrows({ code: 'TELLER_IS_CANDIDATE', rule: 'P-17', field: 'data.tellers.0.memberId' });
  });

  it('P-17: appoints a teller who is a candidate when the ruleset allows it', () => {
    const lenient = scheduledMeeting({ parameters: { tellersMayBeCandidates: true } })
      .enrol(roll(10))
      .checkIn(...ids(roll(10)))
      .createContest('c1', 1)
      .nominate('c1', ['p1']);
    given(lenient)
      .when(appoint(['p9'], [{ name: '张三', memberId: 'p1' }, { name: '计票人乙' }]))
      .then((events) => expect(events[0]?.type).toBe('OfficersAppointed'));
  });

  it('P-05: refuses below quorum', () => {
    given(meetingWithCheckIns(10, 8))
      .when(appoint(['p1'], undefined, vote(8)))
      .thenThrows({ code: 'QUORUM_NOT_MET', rule: 'P-05' });
  });

  it("P-16: refuses when the meeting's vote does not carry", () => {
    given(withNominee())
      .when(appoint(['p9'], undefined, vote(5, 5)))
      .thenThrows({ code: 'VOTE_FAILED', rule: 'P-16' });
  });

  it('is not a retry-no-op: a second appointment is a new decision of the meeting (which replaces the first: meeting-view.unit.spec.ts)', () => {
    const b = withNominee().appointOfficers(['p9']);
    given(b)
      .when(appoint(['p8']))
      .then(([e]) => expect(e).toMatchObject({ type: 'OfficersAppointed', data: { scrutineers: ['p8'] } }));
  });

  it.each([
    ['no scrutineer', [], { code: 'INVALID_FIELD', field: 'data.scrutineers' }],
    ['a scrutineer twice', ['p9', 'p9'], { code: 'DUPLICATE_OFFICER', field: 'data.scrutineers' }],
  ] as const)('validation: refuses %s', (_case, scrutineers, refusal) => {
    given(withNominee())
      .when(appoint([...scrutineers]))
      .thenThrows(refusal);
  });
});

describe('CloseMeeting', () => {
  const close = { type: 'CloseMeeting', data: {} };
  it('closes the meeting', () => {
    given(meetingWithCheckIns(3, 3))
      .when(close)
      .then([{ type: 'MeetingClosed', data: {} }]);
  });
  it('is idempotent: closing a closed meeting is a no-op', () => {
    const b = meetingWithCheckIns(3, 2);
    b.run(close);
    given(b).when(close).thenNothingHappened();
  });

  it('nothing else is accepted after it', () => {
    const b = meetingWithCheckIns(3, 2);
    b.run(close);
    given(b)
      .when({ type: 'CheckIn', data: { memberId: 'p3' } })
      .thenThrows({ code: 'MEETING_CLOSED', kind: 'conflict' });
  });
  it('P-15: refuses while a round is open', () => {
    const b = readyMeeting();
    b.openRound();
    given(b).when(close).thenThrows({ code: 'ROUND_OPEN', rule: 'P-15' });
  });
  it('P-15: refuses while a round is open, even when confirmed', () => {
    const b = readyMeeting();
    b.openRound();
    given(b)
      .when({ type: 'CloseMeeting', data: { confirmUnfinished: true } })
      .thenThrows({ code: 'ROUND_OPEN', rule: 'P-15' });
  });
  it('P-15: refuses to close over a contest without its result unless confirmed, naming the contest', () => {
    given(readyMeeting())
      .when(close)
      .thenThrows({ code: 'CONTESTS_UNFINISHED', rule: 'P-15', field: 'data.confirmUnfinished' });
    expect(() => readyMeeting().run(close)).toThrow(/c1 \(not-started\)/);
  });
  it('P-15: closes over an unfinished contest when confirmed', () => {
    given(readyMeeting())
      .when({ type: 'CloseMeeting', data: { confirmUnfinished: true } })
      .then([{ type: 'MeetingClosed', data: {} }]);
  });
  it('P-15: closes without confirmation once every contest has its result', () => {
    const b = readyMeeting({ voters: 10, seats: 1, candidates: 2, parameters: { doubleEntry: false } });
    b.vote('c1', [...Array(6).fill(ballot(['p1'])), ...Array(4).fill(ballot(['p2']))]);
    given(b)
      .when(close)
      .then([{ type: 'MeetingClosed', data: {} }]);
  });
});

describe('IssueCredential / RevokeCredential', () => {
  const hash = 'a'.repeat(64);
  const issue = (o: Record<string, unknown> = {}) => ({
    type: 'IssueCredential',
    data: { credentialId: 'cr-1', role: 'observer', name: '列席观察', tokenHash: hash, ...o },
  });

  it('issues a credential (only the token hash is stored)', () => {
    given(meetingWithRoll(3))
      .when(issue())
      .then([
        {
          type: 'CredentialIssued',
          data: { credentialId: 'cr-1', role: 'observer', name: '列席观察', tokenHash: hash },
        },
      ]);
  });
  it('a member credential names a member on the roll', () => {
    given(meetingWithRoll(3))
      .when(issue({ role: 'member', name: undefined, memberId: 'p2' }))
      .then([
        { type: 'CredentialIssued', data: { credentialId: 'cr-1', role: 'member', memberId: 'p2', tokenHash: hash } },
      ]);
  });

  it.each([
    ['a member credential without a member', { role: 'member' }, { code: 'MEMBER_REQUIRED', field: 'data.memberId' }],
    [
      'a member credential for someone not on the roll',
      { role: 'member', memberId: 'x' },
      { code: 'UNKNOWN_MEMBER', field: 'data.memberId' },
    ],
    ['an unknown role', { role: 'king' }, { code: 'INVALID_FIELD', field: 'data.role' }],
    [
      'a token hash that is not sha-256 hex',
      { tokenHash: 'secret' },
      { code: 'INVALID_FIELD', field: 'data.tokenHash' },
    ],
  ] as const)('refuses %s', (_case, data, refusal) => {
    given(meetingWithRoll(3)).when(issue(data)).thenThrows(refusal);
  });

  it('refuses a reused credential id', () => {
    const b = meetingWithRoll(3);
    b.run(issue());
    given(b).when(issue()).thenThrows({ code: 'CREDENTIAL_EXISTS', kind: 'conflict', field: 'data.credentialId' });
  });

  it('revokes a credential', () => {
    const b = meetingWithRoll(3);
    b.run(issue());
    given(b)
      .when({ type: 'RevokeCredential', data: { credentialId: 'cr-1' } })
      .then([{ type: 'CredentialRevoked', data: { credentialId: 'cr-1' } }]);
  });

  it('is idempotent: revoking a revoked credential is a no-op', () => {
    const b = meetingWithRoll(3);
    b.run(issue());
    b.run({ type: 'RevokeCredential', data: { credentialId: 'cr-1' } });
    given(b)
      .when({ type: 'RevokeCredential', data: { credentialId: 'cr-1' } })
      .thenNothingHappened();
  });
  it('refuses to revoke an unknown credential (not found, field data.credentialId)', () => {
    given(meetingWithRoll(3))
      .when({ type: 'RevokeCredential', data: { credentialId: 'nope' } })
      .thenThrows({ code: 'UNKNOWN_CREDENTIAL', kind: 'not-found', field: 'data.credentialId' });
  });
});

describe('SetRecoveryCode', () => {
  const set = (codeHash: string) => ({ type: 'SetRecoveryCode', data: { codeHash } });

  it('records the hash of a new recovery code, replacing the one before', () => {
    given(scheduledMeeting())
      .when(set('a'.repeat(64)))
      .then([{ type: 'RecoveryCodeSet', data: { codeHash: 'a'.repeat(64) } }]);
    const b = scheduledMeeting();
    b.run(set('a'.repeat(64)));
    given(b)
      .when(set('b'.repeat(64)))
      .then([{ type: 'RecoveryCodeSet', data: { codeHash: 'b'.repeat(64) } }]);
  });

  it('changes nothing for the code already set', () => {
    const b = scheduledMeeting();
    b.run(set('a'.repeat(64)));
    given(b)
      .when(set('a'.repeat(64)))
      .thenNothingHappened();
  });

  it('takes only a SHA-256 in hex (the server draws the code; the log never holds it)', () => {
    given(scheduledMeeting())
      .when(set('7KQM-3XWP-9TRD-VH2C-M4NB'))
      .thenThrows({ code: 'INVALID_FIELD', kind: 'validation', field: 'data.codeHash' });
  });
});

describe('Officers hold the pen: teller and scrutineer credentials (P-16, P-17)', () => {
  // readyMeeting: p1, p2 stand in c1; p10 (钱七's successor, the last voter) is the scrutineer; 计票人甲, 计票人乙 tell.
  const mint = (role: string, o: Record<string, unknown> = {}) => ({
    type: 'IssueCredential',
    data: { credentialId: 'cr-1', role, tokenHash: hash, ...o },
  });
  const scrutineerName = () => readyMeeting().view().officers!.scrutineers![0]!.name;

  it('P-16: a scrutineer credential is bound to the appointed scrutineer, named and numbered as the roll has them', () => {
    given(readyMeeting())
      .when(mint('scrutineer', { officer: 'p10' }))
      .then([
        {
          type: 'CredentialIssued',
          data: {
            credentialId: 'cr-1',
            role: 'scrutineer',
            name: scrutineerName(),
            memberId: 'p10',
            officer: 'p10',
            tokenHash: hash,
          },
        },
      ]);
  });

  it('P-17: a teller credential is bound to a teller by the name as appointed', () => {
    given(readyMeeting())
      .when(mint('teller', { officer: '计票人乙' }))
      .then([
        {
          type: 'CredentialIssued',
          data: { credentialId: 'cr-1', role: 'teller', name: '计票人乙', officer: '计票人乙', tokenHash: hash },
        },
      ]);
  });

  it.each([
    ['P-16', 'scrutineer'],
    ['P-17', 'teller'],
  ] as const)('%s: a %s credential without its officer is refused, naming data.officer', (rule, role) => {
    given(readyMeeting())
      .when(mint(role))
      .thenThrows({ code: 'OFFICER_REQUIRED', rule, kind: 'rule', field: 'data.officer' });
  });

  it.each([
    ['P-16', 'scrutineer', 'p3'],
    ['P-16', 'scrutineer', 'p1'],
    ['P-17', 'teller', '计票人丙'],
    ['P-17', 'teller', 'p10'],
  ] as const)('%s: a %s credential for %s, who was not appointed, is refused', (rule, role, officer) => {
    given(readyMeeting())
      .when(mint(role, { officer }))
      .thenThrows({ code: 'NOT_AN_OFFICER', rule, kind: 'rule', field: 'data.officer' });
  });

  it('P-16/P-17: before any officers are appointed, no teller or scrutineer credential is minted', () => {
    given(meetingWithCheckIns(5, 5))
      .when(mint('teller', { officer: '计票人甲' }))
      .thenThrows({ code: 'NOT_AN_OFFICER', rule: 'P-17' });
  });

  it.each([
    ['a typed name', { name: '别人' }, 'data.name'],
    ['a chosen member', { memberId: 'p3' }, 'data.memberId'],
  ] as const)('P-16: an officer credential takes no %s beside the officer', (_case, extra, field) => {
    given(readyMeeting())
      .when(mint('scrutineer', { officer: 'p10', ...extra }))
      .thenThrows({ code: 'OFFICER_NAME_FIXED', kind: 'validation', field });
  });

  it('binds no officer to another role', () => {
    given(readyMeeting())
      .when(mint('observer', { officer: 'p10' }))
      .thenThrows({ code: 'OFFICER_ROLE_ONLY', kind: 'validation', field: 'data.officer' });
  });

  // Appointment and nomination keep officers and candidates apart; a state that still has one both (a log written
  // before review was held to P-16) is refused the pen at minting.
  it.each([
    ['P-16', 'scrutineer', 'p10', 'p10'],
    ['P-17', 'teller', '计票人丙', 'p9'],
  ] as const)(
    '%s: a %s who is a candidate of an upcoming contest gets no credential',
    (rule, role, officer, memberId) => {
      const b = readyMeeting();
      const log = [...b.log()];
      const at = log.length;
      const next = (type: string, data: unknown, i: number) => ({
        ...log.at(-1)!,
        type,
        data,
        metadata: { ...log.at(-1)!.metadata, revision: at + i, commandId: `forged-${i}` },
      });
      const history = [
        ...log,
        next(
          'OfficersAppointed',
          { scrutineers: ['p10'], tellers: [{ name: '计票人丙', memberId: 'p9' }], vote: vote(10) },
          0,
        ),
        next(
          'ContestCreated',
          { contestId: 'c2', office: 'secretary', seats: 1, mode: 'uncontested', electorate: 'meeting' },
          1,
        ),
        next('NominationReceived', { contestId: 'c2', nomineeId: memberId, route: 'organisation', supporters: [] }, 2),
      ] as never;
      given(history)
        .when(mint(role, { officer }))
        .thenThrows({ code: 'OFFICER_IS_CANDIDATE', rule, kind: 'rule', field: 'data.officer' });
    },
  );

  it('the chair mints no chair credential', () => {
    given(readyMeeting())
      .when(mint('chair'))
      .thenThrows({ code: 'CHAIR_NOT_MINTABLE', kind: 'forbidden', field: 'data.role' });
  });

  it('a recovery code still mints a chair credential (the system, not the chair)', () => {
    given(readyMeeting())
      .when(mint('chair'), { actor: { role: 'system', id: 'recovery' } })
      .then([{ type: 'CredentialIssued', data: { credentialId: 'cr-1', role: 'chair', tokenHash: hash } }]);
  });

  it('a log written before officers were bound keeps its free minting (MeetingScheduled without officerCredentials)', () => {
    const log = readyMeeting()
      .log()
      .map((e) => (e.type === 'MeetingScheduled' ? { ...e, data: { ...e.data, officerCredentials: undefined } } : e));
    given(log as never)
      .when(mint('teller', { name: '随便谁' }))
      .then([
        { type: 'CredentialIssued', data: { credentialId: 'cr-1', role: 'teller', name: '随便谁', tokenHash: hash } },
      ]);
    given(log as never)
      .when(mint('chair'))
      .then([{ type: 'CredentialIssued', data: { credentialId: 'cr-1', role: 'chair', tokenHash: hash } }]);
  });
});

describe('AppointOfficers again: the replaced officers lose the pen (P-16, P-17)', () => {
  const minted = () => {
    const b = readyMeeting();
    b.run({
      type: 'IssueCredential',
      data: { credentialId: 's-old', role: 'scrutineer', officer: 'p10', tokenHash: hash },
    });
    b.run({
      type: 'IssueCredential',
      data: { credentialId: 't-a', role: 'teller', officer: '计票人甲', tokenHash: 'b'.repeat(64) },
    });
    b.run({
      type: 'IssueCredential',
      data: { credentialId: 't-b', role: 'teller', officer: '计票人乙', tokenHash: 'c'.repeat(64) },
    });
    return b;
  };
  const appoint = (scrutineers: string[], tellers: { name: string; memberId?: string }[]) => ({
    type: 'AppointOfficers',
    data: { scrutineers, tellers, vote: vote(10) },
  });

  it('revokes, in the same decision, the credentials of officers no longer appointed, and keeps the others', () => {
    given(minted())
      .when(appoint(['p9'], [{ name: '计票人甲' }, { name: '计票人丁' }]))
      .then([
        {
          type: 'OfficersAppointed',
          data: { scrutineers: ['p9'], tellers: [{ name: '计票人甲' }, { name: '计票人丁' }], vote: vote(10) },
        },
        { type: 'CredentialRevoked', data: { credentialId: 's-old', reason: 'officers-replaced' } },
        { type: 'CredentialRevoked', data: { credentialId: 't-b', reason: 'officers-replaced' } },
      ]);
  });

  it('a teller appointed again under the same name but as another member is another officer', () => {
    given(minted())
      .when(appoint(['p10'], [{ name: '计票人甲', memberId: 'p8' }, { name: '计票人乙' }]))
      .then((events) => {
        expect(events.slice(1)).toEqual([
          { type: 'CredentialRevoked', data: { credentialId: 't-a', reason: 'officers-replaced' } },
        ]);
      });
  });

  it('revokes nothing when the same officers are appointed again, nor credentials revoked already or not bound', () => {
    const b = minted();
    b.run({ type: 'RevokeCredential', data: { credentialId: 't-b' } });
    given(b)
      .when(appoint(['p10'], [{ name: '计票人甲' }, { name: '计票人乙' }]))
      .then((events) => expect(events.map((e) => e.type)).toEqual(['OfficersAppointed']));
  });
});

describe('A nominee found qualified again while appointed (P-16, P-17)', () => {
  it('P-16: an appointed scrutineer found not qualified earlier cannot be found qualified again', () => {
    // p3 is nominated, found not qualified, then appointed scrutineer: no candidate then.
    const b = meetingWithCheckIns(10, 10).createContest('c1', 1).nominate('c1', ['p1', 'p2', 'p3']);
    b.run({
      type: 'ReviewCandidate',
      data: { contestId: 'c1', nomineeId: 'p3', qualified: false, reason: '不符合条件' },
    });
    b.adoptMethod().appointOfficers(['p3']);
    given(b)
      .when({ type: 'ReviewCandidate', data: { contestId: 'c1', nomineeId: 'p3', qualified: true } })
      .thenThrows({ code: 'NOMINEE_IS_SCRUTINEER', rule: 'P-16', field: 'data.nomineeId' });
  });
});

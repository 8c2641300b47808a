/**
 * The backend decides commands against a speculative twin of a meeting's
 * state while earlier appends are still being committed, and folds the very
 * same event objects into both states (backend/src/meetings/commit-pipeline.ts).
 * That is sound only if evolve() never writes into an event, nor into anything
 * it kept from one: frozen events prove it, because writing to a frozen object
 * throws in strict mode.
 */
import { describe, expect, it } from 'vitest';
import { meetingView } from '../views/meeting-view.js';
import { ballot, readyMeeting, SCRUTINEER, TELLER_1, TELLER_2 } from '../testing/fixtures.js';
import { evolve } from './evolve.js';
import { initialState, slotEntries } from './state.js';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

describe('evolve and the events it folds', () => {
  it('never writes into an event, so two states can fold the same event objects and stay equal', () => {
    // Double entry with agreement, disagreement, a correction, a void, a tie and the re-vote: every path that keeps event data.
    const b = readyMeeting({ voters: 9, seats: 1, candidates: ['p1', 'p2'], parameters: { doubleEntry: true } });
    const round = b.openRound('c1');
    const entries: [number, ReturnType<typeof ballot>, ReturnType<typeof ballot>][] = [
      [1, ballot(['p1']), ballot(['p1'])],
      [2, ballot(['p2']), ballot(['p2'])],
      [3, ballot(['p1']), ballot(['p2'])],
      [4, ballot(['p2'], { against: ['p1'] }), ballot(['p2'], { against: ['p1'] })],
    ];
    for (const [ballotNo, first, second] of entries) {
      b.run(
        { type: 'RecordBallot', data: { contestId: 'c1', round, ballotNo, ...first, writeIns: [] } },
        { actor: TELLER_1 },
      );
      b.run(
        { type: 'RecordBallot', data: { contestId: 'c1', round, ballotNo, ...second, writeIns: [] } },
        { actor: TELLER_2 },
      );
    }
    b.run(
      {
        type: 'CorrectBallot',
        data: { contestId: 'c1', round, ballotNo: 3, marks: { p1: 'for' }, writeIns: [], reason: '复核原票' },
      },
      { actor: SCRUTINEER },
    );
    b.run(
      { type: 'VoidBallotEntry', data: { contestId: 'c1', round, ballotNo: 4, reason: '重复录入' } },
      { actor: SCRUTINEER },
    );
    b.run({
      type: 'IssueCredential',
      data: { credentialId: 'teller-9', role: 'teller', officer: '计票人甲', tokenHash: 'a'.repeat(64) },
    });
    b.run({ type: 'RevokeCredential', data: { credentialId: 'teller-9' } });
    b.closeRound('c1', round, 3);
    b.declare('c1', round);

    // The paths decide would not reach in this one meeting, folded as events: evolve does not judge them.
    const last = b.log().at(-1)!;
    const vote = { for: 9, against: 0, abstain: 0 };
    const more: [string, unknown][] = [
      ['RecommendationsRecorded', { contestId: 'c1', ballotsCast: 9, votes: { p1: 5, p2: 4 } }],
      ['CheckInWithdrawn', { memberId: 'p9', reason: '误签到' }],
      ['MemberDeparted', { memberId: 'p8' }],
      ['MemberExcluded', { memberId: 'p7', reason: 'abroad-6m', approvalRef: '上级批复', meetingVote: vote }],
      ['SeatsLeftVacant', { contestId: 'c1', seats: 1, vote }],
      ['ApprovalRecorded', { contestId: 'c1', reference: '上级党委批复〔2026〕7号' }],
      ['MeetingClosed', {}],
    ];
    const tail = more.map(([type, data], i) => ({
      type,
      data,
      metadata: { ...last.metadata, revision: last.metadata.revision + 1 + i },
    }));
    const events = deepFreeze(structuredClone([...b.log(), ...tail])) as ReturnType<typeof b.log>[number][];
    const a = initialState();
    const twin = initialState();
    for (const e of events) {
      evolve(a, e);
      evolve(twin, e);
    }
    expect(a.closed).toBe(true);
    expect(a.excluded).toBe(1);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'BallotRecorded',
        'BallotEntryCorrected',
        'BallotEntryVoided',
        'RoundClosed',
        'ResultDeclared',
        'CredentialIssued',
        'CredentialRevoked',
        'NominationReceived',
        'MemberCheckedIn',
      ]),
    );
    const upToBuilder = initialState();
    for (const e of events.slice(0, b.log().length)) evolve(upToBuilder, e);
    for (const role of ['chair', 'observer', 'scrutineer'] as const) {
      expect(meetingView(twin, { role })).toEqual(meetingView(a, { role }));
      expect(meetingView(upToBuilder, { role })).toEqual(b.view(role));
    }
  });
});

describe('what a double-entry slot keeps', () => {
  it('holds an agreeing second entry as its teller’s id beside the first, a disagreeing one with its own marks, and counts the same', () => {
    const b = readyMeeting({ voters: 9, seats: 1, candidates: ['p1', 'p2'], parameters: { doubleEntry: true } });
    const round = b.openRound('c1');
    const key = (ballotNo: number, spec: ReturnType<typeof ballot>, actor: typeof TELLER_1) =>
      b.run({ type: 'RecordBallot', data: { contestId: 'c1', round, ballotNo, ...spec, writeIns: [] } }, { actor });
    key(1, ballot(['p1']), TELLER_1);
    key(1, ballot(['p1']), TELLER_2);
    key(2, ballot(['p1']), TELLER_1);
    key(2, ballot(['p2']), TELLER_2);
    const r = b.state.contests.get('c1')!.rounds[round - 1]!;
    const agreed = r.ballots.get(1)!;
    expect(agreed.first!.teller).toBe(TELLER_1.id);
    expect(agreed.second).toBe(TELLER_2.id);
    expect(Object.isFrozen(agreed.first!.writeIns) && agreed.first!.writeIns.length === 0).toBe(true);
    // Both entries are still there to be listed, the second with the first's content.
    const [a1, a2] = slotEntries(agreed);
    expect(a2!.marks).toBe(a1!.marks);
    expect([a1!.teller, a2!.teller]).toEqual([TELLER_1.id, TELLER_2.id]);
    const disputed = r.ballots.get(2)!;
    expect(typeof disputed.second).toBe('object');
    const [d1, d2] = slotEntries(disputed);
    expect(d2!.marks).not.toBe(d1!.marks);
    expect(d2!.marks).toEqual({ p2: 'for' });
    expect(d2!.teller).toBe(TELLER_2.id);
    // Only the agreeing paper counts.
    expect([r.valid, r.tally.get('p1')!.for, r.tally.get('p2')!.for]).toEqual([1, 1, 0]);
  });
});

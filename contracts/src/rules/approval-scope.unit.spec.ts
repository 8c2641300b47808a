/**
 * P-31 by hand: a branch's 书记 and 副书记 take office on the upper organisation's approval, its 委员 are reported for
 * the record; a ruleset without the split (a village's) waits for an answer to every result.
 */
import { describe, expect, it } from 'vitest';
import { ballot, readyMeeting, times } from '../testing/fixtures.js';
import { meetingStage } from '../board/stage.js';
import { agendaSteps } from '../views/signals.js';
import { awaitedAnswers, awaitsApproval } from './approval-scope.js';
import { PRESETS, type Ruleset } from './ruleset.js';
import { rulesetProblem } from '../verify/checks.js';

describe('awaitsApproval (P-31)', () => {
  it('cpc-branch: the secretary and deputy secretary await approval, a committee member is for the record', () => {
    const r = PRESETS['cpc-branch'];
    expect(['secretary', 'deputy-secretary', 'member', 'committee-member'].map((o) => awaitsApproval(r, o))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('a cpc-branch ruleset pinned before the parameter existed keeps the same split', () => {
    const { approval: _, ...pinnedEarlier } = PRESETS['cpc-branch'];
    expect(['secretary', 'member'].map((o) => awaitsApproval(pinnedEarlier as Ruleset, o))).toEqual([true, false]);
  });

  it('a ruleset without the split waits for an answer to every result', () => {
    expect(['director', 'member'].map((o) => awaitsApproval(PRESETS['village-committee'], o))).toEqual([true, true]);
  });

  it('awaitedAnswers: the approvals where any result awaits one, else every result filed', () => {
    const r = PRESETS['cpc-branch'];
    const sec = { office: 'secretary' };
    const members = { office: 'member' };
    expect(awaitedAnswers(r, [members, sec])).toEqual([sec]);
    expect(awaitedAnswers(r, [members])).toEqual([members]);
  });
});

/**
 * 10 present elect a committee of 3 (p1, p2, p3 with 10 votes each); the committee then elects p1 its secretary
 * (P-29) with 3 votes of 3.
 */
function branchWithSecretary() {
  const b = readyMeeting({ voters: 10, seats: 3, candidates: 4, parameters: { doubleEntry: false } });
  b.vote('c1', times(10, ballot(['p1', 'p2', 'p3'])));
  b.createContest('sec', 1, { office: 'secretary', mode: 'uncontested', electorate: { committeeOf: 'c1' } });
  b.nominate('sec', ['p1']).publish('sec', ['p1']).confirm('sec');
  b.vote('sec', times(3, ballot(['p1'])));
  return b;
}

describe("a branch's meeting is answered once its secretary's election is approved (P-31)", () => {
  it('the board: declared until the secretary is approved, then approved without an answer for the members', () => {
    const b = branchWithSecretary();
    expect(meetingStage(b.state)).toBe('declared');
    b.run({ type: 'RecordApproval', data: { contestId: 'sec', reference: '区委组织部〔2026〕12号' } });
    expect(meetingStage(b.state)).toBe('approved');
    // A result still open is not answered by another's approval: a further 委员 contest with no round yet.
    const stillOpen = branchWithSecretary();
    stillOpen.createContest('c3', 1, { office: 'member' });
    stillOpen.run({ type: 'RecordApproval', data: { contestId: 'sec', reference: '区委组织部〔2026〕12号' } });
    expect(meetingStage(stillOpen.state)).toBe('voting');
    // The members' filing alone answers nothing that awaits an approval.
    const filedOnly = branchWithSecretary();
    filedOnly.run({ type: 'RecordApproval', data: { contestId: 'c1', reference: '区委组织部〔2026〕备12号' } });
    expect(meetingStage(filedOnly.state)).toBe('declared');
  });

  it("the chair's agenda: 上级批复 counts the one result awaiting approval and is ticked by it", () => {
    const b = branchWithSecretary();
    b.run({ type: 'CloseMeeting', data: {} });
    const step = () => agendaSteps(b.view()).steps.find((s) => s.id === 'approval')!;
    expect(step()).toMatchObject({ done: false, contests: { done: 0, of: 1 } });
    b.run({ type: 'RecordApproval', data: { contestId: 'sec', reference: '区委组织部〔2026〕12号' } });
    expect(step()).toMatchObject({ done: true, contests: { done: 1, of: 1 } });
    expect(agendaSteps(b.view()).current).toBeNull();
  });
});

describe('the verifier reads a pinned `approval` (P-31)', () => {
  it('takes the preset and refuses one whose offices are not a list of names', () => {
    expect(rulesetProblem(PRESETS['cpc-branch'])).toBeNull();
    const forged = { ...PRESETS['cpc-branch'], approval: { offices: 'secretary', rule: 'P-31' } };
    expect(rulesetProblem(forged)).toMatch(/P-31/);
  });
});

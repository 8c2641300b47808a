/**
 * The host's script (主持词) of a party group's vote on the prospective candidates (ruleset party-group): it reads the
 * body's quorum (PG-01), the vote per name (PG-03) and the majority of all members (PG-02), never P-05's four fifths.
 * Every expected sentence is written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { readyMeeting, times, ballot } from '../testing/fixtures.js';
import { hostScript, type ScriptPart } from './host-script.js';
import { agendaSteps } from './signals.js';

const lines = (parts: ScriptPart[], id: string) => parts.find((p) => p.id === id)!.lines;

describe('host script of a party group vote (PG-01, PG-02, PG-03)', () => {
  const body = () =>
    readyMeeting({ ruleset: 'party-group', voters: 9, present: 7, seats: 3, candidates: ['p1', 'p2', 'p3'] });

  it('PG-01: the roll sentence states the body quorum, more than half of the members', () => {
    expect(lines(hostScript(body().view('chair'), 'zh-CN'), 'roll')).toEqual([
      {
        text: '应到会成员9名，实到会有选举权的成员7名，超过应到会人数的半数，符合规定，可以进行选举。',
        rule: 'PG-01',
        blank: false,
      },
    ]);
  });

  it('PG-03: the body adopts the method of its vote (票决办法), not an election method', () => {
    const parts = hostScript(body().view('chair'), 'zh-CN');
    const method = parts.find((p) => p.id === 'method')!;
    expect(method.heading).toBe('二、通过票决办法');
    expect(method.lines.map((l) => l.text)).toEqual([
      '下面，请大家表决《票决办法（草案）》。',
      '表决结果：赞成7票，反对0票，弃权0票。',
      '《票决办法》通过。',
    ]);
  });

  it('PG-02 PG-03: one vote per name, passing with more than half of all 9 members (5), and who passed', () => {
    const b = body();
    b.openRound();
    b.enterBallots('c1', 1, [
      ...times(5, ballot(['p1', 'p2'], { against: ['p3'] })),
      ...times(2, ballot(['p1', 'p3'], { against: ['p2'] })),
    ]);
    b.closeRound('c1', 1);
    b.declare('c1', 1);
    const contest = lines(hostScript(b.view('chair'), 'zh-CN'), 'contest:c1');
    const text = contest.map((l) => l.text);
    expect(text).toContain('对每名人选分别表示同意、不同意或者弃权，不能另选他人。');
    expect(text).toContain(
      '每名人选获得的同意票超过应到会成员的半数，即不少于5票，始得通过；不足的不能确定为预备人选。',
    );
    expect(contest.find((l) => l.text.startsWith('每名人选获得'))!.rule).toBe('PG-02');
    expect(text.some((t) => t.includes('多于应选名额的为废票'))).toBe(false);
    expect(text.join('')).not.toContain('五分之四');
    expect(text.find((t) => t.startsWith('票决通过的'))).toMatch(/^票决通过的委员候选人预备人选：.+、.+。$/);
  });
});

describe('the stage bar of a party group vote', () => {
  it('PG-01 PG-02: the roll step cites the body quorum and the results step its majority of members', () => {
    const b = readyMeeting({ ruleset: 'party-group', voters: 9, present: 7, seats: 1, candidates: ['p1'] });
    const { steps } = agendaSteps(b.view('chair'));
    expect(steps.find((s) => s.id === 'roll')!.rule).toBe('PG-01');
    expect(steps.find((s) => s.id === 'results')!.rule).toBe('PG-02');
    const branch = readyMeeting({ voters: 10, seats: 1, candidates: ['p1', 'p2'] });
    expect(agendaSteps(branch.view('chair')).steps.find((s) => s.id === 'results')!.rule).toBe('P-24');
  });
});

/** The host's script of a village day (issue 22, part C): 票数相加 (V-11a) and the new election due (V-11b). */
import { describe, expect, it } from 'vitest';
import { ballotsWithTotals, blank, ids, roll, scheduledMeeting, times } from '../testing/fixtures.js';
import { hostScript } from './host-script.js';

const textOf = (parts: ReturnType<typeof hostScript>, id: string) =>
  parts
    .find((p) => p.id === id)!
    .lines.map((l) => `${l.text}${l.rule ? ` [${l.rule}]` : ''}`)
    .join('\n');

describe('host script, village committee', () => {
  it('V-11b: after two ballots the 主任 seat still empty is announced as a new election due, in both languages', () => {
    const b = scheduledMeeting({ ruleset: 'village-committee' }).enrol(roll(20));
    b.checkIn(...ids(roll(12)));
    b.createContest('director', 1, { office: 'director' })
      .nominate('director', ['p1', 'p2'])
      .publish('director', ['p1', 'p2']);
    b.adoptMethod().appointOfficers(['p20']).confirm('director');
    b.vote('director', [...ballotsWithTotals({ p1: 5, p2: 4 }, 9, 1), ...times(3, blank)]);
    b.vote('director', [...ballotsWithTotals({ p1: 3, p2: 2 }, 5, 1), ...times(7, blank)]);
    const zh = textOf(hostScript(b.view('chair'), 'zh-CN'), 'contest:director');
    expect(zh).toContain(
      '经两次投票，主任仍有 1 个名额未选出。按规定，不再投票，应在 6 个月内（2027-05-24 前）再行选举。 [V-11b]',
    );
    expect(zh).not.toContain('（待进行）');
    const en = textOf(hostScript(b.view('chair'), 'en'), 'contest:director');
    expect(en).toContain('a new election is due within 6 months (by 2027-05-24)');
  });

  it('V-11a: a summed 副主任 round is read out with the sums: 李四 12 (4 own + 8 for 主任)', () => {
    const b = scheduledMeeting({ ruleset: 'village-committee', parameters: { officeVotes: 'summed' } }).enrol(roll(20));
    b.checkIn(...ids(roll(20)));
    b.createContest('director', 1, { office: 'director' })
      .nominate('director', ['p1', 'p2'])
      .publish('director', ['p1', 'p2']);
    b.createContest('deputy', 1, { office: 'deputy-director' })
      .nominate('deputy', ['p2', 'p3'])
      .publish('deputy', ['p2', 'p3']);
    b.adoptMethod().appointOfficers(['p20']).confirm('director').confirm('deputy');
    b.vote('director', ballotsWithTotals({ p1: 12, p2: 8 }, 20, 1));
    b.vote('deputy', ballotsWithTotals({ p2: 4, p3: 9 }, 20, 1));
    const zh = textOf(hostScript(b.view('chair'), 'zh-CN'), 'contest:deputy');
    expect(zh).toContain('按票数相加的规定，以下得票数已加上本人在主任第一次投票中未当选时所得的赞成票。 [V-11a]');
    // p2 is 李四 (the fixture's second name), p3 王五.
    expect(zh).toContain('各被选举人得赞成票：王五9票，李四12票。 [P-23]');
    expect(zh).toContain('当选副主任的是：李四。');
  });
});

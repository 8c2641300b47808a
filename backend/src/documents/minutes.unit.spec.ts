import { describe, expect, it } from 'vitest';
import { ballot, readyMeeting, times } from '../../../contracts/src/testing/fixtures.js';
import { buildMinutes, renderMinutesHtml } from './minutes.js';

/**
 * The minutes take each decision's time from its event, on the meeting's clock (Asia/Shanghai by default: the
 * fixtures decide at 09:00Z, 17:00 in Beijing), and stop at the head the state was read at.
 */
describe('minutes (会议记录)', () => {
  const meeting = () => {
    const b = readyMeeting({ voters: 10, seats: 1, candidates: 2, parameters: { doubleEntry: false } });
    b.vote('c1', times(10, ballot(['p1'], { against: ['p2'] })));
    return b;
  };

  it("gives each decision its time on the meeting's clock, never UTC, and the declared round's figures", () => {
    const b = meeting();
    const head = { revision: b.state.revision, hash: b.state.head };
    const m = buildMinutes(b.state, head, b.log(), 'zh-CN');
    expect(m.entries.length).toBeGreaterThan(5);
    expect(new Set(m.entries.map((e) => e.time))).toEqual(new Set(['17:00']));
    const declared = m.entries.find((e) => e.type === 'ResultDeclared')!;
    const p1 = b.state.members.get('p1')!.name;
    const p2 = b.state.members.get('p2')!.name;
    expect(declared.figures).toContain(`${p1}：赞成 10 票，不赞成 0 票，弃权 0 票`);
    expect(declared.figures).toContain(`${p2}：赞成 0 票，不赞成 10 票，弃权 0 票`);
    expect(declared.figures).toContain(`当选：${p1}。`);
    // The bar is labelled: 10 present, more than half is 6.
    expect(declared.figures).toContain(
      '收回选票 10 张，有效票 10 张，废票 0 张；当选所需赞成票：6 票（须超过实到会有选举权人数的半数）。',
    );
    // Secret ballot: no entry per ballot.
    expect(m.entries.some((e) => e.type === 'BallotRecorded')).toBe(false);
  });

  it('stops at the head it was given (events recorded after the state was read are not minuted)', () => {
    const b = meeting();
    const at = b.state.revision;
    const head = { revision: at, hash: b.state.head };
    const state = b.fork().state;
    b.run({ type: 'CloseMeeting', data: {} });
    const m = buildMinutes(state, head, b.log(), 'zh-CN');
    expect(Math.max(...m.entries.map((e) => e.revision))).toBeLessThanOrEqual(at);
    expect(m.entries.some((e) => e.type === 'MeetingClosed')).toBe(false);
  });

  it('a meeting over two days shows the day with the time', async () => {
    const b = meeting();
    const log = b
      .log()
      .map((e, i, all) =>
        i === all.length - 1 ? { ...e, metadata: { ...e.metadata, recordedAt: '2026-11-25T01:30:00.000Z' } } : e,
      );
    const m = buildMinutes(b.state, { revision: b.state.revision, hash: b.state.head }, log, 'en');
    const html = await renderMinutesHtml(b.state, m);
    expect(html).toContain('>11-24 17:00<');
    expect(html).toContain('>11-25 09:30<');
    expect(html).toContain('All times are Beijing time');
  });
  it('minutes a nominee found not qualified, with the reason; a qualified one is not a minute of its own', () => {
    const b = readyMeeting({ voters: 10, seats: 1, candidates: 2, parameters: { doubleEntry: false } });
    b.run({
      type: 'CreateContest',
      data: { contestId: 'c2', office: 'deputy-secretary', seats: 1, mode: 'uncontested', electorate: 'meeting' },
    });
    b.run({ type: 'Nominate', data: { contestId: 'c2', nomineeId: 'p3', route: 'organisation' } });
    b.run({
      type: 'ReviewCandidate',
      data: { contestId: 'c2', nomineeId: 'p3', qualified: false, reason: '不符合任职条件' },
    });
    const m = buildMinutes(b.state, { revision: b.state.revision, hash: b.state.head }, b.log(), 'zh-CN');
    const p3 = b.state.members.get('p3')!.name;
    const reviewed = m.entries.filter((e) => e.type === 'CandidateReviewed');
    expect(reviewed).toEqual([
      expect.objectContaining({ text: `${p3}经审查不符合副书记选举候选人条件。`, reason: '不符合任职条件' }),
    ]);
  });
});

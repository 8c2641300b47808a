/**
 * Issue 21 point 3, part C: the party group's vote on the prospective candidates (党组票决会) through the real server,
 * as an ordinary meeting under the ruleset `party-group`: a body of 9 members, 7 present (PG-01), a vote per name on
 * 5 names (PG-03), each passing only with agreement from more than half of all 9 members (PG-02): 5 agreeing votes.
 * The expected figures are worked out by hand in the comments; the exported log is folded again with the contracts'
 * own code and must give back the chair's view.
 */
import {
  evolve,
  initialState,
  meetingView,
  verifyChain,
  type ChainedEvent,
  type MeetingEvent,
} from '@tallyroom/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../support/api.js';
import { Election, ballotsFor, forTally, makeRoll, memberId } from '../support/election.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const NAMES = [1, 2, 3, 4, 5].map((i) => memberId(i));
const [N1, N2, N3, N4, N5] = NAMES as [string, string, string, string, string];

async function body(
  parameters: { memberQuorum?: 'more-than-half' | 'two-thirds'; passBase?: 'members' | 'present' } = {},
) {
  const e = await Election.create(server.api, {
    title: '党组票决会：确定支部委员会委员候选人预备人选',
    organisation: '县xx局党组',
    ruleset: 'party-group',
    parameters,
  });
  await e.enrol(makeRoll(9));
  await e.checkIn(makeRoll(7).map((m) => m.memberId));
  return e;
}

describe('a party group votes on five names (PG-01, PG-02, PG-03)', () => {
  it('PG-01: the body parameters belong to party-group; party-group takes no 4/5 reading', async () => {
    const base = { title: '票决', organisation: '党组', scheduledFor: '2026-12-04' };
    const wrong = await server.api.scheduleRaw({
      ...base,
      ruleset: 'cpc-branch',
      parameters: { memberQuorum: 'two-thirds' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('parameters.memberQuorum');
    const r = await server.api.scheduleRaw({
      ...base,
      ruleset: 'party-group',
      parameters: { quorumInclusive: true, quorumApprovalRef: '组织部〔2026〕1号' },
    });
    expect(r.status).toBe(400);
    expect(r.text).toContain('parameters.quorumInclusive');
  });

  it('PG-03: a list of 4 names for 5 seats is refused when confirmed', async () => {
    const e = await body();
    await e.ready({ scrutineers: [memberId(7)] });
    await e.contest({ contestId: 'pg', seats: 5, candidates: NAMES.slice(0, 4), confirm: false });
    await e.m.refused('ConfirmCandidateList', { contestId: 'pg' }, 422, 'PER_NAME_COUNT', 'PG-03');
  });

  it('PG-01 PG-02 PG-03: 7 of 9 present; 5 agreeing passes, 4 (a majority of the 7 present) fails', async () => {
    const e = await body();
    const v0 = await e.view();
    // PG-01: 2*7 = 14 > 9; the smallest quorum is 5.
    expect(v0.attendance.quorum).toMatchObject({ met: true, required: 5, rule: 'PG-01' });
    expect(v0.ruleset.parameters.win).toMatchObject({ base: 'expectedVoters', rule: 'PG-02' });
    await e.ready({ scrutineers: [memberId(7)] });
    await e.contest({ contestId: 'pg', seats: 5, candidates: NAMES });
    // Agreeing votes N1 7, N2 6, N3 5, N4 4, N5 3; every other mark is 不同意.
    const ballots = ballotsFor(
      { [N1]: 7, [N2]: 6, [N3]: 5, [N4]: 4, [N5]: 3 },
      {
        ballots: 7,
        seats: 5,
        otherwise: 'against',
        candidates: NAMES,
      },
    );
    const { opened, contest, round } = await e.runRound('pg', ballots);
    expect(opened).toMatchObject({ expected: 9, presentVoters: 7, seats: 5 });
    expect(forTally(round)).toEqual({ [N1]: 7, [N2]: 6, [N3]: 5, [N4]: 4, [N5]: 3 });
    // PG-02: more than half of 9 members: 5.
    expect(round.threshold).toBe(5);
    expect([...round.elected].sort()).toEqual([N1, N2, N3]);
    // PG-03: no further round for N4 and N5; the contest is settled.
    expect(contest.status).toBe('complete');
    expect(contest.pending).toBeNull();
    expect(contest.rounds).toHaveLength(1);

    // The host script says the body's rules, not P-05's four fifths.
    const script = await request(server.url, 'GET', `${e.m.path}/documents/host-script`, { token: e.m.chair });
    expect(script.status).toBe(200);
    expect(script.text).toContain('超过应到会人数的半数');
    expect(script.text).toContain('超过应到会成员的半数，即不少于5票，始得通过');
    expect(script.text).not.toContain('五分之四');

    // The result report speaks of names passed and not passed.
    const report = await request(server.url, 'GET', `${e.m.path}/report`, { token: e.m.chair });
    expect(report.status).toBe(200);
    expect(report.text).toContain('票决结果报告单');
    expect(report.text).toContain('应到会成员人数');
    expect(report.text).toMatch(/未通过：[^<]*/);

    // The minutes record each name's agreeing, disagreeing and abstaining votes and who passed.
    const minutes = await request(server.url, 'GET', `${e.m.path}/documents/minutes`, { token: e.m.chair });
    expect(minutes.status).toBe(200);
    expect(minutes.text).toContain(`${e.nameOf(N1)}：同意 7 票，不同意 0 票，弃权 0 票`);
    expect(minutes.text).toContain(`通过：${[N1, N2, N3].map((id) => e.nameOf(id)).join('、')}；未通过：`);

    // The exported log verifies and folds back to the chair's view.
    const events = (await e.m.eventsText())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ChainedEvent);
    expect(verifyChain(events).ok).toBe(true);
    const s = initialState();
    for (const ev of events) evolve(s, ev as MeetingEvent);
    const served = await e.view();
    expect(JSON.parse(JSON.stringify(meetingView(s, { role: 'chair', id: 'chair-1' }).contests))).toEqual(
      JSON.parse(JSON.stringify(served.contests)),
    );
  });

  it('PG-02: under passBase present the same 4 of 7 present passes', async () => {
    const e = await body({ passBase: 'present' });
    await e.ready({ scrutineers: [memberId(7)] });
    await e.contest({ contestId: 'pg', seats: 5, candidates: NAMES });
    const ballots = ballotsFor(
      { [N1]: 7, [N2]: 6, [N3]: 5, [N4]: 4, [N5]: 3 },
      {
        ballots: 7,
        seats: 5,
        otherwise: 'abstain',
        candidates: NAMES,
      },
    );
    const { round } = await e.runRound('pg', ballots);
    // More than half of 7 present: 4.
    expect(round.threshold).toBe(4);
    expect([...round.elected].sort()).toEqual([N1, N2, N3, N4]);
  });

  it('PG-01: with two-thirds, 5 of 9 present cannot hold the vote (3*5 = 15 < 18)', async () => {
    const e = await Election.create(server.api, {
      title: '党组票决会',
      organisation: '县xx局党组',
      ruleset: 'party-group',
      parameters: { memberQuorum: 'two-thirds' },
    });
    await e.enrol(makeRoll(9));
    await e.checkIn(makeRoll(5).map((m) => m.memberId));
    await e.m.refused(
      'AdoptElectionMethod',
      { vote: { for: 5, against: 0, abstain: 0 } },
      422,
      'QUORUM_NOT_MET',
      'PG-01',
    );
  });
});

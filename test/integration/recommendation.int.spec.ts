/**
 * The 公推大会 (ruleset recommendation) through the real server: the roll uploaded as CSV with its categories
 * (P-06a), check-in against the recommendation quorum (P-06), recommendation and trust ballots keyed by a teller
 * with their paper's category (P-09d), refusals with their rule ids and nothing written, the observer's live
 * per-category count, the declaration pinning the result (P-09), and the exported log verifying.
 *
 * Roll: 18 party members (k0001..k0018), 9 masses' representatives (q0001..q0009), 3 invited deputies
 * (y0001..y0003): 30 expected; 26 present (k0017, k0018, q0009, y0003 absent), the strict half needs 16.
 * Recommendation ballot, N = 3 among k0001..k0005: 26 papers (16 members', 8 masses', 2 deputies').
 *   papers 1-14 (members')   k0001 k0002          papers 15-16 (members')  k0003
 *   papers 17-22 (masses')   k0001 k0003          papers 23-24 (masses')   k0001 k0002 k0003 k0004 (over-vote)
 *   paper 25 (deputy's)      k0002, write-in k0010    paper 26 (deputy's)  blank
 * k0001 20 (members' 14, masses' 6) passes (> 13); k0002 15 (14 + deputies' 1) passes; k0003 8 does not.
 */
import { replayLog, type ChainedEvent } from '@tallyroom/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, request } from '../support/api.js';
import { Election, inBatches, memberId, personName } from '../support/election.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const K = (i: number) => memberId(i, 'k');
const Q = (i: number) => memberId(i, 'q');
const Y = (i: number) => memberId(i, 'y');
const csv = [
  '姓名,编号,身份,类别',
  ...Array.from({ length: 18 }, (_, i) => `${personName(i + 1)},${K(i + 1)},正式党员,党员`),
  ...Array.from({ length: 9 }, (_, i) => `${personName(i + 40)},${Q(i + 1)},,村(居)民代表`),
  ...Array.from({ length: 3 }, (_, i) => `${personName(i + 60)},${Y(i + 1)},,特邀代表`),
].join('\n');

type Paper = 'member' | 'masses' | 'deputy';
const paper = (p: Paper, names: string[], writeIns: string[] = []) => ({
  paper: p,
  marks: Object.fromEntries(names.map((id) => [id, 'for' as const])),
  writeIns,
});
const PAPERS = [
  ...Array.from({ length: 14 }, () => paper('member', [K(1), K(2)])),
  paper('member', [K(3)]),
  paper('member', [K(3)]),
  ...Array.from({ length: 6 }, () => paper('masses', [K(1), K(3)])),
  paper('masses', [K(1), K(2), K(3), K(4)]),
  paper('masses', [K(1), K(2), K(3), K(4)]),
  paper('deputy', [K(2)], [K(10)]),
  paper('deputy', []),
];

describe('the recommendation meeting (公推大会) over HTTP', () => {
  it('P-06, P-09: roll by category, quorum, ballots by paper, the live count and the pinned result', async () => {
    const e = await Election.create(server.api, {
      ruleset: 'recommendation',
      title: '第一党支部换届公推大会',
      parameters: { recommendationMaxNames: 3 },
    });
    const upload = await e.m.uploadRoll(csv);
    expect(upload.status, upload.text).toBe(200);
    const absent = new Set([K(17), K(18), Q(9), Y(3)]);
    const roll = (await e.view()).members!;
    expect(roll.filter((m) => m.category === 'masses')).toHaveLength(9);
    expect(roll.filter((m) => m.category === 'deputy')).toHaveLength(3);
    const present = roll.map((m) => m.memberId).filter((id) => !absent.has(id));
    // Fifteen present: exactly half of 30 is no quorum (P-06).
    await e.checkIn(present.slice(0, 15), 4);
    await e.m.refused(
      'AdoptElectionMethod',
      { vote: { for: 15, against: 0, abstain: 0 } },
      422,
      'QUORUM_NOT_MET',
      'P-06',
    );
    await e.checkIn(present.slice(15), 4);
    expect((await e.view()).attendance).toMatchObject({
      expected: 30,
      presentVoters: 26,
      attendeesWithoutVote: 0,
      quorum: { met: true, required: 16, rule: 'P-06' },
    });
    await e.ready({ scrutineers: [Q(8)] });
    // A recommendation meeting holds no election (P-09c).
    await e.m.refused(
      'CreateContest',
      { contestId: 'x', office: 'committee-member', seats: 5, mode: 'competitive', ballot: 'election' },
      422,
      'BALLOT_KIND_NOT_IN_RULESET',
      'P-09c',
    );
    await e.contest({
      contestId: 'rec',
      seats: 5,
      candidates: [K(1), K(2), K(3), K(4), K(5)],
      ballot: 'recommendation',
    });
    await e.contest({ contestId: 'trust', seats: 3, candidates: [K(6), K(7), K(8)], ballot: 'trust' });

    const opened = await e.openRound('rec');
    expect(opened).toMatchObject({ seats: 3, ballotsIssued: 26 });
    // A paper keyed without its category is refused, and nothing is written (P-09d).
    const before = await e.m.eventsText();
    await e.m.refused(
      'RecordBallot',
      { contestId: 'rec', round: 1, ballotNo: 1, marks: { [K(1)]: 'for' } },
      422,
      'PAPER_REQUIRED',
      'P-09d',
      { as: e.tellers[0] },
    );
    await e.m.refused(
      'RecordBallot',
      { contestId: 'rec', round: 1, ballotNo: 1, marks: { [K(1)]: 'against' }, paper: 'member' },
      422,
      'MARK_NOT_ON_PAPER',
      'P-09c',
      { as: e.tellers[0] },
    );
    expect(await e.m.eventsText()).toBe(before);

    // Half the papers keyed: the observer's board counts by category as they are read out.
    const key = (from: number, to: number) =>
      inBatches(PAPERS.slice(from, to), 1, (p, i) =>
        e.m.command('RecordBallot', { contestId: 'rec', round: 1, ballotNo: from + i + 1, ...p }, { as: e.tellers[0] }),
      );
    await key(0, 13);
    const live = (await e.roundView('rec', 1, e.observer)).recommendation!;
    expect(live.ballots).toEqual({ member: 13, masses: 0, deputy: 0, all: 13 });
    expect(live.lines.find((l) => l.candidateId === K(1))?.votes).toEqual({
      member: 13,
      masses: 0,
      deputy: 0,
      all: 13,
    });
    await key(13, 26);
    await e.closeRound('rec', 1, 26);
    const { reply, contest, round } = await e.declare('rec', 1);
    expect(reply.events.map((x) => x.type)).toEqual(['ResultDeclared']);
    expect(contest.status).toBe('complete');
    expect(contest.elected).toEqual([]);
    const f = round.recommendation!;
    expect(f.ballots).toEqual({ member: 16, masses: 8, deputy: 2, all: 26 });
    expect(f.invalid).toEqual({ member: 0, masses: 2, deputy: 0, all: 2 });
    expect(f.required).toBe(14);
    const byId = Object.fromEntries(f.lines.map((l) => [l.candidateId, l]));
    expect(byId[K(1)]).toMatchObject({ votes: { member: 14, masses: 6, deputy: 0, all: 20 }, passed: true });
    expect(byId[K(2)]).toMatchObject({ votes: { member: 14, masses: 0, deputy: 1, all: 15 }, passed: true });
    expect(byId[K(3)]).toMatchObject({ votes: { member: 2, masses: 6, deputy: 0, all: 8 }, passed: false });
    expect(byId[K(10)]).toMatchObject({ writeIn: true, votes: { deputy: 1, all: 1 }, passed: false });
    // The observer sees the names that passed, never a write-in that did not.
    const publicLines = (await e.roundView('rec', 1, e.observer)).recommendation!.lines.map((l) => l.candidateId);
    expect(publicLines).not.toContain(K(10));

    // The trust ballot: ratings per category.
    await e.openRound('trust');
    const ratings = ['for', 'abstain', 'against'] as const;
    await inBatches(PAPERS, 1, (p, i) =>
      e.m.command(
        'RecordBallot',
        {
          contestId: 'trust',
          round: 1,
          ballotNo: i + 1,
          paper: p.paper,
          marks: { [K(6)]: ratings[i % 3]!, [K(7)]: 'for', [K(8)]: 'for' },
        },
        { as: e.tellers[0] },
      ),
    );
    await e.closeRound('trust', 1, 26);
    const trust = (await e.declare('trust', 1)).round.recommendation!;
    // K(6): papers 1, 4, … (i % 3 === 0) 信任: 9 of 26; 基本信任 9; 不信任 8.
    expect(trust.lines.find((l) => l.candidateId === K(6))).toMatchObject({
      votes: { all: 9 },
      basic: { all: 9 },
      distrust: { all: 8 },
      passed: null,
    });

    // The log the server wrote verifies by re-deciding every event.
    const events = (await e.m.eventsText(e.supervisor))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ChainedEvent);
    const replay = replayLog(events);
    expect(replay.firstBadEvent ?? null).toBeNull();
    expect(replay.ok).toBe(true);

    // Its paper is the minutes, in the words of a recommendation; it elects nobody, so it has no result report.
    const minutes = await request(server.url, 'GET', `${e.m.path}/documents/minutes`, { token: e.m.chair });
    expect(minutes.status, minutes.text).toBe(200);
    expect(minutes.text).toContain(
      '收回推荐票 26 张（党员票 16 张、群众代表票 8 张、特邀代表票 2 张），有效票 24 张，废票 2 张',
    );
    expect(minutes.text).toContain('推荐结果：得票达到规定推荐票数的人选：');
    expect(minutes.text).not.toMatch(/当选|本轮选举/);
    for (const path of [`${e.m.path}/report`, `${e.m.path}/documents/report?format=docx`])
      expectError(await request(server.url, 'GET', path, { token: e.m.chair }), 400, 'DOCUMENT_NOT_FOR_RULESET');
  });
});

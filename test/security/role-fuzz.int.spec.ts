/**
 * Issue 16, deliverable 5: "every log the server writes must verify". Random
 * sequences of commands from every role (chair, tellers, scrutineer, kiosk,
 * member, observer, supervisor, and a forged token), mostly well-formed and
 * aimed at the running election, many of them wrong for the role or the
 * moment, go to a running meeting on the real server. Whatever the server
 * accepted or refused, the exported log (GET /events, NDJSON) must pass the
 * contracts replayer, and once through the `tallyroom verify` CLI as a user
 * runs it. Build first (npm run build).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { replayLog, type ChainedEvent, type RoundView } from '@tallyroom/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Election, makeRoll, memberId } from '../support/election.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { report, runCli } from '../verify/cli.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const ROLL = 14;
const CANDIDATES = [memberId(1), memberId(2), memberId(3), memberId(4)];
const ROLES = [
  'chair',
  'teller1',
  'teller2',
  'scrutineer',
  'kiosk',
  'member',
  'observer',
  'supervisor',
  'forged',
] as const;
type Who = (typeof ROLES)[number];

interface Setup {
  e: Election;
  tokens: Record<Who, string>;
}

/** A meeting of the ruleset (its default double entry), 2 seats among 4 candidates, two probationary attendees on the roll, every full member checked in, round 1 open. */
async function setUp(ruleset: 'cpc-branch' | 'village-committee' | 'simple-majority'): Promise<Setup> {
  const e = await Election.create(server.api, { ruleset });
  await e.enrol([...makeRoll(ROLL), ...makeRoll(2, { prefix: 'q', status: () => 'probationary' })]);
  await e.checkIn(makeRoll(ROLL).map((m) => m.memberId));
  await e.ready({ scrutineers: [memberId(ROLL)], tellers: 2 });
  await e.contest({ contestId: 'c1', seats: 2, candidates: CANDIDATES, office: 'committee-member' });
  const member = (await e.m.mint('member', { memberId: memberId(5) })).token;
  await e.m.command('OpenRound', { contestId: 'c1' });
  return {
    e,
    tokens: {
      chair: e.m.chair,
      teller1: e.tellers[0]!,
      teller2: e.tellers[1]!,
      scrutineer: e.scrutineer,
      kiosk: e.kiosk,
      member,
      observer: e.observer,
      supervisor: e.supervisor,
      forged: 'tr_forged-token',
    },
  };
}

const markArb = fc.constantFrom('for', 'for', 'against', 'abstain', 'unreadable');
/** Marks by position on the round's ballot paper (so later rounds get marks too); now and then a stray id or a write-in. */
const ballotArb = fc.record({
  marks: fc.array(fc.oneof({ weight: 2, arbitrary: markArb }, { weight: 1, arbitrary: fc.constant(undefined) }), {
    minLength: 4,
    maxLength: 4,
  }),
  stray: fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant('nobody') }),
  writeIns: fc.oneof(
    { weight: 6, arbitrary: fc.constant([] as string[]) },
    { weight: 1, arbitrary: fc.subarray([memberId(6), memberId(7), memberId(1), 'q0002'], { maxLength: 2 }) },
  ),
});
const paper = (
  b: { marks: (string | undefined)[]; stray?: string | undefined; writeIns: string[] },
  r: RoundView | undefined,
) => {
  const marks: Record<string, string> = {};
  (r?.candidates ?? CANDIDATES).forEach((c, i) => {
    const m = b.marks[i];
    if (m) marks[c] = m;
  });
  if (b.stray) marks[b.stray] = 'for';
  return { marks, writeIns: b.writeIns };
};

/** One command, its data resolved against the round in progress (`r` is the last round, `n` its number). */
type Step = { who: Who; build: (r: RoundView | undefined) => { type: string; data: unknown } };
const step: fc.Arbitrary<Step> = fc.oneof(
  // The chair runs the rounds, sometimes out of turn.
  {
    weight: 3,
    arbitrary: fc
      .record({
        who: fc.constantFrom<Who>('chair', 'chair', 'chair', 'teller1', 'observer'),
        k: fc.constantFrom('OpenRound', 'CloseRound', 'DeclareResult'),
        delta: fc.integer({ min: -2, max: 1 }),
        off: fc.integer({ min: -1, max: 1 }),
      })
      .map(({ who, k, delta, off }): Step => ({
        who,
        build: (r) => {
          const round = Math.max(1, (r?.round ?? 1) + (off === 1 ? 1 : 0));
          if (k === 'OpenRound') return { type: k, data: { contestId: 'c1' } };
          if (k === 'CloseRound')
            return {
              type: k,
              data: {
                contestId: 'c1',
                round,
                ballotsReturned: Math.max(0, (r ? r.valid + r.invalid : 0) + (delta === -2 ? 0 : delta)),
              },
            };
          return { type: k, data: { contestId: 'c1', round } };
        },
      })),
  },
  // Tellers key ballots (both of them, for double entry); others try to.
  {
    weight: 14,
    arbitrary: fc
      .record({
        who: fc.constantFrom<Who>(
          'teller1',
          'teller2',
          'teller1',
          'teller2',
          'teller1',
          'teller2',
          'member',
          'kiosk',
          'chair',
        ),
        no: fc.integer({ min: 1, max: 8 }),
        b: ballotArb,
      })
      .map(({ who, no, b }): Step => ({
        who,
        build: (r) => ({
          type: 'RecordBallot',
          data: { contestId: 'c1', round: r?.round ?? 1, ballotNo: no, ...paper(b, r) },
        }),
      })),
  },
  // The scrutineer settles disagreements or voids an entry; a teller may try.
  {
    weight: 2,
    arbitrary: fc
      .record({
        who: fc.constantFrom<Who>('scrutineer', 'scrutineer', 'teller2'),
        no: fc.integer({ min: 1, max: ROLL }),
        b: ballotArb,
        voidIt: fc.boolean(),
      })
      .map(({ who, no, b, voidIt }): Step => ({
        who,
        build: (r) =>
          voidIt
            ? {
                type: 'VoidBallotEntry',
                data: { contestId: 'c1', round: r?.round ?? 1, ballotNo: no, reason: '重复录入' },
              }
            : {
                type: 'CorrectBallot',
                data: { contestId: 'c1', round: r?.round ?? 1, ballotNo: no, ...paper(b, r), reason: '按唱票更正' },
              },
      })),
  },
  // Attendance moves (P-05 at the next round), from the kiosk, the member's own link, the chair.
  {
    weight: 2,
    arbitrary: fc
      .record({
        who: fc.constantFrom<Who>('kiosk', 'chair', 'member', 'observer'),
        k: fc.constantFrom('CheckIn', 'RecordDeparture', 'WithdrawCheckIn'),
        i: fc.integer({ min: 1, max: ROLL }),
      })
      .map(({ who, k, i }) => ({
        who,
        build: () => ({
          type: k,
          data:
            k === 'WithdrawCheckIn'
              ? { memberId: memberId(i), reason: '误签' }
              : k === 'CheckIn'
                ? { memberId: memberId(i), method: 'desk' }
                : { memberId: memberId(i) },
        }),
      })),
  },
  // The rest of the chair's door, and anyone trying it.
  {
    weight: 1,
    arbitrary: fc
      .record({
        who: fc.constantFrom(...ROLES),
        k: fc.constantFrom(
          'LeaveSeatsVacant',
          'ExcludeFromExpected',
          'RecordApproval',
          'AdoptElectionMethod',
          'CloseMeeting',
        ),
        f: fc.integer({ min: 0, max: ROLL }),
      })
      .map(({ who, k, f }) => ({
        who,
        build: () => {
          const vote = { for: f, against: 0, abstain: 0 };
          if (k === 'LeaveSeatsVacant') return { type: k, data: { contestId: 'c1', vote } };
          if (k === 'ExcludeFromExpected')
            return {
              type: k,
              data: {
                memberId: memberId(f || 1),
                reason: 'abroad-6m',
                approvalRef: '组织部〔2026〕1号',
                meetingVote: vote,
              },
            };
          if (k === 'RecordApproval') return { type: k, data: { contestId: 'c1', reference: '批复〔2026〕3号' } };
          if (k === 'AdoptElectionMethod') return { type: k, data: { vote } };
          // Closing the meeting ends the fuzz early; rare.
          return f === 0 ? { type: k, data: {} } : { type: 'OpenRound', data: { contestId: 'c1' } };
        },
      })),
  },
);

async function lastRound(e: Election): Promise<RoundView | undefined> {
  const c = (await e.view()).contests.find((x) => x.contestId === 'c1');
  return c?.rounds[c.rounds.length - 1];
}

describe('every log the server writes verifies, whoever sent what', () => {
  const logs: string[] = [];
  const statuses = new Map<number, number>();
  const accepted = new Map<string, number>();

  it('random commands from every role against running meetings of each ruleset leave a log the replayer accepts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('cpc-branch', 'village-committee', 'simple-majority') as fc.Arbitrary<
          'cpc-branch' | 'village-committee' | 'simple-majority'
        >,
        fc.array(step, { minLength: 80, maxLength: 200 }),
        async (ruleset, steps) => {
          const { e, tokens } = await setUp(ruleset);
          let r = await lastRound(e);
          for (const s of steps) {
            // A close names the count of the box; the fuzz reads what has been settled so far first.
            if (s.build(r).type === 'CloseRound') r = await lastRound(e);
            const { type, data } = s.build(r);
            const reply = await e.m.send(type as 'OpenRound', data as never, { as: tokens[s.who] });
            statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
            expect(reply.status, `${s.who} ${type} ${JSON.stringify(data)}: ${reply.text}`).toBeLessThan(500);
            if (process.env.FUZZ_DEBUG && reply.status !== 200)
              console.log(s.who, type, reply.status, reply.text.slice(0, 160));
            if (reply.status === 200) {
              accepted.set(type, (accepted.get(type) ?? 0) + 1);
              if (type !== 'RecordBallot' && type !== 'CorrectBallot' && type !== 'VoidBallotEntry')
                r = await lastRound(e);
            }
          }
          r = await lastRound(e);
          const text = await e.m.eventsText(tokens.supervisor);
          const events = text
            .split('\n')
            .filter((l) => l.trim() !== '')
            .map((l) => JSON.parse(l) as ChainedEvent);
          const verdict = replayLog(events);
          expect(verdict.ok, `meeting ${e.m.meetingId} (${ruleset}): ${JSON.stringify(verdict.firstBadEvent)}`).toBe(
            true,
          );
          logs.push(text);
        },
      ),
      { numRuns: 12, seed: 16_05_16 },
    );
    // The fuzz got past the doors: refusals of each class and real progress through rounds.
    for (const status of [200, 401, 403, 409, 422])
      expect(statuses.get(status) ?? 0, `status ${status} in ${JSON.stringify([...statuses])}`).toBeGreaterThan(0);
    for (const type of ['OpenRound', 'RecordBallot', 'CloseRound', 'DeclareResult', 'CorrectBallot']) {
      expect(accepted.get(type) ?? 0, `${type} accepted in ${JSON.stringify([...accepted])}`).toBeGreaterThan(0);
    }
  }, 240_000);

  it('the `tallyroom verify` CLI agrees on the longest of those logs', async () => {
    expect(logs.length).toBeGreaterThan(0);
    const longest = logs.reduce((a, b) => (b.length > a.length ? b : a));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'role-fuzz-'));
    const file = path.join(dir, 'meeting.ndjson');
    writeFileSync(file, longest);
    const run = await runCli([file, '--json']).finally(() => rmSync(dir, { recursive: true, force: true }));
    expect(run.code, run.stderr).toBe(0);
    expect(report(run)).toMatchObject({ ok: true, events: longest.split('\n').filter((l) => l.trim() !== '').length });
  }, 60_000);
});

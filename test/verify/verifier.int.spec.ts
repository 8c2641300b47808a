/**
 * The verifier CLI against a real export: a whole election run through HTTP,
 * the log downloaded as the supervisor would, then `tallyroom verify` spawned
 * with node on the file (intact, tampered, truncated) and on the server URL.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventLine, type ChainedEvent, type RoundSummary } from '@tallyroom/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../support/api.js';
import { buildBackend, startTestServer, type TestServer } from '../support/server.js';
import { report, runCli } from './cli.js';
import { M, ROUND1, ROUND2, runDisputedElection, type DisputedElection } from './disputed-election.js';
import { reportFigures } from './report-html.js';

let server: TestServer;
let dir: string;
let run: DisputedElection;
let exported: string;
let lines: string[];
let file: string;
let reportHtml: string;

beforeAll(async () => {
  buildBackend();
  dir = await mkdtemp(path.join(tmpdir(), 'tallyroom-verify-'));
  server = await startTestServer();
  run = await runDisputedElection(server.api);
  exported = await run.e.m.eventsText(run.e.supervisor);
  lines = exported.trimEnd().split('\n');
  file = path.join(dir, 'meeting.ndjson');
  await writeFile(file, exported);
  const r = await request(server.url, 'GET', `${run.e.m.path}/report`, { token: run.e.supervisor });
  expect(r.status, r.text).toBe(200);
  reportHtml = r.text;
}, 120_000);
afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const typeAt = (rev: number) => (JSON.parse(lines[rev]!) as { type: string }).type;
const revOf = (type: string, nth = 0) =>
  lines.map((l, i) => [i, JSON.parse(l) as { type: string }] as const).filter(([, e]) => e.type === type)[nth]![0];
const forOf = (r: RoundSummary) =>
  Object.fromEntries(r.tally.filter((t) => t.for > 0).map((t) => [t.candidateId, t.for]));

async function withLog(name: string, ls: readonly string[]): Promise<string> {
  const p = path.join(dir, name);
  await writeFile(p, ls.join('\n') + '\n');
  return p;
}

describe('tallyroom verify on an intact export', () => {
  it('exits 0 and prints every figure, equal to the result report', async () => {
    const cli = await runCli([file, '--json']);
    expect(cli.code, cli.stderr).toBe(0);
    const v = report(cli);
    expect(v).toMatchObject({
      ok: true,
      events: lines.length,
      firstBadEvent: null,
      declarations: { total: 2, matching: 2 },
    });
    expect(v.head).toEqual({
      revision: lines.length - 1,
      hash: (JSON.parse(lines.at(-1)!) as { metadata: { hash: string } }).metadata.hash,
    });
    const [r1, r2] = v.contests[0]!.rounds as [RoundSummary, RoundSummary];
    expect(r1).toMatchObject({
      kind: 'first',
      status: 'declared',
      presentVoters: 11,
      ballotsIssued: 11,
      ballotsReturned: 11,
      valid: 10,
      invalid: 1,
      threshold: 6,
      elected: ROUND1.elected,
      matches: true,
    });
    expect(forOf(r1)).toEqual(ROUND1.for);
    expect(r2).toMatchObject({
      kind: 'supplementary',
      valid: ROUND2.valid,
      invalid: 0,
      threshold: 6,
      elected: ROUND2.elected,
      matches: true,
    });
    expect(forOf(r2)).toEqual(ROUND2.for);
    expect(v.contests[0]!.elected).toEqual([...ROUND1.elected, ...ROUND2.elected]);

    // The report the server prints says the same, figure by figure, and carries the same head.
    const paper = reportFigures(reportHtml);
    expect(paper.head).toEqual(v.head);
    expect(paper.attendance).toEqual({ expected: v.attendance.expected, presentVoters: v.attendance.presentVoters });
    expect(paper.rounds).toHaveLength(2);
    for (const [i, r] of [r1, r2].entries()) {
      const p = paper.rounds[i]!;
      expect(p.figures).toEqual({
        presentVoters: r.presentVoters,
        ballotsIssued: r.ballotsIssued,
        ballotsReturned: r.ballotsReturned,
        valid: r.valid,
        invalid: r.invalid,
        threshold: r.threshold,
      });
      // Candidates by name on the paper; write-ins not elected appear only as a total.
      const candidates = r.tally.filter((t) => r.candidates.includes(t.candidateId));
      expect(p.tally).toEqual([
        ...candidates.map((t) => ({ id: t.candidateId, for: t.for, against: t.against, abstain: t.abstain })),
        ...(r.tally.length > candidates.length
          ? [
              {
                id: 'write-ins',
                for: r.tally.filter((t) => !r.candidates.includes(t.candidateId)).reduce((n, t) => n + t.for, 0),
              },
            ]
          : []),
      ]);
      expect(p.elected).toEqual(r.elected);
      expect(p.match).toBe(true);
    }
  });

  it('exports canonical lines (what the verifier checks without re-serialising), every one as eventLine writes it', () => {
    expect(lines.length).toBeGreaterThan(50);
    for (const l of lines) expect(l).toBe(eventLine(JSON.parse(l) as ChainedEvent));
  });

  it('gives the same report for the log in canonical lines (eventLine, the fast path), and names a line that is not JSON by its number', async () => {
    const canonical = lines.map((l) => eventLine(JSON.parse(l) as ChainedEvent));
    const asExported = report(await runCli([file, '--json']));
    const rewritten = report(await runCli([await withLog('canonical.ndjson', canonical), '--json']));
    expect({ ...rewritten, source: asExported.source }).toEqual(asExported);
    // Blank lines are skipped but counted: the broken line is line k + 3 of the file.
    const k = 5;
    const broken = [
      ...canonical.slice(0, 2),
      '',
      '',
      ...canonical.slice(2, k),
      canonical[k]!.slice(0, -1),
      ...canonical.slice(k + 1),
    ];
    const cli = await runCli([await withLog('broken.ndjson', broken), '--json']);
    expect(cli.code, cli.stderr).toBe(1);
    expect(report(cli).firstBadEvent).toMatchObject({
      revision: k,
      index: k,
      problem: expect.stringMatching(new RegExp(`^line ${k + 3} is not valid JSON \\(`)),
    });
  });

  it('prints the figures as text, and runs as `npm run verify` and against the server URL', async () => {
    const text = await runCli([file]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      'presentVoters 11   ballots issued 11   returned 11   valid 10   invalid 1   threshold 6',
    );
    // P-23: 10 valid papers, 9 of them for M(1), none against or abstaining: 1 left M(1) unmarked.
    expect(text.stdout).toMatch(/candidate\s+for\s+against\s+abstain\s+unmarked\n/);
    expect(text.stdout).toMatch(new RegExp(`${M(1)}\\)\\s+9\\s+0\\s+0\\s+1\\s+elected`));
    expect(text.stdout).toContain(
      `declared: ${run.e.nameOf(M(1))} (${M(1)}), ${run.e.nameOf(M(2))} (${M(2)}) — MATCHES the replay`,
    );
    expect(text.stdout).toMatch(/^OK: the chain holds and 2 of 2 declared results match the replay\.$/m);

    const npm = await runCli(['--', file, '--json'], { command: ['npm', 'run', '--silent', 'verify'] });
    expect(npm.code, npm.stderr).toBe(0);
    expect(report(npm).head).toEqual(report(await runCli([file, '--json'])).head);

    // The supervisor's link as handed out (…/m/:id/supervisor#t=token) reads the same log.
    const link = `${server.url}/m/${run.e.m.meetingId}/supervisor#t=${run.e.supervisor}`;
    const viaUrl = await runCli([link, '--json']);
    expect(viaUrl.code, viaUrl.stderr).toBe(0);
    expect(report(viaUrl)).toMatchObject({ ok: true, events: lines.length });
    // Without a credential the server refuses, and the verifier says it could not read the log (2), not that it failed (1).
    const refused = await runCli([`${server.url}/api/meetings/${run.e.m.meetingId}/events`]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('answered 401');
    const missing = await runCli([path.join(dir, 'no-such.ndjson')]);
    expect(missing.code).toBe(2);
    expect((await runCli([file, '--head', '12:zz'])).code).toBe(2);
  });

  it('keeps corrections visible: both entries and the correction are in the log, the replay and the report list them', async () => {
    const events = lines.map((l) => JSON.parse(l) as { type: string; data: { ballotNo?: number; round?: number } });
    const ballot4 = events.filter((e) => e.data.round === 1 && e.data.ballotNo === 4).map((e) => e.type);
    expect(ballot4).toEqual(['BallotRecorded', 'BallotRecorded', 'BallotEntryCorrected']);
    const v = report(await runCli([file, '--json']));
    expect(v.contests[0]!.rounds[0]!.corrections.map((x) => [x.ballotNo, x.kind, x.revision])).toEqual([
      [4, 'corrected', revOf('BallotEntryCorrected')],
      [99, 'voided', revOf('BallotEntryVoided')],
    ]);
    expect((await runCli([file])).stdout).toContain(
      `correction: ballot 4 corrected at revision ${revOf('BallotEntryCorrected')}`,
    );
    expect(reportFigures(reportHtml).corrections).toEqual([
      [revOf('BallotEntryCorrected'), 'corrected'],
      [revOf('BallotEntryVoided'), 'voided'],
    ]);
  });
});

describe('tallyroom verify on a tampered export', () => {
  it('names the event when any single byte of it changes (a sample across event types and fields)', async () => {
    const bytes = lines.map((l) => Buffer.from(l, 'utf8'));
    const types = [...new Set(lines.map((_, i) => typeAt(i)))];
    expect(types.length).toBeGreaterThanOrEqual(18);
    let tried = 0;
    for (const type of types) {
      const rev = revOf(type, type === 'BallotRecorded' ? 7 : 0);
      const line = bytes[rev]!;
      // Three positions spread over the line: type, data and metadata all get hit across the sample.
      for (const k of [1, 2, 3]) {
        const at = (Math.floor((line.length * k) / 4) + rev) % line.length;
        const changed = Buffer.from(line);
        changed[at] = changed[at] === 0x30 ? 0x31 : changed[at]! ^ 0x01;
        const log = bytes.map((b, i) => (i === rev ? changed : b));
        const p = path.join(dir, `flip-${rev}-${at}.ndjson`);
        await writeFile(p, Buffer.concat(log.flatMap((b) => [b, Buffer.from('\n')])));
        const cli = await runCli([p, '--json']);
        const v = report(cli);
        const what = `${type} (revision ${rev}) byte ${at} '${String.fromCharCode(line[at]!)}': ${v.firstBadEvent?.problem}`;
        expect(cli.code, what).toBe(1);
        expect(v.firstBadEvent?.revision, what).toBe(rev);
        tried++;
      }
    }
    expect(tried).toBeGreaterThanOrEqual(54);
    // Starts the CLI once per changed byte (54 and more processes): on two busy cores that outlasts the default 30 s.
  }, 180_000);

  it('names a deleted event, and the first of two swapped events', async () => {
    for (const k of [
      revOf('MemberCheckedIn', 4),
      revOf('BallotRecorded', 9),
      revOf('ResultDeclared'),
      lines.length - 2,
    ]) {
      const cli = await runCli([
        await withLog(
          `del-${k}.ndjson`,
          lines.filter((_, i) => i !== k),
        ),
      ]);
      expect(cli.code).toBe(1);
      expect(cli.stdout).toMatch(
        new RegExp(
          `^FAILED: first bad event at revision ${k} \\(${typeAt(k + 1)}\\), line ${k + 1}, rule CHAIN_BROKEN: revision ${k} expected`,
          'm',
        ),
      );
    }
    for (const [a, b] of [
      [revOf('BallotRecorded', 2), revOf('BallotRecorded', 5)],
      [revOf('RoundOpened'), revOf('RoundClosed')],
      [lines.length - 2, lines.length - 1],
    ] as [number, number][]) {
      const swapped = [...lines];
      [swapped[a], swapped[b]] = [swapped[b]!, swapped[a]!];
      const cli = await runCli([await withLog(`swap-${a}-${b}.ndjson`, swapped), '--json']);
      expect(cli.code).toBe(1);
      expect(report(cli).firstBadEvent).toMatchObject({ revision: a, type: typeAt(b) });
    }
  });

  it('passes a truncated log on the chain alone, and fails it against the head printed on the report', async () => {
    const { head } = reportFigures(reportHtml);
    expect(head.revision).toBe(lines.length - 1);
    const cut = await withLog('truncated.ndjson', lines.slice(0, lines.length - 5));
    expect((await runCli([cut])).code).toBe(0);

    const against = await runCli([cut, '--head', `${head.revision}:${head.hash}`]);
    expect(against.code).toBe(1);
    expect(against.stdout).toContain(
      `FAILED: first bad event at revision ${lines.length - 5} ((missing)), rule CHAIN_BROKEN: log ends at revision ${lines.length - 6} but the report's head is ${head.revision}`,
    );

    expect((await runCli([file, '--head', `${head.revision}:${head.hash}`])).code).toBe(0);
    // Same revision, another hash: a different log behind the paper.
    const other = `${head.hash.slice(0, 63)}${head.hash.endsWith('0') ? '1' : '0'}`;
    const differs = report(await runCli([file, '--json', `--head=${head.revision}:${other}`]));
    expect(differs.ok).toBe(false);
    expect(differs.firstBadEvent).toMatchObject({
      revision: head.revision,
      problem: `hash at revision ${head.revision} differs from the report`,
    });
  });
});

describe('tallyroom verify --at', () => {
  it('gives the tally as it stood in the middle of round 1, as the server showed it then', async () => {
    const cli = await runCli([file, '--json', '--at', String(run.midRound1)]);
    expect(cli.code, cli.stderr).toBe(0);
    const v = report(cli);
    expect(v.at).toBe(run.midRound1);
    expect(v.contests[0]!.rounds).toHaveLength(1);
    const r = v.contests[0]!.rounds[0]!;
    const mid = run.midView;
    expect(r).toMatchObject({
      status: 'open',
      ballotsReturned: null,
      valid: mid.valid,
      invalid: mid.invalid,
      ballotsEntered: mid.ballotsEntered,
    });
    expect(r.tally).toEqual(mid.tally);
    // Ballots 1-6 keyed, ballot 4 held back by the tellers' disagreement: five counted.
    expect(r.ballotsEntered).toBe(5);
    expect(forOf(r)).toEqual({ [M(1)]: 4, [M(2)]: 3, [M(3)]: 1, [M(4)]: 1, [M(5)]: 1 });

    const text = await runCli([file, '--at', String(run.midRound1)]);
    expect(text.stdout).toContain(`state      as at revision ${run.midRound1}`);
    expect(text.stdout).toContain('returned — (open)   valid 5   invalid 0');
    expect(text.stdout).not.toContain('Round 2');
  });
});

describe('secrecy of the exported ballots', () => {
  it('links no member to a ballot, and ballots entered after collection are not in check-in order', async () => {
    type Ev = {
      type: string;
      data: Record<string, unknown>;
      metadata: { revision: number; actor: { role: string; id: string } };
    };
    const events = lines.map((l) => JSON.parse(l) as Ev);
    const memberIds = new Set(events.filter((e) => e.type === 'MemberEnrolled').map((e) => e.data.memberId as string));
    expect(memberIds.size).toBe(13);
    const credentials = new Map(
      events.filter((e) => e.type === 'CredentialIssued').map((e) => [e.data.credentialId as string, e.data]),
    );
    const ballots = events.filter((e) => e.type === 'BallotRecorded');
    expect(ballots.length).toBeGreaterThan(40);
    for (const b of ballots) {
      expect(Object.keys(b.data).sort()).toEqual(['ballotNo', 'contestId', 'marks', 'round', 'teller', 'writeIns']);
      // Marks are keyed by candidate, write-ins name the written-in person: nothing else may name a member.
      const { marks: _m, writeIns: _w, ...rest } = b.data;
      const strings = JSON.stringify({ rest, metadata: b.metadata })
        .match(/"[^"]*"/g)!
        .map((s) => JSON.parse(s) as string);
      expect(
        strings.filter((s) => memberIds.has(s)),
        `revision ${b.metadata.revision}`,
      ).toEqual([]);
      expect(b.metadata.actor.role).toBe('teller');
      // The teller's credential was minted by name, not for a member.
      expect(credentials.get(b.metadata.actor.id)).toMatchObject({ role: 'teller' });
      expect(credentials.get(b.metadata.actor.id)).not.toHaveProperty('memberId');
    }
    // Every ballot is entered after the last check-in, so the log's time order does not pair voters with papers ...
    const lastCheckIn = Math.max(...events.filter((e) => e.type === 'MemberCheckedIn').map((e) => e.metadata.revision));
    expect(Math.min(...ballots.map((b) => b.metadata.revision))).toBeGreaterThan(lastCheckIn);
    // ... and the order of the papers is the box's, not the check-in order.
    const checkInOrder = events
      .filter((e) => e.type === 'MemberCheckedIn')
      .map((e) => e.data.memberId as string)
      .filter((id) => id !== 'q0001');
    const { voterBallots } = await import('./disputed-election.js');
    const norm = (marks: object) => JSON.stringify(Object.entries(marks).sort());
    const byCheckIn = checkInOrder.map((_, i) => norm(voterBallots[i]!.marks));
    const teller1 = ballots.filter(
      (b) =>
        b.data.round === 1 &&
        b.metadata.actor.id === ballots[0]!.metadata.actor.id &&
        (b.data.ballotNo as number) <= 11,
    );
    const asLogged = teller1.map((b) => norm(b.data.marks as object));
    expect(asLogged).toHaveLength(11);
    expect([...asLogged].sort()).toEqual([...byCheckIn].sort());
    expect(asLogged).not.toEqual(byCheckIn);
    expect(asLogged.filter((m, i) => m === byCheckIn[i]).length).toBeLessThan(4);
  });
});

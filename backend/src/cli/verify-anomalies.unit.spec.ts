/**
 * `tallyroom verify` prints the blocking anomalies it can see in a log: the same codes the district
 * board and the chair's console show. Logs grown by the real decider, written as an export is, verified in process.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventLine } from '@tallyroom/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readyMeeting } from '../../../contracts/src/testing/fixtures.js';
import { runVerify, type VerifyReport } from './verify-command.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tallyroom-anomalies-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function verify(name: string, lines: string[], json = false) {
  const file = path.join(dir, name);
  await writeFile(file, lines.join('\n') + '\n');
  let out = '';
  const code = await runVerify(
    [file, ...(json ? ['--json'] : [])],
    { out: (s) => (out += s), err: () => undefined },
    {},
  );
  return { code, out };
}

const forP1 = { marks: { p1: 'for' as const } };

describe('tallyroom verify and the anomaly codes', () => {
  it('prints A-01 for a round with 11 papers keyed of 10 issued, and nothing for a clean log', async () => {
    const m = readyMeeting({ voters: 10 });
    const n = m.openRound('c1');
    m.enterBallots(
      'c1',
      n,
      Array.from({ length: 10 }, () => forP1),
    );
    const clean = await verify('clean.ndjson', m.log().map(eventLine));
    expect(clean.code).toBe(0);
    expect(clean.out).not.toContain('anomaly');
    m.enterBallots('c1', n, [forP1]);
    const text = await verify('over.ndjson', m.log().map(eventLine));
    expect(text.out).toContain(
      'anomaly    A-01 blocking: more ballots returned (or keyed) than were issued (P-21) · contest c1 round 1 (issued 10, entered 11)',
    );
    const json = JSON.parse((await verify('over.ndjson', m.log().map(eventLine), true)).out) as VerifyReport;
    expect(json.anomalies.map((a) => a.code)).toEqual(['A-01']);
  });

  it('prints A-02 when the chain breaks, and A-03 for a counted round a closed meeting can no longer declare', async () => {
    const m = readyMeeting({ voters: 10 });
    const n = m.openRound('c1');
    m.enterBallots(
      'c1',
      n,
      Array.from({ length: 10 }, () => forP1),
    );
    m.closeRound('c1', n);
    m.run({ type: 'CloseMeeting', data: { confirmUnfinished: true } });
    const lines = m.log().map(eventLine);
    const closed = JSON.parse((await verify('closed.ndjson', lines, true)).out) as VerifyReport;
    expect(closed.anomalies).toMatchObject([
      { code: 'A-03', contestId: 'c1', round: 1, params: { code: 'MEETING_CLOSED' } },
    ]);
    // A check-in's member changed after the fact: the chain fails at that line.
    const at = lines.findIndex((l) => l.includes('"MemberCheckedIn"'));
    const tampered = [...lines];
    tampered[at] = tampered[at]!.replace('"memberId":"p1"', '"memberId":"p2"');
    const broken = await verify('broken.ndjson', tampered);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`anomaly    A-02 blocking: the hash chain fails verification (revision ${at})`);
  });
});

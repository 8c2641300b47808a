/**
 * The corpus through `tallyroom verify`, in its own process as a supervisor
 * runs it: every genuine log passes (exit 0), every forged one fails (exit 1)
 * naming the revision that was forged and the rule it breaks, in --json and in
 * the text a person reads.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend } from '../support/server.js';
import { report, runCli } from './cli.js';
import { buildCorpus, type CorpusLog } from './corpus.js';

let dir: string;
const corpus: CorpusLog[] = buildCorpus();
const files = new Map<string, string>();

beforeAll(async () => {
  buildBackend();
  dir = await mkdtemp(path.join(tmpdir(), 'tallyroom-corpus-'));
  for (const [i, log] of corpus.entries()) {
    const file = path.join(dir, `log-${i}.ndjson`);
    await writeFile(file, log.events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    files.set(log.name, file);
  }
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the corpus through tallyroom verify', () => {
  it('has genuine logs of every path and at least 20 forgeries', () => {
    expect(corpus.filter((l) => !l.forged).length).toBeGreaterThanOrEqual(12);
    expect(corpus.filter((l) => l.forged).length).toBeGreaterThanOrEqual(20);
  });

  // Each log in a process of its own, up to five at once (vitest's maxConcurrency; the config's 60 s timeout each): a
  // run is mostly the CLI's ~0.25 s start-up, and one after another they left a core idle. Concurrent tests assert
  // with their context's expect.
  it.concurrent.for(corpus.filter((l) => !l.forged).map((l) => [l.name, l] as const))(
    'genuine %s: exit 0',
    async ([, log], { expect }) => {
      const cli = await runCli([files.get(log.name)!, '--json']);
      expect(cli.code, cli.stdout.slice(-2000) + cli.stderr).toBe(0);
      expect(report(cli).firstBadEvent).toBeNull();
    },
  );

  it('P-15: the text shows a contest withdrawn before its first round as withdrawn, with its reason, never unfinished', async () => {
    const cli = await runCli([files.get('listsAWeekBefore')!]);
    expect(cli.code, cli.stdout + cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(
      /^contest deputy · deputy-secretary · 1 seat · uncontested\n {2}withdrawn at revision \d+ \(2026-11-17\): 本届不设副书记，误建$/m,
    );
    expect(cli.stdout).not.toContain('unfinished');
  });

  it('P-09: the text prints the 公推大会 figures by paper category, as replayed', async () => {
    const cli = await runCli([files.get('recommendation')!]);
    expect(cli.code, cli.stdout + cli.stderr).toBe(0);
    // Worked out by hand from the ballot pattern in corpus.ts (recommendationMeeting).
    expect(cli.stdout).toContain(
      'recommendation ballots by paper (member/masses/deputy/all): cast 34/18/4/56   invalid 0/0/1/1   counted papers member, masses, deputy: base 56, passing needs 29 (P-09)',
    );
    expect(cli.stdout).toMatch(/\(m2\)\s+17\/9\/2\/28 {2}not over half/);
    expect(cli.stdout).toMatch(/\(m20\)\s+0\/1\/0\/1 {2}not over half {2}\(write-in\)/);
  }, 60_000);

  it('PG-02 PG-03: the text of a party-group vote names who passed and who did not, never seats still to elect', async () => {
    const cli = await runCli([files.get('partyGroup')!]);
    expect(cli.code, cli.stdout + cli.stderr).toBe(0);
    expect(cli.stdout).toContain('ruleset    party-group');
    expect(cli.stdout).toMatch(
      /^ {2}passed \(PG-02\): .*\(p1\), .*\(p2\), .*\(p3\) · not passed: .*\(p4\), .*\(p5\)$/m,
    );
    expect(cli.stdout).not.toContain('unfinished');
  });

  it.concurrent.for(corpus.filter((l) => l.forged).map((l) => [`${l.forged!.rule} ${l.name}`, l] as const))(
    'forged (%s): exit 1 at its revision with its rule',
    async ([, log], { expect }) => {
      const f = log.forged!;
      // One process at a time per test: five tests at once (vitest's maxConcurrency) beside the other worker's file.
      const json = await runCli([files.get(log.name)!, '--json']);
      expect(json.code).toBe(1);
      const v = report(json);
      expect(v.chain.ok, 'the forger re-hashed the chain: it holds').toBe(true);
      expect(
        { revision: v.firstBadEvent?.revision, rule: v.firstBadEvent?.rule },
        `${f.what}: ${v.firstBadEvent?.problem}`,
      ).toEqual({ revision: f.revision, rule: f.rule });
      const text = await runCli([files.get(log.name)!]);
      expect(text.code).toBe(1);
      expect(text.stdout).toMatch(
        new RegExp(
          `^FAILED: first bad event at revision ${f.revision} \\(\\w+\\), line ${f.revision + 1}, rule ${f.rule}: `,
          'm',
        ),
      );
    },
  );
});

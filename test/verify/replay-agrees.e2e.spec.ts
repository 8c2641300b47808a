/**
 * One log, two independent readers: the verifier CLI (spawned with node, as a
 * user runs it) and the supervisor's replay screen of the built dashboard in
 * Chromium, which loads the same file through its file picker. A full
 * election runs through HTTP against the built backend process; both readers
 * must give the same chain head, the same verdict on every declaration and
 * the same figures for every round, at the end and in the middle of a count,
 * and both must name the same revision in a tampered copy.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RoundSummary } from '@tallyroom/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, pageErrors } from '../e2e/support/browser.js';
import { buildBackend, repoRoot, spawnBuiltServer, type ServerProcess } from '../support/server.js';
import { report, runCli } from './cli.js';
import { runDisputedElection, type DisputedElection } from './disputed-election.js';

let dir: string;
let server: ServerProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let run: DisputedElection;
let file: string;
let lines: string[];

function buildDashboardIfMissing() {
  if (existsSync(path.join(repoRoot, 'dashboard/dist/index.html'))) return;
  const r = spawnSync('npm', ['run', 'build', '-w', 'dashboard'], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`dashboard build failed:\n${r.stdout}\n${r.stderr}`);
}

beforeAll(async () => {
  buildBackend();
  buildDashboardIfMissing();
  dir = await mkdtemp(path.join(tmpdir(), 'tallyroom-agree-'));
  server = await spawnBuiltServer(path.join(dir, 't.db'));
  run = await runDisputedElection(server.api);
  const text = await run.e.m.eventsText(run.e.supervisor);
  lines = text.trimEnd().split('\n');
  file = path.join(dir, `meeting-${run.e.m.meetingId}.ndjson`);
  await writeFile(file, text);
  browser = await launchBrowser();
  ({ context, page } = await newPage(browser));
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Opens the supervisor's screen and loads `log` through its file picker, as a person would. */
async function loadInReplay(log: string) {
  await page.goto(`${server.url}/m/${encodeURIComponent(run.e.m.meetingId)}/supervisor#t=${run.e.supervisor}`);
  await page.locator('.dropzone input[type=file]').setInputFiles(log);
  await page.getByTestId('chain-verdict').waitFor();
}

const num = (s: string) => Number(s.replace(/[^\d-]/g, ''));

/** The round shown in the scrub pane (the contest's latest round at the cursor), read off the screen. */
async function screenRound() {
  const figure = async (k: string) => (await page.getByTestId(`round-${k}`).locator('dd').innerText()).trim();
  const threshold = await figure('threshold');
  const rows = page.locator('[data-testid^="tally-"]');
  const tally = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const cells = await row.locator('td').allInnerTexts();
    tally.push({
      candidateId: (await row.getAttribute('data-testid'))!.slice('tally-'.length),
      for: num(cells[0]!),
      against: num(cells[1]!),
      abstain: num(cells[2]!),
    });
  }
  return {
    presentVoters: num(await figure('presentVoters')),
    ballotsIssued: num(await figure('ballotsIssued')),
    ballotsEntered: num(await figure('ballotsEntered')),
    ballotsReturned: /\d/.test(await figure('ballotsReturned')) ? num(await figure('ballotsReturned')) : null,
    valid: num(await figure('valid')),
    invalid: num(await figure('invalid')),
    threshold: /\d/.test(threshold) ? num(threshold) : null,
    tally: tally.sort((a, b) => a.candidateId.localeCompare(b.candidateId)),
  };
}

const cliRound = (r: RoundSummary) => ({
  presentVoters: r.presentVoters,
  ballotsIssued: r.ballotsIssued,
  ballotsEntered: r.ballotsEntered,
  ballotsReturned: r.ballotsReturned,
  valid: r.valid,
  invalid: r.invalid,
  threshold: r.threshold,
  tally: [...r.tally].sort((a, b) => a.candidateId.localeCompare(b.candidateId)),
});

/** Moves the replay's cursor to `revision` with the keyboard (the slider counts events from 0). */
async function scrubTo(revision: number) {
  const slider = page.locator('input.scrubber');
  await slider.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < revision; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(() => slider.inputValue()).toBe(String(revision));
  await expect
    .poll(async () => num(await page.getByTestId('replay-event').locator('dd').nth(1).innerText()))
    .toBe(revision);
}

describe('the browser replay and the CLI read the same log', () => {
  it('agree on the chain head, on every declaration and on every round’s figures', async () => {
    const cli = await runCli([file, '--json']);
    expect(cli.code, cli.stderr).toBe(0);
    const v = report(cli);
    expect(v.ok).toBe(true);

    await loadInReplay(file);
    const verdict = page.getByTestId('chain-verdict');
    await expect.poll(() => verdict.getAttribute('data-ok')).toBe('true');
    expect(await verdict.innerText()).toContain(v.head!.hash);
    expect(await verdict.innerText()).toContain(`第 0 至第 ${v.head!.revision} 条记录`);
    expect(await page.getByTestId('results-verdict').getAttribute('data-match')).toBe('true');

    const rounds = v.contests.flatMap((c) => c.rounds);
    expect(rounds).toHaveLength(2);
    for (const r of rounds) {
      const declaredAt = lines.findIndex((l) => {
        const e = JSON.parse(l) as { type: string; data: { contestId?: string; round?: number } };
        return e.type === 'ResultDeclared' && e.data.contestId === r.contestId && e.data.round === r.round;
      });
      expect(r.matches).toBe(true);
      const check = page.getByTestId(`check-${declaredAt}`);
      expect(await check.innerText()).toContain('✓');
      await check.getByRole('button').click();
      await expect.poll(async () => await page.getByTestId('replay-event').innerText()).toContain('ResultDeclared');
      const shown = await screenRound();
      expect(shown, `round ${r.round}`).toEqual(cliRound(r));
      // The elected the screen marks are the ones the CLI replays.
      for (const t of r.tally) {
        expect(
          await page.getByTestId(`tally-${t.candidateId}`).locator('.elected-mark').count(),
          `${t.candidateId} in round ${r.round}`,
        ).toBe(r.elected.includes(t.candidateId) ? 1 : 0);
      }
    }
    expect(pageErrors(page)).toEqual([]);
  });

  it('agree in the middle of the count (--at and the scrubber)', async () => {
    const cli = await runCli([file, '--json', '--at', String(run.midRound1)]);
    expect(cli.code, cli.stderr).toBe(0);
    const r = report(cli).contests[0]!.rounds.at(-1)!;
    expect(r.status).toBe('open');
    expect(r.ballotsEntered).toBeGreaterThan(0);

    await loadInReplay(file);
    await scrubTo(run.midRound1);
    expect(await screenRound()).toEqual(cliRound(r));
  });

  it('name the same revision in a tampered copy', async () => {
    // A vote moved in one ballot after the fact: one byte of one BallotRecorded.
    const k = lines.findIndex((l) => l.includes('"type":"BallotRecorded"') && l.includes('"for"'));
    const tampered = [...lines];
    tampered[k] = tampered[k]!.replace('"for"', '"against"');
    const bad = path.join(dir, 'tampered.ndjson');
    await writeFile(bad, tampered.join('\n') + '\n');

    const cli = await runCli([bad, '--json']);
    expect(cli.code).toBe(1);
    expect(report(cli).firstBadEvent).toMatchObject({ revision: k, type: 'BallotRecorded' });

    await loadInReplay(bad);
    const verdict = page.getByTestId('chain-verdict');
    await expect.poll(() => verdict.getAttribute('data-ok')).toBe('false');
    expect(await verdict.innerText()).toContain(`哈希链在第 ${k} 条记录（文件第 ${k + 1} 行，BallotRecorded）处断开`);
  });
});

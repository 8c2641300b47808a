/**
 * One verdict, two readers: every log of the corpus goes through the
 * supervisor's replay screen of the built dashboard in Chromium (the file
 * picker, as a person loads it), which must give the verdict, first bad
 * revision and rule id the corpus states for it: the forger's own record of
 * what it forged, not either reader's output. corpus.int.spec.ts holds
 * `tallyroom verify` (its own process) to the same record, log by log, so the
 * two readers agree wherever both pass; running the CLI over the corpus a
 * second time here added ~110 processes and nothing the other file does not
 * check. One browser, one page: the files are loaded one after another.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, pageErrors } from '../e2e/support/browser.js';
import { Election } from '../support/election.js';
import { buildBackend, repoRoot, spawnBuiltServer, type ServerProcess } from '../support/server.js';
import { buildCorpus, type CorpusLog } from './corpus.js';

let dir: string;
let server: ServerProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let election: Election;
const corpus: CorpusLog[] = buildCorpus();
const files: string[] = [];

function buildDashboardIfMissing() {
  if (existsSync(path.join(repoRoot, 'dashboard/dist/index.html'))) return;
  const r = spawnSync('npm', ['run', 'build', '-w', 'dashboard'], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`dashboard build failed:\n${r.stdout}\n${r.stderr}`);
}

beforeAll(async () => {
  buildBackend();
  buildDashboardIfMissing();
  dir = await mkdtemp(path.join(tmpdir(), 'tallyroom-corpus-agree-'));
  for (const [i, log] of corpus.entries()) {
    const file = path.join(dir, `corpus-${i}.ndjson`);
    await writeFile(file, log.events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    files.push(file);
  }
  server = await spawnBuiltServer(path.join(dir, 't.db'));
  // Any meeting gives a supervisor a replay screen; the logs loaded into it are the corpus's.
  election = await Election.create(server.api, { title: '核验演示会议', organisation: '第一党支部' });
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

/** What the screen says about the file just loaded. */
async function screenVerdict(file: string) {
  await page.locator('.dropzone input[type=file]').setInputFiles(file);
  // The source line names the file once its verdict is on the screen.
  await expect
    .poll(() => page.getByText(path.basename(file), { exact: false }).count(), { timeout: 30_000 })
    .toBeGreaterThan(0);
  const v = page.getByTestId('replay-verdict');
  const verdict = await v.getAttribute('data-verdict');
  return {
    ok: verdict === 'ok',
    revision: verdict === 'bad' ? Number(await v.getAttribute('data-first-bad-revision')) : null,
    rule: verdict === 'bad' ? await v.getAttribute('data-rule') : null,
  };
}

describe('the replay screen gives each corpus log the verdict the CLI is held to', () => {
  it('every genuine and forged log: the stated verdict, first bad revision and rule id', async () => {
    await page.goto(`${server.url}/m/${encodeURIComponent(election.m.meetingId)}/supervisor#t=${election.supervisor}`);
    for (const [i, log] of corpus.entries()) {
      const stated = log.forged
        ? { ok: false, revision: log.forged.revision, rule: log.forged.rule }
        : { ok: true, revision: null, rule: null };
      expect(await screenVerdict(files[i]!), log.name).toEqual(stated);
    }
    // The panel says it in words too, with the rule id (zh-CN).
    const last = page.getByTestId('replay-verdict');
    const f = corpus.at(-1)!.forged!;
    expect(await last.innerText()).toContain(`第 ${f.revision} 条记录`);
    expect(await last.innerText()).toContain(`依据规则 ${f.rule}`);
    expect(pageErrors(page)).toEqual([]);
  }, 300_000);
});

/**
 * The verifier as a user runs it: `node backend/dist/cli/tallyroom.js verify …`
 * in its own process (build first; buildBackend() does).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { VerifyReport } from '../../backend/src/cli/verify-command.js';
import { repoRoot } from '../support/server.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export const CLI = path.join(repoRoot, 'backend/dist/cli/tallyroom.js');

export function runCli(
  args: readonly string[],
  o: { stdin?: string; command?: string[]; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CliRun> {
  const [cmd, ...pre] = o.command ?? [process.execPath, CLI, 'verify'];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd!, [...pre, ...args], {
      cwd: repoRoot,
      env: { ...process.env, TALLYROOM_TOKEN: '', ...o.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      // A process group of its own, so that a verifier started through npm is stopped with npm.
      detached: true,
    });
    // A verifier that hangs fails its test with what it printed, before the test's own timeout leaves it running.
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, o.timeoutMs ?? 50_000);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      if (timedOut) reject(new Error(`verify ${args.join(' ')} did not finish in time:\n${stdout}\n${stderr}`));
      else resolve({ code, stdout, stderr });
    });
    child.stdin.end(o.stdin ?? '');
  });
}

/** `--json` output, parsed; fails with the run's stderr when it is not JSON. */
export function report(run: CliRun): VerifyReport {
  try {
    return JSON.parse(run.stdout) as VerifyReport;
  } catch {
    throw new Error(`verifier printed no JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}

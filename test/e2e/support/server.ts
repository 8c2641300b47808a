import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { TEST_OPERATOR_TOKEN } from '../../support/organisation.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface RunningServer {
  url: string;
  dataDir: string;
  /** Everything the server printed, for a failing test's message. */
  log: string[];
  stop(): Promise<void>;
}

/**
 * Starts the built backend (`node backend/dist/main.js`) on a free port with a
 * fresh SQLite file, and resolves once it logs "tallyroom serving" with its URL.
 * Build first: `npx tsc -b contracts backend && (cd dashboard && npx vite build)`.
 */
export async function startServer(
  opts: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tallyroom-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [path.join(repoRoot, 'backend/dist/main.js')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      TALLYROOM_STORE: `sqlite:${path.join(dataDir, 't.db')}`,
      TALLYROOM_OPERATOR_TOKEN: TEST_OPERATOR_TOKEN,
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (l) => log.push(l));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start within ${opts.timeoutMs ?? 20000} ms:\n${log.join('\n')}`)),
      opts.timeoutMs ?? 20000,
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      log.push(line);
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'tallyroom serving' && entry.url) {
          clearTimeout(timer);
          resolve(entry.url);
        }
      } catch {
        /* not a JSON log line */
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before serving:\n${log.join('\n')}`));
    });
  });
  return {
    url,
    dataDir,
    log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

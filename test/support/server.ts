/**
 * Servers for integration tests: the backend in this process (from its
 * TypeScript sources) on a free loopback port and a temporary SQLite file, or
 * the built backend as a child process for restart and crash tests.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../backend/src/config.js';
import { startServer } from '../../backend/src/server.js';
import { Api } from './api.js';
import { TEST_OPERATOR_TOKEN } from './organisation.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface TestServer {
  api: Api;
  url: string;
  dir: string;
  close(): Promise<void>;
}

/**
 * Settings every test server shares: one process without Redis, no demo
 * meeting, and rate limits far above what a scripted election sends (a test
 * checks in hundreds of members from one kiosk credential within a second).
 */
export function testEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    TALLYROOM_DEMO: 'off',
    TALLYROOM_RATE_CHECKIN: '100000/1',
    TALLYROOM_RATE_JOIN: '100000/1',
    TALLYROOM_RATE_AUTH_FAILURES: '100000/1',
    TALLYROOM_OPERATOR_TOKEN: TEST_OPERATOR_TOKEN,
    ...overrides,
  };
  // Never inherit a Redis setting from the developer's shell.
  if (!overrides.REDIS_URL) delete env.REDIS_URL;
  return env;
}

/** The whole backend (HTTP API and /live) in this process, on 127.0.0.1:<free port>. */
export async function startTestServer(env: NodeJS.ProcessEnv = {}): Promise<TestServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tallyroom-int-'));
  const config = loadConfig(testEnv({ TALLYROOM_STORE: `sqlite:${dir}/t.db`, ...env }));
  const server = await startServer(config);
  return {
    api: new Api(server.url),
    url: server.url,
    dir,
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `tsc -b contracts backend`, then the CLI's bundle when a compiled module is newer than it: builds what is missing or
 * stale (fast when up to date). Type errors elsewhere in the tree do not stop these tests: tsc -b still emits, and the
 * process tests judge the emitted server by running it (a server that cannot start fails them with its own error).
 * Type errors are `npm run typecheck`'s business.
 */
export function buildBackend() {
  const r = spawnSync(
    process.execPath,
    [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-b', 'contracts', 'backend'],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  if (r.status !== 0) {
    if (!existsSync(path.join(repoRoot, 'backend/dist/main.js')))
      throw new Error(`tsc -b contracts backend failed:\n${r.stdout}\n${r.stderr}`);
    console.warn(
      `tsc -b contracts backend reported errors; testing the emitted build anyway:\n${r.stdout.split('\n').slice(0, 5).join('\n')}`,
    );
  }
  bundleCliIfStale();
}

const CLI_BUNDLE = path.join(repoRoot, 'backend/dist/cli/tallyroom.js');

function bundleCliIfStale() {
  const compiled = ['backend/dist', 'contracts/dist'].flatMap((d) =>
    readdirSync(path.join(repoRoot, d), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.js'))
      .map((f) => path.join(repoRoot, d, f)),
  );
  const bundled = existsSync(CLI_BUNDLE) ? statSync(CLI_BUNDLE).mtimeMs : 0;
  if (compiled.every((f) => f === CLI_BUNDLE || statSync(f).mtimeMs <= bundled)) return;
  const b = spawnSync('npm', ['run', 'bundle-cli', '-w', 'backend'], { cwd: repoRoot, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`npm run bundle-cli -w backend failed:\n${b.stdout}\n${b.stderr}`);
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  api: Api;
  /** Every log line so far, parsed. */
  logs: Record<string, unknown>[];
  /** Resolves with the exit code (null when killed by a signal) and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `node backend/dist/main.js` and waits for its "tallyroom serving" log line; `nodeArgs` go before the script
 * (e.g. `--import` of module hooks), `env` over the test settings.
 */
export function spawnBuiltServer(
  storeFile: string,
  timeoutMs = 60_000,
  o: { nodeArgs?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<ServerProcess> {
  const env = testEnv({ TALLYROOM_STORE: `sqlite:${storeFile}`, LOG_LEVEL: 'info', ...o.env });
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), path.join(repoRoot, 'backend/dist/main.js')], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    let buffered = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        let entry: Record<string, unknown>;
        try {
          entry = JSON.parse(line) as Record<string, unknown>;
        } catch {
          continue;
        }
        logs.push(entry);
        if (entry.msg === 'tallyroom serving' && typeof entry.url === 'string') {
          clearTimeout(timer);
          resolve({ child, url: entry.url, api: new Api(entry.url), logs, exited });
        }
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited early (code ${code}, signal ${signal})\n${stderr}`));
    });
  });
}

/** Sends a signal to a child we started (by its pid only) and waits for it to exit. */
export async function stopProcess(p: ServerProcess, signal: NodeJS.Signals) {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return p.exited;
  p.child.kill(signal);
  return p.exited;
}

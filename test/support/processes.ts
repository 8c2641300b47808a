import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_OPERATOR_TOKEN } from './organisation.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const tempDir = (prefix = 'tallyroom-') => mkdtempSync(path.join(os.tmpdir(), prefix));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface Proc {
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

function track(child: ChildProcess): Proc {
  let out = '';
  child.stdout?.on('data', (b: Buffer) => {
    out += b.toString();
  });
  child.stderr?.on('data', (b: Buffer) => {
    out += b.toString();
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    child,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** A real redis-server from Debian's package on a free loopback port, no persistence. */
export async function startRedis(): Promise<Proc & { url: string; port: number }> {
  const port = await freePort();
  const p = track(
    spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'pipe',
    }),
  );
  await waitFor(
    () => /Ready to accept connections/.test(p.output()),
    10_000,
    () => `redis did not start:\n${p.output()}`,
  );
  return { ...p, url: `redis://127.0.0.1:${port}`, port };
}

/** The built backend (`backend/dist/main.js`) as its own process; resolves once it logs that it serves. */
export async function startBackend(env: Record<string, string>): Promise<Proc & { url: string }> {
  const port = env.PORT ?? String(await freePort());
  const child = spawn(process.execPath, [path.join(ROOT, 'backend/dist/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      TALLYROOM_DEMO: 'off',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      TALLYROOM_OPERATOR_TOKEN: TEST_OPERATOR_TOKEN,
      ...env,
      PORT: port,
    },
    stdio: 'pipe',
  });
  const p = track(child);
  const url = `http://127.0.0.1:${port}`;
  let up = false;
  const until = Date.now() + 20_000;
  while (!up && child.exitCode === null && Date.now() < until) {
    up = await fetch(`${url}/api/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (!up) await new Promise((r) => setTimeout(r, 50));
  }
  if (!up) {
    await p.stop('SIGKILL');
    throw new Error(`backend did not start:\n${p.output()}`);
  }
  return { ...p, url };
}

export async function waitFor(cond: () => boolean, timeoutMs: number, message: () => string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(message());
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * The KurrentDB protocol double (test/kurrentdb-double/, TypeScript) as a process of its own for the benchmarks, so
 * the backends reach it over loopback gRPC as they would a server, and its work is not counted in the driver's
 * event loop. The TypeScript is loaded through Vite's module runner (`runnerImport`), which vitest already brings.
 *
 * IPC: ready message { ready: true, url, port } once it listens;
 *   { cmd: 'count', prefix } → { ok, events }   events stored in streams whose name starts with `prefix`;
 *   { cmd: 'close' } → { ok }.
 * Not a KurrentDB: figures measured against it say nothing about a real cluster (test/kurrentdb-double/README.md).
 */
import path from 'node:path';
import { runnerImport } from 'vite';
import { ROOT } from './lib.mjs';

const { module } = await runnerImport(path.join(ROOT, 'test/kurrentdb-double/index.ts'), {
  configFile: false,
  logLevel: 'error',
});
const double = await module.startKurrentDouble();

process.on('message', async (m) => {
  let reply;
  try {
    if (m.cmd === 'count') {
      let events = 0;
      for (const r of double.records()) if (r.stream.startsWith(m.prefix)) events++;
      reply = { ok: true, events };
    } else if (m.cmd === 'close') {
      await double.close();
      reply = { ok: true };
    } else reply = { ok: false, error: `unknown command ${m.cmd}` };
  } catch (err) {
    reply = { ok: false, error: String(err?.stack ?? err) };
  }
  process.send({ id: m.id, ...reply });
});
process.on('disconnect', () => process.exit(0));
// A clean exit on SIGTERM, so that --cpu-prof (BENCH_DOUBLE_NODE_ARGS) writes its profile.
process.on('SIGTERM', () => process.exit(0));
process.send({ ready: true, url: double.url, port: double.port });

/**
 * The docx library is ~4 MiB of a process's resident memory (docs/performance.md, part 6), and most processes never
 * write a Word document: the built server loads it with the first one, not at start-up. Module hooks registered with
 * `--import` record every module the server resolves from the docx package, as the server runs for real.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend, spawnBuiltServer, stopProcess, type ServerProcess } from '../support/server.js';

const HOOKS = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (resolved.url.includes('/node_modules/docx/')) appendFileSync(process.env.RESOLVED_LOG, resolved.url + '\\n');
  return resolved;
}
`;

let dir: string;
let server: ServerProcess;
const resolvedDocx = async () =>
  (await readFile(path.join(dir, 'resolved.log'), 'utf8').catch(() => '')).split('\n').filter(Boolean);

beforeAll(async () => {
  buildBackend();
  dir = await mkdtemp(path.join(tmpdir(), 'tallyroom-lazy-'));
  await writeFile(path.join(dir, 'hooks.mjs'), HOOKS);
  await writeFile(
    path.join(dir, 'register.mjs'),
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(path.join(dir, 'hooks.mjs')).href)});\n`,
  );
  server = await spawnBuiltServer(path.join(dir, 't.db'), 60_000, {
    nodeArgs: ['--import', pathToFileURL(path.join(dir, 'register.mjs')).href],
    env: { RESOLVED_LOG: path.join(dir, 'resolved.log') },
  });
}, 120_000);
afterAll(async () => {
  if (server) await stopProcess(server, 'SIGTERM');
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the docx library', () => {
  it('is not loaded by a serving process, a meeting and its HTML report; the first Word document loads it', async () => {
    const m = await server.api.createMeeting();
    const get = (p: string) => fetch(`${server.url}${m.path}${p}`, { headers: { authorization: `Bearer ${m.chair}` } });
    expect((await get('/documents/report')).status).toBe(200);
    expect(await resolvedDocx()).toEqual([]);

    const word = await get('/documents/report?format=docx');
    expect(word.status).toBe(200);
    // A .docx is a zip: its first bytes are the local file header's "PK\\3\\4".
    expect([...new Uint8Array(await word.arrayBuffer()).slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect((await resolvedDocx()).length).toBeGreaterThan(0);
  });
});

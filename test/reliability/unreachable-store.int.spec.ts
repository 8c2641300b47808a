/**
 * A KurrentDB that does not answer at start-up is an operator's problem, like a read-only disk (full-disk.int): the
 * built backend exits 1 with one log line saying so, the URL's credentials left out, and no stack trace.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, ROOT } from '../support/processes.js';

describe('a store that cannot be reached at start-up', () => {
  it('exits 1 with one line naming the store and the reason', async () => {
    // A port nothing listens on: the client's connection is refused.
    const closed = await freePort();
    const r = spawnSync(process.execPath, [path.join(ROOT, 'backend/dist/main.js')], {
      env: {
        ...process.env,
        PORT: '0',
        TALLYROOM_STORE: `kurrentdb://admin:secret@127.0.0.1:${closed}?tls=false`,
        TALLYROOM_DEMO: 'off',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    const lines = `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.trim() !== '');
    expect(
      lines.filter((l) => !l.startsWith('{')),
      'no stack trace',
    ).toEqual([]);
    const fatal = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level === 60);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]!.msg).toMatch(/^event store kurrentdb:\/\/ server did not answer/);
    expect(`${r.stdout}${r.stderr}`).not.toContain('secret');
  }, 40_000);
});

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

/**
 * Temporary folders and things to close, for tests that open real stores: everything registered during a test is
 * closed (last opened first) and removed after it.
 */
export function scratch(prefix: string) {
  const dirs: string[] = [];
  const closers: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return {
    /** A new empty folder, removed after the test. */
    dir(): string {
      const d = mkdtempSync(path.join(os.tmpdir(), prefix));
      dirs.push(d);
      return d;
    },
    /** Runs after the test, before the folders are removed. */
    onEnd(close: () => unknown): void {
      closers.push(close);
    },
  };
}

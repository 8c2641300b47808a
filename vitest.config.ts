import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      // Tests run against contracts' sources, so no build step is needed first.
      '@tallyroom/contracts': path.resolve(root, 'contracts/src/index.ts'),
    },
  },
  test: {
    include: [
      'contracts/src/**/*.spec.ts',
      'backend/src/**/*.spec.ts',
      'test/**/*.spec.ts',
      'dashboard/src/**/*.spec.ts',
    ],
    // One file at a time. Three at a time on this 2-core machine bought ~13 % of wall time, and in one of two CI
    // runs the long browser journey (test/e2e/election.e2e.spec.ts) then missed its steps' waits; the crash and chaos
    // tests also count on the machine being theirs. Timeouts are safety nets, never assertions.
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

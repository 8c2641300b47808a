import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));

const ALL = [
  'contracts/src/**/*.spec.ts',
  'backend/src/**/*.spec.ts',
  'test/**/*.spec.ts',
  'dashboard/src/**/*.spec.ts',
];
/**
 * Files that kill processes on purpose, load the machine on purpose or count on it being otherwise idle for their
 * safety timeouts: the crash and chaos tests, several backends at once, the benchmark suite. They run one at a time,
 * after the rest.
 */
const ALONE = ['test/reliability/**/*.spec.ts', 'test/multi-process/**/*.spec.ts', 'test/bench/**/*.spec.ts'];

const project = (name: string, test: NonNullable<TestProjectInlineConfiguration['test']>) => ({
  extends: true as const,
  test: { name, ...test },
});

export default defineConfig({
  resolve: {
    alias: {
      // Tests run against contracts' sources, so no build step is needed first.
      '@tallyroom/contracts': path.resolve(root, 'contracts/src/index.ts'),
    },
  },
  test: {
    // Most files wait on sockets, disks and a browser more than on the CPU: three at a time on a 2-core machine
    // take about half the wall time of one at a time. Timeouts are safety nets, never assertions, so they leave room
    // for a file that shares the cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      project('shared', {
        include: ALL,
        exclude: [...configDefaults.exclude, ...ALONE],
        maxWorkers: 3,
        sequence: { groupOrder: 0 },
      }),
      project('alone', { include: ALONE, maxWorkers: 1, sequence: { groupOrder: 1 } }),
    ],
  },
});

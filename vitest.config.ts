import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const root = path.dirname(fileURLToPath(import.meta.url));

/** Deciders, rules, views, documents, the dashboard's pure code: no server, no browser, no child process. */
const UNIT = [
  'contracts/src/**/*.spec.ts',
  'dashboard/src/**/*.spec.ts',
  'backend/src/**/*.unit.spec.ts',
  'test/**/*.unit.spec.ts',
];
/** Backends (in this process or as children), browsers, the verifier's CLI. */
const SERVERS = ['backend/src/**/*.int.spec.ts', 'test/**/*.int.spec.ts', 'test/**/*.e2e.spec.ts'];
/**
 * Files that kill processes on purpose, load the machine on purpose or count on it for their waits: the crash and
 * chaos tests, several backends at once, the benchmark suite. They run after the rest, two at a time: each kills only
 * what it started, and their waits held beside one other such file (235 s for the group instead of 282 s one at a time).
 */
const ALONE = ['test/reliability/**/*.spec.ts', 'test/multi-process/**/*.spec.ts', 'test/bench/**/*.spec.ts'];
/** The long browser journey missed its steps' waits when it shared two cores with two other files: it runs alone too. */
const JOURNEY = ['test/e2e/election.e2e.spec.ts'];

/**
 * Temporary files (the servers' SQLite stores, the logs handed to the CLI, Chromium's profiles) in RAM where the
 * machine has /dev/shm: every command a server acknowledges is fsynced first (the WAL, before the reply), and on this
 * machine's disk an fsync takes 3 ms and far more while another process writes, so a browser journey spent much of its
 * time waiting on the disk. These files check what the servers do, not what the disk keeps; the crash and chaos tests
 * and the benchmark (fsync-bound baselines) keep the real disk.
 */
const inRam = (() => {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return { env: { TMPDIR: '/dev/shm' } };
  } catch {
    return {};
  }
})();

/**
 * Browser and server files first, then the rest, larger files first: on a fresh clone vitest has no durations to
 * sort by, and a long file started last would run on one core while the other sits idle.
 */
class HeavyFirst extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: string) => (f.endsWith('.e2e.spec.ts') ? 0 : f.endsWith('.int.spec.ts') ? 1 : 2);
    const size = new Map(files.map((f) => [f.moduleId, statSync(f.moduleId).size]));
    return Promise.resolve(
      [...files].sort(
        (a, b) =>
          a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder ||
          rank(a.moduleId) - rank(b.moduleId) ||
          size.get(b.moduleId)! - size.get(a.moduleId)!,
      ),
    );
  }
}

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
    // Timeouts are safety nets, never assertions.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    sequence: { sequencer: HeavyFirst },
    projects: [
      // Two at a time (the machine's two cores); one group, so both projects share the two workers. Files share
      // their workers' modules (isolate: false): with a fresh module graph per file, each server file imported NestJS,
      // the backend and the contracts again (216 s of imports in one run, the workers idle or half idle for 470 s of
      // it); shared, the server files ran in 686 s instead of ~880 s. What a file starts it stops, and the test
      // clients' caches keyed by a server's address are keyed by file too (test/support/organisation.ts).
      project('unit', { include: UNIT, isolate: false, maxWorkers: 2, sequence: { groupOrder: 0 }, ...inRam }),
      project('servers', {
        include: SERVERS,
        exclude: [...configDefaults.exclude, ...ALONE, ...JOURNEY],
        isolate: false,
        maxWorkers: 2,
        sequence: { groupOrder: 0 },
        ...inRam,
      }),
      // After the rest: the crash and chaos files two at a time, then the journey on its own.
      project('alone', { include: ALONE, maxWorkers: 2, sequence: { groupOrder: 1 } }),
      project('journey', { include: JOURNEY, maxWorkers: 1, sequence: { groupOrder: 2 }, ...inRam }),
    ],
  },
});

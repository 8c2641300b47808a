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
    testTimeout: 30000,
  },
});

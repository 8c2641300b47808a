/**
 * The machines run Node 20 (the brief; README's first command): every package the lockfile installs must say it runs
 * there. A package whose `engines.node` leaves Node 20 out installs with a warning and may use what Node 20 lacks;
 * `overrides` in package.json pins such a dependency's dependency to a release that supports Node 20.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, unknown>;
const lock = read('package-lock.json') as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; optional?: boolean }>;
};
const NODE_20 = '20.19.0'; // the oldest Node the root package.json's engines field admits

describe('every installed package runs on Node 20', () => {
  it('the root package.json admits Node 20 and nothing older than 20.19', () => {
    const engines = (read('package.json').engines as { node: string }).node;
    expect(semver.minVersion(engines)?.version).toBe(NODE_20);
  });

  it('no package in package-lock.json declares an engines.node range without Node 20', () => {
    const refusing = Object.entries(lock.packages).flatMap(([where, p]) => {
      // Old packages wrote engines as an array of strings; only the object form states a Node range.
      const range = !p.engines || Array.isArray(p.engines) ? undefined : p.engines.node;
      if (!range || semver.satisfies(NODE_20, range)) return [];
      return [`${where}@${p.version}: node ${range}`];
    });
    expect(refusing).toEqual([]);
  });
});

/**
 * No two modules of a workspace import each other, not even through types (issue 17). ESLint's
 * import-x/no-cycle guards the runtime imports; it skips `import type`, and a cycle through types
 * still means neither file can be read, moved or split without the other. This walks every import.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT, sourceFiles } from './source-scan.js';

const WORKSPACES = ['contracts/src', 'backend/src', 'dashboard/src'];

/** `./x.js` (NodeNext) and `./x` (the dashboard's bundler resolution) both name `x.ts`, `x.tsx` or `x/index.ts`. */
function resolve(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier).replace(/\.js$/, '');
  return [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')].find((f) =>
    existsSync(f),
  );
}

function importGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles.map((i) => resolve(file, i.fileName)).filter((f): f is string => f !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Strongly connected components of more than one module (Tarjan), each as its files relative to the root. */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(path.relative(ROOT, w));
    } while (w !== v);
    if (component.length > 1) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('import graph', () => {
  it('the walk finds the imports (it cannot silently find nothing)', () => {
    const graph = importGraph(sourceFiles(['contracts/src']));
    expect(graph.get(path.join(ROOT, 'contracts/src/index.ts'))?.length).toBeGreaterThan(5);
  });

  it.each(WORKSPACES)('%s has no import cycle, type imports included', (dir) => {
    expect(cycles(importGraph(sourceFiles([dir])))).toEqual([]);
  });
});

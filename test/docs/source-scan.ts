/**
 * Reads the refusal codes and rule ids out of the sources with the TypeScript
 * parser, so the locale and rules-doc checks follow the code without a list
 * kept by hand that could fall behind it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Tracked files (plus new, not yet ignored ones) under the given folders, so build output and node_modules stay out. */
export function sourceFiles(dirs: string[], exts = ['.ts', '.tsx']): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', ...dirs], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return out
    .split('\n')
    .filter((f) => f && exts.some((e) => f.endsWith(e)))
    .map((f) => path.join(ROOT, f));
}

const isSpec = (f: string) => /\.spec\.tsx?$/.test(f);

export interface CodeSite {
  code: string;
  file: string;
  line: number;
}
export interface Scan {
  codes: CodeSite[];
  nonLiteral: string[];
  ruleIds: CodeSite[];
}

const CODE_ARG: Record<string, number> = { rule: 1, invalid: 1, notFound: 1, conflict: 0 };
/** An id of election-rules.md (P-09, PG-01), or an engineering default added under it in docs/rules.md (P-09a). */
const RULE_ID = /^(?:PG|[PVRNGA])-\d\d[a-z]?$/;
const ERROR_CODE = /^[A-Z][A-Z0-9_]+$/;

/**
 * Codes from `refuse.rule|invalid|notFound|conflict(...)`, `new DomainError(kind, 'CODE', ...)` and `code: 'CODE'`
 * in error bodies built by hand (the HTTP filter, the live gateway); rule ids from every string literal in the form
 * of an id (refuse.rule's first argument, `rule: 'P-21'`, the ruleset presets that refusals cite through `q.rule`).
 */
export function scanSources(dirs: string[]): Scan {
  const scan: Scan = { codes: [], nonLiteral: [], ruleIds: [] };
  for (const file of sourceFiles(dirs).filter((f) => !isSpec(f))) {
    const sf = ts.createSourceFile(
      file,
      readFileSync(file, 'utf8'),
      ts.ScriptTarget.Latest,
      true,
      file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    );
    const rel = path.relative(ROOT, file);
    const site = (code: string, node: ts.Node): CodeSite => ({
      code,
      file: rel,
      line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1,
    });
    // errors.ts defines the helpers; its `code` parameters are the callers' literals, checked at the call sites.
    const definesHelpers = rel === path.join('contracts', 'src', 'errors.ts');
    const take = (arg: ts.Expression | undefined, node: ts.Node) => {
      if (arg && ts.isStringLiteralLike(arg)) scan.codes.push(site(arg.text, arg));
      else if (!definesHelpers) scan.nonLiteral.push(`${rel}:${site('', node).line}`);
    };
    const visit = (node: ts.Node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        ts.isIdentifier(node.expression.expression) &&
        node.expression.expression.text === 'refuse' &&
        node.expression.name.text in CODE_ARG
      ) {
        take(node.arguments[CODE_ARG[node.expression.name.text]!], node);
      } else if (
        ts.isNewExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'DomainError'
      ) {
        take(node.arguments?.[1], node);
      } else if (
        ts.isPropertyAssignment(node) &&
        ts.isIdentifier(node.name) &&
        node.name.text === 'code' &&
        ts.isStringLiteralLike(node.initializer) &&
        ERROR_CODE.test(node.initializer.text)
      ) {
        scan.codes.push(site(node.initializer.text, node.initializer));
      }
      if (ts.isStringLiteralLike(node) && RULE_ID.test(node.text)) scan.ruleIds.push(site(node.text, node));
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return scan;
}

/** Every rule id written anywhere in the code, comments and tests included. */
export function ruleIdsAnywhere(dirs: string[]): Map<string, string> {
  const seen = new Map<string, string>();
  for (const file of sourceFiles(dirs, ['.ts', '.tsx', '.mjs', '.js', '.json', '.css', '.html'])) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\b(?:PG|[PVRNGA])-\d\d[a-z]?\b/g)) {
      if (!seen.has(m[0])) seen.set(m[0], path.relative(ROOT, file));
    }
  }
  return seen;
}

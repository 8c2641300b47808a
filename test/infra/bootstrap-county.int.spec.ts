/**
 * Issue 23, point 6: infra/bootstrap-county.mjs run as an operator would, against a real backend: the tree the
 * server then holds is the CSV's, every admin link printed is a working org-admin credential of its own
 * organisation and no other, the links file is private, and a refused run says why.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OrganisationNode, OrganisationReply } from '@tallyroom/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_OPERATOR_TOKEN } from '../support/organisation.js';
import { repoRoot, startTestServer, type TestServer } from '../support/server.js';

const CSV = `name,kind,parent,timeZone
某某县委组织部,county,,Asia/Shanghai
县直机关工委,committee,某某县委组织部,
教育工委,committee,某某县委组织部,
第一党支部,branch,县直机关工委,
第二党支部,branch,县直机关工委,
实验小学党支部,branch,教育工委,
`;
/** The CSV's own rows: the oracle for the tree the server holds. */
const expected = CSV.trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','))
  .map(([name, kind, parent]) => ({ name: name!, kind: kind!, parent: parent || null }));

let server: TestServer;
let dir: string;

/** The script as its own process (asynchronously: the backend under test runs in this one). */
function bootstrap(args: string[], token = TEST_OPERATOR_TOKEN) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'infra/bootstrap-county.mjs'), ...args], {
      env: { ...process.env, TALLYROOM_OPERATOR_TOKEN: token },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function read(id: string, token: string) {
  const res = await fetch(`${server.url}/api/organisations/${id}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as OrganisationReply };
}

beforeAll(async () => {
  server = await startTestServer();
  dir = mkdtempSync(path.join(os.tmpdir(), 'tallyroom-bootstrap-'));
  writeFileSync(path.join(dir, 'county.csv'), CSV);
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('bootstrap-county.mjs against a backend', () => {
  it('creates the CSV tree and prints a working admin link for every organisation', async () => {
    const out = path.join(dir, 'links.csv');
    const run = await bootstrap(['--url', server.url, '--csv', path.join(dir, 'county.csv'), '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const links = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','))
      .map(([name, kind, parent, organisationId, link]) => ({ name, kind, parent, organisationId, link: link! }));
    expect(links.map((l) => [l.name, l.kind, l.parent || null])).toEqual(
      expected.map((e) => [e.name, e.kind, e.parent]),
    );

    // The tree as the server holds it, read with the operator's credential.
    const county = links[0]!;
    const tree = (await read(county.organisationId!, TEST_OPERATOR_TOKEN)).body.organisation;
    const flat: { name: string; kind: string; parent: string | null }[] = [];
    const names = new Map<string, string>();
    const walk = (n: OrganisationNode) => {
      names.set(n.organisationId, n.name);
      flat.push({ name: n.name, kind: n.kind, parent: n.parentId === null ? null : names.get(n.parentId)! });
      n.children.forEach(walk);
    };
    walk(tree);
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(flat.sort(byName)).toEqual([...expected].sort(byName));

    // Each link carries its own organisation's org-admin token: it reads its organisation, not a sibling's.
    const tokenOf = (link: string) => new URL(link).hash.replace(/^#t=/, '');
    for (const l of links) {
      expect(new URL(l.link).pathname).toBe(`/o/${l.organisationId}`);
      const own = await read(l.organisationId!, tokenOf(l.link));
      expect(own.status).toBe(200);
      expect(own.body.role).toBe('org-admin');
    }
    const first = links.find((l) => l.name === '第一党支部')!;
    const second = links.find((l) => l.name === '第二党支部')!;
    expect((await read(second.organisationId!, tokenOf(first.link))).status).toBe(403);
  });

  it('refuses to overwrite a links file, and stops with the reason when the operator token is wrong', async () => {
    const out = path.join(dir, 'links.csv');
    const again = await bootstrap(['--url', server.url, '--csv', path.join(dir, 'county.csv'), '--out', out]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('exists');
    const wrong = await bootstrap(
      ['--url', server.url, '--csv', path.join(dir, 'county.csv')],
      'not-the-operator-token-0123456789',
    );
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/line 2 \(某某县委组织部\): 401 UNAUTHENTICATED/);
    expect(wrong.stdout).toBe('');
  });
});

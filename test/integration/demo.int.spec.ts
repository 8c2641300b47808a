/**
 * The newcomer's first command (`npm start`): on an empty store the server seeds a demo meeting and prints a link for
 * every role. Each printed link must open its own role's view on this server, the meeting must already be valid (the
 * quorum the view reports), and the officers' links must belong to the appointed officers.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, tempDir, waitFor, type Proc } from '../support/processes.js';

let backend: Proc & { url: string };
let dir: string;
let links: Record<string, string> = {};

beforeAll(async () => {
  dir = tempDir('tallyroom-demo-');
  backend = await startBackend({
    TALLYROOM_DEMO: 'on',
    TALLYROOM_STORE: `sqlite:${path.join(dir, 'demo.db')}`,
    TALLYROOM_PUBLIC_URL: 'http://127.0.0.1:1',
    // Unset, as on a newcomer's machine: the first start draws the operator credential and prints it once.
    TALLYROOM_OPERATOR_TOKEN: '',
  });
  await waitFor(
    () => /Demo meeting ready[\s\S]*recovery code/.test(backend.output()),
    60_000,
    () => `no demo links printed:\n${backend.output()}`,
  );
  const block = backend.output().split('Demo meeting ready')[1]!;
  links = Object.fromEntries(
    [...block.matchAll(/^\s+(\w+)\s+(http\S+)$/gm)].map((m) => [m[1]!, m[2]!.replace('http://127.0.0.1:1', '')]),
  );
}, 90_000);

afterAll(async () => {
  await backend?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The view a printed link opens, read with the token it carries. */
async function viewOf(link: string) {
  const [pathPart, hash] = link.split('#t=');
  const meetingId = decodeURIComponent(pathPart!.split('/')[2]!);
  const res = await fetch(`${backend.url}/api/meetings/${encodeURIComponent(meetingId)}`, {
    headers: { authorization: `Bearer ${hash}` },
  });
  expect(res.status, link).toBe(200);
  return (await res.json()) as {
    viewer: { role: string; officer?: string };
    attendance: { quorum: { met: boolean } };
    officers?: unknown;
  };
}

describe('npm start on an empty store: the demo meeting', () => {
  it('prints a link for every role on the public address, the wall screen and the desk clerk among them', () => {
    expect(Object.keys(links).sort()).toEqual(
      [
        'chair',
        'clerk',
        'kiosk',
        'observer',
        'organisation',
        'scrutineer',
        'supervisor',
        'teller1',
        'teller2',
        'wall',
      ].sort(),
    );
    expect(links.wall).toMatch(/\/kiosk\?projector#t=/);
  });

  it.each([
    ['chair', 'chair'],
    ['observer', 'observer'],
    ['supervisor', 'supervisor'],
    ['kiosk', 'kiosk'],
    ['wall', 'kiosk'],
    ['clerk', 'clerk'],
    ['teller1', 'teller'],
    ['teller2', 'teller'],
    ['scrutineer', 'scrutineer'],
  ])('the %s link opens the %s view, and the meeting is valid (会议有效)', async (name, role) => {
    const v = await viewOf(links[name]!);
    expect(v.viewer.role).toBe(role);
    expect(v.attendance.quorum.met).toBe(true);
  });

  it("the tellers' links belong to the two appointed tellers (P-17)", async () => {
    const officers = await Promise.all([viewOf(links.teller1!), viewOf(links.teller2!)]);
    expect(officers.map((v) => v.viewer.officer).sort()).toEqual(['计票人乙', '计票人甲'].sort());
  });
});

describe('npm start on an empty store: the organisation above the demo meeting', () => {
  it("prints the county's admin link, whose organisation holds the demo meeting's branch, and schedules there", async () => {
    const [pathPart, token] = links.organisation!.split('#t=');
    const organisationId = pathPart!.split('/')[2]!;
    const res = await fetch(`${backend.url}/api/organisations/${organisationId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const tree = (await res.json()) as { role: string; organisation: { kind: string; children: { name: string }[] } };
    expect(tree.role).toBe('org-admin');
    expect(tree.organisation.kind).toBe('county');
    expect(tree.organisation.children.map((c) => c.name)).toEqual(['演示单位第一党支部']);
    const scheduled = await fetch(`${backend.url}/api/meetings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ title: '第二次会议', organisation: '演示县委组织部', scheduledFor: '2026-12-31' }),
    });
    expect(scheduled.status).toBe(201);
  });

  it('prints the operator credential once, and it creates a root organisation', async () => {
    const printed = [...backend.output().matchAll(/Operator credential[^\n]*\n\s+(\S+)/g)].map((m) => m[1]!);
    expect(printed).toHaveLength(1);
    const res = await fetch(`${backend.url}/api/organisations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${printed[0]}` },
      body: JSON.stringify({ name: '邻县委组织部', kind: 'county' }),
    });
    expect(res.status).toBe(201);
  });
});

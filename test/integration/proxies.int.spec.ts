/**
 * Written proxies (委托投票, V-10) over HTTP on a real server, at the size of the village day: 120 principals held by
 * 40 proxies, three each (the default cap); a fourth for a full proxy is refused 422 with V-10 and nothing is
 * written; the list is published; the observer reads it by name; the 委托投票公示名单 comes as html and as a real .docx;
 * the exported log verifies. A party meeting refuses every proxy command with P-19.
 */
import JSZip from 'jszip';
import { replayLog, type ChainedEvent } from '@tallyroom/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday } from '../support/api.js';
import { Election, makeRoll, memberId } from '../support/election.js';
import { startTestServer, type TestServer } from '../support/server.js';

const RELATIONS = ['spouse', 'parent', 'child', 'sibling'] as const;
/** Principal i (1..120) is m0001..m0120; its proxy is m0201..m0240, three principals each. */
const principal = (i: number) => memberId(i);
const proxyOf = (i: number) => memberId(200 + Math.ceil(i / 3));
const reference = (i: number) => `东委〔2026〕${String(i).padStart(3, '0')}号`;

let server: TestServer;
let e: Election;
beforeAll(async () => {
  server = await startTestServer();
  e = await Election.create(server.api, {
    title: '东湖村第十二届村民委员会换届选举',
    organisation: '东湖村村民选举委员会',
    ruleset: 'village-committee',
    scheduledFor: daysFromToday(10),
  });
  await e.enrol(makeRoll(300));
  for (let i = 1; i <= 120; i++)
    await e.m.command('AuthoriseProxy', {
      principalId: principal(i),
      proxyId: proxyOf(i),
      relation: RELATIONS[i % RELATIONS.length]!,
      reference: reference(i),
    });
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe('written proxies over HTTP (V-10)', () => {
  it('V-10: 120 principals, 40 proxies at the cap of three; a fourth is refused 422 and nothing is written', async () => {
    const v = (await e.m.view()).proxies!;
    expect(v.counts).toEqual({ principals: 120, proxies: 40 });
    expect(v.cap).toBe(3);
    expect(v.holders!.every((h) => h.principals === 3)).toBe(true);
    const before = await e.m.eventsText();
    const refusal = await e.m.refused(
      'AuthoriseProxy',
      { principalId: memberId(121), proxyId: memberId(201), relation: 'child', reference: 'x-1' },
      422,
      'PROXY_CAP_REACHED',
      'V-10',
    );
    expect(refusal.field).toBe('data.proxyId');
    await e.m.refused(
      'AuthoriseProxy',
      { principalId: memberId(121), proxyId: memberId(250), relation: '邻居', reference: 'x-2' },
      422,
      'NOT_A_NEAR_RELATIVE',
      'V-10',
    );
    await e.m.refused('PublishProxyList', { publishedOn: daysFromToday(1) }, 422, 'PUBLICATION_IN_FUTURE', 'V-10');
    expect(await e.m.eventsText()).toBe(before);
  });

  it('V-10: the list published, read by name by the observer, printed as html and .docx; the log verifies', async () => {
    const published = await e.m.command('PublishProxyList', {});
    expect(published.events).toHaveLength(1);
    const observer = (await e.m.view(e.m.credentials.observer)).proxies!;
    expect(observer.list).toHaveLength(120);
    expect(observer.entries).toBeUndefined();
    expect(JSON.stringify(observer)).not.toContain('东委');

    const get = (q: string, token = e.m.chair) =>
      fetch(`${server.url}${e.m.path}/documents/proxy-list${q}`, { headers: { authorization: `Bearer ${token}` } });
    const html = await (await get('')).text();
    expect(html.match(/<tr data-principal=/g)).toHaveLength(120);
    expect(html).toContain('委托人共 120 名，受委托人共 40 名');
    const docx = await get('?format=docx');
    expect(docx.status).toBe(200);
    const xml = await (await JSZip.loadAsync(await docx.arrayBuffer())).file('word/document.xml')!.async('string');
    expect(xml).toContain(reference(120));
    expect((await get('', e.m.credentials.observer)).status).toBe(403);

    const events = (await e.m.eventsText(e.m.credentials.supervisor))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as ChainedEvent);
    const r = replayLog(events);
    expect(r.problems).toEqual([]);
    expect(r.chain.ok).toBe(true);
  });

  it('P-19: a party meeting refuses every proxy command, and its proxy list document', async () => {
    const party = await Election.create(server.api, {});
    await party.enrol(makeRoll(4));
    await party.m.refused(
      'AuthoriseProxy',
      { principalId: memberId(1), proxyId: memberId(2), relation: 'spouse', reference: 'W-1' },
      422,
      'PROXY_NOT_IN_RULESET',
      'P-19',
    );
    const doc = await fetch(`${server.url}${party.m.path}/documents/proxy-list`, {
      headers: { authorization: `Bearer ${party.m.chair}` },
    });
    expect(doc.status).toBe(400);
  });
});

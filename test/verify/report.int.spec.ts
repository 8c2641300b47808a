/**
 * GET /api/meetings/:id/report: the printable 选举结果报告单 (P-31) for the
 * roles the access table lets read it, in Chinese first and English on
 * request, with the chain head as text and as a QR code.
 */
import { QUERY_ROLES } from '@tallyroom/contracts';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../support/api.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { M, runDisputedElection, type DisputedElection } from './disputed-election.js';
import { reportFigures } from './report-html.js';

let server: TestServer;
let run: DisputedElection;
beforeAll(async () => {
  server = await startTestServer();
  run = await runDisputedElection(server.api);
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const get = (token: string | undefined, query = '') =>
  request(server.url, 'GET', `${run.e.m.path}/report${query}`, { token });

describe('the result report', () => {
  it('is served to chair, supervisor and observer, and refused to other roles and to no credential', async () => {
    // The upper organisation's credentials read it too (P-31: it is the report they receive), tested with them.
    expect(QUERY_ROLES.report).toEqual(['chair', 'supervisor', 'observer', 'org-admin', 'org-viewer', 'approver']);
    for (const token of [run.e.m.chair, run.e.supervisor, run.e.observer]) {
      const r = await get(token);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toContain('text/html');
      expect(r.headers.get('cache-control')).toBe('no-store');
    }
    expect((await get(undefined)).status).toBe(401);
    // The meeting is closed: a teller's credential reads nothing any more, and never read reports.
    for (const token of [run.e.tellers[0]!, run.e.kiosk, run.e.scrutineer]) {
      const r = await get(token);
      expect(r.status).toBe(403);
      expect(JSON.parse(r.text)).toMatchObject({ error: { code: expect.stringMatching(/FORBIDDEN|MEETING_CLOSED/) } });
    }
    expect((await request(server.url, 'GET', '/api/meetings/nope/report', { token: run.e.observer })).status).toBe(404);
  });

  it('carries what P-31 asks for, in Chinese by default', async () => {
    const html = (await get(run.e.observer)).text;
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<h1>选举结果报告单</h1>');
    const paper = reportFigures(html);
    expect(paper.attendance).toEqual({ expected: 12, presentVoters: 11 });
    for (const label of [
      '应到会人数',
      '实到会有选举权人数',
      '当选人及得票数',
      '未当选人及得票数',
      '监票人',
      '计票人',
      '更正记录',
      '本次选举适用的规则',
      '报上级党组织备案',
    ])
      expect(html).toContain(label);
    expect(paper.rounds.map((r) => [r.round, r.figures.threshold, r.elected])).toEqual([
      [1, 6, [M(1), M(2)]],
      [2, 6, [M(3)]],
    ]);
    // Elected and not elected, each with the votes of the round that decided them and that round named
    // (issue 18: first-round and 另行选举 votes were listed side by side as if from one vote).
    const name = (i: number) => run.e.nameOf(M(i));
    expect(html).toContain(
      `data-summary="elected" data-ids="${M(1)} ${M(2)} ${M(3)}">${name(1)} 9 票（第一轮）、${name(2)} 7 票（第一轮）、${name(3)} 8 票（另行选举）<`,
    );
    expect(html).toContain(`data-summary="not-elected" data-ids="${M(4)}">${name(4)} 3 票（另行选举）<`);
    expect([...html.matchAll(/<span data-round-label>([^<]*)</g)].map((m) => m[1])).toEqual(['第一轮', '另行选举']);
    // Officers by name; the scrutineer is member 11.
    expect(html).toContain(`data-officers="scrutineers">${name(11)}<`);
    expect(html).toContain('data-officers="tellers">计票人1、计票人2<');
    // The ruleset pinned at scheduling, every parameter told as a branch says it (issue 18: it printed
    // "kind: same-threshold", "> 4/5, rule: P-05"); the rule id stays as a small reference.
    expect(html).toContain('<span data-ruleset="cpc-branch">党的基层组织选举</span>');
    expect(html).toContain(
      'data-param="quorum"><th>会议有效</th><td>有选举权的到会党员须超过应到会人数的五分之四，会议有效<span class="ref">规则 P-05</span>',
    );
    // Every parameter has a Chinese label, not its key (a new ruleset parameter must be named on the paper).
    const params = [...html.matchAll(/data-param="([^"]+)"><th>([^<]*)<\/th>/g)];
    expect(params.length).toBeGreaterThan(10);
    for (const [, key, label] of params) expect(label, key).not.toBe(key);
    // Observers read it: a write-in who was not elected is a total, never a name.
    expect(html).not.toContain(name(5));
    expect(html).toContain('data-candidate="write-ins"');
    // Nobody present is listed by name (only officers and candidates are named).
    expect(html).not.toContain(name(6));
    // Print layout for A4, the print button hidden on paper (test/e2e/report-print.e2e.spec.ts prints it).
    expect(html).toContain('@page { size: A4;');
    expect(html).toMatch(/@media print \{ \.no-print \{ display: none !important \}/);
    expect(html).toContain('<button type="button" id="print">打印</button>');
  });

  it('prints the chain head as text and as a QR code of the same head', async () => {
    const html = (await get(run.e.supervisor)).text;
    const head = await run.e.m.head(run.e.supervisor);
    expect(reportFigures(html).head).toEqual({ revision: head.revision, hash: head.hash });
    expect(html).toContain(`<b data-head="revision">${head.revision}</b>`);
    expect(html).toContain(`<code class="hash" data-head="hash">${head.hash}</code>`);
    // A party organisation is told how to check in one sentence; the command is for the English reader.
    expect(html).toContain(`显示记录末条编号为 ${head.revision}`);
    expect(html).not.toContain('npm run');
    const en = (await get(run.e.supervisor, '?lang=en')).text;
    expect(en).toContain(`npm run verify -- meeting.ndjson --head ${head.revision}:${head.hash}`);
    const payload = `tallyroom-head:${run.e.m.meetingId}:${head.revision}:${head.hash}`;
    const svg = await QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
    expect(html).toContain(svg);
  });

  it('is in English with ?lang=en, with the same figures', async () => {
    const zh = (await get(run.e.m.chair)).text;
    const r = await get(run.e.m.chair, '?lang=en');
    expect(r.headers.get('content-language')).toBe('en');
    const en = r.text;
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('<h1>Election result report</h1>');
    for (const label of [
      'Expected voters',
      'Voters present at issue',
      'Elected (votes)',
      'Not elected (votes)',
      'Corrections',
      'Rules in force',
      'Chain head',
    ])
      expect(en).toContain(label);
    expect(en).not.toContain('应到会人数');
    expect(reportFigures(en)).toEqual(reportFigures(zh));
  });
});

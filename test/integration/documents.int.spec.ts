/**
 * Issue 20: the documents endpoint. Every kind of the public contract is known; a kind or format not produced yet is
 * refused in words, never served as a stub; the result report comes the same through both paths. Issue 20 points
 * 5–7: the minutes (html and docx), the result report and the 计票统计表 as Word files, each .docx unzipped here with
 * jszip (not the library that wrote it) and its word/document.xml read for the figures, names, reasons, fonts and
 * the GB/T 9704 page.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Election } from '../support/election.js';
import { A, B, C, mendedMeeting, REASONS } from '../support/mended-meeting.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

describe('GET /api/meetings/:id/documents/:kind', () => {
  it('serves the result report as the report route does', async () => {
    const m = await server.api.createMeeting();
    const get = (p: string) => fetch(`${server.url}${m.path}${p}`, { headers: { authorization: `Bearer ${m.chair}` } });
    const [a, b] = await Promise.all([get('/documents/report'), get('/report')]);
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toContain('text/html');
    const strip = (s: string) => s.replace(/nonce-[^'"]+|nonce="[^"]+"/g, '');
    expect(strip(await a.text())).toBe(strip(await b.text()));
  });

  it('refuses an unknown kind (404 UNKNOWN_DOCUMENT) and an unknown format (400 UNKNOWN_FORMAT), naming the field', async () => {
    const m = await server.api.createMeeting();
    const get = (p: string) => fetch(`${server.url}${m.path}${p}`, { headers: { authorization: `Bearer ${m.chair}` } });
    const unknown = await get('/documents/agenda');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: unknown }).error).toMatchObject({
      code: 'UNKNOWN_DOCUMENT',
      field: 'kind',
    });
    const format = await get('/documents/report?format=pdf');
    expect(format.status).toBe(400);
    expect(((await format.json()) as { error: unknown }).error).toMatchObject({
      code: 'UNKNOWN_FORMAT',
      field: 'format',
    });
  });

  it('serves every Word document and the minutes of a meeting just scheduled (nothing decided yet, not closed)', async () => {
    const m = await server.api.createMeeting();
    const get = (p: string) => fetch(`${server.url}${m.path}${p}`, { headers: { authorization: `Bearer ${m.chair}` } });
    for (const q of [
      'minutes',
      'minutes?format=docx',
      'report?format=docx',
      'report?format=docx&lang=en',
      'minutes?format=docx&lang=en',
      'election-request?format=docx',
      'candidates-report?format=docx',
    ]) {
      const res = await get(`/documents/${q}`);
      expect(res.status, q).toBe(200);
    }
    const minutes = await (await get('/documents/minutes')).text();
    expect(minutes).toContain('本记录生成时会议尚未结束。');
  });

  it("refuses the kiosk (403): the documents are the chair's, the supervisor's and the observers'", async () => {
    const m = await server.api.createMeeting();
    const res = await fetch(`${server.url}${m.path}/documents/report`, {
      headers: { authorization: `Bearer ${m.credentials.kiosk}` },
    });
    expect(res.status).toBe(403);
  });
});

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Beijing wall-clock time now, HH:MM, computed here rather than by the code under test. */
const beijingNow = () =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date());

interface Unzipped {
  xml: string;
  /** The document's text, runs joined. */
  text: string;
  media: string[];
}

async function unzipDocx(res: Response): Promise<Unzipped> {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain(DOCX);
  const zip = await JSZip.loadAsync(await res.arrayBuffer());
  const xml = await zip.file('word/document.xml')!.async('string');
  return {
    xml,
    text: xml.replace(/<[^>]+>/g, ''),
    media: Object.keys(zip.files).filter((f) => f.startsWith('word/media/')),
  };
}

/** The page as sections set it, in millimetres (1 mm = 1440 / 25.4 twips). */
function pageMm(xml: string) {
  const attr = (tag: string, name: string) => {
    const m = new RegExp(`<w:${tag}\\b[^>]*\\bw:${name}="(\\d+)"`).exec(xml);
    expect(m, `${tag} ${name}`).not.toBeNull();
    return (Number(m![1]) * 25.4) / 1440;
  };
  return {
    width: attr('pgSz', 'w'),
    height: attr('pgSz', 'h'),
    top: attr('pgMar', 'top'),
    bottom: attr('pgMar', 'bottom'),
    left: attr('pgMar', 'left'),
    right: attr('pgMar', 'right'),
  };
}

function expectGbPage(xml: string) {
  const p = pageMm(xml);
  // A4 and the GB/T 9704 margins: top 37, bottom 35, left 28, right 26 mm (within a twip's rounding).
  for (const [k, mm] of Object.entries({ width: 210, height: 297, top: 37, bottom: 35, left: 28, right: 26 }))
    expect(Math.abs(p[k as keyof typeof p] - mm), `${k} ${p[k as keyof typeof p]} mm`).toBeLessThan(0.1);
}

describe('the paper after the count: minutes, result report and tally sheet', () => {
  let e: Election;
  let head: { revision: number; hash: string };
  let startedAt: string;
  let endedAt: string;
  const get = (p: string, token = e.m.chair) =>
    fetch(`${server.url}${e.m.path}${p}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    startedAt = beijingNow();
    e = await mendedMeeting(server.api);
    endedAt = beijingNow();
    head = (await (await get('/head')).json()) as { revision: number; hash: string };
  }, 120_000);

  it('minutes (html): each decision at its Beijing time, the vote, the figures, every reason, the chain head', async () => {
    const res = await get('/documents/minutes');
    expect(res.status).toBe(200);
    const page = await res.text();
    const flat = page.replace(/<[^>]+>/g, '');
    for (const words of [
      '会议记录',
      '第五党支部换届选举党员大会',
      '时间均为北京时间',
      '应到会 10 人，实到会有选举权的 10 人，超过应到会人数的五分之四，会议有效。',
      '会议表决通过选举办法。',
      '表决结果：赞成 10 票，反对 0 票，弃权 0 票。',
      `更正党员名册：${e.nameOf('m0011')}`,
      `理由：${REASONS.roll}`,
      `委员选举候选人${e.nameOf(C)}退出。`,
      `理由：${REASONS.withdrawal}`,
      '委员选举第一轮开始投票：实到会有选举权 10 人，发出选票 10 张。',
      '会议主持人重新开启委员选举第一轮的计票。',
      `理由：${REASONS.reopen}`,
      '第 1 号选票',
      `理由：${REASONS.correction}`,
      '收回选票 10 张，有效票 10 张，废票 0 张',
      `${e.nameOf(A)}：赞成 7 票，不赞成 0 票，弃权 0 票`,
      `${e.nameOf(B)}：赞成 3 票，不赞成 0 票，弃权 0 票`,
      `当选：${e.nameOf(A)}。`,
      '会议结束。',
      '记录人：',
      '即证明本会议记录与会议全过程的记录相符',
      head.hash,
    ])
      expect(flat, words).toContain(words);
    // Log order: the reopening's reason before the correction's, the correction before the declaration.
    expect(flat.indexOf(REASONS.reopen)).toBeLessThan(flat.indexOf(REASONS.correction));
    expect(flat.indexOf(REASONS.correction)).toBeLessThan(flat.indexOf(`当选：${e.nameOf(A)}`));
    // Every time is on the meeting's clock (Asia/Shanghai), between the start and the end of the run.
    const times = [...page.matchAll(/data-time="(\d\d:\d\d)"/g)].map((m) => m[1]!);
    expect(times.length).toBeGreaterThan(8);
    if (startedAt <= endedAt) for (const t of times) expect(t >= startedAt && t <= endedAt, t).toBe(true);
    expect(page).toContain('<svg');
    // Ballots are never minuted one by one (secret ballot): no teller's entry appears.
    expect(flat).not.toContain('计票人1录入');
  });

  it('minutes in English on ?lang=en; refused to observers (403 DOCUMENT_FORBIDDEN)', async () => {
    const en = await (await get('/documents/minutes?lang=en')).text();
    expect(en).toContain('Minutes');
    expect(en).toContain(`Reason: ${REASONS.reopen}`);
    const refused = await get('/documents/minutes', e.observer);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: unknown }).error).toMatchObject({ code: 'DOCUMENT_FORBIDDEN' });
  });

  it('minutes (docx): the decisions, reasons and figures, 仿宋_GB2312 and 方正小标宋, A4 with the GB/T 9704 margins', async () => {
    const d = await unzipDocx(await get('/documents/minutes?format=docx'));
    for (const words of [
      '会议记录',
      REASONS.roll,
      REASONS.withdrawal,
      REASONS.reopen,
      REASONS.correction,
      `${e.nameOf(A)}：赞成 7 票`,
      `当选：${e.nameOf(A)}。`,
      head.hash,
    ])
      expect(d.text, words).toContain(words);
    expect(d.xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(d.xml).toContain('w:eastAsia="方正小标宋简体"');
    expectGbPage(d.xml);
    expect(d.media.some((f) => f.endsWith('.png'))).toBe(true);
  });

  it('the result as a spreadsheet (xlsx): served as an Excel file with the 当选名单; other kinds have none', async () => {
    const res = await get('/documents/report?format=xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml.sheet');
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain('选举结果报告单.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['当选名单', '计票结果']);
    const names = (wb.worksheets[0]!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r[3]);
    expect(names).toContain(e.nameOf(A));
    const minutes = await get('/documents/minutes?format=xlsx');
    expect(minutes.status).toBe(400);
    expect(((await minutes.json()) as { error: unknown }).error).toMatchObject({ code: 'FORMAT_NOT_AVAILABLE' });
  });

  it('result report (docx): title, 主送, the figures, who was elected, the corrections, 特此报告, the date in Chinese, the head and its QR', async () => {
    const res = await get('/documents/report?format=docx');
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain('选举结果报告单.docx');
    const d = await unzipDocx(res);
    for (const words of [
      '选举结果报告单',
      '主送：',
      '中共某某局第五党支部',
      '超过应到会人数的五分之四，会议有效',
      '（一）委员选举',
      `${e.nameOf(A)}7票（第一轮）`,
      `${e.nameOf(B)}3票（第一轮）`,
      REASONS.reopen,
      REASONS.correction,
      REASONS.withdrawal,
      '特此报告。',
      '（签字）',
      '（盖章）',
      head.hash,
    ])
      expect(d.text.replace(/\s+/g, ''), words).toContain(words.replace(/\s+/g, ''));
    // The date in Chinese numerals: 二〇二…年…月…日.
    expect(d.text).toMatch(/二〇[〇一二三四五六七八九]{2}年[一二三四五六七八九十]+月[一二三四五六七八九十]+日/);
    expect(d.xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(d.xml).toContain('w:eastAsia="方正小标宋简体"');
    expectGbPage(d.xml);
    expect(d.media.filter((f) => f.endsWith('.png'))).toHaveLength(1);
    expect(d.xml).toContain('<pic:pic');
  });

  it('计票统计表 (docx and html) for a contest round: figures and each candidate’s marks; a missing round refused', async () => {
    const d = await unzipDocx(await get('/documents/tally-sheet?format=docx&contestId=committee&round=1'));
    for (const words of [
      '计票统计表',
      '委员选举',
      '第一轮',
      e.nameOf(A),
      e.nameOf(B),
      '当选',
      '未当选',
      '计票人 计票人1',
      '（签字）',
    ])
      expect(d.text, words).toContain(words);
    // The figures table: present 10, issued 10, returned 10, valid 10, invalid 0; A 7 for, B 3 for.
    const cells = [...d.xml.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((m) => m[0].replace(/<[^>]+>/g, ''));
    const after = (label: string) => cells[cells.indexOf(label) + 1];
    expect(after('实到会有选举权人数')).toBe('10');
    expect(after('发出选票')).toBe('10');
    expect(after('废票')).toBe('0');
    expect(after(e.nameOf(A))).toBe('7');
    expect(after(e.nameOf(B))).toBe('3');
    expectGbPage(d.xml);
    const html = await get('/documents/tally-sheet?contestId=committee&round=1');
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('计票统计表');
    const missing = await get('/documents/tally-sheet?contestId=committee&round=2');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: unknown }).error).toMatchObject({
      code: 'UNKNOWN_ROUND',
      field: 'round',
    });
    for (const round of ['', '&round=abc', '&round=0', '&round=1.5']) {
      const bad = await get(`/documents/tally-sheet?contestId=committee${round}`);
      expect(bad.status, round).toBe(400);
      expect(((await bad.json()) as { error: unknown }).error).toMatchObject({ code: 'UNKNOWN_ROUND', field: 'round' });
    }
    const noContest = await get('/documents/tally-sheet?format=docx&round=1');
    expect(noContest.status).toBe(400);
    expect(((await noContest.json()) as { error: unknown }).error).toMatchObject({
      code: 'CONTEST_REQUIRED',
      field: 'contestId',
    });
  });
  it('the 请示 and the prospective candidates report: Chinese only (even on ?lang=en), Word only, filled from the roll and the list', async () => {
    const req = await get('/documents/election-request?format=docx&lang=en');
    expect(req.headers.get('content-language')).toBe('zh-CN');
    const r = await unzipDocx(req);
    for (const words of [
      '关于召开党员大会进行换届选举的请示',
      '主送：',
      '中共某某局第五党支部',
      // The roll as enrolled: 11 members, one corrected to probationary; 10 expected.
      '现有党员 11 名，其中正式党员 10 名、预备党员 1 名；应到会有选举权的党员 10 名。',
      '委员选举',
      '差额选举',
      '超过应到会人数的五分之四',
      '妥否，请批示。',
      '（盖章）',
    ])
      expect(r.text, words).toContain(words);
    expect(r.text).toMatch(/二〇[〇一二三四五六七八九]{2}年[一二三四五六七八九十]+月[一二三四五六七八九十]+日/);
    expectGbPage(r.xml);
    expect(r.xml).toContain('w:eastAsia="方正小标宋简体"');
    const c = await unzipDocx(await get('/documents/candidates-report?format=docx'));
    // The list as it stands after C withdrew: A and B, in the list's (stroke) order.
    const listed = `候选人预备人选 2 名（按姓氏笔画为序）：`;
    expect(c.text).toContain(listed);
    const line = c.text.slice(c.text.indexOf(listed) + listed.length).split('。')[0]!;
    expect(line.split('、').sort()).toEqual([e.nameOf(A), e.nameOf(B)].sort());
    // In the order of the published list (the decider's P-18 order, tested by hand-written orders in its specs).
    const ballot = (await e.contestView('committee')).rounds[0]!.candidates;
    expect(line.split('、')).toEqual(ballot.map((id) => e.nameOf(id)));
    expect(c.text).toContain('妥否，请批复。');
    expectGbPage(c.xml);
    // A village's election has no report to an upper party organisation: refused, naming the kind.
    const village = await server.api.createMeeting({ ruleset: 'village-committee' });
    for (const kind of ['election-request', 'candidates-report']) {
      const r = await fetch(`${server.url}${village.path}/documents/${kind}?format=docx`, {
        headers: { authorization: `Bearer ${village.chair}` },
      });
      expect(r.status).toBe(400);
      expect(((await r.json()) as { error: unknown }).error).toMatchObject({
        code: 'DOCUMENT_NOT_FOR_RULESET',
        field: 'kind',
      });
    }
    const html = await get('/documents/election-request');
    expect(html.status).toBe(400);
    expect(((await html.json()) as { error: unknown }).error).toMatchObject({ code: 'FORMAT_NOT_AVAILABLE' });
  });
});

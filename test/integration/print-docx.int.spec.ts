/**
 * design.md: `GET /api/meetings/:id/documents/:kind?format=html|docx` for every kind. The papers printed before and
 * at the meeting (the ballot, the sign-in sheet, the kiosk check-in cards, the host's script) as Word files too, for
 * a branch that edits or has them printed elsewhere: each .docx is unzipped here and its text and pictures read back.
 */
import JSZip from 'jszip';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { Election, makeRoll, memberId as M } from '../support/election.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** jsqr is CommonJS with a default export: reached through `.default` under NodeNext's typing, itself at run time. */
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule.default }).default ??
  jsQRModule) as unknown as typeof jsQRModule.default;

let server: TestServer;
let e: Election;
beforeAll(async () => {
  server = await startTestServer();
  e = await Election.create(server.api, { title: '第一党支部换届选举党员大会', organisation: '中共某某局第一党支部' });
  await e.enrol(makeRoll(10));
  await e.checkIn(Array.from({ length: 9 }, (_, i) => M(i + 1)));
  await e.ready({ scrutineers: [M(10)], tellers: 2 });
  await e.contest({ contestId: 'committee', office: 'committee-member', seats: 2, candidates: [M(1), M(2), M(3)] });
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const get = (path: string, token = e.m.chair) =>
  fetch(`${server.url}${e.m.path}/documents/${path}`, { headers: { authorization: `Bearer ${token}` } });

async function docx(path: string) {
  const res = await get(path);
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get('content-type')).toContain(DOCX);
  const zip = await JSZip.loadAsync(await res.arrayBuffer());
  const xml = await zip.file('word/document.xml')!.async('string');
  const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
  return {
    xml,
    /** Each paragraph's text, in order. */
    paragraphs: [...xml.matchAll(/<w:p\b[\s\S]*?<\/w:p>/g)].map((m) => m[0].replace(/<[^>]+>/g, '')),
    text: xml.replace(/<[^>]+>/g, ''),
    pictures: await Promise.all(media.map(async (f) => zip.file(f)!.async('nodebuffer'))),
  };
}

describe('the papers of the meeting as Word files', () => {
  it("the host's script: the same sentences as the page, figures filled in, blanks to write on", async () => {
    const d = await docx('host-script?format=docx');
    expect(d.paragraphs[0]).toBe('主持词');
    expect(d.text).toContain(
      '应到会党员10名，实到会有选举权的党员9名，超过应到会人数的五分之四，符合规定，可以进行选举。',
    );
    expect(d.text).toContain('〔依据 P-05〕');
    expect(d.text).toContain('＿＿＿');
    const en = await docx('host-script?format=docx&lang=en');
    expect(en.text).toContain('10 party members are expected; 9 party members with the right to vote are present');
  });

  it('the sign-in sheet: every member once, in the order of the printed page, each with a row to sign', async () => {
    const d = await docx('sign-in-sheet?format=docx');
    const html = await (await get('sign-in-sheet')).text();
    const pageOrder = [...html.matchAll(/data-member="([^"]+)"/g)].map((m) => m[1]!);
    expect(pageOrder).toHaveLength(10);
    const rows = [...d.xml.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map((m) =>
      [...m[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => c[0].replace(/<[^>]+>/g, '')),
    );
    expect(rows[0]).toEqual(['序号', '姓名', '党员编号', '本人签名', '备注']);
    // Ten members, all full members: one table, numbered 1–10, in the page's order, the signature cell empty.
    expect(rows.slice(1).map((r) => [r[0], r[2], r[3]])).toEqual(pageOrder.map((id, i) => [String(i + 1), id, '']));
    for (const id of pageOrder) expect(rows.find((r) => r[2] === id)?.[1]).toBe(e.nameOf(id));
  });

  it('the ballot: the printing instructions, then on a new page the ballot with its names, boxes and rules, unnumbered', async () => {
    const d = await docx('ballot?format=docx&contestId=committee&round=1');
    const cut = d.xml.indexOf('w:type="page"');
    expect(cut).toBeGreaterThan(0);
    const cover = d.xml.slice(0, cut).replace(/<[^>]+>/g, '');
    const ballot = d.xml.slice(cut).replace(/<[^>]+>/g, '');
    expect(cover).toContain('印制说明（不是选票）');
    // 9 present: 9 to print and a spare set of 9.
    expect(cover).toContain('共印18张');
    expect(ballot).toContain('中共某某局第一党支部委员选举选票');
    expect(ballot).toContain('应选委员2名');
    const names = [M(1), M(2), M(3)].map((id) => e.nameOf(id));
    const at = names.map((n) => ballot.indexOf(n));
    expect(at.every((i) => i >= 0)).toBe(true);
    // The order of the html ballot (P-18's stroke order, checked in ballot-paper.int).
    const html = (await (await get('ballot?contestId=committee&round=1')).text()).replace(/<[^>]+>/g, '');
    const htmlOrder = [...names].sort((a, b) => html.indexOf(a) - html.indexOf(b));
    expect([...names].sort((a, b) => ballot.indexOf(a) - ballot.indexOf(b))).toEqual(htmlOrder);
    expect(ballot).toContain('另选他人');
    expect(ballot).toContain('每张选票所选的人数等于或少于应选名额（2名）的为有效票，多于应选名额的为废票。');
    // P-23: no number or mark of the meeting on the ballot itself.
    expect(ballot).not.toContain(e.m.meetingId);
  });

  it('the kiosk check-in cards: a readable QR for every member, carrying the card the kiosk takes', async () => {
    const d = await docx('check-in-cards?format=docx');
    expect(d.pictures).toHaveLength(10);
    const read = d.pictures.map((buf) => {
      const png = PNG.sync.read(buf);
      return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
    });
    expect(read.every((x) => typeof x === 'string' && x.startsWith('TR-CARD'))).toBe(true);
    expect(new Set(read).size).toBe(10);
    for (let i = 1; i <= 10; i++) expect(d.text).toContain(e.nameOf(M(i)));
    // The same cards as the page prints: each QR of the html page is one of these.
    const html = await (await get('check-in-cards')).text();
    const links = [...html.matchAll(/data-link="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    expect(new Set(read)).toEqual(new Set(links));
  });

  it('a practice meeting marks every page of each paper, the ballot page included, and a real one none', async () => {
    const p = await Election.create(server.api, { practice: true, organisation: '中共某某局第九党支部' });
    await p.enrol(makeRoll(10));
    await p.checkIn(Array.from({ length: 9 }, (_, i) => M(i + 1)));
    await p.ready({ scrutineers: [M(10)], tellers: 2 });
    await p.contest({ contestId: 'committee', office: 'committee-member', seats: 2, candidates: [M(1), M(2), M(3)] });
    for (const path of ['ballot?contestId=committee&round=1', 'sign-in-sheet', 'check-in-cards', 'host-script']) {
      const res = await fetch(
        `${server.url}${p.m.path}/documents/${path}${path.includes('?') ? '&' : '?'}format=docx`,
        {
          headers: { authorization: `Bearer ${p.m.chair}` },
        },
      );
      expect(res.status, path).toBe(200);
      const zip = await JSZip.loadAsync(await res.arrayBuffer());
      const doc = await zip.file('word/document.xml')!.async('string');
      // The header is the section's: Word repeats it on every page, the ballot's own after the page break.
      const headers = Object.keys(zip.files).filter((f) => /^word\/header\d*\.xml$/.test(f));
      expect(headers, path).toHaveLength(1);
      expect(doc).toContain('w:headerReference');
      const header = (await zip.file(headers[0]!)!.async('string')).replace(/<[^>]+>/g, '');
      expect(header, path).toContain('演练');
      expect(header).toContain('不得用于正式选举');
    }
    const real = await JSZip.loadAsync(
      await (await get('ballot?format=docx&contestId=committee&round=1')).arrayBuffer(),
    );
    expect(Object.keys(real.files).filter((f) => /^word\/header\d*\.xml$/.test(f))).toEqual([]);
  });
});

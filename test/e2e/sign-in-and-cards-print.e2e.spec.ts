/**
 * Issue 20, points 3 and 7: the sign-in sheet (签到表) and the members' check-in cards as a user prints them. Real
 * Chromium opens each from the real server (the sheet with the clerk's credential, in Chinese and in English; the
 * cards as the answer of the chair's POST that mints them), prints it to an A4 PDF, and poppler reads it back: the
 * page count (cards: eight to a page), the names and numbers in the text layer, in stroke order. Each page is saved as
 * PNG to test/artifacts/ (sign-in-sheet-zh-*.png, sign-in-sheet-en-*.png, check-in-cards-*.png).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import jsQRModule from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, type MeetingClient } from '../support/api.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { artifactsDir, launchBrowser, newPage, pageErrors } from './support/browser.js';

/** Surnames of 2, 3, 4, 5, 6, 7, 8 and 9 strokes: the order the sheet must print them in. */
const SURNAMES = ['丁', '于', '王', '白', '刘', '李', '林', '赵'];
const GIVEN = ['明', '华', '强', '芳', '军', '静', '伟', '敏'];

/** n members, surnames in reverse stroke order so the sheet must sort them; every name unique. */
function roll(n: number, status: (i: number) => string): { csv: string; names: string[] } {
  const names: string[] = [];
  let csv = '姓名,党员编号,状态\n';
  for (let i = 0; i < n; i++) {
    const name = `${SURNAMES[SURNAMES.length - 1 - (i % SURNAMES.length)]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}${i >= 64 ? i : ''}`;
    names.push(name);
    csv += `${name},D${String(i + 1).padStart(3, '0')},${status(i)}\n`;
  }
  return { csv, names };
}

function printPdf(name: string, pdf: Buffer): { text: string; pages: number } {
  mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.pdf`);
  writeFileSync(file, pdf);
  for (const f of readdirSync(artifactsDir))
    if (new RegExp(`^${name}-\\d+\\.png$`).test(f)) rmSync(path.join(artifactsDir, f));
  execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(artifactsDir, name)]);
  const pages = readdirSync(artifactsDir).filter((f) => new RegExp(`^${name}-\\d+\\.png$`).test(f)).length;
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return { text, pages };
}

/**
 * The QR of each of the eight card places of a printed page, read from the page rendered at 150 dpi: the card at
 * column c, row r stands at (10 + 95c, 10 + 68r) mm, 95 × 68 mm (the A4 margin and card size the sheet prints).
 */
function readCardQrs(pdfFile: string, pageNo: number): string[] {
  const out = path.join(artifactsDir, `qr-read-${pageNo}`);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '150',
    '-f',
    String(pageNo),
    '-l',
    String(pageNo),
    '-singlefile',
    pdfFile,
    out,
  ]);
  const png = PNG.sync.read(readFileSync(`${out}.png`));
  rmSync(`${out}.png`);
  const px = (mm: number) => Math.round((mm * 150) / 25.4);
  const found: string[] = [];
  for (let r = 0; r < 4; r++)
    for (let c = 0; c < 2; c++) {
      const x0 = px(10 + 95 * c);
      const y0 = px(10 + 68 * r);
      const w = px(95);
      const h = px(68);
      if (x0 + w > png.width || y0 + h > png.height) continue;
      const crop = new Uint8ClampedArray(w * h * 4);
      for (let y = 0; y < h; y++)
        crop.set(png.data.subarray(((y0 + y) * png.width + x0) * 4, ((y0 + y) * png.width + x0 + w) * 4), y * w * 4);
      const code = jsQR(crop, w, h);
      if (code) found.push(code.data);
    }
  return found;
}

/** jsqr is CommonJS with a default export: reached through `.default` under NodeNext's typing, itself at run time. */
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule.default }).default ??
  jsQRModule) as unknown as typeof jsQRModule.default;

const pdfOf = (page: Page) => page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the sign-in sheet on paper', () => {
  let m: MeetingClient;
  let names: string[];
  let clerk: string;
  // 50 members: 40 full, 7 probationary, 3 with rights suspended.
  const status = (i: number) => (i < 40 ? '正式党员' : i < 47 ? '预备党员' : '中止党员权利');
  beforeAll(async () => {
    m = await server.api.createMeeting({ title: '第一党支部换届选举党员大会', organisation: '中共某某局第一党支部' });
    const r = roll(50, status);
    names = r.names;
    expect((await m.uploadRoll(r.csv)).status).toBe(200);
    clerk = (await m.mint('clerk', { name: '签到员' })).token;
  }, 60_000);

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`prints every member in stroke order within each category (${lang})`, async () => {
      const { context, page } = await newPage(browser, { width: 1440, height: 1000, locale: lang });
      try {
        await page.setExtraHTTPHeaders({ Authorization: `Bearer ${clerk}` });
        const res = await page.goto(`${server.url}${m.path}/documents/sign-in-sheet?lang=${lang}`);
        expect(res?.status()).toBe(200);
        const { text, pages } = printPdf(`sign-in-sheet-${lang === 'en' ? 'en' : 'zh'}`, await pdfOf(page));
        expect(pageErrors(page)).toEqual([]);
        // 50 rows of 10 mm and three headings on 267 mm of A4 inside the margins: two pages, or three.
        expect(pages).toBeGreaterThanOrEqual(2);
        expect(pages).toBeLessThanOrEqual(3);
        const flat = text.replace(/[ \t]+/g, ' ');
        for (const n of names) expect(flat, n).toContain(n);
        expect(flat).toContain('第一党支部换届选举党员大会');
        const headings =
          lang === 'en'
            ? ['Full members (40) May vote', 'Probationary members (7) May attend', 'Rights suspended (3) Take no part']
            : ['正式党员（40名） 有表决权', '预备党员（7名） 没有表决权', '中止党员权利（3名） 中止党员权利期间'];
        const at = headings.map((h) => flat.indexOf(h));
        expect(
          at.every((i) => i >= 0),
          `${headings.join(' ')} in ${flat.slice(0, 400)}`,
        ).toBe(true);
        expect([...at].sort((a, b) => a - b)).toEqual(at);
        // Within the full members, the surnames come in stroke order: 丁 before 于 before … 赵.
        const full = flat.slice(at[0]!, at[1]!);
        const firsts = SURNAMES.map((s) => full.search(new RegExp(`${s}(${GIVEN.join('|')})`)));
        expect(firsts.every((i) => i >= 0)).toBe(true);
        expect([...firsts].sort((a, b) => a - b)).toEqual(firsts);
        // The print button is not on paper; the signature column is.
        expect(flat).not.toContain(lang === 'en' ? 'Print' : '打印');
        expect(flat).toContain(lang === 'en' ? 'Signature' : '本人签名');
      } finally {
        await context.close();
      }
    }, 60_000);
  }
});

describe('the check-in cards on paper', () => {
  it('prints eight cards to an A4 page: 19 members on three pages, each name and number on its card', async () => {
    const m = await server.api.createMeeting({
      title: '第二党支部换届选举党员大会',
      organisation: '中共某某局第二党支部',
    });
    const r = roll(19, () => '正式党员');
    expect((await m.uploadRoll(r.csv)).status).toBe(200);
    const { context, page } = await newPage(browser, { width: 1440, height: 1000 });
    try {
      // The chair prints the kiosk cards with a plain GET: no credential is minted, nothing is written.
      const before = await m.eventsText();
      await page.setExtraHTTPHeaders({ Authorization: `Bearer ${m.chair}` });
      const res = await page.goto(`${server.url}${m.path}/documents/check-in-cards`);
      expect(res?.status()).toBe(200);
      expect(await m.eventsText()).toBe(before);
      expect(await page.locator('.card').count()).toBe(19);
      const { text, pages } = printPdf('check-in-cards', await pdfOf(page));
      expect(pageErrors(page)).toEqual([]);
      expect(pages).toBe(Math.ceil(19 / 8));
      const flat = text.replace(/[ \t]+/g, ' ');
      for (let i = 0; i < 19; i++) {
        expect(flat, r.names[i]).toContain(r.names[i]);
        expect(flat).toContain(`D${String(i + 1).padStart(3, '0')}`);
      }
      // Each card's QR is an svg of the member's kiosk card, one per card.
      expect(await page.locator('.card .qr svg').count()).toBe(19);
      expect(flat).not.toContain('#t=');
      // As the kiosk would: each printed QR, read off the paper, checks its own member in.
      const pdfFile = path.join(artifactsDir, 'check-in-cards.pdf');
      const read = [1, 2, 3].flatMap((n) => readCardQrs(pdfFile, n));
      expect(read).toHaveLength(19);
      // What a QR carries is the check-in card, not a credential: it opens no screen.
      for (const card of read) expect(card).toMatch(/^TR-CARD:[^:]+:[0-9a-f]{16}$/);
      const asLogin = await request(server.url, 'GET', m.path, { token: read[0]! });
      expect(asLogin.status).toBe(401);
      const checkedIn: string[] = [];
      for (const [i, card] of read.entries()) {
        const reply = await request<{ memberId: string; name: string }>(server.url, 'POST', `${m.path}/check-in`, {
          token: m.credentials.kiosk,
          json: { card, commandId: `kiosk-${i}` },
        });
        expect(reply.status, reply.text).toBe(200);
        checkedIn.push(reply.body.name);
      }
      expect(checkedIn.sort()).toEqual([...r.names].sort());
      // Printed again, the sheet is the same cards: a reprint does not void the cards handed out.
      const again = await request(server.url, 'GET', `${m.path}/documents/check-in-cards`, { token: m.chair });
      const links = (html: string) => [...html.matchAll(/data-link="([^"]+)"/g)].map((x) => x[1]);
      expect(links(again.text)).toEqual(links(await page.content()));
    } finally {
      await context.close();
    }
  }, 90_000);
});

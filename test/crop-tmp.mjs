import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
const [,, file, out, w, h] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } });
const data = readFileSync(file).toString('base64');
await page.setContent(`<html><body style="margin:0"><img id=i src="data:image/png;base64,${data}"></body></html>`);
const H = await page.evaluate(() => document.getElementById('i').naturalHeight);
let k = 0;
for (let y = 0; y < H; y += Number(h)) {
  await page.screenshot({ path: `${out}-${k++}.png`, clip: { x: 0, y, width: Number(w), height: Math.min(Number(h), H - y) }, fullPage: true });
}
console.log(H, k);
await browser.close();

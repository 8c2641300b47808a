import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const artifactsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../artifacts');

/** Debian's Chromium (apt-get install -y chromium); Playwright's own browser download is not available here. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

/** One isolated context per role, as a real room has one device per person. */
export async function newPage(browser: Browser, opts: { width?: number; height?: number; locale?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
    locale: opts.locale ?? 'zh-CN',
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { pageErrors?: string[] }).pageErrors = errors;
  return { context, page };
}

export const pageErrors = (page: Page): string[] => (page as Page & { pageErrors?: string[] }).pageErrors ?? [];

export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, name);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** Text a person can read on the page (what the CJK and name checks look at). */
export const visibleText = (page: Page) => page.evaluate(() => document.body.innerText);

/** Also attributes a screen reader announces or a tooltip shows. */
export const accessibleText = (page: Page) => page.evaluate(() => {
  const parts = [document.body.innerText, document.title];
  for (const el of document.querySelectorAll('[aria-label],[title],[aria-valuetext],[placeholder],[alt]')) {
    for (const a of ['aria-label', 'title', 'aria-valuetext', 'placeholder', 'alt']) {
      const v = el.getAttribute(a);
      if (v) parts.push(v);
    }
  }
  return parts.join('\n');
});

export const CJK = /[\u4e00-\u9fff]/;

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const artifactsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../artifacts');

/**
 * Headless Chromium still builds the address bar's popups (WebUI pages) for every window, one per browser context, in
 * renderers of their own: about 1.5 s of CPU a context against 0.2 s for the page under test, and the tests open a
 * few hundred contexts. Chromium keeps only the last --disable-features, so Playwright's own list (playwright-core
 * 1.65, chromiumSwitches.ts) is repeated here ahead of the three features that preload that UI.
 */
const DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
  'PreloadTopChromeWebUI',
];

let shared: Promise<Browser> | undefined;

/**
 * Debian's Chromium (apt-get install -y chromium); Playwright's own browser download is not available here.
 *
 * One Chromium per test worker: the browser files share their worker's modules (vitest.config.ts, isolate: false),
 * and a launch costs ~1.4 s of CPU, ~50 s over a run on two cores. Each file gets a view of it whose close() closes
 * the contexts that file opened, so files stay as separate as their contexts (one per role, as always). Playwright
 * closes the browser when the worker exits.
 */
export async function launchBrowser(): Promise<Browser> {
  let browser = await shared?.catch(() => undefined);
  if (!browser?.isConnected()) {
    shared = launch();
    browser = await shared;
  }
  return fileView(browser);
}

function fileView(browser: Browser): Browser {
  const opened = new Set<BrowserContext>();
  const newContext: Browser['newContext'] = async (options) => {
    const context = await browser.newContext(options);
    opened.add(context);
    return context;
  };
  const newPage: Browser['newPage'] = async (options) => {
    const page = await browser.newPage(options);
    opened.add(page.context());
    return page;
  };
  const close: Browser['close'] = async () => {
    await Promise.all([...opened].map((c) => c.close().catch(() => undefined)));
    opened.clear();
  };
  return new Proxy(browser, {
    get(target, prop) {
      if (prop === 'newContext') return newContext;
      if (prop === 'newPage') return newPage;
      if (prop === 'close') return close;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
      `--disable-features=${DISABLED_FEATURES.join(',')}`,
    ],
  });
}

/** One isolated context per role, as a real room has one device per person. */
export async function newPage(
  browser: Browser,
  opts: { width?: number; height?: number; locale?: string; touch?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
    locale: opts.locale ?? 'zh-CN',
    deviceScaleFactor: 1,
    // A phone: a touch screen and no mouse, so `(hover: none) and (pointer: coarse)` match as on a real one.
    ...(opts.touch ? { hasTouch: true, isMobile: true } : {}),
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  Object.assign(page, { pageErrors: errors, requestedUrls: requests });
  return { context, page };
}

/**
 * The printable tab a click opens. The dashboard opens it blank inside the click (so a popup blocker lets it through)
 * and points it at the fetched page afterwards: "loaded" on the blank tab says nothing, so wait for the blob.
 */
export async function printedTab(page: Page, click: () => Promise<void>): Promise<Page> {
  const [tab] = await Promise.all([page.context().waitForEvent('page'), click()]);
  await tab.waitForURL(/^blob:/);
  await tab.waitForLoadState();
  return tab;
}

export const pageErrors = (page: Page): string[] => (page as Page & { pageErrors?: string[] }).pageErrors ?? [];

/** Every URL the page has requested so far (scripts, API calls…). */
export const requestedUrls = (page: Page): string[] =>
  (page as Page & { requestedUrls?: string[] }).requestedUrls ?? [];

export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, name);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** Text a person can read on the page (what the CJK and name checks look at). */
export const visibleText = (page: Page) => page.evaluate(() => document.body.innerText);

/** Also attributes a screen reader announces or a tooltip shows. */
export const accessibleText = (page: Page) =>
  page.evaluate(() => {
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

/**
 * The interface's own words: the accessible text minus what is data rather
 * than interface (code, hashes, ids, event JSON), so a check for the other
 * language's words does not trip over a member's name or a hash.
 */
export const interfaceText = (page: Page) =>
  page.evaluate(() => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    for (const el of clone.querySelectorAll('pre, code, .mono, input, select, textarea, script, style')) el.remove();
    const holder = document.createElement('div');
    holder.style.cssText = 'position:absolute;left:-99999px;top:0;width:1200px';
    holder.appendChild(clone);
    document.documentElement.appendChild(holder);
    const parts = [clone.innerText, document.title];
    holder.remove();
    for (const el of clone.querySelectorAll('[aria-label],[title],[aria-valuetext],[placeholder],[alt]')) {
      for (const a of ['aria-label', 'title', 'aria-valuetext', 'placeholder', 'alt']) {
        const v = el.getAttribute(a);
        if (v) parts.push(v);
      }
    }
    return parts.join('\n');
  });

/** Latin words of three letters or more, other than those the caller knows to be data (names, titles, ids). */
export function latinWords(text: string, data: readonly string[]): string[] {
  // Ids such as a credential's "teller-52385c50" or a meeting's are data too.
  let rest = text.replace(/\b[a-z]+-[0-9a-f]{6,}\b/g, ' ');
  for (const d of [...data].sort((a, b) => b.length - a.length)) rest = rest.split(d).join(' ');
  return [...new Set(rest.match(/[A-Za-z]{3,}/g) ?? [])];
}

/**
 * Tabs through the first `count` focusable elements and returns those whose
 * focus cannot be seen (no outline and no box-shadow), described for a message.
 */
export async function invisibleFocus(page: Page, count: number): Promise<string[]> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const bad: string[] = [];
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('Tab');
    const r = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      const visible =
        (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none');
      return {
        visible: Boolean(visible),
        what: `${el.tagName.toLowerCase()} "${(el.innerText || el.getAttribute('aria-label') || '').slice(0, 40)}"`,
      };
    });
    if (r && !r.visible) bad.push(r.what);
  }
  return bad;
}

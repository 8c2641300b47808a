import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { VenueCodeReply } from '@tallyroom/contracts';
import { Api, type Meeting } from './support/api.js';
import { launchBrowser, newPage, pageErrors, screenshot } from './support/browser.js';
import { pageOverflow } from './support/layout.js';
import { startServer, type RunningServer } from './support/server.js';
import { waitForLive, waitForText } from './support/screens.js';

/**
 * Issue 19, presence proven in the room (P-05), in Chromium: a member's phone checks in with the venue code,
 * typed or filled in by the wall's QR address; the kiosk shows the code and reads a card from a USB scanner
 * (typed into the focused field, then Enter); the clerk's desk checks in by name and lists the phone check-ins.
 * Phones at 390 px, the desk and the kiosk at 1920, in Chinese and in English.
 */
const ROLL = [
  { name: '张伟', memberId: 'A001' },
  { name: '李红', memberId: 'A002' },
  { name: '王芳', memberId: 'A003' },
  { name: 'Alice Brown', memberId: 'A004' },
  { name: 'Chen Ming', memberId: 'A005' },
];

describe('presence proven in the room', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let meeting: Meeting;

  const venue = async (): Promise<VenueCodeReply> => {
    // Not in the last two seconds of a window, so the code is still the one shown when it is sent.
    const left = 30_000 - (Date.now() % 30_000);
    if (left < 4000) await new Promise((r) => setTimeout(r, left + 200));
    const res = await fetch(`${server.url}/api/meetings/${meeting.meetingId}/venue-code`, {
      headers: { Authorization: `Bearer ${meeting.credentials.chair}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as VenueCodeReply;
  };
  const memberLink = async (memberId: string, lang = 'zh-CN') =>
    api.url((await api.mint(meeting, { role: 'member', memberId })).link).replace('#', `?lang=${lang}#`);

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    browser = await launchBrowser();
    meeting = await api.createMeeting({ title: '2026年换届选举党员大会', organisation: '第一党支部' });
    await api.uploadRoll(meeting, ROLL);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a member's phone at 390 checks in with the typed venue code, after a wrong one is refused", async () => {
    const { page } = await newPage(browser, { width: 390, height: 844 });
    await page.goto(await memberLink('A001'));
    await waitForLive(page);
    const field = page.getByLabel('输入会场签到码');
    const button = page.getByRole('button', { name: '签到', exact: true });
    expect(await button.isDisabled()).toBe(true);
    const { code } = await venue();
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    await field.fill(wrong);
    await button.click();
    await page.getByRole('alert').filter({ hasText: '会场签到码不正确或已过期' }).waitFor();
    await screenshot(page, 'presence-member-wrong-390.png');
    await field.fill(code);
    await button.click();
    await waitForText(page, '[data-testid="member-status"]', '已签到');
    expect((await pageOverflow(page)).width).toBeLessThanOrEqual(0);
    await screenshot(page, 'presence-member-typed-390.png');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it("the wall's QR address opens the member's page (kept on the phone) with the code filled in, in English", async () => {
    const { context, page } = await newPage(browser, { width: 390, height: 844 });
    // The member opened their own link once (from the text message); the camera then opens the wall's address.
    await page.goto(await memberLink('A004', 'en'));
    await waitForLive(page);
    const wall = await venue();
    const scanned = await context.newPage();
    await scanned.goto(api.url(wall.link).replace('?venue=', '?lang=en&venue='));
    await waitForLive(scanned);
    const field = scanned.getByLabel('Enter the venue code');
    expect(await field.inputValue()).toBe(wall.code);
    expect(scanned.url()).not.toContain('venue=');
    await screenshot(scanned, 'presence-member-filled-390-en.png');
    await scanned.getByRole('button', { name: 'Check in', exact: true }).click();
    await waitForText(scanned, '[data-testid="member-status"]', 'Checked in');
    await context.close();
  });

  it('the kiosk at 1920 shows the venue code and checks in a card a USB scanner types, the same words twice', async () => {
    const { page } = await newPage(browser, { width: 1920, height: 1080 });
    await page.goto(api.url(meeting.links.kiosk));
    await waitForLive(page);
    const shown = page.getByTestId('venue-code');
    await shown.waitFor();
    expect(await shown.getAttribute('data-code')).toMatch(/^\d{6}$/);
    const card = await api.mint(meeting, { role: 'member', memberId: 'A002' });
    const input = page.getByLabel('请出示本人签到卡');
    for (const seq of ['1', '2']) {
      await input.focus();
      await page.keyboard.type(api.url(card.link));
      await page.keyboard.press('Enter');
      await page.locator(`[data-testid="kiosk-confirmation"][data-seq="${seq}"]`).waitFor();
      expect(await page.getByTestId('kiosk-confirmation').textContent()).toBe('✓李红，您已签到');
    }
    await screenshot(page, 'presence-kiosk-card-1920.png');
    // A typed member number is not a card.
    await input.fill('A003');
    await input.press('Enter');
    await page.getByTestId('kiosk-ask').waitFor();
    expect((await api.view(meeting)).members?.find((m) => m.memberId === 'A003')?.present).toBe(false);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it("the clerk's desk at 1920 and 390 checks in by name and lists the phone check-ins, in both languages", async () => {
    const clerk = await api.mint(meeting, { role: 'clerk', name: '签到员' });
    for (const [width, height, lang] of [
      [1920, 1080, 'zh-CN'],
      [390, 844, 'en'],
    ] as const) {
      const { page } = await newPage(browser, { width, height });
      await page.goto(api.url(clerk.link).replace('#', `?lang=${lang}#`));
      await waitForLive(page);
      const phones = page.getByTestId('phone-check-ins');
      await phones.waitFor();
      expect(await phones.textContent()).toMatch(/张伟[\s\S]*Alice Brown/);
      expect(await page.getByTestId('arrivals-self').textContent()).toContain('2');
      expect(await page.getByTestId('arrivals-kiosk').textContent()).toContain('1');
      const search = page.getByLabel(lang === 'en' ? /name or member/i : '按姓名或党员编号查找');
      const who = lang === 'en' ? 'Chen Ming' : '王芳';
      await search.fill(who);
      await search.press('Enter');
      await page.getByTestId('desk-feedback').filter({ hasText: who }).waitFor();
      expect(await page.getByTestId('arrivals-desk').textContent()).toContain(lang === 'en' ? '2' : '1');
      if (lang === 'en') {
        // Chen Ming leaves: the desk records it, and his row says he has left rather than that he never came.
        const row = page.getByRole('list', { name: 'Matches' }).locator('li').filter({ hasText: who });
        expect(await row.getByTestId('member-left').count()).toBe(0);
        await row.getByRole('button', { name: 'Left', exact: true }).click();
        await page.getByTestId('desk-feedback').filter({ hasText: 'Departure recorded' }).waitFor();
        await row.getByTestId('member-left').waitFor();
        expect(await row.getByTestId('member-left').textContent()).toBe('Has left');
        expect(await row.getByRole('button', { name: 'Check in', exact: true }).count()).toBe(1);
      }
      // Nothing but the desk: no credentials, agenda or exports; the roll on paper is at hand.
      expect(await page.getByRole('tab').count()).toBe(0);
      const docs = page.getByTestId('roll-documents');
      const sheetTab = page.waitForEvent('popup');
      await docs.getByRole('button', { name: lang === 'en' ? 'Print the sign-in sheet' : '打印签到表' }).click();
      const sheet = await sheetTab;
      await sheet.locator('h1').waitFor();
      expect(await sheet.evaluate(() => document.body.innerText)).toContain(lang === 'en' ? 'Chen Ming' : '王芳');
      await sheet.close();
      const cardsTab = page.waitForEvent('popup');
      await docs
        .getByRole('button', { name: lang === 'en' ? 'Print check-in cards (8 to a page)' : '打印签到卡（每页 8 张）' })
        .click();
      const cards = await cardsTab;
      await cards.locator('.card').first().waitFor();
      expect(await cards.locator('.card .qr svg').count()).toBeGreaterThan(3);
      await cards.close();
      expect((await pageOverflow(page)).width).toBeLessThanOrEqual(0);
      await screenshot(page, `presence-clerk-${width}-${lang}.png`);
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Api, openHome, type Meeting } from './support/api.js';
import { launchBrowser, newPage, screenshot, visibleText } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { waitForLive } from './support/screens.js';

/**
 * Issue 18, "getting back in": with "this is my device" ticked, the chair's
 * meeting survives its tab (a new page in the same browser lists it under
 * 我的会议 and opens it without the link); without it, a new page knows nothing,
 * and the printed recovery code gets the chair back in. Links follow the hall
 * address chosen on the links tab.
 */
describe("my meetings and the chair's way back in", () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const openLinksTab = async (page: Page) => {
    await page.getByRole('tab', { name: '链接与凭证' }).click();
    await page.locator('[data-testid="device-card"]').waitFor();
  };
  const MINE = /这是我自己的设备/;

  it("a meeting scheduled on the home page shows its links, the hall's wall screen among them (P-05)", async () => {
    const { page } = await newPage(browser, { width: 1440, height: 900 });
    await openHome(page, server.url);
    await page.locator('#m-title').fill('第二党支部换届选举党员大会');
    await page.locator('#m-org').fill('第二党支部');
    await page.locator('#m-date').fill('2026-12-04');
    await page.locator('button[type="submit"]').first().click();
    const wall = page.locator('[data-testid="link-wall"]');
    await wall.waitFor();
    expect(await wall.innerText()).toContain('会场大屏');
    const url = await wall.locator('input').first().inputValue();
    expect(url).toMatch(/\/m\/[^/]+\/kiosk\?projector#t=/);
    expect(await page.locator('[data-testid="link-kiosk"]').innerText()).toContain('签到卡');
    await page.close();
  });

  it('keeps the meeting on this device when "this is my device" is ticked, and opens it from the home page', async () => {
    // 17:00 in London on 4 December is 01:00 on the 5th in Beijing: the list shows the meeting's own day.
    const meeting: Meeting = await api.createMeeting({
      title: '第一党支部换届选举党员大会',
      organisation: '第一党支部',
      scheduledFor: '2026-12-04T17:00:00Z',
      timeZone: 'Europe/London',
    });
    const { context, page } = await newPage(browser, { width: 1440, height: 900 });
    await page.goto(api.url(meeting.links.chair));
    await waitForLive(page);
    await openLinksTab(page);
    // Opened through 127.0.0.1: the tab says so, and shows the address links are built on.
    expect(await page.locator('[data-testid="local-address-notice"]').textContent()).toContain('127.0.0.1');
    await page.getByRole('checkbox', { name: MINE }).check();
    expect(await page.getByRole('checkbox', { name: MINE }).isChecked()).toBe(true);

    // Links follow the hall address chosen here.
    await page.getByLabel('其他地址').fill('192.168.1.23:3000');
    await page.getByRole('button', { name: '使用此地址' }).click();
    expect(await page.locator('[data-testid="hall-address-base"]').textContent()).toBe('http://192.168.1.23:3000');
    // Teller and scrutineer links wait for the appointed officers (P-16/P-17); an observer's link is anyone's.
    await page.getByLabel('身份', { exact: true }).selectOption('observer');
    await page.getByLabel('姓名', { exact: true }).fill('列席代表');
    await page.getByRole('button', { name: '生成', exact: true }).click();
    const minted = await page.locator('[data-testid="minted-observer"] input').inputValue();
    expect(minted).toMatch(new RegExp(`^http://192\\.168\\.1\\.23:3000/m/${meeting.meetingId}/observer#t=tr_`));
    await screenshot(page, 'links-tab-1440.png');
    await page.getByRole('button', { name: '恢复为服务器地址' }).click();
    expect(await page.locator('[data-testid="hall-address-base"]').textContent()).toBe(server.url);
    await page.close();

    // The tab is gone; a new page in the same browser.
    const again = await context.newPage();
    await again.setViewportSize({ width: 390, height: 844 });
    await again.goto(server.url + '/');
    const mine = again.locator(`[data-testid="my-meeting-${meeting.meetingId}"]`);
    await mine.waitFor();
    expect(await mine.textContent()).toContain('第一党支部换届选举党员大会');
    expect(await mine.textContent()).toContain('主持人');
    expect(await mine.textContent()).toContain('2026-12-04');
    expect(await mine.textContent()).not.toContain('2026-12-05');
    await screenshot(again, 'my-meetings-390.png');
    await mine.getByRole('button', { name: '进入' }).click();
    await waitForLive(again);
    expect(new URL(again.url()).pathname).toBe(`/m/${meeting.meetingId}/chair`);
    expect(await visibleText(again)).toContain('第一党支部换届选举党员大会');
    await context.close();
  }, 120_000);

  it('keeps nothing when it is left off; the recovery code gets the chair back in', async () => {
    const meeting: Meeting = await api.createMeeting({ title: '第二党支部党员大会', organisation: '第二党支部' });
    const { context, page } = await newPage(browser, { width: 1440, height: 900 });
    await page.goto(api.url(meeting.links.chair));
    await waitForLive(page);
    await openLinksTab(page);
    expect(await page.getByRole('checkbox', { name: MINE }).isChecked()).toBe(false);
    // The links tab on a phone: nothing wider than the screen.
    await page.setViewportSize({ width: 360, height: 800 });
    await screenshot(page, 'links-tab-360.png');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.close();

    const again = await context.newPage();
    await again.goto(server.url + '/');
    await again.locator('[data-testid="recover-form"]').waitFor();
    expect(await again.locator('[data-testid="my-meetings"]').count()).toBe(0);
    await again.goto(`${server.url}/m/${meeting.meetingId}/chair`);
    await again.getByRole('heading', { name: '需要会议链接' }).waitFor();

    // A wrong code is refused on the screen; the printed one, typed in lower case, opens the chair's screen.
    const form = again.locator('[data-testid="recover-form"]');
    await form.getByLabel('恢复码').fill('0000-0000-0000-0000-0000');
    await form.getByRole('button', { name: '找回并进入' }).click();
    await form.getByText('恢复码不正确').waitFor();
    await form.getByLabel('恢复码').fill(meeting.recoveryCode.toLowerCase());
    await form.getByRole('button', { name: '找回并进入' }).click();
    await waitForLive(again);
    expect(await visibleText(again)).toContain('第二党支部党员大会');
    await context.close();
  }, 120_000);
});

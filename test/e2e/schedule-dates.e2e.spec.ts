import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { Api, openHome, type Meeting } from './support/api.js';
import { launchBrowser, visibleText } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { waitForLive } from './support/screens.js';

/**
 * Issue 16 (local dates): the schedule form sends the start on the meeting's
 * clock and pins its zone; the chair's header shows the start in that zone,
 * even on a laptop set to another one.
 */
describe('scheduling with a start time and a time zone', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('P-10: 09:00 on 2026-12-04 in Urumqi is sent as 03:00 UTC and shown as 09:00 (Asia/Urumqi) on a New York laptop', async () => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'America/New_York',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openHome(page, server.url);
    await page.locator('#m-zone').waitFor();
    const text = await visibleText(page);
    for (const label of ['开始时间', '时区']) expect(text).toContain(label);
    expect(await page.inputValue('#m-zone')).toBe('Asia/Shanghai');
    await page.fill('#m-title', '第一党支部换届选举党员大会');
    await page.fill('#m-org', '第一党支部');
    await page.fill('#m-date', '2026-12-04');
    await page.fill('#m-start', '09:00');
    await page.fill('#m-zone', 'Asia/Urumqi');
    const [reply] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/meetings') && r.request().method() === 'POST'),
      page.click('form button[type="submit"]'),
    ]);
    expect(JSON.parse(reply.request().postData() ?? '{}')).toMatchObject({
      scheduledFor: '2026-12-04T03:00:00.000Z',
      timeZone: 'Asia/Urumqi',
    });
    expect(reply.status()).toBe(201);
    const meeting = (await reply.json()) as Meeting;
    const view = await new Api(server.url).view(meeting);
    expect(view).toMatchObject({ timeZone: 'Asia/Urumqi', schedule: { date: '2026-12-04', startTime: '09:00' } });

    await page.getByRole('button', { name: '打开主持人界面' }).click();
    await waitForLive(page);
    const start = page.locator('.meeting-header [data-start-time]');
    await start.waitFor();
    expect(await start.innerText()).toBe('09:00（Asia/Urumqi）');
    expect(await page.locator('.meeting-header .meta').innerText()).toContain('2026年12月4日');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('validation: an unknown zone is refused and named in the form', async () => {
    const context = await browser.newContext({ locale: 'en', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await openHome(page, server.url);
    await page.fill('#m-title', 'Branch meeting');
    await page.fill('#m-org', 'North Street Branch');
    await page.fill('#m-start', '09:00');
    await page.fill('#m-zone', 'Mars/Olympus_Mons');
    const [reply] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/meetings') && r.request().method() === 'POST'),
      page.click('form button[type="submit"]'),
    ]);
    expect(reply.status()).toBe(400);
    expect(((await reply.json()) as { error: { field: string } }).error.field).toBe('timeZone');
    await page.locator('[role="alert"]').first().waitFor();
    await context.close();
  });
  it('V-11a, V-11b, V-10: a village meeting scheduled from the form pins 票数相加, the months to a new election and the proxy cap', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await openHome(page, server.url);
    await page.locator('#m-ruleset').waitFor();
    // The village's own parameters are offered only under a village's or residents' committee ruleset.
    expect(await page.locator('[data-testid="village-parameters"]').count()).toBe(0);
    await page.fill('#m-title', '2026年东湖村村民委员会换届选举大会');
    await page.fill('#m-org', '东湖村村民选举委员会');
    await page.selectOption('#m-ruleset', 'village-committee');
    await page.selectOption('#m-office-votes', 'summed');
    await page.fill('#m-re-election', '4');
    await page.fill('#m-proxy-cap', '2');
    const [reply] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/meetings') && r.request().method() === 'POST'),
      page.click('form button[type="submit"]'),
    ]);
    expect(reply.status()).toBe(201);
    const meeting = (await reply.json()) as Meeting;
    const view = await new Api(server.url).view(meeting);
    expect(view.ruleset.parameters).toMatchObject({
      officeVotes: 'summed',
      newElection: { withinMonths: 4 },
      proxies: { cap: 2, relativesOnly: true },
    });
    await context.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays, DEFAULT_TIME_ZONE, localDate } from '@tallyroom/contracts';
import { Api, LATIN_ROLL, type Meeting } from './support/api.js';
import { launchBrowser, newPage, pageErrors, screenshot, visibleText } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { waitForLive } from './support/screens.js';

/**
 * Issue 18, point 9 (rehearsal): a practice meeting carries its watermark on every role's screen, at 1440 and at
 * 360 px, without covering a control; its chair deletes it; a real meeting dated next week warns the chair and the
 * kiosk with the date, and opens check-in only once the chair confirms holding it early.
 */
describe('rehearsal', () => {
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

  /** The watermark covers exactly the screen: it can neither leave a corner bare nor widen the page. */
  const coversScreen = (page: Page) =>
    page.locator('[data-testid="practice-watermark"]').evaluate((el) => {
      const r = el.getBoundingClientRect();
      const d = document.documentElement;
      return r.left === 0 && r.top === 0 && r.width === d.clientWidth && r.height === d.clientHeight;
    });

  async function open(link: string, width: number): Promise<Page> {
    const { page } = await newPage(browser, { width, height: width < 500 ? 740 : 900 });
    await page.goto(api.url(link));
    await waitForLive(page);
    return page;
  }

  it('a practice meeting shows 演练 on the chair and observer screens at 1440 and 360, and takes no click', async () => {
    const meeting = await api.createMeeting({
      title: '第一党支部换届选举党员大会（演练）',
      organisation: '第一党支部',
      practice: true,
    });
    await api.uploadRoll(meeting, LATIN_ROLL);
    for (const m of LATIN_ROLL.slice(0, 6)) await api.checkIn(meeting, m.memberId);

    for (const [role, link] of [
      ['chair', meeting.links.chair],
      ['observer', meeting.links.observer],
    ] as const) {
      for (const width of [1440, 360]) {
        const page = await open(link, width);
        const mark = page.locator('[data-testid="practice-watermark"]');
        await mark.waitFor({ state: 'attached' });
        expect(await mark.locator('span').first().innerText()).toBe('演练 PRACTICE');
        expect(await mark.evaluate((el) => getComputedStyle(el).pointerEvents)).toBe('none');
        expect(await page.locator('[data-testid="practice-banner"]').innerText()).toContain('演练会议');
        expect(await coversScreen(page), `${role} at ${width}`).toBe(true);
        await screenshot(page, `rehearsal-${role}-${width}.png`, false);
        if (role === 'chair') {
          // The watermark lies above the page but a click goes through it.
          await page.getByRole('tab', { name: '名册' }).click();
          expect(await page.getByRole('tab', { name: '名册' }).getAttribute('aria-selected')).toBe('true');
        }
        expect(pageErrors(page)).toEqual([]);
        await page.context().close();
      }
    }
    // A real meeting has none.
    const real = await api.createMeeting({ title: '正式会议', organisation: '第一党支部' });
    const page = await open(real.links.observer, 1440);
    expect(await page.locator('[data-testid="practice-watermark"]').count()).toBe(0);
    await page.context().close();
  }, 120_000);

  it('the chair deletes a practice meeting from the agenda tab, in two steps; it is gone', async () => {
    const meeting = await api.createMeeting({ title: '演练', organisation: '第一党支部', practice: true });
    await api.uploadRoll(meeting, LATIN_ROLL);
    const chair = await open(meeting.links.chair, 1440);
    await chair.getByRole('tab', { name: '议程与选举' }).click();
    await chair.getByRole('button', { name: '删除演练会议' }).click();
    await chair.getByRole('button', { name: '确认删除，不可恢复' }).click();
    await chair.waitForURL((u) => u.pathname === '/');
    const res = await fetch(`${server.url}/api/meetings/${meeting.meetingId}`, {
      headers: { Authorization: `Bearer ${meeting.credentials.chair}` },
    });
    expect(res.status).toBe(404);
    expect(pageErrors(chair)).toEqual([]);
    await chair.context().close();

    // A real meeting offers no such control.
    const real = await api.createMeeting({ title: '正式会议', organisation: '第一党支部' });
    const realChair = await open(real.links.chair, 1440);
    await realChair.getByRole('tab', { name: '议程与选举' }).click();
    expect(await realChair.getByRole('button', { name: '删除演练会议' }).count()).toBe(0);
    await realChair.context().close();
  }, 120_000);

  it('a meeting dated next week warns the chair and the kiosk with its date until the chair confirms holding it early', async () => {
    const today = localDate(new Date().toISOString(), DEFAULT_TIME_ZONE);
    const nextWeek = addDays(today, 7);
    const meeting: Meeting = await api.createMeeting({
      title: '第一党支部换届选举党员大会',
      organisation: '第一党支部',
      scheduledFor: nextWeek,
    });
    await api.uploadRoll(meeting, LATIN_ROLL);
    const chair = await open(meeting.links.chair, 1440);
    const kiosk = await open(meeting.links.kiosk, 360);

    const chairNotice = chair.locator('[data-testid="meeting-day-notice"]');
    await chairNotice.waitFor();
    expect(await chairNotice.innerText()).toContain(`本次会议定于 ${nextWeek} 举行，今天是 ${today}。`);
    const kioskNotice = kiosk.locator('[data-testid="meeting-day-notice"]');
    expect(await kioskNotice.innerText()).toContain(nextWeek);
    expect(await kioskNotice.innerText()).toContain('须由主持人');
    await screenshot(chair, 'rehearsal-early-chair-1440.png', false);
    await screenshot(kiosk, 'rehearsal-early-kiosk-360.png', false);

    // The kiosk's check-in (a member's card, as the scanner types it) is refused, in words.
    const card = api.url((await api.mint(meeting, { role: 'member', memberId: LATIN_ROLL[0]!.memberId })).link);
    await kiosk.fill('#kiosk-id', card);
    await kiosk.keyboard.press('Enter');
    await kiosk.locator('.notice-error').waitFor();
    expect(await visibleText(kiosk)).toContain('会议日期未到');

    // The chair confirms in two steps; check-in opens and both screens say so.
    await chair.getByRole('button', { name: '今天提前举行…' }).click();
    await chair.getByRole('button', { name: `确认今天（${today}）举行本次会议` }).click();
    await chair.locator('[data-testid="meeting-day-notice"].notice-ok').waitFor();
    expect(await chairNotice.innerText()).toContain(`主持人已于 ${today} 确认提前举行`);
    await kiosk.locator('[data-testid="meeting-day-notice"].notice-ok').waitFor();
    await kiosk.fill('#kiosk-id', card);
    await kiosk.keyboard.press('Enter');
    await kiosk.locator('[data-testid="kiosk-confirmation"]').waitFor();
    expect((await api.view(meeting)).attendance.presentVoters).toBe(1);
    await screenshot(chair, 'rehearsal-early-confirmed-chair-1440.png', false);
    expect(pageErrors(chair)).toEqual([]);
    expect(pageErrors(kiosk)).toEqual([]);
  }, 120_000);
});

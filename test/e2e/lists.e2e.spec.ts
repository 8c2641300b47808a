import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Api, LATIN_ROLL, type Meeting } from './support/api.js';
import { launchBrowser, newPage, pageErrors, screenshot } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { waitForLive, waitForText } from './support/screens.js';

/**
 * Issue 18, point 3: the chair takes down a published list made in error (P-10) and withdraws a contest created in
 * error (P-15), each behind a reason dialog; the console then shows the list's history and the contest as withdrawn
 * with its reason, and the observer's board leaves the withdrawn contest out.
 */
describe('contests and lists made in error, on the chair console', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let meeting: Meeting;
  let chair: Page;
  const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  const send = (type: string, data: unknown) => api.command(meeting.meetingId, meeting.credentials.chair, type, data);

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    browser = await launchBrowser();
    meeting = await api.createMeeting({ title: '第一党支部换届选举党员大会', organisation: '第一党支部' });
    await api.uploadRoll(meeting, LATIN_ROLL);
    await send('CreateContest', { contestId: 'c1', office: 'committee-member', seats: 1, mode: 'competitive' });
    for (const nomineeId of ['M001', 'M002']) {
      await send('Nominate', { contestId: 'c1', nomineeId, route: 'organisation' });
      await send('ReviewCandidate', { contestId: 'c1', nomineeId, qualified: true, reason: '' });
    }
    await send('PublishCandidateList', {
      contestId: 'c1',
      candidateIds: ['M001', 'M002'],
      noticeDays: 3,
      publishedOn: weekAgo,
    });
    await send('CreateContest', {
      contestId: 'c2',
      office: 'deputy-secretary',
      seats: 1,
      mode: 'uncontested',
      electorate: 'meeting',
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('withdraws the published list with a reason; the list goes back to the publication form', async () => {
    ({ page: chair } = await newPage(browser, { width: 1440, height: 900 }));
    await chair.goto(api.url(meeting.links.chair));
    await waitForLive(chair);
    await chair.getByRole('tab', { name: '议程与选举' }).click();
    const card = chair.locator('[data-testid="contest-c1"]');
    await card.locator('[data-testid="withdraw-list-c1"]').click();
    const dialog = chair.getByRole('dialog');
    await dialog.getByLabel('撤回名单的原因（记入会议记录）').fill('名单漏列一名候选人');
    await dialog.getByRole('button', { name: '撤回名单' }).click();
    await waitForText(chair, '[data-testid="list-withdrawals-c1"]', '名单漏列一名候选人');
    await waitForText(chair, '[data-testid="contest-c1"]', '公示候选人名单');
    const c1 = (await api.view(meeting)).contests.find((c) => c.contestId === 'c1')!;
    expect(c1).toMatchObject({ status: 'nominating', list: null });
    expect(c1.listWithdrawals).toEqual([
      expect.objectContaining({ reason: '名单漏列一名候选人', publishedOn: weekAgo }),
    ]);
  });

  it('withdraws the contest created in error with a reason; it is shown withdrawn, with no controls left', async () => {
    const card = chair.locator('[data-testid="contest-c2"]');
    await card.locator('[data-testid="withdraw-contest-c2"]').click();
    const dialog = chair.getByRole('dialog');
    await dialog.getByLabel('撤销这项选举的原因（记入会议记录）').fill('本届不设副书记，误建');
    await dialog.getByRole('button', { name: '撤销本项选举' }).click();
    await waitForText(chair, '[data-testid="contest-withdrawn-c2"]', '本届不设副书记，误建');
    expect(await card.textContent()).toContain('已撤销');
    expect(await card.locator('button').count()).toBe(0);
    expect((await api.view(meeting)).contests.find((c) => c.contestId === 'c2')).toMatchObject({
      status: 'withdrawn',
      withdrawal: { reason: '本届不设副书记，误建' },
    });
    await screenshot(chair, 'lists-chair-1440.png');
    // On a phone the withdrawn card and the list's history fit the width.
    await chair.setViewportSize({ width: 390, height: 844 });
    for (const id of ['contest-c1', 'contest-c2']) {
      const overflow = await chair.locator(`[data-testid="${id}"]`).evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow, id).toBeLessThanOrEqual(0);
    }
    await screenshot(chair, 'lists-chair-390.png');
    expect(pageErrors(chair)).toEqual([]);
  });

  it("leaves the withdrawn contest off the observer's board", async () => {
    const { page: observer } = await newPage(browser, { width: 1440, height: 900 });
    await observer.goto(api.url(meeting.links.observer));
    await waitForLive(observer);
    await observer.locator('[data-testid="board-c1"]').waitFor();
    expect(await observer.locator('[data-testid="board-c2"]').count()).toBe(0);
    await screenshot(observer, 'lists-observer-1440.png');
    expect(pageErrors(observer)).toEqual([]);
  });
});

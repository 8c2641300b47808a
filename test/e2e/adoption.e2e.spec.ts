import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { OpenedElection } from '@tallyroom/contracts';
import { Api, LATIN_ROLL, type Meeting } from './support/api.js';
import { artifactsDir, launchBrowser, newPage, pageErrors, screenshot } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { waitForLive, waitForText } from './support/screens.js';
import { fixedElection } from '../support/process.js';

/**
 * Issue 21, P-08b: on the chair's console the 直选大会's contest adopts the list its 换届 fixed. The election is the
 * one this tab opened (picked, not typed); afterwards each candidate shows the steps that put it on the list.
 */
describe("the 直选大会's contest adopts the 换届's fixed list", () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let meeting: Meeting;
  let election: OpenedElection;
  const nominees = LATIN_ROLL.slice(0, 3).map((m) => ({ id: m.memberId, name: m.name, office: 'committee-member' }));

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    browser = await launchBrowser();
    meeting = await api.createMeeting({ title: '第一党支部党员大会（直选）', organisation: '第一党支部' });
    await api.uploadRoll(meeting, LATIN_ROLL);
    await api.command(meeting.meetingId, meeting.credentials.chair, 'CreateContest', {
      contestId: 'c1',
      office: 'committee-member',
      seats: 2,
      mode: 'competitive',
    });
    election = await fixedElection(server.url, meeting.meetingId, nominees, [{ office: 'committee-member', seats: 2 }]);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('picks the linked election, adopts, and shows why each candidate is there (zh-CN, en; 1440 and 390)', async () => {
    const { page } = await newPage(browser, { width: 1440, height: 900 });
    // The chair opened the 换届's process card in this tab: the console offers that election.
    await page.goto(api.url(election.links.chair));
    await page.waitForFunction(
      (id) => window.sessionStorage.getItem(`tallyroom:${id}:chair`) !== null,
      election.electionId,
    );
    await page.goto(api.url(meeting.links.chair));
    await waitForLive(page);
    await page.getByRole('tab', { name: '议程与选举' }).click();
    const form = page.locator('[data-testid="adopt-c1"]');
    await form.waitFor();
    await expect.poll(() => form.locator('input').inputValue(), { timeout: 10_000 }).toBe(election.electionId);
    await form.getByRole('button', { name: '采用名单' }).click();
    await waitForText(page, '[data-testid="adoption-c1"]', 'Carol Zhang');
    const card = page.locator('[data-testid="adoption-c1"]');
    const text = (await card.textContent()) ?? '';
    for (const step of ['提名', '资格审查', '考察', '公示', '二报批复']) expect(text).toContain(step);
    expect(text).toContain('机党批〔2026〕12号');
    expect(await page.locator('[data-testid="contest-c1"]').textContent()).toContain('换届确定的名单');
    await screenshot(page, 'adoption-chair-1440.png');
    await card.screenshot({ path: `${artifactsDir}/adoption-card-1440.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.locator('[data-testid="contest-c1"]').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'adoption-chair-390.png');
    await card.screenshot({ path: `${artifactsDir}/adoption-card-390.png` });
    await page.locator('button[lang="en"]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await waitForText(page, '[data-testid="adoption-c1"]', 'Steps passed');
    expect(await card.textContent()).toContain('Approval of the prospective list');
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'adoption-chair-en-1440.png');
    expect(pageErrors(page)).toEqual([]);
    const c1 = (await api.view(meeting)).contests.find((c) => c.contestId === 'c1')!;
    expect(c1.adoption?.candidates.map((c) => c.candidateId)).toEqual(nominees.map((n) => n.id));
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { OpenedElection } from '@tallyroom/contracts';
import { countyAdmin } from '../support/organisation.js';
import { fixList } from '../support/process.js';
import { Api, LATIN_ROLL } from './support/api.js';
import { launchBrowser, newPage, pageErrors, screenshot } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { waitForLive } from './support/screens.js';

/**
 * P-08b across two screens: a 换届 opened on the organisation's console and the contest its 直选大会 creates on the
 * chair's console name the office the same way, so the meeting adopts the list the 换届 fixed. The 换届 form once
 * prefilled the office as the text "委员" while the contest form sends `committee-member`: every list fixed that way
 * was offered to no contest (NO_CANDIDATES_FOR_OFFICE), and an English screen showed the Chinese word.
 */
describe('the office of a 换届 opened on a screen is the office its meeting elects', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ env: { TALLYROOM_DEMO: 'off' } });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens the 换届 and the contest with the forms as they come, fixes the list and adopts it (zh-CN, en)', async () => {
    const { organisationId, token } = await countyAdmin(server.url);
    const { page } = await newPage(browser, { width: 1440, height: 900 });
    await page.goto(`${server.url}/o/${organisationId}#t=${token}`);
    const form = page.locator('[data-testid="open-election"]');
    await form.waitFor();
    await form.getByLabel('党组织名称').fill('城关镇第一党支部');
    await form.getByLabel('应选人数').fill('2');
    // The office is left as the form offers it.
    expect(await form.getByLabel('职务').locator('option:checked').textContent()).toBe('委员');
    const [opened] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/elections') && r.request().method() === 'POST'),
      form.locator('button[type="submit"]').click(),
    ]);
    expect(opened.status()).toBe(201);
    const election = (await opened.json()) as OpenedElection;

    const api = new Api(server.url);
    const meeting = await api.createMeeting({
      title: '城关镇第一党支部党员大会（直选）',
      organisation: '城关镇第一党支部',
    });
    await api.uploadRoll(meeting, LATIN_ROLL);
    // Proposed as the nominees panel does: no office, so each stands for the election's only one.
    const nominees = LATIN_ROLL.slice(0, 3).map((m) => ({ id: m.memberId, name: m.name }));
    await fixList(server.url, election, meeting.meetingId, nominees);

    // The tab also holds another meeting's chair link: the console asks the elections' API only about 换届.
    const other = await api.createMeeting({ title: '城关镇第二党支部党员大会', organisation: '城关镇第二党支部' });
    await page.goto(api.url(other.links.chair));
    await waitForLive(page);
    const asked: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/elections\/[^/]+$/.test(new URL(r.url()).pathname)) asked.push(new URL(r.url()).pathname);
    });

    // The chair creates the contest with the office the contest form offers first.
    await page.goto(api.url(meeting.links.chair));
    await waitForLive(page);
    await page.getByRole('tab', { name: '议程与选举' }).click();
    const create = page.locator('form', { has: page.getByRole('heading', { name: '新增一项选举' }) });
    expect(await create.getByLabel('职位', { exact: true }).locator('option:checked').textContent()).toBe('委员');
    await create.getByLabel('应选人数').fill('2');
    await create.getByRole('button', { name: '新增选举' }).click();
    await page.locator('[data-testid="contest-c1"]').waitFor();
    await expect.poll(() => asked.length).toBeGreaterThan(0);
    expect([...new Set(asked)]).toEqual([`/api/elections/${election.electionId}`]);

    // Throws with the refusal's body (NO_CANDIDATES_FOR_OFFICE when the offices differ).
    await api.command(meeting.meetingId, meeting.credentials.chair, 'AdoptCandidateList', {
      contestId: 'c1',
      electionId: election.electionId,
    });
    const c1 = (await api.view(meeting)).contests.find((c) => c.contestId === 'c1')!;
    expect(c1.office).toBe('committee-member');
    expect(c1.adoption?.candidates.map((c) => c.candidateId)).toEqual(nominees.map((n) => n.id));

    // The 换届's own screen names the office in the reader's language.
    await page.goto(api.url(election.links.chair));
    await page.locator('h1').waitFor();
    await expect.poll(() => page.locator('.meeting-header .meta').textContent()).toContain('委员 应选 2 名');
    await screenshot(page, 'election-office-1440.png');
    await page.locator('button[lang="en"]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await expect.poll(() => page.locator('.meeting-header .meta').textContent()).toContain('Committee member 2 seats');
    // The Chinese word stays only where a person typed it (the supporters' 支部委员会), not in the header.
    expect(await page.locator('.meeting-header .meta').textContent()).not.toContain('委员');
    expect(pageErrors(page)).toEqual([]);
  });
});

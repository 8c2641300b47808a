/**
 * Issue 6, names rendered safely: a member named like an HTML payload shows as
 * that literal text on the chair's screen in Chromium (roll, check-in desk,
 * candidate list), no dialog fires, and no element is created from it. Runs
 * against the built backend serving the built dashboard
 * (`npx tsc -b contracts backend && npm run build -w dashboard`).
 */
import type { Browser, Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, type Meeting } from '../e2e/support/api.js';
import { launchBrowser, newPage, pageErrors, visibleText } from '../e2e/support/browser.js';
import { startServer, type RunningServer } from '../e2e/support/server.js';
import { waitForLive, waitForText } from '../e2e/support/screens.js';

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(2)</script>';
const SVG = '"><svg onload=alert(3)>';

describe('HTML injection through names', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let meeting: Meeting;
  let chair: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    server = await startServer({ env: { TALLYROOM_DEMO: 'off', TALLYROOM_RATE_CHECKIN: '1000/1' } });
    api = new Api(server.url);
    browser = await launchBrowser();
    meeting = await api.createMeeting({ title: `换届选举 ${SCRIPT}`, organisation: `第一支部 ${SVG}` });
    // The CSV quotes the names that carry a double quote, as Excel does.
    await api.uploadRoll(meeting, [
      { name: IMG, memberId: 'M001' },
      { name: '王建国', memberId: 'M002' },
      { name: '李秀英', memberId: 'M003' },
      { name: SCRIPT, memberId: 'M004' },
      { name: '欧阳明', memberId: 'M005' },
    ]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const injected = (page: Page) =>
    page.evaluate(() => ({
      imgs: [...document.querySelectorAll('img')].filter((i) => i.getAttribute('src') === 'x').length,
      handlers: document.querySelectorAll('[onerror],[onload]').length,
      svgs: [...document.querySelectorAll('svg')].filter((s) => s.hasAttribute('onload')).length,
      scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('alert(')).length,
    }));

  it("shows the names as text on the chair's screen and runs none of them", async () => {
    ({ page: chair } = await newPage(browser, { locale: 'en-US' }));
    chair.on('dialog', (d: Dialog) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await chair.goto(api.url(meeting.links.chair));
    await waitForLive(chair);
    await waitForText(chair, '[data-testid="members-absent"]', IMG);
    const absent = await chair.textContent('[data-testid="members-absent"]');
    expect(absent).toContain(IMG);
    expect(absent).toContain(SCRIPT);

    // Check-in at the desk echoes the name back.
    await api.checkIn(meeting, 'M001');
    await waitForText(chair, '[data-testid="members-present"]', IMG);
    for (const id of ['M002', 'M003', 'M004', 'M005']) await api.checkIn(meeting, id);

    // The injected member as a published candidate: the console and the board show the name too.
    const c = meeting.credentials.chair;
    await api.command(meeting.meetingId, c, 'AdoptElectionMethod', { vote: { for: 5, against: 0, abstain: 0 } });
    await api.command(meeting.meetingId, c, 'AppointOfficers', {
      scrutineers: ['M005'],
      tellers: [{ name: `计票人 ${IMG}` }, { name: '计票人乙' }],
      vote: { for: 5, against: 0, abstain: 0 },
    });
    await api.command(meeting.meetingId, c, 'CreateContest', {
      contestId: 'committee',
      office: 'committee-member',
      seats: 1,
      mode: 'competitive',
    });
    for (const id of ['M001', 'M002']) {
      await api.command(meeting.meetingId, c, 'Nominate', {
        contestId: 'committee',
        nomineeId: id,
        route: 'organisation',
      });
      await api.command(meeting.meetingId, c, 'ReviewCandidate', {
        contestId: 'committee',
        nomineeId: id,
        qualified: true,
        reason: SVG,
      });
    }
    const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
    await api.command(meeting.meetingId, c, 'PublishCandidateList', {
      contestId: 'committee',
      candidateIds: ['M001', 'M002'],
      noticeDays: 3,
      publishedOn: weekAgo,
    });
    await chair.reload();
    await waitForLive(chair);
    const text = await visibleText(chair);
    expect(text).toContain(SCRIPT);
    expect(text).toContain(IMG);

    expect(await injected(chair)).toEqual({ imgs: 0, handlers: 0, svgs: 0, scripts: 0 });
    expect(dialogs).toEqual([]);
    expect(pageErrors(chair)).toEqual([]);
  });

  it("runs none of them on the observer's screen either, where the candidate is public", async () => {
    const { page } = await newPage(browser, { locale: 'en-US' });
    page.on('dialog', (d: Dialog) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(api.url(meeting.links.observer));
    await waitForLive(page);
    await page.waitForFunction((name: string) => document.body.innerText.includes(name), IMG);
    expect(await injected(page)).toEqual({ imgs: 0, handlers: 0, svgs: 0, scripts: 0 });
    expect(dialogs).toEqual([]);
  });

  it('escapes them in the server-rendered result report too', async () => {
    const res = await fetch(`${server.url}/api/meetings/${meeting.meetingId}/report`, {
      headers: { Authorization: `Bearer ${meeting.credentials.supervisor}` },
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain(IMG);
    expect(html).not.toContain(SCRIPT);
    const { page } = await newPage(browser);
    page.on('dialog', (d: Dialog) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.setContent(html);
    expect(await visibleText(page)).toContain(IMG);
    expect(await injected(page)).toEqual({ imgs: 0, handlers: 0, svgs: 0, scripts: 0 });
    expect(dialogs).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { OpenedElection } from '@tallyroom/contracts';
import { Api, type Meeting } from './support/api.js';
import { launchBrowser, newPage, pageErrors, screenshot } from './support/browser.js';
import { pageOverflow } from './support/layout.js';
import { startServer, type RunningServer } from './support/server.js';
import { waitForLive, waitForText } from './support/screens.js';
import { adminToken } from '../support/organisation.js';

/**
 * Issue 21, part B (meeting kinds): in Chromium, the clerk adds a participant to a 公推大会's roll by hand and must
 * say who the person is (P-06a: 党员 / 群众代表 / 特邀代表); and the chair of a 换届 who links a party branch's
 * meeting as the 公推大会 is refused with P-08m, in Chinese and in English, and nothing is linked.
 */
describe('issue 21 (B): meeting kinds in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let rec: Meeting;
  let branch: Meeting;
  let election: OpenedElection;

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    browser = await launchBrowser();
    rec = await api.createMeeting({
      title: '第一党支部换届公推大会',
      organisation: '城关街道第一党支部',
      ruleset: 'recommendation',
    });
    await api.uploadRoll(rec, [
      { memberId: 'M01', name: '王伟' },
      { memberId: 'M02', name: '李芳' },
    ]);
    branch = await api.createMeeting({ title: '换届选举党员大会', organisation: '城关街道第一党支部' });
    const res = await fetch(`${server.url}/api/elections`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await adminToken(server.url)}` },
      body: JSON.stringify({ organisation: '城关街道第一党支部', offices: [{ office: '委员', seats: 3 }] }),
    });
    expect(res.status).toBe(201);
    election = (await res.json()) as OpenedElection;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const addForm = (page: Page) => page.locator('[data-testid="member-add"]');

  it('P-06a: a participant added by hand to a 公推大会 roll needs a category; a 群众代表 is enrolled as one', async () => {
    for (const width of [390, 1440]) {
      const { page } = await newPage(browser, { width, height: 900 });
      await page.goto(api.url(rec.links.chair));
      await waitForLive(page);
      await page.getByRole('tab', { name: '名册' }).click();
      const form = addForm(page);
      await form.waitFor();
      expect(await form.locator('h2').textContent()).toBe('补充登记参会人员');
      const id = width === 390 ? 'Q01' : 'Y01';
      await form.getByLabel('姓名', { exact: true }).fill(width === 390 ? '赵敏' : '钱静');
      await form.getByLabel('编号', { exact: true }).fill(id);
      const before = (await api.view(rec)).members!.length;
      await form.getByRole('button', { name: '补充登记' }).click();
      await waitForText(page, '[data-testid="category-missing"]', '公推大会的名册须写明类别');
      expect(await form.locator('[data-testid="category-missing"]').textContent()).toContain('P-06a');
      expect((await api.view(rec)).members!.length).toBe(before);
      await screenshot(page, `meeting-kinds-member-add-missing-${width}.png`);
      expect((await pageOverflow(page)).width).toBeLessThanOrEqual(0);

      const category = width === 390 ? '群众代表' : '特邀代表';
      await form.getByLabel('类别', { exact: true }).selectOption({ label: category });
      // A non-member has no party status to give.
      expect(await form.getByLabel('状态', { exact: true }).count()).toBe(0);
      await form.getByRole('button', { name: '补充登记' }).click();
      await form.locator('[role="status"]').waitFor();
      const added = (await api.view(rec)).members!.find((m) => m.memberId === id);
      expect(added).toMatchObject({ memberId: id, category: width === 390 ? 'masses' : 'deputy' });
      await screenshot(page, `meeting-kinds-member-add-done-${width}.png`);
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();
    }
    // A party member chosen as such is enrolled with a status and no category (P-06).
    const { page } = await newPage(browser, { width: 1440, height: 900 });
    await page.goto(api.url(rec.links.chair));
    await waitForLive(page);
    await page.getByRole('tab', { name: '名册' }).click();
    const form = addForm(page);
    await form.getByLabel('姓名', { exact: true }).fill('孙强');
    await form.getByLabel('编号', { exact: true }).fill('M03');
    await form.getByLabel('类别', { exact: true }).selectOption({ label: '党员' });
    await form.getByLabel('状态', { exact: true }).selectOption('probationary');
    await form.getByRole('button', { name: '补充登记' }).click();
    await form.locator('[role="status"]').waitFor();
    const m03 = (await api.view(rec)).members!.find((m) => m.memberId === 'M03')!;
    expect(m03.status).toBe('probationary');
    expect(m03.category ?? 'member').toBe('member');
    // The roll lists participants, not electors, and is searched by any number, not a party number.
    const table = page.locator('[data-testid="roll-table"]');
    expect(await table.locator('h2').textContent()).toContain('参会人员名册');
    expect(await table.textContent()).toContain('查找姓名或编号');
    await page.context().close();

    // A party branch's roll has no categories: the form asks none.
    const { page: plain } = await newPage(browser, { width: 1440, height: 900 });
    await plain.goto(api.url(branch.links.chair));
    await waitForLive(plain);
    await plain.getByRole('tab', { name: '名册' }).click();
    expect(await addForm(plain).locator('h2').textContent()).toBe('补充登记党员');
    expect(await addForm(plain).getByLabel('类别', { exact: true }).count()).toBe(0);
    expect(await plain.locator('[data-testid="roll-table"] h2').textContent()).toContain('选举人名册');
    await plain.context().close();
  }, 120_000);

  it('P-08m: linking a party branch meeting as the 公推大会 is refused in both languages and links nothing', async () => {
    const { page } = await newPage(browser, { width: 1440, height: 900 });
    await page.goto(api.url(election.links.chair));
    const form = page.locator('[data-testid="link-meeting"]');
    await form.waitFor();
    await form.getByLabel('会议类别', { exact: true }).selectOption({ label: '公推大会' });
    // The form says beforehand which ruleset the kind needs.
    expect(await form.textContent()).toContain('公推大会须按“民主推荐大会（公推大会）”规则召开');
    await form.getByLabel('会议编号', { exact: true }).fill(branch.meetingId);
    await form.getByRole('button', { name: '关联' }).click();
    const alert = form.locator('[role="alert"]');
    await waitForText(page, '[data-testid="link-meeting"] [role="alert"]', '该会议的选举规则与所选会议类别不符');
    expect(await alert.innerText()).toContain('P-08m');
    expect(await alert.getAttribute('data-code')).toBe('MEETING_RULESET_MISMATCH');
    expect(await form.getAttribute('data-sent')).toBe('0');
    await alert.scrollIntoViewIfNeeded();
    await screenshot(page, 'meeting-kinds-link-refused-zh-1440.png');
    // The same refusal after a switch to English.
    await page.locator('button[lang="en"]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const english = await alert.innerText();
    expect(english).toContain("The meeting's ruleset does not fit the kind chosen");
    expect(english).toContain('P-08m');
    expect(english).not.toMatch(/[\u4e00-\u9fff]/);
    await screenshot(page, 'meeting-kinds-link-refused-en-1440.png');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
    const view = await fetch(`${server.url}/api/elections/${election.electionId}`, {
      headers: { Authorization: `Bearer ${election.credentials.chair}` },
    });
    expect(((await view.json()) as { meetings: unknown[] }).meetings).toEqual([]);
  }, 120_000);
});

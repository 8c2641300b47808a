import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Api, type Meeting } from './support/api.js';
import { artifactsDir, launchBrowser, newPage, pageErrors, printedTab, screenshot } from './support/browser.js';
import { pageOverflow } from './support/layout.js';
import { startServer, type RunningServer } from './support/server.js';
import { waitForLive, waitForText } from './support/screens.js';

/**
 * Issue 22, written proxies (委托投票, V-10): the village election committee (the chair) records written
 * authorisations from the roll, sees each proxy against the cap of three, revokes one with a reason, publishes the
 * list and prints it (html and Word); the observer's screen then shows the published list by name, with no relation,
 * no authorisation number and nothing about who has voted.
 */
describe('written proxies on the election committee’s screen', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let meeting: Meeting;
  let chair: Page;
  const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const send = (type: string, data: unknown) => api.command(meeting.meetingId, meeting.credentials.chair, type, data);
  const roll = ['王秀英', '李建国', '张桂兰', '刘志强', '陈德福', '杨淑珍', '赵国庆', '黄玉梅'].map((name, i) => ({
    name,
    memberId: `V${String(i + 1).padStart(3, '0')}`,
  }));

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    browser = await launchBrowser();
    meeting = await api.createMeeting({
      title: '东湖村第十二届村民委员会换届选举',
      organisation: '东湖村村民选举委员会',
      ruleset: 'village-committee',
      scheduledFor: inDays(5),
    });
    await api.uploadVoterList(meeting, roll);
    // Two principals already recorded for 陈德福 (V005): the screen's authorisation is the third, the cap.
    await send('AuthoriseProxy', { principalId: 'V002', proxyId: 'V005', relation: 'parent', reference: '东委002' });
    await send('AuthoriseProxy', { principalId: 'V003', proxyId: 'V005', relation: 'sibling', reference: '东委003' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('records an authorisation picked from the roll; the proxy reaches the cap and can be chosen no more', async () => {
    ({ page: chair } = await newPage(browser, { width: 1440, height: 900 }));
    await chair.goto(api.url(meeting.links.chair));
    await waitForLive(chair);
    await chair.getByRole('tab', { name: '委托投票' }).click();
    const panel = chair.getByTestId('proxies-panel');
    await waitForText(chair, '[data-testid="proxies-rules"]', '每人接受委托不超过 3 人');
    await waitForText(chair, '[data-testid="proxies-status"]', '名单尚未公布');
    await panel.getByTestId('proxy-principal').selectOption('V001');
    await panel.getByTestId('proxy-proxy').selectOption('V005');
    await panel.getByTestId('proxy-relation').selectOption({ label: '配偶' });
    await panel.getByTestId('proxy-reference').fill('东委001');
    await panel.getByTestId('proxy-authorise').click();
    await waitForText(chair, '[data-testid="proxy-entries"]', '东委001');
    await waitForText(chair, '[data-testid="proxy-holders"]', '陈德福 3/3');
    expect(await chair.getByTestId('proxies-counts').innerText()).toContain('委托人 3 名，受委托人 1 名');
    // At the cap, 陈德福 is offered no more; a principal is no longer offered as principal or proxy.
    const option = panel.getByTestId('proxy-proxy').locator('option[value="V005"]');
    expect(await option.isDisabled()).toBe(true);
    expect(await panel.getByTestId('proxy-principal').locator('option[value="V001"]').count()).toBe(0);
    expect((await api.view(meeting)).proxies?.entries?.find((e) => e.principalId === 'V001')).toMatchObject({
      proxyId: 'V005',
      relation: 'spouse',
      reference: '东委001',
    });
  });

  it('shows the refusal in words beside the form, and writes nothing', async () => {
    const panel = chair.getByTestId('proxies-panel');
    const before = (await api.view(meeting)).revision;
    await panel.getByTestId('proxy-principal').selectOption('V004');
    await panel.getByTestId('proxy-proxy').selectOption('V006');
    await panel.getByTestId('proxy-reference').fill('东委001');
    await panel.getByTestId('proxy-authorise').click();
    await waitForText(chair, '[data-testid="proxy-form"]', '该委托书编号已经登记');
    expect((await api.view(meeting)).revision).toBe(before);
    await panel.getByTestId('proxy-reference').fill('东委004');
    await panel.getByTestId('proxy-authorise').click();
    await waitForText(chair, '[data-testid="proxy-entries"]', '东委004');
  });

  it('revokes one with a reason, publishes the list, and prints it as a page and a Word file', async () => {
    await chair.getByTestId('proxy-revoke-V003').click();
    const dialog = chair.getByRole('dialog');
    await dialog.getByLabel('撤销理由').fill('本人已回村，自行投票');
    await dialog.getByRole('button', { name: '撤销委托' }).click();
    await waitForText(chair, '[data-testid="proxy-holders"]', '陈德福 2/3');
    expect(await chair.getByTestId('proxy-entries').innerText()).not.toContain('东委003');
    await chair.getByTestId('proxy-publish').click();
    await waitForText(chair, '[data-testid="proxies-status"]', '名单已于');
    // The screen publishes on the meeting's day (Beijing time), which from 16:00 UTC on is a day after UTC's.
    const beijingToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect((await api.view(meeting)).proxies?.published?.publishedOn).toBe(beijingToday);
    await screenshot(chair, 'proxies-chair-1440.png');

    const tab = await printedTab(chair, () => chair.getByTestId('proxy-print').click());
    const printed = await tab.locator('body').innerText();
    expect(printed).toContain('委托投票公示名单');
    expect(printed).toContain('王秀英');
    expect(printed).toContain('配偶');
    expect(printed).not.toContain('尚未公布');
    await screenshot(tab, 'proxies-list-print.png');
    await tab.close();
    const [download] = await Promise.all([chair.waitForEvent('download'), chair.getByTestId('proxy-word').click()]);
    expect(download.suggestedFilename()).toBe('委托投票公示名单.docx');
    const file = path.join(artifactsDir, 'proxies-list.docx');
    await download.saveAs(file);
    const xml = await (await JSZip.loadAsync(readFileSync(file))).file('word/document.xml')!.async('string');
    expect(xml).toContain('东委004');
    expect(xml).toContain('委托人共 3 名');

    // On a phone the panel fits the width.
    await chair.setViewportSize({ width: 390, height: 844 });
    const overflow = await chair
      .getByTestId('proxies-panel')
      .evaluate((el) => el.getBoundingClientRect().right - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect((await pageOverflow(chair)).width).toBeLessThanOrEqual(0);
    await screenshot(chair, 'proxies-chair-390.png');
    expect(pageErrors(chair)).toEqual([]);
  }, 60_000);

  it('the observer sees the published list by name, never a relation, a number or who has voted', async () => {
    for (const width of [1440, 390]) {
      const { page } = await newPage(browser, { width, height: 900 });
      await page.goto(api.url(meeting.links.observer));
      await waitForLive(page);
      const list = page.getByTestId('proxies-public');
      await waitForText(page, '[data-testid="proxies-public"]', '王秀英');
      const text = await list.innerText();
      for (const name of ['王秀英', '李建国', '刘志强', '陈德福', '杨淑珍']) expect(text).toContain(name);
      expect(text).not.toContain('张桂兰');
      for (const hidden of ['东委', '配偶', '父母']) expect(text).not.toContain(hidden);
      expect(text).toContain('不显示任何人是否已经投票');
      await screenshot(page, `proxies-observer-${width}.png`);
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();
    }
  });

  it('speaks English on an English screen', async () => {
    const { page } = await newPage(browser, { width: 1440, height: 900, locale: 'en' });
    await page.goto(api.url(meeting.links.chair).replace('#', '?lang=en#'));
    await waitForLive(page);
    await page.getByRole('tab', { name: 'Proxies' }).click();
    await waitForText(page, '[data-testid="proxies-panel"]', 'one proxy holds at most 3');
    expect(await page.getByTestId('proxy-entries').innerText()).toContain('Spouse');
    await screenshot(page, 'proxies-chair-en-1440.png');
    await page.context().close();
  });
});

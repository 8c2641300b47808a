import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Api, type Meeting } from './support/api.js';
import { launchBrowser, newPage, pageErrors, screenshot } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { figure, waitForLive, waitForText } from './support/screens.js';

/**
 * Issue 18, "check-in that asks when it is unsure", in Chromium: the desk offers
 * the two 张伟 to choose from and checks in nobody for 红; the kiosk confirms
 * with the name when a member's card is scanned, the same for a first and a repeated check-in; the 名册 tab
 * shows the roll in stroke order, adds a member late, corrects one from its row
 * and names the columns a bad file lacks. Screens at 360 and 1440 px.
 */
const ROLL = [
  { name: '张伟', memberId: 'A001' },
  { name: '张伟', memberId: 'A002' },
  { name: '张伟伟', memberId: 'A003' },
  { name: '李红', memberId: 'B010' },
  { name: '王红', memberId: 'B011' },
];

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('check-in that asks when it is unsure', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let meeting: Meeting;
  let chair: Page;
  let kiosk: Page;

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    browser = await launchBrowser();
    meeting = await api.createMeeting({ title: '2026年换届选举党员大会', organisation: '第一党支部' });
    await api.uploadRoll(meeting, ROLL);
    ({ page: chair } = await newPage(browser, { width: 1440, height: 900 }));
    await chair.goto(api.url(meeting.links.chair));
    await waitForLive(chair);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const present = () => figure(chair, 'presentVoters');
  const search = () => chair.getByLabel('按姓名或党员编号查找');

  it('offers the two 张伟 to choose from, not 张伟伟, and checks in the one chosen', async () => {
    await search().fill('张伟');
    await search().press('Enter');
    const choices = chair.getByTestId('desk-choices');
    await choices.waitFor();
    expect(await choices.textContent()).toContain('名册中有 2 位「张伟」');
    const buttons = choices.getByRole('button');
    expect(await buttons.allTextContents()).toEqual(['签到：张伟（A001）', '签到：张伟（A002）']);
    expect(await present()).toBe('0');
    await screenshot(chair, 'checkin-desk-choose-1440.png');
    await choices.getByRole('button', { name: '签到：张伟（A002）' }).click();
    await waitForText(chair, '[data-testid="desk-feedback"]', '已签到：张伟（A002）');
    await chair.waitForFunction(
      () => document.querySelector('[data-testid="figure-presentVoters"] dd')?.textContent === '1',
    );
    expect(await chair.getByTestId('desk-choices').count()).toBe(0);
  });

  it('checks in nobody for 红, which is only part of 李红 and 王红', async () => {
    await search().fill('红');
    await search().press('Enter');
    await chair.getByTestId('desk-no-exact').waitFor();
    expect(await chair.getByTestId('desk-no-exact').textContent()).toContain(
      '没有姓名或党员编号与「红」完全一致的人员，未签到',
    );
    // Both are still listed to be checked in by hand.
    expect(await chair.getByRole('list', { name: '查找结果' }).textContent()).toMatch(
      /李红[\s\S]*王红|王红[\s\S]*李红/,
    );
    await chair.waitForTimeout(300);
    expect(await present()).toBe('1');
  });

  it('checks in by the number typed in lower case with spaces, and by a unique full name, naming the member', async () => {
    await search().fill(' a 001');
    await search().press('Enter');
    await waitForText(chair, '[data-testid="desk-feedback"]', '已签到：张伟（A001）');
    await search().fill('张伟伟');
    await search().press('Enter');
    await waitForText(chair, '[data-testid="desk-feedback"]', '已签到：张伟伟（A003）');
    await chair.waitForFunction(
      () => document.querySelector('[data-testid="figure-presentVoters"] dd')?.textContent === '3',
    );
  });

  it('confirms a card at the kiosk with the name, the same words for a first and a repeated check-in', async () => {
    ({ page: kiosk } = await newPage(browser, { width: 1440, height: 900 }));
    await kiosk.goto(api.url(meeting.links.kiosk));
    await waitForLive(kiosk);
    const input = kiosk.getByLabel('请出示本人签到卡');
    const confirmation = kiosk.getByTestId('kiosk-confirmation');
    const card = await api.mint(meeting, { role: 'member', memberId: 'B010' });

    // A USB scanner types the card's QR (the member's link) into the focused field and presses Enter.
    await input.focus();
    await kiosk.keyboard.type(api.url(card.link));
    await kiosk.keyboard.press('Enter');
    await confirmation.waitFor();
    const first = await confirmation.textContent();
    expect(first).toBe('✓李红，您已签到');
    await screenshot(kiosk, 'checkin-kiosk-1440.png');
    await chair.waitForFunction(
      () => document.querySelector('[data-testid="figure-presentVoters"] dd')?.textContent === '4',
    );

    await kiosk.keyboard.type(api.url(card.link));
    await kiosk.keyboard.press('Enter');
    await kiosk.locator('[data-testid="kiosk-confirmation"][data-seq="2"]').waitFor();
    expect(await confirmation.textContent()).toBe(first);
    expect(await present()).toBe('4');

    // A typed number checks in no one here: the kiosk sends the member to the desk (P-05).
    await input.fill('B011');
    await input.press('Enter');
    await kiosk.getByTestId('kiosk-ask').waitFor();
    expect(await kiosk.getByTestId('kiosk-ask').textContent()).toContain('无法识别此签到卡');
    expect(await confirmation.count()).toBe(0);
    expect(await present()).toBe('4');
    expect(pageErrors(kiosk)).toEqual([]);
  });

  it('shows the kiosk whole at 360 px', async () => {
    const { page } = await newPage(browser, { width: 360, height: 740 });
    await page.goto(api.url(meeting.links.kiosk));
    await waitForLive(page);
    const card = await api.mint(meeting, { role: 'member', memberId: 'A002' });
    await page.getByLabel('请出示本人签到卡').fill(card.token);
    await page.getByLabel('请出示本人签到卡').press('Enter');
    await waitForText(page, '[data-testid="kiosk-confirmation"]', '张伟，您已签到');
    expect(await overflow(page)).toBe(0);
    await screenshot(page, 'checkin-kiosk-360.png');
  });

  it('shows the roll in stroke order, adds a member late and corrects one from its row', async () => {
    await chair.getByRole('tab', { name: '名册' }).click();
    const rows = () => chair.getByTestId('roll-row').allTextContents();
    await chair.getByTestId('roll-table').waitFor();
    // By hand: 王 has 4 strokes; 李 and 张 7, 李 starting with 横 and 张 with 折; 张伟 before 张伟伟.
    const names = async () => (await rows()).map((r) => r.match(/^\S+/)?.[0]);
    expect(await names()).toEqual(['王红', '李红', '张伟', '张伟', '张伟伟']);

    const add = chair.getByTestId('member-add');
    await add.getByLabel('姓名', { exact: true }).fill('欧阳晚');
    await add.getByLabel('党员编号', { exact: true }).fill('a 001');
    expect(await add.textContent()).toContain('名册中已有编号 A001（张伟）');
    expect(await add.getByRole('button', { name: '补充登记' }).isDisabled()).toBe(true);
    await add.getByLabel('党员编号', { exact: true }).fill('C020');
    await add.getByRole('button', { name: '补充登记' }).click();
    await waitForText(chair, '[data-testid="member-add"]', '已补充登记：欧阳晚（C020）');
    // 欧 has 8 strokes: last.
    await chair.waitForFunction(() => document.querySelectorAll('[data-testid="roll-row"]').length === 6);
    expect(await names()).toEqual(['王红', '李红', '张伟', '张伟', '张伟伟', '欧阳晚']);
    expect(await figure(chair, 'expected')).toBe('6');

    // 王红 was keyed wrongly: she is 汪红. 汪 (7 strokes, 点 first) moves between 李 and 张.
    await chair.getByRole('button', { name: '更正 王红（B011）' }).click();
    const correction = chair.getByTestId('member-correction');
    expect(await correction.getByLabel('党员', { exact: true }).inputValue()).toBe('B011');
    await correction.getByLabel('更正后的姓名').fill('汪红');
    await correction.getByRole('button', { name: '更正' }).click();
    await chair.getByLabel('更正原因（记入会议记录）').fill('名册录入有误，应为汪红');
    await chair.getByRole('dialog').getByRole('button', { name: '更正' }).click();
    await waitForText(chair, '[data-testid="roll-table"]', '汪红');
    expect(await names()).toEqual(['李红', '汪红', '张伟', '张伟', '张伟伟', '欧阳晚']);

    await chair.getByLabel('查找姓名或党员编号').fill('红');
    expect(await names()).toEqual(['李红', '汪红']);
    await chair.getByLabel('查找姓名或党员编号').fill('');
    await screenshot(chair, 'checkin-roll-1440.png');
  });

  it('names the columns a roll file lacks, and the header names it accepts', async () => {
    await chair.locator('input[type="file"]').setInputFiles({
      name: '名册.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('序号,名字,编号\n1,赵六,D001\n'),
    });
    const error = chair.getByRole('alert').filter({ hasText: '名册文件有错误' });
    await error.waitFor();
    const text = (await error.textContent()) ?? '';
    expect(text).toContain('缺少必需的列：姓名、状态');
    expect(text).toContain('可用的列名：姓名 或 name；党员编号、编号、选民编号、memberId 或 id；状态、身份 或 status');
    await screenshot(chair, 'checkin-roll-error-1440.png');
  });

  it('shows the desk and the roll whole at 360 px', async () => {
    const { page } = await newPage(browser, { width: 360, height: 740 });
    await page.goto(api.url(meeting.links.chair));
    await waitForLive(page);
    await page.getByLabel('按姓名或党员编号查找').fill('张伟');
    await page.getByLabel('按姓名或党员编号查找').press('Enter');
    await page.getByTestId('desk-choices').waitFor();
    expect(await overflow(page)).toBe(0);
    await screenshot(page, 'checkin-desk-360.png');
    await page.getByRole('tab', { name: '名册' }).click();
    await page.getByTestId('roll-table').waitFor();
    expect(await overflow(page)).toBe(0);
    await screenshot(page, 'checkin-roll-360.png');
    expect(pageErrors(page)).toEqual([]);
    expect(pageErrors(chair)).toEqual([]);
  });
});

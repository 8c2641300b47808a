/**
 * Issue 22, point 1 on the chair's screen (the 村民选举委员会 acts through the chair's credential): the 选民登记 tab of
 * a village committee election. One voter registered by hand, three from a CSV file through the import, one removed
 * with a reason, the list published (V-03: 20 days or more before the day), an objection received and upheld within
 * its 3 days. Screenshots: registration-1440.png, registration-390.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '@tallyroom/contracts';
import { Api, type Meeting } from './support/api.js';
import { launchBrowser, newPage, pageErrors, screenshot } from './support/browser.js';
import { waitForLive } from './support/screens.js';
import { startServer, type RunningServer } from './support/server.js';

const today = () => localDate(new Date().toISOString(), 'Asia/Shanghai');
const CSV = [
  '姓名,编号,登记类别,性别,户号,村民小组,批准文号',
  '李建国,V0002,户籍在本村不在本村居住,男,0001,第一村民小组,',
  '张桂兰,V0003,居住一年以上经同意,女,0002,第二村民小组,李庄村村民代表会议〔2026〕3号',
  '赵强,V0004,户籍在本村并居住,男,0003,第二村民小组,',
].join('\n');

describe('选民登记 on the chair screen', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let meeting: Meeting;

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    browser = await launchBrowser();
    meeting = await api.createMeeting({
      title: '李庄村第三届村民委员会选举',
      organisation: '李庄村村民选举委员会',
      ruleset: 'village-committee',
      scheduledFor: addDays(today(), 30),
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = async (width: number): Promise<Page> => {
    const { page } = await newPage(browser, { width, height: 900 });
    await page.goto(api.url(meeting.links.chair));
    await waitForLive(page);
    await page.getByRole('tab', { name: '选民登记' }).click();
    await page.getByTestId('registration').waitFor();
    return page;
  };
  const registered = (page: Page) => page.getByTestId('registered').textContent();

  it('registers, imports, removes, publishes, receives and decides an objection (1440)', async () => {
    const chair = await open(1440);
    // The V-03 clock before publication: the deadline 20 days before the day, 10 days from now.
    expect(await chair.getByTestId('deadline').textContent()).toContain(addDays(today(), 10));
    expect(await chair.getByTestId('days-to-election').textContent()).toContain('30');

    const add = chair.getByTestId('voter-add');
    await add.getByLabel('姓名', { exact: true }).fill('王秀英');
    await add.getByLabel('编号', { exact: true }).fill('V0001');
    await add.getByLabel('性别').selectOption('female');
    await add.getByLabel('户号').fill('0001');
    await add.getByLabel('小组').fill('第一村民小组');
    await add.getByRole('button', { name: '登记' }).click();
    await chair.getByTestId('voter-V0001').waitFor();
    expect(await registered(chair)).toBe('1');

    await chair
      .getByTestId('voter-import')
      .locator('input[type="file"]')
      .setInputFiles({ name: '选民名单.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
    await chair.getByTestId('import-done').waitFor();
    await chair.getByTestId('voter-V0003').waitFor();
    expect(await registered(chair)).toBe('4');
    expect(await chair.getByTestId('voter-V0003').textContent()).toContain('李庄村村民代表会议〔2026〕3号');

    await chair.getByTestId('voter-V0004').getByRole('button', { name: '除名' }).click();
    const dialog = chair.getByRole('dialog');
    await dialog.getByRole('textbox').fill('户籍已迁出');
    await dialog.getByRole('button', { name: '除名' }).click();
    await chair.getByTestId('voter-V0004').getByText('已除名：户籍已迁出').waitFor();
    expect(await registered(chair)).toBe('3');

    await chair.getByRole('button', { name: '公布选民名单' }).click();
    await chair.getByTestId('published').waitFor();
    expect(await chair.getByTestId('published').textContent()).toContain(today());
    expect(await chair.getByTestId('objection-window').textContent()).toContain(addDays(today(), 5));

    const form = chair.getByTestId('objection-form');
    await form.getByLabel('申诉编号').fill('YY-01');
    await form.getByLabel('申诉人').fill('赵六');
    await form.getByLabel('申诉事项').selectOption('omitted');
    await form.getByLabel('姓名', { exact: true }).fill('赵七');
    await form.getByLabel('内容').fill('户籍在本村，漏登');
    await form.getByRole('button', { name: '受理申诉' }).click();
    const objection = chair.getByTestId('objection-YY-01');
    await objection.waitFor();
    expect(await objection.textContent()).toContain('还有 3 天');
    await objection.getByLabel('处理理由').fill('核实户籍在本村，予以补登');
    await objection.getByRole('button', { name: '申诉成立' }).click();
    await objection.getByTestId('decision').waitFor();
    expect(await objection.getByTestId('decision').textContent()).toContain('成立');

    // The upheld objection carried out: an addition after publication, with its reason (补登).
    await add.getByLabel('姓名', { exact: true }).fill('赵七');
    await add.getByLabel('编号', { exact: true }).fill('V0005');
    await add.getByLabel('补登理由（名单公布后必填）').fill('申诉YY-01成立，补登');
    await add.getByRole('button', { name: '登记' }).click();
    await chair.getByTestId('voter-V0005').waitFor();
    expect(await registered(chair)).toBe('4');

    await screenshot(chair, 'registration-1440.png');
    expect(pageErrors(chair)).toEqual([]);
    await chair.context().close();
  }, 120_000);

  it('fits a phone (390)', async () => {
    const chair = await open(390);
    expect(await registered(chair)).toBe('4');
    await screenshot(chair, 'registration-390.png');
    expect(pageErrors(chair)).toEqual([]);
    await chair.context().close();
  }, 60_000);
});

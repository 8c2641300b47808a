import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { OpenedElection } from '@tallyroom/contracts';
import { Api } from './support/api.js';
import { launchBrowser, newPage, pageErrors, screenshot } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { waitForText } from './support/screens.js';
import { adminToken, countyApprover } from '../support/organisation.js';

/**
 * Issue 21, points 3 and 4 (part A): the 换届 process screen. The chair plans and completes steps, submits the
 * 请示 (上报), which the upper organisation's approver answers on its own link (issue 23, P-31a), nominates, reviews and examines, links the 动员大会, opens the 公示 (counting
 * down) and records and resolves an objection, all through the forms; a second 换届, brought by the API to the
 * 二报 approval, has its candidate list fixed on the screen, which then shows why each name is there.
 */
const shanghaiDay = (offsetDays = 0) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() + offsetDays * 86_400_000));

describe('the 换届 process screen', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let chair: Page;
  let first: OpenedElection;

  async function open(organisation: string): Promise<OpenedElection> {
    const res = await fetch(`${server.url}/api/elections`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await adminToken(server.url)}` },
      body: JSON.stringify({ organisation, offices: [{ office: '委员', seats: 1 }] }),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as OpenedElection;
  }
  async function send(e: OpenedElection, type: string, data: unknown, token = e.credentials.chair) {
    const res = await fetch(`${server.url}/api/elections/${e.electionId}/commands`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type, data, commandId: randomUUID() }),
    });
    if (!res.ok) throw new Error(`${type}: ${res.status} ${await res.text()}`);
  }
  /** Fills a form by its labels and submits it; waits until the server accepted it. */
  async function submit(page: Page, testId: string, fields: Record<string, string>, checks: string[] = []) {
    const form = page.locator(`[data-testid="${testId}"]`);
    const before = await form.getAttribute('data-sent');
    for (const [label, value] of Object.entries(fields)) {
      const input = form.getByLabel(label, { exact: true });
      const tag = await input.evaluate((el) => el.tagName);
      if (tag === 'SELECT') await input.selectOption({ label: value });
      else await input.fill(value);
    }
    for (const name of checks) await form.getByLabel(name, { exact: true }).check();
    await form.getByRole('button').last().click();
    await page.waitForFunction(
      ([id, was]) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-sent') !== was,
      [testId, before] as const,
    );
  }

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    browser = await launchBrowser();
    first = await open('某局机关第一党支部');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('drives the process through the forms; the card shows done, in progress, next and overdue, the notice counts down', async () => {
    const mobilisation = await api.createMeeting({ title: '换届动员大会', organisation: '某局机关第一党支部' });
    ({ page: chair } = await newPage(browser, { width: 1440, height: 900 }));
    await chair.goto(api.url(first.links.chair));
    await waitForText(chair, '[data-testid="process-card"]', '流程卡');
    await chair.getByText('安排 / 完成').click();

    await submit(chair, 'plan-step', { 环节: '请示', 计划日期: shanghaiDay(-20), 负责人: '王书记' });
    await submit(chair, 'plan-step', { 环节: '动员大会', 计划日期: shanghaiDay(-3), 负责人: '李委员' });
    // P-31a: the chair submits the 请示 (上报) and cannot answer it; the county's approver, on its own link, does.
    expect(await chair.locator('[data-testid="answer-report-request"]').count()).toBe(0);
    await submit(chair, 'submit-report-request', { 文号: '机党请〔2026〕3号', 上报日期: shanghaiDay(-19) });
    await waitForText(chair, '[data-testid="report-request"]', '已上报，待批复');
    const { page: approver } = await newPage(browser, { width: 1280, height: 800 });
    const approverToken = (await countyApprover(server.url)).token;
    await approver.goto(`${server.url}/e/${encodeURIComponent(first.electionId)}/approver#t=${approverToken}`);
    await waitForText(approver, '[data-testid="report-request"]', '已上报，待批复');
    expect(await approver.locator('[data-testid="submit-report-request"]').count()).toBe(0);
    expect(await approver.locator('[data-testid="propose"]').count()).toBe(0);
    await submit(approver, 'answer-report-request', {
      批复意见: '同意',
      文号: '机党批〔2026〕5号',
      批复日期: shanghaiDay(-18),
    });
    // The chair's screen is live: the 批复 arrives without a reload.
    await chair.waitForSelector('[data-testid="report-request"][data-state="approved"]');
    expect(await chair.locator('[data-testid="answer-request"]').textContent()).toContain('机党批〔2026〕5号');
    expect(pageErrors(approver)).toEqual([]);
    await approver.close();
    await submit(chair, 'propose', { 党员编号: 'M001', 姓名: '张三', 提名途径: '个人自荐' });
    await submit(chair, 'propose', {
      党员编号: 'M002',
      姓名: '李四',
      提名途径: '党员联名推荐',
      '推荐人（用逗号分隔）': '赵一，钱二',
    });
    for (const name of ['张三（M001）', '李四（M002）'])
      await submit(chair, 'review', { 姓名: name, 审查人: '资格审查小组' });
    for (const name of ['张三（M001）', '李四（M002）'])
      await submit(chair, 'examine', {
        姓名: name,
        '考察人（用逗号分隔）': '王考察，李考察',
        考察情况: '群众公认，表现突出',
      });
    await submit(chair, 'link-meeting', { 会议类别: '动员大会', 会议编号: mobilisation.meetingId });
    await submit(chair, 'open-notice', { 公示开始日期: shanghaiDay(0), 公示天数: '5' }, ['张三', '李四']);
    await submit(chair, 'receive-objection', {
      异议编号: 'YY-1',
      涉及人选: '李四',
      反映内容: '反映其长期不参加组织生活',
    });
    await submit(chair, 'resolve-objection', {
      核查情况: '经支部核实',
      结论: '不属实',
      理由: '与事实不符',
      决定人: '机关纪委',
    });

    const row = (step: string) => chair.locator(`[data-testid="process-card"] tr[data-step="${step}"]`);
    expect(await row('request').getAttribute('data-status')).toBe('done');
    expect(await row('request').textContent()).toContain('机党请〔2026〕3号');
    expect(await row('request-approval').getAttribute('data-status')).toBe('done');
    expect(await row('mobilisation').getAttribute('data-status')).toBe('overdue');
    expect(await row('mobilisation').textContent()).toContain('逾期 3 天');
    // Steps under way are told from their records; the first untouched step is next.
    expect(await row('nomination').getAttribute('data-status')).toBe('in-progress');
    expect(await row('nomination').textContent()).toContain('已提名 2 人');
    expect(await row('review').textContent()).toContain('已审查 2/2 人');
    expect(await row('examination').textContent()).toContain('已考察 2/2 人');
    expect(await row('recommendation').getAttribute('data-status')).toBe('next');
    const countdown = chair.locator('[data-testid="notice-countdown"]');
    expect(await countdown.getAttribute('data-days-left')).toBe('5');
    expect(await countdown.textContent()).toContain('还剩 5 天');
    expect(await chair.locator('[data-objection="YY-1"]').textContent()).toContain('不属实');
    expect(await chair.locator('[data-nominee="M001"] [data-testid="gaps"]').textContent()).toContain('公示');
    await screenshot(chair, 'process-chair-1440.png');

    // The list cannot be fixed while the notice runs: the refusal shows its rule.
    await chair.locator('[data-testid="fix-list"]').getByLabel('张三', { exact: true }).check();
    await chair.locator('[data-testid="fix-list"]').getByRole('button').click();
    await waitForText(chair, '[data-testid="fix-list"] [role="alert"]', 'P-10');

    await chair.setViewportSize({ width: 390, height: 844 });
    const overflow = await chair.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(chair, 'process-chair-390.png');
    await chair.evaluate(() => window.scrollTo(0, 0));
    await screenshot(chair, 'process-chair-390-top.png', false);
    expect(pageErrors(chair)).toEqual([]);
  }, 120_000);

  it('fixes the candidate list on the screen and shows each name with its provenance', async () => {
    const e = await open('某村党支部');
    await send(e, 'ProposeNominee', {
      nomineeId: 'P01',
      name: '王五',
      route: 'organisation',
      proposedOn: shanghaiDay(-20),
    });
    await send(e, 'ProposeNominee', { nomineeId: 'P02', name: '赵六', route: 'self', proposedOn: shanghaiDay(-20) });
    await send(e, 'ReviewNominee', {
      nomineeId: 'P01',
      qualified: true,
      reviewedBy: '乡党委',
      reviewedOn: shanghaiDay(-18),
    });
    await send(e, 'ReviewNominee', {
      nomineeId: 'P02',
      qualified: true,
      reviewedBy: '乡党委',
      reviewedOn: shanghaiDay(-18),
    });
    await send(e, 'RecordExamination', {
      nomineeId: 'P01',
      examiners: ['乡考察组'],
      outcome: 'positive',
      notes: '群众公认',
      examinedOn: shanghaiDay(-15),
    });
    await send(e, 'OpenNotice', { nomineeIds: ['P01'], from: shanghaiDay(-12), days: 5 });
    await send(e, 'SubmitReport', { kind: 'candidates', submittedOn: shanghaiDay(-5) });
    await send(
      e,
      'RecordUpperApproval',
      { kind: 'candidates', reference: '乡党委批〔2026〕8号', approvedOn: shanghaiDay(-4), nomineeIds: ['P01'] },
      (await countyApprover(server.url)).token,
    );
    const { page } = await newPage(browser, { width: 1440, height: 900 });
    await page.goto(api.url(e.links.chair));
    await waitForText(page, '[data-testid="candidate-list"]', '尚未确定');
    // 赵六 was never examined: the refusal names the step and the rule.
    const form = page.locator('[data-testid="fix-list"]');
    await form.getByLabel('赵六', { exact: true }).check();
    await form.getByRole('button').last().click();
    await waitForText(page, '[data-testid="fix-list"] [role="alert"]', 'P-08');
    await form.getByLabel('赵六', { exact: true }).uncheck();
    await form.getByRole('button').last().click();
    await waitForText(page, '[data-testid="candidate-list"]', '列入依据');
    const listed = page.locator('[data-testid="candidate-list"] [data-nominee="P01"]');
    const text = (await listed.textContent()) ?? '';
    for (const bit of ['王五', '提名', '资格审查', '考察', '公示', '二报批复', '乡党委批〔2026〕8号', '乡考察组'])
      expect(text).toContain(bit);
    expect(await page.locator('[data-testid="candidate-list"] [data-nominee="P02"]').count()).toBe(0);
    await screenshot(page, 'process-list-1440.png');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'process-list-390.png');
    // The same screen in English: headings, steps and statuses in the reader's language.
    await page.locator('.segmented button', { hasText: 'EN' }).click();
    await waitForText(page, '[data-testid="candidate-list"]', 'Candidate list for the direct election');
    const card = (await page.locator('[data-testid="process-card"]').textContent()) ?? '';
    for (const bit of ['Process card', 'Request (请示)', 'Public notice', 'done', 'next']) expect(card).toContain(bit);
    expect(await page.locator('[data-testid="candidate-list"] li li').first().textContent()).toContain('Nomination');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'process-list-en-390.png', false);
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);

  it("keeps an observer's screen live: the chair's commands appear without a reload", async () => {
    const e = await open('某街道党工委第三党支部');
    const { page } = await newPage(browser, { width: 1920, height: 1080 });
    await page.goto(api.url(e.links.observer));
    await waitForText(page, '[data-testid="status-line"]', '实时');
    await waitForText(page, '[data-testid="process-card"]', '流程卡');
    // The observer reads; no form is offered.
    expect(await page.locator('[data-testid="propose"]').count()).toBe(0);
    const revision = async () =>
      Number(await page.locator('[data-testid="status-line"]').getAttribute('data-revision'));
    const before = await revision();

    await send(e, 'ProposeNominee', { nomineeId: 'L01', name: '孙七', route: 'self', proposedOn: shanghaiDay(-2) });
    await waitForText(page, '[data-nominee="L01"]', '孙七');
    await send(e, 'PlanStep', { step: 'request', plannedOn: shanghaiDay(3), responsible: '周书记' });
    await waitForText(page, '[data-testid="process-card"] tr[data-step="request"]', '周书记');
    expect(await revision()).toBe(before + 2);

    await screenshot(page, 'process-observer-1920.png');
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);
});

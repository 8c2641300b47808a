import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Api, type Meeting, type RollMember } from './support/api.js';
import { launchBrowser, newPage, pageErrors, screenshot, visibleText } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { quorumVerdict, waitForLive } from './support/screens.js';

/**
 * Issue 18, "words a branch uses", in the browser: the refusal the issue quotes ("高翔 is a scrutineer and cannot
 * stand (P-16) · 字段: data.nomineeId") now reads 高翔是监票人，不能作为候选人 on the chair's Chinese screen, with the
 * rule id and without a field path or a word of English; it follows a switch to English; and the attendance verdict
 * and the export say 会议有效 and 电子记录（供核验）.
 */
const ROLL: RollMember[] = [
  { memberId: 'A001', name: '高翔' },
  { memberId: 'A002', name: '李红' },
  { memberId: 'A003', name: '王芳' },
  { memberId: 'A004', name: '张伟' },
  { memberId: 'A005', name: '陈静', status: 'probationary' },
  { memberId: 'A006', name: '刘洋' },
  { memberId: 'A007', name: '赵磊' },
  { memberId: 'A008', name: '孙丽' },
  { memberId: 'A009', name: '周杰' },
  { memberId: 'A010', name: '吴敏' },
];
const FULL = ROLL.filter((m) => !m.status);
const ALL = { for: FULL.length, against: 0, abstain: 0 };

describe('a refusal on the chair’s screen, in words', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let meeting: Meeting;
  let chair: Page;
  const card = () => chair.locator('[data-testid="contest-c1"]');
  const alert = () => card().locator('[role="alert"]');
  const command = (type: string, data: unknown) =>
    api.command(meeting.meetingId, meeting.credentials.chair, type, data);

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    browser = await launchBrowser();
    meeting = await api.createMeeting({ title: '换届选举党员大会', organisation: '第一党支部' });
    await api.uploadRoll(meeting, ROLL);
    for (const m of FULL) await api.checkIn(meeting, m.memberId);
    await command('AdoptElectionMethod', { vote: ALL });
    await command('AppointOfficers', {
      scrutineers: ['A001'],
      tellers: [{ name: '计票人甲' }, { name: '计票人乙' }],
      vote: ALL,
    });
    await command('CreateContest', { contestId: 'c1', office: 'committee-member', seats: 3 });
    ({ page: chair } = await newPage(browser, { width: 1440, height: 1000 }));
    await chair.goto(api.url(meeting.links.chair));
    await waitForLive(chair);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('says 会议有效 in the words of the rules, not 法定人数 / 可以开会, and shows no revision number', async () => {
    const verdict = await quorumVerdict(chair);
    expect(verdict.met).toBe(true);
    expect(verdict.text).toContain('有选举权的到会党员超过应到会人数的五分之四，会议有效');
    const text = await visibleText(chair);
    for (const word of ['法定人数', '可以开会', '第 ']) expect(text).not.toContain(word);
    expect(await chair.textContent('[data-testid="status-line"]')).toBe('实时 · 已是最新');
    expect(await chair.getByTestId('export-log').textContent()).toContain('电子记录（供核验）');
  });

  it('P-16: nominating the scrutineer is refused by name, with the rule id and no field path', async () => {
    await chair.getByRole('tab', { name: '议程与选举' }).click();
    await card().getByLabel('被提名人', { exact: true }).selectOption('A001');
    await card().getByRole('button', { name: '记录提名' }).click();
    await alert().waitFor();
    const text = (await alert().innerText()).trim();
    expect(text).toContain('P-16');
    expect(text).toContain('高翔是监票人，不能作为候选人');
    for (const bad of ['data.', '字段', 'nomineeId', 'scrutineer', 'cannot', 'A001']) expect(text).not.toContain(bad);
    // The field stays on the element, for a form to mark its input.
    expect(await alert().getAttribute('data-field')).toBe('data.nomineeId');
    await screenshot(chair, 'words-refusal-zh.png');
  });

  it('P-07: a joint nomination names the supporter who is not a full member', async () => {
    await card().getByLabel('被提名人', { exact: true }).selectOption('A002');
    await card().getByLabel('提名途径').selectOption('members');
    await card().getByLabel('联名推荐人党员编号').fill('A003 A005');
    await card().getByRole('button', { name: '记录提名' }).click();
    await chair.waitForFunction(
      (s) => document.querySelector(s)?.textContent?.includes('陈静不是正式党员') ?? false,
      '[data-testid="contest-c1"] [role="alert"]',
    );
    const text = await alert().innerText();
    expect(text).toContain('P-07');
    expect(text).toContain('陈静不是正式党员，不能联名推荐');
    expect(text).not.toMatch(/data\.|supporters|字段/);
  });

  it('follows a switch to English, still by name', async () => {
    await chair.locator('button[lang="en"]').click();
    await chair.waitForFunction(() => document.documentElement.lang === 'en');
    const text = await alert().innerText();
    expect(text).toContain('陈静 is not a full member and cannot support a nomination');
    expect(text).not.toMatch(/data\.|Field/);
    await screenshot(chair, 'words-refusal-en.png');
    await chair.locator('button[lang="zh-CN"]').click();
    await chair.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    expect(pageErrors(chair)).toEqual([]);
  });
});

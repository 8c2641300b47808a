import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Api, LATIN_ROLL, type Meeting } from './support/api.js';
import { CJK, accessibleText, launchBrowser, newPage, pageErrors, screenshot, visibleText } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { figure, quorumVerdict, waitForLive, waitForText } from './support/screens.js';

/**
 * Issue 2: the chair's attendance picture follows check-ins live, the quorum
 * verdict flips at exactly the right member (strict 4/5: 9 of 10), observers
 * never see a name, and both languages are complete.
 */
describe('chair and observer attendance', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let meeting: Meeting;
  let chair: Page;
  let observer: Page;

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    browser = await launchBrowser();
    meeting = await api.createMeeting({ title: 'Branch Assembly 2026', organisation: 'North Street Branch' });
    await api.uploadRoll(meeting, LATIN_ROLL);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows expected 10, present 0 and how many are missing, in Chinese by default', async () => {
    ({ page: chair } = await newPage(browser));
    await chair.goto(api.url(meeting.links.chair));
    await waitForLive(chair);
    // The token left the address bar and now lives in sessionStorage.
    expect(new URL(chair.url()).hash).toBe('');
    expect(await figure(chair, 'expected')).toBe('10');
    expect(await figure(chair, 'presentVoters')).toBe('0');
    expect(await quorumVerdict(chair)).toMatchObject({ met: false });
    const text = await visibleText(chair);
    for (const label of [
      '应到',
      '实到',
      '列席',
      '不计入应到',
      '会议有效须 9 人（P-05）',
      '有选举权的到会人数不足，还差 9 人会议方为有效',
      '签到台',
    ])
      expect(text).toContain(label);
    await screenshot(chair, 'chair-empty.png');
  });

  it('moves the gauge with every check-in and flips the verdict at the 9th voter', async () => {
    for (let i = 1; i <= 9; i++) {
      await api.checkIn(meeting, LATIN_ROLL[i - 1]!.memberId);
      await chair.waitForFunction(
        (n) => document.querySelector('[data-testid="attendance-gauge"]')?.getAttribute('aria-valuenow') === String(n),
        i,
      );
      expect(await figure(chair, 'presentVoters')).toBe(String(i));
      const verdict = await quorumVerdict(chair);
      if (i < 9) {
        expect(verdict.met).toBe(false);
        expect(verdict.text).toContain(`还差 ${9 - i} 人`);
      } else {
        expect(verdict.met).toBe(true);
        expect(verdict.text).toContain('有选举权的到会党员超过应到会人数的五分之四，会议有效');
      }
      if (i === 8) await screenshot(chair, 'chair-8-present.png');
    }
    expect(await chair.getAttribute('[data-testid="attendance-gauge"]', 'aria-valuemax')).toBe('10');
    await screenshot(chair, 'chair-quorum.png');
  });

  it('lists members present and not present', async () => {
    await waitForText(chair, '[data-testid="members-absent"]', 'Jack Wu');
    const present = await chair.textContent('[data-testid="members-present"]');
    expect(present).toContain('Alice Wang');
    expect(present).not.toContain('Jack Wu');
  });

  it('checks a member in at the desk with Enter and can withdraw it with a reason', async () => {
    await chair.getByLabel('按姓名或党员编号查找').fill('jack wu');
    await chair.keyboard.press('Enter');
    await chair.waitForFunction(
      () => document.querySelector('[data-testid="figure-presentVoters"] dd')?.textContent === '10',
    );
    await waitForText(chair, '[data-testid="desk-feedback"]', 'Jack Wu');
    await chair.getByLabel('按姓名或党员编号查找').fill('M010');
    await chair.getByRole('button', { name: '撤销签到' }).first().click();
    await chair.getByLabel('撤销原因（记入会议记录）').fill('Checked in by mistake');
    await chair.getByRole('dialog').getByRole('button', { name: '撤销签到' }).click();
    await chair.waitForFunction(
      () => document.querySelector('[data-testid="figure-presentVoters"] dd')?.textContent === '9',
    );
  });

  it('gives the observer the same figures and not a single member name', async () => {
    ({ page: observer } = await newPage(browser));
    await observer.goto(api.url(meeting.links.observer));
    await waitForLive(observer);
    expect(await figure(observer, 'presentVoters')).toBe('9');
    expect(await figure(observer, 'expected')).toBe('10');
    expect((await quorumVerdict(observer)).met).toBe(true);
    const text = await accessibleText(observer);
    for (const m of LATIN_ROLL) {
      expect(text).not.toContain(m.name);
      expect(text).not.toContain(m.memberId);
    }
    await screenshot(observer, 'observer.png');
    await observer.getByRole('button', { name: '投影模式' }).click();
    await screenshot(observer, 'observer-projector.png', false);
    // Projector mode shows no control: Esc leaves it.
    await observer.keyboard.press('Escape');
  });

  it('leaves no Chinese on the chair and observer screens in English', async () => {
    for (const [page, name] of [
      [chair, 'chair'],
      [observer, 'observer'],
    ] as const) {
      await page
        .getByRole('button', { name: /Chinese|英文|English|简体中文/ })
        .first()
        .waitFor();
      await page.locator('button[lang="en"]').click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      const text = await accessibleText(page);
      const offending = text.split('\n').filter((l) => CJK.test(l));
      expect(offending, `${name} still shows Chinese`).toEqual([]);
      expect(await visibleText(page)).toContain('Live · up to date');
      await screenshot(page, `${name}-en.png`);
    }
    // Every tab of the chair screen, too.
    for (const tab of ['Roll', 'Agenda and elections', 'Links and credentials']) {
      await chair.getByRole('tab', { name: tab }).click();
      const offending = (await accessibleText(chair)).split('\n').filter((l) => CJK.test(l));
      expect(offending, `chair tab ${tab}`).toEqual([]);
    }
    await chair.getByRole('tab', { name: 'Check-in' }).click();
  });

  it('fits a 360 px phone without sideways scrolling', async () => {
    const { page } = await newPage(browser, { width: 360, height: 780 });
    await page.goto(api.url(meeting.links.chair).replace(/#.*/, '') + '#t=' + meeting.credentials.chair);
    await waitForLive(page);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'chair-360.png');
    const { page: obs } = await newPage(browser, { width: 360, height: 780 });
    await obs.goto(api.url(meeting.links.observer));
    await waitForLive(obs);
    expect(
      await obs.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
    await screenshot(obs, 'observer-360.png');
  });

  it('raised no page errors', () => {
    expect(pageErrors(chair)).toEqual([]);
    expect(pageErrors(observer)).toEqual([]);
  });
});

/**
 * Issue 16: mending on the day. The chair corrects a member keyed as full who
 * is probationary (the attendance moves at once), closes a round with the
 * count from the box typed by hand (never pre-filled, the difference named),
 * reopens it for a scrutineer's correction, closes it anew and declares; the
 * scrutineer's screen shows the closed round and that only the chair reopens.
 */
describe('chair mends the roll and reopens a round', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let meeting: Meeting;
  let chair: Page;
  let scrutineer: Page;
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    browser = await launchBrowser();
    meeting = await api.createMeeting({
      title: 'Mending Assembly 2026',
      organisation: 'North Street Branch',
      parameters: { doubleEntry: false },
    });
    await api.uploadRoll(meeting, LATIN_ROLL);
    for (const m of LATIN_ROLL) await api.checkIn(meeting, m.memberId);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('P-03: corrects a member keyed as full to probationary, with a reason, and the attendance follows', async () => {
    ({ page: chair } = await newPage(browser));
    await chair.goto(api.url(meeting.links.chair));
    await waitForLive(chair);
    expect(await figure(chair, 'presentVoters')).toBe('10');
    await chair.getByRole('tab', { name: '名册' }).click();
    const form = chair.locator('[data-testid="member-correction"]');
    await form.getByLabel('党员', { exact: true }).selectOption('M010');
    await form.getByLabel('更正后的身份').selectOption('probationary');
    await form.getByRole('button', { name: '更正' }).click();
    await chair.getByLabel('更正原因（记入会议记录）').fill('Keyed as full by mistake');
    await chair.getByRole('dialog').getByRole('button', { name: '更正' }).click();
    await chair.waitForFunction(
      () => document.querySelector('[data-testid="figure-presentVoters"] dd')?.textContent === '9',
    );
    expect(await figure(chair, 'attendeesWithoutVote')).toBe('1');
    expect(await figure(chair, 'expected')).toBe('9');
    await waitForText(chair, '[data-testid="member-correction"]', 'Keyed as full by mistake');
  });

  it('P-21: never pre-fills the returned count and names the difference from the ballots entered', async () => {
    const c = meeting.credentials.chair;
    const cmd = (type: string, data: unknown, token = c) => api.command(meeting.meetingId, token, type, data);
    const vote = { for: 9, against: 0, abstain: 0 };
    await cmd('AdoptElectionMethod', { vote });
    await cmd('AppointOfficers', { scrutineers: ['M009'], tellers: [{ name: 'Teller One' }], vote });
    await cmd('CreateContest', { contestId: 'c', office: 'committee-member', seats: 1, mode: 'competitive' });
    for (const id of ['M001', 'M002']) {
      await cmd('Nominate', { contestId: 'c', nomineeId: id, route: 'organisation' });
      await cmd('ReviewCandidate', { contestId: 'c', nomineeId: id, qualified: true, reason: '' });
    }
    await cmd('PublishCandidateList', {
      contestId: 'c',
      candidateIds: ['M001', 'M002'],
      noticeDays: 5,
      publishedOn: daysAgo(7),
    });
    await cmd('ConfirmCandidateList', { contestId: 'c' });
    await cmd('OpenRound', { contestId: 'c' });
    const teller = await api.mint(meeting, { role: 'teller', officer: 'Teller One' });
    for (let n = 1; n <= 9; n++)
      await cmd(
        'RecordBallot',
        { contestId: 'c', round: 1, ballotNo: n, marks: n <= 5 ? { M001: 'for' } : { M002: 'for' }, writeIns: [] },
        teller.token,
      );

    await chair.getByRole('tab', { name: '议程与选举' }).click();
    const round = chair.getByRole('region', { name: '第 1 轮 · 选举' });
    await waitForText(chair, '[data-testid="reconcile-1"]', '已录入 9 张');
    const returned = round.getByLabel('收回选票数');
    expect(await returned.inputValue()).toBe('');
    expect(await round.getByRole('button', { name: '结束投票并核对选票' }).isDisabled()).toBe(true);
    await returned.fill('10');
    await waitForText(chair, '[data-testid="reconcile-1"]', '收回比录入多 1 张');
    await returned.fill('9');
    await waitForText(chair, '[data-testid="reconcile-1"]', '录入张数与收回张数一致');
    await round.getByRole('button', { name: '结束投票并核对选票' }).click();
    await waitForText(chair, '[data-testid="contest-c"]', '有效，待宣布');
    await waitForText(chair, '[data-testid="reconcile-1"]', '清点收回 9 张');
    await screenshot(chair, 'chair-round-closed.png');
  });

  it('shows the scrutineer the closed round and that only the chair may reopen it', async () => {
    const link = await api.mint(meeting, { role: 'scrutineer', officer: 'M009' });
    ({ page: scrutineer } = await newPage(browser));
    await scrutineer.goto(api.url(link.link));
    await waitForLive(scrutineer);
    await waitForText(scrutineer, '[data-testid="closed-c"]', '须由主持人重新开启本轮');
    expect(await scrutineer.getByRole('button', { name: '重新开启本轮' }).count()).toBe(0);
  });

  it('P-21: reopens the round with a reason, takes a correction, closes anew and declares; then the count is fixed', async () => {
    const round = chair.getByRole('region', { name: '第 1 轮 · 选举' });
    await round.getByRole('button', { name: '重新开启本轮' }).click();
    await chair.getByLabel('重新开启的原因（记入会议记录）').fill('Ballot 1 was misread');
    await chair.getByRole('dialog').getByRole('button', { name: '重新开启本轮' }).click();
    await waitForText(chair, '[data-testid="contest-c"]', 'Ballot 1 was misread');
    await waitForText(chair, '[data-testid="contest-c"]', '投票计票中');
    expect(await round.getByLabel('收回选票数').inputValue()).toBe('');

    const scrutineerToken = (await api.mint(meeting, { role: 'scrutineer', officer: 'M009' })).token;
    await api.command(meeting.meetingId, scrutineerToken, 'CorrectBallot', {
      contestId: 'c',
      round: 1,
      ballotNo: 1,
      marks: { M002: 'for' },
      writeIns: [],
      reason: 'Paper says M002',
    });
    await round.getByLabel('收回选票数').fill('9');
    await round.getByRole('button', { name: '结束投票并核对选票' }).click();
    await waitForText(chair, '[data-testid="contest-c"]', '有效，待宣布');
    await round.getByRole('button', { name: '宣布选举结果' }).click();
    await waitForText(chair, '[data-testid="contest-c"]', '本轮结果已宣布');
    expect(await round.getByRole('button', { name: '重新开启本轮' }).count()).toBe(0);
    await screenshot(chair, 'chair-round-reopened-declared.png');
  });

  it('raised no page errors', () => {
    expect(pageErrors(chair)).toEqual([]);
    expect(pageErrors(scrutineer)).toEqual([]);
  });
});

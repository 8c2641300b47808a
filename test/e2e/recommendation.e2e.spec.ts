import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Api, openHome, type Meeting } from './support/api.js';
import { launchBrowser, newPage, pageErrors, screenshot } from './support/browser.js';
import { clippedBoxes, overlappingText, pageOverflow } from './support/layout.js';
import { startServer, type RunningServer } from './support/server.js';
import { waitForLive, waitForText } from './support/screens.js';

/**
 * Issue 21, part B: the 公推大会 as a live meeting in Chromium. 60 on the roll, uploaded with their categories
 * (36 party members, 20 masses' representatives, 4 invited deputies); 56 check in (P-06: more than 30 needed).
 * The chair creates the trust contest on the console; a teller keys recommendation papers by keyboard with their
 * paper's category (P-09d), the rest are keyed through the API as a second teller would; the projector counts
 * by category as the papers are read out; after the close the chair reads the result with its P-09 flags.
 *
 * Recommendation ballot, N = 5 among P01..P08. Papers 1..56: 1-36 members', 37-52 masses', 53-56 deputies'.
 *   P01 on every paper but multiples of 4; P02 on even papers (27 of 56, paper 56 being blank: not passing, P-09);
 *   P03 on multiples of 3 (18); P04 on papers 1..12. Paper 55 is an over-vote (6 names), paper 56 blank.
 */
const MEMBERS = 36;
const MASSES = 20;
const DEPUTIES = 4;
const ABSENT = new Set(['M35', 'M36', 'Q19', 'Q20']);
const PRELIMINARY = ['M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07', 'M08'];
const TRUST = ['M09', 'M10', 'M11'];
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢',
];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平'];
const nameOf = (i: number) =>
  SURNAMES[i % SURNAMES.length]! + GIVEN[i % GIVEN.length]! + GIVEN[(i * 7) % GIVEN.length]!;
const pad = (n: number) => String(n).padStart(2, '0');
const ROLL = [
  ...Array.from({ length: MEMBERS }, (_, i) => ({ id: `M${pad(i + 1)}`, status: '正式党员', category: '党员' })),
  ...Array.from({ length: MASSES }, (_, i) => ({ id: `Q${pad(i + 1)}`, status: '', category: '村(居)民代表' })),
  ...Array.from({ length: DEPUTIES }, (_, i) => ({ id: `D${pad(i + 1)}`, status: '', category: '特邀代表' })),
].map((p, i) => ({ ...p, name: nameOf(i) }));
const PRESENT = ROLL.filter((p) => !ABSENT.has(p.id));

type Paper = 'member' | 'masses' | 'deputy';
const paperOf = (n: number): Paper => (n <= 36 ? 'member' : n <= 52 ? 'masses' : 'deputy');
function namesOn(n: number): string[] {
  if (n === 55) return PRELIMINARY.slice(0, 6);
  if (n === 56) return [];
  return [
    ...(n % 4 !== 0 ? ['M01'] : []),
    ...(n % 2 === 0 ? ['M02'] : []),
    ...(n % 3 === 0 ? ['M03'] : []),
    ...(n <= 12 ? ['M04'] : []),
  ];
}
/** The count as the scrutineers' tally sheet keeps it, by hand from the pattern above (no code under test). */
const EXPECTED = {
  papers: { member: 36, masses: 16, deputy: 4, all: 56 },
  M02: { member: 18, masses: 8, deputy: 1, all: 27 },
};

describe('issue 21 (B): the recommendation meeting (公推大会) in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let meeting: Meeting;
  let tellerLink: string;
  let tellerToken: string;
  let secondTeller: string;
  const cmd = (type: string, data: unknown, token = meeting.credentials.chair) =>
    api.command(meeting.meetingId, token, type, data);
  const open = async (link: string, width: number, height: number): Promise<Page> => {
    const { page } = await newPage(browser, { width, height });
    await page.goto(link);
    if (link.includes('?projector')) await page.locator('[data-testid="projector-board"]').waitFor();
    else await waitForLive(page);
    return page;
  };
  const keyByApi = async (n: number, token: string) =>
    cmd(
      'RecordBallot',
      {
        contestId: 'rec',
        round: 1,
        ballotNo: n,
        marks: Object.fromEntries(namesOn(n).map((id) => [id, 'for'])),
        writeIns: [],
        paper: paperOf(n),
      },
      token,
    );

  beforeAll(async () => {
    server = await startServer({ env: { TALLYROOM_RATE_CHECKIN: '1000/1', TALLYROOM_RATE_JOIN: '1000/1' } });
    api = new Api(server.url);
    browser = await launchBrowser();
    meeting = await api.createMeeting({
      title: '第一党支部换届公推大会',
      organisation: '城关街道第一党支部',
      ruleset: 'recommendation',
      parameters: { recommendationMaxNames: 5 },
    });
    const csv = ['姓名,编号,身份,类别', ...ROLL.map((p) => `${p.name},${p.id},${p.status},${p.category}`)].join('\n');
    const res = await fetch(`${server.url}/api/meetings/${meeting.meetingId}/roll`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${meeting.credentials.chair}`, 'Content-Type': 'text/csv' },
      body: csv,
    });
    if (!res.ok) throw new Error(`roll: ${res.status} ${await res.text()}`);
    for (const p of PRESENT) await api.checkIn(meeting, p.id);
    const vote = { for: PRESENT.length, against: 0, abstain: 0 };
    await cmd('AdoptElectionMethod', { vote });
    await cmd('AppointOfficers', { scrutineers: ['Q18'], tellers: [{ name: '计票人甲' }, { name: '计票人乙' }], vote });
    const a = await api.mint(meeting, { role: 'teller', officer: '计票人甲' });
    const b = await api.mint(meeting, { role: 'teller', officer: '计票人乙' });
    tellerLink = api.url(a.link);
    tellerToken = a.token;
    secondTeller = b.token;
    const today = new Date().toISOString().slice(0, 10);
    await cmd('CreateContest', {
      contestId: 'rec',
      office: 'committee-member',
      seats: 5,
      mode: 'competitive',
      ballot: 'recommendation',
    });
    for (const id of PRELIMINARY) {
      await cmd('Nominate', { contestId: 'rec', nomineeId: id, route: 'organisation' });
      await cmd('ReviewCandidate', { contestId: 'rec', nomineeId: id, qualified: true, reason: '' });
    }
    await cmd('PublishCandidateList', {
      contestId: 'rec',
      candidateIds: PRELIMINARY,
      noticeDays: 0,
      publishedOn: today,
    });
    await cmd('ConfirmCandidateList', { contestId: 'rec' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 120_000);

  it('P-09, P-09a, P-09b: the home page schedules a 公推大会 with its recommendation method', async () => {
    const { page } = await newPage(browser, { width: 390, height: 844 });
    await openHome(page, server.url);
    await page.locator('#m-ruleset').waitFor();
    await page.fill('#m-title', '第二党支部换届公推大会');
    await page.fill('#m-org', '第二党支部');
    await page.selectOption('#m-ruleset', 'recommendation');
    await page.fill('#m-max-names', '6');
    await page.check('#m-pass-inclusive');
    await page.getByLabel('特邀代表票').uncheck();
    await screenshot(page, 'recommendation-schedule-390.png');
    expect((await pageOverflow(page)).width).toBeLessThanOrEqual(0);
    const [reply] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/meetings') && r.request().method() === 'POST'),
      page.click('form button[type="submit"]'),
    ]);
    expect(reply.status()).toBe(201);
    expect(JSON.parse(reply.request().postData() ?? '{}')).toMatchObject({
      ruleset: 'recommendation',
      parameters: {
        recommendationMaxNames: 6,
        recommendationPassInclusive: true,
        recommendationCountedPapers: ['member', 'masses'],
      },
    });
    const view = await api.view((await reply.json()) as Meeting);
    expect(view.ruleset.parameters.recommendation).toEqual({
      maxNames: 6,
      pass: { num: 1, den: 2, inclusive: true, rule: 'P-09' },
      countedPapers: ['member', 'masses'],
    });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('P-06: the roll by category and the recommendation quorum on the projector', async () => {
    const view = await api.view(meeting);
    expect(view.attendance).toMatchObject({ expected: 60, presentVoters: 56, quorum: { met: true, rule: 'P-06' } });
    expect(view.members!.filter((m) => m.category === 'masses')).toHaveLength(MASSES);
    expect(view.members!.filter((m) => m.category === 'deputy')).toHaveLength(DEPUTIES);
  }, 60_000);

  it('the chair creates the trust contest (信任票) on the console', async () => {
    const chair = await open(api.url(meeting.links.chair), 1440, 900);
    await chair.getByRole('tab', { name: '议程与选举' }).click();
    const form = chair.locator('form', { hasText: '新增一项选举' });
    await form.getByLabel('票种').selectOption('trust');
    await form.getByLabel('应选人数').fill('3');
    // Wait for the command's reply: '信任票' is already on the page as an option of 票种,
    // so waiting for the text alone raced the command.
    const [created] = await Promise.all([
      chair.waitForResponse(
        (r) =>
          r.url().endsWith('/commands') &&
          r.request().method() === 'POST' &&
          (JSON.parse(r.request().postData() ?? '{}') as { type?: string }).type === 'CreateContest',
      ),
      form.getByRole('button', { name: '新增选举' }).click(),
    ]);
    expect(created.ok()).toBe(true);
    const contests = (await api.view(meeting)).contests;
    const trust = contests.find((c) => c.ballot === 'trust');
    expect(trust).toMatchObject({ ballot: 'trust', seats: 3 });
    await screenshot(chair, 'recommendation-chair-create-1440.png');
    expect(pageErrors(chair)).toEqual([]);
    await chair.context().close();
    for (const id of TRUST) {
      await cmd('Nominate', { contestId: trust!.contestId, nomineeId: id, route: 'organisation' });
      await cmd('ReviewCandidate', { contestId: trust!.contestId, nomineeId: id, qualified: true, reason: '' });
    }
  }, 120_000);

  it('P-09d: a teller keys papers by keyboard with their category; the projector counts by category live', async () => {
    await cmd('OpenRound', { contestId: 'rec' });
    const teller = await open(tellerLink, 1440, 900);
    const projector = await open(api.url(meeting.links.observer).replace('#', '?projector#'), 1920, 1080);
    // Papers 1..3 (members') by keyboard: 1 marks 推荐 and moves on; 0 clears; Enter saves.
    for (let n = 1; n <= 3; n++) {
      await teller.getByLabel('党员票').check();
      await teller.locator('[data-testid="ballot-row-M01"]').focus();
      for (const id of PRELIMINARY) await teller.keyboard.press(namesOn(n).includes(id) ? '1' : 'ArrowDown');
      await teller.keyboard.press('Enter');
      await waitForText(teller, '[data-testid="teller-feedback"]', `第 ${n} 号选票已保存`);
    }
    // The over-vote is seen before saving (P-09a): six names on a paper of five.
    await teller.getByLabel('特邀代表票').check();
    await teller.locator('[data-testid="ballot-row-M01"]').focus();
    for (let i = 0; i < 6; i++) await teller.keyboard.press('1');
    expect(await teller.textContent('[data-testid="ballot-validity"]')).toContain('作废');
    await screenshot(teller, 'recommendation-teller-1440.png');
    await teller.getByRole('button', { name: '清空' }).click();
    // The rest through the API, as the other tellers' entries would arrive.
    for (let n = 4; n <= 28; n++) await keyByApi(n, n % 2 ? tellerToken : secondTeller);
    await waitForText(
      projector,
      '[data-testid="recommendation-ballots"]',
      '收回推荐票 28 张（党员 28、群众代表 0、特邀代表 0）',
    );
    for (let n = 29; n <= 56; n++) await keyByApi(n, n % 2 ? tellerToken : secondTeller);
    await waitForText(
      projector,
      '[data-testid="recommendation-ballots"]',
      `收回推荐票 56 张（党员 ${EXPECTED.papers.member}、群众代表 ${EXPECTED.papers.masses}、特邀代表 ${EXPECTED.papers.deputy}）`,
    );
    const m02 = await projector.locator('[data-testid="recommendation-M02"] td').allTextContents();
    expect(m02.slice(0, 4)).toEqual([
      String(EXPECTED.M02.member),
      String(EXPECTED.M02.masses),
      String(EXPECTED.M02.deputy),
      String(EXPECTED.M02.all),
    ]);
    await projector.waitForTimeout(700);
    await screenshot(projector, 'recommendation-projector-1920x1080.png', false);
    // What the hall reads: no rule id on the projector.
    expect(await projector.evaluate(() => document.body.innerText)).not.toMatch(/[PVRNG]-\d\d/);
    expect((await pageOverflow(projector)).width).toBeLessThanOrEqual(0);
    expect(await overlappingText(projector, '[data-testid="projector-board"]')).toEqual([]);
    expect(await clippedBoxes(projector, '[data-testid="projector-board"]', '.table-wrap')).toEqual([]);
    for (const [w, h] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      const p = await open(api.url(meeting.links.observer).replace('#', '?projector#'), w, h);
      await p.locator('[data-testid="recommendation-M02"]').waitFor();
      await p.waitForTimeout(700);
      await screenshot(p, `recommendation-projector-${w}x${h}.png`);
      expect((await pageOverflow(p)).width, `projector at ${w}`).toBeLessThanOrEqual(0);
      expect(await overlappingText(p, '[data-testid="projector-board"]')).toEqual([]);
      expect(pageErrors(p)).toEqual([]);
      await p.context().close();
    }
    const phone = await open(tellerLink, 390, 844);
    await phone.locator('[data-testid="paper-category"]').waitFor();
    await screenshot(phone, 'recommendation-teller-390.png');
    expect((await pageOverflow(phone)).width).toBeLessThanOrEqual(0);
    await phone.context().close();
    expect(pageErrors(teller)).toEqual([]);
    expect(pageErrors(projector)).toEqual([]);
    await teller.context().close();
    await projector.context().close();
  }, 240_000);

  it('P-09: after the close the chair reads the result: who is over half of the ballots cast, by category', async () => {
    await cmd('CloseRound', { contestId: 'rec', round: 1, ballotsReturned: 56 });
    await cmd('DeclareResult', { contestId: 'rec', round: 1 });
    const chair = await open(api.url(meeting.links.chair), 1440, 900);
    await chair.getByRole('tab', { name: '议程与选举' }).click();
    const m01 = chair.locator('[data-testid="recommendation-M01"]').first();
    await m01.waitFor();
    expect(await m01.textContent()).toContain('超过半数');
    expect(await chair.locator('[data-testid="recommendation-M02"]').first().textContent()).toContain('未过半数');
    expect(await chair.locator('[data-testid="recommendation-required"]').first().textContent()).toContain(
      '至少 29 票',
    );
    // The recommendation elects nobody: the card says the result is announced, never "elected: none".
    expect(await chair.locator('[data-testid="recommendation-declared"]').count()).toBe(1);
    await chair.locator('[data-testid="recommendation-M01"]').first().scrollIntoViewIfNeeded();
    await screenshot(chair, 'recommendation-chair-result-1440.png');
    expect((await pageOverflow(chair)).width).toBeLessThanOrEqual(0);
    expect(pageErrors(chair)).toEqual([]);
    await chair.context().close();
    const view = await api.view(meeting);
    const rec = view.contests.find((c) => c.contestId === 'rec')!;
    expect(rec.status).toBe('complete');
    expect(rec.rounds[0]!.recommendation!.lines.find((l) => l.candidateId === 'M02')).toMatchObject({
      votes: EXPECTED.M02,
      passed: false,
    });
  }, 120_000);
});

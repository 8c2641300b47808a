import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays, DEFAULT_TIME_ZONE, localDate, type OpenedElection } from '@tallyroom/contracts';
import { Api, type Meeting } from './support/api.js';
import { artifactsDir, launchBrowser, newPage, pageErrors, screenshot } from './support/browser.js';
import { pageOverflow } from './support/layout.js';
import { startServer, type RunningServer } from './support/server.js';
import { waitForText } from './support/screens.js';
import { adminToken, countyApprover } from '../support/organisation.js';

/**
 * The process screen's cited results (P-09): a small 公推大会 is held and cited, and the screen shows each person's
 * figures as a table in the reader's words (党员 / 群众代表 / 特邀代表 / 合计; 推荐票, 信任, 基本信任, 不信任) with
 * the threshold, in the meetings panel and in the fixed list's provenance; a refusal names the person and the step.
 *
 * Roll: 4 members (M01..M04), 2 masses' representatives (Q01, Q02), 1 invited deputy (D01); all 7 check in. At most 2
 * names a paper; every category counts, so the base is 7 papers and a name needs more than half: at least 4 votes.
 * Papers 1..4 are members', 5..6 masses', 7 the deputy's:
 *   recommendation: 1 M01 M02 · 2 M01 M03 · 3 M01 · 4 M02 · 5 M01 M02 · 6 M03 · 7 M01
 *     M01 党员 3 群众代表 1 特邀代表 1 合计 5 (passes) · M02 2 1 0 3 · M03 1 1 0 2
 *   trust (M01, M02):
 *     M01 信任 on 1 2 3 5 7, 基本信任 on 4, 不信任 on 6 → 信任 3 1 1 5 · 基本信任 1 0 0 1 · 不信任 0 1 0 1
 *     M02 信任 on 1 4, 基本信任 on 2 3 5 6, 不信任 on 7 → 信任 2 0 0 2 · 基本信任 2 2 0 4 · 不信任 0 0 1 1
 */
const day = (offset: number) => addDays(localDate(new Date().toISOString(), DEFAULT_TIME_ZONE), offset);
const TODAY = day(0);
const ROLL = [
  ['张明', 'M01', '正式党员', '党员'],
  ['李华', 'M02', '正式党员', '党员'],
  ['王强', 'M03', '正式党员', '党员'],
  ['赵刚', 'M04', '正式党员', '党员'],
  ['孙丽', 'Q01', '', '村(居)民代表'],
  ['周敏', 'Q02', '', '村(居)民代表'],
  ['吴军', 'D01', '', '特邀代表'],
];
const NAMES: Record<string, string> = { M01: '张明', M02: '李华', M03: '王强' };
const paperOf = (n: number) => (n <= 4 ? 'member' : n <= 6 ? 'masses' : 'deputy');
const RECOMMENDED: Record<number, string[]> = {
  1: ['M01', 'M02'],
  2: ['M01', 'M03'],
  3: ['M01'],
  4: ['M02'],
  5: ['M01', 'M02'],
  6: ['M03'],
  7: ['M01'],
};
const TRUSTED: Record<number, Record<string, 'for' | 'abstain' | 'against'>> = {
  1: { M01: 'for', M02: 'for' },
  2: { M01: 'for', M02: 'abstain' },
  3: { M01: 'for', M02: 'abstain' },
  4: { M01: 'abstain', M02: 'for' },
  5: { M01: 'for', M02: 'abstain' },
  6: { M01: 'against', M02: 'abstain' },
  7: { M01: 'for', M02: 'against' },
};

/** Every nominee's cell of the column has its text on one line: no taller than its first character. */
async function expectOneLine(page: Page, cell: string) {
  const lines = await page.locator(`[data-testid="nominees"] tr[data-nominee] ${cell}`).evaluateAll((els) =>
    els.map((el) => {
      const all = document.createRange();
      all.selectNodeContents(el);
      const text = el.firstChild!;
      const first = document.createRange();
      first.setStart(text, 0);
      first.setEnd(text, 1);
      return all.getBoundingClientRect().height / first.getBoundingClientRect().height;
    }),
  );
  expect(lines.length).toBe(3);
  for (const n of lines) expect(n, cell).toBeLessThan(1.5);
}

describe('the process screen cites a 公推大会 in words and tables', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let election: OpenedElection;
  let gongtui: Meeting;
  let chair: Page;

  const send = async (type: string, data: unknown) => {
    const res = await fetch(`${server.url}/api/elections/${election.electionId}/commands`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${election.credentials.chair}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type, data, commandId: randomUUID() }),
    });
    if (!res.ok) throw new Error(`${type}: ${res.status} ${await res.text()}`);
  };
  const cmd = (type: string, data: unknown, token = gongtui.credentials.chair) =>
    api.command(gongtui.meetingId, token, type, data);
  const cells = (selector: string) => chair.locator(selector).allTextContents();

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('P-09: shows the cited figures by category with the threshold, and a refusal names the person and the step', async () => {
    // The 公推大会, through the API.
    gongtui = await api.createMeeting({
      title: '某社区党支部换届公推大会',
      organisation: '某社区党支部',
      ruleset: 'recommendation',
      parameters: { recommendationMaxNames: 2 },
    });
    const csv = await fetch(`${server.url}/api/meetings/${gongtui.meetingId}/roll`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${gongtui.credentials.chair}`, 'Content-Type': 'text/csv' },
      body: ['姓名,编号,身份,类别', ...ROLL.map((r) => r.join(','))].join('\n'),
    });
    expect(csv.status, await csv.clone().text()).toBeLessThan(300);
    for (const [, id] of ROLL) await api.checkIn(gongtui, id!);
    const vote = { for: 7, against: 0, abstain: 0 };
    await cmd('AdoptElectionMethod', { vote });
    await cmd('AppointOfficers', { scrutineers: ['M04'], tellers: [{ name: '计票人甲' }], vote });
    const teller = await api.mint(gongtui, { role: 'teller', officer: '计票人甲' });
    for (const [contestId, ballot, names] of [
      ['rec', 'recommendation', ['M01', 'M02', 'M03']],
      ['trust', 'trust', ['M01', 'M02']],
    ] as const) {
      await cmd('CreateContest', {
        contestId,
        office: 'committee-member',
        seats: ballot === 'trust' ? names.length : 2,
        mode: 'competitive',
        ballot,
      });
      for (const id of names) {
        await cmd('Nominate', { contestId, nomineeId: id, route: 'organisation' });
        await cmd('ReviewCandidate', { contestId, nomineeId: id, qualified: true, reason: '' });
      }
      await cmd('PublishCandidateList', { contestId, candidateIds: [...names], noticeDays: 0, publishedOn: TODAY });
      await cmd('ConfirmCandidateList', { contestId });
      await cmd('OpenRound', { contestId });
      for (let n = 1; n <= 7; n++)
        await cmd(
          'RecordBallot',
          {
            contestId,
            round: 1,
            ballotNo: n,
            marks:
              ballot === 'trust' ? TRUSTED[n] : Object.fromEntries(RECOMMENDED[n]!.map((id) => [id, 'for'] as const)),
            writeIns: [],
            paper: paperOf(n),
          },
          teller.token,
        );
      await cmd('CloseRound', { contestId, round: 1, ballotsReturned: 7 });
      await cmd('DeclareResult', { contestId, round: 1 });
    }

    // The 换届: three nominees, reviewed; the 公推大会 linked and cited on the screen.
    const res = await fetch(`${server.url}/api/elections`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await adminToken(server.url)}` },
      body: JSON.stringify({ organisation: '某社区党支部', offices: [{ office: '委员', seats: 1 }] }),
    });
    expect(res.status).toBe(201);
    election = (await res.json()) as OpenedElection;
    for (const [id, name] of Object.entries(NAMES)) {
      await send('ProposeNominee', { nomineeId: id, name, route: 'organisation', proposedOn: day(-20) });
      await send('ReviewNominee', { nomineeId: id, qualified: true, reviewedBy: '资格审查小组', reviewedOn: day(-18) });
    }
    ({ page: chair } = await newPage(browser, { width: 1440, height: 900 }));
    await chair.goto(api.url(election.links.chair));
    await waitForText(chair, '[data-testid="process-card"]', '流程卡');
    const link = chair.locator('[data-testid="link-meeting"]');
    await link.getByLabel('会议类别', { exact: true }).selectOption({ label: '公推大会' });
    await link.getByLabel('会议编号', { exact: true }).fill(gongtui.meetingId);
    await link.getByRole('button').last().click();
    const row = chair.locator(`[data-meeting="${gongtui.meetingId}"]`);
    await row.getByRole('button', { name: '引用结果' }).click();
    await row.locator('[data-testid="citation"]').waitFor();

    // Each person: the verdict, a table by category, the threshold; no figure key is shown.
    const cited = (id: string) => `[data-meeting="${gongtui.meetingId}"] [data-cited="${id}"]`;
    expect(await cells(`${cited('M01')} thead th[data-category]`)).toEqual(['党员', '群众代表', '特邀代表', '合计']);
    expect(await cells(`${cited('M01')} tbody th`)).toEqual(['推荐票', '信任', '基本信任', '不信任']);
    expect(await cells(`${cited('M01')} tr[data-figure="recommended"] td`)).toEqual(['3', '1', '1', '5']);
    expect(await cells(`${cited('M01')} tr[data-figure="trust"] td`)).toEqual(['3', '1', '1', '5']);
    expect(await cells(`${cited('M01')} tr[data-figure="basicTrust"] td`)).toEqual(['1', '0', '0', '1']);
    expect(await cells(`${cited('M01')} tr[data-figure="distrust"] td`)).toEqual(['0', '1', '0', '1']);
    expect(await chair.locator(`${cited('M01')} [data-testid="cited-verdict"]`).textContent()).toBe('超过半数');
    expect(await chair.locator(`${cited('M01')} [data-testid="cited-threshold"]`).textContent()).toBe(
      '计入过半数的得票 5 票 · 计入票数 7 张，须至少 4 票',
    );
    expect(await cells(`${cited('M02')} tr[data-figure="recommended"] td`)).toEqual(['2', '1', '0', '3']);
    expect(await cells(`${cited('M02')} tr[data-figure="trust"] td`)).toEqual(['2', '0', '0', '2']);
    expect(await cells(`${cited('M02')} tr[data-figure="basicTrust"] td`)).toEqual(['2', '2', '0', '4']);
    expect(await cells(`${cited('M02')} tr[data-figure="distrust"] td`)).toEqual(['0', '0', '1', '1']);
    expect(await chair.locator(`${cited('M02')} [data-testid="cited-verdict"]`).textContent()).toBe('未过半数');
    expect(await cells(`${cited('M03')} tbody th`)).toEqual(['推荐票']);
    expect(await cells(`${cited('M03')} tr[data-figure="recommended"] td`)).toEqual(['1', '1', '0', '2']);
    expect(await chair.locator(`${cited('M03')} [data-testid="cited-verdict"]`).textContent()).toBe('未过半数');
    const panel = (await chair.locator('[data-testid="meetings"]').textContent()) ?? '';
    for (const key of ['recommended.', 'basicTrust', 'distrust', 'base', 'required', 'counted'])
      expect(panel).not.toContain(key);

    // The card names the cited meeting once, by its title (kept by the link), not by its id; a nominee's name stays
    // on one line at 1440.
    const refs = (await chair.locator('tr[data-step="recommendation"] .refs').textContent()) ?? '';
    expect(refs.split('某社区党支部换届公推大会').length - 1).toBe(1);
    expect(refs).not.toContain(gongtui.meetingId);
    await expectOneLine(chair, 'td.nominee-name');
    await expectOneLine(chair, 'td.nominee-route');
    await screenshot(chair, 'process-cited-1440.png');

    // A refusal names the person and the step: 李华 did not pass the 公推大会 (P-09), so no 公示 yet.
    const notice = chair.locator('[data-testid="open-notice"]');
    await notice.getByLabel('公示开始日期', { exact: true }).fill(TODAY);
    await notice.getByLabel('公示天数', { exact: true }).fill('5');
    await notice.getByLabel('李华', { exact: true }).check();
    await notice.getByRole('button').last().click();
    await waitForText(chair, '[data-testid="open-notice"] [role="alert"]', 'P-09');
    expect(await notice.locator('[role="alert"] strong').textContent()).toBe('⚠ P-09李华（M02）尚未通过“公推大会”环节');
    // The same refusal in English: the person's name and id, the step's English label.
    await chair.locator('.segmented button', { hasText: 'EN' }).click();
    await waitForText(chair, '[data-testid="process-card"]', 'Process card');
    expect(await notice.locator('[role="alert"] strong').textContent()).toBe(
      '⚠ P-09李华 (M02) has not passed the step "Recommendation meeting"',
    );
    await chair.locator('.segmented button', { hasText: 'ZH' }).click();
    await waitForText(chair, '[data-testid="process-card"]', '流程卡');

    // 张明 goes on to the list; its provenance shows the same table.
    await send('RecordExamination', {
      nomineeId: 'M01',
      examiners: ['考察组'],
      outcome: 'positive',
      notes: '群众公认',
      examinedOn: day(-15),
    });
    await send('OpenNotice', { nomineeIds: ['M01'], from: day(-12), days: 5 });
    await send('SubmitReport', { kind: 'candidates', submittedOn: day(-5) });
    const approved = await fetch(`${server.url}/api/elections/${election.electionId}/commands`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${(await countyApprover(server.url)).token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        type: 'RecordUpperApproval',
        data: { kind: 'candidates', reference: '街道党工委批〔2026〕9号', approvedOn: day(-4), nomineeIds: ['M01'] },
        commandId: randomUUID(),
      }),
    });
    expect(approved.status, await approved.text()).toBe(200);
    await send('FixCandidateList', { nomineeIds: ['M01'] });
    await waitForText(chair, '[data-testid="candidate-list"]', '列入依据');
    const step = '[data-testid="candidate-list"] [data-nominee="M01"] li[data-step="recommendation"]';
    expect(await cells(`${step} thead th[data-category]`)).toEqual(['党员', '群众代表', '特邀代表', '合计']);
    expect(await cells(`${step} tr[data-figure="recommended"] td`)).toEqual(['3', '1', '1', '5']);
    expect(await cells(`${step} tr[data-figure="distrust"] td`)).toEqual(['0', '1', '0', '1']);
    expect(await chair.locator(`${step} [data-testid="cited-verdict"]`).textContent()).toBe('超过半数');
    expect(await chair.locator(step).textContent()).not.toContain('recommended.');
    await screenshot(chair, 'process-cited-list-1440.png');
    await chair.setViewportSize({ width: 1920, height: 1080 });
    await expectOneLine(chair, 'td.nominee-name');
    await expectOneLine(chair, 'td.nominee-route');
    await screenshot(chair, 'process-cited-1920.png');
    await chair.setViewportSize({ width: 390, height: 844 });
    expect((await pageOverflow(chair)).width).toBeLessThanOrEqual(0);
    await screenshot(chair, 'process-cited-390.png');
    await chair
      .locator('[data-testid="meetings"]')
      .screenshot({ path: path.join(artifactsDir, 'process-cited-meetings-390.png') });
    await chair
      .locator('[data-testid="candidate-list"]')
      .screenshot({ path: path.join(artifactsDir, 'process-cited-list-390.png') });

    // In English: the same figures in English words; the refusal in English.
    await chair.locator('.segmented button', { hasText: 'EN' }).click();
    await waitForText(chair, '[data-testid="meetings"]', 'Over half');
    expect(await cells(`${cited('M01')} thead th[data-category]`)).toEqual([
      'Members',
      "Masses' reps",
      'Deputies',
      'All',
    ]);
    expect(await cells(`${cited('M01')} tbody th`)).toEqual([
      'Recommendation ballot',
      'Trust',
      'Basic trust',
      'No trust',
    ]);
    expect(await chair.locator(`${cited('M01')} [data-testid="cited-threshold"]`).textContent()).toBe(
      '5 votes on the papers counted · 7 papers counted; at least 4 votes needed',
    );
    await screenshot(chair, 'process-cited-en-390.png');
    await chair
      .locator('[data-testid="meetings"]')
      .screenshot({ path: path.join(artifactsDir, 'process-cited-meetings-en-390.png') });
    expect(pageErrors(chair)).toEqual([]);
  }, 180_000);
});

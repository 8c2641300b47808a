import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chainEvents, verifyChain, type ChainedEvent, type ContestView } from '@tallyroom/contracts';
import { Api, type Meeting, type RollMember } from './support/api.js';
import {
  CJK,
  accessibleText,
  interfaceText,
  invisibleFocus,
  latinWords,
  launchBrowser,
  newPage,
  pageErrors,
  printedTab,
  requestedUrls,
  screenshot,
} from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { quorumVerdict, waitForLive, waitForText } from './support/screens.js';

type Mark = 'for' | 'against' | 'abstain';
interface Ballot {
  marks: Mark[];
  writeIn?: string;
}

/** 24 members with Latin names (so an English screen can hold no CJK at all); none is part of another's name. */
const ROLL: RollMember[] = [
  'Alice Wang',
  'Bob Li',
  'Carol Zhang',
  'David Liu',
  'Erin Chen',
  'Frank Yang',
  'Grace Zhao',
  'Henry Huang',
  'Iris Zhou',
  'Jack Wu',
  'Kevin Xu',
  'Laura Sun',
  'Mike Ma',
  'Nora Zhu',
  'Oscar Hu',
  'Paula Guo',
  'Quinn He',
  'Rosa Lin',
  'Sam Luo',
  'Tina Gao',
  'Uma Song',
  'Victor Tang',
  'Wendy Feng',
  'Yvonne Cao',
].map((name, i) => ({ name, memberId: `M${String(i + 1).padStart(3, '0')}` }));
const PRESENT = 20; // strict 4/5 of 24 expected: the 20th check-in crosses the quorum line
const NOMINEES = ['M001', 'M002', 'M003', 'M004'];
const SCRUTINEER = ROLL[4]!; // Erin Chen
const WRITE_IN = ROLL[5]!; // Frank Yang: written in once, never a candidate
const TELLERS = ['Teller One', 'Teller Two'];
const DISPUTED = 7;
const TITLE = 'Branch Assembly';
const ORGANISATION = 'North Street Branch';

/**
 * The 20 paper ballots, by the candidates' order on the ballot (c0..c3), three seats.
 * 1–12: c0 c1 c2 for, c3 against · 13–17: c0 c1 c3 for, c2 against · 18: c3 for only ·
 * 19: the same with a write-in in place of c0's "against" · 20: four "for", an over-vote (废票).
 * Counted: c0 17, c1 17, c2 12, c3 7; threshold 11 (more than half of 20 present): c0 c1 c2 elected.
 */
function ballot(n: number): Ballot {
  if (n <= 12) return { marks: ['for', 'for', 'for', 'against'] };
  if (n <= 17) return { marks: ['for', 'for', 'against', 'for'] };
  if (n === 18) return { marks: ['against', 'abstain', 'abstain', 'for'] };
  if (n === 19) return { marks: ['against', 'abstain', 'abstain', 'for'], writeIn: WRITE_IN.memberId };
  return { marks: ['for', 'for', 'for', 'for'] };
}
const KEY: Record<Mark, string> = { for: '1', against: '2', abstain: '3' };

/** "for" votes per candidate position after the first `upTo` ballots are counted. */
function expectedFor(counted: number[]): number[] {
  const out = [0, 0, 0, 0];
  for (const n of counted) {
    const b = ballot(n);
    if (b.marks.filter((m) => m === 'for').length > 3) continue; // the over-vote counts for nobody
    b.marks.forEach((m, i) => {
      if (m === 'for') out[i]!++;
    });
  }
  return out;
}

/**
 * Issue 4 end to end, every step through the screens: the chair's desk checks
 * members in until the gauge crosses the quorum line, the console adopts the
 * method, appoints officers, takes nominations and confirms the list; two
 * tellers key 20 paper ballots by keyboard (double entry, one disagreement that
 * a scrutineer settles) while the projector's bars follow; the chair declares
 * and opens the report; the supervisor's replay reproduces the result and
 * catches a forged log. Then both languages, 360 px, focus and chart loading
 * on every screen.
 */
describe('an election driven through the screens', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let meeting: Meeting;
  let chair: Page;
  let observer: Page;
  let tellerA: Page;
  let tellerB: Page;
  let scrutineer: Page;
  let supervisor: Page;
  let candidates: string[] = [];
  const links: Record<string, string> = {};
  const contestId = 'c1';
  const nameOf = (id: string) => ROLL.find((m) => m.memberId === id)!.name;
  const contest = async (): Promise<ContestView> =>
    (await api.view(meeting)).contests.find((c) => c.contestId === contestId)!;
  const card = () => chair.locator(`[data-testid="contest-${contestId}"]`);
  const progress = (k: number) => `已录入 ${k} / 发出 ${PRESENT} 张选票`;
  /** The observer page must never name a member who is not a candidate (nor any member id). */
  const assertNoNonCandidateNames = async () => {
    const text = await accessibleText(observer);
    for (const m of ROLL) {
      if (!NOMINEES.includes(m.memberId)) expect(text, `observer shows ${m.name}`).not.toContain(m.name);
      expect(text).not.toContain(m.memberId);
    }
  };

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    browser = await launchBrowser();
    meeting = await api.createMeeting({ title: TITLE, organisation: ORGANISATION });
    await api.uploadRoll(meeting, ROLL);
    ({ page: chair } = await newPage(browser, { width: 1440, height: 1000 }));
    ({ page: observer } = await newPage(browser, { width: 1920, height: 1080 }));
    await chair.goto(api.url(meeting.links.chair));
    await observer.goto(api.url(meeting.links.observer));
    await waitForLive(chair);
    await waitForLive(observer);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("checks members in at the desk until the chair's gauge crosses the quorum line", async () => {
    const search = chair.getByLabel('按姓名或党员编号查找');
    for (let i = 1; i <= PRESENT; i++) {
      const m = ROLL[i - 1]!;
      await search.fill(i % 2 ? m.memberId : m.name);
      await search.press('Enter');
      await chair.waitForFunction(
        (n) => document.querySelector('[data-testid="attendance-gauge"]')?.getAttribute('aria-valuenow') === String(n),
        i,
      );
      if (i === PRESENT - 1) {
        expect(await quorumVerdict(chair)).toMatchObject({ met: false, text: expect.stringContaining('还差 1 人') });
        await screenshot(chair, 'flow-01-chair-one-short.png');
      }
    }
    expect(await quorumVerdict(chair)).toMatchObject({ met: true });
    await waitForText(observer, '[data-testid="figure-presentVoters"] dd', String(PRESENT));
    expect((await quorumVerdict(observer)).met).toBe(true);
    await screenshot(chair, 'flow-02-chair-quorum.png');
    await assertNoNonCandidateNames();
  });

  it('adopts the method (refusing a failing vote with its rule id) and appoints the officers', async () => {
    await chair.getByRole('tab', { name: '议程与选举' }).click();
    const method = chair.locator('section', { has: chair.getByRole('heading', { name: /选举办法/ }) }).first();
    await method.getByLabel('赞成', { exact: true }).fill('3');
    await method.getByRole('button', { name: '通过选举办法' }).click();
    await waitForText(chair, '[role="alert"]', 'P-15');
    expect(await method.locator('[role="alert"]').textContent()).toContain('表决未获通过');
    await method.getByRole('button', { name: `全体 ${PRESENT} 人赞成` }).click();
    await method.getByRole('button', { name: '通过选举办法' }).click();
    await waitForText(chair, 'main', '选举办法已通过');

    const officers = chair.locator('section', { has: chair.getByRole('heading', { name: '监票人与计票人' }) });
    await officers.getByLabel('查找姓名或编号').fill('Erin');
    await officers.getByLabel(new RegExp(SCRUTINEER.name)).check();
    await officers.getByLabel('计票人 1 姓名').fill(TELLERS[0]!);
    await officers.getByLabel('计票人 2 姓名').fill(TELLERS[1]!);
    await officers.getByRole('button', { name: `全体 ${PRESENT} 人赞成` }).click();
    await officers.getByRole('button', { name: '表决通过' }).click();
    await waitForText(chair, 'main', '监票人、计票人已经大会通过');
    expect(await officers.textContent()).toContain(`${TELLERS[0]}、${TELLERS[1]}`);
  });

  it('creates the contest, takes nominations, reviews them and confirms the list after the notice', async () => {
    await chair.getByLabel('应选人数').fill('3');
    await chair.getByRole('button', { name: '新增选举' }).click();
    await card().waitFor();
    const nominee = card().getByLabel('被提名人', { exact: true });
    for (const id of NOMINEES) {
      await nominee.selectOption(id);
      await card().getByRole('button', { name: '记录提名' }).click();
      await card()
        .getByRole('button', { name: `${nameOf(id)} 审查合格` })
        .waitFor();
    }
    for (const id of NOMINEES)
      await card()
        .getByRole('button', { name: `${nameOf(id)} 审查合格` })
        .click();
    await chair.waitForFunction(
      ([s, n]) => (document.querySelector(s!)?.textContent?.split('✓ 审查合格').length ?? 0) - 1 === Number(n),
      [`[data-testid="contest-${contestId}"]`, String(NOMINEES.length)],
    );
    // The notice went up ten days ago (P-10: at least three days before the meeting confirms it).
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    await card().getByLabel('公示开始日期').fill(tenDaysAgo);
    await screenshot(chair, 'flow-03-console-nominations.png');
    await card().getByRole('button', { name: '公示名单' }).click();
    await card().getByRole('button', { name: '大会确定候选人名单' }).click();
    await waitForText(chair, `[data-testid="contest-${contestId}"]`, '候选人名单已经大会确定');
    await waitForText(observer, `[data-testid="board-${contestId}"]`, 'Alice Wang');
    await assertNoNonCandidateNames();
  });

  it("mints the officers' links on the links tab and opens the round", async () => {
    await chair.getByRole('tab', { name: '链接与凭证' }).click();
    await chair.getByRole('button', { name: '为已通过的监票人、计票人生成链接' }).click();
    await chair.locator('[data-testid="minted-scrutineer"]').waitFor();
    for (const name of TELLERS) {
      links[name] = await chair
        .locator('[data-testid="minted-teller"]', { hasText: name })
        .locator('input')
        .inputValue();
    }
    links.scrutineer = await chair.locator('[data-testid="minted-scrutineer"] input').inputValue();
    expect(Object.values(links).every((l) => l.startsWith(server.url))).toBe(true);
    await screenshot(chair, 'flow-04-chair-links.png');

    await chair.getByRole('tab', { name: '议程与选举' }).click();
    await card().getByRole('button', { name: '发放选票，开始投票' }).click();
    await waitForText(chair, `[data-testid="contest-${contestId}"]`, '结束投票并核对选票');
    candidates = (await contest()).rounds[0]!.candidates;
    expect([...candidates].sort()).toEqual(NOMINEES);
    await waitForText(observer, '[data-testid="board-progress"]', progress(0));
    await observer.locator(`[data-testid="board-${contestId}"] canvas`).waitFor();
    // A minted link is shown only once: it must still be there after a look at another tab.
    await chair.getByRole('tab', { name: '链接与凭证' }).click();
    expect(
      await chair.locator('[data-testid="minted-teller"]', { hasText: TELLERS[0]! }).locator('input').inputValue(),
    ).toBe(links[TELLERS[0]!]);
    await chair.getByRole('tab', { name: '议程与选举' }).click();
  });

  it("takes 20 ballots from two tellers by keyboard while the projector's bars follow ballot by ballot", async () => {
    ({ page: tellerA } = await newPage(browser, { width: 1280, height: 900 }));
    ({ page: tellerB } = await newPage(browser, { width: 1280, height: 900 }));
    for (const [page, name] of [
      [tellerA, TELLERS[0]!],
      [tellerB, TELLERS[1]!],
    ] as const) {
      await page.goto(links[name]!);
      await waitForLive(page);
      await page.locator(`[data-testid="ballot-row-${candidates[0]}"]`).waitFor();
    }
    const counted: number[] = [];
    for (let n = 1; n <= 20; n++) {
      const b = ballot(n);
      await keyBallot(tellerA, n, b, true);
      // The second teller misreads one ballot: the first candidate's "for" as "against".
      await keyBallot(
        tellerB,
        n,
        n === DISPUTED ? { ...b, marks: ['against', ...b.marks.slice(1)] as Mark[] } : b,
        false,
      );
      if (n !== DISPUTED) counted.push(n);
      await waitForText(observer, '[data-testid="board-progress"]', progress(counted.length));
      await waitForText(tellerA, '[data-testid="teller-count"]', `已录入 ${counted.length} / 发出 ${PRESENT}`);
      await waitForText(tellerB, '[data-testid="teller-count"]', `已录入 ${counted.length} / 发出 ${PRESENT}`);
      // The bars (and the table that says the same in text) carry the count so far.
      const want = expectedFor(counted);
      const label = await observer.getAttribute(`[data-testid="board-${contestId}"] [role="img"]`, 'aria-label');
      candidates.forEach((c, i) => expect(label).toMatch(new RegExp(`${nameOf(c)} ${want[i]}(?!\\d)`)));
      if (n % 5 === 0) {
        for (const [i, c] of candidates.entries()) {
          expect(await observer.textContent(`[data-testid="board-${contestId}"] [data-testid="tally-${c}"] td`)).toBe(
            String(want[i]),
          );
        }
      }
      if (n === 10) await screenshot(observer, 'flow-06-observer-half-way.png', false);
    }
    await waitForText(tellerA, '#my-entries-title', '20');
    await screenshot(tellerA, 'flow-05-teller.png');
    await screenshot(observer, 'flow-07-observer-all-but-one.png', false);
    // The write-in went to a member who is not a candidate: the public board counts it without the name.
    await assertNoNonCandidateNames();
    expect(pageErrors(tellerA)).toEqual([]);
    expect(pageErrors(tellerB)).toEqual([]);
    // On a phone, while there is something to enter and something to settle.
    await onPhone('teller', links[TELLERS[0]!]!, (p) =>
      p.locator(`[data-testid="ballot-row-${candidates[0]}"]`).waitFor(),
    );
    await onPhone('scrutineer', links.scrutineer!, (p) =>
      p.locator(`[data-testid="discrepancy-${DISPUTED}"]`).waitFor(),
    );
  }, 180_000);

  it('lets the scrutineer settle the one disagreement, with a reason', async () => {
    ({ page: scrutineer } = await newPage(browser, { width: 1280, height: 900 }));
    await scrutineer.goto(links.scrutineer!);
    await waitForLive(scrutineer);
    const d = scrutineer.locator(`[data-testid="discrepancy-${DISPUTED}"]`);
    await d.waitFor();
    expect(await scrutineer.locator('[data-testid^="discrepancy-"]').count()).toBe(1);
    expect(await d.textContent()).toContain('不一致');
    await screenshot(scrutineer, 'flow-08-scrutineer.png');
    await d.getByRole('button', { name: '采用第 1 次录入' }).click();
    await scrutineer.getByLabel('原因（记入会议记录）').fill('Paper ballot re-read: Alice marked for');
    await scrutineer.getByRole('dialog').getByRole('button', { name: '更正' }).click();
    await scrutineer.locator('[data-testid="no-discrepancies"]').waitFor();
    await waitForText(observer, '[data-testid="board-progress"]', progress(20));
    await waitForText(tellerA, '[data-testid="teller-count"]', `已录入 20 / 发出 ${PRESENT}`);
    const want = expectedFor(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(want).toEqual([17, 17, 12, 7]);
    for (const [i, c] of candidates.entries()) {
      expect(await observer.textContent(`[data-testid="board-${contestId}"] [data-testid="tally-${c}"] td`)).toBe(
        String(want[i]),
      );
    }
    expect(pageErrors(scrutineer)).toEqual([]);
  });

  it('closes the round, declares the result the rules give, and opens the result report', async () => {
    // P-21: the chair types the count of papers taken out of the box; the form never offers the number entered.
    const returned = card().getByLabel('收回选票数');
    expect(await returned.inputValue()).toBe('');
    await returned.fill('20');
    await waitForText(chair, '[data-testid="reconcile-1"]', '录入张数与收回张数一致');
    await card().getByRole('button', { name: '结束投票并核对选票' }).click();
    await waitForText(chair, `[data-testid="contest-${contestId}"]`, '按规则当选');
    await screenshot(chair, 'flow-09-console-to-declare.png');
    await card().getByRole('button', { name: '宣布选举结果' }).click();
    await waitForText(chair, `[data-testid="contest-${contestId}"]`, '选举完成');
    const elected = candidates.slice(0, 3);
    expect([...(await contest()).rounds[0]!.elected].sort()).toEqual([...elected].sort());
    await waitForText(observer, `[data-testid="board-${contestId}"]`, '当选：');
    for (const c of elected)
      expect(await observer.textContent(`[data-testid="board-${contestId}"]`)).toContain(nameOf(c));
    // Turnout per round, as a chart whose label carries the figures (a canvas says nothing to a screen reader).
    const turnout = await observer.getByTestId('turnout-chart').locator('[role="img"]').getAttribute('aria-label');
    const r1 = (await contest()).rounds[0]!;
    expect(turnout).toContain(
      `实到 ${r1.presentVoters}，发出 ${r1.ballotsIssued}，收回 ${r1.ballotsReturned}，有效 ${r1.valid}`,
    );
    expect(r1.valid).toBe(19); // 20 returned, one over-vote
    await observer.waitForTimeout(500); // let the bars finish their animation for the picture
    await screenshot(observer, 'flow-10-observer-elected.png', false);
    await screenshot(chair, 'flow-11-console-declared.png');
    await assertNoNonCandidateNames();

    const view = await api.view(meeting);
    const report = await printedTab(chair, () => chair.getByTestId('open-report').click());
    const text = await report.evaluate(() => document.body.innerText);
    for (const c of elected) expect(text).toContain(nameOf(c));
    expect(text).toContain(String(view.chainHead));
    await screenshot(report, 'flow-12-report.png');
    await report.close();
  });

  it('downloads the NDJSON log from the chair screen, and its chain verifies', async () => {
    const [download] = await Promise.all([chair.waitForEvent('download'), chair.getByTestId('export-log').click()]);
    expect(download.suggestedFilename()).toBe(`meeting-${meeting.meetingId}.ndjson`);
    const lines = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ChainedEvent);
    const verdict = verifyChain(lines);
    expect(verdict.ok).toBe(true);
    expect(lines.at(-1)!.metadata.revision).toBe((await api.view(meeting)).revision);
  });

  it('the supervisor verifies the chain, scrubs the log and reproduces the declared result (MATCH)', async () => {
    ({ page: supervisor } = await newPage(browser, { width: 1280, height: 900 }));
    await supervisor.goto(api.url(meeting.links.supervisor));
    await waitForLive(supervisor);
    await supervisor.getByTestId('export-log').waitFor();
    // The sign-in sheet to check the signatures against; the cards are the desk's, not the supervisor's.
    const docs = supervisor.getByTestId('roll-documents');
    expect(await docs.getByRole('button', { name: '打印签到表' }).isEnabled()).toBe(true);
    expect(await docs.getByRole('button', { name: /签到卡/ }).count()).toBe(0);
    await supervisor.getByRole('button', { name: '从服务器下载记录' }).click();
    await supervisor.locator('[data-testid="chain-verdict"][data-ok="true"]').waitFor();
    await supervisor.locator('[data-testid="results-verdict"][data-match="true"]').waitFor();
    expect(await supervisor.textContent('[data-testid="results-verdict"]')).toContain('MATCH');
    const events = await eventsOf();
    // Scrub to the disputed ballot's second entry: it is pending, nothing of it counted yet.
    const entries = events
      .map((e, i) => [e, i] as const)
      .filter(([e]) => e.type === 'BallotRecorded' && (e.data as { ballotNo: number }).ballotNo === DISPUTED);
    await supervisor.locator('input[type="range"]').fill(String(entries[1]![1]));
    await waitForText(supervisor, '[data-testid="replay-event"]', 'BallotRecorded');
    await waitForText(supervisor, 'main', `第 ${entries[1]![0].metadata.revision} 条记录后的状态`);
    await screenshot(supervisor, 'flow-13-supervisor-match.png');
  });

  it('the supervisor finds the first bad event of a tampered copy', async () => {
    const events = await eventsOf();
    const at = events.findIndex((e) => e.type === 'ResultDeclared');
    const elected = (events[at]!.data as { elected: string[] }).elected;
    const loser = candidates.find((c) => !elected.includes(c))!;
    const forged = events.map((e, i) =>
      i === at ? { ...e, data: { ...(e.data as object), elected: [...elected.slice(0, 2), loser] } } : e,
    );
    const load = (name: string, list: ChainedEvent[]) =>
      supervisor.locator('input[type="file"]').setInputFiles({
        name,
        mimeType: 'application/x-ndjson',
        buffer: Buffer.from(list.map((e) => JSON.stringify(e)).join('\n')),
      });
    // Changed in place: the chain breaks at that very event.
    await load('tampered.ndjson', forged);
    await supervisor.locator('[data-testid="chain-verdict"][data-ok="false"]').waitFor();
    expect(await supervisor.textContent('[data-testid="chain-verdict"]')).toContain(
      `第 ${events[at]!.metadata.revision} 条记录`,
    );
    await screenshot(supervisor, 'flow-14-supervisor-tampered.png');
    // Re-hashed from there on, as a careful forger would: the chain holds, the recount does not.
    const rechained = [
      ...forged.slice(0, at),
      ...chainEvents(
        forged[at - 1]!.metadata.hash,
        forged.slice(at).map(({ type, data, metadata }) => {
          const { prevHash: _p, hash: _h, ...rest } = metadata;
          return { type, data, metadata: rest };
        }),
      ),
    ];
    await load('forged.ndjson', rechained);
    await supervisor.locator('[data-testid="chain-verdict"][data-ok="true"]').waitFor();
    await supervisor.locator('[data-testid="results-verdict"][data-match="false"]').waitFor();
    expect(await supervisor.textContent('[data-testid="results-verdict"]')).toContain(
      `第 ${events[at]!.metadata.revision} 条记录`,
    );
    await screenshot(supervisor, 'flow-15-supervisor-forged.png');
  });

  it('every screen is whole in English (no Chinese) and in Chinese (no English)', async () => {
    const kioskPage = (await newPage(browser, { width: 1280, height: 900 })).page;
    await kioskPage.goto(api.url(meeting.links.kiosk));
    const member = await api.mint(meeting, { role: 'member', name: ROLL[21]!.name, memberId: ROLL[21]!.memberId });
    const memberPage = (await newPage(browser, { width: 1280, height: 900 })).page;
    await memberPage.goto(api.url(member.link));
    links.kiosk = api.url(meeting.links.kiosk);
    links.member = api.url(member.link);
    const screens: [string, Page, string[]][] = [
      ['chair', chair, ['签到', '名册', '议程与选举', '链接与凭证']],
      ['observer', observer, []],
      ['teller', tellerA, []],
      ['scrutineer', scrutineer, []],
      ['supervisor', supervisor, []],
      ['kiosk', kioskPage, []],
      ['member', memberPage, []],
    ];
    // Data, not interface: names, titles, the app's name, key caps, rule ids' letters, the export format.
    const data = [
      ...ROLL.map((m) => m.name),
      ...TELLERS,
      TITLE,
      ORGANISATION,
      'Tallyroom',
      'NDJSON',
      'MATCH',
      'MISMATCH',
      'Enter',
      'ndjson',
      'forged',
      'QR',
      'name,memberId,status',
      'CSV',
      'UTF-8',
      'GBK',
      'Excel',
      'xlsx',
    ];
    for (const [name, page, tabs] of screens) {
      await waitForLive(page);
      const status = await page.textContent('[data-testid="status-line"]');
      expect(status, `${name} status line`).toBe('实时 · 已是最新');
      const zhTabs = tabs.length ? tabs : [null];
      for (const tab of zhTabs) {
        if (tab) await page.getByRole('tab', { name: tab }).click();
        expect(latinWords(await interfaceText(page), data), `${name}${tab ? ` / ${tab}` : ''} in Chinese`).toEqual([]);
      }
      await page.locator('button[lang="en"]').click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      expect(await page.textContent('[data-testid="status-line"]'), `${name} status line`).toBe('Live · up to date');
      for (const tab of ['Check-in', 'Roll', 'Agenda and elections', 'Links and credentials'].slice(0, tabs.length) as (
        string | null
      )[]) {
        if (tab) await page.getByRole('tab', { name: tab }).click();
        const offending = (await accessibleText(page)).split('\n').filter((l) => CJK.test(l));
        expect(offending, `${name}${tab ? ` / ${tab}` : ''} in English`).toEqual([]);
      }
      if (!tabs.length) {
        const offending = (await accessibleText(page)).split('\n').filter((l) => CJK.test(l));
        expect(offending, `${name} in English`).toEqual([]);
      }
      await screenshot(page, `flow-en-${name}.png`, name !== 'observer');
      await page.locator('button[lang="zh-CN"]').click();
      await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
      expect(pageErrors(page), name).toEqual([]);
    }
    await chair.getByRole('tab', { name: '议程与选举' }).click();
    await screenshot(kioskPage, 'flow-kiosk.png');
    await screenshot(memberPage, 'flow-member.png');
    // ECharts only where a chart is drawn: the chair's attendance line and the observers' bars.
    const loadsCharts = (p: Page) => requestedUrls(p).some((u) => /\/assets\/echarts-[^/]*\.js$/.test(u));
    expect(loadsCharts(observer)).toBe(true);
    expect(loadsCharts(chair)).toBe(true);
    for (const p of [tellerA, tellerB, scrutineer, supervisor, kioskPage, memberPage])
      expect(loadsCharts(p), p.url()).toBe(false);
  }, 60_000);

  it('fits a 360 px phone on every screen, shows focus as it tabs, and has a projector mode for 1920×1080', async () => {
    // (The teller's and the scrutineer's were checked while the round was open.)
    const all: [string, string][] = [
      ['chair', api.url(meeting.links.chair)],
      ['observer', api.url(meeting.links.observer)],
      ['supervisor', api.url(meeting.links.supervisor)],
      ['kiosk', links.kiosk!],
      ['member', links.member!],
    ];
    for (const [name, link] of all) {
      await onPhone(
        name,
        link,
        name === 'supervisor'
          ? async (page) => {
              await page.getByRole('button', { name: '从服务器下载记录' }).click();
              await page.locator('[data-testid="results-verdict"]').waitFor();
            }
          : undefined,
      );
    }
    await observer.getByRole('button', { name: '投影模式' }).click();
    await observer.evaluate(() => window.scrollTo(0, 0));
    expect(
      await observer.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
    await observer.waitForTimeout(500);
    await screenshot(observer, 'flow-projector-1920.png', false);
    // Projector mode shows no control: Esc leaves it.
    await observer.keyboard.press('Escape');
  }, 60_000);

  it('says so when the connection drops and when it is up to date again', async () => {
    const { context, page } = await newPage(browser, { width: 800, height: 600 });
    await page.goto(api.url(meeting.links.observer));
    await waitForLive(page);
    await context.setOffline(true);
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="status-line"]')?.classList.contains('status-reconnecting'),
    );
    expect(await page.textContent('[data-testid="status-line"]')).toContain('重新连接');
    await screenshot(page, 'flow-reconnecting.png', false);
    await context.setOffline(false);
    await waitForLive(page, 20_000);
    const revision = (await api.view(meeting)).revision;
    await page.waitForFunction(
      (r) => document.querySelector('[data-testid="status-line"]')?.getAttribute('data-revision') === String(r),
      revision,
    );
    expect(await page.textContent('[data-testid="status-line"]')).toBe('实时 · 已是最新');
    await context.close();
  }, 40_000);

  it('raised no page errors', () => {
    for (const p of [chair, observer, tellerA, tellerB, scrutineer, supervisor]) expect(pageErrors(p)).toEqual([]);
  });

  async function eventsOf(): Promise<ChainedEvent[]> {
    const res = await fetch(`${server.url}/api/meetings/${meeting.meetingId}/events`, {
      headers: { Authorization: `Bearer ${meeting.credentials.supervisor}` },
    });
    return (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ChainedEvent);
  }

  /** A screen on a 360 px phone: no sideways scrolling, and every control it tabs to shows its focus. */
  async function onPhone(name: string, link: string, prepare?: (page: Page) => Promise<unknown>) {
    const { context, page } = await newPage(browser, { width: 360, height: 780 });
    await page.goto(link);
    await waitForLive(page);
    await prepare?.(page);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${name} scrolls sideways at 360 px`).toBeLessThanOrEqual(0);
    await screenshot(page, `flow-360-${name}.png`);
    expect(await invisibleFocus(page, 12), `${name}: focus not visible`).toEqual([]);
    expect(pageErrors(page), name).toEqual([]);
    await context.close();
  }

  /** One ballot as read out: a key per candidate row, `w` for a write-in, Enter to save. */
  async function keyBallot(page: Page, n: number, b: Ballot, checks: boolean) {
    await page.locator(`[data-testid="ballot-row-${candidates[0]}"]`).focus();
    for (const m of b.marks) await page.keyboard.press(KEY[m]);
    if (checks && b.marks.filter((m) => m === 'for').length > 3) {
      // Four "for" marks for three seats: the teller sees 废票 before saving (P-23).
      expect(await page.textContent('[data-testid="ballot-validity"]')).toContain('废票');
      await screenshot(page, 'flow-05-teller-over-vote.png');
    }
    if (b.writeIn) {
      await page.keyboard.press('w');
      await page.keyboard.type(b.writeIn);
      await page.keyboard.press('Enter');
      if (checks) expect(await page.textContent('[data-testid="ballot-validity"]')).toContain('有效票');
    }
    await page.keyboard.press('Enter');
    await waitForText(page, '[data-testid="teller-feedback"]', `第 ${n} 号选票已保存`);
  }
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { Api, type Meeting, type RollMember } from './support/api.js';
import { accessibleText, launchBrowser, newPage, pageErrors, screenshot } from './support/browser.js';
import { clippedBoxes, overlappingText, pageOverflow } from './support/layout.js';
import { startServer, type RunningServer } from './support/server.js';
import { waitForLive, waitForText } from './support/screens.js';

/**
 * Issue 18, point 6: the projector and the phones in the hall. A branch of 40 with a committee of 7 elected
 * from 9 candidates (round 1 in progress, 20 of 36 ballots entered) after a 纪检委员 contest already declared.
 * Every screen at 360, 390, 1440 and 1920 px: no sideways scroll, no text drawn over other text or over a
 * chart, no table cut off; the projector at 1920×1080 fits without scrolling, follows the committee round
 * although it comes second, and shows no control, no revision and no rule id.
 */
const NAMES = [
  '张伟',
  '欧阳文华',
  '李红',
  '王芳',
  '刘洋',
  '陈静',
  '杨帆',
  '阿依古丽·买买提',
  '赵磊',
  '黄敏',
  '周杰',
  '吴霞',
  '徐强',
  '孙丽',
  '马超',
  '朱琳',
  '胡斌',
  '郭勇',
  '何平',
  '高翔',
  '林峰',
  '罗娟',
  '郑涛',
  '梁宇',
  '谢婷',
  '宋军',
  '唐亮',
  '许燕',
  '韩冰',
  '冯刚',
  '邓超',
  '曹颖',
  '彭磊',
  '曾静',
  '肖华',
  '田野',
  '董明',
  '袁红',
  '潘岩',
  '蒋莉',
];
const ROLL: RollMember[] = NAMES.map((name, i) => ({ name, memberId: `A${String(i + 1).padStart(3, '0')}` }));
const PRESENT = 36; // more than 4/5 of 40
const COMMITTEE = ROLL.slice(0, 9).map((m) => m.memberId); // nine candidates for seven seats
const DISCIPLINE = ['A010', 'A011'];
const ENTERED = 20;
const WIDTHS = [360, 390, 1440, 1920] as const;
const RULE_ID = /[PVRNG]-\d\d/;
const REVISION = /第\s*[\d,]+\s*(版|条记录)/;

/** Ballot n of the committee round: seven 赞成 in a rotation, the other two 不赞成 (one unreadable on ballot 5). */
function committeeBallot(n: number): Record<string, string> {
  const off = new Set([n % 9, (n + 4) % 9]);
  const marks: Record<string, string> = {};
  COMMITTEE.forEach((id, i) => {
    marks[id] = off.has(i) ? 'against' : 'for';
  });
  if (n === 5) marks[COMMITTEE[5 % 9]!] = 'unreadable';
  return marks;
}

describe('issue 18 (6): the projector and the phones', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let meeting: Meeting;
  /** A meeting still checking in: no round yet. */
  let hall: Meeting;
  let tellerLink: string;
  const open = async (link: string, width: number, height: number, touch = false) => {
    const { page } = await newPage(browser, { width, height, touch });
    await page.goto(link);
    // Projector mode has no status line while live: its board appears once the live view has arrived.
    if (link.includes('?projector')) await page.locator('[data-testid="projector-board"]').waitFor();
    else await waitForLive(page);
    return page;
  };
  /**
   * The wall's venue code lies on none of `others` (the figures, a contest), and the wall is whole: no sideways
   * scroll, on a projector nothing below the screen, no text over text, no page error.
   */
  const expectWallWhole = async (page: Page, code: Locator, others: string[], width: number) => {
    const box = (await code.boundingBox())!;
    for (const sel of others) {
      const other = (await page.locator(sel).first().boundingBox())!;
      const meet =
        box.x < other.x + other.width &&
        other.x < box.x + box.width &&
        box.y < other.y + other.height &&
        other.y < box.y + box.height;
      expect(meet, `${sel} at ${width}`).toBe(false);
    }
    expect((await pageOverflow(page)).width).toBeLessThanOrEqual(0);
    if (width >= 1440) expect((await pageOverflow(page)).height).toBeLessThanOrEqual(0);
    expect(await overlappingText(page, '[data-testid="projector-board"]')).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  };
  /** Waits for the committee's bars, then for their animation to end. */
  const chartDrawn = async (page: Page) => {
    await page.locator('[data-testid="board-c1"] canvas').waitFor();
    await page.waitForTimeout(700);
  };

  beforeAll(async () => {
    // 36 check-ins at once from the chair's credential, and a dozen screens joining from one address.
    server = await startServer({ env: { TALLYROOM_RATE_CHECKIN: '1000/1', TALLYROOM_RATE_JOIN: '1000/1' } });
    api = new Api(server.url);
    browser = await launchBrowser();
    meeting = await api.createMeeting({ title: '第一党支部换届选举党员大会', organisation: '城关街道第一党支部' });
    await api.uploadRoll(meeting, ROLL);
    for (const m of ROLL.slice(0, PRESENT)) await api.checkIn(meeting, m.memberId);
    const chair = meeting.credentials.chair;
    const cmd = (type: string, data: unknown, token = chair) => api.command(meeting.meetingId, token, type, data);
    const vote = { for: PRESENT, against: 0, abstain: 0 };
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    await cmd('AdoptElectionMethod', { vote });
    // Double entry (the branch's default): each ballot is keyed by both tellers.
    await cmd('AppointOfficers', {
      scrutineers: ['A040'],
      tellers: [{ name: '计票人甲' }, { name: '计票人乙' }],
      vote,
    });
    const tellers = [
      await api.mint(meeting, { role: 'teller', officer: '计票人甲' }),
      await api.mint(meeting, { role: 'teller', officer: '计票人乙' }),
    ];
    tellerLink = api.url(tellers[0]!.link);
    const record = async (contestId: string, ballotNo: number, marks: Record<string, string>) => {
      for (const teller of tellers)
        await cmd('RecordBallot', { contestId, round: 1, ballotNo, marks, writeIns: [] }, teller.token);
    };
    const ready = async (contestId: string, office: string, seats: number, ids: string[]) => {
      await cmd('CreateContest', { contestId, office, seats, mode: 'competitive' });
      for (const id of ids) {
        await cmd('Nominate', { contestId, nomineeId: id, route: 'organisation' });
        await cmd('ReviewCandidate', { contestId, nomineeId: id, qualified: true, reason: '' });
      }
      await cmd('PublishCandidateList', { contestId, candidateIds: ids, noticeDays: 5, publishedOn: daysAgo(7) });
      await cmd('ConfirmCandidateList', { contestId });
      await cmd('OpenRound', { contestId });
    };
    // First on the agenda, already declared: 纪检委员, one seat.
    await ready('c0', '纪检委员', 1, DISCIPLINE);
    for (let n = 1; n <= PRESENT; n++) {
      await record('c0', n, n <= 30 ? { A010: 'for', A011: 'against' } : { A010: 'against', A011: 'for' });
    }
    await cmd('CloseRound', { contestId: 'c0', round: 1, ballotsReturned: PRESENT });
    await cmd('DeclareResult', { contestId: 'c0', round: 1 });
    // Second, in progress: the committee, seven of nine.
    await ready('c1', 'committee-member', 7, COMMITTEE);
    for (let n = 1; n <= ENTERED; n++) await record('c1', n, committeeBallot(n));

    hall = await api.createMeeting({ title: '第二党支部换届选举党员大会', organisation: '城关街道第二党支部' });
    await api.uploadRoll(hall, ROLL);
    for (const m of ROLL.slice(0, 12)) await api.checkIn(hall, m.memberId);
    // Its three lists are published: the wall shows them under the attendance before the first round.
    const hallCmd = (type: string, data: unknown) => api.command(hall.meetingId, hall.credentials.chair, type, data);
    for (const [contestId, office, seats, ids] of [
      ['h1', 'committee-member', 7, COMMITTEE],
      ['h2', '纪检委员', 1, DISCIPLINE],
      ['h3', 'secretary', 1, COMMITTEE.slice(0, 2)],
    ] as const) {
      await hallCmd('CreateContest', { contestId, office, seats, mode: 'competitive' });
      for (const id of ids) {
        await hallCmd('Nominate', { contestId, nomineeId: id, route: 'organisation' });
        await hallCmd('ReviewCandidate', { contestId, nomineeId: id, qualified: true, reason: '' });
      }
      await hallCmd('PublishCandidateList', { contestId, candidateIds: ids, noticeDays: 5, publishedOn: daysAgo(7) });
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 120_000);

  it('projector mode at 1920×1080: the committee round in progress, whole, with no control, revision or rule id', async () => {
    const page = await open(api.url(meeting.links.observer).replace('#', '?projector#'), 1920, 1080);
    await page.locator('[data-testid="projector-board"]').waitFor();
    await chartDrawn(page);
    await screenshot(page, 'projector-1920x1080.png', false);

    // It follows the round in progress, although the declared 纪检委员 contest comes first on the agenda.
    expect(await page.locator('[data-testid="board-c1"]').count()).toBe(1);
    expect(await page.locator('[data-testid="board-c0"]').count()).toBe(0);
    await waitForText(page, '[data-testid="board-progress"]', `已录入 ${ENTERED} / 发出 ${PRESENT} 张选票`);
    for (const id of COMMITTEE) expect(await page.locator(`[data-testid="tally-${id}"]`).count()).toBe(1);

    // Nothing a developer or an operator needs: no control, no role badge, no revision, no rule id.
    const controls = await page.evaluate(
      () => document.querySelectorAll('button, [role="button"], input, select, textarea, a[href]').length,
    );
    expect(controls).toBe(0);
    const text = await accessibleText(page);
    expect(text).not.toMatch(REVISION);
    expect(text).not.toMatch(RULE_ID);
    for (const word of ['观察员', '现行解释', '界面语言', '投影模式', '全屏']) expect(text).not.toContain(word);

    // The whole board on one screen, the table's last row included, nothing drawn over anything else.
    const overflow = await pageOverflow(page);
    expect(overflow.width).toBeLessThanOrEqual(0);
    expect(overflow.height).toBeLessThanOrEqual(0);
    const lastRow = await page.locator(`[data-testid="tally-${COMMITTEE[8]}"]`).boundingBox();
    expect(lastRow!.y + lastRow!.height).toBeLessThanOrEqual(1080);
    expect(await clippedBoxes(page, '[data-testid="projector-board"]', '.table-wrap')).toEqual([]);
    expect(await overlappingText(page, '[data-testid="projector-board"]')).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it("the hall's wall screen (the kiosk's link, ?projector) at 1920×1080 and 390: the venue code in the header's corner, over nothing (P-05)", async () => {
    for (const [width, height, lang] of [
      [1920, 1080, 'zh-CN'],
      [1920, 1080, 'en'],
      [390, 844, 'zh-CN'],
    ] as const) {
      const link = api.url(meeting.links.kiosk).replace('#', `?projector&lang=${lang}#`);
      const page = await open(link, width, height);
      await chartDrawn(page);
      const corner = page.locator('.projector-head [data-testid="venue-code"]');
      await corner.waitFor();
      expect(await corner.getAttribute('data-code')).toMatch(/^\d{6}$/);
      expect(await corner.locator('svg').count()).toBe(1);
      await screenshot(page, `projector-venue-${width}x${height}-${lang}.png`, width < 1000);
      // Beside the count, never on it: the corner and the board's figures and table do not meet.
      await expectWallWhole(page, corner, ['[data-testid="projector-attendance"]', '[data-testid="board-c1"]'], width);
      await page.context().close();
    }
    // An observer's projector shows no code: observers at large never read it.
    const observer = await open(api.url(meeting.links.observer).replace('#', '?projector#'), 1920, 1080);
    await chartDrawn(observer);
    expect(await observer.locator('[data-testid="venue-code"]').count()).toBe(0);
    await observer.context().close();
  }, 120_000);

  it('the wall screen while the hall checks in: a QR to scan from the seats beside the attendance, the three lists still on the screen; the corner again once a round is on', async () => {
    for (const [width, height] of [
      [1920, 1080],
      [1440, 900],
      [390, 844],
    ] as const) {
      const page = await open(api.url(hall.links.kiosk).replace('#', '?projector#'), width, height);
      const code = page.locator('[data-testid="venue-code"]');
      await code.waitFor();
      await page.locator('[data-testid="board-h3"]').waitFor();
      expect(await page.locator('.projector-head [data-testid="venue-code"]').count()).toBe(0);
      const qr = (await code.locator('svg').boundingBox())!;
      if (width >= 1440) expect(qr.width, `QR at ${width}×${height}`).toBeGreaterThanOrEqual(200);
      else expect(qr.width, `QR at ${width}`).toBeLessThanOrEqual(128);
      expect(qr.height).toBe(qr.width);
      await screenshot(page, `projector-venue-checking-in-${width}x${height}.png`, width < 1000);
      await expectWallWhole(page, code, ['[data-testid="projector-attendance"]', '[data-testid="board-h1"]'], width);
      await page.context().close();
    }
    // The committee's round on the board: the code is back in its corner, the figures have the room.
    const voting = await open(api.url(meeting.links.kiosk).replace('#', '?projector#'), 1920, 1080);
    await chartDrawn(voting);
    const qr = (await voting.locator('.projector-head [data-testid="venue-code"] svg').boundingBox())!;
    expect(qr.width).toBeLessThanOrEqual(128);
    await voting.context().close();
  }, 120_000);

  it('projector mode at 1440×900 and on a phone: still whole, nothing overlapping', async () => {
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      const page = await open(api.url(meeting.links.observer).replace('#', '?projector#'), width, height);
      await chartDrawn(page);
      await screenshot(page, `projector-${width}x${height}.png`);
      expect((await pageOverflow(page)).width).toBeLessThanOrEqual(0);
      if (width >= 1440) expect((await pageOverflow(page)).height).toBeLessThanOrEqual(0);
      expect(await clippedBoxes(page, '[data-testid="projector-board"]', '.table-wrap')).toEqual([]);
      expect(await overlappingText(page, '[data-testid="projector-board"]')).toEqual([]);
      await page.context().close();
    }
  }, 120_000);

  it('is entered from the observer screen, kept in the address, and left with Esc', async () => {
    const page = await open(api.url(meeting.links.observer), 1440, 900);
    await page.getByRole('button', { name: '投影模式' }).click();
    await page.locator('[data-testid="projector-board"]').waitFor();
    expect(new URL(page.url()).search).toBe('?projector');
    expect(await page.getByRole('button').count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '投影模式' }).waitFor();
    expect(new URL(page.url()).search).toBe('');
    await page.context().close();
  }, 120_000);

  it('the observer screen at 360, 390, 1440 and 1920: no sideways scroll, legends and labels apart', async () => {
    for (const width of WIDTHS) {
      const page = await open(api.url(meeting.links.observer), width, width < 1000 ? 800 : 1080);
      await chartDrawn(page);
      await page.locator('[data-testid="turnout-chart"] canvas').waitFor();
      await screenshot(page, `observer-${width}.png`);
      expect((await pageOverflow(page)).width, `observer at ${width}`).toBeLessThanOrEqual(0);
      expect(await clippedBoxes(page, 'main', '.table-wrap'), `observer at ${width}`).toEqual([]);
      expect(await overlappingText(page, 'main'), `observer at ${width}`).toEqual([]);
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();
    }
  }, 120_000);

  it("the teller's ballot at 360, 390, 1440 and 1920: a name on one line, the 无法辨认 column in view", async () => {
    for (const width of WIDTHS) {
      const page = await open(tellerLink, width, width < 1000 ? 800 : 1080);
      await page.locator(`[data-testid="ballot-row-${COMMITTEE[0]}"]`).waitFor();
      await screenshot(page, `teller-${width}.png`);
      expect((await pageOverflow(page)).width, `teller at ${width}`).toBeLessThanOrEqual(0);
      expect(await clippedBoxes(page, 'main', '.table-wrap'), `teller at ${width}`).toEqual([]);
      const rows = await page.evaluate(() =>
        [...document.querySelectorAll('[data-testid^="ballot-row-"]')].map((row) => {
          const th = row.querySelector('th')!;
          // The lines the name is set on: one top per line of text.
          const range = document.createRange();
          range.selectNodeContents(th);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
          const buttons = [...row.querySelectorAll('button')];
          const last = buttons[buttons.length - 1]!;
          const r = last.getBoundingClientRect();
          return {
            name: th.textContent,
            lines,
            marks: buttons.map((b) => b.textContent),
            lastInView: r.left >= 0 && r.right <= window.innerWidth && r.width > 0,
            lastWhole: last.scrollWidth <= last.clientWidth,
          };
        }),
      );
      expect(rows).toHaveLength(COMMITTEE.length);
      for (const row of rows) {
        expect(row.lines, `${row.name} at ${width}`).toBe(1);
        expect(row.marks[3]).toBe('无法辨认');
        expect(row.lastInView, `无法辨认 for ${row.name} at ${width}`).toBe(true);
        expect(row.lastWhole, `无法辨认 for ${row.name} at ${width}`).toBe(true);
      }
      expect(await overlappingText(page, 'main', false), `teller at ${width}`).toEqual([]);
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();
    }
  }, 120_000);

  it("a phone's teller screen leaves out the keyboard's shortcuts, and each entry's state stays on one line", async () => {
    const phone = await open(tellerLink, 390, 844, true);
    await phone.locator(`[data-testid="ballot-row-${COMMITTEE[0]}"]`).waitFor();
    const desk = await open(tellerLink, 1440, 900);
    await desk.locator(`[data-testid="ballot-row-${COMMITTEE[0]}"]`).waitFor();
    // The hint and the key caps name keys (↑/↓, 1–4, w, Enter) a touch screen has not got; a desk's keyboard has them.
    expect(await phone.getByText('快捷键', { exact: false }).isVisible()).toBe(false);
    expect(await desk.getByText('快捷键', { exact: false }).isVisible()).toBe(true);
    const caps = (page: typeof phone) =>
      page.evaluate(
        () => [...document.querySelectorAll('main .kbd')].filter((k) => k.getClientRects().length > 0).length,
      );
    expect(await caps(phone)).toBe(0);
    expect(await caps(desk)).toBeGreaterThanOrEqual(2);
    // "✓ 已计入" on one line in the entries' table at 390, not broken after its tick.
    const states = await phone.evaluate(() =>
      [...document.querySelectorAll('[aria-labelledby="my-entries-title"] tbody tr td:last-child')].map((td) => {
        const range = document.createRange();
        range.selectNodeContents(td);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      }),
    );
    expect(states.length).toBeGreaterThan(0);
    for (const lines of states) expect(lines).toBe(1);
    expect((await pageOverflow(phone)).width).toBeLessThanOrEqual(0);
    // The viewport, not the full page: Chromium's full-page capture of an emulated phone drops the touch emulation.
    await phone.locator('[data-testid="teller-feedback"]').scrollIntoViewIfNeeded();
    await screenshot(phone, 'teller-390-touch.png', false);
    expect(pageErrors(phone)).toEqual([]);
    await phone.context().close();
    await desk.context().close();
  }, 60_000);
});

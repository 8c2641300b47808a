import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Api, type Meeting, type RollMember } from './support/api.js';
import { CJK, accessibleText, launchBrowser, newPage, pageErrors, screenshot, visibleText } from './support/browser.js';
import { pageOverflow } from './support/layout.js';
import { startServer, type RunningServer } from './support/server.js';
import { waitForLive, waitForText } from './support/screens.js';

/**
 * Issue 19, officers hold the pen (P-16/P-17): on the chair's credentials tab a
 * teller's or scrutineer's link is minted for an officer picked from the list the
 * meeting appointed, never for a typed name, and no chair link is offered. A link
 * for an officer the meeting has just replaced is refused in words, in both
 * languages. At a phone's width (390) and a desk's (1440).
 */
const ROLL: RollMember[] = Array.from({ length: 10 }, (_, i) => ({
  memberId: `K${String(i + 1).padStart(3, '0')}`,
  name: ['王建国', '李秀英', '张伟', '刘芳', '陈静', '杨磊', '黄丽', '赵强', '周敏', '吴军'][i]!,
  status: 'full',
}));
const SCRUTINEER = ROLL[9]!;
const vote = { for: 10, against: 0, abstain: 0 };

describe('the credentials tab: officers picked from the appointment', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A meeting of ten, all present, the method adopted; officers appointed unless told otherwise. */
  async function meeting(appoint = true): Promise<Meeting> {
    const m = await api.createMeeting({ title: '第三党支部换届选举党员大会', organisation: '第三党支部' });
    await api.uploadRoll(m, ROLL);
    for (const x of ROLL) await api.checkIn(m, x.memberId);
    const cmd = (type: string, data: unknown) => api.command(m.meetingId, m.credentials.chair, type, data);
    await cmd('AdoptElectionMethod', { vote });
    if (appoint)
      await cmd('AppointOfficers', {
        scrutineers: [SCRUTINEER.memberId],
        tellers: [{ name: '计票人甲' }, { name: '计票人乙' }],
        vote,
      });
    return m;
  }

  async function openTab(page: Page, m: Meeting, lang: 'zh' | 'en') {
    await page.goto(api.url(m.links.chair));
    await waitForLive(page);
    if (lang === 'en') {
      await page.locator('button[lang="en"]').click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
    }
    await page.getByRole('tab', { name: lang === 'en' ? 'Links and credentials' : '链接与凭证' }).click();
  }

  const roleSelect = (page: Page, lang: 'zh' | 'en') =>
    page.getByLabel(lang === 'en' ? 'Role' : '身份', { exact: true });

  for (const [lang, width] of [
    ['zh', 390],
    ['zh', 1440],
    ['en', 390],
    ['en', 1440],
  ] as const) {
    it(`${lang} at ${width}: offers no chair role, lists the appointed officers, mints for one, refuses a replaced one`, async () => {
      const m = await meeting();
      const { context, page } = await newPage(browser, { width, height: width < 600 ? 844 : 900 });
      try {
        await openTab(page, m, lang);
        const role = roleSelect(page, lang);
        const roles = await role.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
        expect(roles).not.toContain('chair');
        expect(roles).toEqual(expect.arrayContaining(['teller', 'scrutineer']));

        // A teller: picked from the appointed tellers, no name to type.
        await role.selectOption('teller');
        const teller = page.getByLabel(
          lang === 'en' ? 'Teller (from the list the meeting approved)' : '计票人（从大会通过的名单中选）',
        );
        const tellers = await teller
          .locator('option')
          .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
        expect(tellers).toEqual(['计票人甲', '计票人乙']);
        expect(await page.getByLabel(lang === 'en' ? 'Name' : '姓名', { exact: true }).count()).toBe(0);
        const mint = page.getByRole('button', { name: lang === 'en' ? 'Create' : '生成', exact: true });
        expect(await mint.isDisabled()).toBe(true);

        // A scrutineer: the appointed member, by the roll's name.
        await role.selectOption('scrutineer');
        const scrutineer = page.getByLabel(
          lang === 'en' ? 'Scrutineer (from the list the meeting approved)' : '监票人（从大会通过的名单中选）',
        );
        const offered = await scrutineer
          .locator('option')
          .evaluateAll((os) => os.filter((o) => (o as HTMLOptionElement).value).map((o) => o.textContent));
        expect(offered).toEqual([SCRUTINEER.name]);
        await scrutineer.selectOption(SCRUTINEER.memberId);
        await mint.click();
        await waitForText(page, '[data-testid="minted-scrutineer"]', SCRUTINEER.name);

        // 计票人乙 picked, then replaced by the meeting before the click: the server refuses, in words.
        await role.selectOption('teller');
        await teller.selectOption('计票人乙');
        await api.command(m.meetingId, m.credentials.chair, 'AppointOfficers', {
          scrutineers: [SCRUTINEER.memberId],
          tellers: [{ name: '计票人甲' }, { name: '计票人丙' }],
          vote,
        });
        await page.waitForFunction(() =>
          [...document.querySelectorAll('option')].some((o) => o.textContent === '计票人丙'),
        );
        // The stale choice stays, marked, until the chair picks again; the server says why it is refused.
        expect(await teller.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe(
          lang === 'en' ? '计票人乙 (no longer appointed)' : '计票人乙（已不在大会通过的名单中）',
        );
        await mint.click();
        const refusal =
          lang === 'en'
            ? '计票人乙 is not an officer the meeting appointed'
            : '计票人乙不是会议表决通过的监票人或计票人';
        await page.getByText(refusal).first().waitFor();
        await screenshot(page, `officer-links-${lang}-${width}.png`);

        // Nothing wider than the screen: the elements that reach past it, named, if any.
        const wide = await page.evaluate(() =>
          [...document.querySelectorAll('body *')]
            // A table scrolls inside its own frame (.table-wrap); the page itself must not.
            .filter(
              (el) =>
                !el.parentElement?.closest('.table-wrap') && el.getBoundingClientRect().right > window.innerWidth + 1,
            )
            .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 1))
            .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${(el.textContent ?? '').slice(0, 40)}`),
        );
        expect({ overflow: (await pageOverflow(page)).width, wide }).toEqual({ overflow: 0, wide: [] });
        if (lang === 'en') {
          const names = [...ROLL.map((x) => x.name), '计票人甲', '计票人乙', '计票人丙', '第三党支部'];
          const offending = (await accessibleText(page))
            .split('\n')
            .filter((l) => CJK.test(l) && !names.some((n) => l.includes(n)));
          expect(offending).toEqual([]);
        }
        expect(pageErrors(page)).toEqual([]);
      } finally {
        await context.close();
      }
    }, 120_000);
  }

  it('says what to do before any officers are appointed, in both languages', async () => {
    const m = await meeting(false);
    for (const lang of ['zh', 'en'] as const) {
      const { context, page } = await newPage(browser, { width: 390, height: 844 });
      try {
        await openTab(page, m, lang);
        await roleSelect(page, lang).selectOption('teller');
        const notice = page.locator('[data-testid="officers-none"]');
        await notice.waitFor();
        expect(await notice.textContent()).toBe(
          lang === 'en'
            ? 'The meeting has not approved scrutineers and tellers yet. Approve them under the agenda first, then create their links.'
            : '大会尚未表决通过监票人、计票人。请先在“议程与选举”中表决通过，再为他们生成链接。',
        );
        expect(
          await page.getByRole('button', { name: lang === 'en' ? 'Create' : '生成', exact: true }).isDisabled(),
        ).toBe(true);
        expect(await visibleText(page)).not.toContain('undefined');
        await screenshot(page, `officer-links-none-${lang}-390.png`);
      } finally {
        await context.close();
      }
    }
  }, 120_000);
});

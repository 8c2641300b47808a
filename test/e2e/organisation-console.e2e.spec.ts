import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { MintedOrganisationCredential, OpenedElection } from '@tallyroom/contracts';
import { countyAdmin, countyApprover, mintOrgCredential } from '../support/organisation.js';
import { launchBrowser, newPage, pageErrors, screenshot, visibleText } from './support/browser.js';
import { pageOverflow } from './support/layout.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * Issue 23, point 1, in the browser: the county's admin link opens its console (the tree, the forms), adds a branch,
 * and schedules a meeting under the branch; a viewer's link shows the tree and no form; the home page without an
 * organisation's link explains where scheduling went instead of offering a form that would be refused.
 */
describe('the organisation console', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ env: { TALLYROOM_DEMO: 'off' } });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an org-admin adds a branch and schedules its meeting there (1440, 390)', async () => {
    const { organisationId, token } = await countyAdmin(server.url);
    const { page } = await newPage(browser, { width: 1440, height: 900 });
    await page.goto(`${server.url}/o/${organisationId}#t=${token}`);
    await page.locator('#org-tree-title').waitFor();
    // The token leaves the address bar at once.
    expect(page.url()).not.toContain(token);
    expect(await visibleText(page)).toContain('测试县委组织部');

    await page.locator('[data-testid="create-organisation"] input').first().fill('城关镇第一党支部');
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/organisations') && r.request().method() === 'POST'),
      page.locator('[data-testid="create-organisation"] button[type="submit"]').click(),
    ]);
    expect(created.status()).toBe(201);
    const branchId = ((await created.json()) as { organisationId: string }).organisationId;
    await page.getByRole('button', { name: '城关镇第一党支部' }).click();
    expect(await visibleText(page)).toContain('下方的会议和换届将建在：城关镇第一党支部');
    // A branch has no organisations below it (P-31): with it selected, the console offers no such form.
    expect(await page.locator('[data-testid="create-organisation"]').count()).toBe(0);

    // The schedule form's inputs line up (hints under two of them once staggered the row), and the rules'
    // choice shows its whole name.
    const tops = await Promise.all(
      ['#m-title', '#m-org', '#m-date', '#m-start', '#m-zone'].map(
        async (id) => (await page.locator(id).boundingBox())!.y,
      ),
    );
    for (const y of tops) expect(Math.abs(y - tops[0]!)).toBeLessThan(2);
    // The chosen rules' name, set in the select's own font, fits inside it (its arrow and padding aside).
    const fits = await page.locator('#m-ruleset').evaluate((e) => {
      const select = e as HTMLSelectElement;
      const probe = document.createElement('span');
      probe.style.font = getComputedStyle(select).font;
      probe.style.whiteSpace = 'nowrap';
      probe.textContent = select.selectedOptions[0]!.textContent;
      document.body.append(probe);
      const text = probe.getBoundingClientRect().width;
      probe.remove();
      return { text, room: select.clientWidth - 40 };
    });
    expect(fits.text).toBeLessThanOrEqual(fits.room);
    await page.fill('#m-title', '城关镇第一党支部换届选举党员大会');
    await page.fill('#m-org', '城关镇第一党支部');
    const [scheduled] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/meetings') && r.request().method() === 'POST'),
      page.locator('form[aria-labelledby="schedule-title"] button[type="submit"]').click(),
    ]);
    expect(scheduled.status()).toBe(201);
    expect(JSON.parse(scheduled.request().postData() ?? '{}')).toMatchObject({ organisationId: branchId });
    await page.locator('[data-testid="link-chair"]').waitFor();
    expect((await pageOverflow(page)).width).toBeLessThanOrEqual(0);
    await screenshot(page, 'organisation-console-1440.png');
    expect(pageErrors(page)).toEqual([]);

    // Two levels more, with names as long as a real 机关 tree's: on a phone the tree wraps them, the page stays put.
    let parentId = organisationId;
    for (const [name, kind] of [
      ['县直机关工作委员会（机关一工委）', 'committee'],
      ['县发展和改革局机关第二党支部委员会', 'branch'],
    ] as const) {
      const res = await fetch(`${server.url}/api/organisations`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name, kind, parentId }),
      });
      expect(res.status).toBe(201);
      parentId = ((await res.json()) as { organisationId: string }).organisationId;
    }
    const phone = await newPage(browser, { width: 390, height: 844 });
    await phone.page.goto(`${server.url}/o/${organisationId}#t=${token}`);
    await phone.page.getByRole('button', { name: '城关镇第一党支部' }).waitFor();
    await phone.page.getByRole('button', { name: '县发展和改革局机关第二党支部委员会' }).waitFor();
    expect((await pageOverflow(phone.page)).width).toBeLessThanOrEqual(0);
    // The credentials table is a block of labelled lines on a phone: nothing of it scrolls sideways in its box.
    const credentials = phone.page.locator('[data-testid="organisation-credentials-table"]');
    await credentials.waitFor();
    expect(await credentials.evaluate((t) => t.scrollWidth - t.parentElement!.clientWidth)).toBeLessThanOrEqual(0);
    expect(
      await credentials
        .locator('td[data-label]')
        .first()
        .evaluate((td) => getComputedStyle(td).display),
    ).toBe('block');
    await screenshot(phone.page, 'organisation-console-390.png');
    await phone.context.close();
    await page.context().close();
  }, 90_000);

  it('an org-admin lists the chosen organisation’s credentials and revokes one with its reason, never its own link', async () => {
    const { organisationId, token } = await countyAdmin(server.url);
    const { page } = await newPage(browser, { width: 1280, height: 900 });
    await page.goto(`${server.url}/o/${organisationId}#t=${token}`);
    const panel = page.locator('[data-testid="organisation-credentials"]');
    await panel.locator('tbody tr').first().waitFor();
    // Only the admin link this page opened with: marked as in use, with nothing to revoke it by.
    expect(await panel.locator('tbody tr').count()).toBe(1);
    expect(await panel.innerText()).toContain('本页正在使用');
    expect(await panel.getByRole('button', { name: /撤销凭证/ }).count()).toBe(0);

    // A viewer for the board's tablet, minted with a label, appears in the list at once.
    const mint = page.locator('[data-testid="mint-organisation-credential"]');
    await mint.locator('select').selectOption('org-viewer');
    await mint.locator('input').fill('会议室平板');
    const [minted] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/credentials') && r.request().method() === 'POST'),
      mint.locator('button[type="submit"]').click(),
    ]);
    const viewer = (await minted.json()) as MintedOrganisationCredential;
    const row = panel.locator('tr', { hasText: viewer.credentialId });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/查看人\s+会议室平板/);
    const viewerRead = () =>
      fetch(`${server.url}/api/organisations/${organisationId}`, {
        headers: { authorization: `Bearer ${viewer.token}` },
      }).then((r) => r.status);
    expect(await viewerRead()).toBe(200);

    // Revoking asks for the reason; without one it cannot be confirmed.
    await row.getByRole('button', { name: `撤销凭证 ${viewer.credentialId}` }).click();
    const dialog = page.locator('dialog[open]');
    const confirm = dialog.getByRole('button', { name: '撤销', exact: true });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.locator('textarea').fill('平板遗失');
    const [revoked] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/commands') && r.request().method() === 'POST'),
      confirm.click(),
    ]);
    expect(revoked.status()).toBe(200);
    expect(JSON.parse(revoked.request().postData() ?? '{}')).toMatchObject({
      type: 'RevokeOrganisationCredential',
      data: { credentialId: viewer.credentialId, reason: '平板遗失' },
    });
    await row.getByText('已撤销').waitFor();
    expect(await viewerRead()).toBe(401);
    expect(pageErrors(page)).toEqual([]);
    await screenshot(page, 'organisation-credentials-1280.png');
    await page.context().close();
  }, 60_000);

  it("a viewer's link shows the tree and no form; the home page without a link says where to go", async () => {
    const { organisationId, token } = await countyAdmin(server.url);
    const res = await fetch(`${server.url}/api/organisations/${organisationId}/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ role: 'org-viewer' }),
    });
    const viewer = (await res.json()) as MintedOrganisationCredential;
    expect(res.status).toBe(201);
    const { page } = await newPage(browser, { width: 1440, height: 900 });
    await page.goto(viewer.link.replace(/^https?:\/\/[^/]+/, server.url));
    await page.locator('#org-tree-title').waitFor();
    expect(await visibleText(page)).toContain('查看人');
    // A viewer creates nothing, so the console does not say where new meetings would go.
    expect(await visibleText(page)).not.toContain('将建在');
    expect(await page.locator('#m-title').count()).toBe(0);
    expect(await page.locator('[data-testid="create-organisation"]').count()).toBe(0);

    const fresh = await newPage(browser, { width: 1440, height: 900 });
    await fresh.page.goto(`${server.url}/`);
    await fresh.page.locator('#needs-organisation').waitFor();
    expect(await fresh.page.locator('#m-title').count()).toBe(0);
    expect(await visibleText(fresh.page)).toContain('组织管理员的链接');
    await fresh.context.close();
    await page.context().close();
  }, 60_000);

  // P-31: a branch's own approver reads its 请示 in the worklist but the county answers it, and the console says so
  // instead of a link whose form would be refused (403 NOT_UPPER_ORGANISATION).
  it("the worklist links the county's approver to the branch's 请示, and tells the branch's own approver it awaits the county (1280, 390)", async () => {
    const county = await countyAdmin(server.url);
    const post = async <T>(path: string, token: string, body: unknown): Promise<T> => {
      const res = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as T;
      expect(res.status, JSON.stringify(json)).toBeLessThan(300);
      return json;
    };
    const { organisationId: branch } = await post<{ organisationId: string }>('/api/organisations', county.token, {
      name: '城关镇第二党支部',
      kind: 'branch',
      parentId: county.organisationId,
    });
    const branchAdmin = (await mintOrgCredential(server.url, branch, county.token, 'org-admin')).token;
    const own = (await mintOrgCredential(server.url, branch, branchAdmin, 'approver')).token;
    const e = await post<OpenedElection>('/api/elections', branchAdmin, {
      organisation: '城关镇第二党支部',
      offices: [{ office: 'committee-member', seats: 3 }],
      organisationId: branch,
    });
    await post(`/api/elections/${e.electionId}/commands`, e.credentials.chair, {
      type: 'SubmitReport',
      data: { kind: 'request', submittedOn: new Date().toISOString().slice(0, 10), reference: '城关二支〔2026〕1号' },
    });
    const item = `[data-testid="pending-reports"] [data-election="${e.electionId}"]`;

    const { page } = await newPage(browser, { width: 390, height: 844 });
    await page.goto(`${server.url}/o/${branch}#t=${own}`);
    await page.locator(item).waitFor();
    expect(await page.locator(item).textContent()).toContain('城关二支〔2026〕1号');
    expect(await page.locator(item).textContent()).toContain('待上级组织批复');
    expect(await page.locator(`${item} a`).count()).toBe(0);
    expect((await pageOverflow(page)).width).toBeLessThanOrEqual(0);
    await screenshot(page, 'organisation-worklist-own-approver-390.png');

    const upper = await newPage(browser, { width: 1280, height: 900 });
    const approver = (await countyApprover(server.url)).token;
    await upper.page.goto(`${server.url}/o/${county.organisationId}#t=${approver}`);
    await upper.page.locator(item).waitFor();
    expect(await upper.page.locator(item).textContent()).not.toContain('待上级组织批复');
    expect(await upper.page.locator(`${item} a`).getAttribute('href')).toBe(
      `/e/${encodeURIComponent(e.electionId)}/approver#t=${approver}`,
    );
    await screenshot(upper.page, 'organisation-worklist-county-approver-1280.png');
    expect(pageErrors(page)).toEqual([]);
    expect(pageErrors(upper.page)).toEqual([]);
    await upper.context.close();
    await page.context().close();
  }, 60_000);
});

import type { Page } from 'playwright-core';

/** Waits until the status line says the screen holds a live view. */
export async function waitForLive(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('[data-testid="status-line"]')?.classList.contains('status-live'),
    undefined,
    { timeout },
  );
}

/** A big attendance number: expected, presentVoters, attendeesWithoutVote, excluded. */
export async function figure(page: Page, key: string): Promise<string | null> {
  return page.textContent(`[data-testid="figure-${key}"] dd`);
}

export async function quorumVerdict(page: Page): Promise<{ met: boolean | null; text: string }> {
  const el = page.locator('[data-testid="quorum-verdict"]');
  const met = await el.getAttribute('data-met');
  return { met: met === null ? null : met === 'true', text: (await el.textContent()) ?? '' };
}

export async function waitForText(page: Page, selector: string, text: string, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    ([s, t]) => document.querySelector(s!)?.textContent?.includes(t!) ?? false,
    [selector, text],
    { timeout },
  );
}

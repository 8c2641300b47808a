import type { Page } from 'playwright-core';

/** How far the page reaches past the viewport: `width` > 0 means a sideways scroll on a phone. */
export async function pageOverflow(page: Page): Promise<{ width: number; height: number }> {
  return page.evaluate(() => ({
    width: document.documentElement.scrollWidth - window.innerWidth,
    height: document.documentElement.scrollHeight - window.innerHeight,
  }));
}

/**
 * Pairs of pieces of text under `root` that are drawn over one another. Each text node's lines are taken as
 * boxes one em high around their middle (the ink of a CJK line, not its line box, so two lines set tight do
 * not count), and, when `canvasToo`, every chart canvas is a box as well: an HTML label on a chart counts.
 * Text a reader cannot see (visually hidden, clipped, display: none) is left out.
 */
export async function overlappingText(page: Page, root: string, canvasToo = true): Promise<string[]> {
  return page.evaluate(
    ([rootSel, withCanvas]) => {
      type Box = { what: string; owner: number; l: number; t: number; r: number; b: number };
      const base = document.querySelector(rootSel as string);
      if (!base) return [`no element ${String(rootSel)}`];
      const hidden = (el: Element | null): boolean => {
        for (let e = el; e; e = e.parentElement) {
          const s = getComputedStyle(e);
          if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') return true;
          if (s.clip && s.clip !== 'auto') return true;
          if (s.clipPath && s.clipPath !== 'none') return true;
        }
        return false;
      };
      const boxes: Box[] = [];
      const walker = document.createTreeWalker(base, NodeFilter.SHOW_TEXT);
      let owner = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        owner++;
        const text = n.textContent?.trim();
        const el = n.parentElement;
        if (!text || !el || el.closest('.chart-box') || hidden(el)) continue;
        const em = parseFloat(getComputedStyle(el).fontSize);
        const range = document.createRange();
        range.selectNodeContents(n);
        for (const r of range.getClientRects()) {
          if (r.width < 1 || r.height < 1) continue;
          const mid = (r.top + r.bottom) / 2;
          boxes.push({ what: text.slice(0, 24), owner, l: r.left, r: r.right, t: mid - em / 2, b: mid + em / 2 });
        }
      }
      if (withCanvas)
        for (const c of base.querySelectorAll('.chart-box')) {
          const r = c.getBoundingClientRect();
          boxes.push({ what: '[chart]', owner: ++owner, l: r.left, r: r.right, t: r.top, b: r.bottom });
        }
      const out: string[] = [];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!;
          const b = boxes[j]!;
          if (a.owner === b.owner) continue;
          const w = Math.min(a.r, b.r) - Math.max(a.l, b.l);
          const h = Math.min(a.b, b.b) - Math.max(a.t, b.t);
          if (w > 1 && h > 1) out.push(`"${a.what}" overlaps "${b.what}" (${Math.round(w)}×${Math.round(h)} px)`);
        }
      return out;
    },
    [root, canvasToo] as const,
  );
}

/** Scroll boxes under `root` whose content is wider or taller than the box: something in them is cut off. */
export async function clippedBoxes(page: Page, root: string, selector: string): Promise<string[]> {
  return page.evaluate(
    ([rootSel, sel]) =>
      [...document.querySelectorAll(`${rootSel} ${sel}`)]
        .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
        .map(
          (el) =>
            `${el.className}: content ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`,
        ),
    [root, selector] as const,
  );
}

// Waits on a condition for the browser specs, in place of fixed sleeps: each names what it waits for.
import { expect, type Page } from '@playwright/test';

/**
 * Two animation frames: whatever the last change scheduled has run — a scroll event and the
 * virtualiser's re-render, a chart's redraw (uPlot draws in a microtask after it is created or
 * resized), the effects of a React commit.
 */
export async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * The page shows the overview generated at `generatedAt`: the top bar's "updated" names the
 * response it renders in its title, and the shell and the page render the same query's data.
 */
export async function overviewShown(page: Page, generatedAt: string): Promise<void> {
  const escaped = generatedAt.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await expect(page.getByTestId('updated-ago')).toHaveAttribute('title', new RegExp(`generated ${escaped} `));
}

/** Nothing on the page says it is loading (no "Loading…", no aria-busy), and what that drew is drawn. */
export async function loaded(page: Page): Promise<void> {
  await expect(page.getByText(/Loading/)).toHaveCount(0);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await nextFrames(page);
}

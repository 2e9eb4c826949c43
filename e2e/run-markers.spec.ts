// Bot restarts and version changes on the deep dive's charts (issue 19) in real Chromium against the
// real server (embedded store, the simulator's default 7 seeded days, whose newest two days hold
// several runs and version changes): the price chart draws one marker per run that the API says
// began in the page's range — counted from the API's `runs`, not from its `starts` — each of the
// kind the API gives it, and no other; the daily P&L chart of the analytics tab marks the same runs;
// hovering a line says what happened; screenshots at 1440 and 390 px in both themes
// (test-results/run-markers-*.png), with labels that never overlap on the phone.
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { MarketsResponse, RunsResponse } from '../src/api/types.js';
import { startDashboard, type RunningServer } from './server.js';
import { nextFrames } from './waits.js';

let server: RunningServer;
let market = '';

test.beforeAll(async ({ request }) => {
  test.setTimeout(180_000);
  server = await startDashboard([]);
  const res = await request.get(`${server.url}/api/v1/markets?env=demo`);
  expect(res.ok()).toBe(true);
  const configs = (await res.json()) as MarketsResponse;
  market = configs.items.find((c) => c.enabled)?.marketId ?? '';
  expect(market).not.toBe('');
});
test.afterAll(async () => server?.stop());

/** The runs body the page itself received (the range ends "now" and the simulator keeps running). */
function captureRuns(page: Page): RunsResponse[] {
  const bodies: RunsResponse[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/runs?') && r.ok())
      void r.json().then(
        (b: RunsResponse) => bodies.push(b),
        () => undefined,
      );
  });
  return bodies;
}

async function pageRange(page: Page): Promise<{ from: string; to: string }> {
  const root = page.getByTestId('market-page');
  return {
    from: (await root.getAttribute('data-from')) ?? '',
    to: (await root.getAttribute('data-to')) ?? '',
  };
}

/** The runs the API lists as beginning in [from, to] (its id's second counts, as the walk's). */
function startedIn(body: RunsResponse, from: string, to: string): string[] {
  const a = Date.parse(from);
  const b = Date.parse(to);
  return body.runs
    .filter((r) => r.start !== null && Date.parse(r.start) + 1_000 > a && Date.parse(r.start) <= b)
    .map((r) => r.runId)
    .sort();
}

async function markersOf(chart: Locator) {
  return chart.locator('[data-testid="run-marker"]').evaluateAll((els) =>
    els.map((e) => {
      const d = (e as HTMLElement).dataset;
      return {
        runId: d['runId'] ?? '',
        kind: d['kind'] ?? '',
        version: d['version'] ?? '',
        label: d['label'] ?? '',
      };
    }),
  );
}

async function openDeepDive(
  page: Page,
  query = '',
): Promise<RunsResponse & { range: { from: string; to: string } }> {
  const bodies = captureRuns(page);
  await page.goto(`${server.url}/market?m=${encodeURIComponent(market)}&env=demo&tz=UTC${query}`);
  await expect(page.getByTestId('price-chart').locator('canvas').first()).toBeVisible({ timeout: 30_000 });
  // The list under the chart appears once the runs answer is in (a count, or "no restart").
  await expect(page.getByTestId('price-run-markers')).toBeAttached({ timeout: 30_000 });
  // The book series is in too (the chart then holds all it will): the screenshots show the book.
  // The markers do not wait for it — the x axis spans the page's range from the first fill on
  // (priceXRange, unit-tested) — but a chart half loaded is no picture of the page.
  await expect(page.getByTestId('price-panel').getByText('updating…')).toHaveCount(0, { timeout: 30_000 });
  await expect(
    page.getByTestId('price-panel').getByText(/decision in force at [\d,]+ evenly spaced times/),
  ).toBeVisible();
  await nextFrames(page);
  const range = await pageRange(page);
  // The newest answer for the page's range: the one it renders (a refetch may have followed).
  const body = bodies
    .filter((b) => Date.parse(b.from) === Date.parse(range.from) && Date.parse(b.to) === Date.parse(range.to))
    .at(-1);
  expect(body, 'the page asked GET /runs for its own range').toBeDefined();
  return { ...(body as RunsResponse), range };
}

test('price chart: one marker per run start the API reports in the range, of the API’s kind', async ({
  page,
}) => {
  const body = await openDeepDive(page);
  const want = startedIn(body, body.range.from, body.range.to);
  // The simulator restarts the bot several times in its newest two days: the check is not vacuous.
  expect(want.length).toBeGreaterThan(0);
  const chart = page.getByTestId('price-chart');
  const drawn = await markersOf(chart);
  expect(drawn.map((d) => d.runId).sort()).toEqual(want);
  expect(await chart.getByTestId('run-markers').getAttribute('data-count')).toBe(String(want.length));
  // Each marker is the kind the API says: a version change only where the version changed.
  for (const d of drawn) {
    const s = body.starts.find((x) => x.runId === d.runId);
    expect(s, d.runId).toBeDefined();
    expect(d.kind, d.runId).toBe(s?.versionChanged ? 'version' : 'restart');
    if (d.kind === 'version') expect(d.version).toBe(s?.version);
  }
  // The same markers in words for screen readers.
  await expect(page.getByTestId('price-run-markers')).toHaveAttribute('data-count', String(want.length));

  // Hovering a marker's line shows what happened there. The chart sits below the fold of a 720 px
  // viewport: scrolled into view first, or the mouse would move outside the page.
  await chart.scrollIntoViewIfNeeded();
  const first = chart.locator('[data-testid="run-marker"]').first();
  const box = await first.boundingBox();
  const plot = await chart.locator('.u-over').boundingBox();
  expect(box && plot).toBeTruthy();
  if (box && plot) {
    await page.mouse.move(box.x, plot.y + plot.height / 2);
    const tip = chart.getByRole('tooltip');
    await expect(tip).toBeVisible();
    await expect(tip).toContainText(/Bot restart|Version change/);
    await expect(tip).toContainText(drawn[0]?.runId ?? '');
  }
});

test('daily P&L chart: the same run starts, in their days', async ({ page }) => {
  const body = await openDeepDive(page, '&tab=analytics');
  const want = startedIn(body, body.range.from, body.range.to);
  const chart = page.getByTestId('market-quality-daily-chart');
  await expect(chart.locator('canvas').first()).toBeVisible({ timeout: 30_000 });
  await nextFrames(page);
  const drawn = await markersOf(chart);
  expect(drawn.map((d) => d.runId).sort()).toEqual(want);
  await expect(page.getByTestId('daily-run-markers')).toHaveAttribute('data-count', String(want.length));
});

test('a range with no run start draws no marker', async ({ page, request }) => {
  // The last hour of the newest run, if it began more than an hour ago; else the test says so.
  const now = Date.now();
  const from = new Date(now - 60 * 60_000).toISOString();
  const to = new Date(now - 30 * 60_000).toISOString();
  const res = await request.get(
    `${server.url}/api/v1/markets/${encodeURIComponent(market)}/runs?env=demo&from=${from}&to=${to}`,
  );
  const probe = (await res.json()) as RunsResponse;
  test.skip(probe.starts.length > 0, 'the simulator restarted the bot within the last hour');
  const body = await openDeepDive(page, `&range=custom&from=${from}&to=${to}`);
  expect(startedIn(body, body.range.from, body.range.to)).toEqual([]);
  await expect(page.getByTestId('price-chart').locator('[data-testid="run-marker"]')).toHaveCount(0);
  await expect(page.getByTestId('price-run-markers')).toHaveAttribute('data-count', '0');
});

for (const size of [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
]) {
  for (const theme of ['light', 'dark'] as const) {
    test(`run markers screenshot, ${size.name} ${theme}: labels never overlap`, async ({ browser }) => {
      const context = await browser.newContext({
        viewport: { width: size.width, height: size.height },
        colorScheme: theme,
      });
      const page = await context.newPage();
      const body = await openDeepDive(page);
      const chart = page.getByTestId('price-chart');
      const drawn = await markersOf(chart);
      expect(drawn.map((d) => d.runId).sort()).toEqual(startedIn(body, body.range.from, body.range.to));
      // The labels drawn never overlap (placeLabels thins them on a narrow plot; lines all stay).
      const boxes = await chart
        .locator('[data-testid="run-marker"]:not([data-label=""])')
        .evaluateAll((els) =>
          els
            .map((e) => ({
              left: Number((e as HTMLElement).dataset['labelLeft']),
              width: Number((e as HTMLElement).dataset['labelWidth']),
            }))
            .sort((a, b) => a.left - b.left),
        );
      for (let i = 1; i < boxes.length; i++)
        expect(boxes[i]!.left).toBeGreaterThanOrEqual(boxes[i - 1]!.left + boxes[i - 1]!.width);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      // The sticky top bar would be drawn over whatever part of a panel is scrolled under it.
      const unstick = '.topbar { position: static !important; }';
      await page.getByTestId('price-panel').screenshot({
        path: `test-results/run-markers-price-${size.name}-${theme}.png`,
        style: unstick,
      });
      await page.goto(`${server.url}/market?m=${encodeURIComponent(market)}&env=demo&tz=UTC&tab=analytics`);
      const daily = page.getByTestId('market-quality-daily-chart');
      await expect(daily.locator('canvas').first()).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId('daily-run-markers')).toBeAttached({ timeout: 30_000 });
      await nextFrames(page);
      // The attribution chart: its heading, legend, chart and the list of restarts under it.
      const heading = page
        .getByTestId('market-quality')
        .getByRole('heading', { name: /Attribution per day/ });
      await heading.scrollIntoViewIfNeeded();
      const top = await heading.boundingBox();
      const bottom = await page.getByTestId('daily-run-markers').boundingBox();
      const col = await daily.boundingBox();
      expect(top && bottom && col).toBeTruthy();
      if (top && bottom && col)
        await page.screenshot({
          path: `test-results/run-markers-pnl-${size.name}-${theme}.png`,
          style: unstick,
          clip: {
            x: Math.max(0, col.x - 8),
            y: Math.max(0, top.y - 6),
            width: Math.min(size.width - Math.max(0, col.x - 8), col.width + 16),
            height: bottom.y + bottom.height + 6 - Math.max(0, top.y - 6),
          },
        });
      await context.close();
    });
  }
}

// The Quality page and the deep dive's quality figures in real Chromium against the real server
// (embedded store, the simulator's 7 seeded days): the table is the API's markets with the API's
// figures, the identity adds up to the cent, the charts are drawn, the exports are links to the
// same range, the deep dive shows the market's panel and the fills' edge; screenshots at 1440 and
// 390 px in both themes (test-results/quality-*.png) for a person to look at.
import { expect, test, type APIRequestContext } from '@playwright/test';
import type { FillsResponse, MarketQualityResponse, QualityResponse } from '../src/api/types.js';
import { attributionIdentity } from '../web/src/pages/quality/quality-rows.js';
import { startDashboard, type RunningServer } from './server.js';
import { nextFrames } from './waits.js';

let server: RunningServer;

async function api<T>(
  request: APIRequestContext,
  path: string,
  params: Record<string, string | number>,
): Promise<T> {
  const qs = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  const res = await request.get(`${server.url}${path}?${qs}`);
  expect(res.ok(), `${path}?${qs} → ${res.status()}`).toBe(true);
  return (await res.json()) as T;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startDashboard([]);
});
test.afterAll(async () => server?.stop());

test('quality page: the API’s markets and figures, an identity that adds up, charts and exports', async ({
  page,
  request,
}) => {
  // The bodies the page itself received: the range ends "now" and the simulator keeps trading, so
  // a separate request a moment later can differ by a fill.
  const bodies: QualityResponse[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/v1/quality?') && r.ok())
      void r.json().then(
        (b: QualityResponse) => bodies.push(b),
        () => undefined,
      );
  });
  await page.goto(`${server.url}/quality?env=demo&tz=UTC`);
  await expect(page.getByTestId('quality-table')).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => bodies.length).toBeGreaterThan(0);
  const body = bodies[0]!;
  expect(body.markets.length).toBeGreaterThan(3);
  // Every market of the body is a row (the simulator's flows make their figures differ).
  const rowIds = await page
    .getByTestId('quality-table')
    .locator('tbody tr[data-row-id]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-id')));
  expect([...rowIds].sort()).toEqual(body.markets.map((m) => m.marketId).sort());
  // The identity shown is one of the page's bodies', and its figures add up to the cent.
  for (const b of bodies) expect(attributionIdentity(b.all.attribution).holds).toBe(true);
  const identity = page.getByTestId('quality-identity-text');
  await expect
    .poll(async () => {
      const text = await identity.textContent();
      return bodies.some((b) => attributionIdentity(b.all.attribution).text === text);
    })
    .toBe(true);
  const edges = body.markets.map((m) => m.markouts.edge.perContractCents).filter((v) => v !== null);
  expect(new Set(edges.map((v) => v.toFixed(1))).size).toBeGreaterThan(1);
  // Charts drawn (uPlot canvases), exports for the same range.
  await expect(page.getByTestId('quality-curve-chart').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('quality-daily-chart').locator('canvas').first()).toBeVisible();
  const csv = await page.getByTestId('quality-export-csv').getAttribute('href');
  expect(csv).toContain('/api/v1/quality?');
  expect(csv).toContain('format=csv');
  const res = await request.get(`${server.url}${csv}`);
  expect(res.ok()).toBe(true);
  expect((await res.text()).split('\n')[0]).toContain('marketId');
});

test('deep dive: the analytics tab’s quality panel and the fills’ edge at fill', async ({
  page,
  request,
}) => {
  const all = await api<QualityResponse>(request, '/api/v1/quality', { env: 'demo', days: 7, tz: 'UTC' });
  const busiest = [...all.markets].sort((a, b) => b.fills.fills - a.fills.fills)[0]!;
  const m = encodeURIComponent(busiest.marketId);
  await page.goto(`${server.url}/market?m=${m}&env=demo&range=7d&tz=UTC&tab=analytics`);
  await expect(page.getByTestId('market-quality-identity-text')).toBeVisible({ timeout: 30_000 });
  const root = page.getByTestId('market-page');
  const range = {
    from: (await root.getAttribute('data-from')) ?? '',
    to: (await root.getAttribute('data-to')) ?? '',
  };
  const q = await api<MarketQualityResponse>(request, `/api/v1/markets/${m}/quality`, {
    env: 'demo',
    tz: 'UTC',
    ...range,
  });
  await expect(page.getByTestId('market-quality-identity-text')).toHaveText(
    attributionIdentity(q.attribution).text,
  );
  await expect(page.getByTestId('market-quality-curve-chart').locator('canvas').first()).toBeVisible();

  await page.goto(`${server.url}/market?m=${m}&env=demo&range=7d&tz=UTC&tab=fills`);
  await expect(page.getByTestId('fills-table')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('fills-table').locator('thead')).toContainText('Edge ¢');
  const fills = await api<FillsResponse>(request, `/api/v1/markets/${m}/fills`, { env: 'demo', ...range });
  expect(fills.items.some((f) => f.edgeCents !== null)).toBe(true);
});

for (const size of [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
]) {
  for (const theme of ['light', 'dark'] as const) {
    test(`quality page screenshot, ${size.name} ${theme}: nothing wider than the screen`, async ({
      browser,
    }) => {
      const context = await browser.newContext({
        viewport: { width: size.width, height: size.height },
        colorScheme: theme,
      });
      const page = await context.newPage();
      await page.goto(`${server.url}/quality?env=demo`);
      await expect(page.getByTestId('quality-table')).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId('quality-curve-chart').locator('canvas').first()).toBeVisible();
      await nextFrames(page);
      // The page never scrolls sideways: wide tables scroll inside their own box.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `test-results/quality-${size.name}-${theme}.png`, fullPage: true });
      await context.close();
    });
  }
}

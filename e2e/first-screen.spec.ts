// The first screen in the HTML (issue 18; src/server/first-screen) in real Chromium against the real
// server (embedded store, simulated bot): without JavaScript the deep dive and Compare show the rows
// the API returns for the page's anchored range; with it the app shows the same rows and asks for
// none of that data again (it seeds its query from the page's island).
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { FirstDataIsland } from '../src/api/first-screen.js';
import type { CompareResponse, DecisionsPage, MarketsResponse } from '../src/api/types.js';
import { decisionRowId } from '../web/src/pages/market/rows.js';
import { formatDateTime } from '../web/src/format/time.js';
import { startDashboard, type RunningServer } from './server.js';

const DAY = 86_400_000;
const ROWS = '[data-testid="decisions-table"] tbody tr[data-row-id]';
const COMPARE_ROWS = '[data-testid="compare-table"] tbody tr[data-row-id]';
let server: RunningServer;
let markets: string[] = [];

test.beforeAll(async ({ request }) => {
  test.setTimeout(180_000);
  server = await startDashboard();
  const configs = (await (await request.get(`${server.url}/api/v1/markets`)).json()) as MarketsResponse;
  markets = configs.items.filter((c) => c.enabled).map((c) => c.marketId);
  expect(markets.length).toBeGreaterThan(2);
});
test.afterAll(async () => server?.stop());

/** The island of the HTML as the server sent it (the app removes it from the page). */
function islandOf(html: string): FirstDataIsland {
  const m = /<script type="application\/json" id="first-data">([\s\S]*?)<\/script>/.exec(html);
  expect(m, 'the page carries its first data').not.toBeNull();
  return JSON.parse(m?.[1] ?? '') as FirstDataIsland;
}

const deepDive = (m: string) => `/market?m=${encodeURIComponent(m)}&env=demo&range=7d`;
const compare = (ms: string[]) => `/compare?markets=${ms.map(encodeURIComponent).join(',')}&env=demo`;

async function decisionsOfRange(
  request: APIRequestContext,
  m: string,
  anchorMs: number,
): Promise<DecisionsPage> {
  const qs = new URLSearchParams({
    env: 'demo',
    from: new Date(anchorMs - 7 * DAY).toISOString(),
    to: new Date(anchorMs).toISOString(),
    limit: '50',
  });
  const res = await request.get(`${server.url}/api/v1/markets/${encodeURIComponent(m)}/decisions?${qs}`);
  expect(res.ok()).toBe(true);
  return (await res.json()) as DecisionsPage;
}

const rowIds = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-id')));

test('without JavaScript the deep dive shows the rows the API returns for its range', async ({
  browser,
  request,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const res = await page.goto(`${server.url}${deepDive(markets[0]!)}`);
  const island = islandOf((await res?.text()) ?? '');
  const api = await decisionsOfRange(request, markets[0]!, island.anchorMs);
  expect(api.items.length).toBeGreaterThan(0);
  expect(await rowIds(page, ROWS)).toEqual(api.items.map(decisionRowId));
  // The first row's time as the app writes it (UTC: no tz in the URL).
  await expect(page.locator(ROWS).first().locator('td').first()).toHaveText(
    formatDateTime(api.items[0]!.time, 'UTC'),
  );
  await context.close();
});

test('with JavaScript the deep dive shows the same rows and asks for no first page again', async ({
  page,
}) => {
  const asked: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/decisions?')) asked.push(r.url());
  });
  const res = await page.goto(`${server.url}${deepDive(markets[1]!)}`);
  const island = islandOf((await res?.text()) ?? '');
  expect(island.body, 'the data came with the HTML').not.toBeNull();
  const body = island.body as DecisionsPage;
  // React's page (its controls are not in the server's markup), with the island's rows.
  await expect(page.getByTestId('market-page')).toHaveAttribute(
    'data-to',
    new Date(island.anchorMs).toISOString(),
  );
  await expect(page.getByTestId('decisions-count')).toContainText(`${body.items.length} decisions loaded`);
  const shown = await rowIds(page, ROWS);
  expect(shown.length).toBeGreaterThan(0);
  expect(shown).toEqual(body.items.slice(0, shown.length).map(decisionRowId));
  // The next pages (a cursor) are the table's own; the first is never asked for.
  expect(asked.filter((u) => !u.includes('cursor='))).toEqual([]);
});

test('Compare: the statistics table comes with the HTML, with or without JavaScript, and is not asked for again', async ({
  browser,
  request,
}) => {
  const chosen = markets.slice(0, 3);
  // The API's answer for the lookback, asked for first: a cold comparison on this loaded machine can
  // take longer than the page waits (that time is the bench's business); the page's load, a moment
  // later, ends where this one does (the server's RecentAnchors), so it is this answer, from cache.
  const answer = async () =>
    (await (
      await request.get(`${server.url}/api/v1/compare?env=demo&markets=${chosen.join(',')}&days=7`)
    ).json()) as CompareResponse;
  const api = await answer();
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noJs.newPage();
  const first = islandOf((await (await plain.goto(`${server.url}${compare(chosen)}`))?.text()) ?? '');
  expect(first.body, 'the comparison came with the HTML').not.toBeNull();
  expect(await rowIds(plain, COMPARE_ROWS)).toEqual(chosen);
  expect((first.body as CompareResponse).to).toBe(api.to);
  expect((first.body as CompareResponse).items).toEqual(api.items);
  const staticOffset = await tableBelowTopBar(plain);
  await noJs.close();

  await answer();
  const page = await browser.newPage();
  const asked: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/compare')) asked.push(r.url());
  });
  const island = islandOf((await (await page.goto(`${server.url}${compare(chosen)}`))?.text()) ?? '');
  expect(island.body).not.toBeNull();
  // React's page: its statistics panel (the server's has no test id) with the island's rows.
  await expect(page.getByTestId('compare-stats').locator(COMPARE_ROWS)).toHaveCount(chosen.length);
  expect(await rowIds(page, COMPARE_ROWS)).toEqual(
    (island.body as CompareResponse).items.map((r) => r.marketId),
  );
  expect(asked).toEqual([]);
  // The first screen draws the page's frame (chips, the charts' panels): the table is where the app
  // keeps it, so it does not jump when the app takes over (the top bar's own height aside).
  expect(Math.abs((await tableBelowTopBar(page)) - staticOffset)).toBeLessThanOrEqual(8);
  await page.close();
});

/** The statistics table's top, in px below the top bar's bottom. */
function tableBelowTopBar(page: Page): Promise<number> {
  return page.evaluate(`(() => {
    const table = document.querySelector('[data-testid="compare-table"]').getBoundingClientRect();
    const bar = document.querySelector('.topbar').getBoundingClientRect();
    return table.top - bar.bottom;
  })()`);
}

// The pages beyond the original dashboard — Stale Positions, Risk & Alerts, Reconciliation, Compare,
// Replay — plus the exports (CSV/Excel links, the P&L chart's PNG, copy link) and the cash-balance
// card, in real Chromium against the real server (embedded store seeded by the simulator). Each
// page's figures are compared with the API's own answer, formatted as the page formats them.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { formatContracts, formatMoney, formatPercent } from '../src/core/format.js';
import { startDashboard, type RunningServer } from './server.js';
import { loaded, nextFrames } from './waits.js';

let server: RunningServer;
test.beforeAll(async () => {
  server = await startDashboard();
});
test.afterAll(async () => server?.stop());

const signedMoney = (v: number) => formatMoney(v, { plus: true });
const signedContracts = (v: number) => formatContracts(v, { plus: true });

async function api<T>(request: APIRequestContext, path: string): Promise<T> {
  const res = await request.get(`${server.url}${path}`);
  expect(res.ok(), `${path} → ${res.status()}`).toBe(true);
  return (await res.json()) as T;
}

/** Every CSV / Excel link under `scope` answers 200 with the right content type and a real file. */
async function expectDownloads(page: Page, request: APIRequestContext, testIdPrefix: string): Promise<void> {
  for (const [suffix, type] of [
    ['csv', 'text/csv'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ] as const) {
    const link = page.getByTestId(`${testIdPrefix}-${suffix}`).first();
    const href = await link.getAttribute('href');
    expect(href, `${testIdPrefix}-${suffix} href`).toMatch(new RegExp(`format=${suffix}`));
    const res = await request.get(`${server.url}${href}`);
    expect(res.status(), href ?? '').toBe(200);
    expect(res.headers()['content-type']).toContain(type);
    expect(res.headers()['content-disposition']).toContain(`.${suffix}`);
    const body = await res.body();
    if (suffix === 'xlsx') expect(body.subarray(0, 2).toString()).toBe('PK');
    else expect(body.toString().split('\r\n')[0]).toMatch(/^[a-zA-Z0-9]+(,[a-zA-Z0-9]+)+$/);
  }
}

/**
 * The newest JSON body the page itself received from an endpoint. Figures that move while the
 * simulated bot trades (exposure, chain counts, …) are compared with the answer the page rendered.
 */
function lastJson<T>(page: Page, pathname: string): () => T | null {
  let body: T | null = null;
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (u.pathname !== pathname || !r.ok() || new URLSearchParams(u.search).get('format')) return;
    r.json().then(
      (b: T) => (body = b),
      () => undefined,
    );
  });
  return () => body;
}

async function screenshots(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // The charts are re-created with the dark palette (their options depend on the theme).
  await nextFrames(page);
  await page.screenshot({ path: `test-results/${name}-dark.png`, fullPage: true });
  await page.getByTestId('theme-toggle').click();
}

async function wide(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
}

// ---------------------------------------------------------------- Stale positions

interface StaleApi {
  hours: number;
  items: { marketId: string; netPosition: number; exitOrder: boolean | null; enabled: boolean }[];
  totals: {
    count: number;
    exposure: number;
    withExitOrder: number;
    withoutExitOrder: number;
    unrealizedWorst: number;
  };
}

test('stale positions: the API’s rows and totals, hours in the URL, exports', async ({ page, request }) => {
  await wide(page);
  await page.goto(`${server.url}/stale`);
  const table = page.getByTestId('stale-table');
  await expect(table).toBeVisible();
  const stale = await api<StaleApi>(request, '/api/v1/stale?hours=48');
  // The simulator leaves positions in disabled markets untouched for days.
  expect(stale.items.length).toBeGreaterThan(0);
  await expect(table.locator('tbody tr')).toHaveCount(stale.items.length);
  const ids = await table.locator('tbody tr .market-link').allTextContents();
  expect(ids).toEqual(stale.items.map((i) => i.marketId));
  // Column 2 is "Closes in" (Kalshi market data), column 3 the net position.
  const nets = await table.locator('tbody tr td:nth-child(3) .fig').allTextContents();
  expect(nets).toEqual(stale.items.map((i) => signedContracts(i.netPosition)));
  await expect(page.getByTestId('card-stale-count').locator('.card-value')).toHaveText(
    String(stale.totals.count),
  );
  await expect(page.getByTestId('card-stale-exposure').locator('.card-value')).toContainText(
    formatContracts(stale.totals.exposure),
  );
  await expect(page.getByTestId('card-stale-without-exit').locator('.card-value')).toHaveText(
    String(stale.totals.withoutExitOrder),
  );
  await expect(page.getByTestId('stale-table-total-unrealizedWorst')).toHaveText(
    signedMoney(stale.totals.unrealizedWorst),
  );
  await expect(page.getByTestId('stale-table-total-exit')).toHaveText(
    `${stale.totals.withExitOrder} yes · ${stale.totals.withoutExitOrder} no`,
  );
  await expectDownloads(page, request, 'stale-export');
  await expect(page.getByTestId('stale-export-csv')).toHaveAttribute('href', /hours=48/);
  await screenshots(page, 'stale');

  // Another threshold: in the URL, in the request, in the exports.
  const answered = page.waitForResponse(
    (r) => r.url().includes('/api/v1/stale?') && r.url().includes('hours=24'),
  );
  await page.getByRole('button', { name: '24h', exact: true }).click();
  await answered;
  await expect(page).toHaveURL(/hours=24/);
  const day = await api<StaleApi>(request, '/api/v1/stale?hours=24');
  await expect(table.locator('tbody tr')).toHaveCount(Math.max(1, day.items.length));
  await expect(page.getByTestId('stale-export-xlsx')).toHaveAttribute('href', /hours=24/);
  await page.getByLabel('Hours', { exact: true }).fill('100000');
  await page.getByLabel('Hours', { exact: true }).press('Enter');
  await expect(page).toHaveURL(/hours=24/); // out of range: refused, not sent
  await page.reload();
  await expect(page.getByRole('button', { name: '24h', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
});

// ---------------------------------------------------------------- Risk & alerts

interface RiskApi {
  exposure: { totalLimitUse: number | null; total: number };
  risk: { lossLimitUse: number | null; tradingHalted: boolean | null; maxTotalExposure: number };
  bot: { heartbeat: string };
  markets: { marketId: string; limitUse: number | null }[];
  apiErrors: { marketId: string; count: number }[];
}
interface AlertsApi {
  active: { key: string; severity: string }[];
  resolved: unknown[];
  webhook: boolean;
  thresholds: { marketLimitUseWarn: number };
}

test('risk & alerts: limit use per market, totals, API errors and the alert list match the API', async ({
  page,
  request,
}) => {
  await wide(page);
  const riskBody = lastJson<RiskApi>(page, '/api/v1/risk');
  const alertsBody = lastJson<AlertsApi>(page, '/api/v1/alerts');
  await page.goto(`${server.url}/risk`);
  await expect(page.getByTestId('limit-bars')).toBeVisible();
  await expect(page.getByTestId('alerts-active')).toBeVisible();
  // The API answers the same as the page was told (the simulated bot keeps trading, so the page's
  // own newest answer is the reference for what is on screen).
  const fresh = await api<RiskApi>(request, '/api/v1/risk');
  expect(fresh.markets.length).toBeGreaterThan(0);
  await expect(async () => {
    const risk = riskBody();
    expect(risk).not.toBeNull();
    const shown = await page.getByTestId('limit-use').allTextContents();
    expect(shown).toEqual(
      risk!.markets.map((m) => (m.limitUse === null ? 'no limit' : formatPercent(m.limitUse))),
    );
    expect(await page.getByTestId('card-total-exposure').locator('.card-value').textContent()).toBe(
      formatPercent(risk!.exposure.totalLimitUse),
    );
    expect(await page.getByTestId('card-loss-use').locator('.card-value').textContent()).toContain(
      formatPercent(risk!.risk.lossLimitUse),
    );
    expect(await page.getByTestId('card-heartbeat').locator('.card-value').textContent()).toBe(
      risk!.bot.heartbeat.toUpperCase(),
    );
    expect(await page.getByTestId('api-error-count').allTextContents()).toEqual(
      risk!.apiErrors.map((e) => String(e.count)),
    );
  }).toPass({ timeout: 30_000, intervals: [500, 1000] });

  await expect(async () => {
    const alerts = alertsBody();
    expect(alerts).not.toBeNull();
    // Stale positions, full limits and thin spreads raise alerts in the seeded data.
    expect(alerts!.active.length).toBeGreaterThan(0);
    expect(await page.getByTestId('alerts-active').getByTestId('alert-row').count()).toBe(
      alerts!.active.length,
    );
    const severities = await page.getByTestId('alerts-active').locator('.sev').allTextContents();
    expect(severities).toEqual(alerts!.active.map((a) => a.severity));
    expect(await page.getByTestId('card-alerts').locator('.card-value').textContent()).toBe(
      String(alerts!.active.length),
    );
  }).toPass({ timeout: 30_000, intervals: [500, 1000] });
  const alerts = await api<AlertsApi>(request, '/api/v1/alerts');
  await expect(page.getByTestId('webhook-state')).toHaveText(
    alerts.webhook ? 'configured' : 'not configured',
  );
  await expect(page.getByTestId('alert-thresholds')).toContainText(
    formatPercent(alerts.thresholds.marketLimitUseWarn),
  );

  await expectDownloads(page, request, 'alerts-export');
  await expectDownloads(page, request, 'limits-export');
  // The API errors: CSV and Excel from /api/v1/risk?table=apiErrors.
  await expectDownloads(page, request, 'api-errors-export');
  const csvHref = (await page.getByTestId('api-errors-export-csv').getAttribute('href'))!;
  const csv = await request.get(`${server.url}${csvHref}`);
  expect(csv.headers()['content-disposition']).toContain('api-errors-demo.csv');
  expect((await csv.text()).split('\r\n')[0]).toBe(
    'marketId,count,lastErrorAt,lastErrorCode,lastStatusCode,lastErrorMsg',
  );
  await screenshots(page, 'risk');
});

// ---------------------------------------------------------------- Reconciliation

interface ChainsApi {
  chains: {
    marketId: string;
    noOrderEvents: boolean;
    counts: { chains: number; broken: number };
    items: { problems: string[] }[];
    orphanFills: unknown[];
  } | null;
  pnlSources: { marketId: string; realizedDiff: number }[];
  drift: { marketId: string; drift: number }[];
}

async function marketWithBrokenChains(request: APIRequestContext): Promise<string> {
  const markets = await api<{ items: { marketId: string; enabled: boolean }[] }>(request, '/api/v1/markets');
  let best: { id: string; broken: number } | null = null;
  for (const m of markets.items.filter((x) => x.enabled)) {
    const r = await api<ChainsApi>(
      request,
      `/api/v1/reconciliation?market=${encodeURIComponent(m.marketId)}&days=1`,
    );
    const broken = r.chains?.counts.broken ?? 0;
    if (!best || broken > best.broken) best = { id: m.marketId, broken };
  }
  expect(best?.broken ?? 0, 'a market with broken chains in the seeded data').toBeGreaterThan(0);
  return best!.id;
}

test('reconciliation: chains (broken ones flagged and filterable), P&L sources and drift match the API', async ({
  page,
  request,
}) => {
  await wide(page);
  const market = await marketWithBrokenChains(request);
  const reconBody = lastJson<ChainsApi>(page, '/api/v1/reconciliation');
  await page.goto(`${server.url}/reconciliation?m=${encodeURIComponent(market)}`);
  const chains = page.getByTestId('chains');
  await expect(chains).toBeVisible();
  // New decisions arrive every few seconds: the page's own newest answer is the reference.
  await expect(async () => {
    const c = reconBody()!.chains!;
    expect(c.marketId).toBe(market);
    expect(await page.getByTestId('chains-count').textContent()).toBe(String(c.counts.chains));
    expect(await page.getByTestId('chains-broken').textContent()).toBe(`${c.counts.broken} broken`);
    const shown = c.items.slice(0, 200);
    expect(await chains.getByTestId('chain').count()).toBe(shown.length);
    expect(await chains.locator('[data-testid="chain"][data-broken="true"]').count()).toBe(
      shown.filter((i) => i.problems.length > 0).length,
    );
  }).toPass({ timeout: 30_000, intervals: [500, 1000] });

  // Only broken: in the URL, sent to the API, every chain shown is broken.
  const onlyBroken = page.waitForResponse(
    (r) => r.url().includes('/api/v1/reconciliation?') && r.url().includes('broken=true'),
  );
  await page.getByTestId('only-broken').check();
  await onlyBroken;
  await expect(page).toHaveURL(/broken=1/);
  await expect(chains.locator('[data-testid="chain"][data-broken="false"]')).toHaveCount(0);
  const brokenChains = chains.getByTestId('chain');
  expect(await brokenChains.count()).toBeGreaterThan(0);
  // A chain opens to its decision, orders (status, latency, cancel) and fills.
  await brokenChains.first().locator('summary').click();
  await expect(brokenChains.first().locator('.chain-detail')).toContainText('decision');
  await expect(brokenChains.first().locator('.chain-detail')).toContainText(/Status|No order placed/);

  const r = reconBody()!;
  expect(r.chains!.items.every((i) => i.problems.length > 0)).toBe(true);
  await expect(page.getByTestId('orphan-fills').locator('.count')).toHaveText(
    String(r.chains!.orphanFills.length),
  );
  const sources = page.getByTestId('pnl-sources-table');
  await expect(sources.locator('tbody tr')).toHaveCount(r.pnlSources.length);
  const byAbsDiff = [...r.pnlSources].sort((a, b) => Math.abs(b.realizedDiff) - Math.abs(a.realizedDiff));
  expect(await sources.getByTestId('pnl-diff').allTextContents()).toEqual(
    byAbsDiff.map((s) => formatMoney(s.realizedDiff, { plus: true })),
  );
  const drift = page.getByTestId('drift-table');
  if (r.drift.length === 0) await expect(drift).toContainText('No drift');
  else await expect(drift.getByTestId('drift-value')).toHaveCount(r.drift.length);

  await expectDownloads(page, request, 'pnl-sources-export');
  await expectDownloads(page, request, 'chain-fills-export');
  await expectDownloads(page, request, 'chain-events-export');
  await page.getByTestId('only-broken').uncheck();
  await expect(page).not.toHaveURL(/broken=1/);
  await screenshots(page, 'reconciliation');
});

test('reconciliation: drift rows and the batch-mode notice render what the API says', async ({ page }) => {
  // Drift and batch mode come and go in the simulation: the page is shown them deterministically.
  await page.route('**/api/v1/reconciliation?**', async (route) => {
    const res = await route.fetch();
    const body = (await res.json()) as ChainsApi & { chains: { noOrderEvents: boolean } | null };
    body.drift = [{ marketId: 'KXTEST-DRIFT', botNet: -8, replayedNet: 2, drift: -10 } as never];
    if (body.chains) body.chains.noOrderEvents = true;
    await route.fulfill({ response: res, json: body });
  });
  const markets = await api<{ items: { marketId: string; enabled: boolean }[] }>(
    page.request,
    '/api/v1/markets',
  );
  const m = markets.items.find((x) => x.enabled)!.marketId;
  await page.goto(`${server.url}/reconciliation?m=${encodeURIComponent(m)}`);
  await expect(page.getByTestId('drift-table').getByTestId('drift-value')).toHaveText('\u221210');
  await expect(page.getByTestId('drift-table')).toContainText('KXTEST-DRIFT');
  await expect(page.getByTestId('batch-notice')).toContainText('batch mode');
});

// ---------------------------------------------------------------- Compare

interface CompareApi {
  items: { marketId: string; realized: number; fills: number; netAtEnd: number }[];
  series: { marketId: string; points: unknown[] }[];
}

async function paintedPixels(page: Page, testId: string): Promise<number> {
  return page
    .getByTestId(testId)
    .locator('canvas')
    .evaluate((c: HTMLCanvasElement) => {
      const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) n++;
      return n;
    });
}

test('compare: type-to-search, whole events, overlay charts and a sortable table that matches the API', async ({
  page,
  request,
}) => {
  await wide(page);
  const markets = await api<{ items: { marketId: string; eventTicker: string | null; enabled: boolean }[] }>(
    request,
    '/api/v1/markets',
  );
  const enabled = markets.items.filter((m) => m.enabled).map((m) => m.marketId);
  const [a, b] = enabled;
  const compareBody = lastJson<CompareApi>(page, '/api/v1/compare');
  await page.goto(`${server.url}/compare`);
  await expect(page.getByTestId('compare-empty')).toContainText('Add up to 12 markets');

  // Type to search, Enter picks the first match.
  const search = page.getByRole('combobox', { name: 'Add market' });
  await search.fill(a!);
  await search.press('Enter');
  await expect(page).toHaveURL(new RegExp(`markets=${encodeURIComponent(a!)}`));
  await search.fill(b!);
  await page.getByRole('option').filter({ hasText: b! }).first().click();
  await expect(page.getByTestId('compare-chips').locator('.chip')).toHaveCount(2);

  // All markets of an event at once.
  const byEvent = new Map<string, string[]>();
  for (const m of markets.items)
    if (m.eventTicker) byEvent.set(m.eventTicker, [...(byEvent.get(m.eventTicker) ?? []), m.marketId]);
  const event = [...byEvent.entries()].find(([, ids]) => ids.length > 1);
  if (event) {
    await search.fill(event[0]);
    await page.getByRole('option', { name: new RegExp(`All of ${event[0]}`) }).click();
    for (const id of event[1]) await expect(page.getByTestId('compare-chips')).toContainText(id);
  }
  const chosen = decodeURIComponent(new URL(page.url()).searchParams.get('markets') ?? '').split(',');
  expect(chosen.length).toBeGreaterThanOrEqual(2);

  const table = page.getByTestId('compare-table');
  await expect(table.locator('tbody tr')).toHaveCount(chosen.length);
  // Compare of several markets is a slow read on a loaded machine (docs/performance.md): wait for
  // the answer the table shows, not a fixed 5 s.
  await expect.poll(() => compareBody()?.items.length, { timeout: 30_000 }).toBe(chosen.length);
  const cmp = compareBody()!;
  // The API answers for the same markets in the same order.
  const direct = await api<CompareApi>(
    request,
    `/api/v1/compare?markets=${encodeURIComponent(chosen.join(','))}&days=7`,
  );
  expect(direct.items.map((i) => i.marketId)).toEqual(cmp.items.map((i) => i.marketId));
  expect(await table.locator('tbody tr .market-link').allTextContents()).toEqual(
    cmp.items.map((i) => i.marketId),
  );
  expect(await table.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(
    cmp.items.map((i) => signedMoney(i.realized)),
  );
  expect(await table.locator('tbody tr td:nth-child(3)').allTextContents()).toEqual(
    cmp.items.map((i) => formatContracts(i.fills)),
  );
  // Sorted by realized, largest first on the first click.
  await page.getByRole('columnheader', { name: 'Realized' }).getByRole('button').click();
  const sorted = [...cmp.items].sort((x, y) => y.realized - x.realized).map((i) => signedMoney(i.realized));
  expect(await table.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(sorted);

  // Both overlays drawn, one series per market.
  expect(await paintedPixels(page, 'compare-pnl-chart')).toBeGreaterThan(1500);
  expect(await paintedPixels(page, 'compare-position-chart')).toBeGreaterThan(1500);
  await expectDownloads(page, request, 'compare-export');
  await expect(page.getByTestId('compare-export-csv')).toHaveAttribute('href', /days=7/);

  // The range is in the URL and in the request.
  const thirty = page.waitForResponse(
    (r) => r.url().includes('/api/v1/compare?') && r.url().includes('days=30'),
  );
  await page.getByRole('button', { name: '30d', exact: true }).click();
  await thirty;
  await expect(page).toHaveURL(/range=30d/);
  await page.getByRole('button', { name: '7d', exact: true }).click();
  await expect(page.getByTestId('compare-pnl-chart').locator('canvas')).toBeVisible();
  await screenshots(page, 'compare');

  // A chart downloads as a PNG.
  const png = page.waitForEvent('download');
  await page.getByTestId('compare-pnl-png').click();
  expect((await png).suggestedFilename()).toMatch(/^dora-compare-pnl-demo\.png$/);
});

// ---------------------------------------------------------------- Replay

interface FillsApi {
  items: { time: string; realizedChange: number }[];
}
interface DecisionsApi {
  items: { time: string }[];
  nextCursor: string | null;
}

test('replay: the slider and the step buttons move through past states; figures match the API', async ({
  page,
  request,
}) => {
  await wide(page);
  // A closed window in the past (nothing new lands in it while the test compares), on the market
  // with the most fills in it, so the replay has fills to count.
  const markets = await api<{ items: { marketId: string; enabled: boolean }[] }>(request, '/api/v1/markets');
  let market: string | null = null;
  let start = '';
  let end = '';
  for (const hours of [6, 24, 72]) {
    start = new Date(Date.now() - hours * 3_600_000).toISOString();
    end = new Date(Date.now() - 60_000).toISOString();
    let most = 0;
    for (const m of markets.items.filter((x) => x.enabled)) {
      const f = await api<FillsApi>(
        request,
        `/api/v1/markets/${encodeURIComponent(m.marketId)}/fills?from=${encodeURIComponent(start)}&to=${encodeURIComponent(end)}&context=false`,
      );
      if (f.items.length > most) [most, market] = [f.items.length, m.marketId];
    }
    if (most >= 2) break;
  }
  expect(market, 'a market with fills in a recent window').not.toBeNull();
  await page.goto(`${server.url}/replay?m=${encodeURIComponent(market!)}`);
  await expect(page.getByTestId('replay-slider')).toBeVisible({ timeout: 20_000 });
  // The window chosen (the last 6 hours) is written into the URL, so the link reproduces it.
  await expect(page).toHaveURL(/start=.*end=/);
  await page.goto(
    `${server.url}/replay?m=${encodeURIComponent(market!)}&start=${encodeURIComponent(start)}&end=${encodeURIComponent(end)}`,
  );
  const slider = page.getByTestId('replay-slider');
  await expect(slider).toBeVisible({ timeout: 20_000 });

  // The API's decisions and fills of that window (the page pages decisions with the cursor).
  const decisionTimes: number[] = [];
  let cursor: string | null = null;
  do {
    const q: string = `from=${encodeURIComponent(start)}&to=${encodeURIComponent(end)}&limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page1: DecisionsApi = await api<DecisionsApi>(
      request,
      `/api/v1/markets/${encodeURIComponent(market!)}/decisions?${q}`,
    );
    decisionTimes.push(...page1.items.map((d) => Date.parse(d.time)));
    cursor = page1.nextCursor;
  } while (cursor);
  decisionTimes.sort((x, y) => x - y);
  const fills = await api<FillsApi>(
    request,
    `/api/v1/markets/${encodeURIComponent(market!)}/fills?from=${encodeURIComponent(start)}&to=${encodeURIComponent(end)}&context=false`,
  );
  const n = decisionTimes.length;
  expect(n).toBeGreaterThan(2);
  const expectedAt = (i: number) => {
    const t = decisionTimes[i]!;
    const so = fills.items.filter((f) => Date.parse(f.time) <= t);
    return { count: so.length, realized: signedMoney(so.reduce((s, f) => s + f.realizedChange, 0)) };
  };

  await expect(page.getByTestId('replay-step')).toHaveText(`decision 1 of ${n}`);
  const firstTime = await page.getByTestId('replay-time').textContent();
  await expect(page.getByTestId('replay-fills')).toContainText(
    `${expectedAt(0).count} of ${fills.items.length}`,
  );

  // The slider to the end: a later moment, every fill up to it, realized = Σ realized change.
  await slider.focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('replay-step')).toHaveText(`decision ${n} of ${n}`);
  await expect(page.getByTestId('replay-time')).not.toHaveText(firstTime ?? '');
  const last = expectedAt(n - 1);
  expect(last.count).toBeGreaterThan(0);
  await expect(page.getByTestId('replay-fills')).toContainText(`${last.count} of ${fills.items.length}`);
  await expect(page.getByTestId('replay-realized').locator('.fig')).toHaveText(last.realized);
  await expect(page.getByTestId('replay-fill-table').locator('tbody tr').first()).toBeVisible();

  // Step buttons: back one decision, then to before the previous fill.
  await page.getByTestId('step-back').click();
  await expect(page.getByTestId('replay-step')).toHaveText(`decision ${n - 1} of ${n}`);
  if (await page.getByTestId('prev-fill').isEnabled()) await page.getByTestId('prev-fill').click();
  const stepText = (await page.getByTestId('replay-step').textContent()) ?? '';
  const at = Number(/decision (\d+)/.exec(stepText)?.[1]) - 1;
  await expect(page.getByTestId('replay-fills')).toContainText(
    `${expectedAt(at).count} of ${fills.items.length}`,
  );
  await expect(page.getByTestId('replay-realized').locator('.fig')).toHaveText(expectedAt(at).realized);

  // The moment goes into the URL once stepping settles; the link reopens it.
  // (It is written 400 ms after the last step: wait for this moment's, not an earlier step's.)
  await expect
    .poll(() => new URL(page.url()).searchParams.get('t'))
    .toBe(new Date(decisionTimes[at]!).toISOString());
  const shownTime = await page.getByTestId('replay-time').textContent();
  await page.reload();
  await expect(page.getByTestId('replay-time')).toHaveText(shownTime ?? '', { timeout: 20_000 });
  // A link with only the market and the moment opens a window around that moment, at that moment.
  const t = new URL(page.url()).searchParams.get('t')!;
  await page.goto(`${server.url}/replay?m=${encodeURIComponent(market!)}&t=${encodeURIComponent(t)}`);
  await expect(page.getByTestId('replay-time')).toHaveText(shownTime ?? '', { timeout: 20_000 });
  await expect(page).toHaveURL(/start=.*end=/);
  await page.goto(
    `${server.url}/replay?m=${encodeURIComponent(market!)}&start=${encodeURIComponent(start)}&end=${encodeURIComponent(end)}&t=${encodeURIComponent(t)}`,
  );
  await expect(page.getByTestId('replay-time')).toHaveText(shownTime ?? '', { timeout: 20_000 });

  // Play moves forward by itself; pause stops it.
  await page.getByTestId('step-back').click();
  await page.getByTestId('step-back').click();
  const before = (await page.getByTestId('replay-step').textContent()) ?? '';
  await page.getByTestId('play').click();
  await expect(page.getByTestId('replay-step')).not.toHaveText(before, { timeout: 5000 });
  await page.getByTestId('play').click();
  await expect(page.getByTestId('replay-ladder')).toBeVisible();
  await expectDownloads(page, request, 'replay-fills-export');
  await screenshots(page, 'replay');
});

// ---------------------------------------------------------------- Home: balance, PNG; shell: copy link

test('home: the cash-balance card says "not configured" without credentials, dollars with them', async ({
  page,
  request,
}) => {
  const balance = await api<{ configured: boolean }>(request, '/api/v1/balance');
  expect(balance.configured).toBe(false);
  await page.goto(server.url);
  await expect(page.getByTestId('balance-not-configured')).toHaveText('not configured');
  await page.route('**/api/v1/balance**', (route) =>
    route.fulfill({
      json: {
        env: 'demo',
        configured: true,
        balanceUsd: 1234.5,
        portfolioValueUsd: 1500.25,
        fetchedAt: new Date().toISOString(),
      },
    }),
  );
  await page.reload();
  await expect(page.getByTestId('balance-usd')).toHaveText(formatMoney(1234.5));
  await expect(page.getByTestId('card-balance')).toContainText(`portfolio ${formatMoney(1500.25)}`);
});

test('home: the P&L chart downloads as a PNG image', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(server.url);
  await expect(page.getByTestId('pnl-chart').locator('canvas')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByTestId('pnl-png').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^dora-pnl-demo-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.png$/);
  const bytes = readFileSync(await file.path());
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  expect(bytes.length).toBeGreaterThan(5000);
});

test('the top bar copies the current URL', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await page.goto(`${server.url}/stale?hours=72&env=demo`);
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link')).toHaveAttribute('title', 'Link copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
});

test('the copy-link fallback works where the Clipboard API is missing', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
    const w = window as unknown as { copied: string | null };
    w.copied = null;
    const original = document.execCommand.bind(document);
    document.execCommand = (command: string, ...rest: unknown[]) => {
      if (command !== 'copy') return original(command, ...(rest as [boolean, string]));
      w.copied = document.querySelector('textarea')?.value ?? null;
      return true;
    };
  });
  await page.goto(`${server.url}/risk?env=demo`);
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link')).toHaveAttribute('title', 'Link copied');
  expect(await page.evaluate(() => (window as unknown as { copied: string | null }).copied)).toBe(page.url());
});

// ---------------------------------------------------------------- Cross-page

const PAGES = ['/stale', '/risk', '/reconciliation', '/compare', '/replay'] as const;

test('the new pages are in the nav, lazy (not in Home’s bundle) and keep the environment', async ({
  page,
}) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto(`${server.url}/?env=prod`);
  await expect(page.getByTestId('total-row')).toBeVisible();
  const homeScripts = scripts.length;
  expect(scripts.some((s) => /StalePage|RiskPage|ReconciliationPage|ComparePage|ReplayPage/.test(s))).toBe(
    false,
  );
  for (const [label, path] of [
    ['Stale', '/stale'],
    ['Risk', '/risk'],
    ['Reconciliation', '/reconciliation'],
    ['Compare', '/compare'],
    ['Replay', '/replay'],
  ] as const) {
    await page
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('link', { name: label, exact: true })
      .click();
    await expect(page).toHaveURL(new RegExp(`${path}\\?env=prod`));
    await expect(page.getByTestId('env-badge')).toHaveText('PROD');
  }
  expect(scripts.length).toBeGreaterThan(homeScripts);
});

test('a failing endpoint is a banner on the page, never a blank page', async ({ page }) => {
  for (const [path, what] of [
    ['stale', 'stale positions'],
    ['risk', 'risk figures'],
    ['reconciliation', 'reconciliation'],
  ] as const) {
    const matches = (u: URL) => u.pathname === `/api/v1/${path}`;
    await page.route(matches, (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'store_unavailable', message: 'DynamoDB did not answer' } }),
      }),
    );
    await page.goto(`${server.url}/${path}`);
    await expect(page.getByTestId('load-error').first()).toContainText(`Cannot load the ${what}`, {
      timeout: 20_000,
    });
    await expect(page.getByTestId('load-error').first()).toContainText('503 store_unavailable');
    await expect(page.getByRole('navigation', { name: 'Pages' })).toBeVisible();
    await page.unroute(matches);
  }
});

test('on a phone (390×844) no page scrolls sideways', async ({ page, request }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const markets = await api<{ items: { marketId: string; enabled: boolean }[] }>(request, '/api/v1/markets');
  const m = encodeURIComponent(markets.items.find((x) => x.enabled)!.marketId);
  for (const path of PAGES) {
    const query =
      path === '/reconciliation' || path === '/replay'
        ? `?m=${m}`
        : path === '/compare'
          ? `?markets=${m}`
          : '';
    await page.goto(`${server.url}${path}${query}`);
    await expect(page.locator('.page')).toBeVisible();
    // Measured with the page's data in: nothing left loading, what it drew drawn.
    await loaded(page);
    const [scrollWidth, innerWidth] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      window.innerWidth,
    ]);
    expect(scrollWidth, path).toBeLessThanOrEqual(innerWidth);
  }
  await page.screenshot({ path: 'test-results/replay-mobile.png', fullPage: true });
});

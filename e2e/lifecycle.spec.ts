// Issue 20, market lifecycle, in real Chromium against the real server on the embedded default (a
// fake Kalshi supplies titles and close times, some within 24 h, and settles the simulator's
// settling markets): the page shows what the response it received says — titles beside tickers,
// closes-in and the < 24 h tag, the settled market in the attention list, realized incl.
// settlements = realized + settlement total, the status page's market-data block, capital at risk
// by close date adding up; screenshots at 1440 and 390 px in both themes (test-results/lifecycle-*.png).
import { expect, test, type Page } from '@playwright/test';
import { formatMoney } from '../src/core/format.js';
import type { HealthResponse, OverviewResponse, RiskResponse } from '../src/api/types.js';
import { closesIn } from '../web/src/format/lifecycle.js';
import { startDashboard, type RunningServer } from './server.js';
import { loaded, nextFrames } from './waits.js';

let server: RunningServer;

/** Every body of `path` the page receives, in order. */
function collect<T>(page: Page, path: string): T[] {
  const bodies: T[] = [];
  page.on('response', (r) => {
    if (r.url().includes(`${path}?`) && r.ok())
      void r.json().then(
        (b: T) => bodies.push(b),
        () => undefined,
      );
  });
  return bodies;
}

/** The overview body whose figures the page shows (the top bar names its generatedAt). */
async function shownOverview(page: Page, bodies: OverviewResponse[]): Promise<OverviewResponse | undefined> {
  const title = (await page.getByTestId('updated-ago').getAttribute('title')) ?? '';
  const at = /generated (\S+) /.exec(title)?.[1];
  return bodies.find((b) => b.meta.generatedAt === at);
}

/** A money text of the page back to a number ("−$15.13" → -15.13). */
function money(text: string): number {
  const t = text.trim().replace('\u2212', '-').replace(/[$,+]/g, '');
  return Number(t);
}

test.describe('the embedded default (a fake Kalshi)', () => {
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    server = await startDashboard([]);
  });
  test.afterAll(async () => server?.stop());

  test('home: titles, closes-in and the < 24 h tag, the settled market in the attention list, realized incl. settlements', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const bodies = collect<OverviewResponse>(page, '/api/v1/overview');
    await page.goto(`${server.url}/?env=demo&tz=UTC`);
    // Market data loads a second or two after start; the live stream then brings it to the page.
    await expect(page.getByTestId('markets-table').getByTestId('market-title').first()).toBeVisible({
      timeout: 60_000,
    });
    let body: OverviewResponse | undefined;
    await expect
      .poll(async () => (body = await shownOverview(page, bodies))?.lifecycle.available, { timeout: 30_000 })
      .toBe(true);
    const b = body!;
    expect(b.lifecycle.unavailable).toBeNull();

    // Titles beside tickers: every row the market data knows shows its title in the market cell.
    const titled = b.markets.filter((m) => m.title !== null);
    expect(titled.length).toBeGreaterThan(3);
    for (const m of titled) {
      const title = page.locator(`tr[data-market="${m.marketId}"]`).getByTestId('market-title');
      await expect(title).toHaveText(m.title!);
      await expect(title).toHaveAttribute('title', m.title!);
    }
    // Every row is the fixed two-line height the virtualiser counts on.
    const heights = await page
      .locator('tr[data-market]')
      .evaluateAll((rows) => rows.map((r) => Math.round(r.getBoundingClientRect().height)));
    for (const h of heights) expect(h).toBe(38);

    // A market closing within 24 h: its closes-in text and the tag (rows change only with a refetch,
    // so the text is that of one of the bodies the page received).
    const soon = b.markets.find((m) => m.closingSoon === true);
    expect(soon, 'a market closing within 24 h on the embedded default').toBeDefined();
    expect(soon!.closesInMs!).toBeGreaterThan(0);
    expect(soon!.closesInMs!).toBeLessThanOrEqual(86_400_000);
    const soonRow = page.locator(`tr[data-market="${soon!.marketId}"]`);
    await expect(soonRow.getByTestId('closing-soon')).toBeVisible();
    await expect
      .poll(async () => {
        const text = await soonRow.getByTestId('closes-in').textContent();
        return bodies.some((x) => {
          const r = x.markets.find((m) => m.marketId === soon!.marketId);
          return r !== undefined && r.title !== null && closesIn(r).text === text;
        });
      })
      .toBe(true);
    expect(await soonRow.getByTestId('closes-in').textContent()).toMatch(/^\d+ h( \d+ m)?$|^\d+ m$|^< 1 m$/);
    // Markets not closing within a day carry no tag.
    for (const m of b.markets.filter((x) => x.closingSoon === false))
      await expect(page.locator(`tr[data-market="${m.marketId}"]`).getByTestId('closing-soon')).toHaveCount(
        0,
      );

    // The settled market with a position: critical, in the attention list with its message, its title
    // beneath; its row says settled with the result and shows its settlement P&L.
    const settled = b.attention.find((a) => a.kind === 'market_settled');
    expect(settled, 'a settled market with a position on the embedded default').toBeDefined();
    expect(settled!.severity).toBe('critical');
    const item = page.locator(`[data-testid="attention-item"][data-kind="market_settled"]`, {
      hasText: settled!.marketId!,
    });
    await expect(item).toContainText(settled!.message);
    const settledRow = b.markets.find((m) => m.marketId === settled!.marketId)!;
    expect(settledRow.netPosition).not.toBe(0);
    expect(settledRow.marketPhase).toBe('settled');
    await expect(item.getByTestId('attention-title')).toHaveText(settledRow.title!);
    const sRow = page.locator(`tr[data-market="${settledRow.marketId}"]`);
    await expect(sRow.getByTestId('closes-in')).toHaveText(`settled ${settledRow.result}`);
    await expect(sRow.getByTestId('settlement-pnl')).toContainText(
      formatMoney(settledRow.settlementPnl, { plus: true }),
    );

    // Realized incl. settlements beside (not replacing) realized: realized + settlement total, as the
    // API says it, to the cent — and as the card shows it, from one of the bodies the page received.
    for (const x of bodies.filter((y) => y.pnl.realizedInclSettlement !== null))
      expect(x.pnl.realizedInclSettlement!).toBeCloseTo(x.pnl.realizedTotal + x.pnl.settlementTotal!, 9);
    const cards = async () => ({
      realized: (await page.getByTestId('card-realized').locator('.card-value').textContent()) ?? '',
      incl: (await page.getByTestId('card-realized-settled').locator('.card-value').textContent()) ?? '',
      settlement: (await page.getByTestId('card-settlement-total').textContent()) ?? '',
    });
    await expect
      .poll(async () => {
        const c = await cards();
        return bodies.some(
          (x) =>
            x.pnl.realizedInclSettlement !== null &&
            formatMoney(x.pnl.realizedTotal, { plus: true }) === c.realized.trim() &&
            formatMoney(x.pnl.settlementTotal, { plus: true }) === c.settlement.trim() &&
            formatMoney(x.pnl.realizedInclSettlement, { plus: true }) === c.incl.trim(),
        );
      })
      .toBe(true);
    const c = await cards();
    expect(Math.abs(money(c.realized) + money(c.settlement) - money(c.incl))).toBeLessThanOrEqual(0.011);
    expect(c.realized).not.toBe(c.incl);

    // The deep dive of the settled market: status, result and settlement P&L with its source.
    await page.goto(`${server.url}/market?env=demo&tz=UTC&m=${encodeURIComponent(settledRow.marketId)}`);
    const facts = page.getByTestId('lifecycle-facts');
    await expect(facts).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('header-panel').getByTestId('market-title').first()).toHaveText(
      settledRow.title!,
    );
    await expect(facts.getByTestId('lifecycle-status')).toHaveText(settledRow.marketStatus!);
    await expect(facts.getByTestId('lifecycle-result')).toHaveText(settledRow.result!);
    await expect(facts.getByTestId('lifecycle-settlement')).toContainText(
      formatMoney(settledRow.settlementPnl, { plus: true }),
    );
    await expect(facts.getByTestId('lifecycle-settlement')).toContainText(
      settledRow.settlementSource === 'account' ? 'Kalshi account' : 'from the position',
    );
  });

  test('status: the market-data block; risk: capital at risk by close date adds up', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const health = collect<HealthResponse>(page, '/api/v1/health');
    await page.goto(`${server.url}/status?env=demo&tz=UTC`);
    await expect(page.getByTestId('market-data')).toBeVisible({ timeout: 30_000 });
    await expect.poll(() => health.length).toBeGreaterThan(0);
    const md = health[health.length - 1]!.marketData!;
    expect(md).not.toBeNull();
    await expect(page.getByTestId('market-data-source')).toHaveText(md.source);
    await expect(page.getByTestId('market-data-settlements')).toContainText(
      md.settlementsEnabled ? 'read from the account' : 'not read',
    );
    expect(md.fetchedAt).not.toBeNull();
    await expect(page.getByTestId('market-data-fetched')).toContainText(
      `${md.fetchedAt!.slice(0, 10)} ${md.fetchedAt!.slice(11, 19)} UTC`,
    );
    await expect(page.getByTestId('market-data-error')).toHaveText(
      md.lastError ? new RegExp(md.lastError) : 'none',
    );
    await expect(page.getByTestId('market-data-requests')).toHaveText(
      `${md.requests.toLocaleString('en-US')} requests · ${md.errors.toLocaleString('en-US')} errors`,
    );

    const risks = collect<RiskResponse>(page, '/api/v1/risk');
    await page.goto(`${server.url}/risk?env=demo&tz=UTC`);
    await expect(page.getByTestId('close-date-table')).toBeVisible({ timeout: 30_000 });
    await expect.poll(() => risks.length).toBeGreaterThan(0);
    // The groups of one body add up to its total capital at risk (to the cent), unknown date last.
    for (const r of risks) {
      const sum = r.exposure.byCloseDate.reduce((s, g) => s + g.capitalAtRisk, 0);
      expect(sum).toBeCloseTo(r.exposure.capitalAtRisk, 2);
      const dates = r.exposure.byCloseDate.map((g) => g.date);
      const known = dates.filter((d) => d !== null);
      expect(known).toEqual([...known].sort());
      if (dates.includes(null)) expect(dates[dates.length - 1]).toBeNull();
    }
    // What the table shows is one body's groups and total.
    await expect
      .poll(async () => {
        const shown = await page
          .getByTestId('close-date-capital')
          .evaluateAll((cells) => cells.map((c) => c.textContent ?? ''));
        const total = await page.getByTestId('close-date-total').textContent();
        return risks.some(
          (r) =>
            r.exposure.byCloseDate.map((g) => formatMoney(g.capitalAtRisk)).join('|') === shown.join('|') &&
            formatMoney(r.exposure.capitalAtRisk) === total,
        );
      })
      .toBe(true);
    // The risk bars carry titles and closes-in.
    const r = risks[risks.length - 1]!;
    const withTitle = r.markets.find((m) => m.title !== null)!;
    await expect(
      page.locator(`[data-market-name="${withTitle.marketId}"]`).getByTestId('market-title').first(),
    ).toHaveText(withTitle.title!);
    await expect(page.getByTestId('risk-closes-in').first()).toBeVisible();
  });

  for (const size of [
    { name: 'desktop', width: 1440, height: 900 },
    { name: 'phone', width: 390, height: 844 },
  ]) {
    test(`screenshots at ${size.width} px, light and dark: nothing wider than the screen`, async ({
      browser,
    }) => {
      test.setTimeout(180_000);
      const context = await browser.newContext({ viewport: { width: size.width, height: size.height } });
      const page = await context.newPage();
      const pages: { name: string; path: string; ready: string; panel?: string }[] = [
        { name: 'home', path: '/?env=demo&tz=UTC', ready: 'markets-table', panel: 'markets-panel' },
        { name: 'risk', path: '/risk?env=demo&tz=UTC', ready: 'close-date-table', panel: 'limits-panel' },
        { name: 'status', path: '/status?env=demo&tz=UTC', ready: 'market-data' },
        {
          name: 'market',
          path: `/market?env=demo&tz=UTC&m=${encodeURIComponent('KXFEDDECISION-26DEC-H25')}`,
          ready: 'lifecycle-facts',
        },
      ];
      for (const p of pages) {
        await page.goto(`${server.url}${p.path}`);
        await expect(page.getByTestId(p.ready).first()).toBeVisible({ timeout: 30_000 });
        if (p.name === 'home')
          await expect(page.getByTestId('markets-table').getByTestId('market-title').first()).toBeVisible({
            timeout: 30_000,
          });
        await loaded(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${p.name} at ${size.width} px`).toBeLessThanOrEqual(0);
        for (const theme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: theme });
          await nextFrames(page);
          await page.screenshot({
            path: `test-results/lifecycle-${p.name}-${size.name}-${theme}.png`,
            fullPage: true,
          });
        }
        await page.emulateMedia({ colorScheme: 'light' });
        // The panel whose layout the titles could break, at full size for a person to look at.
        if (p.panel)
          await page
            .getByTestId(p.panel)
            .screenshot({ path: `test-results/lifecycle-${p.name}-${size.name}-panel.png` });
      }
      await context.close();
    });
  }
});

test.describe('Kalshi unreachable', () => {
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    // Nothing listens on port 9: every market-data request is refused.
    server = await startDashboard(['--kalshi-demo-url', 'http://127.0.0.1:9']);
  });
  test.afterAll(async () => server?.stop());

  test('every page still works; the lifecycle figures say unavailable and why, never $0.00', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const bodies = collect<OverviewResponse>(page, '/api/v1/overview');
    await page.goto(`${server.url}/?env=demo&tz=UTC`);
    await expect(page.getByTestId('markets-table')).toBeVisible({ timeout: 30_000 });
    const card = page.getByTestId('card-realized-settled');
    await expect(card.locator('.card-value')).toHaveText('unavailable');
    await expect(page.getByTestId('card-realized-settled-reason')).toContainText('unreachable', {
      timeout: 30_000,
    });
    await expect.poll(() => bodies.length).toBeGreaterThan(0);
    for (const b of bodies) {
      expect(b.lifecycle.available).toBe(false);
      expect(b.pnl.realizedInclSettlement).toBeNull();
      expect(b.markets.every((m) => m.title === null && m.closesInMs === null)).toBe(true);
    }
    // Realized stays the replayed figure; the table has tickers, no titles, no closes-in, and its
    // settlement TOTAL says unavailable.
    await expect
      .poll(async () => {
        const text = (await page.getByTestId('card-realized').locator('.card-value').textContent()) ?? '';
        return bodies.some((b) => formatMoney(b.pnl.realizedTotal, { plus: true }) === text.trim());
      })
      .toBe(true);
    await expect(page.getByTestId('markets-table').getByTestId('market-title')).toHaveCount(0);
    await expect(page.getByTestId('markets-table').getByTestId('closes-in')).toHaveCount(0);
    await expect(page.getByTestId('total-settlement-unavailable')).toHaveText('unavailable');
    await page.screenshot({ path: 'test-results/lifecycle-unavailable-home.png', fullPage: false });

    await page.goto(`${server.url}/status?env=demo&tz=UTC`);
    await expect(page.getByTestId('market-data-error')).toContainText('unreachable', { timeout: 30_000 });
    await expect(page.getByTestId('market-data-fetched')).toHaveText('never');

    await page.goto(`${server.url}/risk?env=demo&tz=UTC`);
    await expect(page.getByTestId('close-date-unavailable')).toContainText('unreachable', {
      timeout: 30_000,
    });
    await expect(page.getByTestId('close-date-row')).toHaveCount(1);
    await expect(page.getByTestId('close-date-row')).toContainText('close date unknown');
    await expect(page.getByTestId('limit-bar').first()).toBeVisible();

    const m = bodies[bodies.length - 1]!.markets[0]!.marketId;
    await page.goto(`${server.url}/market?env=demo&tz=UTC&m=${encodeURIComponent(m)}`);
    await expect(page.getByTestId('lifecycle-facts')).toContainText(
      'Unavailable — Kalshi market data unreachable',
      {
        timeout: 30_000,
      },
    );
    await expect(page.getByTestId('position-facts')).toBeVisible();
  });
});

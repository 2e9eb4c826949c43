// Market lifecycle through the API (issue 20; metrics.md §"Market lifecycle", api.md §Added) on the
// hand-worked dataset of test/helpers/fixtures.ts, with a fixed in-test MarketDataSource (the seam;
// the real Kalshi client is another module). Every figure below is worked by hand.
//
// The dataset (see test/api.test.ts): now = 2026-01-05 12:00Z. KX-A enabled, long 6 @ 0.40;
// KX-B enabled, flat; KX-C disabled, short 5 @ 0.30. realizedTotal = 0.3405 − 0.018375 = 0.322125.
// Capital at risk: KX-A 6·0.40 = 2.40; KX-C 5·(1 − 0.30) = 3.50.
//
// Market data: KX-A active, closes 18:00Z today (in 6 h: closing soon); KX-B closed at 11:00Z
// (flat: no attention); KX-C finalized with result `no` (closed 2026-01-04 20:00Z).
// Settlement P&L: KX-C short 5 ⇒ (avgSell − payout)·5 = (0.30 − 0)·5 = +1.50; the others null.
// settlementTotal 1.50; realizedInclSettlement 0.322125 + 1.50 = 1.822125.
// With credentials, Kalshi's settlement of KX-C: 5 NO contracts costing 5·0.70 = 3.50, revenue
// 5 × $1 = 5.00, fee 0.03 ⇒ 5.00 − 3.50 − 0.03 = 1.47 wins; difference 1.47 − 1.50 = −0.03;
// realizedInclSettlement 0.322125 + 1.47 = 1.792125.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { AccountSettlement, MarketDataView, MarketInfo } from '../src/core/market-info.js';
import type { Env } from '../src/core/types.js';
import type { MarketDataSource, MarketDataStatus } from '../src/store/kalshi/source.js';
import { EnvRegistry } from '../src/server/env-data.js';
import { LiveHub, type LiveEvent } from '../src/server/live.js';
import type { AppContext } from '../src/server/context.js';
import { testApp } from './helpers/test-app.js';
import { startTestStore, type TestStore } from './helpers/store.js';
import { NOW, writeHandWorkedDataset } from './helpers/fixtures.js';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

const market = (ticker: string, patch: Partial<MarketInfo>): MarketInfo => ({
  ticker,
  title: `Title of ${ticker}`,
  subtitle: null,
  eventTicker: null,
  status: 'active',
  closeTime: null,
  expirationTime: null,
  result: '',
  ...patch,
});

const MARKETS = new Map<string, MarketInfo>([
  ['KX-A', market('KX-A', { title: 'Rain in NYC on Jan 5?', closeTime: iso(NOW + 6 * HOUR) })],
  ['KX-B', market('KX-B', { status: 'closed', closeTime: iso(NOW - HOUR) })],
  ['KX-C', market('KX-C', { status: 'finalized', result: 'no', closeTime: '2026-01-04T20:00:00Z' })],
]);
const FRESH: MarketDataView = {
  markets: MARKETS,
  settlements: null,
  unavailable: null,
  fetchedAt: iso(NOW - 30_000),
};
const KX_C_SETTLEMENT: AccountSettlement = {
  ticker: 'KX-C',
  marketResult: 'no',
  yesCount: 0,
  noCount: 5,
  yesTotalCostUsd: 0,
  noTotalCostUsd: 3.5,
  revenueUsd: 5,
  feeUsd: 0.03,
  settledTime: '2026-01-04T21:00:00Z',
};

/** The seam's simplest implementation: what it holds, at once; remembers what it was asked. */
class FixedSource implements MarketDataSource {
  asked: string[][] = [];
  constructor(
    public current: MarketDataView,
    private readonly fail = false,
  ) {}
  view(_env: Env, tickers: readonly string[]): MarketDataView {
    this.asked.push([...tickers]);
    if (this.fail) throw new Error('boom');
    return this.current;
  }
  status(): MarketDataStatus {
    return {
      source: 'http://127.0.0.1:9/trade-api/v2',
      settlementsEnabled: this.current.settlements !== null,
      fetchedAt: this.current.fetchedAt,
      ageMs: 30_000,
      lastError: this.current.unavailable,
      lastErrorAt: this.current.unavailable ? iso(NOW - 5_000) : null,
      requests: 4,
      errors: this.current.unavailable ? 1 : 0,
    };
  }
  close(): void {}
}

let store: TestStore;
const now = NOW;
const apps: FastifyInstance[] = [];

async function appWith(marketData: MarketDataSource | null | undefined): Promise<FastifyInstance> {
  const app = await testApp(store.reader, () => now, marketData === undefined ? {} : { marketData });
  apps.push(app);
  return app;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies are checked field by field
type Json = any;
async function get(app: FastifyInstance, url: string): Promise<{ status: number; body: Json }> {
  const res = await app.inject({ method: 'GET', url });
  return {
    status: res.statusCode,
    body: String(res.headers['content-type'] ?? '').includes('json') ? res.json() : res.body,
  };
}
const row = (body: Json, id: string) => body.markets.find((m: { marketId: string }) => m.marketId === id);
const cents = (x: number) => Math.round(x * 100) / 100;

beforeAll(async () => {
  store = await startTestStore();
  await writeHandWorkedDataset(store.writer);
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await store.close();
});

describe('lifecycle fields with fresh market data (no credentials)', () => {
  let app: FastifyInstance;
  let source: FixedSource;
  beforeAll(async () => {
    source = new FixedSource(FRESH);
    app = await appWith(source);
  });

  it('overview rows carry title, close time, status, result and settlement P&L', async () => {
    const { status, body } = await get(app, '/api/v1/overview');
    expect(status).toBe(200);
    expect(body.lifecycle).toEqual({
      available: true,
      unavailable: null,
      fetchedAt: iso(NOW - 30_000),
      accountSettlements: false,
    });
    expect(row(body, 'KX-A')).toMatchObject({
      title: 'Rain in NYC on Jan 5?',
      closeTime: '2026-01-05T18:00:00.000Z',
      closesInMs: 6 * HOUR,
      closingSoon: true,
      marketStatus: 'active',
      marketPhase: 'open',
      result: null,
      settlementPnl: null,
    });
    expect(row(body, 'KX-B')).toMatchObject({
      marketStatus: 'closed',
      closingSoon: false,
      settlementPnl: null,
    });
    const c = row(body, 'KX-C');
    expect(c).toMatchObject({ marketStatus: 'finalized', result: 'no', settlementSource: 'position' });
    expect(c.settlementPnl).toBeCloseTo(1.5, 10);
    expect(c.settlementPnlAccount).toBeNull();
    expect(c.settlementDifference).toBeNull();
    // The view was asked for the configured and held markets, once per computation, never awaited.
    expect(source.asked.at(-1)).toEqual(['KX-A', 'KX-B', 'KX-C']);
  });

  it('realizedInclSettlement = realizedTotal + settlementTotal to the cent, beside (not replacing) realizedTotal', async () => {
    const { body } = await get(app, '/api/v1/overview');
    expect(body.pnl.realizedTotal).toBeCloseTo(0.322125, 10);
    expect(body.pnl.settlementTotal).toBeCloseTo(1.5, 10);
    expect(body.pnl.realizedInclSettlement).toBeCloseTo(1.822125, 10);
    expect(cents(body.pnl.realizedInclSettlement)).toBe(
      cents(cents(body.pnl.realizedTotal) + cents(body.pnl.settlementTotal)),
    );
    expect(body.pnl.settlementUnknown).toBe(0);
    // The TOTAL row sums the same rows.
    expect(body.totals.settlementPnl).toBeCloseTo(1.5, 10);
    expect(body.totals.otherMarkets).toMatchObject({ count: 0, realizedPnl: 0, settlementPnl: 0 });
  });

  it('a settled market with a position is a critical attention item; the closed flat one is not', async () => {
    const { body } = await get(app, '/api/v1/overview');
    const items = body.attention.filter(
      (a: { kind: string }) => a.kind.startsWith('market_s') || a.kind === 'market_closed',
    );
    expect(items).toEqual([
      {
        kind: 'market_settled',
        severity: 'critical',
        marketId: 'KX-C',
        message:
          "KX-C: finalized (result no) with position -5 still in the bot's positions — settlement P&L +$1.50, not in realized P&L; its unrealized P&L values a book that no longer exists and is meaningless",
      },
    ]);
    expect(body.attention[0].kind).toBe('market_settled');
  });

  it('the market header has the lifecycle fields (top level and on the position)', async () => {
    const { status, body } = await get(app, '/api/v1/markets/KX-C');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      title: 'Title of KX-C',
      closeTime: '2026-01-04T20:00:00.000Z',
      marketStatus: 'finalized',
      result: 'no',
      lifecycle: { available: true, unavailable: null },
    });
    expect(body.settlementPnl).toBeCloseTo(1.5, 10);
    expect(body.position.settlementPnl).toBeCloseTo(1.5, 10);
    expect(body.position.title).toBe('Title of KX-C');
  });

  it('risk: exposure and capital at risk by UTC close date, titles on its rows', async () => {
    const { status, body } = await get(app, '/api/v1/risk');
    expect(status).toBe(200);
    expect(body.lifecycle.available).toBe(true);
    const groups = body.exposure.byCloseDate;
    expect(groups.map((g: { date: string }) => g.date)).toEqual(['2026-01-04', '2026-01-05']);
    expect(groups[0]).toMatchObject({ marketIds: ['KX-C'], markets: 1, exposure: 5 });
    expect(groups[0].capitalAtRisk).toBeCloseTo(3.5, 10);
    expect(groups[1]).toMatchObject({ marketIds: ['KX-A'], markets: 1, exposure: 6 });
    expect(groups[1].capitalAtRisk).toBeCloseTo(2.4, 10);
    expect(row(body, 'KX-A')).toMatchObject({ title: 'Rain in NYC on Jan 5?', closingSoon: true });
  });

  it('CSV exports of the markets tables gain title and close time columns', async () => {
    const csv = (await app.inject('/api/v1/overview?format=csv')).body;
    const [header, ...lines] = csv.split('\r\n');
    const cols = header!.split(',');
    expect(cols.slice(0, 4)).toEqual(['marketId', 'title', 'subtitle', 'eventTicker']);
    expect(cols).toContain('closeTime');
    expect(cols).toContain('settlementPnl');
    const a = lines.find((l) => l.startsWith('KX-A,'))!.split(',');
    expect(a[cols.indexOf('title')]).toBe('Rain in NYC on Jan 5?');
    expect(a[cols.indexOf('closeTime')]).toBe('2026-01-05T18:00:00.000Z');
    const risk = (await app.inject('/api/v1/risk?format=csv')).body.split('\r\n')[0]!.split(',');
    expect(risk).toEqual(expect.arrayContaining(['title', 'closeTime', 'closesInMs', 'marketStatus']));
  });

  it('health carries the market-data status block', async () => {
    const { status, body } = await get(app, '/api/v1/health');
    expect(status).toBe(200);
    expect(body.marketData).toEqual({
      source: 'http://127.0.0.1:9/trade-api/v2',
      settlementsEnabled: false,
      fetchedAt: iso(NOW - 30_000),
      ageMs: 30_000,
      lastError: null,
      lastErrorAt: null,
      requests: 4,
      errors: 0,
    });
  });
});

describe('with Kalshi credentials the account settlement wins and the difference is shown', () => {
  it('KX-C: account 1.47 over the position’s 1.50, difference −0.03; totals follow the account', async () => {
    const app = await appWith(
      new FixedSource({ ...FRESH, settlements: new Map([['KX-C', KX_C_SETTLEMENT]]) }),
    );
    const { body } = await get(app, '/api/v1/overview');
    const c = row(body, 'KX-C');
    expect(c.settlementSource).toBe('account');
    expect(c.settlementPnl).toBeCloseTo(1.47, 10);
    expect(c.settlementPnlPosition).toBeCloseTo(1.5, 10);
    expect(c.settlementPnlAccount).toBeCloseTo(1.47, 10);
    expect(c.settlementDifference).toBeCloseTo(-0.03, 10);
    expect(body.pnl.settlementTotal).toBeCloseTo(1.47, 10);
    expect(body.pnl.realizedInclSettlement).toBeCloseTo(1.792125, 10);
    expect(body.lifecycle.accountSettlements).toBe(true);
  });
});

describe('market data unavailable, failing or not configured: every route still answers', () => {
  const down: MarketDataView = {
    markets: new Map(),
    settlements: null,
    unavailable: 'unreachable: connect ECONNREFUSED 127.0.0.1:9',
    fetchedAt: null,
  };

  it('unavailable: the fields are null and the reason is given; routes 200', async () => {
    const app = await appWith(new FixedSource(down));
    const o = await get(app, '/api/v1/overview');
    expect(o.status).toBe(200);
    expect(o.body.lifecycle).toEqual({
      available: false,
      unavailable: 'unreachable: connect ECONNREFUSED 127.0.0.1:9',
      fetchedAt: null,
      accountSettlements: false,
    });
    for (const id of ['KX-A', 'KX-B', 'KX-C'])
      expect(row(o.body, id)).toMatchObject({
        title: null,
        closeTime: null,
        closesInMs: null,
        closingSoon: null,
        marketStatus: null,
        result: null,
        settlementPnl: null,
      });
    expect(o.body.pnl).toMatchObject({
      settlementTotal: null,
      realizedInclSettlement: null,
      settlementUnknown: 2,
    });
    // Everything else as without market data.
    expect(o.body.pnl.realizedTotal).toBeCloseTo(0.322125, 10);
    expect(o.body.attention.some((a: { kind: string }) => a.kind === 'market_settled')).toBe(false);
    const m = await get(app, '/api/v1/markets/KX-A');
    expect(m.status).toBe(200);
    expect(m.body).toMatchObject({ title: null, settlementPnl: null, lifecycle: { available: false } });
    const r = await get(app, '/api/v1/risk');
    expect(r.status).toBe(200);
    expect(r.body.exposure.byCloseDate).toEqual([
      {
        date: null,
        markets: 2,
        marketIds: ['KX-A', 'KX-C'],
        exposure: 11,
        capitalAtRisk: expect.closeTo(5.9, 10),
      },
    ]);
    const h = await get(app, '/api/v1/health');
    expect(h.status).toBe(200);
    expect(h.body.marketData).toMatchObject({
      lastError: 'unreachable: connect ECONNREFUSED 127.0.0.1:9',
      errors: 1,
    });
    expect((await get(app, '/api/v1/stale')).status).toBe(200);
  });

  it('a source that throws: the page still answers, the lifecycle says why', async () => {
    const app = await appWith(new FixedSource(FRESH, true));
    const o = await get(app, '/api/v1/overview');
    expect(o.status).toBe(200);
    expect(o.body.lifecycle).toMatchObject({ available: false, unavailable: 'market data failed: boom' });
    expect(row(o.body, 'KX-C').settlementPnl).toBeNull();
  });

  it('not configured: "market data not configured", health marketData null', async () => {
    const app = await appWith(undefined);
    const o = await get(app, '/api/v1/overview');
    expect(o.status).toBe(200);
    expect(o.body.lifecycle).toEqual({
      available: false,
      unavailable: 'market data not configured',
      fetchedAt: null,
      accountSettlements: false,
    });
    expect(row(o.body, 'KX-A').title).toBeNull();
    expect((await get(app, '/api/v1/health')).body.marketData).toBeNull();
  });
});

describe('the live overview event carries the lifecycle and the settlement headline', () => {
  it('sends lifecycle and pnl.settlementTotal, and again when the market data changes', async () => {
    const source = new FixedSource({
      ...FRESH,
      markets: new Map(),
      fetchedAt: null,
      unavailable: 'not fetched yet',
    });
    const ctx: AppContext = {
      source: 'embedded',
      defaultEnv: 'demo',
      region: 'us-east-1',
      client: store.reader,
      nowMs: () => now,
      webDir: null,
      auth: { mode: 'none' },
      marketData: source,
    };
    const hub = new LiveHub(ctx, new EnvRegistry(store.reader, () => now, { incremental: true }), 3_600_000);
    const poller = hub.poller('demo');
    const events: LiveEvent[] = [];
    const overview = () => events.filter((e) => e.type === 'overview').map((e) => e.data as Json);
    const stop = poller.subscribe((e) => events.push(e), null);
    try {
      for (let i = 0; i < 200 && overview().length === 0; i++) await new Promise((r) => setTimeout(r, 25));
      expect(overview()[0].lifecycle).toMatchObject({ available: false, unavailable: 'not fetched yet' });
      expect(overview()[0].pnl.settlementTotal).toBeNull();
      // The source fetches: the next round recomputes though DynamoDB did not change.
      source.current = FRESH;
      await poller.poll();
      const last = overview().at(-1);
      expect(last.lifecycle).toMatchObject({ available: true, unavailable: null });
      expect(last.pnl.settlementTotal).toBeCloseTo(1.5, 10);
      expect(last.pnl.realizedInclSettlement).toBeCloseTo(1.822125, 10);
    } finally {
      stop();
      hub.stopAll();
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { MetricsInput } from './context.js';
import { buildOverview } from './overview.js';
import { book, config, decision, fill, globalConfig, ms, order, position } from './test-fixtures.js';
import { InvalidTimeZoneError } from './tz-days.js';

// A hand-worked Home page. now = 2026-01-03T14:30Z = 09:30 in New York (EST, UTC−5).
//
// Trade log (A's three fills, B's one; F_A3 duplicated):
//   F_A1 01-01 15:00Z buy  10 @0.40, no stored fee ⇒ fee(0.4, 10) = 0.042 ⇒ change −0.042, avgBuy 0.40
//   F_B  01-02 12:00Z sell  5 @0.70, fee 0        ⇒ change 0, B short 5 at 0.70
//   F_A2 01-03 01:00Z buy   5 @0.30, fee 0        ⇒ avgBuy (0.4·10 + 0.3·5)/15 = 11/30 = 0.36667
//   F_A3 01-03 13:00Z sell  5 @0.50, fee 0.01     ⇒ 5·(0.5 − 11/30) − 0.01 = 2/3 − 0.01 = 0.656667
// Replayed: A net 10, avgBuy 11/30, realized −0.042 + 0.656667 = 0.614667; B net −5, realized 0.
const A_REALIZED = -0.042 + (5 * (0.5 - 11 / 30) - 0.01);
const fA3 = fill({
  market: 'A',
  side: 'no',
  price: 0.5,
  size: 5,
  at: '2026-01-03T13:00:00Z',
  fee: 0.01,
  fillId: 'FA3',
});
const fills = [
  fill({ market: 'A', side: 'yes', price: 0.4, size: 10, at: '2026-01-01T15:00:00Z' }),
  fill({ market: 'B', side: 'no', price: 0.7, size: 5, at: '2026-01-02T12:00:00Z', fee: 0 }),
  fill({ market: 'A', side: 'yes', price: 0.3, size: 5, at: '2026-01-03T01:00:00Z', fee: 0 }),
  fA3,
  { ...fA3, sortKey: `${fA3.sortKey}-relogged` },
];

function input(overrides: Partial<MetricsInput> = {}): MetricsInput {
  return {
    env: 'prod',
    region: 'us-east-1',
    tz: 'America/New_York',
    nowMs: ms('2026-01-03T14:30:00Z'),
    days: 3,
    configs: [
      config({
        marketId: 'A',
        eventTicker: 'EV1',
        minSpread: 0.04,
        maxInventoryYes: 25,
        createdAtMs: ms('2025-12-27T14:02:11Z'),
      }),
      config({ marketId: 'B', eventTicker: 'EV1', minSpread: 0.04, maxInventoryYes: 20 }),
      config({ marketId: 'C' }), // enabled, no event, no decision, flat
      config({ marketId: 'D', eventTicker: 'EV0', enabled: false }),
      config({ marketId: 'E', enabled: false }),
    ],
    positions: {
      positions: new Map([
        ['A', position('A', 10, 11 / 30, 0, A_REALIZED)],
        ['B', position('B', -6, 0.1, 0.7, 0)], // the bot holds one more than the log: drift
        ['D', position('D', -7, 0, 0.9, -1.5)], // no trade-log fills at all
        ['E', position('E', 0, 0.2, 0.3, 0.25)],
      ]),
    },
    openOrders: {
      lastUpdatedMs: ms('2026-01-03T14:29:00Z'), // older than the decisions below
      orders: [
        order({ market: 'A', side: 'no', price: 0.5, size: 10 }),
        order({ market: 'A', side: 'yes', price: 0.37, size: 5 }),
        order({ market: 'B', side: 'yes', price: 0.62, size: 6 }),
      ],
    },
    risk: {
      dailyPnlUsd: -4.1875,
      tradingHalted: false,
      haltReason: null,
      lastFillAtMs: null,
      lastUpdatedMs: null,
    },
    globalConfig: globalConfig(),
    fills,
    latestDecisions: new Map([
      [
        'A',
        decision({
          market: 'A',
          at: '2026-01-03T14:29:50',
          book: book(0.38, 0.52),
          targets: [
            { side: 'bid', priceYes: 0.38, size: 5 },
            { side: 'ask', priceYes: 0.5, size: 10 },
          ],
        }),
      ],
      [
        'B',
        decision({
          market: 'B',
          at: '2026-01-03T14:29:55',
          book: book(0.6, null),
          targets: [{ side: 'bid', priceYes: 0.62, size: 6 }],
        }),
      ],
    ]),
    newestDecisionAny: decision({ market: 'ALL', at: '2026-01-03T14:29:58', runId: 'R2', version: 'v2' }),
    ...overrides,
  };
}

describe('buildOverview', () => {
  const o = buildOverview(input());
  const row = (id: string) => o.markets.find((r) => r.marketId === id);

  it('lists enabled markets plus markets with a position, in the old order', () => {
    // D (EV0), then EV1 by net descending (A 10, B −6), then C (no event). E: disabled and flat.
    expect(o.markets.map((r) => r.marketId)).toEqual(['D', 'A', 'B', 'C']);
  });

  it('market A: long 10 with a book and an active exit', () => {
    const a = row('A');
    // worst: (0.38 − 11/30)·10 − 0.0175·10·0.38·0.62 = 0.133333 − 0.041230 = 0.092103
    expect(a?.unrealizedWorst).toBeCloseTo((0.38 - 11 / 30) * 10 - 0.04123, 10);
    // best: our ask 0.50 ≤ 0.52 ⇒ active: (0.5 − 11/30)·10 − 0.0175·10·0.25 = 1.333333 − 0.04375
    expect(a?.unrealizedBest).toBeCloseTo(4 / 3 - 0.04375, 10);
    // mid (0.38 + 0.52)/2 = 0.45 ⇒ (0.45 − 11/30)·10 = 0.833333
    expect(a?.unrealizedMid).toBeCloseTo(0.45 * 10 - 11 / 3, 10);
    expect(a).toMatchObject({
      netPosition: 10,
      replayedNetPosition: 10,
      positionDrift: 0,
      ourBid: 0.37,
      ourBidActive: false, // 0.37 < 0.38 − 0.0001
      ourAsk: 0.5,
      ourAskSize: 10,
      ourAskActive: true,
      exitOrder: true,
      exitProfitable: true,
      spreadHealth: 'ok', // 0.14 > 0.04 + 0.01
      minSpread: 0.04,
      maxPosition: 25,
      limitUse: 0.4,
      filled24h: 10, // F_A2 + F_A3 (F_A3 once)
      pos24h: 0, // +5 − 5
      lastFillAt: '2026-01-03T13:00:00.000Z',
      configCreatedAt: '2025-12-27T14:02:11.000Z',
      decisionAt: '2026-01-03T14:29:50.000Z',
      mismatch: { bid: 'unknown', ask: 'unknown', snapshotAgeMs: 60_000 },
    });
    expect(a?.avgCost).toBeCloseTo(11 / 30, 15);
    expect(a?.spread).toBeCloseTo(0.14, 12);
    expect(a?.realizedPnl).toBeCloseTo(A_REALIZED, 12);
    // pnl24h over (01-02 14:30Z, now]: F_A2 (0) + F_A3 (0.656667)
    expect(a?.pnl24h).toBeCloseTo(5 * (0.5 - 11 / 30) - 0.01, 12);
    expect(a?.capitalAtRisk).toBeCloseTo(11 / 3, 12);
  });

  it('market B: short with an empty ask side, position drift', () => {
    const b = row('B');
    // worst: no ask ⇒ (0.70 − 1)·6 = −1.8; best: our bid 0.62 ≥ 0.60 ⇒ (0.7 − 0.62)·6 − 0.0175·6·0.62·0.38
    expect(b?.unrealizedWorst).toBeCloseTo(-1.8, 12);
    expect(b?.unrealizedBest).toBeCloseTo(0.48 - 0.024738, 12);
    // mid with the ask sentinel 1: (0.60 + 1)/2 = 0.80 ⇒ (0.70 − 0.80)·6 = −0.6
    expect(b?.unrealizedMid).toBeCloseTo(-0.6, 12);
    expect(b).toMatchObject({
      netPosition: -6,
      replayedNetPosition: -5,
      positionDrift: -1,
      spread: null,
      spreadHealth: null,
      pnl24h: 0,
      filled24h: 0,
    });
    expect(b?.capitalAtRisk).toBeCloseTo(1.8, 12); // 6·(1 − 0.7)
  });

  it('market C (no decision) and D (disabled, no fills, no book)', () => {
    expect(row('C')).toMatchObject({
      unrealizedWorst: 0,
      unrealizedBest: 0,
      unrealizedMid: 0,
      bestBid: null,
      decisionAt: null,
      lastFillAt: null,
    });
    expect(row('C')?.mismatch).toMatchObject({ bid: 'none', ask: 'none' });
    // D short 7 at 0.90, no book: worst = best = (0.9 − 1)·7 = −0.7; mid null.
    expect(row('D')?.unrealizedWorst).toBeCloseTo(-0.7, 12);
    expect(row('D')?.unrealizedBest).toBeCloseTo(-0.7, 12);
    expect(row('D')).toMatchObject({
      enabled: false,
      unrealizedMid: null,
      botRealizedPnl: -1.5,
      realizedPnl: 0,
    });
  });

  it('headline unrealized = Σ rows = totals', () => {
    const worst = (0.38 - 11 / 30) * 10 - 0.04123 - 1.8 + 0 - 0.7;
    const best = 4 / 3 - 0.04375 + (0.48 - 0.024738) + 0 - 0.7;
    expect(o.pnl.unrealizedWorst).toBeCloseTo(worst, 10);
    expect(o.pnl.unrealizedBest).toBeCloseTo(best, 10);
    expect(o.pnl.unrealizedWorst).toBe(o.totals.unrealizedWorst);
    expect(o.pnl.unrealizedBest).toBe(o.totals.unrealizedBest);
    // Mid: 0.833333 − 0.6 + 0, D left out and counted.
    expect(o.pnl.unrealizedMid).toBeCloseTo(0.45 * 10 - 11 / 3 - 0.6, 10);
    expect(o.pnl.unrealizedMidMissing).toBe(1);
    expect(o.totals).toMatchObject({ markets: 4, netPosition: 10 - 6 + 0 - 7, filled24h: 10, pos24h: 0 });
  });

  it('realized, daily in New York, today', () => {
    expect(o.tz).toBe('America/New_York');
    expect(o.now).toBe('2026-01-03T14:30:00.000Z');
    expect(o.pnl.realizedTotal).toBeCloseTo(A_REALIZED, 12);
    // Bot: 0.614667 + 0 − 1.5 + 0.25
    expect(o.pnl.botRealizedTotal).toBeCloseTo(A_REALIZED - 1.25, 12);
    // NY days: F_A1 Jan 1 10:00; F_B Jan 2 07:00; F_A2 Jan 2 20:00 (Jan 3 in UTC!); F_A3 Jan 3 08:00.
    expect(o.pnl.daily.map((d) => [d.date, d.fills])).toEqual([
      ['2026-01-01', 1],
      ['2026-01-02', 2],
      ['2026-01-03', 1],
    ]);
    expect(o.pnl.daily[0]?.realized).toBeCloseTo(-0.042, 12);
    expect(o.pnl.daily[1]?.realized).toBe(0);
    expect(o.pnl.daily[1]?.cumulative).toBeCloseTo(-0.042, 12);
    expect(o.pnl.daily[2]?.cumulative).toBeCloseTo(A_REALIZED, 12);
    expect(o.pnl.today).toBe('2026-01-03');
    expect(o.pnl.todayRealized).toBeCloseTo(5 * (0.5 - 11 / 30) - 0.01, 12);
    expect(o.pnl.feesToday).toBe(0.01);
  });

  it('exposure, orders, bot, risk, recent', () => {
    // total |10| + |−6| + |−7| + 0 = 23; enabled (A, B) 16; capital 11/3 + 1.8 + 0.7.
    expect(o.exposure).toMatchObject({ total: 23, enabled: 16, totalLimitUse: 23 / 500 });
    expect(o.exposure.capitalAtRisk).toBeCloseTo(11 / 3 + 2.5, 12);
    // EV1 (16) before EV0 (7); within EV1 by exposure.
    expect(o.exposure.byMarket.map((m) => m.marketId)).toEqual(['A', 'B', 'D']);
    // Enabled: A's bid inactive, ask active (10); B's bid active (6).
    expect(o.orders).toMatchObject({
      activeBids: 1,
      activeBidContracts: 6,
      activeAsks: 1,
      activeAskContracts: 10,
      openOrdersSyncedAt: '2026-01-03T14:29:00.000Z',
      openOrdersAgeMs: 60_000,
    });
    // Newest decision is the ALL one, 2 s old.
    expect(o.bot).toMatchObject({
      heartbeat: 'alive',
      lastDecisionAt: '2026-01-03T14:29:58.000Z',
      lastDecisionAgeMs: 2000,
      runId: 'R2',
      version: 'v2',
    });
    expect(o.risk).toMatchObject({
      tradingHalted: false,
      dailyPnl: -4.1875,
      maxDailyLoss: 100,
      maxTotalExposure: 500,
    });
    expect(o.risk.lossLimitUse).toBeCloseTo(0.041875, 15);
    expect(o.recent.decision?.marketId).toBe('B');
    expect(o.recent.fill).toMatchObject({
      marketId: 'A',
      fillId: 'FA3',
      at: '2026-01-03T13:00:00.000Z',
      feeUsd: 0.01,
    });
  });

  it('turns every reconciliation gap into a warning with numbers', () => {
    const codes = o.warnings.map(
      (w) => `${w.code}:${(w.detail as { marketId?: string } | undefined)?.marketId ?? ''}`,
    );
    expect(codes.sort()).toEqual([
      'daily_pnl_running_total:',
      'markets_without_decision:',
      'position_drift:B',
      'position_drift:D',
      'realized_drift:D',
      'realized_drift:E',
    ]);
    const noDecision = o.warnings.find((w) => w.code === 'markets_without_decision');
    expect(noDecision?.detail).toEqual({ marketIds: ['C'] });
  });

  it('rejects an unknown time zone with a typed error', () => {
    expect(() => buildOverview(input({ tz: 'Not/AZone' }))).toThrow(InvalidTimeZoneError);
  });

  it('falls back to the replayed positions, with a warning, when the positions item is missing', () => {
    const p = buildOverview(
      input({
        positions: null,
        openOrders: null,
        risk: null,
        latestDecisions: new Map(),
        newestDecisionAny: null,
      }),
    );
    expect(p.positionSource).toBe('replay');
    expect(p.markets.map((r) => [r.marketId, r.netPosition])).toEqual([
      ['A', 10],
      ['B', -5],
      ['C', 0],
    ]);
    expect(p.pnl.botRealizedTotal).toBeNull();
    expect(p.bot).toMatchObject({ heartbeat: 'down', lastDecisionAt: null, runId: null });
    expect(p.orders).toMatchObject({ activeBids: 0, openOrdersSyncedAt: null, openOrderCount: 0 });
    expect(p.risk).toMatchObject({ present: false, dailyPnl: null, lossLimitUse: null });
    expect(p.warnings.map((w) => w.code)).toContain('positions_missing');
  });
});

describe('api.md §overview field names', () => {
  it('are all present (add freely, never rename)', () => {
    const o = buildOverview(input());
    const has = (obj: object, keys: string[]) =>
      expect(Object.keys(obj)).toEqual(expect.arrayContaining(keys));
    has(o, [
      'env',
      'region',
      'tz',
      'now',
      'pnl',
      'exposure',
      'orders',
      'recent',
      'bot',
      'risk',
      'markets',
      'totals',
      'warnings',
    ]);
    has(o.pnl, [
      'realizedTotal',
      'botRealizedTotal',
      'todayRealized',
      'feesToday',
      'unrealizedWorst',
      'unrealizedBest',
      'unrealizedMid',
      'daily',
    ]);
    has(o.pnl.daily[0] as object, ['date', 'realized', 'cumulative', 'fees', 'fills']);
    has(o.exposure, ['total', 'enabled', 'capitalAtRisk', 'byMarket']);
    has(o.exposure.byMarket[0] as object, ['marketId', 'eventTicker', 'enabled', 'netPosition', 'exposure']);
    has(o.orders, [
      'activeBids',
      'activeBidContracts',
      'activeAsks',
      'activeAskContracts',
      'openOrdersSyncedAt',
    ]);
    has(o.recent, ['decision', 'fill']);
    has(o.bot, ['heartbeat', 'lastDecisionAt', 'runId', 'version']);
    has(o.risk, ['tradingHalted', 'haltReason', 'dailyPnl', 'maxDailyLoss', 'maxTotalExposure']);
    has(o.markets[0] as object, [
      'marketId',
      'eventTicker',
      'enabled',
      'realizedPnl',
      'botRealizedPnl',
      'pnl24h',
      'unrealizedWorst',
      'unrealizedBest',
      'netPosition',
      'replayedNetPosition',
      'maxPosition',
      'avgCost',
      'bestBid',
      'bestAsk',
      'ourBid',
      'ourBidSize',
      'ourBidActive',
      'ourAsk',
      'ourAskSize',
      'ourAskActive',
      'spread',
      'minSpread',
      'spreadHealth',
      'filled24h',
      'pos24h',
      'lastFillAt',
      'configCreatedAt',
      'mismatch',
    ]);
    has(o.totals, [
      'netPosition',
      'realizedPnl',
      'pnl24h',
      'unrealizedWorst',
      'unrealizedBest',
      'filled24h',
      'pos24h',
    ]);
    // JSON-safe: no NaN/Infinity, which JSON.stringify would turn into null silently.
    expect(JSON.stringify(o)).not.toMatch(/NaN|Infinity/);
    expect(JSON.parse(JSON.stringify(o)).pnl.realizedTotal).toBe(o.pnl.realizedTotal);
  });
});

describe('mismatch of a disabled market', () => {
  it('is none: the bot does not quote it, so its last decision’s targets are not a live intent', () => {
    // D is disabled and holds −7; give it a decision that targets both sides and no live order.
    const base = input();
    const latest = new Map(base.latestDecisions);
    latest.set(
      'D',
      decision({
        market: 'D',
        at: '2026-01-03T14:00:00',
        book: book(0.85, 0.95),
        targets: [
          { side: 'bid', priceYes: 0.86, size: 5 },
          { side: 'ask', priceYes: 0.94, size: 5 },
        ],
      }),
    );
    const o = buildOverview({ ...base, latestDecisions: latest });
    expect(o.markets.find((r) => r.marketId === 'D')?.mismatch).toMatchObject({
      bid: 'none',
      ask: 'none',
      any: false,
    });
  });
});

describe('TOTAL row = headline with markets outside the table (metrics.md "other markets (n)")', () => {
  // To the hand-worked input add F: disabled, flat in `positions`, but with two fills today that
  // opened and closed a position, and G: disabled, a zero `positions` entry (first touch), no fills.
  //   F1 01-03 10:00Z buy  5 @0.40, fee 0 ⇒ avgBuy 0.40, net 5
  //   F2 01-03 11:00Z sell 5 @0.50, fee 0 ⇒ realized 5·(0.50 − 0.40) = 0.50, net 0
  // F is outside the table (disabled, net 0) and E (disabled, flat, bot realized 0.25) too.
  const base = input();
  const withOthers = buildOverview({
    ...base,
    configs: [
      ...base.configs,
      config({ marketId: 'F', enabled: false }),
      config({ marketId: 'G', enabled: false }),
    ],
    positions: {
      positions: new Map([
        ...(base.positions?.positions ?? []),
        ['F', position('F', 0, 0.4, 0, 0.5)],
        ['G', position('G', 0, 0, 0, 0)],
      ]),
    },
    fills: [
      ...base.fills,
      fill({ market: 'F', side: 'yes', price: 0.4, size: 5, at: '2026-01-03T10:00:00Z', fee: 0 }),
      fill({ market: 'F', side: 'no', price: 0.5, size: 5, at: '2026-01-03T11:00:00Z', fee: 0 }),
    ],
  });

  it('keeps the table to enabled ∪ {net ≠ 0} and sums E and F in the other-markets row', () => {
    expect(withOthers.markets.map((r) => r.marketId)).toEqual(['D', 'A', 'B', 'C']);
    const other = withOthers.totals.otherMarkets;
    expect(other).toMatchObject({ count: 2, marketIds: ['E', 'F'], filled24h: 10, pos24h: 0, fills24h: 2 });
    expect(other.realizedPnl).toBeCloseTo(0.5, 12);
    expect(other.pnl24h).toBeCloseTo(0.5, 12);
    expect(other.botRealizedPnl).toBeCloseTo(0.25 + 0.5, 12); // E 0.25 + F 0.50; G's zero entry adds nothing
    expect(other).toMatchObject({ unrealizedWorst: 0, unrealizedBest: 0, unrealizedMid: 0 });
  });

  it('makes every TOTAL figure equal its headline', () => {
    const t = withOthers.totals;
    const p = withOthers.pnl;
    // Realized: A 0.614667 + F 0.50 (rows alone would be 0.614667, the headline 1.114667).
    expect(p.realizedTotal).toBeCloseTo(A_REALIZED + 0.5, 12);
    expect(t.realizedPnl).toBe(p.realizedTotal);
    // The bot's: A 0.614667 − D 1.5 + E 0.25 + F 0.5 (+ G 0).
    expect(p.botRealizedTotal).toBeCloseTo(A_REALIZED - 1.5 + 0.25 + 0.5, 12);
    expect(t.botRealizedPnl).toBe(p.botRealizedTotal);
    expect(t.unrealizedWorst).toBe(p.unrealizedWorst);
    expect(t.unrealizedBest).toBe(p.unrealizedBest);
    expect(t.unrealizedMid).toBe(p.unrealizedMid);
    // 24 h: A's F_A2 + F_A3 (0.656667) + F's 0.50; contracts 10 + 10.
    expect(t.pnl24h).toBeCloseTo(5 * (0.5 - 11 / 30) - 0.01 + 0.5, 12);
    expect(t).toMatchObject({ markets: 4, filled24h: 20, pos24h: 0 });
    // Today (New York) holds F_A3 and both F fills.
    expect(p.todayRealized).toBeCloseTo(5 * (0.5 - 11 / 30) - 0.01 + 0.5, 12);
  });

  it('is an empty row when every market of the log is in the table', () => {
    const only = buildOverview({ ...base, positions: null });
    expect(only.totals.otherMarkets).toMatchObject({ count: 0, marketIds: [], realizedPnl: 0 });
    expect(only.totals.realizedPnl).toBe(only.pnl.realizedTotal);
  });
});

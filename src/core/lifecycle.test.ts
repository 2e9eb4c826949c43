// metrics.md §"Market lifecycle", worked by hand. Payout 1 for `yes`, 0 for `no`;
// long q ⇒ (payout − avgBuy)·q; short q ⇒ (avgSell − payout)·q; the account's figure wins.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildAttention, type AttentionInput } from './attention.js';
import {
  accountSettlementPnl,
  closesInMs,
  closingWithin24h,
  exposureByCloseDate,
  lifecycleStatus,
  marketLifecycle,
  marketPhase,
  positionSettlementPnl,
  settlementFigures,
  settlementTotals,
} from './lifecycle.js';
import type { AccountSettlement, MarketDataView, MarketInfo } from './market-info.js';

const NOW = Date.parse('2026-01-05T12:00:00Z');
const HOUR = 3_600_000;
const cents = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

const info = (patch: Partial<MarketInfo> = {}): MarketInfo => ({
  ticker: 'KX-A',
  title: 'Will it rain in NYC on Jan 5?',
  subtitle: 'Above 0.1 in',
  eventTicker: 'EV-RAIN',
  status: 'finalized',
  closeTime: '2026-01-05T23:59:00Z',
  expirationTime: '2026-01-06T00:00:00Z',
  result: 'yes',
  ...patch,
});
const long10 = { net: 10, avgBuy: 0.42, avgSell: 0.5 };
const short8 = { net: -8, avgBuy: 0.3, avgSell: 0.65 };
const flat = { net: 0, avgBuy: 0.42, avgSell: 0.65 };

describe('settlement P&L from the displayed position (metrics.md)', () => {
  it('long 10 @ 0.42, settled yes: (1 − 0.42)·10 = +5.80', () => {
    expect(positionSettlementPnl(long10, info({ result: 'yes' }))).toBeCloseTo(5.8, 10);
  });
  it('long 10 @ 0.42, settled no: (0 − 0.42)·10 = −4.20', () => {
    expect(positionSettlementPnl(long10, info({ result: 'no' }))).toBeCloseTo(-4.2, 10);
  });
  it('short 8 @ 0.65, settled yes: (0.65 − 1)·8 = −2.80', () => {
    expect(positionSettlementPnl(short8, info({ result: 'yes' }))).toBeCloseTo(-2.8, 10);
  });
  it('short 8 @ 0.65, settled no: (0.65 − 0)·8 = +5.20', () => {
    expect(positionSettlementPnl(short8, info({ result: 'no' }))).toBeCloseTo(5.2, 10);
  });
  it('flat in a settled market: 0 (nothing was held)', () => {
    expect(positionSettlementPnl(flat, info({ result: 'yes' }))).toBe(0);
  });
  it('not yet settled: null (active, and closed awaiting the result)', () => {
    expect(positionSettlementPnl(long10, info({ status: 'active', result: '' }))).toBeNull();
    expect(positionSettlementPnl(long10, info({ status: 'closed', result: '' }))).toBeNull();
  });
  it('a market the market data does not know: null', () => {
    expect(positionSettlementPnl(long10, undefined)).toBeNull();
    expect(settlementFigures(long10, undefined, undefined)).toEqual({
      settlementPnl: null,
      settlementSource: null,
      settlementPnlPosition: null,
      settlementPnlAccount: null,
      settlementDifference: null,
    });
  });
  it('determined (result known, payout due) counts as settled; settled with an empty result is unknown', () => {
    expect(positionSettlementPnl(long10, info({ status: 'determined', result: 'no' }))).toBeCloseTo(-4.2, 10);
    expect(positionSettlementPnl(long10, info({ status: 'settled', result: '' }))).toBeNull();
  });
  it('void (or scalar): metrics.md defines no payout, so our own figure is null — never guessed', () => {
    expect(positionSettlementPnl(long10, info({ result: 'void' }))).toBeNull();
    expect(positionSettlementPnl(short8, info({ result: 'scalar' }))).toBeNull();
  });
});

describe('with Kalshi credentials the account figure wins and the difference is shown', () => {
  // Long 10 @ 0.42 settled yes: ours (1 − 0.42)·10 = 5.80. Kalshi's cost basis of the 10 YES
  // contracts is $4.25 (it counted a cent more on 5 of them), revenue 10 × $1 = $10.00, fee $0:
  // account = 10.00 − 4.25 − 0 − 0 = 5.75; difference 5.75 − 5.80 = −0.05.
  const account: AccountSettlement = {
    ticker: 'KX-A',
    marketResult: 'yes',
    yesCount: 10,
    noCount: 0,
    yesTotalCostUsd: 4.25,
    noTotalCostUsd: 0,
    revenueUsd: 10,
    feeUsd: 0,
    settledTime: '2026-01-06T00:05:00Z',
  };
  it('account 5.75 wins over the position’s 5.80; difference −0.05', () => {
    const s = settlementFigures(long10, info({ result: 'yes' }), account);
    expect(s.settlementSource).toBe('account');
    expect(cents(s.settlementPnl)).toBe(5.75);
    expect(cents(s.settlementPnlPosition)).toBe(5.8);
    expect(cents(s.settlementPnlAccount)).toBe(5.75);
    expect(cents(s.settlementDifference)).toBe(-0.05);
  });
  it('short 8 @ 0.65 settled no as the account sees it: 8 NO contracts cost 8·0.35 = 2.80, paid 8.00, fee 0.02 → 5.18', () => {
    const a = { ...account, marketResult: 'no', yesCount: 0, noCount: 8, yesTotalCostUsd: 0 };
    const s = settlementFigures(short8, info({ result: 'no' }), {
      ...a,
      noTotalCostUsd: 2.8,
      revenueUsd: 8,
      feeUsd: 0.02,
    });
    expect(cents(s.settlementPnl)).toBe(5.18);
    expect(cents(s.settlementPnlPosition)).toBe(5.2);
    expect(cents(s.settlementDifference)).toBe(-0.02);
  });
  it('void: the account’s refund gives the figure though ours is unknown (no difference to show)', () => {
    // Refunded at cost: revenue 4.20 for 10 YES that cost 4.20 → 0.
    const refund = { ...account, marketResult: 'void', revenueUsd: 4.2, yesTotalCostUsd: 4.2 };
    const s = settlementFigures(long10, info({ result: 'void' }), refund);
    expect(s.settlementPnl).toBeCloseTo(0, 10);
    expect(s.settlementSource).toBe('account');
    expect(s.settlementPnlPosition).toBeNull();
    expect(s.settlementDifference).toBeNull();
  });
  it('accountSettlementPnl = revenue − yes cost − no cost − fee', () => {
    expect(
      accountSettlementPnl({
        ...account,
        revenueUsd: 7,
        yesTotalCostUsd: 2.5,
        noTotalCostUsd: 1.25,
        feeUsd: 0.1,
      }),
    ).toBeCloseTo(3.15, 10);
  });
});

describe('closes in, closing within 24 h, phase', () => {
  it('closeTime − now, flagged when open and within (0, 24 h]', () => {
    // 2026-01-05T23:59:00Z − 12:00:00Z = 11 h 59 min.
    const ms = closesInMs('2026-01-05T23:59:00Z', NOW);
    expect(ms).toBe(11 * HOUR + 59 * 60_000);
    expect(closingWithin24h(ms, 'open')).toBe(true);
    expect(closingWithin24h(24 * HOUR, 'open')).toBe(true);
    expect(closingWithin24h(24 * HOUR + 1, 'open')).toBe(false);
    expect(closingWithin24h(-HOUR, 'open')).toBe(false);
    expect(closingWithin24h(HOUR, 'closed')).toBe(false);
    expect(closingWithin24h(null, 'open')).toBeNull();
    expect(closesInMs(null, NOW)).toBeNull();
    // An offset is honoured: 2026-01-06T01:00+02:00 = 2026-01-05T23:00Z, 11 h away.
    expect(closesInMs('2026-01-06T01:00:00+02:00', NOW)).toBe(11 * HOUR);
  });
  it('phases: settled, closed, open (unknown statuses read as open)', () => {
    for (const s of ['settled', 'finalized', 'determined', 'amended', 'Finalized'])
      expect(marketPhase(s)).toBe('settled');
    for (const s of ['closed', 'disputed']) expect(marketPhase(s)).toBe('closed');
    for (const s of ['active', 'initialized', 'open', 'paused', 'something_new'])
      expect(marketPhase(s)).toBe('open');
  });
  it('the row’s lifecycle columns', () => {
    const l = marketLifecycle(
      long10,
      info({ status: 'active', result: '', closeTime: '2026-01-06T06:00:00Z' }),
      null,
      NOW,
    );
    expect(l).toMatchObject({
      title: 'Will it rain in NYC on Jan 5?',
      subtitle: 'Above 0.1 in',
      closeTime: '2026-01-06T06:00:00.000Z',
      closesInMs: 18 * HOUR,
      closingSoon: true,
      marketStatus: 'active',
      marketPhase: 'open',
      result: null,
      settlementPnl: null,
    });
    expect(marketLifecycle(long10, undefined, undefined, NOW)).toMatchObject({
      title: null,
      closeTime: null,
      closesInMs: null,
      closingSoon: null,
      marketStatus: null,
      marketPhase: null,
      result: null,
      settlementPnl: null,
    });
  });
});

describe('lifecycle status, settlement totals', () => {
  const view = (patch: Partial<MarketDataView> = {}): MarketDataView => ({
    markets: new Map(),
    settlements: null,
    unavailable: null,
    fetchedAt: '2026-01-05T11:59:30.000Z',
    ...patch,
  });
  it('not configured, never fetched, fresh, old', () => {
    expect(lifecycleStatus(null)).toEqual({
      available: false,
      unavailable: 'market data not configured',
      fetchedAt: null,
      accountSettlements: false,
    });
    expect(
      lifecycleStatus(view({ fetchedAt: null, unavailable: 'unreachable: timeout after 5 s' })),
    ).toMatchObject({ available: false, unavailable: 'unreachable: timeout after 5 s' });
    expect(lifecycleStatus(view({ fetchedAt: null }))).toMatchObject({
      available: false,
      unavailable: 'not fetched yet',
    });
    expect(lifecycleStatus(view())).toMatchObject({ available: true, unavailable: null });
    // Old data is still shown, with why it is old.
    expect(lifecycleStatus(view({ unavailable: 'HTTP 503' }))).toMatchObject({
      available: true,
      unavailable: 'HTTP 503',
    });
    expect(lifecycleStatus(view({ settlements: new Map() })).accountSettlements).toBe(true);
  });
  it('realized incl. settlement = realizedTotal + Σ settlement P&L, to the cent', () => {
    // Rows: +5.80 (long settled yes), −2.80 (short settled yes), an open position the market data
    // does not know (unknown, left out and counted), a flat open market. realizedTotal 1.25.
    // Σ = 3.00; incl. = 1.25 + 3.00 = 4.25.
    const rows = [
      { netPosition: 10, settlementPnl: 5.8, marketPhase: 'settled' as const },
      { netPosition: -8, settlementPnl: -2.8, marketPhase: 'settled' as const },
      { netPosition: 3, settlementPnl: null, marketPhase: null },
      { netPosition: 0, settlementPnl: null, marketPhase: 'open' as const },
    ];
    const t = settlementTotals(rows, 1.25, lifecycleStatus(view()));
    expect(cents(t.settlementTotal)).toBe(3);
    expect(cents(t.realizedInclSettlement)).toBe(4.25);
    expect(t.settlementUnknown).toBe(1);
    // Unavailable: unknown, not zero.
    const u = settlementTotals(rows, 1.25, lifecycleStatus(view({ fetchedAt: null, unavailable: 'down' })));
    expect(u).toEqual({ settlementTotal: null, realizedInclSettlement: null, settlementUnknown: 3 });
    // Credentials configured but nothing fetched yet (the first seconds after start): still unknown,
    // never a 0 that would say nothing settled.
    const loading = settlementTotals(
      rows,
      1.25,
      lifecycleStatus(
        view({ fetchedAt: null, unavailable: 'Kalshi market data loading', settlements: new Map() }),
      ),
    );
    expect(loading.settlementTotal).toBeNull();
    expect(loading.realizedInclSettlement).toBeNull();
  });
  it('property: Σ per market = settlementTotal, and incl. − realized = total', () => {
    const pnl = fc.option(
      fc.integer({ min: -100_000, max: 100_000 }).map((c) => c / 100),
      { nil: null },
    );
    fc.assert(
      fc.property(
        fc.array(pnl, { maxLength: 30 }),
        fc.integer({ min: -1e6, max: 1e6 }),
        (pnls, realizedCents) => {
          const rows = pnls.map((p) => ({
            netPosition: 1,
            settlementPnl: p,
            marketPhase: 'settled' as const,
          }));
          const t = settlementTotals(rows, realizedCents / 100, lifecycleStatus(view()));
          const sum = pnls.reduce<number>((a, p) => a + (p ?? 0), 0);
          expect(t.settlementTotal).toBe(sum);
          expect(Math.abs((t.realizedInclSettlement ?? NaN) - realizedCents / 100 - sum)).toBeLessThan(1e-6);
        },
      ),
    );
  });
});

describe('exposure by close date (Σ capitalAtRisk by UTC date of closeTime)', () => {
  it('groups held markets by UTC close date, unknown last, flat left out', () => {
    const rows = [
      {
        marketId: 'KX-A',
        netPosition: 6,
        exposure: 6,
        capitalAtRisk: 2.4,
        closeTime: '2026-01-06T00:00:00.000Z',
      },
      {
        marketId: 'KX-B',
        netPosition: -5,
        exposure: 5,
        capitalAtRisk: 3.5,
        closeTime: '2026-01-06T23:59:59.000Z',
      },
      // 01:00 at +02:00 is 23:00Z the day before: grouped under 2026-01-07, not 01-08.
      {
        marketId: 'KX-C',
        netPosition: 2,
        exposure: 2,
        capitalAtRisk: 0.9,
        closeTime: '2026-01-08T01:00:00+02:00',
      },
      { marketId: 'KX-D', netPosition: 2, exposure: 2, capitalAtRisk: 0.8, closeTime: null },
      { marketId: 'KX-E', netPosition: 0, exposure: 0, capitalAtRisk: 0, closeTime: '2026-01-05T00:00:00Z' },
    ];
    const g = exposureByCloseDate(rows);
    expect(g.map((x) => x.date)).toEqual(['2026-01-06', '2026-01-07', null]);
    expect(g[0]).toMatchObject({ markets: 2, marketIds: ['KX-A', 'KX-B'], exposure: 11 });
    expect(cents(g[0]!.capitalAtRisk)).toBe(5.9);
    expect(g[1]).toMatchObject({ markets: 1, marketIds: ['KX-C'], exposure: 2, capitalAtRisk: 0.9 });
    expect(g[2]).toMatchObject({ markets: 1, marketIds: ['KX-D'], capitalAtRisk: 0.8 });
  });
  it('property: the groups add up to Σ capitalAtRisk and Σ |net| of the held markets', () => {
    const row = fc.record({
      marketId: fc.string({ minLength: 1, maxLength: 4 }),
      netPosition: fc.integer({ min: -50, max: 50 }),
      capitalAtRisk: fc.integer({ min: 0, max: 5000 }).map((c) => c / 100),
      closeTime: fc.option(
        fc
          .integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 2, 1) })
          .map((ms) => new Date(ms).toISOString()),
        { nil: null },
      ),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 25 }), (raw) => {
        const rows = raw.map((r) => ({ ...r, exposure: Math.abs(r.netPosition) }));
        const held = rows.filter((r) => r.netPosition !== 0);
        const g = exposureByCloseDate(rows);
        const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
        expect(sum(g.map((x) => x.capitalAtRisk))).toBeCloseTo(sum(held.map((r) => r.capitalAtRisk)), 9);
        expect(sum(g.map((x) => x.exposure))).toBe(sum(held.map((r) => r.exposure)));
        expect(sum(g.map((x) => x.markets))).toBe(held.length);
      }),
    );
  });
});

describe('attention: a market settled or closed with a position', () => {
  const base: AttentionInput = {
    nowMs: NOW,
    loopIntervalMs: 5_000,
    bot: {
      heartbeat: 'alive',
      lastDecisionAt: '2026-01-05T11:59:55.000Z',
      lastDecisionAgeMs: 5_000,
      runId: 'r',
    },
    risk: {
      tradingHalted: false,
      haltReason: null,
      lossLimitUse: 0,
      dailyPnl: 0,
      maxDailyLoss: 100,
      lastUpdatedAt: null,
    },
    exposure: { total: 0, totalLimitUse: 0 },
    maxTotalExposure: 500,
    markets: [],
    apiErrors: null,
  };
  const m = (patch: Partial<AttentionInput['markets'][number]> & { marketId: string }) => ({
    enabled: false,
    hasConfig: true,
    netPosition: 0,
    limitUse: null,
    maxPosition: null,
    decisionAt: null,
    ...patch,
  });
  it('settled with a position is critical and says unrealized is meaningless; closed warns; flat or open says nothing', () => {
    const items = buildAttention({
      ...base,
      markets: [
        m({
          marketId: 'KX-CLOSED',
          netPosition: 3,
          marketPhase: 'closed',
          marketStatus: 'closed',
          closeTime: '2026-01-05T10:00:00.000Z',
        }),
        m({
          marketId: 'KX-SET',
          netPosition: -5,
          marketPhase: 'settled',
          marketStatus: 'finalized',
          result: 'no',
          settlementPnl: 1.5,
        }),
        m({
          marketId: 'KX-FLAT',
          netPosition: 0,
          marketPhase: 'settled',
          marketStatus: 'finalized',
          result: 'yes',
          settlementPnl: 0,
        }),
        m({ marketId: 'KX-OPEN', netPosition: 4, marketPhase: 'open', marketStatus: 'active' }),
        m({ marketId: 'KX-UNKNOWN', netPosition: 4 }),
      ],
    });
    expect(items.map((i) => [i.kind, i.severity, i.marketId])).toEqual([
      ['market_settled', 'critical', 'KX-SET'],
      ['market_closed', 'warning', 'KX-CLOSED'],
    ]);
    expect(items[0]!.message).toBe(
      "KX-SET: finalized (result no) with position -5 still in the bot's positions — settlement P&L +$1.50, not in realized P&L; its unrealized P&L values a book that no longer exists and is meaningless",
    );
    expect(items[1]!.since).toBe('2026-01-05T10:00:00.000Z');
  });
  it('settled with an unknown payout (void) still warns, critical', () => {
    const [item] = buildAttention({
      ...base,
      markets: [
        m({
          marketId: 'KX-V',
          netPosition: 2,
          marketPhase: 'settled',
          marketStatus: 'finalized',
          result: 'void',
          settlementPnl: null,
        }),
      ],
    });
    expect(item).toMatchObject({ kind: 'market_settled', severity: 'critical' });
    expect(item!.message).toContain('settlement P&L unknown');
  });
});

// Property tests (fast-check): invariants that must hold for any input, not just the examples.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MetricsInput } from './context.js';
import { totalsByDay } from './daily.js';
import { percentile } from './latency.js';
import { buildOverview } from './overview.js';
import { replayFills } from './replay.js';
import { book, config, decision, globalConfig, order, position } from './test-fixtures.js';
import { toAwareIso, utcDate } from './time.js';
import type { Fill } from './types.js';

const T0 = Date.parse('2025-12-01T00:00:00Z');
const SPAN = 60 * 86_400_000;
const ZONES = [
  'UTC',
  'America/New_York',
  'Asia/Tokyo',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'America/Santiago',
];

const cents = fc.integer({ min: 1, max: 99 }).map((c) => c / 100);

const fillArb = fc.record({
  market: fc.constantFrom('A', 'B', 'C'),
  side: fc.constantFrom<'yes' | 'no'>('yes', 'no'),
  price: cents,
  size: fc.integer({ min: 1, max: 60 }),
  t: fc.integer({ min: 0, max: SPAN }),
  fee: fc.option(
    fc.integer({ min: 0, max: 200 }).map((x) => x / 10_000),
    { nil: null },
  ),
});
type FillArb = typeof fillArb extends fc.Arbitrary<infer T> ? T : never;

function toFill(f: FillArb, i: number, timeMs = T0 + f.t): Fill {
  return {
    date: utcDate(timeMs),
    sortKey: `${toAwareIso(timeMs)}#o${i}`,
    marketId: f.market,
    side: f.side,
    type: null,
    priceYes: f.price,
    size: f.size,
    feeUsd: f.fee,
    pnlRealizedUsd: null,
    orderId: `o${i}`,
    fillId: `f${String(i).padStart(4, '0')}`,
    fillTimeMs: timeMs,
    fillTimeSource: 'fill_timestamp',
    fillTimestampRaw: null,
    reconciledAtStartup: false,
  };
}

describe('realized P&L invariants', () => {
  it('realized total = Σ daily realized over all days, in any zone', () => {
    fc.assert(
      fc.property(fc.array(fillArb, { maxLength: 80 }), fc.constantFrom(...ZONES), (specs, tz) => {
        const replay = replayFills(specs.map((s, i) => toFill(s, i)));
        const byDay = totalsByDay(replay.steps, tz);
        let sum = 0;
        let fills = 0;
        for (const d of byDay.values()) {
          sum += d.realized;
          fills += d.fills;
        }
        expect(Math.abs(sum - replay.realizedTotal)).toBeLessThan(1e-9);
        expect(fills).toBe(specs.length);
      }),
      { numRuns: 200 },
    );
  });

  it('splitting a fill into two at the same price and time changes nothing', () => {
    fc.assert(
      fc.property(
        fc.array(fillArb, { minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (specs, pick, fraction) => {
          // Distinct increasing times keep the two halves adjacent in replay order.
          const fills = specs.map((s, i) => toFill(s, i, T0 + i * 60_000));
          const k = pick % fills.length;
          const whole = fills[k] as Fill;
          fc.pre(whole.size >= 2);
          const s1 = Math.min(whole.size - 1, Math.max(1, Math.round(whole.size * fraction)));
          const s2 = whole.size - s1;
          // A stored fee splits pro rata; the formula fee is linear in c, so it splits by itself.
          const part = (size: number, suffix: string): Fill => ({
            ...whole,
            size,
            fillId: `${whole.fillId}${suffix}`,
            sortKey: `${whole.sortKey}${suffix}`,
            feeUsd: whole.feeUsd === null ? null : (whole.feeUsd * size) / whole.size,
          });
          const split = [...fills.slice(0, k), part(s1, 'a'), part(s2, 'b'), ...fills.slice(k + 1)];
          const a = replayFills(fills);
          const b = replayFills(split);
          for (const [id, m] of a.markets) {
            const n = b.markets.get(id);
            expect(n?.net).toBe(m.net);
            expect(Math.abs((n?.realized ?? NaN) - m.realized)).toBeLessThan(1e-9);
            expect(Math.abs((n?.avgBuy ?? NaN) - m.avgBuy)).toBeLessThan(1e-9);
            expect(Math.abs((n?.avgSell ?? NaN) - m.avgSell)).toBeLessThan(1e-9);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('duplicating fills changes nothing', () => {
    fc.assert(
      fc.property(fc.array(fillArb, { maxLength: 40 }), (specs) => {
        const fills = specs.map((s, i) => toFill(s, i));
        const doubled = [...fills, ...fills.map((f) => ({ ...f, sortKey: `${f.sortKey}~` }))].reverse();
        expect(replayFills(doubled).realizedTotal).toBe(replayFills(fills).realizedTotal);
      }),
      { numRuns: 100 },
    );
  });
});

describe('headline = Σ rows = totals', () => {
  const marketArb = fc.record({
    enabled: fc.boolean(),
    hasConfig: fc.boolean(),
    net: fc.integer({ min: -50, max: 50 }),
    avgBuy: cents,
    avgSell: cents,
    bid: fc.option(cents, { nil: null }),
    ask: fc.option(cents, { nil: null }),
    hasDecision: fc.boolean(),
    ourBid: fc.option(cents, { nil: null }),
    ourAsk: fc.option(cents, { nil: null }),
  });

  it('holds for random books, positions and orders', () => {
    fc.assert(
      fc.property(
        fc.array(marketArb, { maxLength: 12 }),
        fc.array(fillArb, { maxLength: 20 }),
        (markets, fillSpecs) => {
          const ids = markets.map((_, i) => `M${i}`);
          const input: MetricsInput = {
            env: 'demo',
            region: 'us-east-1',
            tz: 'UTC',
            nowMs: T0 + SPAN,
            days: 7,
            configs: markets.flatMap((m, i) =>
              m.hasConfig ? [config({ marketId: ids[i] as string, enabled: m.enabled })] : [],
            ),
            positions: {
              positions: new Map(
                markets.map((m, i) => [
                  ids[i] as string,
                  position(ids[i] as string, m.net, m.avgBuy, m.avgSell),
                ]),
              ),
            },
            openOrders: {
              lastUpdatedMs: T0,
              orders: markets.flatMap((m, i) => [
                ...(m.ourBid === null
                  ? []
                  : [order({ market: ids[i], side: 'yes', price: m.ourBid, size: 3 })]),
                ...(m.ourAsk === null
                  ? []
                  : [order({ market: ids[i], side: 'no', price: m.ourAsk, size: 4 })]),
              ]),
            },
            risk: null,
            globalConfig: globalConfig(),
            fills: fillSpecs.map((s, i) => toFill(s, i)),
            latestDecisions: new Map(
              markets.flatMap((m, i) =>
                m.hasDecision
                  ? [
                      [
                        ids[i] as string,
                        decision({ market: ids[i], at: '2026-01-29T00:00:00', book: book(m.bid, m.ask) }),
                      ] as const,
                    ]
                  : [],
              ),
            ),
            newestDecisionAny: null,
          };
          const o = buildOverview(input);
          let worst = 0;
          let best = 0;
          let exposure = 0;
          for (const r of o.markets) {
            worst += r.unrealizedWorst;
            best += r.unrealizedBest;
            exposure += r.exposure;
          }
          expect(o.pnl.unrealizedWorst).toBe(worst);
          expect(o.pnl.unrealizedBest).toBe(best);
          expect(o.totals.unrealizedWorst).toBe(o.pnl.unrealizedWorst);
          expect(o.totals.unrealizedBest).toBe(o.pnl.unrealizedBest);
          // Every open position has a row, so the table's exposure is the total exposure.
          expect(exposure).toBe(o.exposure.total);
          expect(o.totals.netPosition).toBe(markets.reduce((n, m) => n + m.net, 0));
          // Every row has a number: no N/A silently dropped from the sum.
          for (const r of o.markets)
            expect(Number.isFinite(r.unrealizedWorst) && Number.isFinite(r.unrealizedBest)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('TOTAL row (rows + other markets) = headline', () => {
  // Markets M0..M5 with random config (enabled or not, or none) and a random bot position (or
  // none); fills fall on those markets and on one with neither (X), so markets outside the table
  // carry realized P&L, fills of the last 24 h and bot realized_pnl.
  const ids = ['M0', 'M1', 'M2', 'M3', 'M4', 'M5'];
  const marketArb = fc.record({
    config: fc.constantFrom('enabled', 'disabled', 'none'),
    position: fc.option(
      fc.record({ net: fc.integer({ min: -3, max: 3 }), realized: fc.integer({ min: -300, max: 300 }) }),
      { nil: null },
    ),
    bid: fc.option(cents, { nil: null }),
    ask: fc.option(cents, { nil: null }),
  });
  const fillOnArb = fc.record({
    market: fc.constantFrom(...ids, 'X'),
    side: fc.constantFrom<'yes' | 'no'>('yes', 'no'),
    price: cents,
    size: fc.integer({ min: 1, max: 30 }),
    // The last 3 days, so some fills fall in the 24 h window and some before it.
    ago: fc.integer({ min: 0, max: 3 * 86_400_000 }),
    fee: fc.option(
      fc.integer({ min: 0, max: 200 }).map((x) => x / 10_000),
      { nil: null },
    ),
  });
  const NOW = T0 + SPAN;

  it('holds for realized, the bot’s realized, unrealized and 24 h figures', () => {
    fc.assert(
      fc.property(
        fc.array(marketArb, { minLength: 6, maxLength: 6 }),
        fc.array(fillOnArb, { maxLength: 40 }),
        fc.boolean(),
        (markets, fillSpecs, withPositions) => {
          const fills = fillSpecs.map((f, i) =>
            toFill(
              { market: f.market as 'A', side: f.side, price: f.price, size: f.size, t: 0, fee: f.fee },
              i,
              NOW - f.ago,
            ),
          );
          const input: MetricsInput = {
            env: 'demo',
            region: 'us-east-1',
            tz: 'UTC',
            nowMs: NOW,
            days: 3,
            configs: markets.flatMap((m, i) =>
              m.config === 'none'
                ? []
                : [config({ marketId: ids[i] as string, enabled: m.config === 'enabled' })],
            ),
            positions: withPositions
              ? {
                  positions: new Map(
                    markets.flatMap((m, i) =>
                      m.position === null
                        ? []
                        : [
                            [
                              ids[i] as string,
                              position(ids[i] as string, m.position.net, 0.4, 0.6, m.position.realized / 100),
                            ] as const,
                          ],
                    ),
                  ),
                }
              : null,
            openOrders: null,
            risk: null,
            globalConfig: globalConfig(),
            fills,
            latestDecisions: new Map(
              markets.map((m, i) => [
                ids[i] as string,
                decision({ market: ids[i], at: '2026-01-29T00:00:00', book: book(m.bid, m.ask) }),
              ]),
            ),
            newestDecisionAny: null,
          };
          const o = buildOverview(input);
          const t = o.totals;
          // Exactly equal: the headline is the TOTAL row's own sum.
          expect(t.realizedPnl).toBe(o.pnl.realizedTotal);
          expect(t.unrealizedWorst).toBe(o.pnl.unrealizedWorst);
          expect(t.unrealizedBest).toBe(o.pnl.unrealizedBest);
          expect(t.unrealizedMid).toBe(o.pnl.unrealizedMid);
          if (withPositions) expect(t.botRealizedPnl).toBe(o.pnl.botRealizedTotal);
          else expect(o.pnl.botRealizedTotal).toBeNull();
          // And equal to independent sums over the inputs.
          const replay = replayFills(fills);
          expect(Math.abs(t.realizedPnl - replay.realizedTotal)).toBeLessThan(1e-9);
          let botSum = 0;
          for (const m of markets) botSum += m.position === null ? 0 : m.position.realized / 100;
          if (withPositions) expect(Math.abs(t.botRealizedPnl - botSum)).toBeLessThan(1e-9);
          let pnl24h = 0;
          let filled24h = 0;
          let pos24h = 0;
          for (const s of replay.steps) {
            if (s.fill.fillTimeMs <= NOW - 86_400_000) continue;
            pnl24h += s.realizedChange;
            filled24h += s.fill.size;
            pos24h += s.signedSize;
          }
          expect(Math.abs(t.pnl24h - pnl24h)).toBeLessThan(1e-9);
          expect(t.filled24h).toBe(filled24h);
          expect(t.pos24h).toBe(pos24h);
          // Σ rows + the other-markets row, field by field.
          const rowsRealized = o.markets.reduce((a, r) => a + r.realizedPnl, 0);
          expect(Math.abs(rowsRealized + t.otherMarkets.realizedPnl - t.realizedPnl)).toBeLessThan(1e-9);
          // Other markets are never in the table, and are flat.
          const shown = new Set(o.markets.map((r) => r.marketId));
          for (const id of t.otherMarkets.marketIds) expect(shown.has(id)).toBe(false);
          expect(t.otherMarkets.count).toBe(t.otherMarkets.marketIds.length);
          expect(t.otherMarkets.unrealizedWorst).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

// An independent percentile: walk to the rank instead of flooring, interpolate from both ends.
function referencePercentile(values: number[], p: number): number {
  const xs = [...values].sort((a, b) => a - b);
  const rank = p * (xs.length - 1);
  let i = 0;
  while (i + 1 <= rank && i + 1 < xs.length) i++;
  const lower = xs[i] as number;
  const upper = xs[Math.min(i + 1, xs.length - 1)] as number;
  const w = rank - i;
  return lower * (1 - w) + upper * w;
}

describe('percentile properties', () => {
  it('agrees with an independent linear-interpolation implementation', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 200 }),
        fc.constantFrom(0, 0.5, 0.95, 0.99, 1),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, fixedP, randomP) => {
          const sorted = [...values].sort((a, b) => a - b);
          for (const p of [fixedP, randomP]) {
            const got = percentile(sorted, p) as number;
            const want = referencePercentile(values, p);
            expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
            expect(got).toBeGreaterThanOrEqual(sorted[0] as number);
            expect(got).toBeLessThanOrEqual(sorted[sorted.length - 1] as number);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('p50 of an odd-length sorted array is its median', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 101 }),
        (values) => {
          const odd = values.length % 2 === 1 ? values : values.slice(1);
          fc.pre(odd.length > 0);
          const sorted = [...odd].sort((a, b) => a - b);
          expect(percentile(sorted, 0.5)).toBe(sorted[(sorted.length - 1) / 2]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

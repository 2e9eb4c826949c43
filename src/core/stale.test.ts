import { describe, expect, it } from 'vitest';
import type { MetricsInput } from './context.js';
import { buildStale } from './stale.js';
import { book, config, decision, fill, globalConfig, ms, order, position } from './test-fixtures.js';

// now = 2026-01-05T12:00Z. H = 48 h ⇒ stale when the last fill is before 2026-01-03T12:00Z.
//   A enabled, long 10, last fill 2026-01-01 ⇒ stale; exit: our ask 0.45 ≤ best ask 0.5 ⇒ active.
//   B disabled, short 4, never filled in the log ⇒ stale, no exit order.
//   C enabled, long 2, filled 2026-01-04 ⇒ fresh.
//   D flat ⇒ never stale.
const base: MetricsInput = {
  env: 'prod',
  region: 'us-east-1',
  tz: 'UTC',
  nowMs: ms('2026-01-05T12:00:00Z'),
  days: 1,
  configs: [config({ marketId: 'A' }), config({ marketId: 'B', enabled: false }), config({ marketId: 'C' })],
  positions: {
    positions: new Map([
      ['A', position('A', 10, 0.4, 0, 0.5)],
      ['B', position('B', -4, 0, 0.8, -0.2)],
      ['C', position('C', 2, 0.3, 0, 0)],
      ['D', position('D', 0, 0, 0, 1)],
    ]),
  },
  openOrders: {
    lastUpdatedMs: ms('2026-01-05T11:59:00Z'),
    orders: [order({ market: 'A', side: 'no', price: 0.45, size: 10 })],
  },
  risk: null,
  globalConfig: globalConfig(),
  fills: [
    fill({ market: 'A', side: 'yes', price: 0.4, size: 10, at: '2026-01-01T09:00:00Z', fee: 0 }),
    fill({ market: 'C', side: 'yes', price: 0.3, size: 2, at: '2026-01-04T09:00:00Z', fee: 0 }),
  ],
  latestDecisions: new Map([
    ['A', decision({ market: 'A', at: '2026-01-05T11:59:30', book: book(0.35, 0.5) })],
  ]),
  newestDecisionAny: null,
};

describe('buildStale', () => {
  it('lists stale positions of enabled and disabled markets, largest first', () => {
    const { items, totals } = buildStale(base, 48);
    expect(items.map((i) => [i.marketId, i.enabled, i.exitOrder])).toEqual([
      ['A', true, true],
      ['B', false, false],
    ]);
    // A: last fill 2026-01-01T09:00Z ⇒ 4 d 3 h = 99 h ago.
    expect(items[0]?.lastFillAgeMs).toBe(99 * 3_600_000);
    expect(items[1]).toMatchObject({ lastFillAt: null, lastFillAgeMs: null });
    // A best: (0.45 − 0.40)·10 − 0.0175·10·0.45·0.55 = 0.5 − 0.0433125; B (no book): (0.8 − 1)·4 = −0.8.
    expect(items[0]?.unrealizedBest).toBeCloseTo(0.5 - 0.0433125, 12);
    expect(items[1]?.unrealizedWorst).toBeCloseTo(-0.8, 12);
    expect(totals).toMatchObject({
      count: 2,
      exposure: 14,
      withExitOrder: 1,
      withoutExitOrder: 1,
      withExitOrderShare: 0.5,
      enabled: 1,
      disabled: 1,
      hours: 48,
    });
    // capital: 10·0.4 + 4·(1 − 0.8) = 4.8; bot realized 0.5 − 0.2 = 0.3.
    expect(totals.capitalAtRisk).toBeCloseTo(4.8, 12);
    expect(totals.botRealizedPnl).toBeCloseTo(0.3, 12);
  });
  it('uses the threshold given', () => {
    // 12 h: C (filled 27 h ago) becomes stale too.
    expect(buildStale(base, 12).items.map((i) => i.marketId)).toEqual(['A', 'B', 'C']);
    // Default 48 h.
    expect(buildStale(base).totals.hours).toBe(48);
  });
});

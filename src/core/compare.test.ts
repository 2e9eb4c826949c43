import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareMarket } from './compare.js';
import { replayFills } from './replay.js';
import { event, fill, ms } from './test-fixtures.js';
import { toAwareIso, utcDate } from './time.js';
import type { Fill } from './types.js';

// Market M, average-cost rule, fee = stored `fees`, else 0.0175·c·p·(1 − p):
//   1. 01-01 10:00 buy 10 @0.40, fee 0.042          net 10 avg 0.40   change −0.042      (before the range)
//   2. 01-02 09:00 sell 4 @0.50, fee 0.0175         closes 4: 4·(0.50 − 0.40) − 0.0175 = +0.3825, net 6
//   3. 01-02 15:00 sell 10 @0.30, no fee stored ⇒ fee(0.30, 10) = 0.0175·10·0.3·0.7 = 0.03675;
//                  closes 6: 6·(0.30 − 0.40) − 0.03675 = −0.63675, net −4 (avg sell 0.30)
//   4. 01-03 12:00 buy 4 @0.20, fee 0.0112          closes 4: 4·(0.30 − 0.20) − 0.0112 = +0.3888, net 0 (after the range)
// Market X has a fill inside the range: it must not count for M.
const buy1 = fill({ market: 'M', side: 'yes', price: 0.4, size: 10, at: '2026-01-01T10:00:00Z', fee: 0.042 });
const sell2 = fill({ market: 'M', side: 'no', price: 0.5, size: 4, at: '2026-01-02T09:00:00Z', fee: 0.0175 });
const sell3 = fill({ market: 'M', side: 'no', price: 0.3, size: 10, at: '2026-01-02T15:00:00Z' });
const buy4 = fill({ market: 'M', side: 'yes', price: 0.2, size: 4, at: '2026-01-03T12:00:00Z', fee: 0.0112 });
const otherMarket = fill({
  market: 'X',
  side: 'yes',
  price: 0.6,
  size: 3,
  at: '2026-01-02T12:00:00Z',
  fee: 0.01,
});
const ALL = [buy4, otherMarket, sell3, buy1, sell2]; // any order: the replay sorts

const FROM = ms('2026-01-02T00:00:00Z');
const TO = ms('2026-01-03T00:00:00Z'); // one day

describe('compareMarket on a hand-worked market', () => {
  it('counts only the fills in the range, with realized changes from the whole history', () => {
    const { row } = compareMarket('M', ALL, [], [], FROM, TO);
    expect(row.marketId).toBe('M');
    expect(row.fills).toBe(2); // fills 2 and 3
    expect(row.contracts).toBe(14); // 4 + 10
    // Volume: 4·0.50 + 10·0.30 = 2.00 + 3.00 = $5.00.
    expect(row.volumeUsd).toBeCloseTo(5, 10);
    // Realized: +0.3825 − 0.63675 = −0.25425 (−$0.25). Replaying from flat at the range's start
    // would have made fill 2 open a short (−0.0175 only): the history matters.
    expect(row.realized).toBeCloseTo(-0.25425, 10);
    // Fees: 0.0175 + 0.03675 = $0.05425 (fill 1's 0.042 and fill 4's 0.0112 are outside).
    expect(row.feesUsd).toBeCloseTo(0.05425, 10);
    // Two fills over one day.
    expect(row.fillRatePerDay).toBe(2);
    // Net after fill 3 (fill 4 is after the range and flattens to 0).
    expect(row.netAtEnd).toBe(-4);
  });

  it('gives the overlay series: start at the net before the range, a step per fill, the end', () => {
    const { series } = compareMarket('M', ALL, [], [], FROM, TO);
    expect(series).toHaveLength(4);
    expect(series[0]).toEqual({ time: FROM, cumulativeRealized: 0, net: 10 }); // after fill 1
    expect(series[1]?.time).toBe(sell2.fillTimeMs);
    expect(series[1]?.cumulativeRealized).toBeCloseTo(0.3825, 10);
    expect(series[1]?.net).toBe(6);
    expect(series[2]?.time).toBe(sell3.fillTimeMs);
    expect(series[2]?.cumulativeRealized).toBeCloseTo(-0.25425, 10);
    expect(series[2]?.net).toBe(-4);
    expect(series[3]?.time).toBe(TO);
    expect(series[3]?.cumulativeRealized).toBeCloseTo(-0.25425, 10);
    expect(series[3]?.net).toBe(-4);
  });

  it('includes fills exactly at both ends of the range', () => {
    const { row } = compareMarket('M', ALL, [], [], sell2.fillTimeMs, sell3.fillTimeMs);
    expect(row.fills).toBe(2);
    expect(row.realized).toBeCloseTo(-0.25425, 10);
  });

  it('a range without fills keeps the net held before it and realizes nothing', () => {
    // 01-03 00:00 → 01-03 06:00: net −4 after fill 3; fill 4 comes at 12:00.
    const from = ms('2026-01-03T00:00:00Z');
    const to = ms('2026-01-03T06:00:00Z');
    const { row, series } = compareMarket('M', ALL, [], [], from, to);
    expect(row).toMatchObject({
      fills: 0,
      contracts: 0,
      volumeUsd: 0,
      realized: 0,
      feesUsd: 0,
      netAtEnd: -4,
    });
    expect(row.fillRatePerDay).toBe(0);
    expect(series).toEqual([
      { time: from, cumulativeRealized: 0, net: -4 },
      { time: to, cumulativeRealized: 0, net: -4 },
    ]);
  });

  it('a market without fills: flat, no spread, no latency', () => {
    const { row, series } = compareMarket('NONE', ALL, [], [null, null], FROM, TO);
    expect(row).toEqual({
      marketId: 'NONE',
      fills: 0,
      contracts: 0,
      volumeUsd: 0,
      realized: 0,
      feesUsd: 0,
      fillRatePerDay: 0,
      avgSpread: null,
      latencyP95Ms: null,
      netAtEnd: 0,
    });
    expect(series).toEqual([
      { time: FROM, cumulativeRealized: 0, net: 0 },
      { time: TO, cumulativeRealized: 0, net: 0 },
    ]);
  });

  it('rates fills per day over at least an hour', () => {
    // 09:00 → 09:30 holds fill 2 only: half an hour counts as 1/24 day ⇒ 1 / (1/24) = 24 a day.
    const { row } = compareMarket('M', ALL, [], [], sell2.fillTimeMs, sell2.fillTimeMs + 30 * 60_000);
    expect(row.fills).toBe(1);
    expect(row.fillRatePerDay).toBeCloseTo(24, 10);
    // Two days hold fills 2, 3 and 4: 3 / 2 = 1.5 a day.
    expect(compareMarket('M', ALL, [], [], FROM, FROM + 2 * 86_400_000).row.fillRatePerDay).toBe(1.5);
  });

  it('averages only the two-sided book spreads', () => {
    // (0.04 + 0.02 + 0.03) / 3 = 0.03; the nulls (one-sided book) are left out.
    const { row } = compareMarket('M', ALL, [], [0.04, null, 0.02, 0.03, null], FROM, TO);
    expect(row.avgSpread).toBeCloseTo(0.03, 12);
  });

  it('takes p95 latency over the ORDER_RESULT events in the range', () => {
    const result = (at: string, latencyMs: number | null) =>
      event({ eventType: 'ORDER_RESULT', at, side: 'yes', latencyMs });
    const events = [
      result('2026-01-02T01:00:00Z', 500),
      result('2026-01-02T02:00:00Z', 100),
      result('2026-01-02T03:00:00Z', 400),
      result('2026-01-02T04:00:00Z', 200),
      result('2026-01-02T05:00:00Z', 300),
      result('2026-01-02T06:00:00Z', null), // no latency: not a sample
      event({ eventType: 'ORDER_PLACE', at: '2026-01-02T07:00:00Z', latencyMs: 9_000 }), // not a result
      result('2026-01-01T23:59:59Z', 10_000), // before the range
      result('2026-01-03T00:00:01Z', 10_000), // after it
    ];
    // Samples 100, 200, 300, 400, 500: h = (5 − 1)·0.95 = 3.8 ⇒ 400 + 0.8·(500 − 400) = 480 ms.
    expect(compareMarket('M', ALL, events, [], FROM, TO).row.latencyP95Ms).toBeCloseTo(480, 10);
  });
});

// Property tests: the same invariants for any fills of a few markets.
const T0 = Date.parse('2026-01-01T00:00:00Z');
const SPAN = 10 * 86_400_000;
const fillArb = fc.record({
  market: fc.constantFrom('M', 'N'),
  side: fc.constantFrom<'yes' | 'no'>('yes', 'no'),
  price: fc.integer({ min: 1, max: 99 }).map((c) => c / 100),
  size: fc.integer({ min: 1, max: 40 }),
  t: fc.integer({ min: 0, max: SPAN }),
  fee: fc.option(
    fc.integer({ min: 0, max: 200 }).map((x) => x / 10_000),
    { nil: null },
  ),
});
type FillSpec = typeof fillArb extends fc.Arbitrary<infer T> ? T : never;

function toFill(f: FillSpec, i: number): Fill {
  const timeMs = T0 + f.t;
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

const fillsArb = fc.array(fillArb, { maxLength: 60 }).map((specs) => specs.map(toFill));
const instant = fc.integer({ min: 0, max: SPAN }).map((t) => T0 + t);

describe('compareMarket invariants', () => {
  it('over the whole history it equals the replay: realized, net, fills', () => {
    fc.assert(
      fc.property(fillsArb, (fills) => {
        const m = replayFills(fills).markets.get('M');
        const { row } = compareMarket('M', fills, [], [], T0, T0 + SPAN);
        expect(row.fills).toBe(m?.fills ?? 0);
        expect(row.netAtEnd).toBe(m?.net ?? 0);
        expect(Math.abs(row.realized - (m?.realized ?? 0))).toBeLessThan(1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it('splitting the range in two splits fills, contracts, volume, fees and realized, and chains the net', () => {
    fc.assert(
      fc.property(fillsArb, instant, instant, instant, (fills, a, b, c) => {
        const [from, mid, to] = [a, b, c].sort((x, y) => x - y) as [number, number, number];
        const whole = compareMarket('M', fills, [], [], from, to).row;
        // [from, mid − 1] and [mid, to] cover [from, to] once (both bounds are inclusive).
        const left = compareMarket('M', fills, [], [], from, mid - 1);
        const right = compareMarket('M', fills, [], [], mid, to);
        expect(left.row.fills + right.row.fills).toBe(whole.fills);
        expect(left.row.contracts + right.row.contracts).toBe(whole.contracts);
        expect(Math.abs(left.row.volumeUsd + right.row.volumeUsd - whole.volumeUsd)).toBeLessThan(1e-9);
        expect(Math.abs(left.row.feesUsd + right.row.feesUsd - whole.feesUsd)).toBeLessThan(1e-9);
        expect(Math.abs(left.row.realized + right.row.realized - whole.realized)).toBeLessThan(1e-9);
        // The right half starts from the net the left half ends with; the whole ends where it does.
        expect(right.series[0]?.net).toBe(left.row.netAtEnd);
        expect(right.row.netAtEnd).toBe(whole.netAtEnd);
      }),
      { numRuns: 200 },
    );
  });

  it('the series starts at 0, steps once per fill in time order, and ends at the row', () => {
    fc.assert(
      fc.property(fillsArb, instant, instant, (fills, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const { row, series } = compareMarket('M', fills, [], [], from, to);
        expect(series).toHaveLength(row.fills + 2);
        expect(series[0]?.time).toBe(from);
        expect(series[0]?.cumulativeRealized).toBe(0);
        expect(series.at(-1)).toEqual({ time: to, cumulativeRealized: row.realized, net: row.netAtEnd });
        for (let i = 1; i < series.length; i++) {
          expect(series[i]!.time).toBeGreaterThanOrEqual(series[i - 1]!.time);
        }
      }),
      { numRuns: 200 },
    );
  });
});

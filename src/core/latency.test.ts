import { describe, expect, it } from 'vitest';
import { buildMarketAnalytics, outcomes, timeline, timelineBucketMs } from './analytics.js';
import { histogram, niceStep } from './histogram.js';
import { latencyBreakdown, latencyStats, percentile } from './latency.js';
import { event } from './test-fixtures.js';

describe('percentile (linear interpolation, numpy default)', () => {
  it('matches hand-worked values', () => {
    const x = [10, 20, 30, 40];
    // p50: h = 3·0.5 = 1.5 ⇒ 20 + 0.5·(30 − 20) = 25
    expect(percentile(x, 0.5)).toBe(25);
    // p95: h = 2.85 ⇒ 30 + 0.85·10 = 38.5
    expect(percentile(x, 0.95)).toBeCloseTo(38.5, 12);
    // p0 = min, p100 = max; one value ⇒ that value; none ⇒ null.
    expect(percentile(x, 0)).toBe(10);
    expect(percentile(x, 1)).toBe(40);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
    expect(() => percentile(x, 95)).toThrow(RangeError);
  });
});

describe('latency statistics', () => {
  it('count/mean/p50/p95/p99/max (input in any order)', () => {
    // sorted 100, 120, 150, 200, 400: mean 970/5 = 194; p50 = x[2] = 150;
    // p95: h = 3.8 ⇒ 200 + 0.8·200 = 360; p99: h = 3.96 ⇒ 200 + 0.96·200 = 392.
    const s = latencyStats([400, 100, 200, 150, 120]);
    expect(s).toMatchObject({ count: 5, mean: 194, p50: 150, max: 400 });
    expect(s.p95).toBeCloseTo(360, 12);
    expect(s.p99).toBeCloseTo(392, 12);
    expect(latencyStats([])).toEqual({ count: 0, mean: null, p50: null, p95: null, p99: null, max: null });
  });

  it('splits ORDER_RESULT events into placements (side) and cancels (order_id, no side)', () => {
    const events = [
      event({ eventType: 'ORDER_PLACE', at: '2026-01-03T10:00:00Z', side: 'bid' }), // no latency: ignored
      event({
        eventType: 'ORDER_RESULT',
        at: '2026-01-03T10:00:01Z',
        side: 'bid',
        status: 'ACCEPTED',
        orderId: 'o1',
        latencyMs: 187,
      }),
      event({
        eventType: 'ORDER_RESULT',
        at: '2026-01-03T10:00:02Z',
        side: 'ask',
        status: 'REJECTED',
        latencyMs: 143,
        errorType: 'HTTPError',
        errorCode: 'insufficient_balance',
      }),
      event({
        eventType: 'ORDER_RESULT',
        at: '2026-01-03T10:00:03Z',
        orderId: 'o1',
        status: 'CANCELLED',
        latencyMs: 121,
      }),
      // Cancel whose 404 verification failed: no latency (contract §2.5).
      event({
        eventType: 'ORDER_RESULT',
        at: '2026-01-03T10:00:04Z',
        orderId: 'o2',
        status: 'ERROR',
        errorType: 'HTTPError',
      }),
      event({ eventType: 'FILL', at: '2026-01-03T10:00:05Z', side: 'yes', latencyMs: 999 }), // not a result
    ];
    const l = latencyBreakdown(events);
    // place: 143, 187 ⇒ mean 165, p50 165; cancel: 121; all: 121, 143, 187 ⇒ mean 150.33…, p50 143.
    expect(l.place).toMatchObject({ count: 2, mean: 165, p50: 165, max: 187 });
    expect(l.cancel).toMatchObject({ count: 1, mean: 121, p99: 121 });
    expect(l.all.count).toBe(3);
    expect(l.all.mean).toBeCloseTo(451 / 3, 12);
    expect(l.all.p50).toBe(143);

    const o = outcomes(events);
    expect(o.counts).toEqual({ ACCEPTED: 1, REJECTED: 1, ERROR: 1, CANCELLED: 1, ALREADY_GONE: 0 });
    expect(o.total).toBe(4);
    expect(o.byKind).toEqual({
      place: { ACCEPTED: 1, REJECTED: 1 },
      cancel: { CANCELLED: 1, ERROR: 1 },
      unknown: {},
    });
    // error codes grouped: error_code where present, else error_type.
    expect(o.errorCodes).toEqual([
      { code: 'HTTPError', count: 1, statuses: ['ERROR'] },
      { code: 'insufficient_balance', count: 1, statuses: ['REJECTED'] },
    ]);
  });

  it('groups repeated error codes and keeps unknown statuses verbatim', () => {
    const events = [
      event({
        eventType: 'ORDER_RESULT',
        at: '2026-01-03T10:00:00Z',
        side: 'bid',
        status: 'REJECTED',
        errorCode: 'market_closed',
      }),
      event({
        eventType: 'ORDER_RESULT',
        at: '2026-01-03T10:00:01Z',
        side: 'ask',
        status: 'REJECTED',
        errorCode: 'market_closed',
      }),
      event({ eventType: 'ORDER_RESULT', at: '2026-01-03T10:00:02Z', orderId: 'x', status: 'ALREADY_GONE' }),
      event({ eventType: 'ORDER_RESULT', at: '2026-01-03T10:00:03Z', orderId: 'x', status: 'WEIRD' }),
    ];
    const o = outcomes(events);
    expect(o.errorCodes).toEqual([{ code: 'market_closed', count: 2, statuses: ['REJECTED'] }]);
    expect(o.counts.ALREADY_GONE).toBe(1);
    expect(o.other).toEqual({ WEIRD: 1 });
  });
});

describe('timeline and histogram', () => {
  it('chooses the smallest round bucket giving ≤ 120 buckets', () => {
    // 1 h / 1 min = 60 buckets ⇒ 1 min; 1 day / 15 min = 96 ⇒ 15 min; 30 days / 6 h = 120 ⇒ 6 h.
    expect(timelineBucketMs(0, 3_600_000)).toBe(60_000);
    expect(timelineBucketMs(0, 86_400_000)).toBe(900_000);
    expect(timelineBucketMs(0, 30 * 86_400_000)).toBe(21_600_000);
  });
  it('buckets events, empty buckets included', () => {
    const t0 = Date.parse('2026-01-03T10:00:00Z');
    const events = [
      event({ eventType: 'ORDER_PLACE', at: '2026-01-03T10:00:10Z', side: 'bid' }),
      event({
        eventType: 'ORDER_RESULT',
        at: '2026-01-03T10:00:11Z',
        side: 'bid',
        status: 'ACCEPTED',
        latencyMs: 100,
      }),
      event({
        eventType: 'ORDER_RESULT',
        at: '2026-01-03T10:02:30Z',
        orderId: 'o',
        status: 'CANCELLED',
        latencyMs: 50,
      }),
    ];
    const tl = timeline(events, t0, t0 + 3 * 60_000 - 1, 60_000);
    expect(tl.map((b) => b.start)).toEqual([
      '2026-01-03T10:00:00.000Z',
      '2026-01-03T10:01:00.000Z',
      '2026-01-03T10:02:00.000Z',
    ]);
    expect(tl[0]).toMatchObject({ events: { ORDER_PLACE: 1, ORDER_RESULT: 1 }, results: { ACCEPTED: 1 } });
    expect(tl[0]?.latency.mean).toBe(100);
    expect(tl[1]).toMatchObject({ events: {}, results: {} });
    expect(tl[2]?.results).toEqual({ CANCELLED: 1 });
  });
  it('histogram bins on nice edges', () => {
    expect([niceStep(3), niceStep(0.3), niceStep(10), niceStep(11)]).toEqual([5, 0.5, 10, 20]);
    // Width 100: 120 and 187 in [100, 200); 250 in [200, 300); 300 lands in a bin of its own.
    expect(histogram([120, 187, 250, 300], { binWidth: 100 })).toEqual([
      { from: 100, to: 200, count: 2 },
      { from: 200, to: 300, count: 1 },
      { from: 300, to: 400, count: 1 },
    ]);
    expect(histogram([])).toEqual([]);
    // Default: span 0 ⇒ width niceStep(1/30) = 0.05; one bin.
    expect(histogram([5, 5])).toEqual([{ from: 5, to: 5.05, count: 2 }]);
  });
  it('buildMarketAnalytics filters the window [from, to]', () => {
    const events = [
      event({
        eventType: 'ORDER_RESULT',
        at: '2026-01-03T09:59:59Z',
        side: 'bid',
        status: 'ACCEPTED',
        latencyMs: 999,
      }),
      event({
        eventType: 'ORDER_RESULT',
        at: '2026-01-03T10:00:00Z',
        side: 'bid',
        status: 'ACCEPTED',
        latencyMs: 100,
      }),
      event({
        eventType: 'ORDER_RESULT',
        at: '2026-01-03T11:00:00Z',
        side: 'ask',
        status: 'ACCEPTED',
        latencyMs: 200,
      }),
    ];
    const a = buildMarketAnalytics(
      events,
      Date.parse('2026-01-03T10:00:00Z'),
      Date.parse('2026-01-03T11:00:00Z'),
    );
    expect(a.eventCount).toBe(2);
    expect(a.latency.place).toMatchObject({ count: 2, mean: 150, max: 200 });
    expect(a.bucketMs).toBe(60_000);
    expect(a.timeline).toHaveLength(61);
    expect(a.histogram.reduce((n, b) => n + b.count, 0)).toBe(2);
  });
});

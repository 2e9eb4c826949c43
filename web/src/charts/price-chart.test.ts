// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type uPlot from 'uplot';
import type { LatencyStats, MarketFill, SeriesPoint } from '@api/types';
import {
  decadeRange,
  histogramData,
  latencyModel,
  logTick,
  timelineModel,
  timelineTooltip,
  typesOf,
} from './analytics-charts';
import {
  COL,
  fillTooltip,
  markerRadius,
  nearestPoint,
  freshLimits,
  isolatedPoints,
  NET_INCRS,
  priceModel,
  priceOptions,
  priceXRange,
  sampleTooltip,
} from './price-chart';

const s = (time: string, over: Partial<SeriesPoint> = {}): SeriesPoint => ({
  time,
  decisionId: 'r:KX:1',
  decisionAt: time,
  bestBid: 0.4,
  bestAsk: 0.45,
  mid: 0.425,
  targetBid: 0.39,
  targetAsk: 0.46,
  inventory: 3,
  fairValue: 0.42,
  ...over,
});

const f = (time: string, over: Partial<MarketFill> = {}): MarketFill =>
  ({
    time,
    type: 'bid',
    side: 'yes',
    priceYes: 0.41,
    size: 9,
    feeAppliedUsd: 0.0038,
    realizedChange: -0.0038,
    netBefore: 3,
    netAfter: 12,
    decisionContext: null,
    ...over,
  }) as MarketFill;

const sec = (iso: string) => Date.parse(iso) / 1000;

describe('priceModel', () => {
  const series = [
    s('2026-11-25T10:00:00Z'),
    s('2026-11-25T11:00:00Z', { bestBid: null }),
    s('2026-11-25T12:00:00Z'),
  ];
  // The API sends fills newest first.
  const fills = [
    f('2026-11-25T11:30:00Z', {
      type: 'ask',
      side: 'no',
      priceYes: 0.47,
      size: 4,
      netBefore: 12,
      netAfter: 8,
    }),
    f('2026-11-25T10:30:00Z'),
  ];
  const m = priceModel(series, fills);

  it('merges samples and fills on one ascending x axis', () => {
    expect(m.data[0]).toEqual([
      sec('2026-11-25T10:00:00Z'),
      sec('2026-11-25T10:30:00Z'),
      sec('2026-11-25T11:00:00Z'),
      sec('2026-11-25T11:30:00Z'),
      sec('2026-11-25T12:00:00Z'),
    ]);
    expect(m.fillAt.map((x) => x?.time ?? null)).toEqual([
      null,
      '2026-11-25T10:30:00Z',
      null,
      '2026-11-25T11:30:00Z',
      null,
    ]);
    expect(m.sampleAt.map((x) => x !== null)).toEqual([true, false, true, false, true]);
  });

  it('book and targets at samples only (the steps span fills); no-bid stays null', () => {
    expect(m.data[COL.bestBid]).toEqual([0.4, null, null, null, 0.4]);
    expect(m.data[COL.targetAsk]).toEqual([0.46, null, 0.46, null, 0.46]);
  });

  it('fills by side at their price; net after each fill, from the position before the first to the end', () => {
    expect(m.data[COL.bidFill]).toEqual([null, 0.41, null, null, null]);
    expect(m.data[COL.askFill]).toEqual([null, null, null, 0.47, null]);
    expect(m.data[COL.net]).toEqual([3, 12, null, 8, 8]);
  });

  it('without fills there is no net line; without samples the fills alone', () => {
    expect(priceModel(series, []).data[COL.net]).toEqual([null, null, null]);
    const only = priceModel([], fills);
    expect(only.data[0]).toHaveLength(2);
    expect(only.data[COL.net]).toEqual([12, 8]);
  });
});

describe('priceModel: no quote that did not exist (issue 16 item 3)', () => {
  // Samples every 10 min; the bot decides every 5 s, stops after 10:19:56 and is back at 10:49:55.
  const series = [
    s('2026-11-25T10:00:00Z', { decisionId: 'd1', decisionAt: '2026-11-25T09:59:58Z' }),
    s('2026-11-25T10:10:00Z', { decisionId: 'd2', decisionAt: '2026-11-25T10:09:57Z' }),
    s('2026-11-25T10:20:00Z', { decisionId: 'd3', decisionAt: '2026-11-25T10:19:56Z', targetAsk: 0.62 }),
    s('2026-11-25T10:30:00Z', { decisionId: 'd3', decisionAt: '2026-11-25T10:19:56Z', targetAsk: 0.62 }),
    s('2026-11-25T10:40:00Z', { decisionId: 'd3', decisionAt: '2026-11-25T10:19:56Z', targetAsk: 0.62 }),
    s('2026-11-25T10:50:00Z', { decisionId: 'd4', decisionAt: '2026-11-25T10:49:55Z', targetAsk: null }),
  ];
  const m = priceModel(series, []);

  it('the cadence: new decisions 3, 4 and 5 s old ⇒ 2 × 4 s = 8 s, so the 60 s floor applies', () => {
    // New: samples 1, 2, 5 (3 of the 5 after the first: dense) — median age 4 s.
    expect(freshLimits(series, 60_000)).toEqual([60_000, 60_000, 60_000, 60_000, 60_000, 60_000]);
  });

  it('draws a decision only while fresh: the silent 10:30 and 10:40 are a break, the 62¢ ask not carried', () => {
    expect(m.data[COL.bestBid]).toEqual([0.4, 0.4, 0.4, null, null, 0.4]);
    expect(m.data[COL.targetAsk]).toEqual([0.46, 0.46, 0.62, null, null, null]);
    expect(m.staleAt).toEqual([null, null, null, '2026-11-25T10:19:56Z', '2026-11-25T10:19:56Z', null]);
    // d3 was drawn while fresh: nothing old to draw once.
    expect(m.oldBook).toBeNull();
    // One stretch without a fresh decision: 10:30 → 10:50, 20 min.
    expect(m.gaps).toEqual({ count: 1, longestMs: 20 * 60_000 });
  });

  it('a log of one decision in 30 min, sampled every 5 min, is a continuous line; a 2 h silence breaks it', () => {
    const t0 = Date.parse('2026-11-25T00:00:00Z');
    const MIN = 60_000;
    // Decisions at 23:57:30 + 30 min × k; sample i at 5 min × i sees the newest at or before it.
    const at = (ms: number) => Math.floor((ms + 150_000) / (30 * MIN)) * 30 * MIN - 150_000;
    const sparse = (silentFrom: number, silentTo: number) =>
      Array.from({ length: 25 }, (_, i) => {
        const t = t0 + i * 5 * MIN;
        let d = at(t);
        if (d >= silentFrom && d < silentTo) d = at(silentFrom - 1);
        return s(new Date(t).toISOString(), { decisionId: `d${d}`, decisionAt: new Date(d).toISOString() });
      });
    const all = sparse(Infinity, Infinity);
    // New decisions are seen 2.5 min old (2 × 2.5 min ≥ ¼ of the 5 min step: sparse); they are
    // 30 min apart ⇒ cadence 30 min, limit 45 min; the oldest age drawn is 27.5 min.
    expect(freshLimits(all, 60_000)).toEqual(new Array(25).fill(45 * MIN));
    expect(priceModel(all, []).data[COL.bestBid]).not.toContain(null);
    // No decision between 00:27:30 and 01:57:30: the other intervals (30 min) say 45 min, so the
    // 00:27:30 book is drawn to 01:10 (42.5 min old) and breaks from 01:15 until 02:00.
    const silent = priceModel(sparse(t0 + 28 * MIN, t0 + 117 * MIN), []);
    const bids = silent.data[COL.bestBid] as (number | null)[];
    expect(bids.slice(0, 15).every((v) => v !== null)).toBe(true);
    expect(bids.slice(15, 24)).toEqual(new Array(9).fill(null));
    expect(bids[24]).toBe(0.4);
  });

  it('a stale decision that was just drawn fresh is not drawn again', () => {
    const m2 = priceModel(
      [
        s('2026-11-25T10:00:00Z', { decisionId: 'd1', decisionAt: '2026-11-25T10:00:00Z' }),
        s('2026-11-25T10:10:00Z', { decisionId: 'd1', decisionAt: '2026-11-25T10:00:00Z' }),
      ],
      [],
    );
    expect(m2.data[COL.mid]).toEqual([0.425, null]);
    expect(m2.oldBook).toBeNull();
  });

  it('an old book at the start of the range is a gap, not an "Old book": the range ends fresh', () => {
    const m5 = priceModel(
      [
        // The range starts where the bot had not quoted this market for 7 hours, then quotes it again.
        s('2026-11-25T03:00:00Z', { decisionId: 'z', decisionAt: '2026-11-24T20:00:00Z' }),
        s('2026-11-25T06:00:00Z', { decisionId: 'a', decisionAt: '2026-11-25T05:59:58Z' }),
        s('2026-11-25T10:00:00Z', { decisionId: 'b', decisionAt: '2026-11-25T09:59:49Z' }),
      ],
      [],
    );
    expect(m5.data[COL.bestBid]).toEqual([0.4, 0.4, 0.4]);
    expect(m5.oldBook).toBeNull();
  });

  it('a disabled market: one old book over the whole range is one point, labelled old', () => {
    const old = '2026-11-17T08:00:00Z'; // 8 days before
    const m3 = priceModel(
      ['2026-11-25T10:00:00Z', '2026-11-26T10:00:00Z', '2026-11-27T10:00:00Z'].map((t) =>
        s(t, { decisionId: 'old', decisionAt: old, bestBid: 0.35, bestAsk: 0.4 }),
      ),
      [],
    );
    expect(m3.data[COL.bestBid]).toEqual([0.35, null, null]);
    expect(m3.oldBook).toMatchObject({ decisionAt: old, bestBid: 0.35, bestAsk: 0.4 });
    expect(isolatedPoints(m3.data[COL.bestBid] as (number | null)[])).toEqual([0]);
  });

  it('at a fill, its own decision context is the decision in force (when fresh)', () => {
    const ctx = {
      time: '2026-11-25T10:24:58Z',
      book: { bestBid: 0.5, bestAsk: 0.55, mid: 0.525 },
      targetBid: 0.49,
      targetAsk: 0.56,
      priceCalc: { fairValue: 0.52 },
    };
    const m4 = priceModel(series, [
      f('2026-11-25T10:25:00Z', { decisionContext: ctx as unknown as MarketFill['decisionContext'] }),
      f('2026-11-25T10:35:00Z', {
        decisionContext: { ...ctx, time: '2026-11-25T10:30:00Z' } as unknown as MarketFill['decisionContext'],
      }),
    ]);
    // Rows: 10:00 10:10 10:20 10:25(fill) 10:30 10:35(fill) 10:40 10:50
    expect(m4.data[COL.bestBid]).toEqual([0.4, 0.4, 0.4, 0.5, null, null, null, 0.4]);
    expect(m4.data[COL.targetAsk]).toEqual([0.46, 0.46, 0.62, 0.56, null, null, null, null]);
  });

  it('no fill in the range: the position now was held all along (a flat net line)', () => {
    expect(priceModel(series, [], 60_000, -8).data[COL.net]).toEqual([-8, null, null, null, null, -8]);
    expect(priceModel(series, [], 60_000, null).data[COL.net]).toEqual([null, null, null, null, null, null]);
  });

  it('isolated points: values with no drawn neighbour', () => {
    expect(isolatedPoints([null, 1, null, 2, 3, null, 4])).toEqual([1, 6]);
    expect(isolatedPoints([])).toEqual([]);
  });
});

describe('price chart x range (the page’s range, not only the data that has arrived)', () => {
  const range = [1000, 5000] as const;

  it('auto range (the data’s first and last x): the whole page range, never cutting the data', () => {
    // Only the fills in (the series still loading): a restart before the first or after the last
    // fill is still inside the x scale, so it is drawn as the list under the chart says.
    expect(priceXRange([2000, 3000, 4000], 2000, 4000, range)).toEqual([1000, 5000]);
    // A previous range's answer shown while the new one loads is not cut.
    expect(priceXRange([500, 3000, 5500], 500, 5500, range)).toEqual([500, 5500]);
    // One point: uPlot's lone-x widening (86400 / ms) is replaced by the range.
    expect(priceXRange([2000], 2000, 2000 + 86_400_000, range)).toEqual([1000, 5000]);
  });

  it('a zoom is kept; no range known: uPlot’s own', () => {
    expect(priceXRange([2000, 3000, 4000], 2500, 3500, range)).toEqual([2500, 3500]);
    expect(priceXRange([2000, 3000, 4000], 1500, 3500, range)).toEqual([1500, 3500]);
    expect(priceXRange([2000, 3000, 4000], 2000, 4000, null)).toEqual([2000, 4000]);
  });

  it('the options read the range on every autoscale', () => {
    let r: readonly [number, number] | null = null;
    const opts = priceOptions(
      { bid: '', ask: '', mid: '', target: '', fair: '', net: '', outline: '', axis: '', grid: '' },
      'UTC',
      () => [],
      () => r,
    );
    const x = opts.scales?.['x']?.range as (u: uPlot, a: number, b: number) => [number, number];
    const u = { data: [[2000, 4000]] } as unknown as uPlot;
    expect(x(u, 2000, 4000)).toEqual([2000, 4000]);
    r = range;
    expect(x(u, 2000, 4000)).toEqual([1000, 5000]);
  });
});

describe('net position axis (issue 16 item 6)', () => {
  it('ticks step by whole contracts only', () => {
    expect(NET_INCRS.every((x) => Number.isInteger(x) && x >= 1)).toBe(true);
    const opts = priceOptions(
      { bid: '', ask: '', mid: '', target: '', fair: '', net: '', outline: '', axis: '', grid: '' },
      'UTC',
      () => [],
    );
    expect(opts.axes?.[2]).toMatchObject({ scale: 'net', incrs: NET_INCRS });
  });
});

describe('price chart options and hover', () => {
  const palette = {
    bid: '#0a0',
    ask: '#a00',
    mid: '#777',
    target: '#00f',
    fair: '#fa0',
    net: '#00f',
    outline: '#fff',
    axis: '#777',
    grid: '#eee',
  };

  it('series in data order, book steps on the price scale, net on its own', () => {
    const opts = priceOptions(palette, 'America/New_York', () => []);
    expect(opts.series.map((x) => x.label ?? null)).toEqual([
      null,
      'Best bid',
      'Best ask',
      'Mid',
      'Target bid',
      'Target ask',
      'Fair value',
      'Bid fills',
      'Ask fills',
      'Net position',
    ]);
    // A gap in the book or the targets is a time without that quote: never bridged (issue 16 item 3).
    expect(opts.series[COL.bestBid]).toMatchObject({ scale: 'price', spanGaps: false });
    expect(opts.series[COL.targetAsk]).toMatchObject({ scale: 'price', spanGaps: false });
    expect(opts.series[COL.net]).toMatchObject({ scale: 'net', spanGaps: true });
    expect(opts.axes?.map((a) => a.scale)).toEqual([undefined, 'price', 'net']);
    const price = opts.scales?.['price']?.range as (u: uPlot, a: number, b: number) => [number, number];
    expect(price({} as uPlot, 0.4, 0.5)).toEqual([0.38, 0.52]);
    expect(price({} as uPlot, 0.01, 0.99)).toEqual([0, 1]);
  });

  it('markers grow with √size within 3–11 px', () => {
    expect(markerRadius(0)).toBe(3);
    expect(markerRadius(1)).toBeCloseTo(3.7);
    expect(markerRadius(25)).toBeCloseTo(8.5);
    expect(markerRadius(10_000)).toBe(11);
  });

  it('finds the nearest point within reach', () => {
    const pts = [
      { x: 10, y: 10, i: 4 },
      { x: 30, y: 10, i: 9 },
    ];
    expect(nearestPoint(pts, 27, 12, 8)).toBe(9);
    expect(nearestPoint(pts, 60, 60, 8)).toBeNull();
  });

  const fmt = (iso: string) => iso.slice(11, 19);

  it('a sample’s tooltip is the decision in force', () => {
    expect(sampleTooltip(s('2026-11-25T10:00:00Z', { bestAsk: null }), 'UTC', fmt)).toEqual({
      title: '10:00:00',
      lines: [
        { label: 'Best bid / ask', value: '$0.400 / —' },
        { label: 'Mid', value: '$0.425' },
        { label: 'Target bid / ask', value: '$0.390 / $0.460' },
        { label: 'Fair value', value: '$0.420' },
        { label: 'Inventory', value: '+3' },
        { label: 'Decision at', value: '10:00:00' },
      ],
    });
  });

  it('a fill’s tooltip: the trade and its decision context', () => {
    const withContext = f('2026-11-25T10:30:00Z', {
      decisionContext: {
        time: '2026-11-25T10:29:55Z',
        book: { bestBid: 0.4, bestAsk: 0.45, spread: 0.05, mid: 0.425, topBids: [], topAsks: [] },
        inventory: 3,
        priceCalc: { fairValue: 0.42, fvSource: 'wma_24h', skew: 0.001, tradeStdDev: 0.004, logic: 'market' },
        targetQuotes: [{ side: 'bid', priceYes: 0.41, size: 9 }],
      } as unknown as MarketFill['decisionContext'],
    });
    const t = fillTooltip(withContext, 'UTC', fmt);
    expect(t.title).toBe('Fill · 10:30:00');
    expect(t.lines.slice(0, 2)).toEqual([
      { label: 'Bought YES', value: '9 @ $0.410' },
      { label: 'Realized change', value: '$0.00', tone: 'flat' },
    ]);
    expect(t.lines).toContainEqual({ label: 'Fair value', value: '$0.420 (wma_24h)' });
    expect(t.lines).toContainEqual({ label: 'Targets', value: 'bid $0.410×9' });
    expect(fillTooltip(f('2026-11-25T10:30:00Z'), 'UTC', fmt).lines).toContainEqual({
      label: 'Decision context',
      value: 'none found',
    });
  });
});

describe('analytics charts', () => {
  const lat: LatencyStats = { count: 0, mean: null, p50: null, p95: null, p99: null, max: null };
  const bucket = (startMs: number, events: Record<string, number>, latency = lat) => ({
    start: new Date(startMs).toISOString(),
    startMs,
    events,
    results: {},
    latency,
  });
  const H = 3_600_000;
  const timeline = [
    bucket(0, { ORDER_PLACE: 2, ORDER_RESULT: 3, WEIRD: 1 }),
    bucket(H, {}),
    bucket(
      2 * H,
      { ORDER_CANCEL: 1, ORDER_RESULT: 1 },
      { count: 1, mean: 150, p50: 150, p95: 150, p99: 150, max: 150 },
    ),
  ];

  it('types in a fixed order, unknown ones after', () => {
    expect(typesOf(timeline)).toEqual(['ORDER_PLACE', 'ORDER_RESULT', 'ORDER_CANCEL', 'WEIRD']);
  });

  it('stacks per bucket, tallest series first so each type shows as its band', () => {
    const m = timelineModel(timeline, H);
    expect(m.data[0]).toEqual([0.5 * 3600, 1.5 * 3600, 2.5 * 3600]);
    expect(m.seriesTypes).toEqual(['WEIRD', 'ORDER_CANCEL', 'ORDER_RESULT', 'ORDER_PLACE']);
    expect(m.data.slice(1)).toEqual([
      [6, 0, 2],
      [5, 0, 2],
      [5, 0, 1],
      [2, 0, 0],
    ]);
  });

  it('the timeline tooltip shows the raw counts', () => {
    expect(timelineTooltip(timeline, 2, 'UTC', (iso) => iso)?.lines).toEqual([
      { label: 'ORDER_RESULT', value: '1' },
      { label: 'ORDER_CANCEL', value: '1' },
    ]);
    expect(timelineTooltip(timeline, 1, 'UTC', (iso) => iso)?.lines).toEqual([
      { label: 'Events', value: '0' },
    ]);
    expect(timelineTooltip(timeline, 7, 'UTC', (iso) => iso)).toBeNull();
  });

  it('histogram bars at bin centres', () => {
    expect(
      histogramData([
        { from: 100, to: 200, count: 5 },
        { from: 200, to: 300, count: 0 },
      ]),
    ).toEqual([
      [150, 250],
      [5, 0],
    ]);
  });

  it('latency: bucket P50/P95 lines (buckets with results) merged with each result as a point', () => {
    const m = latencyModel(timeline, H, [
      { time: new Date(2 * H + 60_000).toISOString(), latencyMs: 150, kind: 'cancel' },
      { time: new Date(10_000).toISOString(), latencyMs: 99, kind: 'place' },
    ]);
    expect(m.data).toEqual([
      [10, 2 * 3600 + 60, 2.5 * 3600],
      [null, null, 150],
      [null, null, 150],
      [99, null, null],
      [null, 150, null],
    ]);
  });

  it('log axis: whole decades, labels at 1-2-5', () => {
    expect(decadeRange(120, 2937)).toEqual([100, 10_000]);
    expect(decadeRange(null, null)).toEqual([1, 10]);
    expect(decadeRange(100, 100)).toEqual([100, 1000]);
    expect([100, 200, 300, 500, 1000, 7000].map(logTick)).toEqual([
      '100 ms',
      '200 ms',
      '',
      '500 ms',
      '1,000 ms',
      '',
    ]);
  });
});

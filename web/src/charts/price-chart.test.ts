// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type uPlot from 'uplot';
import type { LatencyStats, MarketFill, SeriesPoint } from '../pages/market/market-types';
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
  priceModel,
  priceOptions,
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
    expect(opts.series[COL.bestBid]).toMatchObject({ scale: 'price', spanGaps: true });
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

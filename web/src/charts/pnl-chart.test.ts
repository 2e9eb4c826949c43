// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type uPlot from 'uplot';
import type { DailyEntry } from '@api/types';
import {
  intradayData,
  intradayOptions,
  moneyRange,
  xDayRange,
  alignZero,
  axisMoney,
  barColors,
  dayLabel,
  dayTicks,
  dayToSeconds,
  pnlData,
  pnlOptions,
  pnlTooltip,
  rangeWithZero,
} from './pnl-chart';

const palette = { cumulative: '#00f', pos: '#0a0', neg: '#a00', axis: '#777', grid: '#eee' };

const daily: DailyEntry[] = [
  {
    date: '2026-11-23',
    realized: 14.46017170421041,
    fees: 1.3092,
    fills: 58,
    contracts: 484,
    cumulative: 132.1727532001894,
  },
  { date: '2026-11-24', realized: -2.5, fees: 0.4, fills: 6, contracts: 40, cumulative: 129.6727532001894 },
  { date: '2026-11-25', realized: 0, fees: 0, fills: 0, contracts: 0, cumulative: 129.6727532001894 },
];

describe('pnlData', () => {
  it('puts each calendar day at its UTC midnight, daily then cumulative, unrounded', () => {
    const [x, bars, line] = pnlData(daily);
    expect(x).toEqual([
      Date.UTC(2026, 10, 23) / 1000,
      Date.UTC(2026, 10, 24) / 1000,
      Date.UTC(2026, 10, 25) / 1000,
    ]);
    expect(bars).toEqual([14.46017170421041, -2.5, 0]);
    expect(line).toEqual([132.1727532001894, 129.6727532001894, 129.6727532001894]);
  });

  it('an empty series is three empty arrays', () => {
    expect(pnlData([])).toEqual([[], [], []]);
  });
});

describe('pnlOptions', () => {
  const opts = pnlOptions(palette);
  const series = opts.series;

  it('bars on the daily scale, the cumulative line on its own scale, legend replaced by the tooltip', () => {
    expect(series).toHaveLength(3);
    expect(series[1]).toMatchObject({ label: 'Daily realized', scale: 'daily', width: 0 });
    expect(typeof series[1]?.paths).toBe('function');
    expect(series[2]).toMatchObject({
      label: 'Cumulative (all-time)',
      scale: 'cum',
      stroke: '#00f',
      width: 2,
    });
    expect(opts.legend?.show).toBe(false);
    expect(opts.axes?.map((a) => a.scale)).toEqual([undefined, 'cum', 'daily']);
  });

  it('zooms by dragging along x only', () => {
    expect(opts.cursor?.drag).toMatchObject({ x: true, y: false, setScale: true });
  });

  it('pads the x range by half a day each side so edge bars are whole, and shows at least a week', () => {
    const range = opts.scales?.['x']?.range as (u: uPlot, min: number, max: number) => [number, number];
    const d = 86_400;
    const u = (xs: number[]) => ({ data: [xs] }) as unknown as uPlot;
    expect(range(u([1000, 1000 + 10 * d]), 1000, 1000 + 10 * d)).toEqual([
      1000 - 43_200,
      1000 + 10 * d + 43_200,
    ]);
    // One day (a custom day in the past): the week ending with it, never a lone tick on years —
    // uPlot hands a lone time value over as [x, x + 86400 / 1e-3 s].
    expect(range(u([1000]), 1000, 1000 + 86_400_000)).toEqual([1000 - 6 * d - 43_200, 1000 + 43_200]);
  });

  it('labels the x axis with calendar days and the y axes with short money', () => {
    const xValues = opts.axes?.[0]?.values as (u: uPlot, splits: number[]) => string[];
    expect(xValues({} as uPlot, [dayToSeconds('2026-11-23'), dayToSeconds('2026-11-30')])).toEqual([
      '2026-11-23',
      '11-30',
    ]);
    const yValues = opts.axes?.[1]?.values as (
      u: uPlot,
      s: number[],
      i: number,
      sp: number,
      incr: number,
    ) => string[];
    expect(yValues({} as uPlot, [-50, 0, 150], 1, 0, 50)).toEqual(['\u2212$50', '$0', '$150']);
  });

  it('hover values are dollars to the cent with a sign', () => {
    const value = series[1]?.value as (u: uPlot, v: number) => string;
    expect(value({} as uPlot, -2.5)).toBe('\u2212$2.50');
    expect(value({} as uPlot, 14.46017170421041)).toBe('+$14.46');
  });
});

describe('helpers', () => {
  it('colours bars red below zero, green otherwise, none without a value', () => {
    expect(barColors([1, -0.01, 0, null], palette)).toEqual(['#0a0', '#a00', '#0a0', null]);
  });

  it('keeps zero inside every y range, with air', () => {
    expect(rangeWithZero(5, 10)).toEqual([0, 10.8]);
    expect(rangeWithZero(-10, -5)).toEqual([-10.8, 0]);
    expect(rangeWithZero(0, 0)).toEqual([-1, 1]);
    expect(rangeWithZero(null, null)).toEqual([-1, 1]);
  });

  it('aligns the zero of both y axes by stretching, never cutting, a range', () => {
    const zeroShare = ([lo, hi]: [number, number]) => -lo / (hi - lo);
    // The line is all positive, the bars dip: the line's axis gets room below zero.
    const line = alignZero([0, 10], [-5, 5]);
    const bars = alignZero([-5, 5], [0, 10]);
    expect(line).toEqual([-5, 10]);
    expect(bars).toEqual([-5, 10]);
    expect(zeroShare(line)).toBeCloseTo(zeroShare(bars));
    // Unequal magnitudes: each keeps its own data inside.
    const a = alignZero([-2, 150], [-4, 20]);
    const b = alignZero([-4, 20], [-2, 150]);
    expect(a[0]).toBeLessThanOrEqual(-2);
    expect(a[1]).toBeGreaterThanOrEqual(150);
    expect(b[0]).toBeLessThanOrEqual(-4);
    expect(b[1]).toBeGreaterThanOrEqual(20);
    expect(zeroShare(a)).toBeCloseTo(zeroShare(b));
    // Both on one side of zero: zero stays at the edge.
    expect(alignZero([0, 3], [0, 8])).toEqual([0, 3]);
    expect(alignZero([-3, 0], [-8, 0])).toEqual([-3, 0]);
  });

  it('y ranges read the other axis’s visible extent', () => {
    const opts = pnlOptions(palette);
    const u = { series: [{}, { min: -4, max: 20 }, { min: 0, max: 150 }] } as unknown as uPlot;
    const cum = (opts.scales?.['cum']?.range as (u: uPlot, min: number, max: number) => [number, number])(
      u,
      0,
      150,
    );
    const daily = (opts.scales?.['daily']?.range as (u: uPlot, min: number, max: number) => [number, number])(
      u,
      -4,
      20,
    );
    expect(cum[0]).toBeLessThan(0);
    expect(-cum[0] / (cum[1] - cum[0])).toBeCloseTo(-daily[0] / (daily[1] - daily[0]));
  });

  it('short axis money', () => {
    expect(axisMoney(2.5, 0.5)).toBe('$2.50');
    expect(axisMoney(1500, 500)).toBe('$1.5k');
    expect(axisMoney(-25_000, 5000)).toBe('\u2212$25k');
    expect(axisMoney(-0, 1)).toBe('$0');
  });

  it('day labels ignore the viewer zone', () => {
    expect(dayLabel(dayToSeconds('2026-01-01'))).toBe('01-01');
  });

  it("day ticks are the page's YYYY-MM-DD, the year on the first tick and where it changes", () => {
    const ticks = ['2025-12-15', '2025-12-29', '2026-01-12', '2026-01-26'].map(dayToSeconds);
    expect(dayTicks(ticks)).toEqual(['2025-12-15', '12-29', '2026-01-12', '01-26']);
  });

  it('the tooltip shows the day in its zone and the API figures, rounded only', () => {
    expect(pnlTooltip(daily, 1, 'America/Chicago')).toEqual({
      title: '2026-11-24 (America/Chicago)',
      lines: [
        { label: 'Daily realized', value: '\u2212$2.50', tone: 'neg' },
        { label: 'Cumulative', value: '+$129.67', tone: 'pos' },
        { label: 'Fees', value: '$0.40' },
        { label: 'Fills', value: '6 (40 contracts)' },
      ],
    });
    expect(pnlTooltip(daily, 9, 'UTC')).toBeNull();
  });
});

describe('one day: intraday equity (issue 16 item 4)', () => {
  const pts = [
    { at: '2026-01-02T05:00:00.000Z', realized: 0 }, // the day's start in New York
    { at: '2026-01-02T08:00:00.000Z', realized: 0.38 },
    { at: '2026-01-02T20:00:00.000Z', realized: -0.25 },
  ];
  it('realized steps held to now; equity now (realized + unrealized) is one point at now', () => {
    const now = Date.parse('2026-01-02T22:00:00Z');
    const [xs, realized, equity] = intradayData(pts, now, -0.25 + 1.1);
    expect(xs).toEqual([...pts.map((p) => Date.parse(p.at) / 1000), now / 1000]);
    expect(realized).toEqual([0, 0.38, -0.25, -0.25]);
    expect(equity?.slice(0, 3)).toEqual([null, null, null]);
    expect(equity?.[3]).toBeCloseTo(0.85, 12);
  });
  it('a fill at now itself carries the equity point', () => {
    const now = Date.parse('2026-01-02T20:00:00Z');
    expect(intradayData(pts, now, 1)[2]).toEqual([null, null, 1]);
  });
  it('money range: zero included, at least $1 tall, so a −$2 day is not the full height of cents', () => {
    expect(moneyRange(-0.02, 0)).toEqual([-1, 0]);
    expect(moneyRange(0.1, 0.3)).toEqual([0, 1]);
    // −0.2…+0.3: 0.5 + 8 % each side = 0.58 ⇒ widened by 0.42 split evenly.
    const [lo, hi] = moneyRange(-0.2, 0.3);
    expect(lo).toBeCloseTo(-0.2 - 0.04 - 0.21, 12);
    expect(hi).toBeCloseTo(0.3 + 0.04 + 0.21, 12);
    // A −$2 day: [−2.16, 0], already over $1.
    expect(moneyRange(-2, -2)[0]).toBeCloseTo(-2.16, 12);
  });
  it('the daily x range is at least a week wide, ending at the last day', () => {
    const d = 86_400;
    const last = Date.parse('2026-03-10T00:00:00Z') / 1000;
    expect(xDayRange(last, last)).toEqual([last - 6 * d - d / 2, last + d / 2]);
    expect(xDayRange(last - 30 * d, last)).toEqual([last - 30 * d - d / 2, last + d / 2]);
  });
  it('intraday options: the x scale is the whole day in the zone, hours only on the axis', () => {
    const opts = intradayOptions(
      { cumulative: '#00f', pos: '#0a0', neg: '#a00', axis: '#777', grid: '#eee' },
      'America/New_York',
      100,
      200,
    );
    const range = opts.scales?.['x']?.range as () => [number, number];
    expect(range()).toEqual([100, 200]);
    expect((opts.axes?.[0]?.incrs as number[]).every((s) => s >= 3600 && s <= 12 * 3600)).toBe(true);
  });
});

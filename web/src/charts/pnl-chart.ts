// P&L over time as uPlot data and options: pure builders (Grafana's UPlotConfigBuilder idea), so
// what the chart shows is tested without a browser. Daily bars (green up, red down) on the right
// axis, the all-time cumulative line on the left. x = the calendar day (in the requested tz) as
// UTC midnight, so labelling in UTC prints that day whatever the viewer's zone.
import uPlot from 'uplot';
import { formatMoney, MINUS } from '@core/format';
import type { DailyEntry } from '@api/types';
import { chartOptions, steppedPaths, valueAxis, type AxisPalette, type ChartOptions } from './base-options';
import { HOURS_ONLY } from './time-axis';

export interface PnlPalette extends AxisPalette {
  cumulative: string;
  pos: string;
  neg: string;
}

const DAY_S = 86_400;

/** Seconds of the UTC midnight of a `YYYY-MM-DD` date. */
export function dayToSeconds(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 1000;
}

/** [x (day start, s), daily realized, cumulative] — series order matches pnlOptions. */
export function pnlData(daily: readonly DailyEntry[]): uPlot.AlignedData {
  return [
    daily.map((d) => dayToSeconds(d.date)),
    daily.map((d) => d.realized),
    daily.map((d) => d.cumulative),
  ];
}

/** Bar colour per day: red below zero, green otherwise (null: no bar). */
export function barColors(
  values: ArrayLike<number | null | undefined>,
  palette: Pick<PnlPalette, 'pos' | 'neg'>,
): (string | null)[] {
  return Array.from(values, (v) =>
    v === null || v === undefined ? null : v < 0 ? palette.neg : palette.pos,
  );
}

/** Short money for axis ticks: `$150`, `−$2.50`, `$1.2k`. Ticks only: hover shows cents. */
export function axisMoney(v: number, stepUsd: number): string {
  const abs = Math.abs(v);
  const sign = v < 0 && abs >= 1e-9 ? MINUS : '';
  if (abs >= 10_000) return `${sign}$${(abs / 1000).toFixed(0)}k`;
  if (abs >= 1000 && stepUsd >= 100) return `${sign}$${(abs / 1000).toFixed(1)}k`;
  return `${sign}$${abs.toFixed(stepUsd < 1 ? 2 : 0)}`;
}

/**
 * `11-23` for a day's UTC-midnight seconds, or `2026-11-23` with the year: the page's one date format
 * (cards and tables write YYYY-MM-DD), shortened on the axis where the year is already shown.
 */
export function dayLabel(seconds: number, withYear = false): string {
  const day = new Date(seconds * 1000).toISOString().slice(0, 10);
  return withYear ? day : day.slice(5);
}

/** Axis labels: the first tick and each tick in a new year carry the year. */
export function dayTicks(splits: readonly number[]): string[] {
  return splits.map((s, i) => {
    const year = new Date(s * 1000).getUTCFullYear();
    const prev = i === 0 ? null : new Date(splits[i - 1]! * 1000).getUTCFullYear();
    return dayLabel(s, prev !== year);
  });
}

/** A y range that always includes 0 (so bars grow from a visible baseline) with a little air. */
export function rangeWithZero(min: number | null, max: number | null): [number, number] {
  const lo = Math.min(0, min ?? 0);
  const hi = Math.max(0, max ?? 0);
  if (lo === hi) return [-1, 1];
  const pad = (hi - lo) * 0.08;
  return [lo === 0 ? 0 : lo - pad, hi === 0 ? 0 : hi + pad];
}

/**
 * Two y axes must cross zero at the same height, or a bar above the right axis's zero could sit
 * below the line's zero and read as a loss. Stretches `own` (never shrinks it) so its zero sits
 * where the wider of the two needs it. Both ranges contain 0 and are not empty.
 */
export function alignZero(own: [number, number], other: [number, number]): [number, number] {
  const [lo, hi] = own;
  const [olo, ohi] = other;
  const below = Math.max(-lo / (hi - lo), -olo / (ohi - olo));
  const above = Math.max(hi / (hi - lo), ohi / (ohi - olo));
  if (below === 0) return [0, hi];
  if (above === 0) return [lo, 0];
  const ratio = below / above;
  const top = Math.max(hi, -lo / ratio);
  return [-ratio * top, top];
}

/** The x range of the daily chart: the days with half a day of air, at least 7 days wide (ending at the last). */
export function xDayRange(min: number, max: number): [number, number] {
  const lo = Math.min(min, max - 6 * DAY_S);
  return [lo - DAY_S / 2, max + DAY_S / 2];
}

/** Index of each y series in the data (and series) arrays. */
const DAILY = 1;
const CUMULATIVE = 2;

/**
 * A y range: the scale's own visible data with zero and air, aligned at zero with the other
 * axis's series. uPlot sets every series' visible min/max before calling any range function.
 */
function zeroAlignedRange(otherSeries: number): uPlot.Range.Function {
  return (u, min, max) => {
    const other = u.series[otherSeries];
    return alignZero(moneyRange(min, max), moneyRange(other?.min ?? null, other?.max ?? null));
  };
}

export function pnlOptions(palette: PnlPalette): ChartOptions {
  return chartOptions({
    // Days are labelled as UTC dates; see the file comment.
    tz: 'Etc/UTC',
    padding: [8, 4, 0, 4],
    cursor: { points: { size: 7 }, focus: { prox: 24 } },
    scales: {
      // Half a day of air each side so the first and last bars are whole.
      // At least a week wide, so one day or a few are bars on a week of dates, never one lone tick.
      // (uPlot widens a lone time value by 86400 / ms — 1000 days in seconds — so one day is read
      // from the data itself.)
      x: {
        time: true,
        range: (u, min, max) => {
          const xs = u.data[0];
          return xs?.length === 1 ? xDayRange(xs[0]!, xs[0]!) : xDayRange(min, max);
        },
      },
      daily: { range: zeroAlignedRange(CUMULATIVE) },
      cum: { range: zeroAlignedRange(DAILY) },
    },
    axes: [
      valueAxis(palette, {
        space: 60,
        values: (_u, splits) => dayTicks(splits),
        // Never split below a day: the data is daily.
        incrs: [DAY_S, 2 * DAY_S, 7 * DAY_S, 14 * DAY_S, 30 * DAY_S, 91 * DAY_S, 182 * DAY_S, 365 * DAY_S],
      }),
      valueAxis(palette, {
        scale: 'cum',
        side: 3,
        size: 60,
        values: (_u, splits, _i, _space, incr) => splits.map((s) => axisMoney(s, incr)),
      }),
      valueAxis(palette, {
        scale: 'daily',
        side: 1,
        size: 56,
        grid: { show: false },
        values: (_u, splits, _i, _space, incr) => splits.map((s) => axisMoney(s, incr)),
      }),
    ],
    series: [
      {},
      {
        label: 'Daily realized',
        scale: 'daily',
        width: 0,
        fill: palette.pos,
        paths: uPlot.paths.bars?.({
          size: [0.7, 48, 1],
          disp: {
            // 3 = colours (uPlot's BarsPathBuilderFacetUnit.Color; a const enum, so not importable).
            fill: {
              unit: 3 as uPlot.Series.BarsPathBuilderFacetUnit,
              values: (u, sidx) => barColors(u.data[sidx] ?? [], palette),
            },
          },
        }),
        points: { show: false },
        value: (_u, v) => formatMoney(v, { plus: true }),
      },
      {
        label: 'Cumulative (all-time)',
        scale: 'cum',
        stroke: palette.cumulative,
        width: 2,
        points: { show: (u) => (u.data[0]?.length ?? 0) <= 2, size: 6 },
        value: (_u, v) => formatMoney(v, { plus: true }),
      },
    ],
  });
}

/**
 * One day shown: today's equity as it accrued, in the chosen zone. x = seconds; series 1 = realized
 * since the day's start (steps at each fill, held to now); series 2 = equity now (realized today +
 * unrealized at mid), one point at now — the unrealized part has no history to draw.
 */
export function intradayData(
  points: readonly { at: string; realized: number }[],
  nowMs: number,
  equityNow: number | null,
): uPlot.AlignedData {
  const xs = points.map((p) => Date.parse(p.at) / 1000);
  const realized: (number | null)[] = points.map((p) => p.realized);
  const equity: (number | null)[] = points.map(() => null);
  const nowS = nowMs / 1000;
  const last = points[points.length - 1];
  if (last && nowS > (xs[xs.length - 1] ?? -Infinity)) {
    xs.push(nowS);
    realized.push(last.realized);
    equity.push(equityNow);
  } else if (equity.length > 0) {
    equity[equity.length - 1] = equityNow;
  }
  return [xs, realized, equity];
}

/** A y range with zero and at least `minSpan` dollars, so cents of P&L never fill the chart. */
export function moneyRange(min: number | null, max: number | null, minSpan = 1): [number, number] {
  let [lo, hi] = rangeWithZero(min, max);
  if (hi - lo < minSpan) {
    const extra = minSpan - (hi - lo);
    if (lo === 0) hi += extra;
    else if (hi === 0) lo -= extra;
    else {
      lo -= extra / 2;
      hi += extra / 2;
    }
  }
  return [lo, hi];
}

export function intradayOptions(
  palette: PnlPalette,
  tz: string,
  dayStartS: number,
  dayEndS: number,
): ChartOptions {
  return chartOptions({
    tz,
    padding: [8, 24, 0, 4],
    cursor: { points: { size: 7 } },
    scales: {
      // The whole day, midnight to midnight in tz: the part still to come is empty, not stretched.
      x: { time: true, range: () => [dayStartS, dayEndS] },
      usd: {
        range: (u) => {
          const vals = [
            ...((u.data[1] ?? []) as (number | null)[]),
            ...((u.data[2] ?? []) as (number | null)[]),
          ].filter((v): v is number => v !== null && v !== undefined);
          return moneyRange(vals.length ? Math.min(...vals) : null, vals.length ? Math.max(...vals) : null);
        },
      },
    },
    axes: [
      // Hours only: never a split below an hour, never a date other than the day.
      valueAxis(palette, {
        space: 50,
        incrs: [3600, 2 * 3600, 3 * 3600, 4 * 3600, 6 * 3600, 12 * 3600],
        values: HOURS_ONLY,
      }),
      valueAxis(palette, {
        scale: 'usd',
        side: 3,
        size: 60,
        values: (_u, splits, _i, _space, incr) => splits.map((v) => axisMoney(v, incr)),
      }),
    ],
    series: [
      {},
      {
        label: 'Realized today',
        scale: 'usd',
        stroke: palette.cumulative,
        width: 2,
        paths: steppedPaths(),
        points: { show: false },
        value: (_u, v) => formatMoney(v, { plus: true }),
      },
      {
        label: 'Equity now (realized + unrealized at mid)',
        scale: 'usd',
        stroke: palette.pos,
        fill: palette.pos,
        width: 0,
        paths: () => null,
        points: {
          show: true,
          size: 10,
          // Red for a loss, green otherwise: the point is the one figure of this series.
          fill: (u, sidx) => {
            const v = ((u.data[sidx] ?? []) as (number | null)[]).findLast(
              (x) => x !== null && x !== undefined,
            );
            return v !== undefined && v !== null && v < 0 ? palette.neg : palette.pos;
          },
          stroke: palette.axis,
          width: 1,
        },
        value: (_u, v) => formatMoney(v, { plus: true }),
      },
    ],
  });
}

export interface TooltipLine {
  label: string;
  value: string;
  tone?: 'pos' | 'neg' | 'flat';
}

/** What hovering a day shows: the day, its realized P&L, the running total, fees and fills. */
export function pnlTooltip(
  daily: readonly DailyEntry[],
  idx: number,
  tz: string,
): { title: string; lines: TooltipLine[] } | null {
  const d = daily[idx];
  if (!d) return null;
  const signed = (v: number): TooltipLine['tone'] => {
    const t = formatMoney(v, { plus: true });
    return t.startsWith('+') ? 'pos' : t.startsWith(MINUS) ? 'neg' : 'flat';
  };
  return {
    title: `${d.date} (${tz})`,
    lines: [
      { label: 'Daily realized', value: formatMoney(d.realized, { plus: true }), tone: signed(d.realized) },
      { label: 'Cumulative', value: formatMoney(d.cumulative, { plus: true }), tone: signed(d.cumulative) },
      { label: 'Fees', value: formatMoney(d.fees) },
      { label: 'Fills', value: `${d.fills} (${d.contracts} contracts)` },
    ],
  };
}

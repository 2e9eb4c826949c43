// Several markets on one chart (Compare page): pure builders, tested without a browser. Each
// market's series steps at its fills (cumulative realized P&L or net position); uPlot needs one x
// array, so the series are aligned on the union of their times, each value carried forward from the
// market's latest point at or before that time (null before its first point).
import uPlot from 'uplot';
import { formatContracts, formatMoney } from '@core/format';
import {
  chartOptions,
  steppedPaths,
  timeAxis,
  valueAxis,
  type AxisPalette,
  type ChartOptions,
} from './base-options';
import { axisMoney, rangeWithZero } from './pnl-chart';
import { seriesColor } from '@core/series-colors';

export interface StepPoint {
  time: string;
  cumulativeRealized: number;
  net: number;
}

export interface StepSeries {
  marketId: string;
  points: readonly StepPoint[];
}

export type StepField = 'cumulativeRealized' | 'net';

/** [x (s), one y array per series] on the union of the series' times, carried forward. */
export function alignSteps(series: readonly StepSeries[], field: StepField): uPlot.AlignedData {
  const parsed = series.map((s) =>
    s.points
      .map((p) => ({ t: Date.parse(p.time) / 1000, v: p[field] }))
      .filter((p) => Number.isFinite(p.t))
      // Stable: points at the same time keep their order, so the later one wins below.
      .sort((a, b) => a.t - b.t),
  );
  const xs = [...new Set(parsed.flatMap((ps) => ps.map((p) => p.t)))].sort((a, b) => a - b);
  const ys = parsed.map((ps) => {
    const out: (number | null)[] = [];
    let i = 0;
    let current: number | null = null;
    for (const x of xs) {
      while (i < ps.length && (ps[i]?.t ?? Infinity) <= x) {
        current = ps[i]?.v ?? current;
        i++;
      }
      out.push(current);
    }
    return out;
  });
  return [xs, ...ys];
}

// The colours are src/core's: the server's first screen paints the same swatches.
export { SERIES_COLORS, seriesColor } from '@core/series-colors';

export type { AxisPalette };

/** Short contracts for axis ticks: `−12`, `+30` is not needed on an axis: `30`. */
function axisContracts(v: number): string {
  return formatContracts(v);
}

export function compareOptions(
  marketIds: readonly string[],
  field: StepField,
  tz: string,
  palette: AxisPalette,
): ChartOptions {
  const money = field === 'cumulativeRealized';
  return chartOptions({
    tz,
    padding: [8, 8, 0, 4],
    cursor: { points: { size: 6 }, focus: { prox: 24 } },
    focus: { alpha: 0.35 },
    scales: {
      x: { time: true },
      y: { range: (_u, min, max) => rangeWithZero(min, max) },
    },
    axes: [
      timeAxis(palette),
      valueAxis(palette, {
        size: 60,
        values: (_u, splits, _i, _space, incr) =>
          splits.map((s) => (money ? axisMoney(s, incr) : axisContracts(s))),
      }),
    ],
    series: [
      {},
      ...marketIds.map((id, i) => ({
        label: id,
        stroke: seriesColor(i),
        width: 2,
        paths: steppedPaths(),
        points: { show: false },
        value: (_u: uPlot, v: number | null) =>
          money ? formatMoney(v, { plus: true }) : formatContracts(v, { plus: true }),
      })),
    ],
  });
}

/** The tooltip of one time: every market's value then, largest first. */
export function compareTooltip(
  data: uPlot.AlignedData,
  marketIds: readonly string[],
  idx: number,
  field: StepField,
  title: string,
): { title: string; lines: { label: string; value: string; tone?: 'pos' | 'neg' | 'flat' }[] } | null {
  if (data[0]?.[idx] === undefined) return null;
  const lines = marketIds
    .map((id, i) => ({ id, v: data[i + 1]?.[idx] ?? null }))
    .filter((r): r is { id: string; v: number } => r.v !== null)
    .sort((a, b) => b.v - a.v)
    .map((r) => {
      const text =
        field === 'cumulativeRealized'
          ? formatMoney(r.v, { plus: true })
          : formatContracts(r.v, { plus: true });
      const tone: 'pos' | 'neg' | 'flat' = text.startsWith('+')
        ? 'pos'
        : text.startsWith('\u2212')
          ? 'neg'
          : 'flat';
      return { label: r.id, value: text, tone };
    });
  return { title, lines };
}

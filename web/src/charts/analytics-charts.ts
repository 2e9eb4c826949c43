// Execution analytics charts as uPlot data and options (pure, tested): the timeline of events by
// type (stacked bars per bucket), the latency histogram, and latency over time (the API's per-bucket
// P50/P95 lines with every placement and cancel result as a point). Counts, percentiles and bins
// are the API's; stacking is only where each bar segment is drawn.
import uPlot from 'uplot';
import { formatContracts } from '@core/format';
import type { HistogramBin, TimelineBucket } from '@api/types';
import type { TooltipLine } from './pnl-chart';
import { chartOptions, timeAxis, valueAxis, type AxisPalette, type ChartOptions } from './base-options';

export type { AxisPalette };

/** Event types in a fixed order (known first), then any other type the buckets hold. */
export const TYPE_ORDER = ['ORDER_PLACE', 'ORDER_RESULT', 'ORDER_CANCEL', 'FILL'];

export const TYPE_COLORS: Record<string, string> = {
  ORDER_PLACE: '#3b82f6',
  ORDER_RESULT: '#22a55a',
  ORDER_CANCEL: '#f59e0b',
  FILL: '#a855f7',
};
const OTHER_COLOR = '#8b95a5';

export function typesOf(timeline: readonly TimelineBucket[]): string[] {
  const seen = new Set<string>();
  for (const b of timeline) for (const t of Object.keys(b.events)) seen.add(t);
  const known = TYPE_ORDER.filter((t) => seen.has(t));
  const other = [...seen].filter((t) => !TYPE_ORDER.includes(t)).sort();
  return [...known, ...other];
}

export interface TimelineModel {
  data: uPlot.AlignedData;
  /** Type drawn by each y series (1-based series index − 1), top of the stack first. */
  seriesTypes: string[];
}

/**
 * x = bucket centre (s). Series k (drawn in order, later over earlier) is the stack up to its type,
 * tallest first, so each type shows as the band between its stack and the next.
 */
export function timelineModel(timeline: readonly TimelineBucket[], bucketMs: number): TimelineModel {
  const types = typesOf(timeline);
  const x = timeline.map((b) => (b.startMs + bucketMs / 2) / 1000);
  const stacks: number[][] = [];
  let running = timeline.map(() => 0);
  for (const t of types) {
    running = running.map((v, i) => v + (timeline[i]?.events[t] ?? 0));
    stacks.push(running);
  }
  const order = types.map((_, k) => k).reverse();
  return {
    data: [x, ...order.map((k) => stacks[k] as number[])] as uPlot.AlignedData,
    seriesTypes: order.map((k) => types[k] as string),
  };
}

const countTicks = (_u: uPlot, splits: number[]) =>
  splits.map((s) => (Number.isInteger(s) ? formatContracts(s) : ''));

export function timelineOptions(model: TimelineModel, palette: AxisPalette, tz: string): ChartOptions {
  return chartOptions({
    tz,
    padding: [8, 8, 0, 4],
    cursor: { points: { show: false } },
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.08)] } },
    axes: [timeAxis(palette), valueAxis(palette, { size: 44, values: countTicks })],
    series: [
      {},
      ...model.seriesTypes.map((t): uPlot.Series => ({
        label: t,
        fill: TYPE_COLORS[t] ?? OTHER_COLOR,
        stroke: TYPE_COLORS[t] ?? OTHER_COLOR,
        width: 0,
        paths: uPlot.paths.bars?.({ size: [0.8, 40, 1] }),
        points: { show: false },
      })),
    ],
  });
}

export function timelineTooltip(
  timeline: readonly TimelineBucket[],
  idx: number,
  tz: string,
  fmt: (iso: string, tz: string) => string,
): { title: string; lines: TooltipLine[] } | null {
  const b = timeline[idx];
  if (!b) return null;
  const lines: TooltipLine[] = typesOf([b]).map((t) => ({
    label: t,
    value: formatContracts(b.events[t] ?? 0),
  }));
  for (const [status, n] of Object.entries(b.results))
    lines.push({ label: `  ${status}`, value: formatContracts(n) });
  if (lines.length === 0) lines.push({ label: 'Events', value: '0' });
  return { title: `${fmt(b.start, tz)} (bucket start)`, lines };
}

/** x = bin centre (ms), y = count. */
export function histogramData(bins: readonly HistogramBin[]): uPlot.AlignedData {
  return [bins.map((b) => (b.from + b.to) / 2), bins.map((b) => b.count)];
}

export function histogramOptions(
  bins: readonly HistogramBin[],
  palette: AxisPalette & { bar: string },
): ChartOptions {
  const lo = bins[0]?.from ?? 0;
  const hi = bins[bins.length - 1]?.to ?? 1;
  return chartOptions({
    padding: [8, 24, 0, 4],
    cursor: { points: { show: false } },
    scales: {
      x: { time: false, range: () => [lo, hi] },
      y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.08)] },
    },
    axes: [
      valueAxis(palette, { values: (_u, splits) => splits.map((s) => `${formatContracts(s)} ms`) }),
      valueAxis(palette, { size: 44, values: countTicks }),
    ],
    series: [
      {},
      {
        label: 'Results',
        fill: palette.bar,
        stroke: palette.bar,
        width: 0,
        paths: uPlot.paths.bars?.({ size: [0.92, Infinity, 1], align: 0 }),
        points: { show: false },
      },
    ],
  });
}

export function histogramTooltip(bins: readonly HistogramBin[], idx: number) {
  const b = bins[idx];
  if (!b) return null;
  return {
    title: `${formatContracts(b.from)}–${formatContracts(b.to)} ms`,
    lines: [{ label: 'Results', value: formatContracts(b.count) }] as TooltipLine[],
  };
}

export interface LatencyPoint {
  time: string;
  latencyMs: number;
  kind: 'place' | 'cancel';
}

export const LAT = { p50: 1, p95: 2, place: 3, cancel: 4 } as const;

/**
 * x: bucket centres (for the API's per-bucket P50/P95 of all results) merged with each result's
 * time (its point, in the place or the cancel column).
 */
export function latencyModel(
  timeline: readonly TimelineBucket[],
  bucketMs: number,
  points: readonly LatencyPoint[],
): { data: uPlot.AlignedData; bucketAt: (TimelineBucket | null)[]; pointAt: (LatencyPoint | null)[] } {
  type Row = { x: number; bucket: TimelineBucket | null; point: LatencyPoint | null };
  const rows: Row[] = timeline
    .filter((b) => b.latency.count > 0)
    .map((b) => ({ x: (b.startMs + bucketMs / 2) / 1000, bucket: b, point: null }));
  for (const p of points) rows.push({ x: Date.parse(p.time) / 1000, bucket: null, point: p });
  rows.sort((a, b) => a.x - b.x);
  return {
    data: [
      rows.map((r) => r.x),
      rows.map((r) => r.bucket?.latency.p50 ?? null),
      rows.map((r) => r.bucket?.latency.p95 ?? null),
      rows.map((r) => (r.point?.kind === 'place' ? r.point.latencyMs : null)),
      rows.map((r) => (r.point?.kind === 'cancel' ? r.point.latencyMs : null)),
    ] as uPlot.AlignedData,
    bucketAt: rows.map((r) => r.bucket),
    pointAt: rows.map((r) => r.point),
  };
}

/** A log axis range on whole decades around the data (1 ms floor), e.g. 100–10,000 ms. */
export function decadeRange(min: number | null, max: number | null): [number, number] {
  const lo = Math.max(1, min ?? 1);
  const hi = Math.max(lo, max ?? lo);
  const a = 10 ** Math.floor(Math.log10(lo));
  let b = 10 ** Math.ceil(Math.log10(hi));
  if (b <= a) b = a * 10;
  return [a, b];
}

/** Log-axis labels at 1, 2 and 5 × 10^k only; uPlot's other splits stay unlabelled grid lines. */
export function logTick(v: number | null): string {
  if (v === null || !(v > 0)) return '';
  const mantissa = Math.round(v / 10 ** Math.floor(Math.log10(v) + 1e-9));
  return mantissa === 1 || mantissa === 2 || mantissa === 5 ? `${formatContracts(v)} ms` : '';
}

export function latencyOptions(
  palette: AxisPalette & { place: string; cancel: string; p50: string; p95: string },
  tz: string,
  range: [number, number],
): ChartOptions {
  const dots = (label: string, color: string): uPlot.Series => ({
    label,
    stroke: color,
    fill: color,
    width: 0,
    paths: () => null,
    points: { show: true, size: 5, space: 0, width: 0, fill: color, stroke: color },
  });
  return chartOptions({
    tz,
    padding: [8, 8, 0, 4],
    cursor: { points: { show: false } },
    scales: {
      x: { time: true, range: () => range },
      y: { distr: 3, log: 10, range: (_u, min, max) => decadeRange(min, max) },
    },
    axes: [timeAxis(palette), valueAxis(palette, { size: 72, values: (_u, splits) => splits.map(logTick) })],
    series: [
      {},
      { label: 'P50 (all)', stroke: palette.p50, width: 1.5, spanGaps: true, points: { show: false } },
      {
        label: 'P95 (all)',
        stroke: palette.p95,
        width: 1.5,
        dash: [5, 3],
        spanGaps: true,
        points: { show: false },
      },
      dots('Placement', palette.place),
      dots('Cancel', palette.cancel),
    ],
  });
}

// The deep dive's price chart as uPlot data and options: pure builders (tested without a browser).
// The book (best bid / ask / mid) and our target quotes are the decision in force at the series'
// sample times, drawn as steps; our fills are size-scaled markers (bids green, asks red); the net
// position after each fill is a step line on its own right-hand axis.
import uPlot from 'uplot';
import { formatContracts, formatMoney, formatPrice, NONE } from '../../../src/core/format';
import type { MarketFill, SeriesPoint } from '../pages/market/market-types';
import type { TooltipLine } from './pnl-chart';

export interface PricePalette {
  bid: string;
  ask: string;
  mid: string;
  target: string;
  fair: string;
  net: string;
  /** Outline of fill markers: the panel colour, so overlapping markers stay apart. */
  outline: string;
  axis: string;
  grid: string;
}

/** Column of each series in the aligned data (and in the options' series list). */
export const COL = {
  bestBid: 1,
  bestAsk: 2,
  mid: 3,
  targetBid: 4,
  targetAsk: 5,
  fairValue: 6,
  bidFill: 7,
  askFill: 8,
  net: 9,
} as const;

export interface PriceModel {
  data: uPlot.AlignedData;
  /** The fill at each x index (null where the index is a series sample only). */
  fillAt: (MarketFill | null)[];
  /** The series sample at each x index (null where the index is a fill only). */
  sampleAt: (SeriesPoint | null)[];
}

const toS = (iso: string) => Date.parse(iso) / 1000;

/**
 * Merges the series samples and the fills on one x axis (seconds, ascending). Series columns are
 * null at fill-only times and the reverse; the step lines span those gaps. The net line starts at
 * the range start with the position before the range's first fill, and holds the last fill's
 * position to the end — both figures straight from the API.
 */
export function priceModel(series: readonly SeriesPoint[], fills: readonly MarketFill[]): PriceModel {
  type Row = { x: number; sample: SeriesPoint | null; fill: MarketFill | null };
  const rows: Row[] = series.map((s) => ({ x: toS(s.time), sample: s, fill: null }));
  // Fills come newest first from the API; two fills may share a time, so each keeps its own row.
  for (const f of fills) rows.push({ x: toS(f.time), sample: null, fill: f });
  rows.sort((a, b) => a.x - b.x || (a.sample ? -1 : 0) - (b.sample ? -1 : 0));
  const n = rows.length;
  const col = () => new Array<number | null>(n).fill(null);
  const cols = Array.from({ length: 9 }, col);
  const put = (c: number, i: number, v: number | null) => {
    (cols[c - 1] as (number | null)[])[i] = v;
  };
  rows.forEach((r, i) => {
    const s = r.sample;
    if (s) {
      put(COL.bestBid, i, s.bestBid);
      put(COL.bestAsk, i, s.bestAsk);
      put(COL.mid, i, s.mid);
      put(COL.targetBid, i, s.targetBid);
      put(COL.targetAsk, i, s.targetAsk);
      put(COL.fairValue, i, s.fairValue);
    }
    const f = r.fill;
    if (f) {
      put(f.type === 'bid' ? COL.bidFill : COL.askFill, i, f.priceYes);
      put(COL.net, i, f.netAfter);
    }
  });
  const byTime = [...fills].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const oldest = byTime[0];
  const newest = byTime[byTime.length - 1];
  if (oldest && newest && n > 0) {
    if (rows[0]?.fill === null) put(COL.net, 0, oldest.netBefore);
    if (rows[n - 1]?.fill === null) put(COL.net, n - 1, newest.netAfter);
  }
  return {
    data: [rows.map((r) => r.x), ...cols] as uPlot.AlignedData,
    fillAt: rows.map((r) => r.fill),
    sampleAt: rows.map((r) => r.sample),
  };
}

/** Marker radius (CSS px) for a fill of `size` contracts: grows with √size, 3–11 px. */
export function markerRadius(size: number): number {
  return Math.max(3, Math.min(11, 2.5 + Math.sqrt(Math.max(0, size)) * 1.2));
}

/** Index of the point nearest (cx, cy) within maxDist px, else null. */
export function nearestPoint(
  points: readonly { x: number; y: number; i: number }[],
  cx: number,
  cy: number,
  maxDist: number,
): number | null {
  let best: number | null = null;
  let bestD = maxDist * maxDist;
  for (const p of points) {
    const d = (p.x - cx) ** 2 + (p.y - cy) ** 2;
    if (d <= bestD) {
      bestD = d;
      best = p.i;
    }
  }
  return best;
}

/** Circles sized by each fill's contracts, as a uPlot path (fill and outline). */
function markerPaths(fillAt: () => (MarketFill | null)[]): uPlot.Series.PathBuilder {
  return (u, seriesIdx, idx0, idx1) => {
    const xs = u.data[0];
    const ys = u.data[seriesIdx];
    const scale = u.series[seriesIdx]?.scale ?? 'price';
    const path = new Path2D();
    const fills = fillAt();
    for (let i = idx0; i <= idx1; i++) {
      const y = ys?.[i];
      const x = xs?.[i];
      if (y === null || y === undefined || x === undefined) continue;
      const cx = u.valToPos(x, 'x', true);
      const cy = u.valToPos(y, scale, true);
      const r = markerRadius(fills[i]?.size ?? 1) * uPlot.pxRatio;
      path.moveTo(cx + r, cy);
      path.arc(cx, cy, r, 0, 2 * Math.PI);
    }
    return { stroke: path, fill: path, clip: null, flags: 0 };
  };
}

const priceTick = (v: number) => `${Math.round(v * 100)}¢`;

export function priceOptions(
  palette: PricePalette,
  tz: string,
  fillAt: () => (MarketFill | null)[],
): Omit<uPlot.Options, 'width' | 'height'> {
  const axisCommon = {
    stroke: palette.axis,
    grid: { stroke: palette.grid, width: 1 },
    ticks: { stroke: palette.grid, width: 1, size: 4 },
    font: '11px system-ui, sans-serif',
  };
  const step = uPlot.paths.stepped?.({ align: 1 });
  const line = (label: string, stroke: string, extra: Partial<uPlot.Series> = {}): uPlot.Series => ({
    label,
    scale: 'price',
    stroke,
    width: 1.5,
    spanGaps: true,
    paths: step,
    points: { show: false },
    value: (_u, v) => formatPrice(v),
    ...extra,
  });
  const markers = (label: string, color: string): uPlot.Series => ({
    label,
    scale: 'price',
    stroke: palette.outline,
    fill: color,
    alpha: 0.9,
    width: 1,
    paths: markerPaths(fillAt),
    points: { show: false },
    value: (_u, v) => formatPrice(v),
  });
  return {
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), tz),
    legend: { show: false },
    padding: [8, 4, 0, 4],
    cursor: { drag: { x: true, y: false, setScale: true }, points: { show: false } },
    scales: {
      x: { time: true },
      price: {
        range: (_u, min, max) => {
          const lo = Math.max(0, (min ?? 0) - 0.02);
          const hi = Math.min(1, (max ?? 1) + 0.02);
          return lo < hi ? [lo, hi] : [0, 1];
        },
      },
      net: {
        range: (_u, min, max) => {
          const lo = Math.min(0, min ?? 0);
          const hi = Math.max(0, max ?? 0);
          const pad = Math.max(1, (hi - lo) * 0.1);
          return [lo - pad, hi + pad];
        },
      },
    },
    axes: [
      { ...axisCommon, space: 70 },
      { ...axisCommon, scale: 'price', side: 3, size: 44, values: (_u, splits) => splits.map(priceTick) },
      {
        ...axisCommon,
        scale: 'net',
        side: 1,
        size: 44,
        grid: { show: false },
        values: (_u, splits) => splits.map((s) => formatContracts(s)),
      },
    ],
    series: [
      {},
      line('Best bid', palette.bid),
      line('Best ask', palette.ask),
      line('Mid', palette.mid, { width: 1, dash: [4, 3] }),
      line('Target bid', palette.bid, { width: 2.5, alpha: 0.45 }),
      line('Target ask', palette.ask, { width: 2.5, alpha: 0.45 }),
      line('Fair value', palette.fair, { width: 1, dash: [2, 3] }),
      markers('Bid fills', palette.bid),
      markers('Ask fills', palette.ask),
      {
        label: 'Net position',
        scale: 'net',
        stroke: palette.net,
        width: 1.5,
        spanGaps: true,
        paths: step,
        points: { show: false },
        value: (_u, v) => formatContracts(v, { plus: true }),
      },
    ],
  };
}

/** What hovering a sample shows: the decision in force there. */
export function sampleTooltip(s: SeriesPoint, tz: string, fmt: (iso: string, tz: string) => string) {
  const lines: TooltipLine[] = [
    { label: 'Best bid / ask', value: `${formatPrice(s.bestBid)} / ${formatPrice(s.bestAsk)}` },
    { label: 'Mid', value: formatPrice(s.mid) },
    { label: 'Target bid / ask', value: `${formatPrice(s.targetBid)} / ${formatPrice(s.targetAsk)}` },
    { label: 'Fair value', value: formatPrice(s.fairValue) },
    { label: 'Inventory', value: formatContracts(s.inventory, { plus: true }) },
    { label: 'Decision at', value: s.decisionAt ? fmt(s.decisionAt, tz) : NONE },
  ];
  return { title: fmt(s.time, tz), lines };
}

/** What hovering a fill shows: the fill and the decision in force at its time. */
export function fillTooltip(f: MarketFill, tz: string, fmt: (iso: string, tz: string) => string) {
  const d = f.decisionContext;
  const pc = d?.priceCalc ?? null;
  const realizedText = formatMoney(f.realizedChange, { plus: true });
  const lines: TooltipLine[] = [
    {
      label: f.type === 'bid' ? 'Bought YES' : 'Sold YES',
      value: `${formatContracts(f.size)} @ ${formatPrice(f.priceYes)}`,
    },
    {
      label: 'Realized change',
      value: realizedText,
      tone: realizedText.startsWith('+') ? 'pos' : realizedText.startsWith('\u2212') ? 'neg' : 'flat',
    },
    { label: 'Fee', value: formatMoney(f.feeAppliedUsd) },
    { label: 'Position after', value: formatContracts(f.netAfter, { plus: true }) },
  ];
  if (!d) {
    lines.push({ label: 'Decision context', value: 'none found' });
    return { title: `Fill · ${fmt(f.time, tz)}`, lines };
  }
  lines.push(
    { label: 'Decision at', value: fmt(d.time, tz) },
    { label: 'Book bid / ask', value: `${formatPrice(d.book?.bestBid)} / ${formatPrice(d.book?.bestAsk)}` },
    { label: 'Mid / spread', value: `${formatPrice(d.book?.mid)} / ${formatPrice(d.book?.spread)}` },
    { label: 'Inventory', value: formatContracts(d.inventory, { plus: true }) },
    { label: 'Fair value', value: `${formatPrice(pc?.fairValue)}${pc?.fvSource ? ` (${pc.fvSource})` : ''}` },
    { label: 'Skew', value: formatPrice(pc?.skew) },
    { label: 'Trade std-dev', value: formatPrice(pc?.tradeStdDev) },
    { label: 'Logic', value: pc?.logic ?? NONE },
    {
      label: 'Targets',
      value:
        d.targetQuotes
          .map((q) => `${q.side} ${formatPrice(q.priceYes)}×${formatContracts(q.size)}`)
          .join(', ') || 'none',
    },
  );
  return { title: `Fill · ${fmt(f.time, tz)}`, lines };
}

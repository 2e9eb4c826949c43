// The deep dive's price chart as uPlot data and options: pure builders (tested without a browser).
// The book (best bid / ask / mid) and our target quotes are the decision in force at the series'
// sample times, drawn as steps; our fills are size-scaled markers (bids green, asks red); the net
// position after each fill is a step line on its own right-hand axis.
import uPlot from 'uplot';
import { formatContracts, formatMoney, formatPrice, NONE } from '@core/format';
import type { MarketFill, SeriesPoint } from '@api/types';
import type { TooltipLine } from './pnl-chart';
import {
  chartOptions,
  steppedPaths,
  timeAxis,
  valueAxis,
  type AxisPalette,
  type ChartOptions,
} from './base-options';

export interface PricePalette extends AxisPalette {
  bid: string;
  ask: string;
  mid: string;
  target: string;
  fair: string;
  net: string;
  /** Outline of fill markers: the panel colour, so overlapping markers stay apart. */
  outline: string;
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
  /** Per x index: the decision time when the decision in force there was too old to draw. */
  staleAt: (string | null)[];
  /** The newest old decision drawn once (a single point) rather than carried across the range. */
  oldBook: { decisionAt: string; at: string; bestBid: number | null; bestAsk: number | null } | null;
  /** Stretches with no decision fresh enough to draw (count and the longest, ms). */
  gaps: { count: number; longestMs: number };
}

const toS = (iso: string) => Date.parse(iso) / 1000;

/** A decision older than this at a sample is not a quote we had then (metrics.md: max(60 s, 3 × loop)). */
export const DEFAULT_FRESH_MS = 60_000;

/** Decisions either side of a sample that its local decision cadence is estimated from. */
const CADENCE_WINDOW = 8;

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};

/**
 * How old the decision in force at each sample may be and still be drawn: 1.5 × the bot's decision
 * cadence around it, at least `freshMs`. The cadence comes from the samples, since a log may hold
 * every 5 s loop or one decision in 30 min. A sample whose decision differs from the previous
 * sample's sees a new decision. Where those new decisions are young against the sample step (twice
 * their median age under a quarter step), the bot decides far more often than we sample: the cadence
 * is twice that median age. Otherwise the log is sparse, and the cadence is the median interval
 * between the new decisions nearby — leaving out the interval the sample lies in, so a silence does
 * not excuse itself. No evidence (one decision in the whole range) ⇒ `freshMs`.
 */
export function freshLimits(series: readonly SeriesPoint[], freshMs: number): number[] {
  const n = series.length;
  const times = series.map((x) => Date.parse(x.time));
  // Samples that see a new decision, with that decision's time and its age there.
  const fresh: { i: number; at: number; age: number }[] = [];
  series.forEach((x, i) => {
    if (x.decisionId === null || x.decisionAt === null) return;
    if (i > 0 && series[i - 1]!.decisionId === x.decisionId) return;
    const at = Date.parse(x.decisionAt);
    fresh.push({ i, at, age: times[i]! - at });
  });
  const step = n > 1 ? (times[n - 1]! - times[0]!) / (n - 1) : 0;
  const limits: number[] = [];
  let k = -1; // the newest entry of `fresh` at or before sample i
  for (let i = 0; i < n; i++) {
    while (k + 1 < fresh.length && fresh[k + 1]!.i <= i) k++;
    if (k < 0) {
      limits.push(freshMs);
      continue;
    }
    const near = fresh.slice(Math.max(0, k - CADENCE_WINDOW), k + CADENCE_WINDOW + 1);
    // A decision seen first long after it was made tells nothing about the cadence (an old book).
    const ages = near.filter((f) => f.age < step || step === 0).map((f) => f.age);
    const m = median(ages);
    let cadence: number | null = null;
    if (m !== null && 2 * m < 0.25 * step) cadence = 2 * m;
    else {
      const intervals: number[] = [];
      for (let j = Math.max(1, k - CADENCE_WINDOW); j <= Math.min(fresh.length - 1, k + CADENCE_WINDOW); j++)
        if (j !== k + 1) intervals.push(fresh[j]!.at - fresh[j - 1]!.at);
      cadence = median(intervals);
    }
    limits.push(cadence === null ? freshMs : Math.max(freshMs, 1.5 * cadence));
  }
  return limits;
}

/**
 * Merges the series samples and the fills on one x axis (seconds, ascending). The book, targets and
 * fair value are drawn only where the decision in force is fresh (freshLimits: within 1.5 × the
 * decision cadence, at least `freshMs`): a market the bot
 * stopped deciding for, or a side with no target, is a break in the line — never a quote carried
 * over hours it did not exist. A stale decision is drawn once (at the first sample where it is in
 * force, as a point) and reported in `oldBook`. At a fill's time the fill's own decision context is
 * the decision in force. The net line starts at the range start with the position before the
 * range's first fill, and holds the last fill's position to the end — both figures from the API.
 */
export function priceModel(
  series: readonly SeriesPoint[],
  fills: readonly MarketFill[],
  freshMs: number = DEFAULT_FRESH_MS,
  /** The position now: with no fill in the range it was held all along (drawn flat). */
  netNow: number | null = null,
): PriceModel {
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
  const staleAt: (string | null)[] = new Array<string | null>(n).fill(null);
  let oldBook: PriceModel['oldBook'] = null;
  let drawnDecision: string | null = null;
  let lastSampleFresh = true;
  let gapStart: number | null = null;
  const gaps = { count: 0, longestMs: 0 };
  const closeGap = (endS: number) => {
    if (gapStart === null) return;
    gaps.count++;
    gaps.longestMs = Math.max(gaps.longestMs, (endS - gapStart) * 1000);
    gapStart = null;
  };
  const limits = freshLimits(series, freshMs);
  const limitAt = new Map(series.map((s, i) => [s, limits[i]!]));
  rows.forEach((r, i) => {
    const s = r.sample;
    if (s) {
      const at = s.decisionAt ? Date.parse(s.decisionAt) : null;
      const fresh = at !== null && Date.parse(s.time) - at <= (limitAt.get(s) ?? freshMs);
      lastSampleFresh = fresh;
      if (fresh) {
        closeGap(r.x);
      } else if (gapStart === null) {
        gapStart = r.x;
      }
      if (!fresh && s.decisionAt) staleAt[i] = s.decisionAt;
      // A stale decision is drawn once, where it first is in force, unless it was just drawn fresh.
      const once = !fresh && s.decisionId !== null && s.decisionId !== drawnDecision;
      if (fresh || once) {
        put(COL.bestBid, i, s.bestBid);
        put(COL.bestAsk, i, s.bestAsk);
        put(COL.mid, i, s.mid);
        put(COL.targetBid, i, s.targetBid);
        put(COL.targetAsk, i, s.targetAsk);
        put(COL.fairValue, i, s.fairValue);
        drawnDecision = s.decisionId;
      }
      if (once && s.decisionAt)
        oldBook = { decisionAt: s.decisionAt, at: s.time, bestBid: s.bestBid, bestAsk: s.bestAsk };
    }
    const f = r.fill;
    if (f) {
      put(f.type === 'bid' ? COL.bidFill : COL.askFill, i, f.priceYes);
      put(COL.net, i, f.netAfter);
      const d = f.decisionContext;
      if (d && Date.parse(f.time) - Date.parse(d.time) <= freshMs) {
        put(COL.bestBid, i, d.book?.bestBid ?? null);
        put(COL.bestAsk, i, d.book?.bestAsk ?? null);
        put(COL.mid, i, d.book?.mid ?? null);
        put(COL.targetBid, i, d.targetBid);
        put(COL.targetAsk, i, d.targetAsk);
        put(COL.fairValue, i, d.priceCalc?.fairValue ?? null);
      }
    }
  });
  const last = rows[n - 1];
  if (last) closeGap(last.x);
  // "Old book" describes the book the range ends on (what the panels above call current): a stale
  // stretch in the middle of the range is only a gap (the note counts it), or the banner would call a
  // market old whose newest decision is seconds old.
  if (lastSampleFresh) oldBook = null;
  const byTime = [...fills].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const oldest = byTime[0];
  const newest = byTime[byTime.length - 1];
  if (oldest && newest && n > 0) {
    if (rows[0]?.fill === null) put(COL.net, 0, oldest.netBefore);
    if (rows[n - 1]?.fill === null) put(COL.net, n - 1, newest.netAfter);
  } else if (netNow !== null && n > 0) {
    put(COL.net, 0, netNow);
    put(COL.net, n - 1, netNow);
  }
  return {
    data: [rows.map((r) => r.x), ...cols] as uPlot.AlignedData,
    fillAt: rows.map((r) => r.fill),
    sampleAt: rows.map((r) => r.sample),
    staleAt,
    oldBook,
    gaps,
  };
}

/** Indices of values with no drawn neighbour: a line of one point is invisible, so they get a dot. */
export function isolatedPoints(ys: readonly (number | null | undefined)[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < ys.length; i++) {
    const v = ys[i];
    if (v === null || v === undefined) continue;
    const prev = ys[i - 1];
    const next = ys[i + 1];
    if ((prev === null || prev === undefined) && (next === null || next === undefined)) out.push(i);
  }
  return out;
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

/** Tick steps of the net-position axis: whole contracts (1, 2, 5, 10, …). */
export const NET_INCRS: number[] = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000];

/**
 * The x range of the price chart: the page's whole range [from, to] (seconds) when the chart shows
 * all it holds — uPlot's auto range is exactly the data's first and last x (a double-click reset
 * too) — so that the chart spans the range it is the chart of, whatever has arrived: with only the
 * fills in (the series still loading, or failed) it is not cut to the first and last fill, and a
 * restart marker of the range (drawn only inside the x scale) is never left off while the list
 * under the chart counts it. The data is never cut: a range narrower than the data (a previous
 * range's answer shown while the new one loads) widens to it. A zoom (any other min, max) is kept.
 */
export function priceXRange(
  xs: ArrayLike<number> | undefined,
  min: number | null,
  max: number | null,
  range: readonly [number, number] | null,
): uPlot.Range.MinMax {
  const n = xs?.length ?? 0;
  if (!range || n === 0 || min === null || max === null) return [min, max];
  const first = xs![0]!;
  const last = xs![n - 1]!;
  // uPlot widens a lone x by 86400 / ms (1000 days in seconds): the point itself is the data.
  const auto = min === first && (n === 1 || max === last);
  if (!auto) return [min, max];
  return [Math.min(first, range[0]), Math.max(last, range[1])];
}

export function priceOptions(
  palette: PricePalette,
  tz: string,
  fillAt: () => (MarketFill | null)[],
  /** The page's range in seconds (read on every autoscale), or null: the data's own extent. */
  xRange: () => readonly [number, number] | null = () => null,
): ChartOptions {
  const step = steppedPaths();
  const line = (label: string, stroke: string, extra: Partial<uPlot.Series> = {}): uPlot.Series => ({
    label,
    scale: 'price',
    stroke,
    width: 1.5,
    // A gap is a time with no quote: never bridged. A lone value (a stale book drawn once, a short
    // stretch between gaps) is a dot.
    spanGaps: false,
    paths: step,
    points: {
      show: true,
      size: 7,
      fill: stroke,
      filter: (u, sidx) => isolatedPoints((u.data[sidx] ?? []) as (number | null)[]),
    },
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
  return chartOptions({
    tz,
    padding: [8, 4, 0, 4],
    cursor: { points: { show: false } },
    scales: {
      x: {
        time: true,
        range: (u, min, max) => priceXRange(u.data[0], min, max, xRange()),
      },
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
      timeAxis(palette),
      valueAxis(palette, {
        scale: 'price',
        side: 3,
        size: 44,
        values: (_u, splits) => splits.map(priceTick),
      }),
      valueAxis(palette, {
        scale: 'net',
        side: 1,
        size: 44,
        grid: { show: false },
        // Contracts are whole: integer steps only, so a small range never repeats a rounded label.
        incrs: NET_INCRS,
        values: (_u, splits) => splits.map((s) => formatContracts(s)),
      }),
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
  });
}

/** What hovering a sample shows: the decision in force there. */
export function sampleTooltip(
  s: SeriesPoint,
  tz: string,
  fmt: (iso: string, tz: string) => string,
  staleSince: string | null = null,
) {
  if (staleSince !== null) {
    // Nothing is drawn here: say why instead of figures that were no quote at this time.
    return {
      title: fmt(s.time, tz),
      lines: [
        { label: 'No fresh decision', value: `newest ${fmt(staleSince, tz)}` },
        { label: 'Its book bid / ask', value: `${formatPrice(s.bestBid)} / ${formatPrice(s.bestAsk)} (old)` },
      ] as TooltipLine[],
    };
  }
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

// Market-making quality charts as uPlot data and options (pure, tested without a browser):
// - the markout curve: x = the horizons 5 s … 1 d as evenly spaced categories (a log-ish axis: each
//   step is 2–10× the last), y = Σ markout / Σ size in cents per contract, one line per market plus
//   "All"; counts in the tooltip;
// - the daily P&L attribution: spread capture, inventory and −fees stacked per day (positives up
//   from zero, negatives down), the day's total as a marker.
// Figures are the API's; only where each bar segment is drawn is computed here.
import uPlot from 'uplot';
import { formatContracts, formatMoney, MINUS } from '@core/format';
import { HORIZONS, type HorizonName } from '@core/markouts';
import type { QualityDay, QualityHorizon } from '@api/types';
import { formatCents, signedMoney, toneOf } from '../format/figures';
import { chartOptions, valueAxis, type AxisPalette, type ChartOptions } from './base-options';
import { dayTicks, dayToSeconds, moneyRange, rangeWithZero, xDayRange, type TooltipLine } from './pnl-chart';

export type { AxisPalette };

// --- Markout curve -------------------------------------------------------------------------------

/** `5 s`, `30 s`, `1 m`, `5 m`, `30 m`, `1 h`, `4 h`, `1 d`. */
export function horizonLabel(h: HorizonName | string): string {
  const m = /^(\d+)([smhd])$/.exec(h);
  return m ? `${m[1]} ${m[2]}` : h;
}

/** One line of the curve: a market (or "All") and its horizons as the API gives them. */
export interface CurveLine {
  label: string;
  color: string;
  horizons: readonly QualityHorizon[];
}

/** x = horizon index 0…7 (HORIZONS order), then one y array per line (null where no fill counts). */
export function markoutCurveData(lines: readonly CurveLine[]): uPlot.AlignedData {
  const xs = HORIZONS.map((_, i) => i);
  return [
    xs,
    ...lines.map((l) => HORIZONS.map(({ h }) => l.horizons.find((p) => p.h === h)?.perContractCents ?? null)),
  ];
}

const centsTick = (v: number): string => {
  const r = Math.round(v * 10) / 10;
  const text = Number.isInteger(r) ? String(Math.abs(r)) : Math.abs(r).toFixed(1);
  return `${r < 0 ? MINUS : ''}${text}¢`;
};

export function markoutCurveOptions(
  lines: readonly Omit<CurveLine, 'horizons'>[],
  palette: AxisPalette,
): ChartOptions {
  const last = HORIZONS.length - 1;
  return chartOptions({
    padding: [8, 12, 0, 4],
    cursor: { points: { size: 7 }, focus: { prox: 24 }, drag: { x: false, y: false, setScale: false } },
    focus: { alpha: 0.35 },
    scales: {
      x: { time: false, range: () => [-0.3, last + 0.3] },
      y: { range: (_u, min, max) => rangeWithZero(min, max) },
    },
    axes: [
      valueAxis(palette, {
        splits: () => HORIZONS.map((_, i) => i),
        values: (_u, splits) => splits.map((s) => horizonLabel(HORIZONS[s]?.h ?? '')),
      }),
      valueAxis(palette, { size: 52, values: (_u, splits) => splits.map(centsTick) }),
    ],
    series: [
      {},
      ...lines.map((l, i): uPlot.Series => ({
        label: l.label,
        stroke: l.color,
        // "All" (the first line when shown) is drawn wider than the markets.
        width: i === 0 && l.label === ALL_LABEL ? 3 : 2,
        spanGaps: false,
        points: { show: true, size: 5 },
        value: (_u, v) => formatCents(v, { plus: true }),
      })),
    ],
  });
}

export const ALL_LABEL = 'All';

/** Hovering a horizon: each line's markout there, with the fills it counts, best first. */
export function markoutTooltip(
  lines: readonly CurveLine[],
  idx: number,
): { title: string; lines: TooltipLine[] } | null {
  const hz = HORIZONS[idx];
  if (!hz) return null;
  const rows = lines
    .map((l) => ({ label: l.label, p: l.horizons.find((p) => p.h === hz.h) }))
    .map(({ label, p }) => {
      const v = p?.perContractCents ?? null;
      const text = formatCents(v, { plus: true });
      const count = p ? `${formatContracts(p.count)} fill${p.count === 1 ? '' : 's'}` : 'no fill';
      return { v, line: { label, value: `${text} · ${count}`, tone: toneOf(text) } };
    })
    .sort((a, b) => (b.v ?? -Infinity) - (a.v ?? -Infinity));
  return { title: `Markout at ${horizonLabel(hz.h)} (¢ per contract)`, lines: rows.map((r) => r.line) };
}

// --- Daily attribution ---------------------------------------------------------------------------

/** The stacked parts, bottom of each stack first: spread capture, inventory, −fees. */
export const ATTRIBUTION_PARTS = [
  { key: 'spreadCapture', label: 'Spread capture' },
  { key: 'inventory', label: 'Inventory' },
  { key: 'fees', label: '−Fees' },
] as const;

export type AttributionPart = (typeof ATTRIBUTION_PARTS)[number]['key'];

/** Colours that read on both themes. */
export const ATTRIBUTION_COLORS: Record<AttributionPart, string> = {
  spreadCapture: '#10b981',
  inventory: '#3b82f6',
  fees: '#f59e0b',
};

/** A part's signed contribution to the total: fees count negative; null when unknown. */
export function partValue(d: QualityDay, part: AttributionPart): number | null {
  if (part === 'fees') return d.fees === 0 ? 0 : -d.fees;
  return d[part];
}

export interface AttributionModel {
  /** [x (day start, s), one stack end per part in draw order, total]. */
  data: uPlot.AlignedData;
  /** The part drawn by each stack series (series 1…3), outermost first. */
  drawOrder: AttributionPart[];
}

/**
 * Stacks per day, each sign apart: a part's bar runs from zero to the sum of itself and the parts
 * below it with its sign. Drawn outermost first (later series paint over earlier), each part shows
 * as the band between its end and the end of the part below it on its side.
 */
export function attributionModel(days: readonly QualityDay[]): AttributionModel {
  const keys = ATTRIBUTION_PARTS.map((p) => p.key);
  const ends: (number | null)[][] = keys.map(() => []);
  for (const d of days) {
    let up = 0;
    let down = 0;
    keys.forEach((k, i) => {
      const v = partValue(d, k);
      if (v === null) {
        ends[i]!.push(null);
      } else if (v >= 0) {
        up += v;
        ends[i]!.push(v === 0 ? null : up);
      } else {
        down += v;
        ends[i]!.push(down);
      }
    });
  }
  const order = keys.map((_, i) => i).reverse();
  return {
    data: [
      days.map((d) => dayToSeconds(d.date)),
      ...order.map((i) => ends[i]!),
      days.map((d) => d.total),
    ] as uPlot.AlignedData,
    drawOrder: order.map((i) => keys[i]!),
  };
}

const axisUsd = (v: number, incr: number): string => {
  const abs = Math.abs(v);
  const sign = v < 0 && abs >= 1e-9 ? MINUS : '';
  return `${sign}$${abs.toFixed(incr < 1 ? 2 : 0)}`;
};

export function attributionOptions(
  model: Pick<AttributionModel, 'drawOrder'>,
  palette: AxisPalette & { total: string },
): ChartOptions {
  return chartOptions({
    // Days are labelled as UTC dates (dayToSeconds), whatever the viewer's zone.
    tz: 'Etc/UTC',
    padding: [8, 8, 0, 4],
    cursor: { points: { size: 7 } },
    scales: {
      x: {
        time: true,
        range: (u, min, max) => {
          const xs = u.data[0];
          return xs?.length === 1 ? xDayRange(xs[0]!, xs[0]!) : xDayRange(min, max);
        },
      },
      y: {
        range: (u) => {
          const vals = u.data
            .slice(1)
            .flatMap((s) => Array.from(s as ArrayLike<number | null>))
            .filter((v): v is number => v !== null && v !== undefined);
          return moneyRange(
            vals.length ? Math.min(...vals) : null,
            vals.length ? Math.max(...vals) : null,
            0.1,
          );
        },
      },
    },
    axes: [
      valueAxis(palette, {
        space: 60,
        values: (_u, splits) => dayTicks(splits),
        incrs: [86_400, 2 * 86_400, 7 * 86_400, 14 * 86_400, 30 * 86_400, 91 * 86_400],
      }),
      valueAxis(palette, {
        size: 60,
        values: (_u, splits, _i, _space, incr) => splits.map((s) => axisUsd(s, incr)),
      }),
    ],
    series: [
      {},
      ...model.drawOrder.map((part): uPlot.Series => ({
        label: ATTRIBUTION_PARTS.find((p) => p.key === part)?.label ?? part,
        fill: ATTRIBUTION_COLORS[part],
        stroke: ATTRIBUTION_COLORS[part],
        width: 0,
        paths: uPlot.paths.bars?.({ size: [0.7, 48, 1] }),
        points: { show: false },
      })),
      {
        label: 'Total',
        stroke: palette.total,
        width: 0,
        paths: () => null,
        points: { show: true, size: 9, fill: palette.total, stroke: palette.axis, width: 1 },
        value: (_u, v) => formatMoney(v, { plus: true }),
      },
    ],
  });
}

/** Hovering a day: its total and each part, as the identity reads. */
export function attributionTooltip(
  days: readonly QualityDay[],
  idx: number,
  tz: string,
): { title: string; lines: TooltipLine[] } | null {
  const d = days[idx];
  if (!d) return null;
  const line = (label: string, v: number | null, why: string): TooltipLine => {
    const s = signedMoney(v);
    return { label, value: v === null ? `${s.text} (${why})` : s.text, tone: s.tone };
  };
  return {
    title: `${d.date} (${tz})`,
    lines: [
      line('Total', d.total, 'mark unknown'),
      line('Spread capture', d.spreadCapture, ''),
      line('Inventory', d.inventory, 'mark unknown'),
      {
        label: '−Fees',
        value: formatMoney(-d.fees, { plus: true }),
        tone: toneOf(formatMoney(-d.fees, { plus: true })),
      },
    ],
  };
}

// The price chart: the /series samples and the range's fills through the pure builders of
// charts/price-chart.ts. Hovering near a fill marker shows that fill and its decision context;
// elsewhere, the decision in force at the hovered time.
import { useMemo } from 'react';
import type uPlot from 'uplot';
import { cssVar, runMarkerColors } from '../../charts/palette';
import {
  fillTooltip,
  markerRadius,
  nearestPoint,
  priceOptions,
  sampleTooltip,
  type PriceModel,
  type PricePalette,
} from '../../charts/price-chart';
import { markerTooltip, type RunMarker } from '../../charts/run-markers';
import { markerAtCursor, runMarkersPlugin } from '../../charts/run-markers-plugin';
import { tooltipPlugin, useLatestCallback, useTooltipContent } from '../../charts/tooltip-plugin';
import { UPlotChart } from '../../charts/UPlotChart';
import { formatDateTime } from '../../format/time';
import { useTheme } from '../../theme/theme';
import type { MarketFill } from '@api/types';

function palette(): PricePalette {
  return {
    bid: cssVar('--pos-bar', '#22a55a'),
    ask: cssVar('--neg-bar', '#e5484d'),
    mid: cssVar('--muted', '#5f6b7a'),
    target: cssVar('--chart-line', '#3b6fd8'),
    fair: cssVar('--short', '#f59e0b'),
    net: cssVar('--chart-line', '#3b6fd8'),
    outline: cssVar('--panel', '#ffffff'),
    axis: cssVar('--muted', '#667085'),
    grid: cssVar('--grid', '#e3e6ea'),
  };
}

/** Which fill (x index) lies under the cursor, if any: the markers are circles of known radius. */
function fillUnderCursor(u: uPlot, fillAt: readonly (MarketFill | null)[]): number | null {
  const left = u.cursor.left;
  const top = u.cursor.top;
  if (left === undefined || top === undefined || left < 0) return null;
  const xs = u.data[0];
  const [x0, x1] = [u.posToVal(left - 14, 'x'), u.posToVal(left + 14, 'x')];
  const points: { x: number; y: number; i: number }[] = [];
  for (let i = 0; i < fillAt.length; i++) {
    const f = fillAt[i];
    const x = xs[i];
    if (!f || x === undefined || x < x0 || x > x1) continue;
    points.push({ x: u.valToPos(x, 'x'), y: u.valToPos(f.priceYes, 'price'), i });
  }
  const best = nearestPoint(points, left, top, 14);
  const f = best === null ? null : fillAt[best];
  if (best === null || !f) return null;
  const p = points.find((q) => q.i === best);
  const r = markerRadius(f.size) + 4;
  return p && (p.x - left) ** 2 + (p.y - top) ** 2 <= r * r ? best : null;
}

/** Markers that make a new chart when they change: which runs, and of which kind. */
export const markersKey = (markers: readonly RunMarker[]) =>
  markers.map((m) => `${m.start.runId}:${m.kind}:${m.x}`).join(',');

export function PriceChart({
  model,
  tz,
  markers = [],
  range = null,
}: {
  model: PriceModel;
  tz: string;
  /** Bot restarts and version changes (run-markers.ts), drawn as dashed lines. */
  markers?: readonly RunMarker[];
  /** The page's range: the x axis spans it whatever data has arrived (priceXRange). */
  range?: { from: string; to: string } | null;
}) {
  const theme = useTheme();
  const tooltip = useTooltipContent((u, idx) => {
    // On a restart or version-change line: what happened there.
    const m = markerAtCursor(u, markers);
    if (m) return markerTooltip(m, tz, formatDateTime);
    const fi = fillUnderCursor(u, model.fillAt);
    const f = fi === null ? null : model.fillAt[fi];
    if (f) return fillTooltip(f, tz, formatDateTime);
    // Off a marker: the nearest sample at or before the hovered index (fill-only rows have none).
    for (let i = idx; i >= 0; i--) {
      const s = model.sampleAt[i];
      if (s) return sampleTooltip(s, tz, formatDateTime, model.staleAt[i] ?? null);
    }
    return null;
  });
  // The fill markers are drawn from the latest model: new data needs no new chart.
  const fillAt = useLatestCallback(() => model.fillAt);
  const markerList = useLatestCallback(() => markers);
  const xRange = useLatestCallback((): readonly [number, number] | null => {
    const from = range ? Date.parse(range.from) / 1000 : NaN;
    const to = range ? Date.parse(range.to) / 1000 : NaN;
    return Number.isFinite(from) && Number.isFinite(to) && from < to ? [from, to] : null;
  });
  const key = markersKey(markers);
  const options = useMemo(() => {
    const opts = priceOptions(palette(), tz, fillAt, xRange);
    return { ...opts, plugins: [runMarkersPlugin(markerList, runMarkerColors()), tooltipPlugin(tooltip)] };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `theme`: the palette is read from CSS, which changes with the theme; `key`: new markers are drawn by a new chart (they change only with a new answer).
  }, [theme, tz, fillAt, markerList, xRange, tooltip, key]);
  return (
    <UPlotChart
      options={options}
      data={model.data}
      heightPx={300}
      label="Best bid, best ask, mid and our target quotes over the range, with our fills and net position"
      testId="price-chart"
    />
  );
}

// The replay's overview chart: the book's best bid and ask and our target quotes at every loaded
// decision, with a vertical line at the moment shown. Pure builders.
import uPlot from 'uplot';
import { formatPrice } from '@core/format';
import {
  chartOptions,
  steppedPaths,
  timeAxis,
  valueAxis,
  type AxisPalette,
  type ChartOptions,
} from './base-options';

export interface ReplayPoint {
  timeMs: number;
  bestBid: number | null;
  bestAsk: number | null;
  targetBid: number | null;
  targetAsk: number | null;
}

export function replayData(points: readonly ReplayPoint[]): uPlot.AlignedData {
  return [
    points.map((p) => p.timeMs / 1000),
    points.map((p) => p.bestBid),
    points.map((p) => p.bestAsk),
    points.map((p) => p.targetBid),
    points.map((p) => p.targetAsk),
  ];
}

export interface ReplayPalette extends AxisPalette {
  bid: string;
  ask: string;
  marker: string;
}

/**
 * What the replay chart's hooks share with the page: the time (s) of the moment shown, which the
 * draw hook reads, and the chart to redraw when it moves — moving the marker is a redraw, not a
 * new chart.
 */
export class ReplayMarker {
  private chart: uPlot | null = null;
  constructor(public at: number | null) {}
  move(at: number | null): void {
    this.at = at;
    this.chart?.redraw(false);
  }
  attach(u: uPlot): void {
    this.chart = u;
  }
  detach(u: uPlot): void {
    if (this.chart === u) this.chart = null;
  }
}

/** The replay chart, its marker drawn where `marker` says; `onSeek` gets the time (s) clicked. */
export function replayOptions(
  palette: ReplayPalette,
  tz: string,
  marker: ReplayMarker,
  onSeek: (seconds: number) => void,
): ChartOptions {
  const stepped = steppedPaths();
  const price = (_u: uPlot, v: number | null) => formatPrice(v);
  return chartOptions({
    tz,
    padding: [6, 8, 0, 4],
    // A click seeks (below); no drag-to-zoom.
    cursor: { drag: { x: false, y: false, setScale: false }, points: { size: 5 } },
    scales: {
      x: { time: true },
      y: { range: (_u, min, max) => [Math.max(0, (min ?? 0) - 0.02), Math.min(1, (max ?? 1) + 0.02)] },
    },
    axes: [
      timeAxis(palette),
      valueAxis(palette, { size: 56, values: (_u, splits) => splits.map((s) => `${Math.round(s * 100)}¢`) }),
    ],
    series: [
      {},
      {
        label: 'Best bid',
        stroke: palette.bid,
        width: 1.5,
        paths: stepped,
        points: { show: false },
        value: price,
      },
      {
        label: 'Best ask',
        stroke: palette.ask,
        width: 1.5,
        paths: stepped,
        points: { show: false },
        value: price,
      },
      {
        label: 'Our bid target',
        stroke: palette.bid,
        width: 1,
        dash: [4, 3],
        paths: stepped,
        points: { show: false },
        value: price,
      },
      {
        label: 'Our ask target',
        stroke: palette.ask,
        width: 1,
        dash: [4, 3],
        paths: stepped,
        points: { show: false },
        value: price,
      },
    ],
    hooks: {
      draw: [
        (u) => {
          const t = marker.at;
          if (t === null) return;
          const x = Math.round(u.valToPos(t, 'x', true));
          const { top, height } = u.bbox;
          u.ctx.save();
          u.ctx.setLineDash([]);
          u.ctx.strokeStyle = palette.marker;
          u.ctx.lineWidth = 2 * uPlot.pxRatio;
          u.ctx.beginPath();
          u.ctx.moveTo(x, top);
          u.ctx.lineTo(x, top + height);
          u.ctx.stroke();
          u.ctx.restore();
        },
      ],
      ready: [
        (u) => {
          marker.attach(u);
          u.over.addEventListener('click', () => {
            const left = u.cursor.left;
            if (left === undefined || left < 0) return;
            onSeek(u.posToVal(left, 'x'));
          });
        },
      ],
      destroy: [
        (u) => {
          marker.detach(u);
        },
      ],
    },
  });
}

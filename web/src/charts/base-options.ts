// What every chart of the dashboard shares, in one place (Grafana's UPlotConfigBuilder idea): the
// theme's axis colours and font, the dashboard's time labels in the page's zone, no uPlot legend
// (hover shows a tooltip instead), and a cursor that zooms x by dragging. Each chart's builder adds
// its own scales, axes and series on top of `chartOptions`.
import uPlot from 'uplot';
import { TIME_AXIS_VALUES } from './time-axis';

/** Options without a size: UPlotChart sets width and height from its box. */
export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

/** The theme's colours for axes (labels) and grid lines (read from CSS variables, palette.ts). */
export interface AxisPalette {
  axis: string;
  grid: string;
}

export const AXIS_FONT = '11px system-ui, sans-serif';

/** Axis label colour, grid and tick lines in the theme's colours. */
export function axisStyle(palette: AxisPalette) {
  return {
    stroke: palette.axis,
    grid: { stroke: palette.grid, width: 1 },
    ticks: { stroke: palette.grid, width: 1, size: 4 },
    font: AXIS_FONT,
  } satisfies uPlot.Axis;
}

/** The x axis of a time chart: the dashboard's date format (time-axis.ts), labels 70 px apart. */
export function timeAxis(palette: AxisPalette, extra: uPlot.Axis = {}): uPlot.Axis {
  return { ...axisStyle(palette), space: 70, values: TIME_AXIS_VALUES, ...extra };
}

/** A y (or second x) axis in the theme's style. */
export function valueAxis(palette: AxisPalette, extra: uPlot.Axis = {}): uPlot.Axis {
  return { ...axisStyle(palette), ...extra };
}

/** Dragging across the plot zooms x (double-click resets); y always fits the data. */
export const DRAG_ZOOM_X = { x: true, y: false, setScale: true } as const;

export interface ChartBase extends Omit<ChartOptions, 'cursor' | 'padding'> {
  /** Time labels in this IANA zone (seconds on x); omit for a chart whose x is not time. */
  tz?: string;
  padding: uPlot.Padding;
  /** Merged over the shared cursor (drag zooms x). */
  cursor?: uPlot.Cursor;
}

/** A chart's options on the shared base: no legend, drag-to-zoom x, times labelled in `tz`. */
export function chartOptions({ tz, cursor, ...rest }: ChartBase): ChartOptions {
  return {
    ...(tz !== undefined ? { tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), tz) } : {}),
    legend: { show: false },
    ...rest,
    cursor: { drag: { ...DRAG_ZOOM_X }, ...cursor },
  };
}

/** Steps that hold each value until the next (book quotes, positions, running totals). */
export const steppedPaths = (): uPlot.Series.PathBuilder | undefined => uPlot.paths.stepped?.({ align: 1 });

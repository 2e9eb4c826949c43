// uPlot, wrapped once. The instance is created when `options` change (theme, series layout) and
// otherwise kept: new data goes through setData, so hover, tooltip and drag-zoom survive live
// refreshes. Width follows the container; double-click resets the zoom (uPlot's default).
import { useEffect, useLayoutEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

interface Props {
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  heightPx: number;
  label: string;
  testId?: string;
}

/** True when the user has zoomed in: the x scale shows less than the data spans. */
export function isZoomed(u: uPlot): boolean {
  const xs = u.data[0];
  const { min, max } = u.scales['x'] ?? {};
  if (!xs || xs.length === 0 || min === undefined || max === undefined || min === null || max === null)
    return false;
  return min > (xs[0] as number) || max < (xs[xs.length - 1] as number);
}

/** setData that keeps a zoomed-in window where it is (the y axes still re-range to the new data). */
export function setDataKeepingZoom(u: uPlot, data: uPlot.AlignedData): void {
  if (!isZoomed(u)) {
    u.setData(data);
    return;
  }
  const { min, max } = u.scales['x'] as { min: number; max: number };
  u.setData(data, false);
  u.setScale('x', { min, max });
}

export function UPlotChart({ options, data, heightPx, label, testId }: Props) {
  const hostRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  // The latest data, for a re-created instance (options changed) to start from. Layout effects
  // run in order, so this is current when the next one creates the chart.
  const dataRef = useRef(data);
  useLayoutEffect(() => {
    dataRef.current = data;
  }, [data]);

  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const u = new uPlot(
      { ...options, width: Math.max(200, host.clientWidth), height: heightPx },
      dataRef.current,
      host,
    );
    plotRef.current = u;
    const resize = new ResizeObserver(() => {
      const w = Math.max(200, host.clientWidth);
      if (w !== u.width) u.setSize({ width: w, height: heightPx });
    });
    resize.observe(host);
    return () => {
      resize.disconnect();
      u.destroy();
      plotRef.current = null;
    };
  }, [options, heightPx]);

  useEffect(() => {
    const u = plotRef.current;
    if (u && u.data !== data) setDataKeepingZoom(u, data);
  }, [data]);

  return <div ref={hostRef} className="uplot-host" role="img" aria-label={label} data-testid={testId} />;
}

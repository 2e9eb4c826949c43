// The analytics tab's three charts, each a thin renderer of a builder in charts/analytics-charts.ts
// with a hover tooltip.
import { useMemo } from 'react';
import type uPlot from 'uplot';
import {
  histogramData,
  histogramOptions,
  histogramTooltip,
  latencyModel,
  latencyOptions,
  timelineModel,
  timelineOptions,
  timelineTooltip,
  type LatencyPoint,
} from '../../charts/analytics-charts';
import { cssVar } from '../../charts/palette';
import { tooltipPlugin, useTooltipContent } from '../../charts/tooltip-plugin';
import { UPlotChart } from '../../charts/UPlotChart';
import { formatDateTime } from '../../format/time';
import { useTheme } from '../../theme/theme';
import { formatLatencyMs } from './analytics-rows';
import type { HistogramBin, TimelineBucket } from '@api/types';
import { withMillis } from './rows';

const axes = () => ({ axis: cssVar('--muted', '#667085'), grid: cssVar('--grid', '#e3e6ea') });

export function TimelineChart({
  timeline,
  bucketMs,
  tz,
}: {
  timeline: TimelineBucket[];
  bucketMs: number;
  tz: string;
}) {
  const theme = useTheme();
  const model = useMemo(() => timelineModel(timeline, bucketMs), [timeline, bucketMs]);
  const tooltip = useTooltipContent((_u, idx) => timelineTooltip(timeline, idx, tz, formatDateTime));
  const key = model.seriesTypes.join(',');
  const options = useMemo(
    () => ({ ...timelineOptions(model, axes(), tz), plugins: [tooltipPlugin(tooltip)] }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the series layout (its types, `key`), the theme and the zone make a new chart; data alone (`model`) does not.
    [key, theme, tz, tooltip],
  );
  return (
    <UPlotChart
      options={options}
      data={model.data}
      heightPx={220}
      label="Execution events per bucket, by type"
      testId="timeline-chart"
    />
  );
}

export function HistogramChart({ bins }: { bins: HistogramBin[] }) {
  const theme = useTheme();
  const data = useMemo(() => histogramData(bins), [bins]);
  const tooltip = useTooltipContent((_u, idx) => histogramTooltip(bins, idx));
  const options = useMemo(
    () => ({
      ...histogramOptions(bins, { ...axes(), bar: cssVar('--chart-line', '#3b6fd8') }),
      plugins: [tooltipPlugin(tooltip)],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `theme`: the colours are read from CSS, which changes with the theme.
    [bins, theme, tooltip],
  );
  return (
    <UPlotChart
      options={options}
      data={data}
      heightPx={220}
      label="Latency histogram of order results"
      testId="histogram-chart"
    />
  );
}

export function LatencyChart({
  timeline,
  bucketMs,
  points,
  tz,
  range,
}: {
  timeline: TimelineBucket[];
  bucketMs: number;
  points: LatencyPoint[];
  tz: string;
  range: [number, number];
}) {
  const theme = useTheme();
  const model = useMemo(() => latencyModel(timeline, bucketMs, points), [timeline, bucketMs, points]);
  const tooltip = useTooltipContent((_u: uPlot, idx: number) => {
    const p = model.pointAt[idx];
    if (p)
      return {
        title: withMillis(formatDateTime(p.time, tz), p.time),
        lines: [{ label: p.kind === 'place' ? 'Placement' : 'Cancel', value: formatLatencyMs(p.latencyMs) }],
      };
    const b = model.bucketAt[idx];
    if (!b) return null;
    return {
      title: `${formatDateTime(b.start, tz)} (bucket)`,
      lines: [
        { label: 'Results', value: String(b.latency.count) },
        { label: 'P50 (all)', value: formatLatencyMs(b.latency.p50) },
        { label: 'P95 (all)', value: formatLatencyMs(b.latency.p95) },
        { label: 'Max', value: formatLatencyMs(b.latency.max) },
      ],
    };
  });
  const [r0, r1] = range;
  const options = useMemo(
    () => ({
      ...latencyOptions(
        {
          ...axes(),
          place: cssVar('--long', '#3b82f6'),
          cancel: cssVar('--short', '#f59e0b'),
          p50: cssVar('--text', '#1b1f24'),
          p95: cssVar('--neg-bar', '#e5484d'),
        },
        tz,
        [r0, r1],
      ),
      plugins: [tooltipPlugin(tooltip)],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `theme`: the colours are read from CSS, which changes with the theme.
    [theme, tz, r0, r1, tooltip],
  );
  return (
    <UPlotChart
      options={options}
      data={model.data}
      heightPx={240}
      label="Latency over time: placements and cancels"
      testId="latency-chart"
    />
  );
}

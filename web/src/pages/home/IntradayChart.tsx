// One day shown: today's equity as it accrued (realized since the day's start, stepping at each
// fill) on the day's own hours in the chosen zone, and equity now (realized today + unrealized at
// mid) as a point at now. Pure builders in charts/pnl-chart.ts.
import { useMemo } from 'react';
import { formatMoney } from '@core/format';
import { addDays, zonedDayStartMs } from '@core/tz-days';
import type { OverviewResponse } from '@api/types';
import { pnlPalette } from '../../charts/palette';
import { intradayData, intradayOptions } from '../../charts/pnl-chart';
import { tooltipPlugin, useTooltipContent } from '../../charts/tooltip-plugin';
import { UPlotChart } from '../../charts/UPlotChart';
import { formatDateTime } from '../../format/time';
import { useTheme } from '../../theme/theme';

export function IntradayChart({ data }: { data: OverviewResponse }) {
  const theme = useTheme();
  const { pnl, tz } = data;
  const nowMs = Date.parse(data.now);
  const equityNow = pnl.todayRealized + pnl.unrealizedMid;
  const chartData = useMemo(
    () => intradayData(pnl.intraday, nowMs, equityNow),
    [pnl.intraday, nowMs, equityNow],
  );
  const dayStartS = zonedDayStartMs(pnl.today, tz) / 1000;
  const dayEndS = zonedDayStartMs(addDays(pnl.today, 1), tz) / 1000;
  const tooltip = useTooltipContent((u, idx) => {
    const x = u.data[0]?.[idx];
    const r = u.data[1]?.[idx];
    const e = u.data[2]?.[idx];
    if (x === undefined) return null;
    const lines = [{ label: 'Realized today', value: formatMoney(r ?? null, { plus: true }) }];
    if (e !== null && e !== undefined)
      lines.push({ label: 'Equity now (+ unrealized mid)', value: formatMoney(e, { plus: true }) });
    return { title: formatDateTime(new Date(x * 1000).toISOString(), tz), lines };
  });
  const options = useMemo(() => {
    const opts = intradayOptions(pnlPalette(), tz, dayStartS, dayEndS);
    return { ...opts, plugins: [tooltipPlugin(tooltip)] };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `theme`: the palette is read from CSS, which changes with the theme.
  }, [theme, tz, dayStartS, dayEndS, tooltip]);
  return (
    <UPlotChart
      options={options}
      data={chartData}
      heightPx={260}
      label="Today's realized P&L as it accrued, and equity now (realized + unrealized at mid)"
      testId="intraday-chart"
    />
  );
}

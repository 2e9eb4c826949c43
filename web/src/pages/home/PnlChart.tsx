// The P&L chart: the API's daily series, drawn by the pure builders in charts/pnl-chart.ts.
import { useMemo } from 'react';
import type { DailyEntry } from '@api/types';
import { pnlPalette } from '../../charts/palette';
import { pnlData, pnlOptions, pnlTooltip } from '../../charts/pnl-chart';
import { tooltipPlugin, useTooltipContent } from '../../charts/tooltip-plugin';
import { UPlotChart } from '../../charts/UPlotChart';
import { useTheme } from '../../theme/theme';

export function PnlChart({ daily, tz }: { daily: DailyEntry[]; tz: string }) {
  const theme = useTheme();
  // The tooltip reads the current series through a ref: new data needs no new chart.
  const tooltip = useTooltipContent((_u, idx) => pnlTooltip(daily, idx, tz));
  const options = useMemo(() => {
    const opts = pnlOptions(pnlPalette());
    return { ...opts, plugins: [tooltipPlugin(tooltip)] };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `theme` is not read here but the palette is (from CSS), and it changes with the theme.
  }, [theme, tooltip]);
  const data = useMemo(() => pnlData(daily), [daily]);
  return (
    <UPlotChart
      options={options}
      data={data}
      heightPx={260}
      label="Realized P&L per day and cumulative"
      testId="pnl-chart"
    />
  );
}

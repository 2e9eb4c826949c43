// One overlay chart of the compared markets (cumulative realized P&L, or net position), one stepped
// series per market in its legend colour; hover lists every market's value at that time.
import { useMemo, useRef } from 'react';
import type { CompareSeries } from '@api/types';
import {
  alignSteps,
  compareOptions,
  compareTooltip,
  seriesColor,
  type StepField,
} from '../../charts/compare-chart';
import { formatContracts, formatMoney } from '@core/format';
import { pnlPalette } from '../../charts/palette';
import { pngName } from '../../charts/png-export';
import { tooltipPlugin, useTooltipContent } from '../../charts/tooltip-plugin';
import { UPlotChart } from '../../charts/UPlotChart';
import { Panel } from '../../components/Panel';
import { PngButton } from '../../components/PngButton';
import { formatDateTime } from '../../format/time';
import { useTheme } from '../../theme/theme';

interface Props {
  series: CompareSeries[];
  field: StepField;
  tz: string;
  env: string;
  title: string;
  testId: string;
}

export function CompareChart({ series, field, tz, env, title, testId }: Props) {
  const theme = useTheme();
  const hostRef = useRef<HTMLDivElement>(null);
  const ids = useMemo(() => series.map((s) => s.marketId), [series]);
  const idsKey = ids.join(',');
  const data = useMemo(() => alignSteps(series, field), [series, field]);
  const tooltip = useTooltipContent((_u, idx) => {
    const x = data[0]?.[idx];
    return x === undefined
      ? null
      : compareTooltip(data, ids, idx, field, formatDateTime(new Date(x * 1000).toISOString(), tz));
  });
  const options = useMemo(() => {
    const p = pnlPalette();
    return {
      ...compareOptions(idsKey.split(','), field, tz, { axis: p.axis, grid: p.grid }),
      plugins: [tooltipPlugin(tooltip)],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `theme` is not read but the palette (CSS variables) changes with it.
  }, [idsKey, field, tz, theme, tooltip]);
  return (
    <Panel
      title={title}
      testId={testId}
      actions={
        <PngButton
          target={() => hostRef.current}
          filename={() => pngName(['dora-compare', field === 'net' ? 'position' : 'pnl', env])}
          title={`Dora ${env} · ${title} (${tz})`}
          legend={() => ids.map((id, i) => ({ label: id, color: seriesColor(i) }))}
          testId={`${testId}-png`}
        />
      }
    >
      <ul className="chart-legend" data-testid={`${testId}-legend`}>
        {ids.map((id, i) => {
          const last = data[i + 1]?.[data[0]?.length ? data[0].length - 1 : 0] ?? null;
          return (
            <li key={id}>
              <i className="sw" style={{ background: seriesColor(i) }} aria-hidden="true" />
              <span className="mono">{id}</span>{' '}
              <span className="fig muted">
                {field === 'net' ? formatContracts(last, { plus: true }) : formatMoney(last, { plus: true })}
              </span>
            </li>
          );
        })}
      </ul>
      <div ref={hostRef}>
        <UPlotChart options={options} data={data} heightPx={240} label={title} testId={`${testId}-chart`} />
      </div>
    </Panel>
  );
}

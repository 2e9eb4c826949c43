// "P&L over time": controls, legend and chart of the daily series in the chosen range.
import { useMemo, useRef } from 'react';
import type { OverviewResponse } from '@api/types';
import type { ViewParams } from '../../router/view-params';
import { Panel } from '../../components/Panel';
import { PngButton } from '../../components/PngButton';
import { pngName } from '../../charts/png-export';
import { pnlPalette } from '../../charts/palette';
import { IntradayChart } from './IntradayChart';
import { PnlChart } from './PnlChart';
import { RangeControls } from './RangeControls';
import { visibleDays, type RangeRequest } from './range';

interface Props {
  data: OverviewResponse | undefined;
  view: ViewParams;
  request: RangeRequest;
  loading: boolean;
}

export function PnlPanel({ data, view, request, loading }: Props) {
  const daily = data?.pnl.daily;
  const { showFrom, showTo } = request;
  // Same series ⇒ same array, so live patches that leave it alone do not redraw the chart.
  const days = useMemo(
    () => (daily ? visibleDays(daily, { showFrom, showTo }) : []),
    [daily, showFrom, showTo],
  );
  const chartRef = useRef<HTMLDivElement>(null);
  // One day shown and it is today: the day as it went, not one bar on a week of dates.
  const oneDay = data !== undefined && days.length === 1 && days[0]?.date === data.pnl.today;
  return (
    <Panel
      title={oneDay ? `Today's P&L (${data.pnl.today}, ${data.tz})` : 'Realized P&L over time'}
      className="pnl-panel"
      actions={
        <>
          <RangeControls view={view} />
          {data && (
            <PngButton
              target={() => chartRef.current}
              filename={() =>
                pngName(['dora-pnl', data.env, days[0]?.date ?? '', days[days.length - 1]?.date ?? ''])
              }
              title={`Dora ${data.env} · realized P&L per day and cumulative (${data.tz})`}
              legend={() => {
                const p = pnlPalette();
                return [
                  { label: 'Cumulative (all-time, left axis)', color: p.cumulative },
                  { label: 'Daily realized ≥ 0 (right axis)', color: p.pos },
                  { label: 'Daily realized < 0', color: p.neg },
                ];
              }}
              testId="pnl-png"
            />
          )}
        </>
      }
      testId="pnl-panel"
    >
      {oneDay ? (
        <div className="legend" aria-hidden="true">
          <span>
            <i className="sw sw-line" /> Realized since the day’s start (steps at each fill)
          </span>
          <span>
            <span aria-hidden="true">●</span> Equity now: realized today + unrealized at mid (one point:
            unrealized has no history)
          </span>
          <span className="muted">drag to zoom · double-click to reset</span>
          {loading && <span className="muted">updating…</span>}
        </div>
      ) : (
        <div className="legend" aria-hidden="true">
          <span>
            <i className="sw sw-line" /> Cumulative (all-time, left axis)
          </span>
          <span>
            <i className="sw sw-pos" />
            <i className="sw sw-neg" /> Daily realized (right axis)
          </span>
          <span className="muted">drag to zoom · double-click to reset</span>
          {loading && data && <span className="muted">updating…</span>}
        </div>
      )}
      {request.clipped && (
        <p className="note">The API serves at most 365 days: the range starts 364 days before today.</p>
      )}
      {data ? (
        <div ref={chartRef}>
          {oneDay ? <IntradayChart data={data} /> : <PnlChart daily={days} tz={data.tz} />}
        </div>
      ) : (
        <div className="chart-placeholder">{loading ? 'Loading…' : 'No data'}</div>
      )}
    </Panel>
  );
}

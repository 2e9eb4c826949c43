// "P&L over time": controls, legend and chart of the daily series in the chosen range.
import { useMemo } from 'react';
import type { OverviewResponse } from '../../api/types';
import type { ViewParams } from '../../router/view-params';
import { Panel } from '../../components/Panel';
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
  return (
    <Panel
      title="Realized P&L over time"
      className="pnl-panel"
      actions={<RangeControls view={view} />}
      testId="pnl-panel"
    >
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
      {request.clipped && (
        <p className="note">The API serves at most 365 days: the range starts 364 days before today.</p>
      )}
      {data ? (
        <PnlChart daily={days} tz={data.tz} />
      ) : (
        <div className="chart-placeholder">{loading ? 'Loading…' : 'No data'}</div>
      )}
    </Panel>
  );
}

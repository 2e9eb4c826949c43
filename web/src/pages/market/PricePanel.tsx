// "Price, quotes and fills": legend, notes and the price chart of the range.
import { formatContracts } from '../../../../src/core/format';
import { Panel } from '../../components/Panel';
import { PriceChart } from './PriceChart';
import type { FillsResponse, SeriesResponse } from './market-types';

interface Props {
  series: SeriesResponse | undefined;
  seriesError: Error | null;
  fills: FillsResponse | undefined;
  loading: boolean;
  tz: string;
}

export function PricePanel({ series, seriesError, fills, loading, tz }: Props) {
  const hasBook = series?.items.some((p) => p.decisionId !== null) ?? false;
  return (
    <Panel title="Price, our quotes and fills" className="price-panel" testId="price-panel">
      <div className="legend" aria-hidden="true">
        <span>
          <i className="sw sw-bid" /> best bid
        </span>
        <span>
          <i className="sw sw-ask" /> best ask
        </span>
        <span>
          <i className="sw sw-mid" /> mid
        </span>
        <span>
          <i className="sw sw-target" /> our target bid / ask (steps)
        </span>
        <span>
          <i className="sw sw-fair" /> fair value
        </span>
        <span>
          <i className="dot-sw sw-pos" />
          <i className="dot-sw sw-neg" /> our fills (bid / ask, size-scaled)
        </span>
        <span>
          <i className="sw sw-line" /> net position (right axis)
        </span>
        <span className="muted">drag to zoom · double-click to reset · hover a fill for its decision</span>
        {loading && <span className="muted">updating…</span>}
      </div>
      {seriesError && (
        <div className="banner banner-warn" role="status">
          The book series could not be loaded ({seriesError.message}); fills are still shown.
        </div>
      )}
      {series || fills ? (
        <>
          <PriceChart series={series?.items ?? []} fills={fills?.items ?? []} tz={tz} />
          <p className="note">
            The book and targets are the decision in force at {series ? formatContracts(series.points) : '…'}{' '}
            evenly spaced times
            {series
              ? ` (every ${Math.max(1, Math.round(series.stepMs / 60_000)).toLocaleString('en-US')} min)`
              : ''}
            ; {fills ? `${formatContracts(fills.items.length)} fills` : 'fills loading'}.
            {series && !hasBook && ' No decision of this market in the range.'}
          </p>
        </>
      ) : (
        <div className="chart-placeholder">{loading ? 'Loading…' : 'No data'}</div>
      )}
    </Panel>
  );
}

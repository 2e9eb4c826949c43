// "Price, quotes and fills": legend, notes and the price chart of the range.
import { useMemo } from 'react';
import { formatAge, formatContracts, formatDuration, formatPrice } from '@core/format';
import { useNow } from '../../api/use-now';
import { DEFAULT_FRESH_MS, priceModel } from '../../charts/price-chart';
import { formatDateTime } from '../../format/time';
import { Panel } from '../../components/Panel';
import { runMarkers } from '../../charts/run-markers';
import { PriceChart } from './PriceChart';
import { RunMarkerLegend, RunMarkerList } from './RunMarkers';
import type { FillsResponse, RunsResponse, SeriesResponse } from '@api/types';

interface Props {
  series: SeriesResponse | undefined;
  seriesError: Error | null;
  fills: FillsResponse | undefined;
  loading: boolean;
  tz: string;
  /** A decision older than this is not drawn (the bot's alive threshold, max(60 s, 3 × loop)). */
  freshMs?: number;
  /** The market's net position now (drawn flat when no fill falls in the range). */
  netNow?: number | null;
  /** The runs answer for exactly this range (runsFor), or null: restart and version markers. */
  runs?: RunsResponse | null;
  runsError?: Error | null;
  /** The page's range: the chart's x axis spans it (not only the data that has arrived). */
  range?: { from: string; to: string } | null;
}

export function PricePanel({
  series,
  seriesError,
  fills,
  loading,
  tz,
  freshMs = DEFAULT_FRESH_MS,
  netNow = null,
  runs = null,
  runsError = null,
  range = null,
}: Props) {
  const hasBook = series?.items.some((p) => p.decisionId !== null) ?? false;
  const model = useMemo(
    () => priceModel(series?.items ?? [], fills?.items ?? [], freshMs, netNow),
    [series, fills, freshMs, netNow],
  );
  const markers = useMemo(() => runMarkers(runs?.starts), [runs]);
  const now = useNow();
  const old = model.oldBook;
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
        <RunMarkerLegend markers={markers} />
        <span className="muted">
          drag to zoom · double-click to reset · hover a fill for its decision, a dashed line for its restart
        </span>
        {loading && <span className="muted">updating…</span>}
      </div>
      {seriesError && (
        <div className="banner banner-warn" role="status">
          The book series could not be loaded ({seriesError.message}); fills are still shown.
        </div>
      )}
      {series || fills ? (
        <>
          {old && (
            <div className="banner banner-warn price-old-book" role="status" data-testid="old-book">
              <strong>Old book</strong>: the newest decision in force at {formatDateTime(old.at, tz)} is from{' '}
              <span className="nowrap">{formatDateTime(old.decisionAt, tz)}</span> (
              {formatAge(Date.parse(old.decisionAt), now)}) — bid {formatPrice(old.bestBid)} / ask{' '}
              {formatPrice(old.bestAsk)}, drawn once as a dot, not carried across the range.
            </div>
          )}
          <PriceChart model={model} tz={tz} markers={markers} range={range} />
          <RunMarkerList markers={markers} runs={runs} error={runsError} tz={tz} testId="price-run-markers" />
          <p className="note">
            The book and targets are the decision in force at {series ? formatContracts(series.points) : '…'}{' '}
            evenly spaced times
            {series
              ? ` (every ${Math.max(1, Math.round(series.stepMs / 60_000)).toLocaleString('en-US')} min)`
              : ''}
            ; {fills ? `${formatContracts(fills.items.length)} fills` : 'fills loading'}.
            {series && !hasBook && ' No decision of this market in the range.'}
            {model.gaps.count > 0 && (
              <span data-testid="price-gaps">
                {' '}
                Lines break where the decision in force is older than 1.5 × the bot’s decision cadence (at
                least {formatDuration(freshMs)}): {model.gaps.count} gap{model.gaps.count === 1 ? '' : 's'},
                the longest {formatDuration(model.gaps.longestMs)}.
              </span>
            )}
          </p>
        </>
      ) : (
        <div className="chart-placeholder">{loading ? 'Loading…' : 'No data'}</div>
      )}
    </Panel>
  );
}

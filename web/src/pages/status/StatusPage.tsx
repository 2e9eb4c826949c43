import { useQuery } from '@tanstack/react-query';
import { formatDuration } from '@core/format';
import type { HealthResponse, OverviewResponse } from '@api/types';
import { lifecycleNote } from '../../format/lifecycle';
import { healthOptions } from '../../api/queries';
import { useOverview } from '../../api/overview-query';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';
import { formatDateTime } from '../../format/time';
import { useSetViewParams, useViewParams } from '../../router/view-hooks';

/**
 * Kalshi's market data (titles, close times, statuses, results; settlements with credentials):
 * where it comes from, how old it is, its last error. It never delays a page: without it the
 * lifecycle figures say "unavailable" and why.
 */
function MarketDataFacts({
  data,
  lifecycle,
  at,
}: {
  data: HealthResponse['marketData'];
  lifecycle: OverviewResponse['lifecycle'] | undefined;
  at: (iso: string | null | undefined) => string;
}) {
  if (data === null)
    return (
      <>
        <h2 className="status-sub">Market data (Kalshi)</h2>
        <p className="muted" data-testid="market-data">
          Not configured: titles, close times and settlements are unavailable.
        </p>
      </>
    );
  const note = lifecycle ? lifecycleNote(lifecycle) : null;
  return (
    <>
      <h2 className="status-sub">Market data (Kalshi)</h2>
      <dl className="facts" data-testid="market-data">
        <dt>Source</dt>
        <dd className="mono" data-testid="market-data-source">
          {data.source}
        </dd>
        <dt>Settlements</dt>
        <dd data-testid="market-data-settlements">
          {data.settlementsEnabled
            ? 'read from the account: its settlement P&L wins over the position’s'
            : 'not read (no Kalshi credentials): settlement P&L from the positions'}
        </dd>
        <dt>Last fetch</dt>
        <dd data-testid="market-data-fetched">
          {data.fetchedAt ? (
            <>
              {at(data.fetchedAt)}{' '}
              <span className="muted">
                ({data.ageMs === null ? '—' : `${formatDuration(data.ageMs)} old`})
              </span>
            </>
          ) : (
            <span className="warn-text">never</span>
          )}
        </dd>
        <dt>Last error</dt>
        <dd data-testid="market-data-error">
          {data.lastError ? (
            <span className="warn-text">
              {data.lastError} <span className="muted">at {at(data.lastErrorAt)}</span>
            </span>
          ) : (
            <span className="muted">none</span>
          )}
        </dd>
        <dt>Requests</dt>
        <dd data-testid="market-data-requests">
          {data.requests.toLocaleString('en-US')} requests ·{' '}
          <span className={data.errors > 0 ? 'warn-text' : ''}>
            {data.errors.toLocaleString('en-US')} errors
          </span>
        </dd>
        {note && (
          <>
            <dt>Pages</dt>
            <dd className="warn-text">{note}</dd>
          </>
        )}
      </dl>
    </>
  );
}

/** Shows that the data is there: each table, whether it exists, how many items, its indexes. */
export function StatusPage() {
  const view = useViewParams();
  const setView = useSetViewParams();
  // Times read in the page's display zone, like every other page's (never raw ISO strings).
  const at = (iso: string | null | undefined) => (iso ? formatDateTime(iso, view.tz) : 'never');
  const health = useQuery(healthOptions(view.env));
  // The shell's overview query (same key): no second request.
  const overview = useOverview(view);
  const recent = overview.data?.recent;
  const env = health.data?.env ?? view.env ?? '…';
  if (health.error)
    return (
      <div className="banner banner-error" role="alert">
        Cannot reach the dashboard API: {health.error.message}
      </div>
    );
  if (!health.data) return <p className="muted">Loading…</p>;
  return (
    <section className="panel status-page">
      <div className="status-head">
        <h1>Data status — {env}</h1>
        <TimeZoneSelect tz={view.tz} onChange={(tz) => setView({ tz })} />
      </div>
      {health.data.error && (
        <div className="banner banner-error" role="alert">
          {health.data.error.code}: {health.data.error.message}
        </div>
      )}
      {(health.data.warnings ?? []).map((w) => (
        <div key={w.message} className="banner banner-warn">
          {w.message}
        </div>
      ))}
      <dl className="facts" data-testid="recent">
        <dt>Bot</dt>
        <dd>
          {overview.data
            ? `${overview.data.bot.heartbeat} · last decision ${at(overview.data.bot.lastDecisionAt)}`
            : '…'}
        </dd>
        <dt>Newest decision</dt>
        <dd data-testid="newest-decision">
          {recent?.decision
            ? `${recent.decision.marketId} at ${at(recent.decision.at)}`
            : overview.data
              ? 'none'
              : '…'}
        </dd>
        <dt>Newest fill</dt>
        <dd data-testid="newest-fill">
          {recent?.fill
            ? `${recent.fill.marketId} ${recent.fill.side === 'yes' ? 'bid' : 'ask'} ${recent.fill.size} @ ${recent.fill.priceYes.toFixed(2)} at ${at(recent.fill.at)}`
            : overview.data
              ? 'none'
              : '…'}
        </dd>
      </dl>
      <MarketDataFacts data={health.data.marketData} lifecycle={overview.data?.lifecycle} at={at} />
      <table className="grid" data-testid="tables">
        <thead>
          <tr>
            <th>Table</th>
            <th>Exists</th>
            <th>Data</th>
            <th className="num">Item count (AWS estimate)</th>
            <th>Indexes</th>
          </tr>
        </thead>
        <tbody>
          {health.data.tables.map((t) => (
            <tr key={t.name}>
              <td className="mono">{t.name}</td>
              <td>{t.exists ? 'yes' : 'missing'}</td>
              <td data-testid="has-data">{t.hasData === null ? '—' : t.hasData ? 'has data' : 'empty'}</td>
              <td className="num">{t.itemCountHint ? t.itemCountHint.toLocaleString('en-US') : '—'}</td>
              <td className="mono">{t.indexes.join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

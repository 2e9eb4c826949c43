import { useQuery } from '@tanstack/react-query';
import { healthOptions } from '../../api/queries';
import { useOverview } from '../../api/overview-query';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';
import { formatDateTime } from '../../format/time';
import { useSetViewParams, useViewParams } from '../../router/view-hooks';

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

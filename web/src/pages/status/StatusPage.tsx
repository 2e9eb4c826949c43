import { useQuery } from '@tanstack/react-query';
import { getJson, type Health } from '../api/client';

interface Recent {
  recent: {
    decision: { marketId: string; decisionId: string | null; at: string } | null;
    fill: { marketId: string; side: string; priceYes: number; size: number; at: string } | null;
  };
  bot: { heartbeat: string; lastDecisionAt: string | null };
}

interface Props {
  env: string;
  health: Health | undefined;
  error: Error | null;
}

/** Shows that the data is there: each table, whether it exists, how many items, its indexes. */
export function StatusPage({ env, health, error }: Props) {
  const overview = useQuery({ queryKey: ['overview-recent', env], queryFn: () => getJson<Recent>('/api/v1/overview', { env, days: 1 }) });
  const recent = overview.data?.recent;
  if (error) return <div className="banner banner-error" role="alert">Cannot reach the dashboard API: {error.message}</div>;
  if (!health) return <p className="muted">Loading…</p>;
  return (
    <section>
      <h1>Data status — {env}</h1>
      {health.error && (
        <div className="banner banner-error" role="alert">
          {health.error.code}: {health.error.message}
        </div>
      )}
      {(health.warnings ?? []).map((w) => (
        <div key={w.message} className="banner banner-warn">
          {w.message}
        </div>
      ))}
      <dl className="facts" data-testid="recent">
        <dt>Bot</dt>
        <dd>{overview.data ? `${overview.data.bot.heartbeat} · last decision ${overview.data.bot.lastDecisionAt ?? 'never'}` : '…'}</dd>
        <dt>Newest decision</dt>
        <dd data-testid="newest-decision">{recent?.decision ? `${recent.decision.marketId} at ${recent.decision.at}` : overview.data ? 'none' : '…'}</dd>
        <dt>Newest fill</dt>
        <dd data-testid="newest-fill">
          {recent?.fill
            ? `${recent.fill.marketId} ${recent.fill.side === 'yes' ? 'bid' : 'ask'} ${recent.fill.size} @ ${recent.fill.priceYes.toFixed(2)} at ${recent.fill.at}`
            : overview.data ? 'none' : '…'}
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
          {health.tables.map((t) => (
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

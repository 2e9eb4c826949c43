import type { Health } from '../api/client';

interface Props {
  env: string;
  health: Health | undefined;
  error: Error | null;
}

/** Shows that the data is there: each table, whether it exists, how many items, its indexes. */
export function StatusPage({ env, health, error }: Props) {
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
      <table className="grid" data-testid="tables">
        <thead>
          <tr>
            <th>Table</th>
            <th>Exists</th>
            <th className="num">Items</th>
            <th>Indexes</th>
          </tr>
        </thead>
        <tbody>
          {health.tables.map((t) => (
            <tr key={t.name}>
              <td className="mono">{t.name}</td>
              <td>{t.exists ? 'yes' : 'missing'}</td>
              <td className="num">{t.itemCountHint?.toLocaleString('en-US') ?? '—'}</td>
              <td className="mono">{t.indexes.join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

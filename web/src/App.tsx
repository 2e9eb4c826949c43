import { useQuery } from '@tanstack/react-query';
import { getJson, type Health } from './api/client';
import { useUrlParam } from './url-state';
import { StatusPage } from './pages/StatusPage';

export function App() {
  const [env, setEnv] = useUrlParam('env', '');
  const health = useQuery({ queryKey: ['health', env], queryFn: () => getJson<Health>('/api/v1/health', { env }) });
  const shownEnv = env || health.data?.env || 'demo';
  return (
    <div className={`app env-${shownEnv}`}>
      <header className="topbar">
        <div className="brand">Dora Dashboard</div>
        <nav className="env-switch" aria-label="Environment">
          {(['demo', 'prod'] as const).map((e) => (
            <button
              key={e}
              type="button"
              className={`env-btn env-btn-${e} ${shownEnv === e ? 'active' : ''}`}
              aria-pressed={shownEnv === e}
              onClick={() => setEnv(e)}
            >
              {e.toUpperCase()}
            </button>
          ))}
        </nav>
        <div className="topbar-meta">
          {health.data ? `${health.data.source === 'embedded' ? 'embedded store' : 'AWS'} · ${health.data.region}` : ''}
        </div>
      </header>
      <main className="content">
        <StatusPage env={shownEnv} health={health.data} error={health.error} />
      </main>
    </div>
  );
}

// The app shell: the top bar, the live stream of the environment, and the page of the URL.
import { Suspense, useEffect } from 'react';
import { useLiveUpdates } from './api/live';
import { useOverview } from './api/overview-query';
import { TopBar } from './components/TopBar';
import { useLocation } from './router/location';
import { matchRoute } from './router/match';
import { useViewParams } from './router/view-hooks';
import { ROUTES } from './routes';
import { NotFound } from './pages/NotFound';

export function App() {
  const view = useViewParams();
  const { pathname } = useLocation();
  // The same query (same key) as the Home page's: the shell's heartbeat, region and freshness.
  const overview = useOverview(view);
  const live = useLiveUpdates(view.env);
  // The environment shown: the URL's, else the server's default once known — never a guess.
  const env = view.env ?? overview.data?.env ?? null;
  const route = matchRoute(ROUTES, pathname);

  useEffect(() => {
    document.title = `${env ? `${env.toUpperCase()} · ` : ''}${route?.label ?? 'Not found'} · Dora`;
  }, [env, route]);

  return (
    <div className={`app env-${env ?? 'unknown'}`}>
      <TopBar routes={ROUTES} env={env} overview={overview.data} live={live} />
      <main className="content">
        <Suspense fallback={<p className="muted">Loading…</p>}>
          {route ? <route.Page /> : <NotFound />}
        </Suspense>
      </main>
    </div>
  );
}

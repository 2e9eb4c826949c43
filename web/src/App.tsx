// The app shell: the top bar, the live stream of the environment, and the page of the URL.
import { Suspense, useEffect } from 'react';
import { useLiveUpdates } from './api/live';
import { MarketTitlesProvider } from './api/market-titles';
import { useOverview } from './api/overview-query';
import { BotBanner } from './components/BotBanner';
import { BadLinkBanner } from './components/BadLinkBanner';
import { SkipLinks } from './components/SkipLinks';
import { TopBar } from './components/TopBar';
import { useLocation } from './router/location';
import { matchRoute } from './router/match';
import { useViewParams } from './router/view-hooks';
import { ROUTES } from './routes';
import { NotFound } from './pages/NotFound';
import './cockpit.css';

export function App() {
  const view = useViewParams();
  const { pathname } = useLocation();
  // The same query (same key) as the Home page's: the shell's heartbeat, region and freshness.
  const overview = useOverview(view);
  const live = useLiveUpdates(view.env);
  // The environment shown: the URL's, else the server's default once known — never a guess.
  const env = view.env ?? overview.data?.env ?? null;
  const route = matchRoute(ROUTES, pathname);

  // A stopped bot shows in the tab too: a trader with the tab in the background still sees it.
  const heartbeat = overview.data?.bot.heartbeat;
  useEffect(() => {
    const bot = heartbeat === 'down' ? '⚠ BOT DOWN · ' : heartbeat === 'late' ? '⚠ Bot late · ' : '';
    document.title = `${bot}${env ? `${env.toUpperCase()} · ` : ''}${route?.label ?? 'Not found'} · Dora`;
  }, [env, route, heartbeat]);

  return (
    <div className={`app env-${env ?? 'unknown'}`}>
      <SkipLinks />
      <TopBar routes={ROUTES} env={env} overview={overview.data} live={live} />
      <BadLinkBanner />
      <BotBanner bot={overview.data?.bot} tz={view.tz} />
      <main className="content" id="content" tabIndex={-1}>
        <MarketTitlesProvider markets={overview.data?.markets}>
          <Suspense fallback={<p className="muted">Loading…</p>}>
            {route ? <route.Page /> : <NotFound />}
          </Suspense>
        </MarketTitlesProvider>
      </main>
    </div>
  );
}

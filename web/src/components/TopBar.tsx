// The shell's bar on every page: environment (coloured so prod is never mistaken for demo), region,
// navigation, bot heartbeat, freshness, live status, copy link, refresh and theme.
import type { LiveStatus } from '../api/live';
import type { OverviewResponse } from '@api/types';
import { Link } from '../router/Link';
import { useLocation } from '../router/location';
import { normalizePath } from '../router/match';
import { hrefWithView, type EnvChoice } from '../router/view-params';
import type { PageRoute } from '../routes';
import { CopyLinkButton } from './CopyLinkButton';
import { EnvSwitch } from './EnvSwitch';
import { AttentionCount } from './AttentionCount';
import { HeartbeatBadge } from './HeartbeatBadge';
import { LiveDot } from './LiveDot';
import { RefreshButton } from './RefreshButton';
import { ThemeToggle } from './ThemeToggle';
import { UpdatedAgo } from './UpdatedAgo';

interface Props {
  routes: readonly PageRoute[];
  env: EnvChoice | null;
  overview: OverviewResponse | undefined;
  live: LiveStatus;
}

export function TopBar({ routes, env, overview, live }: Props) {
  const { pathname, search } = useLocation();
  const here = normalizePath(pathname);
  return (
    <header className="topbar">
      <div className="topbar-row">
        <span className="brand">Dora</span>
        <span className={`env-badge env-badge-${env ?? 'unknown'}`} data-testid="env-badge">
          {env ? env.toUpperCase() : '…'}
        </span>
        <EnvSwitch shown={env} />
        <span className="region muted" title="AWS region of the tables" data-testid="region">
          {overview?.region ?? ''}
        </span>
        <nav className="nav" aria-label="Pages">
          {routes.map((r) => (
            <Link
              key={r.path}
              href={hrefWithView(r.path, search)}
              aria-current={here === r.path ? 'page' : undefined}
            >
              {r.label}
              {r.path === '/' && <AttentionCount items={overview?.attention} />}
            </Link>
          ))}
        </nav>
        <div className="topbar-status">
          <HeartbeatBadge bot={overview?.bot} />
          <LiveDot status={live} botStale={overview !== undefined && overview.bot.heartbeat !== 'alive'} />
          <UpdatedAgo meta={overview?.meta} bot={overview?.bot} />
          <CopyLinkButton />
          <RefreshButton />
          <ThemeToggle />
        </div>
      </div>
    </header>
  );
}

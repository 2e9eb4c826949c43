// "Needs attention" (metrics.md `attention`, the overview's list): what a trader must act on, most
// severe first, each item linking to its row — a market's row in Home's Active markets (filtered to
// it), the Risk page for limits and halts, Status for the bot. Empty ⇒ "all clear". The deep dive
// shows the items of its market and the environment's bot/halt items.
import { formatAge } from '@core/format';
import type { OverviewResponse } from '@api/types';
import { useMarketTitles } from '../api/market-titles';
import { useNow } from '../api/use-now';
import { Link } from '../router/Link';
import { useLocation } from '../router/location';
import { hrefWithView } from '../router/view-params';
import { formatDateTime } from '../format/time';

type Item = OverviewResponse['attention'][number];

const ENV_TARGET: Partial<Record<Item['kind'], { path: string; label: string }>> = {
  bot_down: { path: '/status', label: 'status' },
  bot_late: { path: '/status', label: 'status' },
  trading_halted: { path: '/risk', label: 'risk' },
  loss_limit: { path: '/risk', label: 'risk' },
  total_exposure: { path: '/risk', label: 'risk' },
};

function scrollToTable() {
  // After the navigation renders the filtered table.
  requestAnimationFrame(() =>
    document.querySelector('[data-testid="markets-table"]')?.scrollIntoView({ block: 'start' }),
  );
}

function target(
  item: Item,
  search: string,
  env: string,
): { href: string; onClick?: () => void; label: string } {
  if (item.marketId) {
    return {
      href: hrefWithView('/', search, { q: item.marketId, env }),
      onClick: scrollToTable,
      label: 'row',
    };
  }
  const t = ENV_TARGET[item.kind] ?? { path: '/risk', label: 'risk' };
  return { href: hrefWithView(t.path, search, { env }), label: t.label };
}

interface Props {
  items: OverviewResponse['attention'];
  env: string;
  tz: string;
  /** Deep dive: only this market's items and the environment-wide ones. */
  marketId?: string;
}

export function AttentionStrip({ items, env, tz, marketId }: Props) {
  const { search } = useLocation();
  const now = useNow();
  const titles = useMarketTitles();
  // On the deep dive the bot's own items are the banner above every page already.
  const shown =
    marketId === undefined
      ? items
      : items.filter((a) => a.marketId === marketId || (!a.marketId && !a.kind.startsWith('bot_')));
  if (shown.length === 0) {
    // On the deep dive a clear market needs no strip; Home says "all clear" out loud.
    if (marketId !== undefined) return null;
    return (
      <section className="attention attention-clear" data-testid="attention" aria-label="Needs attention">
        <h2>All clear</h2>{' '}
        <span className="small">
          — nothing needs attention (bot, halt, limits, configs, decisions, API errors).
        </span>
      </section>
    );
  }
  const critical = shown.some((a) => a.severity === 'critical');
  return (
    <section
      className={`attention ${critical ? 'attention-critical' : 'attention-warning'}`}
      data-testid="attention"
      aria-label="Needs attention"
    >
      <h2>
        Needs attention <span className="muted">({shown.length})</span>
      </h2>
      <ul>
        {shown.map((a, i) => {
          const t = target(a, search, env);
          return (
            <li key={`${a.kind}:${a.marketId ?? ''}:${i}`} data-testid="attention-item" data-kind={a.kind}>
              <span className={`attention-sev attention-sev-${a.severity}`}>{a.severity}</span>
              <span className="attention-body">
                <Link href={t.href} onClick={t.onClick} title={`Go to its ${t.label}`}>
                  {a.message}
                </Link>
                {a.marketId && titles.get(a.marketId) && (
                  <span
                    className="attention-title muted"
                    title={titles.get(a.marketId)}
                    data-testid="attention-title"
                  >
                    {titles.get(a.marketId)}
                  </span>
                )}
              </span>
              {a.since && (
                <span className="attention-since" title={formatDateTime(a.since, tz)}>
                  since {formatAge(Date.parse(a.since), now)}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

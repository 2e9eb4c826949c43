// The markets the pickers offer: every configured market (GET /api/v1/markets) plus every market the
// overview lists without a config, with Kalshi's titles from the overview's rows (a position the bot holds in a market no config names). Enabled
// first, then by ticker. The overview is the shell's own query (same key): no extra request.
import { useMemo } from 'react';
import { useOverview } from '../../api/overview-query';
import type { MarketConfigJson } from '@api/types';
import type { MarketOption } from '../../components/MarketSearch';
import type { ViewParams } from '../../router/view-params';
import { useMarketConfigs } from './queries';

export function mergeMarketOptions(
  configs: readonly Pick<MarketConfigJson, 'marketId' | 'eventTicker' | 'enabled'>[],
  rows: readonly (Pick<MarketConfigJson, 'marketId' | 'eventTicker' | 'enabled'> & {
    title?: string | null;
  })[],
): MarketOption[] {
  const byId = new Map<string, MarketOption>();
  for (const c of configs)
    byId.set(c.marketId, { marketId: c.marketId, eventTicker: c.eventTicker, enabled: c.enabled });
  for (const r of rows) {
    const known = byId.get(r.marketId);
    // Kalshi's title, where the overview's row has one: shown and searched.
    if (known) known.title = r.title ?? null;
    else
      byId.set(r.marketId, {
        marketId: r.marketId,
        eventTicker: r.eventTicker,
        enabled: r.enabled,
        title: r.title ?? null,
      });
  }
  return [...byId.values()].sort(
    (a, b) =>
      Number(b.enabled) - Number(a.enabled) ||
      (a.marketId < b.marketId ? -1 : a.marketId > b.marketId ? 1 : 0),
  );
}

export function useMarketOptions(view: ViewParams): { options: MarketOption[]; loading: boolean } {
  const configs = useMarketConfigs(view.env);
  const overview = useOverview(view);
  const items = configs.data?.items;
  const rows = overview.data?.markets;
  const options = useMemo(() => mergeMarketOptions(items ?? [], rows ?? []), [items, rows]);
  return { options, loading: configs.isPending };
}

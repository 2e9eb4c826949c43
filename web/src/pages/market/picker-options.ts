// The picker's list: configured markets (GET /api/v1/markets) plus markets with a position that
// have no config (the overview's rows), enabled first, then by ticker. Pure, tested.
import type { MarketConfigJson, MarketRow } from '@api/types';
import { hasEveryWord, marketText, queryWords } from '../../components/market-match';

export interface PickerOption {
  marketId: string;
  eventTicker: string | null;
  enabled: boolean;
  hasConfig: boolean;
  /** The bot's net position where the overview knows it, else null. */
  net: number | null;
  /** Kalshi's title where the overview knows it (found by the search too), else null. */
  title: string | null;
}

export function pickerOptions(
  configs: readonly MarketConfigJson[],
  rows: readonly (Pick<MarketRow, 'marketId' | 'eventTicker' | 'enabled' | 'hasConfig' | 'netPosition'> &
    Partial<Pick<MarketRow, 'title'>>)[],
): PickerOption[] {
  const byId = new Map<string, PickerOption>();
  for (const c of configs) {
    byId.set(c.marketId, {
      marketId: c.marketId,
      eventTicker: c.eventTicker,
      enabled: c.enabled,
      hasConfig: true,
      net: null,
      title: null,
    });
  }
  for (const r of rows) {
    const known = byId.get(r.marketId);
    if (known) {
      known.net = r.netPosition;
      known.title = r.title ?? null;
    } else
      byId.set(r.marketId, {
        marketId: r.marketId,
        eventTicker: r.eventTicker,
        enabled: r.enabled,
        hasConfig: r.hasConfig,
        net: r.netPosition,
        title: r.title ?? null,
      });
  }
  return [...byId.values()].sort(
    (a, b) =>
      Number(b.enabled) - Number(a.enabled) ||
      (a.marketId < b.marketId ? -1 : a.marketId > b.marketId ? 1 : 0),
  );
}

/** Options whose ticker or event contains every word of the query (any case, any order). */
export function searchOptions(options: readonly PickerOption[], query: string): PickerOption[] {
  const words = queryWords(query);
  return options.filter((o) => hasEveryWord(marketText(o), words));
}

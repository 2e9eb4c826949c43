// The market-data view a request computes from (issue 20): taken at once from the source's cache,
// never awaited, so an unreachable or slow Kalshi API delays no page — the lifecycle figures then
// say "unavailable" with the reason, and everything else is as before.
import type { MarketDataView } from '../core/market-info.js';
import type { Env } from '../core/types.js';
import type { MarketDataSource } from '../store/kalshi/source.js';

/** What the source knows now for these tickers; null when no source is configured (core says so). */
export function marketDataView(
  source: MarketDataSource | null | undefined,
  env: Env,
  tickers: Iterable<string>,
): MarketDataView | null {
  if (!source) return null;
  try {
    return source.view(env, [...new Set(tickers)].sort());
  } catch (err) {
    // A bug in the source must not take the page down: its figures become unavailable.
    return {
      markets: new Map(),
      settlements: null,
      unavailable: `market data failed: ${err instanceof Error ? err.message : String(err)}`,
      fetchedAt: null,
    };
  }
}

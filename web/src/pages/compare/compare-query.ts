// The comparison's request, shared by the page and by its prefetch at page load: on a cold first view
// the bench's trace (bench/first-view.ts) found the page's own code taking 0.5–1.5 s before it asked
// for /compare, the slowest request of the page. Asked for as the code loads, the two overlap.
import type { QueryClient } from '@tanstack/react-query';
import { readViewParams, type EnvChoice } from '../../router/view-params';
import { lookbackParams, readLookback } from '../common/lookback';
import { pageQueryOptions } from '../../api/queries';
import type { CompareResponse } from '@api/types';
import type { FirstDataIsland } from '@api/first-screen';
import { todayIn } from '../home/range';
import { readMarkets } from './compare-params';

/** The API's range parameters of the URL's lookback (7 days unless given). */
export function compareRange(search: string, tz: string): Record<string, string> {
  return lookbackParams(readLookback(search, 7, 366), tz, todayIn(tz, Date.now()));
}

export function compareQueryArgs(
  env: EnvChoice | null,
  markets: readonly string[],
  range: Record<string, string>,
) {
  return ['compare', env, '/api/v1/compare', { markets: markets.join(','), ...range }] as const;
}

/**
 * With the server's first screen's body (`first`), the comparison is seeded under the page's key and
 * nothing is asked; without it, the request for a lookback ending now ends where the server's
 * running load does (the server's RecentAnchors), and joins it.
 */
export function prefetchCompare(
  client: QueryClient,
  search: string,
  first: FirstDataIsland | null = null,
): void {
  const markets = readMarkets(search);
  if (markets.length === 0) return;
  const view = readViewParams(search);
  const [name, env, path, params] = compareQueryArgs(view.env, markets, compareRange(search, view.tz));
  const options = pageQueryOptions<CompareResponse>(name, env, path, params);
  if (first?.path === '/compare' && first.body) {
    client.setQueryData(options.queryKey, first.body as CompareResponse);
    return;
  }
  void client.prefetchQuery(options);
}

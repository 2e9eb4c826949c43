// Data hooks of the pages built on these helpers: one GET per query, keyed by environment and
// parameters. A change of parameters keeps showing the previous figures until the next arrive —
// never another environment's (the key's second element is the environment).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../../api/client';
import { envKey } from '../../api/overview-query';
import type { MarketsResponse } from '@api/types';
import type { EnvChoice } from '../../router/view-params';

type Params = Record<string, string | number | undefined>;

/** One GET of a page: its key and request (for the hook, and for a prefetch at page load). */
export function pageQueryOptions<T>(name: string, env: EnvChoice | null, path: string, params: Params) {
  return queryOptions({
    queryKey: [name, envKey(env), path, params],
    queryFn: () => getJson<T>(path, { env: env ?? undefined, ...params }),
  });
}

export function usePageQuery<T>(
  name: string,
  env: EnvChoice | null,
  path: string,
  params: Params,
  options: { refetchMs?: number | false; enabled?: boolean } = {},
) {
  const key = envKey(env);
  return useQuery({
    ...pageQueryOptions<T>(name, env, path, params),
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[1] === key ? prev : undefined),
    refetchInterval: options.refetchMs ?? 10_000,
    enabled: options.enabled ?? true,
  });
}

/** The configured markets (pickers). Configs change rarely: once a minute is plenty. */
export function useMarketConfigs(env: EnvChoice | null) {
  return usePageQuery<MarketsResponse>('markets', env, '/api/v1/markets', {}, { refetchMs: 60_000 });
}

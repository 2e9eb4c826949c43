// Data hooks of the pages built on these helpers: one GET per query, keyed by environment and
// parameters. A change of parameters keeps showing the previous figures until the next arrive —
// never another environment's (the key's second element is the environment).
import { useQuery } from '@tanstack/react-query';
import { envKey, marketsOptions, pageQueryOptions } from '../../api/queries';
import type { EnvChoice } from '../../router/view-params';

type Params = Record<string, string | number | undefined>;

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

/** The configured markets (pickers): the deep dive's query, one key for /api/v1/markets. */
export function useMarketConfigs(env: EnvChoice | null) {
  return useQuery(marketsOptions(env));
}

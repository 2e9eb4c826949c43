// The deep dive's requests: one hook per endpoint, keyed by environment, market and the page's
// absolute range, so every tab of one range shares its data and a refresh re-anchors them all.
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { ApiRequestError, getJson } from '../../api/client';
import { envKey } from '../../api/overview-query';
import { noteServerTime } from '../../api/server-clock';
import type { EnvChoice } from '../../router/view-params';
import type { ResolvedRange } from './market-params';
import type {
  AnalyticsResponse,
  DecisionDetailResponse,
  DecisionsPage,
  ExecutionsPage,
  FillsResponse,
  MarketDetailResponse,
  MarketsResponse,
  SeriesResponse,
} from '@api/types';

export const DECISIONS_PAGE_SIZE = 200;
export const EXECUTIONS_PAGE_SIZE = 1000;
export const SERIES_POINTS = 300;

const enc = encodeURIComponent;

/** A 4xx (unknown market, bad parameter) will not get better by asking again. */
function retry(count: number, error: Error): boolean {
  if (error instanceof ApiRequestError && error.status >= 400 && error.status < 500) return false;
  return count < 1;
}

/** Range-bound data of a fixed, past-ending range changes only by refresh; no polling. */
const RANGE_QUERY = {
  retry,
  refetchInterval: false,
  staleTime: 60_000,
  placeholderData: keepPreviousData,
} as const;

function rangeParams(env: EnvChoice | null, range: ResolvedRange) {
  return { env: env ?? undefined, from: range.from, to: range.to };
}

export function marketPath(marketId: string, rest = ''): string {
  return `/api/v1/markets/${enc(marketId)}${rest}`;
}

/** The link of a list's CSV export: the same endpoint and parameters, format=csv. */
export function csvHref(path: string, params: Record<string, string | number | undefined>): string {
  const qs = new URLSearchParams({ format: 'csv' });
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') qs.set(k, String(v));
  return `${path}?${qs}`;
}

export function useMarketList(env: EnvChoice | null) {
  return useQuery({
    queryKey: ['market-list', envKey(env)],
    queryFn: () => getJson<MarketsResponse>('/api/v1/markets', { env: env ?? undefined }),
    staleTime: 60_000,
    refetchInterval: 60_000,
    retry,
  });
}

export function useMarketDetail(env: EnvChoice | null, marketId: string | null) {
  return useQuery({
    queryKey: ['market', envKey(env), marketId],
    queryFn: async () => {
      const body = await getJson<MarketDetailResponse>(marketPath(marketId as string), {
        env: env ?? undefined,
      });
      noteServerTime(body.meta.generatedAt);
      return body;
    },
    enabled: marketId !== null,
    retry,
    refetchInterval: 10_000,
  });
}

export function useSeries(env: EnvChoice | null, marketId: string | null, range: ResolvedRange) {
  return useQuery({
    queryKey: ['market-series', envKey(env), marketId, range.from, range.to],
    queryFn: () =>
      getJson<SeriesResponse>(marketPath(marketId as string, '/series'), {
        ...rangeParams(env, range),
        points: SERIES_POINTS,
      }),
    enabled: marketId !== null,
    ...RANGE_QUERY,
  });
}

export function useFills(env: EnvChoice | null, marketId: string | null, range: ResolvedRange) {
  return useQuery({
    queryKey: ['market-fills', envKey(env), marketId, range.from, range.to],
    queryFn: () => getJson<FillsResponse>(marketPath(marketId as string, '/fills'), rangeParams(env, range)),
    enabled: marketId !== null,
    ...RANGE_QUERY,
  });
}

export function useAnalytics(
  env: EnvChoice | null,
  marketId: string | null,
  range: ResolvedRange,
  enabled: boolean,
) {
  return useQuery({
    queryKey: ['market-analytics', envKey(env), marketId, range.from, range.to],
    queryFn: () =>
      getJson<AnalyticsResponse>(marketPath(marketId as string, '/analytics'), rangeParams(env, range)),
    enabled: enabled && marketId !== null,
    ...RANGE_QUERY,
  });
}

/**
 * A cursor-paged list of the market over the range (`/api/v1/markets/:id/<list>`), `pageSize`
 * rows a page. Pages are kept as read (never stale, no polling): a refresh re-anchors the range,
 * which is a new key, and so asks again.
 */
function rangePagesOptions<Page extends { nextCursor: string | null }>(
  list: 'decisions' | 'executions',
  pageSize: number,
  env: EnvChoice | null,
  marketId: string | null,
  range: ResolvedRange,
  enabled = true,
) {
  return infiniteQueryOptions({
    queryKey: [`market-${list}`, envKey(env), marketId, range.from, range.to],
    queryFn: ({ pageParam }) =>
      getJson<Page>(marketPath(marketId as string, `/${list}`), {
        ...rangeParams(env, range),
        limit: pageSize,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: enabled && marketId !== null,
    retry,
    refetchInterval: false,
    staleTime: Infinity,
  });
}

/** The decisions list's query, for the hook and for the prefetch at page load (first-view.ts). */
export function decisionPagesOptions(env: EnvChoice | null, marketId: string | null, range: ResolvedRange) {
  return rangePagesOptions<DecisionsPage>('decisions', DECISIONS_PAGE_SIZE, env, marketId, range);
}

export function useDecisionPages(env: EnvChoice | null, marketId: string | null, range: ResolvedRange) {
  return useInfiniteQuery(decisionPagesOptions(env, marketId, range));
}

export function useExecutionPages(
  env: EnvChoice | null,
  marketId: string | null,
  range: ResolvedRange,
  enabled = true,
) {
  return useInfiniteQuery(
    rangePagesOptions<ExecutionsPage>('executions', EXECUTIONS_PAGE_SIZE, env, marketId, range, enabled),
  );
}

export function useDecisionDetail(env: EnvChoice | null, decisionId: string | null) {
  return useQuery({
    queryKey: ['decision', envKey(env), decisionId],
    queryFn: () =>
      getJson<DecisionDetailResponse>(`/api/v1/decisions/${enc(decisionId as string)}`, {
        env: env ?? undefined,
      }),
    enabled: decisionId !== null,
    retry,
    // A decision never changes; only its chain grows (new fills until the next decision).
    staleTime: 30_000,
    refetchInterval: false,
  });
}

// The overview query, shared by the shell (heartbeat, "updated", region) and the Home page: one key,
// one request. Live events patch the same cache entry (api/live.ts).
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { rangeRequest, type RangeRequest } from '../pages/home/range';
import { useToday } from './use-now';
import type { EnvChoice, ViewParams } from '../router/view-params';
import { getJson } from './client';
import { noteServerTime } from './server-clock';
import type { OverviewResponse } from './types';

/** The cache key's env part: '' when the URL names none (the server's default applies). */
export const envKey = (env: EnvChoice | null): string => env ?? '';

export const overviewKey = (env: EnvChoice | null, days: number, tz: string) =>
  ['overview', envKey(env), days, tz] as const;

/** Every overview entry of one environment (any range, any tz). */
export const overviewEnvKey = (env: EnvChoice | null) => ['overview', envKey(env)] as const;

export const OVERVIEW_REFETCH_MS = 10_000;

async function fetchOverview(env: EnvChoice | null, days: number, tz: string): Promise<OverviewResponse> {
  const body = await getJson<OverviewResponse>('/api/v1/overview', { env: env ?? undefined, days, tz });
  noteServerTime(body.meta.generatedAt);
  return body;
}

export function useOverview(
  view: ViewParams,
): ReturnType<typeof useQuery<OverviewResponse>> & { request: RangeRequest } {
  const request = rangeRequest(view, useToday(view.tz));
  const key = envKey(view.env);
  const query = useQuery({
    queryKey: overviewKey(view.env, request.days, view.tz),
    queryFn: () => fetchOverview(view.env, request.days, view.tz),
    refetchInterval: OVERVIEW_REFETCH_MS,
    // Keep showing the previous range/tz while the next loads — but never another environment's
    // figures under this environment's colours.
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[1] === key ? prev : undefined),
  });
  return Object.assign(query, { request });
}

/** Refetches everything on screen (the shell's refresh button). */
export function refreshAll(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ refetchType: 'active' });
}

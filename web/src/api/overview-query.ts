// The overview query, shared by the shell (heartbeat, "updated", region) and the Home page: one key,
// one request. Live events patch the same cache entry (api/live.ts).
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { rangeRequest, type RangeRequest } from '../pages/home/range';
import type { ViewParams } from '../router/view-params';
import { envKey, overviewOptions } from './queries';
import type { OverviewResponse } from '@api/types';
import { useToday } from './use-now';

export function useOverview(
  view: ViewParams,
): ReturnType<typeof useQuery<OverviewResponse>> & { request: RangeRequest } {
  const request = rangeRequest(view, useToday(view.tz));
  const key = envKey(view.env);
  const query = useQuery({
    ...overviewOptions(view.env, request.days, view.tz),
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

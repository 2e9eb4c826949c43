// The deep dive's requests: one hook per endpoint, keyed by environment, market and the page's
// absolute range, so every tab of one range shares its data and a refresh re-anchors them all. The
// keys and requests are api/queries.ts's (one factory for the app); these hooks add what only the
// page wants (keep the previous range's figures while the next load).
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import {
  analyticsOptions,
  decisionDetailOptions,
  decisionPagesOptions,
  executionPagesOptions,
  fillsOptions,
  marketDetailOptions,
  marketsOptions,
  runsOptions,
  seriesOptions,
} from '../../api/queries';
import type { EnvChoice } from '../../router/view-params';
import type { ResolvedRange } from './market-params';

export {
  decisionPagesOptions,
  DECISIONS_PAGE_SIZE,
  EXECUTIONS_PAGE_SIZE,
  marketPath,
  SERIES_POINTS,
} from '../../api/queries';

/** The link of a list's CSV export: the same endpoint and parameters, format=csv. */
export function csvHref(path: string, params: Record<string, string | number | undefined>): string {
  const qs = new URLSearchParams({ format: 'csv' });
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') qs.set(k, String(v));
  return `${path}?${qs}`;
}

/** GET /api/v1/markets, under the same key as the pickers' (pages/common/queries.ts). */
export function useMarketList(env: EnvChoice | null) {
  return useQuery(marketsOptions(env));
}

export function useMarketDetail(env: EnvChoice | null, marketId: string | null) {
  return useQuery(marketDetailOptions(env, marketId));
}

export function useSeries(env: EnvChoice | null, marketId: string | null, range: ResolvedRange) {
  return useQuery({ ...seriesOptions(env, marketId, range), placeholderData: keepPreviousData });
}

/**
 * The runs of the range: both charts' restart and version markers read this one entry. No previous
 * range's answer stands in while it loads: a marker is drawn only from the answer for this range.
 */
export function useRuns(env: EnvChoice | null, marketId: string | null, range: ResolvedRange) {
  return useQuery(runsOptions(env, marketId, range));
}

export function useFills(env: EnvChoice | null, marketId: string | null, range: ResolvedRange) {
  return useQuery({ ...fillsOptions(env, marketId, range), placeholderData: keepPreviousData });
}

export function useAnalytics(
  env: EnvChoice | null,
  marketId: string | null,
  range: ResolvedRange,
  enabled: boolean,
) {
  return useQuery({ ...analyticsOptions(env, marketId, range, enabled), placeholderData: keepPreviousData });
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
  return useInfiniteQuery(executionPagesOptions(env, marketId, range, enabled));
}

export function useDecisionDetail(env: EnvChoice | null, decisionId: string | null) {
  return useQuery(decisionDetailOptions(env, decisionId));
}

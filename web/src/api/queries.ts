// Every query of the app: one key factory and one `queryOptions` per endpoint (TanStack Query's
// pattern), so a hook, a prefetch and a live patch name the same cache entry by construction.
// Keys start [kind, env, …]: the environment is always the second element ('' when the URL names
// none and the server's default applies), which the hooks' placeholderData checks so that a change
// of parameters keeps the previous figures but never shows another environment's.
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { EnvChoice } from '../router/view-params';
import type {
  AnalyticsResponse,
  BalanceResponse,
  DecisionDetailResponse,
  DecisionJson,
  DecisionsPage,
  ExecutionsPage,
  FillsResponse,
  HealthResponse,
  MarketDetailResponse,
  MarketQualityResponse,
  MarketsResponse,
  OverviewResponse,
  QualityResponse,
  RunsResponse,
  SeriesResponse,
  Warning,
} from '@api/types';
import { DECISIONS_FIRST_PAGE_SIZE } from '@api/first-screen';
import type { ResolvedRange } from '../pages/market/market-params';
import { ApiRequestError, getJson } from './client';
import { noteServerTime } from './server-clock';

/** The cache key's env part: '' when the URL names none (the server's default applies). */
export const envKey = (env: EnvChoice | null): string => env ?? '';

type Params = Record<string, string | number | undefined>;

export const queryKeys = {
  /** Every overview entry of one environment (any range, any tz): what live events patch. */
  overviewEnv: (env: EnvChoice | null) => ['overview', envKey(env)] as const,
  overview: (env: EnvChoice | null, days: number, tz: string) =>
    [...queryKeys.overviewEnv(env), days, tz] as const,
  /** Keyed by the environment the overview answered with (its `env`), not the URL's. */
  balance: (env: string) => ['balance', env] as const,
  health: (env: EnvChoice | null) => ['health', envKey(env)] as const,
  /** GET /api/v1/markets: the configured markets, for the pickers and the deep dive alike. */
  markets: (env: EnvChoice | null) => ['markets', envKey(env)] as const,
  /** Every market detail of any environment (the deep dive's refresh). */
  marketDetails: () => ['market'] as const,
  market: (env: EnvChoice | null, marketId: string | null) =>
    [...queryKeys.marketDetails(), envKey(env), marketId] as const,
  marketRange: (
    part: 'series' | 'fills' | 'runs' | 'analytics' | 'decisions' | 'executions',
    env: EnvChoice | null,
    marketId: string | null,
    range: ResolvedRange,
  ) => [`market-${part}`, envKey(env), marketId, range.from, range.to] as const,
  decision: (env: EnvChoice | null, decisionId: string | null) =>
    ['decision', envKey(env), decisionId] as const,
  replay: (
    part: 'decisions' | 'fills',
    env: EnvChoice | null,
    marketId: string | null,
    from: string,
    to: string,
  ) => [`replay-${part}`, envKey(env), marketId, from, to] as const,
  /** GET /api/v1/quality: every market's market-making quality over a range (`days` or `from`/`to`, tz). */
  quality: (env: EnvChoice | null, range: Params) => ['quality', envKey(env), range] as const,
  /** GET /api/v1/markets/:id/quality over the deep dive's absolute range (its Analytics tab). */
  marketQuality: (env: EnvChoice | null, marketId: string | null, range: ResolvedRange, tz: string) =>
    ['market-quality', envKey(env), marketId, range.from, range.to, tz] as const,
  /** A page's single GET (risk, alerts, stale, reconciliation, compare). */
  page: (name: string, env: EnvChoice | null, path: string, params: Params) =>
    [name, envKey(env), path, params] as const,
};

/** Whether a key belongs to the deep dive (its refresh and "refreshing" indicator). */
export const isMarketQueryKey = (key: readonly unknown[]): boolean =>
  typeof key[0] === 'string' && (key[0].startsWith('market') || key[0] === 'decision');

// --- Overview, balance, health -------------------------------------------------------------------

export const OVERVIEW_REFETCH_MS = 10_000;

export function overviewOptions(env: EnvChoice | null, days: number, tz: string) {
  return queryOptions({
    queryKey: queryKeys.overview(env, days, tz),
    queryFn: async () => {
      const body = await getJson<OverviewResponse>('/api/v1/overview', { env: env ?? undefined, days, tz });
      noteServerTime(body.meta.generatedAt);
      return body;
    },
    refetchInterval: OVERVIEW_REFETCH_MS,
  });
}

/** Kalshi's balance moves with fills only; once a minute is plenty (the server caches it too). */
const BALANCE_REFETCH_MS = 60_000;

export function balanceOptions(env: string) {
  return queryOptions({
    queryKey: queryKeys.balance(env),
    queryFn: () => getJson<BalanceResponse>('/api/v1/balance', { env }),
    refetchInterval: BALANCE_REFETCH_MS,
    retry: false,
  });
}

export function healthOptions(env: EnvChoice | null) {
  return queryOptions({
    queryKey: queryKeys.health(env),
    queryFn: () => getJson<HealthResponse>('/api/v1/health', { env: env ?? undefined }),
  });
}

// --- Pages' single GETs --------------------------------------------------------------------------

/** One GET of a page: its key and request (for the hook, and for a prefetch at page load). */
export function pageQueryOptions<T>(name: string, env: EnvChoice | null, path: string, params: Params) {
  return queryOptions({
    queryKey: queryKeys.page(name, env, path, params),
    queryFn: () => getJson<T>(path, { env: env ?? undefined, ...params }),
  });
}

// --- Markets and the deep dive -------------------------------------------------------------------

export const DECISIONS_PAGE_SIZE = 200;
/** The first page of decisions is smaller (its size is the server's first screen's too). */
export { DECISIONS_FIRST_PAGE_SIZE };
export const EXECUTIONS_PAGE_SIZE = 1000;
export const SERIES_POINTS = 300;

const enc = encodeURIComponent;

/** A 4xx (unknown market, bad parameter) will not get better by asking again. */
function retry(count: number, error: Error): boolean {
  if (error instanceof ApiRequestError && error.status >= 400 && error.status < 500) return false;
  return count < 1;
}

export function marketPath(marketId: string, rest = ''): string {
  return `/api/v1/markets/${enc(marketId)}${rest}`;
}

function rangeParams(env: EnvChoice | null, range: ResolvedRange) {
  return { env: env ?? undefined, from: range.from, to: range.to };
}

/** Configs change rarely: once a minute is plenty. */
export function marketsOptions(env: EnvChoice | null) {
  return queryOptions({
    queryKey: queryKeys.markets(env),
    queryFn: () => getJson<MarketsResponse>('/api/v1/markets', { env: env ?? undefined }),
    staleTime: 60_000,
    refetchInterval: 60_000,
    retry,
  });
}

export function marketDetailOptions(env: EnvChoice | null, marketId: string | null) {
  return queryOptions({
    queryKey: queryKeys.market(env, marketId),
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

/** Range-bound data of a fixed, past-ending range changes only by refresh; no polling. */
const RANGE_QUERY = { retry, refetchInterval: false, staleTime: 60_000 } as const;

export function seriesOptions(env: EnvChoice | null, marketId: string | null, range: ResolvedRange) {
  return queryOptions({
    queryKey: queryKeys.marketRange('series', env, marketId, range),
    queryFn: () =>
      getJson<SeriesResponse>(marketPath(marketId as string, '/series'), {
        ...rangeParams(env, range),
        points: SERIES_POINTS,
      }),
    enabled: marketId !== null,
    ...RANGE_QUERY,
  });
}

/** The runs that began in the range (restarts, version changes): the charts' markers. */
export function runsOptions(env: EnvChoice | null, marketId: string | null, range: ResolvedRange) {
  return queryOptions({
    queryKey: queryKeys.marketRange('runs', env, marketId, range),
    queryFn: () => getJson<RunsResponse>(marketPath(marketId as string, '/runs'), rangeParams(env, range)),
    enabled: marketId !== null,
    ...RANGE_QUERY,
  });
}

export function fillsOptions(env: EnvChoice | null, marketId: string | null, range: ResolvedRange) {
  return queryOptions({
    queryKey: queryKeys.marketRange('fills', env, marketId, range),
    queryFn: () => getJson<FillsResponse>(marketPath(marketId as string, '/fills'), rangeParams(env, range)),
    enabled: marketId !== null,
    ...RANGE_QUERY,
  });
}

export function analyticsOptions(
  env: EnvChoice | null,
  marketId: string | null,
  range: ResolvedRange,
  enabled = true,
) {
  return queryOptions({
    queryKey: queryKeys.marketRange('analytics', env, marketId, range),
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
  firstPageSize: number,
  env: EnvChoice | null,
  marketId: string | null,
  range: ResolvedRange,
  enabled = true,
) {
  return infiniteQueryOptions({
    queryKey: queryKeys.marketRange(list, env, marketId, range),
    queryFn: ({ pageParam }) =>
      getJson<Page>(marketPath(marketId as string, `/${list}`), {
        ...rangeParams(env, range),
        limit: pageParam === undefined ? firstPageSize : pageSize,
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
  return rangePagesOptions<DecisionsPage>(
    'decisions',
    DECISIONS_PAGE_SIZE,
    DECISIONS_FIRST_PAGE_SIZE,
    env,
    marketId,
    range,
  );
}

export function executionPagesOptions(
  env: EnvChoice | null,
  marketId: string | null,
  range: ResolvedRange,
  enabled = true,
) {
  return rangePagesOptions<ExecutionsPage>(
    'executions',
    EXECUTIONS_PAGE_SIZE,
    EXECUTIONS_PAGE_SIZE,
    env,
    marketId,
    range,
    enabled,
  );
}

export function decisionDetailOptions(env: EnvChoice | null, decisionId: string | null) {
  return queryOptions({
    queryKey: queryKeys.decision(env, decisionId),
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

// --- Market-making quality -----------------------------------------------------------------------

export const QUALITY_PATH = '/api/v1/quality';

/** The Quality page's one GET: `range` is `{days}` or `{from, to}` (lookbackParams) and `tz`. */
export function qualityOptions(env: EnvChoice | null, range: Params) {
  return queryOptions({
    queryKey: queryKeys.quality(env, range),
    queryFn: () => getJson<QualityResponse>(QUALITY_PATH, { env: env ?? undefined, ...range }),
    retry,
    refetchInterval: 60_000,
  });
}

export function marketQualityOptions(
  env: EnvChoice | null,
  marketId: string | null,
  range: ResolvedRange,
  tz: string,
  enabled = true,
) {
  return queryOptions({
    queryKey: queryKeys.marketQuality(env, marketId, range, tz),
    queryFn: () =>
      getJson<MarketQualityResponse>(marketPath(marketId as string, '/quality'), {
        ...rangeParams(env, range),
        tz,
      }),
    enabled: enabled && marketId !== null,
    ...RANGE_QUERY,
  });
}

// --- Replay --------------------------------------------------------------------------------------

/** Cap: 5,000 decisions — about 7 hours of one market at the bot's 5 s loop. */
export const DECISION_CAP = 5_000;
const REPLAY_PAGE = 1_000;

export interface LoadedDecisions {
  items: DecisionJson[];
  truncated: boolean;
  pages: number;
  warnings: Warning[];
}

/** Reads the cursor pages (newest first) up to the cap; past it the newest `cap` are kept. */
export async function loadDecisions(
  fetchPage: (cursor: string | null) => Promise<DecisionsPage>,
  cap = DECISION_CAP,
): Promise<LoadedDecisions> {
  const items: DecisionJson[] = [];
  const warnings: Warning[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await fetchPage(cursor);
    pages++;
    items.push(...page.items);
    warnings.push(...(page.warnings ?? []));
    cursor = page.nextCursor;
  } while (cursor && items.length < cap);
  return { items: items.slice(0, cap), truncated: cursor !== null || items.length > cap, pages, warnings };
}

// A past window does not change; a window ending now is reloaded with the Refresh button.
const REPLAY_QUERY = { staleTime: Infinity, refetchInterval: false } as const;

export function replayDecisionsOptions(
  env: EnvChoice | null,
  marketId: string | null,
  from: string,
  to: string,
) {
  return queryOptions({
    queryKey: queryKeys.replay('decisions', env, marketId, from, to),
    queryFn: () =>
      loadDecisions((cursor) =>
        getJson<DecisionsPage>(marketPath(marketId as string, '/decisions'), {
          env: env ?? undefined,
          from,
          to,
          limit: REPLAY_PAGE,
          cursor: cursor ?? undefined,
        }),
      ),
    enabled: marketId !== null,
    ...REPLAY_QUERY,
  });
}

export function replayFillsOptions(env: EnvChoice | null, marketId: string | null, from: string, to: string) {
  return queryOptions({
    queryKey: queryKeys.replay('fills', env, marketId, from, to),
    queryFn: () =>
      getJson<FillsResponse>(marketPath(marketId as string, '/fills'), {
        env: env ?? undefined,
        from,
        to,
        context: 'false',
      }),
    enabled: marketId !== null,
    ...REPLAY_QUERY,
  });
}

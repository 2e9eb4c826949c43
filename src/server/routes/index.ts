// Registers every /api/v1 route except health, which app.ts registers first. This is the one module
// that imports route modules (a lint rule in eslint.config.js); what routes share lives in src/server.
//
// Each route module is a Fastify plugin whose options are what its routes need. The app-wide hooks
// (security headers, host check, auth, the export cap, the /metrics counters) and the error handler
// are on the root instance before any plugin is registered, so every route's encapsulated context
// inherits them.
import type { FastifyInstance } from 'fastify';
import type { AppContext, RouteOptions } from '../context.js';
import { TtlCache } from '../cache.js';
import { EnvRegistry } from '../env-data.js';
import { decisionRoutes, decisionsPage } from './decisions.js';
import { marketRoutes } from './markets.js';
import { marketDetailRoutes } from './market-detail.js';
import { overviewRoutes } from './overview.js';
import { seriesRoutes } from './series.js';
import { runRoutes } from './runs.js';
import { riskRoutes } from './risk.js';
import { reconciliationRoutes } from './reconciliation.js';
import { compareAnswer, compareLookbackKey, compareRoutes } from './compare.js';
import { qualityRoutes } from './quality.js';
import { balanceRoutes } from './balance.js';
import { eventRoutes } from './events.js';
import { LiveHub } from '../live.js';
import { AlertRegistry } from '../alert-monitor.js';
import { metricsRoutes } from './metrics.js';
import { DEFAULT_LIMITS, registerExportLimit, Slots } from '../limits.js';
import type { AuthState } from '../auth.js';
import { registerHttpStats } from '../http-stats.js';
import { RecentAnchors } from '../recent-anchors.js';
import { requireMarket } from '../guards.js';
import type { FirstLoads } from '../first-screen/loads.js';
import { DECISIONS_FIRST_PAGE_SIZE } from '../../api/first-screen.js';
import { DAY_MS } from '../../core/time.js';

// For app.ts, which registers health itself: it imports no route module but this one.
export { healthRoutes } from './health.js';

export function registerApiRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  auth?: AuthState,
): {
  envs: EnvRegistry;
  hub: LiveHub;
  alerts: AlertRegistry;
  executionLists: () => number;
  firstLoads: FirstLoads;
} {
  const limits = { ...DEFAULT_LIMITS, ...ctx.limits };
  // Hooks on the root, before the plugins: every route has them.
  registerExportLimit(app, limits);
  const stats = registerHttpStats(app);
  const cache = new TtlCache(3_000, ctx.nowMs, 500, ctx.deadlineMs ?? 10_000);
  // Live reads at the floor (issue 18): incremental decisions and fills, configs kept 5 min.
  const envs = new EnvRegistry(ctx.client, ctx.nowMs, {
    incremental: true,
    ...(ctx.qualityReads ? { qualityReads: ctx.qualityReads } : {}),
  });
  const opts: RouteOptions = { ctx, cache, envs };
  // The merged execution lists of the executions tab (market-detail.ts), in a small cache of their own.
  const executionLists = new TtlCache(3_000, ctx.nowMs, 16, ctx.deadlineMs ?? 10_000);
  const alerts = new AlertRegistry(ctx, envs);
  const hub = new LiveHub(ctx, envs, ctx.livePollMs ?? 1_000, app.log);
  void app.register(marketRoutes, opts);
  void app.register(decisionRoutes, opts);
  void app.register(overviewRoutes, opts);
  void app.register(marketDetailRoutes, { ...opts, executionLists });
  void app.register(seriesRoutes, opts);
  void app.register(runRoutes, opts);
  void app.register(riskRoutes, { ...opts, alerts });
  void app.register(reconciliationRoutes, opts);
  // Lookbacks ending now share their end for as long as the cache may answer with an answer that old
  // (TTL + getFresh's grace of 2 TTL; recent-anchors.ts): a Compare cold on a loaded machine takes
  // seconds, and the app's request must still find the load the page's request started.
  const anchors = new RecentAnchors(9_000);
  void app.register(compareRoutes, { ...opts, anchors });
  void app.register(qualityRoutes, opts);
  void app.register(balanceRoutes, { ctx, cache });
  void app.register(metricsRoutes, {
    stats,
    sseClients: () => hub.listenerCount(),
    ...(auth ? { auth } : {}),
  });
  void app.register(eventRoutes, { ctx, hub, streams: new Slots(limits.ssePerClient, limits.sseTotal) });
  // The page route's first loads (first-screen/): these routes' own functions, on their cache.
  const firstLoads: FirstLoads = {
    decisions: async ({ env, marketId, fromMs, toMs }) => {
      await requireMarket(envs, env, marketId);
      return decisionsPage(opts, {
        env,
        marketId,
        fromMs,
        toMs,
        limit: DECISIONS_FIRST_PAGE_SIZE,
        cursor: null,
      });
    },
    compare: ({ env, markets, days }) => {
      const toMs = anchors.anchor(compareLookbackKey(env, markets, String(days)), ctx.nowMs());
      return {
        anchorMs: toMs,
        answer: compareAnswer(opts, { env, markets, fromMs: toMs - days * DAY_MS, toMs }),
      };
    },
  };
  return { envs, hub, alerts, executionLists: () => executionLists.size, firstLoads };
}

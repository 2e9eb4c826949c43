// Registers every /api/v1 route except health, which app.ts registers first. This is the one module
// that imports route modules (a lint rule in eslint.config.js); what routes share lives in src/server.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { TtlCache } from '../cache.js';
import { EnvRegistry } from '../env-data.js';
import { decisionRoutes } from './decisions.js';
import { marketRoutes } from './markets.js';
import { marketDetailRoutes } from './market-detail.js';
import { overviewRoutes } from './overview.js';
import { seriesRoutes } from './series.js';
import { riskRoutes } from './risk.js';
import { reconciliationRoutes } from './reconciliation.js';
import { compareRoutes } from './compare.js';
import { balanceRoutes } from './balance.js';
import { eventRoutes } from './events.js';
import { LiveHub } from '../live.js';
import { AlertRegistry } from '../alert-monitor.js';
import { metricsRoutes } from './metrics.js';
import { DEFAULT_LIMITS, registerExportLimit, Slots } from '../limits.js';
import type { AuthState } from '../auth.js';

// For app.ts, which registers health itself: it imports no route module but this one.
export { healthRoutes } from './health.js';

export function registerApiRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  auth?: AuthState,
): { envs: EnvRegistry; hub: LiveHub; alerts: AlertRegistry; executionLists: () => number } {
  const limits = { ...DEFAULT_LIMITS, ...ctx.limits };
  registerExportLimit(app, limits);
  const cache = new TtlCache(3_000, ctx.nowMs, 500, ctx.deadlineMs ?? 10_000);
  // Live reads at the floor (issue 18): incremental decisions and fills, configs kept 5 min.
  const envs = new EnvRegistry(ctx.client, ctx.nowMs, { incremental: true });
  marketRoutes(app, ctx, cache, envs);
  decisionRoutes(app, ctx, cache, envs);
  overviewRoutes(app, ctx, cache, envs);
  const { executionLists } = marketDetailRoutes(app, ctx, cache, envs);
  seriesRoutes(app, ctx, cache, envs);
  const alerts = new AlertRegistry(ctx, envs);
  riskRoutes(app, ctx, cache, envs, alerts);
  reconciliationRoutes(app, ctx, cache, envs);
  compareRoutes(app, ctx, cache, envs);
  balanceRoutes(app, ctx, cache);
  const hub = new LiveHub(ctx, envs, ctx.livePollMs ?? 1_000, app.log);
  metricsRoutes(app, () => hub.listenerCount(), auth);
  eventRoutes(app, ctx, hub, new Slots(limits.ssePerClient, limits.sseTotal));
  return { envs, hub, alerts, executionLists };
}

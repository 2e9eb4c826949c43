// GET /api/v1/alerts and GET /api/v1/risk: the alert list (first and last seen) and everything a
// risk view needs — limit use per market and in total, loss-limit use, halt, the bot's API errors.
import type { FastifyPluginAsync } from 'fastify';
import { buildOverview, exposureByCloseDate } from '../../core/index.js';
import type { MarketRow } from '../../core/rows.js';
import { toApiTime } from '../../core/time.js';
import type { AlertRegistry, TrackedAlert } from '../alert-monitor.js';
import type { RouteOptions } from '../context.js';
import { columnsOf } from '../csv.js';
import { envParam, formatParam, tableParam } from '../params.js';
import { cachedJson, type Meta } from '../respond.js';
import * as S from '../schemas.js';
import { replyWith } from '../table-reply.js';
import { emptyTally, withTally } from '../../store/stats.js';
import type { AlertsResponse, RiskResponse } from '../../api/types.js';

/** A market on the risk page: what its limits and book say, from the overview's row. */
function riskRow(r: MarketRow) {
  return {
    marketId: r.marketId,
    title: r.title,
    eventTicker: r.eventTicker,
    closeTime: r.closeTime,
    closesInMs: r.closesInMs,
    closingSoon: r.closingSoon,
    marketStatus: r.marketStatus,
    settlementPnl: r.settlementPnl,
    enabled: r.enabled,
    netPosition: r.netPosition,
    maxInventoryYes: r.maxInventoryYes,
    limitUse: r.limitUse,
    capitalAtRisk: r.capitalAtRisk,
    unrealizedWorst: r.unrealizedWorst,
    spread: r.spread,
    minSpread: r.minSpread,
    spreadHealth: r.spreadHealth,
    mismatch: r.mismatch.any,
    positionDrift: r.positionDrift,
  };
}

/** CSV/xlsx columns of /risk's markets and of /alerts (see columnsOf). */
export const RISK_COLUMNS = columnsOf<ReturnType<typeof riskRow>>({
  marketId: true,
  title: true,
  eventTicker: true,
  closeTime: true,
  closesInMs: true,
  closingSoon: true,
  marketStatus: true,
  settlementPnl: true,
  enabled: true,
  netPosition: true,
  maxInventoryYes: true,
  limitUse: true,
  capitalAtRisk: true,
  unrealizedWorst: true,
  spread: true,
  minSpread: true,
  spreadHealth: true,
  mismatch: true,
  positionDrift: true,
});
/** CSV/xlsx columns of /risk's API errors (`table=apiErrors`). */
export const API_ERROR_COLUMNS = [
  'marketId',
  'count',
  'lastErrorAt',
  'lastErrorCode',
  'lastStatusCode',
  'lastErrorMsg',
] as const;

export const ALERT_COLUMNS = columnsOf<TrackedAlert>({
  key: true,
  rule: true,
  severity: true,
  marketId: true,
  message: true,
  value: true,
  threshold: true,
  env: true,
  firstSeenAt: true,
  lastSeenAt: true,
  resolvedAt: true,
  notifiedAt: true,
});

export const riskRoutes: FastifyPluginAsync<RouteOptions & { alerts: AlertRegistry }> = async (
  app,
  { ctx, cache, envs, alerts },
) => {
  const alertsSchema = { querystring: S.query({ env: S.env, format: S.format }) };
  app.get('/api/v1/alerts', { schema: alertsSchema }, async (req, reply) => {
    const env = envParam(req.query, ctx.defaultEnv);
    const format = formatParam(req.query);
    // The monitor evaluates in the background; an answer from its last evaluation reads nothing (a
    // hit). Only before the first one does this request wait for an evaluation: a miss, whose cost is
    // what the tally saw. Getting the monitor is inside the tally too: with background alerts on, that
    // starts the first round, in this request's context. (A request that joins a round another
    // started waits for it but did not cause its reads: a miss costing 0, as cachedJson says too.)
    const { result: evaluated, tally } = await withTally(async () => {
      const m = alerts.get(env);
      if (m.lastEvaluatedAt) return false;
      await m.evaluate();
      return true;
    });
    const monitor = alerts.get(env);
    const snap = monitor.snapshot();
    const body = {
      env,
      ...snap,
      thresholds: monitor.thresholds,
      webhook: Boolean(ctx.alerts?.webhook),
      evaluatedAt: monitor.lastEvaluatedAt,
      meta: {
        generatedAt: toApiTime(ctx.nowMs()),
        cache: evaluated ? 'miss' : 'hit',
        dynamo: evaluated ? tally : emptyTally(),
      } satisfies Meta,
      warnings: monitor.lastError
        ? [{ code: 'alerts_stale', message: `the last alert evaluation failed: ${monitor.lastError}` }]
        : [],
    };
    return replyWith(reply, format, body satisfies AlertsResponse, () => ({
      name: `alerts-${env}`,
      rows: [...snap.active, ...snap.resolved],
      columns: ALERT_COLUMNS,
    }));
  });

  // `table` (exports only): the markets (the default) or the API errors, both tables on Risk.
  const riskSchema = { querystring: S.query({ env: S.env, format: S.format, table: S.text }) };
  app.get('/api/v1/risk', { schema: riskSchema }, async (req, reply) => {
    const env = envParam(req.query, ctx.defaultEnv);
    const format = formatParam(req.query);
    // The JSON has both tables: `table` means nothing there.
    const table = format === 'json' ? null : tableParam(req.query, ['markets', 'apiErrors']);
    const body = await cachedJson(cache, `risk:${env}`, ctx.nowMs(), async () => {
      const { input, warnings } = await envs.get(env).metricsInput(ctx, 'UTC', 1);
      const o = buildOverview(input);
      const state = await envs.get(env).state();
      const markets = o.markets
        .filter((r) => r.netPosition !== 0 || r.enabled)
        .map(riskRow)
        .sort((a, b) => (b.limitUse ?? -1) - (a.limitUse ?? -1) || a.marketId.localeCompare(b.marketId));
      return {
        body: {
          env,
          bot: o.bot,
          risk: o.risk,
          exposure: {
            total: o.exposure.total,
            enabled: o.exposure.enabled,
            capitalAtRisk: o.exposure.capitalAtRisk,
            totalLimitUse: o.exposure.totalLimitUse,
            // metrics.md "exposure by close date": Σ capitalAtRisk (and |net|) by UTC close date.
            byCloseDate: exposureByCloseDate(o.markets),
          },
          lifecycle: o.lifecycle,
          markets,
          apiErrors: (state.apiErrors?.errors ?? [])
            .map((e) => ({ ...e, lastErrorAt: e.lastErrorAtMs === null ? null : toApiTime(e.lastErrorAtMs) }))
            .sort((a, b) => b.count - a.count),
          apiErrorsUpdatedAt:
            state.apiErrors?.lastUpdatedMs == null ? null : toApiTime(state.apiErrors.lastUpdatedMs),
          alerts: alerts.get(env).snapshot().active,
        },
        warnings,
      };
    });
    return replyWith(reply, format, body satisfies RiskResponse, () =>
      table === 'apiErrors'
        ? { name: `api-errors-${env}`, rows: body.apiErrors, columns: API_ERROR_COLUMNS }
        : { name: `risk-${env}`, rows: body.markets, columns: RISK_COLUMNS },
    );
  });
};

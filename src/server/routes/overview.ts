// GET /api/v1/overview and GET /api/v1/stale: everything the Home and Stale pages show, computed by
// core from one snapshot of the environment (so the headline always equals the TOTAL row).
import type { FastifyInstance } from 'fastify';
import type { OverviewResponse, StaleResponse } from '../../api/types.js';
import { buildOverview, buildStale, InvalidTimeZoneError } from '../../core/index.js';
import type { MarketRow } from '../../core/rows.js';
import type { StaleItem } from '../../core/stale.js';
import type { TtlCache } from '../cache.js';
import type { AppContext } from '../context.js';
import { columnsOf, sendTable } from '../csv.js';
import type { EnvRegistry } from '../env-data.js';
import { badParam } from '../errors.js';
import { envParam, formatParam, intParam, tzParam } from '../params.js';
import { cachedJson } from '../respond.js';

const MARKET_ROW_FIELDS = {
  marketId: true,
  eventTicker: true,
  enabled: true,
  hasConfig: true,
  realizedPnl: true,
  botRealizedPnl: true,
  pnl24h: true,
  unrealizedWorst: true,
  unrealizedBest: true,
  unrealizedMid: true,
  netPosition: true,
  replayedNetPosition: true,
  positionDrift: true,
  exposure: true,
  capitalAtRisk: true,
  maxPosition: true,
  maxInventoryYes: true,
  maxInventoryNo: true,
  limitUse: true,
  avgCost: true,
  exitOrder: true,
  exitProfitable: true,
  bestBid: true,
  bestAsk: true,
  mid: true,
  ourBid: true,
  ourBidSize: true,
  ourBidActive: true,
  ourAsk: true,
  ourAskSize: true,
  ourAskActive: true,
  bidContracts: true,
  askContracts: true,
  spread: true,
  minSpread: true,
  spreadHealth: true,
  filled24h: true,
  pos24h: true,
  fills24h: true,
  lastFillAt: true,
  lastFillAtMs: true,
  configCreatedAt: true,
  decisionAt: true,
  decisionId: true,
  mismatch: true,
} as const;
export const MARKET_ROW_COLUMNS = columnsOf<MarketRow>(MARKET_ROW_FIELDS);
export const STALE_COLUMNS = columnsOf<StaleItem>({ ...MARKET_ROW_FIELDS, lastFillAgeMs: true });

function computeOr400<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof InvalidTimeZoneError) throw badParam('tz', err.message);
    throw err;
  }
}

export function overviewRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  cache: TtlCache,
  envs: EnvRegistry,
): void {
  app.get('/api/v1/overview', async (req, reply) => {
    const q = req.query;
    const env = envParam(q, ctx.defaultEnv);
    const tz = tzParam(q);
    const days = intParam(q, 'days', 30, 1, 365);
    const format = formatParam(q);
    const body = await cachedJson(cache, `overview:${env}:${tz}:${days}`, ctx.nowMs(), async () => {
      const { input, warnings } = await envs.get(env).metricsInput(ctx, tz, days);
      const { warnings: computed, ...overview } = computeOr400(() => buildOverview(input));
      return { body: overview, warnings: [...warnings, ...computed] };
    });
    if (format !== 'json')
      return sendTable(
        reply,
        format,
        `overview-markets-${env}`,
        body.markets as unknown as Record<string, unknown>[],
        MARKET_ROW_COLUMNS,
      );
    return body satisfies OverviewResponse;
  });

  app.get('/api/v1/stale', async (req, reply) => {
    const q = req.query;
    const env = envParam(q, ctx.defaultEnv);
    const hours = intParam(q, 'hours', 48, 1, 24 * 365);
    const format = formatParam(q);
    const body = await cachedJson(cache, `stale:${env}:${hours}`, ctx.nowMs(), async () => {
      const { input, warnings } = await envs.get(env).metricsInput(ctx, 'UTC', 1);
      const stale = buildStale(input, hours);
      return { body: { env, hours, ...stale }, warnings };
    });
    if (format !== 'json')
      return sendTable(
        reply,
        format,
        `stale-${env}-${hours}h`,
        body.items as unknown as Record<string, unknown>[],
        STALE_COLUMNS,
      );
    return body satisfies StaleResponse;
  });
}

// GET /api/v1/overview and GET /api/v1/stale: everything the Home and Stale pages show, computed by
// core from one snapshot of the environment (so the headline always equals the TOTAL row).
import type { FastifyPluginAsync } from 'fastify';
import { buildOverview, buildStale, InvalidTimeZoneError } from '../../core/index.js';
import type { MarketRow } from '../../core/rows.js';
import type { StaleItem } from '../../core/stale.js';
import type { RouteOptions } from '../context.js';
import { columnsOf } from '../csv.js';
import { badParam } from '../errors.js';
import { envParam, formatParam, intParam, tzParam } from '../params.js';
import { cachedJson } from '../respond.js';
import * as S from '../schemas.js';
import { replyWith } from '../table-reply.js';
import type { OverviewResponse, StaleResponse } from '../../api/types.js';

const MARKET_ROW_FIELDS = {
  marketId: true,
  title: true,
  subtitle: true,
  eventTicker: true,
  closeTime: true,
  closesInMs: true,
  closingSoon: true,
  marketStatus: true,
  marketPhase: true,
  result: true,
  enabled: true,
  hasConfig: true,
  realizedPnl: true,
  botRealizedPnl: true,
  settlementPnl: true,
  settlementSource: true,
  settlementPnlPosition: true,
  settlementPnlAccount: true,
  settlementDifference: true,
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

export const overviewRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx, cache, envs }) => {
  const overviewSchema = {
    querystring: S.query({ env: S.env, tz: S.text, days: S.integer(1, 365), format: S.format }),
  };
  app.get('/api/v1/overview', { schema: overviewSchema }, async (req, reply) => {
    const q = req.query;
    const env = envParam(q, ctx.defaultEnv);
    const tz = tzParam(q);
    const days = intParam(q, 'days', 30);
    const format = formatParam(q);
    const body = await cachedJson(cache, `overview:${env}:${tz}:${days}`, ctx.nowMs(), async () => {
      const { input, warnings } = await envs.get(env).metricsInput(ctx, tz, days);
      const { warnings: computed, ...overview } = computeOr400(() => buildOverview(input));
      return { body: overview, warnings: [...warnings, ...computed] };
    });
    return replyWith(reply, format, body satisfies OverviewResponse, () => ({
      name: `overview-markets-${env}`,
      rows: body.markets,
      columns: MARKET_ROW_COLUMNS,
    }));
  });

  const staleSchema = {
    querystring: S.query({ env: S.env, hours: S.integer(1, 24 * 365), format: S.format }),
  };
  app.get('/api/v1/stale', { schema: staleSchema }, async (req, reply) => {
    const q = req.query;
    const env = envParam(q, ctx.defaultEnv);
    const hours = intParam(q, 'hours', 48);
    const format = formatParam(q);
    const body = await cachedJson(cache, `stale:${env}:${hours}`, ctx.nowMs(), async () => {
      const { input, warnings } = await envs.get(env).metricsInput(ctx, 'UTC', 1);
      const stale = buildStale(input, hours);
      return { body: { env, hours, ...stale }, warnings };
    });
    return replyWith(reply, format, body satisfies StaleResponse, () => ({
      name: `stale-${env}-${hours}h`,
      rows: body.items,
      columns: STALE_COLUMNS,
    }));
  });
};

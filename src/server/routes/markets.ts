// GET /api/v1/markets — the market configs, as the bot's manager wrote them.
import type { FastifyInstance } from 'fastify';
import { toApiTime } from '../../core/time.js';
import type { MarketConfig } from '../../core/types.js';
import { readConfigs } from '../../store/read-state.js';
import type { TtlCache } from '../cache.js';
import type { AppContext } from '../context.js';
import { envParam, formatParam } from '../params.js';
import { sendTable } from '../csv.js';
import { cachedJson } from '../respond.js';

export function configJson(c: MarketConfig) {
  return {
    marketId: c.marketId,
    eventTicker: c.eventTicker,
    enabled: c.enabled,
    quoteSize: c.quoteSize,
    maxInventoryYes: c.maxInventoryYes,
    maxInventoryNo: c.maxInventoryNo,
    minSpread: c.minSpread,
    inventorySkewFactor: c.inventorySkewFactor,
    createdAt: c.createdAtMs === null ? null : toApiTime(c.createdAtMs),
    updatedAt: c.updatedAtMs === null ? null : toApiTime(c.updatedAtMs),
    fairValue: c.fairValue,
    disabledReason: c.disabledReason,
    disabledAt: c.disabledAtMs === null ? null : toApiTime(c.disabledAtMs),
  };
}

export function marketRoutes(app: FastifyInstance, ctx: AppContext, cache: TtlCache): void {
  app.get('/api/v1/markets', async (req, reply) => {
    const env = envParam(req.query, ctx.defaultEnv);
    const format = formatParam(req.query);
    const body = await cachedJson(cache, `markets:${env}`, ctx.nowMs(), async () => {
      const { configs, warnings } = await readConfigs(ctx.client, env);
      return { body: { env, items: configs.map(configJson) }, warnings };
    });
    if (format !== 'json') return sendTable(reply, format, `markets-${env}`, body.items);
    return body;
  });
}

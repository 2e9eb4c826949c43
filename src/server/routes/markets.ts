// GET /api/v1/markets — the market configs, as the bot's manager wrote them.
import type { FastifyInstance } from 'fastify';
import type { MarketsResponse } from '../../api/types.js';
import type { TtlCache } from '../cache.js';
import type { AppContext } from '../context.js';
import type { EnvRegistry } from '../env-data.js';
import { configJson } from '../json.js';
import { envParam, formatParam } from '../params.js';
import { columnsOf, sendTable } from '../csv.js';
import { cachedJson } from '../respond.js';

/** CSV/xlsx columns of /markets (see columnsOf). */
export const MARKET_CONFIG_COLUMNS = columnsOf<ReturnType<typeof configJson>>({
  marketId: true,
  eventTicker: true,
  enabled: true,
  quoteSize: true,
  maxInventoryYes: true,
  maxInventoryNo: true,
  minSpread: true,
  inventorySkewFactor: true,
  createdAt: true,
  updatedAt: true,
  fairValue: true,
  disabledReason: true,
  disabledAt: true,
});

export function marketRoutes(app: FastifyInstance, ctx: AppContext, cache: TtlCache, envs: EnvRegistry): void {
  app.get('/api/v1/markets', async (req, reply) => {
    const env = envParam(req.query, ctx.defaultEnv);
    const format = formatParam(req.query);
    const body = await cachedJson(cache, `markets:${env}`, ctx.nowMs(), async () => {
      // The configs the overview uses (one read shared), no older than the other parts' TTL.
      const { configs, warnings } = await envs.get(env).configList();
      return { body: { env, items: configs.map(configJson) }, warnings };
    });
    if (format !== 'json')
      return sendTable(reply, format, `markets-${env}`, body.items, MARKET_CONFIG_COLUMNS);
    return body satisfies MarketsResponse;
  });
}

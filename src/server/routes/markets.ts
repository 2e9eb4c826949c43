// GET /api/v1/markets — the market configs, as the bot's manager wrote them.
import type { FastifyPluginAsync } from 'fastify';
import type { RouteOptions } from '../context.js';
import { configJson } from '../json.js';
import { envParam, formatParam } from '../params.js';
import { columnsOf } from '../csv.js';
import { cachedJson } from '../respond.js';
import * as S from '../schemas.js';
import { replyWith } from '../table-reply.js';
import type { MarketsResponse } from '../../api/types.js';

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

export const marketRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx, cache, envs }) => {
  const schema = { querystring: S.query({ env: S.env, format: S.format }) };
  app.get('/api/v1/markets', { schema }, async (req, reply) => {
    const env = envParam(req.query, ctx.defaultEnv);
    const format = formatParam(req.query);
    const body = await cachedJson(cache, `markets:${env}`, ctx.nowMs(), async () => {
      // The configs the overview uses (one read shared), no older than the other parts' TTL.
      const { configs, warnings } = await envs.get(env).configList();
      return { body: { env, items: configs.map(configJson) }, warnings };
    });
    return replyWith(reply, format, body satisfies MarketsResponse, () => ({
      name: `markets-${env}`,
      rows: body.items,
      columns: MARKET_CONFIG_COLUMNS,
    }));
  });
};

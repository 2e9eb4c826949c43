// GET /api/v1/balance — Kalshi cash balance and portfolio value, when Kalshi credentials are given
// server-side; otherwise {configured: false} (never an error).
import type { FastifyPluginAsync } from 'fastify';
import { KalshiBalance } from '../kalshi-balance.js';
import type { RouteOptions } from '../context.js';
import { ApiError, failureName } from '../errors.js';
import { envParam } from '../params.js';
import { cachedJson } from '../respond.js';
import * as S from '../schemas.js';
import type { BalanceResponse } from '../../api/types.js';

export const balanceRoutes: FastifyPluginAsync<Pick<RouteOptions, 'ctx' | 'cache'>> = async (
  app,
  { ctx, cache },
) => {
  const clients = new Map<string, KalshiBalance>();
  app.get('/api/v1/balance', { schema: { querystring: S.query({ env: S.env }) } }, async (req) => {
    const env = envParam(req.query, ctx.defaultEnv);
    const config = ctx.kalshi?.[env];
    if (!config) {
      return {
        env,
        configured: false,
        meta: {
          generatedAt: new Date(ctx.nowMs()).toISOString(),
          cache: 'hit',
          dynamo: { requests: 0, items: 0, rcu: 0, ms: 0 },
        },
        warnings: [],
      } satisfies BalanceResponse;
    }
    let client = clients.get(env);
    if (!client) clients.set(env, (client = new KalshiBalance(config, ctx.nowMs)));
    const kalshi = client;
    return cachedJson(cache, `balance:${env}`, ctx.nowMs(), async () => {
      try {
        return { body: { env, configured: true, ...(await kalshi.fetch()) }, warnings: [] };
      } catch (err) {
        // Our own messages (HTTP status, missing balance) are safe to show; anything else by name.
        const message =
          err instanceof Error && err.message.startsWith('Kalshi balance:')
            ? err.message
            : `Kalshi balance: ${failureName(err)}`;
        throw new ApiError(502, 'kalshi_unavailable', message, undefined, err);
      }
    }) satisfies Promise<BalanceResponse>;
  });
};

// GET /api/v1/markets/:id/series — the market's book and our targets over a range, for the deep
// dive's price chart. A month holds hundreds of thousands of decisions, so instead of reading them
// all the server samples: the decision in force at each of `points` evenly spaced times (one
// Limit-1 GSI query each, run in parallel). Cost is bounded by `points`, not by the range.
import type { FastifyPluginAsync } from 'fastify';
import { toApiTime } from '../../core/time.js';
import type { RouteOptions } from '../context.js';
import { requireDecisionGsi, requireMarket } from '../guards.js';
import { envParam, formatParam, intParam, rangeParams } from '../params.js';
import { cachedJson } from '../respond.js';
import * as S from '../schemas.js';
import { replyWith } from '../table-reply.js';
import type { SeriesResponse } from '../../api/types.js';

export const seriesRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx, cache, envs }) => {
  const schema = {
    params: S.path({ marketId: S.marketId }),
    querystring: S.query({ env: S.env, format: S.format, ...S.range, points: S.integer(2, 1000) }),
  };
  app.get<{ Params: { marketId: string } }>(
    '/api/v1/markets/:marketId/series',
    { schema },
    async (req, reply) => {
      const q = req.query;
      const env = envParam(q, ctx.defaultEnv);
      const format = formatParam(q);
      const { marketId } = req.params;
      const { fromMs, toMs } = rangeParams(q, ctx.nowMs(), 1);
      const points = intParam(q, 'points', 300);
      await requireMarket(envs, env, marketId);
      await requireDecisionGsi(envs, env);
      const body = await cachedJson(
        cache,
        `series:${env}:${marketId}:${fromMs}:${toMs}:${points}`,
        ctx.nowMs(),
        async () => {
          const step = (toMs - fromMs) / (points - 1);
          const times = Array.from({ length: points }, (_, i) => Math.round(fromMs + i * step));
          const { byTime, warnings } = await envs.get(env).readDecisionsAt(marketId, times);
          const items = times.map((t) => {
            const d = byTime.get(t) ?? null;
            return {
              time: toApiTime(t),
              decisionId: d?.decisionId ?? null,
              decisionAt: d ? toApiTime(d.timeMs) : null,
              bestBid: d?.book?.bestBid ?? null,
              bestAsk: d?.book?.bestAsk ?? null,
              mid: d?.book?.midStored ?? null,
              targetBid: d?.targetQuotes.find((x) => x.side === 'bid')?.priceYes ?? null,
              targetAsk: d?.targetQuotes.find((x) => x.side === 'ask')?.priceYes ?? null,
              inventory: d?.inventoryNetYesQty ?? null,
              fairValue: d?.priceCalc?.fairValue ?? null,
            };
          });
          return {
            body: {
              env,
              marketId,
              from: toApiTime(fromMs),
              to: toApiTime(toMs),
              points,
              stepMs: step,
              items,
            },
            warnings,
          };
        },
      );
      return replyWith(reply, format, body satisfies SeriesResponse, () => ({
        name: `series-${env}-${marketId}`,
        rows: body.items,
      }));
    },
  );
};

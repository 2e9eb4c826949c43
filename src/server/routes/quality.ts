// Market-making quality (metrics.md §"Market-making quality"; api.md §Added): one market's markouts,
// P&L attribution (with its daily split), quote health and fill activity, and the same for every
// market with an `all` block. The reads and the figures are quality.ts's, through EnvData.
import type { FastifyPluginAsync } from 'fastify';
import { toApiTime } from '../../core/time.js';
import type { MarketQualityResponse, QualityResponse } from '../../api/types.js';
import type { RouteOptions } from '../context.js';
import { requireDecisionGsi, requireMarket } from '../guards.js';
import { envParam, formatParam, rangeParams, tzParam } from '../params.js';
import {
  allBlocks,
  MAX_QUALITY_DECISIONS_PER_ROW,
  ROW_READ_CONCURRENCY,
  marketBlocks,
  QUALITY_EXPORT_COLUMNS,
  qualityRow,
  type MarketQualityParts,
} from '../quality.js';
import { cachedJson } from '../respond.js';
import * as S from '../schemas.js';
import { replyWith } from '../table-reply.js';
import { mapLimit } from '../../store/paginate.js';

/** Markets computed at once for the all-markets table (each runs its own parallel reads). */
const MARKET_CONCURRENCY = 6;

export const qualityRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx, cache, envs }) => {
  const querystring = S.query({ env: S.env, format: S.format, tz: S.text, ...S.range });

  // Exports: one row, the market's flat figures (the table the all-markets route has, for one market).
  app.get<{ Params: { marketId: string } }>(
    '/api/v1/markets/:marketId/quality',
    { schema: { params: S.path({ marketId: S.marketId }), querystring } },
    async (req, reply) => {
      const q = req.query;
      const env = envParam(q, ctx.defaultEnv);
      const format = formatParam(q);
      const tz = tzParam(q);
      const { fromMs, toMs } = rangeParams(q, ctx.nowMs(), 7);
      const { marketId } = req.params;
      await requireMarket(envs, env, marketId);
      await requireDecisionGsi(envs, env);
      const body = await cachedJson(
        cache,
        `quality:${env}:${marketId}:${fromMs}:${toMs}:${tz}`,
        ctx.nowMs(),
        async () => {
          const parts = await envs.get(env).marketQuality(marketId, { fromMs, toMs, tz });
          return {
            body: { env, marketId, from: toApiTime(fromMs), to: toApiTime(toMs), ...marketBlocks(parts) },
            warnings: parts.warnings,
          };
        },
      );
      return replyWith(reply, format, body satisfies MarketQualityResponse, () => ({
        name: `quality-${env}-${marketId}`,
        rows: [qualityRow(marketId, body)],
        columns: QUALITY_EXPORT_COLUMNS,
      }));
    },
  );

  // Every enabled market and every market with a fill in the range; exports: a row per market, then
  // the `all` row (marketId "ALL").
  app.get('/api/v1/quality', { schema: { querystring } }, async (req, reply) => {
    const q = req.query;
    const env = envParam(q, ctx.defaultEnv);
    const format = formatParam(q);
    const tz = tzParam(q);
    const { fromMs, toMs } = rangeParams(q, ctx.nowMs(), 7);
    await requireDecisionGsi(envs, env);
    const body = await cachedJson(
      cache,
      `quality:${env}:*:${fromMs}:${toMs}:${tz}`,
      ctx.nowMs(),
      async () => {
        const data = envs.get(env);
        const [configs, history] = await Promise.all([data.configs(), data.fillHistory()]);
        const ids = new Set(configs.filter((c) => c.enabled).map((c) => c.marketId));
        for (const f of history.fills)
          if (f.fillTimeMs >= fromMs && f.fillTimeMs <= toMs) ids.add(f.marketId);
        const markets = [...ids].sort();
        const parts: MarketQualityParts[] = await mapLimit(markets, MARKET_CONCURRENCY, (m) =>
          data.marketQuality(
            m,
            { fromMs, toMs, tz },
            { maxDecisions: MAX_QUALITY_DECISIONS_PER_ROW, readConcurrency: ROW_READ_CONCURRENCY },
          ),
        );
        return {
          body: {
            env,
            from: toApiTime(fromMs),
            to: toApiTime(toMs),
            markets: parts.map((p) => ({ marketId: p.marketId, ...marketBlocks(p) })),
            all: allBlocks(parts, { fromMs }),
          },
          warnings: parts.flatMap((p) => p.warnings),
        };
      },
    );
    return replyWith(reply, format, body satisfies QualityResponse, () => ({
      name: `quality-${env}`,
      rows: [...body.markets.map((m) => qualityRow(m.marketId, m)), qualityRow('ALL', body.all)],
      columns: QUALITY_EXPORT_COLUMNS,
    }));
  });
};

// GET /api/v1/markets/:id/runs — the bot's runs seen for a market over a range and the restarts and
// version changes in it, for the markers on the deep dive's price and P&L charts (issue 19). The runs
// are the executions' run walk (contract §6.17: one GSI read per run back from the range end, plus
// the "ALL" records of the range), so the cost is bounded by the number of runs; each run's version
// is read from the same items. Core decides what is a restart or a version change (run-starts.ts).
import type { FastifyPluginAsync } from 'fastify';
import { runStartMs } from '../../core/decision-id.js';
import { runStarts } from '../../core/run-starts.js';
import { toApiTime } from '../../core/time.js';
import type { RouteOptions } from '../context.js';
import { requireDecisionGsi, requireMarket } from '../guards.js';
import { envParam, formatParam, rangeParams } from '../params.js';
import { cachedJson } from '../respond.js';
import * as S from '../schemas.js';
import { replyWith } from '../table-reply.js';
import type { RunsResponse } from '../../api/types.js';

export const runRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx, cache, envs }) => {
  const schema = {
    params: S.path({ marketId: S.marketId }),
    querystring: S.query({ env: S.env, format: S.format, ...S.range }),
  };
  app.get<{ Params: { marketId: string } }>(
    '/api/v1/markets/:marketId/runs',
    { schema },
    async (req, reply) => {
      const q = req.query;
      const env = envParam(q, ctx.defaultEnv);
      const format = formatParam(q);
      const { marketId } = req.params;
      const { fromMs, toMs } = rangeParams(q, ctx.nowMs(), 1);
      await requireMarket(envs, env, marketId);
      await requireDecisionGsi(envs, env);
      const body = await cachedJson(
        cache,
        `runs:${env}:${marketId}:${fromMs}:${toMs}`,
        ctx.nowMs(),
        async () => {
          const found = await envs.get(env).marketRuns(marketId, fromMs, toMs);
          const runs = found.runIds.map((runId) => {
            const start = runStartMs(runId);
            return {
              runId,
              start: start === null ? null : toApiTime(start),
              version: found.versions.get(runId) ?? null,
            };
          });
          const starts = runStarts(
            runs.map((r) => ({ runId: r.runId, version: r.version })),
            fromMs,
            toMs,
          ).map(({ startMs, ...s }) => ({ ...s, start: toApiTime(startMs) }));
          return {
            body: { env, marketId, from: toApiTime(fromMs), to: toApiTime(toMs), runs, starts },
            warnings: found.warnings,
          };
        },
      );
      return replyWith(reply, format, body satisfies RunsResponse, () => ({
        name: `runs-${env}-${marketId}`,
        rows: body.starts,
      }));
    },
  );
};

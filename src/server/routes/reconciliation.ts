// GET /api/v1/reconciliation — (a) a market's decision → order events → fills chains for a range,
// broken links highlighted; (b) the P&L sources side by side per market with the explanation of
// each difference; (c) position drift between the trade-log replay and the bot.
import type { FastifyPluginAsync } from 'fastify';
import {
  buildChains,
  EXECUTION_LOG_TTL_MS,
  runsToCheckForPlacements,
  type Chain,
} from '../../core/chains.js';
import { pnlSources } from '../../core/pnl-sources.js';
import { dedupeFills } from '../../core/dedupe.js';
import { toApiTime } from '../../core/time.js';
import type { Decision, Fill } from '../../core/types.js';
import type { RouteOptions } from '../context.js';
import type { EnvData } from '../env-data.js';
import { requireDecisionGsi, requireMarket } from '../guards.js';
import { decisionJson, executionJson, fillJson } from '../json.js';
import { envParam, formatParam, marketIdParam, rangeParams, strParam } from '../params.js';
import { cachedJson } from '../respond.js';
import * as S from '../schemas.js';
import { replyWith } from '../table-reply.js';
import type { ReconciliationResponse } from '../../api/types.js';

/** Decisions of the range, newest first, up to a cap (a day of one market at a 5 s loop is 17,280). */
const MAX_DECISIONS = 3_000;

async function decisionsInRange(data: EnvData, marketId: string, fromMs: number, toMs: number) {
  const out: Decision[] = [];
  let cursor: string | null = null;
  do {
    const page = await data.readMarketDecisions({ marketId, fromMs, toMs, limit: 1000, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && out.length < MAX_DECISIONS);
  return { decisions: out, truncated: cursor !== null };
}

function chainJson(c: Chain) {
  return {
    decision: decisionJson(c.decision),
    problems: c.problems,
    orders: c.orders.map((o) => ({
      ...o,
      placedAt: toApiTime(o.placedAtMs),
      cancelledAt: o.cancelledAtMs === null ? null : toApiTime(o.cancelledAtMs),
      fills: o.fills.map(fillJson),
    })),
    cancels: c.cancels.map(executionJson),
  };
}

export const reconciliationRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx, cache, envs }) => {
  // `market` is checked as a path's marketId is (params.ts); `broken=true` keeps broken chains only.
  const schema = {
    querystring: S.query({ env: S.env, format: S.format, market: S.text, ...S.range, broken: S.text }),
  };
  app.get('/api/v1/reconciliation', { schema }, async (req, reply) => {
    const q = req.query;
    const env = envParam(q, ctx.defaultEnv);
    const format = formatParam(q);
    const market = strParam(q, 'market');
    const marketId = market === undefined ? null : marketIdParam(market);
    const { fromMs, toMs } = rangeParams(q, ctx.nowMs(), 1);
    const onlyBroken = strParam(q, 'broken') === 'true';
    if (marketId) {
      await requireMarket(envs, env, marketId);
      await requireDecisionGsi(envs, env);
    }
    const body = await cachedJson(
      cache,
      `recon:${env}:${marketId ?? '*'}:${fromMs}:${toMs}:${onlyBroken}`,
      ctx.nowMs(),
      async () => {
        const data = envs.get(env);
        const [history, state] = await Promise.all([data.fillHistory(), data.state()]);
        const sources = pnlSources(history.fills, state.positions);
        let chains = null;
        if (marketId) {
          const [{ decisions, truncated }, events] = await Promise.all([
            decisionsInRange(data, marketId, fromMs, toMs),
            data.marketEvents(marketId, fromMs, toMs),
          ]);
          const fills: Fill[] = dedupeFills(history.fills).filter(
            (f) => f.marketId === marketId && f.fillTimeMs >= fromMs && f.fillTimeMs <= toMs,
          );
          const live = (state.openOrders?.orders ?? []).filter((o) => o.marketId === marketId);
          const runsWithOrders = await data.runsWithPlacements(
            runsToCheckForPlacements(decisions, events.events),
          );
          const report = buildChains(decisions, events.events, fills, live, {
            eventsKeptSinceMs: ctx.nowMs() - EXECUTION_LOG_TTL_MS,
            runsWithPlacements: runsWithOrders,
          });
          chains = {
            marketId,
            from: toApiTime(fromMs),
            to: toApiTime(toMs),
            decisionsTruncated: truncated,
            noOrderEvents: report.noOrderEvents,
            batchRuns: report.batchRuns,
            runs: report.runs.map(({ startMs, ...r }) => ({
              ...r,
              start: startMs === null ? null : toApiTime(startMs),
            })),
            counts: report.counts,
            items: report.chains.filter((c) => !onlyBroken || c.problems.length > 0).map(chainJson),
            orphanFills: report.orphanFills.map(fillJson),
          };
        }
        return {
          body: {
            env,
            chains,
            pnlSources: sources,
            drift: sources
              .filter((s) => s.positionDrift !== 0)
              .map((s) => ({
                marketId: s.marketId,
                botNet: s.botNet,
                replayedNet: s.replayedNet,
                drift: s.positionDrift,
              })),
          },
          warnings: [],
        };
      },
    );
    return replyWith(reply, format, body satisfies ReconciliationResponse, () => ({
      name: `pnl-sources-${env}`,
      rows: body.pnlSources.map(({ findings, ...s }) => ({
        ...s,
        ...findings,
        explanations: s.explanations.join(' | '),
      })),
    }));
  });
};

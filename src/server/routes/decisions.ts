// Decisions of a market (newest first, cursor-paged) and one decision with its reconciliation chain.
import type { FastifyInstance } from 'fastify';
import { DAY_MS } from '../../core/time.js';
import type { Env } from '../../core/types.js';
import { CursorError } from '../../store/cursor.js';
import {
  readDecisionById,
  readMarketDecisions,
  readMarketDecisionsWithoutGsi,
  readNextDecision,
} from '../../store/read-decisions.js';
import { DECISION_GSI } from '../../store/tables.js';
import { readDecisionExecutions } from '../../store/read-executions.js';
import type { TtlCache } from '../cache.js';
import type { AppContext } from '../context.js';
import { sendTable } from '../csv.js';
import type { EnvRegistry } from '../env-data.js';
import { ApiError, badParam, notFound } from '../errors.js';
import { decisionJson, executionJson, fillJson } from '../json.js';
import { decisionIdParam, envParam, formatParam, intParam, strParam, timeParam, marketIdParam } from '../params.js';
import { cachedJson } from '../respond.js';

const MAX_RANGE_MS = 366 * DAY_MS;

/** from/to with per-endpoint defaults; reversed or over-long ranges are a 400. */
export function rangeParams(q: unknown, nowMs: number, defaultDays: number): { fromMs: number; toMs: number } {
  const days = intParam(q, 'days', defaultDays, 1, 365);
  const toMs = timeParam(q, 'to', true) ?? nowMs;
  const fromMs = timeParam(q, 'from') ?? toMs - days * DAY_MS;
  if (fromMs > toMs) throw badParam('from', 'is after to');
  if (toMs - fromMs > MAX_RANGE_MS) throw badParam('from', 'range longer than 366 days');
  return { fromMs, toMs };
}

export function missingGsiWarning(env: Env, complete: boolean) {
  return {
    code: 'missing_gsi',
    message: `dora_decision_log_${env} has no ${DECISION_GSI}: decisions come from a bounded read of the date partitions${complete ? '' : ' and are incomplete'}. Run the bot's add_decision_log_gsi.py.`,
  };
}

/** For lookups that have no bounded fallback without the GSI: a clear 503 instead of a table read. */
export async function requireDecisionGsi(envs: EnvRegistry, env: Env): Promise<void> {
  if (!(await envs.get(env).hasDecisionGsi())) {
    throw new ApiError(503, 'missing_gsi', missingGsiWarning(env, false).message);
  }
}

export async function requireMarket(envs: EnvRegistry, env: Env, marketId: string): Promise<void> {
  if (!(await envs.get(env).knownMarket(marketId))) throw notFound(`unknown market ${marketId.slice(0, 100)} in ${env}`);
}

export function decisionRoutes(app: FastifyInstance, ctx: AppContext, cache: TtlCache, envs: EnvRegistry): void {
  app.get<{ Params: { marketId: string } }>('/api/v1/markets/:marketId/decisions', async (req, reply) => {
    const q = req.query;
    const env = envParam(q, ctx.defaultEnv);
    const format = formatParam(q);
    const marketId = marketIdParam(req.params.marketId);
    const { fromMs, toMs } = rangeParams(q, ctx.nowMs(), 1);
    const limit = intParam(q, 'limit', 200, 1, 1000);
    const cursor = strParam(q, 'cursor') ?? null;
    await requireMarket(envs, env, marketId);
    const key = `decisions:${env}:${marketId}:${fromMs}:${toMs}:${limit}:${cursor ?? ''}`;
    const body = await cachedJson(cache, key, ctx.nowMs(), async () => {
      if (!(await envs.get(env).hasDecisionGsi())) {
        const page = await readMarketDecisionsWithoutGsi(ctx.client, env, { marketId, fromMs, toMs, limit });
        return {
          body: { items: page.items.map(decisionJson), nextCursor: null },
          warnings: [missingGsiWarning(env, page.complete), ...page.warnings],
        };
      }
      try {
        const page = await readMarketDecisions(ctx.client, env, { marketId, fromMs, toMs, limit, cursor });
        return { body: { items: page.items.map(decisionJson), nextCursor: page.nextCursor }, warnings: page.warnings };
      } catch (err) {
        if (err instanceof CursorError) throw badParam('cursor', err.message);
        throw err;
      }
    });
    if (format !== 'json') {
      return sendTable(
        reply,
        format,
        `decisions-${env}-${marketId}`,
        body.items.map((d) => ({
          time: d.time, decisionId: d.decisionId, bestBid: d.book?.bestBid, bestAsk: d.book?.bestAsk, spread: d.book?.spread,
          mid: d.book?.mid, inventory: d.inventory, targetBid: d.targetBid, targetAsk: d.targetAsk,
          fairValue: d.priceCalc?.fairValue, logic: d.priceCalc?.logic, numTargets: d.numTargets,
        })),
      );
    }
    return body;
  });

  app.get<{ Params: { decisionId: string } }>('/api/v1/decisions/:decisionId', async (req) => {
    const env = envParam(req.query, ctx.defaultEnv);
    const decisionId = decisionIdParam(req.params.decisionId);
    await requireDecisionGsi(envs, env);
    return cachedJson(cache, `decision:${env}:${decisionId}`, ctx.nowMs(), async () => {
      const found = await readDecisionById(ctx.client, env, decisionId);
      if (!found.decision) throw notFound(`no decision ${decisionId.slice(0, 120)} in ${env}`);
      const d = found.decision;
      const [executions, next, history] = await Promise.all([
        readDecisionExecutions(ctx.client, env, decisionId),
        readNextDecision(ctx.client, env, d.marketId, d.timestampRaw),
        envs.get(env).fillHistory(),
      ]);
      // The fills this decision was in force for: from it up to the market's next decision.
      const untilMs = next.decision?.timeMs ?? Infinity;
      const fills = history.fills
        .filter((f) => f.marketId === d.marketId && f.fillTimeMs >= d.timeMs && f.fillTimeMs < untilMs)
        .sort((a, b) => a.fillTimeMs - b.fillTimeMs);
      return {
        body: {
          decision: decisionJson(d),
          nextDecisionAt: next.decision ? new Date(next.decision.timeMs).toISOString() : null,
          executions: executions.events.sort((a, b) => a.timeMs - b.timeMs).map(executionJson),
          fills: fills.map(fillJson),
        },
        warnings: [...found.warnings, ...executions.warnings, ...next.warnings],
      };
    });
  });
}

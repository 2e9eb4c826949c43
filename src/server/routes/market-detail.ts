// One market: its header (config, position, newest decision, book, our orders), its fills with their
// realized change and decision context, its execution events and their analytics.
import type { FastifyInstance } from 'fastify';
import { buildContext, buildMarketAnalytics, buildRows, fillsWithRealized } from '../../core/index.js';
import { toApiTime } from '../../core/time.js';
import { CLOCK_SKEW_MS, readLatestDecision } from '../../store/read-decisions.js';
import { ANALYTICS_ATTRIBUTES } from '../../store/read-executions.js';
import type { TtlCache } from '../cache.js';
import type { AppContext } from '../context.js';
import { sendTable } from '../csv.js';
import type { EnvRegistry } from '../env-data.js';
import { badParam } from '../errors.js';
import { decisionJson, EXECUTION_EXPORT_COLUMNS, executionJson, FILL_EXPORT_COLUMNS, fillJson } from '../json.js';
import { marketEventsInRange } from '../market-events.js';
import { envParam, formatParam, intParam, strParam, marketIdParam } from '../params.js';
import { cachedJson } from '../respond.js';
import { missingGsiWarning, rangeParams, requireDecisionGsi, requireMarket } from './decisions.js';
import { configJson } from './markets.js';
import { metricsInput } from './overview.js';

export function marketDetailRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  cache: TtlCache,
  envs: EnvRegistry,
): void {
  app.get<{ Params: { marketId: string } }>('/api/v1/markets/:marketId', async (req) => {
    const env = envParam(req.query, ctx.defaultEnv);
    const marketId = marketIdParam(req.params.marketId);
    await requireMarket(envs, env, marketId);
    return cachedJson(cache, `market:${env}:${marketId}`, ctx.nowMs(), async () => {
      const gsi = await envs.get(env).hasDecisionGsi();
      const { input, warnings } = await metricsInput(envs, ctx, env, 'UTC', 1);
      // The newest decision, fresh through the GSI; without it, whatever the bounded read found.
      const latest = gsi
        ? await readLatestDecision(ctx.client, env, marketId, ctx.nowMs() + CLOCK_SKEW_MS)
        : { decision: input.latestDecisions.get(marketId) ?? null, warnings: [] };
      const latestDecisions = new Map(input.latestDecisions);
      if (latest.decision) latestDecisions.set(marketId, latest.decision);
      const mctx = buildContext({ ...input, latestDecisions });
      const [row] = buildRows(mctx, [marketId]);
      const config = input.configs.find((c) => c.marketId === marketId);
      const bot = input.positions?.positions.get(marketId) ?? null;
      return {
        body: {
          env,
          marketId,
          config: config ? configJson(config) : null,
          position: row
            ? {
                ...row,
                botAvgBuyPrice: bot?.avgBuyPrice ?? null,
                botAvgSellPrice: bot?.avgSellPrice ?? null,
                replay: mctx.replay.markets.get(marketId) ?? null,
              }
            : null,
          latestDecision: latest.decision ? decisionJson(latest.decision) : null,
          book: latest.decision?.book ?? null,
          ourOrders: (mctx.orders.get(marketId) ?? []).map((o) => ({
            ...o,
            createdAt: o.createdAtMs === null ? null : toApiTime(o.createdAtMs),
          })),
          openOrdersSyncedAt:
            input.openOrders?.lastUpdatedMs == null ? null : toApiTime(input.openOrders.lastUpdatedMs),
        },
        warnings: [...warnings, ...latest.warnings],
      };
    });
  });

  app.get<{ Params: { marketId: string } }>('/api/v1/markets/:marketId/fills', async (req, reply) => {
    const q = req.query;
    const env = envParam(q, ctx.defaultEnv);
    const format = formatParam(q);
    const marketId = marketIdParam(req.params.marketId);
    const { fromMs, toMs } = rangeParams(q, ctx.nowMs(), 7);
    const withContext = (strParam(q, 'context') ?? 'true') !== 'false';
    await requireMarket(envs, env, marketId);
    const body = await cachedJson(
      cache,
      `fills:${env}:${marketId}:${fromMs}:${toMs}:${withContext}`,
      ctx.nowMs(),
      async () => {
        const history = await envs.get(env).fillHistory();
        // Realized change needs the market's whole history; the window only selects what is shown.
        const replayed = fillsWithRealized(history.fills.filter((f) => f.marketId === marketId));
        const shown = replayed.filter((f) => f.fillTimeMs >= fromMs && f.fillTimeMs <= toMs).reverse();
        if (shown.length > 5000)
          throw badParam('from', `range holds ${shown.length} fills; narrow it to at most 5000`);
        const gsi = await envs.get(env).hasDecisionGsi();
        const context =
          withContext && gsi
            ? await envs.get(env).decisionsAt(
                marketId,
                shown.map((f) => f.fillTimeMs),
              )
            : { byTime: new Map(), warnings: withContext ? [missingGsiWarning(env, false)] : [] };
        return {
          body: {
            env,
            marketId,
            from: toApiTime(fromMs),
            to: toApiTime(toMs),
            items: shown.map((f) => {
              const d = context.byTime.get(f.fillTimeMs);
              return {
                ...fillJson(f),
                feeAppliedUsd: f.feeApplied,
                realizedChange: f.realizedChange,
                netBefore: f.before.net,
                netAfter: f.after.net,
                decisionContext: d ? decisionJson(d) : null,
              };
            }),
          },
          warnings: context.warnings,
        };
      },
    );
    if (format !== 'json') {
      return sendTable(
        reply,
        format,
        `fills-${env}-${marketId}`,
        body.items.map(({ decisionContext, ...f }) => ({
          ...f,
          decisionId: decisionContext?.decisionId ?? null,
        })),
        FILL_EXPORT_COLUMNS,
      );
    }
    return body;
  });

  app.get<{ Params: { marketId: string } }>('/api/v1/markets/:marketId/executions', async (req, reply) => {
    const q = req.query;
    const env = envParam(q, ctx.defaultEnv);
    const format = formatParam(q);
    const marketId = marketIdParam(req.params.marketId);
    const limit = intParam(q, 'limit', 200, 1, 1000);
    // The cursor is an offset into the range's time-sorted list, and carries the range's bounds:
    // without them a range ending "now" would shift under the pages as new events arrive.
    const cursorText = strParam(q, 'cursor');
    let offset = 0;
    let range = rangeParams(q, ctx.nowMs(), 1);
    if (cursorText !== undefined) {
      const m = /^o(\d{1,7})\.(\d{1,15})\.(\d{1,15})$/.exec(cursorText);
      if (!m) throw badParam('cursor', 'cursor is not one this server issued for this list');
      offset = Number(m[1]);
      const cursorRange = { fromMs: Number(m[2]), toMs: Number(m[3]) };
      if (strParam(q, 'to') !== undefined && cursorRange.toMs !== range.toMs) throw badParam('cursor', 'cursor belongs to another range');
      range = cursorRange;
    }
    const { fromMs, toMs } = range;
    await requireMarket(envs, env, marketId);
    await requireDecisionGsi(envs, env);
    // The merged, time-sorted list is cached; pages are slices of it.
    const all = await cachedJson(
      cache,
      `executions:${env}:${marketId}:${fromMs}:${toMs}`,
      ctx.nowMs(),
      async () => {
        const r = await marketEventsInRange(ctx.client, env, marketId, fromMs, toMs, {
          cache: envs.get(env).runEvents,
        });
        return { body: { items: r.events.map(executionJson) }, warnings: r.warnings };
      },
    );
    const items = all.items.slice(offset, offset + limit);
    const nextCursor = offset + limit < all.items.length ? `o${offset + limit}.${fromMs}.${toMs}` : null;
    // An export is every event of the range (limit and cursor page the JSON list only); they are
    // all in hand already, at most a run-cache's worth.
    if (format !== 'json')
      return sendTable(reply, format, `executions-${env}-${marketId}`, all.items, EXECUTION_EXPORT_COLUMNS);
    return { ...all, items, nextCursor, total: all.items.length };
  });

  app.get<{ Params: { marketId: string } }>('/api/v1/markets/:marketId/analytics', async (req) => {
    const q = req.query;
    const env = envParam(q, ctx.defaultEnv);
    const marketId = marketIdParam(req.params.marketId);
    const { fromMs, toMs } = rangeParams(q, ctx.nowMs(), 7);
    await requireMarket(envs, env, marketId);
    await requireDecisionGsi(envs, env);
    return cachedJson(cache, `analytics:${env}:${marketId}:${fromMs}:${toMs}`, ctx.nowMs(), async () => {
      const r = await marketEventsInRange(ctx.client, env, marketId, fromMs, toMs, {
        attributes: ANALYTICS_ATTRIBUTES,
        cache: envs.get(env).runEvents,
      });
      return {
        body: { env, marketId, ...buildMarketAnalytics(r.events, fromMs, toMs) },
        warnings: r.warnings,
      };
    });
  });
}

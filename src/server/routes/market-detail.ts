// One market: its header (config, position, newest decision, book, our orders), its fills with their
// realized change and decision context, its execution events and their analytics.
import type { FastifyPluginAsync } from 'fastify';
import {
  buildContext,
  buildMarketAnalytics,
  buildRows,
  fillsWithRealized,
  lifecycleStatus,
  outcomeRows,
  type Outcomes,
} from '../../core/index.js';
import { DAY_MS, toApiTime } from '../../core/time.js';
import { ANALYTICS_ATTRIBUTES } from '../../store/read-executions.js';
import type { TtlCache } from '../cache.js';
import type { RouteOptions } from '../context.js';
import { columnsOf } from '../csv.js';
import { badParam } from '../errors.js';
import { missingGsiWarning, requireDecisionGsi, requireMarket } from '../guards.js';
import {
  configJson,
  decisionJson,
  EXECUTION_EXPORT_COLUMNS,
  executionJson,
  fillWithRealizedJson,
  MARKET_FILL_EXPORT_COLUMNS,
  marketFillExportRow,
} from '../json.js';
import { fillIdentity } from '../../core/dedupe.js';
import { unknownFillQuality, type FillQuality } from '../quality.js';
import { envParam, formatParam, intParam, rangeParams, strParam, tableParam } from '../params.js';
import { cachedJson } from '../respond.js';
import * as S from '../schemas.js';
import { replyWith } from '../table-reply.js';
import type {
  AnalyticsResponse,
  ExecutionsPage,
  FillsResponse,
  MarketDetailResponse,
} from '../../api/types.js';

/** A replica's clock may run behind the one that issued a cursor for a range ending "now". */
const CURSOR_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * An executions cursor, `o<offset>.<fromMs>.<toMs>`, checked as the decisions cursor is: its range
 * passes the same checks as from/to (rangeParams), and it is the range of this request — the same
 * `from`, `to` or length in `days` the request gives, ending no later than now. A forged one is a
 * 400 on `cursor`, so a cursor reads nothing a plain from/to could not.
 */
function executionsCursor(
  text: string,
  q: unknown,
  asked: { fromMs: number; toMs: number },
  nowMs: number,
): { offset: number; range: { fromMs: number; toMs: number } } {
  const m = /^o(\d{1,7})\.(\d{13})\.(\d{13})$/.exec(text);
  if (!m) throw badParam('cursor', 'cursor is not one this server issued for this list');
  const offset = Number(m[1]);
  const fromMs = Number(m[2]);
  const toMs = Number(m[3]);
  const inRange = (ms: number) => ms >= Date.UTC(2020, 0, 1) && ms <= Date.UTC(2100, 0, 1);
  if (!inRange(fromMs) || !inRange(toMs) || fromMs > toMs || toMs - fromMs > 366 * DAY_MS) {
    throw badParam('cursor', 'cursor is not one this server issued for this list');
  }
  const given = (name: string) => strParam(q, name) !== undefined;
  const same =
    (given('to') ? toMs === asked.toMs : toMs <= nowMs + CURSOR_CLOCK_SKEW_MS) &&
    (given('from') ? fromMs === asked.fromMs : toMs - fromMs === asked.toMs - asked.fromMs);
  if (!same) throw badParam('cursor', 'cursor belongs to another range');
  return { offset, range: { fromMs, toMs } };
}

/**
 * The analytics tab's Outcomes table as an export (`table=outcomes`): a row per result status as the
 * tab shows it, then the tab's Total line (with the sums of the split too, which the tab leaves out).
 */
function outcomeExportRows(o: Outcomes) {
  const rows = outcomeRows(o).map((r) => ({
    status: r.status,
    count: r.total,
    placements: r.place,
    cancels: r.cancel,
    unclassified: r.unknown,
  }));
  const sum = (k: 'placements' | 'cancels' | 'unclassified') => rows.reduce((acc, r) => acc + r[k], 0);
  return [
    ...rows,
    {
      status: 'Total',
      count: o.total,
      placements: sum('placements'),
      cancels: sum('cancels'),
      unclassified: sum('unclassified'),
    },
  ];
}
const OUTCOME_EXPORT_COLUMNS = columnsOf<ReturnType<typeof outcomeExportRows>[number]>({
  status: true,
  count: true,
  placements: true,
  cancels: true,
  unclassified: true,
});
/** `table=errors`: every error code (the tab shows the top 10), most frequent first. */
const ERROR_CODE_EXPORT_COLUMNS = columnsOf<Outcomes['errorCodes'][number]>({
  code: true,
  count: true,
  statuses: true,
});

/**
 * `executionLists`: the merged execution lists, one per market and range, cached apart from the
 * shared cache (routes/index.ts makes it): few and bounded on their own (each can be a month of a
 * market's events), so that many distinct ranges cannot fill the shared cache's 500.
 */
export const marketDetailRoutes: FastifyPluginAsync<RouteOptions & { executionLists: TtlCache }> = async (
  app,
  { ctx, cache, envs, executionLists },
) => {
  const params = S.path({ marketId: S.marketId });
  const headerSchema = { params, querystring: S.query({ env: S.env }) };
  app.get<{ Params: { marketId: string } }>(
    '/api/v1/markets/:marketId',
    { schema: headerSchema },
    async (req) => {
      const env = envParam(req.query, ctx.defaultEnv);
      const { marketId } = req.params;
      await requireMarket(envs, env, marketId);
      return cachedJson(cache, `market:${env}:${marketId}`, ctx.nowMs(), async () => {
        const gsi = await envs.get(env).hasDecisionGsi();
        const { input, warnings } = await envs.get(env).metricsInput(ctx, 'UTC', 1, [marketId]);
        // The newest decision, fresh through the GSI; without it, whatever the bounded read found.
        const latest = gsi
          ? await envs.get(env).readLatestDecision(marketId)
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
            // Lifecycle (api.md §Added), also on `position` with the rest of the row's columns.
            title: row?.title ?? null,
            closeTime: row?.closeTime ?? null,
            marketStatus: row?.marketStatus ?? null,
            result: row?.result ?? null,
            settlementPnl: row?.settlementPnl ?? null,
            lifecycle: lifecycleStatus(input.marketData),
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
      }) satisfies Promise<MarketDetailResponse>;
    },
  );

  // `context=false` leaves out each fill's decision in force.
  const fillsSchema = {
    params,
    querystring: S.query({ env: S.env, format: S.format, ...S.range, context: S.text }),
  };
  app.get<{ Params: { marketId: string } }>(
    '/api/v1/markets/:marketId/fills',
    { schema: fillsSchema },
    async (req, reply) => {
      const q = req.query;
      const env = envParam(q, ctx.defaultEnv);
      const format = formatParam(q);
      const { marketId } = req.params;
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
          // Edge at fill and markouts: the decision in force at each fill and each fill + h ≤ now.
          const quality = gsi
            ? await envs.get(env).fillsQuality(marketId, shown)
            : { byFill: new Map<string, FillQuality>(), warnings: [] };
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
                  ...fillWithRealizedJson(f),
                  ...(quality.byFill.get(fillIdentity(f)) ?? unknownFillQuality()),
                  decisionContext: d ? decisionJson(d) : null,
                };
              }),
            },
            warnings: [...context.warnings, ...quality.warnings],
          };
        },
      );
      return replyWith(reply, format, body satisfies FillsResponse, () => ({
        name: `fills-${env}-${marketId}`,
        rows: body.items.map(({ decisionContext, ...f }) =>
          marketFillExportRow(f, decisionContext?.decisionId ?? null),
        ),
        columns: MARKET_FILL_EXPORT_COLUMNS,
      }));
    },
  );

  const executionsSchema = {
    params,
    querystring: S.query({
      env: S.env,
      format: S.format,
      limit: S.integer(1, 1000),
      cursor: S.text,
      ...S.range,
    }),
  };
  app.get<{ Params: { marketId: string } }>(
    '/api/v1/markets/:marketId/executions',
    { schema: executionsSchema },
    async (req, reply) => {
      const q = req.query;
      const env = envParam(q, ctx.defaultEnv);
      const format = formatParam(q);
      const { marketId } = req.params;
      const limit = intParam(q, 'limit', 200);
      // The cursor is an offset into the range's time-sorted list, and carries the range's bounds:
      // without them a range ending "now" would shift under the pages as new events arrive.
      const cursorText = strParam(q, 'cursor');
      let offset = 0;
      let range = rangeParams(q, ctx.nowMs(), 1);
      if (cursorText !== undefined) ({ offset, range } = executionsCursor(cursorText, q, range, ctx.nowMs()));
      const { fromMs, toMs } = range;
      await requireMarket(envs, env, marketId);
      await requireDecisionGsi(envs, env);
      // The merged, time-sorted list is cached; pages are slices of it.
      const all = await cachedJson(
        executionLists,
        `executions:${env}:${marketId}:${fromMs}:${toMs}`,
        ctx.nowMs(),
        async () => {
          const r = await envs.get(env).marketEvents(marketId, fromMs, toMs);
          return { body: { items: r.events.map(executionJson) }, warnings: r.warnings };
        },
      );
      // Past the end of the list is no cursor this server issued (at most the end: an empty last page).
      if (format === 'json' && offset > all.items.length)
        throw badParam('cursor', 'cursor is past the end of the list');
      const items = all.items.slice(offset, offset + limit);
      const nextCursor = offset + limit < all.items.length ? `o${offset + limit}.${fromMs}.${toMs}` : null;
      // An export is every event of the range (limit and cursor page the JSON list only); they are
      // all in hand already, at most a run-cache's worth.
      return replyWith(
        reply,
        format,
        { ...all, items, nextCursor, total: all.items.length } satisfies ExecutionsPage,
        () => ({
          name: `executions-${env}-${marketId}`,
          rows: all.items,
          columns: EXECUTION_EXPORT_COLUMNS,
        }),
      );
    },
  );

  // `table` (exports only): the Outcomes table (the default) or every error code.
  const analyticsSchema = {
    params,
    querystring: S.query({ env: S.env, format: S.format, table: S.text, ...S.range }),
  };
  app.get<{ Params: { marketId: string } }>(
    '/api/v1/markets/:marketId/analytics',
    { schema: analyticsSchema },
    async (req, reply) => {
      const q = req.query;
      const env = envParam(q, ctx.defaultEnv);
      const format = formatParam(q);
      // An export holds one of the tab's two tables; a bad name is refused before anything is read.
      const table = format === 'json' ? null : tableParam(q, ['outcomes', 'errors']);
      const { marketId } = req.params;
      const { fromMs, toMs } = rangeParams(q, ctx.nowMs(), 7);
      await requireMarket(envs, env, marketId);
      await requireDecisionGsi(envs, env);
      const body = await cachedJson(
        cache,
        `analytics:${env}:${marketId}:${fromMs}:${toMs}`,
        ctx.nowMs(),
        async () => {
          const r = await envs
            .get(env)
            .marketEvents(marketId, fromMs, toMs, { attributes: ANALYTICS_ATTRIBUTES });
          return {
            body: { env, marketId, ...buildMarketAnalytics(r.events, fromMs, toMs) },
            warnings: r.warnings,
          };
        },
      );
      return replyWith(reply, format, body satisfies AnalyticsResponse, () =>
        table === 'errors'
          ? {
              name: `error-codes-${env}-${marketId}`,
              rows: body.outcomes.errorCodes,
              columns: ERROR_CODE_EXPORT_COLUMNS,
            }
          : {
              name: `outcomes-${env}-${marketId}`,
              rows: outcomeExportRows(body.outcomes),
              columns: OUTCOME_EXPORT_COLUMNS,
            },
      );
    },
  );
};

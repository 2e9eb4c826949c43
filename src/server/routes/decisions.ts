// Decisions of a market (newest first, cursor-paged) and one decision with its reconciliation chain.
import type { FastifyPluginAsync } from 'fastify';
import { fillsWithRealized } from '../../core/fills.js';
import { toNaiveIso } from '../../core/time.js';
import type { Decision, Env } from '../../core/types.js';
import { CursorError, decodeCursor } from '../../store/cursor.js';
import type { RouteOptions } from '../context.js';
import { columnsOf, sendCsvStream } from '../csv.js';
import { badParam, notFound } from '../errors.js';
import { missingGsiWarning, requireDecisionGsi, requireMarket } from '../guards.js';
import {
  decisionJson,
  EXECUTION_EXPORT_COLUMNS,
  executionJson,
  FILL_EXPORT_COLUMNS,
  fillExportRow,
  fillWithRealizedJson,
} from '../json.js';
import { envParam, formatParam, intParam, rangeParams, strParam, tableParam } from '../params.js';
import { exportCsv, exportRows } from '../export-rows.js';
import { cachedJson } from '../respond.js';
import * as S from '../schemas.js';
import { replyWith, sendExport } from '../table-reply.js';
import type { DecisionDetailResponse, DecisionsPage } from '../../api/types.js';

/**
 * At most this many decisions in one export. CSV is written as it is read, so the bound is on the
 * time and reads one request may take: a month of one market at the bot's fastest (5 s) loop, ~80
 * MB. A workbook is built whole (and Excel is slow past that): 100,000 rows, ~6 days at 5 s.
 */
export const MAX_EXPORT_DECISIONS = { csv: 600_000, xlsx: 100_000 } as const;

/** A decision as a row of the CSV/xlsx export: the table's columns, flat. */
function decisionExportRow(d: ReturnType<typeof decisionJson>) {
  return {
    time: d.time,
    decisionId: d.decisionId,
    bestBid: d.book?.bestBid ?? null,
    bestAsk: d.book?.bestAsk ?? null,
    spread: d.book?.spread ?? null,
    mid: d.book?.mid ?? null,
    inventory: d.inventory,
    targetBid: d.targetBid,
    targetAsk: d.targetAsk,
    fairValue: d.priceCalc?.fairValue ?? null,
    logic: d.priceCalc?.logic ?? null,
    numTargets: d.numTargets,
  };
}
const DECISION_EXPORT_COLUMNS = columnsOf<ReturnType<typeof decisionExportRow>>({
  time: true,
  decisionId: true,
  bestBid: true,
  bestAsk: true,
  spread: true,
  mid: true,
  inventory: true,
  targetBid: true,
  targetAsk: true,
  fairValue: true,
  logic: true,
  numTargets: true,
});

/**
 * A decisions cursor checked before it reaches DynamoDB: one this server issued for this market and
 * environment (store/cursor.ts), whose key could be a decision of the requested range: a date, and a
 * timestamp inside [from, to]. Anything else is a 400 on `cursor` (it used to reach DynamoDB, whose
 * refusal of the start key came back as a 500).
 */
export function checkDecisionCursor(
  cursor: string,
  env: Env,
  marketId: string,
  fromMs: number,
  toMs: number,
): void {
  try {
    const key = decodeCursor(cursor, `decisions:${env}`, {
      attributes: ['date', 'timestamp', 'market_id'],
      equal: { market_id: marketId },
    });
    const ts = key['timestamp'] ?? '';
    if (ts.length > 40 || !/^\d{4}-\d{2}-\d{2}$/.test(key['date'] ?? '')) {
      throw new CursorError('cursor is not one this server issued for this list');
    }
    // The same bounds, compared the same way (as strings), as the query's key condition.
    if (ts < toNaiveIso(fromMs) || ts > toNaiveIso(toMs, 999))
      throw new CursorError('cursor belongs to another range');
  } catch (err) {
    if (err instanceof CursorError) throw badParam('cursor', err.message);
    throw err;
  }
}

export interface DecisionsPageArgs {
  env: Env;
  marketId: string;
  fromMs: number;
  toMs: number;
  limit: number;
  cursor: string | null;
}

/**
 * One JSON page of a market's decisions, through the answer cache: the route's body, and the page
 * route's first screen (first-screen/), which asks for the same key so the two share one load.
 * The market is the caller's to check (requireMarket).
 */
export function decisionsPage({ cache, ctx, envs }: RouteOptions, a: DecisionsPageArgs) {
  const { env, marketId, fromMs, toMs, limit, cursor } = a;
  const key = `decisions:${env}:${marketId}:${fromMs}:${toMs}:${limit}:${cursor ?? ''}`;
  return cachedJson(cache, key, ctx.nowMs(), async () => {
    if (!(await envs.get(env).hasDecisionGsi())) {
      const page = await envs.get(env).readMarketDecisionsWithoutGsi({ marketId, fromMs, toMs, limit });
      return {
        body: { items: page.items.map(decisionJson), nextCursor: null },
        warnings: [missingGsiWarning(env, page.complete), ...page.warnings],
      };
    }
    try {
      const page = await envs.get(env).readMarketDecisions({ marketId, fromMs, toMs, limit, cursor });
      return {
        body: { items: page.items.map(decisionJson), nextCursor: page.nextCursor },
        warnings: page.warnings,
      };
    } catch (err) {
      if (err instanceof CursorError) throw badParam('cursor', err.message);
      // A start key DynamoDB refuses is still the cursor's fault, not the server's.
      if (cursor !== null && (err as Error).name === 'ValidationException') {
        throw badParam('cursor', 'cursor is not one this server issued for this list');
      }
      throw err;
    }
  });
}

export const decisionRoutes: FastifyPluginAsync<RouteOptions> = async (app, opts) => {
  const { ctx, cache, envs } = opts;
  const listSchema = {
    params: S.path({ marketId: S.marketId }),
    querystring: S.query({
      env: S.env,
      format: S.format,
      ...S.range,
      limit: S.integer(1, 1000),
      cursor: S.text,
    }),
  };
  app.get<{ Params: { marketId: string } }>(
    '/api/v1/markets/:marketId/decisions',
    { schema: listSchema },
    async (req, reply) => {
      const q = req.query;
      const env = envParam(q, ctx.defaultEnv);
      const format = formatParam(q);
      const { marketId } = req.params;
      const { fromMs, toMs } = rangeParams(q, ctx.nowMs(), 1);
      const limit = intParam(q, 'limit', 200);
      const cursor = strParam(q, 'cursor') ?? null;
      if (cursor !== null) checkDecisionCursor(cursor, env, marketId, fromMs, toMs);
      await requireMarket(envs, env, marketId);
      const name = `decisions-${env}-${marketId}`;
      if (format !== 'json' && (await envs.get(env).hasDecisionGsi())) {
        // An export is every decision of the range (limit and cursor page the JSON list only).
        const readPage = (next: string | null) =>
          envs.get(env).readMarketDecisions({ marketId, fromMs, toMs, limit: 1000, cursor: next });
        const toRow = (d: Decision) => decisionExportRow(decisionJson(d));
        // (Not `limit`: that is the JSON page size above.)
        const bound = {
          maxRows: MAX_EXPORT_DECISIONS[format],
          param: strParam(q, 'from') === undefined ? 'days' : 'from',
          what: 'decisions',
        };
        if (format === 'xlsx') {
          return sendExport(reply, format, {
            name,
            rows: await exportRows(readPage, toRow, bound),
            columns: DECISION_EXPORT_COLUMNS,
          });
        }
        const first = await readPage(null);
        return sendCsvStream(reply, name, exportCsv(first, readPage, toRow, DECISION_EXPORT_COLUMNS, bound));
      }
      const body = await decisionsPage(opts, { env, marketId, fromMs, toMs, limit, cursor });
      // Without the GSI an export is the bounded read's page, like the list (its warning says so).
      return replyWith(reply, format, body satisfies DecisionsPage, () => ({
        name,
        rows: body.items.map(decisionExportRow),
        columns: DECISION_EXPORT_COLUMNS,
      }));
    },
  );

  // `table` (exports only): the chain's order events (the default) or its fills.
  const chainSchema = {
    params: S.path({ decisionId: S.decisionId }),
    querystring: S.query({ env: S.env, format: S.format, table: S.text }),
  };
  app.get<{ Params: { decisionId: string } }>(
    '/api/v1/decisions/:decisionId',
    { schema: chainSchema },
    async (req, reply) => {
      const env = envParam(req.query, ctx.defaultEnv);
      const format = formatParam(req.query);
      // An export holds one of the chain's two tables; a bad name is refused before anything is read.
      const table = format === 'json' ? null : tableParam(req.query, ['events', 'fills']);
      const { decisionId } = req.params;
      await requireDecisionGsi(envs, env);
      const body = await cachedJson(cache, `decision:${env}:${decisionId}`, ctx.nowMs(), async () => {
        const data = envs.get(env);
        const found = await data.readDecisionById(decisionId);
        if (!found.decision) throw notFound(`no decision ${decisionId.slice(0, 120)} in ${env}`);
        const d = found.decision;
        const [executions, next, history] = await Promise.all([
          data.readDecisionExecutions(decisionId),
          data.readNextDecision(d.marketId, d.timestampRaw),
          data.fillHistory(),
        ]);
        // The fills this decision was in force for: from it up to the market's next decision, each with
        // its realized change, which needs the market's whole history (as the fills list has it).
        const untilMs = next.decision?.timeMs ?? Infinity;
        const fills = fillsWithRealized(history.fills.filter((f) => f.marketId === d.marketId))
          .filter((f) => f.fillTimeMs >= d.timeMs && f.fillTimeMs < untilMs)
          .sort((a, b) => a.fillTimeMs - b.fillTimeMs);
        return {
          body: {
            decision: decisionJson(d),
            nextDecisionAt: next.decision ? new Date(next.decision.timeMs).toISOString() : null,
            executions: executions.events.sort((a, b) => a.timeMs - b.timeMs).map(executionJson),
            fills: fills.map(fillWithRealizedJson),
          },
          warnings: [...found.warnings, ...executions.warnings, ...next.warnings],
        };
      });
      // The file is named by the decision's id, whose colons the download name turns into `_`.
      const name = () => `decision-${table}-${env}-${decisionId}`;
      return replyWith(reply, format, body satisfies DecisionDetailResponse, () =>
        table === 'fills'
          ? {
              name: name(),
              // Every fill of the chain is one this decision was in force for: it is each one's decision.
              rows: body.fills.map((f) => fillExportRow(f, body.decision.decisionId)),
              columns: FILL_EXPORT_COLUMNS,
            }
          : { name: name(), rows: body.executions, columns: EXECUTION_EXPORT_COLUMNS },
      );
    },
  );
};

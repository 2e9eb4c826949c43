// GET /api/v1/health: is the store reachable, do the ten tables and their indexes exist.
import type { FastifyPluginAsync } from 'fastify';
import { describeEnvTables, probeHasData } from '../../store/describe.js';
import { CLOCK_SKEW_MS, readLatestSystemDecision } from '../../store/read-decisions.js';
import { DAY_MS, utcDate } from '../../core/time.js';
import type { AppContext } from '../context.js';
import { TtlCache } from '../cache.js';
import { envParam } from '../params.js';
import { failureName, storeUnavailable } from '../errors.js';
import { withTally } from '../../store/stats.js';
import { DECISION_GSI, EXECUTION_GSI } from '../../store/tables.js';
import type { Env, Warning } from '../../core/types.js';
import * as S from '../schemas.js';
import type { HealthResponse, MarketDataStatusJson } from '../../api/types.js';

/** The source's status, every field named (none passed through unseen on this open route). */
function marketDataStatus(ctx: AppContext, env: Env): MarketDataStatusJson | null {
  if (!ctx.marketData) return null;
  try {
    const s = ctx.marketData.status(env);
    return {
      source: s.source,
      settlementsEnabled: s.settlementsEnabled,
      fetchedAt: s.fetchedAt,
      ageMs: s.ageMs,
      lastError: s.lastError,
      lastErrorAt: s.lastErrorAt,
      requests: s.requests,
      errors: s.errors,
    };
  } catch (err) {
    // Health must answer whatever the source does.
    const message = err instanceof Error ? err.message : String(err);
    return {
      source: 'unknown',
      settlementsEnabled: false,
      fetchedAt: null,
      ageMs: null,
      lastError: `status failed: ${message}`,
      lastErrorAt: null,
      requests: 0,
      errors: 0,
    };
  }
}

export const healthRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  // Load balancers poll health every few seconds: one set of reads per env per TTL, shared.
  const cache = new TtlCache(5_000, ctx.nowMs);
  app.get('/api/v1/health', { schema: { querystring: S.query({ env: S.env }) } }, async (req, reply) => {
    const env = envParam(req.query, ctx.defaultEnv);
    // The market-data source's own status: no request of its own, never waits, store or no store.
    const marketData = marketDataStatus(ctx, env);
    try {
      const { result: tables, tally } = await cache.strict(`health:${env}`, () =>
        withTally(async () => {
          const described = await describeEnvTables(ctx.client, env);
          const now = ctx.nowMs();
          const system = described.find((t) => t.base === 'dora_decision_log')?.indexes.includes(DECISION_GSI)
            ? await readLatestSystemDecision(ctx.client, env, ctx.nowMs() + CLOCK_SKEW_MS)
            : { decision: null };
          const probe = {
            today: utcDate(now),
            yesterday: utcDate(now - DAY_MS),
            runId: system.decision?.botRunId ?? null,
          };
          await Promise.all(
            described
              .filter((t) => t.exists)
              .map(async (t) => {
                t.hasData = await probeHasData(ctx.client, env, t.base, probe);
              }),
          );
          return described;
        }),
      );
      const warnings: Warning[] = [];
      for (const t of tables) {
        if (!t.exists)
          warnings.push({
            code: 'missing_table',
            message: `table ${t.name} does not exist in ${ctx.region}`,
          });
      }
      const dec = tables.find((t) => t.base === 'dora_decision_log');
      if (dec?.exists && !dec.indexes.includes(DECISION_GSI)) {
        warnings.push({
          code: 'missing_gsi',
          message: `${dec.name} has no ${DECISION_GSI}: per-market decision reads are bounded and partial; run the bot's add_decision_log_gsi.py`,
        });
      }
      const ex = tables.find((t) => t.base === 'dora_execution_log');
      if (ex?.exists && !ex.indexes.includes(EXECUTION_GSI)) {
        warnings.push({ code: 'missing_gsi', message: `${ex.name} has no ${EXECUTION_GSI}` });
      }
      return {
        ok: tables.every((t) => t.exists),
        source: ctx.source,
        env,
        region: ctx.region,
        tables,
        meta: { generatedAt: new Date(ctx.nowMs()).toISOString(), cache: 'miss', dynamo: tally },
        warnings,
        marketData,
      } satisfies HealthResponse;
    } catch (err) {
      // Open to anyone (load balancers): the error's name and a stable code, the rest in the log.
      const e = storeUnavailable(err);
      req.log.warn({ err }, `health: ${e.message}`);
      reply.code(503);
      return {
        ok: false,
        source: ctx.source,
        env,
        region: ctx.region,
        tables: [],
        error: { code: e.code, name: failureName(err), message: e.message },
        marketData,
      } satisfies HealthResponse;
    }
  });
};

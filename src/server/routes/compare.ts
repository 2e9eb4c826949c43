// GET /api/v1/compare?markets=A,B&from&to — per-market statistics for the range and the series to
// overlay (cumulative realized P&L and position). At most 12 markets; each costs one sampled book
// series (40 newest-first GSI reads, fewer where one read covers several samples) and one read of its
// order events (only the attributes the latency figure reads).
//
// Issue 18's trace of a cold Compare of 6 markets (D, 7 days): 354 DynamoDB requests — 240 for the
// spread samples, 42 for the walk of each market's runs (a serial chain per market), 72+ for the
// events, 5–13 MB of them in full — with the markets read three at a time, so two waves of serial
// walks one after the other. Every market is now read at once (the client caps the requests in
// flight per table), the samples with fewer, covering reads, and the events projected.
import type { FastifyPluginAsync } from 'fastify';
import { compareMarket, type CompareRow } from '../../core/compare.js';
import { toApiTime } from '../../core/time.js';
import { CLOCK_SKEW_MS } from '../../store/read-decisions.js';
import { ANALYTICS_ATTRIBUTES } from '../../store/read-executions.js';
import type { RouteOptions } from '../context.js';
import { columnsOf } from '../csv.js';
import { requireDecisionGsi, requireMarket } from '../guards.js';
import { compareMarketsParam, envParam, formatParam, rangeParams, strParam } from '../params.js';
import type { RecentAnchors } from '../recent-anchors.js';
import { cachedJson } from '../respond.js';
import * as S from '../schemas.js';
import { replyWith } from '../table-reply.js';
import type { CompareResponse } from '../../api/types.js';
import type { Env } from '../../core/types.js';

const SPREAD_SAMPLES = 40;
/**
 * Parallel chains of covering reads per market for the samples (readQuoteDecisionsAt, projected): with 40 samples
 * and 32 chains each sample is nearly its own read; 8 chains let one read answer several samples
 * where decisions are sparse beside them (the answers are the same, a tested property).
 */
const SPREAD_READ_CHAINS = 8;

/** CSV/xlsx columns of /compare (see columnsOf). */
const COMPARE_COLUMNS = columnsOf<CompareRow>({
  marketId: true,
  fills: true,
  contracts: true,
  volumeUsd: true,
  realized: true,
  feesUsd: true,
  fillRatePerDay: true,
  avgSpread: true,
  latencyP95Ms: true,
  netAtEnd: true,
});

export interface CompareArgs {
  env: Env;
  /** 1–12 distinct market ids, checked (marketIdParam). */
  markets: readonly string[];
  fromMs: number;
  toMs: number;
}

/**
 * The comparison's JSON body through the answer cache: the route's, and the page route's first
 * screen (first-screen/), which asks for the same key so the two share one load.
 */
export async function compareAnswer({ ctx, cache, envs }: RouteOptions, a: CompareArgs) {
  const { env, markets, fromMs, toMs } = a;
  for (const m of markets) await requireMarket(envs, env, m);
  await requireDecisionGsi(envs, env);
  return cachedJson(cache, `compare:${env}:${markets.join(',')}:${fromMs}:${toMs}`, ctx.nowMs(), async () => {
    const data = envs.get(env);
    // Beside the reads, not before them (a refresh of the fills is a read of its own).
    const historyRead = data.fillHistory();
    const endMs = Math.min(toMs, ctx.nowMs() + CLOCK_SKEW_MS);
    const times = Array.from({ length: SPREAD_SAMPLES }, (_, i) =>
      Math.round(fromMs + (i * (endMs - fromMs)) / (SPREAD_SAMPLES - 1)),
    );
    const results = await Promise.all(
      markets.map(async (m) => {
        const [book, events, history] = await Promise.all([
          data.readQuoteDecisionsAt(m, times, SPREAD_READ_CHAINS),
          // Latency is all compareMarket reads of an event: the analytics tab's attributes (and
          // its cached runs).
          data.marketEvents(m, fromMs, toMs, { attributes: ANALYTICS_ATTRIBUTES }),
          historyRead,
        ]);
        const spreads = times.map((t) => {
          const b = book.byTime.get(t)?.book;
          return b && b.bestBid !== null && b.bestAsk !== null ? b.bestAsk - b.bestBid : null;
        });
        return {
          ...compareMarket(m, history.fills, events.events, spreads, fromMs, toMs),
          warnings: [...book.warnings, ...events.warnings],
        };
      }),
    );
    return {
      body: {
        env,
        from: toApiTime(fromMs),
        to: toApiTime(toMs),
        items: results.map((r) => r.row),
        series: results.map((r) => ({
          marketId: r.row.marketId,
          points: r.series.map((p) => ({ ...p, time: toApiTime(p.time) })),
        })),
      },
      warnings: results.flatMap((r) => r.warnings),
    };
  });
}

export type CompareRouteOptions = RouteOptions & { anchors: RecentAnchors };

/** The key under which a lookback of this comparison shares its end (RecentAnchors). */
export function compareLookbackKey(env: Env, markets: readonly string[], days: string | undefined): string {
  return `compare:${env}:${markets.join(',')}:${days ?? ''}`;
}

export const compareRoutes: FastifyPluginAsync<CompareRouteOptions> = async (app, opts) => {
  const { ctx, anchors } = opts;
  // `markets`: 1–12 comma-separated ids, each checked as a path's marketId is (params.ts).
  const schema = { querystring: S.query({ env: S.env, format: S.format, markets: S.text, ...S.range }) };
  app.get('/api/v1/compare', { schema }, async (req, reply) => {
    const q = req.query;
    const env = envParam(q, ctx.defaultEnv);
    const format = formatParam(q);
    const markets = compareMarketsParam(strParam(q, 'markets'));
    // A lookback ending now ends where the same one asked for a moment ago does (recent-anchors.ts).
    const lookback = strParam(q, 'to') === undefined && strParam(q, 'from') === undefined;
    const nowMs = lookback
      ? anchors.anchor(compareLookbackKey(env, markets, strParam(q, 'days')), ctx.nowMs())
      : ctx.nowMs();
    const { fromMs, toMs } = rangeParams(q, nowMs, 7);
    const body = await compareAnswer(opts, { env, markets, fromMs, toMs });
    return replyWith(reply, format, body satisfies CompareResponse, () => ({
      name: `compare-${env}`,
      rows: body.items,
      columns: COMPARE_COLUMNS,
    }));
  });
};

// One iteration of the bot's per-market loop: for each enabled market in config order, fetch
// book and trades (time passes), process new fills, decide quotes, log the decision, fix orders.
import { isEnabledAt } from '../markets.js';
import { makeBook } from '../book.js';
import { MS_US, SECOND_US } from '../format.js';
import { decisionId, marketDecisionItem, snapshotOf } from '../items/decision.js';
import { decideQuotes } from '../strategy.js';
import type { SimMarket } from '../types.js';
import { marketRng, positionOf, type BotCtx } from './context.js';
import { advanceMarket, processFill } from './fills.js';
import { syncOrders } from './orders.js';
import { saveState } from './save.js';
import type { Rng } from '../prng.js';
import type { TargetQuote } from '../strategy.js';

const KALSHI_HOST = { demo: 'demo-api.kalshi.co', prod: 'api.elections.kalshi.com' } as const;

type ApiFailure = { code: string | null; status: number | null; msg: string };

function orderbookUrl(ctx: BotCtx, ticker: string): string {
  return `https://${KALSHI_HOST[ctx.state.env]}/trade-api/v2/markets/${ticker}/orderbook`;
}

function recordApiError(
  ctx: BotCtx,
  ticker: string,
  loop: number,
  us: number,
  failure: ApiFailure,
  persistent: boolean,
): void {
  const prev = ctx.state.apiErrors[ticker];
  const count = prev
    ? prev.count + (persistent && prev.persistent ? Math.max(1, loop - prev.lastLoop) : 1)
    : 1;
  ctx.state.apiErrors[ticker] = { count, lastLoop: loop, persistent, lastErrorUs: us, ...failure };
}

function transientFailure(ctx: BotCtx, rng: Rng, ticker: string): ApiFailure {
  return rng.chance(0.5)
    ? {
        code: 'too_many_requests',
        status: 429,
        msg: `429 Client Error: Too Many Requests for url: ${orderbookUrl(ctx, ticker)}`,
      }
    : {
        code: 'ReadTimeout',
        status: null,
        msg: `HTTPSConnectionPool(host='${KALSHI_HOST[ctx.state.env]}', port=443): Read timed out. (read timeout=10)`,
      };
}

/** Loop start time of a loop index in the current run. */
export function loopStartUs(ctx: BotCtx, loop: number): number {
  const run = ctx.state.run;
  if (!run) throw new Error('no bot run');
  return run.firstLoopUs + loop * run.loopPeriodUs;
}

/**
 * Runs loop `loop` of the current run; returns the time the loop finished. `startUs` overrides
 * the nominal start (live mode follows the wall clock; the history pins one loop to a midnight).
 */
export function runLoop(ctx: BotCtx, loop: number, startUs?: number): number {
  const { state } = ctx;
  const run = state.run;
  if (!run) throw new Error('no bot run');
  let us = (startUs ?? loopStartUs(ctx, loop)) + ctx.rng.int(20, 80) * MS_US;
  if ((run.mode ?? 'per_market') === 'batch') return runBatchLoop(ctx, loop, us);
  for (const m of state.markets) {
    if (!isEnabledAt(m.spec, us)) continue;
    us = processMarket(ctx, m, loop, us);
  }
  run.lastLoop = loop;
  state.clockUs = Math.max(state.clockUs, us);
  return us;
}

/**
 * run_loop_batch: reconcile with the exchange, process fills, compute every enabled market's
 * targets (one decision each), then batch-cancel and batch-place — neither writes to the
 * execution log — and save state every loop. A failing market (a 404 on a settled one) just
 * gets no decision: batch mode keeps no api_errors (contract §6.13).
 */
function runBatchLoop(ctx: BotCtx, loop: number, startUs: number): number {
  const { state } = ctx;
  const run = state.run;
  if (!run) throw new Error('no bot run');
  let us = startUs;
  const wanted: { m: SimMarket; targets: TargetQuote[]; id: string }[] = [];
  for (const m of state.markets) {
    if (!isEnabledAt(m.spec, us)) {
      // Orders of a market no longer configured are in the exchange's list but have no targets.
      if (m.dyn.bid || m.dyn.ask)
        wanted.push({ m, targets: [], id: decisionId(run.runId, m.spec.ticker, loop) });
      continue;
    }
    const step = decideMarket(ctx, m, loop, us, false);
    us = step.us;
    // A market that failed gets no targets, so its orders are cancelled with the others.
    wanted.push({ m, targets: step.targets ?? [], id: step.id });
  }
  for (const { m, targets, id } of wanted) {
    us = syncOrders(ctx, marketRng(m), m, targets, id, loop, us + ctx.rng.int(2, 10) * MS_US, { log: false });
  }
  run.lastLoop = loop;
  saveState(ctx, us + ctx.rng.int(5, 40) * MS_US);
  state.clockUs = Math.max(state.clockUs, us);
  return us;
}

function processMarket(ctx: BotCtx, m: SimMarket, loop: number, startUs: number): number {
  const step = decideMarket(ctx, m, loop, startUs, true);
  if (!step.targets) return step.us;
  return syncOrders(
    ctx,
    marketRng(m),
    m,
    step.targets,
    step.id,
    loop,
    step.us + marketRng(m).int(2, 10) * MS_US,
  );
}

interface MarketStep {
  us: number;
  /** null ⇒ processing the market failed before its decision (nothing to do with orders). */
  targets: TargetQuote[] | null;
  id: string;
}

/** Fetch book and trades, process the market's new fills, decide and log the decision. */
function decideMarket(
  ctx: BotCtx,
  m: SimMarket,
  loop: number,
  startUs: number,
  trackErrors: boolean,
): MarketStep {
  const { state } = ctx;
  const run = state.run;
  if (!run) throw new Error('no bot run');
  const rng = marketRng(m);
  const [stepLo, stepHi] = state.marketStepUs;
  let us = startUs + rng.int(stepLo, stepHi);
  const id = decisionId(run.runId, m.spec.ticker, loop);
  const settled = m.dyn.settled || (m.spec.settle !== null && us >= m.spec.settle.atUs);
  if (settled) {
    // Kalshi 404s the closed market's order book: no decision, an api_errors entry every loop.
    for (const f of advanceMarket(ctx, m, us))
      processFill(ctx, rng, f, 'loop', Math.min(us, f.fill.fillUs + SECOND_US));
    if (trackErrors) {
      recordApiError(
        ctx,
        m.spec.ticker,
        loop,
        us,
        {
          code: 'not_found',
          status: 404,
          msg: `404 Client Error: Not Found for url: ${orderbookUrl(ctx, m.spec.ticker)}`,
        },
        true,
      );
    }
    return { us, targets: null, id };
  }
  if (rng.chance(0.0005)) {
    const failure = transientFailure(ctx, rng, m.spec.ticker);
    if (trackErrors) recordApiError(ctx, m.spec.ticker, loop, us, failure, false);
    return { us, targets: null, id };
  }
  const straddle = ctx.inject?.straddleUs ?? null;
  if (straddle !== null && straddle < us && startUs < straddle && ctx.inject) {
    // The decision right after midnight: its `date` clock read still saw the previous day.
    us = straddle + 7;
    ctx.inject.straddleUs = null;
  }
  for (const f of advanceMarket(ctx, m, us)) {
    // Logged by the next loop (utcnow, µs): usually seconds after the fill, sometimes minutes.
    const delayUs = rng.chance(0.9) ? rng.int(300_000, 6_000_000) : rng.int(20 * SECOND_US, 240 * SECOND_US);
    const logUs = f.logAtUs ?? Math.min(f.fill.fillUs + delayUs, Math.max(f.fill.fillUs + MS_US, us - MS_US));
    processFill(ctx, rng, f, 'loop', logUs);
  }
  // get_inventory: the first touch of a market creates its zero entry in positions.
  const pos = positionOf(state, m.spec.ticker);
  const book = makeBook(rng, m.spec, m.dyn);
  const snap = snapshotOf(book);
  const era = ctx.eras.at(us);
  const { priceCalc, targets } = decideQuotes(m.spec, pos, snap, m.dyn.trades, us, era);
  if (era.writesDecisions) {
    ctx.sink.put(
      'dora_decision_log',
      marketDecisionItem({
        era,
        env: state.env,
        us,
        marketId: m.spec.ticker,
        runId: run.runId,
        botVersion: run.botVersion,
        loop,
        book,
        snap,
        trades: m.dyn.trades,
        netYesQty: pos.netYesQty,
        priceCalc,
        targets,
      }),
    );
  }
  return { us, targets, id };
}

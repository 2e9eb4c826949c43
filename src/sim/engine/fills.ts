// Moving a market forward in time (fair value, public trades, settlement) and turning the fills
// of our resting orders into position changes, trade-log items and FILL events.
import { applyFill, closingPnlUsd } from '../avg-cost.js';
import {
  evolveFair,
  fairPriceYes,
  fillProbability,
  informedTaker,
  logit,
  publicTrades,
  pushTrades,
} from '../book.js';
import { ceilCentFeeUsd, makerFeeUsd } from '../fees.js';
import { HOUR_US, kalshiTime, SECOND_US } from '../format.js';
import { fillEventItem } from '../items/execution.js';
import { tradeItem, type SimFill } from '../items/trade.js';
import type { Rng } from '../prng.js';
import type { SimMarket, SimOrder } from '../types.js';
import { executionLogged, marketRng, positionOf, type BotCtx } from './context.js';

export interface OurFill {
  fill: SimFill;
  order: SimOrder | null;
  /** Set on the planted midnight fill: the bot logged it after midnight. */
  logAtUs?: number;
}

/**
 * `size` contracts of our resting order filled at `fillUs` (its price): the order leaves the book
 * once nothing of it remains.
 */
function takeFrom(rng: Rng, m: SimMarket, order: SimOrder, size: number, fillUs: number): SimFill {
  order.remaining -= size;
  if (order.remaining === 0) {
    if (order.side === 'bid') m.dyn.bid = null;
    else m.dyn.ask = null;
  }
  return {
    marketId: m.spec.ticker,
    side: order.side === 'bid' ? 'yes' : 'no',
    priceYes: order.cents / 100,
    size,
    orderId: order.orderId,
    fillId: rng.uuid(),
    fillUs,
  };
}

/**
 * Advances a market to `toUs` and returns our fills in (lastUs, toUs], oldest first. A market
 * that reaches its settlement time is frozen at the settlement price and Kalshi drops its orders.
 */
export function advanceMarket(ctx: BotCtx, m: SimMarket, toUs: number): OurFill[] {
  const { dyn, spec } = m;
  if (dyn.settled || toUs <= dyn.lastUs) return [];
  const rng = marketRng(m);
  const settleUs = spec.settle?.atUs ?? Number.POSITIVE_INFINITY;
  const endUs = Math.min(toUs, settleUs);
  const fromUs = dyn.lastUs;
  const dtHours = (endUs - fromUs) / HOUR_US;
  evolveFair(rng, spec, dyn, endUs);
  const trades = publicTrades(rng, spec, dyn, endUs);
  const fills: OurFill[] = [];
  const usedMs = new Set<number>();
  for (const order of [dyn.bid, dyn.ask]) {
    if (!order || dtHours <= 0) continue;
    const p = fillProbability(order, dyn, dtHours, ctx.state.fillRateMultiplier, spec);
    let fillUs: number | null = rng.chance(p)
      ? pickFillUs(rng, Math.max(fromUs, order.placedUs), endUs, usedMs)
      : null;
    let logAtUs: number | undefined;
    const midnight = ctx.inject?.midnightFillUs ?? null;
    if (
      fillUs === null &&
      midnight !== null &&
      midnight > Math.max(fromUs, order.placedUs) + 60 * SECOND_US &&
      midnight < endUs
    ) {
      // Just before midnight, logged just after it: the old-era item lands in the next date.
      fillUs = pickFillUs(rng, midnight - 40 * SECOND_US, midnight - SECOND_US, usedMs);
      if (fillUs !== null && ctx.inject) {
        ctx.inject.midnightFillUs = null;
        logAtUs = midnight + Math.round(rng.uniform(0.2, 0.9) * Math.min(50 * SECOND_US, endUs - midnight));
      }
    }
    if (fillUs === null) continue;
    const size = rng.chance(0.6) ? order.remaining : rng.int(1, order.remaining);
    fills.push({
      order,
      ...(logAtUs === undefined ? {} : { logAtUs }),
      fill: takeFrom(rng, m, order, size, fillUs),
    });
  }
  const informed = informedTaker(rng, spec, dyn, dtHours);
  if (informed && informed.order.remaining > 0) {
    // Adverse selection: the taker takes the whole order, then the price runs through it — the
    // fill is before the jump, so the decision in force at the fill still shows the old mid.
    const { order } = informed;
    const fillUs = pickFillUs(rng, Math.max(fromUs, order.placedUs), endUs, usedMs);
    if (fillUs !== null) {
      fills.push({ order, fill: takeFrom(rng, m, order, order.remaining, fillUs) });
      dyn.fvLogit = logit(informed.toCents / 100);
    }
  }
  fills.sort((a, b) => a.fill.fillUs - b.fill.fillUs);
  // Our fills are public trades too; they show up in recent_trades.
  pushTrades(dyn, [
    ...trades,
    ...fills.map(({ fill }) => ({
      cents: Math.round(fill.priceYes * 100),
      size: fill.size,
      us: fill.fillUs,
      kalshiTs: kalshiTime(fill.fillUs),
    })),
  ]);
  dyn.lastUs = toUs;
  if (toUs >= settleUs) {
    dyn.settled = true;
    dyn.fvLogit = logit(spec.settle?.priceYes ?? fairPriceYes(dyn));
    dyn.bid = null;
    dyn.ask = null;
  }
  return fills;
}

/** A Kalshi fill time (ms precision; now and then a whole second) strictly inside (lo, hi). */
function pickFillUs(rng: Rng, loUs: number, hiUs: number, used: Set<number>): number | null {
  const loMs = Math.floor(loUs / 1000) + 1;
  const hiMs = Math.floor(hiUs / 1000) - 1;
  if (hiMs < loMs) return null;
  let ms = rng.int(loMs, hiMs);
  if (rng.chance(0.04)) ms = Math.max(loMs, Math.floor(ms / 1000) * 1000);
  while (used.has(ms)) ms++;
  used.add(ms);
  return ms * 1000;
}

export type FillMode = 'loop' | 'backfill';

/** The fee and realized change the trade item stores under the era's rule (§6.6). */
function storedFeeAndPnl(
  ctx: BotCtx,
  regime: 'kalshi' | 'ceil_cent' | 'maker',
  rng: Rng,
  closingUsd: number,
  deltaUsd: number,
  fill: SimFill,
): { feesUsd: number | undefined; pnlUsd: number } {
  if (regime === 'maker') return { feesUsd: makerFeeUsd(fill.priceYes, fill.size), pnlUsd: deltaUsd };
  if (regime === 'ceil_cent') {
    const fee = ceilCentFeeUsd(fill.priceYes, fill.size);
    return { feesUsd: fee, pnlUsd: closingUsd - fee };
  }
  // Kalshi's fill payload usually had no fee field then (stored 0); pnl excluded fees.
  if (ctx.inject?.omitFeesOnce) {
    ctx.inject.omitFeesOnce = false;
    return { feesUsd: undefined, pnlUsd: closingUsd };
  }
  return { feesUsd: rng.chance(0.7) ? 0 : ceilCentFeeUsd(fill.priceYes, fill.size), pnlUsd: closingUsd };
}

/**
 * Applies one fill to the bot's position (current fee formula — what the bot's positions use),
 * writes its trade-log item as the era at `logUs` wrote it, and a FILL event when the bot still
 * knew the order's decision id.
 */
export function processFill(ctx: BotCtx, rng: Rng, f: OurFill, mode: FillMode, logUs: number): void {
  const { fill } = f;
  const { state } = ctx;
  const era = ctx.eras.at(logUs);
  const pos = positionOf(state, fill.marketId);
  const closingUsd = closingPnlUsd(pos, fill.side, fill.priceYes, fill.size);
  const feeNowUsd = makerFeeUsd(fill.priceYes, fill.size);
  const deltaUsd = applyFill(pos, fill.side, fill.priceYes, fill.size, feeNowUsd);
  const stored = storedFeeAndPnl(ctx, era.feeRegime, rng, closingUsd, deltaUsd, fill);
  const backfill = mode === 'backfill';
  if (!backfill) state.risk.dailyPnlUsd += deltaUsd;
  if (state.risk.lastFillUs === null || fill.fillUs > state.risk.lastFillUs)
    state.risk.lastFillUs = fill.fillUs;
  ctx.sink.put(
    'dora_trade_log',
    tradeItem({
      fill,
      logUs,
      era,
      pnlRealizedUsd: backfill ? 0 : stored.pnlUsd,
      feesUsd: stored.feesUsd,
      reconciledAtStartup: backfill,
      datesFixed: ctx.inject?.datesFixed ?? false,
    }),
  );
  if (ctx.inject && !backfill) {
    const list = era.tradeKey === 'log_time' ? ctx.inject.oldKeyFills : ctx.inject.newKeyFills;
    list.push(fill);
    if (list.length > 4) list.shift();
  }
  const run = state.run;
  const order = f.order;
  if (backfill || !run || !order || order.runId !== run.runId || !executionLogged(ctx, logUs)) return;
  if ((run.mode ?? 'per_market') === 'batch') {
    // Batch mode reconciles with the exchange at the start of every loop, before it processes
    // fills: a local copy (with its decision id) survives only when the exchange no longer lists
    // the order because this fill completed it, and the order is younger than the 60 s grace.
    const completedAtOnce = order.remaining === 0 && fill.size === order.size;
    if (!completedAtOnce || fill.fillUs - order.placedUs >= 60 * SECOND_US) return;
  } else {
    // Reconciliation every 5 loops swaps local orders for exchange copies without decision ids,
    // so only fills of young orders (and, now and then, a local copy that survived because the
    // exchange had not reported it yet) still know their decision.
    const young = fill.fillUs - order.placedUs < 90 * SECOND_US;
    if (!young && !rng.chance(0.1)) return;
  }
  ctx.sink.put(
    'dora_execution_log',
    fillEventItem(
      {
        runId: run.runId,
        decisionId: order.decisionId,
        us: logUs,
        market: fill.marketId,
        botVersion: run.botVersion,
        env: state.env,
      },
      {
        fillId: fill.fillId,
        orderId: fill.orderId,
        side: fill.side,
        priceYes: fill.priceYes,
        size: fill.size,
        pnlDeltaUsd: deltaUsd,
        feesUsd: feeNowUsd,
        clientOrderId: order.clientOrderId,
      },
    ),
  );
}

// Keeping our resting orders in line with the decision's targets, the way the bot's per-market
// mode does: cancel what no longer matches, place what is missing, logging ORDER_* events.
import type { BidAsk } from '../../core/types.js';
import { MS_US } from '../format.js';
import {
  cancelResultItem,
  orderCancelItem,
  orderPlaceItem,
  placementResultItem,
  type CancelOutcome,
  type EventBase,
  type PlacementOutcome,
} from '../items/execution.js';
import type { Rng } from '../prng.js';
import type { TargetQuote } from '../strategy.js';
import type { SimMarket, SimOrder } from '../types.js';
import { executionLogged, latencyMs, type BotCtx } from './context.js';

const REJECTIONS: { code: string | null; msg: string }[] = [
  { code: 'insufficient_balance', msg: 'insufficient balance' },
  { code: 'market_closed', msg: 'market is closed' },
  { code: 'post_only_cross', msg: 'post only order would cross' },
  { code: null, msg: '400 Client Error: Bad Request' },
];

function eventBase(ctx: BotCtx, decisionId: string, us: number, market: string): EventBase {
  const run = ctx.state.run;
  if (!run) throw new Error('order action outside a bot run');
  return { runId: run.runId, decisionId, us, market, botVersion: run.botVersion, env: ctx.state.env };
}

/** Cancels one order; returns the time after the call and whether the order is gone. */
export function cancelOrder(
  ctx: BotCtx,
  rng: Rng,
  market: string,
  order: SimOrder,
  decisionId: string,
  atUs: number,
  allowError: boolean,
): { us: number; gone: boolean } {
  const latency = latencyMs(rng);
  const roll = rng.float();
  const outcome: CancelOutcome =
    allowError && roll < 0.01
      ? {
          status: 'ERROR',
          errorMsg:
            '500 Server Error: Internal Server Error for url: https://api.elections.kalshi.com/trade-api/v2/portfolio/orders/' +
            order.orderId,
        }
      : roll < 0.04
        ? { status: 'ALREADY_GONE' }
        : { status: 'CANCELLED' };
  const resultUs = atUs + latency * MS_US;
  if (executionLogged(ctx, atUs)) {
    ctx.sink.put(
      'dora_execution_log',
      orderCancelItem(eventBase(ctx, decisionId, atUs, market), order.orderId),
    );
    ctx.sink.put(
      'dora_execution_log',
      cancelResultItem(eventBase(ctx, decisionId, resultUs, market), order.orderId, outcome, latency),
    );
  }
  return { us: resultUs + rng.int(1, 4) * MS_US, gone: outcome.status !== 'ERROR' };
}

function placeOrder(
  ctx: BotCtx,
  rng: Rng,
  market: string,
  target: TargetQuote,
  decisionId: string,
  loop: number,
  atUs: number,
): { us: number; order: SimOrder | null } {
  const clientOrderId = rng.hex(16);
  const latency = latencyMs(rng);
  const resultUs = atUs + latency * MS_US;
  const roll = rng.float();
  const orderId = rng.uuid();
  let outcome: PlacementOutcome;
  if (roll < 0.025) {
    const rejection = rng.pick(REJECTIONS);
    outcome = { status: 'REJECTED', errorCode: rejection.code, errorMsg: rejection.msg };
  } else if (roll < 0.032) {
    outcome = {
      status: 'ERROR',
      errorType: rng.pick(['ReadTimeout', 'ConnectionError']),
      errorMsg:
        "HTTPSConnectionPool(host='api.elections.kalshi.com', port=443): Read timed out. (read timeout=10)",
    };
  } else {
    outcome = { status: 'ACCEPTED', orderId };
  }
  if (executionLogged(ctx, atUs)) {
    const fields = { side: target.side, priceYes: target.priceYes, size: target.size, clientOrderId };
    ctx.sink.put('dora_execution_log', orderPlaceItem(eventBase(ctx, decisionId, atUs, market), fields));
    ctx.sink.put(
      'dora_execution_log',
      placementResultItem(eventBase(ctx, decisionId, resultUs, market), fields, outcome, latency),
    );
  }
  const run = ctx.state.run;
  const order: SimOrder | null =
    outcome.status === 'ACCEPTED' && run
      ? {
          orderId,
          clientOrderId,
          side: target.side,
          targetPriceYes: target.priceYes,
          // int(price × 100) truncates: 0.29 → 28¢, 0.58 → 57¢ (contract §5.8).
          cents: Math.trunc(target.priceYes * 100),
          size: target.size,
          remaining: target.size,
          placedUs: resultUs,
          decisionId,
          runId: run.runId,
          placedLoop: loop,
        }
      : null;
  return { us: resultUs + rng.int(1, 4) * MS_US, order };
}

/** Aligns the market's resting orders with the targets; returns the time after the last call. */
export function syncOrders(
  ctx: BotCtx,
  rng: Rng,
  m: SimMarket,
  targets: TargetQuote[],
  decisionId: string,
  loop: number,
  startUs: number,
): number {
  let us = startUs;
  for (const side of ['bid', 'ask'] as BidAsk[]) {
    const target = targets.find((t) => t.side === side) ?? null;
    const existing = m.dyn[side];
    const unchanged =
      existing &&
      target &&
      Math.abs(existing.targetPriceYes - target.priceYes) < 1e-9 &&
      existing.remaining === target.size;
    if (unchanged) continue;
    if (existing) {
      const res = cancelOrder(ctx, rng, m.spec.ticker, existing, decisionId, us, true);
      us = res.us;
      // A failed cancel leaves the order working; the bot tries again next loop.
      if (!res.gone) continue;
      m.dyn[side] = null;
    }
    if (target) {
      const res = placeOrder(ctx, rng, m.spec.ticker, target, decisionId, loop, us);
      us = res.us;
      m.dyn[side] = res.order;
    }
  }
  return us;
}

/** Cancels every resting order (startup, halt, fatal cleanup) under a system decision id. */
export function cancelAll(ctx: BotCtx, decisionId: string, startUs: number): number {
  let us = startUs;
  for (const m of ctx.state.markets) {
    for (const side of ['bid', 'ask'] as BidAsk[]) {
      const order = m.dyn[side];
      if (!order) continue;
      us = cancelOrder(ctx, ctx.rng, m.spec.ticker, order, decisionId, us, false).us;
      m.dyn[side] = null;
    }
  }
  return us;
}

export function openOrderCount(ctx: BotCtx): number {
  return ctx.state.markets.reduce((n, m) => n + (m.dyn.bid ? 1 : 0) + (m.dyn.ask ? 1 : 0), 0);
}

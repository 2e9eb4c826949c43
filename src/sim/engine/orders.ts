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

/** How an order action is logged: per-market mode writes ORDER_* events; batch mode's batch
 *  endpoints write nothing to the execution log (contract §2.5, §6.13). */
export interface ActionOptions {
  log: boolean;
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
  opts: ActionOptions & { alreadyGone?: boolean } = { log: true },
): { us: number; gone: boolean } {
  const latency = latencyMs(rng);
  const roll = rng.float();
  const outcome: CancelOutcome = opts.alreadyGone
    ? { status: 'ALREADY_GONE' }
    : allowError && roll < 0.01
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
  if (opts.log && executionLogged(ctx, atUs)) {
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
  opts: ActionOptions,
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
  if (opts.log && executionLogged(ctx, atUs)) {
    // ORDER_PLACE / ORDER_RESULT carry the target float; the exchange rests int(price × 100).
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
          // int(price × 100) truncates: 0.29 → 28¢, 0.58 → 57¢ (contract §5.8, §6.20).
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

/**
 * The price the bot compares a target with: its own target float while its local copy of the
 * order lives (per-market mode until the reconciliation every 5 loops), otherwise the exchange's
 * copy, yes_price / 100 — so a 0.58 target resting at 57¢ no longer matches and is replaced.
 */
function knownPriceYes(ctx: BotCtx, order: SimOrder, loop: number): number {
  const run = ctx.state.run;
  const local =
    run !== null &&
    (run.mode ?? 'per_market') === 'per_market' &&
    order.runId === run.runId &&
    Math.floor(order.placedLoop / 5) === Math.floor(loop / 5);
  return local ? order.targetPriceYes : order.cents / 100;
}

/** The bot's diff tolerance (half a tick). */
const MATCH_TOLERANCE = 0.005;

/**
 * Aligns the market's resting orders with the targets; returns the time after the last call.
 * Per-market mode logs every action; when the loop cancels an order and then has something to
 * place, the bot re-adds the loop's prefetched exchange orders to its local state, so the
 * cancelled ones come back as ghosts (listed by the next state save, contract §6.20). Batch mode
 * (`log: false`) writes nothing to the execution log.
 */
export function syncOrders(
  ctx: BotCtx,
  rng: Rng,
  m: SimMarket,
  targets: TargetQuote[],
  decisionId: string,
  loop: number,
  startUs: number,
  opts: ActionOptions = { log: true },
): number {
  let us = startUs;
  // A new loop: the previous loop's ghosts are cancelled again or dropped by reconciliation.
  m.dyn.ghosts = [];
  const cancelled: SimOrder[] = [];
  const toPlace: TargetQuote[] = [];
  for (const side of ['bid', 'ask'] as BidAsk[]) {
    const target = targets.find((t) => t.side === side) ?? null;
    const existing = m.dyn[side];
    const unchanged =
      existing &&
      target &&
      Math.abs(knownPriceYes(ctx, existing, loop) - target.priceYes) < MATCH_TOLERANCE &&
      existing.remaining === target.size;
    if (unchanged) continue;
    if (existing) {
      const res = cancelOrder(ctx, rng, m.spec.ticker, existing, decisionId, us, true, opts);
      us = res.us;
      // A failed cancel leaves the order working; the bot tries again next loop.
      if (!res.gone) continue;
      m.dyn[side] = null;
      cancelled.push(existing);
    }
    if (target) toPlace.push(target);
  }
  if (opts.log && toPlace.length > 0) m.dyn.ghosts = cancelled;
  for (const target of toPlace) {
    const res = placeOrder(ctx, rng, m.spec.ticker, target, decisionId, loop, us, opts);
    us = res.us;
    m.dyn[target.side] = res.order;
  }
  return us;
}

/**
 * Cancels every resting order under a system decision id; returns the time after the last call.
 * The startup cancel (`ghosts: true`) also goes through the orders the previous run's last save
 * still listed after cancelling them: those come back ALREADY_GONE (contract §6.20).
 */
export function cancelAll(
  ctx: BotCtx,
  decisionId: string,
  startUs: number,
  opts: ActionOptions & { ghosts: boolean },
): number {
  let us = startUs;
  for (const m of ctx.state.markets) {
    if (opts.ghosts) {
      for (const ghost of m.dyn.ghosts ?? []) {
        us = cancelOrder(ctx, ctx.rng, m.spec.ticker, ghost, decisionId, us, false, {
          log: opts.log,
          alreadyGone: true,
        }).us;
      }
    }
    m.dyn.ghosts = [];
    for (const side of ['bid', 'ask'] as BidAsk[]) {
      const order = m.dyn[side];
      if (!order) continue;
      us = cancelOrder(ctx, ctx.rng, m.spec.ticker, order, decisionId, us, false, opts).us;
      m.dyn[side] = null;
    }
  }
  return us;
}

/** Orders the exchange would report (with `ghosts`, also those the last save still listed). */
export function openOrderCount(ctx: BotCtx, ghosts = false): number {
  return ctx.state.markets.reduce(
    (n, m) => n + (m.dyn.bid ? 1 : 0) + (m.dyn.ask ? 1 : 0) + (ghosts ? (m.dyn.ghosts?.length ?? 0) : 0),
    0,
  );
}

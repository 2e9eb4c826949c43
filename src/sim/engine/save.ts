// StateManager.save_to_dynamo: the four bot-owned singleton items, fully replaced on each save.
import {
  apiErrorsItem,
  openOrdersItem,
  positionsItem,
  riskStateItem,
  type OpenOrderView,
} from '../items/state.js';
import type { BotCtx } from './context.js';

/** The bot's local open orders as the next save would list them. */
export function openOrderViews(ctx: BotCtx): OpenOrderView[] {
  const { state } = ctx;
  const run = state.run;
  const batch = (run?.mode ?? 'per_market') === 'batch';
  const views: OpenOrderView[] = [];
  for (const m of state.markets) {
    for (const order of [m.dyn.bid, m.dyn.ask]) {
      if (!order) continue;
      const mine = run !== null && order.runId === run.runId;
      // Per-market mode reconciles every 5 loops (replacing its copy by the exchange's); batch
      // mode reconciles at the start of every loop, so only this loop's placements are its own.
      const local =
        mine &&
        (batch
          ? order.placedLoop === run.lastLoop
          : Math.floor(run.lastLoop / 5) === Math.floor(order.placedLoop / 5));
      views.push({
        order,
        marketId: m.spec.ticker,
        source: local ? (batch ? 'batch_placed' : 'placed') : 'exchange',
      });
    }
    // Cancelled this loop, re-added from the loop's prefetched exchange orders (contract §6.20).
    for (const ghost of m.dyn.ghosts ?? [])
      views.push({ order: ghost, marketId: m.spec.ticker, source: 'exchange' });
  }
  return views;
}

/** `orders` overrides the open-order list (a halt saves what it had before cancelling). */
export function saveState(ctx: BotCtx, atUs: number, orders?: OpenOrderView[]): void {
  const { state } = ctx;
  ctx.sink.put('dora_state', positionsItem(state.positions));
  ctx.sink.put('dora_state', riskStateItem(state.risk.dailyPnlUsd, state.risk.lastFillUs, atUs));
  ctx.sink.put('dora_state', openOrdersItem(orders ?? openOrderViews(ctx), atUs));
  ctx.sink.put('dora_state', apiErrorsItem(state.apiErrors, atUs));
}

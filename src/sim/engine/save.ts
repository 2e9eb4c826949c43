// StateManager.save_to_dynamo: the four bot-owned singleton items, fully replaced on each save.
import {
  apiErrorsItem,
  openOrdersItem,
  positionsItem,
  riskStateItem,
  type OpenOrderView,
} from '../items/state.js';
import type { BotCtx } from './context.js';

export function saveState(ctx: BotCtx, atUs: number): void {
  const { state } = ctx;
  const run = state.run;
  const orders: OpenOrderView[] = [];
  for (const m of state.markets) {
    for (const order of [m.dyn.bid, m.dyn.ask]) {
      if (!order) continue;
      // Reconciliation every 5 loops replaces our local copy by the exchange's.
      const local =
        run !== null &&
        order.runId === run.runId &&
        Math.floor(run.lastLoop / 5) === Math.floor(order.placedLoop / 5);
      orders.push({ order, marketId: m.spec.ticker, local });
    }
  }
  ctx.sink.put('dora_state', positionsItem(state.positions));
  ctx.sink.put('dora_state', riskStateItem(state.risk.dailyPnlUsd, state.risk.lastFillUs, atUs));
  ctx.sink.put('dora_state', openOrdersItem(orders, atUs));
  ctx.sink.put('dora_state', apiErrorsItem(state.apiErrors, atUs));
}

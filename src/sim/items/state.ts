// dora_state singleton items (contract §2.2) and dora_market_config items (§2.1).
import type { AvgCostPosition } from '../avg-cost.js';
import { awareIso, naiveIso } from '../format.js';
import type { MarketSpec } from '../markets.js';
import type { ApiErrorState, Item, SimOrder } from '../types.js';

export function positionsItem(positions: Record<string, AvgCostPosition>): Item {
  const map: Item = {};
  for (const [ticker, p] of Object.entries(positions)) {
    map[ticker] = {
      net_yes_qty: p.netYesQty,
      avg_buy_price: p.avgBuyPrice,
      avg_sell_price: p.avgSellPrice,
      realized_pnl: p.realizedPnlUsd,
    };
  }
  return { key: 'positions', positions: map };
}

/**
 * Where the bot's copy of an order came from (contract §2.2 open_orders):
 * - `exchange`: reconciled from Kalshi — clean yes_price/100, remaining size, no ids, `resting`;
 * - `placed`: per-market mode's own copy since placing — the target float, requested size, ids,
 *   `pending`;
 * - `batch_placed`: batch mode's copy of an order placed in the same loop — Kalshi's yes_price/100,
 *   ids, `resting`.
 */
export type OrderSource = 'exchange' | 'placed' | 'batch_placed';

export interface OpenOrderView {
  order: SimOrder;
  marketId: string;
  source: OrderSource;
}

export function openOrdersItem(orders: OpenOrderView[], savedUs: number): Item {
  const map: Item = {};
  for (const { order, marketId, source } of orders) {
    const side = order.side === 'bid' ? 'yes' : 'no';
    if (source === 'placed') {
      map[order.orderId] = {
        market_id: marketId,
        side,
        price: order.targetPriceYes,
        size: order.size,
        filled_size: 0,
        decision_id: order.decisionId,
        client_order_id: order.clientOrderId,
        status: 'pending',
        created_at: awareIso(order.placedUs),
        tif: 'gtc',
      };
    } else if (source === 'batch_placed') {
      map[order.orderId] = {
        market_id: marketId,
        side,
        price: order.cents / 100,
        size: order.remaining,
        filled_size: 0,
        decision_id: order.decisionId,
        client_order_id: order.clientOrderId,
        status: 'resting',
        created_at: awareIso(order.placedUs),
        tif: 'gtc',
      };
    } else {
      map[order.orderId] = {
        market_id: marketId,
        side,
        price: order.cents / 100,
        size: order.remaining,
        filled_size: order.size - order.remaining,
        decision_id: null,
        client_order_id: null,
        status: 'resting',
        // Kalshi created_time has ms precision.
        created_at: awareIso(Math.floor(order.placedUs / 1000) * 1000),
        tif: 'gtc',
      };
    }
  }
  return { key: 'open_orders', last_updated: awareIso(savedUs), orders: map };
}

export function riskStateItem(dailyPnlUsd: number, lastFillUs: number | null, savedUs: number): Item {
  const item: Item = { key: 'risk_state', daily_pnl: dailyPnlUsd, trading_halted: false };
  if (lastFillUs !== null) item.last_fill_timestamp = awareIso(lastFillUs);
  item.last_updated = awareIso(savedUs);
  return item;
}

export function apiErrorsItem(errors: Record<string, ApiErrorState>, savedUs: number): Item {
  const map: Item = {};
  for (const [ticker, e] of Object.entries(errors)) {
    map[ticker] = {
      count: e.count,
      last_error: naiveIso(e.lastErrorUs),
      last_error_code: e.code,
      last_status_code: e.status,
      last_error_msg: e.msg,
    };
  }
  return { key: 'api_errors', last_updated: awareIso(savedUs), errors: map };
}

/** Hand-maintained; the bot reads it once at startup (`useBatch`: what the newest run read). */
export function globalConfigItem(useBatch = false): Item {
  return {
    key: 'global_config',
    max_total_exposure: 500,
    max_daily_loss: 100,
    loop_interval_ms: 5000,
    trading_enabled: true,
    risk_aversion_k: 0.5,
    cancel_on_startup: true,
    use_batch_execution: useBatch,
  };
}

export function marketUpdateLastRunItem(us: number): Item {
  return { key: 'market_update_last_run', timestamp: awareIso(us) };
}

/** The config item as it reads at the end of the history (enabled reflects now). */
export function marketConfigItem(spec: MarketSpec, nowUs: number): Item {
  const enabled = nowUs >= spec.activeFromUs && (spec.disabledAtUs === null || nowUs < spec.disabledAtUs);
  const item: Item = {
    market_id: spec.ticker,
    enabled,
    quote_size: spec.quoteSize,
    max_inventory_yes: spec.maxInventoryYes,
    max_inventory_no: spec.maxInventoryNo,
    min_spread: spec.minSpread,
    inventory_skew_factor: spec.inventorySkewFactor,
  };
  if (spec.eventTicker !== null) item.event_ticker = spec.eventTicker;
  if (spec.createdAtUs !== null) item.created_at = awareIso(spec.createdAtUs);
  if (spec.updatedAtUs !== null) item.updated_at = awareIso(spec.updatedAtUs);
  if (spec.fairValueAttr !== null) item.fair_value = spec.fairValueAttr;
  if (spec.toxicityScore !== null) item.toxicity_score = spec.toxicityScore;
  if (!enabled && spec.disabledReason !== null) item.disabled_reason = spec.disabledReason;
  if (!enabled && spec.writesDisabledAt && spec.disabledAtUs !== null)
    item.disabled_at = awareIso(spec.disabledAtUs);
  return item;
}

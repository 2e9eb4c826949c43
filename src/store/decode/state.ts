// dora_state singleton items (contract §2.2). A bad entry inside a map (one market's position,
// one order) is dropped with a warning naming it; the rest of the item still counts.
import {
  GLOBAL_CONFIG_DEFAULTS,
  type ApiErrorEntry,
  type ApiErrorsState,
  type BotPosition,
  type Decoded,
  type GlobalConfig,
  type OpenOrder,
  type OpenOrdersState,
  type PositionsState,
  type RiskState,
  type Warning,
} from '../../core/types.js';
import { decodeWith, undecodable } from './decode-item.js';
import {
  FieldError,
  checkPriceYes,
  isMap,
  optBool,
  optMap,
  optNum,
  optStr,
  optTime,
  reqNum,
  reqTicker,
  softStr,
  type Item,
} from './fields.js';

const STATE_KEY = ['key'] as const;

/** Decodes each entry of a map attribute; a failing entry becomes a warning with its path. */
function entries<T>(
  table: string,
  stateKey: string,
  map: Item,
  decodeEntry: (id: string, entry: Item) => T,
  warnings: Warning[],
): T[] {
  const out: T[] = [];
  for (const [id, entry] of Object.entries(map)) {
    try {
      if (!isMap(entry)) throw new FieldError(id, 'expected a map');
      out.push(decodeEntry(id, entry));
    } catch (err) {
      const reason = err instanceof FieldError ? err.message : String(err);
      warnings.push(undecodable(table, { key: stateKey, entry: id }, reason));
    }
  }
  return out;
}

export function decodePositions(raw: unknown, table = 'dora_state'): Decoded<PositionsState> {
  return decodeWith(table, STATE_KEY, raw, (item, warnings) => {
    const map = optMap(item, 'positions') ?? {};
    const list = entries<BotPosition>(
      table,
      'positions',
      map,
      (marketId, e) => ({
        marketId,
        netYesQty: reqNum(e, 'net_yes_qty'),
        avgBuyPrice: optNum(e, 'avg_buy_price') ?? 0,
        avgSellPrice: optNum(e, 'avg_sell_price') ?? 0,
        realizedPnlUsd: optNum(e, 'realized_pnl') ?? 0,
      }),
      warnings,
    );
    return { positions: new Map(list.map((p) => [p.marketId, p])) };
  });
}

export function decodeOpenOrders(raw: unknown, table = 'dora_state'): Decoded<OpenOrdersState> {
  return decodeWith(table, STATE_KEY, raw, (item, warnings, odd) => {
    const map = optMap(item, 'orders') ?? {};
    const orders = entries<OpenOrder>(
      table,
      'open_orders',
      map,
      (orderId, e) => {
        const side = optStr(e, 'side');
        if (side !== 'yes' && side !== 'no') throw new FieldError('side', `unknown side "${String(side)}"`);
        return {
          orderId,
          marketId: reqTicker(e, 'market_id'),
          side,
          priceYes: checkPriceYes('price', reqNum(e, 'price')),
          size: reqNum(e, 'size'),
          filledSize: optNum(e, 'filled_size') ?? 0,
          decisionId: softStr(e, 'decision_id', odd, `orders.${orderId}.`),
          clientOrderId: softStr(e, 'client_order_id', odd, `orders.${orderId}.`),
          status: softStr(e, 'status', odd, `orders.${orderId}.`),
          createdAtMs: optTime(e, 'created_at'),
          tif: softStr(e, 'tif', odd, `orders.${orderId}.`),
        };
      },
      warnings,
    );
    return { orders, lastUpdatedMs: optTime(item, 'last_updated') };
  });
}

export function decodeRiskState(raw: unknown, table = 'dora_state'): Decoded<RiskState> {
  return decodeWith(table, STATE_KEY, raw, (item, _warnings, odd) => ({
    dailyPnlUsd: optNum(item, 'daily_pnl') ?? 0,
    tradingHalted: optBool(item, 'trading_halted') ?? false,
    haltReason: softStr(item, 'halt_reason', odd),
    lastFillAtMs: optTime(item, 'last_fill_timestamp'),
    lastUpdatedMs: optTime(item, 'last_updated'),
  }));
}

export function decodeApiErrors(raw: unknown, table = 'dora_state'): Decoded<ApiErrorsState> {
  return decodeWith(table, STATE_KEY, raw, (item, warnings, odd) => {
    const map = optMap(item, 'errors') ?? {};
    const errors = entries<ApiErrorEntry>(
      table,
      'api_errors',
      map,
      (marketId, e) => ({
        marketId,
        count: optNum(e, 'count') ?? 0,
        lastErrorAtMs: optTime(e, 'last_error'),
        lastErrorCode: softStr(e, 'last_error_code', odd, `errors.${marketId}.`),
        lastStatusCode: optNum(e, 'last_status_code'),
        lastErrorMsg: softStr(e, 'last_error_msg', odd, `errors.${marketId}.`),
      }),
      warnings,
    );
    return { errors, lastUpdatedMs: optTime(item, 'last_updated') };
  });
}

/** A missing global_config item means every default (the bot does the same). */
export function decodeGlobalConfig(raw: unknown, table = 'dora_state'): Decoded<GlobalConfig> {
  if (raw === undefined || raw === null)
    return { ok: true, value: { present: false, ...GLOBAL_CONFIG_DEFAULTS }, warnings: [] };
  return decodeWith(table, STATE_KEY, raw, (item) => {
    const d = GLOBAL_CONFIG_DEFAULTS;
    return {
      present: true,
      maxTotalExposure: optNum(item, 'max_total_exposure') ?? d.maxTotalExposure,
      maxDailyLossUsd: optNum(item, 'max_daily_loss') ?? d.maxDailyLossUsd,
      loopIntervalMs: optNum(item, 'loop_interval_ms') ?? d.loopIntervalMs,
      tradingEnabled: optBool(item, 'trading_enabled') ?? d.tradingEnabled,
      riskAversionK: optNum(item, 'risk_aversion_k') ?? d.riskAversionK,
      cancelOnStartup: optBool(item, 'cancel_on_startup') ?? d.cancelOnStartup,
      useBatchExecution: optBool(item, 'use_batch_execution') ?? d.useBatchExecution,
    };
  });
}

// dora_execution_log items (contract §2.5). Note the market attribute is `market`, and sides are
// bid/ask on ORDER_* events but yes/no on FILL events.
import { parseIsoUtcMs } from '../../core/time.js';
import type { Decoded, ExecutionEvent } from '../../core/types.js';
import { decodeWith } from './decode-item.js';
import { FieldError, checkPlausibleTime, checkPriceYes, optNum, optStr, reqStr, softStr } from './fields.js';

export const EXECUTION_KEY = ['bot_run_id', 'decision_id#event_ts'] as const;

const KNOWN_TYPES = new Set(['ORDER_PLACE', 'ORDER_RESULT', 'ORDER_CANCEL', 'FILL']);
const KNOWN_SIDES = new Set(['bid', 'ask', 'yes', 'no']);

export function decodeExecutionEvent(raw: unknown, table = 'dora_execution_log'): Decoded<ExecutionEvent> {
  return decodeWith(table, EXECUTION_KEY, raw, (item, warnings, odd) => {
    const sortKey = reqStr(item, 'decision_id#event_ts');
    const eventTsRaw = reqStr(item, 'event_ts');
    const timeMs = parseIsoUtcMs(eventTsRaw);
    if (timeMs === null)
      throw new FieldError('event_ts', `not an ISO timestamp: "${eventTsRaw.slice(0, 40)}"`);
    const eventType = reqStr(item, 'event_type');
    if (!KNOWN_TYPES.has(eventType)) {
      warnings.push({
        code: 'unknown_event_type',
        message: `${table}: event (${item['bot_run_id'] as string}, ${sortKey}) has unknown event_type "${eventType.slice(0, 40)}"`,
      });
    }
    const side = optStr(item, 'side');
    if (side !== null && !KNOWN_SIDES.has(side))
      throw new FieldError('side', `unknown side "${side.slice(0, 20)}"`);
    const price = optNum(item, 'price');
    return {
      botRunId: reqStr(item, 'bot_run_id'),
      sortKey,
      decisionId: softStr(item, 'decision_id', odd) ?? sortKey.split('#')[0] ?? '',
      eventTsRaw,
      timeMs: checkPlausibleTime('event_ts', timeMs),
      eventType,
      market: softStr(item, 'market', odd) ?? '',
      botVersion: softStr(item, 'bot_version', odd),
      env: softStr(item, 'env', odd),
      expiresAtS: optNum(item, 'expires_at'),
      side: side as ExecutionEvent['side'],
      priceYes: price === null ? null : checkPriceYes('price', price),
      size: optNum(item, 'size'),
      clientOrderId: softStr(item, 'client_order_id', odd),
      orderId: softStr(item, 'order_id', odd),
      status: softStr(item, 'status', odd),
      latencyMs: optNum(item, 'latency_ms'),
      errorType: softStr(item, 'error_type', odd),
      errorCode: softStr(item, 'error_code', odd),
      errorMsg: softStr(item, 'error_msg', odd),
      fillId: softStr(item, 'fill_id', odd),
      pnlDeltaUsd: optNum(item, 'pnl_delta'),
      feeUsd: optNum(item, 'fees'),
    };
  });
}

// dora_execution_log items (contract §2.5). Note `market`, not `market_id`; ORDER_* sides are
// bid/ask while FILL sides are yes/no; `expires_at` is the 30-day TTL in epoch seconds.
import type { BidAsk, Env, YesNo } from '../../core/types.js';
import { awareIso, DAY_US, epochSeconds } from '../format.js';
import type { Item } from '../types.js';

export const EXECUTION_TTL_DAYS = 30;

export interface EventBase {
  runId: string;
  decisionId: string;
  us: number;
  market: string;
  botVersion: string;
  env: Env;
}

function common(b: EventBase, eventType: string): Item {
  const eventTs = awareIso(b.us);
  return {
    bot_run_id: b.runId,
    'decision_id#event_ts': `${b.decisionId}#${eventTs}`,
    decision_id: b.decisionId,
    event_ts: eventTs,
    event_type: eventType,
    market: b.market,
    bot_version: b.botVersion,
    env: b.env,
    // Written at event time, so the TTL counts from it.
    expires_at: epochSeconds(b.us + EXECUTION_TTL_DAYS * DAY_US),
  };
}

export interface PlacementFields {
  side: BidAsk;
  priceYes: number;
  size: number;
  clientOrderId: string;
}

export function orderPlaceItem(b: EventBase, p: PlacementFields): Item {
  return {
    ...common(b, 'ORDER_PLACE'),
    side: p.side,
    price: p.priceYes,
    size: p.size,
    client_order_id: p.clientOrderId,
  };
}

export type PlacementOutcome =
  | { status: 'ACCEPTED'; orderId: string }
  | { status: 'REJECTED'; errorCode: string | null; errorMsg: string }
  | { status: 'ERROR'; errorType: string; errorMsg: string };

export function placementResultItem(
  b: EventBase,
  p: PlacementFields,
  outcome: PlacementOutcome,
  latencyMs: number,
): Item {
  const item: Item = {
    ...common(b, 'ORDER_RESULT'),
    side: p.side,
    price: p.priceYes,
    size: p.size,
    client_order_id: p.clientOrderId,
    status: outcome.status,
    latency_ms: latencyMs,
  };
  if (outcome.status === 'ACCEPTED') item.order_id = outcome.orderId;
  if (outcome.status === 'REJECTED') {
    item.error_type = 'HTTPError';
    item.error_code = outcome.errorCode;
    item.error_msg = outcome.errorMsg;
  }
  if (outcome.status === 'ERROR') {
    item.error_type = outcome.errorType;
    item.error_msg = outcome.errorMsg;
  }
  return item;
}

export function orderCancelItem(b: EventBase, orderId: string): Item {
  // client_order_id is usually NULL on cancels: the bot lost it at reconciliation.
  return { ...common(b, 'ORDER_CANCEL'), order_id: orderId, client_order_id: null };
}

export type CancelOutcome =
  { status: 'CANCELLED' } | { status: 'ALREADY_GONE' } | { status: 'ERROR'; errorMsg: string };

export function cancelResultItem(
  b: EventBase,
  orderId: string,
  outcome: CancelOutcome,
  latencyMs: number,
): Item {
  const item: Item = {
    ...common(b, 'ORDER_RESULT'),
    order_id: orderId,
    client_order_id: null,
    status: outcome.status,
    latency_ms: latencyMs,
  };
  if (outcome.status === 'ERROR') {
    item.error_type = 'HTTPError';
    item.error_msg = outcome.errorMsg;
  }
  return item;
}

export interface FillEventFields {
  fillId: string;
  orderId: string;
  side: YesNo;
  priceYes: number;
  size: number;
  pnlDeltaUsd: number;
  feesUsd: number;
  clientOrderId: string | null;
}

export function fillEventItem(b: EventBase, f: FillEventFields): Item {
  return {
    ...common(b, 'FILL'),
    fill_id: f.fillId,
    order_id: f.orderId,
    side: f.side,
    price: f.priceYes,
    size: f.size,
    pnl_delta: f.pnlDeltaUsd,
    fees: f.feesUsd,
    client_order_id: f.clientOrderId,
  };
}

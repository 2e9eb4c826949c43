// A small, hand-worked bot dataset (every figure computed by hand in test/api.test.ts), written in
// the bot's exact item shapes (contract §2), plus a helper to put items as the bot would.
import {
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { toAwareIso, toNaiveIso, utcDate } from '../../src/core/time.js';

export const NOW = Date.UTC(2026, 0, 5, 12, 0, 0);
export const RUN = '20260105-100000-a1b2c3';

export async function putAll(
  doc: DynamoDBDocumentClient,
  table: string,
  items: Record<string, unknown>[],
): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let batch: Record<string, unknown>[] | undefined = items
      .slice(i, i + 25)
      .map((Item) => ({ PutRequest: { Item } }));
    while (batch && batch.length) {
      const out: BatchWriteCommandOutput = await doc.send(
        new BatchWriteCommand({ RequestItems: { [table]: batch } }),
      );
      batch = out.UnprocessedItems?.[table];
    }
  }
}

export function tradeItem(o: {
  ms: number;
  market: string;
  side: 'yes' | 'no';
  price: number;
  size: number;
  fees?: number;
  fillId: string;
  orderId: string;
  date?: string;
  sortTs?: string;
}) {
  const ts = toAwareIso(o.ms);
  return {
    date: o.date ?? utcDate(o.ms),
    'timestamp#order_id': `${o.sortTs ?? ts}#${o.orderId}`,
    market_id: o.market,
    side: o.side,
    type: o.side === 'yes' ? 'bid' : 'ask',
    price: o.price,
    size: o.size,
    fill_price: o.price,
    fill_size: o.size,
    status: 'filled',
    pnl_realized: 0,
    ...(o.fees === undefined ? {} : { fees: o.fees }),
    order_id: o.orderId,
    fill_id: o.fillId,
    fill_timestamp: ts,
  };
}

export function decisionItem(o: {
  ms: number;
  market: string;
  loop: number;
  bid: number;
  ask: number;
  targets?: { side: 'bid' | 'ask'; price: number; size: number }[];
  net?: number;
}) {
  return {
    date: utcDate(o.ms),
    timestamp: toNaiveIso(o.ms, 250),
    market_id: o.market,
    decision_id: `${RUN}:${o.market}:${o.loop}`,
    bot_run_id: RUN,
    bot_version: 'ed4a2b3',
    order_book_snapshot: {
      best_bid: o.bid,
      best_ask: o.ask,
      spread: o.ask - o.bid,
      mid: (o.ask + o.bid) / 2,
      top_bids: [{ price: o.bid, size: 50 }],
      top_asks: [{ price: o.ask, size: 40 }],
    },
    recent_trades: [],
    inventory: { net_yes_qty: o.net ?? 0 },
    price_calc: {},
    target_quotes: o.targets ?? [],
    num_targets: (o.targets ?? []).length,
  };
}

/** The hand-worked dataset: see test/api.test.ts for every expected figure and its arithmetic. */
export async function writeHandWorkedDataset(doc: DynamoDBDocumentClient, env = 'demo'): Promise<void> {
  await putAll(doc, `dora_market_config_${env}`, [
    {
      market_id: 'KX-A',
      enabled: true,
      quote_size: 5,
      max_inventory_yes: 20,
      max_inventory_no: 20,
      min_spread: 0.04,
      inventory_skew_factor: 0.25,
      event_ticker: 'EV-1',
      created_at: '2026-01-01T00:00:00+00:00',
    },
    {
      market_id: 'KX-B',
      enabled: true,
      quote_size: 5,
      max_inventory_yes: 20,
      max_inventory_no: 20,
      min_spread: 0.04,
      inventory_skew_factor: 0.25,
      event_ticker: 'EV-1',
    },
    {
      market_id: 'KX-C',
      enabled: false,
      quote_size: 5,
      max_inventory_yes: 10,
      max_inventory_no: 10,
      min_spread: 0.05,
      inventory_skew_factor: 0.25,
      event_ticker: 'EV-2',
      disabled_reason: 'settled',
    },
  ]);
  const f1 = tradeItem({
    ms: Date.UTC(2026, 0, 4, 10),
    market: 'KX-A',
    side: 'yes',
    price: 0.4,
    size: 10,
    fees: 0.042,
    fillId: 'f1',
    orderId: 'o1',
  });
  await putAll(doc, `dora_trade_log_${env}`, [
    f1,
    // The same fill re-logged under another sort key (contract §5.8): must count once.
    { ...f1, 'timestamp#order_id': `2026-01-04T10:00:00.000001+00:00#o1` },
    tradeItem({
      ms: Date.UTC(2026, 0, 5, 9),
      market: 'KX-A',
      side: 'no',
      price: 0.5,
      size: 4,
      fees: 0.0175,
      fillId: 'f2',
      orderId: 'o2',
    }),
    // No `fees` attribute: the formula applies.
    tradeItem({
      ms: Date.UTC(2026, 0, 1, 15),
      market: 'KX-C',
      side: 'no',
      price: 0.3,
      size: 5,
      fillId: 'f3',
      orderId: 'o3',
    }),
  ]);
  await putAll(doc, `dora_decision_log_${env}`, [
    decisionItem({ ms: NOW - 60_000, market: 'KX-A', loop: 10, bid: 0.44, ask: 0.49, net: 6 }),
    decisionItem({
      ms: NOW - 20_000,
      market: 'KX-A',
      loop: 11,
      bid: 0.45,
      ask: 0.48,
      net: 6,
      targets: [
        { side: 'bid', price: 0.44, size: 5 },
        { side: 'ask', price: 0.47, size: 6 },
      ],
    }),
    decisionItem({ ms: NOW - 19_000, market: 'KX-B', loop: 11, bid: 0.2, ask: 0.3 }),
    {
      date: utcDate(NOW - 7_200_000),
      timestamp: toNaiveIso(NOW - 7_200_000, 1),
      market_id: 'ALL',
      decision_id: `${RUN}:startup_cancel:20260105-100001`,
      bot_run_id: RUN,
      bot_version: 'ed4a2b3',
      reason: 'startup_cancel',
      open_orders_count: 0,
      target_quotes: [],
      num_targets: 0,
    },
  ]);
  await putAll(doc, `dora_execution_log_${env}`, [
    {
      bot_run_id: RUN,
      'decision_id#event_ts': `${RUN}:KX-A:11#${toAwareIso(NOW - 19_500)}`,
      decision_id: `${RUN}:KX-A:11`,
      event_ts: toAwareIso(NOW - 19_500),
      event_type: 'ORDER_PLACE',
      market: 'KX-A',
      side: 'ask',
      price: 0.47,
      size: 6,
      client_order_id: 'c0ffee0000000001',
      bot_version: 'ed4a2b3',
      env,
      expires_at: Math.floor(NOW / 1000) + 30 * 86400,
    },
    {
      bot_run_id: RUN,
      'decision_id#event_ts': `${RUN}:KX-A:11#${toAwareIso(NOW - 19_300)}`,
      decision_id: `${RUN}:KX-A:11`,
      event_ts: toAwareIso(NOW - 19_300),
      event_type: 'ORDER_RESULT',
      market: 'KX-A',
      side: 'ask',
      price: 0.47,
      size: 6,
      client_order_id: 'c0ffee0000000001',
      status: 'ACCEPTED',
      order_id: 'o9',
      latency_ms: 200,
      bot_version: 'ed4a2b3',
      env,
      expires_at: Math.floor(NOW / 1000) + 30 * 86400,
    },
  ]);
  await putAll(doc, `dora_state_${env}`, [
    {
      key: 'positions',
      positions: {
        'KX-A': { net_yes_qty: 6, avg_buy_price: 0.4, avg_sell_price: 0, realized_pnl: 0.3405 },
        'KX-B': { net_yes_qty: 0, avg_buy_price: 0, avg_sell_price: 0, realized_pnl: 0 },
        'KX-C': { net_yes_qty: -5, avg_buy_price: 0, avg_sell_price: 0.3, realized_pnl: -0.018375 },
      },
    },
    {
      key: 'open_orders',
      last_updated: toAwareIso(NOW - 10_000),
      orders: {
        o9: {
          market_id: 'KX-A',
          side: 'no',
          price: 0.47,
          size: 6,
          filled_size: 0,
          decision_id: `${RUN}:KX-A:11`,
          client_order_id: 'c0ffee0000000001',
          status: 'resting',
          created_at: toAwareIso(NOW - 19_300),
          tif: 'gtc',
        },
      },
    },
    {
      key: 'risk_state',
      daily_pnl: 0.3825,
      trading_halted: false,
      last_fill_timestamp: toAwareIso(Date.UTC(2026, 0, 5, 9)),
      last_updated: toAwareIso(NOW - 10_000),
    },
    {
      key: 'global_config',
      max_total_exposure: 500,
      max_daily_loss: 100,
      loop_interval_ms: 5000,
      trading_enabled: true,
      risk_aversion_k: 0.5,
      cancel_on_startup: true,
      use_batch_execution: false,
    },
  ]);
}

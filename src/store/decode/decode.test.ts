// Decoders against the contract's own example items (data-contract.md §2), every era, and bad items.
import { describe, expect, it } from 'vitest';
import { decodeMarketConfig } from './config.js';
import { decodeDecision } from './decision.js';
import { decodeExecutionEvent } from './execution.js';
import { decodeFill } from './fill.js';
import {
  decodeApiErrors,
  decodeGlobalConfig,
  decodeOpenOrders,
  decodePositions,
  decodeRiskState,
} from './state.js';

function ok<T>(d: { ok: true; value: T } | { ok: false; warning: unknown }): T {
  if (!d.ok) throw new Error(`expected ok, got ${JSON.stringify(d.warning)}`);
  return d.value;
}

describe('market config', () => {
  it('decodes the contract example', () => {
    const c = ok(
      decodeMarketConfig({
        market_id: 'KXNEXTCOACHOUTNFL-26-2-TB',
        enabled: true,
        quote_size: 20,
        max_inventory_yes: 25,
        max_inventory_no: 25,
        min_spread: 0.04,
        inventory_skew_factor: 0.25,
        event_ticker: 'KXNEXTCOACHOUTNFL-26-2',
        created_at: '2025-12-27T14:02:11.482913+00:00',
        updated_at: '2025-12-29T12:40:03.118204+00:00',
      }),
    );
    expect(c).toMatchObject({
      marketId: 'KXNEXTCOACHOUTNFL-26-2-TB',
      enabled: true,
      minSpread: 0.04,
      eventTicker: 'KXNEXTCOACHOUTNFL-26-2',
    });
    expect(c.createdAtMs).toBe(Date.UTC(2025, 11, 27, 14, 2, 11, 482));
  });
  it('applies the bot defaults to a bare item and maps "" event to null', () => {
    const c = ok(decodeMarketConfig({ market_id: 'X-1', event_ticker: '' }));
    expect(c).toMatchObject({
      enabled: false,
      quoteSize: 10,
      maxInventoryYes: 100,
      minSpread: 0.06,
      inventorySkewFactor: 0.25,
      eventTicker: null,
      createdAtMs: null,
    });
  });
  it('reports a wrong type with the key', () => {
    const d = decodeMarketConfig({ market_id: 'X-2', quote_size: 'ten' }, 'dora_market_config_demo');
    expect(d.ok).toBe(false);
    if (!d.ok)
      expect(d.warning.message).toBe(
        'dora_market_config_demo: item (market_id=X-2) skipped: quote_size: expected a number, got string "ten"',
      );
  });
});

describe('fill', () => {
  const current = {
    date: '2026-01-03',
    'timestamp#order_id': '2026-01-03T13:58:41.223000+00:00#9a1d2b3c-4e5f-4a6b-8c7d-0e1f2a3b4c5d',
    market_id: 'KXNEXTCOACHOUTNFL-26-2-TB',
    side: 'no',
    type: 'ask',
    price: 0.07,
    size: 5,
    fill_price: 0.07,
    fill_size: 5,
    status: 'filled',
    pnl_realized: 0.060212840909090945,
    fees: 0.005696250000000001,
    order_id: '9a1d2b3c-4e5f-4a6b-8c7d-0e1f2a3b4c5d',
    fill_id: 'b1e2c3d4-5f60-4a7b-8c9d-0e1f2a3b4c5e',
    fill_timestamp: '2026-01-03T13:58:41.223000+00:00',
  };
  it('decodes the current era', () => {
    const f = ok(decodeFill(current));
    expect(f).toMatchObject({
      side: 'no',
      type: 'ask',
      priceYes: 0.07,
      size: 5,
      feeUsd: 0.005696250000000001,
      fillTimeSource: 'fill_timestamp',
      reconciledAtStartup: false,
    });
    expect(f.fillTimeMs).toBe(Date.UTC(2026, 0, 3, 13, 58, 41, 223));
  });
  it('decodes a backfilled item', () => {
    const f = ok(decodeFill({ ...current, pnl_realized: 0, reconciled_at_startup: true }));
    expect(f.reconciledAtStartup).toBe(true);
    expect(f.pnlRealizedUsd).toBe(0);
  });
  it('decodes a pre-2025-12-14 item: no type, naive log-time sort key, date = log date', () => {
    const { type: _t, ...old } = current;
    const f = ok(
      decodeFill({
        ...old,
        date: '2025-12-13',
        'timestamp#order_id': '2025-12-13T00:00:04.551204#o1',
        fill_timestamp: '2025-12-12T23:59:58.000000+00:00',
      }),
    );
    expect(f.type).toBeNull();
    expect(f.fillTimeMs).toBe(Date.UTC(2025, 11, 12, 23, 59, 58));
  });
  it('falls back to the sort-key time only when fill_timestamp is absent', () => {
    const { fill_timestamp: _f, ...noTs } = current;
    const f = ok(decodeFill(noTs));
    expect(f.fillTimeSource).toBe('sort_key');
    expect(f.fillTimeMs).toBe(Date.UTC(2026, 0, 3, 13, 58, 41, 223));
  });
  it('keeps absent fees as null and uses fill_price/fill_size when price/size are absent', () => {
    const { fees: _x, price: _p, size: _s, ...rest } = current;
    const f = ok(decodeFill(rest));
    expect(f.feeUsd).toBeNull();
    expect(f.priceYes).toBe(0.07);
    expect(f.size).toBe(5);
  });
  it('treats fill_id "unknown" as missing', () => {
    expect(ok(decodeFill({ ...current, fill_id: 'unknown' })).fillId).toBeNull();
  });
  it.each([
    [{ side: 'maybe' }, 'side: unknown side "maybe"'],
    [{ price: 7 }, 'price: price 7 outside 0–1 (YES dollars)'],
    [{ size: 0 }, 'size: not a positive contract count: 0'],
    [{ fill_timestamp: 'yesterday' }, 'fill_timestamp: not an ISO timestamp: "yesterday"'],
    [{ market_id: '' }, 'market_id: empty'],
  ])('reports a bad item %j with its key', (patch, reason) => {
    const d = decodeFill({ ...current, ...patch }, 'dora_trade_log_prod');
    expect(d.ok).toBe(false);
    if (!d.ok) {
      expect(d.warning.message).toContain(
        'date=2026-01-03, timestamp#order_id=2026-01-03T13:58:41.223000+00:00#9a1d',
      );
      expect(d.warning.message).toContain(reason);
    }
  });
});

describe('decision', () => {
  const current = {
    date: '2026-01-03',
    timestamp: '2026-01-03T14:22:05.481223',
    market_id: 'KXNEXTCOACHOUTNFL-26-2-TB',
    decision_id: '20260103-131502-a1b2c3:KXNEXTCOACHOUTNFL-26-2-TB:412',
    bot_run_id: '20260103-131502-a1b2c3',
    bot_version: 'ed4a2b3',
    order_book_snapshot: {
      best_bid: 0.05,
      best_ask: 0.09,
      spread: 0.039999999999999994,
      mid: 0.07,
      top_bids: [
        { price: 0.05, size: 120 },
        { price: 0.04, size: 300 },
        { price: 0.03, size: 55 },
      ],
      top_asks: [
        { price: 0.09, size: 40 },
        { price: 0.1, size: 250 },
        { price: 0.12, size: 10 },
      ],
    },
    recent_trades: [
      { price: 0.06, size: 12, timestamp: '2026-01-03T13:58:41.223Z' },
      { price: 0.07, size: 5, timestamp: '2026-01-03T12:11:02.9Z' },
    ],
    inventory: { net_yes_qty: 11 },
    price_calc: {
      skew: 0.0176,
      best_bid: 0.05,
      market_bid: 0.05,
      fair_value_bid: 0.06341287,
      best_ask: 0.09,
      market_ask: 0.0724,
      fair_value_ask: 0.06341287,
      fair_value: 0.06341287,
      logic: 'market',
      trade_std_dev: 0.004714045207910321,
      volatility_trades_count: 3,
      volatility_window: 'last_5_trades',
      fv_source: 'wma_24h',
      wma_price: 0.06341287,
      wma_trades_count: 3,
      wma_trade_time: '2026-01-03T13:58:41.223Z',
      last_trade_price: 0.06,
      last_trade_time: '2026-01-03T13:58:41.223Z',
    },
    target_quotes: [
      { side: 'bid', price: 0.05, size: 9 },
      { side: 'ask', price: 0.07, size: 20 },
    ],
    num_targets: 2,
  };
  it('decodes the current era with a naive UTC timestamp', () => {
    const d = ok(decodeDecision(current));
    expect(d.timeMs).toBe(Date.UTC(2026, 0, 3, 14, 22, 5, 481));
    expect(d.book).toMatchObject({ bestBid: 0.05, bestAsk: 0.09 });
    expect(d.book?.topAsks[2]).toEqual({ priceYes: 0.12, size: 10 });
    expect(d.recentTrades[1]?.timeMs).toBe(Date.UTC(2026, 0, 3, 12, 11, 2, 900));
    expect(d.priceCalc?.fvSource).toBe('wma_24h');
    expect(d.inventoryNetYesQty).toBe(11);
    expect(d.targetQuotes).toHaveLength(2);
  });
  it('maps the book sentinels to "no bid" / "no ask"', () => {
    const d = ok(
      decodeDecision({
        ...current,
        order_book_snapshot: { best_bid: 0, best_ask: 1.0, spread: 1, mid: 0.5 },
      }),
    );
    expect(d.book).toMatchObject({ bestBid: null, bestAsk: null, topBids: [], topAsks: [] });
  });
  it('decodes old eras: no price_calc, legacy inventory, zeroed recent trades, empty price_calc', () => {
    const { price_calc: _pc, decision_id: _d, bot_run_id: _r, bot_version: _v, ...old } = current;
    const d = ok(
      decodeDecision({
        ...old,
        inventory: { yes_qty: 3, no_qty: 1, net: 2 },
        recent_trades: [{ price: 0, size: 0, timestamp: '' }],
      }),
    );
    expect(d.priceCalc).toBeNull();
    expect(d.decisionId).toBeNull();
    expect(d.inventoryNetYesQty).toBe(2);
    expect(d.recentTrades[0]?.timeMs).toBeNull();
    const skipped = ok(decodeDecision({ ...current, price_calc: {}, target_quotes: [], num_targets: 0 }));
    expect(skipped.priceCalcEmpty).toBe(true);
  });
  it('decodes an ALL system decision', () => {
    const d = ok(
      decodeDecision({
        date: '2026-01-03',
        timestamp: '2026-01-03T13:15:09.220417',
        market_id: 'ALL',
        decision_id: '20260103-131502-a1b2c3:startup_cancel:20260103-131509',
        bot_run_id: '20260103-131502-a1b2c3',
        bot_version: 'ed4a2b3',
        reason: 'startup_cancel',
        open_orders_count: 14,
        target_quotes: [],
        num_targets: 0,
      }),
    );
    expect(d).toMatchObject({ marketId: 'ALL', reason: 'startup_cancel', openOrdersCount: 14, book: null });
  });
  it('drops a target quote with an unknown side, with a warning', () => {
    const d = decodeDecision({ ...current, target_quotes: [{ side: 'buy', price: 0.05, size: 9 }] });
    expect(d.ok && d.value.targetQuotes).toEqual([]);
    expect(d.ok && d.warnings[0]?.code).toBe('odd_target_quote');
  });
});

describe('execution event', () => {
  const common = {
    bot_run_id: '20260103-131502-a1b2c3',
    decision_id: '20260103-131502-a1b2c3:KX-A:412',
    event_ts: '2026-01-03T14:22:05.912334+00:00',
    'decision_id#event_ts': '20260103-131502-a1b2c3:KX-A:412#2026-01-03T14:22:05.912334+00:00',
    bot_version: 'ed4a2b3',
    env: 'prod',
    expires_at: 1770042125,
    market: 'KX-A',
  };
  it.each([
    [
      {
        event_type: 'ORDER_PLACE',
        side: 'bid',
        price: 0.35000000000000003,
        size: 9,
        client_order_id: '1a2b3c4d5e6f7081',
      },
    ],
    [
      {
        event_type: 'ORDER_RESULT',
        side: 'bid',
        price: 0.35,
        size: 9,
        status: 'REJECTED',
        latency_ms: 143,
        error_type: 'HTTPError',
        error_code: 'insufficient_balance',
        error_msg: 'insufficient balance',
      },
    ],
    [{ event_type: 'ORDER_CANCEL', order_id: '3c7e', client_order_id: null }],
    [
      {
        event_type: 'ORDER_RESULT',
        order_id: '3c7e',
        client_order_id: null,
        status: 'CANCELLED',
        latency_ms: 121,
      },
    ],
    [
      {
        event_type: 'FILL',
        fill_id: 'b1e2',
        order_id: '9a1d',
        side: 'no',
        price: 0.07,
        size: 5,
        pnl_delta: 0.0602,
        fees: 0.0057,
        client_order_id: null,
      },
    ],
  ])('decodes %j', (extra) => {
    const e = ok(decodeExecutionEvent({ ...common, ...extra }));
    expect(e.market).toBe('KX-A');
    expect(e.timeMs).toBe(Date.UTC(2026, 0, 3, 14, 22, 5, 912));
    expect(e.eventType).toBe(extra.event_type);
  });
});

describe('state items', () => {
  it('decodes positions and reports one bad entry without losing the others', () => {
    const d = decodePositions({
      key: 'positions',
      positions: {
        'KX-A': {
          net_yes_qty: 11,
          avg_buy_price: 0.056818181818181816,
          avg_sell_price: 0.07,
          realized_pnl: 0.4128,
        },
        'KX-B': { net_yes_qty: 'eleven' },
      },
    });
    expect(d.ok).toBe(true);
    if (d.ok) {
      expect(d.value.positions.get('KX-A')?.netYesQty).toBe(11);
      expect(d.value.positions.has('KX-B')).toBe(false);
      expect(d.warnings[0]?.message).toContain('entry=KX-B');
    }
  });
  it('decodes open orders, risk state, api errors (naive last_error) and global config', () => {
    const oo = ok(
      decodeOpenOrders({
        key: 'open_orders',
        last_updated: '2026-01-03T14:22:31.004871+00:00',
        orders: {
          o1: {
            market_id: 'KX-A',
            side: 'yes',
            price: 0.05,
            size: 9,
            filled_size: 0,
            decision_id: null,
            client_order_id: null,
            status: 'resting',
            created_at: '2026-01-03T14:10:02.551000+00:00',
            tif: 'gtc',
          },
        },
      }),
    );
    expect(oo.orders[0]).toMatchObject({ orderId: 'o1', side: 'yes', priceYes: 0.05 });
    expect(oo.lastUpdatedMs).toBe(Date.UTC(2026, 0, 3, 14, 22, 31, 4));
    const rs = ok(decodeRiskState({ key: 'risk_state', daily_pnl: -4.1875, trading_halted: false }));
    expect(rs).toMatchObject({ dailyPnlUsd: -4.1875, tradingHalted: false, haltReason: null });
    const ae = ok(
      decodeApiErrors({
        key: 'api_errors',
        errors: {
          'KX-A': {
            count: 37,
            last_error: '2026-01-03T14:21:58.902114',
            last_error_code: 'not_found',
            last_status_code: 404,
            last_error_msg: '404',
          },
        },
      }),
    );
    expect(ae.errors[0]?.lastErrorAtMs).toBe(Date.UTC(2026, 0, 3, 14, 21, 58, 902));
    expect(ok(decodeGlobalConfig(undefined))).toMatchObject({
      present: false,
      maxTotalExposure: 500,
      maxDailyLossUsd: 100,
      loopIntervalMs: 5000,
    });
    expect(ok(decodeGlobalConfig({ key: 'global_config', max_total_exposure: 300 }))).toMatchObject({
      present: true,
      maxTotalExposure: 300,
    });
  });
});

// Every access path of the data layer against a real DynamoDB, on both backends, with fixtures
// written in the bot's exact shapes (contract §2) — and the cost of each read counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchWriteCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { BACKENDS, startTestStore, type TestStore } from './helpers/store.js';
import { readConfigs, readStateItems } from '../src/store/read-state.js';
import { readAllFills, readFillPartitions, readFillsInWindow } from '../src/store/read-fills.js';
import {
  readDecisionById,
  readDecisionsAt,
  readLatestDecisions,
  readMarketDecisions,
} from '../src/store/read-decisions.js';
import { readDecisionExecutions, readMarketExecutions } from '../src/store/read-executions.js';
import { CursorError } from '../src/store/cursor.js';
import { onRequest, type RequestRecord } from '../src/store/stats.js';
import { DAY_MS, toAwareIso, toNaiveIso, utcDate } from '../src/core/time.js';

const RUN = '20260105-120000-abc123';
const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
const MARKETS = ['KX-AAA-1', 'KX-BBB-2', 'KX-CCC-3', 'KX-DDD-4'];
const DECISIONS_PER_MARKET = 45;

async function putAll(store: TestStore, table: string, items: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let batch: Record<string, unknown>[] | undefined = items
      .slice(i, i + 25)
      .map((Item) => ({ PutRequest: { Item } }));
    while (batch && batch.length) {
      const out: BatchWriteCommandOutput = await store.writer.send(
        new BatchWriteCommand({ RequestItems: { [table]: batch } }),
      );
      batch = out.UnprocessedItems?.[table];
    }
  }
}

function decision(market: string, loop: number) {
  const ms = T0 + loop * 60_000 + MARKETS.indexOf(market) * 1000;
  return {
    date: utcDate(ms),
    timestamp: toNaiveIso(ms, 123),
    market_id: market,
    decision_id: `${RUN}:${market}:${loop}`,
    bot_run_id: RUN,
    bot_version: 'ed4a2b3',
    order_book_snapshot: {
      best_bid: 0.4,
      best_ask: 0.45,
      spread: 0.05000000000000004,
      mid: 0.425,
      top_bids: [],
      top_asks: [],
    },
    inventory: { net_yes_qty: loop },
    price_calc: {},
    target_quotes: [{ side: 'bid', price: 0.41, size: 5 }],
    num_targets: 1,
  };
}

function fill(i: number, date: string, pad = '') {
  const ms = Date.parse(`${date}T00:00:00Z`) + i * 1000;
  const ts = toAwareIso(ms);
  return {
    date,
    'timestamp#order_id': `${ts}#order-${i}`,
    market_id: MARKETS[i % 4],
    side: i % 2 ? 'no' : 'yes',
    type: i % 2 ? 'ask' : 'bid',
    price: 0.42,
    size: 3,
    fill_price: 0.42,
    fill_size: 3,
    status: 'filled',
    pnl_realized: 0,
    fees: 0.0127,
    order_id: `order-${i}`,
    fill_id: `fill-${i}`,
    fill_timestamp: ts,
    ...(pad ? { note: pad } : {}),
  };
}

describe.each(BACKENDS)('access paths on %s', (backend) => {
  let store: TestStore;
  const requests: RequestRecord[] = [];
  let stopListening: () => void;
  const counted = async <T>(fn: () => Promise<T>) => {
    requests.length = 0;
    const r = await fn();
    return { r, reqs: [...requests] };
  };

  beforeAll(async () => {
    store = await startTestStore(backend);
    stopListening = onRequest((r) => requests.push(r));
    await putAll(store, 'dora_market_config_demo', [
      ...MARKETS.map((m) => ({
        market_id: m,
        enabled: true,
        quote_size: 5,
        max_inventory_yes: 20,
        max_inventory_no: 20,
        min_spread: 0.04,
        inventory_skew_factor: 0.25,
        event_ticker: m.slice(0, 6),
      })),
      { market_id: 'KX-NEVER-9', enabled: true },
      { market_id: 'KX-BAD-0', quote_size: 'lots' },
    ]);
    await putAll(
      store,
      'dora_decision_log_demo',
      MARKETS.slice(0, 3).flatMap((m) =>
        Array.from({ length: DECISIONS_PER_MARKET }, (_, i) => decision(m, i)),
      ),
    );
    await putAll(store, 'dora_execution_log_demo', [
      {
        bot_run_id: RUN,
        'decision_id#event_ts': `${RUN}:KX-AAA-1:3#${toAwareIso(T0 + 180_500)}`,
        decision_id: `${RUN}:KX-AAA-1:3`,
        event_ts: toAwareIso(T0 + 180_500),
        event_type: 'ORDER_PLACE',
        market: 'KX-AAA-1',
        side: 'bid',
        price: 0.41,
        size: 5,
        client_order_id: 'aaaa000011112222',
        bot_version: 'x',
        env: 'demo',
        expires_at: 1770000000,
      },
      {
        bot_run_id: RUN,
        'decision_id#event_ts': `${RUN}:KX-AAA-1:3#${toAwareIso(T0 + 180_700)}`,
        decision_id: `${RUN}:KX-AAA-1:3`,
        event_ts: toAwareIso(T0 + 180_700),
        event_type: 'ORDER_RESULT',
        market: 'KX-AAA-1',
        side: 'bid',
        price: 0.41,
        size: 5,
        status: 'ACCEPTED',
        order_id: 'o-1',
        latency_ms: 187,
        client_order_id: 'aaaa000011112222',
        bot_version: 'x',
        env: 'demo',
        expires_at: 1770000000,
      },
      // Cancels under a system decision name their market only in `market` (contract §2.1, §2.5).
      {
        bot_run_id: RUN,
        'decision_id#event_ts': `${RUN}:fatal_cleanup_cancel:20260105-121000#${toAwareIso(T0 + 600_100)}`,
        decision_id: `${RUN}:fatal_cleanup_cancel:20260105-121000`,
        event_ts: toAwareIso(T0 + 600_100),
        event_type: 'ORDER_CANCEL',
        market: 'KX-AAA-1',
        order_id: 'o-1',
        client_order_id: null,
        bot_version: 'x',
        env: 'demo',
        expires_at: 1770000000,
      },
      {
        bot_run_id: RUN,
        'decision_id#event_ts': `${RUN}:fatal_cleanup_cancel:20260105-121000#${toAwareIso(T0 + 600_200)}`,
        decision_id: `${RUN}:fatal_cleanup_cancel:20260105-121000`,
        event_ts: toAwareIso(T0 + 600_200),
        event_type: 'ORDER_CANCEL',
        market: 'KX-BBB-2',
        order_id: 'o-9',
        client_order_id: null,
        bot_version: 'x',
        env: 'demo',
        expires_at: 1770000000,
      },
      {
        bot_run_id: RUN,
        'decision_id#event_ts': `${RUN}:KX-AAA-10:3#${toAwareIso(T0 + 180_900)}`,
        decision_id: `${RUN}:KX-AAA-10:3`,
        event_ts: toAwareIso(T0 + 180_900),
        event_type: 'ORDER_CANCEL',
        market: 'KX-AAA-10',
        order_id: 'o-2',
        client_order_id: null,
        bot_version: 'x',
        env: 'demo',
        expires_at: 1770000000,
      },
    ]);
    // One trade partition over 1 MB (≈1,200 items of ~1 KB) must be read completely, not truncated.
    const pad = 'x'.repeat(900);
    await putAll(
      store,
      'dora_trade_log_demo',
      Array.from({ length: 1200 }, (_, i) => fill(i, '2026-01-05', pad)),
    );
    await putAll(store, 'dora_trade_log_demo', [
      fill(5000, '2026-01-06'),
      { ...fill(5001, '2026-01-07'), price: 'cheap' },
    ]);
    await putAll(store, 'dora_state_demo', [
      {
        key: 'positions',
        positions: {
          'KX-AAA-1': { net_yes_qty: 3, avg_buy_price: 0.41, avg_sell_price: 0, realized_pnl: 0.5 },
        },
      },
      {
        key: 'open_orders',
        last_updated: toAwareIso(T0),
        orders: {
          'o-1': {
            market_id: 'KX-AAA-1',
            side: 'yes',
            price: 0.41,
            size: 5,
            filled_size: 0,
            decision_id: null,
            client_order_id: null,
            status: 'resting',
            created_at: toAwareIso(T0),
            tif: 'gtc',
          },
        },
      },
      { key: 'risk_state', daily_pnl: -1.5, trading_halted: false, last_updated: toAwareIso(T0) },
    ]);
  }, 240_000);
  afterAll(async () => {
    stopListening();
    await store.close();
  });

  it('reads configs with a paginated Scan and reports the bad one by key', async () => {
    const { configs, warnings } = await readConfigs(store.reader, 'demo');
    expect(configs.map((c) => c.marketId)).toEqual([...MARKETS, 'KX-NEVER-9']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain('market_id=KX-BAD-0');
  });

  it('reads the state items in one BatchGetItem; a missing global_config means defaults', async () => {
    const { r, reqs } = await counted(() => readStateItems(store.reader, 'demo'));
    expect(reqs.map((q) => q.operation)).toEqual(['BatchGetItem']);
    expect(r.positions?.positions.get('KX-AAA-1')?.netYesQty).toBe(3);
    expect(r.openOrders?.orders).toHaveLength(1);
    expect(r.risk?.dailyPnlUsd).toBe(-1.5);
    expect(r.apiErrors).toBeNull();
    expect(r.globalConfig).toMatchObject({ present: false, maxTotalExposure: 500 });
  });

  it('reads a trade partition over 1 MB completely, following LastEvaluatedKey', async () => {
    const { r, reqs } = await counted(() =>
      readFillPartitions(store.reader, 'demo', Date.UTC(2026, 0, 5), Date.UTC(2026, 0, 5, 12)),
    );
    expect(r.fills).toHaveLength(1200);
    expect(reqs.length).toBeGreaterThan(1);
  });

  it('reads the whole trade log with a parallel Scan and a time window from its partitions', async () => {
    const all = await readAllFills(store.reader, 'demo');
    expect(all.fills).toHaveLength(1201);
    expect(all.skipped).toBe(1);
    expect(all.warnings[0]?.message).toContain('fill-5001'.replace('fill', 'order'));
    const win = await readFillsInWindow(
      store.reader,
      'demo',
      Date.UTC(2026, 0, 6),
      Date.UTC(2026, 0, 6, 23, 59),
      Date.UTC(2026, 0, 7, 12),
    );
    expect(win.fills.map((f) => f.fillId)).toEqual(['fill-5000']);
  });

  it('reads the newest decision per market through the GSI: one item per market at most', async () => {
    const ids = [...MARKETS, 'KX-NEVER-9'];
    const { r, reqs } = await counted(() => readLatestDecisions(store.reader, 'demo', ids, T0 + 86_400_000));
    expect(r.decisions.get('KX-AAA-1')?.decisionId).toBe(`${RUN}:KX-AAA-1:${DECISIONS_PER_MARKET - 1}`);
    expect(r.decisions.has('KX-DDD-4')).toBe(false);
    expect(reqs).toHaveLength(ids.length);
    expect(
      reqs.every((q) => q.operation === 'Query' && q.index === 'market_id-timestamp-index' && q.items <= 1),
    ).toBe(true);
  });

  it('pages a market’s decisions newest first with an opaque cursor, and refuses a cursor of another market', async () => {
    const q = { marketId: 'KX-BBB-2', fromMs: T0, toMs: T0 + 3_600_000, limit: 20 };
    const p1 = await readMarketDecisions(store.reader, 'demo', q);
    expect(p1.items).toHaveLength(20);
    expect(p1.items[0]?.decisionId).toBe(`${RUN}:KX-BBB-2:44`);
    const p2 = await readMarketDecisions(store.reader, 'demo', { ...q, cursor: p1.nextCursor });
    const p3 = await readMarketDecisions(store.reader, 'demo', { ...q, cursor: p2.nextCursor });
    expect([p2.items.length, p3.items.length]).toEqual([20, 5]);
    expect(p3.nextCursor).toBeNull();
    const seen = [...p1.items, ...p2.items, ...p3.items].map((d) => d.timeMs);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    await expect(
      readMarketDecisions(store.reader, 'demo', { ...q, marketId: 'KX-AAA-1', cursor: p1.nextCursor }),
    ).rejects.toBeInstanceOf(CursorError);
    await expect(
      readMarketDecisions(store.reader, 'demo', { ...q, cursor: 'not-a-cursor' }),
    ).rejects.toBeInstanceOf(CursorError);
  });

  it('finds the decision in force at each fill time (newest at or before it)', async () => {
    const t = T0 + 10 * 60_000 + 30_000; // between loop 10 (T0+10m+0s for KX-AAA-1) and loop 11
    const { byTime } = await readDecisionsAt(store.reader, 'demo', 'KX-AAA-1', [t, T0 - 1, t]);
    expect(byTime.get(t)?.decisionId).toBe(`${RUN}:KX-AAA-1:10`);
    expect(byTime.get(T0 - 1)).toBeNull();
    expect(byTime.size).toBe(2);
  });

  it('reads a market’s events in a big run in parallel parts, each event exactly once', async () => {
    // 2,400 events of ~700 bytes (> 1 MB, so more than one page), loops 0–2399 (every first digit).
    const run = '20260106-000000-b16b16';
    const pad = 'p'.repeat(600);
    const items = Array.from({ length: 2400 }, (_, loop) => {
      const ts = toAwareIso(T0 + DAY_MS + loop * 1000);
      const id = `${run}:KX-BIG-1:${loop}`;
      return {
        bot_run_id: run,
        'decision_id#event_ts': `${id}#${ts}`,
        decision_id: id,
        event_ts: ts,
        event_type: 'ORDER_PLACE',
        market: 'KX-BIG-1',
        side: 'bid',
        price: 0.41,
        size: 5,
        note: pad,
      };
    });
    await putAll(store, 'dora_execution_log_demo', items);
    const { r, reqs } = await counted(() => readMarketExecutions(store.reader, 'demo', 'KX-BIG-1', [run]));
    expect(r.events).toHaveLength(2400);
    expect(new Set(r.events.map((e) => e.sortKey)).size).toBe(2400);
    // The first page, then parts cut at the loop's first digit, read side by side, plus the run's
    // system decisions: more than one read, far fewer than one per 100 events.
    expect(reqs.length).toBeGreaterThan(3);
    expect(reqs.length).toBeLessThan(30);
  }, 120_000);

  it('finds a decision by id and its execution events; events of a market within a run', async () => {
    const { decision } = await readDecisionById(store.reader, 'demo', `${RUN}:KX-AAA-1:3`);
    expect(decision?.inventoryNetYesQty).toBe(3);
    expect((await readDecisionById(store.reader, 'demo', 'garbage')).decision).toBeNull();
    const ex = await readDecisionExecutions(store.reader, 'demo', `${RUN}:KX-AAA-1:3`);
    expect(ex.events.map((e) => e.eventType)).toEqual(['ORDER_PLACE', 'ORDER_RESULT']);
    // KX-AAA-10 shares the prefix "KX-AAA-1" but not "KX-AAA-1:" — it must not leak in.
    const m = await readMarketExecutions(store.reader, 'demo', 'KX-AAA-1', [RUN]);
    expect(m.events.map((e) => e.eventType).sort()).toEqual(['ORDER_CANCEL', 'ORDER_PLACE', 'ORDER_RESULT']);
    expect(m.events.find((e) => e.eventType === 'ORDER_CANCEL')?.orderId).toBe('o-1');
    // Only the attributes asked for (the analytics' set): the rest read as absent.
    const lean = await readMarketExecutions(store.reader, 'demo', 'KX-AAA-1', [RUN], {
      attributes: ['bot_run_id', 'decision_id#event_ts', 'event_ts', 'event_type', 'status', 'latency_ms'],
    });
    expect(lean.events).toHaveLength(3);
    const result = lean.events.find((e) => e.eventType === 'ORDER_RESULT');
    expect([result?.status, result?.latencyMs, result?.clientOrderId, result?.market]).toEqual([
      'ACCEPTED',
      187,
      null,
      '',
    ]);
  });
});

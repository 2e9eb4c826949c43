// Bad data in the bot's tables: malformed variants of every item kind are written beside the
// hand-worked dataset. Every endpoint still answers, the figures from the good items are unchanged,
// and each bad item is reported once, with its key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testApp } from './helpers/test-app.js';
import { startTestStore, type TestStore } from './helpers/store.js';
import { NOW, RUN, decisionItem, putAll, tradeItem, writeHandWorkedDataset } from './helpers/fixtures.js';
import { toAwareIso, toNaiveIso, utcDate } from '../src/core/time.js';

let clean: { store: TestStore; app: FastifyInstance };
let dirty: { store: TestStore; app: FastifyInstance };

async function setup(withBadItems: boolean) {
  const store = await startTestStore();
  await writeHandWorkedDataset(store.writer);
  if (withBadItems) await writeBadItems(store);
  const app = await testApp(store.reader, () => NOW);
  return { store, app };
}

const good = tradeItem({
  ms: NOW - 7200_000,
  market: 'KX-A',
  side: 'yes',
  price: 0.45,
  size: 1,
  fees: 0.004,
  fillId: 'shape',
  orderId: 'shape',
});
const badTrades: [string, Record<string, unknown>][] = [
  ['wrong type price', { price: 'cheap' }],
  ['cents, not dollars', { price: 45 }],
  ['unknown side', { side: 'maybe', type: 'maybe' }],
  ['negative size', { size: -3, fill_size: -3 }],
  ['null price', { price: null, fill_price: null }],
  ['empty market', { market_id: '' }],
  ['garbage time', { fill_timestamp: 'yesterday' }],
  ['ancient time', { fill_timestamp: '1970-01-01T00:00:00+00:00' }],
  ['future time', { fill_timestamp: toAwareIso(NOW + 40 * 86_400_000) }],
  ['huge string market', { market_id: 'X'.repeat(100_000) }],
  ['list as size', { size: [1, 2, 3], fill_size: [1] }],
];

async function writeBadItems(store: TestStore) {
  await putAll(
    store.writer,
    'dora_trade_log_demo',
    badTrades.map(([name, patch], i) => ({
      ...good,
      ...patch,
      'timestamp#order_id': `${toAwareIso(NOW - 7200_000 + i)}#bad-${i}`,
      fill_id: `bad-fill-${i}`,
      note: name,
    })),
  );
  await putAll(store.writer, 'dora_market_config_demo', [
    { market_id: 'KX-BAD-CFG', enabled: 'yes', quote_size: 'ten' },
    { market_id: '日本-市場-🙂', enabled: false, quote_size: 5, max_inventory_yes: 10 },
  ]);
  const d = decisionItem({ ms: NOW - 5_000, market: 'KX-A', loop: 99, bid: 0.45, ask: 0.48, net: 6 });
  await putAll(store.writer, 'dora_decision_log_demo', [
    // The newest KX-A decision is corrupt: the older good one must be used, the bad one reported.
    { ...d, order_book_snapshot: 'not a map' },
    {
      ...decisionItem({ ms: NOW - 4_000, market: 'KX-B', loop: 99, bid: 0.2, ask: 0.3 }),
      timestamp: toNaiveIso(NOW - 4_000, 7),
      target_quotes: [{ side: 'buy', price: 0.2, size: 1 }],
      recent_trades: Array.from({ length: 2000 }, () => ({ price: 0.2, size: 1, timestamp: '' })),
    },
    { ...decisionItem({ ms: NOW + 30 * 86_400_000, market: 'KX-B', loop: 100, bid: 0.9, ask: 0.95 }) },
  ]);
  await putAll(store.writer, 'dora_execution_log_demo', [
    {
      bot_run_id: RUN,
      'decision_id#event_ts': `${RUN}:KX-A:11#bad`,
      decision_id: `${RUN}:KX-A:11`,
      event_ts: 'soon',
      event_type: 'ORDER_RESULT',
      market: 'KX-A',
      status: 'ACCEPTED',
      latency_ms: 'fast',
    },
    {
      bot_run_id: RUN,
      'decision_id#event_ts': `${RUN}:KX-A:11#weird`,
      decision_id: `${RUN}:KX-A:11`,
      event_ts: toAwareIso(NOW - 19_000),
      event_type: 'TELEPORT',
      market: 'KX-A',
    },
  ]);
  await putAll(store.writer, 'dora_state_demo', [
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
          decision_id: null,
          client_order_id: null,
          status: 'resting',
          created_at: toAwareIso(NOW - 19_300),
          tif: 'gtc',
        },
        'o-bad': { market_id: 'KX-A', side: 'sideways', price: 0.4, size: 1 },
      },
    },
    { key: 'api_errors', last_updated: 'whenever', errors: {} },
  ]);
  void utcDate;
}

beforeAll(async () => {
  clean = await setup(false);
  dirty = await setup(true);
}, 120_000);
afterAll(async () => {
  for (const s of [clean, dirty]) {
    await s.app.close();
    await s.store.close();
  }
});

const FIGURES = ['realizedTotal', 'todayRealized', 'feesToday', 'unrealizedWorst', 'unrealizedBest'];

describe('bad items in every table', () => {
  it('leave the figures from the good items unchanged', async () => {
    const a = (await clean.app.inject('/api/v1/overview')).json();
    const b = (await dirty.app.inject('/api/v1/overview')).json();
    for (const k of FIGURES) expect(b.pnl[k], k).toBe(a.pnl[k]);
    expect(b.exposure.total).toBe(a.exposure.total);
    const rowA = a.markets.find((m: { marketId: string }) => m.marketId === 'KX-A');
    const rowB = b.markets.find((m: { marketId: string }) => m.marketId === 'KX-A');
    expect(rowB.bestBid).toBe(rowA.bestBid);
    expect(rowB.ourAsk).toBe(rowA.ourAsk);
  });

  it('are each reported once, with their key', async () => {
    const b = (await dirty.app.inject('/api/v1/overview')).json();
    const messages: string[] = b.warnings.map((w: { message: string }) => w.message);
    badTrades.forEach((_t, i) => {
      const hits = messages.filter((m) => m.includes(`#bad-${i})`));
      expect(hits, `bad trade ${i} (${badTrades[i]?.[0]})`).toHaveLength(1);
    });
    expect(messages.filter((m) => m.includes('market_id=KX-BAD-CFG'))).toHaveLength(1);
    expect(messages.filter((m) => m.includes('entry=o-bad'))).toHaveLength(1);
    expect(messages.filter((m) => m.includes('key=api_errors') || m.includes('api_errors'))).not.toHaveLength(
      0,
    );
    expect(messages.filter((m) => m.includes('order_book_snapshot'))).toHaveLength(1);
  });

  it('do not stop any endpoint from answering', async () => {
    const urls = [
      '/api/v1/health',
      '/api/v1/overview',
      '/api/v1/overview?format=csv',
      '/api/v1/markets',
      '/api/v1/stale',
      '/api/v1/markets/KX-A',
      '/api/v1/markets/KX-A/decisions',
      '/api/v1/markets/KX-A/fills?from=2026-01-01',
      '/api/v1/markets/KX-A/executions',
      '/api/v1/markets/KX-A/analytics',
      `/api/v1/decisions/${RUN}:KX-A:11`,
      '/api/v1/markets/KX-B',
      `/api/v1/markets/${encodeURIComponent('日本-市場-🙂')}`,
    ];
    for (const url of urls) {
      const res = await dirty.app.inject(url);
      expect(res.statusCode, url).toBe(200);
    }
    const ex = (await dirty.app.inject('/api/v1/markets/KX-A/executions')).json();
    expect(ex.warnings.map((w: { code: string }) => w.code)).toEqual(
      expect.arrayContaining(['undecodable_item', 'unknown_event_type']),
    );
  });

  it('a decision stamped in the future never poses as the newest', async () => {
    const b = (await dirty.app.inject('/api/v1/markets/KX-B')).json();
    expect(b.latestDecision.book.bestBid).toBe(0.2);
  });
});

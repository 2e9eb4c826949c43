// The quality reads' projected decision items (decision-quote.ts): hand-written as DynamoDB returns
// them for QUOTE_PROJECTION, one per era of contract §6.8, decode without a warning and without a
// value the item does not hold; and for whole items of every era, projecting then decoding gives
// what the full decoder reads of the same fields.
import { describe, expect, it } from 'vitest';
import type { Decoded, QuoteDecision } from '../../core/types.js';
import { decodeDecision } from './decision.js';
import { decodeQuoteDecision, QUOTE_PROJECTION } from './decision-quote.js';

function ok<T>(d: Decoded<T>): { value: T; warnings: unknown[] } {
  if (!d.ok) throw new Error(`expected ok, got ${JSON.stringify(d.warning)}`);
  return { value: d.value, warnings: d.warnings };
}

const QUOTE_KEYS = [
  'book',
  'botRunId',
  'date',
  'decisionId',
  'marketId',
  'targetQuotes',
  'timeMs',
  'timestampRaw',
];

/** What DynamoDB returns for QUOTE_PROJECTION: top-level names kept, the book's three fields only. */
function project(item: Record<string, unknown>): Record<string, unknown> {
  const names = QUOTE_PROJECTION.ExpressionAttributeNames;
  const out: Record<string, unknown> = {};
  for (const path of QUOTE_PROJECTION.ProjectionExpression.split(', ')) {
    const [head, sub] = path.split('.').map((p) => names[p as keyof typeof names]) as [string, string?];
    const v = item[head];
    if (v === undefined) continue;
    if (sub === undefined) out[head] = v;
    else if (typeof v === 'object' && v !== null && !Array.isArray(v) && sub in v) {
      // A path into a map that lacks it (or into a non-map) returns nothing, not an empty map.
      const m = (out[head] ??= {}) as Record<string, unknown>;
      m[sub] = (v as Record<string, unknown>)[sub];
    }
  }
  return out;
}

/** The fields the full decoder reads that a QuoteDecision has. */
function quotePart(d: ReturnType<typeof decodeDecision>): QuoteDecision {
  const { value } = ok(d);
  return {
    date: value.date,
    timestampRaw: value.timestampRaw,
    timeMs: value.timeMs,
    marketId: value.marketId,
    decisionId: value.decisionId,
    botRunId: value.botRunId,
    book: value.book && {
      bestBid: value.book.bestBid,
      bestAsk: value.book.bestAsk,
      midStored: value.book.midStored,
    },
    targetQuotes: value.targetQuotes,
  };
}

describe('projected decision items, one per era', () => {
  it('2025-12-13 demo era: no ids (book and targets as ever)', () => {
    const d = ok(
      decodeQuoteDecision({
        date: '2025-12-13',
        timestamp: '2025-12-13T18:02:11.120034',
        market_id: 'KXDEMO-25DEC-T1',
        order_book_snapshot: { best_bid: 0.31, best_ask: 0.35, mid: 0.33 },
        target_quotes: [{ side: 'bid', price: 0.31, size: 5 }],
      }),
    );
    expect(d.warnings).toEqual([]);
    expect(Object.keys(d.value).sort()).toEqual(QUOTE_KEYS);
    expect(d.value).toEqual({
      date: '2025-12-13',
      timestampRaw: '2025-12-13T18:02:11.120034',
      timeMs: Date.UTC(2025, 11, 13, 18, 2, 11, 120),
      marketId: 'KXDEMO-25DEC-T1',
      decisionId: null,
      botRunId: null,
      book: { bestBid: 0.31, bestAsk: 0.35, midStored: 0.33 },
      targetQuotes: [{ side: 'bid', priceYes: 0.31, size: 5 }],
    });
  });

  it('2025-12-20 on: ids; a book with the sentinels (no bids, no asks) and no stored mid', () => {
    const d = ok(
      decodeQuoteDecision({
        date: '2025-12-21',
        timestamp: '2025-12-21T09:00:00',
        market_id: 'KX-A',
        decision_id: '20251221-085900-abc123:KX-A:7',
        bot_run_id: '20251221-085900-abc123',
        order_book_snapshot: { best_bid: 0, best_ask: 1 },
        target_quotes: [],
      }),
    );
    expect(d.warnings).toEqual([]);
    expect(d.value).toMatchObject({
      decisionId: '20251221-085900-abc123:KX-A:7',
      botRunId: '20251221-085900-abc123',
      book: { bestBid: null, bestAsk: null, midStored: null },
      targetQuotes: [],
    });
  });

  it('2025-12-23 on: an ALL system decision has no book', () => {
    const d = ok(
      decodeQuoteDecision({
        date: '2026-01-03',
        timestamp: '2026-01-03T13:15:09.220417',
        market_id: 'ALL',
        decision_id: '20260103-131502-a1b2c3:startup_cancel:20260103-131509',
        bot_run_id: '20260103-131502-a1b2c3',
        target_quotes: [],
      }),
    );
    expect(d.warnings).toEqual([]);
    expect(d.value).toMatchObject({ marketId: 'ALL', book: null, targetQuotes: [] });
  });

  it('2026-01-02 on (top levels written, not projected): the current example', () => {
    const d = ok(
      decodeQuoteDecision({
        date: '2026-01-03',
        timestamp: '2026-01-03T14:22:05.481223',
        market_id: 'KXNEXTCOACHOUTNFL-26-2-TB',
        decision_id: '20260103-131502-a1b2c3:KXNEXTCOACHOUTNFL-26-2-TB:412',
        bot_run_id: '20260103-131502-a1b2c3',
        order_book_snapshot: { best_bid: 0.05, best_ask: 0.09, mid: 0.07 },
        target_quotes: [
          { side: 'bid', price: 0.05, size: 9 },
          { side: 'ask', price: 0.07, size: 20 },
        ],
      }),
    );
    expect(d.warnings).toEqual([]);
    expect(d.value.book).toEqual({ bestBid: 0.05, bestAsk: 0.09, midStored: 0.07 });
    expect(d.value.targetQuotes).toHaveLength(2);
  });

  it('a decision without a snapshot (a market that errored or is new) has no book', () => {
    const d = ok(
      decodeQuoteDecision({
        date: '2026-01-03',
        timestamp: '2026-01-03T14:22:05',
        market_id: 'KX-B',
        target_quotes: [],
      }),
    );
    expect(d.warnings).toEqual([]);
    expect(d.value.book).toBeNull();
  });

  it('checks what it reads as the full decoder does: a cents price skips the item, an odd side warns', () => {
    const base = {
      date: '2026-01-03',
      timestamp: '2026-01-03T14:22:05.481223',
      market_id: 'KX-C',
      target_quotes: [],
    };
    const bad = { ...base, order_book_snapshot: { best_bid: 7, best_ask: 0.09 } };
    const light = decodeQuoteDecision(bad, 'dora_decision_log_demo');
    const full = decodeDecision(bad, 'dora_decision_log_demo');
    expect(light.ok).toBe(false);
    expect(!light.ok && !full.ok && light.warning).toEqual(!full.ok && full.warning);
    const odd = ok(decodeQuoteDecision({ ...base, target_quotes: [{ side: 'buy', price: 0.05, size: 9 }] }));
    expect(odd.value.targetQuotes).toEqual([]);
    expect(odd.warnings).toMatchObject([{ code: 'odd_target_quote' }]);
  });
});

describe('whole items of every era, projected', () => {
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
      top_bids: [{ price: 0.05, size: 120 }],
      top_asks: [{ price: 0.09, size: 40 }],
    },
    recent_trades: [{ price: 0.06, size: 12, timestamp: '2026-01-03T13:58:41.223Z' }],
    inventory: { net_yes_qty: 11 },
    price_calc: { skew: 0.0176, fair_value: 0.06341287, logic: 'market', fv_source: 'wma_24h' },
    target_quotes: [
      { side: 'bid', price: 0.05, size: 9 },
      { side: 'ask', price: 0.07, size: 20 },
    ],
    num_targets: 2,
  };
  const {
    decision_id: _id,
    bot_run_id: _run,
    bot_version: _v,
    price_calc: _pc,
    recent_trades: _rt,
    ...demo
  } = current;
  const eras: [string, Record<string, unknown>][] = [
    [
      '2025-12-13 demo (legacy inventory, no ids, no top levels)',
      {
        ...demo,
        inventory: { yes_qty: 3, no_qty: 1, net: 2 },
        order_book_snapshot: { best_bid: 0.05, best_ask: 0.09, spread: 0.04, mid: 0.07 },
      },
    ],
    ['2025-12-14 (net_yes_qty)', { ...demo, order_book_snapshot: { best_bid: 0.05, best_ask: 0.09 } }],
    [
      '2025-12-20 (ids)',
      { ...demo, decision_id: current.decision_id, bot_run_id: current.bot_run_id, bot_version: 'x' },
    ],
    ['2025-12-23 (price_calc, no fair value)', { ...current, price_calc: { skew: 0.01, logic: 'market' } }],
    ['2025-12-23 (market skipped: price_calc {})', { ...current, price_calc: {}, target_quotes: [] }],
    [
      '2025-12-23 (ALL system decision)',
      {
        date: '2026-01-03',
        timestamp: '2026-01-03T13:15:09.220417',
        market_id: 'ALL',
        decision_id: '20260103-131502-a1b2c3:startup_cancel:20260103-131509',
        bot_run_id: '20260103-131502-a1b2c3',
        reason: 'startup_cancel',
        open_orders_count: 14,
        target_quotes: [],
        num_targets: 0,
      },
    ],
    [
      '2026-01-02 (top levels, zeroed trades)',
      { ...current, recent_trades: [{ price: 0, size: 0, timestamp: '' }] },
    ],
    ['2026-01-03 (current)', current],
  ];
  it.each(eras)('%s: the same fields as the full decoder, no warning', (_era, item) => {
    const light = ok(decodeQuoteDecision(project(item)));
    expect(light.warnings).toEqual([]);
    expect(light.value).toEqual(quotePart(decodeDecision(item)));
  });
});

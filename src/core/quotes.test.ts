import { describe, expect, it } from 'vitest';
import {
  activeOrders,
  askActive,
  bidActive,
  exitOrder,
  ordersByMarket,
  ourQuotes,
  quoteState,
  spreadHealth,
  spreadOf,
} from './quotes.js';
import { book, order } from './test-fixtures.js';

describe('our quotes from open orders', () => {
  it('ourBid is the highest yes price, ourAsk the lowest no price, with their sizes', () => {
    const q = ourQuotes([
      order({ side: 'yes', price: 0.05, size: 9 }),
      order({ side: 'yes', price: 0.04, size: 20 }),
      order({ side: 'no', price: 0.07, size: 20 }),
      order({ side: 'no', price: 0.09, size: 5 }),
    ]);
    expect(q).toEqual({
      ourBid: 0.05,
      ourBidSize: 9,
      ourAsk: 0.07,
      ourAskSize: 20,
      bidOrders: 2,
      askOrders: 2,
      bidContracts: 29, // 9 + 20
      askContracts: 25, // 20 + 5
    });
  });
  it('adds the sizes of several orders at the best price (float artifacts included)', () => {
    const q = ourQuotes([
      order({ side: 'yes', price: 0.35, size: 4 }),
      order({ side: 'yes', price: 0.35000000000000003, size: 6 }),
    ]);
    expect(q.ourBidSize).toBe(10);
  });
  it('none ⇒ nulls', () => {
    expect(ourQuotes([])).toMatchObject({ ourBid: null, ourBidSize: null, ourAsk: null, ourAskSize: null });
  });
  it('groups the open_orders item by market; a missing item means no orders', () => {
    const m = ordersByMarket([
      order({ market: 'A', side: 'yes', price: 0.1, size: 1 }),
      order({ market: 'B', side: 'no', price: 0.2, size: 1 }),
    ]);
    expect([...m.keys()]).toEqual(['A', 'B']);
    expect(ordersByMarket(null).size).toBe(0);
  });
});

describe('active', () => {
  it('bid: exists and (no best bid or ourBid ≥ best_bid − 0.0001)', () => {
    expect(bidActive(0.05, 0.05)).toBe(true);
    expect(bidActive(0.0499, 0.05)).toBe(true); // 0.0499 ≥ 0.0499 (tolerance edge)
    expect(bidActive(0.0498, 0.05)).toBe(false);
    expect(bidActive(0.05, null)).toBe(true); // empty bid side: we are the best bid
    expect(bidActive(null, 0.05)).toBe(false);
  });
  it('ask: exists and (no best ask or ourAsk ≤ best_ask + 0.0001)', () => {
    expect(askActive(0.09, 0.09)).toBe(true);
    expect(askActive(0.0901, 0.09)).toBe(true);
    expect(askActive(0.0902, 0.09)).toBe(false);
    expect(askActive(0.5, null)).toBe(true);
    expect(askActive(null, null)).toBe(false);
  });
});

describe('spread and its health', () => {
  it('spread = best_ask − best_bid only when both sides exist', () => {
    expect(spreadOf(book(0.05, 0.09))).toBeCloseTo(0.04, 15);
    expect(spreadOf(book(null, 0.09))).toBeNull();
    expect(spreadOf(book(0.05, null))).toBeNull();
    expect(spreadOf(null)).toBeNull();
  });
  it('below < min − 1e-9 ≤ tight ≤ min + 0.01 < ok', () => {
    // 0.09 − 0.05 = 0.039999999999999994 with min 0.04: an artifact, not below.
    expect(spreadHealth(0.09 - 0.05, 0.04)).toBe('tight');
    expect(spreadHealth(0.03, 0.04)).toBe('below');
    // 0.10 − 0.05 = 0.05 = min + 0.01 ⇒ tight; 0.06 ⇒ ok.
    expect(spreadHealth(0.1 - 0.05, 0.04)).toBe('tight');
    expect(spreadHealth(0.06, 0.04)).toBe('ok');
    // 0.10 − 0.03 = 0.07000000000000001 with min 0.06: exactly 1¢ above, still tight.
    expect(spreadHealth(0.1 - 0.03, 0.06)).toBe('tight');
    expect(spreadHealth(null, 0.04)).toBeNull();
  });
});

describe('activeBids / activeAsks over enabled markets', () => {
  it('counts enabled markets whose bid (ask) is active and all their bid (ask) contracts', () => {
    const a = quoteState(book(0.05, 0.09), [
      order({ side: 'yes', price: 0.05, size: 9 }),
      order({ side: 'yes', price: 0.03, size: 11 }),
      order({ side: 'no', price: 0.12, size: 7 }), // 0.12 > 0.09 ⇒ ask not active
    ]);
    const b = quoteState(book(0.2, 0.3), [order({ side: 'no', price: 0.3, size: 4 })]);
    const disabled = quoteState(book(0.2, 0.3), [order({ side: 'yes', price: 0.2, size: 100 })]);
    const totals = activeOrders([
      { enabled: true, ...a },
      { enabled: true, ...b },
      { enabled: false, ...disabled },
    ]);
    // Bids: only A is active ⇒ 1 market, 9 + 11 = 20 contracts. Asks: only B ⇒ 1, 4.
    expect(totals).toEqual({ activeBids: 1, activeBidContracts: 20, activeAsks: 1, activeAskContracts: 4 });
  });
});

describe('exitOrder', () => {
  it('long needs an active ask, short an active bid, flat is null', () => {
    const q = { ourBidActive: true, ourAskActive: false };
    expect(exitOrder(5, q)).toBe(false);
    expect(exitOrder(-5, q)).toBe(true);
    expect(exitOrder(0, q)).toBeNull();
  });
});

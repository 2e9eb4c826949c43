import { describe, expect, it } from 'vitest';
import { capitalAtRisk, exposureOf, exposureTotals } from './exposure.js';
import { quoteState } from './quotes.js';
import { book, order } from './test-fixtures.js';
import { avgCostOf, unrealizedBest, unrealizedMid, unrealizedOf, unrealizedWorst } from './unrealized.js';

const long = { net: 10, avgBuy: 0.4, avgSell: 0.9 }; // avgSell is a stale leftover: ignored when long
const short = { net: -8, avgBuy: 0.1, avgSell: 0.7 };
const flat = { net: 0, avgBuy: 0.4, avgSell: 0.7 };

describe('avgCost', () => {
  it('is avgBuy when long, avgSell when short, null when flat', () => {
    expect([avgCostOf(long), avgCostOf(short), avgCostOf(flat)]).toEqual([0.4, 0.7, null]);
  });
});

describe('unrealizedWorst', () => {
  it('long with a bid: (b − avgBuy)·q − fee(b, q)', () => {
    // (0.35 − 0.40)·10 − 0.0175·10·0.35·0.65 = −0.5 − 0.0398125 = −0.5398125
    expect(unrealizedWorst(long, book(0.35, 0.45))).toBeCloseTo(-0.5398125, 12);
  });
  it('long with an empty bid side: −avgBuy·q (the contracts are worth nothing to sell)', () => {
    // −0.40·10 = −4.00 (the old dashboard showed N/A here, §5.3)
    expect(unrealizedWorst(long, book(null, 0.45))).toBeCloseTo(-4, 12);
  });
  it('short with an ask: (avgSell − a)·q − fee(a, q)', () => {
    // (0.70 − 0.75)·8 − 0.0175·8·0.75·0.25 = −0.4 − 0.02625 = −0.42625
    expect(unrealizedWorst(short, book(0.6, 0.75))).toBeCloseTo(-0.42625, 12);
  });
  it('short with an empty ask side: (avgSell − 1)·q', () => {
    // (0.70 − 1)·8 = −2.40
    expect(unrealizedWorst(short, book(0.6, null))).toBeCloseTo(-2.4, 12);
  });
  it('a market with no decision (no book) uses the empty-side rule', () => {
    expect(unrealizedWorst(long, null)).toBeCloseTo(-4, 12);
    expect(unrealizedWorst(short, null)).toBeCloseTo(-2.4, 12);
  });
  it('flat is 0', () => {
    expect(unrealizedWorst(flat, book(0.3, 0.5))).toBe(0);
  });
});

describe('unrealizedBest', () => {
  it('long exits at our active ask: (ourAsk − avgBuy)·q − fee(ourAsk, q)', () => {
    const q = quoteState(book(0.35, 0.5), [order({ side: 'no', price: 0.48, size: 10 })]);
    // 0.48 ≤ 0.50 + 0.0001 ⇒ active. (0.48 − 0.40)·10 − 0.0175·10·0.48·0.52 = 0.8 − 0.043680 = 0.75632
    expect(q.ourAskActive).toBe(true);
    expect(unrealizedBest(long, book(0.35, 0.5), q)).toBeCloseTo(0.75632, 12);
  });
  it('long whose ask is not active falls back to worst', () => {
    const q = quoteState(book(0.35, 0.45), [order({ side: 'no', price: 0.48, size: 10 })]);
    // 0.48 > 0.45 + 0.0001 ⇒ inactive ⇒ worst = −0.5398125 (above).
    expect(q.ourAskActive).toBe(false);
    expect(unrealizedBest(long, book(0.35, 0.45), q)).toBeCloseTo(-0.5398125, 12);
  });
  it('short exits at our active bid: (avgSell − ourBid)·q − fee(ourBid, q)', () => {
    const q = quoteState(book(0.6, 0.75), [order({ side: 'yes', price: 0.61, size: 8 })]);
    // (0.70 − 0.61)·8 − 0.0175·8·0.61·0.39 = 0.72 − 0.033306 = 0.686694
    expect(unrealizedBest(short, book(0.6, 0.75), q)).toBeCloseTo(0.686694, 12);
  });
  it('short without a bid of ours falls back to worst; no book at all ⇒ the (avgSell − 1) rule', () => {
    const q = quoteState(null, []);
    expect(unrealizedBest(short, null, q)).toBeCloseTo(-2.4, 12);
  });
  it('our ask with no book at all is active (nothing better in the book)', () => {
    const q = quoteState(null, [order({ side: 'no', price: 0.5, size: 10 })]);
    // (0.50 − 0.40)·10 − 0.0175·10·0.25 = 1 − 0.04375 = 0.95625
    expect(unrealizedOf(long, q).best).toBeCloseTo(0.95625, 12);
  });
});

describe('unrealizedMid', () => {
  it('marks to mid without fee; an empty side counts at its sentinel; no book ⇒ null', () => {
    // mid (0.35 + 0.45)/2 = 0.40 ⇒ long (0.40 − 0.40)·10 = 0.
    expect(unrealizedMid(long, 0.4)).toBeCloseTo(0, 12);
    // Short, mid 0.65: (0.70 − 0.65)·8 = 0.40.
    expect(unrealizedMid(short, 0.65)).toBeCloseTo(0.4, 12);
    // No bid, ask 0.45: mid = (0 + 0.45)/2 = 0.225 ⇒ long (0.225 − 0.40)·10 = −1.75.
    const q = quoteState(book(null, 0.45), []);
    expect(q.mid).toBe(0.225);
    expect(unrealizedOf(long, q).mid).toBeCloseTo(-1.75, 12);
    expect(unrealizedOf(long, quoteState(null, [])).mid).toBeNull();
    expect(unrealizedOf(flat, quoteState(null, [])).mid).toBe(0);
  });
});

describe('exposure and capital at risk', () => {
  it('exposure is |net| contracts', () => {
    expect([exposureOf(10), exposureOf(-8), exposureOf(0)]).toEqual([10, 8, 0]);
  });
  it('capital at risk: long net·avgBuy, short |net|·(1 − avgSell)', () => {
    // 10·0.40 = 4.00; 8·(1 − 0.70) = 2.40; flat 0.
    expect(capitalAtRisk(long)).toBeCloseTo(4, 12);
    expect(capitalAtRisk(short)).toBeCloseTo(2.4, 12);
    expect(capitalAtRisk(flat)).toBe(0);
  });
  it('exposureTotal counts every position, enabledExposure enabled markets only', () => {
    const holdings = [
      { marketId: 'A', net: 10 },
      { marketId: 'B', net: -8 },
      { marketId: 'SETTLED', net: 3 },
    ];
    // total 10 + 8 + 3 = 21; enabled (A, B) = 18.
    expect(exposureTotals(holdings, (id) => id !== 'SETTLED')).toEqual({ total: 21, enabled: 18 });
  });
});

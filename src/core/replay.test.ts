import { describe, expect, it } from 'vitest';
import { applyFill, FLAT, replayFills } from './replay.js';
import { fill } from './test-fixtures.js';

const T = (h: number): string => `2026-01-02T${String(h).padStart(2, '0')}:00:00Z`;

describe('the average-cost replay (metrics.md §Realized)', () => {
  it('averages buys, realizes on a sell, subtracts every fee', () => {
    const r = replayFills([
      fill({ side: 'yes', price: 0.4, size: 10, at: T(1), fee: 0.01 }),
      fill({ side: 'yes', price: 0.5, size: 10, at: T(2), fee: 0.01 }),
      fill({ side: 'no', price: 0.6, size: 5, at: T(3), fee: 0.02 }),
    ]);
    // avgBuy = (0.4·10 + 0.5·10)/20 = 0.45; the sell closes 5: 5·(0.60 − 0.45) = 0.75;
    // fees 0.01 + 0.01 + 0.02 = 0.04 ⇒ realized = 0.71, net 15, avgBuy still 0.45.
    const m = r.markets.get('MKT-A');
    expect(m?.net).toBe(15);
    expect(m?.avgBuy).toBeCloseTo(0.45, 12);
    expect(m?.realized).toBeCloseTo(0.71, 12);
    expect(r.steps.map((s) => s.realizedChange)).toEqual([-0.01, -0.01, expect.closeTo(0.73, 12)]);
    expect(r.realizedTotal).toBeCloseTo(0.71, 12);
  });

  it('flips long → short in one fill: closes min(net, s), the rest opens at avgSell = p', () => {
    const r = replayFills([
      fill({ side: 'yes', price: 0.4, size: 10, at: T(1), fee: 0 }),
      fill({ side: 'no', price: 0.5, size: 15, at: T(2), fee: 0 }),
    ]);
    // closed = min(10, 15) = 10 ⇒ realized += 10·(0.50 − 0.40) = 1.00; net = 10 − 15 = −5 < 0 ⇒ avgSell = 0.50.
    const flip = r.steps[1];
    expect(flip?.before).toEqual({ net: 10, avgBuy: 0.4, avgSell: 0, realized: 0 });
    expect(flip?.after.net).toBe(-5);
    expect(flip?.after.avgSell).toBe(0.5);
    expect(flip?.after.avgBuy).toBe(0.4); // not reset
    expect(flip?.realizedChange).toBeCloseTo(1.0, 12);
  });

  it('flips short → long in one fill', () => {
    const r = replayFills([
      fill({ side: 'no', price: 0.7, size: 4, at: T(1), fee: 0 }),
      fill({ side: 'yes', price: 0.6, size: 10, at: T(2), fee: 0 }),
    ]);
    // Short 4 at 0.70; buy 10 at 0.60 closes 4: 4·(0.70 − 0.60) = 0.40; net = 6 ⇒ avgBuy = 0.60.
    expect(r.markets.get('MKT-A')).toMatchObject({ net: 6, avgBuy: 0.6, avgSell: 0.7 });
    expect(r.markets.get('MKT-A')?.realized).toBeCloseTo(0.4, 12);
  });

  it('does not reset averages when flat; the next opening fill starts from p anyway', () => {
    const r = replayFills([
      fill({ side: 'yes', price: 0.2, size: 3, at: T(1), fee: 0 }),
      fill({ side: 'no', price: 0.3, size: 3, at: T(2), fee: 0 }),
      fill({ side: 'no', price: 0.9, size: 2, at: T(3), fee: 0 }),
    ]);
    // After fill 2: net 0, avgBuy stays 0.20 (0.6/3 = 0.20000000000000004, the bot's float too),
    // realized 3·(0.30 − 0.20) = 0.30.
    expect(r.steps[1]?.after).toMatchObject({ net: 0, avgBuy: expect.closeTo(0.2, 15), avgSell: 0 });
    // Fill 3 (net ≤ 0 branch): avgSell = (0·0 + 0.9·2)/(0 + 2) = 0.9; net −2.
    expect(r.steps[2]?.after).toMatchObject({ net: -2, avgBuy: expect.closeTo(0.2, 15), avgSell: 0.9 });
    expect(r.markets.get('MKT-A')?.realized).toBeCloseTo(0.3, 12);
  });

  it('uses fee(p, c) for a fill with no stored fee, and 0 for a stored 0', () => {
    const r = replayFills([
      fill({ side: 'yes', price: 0.4, size: 10, at: T(1) }),
      fill({ side: 'yes', price: 0.4, size: 10, at: T(2), fee: 0 }),
    ]);
    // fee(0.4, 10) = 0.0175·10·0.4·0.6 = 0.042; the second fill has no fee.
    expect(r.steps.map((s) => s.feeUsd)).toEqual([expect.closeTo(0.042, 15), 0]);
    expect(r.markets.get('MKT-A')?.realized).toBeCloseTo(-0.042, 15);
  });

  it('counts a duplicated fill once', () => {
    const a = fill({ side: 'yes', price: 0.4, size: 10, at: T(1), fee: 0, fillId: 'T1' });
    const b = fill({ side: 'no', price: 0.5, size: 10, at: T(2), fee: 0, fillId: 'T2' });
    const r = replayFills([a, b, { ...b, sortKey: b.sortKey + 'x' }, { ...a }]);
    // Once: 10·(0.5 − 0.4) = 1.0; counted twice it would flip short.
    expect(r.steps).toHaveLength(2);
    expect(r.markets.get('MKT-A')).toMatchObject({ net: 0 });
    expect(r.realizedTotal).toBeCloseTo(1.0, 12);
  });

  it("reproduces the bot's stored pnl_realized of the contract example", () => {
    // Contract §2.3: sell 5 at 0.07 against a long whose avg is 0.056818181818181816
    // (= 1.25/22: bought 7 at 0.05 and 15 at 0.06), fee 0.005696250000000001.
    // Change = −0.00569625 + 5·(0.07 − 0.0568181818) = 0.0602128409…, stored 0.060212840909090945.
    const r = replayFills([
      fill({ side: 'yes', price: 0.05, size: 7, at: T(1), fee: 0 }),
      fill({ side: 'yes', price: 0.06, size: 15, at: T(2), fee: 0 }),
      fill({ side: 'no', price: 0.07, size: 5, at: T(3), fee: 0.005696250000000001 }),
    ]);
    expect(r.steps[2]?.before.avgBuy).toBeCloseTo(0.056818181818181816, 15);
    expect(r.steps[2]?.realizedChange).toBeCloseTo(0.060212840909090945, 14);
  });

  it('keeps markets apart and in order of their first fill', () => {
    const r = replayFills([
      fill({ market: 'B', side: 'yes', price: 0.5, size: 1, at: T(2), fee: 0 }),
      fill({ market: 'A', side: 'no', price: 0.5, size: 1, at: T(1), fee: 0 }),
    ]);
    expect([...r.markets.keys()]).toEqual(['A', 'B']);
    expect(r.markets.get('A')).toMatchObject({
      net: -1,
      fills: 1,
      firstFillAtMs: Date.parse(T(1)),
      lastFillAtMs: Date.parse(T(1)),
    });
  });

  it('applyFill leaves the averages of a zero-size item alone instead of dividing 0 by 0', () => {
    expect(applyFill(FLAT, 'yes', 0.5, 0, 0)).toEqual({ net: 0, avgBuy: 0, avgSell: 0, realized: 0 });
  });

  it('formula fee rule ignores stored fees', () => {
    const f = fill({ side: 'yes', price: 0.5, size: 10, at: T(1), fee: 0 });
    // fee(0.5, 10) = 0.0175·10·0.25 = 0.04375
    expect(replayFills([f], { feeRule: 'formula' }).realizedTotal).toBeCloseTo(-0.04375, 15);
  });

  it('replays an array once per fee rule; another array (even with equal content) is replayed anew', () => {
    const fills = [
      fill({ side: 'yes', price: 0.4, size: 10, at: T(1), fee: 0.01 }),
      fill({ side: 'no', price: 0.5, size: 4, at: T(2), fee: 0.01 }),
    ];
    const stored = replayFills(fills);
    expect(replayFills(fills)).toBe(stored);
    const formula = replayFills(fills, { feeRule: 'formula' });
    expect(formula).not.toBe(stored);
    expect(replayFills(fills, { feeRule: 'formula' })).toBe(formula);
    // A new array is a new trade log: here one more fill, which must be counted.
    const more = [...fills, fill({ side: 'no', price: 0.6, size: 6, at: T(3), fee: 0.01 })];
    expect(replayFills(more).markets.get('MKT-A')?.net).toBe(0);
    expect(stored.markets.get('MKT-A')?.net).toBe(6);
  });

  it('without steps gives the same per-market results, and a step’s before is the previous after', () => {
    const fills = [
      fill({ side: 'yes', price: 0.4, size: 10, at: T(1), fee: 0.01 }),
      fill({ side: 'no', price: 0.5, size: 4, at: T(2), fee: 0.01 }),
    ];
    const full = replayFills(fills, { feeRule: 'formula' });
    const lean = replayFills(fills, { feeRule: 'formula', steps: false });
    expect(lean.steps).toEqual([]);
    expect(lean.markets).toEqual(full.markets);
    expect(lean.realizedTotal).toBe(full.realizedTotal);
    expect(replayFills([...fills], { steps: false }).markets).toEqual(replayFills(fills).markets);
    expect(full.steps[1]?.before).toBe(full.steps[0]?.after);
  });
});

import { describe, expect, it } from 'vitest';
import { applyFill, closingPnlUsd, flatPosition } from './avg-cost.js';
import { ceilCentFeeUsd, makerFeeUsd } from './fees.js';

describe('fees', () => {
  it('reproduces the contract example with its float artifact', () => {
    expect(makerFeeUsd(0.07, 5)).toBe(0.005696250000000001);
    expect(ceilCentFeeUsd(0.07, 5)).toBe(0.01);
  });
});

describe('applyFill (hand-worked)', () => {
  it('opens, partly closes, flips long→short in one fill, closes flat and keeps averages', () => {
    const p = flatPosition();
    // buy 10 @ 0.40: fee 0.0175·10·0.4·0.6 = 0.042
    expect(applyFill(p, 'yes', 0.4, 10, makerFeeUsd(0.4, 10))).toBeCloseTo(-0.042, 12);
    expect(p).toMatchObject({ netYesQty: 10, avgBuyPrice: 0.4 });
    // sell 4 @ 0.50: fee 0.0175, closes 4 × 0.10
    expect(closingPnlUsd(p, 'no', 0.5, 4)).toBeCloseTo(0.4, 12);
    applyFill(p, 'no', 0.5, 4, makerFeeUsd(0.5, 4));
    expect(p.realizedPnlUsd).toBeCloseTo(0.3405, 12);
    // sell 10 @ 0.45: closes 6 × 0.05 = 0.30, fee 0.0433125, flips to −4 with avg_sell 0.45
    applyFill(p, 'no', 0.45, 10, makerFeeUsd(0.45, 10));
    expect(p.netYesQty).toBe(-4);
    expect(p.avgSellPrice).toBe(0.45);
    expect(p.avgBuyPrice).toBe(0.4);
    expect(p.realizedPnlUsd).toBeCloseTo(0.5971875, 12);
    // buy 4 @ 0.30: closes 4 × 0.15 = 0.60, fee 0.0147 ⇒ flat; averages are not reset
    applyFill(p, 'yes', 0.3, 4, makerFeeUsd(0.3, 4));
    expect(p.netYesQty).toBe(0);
    expect(p.realizedPnlUsd).toBeCloseTo(1.1824875, 12);
    expect([p.avgBuyPrice, p.avgSellPrice]).toEqual([0.4, 0.45]);
  });

  it('averages the short side when selling from flat or short', () => {
    const p = flatPosition();
    applyFill(p, 'no', 0.6, 2, 0);
    applyFill(p, 'no', 0.7, 2, 0);
    expect(p.netYesQty).toBe(-4);
    expect(p.avgSellPrice).toBeCloseTo(0.65, 12);
    // buy 6 @ 0.5: closes 4 × 0.15, flips long 2 at 0.5
    expect(applyFill(p, 'yes', 0.5, 6, 0)).toBeCloseTo(0.6, 12);
    expect(p).toMatchObject({ netYesQty: 2, avgBuyPrice: 0.5 });
  });
});

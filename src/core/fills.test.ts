import { describe, expect, it } from 'vitest';
import { fillsWithRealized } from './fills.js';
import { fill } from './test-fixtures.js';

describe('fillsWithRealized', () => {
  it('gives each de-duplicated fill its realized change and the state around it, oldest first', () => {
    const buy = fill({ side: 'yes', price: 0.4, size: 10, at: '2026-01-02T10:00:00Z', fillId: 'T1' });
    const sell = fill({
      side: 'no',
      price: 0.5,
      size: 4,
      at: '2026-01-02T11:00:00Z',
      fee: 0.02,
      fillId: 'T2',
    });
    const out = fillsWithRealized([sell, buy, { ...buy }]);
    expect(out.map((f) => f.fillId)).toEqual(['T1', 'T2']);
    // T1: fee(0.4, 10) = 0.042 ⇒ −0.042. T2: 4·(0.5 − 0.4) − 0.02 = 0.38.
    expect(out[0]?.feeApplied).toBeCloseTo(0.042, 15);
    expect(out[0]?.realizedChange).toBeCloseTo(-0.042, 15);
    expect(out[1]?.realizedChange).toBeCloseTo(0.38, 12);
    expect(out[1]?.before).toMatchObject({ net: 10, avgBuy: 0.4 });
    expect(out[1]?.after).toMatchObject({ net: 6, avgBuy: 0.4 });
    expect(out[1]?.marketId).toBe('MKT-A');
  });
});

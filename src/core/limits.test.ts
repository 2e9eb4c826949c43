import { describe, expect, it } from 'vitest';
import { limitUse, lossHeadroom, lossLimitUse, totalLimitUse } from './limits.js';
import { isStale } from './staleness.js';

describe('limit use', () => {
  it('market: |net| / max_inventory_yes', () => {
    // |−15| / 25 = 0.6
    expect(limitUse(-15, 25)).toBe(0.6);
    expect(limitUse(5, 0)).toBeNull();
    expect(limitUse(5, null)).toBeNull();
  });
  it('total: exposureTotal / max_total_exposure', () => {
    // 125 / 500 = 0.25
    expect(totalLimitUse(125, 500)).toBe(0.25);
  });
  it('loss: max(0, −daily_pnl) / max_daily_loss', () => {
    // −(−4.1875) / 100 = 0.041875.
    expect(lossLimitUse(-4.1875, 100)).toBeCloseTo(0.041875, 15);
    // A gain uses none of the limit: 0 %, never negative (metrics.md).
    expect(lossLimitUse(10, 100)).toBe(0);
    expect(lossLimitUse(53.38, 100)).toBe(0);
    expect(lossLimitUse(0, 100)).toBe(0);
    expect(lossLimitUse(-150, 100)).toBe(1.5);
    expect(lossLimitUse(null, 100)).toBeNull();
  });
  it('loss headroom: max_daily_loss + daily_pnl', () => {
    // 100 + (−4.1875) = 95.8125 dollars left; a gain of 53.38 leaves 153.38; −150 is 50 past it.
    expect(lossHeadroom(-4.1875, 100)).toBeCloseTo(95.8125, 12);
    expect(lossHeadroom(53.38, 100)).toBeCloseTo(153.38, 12);
    expect(lossHeadroom(-150, 100)).toBe(-50);
    expect(lossHeadroom(null, 100)).toBeNull();
  });
});

describe('stale position', () => {
  const H = 3_600_000;
  it('net ≠ 0 and last fill older than H hours, or never filled', () => {
    expect(isStale(5, 0, 48 * H + 1, 48)).toBe(true);
    expect(isStale(5, 0, 48 * H, 48)).toBe(false); // exactly H hours is not older
    expect(isStale(-5, null, 0, 48)).toBe(true);
    expect(isStale(0, null, 0, 48)).toBe(false);
    expect(isStale(5, 0, 2 * H + 1, 2)).toBe(true);
  });
});

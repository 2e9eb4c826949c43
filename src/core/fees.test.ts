import { describe, expect, it } from 'vitest';
import { fee, fillFee } from './fees.js';
import { fill } from './test-fixtures.js';

describe('fee(p, c)', () => {
  it('is 0.0175 · c · p · (1 − p), unrounded', () => {
    // 0.0175 · 5 · 0.07 · 0.93 = 0.0875 · 0.0651 = 0.00569625 — the contract's stored example
    // `fees: 0.005696250000000001` is exactly this float.
    expect(fee(0.07, 5)).toBe(0.005696250000000001);
    // 0.0175 · 10 · 0.5 · 0.5 = 0.04375
    expect(fee(0.5, 10)).toBeCloseTo(0.04375, 15);
    // Worthless at the extremes: p = 0 or p = 1 ⇒ 0.
    expect(fee(0, 10)).toBe(0);
    expect(fee(1, 10)).toBe(0);
  });
});

describe('fee of a fill', () => {
  it('uses the stored fee when it is a number', () => {
    // Stored 0.01 wins over the formula's 0.0175 · 10 · 0.4 · 0.6 = 0.042.
    expect(fillFee(fill({ side: 'yes', price: 0.4, size: 10, at: '2026-01-03T00:00:00Z', fee: 0.01 }))).toBe(
      0.01,
    );
  });
  it('uses a stored 0 as 0: a fill with no fees (pre-2025-12-26 payloads without a fee)', () => {
    expect(fillFee(fill({ side: 'yes', price: 0.4, size: 10, at: '2025-12-20T00:00:00Z', fee: 0 }))).toBe(0);
  });
  it('falls back to the formula when the item has no fee', () => {
    // 0.0175 · 10 · 0.4 · 0.6 = 0.042
    expect(fillFee(fill({ side: 'yes', price: 0.4, size: 10, at: '2026-01-03T00:00:00Z' }))).toBeCloseTo(
      0.042,
      15,
    );
  });
});

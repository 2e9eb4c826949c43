import { describe, expect, it } from 'vitest';
import { replayFills } from './replay.js';
import { fill, ms } from './test-fixtures.js';
import { last24h, windowStats } from './window.js';

const now = ms('2026-01-03T12:00:00Z');

describe('pnl24h / filled24h / pos24h over (now − 24 h, now]', () => {
  const steps = replayFills([
    // Opened two days ago: outside the window, but it sets the cost the window's close uses.
    fill({ side: 'yes', price: 0.3, size: 10, at: '2026-01-01T12:00:00Z', fee: 0 }),
    // Exactly now − 24 h: excluded (the window is open on the left).
    fill({ side: 'no', price: 0.35, size: 2, at: '2026-01-02T12:00:00Z', fee: 0 }),
    // Inside: closes 5 of the old long at 0.40: 5·(0.40 − 0.30) − 0.01 = 0.49.
    fill({ side: 'no', price: 0.4, size: 5, at: '2026-01-02T12:00:00.001Z', fee: 0.01 }),
    // Exactly now: included. Buys 1 at 0.20: change = −0.002 (fee only).
    fill({ side: 'yes', price: 0.2, size: 1, at: '2026-01-03T12:00:00Z', fee: 0.002 }),
    // After now (clock skew): excluded.
    fill({ side: 'yes', price: 0.2, size: 1, at: '2026-01-03T12:00:01Z', fee: 0 }),
    fill({ market: 'OTHER', side: 'no', price: 0.9, size: 3, at: '2026-01-03T00:00:00Z', fee: 0 }),
  ]).steps;

  it('sums realized changes of the whole-history replay, sizes and signed sizes', () => {
    const w = last24h(steps, now);
    // pnl = 0.49 − 0.002 = 0.488; filled = 5 + 1 = 6; pos = −5 + 1 = −4.
    expect(w.get('MKT-A')?.pnl).toBeCloseTo(0.488, 12);
    expect(w.get('MKT-A')).toMatchObject({ filled: 6, pos: -4, fills: 2 });
    expect(w.get('OTHER')).toMatchObject({ pnl: 0, filled: 3, pos: -3, fills: 1 });
  });

  it('is empty for a market without fills in the window', () => {
    // (now, now + 1 s] holds only the skewed fill at now + 1 s.
    expect([...windowStats(steps, now, now + 1000).keys()]).toEqual(['MKT-A']);
    expect(windowStats(steps, now + 1, now + 2).size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { compareReplayOrder, dedupeFills, prepareFills } from './dedupe.js';
import { fill } from './test-fixtures.js';

describe('dedupeFills', () => {
  it('keeps one item per fill_id: the one with the smallest sort key', () => {
    // The same Kalshi trade logged twice (contract §5.8: re-log after a failed startup scan).
    const original = fill({
      side: 'yes',
      price: 0.3,
      size: 5,
      at: '2026-01-02T10:00:00Z',
      fillId: 'T1',
      sortKey: '2026-01-02T10:00:00+00:00#o1',
    });
    const relogged = { ...original, sortKey: '2026-01-02T10:00:00+00:00#o1~', pnlRealizedUsd: 0 };
    expect(dedupeFills([relogged, original])).toEqual([original]);
    expect(dedupeFills([original, relogged])).toEqual([original]);
  });

  it('keeps items without fill_id, keyed by their sort key', () => {
    const a = fill({
      side: 'yes',
      price: 0.3,
      size: 5,
      at: '2026-01-02T10:00:00Z',
      fillId: null,
      sortKey: 'k1',
    });
    const b = fill({
      side: 'yes',
      price: 0.3,
      size: 5,
      at: '2026-01-02T10:00:00Z',
      fillId: null,
      sortKey: 'k2',
    });
    const aAgain = { ...a };
    const out = dedupeFills([a, b, aAgain]);
    expect(out).toHaveLength(2);
    expect(out.map((f) => f.sortKey).sort()).toEqual(['k1', 'k2']);
  });

  it('does not confuse a fill_id with a sort key of the same text', () => {
    const withId = fill({
      side: 'yes',
      price: 0.3,
      size: 5,
      at: '2026-01-02T10:00:00Z',
      fillId: 'X',
      sortKey: 'a',
    });
    const withoutId = fill({
      side: 'yes',
      price: 0.3,
      size: 5,
      at: '2026-01-02T10:00:00Z',
      fillId: null,
      sortKey: 'X',
    });
    expect(dedupeFills([withId, withoutId])).toHaveLength(2);
  });
});

describe('replay order', () => {
  it('is fill time, then fill_id — never the sort key or date', () => {
    // Old item: sort key (logging time) later than a newer fill's, date from logging.
    const old = fill({
      side: 'yes',
      price: 0.3,
      size: 1,
      at: '2025-12-20T09:00:00Z',
      fillId: 'C',
      sortKey: '2025-12-21T00:00:00#o',
      date: '2025-12-21',
    });
    const later = fill({
      side: 'yes',
      price: 0.3,
      size: 1,
      at: '2025-12-20T10:00:00Z',
      fillId: 'A',
      sortKey: '2025-12-20T10:00:00+00:00#o',
    });
    const sameTimeB = fill({ side: 'yes', price: 0.3, size: 1, at: '2025-12-20T09:00:00Z', fillId: 'B' });
    // 09:00 B, 09:00 C (same time: by fill_id), then 10:00 A.
    expect(prepareFills([later, old, sameTimeB]).map((f) => f.fillId)).toEqual(['B', 'C', 'A']);
    expect(compareReplayOrder(sameTimeB, old)).toBeLessThan(0);
  });
});

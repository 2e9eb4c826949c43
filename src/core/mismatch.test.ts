import { describe, expect, it } from 'vitest';
import { mismatchOf } from './mismatch.js';
import { ourQuotes } from './quotes.js';
import { book, decision, ms, order } from './test-fixtures.js';

const now = ms('2026-01-03T14:30:00Z');
const d = decision({
  at: '2026-01-03T14:22:05.481223',
  book: book(0.05, 0.09),
  targets: [
    { side: 'bid', priceYes: 0.05, size: 9 },
    { side: 'ask', priceYes: 0.07, size: 20 },
  ],
});
const onlyBid = ourQuotes([order({ side: 'yes', price: 0.05, size: 9 })]);

describe('mismatch', () => {
  it('reports a target without a live order when the snapshot is at least as new as the decision', () => {
    const m = mismatchOf(d, onlyBid, ms('2026-01-03T14:22:31.004871Z'), now);
    expect(m).toMatchObject({ bid: 'ok', ask: 'missing', any: true, targetBid: 0.05, targetAsk: 0.07 });
    // Snapshot age = 14:30:00.000 − 14:22:31.004 = 448.996 s; lag = 14:22:05.481 − 14:22:31.004 = −25.523 s.
    expect(m.snapshotAgeMs).toBe(448_996);
    expect(m.snapshotLagMs).toBe(-25_523);
  });
  it('is unknown, with the snapshot age, when open_orders predates the decision', () => {
    // Saved 14:20:00, decision 14:22:05.481 ⇒ the snapshot cannot show orders placed for it.
    const m = mismatchOf(d, onlyBid, ms('2026-01-03T14:20:00Z'), now);
    expect(m).toMatchObject({
      bid: 'unknown',
      ask: 'unknown',
      any: false,
      snapshotAgeMs: 600_000,
      snapshotLagMs: 125_481,
    });
    expect(m.openOrdersSyncedAt).toBe('2026-01-03T14:20:00.000Z');
    expect(m.decisionAt).toBe('2026-01-03T14:22:05.481Z');
  });
  it('is unknown without an open_orders item', () => {
    expect(mismatchOf(d, onlyBid, null, now)).toMatchObject({
      bid: 'unknown',
      ask: 'unknown',
      snapshotAgeMs: null,
    });
  });
  it('is none where the decision targets nothing, and for a market with no decision', () => {
    const noTargets = decision({ at: '2026-01-03T14:22:05', book: book(0.05, 0.09) });
    expect(mismatchOf(noTargets, ourQuotes([]), ms('2026-01-03T14:25:00Z'), now)).toMatchObject({
      bid: 'none',
      ask: 'none',
      any: false,
    });
    expect(mismatchOf(null, ourQuotes([]), ms('2026-01-03T14:25:00Z'), now)).toMatchObject({
      bid: 'none',
      ask: 'none',
      decisionAt: null,
      snapshotLagMs: null,
    });
  });
});

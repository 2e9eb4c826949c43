import { describe, expect, it } from 'vitest';
import { mismatchOf, priceMatch } from './mismatch.js';
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

describe('target vs resting price: int(price × 100) cents, 1¢ tolerance on the low side (contract §6.20)', () => {
  const fresh = ms('2026-01-03T14:22:31Z');
  const both = (bid: number, ask: number) =>
    decision({
      at: '2026-01-03T14:22:05',
      targets: [
        { side: 'bid', priceYes: bid, size: 5 },
        { side: 'ask', priceYes: ask, size: 5 },
      ],
    });
  const rest = (...os: ['yes' | 'no', number][]) =>
    os.map(([side, price]) => order({ side, price, size: 5 }));
  const check = (d: ReturnType<typeof both>, orders: ReturnType<typeof rest>) =>
    mismatchOf(d, ourQuotes(orders), fresh, now, orders);

  it('the bot’s own truncation: 0.58 → 57¢ and 0.29 → 28¢ are the target’s orders', () => {
    // What the bot sends: int(0.58 · 100) = 57 (0.58 · 100 = 57.99999999999999), int(0.29 · 100) = 28.
    expect(Math.trunc(0.58 * 100)).toBe(57);
    expect(Math.trunc(0.29 * 100)).toBe(28);
    expect(priceMatch(0.58, 0.57)).toBe('truncated');
    expect(priceMatch(0.29, 0.28)).toBe('truncated'); // 0.29 − 0.28 = 0.010000000000000009
    expect(priceMatch(0.35000000000000003, 0.35)).toBe('match');
    expect(priceMatch(0.58, 0.56)).toBe('differs'); // 2¢ below
    expect(priceMatch(0.58, 0.59)).toBe('differs'); // above: never the truncation
  });

  it('is ok, not a mismatch, when the bid rests 1¢ below its target and the ask 1¢ below its target', () => {
    const m = check(both(0.58, 0.62), rest(['yes', 0.57], ['no', 0.61]));
    expect(m).toMatchObject({
      bid: 'ok',
      ask: 'ok',
      any: false,
      bidPrice: 'truncated',
      askPrice: 'truncated',
    });
  });

  it('says differs beyond the tolerance or on the high side, without counting it as a missing quote', () => {
    const m = check(both(0.58, 0.62), rest(['yes', 0.55], ['no', 0.63]));
    expect(m).toMatchObject({ bid: 'ok', ask: 'ok', any: false, bidPrice: 'differs', askPrice: 'differs' });
  });

  it('takes the best of several orders on a side', () => {
    const m = check(both(0.58, 0.62), rest(['yes', 0.5], ['yes', 0.57], ['no', 0.7], ['no', 0.62]));
    expect(m).toMatchObject({ bidPrice: 'truncated', askPrice: 'match' });
  });

  it('compares nothing where the side is not ok (missing, unknown, none)', () => {
    expect(check(both(0.58, 0.62), rest(['yes', 0.57]))).toMatchObject({
      ask: 'missing',
      askPrice: null,
      bidPrice: 'truncated',
    });
    const old = mismatchOf(both(0.58, 0.62), ourQuotes(rest(['yes', 0.57])), ms('2026-01-03T14:20:00Z'), now);
    expect(old).toMatchObject({ bid: 'unknown', bidPrice: null, askPrice: null });
  });
});

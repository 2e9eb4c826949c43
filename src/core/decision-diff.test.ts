import { describe, expect, it } from 'vitest';
import { decisionChanges, quoteChanged, type DiffableDecision } from './decision-diff.js';

const base: DiffableDecision = {
  botRunId: 'run-a',
  botVersion: '1.4.0',
  inventory: 3,
  priceCalc: { fairValue: 0.452, skew: -0.01, logic: 'wma' },
  priceCalcEmpty: false,
  targetQuotes: [
    { side: 'bid', priceYes: 0.44, size: 10 },
    { side: 'ask', priceYes: 0.47, size: 10 },
  ],
};

describe('decisionChanges', () => {
  it('says nothing about the first decision read (no previous one)', () => {
    expect(decisionChanges(base, null)).toEqual([]);
    expect(quoteChanged(base, null)).toBe(false);
  });

  it('an unchanged loop has no change; float noise in a price is not a change', () => {
    const same = { ...base, priceCalc: { ...base.priceCalc!, fairValue: 0.4520001 } };
    expect(decisionChanges(same, base)).toEqual([]);
    expect(quoteChanged(same, base)).toBe(false);
  });

  it('a requote names the side, price and size before and after, with the fair value and inventory moves behind it', () => {
    // Inventory 3 → 5 after a fill; fair value 0.452 → 0.460; the bid moves up a cent and shrinks.
    const cur: DiffableDecision = {
      ...base,
      inventory: 5,
      priceCalc: { fairValue: 0.46, skew: -0.01, logic: 'wma' },
      targetQuotes: [
        { side: 'bid', priceYes: 0.45, size: 5 },
        { side: 'ask', priceYes: 0.47, size: 10 },
      ],
    };
    expect(quoteChanged(cur, base)).toBe(true);
    expect(decisionChanges(cur, base).map((c) => c.text)).toEqual([
      'bid $0.440×10 → $0.450×5',
      'fv $0.452 → $0.460',
      'inv +3 → +5',
    ]);
  });

  it('a side pulled, the filter switching on, a restart and a new version', () => {
    const cur: DiffableDecision = {
      botRunId: 'run-b',
      botVersion: '1.5.0',
      inventory: 3,
      priceCalc: null,
      priceCalcEmpty: true,
      targetQuotes: [{ side: 'bid', priceYes: 0.44, size: 10 }],
    };
    expect(decisionChanges(cur, base).map((c) => c.kind)).toEqual([
      'quote',
      'fairValue',
      'skew',
      'filter',
      'run',
      'version',
    ]);
    expect(decisionChanges(cur, base)[0]!.text).toBe('ask $0.470×10 → none');
    expect(decisionChanges(cur, base)[3]!.text).toBe('filter on (market skipped)');
  });
});

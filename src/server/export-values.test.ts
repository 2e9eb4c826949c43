import { describe, expect, it } from 'vitest';
import { cleanNumber, columnKind, exportValue, roundAsShown } from './export-values.js';

describe('export values', () => {
  it('knows the kind of the API’s columns by name', () => {
    expect(columnKind('realizedPnl')).toBe('money');
    expect(columnKind('feeUsd')).toBe('money');
    expect(columnKind('priceYes')).toBe('price');
    expect(columnKind('bestBid')).toBe('price');
    expect(columnKind('time')).toBe('time');
    expect(columnKind('decisionAt')).toBe('time');
    expect(columnKind('lastFillAtMs')).toBe('timeMs');
    expect(columnKind('limitUse')).toBe('percent');
    expect(columnKind('netPosition')).toBe('count');
    expect(columnKind('inventorySkewFactor')).toBe('plain');
    expect(columnKind('marketId')).toBe('plain');
  });

  it('rounds as the dashboard shows: money to the cent, fees finer, prices to 0.1¢, no float noise', () => {
    expect(roundAsShown(0.290599999999999, 'realizedPnl')).toBe(0.29);
    expect(roundAsShown(-0.000730000000000064, 'pnl24h')).toBe(0);
    expect(roundAsShown(0.0175, 'feeUsd')).toBe(0.0175);
    expect(roundAsShown(0.47000000000000003, 'priceYes')).toBe(0.47);
    expect(roundAsShown(0.903333333333333, 'avgCost')).toBe(0.903);
    expect(roundAsShown(0.893489124543991, 'limitUse')).toBe(0.8935);
    expect(roundAsShown(0.35000000000000003, 'whatever')).toBe(0.35);
    expect(roundAsShown(1796555159931, 'lastFillAtMs')).toBe(1796555159931);
    expect(cleanNumber(0.1 + 0.2)).toBe(0.3);
  });

  it('writes nested values as key=value text, never JSON', () => {
    expect(exportValue({ bid: 'ok', ask: 'missing', detail: { age: 0.1 + 0.2 } })).toBe(
      'bid=ok; ask=missing; detail.age=0.3',
    );
    expect(exportValue(['a', 'b'])).toBe('a, b');
    expect(exportValue(null)).toBe(null);
    expect(exportValue('=1+1')).toBe('=1+1'); // text is left to the writer (CSV neutralises it)
  });
});

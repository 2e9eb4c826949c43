// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { closeDateLabel } from '../pages/risk/close-dates';
import { closesIn, closesInSortKey, formatTimeLeft, lifecycleNote, settlementSourceText } from './lifecycle';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('time left until close', () => {
  it('coarse units, rounded down', () => {
    expect(formatTimeLeft(59_999)).toBe('< 1 m');
    expect(formatTimeLeft(MIN)).toBe('1 m');
    expect(formatTimeLeft(42 * MIN + 59_000)).toBe('42 m');
    // 3 h 12 m 30 s → 3 h 12 m
    expect(formatTimeLeft(3 * HOUR + 12 * MIN + 30_000)).toBe('3 h 12 m');
    expect(formatTimeLeft(5 * HOUR)).toBe('5 h');
    // 23 h 59 m 59 s is still under a day
    expect(formatTimeLeft(DAY - 1000)).toBe('23 h 59 m');
    expect(formatTimeLeft(DAY)).toBe('1 d');
    expect(formatTimeLeft(DAY + 5 * HOUR + 59 * MIN)).toBe('1 d 5 h');
    expect(formatTimeLeft(2 * DAY + 23 * HOUR)).toBe('2 d 23 h');
    expect(formatTimeLeft(3 * DAY + 23 * HOUR)).toBe('3 d');
    // 1,814,382,637 ms = 20 d 23 h 59 m …
    expect(formatTimeLeft(1_814_382_637)).toBe('20 d');
  });

  it('nothing for zero, past or not a number (the caller says closed)', () => {
    expect(formatTimeLeft(0)).toBeNull();
    expect(formatTimeLeft(-5)).toBeNull();
    expect(formatTimeLeft(Number.NaN)).toBeNull();
  });
});

describe('closes-in cell', () => {
  const open = { marketStatus: 'active', marketPhase: 'open' as const, result: null };
  it('open: the time left; past its close while Kalshi says active: closed', () => {
    expect(closesIn({ ...open, closesInMs: 75_582_637 })).toEqual({ text: '20 h 59 m', kind: 'open' });
    expect(closesIn({ ...open, closesInMs: -1 })).toEqual({ text: 'closed', kind: 'past' });
  });
  it('closed and settled by the phase, with the result', () => {
    expect(
      closesIn({
        closesInMs: -230_299_915,
        marketStatus: 'finalized',
        marketPhase: 'settled',
        result: 'yes',
      }),
    ).toEqual({
      text: 'settled yes',
      kind: 'settled',
    });
    expect(
      closesIn({ closesInMs: null, marketStatus: 'determined', marketPhase: 'settled', result: null }),
    ).toEqual({
      text: 'settled',
      kind: 'settled',
    });
    expect(
      closesIn({ closesInMs: 3 * HOUR, marketStatus: 'closed', marketPhase: 'closed', result: null }),
    ).toEqual({
      text: 'closed',
      kind: 'closed',
    });
  });
  it('risk rows carry only the status: the phase is read from it', () => {
    expect(closesIn({ closesInMs: -10, marketStatus: 'settled' }).kind).toBe('settled');
    expect(closesIn({ closesInMs: 10, marketStatus: 'disputed' }).kind).toBe('closed');
    expect(closesIn({ closesInMs: 2 * HOUR, marketStatus: 'active' }).text).toBe('2 h');
  });
  it('unknown market: the dash', () => {
    expect(closesIn({ closesInMs: null, marketStatus: null, marketPhase: null, result: null })).toEqual({
      text: '—',
      kind: 'unknown',
    });
  });
  it('sorts settled, closed, then soonest; unknown last', () => {
    const rows = [
      { closesInMs: 5 * HOUR, marketStatus: 'active' },
      { closesInMs: null, marketStatus: null },
      { closesInMs: -DAY, marketStatus: 'closed' },
      { closesInMs: HOUR, marketStatus: 'active' },
      { closesInMs: -2 * DAY, marketStatus: 'finalized' },
    ];
    const keys = rows.map(closesInSortKey);
    expect(keys[1]).toBeUndefined();
    const order = rows
      .map((r, i) => [keys[i], i] as const)
      .filter(([k]) => k !== undefined)
      .sort((a, b) => a[0]! - b[0]!)
      .map(([, i]) => i);
    expect(order).toEqual([4, 2, 3, 0]);
  });
});

describe('settlement source and lifecycle notes', () => {
  it('says where the figure comes from and any difference', () => {
    expect(
      settlementSourceText({
        settlementSource: 'account',
        settlementPnlPosition: -15.13,
        settlementPnlAccount: -15.13,
        settlementDifference: 0,
      }),
    ).toBe('Kalshi’s account settlement (revenue − cost − fee); the position’s figure agrees');
    expect(
      settlementSourceText({
        settlementSource: 'account',
        settlementPnlPosition: -15.13,
        settlementPnlAccount: -15.5,
        settlementDifference: -0.37,
      }),
    ).toBe(
      'Kalshi’s account settlement (revenue − cost − fee); the position’s figure is −$15.13 (difference −$0.37)',
    );
    expect(
      settlementSourceText({
        settlementSource: 'position',
        settlementPnlPosition: 0.1,
        settlementPnlAccount: null,
        settlementDifference: null,
      }),
    ).toBe('From the bot’s position and the result (no account figure)');
  });
  it('fresh: no note; missing or old: the reason', () => {
    expect(lifecycleNote({ available: true, unavailable: null })).toBeNull();
    expect(lifecycleNote({ available: false, unavailable: 'Kalshi market data loading' })).toBe(
      'Kalshi market data loading',
    );
    expect(lifecycleNote({ available: false, unavailable: 'market data not configured' })).toBe(
      'Kalshi market data: market data not configured',
    );
    expect(
      lifecycleNote({
        available: true,
        unavailable: 'Kalshi market data unreachable: ECONNREFUSED (last good data 5 min ago)',
      }),
    ).toBe(
      'Kalshi market data unreachable: ECONNREFUSED (last good data 5 min ago) — showing the last good data',
    );
  });
  it('close-date labels in UTC', () => {
    const now = Date.parse('2026-12-06T21:08:09Z');
    expect(closeDateLabel('2026-12-06', now)).toBe('2026-12-06 (today)');
    expect(closeDateLabel('2026-12-07', now)).toBe('2026-12-07 (tomorrow)');
    expect(closeDateLabel('2026-12-04', now)).toBe('2026-12-04 (past)');
    expect(closeDateLabel('2027-01-02', now)).toBe('2027-01-02');
    expect(closeDateLabel(null, now)).toBe('close date unknown');
  });
});

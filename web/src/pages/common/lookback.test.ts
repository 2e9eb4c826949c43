// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  describeLookback,
  lookbackParams,
  patchPageSearch,
  readLookback,
  utcToWall,
  wallToUtcMs,
} from './lookback';
import { mergeMarketOptions } from './market-options';

describe('readLookback', () => {
  it('reads a lookback in days, else the page’s default', () => {
    expect(readLookback('?range=7d', 1)).toEqual({ days: 7, from: null, to: null });
    expect(readLookback('', 3)).toEqual({ days: 3, from: null, to: null });
    expect(readLookback('?range=900d', 1)).toEqual({ days: 1, from: null, to: null });
    expect(readLookback('?range=2w', 1).days).toBe(1);
  });

  it('reads custom calendar days, putting a reversed range right', () => {
    expect(readLookback('?range=custom&from=2026-11-01&to=2026-11-07', 1)).toEqual({
      days: null,
      from: '2026-11-01',
      to: '2026-11-07',
    });
    expect(readLookback('?range=custom&from=2026-11-07&to=2026-11-01', 1)).toMatchObject({
      from: '2026-11-01',
      to: '2026-11-07',
    });
    expect(readLookback('?range=custom&from=2026-02-30', 7).days).toBe(7);
  });
});

describe('lookbackParams', () => {
  it('sends days for a lookback', () => {
    expect(lookbackParams({ days: 7, from: null, to: null }, 'UTC', '2026-11-25')).toEqual({ days: '7' });
  });

  it('sends the custom days’ bounds as instants in the display zone', () => {
    expect(lookbackParams({ days: null, from: '2026-11-01', to: '2026-11-02' }, 'UTC', '2026-11-25')).toEqual(
      {
        from: '2026-11-01T00:00:00.000Z',
        to: '2026-11-02T23:59:59.999Z',
      },
    );
    // New York is UTC−4 until 1 Nov 2026 06:00 UTC and UTC−5 after.
    expect(
      lookbackParams({ days: null, from: '2026-10-31', to: null }, 'America/New_York', '2026-11-01'),
    ).toEqual({ from: '2026-10-31T04:00:00.000Z', to: '2026-11-02T04:59:59.999Z' });
  });

  it('captions the range', () => {
    expect(describeLookback({ days: 1, from: null, to: null }, 'UTC')).toBe('last 24 hours');
    expect(describeLookback({ days: null, from: '2026-11-01', to: null }, 'UTC')).toBe(
      '2026-11-01 → today (UTC)',
    );
  });
});

describe('wall times', () => {
  it('converts a wall time in a zone to an instant and back', () => {
    expect(wallToUtcMs('2026-11-25T09:30', 'America/New_York')).toBe(Date.parse('2026-11-25T14:30:00Z'));
    expect(wallToUtcMs('2026-11-25T09:30', 'UTC')).toBe(Date.parse('2026-11-25T09:30:00Z'));
    expect(utcToWall(Date.parse('2026-11-25T14:30:00Z'), 'America/New_York')).toBe('2026-11-25T09:30');
    expect(wallToUtcMs('yesterday', 'UTC')).toBeNull();
  });
});

describe('patchPageSearch', () => {
  it('sets and removes keys and keeps the page’s own defaults in the URL', () => {
    expect(patchPageSearch('?env=prod&m=A', { range: '30d' })).toBe('?env=prod&m=A&range=30d');
    expect(patchPageSearch('?m=A&broken=1', { broken: null })).toBe('?m=A');
    expect(patchPageSearch('?tz=UTC', {})).toBe('');
  });
});

describe('mergeMarketOptions', () => {
  it('offers configured markets plus positions without a config, enabled first', () => {
    expect(
      mergeMarketOptions(
        [
          { marketId: 'B', eventTicker: 'E', enabled: false },
          { marketId: 'C', eventTicker: 'E', enabled: true },
        ],
        [
          { marketId: 'C', eventTicker: 'E', enabled: true },
          { marketId: 'A', eventTicker: null, enabled: false },
        ],
      ).map((o) => o.marketId),
    ).toEqual(['C', 'A', 'B']);
  });
});

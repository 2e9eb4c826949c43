// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  parseRangeBound,
  patchMarketSearch,
  readMarketView,
  resolveRange,
  toWallInput,
  tzOffsetMs,
  urlInstant,
  wallTimeToUtcMs,
} from './market-params';

const DAY = 86_400_000;

describe('readMarketView', () => {
  it('defaults: no market, server env, 7 days, UTC, decisions tab', () => {
    expect(readMarketView('')).toEqual({
      marketId: null,
      env: null,
      tz: 'UTC',
      tab: 'decisions',
      lookbackDays: 7,
      custom: null,
      decisionId: null,
    });
  });

  it('reads a shared link', () => {
    const v = readMarketView(
      '?m=KXFED-26DEC-H0&env=prod&range=14d&tz=America/New_York&tab=fills&d=20261125-182405-94fb48:KXFED-26DEC-H0:5',
    );
    expect(v).toMatchObject({
      marketId: 'KXFED-26DEC-H0',
      env: 'prod',
      lookbackDays: 14,
      tz: 'America/New_York',
      tab: 'fills',
      decisionId: '20261125-182405-94fb48:KXFED-26DEC-H0:5',
    });
  });

  it('accepts Home’s ranges (90d) and custom dates, drops nonsense', () => {
    expect(readMarketView('?range=90d').lookbackDays).toBe(90);
    expect(readMarketView('?range=0d').lookbackDays).toBe(7);
    expect(readMarketView('?range=2w&tz=Mars/Olympus&tab=x&env=staging')).toMatchObject({
      lookbackDays: 7,
      tz: 'UTC',
      tab: 'decisions',
      env: null,
    });
    expect(readMarketView('?range=custom&from=2026-11-01&to=2026-11-03').custom).toEqual({
      from: '2026-11-01',
      to: '2026-11-03',
    });
    expect(readMarketView('?range=custom&from=soon').custom).toBeNull();
    expect(readMarketView('?range=custom&from=2026-11-01T10:00:00Z&to=later').custom).toEqual({
      from: '2026-11-01T10:00:00Z',
      to: null,
    });
  });
});

describe('patchMarketSearch', () => {
  it('keeps range=30d (this page’s default is 7 days) and drops only UTC and the first tab', () => {
    expect(patchMarketSearch('?m=A&env=demo', { range: '30d' })).toBe('?m=A&env=demo&range=30d');
    expect(patchMarketSearch('?m=A&tz=Asia/Tokyo&tab=fills', { tz: 'UTC', tab: 'decisions' })).toBe('?m=A');
    expect(patchMarketSearch('?m=A&d=x', { d: null })).toBe('?m=A');
  });
});

describe('time zones', () => {
  it('offsets follow daylight saving', () => {
    expect(tzOffsetMs(Date.UTC(2026, 0, 15, 12), 'America/New_York')).toBe(-5 * 3_600_000);
    expect(tzOffsetMs(Date.UTC(2026, 6, 15, 12), 'America/New_York')).toBe(-4 * 3_600_000);
    expect(tzOffsetMs(Date.UTC(2026, 6, 15, 12), 'UTC')).toBe(0);
  });

  it('wall time → instant, including the DST gap and overlap', () => {
    expect(wallTimeToUtcMs({ year: 2026, month: 11, day: 20, hour: 9, minute: 30 }, 'America/New_York')).toBe(
      Date.UTC(2026, 10, 20, 14, 30),
    );
    // 02:30 on 2026-03-08 never happens in New York: the instant after the jump (03:30 EDT).
    expect(wallTimeToUtcMs({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York')).toBe(
      Date.UTC(2026, 2, 8, 7, 30),
    );
    // 01:30 on 2026-11-01 happens twice: the earlier (EDT).
    expect(wallTimeToUtcMs({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York')).toBe(
      Date.UTC(2026, 10, 1, 5, 30),
    );
    expect(wallTimeToUtcMs({ year: 2026, month: 11, day: 20, hour: 9, minute: 0 }, 'Asia/Tokyo')).toBe(
      Date.UTC(2026, 10, 20, 0, 0),
    );
  });

  it('instant → datetime-local value in the zone', () => {
    expect(toWallInput(Date.UTC(2026, 10, 20, 14, 30, 59), 'America/New_York')).toBe('2026-11-20T09:30');
    expect(toWallInput(Date.UTC(2026, 10, 20, 23, 5), 'UTC')).toBe('2026-11-20T23:05');
  });

  it('range bounds: ISO instants as they are, wall times and dates in the zone', () => {
    expect(parseRangeBound('2026-11-20T14:30:00Z', 'Asia/Tokyo', false)).toBe(Date.UTC(2026, 10, 20, 14, 30));
    expect(parseRangeBound('2026-11-20T09:30', 'America/New_York', false)).toBe(
      Date.UTC(2026, 10, 20, 14, 30),
    );
    expect(parseRangeBound('2026-11-20', 'America/New_York', false)).toBe(Date.UTC(2026, 10, 20, 5));
    expect(parseRangeBound('2026-11-20', 'America/New_York', true)).toBe(Date.UTC(2026, 10, 21, 5) - 1);
    expect(parseRangeBound('2026-02-30', 'UTC', false)).toBeNull();
    expect(parseRangeBound('2026-11-20T25:00', 'UTC', false)).toBeNull();
    expect(parseRangeBound('yesterday', 'UTC', false)).toBeNull();
  });

  it('writes instants to the second', () => {
    expect(urlInstant(Date.UTC(2026, 10, 20, 14, 30, 5, 999))).toBe('2026-11-20T14:30:05Z');
  });
});

describe('resolveRange', () => {
  const anchor = Date.UTC(2026, 10, 25, 18, 0, 0, 123);

  it('a lookback ends at the anchor, to the millisecond', () => {
    const r = resolveRange({ lookbackDays: 7, custom: null, tz: 'UTC' }, anchor);
    expect(r).toEqual({
      fromMs: anchor - 7 * DAY,
      toMs: anchor,
      from: '2026-11-18T18:00:00.123Z',
      to: '2026-11-25T18:00:00.123Z',
      adjusted: false,
    });
  });

  it('a custom range without an end runs to the anchor; reversed ends are swapped', () => {
    const open = resolveRange(
      { lookbackDays: 7, custom: { from: '2026-11-20', to: null }, tz: 'UTC' },
      anchor,
    );
    expect([open.fromMs, open.toMs]).toEqual([Date.UTC(2026, 10, 20), anchor]);
    const swapped = resolveRange(
      { lookbackDays: 7, custom: { from: '2026-11-22T00:00:00Z', to: '2026-11-21T00:00:00Z' }, tz: 'UTC' },
      anchor,
    );
    expect([swapped.fromMs, swapped.toMs, swapped.adjusted]).toEqual([
      Date.UTC(2026, 10, 21),
      Date.UTC(2026, 10, 22),
      true,
    ]);
  });

  it('cuts a custom range to the API’s 366 days', () => {
    const r = resolveRange(
      { lookbackDays: 7, custom: { from: '2024-01-01', to: '2026-11-20' }, tz: 'UTC' },
      anchor,
    );
    expect(r.toMs - r.fromMs).toBe(366 * DAY);
    expect(r.adjusted).toBe(true);
  });
});

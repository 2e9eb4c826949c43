import { describe, expect, it } from 'vitest';
import { dailyPnl, dailySeries, intradayRealized, totalsByDay } from './daily.js';
import { replayFills } from './replay.js';
import { fill, ms } from './test-fixtures.js';

// Three fills, fees given so the arithmetic stays readable:
//   F1 2025-12-30T12:00Z buy 10 @0.40 fee 0.01 → change −0.01
//   F2 2026-01-02T03:00Z sell 4 @0.50 fee 0.02 → 4·(0.50 − 0.40) − 0.02 = 0.38
//   F3 2026-01-02T20:00Z sell 6 @0.30 fee 0.03 → 6·(0.30 − 0.40) − 0.03 = −0.63
const fills = [
  fill({ side: 'yes', price: 0.4, size: 10, at: '2025-12-30T12:00:00Z', fee: 0.01 }),
  fill({ side: 'no', price: 0.5, size: 4, at: '2026-01-02T03:00:00Z', fee: 0.02 }),
  fill({ side: 'no', price: 0.3, size: 6, at: '2026-01-02T20:00:00Z', fee: 0.03 }),
];
const steps = replayFills(fills).steps;

describe('daily series', () => {
  it('has one entry per day of the range, days with no fills included, cumulative all-time', () => {
    // Range Jan 1–3 (UTC). F1 (Dec 30) is before the range but is in every cumulative.
    const { daily, todayRealized, feesToday, today } = dailyPnl(steps, 'UTC', ms('2026-01-03T10:00:00Z'), 3);
    expect(today).toBe('2026-01-03');
    expect(daily.map((d) => d.date)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
    // Jan 1: no fills. realized 0, cumulative = F1 = −0.01.
    expect(daily[0]).toEqual({
      date: '2026-01-01',
      realized: 0,
      fees: 0,
      fills: 0,
      contracts: 0,
      cumulative: -0.01,
    });
    // Jan 2: F2 + F3 = 0.38 − 0.63 = −0.25; fees 0.05; cumulative −0.01 − 0.25 = −0.26.
    expect(daily[1]?.realized).toBeCloseTo(-0.25, 12);
    expect(daily[1]?.fees).toBeCloseTo(0.05, 12);
    expect(daily[1]).toMatchObject({ fills: 2, contracts: 10 });
    expect(daily[1]?.cumulative).toBeCloseTo(-0.26, 12);
    // Jan 3 (today): nothing; cumulative stays −0.26.
    expect(daily[2]).toMatchObject({ realized: 0, fills: 0 });
    expect(daily[2]?.cumulative).toBeCloseTo(-0.26, 12);
    expect(todayRealized).toBe(0);
    expect(feesToday).toBe(0);
  });

  it('moves fills across the day boundary of New York (UTC−5) and Tokyo (UTC+9)', () => {
    const now = ms('2026-01-03T10:00:00Z');
    // New York: F2 (03:00Z) is 22:00 on Jan 1; F3 (20:00Z) 15:00 on Jan 2. Today = Jan 3 (05:00 EST).
    const ny = dailyPnl(steps, 'America/New_York', now, 3).daily;
    expect(ny.map((d) => [d.date, d.fills])).toEqual([
      ['2026-01-01', 1],
      ['2026-01-02', 1],
      ['2026-01-03', 0],
    ]);
    expect(ny[0]?.realized).toBeCloseTo(0.38, 12);
    expect(ny[0]?.cumulative).toBeCloseTo(0.37, 12); // −0.01 + 0.38
    expect(ny[1]?.realized).toBeCloseTo(-0.63, 12);
    // Tokyo: F2 is 12:00 Jan 2; F3 is 05:00 on Jan 3, which is today there (19:00 JST).
    const tokyo = dailyPnl(steps, 'Asia/Tokyo', now, 3);
    expect(tokyo.daily.map((d) => [d.date, d.fills])).toEqual([
      ['2026-01-01', 0],
      ['2026-01-02', 1],
      ['2026-01-03', 1],
    ]);
    expect(tokyo.todayRealized).toBeCloseTo(-0.63, 12);
    expect(tokyo.feesToday).toBeCloseTo(0.03, 12);
  });

  it('buckets an old-era item by its fill time, never by its `date` partition', () => {
    // Logged (date, sort key) on Dec 21, filled Dec 20 23:30Z: contract §6.7.
    const old = fill({
      side: 'yes',
      price: 0.5,
      size: 2,
      at: '2025-12-20T23:30:00Z',
      fee: 0.005,
      date: '2025-12-21',
      sortKey: '2025-12-21T00:10:00.000000#o-1',
    });
    const byDay = totalsByDay(replayFills([old]).steps, 'UTC');
    expect([...byDay.keys()]).toEqual(['2025-12-20']);
    expect(byDay.get('2025-12-20')?.realized).toBe(-0.005);
  });

  it('accumulates between requested days that are not contiguous', () => {
    const byDay = totalsByDay(steps, 'UTC');
    // Requesting Dec 29 and Jan 3 only: Dec 29 is before the first fill (0); Jan 3 sees all (−0.26).
    const s = dailySeries(byDay, ['2026-01-03', '2025-12-29']);
    expect(s.map((d) => d.date)).toEqual(['2025-12-29', '2026-01-03']);
    expect(s[0]?.cumulative).toBe(0);
    expect(s[1]?.cumulative).toBeCloseTo(-0.26, 12);
  });
});

describe('fills backfilled at startup (contract §6.20)', () => {
  it('are replayed for realized like any other fill, and today’s share of them is reported apart', () => {
    // The same three fills, F2 backfilled at startup: it stores pnl_realized 0, but its realized
    // change is still 4·(0.50 − 0.40) − 0.02 = 0.38 — the stored 0 is never used.
    const backfilled = [
      fills[0] as (typeof fills)[number],
      { ...(fills[1] as (typeof fills)[number]), reconciledAtStartup: true, pnlRealizedUsd: 0 },
      fills[2] as (typeof fills)[number],
    ];
    const r = replayFills(backfilled);
    expect(r.steps[1]?.realizedChange).toBeCloseTo(0.38, 12);
    expect(r.realizedTotal).toBeCloseTo(replayFills(fills).realizedTotal, 12);
    // Today (Jan 2, UTC) holds F2 and F3: realized 0.38 − 0.63 = −0.25, of which 0.38 backfilled.
    const d = dailyPnl(r.steps, 'UTC', ms('2026-01-02T22:00:00Z'), 1);
    expect(d.todayRealized).toBeCloseTo(-0.25, 12);
    expect(d.todayBackfilledRealized).toBeCloseTo(0.38, 12);
    // Without a backfill today there is nothing to set apart.
    expect(dailyPnl(steps, 'UTC', ms('2026-01-02T22:00:00Z'), 1).todayBackfilledRealized).toBe(0);
  });
});

describe('intraday realized (issue 16 item 4)', () => {
  it('starts at 0 at the day start in tz and steps by each of today’s fills', () => {
    // Today = Jan 2 (UTC) at 22:00: F2 (03:00, +0.38) then F3 (20:00, −0.63) ⇒ 0.38, then −0.25.
    const pts = intradayRealized(steps, 'UTC', ms('2026-01-02T22:00:00Z'));
    expect(pts.map((p) => new Date(p.timeMs).toISOString())).toEqual([
      '2026-01-02T00:00:00.000Z',
      '2026-01-02T03:00:00.000Z',
      '2026-01-02T20:00:00.000Z',
    ]);
    expect(pts[0]!.realized).toBe(0);
    expect(pts[1]!.realized).toBeCloseTo(0.38, 12);
    expect(pts[2]!.realized).toBeCloseTo(-0.25, 12);
    // The last point is the day's realized.
    expect(pts[2]!.realized).toBeCloseTo(
      dailyPnl(steps, 'UTC', ms('2026-01-02T22:00:00Z'), 1).todayRealized,
      12,
    );
  });

  it('follows the zone: in Tokyo (UTC+9) Jan 2 runs 01-01T15:00Z–01-02T15:00Z, so F3 (20:00Z) is Jan 3', () => {
    const pts = intradayRealized(steps, 'Asia/Tokyo', ms('2026-01-02T14:00:00Z'));
    expect(pts.map((p) => new Date(p.timeMs).toISOString())).toEqual([
      '2026-01-01T15:00:00.000Z',
      '2026-01-02T03:00:00.000Z',
    ]);
    expect(pts[1]!.realized).toBeCloseTo(0.38, 12);
  });

  it('a day without fills is the start point alone', () => {
    expect(intradayRealized(steps, 'UTC', ms('2026-01-03T10:00:00Z'))).toEqual([
      { timeMs: ms('2026-01-03T00:00:00Z'), realized: 0 },
    ]);
  });
});

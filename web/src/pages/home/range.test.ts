// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { daysBetween, rangeRequest, todayIn, visibleDays } from './range';

const view = (range: string, from: string | null = null, to: string | null = null) =>
  ({ range, from, to }) as Parameters<typeof rangeRequest>[0];

describe('rangeRequest', () => {
  it('maps presets to days', () => {
    expect(rangeRequest(view('1d'), '2026-03-10')).toEqual({
      days: 1,
      showFrom: null,
      showTo: null,
      clipped: false,
    });
    expect(rangeRequest(view('365d'), '2026-03-10').days).toBe(365);
  });

  it('asks for enough days to reach a custom start and shows only the custom days', () => {
    // 2026-03-01 … 2026-03-10 is 10 days including both ends.
    expect(rangeRequest(view('custom', '2026-03-01', '2026-03-05'), '2026-03-10')).toEqual({
      days: 10,
      showFrom: '2026-03-01',
      showTo: '2026-03-05',
      clipped: false,
    });
  });

  it('open end means today; swapped bounds are put in order; future ends stop today', () => {
    expect(rangeRequest(view('custom', '2026-03-09'), '2026-03-10')).toMatchObject({
      days: 2,
      showTo: '2026-03-10',
    });
    expect(rangeRequest(view('custom', '2026-03-08', '2026-03-01'), '2026-03-10')).toMatchObject({
      showFrom: '2026-03-01',
      showTo: '2026-03-08',
    });
    expect(rangeRequest(view('custom', '2026-03-05', '2026-04-01'), '2026-03-10')).toMatchObject({
      showTo: '2026-03-10',
    });
  });

  it('clips a start more than 365 days back to the API limit and says so', () => {
    expect(rangeRequest(view('custom', '2024-01-01'), '2026-03-10')).toMatchObject({
      days: 365,
      clipped: true,
    });
  });
});

describe('visibleDays', () => {
  const daily = ['2026-03-01', '2026-03-02', '2026-03-03'].map((date) => ({ date }));
  it('keeps everything without bounds, else the inclusive range', () => {
    expect(visibleDays(daily, { showFrom: null, showTo: null })).toHaveLength(3);
    expect(visibleDays(daily, { showFrom: '2026-03-02', showTo: '2026-03-02' })).toEqual([
      { date: '2026-03-02' },
    ]);
  });
});

describe('dates', () => {
  it('today is the calendar day in the zone', () => {
    const ms = Date.parse('2026-03-10T02:30:00Z');
    expect(todayIn('UTC', ms)).toBe('2026-03-10');
    expect(todayIn('America/New_York', ms)).toBe('2026-03-09');
    expect(todayIn('Asia/Tokyo', ms)).toBe('2026-03-10');
  });
  it('counts whole days across month ends', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
  });
});

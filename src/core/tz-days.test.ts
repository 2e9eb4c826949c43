import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayFinder,
  dayOf,
  daysBetween,
  InvalidTimeZoneError,
  isDay,
  lastNDays,
  resolveTimeZone,
  zonedDayStartMs,
  zoneOffsetMs,
} from './tz-days.js';
import { ms } from './test-fixtures.js';

describe('dayOf', () => {
  it('gives the calendar day in the zone, whose boundary differs from UTC', () => {
    // 2026-01-03T02:00Z is 21:00 EST on Jan 2 (UTC−5) and 11:00 JST on Jan 3 (UTC+9).
    expect(dayOf(ms('2026-01-03T02:00:00Z'), 'UTC')).toBe('2026-01-03');
    expect(dayOf(ms('2026-01-03T02:00:00Z'), 'America/New_York')).toBe('2026-01-02');
    expect(dayOf(ms('2026-01-03T02:00:00Z'), 'Asia/Tokyo')).toBe('2026-01-03');
    // 16:00Z is 01:00 JST the next day.
    expect(dayOf(ms('2026-01-03T16:00:00Z'), 'Asia/Tokyo')).toBe('2026-01-04');
    expect(dayOf(ms('2026-01-03T16:00:00Z'), 'America/New_York')).toBe('2026-01-03');
  });
  it('puts the boundary at local midnight, DST included', () => {
    // EDT (UTC−4) in July: the NY day starts at 04:00Z.
    expect(dayOf(ms('2026-07-04T03:59:59.999Z'), 'America/New_York')).toBe('2026-07-03');
    expect(dayOf(ms('2026-07-04T04:00:00Z'), 'America/New_York')).toBe('2026-07-04');
  });
});

describe('time zone validation', () => {
  it('throws a typed error naming the zone', () => {
    expect(() => resolveTimeZone('Mars/Olympus_Mons')).toThrow(InvalidTimeZoneError);
    expect(() => dayOf(0, '')).toThrow(InvalidTimeZoneError);
    try {
      resolveTimeZone('Nope/Nope');
    } catch (e) {
      expect(e).toMatchObject({ code: 'invalid_tz', tz: 'Nope/Nope' });
    }
  });
  it('canonicalises accepted names', () => {
    expect(resolveTimeZone('utc')).toBe('UTC');
    expect(resolveTimeZone('Asia/Tokyo')).toBe('Asia/Tokyo');
  });
});

describe('civil days', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2025-12-30', '2026-01-02')).toEqual([
      '2025-12-30',
      '2025-12-31',
      '2026-01-01',
      '2026-01-02',
    ]);
    expect(daysBetween('2026-01-02', '2026-01-01')).toEqual([]);
  });
  it('lists the n days ending today in the zone', () => {
    // 02:00Z Jan 3 is still Jan 2 in New York.
    expect(lastNDays(ms('2026-01-03T02:00:00Z'), 'America/New_York', 3)).toEqual([
      '2025-12-31',
      '2026-01-01',
      '2026-01-02',
    ]);
    expect(lastNDays(ms('2026-01-03T02:00:00Z'), 'UTC', 1)).toEqual(['2026-01-03']);
  });
  it('validates YYYY-MM-DD', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-2-28')).toBe(false);
    expect(() => addDays('2026-13-01', 1)).toThrow(RangeError);
  });
});

describe('zonedDayStartMs', () => {
  it('is local midnight in UTC terms, DST-aware', () => {
    // NY springs forward at 02:00 on 2026-03-08: that day starts at 05:00Z (EST), the next at 04:00Z (EDT).
    expect(zonedDayStartMs('2026-03-08', 'America/New_York')).toBe(ms('2026-03-08T05:00:00Z'));
    expect(zonedDayStartMs('2026-03-09', 'America/New_York')).toBe(ms('2026-03-09T04:00:00Z'));
    // Tokyo (UTC+9): Jan 3 starts at 15:00Z on Jan 2.
    expect(zonedDayStartMs('2026-01-03', 'Asia/Tokyo')).toBe(ms('2026-01-02T15:00:00Z'));
    expect(zonedDayStartMs('2026-01-03', 'UTC')).toBe(ms('2026-01-03T00:00:00Z'));
  });
  it('handles zones whose DST changes at midnight', () => {
    // Santiago springs forward at 00:00 on 2026-09-06 (local 00:00 does not exist): the day starts
    // at the transition, 04:00Z = 01:00 −03.
    expect(zonedDayStartMs('2026-09-06', 'America/Santiago')).toBe(ms('2026-09-06T04:00:00Z'));
    // It falls back at 00:00 on 2026-04-05 to 23:00 of Apr 4: Apr 5 starts at 04:00Z (−04).
    expect(zonedDayStartMs('2026-04-05', 'America/Santiago')).toBe(ms('2026-04-05T04:00:00Z'));
    expect(dayOf(ms('2026-04-05T03:30:00Z'), 'America/Santiago')).toBe('2026-04-04');
  });
  it('zoneOffsetMs is local − UTC', () => {
    expect(zoneOffsetMs(ms('2026-01-03T00:00:00Z'), 'America/New_York')).toBe(-5 * 3_600_000);
    expect(zoneOffsetMs(ms('2026-01-03T00:00:00.123Z'), 'Asia/Kathmandu')).toBe((5 * 60 + 45) * 60_000);
  });
});

describe('dayFinder', () => {
  it('agrees with dayOf on clustered ascending instants in awkward zones', () => {
    const zones = [
      'UTC',
      'America/New_York',
      'America/Santiago',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'Pacific/Apia',
      'Pacific/Chatham',
      'Europe/London',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: ms('2020-01-01T00:00:00Z'), max: ms('2035-01-01T00:00:00Z') }),
        fc.array(fc.integer({ min: 0, max: 6 * 3_600_000 }), { minLength: 1, maxLength: 60 }),
        (tz, start, gaps) => {
          const find = dayFinder(tz);
          let t = start;
          for (const gap of gaps) {
            t += gap;
            expect(find(t)).toBe(dayOf(t, tz));
          }
          // Out of order too: the interval is only a cache.
          expect(find(start)).toBe(dayOf(start, tz));
        },
      ),
      { numRuns: 300 },
    );
  });
  it('is exact at DST and midnight-gap boundaries', () => {
    const find = dayFinder('America/Santiago');
    for (const iso of [
      '2026-09-06T03:59:59.999Z',
      '2026-09-06T04:00:00Z',
      '2026-04-05T03:59:59.999Z',
      '2026-04-05T04:00:00Z',
    ]) {
      expect(find(ms(iso))).toBe(dayOf(ms(iso), 'America/Santiago'));
    }
    expect(() => dayFinder('Bad/Zone')).toThrow(InvalidTimeZoneError);
  });
});

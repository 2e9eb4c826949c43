import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseIsoUtcMs, parseIsoUtcMsFull, toAwareIso, toNaiveIso, utcDatesBetween } from './time.js';

describe('timestamps of every shape (contract §1.5)', () => {
  it.each([
    ['2026-01-03T14:22:05.481223', Date.UTC(2026, 0, 3, 14, 22, 5, 481)],
    ['2026-01-03T14:22:05', Date.UTC(2026, 0, 3, 14, 22, 5)],
    ['2026-01-03T13:58:41.223000+00:00', Date.UTC(2026, 0, 3, 13, 58, 41, 223)],
    ['2026-01-03T12:11:02.9Z', Date.UTC(2026, 0, 3, 12, 11, 2, 900)],
    ['2026-01-03T12:11:02Z', Date.UTC(2026, 0, 3, 12, 11, 2)],
    ['2026-01-03T09:11:02.5-03:00', Date.UTC(2026, 0, 3, 12, 11, 2, 500)],
  ])('%s', (text, ms) => expect(parseIsoUtcMs(text)).toBe(ms));
  it.each(['', 'yesterday', '2026-13-01T00:00:00', '2026-02-31T00:00:00', '2026-01-03 25:00:00'])(
    'rejects %j',
    (t) => expect(parseIsoUtcMs(t)).toBeNull(),
  );
  it('writes the naive and aware forms as the bot does (fraction omitted when zero)', () => {
    expect(toNaiveIso(Date.UTC(2026, 0, 3, 14, 22, 5, 481), 223)).toBe('2026-01-03T14:22:05.481223');
    expect(toNaiveIso(Date.UTC(2026, 0, 3, 14, 22, 5))).toBe('2026-01-03T14:22:05');
    expect(toAwareIso(Date.UTC(2026, 0, 3, 14, 22, 5, 1))).toBe('2026-01-03T14:22:05.001000+00:00');
  });
  it('round-trips any millisecond time through the naive form, and keeps lexicographic = time order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
        (a, b) => {
          expect(parseIsoUtcMs(toNaiveIso(a))).toBe(a);
          expect(Math.sign(toNaiveIso(a).localeCompare(toNaiveIso(b)))).toBe(Math.sign(a - b));
        },
      ),
    );
  });
  it('lists UTC dates inclusively', () => {
    expect(utcDatesBetween(Date.UTC(2026, 0, 30, 23), Date.UTC(2026, 1, 1, 1))).toEqual([
      '2026-01-30',
      '2026-01-31',
      '2026-02-01',
    ]);
  });
  it('reads the bot’s own shapes without the regex exactly as the general parser does (property)', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const stamp = fc
      .record({
        y: fc.integer({ min: 1970, max: 2100 }).map(String),
        mo: two(13),
        d: two(32),
        h: two(24),
        mi: two(60),
        s: two(61),
        frac: fc.option(fc.stringMatching(/^[0-9]{1,10}$/), { nil: undefined }),
        zone: fc.constantFrom('', 'Z', '+00:00', '+0000', '-05:00', ' '),
        sep: fc.constantFrom('T', 'T', 'T', ' ', 't'),
      })
      .map(
        (p) =>
          `${p.y}-${p.mo}-${p.d}${p.sep}${p.h}:${p.mi}:${p.s}${p.frac === undefined ? '' : `.${p.frac}`}${p.zone}`,
      );
    fc.assert(
      fc.property(fc.oneof(stamp, fc.string({ maxLength: 40 })), (text) => {
        expect(parseIsoUtcMs(text)).toBe(parseIsoUtcMsFull(text));
      }),
      { numRuns: 5000 },
    );
  });
});

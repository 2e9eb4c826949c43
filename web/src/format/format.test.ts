// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { differsByCent, formatCents, signedCents, signedContracts, signedMoney, toneOf } from './figures';
import { formatDateTime, timeZoneChoices } from './time';

describe('signed figures', () => {
  it('colour follows the shown sign, so a value rounding to zero is plain', () => {
    expect(signedMoney(5.502084829628441)).toEqual({ text: '+$5.50', tone: 'pos' });
    expect(signedMoney(-9.474142880472753)).toEqual({ text: '\u2212$9.47', tone: 'neg' });
    expect(signedMoney(-0.004)).toEqual({ text: '$0.00', tone: 'flat' });
    expect(signedMoney(null)).toEqual({ text: '—', tone: 'flat' });
    expect(signedContracts(-60)).toEqual({ text: '\u221260', tone: 'neg' });
    expect(toneOf('+3')).toBe('pos');
  });

  it('shows the bot’s figure only a cent or more away from ours', () => {
    expect(differsByCent(152.36392063047282, 147.1059871304728)).toBe(true);
    expect(differsByCent(1.004, 1.0)).toBe(false);
    expect(differsByCent(1.01, 1.0)).toBe(true);
    expect(differsByCent(1, null)).toBe(false);
  });
});

describe('times', () => {
  it('absolute time in the display zone, with the zone', () => {
    expect(formatDateTime('2026-11-25T17:50:51.364Z', 'UTC')).toBe('2026-11-25 17:50:51 UTC');
    expect(formatDateTime('2026-11-25T17:50:51.364Z', 'America/New_York')).toBe('2026-11-25 12:50:51 EST');
    // A junk time from an item is said to be invalid, never a date the browser guessed.
    for (const junk of ['35', '2035', 'Dec 5', '1e12']) expect(formatDateTime(junk, 'UTC')).toBe('invalid');
    expect(formatDateTime('2026-01-03T13:58:41.223000+00:00', 'UTC')).toBe('2026-01-03 13:58:41 UTC');
    expect(formatDateTime(null, 'UTC')).toBe('—');
  });

  it('offers the fixed zones plus the browser’s and the current one', () => {
    expect(timeZoneChoices('UTC', 'UTC')).toEqual([
      'UTC',
      'America/New_York',
      'America/Chicago',
      'Europe/London',
      'Asia/Tokyo',
    ]);
    expect(timeZoneChoices('Australia/Sydney', 'Europe/Berlin').slice(-2)).toEqual([
      'Europe/Berlin',
      'Australia/Sydney',
    ]);
  });
});

describe('cents per contract', () => {
  it('shows one decimal, the typographic minus, no sign at zero and the dash for null', () => {
    expect(formatCents(1.25, { plus: true })).toBe('+1.3¢');
    expect(formatCents(-0.44)).toBe('−0.4¢');
    expect(formatCents(-0.04, { plus: true })).toBe('0.0¢');
    expect(formatCents(2)).toBe('2.0¢');
    expect(formatCents(null)).toBe('—');
    expect(signedCents(-1)).toEqual({ text: '−1.0¢', tone: 'neg' });
    expect(signedCents(0.01)).toEqual({ text: '0.0¢', tone: 'flat' });
  });
});

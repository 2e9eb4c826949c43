import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatContracts,
  formatDuration,
  formatMoney,
  formatPercent,
  formatPrice,
  MINUS,
} from './format.js';

describe('formatters', () => {
  it('money to cents with a typographic minus, never −$0.00', () => {
    expect(formatMoney(1234.564)).toBe('$1,234.56');
    expect(formatMoney(-0.42)).toBe(`${MINUS}$0.42`);
    expect(formatMoney(-0.004)).toBe('$0.00');
    expect(formatMoney(0.005696250000000001)).toBe('$0.01');
    expect(formatMoney(0.5, { plus: true })).toBe('+$0.50');
    expect(formatMoney(0, { plus: true })).toBe('$0.00');
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney(Number.NaN)).toBe('—');
  });
  it('prices to 3 dp or cents', () => {
    expect(formatPrice(0.35000000000000003)).toBe('$0.350');
    expect(formatPrice(0.056818181818181816)).toBe('$0.057');
    expect(formatPrice(0.35, 'cents')).toBe('35¢');
    expect(formatPrice(0.355, 'cents')).toBe('35.5¢');
    expect(formatPrice(null)).toBe('—');
  });
  it('contracts', () => {
    expect(formatContracts(1234)).toBe('1,234');
    expect(formatContracts(-7)).toBe(`${MINUS}7`);
    expect(formatContracts(5, { plus: true })).toBe('+5');
    expect(formatContracts(0, { plus: true })).toBe('0');
  });
  it('percent', () => {
    expect(formatPercent(0.456)).toBe('46%');
    expect(formatPercent(0.041875, 1)).toBe('4.2%');
    expect(formatPercent(-0.1)).toBe(`${MINUS}10%`);
  });
  it('relative ages and durations', () => {
    const now = 1_000_000_000;
    expect(formatAge(now - 3 * 60_000 - 5000, now)).toBe('3m ago');
    expect(formatAge(now - 2000, now)).toBe('just now');
    expect(formatAge(now - 45_000, now)).toBe('45s ago');
    expect(formatAge(now - 26 * 3_600_000, now)).toBe('1d ago');
    expect(formatAge(now + 120_000, now)).toBe('in 2m');
    expect(formatAge(null, now)).toBe('—');
    expect(formatDuration(99 * 3_600_000)).toBe('4d 3h');
    expect(formatDuration(3 * 3_600_000 + 5 * 60_000 + 7000)).toBe('3h 5m');
    expect(formatDuration(12_000)).toBe('12s');
    expect(formatDuration(500)).toBe('0s');
  });
});

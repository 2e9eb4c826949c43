// Absolute times in the display time zone. Relative ages use src/core/format.ts (formatAge).
// The one date-time format lives in src/core (the server's first screen writes the same text).
export { formatDateTime } from '@core/date-time-text';

export const FIXED_ZONES = [
  'UTC',
  'America/New_York',
  'America/Chicago',
  'Europe/London',
  'Asia/Tokyo',
] as const;

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The zones offered: the fixed list, the browser's zone, and the current one if it is elsewhere. */
export function timeZoneChoices(current: string, browser: string): string[] {
  const out: string[] = [...FIXED_ZONES];
  for (const z of [browser, current]) if (z && !out.includes(z)) out.push(z);
  return out;
}

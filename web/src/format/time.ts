// Absolute times in the display time zone. Relative ages use src/core/format.ts (formatAge).
import { NONE } from '@core/format';
import { dateTimeFormat } from '@core/intl-cache';

const DATE_TIME_OPTIONS = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
} as const;

function formatterFor(tz: string): Intl.DateTimeFormat {
  try {
    return dateTimeFormat('en-US', { timeZone: tz, ...DATE_TIME_OPTIONS });
  } catch {
    return dateTimeFormat('en-US', { timeZone: 'UTC', ...DATE_TIME_OPTIONS });
  }
}

/** `2026-11-25 12:50:51 EST` — sortable, unambiguous, with the zone it is shown in. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function formatDateTime(iso: string | null | undefined, tz: string): string {
  if (!iso) return NONE;
  // Only ISO 8601 date-times: the browser's lenient parser reads junk like "35" as the year 2035.
  if (!ISO_DATE_TIME.test(iso)) return 'invalid';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return 'invalid';
  const parts: Record<string, string> = {};
  for (const p of formatterFor(tz).formatToParts(ms)) parts[p.type] = p.value;
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}:${parts['second']} ${parts['timeZoneName'] ?? tz}`;
}

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

// Absolute times in a display time zone, as the web app's tables show them: one implementation for
// the app (web/src/format/time.ts) and the server's first screen (src/server/first-screen), so the
// rows the server writes into the page read exactly as the app's.
import { NONE } from './format.js';
import { dateTimeFormat } from './intl-cache.js';

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

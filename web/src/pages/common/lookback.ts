// The time range of the Reconciliation and Compare pages, in the URL: a lookback ending now
// (`range=7d`, sent to the API as `days=7`) or calendar days in the display time zone
// (`range=custom&from=YYYY-MM-DD&to=YYYY-MM-DD`, Home's custom format, sent as ISO instants).
// Pure: tested without a browser.
import { zoneOffsetMs } from '@core/tz-days';
import { isIsoDate } from '../../router/view-params';

export interface Lookback {
  /** The lookback in days; null for a custom range. */
  days: number | null;
  /** Custom range (inclusive calendar days in tz); null unless custom. */
  from: string | null;
  to: string | null;
}

const DAY_MS = 86_400_000;

/** Reads `range`, `from`, `to`; anything malformed falls back to `defaultDays`. */
export function readLookback(search: string, defaultDays: number, maxDays = 365): Lookback {
  const p = new URLSearchParams(search);
  const range = p.get('range');
  const from = p.get('from');
  const to = p.get('to');
  if (range === 'custom' && isIsoDate(from)) {
    const end = isIsoDate(to) ? to : null;
    // A reversed range is the same range.
    if (end !== null && end < from) return { days: null, from: end, to: from };
    return { days: null, from, to: end };
  }
  const m = range ? /^(\d{1,3})d$/.exec(range) : null;
  const n = m ? Number(m[1]) : NaN;
  return { days: n >= 1 && n <= maxDays ? n : defaultDays, from: null, to: null };
}

/** How far `tz`'s wall clock is ahead of UTC at the instant `ms` (whole seconds); 0 for an unknown zone. */
export function tzOffsetMs(ms: number, tz: string): number {
  try {
    return zoneOffsetMs(ms, tz);
  } catch {
    return 0;
  }
}

/** The instant at which calendar day `date` starts in `tz` (two passes settle a DST change). */
export function startOfDayMs(date: string, tz: string): number {
  return wallToUtcMs(`${date}T00:00`, tz) ?? Date.parse(`${date}T00:00:00Z`);
}

const WALL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The instant when `tz`'s clock shows the wall time `YYYY-MM-DDTHH:mm[:ss]`; null if malformed. */
export function wallToUtcMs(wall: string, tz: string): number | null {
  const m = WALL_RE.exec(wall);
  if (!m) return null;
  const guess = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6] ?? 0),
  );
  if (Number.isNaN(guess)) return null;
  const first = guess - tzOffsetMs(guess, tz);
  return guess - tzOffsetMs(first, tz);
}

/** `YYYY-MM-DDTHH:mm` of the instant in `tz` (a datetime-local input's value). */
export function utcToWall(ms: number, tz: string): string {
  const shifted = new Date(ms + tzOffsetMs(ms, tz));
  return shifted.toISOString().slice(0, 16);
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/**
 * The API's range parameters: `{days}` for a lookback, else `{from, to}` as ISO instants (the
 * start of `from` and the last millisecond of `to` in tz; an open end is `today`).
 */
export function lookbackParams(lb: Lookback, tz: string, today: string): Record<string, string> {
  if (lb.days !== null || lb.from === null) return { days: String(lb.days ?? 1) };
  const to = lb.to ?? today;
  return {
    from: new Date(startOfDayMs(lb.from, tz)).toISOString(),
    to: new Date(startOfDayMs(nextDay(to), tz) - 1).toISOString(),
  };
}

/** A short caption of the range: `last 7 days` or `2026-11-01 → 2026-11-07 (UTC)`. */
export function describeLookback(lb: Lookback, tz: string): string {
  if (lb.days !== null) return lb.days === 1 ? 'last 24 hours' : `last ${lb.days} days`;
  return `${lb.from} → ${lb.to ?? 'today'} (${tz})`;
}

/**
 * The search string after a patch: null or '' removes a key. Unlike Home's patchSearch nothing is
 * dropped for equalling Home's defaults (`range=30d` must stay where a page's default is 1 day).
 */
export function patchPageSearch(search: string, patch: Record<string, string | null>): string {
  const p = new URLSearchParams(search);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || v === '') p.delete(k);
    else p.set(k, v);
  }
  if (p.get('tz') === 'UTC') p.delete('tz');
  const qs = p.toString();
  return qs ? `?${qs}` : '';
}

// Calendar days in the display time zone (metrics.md: `tz` defines days). Intl carries the IANA
// database, so DST and zones whose day boundary is not UTC's come out right without a library.
// Days are `YYYY-MM-DD` strings: they sort lexicographically in time order.
import { dateTimeFormat } from './intl-cache.js';

/** Thrown for a zone Intl does not know, so the server can answer 400 naming `tz`. */
export class InvalidTimeZoneError extends Error {
  readonly code = 'invalid_tz';
  constructor(readonly tz: string) {
    super(`Unknown time zone: ${JSON.stringify(tz)} (expected an IANA name such as "America/New_York")`);
    this.name = 'InvalidTimeZoneError';
  }
}

const DATE_OPTIONS = { year: 'numeric', month: '2-digit', day: '2-digit' } as const;
const DATE_TIME_OPTIONS = {
  ...DATE_OPTIONS,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
} as const;

interface ZoneFormats {
  date: Intl.DateTimeFormat;
  dateTime: Intl.DateTimeFormat;
}
// Days are computed per fill and per point: look the zone's pair up by name, not by the option
// objects the formatter cache keys on. Intl accepts any letter case, so names are unbounded: capped.
const byZone = new Map<string, ZoneFormats>();
const MAX_ZONES = 512;

/** The zone's formatters (built through the one formatter cache); throws InvalidTimeZoneError. */
function zone(tz: string): ZoneFormats {
  let z = byZone.get(tz);
  if (z) return z;
  try {
    z = {
      date: dateTimeFormat('en-US', { timeZone: tz, ...DATE_OPTIONS }),
      dateTime: dateTimeFormat('en-US', { timeZone: tz, ...DATE_TIME_OPTIONS }),
    };
  } catch {
    throw new InvalidTimeZoneError(tz);
  }
  if (byZone.size >= MAX_ZONES) byZone.clear();
  byZone.set(tz, z);
  return z;
}

/** Validates `tz` and returns its canonical name (`utc` → `UTC`); throws InvalidTimeZoneError. */
export function resolveTimeZone(tz: string): string {
  return zone(tz).date.resolvedOptions().timeZone;
}

function partsOf(format: Intl.DateTimeFormat, ms: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of format.formatToParts(ms))
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  return out;
}

function dayString(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The calendar day (`YYYY-MM-DD`) in `tz` containing the instant `ms`. */
export function dayOf(ms: number, tz: string): string {
  const p = partsOf(zone(tz).date, ms);
  return dayString(p.year ?? 0, p.month ?? 0, p.day ?? 0);
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isDay(text: string): boolean {
  const m = DAY_RE.exec(text);
  if (!m) return false;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === text;
}

function dayToUtcMidnight(day: string): number {
  const m = DAY_RE.exec(day);
  if (!m || !isDay(day)) throw new RangeError(`Not a calendar day: ${JSON.stringify(day)}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** Civil-date arithmetic: calendar days do not depend on the zone, only their instants do. */
export function addDays(day: string, n: number): string {
  return new Date(dayToUtcMidnight(day) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Every day from `fromDay` through `toDay` inclusive (empty when from > to). */
export function daysBetween(fromDay: string, toDay: string): string[] {
  const out: string[] = [];
  for (let d = fromDay; d <= toDay; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The `n` calendar days in `tz` ending with the day containing `nowMs`, oldest first. */
export function lastNDays(nowMs: number, tz: string, n: number): string[] {
  const today = dayOf(nowMs, tz);
  return daysBetween(addDays(today, -(n - 1)), today);
}

/** UTC offset of `tz` at `ms` in milliseconds (local wall time − UTC), whole seconds. */
export function zoneOffsetMs(ms: number, tz: string): number {
  const p = partsOf(zone(tz).dateTime, ms);
  const wall = Date.UTC(
    p.year ?? 0,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * First instant of calendar day `day` in `tz`, for turning `from=YYYY-MM-DD` into a time. Two
 * offset passes handle DST; where midnight itself does not exist (zones that spring forward at
 * 00:00) the day starts at the transition, found by bisection.
 */
export function zonedDayStartMs(day: string, tz: string): number {
  const midnight = dayToUtcMidnight(day);
  const first = midnight - zoneOffsetMs(midnight, tz);
  const t = midnight - zoneOffsetMs(first, tz);
  if (dayOf(t, tz) === day) return t;
  // t lies in the previous day (a gap at midnight): bisect up to 3 h forward for the transition.
  let lo = t;
  let hi = t + 3 * 3_600_000;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (dayOf(mid, tz) < day) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * dayOf for many instants, fast when they come clustered (fills in time order): it keeps the
 * [start, end) of the last day found and answers from it without Intl (~2 µs per call saved).
 * An interval is reused only after dayOf confirmed both of its ends, so the answers are dayOf's
 * as long as the zone's local date does not run backwards inside one day (a clock set back
 * across midnight), which no zone does in the era of the bot's data; a property test checks.
 */
export function dayFinder(tz: string): (ms: number) => string {
  zone(tz); // validate now, not at the first call
  let lo = Infinity;
  let hi = -Infinity;
  let current = '';
  return (ms: number): string => {
    if (ms >= lo && ms < hi) return current;
    current = dayOf(ms, tz);
    const start = zonedDayStartMs(current, tz);
    const end = zonedDayStartMs(addDays(current, 1), tz);
    const verified =
      start <= ms && ms < end && dayOf(start, tz) === current && dayOf(end - 1, tz) === current;
    lo = verified ? start : Infinity;
    hi = verified ? end : -Infinity;
    return current;
  };
}

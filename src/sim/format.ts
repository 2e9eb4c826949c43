// Time formats the bot writes (contract §1.5). The simulator keeps every clock in integer
// microseconds since the epoch (`…Us`), because the bot's naive timestamps carry microseconds and
// a decision's sort key must be unique; 2026 in µs is ~1.8e15, well inside Number's exact range.
import { toAwareIso, toNaiveIso, utcDate } from '../core/time.js';

export const MS_US = 1_000;
export const SECOND_US = 1_000_000;
export const MINUTE_US = 60 * SECOND_US;
export const HOUR_US = 60 * MINUTE_US;
export const DAY_US = 24 * HOUR_US;

export function msToUs(ms: number): number {
  return Math.round(ms) * MS_US;
}

export function usToMs(us: number): number {
  return Math.floor(us / MS_US);
}

/** Decision `timestamp`, `api_errors.last_error`, old trade-log sort keys: naive UTC, µs. */
export function naiveIso(us: number): string {
  return toNaiveIso(usToMs(us), us % MS_US);
}

/** `fill_timestamp`, `event_ts`, state timestamps: aware `+00:00`, µs (fraction omitted at 0). */
export function awareIso(us: number): string {
  return toAwareIso(usToMs(us), us % MS_US);
}

/** UTC date partition of a µs instant. */
export function dateOf(us: number): string {
  return utcDate(usToMs(us));
}

/**
 * A Kalshi API time string as the bot copies it into decisions: `Z` suffix and the fraction with
 * trailing zeros trimmed (Go's RFC3339Nano), so 1–6 digits, or none on a whole second.
 */
export function kalshiTime(us: number): string {
  const base = new Date(usToMs(us)).toISOString().slice(0, 19);
  const frac = String(us % SECOND_US)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return frac === '' ? `${base}Z` : `${base}.${frac}Z`;
}

/** `YYYYMMDD-HHMMSS` (UTC), used in bot_run_id and system decision ids. */
export function compactStamp(us: number): string {
  const iso = new Date(usToMs(us)).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

/** Epoch seconds, for the execution log's `expires_at` TTL attribute. */
export function epochSeconds(us: number): number {
  return Math.floor(us / SECOND_US);
}

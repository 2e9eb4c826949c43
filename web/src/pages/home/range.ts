// The P&L range selector maps to the API's `days` (a range ending today in tz). A custom range
// asks for enough days to reach its start and then shows only its own days: the entries are the
// API's, selected, never recomputed (the cumulative line is all-time, so it stays correct).
import type { RangeKey, ViewParams } from '../../router/view-params';
import { dateTimeFormat } from '@core/intl-cache';

export const PRESET_DAYS: Record<Exclude<RangeKey, 'custom'>, number> = {
  '1d': 1,
  '7d': 7,
  '30d': 30,
  '90d': 90,
  '365d': 365,
};

export const MAX_DAYS = 365;
const DAY_MS = 86_400_000;

/** Today's calendar date (`YYYY-MM-DD`) in an IANA zone. */
export function todayIn(tz: string, nowMs: number): string {
  try {
    // en-CA formats dates as YYYY-MM-DD.
    return dateTimeFormat('en-CA', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(nowMs);
  } catch {
    return new Date(nowMs).toISOString().slice(0, 10);
  }
}

/** The calendar date n days before a date (both `YYYY-MM-DD`). */
export function daysBefore(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from date a to date b (both `YYYY-MM-DD`). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

export interface RangeRequest {
  /** The `days` parameter for /api/v1/overview. */
  days: number;
  /** Inclusive bounds of the days shown (null: everything the API returned). */
  showFrom: string | null;
  showTo: string | null;
  /** True when a custom start lies more than 365 days back and was cut to the API's limit. */
  clipped: boolean;
}

export function rangeRequest(view: Pick<ViewParams, 'range' | 'from' | 'to'>, today: string): RangeRequest {
  if (view.range !== 'custom' || view.from === null) {
    const key = view.range === 'custom' ? '30d' : view.range;
    return { days: PRESET_DAYS[key], showFrom: null, showTo: null, clipped: false };
  }
  let from = view.from;
  let to = view.to ?? today;
  if (to < from) [from, to] = [to, from];
  if (from > today) from = today;
  const wanted = daysBetween(from, today) + 1;
  const days = Math.min(MAX_DAYS, Math.max(1, wanted));
  return { days, showFrom: from, showTo: to > today ? today : to, clipped: wanted > MAX_DAYS };
}

/** The entries of the daily series inside the shown range. */
export function visibleDays<T extends { date: string }>(
  daily: readonly T[],
  req: Pick<RangeRequest, 'showFrom' | 'showTo'>,
): T[] {
  if (req.showFrom === null && req.showTo === null) return [...daily];
  return daily.filter(
    (d) => (req.showFrom === null || d.date >= req.showFrom) && (req.showTo === null || d.date <= req.showTo),
  );
}

// The replay's URL state: market `m`, the moment shown `t`, and the window of decisions loaded
// (`start`/`end`, ISO instants; or `hours` around `t`, else ending now). Pure.
import { parseIsoUtcMs } from '@core/time';

export const WINDOW_HOURS = [1, 6, 24, 72] as const;
export const DEFAULT_HOURS = 6;
/** Longest window loaded: the decisions of a week of one market are already past the cap. */
export const MAX_WINDOW_MS = 7 * 86_400_000;
const HOUR_MS = 3_600_000;

export interface ReplayParams {
  marketId: string | null;
  t: number | null;
  start: number | null;
  end: number | null;
  hours: number;
}

const instant = (s: string | null): number | null => (s && s.length <= 40 ? parseIsoUtcMs(s) : null);

export function readReplayParams(search: string): ReplayParams {
  const p = new URLSearchParams(search);
  const m = p.get('m');
  const h = Number(p.get('hours'));
  return {
    marketId: m && m.length <= 200 ? m : null,
    t: instant(p.get('t')),
    start: instant(p.get('start')),
    end: instant(p.get('end')),
    hours: Number.isInteger(h) && h >= 1 && h <= 168 ? h : DEFAULT_HOURS,
  };
}

export interface ReplayWindow {
  fromMs: number;
  toMs: number;
  /** True when the URL named the window (start/end); false when it was derived. */
  explicit: boolean;
}

/** The window to load: the URL's, else `hours` around `t` (never past now), else the last `hours`. */
export function resolveWindow(p: ReplayParams, nowMs: number): ReplayWindow {
  if (p.start !== null && p.end !== null && p.start < p.end && p.end - p.start <= MAX_WINDOW_MS) {
    return { fromMs: p.start, toMs: p.end, explicit: true };
  }
  const span = p.hours * HOUR_MS;
  if (p.t !== null) {
    const toMs = Math.min(nowMs, p.t + span / 2);
    return { fromMs: toMs - span, toMs, explicit: false };
  }
  return { fromMs: nowMs - span, toMs: nowMs, explicit: false };
}

export const iso = (ms: number): string => new Date(ms).toISOString();

// A stale position is inventory the bot has stopped trading: non-zero and no fill for H hours.
import { HOUR_MS } from './time.js';

export const DEFAULT_STALE_HOURS = 48;

/** net ≠ 0 and (no fill ever, or the newest fill is older than `hours` before now). */
export function isStale(net: number, lastFillAtMs: number | null, nowMs: number, hours: number): boolean {
  if (net === 0) return false;
  return lastFillAtMs === null || nowMs - lastFillAtMs > hours * HOUR_MS;
}

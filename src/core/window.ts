// Per-market activity over a time window, e.g. the last 24 h: (now − 24 h, now]. The P&L of a
// window is the sum of the realized changes of the whole-history replay, so a position opened
// before the window and closed inside it is counted correctly (unlike a replay that starts flat).
import type { ReplayStep } from './replay.js';
import { HOUR_MS } from './time.js';

export interface WindowStats {
  /** Σ realized changes of the window's fills. */
  pnl: number;
  /** Σ size. */
  filled: number;
  /** Σ signed size (+yes, −no). */
  pos: number;
  fills: number;
}

export const EMPTY_WINDOW: Readonly<WindowStats> = Object.freeze({ pnl: 0, filled: 0, pos: 0, fills: 0 });

/** Stats per market over fills with fromExclusiveMs < fill time ≤ toInclusiveMs. */
export function windowStats(
  steps: readonly ReplayStep[],
  fromExclusiveMs: number,
  toInclusiveMs: number,
): Map<string, WindowStats> {
  const out = new Map<string, WindowStats>();
  for (const step of steps) {
    const t = step.fill.fillTimeMs;
    if (t <= fromExclusiveMs || t > toInclusiveMs) continue;
    let stats = out.get(step.fill.marketId);
    if (stats === undefined) {
      stats = { ...EMPTY_WINDOW };
      out.set(step.fill.marketId, stats);
    }
    stats.pnl += step.realizedChange;
    stats.filled += step.fill.size;
    stats.pos += step.signedSize;
    stats.fills += 1;
  }
  return out;
}

/** pnl24h / filled24h / pos24h per market: the window (now − 24 h, now]. */
export function last24h(steps: readonly ReplayStep[], nowMs: number): Map<string, WindowStats> {
  return windowStats(steps, nowMs - 24 * HOUR_MS, nowMs);
}

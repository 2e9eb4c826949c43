// Latency statistics over execution events. latency_ms is measured by the bot from before its
// own DynamoDB write and throttle, so it overstates exchange latency (contract §2.5).
import type { ExecutionEvent } from './types.js';

/**
 * Percentile p ∈ [0, 1] of ascending values, linear interpolation (numpy's default `linear`):
 * h = (n − 1)·p, value = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). Null for no values.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile p must be in [0, 1], got ${p}`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const x0 = sorted[lo] as number;
  const x1 = sorted[lo + 1];
  // At a whole rank the value is x[h] itself (also keeps −0 and avoids ∞ − ∞).
  return x1 === undefined || h === lo ? x0 : x0 + (h - lo) * (x1 - x0);
}

export interface LatencyStats {
  count: number;
  mean: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

/** count/mean/p50/p95/p99/max of any values (order irrelevant); nulls when empty. */
export function latencyStats(values: readonly number[]): LatencyStats {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: n,
    mean: n === 0 ? null : sum / n,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: n === 0 ? null : (sorted[n - 1] as number),
  };
}

export type ResultKind = 'place' | 'cancel';

/** Placement results carry `side`; cancel results carry `order_id` and no side; else null. */
export function resultKind(e: ExecutionEvent): ResultKind | null {
  if (e.eventType !== 'ORDER_RESULT') return null;
  if (e.side !== null) return 'place';
  if (e.orderId !== null) return 'cancel';
  return null;
}

export interface LatencyBreakdown {
  place: LatencyStats;
  cancel: LatencyStats;
  /** Every ORDER_RESULT with latency_ms, classified or not. */
  all: LatencyStats;
}

/** Latency of ORDER_RESULT events carrying latency_ms, split into place / cancel / all. */
export function latencyBreakdown(events: readonly ExecutionEvent[]): LatencyBreakdown {
  const place: number[] = [];
  const cancel: number[] = [];
  const all: number[] = [];
  for (const e of events) {
    if (e.eventType !== 'ORDER_RESULT' || e.latencyMs === null) continue;
    all.push(e.latencyMs);
    const kind = resultKind(e);
    if (kind === 'place') place.push(e.latencyMs);
    else if (kind === 'cancel') cancel.push(e.latencyMs);
  }
  return { place: latencyStats(place), cancel: latencyStats(cancel), all: latencyStats(all) };
}

// Execution analytics of one market (api.md /analytics): latency, outcome counts, a timeline and
// a latency histogram. Batch mode writes almost no events (contract §2.5): empty is normal.
import { histogram, type HistogramBin } from './histogram.js';
import {
  latencyBreakdown,
  latencyStats,
  resultKind,
  type LatencyBreakdown,
  type LatencyStats,
} from './latency.js';
import { toApiTime } from './time.js';
import type { ExecutionEvent } from './types.js';

export const OUTCOME_STATUSES = ['ACCEPTED', 'REJECTED', 'ERROR', 'CANCELLED', 'ALREADY_GONE'] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

export interface Outcomes {
  /** ORDER_RESULT count per known status. */
  counts: Record<OutcomeStatus, number>;
  /** Any other status verbatim (`(none)` when absent). */
  other: Record<string, number>;
  total: number;
  /** Results per kind (placement / cancel) and status. */
  byKind: Record<'place' | 'cancel' | 'unknown', Record<string, number>>;
  /** Failed results grouped by error_code, else error_type, else `unknown`; most frequent first. */
  errorCodes: { code: string; count: number; statuses: string[] }[];
}

function isKnown(status: string): status is OutcomeStatus {
  return (OUTCOME_STATUSES as readonly string[]).includes(status);
}

export function outcomes(events: readonly ExecutionEvent[]): Outcomes {
  const counts = Object.fromEntries(OUTCOME_STATUSES.map((s) => [s, 0])) as Record<OutcomeStatus, number>;
  const other: Record<string, number> = {};
  const byKind: Outcomes['byKind'] = { place: {}, cancel: {}, unknown: {} };
  const errors = new Map<string, { count: number; statuses: Set<string> }>();
  let total = 0;
  for (const e of events) {
    if (e.eventType !== 'ORDER_RESULT') continue;
    total += 1;
    const status = e.status ?? '(none)';
    if (isKnown(status)) counts[status] += 1;
    else other[status] = (other[status] ?? 0) + 1;
    const kind = byKind[resultKind(e) ?? 'unknown'];
    kind[status] = (kind[status] ?? 0) + 1;
    const failed =
      status === 'REJECTED' || status === 'ERROR' || e.errorType !== null || e.errorCode !== null;
    if (failed) {
      const code = e.errorCode ?? e.errorType ?? 'unknown';
      const group = errors.get(code) ?? { count: 0, statuses: new Set<string>() };
      group.count += 1;
      group.statuses.add(status);
      errors.set(code, group);
    }
  }
  const errorCodes = [...errors.entries()]
    .map(([code, g]) => ({ code, count: g.count, statuses: [...g.statuses].sort() }))
    .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { counts, other, total, byKind, errorCodes };
}

/** Bucket widths a timeline may use: round durations from a minute to a week. */
export const TIMELINE_STEPS_MS = [
  60_000, 300_000, 900_000, 1_800_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000, 604_800_000,
] as const;

/** Smallest round width giving at most maxBuckets buckets over [fromMs, toMs]. */
export function timelineBucketMs(fromMs: number, toMs: number, maxBuckets = 120): number {
  const span = Math.max(toMs - fromMs, 1);
  for (const step of TIMELINE_STEPS_MS) if (span / step <= maxBuckets) return step;
  return TIMELINE_STEPS_MS[TIMELINE_STEPS_MS.length - 1] as number;
}

export interface TimelineBucket {
  start: string;
  startMs: number;
  /** Events per event_type. */
  events: Record<string, number>;
  /** ORDER_RESULT events per status. */
  results: Record<string, number>;
  /** Latency of the bucket's ORDER_RESULT events that carry latency_ms. */
  latency: LatencyStats;
}

/**
 * Every bucket (empty ones included, so a chart shows gaps) of width bucketMs, aligned to
 * multiples of bucketMs since the epoch (UTC), covering [fromMs, toMs].
 */
export function timeline(
  events: readonly ExecutionEvent[],
  fromMs: number,
  toMs: number,
  bucketMs: number,
): TimelineBucket[] {
  if (!(bucketMs > 0)) throw new RangeError(`bucketMs must be positive, got ${bucketMs}`);
  const first = Math.floor(fromMs / bucketMs) * bucketMs;
  const n = toMs < fromMs ? 0 : Math.floor((toMs - first) / bucketMs) + 1;
  const acc: { events: Record<string, number>; results: Record<string, number>; latencies: number[] }[] =
    Array.from({ length: n }, () => ({ events: {}, results: {}, latencies: [] }));
  for (const e of events) {
    if (e.timeMs < fromMs || e.timeMs > toMs) continue;
    const b = acc[Math.floor((e.timeMs - first) / bucketMs)];
    if (!b) continue;
    b.events[e.eventType] = (b.events[e.eventType] ?? 0) + 1;
    if (e.eventType === 'ORDER_RESULT') {
      const status = e.status ?? '(none)';
      b.results[status] = (b.results[status] ?? 0) + 1;
      if (e.latencyMs !== null) b.latencies.push(e.latencyMs);
    }
  }
  return acc.map((b, i) => {
    const startMs = first + i * bucketMs;
    return {
      start: toApiTime(startMs),
      startMs,
      events: b.events,
      results: b.results,
      latency: latencyStats(b.latencies),
    };
  });
}

export interface MarketAnalytics {
  from: string;
  to: string;
  eventCount: number;
  latency: LatencyBreakdown;
  outcomes: Outcomes;
  bucketMs: number;
  timeline: TimelineBucket[];
  /** Latency (ms) histogram of every ORDER_RESULT carrying latency_ms. */
  histogram: HistogramBin[];
}

/** Analytics over the events (of one market) with fromMs ≤ event time ≤ toMs. */
export function buildMarketAnalytics(
  events: readonly ExecutionEvent[],
  fromMs: number,
  toMs: number,
): MarketAnalytics {
  const inWindow = events.filter((e) => e.timeMs >= fromMs && e.timeMs <= toMs);
  const latencies: number[] = [];
  for (const e of inWindow)
    if (e.eventType === 'ORDER_RESULT' && e.latencyMs !== null) latencies.push(e.latencyMs);
  const bucketMs = timelineBucketMs(fromMs, toMs);
  return {
    from: toApiTime(fromMs),
    to: toApiTime(toMs),
    eventCount: inWindow.length,
    latency: latencyBreakdown(inWindow),
    outcomes: outcomes(inWindow),
    bucketMs,
    timeline: timeline(inWindow, fromMs, toMs, bucketMs),
    histogram: histogram(latencies),
  };
}

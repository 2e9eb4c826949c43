// The analytics tab's rows: latency statistics as display text and the outcome table, from the
// API's figures (formatting and arrangement only). Pure, tested.
import { formatContracts, NONE } from '@core/format';
import type { LatencyStats } from '@api/types';

/** `172.5 ms`, `1,562 ms`: one decimal below 1 s, whole milliseconds above; null is a dash. */
export function formatLatencyMs(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return NONE;
  if (Math.abs(v) >= 1000) return `${formatContracts(Math.round(v))} ms`;
  const r = Math.round(v * 10) / 10;
  return `${Number.isInteger(r) ? r : r.toFixed(1)} ms`;
}

export const LATENCY_FIELDS = ['count', 'mean', 'p50', 'p95', 'p99', 'max'] as const;
export type LatencyField = (typeof LATENCY_FIELDS)[number];

export function latencyCells(s: LatencyStats): Record<LatencyField, string> {
  return {
    count: formatContracts(s.count),
    mean: formatLatencyMs(s.mean),
    p50: formatLatencyMs(s.p50),
    p95: formatLatencyMs(s.p95),
    p99: formatLatencyMs(s.p99),
    max: formatLatencyMs(s.max),
  };
}

// The outcome table's rows are core's, shared with the analytics export (format=csv|xlsx).
export { outcomeRows, type OutcomeRow } from '@core/outcome-rows';

// Multi-market comparison: per-market statistics over a range, and the series to overlay
// (cumulative realized P&L and position, stepping at each fill). Pure; the server supplies inputs.
import { fillsWithRealized } from './fills.js';
import { latencyBreakdown } from './latency.js';
import type { ExecutionEvent, Fill } from './types.js';

export interface CompareRow {
  marketId: string;
  fills: number;
  contracts: number;
  /** Σ |size · price| of the fills, dollars of YES notional. */
  volumeUsd: number;
  realized: number;
  feesUsd: number;
  /** Fills per day of the range. */
  fillRatePerDay: number;
  /** Mean of the sampled book spreads (null when the book was never two-sided). */
  avgSpread: number | null;
  latencyP95Ms: number | null;
  netAtEnd: number;
}

export interface ComparePoint {
  time: number;
  cumulativeRealized: number;
  net: number;
}

export function compareMarket(
  marketId: string,
  allFills: readonly Fill[],
  events: readonly ExecutionEvent[],
  spreads: readonly (number | null)[],
  fromMs: number,
  toMs: number,
): { row: CompareRow; series: ComparePoint[] } {
  // Realized changes need the market's whole history; the range only selects what counts.
  const replayed = fillsWithRealized(allFills.filter((f) => f.marketId === marketId));
  const inRange = replayed.filter((f) => f.fillTimeMs >= fromMs && f.fillTimeMs <= toMs);
  const before = replayed.filter((f) => f.fillTimeMs < fromMs);
  let cumulative = 0;
  const start = before.at(-1)?.after.net ?? 0;
  const series: ComparePoint[] = [{ time: fromMs, cumulativeRealized: 0, net: start }];
  let contracts = 0;
  let volumeUsd = 0;
  let feesUsd = 0;
  for (const f of inRange) {
    cumulative += f.realizedChange;
    contracts += f.size;
    volumeUsd += f.size * f.priceYes;
    feesUsd += f.feeApplied;
    series.push({ time: f.fillTimeMs, cumulativeRealized: cumulative, net: f.after.net });
  }
  const net = inRange.at(-1)?.after.net ?? start;
  series.push({ time: toMs, cumulativeRealized: cumulative, net });
  const twoSided = spreads.filter((s): s is number => s !== null);
  const p95 = latencyBreakdown(events.filter((e) => e.timeMs >= fromMs && e.timeMs <= toMs)).all;
  const days = Math.max((toMs - fromMs) / 86_400_000, 1 / 24);
  return {
    row: {
      marketId,
      fills: inRange.length,
      contracts,
      volumeUsd,
      realized: cumulative,
      feesUsd,
      fillRatePerDay: inRange.length / days,
      avgSpread: twoSided.length ? twoSided.reduce((a, b) => a + b, 0) / twoSided.length : null,
      latencyP95Ms: p95.p95,
      netAtEnd: net,
    },
    series,
  };
}

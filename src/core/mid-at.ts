// mid(t) of metrics.md §"Market-making quality": the order_book_snapshot.mid of the market's decision
// in force at t (the newest decision at or before t), unknown when that decision is too old to say
// anything about the book at t. Markouts, edge at fill and P&L attribution all mark at this mid.
//
// Core never reads: the store looks decisions up with tight index reads around each time needed
// (readDecisionsAt: one newest-first GSI read per time, never a decision partition) and hands the
// answers in as a DecisionAt lookup. `decisionAtFromList` serves tests and callers that already
// hold a market's decisions for the range.
import { midOf } from './quotes.js';
import type { QuoteDecision } from './types.js';

/** The staleness bound never drops below a minute, even for a fast loop (as the heartbeat's). */
export const MID_MIN_MAX_AGE_MS = 60_000;

/**
 * How old the decision in force may be: max(60 s, 3 × loop interval). The loop interval is not on
 * decision items: it is `loop_interval_ms` of the hand-maintained `global_config` state item
 * (contract §2.2, default 5000 ms ⇒ 60 s), read once per bot start. Callers pass
 * GlobalConfig.loopIntervalMs (the default when the item is missing), the same value the heartbeat uses.
 */
export function midMaxAgeMs(loopIntervalMs: number): number {
  return Math.max(MID_MIN_MAX_AGE_MS, 3 * loopIntervalMs);
}

/**
 * The decision in force for a market at tMs: newest at or before tMs; null when there is none;
 * undefined when the time was not looked up (treated as unknown, never as "no decision"). mid(t)
 * reads a QuoteDecision's book only, so the quality reads hand in projected decisions.
 */
export type DecisionAt<D extends QuoteDecision = QuoteDecision> = (
  marketId: string,
  tMs: number,
) => D | null | undefined;

/** Why mid(t) is unknown: no decision at or before t, too old, no book on it, or not looked up. */
export type MidUnknownReason = 'no_decision' | 'stale' | 'no_book' | 'not_read';

export interface MidAt {
  /** YES dollars; null when unknown. */
  midYes: number | null;
  /** Time of the decision in force (null when none was found). */
  decisionAtMs: number | null;
  unknown: MidUnknownReason | null;
}

/**
 * The snapshot's stored mid; when a decision carries a book without a stored mid (older decoders,
 * hand-made items) the mid the bot would have written: (best_bid + best_ask)/2 with the empty-side
 * sentinels 0 and 1 (quotes.ts midOf). So a one-sided book has a mid, as the bot logged it.
 */
export function decisionMid(d: QuoteDecision): number | null {
  if (d.book === null) return null;
  return d.book.midStored ?? midOf(d.book);
}

/** mid(t) of one market; age = t − decision time, unknown when age > maxAgeMs (exactly maxAgeMs is known). */
export function midAt(decisionAt: DecisionAt, marketId: string, tMs: number, maxAgeMs: number): MidAt {
  const d = decisionAt(marketId, tMs);
  if (d === undefined) return { midYes: null, decisionAtMs: null, unknown: 'not_read' };
  if (d === null) return { midYes: null, decisionAtMs: null, unknown: 'no_decision' };
  if (tMs - d.timeMs > maxAgeMs) return { midYes: null, decisionAtMs: d.timeMs, unknown: 'stale' };
  const midYes = decisionMid(d);
  return { midYes, decisionAtMs: d.timeMs, unknown: midYes === null ? 'no_book' : null };
}

/**
 * A lookup over what readDecisionsAt answered, per market: `byMarket.get(m).get(t)`. A time missing
 * from the map is `undefined` (not read), so a forgotten read shows as unknown rather than as a
 * wrong mid.
 */
export function decisionAtFromMaps<D extends QuoteDecision>(
  byMarket: ReadonlyMap<string, ReadonlyMap<number, D | null>>,
): DecisionAt<D> {
  return (marketId, tMs) => byMarket.get(marketId)?.get(tMs);
}

/**
 * A lookup over decisions already held (any markets, any order): binary search per market. System
 * ("ALL") decisions are skipped: they carry no book and are not the market's decision. Ties in time
 * keep the last one given, as the index's newest-first read would return either.
 */
export function decisionAtFromList<D extends QuoteDecision>(decisions: readonly D[]): DecisionAt<D> {
  const byMarket = new Map<string, D[]>();
  for (const d of decisions) {
    if (d.marketId === 'ALL') continue;
    const list = byMarket.get(d.marketId) ?? [];
    list.push(d);
    byMarket.set(d.marketId, list);
  }
  for (const list of byMarket.values()) list.sort((a, b) => a.timeMs - b.timeMs);
  return (marketId, tMs) => {
    const list = byMarket.get(marketId);
    if (!list) return null;
    // Last index with timeMs ≤ tMs.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid] as D).timeMs <= tMs) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? null : list[lo - 1];
  };
}

// The trade log holds duplicates (contract §5.8: re-logged fills after a failed startup scan,
// overlapping reads). A fill is identified by its Kalshi trade id; items without one are
// identified by their sort key, which is all we have.
import type { Fill } from './types.js';

/** Plain code-unit comparison: locale-independent and the same order DynamoDB and Python use. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Which of two items with the same identity survives: smallest sort key, then smallest date. */
function preferred(a: Fill, b: Fill): Fill {
  const bySortKey = compareStrings(a.sortKey, b.sortKey);
  if (bySortKey !== 0) return bySortKey < 0 ? a : b;
  return compareStrings(a.date, b.date) <= 0 ? a : b;
}

/** The identity used for de-duplication; the prefixes keep the two namespaces apart. */
export function fillIdentity(fill: Fill): string {
  return fill.fillId !== null ? `id:${fill.fillId}` : `sk:${fill.sortKey}`;
}

/**
 * One item per fill_id (the one with the smallest sort key); items with a null fill_id are kept,
 * one per sort key. Output order is unspecified; use {@link sortForReplay}.
 */
export function dedupeFills(fills: readonly Fill[]): Fill[] {
  const byIdentity = new Map<string, Fill>();
  for (const fill of fills) {
    const key = fillIdentity(fill);
    const seen = byIdentity.get(key);
    byIdentity.set(key, seen === undefined ? fill : preferred(seen, fill));
  }
  return [...byIdentity.values()];
}

/**
 * Replay order: fill time, then fill_id. Items without a fill_id use their sort key in its place,
 * and the sort key and date break any remaining tie, so the order is total and deterministic.
 */
export function compareReplayOrder(a: Fill, b: Fill): number {
  if (a.fillTimeMs !== b.fillTimeMs) return a.fillTimeMs - b.fillTimeMs;
  return (
    compareStrings(a.fillId ?? a.sortKey, b.fillId ?? b.sortKey) ||
    compareStrings(a.sortKey, b.sortKey) ||
    compareStrings(a.date, b.date)
  );
}

/** A new array in replay order. */
export function sortForReplay(fills: readonly Fill[]): Fill[] {
  return [...fills].sort(compareReplayOrder);
}

/** De-duplicated and in replay order: what every figure is computed from. */
export function prepareFills(fills: readonly Fill[]): Fill[] {
  return sortForReplay(dedupeFills(fills));
}

// The decision in force at a time (the newest at or before it: mid-at.ts) answered from decisions
// already read, instead of by a lookup of its own. Quality reads a market's newest decisions of the
// range for quote health anyway; markouts and attribution need the decision in force at times that
// often fall inside that same stretch (fills near the range's end, their first horizons, the mark
// at its end). Each answer saved is one index read.
import { toNaiveIso } from './time.js';
import type { QuoteDecision } from './types.js';

/**
 * Answers for the times that `window` provably holds; the other times are left out (look them up).
 *
 * `window`: a market's decisions as newest-first index reads from `toMs`'s bound down returned them —
 * every decodable item of a prefix of the index order, in that order (pages concatenated through
 * their cursors), decoded as the lookups decode (an item one decoder skips, the other must too).
 *
 * A lookup for t reads the index newest first from t's bound (its naive ISO form at …999 µs,
 * compared with the raw sort key, as the key condition compares) and answers with the first item
 * that decodes. For t ≤ toMs every item between the window's top and t's bound was read, in the
 * index's order, ties included; so the first window decision stamped at or before t's bound is that
 * lookup's answer — also when it is the oldest one read and unread ties follow it (the lookup meets
 * it before them). Times above toMs lie beyond the window; a time whose bound is below every
 * decision read may have its answer below the window: neither is answered. (A lookup that meets
 * five undecodable items in a row gives up with none; this reads past them. Corrupt data only.)
 */
export function inForceFromWindow<D extends QuoteDecision>(
  window: readonly D[],
  toMs: number,
  timesMs: readonly number[],
): Map<number, D> {
  const out = new Map<number, D>();
  // Newest first, as the window: each answer lies at or below the previous one's.
  const times = [...new Set(timesMs)].filter((t) => t <= toMs).sort((a, b) => b - a);
  let j = 0;
  for (const t of times) {
    const bound = toNaiveIso(t, 999);
    while (j < window.length && (window[j] as D).timestampRaw > bound) j++;
    if (j === window.length) break;
    out.set(t, window[j] as D);
  }
  return out;
}

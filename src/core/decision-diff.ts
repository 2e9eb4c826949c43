// What changed from one decision of a market to the next (issue 19, "decision diffs"): the decisions
// tab can show only the decisions that changed a quote, with what changed beside each. Pure: the
// caller pairs each decision with the one before it (the market's previous loop).
import { formatContracts, formatPrice } from './format.js';
import { targetsKey } from './targets-key.js';
import type { BidAsk, PriceCalc, TargetQuote } from './types.js';

/** The fields a diff reads: core's Decision and the API's decision JSON both have them. */
export interface DiffableDecision {
  botRunId: string | null;
  botVersion: string | null;
  inventory: number | null;
  priceCalc: Pick<PriceCalc, 'fairValue' | 'skew' | 'logic'> | null;
  priceCalcEmpty: boolean;
  targetQuotes: readonly TargetQuote[];
}

export type ChangeKind = 'quote' | 'fairValue' | 'skew' | 'inventory' | 'filter' | 'run' | 'version';

export interface DecisionChange {
  kind: ChangeKind;
  /** Short, in the app's price format: `bid $0.440×10 → $0.450×5`, `fv $0.452 → $0.460`, `inv +3 → +5`. */
  text: string;
}

/** Below this a price moved by float noise, not by the strategy (a tenth of a cent). */
const PRICE_EPS = 0.0005;

function sideQuote(quotes: readonly TargetQuote[], side: BidAsk): TargetQuote | null {
  return quotes.find((q) => q.side === side) ?? null;
}

function quoteText(q: TargetQuote | null): string {
  return q ? `${formatPrice(q.priceYes)}×${formatContracts(q.size)}` : 'none';
}

function moved(a: number | null | undefined, b: number | null | undefined): boolean {
  if (a == null || b == null) return (a == null) !== (b == null);
  return Math.abs(a - b) > PRICE_EPS;
}

/**
 * The changes from `prev` to `cur`, quote changes first. With no `prev` (the first decision read)
 * nothing can be said: an empty list, and `quoteChanged` says false.
 */
export function decisionChanges(cur: DiffableDecision, prev: DiffableDecision | null): DecisionChange[] {
  if (!prev) return [];
  const out: DecisionChange[] = [];
  if (targetsKey(cur) !== targetsKey(prev)) {
    for (const side of ['bid', 'ask'] as const) {
      const a = sideQuote(prev.targetQuotes, side);
      const b = sideQuote(cur.targetQuotes, side);
      if (quoteText(a) !== quoteText(b))
        out.push({ kind: 'quote', text: `${side} ${quoteText(a)} → ${quoteText(b)}` });
    }
    // Same best quote per side but a different set (a second level): say so rather than nothing.
    if (out.length === 0)
      out.push({ kind: 'quote', text: `quotes ${prev.targetQuotes.length} → ${cur.targetQuotes.length}` });
  }
  const fvA = prev.priceCalc?.fairValue ?? null;
  const fvB = cur.priceCalc?.fairValue ?? null;
  if (moved(fvA, fvB)) out.push({ kind: 'fairValue', text: `fv ${formatPrice(fvA)} → ${formatPrice(fvB)}` });
  const skA = prev.priceCalc?.skew ?? null;
  const skB = cur.priceCalc?.skew ?? null;
  if (moved(skA, skB)) out.push({ kind: 'skew', text: `skew ${formatPrice(skA)} → ${formatPrice(skB)}` });
  if (prev.inventory !== cur.inventory) {
    out.push({
      kind: 'inventory',
      text: `inv ${formatContracts(prev.inventory, { plus: true })} → ${formatContracts(cur.inventory, { plus: true })}`,
    });
  }
  // The strategy skipped the market (empty price_calc: the volatility filter) or stopped skipping.
  if (prev.priceCalcEmpty !== cur.priceCalcEmpty) {
    out.push({ kind: 'filter', text: cur.priceCalcEmpty ? 'filter on (market skipped)' : 'filter off' });
  }
  if (prev.botRunId !== cur.botRunId) out.push({ kind: 'run', text: 'bot restarted (new run)' });
  if (prev.botVersion !== cur.botVersion) {
    out.push({ kind: 'version', text: `version ${prev.botVersion ?? '?'} → ${cur.botVersion ?? '?'}` });
  }
  return out;
}

/** Whether the decision changed a target quote (side, price or size) from the one before it. */
export function quoteChanged(cur: DiffableDecision, prev: DiffableDecision | null): boolean {
  return prev !== null && targetsKey(cur) !== targetsKey(prev);
}

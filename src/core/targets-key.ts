// A decision's target set as a comparable key: (side, price to 4 dp, size), order-free. Shared by
// the chains (a requote that should have cancelled) and quote health / decision diffs (requotes).
import type { TargetQuote } from './types.js';

export function targetsKey(d: { readonly targetQuotes: readonly TargetQuote[] }): string {
  return d.targetQuotes
    .map((q) => `${q.side}@${q.priceYes.toFixed(4)}x${q.size}`)
    .sort()
    .join(',');
}
